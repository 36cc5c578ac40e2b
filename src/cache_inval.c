/*
 * cache_inval.c
 *		The invalidate_caches() trigger and the registry of cache resets.
 */
#include "postgres.h"

#include "catalog/pg_proc.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"

#include "cache_inval.h"

#define MAX_TABLE_CACHES 8

static TableCacheReset resets[MAX_TABLE_CACHES];
static int	nresets = 0;

/*
 * RelcacheCallback
 *		Passes a relcache invalidation on to every registered cache.
 */
static void
RelcacheCallback(Datum arg, Oid relid)
{
	for (int i = 0; i < nresets; i++)
		resets[i] (relid);
}

/*
 * RegisterTableCacheReset
 *		Registers a cache's reset function, once per backend.
 */
void
RegisterTableCacheReset(TableCacheReset reset)
{
	for (int i = 0; i < nresets; i++)
		if (resets[i] == reset)
			return;
	if (nresets == MAX_TABLE_CACHES)
		elog(ERROR, "too many table caches registered");
	if (nresets == 0)
		CacheRegisterRelcacheCallback(RelcacheCallback, (Datum) 0);
	resets[nresets++] = reset;
}

/*
 * ExtensionRelid
 *		The OID of one of the extension's tables, found in the schema of the
 *		calling function (the extension's fixed schema).
 */
Oid
ExtensionRelid(Oid fn_oid, const char *relname)
{
	Oid			nsp = get_func_namespace(fn_oid);
	Oid			relid = get_relname_relid(relname, nsp);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("relation \"%s.%s\" of extension responsibility is missing",
						get_namespace_name(nsp), relname),
				 errhint("If the extension's library was upgraded, run ALTER EXTENSION responsibility UPDATE.")));
	return relid;
}

/*
 * RegisterFreshSnapshot
 *		A registered snapshot of the latest committed data, for building a
 *		cache after the tables are locked: any commit it misses sends its
 *		invalidation later, which drops the cache.  GetLatestSnapshot() is
 *		refused in parallel mode (a parallel plan's leader and its workers);
 *		a newly taken catalog snapshot is the same thing and is allowed.
 */
Snapshot
RegisterFreshSnapshot(Oid relid)
{
	InvalidateCatalogSnapshot();
	return RegisterSnapshot(GetCatalogSnapshot(relid));
}

PG_FUNCTION_INFO_V1(invalidate_caches);

/*
 * invalidate_caches
 *		Statement-level trigger: tell every backend that the table changed.
 */
Datum
invalidate_caches(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("invalidate_caches() must be called as a trigger")));

	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}
