/*
 * calendar.c
 *		The working-day functions: loads calendars from the tables calendar,
 *		calendar_year and calendar_day into per-backend bitmaps (workcal.c)
 *		and exposes the day arithmetic to SQL.
 *
 * A calendar is loaded on first use and kept in a child context of
 * CacheMemoryContext until any of the three tables changes: their
 * invalidate_caches() triggers send a relcache invalidation, and
 * CalendarCacheReset() drops every loaded calendar.  Per backend, a calendar
 * costs one bit per day of its years plus a 4-byte count per 64 days, one
 * byte per year and about 200 bytes of bookkeeping: the built-in calendar cn
 * (2004-2026, 8401 days) holds 1.8 kB of data in a 4 kB memory context, plus
 * 1 kB for the parent context shared by all calendars.  A calendar spanning
 * the most years allowed (1 to 9999) would take about 700 kB.
 *
 * The tables are read with a fresh snapshot (RegisterFreshSnapshot, also in
 * parallel mode), so a cached calendar never reflects an older state than the
 * one its invalidation reported.
 *
 * Callers fetch the calendar last, after any catalog access: a catalog
 * lookup may process invalidations and free the cached calendar.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/skey.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/multirangetypes.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "cache_inval.h"
#include "workcal.h"

typedef struct CachedCalendar
{
	struct CachedCalendar *next;
	char	   *code;
	int			codelen;
	pg_tz	   *zone;			/* the calendar's time zone */
	WorkCalendar *cal;
} CachedCalendar;

/* The loaded calendars, in CalendarContext; both NULL when none. */
static MemoryContext CalendarContext = NULL;
static CachedCalendar *calendars = NULL;

/* The three tables, whose invalidation drops the cache. */
static Oid	calendar_relids[3];

/* A load in progress, and whether an invalidation arrived during it. */
static bool loading = false;
static bool stale = false;

/* A scan of the rows of one calendar in one of the three tables. */
typedef struct CalendarScan
{
	Relation	rel;
	TableScanDesc scan;
	TupleTableSlot *slot;
} CalendarScan;

/*
 * CalendarCacheReset
 *		Relcache callback: drops every loaded calendar when one of the
 *		calendar tables (or every relation) is invalidated, or marks a load in
 *		progress stale.
 */
static void
CalendarCacheReset(Oid relid)
{
	if (OidIsValid(relid) && relid != calendar_relids[0] &&
		relid != calendar_relids[1] && relid != calendar_relids[2])
		return;
	if (loading)
	{
		stale = true;
		return;
	}
	if (CalendarContext != NULL)
		MemoryContextDelete(CalendarContext);
	CalendarContext = NULL;
	calendars = NULL;
}

/*
 * BeginCalendarScan
 *		Starts a scan of the rows of one of the calendar tables whose column
 *		codecol is the calendar code.
 */
static void
BeginCalendarScan(CalendarScan *s, Oid relid, const char *codecol, text *code,
				  Snapshot snapshot)
{
	ScanKeyData key;
	AttrNumber	attnum;

	s->rel = table_open(relid, AccessShareLock);
	attnum = get_attnum(relid, codecol);
	if (attnum == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of table \"%s\" is missing", codecol,
			 RelationGetRelationName(s->rel));
	ScanKeyInit(&key, attnum, BTEqualStrategyNumber, F_TEXTEQ, PointerGetDatum(code));
	s->slot = table_slot_create(s->rel, NULL);
	s->scan = table_beginscan(s->rel, snapshot, 1, &key);
}

/*
 * Column
 *		The value of a NOT NULL column of the current row, found by name.
 */
static Datum
Column(CalendarScan *s, const char *name)
{
	AttrNumber	attnum = get_attnum(RelationGetRelid(s->rel), name);
	bool		isnull;
	Datum		value;

	if (attnum == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of table \"%s\" is missing", name,
			 RelationGetRelationName(s->rel));
	value = slot_getattr(s->slot, attnum, &isnull);
	if (isnull)
		elog(ERROR, "column \"%s\" of table \"%s\" is null", name,
			 RelationGetRelationName(s->rel));
	return value;
}

/*
 * EndCalendarScan
 *		Ends a scan started by BeginCalendarScan.
 */
static void
EndCalendarScan(CalendarScan *s)
{
	table_endscan(s->scan);
	ExecDropSingleTupleTableSlot(s->slot);
	table_close(s->rel, AccessShareLock);
}

/*
 * LoadCalendar
 *		Reads one calendar from the tables into a new entry allocated in cxt.
 */
static CachedCalendar *
LoadCalendar(text *code, Snapshot snapshot, MemoryContext cxt)
{
	CalendarScan s;
	bool		found = false;
	bool		rest[8] = {false};
	bool		fallback = false;
	char	   *zone = NULL;
	List	   *years = NIL;
	ListCell   *lc;
	int			first_year = PG_INT32_MAX;
	int			last_year = PG_INT32_MIN;
	CachedCalendar *entry;
	MemoryContext oldcxt;

	BeginCalendarScan(&s, calendar_relids[0], "code", code, snapshot);
	while (table_scan_getnextslot(s.scan, ForwardScanDirection, s.slot))
	{
		ArrayType  *arr = DatumGetArrayTypeP(Column(&s, "rest_days"));
		Datum	   *days;
		int			ndays;

		deconstruct_array(arr, INT2OID, sizeof(int16), true, TYPALIGN_SHORT,
						  &days, NULL, &ndays);
		for (int i = 0; i < ndays; i++)
		{
			int16		d = DatumGetInt16(days[i]);

			if (d < 1 || d > 7)
				elog(ERROR, "rest day %d is not an ISO weekday", d);
			rest[d] = true;
		}
		zone = TextDatumGetCString(Column(&s, "time_zone"));
		fallback = DatumGetBool(Column(&s, "fallback_to_weekly"));
		found = true;
	}
	EndCalendarScan(&s);
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("calendar \"%s\" does not exist", text_to_cstring(code)),
				 errhint("The calendars are the rows of table calendar of extension responsibility.")));

	BeginCalendarScan(&s, calendar_relids[1], "calendar", code, snapshot);
	while (table_scan_getnextslot(s.scan, ForwardScanDirection, s.slot))
	{
		int			year = DatumGetInt32(Column(&s, "year"));

		years = lappend_int(years, year);
		first_year = Min(first_year, year);
		last_year = Max(last_year, year);
	}
	EndCalendarScan(&s);

	oldcxt = MemoryContextSwitchTo(cxt);
	entry = palloc(sizeof(CachedCalendar));
	entry->next = NULL;
	entry->code = text_to_cstring(code);
	entry->codelen = strlen(entry->code);
	entry->zone = pg_tzset(zone);
	if (entry->zone == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" of calendar \"%s\" is not recognized",
						zone, entry->code)));
	entry->cal = WorkCalCreate(entry->code, first_year, last_year, rest, fallback);
	MemoryContextSwitchTo(oldcxt);
	foreach(lc, years)
		WorkCalSetOfficial(entry->cal, lfirst_int(lc));

	BeginCalendarScan(&s, calendar_relids[2], "calendar", code, snapshot);
	while (table_scan_getnextslot(s.scan, ForwardScanDirection, s.slot))
	{
		char	   *kind = TextDatumGetCString(Column(&s, "kind"));

		WorkCalSetDay(entry->cal, DatumGetDateADT(Column(&s, "day")),
					  strcmp(kind, "adjusted_workday") == 0);
	}
	EndCalendarScan(&s);
	WorkCalFinish(entry->cal);
	return entry;
}

/*
 * FindCalendar
 *		The entry for a code in a list of loaded calendars, or NULL.
 */
static CachedCalendar *
FindCalendar(CachedCalendar *list, text *code)
{
	int			len = VARSIZE_ANY_EXHDR(code);

	for (CachedCalendar *c = list; c != NULL; c = c->next)
		if (c->codelen == len && memcmp(c->code, VARDATA_ANY(code), len) == 0)
			return c;
	return NULL;
}

/*
 * LoadLatest
 *		Loads a calendar with the latest snapshot, or returns NULL when an
 *		invalidation arrived meanwhile (the cache is then dropped: try again).
 */
static CachedCalendar *
LoadLatest(text *code, MemoryContext cxt)
{
	Snapshot	snapshot = RegisterFreshSnapshot(calendar_relids[0]);
	CachedCalendar *entry;

	loading = true;
	stale = false;
	PG_TRY();
	{
		entry = LoadCalendar(code, snapshot, cxt);
	}
	PG_CATCH();
	{
		loading = false;
		if (stale)
			CalendarCacheReset(InvalidOid);
		PG_RE_THROW();
	}
	PG_END_TRY();
	loading = false;
	UnregisterSnapshot(snapshot);
	if (stale)
	{
		CalendarCacheReset(InvalidOid);
		return NULL;
	}
	return entry;
}

/*
 * GetCalendar
 *		The calendar named by argument argno, loaded on first use.
 */
static CachedCalendar *
GetCalendar(FunctionCallInfo fcinfo, int argno)
{
	text	   *code = PG_GETARG_TEXT_PP(argno);
	CachedCalendar *entry = FindCalendar(calendars, code);
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	MemoryContext cxt;

	if (entry != NULL)
		return entry;

	calendar_relids[0] = ExtensionRelid(fn_oid, "calendar");
	calendar_relids[1] = ExtensionRelid(fn_oid, "calendar_year");
	calendar_relids[2] = ExtensionRelid(fn_oid, "calendar_day");

	RegisterTableCacheReset(CalendarCacheReset);
	for (;;)
	{
		/* freed with the query on error, moved under CalendarContext if kept */
		cxt = AllocSetContextCreate(CurrentMemoryContext, "responsibility calendar",
									ALLOCSET_SMALL_SIZES);
		entry = LoadLatest(code, cxt);
		if (entry != NULL)
			break;
		MemoryContextDelete(cxt);
	}

	if (CalendarContext == NULL)
		CalendarContext = AllocSetContextCreate(CacheMemoryContext, "responsibility calendars",
												ALLOCSET_SMALL_SIZES);
	MemoryContextSetParent(cxt, CalendarContext);
	entry->next = calendars;
	calendars = entry;
	return entry;
}

/*
 * CheckFiniteDate
 *		Rejects infinity and -infinity.
 */
static void
CheckFiniteDate(DateADT day)
{
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot count working days from or to an infinite date"),
				 errdetail("Working days are counted between finite dates only.")));
}

/*
 * ReturnChecked
 *		The record (due, provisional) of the *_checked functions.
 */
static Datum
ReturnChecked(FunctionCallInfo fcinfo, int64 due, bool provisional)
{
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	values[0] = DateADTGetDatum((DateADT) due);
	values[1] = BoolGetDatum(provisional);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls));
}

/*
 * PauseWithoutEnd
 *		Rejects a pause that never ends.
 */
static void
PauseWithoutEnd(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("pause without an end"),
			 errdetail("A paused span must have a finite upper bound, or the deadline would never come.")));
}

/*
 * AddWorkdays
 *		add_workdays(start, n, calendar), and whether the result is
 *		provisional.
 */
static int64
AddWorkdays(FunctionCallInfo fcinfo, bool *provisional)
{
	DateADT		start = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	const WorkCalendar *cal = GetCalendar(fcinfo, 2)->cal;
	int64		due;

	CheckFiniteDate(start);
	due = WorkCalAdd(cal, start, n);
	if (n > 0)
		*provisional = WorkCalCheck(cal, (int64) start + 1, due);
	else
		*provisional = WorkCalCheck(cal, due, (int64) start - 1);
	return due;
}

/*
 * Deadline
 *		deadline(start, n, pauses, calendar), and whether the result is
 *		provisional.  Days of a datemultirange are [lower, upper), an
 *		unbounded lower bound pausing everything before upper.
 */
static int64
Deadline(FunctionCallInfo fcinfo, bool *provisional)
{
	DateADT		start = PG_GETARG_DATEADT(0);
	int32		n = PG_GETARG_INT32(1);
	MultirangeType *mr = PG_GETARG_MULTIRANGE_P(2);
	TypeCacheEntry *typcache = lookup_type_cache(MultirangeTypeGetOid(mr),
												 TYPECACHE_MULTIRANGE_INFO);
	WorkPause  *pauses = palloc(sizeof(WorkPause) * Max(mr->rangeCount, 1));
	const WorkCalendar *cal = GetCalendar(fcinfo, 3)->cal;
	int64		due;

	CheckFiniteDate(start);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a deadline cannot count %d working days", n),
				 errdetail("A time limit counts zero or more working days forward."),
				 errhint("Use add_workdays to count back from a date.")));
	for (int i = 0; i < mr->rangeCount; i++)
	{
		RangeBound	lower,
					upper;

		multirange_get_bounds(typcache->rngtype, mr, i, &lower, &upper);
		if (upper.infinite || DATE_NOT_FINITE(DatumGetDateADT(upper.val)))
			PauseWithoutEnd();
		pauses[i].first = (lower.infinite || DATE_NOT_FINITE(DatumGetDateADT(lower.val))) ?
			start : DatumGetDateADT(lower.val);
		pauses[i].last = (int64) DatumGetDateADT(upper.val) - 1;
	}
	due = WorkCalDeadline(cal, start, n, pauses, mr->rangeCount);
	*provisional = WorkCalCheck(cal, (int64) start + 1, due);
	return due;
}

/*
 * LocalDay
 *		The day of an instant in a time zone.
 */
static int64
LocalDay(TimestampTz t, pg_tz *zone)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (timestamp2tm(t, &tz, &tm, &fsec, NULL, zone) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
}

/* A due day whose end no timestamptz can hold. */
static void
pg_attribute_noreturn()
DueDayOutOfRange(int64 day)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("deadline out of range for type timestamp with time zone"),
			 errdetail("The due day is " INT64_FORMAT " days after 2000-01-01, past the last day a timestamp with time zone can hold.", day)));
}

/*
 * EndOfDay
 *		The last microsecond of a day in a time zone.
 */
static TimestampTz
EndOfDay(int64 day, pg_tz *zone)
{
	struct pg_tm tm = {0};
	int			tz;
	TimestampTz next;

	if (day + POSTGRES_EPOCH_JDATE + 1 > TIMESTAMP_END_JULIAN)
		DueDayOutOfRange(day);
	j2date((int) (day + 1 + POSTGRES_EPOCH_JDATE), &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tz = DetermineTimeZoneOffset(&tm, zone);
	if (tm2timestamp(&tm, 0, &tz, &next) != 0 || !IS_VALID_TIMESTAMP(next))
	{
		/* the last day of the range ends where the range does */
		if (day + POSTGRES_EPOCH_JDATE + 1 == TIMESTAMP_END_JULIAN)
			return END_TIMESTAMP - 1;
		DueDayOutOfRange(day);
	}
	return next - 1;
}

PG_FUNCTION_INFO_V1(is_workday);

/*
 * is_workday
 *		is_workday(day date, calendar text) returns boolean.
 */
Datum
is_workday(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const WorkCalendar *cal = GetCalendar(fcinfo, 1)->cal;

	CheckFiniteDate(day);
	WorkCalCheck(cal, day, day);
	PG_RETURN_BOOL(WorkCalIsWorkday(cal, day));
}

PG_FUNCTION_INFO_V1(add_workdays);

/*
 * add_workdays
 *		add_workdays(start date, n integer, calendar text) returns date.
 */
Datum
add_workdays(PG_FUNCTION_ARGS)
{
	bool		provisional;

	PG_RETURN_DATEADT((DateADT) AddWorkdays(fcinfo, &provisional));
}

PG_FUNCTION_INFO_V1(add_workdays_checked);

/*
 * add_workdays_checked
 *		add_workdays_checked(start date, n integer, calendar text,
 *		OUT due date, OUT provisional boolean).
 */
Datum
add_workdays_checked(PG_FUNCTION_ARGS)
{
	bool		provisional;
	int64		due = AddWorkdays(fcinfo, &provisional);

	return ReturnChecked(fcinfo, due, provisional);
}

PG_FUNCTION_INFO_V1(workdays_between);

/*
 * workdays_between
 *		workdays_between(from_day date, to_day date, calendar text) returns
 *		integer: the working days in (from_day, to_day], negated when to_day
 *		comes first.  It fits: the range of type date holds fewer than 2^31
 *		days.
 */
Datum
workdays_between(PG_FUNCTION_ARGS)
{
	DateADT		from = PG_GETARG_DATEADT(0);
	DateADT		to = PG_GETARG_DATEADT(1);
	const WorkCalendar *cal = GetCalendar(fcinfo, 2)->cal;

	CheckFiniteDate(from);
	CheckFiniteDate(to);
	WorkCalCheck(cal, (int64) Min(from, to) + 1, Max(from, to));
	PG_RETURN_INT32((int32) (WorkCalCount(cal, to) - WorkCalCount(cal, from)));
}

PG_FUNCTION_INFO_V1(next_workday);

/*
 * next_workday
 *		next_workday(day date, calendar text) returns date: the first working
 *		day strictly after the day.
 */
Datum
next_workday(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const WorkCalendar *cal = GetCalendar(fcinfo, 1)->cal;
	int64		next;

	CheckFiniteDate(day);
	next = WorkCalAdd(cal, day, 1);
	WorkCalCheck(cal, (int64) day + 1, next);
	PG_RETURN_DATEADT((DateADT) next);
}

PG_FUNCTION_INFO_V1(workday_on_or_after);

/*
 * workday_on_or_after
 *		workday_on_or_after(day date, calendar text) returns date: the day if
 *		it is a working day, else the next one.
 */
Datum
workday_on_or_after(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	const WorkCalendar *cal = GetCalendar(fcinfo, 1)->cal;
	int64		next;

	CheckFiniteDate(day);
	next = WorkCalOnOrAfter(cal, day);
	WorkCalCheck(cal, day, next);
	PG_RETURN_DATEADT((DateADT) next);
}

PG_FUNCTION_INFO_V1(deadline);

/*
 * deadline
 *		deadline(start date, n integer, pauses datemultirange, calendar text)
 *		returns date.
 */
Datum
deadline(PG_FUNCTION_ARGS)
{
	bool		provisional;

	PG_RETURN_DATEADT((DateADT) Deadline(fcinfo, &provisional));
}

PG_FUNCTION_INFO_V1(deadline_checked);

/*
 * deadline_checked
 *		deadline_checked(start date, n integer, pauses datemultirange,
 *		calendar text, OUT due date, OUT provisional boolean).
 */
Datum
deadline_checked(PG_FUNCTION_ARGS)
{
	bool		provisional;
	int64		due = Deadline(fcinfo, &provisional);

	return ReturnChecked(fcinfo, due, provisional);
}

PG_FUNCTION_INFO_V1(deadline_at);

/*
 * deadline_at
 *		deadline_at(start timestamptz, n integer, pauses tstzmultirange,
 *		calendar text) returns timestamptz: deadline() on the days of the
 *		calendar's time zone, where a day any part of which is paused does not
 *		count; the result is the last microsecond of the due day.
 */
Datum
deadline_at(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	int32		n = PG_GETARG_INT32(1);
	MultirangeType *mr = PG_GETARG_MULTIRANGE_P(2);
	TypeCacheEntry *typcache = lookup_type_cache(MultirangeTypeGetOid(mr),
												 TYPECACHE_MULTIRANGE_INFO);
	WorkPause  *pauses = palloc(sizeof(WorkPause) * Max(mr->rangeCount, 1));
	int			npauses = 0;
	CachedCalendar *entry = GetCalendar(fcinfo, 3);
	int64		startday,
				due;

	if (TIMESTAMP_NOT_FINITE(start))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("cannot count working days from an infinite timestamp"),
				 errdetail("Working days are counted between finite instants only.")));
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a deadline cannot count %d working days", n),
				 errdetail("A time limit counts zero or more working days forward."),
				 errhint("Use add_workdays to count back from a date.")));
	startday = LocalDay(start, entry->zone);
	for (int i = 0; i < mr->rangeCount; i++)
	{
		RangeBound	lower,
					upper;
		TimestampTz lo,
					hi;

		multirange_get_bounds(typcache->rngtype, mr, i, &lower, &upper);
		hi = DatumGetTimestampTz(upper.val);
		lo = DatumGetTimestampTz(lower.val);
		if (upper.infinite || TIMESTAMP_NOT_FINITE(hi))
			PauseWithoutEnd();
		pauses[npauses].first = (lower.infinite || TIMESTAMP_NOT_FINITE(lo)) ?
			startday : LocalDay(lower.inclusive ? lo : lo + 1, entry->zone);
		pauses[npauses].last = LocalDay(upper.inclusive ? hi : hi - 1, entry->zone);
		if (pauses[npauses].last >= pauses[npauses].first)
			npauses++;
	}
	due = WorkCalDeadline(entry->cal, startday, n, pauses, npauses);
	WorkCalCheck(entry->cal, startday + 1, due);
	PG_RETURN_TIMESTAMPTZ(EndOfDay(due, entry->zone));
}
