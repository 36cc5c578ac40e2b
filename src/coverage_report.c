/*
 * coverage_report.c
 *		coverage_report(unit, from, to): the coverage report (R4, R5, R7) of
 *		a unit and its sub-units, one row per finding, sorted by kind,
 *		object kind, object, start, post and person, each object named and
 *		each finding explained in English and Chinese.
 *
 * The findings of the sweeps (coverage.c) and of the structure
 * (coverage_structure.c) are gathered in one array (64 bytes a finding,
 * plus the posts of overlaps and the duties of powers), sorted there, and
 * named from one query per kind of object; the titles are held as long as
 * the rows are written.  The kinds and object kinds sort as their names do
 * under the database's collation, as ORDER BY kind would sort them.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"
#include "utils/varlena.h"

#include "coverage.h"
#include "coverage_image.h"
#include "spi_rows.h"
#include "tenant.h"

PG_FUNCTION_INFO_V1(coverage_report);

/* coverage_text.c: one finding in a sentence */
extern Datum finding_explanation(PG_FUNCTION_ARGS);

const char *const CoverageKinds[COVERAGE_NKINDS] = {
	"cycle", "dead_end", "duty_without_consequence", "gap", "idle_person", "no_approver", "overlap",
	"post_without_indicator", "power_without_consequence", "power_without_duty",
	"unit_without_indicator", "unreachable", "vacant_owner"
};

const char *const CoverageObjectKinds[COVERAGE_NOBJECT_KINDS] = {
	"duty", "post", "power", "process", "step", "unit"
};

/* Where each kind of object has its title. */
static const struct
{
	const char *table;
	const char *id;
	const char *title;
}			TitleOf[COVERAGE_NOBJECT_KINDS] = {
	{"duty", "duty_id", "title"},
	{"position", "position_id", "title"},
	{"power", "power_id", "title"},
	{"process", "process_id", "title"},
	{"process_step", "step_id", "name"},
	{"unit", "unit_id", "name"},
};

static uint8
IndexOf(const char *const *names, int n, const char *name, const char *what)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (uint8) i;
	elog(ERROR, "coverage: unknown %s \"%s\"", what, name);
	return 0;					/* keep the compiler quiet */
}

/* The callers pass string literals, in runs: the last answer is kept. */
uint8
CoverageKindIndex(const char *kind)
{
	static const char *last = NULL;
	static uint8 last_index = 0;

	if (kind != last)
	{
		last_index = IndexOf(CoverageKinds, COVERAGE_NKINDS, kind, "kind of finding");
		last = kind;
	}
	return last_index;
}

uint8
CoverageObjectKindIndex(const char *object_kind)
{
	static const char *last = NULL;
	static uint8 last_index = 0;

	if (object_kind != last)
	{
		last_index = IndexOf(CoverageObjectKinds, COVERAGE_NOBJECT_KINDS, object_kind, "kind of object");
		last = object_kind;
	}
	return last_index;
}

/*
 * CoverageFindingsSRF
 *		A set-returning function whose rows are the findings of finder, as
 *		they come: coverage_sweep() and coverage_structure().
 */
Datum
CoverageFindingsSRF(FunctionCallInfo fcinfo, CoverageFinder finder)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	FindingSink sink = {0};

	CoverageCheckSpan(from, to);
	InitMaterializedSRF(fcinfo, 0);
	sink.out = rsinfo->setResult;
	sink.desc = rsinfo->setDesc;
	finder(fcinfo->flinfo->fn_oid, CurrentTenantId(fcinfo->flinfo->fn_oid), PG_GETARG_INT64(0), from, to, &sink);
	return (Datum) 0;
}

/* A title, by id. */
typedef struct Title
{
	int64		id;
	Datum		title;			/* text, or 0 when NULL */
} Title;

typedef struct Report
{
	const char *schema;
	MemoryContext cxt;
	uint8		kind_rank[COVERAGE_NKINDS];
	uint8		object_rank[COVERAGE_NOBJECT_KINDS];
	Datum		kind_zh[COVERAGE_NKINDS];	/* text, or 0 */
	Array		titles[COVERAGE_NOBJECT_KINDS]; /* Title, by id */
} Report;

/* The ranks of names as the database's collation sorts them. */
static void
Ranks(const char *const *names, int n, uint8 *rank)
{
	int			order[COVERAGE_NKINDS];

	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 &&
			 varstr_cmp(names[order[j - 1]], strlen(names[order[j - 1]]),
						names[order[j]], strlen(names[order[j]]), DEFAULT_COLLATION_OID) > 0; j--)
		{
			int			t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < n; i++)
		rank[order[i]] = (uint8) i;
}

static inline int
Cmp64(int64 a, int64 b)
{
	return a < b ? -1 : a > b;
}

/* An id or NULL (has false): NULLs last, as ORDER BY puts them. */
static inline int
CmpId(bool a_has, int64 a, bool b_has, int64 b)
{
	if (!a_has || !b_has)
		return (!a_has) - (!b_has);
	return Cmp64(a, b);
}

static int
CompareFinding(const void *pa, const void *pb, void *arg)
{
	const Finding *a = pa,
			   *b = pb;
	const Report *r = arg;
	int			c;

	if (a->kind != b->kind)
		return r->kind_rank[a->kind] < r->kind_rank[b->kind] ? -1 : 1;
	if (a->object_kind != b->object_kind)
		return r->object_rank[a->object_kind] < r->object_rank[b->object_kind] ? -1 : 1;
	if ((c = Cmp64(a->object_id, b->object_id)) != 0 ||
		(c = Cmp64(a->iv.lo, b->iv.lo)) != 0 ||
		(c = CmpId(a->has_position, a->position_id, b->has_position, b->position_id)) != 0 ||
		(c = CmpId(a->has_person, a->person_id, b->has_person, b->person_id)) != 0)
		return c;
	return Cmp64(a->iv.hi, b->iv.hi);
}

static int
CompareInt64(const void *pa, const void *pb)
{
	return Cmp64(*(const int64 *) pa, *(const int64 *) pb);
}

static int
CompareTitle(const void *pa, const void *pb)
{
	return Cmp64(((const Title *) pa)->id, ((const Title *) pb)->id);
}

static void
LabelRow(TupleTableSlot *slot, void *arg)
{
	Report	   *r = arg;
	char	   *code = TextDatumGetCString(slot->tts_values[0]);

	for (int k = 0; k < COVERAGE_NKINDS; k++)
		if (strcmp(CoverageKinds[k], code) == 0 && !slot->tts_isnull[1])
			r->kind_zh[k] = datumCopy(slot->tts_values[1], false, -1);
	pfree(code);
}

/* The titles being read: the ids wanted (sorted) and the titles found. */
typedef struct TitleRead
{
	Array	   *titles;
	const int64 *wanted;		/* NULL: every row is wanted */
	int64		nwanted;
} TitleRead;

static void
TitleRow(TupleTableSlot *slot, void *arg)
{
	TitleRead  *tr = arg;
	int64		id = DatumGetInt64(slot->tts_values[0]);
	Title	   *t;

	if (tr->wanted && !bsearch(&id, tr->wanted, tr->nwanted, sizeof(int64), CompareInt64))
		return;
	t = ArrayAdd(tr->titles);
	t->id = id;
	t->title = slot->tts_isnull[1] ? (Datum) 0 : datumCopy(slot->tts_values[1], false, -1);
}

/*
 * ReadTitles
 *		The titles of the objects of each kind that the findings name: one
 *		query a kind, as the caller and under row-level security.  Past
 *		WANTED_BY_LIST ids the kind's rows are all read and the ids looked
 *		up here: a list that long costs more to plan and probe than a scan.
 */
#define WANTED_BY_LIST 10000

static void
ReadTitles(Report *r, const Array *findings, int32 tenant)
{
	for (int k = 0; k < COVERAGE_NOBJECT_KINDS; k++)
	{
		Array		ids;
		Datum	   *elems = NULL;
		int64		n = 0;
		ParamListInfo params;
		StringInfoData q;
		TitleRead	tr;
		MemoryContext spi = MemoryContextSwitchTo(r->cxt);

		/* the titles outlive SPI's memory; the ids do not */
		ArrayInit(&r->titles[k], sizeof(Title));
		MemoryContextSwitchTo(spi);
		ArrayInit(&ids, sizeof(int64));
		for (int64 i = 0; i < findings->n; i++)
		{
			const Finding *f = ELEM(findings, Finding, i);

			if (f->object_kind == k)
				*(int64 *) ArrayAdd(&ids) = f->object_id;
		}
		if (ids.n == 0)
			continue;
		qsort(ids.data, ids.n, sizeof(int64), CompareInt64);
		for (int64 i = 0; i < ids.n; i++)
		{
			int64		id = *ELEM(&ids, int64, i);

			if (n == 0 || *ELEM(&ids, int64, n - 1) != id)
				*ELEM(&ids, int64, n++) = id;
		}
		ids.n = n;

		params = makeParamList(2);
		params->numParams = n > WANTED_BY_LIST ? 1 : 2;
		params->params[0].ptype = INT4OID;
		params->params[0].value = Int32GetDatum(tenant);
		initStringInfo(&q);
		appendStringInfo(&q, "SELECT x.%s, x.%s FROM %s.%s x WHERE x.tenant_id = $1",
						 TitleOf[k].id, TitleOf[k].title, r->schema, TitleOf[k].table);
		tr.titles = &r->titles[k];
		tr.wanted = NULL;
		tr.nwanted = 0;
		if (n > WANTED_BY_LIST)
		{
			tr.wanted = (const int64 *) ids.data;
			tr.nwanted = n;
		}
		else
		{
			elems = palloc(sizeof(Datum) * n);
			for (int64 i = 0; i < n; i++)
				elems[i] = Int64GetDatum(*ELEM(&ids, int64, i));
			params->params[1].ptype = INT8ARRAYOID;
			params->params[1].value = PointerGetDatum(construct_array(elems, (int) n, INT8OID, 8,
																	  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
			appendStringInfo(&q, " AND x.%s = ANY ($2)", TitleOf[k].id);
		}
		for (int i = 0; i < params->numParams; i++)
		{
			params->params[i].isnull = false;
			params->params[i].pflags = PARAM_FLAG_CONST;
		}
		SpiRunRows("coverage_report", q.data, params, TitleRow, &tr, r->cxt);
		qsort(r->titles[k].data, r->titles[k].n, sizeof(Title), CompareTitle);
		if (elems)
		{
			pfree(DatumGetPointer(params->params[1].value));
			pfree(elems);
		}
		pfree(ids.data);
		pfree(q.data);
	}
}

static Datum
TitleOfFinding(const Report *r, const Finding *f)
{
	const Array *titles = &r->titles[f->object_kind];
	Title		key = {f->object_id, 0};
	Title	   *t = titles->n ? bsearch(&key, titles->data, titles->n, sizeof(Title), CompareTitle) : NULL;

	return t ? t->title : (Datum) 0;
}

/*
 * coverage_report
 *		SQL: coverage_report(unit_id bigint, from_at timestamptz, to_at
 *		timestamptz) returns setof (kind, kind_zh, object_kind, object_id,
 *		object_title, position_id, person_id, span, positions, duties,
 *		explanation, explanation_zh).
 */
Datum
coverage_report(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		unit_id = PG_GETARG_INT64(0);
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	int32		tenant;
	Report		r;
	Array		findings;
	FindingSink sink = {0};
	MemoryContext work,
				per_row,
				old;
	TypeCacheEntry *rangetype = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	Datum		kind_text[COVERAGE_NKINDS],
				object_kind_text[COVERAGE_NOBJECT_KINDS],
				lang[2];
	StringInfoData q;

	CoverageCheckSpan(from, to);
	InitMaterializedSRF(fcinfo, 0);
	tenant = CurrentTenantId(fn_oid);
	work = AllocSetContextCreate(CurrentMemoryContext, "coverage_report", ALLOCSET_DEFAULT_SIZES);
	per_row = AllocSetContextCreate(work, "coverage_report row", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	memset(&r, 0, sizeof(r));
	r.schema = quote_identifier(get_namespace_name(get_func_namespace(fn_oid)));
	r.cxt = work;
	Ranks(CoverageKinds, COVERAGE_NKINDS, r.kind_rank);
	Ranks(CoverageObjectKinds, COVERAGE_NOBJECT_KINDS, r.object_rank);

	/* the findings: over time, then of the structure */
	ArrayInit(&findings, sizeof(Finding));
	sink.collect = &findings;
	sink.cxt = work;
	CoverageSweep(fn_oid, tenant, unit_id, from, to, &sink);
	CoverageStructure(fn_oid, tenant, unit_id, from, to, &sink);
	qsort_arg(findings.data, findings.n, sizeof(Finding), CompareFinding, &r);

	/* the Chinese names of the kinds, and the titles of the objects */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "coverage_report: SPI_connect failed");
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT l.code, l.label_zh FROM %s.label l WHERE l.domain = 'finding'", r.schema);
	SpiRunRows("coverage_report", q.data, NULL, LabelRow, &r, work);
	ReadTitles(&r, &findings, tenant);
	SPI_finish();
	MemoryContextSwitchTo(work);

	for (int k = 0; k < COVERAGE_NKINDS; k++)
		kind_text[k] = CStringGetTextDatum(CoverageKinds[k]);
	for (int k = 0; k < COVERAGE_NOBJECT_KINDS; k++)
		object_kind_text[k] = CStringGetTextDatum(CoverageObjectKinds[k]);
	lang[0] = CStringGetTextDatum("en");
	lang[1] = CStringGetTextDatum("zh");

	MemoryContextSwitchTo(per_row);
	for (int64 i = 0; i < findings.n; i++)
	{
		const Finding *f = ELEM(&findings, Finding, i);
		Datum		values[12];
		bool		nulls[12] = {false};
		Datum		title = TitleOfFinding(&r, f);
		LOCAL_FCINFO(words, 10);

		CHECK_FOR_INTERRUPTS();
		values[0] = kind_text[f->kind];
		values[1] = r.kind_zh[f->kind];
		nulls[1] = values[1] == (Datum) 0;
		values[2] = object_kind_text[f->object_kind];
		values[3] = Int64GetDatum(f->object_id);
		values[4] = title;
		nulls[4] = title == (Datum) 0;
		values[5] = Int64GetDatum(f->position_id);
		nulls[5] = !f->has_position;
		values[6] = Int64GetDatum(f->person_id);
		nulls[6] = !f->has_person;
		if (f->span)
			values[7] = f->span;
		else
		{
			RangeBound	lower = {0},
						upper = {0};

			lower.val = TimestampTzGetDatum(f->iv.lo);
			lower.inclusive = true;
			lower.lower = true;
			upper.val = TimestampTzGetDatum(f->iv.hi);
			values[7] = RangeTypePGetDatum(make_range(rangetype, &lower, &upper, false));
		}
		values[8] = f->ids;
		nulls[8] = f->ids == (Datum) 0 || f->ids_are_duties;
		values[9] = f->ids;
		nulls[9] = f->ids == (Datum) 0 || !f->ids_are_duties;

		/* finding_explanation(kind, object_kind, object_id, title, position_id, person_id, span, positions, duties, lang) */
		InitFunctionCallInfoData(*words, NULL, 10, InvalidOid, NULL, NULL);
		for (int a = 0; a < 10; a++)
			words->args[a].isnull = false;
		words->args[0].value = values[0];
		words->args[1].value = values[2];
		words->args[2].value = values[3];
		words->args[3].value = values[4];
		words->args[3].isnull = nulls[4];
		words->args[4].value = values[5];
		words->args[4].isnull = nulls[5];
		words->args[5].value = values[6];
		words->args[5].isnull = nulls[6];
		words->args[6].value = values[7];
		words->args[7].value = values[8];
		words->args[7].isnull = nulls[8];
		words->args[8].value = values[9];
		words->args[8].isnull = nulls[9];
		words->args[9].value = lang[0];
		values[10] = finding_explanation(words);
		words->args[9].value = lang[1];
		values[11] = finding_explanation(words);

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextReset(per_row);
	}

	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return (Datum) 0;
}
