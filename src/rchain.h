/*
 * rchain.h
 *		The rchain value type: a responsibility chain at a moment.
 *
 * A chain is an ordered list of links from a post (the tail, depth 1) up to
 * the head of the top unit (the head, depth n).  Each link names a position,
 * its role in the chain and the person who held it at the chain's moment,
 * or none when the post was vacant.  The type knows nothing of tables.
 *
 * Values are compared bytewise, so every unused byte is zero.
 */
#ifndef RCHAIN_H
#define RCHAIN_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"

#define RCHAIN_MAX_LINKS		1000
#define RCHAIN_BINARY_VERSION	1

/* The role of a link in the chain. */
typedef enum RChainRole
{
	RCHAIN_ROLE_POST = 0,		/* the post the chain starts from */
	RCHAIN_ROLE_SUPERIOR,		/* a post above it in the reporting line */
	RCHAIN_ROLE_UNIT_HEAD,		/* a superior that heads its unit */
	RCHAIN_ROLE_IN_CHARGE,		/* the leader in charge (分管) of a unit */
	RCHAIN_ROLE_HEAD,			/* the head of the top unit */
	RCHAIN_NUM_ROLES
} RChainRole;

/* How the post was held at the chain's moment. */
typedef enum RChainTenure
{
	RCHAIN_TENURE_VACANT = 0,
	RCHAIN_TENURE_HOLDER,
	RCHAIN_TENURE_ACTING,
	RCHAIN_TENURE_CONCURRENT,
	RCHAIN_TENURE_ABSENT,		/* the holder, absent with nobody acting */
	RCHAIN_NUM_TENURES
} RChainTenure;

typedef struct RChainLink
{
	int64		position_id;
	int64		person_id;		/* 0 when vacant */
	uint8		role;			/* RChainRole */
	uint8		tenure;			/* RChainTenure */
	uint8		unused[6];		/* always zero */
} RChainLink;

typedef struct RChain
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint16		nlinks;
	uint16		unused;			/* reserved, always zero */
	int32		unused2;		/* reserved, always zero; aligns moment */
	TimestampTz moment;
	RChainLink	links[FLEXIBLE_ARRAY_MEMBER];
} RChain;

#define RCHAIN_SIZE(n)			(offsetof(RChain, links) + sizeof(RChainLink) * (n))
#define DatumGetRChainP(x)		((RChain *) PG_DETOAST_DATUM(x))
#define PG_GETARG_RCHAIN_P(x)	DatumGetRChainP(PG_GETARG_DATUM(x))
#define PG_RETURN_RCHAIN_P(x)	PG_RETURN_POINTER(x)

extern const char *const RChainRoleNames[RCHAIN_NUM_ROLES];
extern const char *const RChainTenureNames[RCHAIN_NUM_TENURES];

extern RChain *InitRChain(TimestampTz moment, int nlinks);
extern void CheckRChain(const RChain *chain, int code);

#endif							/* RCHAIN_H */
