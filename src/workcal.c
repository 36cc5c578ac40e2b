/*
 * workcal.c
 *		Working-day arithmetic on a bitmap calendar.
 *
 * Every day has a rank: Count(day) is the number of working days up to and
 * including it, relative to the day before the bitmap starts.  Inside the
 * bitmap's years a rank is a prefix count (one popcount per 64 days);
 * outside, the weekly pattern continues the count in closed form.  Adding
 * working days is then Select(rank + n): a search over the per-word prefix
 * counts starting from the start day's word (a step or two for the usual
 * time limits, O(log n) at worst), or the weekly pattern's inverse outside
 * the bitmap.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "port/pg_bitutils.h"
#include "utils/datetime.h"

#include "workcal.h"

/* 2000-01-03, a Monday, as a day number. */
#define MONDAY_ORIGIN 2

#define ONES_PER_BYTE UINT64CONST(0x0101010101010101)
#define HIGH_BITS UINT64CONST(0x8080808080808080)

/* byte_select[r][b]: the position of set bit number r (from 0) of byte b */
static uint8 byte_select[8][256];
static bool byte_select_ready = false;

/*
 * FloorDiv
 *		Division rounding toward minus infinity (b > 0).
 */
static inline int64
FloorDiv(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b < 0) ? q - 1 : q;
}

/*
 * IsoWeekday
 *		The ISO weekday of a day: 1 Monday .. 7 Sunday.
 */
static inline int
IsoWeekday(int64 day)
{
	int64		t = day - MONDAY_ORIGIN;

	return (int) (t - 7 * FloorDiv(t, 7)) + 1;
}

/*
 * WeekCount
 *		A cumulative count of the weekly pattern's working days: it grows by
 *		one on every working weekday, and is 0 on the Sunday 2000-01-02.
 */
static inline int64
WeekCount(const WorkCalendar *cal, int64 day)
{
	int64		t = day - MONDAY_ORIGIN;
	int64		q = FloorDiv(t, 7);

	return q * cal->per_week + cal->week_prefix[t - 7 * q + 1];
}

/*
 * WeekSelect
 *		The first day whose WeekCount reaches k: a working day of the weekly
 *		pattern.
 */
static int64
WeekSelect(const WorkCalendar *cal, int64 k)
{
	int64		q = FloorDiv(k - 1, cal->per_week);
	int64		rest = k - q * cal->per_week;
	int			r = 0;

	while (cal->week_prefix[r + 1] < rest)
		r++;
	return MONDAY_ORIGIN + 7 * q + r;
}

/*
 * SelectInWord
 *		The position of set bit number r (from 0) of a word that has more
 *		than r, without branches: the byte holding it is found from the
 *		running counts of set bits per byte, compared with r all at once.
 */
static inline int
SelectInWord(uint64 x, int r)
{
	uint64		sums = x - ((x >> 1) & UINT64CONST(0x5555555555555555));
	uint64		before;
	int			place;

	sums = (sums & UINT64CONST(0x3333333333333333)) +
		((sums >> 2) & UINT64CONST(0x3333333333333333));
	/* byte i: the set bits in bytes 0..i */
	sums = ((sums + (sums >> 4)) & UINT64CONST(0x0F0F0F0F0F0F0F0F)) * ONES_PER_BYTE;
	/* high bit of byte i: the bit sought lies beyond byte i */
	before = (((uint64) r * ONES_PER_BYTE) | HIGH_BITS) - sums;
	before &= HIGH_BITS;
	place = (int) ((((before >> 7) * ONES_PER_BYTE) >> 56) * 8);
	r -= (int) (((sums << 8) >> place) & 0xFF);
	return place + byte_select[r][(x >> place) & 0xFF];
}

/*
 * WorkCalCreate
 *		A calendar covering first_year..last_year (none when last_year <
 *		first_year), every day following the weekly pattern, no year official
 *		yet.  rest_isodow[d] is true when ISO weekday d (1..7) is a rest day.
 *		Allocates in CurrentMemoryContext.
 */
WorkCalendar *
WorkCalCreate(const char *code, int first_year, int last_year,
			  const bool *rest_isodow, bool fallback)
{
	WorkCalendar *cal = palloc0(sizeof(WorkCalendar));
	int64		ndays;

	if (!byte_select_ready)
	{
		for (int b = 0; b < 256; b++)
			for (int bit = 0, r = 0; bit < 8; bit++)
				if (b & (1 << bit))
					byte_select[r++][b] = bit;
		byte_select_ready = true;
	}
	cal->code = code;
	cal->fallback = fallback;
	for (int d = 1; d <= 7; d++)
		cal->week_prefix[d] = cal->week_prefix[d - 1] + (rest_isodow[d] ? 0 : 1);
	cal->per_week = cal->week_prefix[7];
	if (cal->per_week == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("calendar \"%s\" has no working weekday", code),
				 errdetail("A calendar must work on at least one day of the week.")));

	if (last_year < first_year)
	{
		/* no official year: an empty span, at the day origin */
		first_year = 2000;
		last_year = 1999;
	}
	cal->first_year = first_year;
	cal->last_year = last_year;
	cal->first_day = date2j(first_year, 1, 1) - POSTGRES_EPOCH_JDATE;
	cal->last_day = date2j(last_year + 1, 1, 1) - POSTGRES_EPOCH_JDATE - 1;
	ndays = cal->last_day - cal->first_day + 1;

	cal->official = palloc0(sizeof(bool) * (last_year - first_year + 1));
	cal->nwords = (int32) ((ndays + 63) / 64);
	cal->bits = palloc0(sizeof(uint64) * cal->nwords);
	cal->before = palloc0(sizeof(int32) * (cal->nwords + 1));
	for (int64 i = 0; i < ndays; i++)
		if (!rest_isodow[IsoWeekday(cal->first_day + i)])
			cal->bits[i >> 6] |= UINT64CONST(1) << (i & 63);
	return cal;
}

/*
 * WorkCalSetOfficial
 *		Marks a year (within the calendar's years) as having official data.
 */
void
WorkCalSetOfficial(WorkCalendar *cal, int year)
{
	Assert(year >= cal->first_year && year <= cal->last_year);
	cal->official[year - cal->first_year] = true;
}

/*
 * WorkCalSetDay
 *		Makes a day of the calendar's years a working day or a day off.
 */
void
WorkCalSetDay(WorkCalendar *cal, int64 day, bool working)
{
	int64		i = day - cal->first_day;

	if (day < cal->first_day || day > cal->last_day)
		elog(ERROR, "day %lld is outside the years of calendar \"%s\"",
			 (long long) day, cal->code);
	if (working)
		cal->bits[i >> 6] |= UINT64CONST(1) << (i & 63);
	else
		cal->bits[i >> 6] &= ~(UINT64CONST(1) << (i & 63));
}

/*
 * WorkCalFinish
 *		Computes the prefix counts once every day is set.
 */
void
WorkCalFinish(WorkCalendar *cal)
{
	for (int32 w = 0; w < cal->nwords; w++)
		cal->before[w + 1] = cal->before[w] + pg_popcount64(cal->bits[w]);
	for (int y = cal->first_year; y <= cal->last_year; y++)
		if (!cal->official[y - cal->first_year])
			cal->has_gaps = true;
}

/*
 * WorkCalIsWorkday
 *		Whether the day is a working day.
 */
bool
WorkCalIsWorkday(const WorkCalendar *cal, int64 day)
{
	int64		i = day - cal->first_day;
	int			d;

	if (day >= cal->first_day && day <= cal->last_day)
		return (cal->bits[i >> 6] >> (i & 63)) & 1;
	d = IsoWeekday(day);
	return cal->week_prefix[d] != cal->week_prefix[d - 1];
}

/*
 * WorkCalCount
 *		The rank of a day: working days in (first_day - 1, day], negative
 *		before the bitmap.  Count(b) - Count(a) is the number of working days
 *		in (a, b].
 */
int64
WorkCalCount(const WorkCalendar *cal, int64 day)
{
	int64		i = day - cal->first_day;

	if (day < cal->first_day)
		return WeekCount(cal, day) - WeekCount(cal, cal->first_day - 1);
	if (day > cal->last_day)
		return cal->before[cal->nwords] + WeekCount(cal, day) - WeekCount(cal, cal->last_day);
	return cal->before[i >> 6] +
		pg_popcount64(cal->bits[i >> 6] & ((UINT64CONST(2) << (i & 63)) - 1));
}

/*
 * WordBefore
 *		The last word with fewer than k working days before it (1 <= k <=
 *		total), searched outward from the word of the day near: a gallop then
 *		a binary search, so a short count costs a step or two.
 */
static int32
WordBefore(const WorkCalendar *cal, int64 k, int64 near)
{
	int32		lo,
				hi,
				step = 1;

	/* find lo < hi with before[lo] < k <= before[hi] (hi may be nwords) */
	lo = (int32) Max(0, Min((near - cal->first_day) >> 6, cal->nwords - 1));
	if (cal->before[lo] < k)
	{
		hi = lo + 1;
		while (hi < cal->nwords && cal->before[hi] < k)
		{
			lo = hi;
			step *= 2;
			hi = Min(lo + step, cal->nwords);
		}
	}
	else
	{
		hi = lo;
		lo = hi - 1;
		while (cal->before[lo] >= k)
		{
			hi = lo;
			step *= 2;
			lo = Max(hi - step, 0);
		}
	}
	while (hi - lo > 1)
	{
		int32		mid = lo + (hi - lo) / 2;

		if (cal->before[mid] < k)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Select
 *		The first day whose rank reaches k: the working day of rank k.  near
 *		is a day close to it, where the search starts.
 */
static int64
Select(const WorkCalendar *cal, int64 k, int64 near)
{
	int64		total = cal->before[cal->nwords];
	int32		w;

	if (k <= 0)
		return WeekSelect(cal, k + WeekCount(cal, cal->first_day - 1));
	if (k > total)
		return WeekSelect(cal, k - total + WeekCount(cal, cal->last_day));

	w = WordBefore(cal, k, near);
	return cal->first_day + (int64) w * 64 +
		SelectInWord(cal->bits[w], (int) (k - cal->before[w] - 1));
}

/*
 * WorkCalAdd
 *		The n-th working day after the day (n > 0) or before it (n < 0); the
 *		day itself never counts, and n = 0 returns it unchanged.
 */
int64
WorkCalAdd(const WorkCalendar *cal, int64 day, int64 n)
{
	if (n > 0)
		return Select(cal, WorkCalCount(cal, day) + n, day);
	if (n < 0)
		return Select(cal, WorkCalCount(cal, day - 1) + n + 1, day);
	return day;
}

/*
 * WorkCalOnOrAfter
 *		The day itself if it is a working day, else the next working day.
 */
int64
WorkCalOnOrAfter(const WorkCalendar *cal, int64 day)
{
	return Select(cal, WorkCalCount(cal, day - 1) + 1, day);
}

/*
 * WorkCalDeadline
 *		The n-th working day after start (n >= 0) that is not paused.  The
 *		pauses are ordered by first day, with last days in the same order.
 *
 * Before each pause that begins before the due date, the working days up to
 * the pause are spent and counting resumes after its last day.
 */
int64
WorkCalDeadline(const WorkCalendar *cal, int64 start, int64 n,
				const WorkPause *pauses, int npauses)
{
	int64		cur = start;
	int64		remaining = n;

	if (n == 0)
		return start;
	for (int i = 0; i < npauses; i++)
	{
		if (pauses[i].last <= cur)
			continue;
		if (WorkCalAdd(cal, cur, remaining) < pauses[i].first)
			break;
		if (pauses[i].first - 1 > cur)
			remaining -= WorkCalCount(cal, pauses[i].first - 1) - WorkCalCount(cal, cur);
		cur = pauses[i].last;
	}
	return WorkCalAdd(cal, cur, remaining);
}

/*
 * WorkCalCheck
 *		Validates the days lo..hi that a result depends on (none when lo >
 *		hi): they must be dates, and lie in official years unless the
 *		calendar falls back to its weekly pattern.  Returns whether the result
 *		is provisional (some day outside the official years).
 */
bool
WorkCalCheck(const WorkCalendar *cal, int64 lo, int64 hi)
{
	int			ylo,
				yhi,
				m,
				d,
				missing,
				nofficial = 0;

	if (lo > hi)
		return false;
	if (!IS_VALID_DATE(lo) || !IS_VALID_DATE(hi))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("The working days counted in calendar \"%s\" run past the range of type date.",
						   cal->code)));
	if (lo >= cal->first_day && hi <= cal->last_day && !cal->has_gaps)
		return false;

	/* the first year of lo..hi without official data */
	j2date((int) (lo + POSTGRES_EPOCH_JDATE), &ylo, &m, &d);
	j2date((int) (hi + POSTGRES_EPOCH_JDATE), &yhi, &m, &d);
	if (ylo < cal->first_year)
		missing = ylo;
	else
	{
		missing = Max(ylo, cal->last_year + 1);
		for (int y = ylo; y <= Min(yhi, cal->last_year); y++)
			if (!cal->official[y - cal->first_year])
			{
				missing = y;
				break;
			}
	}
	if (missing > yhi)
		return false;
	if (cal->fallback)
		return true;

	for (int y = cal->first_year; y <= cal->last_year; y++)
		nofficial += cal->official[y - cal->first_year];
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("calendar \"%s\" has no official data for year %d", cal->code, missing),
			 nofficial == 0 ?
			 errdetail("Calendar \"%s\" has no official year.", cal->code) :
			 cal->has_gaps ?
			 errdetail("Calendar \"%s\" has official data for %d of the years %d to %d.",
					   cal->code, nofficial, cal->first_year, cal->last_year) :
			 errdetail("Calendar \"%s\" has official data for the years %d to %d.",
					   cal->code, cal->first_year, cal->last_year),
			 errhint("Add the year's holidays and adjusted working days to calendar_day and the year to calendar_year, or set fallback_to_weekly for provisional results.")));
	pg_unreachable();
}
