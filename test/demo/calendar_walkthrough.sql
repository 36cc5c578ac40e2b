-- Walkthrough: working-day calendars and deadlines (issue 3).  Read-only:
-- the one change (fallback) is rolled back.  Included by walkthrough.sql.
\echo
\echo '== Working-day calendar cn: National Day 2025 / 2025年国庆节工作日历 =='
SELECT d::date AS "day 日期", to_char(d, 'Dy') AS "dow 星期",
       CASE WHEN responsibility.is_workday(d::date) THEN 'work 上班' ELSE 'rest 休息' END AS "status 状态",
       coalesce(c.festival_en || ' ' || c.festival_zh ||
                CASE c.kind WHEN 'adjusted_workday' THEN ' (adjusted 调休)' ELSE '' END, '') AS "festival 节日"
  FROM generate_series('2025-09-27'::date, '2025-10-12', '1 day') d
  LEFT JOIN responsibility.calendar_day c ON c.calendar = 'cn' AND c.day = d::date
 ORDER BY d;

\echo
\echo '== An approval accepted on Sun 28 Sep 2025, limit 20 working days (行政许可法 art. 42) =='
\echo '   an expert review 13-17 Oct does not count (art. 45) / 专家评审时间不计入期限'
SELECT responsibility.deadline('2025-09-28', 20) AS "due 期限 (no pause)",
       responsibility.deadline('2025-09-28', 20, '{[2025-10-13,2025-10-18)}') AS "due 期限 (review paused)",
       responsibility.add_workdays(responsibility.deadline('2025-09-28', 20, '{[2025-10-13,2025-10-18)}'), -1)
           AS "reminder 提醒 (1 working day before)",
       responsibility.workdays_between('2025-09-28', '2025-10-31') AS "working days 28 Sep-31 Oct";

\echo
\echo '== The same limit on instants: the end of the due day in Asia/Shanghai / 截止时间 =='
SELECT responsibility.deadline_at('2025-09-28 15:20+08', 20,
                                  '{[2025-10-13 09:00+08,2025-10-17 18:00+08)}') AT TIME ZONE 'Asia/Shanghai'
           AS "due 截止 (Shanghai time)";

\echo
\echo '== Official years of cn / 官方数据年份 =='
SELECT min(year) AS "from 自", max(year) AS "to 至", count(*) AS "years 年数"
  FROM responsibility.calendar_year WHERE calendar = 'cn';

\echo
\echo '== Beyond 2026: an error unless the calendar falls back to the week; then provisional / 暂定 =='
BEGIN;
UPDATE responsibility.calendar SET fallback_to_weekly = true WHERE code = 'cn';
SELECT due AS "due 期限", provisional AS "provisional 暂定"
  FROM responsibility.deadline_checked('2026-12-20', 10);
ROLLBACK;
