/*
 * rchain_gin.c
 *		GIN support for rchain: "every stored chain that passes through this
 *		post" (chain @> position, position <@ chain) and "every stored chain
 *		this person held a post of" (chain ~> person).
 *
 * A chain's keys are bigints: each position id as itself, each holder as
 * the negated person id (ids are positive, so the two never meet).  A key
 * found is an exact answer: no recheck.
 */
#include "postgres.h"

#include "access/gin.h"
#include "access/stratnum.h"
#include "fmgr.h"

#include "rchain.h"

/* Strategy numbers of rchain_gin_ops. */
#define RCHAIN_GIN_CONTAINS_POSITION	1	/* @> */
#define RCHAIN_GIN_CONTAINS_PERSON		2	/* ~> */

PG_FUNCTION_INFO_V1(rchain_gin_extract_value);
PG_FUNCTION_INFO_V1(rchain_gin_extract_query);
PG_FUNCTION_INFO_V1(rchain_gin_consistent);

static int
CompareKeys(const void *a, const void *b)
{
	int64		x = DatumGetInt64(*(const Datum *) a);
	int64		y = DatumGetInt64(*(const Datum *) b);

	return (x > y) - (x < y);
}

/*
 * rchain_gin_extract_value
 *		The keys of a stored chain, without duplicates (a person may hold
 *		two posts of one chain).
 */
Datum
rchain_gin_extract_value(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	Datum	   *keys = palloc(sizeof(Datum) * 2 * chain->nlinks);
	int			n = 0,
				unique = 0;

	for (int i = 0; i < chain->nlinks; i++)
	{
		keys[n++] = Int64GetDatum(chain->links[i].position_id);
		if (chain->links[i].tenure != RCHAIN_TENURE_VACANT)
			keys[n++] = Int64GetDatum(-chain->links[i].person_id);
	}
	qsort(keys, n, sizeof(Datum), CompareKeys);
	for (int i = 0; i < n; i++)
		if (unique == 0 || DatumGetInt64(keys[i]) != DatumGetInt64(keys[unique - 1]))
			keys[unique++] = keys[i];
	*nkeys = unique;
	PG_RETURN_POINTER(keys);
}

/*
 * rchain_gin_extract_query
 *		The one key a query looks for: a position, or a person negated.  An
 *		id that is not positive is in no chain: no key, no match.
 */
Datum
rchain_gin_extract_query(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	int32	   *nkeys = (int32 *) PG_GETARG_POINTER(1);
	StrategyNumber strategy = PG_GETARG_UINT16(2);
	int32	   *search_mode = (int32 *) PG_GETARG_POINTER(6);
	Datum	   *keys;

	if (id <= 0)
	{
		*nkeys = 0;
		*search_mode = GIN_SEARCH_MODE_DEFAULT;
		PG_RETURN_POINTER(NULL);
	}
	keys = palloc(sizeof(Datum));
	switch (strategy)
	{
		case RCHAIN_GIN_CONTAINS_POSITION:
			keys[0] = Int64GetDatum(id);
			break;
		case RCHAIN_GIN_CONTAINS_PERSON:
			keys[0] = Int64GetDatum(-id);
			break;
		default:
			elog(ERROR, "rchain_gin_ops has no strategy %d", strategy);
	}
	*nkeys = 1;
	PG_RETURN_POINTER(keys);
}

/*
 * rchain_gin_consistent
 *		The chain matches when it has the key; the answer is exact.
 */
Datum
rchain_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);

	*recheck = false;
	PG_RETURN_BOOL(check[0]);
}
