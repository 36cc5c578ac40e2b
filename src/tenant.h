/*
 * tenant.h
 *		The tenant rule, cached per backend (tenant.c).
 */
#ifndef TENANT_H
#define TENANT_H

#include "postgres.h"

extern int32 CurrentTenantId(Oid fn_oid);

#endif							/* TENANT_H */
