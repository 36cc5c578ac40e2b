/*
 * scoring.h
 *		The accumulators of the assessment's scores (scoring_agg.c), shared
 *		by its aggregates and by the grading engine (grading.c), so that a
 *		score is combined one way whichever computes it.  Value floor.
 */
#ifndef RESPONSIBILITY_SCORING_H
#define RESPONSIBILITY_SCORING_H

/* How many scores at most are dropped at each end. */
#define MAX_TRIM 16
/* How many sources a combination takes at most. */
#define MAX_SOURCES 16

/*
 * The scores of a trimmed mean: their count and sum, and the trim lowest
 * and highest seen (arrays of trim).  Two partial accumulators merge into
 * the one of all their scores.
 */
typedef struct Trim
{
	int64		n;
	double		sum;
	int32		trim;
	int32		nlow;
	int32		nhigh;
	double	   *low;			/* ascending */
	double	   *high;			/* descending */
} Trim;

/* A source and its scores. */
typedef struct SourceAcc
{
	char	   *name;			/* NUL-terminated, namelen bytes */
	int32		namelen;
	double		weight;
	int32		min_raters;
	Trim		t;
} SourceAcc;

extern double CheckedScore(double x, const char *agg);
extern int32 CheckedTrim(int32 trim, const char *agg);
extern void TrimInit(Trim *t, int32 trim, MemoryContext cxt);
extern void TrimReset(Trim *t);
extern void TrimAdd(Trim *t, double x);
extern bool CombinedScore(const SourceAcc *sources, int n, double *score);

#endif
