/*
 * scoring_agg.c
 *		Aggregates of the assessment (P1): weighted_mean(score, weight),
 *		trimmed_mean(score, trim), the mean once the trim highest and trim
 *		lowest scores are dropped (去掉最高分和最低分), and the combination of
 *		evaluator sources, multi_source_score() and multi_source_detail().
 *
 * Both keep a small state (sums, counts, and for the trimmed mean the trim
 * lowest and highest scores seen) that two partial states combine into one,
 * so PostgreSQL may run them in parallel: each has combine, serialise and
 * deserialise functions.  Value floor: no tables.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "scoring.h"

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
PG_FUNCTION_INFO_V1(multi_source_transfn);
PG_FUNCTION_INFO_V1(multi_source_scheme_transfn);
PG_FUNCTION_INFO_V1(multi_source_combinefn);
PG_FUNCTION_INFO_V1(multi_source_serialfn);
PG_FUNCTION_INFO_V1(multi_source_deserialfn);
PG_FUNCTION_INFO_V1(multi_source_finalfn);
PG_FUNCTION_INFO_V1(multi_source_detailfn);

typedef struct WeightedState
{
	int64		n;
	double		sum_wx;
	double		sum_w;
} WeightedState;

/* A serialised state to read (PostgreSQL 15 has no initReadOnlyStringInfo). */
static void
ReadBytea(StringInfo buf, bytea *b)
{
	buf->data = VARDATA_ANY(b);
	buf->len = VARSIZE_ANY_EXHDR(b);
	buf->maxlen = buf->len;
	buf->cursor = 0;
}

/* The aggregate's memory, where its state lives. */
static MemoryContext
AggContext(FunctionCallInfo fcinfo)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "aggregate function called in non-aggregate context");
	return aggcxt;
}

static void *
NewState(FunctionCallInfo fcinfo, Size size)
{
	return MemoryContextAllocZero(AggContext(fcinfo), size);
}

double
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

int32
CheckedTrim(int32 trim, const char *agg)
{
	if (trim < 0 || trim > MAX_TRIM)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: cannot drop %d scores at each end", agg, trim),
				 errdetail("Between 0 and %d scores are dropped at each end.", MAX_TRIM)));
	return trim;
}

void
TrimInit(Trim *t, int32 trim, MemoryContext cxt)
{
	memset(t, 0, sizeof(Trim));
	t->trim = trim;
	if (trim > 0)
	{
		t->low = MemoryContextAlloc(cxt, sizeof(double) * 2 * trim);	/* one chunk for both */
		t->high = t->low + trim;
	}
}

/* Empty again, keeping its trim and its memory. */
void
TrimReset(Trim *t)
{
	t->n = 0;
	t->sum = 0;
	t->nlow = 0;
	t->nhigh = 0;
}

void
TrimAdd(Trim *t, double x)
{
	t->n++;
	t->sum += x;
	if (t->trim > 0)
	{
		KeepExtreme(t->low, &t->nlow, t->trim, x, true);
		KeepExtreme(t->high, &t->nhigh, t->trim, x, false);
	}
}

/* a gets b's scores too: counts and sums add, b's extremes compete with a's */
static void
TrimMerge(Trim *a, const Trim *b)
{
	a->n += b->n;
	a->sum += b->sum;
	for (int j = 0; j < b->nlow; j++)
		KeepExtreme(a->low, &a->nlow, a->trim, b->low[j], true);
	for (int j = 0; j < b->nhigh; j++)
		KeepExtreme(a->high, &a->nhigh, a->trim, b->high[j], false);
}

static void
TrimSend(StringInfo buf, const Trim *t)
{
	pq_sendint32(buf, t->trim);
	pq_sendint64(buf, t->n);
	pq_sendfloat8(buf, t->sum);
	pq_sendint32(buf, t->nlow);
	pq_sendint32(buf, t->nhigh);
	for (int j = 0; j < t->nlow; j++)
		pq_sendfloat8(buf, t->low[j]);
	for (int j = 0; j < t->nhigh; j++)
		pq_sendfloat8(buf, t->high[j]);
}

/* Reads what TrimSend wrote into t, whose trim must match. */
static void
TrimRecv(StringInfo buf, Trim *t)
{
	if (pq_getmsgint(buf, 4) != t->trim)
		elog(ERROR, "corrupt partial state of a trimmed mean");
	t->n = pq_getmsgint64(buf);
	t->sum = pq_getmsgfloat8(buf);
	t->nlow = pq_getmsgint(buf, 4);
	t->nhigh = pq_getmsgint(buf, 4);
	if (t->nlow < 0 || t->nlow > t->trim || t->nhigh < 0 || t->nhigh > t->trim)
		elog(ERROR, "corrupt partial state of a trimmed mean");
	for (int j = 0; j < t->nlow; j++)
		t->low[j] = pq_getmsgfloat8(buf);
	for (int j = 0; j < t->nhigh; j++)
		t->high[j] = pq_getmsgfloat8(buf);
}

/* Is anything left once trim are dropped at each end? */
static bool
TrimLeft(const Trim *t)
{
	return t->n > 2 * (int64) t->trim;
}

static double
TrimMean(const Trim *t)
{
	double		dropped = 0;

	for (int i = 0; i < t->trim; i++)
		dropped += t->low[i] + t->high[i];
	return (t->sum - dropped) / (double) (t->n - 2 * t->trim);
}

/* trimmed_mean's state: one accumulator, in the aggregate's memory. */
static Trim *
NewTrim(FunctionCallInfo fcinfo, int32 trim)
{
	MemoryContext aggcxt = AggContext(fcinfo);
	Trim	   *t = MemoryContextAlloc(aggcxt, sizeof(Trim));

	TrimInit(t, trim, aggcxt);
	return t;
}

static void
SameTrim(int32 was, int32 now)
{
	if (was != now)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trimmed_mean: the number of scores to drop must be the same for the whole group"),
				 errdetail("It was %d, then %d.", was, now)));
}

Datum
trimmed_mean_transfn(PG_FUNCTION_ARGS)
{
	Trim	   *t = PG_ARGISNULL(0) ? NULL : (Trim *) PG_GETARG_POINTER(0);
	int32		trim;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("trimmed_mean: the number of scores to drop at each end must not be NULL")));
	trim = CheckedTrim(PG_GETARG_INT32(2), "trimmed_mean");
	if (t == NULL)
		t = NewTrim(fcinfo, trim);
	else
		SameTrim(t->trim, trim);
	if (!PG_ARGISNULL(1))
		TrimAdd(t, CheckedScore(PG_GETARG_FLOAT8(1), "trimmed_mean"));
	PG_RETURN_POINTER(t);
}

Datum
trimmed_mean_combinefn(PG_FUNCTION_ARGS)
{
	Trim	   *a = PG_ARGISNULL(0) ? NULL : (Trim *) PG_GETARG_POINTER(0);
	Trim	   *b = PG_ARGISNULL(1) ? NULL : (Trim *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
		a = NewTrim(fcinfo, b->trim);
	SameTrim(a->trim, b->trim);
	TrimMerge(a, b);
	PG_RETURN_POINTER(a);
}

Datum
trimmed_mean_serialfn(PG_FUNCTION_ARGS)
{
	Trim	   *t = (Trim *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	TrimSend(&buf, t);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
trimmed_mean_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	Trim	   *t;
	int32		trim;

	ReadBytea(&buf, b);
	trim = pq_getmsgint(&buf, 4);
	if (trim < 0 || trim > MAX_TRIM)
		elog(ERROR, "corrupt partial state of a trimmed mean");
	t = NewTrim(fcinfo, trim);
	buf.cursor = 0;				/* TrimRecv reads the trim again */
	TrimRecv(&buf, t);
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(t);
}

/*
 * The mean of the scores left when the trim lowest and trim highest are
 * dropped; NULL when no score is left (n <= 2 * trim): too few raters to
 * trim is reported, never averaged over what remains.
 */
Datum
trimmed_mean_finalfn(PG_FUNCTION_ARGS)
{
	Trim	   *t = PG_ARGISNULL(0) ? NULL : (Trim *) PG_GETARG_POINTER(0);

	if (t == NULL || !TrimLeft(t))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(TrimMean(t));
}

/*
 * multi_source_score(source, score, source_weight, min_raters, trim_each)
 * and multi_source_detail(...): the combination of evaluator sources
 * (leaders, colleagues and the public, service recipients, self ...).  Each
 * source's scores are trimmed and averaged; a source with fewer raters than
 * it needs is reported as insufficient and left out, and the weights of the
 * sources used are renormalised to sum to one, never divided by a constant.
 */
typedef struct SchemeSources SchemeSources;

typedef struct MultiState
{
	MemoryContext cxt;
	const SchemeSources *scheme;	/* the scheme it is laid out for, or NULL */
	int32		nsources;
	SourceAcc	sources[MAX_SOURCES];
} MultiState;

static MultiState *
NewMultiState(FunctionCallInfo fcinfo)
{
	MultiState *st = NewState(fcinfo, offsetof(MultiState, sources));

	st->cxt = AggContext(fcinfo);
	return st;
}

/* The state with room for one more source (grown one at a time). */
static MultiState *
GrowMultiState(MultiState *st)
{
	MultiState *bigger = repalloc(st, offsetof(MultiState, sources) + sizeof(SourceAcc) * (st->nsources + 1));

	memset(&bigger->sources[bigger->nsources], 0, sizeof(SourceAcc));
	return bigger;
}

/*
 * The accumulator of the source named by the namelen bytes at name (not
 * NUL-terminated: rows pass their text as it is, without a copy), added on
 * first sight with its weight, minimum and trim, which must never change.
 */
static SourceAcc *
FindSource(MultiState **stp, const char *name, int32 namelen, double weight, int32 min_raters, int32 trim)
{
	MultiState *st = *stp;
	SourceAcc  *s;

	for (int i = 0; i < st->nsources; i++)
	{
		s = &st->sources[i];
		if (s->namelen != namelen || memcmp(s->name, name, namelen) != 0)
			continue;
		if (s->weight != weight || s->min_raters != min_raters || s->t.trim != trim)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("multi_source_score: source \"%s\" has more than one weight, minimum or trim", s->name),
					 errdetail("Weight %g, at least %d raters, %d dropped at each end; then %g, %d, %d.",
							   s->weight, s->min_raters, s->t.trim, weight, min_raters, trim)));
		return s;
	}
	if (namelen == 0 || namelen >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: a source is named by 1 to %d bytes", NAMEDATALEN - 1)));
	if (st->nsources == MAX_SOURCES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("multi_source_score: more than %d sources", MAX_SOURCES)));
	*stp = st = GrowMultiState(st);
	s = &st->sources[st->nsources++];
	s->name = MemoryContextAlloc(st->cxt, namelen + 1);
	memcpy(s->name, name, namelen);
	s->name[namelen] = '\0';
	s->namelen = namelen;
	s->weight = weight;
	s->min_raters = min_raters;
	TrimInit(&s->t, trim, st->cxt);
	return s;
}

Datum
multi_source_transfn(PG_FUNCTION_ARGS)
{
	MultiState *st = PG_ARGISNULL(0) ? NewMultiState(fcinfo) : (MultiState *) PG_GETARG_POINTER(0);
	text	   *name;
	double		weight;
	int32		min_raters,
				trim;
	SourceAcc  *s;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("multi_source_score: source, weight, minimum raters and trim must not be NULL")));
	name = PG_GETARG_TEXT_PP(1);
	weight = PG_GETARG_FLOAT8(3);
	min_raters = PG_GETARG_INT32(4);
	trim = PG_GETARG_INT32(5);
	if (isnan(weight) || isinf(weight) || weight < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: the weight of source \"%s\" must be a finite number, zero or more",
						text_to_cstring(name))));
	if (min_raters < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: source \"%s\" needs at least one rater", text_to_cstring(name))));
	CheckedTrim(trim, "multi_source_score");
	s = FindSource(&st, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), weight, min_raters, trim);
	if (!PG_ARGISNULL(2))
		TrimAdd(&s->t, CheckedScore(PG_GETARG_FLOAT8(2), "multi_source_score"));
	PG_RETURN_POINTER(st);
}

/*
 * The sources of a scheme, given as arrays (names, weights, minimum raters)
 * that must be the same for every row, as a constant or a subquery's value
 * is.  Each distinct scheme a query brings is parsed once and kept in
 * fn_extra for the query, with copies of its arrays to know it again by
 * content (never by address: memory reused between rows can bring another
 * array at the same address).  A query may bring at most MAX_SCHEMES.
 */
#define MAX_SCHEMES 16

struct SchemeSources
{
	struct varlena *arrays[3];	/* names, weights, minimums, as given */
	int32		trim;
	int			n;
	char	   *names[MAX_SOURCES];
	int32		namelens[MAX_SOURCES];
	double		weights[MAX_SOURCES];
	int32		mins[MAX_SOURCES];
};

typedef struct SchemeCache
{
	int			n;
	SchemeSources *last;
	SchemeSources *schemes[MAX_SCHEMES];
} SchemeCache;

/* Is the array datum d the same array as the varlena kept? */
static bool
SameArray(const struct varlena *kept, Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	if (VARATT_IS_EXTENDED(v))
		v = pg_detoast_datum_packed(v);
	return VARSIZE_ANY_EXHDR(v) == VARSIZE_ANY_EXHDR(kept) &&
		memcmp(VARDATA_ANY(v), VARDATA_ANY(kept), VARSIZE_ANY_EXHDR(kept)) == 0;
}

static bool
SameScheme(const SchemeSources *sc, Datum names_d, Datum weights_d, Datum mins_d, int32 trim)
{
	return sc->trim == trim && SameArray(sc->arrays[0], names_d) && SameArray(sc->arrays[1], weights_d) &&
		SameArray(sc->arrays[2], mins_d);
}

static SchemeSources *
ReadSchemeSources(FunctionCallInfo fcinfo, Datum names_d, Datum weights_d, Datum mins_d, int32 trim)
{
	SchemeCache *cache = (SchemeCache *) fcinfo->flinfo->fn_extra;
	SchemeSources *sc;
	MemoryContext old;
	ArrayType  *names_a,
			   *weights_a,
			   *mins_a;
	Datum	   *names,
			   *weights,
			   *mins;
	bool	   *nulls;
	int			n,
				nw,
				nm;

	if (cache != NULL && cache->last != NULL && SameScheme(cache->last, names_d, weights_d, mins_d, trim))
		return cache->last;
	if (cache != NULL)
		for (int k = 0; k < cache->n; k++)
			if (SameScheme(cache->schemes[k], names_d, weights_d, mins_d, trim))
				return cache->last = cache->schemes[k];
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(SchemeCache));
	if (cache->n == MAX_SCHEMES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: the sources, weights and minimum raters must be the same for every row"),
				 errdetail("More than %d different sets of sources came in one query.", MAX_SCHEMES),
				 errhint("Give them as constants or from a subquery, not from a column.")));
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	sc = palloc0(sizeof(SchemeSources));
	sc->arrays[0] = PG_DETOAST_DATUM_COPY(names_d);
	sc->arrays[1] = PG_DETOAST_DATUM_COPY(weights_d);
	sc->arrays[2] = PG_DETOAST_DATUM_COPY(mins_d);
	names_a = (ArrayType *) sc->arrays[0];
	weights_a = (ArrayType *) sc->arrays[1];
	mins_a = (ArrayType *) sc->arrays[2];
	MemoryContextSwitchTo(old);
	deconstruct_array(names_a, TEXTOID, -1, false, TYPALIGN_INT, &names, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("multi_source_score: the names of the sources must not be NULL")));
	deconstruct_array(weights_a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &weights, &nulls, &nw);
	for (int i = 0; i < nw; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("multi_source_score: the weights of the sources must not be NULL")));
	deconstruct_array(mins_a, INT4OID, 4, true, TYPALIGN_INT, &mins, &nulls, &nm);
	for (int i = 0; i < nm; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("multi_source_score: the minimum raters of the sources must not be NULL")));
	if (nw != n || nm != n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("multi_source_score: %d sources but %d weights and %d minimums", n, nw, nm)));
	if (n > MAX_SOURCES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("multi_source_score: more than %d sources", MAX_SOURCES)));
	CheckedTrim(trim, "multi_source_score");
	for (int i = 0; i < n; i++)
	{
		text	   *t = DatumGetTextPP(names[i]);

		sc->namelens[i] = VARSIZE_ANY_EXHDR(t);
		if (sc->namelens[i] == 0 || sc->namelens[i] >= NAMEDATALEN)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("multi_source_score: a source is named by 1 to %d bytes", NAMEDATALEN - 1)));
		for (int j = 0; j < i; j++)
			if (sc->namelens[j] == sc->namelens[i] && memcmp(sc->names[j], VARDATA_ANY(t), sc->namelens[i]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("multi_source_score: source \"%s\" is given twice", sc->names[j])));
		sc->names[i] = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, text_to_cstring(t));
		sc->weights[i] = DatumGetFloat8(weights[i]);
		sc->mins[i] = DatumGetInt32(mins[i]);
		if (isnan(sc->weights[i]) || isinf(sc->weights[i]) || sc->weights[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("multi_source_score: the weight of source \"%s\" must be a finite number, zero or more",
							sc->names[i])));
		if (sc->mins[i] < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("multi_source_score: source \"%s\" needs at least one rater", sc->names[i])));
	}
	sc->n = n;
	sc->trim = trim;
	cache->schemes[cache->n++] = sc;
	return cache->last = sc;
}

/*
 * A group's state over a scheme: every source of the scheme in its order,
 * in two allocations (the accumulators; the extremes of all sources).  The
 * names are the scheme's, which live as long as the query.
 */
static MultiState *
NewSchemeState(FunctionCallInfo fcinfo, const SchemeSources *sc)
{
	MemoryContext aggcxt = AggContext(fcinfo);
	MultiState *st = MemoryContextAllocZero(aggcxt, offsetof(MultiState, sources) + sizeof(SourceAcc) * sc->n);
	double	   *extremes = sc->trim > 0 ? MemoryContextAlloc(aggcxt, sizeof(double) * 2 * sc->trim * sc->n) : NULL;

	st->cxt = aggcxt;
	st->scheme = sc;
	st->nsources = sc->n;
	for (int i = 0; i < sc->n; i++)
	{
		SourceAcc  *s = &st->sources[i];

		s->name = sc->names[i];
		s->namelen = sc->namelens[i];
		s->weight = sc->weights[i];
		s->min_raters = sc->mins[i];
		s->t.trim = sc->trim;
		if (sc->trim > 0)
		{
			s->t.low = extremes + 2 * sc->trim * i;
			s->t.high = s->t.low + sc->trim;
		}
	}
	return st;
}

/*
 * multi_source_score(source, score, sources, weights, min_raters,
 * trim_each): the same combination, the scheme's sources as arrays; a row
 * of a source not in them is an error.
 */
Datum
multi_source_scheme_transfn(PG_FUNCTION_ARGS)
{
	MultiState *st = PG_ARGISNULL(0) ? NULL : (MultiState *) PG_GETARG_POINTER(0);
	SchemeSources *sc;
	text	   *name;
	const char *nm;
	int32		len;
	int			i;
	SourceAcc  *s;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5) || PG_ARGISNULL(6))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("multi_source_score: source, sources, weights, minimum raters and trim must not be NULL")));
	sc = ReadSchemeSources(fcinfo, PG_GETARG_DATUM(3), PG_GETARG_DATUM(4), PG_GETARG_DATUM(5), PG_GETARG_INT32(6));
	if (st == NULL)
		st = NewSchemeState(fcinfo, sc);
	else if (st->scheme != sc)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: the sources, weights, minimum raters and trim must be the same for every row of a group")));
	name = PG_GETARG_TEXT_PP(1);
	nm = VARDATA_ANY(name);
	len = VARSIZE_ANY_EXHDR(name);
	for (i = 0; i < sc->n; i++)
		if (sc->namelens[i] == len && memcmp(sc->names[i], nm, len) == 0)
			break;
	if (i == sc->n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: \"%s\" is not one of the sources given", text_to_cstring(name))));
	Assert(i < st->nsources);
	s = &st->sources[i];		/* laid out in the scheme's order */
	if (!PG_ARGISNULL(2))
		TrimAdd(&s->t, CheckedScore(PG_GETARG_FLOAT8(2), "multi_source_score"));
	PG_RETURN_POINTER(st);
}

Datum
multi_source_combinefn(PG_FUNCTION_ARGS)
{
	MultiState *a = PG_ARGISNULL(0) ? NULL : (MultiState *) PG_GETARG_POINTER(0);
	MultiState *b = PG_ARGISNULL(1) ? NULL : (MultiState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		PG_RETURN_POINTER(a);
	if (a == NULL)
		a = NewMultiState(fcinfo);
	for (int i = 0; i < b->nsources; i++)
	{
		SourceAcc  *bs = &b->sources[i];
		SourceAcc  *as = FindSource(&a, bs->name, bs->namelen, bs->weight, bs->min_raters, bs->t.trim);

		TrimMerge(&as->t, &bs->t);
	}
	PG_RETURN_POINTER(a);
}

Datum
multi_source_serialfn(PG_FUNCTION_ARGS)
{
	MultiState *st = (MultiState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, st->nsources);
	for (int i = 0; i < st->nsources; i++)
	{
		SourceAcc  *s = &st->sources[i];

		pq_sendstring(&buf, s->name);
		pq_sendfloat8(&buf, s->weight);
		pq_sendint32(&buf, s->min_raters);
		pq_sendint32(&buf, s->t.trim);
		TrimSend(&buf, &s->t);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
multi_source_deserialfn(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	MultiState *st = NewMultiState(fcinfo);
	StringInfoData buf;
	int32		n;

	ReadBytea(&buf, b);
	n = pq_getmsgint(&buf, 4);
	if (n < 0 || n > MAX_SOURCES)
		elog(ERROR, "multi_source_score: corrupt partial state");
	for (int i = 0; i < n; i++)
	{
		const char *name = pq_getmsgstring(&buf);
		double		weight = pq_getmsgfloat8(&buf);
		int32		min_raters = pq_getmsgint(&buf, 4);
		int32		trim = pq_getmsgint(&buf, 4);
		SourceAcc  *s;

		if (trim < 0 || trim > MAX_TRIM)
			elog(ERROR, "multi_source_score: corrupt partial state");
		s = FindSource(&st, name, strlen(name), weight, min_raters, trim);
		TrimRecv(&buf, &s->t);
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(st);
}

/* Is the source used: enough raters, and something left after trimming? */
static bool
SourceUsed(const SourceAcc *s)
{
	return s->t.n >= s->min_raters && TrimLeft(&s->t) && s->weight > 0;
}

/*
 * The combination of n sources: the weighted mean of the trimmed means of
 * the sources used, their weights renormalised.  False when none is used.
 */
bool
CombinedScore(const SourceAcc *sources, int n, double *score)
{
	double		sum = 0,
				weights = 0;

	for (int i = 0; i < n; i++)
		if (SourceUsed(&sources[i]))
		{
			sum += sources[i].weight * TrimMean(&sources[i].t);
			weights += sources[i].weight;
		}
	if (weights == 0)
		return false;
	*score = sum / weights;
	return true;
}

/* The combined score; NULL when no source is used. */
Datum
multi_source_finalfn(PG_FUNCTION_ARGS)
{
	MultiState *st = PG_ARGISNULL(0) ? NULL : (MultiState *) PG_GETARG_POINTER(0);
	double		score;

	if (st == NULL || !CombinedScore(st->sources, st->nsources, &score))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score);
}

/* A number in JSON, in the shortest form that reads back the same. */
static void
AppendNumber(StringInfo out, double x)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, buf);
	appendStringInfoString(out, buf);
}

/*
 * The working as JSON: each source (by name) with its raters, its mean,
 * whether it was used or insufficient, its weight and its share after
 * renormalisation; and the combined score.
 */
Datum
multi_source_detailfn(PG_FUNCTION_ARGS)
{
	MultiState *st = PG_ARGISNULL(0) ? NULL : (MultiState *) PG_GETARG_POINTER(0);
	StringInfoData out;
	double		sum = 0,
				weights = 0;
	int			order[MAX_SOURCES];

	if (st == NULL)
		PG_RETURN_NULL();
	for (int i = 0; i < st->nsources; i++)
	{
		int			j = i;

		/* sources by name, whatever order the rows came in */
		while (j > 0 && strcmp(st->sources[order[j - 1]].name, st->sources[i].name) > 0)
		{
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
		if (SourceUsed(&st->sources[i]))
		{
			sum += st->sources[i].weight * TrimMean(&st->sources[i].t);
			weights += st->sources[i].weight;
		}
	}
	initStringInfo(&out);
	appendStringInfoString(&out, "{\"sources\": [");
	for (int k = 0; k < st->nsources; k++)
	{
		const SourceAcc *s = &st->sources[order[k]];
		bool		used = SourceUsed(s) && weights > 0;

		if (k > 0)
			appendStringInfoString(&out, ", ");
		appendStringInfoString(&out, "{\"source\": ");
		escape_json(&out, s->name);
		appendStringInfo(&out, ", \"raters\": " INT64_FORMAT ", \"min_raters\": %d, \"trimmed_each_end\": %d, \"weight\": ",
						 s->t.n, s->min_raters, s->t.trim);
		AppendNumber(&out, s->weight);
		appendStringInfoString(&out, ", \"mean\": ");
		if (TrimLeft(&s->t))
			AppendNumber(&out, TrimMean(&s->t));
		else
			appendStringInfoString(&out, "null");
		if (used)
		{
			appendStringInfoString(&out, ", \"status\": \"used\", \"share\": ");
			AppendNumber(&out, s->weight / weights);
			appendStringInfoChar(&out, '}');
		}
		else
			appendStringInfo(&out, ", \"status\": \"%s\", \"share\": 0}",
							 s->weight == 0 ? "weight zero" : "insufficient");
	}
	appendStringInfoString(&out, "], \"score\": ");
	if (weights > 0)
		AppendNumber(&out, sum / weights);
	else
		appendStringInfoString(&out, "null");
	appendStringInfoChar(&out, '}');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
}
