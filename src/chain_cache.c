/*
 * chain_cache.c
 *		Loads the per-backend image of the reporting structure (chain_cache.h)
 *		from the tables position, assignment and charge, and drops it when
 *		they change.
 */
#include "postgres.h"

#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "parser/parse_relation.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/typcache.h"

#include "cache_inval.h"
#include "chain_cache.h"
#include "rchain.h"

static MemoryContext cache_context = NULL;
static ChainCache *cache = NULL;
static bool building = false;
static bool stale_after_build = false;
static Oid	cached_relids[3];

/*
 * ResetChainCache
 *		Relcache callback: frees the image when one of its tables changed.
 */
static void
ResetChainCache(Oid relid)
{
	if (OidIsValid(relid) && relid != cached_relids[0] &&
		relid != cached_relids[1] && relid != cached_relids[2])
		return;
	if (building)
	{
		stale_after_build = true;
		return;
	}
	if (cache_context != NULL)
		MemoryContextDelete(cache_context);
	cache_context = NULL;
	cache = NULL;
}

/* Reads a tstzrange column into a TimeSpan. */
static void
ReadSpan(TupleTableSlot *slot, AttrNumber att, TypeCacheEntry *typcache, TimeSpan *span)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, att, &isnull);
	RangeBound	lower,
				upper;
	bool		empty;

	range_deserialize(typcache, DatumGetRangeTypeP(d), &lower, &upper, &empty);
	span->lo = lower.val;
	span->hi = upper.val;
	span->flags = (lower.infinite ? SPAN_LO_INF : 0) | (upper.infinite ? SPAN_HI_INF : 0) |
		(lower.inclusive ? SPAN_LO_INC : 0) | (upper.inclusive ? SPAN_HI_INC : 0);
}

static int64
ReadInt64(TupleTableSlot *slot, AttrNumber att, bool *isnull)
{
	Datum		d = slot_getattr(slot, att, isnull);

	return *isnull ? 0 : DatumGetInt64(d);
}

static AttrNumber
Att(Relation rel, const char *name)
{
	AttrNumber	att = attnameAttNum(rel, name, false);

	if (att == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of \"%s\" is missing", name, RelationGetRelationName(rel));
	return att;
}

/*
 * EnumCode
 *		The label of an enum value, remembered per OID (enum OIDs are few).
 */
typedef struct EnumMemo
{
	Oid			oids[16];
	char		labels[16][NAMEDATALEN];
	int			n;
} EnumMemo;

static const char *
EnumCode(EnumMemo *memo, Datum d)
{
	Oid			oid = DatumGetObjectId(d);

	for (int i = 0; i < memo->n; i++)
		if (memo->oids[i] == oid)
			return memo->labels[i];
	if (memo->n == lengthof(memo->oids))
		elog(ERROR, "too many enum labels");
	memo->oids[memo->n] = oid;
	strlcpy(memo->labels[memo->n], DatumGetCString(DirectFunctionCall1(enum_out, d)), NAMEDATALEN);
	return memo->labels[memo->n++];
}

/* Rows of the build, before they are sorted and linked. */
typedef struct PositionRow
{
	CachedPosition pos;
	int64		reports_to;
	bool		has_superior;	/* reports_to is not NULL */
	int64		unit_id;
} PositionRow;

typedef struct AssignmentRow
{
	int32		position;
	CachedAssignment a;
} AssignmentRow;

typedef struct ChargeRow
{
	int32		tenant;
	int64		unit_id;
	CachedCharge c;
} ChargeRow;

static int
ComparePositionRows(const void *a, const void *b)
{
	const CachedPosition *x = &((const PositionRow *) a)->pos;
	const CachedPosition *y = &((const PositionRow *) b)->pos;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->tenant > y->tenant) - (x->tenant < y->tenant);
}

static int
CompareAssignmentRows(const void *a, const void *b)
{
	const AssignmentRow *x = a;
	const AssignmentRow *y = b;

	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return (x->a.during.lo > y->a.during.lo) - (x->a.during.lo < y->a.during.lo);
}

static int
CompareChargeRows(const void *a, const void *b)
{
	const ChargeRow *x = a;
	const ChargeRow *y = b;

	if (x->tenant != y->tenant)
		return x->tenant < y->tenant ? -1 : 1;
	if (x->unit_id != y->unit_id)
		return x->unit_id < y->unit_id ? -1 : 1;
	return (x->c.during.lo > y->c.during.lo) - (x->c.during.lo < y->c.during.lo);
}

/* A post's assignments or charges are counted in 16 bits. */
static void
pg_attribute_noreturn()
TooManyToCache(const CachedPosition *p, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("position " INT64_FORMAT " has more than %d %s", p->id, PG_UINT16_MAX, what),
			 errdetail("The command-chain cache holds at most %d per post.", PG_UINT16_MAX)));
}

/* Grows a build array by doubling. */
#define GROW(arr, n, cap) \
	do { \
		if ((n) == (cap)) \
		{ \
			(cap) *= 2; \
			(arr) = repalloc_huge((arr), sizeof(*(arr)) * (cap)); \
		} \
	} while (0)

/*
 * ChainCacheFind
 *		Index of (tenant, position_id), or -1.
 */
int32
ChainCacheFind(const ChainCache *c, int32 tenant, int64 position_id)
{
	int32		lo = 0,
				hi = c->npositions - 1;

	while (lo <= hi)
	{
		int32		mid = lo + (hi - lo) / 2;
		const CachedPosition *p = &c->positions[mid];

		if (p->id < position_id || (p->id == position_id && p->tenant < tenant))
			lo = mid + 1;
		else if (p->id == position_id && p->tenant == tenant)
			return mid;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * LoadPositions
 *		Reads every position, sorted by (id, tenant), with its parent linked.
 */
static PositionRow *
LoadPositions(Relation rel, Snapshot snap, ChainCache *c, MemoryContext build)
{
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TypeCacheEntry *rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	AttrNumber	a_tenant = Att(rel, "tenant_id"),
				a_id = Att(rel, "position_id"),
				a_unit = Att(rel, "unit_id"),
				a_kind = Att(rel, "kind"),
				a_reports = Att(rel, "reports_to"),
				a_valid = Att(rel, "valid");
	EnumMemo	kinds = {0};
	int32		n = 0,
				cap = 1024;
	PositionRow *rows = MemoryContextAllocHuge(build, sizeof(PositionRow) * cap);

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		PositionRow *r;
		bool		isnull;

		GROW(rows, n, cap);
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		r->pos.tenant = DatumGetInt32(slot_getattr(slot, a_tenant, &isnull));
		r->pos.id = ReadInt64(slot, a_id, &isnull);
		r->unit_id = ReadInt64(slot, a_unit, &isnull);
		r->reports_to = ReadInt64(slot, a_reports, &isnull);
		r->has_superior = !isnull;
		r->pos.is_head = strcmp(EnumCode(&kinds, slot_getattr(slot, a_kind, &isnull)), "head") == 0;
		ReadSpan(slot, a_valid, rtyp, &r->pos.valid);
		r->pos.parent = -1;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);

	qsort(rows, n, sizeof(PositionRow), ComparePositionRows);
	c->npositions = n;
	c->positions = MemoryContextAllocHuge(cache_context, sizeof(CachedPosition) * Max(n, 1));
	for (int32 i = 0; i < n; i++)
		c->positions[i] = rows[i].pos;
	for (int32 i = 0; i < n; i++)
		if (rows[i].has_superior)
			c->positions[i].parent = ChainCacheFind(c, rows[i].pos.tenant, rows[i].reports_to);
	return rows;
}

/*
 * LoadAssignments
 *		Reads every assignment, grouped by position in time order.
 */
static void
LoadAssignments(Relation rel, Snapshot snap, ChainCache *c, MemoryContext build)
{
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TypeCacheEntry *rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	AttrNumber	a_tenant = Att(rel, "tenant_id"),
				a_pos = Att(rel, "position_id"),
				a_person = Att(rel, "person_id"),
				a_during = Att(rel, "during"),
				a_tenure = Att(rel, "tenure");
	EnumMemo	tenures = {0};
	int32		n = 0,
				cap = 1024;
	AssignmentRow *rows = MemoryContextAllocHuge(build, sizeof(AssignmentRow) * cap);

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		AssignmentRow *r;
		bool		isnull;
		int32		tenant = DatumGetInt32(slot_getattr(slot, a_tenant, &isnull));
		int32		pos = ChainCacheFind(c, tenant, ReadInt64(slot, a_pos, &isnull));
		const char *tenure;

		if (pos < 0)
			continue;			/* cannot happen: a foreign key */
		GROW(rows, n, cap);
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		r->position = pos;
		r->a.person_id = ReadInt64(slot, a_person, &isnull);
		ReadSpan(slot, a_during, rtyp, &r->a.during);
		tenure = EnumCode(&tenures, slot_getattr(slot, a_tenure, &isnull));
		r->a.tenure = strcmp(tenure, "acting") == 0 ? RCHAIN_TENURE_ACTING :
			strcmp(tenure, "concurrent") == 0 ? RCHAIN_TENURE_CONCURRENT : RCHAIN_TENURE_HOLDER;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);

	qsort(rows, n, sizeof(AssignmentRow), CompareAssignmentRows);
	c->nassignments = n;
	c->assignments = MemoryContextAllocHuge(cache_context, sizeof(CachedAssignment) * Max(n, 1));
	for (int32 i = 0; i < n; i++)
	{
		CachedPosition *p = &c->positions[rows[i].position];

		if (p->nassignments == 0)
			p->first_assignment = i;
		if (p->nassignments == PG_UINT16_MAX)
			TooManyToCache(p, "assignments");
		p->nassignments++;
		c->assignments[i] = rows[i].a;
	}
}

/*
 * LoadCharges
 *		Reads the leaders in charge of units and hangs each unit's charges on
 *		the head of that unit.
 */
static void
LoadCharges(Relation rel, Snapshot snap, ChainCache *c, PositionRow *prow, MemoryContext build)
{
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	TableScanDesc scan = table_beginscan(rel, snap, 0, NULL);
	TypeCacheEntry *rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	AttrNumber	a_tenant = Att(rel, "tenant_id"),
				a_pos = Att(rel, "position_id"),
				a_unit = Att(rel, "unit_id"),
				a_during = Att(rel, "during");
	int32		n = 0,
				cap = 256;
	ChargeRow  *rows = MemoryContextAllocHuge(build, sizeof(ChargeRow) * cap);

	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		ChargeRow	r;
		bool		isnull;

		r.unit_id = ReadInt64(slot, a_unit, &isnull);
		if (isnull)
			continue;			/* a domain, not a unit */
		r.tenant = DatumGetInt32(slot_getattr(slot, a_tenant, &isnull));
		r.c.position = ChainCacheFind(c, r.tenant, ReadInt64(slot, a_pos, &isnull));
		ReadSpan(slot, a_during, rtyp, &r.c.during);
		if (r.c.position < 0)
			continue;
		GROW(rows, n, cap);
		rows[n++] = r;
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);

	qsort(rows, n, sizeof(ChargeRow), CompareChargeRows);
	c->ncharges = n;
	c->charges = MemoryContextAllocHuge(cache_context, sizeof(CachedCharge) * Max(n, 1));
	for (int32 i = 0; i < n; i++)
		c->charges[i] = rows[i].c;

	/* each head gets the run of its unit's charges */
	for (int32 i = 0; i < c->npositions && n > 0; i++)
	{
		int32		lo = 0,
					hi = n;

		if (!prow[i].pos.is_head)
			continue;
		while (lo < hi)
		{
			int32		mid = lo + (hi - lo) / 2;

			if (rows[mid].tenant < prow[i].pos.tenant ||
				(rows[mid].tenant == prow[i].pos.tenant && rows[mid].unit_id < prow[i].unit_id))
				lo = mid + 1;
			else
				hi = mid;
		}
		c->positions[i].first_charge = lo;
		while (lo < n && rows[lo].tenant == prow[i].pos.tenant && rows[lo].unit_id == prow[i].unit_id)
		{
			if (c->positions[i].ncharges == PG_UINT16_MAX)
				TooManyToCache(&c->positions[i], "charges of its unit");
			c->positions[i].ncharges++;
			lo++;
		}
	}
}

/*
 * BuildChainCache
 *		Locks the three tables (which takes in pending invalidations), then
 *		reads them under one fresh snapshot, so any later commit is followed
 *		by an invalidation that drops this image.
 */
static void
BuildChainCache(Oid fn_oid)
{
	Relation	rels[3];
	const char *names[3] = {"position", "assignment", "charge"};
	MemoryContext build;
	ChainCache *volatile c = NULL;

	for (int i = 0; i < 3; i++)
	{
		cached_relids[i] = ExtensionRelid(fn_oid, names[i]);
		rels[i] = table_open(cached_relids[i], AccessShareLock);
	}
	RegisterTableCacheReset(ResetChainCache);

	cache_context = AllocSetContextCreate(CacheMemoryContext, "responsibility chain cache",
										  ALLOCSET_DEFAULT_SIZES);
	build = AllocSetContextCreate(CurrentMemoryContext, "responsibility chain cache build",
								  ALLOCSET_DEFAULT_SIZES);
	building = true;
	stale_after_build = false;
	PG_TRY();
	{
		Snapshot	snap;
		PositionRow *prow;

		snap = RegisterFreshSnapshot(cached_relids[0]);

		c = MemoryContextAllocZero(cache_context, sizeof(ChainCache));
		prow = LoadPositions(rels[0], snap, c, build);
		LoadAssignments(rels[1], snap, c, build);
		LoadCharges(rels[2], snap, c, prow, build);
		UnregisterSnapshot(snap);
	}
	PG_CATCH();
	{
		building = false;
		MemoryContextDelete(cache_context);
		cache_context = NULL;
		PG_RE_THROW();
	}
	PG_END_TRY();
	building = false;
	MemoryContextDelete(build);
	for (int i = 0; i < 3; i++)
		table_close(rels[i], AccessShareLock);
	cache = c;
}

/*
 * GetChainCache
 *		The image, built if needed.  fn_oid is the calling function's, whose
 *		schema is the extension's.
 */
ChainCache *
GetChainCache(Oid fn_oid)
{
	if (cache == NULL)
	{
		BuildChainCache(fn_oid);
		if (stale_after_build)
		{
			/* changed while we read it: use it for this call only */
			ChainCache *c = cache;

			cache = NULL;
			stale_after_build = false;
			MemoryContextSetParent(cache_context, CurrentMemoryContext);
			cache_context = NULL;
			return c;
		}
	}
	return cache;
}

/*
 * ChainCacheMemory
 *		Bytes the image holds in this backend (0 when not built).
 */
Size
ChainCacheMemory(void)
{
	return cache_context ? MemoryContextMemAllocated(cache_context, true) : 0;
}
