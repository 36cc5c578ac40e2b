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
 * severely (trace_category) are policy data, read through SPI at each call:
 * the tenant's rows over the defaults.  The facts of each incident (its row,
 * the owners of its step or duty then, its actors) are read by a few index
 * probes under the calling statement's snapshot; the chains are walked over
 * the same image as command_chain (org_image.h).  Probes and image bypass
 * row-level security, so every probe names the current tenant.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cache_inval.h"
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
	R_FALSE_ACCUSATION,
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
	R_OVERDUE,
	R_TOOK_OVER_DIRECT,			/* in KindCodes order: took_over + kind */
	R_TOOK_OVER_MAIN_LEADERSHIP,
	R_TOOK_OVER_IMPORTANT_LEADERSHIP,
	R_TOOK_OVER_SUPERVISORY,
	NUM_RULES
} TraceRule;

static const char *const RuleCodes[] = {
	"handler_error", "reviewer_missed", "approver_missed", "reviewer_overruled",
	"handler_overruled", "approver_after_overruling", "approver_overruled",
	"overruled_below", "instructed", "decision_maker", "decision_wrong_view",
	"decision_right_view", "higher_organ_changed", "false_accusation", "step_owner", "duty_owner",
	"supervisor", "no_owner", "superior", "unit_head", "in_charge", "head",
	"head_decision_major_loss", "vacant", "overdue", "took_over_direct",
	"took_over_main_leadership", "took_over_important_leadership", "took_over_supervisory"
};
StaticAssertDecl(lengthof(RuleCodes) == NUM_RULES, "a code for every rule");

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
	Datum		kind_zh[NUM_KINDS];	/* the kinds in Chinese (label) as text */
	Datum		kind_datum[NUM_KINDS];	/* the responsibility_kind values */
	Datum		rule_code_text[NUM_RULES];	/* the rules' codes and words as text */
	Datum		rule_en_text[NUM_RULES];
	Datum		rule_zh_text[NUM_RULES];
	Datum		tenure_text[RCHAIN_NUM_TENURES];
	int			reach[NUM_SEVERITIES][2];	/* [severity][severe category] */
	List	   *severe_categories;	/* of char *, the categories pursued severely */
	int			nsevere;
	Oid		   *severe;			/* the same, as incident_category values */
} Policy;

typedef struct Actor
{
	char		role[16];
	int64		person_id;
	int64		position_id;	/* 0 when not given */
	char		view;			/* 'w', 'r' or 0 */
} Actor;

typedef struct Incident
{
	int64		id;
	TimestampTz at;
	int64		unit_id;
	Oid			category;		/* incident_category value */
	Oid			severity;		/* severity_tier value */
	bool		major_loss;
	bool		is_decision;
	bool		reviewer_overruled;
	bool		approver_overruled;
	bool		overdue;		/* the failure is a delay (逾期未办) */
	int64		changed_by;		/* head post of a higher organ, or 0 */
	text	   *domain;			/* of the failed duty or process, or NULL */
	bool		has_step;
	bool		has_duty;
	int64		step_owner;		/* post owning the step then, or 0 */
	int			nprimaries;
	int64	   *primaries;		/* primary owners of the duty then */
	int			nsupervisors;
	int64	   *supervisors;	/* its supervisory owners then */
} Incident;

/*
 * A row of one incident's trace.  Rules that name a person again merge into
 * that person's row: the heaviest kind governs, every rule is kept.
 */
typedef struct TraceRow
{
	int			level;
	int64		person_id;		/* 0: a post nobody answered for */
	int64		position_id;
	uint8		tenure;
	bool		dead;			/* merged into a later row */
	uint8		nrules;
	uint8		rules[NUM_RULES];	/* TraceRule, the governing one first */
} TraceRow;

/* What one call emits into. */
typedef struct FactTables FactTables;

typedef struct Out
{
	ReturnSetInfo *rsinfo;
	FactTables *ft;
	const Policy *policy;
	const Incident *inc;
	const Actor *actors;
	int			nactors;
	RChain	   *chain;			/* from the post the climb starts at */
	int64		domain_leader;	/* of the failed object's domain, or 0 */
	TraceRow   *rows;			/* this incident's, in trace order */
	int			nrows;
	int			rows_cap;
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

static bool
GetBool(HeapTuple tup, TupleDesc desc, int i)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, i, &isnull);

	return !isnull && DatumGetBool(d);
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
	appendStringInfo(&q, "SELECT code, label_zh FROM %s.label WHERE domain = 'responsibility_kind'",
					 schema);
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the labels");
	old = MemoryContextSwitchTo(cxt);
	for (int k = 0; k < NUM_KINDS; k++)
		policy->kind_zh[k] = CStringGetTextDatum(KindCodes[k]);
	for (uint64 r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		int			k = IndexOf(KindCodes, NUM_KINDS, GetText(tup, SPI_tuptable->tupdesc, 1));

		if (k >= 0)
			policy->kind_zh[k] = CStringGetTextDatum(GetText(tup, SPI_tuptable->tupdesc, 2));
	}
	for (int k = 0; k < NUM_KINDS; k++)
		policy->kind_datum[k] = OidFunctionCall2(F_ENUM_IN, CStringGetDatum(KindCodes[k]),
												 ObjectIdGetDatum(kind_type));
	for (int i = 0; i < NUM_RULES; i++)
	{
		policy->rule_code_text[i] = CStringGetTextDatum(RuleCodes[i]);
		policy->rule_en_text[i] = CStringGetTextDatum(policy->rule_en[i]);
		policy->rule_zh_text[i] = CStringGetTextDatum(policy->rule_zh[i]);
	}
	for (int i = 0; i < RCHAIN_NUM_TENURES; i++)
		policy->tenure_text[i] = CStringGetTextDatum(RChainTenureNames[i]);
	MemoryContextSwitchTo(old);
	pfree(q.data);
}

/*
 * The facts of an incident are read through the indexes directly: a few
 * probes per incident, where the same in one SPI query cost three times
 * the rest of the trace.  Every probe names the tenant.
 */
/*
 * An index scan kept open for the whole call and rescanned for each probe:
 * beginning a scan costs more than the probe itself.  Every index probed
 * leads with (tenant_id, the key).
 */
typedef struct Probe
{
	Oid			indexoid;
	Relation	index;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	ScanKeyData keys[2];
} Probe;

struct FactTables
{
	Relation	incident,
				duty,
				step,
				process,
				duty_owner,
				step_owner,
				actor,
				position;
	Oid			incident_pkey,
				duty_pkey,
				step_pkey,
				process_pkey,
				duty_owner_idx,
				step_owner_idx,
				actor_pkey,
				position_unit_idx;
	TypeCacheEntry *rangetype;
	Oid			primary,
				supervisory,	/* ownership_kind values */
				head,			/* position_kind 'head' */
				roles[7],		/* work_role values, in WorkRoleCodes order */
				severities[NUM_SEVERITIES];	/* severity_tier values */
	int32		tenant;
	Oid			fn_oid;
	MemoryContext cxt;			/* the call's: what lives across incidents */
	int			natts;			/* column numbers looked up, by name */
	struct
	{
		Oid			rel;
		const char *name;		/* a literal: compared by address */
		AttrNumber	att;
	}			atts[32];
	List	   *domains;		/* of DomainCharges, read once a call each */
	bool		any_domain_charge;	/* the tenant has leaders in charge of domains */
	bool		any_actor;		/* the tenant has recorded who did what */
	int			nprobes;
	Probe		probes[8];		/* one open index scan per index, rescanned */
};

/* Who was in charge of a domain when. */
typedef struct DomainChargeList
{
	text	   *domain;
	int			n;
	ImageCharge *charges;
} DomainChargeList;

/* The leader in charge of the domain at t, each domain read once a call. */
static int64
LeaderOfDomain(FactTables *ft, text *domain, TimestampTz t)
{
	ListCell   *lc;
	DomainChargeList *d;
	MemoryContext old;

	foreach(lc, ft->domains)
	{
		d = (DomainChargeList *) lfirst(lc);
		if (VARSIZE_ANY_EXHDR(d->domain) == VARSIZE_ANY_EXHDR(domain) &&
			memcmp(VARDATA_ANY(d->domain), VARDATA_ANY(domain), VARSIZE_ANY_EXHDR(domain)) == 0)
			return ChargeAt(d->charges, d->n, t);
	}
	old = MemoryContextSwitchTo(ft->cxt);
	d = palloc(sizeof(DomainChargeList));
	d->domain = DatumGetTextPCopy(PointerGetDatum(domain));
	d->charges = DomainCharges(ft->fn_oid, ft->tenant, d->domain, &d->n);
	ft->domains = lappend(ft->domains, d);
	MemoryContextSwitchTo(old);
	return ChargeAt(d->charges, d->n, t);
}

static const char *const WorkRoleCodes[7] = {
	"handler", "reviewer", "approver", "instructor", "decision_maker", "participant", "accuser"
};

static Relation
OpenTable(Oid fn_oid, const char *name)
{
	return table_open(ExtensionRelid(fn_oid, name), AccessShareLock);
}

static AttrNumber
AttByName(Relation rel, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
		if (!TupleDescAttr(desc, i)->attisdropped && strcmp(NameStr(TupleDescAttr(desc, i)->attname), name) == 0)
			return i + 1;
	elog(ERROR, "column %s of %s is missing", name, RelationGetRelationName(rel));
	return InvalidAttrNumber;
}

/* A column's number, looked up once a call (the tables are locked meanwhile). */
static AttrNumber
Att(FactTables *ft, Relation rel, const char *name)
{
	for (int i = 0; i < ft->natts; i++)
		if (ft->atts[i].name == name && ft->atts[i].rel == RelationGetRelid(rel))
			return ft->atts[i].att;
	if (ft->natts == lengthof(ft->atts))
		return AttByName(rel, name);
	ft->atts[ft->natts].rel = RelationGetRelid(rel);
	ft->atts[ft->natts].name = name;
	ft->atts[ft->natts].att = AttByName(rel, name);
	return ft->atts[ft->natts++].att;
}

static Oid
EnumValue(FactTables *ft, Relation rel, const char *column, const char *label)
{
	Oid			type = TupleDescAttr(RelationGetDescr(rel), Att(ft, rel, column) - 1)->atttypid;

	return DatumGetObjectId(OidFunctionCall2(F_ENUM_IN, CStringGetDatum(label), ObjectIdGetDatum(type)));
}

/* Has the tenant any row in this index (which leads with tenant_id)? */
static bool
TenantHasRows(FactTables *ft, Relation rel, Oid indexoid)
{
	Relation	index = index_open(indexoid, AccessShareLock);
	IndexScanDesc scan = index_beginscan(rel, index, GetActiveSnapshot(), 1, 0);
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	ScanKeyData key;
	bool		found;

	ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(ft->tenant));
	index_rescan(scan, &key, 1, NULL, 0);
	found = index_getnext_slot(scan, ForwardScanDirection, slot);
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	index_close(index, AccessShareLock);
	return found;
}

static void
OpenFactTables(Oid fn_oid, int32 tenant, FactTables *ft)
{
	memset(ft, 0, sizeof(FactTables));
	ft->tenant = tenant;
	ft->fn_oid = fn_oid;
	ft->cxt = CurrentMemoryContext;
	ft->incident = OpenTable(fn_oid, "incident");
	ft->duty = OpenTable(fn_oid, "duty");
	ft->step = OpenTable(fn_oid, "process_step");
	ft->process = OpenTable(fn_oid, "process");
	ft->duty_owner = OpenTable(fn_oid, "duty_owner");
	ft->step_owner = OpenTable(fn_oid, "step_owner");
	ft->actor = OpenTable(fn_oid, "incident_actor");
	ft->position = OpenTable(fn_oid, "position");
	ft->incident_pkey = ExtensionRelid(fn_oid, "incident_pkey");
	ft->duty_pkey = ExtensionRelid(fn_oid, "duty_pkey");
	ft->step_pkey = ExtensionRelid(fn_oid, "process_step_pkey");
	ft->process_pkey = ExtensionRelid(fn_oid, "process_pkey");
	ft->duty_owner_idx = ExtensionRelid(fn_oid, "duty_owner_duty_during_idx");
	ft->step_owner_idx = ExtensionRelid(fn_oid, "step_owner_step_during_idx");
	ft->actor_pkey = ExtensionRelid(fn_oid, "incident_actor_pkey");
	ft->position_unit_idx = ExtensionRelid(fn_oid, "position_tenant_id_unit_id_idx");
	ft->rangetype = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	ft->primary = EnumValue(ft, ft->duty_owner, "kind", "primary");
	ft->supervisory = EnumValue(ft, ft->duty_owner, "kind", "supervisory");
	ft->head = EnumValue(ft, ft->position, "kind", "head");
	for (int i = 0; i < lengthof(WorkRoleCodes); i++)
		ft->roles[i] = EnumValue(ft, ft->actor, "role", WorkRoleCodes[i]);
	for (int i = 0; i < NUM_SEVERITIES; i++)
		ft->severities[i] = EnumValue(ft, ft->incident, "severity", SeverityCodes[i]);

	/*
	 * A tenant without leaders in charge of domains, or without recorded
	 * actors, needs no probe per incident for them (a domain then changes
	 * no chain).
	 */
	{
		Relation	charge = OpenTable(fn_oid, "charge");

		ft->any_domain_charge = TenantHasRows(ft, charge, ExtensionRelid(fn_oid, "charge_domain_during_idx"));
		table_close(charge, AccessShareLock);
	}
	ft->any_actor = TenantHasRows(ft, ft->actor, ft->actor_pkey);
}

static void
CloseFactTables(FactTables *ft)
{
	for (int i = 0; i < ft->nprobes; i++)
	{
		index_endscan(ft->probes[i].scan);
		ExecDropSingleTupleTableSlot(ft->probes[i].slot);
		index_close(ft->probes[i].index, AccessShareLock);
	}
	table_close(ft->incident, AccessShareLock);
	table_close(ft->duty, AccessShareLock);
	table_close(ft->step, AccessShareLock);
	table_close(ft->process, AccessShareLock);
	table_close(ft->duty_owner, AccessShareLock);
	table_close(ft->step_owner, AccessShareLock);
	table_close(ft->actor, AccessShareLock);
	table_close(ft->position, AccessShareLock);
}

/* An index scan of a table by its tenant and one bigint key. */
static Probe *
BeginScan(FactTables *ft, Relation rel, Oid index, int64 key)
{
	Probe	   *p = NULL;

	for (int i = 0; i < ft->nprobes; i++)
		if (ft->probes[i].indexoid == index)
			p = &ft->probes[i];
	if (p == NULL)
	{
		/* opened in the call's memory: it outlives each incident's */
		MemoryContext old = MemoryContextSwitchTo(ft->cxt);

		Assert(ft->nprobes < lengthof(ft->probes));
		p = &ft->probes[ft->nprobes++];
		p->indexoid = index;
		p->index = index_open(index, AccessShareLock);
		p->scan = index_beginscan(rel, p->index, GetActiveSnapshot(), 2, 0);
		p->slot = table_slot_create(rel, NULL);
		MemoryContextSwitchTo(old);
	}
	ScanKeyInit(&p->keys[0], 1, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(ft->tenant));
	ScanKeyInit(&p->keys[1], 2, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
	index_rescan(p->scan, p->keys, 2, NULL, 0);
	return p;
}

/* The next row of a probe (valid until the probe moves on), or NULL. */
static HeapTuple
ProbeNext(Probe *p)
{
	if (!index_getnext_slot(p->scan, ForwardScanDirection, p->slot))
		return NULL;
	return ExecFetchSlotHeapTuple(p->slot, false, NULL);
}

static Datum
Get(HeapTuple tup, Relation rel, AttrNumber att, bool *isnull)
{
	return heap_getattr(tup, att, RelationGetDescr(rel), isnull);
}

static int64
GetId(FactTables *ft, HeapTuple tup, Relation rel, const char *column)
{
	bool		isnull;
	Datum		d = Get(tup, rel, Att(ft, rel, column), &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

static bool
During(FactTables *ft, HeapTuple tup, Relation rel, const char *column, TimestampTz t)
{
	bool		isnull;
	Datum		d = Get(tup, rel, Att(ft, rel, column), &isnull);

	return !isnull && range_contains_elem_internal(ft->rangetype, DatumGetRangeTypeP(d), TimestampTzGetDatum(t));
}

static int
CompareId(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/* The domain of a duty or of a step's process, or NULL. */
static text *
ReadDomain(FactTables *ft, Relation rel, Oid index, int64 id)
{
	Probe	   *scan = BeginScan(ft, rel, index, id);
	HeapTuple	tup = ProbeNext(scan);
	text	   *domain = NULL;

	if (HeapTupleIsValid(tup))
	{
		bool		isnull;
		Datum		d = Get(tup, rel, Att(ft, rel, "domain"), &isnull);

		if (!isnull)
			domain = DatumGetTextPCopy(d);
	}
	return domain;
}

static int64
StepProcess(FactTables *ft, int64 step_id)
{
	Probe	   *scan = BeginScan(ft, ft->step, ft->step_pkey, step_id);
	HeapTuple	tup = ProbeNext(scan);
	int64		process = HeapTupleIsValid(tup) ? GetId(ft, tup, ft->step, "process_id") : 0;
	return process;
}

/*
 * Reads one incident of the tenant, with the owners of its failed step or
 * duty at its moment; an incident of another tenant is not found.
 */
static void
ReadIncident(FactTables *ft, int64 id, Incident *inc)
{
	Probe	   *scan;
	HeapTuple	tup;
	Relation	rel = ft->incident;
	bool		isnull;
	int64		duty_id,
				step_id;

	memset(inc, 0, sizeof(Incident));
	inc->id = id;
	scan = BeginScan(ft, rel, ft->incident_pkey, id);
	tup = ProbeNext(scan);
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("incident " INT64_FORMAT " does not exist", id),
				 errdetail("No incident has this id in the current tenant.")));
	inc->at = DatumGetTimestampTz(Get(tup, rel, Att(ft, rel, "occurred_at"), &isnull));
	inc->unit_id = GetId(ft, tup, rel, "unit_id");
	inc->category = DatumGetObjectId(Get(tup, rel, Att(ft, rel, "category"), &isnull));
	inc->severity = DatumGetObjectId(Get(tup, rel, Att(ft, rel, "severity"), &isnull));
	inc->major_loss = DatumGetBool(Get(tup, rel, Att(ft, rel, "major_loss"), &isnull));
	inc->is_decision = DatumGetBool(Get(tup, rel, Att(ft, rel, "is_decision"), &isnull));
	inc->reviewer_overruled = DatumGetBool(Get(tup, rel, Att(ft, rel, "reviewer_overruled"), &isnull));
	inc->approver_overruled = DatumGetBool(Get(tup, rel, Att(ft, rel, "approver_overruled"), &isnull));
	inc->overdue = DatumGetBool(Get(tup, rel, Att(ft, rel, "overdue"), &isnull));
	inc->changed_by = GetId(ft, tup, rel, "changed_by_position_id");
	duty_id = GetId(ft, tup, rel, "duty_id");
	step_id = GetId(ft, tup, rel, "step_id");
	inc->has_duty = duty_id != 0;
	inc->has_step = step_id != 0;

	if (!ft->any_domain_charge)
		inc->domain = NULL;
	else if (inc->has_duty)
		inc->domain = ReadDomain(ft, ft->duty, ft->duty_pkey, duty_id);
	else if (inc->has_step)
		inc->domain = ReadDomain(ft, ft->process, ft->process_pkey, StepProcess(ft, step_id));

	if (inc->has_step)
	{
		int64		first = 0;

		scan = BeginScan(ft, ft->step_owner, ft->step_owner_idx, step_id);
		while (HeapTupleIsValid(tup = ProbeNext(scan)))
			if (During(ft, tup, ft->step_owner, "during", inc->at))
			{
				int64		owner_id = GetId(ft, tup, ft->step_owner, "step_owner_id");

				if (first == 0 || owner_id < first)
				{
					first = owner_id;
					inc->step_owner = GetId(ft, tup, ft->step_owner, "position_id");
				}
			}
	}
	if (inc->has_duty)
	{
		int			cap = 4;

		inc->primaries = palloc(sizeof(int64) * cap);
		inc->supervisors = palloc(sizeof(int64) * cap);
		scan = BeginScan(ft, ft->duty_owner, ft->duty_owner_idx, duty_id);
		while (HeapTupleIsValid(tup = ProbeNext(scan)))
		{
			Oid			kind;

			if (!During(ft, tup, ft->duty_owner, "during", inc->at))
				continue;
			kind = DatumGetObjectId(Get(tup, ft->duty_owner, Att(ft, ft->duty_owner, "kind"), &isnull));
			if (inc->nprimaries == cap || inc->nsupervisors == cap)
			{
				cap *= 2;
				inc->primaries = repalloc(inc->primaries, sizeof(int64) * cap);
				inc->supervisors = repalloc(inc->supervisors, sizeof(int64) * cap);
			}
			if (kind == ft->primary)
				inc->primaries[inc->nprimaries++] = GetId(ft, tup, ft->duty_owner, "position_id");
			else if (kind == ft->supervisory)
				inc->supervisors[inc->nsupervisors++] = GetId(ft, tup, ft->duty_owner, "position_id");
		}
		qsort(inc->primaries, inc->nprimaries, sizeof(int64), CompareId);
		qsort(inc->supervisors, inc->nsupervisors, sizeof(int64), CompareId);
	}
}

/* The head post of a unit at a moment (the lowest id), or 0. */
static int64
HeadPost(FactTables *ft, int64 unit_id, TimestampTz at)
{
	Probe	   *scan = BeginScan(ft, ft->position, ft->position_unit_idx, unit_id);
	HeapTuple	tup;
	int64		head = 0;
	bool		isnull;

	while (HeapTupleIsValid(tup = ProbeNext(scan)))
	{
		int64		id = GetId(ft, tup, ft->position, "position_id");

		if (DatumGetObjectId(Get(tup, ft->position, Att(ft, ft->position, "kind"), &isnull)) == ft->head &&
			During(ft, tup, ft->position, "valid", at) && (head == 0 || id < head))
			head = id;
	}
	return head;
}

/* The actors of an incident, by role then person (the primary key's order). */
static int
ReadActors(FactTables *ft, int64 incident_id, Actor **actors)
{
	Probe	   *scan;
	HeapTuple	tup;
	int			n = 0,
				cap = 0;
	bool		isnull;

	*actors = NULL;
	if (!ft->any_actor)
		return 0;
	scan = BeginScan(ft, ft->actor, ft->actor_pkey, incident_id);
	while (HeapTupleIsValid(tup = ProbeNext(scan)))
	{
		Actor	   *a;
		Oid			role = DatumGetObjectId(Get(tup, ft->actor, Att(ft, ft->actor, "role"), &isnull));
		Datum		view = Get(tup, ft->actor, Att(ft, ft->actor, "view"), &isnull);

		if (n == cap)
		{
			cap = cap ? cap * 2 : 8;
			*actors = *actors ? repalloc(*actors, sizeof(Actor) * cap) : palloc(sizeof(Actor) * cap);
		}
		a = &(*actors)[n++];
		memset(a, 0, sizeof(Actor));
		for (int i = 0; i < lengthof(WorkRoleCodes); i++)
			if (ft->roles[i] == role)
				strlcpy(a->role, WorkRoleCodes[i], sizeof(a->role));
		a->person_id = GetId(ft, tup, ft->actor, "person_id");
		a->position_id = GetId(ft, tup, ft->actor, "position_id");
		if (!isnull)
			a->view = TextDatumGetCString(view)[0];
	}
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

/* Was the person part of the failed work (an actor)? */
static bool
IsActor(const Out *out, int64 person_id)
{
	for (int i = 0; i < out->nactors; i++)
		if (out->actors[i].person_id == person_id)
			return true;
	return false;
}

/* direct > main leadership > important leadership > supervisory > none */
static int
KindWeight(const Policy *policy, int rule)
{
	int			kind = policy->rule_kind[rule];

	return kind < 0 ? 0 : NUM_KINDS - kind;
}

/*
 * Adds a rule's row: person_id 0 is a post nobody answered for (vacant, or
 * the holder absent with nobody acting: they do not answer for their
 * absence), which appears once.  A person already named keeps one row: the
 * rule of the heaviest kind governs it (level, post and tenure are that
 * rule's, and the row moves to where that rule named them), and every rule
 * that named them is listed, the governing one first.
 */
static void
AddRow(Out *out, int level, int64 person_id, int64 position_id, uint8 tenure, TraceRule rule)
{
	int			prev = -1;
	TraceRow   *r;

	for (int i = 0; i < out->nrows; i++)
	{
		const TraceRow *x = &out->rows[i];

		if (!x->dead && (person_id != 0 ? x->person_id == person_id
						 : (x->person_id == 0 && x->position_id == position_id)))
		{
			prev = i;
			break;
		}
	}
	if (prev >= 0)
	{
		TraceRow   *p = &out->rows[prev];

		for (int i = 0; i < p->nrules; i++)
			if (p->rules[i] == rule)
				return;
		if (person_id == 0 || KindWeight(out->policy, rule) <= KindWeight(out->policy, p->rules[0]))
		{
			p->rules[p->nrules++] = (uint8) rule;
			return;
		}
	}
	if (out->nrows == out->rows_cap)
	{
		out->rows_cap = out->rows_cap ? out->rows_cap * 2 : 16;
		out->rows = out->rows ? repalloc(out->rows, sizeof(TraceRow) * out->rows_cap)
			: palloc(sizeof(TraceRow) * out->rows_cap);
	}
	r = &out->rows[out->nrows++];
	memset(r, 0, sizeof(TraceRow));
	r->level = level;
	r->person_id = person_id;
	r->position_id = position_id;
	r->tenure = tenure;
	r->rules[r->nrules++] = (uint8) rule;
	if (prev >= 0)
	{
		TraceRow   *p = &out->rows[prev];

		for (int i = 0; i < p->nrules; i++)
			r->rules[r->nrules++] = p->rules[i];
		p->dead = true;
	}
}

/*
 * Emits the incident's rows.  The rule's words are the policy's, made into
 * text once a call.
 */
static void
EmitRows(Out *out)
{
	const Policy *policy = out->policy;
	Datum		values[12];
	bool		nulls[12];
	Datum		rules[NUM_RULES];

	for (int i = 0; i < out->nrows; i++)
	{
		const TraceRow *r = &out->rows[i];
		int			rule = r->rules[0];
		int			kind = policy->rule_kind[rule];

		if (r->dead)
			continue;
		memset(nulls, 0, sizeof(nulls));
		values[0] = Int64GetDatum(out->inc->id);
		values[1] = Int32GetDatum(r->level);
		values[2] = Int64GetDatum(r->person_id);
		nulls[2] = r->person_id == 0;
		values[3] = Int64GetDatum(r->position_id);
		nulls[3] = r->position_id == 0;
		values[4] = kind >= 0 ? policy->kind_datum[kind] : (Datum) 0;
		nulls[4] = kind < 0;
		values[5] = kind >= 0 ? policy->kind_zh[kind] : (Datum) 0;
		nulls[5] = kind < 0;
		values[6] = policy->rule_code_text[rule];
		values[7] = policy->rule_en_text[rule];
		values[8] = policy->rule_zh_text[rule];
		values[9] = PointerGetDatum(out->chain);
		nulls[9] = out->chain == NULL;
		values[10] = policy->tenure_text[r->tenure];
		nulls[10] = r->position_id == 0;
		for (int j = 0; j < r->nrules; j++)
			rules[j] = policy->rule_code_text[r->rules[j]];
		values[11] = PointerGetDatum(construct_array(rules, r->nrules, TEXTOID, -1, false, TYPALIGN_INT));
		tuplestore_putvalues(out->rsinfo->setResult, out->rsinfo->setDesc, values, nulls);
	}
}

/* Who answered for a post at the incident's moment, or 0 (vacant, absent). */
static int64
AnswerAt(const Out *out, const ImagePost *p, uint8 *tenure)
{
	int64		person = 0;

	*tenure = RCHAIN_TENURE_VACANT;
	if (p != NULL && SpanContains(&p->valid, out->inc->at))
		person = OrgPostAnswerAt(p, out->inc->at, tenure);
	if (*tenure == RCHAIN_TENURE_ABSENT)
		return 0;				/* away with nobody acting: nobody answered */
	if (person == 0)
		*tenure = RCHAIN_TENURE_VACANT;
	return person;
}

/*
 * The responsibility of a post nobody answered for, of the given kind,
 * passes to the next person up its chain of command, by the rule
 * took_over_<kind>; the vacancies on the way are reported.
 */
static void
PassUp(Out *out, TenantImage *img, const ImagePost *p, int kind)
{
	const RChain *c;

	if (kind < 0 || p == NULL || !SpanContains(&p->valid, out->inc->at))
		return;
	c = out->chain != NULL && out->chain->links[0].position_id == p->id ? out->chain
		: BuildCommandChain(img, p, out->inc->at, out->domain_leader);
	for (int i = 1; i < c->nlinks; i++)
	{
		const RChainLink *link = &c->links[i];
		int			level = out->chain ? LevelOf(out->chain, link->position_id) : i + 1;

		if (link->person_id == 0 || link->tenure == RCHAIN_TENURE_ABSENT)
		{
			AddRow(out, level, 0, link->position_id, link->tenure, R_VACANT);
			continue;
		}
		AddRow(out, level, link->person_id, link->position_id, link->tenure, R_TOOK_OVER_DIRECT + kind);
		return;
	}
}

/*
 * Names whoever answered for a post at the incident's moment by the rule; a
 * post nobody answered for is reported, and its responsibility passes up.
 */
static void
EmitPost(Out *out, TenantImage *img, int64 position_id, TraceRule rule, int level)
{
	const ImagePost *p = OrgImagePost(img, position_id);
	uint8		tenure;
	int64		person = AnswerAt(out, p, &tenure);

	if (person == 0)
	{
		AddRow(out, level, 0, position_id, tenure, R_VACANT);
		PassUp(out, img, p, out->policy->rule_kind[rule]);
		return;
	}
	AddRow(out, level, person, position_id, tenure, rule);
}

static TraceRule
ActorRule(const Incident *inc, const Actor *a)
{
	if (strcmp(a->role, "handler") == 0)
		return inc->approver_overruled ? R_OVERRULED_BELOW :
			inc->reviewer_overruled ? R_HANDLER_OVERRULED :
			inc->overdue ? R_OVERDUE : R_HANDLER_ERROR;
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
	if (strcmp(a->role, "accuser") == 0)
		return R_FALSE_ACCUSATION;
	return a->view == 'r' ? R_DECISION_RIGHT_VIEW : R_DECISION_WRONG_VIEW;
}

/* The order in which actors' posts are tried as the start of the climb. */
static int
AnchorPreference(const char *role)
{
	static const char *const order[] = {"handler", "reviewer", "approver", "decision_maker", "instructor", "participant", "accuser"};

	for (int i = 0; i < lengthof(order); i++)
		if (strcmp(order[i], role) == 0)
			return i;
	return lengthof(order);
}

/* The rule of a link of the climb, by its role. */
static TraceRule
ClimbRule(int role)
{
	switch (role)
	{
		case RCHAIN_ROLE_SUPERIOR:
			return R_SUPERIOR;
		case RCHAIN_ROLE_POST:	/* the climb starts at a unit's head post */
		case RCHAIN_ROLE_UNIT_HEAD:
			return R_UNIT_HEAD;
		case RCHAIN_ROLE_IN_CHARGE:
			return R_IN_CHARGE;
		default:
			return R_HEAD;
	}
}

/*
 * How far up the chain from the failed post the reach goes: the index of
 * the first link of the reach's rank (a failed post that heads its unit
 * has the rank of a unit's head itself), or the top.
 */
static int
ReachTarget(const RChain *fc, bool origin_is_head, int reach)
{
	if (origin_is_head && reach <= RCHAIN_ROLE_UNIT_HEAD)
		return 0;
	for (int i = 1; i < fc->nlinks; i++)
		if (fc->links[i].role >= reach)
			return i;
	return fc->nlinks - 1;
}

/* The depth (from 0) of a post in a chain, or -1. */
static int
IndexIn(const RChain *chain, int64 position_id)
{
	for (int i = 0; i < chain->nlinks; i++)
		if (chain->links[i].position_id == position_id)
			return i;
	return -1;
}

static void
TraceIncident(Out *out, TenantImage *img)
{
	const Incident *inc = out->inc;
	const Policy *policy = out->policy;
	const Actor *actors = out->actors;
	int			nactors = out->nactors;
	int64		anchor = 0;
	int64		owner = 0;
	int64		head_post = 0;
	int			anchor_pref = INT_MAX;
	bool		anchor_is_head = false; /* nothing owned the failure: the unit's head post */
	bool		severe = false;
	int			severity = -1;
	int			reach;
	int			last;			/* the last link of the climb within the reach, or -1 */
	int			pending = -1;	/* the kind a vacancy below passes up, or -1 */
	const ImagePost *start;
	const ImagePost *origin;

	/* the post the climb starts from: an actor's, else the failed object's owner */
	for (int i = 0; i < nactors; i++)
		if (actors[i].position_id != 0 && AnchorPreference(actors[i].role) < anchor_pref)
		{
			anchor = actors[i].position_id;
			anchor_pref = AnchorPreference(actors[i].role);
		}
	if (inc->has_step)
		owner = inc->step_owner;
	else if (inc->has_duty && inc->nprimaries > 0)
		owner = inc->primaries[0];
	if (anchor == 0 && nactors == 0)
		anchor = owner;
	if (anchor == 0 || owner == 0)
		head_post = HeadPost(out->ft, inc->unit_id, inc->at);
	if (anchor == 0)
	{
		anchor = head_post;
		anchor_is_head = true;
	}

	if (inc->domain != NULL)
		out->domain_leader = LeaderOfDomain(out->ft, inc->domain, inc->at);
	start = anchor != 0 ? OrgImagePost(img, anchor) : NULL;
	if (start != NULL && SpanContains(&start->valid, inc->at))
		out->chain = BuildCommandChain(img, start, inc->at, out->domain_leader);
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
			AddRow(out, out->chain ? LevelOf(out->chain, a->position_id) : 1,
				   a->person_id, a->position_id, tenure, ActorRule(inc, a));
		}
	}
	else if (inc->has_step || inc->has_duty)
	{
		TraceRule	rule = inc->overdue ? R_OVERDUE : inc->has_step ? R_STEP_OWNER : R_DUTY_OWNER;

		if (inc->has_step && owner != 0)
			EmitPost(out, img, owner, rule, 1);
		for (int i = 0; !inc->has_step && i < inc->nprimaries; i++)
			EmitPost(out, img, inc->primaries[i], rule, 1);
		if (owner == 0)
			AddRow(out, 1, 0, head_post, RCHAIN_TENURE_VACANT, R_NO_OWNER);
	}
	if (inc->has_duty)
		for (int i = 0; i < inc->nsupervisors; i++)
			EmitPost(out, img, inc->supervisors[i], R_SUPERVISOR, 1);
	if (inc->changed_by != 0)
		EmitPost(out, img, inc->changed_by, R_HIGHER_ORGAN_CHANGED, 1);

	/*
	 * A decision error with a major loss: the head of the organ whose
	 * decision it was (the decision-maker's unit, else the incident's)
	 * bears main responsibility, whatever else the facts say (seed §3.3).
	 */
	if (inc->is_decision && inc->major_loss)
	{
		int64		organ = inc->unit_id;
		int64		organ_head;

		for (int i = 0; i < nactors; i++)
			if (strcmp(actors[i].role, "decision_maker") == 0 && actors[i].position_id != 0)
			{
				const ImagePost *p = OrgImagePost(img, actors[i].position_id);

				if (p != NULL)
					organ = p->unit_id;
				break;
			}
		organ_head = organ == inc->unit_id && head_post != 0 ? head_post
			: HeadPost(out->ft, organ, inc->at);
		if (organ_head != 0)
			EmitPost(out, img, organ_head, R_HEAD_DECISION_MAJOR_LOSS,
					 out->chain ? LevelOf(out->chain, organ_head) : 1);
	}

	/* then the leaders, layer by layer, as far up as the incident reaches */
	for (int i = 0; i < policy->nsevere; i++)
		if (policy->severe[i] == inc->category)
			severe = true;
	for (int i = 0; i < NUM_SEVERITIES; i++)
		if (out->ft->severities[i] == inc->severity)
			severity = i;
	reach = severity >= 0 ? policy->reach[severity][severe ? 1 : 0] : RCHAIN_ROLE_HEAD;
	if (out->chain == NULL || reach == REACH_NONE)
		return;

	/*
	 * The reach is counted from where the failure happened: the post that
	 * owned the failed step or duty then, else the head of the incident's
	 * unit.  The climb from its start names the leaders up to that reach's
	 * post, and none when the climb starts above it or beside it.
	 */
	origin = OrgImagePost(img, owner != 0 ? owner : head_post);
	if (origin == NULL || !SpanContains(&origin->valid, inc->at))
		origin = start;
	{
		const RChain *fc = origin->id == start->id ? out->chain
			: BuildCommandChain(img, origin, inc->at, out->domain_leader);

		last = IndexIn(out->chain, fc->links[ReachTarget(fc, origin->is_head, reach)].position_id);
	}
	for (int i = anchor_is_head ? 0 : 1; i < out->chain->nlinks; i++)
	{
		const RChainLink *link = &out->chain->links[i];
		TraceRule	rule = ClimbRule(link->role);

		if (i > last && pending < 0)
			break;
		if (link->person_id == 0 || link->tenure == RCHAIN_TENURE_ABSENT)
		{
			/* nobody answered: reported, and the responsibility passes up */
			int			kind = policy->rule_kind[rule];

			AddRow(out, i + 1, 0, link->position_id, link->tenure, R_VACANT);
			if (i <= last && kind >= 0 && (pending < 0 || kind < pending))
				pending = kind;
			continue;
		}
		if (pending >= 0)
			AddRow(out, i + 1, link->person_id, link->position_id, link->tenure, R_TOOK_OVER_DIRECT + pending);
		pending = -1;
		/* the people of the work answer by what they did in it */
		if (i <= last && !IsActor(out, link->person_id))
			AddRow(out, i + 1, link->person_id, link->position_id, link->tenure, rule);
		if (i >= last)
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
	MemoryContext per_incident;
	const char *schema;
	int32		tenant;
	Policy		policy;
	FactTables	ft;
	TenantImage *img;
	Out			out;
	Datum	   *values;
	bool	   *nulls;
	int			n;
	ListCell   *lc;

	if (ARR_NDIM(ids) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("incident ids must be a one-dimensional array")));
	if (array_contains_nulls(ids))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("incident ids must not contain NULL")));

	InitMaterializedSRF(fcinfo, 0);
	schema = quote_identifier(get_namespace_name(get_func_namespace(fn_oid)));
	tenant = CurrentTenantId(fn_oid);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	LoadPolicy(schema, tenant, TupleDescAttr(rsinfo->setDesc, 4)->atttypid, cxt, &policy);
	SPI_finish();

	OpenFactTables(fn_oid, tenant, &ft);
	policy.severe = palloc(sizeof(Oid) * Max(list_length(policy.severe_categories), 1));
	foreach(lc, policy.severe_categories)
		policy.severe[policy.nsevere++] = EnumValue(&ft, ft.incident, "category", (char *) lfirst(lc));

	deconstruct_array(ids, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &values, &nulls, &n);
	per_incident = AllocSetContextCreate(cxt, "backtrace incident", ALLOCSET_DEFAULT_SIZES);
	img = OrgImageOpen(fn_oid, tenant);
	memset(&out, 0, sizeof(out));
	out.rsinfo = rsinfo;
	out.policy = &policy;
	out.ft = &ft;
	for (int i = 0; i < n; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(per_incident);
		Incident	inc;
		Actor	   *actors;

		ReadIncident(&ft, DatumGetInt64(values[i]), &inc);
		out.nactors = ReadActors(&ft, inc.id, &actors);
		out.actors = actors;
		out.inc = &inc;
		out.rows = NULL;
		out.nrows = out.rows_cap = 0;
		out.domain_leader = 0;
		TraceIncident(&out, img);
		EmitRows(&out);
		out.chain = NULL;
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_incident);
	}
	OrgImageClose(img);
	CloseFactTables(&ft);
	MemoryContextDelete(per_incident);
	return (Datum) 0;
}
