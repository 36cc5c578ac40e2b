-- Benchmark: the coverage report (R4, R5, R7) of the whole organisation of
-- 10_command_chain.sql over its five years, 2021-01-01 to 2026-01-01.
--
-- The catalogue (built once per build of the organisation, with every
-- trigger and foreign key in force; the time of each load and of its
-- triggers is printed then):
--   round(2,000,000 * :scale) duties, two per post in the units of the posts,
--     3% created and 3% abolished during the five years, 3% without a
--     consequence, 60% with a quantified target; their primary owners over
--     time: 25% never change, 60% change once, 15% twice (to another post
--     of the unit, or the post above in a one-post unit); defects: at 2% of
--     changes a gap of 1-45 days, at 1% an overlap of 1-30 days, 0.5% owned
--     only from some day of 2021, 0.3% owned no more from 2025, 0.3% with
--     the post above as a second primary owner for 90 days (0.05% with the
--     head as a third); 20% with the head of the unit as supervisory owner.
--     The owners' posts are vacant at the vacancies of 10_command_chain.sql
--     (0-60 days at a change of holder, at almost every post): hence many
--     vacant_owner findings.
--   round(100,000 * :scale) processes of 3-6 steps (acceptance, handling and
--     review by posts of the unit, approval by its head or, 20%, by the post
--     above it), 5% created during the five years; 30% of the steps change
--     owner once (2% with a gap, 1% with an overlap), 0.5% never owned;
--     hand-offs in a chain, except 1.5% with a dead end (and unreachable
--     steps after it), 1% with a cycle, 1% with a skipped step (unreachable);
--     3% without an approval step.
--   round(200,000 * :scale) powers of the units of the duties, 96% implying
--     one or two duties.
--
-- Compared, after checking that both give the same rows:
--   coverage_sweep() (C) with the plain SQL a skilled user would write for
--   the same kinds (bench.coverage_sweep_sql below: multiranges for
--   gaps, vacancies, idle persons and missing indicators, a window function
--   to find the duties and steps with overlapping owners, then their
--   elementary segments); with the indexes of the catalogue only (at scale
--   1 the plan walks the scope's units by their indexes, and the duties,
--   steps and owners by (tenant_id, unit_id) and (tenant_id, duty_id,
--   during); the tenant-wide aggregates of tenures and ownerships by post
--   are hash joins over sequential scans; enable_nestloop = off or 64MB of
--   work_mem did not make it faster); with JIT on (the default) and off;
--   coverage_structure() (C) with the SQL of test/tools/coverage_structure.sql
--   (recursive CTEs for reachability and cycles, anti-joins for the rest:
--   the report's own text until 0.5.0);
--   coverage_report() (C: gathers, sorts, names and explains) with the
--   PL/pgSQL report of test/tools/coverage_report.sql (the report's text
--   until 0.5.0: it sorts the findings, then names each object by an index
--   probe) whose C parts are those SQL, its explanations format() and
--   to_char().
-- coverage_sweep() keeps its arrays between calls (with the organisation
-- image, within responsibility.chain_cache_size): the comparison is made
-- with the default size and with 2GB.  Then, for both sizes: the backend's
-- peak memory (the sweep's and the report's) and the first call in a new
-- connection against later calls,
-- and the next call after a committed one-row change of a duty_owner row.
-- The answers are compared again after a transaction rolled back and after
-- those changes.  A coverage_report() slower than report_limit once is not
-- timed; one slower than report_quick is timed over fewer runs.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
-- The structural findings in plain SQL (pg_temp.coverage_structure_sql),
-- and the report in PL/pgSQL over its C parts (pg_temp.coverage_report_sql).
\ir ../tools/coverage_structure.sql
\ir ../tools/coverage_report.sql

CREATE TABLE IF NOT EXISTS bench.coverage_meta (scale text PRIMARY KEY, org_built timestamptz, built timestamptz);

SELECT NOT EXISTS (SELECT FROM bench.coverage_meta c JOIN bench.org_meta o ON o.scale = c.scale AND o.built = c.org_built
                    WHERE c.scale = :'scale') AS need_build \gset
\if :need_build
\echo building the catalogue at scale :scale (once)
TRUNCATE responsibility.duty, responsibility.duty_owner, responsibility.power, responsibility.power_duty,
         responsibility.process, responsibility.process_step, responsibility.step_owner,
         responsibility.step_handoff RESTART IDENTITY CASCADE;
DELETE FROM bench.coverage_meta;

-- A load with its triggers in force: rows, time, and the time of each
-- trigger (foreign keys by constraint name), from EXPLAIN ANALYZE.
CREATE OR REPLACE FUNCTION bench.load(name text, q text)
    RETURNS TABLE (step text, rows bigint, ms numeric, trigger_ms text)
    LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
    RETURN QUERY
    SELECT name, (plan -> 0 -> 'Plan' -> 'Plans' -> 0 ->> 'Actual Rows')::bigint,
           round((plan -> 0 ->> 'Execution Time')::numeric),
           (SELECT string_agg(format('%s %s', coalesce(t ->> 'Constraint Name', t ->> 'Trigger Name'),
                                     round((t ->> 'Time')::numeric)), ', ' ORDER BY (t ->> 'Time')::numeric DESC)
              FROM json_array_elements(plan -> 0 -> 'Triggers') t);
END
$$;

-- Posts with their rank in their unit, the unit's size and head.
CREATE TEMP TABLE cpost AS
SELECT row_number() OVER (ORDER BY p.position_id) AS rn, p.position_id, p.unit_id, p.reports_to,
       row_number() OVER (PARTITION BY p.unit_id ORDER BY p.position_id) - 1 AS k,
       count(*) OVER (PARTITION BY p.unit_id) AS n, h.head
  FROM responsibility.position p
  LEFT JOIN (SELECT unit_id, min(position_id) AS head FROM responsibility.position
              WHERE tenant_id = 1 AND kind = 'head' GROUP BY unit_id) h ON h.unit_id = p.unit_id
 WHERE p.tenant_id = 1;
CREATE INDEX ON cpost (rn);
CREATE INDEX ON cpost (unit_id, k);
ANALYZE cpost;
SELECT count(*) AS npost FROM cpost \gset
CREATE TEMP TABLE cn AS SELECT round(2000000 * :scale)::bigint AS nduty, round(200000 * :scale)::bigint AS npower;

-- Duties: the draw of each, then the rows.
CREATE TEMP TABLE dd AS
WITH g AS (
    SELECT d, b.unit_id, b.position_id AS p1, b.reports_to, coalesce(b.head, b.position_id) AS head, b.k, b.n,
           random() AS r_life, random() AS r_chg, random() AS r_def1, random() AS r_def2,
           random() AS r_misc, random() AS r_sup,
           timestamptz '2021-01-01' + random() * interval '1500 days' AS t_life,
           timestamptz '2021-01-01' + random() * interval '1700 days' AS c1,
           (60 + random() * 700) * interval '1 day' AS dc2,
           (1 + floor(random() * 45)) * interval '1 day' AS gapd,
           (1 + floor(random() * 30)) * interval '1 day' AS ovd
      FROM generate_series(1, round(2000000 * :scale)::bigint) d
      JOIN cpost b ON b.rn = (d - 1) % :npost + 1)
SELECT g.*,
       CASE WHEN r_life < 0.03 THEN t_life ELSE '-infinity' END AS lo,
       CASE WHEN r_life >= 0.03 AND r_life < 0.06 THEN t_life + interval '180 days' ELSE 'infinity' END AS hi,
       CASE WHEN r_chg < 0.25 THEN 0 WHEN r_chg < 0.85 THEN 1 ELSE 2 END AS nchg,
       coalesce(q2.position_id, g.reports_to, g.p1) AS p2,
       coalesce(q3.position_id, g.reports_to, g.p1) AS p3
  FROM g
  LEFT JOIN cpost q2 ON g.n > 1 AND q2.unit_id = g.unit_id AND q2.k = (g.k + 1 + (g.d % 5) % nullif(g.n - 1, 0)) % g.n
  LEFT JOIN cpost q3 ON g.n > 1 AND q3.unit_id = g.unit_id AND q3.k = (g.k + 2 + (g.d % 7) % nullif(g.n - 1, 0)) % g.n;
ANALYZE dd;

\timing on
SELECT * FROM bench.load('duty', $q$
INSERT INTO responsibility.duty (tenant_id, duty_id, unit_id, code, title, basis, domain, target, target_value,
                                 target_unit, measure, consequence, public_interest, valid)
SELECT 1, d, unit_id, 'D' || d, 'Duty ' || d, 'Regulation ' || d % 97,
       CASE d % 10 WHEN 0 THEN 'work safety' WHEN 1 THEN 'environment' END,
       CASE WHEN d % 10 = 6 THEN 'on time' END,
       CASE WHEN d % 10 < 6 THEN d % 100 END, CASE WHEN d % 10 < 6 THEN '%' END,
       CASE WHEN d % 10 <= 6 THEN 'annual review' END,
       CASE WHEN d % 33 <> 0 THEN 'Accountability under rule ' || d % 13 END,
       d % 10 = 0, tstzrange(lo, hi)
  FROM dd$q$);

-- Owner rows: [from, to) clipped to the duty's life; an infinite end is
-- written unbounded for a quarter of the duties.
SELECT * FROM bench.load('duty_owner', $q$
INSERT INTO responsibility.duty_owner (tenant_id, duty_id, position_id, kind, during)
SELECT 1, d, o.pos, o.kind::responsibility.ownership_kind,
       tstzrange(CASE WHEN greatest(lo, o.f) = '-infinity' AND d % 4 = 1 THEN NULL ELSE greatest(lo, o.f) END,
                 CASE WHEN least(hi, o.t) = 'infinity' AND d % 4 = 0 THEN NULL ELSE least(hi, o.t) END)
  FROM (SELECT dd.*,
               CASE WHEN r_misc >= 0.97 AND r_misc < 0.975
                    THEN timestamptz '2021-01-01' + 2 * gapd ELSE '-infinity' END AS first_from,
               CASE WHEN r_misc >= 0.975 AND r_misc < 0.978
                    THEN timestamptz '2025-01-01' + 3 * gapd ELSE 'infinity' END AS last_to,
               c1 + CASE WHEN r_def1 < 0.02 THEN gapd ELSE '0' END AS s2,
               c1 + CASE WHEN r_def1 >= 0.02 AND r_def1 < 0.03 THEN ovd ELSE '0' END AS e1,
               c1 + dc2 + CASE WHEN r_def2 < 0.02 THEN gapd ELSE '0' END AS s3,
               c1 + dc2 + CASE WHEN r_def2 >= 0.02 AND r_def2 < 0.03 THEN ovd ELSE '0' END AS e2
          FROM dd) x
 CROSS JOIN LATERAL (VALUES
        (p1, 'primary', first_from, CASE nchg WHEN 0 THEN last_to ELSE e1 END),
        (CASE WHEN nchg >= 1 THEN p2 END, 'primary', s2, CASE nchg WHEN 1 THEN last_to ELSE e2 END),
        (CASE WHEN nchg = 2 THEN p3 END, 'primary', s3, last_to),
        (CASE WHEN r_misc >= 0.978 AND r_misc < 0.981 THEN coalesce(reports_to, head) END,
         'primary', c1 - interval '30 days', c1 + interval '60 days'),
        (CASE WHEN r_misc >= 0.9805 AND r_misc < 0.981 THEN head END,
         'primary', c1 - interval '10 days', c1 + interval '20 days'),
        (CASE WHEN r_sup < 0.2 THEN CASE WHEN head <> p1 THEN head ELSE coalesce(reports_to, p2) END END,
         'supervisory', timestamptz '-infinity', timestamptz 'infinity')) o(pos, kind, f, t)
 WHERE o.pos IS NOT NULL AND greatest(lo, o.f) < least(hi, o.t)$q$);

-- Processes, steps, owners, hand-offs.
CREATE TEMP TABLE pp AS
SELECT q AS process_id, b.unit_id, b.position_id AS p0, coalesce(b.head, b.position_id) AS head,
       coalesce(hp.reports_to, b.head, b.position_id) AS above_head, b.k, b.n,
       CASE WHEN random() < 0.05 THEN timestamptz '2021-01-01' + random() * interval '1500 days'
            ELSE '-infinity' END AS lo,
       3 + floor(random() * 4)::int AS nsteps, random() AS r_def, random() AS r_app
  FROM generate_series(1, round(100000 * :scale)::bigint) q
  JOIN cpost b ON b.rn = (7 * q - 1) % :npost + 1
  LEFT JOIN cpost hp ON hp.position_id = b.head;
ANALYZE pp;

SELECT * FROM bench.load('process', $q$
INSERT INTO responsibility.process (tenant_id, process_id, unit_id, code, title, domain, valid)
SELECT 1, process_id, unit_id, 'PR' || process_id, 'Process ' || process_id,
       CASE WHEN process_id % 10 = 0 THEN 'work safety' END, tstzrange(lo, 'infinity')
  FROM pp$q$);

CREATE TEMP TABLE ss AS
SELECT pp.*, (pp.process_id - 1) * 6 + s AS step_id, s AS seq,
       CASE WHEN s = 1 THEN 'acceptance'
            WHEN s = nsteps THEN CASE WHEN r_app < 0.03 THEN 'reviewer' ELSE 'approver' END
            WHEN s % 2 = 0 THEN 'handler' ELSE 'reviewer' END AS role,
       random() AS r_chg, random() AS r_def_o,
       timestamptz '2021-01-01' + random() * interval '1800 days' AS c,
       (1 + floor(random() * 45)) * interval '1 day' AS gapd,
       (1 + floor(random() * 30)) * interval '1 day' AS ovd
  FROM pp, generate_series(1, pp.nsteps) s;
ANALYZE ss;

SELECT * FROM bench.load('process_step', $q$
INSERT INTO responsibility.process_step (tenant_id, step_id, process_id, seq, name, role, time_limit, is_end)
SELECT 1, step_id, process_id, seq, role || ' ' || seq, role::responsibility.step_role, 5 + step_id % 16, seq = nsteps
  FROM ss$q$);

SELECT * FROM bench.load('step_owner', $q$
INSERT INTO responsibility.step_owner (tenant_id, step_id, position_id, during)
SELECT 1, step_id, o.pos, tstzrange(greatest(lo, o.f), o.t)
  FROM (SELECT ss.*,
               CASE WHEN role = 'approver' THEN CASE WHEN process_id % 5 = 0 THEN ss.above_head ELSE ss.head END
                    WHEN role = 'reviewer' AND seq > 1 THEN p0
                    ELSE coalesce(q1.position_id, p0) END AS own1,
               coalesce(q2.position_id, above_head) AS own2
          FROM ss
          LEFT JOIN cpost q1 ON ss.n > 1 AND q1.unit_id = ss.unit_id AND q1.k = (ss.k + ss.seq) % ss.n
          LEFT JOIN cpost q2 ON ss.n > 1 AND q2.unit_id = ss.unit_id AND q2.k = (ss.k + ss.seq + 1) % ss.n) x
 CROSS JOIN LATERAL (VALUES
        (own1, timestamptz '-infinity',
         CASE WHEN r_chg < 0.3 THEN c + CASE WHEN r_def_o >= 0.02 AND r_def_o < 0.03 THEN ovd ELSE '0' END
              ELSE 'infinity' END),
        (CASE WHEN r_chg < 0.3 THEN own2 END,
         c + CASE WHEN r_def_o < 0.02 THEN gapd ELSE '0' END, timestamptz 'infinity')) o(pos, f, t)
 WHERE r_def_o < 0.995 AND o.pos IS NOT NULL AND greatest(lo, o.f) < o.t$q$);

SELECT * FROM bench.load('step_handoff', $q$
INSERT INTO responsibility.step_handoff (tenant_id, process_id, from_step, to_step)
SELECT 1, process_id, (process_id - 1) * 6 + h.f, (process_id - 1) * 6 + h.t
  FROM pp CROSS JOIN LATERAL (
        SELECT s AS f, s + 1 AS t FROM generate_series(1, pp.nsteps - 1) s
         WHERE NOT (pp.r_def < 0.015 AND s = 2)                      -- dead end at step 2
           AND NOT (pp.r_def >= 0.025 AND pp.r_def < 0.035 AND s = 1)  -- step 2 skipped
        UNION ALL
        SELECT 3, 2 WHERE pp.r_def >= 0.015 AND pp.r_def < 0.025      -- cycle 2 -> 3 -> 2
        UNION ALL
        SELECT 1, 3 WHERE pp.r_def >= 0.025 AND pp.r_def < 0.035) h$q$);

SELECT * FROM bench.load('power', $q$
INSERT INTO responsibility.power (tenant_id, power_id, unit_id, position_id, kind, code, title, basis)
SELECT 1, w, dd.unit_id, CASE WHEN w % 10 < 7 THEN dd.p1 END,
       (ARRAY['approval', 'inspection', 'penalty', 'spending', 'other'])[1 + w % 5]::responsibility.power_kind,
       'PW' || w, 'Power ' || w, 'Law ' || w % 31
  FROM cn CROSS JOIN generate_series(1, cn.npower) w
  JOIN dd ON dd.d = (w - 1) * 10 % cn.nduty + 1$q$);

SELECT * FROM bench.load('power_duty', $q$
INSERT INTO responsibility.power_duty (tenant_id, power_id, duty_id)
SELECT 1, w, d
  FROM (SELECT w, (w - 1) * 10 % cn.nduty + 1 AS d0, cn.nduty
          FROM cn, generate_series(1, cn.npower) w
         WHERE w % 25 <> 0) x,
       LATERAL (VALUES (d0), (CASE WHEN w % 5 < 2 THEN d0 + 1 END)) l(d)
 WHERE d IS NOT NULL AND d <= nduty$q$);
\timing off

SELECT setval('responsibility.duty_id_seq', (SELECT max(duty_id) FROM responsibility.duty)),
       setval('responsibility.process_id_seq', (SELECT max(process_id) FROM responsibility.process)),
       setval('responsibility.step_id_seq', (SELECT max(step_id) FROM responsibility.process_step)),
       setval('responsibility.power_id_seq', (SELECT max(power_id) FROM responsibility.power)) \g /dev/null
VACUUM ANALYZE responsibility.duty, responsibility.duty_owner, responsibility.power, responsibility.power_duty,
               responsibility.process, responsibility.process_step, responsibility.step_owner,
               responsibility.step_handoff;
DROP TABLE cpost, cn, dd, pp, ss;
INSERT INTO bench.coverage_meta SELECT :'scale', built, now() FROM bench.org_meta WHERE scale = :'scale';
\endif

SELECT (SELECT count(*) FROM responsibility.duty) AS duties,
       (SELECT count(*) FROM responsibility.duty_owner) AS duty_owners,
       (SELECT count(*) FROM responsibility.process) AS processes,
       (SELECT count(*) FROM responsibility.process_step) AS steps,
       (SELECT count(*) FROM responsibility.step_owner) AS step_owners,
       (SELECT count(*) FROM responsibility.step_handoff) AS handoffs,
       (SELECT count(*) FROM responsibility.power) AS powers;

-- The top unit and the window.
SELECT unit_id AS top FROM responsibility.unit WHERE tenant_id = 1 AND parent_id IS NULL ORDER BY unit_id LIMIT 1 \gset
-- and a unit of the second level below it, for a check on part of the tree
SELECT min(u.unit_id) AS sub FROM responsibility.unit u JOIN responsibility.unit p ON p.tenant_id = u.tenant_id AND p.unit_id = u.parent_id
 WHERE u.tenant_id = 1 AND p.parent_id = :top \gset
\set from_at '2021-01-01'
\set to_at '2026-01-01'

-- Baseline: the kinds of coverage_sweep() in plain SQL, as a skilled
-- user writes them (an inlinable SQL function: the planner sees its
-- arguments).  Spans are [lo, hi) and clipped to the window and the life of
-- the duty, step or post, as in the C.
--   gap           the life minus range_agg of the primary owners' spans
--   overlap       the objects where a primary span starts before an earlier
--                 one ends (max over the preceding spans, a window
--                 function), cut at every bound of their spans; a segment
--                 in which two or more posts own the object as primary
--                 owners is an overlap, with those posts (array_agg
--                 DISTINCT, sorted; one post owning twice is one owner)
--   vacant_owner  each primary span minus the post's "answered" multirange:
--                 its non-acting tenures minus the holder's absences, its
--                 acting tenures, the absences with an acting person
--   idle_person   each tenure of a post in scope (and each acting person of
--                 an absence) clipped to the window and the post's life,
--                 minus range_agg of every ownership of the post, minus
--                 (not acting) the person's absences from it
--   post_without_indicator, unit_without_indicator
--                 the life of each post (unit) in scope minus range_agg of
--                 its ownerships of duties (its duties) with a target, the
--                 test of a target being that of 70_coverage.sql's SQL
--                 (target_value, or a target not blank after btrim)
CREATE OR REPLACE FUNCTION bench.coverage_sweep_sql(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, person_id bigint,
                   span tstzrange, positions bigint[])
    LANGUAGE sql STABLE AS $$
WITH RECURSIVE
scope AS (
    SELECT u.unit_id FROM responsibility.unit u
     WHERE u.tenant_id = responsibility.current_tenant() AND u.unit_id = coverage_sweep_sql.unit_id
    UNION ALL
    SELECT u.unit_id FROM responsibility.unit u JOIN scope s ON u.parent_id = s.unit_id
     WHERE u.tenant_id = responsibility.current_tenant()),
objects AS (
    SELECT 'duty' AS object_kind, d.duty_id AS object_id, d.valid * tstzrange(from_at, to_at) AS life
      FROM responsibility.duty d JOIN scope s ON s.unit_id = d.unit_id
     WHERE d.tenant_id = responsibility.current_tenant() AND d.valid && tstzrange(from_at, to_at)
    UNION ALL
    SELECT 'step', st.step_id, p.valid * tstzrange(from_at, to_at)
      FROM responsibility.process p JOIN scope s ON s.unit_id = p.unit_id
      JOIN responsibility.process_step st ON st.tenant_id = p.tenant_id AND st.process_id = p.process_id
     WHERE p.tenant_id = responsibility.current_tenant() AND p.valid && tstzrange(from_at, to_at)),
prim AS (
    SELECT x.* FROM (
        SELECT o.object_kind, o.object_id, w.position_id, w.during * o.life AS span
          FROM objects o JOIN responsibility.duty_owner w ON w.duty_id = o.object_id
         WHERE o.object_kind = 'duty' AND w.tenant_id = responsibility.current_tenant() AND w.kind = 'primary'
        UNION ALL
        SELECT o.object_kind, o.object_id, w.position_id, w.during * o.life
          FROM objects o JOIN responsibility.step_owner w ON w.step_id = o.object_id
         WHERE o.object_kind = 'step' AND w.tenant_id = responsibility.current_tenant()) x
     WHERE NOT isempty(x.span)),
away AS (
    SELECT b.position_id, b.person_id, range_agg(b.during) AS mr
      FROM responsibility.absence b WHERE b.tenant_id = responsibility.current_tenant()
     GROUP BY b.position_id, b.person_id),
tenure AS (
    SELECT a.position_id, a.person_id, a.during, a.tenure = 'acting' AS acting
      FROM responsibility.assignment a WHERE a.tenant_id = responsibility.current_tenant()
    UNION ALL
    SELECT b.position_id, b.acting_person_id, b.during, true
      FROM responsibility.absence b
     WHERE b.tenant_id = responsibility.current_tenant() AND b.acting_person_id IS NOT NULL),
answered AS (
    SELECT te.position_id,
           range_agg(CASE WHEN te.acting THEN multirange(te.during)
                          ELSE multirange(te.during) - coalesce(a.mr, '{}') END) AS mr
      FROM tenure te
      LEFT JOIN away a ON NOT te.acting AND a.position_id = te.position_id AND a.person_id = te.person_id
     GROUP BY te.position_id),
owned AS (
    SELECT x.position_id, range_agg(x.during) AS mr, range_agg(x.during) FILTER (WHERE x.target) AS target_mr
      FROM (SELECT o.position_id, o.during, d.target_value IS NOT NULL OR coalesce(btrim(d.target), '') <> '' AS target
              FROM responsibility.duty_owner o
              JOIN responsibility.duty d ON d.tenant_id = o.tenant_id AND d.duty_id = o.duty_id
             WHERE o.tenant_id = responsibility.current_tenant()
            UNION ALL
            SELECT o.position_id, o.during, false FROM responsibility.step_owner o
             WHERE o.tenant_id = responsibility.current_tenant()) x
     GROUP BY x.position_id),
overlapping AS (
    SELECT DISTINCT x.object_kind, x.object_id
      FROM (SELECT p.object_kind, p.object_id, lower(p.span) AS lo,
                   max(upper(p.span)) OVER (PARTITION BY p.object_kind, p.object_id ORDER BY lower(p.span)
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_hi
              FROM prim p) x
     WHERE x.lo < x.before_hi),
segment AS (
    SELECT b.object_kind, b.object_id, b.at AS lo,
           lead(b.at) OVER (PARTITION BY b.object_kind, b.object_id ORDER BY b.at) AS hi
      FROM (SELECT DISTINCT p.object_kind, p.object_id, e.at
              FROM prim p JOIN overlapping USING (object_kind, object_id),
                   LATERAL (VALUES (lower(p.span)), (upper(p.span))) e(at)) b)
SELECT 'gap', o.object_kind, o.object_id, NULL::bigint, NULL::bigint, g.span, NULL::bigint[]
  FROM objects o
  LEFT JOIN (SELECT p.object_kind, p.object_id, range_agg(p.span) AS mr FROM prim p
              GROUP BY p.object_kind, p.object_id) c USING (object_kind, object_id),
       unnest(multirange(o.life) - coalesce(c.mr, '{}')) g(span)
UNION ALL
SELECT 'overlap', s.object_kind, s.object_id, NULL, NULL, tstzrange(s.lo, s.hi),
       array_agg(DISTINCT p.position_id ORDER BY p.position_id)
  FROM segment s JOIN prim p USING (object_kind, object_id)
 WHERE s.hi IS NOT NULL AND lower(p.span) <= s.lo AND upper(p.span) >= s.hi
 GROUP BY s.object_kind, s.object_id, s.lo, s.hi
HAVING count(DISTINCT p.position_id) >= 2
UNION ALL
SELECT 'vacant_owner', p.object_kind, p.object_id, p.position_id, NULL, v.span, NULL
  FROM prim p
  LEFT JOIN answered a USING (position_id),
       unnest(multirange(p.span) - coalesce(a.mr, '{}')) v(span)
UNION ALL
SELECT 'idle_person', 'post', te.position_id, te.position_id, te.person_id, i.span, NULL
  FROM (SELECT te.position_id, te.person_id, te.acting, te.during * po.valid * tstzrange(from_at, to_at) AS s
          FROM responsibility.position po JOIN scope sc ON sc.unit_id = po.unit_id
          JOIN tenure te ON te.position_id = po.position_id
         WHERE po.tenant_id = responsibility.current_tenant()) te
  LEFT JOIN owned o ON o.position_id = te.position_id
  LEFT JOIN away a ON NOT te.acting AND a.position_id = te.position_id AND a.person_id = te.person_id,
       unnest(multirange(te.s) - coalesce(o.mr, '{}') - coalesce(a.mr, '{}')) i(span)
 WHERE NOT isempty(te.s)
UNION ALL
SELECT 'post_without_indicator', 'post', po.position_id, po.position_id, NULL, x.span, NULL
  FROM responsibility.position po JOIN scope sc ON sc.unit_id = po.unit_id
  LEFT JOIN owned o ON o.position_id = po.position_id,
       unnest(multirange(po.valid * tstzrange(from_at, to_at)) - coalesce(o.target_mr, '{}')) x(span)
 WHERE po.tenant_id = responsibility.current_tenant() AND po.valid && tstzrange(from_at, to_at)
UNION ALL
SELECT 'unit_without_indicator', 'unit', u.unit_id, NULL, NULL, x.span, NULL
  FROM responsibility.unit u JOIN scope sc ON sc.unit_id = u.unit_id
  LEFT JOIN (SELECT d.unit_id, range_agg(d.valid) AS mr FROM responsibility.duty d
              WHERE d.tenant_id = responsibility.current_tenant()
                AND (d.target_value IS NOT NULL OR coalesce(btrim(d.target), '') <> '')
              GROUP BY d.unit_id) t ON t.unit_id = u.unit_id,
       unnest(multirange(u.valid * tstzrange(from_at, to_at)) - coalesce(t.mr, '{}')) x(span)
 WHERE u.tenant_id = responsibility.current_tenant() AND u.valid && tstzrange(from_at, to_at)
$$;

-- The answers of two queries, row for row (EXCEPT ALL both ways: repeats
-- count), each run once into a temporary table; the rows that differ are
-- kept in cov_diff.
CREATE OR REPLACE FUNCTION bench.coverage_check(label text, c_query text, sql_query text)
    RETURNS TABLE ("case" text, c_rows bigint, sql_rows bigint, c_only bigint, sql_only bigint)
    LANGUAGE plpgsql AS $$
BEGIN
    DROP TABLE IF EXISTS cov_c, cov_sql;
    EXECUTE 'CREATE TEMP TABLE cov_c AS ' || c_query;
    EXECUTE 'CREATE TEMP TABLE cov_sql AS ' || sql_query;
    CREATE TEMP TABLE IF NOT EXISTS cov_diff ("case" text, side text, r jsonb);
    INSERT INTO cov_diff SELECT label, 'C only', to_jsonb(x) FROM (TABLE cov_c EXCEPT ALL TABLE cov_sql) x;
    INSERT INTO cov_diff SELECT label, 'SQL only', to_jsonb(x) FROM (TABLE cov_sql EXCEPT ALL TABLE cov_c) x;
    RETURN QUERY SELECT label, (SELECT count(*) FROM cov_c), (SELECT count(*) FROM cov_sql),
                        count(*) FILTER (WHERE d.side = 'C only'), count(*) FILTER (WHERE d.side = 'SQL only')
                   FROM cov_diff d WHERE d."case" = label;
    DROP TABLE cov_c, cov_sql;
END
$$;
DROP TABLE IF EXISTS cov_diff;

SELECT kind, object_kind, count(*) AS findings
  FROM responsibility.coverage_sweep(:top, :'from_at', :'to_at') GROUP BY 1, 2 ORDER BY 1, 2;

-- 1. The same rows both ways, on the data as built: the whole organisation
-- over the five years, and a unit of the second level over half a year.
SELECT * FROM bench.coverage_check('top unit, 2021-2025',
    format('SELECT * FROM responsibility.coverage_sweep(%s, %L, %L)', :top, :'from_at', :'to_at'),
    format('SELECT * FROM bench.coverage_sweep_sql(%s, %L, %L)', :top, :'from_at', :'to_at'))
UNION ALL
SELECT * FROM bench.coverage_check('unit ' || :sub || ', 2023-03-01..2023-09-01',
    format('SELECT * FROM responsibility.coverage_sweep(%s, %L, %L)', :sub, '2023-03-01', '2023-09-01'),
    format('SELECT * FROM bench.coverage_sweep_sql(%s, %L, %L)', :sub, '2023-03-01', '2023-09-01'));
SELECT "case", side, r AS differing_row FROM cov_diff ORDER BY 1, 2, 3 LIMIT 20;
-- The structural findings: coverage_structure() (C) against their SQL.
SELECT * FROM bench.coverage_check('structure, top unit, 2021-2025',
    format('SELECT * FROM responsibility.coverage_structure(%s, %L, %L)', :top, :'from_at', :'to_at'),
    format('SELECT * FROM pg_temp.coverage_structure_sql(%s, %L, %L)', :top, :'from_at', :'to_at'))
UNION ALL
SELECT * FROM bench.coverage_check('structure, unit ' || :sub || ', 2023-03-01..2023-09-01',
    format('SELECT * FROM responsibility.coverage_structure(%s, %L, %L)', :sub, '2023-03-01', '2023-09-01'),
    format('SELECT * FROM pg_temp.coverage_structure_sql(%s, %L, %L)', :sub, '2023-03-01', '2023-09-01'));
SELECT "case", side, r AS differing_row FROM cov_diff WHERE "case" LIKE 'structure%' ORDER BY 1, 2, 3 LIMIT 20;

-- ... and with what the bench data lacks, in a transaction rolled back:
-- absences of holders (half with an acting person), acting tenures in
-- vacancies, concurrent tenures, the same post twice as primary owner over
-- the same span, an ownership split in two touching rows, step owners from
-- before their process's life.
BEGIN;
INSERT INTO responsibility.absence (tenant_id, assignment_id, position_id, person_id, kind, during, acting_person_id)
SELECT 1, a.assignment_id, a.position_id, a.person_id, 'leave',
       tstzrange(lower(a.during) + interval '30 days', lower(a.during) + interval '50 days'),
       CASE WHEN a.position_id % 100 < 50 THEN (SELECT min(person_id) FROM responsibility.person) END
  FROM responsibility.assignment a
 WHERE a.tenant_id = 1 AND a.position_id % 50 = 0 AND a.tenure = 'holder'
   AND lower(a.during) > '2021-02-01' AND upper(a.during) - lower(a.during) > interval '60 days';
INSERT INTO responsibility.assignment (tenant_id, assignment_id, position_id, person_id, during, tenure)
SELECT 1, (SELECT max(assignment_id) FROM responsibility.assignment) + row_number() OVER (),
       a.position_id, (SELECT min(person_id) FROM responsibility.person) + 1,
       tstzrange(upper(a.during), upper(a.during) + (lower(b.during) - upper(a.during)) / 2), 'acting'
  FROM responsibility.assignment a JOIN responsibility.assignment b
    ON b.tenant_id = a.tenant_id AND b.position_id = a.position_id AND lower(b.during) > upper(a.during)
   AND NOT EXISTS (SELECT FROM responsibility.assignment c WHERE c.tenant_id = a.tenant_id AND c.position_id = a.position_id
                      AND lower(c.during) >= upper(a.during) AND lower(c.during) < lower(b.during))
 WHERE a.tenant_id = 1 AND a.position_id % 50 = 1 AND lower(b.during) - upper(a.during) >= interval '2 days';
UPDATE responsibility.assignment SET tenure = 'concurrent' WHERE tenant_id = 1 AND position_id % 50 = 2;
INSERT INTO responsibility.duty_owner (tenant_id, duty_id, position_id, kind, during)
SELECT tenant_id, duty_id, position_id, kind, during FROM responsibility.duty_owner
 WHERE tenant_id = 1 AND duty_id % 997 = 0 AND kind = 'primary';
WITH split AS (
    DELETE FROM responsibility.duty_owner o
     WHERE tenant_id = 1 AND duty_id % 991 = 0 AND kind = 'primary'
       AND lower(during) > '2021-03-01' AND upper(during) < '2025-09-01'
    RETURNING o.*)
INSERT INTO responsibility.duty_owner (tenant_id, duty_id, position_id, kind, during)
SELECT s.tenant_id, s.duty_id, s.position_id, s.kind, h.during
  FROM split s, LATERAL (VALUES (tstzrange(lower(s.during), lower(s.during) + (upper(s.during) - lower(s.during)) / 2)),
                                (tstzrange(lower(s.during) + (upper(s.during) - lower(s.during)) / 2, upper(s.during)))) h(during);
INSERT INTO responsibility.step_owner (tenant_id, step_id, position_id, during)
SELECT 1, st.step_id, p.unit_id, tstzrange('2020-06-01', lower(p.valid) + interval '10 days')
  FROM responsibility.process p JOIN responsibility.process_step st ON st.tenant_id = p.tenant_id AND st.process_id = p.process_id
 WHERE p.tenant_id = 1 AND lower(p.valid) > '2021-01-01' AND st.seq = 1;
SELECT (SELECT count(*) FROM responsibility.absence) AS absences,
       (SELECT count(*) FROM responsibility.assignment WHERE tenure = 'acting') AS acting_tenures,
       (SELECT count(*) FROM responsibility.assignment WHERE tenure = 'concurrent') AS concurrent_tenures;
SELECT * FROM bench.coverage_check('edge cases, top unit, 2021-2025',
    format('SELECT * FROM responsibility.coverage_sweep(%s, %L, %L)', :top, :'from_at', :'to_at'),
    format('SELECT * FROM bench.coverage_sweep_sql(%s, %L, %L)', :top, :'from_at', :'to_at'))
UNION ALL
SELECT * FROM bench.coverage_check('edge cases, unit ' || :sub || ', 2023-03-01..2023-09-01',
    format('SELECT * FROM responsibility.coverage_sweep(%s, %L, %L)', :sub, '2023-03-01', '2023-09-01'),
    format('SELECT * FROM bench.coverage_sweep_sql(%s, %L, %L)', :sub, '2023-03-01', '2023-09-01'));
SELECT "case", side, r AS differing_row FROM cov_diff WHERE "case" LIKE 'edge%' ORDER BY 1, 2, 3 LIMIT 20;
ROLLBACK;

-- ... and again after the rollback (the C keeps its arrays between calls
-- and must drop what the transaction wrote).
SELECT * FROM bench.coverage_check('after the rollback, top unit, 2021-2025',
    format('SELECT * FROM responsibility.coverage_sweep(%s, %L, %L)', :top, :'from_at', :'to_at'),
    format('SELECT * FROM bench.coverage_sweep_sql(%s, %L, %L)', :top, :'from_at', :'to_at'));
SELECT "case", side, r AS differing_row FROM cov_diff WHERE "case" LIKE 'after the rollback%' ORDER BY 1, 2, 3 LIMIT 20;

-- 2. coverage_sweep() against the SQL, on the same data: with the default
-- responsibility.chain_cache_size (64MB: past scale 0.05 or so the arrays
-- do not fit, and every call reads the tables again), and with 2GB (the
-- arrays kept between calls; patched after a write).
\set sweep_sql 'SELECT count(*) FROM bench.coverage_sweep_sql(' :top ', ' '''' :from_at '''' ', ' '''' :to_at '''' ')'
\set sweep_c 'SELECT count(*) FROM responsibility.coverage_sweep(' :top ', ' '''' :from_at '''' ', ' '''' :to_at '''' ')'
SELECT * FROM bench.compare('coverage_sweep (C) vs plain SQL, same kinds, chain_cache_size ' || current_setting('responsibility.chain_cache_size'),
                            :'sweep_sql', :'sweep_c', 5);
SET responsibility.chain_cache_size = '2GB';
SELECT * FROM bench.compare('coverage_sweep (C) vs plain SQL, same kinds, chain_cache_size ' || current_setting('responsibility.chain_cache_size'),
                            :'sweep_sql', :'sweep_c', 5);
RESET responsibility.chain_cache_size;
-- For reference: the same with JIT compilation off, as a DBA might set it
-- for such queries (the SQL's plan costs put it past jit_optimize_above_cost;
-- at scale 1 compiling it takes 10-20 s of its minute).
SET jit = off;
SELECT * FROM bench.compare('coverage_sweep (C) vs plain SQL, same kinds, chain_cache_size ' || current_setting('responsibility.chain_cache_size') || ', jit off',
                            :'sweep_sql', :'sweep_c', 5);
SET responsibility.chain_cache_size = '2GB';
SELECT * FROM bench.compare('coverage_sweep (C) vs plain SQL, same kinds, chain_cache_size ' || current_setting('responsibility.chain_cache_size') || ', jit off',
                            :'sweep_sql', :'sweep_c', 5);
RESET responsibility.chain_cache_size;
RESET jit;
-- coverage_structure() against its SQL (it keeps nothing between calls).
\set structure_sql 'SELECT count(*) FROM pg_temp.coverage_structure_sql(' :top ', ' '''' :from_at '''' ', ' '''' :to_at '''' ')'
\set structure_c 'SELECT count(*) FROM responsibility.coverage_structure(' :top ', ' '''' :from_at '''' ', ' '''' :to_at '''' ')'
SELECT * FROM bench.compare('coverage_structure (C) vs plain SQL, same kinds', :'structure_sql', :'structure_c', 5);

-- 3. coverage_report() (C) against the same report in plain SQL
-- (bench.coverage_report: the PL/pgSQL report of test/tools/
-- coverage_report.sql, the report's text until 0.5.0, which names each
-- object by index probes and sorts the findings before it names them, with
-- its three calls into C replaced: coverage_sweep() by the SQL above,
-- coverage_structure() by test/tools/coverage_structure.sql,
-- finding_explanation() by the format() and to_char() a user would write,
-- inlined by the planner).
CREATE OR REPLACE FUNCTION bench.span_bound_text_sql(bound timestamptz) RETURNS text
    LANGUAGE sql STABLE
    RETURN CASE WHEN bound IS NULL OR NOT isfinite(bound) THEN NULL
                WHEN CAST(bound AS time) = CAST('00:00' AS time) THEN to_char(bound, 'YYYY-MM-DD')
                ELSE to_char(bound, 'YYYY-MM-DD HH24:MI:SS') END;
CREATE OR REPLACE FUNCTION bench.finding_explanation_sql(kind text, object_kind text, object_id bigint, title text,
                                                         position_id bigint, person_id bigint, span tstzrange,
                                                         positions bigint[], duties bigint[], lang text)
    RETURNS text LANGUAGE sql STABLE
    RETURN CASE WHEN lang = 'zh' THEN
       format('%s%s“%s”：%s，%s。',
              CASE object_kind WHEN 'duty' THEN '责任' WHEN 'step' THEN '环节' WHEN 'process' THEN '流程'
                               WHEN 'power' THEN '权力' WHEN 'unit' THEN '单位' ELSE '岗位' END,
              object_id, title,
              CASE kind
              WHEN 'gap' THEN '无岗位承担'
              WHEN 'overlap' THEN format('岗位%s同为主体责任人', array_to_string(positions, '、'))
              WHEN 'vacant_owner' THEN format('责任岗位%s空缺或在岗者缺位且无人代理', position_id)
              WHEN 'idle_person' THEN format('人员%s在岗但该岗位无任何责任或环节', person_id)
              WHEN 'dead_end' THEN '无后续环节且非流程终点'
              WHEN 'cycle' THEN '流转后回到本环节'
              WHEN 'unreachable' THEN '从首个环节无法到达'
              WHEN 'no_approver' THEN '没有批准环节'
              WHEN 'power_without_duty' THEN '未对应任何责任'
              WHEN 'power_without_consequence' THEN format('所对应责任%s无追究后果', array_to_string(duties, '、'))
              WHEN 'duty_without_consequence' THEN '未规定追究后果'
              WHEN 'unit_without_indicator' THEN '其责任均无量化指标'
              WHEN 'post_without_indicator' THEN '所承担责任均无量化指标'
              END,
              COALESCE('自' || bench.span_bound_text_sql(lower(span)), '自始') ||
              COALESCE('至' || bench.span_bound_text_sql(upper(span)), '起至今'))
    ELSE
       format('%s %s "%s": %s, %s.', object_kind, object_id, title,
              CASE kind
              WHEN 'gap' THEN 'no post owned it'
              WHEN 'overlap' THEN format('posts %s all owned it as primary owners', array_to_string(positions, ', '))
              WHEN 'vacant_owner' THEN format('its owner post %s was vacant or its holder absent with nobody acting', position_id)
              WHEN 'idle_person' THEN format('person %s answered for it while it owned no duty or step', person_id)
              WHEN 'dead_end' THEN 'it hands off to no step and is not an end of its process'
              WHEN 'cycle' THEN 'its hand-offs lead back to it'
              WHEN 'unreachable' THEN 'no hand-off from the first step reaches it'
              WHEN 'no_approver' THEN 'it has no approval step'
              WHEN 'power_without_duty' THEN 'it implies no duty'
              WHEN 'power_without_consequence' THEN format('its duties %s carry no consequence', array_to_string(duties, ', '))
              WHEN 'duty_without_consequence' THEN 'failing it carries no consequence'
              WHEN 'unit_without_indicator' THEN 'none of its duties had a quantified target'
              WHEN 'post_without_indicator' THEN 'it owned no duty with a quantified target'
              END,
              COALESCE('from ' || bench.span_bound_text_sql(lower(span)), 'from the start') ||
              COALESCE(' until ' || bench.span_bound_text_sql(upper(span)), ' onwards'))
    END;
SELECT regexp_replace(replace(replace(regexp_replace(pg_get_functiondef(p.oid), 'responsibility\.coverage_sweep\(', 'bench.coverage_sweep_sql('),
                                      'responsibility.coverage_structure(', 'pg_temp.coverage_structure_sql('),
                              'responsibility.finding_explanation(', 'bench.finding_explanation_sql('),
               'FUNCTION pg_temp(_[0-9]+)?\.coverage_report_sql\(', 'FUNCTION bench.coverage_report(') AS report_sql
  FROM pg_proc p
 WHERE p.oid = 'pg_temp.coverage_report_sql(bigint, timestamptz, timestamptz)'::regprocedure \gset
SELECT :'report_sql' LIKE '%bench.coverage_sweep_sql(%' AND :'report_sql' NOT LIKE '%responsibility.coverage_sweep(%'
   AND :'report_sql' LIKE '%pg_temp.coverage_structure_sql(%' AND :'report_sql' NOT LIKE '%responsibility.coverage_structure(%'
   AND :'report_sql' LIKE '%bench.finding_explanation_sql(%' AND :'report_sql' NOT LIKE '%responsibility.finding_explanation(%'
   AND :'report_sql' LIKE '%FUNCTION bench.coverage_report(%'
       AS report_sql_ok \gset
\if :report_sql_ok
\else
\echo cannot find the calls of coverage_sweep, coverage_structure and finding_explanation in coverage_report_sql
\quit
\endif
:report_sql
;
-- The plain SQL words are the C words.
SELECT count(*) AS explanations_differing
  FROM (SELECT f.*, lang FROM responsibility.coverage_sweep(:top, :'from_at', :'to_at') f, (VALUES ('en'), ('zh')) l(lang)) f
 WHERE bench.finding_explanation_sql(f.kind, f.object_kind, f.object_id, 'title', f.position_id, f.person_id, f.span, f.positions, NULL, f.lang)
       IS DISTINCT FROM responsibility.finding_explanation(f.kind, f.object_kind, f.object_id, 'title', f.position_id, f.person_id, f.span, f.positions, NULL, f.lang);
\set report_sql 'SELECT count(*) FROM bench.coverage_report(' :top ', ' '''' :from_at '''' ', ' '''' :to_at '''' ')'
\set report_c 'SELECT count(*) FROM responsibility.coverage_report(' :top ', ' '''' :from_at '''' ', ' '''' :to_at '''' ')'
-- A report that takes longer than report_limit once is not compared; one
-- that takes longer than report_quick is compared over 3 repetitions, not 5,
-- and timed once, not 3 times, for each figure of part 4.
\set report_limit '10min'
\set report_quick 120000
SET statement_timeout = :'report_limit';
\set ON_ERROR_STOP off
SELECT round(bench.time_ms(:'report_c')::numeric) AS report_once_ms \gset
\set report_ok 1
\if :ERROR
\set report_ok 0
\endif
\set ON_ERROR_STOP on
RESET statement_timeout;
\if :report_ok
SELECT :report_once_ms AS report_once_ms, :report_once_ms < :report_quick AS report_fast,
       CASE WHEN :report_once_ms < :report_quick THEN 3 ELSE 1 END AS report_rounds \gset
SELECT :report_once_ms AS report_once_ms;
SELECT * FROM bench.coverage_check('report, top unit, 2021-2025',
    format('SELECT * FROM responsibility.coverage_report(%s, %L, %L)', :top, :'from_at', :'to_at'),
    format('SELECT * FROM bench.coverage_report(%s, %L, %L)', :top, :'from_at', :'to_at'));
SELECT "case", side, r AS differing_row FROM cov_diff WHERE "case" LIKE 'report%' ORDER BY 1, 2, 3 LIMIT 20;
\if :report_fast
SELECT * FROM bench.compare('coverage_report vs the same report in SQL', :'report_sql', :'report_c', 5);
-- For reference: the same with JIT compilation off (the report's plan
-- costs put it past jit_optimize_above_cost at any scale).
SET jit = off;
SELECT * FROM bench.compare('coverage_report vs the same report in SQL, jit off', :'report_sql', :'report_c', 5);
RESET jit;
\else
SELECT * FROM bench.compare('coverage_report vs the same report in SQL', :'report_sql', :'report_c', 3);
\endif
\else
\set report_fast 0
\echo coverage_report took longer than :report_limit once: not compared
\endif
\set report_timed :report_ok

-- 4. Memory and the first call in a new connection; the next call after a
-- committed one-row change.  VmHWM is the peak resident size of the backend,
-- the shared buffers and files it mapped included: its private peak is about
-- VmHWM - RssShmem - RssFile after the call (both only grow during it).
CREATE OR REPLACE FUNCTION bench.proc_kb(field text) RETURNS bigint
    LANGUAGE sql AS $$
    SELECT substring(pg_read_file('/proc/' || pg_backend_pid() || '/status') FROM field || ':\s+(\d+) kB')::bigint
$$;
CREATE OR REPLACE FUNCTION bench.times_ms(q text, n integer) RETURNS float8[]
    LANGUAGE sql AS $$
    SELECT array_agg(bench.time_ms(q)) FROM generate_series(1, n)
$$;
-- After a change: in each round (3; 1 for a slow report), one call timed
-- warm (the connection has made the call before), then a committed UPDATE
-- moving the end of one primary ownership by a day (and back in the next
-- round), then the next call timed.
CREATE OR REPLACE PROCEDURE bench.coverage_after_change(q text, owner_id bigint, rounds integer,
                                                      INOUT warm_ms float8 DEFAULT NULL, INOUT after_ms float8 DEFAULT NULL)
    LANGUAGE plpgsql AS $$
DECLARE
    warm float8[] := '{}';
    after float8[] := '{}';
BEGIN
    FOR i IN 1 .. rounds LOOP
        warm := warm || bench.time_ms(q);
        COMMIT;
        UPDATE responsibility.duty_owner
           SET during = tstzrange(lower(during), upper(during) + CASE WHEN i % 2 = 1 THEN interval '1 day' ELSE interval '-1 day' END)
         WHERE tenant_id = 1 AND duty_owner_id = owner_id;
        COMMIT;
        after := after || bench.time_ms(q);
        COMMIT;
    END LOOP;
    IF rounds % 2 = 1 THEN
        UPDATE responsibility.duty_owner SET during = tstzrange(lower(during), upper(during) - interval '1 day')
         WHERE tenant_id = 1 AND duty_owner_id = owner_id;
        COMMIT;
    END IF;
    warm_ms := round(bench.median(warm)::numeric, 1);
    after_ms := round(bench.median(after)::numeric, 1);
END
$$;
SELECT o.duty_owner_id AS changed_owner
  FROM responsibility.duty_owner o JOIN responsibility.duty d ON d.tenant_id = o.tenant_id AND d.duty_id = o.duty_id
 WHERE o.tenant_id = 1 AND o.kind = 'primary' AND upper(o.during) < '2025-01-01' AND upper(d.valid) = 'infinity'
 ORDER BY o.duty_owner_id LIMIT 1 \gset

-- With the default cache size, then 2GB: the first call in a new
-- connection, later calls, memory; the next call after a change.
\set cache_size DEFAULT
\connect
SET client_min_messages = warning;
SET responsibility.chain_cache_size = :cache_size;
SELECT bench.proc_kb('VmHWM') AS hwm_before_kb \gset
SELECT round(bench.time_ms(:'sweep_c')::numeric) AS sweep_first_ms \gset
SELECT bench.proc_kb('VmHWM') AS hwm_after_kb, bench.proc_kb('RssAnon') AS anon_after_kb,
       bench.proc_kb('RssFile') AS file_after_kb, bench.proc_kb('RssShmem') AS shmem_after_kb,
       responsibility.chain_cache_memory() AS kept_bytes \gset
SELECT round(bench.median(bench.times_ms(:'sweep_c', 3))::numeric) AS sweep_later_ms \gset
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size,
       pg_size_pretty(:hwm_before_kb * 1024::bigint) AS vmhwm_before,
       pg_size_pretty(:hwm_after_kb * 1024::bigint) AS vmhwm_after,
       pg_size_pretty(:shmem_after_kb * 1024::bigint) AS rss_shmem,
       pg_size_pretty(:file_after_kb * 1024::bigint) AS rss_file,
       pg_size_pretty((:hwm_after_kb - :shmem_after_kb - :file_after_kb) * 1024::bigint) AS private_peak_about,
       pg_size_pretty(:anon_after_kb * 1024::bigint) AS rss_anon_after,
       pg_size_pretty(:kept_bytes::bigint) AS kept_images,
       :sweep_first_ms AS sweep_first_call_ms, :sweep_later_ms AS sweep_later_calls_ms;
\if :report_timed
\connect
SET client_min_messages = warning;
SET responsibility.chain_cache_size = :cache_size;
SELECT round(bench.time_ms(:'report_c')::numeric) AS report_first_ms \gset
SELECT bench.proc_kb('VmHWM') AS hwm_after_kb, bench.proc_kb('RssFile') AS file_after_kb,
       bench.proc_kb('RssShmem') AS shmem_after_kb \gset
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size, :report_first_ms AS report_first_call_ms,
       round(bench.median(bench.times_ms(:'report_c', :report_rounds))::numeric) AS report_later_calls_ms,
       :report_rounds AS later_calls,
       pg_size_pretty((:hwm_after_kb - :shmem_after_kb - :file_after_kb) * 1024::bigint) AS report_private_peak_about;
\endif
CALL bench.coverage_after_change(:'sweep_c', :changed_owner, 3) \gset sweep_
\if :report_timed
CALL bench.coverage_after_change(:'report_c', :changed_owner, :report_rounds) \gset report_
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size,
       'coverage_sweep' AS call, :sweep_warm_ms AS warm_ms, :sweep_after_ms AS after_change_ms,
       round((:sweep_after_ms / :sweep_warm_ms)::numeric, 2) AS after_vs_warm
UNION ALL
SELECT current_setting('responsibility.chain_cache_size'), 'coverage_report', :report_warm_ms, :report_after_ms,
       round((:report_after_ms / :report_warm_ms)::numeric, 2);
\else
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size,
       'coverage_sweep' AS call, :sweep_warm_ms AS warm_ms, :sweep_after_ms AS after_change_ms,
       round((:sweep_after_ms / :sweep_warm_ms)::numeric, 2) AS after_vs_warm;
\endif
\set cache_size 2097152
\connect
SET client_min_messages = warning;
SET responsibility.chain_cache_size = :cache_size;
SELECT bench.proc_kb('VmHWM') AS hwm_before_kb \gset
SELECT round(bench.time_ms(:'sweep_c')::numeric) AS sweep_first_ms \gset
SELECT bench.proc_kb('VmHWM') AS hwm_after_kb, bench.proc_kb('RssAnon') AS anon_after_kb,
       bench.proc_kb('RssFile') AS file_after_kb, bench.proc_kb('RssShmem') AS shmem_after_kb,
       responsibility.chain_cache_memory() AS kept_bytes \gset
SELECT round(bench.median(bench.times_ms(:'sweep_c', 3))::numeric) AS sweep_later_ms \gset
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size,
       pg_size_pretty(:hwm_before_kb * 1024::bigint) AS vmhwm_before,
       pg_size_pretty(:hwm_after_kb * 1024::bigint) AS vmhwm_after,
       pg_size_pretty(:shmem_after_kb * 1024::bigint) AS rss_shmem,
       pg_size_pretty(:file_after_kb * 1024::bigint) AS rss_file,
       pg_size_pretty((:hwm_after_kb - :shmem_after_kb - :file_after_kb) * 1024::bigint) AS private_peak_about,
       pg_size_pretty(:anon_after_kb * 1024::bigint) AS rss_anon_after,
       pg_size_pretty(:kept_bytes::bigint) AS kept_images,
       :sweep_first_ms AS sweep_first_call_ms, :sweep_later_ms AS sweep_later_calls_ms;
\if :report_timed
\connect
SET client_min_messages = warning;
SET responsibility.chain_cache_size = :cache_size;
SELECT round(bench.time_ms(:'report_c')::numeric) AS report_first_ms \gset
SELECT bench.proc_kb('VmHWM') AS hwm_after_kb, bench.proc_kb('RssFile') AS file_after_kb,
       bench.proc_kb('RssShmem') AS shmem_after_kb \gset
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size, :report_first_ms AS report_first_call_ms,
       round(bench.median(bench.times_ms(:'report_c', :report_rounds))::numeric) AS report_later_calls_ms,
       :report_rounds AS later_calls,
       pg_size_pretty((:hwm_after_kb - :shmem_after_kb - :file_after_kb) * 1024::bigint) AS report_private_peak_about;
\endif
CALL bench.coverage_after_change(:'sweep_c', :changed_owner, 3) \gset sweep_
\if :report_timed
CALL bench.coverage_after_change(:'report_c', :changed_owner, :report_rounds) \gset report_
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size,
       'coverage_sweep' AS call, :sweep_warm_ms AS warm_ms, :sweep_after_ms AS after_change_ms,
       round((:sweep_after_ms / :sweep_warm_ms)::numeric, 2) AS after_vs_warm
UNION ALL
SELECT current_setting('responsibility.chain_cache_size'), 'coverage_report', :report_warm_ms, :report_after_ms,
       round((:report_after_ms / :report_warm_ms)::numeric, 2);
\else
SELECT current_setting('responsibility.chain_cache_size') AS chain_cache_size,
       'coverage_sweep' AS call, :sweep_warm_ms AS warm_ms, :sweep_after_ms AS after_change_ms,
       round((:sweep_after_ms / :sweep_warm_ms)::numeric, 2) AS after_vs_warm;
\endif

-- The same rows both ways after those changes (the arrays patched, kept
-- under 2GB).
SELECT * FROM bench.coverage_check('after the changes, top unit, 2021-2025',
    format('SELECT * FROM responsibility.coverage_sweep(%s, %L, %L)', :top, :'from_at', :'to_at'),
    format('SELECT * FROM bench.coverage_sweep_sql(%s, %L, %L)', :top, :'from_at', :'to_at'));
SELECT "case", side, r AS differing_row FROM cov_diff WHERE "case" LIKE 'after the changes%' ORDER BY 1, 2, 3 LIMIT 20;
