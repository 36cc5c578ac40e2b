/*
 * org_image.c
 *		The per-tenant, per-backend image of the organisation (org_image.h):
 *		entries read on demand through indexes, kept in step with the calling
 *		statement's snapshot through the change log org_change.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/typcache.h"
#include "utils/xid8.h"

#include "cache_inval.h"
#include "org_image.h"
#include "rchain.h"

/* Hash tables of entries: the slots move when a table grows, entries don't. */
typedef struct PostSlot
{
	int64		key;
	char		status;
	ImagePost  *post;
} PostSlot;

#define SH_PREFIX posthash
#define SH_ELEMENT_TYPE PostSlot
#define SH_KEY_TYPE int64
#define SH_KEY key
#define SH_HASH_KEY(tb, k) murmurhash32((uint32) (k) ^ (uint32) ((uint64) (k) >> 32))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

typedef struct UnitSlot
{
	int64		key;
	char		status;
	ImageUnit  *unit;
} UnitSlot;

#define SH_PREFIX unithash
#define SH_ELEMENT_TYPE UnitSlot
#define SH_KEY_TYPE int64
#define SH_KEY key
#define SH_HASH_KEY(tb, k) murmurhash32((uint32) (k) ^ (uint32) ((uint64) (k) >> 32))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* Keys a transaction of this backend wrote, dropped again at each new
 * command of that transaction and once after it ends. */
#define MAX_OWN_KEYS 8192

typedef struct OwnKey
{
	char		kind;			/* 'p' or 'u' */
	int64		key;
} OwnKey;

/* The snapshot an image answers for: the raw one, to recognise it again,
 * and its transaction ids widened to 64 bits, to compare with the log. */
typedef struct ImageSnapshot
{
	TransactionId xmin;
	TransactionId xmax;
	CommandId	curcid;
	int			xcnt;			/* running xids (with subxids in recovery) */
	TransactionId *xip;
	FullTransactionId fxmin;
	FullTransactionId fxmax;
	FullTransactionId *fxip;
	int			cap;
} ImageSnapshot;

struct TenantImage
{
	int32		tenant;
	MemoryContext cxt;			/* the image, with data_cxt below it */
	MemoryContext data_cxt;		/* entries and their hash tables */
	posthash_hash *posts;
	unithash_hash *units;
	bool		synced;
	ImageSnapshot snap;
	FullTransactionId own_xid;	/* this backend's writing transaction */
	int			nown;
	bool		own_overflow;
	OwnKey	   *own;
	/* an engine's own data (OrgImageSetExtension) */
	MemoryContext ext_cxt;
	void	   *ext;
	OrgImageForget ext_forget;
	/* during a call */
	Snapshot	load_snap;
	bool		rels_open;
	Relation	position_rel;
	Relation	assignment_rel;
	Relation	absence_rel;
	Relation	charge_rel;
};

/* The extension's tables, indexes and columns, resolved once per schema. */
typedef struct ImageTables
{
	Oid			last_fn_oid;
	Oid			nsp;
	Oid			position,
				position_idx,
				assignment,
				assignment_idx,
				absence,
				absence_idx,
				charge,
				charge_idx,
				log,
				log_idx;
	AttrNumber	p_tenant,
				p_id,
				p_unit,
				p_kind,
				p_reports,
				p_valid;
	AttrNumber	a_tenant,
				a_pos,
				a_person,
				a_during,
				a_tenure;
	AttrNumber	b_tenant,
				b_pos,
				b_person,
				b_acting,
				b_during;
	AttrNumber	c_tenant,
				c_unit,
				c_pos,
				c_during;
	AttrNumber	l_tenant,
				l_xid,
				l_kind,
				l_key;
	Oid			kind_head,
				tenure_acting,
				tenure_concurrent;
} ImageTables;

static ImageTables tables;
static MemoryContext images_cxt = NULL;
static TenantImage **images = NULL;
static int	nimages = 0;
static int	chain_cache_size_kb = 65536;

/*
 * OrgImageInit
 *		Defines responsibility.chain_cache_size (from _PG_init).
 */
void
OrgImageInit(void)
{
	DefineCustomIntVariable("responsibility.chain_cache_size",
							"Memory a backend's organisation images may hold before they are emptied.",
							"Images of the organisation (command chains and the engines on them) refill on demand.",
							&chain_cache_size_kb,
							65536, 1024, MAX_KILOBYTES,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------------
 * The tables
 * ---------------------------------------------------------------------------
 */

static AttrNumber
Column(Relation rel, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
			return att->attnum;
	}
	elog(ERROR, "column \"%s\" of \"%s\" is missing", name, RelationGetRelationName(rel));
	return InvalidAttrNumber;
}

static Oid
EnumLabel(Relation rel, AttrNumber att, const char *label)
{
	Oid			typid = TupleDescAttr(RelationGetDescr(rel), att - 1)->atttypid;
	Oid			oid = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
									  ObjectIdGetDatum(typid), CStringGetDatum(label));

	if (!OidIsValid(oid))
		elog(ERROR, "label \"%s\" of type %s is missing", label, format_type_be(typid));
	return oid;
}

static void FreeImage(TenantImage *img);

/*
 * ResolveTables
 *		Finds the tables in the schema of the calling function.  A schema
 *		other than the last one means the extension was created anew: every
 *		image is dropped.
 */
static void
ResolveTables(Oid fn_oid)
{
	Oid			nsp;
	Relation	rel;

	if (fn_oid == tables.last_fn_oid)
		return;
	nsp = get_func_namespace(fn_oid);
	if (nsp != tables.nsp || !OidIsValid(nsp))
	{
		ImageTables t = {0};

		t.position = ExtensionRelid(fn_oid, "position");
		t.position_idx = ExtensionRelid(fn_oid, "position_pkey");
		t.assignment = ExtensionRelid(fn_oid, "assignment");
		t.assignment_idx = ExtensionRelid(fn_oid, "assignment_position_during_idx");
		t.absence = ExtensionRelid(fn_oid, "absence");
		t.absence_idx = ExtensionRelid(fn_oid, "absence_position_during_idx");
		t.charge = ExtensionRelid(fn_oid, "charge");
		t.charge_idx = ExtensionRelid(fn_oid, "charge_unit_during_idx");
		t.log = ExtensionRelid(fn_oid, "org_change");
		t.log_idx = ExtensionRelid(fn_oid, "org_change_tenant_xid_idx");

		rel = table_open(t.position, AccessShareLock);
		t.p_tenant = Column(rel, "tenant_id");
		t.p_id = Column(rel, "position_id");
		t.p_unit = Column(rel, "unit_id");
		t.p_kind = Column(rel, "kind");
		t.p_reports = Column(rel, "reports_to");
		t.p_valid = Column(rel, "valid");
		t.kind_head = EnumLabel(rel, t.p_kind, "head");
		table_close(rel, AccessShareLock);

		rel = table_open(t.assignment, AccessShareLock);
		t.a_tenant = Column(rel, "tenant_id");
		t.a_pos = Column(rel, "position_id");
		t.a_person = Column(rel, "person_id");
		t.a_during = Column(rel, "during");
		t.a_tenure = Column(rel, "tenure");
		t.tenure_acting = EnumLabel(rel, t.a_tenure, "acting");
		t.tenure_concurrent = EnumLabel(rel, t.a_tenure, "concurrent");
		table_close(rel, AccessShareLock);

		rel = table_open(t.absence, AccessShareLock);
		t.b_tenant = Column(rel, "tenant_id");
		t.b_pos = Column(rel, "position_id");
		t.b_person = Column(rel, "person_id");
		t.b_acting = Column(rel, "acting_person_id");
		t.b_during = Column(rel, "during");
		table_close(rel, AccessShareLock);

		rel = table_open(t.charge, AccessShareLock);
		t.c_tenant = Column(rel, "tenant_id");
		t.c_unit = Column(rel, "unit_id");
		t.c_pos = Column(rel, "position_id");
		t.c_during = Column(rel, "during");
		table_close(rel, AccessShareLock);

		rel = table_open(t.log, AccessShareLock);
		t.l_tenant = Column(rel, "tenant_id");
		t.l_xid = Column(rel, "xid");
		t.l_kind = Column(rel, "kind");
		t.l_key = Column(rel, "key");
		table_close(rel, AccessShareLock);

		for (int i = 0; i < nimages; i++)
			FreeImage(images[i]);
		nimages = 0;
		t.nsp = nsp;
		tables = t;
	}
	tables.last_fn_oid = fn_oid;
}

/* ---------------------------------------------------------------------------
 * Images
 * ---------------------------------------------------------------------------
 */

static void
CreateEntries(TenantImage *img)
{
	img->posts = posthash_create(img->data_cxt, 256, NULL);
	img->units = unithash_create(img->data_cxt, 64, NULL);
}

/* Empties an image; it refills on demand under the snapshot it keeps. */
static void
FlushImage(TenantImage *img)
{
	OrgImageDropExtension(img);
	MemoryContextReset(img->data_cxt);
	CreateEntries(img);
	img->nown = 0;
	img->own_overflow = false;
}

static void
FreeImage(TenantImage *img)
{
	MemoryContextDelete(img->cxt);
	pfree(img);
}

static TenantImage *
FindImage(int32 tenant, bool create)
{
	TenantImage *img;

	for (int i = 0; i < nimages; i++)
		if (images[i]->tenant == tenant)
			return images[i];
	if (!create)
		return NULL;
	if (images_cxt == NULL)
	{
		images_cxt = AllocSetContextCreate(TopMemoryContext, "responsibility images",
										   ALLOCSET_SMALL_SIZES);
		images = MemoryContextAlloc(images_cxt, sizeof(TenantImage *) * 8);
	}
	else if (nimages % 8 == 0)
		images = repalloc(images, sizeof(TenantImage *) * (nimages + 8));
	img = MemoryContextAllocZero(images_cxt, sizeof(TenantImage));
	img->tenant = tenant;
	img->cxt = AllocSetContextCreate(images_cxt, "responsibility tenant image",
									 ALLOCSET_DEFAULT_SIZES);
	img->data_cxt = AllocSetContextCreate(img->cxt, "responsibility tenant image entries",
										  ALLOCSET_DEFAULT_SIZES);
	img->own = MemoryContextAlloc(img->cxt, sizeof(OwnKey) * MAX_OWN_KEYS);
	CreateEntries(img);
	images[nimages++] = img;
	return img;
}

/*
 * EnforceMemoryLimit
 *		Before a call: past responsibility.chain_cache_size, the other
 *		tenants' images are freed, then this one is emptied if it alone is
 *		over.  (Never during a call: the walk holds pointers into it.)
 */
static void
EnforceMemoryLimit(TenantImage *img)
{
	Size		limit = (Size) chain_cache_size_kb * 1024;

	if (!OrgImageOverLimit())
		return;
	for (int i = 0; i < nimages;)
	{
		if (images[i] != img)
		{
			FreeImage(images[i]);
			images[i] = images[--nimages];
		}
		else
			i++;
	}
	if (MemoryContextMemAllocated(img->cxt, true) > limit)
		FlushImage(img);
}

/* ---------------------------------------------------------------------------
 * Snapshots and the change log
 * ---------------------------------------------------------------------------
 */

/* The 64-bit form of a recent transaction id. */
static FullTransactionId
Widen(FullTransactionId next, TransactionId xid)
{
	uint32		epoch = EpochFromFullTransactionId(next);

	if (xid > XidFromFullTransactionId(next) && epoch > 0)
		epoch--;
	return FullTransactionIdFromEpochAndXid(epoch, xid);
}

/* Running xids of a snapshot: xip, and in recovery also subxip. */
static int
SnapshotXcnt(Snapshot s)
{
	return s->xcnt + (s->takenDuringRecovery ? s->subxcnt : 0);
}

static TransactionId
SnapshotXid(Snapshot s, int i)
{
	return i < s->xcnt ? s->xip[i] : s->subxip[i - s->xcnt];
}

static bool
SnapshotMatches(const ImageSnapshot *is, Snapshot s)
{
	if (is->xmin != s->xmin || is->xmax != s->xmax || is->curcid != s->curcid ||
		is->xcnt != SnapshotXcnt(s))
		return false;
	for (int i = 0; i < is->xcnt; i++)
		if (is->xip[i] != SnapshotXid(s, i))
			return false;
	return true;
}

/* Captures s into is (memory from cxt). */
static void
CaptureSnapshot(ImageSnapshot *is, Snapshot s, MemoryContext cxt)
{
	FullTransactionId next = ReadNextFullTransactionId();
	int			n = SnapshotXcnt(s);

	if (is->xip == NULL || n > is->cap)
	{
		int			cap = Max(n, 16);

		if (is->xip)
		{
			pfree(is->xip);
			pfree(is->fxip);
		}
		is->xip = MemoryContextAlloc(cxt, sizeof(TransactionId) * cap);
		is->fxip = MemoryContextAlloc(cxt, sizeof(FullTransactionId) * cap);
		is->cap = cap;
	}
	is->xmin = s->xmin;
	is->xmax = s->xmax;
	is->curcid = s->curcid;
	is->xcnt = n;
	is->fxmin = Widen(next, s->xmin);
	is->fxmax = Widen(next, s->xmax);
	for (int i = 0; i < n; i++)
	{
		is->xip[i] = SnapshotXid(s, i);
		is->fxip[i] = Widen(next, is->xip[i]);
	}
}

/* Does the snapshot see the (top-level, committed) transaction x? */
static bool
Sees(const ImageSnapshot *is, FullTransactionId x)
{
	if (FullTransactionIdPrecedes(x, is->fxmin))
		return true;
	if (!FullTransactionIdPrecedes(x, is->fxmax))
		return false;
	for (int i = 0; i < is->xcnt; i++)
		if (FullTransactionIdEquals(is->fxip[i], x))
			return false;
	return true;
}

static bool
Listed(const ImageSnapshot *is, FullTransactionId x)
{
	for (int i = 0; i < is->xcnt; i++)
		if (FullTransactionIdEquals(is->fxip[i], x))
			return true;
	return false;
}

static void
DropPost(TenantImage *img, int64 key)
{
	PostSlot   *slot = posthash_lookup(img->posts, key);

	if (slot == NULL)
		return;
	if (slot->post->assignments)
		pfree(slot->post->assignments);
	pfree(slot->post);
	posthash_delete_item(img->posts, slot);
}

static void
DropUnit(TenantImage *img, int64 key)
{
	UnitSlot   *slot = unithash_lookup(img->units, key);

	if (slot == NULL)
		return;
	if (slot->unit->charges)
		pfree(slot->unit->charges);
	pfree(slot->unit);
	unithash_delete_item(img->units, slot);
}

/* What a sync does with the log rows it reads. */
typedef enum LogUse
{
	LOG_IF_VISIBILITY_DIFFERS,	/* another backend's transaction */
	LOG_DROP,					/* this backend's ended transaction */
	LOG_DROP_AND_REMEMBER		/* this backend's running transaction */
} LogUse;

typedef struct SyncState
{
	TenantImage *img;
	ImageSnapshot *next;		/* the snapshot being moved to */
	Relation	log;
	Snapshot	fresh;
	FullTransactionId skip1,
				skip2;			/* own transactions, probed apart */
	bool		flush;
} SyncState;

static void
Forget(SyncState *st, char kind, int64 key, bool remember)
{
	TenantImage *img = st->img;

	if (kind == 'p')
		DropPost(img, key);
	else if (kind == 'u')
		DropUnit(img, key);
	else if (kind != 'd' && kind != 's' && kind != 'r')
		return;
	if (img->ext != NULL)
		img->ext_forget(img->ext, kind, key);
	if (remember)
	{
		if (img->nown == MAX_OWN_KEYS)
			img->own_overflow = true;
		else
		{
			img->own[img->nown].kind = kind;
			img->own[img->nown].key = key;
			img->nown++;
		}
	}
}

/*
 * ReadLog
 *		Reads the tenant's log rows of transaction x (or, with range, of every
 *		transaction from x on) and applies them.
 */
static void
ReadLog(SyncState *st, FullTransactionId x, bool range, LogUse use)
{
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc = RelationGetDescr(st->log);

	ScanKeyInit(&keys[0], tables.l_tenant, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(st->img->tenant));
	ScanKeyInit(&keys[1], tables.l_xid, range ? BTGreaterEqualStrategyNumber : BTEqualStrategyNumber,
				range ? F_XID8GE : F_XID8EQ, FullTransactionIdGetDatum(x));
	scan = systable_beginscan(st->log, tables.log_idx, true, st->fresh, 2, keys);
	while (!st->flush && HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		FullTransactionId xid = DatumGetFullTransactionId(heap_getattr(tup, tables.l_xid, desc, &isnull));
		char		kind = DatumGetChar(heap_getattr(tup, tables.l_kind, desc, &isnull));
		int64		key = DatumGetInt64(heap_getattr(tup, tables.l_key, desc, &isnull));

		if (use == LOG_IF_VISIBILITY_DIFFERS &&
			(FullTransactionIdEquals(xid, st->skip1) || FullTransactionIdEquals(xid, st->skip2)))
			continue;			/* own transactions are probed apart */
		if (kind == 'h')
		{
			/* rows below key were pruned: could either snapshot need one? */
			FullTransactionId below = FullTransactionIdFromU64((uint64) key);

			if (FullTransactionIdPrecedes(st->img->snap.fxmin, below) ||
				FullTransactionIdPrecedes(st->next->fxmin, below))
				st->flush = true;
			continue;
		}
		if (use == LOG_IF_VISIBILITY_DIFFERS && Sees(&st->img->snap, xid) == Sees(st->next, xid))
			continue;
		if (kind == 'a')
			st->flush = true;
		else
			Forget(st, kind, key, use == LOG_DROP_AND_REMEMBER);
	}
	systable_endscan(scan);
}

/*
 * SyncImage
 *		Moves the image from its snapshot to s: drops the entries that the
 *		transactions seen by one and not the other touched, and this
 *		backend's own, which depend on the command.
 */
static void
SyncImage(TenantImage *img, Snapshot s, FullTransactionId own)
{
	bool		empty = !img->synced || (img->posts->members == 0 && img->units->members == 0 &&
										 img->ext == NULL);
	ImageSnapshot next = {0};
	SyncState	st = {0};

	if (empty && !FullTransactionIdIsValid(own))
	{
		/* nothing to drop: the image is valid for any snapshot */
		img->nown = 0;
		img->own_overflow = false;
		img->own_xid = own;
		CaptureSnapshot(&img->snap, s, img->cxt);
		img->synced = true;
		return;
	}

	CaptureSnapshot(&next, s, CurrentMemoryContext);
	st.img = img;
	st.next = &next;
	st.skip1 = img->own_xid;
	st.skip2 = own;
	st.fresh = RegisterFreshSnapshot(tables.log);
	st.log = table_open(tables.log, AccessShareLock);

	if (empty)
	{
		img->nown = 0;
		img->own_overflow = false;
	}
	else
	{
		/* other transactions: those one snapshot sees and the other not */
		FullTransactionId lo = FullTransactionIdPrecedes(img->snap.fxmax, next.fxmax) ?
			img->snap.fxmax : next.fxmax;

		ReadLog(&st, lo, true, LOG_IF_VISIBILITY_DIFFERS);
		for (int i = 0; i < img->snap.xcnt; i++)
			if (FullTransactionIdPrecedes(img->snap.fxip[i], lo))
				ReadLog(&st, img->snap.fxip[i], false, LOG_IF_VISIBILITY_DIFFERS);
		for (int i = 0; i < next.xcnt; i++)
			if (FullTransactionIdPrecedes(next.fxip[i], lo) && !Listed(&img->snap, next.fxip[i]))
				ReadLog(&st, next.fxip[i], false, LOG_IF_VISIBILITY_DIFFERS);

		/* this backend's transaction that ended: what it wrote and read */
		if (FullTransactionIdIsValid(img->own_xid) && !FullTransactionIdEquals(img->own_xid, own))
		{
			ReadLog(&st, img->own_xid, false, LOG_DROP);
			for (int i = 0; i < img->nown; i++)
				Forget(&st, img->own[i].kind, img->own[i].key, false);
			if (img->own_overflow)
				st.flush = true;
			img->nown = 0;
			img->own_overflow = false;
		}
	}

	/*
	 * This backend's running transaction: the keys it wrote are read again
	 * at every new command (its rows change with the command id), and are
	 * remembered, to be dropped once more if it rolls back.
	 */
	if (FullTransactionIdIsValid(own))
	{
		int			n = img->nown;

		ReadLog(&st, own, false, LOG_DROP_AND_REMEMBER);
		for (int i = 0; i < n; i++)
			Forget(&st, img->own[i].kind, img->own[i].key, false);
		if (img->own_overflow)
			st.flush = true;
	}

	table_close(st.log, AccessShareLock);
	UnregisterSnapshot(st.fresh);
	if (st.flush)
	{
		bool		overflow = img->own_overflow;

		FlushImage(img);
		/* an overflowing own list stays so until its transaction ends */
		img->own_overflow = overflow && FullTransactionIdIsValid(own);
	}
	img->own_xid = own;
	CaptureSnapshot(&img->snap, s, img->cxt);
	img->synced = true;
	pfree(next.xip);
	pfree(next.fxip);
}

/* ---------------------------------------------------------------------------
 * Entries
 * ---------------------------------------------------------------------------
 */

void
ReadTimeSpan(HeapTuple tup, TupleDesc desc, AttrNumber att, TimeSpan *span)
{
	static TypeCacheEntry *typcache = NULL;
	bool		isnull;
	Datum		d = heap_getattr(tup, att, desc, &isnull);
	RangeBound	lower,
				upper;
	bool		empty;
	RangeType  *range = DatumGetRangeTypeP(d);

	if (typcache == NULL)
		typcache = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	range_deserialize(typcache, range, &lower, &upper, &empty);
	if ((Pointer) range != DatumGetPointer(d))
		pfree(range);			/* a short varlena's copy */
	span->lo = lower.val;
	span->hi = upper.val;
	span->flags = (lower.infinite ? SPAN_LO_INF : 0) | (upper.infinite ? SPAN_HI_INF : 0) |
		(lower.inclusive ? SPAN_LO_INC : 0) | (upper.inclusive ? SPAN_HI_INC : 0);
}

static void
OpenRels(TenantImage *img)
{
	if (img->rels_open)
		return;
	img->position_rel = table_open(tables.position, AccessShareLock);
	img->assignment_rel = table_open(tables.assignment, AccessShareLock);
	img->absence_rel = table_open(tables.absence, AccessShareLock);
	img->charge_rel = table_open(tables.charge, AccessShareLock);
	img->rels_open = true;
}

/* A scan of (tenant_id, key) through an index whose first columns they are. */
static SysScanDesc
BeginKeyScan(TenantImage *img, Relation rel, Oid index, AttrNumber tenantatt, AttrNumber keyatt,
			 int64 key, ScanKey keys)
{
	ScanKeyInit(&keys[0], tenantatt, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(img->tenant));
	ScanKeyInit(&keys[1], keyatt, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
	return systable_beginscan(rel, index, true, img->load_snap, 2, keys);
}

/*
 * NextElement
 *		A zeroed slot at the end of an array that doubles as it fills.
 */
static void *
NextElement(TenantImage *img, void **arr, int32 *n, int32 *cap, Size elem)
{
	char	   *slot;

	if (*arr == NULL)
		*arr = MemoryContextAlloc(img->data_cxt, elem * *cap);
	else if (*n == *cap)
	{
		if (*cap > PG_INT32_MAX / 2)
			elog(ERROR, "too many rows for one entry of the organisation image");
		*cap *= 2;
		*arr = repalloc_huge(*arr, elem * *cap);
	}
	slot = (char *) *arr + elem * (*n)++;
	memset(slot, 0, elem);
	return slot;
}

static ImagePost *
LoadPost(TenantImage *img, int64 id)
{
	ImagePost  *post = MemoryContextAllocZero(img->data_cxt, sizeof(ImagePost));
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	int32		n = 0,
				cap = 4;

	OpenRels(img);
	post->id = id;

	desc = RelationGetDescr(img->position_rel);
	scan = BeginKeyScan(img, img->position_rel, tables.position_idx, tables.p_tenant, tables.p_id, id, keys);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d;

		post->exists = true;
		post->unit_id = DatumGetInt64(heap_getattr(tup, tables.p_unit, desc, &isnull));
		d = heap_getattr(tup, tables.p_reports, desc, &isnull);
		post->parent_id = isnull ? 0 : DatumGetInt64(d);
		post->is_head = DatumGetObjectId(heap_getattr(tup, tables.p_kind, desc, &isnull)) == tables.kind_head;
		ReadTimeSpan(tup, desc, tables.p_valid, &post->valid);
	}
	systable_endscan(scan);
	if (!post->exists)
		return post;

	desc = RelationGetDescr(img->assignment_rel);
	scan = BeginKeyScan(img, img->assignment_rel, tables.assignment_idx, tables.a_tenant, tables.a_pos, id, keys);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		ImageAssignment *a = NextElement(img, (void **) &post->assignments, &n, &cap,
										 sizeof(ImageAssignment));
		bool		isnull;
		Oid			tenure;

		ReadTimeSpan(tup, desc, tables.a_during, &a->during);
		a->person_id = DatumGetInt64(heap_getattr(tup, tables.a_person, desc, &isnull));
		tenure = DatumGetObjectId(heap_getattr(tup, tables.a_tenure, desc, &isnull));
		a->tenure = tenure == tables.tenure_acting ? RCHAIN_TENURE_ACTING :
			tenure == tables.tenure_concurrent ? RCHAIN_TENURE_CONCURRENT : RCHAIN_TENURE_HOLDER;
	}
	systable_endscan(scan);
	post->nassignments = n;

	n = 0;
	cap = 2;
	desc = RelationGetDescr(img->absence_rel);
	scan = BeginKeyScan(img, img->absence_rel, tables.absence_idx, tables.b_tenant, tables.b_pos, id, keys);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		ImageAbsence *b = NextElement(img, (void **) &post->absences, &n, &cap, sizeof(ImageAbsence));
		bool		isnull;
		Datum		acting;

		ReadTimeSpan(tup, desc, tables.b_during, &b->during);
		b->person_id = DatumGetInt64(heap_getattr(tup, tables.b_person, desc, &isnull));
		acting = heap_getattr(tup, tables.b_acting, desc, &isnull);
		b->acting_person_id = isnull ? 0 : DatumGetInt64(acting);
	}
	systable_endscan(scan);
	post->nabsences = n;
	return post;
}

static ImageUnit *
LoadUnit(TenantImage *img, int64 unit_id)
{
	ImageUnit  *unit = MemoryContextAllocZero(img->data_cxt, sizeof(ImageUnit));
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	TupleDesc	desc;
	int32		n = 0,
				cap = 2;

	OpenRels(img);
	unit->unit_id = unit_id;
	desc = RelationGetDescr(img->charge_rel);
	scan = BeginKeyScan(img, img->charge_rel, tables.charge_idx, tables.c_tenant, tables.c_unit, unit_id, keys);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		ImageCharge *c = NextElement(img, (void **) &unit->charges, &n, &cap, sizeof(ImageCharge));
		bool		isnull;

		ReadTimeSpan(tup, desc, tables.c_during, &c->during);
		c->position_id = DatumGetInt64(heap_getattr(tup, tables.c_pos, desc, &isnull));
	}
	systable_endscan(scan);
	unit->ncharges = n;
	return unit;
}

/* ---------------------------------------------------------------------------
 * The interface
 * ---------------------------------------------------------------------------
 */

/*
 * OrgImageOpen
 *		The tenant's image, in step with the calling statement's snapshot.
 *		fn_oid is the calling function's (its schema is the extension's).
 *		Pair with OrgImageClose.
 */
TenantImage *
OrgImageOpen(Oid fn_oid, int32 tenant)
{
	TenantImage *img;
	Snapshot	s;
	FullTransactionId own;

	ResolveTables(fn_oid);
	img = FindImage(tenant, true);
	/* a call that failed left its relations to the abort, which closed them */
	img->rels_open = false;
	EnforceMemoryLimit(img);
	s = ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
	own = GetTopFullTransactionIdIfAny();
	if (!img->synced || !SnapshotMatches(&img->snap, s) ||
		!FullTransactionIdEquals(own, img->own_xid))
		SyncImage(img, s, own);
	img->load_snap = s;
	return img;
}

/*
 * OrgImagePost
 *		The post, read under the statement's snapshot if not in the image;
 *		NULL when the tenant has no such post.
 */
const ImagePost *
OrgImagePost(TenantImage *img, int64 position_id)
{
	PostSlot   *slot = posthash_lookup(img->posts, position_id);
	bool		found;

	if (slot == NULL)
	{
		ImagePost  *post = LoadPost(img, position_id);

		slot = posthash_insert(img->posts, position_id, &found);
		slot->post = post;
	}
	return slot->post->exists ? slot->post : NULL;
}

/*
 * OrgImageUnit
 *		The leaders in charge of a unit over time.
 */
const ImageUnit *
OrgImageUnit(TenantImage *img, int64 unit_id)
{
	UnitSlot   *slot = unithash_lookup(img->units, unit_id);
	bool		found;

	if (slot == NULL)
	{
		ImageUnit  *unit = LoadUnit(img, unit_id);

		slot = unithash_insert(img->units, unit_id, &found);
		slot->unit = unit;
	}
	return slot->unit;
}

/*
 * OrgImageClose
 *		Ends a call: closes what loading opened.
 */
void
OrgImageClose(TenantImage *img)
{
	if (img->rels_open)
	{
		table_close(img->position_rel, AccessShareLock);
		table_close(img->assignment_rel, AccessShareLock);
		table_close(img->absence_rel, AccessShareLock);
		table_close(img->charge_rel, AccessShareLock);
		img->rels_open = false;
	}
	img->load_snap = NULL;
}

/*
 * OrgPostAnswerAt
 *		Who answered for the post at t, and how: its holder (or acting holder
 *		of a vacant post); while the holder was absent, the person acting for
 *		the absence (RCHAIN_TENURE_ACTING) or, with nobody acting, the holder
 *		marked RCHAIN_TENURE_ABSENT; else nobody (0, vacant).
 */
int64
OrgPostAnswerAt(const ImagePost *post, TimestampTz t, uint8 *tenure)
{
	for (int i = 0; i < post->nassignments; i++)
	{
		const ImageAssignment *a = &post->assignments[i];

		if (!SpanContains(&a->during, t))
			continue;
		*tenure = a->tenure;
		for (int j = 0; j < post->nabsences; j++)
		{
			const ImageAbsence *b = &post->absences[j];

			if (b->person_id == a->person_id && SpanContains(&b->during, t))
			{
				if (b->acting_person_id == 0)
				{
					*tenure = RCHAIN_TENURE_ABSENT;
					return a->person_id;
				}
				*tenure = RCHAIN_TENURE_ACTING;
				return b->acting_person_id;
			}
		}
		return a->person_id;
	}
	*tenure = RCHAIN_TENURE_VACANT;
	return 0;
}

/*
 * OrgImageOverLimit
 *		Whether this backend's images hold more than
 *		responsibility.chain_cache_size.
 */
bool
OrgImageOverLimit(void)
{
	Size		total = 0;

	for (int i = 0; i < nimages; i++)
		total += MemoryContextMemAllocated(images[i]->cxt, true);
	return total > (Size) chain_cache_size_kb * 1024;
}

/*
 * OrgImageExtensionContext
 *		The memory of an engine's own data with the image, made on demand.
 */
MemoryContext
OrgImageExtensionContext(TenantImage *img)
{
	if (img->ext_cxt == NULL)
		img->ext_cxt = AllocSetContextCreate(img->cxt, "responsibility image extension",
											 ALLOCSET_DEFAULT_SIZES);
	return img->ext_cxt;
}

/*
 * OrgImageSetExtension
 *		Keeps ext (in OrgImageExtensionContext) with the image; forget hears
 *		the keys of every later sync.
 */
void
OrgImageSetExtension(TenantImage *img, void *ext, OrgImageForget forget)
{
	img->ext = ext;
	img->ext_forget = forget;
}

void *
OrgImageExtension(TenantImage *img)
{
	return img->ext;
}

/*
 * OrgImageDropExtension
 *		Frees an engine's data kept with the image.
 */
void
OrgImageDropExtension(TenantImage *img)
{
	if (img->ext_cxt != NULL)
		MemoryContextDelete(img->ext_cxt);
	img->ext_cxt = NULL;
	img->ext = NULL;
}

/*
 * OrgImageMemory
 *		Bytes this backend's image of the tenant holds (0 when it has none).
 */
Size
OrgImageMemory(int32 tenant)
{
	TenantImage *img = FindImage(tenant, false);

	return img ? MemoryContextMemAllocated(img->cxt, true) : 0;
}
