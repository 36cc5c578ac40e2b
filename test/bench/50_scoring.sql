-- Benchmark: the grades of a cohort (P1, P3; issue 10) on round(250,000 *
-- :scale) staff x 20 evaluations from three sources (leaders 4 raters,
-- colleagues 10, the public 6; weights 0.5, 0.3, 0.2; at least 3 raters;
-- each person's scores spread around their own level, so that about half
-- score excellent and the 15% quota binds, with ties at its boundary;
-- the highest and the lowest of each source dropped; for 3% of the staff
-- only 2 of the public, so that the public is insufficient and the weights
-- are renormalised), 1% of the staff with two valid complaints (capped),
-- 0.5% on probation (no grade), and the 15% excellent quota with its ties.
-- In a tenant of its own, through the extension's tables, under row-level
-- security's tenant filter like any user's query.  Compared in the same
-- run, the answers checked first:
--   compute_grades() against
--   (a) the plain SQL a skilled user would write for the same grades: the
--       trimmed mean of each source by window functions, the sources with
--       enough raters, the weights renormalised, the caps, the quota by
--       rank over the candidates with the same treatment of ties;
--   (a') the same with the trimmed mean as (sum - min - max) / (n - 2),
--       which only works when one score is dropped at each end;
--   (b) the lower bound: one GROUP BY person avg(score) over the same rows;
--   and compute_grades() with two parallel workers against none.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
SET search_path = responsibility, public;
SET TimeZone = 'UTC';

SELECT round(250000 * :scale)::int AS staff \gset
INSERT INTO tenant (code, name) SELECT 'bench_assess', 'Assessment benchmark'
 WHERE NOT EXISTS (SELECT FROM tenant WHERE code = 'bench_assess');
SET responsibility.tenant = 'bench_assess';
SELECT current_tenant() AS tenant \gset

-- The data, once per scale (kept between runs).
SELECT count(*) <> :staff OR NOT EXISTS (SELECT FROM assessment_scheme WHERE tenant_id = :tenant AND code = 'bench-v2') AS rebuild
  FROM person WHERE tenant_id = :tenant \gset
\if :rebuild
SET session_replication_role = replica;   -- loading: the per-row triggers are tested elsewhere
DELETE FROM evaluation WHERE tenant_id = :tenant;
DELETE FROM complaint WHERE tenant_id = :tenant;
DELETE FROM assessment_subject WHERE tenant_id = :tenant;
DELETE FROM assessment_period WHERE tenant_id = :tenant;
DELETE FROM scheme_source WHERE tenant_id = :tenant;
DELETE FROM assessment_scheme WHERE tenant_id = :tenant;
DELETE FROM unit WHERE tenant_id = :tenant;
DELETE FROM person WHERE tenant_id = :tenant;
RESET session_replication_role;
INSERT INTO unit (unit_id, name) VALUES (1, 'Benchmark organ');
INSERT INTO assessment_scheme (scheme_id, code, name) VALUES (1, 'bench-v2', 'Benchmark scheme');
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, weight, min_raters) VALUES
    (1, 'leaders', 'leaders', '领导', 0.5, 3), (1, 'colleagues', 'colleagues', '同事', 0.3, 3),
    (1, 'public', 'the public', '群众', 0.2, 3);
SELECT activate_scheme(1);
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES (1, 1, 1, 'annual', '[2025-01-01,2026-01-01)');
SET session_replication_role = replica;
INSERT INTO person (person_id, name) SELECT p, 'staff ' || p FROM generate_series(1, :staff) p;
INSERT INTO assessment_subject (period_id, person_id, kind, span, on_probation)
SELECT 1, p, 'annual', '[2025-01-01,2026-01-01)', p % 200 = 7 FROM generate_series(1, :staff) p;
SELECT setseed(0.5);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score, given_at)
SELECT 1, p, s.source, (p + s.base + r * 7919) % :staff + 1, round(least(100, 70 + (p % 97) * 0.3 + random() * 10)::numeric, 1)::float8, '2025-12-01'
  FROM generate_series(1, :staff) p
 CROSS JOIN (VALUES ('leaders', 4, 0), ('colleagues', 10, 100), ('public', 6, 200)) s(source, raters, base)
 CROSS JOIN LATERAL generate_series(1, CASE WHEN s.source = 'public' AND p % 33 = 0 THEN 2 ELSE s.raters END) r;
INSERT INTO complaint (person_id, received_at, summary, outcome, decided_at)
SELECT p, '2025-03-01'::timestamptz + k * interval '60 days', 'bench', 'valid', '2025-12-01'
  FROM generate_series(1, :staff) p, generate_series(0, 1) k WHERE p % 100 = 3;
RESET session_replication_role;
VACUUM ANALYZE person, assessment_subject, evaluation, complaint;
\endif
SELECT count(*) AS evaluations, count(DISTINCT person_id) AS staff FROM evaluation WHERE tenant_id = :tenant AND period_id = 1;

-- (a) The plain SQL: the same grades, with the same treatment of ties.
CREATE OR REPLACE FUNCTION bench.grades_sql(trim_by_window boolean)
    RETURNS TABLE (person_id bigint, score float8, grade text, quota_tie boolean)
    LANGUAGE sql STABLE AS $$
    WITH e AS (
        SELECT e.person_id, e.source, e.score, so.weight, so.min_raters,
               row_number() OVER (PARTITION BY e.person_id, e.source ORDER BY e.score) AS rn,
               count(*) OVER (PARTITION BY e.person_id, e.source) AS n
          FROM responsibility.evaluation e
          JOIN responsibility.scheme_source so ON so.tenant_id = e.tenant_id AND so.scheme_id = 1 AND so.code = e.source
         WHERE e.tenant_id = responsibility.current_tenant() AND e.period_id = 1 AND trim_by_window),
    src AS (
        SELECT e.person_id, e.source, min(e.weight) AS w, min(e.min_raters) AS mr, count(*) AS n,
               avg(e.score) FILTER (WHERE e.rn > 1 AND e.rn < e.n) AS mean
          FROM e GROUP BY e.person_id, e.source
        UNION ALL
        SELECT e.person_id, e.source, min(so.weight), min(so.min_raters), count(*),
               CASE WHEN count(*) > 2 THEN (sum(e.score) - min(e.score) - max(e.score)) / (count(*) - 2) END
          FROM responsibility.evaluation e
          JOIN responsibility.scheme_source so ON so.tenant_id = e.tenant_id AND so.scheme_id = 1 AND so.code = e.source
         WHERE e.tenant_id = responsibility.current_tenant() AND e.period_id = 1 AND NOT trim_by_window
         GROUP BY e.person_id, e.source),
    sc AS (
        SELECT src.person_id, sum(src.w * src.mean) / sum(src.w) AS score
          FROM src WHERE src.n >= src.mr AND src.mean IS NOT NULL GROUP BY src.person_id),
    complaints AS (
        SELECT c.person_id, count(*) AS n FROM responsibility.complaint c
         WHERE c.tenant_id = responsibility.current_tenant() AND c.outcome = 'valid'
           AND c.received_at >= '2025-01-01' AND c.received_at < '2026-01-01'
         GROUP BY c.person_id),
    graded AS (
        SELECT s.person_id, sc.score, round(sc.score::numeric, 2) AS rounded,
               CASE WHEN s.refused THEN 'incompetent'
                    WHEN s.on_probation OR sc.score IS NULL THEN 'no_grade'
                    WHEN sc.score >= 90 AND coalesce(k.n, 0) < 2 THEN 'excellent'
                    WHEN sc.score >= 70 AND coalesce(k.n, 0) < 2 THEN 'competent'
                    WHEN sc.score >= 60 THEN 'basically_competent'
                    ELSE 'incompetent' END AS g
          FROM responsibility.assessment_subject s
          LEFT JOIN sc ON sc.person_id = s.person_id
          LEFT JOIN complaints k ON k.person_id = s.person_id
         WHERE s.tenant_id = responsibility.current_tenant() AND s.period_id = 1),
    ranked AS (
        SELECT g.*, rank() OVER (PARTITION BY g.g = 'excellent' ORDER BY g.rounded DESC) AS cr,
               count(*) OVER (PARTITION BY g.g = 'excellent', g.rounded) AS tied,
               floor(0.15 * count(*) FILTER (WHERE g.g <> 'no_grade') OVER () + 1e-9) AS places
          FROM graded g)
    SELECT r.person_id, r.score,
           CASE WHEN r.g <> 'excellent' THEN r.g WHEN r.cr + r.tied - 1 <= r.places THEN 'excellent' ELSE 'competent' END,
           r.g = 'excellent' AND r.cr <= r.places AND r.cr + r.tied - 1 > r.places
      FROM ranked r
$$;

SELECT count(*) AS grades_differing_window
  FROM ((SELECT person_id, round(score::numeric, 9), grade::text, quota_tie FROM compute_grades(1)
         EXCEPT SELECT person_id, round(score::numeric, 9), grade, quota_tie FROM bench.grades_sql(true))
        UNION ALL
        (SELECT person_id, round(score::numeric, 9), grade, quota_tie FROM bench.grades_sql(true)
         EXCEPT SELECT person_id, round(score::numeric, 9), grade::text, quota_tie FROM compute_grades(1))) x;
SELECT count(*) AS grades_differing_sum_min_max
  FROM (SELECT person_id, round(score::numeric, 9), grade::text, quota_tie FROM compute_grades(1)
        EXCEPT SELECT person_id, round(score::numeric, 9), grade, quota_tie FROM bench.grades_sql(false)) x;
SELECT grade, count(*), count(*) FILTER (WHERE quota_tie) AS tied FROM compute_grades(1) GROUP BY grade ORDER BY grade;

\set c_q 'SELECT count(grade) FROM responsibility.compute_grades(1)'
\set sql_q 'SELECT count(grade) FROM bench.grades_sql(true)'
\set smm_q 'SELECT count(grade) FROM bench.grades_sql(false)'
\set floor_q 'SELECT count(a) FROM (SELECT person_id, avg(score) AS a FROM responsibility.evaluation WHERE tenant_id = responsibility.current_tenant() AND period_id = 1 GROUP BY person_id) x'
SET max_parallel_workers_per_gather = 0;
SELECT * FROM bench.compare('grades: compute_grades vs plain SQL, window trim (target >= 3x), serial', :'sql_q', :'c_q', 5);
SELECT * FROM bench.compare('grades: compute_grades vs plain SQL, sum-min-max trim, serial', :'smm_q', :'c_q', 5);
SELECT * FROM bench.compare('grades: compute_grades vs GROUP BY avg (target <= 1.3x), serial', :'floor_q', :'c_q', 5);
RESET max_parallel_workers_per_gather;
SELECT * FROM bench.compare('grades: compute_grades vs plain SQL, window trim, default settings (2 workers allowed on both sides)',
    :'sql_q', :'c_q', 3);
-- Two workers against none: the same query, run inside a function that
-- turns parallel workers off.
CREATE OR REPLACE FUNCTION bench.count_serial(q text) RETURNS bigint
    LANGUAGE plpgsql SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE q INTO n;
    RETURN n;
END
$$;
SET max_parallel_workers_per_gather = 2;
SELECT * FROM bench.compare('grades: compute_grades, 2 workers vs none (target >= 1.6x)',
    format('SELECT bench.count_serial(%L)', :'c_q'), :'c_q', 5);
SELECT * FROM bench.compare('grades: GROUP BY avg, 2 workers vs none (for comparison)',
    format('SELECT bench.count_serial(%L)', :'floor_q'), :'floor_q', 3);
RESET max_parallel_workers_per_gather;
RESET responsibility.tenant;
