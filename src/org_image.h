/*
 * org_image.h
 *		The in-memory image of the organisation over time that the engines
 *		share: posts with their holders and the holders' absences over time,
 *		and the leaders in charge of units.
 *
 * One image per tenant and backend, filled lazily: an entry (a post, a
 * unit's charges) is read from its table, through an index, the first time
 * a walk needs it, so a tenant's image holds only that tenant's rows, and
 * only those in use.
 *
 * The snapshot rule: an image answers exactly what the calling statement's
 * snapshot sees.  Every write to position, assignment, absence or charge
 * logs the keys it touched in org_change with its transaction id.  When a call comes
 * with another snapshot than the image's, the rows of the transactions
 * whose visibility differs between the two snapshots are read from that log
 * (an index range and a few point probes) and only the entries they name
 * are dropped; they are read again on demand under the new snapshot.  A
 * statement therefore sees one state of the data, whatever it locks or
 * whoever commits meanwhile, and a write costs the next reader what it
 * touched.
 *
 * Memory: an entry per post in use (80 bytes, its tenures 40 bytes and its
 * holders' absences 40 bytes each, and a hash slot), in one memory context per tenant and backend;
 * responsibility.chain_cache_size (default 64MB) bounds a backend's images:
 * past it, they are emptied before the next call and refill on demand.
 */
#ifndef ORG_IMAGE_H
#define ORG_IMAGE_H

#include "postgres.h"

#include "access/htup.h"
#include "access/tupdesc.h"
#include "datatype/timestamp.h"

/* A span of time [lo, hi) or with other bounds, as tstzrange stores it. */
typedef struct TimeSpan
{
	TimestampTz lo;
	TimestampTz hi;
	uint8		flags;			/* SPAN_* */
} TimeSpan;

#define SPAN_LO_INF		0x01
#define SPAN_HI_INF		0x02
#define SPAN_LO_INC		0x04
#define SPAN_HI_INC		0x08

typedef struct ImageAssignment
{
	TimeSpan	during;
	int64		person_id;
	uint8		tenure;			/* RChainTenure */
} ImageAssignment;

typedef struct ImageAbsence
{
	TimeSpan	during;
	int64		person_id;		/* the holder away */
	int64		acting_person_id;	/* who acted meanwhile, 0 when nobody */
} ImageAbsence;

typedef struct ImagePost
{
	int64		id;
	int64		parent_id;		/* reports_to, 0 when none */
	int64		unit_id;
	TimeSpan	valid;
	bool		exists;			/* false: no such post in the tenant */
	bool		is_head;		/* heads its unit (kind 'head') */
	int32		nassignments;
	ImageAssignment *assignments;	/* in time order */
	int32		nabsences;
	ImageAbsence *absences;		/* holders' absences, in time order */
} ImagePost;

typedef struct ImageCharge
{
	TimeSpan	during;
	int64		position_id;	/* the post in charge */
} ImageCharge;

typedef struct ImageUnit
{
	int64		unit_id;
	int32		ncharges;
	ImageCharge *charges;		/* leaders in charge of the unit, in time order */
} ImageUnit;

typedef struct TenantImage TenantImage;

extern void OrgImageInit(void);
extern TenantImage *OrgImageOpen(Oid fn_oid, int32 tenant);
extern const ImagePost *OrgImagePost(TenantImage *img, int64 position_id);
extern const ImageUnit *OrgImageUnit(TenantImage *img, int64 unit_id);
extern void OrgImageClose(TenantImage *img);
extern Size OrgImageMemory(int32 tenant);
extern int64 OrgPostAnswerAt(const ImagePost *post, TimestampTz t, uint8 *tenure);
extern void ReadTimeSpan(HeapTuple tup, TupleDesc desc, AttrNumber att, TimeSpan *span);

/*
 * An engine may keep data of its own with a tenant's image (the coverage
 * report does: coverage_image.c).  It lives in the extension's memory
 * context, a child of the image's (so it counts against the same limit);
 * the forget callback hears every key the image's sync reads from the log,
 * of any kind; it is deleted whenever the image is emptied or freed.
 */
typedef void (*OrgImageForget) (void *ext, char kind, int64 key);

extern MemoryContext OrgImageExtensionContext(TenantImage *img);
extern void OrgImageSetExtension(TenantImage *img, void *ext, OrgImageForget forget);
extern void *OrgImageExtension(TenantImage *img);
extern void OrgImageDropExtension(TenantImage *img);
extern bool OrgImageOverLimit(void);

static inline bool
SpanContains(const TimeSpan *s, TimestampTz t)
{
	return ((s->flags & SPAN_LO_INF) || s->lo < t || (s->lo == t && (s->flags & SPAN_LO_INC))) &&
		((s->flags & SPAN_HI_INF) || t < s->hi || (t == s->hi && (s->flags & SPAN_HI_INC)));
}

#endif							/* ORG_IMAGE_H */
