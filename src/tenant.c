/*
 * tenant.c
 *		The tenant rule, cached per backend: current_tenant() and
 *		visible_tenants() in C over the SQL functions resolve_current_tenant()
 *		and resolve_visible_tenants() (sql/install/10_tenancy.sql), which
 *		read tenant, tenant_member and role membership.
 *
 * The rule is evaluated in every column default, every row-level security
 * policy and every engine call, so its answer is kept per role and value of
 * responsibility.tenant, and dropped when tenant or tenant_member change
 * (their statement triggers send a relcache invalidation) or when roles or
 * their memberships do (syscache invalidation).  Errors are never kept:
 * a refused role is refused at every call.  A few hundred bytes.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "cache_inval.h"
#include "tenant.h"

#define MAX_MEMOS 8

typedef struct TenantMemo
{
	Oid			userid;
	char	   *setting;
	bool		has_current;
	int32		current;
	ArrayType  *visible;		/* NULL until asked */
} TenantMemo;

static MemoryContext memo_cxt = NULL;
static TenantMemo memos[MAX_MEMOS];
static int	nmemos = 0;
static int	next_victim = 0;

/* The extension's schema, tables and resolver functions. */
static Oid	known_fn = InvalidOid;
static Oid	known_nsp = InvalidOid;
static Oid	tenant_relid = InvalidOid;
static Oid	member_relid = InvalidOid;
static Oid	resolve_current_fn = InvalidOid;
static Oid	resolve_visible_fn = InvalidOid;

static void
ResetMemos(void)
{
	if (memo_cxt != NULL)
		MemoryContextReset(memo_cxt);
	nmemos = 0;
	next_victim = 0;
}

static void
TenantTablesChanged(Oid relid)
{
	if (!OidIsValid(relid) || relid == tenant_relid || relid == member_relid)
		ResetMemos();
}

static void
RolesChanged(Datum arg, int cacheid, uint32 hashvalue)
{
	ResetMemos();
}

static Oid
Resolver(Oid nsp, const char *name)
{
	List	   *qname = list_make2(makeString(get_namespace_name(nsp)), makeString(pstrdup(name)));
	Oid			fn = LookupFuncName(qname, 0, NULL, true);

	if (!OidIsValid(fn))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("function %s.%s() of extension responsibility is missing",
						get_namespace_name(nsp), name),
				 errhint("If the extension's library was upgraded, run ALTER EXTENSION responsibility UPDATE.")));
	return fn;
}

/*
 * Setup
 *		Finds the extension's objects from the calling function's schema and
 *		registers the invalidation callbacks, once.
 */
static void
Setup(Oid fn_oid)
{
	Oid			nsp;

	if (fn_oid == known_fn)
		return;
	nsp = get_func_namespace(fn_oid);
	if (nsp == known_nsp && OidIsValid(nsp))
	{
		known_fn = fn_oid;
		return;
	}
	if (memo_cxt == NULL)
	{
		memo_cxt = AllocSetContextCreate(TopMemoryContext, "responsibility tenant rule",
										 ALLOCSET_SMALL_SIZES);
		RegisterTableCacheReset(TenantTablesChanged);
		CacheRegisterSyscacheCallback(AUTHMEMROLEMEM, RolesChanged, (Datum) 0);
		CacheRegisterSyscacheCallback(AUTHOID, RolesChanged, (Datum) 0);
	}
	ResetMemos();
	tenant_relid = get_relname_relid("tenant", nsp);
	member_relid = get_relname_relid("tenant_member", nsp);
	resolve_current_fn = Resolver(nsp, "resolve_current_tenant");
	resolve_visible_fn = Resolver(nsp, "resolve_visible_tenants");
	known_nsp = nsp;
	known_fn = fn_oid;
}

/* The memo of the current role and setting, made if missing. */
static TenantMemo *
Memo(void)
{
	Oid			userid = GetUserId();
	const char *setting = GetConfigOption("responsibility.tenant", true, false);
	TenantMemo *m;

	if (setting == NULL)
		setting = "";
	for (int i = 0; i < nmemos; i++)
		if (memos[i].userid == userid && strcmp(memos[i].setting, setting) == 0)
			return &memos[i];
	if (nmemos < MAX_MEMOS)
		m = &memos[nmemos++];
	else
	{
		m = &memos[next_victim];
		next_victim = (next_victim + 1) % MAX_MEMOS;
		pfree(m->setting);
		if (m->visible)
			pfree(m->visible);
	}
	memset(m, 0, sizeof(*m));
	m->userid = userid;
	m->setting = MemoryContextStrdup(memo_cxt, setting);
	return m;
}

/*
 * CurrentTenantId
 *		The tenant the session works in; raises the rule's errors.
 */
int32
CurrentTenantId(Oid fn_oid)
{
	TenantMemo *m;
	int32		tenant;

	Setup(fn_oid);
	m = Memo();
	if (m->has_current)
		return m->current;
	tenant = DatumGetInt32(OidFunctionCall0(resolve_current_fn));
	/* the call may have reset the memos (a change it took in) */
	m = Memo();
	m->current = tenant;
	m->has_current = true;
	return tenant;
}

PG_FUNCTION_INFO_V1(current_tenant);

/*
 * current_tenant
 *		SQL: current_tenant() returns integer.
 */
Datum
current_tenant(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(CurrentTenantId(fcinfo->flinfo->fn_oid));
}

PG_FUNCTION_INFO_V1(visible_tenants);

/*
 * visible_tenants
 *		SQL: visible_tenants() returns integer[].
 */
Datum
visible_tenants(PG_FUNCTION_ARGS)
{
	TenantMemo *m;
	ArrayType  *visible;

	Setup(fcinfo->flinfo->fn_oid);
	m = Memo();
	if (m->visible == NULL)
	{
		visible = DatumGetArrayTypeP(OidFunctionCall0(resolve_visible_fn));
		m = Memo();
		m->visible = MemoryContextAlloc(memo_cxt, VARSIZE(visible));
		memcpy(m->visible, visible, VARSIZE(visible));
	}
	visible = palloc(VARSIZE(m->visible));
	memcpy(visible, m->visible, VARSIZE(m->visible));
	PG_RETURN_ARRAYTYPE_P(visible);
}
