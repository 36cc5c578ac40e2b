/*
 * responsibility.c
 *		The module's one PG_MODULE_MAGIC.
 *
 * Each engine registers what it needs (relcache callbacks for its caches)
 * lazily, on first use, so the module has no _PG_init.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
