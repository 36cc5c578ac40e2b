/*
 * responsibility.c
 *		The module's one PG_MODULE_MAGIC, and its settings.
 *
 * Each engine registers its invalidation callbacks lazily, on first use;
 * _PG_init only defines the settings, so that SET and SHOW know them.
 */
#include "postgres.h"

#include "fmgr.h"

#include "org_image.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	OrgImageInit();
}
