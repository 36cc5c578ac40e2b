-- Working-day calendars (issue 3): exact output of every function and of
-- every error.  The extension exists already (00_install); every change made
-- here is undone at the end.
SET search_path = responsibility, public;
SET DateStyle = 'ISO, YMD';
SET TimeZone = 'Asia/Shanghai';

-- The functions' labels: STABLE (they read the tables), STRICT, PARALLEL SAFE.
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.provolatile, p.proparallel, p.proisstrict
  FROM pg_proc p
 WHERE p.pronamespace = 'responsibility'::regnamespace
   AND p.proname IN ('is_workday', 'add_workdays', 'add_workdays_checked', 'workdays_between', 'next_workday',
                     'workday_on_or_after', 'deadline', 'deadline_checked', 'deadline_at')
 ORDER BY 1, 2;

-- The built-in calendar.
SELECT code, name_en, name_zh, time_zone, rest_days, fallback_to_weekly, is_builtin FROM calendar;
SELECT min(year), max(year), count(*) FROM calendar_year WHERE calendar = 'cn';
SELECT kind, count(*) FROM calendar_day WHERE calendar = 'cn' GROUP BY kind ORDER BY kind;
SELECT day, to_char(day, 'Dy') AS dow, kind, festival_en, festival_zh, is_workday(day)
  FROM calendar_day WHERE day BETWEEN '2025-09-28' AND '2025-10-11' ORDER BY day;
SELECT y, workdays_between(make_date(y - 1, 12, 31), make_date(y, 12, 31)) AS workdays
  FROM generate_series(2004, 2026) y;

-- is_workday, next_workday, workday_on_or_after over National Day 2025.
SELECT d::date AS day, to_char(d, 'Dy') AS dow, is_workday(d::date),
       next_workday(d::date), workday_on_or_after(d::date)
  FROM generate_series('2025-09-26'::date, '2025-10-12', '1 day') d;

-- add_workdays: n > 0 forward, n < 0 back, the start never counting; n = 0
-- returns the start as it is.
SELECT n, add_workdays('2025-09-30', n) AS from_tue_30_sep, add_workdays('2025-10-04', n) AS from_sat_4_oct
  FROM generate_series(-3, 3) n;

-- workdays_between counts (from_day, to_day]; reversed, the negative.
SELECT workdays_between('2025-09-30', '2025-10-09') AS "(30 Sep, 9 Oct]",
       workdays_between('2025-10-09', '2025-09-30') AS "reversed",
       workdays_between('2025-10-01', '2025-10-08') AS "all holiday",
       workdays_between('2025-10-04', '2025-10-04') AS "empty";

-- deadline: an approval filed on Sun 28 Sep 2025 (an adjusted working day),
-- 20 working days (行政许可法 art. 42), with and without an expert review.
SELECT deadline('2025-09-28', 20) AS plain,
       deadline('2025-09-28', 20, '{[2025-10-13,2025-10-18)}') AS review_13_17_oct,
       deadline('2025-09-28', 20, '{[2025-10-01,2025-10-09)}') AS pause_on_holidays,
       deadline('2025-09-28', 20, '{[2025-10-09,2025-10-10),[2025-10-20,2025-10-22)}') AS two_pauses,
       deadline('2025-09-28', 0) AS zero_days;
SELECT * FROM deadline_checked('2025-09-28', 20, '{[2025-10-13,2025-10-18)}');
SELECT * FROM add_workdays_checked('2025-01-24', 6);

-- deadline_at: days of Asia/Shanghai; the due day's last microsecond.
SELECT deadline_at('2025-09-28 15:00+08', 20) AS plain,
       deadline_at('2025-09-27 17:00+00', 20) AS "17:00 UTC is the next day in Shanghai",
       deadline_at('2025-09-28 15:00+08', 20, '{[2025-10-13 09:00+08,2025-10-13 11:00+08)}') AS two_hour_hearing;
SET TimeZone = 'UTC';
SELECT deadline_at('2025-09-28 15:00+08', 20) AS "same instant shown in UTC";
SET TimeZone = 'Asia/Shanghai';

-- Outside the official years: an error naming the year ...
SELECT add_workdays('2026-12-30', 3);
SELECT is_workday('2003-06-02');
SELECT * FROM add_workdays_checked('2026-12-30', 3);
-- ... or, with fallback_to_weekly, a provisional result.
BEGIN;
UPDATE calendar SET fallback_to_weekly = true WHERE code = 'cn';
SELECT add_workdays('2026-12-30', 3);
SELECT * FROM add_workdays_checked('2026-12-30', 3);
SELECT * FROM deadline_checked('2026-12-20', 10);
SELECT * FROM add_workdays_checked('2026-12-20', 5);
ROLLBACK;

-- Errors of the functions.
SELECT is_workday('2025-01-01', 'nowhere');
SELECT is_workday('infinity');
SELECT workdays_between('2025-01-01', '-infinity');
SELECT deadline_at('infinity', 5);
SELECT deadline('2025-09-28', 20, '{[2025-10-13,)}');
SELECT deadline('2025-09-28', 20, '{[2025-10-13,infinity)}');
SELECT deadline_at('2025-09-28 10:00+08', 20, '{[2025-10-13 10:00+08,)}');
SELECT deadline('2025-09-28', 20, '{[2025-10-18,2025-10-13)}');
SELECT deadline('2025-09-28', -1);
SELECT deadline('2025-09-28', 20, NULL) AS strict_null;

-- A user calendar: six-day week, fallback, a gap year.
INSERT INTO calendar (code, name_en, name_zh, time_zone, rest_days, fallback_to_weekly)
    VALUES ('reg_six', 'Six-day week', '六天工作制', 'Europe/Berlin', '{7}', true);
INSERT INTO calendar_year (calendar, year) VALUES ('reg_six', 2030), ('reg_six', 2032);
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh) VALUES
    ('reg_six', '2030-01-01', 'holiday', 'New Year''s Day', '元旦'),
    ('reg_six', '2030-01-06', 'adjusted_workday', 'New Year''s Day', '元旦');
SELECT d::date AS day, to_char(d, 'Dy') AS dow, is_workday(d::date, 'reg_six')
  FROM generate_series('2029-12-30'::date, '2030-01-07', '1 day') d;
SELECT * FROM add_workdays_checked('2031-06-01', 1, 'reg_six');
-- Friday 23:30 in Berlin: the next working day is Saturday, due at its end there.
SELECT deadline_at('2030-01-04 23:30+01', 1, '{}', 'reg_six') AT TIME ZONE 'Europe/Berlin' AS berlin_time;
SELECT add_workdays('2025-01-01', 2000000000, 'reg_six');
-- A due day past the range of timestamptz is an error (22008), not the last instant.
SELECT deadline('2025-01-01', 100000000, '{}', 'reg_six') AS due_date;
\set VERBOSITY sqlstate
SELECT deadline_at('2025-01-01', 100000000, '{}', 'reg_six');
\set VERBOSITY default
SELECT deadline_at('2025-01-01', 100000000, '{}', 'reg_six');
UPDATE calendar SET fallback_to_weekly = false WHERE code = 'reg_six';
SELECT add_workdays('2031-06-01', 1, 'reg_six');
SELECT add_workdays('2028-06-01', 1, 'reg_six');

-- Contradicting or misplaced exceptions are rejected; data untouched.
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2025-10-01', 'holiday', 'National Day', '国庆节');
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2025-10-13', 'adjusted_workday', 'Test', '测试');
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('reg_six', '2030-01-13', 'holiday', 'Sunday holiday, allowed', '周日');
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2027-01-01', 'holiday', 'New Year''s Day', '元旦');
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2025-10-13', 'day off', 'Test', '测试');
UPDATE calendar SET rest_days = '{7}' WHERE code = 'cn';
UPDATE calendar SET rest_days = '{1,2,3,4,5,6,7}' WHERE code = 'reg_six';
UPDATE calendar SET time_zone = 'Asia/Nowhere' WHERE code = 'cn';
INSERT INTO calendar_year (calendar, year) VALUES ('cn', 10000);
SELECT count(*) FROM calendar_day WHERE calendar = 'cn';

-- A change is seen by the next statement; a rolled-back one is forgotten.
SELECT is_workday('2025-10-13');
BEGIN;
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh)
    VALUES ('cn', '2025-10-13', 'holiday', 'Test', '测试');
SELECT is_workday('2025-10-13'), deadline('2025-09-28', 20);
ROLLBACK;
SELECT is_workday('2025-10-13'), deadline('2025-09-28', 20);

DELETE FROM calendar WHERE code = 'reg_six';
SELECT is_workday('2030-01-01', 'reg_six');
SELECT code FROM calendar;
