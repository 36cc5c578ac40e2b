-- The grading engine (grading.c) against the plain SQL it replaced: on
-- random cohorts (seeded) with ties on coarse scores, too few raters,
-- refusals, probation and complaints, every column of compute_grades()
-- equals what the window-function formulation gives, for each way a score
-- is made (raters only, trimmed or not; a feed through assessment_input;
-- normalised raters; quarterly results in the annual one) and at 0 and 2
-- digits; plus scores that sit on a rounding half, and a score too large
-- to rank.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(24);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL responsibility.tenant = '';

CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ': ' || msg;
END
$f$;

-- The reference: compute_grades() as the SQL of release 0.5.0's first
-- draft (joins, one sort, five windows), which the engine must equal; each
-- person's scores are summed in a fixed order, as the engine sums them.
CREATE FUNCTION pg_temp.grades_sql(period_id bigint)
    RETURNS TABLE (person_id bigint, position_id bigint, own_score float8, periodic_score float8, score float8,
                   rank integer, base_grade responsibility.grade, grade responsibility.grade, quota_tie boolean,
                   caps text[], cap_details jsonb, candidate_rank integer, tied integer, candidates integer,
                   places integer, graded integer)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$
    WITH p AS MATERIALIZED (
        SELECT ap.tenant_id, ap.period_id, ap.kind, ap.span, sc.normalise_raters, sc.periodic_share, sc.score_digits,
               sc.excellent_min, sc.competent_min, sc.basic_min, sc.trim_each,
               -- The cut-offs apply to the score at the scheme's digits, as the
               -- quota compares it: rounded half up, x reaches m exactly when
               -- x >= m - half a unit (the nearest float8 to that decimal).
               (sc.excellent_min::numeric - 0.5 * 10::numeric ^ (-sc.score_digits))::float8 AS excellent_cut,
               (sc.competent_min::numeric - 0.5 * 10::numeric ^ (-sc.score_digits))::float8 AS competent_cut,
               (sc.basic_min::numeric - 0.5 * 10::numeric ^ (-sc.score_digits))::float8 AS basic_cut,
               coalesce(ap.excellent_quota, sc.excellent_quota) AS quota,
               so.codes, so.weights, so.mins,
               NOT sc.normalise_raters AND so.raters_only AS evaluations_only
          FROM responsibility.assessment_period ap
          JOIN responsibility.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
         CROSS JOIN LATERAL (SELECT array_agg(s.code ORDER BY s.code) AS codes, array_agg(s.weight ORDER BY s.code) AS weights,
                                    array_agg(s.min_raters ORDER BY s.code) AS mins, bool_and(s.feed = 'raters') AS raters_only
                               FROM responsibility.scheme_source s
                              WHERE s.tenant_id = sc.tenant_id AND s.scheme_id = sc.scheme_id) so
         WHERE ap.tenant_id = responsibility.current_tenant() AND ap.period_id = grades_sql.period_id),
    -- Each person's own score, by the C aggregate.  A scheme whose sources
    -- are all raters reads the evaluations straight from their key's index,
    -- in person order; others read every feed through assessment_input.
    own AS (
        SELECT e.person_id,
               responsibility.multi_source_score(e.source, e.score, (SELECT p.codes FROM p), (SELECT p.weights FROM p),
                                              (SELECT p.mins FROM p), (SELECT p.trim_each FROM p)
                                              ORDER BY e.source, e.rater_id) AS score
          FROM responsibility.evaluation e
         WHERE e.tenant_id = responsibility.current_tenant() AND e.period_id = grades_sql.period_id
           AND (SELECT p.evaluations_only FROM p)
         GROUP BY e.person_id
        UNION ALL
        SELECT i.person_id, responsibility.multi_source_score(i.source, i.score, i.weight, i.min_raters, i.trim_each
                                                              ORDER BY i.source, i.origin, i.rater)
          FROM responsibility.assessment_input i
         WHERE i.tenant_id = responsibility.current_tenant() AND i.period_id = grades_sql.period_id
           AND NOT (SELECT p.evaluations_only OR p.normalise_raters FROM p)
         GROUP BY i.person_id
        UNION ALL
        SELECT i.person_id, responsibility.multi_source_score(i.source, i.score, i.weight, i.min_raters, i.trim_each
                                                              ORDER BY i.source, i.origin, i.rater)
          FROM responsibility.assessment_input_normalised i
         WHERE i.tenant_id = responsibility.current_tenant() AND i.period_id = grades_sql.period_id
           AND (SELECT p.normalise_raters FROM p)
         GROUP BY i.person_id),
    -- The mean of the year's finalised quarterly scores, for schemes that use it.
    periodic AS (
        SELECT r.person_id, avg(r.score ORDER BY q.span) AS score
          FROM p
          JOIN responsibility.assessment_period q ON q.tenant_id = p.tenant_id AND q.kind = 'quarterly' AND q.finalised
                                             AND q.span <@ p.span
          JOIN responsibility.assessment_result r ON r.tenant_id = q.tenant_id AND r.period_id = q.period_id
         WHERE p.kind = 'annual' AND p.periodic_share > 0 AND r.score IS NOT NULL
         GROUP BY r.person_id),
    caps AS (
        SELECT c.person_id, max(c.at_most) AS at_most, array_agg(c.rule ORDER BY c.at_most DESC, c.rule) AS rules,
               jsonb_agg(jsonb_build_object('rule', c.rule, 'at_most', c.at_most, 'detail', c.detail,
                                            'label_en', l.label_en, 'label_zh', l.label_zh)
                         ORDER BY c.at_most DESC, c.rule, c.detail) AS caps
          FROM responsibility.grade_caps(grades_sql.period_id) c
          LEFT JOIN responsibility.label l ON l.domain = 'grade_cap' AND l.code = c.rule
         GROUP BY c.person_id),
    scored AS (
        SELECT s.person_id, s.position_id, s.refused, o.score AS own_score, q.score AS periodic_score,
               CASE WHEN o.score IS NULL THEN q.score
                    WHEN q.score IS NULL THEN o.score
                    ELSE (1 - p.periodic_share) * o.score + p.periodic_share * q.score END AS score,
               k.at_most, k.rules, k.caps
          FROM p
          JOIN responsibility.assessment_subject s ON s.tenant_id = p.tenant_id AND s.period_id = p.period_id
          LEFT JOIN own o ON o.person_id = s.person_id
          LEFT JOIN periodic q ON q.person_id = s.person_id
          LEFT JOIN caps k ON k.person_id = s.person_id),
    -- The grade by the cut-offs, then the heaviest cap (no score and not
    -- refused: no grade, for too few raters).
    graded AS (
        SELECT x.*,
               CASE WHEN x.score IS NULL AND NOT x.refused THEN 'no_grade'
                    ELSE greatest(x.base_grade, x.at_most) END AS capped_grade,
               round(x.score::numeric, p.score_digits) AS rounded
          FROM (SELECT sc.*,
                       CASE WHEN sc.score IS NULL THEN NULL
                            WHEN sc.score >= p.excellent_cut THEN 'excellent'
                            WHEN sc.score >= p.competent_cut THEN 'competent'
                            WHEN sc.score >= p.basic_cut THEN 'basically_competent'
                            ELSE 'incompetent' END::responsibility.grade AS base_grade
                  FROM scored sc, p) x, p),
    -- The quota: candidates (excellent after the caps) by their score at the
    -- scheme's digits; a group tied across the last place stays competent.
    -- All windows share one sort; their frames move forward, so each is one
    -- pass (a frame that EXCLUDEs its peers would re-aggregate every row).
    ranked AS (
        SELECT g.*,
               CASE WHEN g.rounded IS NOT NULL THEN rank() OVER w END AS score_rank,
               CASE WHEN g.capped_grade = 'excellent'
                    THEN count(*) FILTER (WHERE g.capped_grade = 'excellent') OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                       - count(*) FILTER (WHERE g.capped_grade = 'excellent') OVER (w RANGE BETWEEN CURRENT ROW AND CURRENT ROW) + 1
               END AS cand_rank,
               count(*) FILTER (WHERE g.capped_grade = 'excellent') OVER (w RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS n_tied,
               count(*) FILTER (WHERE g.capped_grade = 'excellent') OVER () AS n_candidates,
               count(*) FILTER (WHERE g.capped_grade <> 'no_grade') OVER () AS n_graded
          FROM graded g
        WINDOW w AS (ORDER BY g.rounded DESC NULLS LAST)),
    placed AS (
        SELECT q.*,
               CASE WHEN q.cand_rank IS NULL OR q.cand_rank + q.n_tied - 1 <= q.places THEN NULL
                    WHEN q.cand_rank <= q.places THEN 'quota_tie' ELSE 'over_quota' END AS quota_rule
          FROM (SELECT r.*, floor((SELECT p.quota FROM p) * r.n_graded + 1e-9)::integer AS places FROM ranked r) q)
    SELECT x.person_id, x.position_id, x.own_score, x.periodic_score, x.score, x.score_rank::integer,
           coalesce(x.base_grade, 'no_grade'),
           CASE WHEN x.quota_rule IS NULL THEN x.capped_grade ELSE 'competent' END::responsibility.grade,
           x.quota_rule IS NOT DISTINCT FROM 'quota_tie',
           coalesce(x.rules, '{}') || CASE WHEN x.score IS NULL AND NOT x.refused THEN '{insufficient_sources}'::text[]
                                            WHEN x.quota_rule IS NOT NULL THEN ARRAY[x.quota_rule]
                                            ELSE '{}' END,
           x.caps,
           x.cand_rank::integer, CASE WHEN x.cand_rank IS NOT NULL THEN x.n_tied::integer END,
           x.n_candidates::integer, x.places, x.n_graded::integer
      FROM placed x
$$;

-- How many rows of the two differ, every column compared exactly.
CREATE FUNCTION pg_temp.differing(per bigint) RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM ((SELECT * FROM responsibility.compute_grades(per) EXCEPT ALL SELECT * FROM pg_temp.grades_sql(per))
                          UNION ALL
                          (SELECT * FROM pg_temp.grades_sql(per) EXCEPT ALL SELECT * FROM responsibility.compute_grades(per))) x
$$;

-- 240 staff (8001-8240) in one unit, twelve raters (8901-8912) outside it.
INSERT INTO unit (unit_id, name, valid) VALUES (8101, 'Graded unit', '[2020-01-01,)');
INSERT INTO person (person_id, name) SELECT 8000 + i, 'S' || i FROM generate_series(1, 240) i;
INSERT INTO person (person_id, name) SELECT 8900 + i, 'R' || i FROM generate_series(1, 12) i;

-- The schemes: raters only (trim 1, 2 digits, 15%); coarse (no trim,
-- 0 digits, 20%, excellent from 85); a service-window feed; normalised
-- raters; half the annual score from the quarters.
INSERT INTO assessment_scheme (scheme_id, code, name, trim_each, score_digits, excellent_quota, excellent_min,
                               normalise_raters, periodic_share) VALUES
    (8201, 'g-raters', 'raters', 1, 2, 0.15, 90, false, 0),
    (8202, 'g-coarse', 'coarse', 0, 0, 0.20, 85, false, 0),
    (8203, 'g-window', 'window', 1, 2, 0.15, 90, false, 0),
    (8204, 'g-normalised', 'normalised', 1, 2, 0.15, 90, true, 0),
    (8205, 'g-periodic', 'periodic', 1, 2, 0.15, 90, false, 0.5);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, weight, min_raters)
SELECT s, v.code, v.code, v.code, v.w, 3
  FROM unnest('{8201,8202,8204,8205}'::bigint[]) s,
       (VALUES ('leaders', 0.5), ('colleagues', 0.3), ('public', 0.2)) v(code, w);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, feed, weight, min_raters) VALUES
    (8203, 'leaders', 'leaders', '领导', 'raters', 0.6, 3), (8203, 'window', 'window', '窗口', 'service_window', 0.4, 2);
SELECT activate_scheme(s) FROM generate_series(8201, 8205) s;

-- A period a scheme, each in its own year; the quarters of 2025 under the
-- first scheme.
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES
    (8301, 8201, 8101, 'annual', '[2021-01-01,2022-01-01)'), (8302, 8202, 8101, 'annual', '[2022-01-01,2023-01-01)'),
    (8303, 8203, 8101, 'annual', '[2023-01-01,2024-01-01)'), (8304, 8204, 8101, 'annual', '[2024-01-01,2025-01-01)'),
    (8305, 8205, 8101, 'annual', '[2025-01-01,2026-01-01)'),
    (8311, 8201, 8101, 'quarterly', '[2025-01-01,2025-04-01)'), (8312, 8201, 8101, 'quarterly', '[2025-04-01,2025-07-01)');
INSERT INTO assessment_subject (period_id, person_id, on_probation, refused)
SELECT per, 8000 + i, i % 31 = 0, i % 37 = 0
  FROM generate_series(8301, 8305) per, generate_series(1, 240) i;
INSERT INTO assessment_subject (period_id, person_id) SELECT per, 8000 + i FROM generate_series(8311, 8312) per, generate_series(1, 240) i;

-- Scores on a half-point grid around each person's level (ties at every
-- boundary); every 17th person has two of the public only; every 41st
-- nobody at all; every 43rd is rated 89.995 or 92.125 by everyone, on a
-- half at the second digit; the 2025 annual inputs skip every 7th person,
-- the quarters every 11th.
SELECT setseed(0.25);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score)
SELECT per, 8000 + i, src, 8900 + r,
       CASE WHEN i % 43 = 0 THEN CASE WHEN i % 2 = 0 THEN 89.995 ELSE 92.125 END
            ELSE least(100, round((70 + (i % 13) * 2 + random() * 8)::numeric * 2) / 2) END
  FROM generate_series(8301, 8312) per
 CROSS JOIN generate_series(1, 240) i
 CROSS JOIN (VALUES ('leaders', 4), ('colleagues', 5), ('public', 3)) s(src, n)
 CROSS JOIN LATERAL generate_series(1, CASE WHEN src = 'public' AND i % 17 = 0 THEN 2 ELSE n END) r
 WHERE per IN (8301, 8302, 8303, 8304, 8305, 8311, 8312) AND i % 41 <> 0
   AND NOT (per = 8303 AND src <> 'leaders')
   AND NOT (per = 8305 AND i % 7 = 0) AND NOT (per IN (8311, 8312) AND i % 11 = 0)
 ORDER BY per, i, src, r;
-- The window ratings of 2023: two or three a person, none for every 19th.
INSERT INTO window_rating (person_id, rated_at, score)
SELECT 8000 + i, '2023-03-01'::timestamptz + k * interval '40 days', round((60 + random() * 40)::numeric, 1)
  FROM generate_series(1, 240) i, generate_series(1, 2 + i % 2) k WHERE i % 19 <> 0;
-- Two valid complaints in each year for every 29th person.
INSERT INTO complaint (person_id, received_at, summary, outcome, decided_at)
SELECT 8000 + i, make_date(y, 3, 1) + k * 60, 'complaint', 'valid', make_date(y, 11, 1)
  FROM generate_series(1, 240) i, generate_series(2021, 2025) y, generate_series(0, 1) k WHERE i % 29 = 0;
-- The quarters are finalised: their results enter the annual score.
SELECT finalise_period(8311, 8901), finalise_period(8312, 8901);

SELECT is(pg_temp.differing(8301), 0::bigint, 'raters only, trim 1, 2 digits: the engine equals the SQL, every column');
SELECT is(pg_temp.differing(8302), 0::bigint, 'no trim, 0 digits, 20%: equal');
SELECT is(pg_temp.differing(8303), 0::bigint, 'a service-window feed through assessment_input: equal');
SELECT is(pg_temp.differing(8304), 0::bigint, 'normalised raters: equal');
SELECT is(pg_temp.differing(8305), 0::bigint, 'half the annual score from the finalised quarters: equal');
SELECT is(pg_temp.differing(8311), 0::bigint, 'a quarter: equal');
SELECT is((SELECT count(*) FROM compute_grades(8301)), 240::bigint, 'one row a subject');
SELECT is((SELECT array_agg(person_id) = array_agg(person_id ORDER BY person_id) FROM compute_grades(8301)), true,
          'rows come in person order');

-- What the data exercises (so that equality means something).
SELECT ok((SELECT count(*) FILTER (WHERE quota_tie) > 0 AND count(*) FILTER (WHERE 'over_quota' = ANY (caps)) > 0
             FROM compute_grades(8302)), 'the coarse period has candidates tied across the quota and over it');
SELECT ok((SELECT count(*) FILTER (WHERE 'insufficient_sources' = ANY (caps)) > 0 AND count(*) FILTER (WHERE 'valid_complaints' = ANY (caps)) > 0
                  AND count(*) FILTER (WHERE 'refused' = ANY (caps)) > 0 AND count(*) FILTER (WHERE 'probation' = ANY (caps)) > 0
             FROM compute_grades(8301)), 'and insufficient sources, complaints, refusals and probation');
SELECT ok((SELECT count(*) FILTER (WHERE own_score IS NULL AND periodic_score IS NOT NULL) > 0
                  AND count(*) FILTER (WHERE own_score IS NOT NULL AND periodic_score IS NULL) > 0
                  AND count(*) FILTER (WHERE own_score IS NOT NULL AND periodic_score IS NOT NULL) > 0
             FROM compute_grades(8305)), 'and annual scores from the quarters alone, the year alone, and both');

-- A score on a half at the scheme's digits is ranked as numeric round()
-- reads it, not as the nearest double: 89.995 is 89.99499999999999744 as a
-- double, 90.00 at two digits.
SELECT is((SELECT round(score::numeric, 2) FROM compute_grades(8301) WHERE person_id = 8086), 90.00,
          '89.995 rounds to 90.00 as numeric does');
SELECT is((SELECT count(DISTINCT rank) FROM compute_grades(8301) WHERE person_id IN (SELECT 8000 + i FROM generate_series(43, 240, 43) i WHERE i % 2 = 0)
             AND score IS NOT NULL), 1::bigint, 'and everyone on it shares one rank');

-- The evaluations streamed by parallel workers, with the leader taking
-- chunks too or not, give the grades of the serial stream, every column;
-- force_parallel_mode starts workers for a cohort this small.  The
-- comparisons run through PL/pgSQL, so that compute_grades() itself runs
-- in the leader (a worker never starts workers: it streams alone).
CREATE TEMP TABLE serial_8301 AS SELECT * FROM compute_grades(8301);
CREATE TEMP TABLE serial_8302 AS SELECT * FROM compute_grades(8302);
CREATE FUNCTION pg_temp.differing_from(per bigint, serial regclass) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM ((SELECT * FROM responsibility.compute_grades(%s) EXCEPT ALL SELECT * FROM %s)'
                   ' UNION ALL (SELECT * FROM %2$s EXCEPT ALL SELECT * FROM responsibility.compute_grades(%1$s))) x', per, serial)
      INTO n;
    RETURN n;
END
$f$;
-- An error's SQLSTATE, message and whether a parallel worker raised it;
-- the query runs through a cursor, never itself in a worker.
CREATE FUNCTION pg_temp.error_where(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    st text;
    msg text;
    ctx text;
    r record;
BEGIN
    FOR r IN EXECUTE q LOOP
    END LOOP;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, ctx = PG_EXCEPTION_CONTEXT;
    RETURN st || ': ' || msg || CASE WHEN ctx LIKE '%parallel worker%' THEN ' (in a parallel worker)' ELSE '' END;
END
$f$;
SET LOCAL force_parallel_mode = on;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is(pg_temp.differing_from(8301, 'serial_8301'), 0::bigint,
          'evaluations streamed by two workers and the leader: the serial grades, every column');
SET LOCAL parallel_leader_participation = off;
SELECT is(pg_temp.differing_from(8302, 'serial_8302'), 0::bigint, 'by the workers alone: the same');
SELECT is(current_setting('max_parallel_workers_per_gather'), '2',
          'the call leaves max_parallel_workers_per_gather as it was');
-- An evaluation from a source the scheme does not have, loaded without the
-- checks: the worker that streams it stops the call.
SET LOCAL session_replication_role = replica;
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (8301, 8120, 'strangers', 8901, 80);
RESET session_replication_role;
SELECT is(pg_temp.error_where('SELECT count(*) FROM compute_grades(8301)'),
          '22023: multi_source_score: "strangers" is not one of the sources given (in a parallel worker)',
          'an error in a worker is the call''s error (22023), raised where the workers stream');
DELETE FROM evaluation WHERE period_id = 8301 AND source = 'strangers';
SELECT is(pg_temp.differing_from(8301, 'serial_8301'), 0::bigint, 'and the next call streams again');
-- Finalising computes the grades inside a trigger of the write; with
-- workers they are the serial ones.
SELECT finalise_period(8302, 8901);
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET force_parallel_mode;
SELECT is((SELECT count(*) FROM (SELECT person_id, score, rank, grade, quota_tie, caps FROM assessment_result WHERE period_id = 8302
                                 EXCEPT ALL SELECT person_id, score, rank, grade, quota_tie, caps FROM serial_8302) x)
          + (SELECT count(*) FROM serial_8302) - (SELECT count(*) FROM assessment_result WHERE period_id = 8302), 0::bigint,
          'a period finalised with workers keeps the serial grades');

-- Parallel plans for its queries give the same grades.
CREATE TEMP TABLE serial AS SELECT * FROM compute_grades(8303);
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL min_parallel_index_scan_size = 0;
SET LOCAL force_parallel_mode = on;
SELECT is((SELECT count(*) FROM (SELECT person_id, score, grade, caps, rank FROM compute_grades(8303)
                                 EXCEPT SELECT person_id, score, grade, caps, rank FROM serial) x), 0::bigint,
          'queries in parallel give the grades the serial ones give');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET min_parallel_index_scan_size;
RESET force_parallel_mode;

-- A quarterly result that is not a number (loaded without the checks) is
-- an error, not a grade.
SET LOCAL session_replication_role = replica;
UPDATE assessment_result SET score = 'NaN' WHERE period_id = 8311 AND person_id = 8002;
RESET session_replication_role;
SELECT is(pg_temp.error_of('SELECT count(*) FROM compute_grades(8305)'), '22003: compute_grades: a score must be a finite number',
          'a quarterly score of NaN is an error (22003)');

-- A scale beyond what grades rank is refused; a score beyond it, loaded
-- without the checks, is an error, not a wrong rank.
SELECT is(pg_temp.error_of($$INSERT INTO assessment_scheme (scheme_id, code, name, scale_max) VALUES (8206, 'g-huge', 'huge', 1e15)$$),
          '22023: the scale 0 to 1e+15 of scheme g-huge reaches beyond 10^12', 'a scale reaching 10^12 is refused (22023)');
SET LOCAL session_replication_role = replica;
UPDATE evaluation SET score = 2e12 WHERE period_id = 8301 AND person_id = 8001 AND source = 'leaders';
RESET session_replication_role;
SELECT is(pg_temp.error_of('SELECT count(*) FROM compute_grades(8301)'), '22003: compute_grades: score 1e+12 is too large to rank',
          'a score of 10^12 loaded without the checks is an error (22003)');
SELECT is((SELECT count(*) FROM compute_grades(8399)), 0::bigint, 'a period that does not exist has no grades');

SELECT * FROM finish();
ROLLBACK;
