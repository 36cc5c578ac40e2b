/*
 * backtrace.c
 *		backtrace(incident_ids bigint[]): who answers for each incident, in
 *		what capacity and why (A1, A2, A3; rules.md §2), as of the moment it
 *		happened.
 *
 * For each incident: first the people of the failed work (handler,
 * reviewer, approver, whoever instructed, the decision-maker and the
 * participants of a collective decision, each by the rule the facts call
 * for), or, where no work is recorded, whoever answered for the failed step
 * or duty then; the duty's supervisory owners; the head of a higher organ
 * that changed the act.  Then, layer by layer up the chain of command from
 * the post the failure started from (through the leader in charge of the
 * failed object's domain), the leaders, as far up as the incident's severity
 * and category reach; a vacant post on the way is reported and passes the
 * responsibility up, and acting holders answer for their acting time.
 *
 * The rules (trace_rule), the reach (trace_reach) and the categories pursued
 * severely (trace_category) are policy data, read at each call: the
 * tenant's rows over the defaults.  The facts are read through SPI, a few
 * set-based queries per call whatever the number of incidents, under the
 * calling statement's snapshot and the caller's privileges; the chains are
 * walked over the same image as command_chain (org_image.h).  Every query
 * names the current tenant: the image bypasses row-level security.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "command_chain.h"
#include "org_image.h"
#include "rchain.h"
#include "tenant.h"

PG_FUNCTION_INFO_V1(backtrace_incidents);

/* The rules, as trace_rule names them. */
typedef enum TraceRule
{
	R_HANDLER_ERROR,
	R_REVIEWER_MISSED,
	R_APPROVER_MISSED,
	R_REVIEWER_OVERRULED,
	R_HANDLER_OVERRULED,
	R_APPROVER_AFTER_OVERRULING,
	R_APPROVER_OVERRULED,
	R_OVERRULED_BELOW,
	R_INSTRUCTED,
	R_DECISION_MAKER,
	R_DECISION_WRONG_VIEW,
	R_DECISION_RIGHT_VIEW,
	R_HIGHER_ORGAN_CHANGED,
	R_STEP_OWNER,
	R_DUTY_OWNER,
	R_SUPERVISOR,
	R_NO_OWNER,
	R_SUPERIOR,
	R_UNIT_HEAD,
	R_IN_CHARGE,
	R_HEAD,
	R_HEAD_DECISION_MAJOR_LOSS,
	R_VACANT,
	NUM_RULES
} TraceRule;

static const char *const RuleCodes[NUM_RULES] = {
	"handler_error", "reviewer_missed", "approver_missed", "reviewer_overruled",
	"handler_overruled", "approver_after_overruling", "approver_overruled",
	"overruled_below", "instructed", "decision_maker", "decision_wrong_view",
	"decision_right_view", "higher_organ_changed", "step_owner", "duty_owner",
	"supervisor", "no_owner", "superior", "unit_head", "in_charge", "head",
	"head_decision_major_loss", "vacant"
};

#define NUM_KINDS 4
static const char *const KindCodes[NUM_KINDS] = {
	"direct", "main_leadership", "important_leadership", "supervisory"
};

#define NUM_SEVERITIES 3
static const char *const SeverityCodes[NUM_SEVERITIES] = {
	"general", "serious", "especially_serious"
};

/* The reach is the rank of the last chain role pursued: RChainRole order. */
#define REACH_NONE 0

typedef struct Policy
{
	int			rule_kind[NUM_RULES];	/* index into KindCodes, -1 none */
	char	   *rule_en[NUM_RULES];
	char	   *rule_zh[NUM_RULES];
	char	   *kind_en[NUM_KINDS];
	char	   *kind_zh[NUM_KINDS];
	Datum		kind_datum[NUM_KINDS];	/* the responsibility_kind values */
	int			reach[NUM_SEVERITIES][2];	/* [severity][severe category] */
	List	   *severe_categories;	/* of char *, the categories pursued severely */
} Policy;

typedef struct Actor
{
	int64		incident_id;
	char		role[16];
	int64		person_id;
	int64		position_id;	/* 0 when not given */
	char		view;			/* 'w', 'r' or 0 */
} Actor;

typedef struct Incident
{
	int64		id;
	TimestampTz at;
	char	   *category;
	int			severity;
	bool		major_loss;
	bool		is_decision;
	bool		reviewer_overruled;
	bool		approver_overruled;
	int64		changed_by;		/* head post of a higher organ, or 0 */
	text	   *domain;			/* of the failed duty or process, or NULL */
	bool		has_step;
	bool		has_duty;
	int64		step_owner;		/* post owning the step then, or 0 */
	int			nprimaries;
	int64	   *primaries;		/* primary owners of the duty then */
	int			nsupervisors;
	int64	   *supervisors;	/* its supervisory owners then */
	int64		head_post;		/* the head post of the incident's unit then */
} Incident;

/* What one call emits into. */
typedef struct Out
{
	ReturnSetInfo *rsinfo;
	const Policy *policy;
	const Incident *inc;
	RChain	   *chain;
	int64	   *persons;		/* persons with a row already, this incident */
	int			npersons;
} Out;

static int
RuleByCode(const char *code)
{
	for (int i = 0; i < NUM_RULES; i++)
		if (strcmp(RuleCodes[i], code) == 0)
			return i;
	return -1;
}

static int
IndexOf(const char *const *codes, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return i;
	return -1;
}

static int
ReachRank(const char *reach)
{
	if (strcmp(reach, "superior") == 0)
		return RCHAIN_ROLE_SUPERIOR;
	if (strcmp(reach, "unit_head") == 0)
		return RCHAIN_ROLE_UNIT_HEAD;
	if (strcmp(reach, "in_charge") == 0)
		return RCHAIN_ROLE_IN_CHARGE;
	if (strcmp(reach, "head") == 0)
		return RCHAIN_ROLE_HEAD;
	return REACH_NONE;
}

/* Column i of the current SPI row as a palloc'd string (in CurrentMemoryContext), or NULL. */
static char *
GetText(HeapTuple tup, TupleDesc desc, int i)
{
	return SPI_getvalue(tup, desc, i);
}

static int64
GetInt64(HeapTuple tup, TupleDesc desc, int i)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, i, &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

static bool
GetBool(HeapTuple tup, TupleDesc desc, int i)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, i, &isnull);

	return !isnull && DatumGetBool(d);
}

/* A bigint[] column as a C array in CurrentMemoryContext. */
static int
GetIds(HeapTuple tup, TupleDesc desc, int i, int64 **ids)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, i, &isnull);
	Datum	   *values;
	bool	   *nulls;
	int			n;

	*ids = NULL;
	if (isnull)
		return 0;
	deconstruct_array(DatumGetArrayTypeP(d), INT8OID, sizeof(int64), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &values, &nulls, &n);
	*ids = palloc(sizeof(int64) * Max(n, 1));
	for (int k = 0; k < n; k++)
		(*ids)[k] = DatumGetInt64(values[k]);
	return n;
}

/*
 * Reads the policy of the tenant (its rows over the defaults) and the words
 * of the kinds.  Runs inside SPI; allocates in the caller's context.
 */
static void
LoadPolicy(const char *schema, int32 tenant, Oid kind_type, MemoryContext cxt, Policy *policy)
{
	Oid			argtypes[1] = {INT4OID};
	Datum		args[1] = {Int32GetDatum(tenant)};
	StringInfoData q;
	MemoryContext old;
	bool		have_rule[NUM_RULES] = {0};

	memset(policy, 0, sizeof(Policy));
	initStringInfo(&q);

	appendStringInfo(&q,
					 "SELECT rule, kind::text, label_en, label_zh FROM %s.trace_rule "
					 "WHERE tenant_id IS NULL OR tenant_id = $1 ORDER BY tenant_id NULLS FIRST, rule",
					 schema);
	if (SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read trace_rule");
	old = MemoryContextSwitchTo(cxt);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		int			rule = RuleByCode(GetText(tup, desc, 1));
		char	   *kind = GetText(tup, desc, 2);

		if (rule < 0)
			continue;
		policy->rule_kind[rule] = kind ? IndexOf(KindCodes, NUM_KINDS, kind) : -1;
		policy->rule_en[rule] = GetText(tup, desc, 3);
		policy->rule_zh[rule] = GetText(tup, desc, 4);
		have_rule[rule] = true;
	}
	MemoryContextSwitchTo(old);
	for (int i = 0; i < NUM_RULES; i++)
		if (!have_rule[i])
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the back-trace rule \"%s\" is missing", RuleCodes[i]),
					 errdetail("trace_rule has no row for it, neither the tenant's nor the default."),
					 errhint("Restore the default row (tenant_id NULL) or add the tenant's own.")));

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT severity::text, severe_category, reach FROM %s.trace_reach "
					 "WHERE tenant_id IS NULL OR tenant_id = $1 ORDER BY tenant_id NULLS FIRST",
					 schema);
	if (SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read trace_reach");
	for (int s = 0; s < NUM_SEVERITIES; s++)
		policy->reach[s][0] = policy->reach[s][1] = RCHAIN_ROLE_HEAD;
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		int			s = IndexOf(SeverityCodes, NUM_SEVERITIES, GetText(tup, desc, 1));

		if (s >= 0)
			policy->reach[s][GetBool(tup, desc, 2) ? 1 : 0] = ReachRank(GetText(tup, desc, 3));
	}

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT category::text, severe FROM %s.trace_category c "
					 "WHERE (tenant_id IS NULL OR tenant_id = $1) "
					 "AND NOT EXISTS (SELECT FROM %s.trace_category o WHERE o.tenant_id = $1 "
					 "AND c.tenant_id IS NULL AND o.category = c.category)",
					 schema, schema);
	if (SPI_execute_with_args(q.data, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read trace_category");
	old = MemoryContextSwitchTo(cxt);
	for (uint64 r = 0; r < SPI_processed; r++)
		if (GetBool(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2))
			policy->severe_categories = lappend(policy->severe_categories,
												GetText(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1));
	MemoryContextSwitchTo(old);

	resetStringInfo(&q);
	appendStringInfo(&q, "SELECT code, label_en, label_zh FROM %s.label WHERE domain = 'responsibility_kind'",
					 schema);
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the labels");
	old = MemoryContextSwitchTo(cxt);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		int			k = IndexOf(KindCodes, NUM_KINDS, GetText(tup, SPI_tuptable->tupdesc, 1));

		if (k >= 0)
		{
			policy->kind_en[k] = GetText(tup, SPI_tuptable->tupdesc, 2);
			policy->kind_zh[k] = GetText(tup, SPI_tuptable->tupdesc, 3);
		}
	}
	for (int k = 0; k < NUM_KINDS; k++)
	{
		if (policy->kind_en[k] == NULL)
			policy->kind_en[k] = pstrdup(KindCodes[k]);
		if (policy->kind_zh[k] == NULL)
			policy->kind_zh[k] = pstrdup(KindCodes[k]);
		policy->kind_datum[k] = OidFunctionCall2(F_ENUM_IN, CStringGetDatum(KindCodes[k]),
												 ObjectIdGetDatum(kind_type));
	}
	MemoryContextSwitchTo(old);
	pfree(q.data);
}

/*
 * Reads the incidents, in the order asked, with the owners of their failed
 * step or duty at their moment, and their actors.
 */
static int
LoadIncidents(const char *schema, int32 tenant, ArrayType *ids, MemoryContext cxt,
			  Incident **incidents, Actor **actors, int *nactors)
{
	Oid			argtypes[2] = {INT8ARRAYOID, INT4OID};
	Datum		args[2] = {PointerGetDatum(ids), Int32GetDatum(tenant)};
	StringInfoData q;
	MemoryContext old;
	int			n;
	int			asked = ArrayGetNItems(ARR_NDIM(ids), ARR_DIMS(ids));

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT x.id, i.incident_id, i.occurred_at, i.category::text, i.severity::text, i.major_loss, "
					 "i.is_decision, i.reviewer_overruled, i.approver_overruled, i.changed_by_position_id, "
					 "COALESCE(d.domain, p.domain), i.step_id IS NOT NULL, i.duty_id IS NOT NULL, "
					 "(SELECT o.position_id FROM %1$s.step_owner o WHERE o.tenant_id = i.tenant_id "
					 "  AND o.step_id = i.step_id AND o.during @> i.occurred_at ORDER BY o.step_owner_id LIMIT 1), "
					 "ARRAY(SELECT o.position_id FROM %1$s.duty_owner o WHERE o.tenant_id = i.tenant_id "
					 "  AND o.duty_id = i.duty_id AND o.kind = 'primary' AND o.during @> i.occurred_at ORDER BY o.position_id), "
					 "ARRAY(SELECT o.position_id FROM %1$s.duty_owner o WHERE o.tenant_id = i.tenant_id "
					 "  AND o.duty_id = i.duty_id AND o.kind = 'supervisory' AND o.during @> i.occurred_at ORDER BY o.position_id), "
					 "(SELECT po.position_id FROM %1$s.position po WHERE po.tenant_id = i.tenant_id "
					 "  AND po.unit_id = i.unit_id AND po.kind = 'head' AND po.valid @> i.occurred_at ORDER BY po.position_id LIMIT 1) "
					 "FROM unnest($1) WITH ORDINALITY AS x(id, ord) "
					 "LEFT JOIN %1$s.incident i ON i.tenant_id = $2 AND i.incident_id = x.id "
					 "LEFT JOIN %1$s.duty d ON d.tenant_id = i.tenant_id AND d.duty_id = i.duty_id "
					 "LEFT JOIN %1$s.process_step st ON st.tenant_id = i.tenant_id AND st.step_id = i.step_id "
					 "LEFT JOIN %1$s.process p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id "
					 "ORDER BY x.ord",
					 schema);
	if (SPI_execute_with_args(q.data, 2, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the incidents");
	if (SPI_processed != (uint64) asked)
		elog(ERROR, "back-trace read %llu incidents of %d", (unsigned long long) SPI_processed, asked);

	old = MemoryContextSwitchTo(cxt);
	n = (int) SPI_processed;
	*incidents = palloc0(sizeof(Incident) * Max(n, 1));
	for (int r = 0; r < n; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Incident   *inc = &(*incidents)[r];
		bool		isnull;
		Datum		d;

		inc->id = GetInt64(tup, desc, 1);
		(void) SPI_getbinval(tup, desc, 2, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("incident " INT64_FORMAT " does not exist", inc->id),
					 errdetail("No incident has this id in the current tenant.")));
		inc->at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 3, &isnull));
		inc->category = GetText(tup, desc, 4);
		inc->severity = IndexOf(SeverityCodes, NUM_SEVERITIES, GetText(tup, desc, 5));
		inc->major_loss = GetBool(tup, desc, 6);
		inc->is_decision = GetBool(tup, desc, 7);
		inc->reviewer_overruled = GetBool(tup, desc, 8);
		inc->approver_overruled = GetBool(tup, desc, 9);
		inc->changed_by = GetInt64(tup, desc, 10);
		d = SPI_getbinval(tup, desc, 11, &isnull);
		inc->domain = isnull ? NULL : DatumGetTextPCopy(d);
		inc->has_step = GetBool(tup, desc, 12);
		inc->has_duty = GetBool(tup, desc, 13);
		inc->step_owner = GetInt64(tup, desc, 14);
		inc->nprimaries = GetIds(tup, desc, 15, &inc->primaries);
		inc->nsupervisors = GetIds(tup, desc, 16, &inc->supervisors);
		inc->head_post = GetInt64(tup, desc, 17);
	}
	MemoryContextSwitchTo(old);

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT a.incident_id, a.role::text, a.person_id, a.position_id, a.view "
					 "FROM %s.incident_actor a WHERE a.tenant_id = $2 AND a.incident_id = ANY ($1) "
					 "ORDER BY a.incident_id, a.role, a.person_id",
					 schema);
	if (SPI_execute_with_args(q.data, 2, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the incidents' actors");
	old = MemoryContextSwitchTo(cxt);
	*nactors = (int) SPI_processed;
	*actors = palloc0(sizeof(Actor) * Max(*nactors, 1));
	for (int r = 0; r < *nactors; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Actor	   *a = &(*actors)[r];
		char	   *view = GetText(tup, desc, 5);

		a->incident_id = GetInt64(tup, desc, 1);
		strlcpy(a->role, GetText(tup, desc, 2), sizeof(a->role));
		a->person_id = GetInt64(tup, desc, 3);
		a->position_id = GetInt64(tup, desc, 4);
		a->view = view ? view[0] : 0;
	}
	MemoryContextSwitchTo(old);
	pfree(q.data);
	return n;
}

/* The level of a post: its depth in the incident's chain, 1 when not on it. */
static int
LevelOf(const RChain *chain, int64 position_id)
{
	for (int i = 0; i < chain->nlinks; i++)
		if (chain->links[i].position_id == position_id)
			return i + 1;
	return 1;
}

static bool
HasRow(const Out *out, int64 person_id)
{
	for (int i = 0; i < out->npersons; i++)
		if (out->persons[i] == person_id)
			return true;
	return false;
}

static const char *const TenureWordsEn[RCHAIN_NUM_TENURES] = {"vacant", "", ", acting", ", concurrently", ", absent"};
static const char *const TenureWordsZh[RCHAIN_NUM_TENURES] = {"空缺", "", "，代理", "，兼任", "，缺位"};

/*
 * Emits one row: person_id 0 is a post nobody answered for (vacant, or the
 * holder absent with nobody acting).
 */
static void
Emit(Out *out, int level, int64 person_id, int64 position_id, uint8 tenure, TraceRule rule)
{
	const Policy *policy = out->policy;
	int			kind = policy->rule_kind[rule];
	Datum		values[10];
	bool		nulls[10] = {0};
	StringInfoData en,
				zh;

	initStringInfo(&en);
	initStringInfo(&zh);
	if (person_id != 0)
	{
		appendStringInfo(&en, "person " INT64_FORMAT, person_id);
		appendStringInfo(&zh, "人员" INT64_FORMAT, person_id);
		if (position_id != 0)
		{
			appendStringInfo(&en, " (post " INT64_FORMAT "%s)", position_id, TenureWordsEn[tenure]);
			appendStringInfo(&zh, "（岗位" INT64_FORMAT "%s）", position_id, TenureWordsZh[tenure]);
		}
	}
	else
	{
		appendStringInfo(&en, "post " INT64_FORMAT, position_id);
		appendStringInfo(&zh, "岗位" INT64_FORMAT, position_id);
	}
	appendStringInfo(&en, ": %s; %s.", policy->rule_en[rule],
					 kind >= 0 ? policy->kind_en[kind] : "no responsibility");
	appendStringInfo(&zh, "：%s；%s。", policy->rule_zh[rule],
					 kind >= 0 ? policy->kind_zh[kind] : "不承担责任");

	values[0] = Int64GetDatum(out->inc->id);
	values[1] = Int32GetDatum(level);
	values[2] = Int64GetDatum(person_id);
	nulls[2] = person_id == 0;
	values[3] = Int64GetDatum(position_id);
	nulls[3] = position_id == 0;
	values[4] = kind >= 0 ? policy->kind_datum[kind] : (Datum) 0;
	nulls[4] = kind < 0;
	values[5] = CStringGetTextDatum(RuleCodes[rule]);
	values[6] = CStringGetTextDatum(en.data);
	values[7] = CStringGetTextDatum(zh.data);
	values[8] = PointerGetDatum(out->chain);
	nulls[8] = out->chain == NULL;
	values[9] = CStringGetTextDatum(RChainTenureNames[tenure]);
	nulls[9] = position_id == 0;
	tuplestore_putvalues(out->rsinfo->setResult, out->rsinfo->setDesc, values, nulls);
	if (person_id != 0)
		out->persons[out->npersons++] = person_id;
	pfree(en.data);
	pfree(zh.data);
}

/*
 * Emits the row of whoever answered for a post at the incident's moment, by
 * the rule; a post nobody answered for gets a 'vacant' row instead.  Returns
 * whether somebody answered.
 */
static bool
EmitPost(Out *out, TenantImage *img, int64 position_id, TraceRule rule, int level)
{
	const ImagePost *p = OrgImagePost(img, position_id);
	uint8		tenure = RCHAIN_TENURE_VACANT;
	int64		person = 0;

	if (p != NULL && SpanContains(&p->valid, out->inc->at))
		person = OrgPostAnswerAt(p, out->inc->at, &tenure);
	if (person == 0)
	{
		Emit(out, level, 0, position_id, tenure == RCHAIN_TENURE_ABSENT ? tenure : RCHAIN_TENURE_VACANT, R_VACANT);
		return false;
	}
	if (!HasRow(out, person))
		Emit(out, level, person, position_id, tenure, rule);
	return true;
}

static TraceRule
ActorRule(const Incident *inc, const Actor *a)
{
	if (strcmp(a->role, "handler") == 0)
		return inc->approver_overruled ? R_OVERRULED_BELOW :
			inc->reviewer_overruled ? R_HANDLER_OVERRULED : R_HANDLER_ERROR;
	if (strcmp(a->role, "reviewer") == 0)
		return inc->approver_overruled ? R_OVERRULED_BELOW :
			inc->reviewer_overruled ? R_REVIEWER_OVERRULED : R_REVIEWER_MISSED;
	if (strcmp(a->role, "approver") == 0)
		return inc->approver_overruled ? R_APPROVER_OVERRULED :
			inc->reviewer_overruled ? R_APPROVER_AFTER_OVERRULING : R_APPROVER_MISSED;
	if (strcmp(a->role, "instructor") == 0)
		return R_INSTRUCTED;
	if (strcmp(a->role, "decision_maker") == 0)
		return R_DECISION_MAKER;
	return a->view == 'r' ? R_DECISION_RIGHT_VIEW : R_DECISION_WRONG_VIEW;
}

/* The order in which actors' posts are tried as the start of the climb. */
static int
AnchorPreference(const char *role)
{
	static const char *const order[] = {"handler", "reviewer", "approver", "decision_maker", "instructor", "participant"};

	for (int i = 0; i < lengthof(order); i++)
		if (strcmp(order[i], role) == 0)
			return i;
	return lengthof(order);
}

static void
TraceIncident(Out *out, TenantImage *img, Oid fn_oid, int32 tenant,
			  const Actor *actors, int nactors)
{
	const Incident *inc = out->inc;
	const Policy *policy = out->policy;
	int64		anchor = 0;
	int			anchor_pref = INT_MAX;
	bool		anchor_answers = true;	/* the anchor's holder has a row already */
	bool		severe = false;
	int			reach;
	int64		domain_leader = 0;
	const ImagePost *start;
	ListCell   *lc;

	/* the post the climb starts from */
	for (int i = 0; i < nactors; i++)
		if (actors[i].position_id != 0 && AnchorPreference(actors[i].role) < anchor_pref)
		{
			anchor = actors[i].position_id;
			anchor_pref = AnchorPreference(actors[i].role);
		}
	if (anchor == 0 && nactors == 0)
	{
		if (inc->has_step && inc->step_owner != 0)
			anchor = inc->step_owner;
		else if (!inc->has_step && inc->has_duty && inc->nprimaries > 0)
			anchor = inc->primaries[0];
	}
	if (anchor == 0)
	{
		anchor = inc->head_post;
		anchor_answers = false;
	}

	if (inc->domain != NULL)
		domain_leader = DomainLeader(fn_oid, tenant, inc->domain, inc->at);
	start = anchor != 0 ? OrgImagePost(img, anchor) : NULL;
	if (start != NULL && SpanContains(&start->valid, inc->at))
		out->chain = BuildCommandChain(img, start, inc->at, domain_leader);
	else
		out->chain = NULL;

	/* the people of the failed work, or the owners then */
	if (nactors > 0)
	{
		for (int i = 0; i < nactors; i++)
		{
			const Actor *a = &actors[i];
			const ImagePost *p = a->position_id ? OrgImagePost(img, a->position_id) : NULL;
			uint8		tenure = RCHAIN_TENURE_HOLDER;

			/* how the actor held the post, when it was theirs then */
			if (p != NULL && SpanContains(&p->valid, inc->at) &&
				OrgPostAnswerAt(p, inc->at, &tenure) != a->person_id)
				tenure = RCHAIN_TENURE_HOLDER;
			if (!HasRow(out, a->person_id))
				Emit(out, out->chain ? LevelOf(out->chain, a->position_id) : 1,
					 a->person_id, a->position_id, tenure, ActorRule(inc, a));
		}
	}
	else if (inc->has_step)
	{
		if (inc->step_owner != 0)
			(void) EmitPost(out, img, inc->step_owner, R_STEP_OWNER, 1);
		else
			Emit(out, 1, 0, inc->head_post, RCHAIN_TENURE_VACANT, R_NO_OWNER);
	}
	else if (inc->has_duty)
	{
		for (int i = 0; i < inc->nprimaries; i++)
			(void) EmitPost(out, img, inc->primaries[i], R_DUTY_OWNER, 1);
		if (inc->nprimaries == 0)
			Emit(out, 1, 0, inc->head_post, RCHAIN_TENURE_VACANT, R_NO_OWNER);
	}
	if (inc->has_duty)
		for (int i = 0; i < inc->nsupervisors; i++)
			(void) EmitPost(out, img, inc->supervisors[i], R_SUPERVISOR, 1);
	if (inc->changed_by != 0)
		(void) EmitPost(out, img, inc->changed_by, R_HIGHER_ORGAN_CHANGED, 1);

	/* then the leaders, layer by layer, as far up as the incident reaches */
	foreach(lc, policy->severe_categories)
		if (strcmp((char *) lfirst(lc), inc->category) == 0)
			severe = true;
	reach = inc->severity >= 0 ? policy->reach[inc->severity][severe ? 1 : 0] : RCHAIN_ROLE_HEAD;
	if (inc->is_decision && inc->major_loss)
		reach = RCHAIN_ROLE_HEAD;
	if (out->chain == NULL || reach == REACH_NONE)
		return;
	/* a climb from a unit's head post has reached that rank already */
	if (anchor_answers && start->is_head && RCHAIN_ROLE_UNIT_HEAD >= reach)
		return;
	for (int i = anchor_answers ? 1 : 0; i < out->chain->nlinks; i++)
	{
		const RChainLink *link = &out->chain->links[i];
		int			role = link->role;
		TraceRule	rule;

		if (role == RCHAIN_ROLE_POST)	/* the climb starts at a unit's head post */
			role = RCHAIN_ROLE_UNIT_HEAD;
		switch (role)
		{
			case RCHAIN_ROLE_SUPERIOR:
				rule = R_SUPERIOR;
				break;
			case RCHAIN_ROLE_UNIT_HEAD:
				rule = R_UNIT_HEAD;
				break;
			case RCHAIN_ROLE_IN_CHARGE:
				rule = R_IN_CHARGE;
				break;
			default:
				rule = inc->is_decision && inc->major_loss ? R_HEAD_DECISION_MAJOR_LOSS : R_HEAD;
				break;
		}
		if (link->person_id == 0)
		{
			/* nobody answered: reported, and the responsibility passes up */
			Emit(out, i + 1, 0, link->position_id, link->tenure, R_VACANT);
			continue;
		}
		if (!HasRow(out, link->person_id))
			Emit(out, i + 1, link->person_id, link->position_id, link->tenure, rule);
		if (role >= reach)
			break;
	}
}

/*
 * backtrace_incidents
 *		SQL: backtrace(incident_ids bigint[]) returns setof (incident_id,
 *		level, person_id, position_id, kind, rule, explanation,
 *		explanation_zh, chain, tenure).
 */
Datum
backtrace_incidents(PG_FUNCTION_ARGS)
{
	ArrayType  *ids = PG_GETARG_ARRAYTYPE_P(0);
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt = CurrentMemoryContext;
	const char *schema;
	int32		tenant;
	Policy		policy;
	Incident   *incidents;
	Actor	   *actors;
	int			nactors;
	int			n;
	TenantImage *img;
	Out			out;
	Oid			kind_type;

	if (ARR_NDIM(ids) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("incident ids must be a one-dimensional array")));
	if (array_contains_nulls(ids))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("incident ids must not contain NULL")));

	InitMaterializedSRF(fcinfo, 0);
	kind_type = TupleDescAttr(rsinfo->setDesc, 4)->atttypid;
	schema = quote_identifier(get_namespace_name(get_func_namespace(fn_oid)));
	tenant = CurrentTenantId(fn_oid);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	LoadPolicy(schema, tenant, kind_type, cxt, &policy);
	n = LoadIncidents(schema, tenant, ids, cxt, &incidents, &actors, &nactors);
	SPI_finish();

	img = OrgImageOpen(fn_oid, tenant);
	memset(&out, 0, sizeof(out));
	out.rsinfo = rsinfo;
	out.policy = &policy;
	for (int i = 0; i < n; i++)
	{
		const Actor *first = NULL;
		int			count = 0;
		int			lo = 0,
					hi = nactors;

		/* the incident's actors: a run of the array sorted by incident */
		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (actors[mid].incident_id < incidents[i].id)
				lo = mid + 1;
			else
				hi = mid;
		}
		first = &actors[lo];
		while (lo + count < nactors && actors[lo + count].incident_id == incidents[i].id)
			count++;

		out.inc = &incidents[i];
		out.npersons = 0;
		out.persons = palloc(sizeof(int64) * (count + incidents[i].nprimaries + incidents[i].nsupervisors +
											  RCHAIN_MAX_LINKS + 2));
		TraceIncident(&out, img, fn_oid, tenant, first, count);
		pfree(out.persons);
		if (out.chain)
			pfree(out.chain);
		out.chain = NULL;
	}
	OrgImageClose(img);
	return (Datum) 0;
}
