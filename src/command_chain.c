/*
 * command_chain.c
 *		command_chain(position, at): the chain of command of a post as of a
 *		moment — the post, the post it answers to and so on up to the head of
 *		the top unit, passing from the head of a unit to the leader in charge
 *		(分管) of it where there is one, with each holder at that moment.
 *
 * The chain is walked over the tenant's image of the organisation
 * (org_image.h), which answers what the calling statement's snapshot sees.
 * Reading the image bypasses row-level security, so the tenant rule is
 * applied here: the image is the current tenant's (tenant.h).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cache_inval.h"

#include "command_chain.h"
#include "tenant.h"

PG_FUNCTION_INFO_V1(command_chain);
PG_FUNCTION_INFO_V1(chain_cache_memory);

/*
 * HolderAt
 *		Fills the link's person and tenure: who answered for the post at t.
 */
static void
HolderAt(const ImagePost *p, TimestampTz t, RChainLink *link)
{
	link->person_id = OrgPostAnswerAt(p, t, &link->tenure);
}

/*
 * LeaderInCharge
 *		The post in charge of the unit headed by p at t, or 0.
 */
static int64
LeaderInCharge(TenantImage *img, const ImagePost *p, TimestampTz t)
{
	const ImageUnit *u;

	if (!p->is_head)
		return 0;
	u = OrgImageUnit(img, p->unit_id);
	for (int i = 0; i < u->ncharges; i++)
		if (SpanContains(&u->charges[i].during, t) && u->charges[i].position_id != p->id)
			return u->charges[i].position_id;
	return 0;
}

/*
 * DomainCharges
 *		Who was in charge of the domain (charge.domain) when: every charge of
 *		it, read afresh through charge_domain_during_idx under the
 *		statement's snapshot (nothing cached), in the caller's memory.
 */
ImageCharge *
DomainCharges(Oid fn_oid, int32 tenant, text *domain, int *n)
{
	Relation	rel = table_open(ExtensionRelid(fn_oid, "charge"), AccessShareLock);
	TupleDesc	desc = RelationGetDescr(rel);
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	ImageCharge *charges = palloc(sizeof(ImageCharge) * 4);
	int			cap = 4;
	AttrNumber	att_tenant = 0,
				att_domain = 0,
				att_pos = 0,
				att_during = 0;

	for (int i = 0; i < desc->natts; i++)
	{
		const char *name = NameStr(TupleDescAttr(desc, i)->attname);

		if (strcmp(name, "tenant_id") == 0)
			att_tenant = i + 1;
		else if (strcmp(name, "domain") == 0)
			att_domain = i + 1;
		else if (strcmp(name, "position_id") == 0)
			att_pos = i + 1;
		else if (strcmp(name, "during") == 0)
			att_during = i + 1;
	}
	ScanKeyInit(&keys[0], att_tenant, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(tenant));
	ScanKeyInit(&keys[1], att_domain, BTEqualStrategyNumber, F_TEXTEQ, PointerGetDatum(domain));
	scan = systable_beginscan(rel, ExtensionRelid(fn_oid, "charge_domain_during_idx"), true,
							  GetActiveSnapshot(), 2, keys);
	*n = 0;
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;

		if (*n == cap)
		{
			cap *= 2;
			charges = repalloc(charges, sizeof(ImageCharge) * cap);
		}
		ReadTimeSpan(tup, desc, att_during, &charges[*n].during);
		charges[*n].position_id = DatumGetInt64(heap_getattr(tup, att_pos, desc, &isnull));
		(*n)++;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return charges;
}

/* The post in charge at t among charges, or 0. */
int64
ChargeAt(const ImageCharge *charges, int n, TimestampTz t)
{
	for (int i = 0; i < n; i++)
		if (SpanContains(&charges[i].during, t))
			return charges[i].position_id;
	return 0;
}

/*
 * DomainLeader
 *		The post in charge of the domain at t, or 0: one index scan.
 */
int64
DomainLeader(Oid fn_oid, int32 tenant, text *domain, TimestampTz t)
{
	int			n;
	ImageCharge *charges = DomainCharges(fn_oid, tenant, domain, &n);
	int64		leader = ChargeAt(charges, n, t);

	pfree(charges);
	return leader;
}

/*
 * BuildCommandChain
 *		Walks up from the post start at t.  From the first head of a unit on
 *		the way, the chain passes to domain_leader when there is one (a duty
 *		or process of a domain goes through the leader in charge of it).
 */
RChain *
BuildCommandChain(TenantImage *img, const ImagePost *start, TimestampTz t, int64 domain_leader)
{
	RChainLink	links[RCHAIN_MAX_LINKS];
	int			n = 0;
	const ImagePost *p = start;
	uint8		role = RCHAIN_ROLE_POST;
	RChain	   *chain;

	while (p != NULL)
	{
		int64		next;

		for (int j = 0; j < n; j++)
			if (links[j].position_id == p->id)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_RECURSION),
						 errmsg("command chain of position " INT64_FORMAT " loops at position " INT64_FORMAT,
								start->id, p->id),
						 errdetail("The reporting lines and leaders in charge in force at %s lead back to position " INT64_FORMAT ".",
								   timestamptz_to_str(t), p->id),
						 errhint("Correct the position's reports_to or the charge table.")));
		if (n == RCHAIN_MAX_LINKS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("command chain of position " INT64_FORMAT " is longer than %d links",
							start->id, RCHAIN_MAX_LINKS)));
		memset(&links[n], 0, sizeof(RChainLink));
		links[n].position_id = p->id;
		links[n].role = (role == RCHAIN_ROLE_SUPERIOR && p->is_head) ? RCHAIN_ROLE_UNIT_HEAD : role;
		HolderAt(p, t, &links[n]);
		n++;

		next = 0;
		if (p->is_head && domain_leader != 0)
		{
			next = domain_leader;
			for (int j = 0; j < n; j++)
				if (links[j].position_id == domain_leader)
					next = 0;	/* already on the way: the plain chain */
			domain_leader = 0;
		}
		if (next == 0)
			next = LeaderInCharge(img, p, t);
		if (next != 0)
			role = RCHAIN_ROLE_IN_CHARGE;
		else
		{
			next = p->parent_id;
			role = RCHAIN_ROLE_SUPERIOR;
		}
		p = next != 0 ? OrgImagePost(img, next) : NULL;
	}
	if (n > 1)
		links[n - 1].role = RCHAIN_ROLE_HEAD;

	chain = InitRChain(t, n);
	memcpy(chain->links, links, sizeof(RChainLink) * n);
	CheckRChain(chain, 0);
	return chain;
}

/*
 * command_chain
 *		SQL: command_chain(position_id bigint, at timestamptz [, domain text])
 *		returns rchain.
 */
Datum
command_chain(PG_FUNCTION_ARGS)
{
	int64		position_id = PG_GETARG_INT64(0);
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(1);
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	TenantImage *img;
	const ImagePost *p;
	RChain	   *chain;
	int32		tenant;
	int64		domain_leader = 0;

	if (TIMESTAMP_NOT_FINITE(at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("command chain moment must be finite"),
				 errdetail("A chain is taken as of a real moment, not \"%s\".", timestamptz_to_str(at))));

	tenant = CurrentTenantId(fn_oid);
	if (PG_NARGS() > 2)
		domain_leader = DomainLeader(fn_oid, tenant, PG_GETARG_TEXT_PP(2), at);
	img = OrgImageOpen(fn_oid, tenant);
	p = OrgImagePost(img, position_id);
	if (p == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("position " INT64_FORMAT " does not exist", position_id),
				 errdetail("No position has this id in the current tenant.")));
	if (!SpanContains(&p->valid, at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("position " INT64_FORMAT " did not exist at %s", position_id, timestamptz_to_str(at)),
				 errdetail("A command chain starts from a post that existed at its moment; see the position's valid column.")));
	chain = BuildCommandChain(img, p, at, domain_leader);
	OrgImageClose(img);
	PG_RETURN_RCHAIN_P(chain);
}

/*
 * chain_cache_memory
 *		SQL: bytes this backend's image of the current tenant holds.
 */
Datum
chain_cache_memory(PG_FUNCTION_ARGS)
{
	Oid			fn_oid = fcinfo->flinfo->fn_oid;

	PG_RETURN_INT64((int64) OrgImageMemory(CurrentTenantId(fn_oid)));
}
