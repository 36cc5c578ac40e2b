/*
 * command_chain.c
 *		command_chain(position, at): the chain of command of a post as of a
 *		moment — the post, the post it answers to and so on up to the head of
 *		the top unit, passing from the head of a unit to the leader in charge
 *		(分管) of it where there is one, with each holder at that moment.
 *
 * The chain is walked over the per-backend image (chain_cache.h).  Reading
 * that image bypasses row-level security, so the tenant rule is applied
 * here: a position is found only in the session's current tenant
 * (current_tenant(), which checks role membership).
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "access/xact.h"
#include "utils/timestamp.h"

#include "chain_cache.h"
#include "rchain.h"

PG_FUNCTION_INFO_V1(command_chain);

/* The statement for which other sessions' invalidations were last taken in. */
static TimestampTz accepted_for_statement = 0;
PG_FUNCTION_INFO_V1(chain_cache_memory);

/*
 * What a call site remembers between calls: the tenant it resolved, for the
 * role and setting it resolved it under (an expression state can outlive a
 * SET ROLE or a change of responsibility.tenant, in PL/pgSQL).
 */
typedef struct CallState
{
	Oid			userid;
	char		setting[NAMEDATALEN];
	int32		tenant;
} CallState;

/*
 * CurrentTenant
 *		Calls the extension's current_tenant(), which applies the membership
 *		rule and raises the errors a user should see.
 */
static int32
CurrentTenant(Oid fn_oid)
{
	char	   *nsp = get_namespace_name(get_func_namespace(fn_oid));
	List	   *name = list_make2(makeString(nsp), makeString("current_tenant"));
	Oid			fn = LookupFuncName(name, 0, NULL, false);

	return DatumGetInt32(OidFunctionCall0(fn));
}

/*
 * HolderAt
 *		Fills the link's person and tenure from the assignment in force at t.
 */
static void
HolderAt(const ChainCache *c, const CachedPosition *p, TimestampTz t, RChainLink *link)
{
	for (int i = 0; i < p->nassignments; i++)
	{
		const CachedAssignment *a = &c->assignments[p->first_assignment + i];

		if (SpanContains(&a->during, t))
		{
			link->person_id = a->person_id;
			link->tenure = a->tenure;
			return;
		}
	}
	link->person_id = 0;
	link->tenure = RCHAIN_TENURE_VACANT;
}

/*
 * LeaderInCharge
 *		The post in charge of the unit headed by p at t, or -1.
 */
static int32
LeaderInCharge(const ChainCache *c, const CachedPosition *p, TimestampTz t)
{
	for (int i = 0; i < p->ncharges; i++)
	{
		const CachedCharge *ch = &c->charges[p->first_charge + i];

		if (SpanContains(&ch->during, t))
			return ch->position;
	}
	return -1;
}

/*
 * BuildCommandChain
 *		Walks up from position index start at t.
 */
static RChain *
BuildCommandChain(const ChainCache *c, int32 start, TimestampTz t)
{
	RChainLink	links[RCHAIN_MAX_LINKS];
	int			n = 0;
	int32		cur = start;
	uint8		role = RCHAIN_ROLE_POST;
	RChain	   *chain;

	while (cur >= 0)
	{
		const CachedPosition *p = &c->positions[cur];
		int32		next;

		for (int j = 0; j < n; j++)
			if (links[j].position_id == p->id)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_RECURSION),
						 errmsg("command chain of position " INT64_FORMAT " loops at position " INT64_FORMAT,
								c->positions[start].id, p->id),
						 errdetail("The reporting lines and leaders in charge in force at %s lead back to position " INT64_FORMAT ".",
								   timestamptz_to_str(t), p->id),
						 errhint("Correct the position's reports_to or the charge table.")));
		if (n == RCHAIN_MAX_LINKS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("command chain of position " INT64_FORMAT " is longer than %d links",
							c->positions[start].id, RCHAIN_MAX_LINKS)));
		memset(&links[n], 0, sizeof(RChainLink));
		links[n].position_id = p->id;
		links[n].role = (role == RCHAIN_ROLE_SUPERIOR && p->is_head) ? RCHAIN_ROLE_UNIT_HEAD : role;
		HolderAt(c, p, t, &links[n]);
		n++;

		next = LeaderInCharge(c, p, t);
		if (next >= 0 && next != cur)
			role = RCHAIN_ROLE_IN_CHARGE;
		else
		{
			next = p->parent;
			role = RCHAIN_ROLE_SUPERIOR;
		}
		cur = next;
	}
	if (n > 1)
		links[n - 1].role = RCHAIN_ROLE_HEAD;

	chain = InitRChain(t, n);
	memcpy(chain->links, links, sizeof(RChainLink) * n);
	CheckRChain(chain);
	return chain;
}

/*
 * command_chain
 *		SQL: command_chain(position_id bigint, at timestamptz) returns rchain.
 */
Datum
command_chain(PG_FUNCTION_ARGS)
{
	int64		position_id = PG_GETARG_INT64(0);
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(1);
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	CallState  *state = (CallState *) fcinfo->flinfo->fn_extra;
	const char *setting;
	ChainCache *c;
	int32		idx;

	if (TIMESTAMP_NOT_FINITE(at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("command chain moment must be finite"),
				 errdetail("A chain is taken as of a real moment, not \"%s\".", timestamptz_to_str(at))));

	/*
	 * Changes other sessions committed drop the cache at the start of the
	 * next statement, so that within a statement every call sees the same
	 * data (STABLE).  This session's own changes drop it at once.
	 */
	if (accepted_for_statement != GetCurrentStatementStartTimestamp())
	{
		AcceptInvalidationMessages();
		accepted_for_statement = GetCurrentStatementStartTimestamp();
	}

	setting = GetConfigOption("responsibility.tenant", true, false);
	if (setting == NULL)
		setting = "";
	if (state == NULL)
		state = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CallState));
	if (!OidIsValid(state->userid) || state->userid != GetUserId() ||
		strncmp(state->setting, setting, NAMEDATALEN) != 0)
	{
		state->tenant = CurrentTenant(fn_oid);
		state->userid = GetUserId();
		strlcpy(state->setting, setting, NAMEDATALEN);
	}

	c = GetChainCache(fn_oid);
	idx = ChainCacheFind(c, state->tenant, position_id);
	if (idx < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("position " INT64_FORMAT " does not exist", position_id),
				 errdetail("No position has this id in the current tenant.")));
	if (!SpanContains(&c->positions[idx].valid, at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("position " INT64_FORMAT " did not exist at %s", position_id, timestamptz_to_str(at)),
				 errdetail("A command chain starts from a post that existed at its moment; see the position's valid column.")));

	PG_RETURN_RCHAIN_P(BuildCommandChain(c, idx, at));
}

/*
 * chain_cache_memory
 *		SQL: bytes this backend's chain cache holds.
 */
Datum
chain_cache_memory(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) ChainCacheMemory());
}
