/*
 * rchain_op.c
 *		Operators and accessors of the rchain type: equality, order, hashing,
 *		containment of a position or a person, length, moment, link access
 *		and expansion into rows.
 */
#include "postgres.h"

#include "access/hash.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "rchain.h"

PG_FUNCTION_INFO_V1(rchain_eq);
PG_FUNCTION_INFO_V1(rchain_ne);
PG_FUNCTION_INFO_V1(rchain_lt);
PG_FUNCTION_INFO_V1(rchain_le);
PG_FUNCTION_INFO_V1(rchain_gt);
PG_FUNCTION_INFO_V1(rchain_ge);
PG_FUNCTION_INFO_V1(rchain_cmp);
PG_FUNCTION_INFO_V1(rchain_hash);
PG_FUNCTION_INFO_V1(rchain_length);
PG_FUNCTION_INFO_V1(rchain_moment);
PG_FUNCTION_INFO_V1(rchain_contains_position);
PG_FUNCTION_INFO_V1(rchain_contains_person);
PG_FUNCTION_INFO_V1(rchain_positions);
PG_FUNCTION_INFO_V1(rchain_persons);
PG_FUNCTION_INFO_V1(rchain_link);
PG_FUNCTION_INFO_V1(rchain_head);
PG_FUNCTION_INFO_V1(rchain_tail);
PG_FUNCTION_INFO_V1(rchain_links);

/*
 * RChainEquals
 *		Bytewise equality: every unused byte of a chain is zero.
 */
static bool
RChainEquals(FunctionCallInfo fcinfo)
{
	RChain	   *a = PG_GETARG_RCHAIN_P(0);
	RChain	   *b = PG_GETARG_RCHAIN_P(1);

	return VARSIZE(a) == VARSIZE(b) &&
		memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;
}

Datum
rchain_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(RChainEquals(fcinfo));
}

Datum
rchain_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!RChainEquals(fcinfo));
}

/*
 * RChainCompare
 *		Total order: by moment, then link by link from the post up (position,
 *		role, tenure, person), then the shorter chain first.  Agrees with
 *		bytewise equality.
 */
static int
RChainCompare(FunctionCallInfo fcinfo)
{
	RChain	   *a = PG_GETARG_RCHAIN_P(0);
	RChain	   *b = PG_GETARG_RCHAIN_P(1);
	int			n = Min(a->nlinks, b->nlinks);

	if (a->moment != b->moment)
		return a->moment < b->moment ? -1 : 1;
	for (int i = 0; i < n; i++)
	{
		const RChainLink *x = &a->links[i];
		const RChainLink *y = &b->links[i];

		if (x->position_id != y->position_id)
			return x->position_id < y->position_id ? -1 : 1;
		if (x->role != y->role)
			return x->role < y->role ? -1 : 1;
		if (x->tenure != y->tenure)
			return x->tenure < y->tenure ? -1 : 1;
		if (x->person_id != y->person_id)
			return x->person_id < y->person_id ? -1 : 1;
	}
	return (a->nlinks > b->nlinks) - (a->nlinks < b->nlinks);
}

Datum
rchain_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(RChainCompare(fcinfo) < 0);
}

Datum
rchain_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(RChainCompare(fcinfo) <= 0);
}

Datum
rchain_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(RChainCompare(fcinfo) > 0);
}

Datum
rchain_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(RChainCompare(fcinfo) >= 0);
}

Datum
rchain_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(RChainCompare(fcinfo));
}

/*
 * rchain_hash
 *		Hash of the bytes that equality compares.
 */
Datum
rchain_hash(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);

	return hash_any((unsigned char *) VARDATA(chain), VARSIZE(chain) - VARHDRSZ);
}

Datum
rchain_length(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_RCHAIN_P(0)->nlinks);
}

Datum
rchain_moment(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_RCHAIN_P(0)->moment);
}

/*
 * rchain_contains_position
 *		Does the chain pass through the position?
 */
Datum
rchain_contains_position(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);
	int64		position_id = PG_GETARG_INT64(1);

	for (int i = 0; i < chain->nlinks; i++)
		if (chain->links[i].position_id == position_id)
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/*
 * rchain_contains_person
 *		Did the person hold a post of the chain at its moment?
 */
Datum
rchain_contains_person(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);
	int64		person_id = PG_GETARG_INT64(1);

	for (int i = 0; i < chain->nlinks; i++)
		if (chain->links[i].tenure != RCHAIN_TENURE_VACANT &&
			chain->links[i].person_id == person_id)
			PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(false);
}

/*
 * RChainIds
 *		The positions (or persons, vacancies left out) of a chain as a
 *		bigint[] in chain order.
 */
static Datum
RChainIds(RChain *chain, bool persons)
{
	Datum	   *ids = palloc(sizeof(Datum) * chain->nlinks);
	int			n = 0;

	for (int i = 0; i < chain->nlinks; i++)
	{
		const RChainLink *l = &chain->links[i];

		if (!persons)
			ids[n++] = Int64GetDatum(l->position_id);
		else if (l->tenure != RCHAIN_TENURE_VACANT)
			ids[n++] = Int64GetDatum(l->person_id);
	}
	return PointerGetDatum(construct_array(ids, n, INT8OID, sizeof(int64),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

Datum
rchain_positions(PG_FUNCTION_ARGS)
{
	return RChainIds(PG_GETARG_RCHAIN_P(0), false);
}

Datum
rchain_persons(PG_FUNCTION_ARGS)
{
	return RChainIds(PG_GETARG_RCHAIN_P(0), true);
}

/*
 * LinkTuple
 *		One link as an rlink row: (depth, position_id, role, person_id, tenure).
 */
static Datum
LinkTuple(TupleDesc tupdesc, const RChain *chain, int i)
{
	const RChainLink *l = &chain->links[i];
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	values[0] = Int32GetDatum(i + 1);
	values[1] = Int64GetDatum(l->position_id);
	values[2] = CStringGetTextDatum(RChainRoleNames[l->role]);
	values[3] = Int64GetDatum(l->person_id);
	nulls[3] = (l->tenure == RCHAIN_TENURE_VACANT);
	values[4] = CStringGetTextDatum(RChainTenureNames[l->tenure]);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/*
 * ReturnLink
 *		Returns link i (0-based) as a composite, or NULL when out of range.
 */
static Datum
ReturnLink(FunctionCallInfo fcinfo, RChain *chain, int i)
{
	TupleDesc	tupdesc;

	if (i < 0 || i >= chain->nlinks)
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	return LinkTuple(BlessTupleDesc(tupdesc), chain, i);
}

/*
 * rchain_link
 *		Link n, counted from 1 at the post; NULL when there is none.
 */
Datum
rchain_link(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);

	return ReturnLink(fcinfo, chain, PG_GETARG_INT32(1) - 1);
}

/* The head: the top link. */
Datum
rchain_head(PG_FUNCTION_ARGS)
{
	RChain	   *chain = PG_GETARG_RCHAIN_P(0);

	return ReturnLink(fcinfo, chain, chain->nlinks - 1);
}

/* The tail: the post the chain starts from. */
Datum
rchain_tail(PG_FUNCTION_ARGS)
{
	return ReturnLink(fcinfo, PG_GETARG_RCHAIN_P(0), 0);
}

/*
 * rchain_links
 *		Expands a chain into one row per link, from the post up.
 */
Datum
rchain_links(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	RChain	   *chain;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		funcctx->user_fctx = PG_GETARG_RCHAIN_P(0);
		funcctx->max_calls = ((RChain *) funcctx->user_fctx)->nlinks;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	chain = (RChain *) funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		/* SRF_RETURN_NEXT advances call_cntr before it evaluates its result */
		Datum		link = LinkTuple(funcctx->tuple_desc, chain, funcctx->call_cntr);

		SRF_RETURN_NEXT(funcctx, link);
	}
	SRF_RETURN_DONE(funcctx);
}
