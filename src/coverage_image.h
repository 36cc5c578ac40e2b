/*
 * coverage_image.h
 *		What the coverage report reads, kept with a tenant's organisation
 *		image: every post with its tenures and absences, every duty, process
 *		and step with its owners over time, as sorted arrays.
 *
 * The arrays are built by sequential scans the first time a report needs
 * them, and kept in step with the statement's snapshot by the change log
 * that keeps the organisation image (org_image.h): a write to a post, a
 * duty, a process or a step logs its key, and the next report reads those
 * keys again through their indexes and patches the arrays in place.  So a
 * report after a one-row change costs what the change touched, plus the
 * sweep.  Past a few hundred changed keys, or when the image is emptied,
 * the arrays are built anew.
 *
 * Memory: about 48 bytes per post, 40 per tenure and absence, 40 per duty,
 * 56 per owner row (twice: by object and by post), 32 per process and
 * step; counted with the organisation image against
 * responsibility.chain_cache_size.  A tenant whose arrays do not fit is
 * read afresh by every report and nothing is kept.
 */
#ifndef COVERAGE_IMAGE_H
#define COVERAGE_IMAGE_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "org_image.h"

/* A span [lo, hi); -infinity and infinity are the int64 extremes. */
typedef struct Iv
{
	int64		lo;
	int64		hi;
} Iv;

/* A growable array of fixed-size elements. */
typedef struct Array
{
	char	   *data;
	int64		n;
	int64		cap;
	Size		elem;
} Array;

#define ELEM(a, T, i) (&((T *) (a)->data)[i])

typedef struct Post
{
	int64		id;
	int64		unit_id;
	Iv			valid;
	int64		first_tenure;	/* its runs in tenures and absences */
	int64		ntenures;
	int64		first_absence;
	int64		nabsences;
} Post;

/* A tenure or an absence of a post. */
typedef struct Tenure
{
	int64		position_id;
	int64		person_id;
	Iv			span;
	bool		acting;			/* an acting tenure, or acting for an absence */
} Tenure;

/* A duty of the tenant: its unit, life, and whether it has a target. */
typedef struct Duty
{
	int64		id;
	int64		unit_id;
	Iv			valid;
	bool		target;
} Duty;

typedef struct Unit
{
	int64		id;
	Iv			valid;
} Unit;

typedef struct Process
{
	int64		id;
	int64		unit_id;
	Iv			valid;
} Process;

typedef struct Step
{
	int64		id;
	int64		process_id;
} Step;

/* An ownership row: a post owning a duty or a step over a span. */
typedef struct Owner
{
	int64		object_id;
	int64		position_id;
	Iv			span;
	bool		primary;
} Owner;

/* The same, by post: what a post owned, and whether it had a target. */
typedef struct Owned
{
	int64		position_id;
	Iv			span;
	int64		object_id;
	char		kind;			/* 'd' duty, 's' step */
	bool		target;			/* a duty with a quantified target */
} Owned;

typedef struct CoverageImage
{
	Array		posts;			/* by id */
	Array		tenures;		/* by post, start (stand-ins for absences too) */
	Array		absences;		/* by post, start */
	Array		duties;			/* by id */
	Array		duty_owners;	/* by duty, start */
	Array		processes;		/* by id */
	Array		steps;			/* by id */
	Array		step_owners;	/* by step, start */
	Array		owned;			/* duty and step owners by post, start (Owned) */
	/* keys changed since the arrays were last in step */
	int			npending;
	bool		overflow;
	struct
	{
		char		kind;
		int64		key;
	}		   *pending;
} CoverageImage;

extern CoverageImage *CoverageImageOpen(Oid fn_oid, int32 tenant, TenantImage **img);
extern void CoverageImageClose(TenantImage *img);
extern void CoverageCheckSpan(TimestampTz from, TimestampTz to);
extern void CoverageUnits(Oid fn_oid, int32 tenant, int64 root, Array *scope, Array *units);
extern int64 ArrayFind(const Array *a, int64 key);
extern void ArrayInit(Array *a, Size elem);
extern void *ArrayAdd(Array *a);

#endif							/* COVERAGE_IMAGE_H */
