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
 * duties or consequences) are coverage_structure.c's.
 *
 * The sweeps read the tenant's arrays of coverage_image.h, in step with
 * the statement's snapshot; units are read afresh.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "coverage.h"
#include "coverage_image.h"

PG_FUNCTION_INFO_V1(coverage_sweep);

/* A duty or a step in scope, with its life. */
typedef struct Object
{
	int64		id;
	Iv			valid;
} Object;

typedef struct Sweep
{
	Iv			window;
	TypeCacheEntry *rangetype;
	FindingSink *sink;
} Sweep;

#define Find ArrayFind

static int
CompareInt64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

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

static void
Emit(Sweep *sw, const char *kind, const char *object_kind, int64 object_id,
	 const int64 *position_id, const int64 *person_id, Iv span, const int64 *positions, int npositions)
{
	Datum		values[7];
	bool		nulls[7] = {false};

	if (sw->sink->collect)
	{
		MemoryContext old = MemoryContextSwitchTo(sw->sink->cxt);
		Finding    *f = ArrayAdd(sw->sink->collect);

		f->kind = CoverageKindIndex(kind);
		f->object_kind = CoverageObjectKindIndex(object_kind);
		f->object_id = object_id;
		f->has_position = position_id != NULL;
		f->position_id = position_id ? *position_id : 0;
		f->has_person = person_id != NULL;
		f->person_id = person_id ? *person_id : 0;
		f->iv = span;
		f->span = (Datum) 0;
		f->ids = (Datum) 0;
		f->ids_are_duties = false;
		if (npositions > 0)
		{
			Datum	   *d = palloc(sizeof(Datum) * npositions);

			for (int i = 0; i < npositions; i++)
				d[i] = Int64GetDatum(positions[i]);
			f->ids = PointerGetDatum(construct_array(d, npositions, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
			pfree(d);
		}
		MemoryContextSwitchTo(old);
		return;
	}
	values[0] = CStringGetTextDatum(kind);
	values[1] = CStringGetTextDatum(object_kind);
	values[2] = Int64GetDatum(object_id);
	values[3] = Int64GetDatum(position_id ? *position_id : 0);
	nulls[3] = position_id == NULL;
	values[4] = Int64GetDatum(person_id ? *person_id : 0);
	nulls[4] = person_id == NULL;
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
	tuplestore_putvalues(sw->sink->out, sw->sink->desc, values, nulls);
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
					Emit(sw, "vacant_owner", object_kind, o->id, &w->position_id, NULL, vac[v], NULL, 0);
				pfree(vac);
			}
		}

		/* gaps: the life minus the union of primary spans */
		n = Normalise(prim, n);
		ngaps = Subtract(life, prim, n, gaps);
		for (int g = 0; g < ngaps; g++)
			Emit(sw, "gap", object_kind, o->id, NULL, NULL, gaps[g], NULL, 0);

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
						Emit(sw, "overlap", object_kind, o->id, NULL, NULL, (Iv) {from, e->at}, sorted, ndistinct);
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

/*
 * SweepPersons
 *		R7: for each post of the scope, its life without a duty with a
 *		target, and the people answering for it while it owned no duty and
 *		no step (of any unit).
 */
static void
SweepPersons(Sweep *sw, const Array *scope, const CoverageImage *ci)
{
	const Array *owners = &ci->owned;
	int64		j = 0;
	int			cap = 64;
	Iv		   *owned = palloc(sizeof(Iv) * cap);
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext, "coverage post", ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(tmp);

	for (int64 i = 0; i < ci->posts.n; i++)
	{
		const Post *p = ELEM(&ci->posts, Post, i);
		Iv			life = Intersect(p->valid, sw->window);
		int64		first;
		int			nowned = 0;
		Iv		   *bare;
		int			nbare;

		while (j < owners->n && ELEM(owners, Owned, j)->position_id < p->id)
			j++;
		first = j;
		while (j < owners->n && ELEM(owners, Owned, j)->position_id == p->id)
			j++;
		if (IvEmpty(life) || Find(scope, p->unit_id) < 0)
			continue;
		MemoryContextReset(tmp);
		if (j - first > cap)
		{
			MemoryContextSwitchTo(old);
			cap = j - first;
			owned = repalloc(owned, sizeof(Iv) * cap);
			MemoryContextSwitchTo(tmp);
		}

		/* the post's life without a duty with a target */
		for (int64 k = first; k < j; k++)
			if (ELEM(owners, Owned, k)->target)
				owned[nowned++] = ELEM(owners, Owned, k)->span;
		nowned = Normalise(owned, nowned);
		bare = palloc(sizeof(Iv) * (nowned + 1));
		nbare = Subtract(life, owned, nowned, bare);
		for (int k = 0; k < nbare; k++)
			Emit(sw, "post_without_indicator", "post", p->id, &p->id, NULL, bare[k], NULL, 0);

		/* each tenure, while its person answered, minus what the post owned */
		nowned = 0;
		for (int64 k = first; k < j; k++)
			owned[nowned++] = ELEM(owners, Owned, k)->span;
		nowned = Normalise(owned, nowned);
		for (int t = 0; t < p->ntenures; t++)
		{
			const Tenure *te = ELEM(&ci->tenures, Tenure, p->first_tenure + t);
			Iv			s = Intersect(te->span, life);
			Iv		   *idle;
			Iv		   *away;
			Iv		   *left;
			int			nidle,
						naway = 0;

			if (IvEmpty(s))
				continue;
			idle = palloc(sizeof(Iv) * (nowned + 1));
			nidle = Subtract(s, owned, nowned, idle);
			/* only while the person answered (not while absent) */
			away = palloc(sizeof(Iv) * (p->nabsences + 1));
			left = palloc(sizeof(Iv) * (p->nabsences + 1));
			if (!te->acting)
				for (int b = 0; b < p->nabsences; b++)
				{
					const Tenure *ab = ELEM(&ci->absences, Tenure, p->first_absence + b);

					if (ab->person_id == te->person_id)
						away[naway++] = ab->span;
				}
			naway = Normalise(away, naway);
			for (int k = 0; k < nidle; k++)
			{
				int			nleft = Subtract(idle[k], away, naway, left);

				for (int l = 0; l < nleft; l++)
					Emit(sw, "idle_person", "post", p->id, &p->id, &te->person_id, left[l], NULL, 0);
			}
		}
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(tmp);
}

/*
 * SweepUnits
 *		R7: the units in scope over the times none of their duties had a
 *		target.
 */
static void
SweepUnits(Sweep *sw, const Array *units, const Array *scope, const CoverageImage *ci)
{
	typedef struct UnitDuty
	{
		int64		unit_id;
		Iv			valid;
	} UnitDuty;
	Array		targets;
	int64		j = 0;
	Iv		   *covered;
	Iv		   *bare;

	/* the duties with a target of the units in scope, by unit */
	ArrayInit(&targets, sizeof(UnitDuty));
	for (int64 i = 0; i < ci->duties.n; i++)
	{
		const Duty *d = ELEM(&ci->duties, Duty, i);

		if (d->target && Find(scope, d->unit_id) >= 0)
		{
			UnitDuty   *ud = ArrayAdd(&targets);

			ud->unit_id = d->unit_id;
			ud->valid = d->valid;
		}
	}
	qsort(targets.data, targets.n, sizeof(UnitDuty), CompareInt64);
	covered = palloc_extended(sizeof(Iv) * Max(targets.n, 1), MCXT_ALLOC_HUGE);
	bare = palloc_extended(sizeof(Iv) * (targets.n + 1), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < units->n; i++)
	{
		const Unit *u = ELEM(units, Unit, i);
		Iv			life = Intersect(u->valid, sw->window);
		int			n = 0,
					nbare;

		while (j < targets.n && ELEM(&targets, UnitDuty, j)->unit_id < u->id)
			j++;
		for (; j < targets.n && ELEM(&targets, UnitDuty, j)->unit_id == u->id; j++)
			covered[n++] = ELEM(&targets, UnitDuty, j)->valid;
		if (IvEmpty(life))
			continue;
		n = Normalise(covered, n);
		nbare = Subtract(life, covered, n, bare);
		for (int k = 0; k < nbare; k++)
			Emit(sw, "unit_without_indicator", "unit", u->id, NULL, NULL, bare[k], NULL, 0);
	}
}

/*
 * CoverageSweep
 *		The findings over time of the unit and its sub-units within [from,
 *		to), to the sink.
 */
void
CoverageSweep(Oid fn_oid, int32 tenant, int64 unit_id, TimestampTz from, TimestampTz to,
			  FindingSink *sink)
{
	Sweep		sw;
	MemoryContext work,
				old;
	TenantImage *img;
	CoverageImage *ci;
	Array		scope,
				units,
				duties,
				steps;

	sw.window.lo = from;
	sw.window.hi = to;
	sw.rangetype = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	sw.sink = sink;

	work = AllocSetContextCreate(CurrentMemoryContext, "coverage_sweep", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	CoverageUnits(fn_oid, tenant, unit_id, &scope, &units);
	ci = CoverageImageOpen(fn_oid, tenant, &img);

	/* the duties and steps of the units in scope, with their lives */
	ArrayInit(&duties, sizeof(Object));
	for (int64 i = 0; i < ci->duties.n; i++)
	{
		const Duty *d = ELEM(&ci->duties, Duty, i);

		if (Find(&scope, d->unit_id) >= 0)
		{
			Object	   *o = ArrayAdd(&duties);

			o->id = d->id;
			o->valid = d->valid;
		}
	}
	ArrayInit(&steps, sizeof(Object));
	for (int64 i = 0; i < ci->steps.n; i++)
	{
		const Step *s = ELEM(&ci->steps, Step, i);
		int64		pi = Find(&ci->processes, s->process_id);

		if (pi >= 0 && Find(&scope, ELEM(&ci->processes, Process, pi)->unit_id) >= 0)
		{
			Object	   *o = ArrayAdd(&steps);

			o->id = s->id;
			o->valid = ELEM(&ci->processes, Process, pi)->valid;
		}
	}

	SweepObjects(&sw, "duty", &duties, &ci->duty_owners, &ci->posts, &ci->tenures, &ci->absences);
	SweepObjects(&sw, "step", &steps, &ci->step_owners, &ci->posts, &ci->tenures, &ci->absences);
	SweepPersons(&sw, &scope, ci);
	SweepUnits(&sw, &units, &scope, ci);

	CoverageImageClose(img);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
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
	return CoverageFindingsSRF(fcinfo, CoverageSweep);
}
