/*
 * cache_inval.h
 *		Per-backend caches of the extension's tables, kept right by relcache
 *		invalidation.
 *
 * Plain DML sends no invalidation, so every table an engine caches carries
 * the statement-level trigger invalidate_caches(), which sends a relcache
 * invalidation for its table.  PostgreSQL delivers it to this backend at the
 * next command and to every other backend after commit (and replays it
 * locally on abort), so a cache registered here is dropped exactly when the
 * data it holds may have changed.
 */
#ifndef CACHE_INVAL_H
#define CACHE_INVAL_H

#include "postgres.h"

#include "utils/snapshot.h"

/* Called with the relid that changed, or InvalidOid for "all relations". */
typedef void (*TableCacheReset) (Oid relid);

extern void RegisterTableCacheReset(TableCacheReset reset);
extern Oid	ExtensionRelid(Oid fn_oid, const char *relname);
extern Snapshot RegisterFreshSnapshot(Oid relid);

#endif							/* CACHE_INVAL_H */
