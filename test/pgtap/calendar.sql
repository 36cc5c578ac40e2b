-- Behaviour of the working-day calendars (issue 3): the built-in calendar cn
-- against the official list, working-day arithmetic across the Spring
-- Festival and National Day weeks, paused deadlines, provisional results
-- outside the official years, every error with its SQLSTATE, and cache
-- invalidation.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(126);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';

-- 1. The built-in calendar is the official list -------------------------

-- md5 of the data lines of cn-official-calendar-2004-2026.csv (no header,
-- joined by newlines): the shipped rows are exactly the CSV.
SELECT is((SELECT md5(string_agg(format('%s,%s,%s,%s', day, kind, festival_en, festival_zh), E'\n' ORDER BY day))
             FROM calendar_day WHERE calendar = 'cn' AND is_builtin),
          '34bbdae3e4f3048e344bbee68ef4abc6', 'calendar_day holds exactly the 769 days of the official CSV');
SELECT is((SELECT array_agg(year ORDER BY year) FROM calendar_year WHERE calendar = 'cn'),
          (SELECT array_agg(y) FROM generate_series(2004, 2026) y), 'cn has official data for 2004 to 2026');
SELECT is((SELECT row(time_zone, rest_days, fallback_to_weekly, is_builtin)::text FROM calendar WHERE code = 'cn'),
          '(Asia/Shanghai,"{6,7}",f,t)', 'cn: Asia/Shanghai, Saturday and Sunday off, no fallback, built in');

-- Working days per year, counted from the CSV (Monday to Friday not listed
-- as a holiday, plus the adjusted working days).
SELECT is((SELECT count(*)::integer FROM generate_series(make_date(y, 1, 1), make_date(y, 12, 31), '1 day') d
            WHERE is_workday(d::date)), expected, format('%s has %s working days', y, expected))
  FROM (VALUES (2004, 252), (2005, 250), (2006, 251), (2007, 249), (2008, 251), (2009, 250),
               (2010, 250), (2011, 250), (2012, 249), (2013, 250), (2014, 250), (2015, 249),
               (2016, 250), (2017, 249), (2018, 250), (2019, 250), (2020, 249), (2021, 250),
               (2022, 249), (2023, 249), (2024, 251), (2025, 248), (2026, 248)) AS t(y, expected)
 ORDER BY y;

SELECT is((SELECT count(*)::integer FROM calendar_day
            WHERE calendar = 'cn' AND is_workday(day) IS DISTINCT FROM (kind = 'adjusted_workday')),
          0, 'every listed holiday is a day off and every adjusted working day is worked');
SELECT is((SELECT count(*)::integer FROM generate_series('2004-01-01'::date, '2026-12-31', '1 day') d
            WHERE NOT EXISTS (SELECT FROM calendar_day c WHERE c.calendar = 'cn' AND c.day = d::date)
              AND is_workday(d::date) IS DISTINCT FROM (extract(isodow FROM d) < 6)),
          0, 'every unlisted day follows the week: Monday to Friday worked, weekends off');
SELECT is(workdays_between('2023-12-31', '2024-12-31'), 251, 'workdays_between over 2024 = 251');
SELECT is(workdays_between('2024-12-31', '2025-12-31'), 248, 'workdays_between over 2025 = 248');
SELECT is(workdays_between('2025-12-31', '2024-12-31'), -248, 'workdays_between reversed is negative');
SELECT is(workdays_between('2003-12-31', '2026-12-31'), 5744, 'workdays_between over all 23 official years');

-- 2. Arithmetic across the festivals, checked by hand ----------------------

-- Spring Festival 2025: Tue 28 Jan to Tue 4 Feb off; Sun 26 Jan and Sat 8 Feb
-- worked.  From Fri 24 Jan: 26 Jan (1), 27 Jan (2), then 5, 6, 7 Feb (3-5),
-- Sat 8 Feb (6), Mon 10 Feb (7) ... 27 Feb (20).
SELECT is(add_workdays('2025-01-24', 1), '2025-01-26'::date, 'Spring Festival 2025: the adjusted Sunday 26 Jan is the 1st working day after Fri 24 Jan');
SELECT is(add_workdays('2025-01-24', 3), '2025-02-05'::date, 'Spring Festival 2025: the 3rd working day after 24 Jan skips the holiday week to Wed 5 Feb');
SELECT is(add_workdays('2025-01-24', 6), '2025-02-08'::date, 'Spring Festival 2025: the 6th is the adjusted Saturday 8 Feb');
SELECT is(deadline('2025-01-24', 20), '2025-02-27'::date, 'Spring Festival 2025: a 20-working-day limit from 24 Jan ends Thu 27 Feb');
SELECT is(add_workdays('2025-02-05', -2), '2025-01-26'::date, 'Spring Festival 2025: 2 working days before 5 Feb: 27 Jan, then the adjusted Sunday 26 Jan');
SELECT is(add_workdays('2025-02-05', -3), '2025-01-24'::date, 'Spring Festival 2025: the 3rd before 5 Feb is Fri 24 Jan');
SELECT is(workdays_between('2025-01-27', '2025-02-05'), 1, 'Spring Festival 2025: one working day in (27 Jan, 5 Feb]');
SELECT is(next_workday('2025-01-27'), '2025-02-05'::date, 'next_workday(27 Jan 2025) is 5 Feb');
SELECT is(workday_on_or_after('2025-01-30'), '2025-02-05'::date, 'workday_on_or_after(a holiday) is the next working day');
SELECT is(workday_on_or_after('2025-02-05'), '2025-02-05'::date, 'workday_on_or_after(a working day) is the day itself');
SELECT ok(NOT is_workday('2025-01-28') AND is_workday('2025-01-26') AND NOT is_workday('2025-02-09'),
          'Spring Festival 2025: 28 Jan off, Sun 26 Jan worked, Sun 9 Feb off');
-- National Day 2024: Tue 1 to Mon 7 Oct off; Sun 29 Sep and Sat 12 Oct worked.
SELECT is(add_workdays('2024-09-30', 1), '2024-10-08'::date, 'National Day 2024: the working day after Mon 30 Sep is Tue 8 Oct');
SELECT is(add_workdays('2024-09-27', 1), '2024-09-29'::date, 'National Day 2024: the working day after Fri 27 Sep is the adjusted Sunday 29 Sep');
SELECT is(add_workdays('2024-10-08', 5), '2024-10-14'::date, 'National Day 2024: 9, 10, 11, Sat 12 (adjusted), Mon 14 Oct');
-- National Day and Mid-autumn 2025: Wed 1 to Wed 8 Oct off; Sun 28 Sep and
-- Sat 11 Oct worked.  From Sun 28 Sep (itself not counted): 29, 30 Sep
-- (1-2), 9, 10, 11 Oct (3-5), 13-17 (6-10), 20-24 (11-15), 27-31 (16-20).
SELECT is(deadline('2025-09-28', 20), '2025-10-31'::date, 'National Day 2025: 20 working days from Sun 28 Sep end Fri 31 Oct');
SELECT is(add_workdays('2025-09-28', 20), '2025-10-31'::date, 'without pauses, deadline = add_workdays');
SELECT is(deadline('2025-09-26', 5), '2025-10-10'::date, 'National Day 2025: 5 working days from Fri 26 Sep: 28, 29, 30 Sep, 9, 10 Oct');
SELECT is(workdays_between('2025-09-30', '2025-10-09'), 1, 'National Day 2025: one working day in (30 Sep, 9 Oct]');
SELECT is(add_workdays('2025-10-09', -1), '2025-09-30'::date, 'National Day 2025: the working day before 9 Oct is 30 Sep');
SELECT is(add_workdays('2025-10-04', -1), '2025-09-30'::date, 'n < 0 from a holiday: the working day before Sat 4 Oct is 30 Sep');
SELECT is(add_workdays('2025-10-04', 0), '2025-10-04'::date, 'n = 0 returns the day itself, even a holiday');
SELECT is(deadline('2025-10-04', 0), '2025-10-04'::date, 'a limit of 0 working days is due on the start day');
SELECT is(workdays_between('2025-10-04', add_workdays('2025-10-04', 7)), 7, 'workdays_between(d, add_workdays(d, n)) = n for n > 0');

-- 3. Paused spans (hearing, testing, expert review: 行政许可法 art. 45) ------

-- The 20-day limit from Sun 28 Sep 2025 (due 31 Oct) with an expert review
-- Mon 13 to Fri 17 Oct: 5 working days paused, due one week later.
SELECT is(deadline('2025-09-28', 20, '{[2025-10-13,2025-10-18)}'), '2025-11-07'::date,
          'a review pausing 13-17 Oct 2025 (5 working days) moves 31 Oct to Fri 7 Nov');
SELECT is(deadline('2025-09-28', 20, '{[2025-10-01,2025-10-09)}'), '2025-10-31'::date,
          'a pause over holidays only (1-8 Oct) changes nothing');
SELECT is(deadline('2025-09-28', 20, '{[2025-10-08,2025-10-10)}'), '2025-11-03'::date,
          'a pause of 8-9 Oct pauses one working day (9 Oct): due Mon 3 Nov');
SELECT is(deadline('2025-09-28', 20, '{[2025-10-09,2025-10-10),[2025-10-20,2025-10-22)}'), '2025-11-05'::date,
          'two pauses of 1 and 2 working days: due Wed 5 Nov');
SELECT is(deadline('2025-09-28', 20, '{[2025-09-20,2025-09-30)}'), '2025-11-03'::date,
          'a pause that began before the start pauses only the days after it (29 Sep): due 3 Nov');
SELECT is(deadline('2025-09-28', 20, '{(,2025-09-30)}'), '2025-11-03'::date,
          'a pause with no beginning is the same');
SELECT is(deadline('2025-09-28', 20, '{[2025-11-03,2025-11-20)}'), '2025-10-31'::date,
          'a pause after the due date changes nothing');
SELECT is(deadline('2025-09-28', 20, '{[2025-10-31,2025-11-01)}'), '2025-11-03'::date,
          'a pause on the due day itself moves it to the next working day');
SELECT is(deadline('2025-09-28', 20, range_agg(r)), '2025-11-07'::date,
          'pauses built with range_agg (overlapping reviews merge)')
  FROM (VALUES (daterange('2025-10-13', '2025-10-16')), (daterange('2025-10-15', '2025-10-18'))) v(r);

-- The same limit on instants: the calendar's days are Asia/Shanghai days, and
-- the due time is the end of the due day there.
SELECT is(deadline_at('2025-09-28 15:00+08', 20), '2025-10-31 23:59:59.999999+08'::timestamptz,
          'deadline_at: the end of Fri 31 Oct 2025 in Shanghai');
SELECT is(deadline_at('2025-09-27 17:00+00', 20), '2025-10-31 23:59:59.999999+08'::timestamptz,
          'deadline_at: 17:00 UTC on 27 Sep is already 28 Sep in Shanghai');
SELECT is(deadline('2025-09-27', 20), '2025-10-30'::date,
          'while deadline() from the date 27 Sep is one working day earlier');
SELECT is(deadline_at('2025-09-28 15:00+08', 20, '{[2025-10-13 09:00+08,2025-10-13 11:00+08)}'),
          '2025-11-03 23:59:59.999999+08'::timestamptz, 'deadline_at: a two-hour hearing pauses the whole day 13 Oct');
SELECT is(deadline_at('2025-09-28 15:00+08', 20, '{[2025-10-13 00:00+08,2025-10-14 00:00+08)}'),
          '2025-11-03 23:59:59.999999+08'::timestamptz, 'deadline_at: a pause ending at midnight (exclusive) does not touch the next day');
SELECT is(deadline_at('2025-09-28 15:00+08', 20, '{[2025-10-13 00:00+08,2025-10-14 00:00+08]}'),
          '2025-11-04 23:59:59.999999+08'::timestamptz, 'deadline_at: an inclusive midnight touches the next day');

-- 4. Provisional results outside the official years -----------------------

SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2025-09-28', 20)),
          '(2025-10-31,f)', 'add_workdays_checked inside the official years: not provisional');
SELECT is((SELECT row(due, provisional)::text FROM deadline_checked('2025-09-28', 20, '{[2025-10-13,2025-10-18)}')),
          '(2025-11-07,f)', 'deadline_checked inside the official years: not provisional');
UPDATE calendar SET fallback_to_weekly = true WHERE code = 'cn';
-- Fallback: 2027 follows the week, so Fri 1 Jan 2027 counts although it
-- will surely be New Year's Day: the result is provisional.
SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2026-12-30', 3)),
          '(2027-01-04,t)', 'fallback: 31 Dec, Fri 1 Jan 2027 (weekly), Mon 4 Jan, provisional');
SELECT is(add_workdays('2026-12-30', 3), '2027-01-04'::date, 'fallback: add_workdays gives the same date');
-- Back from Fri 2 Jan 2004: 1 Jan is New Year's Day, then Wed 31 Dec 2003
-- (1) and Tue 30 Dec (2), by the week.
SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2004-01-02', -2)),
          '(2003-12-30,t)', 'fallback before 2004: 2 working days before Fri 2 Jan 2004 is Tue 30 Dec 2003, provisional');
SELECT is((SELECT row(due, provisional)::text FROM deadline_checked('2026-12-20', 5)),
          '(2026-12-25,f)', 'fallback: a result inside 2026 stays official');
SELECT is((SELECT row(due, provisional)::text FROM deadline_checked('2026-12-20', 10)),
          '(2027-01-01,t)', 'fallback: deadline_checked into 2027 is provisional');
SELECT is(workdays_between('2026-12-31', '2027-12-31'), 261, 'fallback: 2027 counted by the week (261 weekdays)');
UPDATE calendar SET fallback_to_weekly = false WHERE code = 'cn';

-- A user calendar with a gap year, a six-day week and fallback.
INSERT INTO calendar (code, name_en, name_zh, time_zone, rest_days, fallback_to_weekly)
    VALUES ('tap_six', 'Six-day week', '六天工作制', 'Asia/Shanghai', '{7}', true);
INSERT INTO calendar_year (calendar, year) VALUES ('tap_six', 2030), ('tap_six', 2032);
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh) VALUES
    ('tap_six', '2030-01-01', 'holiday', 'New Year''s Day', '元旦'),
    ('tap_six', '2030-01-06', 'adjusted_workday', 'New Year''s Day', '元旦');
SELECT is(workdays_between('2029-12-31', '2030-01-07', 'tap_six'), 6,
          'six-day week: 1 Jan off, Sun 6 Jan worked: 6 working days in the first week of 2030');
SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2031-06-01', 1, 'tap_six')),
          '(2031-06-02,t)', 'the gap year 2031 is provisional');
SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2032-06-01', 1, 'tap_six')),
          '(2032-06-02,f)', 'the official year 2032 is not');

-- A calendar without any official year: all weekly, all provisional.
INSERT INTO calendar (code, name_en, name_zh, time_zone, fallback_to_weekly)
    VALUES ('tap_week', 'Weekly only', '仅周休', 'UTC', true);
SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2025-10-03', 1, 'tap_week')),
          '(2025-10-06,t)', 'no official year: Fri 3 Oct 2025 + 1 is Mon 6 Oct, provisional');
UPDATE calendar SET fallback_to_weekly = false WHERE code = 'tap_week';
SELECT throws_ok($$SELECT is_workday('2025-10-01', 'tap_week')$$, '55000',
                 'calendar "tap_week" has no official data for year 2025', 'no official year, no fallback: an error');

-- 5. Errors ------------------------------------------------------------------

SELECT throws_ok($$SELECT is_workday('2025-01-01', 'nowhere')$$, '42704',
                 'calendar "nowhere" does not exist', 'an unknown calendar: undefined_object');
SELECT throws_ok($$SELECT add_workdays('2026-12-30', 3)$$, '55000',
                 'calendar "cn" has no official data for year 2027', 'past the official years: an error naming the year');
SELECT throws_ok($$SELECT is_workday('1999-05-01')$$, '55000',
                 'calendar "cn" has no official data for year 1999', 'before the official years: the year of the day');
SELECT throws_ok($$SELECT workdays_between('2020-01-01', '2030-01-01')$$, '55000',
                 'calendar "cn" has no official data for year 2027', 'a span across the end: the first missing year');
SELECT throws_ok($$SELECT * FROM add_workdays_checked('2026-12-30', 3)$$, '55000',
                 'calendar "cn" has no official data for year 2027', 'without fallback, the checked variant errors too');
SELECT throws_ok($$SELECT deadline_at('2026-12-20 10:00+08', 10)$$, '55000',
                 'calendar "cn" has no official data for year 2027', 'deadline_at past the official years');
SELECT throws_ok($$SELECT is_workday('infinity')$$, '22008',
                 'cannot count working days from or to an infinite date', 'an infinite date');
SELECT throws_ok($$SELECT workdays_between('-infinity', '2025-01-01')$$, '22008',
                 'cannot count working days from or to an infinite date', 'an infinite start');
SELECT throws_ok($$SELECT deadline_at('infinity', 5)$$, '22008',
                 'cannot count working days from an infinite timestamp', 'an infinite instant');
SELECT throws_ok($$SELECT add_workdays('2025-01-01', 2000000000, 'tap_six')$$, '22008',
                 'date out of range', 'a result past the range of type date');
SELECT throws_ok($$SELECT deadline('2025-09-28', 20, '{[2025-10-13,)}')$$, '22023',
                 'pause without an end', 'a pause without an end');
SELECT throws_ok($$SELECT deadline('2025-09-28', 20, '{[2025-10-13,infinity)}')$$, '22023',
                 'pause without an end', 'a pause ending at infinity');
SELECT throws_ok($$SELECT deadline_at('2025-09-28 10:00+08', 20, '{[2025-10-13 10:00+08,)}')$$, '22023',
                 'pause without an end', 'an instant pause without an end');
SELECT throws_ok($$SELECT deadline('2025-09-28', 20, '{[2025-10-18,2025-10-13)}')$$, '22000',
                 'range lower bound must be less than or equal to range upper bound',
                 'a pause that ends before it starts is rejected by the range type');
SELECT throws_ok($$SELECT deadline('2025-09-28', -1)$$, '22023',
                 'a deadline cannot count -1 working days', 'a negative time limit');

-- Contradicting exceptions, rejected with the data untouched.
SELECT throws_ok($$INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
                   VALUES ('cn', '2025-10-01', 'holiday', 'National Day', '国庆节')$$, '23505',
                 'duplicate key value violates unique constraint "calendar_day_one_entry_per_date"',
                 'the same date twice in one calendar');
SELECT throws_ok($$INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
                   VALUES ('cn', '2025-10-13', 'adjusted_workday', 'Test', '测试')$$, '23514',
                 'adjusted working day 2025-10-13 of calendar "cn" falls on a working day',
                 'an adjusted working day on a Monday');
SELECT lives_ok($$INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
                  VALUES ('tap_six', '2030-01-13', 'holiday', 'Test', '测试')$$,
                'a holiday on a weekly rest day is allowed');
SELECT throws_ok($$INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
                   VALUES ('cn', '2027-01-01', 'holiday', 'New Year''s Day', '元旦')$$, '23503',
                 NULL, 'a day outside the official years (add the year first)');
SELECT throws_ok($$UPDATE calendar SET rest_days = '{7}' WHERE code = 'cn'$$, '23514',
                 'adjusted working day 2004-01-17 of calendar "cn" would fall on a working day',
                 'rest days that turn an adjusted Saturday into an ordinary working day');
SELECT throws_ok($$UPDATE calendar SET rest_days = '{1,2,3,4,5,6,7}' WHERE code = 'tap_six'$$, '23514',
                 NULL, 'a week without a working day');
SELECT throws_ok($$UPDATE calendar SET time_zone = 'Asia/Nowhere' WHERE code = 'cn'$$, '22023',
                 'time zone "Asia/Nowhere" not recognized', 'an unknown time zone');
SELECT throws_ok($$INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
                   VALUES ('cn', '2025-12-25', 'holiday', 'Test', '测试'), ('cn', '2025-12-25', 'holiday', 'Test', '测试')$$,
                 '23505', NULL, 'a statement with one bad row fails whole');
SELECT is((SELECT count(*)::integer FROM calendar_day WHERE calendar = 'cn'), 769, 'the failed changes left cn with its 769 days');
SELECT is((SELECT rest_days::text || time_zone FROM calendar WHERE code = 'cn'), '{6,7}Asia/Shanghai',
          'and its rest days and time zone');
SELECT ok(is_workday('2025-12-25') AND is_workday('2025-10-13'), 'the functions still see the data as it was');

-- 6. Cache invalidation: the next statement sees a change ------------------

SELECT ok(is_workday('2025-10-13'), 'Mon 13 Oct 2025 is a working day (cached)');
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2025-10-13', 'holiday', 'Test', '测试');
SELECT ok(NOT is_workday('2025-10-13'), 'after inserting a holiday, the next call sees it');
SELECT is(deadline('2025-09-28', 20), '2025-11-03'::date, 'and deadlines move');
UPDATE calendar_day SET kind = 'holiday', day = '2025-10-14' WHERE calendar = 'cn' AND day = '2025-10-13';
SELECT ok(is_workday('2025-10-13') AND NOT is_workday('2025-10-14'), 'an update is seen');
DELETE FROM calendar_day WHERE calendar = 'cn' AND festival_en = 'Test';
SELECT ok(is_workday('2025-10-14'), 'a delete is seen');
-- Next year's official days, announced: add the year, then its days.
INSERT INTO calendar_year (calendar, year) VALUES ('cn', 2027);
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2027-01-01', 'holiday', 'New Year''s Day', '元旦');
SELECT is(add_workdays('2026-12-30', 3), '2027-01-05'::date, 'with 2027 added, 1 Jan 2027 is a holiday');
SELECT is((SELECT row(due, provisional)::text FROM add_workdays_checked('2026-12-30', 3)),
          '(2027-01-05,f)', 'and official');
SELECT throws_ok($$SELECT add_workdays('2027-12-30', 3)$$, '55000',
                 'calendar "cn" has no official data for year 2028', 'the span now ends in 2027');
DELETE FROM calendar_year WHERE calendar = 'cn' AND year = 2027;
SELECT is((SELECT count(*)::integer FROM calendar_day WHERE calendar = 'cn' AND year = 2027), 0,
          'withdrawing a year deletes its days');
SELECT throws_ok($$SELECT add_workdays('2026-12-30', 3)$$, '55000', NULL, 'and the functions see it');
UPDATE calendar SET fallback_to_weekly = false WHERE code = 'tap_six';
SELECT throws_ok($$SELECT add_workdays('2031-06-01', 1, 'tap_six')$$, '55000',
                 'calendar "tap_six" has no official data for year 2031', 'without fallback, the gap year 2031 is an error');
DELETE FROM calendar WHERE code = 'tap_six';
SELECT throws_ok($$SELECT is_workday('2030-01-01', 'tap_six')$$, '42704', NULL, 'a deleted calendar is gone');
-- Approval items name their calendar: truncating the calendars takes them along.
TRUNCATE calendar, calendar_year, calendar_day CASCADE;
SELECT throws_ok($$SELECT is_workday('2025-01-01')$$, '42704', NULL, 'TRUNCATE is seen too');

-- A time zone must be a zone name the C code can load, not an abbreviation.
SELECT throws_ok($$INSERT INTO calendar (code, name_en, name_zh, time_zone) VALUES ('tap_nzdt', 'NZ', '新西兰', 'NZDT')$$,
    '22023', NULL, 'a time zone abbreviation is not a calendar time zone');
-- The last valid day ends at the last valid instant.
INSERT INTO calendar (code, name_en, name_zh, time_zone, fallback_to_weekly)
    VALUES ('tap_far', 'Far future', '远期', 'UTC', true);
SELECT is(deadline_at('294276-12-31 10:00+00', 0, '{}', 'tap_far'), '294276-12-31 23:59:59.999999+00'::timestamptz,
          'deadline_at on the last day a timestamp can hold');
-- The cache triggers fire always (also in replica mode).
SELECT is(is_workday('2030-01-01', 'tap_far'), true, 'before: 1 January 2030 is a working day of tap_far (and it is cached)');
SET LOCAL session_replication_role = replica;
INSERT INTO calendar_year (calendar, year) VALUES ('tap_far', 2030);
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('tap_far', '2030-01-01', 'holiday', 'New Year''s Day', '元旦');
SET LOCAL session_replication_role = origin;
SELECT is(is_workday('2030-01-01', 'tap_far'), false, 'a day added in replica mode is seen (the cache was dropped)');

SELECT * FROM finish();
ROLLBACK;
