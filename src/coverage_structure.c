/*
 * coverage_structure.c
 *		coverage_structure(unit, from, to): the structural findings of the
 *		coverage report (R4, R5) for a unit and its sub-units:
 *
 *		dead_end		a step that hands off to no step and is not an end
 *		cycle			a step its own hand-offs lead back to
 *		unreachable		a step no hand-off from its process's first step
 *						reaches
 *		no_approver		a process without an approval step
 *		power_without_duty			a power implying no duty (有权无责)
 *		power_without_consequence	a power implying duties without a
 *						consequence (权大责小), with those duties
 *		duty_without_consequence	a duty without a consequence (有责无罚)
 *
 * Each carries the life of its object within [from, to), computed by the
 * query as valid * [from, to).  The rows are read through SPI, as the
 * caller and under row-level security, by one query each for the
 * processes, their steps, their hand-offs, the powers with their duties
 * and the duties, each planned for the scope at hand (index probes for a
 * small unit, scans for the whole organisation), its rows streamed into
 * arrays (spi_rows.h).  The graph work is done here: a breadth-first
 * search from each process's first step, and Tarjan's strongly connected
 * components for the cycles.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "coverage.h"
#include "coverage_image.h"
#include "spi_rows.h"

PG_FUNCTION_INFO_V1(coverage_structure);

/* A step, in its process's order; its process's life is its span. */
typedef struct GStep
{
	int64		id;
	int64		process_id;
	int32		seq;
	int32		process;		/* index into processes */
	bool		is_end;
	bool		approver;
} GStep;

typedef struct GProcess
{
	int64		id;
	Datum		span;			/* tstzrange: valid * window */
	int32		first;			/* its steps: steps[first .. first + n) */
	int32		n;
	bool		approver;
} GProcess;

/* A step's id and index, sorted by id: hand-offs name steps by id. */
typedef struct StepKey
{
	int64		id;
	int32		index;
} StepKey;

typedef struct Structure
{
	const char *schema;
	FindingSink *sink;
	MemoryContext cxt;			/* holds what the rows leave behind */
	Array		processes;		/* GProcess */
	Array		steps;			/* GStep */
	Array		handoffs;		/* pairs of step indexes: from, to */
	/* the power whose rows are being read */
	bool		in_power;		/* a power's rows are being read */
	int64		power_id;
	int64		power_position;
	bool		power_position_null;
	Datum		power_span;
	bool		power_any_duty;
	Array		power_blank;	/* int64 duty ids without a consequence */
} Structure;

/* Runs sql with params $1 tenant, $2 the window, $3 the scope's units. */
static void
RunQuery(Structure *s, const char *sql, ParamListInfo params, SpiRowFn fn)
{
	SpiRunRows("coverage_structure", sql, params, fn, s, s->cxt);
}

static void
Emit(Structure *s, const char *kind, const char *object_kind, int64 object_id,
	 int64 position_id, bool position_null, Datum span, const int64 *duties, int nduties)
{
	Datum		values[6];
	bool		nulls[6] = {false};
	Datum		ids = (Datum) 0;

	if (nduties > 0)
	{
		MemoryContext old = MemoryContextSwitchTo(s->sink->collect ? s->sink->cxt : CurrentMemoryContext);
		Datum	   *d = palloc(sizeof(Datum) * nduties);

		for (int i = 0; i < nduties; i++)
			d[i] = Int64GetDatum(duties[i]);
		ids = PointerGetDatum(construct_array(d, nduties, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		pfree(d);
		MemoryContextSwitchTo(old);
	}
	if (s->sink->collect)
	{
		MemoryContext old = MemoryContextSwitchTo(s->sink->cxt);
		Finding    *f = ArrayAdd(s->sink->collect);

		f->kind = CoverageKindIndex(kind);
		f->object_kind = CoverageObjectKindIndex(object_kind);
		f->object_id = object_id;
		f->has_position = !position_null;
		f->position_id = position_null ? 0 : position_id;
		f->has_person = false;
		f->person_id = 0;
		{
			/* one copy, in full form; its bounds, to sort by (no lower bound sorts last, as NULL) */
			RangeType  *copy = DatumGetRangeTypePCopy(span);
			RangeBound	lower,
						upper;
			bool		empty;

			f->span = PointerGetDatum(copy);
			range_deserialize(lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO),
							  copy, &lower, &upper, &empty);
			f->iv.lo = empty || lower.infinite ? PG_INT64_MAX : DatumGetTimestampTz(lower.val);
			f->iv.hi = empty || upper.infinite ? PG_INT64_MAX : DatumGetTimestampTz(upper.val);
		}
		f->ids = ids;
		f->ids_are_duties = true;
		MemoryContextSwitchTo(old);
		return;
	}
	values[0] = CStringGetTextDatum(kind);
	values[1] = CStringGetTextDatum(object_kind);
	values[2] = Int64GetDatum(object_id);
	values[3] = Int64GetDatum(position_id);
	nulls[3] = position_null;
	values[4] = span;
	values[5] = ids;
	nulls[5] = nduties == 0;
	tuplestore_putvalues(s->sink->out, s->sink->desc, values, nulls);
	pfree(DatumGetPointer(values[0]));
	pfree(DatumGetPointer(values[1]));
	if (nduties > 0)
		pfree(DatumGetPointer(ids));
}

/* ---------------------------------------------------------------------
 * Processes and their steps, hand-offs.
 */

/* process_id, span: processes come in any order */
static void
ProcessRow(TupleTableSlot *slot, void *arg)
{
	Structure  *s = arg;
	GProcess   *p = ArrayAdd(&s->processes);

	p->id = DatumGetInt64(slot->tts_values[0]);
	p->span = datumCopy(slot->tts_values[1], false, -1);
	p->first = 0;
	p->n = 0;
	p->approver = false;
}

/* process_id, seq, step_id, is_end, is an approver: in any order */
static void
StepRow(TupleTableSlot *slot, void *arg)
{
	Structure  *s = arg;
	GStep	   *st = ArrayAdd(&s->steps);

	st->process_id = DatumGetInt64(slot->tts_values[0]);
	st->seq = DatumGetInt32(slot->tts_values[1]);
	st->id = DatumGetInt64(slot->tts_values[2]);
	st->is_end = DatumGetBool(slot->tts_values[3]);
	st->approver = DatumGetBool(slot->tts_values[4]);
}

static int
CompareProcess(const void *a, const void *b)
{
	const GProcess *x = a,
			   *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
CompareStep(const void *a, const void *b)
{
	const GStep *x = a,
			   *y = b;

	if (x->process_id != y->process_id)
		return x->process_id < y->process_id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts processes by id and steps by process and seq, and links them. */
static void
LinkSteps(Structure *s)
{
	int64		pi = 0;

	qsort(s->processes.data, s->processes.n, sizeof(GProcess), CompareProcess);
	qsort(s->steps.data, s->steps.n, sizeof(GStep), CompareStep);
	for (int64 i = 0; i < s->steps.n; i++)
	{
		GStep	   *st = ELEM(&s->steps, GStep, i);
		GProcess   *p;

		while (pi < s->processes.n && ELEM(&s->processes, GProcess, pi)->id < st->process_id)
			pi++;
		if (pi == s->processes.n || ELEM(&s->processes, GProcess, pi)->id != st->process_id)
			elog(ERROR, "coverage_structure: step " INT64_FORMAT " of a process not read", st->id);
		p = ELEM(&s->processes, GProcess, pi);
		if (p->n == 0)
			p->first = (int32) i;
		p->n++;
		p->approver |= st->approver;
		st->process = (int32) pi;
	}
}

static int
CompareStepKey(const void *a, const void *b)
{
	const StepKey *x = a,
			   *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* from_step, to_step: kept as step ids until the keys are sorted */
static void
HandoffRow(TupleTableSlot *slot, void *arg)
{
	Structure  *s = arg;
	int64	   *h = ArrayAdd(&s->handoffs);

	h[0] = DatumGetInt64(slot->tts_values[0]);
	h[1] = DatumGetInt64(slot->tts_values[1]);
}

static int32
StepIndex(const StepKey *keys, int32 n, int64 id)
{
	StepKey		key = {id, 0};
	StepKey    *found = bsearch(&key, keys, n, sizeof(StepKey), CompareStepKey);

	return found ? found->index : -1;
}

/* An array of the graph, zeroed: past 1GB for the largest organisations. */
#define GraphArray(T, n) ((T *) palloc_extended(sizeof(T) * (n), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO))

/*
 * Steps
 *		dead_end, unreachable, cycle and no_approver, over the steps and
 *		hand-offs read.  The graph is held as adjacency lists (CSR): out[i]
 *		.. out[i + 1] index the successors of step i.
 */
static void
Steps(Structure *s)
{
	int32		nsteps;
	int32		nedges = 0;
	StepKey    *keys;
	int32	   *out,
			   *succ,
			   *queue,
			   *fill;
	bool	   *self_loop,
			   *reached,
			   *on_cycle;

	/* steps are counted in int32 */
	if (s->steps.n >= PG_INT32_MAX || s->handoffs.n >= PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("coverage: too many process steps or hand-offs in scope (" INT64_FORMAT ", " INT64_FORMAT ")",
						s->steps.n, s->handoffs.n)));
	nsteps = (int32) s->steps.n;
	keys = GraphArray(StepKey, nsteps + 1);
	out = GraphArray(int32, nsteps + 1);
	succ = GraphArray(int32, s->handoffs.n + 1);
	self_loop = GraphArray(bool, nsteps + 1);
	reached = GraphArray(bool, nsteps + 1);
	on_cycle = GraphArray(bool, nsteps + 1);
	queue = GraphArray(int32, nsteps + 1);

	for (int32 i = 0; i < nsteps; i++)
	{
		keys[i].id = ELEM(&s->steps, GStep, i)->id;
		keys[i].index = i;
	}
	qsort(keys, nsteps, sizeof(StepKey), CompareStepKey);

	/* hand-offs as step indexes; those naming a step not read are dropped */
	for (int64 e = 0; e < s->handoffs.n; e++)
	{
		int64	   *h = ELEM(&s->handoffs, int64, 2 * e);
		int32		from = StepIndex(keys, nsteps, h[0]),
					to = StepIndex(keys, nsteps, h[1]);

		if (from < 0 || to < 0)
		{
			h[0] = -1;
			continue;
		}
		h[0] = from;
		h[1] = to;
		out[from + 1]++;
		nedges++;
	}
	for (int32 i = 0; i < nsteps; i++)
		out[i + 1] += out[i];
	fill = GraphArray(int32, nsteps + 1);
	memcpy(fill, out, sizeof(int32) * (nsteps + 1));
	for (int64 e = 0; e < s->handoffs.n; e++)
	{
		int64	   *h = ELEM(&s->handoffs, int64, 2 * e);

		if (h[0] < 0)
			continue;

		succ[fill[h[0]]++] = (int32) h[1];
		if (h[0] == h[1])
			self_loop[h[0]] = true;
	}
	Assert(nedges <= s->handoffs.n);

	/* reach: breadth-first from each process's first step */
	for (int64 pi = 0; pi < s->processes.n; pi++)
	{
		GProcess   *p = ELEM(&s->processes, GProcess, pi);
		int32		head = 0,
					tail = 0;

		if (p->n == 0)
			continue;
		reached[p->first] = true;
		queue[tail++] = p->first;
		while (head < tail)
		{
			int32		v = queue[head++];

			for (int32 k = out[v]; k < fill[v]; k++)
				if (!reached[succ[k]])
				{
					reached[succ[k]] = true;
					queue[tail++] = succ[k];
				}
		}
	}

	/*
	 * cycles: Tarjan's strongly connected components, without recursion; a
	 * step is on a cycle when its component has another step, or it hands
	 * off to itself.
	 */
	{
		int32	   *index = GraphArray(int32, nsteps + 1);
		int32	   *low = GraphArray(int32, nsteps + 1);
		int32	   *next_edge = GraphArray(int32, nsteps + 1);
		int32	   *stack = GraphArray(int32, nsteps + 1);
		int32	   *call = queue;	/* the DFS path, reusing the queue */
		bool	   *on_stack = GraphArray(bool, nsteps + 1);
		int32		counter = 0,
					sp = 0;

		for (int32 i = 0; i < nsteps; i++)
			index[i] = -1;
		for (int32 root = 0; root < nsteps; root++)
		{
			int32		depth = 0;

			if (index[root] >= 0)
				continue;
			call[depth++] = root;
			index[root] = low[root] = counter++;
			next_edge[root] = out[root];
			stack[sp++] = root;
			on_stack[root] = true;
			while (depth > 0)
			{
				int32		v = call[depth - 1];

				if (next_edge[v] < fill[v])
				{
					int32		w = succ[next_edge[v]++];

					if (index[w] < 0)
					{
						index[w] = low[w] = counter++;
						next_edge[w] = out[w];
						stack[sp++] = w;
						on_stack[w] = true;
						call[depth++] = w;
					}
					else if (on_stack[w] && index[w] < low[v])
						low[v] = index[w];
					continue;
				}
				/* v is done */
				depth--;
				if (depth > 0 && low[v] < low[call[depth - 1]])
					low[call[depth - 1]] = low[v];
				if (low[v] == index[v])
				{
					int32		size = 0,
								bottom = sp;

					do
					{
						bottom--;
						size++;
					} while (stack[bottom] != v);
					for (int32 k = bottom; k < sp; k++)
					{
						on_stack[stack[k]] = false;
						on_cycle[stack[k]] = size > 1 || self_loop[stack[k]];
					}
					sp = bottom;
				}
			}
		}
	}

	for (int32 i = 0; i < nsteps; i++)
	{
		GStep	   *st = ELEM(&s->steps, GStep, i);
		Datum		span = ELEM(&s->processes, GProcess, st->process)->span;

		if (!st->is_end && fill[i] == out[i])
			Emit(s, "dead_end", "step", st->id, 0, true, span, NULL, 0);
		if (on_cycle[i])
			Emit(s, "cycle", "step", st->id, 0, true, span, NULL, 0);
		if (!reached[i])
			Emit(s, "unreachable", "step", st->id, 0, true, span, NULL, 0);
	}
	for (int64 pi = 0; pi < s->processes.n; pi++)
	{
		GProcess   *p = ELEM(&s->processes, GProcess, pi);

		if (!p->approver)
			Emit(s, "no_approver", "process", p->id, 0, true, p->span, NULL, 0);
	}
}

/* ---------------------------------------------------------------------
 * Powers and duties: their rows are findings as they come.
 */

static void
PowerDone(Structure *s)
{
	if (!s->in_power)
		return;
	if (!s->power_any_duty)
		Emit(s, "power_without_duty", "power", s->power_id, s->power_position,
			 s->power_position_null, s->power_span, NULL, 0);
	else if (s->power_blank.n > 0)
		Emit(s, "power_without_consequence", "power", s->power_id, s->power_position,
			 s->power_position_null, s->power_span,
			 (int64 *) s->power_blank.data, (int) s->power_blank.n);
	pfree(DatumGetPointer(s->power_span));
	s->in_power = false;
}

/* power_id, position_id, span, duty_id, without consequence: by power, duty */
static void
PowerRow(TupleTableSlot *slot, void *arg)
{
	Structure  *s = arg;
	int64		power_id = DatumGetInt64(slot->tts_values[0]);

	if (!s->in_power || power_id != s->power_id)
	{
		PowerDone(s);
		s->in_power = true;
		s->power_id = power_id;
		s->power_position_null = slot->tts_isnull[1];
		s->power_position = s->power_position_null ? 0 : DatumGetInt64(slot->tts_values[1]);
		s->power_span = datumCopy(slot->tts_values[2], false, -1);
		s->power_any_duty = false;
		s->power_blank.n = 0;
	}
	if (!slot->tts_isnull[3])
	{
		s->power_any_duty = true;
		if (!slot->tts_isnull[4] && DatumGetBool(slot->tts_values[4]))
			*(int64 *) ArrayAdd(&s->power_blank) = DatumGetInt64(slot->tts_values[3]);
	}
}

/* duty_id, span */
static void
DutyRow(TupleTableSlot *slot, void *arg)
{
	Structure  *s = arg;
	Emit(s, "duty_without_consequence", "duty", DatumGetInt64(slot->tts_values[0]), 0, true,
		 slot->tts_values[1], NULL, 0);
}

/*
 * CoverageStructure
 *		The structural findings of the unit and its sub-units, with the lives
 *		of their objects within [from, to), to the sink.
 */
void
CoverageStructure(Oid fn_oid, int32 tenant, int64 unit_id, TimestampTz from, TimestampTz to,
				  FindingSink *sink)
{
	Structure	s;
	MemoryContext work,
				old;
	Array		scope,
				units;
	Datum	   *scope_ids;
	ParamListInfo params;
	RangeBound	lower = {0},
				upper = {0};
	const char *sch;
	StringInfoData q;

	work = AllocSetContextCreate(CurrentMemoryContext, "coverage_structure", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	memset(&s, 0, sizeof(s));
	s.schema = quote_identifier(get_namespace_name(get_func_namespace(fn_oid)));
	s.sink = sink;
	s.cxt = work;
	ArrayInit(&s.processes, sizeof(GProcess));
	ArrayInit(&s.steps, sizeof(GStep));
	ArrayInit(&s.handoffs, 2 * sizeof(int64));
	ArrayInit(&s.power_blank, sizeof(int64));

	/* the scope (an unknown unit is an error here), as an int8[] */
	CoverageUnits(fn_oid, tenant, unit_id, &scope, &units);
	scope_ids = palloc(sizeof(Datum) * (scope.n + 1));
	for (int64 i = 0; i < scope.n; i++)
		scope_ids[i] = Int64GetDatum(*ELEM(&scope, int64, i));

	params = makeParamList(3);
	params->numParams = 3;
	params->params[0].ptype = INT4OID;
	params->params[0].value = Int32GetDatum(tenant);
	params->params[1].ptype = TSTZRANGEOID;
	lower.val = TimestampTzGetDatum(from);
	lower.inclusive = true;
	lower.lower = true;
	upper.val = TimestampTzGetDatum(to);
	upper.lower = false;
	params->params[1].value =
		RangeTypePGetDatum(make_range(lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO), &lower, &upper, false));
	params->params[2].ptype = INT8ARRAYOID;
	params->params[2].value = PointerGetDatum(construct_array(scope_ids, (int) scope.n, INT8OID, 8,
															  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	for (int i = 0; i < 3; i++)
	{
		params->params[i].isnull = false;
		params->params[i].pflags = PARAM_FLAG_CONST;
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "coverage_structure: SPI_connect failed");
	sch = s.schema;
	initStringInfo(&q);

	appendStringInfo(&q,
					 "SELECT p.process_id, p.valid * $2 FROM %s.process p"
					 " WHERE p.tenant_id = $1 AND p.valid && $2 AND p.unit_id = ANY ($3)", sch);
	RunQuery(&s, q.data, params, ProcessRow);

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT st.process_id, st.seq, st.step_id, st.is_end, st.role = 'approver'"
					 "  FROM %s.process p JOIN %s.process_step st"
					 "    ON st.tenant_id = p.tenant_id AND st.process_id = p.process_id"
					 " WHERE p.tenant_id = $1 AND p.valid && $2 AND p.unit_id = ANY ($3)", sch, sch);
	RunQuery(&s, q.data, params, StepRow);
	LinkSteps(&s);

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT h.from_step, h.to_step"
					 "  FROM %s.process p JOIN %s.step_handoff h"
					 "    ON h.tenant_id = p.tenant_id AND h.process_id = p.process_id"
					 " WHERE p.tenant_id = $1 AND p.valid && $2 AND p.unit_id = ANY ($3)", sch, sch);
	RunQuery(&s, q.data, params, HandoffRow);
	Steps(&s);

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pw.power_id, pw.position_id, pw.valid * $2, pd.duty_id, d.duty_id IS NOT NULL"
					 "  FROM %s.power pw"
					 "  LEFT JOIN %s.power_duty pd ON pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id"
					 "  LEFT JOIN (SELECT d.duty_id FROM %s.duty d"
					 "              WHERE d.tenant_id = $1 AND coalesce(btrim(d.consequence), '') = '') d"
					 "    ON d.duty_id = pd.duty_id"
					 " WHERE pw.tenant_id = $1 AND pw.valid && $2 AND pw.unit_id = ANY ($3)"
					 " ORDER BY pw.power_id, pd.duty_id", sch, sch, sch);
	RunQuery(&s, q.data, params, PowerRow);
	PowerDone(&s);

	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT d.duty_id, d.valid * $2 FROM %s.duty d"
					 " WHERE d.tenant_id = $1 AND d.valid && $2 AND d.unit_id = ANY ($3)"
					 "   AND coalesce(btrim(d.consequence), '') = ''", sch);
	RunQuery(&s, q.data, params, DutyRow);

	SPI_finish();
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
}

/*
 * coverage_structure
 *		SQL: coverage_structure(unit_id bigint, from timestamptz, to
 *		timestamptz) returns setof (kind, object_kind, object_id,
 *		position_id, span, duties).
 */
Datum
coverage_structure(PG_FUNCTION_ARGS)
{
	return CoverageFindingsSRF(fcinfo, CoverageStructure);
}
