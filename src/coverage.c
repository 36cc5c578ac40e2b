/*
 * coverage.c
 *		coverage_sweep(unit, from, to): the findings over time of the
 *		coverage report (R4, R5, R7) for a unit and its sub-units, found by
 *		interval sweeps:
 *
 *		gap				a duty or step with no primary owner, and when
 *		overlap			a duty or step with more than one primary owner
 *		vacant_owner	a primary owner whose post nobody answered for (vacant,
 *						or the holder absent with nobody acting)
 *		idle_person		a person answering for a post that owned no duty or
 *						step then
 *		post_without_indicator, unit_without_indicator
 *						a post owning, or a unit having, no duty with a
 *						quantified target then (R7)
 *
 * Each finding carries the span it covers, to the microsecond, within
 * [from, to).  The structural findings (broken hand-offs, powers without
 * duties or consequences) are plain SQL in 70_coverage.sql.
 *
 * The tenant's rows are read once per call by sequential scans under the
 * statement's snapshot (the report reads every row in scope anyway) into
 * sorted arrays in the call's memory; nothing is kept between calls.  Memory:
 * about 48 bytes per post, 40 per tenure, absence and owner row of the
 * tenant, for the length of the call.
 */
#include "postgres.h"

#include <ctype.h>

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
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
#include "tenant.h"

PG_FUNCTION_INFO_V1(coverage_sweep);

/* A span [lo, hi); -infinity and infinity are the int64 extremes. */
typedef struct Iv
{
	int64		lo;
	int64		hi;
} Iv;

typedef struct Post
{
	int64		id;
	int64		unit_id;
	Iv			valid;
	int32		first_tenure;
	int32		ntenures;
	int32		first_absence;
	int32		nabsences;
} Post;

/* A tenure or an absence of a post. */
typedef struct Tenure
{
	int64		position_id;
	int64		person_id;
	Iv			span;
	bool		acting;
} Tenure;

/* A duty or a step in scope. */
typedef struct Object
{
	int64		id;
	Iv			valid;
} Object;

/* An ownership row: a post owning a duty or a step over a span. */
typedef struct Owner
{
	int64		object_id;
	int64		position_id;
	Iv			span;
	bool		primary;
	bool		target;			/* of a duty with a quantified target */
} Owner;

/* A duty of the tenant: its unit, life, and whether it has a target. */
typedef struct Duty
{
	int64		id;
	int64		unit_id;
	Iv			valid;
	bool		target;
} Duty;

typedef struct Array
{
	char	   *data;
	int64		n;
	int64		cap;
	Size		elem;
} Array;

/* What the scans read: one table, its columns by name. */
typedef struct Reader
{
	Relation	rel;
	TupleDesc	desc;
	TableScanDesc scan;
	HeapTuple	tup;
} Reader;

typedef struct Sweep
{
	Oid			fn_oid;
	int32		tenant;
	Iv			window;
	TypeCacheEntry *rangetype;
	Tuplestorestate *out;
	TupleDesc	outdesc;
} Sweep;

/* ---------------------------------------------------------------------------
 * Arrays and spans
 * ---------------------------------------------------------------------------
 */

static void
ArrayInit(Array *a, Size elem)
{
	a->elem = elem;
	a->n = 0;
	a->cap = 1024;
	a->data = palloc_extended(elem * a->cap, MCXT_ALLOC_HUGE);
}

static void *
ArrayAdd(Array *a)
{
	if (a->n == a->cap)
	{
		a->cap *= 2;
		a->data = repalloc_huge(a->data, a->elem * a->cap);
	}
	return a->data + a->elem * a->n++;
}

#define ELEM(a, T, i) (&((T *) (a)->data)[i])

static inline int64
Max64(int64 a, int64 b)
{
	return a > b ? a : b;
}

static inline int64
Min64(int64 a, int64 b)
{
	return a < b ? a : b;
}

static inline Iv
Intersect(Iv a, Iv b)
{
	Iv			r = {Max64(a.lo, b.lo), Min64(a.hi, b.hi)};

	return r;
}

static inline bool
IvEmpty(Iv a)
{
	return a.lo >= a.hi;
}

/*
 * SpanOf
 *		A tstzrange as [lo, hi): an exclusive lower bound or an inclusive upper
 *		one moves by a microsecond, the unit of timestamptz.
 */
static Iv
SpanOf(Sweep *sw, Datum d)
{
	RangeBound	lower,
				upper;
	bool		empty;
	Iv			r;

	range_deserialize(sw->rangetype, DatumGetRangeTypeP(d), &lower, &upper, &empty);
	if (empty)
	{
		r.lo = 0;
		r.hi = 0;
		return r;
	}
	r.lo = lower.infinite ? PG_INT64_MIN : (lower.inclusive ? lower.val : lower.val + 1);
	r.hi = upper.infinite ? PG_INT64_MAX : (upper.inclusive && upper.val != PG_INT64_MAX ? upper.val + 1 : upper.val);
	return r;
}

static Datum
RangeOf(Sweep *sw, Iv iv)
{
	RangeBound	lower = {0},
				upper = {0};

	lower.val = TimestampTzGetDatum(iv.lo);
	lower.inclusive = true;
	lower.lower = true;
	upper.val = TimestampTzGetDatum(iv.hi);
	upper.inclusive = false;
	upper.lower = false;
	return RangeTypePGetDatum(make_range(sw->rangetype, &lower, &upper, false));
}

/*
 * Subtract
 *		Appends to out the pieces of s not covered by the sorted, disjoint
 *		spans cover[0..n).
 */
static int
Subtract(Iv s, const Iv *cover, int n, Iv *out)
{
	int			nout = 0;
	int64		at = s.lo;

	for (int i = 0; i < n && at < s.hi; i++)
	{
		if (cover[i].hi <= at)
			continue;
		if (cover[i].lo >= s.hi)
			break;
		if (cover[i].lo > at)
			out[nout++] = (Iv) {at, cover[i].lo};
		at = Max64(at, cover[i].hi);
	}
	if (at < s.hi)
		out[nout++] = (Iv) {at, s.hi};
	return nout;
}

static int
CompareIv(const void *a, const void *b)
{
	const Iv   *x = a,
			   *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo ? 1 : (x->hi < y->hi ? -1 : x->hi > y->hi);
}

/* Sorts spans and merges those that touch: sorted, disjoint. */
static int
Normalise(Iv *iv, int n)
{
	int			m = 0;

	if (n == 0)
		return 0;
	qsort(iv, n, sizeof(Iv), CompareIv);
	for (int i = 1; i < n; i++)
	{
		if (iv[i].lo <= iv[m].hi)
			iv[m].hi = Max64(iv[m].hi, iv[i].hi);
		else
			iv[++m] = iv[i];
	}
	return m + 1;
}

/* ---------------------------------------------------------------------------
 * Reading the tables
 * ---------------------------------------------------------------------------
 */

static AttrNumber
Att(Reader *r, const char *name)
{
	for (int i = 0; i < r->desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(r->desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			return att->attnum;
	}
	elog(ERROR, "column \"%s\" of \"%s\" is missing", name, RelationGetRelationName(r->rel));
	return InvalidAttrNumber;
}

/* A sequential scan of the tenant's rows of a table. */
static void
BeginRead(Sweep *sw, Reader *r, const char *table)
{
	ScanKeyData key;

	r->rel = table_open(ExtensionRelid(sw->fn_oid, table), AccessShareLock);
	r->desc = RelationGetDescr(r->rel);
	ScanKeyInit(&key, Att(r, "tenant_id"), BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(sw->tenant));
	r->scan = table_beginscan(r->rel, GetActiveSnapshot(), 1, &key);
}

static bool
NextRow(Reader *r)
{
	r->tup = heap_getnext(r->scan, ForwardScanDirection);
	if (r->tup == NULL)
	{
		table_endscan(r->scan);
		table_close(r->rel, AccessShareLock);
		return false;
	}
	return true;
}

static int64
GetInt64(Reader *r, AttrNumber att, int64 ifnull)
{
	bool		isnull;
	Datum		d = heap_getattr(r->tup, att, r->desc, &isnull);

	return isnull ? ifnull : DatumGetInt64(d);
}

static Datum
Get(Reader *r, AttrNumber att)
{
	bool		isnull;

	return heap_getattr(r->tup, att, r->desc, &isnull);
}

static int
CompareInt64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/* Index of key in a sorted array of structs starting with an int64 id, or -1. */
static int64
Find(const Array *a, int64 key)
{
	int64		lo = 0,
				hi = a->n - 1;

	while (lo <= hi)
	{
		int64		mid = (lo + hi) / 2;
		int64		k = *(const int64 *) (a->data + a->elem * mid);

		if (k == key)
			return mid;
		if (k < key)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * UnitsInScope
 *		The unit and the units below it: their ids (scope) and the units with
 *		their lives (units), both sorted by id.
 */
static void
UnitsInScope(Sweep *sw, int64 root, Array *scope, Array *units)
{
	typedef struct Edge
	{
		int64		parent;
		int64		child;
	} Edge;
	Reader		r;
	AttrNumber	a_id,
				a_parent,
				a_valid;
	Array		edges,
				all_units;
	bool		found = false;
	int64		done = 0;

	ArrayInit(&edges, sizeof(Edge));
	ArrayInit(&all_units, sizeof(Object));
	BeginRead(sw, &r, "unit");
	a_id = Att(&r, "unit_id");
	a_parent = Att(&r, "parent_id");
	a_valid = Att(&r, "valid");
	while (NextRow(&r))
	{
		Edge	   *e = ArrayAdd(&edges);
		Object	   *u = ArrayAdd(&all_units);

		e->child = GetInt64(&r, a_id, 0);
		e->parent = GetInt64(&r, a_parent, 0);
		u->id = e->child;
		u->valid = SpanOf(sw, Get(&r, a_valid));
		if (e->child == root)
			found = true;
	}
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("unit " INT64_FORMAT " does not exist", root),
				 errdetail("No unit has this id in the current tenant.")));
	/* edges sorted by parent: the children of a unit are one run */
	qsort(edges.data, edges.n, sizeof(Edge), CompareInt64);
	ArrayInit(scope, sizeof(int64));
	*(int64 *) ArrayAdd(scope) = root;
	while (done < scope->n)
	{
		int64		parent = *ELEM(scope, int64, done++);
		int64		lo = 0,
					hi = edges.n;

		while (lo < hi)
		{
			int64		mid = (lo + hi) / 2;

			if (ELEM(&edges, Edge, mid)->parent < parent)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < edges.n && ELEM(&edges, Edge, lo)->parent == parent; lo++)
			*(int64 *) ArrayAdd(scope) = ELEM(&edges, Edge, lo)->child;
	}
	qsort(scope->data, scope->n, sizeof(int64), CompareInt64);
	pfree(edges.data);

	qsort(all_units.data, all_units.n, sizeof(Object), CompareInt64);
	ArrayInit(units, sizeof(Object));
	for (int64 i = 0; i < all_units.n; i++)
		if (Find(scope, ELEM(&all_units, Object, i)->id) >= 0)
			*(Object *) ArrayAdd(units) = *ELEM(&all_units, Object, i);
	pfree(all_units.data);
}

static int
CompareTenure(const void *a, const void *b)
{
	const Tenure *x = a,
			   *y = b;

	if (x->position_id != y->position_id)
		return x->position_id < y->position_id ? -1 : 1;
	return x->span.lo < y->span.lo ? -1 : x->span.lo > y->span.lo;
}

static int
CompareOwner(const void *a, const void *b)
{
	const Owner *x = a,
			   *y = b;

	if (x->object_id != y->object_id)
		return x->object_id < y->object_id ? -1 : 1;
	return x->span.lo < y->span.lo ? -1 : x->span.lo > y->span.lo;
}

/* Posts with their tenures and absences, sorted by id. */
static void
ReadPosts(Sweep *sw, Array *posts, Array *tenures, Array *absences)
{
	Reader		r;
	AttrNumber	a_id,
				a_unit,
				a_valid,
				a_person,
				a_during,
				a_tenure;
	Oid			acting = InvalidOid;

	ArrayInit(posts, sizeof(Post));
	BeginRead(sw, &r, "position");
	a_id = Att(&r, "position_id");
	a_unit = Att(&r, "unit_id");
	a_valid = Att(&r, "valid");
	while (NextRow(&r))
	{
		Post	   *p = ArrayAdd(posts);

		memset(p, 0, sizeof(Post));
		p->id = GetInt64(&r, a_id, 0);
		p->unit_id = GetInt64(&r, a_unit, 0);
		p->valid = SpanOf(sw, Get(&r, a_valid));
	}
	qsort(posts->data, posts->n, sizeof(Post), CompareInt64);

	ArrayInit(tenures, sizeof(Tenure));
	BeginRead(sw, &r, "assignment");
	a_id = Att(&r, "position_id");
	a_person = Att(&r, "person_id");
	a_during = Att(&r, "during");
	a_tenure = Att(&r, "tenure");
	{
		Oid			typid = TupleDescAttr(r.desc, a_tenure - 1)->atttypid;

		acting = DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum("acting"),
													  ObjectIdGetDatum(typid)));
	}
	while (NextRow(&r))
	{
		Tenure	   *t = ArrayAdd(tenures);

		t->position_id = GetInt64(&r, a_id, 0);
		t->person_id = GetInt64(&r, a_person, 0);
		t->span = SpanOf(sw, Get(&r, a_during));
		t->acting = DatumGetObjectId(Get(&r, a_tenure)) == acting;
	}

	/*
	 * Absences; the person acting for one answers for the post meanwhile,
	 * as if in an acting tenure.
	 */
	ArrayInit(absences, sizeof(Tenure));
	BeginRead(sw, &r, "absence");
	a_id = Att(&r, "position_id");
	a_person = Att(&r, "person_id");
	a_during = Att(&r, "during");
	a_tenure = Att(&r, "acting_person_id");
	while (NextRow(&r))
	{
		Tenure	   *t = ArrayAdd(absences);
		int64		acting_person = GetInt64(&r, a_tenure, 0);

		t->position_id = GetInt64(&r, a_id, 0);
		t->person_id = GetInt64(&r, a_person, 0);
		t->span = SpanOf(sw, Get(&r, a_during));
		t->acting = false;
		if (acting_person != 0)
		{
			Tenure	   *stand_in = ArrayAdd(tenures);

			t = ELEM(absences, Tenure, absences->n - 1);
			*stand_in = *t;
			stand_in->person_id = acting_person;
			stand_in->acting = true;
		}
	}
	qsort(tenures->data, tenures->n, sizeof(Tenure), CompareTenure);
	qsort(absences->data, absences->n, sizeof(Tenure), CompareTenure);

	/* each post's runs of tenures and absences */
	for (int64 i = 0, j = 0, k = 0; i < posts->n; i++)
	{
		Post	   *p = ELEM(posts, Post, i);

		while (j < tenures->n && ELEM(tenures, Tenure, j)->position_id < p->id)
			j++;
		p->first_tenure = j;
		while (j < tenures->n && ELEM(tenures, Tenure, j)->position_id == p->id)
			j++;
		p->ntenures = j - p->first_tenure;
		while (k < absences->n && ELEM(absences, Tenure, k)->position_id < p->id)
			k++;
		p->first_absence = k;
		while (k < absences->n && ELEM(absences, Tenure, k)->position_id == p->id)
			k++;
		p->nabsences = k - p->first_absence;
	}
}

/*
 * ReadObjects
 *		The duties (or steps) of the units in scope with their lives, sorted
 *		by id, and the ownership rows of the whole tenant (every duty and
 *		step, in scope or not: a post's duties elsewhere count for it).
 */
static int
CompareDutyByUnit(const void *a, const void *b)
{
	const Duty *x = a,
			   *y = b;

	if (x->unit_id != y->unit_id)
		return x->unit_id < y->unit_id ? -1 : 1;
	return x->valid.lo < y->valid.lo ? -1 : x->valid.lo > y->valid.lo;
}

/*
 * ReadDuties
 *		Every duty of the tenant (all_duties, by id), those of the units in
 *		scope (duties), and every ownership row, marked when its duty has a
 *		quantified target (a post's duties elsewhere count for it too).
 */
static void
ReadDuties(Sweep *sw, const Array *scope, Array *all_duties, Array *duties, Array *owners)
{
	Reader		r;
	AttrNumber	a_id,
				a_unit,
				a_valid,
				a_pos,
				a_during,
				a_kind,
				a_target,
				a_target_value;
	Oid			primary;

	ArrayInit(all_duties, sizeof(Duty));
	BeginRead(sw, &r, "duty");
	a_id = Att(&r, "duty_id");
	a_unit = Att(&r, "unit_id");
	a_valid = Att(&r, "valid");
	a_target = Att(&r, "target");
	a_target_value = Att(&r, "target_value");
	while (NextRow(&r))
	{
		Duty	   *d = ArrayAdd(all_duties);
		bool		isnull;
		Datum		target = heap_getattr(r.tup, a_target, r.desc, &isnull);

		d->id = GetInt64(&r, a_id, 0);
		d->unit_id = GetInt64(&r, a_unit, 0);
		d->valid = SpanOf(sw, Get(&r, a_valid));
		/* a target in words (not blank) or as a number */
		d->target = false;
		if (!isnull)
		{
			char	   *t = TextDatumGetCString(target);

			for (char *c = t; *c && !d->target; c++)
				d->target = !isspace((unsigned char) *c);
		}
		(void) heap_getattr(r.tup, a_target_value, r.desc, &isnull);
		d->target |= !isnull;
	}
	qsort(all_duties->data, all_duties->n, sizeof(Duty), CompareInt64);

	ArrayInit(duties, sizeof(Object));
	for (int64 i = 0; i < all_duties->n; i++)
	{
		Duty	   *d = ELEM(all_duties, Duty, i);
		Object	   *o;

		if (Find(scope, d->unit_id) < 0)
			continue;
		o = ArrayAdd(duties);
		o->id = d->id;
		o->valid = d->valid;
	}

	BeginRead(sw, &r, "duty_owner");
	a_id = Att(&r, "duty_id");
	a_pos = Att(&r, "position_id");
	a_during = Att(&r, "during");
	a_kind = Att(&r, "kind");
	primary = DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum("primary"),
												   ObjectIdGetDatum(TupleDescAttr(r.desc, a_kind - 1)->atttypid)));
	while (NextRow(&r))
	{
		Owner	   *o = ArrayAdd(owners);
		int64		di;

		o->object_id = GetInt64(&r, a_id, 0);
		o->position_id = GetInt64(&r, a_pos, 0);
		o->span = SpanOf(sw, Get(&r, a_during));
		o->primary = DatumGetObjectId(Get(&r, a_kind)) == primary;
		di = Find(all_duties, o->object_id);
		o->target = di >= 0 && ELEM(all_duties, Duty, di)->target;
	}
}

static void
ReadSteps(Sweep *sw, const Array *scope, Array *steps, Array *owners)
{
	Reader		r;
	AttrNumber	a_id,
				a_unit,
				a_valid,
				a_pos,
				a_during;
	Array		processes;

	ArrayInit(&processes, sizeof(Object));
	BeginRead(sw, &r, "process");
	a_id = Att(&r, "process_id");
	a_unit = Att(&r, "unit_id");
	a_valid = Att(&r, "valid");
	while (NextRow(&r))
	{
		Object	   *o;

		if (Find(scope, GetInt64(&r, a_unit, 0)) < 0)
			continue;
		o = ArrayAdd(&processes);
		o->id = GetInt64(&r, a_id, 0);
		o->valid = SpanOf(sw, Get(&r, a_valid));
	}
	qsort(processes.data, processes.n, sizeof(Object), CompareInt64);

	ArrayInit(steps, sizeof(Object));
	BeginRead(sw, &r, "process_step");
	a_id = Att(&r, "step_id");
	a_unit = Att(&r, "process_id");
	while (NextRow(&r))
	{
		int64		i = Find(&processes, GetInt64(&r, a_unit, 0));
		Object	   *o;

		if (i < 0)
			continue;
		o = ArrayAdd(steps);
		o->id = GetInt64(&r, a_id, 0);
		o->valid = ELEM(&processes, Object, i)->valid;
	}
	qsort(steps->data, steps->n, sizeof(Object), CompareInt64);
	pfree(processes.data);

	BeginRead(sw, &r, "step_owner");
	a_id = Att(&r, "step_id");
	a_pos = Att(&r, "position_id");
	a_during = Att(&r, "during");
	while (NextRow(&r))
	{
		Owner	   *o = ArrayAdd(owners);

		o->object_id = GetInt64(&r, a_id, 0);
		o->position_id = GetInt64(&r, a_pos, 0);
		o->span = SpanOf(sw, Get(&r, a_during));
		o->primary = true;
		o->target = false;
	}
}

/* ---------------------------------------------------------------------------
 * Findings
 * ---------------------------------------------------------------------------
 */

static void
Emit(Sweep *sw, const char *kind, const char *object_kind, int64 object_id,
	 int64 position_id, int64 person_id, Iv span, const int64 *positions, int npositions)
{
	Datum		values[7];
	bool		nulls[7] = {false};

	values[0] = CStringGetTextDatum(kind);
	values[1] = CStringGetTextDatum(object_kind);
	values[2] = Int64GetDatum(object_id);
	values[3] = Int64GetDatum(position_id);
	nulls[3] = position_id == 0;
	values[4] = Int64GetDatum(person_id);
	nulls[4] = person_id == 0;
	values[5] = RangeOf(sw, span);
	if (npositions > 0)
	{
		Datum	   *d = palloc(sizeof(Datum) * npositions);

		for (int i = 0; i < npositions; i++)
			d[i] = Int64GetDatum(positions[i]);
		values[6] = PointerGetDatum(construct_array(d, npositions, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	}
	else
		nulls[6] = true;
	tuplestore_putvalues(sw->out, sw->outdesc, values, nulls);
}

/*
 * Answered
 *		The spans in which somebody answered for the post: its holders while
 *		present, and its acting holders; sorted and disjoint, in buf.
 */
static int
Answered(const Post *p, const Array *tenures, const Array *absences, Iv **buf, int *bufcap)
{
	int			n = 0;
	int			need = p->ntenures * (p->nabsences + 2) + 1;
	Iv		   *piece;

	if (need > *bufcap)
	{
		*bufcap = Max(need, *bufcap * 2);
		*buf = repalloc(*buf, sizeof(Iv) * *bufcap);
	}
	piece = palloc(sizeof(Iv) * (p->nabsences + 1));
	for (int i = 0; i < p->ntenures; i++)
	{
		const Tenure *t = ELEM(tenures, Tenure, p->first_tenure + i);
		Iv		   *away = palloc(sizeof(Iv) * (p->nabsences + 1));
		int			naway = 0,
					npieces;

		if (!t->acting)
			for (int j = 0; j < p->nabsences; j++)
			{
				const Tenure *b = ELEM(absences, Tenure, p->first_absence + j);

				if (b->person_id == t->person_id)
					away[naway++] = b->span;
			}
		naway = Normalise(away, naway);
		npieces = Subtract(t->span, away, naway, piece);
		for (int k = 0; k < npieces; k++)
			(*buf)[n++] = piece[k];
		pfree(away);
	}
	pfree(piece);
	return Normalise(*buf, n);
}

/*
 * SweepObjects
 *		Gaps, overlaps and vacant owners of each object: owners sorted by
 *		(object, start).
 */
static void
SweepObjects(Sweep *sw, const char *object_kind, const Array *objects, const Array *owners,
			 const Array *posts, const Array *tenures, const Array *absences)
{
	int64		j = 0;
	int			cap = 64;
	typedef struct Edge
	{
		int64		at;
		int64		position_id;
		int			delta;
	} Edge;
	Edge	   *edges = palloc(sizeof(Edge) * cap * 2);
	Iv		   *prim = palloc(sizeof(Iv) * cap);
	Iv		   *gaps = palloc(sizeof(Iv) * (cap + 1));
	int64	   *holders = palloc(sizeof(int64) * cap);
	int			anscap = 16;
	Iv		   *ans = palloc(sizeof(Iv) * anscap);
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext, "coverage object", ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(tmp);

	for (int64 i = 0; i < objects->n; i++)
	{
		const Object *o = ELEM(objects, Object, i);
		Iv			life = Intersect(o->valid, sw->window);
		int64		first;
		int			n = 0,
					nedges = 0,
					ngaps;

		MemoryContextReset(tmp);

		while (j < owners->n && ELEM(owners, Owner, j)->object_id < o->id)
			j++;
		first = j;
		while (j < owners->n && ELEM(owners, Owner, j)->object_id == o->id)
			j++;
		if (IvEmpty(life))
			continue;
		if (j - first > cap)
		{
			cap = j - first;
			edges = repalloc(edges, sizeof(Edge) * cap * 2);
			prim = repalloc(prim, sizeof(Iv) * cap);
			gaps = repalloc(gaps, sizeof(Iv) * (cap + 1));
			holders = repalloc(holders, sizeof(int64) * cap);
		}
		for (int64 k = first; k < j; k++)
		{
			const Owner *w = ELEM(owners, Owner, k);
			Iv			s = Intersect(w->span, life);
			int64		pi;

			if (!w->primary || IvEmpty(s))
				continue;
			prim[n++] = s;
			edges[nedges++] = (Edge) {s.lo, w->position_id, 1};
			edges[nedges++] = (Edge) {s.hi, w->position_id, -1};

			/* vacant owner: the parts of s nobody answered for the post */
			pi = Find(posts, w->position_id);
			if (pi >= 0)
			{
				int			nans = Answered(ELEM(posts, Post, pi), tenures, absences, &ans, &anscap);
				Iv		   *vac = palloc(sizeof(Iv) * (nans + 1));
				int			nvac = Subtract(s, ans, nans, vac);

				for (int v = 0; v < nvac; v++)
					Emit(sw, "vacant_owner", object_kind, o->id, w->position_id, 0, vac[v], NULL, 0);
				pfree(vac);
			}
		}

		/* gaps: the life minus the union of primary spans */
		n = Normalise(prim, n);
		ngaps = Subtract(life, prim, n, gaps);
		for (int g = 0; g < ngaps; g++)
			Emit(sw, "gap", object_kind, o->id, 0, 0, gaps[g], NULL, 0);

		/* overlaps: where two or more primary spans are open */
		if (nedges > 2)
		{
			int			open = 0,
						nholders = 0;
			int64		from = 0;

			/* by time, ends before starts at the same instant */
			for (int a = 1; a < nedges; a++)
				for (int b = a; b > 0 &&
					 (edges[b - 1].at > edges[b].at ||
					  (edges[b - 1].at == edges[b].at && edges[b - 1].delta > edges[b].delta)); b--)
				{
					Edge		t = edges[b];

					edges[b] = edges[b - 1];
					edges[b - 1] = t;
				}
			for (int a = 0; a < nedges; a++)
			{
				Edge	   *e = &edges[a];

				if (open >= 2 && e->at > from)
				{
					/* posts, not rows: one post owning twice is not two owners */
					int64	   *sorted = palloc(sizeof(int64) * nholders);
					int			ndistinct = 0;

					memcpy(sorted, holders, sizeof(int64) * nholders);
					qsort(sorted, nholders, sizeof(int64), CompareInt64);
					for (int h = 0; h < nholders; h++)
						if (h == 0 || sorted[h] != sorted[h - 1])
							sorted[ndistinct++] = sorted[h];
					if (ndistinct >= 2)
						Emit(sw, "overlap", object_kind, o->id, 0, 0, (Iv) {from, e->at}, sorted, ndistinct);
					pfree(sorted);
				}
				if (e->delta > 0)
					holders[nholders++] = e->position_id;
				else
					for (int h = 0; h < nholders; h++)
						if (holders[h] == e->position_id)
						{
							holders[h] = holders[--nholders];
							break;
						}
				open += e->delta;
				from = e->at;
			}
		}
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(tmp);
}

static int
CompareOwnerByPost(const void *a, const void *b)
{
	const Owner *x = *(Owner *const *) a,
			   *y = *(Owner *const *) b;

	if (x->position_id != y->position_id)
		return x->position_id < y->position_id ? -1 : 1;
	return x->span.lo < y->span.lo ? -1 : x->span.lo > y->span.lo;
}

/*
 * SweepPersons
 *		R7: the people answering for a post of the scope while it owned no
 *		duty and no step (of any unit).
 */
static void
SweepPersons(Sweep *sw, const Array *scope, const Array *posts, const Array *tenures,
			 const Array *absences, const Array *owners)
{
	Owner	  **bypost = palloc_extended(sizeof(Owner *) * Max(owners->n, 1), MCXT_ALLOC_HUGE);
	int64		j = 0;
	int			cap = 64;
	Iv		   *owned = palloc(sizeof(Iv) * cap);
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext, "coverage post", ALLOCSET_SMALL_SIZES);
	MemoryContext old;

	for (int64 i = 0; i < owners->n; i++)
		bypost[i] = ELEM(owners, Owner, i);
	qsort(bypost, owners->n, sizeof(Owner *), CompareOwnerByPost);

	old = MemoryContextSwitchTo(tmp);
	for (int64 i = 0; i < posts->n; i++)
	{
		const Post *p = ELEM(posts, Post, i);
		Iv			life = Intersect(p->valid, sw->window);
		int64		first;
		int			nowned = 0;

		while (j < owners->n && bypost[j]->position_id < p->id)
			j++;
		first = j;
		while (j < owners->n && bypost[j]->position_id == p->id)
			j++;
		if (IvEmpty(life) || Find(scope, p->unit_id) < 0)
			continue;
		MemoryContextReset(tmp);
		if (j - first > cap)
		{
			cap = j - first;
			owned = repalloc(owned, sizeof(Iv) * cap);
		}

		/* R7: the post's life without a duty with a target */
		for (int64 k = first; k < j; k++)
			if (bypost[k]->target)
				owned[nowned++] = bypost[k]->span;
		nowned = Normalise(owned, nowned);
		{
			Iv		   *bare = palloc(sizeof(Iv) * (nowned + 1));
			int			nbare = Subtract(life, owned, nowned, bare);

			for (int k = 0; k < nbare; k++)
				Emit(sw, "post_without_indicator", "post", p->id, p->id, 0, bare[k], NULL, 0);
		}

		nowned = 0;
		for (int64 k = first; k < j; k++)
			owned[nowned++] = bypost[k]->span;
		nowned = Normalise(owned, nowned);

		/* each tenure, while its person answered, minus what the post owned */
		for (int t = 0; t < p->ntenures; t++)
		{
			const Tenure *te = ELEM(tenures, Tenure, p->first_tenure + t);
			Iv			s = Intersect(te->span, life);
			Iv		   *idle;
			int			nidle;

			if (IvEmpty(s))
				continue;
			idle = palloc(sizeof(Iv) * (nowned + 1));
			nidle = Subtract(s, owned, nowned, idle);
			for (int k = 0; k < nidle; k++)
			{
				/* only while the person answered (not while absent) */
				Iv		   *away = palloc(sizeof(Iv) * (p->nabsences + 1));
				Iv		   *left = palloc(sizeof(Iv) * (p->nabsences + 1));
				int			naway = 0,
							nleft;

				if (!te->acting)
					for (int b = 0; b < p->nabsences; b++)
					{
						const Tenure *ab = ELEM(absences, Tenure, p->first_absence + b);

						if (ab->person_id == te->person_id)
							away[naway++] = ab->span;
					}
				naway = Normalise(away, naway);
				nleft = Subtract(idle[k], away, naway, left);
				for (int l = 0; l < nleft; l++)
					Emit(sw, "idle_person", "post", p->id, p->id, te->person_id, left[l], NULL, 0);
				pfree(away);
				pfree(left);
			}
			pfree(idle);
		}
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(tmp);
	pfree(bypost);
}

/*
 * SweepUnits
 *		R7: the units in scope over the times none of their duties had a
 *		target.  units: the units in scope with their lives, by id.
 */
static void
SweepUnits(Sweep *sw, const Array *units, Array *all_duties)
{
	int64		j = 0;
	Iv		   *covered = palloc_extended(sizeof(Iv) * Max(all_duties->n, 1), MCXT_ALLOC_HUGE);
	Iv		   *bare = palloc_extended(sizeof(Iv) * (Max(all_duties->n, 1) + 1), MCXT_ALLOC_HUGE);

	/* duties by unit (all_duties is not needed by id any more) */
	qsort(all_duties->data, all_duties->n, sizeof(Duty), CompareDutyByUnit);
	for (int64 i = 0; i < units->n; i++)
	{
		const Object *u = ELEM(units, Object, i);
		Iv			life = Intersect(u->valid, sw->window);
		int			n = 0,
					nbare;

		while (j < all_duties->n && ELEM(all_duties, Duty, j)->unit_id < u->id)
			j++;
		for (; j < all_duties->n && ELEM(all_duties, Duty, j)->unit_id == u->id; j++)
			if (ELEM(all_duties, Duty, j)->target)
				covered[n++] = ELEM(all_duties, Duty, j)->valid;
		if (IvEmpty(life))
			continue;
		n = Normalise(covered, n);
		nbare = Subtract(life, covered, n, bare);
		for (int k = 0; k < nbare; k++)
			Emit(sw, "unit_without_indicator", "unit", u->id, 0, 0, bare[k], NULL, 0);
	}
	pfree(covered);
	pfree(bare);
}

/*
 * coverage_sweep
 *		SQL: coverage_sweep(unit_id bigint, from timestamptz, to timestamptz)
 *		returns setof (kind, object_kind, object_id, position_id, person_id,
 *		span, positions).
 */
Datum
coverage_sweep(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int64		unit_id = PG_GETARG_INT64(0);
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Sweep		sw;
	MemoryContext work,
				old;
	Array		scope,
				units,
				all_duties,
				posts,
				tenures,
				absences,
				duties,
				steps,
				duty_owners,
				step_owners,
				all_owners;

	if (from >= to)
	{
		/* timestamptz_to_str() reuses one buffer */
		char	   *from_text = pstrdup(timestamptz_to_str(from));
		char	   *to_text = pstrdup(timestamptz_to_str(to));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("coverage span must end after it starts"),
				 errdetail("The span given runs from %s to %s.", from_text, to_text)));
	}

	InitMaterializedSRF(fcinfo, 0);
	sw.fn_oid = fcinfo->flinfo->fn_oid;
	sw.tenant = CurrentTenantId(sw.fn_oid);
	sw.window.lo = from;
	sw.window.hi = to;
	sw.rangetype = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	sw.out = rsinfo->setResult;
	sw.outdesc = rsinfo->setDesc;

	/* the arrays live for the call; the tuplestore outlives it */
	work = AllocSetContextCreate(CurrentMemoryContext, "coverage_sweep", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	UnitsInScope(&sw, unit_id, &scope, &units);
	ReadPosts(&sw, &posts, &tenures, &absences);
	ArrayInit(&duty_owners, sizeof(Owner));
	ArrayInit(&step_owners, sizeof(Owner));
	ReadDuties(&sw, &scope, &all_duties, &duties, &duty_owners);
	ReadSteps(&sw, &scope, &steps, &step_owners);

	qsort(duty_owners.data, duty_owners.n, sizeof(Owner), CompareOwner);
	qsort(step_owners.data, step_owners.n, sizeof(Owner), CompareOwner);

	SweepObjects(&sw, "duty", &duties, &duty_owners, &posts, &tenures, &absences);
	SweepObjects(&sw, "step", &steps, &step_owners, &posts, &tenures, &absences);

	/* a post's ownerships, of duties and steps alike */
	ArrayInit(&all_owners, sizeof(Owner));
	all_owners.data = repalloc_huge(all_owners.data, sizeof(Owner) * Max(duty_owners.n + step_owners.n, 1));
	all_owners.cap = Max(duty_owners.n + step_owners.n, 1);
	memcpy(all_owners.data, duty_owners.data, sizeof(Owner) * duty_owners.n);
	memcpy(all_owners.data + sizeof(Owner) * duty_owners.n, step_owners.data, sizeof(Owner) * step_owners.n);
	all_owners.n = duty_owners.n + step_owners.n;
	pfree(duty_owners.data);
	pfree(step_owners.data);
	SweepPersons(&sw, &scope, &posts, &tenures, &absences, &all_owners);
	SweepUnits(&sw, &units, &all_duties);

	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return (Datum) 0;
}
