/*
 * coverage_image.c
 *		The arrays the coverage report sweeps, kept with the tenant's
 *		organisation image and patched by key (see coverage_image.h).
 */
#include "postgres.h"

#include <ctype.h>

#include "access/genam.h"
#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cache_inval.h"
#include "coverage_image.h"

/* More changed keys than this and the arrays are built anew. */
#define MAX_PENDING 256

/* ---------------------------------------------------------------------------
 * Arrays
 * ---------------------------------------------------------------------------
 */

void
ArrayInit(Array *a, Size elem)
{
	a->elem = elem;
	a->n = 0;
	a->cap = 64;
	a->data = palloc_extended(elem * a->cap, MCXT_ALLOC_HUGE);
}

static void
ArrayReserve(Array *a, int64 more)
{
	if (a->n + more <= a->cap)
		return;
	while (a->n + more > a->cap)
		a->cap += a->cap / 2;
	a->data = repalloc_huge(a->data, a->elem * a->cap);
}

/* Gives back what a built array does not use, keeping room for patches. */
static void
ArrayTrim(Array *a)
{
	int64		cap = a->n + a->n / 16 + 16;

	if (cap < a->cap)
	{
		a->cap = cap;
		a->data = repalloc_huge(a->data, a->elem * a->cap);
	}
}

void *
ArrayAdd(Array *a)
{
	ArrayReserve(a, 1);
	return a->data + a->elem * a->n++;
}

/* The first index whose leading int64 is not below key. */
static int64
LowerBound(const Array *a, int64 key)
{
	int64		lo = 0,
				hi = a->n;

	while (lo < hi)
	{
		int64		mid = (lo + hi) / 2;

		if (*(const int64 *) (a->data + a->elem * mid) < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the element whose leading int64 is key, or -1. */
int64
ArrayFind(const Array *a, int64 key)
{
	int64		i = LowerBound(a, key);

	return i < a->n && *(const int64 *) (a->data + a->elem * i) == key ? i : -1;
}

/* [from, to): the run of elements whose leading int64 is key. */
static void
Run(const Array *a, int64 key, int64 *from, int64 *to)
{
	*from = LowerBound(a, key);
	*to = *from;
	while (*to < a->n && *(const int64 *) (a->data + a->elem * *to) == key)
		(*to)++;
}

static void
ArrayRemove(Array *a, int64 at, int64 n)
{
	if (n == 0)
		return;
	memmove(a->data + a->elem * at, a->data + a->elem * (at + n), a->elem * (a->n - at - n));
	a->n -= n;
}

static void
ArrayInsert(Array *a, int64 at, const void *src, int64 n)
{
	if (n == 0)
		return;
	ArrayReserve(a, n);
	memmove(a->data + a->elem * (at + n), a->data + a->elem * at, a->elem * (a->n - at));
	memcpy(a->data + a->elem * at, src, a->elem * n);
	a->n += n;
}

/* ---------------------------------------------------------------------------
 * Orders
 * ---------------------------------------------------------------------------
 */

static int
CompareKey(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/* Tenures and absences: by post, then start. */
static int
CompareKeyStart(const void *a, const void *b)
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

static int
CompareOwned(const void *a, const void *b)
{
	const Owned *x = a,
			   *y = b;

	if (x->position_id != y->position_id)
		return x->position_id < y->position_id ? -1 : 1;
	if (x->span.lo != y->span.lo)
		return x->span.lo < y->span.lo ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->object_id < y->object_id ? -1 : x->object_id > y->object_id;
}

/* ---------------------------------------------------------------------------
 * Reading rows
 * ---------------------------------------------------------------------------
 */

typedef struct Reader
{
	Relation	rel;
	TupleDesc	desc;
	TableScanDesc scan;			/* a sequential scan, or */
	SysScanDesc iscan;			/* an index scan of one key */
	HeapTuple	tup;
} Reader;

typedef struct Build
{
	Oid			fn_oid;
	int32		tenant;
	TypeCacheEntry *rangetype;
} Build;

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

/*
 * BeginRead
 *		The tenant's rows of a table under the statement's snapshot: all of
 *		them (index NULL), or those whose column keycol is key, through the
 *		index (whose leading columns are tenant_id and keycol).
 */
static void
BeginRead(Build *b, Reader *r, const char *table, const char *index, const char *keycol, int64 key)
{
	ScanKeyData keys[2];

	r->rel = table_open(ExtensionRelid(b->fn_oid, table), AccessShareLock);
	r->desc = RelationGetDescr(r->rel);
	ScanKeyInit(&keys[0], Att(r, "tenant_id"), BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(b->tenant));
	if (index == NULL)
	{
		r->scan = table_beginscan(r->rel, GetActiveSnapshot(), 1, keys);
		r->iscan = NULL;
	}
	else
	{
		ScanKeyInit(&keys[1], Att(r, keycol), BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
		r->iscan = systable_beginscan(r->rel, ExtensionRelid(b->fn_oid, index), true,
									  GetActiveSnapshot(), 2, keys);
		r->scan = NULL;
	}
}

static bool
NextRow(Reader *r)
{
	r->tup = r->iscan ? systable_getnext(r->iscan) : heap_getnext(r->scan, ForwardScanDirection);
	if (r->tup == NULL)
	{
		if (r->iscan)
			systable_endscan(r->iscan);
		else
			table_endscan(r->scan);
		table_close(r->rel, AccessShareLock);
		return false;
	}
	return true;
}

static int64
GetInt64(Reader *r, AttrNumber att)
{
	bool		isnull;
	Datum		d = heap_getattr(r->tup, att, r->desc, &isnull);

	return isnull ? 0 : DatumGetInt64(d);
}

static bool
IsNull(Reader *r, AttrNumber att)
{
	bool		isnull;

	(void) heap_getattr(r->tup, att, r->desc, &isnull);
	return isnull;
}

/*
 * GetSpan
 *		A tstzrange as [lo, hi): an exclusive lower bound or an inclusive upper
 *		one moves by a microsecond, the unit of timestamptz.
 */
static Iv
GetSpan(Build *b, Reader *r, AttrNumber att)
{
	bool		isnull;
	Datum		d = heap_getattr(r->tup, att, r->desc, &isnull);
	RangeBound	lower,
				upper;
	bool		empty;
	Iv			iv = {0, 0};
	RangeType  *range = DatumGetRangeTypeP(d);

	range_deserialize(b->rangetype, range, &lower, &upper, &empty);
	/* a short varlena comes detoasted into a copy: not to stay in the image */
	if ((Pointer) range != DatumGetPointer(d))
		pfree(range);
	if (empty)
		return iv;
	iv.lo = lower.infinite ? PG_INT64_MIN : (lower.inclusive ? lower.val : lower.val + 1);
	iv.hi = upper.infinite ? PG_INT64_MAX :
		(upper.inclusive && upper.val != PG_INT64_MAX ? upper.val + 1 : upper.val);
	return iv;
}

static Oid
EnumValue(Reader *r, AttrNumber att, const char *label)
{
	return DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum(label),
												ObjectIdGetDatum(TupleDescAttr(r->desc, att - 1)->atttypid)));
}

/* ---------------------------------------------------------------------------
 * Rows of one key, or all
 * ---------------------------------------------------------------------------
 */

/* Posts (one, or all when key is 0). */
static void
ReadPostRows(Build *b, Array *posts, int64 key)
{
	Reader		r;
	AttrNumber	a_id,
				a_unit,
				a_valid;

	BeginRead(b, &r, "position", key ? "position_pkey" : NULL, "position_id", key);
	a_id = Att(&r, "position_id");
	a_unit = Att(&r, "unit_id");
	a_valid = Att(&r, "valid");
	while (NextRow(&r))
	{
		Post	   *p = ArrayAdd(posts);

		memset(p, 0, sizeof(Post));
		p->id = GetInt64(&r, a_id);
		p->unit_id = GetInt64(&r, a_unit);
		p->valid = GetSpan(b, &r, a_valid);
	}
}

/*
 * ReadTenureRows
 *		A post's tenures and absences (or all): the person acting for an
 *		absence answers for the post meanwhile, as in an acting tenure.
 */
static void
ReadTenureRows(Build *b, Array *tenures, Array *absences, int64 key)
{
	Reader		r;
	AttrNumber	a_pos,
				a_person,
				a_during,
				a_tenure,
				a_acting;
	Oid			acting;

	BeginRead(b, &r, "assignment", key ? "assignment_position_during_idx" : NULL, "position_id", key);
	a_pos = Att(&r, "position_id");
	a_person = Att(&r, "person_id");
	a_during = Att(&r, "during");
	a_tenure = Att(&r, "tenure");
	acting = EnumValue(&r, a_tenure, "acting");
	while (NextRow(&r))
	{
		Tenure	   *t = ArrayAdd(tenures);
		bool		isnull;

		t->position_id = GetInt64(&r, a_pos);
		t->person_id = GetInt64(&r, a_person);
		t->span = GetSpan(b, &r, a_during);
		t->acting = DatumGetObjectId(heap_getattr(r.tup, a_tenure, r.desc, &isnull)) == acting;
	}

	BeginRead(b, &r, "absence", key ? "absence_position_during_idx" : NULL, "position_id", key);
	a_pos = Att(&r, "position_id");
	a_person = Att(&r, "person_id");
	a_during = Att(&r, "during");
	a_acting = Att(&r, "acting_person_id");
	while (NextRow(&r))
	{
		Tenure	   *t = ArrayAdd(absences);

		t->position_id = GetInt64(&r, a_pos);
		t->person_id = GetInt64(&r, a_person);
		t->span = GetSpan(b, &r, a_during);
		t->acting = false;
		if (!IsNull(&r, a_acting))
		{
			Tenure	   *stand_in = ArrayAdd(tenures);

			*stand_in = *ELEM(absences, Tenure, absences->n - 1);
			stand_in->person_id = GetInt64(&r, a_acting);
			stand_in->acting = true;
		}
	}
}

static void
ReadDutyRows(Build *b, Array *duties, int64 key)
{
	Reader		r;
	AttrNumber	a_id,
				a_unit,
				a_valid,
				a_target,
				a_target_value;

	BeginRead(b, &r, "duty", key ? "duty_pkey" : NULL, "duty_id", key);
	a_id = Att(&r, "duty_id");
	a_unit = Att(&r, "unit_id");
	a_valid = Att(&r, "valid");
	a_target = Att(&r, "target");
	a_target_value = Att(&r, "target_value");
	while (NextRow(&r))
	{
		Duty	   *d = ArrayAdd(duties);
		bool		isnull;
		Datum		target = heap_getattr(r.tup, a_target, r.desc, &isnull);

		d->id = GetInt64(&r, a_id);
		d->unit_id = GetInt64(&r, a_unit);
		d->valid = GetSpan(b, &r, a_valid);
		/* a target as a number, or in words that are not blank */
		d->target = !IsNull(&r, a_target_value);
		if (!isnull && !d->target)
		{
			char	   *t = TextDatumGetCString(target);

			for (char *c = t; *c && !d->target; c++)
				d->target = !isspace((unsigned char) *c);
			pfree(t);
		}
	}
}

static void
ReadOwnerRows(Build *b, Array *owners, char kind, int64 key)
{
	Reader		r;
	AttrNumber	a_id,
				a_pos,
				a_during,
				a_kind = InvalidAttrNumber;
	Oid			primary = InvalidOid;

	if (kind == 'd')
	{
		BeginRead(b, &r, "duty_owner", key ? "duty_owner_duty_during_idx" : NULL, "duty_id", key);
		a_id = Att(&r, "duty_id");
		a_kind = Att(&r, "kind");
		primary = EnumValue(&r, a_kind, "primary");
	}
	else
	{
		BeginRead(b, &r, "step_owner", key ? "step_owner_step_during_idx" : NULL, "step_id", key);
		a_id = Att(&r, "step_id");
	}
	a_pos = Att(&r, "position_id");
	a_during = Att(&r, "during");
	while (NextRow(&r))
	{
		Owner	   *o = ArrayAdd(owners);
		bool		isnull;

		o->object_id = GetInt64(&r, a_id);
		o->position_id = GetInt64(&r, a_pos);
		o->span = GetSpan(b, &r, a_during);
		o->primary = kind == 's' ||
			DatumGetObjectId(heap_getattr(r.tup, a_kind, r.desc, &isnull)) == primary;
	}
}

static void
ReadProcessRows(Build *b, Array *processes, int64 key)
{
	Reader		r;
	AttrNumber	a_id,
				a_unit,
				a_valid;

	BeginRead(b, &r, "process", key ? "process_pkey" : NULL, "process_id", key);
	a_id = Att(&r, "process_id");
	a_unit = Att(&r, "unit_id");
	a_valid = Att(&r, "valid");
	while (NextRow(&r))
	{
		Process    *p = ArrayAdd(processes);

		p->id = GetInt64(&r, a_id);
		p->unit_id = GetInt64(&r, a_unit);
		p->valid = GetSpan(b, &r, a_valid);
	}
}

static void
ReadStepRows(Build *b, Array *steps, int64 key)
{
	Reader		r;
	AttrNumber	a_id,
				a_process;

	BeginRead(b, &r, "process_step", key ? "process_step_pkey" : NULL, "step_id", key);
	a_id = Att(&r, "step_id");
	a_process = Att(&r, "process_id");
	while (NextRow(&r))
	{
		Step	   *s = ArrayAdd(steps);

		s->id = GetInt64(&r, a_id);
		s->process_id = GetInt64(&r, a_process);
	}
}

/* The Owned of an owner row; target from the duty (sorted by id). */
static Owned
OwnedOf(const Owner *o, char kind, const Array *duties)
{
	Owned		w;
	int64		di = kind == 'd' ? ArrayFind(duties, o->object_id) : -1;

	memset(&w, 0, sizeof(w));
	w.position_id = o->position_id;
	w.span = o->span;
	w.object_id = o->object_id;
	w.kind = kind;
	w.target = di >= 0 && ELEM(duties, Duty, di)->target;
	return w;
}

/* The runs of each post in tenures and absences. */
static void
SetRuns(CoverageImage *ci)
{
	int64		j = 0,
				k = 0;

	for (int64 i = 0; i < ci->posts.n; i++)
	{
		Post	   *p = ELEM(&ci->posts, Post, i);

		while (j < ci->tenures.n && ELEM(&ci->tenures, Tenure, j)->position_id < p->id)
			j++;
		p->first_tenure = j;
		while (j < ci->tenures.n && ELEM(&ci->tenures, Tenure, j)->position_id == p->id)
			j++;
		p->ntenures = j - p->first_tenure;
		while (k < ci->absences.n && ELEM(&ci->absences, Tenure, k)->position_id < p->id)
			k++;
		p->first_absence = k;
		while (k < ci->absences.n && ELEM(&ci->absences, Tenure, k)->position_id == p->id)
			k++;
		p->nabsences = k - p->first_absence;
	}
}

/*
 * CoverageCheckSpan
 *		A report's span must end after it starts (22023).
 */
void
CoverageCheckSpan(TimestampTz from, TimestampTz to)
{
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
}

/*
 * CoverageUnits
 *		The unit root and the units below it: their ids (scope) and the units
 *		with their lives (units), both sorted by id.  Read afresh by every
 *		report (units are few).
 */
void
CoverageUnits(Oid fn_oid, int32 tenant, int64 root, Array *scope, Array *units)
{
	typedef struct Edge
	{
		int64		parent;
		int64		child;
	} Edge;
	Build		b;
	Reader		r;
	AttrNumber	a_id,
				a_parent,
				a_valid;
	Array		edges,
				all_units;
	bool		found = false;
	int64		done = 0;

	b.fn_oid = fn_oid;
	b.tenant = tenant;
	b.rangetype = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	ArrayInit(&edges, sizeof(Edge));
	ArrayInit(&all_units, sizeof(Unit));
	BeginRead(&b, &r, "unit", NULL, NULL, 0);
	a_id = Att(&r, "unit_id");
	a_parent = Att(&r, "parent_id");
	a_valid = Att(&r, "valid");
	while (NextRow(&r))
	{
		Edge	   *e = ArrayAdd(&edges);
		Unit	   *u = ArrayAdd(&all_units);

		e->child = GetInt64(&r, a_id);
		e->parent = GetInt64(&r, a_parent);
		u->id = e->child;
		u->valid = GetSpan(&b, &r, a_valid);
		found |= e->child == root;
	}
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("unit " INT64_FORMAT " does not exist", root),
				 errdetail("No unit has this id in the current tenant.")));

	/* by parent: the children of a unit are one run */
	qsort(edges.data, edges.n, sizeof(Edge), CompareKey);
	ArrayInit(scope, sizeof(int64));
	*(int64 *) ArrayAdd(scope) = root;
	while (done < scope->n)
	{
		int64		from,
					to;

		Run(&edges, *ELEM(scope, int64, done++), &from, &to);
		for (; from < to; from++)
			*(int64 *) ArrayAdd(scope) = ELEM(&edges, Edge, from)->child;
	}
	qsort(scope->data, scope->n, sizeof(int64), CompareKey);
	pfree(edges.data);

	qsort(all_units.data, all_units.n, sizeof(Unit), CompareKey);
	ArrayInit(units, sizeof(Unit));
	for (int64 i = 0; i < all_units.n; i++)
		if (ArrayFind(scope, ELEM(&all_units, Unit, i)->id) >= 0)
			*(Unit *) ArrayAdd(units) = *ELEM(&all_units, Unit, i);
	pfree(all_units.data);
}

/* ---------------------------------------------------------------------------
 * Building and patching
 * ---------------------------------------------------------------------------
 */

static void
BuildAll(Build *b, CoverageImage *ci)
{
	ArrayInit(&ci->posts, sizeof(Post));
	ArrayInit(&ci->tenures, sizeof(Tenure));
	ArrayInit(&ci->absences, sizeof(Tenure));
	ArrayInit(&ci->duties, sizeof(Duty));
	ArrayInit(&ci->duty_owners, sizeof(Owner));
	ArrayInit(&ci->processes, sizeof(Process));
	ArrayInit(&ci->steps, sizeof(Step));
	ArrayInit(&ci->step_owners, sizeof(Owner));
	ArrayInit(&ci->owned, sizeof(Owned));

	ReadPostRows(b, &ci->posts, 0);
	qsort(ci->posts.data, ci->posts.n, sizeof(Post), CompareKey);
	ReadTenureRows(b, &ci->tenures, &ci->absences, 0);
	qsort(ci->tenures.data, ci->tenures.n, sizeof(Tenure), CompareKeyStart);
	qsort(ci->absences.data, ci->absences.n, sizeof(Tenure), CompareKeyStart);
	SetRuns(ci);

	ReadDutyRows(b, &ci->duties, 0);
	qsort(ci->duties.data, ci->duties.n, sizeof(Duty), CompareKey);
	ReadOwnerRows(b, &ci->duty_owners, 'd', 0);
	qsort(ci->duty_owners.data, ci->duty_owners.n, sizeof(Owner), CompareOwner);
	ReadProcessRows(b, &ci->processes, 0);
	qsort(ci->processes.data, ci->processes.n, sizeof(Process), CompareKey);
	ReadStepRows(b, &ci->steps, 0);
	qsort(ci->steps.data, ci->steps.n, sizeof(Step), CompareKey);
	ReadOwnerRows(b, &ci->step_owners, 's', 0);
	qsort(ci->step_owners.data, ci->step_owners.n, sizeof(Owner), CompareOwner);

	ArrayReserve(&ci->owned, ci->duty_owners.n + ci->step_owners.n);
	for (int64 i = 0; i < ci->duty_owners.n; i++)
		*(Owned *) ArrayAdd(&ci->owned) = OwnedOf(ELEM(&ci->duty_owners, Owner, i), 'd', &ci->duties);
	for (int64 i = 0; i < ci->step_owners.n; i++)
		*(Owned *) ArrayAdd(&ci->owned) = OwnedOf(ELEM(&ci->step_owners, Owner, i), 's', &ci->duties);
	qsort(ci->owned.data, ci->owned.n, sizeof(Owned), CompareOwned);

	ArrayTrim(&ci->posts);
	ArrayTrim(&ci->tenures);
	ArrayTrim(&ci->absences);
	ArrayTrim(&ci->duties);
	ArrayTrim(&ci->duty_owners);
	ArrayTrim(&ci->processes);
	ArrayTrim(&ci->steps);
	ArrayTrim(&ci->step_owners);
	ArrayTrim(&ci->owned);
}

/* Takes an owner row out of owned. */
static void
RemoveOwned(CoverageImage *ci, const Owner *o, char kind)
{
	Owned		w = OwnedOf(o, kind, &ci->duties);
	int64		lo = 0,
				hi = ci->owned.n;

	while (lo < hi)
	{
		int64		mid = (lo + hi) / 2;

		if (CompareOwned(ELEM(&ci->owned, Owned, mid), &w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ci->owned.n && CompareOwned(ELEM(&ci->owned, Owned, lo), &w) == 0; lo++)
		if (ELEM(&ci->owned, Owned, lo)->span.hi == w.span.hi)
		{
			ArrayRemove(&ci->owned, lo, 1);
			return;
		}
}

static void
InsertOwned(CoverageImage *ci, const Owner *o, char kind)
{
	Owned		w = OwnedOf(o, kind, &ci->duties);
	int64		lo = 0,
				hi = ci->owned.n;

	while (lo < hi)
	{
		int64		mid = (lo + hi) / 2;

		if (CompareOwned(ELEM(&ci->owned, Owned, mid), &w) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	ArrayInsert(&ci->owned, lo, &w, 1);
}

/* Replaces the elements of key in a sorted array by the rows read again. */
static void
Replace(Array *a, int64 key, Array *fresh, int (*cmp) (const void *, const void *))
{
	int64		from,
				to;

	Run(a, key, &from, &to);
	if (fresh->n > 1)
		qsort(fresh->data, fresh->n, fresh->elem, cmp);
	if (to - from == fresh->n)
	{
		/* as many rows as before (the usual update): in place */
		memcpy(a->data + a->elem * from, fresh->data, a->elem * fresh->n);
		return;
	}
	ArrayRemove(a, from, to - from);
	ArrayInsert(a, from, fresh->data, fresh->n);
}

/* A duty's or a step's owners, read again; owned follows. */
static void
PatchOwners(Build *b, CoverageImage *ci, char kind, int64 key)
{
	Array	   *owners = kind == 'd' ? &ci->duty_owners : &ci->step_owners;
	Array		fresh;
	int64		from,
				to;

	Run(owners, key, &from, &to);
	for (int64 i = from; i < to; i++)
		RemoveOwned(ci, ELEM(owners, Owner, i), kind);
	ArrayInit(&fresh, sizeof(Owner));
	ReadOwnerRows(b, &fresh, kind, key);
	Replace(owners, key, &fresh, CompareOwner);
	Run(owners, key, &from, &to);
	for (int64 i = from; i < to; i++)
		InsertOwned(ci, ELEM(owners, Owner, i), kind);
	pfree(fresh.data);
}

static void
Patch(Build *b, CoverageImage *ci, char kind, int64 key)
{
	Array		fresh,
				fresh2;

	switch (kind)
	{
		case 'p':
			ArrayInit(&fresh, sizeof(Post));
			ReadPostRows(b, &fresh, key);
			Replace(&ci->posts, key, &fresh, CompareKey);
			pfree(fresh.data);
			ArrayInit(&fresh, sizeof(Tenure));
			ArrayInit(&fresh2, sizeof(Tenure));
			ReadTenureRows(b, &fresh, &fresh2, key);
			Replace(&ci->tenures, key, &fresh, CompareKeyStart);
			Replace(&ci->absences, key, &fresh2, CompareKeyStart);
			pfree(fresh.data);
			pfree(fresh2.data);
			break;
		case 'd':
			/* owners first: their entries in owned carry the old target */
			{
				int64		from,
							to;

				Run(&ci->duty_owners, key, &from, &to);
				for (int64 i = from; i < to; i++)
					RemoveOwned(ci, ELEM(&ci->duty_owners, Owner, i), 'd');
				ArrayRemove(&ci->duty_owners, from, to - from);
			}
			ArrayInit(&fresh, sizeof(Duty));
			ReadDutyRows(b, &fresh, key);
			Replace(&ci->duties, key, &fresh, CompareKey);
			pfree(fresh.data);
			PatchOwners(b, ci, 'd', key);
			break;
		case 's':
			ArrayInit(&fresh, sizeof(Step));
			ReadStepRows(b, &fresh, key);
			Replace(&ci->steps, key, &fresh, CompareKey);
			pfree(fresh.data);
			PatchOwners(b, ci, 's', key);
			break;
		case 'r':
			ArrayInit(&fresh, sizeof(Process));
			ReadProcessRows(b, &fresh, key);
			Replace(&ci->processes, key, &fresh, CompareKey);
			pfree(fresh.data);
			break;
		default:
			break;
	}
}

/* The organisation image's sync: a key changed. */
static void
Forget(void *ext, char kind, int64 key)
{
	CoverageImage *ci = ext;

	if (kind != 'p' && kind != 'd' && kind != 's' && kind != 'r')
		return;
	if (ci->npending == MAX_PENDING)
		ci->overflow = true;
	else
	{
		ci->pending[ci->npending].kind = kind;
		ci->pending[ci->npending].key = key;
		ci->npending++;
	}
}

/*
 * CoverageImageOpen
 *		The tenant's arrays, in step with the statement's snapshot.  Pair with
 *		CoverageImageClose(*img).
 */
CoverageImage *
CoverageImageOpen(Oid fn_oid, int32 tenant, TenantImage **img)
{
	CoverageImage *ci;
	Build		b;

	b.fn_oid = fn_oid;
	b.tenant = tenant;
	b.rangetype = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	*img = OrgImageOpen(fn_oid, tenant);
	ci = OrgImageExtension(*img);
	if (ci != NULL && ci->overflow)
	{
		OrgImageDropExtension(*img);
		ci = NULL;
	}
	if (ci == NULL)
	{
		MemoryContext old;

		OrgImageDropExtension(*img);	/* what a failed build left */
		old = MemoryContextSwitchTo(OrgImageExtensionContext(*img));

		ci = palloc0(sizeof(CoverageImage));
		ci->pending = palloc(sizeof(*ci->pending) * MAX_PENDING);
		BuildAll(&b, ci);
		MemoryContextSwitchTo(old);
		OrgImageSetExtension(*img, ci, Forget);
	}
	else if (ci->npending > 0)
	{
		MemoryContext old = MemoryContextSwitchTo(OrgImageExtensionContext(*img));
		bool		posts = false;

		for (int i = 0; i < ci->npending; i++)
		{
			Patch(&b, ci, ci->pending[i].kind, ci->pending[i].key);
			posts |= ci->pending[i].kind == 'p';
		}
		ci->npending = 0;
		if (posts)
			SetRuns(ci);
		MemoryContextSwitchTo(old);
	}
	return ci;
}

/*
 * CoverageImageClose
 *		Ends a report: arrays that do not fit responsibility.chain_cache_size
 *		are not kept.
 */
void
CoverageImageClose(TenantImage *img)
{
	OrgImageClose(img);
	if (OrgImageOverLimit())
		OrgImageDropExtension(img);
}
