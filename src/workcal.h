/*
 * workcal.h
 *		A working-day calendar as a value: a bitmap of the working days of its
 *		official years and the weekly pattern for every other day, with the
 *		day arithmetic on it.  Knows nothing of tables (see calendar.c).
 *
 * Days are int64 counts from 2000-01-01 (the DateADT origin), so that
 * intermediate results may leave the range of type date; WorkCalCheck()
 * validates the days a result depends on before it is returned.
 */
#ifndef WORKCAL_H
#define WORKCAL_H

#include "postgres.h"

typedef struct WorkCalendar
{
	const char *code;			/* the calendar's code, for messages */
	bool		fallback;		/* weekly pattern outside the official years */
	bool		has_gaps;		/* some year between first and last is not
								 * official */
	int			first_year;		/* years the bitmap covers (last < first: none) */
	int			last_year;
	int64		first_day;		/* 1 January of first_year */
	int64		last_day;		/* 31 December of last_year */
	int			per_week;		/* working days of the weekly pattern, 1..7 */
	int			week_prefix[8]; /* working days among ISO weekdays 1..i */
	bool	   *official;		/* per year from first_year: official data */
	int32		nwords;
	uint64	   *bits;			/* bit i: first_day + i is a working day */
	int32	   *before;			/* working days in words 0..w-1 (nwords + 1) */
} WorkCalendar;

/* A pause: the days first..last (inclusive) do not count. */
typedef struct WorkPause
{
	int64		first;
	int64		last;
} WorkPause;

extern WorkCalendar *WorkCalCreate(const char *code, int first_year, int last_year,
								   const bool *rest_isodow, bool fallback);
extern void WorkCalSetOfficial(WorkCalendar *cal, int year);
extern void WorkCalSetDay(WorkCalendar *cal, int64 day, bool working);
extern void WorkCalFinish(WorkCalendar *cal);

extern bool WorkCalIsWorkday(const WorkCalendar *cal, int64 day);
extern int64 WorkCalCount(const WorkCalendar *cal, int64 day);
extern int64 WorkCalAdd(const WorkCalendar *cal, int64 day, int64 n);
extern int64 WorkCalOnOrAfter(const WorkCalendar *cal, int64 day);
extern int64 WorkCalDeadline(const WorkCalendar *cal, int64 start, int64 n,
							 const WorkPause *pauses, int npauses);
extern bool WorkCalCheck(const WorkCalendar *cal, int64 lo, int64 hi);

#endif							/* WORKCAL_H */
