/*
 * coverage.h
 *		The findings of the coverage report: the sweeps over time
 *		(coverage.c) and the structure of processes and powers
 *		(coverage_structure.c) hand them to a sink, which is either a
 *		set-returning function's tuplestore or the report's array
 *		(coverage_report.c), where they are sorted, named and explained.
 */
#ifndef COVERAGE_H
#define COVERAGE_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/tuplestore.h"

#include "coverage_image.h"

/* One finding, as the report gathers it. */
typedef struct Finding
{
	int64		object_id;
	int64		position_id;	/* when has_position */
	int64		person_id;		/* when has_person */
	Iv			iv;				/* its span [lo, hi), unless span is set */
	Datum		span;			/* else its span as a tstzrange */
	Datum		ids;			/* int8[]: the posts of an overlap, or the
								 * duties of a power; 0: none */
	bool		ids_are_duties;
	bool		has_position;
	bool		has_person;
	uint8		kind;			/* index into CoverageKinds */
	uint8		object_kind;	/* index into CoverageObjectKinds */
} Finding;

/* Where findings go: a function's rows, or Findings in an array. */
typedef struct FindingSink
{
	Tuplestorestate *out;
	TupleDesc	desc;
	Array	   *collect;		/* when set: Findings, their datums in cxt */
	MemoryContext cxt;
} FindingSink;

#define COVERAGE_NKINDS 13
#define COVERAGE_NOBJECT_KINDS 6
extern const char *const CoverageKinds[COVERAGE_NKINDS];
extern const char *const CoverageObjectKinds[COVERAGE_NOBJECT_KINDS];
extern uint8 CoverageKindIndex(const char *kind);
extern uint8 CoverageObjectKindIndex(const char *object_kind);

/* What finds findings for the unit and its sub-units within [from, to). */
typedef void (*CoverageFinder) (Oid fn_oid, int32 tenant, int64 unit_id, TimestampTz from, TimestampTz to,
								FindingSink *sink);

extern Datum CoverageFindingsSRF(FunctionCallInfo fcinfo, CoverageFinder finder);
extern void CoverageSweep(Oid fn_oid, int32 tenant, int64 unit_id, TimestampTz from, TimestampTz to,
						  FindingSink *sink);
extern void CoverageStructure(Oid fn_oid, int32 tenant, int64 unit_id, TimestampTz from, TimestampTz to,
							  FindingSink *sink);

#endif							/* COVERAGE_H */
