-- Benchmark: the supervision of approvals (S2; issue 11) on round(10,000,000
-- * :scale) applications received over five years (2021-2025), round(1,000,000
-- * :scale) of them still open at the moment watched (2025-12-31 17:00
-- Beijing time), each with its steps (acceptance, handling, review), 20% with
-- a pause (expert review; one in ten of the open ones still running), 5% with
-- an extension, over 200 units with 5 items each.  In a tenant of its own,
-- through the extension's tables, under row-level security like any user's
-- query.  Compared in the same run, the answers checked first:
--   application_status(moment): the status of every open application, its
--   deadline, reminder day, deadline to act and the deadline of its step in
--   progress, against
--   (a) the best plain SQL a skilled user would write with the calendar
--       functions that exist (deadline(), add_workdays(), workdays_between()),
--       from the facts, with the indexes it needs: the same rules (the clock
--       from acceptance, or from receipt when materials were not asked for
--       in time; the pauses before the moment; the extension approved by
--       then; a running pause stops the clock; the step in progress);
--   (b) a plain scan of the open applications (the floor);
--   and supervision_scores() for one month over all units, against the same
--   month's signals counted by plain SQL from the facts.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET search_path = responsibility, public;
SET TimeZone = 'UTC';

SELECT round(10000000 * :scale)::int AS apps, round(1000000 * :scale)::int AS open_apps \gset
INSERT INTO tenant (code, name) SELECT 'bench_supervision', 'Supervision benchmark'
 WHERE NOT EXISTS (SELECT FROM tenant WHERE code = 'bench_supervision');
SET responsibility.tenant = 'bench_supervision';
SELECT current_tenant() AS tenant \gset

SELECT count(*) <> :apps AS rebuild FROM application WHERE tenant_id = :tenant \gset
\if :rebuild
SET session_replication_role = replica;   -- loading: the per-row rules are tested elsewhere
DELETE FROM application_pause WHERE tenant_id = :tenant;
DELETE FROM application_extension WHERE tenant_id = :tenant;
DELETE FROM application_step WHERE tenant_id = :tenant;
DELETE FROM application WHERE tenant_id = :tenant;
DELETE FROM approval_item WHERE tenant_id = :tenant;
DELETE FROM process_step WHERE tenant_id = :tenant;
DELETE FROM process WHERE tenant_id = :tenant;
DELETE FROM power WHERE tenant_id = :tenant;
DELETE FROM assignment WHERE tenant_id = :tenant;
DELETE FROM position WHERE tenant_id = :tenant;
DELETE FROM person WHERE tenant_id = :tenant;
DELETE FROM unit WHERE tenant_id = :tenant;
RESET session_replication_role;
INSERT INTO unit (unit_id, name) SELECT u, 'unit ' || u FROM generate_series(1, 200) u;
INSERT INTO position (position_id, unit_id, title) SELECT u, u, 'clerk' FROM generate_series(1, 200) u;
INSERT INTO person (person_id, name) SELECT u, 'clerk ' || u FROM generate_series(1, 200) u;
INSERT INTO power (power_id, unit_id, kind, title) SELECT u, u, 'approval', 'licensing ' || u FROM generate_series(1, 200) u;
INSERT INTO process (process_id, unit_id, title) SELECT u, u, 'licensing ' || u FROM generate_series(1, 200) u;
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end)
SELECT u * 10 + s, u, s, (ARRAY['accept', 'handle', 'review'])[s], (ARRAY['acceptance', 'handler', 'reviewer'])[s]::step_role,
       (ARRAY[1, 12, 5])[s], s = 3
  FROM generate_series(1, 200) u, generate_series(1, 3) s;
INSERT INTO approval_item (item_id, power_id, title, kind, promised_limit, process_id)
SELECT u * 10 + k, u, 'item ' || k, (ARRAY['licence', 'licence', 'licence', 'joint', 'certificate'])[k]::approval_kind,
       CASE WHEN k = 2 THEN 15 END, u
  FROM generate_series(1, 200) u, generate_series(1, 5) k;
SET session_replication_role = replica;
SELECT setseed(0.11);
-- Decided applications over 2021-01-04 .. 2025-11-30, open ones received in
-- the last 70 days before the moment.
CREATE TEMP TABLE gen AS
SELECT a AS application_id, (a % 1000) AS slot, a > :apps - :open_apps AS is_open,
       CASE WHEN a > :apps - :open_apps
            THEN timestamptz '2025-10-22 09:00+08' + (random() * 70) * interval '1 day'
            ELSE timestamptz '2021-01-04 09:00+08' + (random() * 1781) * interval '1 day' END AS received_at,
       random() AS r1, random() AS r2, random() AS r3
  FROM generate_series(1, :apps) a;
UPDATE gen SET received_at = least(received_at, '2025-12-31 12:00+08') WHERE is_open;
INSERT INTO application (application_id, item_id, unit_id, ref, received_at, accepted_at, outcome, decided_at, calendar, time_zone)
SELECT g.application_id, (g.slot / 5 + 1) * 10 + g.slot % 5 + 1, g.slot / 5 + 1, 'B-' || g.application_id, g.received_at,
       CASE WHEN g.received_at + interval '2 hours' + (g.r1 * 2)::int * interval '1 day' <= '2025-12-31 17:00+08'
            THEN g.received_at + interval '2 hours' + (g.r1 * 2)::int * interval '1 day' END,
       CASE WHEN NOT g.is_open THEN 'granted'::application_outcome END,
       CASE WHEN NOT g.is_open THEN g.received_at + (10 + g.r2 * 30) * interval '1 day' END, 'cn', 'Asia/Shanghai'
  FROM gen g;
-- Steps: acceptance; handling from acceptance for 2-16 days; review after
-- it, done before the decision.  Open ones: half still handling.
INSERT INTO application_step (application_id, step_no, step_id, person_id, position_id, started_at, done_at, action)
SELECT a.application_id, 1, a.unit_id * 10 + 1, a.unit_id, a.unit_id, a.received_at, a.accepted_at, 'passed'
  FROM application a WHERE a.tenant_id = :tenant;
INSERT INTO application_step (application_id, step_no, step_id, person_id, position_id, started_at, done_at, action)
SELECT a.application_id, 2, a.unit_id * 10 + 2, a.unit_id, a.unit_id, a.accepted_at,
       CASE WHEN a.decided_at IS NOT NULL THEN least(a.accepted_at + (2 + g.r3 * 14) * interval '1 day', a.decided_at - interval '1 hour')
            WHEN g.r3 < 0.5 AND a.accepted_at + interval '3 days' < '2025-12-31 12:00+08' THEN a.accepted_at + interval '3 days' END,
       'passed'
  FROM application a JOIN gen g USING (application_id) WHERE a.tenant_id = :tenant AND a.accepted_at IS NOT NULL;
INSERT INTO application_step (application_id, step_no, step_id, person_id, position_id, started_at, done_at, action)
SELECT s.application_id, 3, s.step_id + 1, s.person_id, s.position_id, s.done_at,
       CASE WHEN a.decided_at IS NOT NULL THEN a.decided_at END, 'passed'
  FROM application_step s JOIN application a USING (tenant_id, application_id)
 WHERE s.tenant_id = :tenant AND s.step_no = 2 AND s.done_at IS NOT NULL;
-- Pauses: 20% of the applications, 1-5 days from the third day after
-- acceptance (within the application's life); one open in ten still running.
INSERT INTO application_pause (application_id, kind, during)
SELECT a.application_id, 'expert_review',
       tstzrange(a.accepted_at + interval '3 days',
                 CASE WHEN a.decided_at IS NULL AND g.r1 < 0.02 THEN NULL
                      ELSE a.accepted_at + interval '3 days' + (1 + g.r2 * 4) * interval '1 day' END)
  FROM application a JOIN gen g USING (application_id)
 WHERE a.tenant_id = :tenant AND g.r3 < 0.2
   AND a.accepted_at + interval '8 days' < coalesce(a.decided_at, '2025-12-31 12:00+08');
-- Extensions: 5%, 10 working days, approved on the fifth day after acceptance.
INSERT INTO application_extension (application_id, days, approved_by, approved_at)
SELECT a.application_id, 10, a.unit_id, a.accepted_at + interval '5 days'
  FROM application a JOIN gen g USING (application_id) JOIN approval_item i USING (tenant_id, item_id)
 WHERE a.tenant_id = :tenant AND g.r2 > 0.95 AND i.kind <> 'certificate'
   AND a.accepted_at + interval '5 days' < coalesce(a.decided_at, '2025-12-31 12:00+08');
-- The kept clocks, by the function the trigger calls, in one statement
-- (the trigger's per-row checks would take an hour at scale 1).
UPDATE application a
   SET (clock_start, clock_limit, paused_since, due_on, remind_on, act_by, step_no, step_due_on, clock_as_of)
     = (SELECT c.clock_start, c.clock_limit, c.paused_since, c.due_on, c.remind_on, c.act_by, c.step_no, c.step_due_on,
               c.clock_as_of
          FROM application_clock(a, 'infinity') c)
 WHERE a.tenant_id = :tenant;
RESET session_replication_role;
VACUUM ANALYZE application, application_step, application_pause, application_extension;
\endif

SELECT count(*) FILTER (WHERE decided_at IS NULL) AS open, count(*) AS total FROM application WHERE tenant_id = :tenant;

-- The moment watched, and the plain SQL for the status at it.
\set moment '''2025-12-31 17:00+08'''
CREATE FUNCTION pg_temp.baseline(m timestamptz)
    RETURNS TABLE (application_id bigint, status responsibility.supervision_status, due_on date, remind_on date, act_by date,
                   workdays_over integer, step_no integer, step_due_on date)
    LANGUAGE sql STABLE AS $b$
WITH k AS (SELECT (m AT TIME ZONE c.time_zone)::date AS d, c.time_zone AS tz FROM calendar c WHERE c.code = 'cn'),
clock AS (
    SELECT a.application_id, k.d, st.step_no,
           CASE WHEN (least(acc.at, ntf.at) AT TIME ZONE k.tz)::date <= add_workdays((a.received_at AT TIME ZONE k.tz)::date, 5)
                THEN (acc.at AT TIME ZONE k.tz)::date
                ELSE (a.received_at AT TIME ZONE k.tz)::date END AS start,
           coalesce(i.promised_limit, i.statutory_limit) + coalesce(e.days, 0) AS lim,
           coalesce(p.closed, '{}') AS closed, p.open_from,
           (st.started_at AT TIME ZONE k.tz)::date AS step_start, ps.time_limit AS step_limit
      FROM application a CROSS JOIN k
      CROSS JOIN LATERAL (SELECT CASE WHEN a.accepted_at <= m THEN a.accepted_at END AS at) acc
      CROSS JOIN LATERAL (SELECT CASE WHEN a.materials_notified_at <= m THEN a.materials_notified_at END AS at) ntf
      JOIN approval_item i ON i.tenant_id = a.tenant_id AND i.item_id = a.item_id
      LEFT JOIN application_extension e ON e.tenant_id = a.tenant_id AND e.application_id = a.application_id
                                       AND e.approved_at <= m
      LEFT JOIN LATERAL (
            SELECT range_agg(daterange((lower(x.during) AT TIME ZONE k.tz)::date,
                                       ((upper(x.during) AT TIME ZONE k.tz) - interval '1 microsecond')::date, '[]'))
                       FILTER (WHERE upper(x.during) <= m) AS closed,
                   min((lower(x.during) AT TIME ZONE k.tz)::date) FILTER (WHERE NOT coalesce(upper(x.during) <= m, false)) AS open_from
              FROM application_pause x
             WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id AND lower(x.during) <= m) p ON true
      LEFT JOIN LATERAL (
            SELECT s.step_no, s.step_id, s.started_at FROM application_step s
             WHERE s.tenant_id = a.tenant_id AND s.application_id = a.application_id
               AND s.started_at <= m AND NOT coalesce(s.done_at <= m, false)
             ORDER BY s.started_at DESC, s.step_no DESC LIMIT 1) st ON true
      LEFT JOIN process_step ps ON ps.tenant_id = a.tenant_id AND ps.step_id = st.step_id
     WHERE a.tenant_id = current_tenant() AND a.received_at <= m
       AND (a.decided_at IS NULL OR a.decided_at > m)),
due AS (
    SELECT c.*, CASE WHEN c.open_from <= x.due THEN NULL ELSE x.due END AS due_on,
           CASE WHEN c.open_from <= y.step_due THEN NULL ELSE y.step_due END AS step_due_on
      FROM clock c,
           LATERAL (SELECT deadline(c.start, c.lim, c.closed) AS due) x,
           LATERAL (SELECT deadline(c.step_start, c.step_limit, c.closed) AS step_due) y)
SELECT u.application_id,
       CASE WHEN u.start IS NULL THEN 'awaiting' WHEN u.due_on IS NULL THEN 'paused'
            WHEN u.d < r.remind_on THEN 'green' WHEN u.d <= u.due_on THEN 'reminder'
            WHEN u.d <= r.act_by THEN 'yellow' ELSE 'red' END::supervision_status AS status,
       u.due_on, r.remind_on, r.act_by,
       CASE WHEN u.d > u.due_on THEN workdays_between(u.due_on, u.d) END AS workdays_over, u.step_no, u.step_due_on
  FROM due u, LATERAL (SELECT add_workdays(u.due_on, -1) AS remind_on, add_workdays(u.due_on, 3) AS act_by) r
$b$;

-- The answers agree, row for row.
SELECT count(*) AS differences FROM (
    (SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM application_status(:moment)
     EXCEPT ALL
     SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM pg_temp.baseline(:moment)
     UNION ALL
     (SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM pg_temp.baseline(:moment)
      EXCEPT ALL
      SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM application_status(:moment)))
) d;
SELECT status, count(*) FROM application_status(:moment) GROUP BY 1 ORDER BY 1;
SELECT count(*) FILTER (WHERE clock_as_of > :moment) AS facts_after_the_moment
  FROM application WHERE tenant_id = :tenant AND decided_at IS NULL;

-- Timed: each query reads every column the status is made of.
\set cand 'SELECT count(*), count(*) FILTER (WHERE status = ''red''), sum(due_on - date ''2000-01-01''), sum(remind_on - date ''2000-01-01''), sum(act_by - date ''2000-01-01''), sum(workdays_over), sum(step_due_on - date ''2000-01-01'') FROM responsibility.application_status(' :moment ')'
\set base 'SELECT count(*), count(*) FILTER (WHERE status = ''red''), sum(due_on - date ''2000-01-01''), sum(remind_on - date ''2000-01-01''), sum(act_by - date ''2000-01-01''), sum(workdays_over), sum(step_due_on - date ''2000-01-01'') FROM pg_temp.baseline(' :moment ')'
\set scan 'SELECT count(*), sum(due_on - date ''2000-01-01''), sum(remind_on - date ''2000-01-01''), sum(act_by - date ''2000-01-01''), sum(step_due_on - date ''2000-01-01'') FROM responsibility.application a WHERE a.tenant_id = responsibility.current_tenant() AND a.received_at <= ' :moment ' AND (a.decided_at IS NULL OR a.decided_at > ' :moment ')'
SELECT * FROM bench.compare('status: plain SQL / application_status()', :'base', :'cand', 5);
SELECT * FROM bench.compare('status: plain scan of the open / application_status()', :'scan', :'cand', 5);
-- The same two with parallel workers allowed (PL/pgSQL's EXECUTE ... INTO,
-- which times the rows above, runs without them).
SELECT * FROM bench.compare('status, parallel allowed: plain SQL / application_status()', :'base', :'cand', 3, true);
SELECT * FROM bench.compare('status, parallel allowed: plain scan of the open / application_status()', :'scan', :'cand', 5, true);
-- A month earlier: a quarter of the applications open then have facts
-- recorded after it, which application_status() reads from the facts (the
-- inlined application_clock()), as the plain SQL does for every row.
\set earlier '''2025-11-28 17:00+08'''
SELECT count(*) AS open_a_month_earlier, count(*) FILTER (WHERE a.clock_as_of > :earlier) AS with_later_facts
  FROM application a WHERE a.tenant_id = :tenant AND a.received_at <= :earlier AND (a.decided_at IS NULL OR a.decided_at > :earlier);
SELECT count(*) AS differences_a_month_earlier FROM (
    (SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM application_status(:earlier)
     EXCEPT ALL
     SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM pg_temp.baseline(:earlier))
    UNION ALL
    (SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM pg_temp.baseline(:earlier)
     EXCEPT ALL
     SELECT application_id, status, due_on, remind_on, act_by, workdays_over, step_no, step_due_on FROM application_status(:earlier))) d;
\set cand_e 'SELECT count(*), count(*) FILTER (WHERE status = ''red''), sum(due_on - date ''2000-01-01''), sum(remind_on - date ''2000-01-01''), sum(act_by - date ''2000-01-01''), sum(workdays_over), sum(step_due_on - date ''2000-01-01'') FROM responsibility.application_status(' :earlier ')'
\set base_e 'SELECT count(*), count(*) FILTER (WHERE status = ''red''), sum(due_on - date ''2000-01-01''), sum(remind_on - date ''2000-01-01''), sum(act_by - date ''2000-01-01''), sum(workdays_over), sum(step_due_on - date ''2000-01-01'') FROM pg_temp.baseline(' :earlier ')'
SELECT * FROM bench.compare('status a month earlier: plain SQL / application_status()', :'base_e', :'cand_e', 3);

-- The month's unit scores over all units: supervision_scores() against the
-- month's yellow and red cards, decisions and early ones counted by plain
-- SQL from the kept clocks (the lower bound of what the score reads).
\set month '''[2025-11-01,2025-12-01)'''
SELECT count(*) AS units, min(score), max(score), sum(decisions) AS decisions FROM supervision_scores(:month);
\set scores 'SELECT count(*), sum(score) FROM responsibility.supervision_scores(' :month ')'
\set counts 'SELECT count(*), sum(y), sum(r), sum(d) FROM (SELECT a.unit_id, count(*) FILTER (WHERE a.due_on + 1 <@ ' :month '::daterange AND NOT coalesce((a.decided_at AT TIME ZONE ''Asia/Shanghai'')::date <= a.due_on, false)) y, count(*) FILTER (WHERE a.act_by + 1 <@ ' :month '::daterange AND NOT coalesce((a.decided_at AT TIME ZONE ''Asia/Shanghai'')::date <= a.act_by, false)) r, count(*) FILTER (WHERE (a.decided_at AT TIME ZONE ''Asia/Shanghai'')::date <@ ' :month '::daterange) d FROM responsibility.application a WHERE a.tenant_id = responsibility.current_tenant() AND a.received_at < ''2025-12-01'' AND (a.decided_at IS NULL OR a.decided_at >= ''2025-11-01'') GROUP BY a.unit_id) x'
SELECT * FROM bench.compare('month scores: plain counts / supervision_scores()', :'counts', :'scores', 3);
