/*
 * scoring_agg.c
 *		Aggregates of the assessment (P1): weighted_mean(score, weight) and
 *		trimmed_mean(score, trim), the mean once the trim highest and trim
 *		lowest scores are dropped (去掉最高分和最低分).
 *
 * Both keep a small state (sums, counts, and for the trimmed mean the trim
 * lowest and highest scores seen) that two partial states combine into one,
 * so PostgreSQL may run them in parallel: each has combine, serialise and
 * deserialise functions.  Value floor: no tables.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(weighted_mean_transfn);
PG_FUNCTION_INFO_V1(weighted_mean_combinefn);
PG_FUNCTION_INFO_V1(weighted_mean_serialfn);
PG_FUNCTION_INFO_V1(weighted_mean_deserialfn);
PG_FUNCTION_INFO_V1(weighted_mean_finalfn);
PG_FUNCTION_INFO_V1(trimmed_mean_transfn);
PG_FUNCTION_INFO_V1(trimmed_mean_combinefn);
PG_FUNCTION_INFO_V1(trimmed_mean_serialfn);
PG_FUNCTION_INFO_V1(trimmed_mean_deserialfn);
PG_FUNCTION_INFO_V1(trimmed_mean_finalfn);

/* How many scores at most are dropped at each end. */
#define MAX_TRIM 16

typedef struct WeightedState
{
	int64		n;
	double		sum_wx;
	double		sum_w;
} WeightedState;

typedef struct TrimmedState
{
	int64		n;
	double		sum;
	int32		trim;
	int32		nlow;
	int32		nhigh;
	double		low[MAX_TRIM];	/* the trim lowest, ascending */
	double		high[MAX_TRIM];	/* the trim highest, descending */
} TrimmedState;

/* A serialised state to read (PostgreSQL 15 has no initReadOnlyStringInfo). */
static void
ReadBytea(StringInfo buf, bytea *b)
{
	buf->data = VARDATA_ANY(b);
	buf->len = VARSIZE_ANY_EXHDR(b);
	buf->maxlen = buf->len;
	buf->cursor = 0;
}

/* The aggregate's state lives in its aggregate context. */
static void *
NewState(FunctionCallInfo fcinfo, Size size)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "aggregate function called in non-aggregate context");
	return MemoryContextAllocZero(aggcxt, size);
}

static double
CheckedScore(double x, const char *agg)
{
	if (isnan(x) || isinf(x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s: a score must be a finite number", agg)));
	return x;
}

Datum
weighted_mean_transfn(PG_FUNCTION_ARGS)
{
	WeightedState *st = PG_ARGISNULL(0) ? NewState(fcinfo, sizeof(WeightedState))
		: (WeightedState *) PG_GETARG_POINTER(0);

	if (!PG_ARGISNULL(1) && !PG_ARGISNULL(2))
	{
		double		x = CheckedScore(PG_GETARG_FLOAT8(1), "weighted_mean");
		double		w = PG_GETARG_FLOAT8(2);

		if (isnan(w) || isinf(w) || w < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("weighted_mean: a weight must be a finite number, zero or more"),
					 errdetail("Weight %g for score %g.", w, x)));
		st->n++;
		st->sum_wx += w * x;
		st->sum_w += w;
	}
	PG_RETURN_POINTER(st);
}

Datum
weighted_mean_combinefn(PG_FUNCTION_ARGS)
{
	WeightedState *a = PG_ARGISNULL(0) ? NULL : (WeightedState *) PG_GETARG_POINTER(0);
	WeightedState *b = PG_ARGISNULL(1) ? NULL : (WeightedState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = NewState(fcinfo, sizeof(WeightedState));
		*a = *b;
		PG_RETURN_POINTER(a);
	}
	a->n += b->n;
	a->sum_wx += b->sum_wx;
	a->sum_w += b->sum_w;
	PG_RETURN_POINTER(a);
}

Datum
weighted_mean_serialfn(PG_FUNCTION_ARGS)
{
	WeightedState *st = (WeightedState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->n);
	pq_sendfloat8(&buf, st->sum_wx);
	pq_sendfloat8(&buf, st->sum_w);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
weighted_mean_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	WeightedState *st = NewState(fcinfo, sizeof(WeightedState));
	StringInfoData buf;

	ReadBytea(&buf, b);
	st->n = pq_getmsgint64(&buf);
	st->sum_wx = pq_getmsgfloat8(&buf);
	st->sum_w = pq_getmsgfloat8(&buf);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(st);
}

/* NULL without scores, or when every weight is zero. */
Datum
weighted_mean_finalfn(PG_FUNCTION_ARGS)
{
	WeightedState *st = PG_ARGISNULL(0) ? NULL : (WeightedState *) PG_GETARG_POINTER(0);

	if (st == NULL || st->n == 0 || st->sum_w == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(st->sum_wx / st->sum_w);
}

/* Keep the trim lowest (ascending) or highest (descending) of the values. */
static void
KeepExtreme(double *vals, int32 *n, int32 trim, double x, bool lowest)
{
	int			i;

	if (*n == trim)
	{
		if (lowest ? x >= vals[trim - 1] : x <= vals[trim - 1])
			return;
		(*n)--;					/* the last one falls out */
	}
	for (i = *n; i > 0 && (lowest ? x < vals[i - 1] : x > vals[i - 1]); i--)
		vals[i] = vals[i - 1];
	vals[i] = x;
	(*n)++;
}

Datum
trimmed_mean_transfn(PG_FUNCTION_ARGS)
{
	TrimmedState *st = PG_ARGISNULL(0) ? NULL : (TrimmedState *) PG_GETARG_POINTER(0);
	int32		trim;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("trimmed_mean: the number of scores to drop at each end must not be NULL")));
	trim = PG_GETARG_INT32(2);
	if (trim < 0 || trim > MAX_TRIM)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trimmed_mean: cannot drop %d scores at each end", trim),
				 errdetail("Between 0 and %d scores are dropped at each end.", MAX_TRIM)));
	if (st == NULL)
	{
		st = NewState(fcinfo, sizeof(TrimmedState));
		st->trim = trim;
	}
	else if (st->trim != trim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trimmed_mean: the number of scores to drop must be the same for the whole group"),
				 errdetail("It was %d, then %d.", st->trim, trim)));
	if (!PG_ARGISNULL(1))
	{
		double		x = CheckedScore(PG_GETARG_FLOAT8(1), "trimmed_mean");

		st->n++;
		st->sum += x;
		if (trim > 0)
		{
			KeepExtreme(st->low, &st->nlow, trim, x, true);
			KeepExtreme(st->high, &st->nhigh, trim, x, false);
		}
	}
	PG_RETURN_POINTER(st);
}

Datum
trimmed_mean_combinefn(PG_FUNCTION_ARGS)
{
	TrimmedState *a = PG_ARGISNULL(0) ? NULL : (TrimmedState *) PG_GETARG_POINTER(0);
	TrimmedState *b = PG_ARGISNULL(1) ? NULL : (TrimmedState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
	{
		a = NewState(fcinfo, sizeof(TrimmedState));
		*a = *b;
		PG_RETURN_POINTER(a);
	}
	if (a->trim != b->trim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trimmed_mean: the number of scores to drop must be the same for the whole group"),
				 errdetail("It was %d, then %d.", a->trim, b->trim)));
	a->n += b->n;
	a->sum += b->sum;
	for (int i = 0; i < b->nlow; i++)
		KeepExtreme(a->low, &a->nlow, a->trim, b->low[i], true);
	for (int i = 0; i < b->nhigh; i++)
		KeepExtreme(a->high, &a->nhigh, a->trim, b->high[i], false);
	PG_RETURN_POINTER(a);
}

Datum
trimmed_mean_serialfn(PG_FUNCTION_ARGS)
{
	TrimmedState *st = (TrimmedState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, st->n);
	pq_sendfloat8(&buf, st->sum);
	pq_sendint32(&buf, st->trim);
	pq_sendint32(&buf, st->nlow);
	pq_sendint32(&buf, st->nhigh);
	for (int i = 0; i < st->nlow; i++)
		pq_sendfloat8(&buf, st->low[i]);
	for (int i = 0; i < st->nhigh; i++)
		pq_sendfloat8(&buf, st->high[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
trimmed_mean_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	TrimmedState *st = NewState(fcinfo, sizeof(TrimmedState));
	StringInfoData buf;

	ReadBytea(&buf, b);
	st->n = pq_getmsgint64(&buf);
	st->sum = pq_getmsgfloat8(&buf);
	st->trim = pq_getmsgint(&buf, 4);
	st->nlow = pq_getmsgint(&buf, 4);
	st->nhigh = pq_getmsgint(&buf, 4);
	if (st->trim < 0 || st->trim > MAX_TRIM || st->nlow < 0 || st->nlow > st->trim ||
		st->nhigh < 0 || st->nhigh > st->trim)
		elog(ERROR, "trimmed_mean: corrupt partial state");
	for (int i = 0; i < st->nlow; i++)
		st->low[i] = pq_getmsgfloat8(&buf);
	for (int i = 0; i < st->nhigh; i++)
		st->high[i] = pq_getmsgfloat8(&buf);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(st);
}

/*
 * The mean of the scores left when the trim lowest and trim highest are
 * dropped; NULL when no score is left (n <= 2 * trim): too few raters to
 * trim is reported, never averaged over what remains.
 */
Datum
trimmed_mean_finalfn(PG_FUNCTION_ARGS)
{
	TrimmedState *st = PG_ARGISNULL(0) ? NULL : (TrimmedState *) PG_GETARG_POINTER(0);
	double		dropped = 0;

	if (st == NULL || st->n <= 2 * (int64) st->trim)
		PG_RETURN_NULL();
	for (int i = 0; i < st->trim; i++)
		dropped += st->low[i] + st->high[i];
	PG_RETURN_FLOAT8((st->sum - dropped) / (double) (st->n - 2 * st->trim));
}
