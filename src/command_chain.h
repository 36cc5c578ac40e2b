/*
 * command_chain.h
 *		The walk up the chain of command over the organisation image, shared
 *		by command_chain() and the back-trace.
 */
#ifndef COMMAND_CHAIN_H
#define COMMAND_CHAIN_H

#include "postgres.h"

#include "org_image.h"
#include "rchain.h"

extern ImageCharge *DomainCharges(Oid fn_oid, int32 tenant, text *domain, int *n);
extern int64 ChargeAt(const ImageCharge *charges, int n, TimestampTz t);
extern int64 DomainLeader(Oid fn_oid, int32 tenant, text *domain, TimestampTz t);
extern RChain *BuildCommandChain(TenantImage *img, const ImagePost *start, TimestampTz t,
								 int64 domain_leader);

#endif							/* COMMAND_CHAIN_H */
