/*
 * grading.c
 *		compute_grades(period_id): the grades of a period's cohort (P1, P3;
 *		rules.md §1): each person's score, the grade by the cut-offs, the
 *		caps that limit it, and the excellent quota across the cohort, with
 *		the candidates tied across its last place flagged, never split.
 *
 * Engine floor: it reads the extension's tables through SPI, as the caller
 * (row-level security applies) and for the current tenant, and combines
 * scores with the accumulators of scoring_agg.c, so a score is the one
 * multi_source_score() gives.  What a query would spend on joins, a wide
 * sort and five windows is done here over one array in person order:
 *   1. the subjects, in person order (their key's index);
 *   2. their own scores: for a scheme whose sources are all raters, the
 *      evaluations stream in person order from their key's index straight
 *      into the accumulators, one person at a time, in chunks of persons
 *      that parallel workers share with the leader when a parallel query
 *      would have them (max_parallel_workers_per_gather) and the cohort
 *      is large; any other scheme goes through multi_source_score() over
 *      assessment_input(_normalised);
 *   3. the year's finalised quarterly scores, and the caps of grade_caps();
 *   4. the cut-offs, the heaviest cap, and the quota: one sort of the
 *      scores at the scheme's digits, as numeric round() gives them.
 * Each query's rows come in person order and are merged into the array as
 * they arrive; nothing is materialised twice.  The array and the sort's
 * (about 150 bytes a subject at the peak) live for the call; the stream's
 * slots (17 bytes a subject, in dynamic shared memory with workers) only
 * until its scores are copied into the array.
 */
#include "postgres.h"

#include <math.h>

#include "access/parallel.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "port/atomics.h"
#include "storage/bufmgr.h"
#include "storage/shm_toc.h"
#include "storage/smgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/tuplestore.h"

#include "scoring.h"
#include "spi_rows.h"

PG_FUNCTION_INFO_V1(compute_grades);

/* The grades in the order of the enum grade: greatest() is the heaviest. */
enum
{
	G_EXCELLENT, G_COMPETENT, G_BASIC, G_INCOMPETENT, G_NO_GRADE, N_GRADES
};
static const char *const GradeLabels[N_GRADES] = {
	"excellent", "competent", "basically_competent", "incompetent", "no_grade"
};

/* Where a subject's own score comes from. */
typedef enum OwnSource
{
	OWN_NONE,					/* the scheme has no sources */
	OWN_EVALUATIONS,			/* raters only: the evaluations, streamed */
	OWN_INPUT,					/* every feed, through assessment_input */
	OWN_NORMALISED				/* the same, each rater normalised */
} OwnSource;

typedef enum QuotaRule
{
	QUOTA_NONE, QUOTA_TIE, QUOTA_OVER
} QuotaRule;

typedef struct Subject
{
	int64		person_id;
	int64		position_id;
	double		own;
	double		periodic;
	double		score;
	int64		key;			/* score at the scheme's digits x 10^digits */
	int32		rank;			/* among all scores, 0 when none */
	int32		cand_rank;		/* among the candidates, 0 when not one */
	int32		tied;			/* candidates with the same key */
	int32		caps;			/* index of its caps, or -1 */
	bool		has_position;
	bool		refused;
	bool		has_own;
	bool		has_periodic;
	bool		has_score;
	int8		base;			/* grade by the cut-offs, -1 without a score */
	int8		at_most;		/* the heaviest cap, -1 without one */
	int8		capped;			/* after the caps, -1 for none */
	int8		quota;			/* QuotaRule */
} Subject;

/* The caps of one person, as grade_caps() and compute_grades() name them. */
typedef struct Caps
{
	Datum	   *rules;			/* text */
	int			nrules;
	Datum		details;		/* jsonb */
} Caps;

typedef struct Grading
{
	MemoryContext cxt;
	const char *schema;
	Oid			schema_oid;
	int64		period_id;
	/* the period and its scheme */
	bool		annual;
	double		periodic_share;
	int			digits;
	double		cuts[3];		/* excellent, competent, basically competent */
	Datum		quota;			/* numeric */
	OwnSource	own_source;
	struct StreamSources *stream_sources;	/* a rater-only scheme's */
	/* the cohort, in person order */
	Subject    *subjects;
	int64		nsubjects;
	int64		allocated;
	Caps	   *caps;
	int			ncaps;
	int			caps_allocated;
	/* the query whose rows are being merged */
	int64		cursor;			/* first subject not passed */
	int64		last_person;
	bool		any_row;
} Grading;

/*
 * A rater-only scheme's sources, flat, so that parallel workers read them
 * from shared memory: names[] holds each name at its offset, NUL-ended.
 */
typedef struct StreamSources
{
	Size		size;			/* of the whole, names included */
	int			n;
	int32		trim;
	double		weights[MAX_SOURCES];
	int32		mins[MAX_SOURCES];
	int32		name_off[MAX_SOURCES];
	int32		name_len[MAX_SOURCES];
	char		names[FLEXIBLE_ARRAY_MEMBER];
} StreamSources;

/* Runs a read-only query, each row to fn, the rows in person order. */
static void
RunQuery(Grading *g, const char *sql, SpiRowFn fn)
{
	g->cursor = 0;
	g->any_row = false;
	SpiRunRows("compute_grades", sql, NULL, fn, g, NULL);
}

/* The subject of person (rows come in person order), or NULL. */
static Subject *
MergeSubject(Grading *g, int64 person)
{
	if (g->any_row && person <= g->last_person)
		elog(ERROR, "compute_grades: rows out of person order");
	g->any_row = true;
	g->last_person = person;
	while (g->cursor < g->nsubjects && g->subjects[g->cursor].person_id < person)
		g->cursor++;
	if (g->cursor < g->nsubjects && g->subjects[g->cursor].person_id == person)
		return &g->subjects[g->cursor];
	return NULL;
}

static int
GradeIndex(const char *label)
{
	for (int i = 0; i < N_GRADES; i++)
		if (strcmp(label, GradeLabels[i]) == 0)
			return i;
	elog(ERROR, "compute_grades: unknown grade \"%s\"", label);
	return -1;					/* keep the compiler quiet */
}

/* ---------------------------------------------------------------------
 * The period and its scheme.
 */
static bool
LoadPeriod(Grading *g)
{
	StringInfoData q;
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull,
				raters_only_null;
	bool		normalise,
				raters_only;
	Datum		d;
	MemoryContext old;

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT ap.kind = 'annual', sc.normalise_raters, sc.periodic_share, sc.score_digits, sc.trim_each,"
	/* a cut-off applies to the score at the scheme's digits, as the quota
	 * compares it: rounded half up, x reaches m exactly when x >= m - half
	 * a unit (the nearest float8 to that decimal) */
					 " (sc.excellent_min::numeric - 0.5 * 10::numeric ^ (-sc.score_digits))::float8,"
					 " (sc.competent_min::numeric - 0.5 * 10::numeric ^ (-sc.score_digits))::float8,"
					 " (sc.basic_min::numeric - 0.5 * 10::numeric ^ (-sc.score_digits))::float8,"
					 " coalesce(ap.excellent_quota, sc.excellent_quota),"
					 " so.codes, so.weights, so.mins, so.raters_only"
					 " FROM %s.assessment_period ap"
					 " JOIN %s.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id"
					 " CROSS JOIN LATERAL (SELECT array_agg(s.code ORDER BY s.code) AS codes,"
					 "   array_agg(s.weight ORDER BY s.code) AS weights, array_agg(s.min_raters ORDER BY s.code) AS mins,"
					 "   bool_and(s.feed = 'raters') AS raters_only"
					 "   FROM %s.scheme_source s WHERE s.tenant_id = sc.tenant_id AND s.scheme_id = sc.scheme_id) so"
					 " WHERE ap.tenant_id = %s.current_tenant() AND ap.period_id = " INT64_FORMAT,
					 g->schema, g->schema, g->schema, g->schema, g->period_id);
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "compute_grades: reading the period failed");
	if (SPI_processed == 0)
		return false;
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	g->annual = DatumGetBool(SPI_getbinval(tup, desc, 1, &isnull));
	normalise = DatumGetBool(SPI_getbinval(tup, desc, 2, &isnull));
	g->periodic_share = DatumGetFloat8(SPI_getbinval(tup, desc, 3, &isnull));
	g->digits = DatumGetInt32(SPI_getbinval(tup, desc, 4, &isnull));
	if (g->digits < 0 || g->digits > 6)
		elog(ERROR, "compute_grades: score_digits %d out of range", g->digits);
	for (int i = 0; i < 3; i++)
		g->cuts[i] = DatumGetFloat8(SPI_getbinval(tup, desc, 6 + i, &isnull));
	old = MemoryContextSwitchTo(g->cxt);
	g->quota = datumCopy(SPI_getbinval(tup, desc, 9, &isnull), false, -1);
	MemoryContextSwitchTo(old);
	raters_only = DatumGetBool(SPI_getbinval(tup, desc, 13, &raters_only_null));
	if (normalise)
		g->own_source = OWN_NORMALISED;
	else if (raters_only_null)
		g->own_source = OWN_NONE;
	else
		g->own_source = raters_only ? OWN_EVALUATIONS : OWN_INPUT;

	/* the sources, for streaming the evaluations */
	d = SPI_getbinval(tup, desc, 10, &isnull);
	if (!isnull && g->own_source == OWN_EVALUATIONS)
	{
		Datum	   *codes,
				   *weights,
				   *mins;
		int			n,
					nw,
					nm;
		int32		trim = CheckedTrim(DatumGetInt32(SPI_getbinval(tup, desc, 5, &isnull)), "multi_source_score");
		StreamSources *src;
		Size		size;
		int32		off = 0;

		old = MemoryContextSwitchTo(g->cxt);
		deconstruct_array(DatumGetArrayTypePCopy(d), TEXTOID, -1, false, TYPALIGN_INT, &codes, NULL, &n);
		deconstruct_array(DatumGetArrayTypePCopy(SPI_getbinval(tup, desc, 11, &isnull)),
						  FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &weights, NULL, &nw);
		deconstruct_array(DatumGetArrayTypePCopy(SPI_getbinval(tup, desc, 12, &isnull)),
						  INT4OID, 4, true, TYPALIGN_INT, &mins, NULL, &nm);
		if (n > MAX_SOURCES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("multi_source_score: more than %d sources", MAX_SOURCES)));
		size = offsetof(StreamSources, names);
		for (int i = 0; i < n; i++)
			size += VARSIZE_ANY_EXHDR(DatumGetPointer(codes[i])) + 1;
		src = palloc0(size);
		src->size = size;
		src->n = n;
		src->trim = trim;
		for (int i = 0; i < n; i++)
		{
			text	   *code = DatumGetTextPP(codes[i]);

			src->weights[i] = DatumGetFloat8(weights[i]);
			src->mins[i] = DatumGetInt32(mins[i]);
			src->name_off[i] = off;
			src->name_len[i] = VARSIZE_ANY_EXHDR(code);
			memcpy(src->names + off, VARDATA_ANY(code), src->name_len[i]);
			off += src->name_len[i] + 1;
		}
		g->stream_sources = src;
		MemoryContextSwitchTo(old);
	}
	SPI_freetuptable(SPI_tuptable);
	return true;
}

/* ---------------------------------------------------------------------
 * The cohort.
 */
static void
SubjectRow(TupleTableSlot *slot, void *arg)
{
	Grading    *g = arg;
	Subject    *s;
	int64		person = DatumGetInt64(slot->tts_values[0]);

	if (g->any_row && person <= g->last_person)
		elog(ERROR, "compute_grades: subjects out of person order");
	g->any_row = true;
	g->last_person = person;
	if (g->nsubjects == g->allocated)
	{
		g->allocated *= 2;
		g->subjects = repalloc_huge(g->subjects, sizeof(Subject) * g->allocated);
	}
	s = &g->subjects[g->nsubjects++];
	memset(s, 0, sizeof(Subject));
	s->person_id = person;
	s->has_position = !slot->tts_isnull[1];
	if (s->has_position)
		s->position_id = DatumGetInt64(slot->tts_values[1]);
	s->refused = DatumGetBool(slot->tts_values[2]);
	s->caps = -1;
	s->at_most = -1;
}

static void
LoadSubjects(Grading *g)
{
	char	   *q = psprintf("SELECT s.person_id, s.position_id, s.refused FROM %s.assessment_subject s"
							 " WHERE s.tenant_id = %s.current_tenant() AND s.period_id = " INT64_FORMAT
							 " ORDER BY s.person_id",
							 g->schema, g->schema, g->period_id);

	g->allocated = 1024;
	g->subjects = MemoryContextAllocExtended(g->cxt, sizeof(Subject) * g->allocated, MCXT_ALLOC_HUGE);
	RunQuery(g, q, SubjectRow);
}

/* ---------------------------------------------------------------------
 * The stream of evaluations (a rater-only scheme).
 *
 * The subjects are cut into chunks of consecutive persons; each chunk's
 * evaluations come in person order from the key's index straight into the
 * accumulators, one person at a time, and each person's score lands in the
 * slot of their subject: arrays of the subjects' ids (ascending), scores
 * and flags, which parallel workers fill in shared memory.  A chunk's
 * query bounds its persons by the first of its own and the first of the
 * next, so every evaluation is read once, by one chunk.
 */
typedef struct Stream
{
	const int64 *persons;		/* the chunk's subjects, ascending */
	double	   *own;
	bool	   *has_own;
	int64		n;
	int64		cursor;			/* first subject not passed */
	bool		in_person;		/* a person open */
	int64		person;
	int			last_source;	/* where the last evaluation went */
	int			nsources;
	SourceAcc	sources[MAX_SOURCES];
} Stream;

/* A person's own score, once all their evaluations are in. */
static void
EndPerson(Stream *st)
{
	while (st->cursor < st->n && st->persons[st->cursor] < st->person)
		st->cursor++;
	if (st->cursor < st->n && st->persons[st->cursor] == st->person)
		st->has_own[st->cursor] = CombinedScore(st->sources, st->nsources, &st->own[st->cursor]);
	st->in_person = false;
}

/* An evaluation (person, source, score), in person order. */
static void
EvaluationRow(TupleTableSlot *slot, void *arg)
{
	Stream	   *st = arg;
	int64		person = DatumGetInt64(slot->tts_values[0]);
	text	   *name;
	const char *nm;
	int32		len;
	int			i;

	if (!st->in_person || person != st->person)
	{
		if (st->in_person)
		{
			if (person < st->person)
				elog(ERROR, "compute_grades: evaluations out of person order");
			EndPerson(st);
		}
		for (i = 0; i < st->nsources; i++)
			TrimReset(&st->sources[i].t);
		st->person = person;
		st->in_person = true;
	}
	name = (text *) DatumGetPointer(slot->tts_values[1]);
	if (VARATT_IS_COMPRESSED(name) || VARATT_IS_EXTERNAL(name))
		name = pg_detoast_datum_packed(name);
	nm = VARDATA_ANY(name);
	len = VARSIZE_ANY_EXHDR(name);
	/* a person's rows come source by source: try the last one first */
	i = st->last_source;
	if (i >= st->nsources || st->sources[i].namelen != len || memcmp(st->sources[i].name, nm, len) != 0)
	{
		for (i = 0; i < st->nsources; i++)
			if (st->sources[i].namelen == len && memcmp(st->sources[i].name, nm, len) == 0)
				break;
		st->last_source = i;
	}
	if (i == st->nsources)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("multi_source_score: \"%s\" is not one of the sources given", text_to_cstring(name))));
	if (!slot->tts_isnull[2])
		TrimAdd(&st->sources[i].t, CheckedScore(DatumGetFloat8(slot->tts_values[2]), "multi_source_score"));
}

/* Streams the evaluations of the subjects [start, end) of the n given. */
static void
StreamRange(const char *schema, int64 period_id, const StreamSources *src,
			const int64 *persons, double *own, bool *has_own, int64 n, int64 start, int64 end)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext, "compute_grades stream", ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	StringInfoData q;
	Stream		st;

	memset(&st, 0, sizeof(st));
	st.nsources = src->n;
	for (int i = 0; i < src->n; i++)
	{
		SourceAcc  *s = &st.sources[i];

		s->name = (char *) src->names + src->name_off[i];
		s->namelen = src->name_len[i];
		s->weight = src->weights[i];
		s->min_raters = src->mins[i];
		TrimInit(&s->t, src->trim, cxt);
	}
	st.persons = persons + start;
	st.own = own + start;
	st.has_own = has_own + start;
	st.n = end - start;
	initStringInfo(&q);
	/* rater_id is selected, not only sorted by: no junk column to filter */
	appendStringInfo(&q, "SELECT e.person_id, e.source, e.score, e.rater_id FROM %s.evaluation e"
					 " WHERE e.tenant_id = %s.current_tenant() AND e.period_id = " INT64_FORMAT,
					 schema, schema, period_id);
	if (start > 0)
		appendStringInfo(&q, " AND e.person_id >= " INT64_FORMAT, persons[start]);
	if (end < n)
		appendStringInfo(&q, " AND e.person_id < " INT64_FORMAT, persons[end]);
	appendStringInfoString(&q, " ORDER BY e.person_id, e.source, e.rater_id");
	SpiRunRows("compute_grades", q.data, NULL, EvaluationRow, &st, NULL);
	if (st.in_person)
		EndPerson(&st);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
}

/*
 * With parallel workers, the leader and the workers take the chunks in
 * turn (an atomic counter); the leader first reads the caps while the
 * workers stream.
 */
#define GRADING_KEY_SHARED		UINT64CONST(0xE000000000000001)
#define GRADING_KEY_SOURCES		UINT64CONST(0xE000000000000002)
#define GRADING_KEY_PERSONS		UINT64CONST(0xE000000000000003)
#define GRADING_KEY_OWN			UINT64CONST(0xE000000000000004)
#define GRADING_KEY_HAS_OWN		UINT64CONST(0xE000000000000005)
/*
 * Below this many subjects, starting the workers costs more than they save
 * (with 20 evaluations a subject, on 2 vCPUs: 0.6x at 20,000, 1.02x at
 * 40,000, 1.28x at 80,000).
 */
#define MIN_PARALLEL_SUBJECTS	50000
#define CHUNKS_PER_PROCESS		4

typedef struct GradingShared
{
	Oid			schema_oid;
	int64		period_id;
	int64		nsubjects;
	uint32		nchunks;
	pg_atomic_uint32 next_chunk;
	char		schema[2 * NAMEDATALEN + 3];	/* quoted */
} GradingShared;

/*
 * The pages of the evaluations' visibility map, held pinned while a
 * process streams.  An index-only scan pins the map page of each row's
 * heap block and lets it go when the next row's is on another page; while
 * the process holds a pin of its own, those pins are counted privately and
 * the shared buffer headers are left alone, which two processes streaming
 * at once would otherwise fight over on every switch.
 */
#define MAX_MAP_PINS 64

typedef struct MapPins
{
	Relation	rel;
	int			n;
	Buffer		bufs[MAX_MAP_PINS];
} MapPins;

static void
PinMap(MapPins *p, Oid schema_oid)
{
	Oid			relid = get_relname_relid("evaluation", schema_oid);
	SMgrRelation smgr;
	BlockNumber nblocks;
	/* a small share of the buffers at most, however many processes pin */
	int			most = Min(MAX_MAP_PINS, NBuffers / (4 * MaxBackends));

	if (!OidIsValid(relid) || (p->rel = try_table_open(relid, AccessShareLock)) == NULL)
		return;
	smgr = RelationGetSmgr(p->rel);
	if (!smgrexists(smgr, VISIBILITYMAP_FORKNUM))
		return;
	nblocks = Min(smgrnblocks(smgr, VISIBILITYMAP_FORKNUM), (BlockNumber) Max(most, 0));
	for (BlockNumber b = 0; b < nblocks; b++)
		p->bufs[p->n++] = ReadBufferExtended(p->rel, VISIBILITYMAP_FORKNUM, b, RBM_ZERO_ON_ERROR, NULL);
}

/* The lock stays until the transaction ends, as the queries' own does. */
static void
UnpinMap(MapPins *p)
{
	for (int i = 0; i < p->n; i++)
		ReleaseBuffer(p->bufs[i]);
	if (p->rel != NULL)
		table_close(p->rel, NoLock);
}

static void
StreamChunks(GradingShared *sh, const StreamSources *src, const int64 *persons, double *own, bool *has_own)
{
	MapPins		pins;

	pins.n = 0;
	pins.rel = NULL;
	if (sh->nchunks > 1)		/* in parallel: see PinMap() */
		PinMap(&pins, sh->schema_oid);
	for (;;)
	{
		uint32		k = pg_atomic_fetch_add_u32(&sh->next_chunk, 1);

		if (k >= sh->nchunks)
			break;
		CHECK_FOR_INTERRUPTS();
		StreamRange(sh->schema, sh->period_id, src, persons, own, has_own, sh->nsubjects,
					sh->nsubjects * k / sh->nchunks, sh->nsubjects * (k + 1) / sh->nchunks);
	}
	UnpinMap(&pins);
}

/* A parallel worker's part: chunks, until none is left. */
PGDLLEXPORT void grading_worker(dsm_segment *seg, shm_toc *toc);

void
grading_worker(dsm_segment *seg, shm_toc *toc)
{
	GradingShared *sh = shm_toc_lookup(toc, GRADING_KEY_SHARED, false);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	StreamChunks(sh, shm_toc_lookup(toc, GRADING_KEY_SOURCES, false), shm_toc_lookup(toc, GRADING_KEY_PERSONS, false),
				 shm_toc_lookup(toc, GRADING_KEY_OWN, false), shm_toc_lookup(toc, GRADING_KEY_HAS_OWN, false));
	SPI_finish();
}

static void LoadCaps(Grading *g);

/*
 * How many workers stream the evaluations: as many as a parallel query
 * would take, for a rater-only scheme and a cohort large enough (any
 * cohort under force_parallel_mode, for tests); none within a worker.
 */
static int
StreamWorkers(Grading *g)
{
	if (g->own_source != OWN_EVALUATIONS || IsParallelWorker() || max_parallel_workers_per_gather <= 0 ||
		g->nsubjects == 0 ||
		(g->nsubjects < MIN_PARALLEL_SUBJECTS && force_parallel_mode == FORCE_PARALLEL_OFF))
		return 0;
	return max_parallel_workers_per_gather;
}

/*
 * The evaluations, streamed; with workers, also the caps, which the leader
 * reads while they stream.  The leader's own queries then run without
 * workers of their own: they would compete.
 */
static void
StreamEvaluations(Grading *g, int nworkers)
{
	int64		n = g->nsubjects;
	const StreamSources *src = g->stream_sources;
	ParallelContext *pcxt = NULL;
	GradingShared *sh;
	StreamSources *shsrc;
	int64	   *persons;
	double	   *own;
	bool	   *has_own;
	int			guc_level = 0;

	if (nworkers > 0)
	{
		guc_level = NewGUCNestLevel();
		(void) set_config_option("max_parallel_workers_per_gather", "0", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		EnterParallelMode();
		pcxt = CreateParallelContext("responsibility", "grading_worker", nworkers);
		shm_toc_estimate_chunk(&pcxt->estimator, sizeof(GradingShared));
		shm_toc_estimate_chunk(&pcxt->estimator, src->size);
		shm_toc_estimate_chunk(&pcxt->estimator, sizeof(int64) * n);
		shm_toc_estimate_chunk(&pcxt->estimator, sizeof(double) * n);
		shm_toc_estimate_chunk(&pcxt->estimator, sizeof(bool) * n);
		shm_toc_estimate_keys(&pcxt->estimator, 5);
		InitializeParallelDSM(pcxt);
		sh = shm_toc_allocate(pcxt->toc, sizeof(GradingShared));
		shsrc = shm_toc_allocate(pcxt->toc, src->size);
		persons = shm_toc_allocate(pcxt->toc, sizeof(int64) * n);
		own = shm_toc_allocate(pcxt->toc, sizeof(double) * n);
		has_own = shm_toc_allocate(pcxt->toc, sizeof(bool) * n);
		shm_toc_insert(pcxt->toc, GRADING_KEY_SHARED, sh);
		shm_toc_insert(pcxt->toc, GRADING_KEY_SOURCES, shsrc);
		shm_toc_insert(pcxt->toc, GRADING_KEY_PERSONS, persons);
		shm_toc_insert(pcxt->toc, GRADING_KEY_OWN, own);
		shm_toc_insert(pcxt->toc, GRADING_KEY_HAS_OWN, has_own);
		memcpy(shsrc, src, src->size);
		src = shsrc;
	}
	else
	{
		sh = palloc0(sizeof(GradingShared));
		persons = MemoryContextAllocExtended(g->cxt, sizeof(int64) * Max(n, 1), MCXT_ALLOC_HUGE);
		own = MemoryContextAllocExtended(g->cxt, sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
		has_own = MemoryContextAllocExtended(g->cxt, sizeof(bool) * Max(n, 1), MCXT_ALLOC_HUGE);
	}
	sh->schema_oid = g->schema_oid;
	sh->period_id = g->period_id;
	strlcpy(sh->schema, g->schema, sizeof(sh->schema));
	sh->nsubjects = n;
	/* never more chunks than subjects: each chunk has its own first one */
	sh->nchunks = nworkers > 0 ? (uint32) Min(CHUNKS_PER_PROCESS * (nworkers + 1), n) : 1;
	pg_atomic_init_u32(&sh->next_chunk, 0);
	for (int64 i = 0; i < n; i++)
	{
		persons[i] = g->subjects[i].person_id;
		has_own[i] = false;
	}
	if (pcxt != NULL)
	{
		LaunchParallelWorkers(pcxt);
		elog(DEBUG1, "compute_grades: %d of %d workers launched to stream %u chunks",
			 pcxt->nworkers_launched, nworkers, sh->nchunks);
		/*
		 * In parallel mode: what this query calls must not write, advance
		 * the command counter, open a subtransaction or set a parameter but
		 * by a function's SET clause (grade_caps() and the tenant's policy
		 * are STABLE and read only; test/pgtap/grading.sql finalises a
		 * period, which computes grades in a trigger, with workers).
		 */
		LoadCaps(g);
		/* without the leader when it is told to stay out and has help */
		if (parallel_leader_participation || pcxt->nworkers_launched == 0)
			StreamChunks(sh, src, persons, own, has_own);
		/* a worker that failed to start is an error here, not a lost chunk */
		WaitForParallelWorkersToFinish(pcxt);
	}
	else
		StreamChunks(sh, src, persons, own, has_own);
	for (int64 i = 0; i < n; i++)
	{
		g->subjects[i].has_own = has_own[i];
		g->subjects[i].own = own[i];
	}
	if (pcxt != NULL)
	{
		DestroyParallelContext(pcxt);
		ExitParallelMode();
		AtEOXact_GUC(true, guc_level);
	}
	else
	{
		pfree(sh);
		pfree(persons);
		pfree(own);
		pfree(has_own);
	}
}

/* A score by person from a query that aggregates (own or periodic). */
static void
OwnRow(TupleTableSlot *slot, void *arg)
{
	Grading    *g = arg;
	Subject    *s = MergeSubject(g, DatumGetInt64(slot->tts_values[0]));

	if (s != NULL && !slot->tts_isnull[1])
	{
		s->has_own = true;
		s->own = DatumGetFloat8(slot->tts_values[1]);
	}
}

static void
PeriodicRow(TupleTableSlot *slot, void *arg)
{
	Grading    *g = arg;
	Subject    *s = MergeSubject(g, DatumGetInt64(slot->tts_values[0]));

	if (s != NULL && !slot->tts_isnull[1])
	{
		s->has_periodic = true;
		/* results are finite unless loaded without their checks */
		s->periodic = CheckedScore(DatumGetFloat8(slot->tts_values[1]), "compute_grades");
	}
}

static void
LoadScores(Grading *g, int nworkers)
{
	char	   *q = NULL;

	switch (g->own_source)
	{
		case OWN_NONE:
			break;
		case OWN_EVALUATIONS:
			StreamEvaluations(g, nworkers);
			break;
		case OWN_INPUT:
		case OWN_NORMALISED:
			/* each person's scores in a fixed order, so that their sums are */
			q = psprintf("SELECT i.person_id, %s.multi_source_score(i.source, i.score, i.weight, i.min_raters, i.trim_each"
						 " ORDER BY i.source, i.origin, i.rater)"
						 " FROM %s.%s i WHERE i.tenant_id = %s.current_tenant() AND i.period_id = " INT64_FORMAT
						 " GROUP BY i.person_id ORDER BY i.person_id",
						 g->schema, g->schema,
						 g->own_source == OWN_INPUT ? "assessment_input" : "assessment_input_normalised",
						 g->schema, g->period_id);
			RunQuery(g, q, OwnRow);
			break;
	}
	/* the mean of the year's finalised quarterly scores */
	if (g->annual && g->periodic_share > 0)
	{
		q = psprintf("SELECT r.person_id, avg(r.score ORDER BY q.span)"
					 " FROM %s.assessment_period ap"
					 " JOIN %s.assessment_period q ON q.tenant_id = ap.tenant_id AND q.kind = 'quarterly' AND q.finalised"
					 "  AND q.span <@ ap.span"
					 " JOIN %s.assessment_result r ON r.tenant_id = q.tenant_id AND r.period_id = q.period_id"
					 " WHERE ap.tenant_id = %s.current_tenant() AND ap.period_id = " INT64_FORMAT " AND r.score IS NOT NULL"
					 " GROUP BY r.person_id ORDER BY r.person_id",
					 g->schema, g->schema, g->schema, g->schema, g->period_id);
		RunQuery(g, q, PeriodicRow);
	}
}

/* A person's caps: the heaviest, the rules by name, and their details. */
static void
CapsRow(TupleTableSlot *slot, void *arg)
{
	Grading    *g = arg;
	Subject    *s = MergeSubject(g, DatumGetInt64(slot->tts_values[0]));
	MemoryContext old;
	Caps	   *c;

	if (s == NULL)
		return;
	if (g->ncaps == g->caps_allocated)
	{
		g->caps_allocated *= 2;
		g->caps = repalloc_huge(g->caps, sizeof(Caps) * g->caps_allocated);
	}
	old = MemoryContextSwitchTo(g->cxt);
	c = &g->caps[g->ncaps];
	s->caps = g->ncaps++;
	s->at_most = GradeIndex(TextDatumGetCString(slot->tts_values[1]));
	deconstruct_array(DatumGetArrayTypePCopy(slot->tts_values[2]), TEXTOID, -1, false, TYPALIGN_INT,
					  &c->rules, NULL, &c->nrules);
	c->details = datumCopy(slot->tts_values[3], false, -1);
	MemoryContextSwitchTo(old);
}

static void
LoadCaps(Grading *g)
{
	char	   *q = psprintf("SELECT c.person_id, max(c.at_most)::text,"
							 " array_agg(c.rule ORDER BY c.at_most DESC, c.rule),"
							 " jsonb_agg(jsonb_build_object('rule', c.rule, 'at_most', c.at_most, 'detail', c.detail,"
							 "   'label_en', l.label_en, 'label_zh', l.label_zh) ORDER BY c.at_most DESC, c.rule, c.detail)"
							 " FROM %s.grade_caps(" INT64_FORMAT ") c"
							 " LEFT JOIN %s.label l ON l.domain = 'grade_cap' AND l.code = c.rule"
							 " GROUP BY c.person_id ORDER BY c.person_id",
							 g->schema, g->period_id, g->schema);

	g->caps_allocated = 64;
	g->caps = MemoryContextAlloc(g->cxt, sizeof(Caps) * g->caps_allocated);
	RunQuery(g, q, CapsRow);
}

/* ---------------------------------------------------------------------
 * Grades and the quota.
 */

/*
 * The score at the scheme's digits, times 10^digits, as numeric round()
 * gives it from the float8: x read at 15 significant digits (what
 * float8::numeric keeps), halves away from zero.  Far from a half the
 * double product rounds the same; near one, the decimal digits decide.
 */
static int64
RoundedKey(double x, int digits)
{
	static const double pow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
	double		a = fabs(x);
	double		y = a * pow10[digits];
	int64		k;
	char		buf[32];
	const char *p;
	int64		m = 0;
	int			shift;

	if (a >= 1e12)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("compute_grades: score %g is too large to rank", x),
				 errdetail("Scores are ranked when they are below 10^12 in absolute value.")));
	if (y < 1e7)
	{
		double		f = floor(y);
		double		frac = y - f;

		if (fabs(frac - 0.5) > 1e-6)
		{
			k = (int64) f + (frac > 0.5 ? 1 : 0);
			return x < 0 ? -k : k;
		}
	}
	snprintf(buf, sizeof(buf), "%.14e", a);
	for (p = buf; *p != '\0' && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			m = m * 10 + (*p - '0');
	shift = (*p == 'e' ? atoi(p + 1) : 0) - 14 + digits;
	if (shift >= 0)
	{
		k = m;
		while (shift-- > 0)
			k *= 10;
	}
	else if (shift < -18)
		k = 0;
	else
	{
		int64		div = 1;

		while (shift++ < 0)
			div *= 10;
		k = m / div + ((m % div) * 2 >= div ? 1 : 0);
	}
	return x < 0 ? -k : k;
}

/* A scored subject to sort: best key first, equal keys in person order. */
typedef struct Ranked
{
	int64		key;
	int64		person_id;
	Subject    *s;
} Ranked;

static inline int
RankedCmp(const Ranked *a, const Ranked *b)
{
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return a->person_id < b->person_id ? -1 : a->person_id > b->person_id;
}

#define ST_SORT sort_ranked
#define ST_ELEMENT_TYPE Ranked
#define ST_COMPARE(a, b) RankedCmp(a, b)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * Best key first, equal keys in person order (the order they came in).
 * Keys are scores at a few digits, so they usually span a narrow range:
 * then a counting sort, which keeps that order; else a comparison sort.
 */
static void
SortRanked(Grading *g, Ranked **ranked, int64 n)
{
	Ranked	   *in = *ranked;
	Ranked	   *out;
	int64		kmin,
				kmax;
	uint64		range;
	int64	   *start;

	if (n < 2)
		return;
	kmin = kmax = in[0].key;
	for (int64 i = 1; i < n; i++)
	{
		kmin = Min(kmin, in[i].key);
		kmax = Max(kmax, in[i].key);
	}
	range = (uint64) kmax - (uint64) kmin + 1;
	if (range > (uint64) n * 4 + 1024)
	{
		sort_ranked(in, n);
		return;
	}
	start = MemoryContextAllocExtended(g->cxt, sizeof(int64) * (range + 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (int64 i = 0; i < n; i++)
		start[kmax - in[i].key + 1]++;
	for (uint64 k = 1; k <= range; k++)
		start[k] += start[k - 1];
	out = MemoryContextAllocExtended(g->cxt, sizeof(Ranked) * n, MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < n; i++)
		out[start[kmax - in[i].key]++] = in[i];
	pfree(start);
	pfree(in);
	*ranked = out;
}

/* floor(quota * graded + 1e-9), in numeric as the quota is */
static int32
Places(Datum quota, int64 graded)
{
	Datum		n = DirectFunctionCall1(int8_numeric, Int64GetDatum(graded));
	Datum		eps = DirectFunctionCall3(numeric_in, CStringGetDatum("1e-9"), ObjectIdGetDatum(InvalidOid),
										  Int32GetDatum(-1));
	Datum		x = DirectFunctionCall2(numeric_add, DirectFunctionCall2(numeric_mul, quota, n), eps);

	return DatumGetInt32(DirectFunctionCall1(numeric_int4, DirectFunctionCall1(numeric_floor, x)));
}

/*
 * Grades every subject, then places the candidates against the quota;
 * returns the cohort's counts.
 */
static void
Grade(Grading *g, int32 *candidates, int32 *places, int32 *graded)
{
	Ranked	   *ranked = MemoryContextAllocExtended(g->cxt, sizeof(Ranked) * Max(g->nsubjects, 1), MCXT_ALLOC_HUGE);
	int64		nscored = 0,
				ngraded = 0,
				ncand = 0,
				before = 0;

	for (int64 i = 0; i < g->nsubjects; i++)
	{
		Subject    *s = &g->subjects[i];

		if (s->has_own && s->has_periodic)
			s->score = (1 - g->periodic_share) * s->own + g->periodic_share * s->periodic;
		else if (s->has_own || s->has_periodic)
			s->score = s->has_own ? s->own : s->periodic;
		s->has_score = s->has_own || s->has_periodic;
		s->base = -1;
		if (s->has_score)
		{
			s->base = s->score >= g->cuts[0] ? G_EXCELLENT :
				s->score >= g->cuts[1] ? G_COMPETENT :
				s->score >= g->cuts[2] ? G_BASIC : G_INCOMPETENT;
			s->key = RoundedKey(s->score, g->digits);
			ranked[nscored].key = s->key;
			ranked[nscored].person_id = s->person_id;
			ranked[nscored++].s = s;
		}
		/* no score and not refused: no grade, for too few raters */
		if (!s->has_score && !s->refused)
			s->capped = G_NO_GRADE;
		else
			s->capped = Max(s->base, s->at_most);
		if (s->capped == G_EXCELLENT)
			ncand++;
		if (s->capped >= 0 && s->capped != G_NO_GRADE)
			ngraded++;
	}
	SortRanked(g, &ranked, nscored);
	*places = Places(g->quota, ngraded);
	/* each group of equal keys: its rank, and its candidates' place */
	for (int64 i = 0; i < nscored;)
	{
		int64		j = i;
		int32		cand_in_group = 0;

		for (; j < nscored && ranked[j].key == ranked[i].key; j++)
			if (ranked[j].s->capped == G_EXCELLENT)
				cand_in_group++;
		for (int64 k = i; k < j; k++)
		{
			Subject    *s = ranked[k].s;

			s->rank = (int32) (i + 1);
			if (s->capped == G_EXCELLENT)
			{
				s->cand_rank = (int32) (before + 1);
				s->tied = cand_in_group;
				if (s->cand_rank + s->tied - 1 <= *places)
					s->quota = QUOTA_NONE;
				else
					s->quota = s->cand_rank <= *places ? QUOTA_TIE : QUOTA_OVER;
			}
		}
		before += cand_in_group;
		i = j;
	}
	pfree(ranked);
	*candidates = (int32) ncand;
	*graded = (int32) ngraded;
}

/* ---------------------------------------------------------------------
 * The rows.
 */
/* One row a subject, in person order. */
static void
EmitRows(Grading *g, ReturnSetInfo *rsinfo, int32 candidates, int32 places, int32 graded)
{
	TupleDesc	desc = rsinfo->setDesc;
	Oid			grade_type = TupleDescAttr(desc, 6)->atttypid;
	Datum		grades[N_GRADES];
	Datum		rule_quota_tie = CStringGetTextDatum("quota_tie");
	Datum		rule_over_quota = CStringGetTextDatum("over_quota");
	Datum		rule_insufficient = CStringGetTextDatum("insufficient_sources");
	Datum		no_rules = PointerGetDatum(construct_empty_array(TEXTOID));
	Datum		only_quota_tie = PointerGetDatum(construct_array(&rule_quota_tie, 1, TEXTOID, -1, false, TYPALIGN_INT));
	Datum		only_over_quota = PointerGetDatum(construct_array(&rule_over_quota, 1, TEXTOID, -1, false, TYPALIGN_INT));
	Datum		only_insufficient = PointerGetDatum(construct_array(&rule_insufficient, 1, TEXTOID, -1, false, TYPALIGN_INT));
	MemoryContext rowcxt = AllocSetContextCreate(g->cxt, "compute_grades row", ALLOCSET_SMALL_SIZES);
	Datum		values[16];
	bool		nulls[16];

	for (int i = 0; i < N_GRADES; i++)
		grades[i] = DirectFunctionCall2(enum_in, CStringGetDatum(GradeLabels[i]), ObjectIdGetDatum(grade_type));
	for (int64 i = 0; i < g->nsubjects; i++)
	{
		Subject    *s = &g->subjects[i];
		MemoryContext old = MemoryContextSwitchTo(rowcxt);
		Datum		extra = (Datum) 0;
		Caps	   *c = s->caps >= 0 ? &g->caps[s->caps] : NULL;

		memset(nulls, 0, sizeof(nulls));
		values[0] = Int64GetDatum(s->person_id);
		values[1] = Int64GetDatum(s->position_id);
		nulls[1] = !s->has_position;
		values[2] = Float8GetDatum(s->own);
		nulls[2] = !s->has_own;
		values[3] = Float8GetDatum(s->periodic);
		nulls[3] = !s->has_periodic;
		values[4] = Float8GetDatum(s->score);
		nulls[4] = !s->has_score;
		values[5] = Int32GetDatum(s->rank);
		nulls[5] = !s->has_score;
		values[6] = grades[s->base >= 0 ? s->base : G_NO_GRADE];
		values[7] = s->quota != QUOTA_NONE ? grades[G_COMPETENT] : s->capped >= 0 ? grades[s->capped] : (Datum) 0;
		nulls[7] = s->quota == QUOTA_NONE && s->capped < 0;
		values[8] = BoolGetDatum(s->quota == QUOTA_TIE);
		/* the rules that limited the grade, heaviest first, then the quota's */
		if (!s->has_score && !s->refused)
			extra = rule_insufficient;
		else if (s->quota != QUOTA_NONE)
			extra = s->quota == QUOTA_TIE ? rule_quota_tie : rule_over_quota;
		if (c == NULL)			/* the common arrays, built once */
			values[9] = extra == (Datum) 0 ? no_rules :
				extra == rule_insufficient ? only_insufficient :
				extra == rule_quota_tie ? only_quota_tie : only_over_quota;
		else
		{
			int			n = c != NULL ? c->nrules : 0;
			Datum	   *elems = palloc(sizeof(Datum) * (n + 1));

			if (n > 0)
				memcpy(elems, c->rules, sizeof(Datum) * n);
			if (extra != (Datum) 0)
				elems[n++] = extra;
			values[9] = PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
		}
		values[10] = c != NULL ? c->details : (Datum) 0;
		nulls[10] = c == NULL;
		values[11] = Int32GetDatum(s->cand_rank);
		nulls[11] = s->cand_rank == 0;
		values[12] = Int32GetDatum(s->tied);
		nulls[12] = s->cand_rank == 0;
		values[13] = Int32GetDatum(candidates);
		values[14] = Int32GetDatum(places);
		values[15] = Int32GetDatum(graded);
		tuplestore_putvalues(rsinfo->setResult, desc, values, nulls);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
	}
}

Datum
compute_grades(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Grading    *g;
	MemoryContext cxt;

	InitMaterializedSRF(fcinfo, 0);
	if (rsinfo->setDesc->natts != 16)
		elog(ERROR, "compute_grades: unexpected result type");
	cxt = AllocSetContextCreate(CurrentMemoryContext, "compute_grades", ALLOCSET_DEFAULT_SIZES);
	g = MemoryContextAllocZero(cxt, sizeof(Grading));
	g->cxt = cxt;
	g->period_id = PG_GETARG_INT64(0);
	g->schema_oid = get_func_namespace(fcinfo->flinfo->fn_oid);
	g->schema = MemoryContextStrdup(cxt, quote_identifier(get_namespace_name(g->schema_oid)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (LoadPeriod(g))
	{
		int32		candidates,
					places,
					graded;
		int			nworkers;

		LoadSubjects(g);
		nworkers = StreamWorkers(g);
		if (g->nsubjects > PG_INT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("compute_grades: more than %d subjects in one period", PG_INT32_MAX)));
		LoadScores(g, nworkers);
		if (nworkers == 0)		/* else read while the workers streamed */
			LoadCaps(g);
		Grade(g, &candidates, &places, &graded);
		EmitRows(g, rsinfo, candidates, places, graded);
	}
	SPI_finish();
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
