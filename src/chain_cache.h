/*
 * chain_cache.h
 *		A per-backend, read-only image of the reporting structure: positions,
 *		who held them when, and the leaders in charge of units.
 *
 * Built on first use from the extension's tables (all tenants, the latest
 * committed data), dropped when any of them changes (see cache_inval.h).
 * Positions are sorted by (id, tenant); links between them are array
 * indexes, so walking a chain touches no index and no buffer.
 *
 * Memory per backend: 56 bytes per position, 40 per assignment, 32 per
 * charge, in one memory context (test/bench/10_command_chain.sql prints it:
 * 143 MB for 1,000,000 positions with 2,330,000 assignments); nothing
 * until the first command_chain() call, and freed when the tables change.
 */
#ifndef CHAIN_CACHE_H
#define CHAIN_CACHE_H

#include "postgres.h"

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

typedef struct CachedAssignment
{
	TimeSpan	during;
	int64		person_id;
	uint8		tenure;			/* RChainTenure */
} CachedAssignment;

typedef struct CachedCharge
{
	TimeSpan	during;
	int32		position;		/* index of the post in charge */
} CachedCharge;

typedef struct CachedPosition
{
	int64		id;
	int32		tenant;
	int32		parent;			/* index of reports_to, or -1 */
	int32		first_assignment;
	int32		first_charge;	/* charges of its unit, when it is a head */
	uint16		nassignments;
	uint16		ncharges;
	bool		is_head;		/* heads its unit (kind 'head') */
	TimeSpan	valid;
} CachedPosition;

typedef struct ChainCache
{
	int32		npositions;
	int32		nassignments;
	int32		ncharges;
	CachedPosition *positions;
	CachedAssignment *assignments;
	CachedCharge *charges;
} ChainCache;

extern ChainCache *GetChainCache(Oid fn_oid);
extern int32 ChainCacheFind(const ChainCache *cache, int32 tenant, int64 position_id);
extern Size ChainCacheMemory(void);

static inline bool
SpanContains(const TimeSpan *s, TimestampTz t)
{
	return ((s->flags & SPAN_LO_INF) || s->lo < t || (s->lo == t && (s->flags & SPAN_LO_INC))) &&
		((s->flags & SPAN_HI_INF) || t < s->hi || (t == s->hi && (s->flags & SPAN_HI_INC)));
}

#endif							/* CHAIN_CACHE_H */
