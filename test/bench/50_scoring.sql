-- Benchmark: the scoring aggregates (P1) on round(250,000 * :scale) staff x
-- 20 evaluations from three sources (leaders 4 raters, colleagues 10, the
-- public 6; weights 0.5, 0.3, 0.2; at least 3 raters; the highest and the
-- lowest of each source dropped; 3% of the public missing for some staff,
-- so that the public is insufficient and the weights are renormalised).
-- Compared in the same run, the answers checked first:
--   multi_source_score() per person, against
--   (a) the plain SQL a skilled user would write: the trimmed mean of each
--       source by window functions (row_number, count), the sources with
--       enough raters, the weights renormalised; and
--   (b) the lower bound: one GROUP BY person avg(score) over the same rows;
--   and multi_source_score() with two parallel workers against none.
-- (The grades, quotas and caps of the issue build on these: not yet here.)
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

DROP TABLE IF EXISTS bench.evaluation;
CREATE TABLE bench.evaluation (person_id bigint, source text, score float8, weight float8);
SELECT setseed(0.5);
INSERT INTO bench.evaluation
SELECT p, s.source, round((60 + random() * 40)::numeric, 1)::float8, s.weight
  FROM generate_series(1, round(250000 * :scale)::int) p
 CROSS JOIN (VALUES ('leaders', 0.5, 4), ('colleagues', 0.3, 10), ('public', 0.2, 6)) s(source, weight, raters)
 CROSS JOIN LATERAL generate_series(1, CASE WHEN s.source = 'public' AND p % 33 = 0 THEN 2 ELSE s.raters END) r;
VACUUM ANALYZE bench.evaluation;
SELECT count(*) AS evaluations, count(DISTINCT person_id) AS staff FROM bench.evaluation;

CREATE OR REPLACE VIEW bench.score_sql AS
SELECT person_id, sum(weight * mean) / sum(weight) AS score
  FROM (SELECT person_id, source, min(weight) AS weight, avg(score) FILTER (WHERE rn > 1 AND rn < n) AS mean,
               max(n) AS n
          FROM (SELECT person_id, source, weight, score,
                       row_number() OVER (PARTITION BY person_id, source ORDER BY score) AS rn,
                       count(*) OVER (PARTITION BY person_id, source) AS n
                  FROM bench.evaluation) r
         GROUP BY person_id, source) s
 WHERE n >= 3 AND n > 2
 GROUP BY person_id;
CREATE OR REPLACE VIEW bench.score_c AS
SELECT person_id, responsibility.multi_source_score(source, score, weight, 3, 1) AS score
  FROM bench.evaluation GROUP BY person_id;

SELECT count(*) AS persons_differing
  FROM bench.score_c c FULL JOIN bench.score_sql s USING (person_id)
 WHERE c.score IS NULL OR s.score IS NULL OR abs(c.score - s.score) > 1e-9;

\set sql_q 'SELECT count(score) FROM bench.score_sql'
\set c_q 'SELECT count(score) FROM bench.score_c'
\set floor_q 'SELECT count(a) FROM (SELECT person_id, avg(score) AS a FROM bench.evaluation GROUP BY person_id) x'
SET max_parallel_workers_per_gather = 0;
SELECT * FROM bench.compare('multi_source_score vs plain SQL (target >= 3x), serial', :'sql_q', :'c_q', 5);
SELECT * FROM bench.compare('multi_source_score vs GROUP BY avg (target <= 1.3x), serial', :'floor_q', :'c_q', 5);
RESET max_parallel_workers_per_gather;
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
SELECT * FROM bench.compare('multi_source_score: 2 workers vs none (target >= 1.6x)',
    format('SELECT bench.count_serial(%L)', :'c_q'), :'c_q', 5);
RESET max_parallel_workers_per_gather;
