-- Benchmark: add_workdays() on round(1,000,000 * :scale) random (date, n)
-- pairs, the date in 2005-2025 and n in 1..60 working days, calendar cn.
--
-- (a) against the plain SQL a user would write without the extension's
--     functions: a LATERAL subquery over generate_series, joined to the
--     exception table, keeping the n-th working day, on every pair (20 to
--     50 s a run at scale 1, so 3 repetitions).  The first 20,000 pairs
--     check that both agree.  The planner puts a Memoize node over the
--     LATERAL subquery, which answers a row whose (date, n) pair it has seen
--     from its cache; the pairs repeat (at scale 1, 408,156 distinct of
--     1,000,000), so the baseline's cost depends on the cache's size:
--       1. PostgreSQL's default settings (work_mem 4MB, see run.sh): the
--          cache holds a fraction of the pairs and answers about 15% of rows;
--       2. work_mem raised to 64MB, as a DBA might: the cache holds every
--          pair and answers about 59% of rows (the plain SQL at its best);
--       3. Memoize off: every pair computed on both sides.
-- (b) against the built-in date + n on every pair: how close a working-day
--     addition comes to a plain function call.
--
-- Every query ends in an aggregate and returns one row.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

CREATE TABLE IF NOT EXISTS bench.cal_pairs (id integer PRIMARY KEY, d date NOT NULL, n integer NOT NULL);
SELECT count(*) <> round(1000000 * :scale) AS need_build FROM bench.cal_pairs \gset
\if :need_build
\echo building round(1000000 * :scale) date pairs (once)
TRUNCATE bench.cal_pairs;
SELECT setseed(0.2025) \g /dev/null
INSERT INTO bench.cal_pairs
SELECT i, '2005-01-01'::date + floor(random() * ('2025-12-31'::date - '2005-01-01'::date + 1))::integer,
       1 + floor(random() * 60)::integer
  FROM generate_series(1, round(1000000 * :scale)::integer) i;
ANALYZE bench.cal_pairs;
\endif
-- The baseline, once: the plain SQL a user would write for the n-th working
-- day after each pair's date (the planner inlines the view).
CREATE OR REPLACE VIEW bench.cal_plain AS
SELECT p.id, p.d, p.n, w.due
  FROM bench.cal_pairs p
 CROSS JOIN LATERAL (
       SELECT g::date AS due
         FROM generate_series(p.d + 1, p.d + 3 * p.n + 14, interval '1 day') g
         LEFT JOIN responsibility.calendar_day c ON c.calendar = 'cn' AND c.day = g::date
        WHERE CASE WHEN c.kind IS NULL THEN extract(isodow FROM g) < 6 ELSE c.kind = 'adjusted_workday' END
        ORDER BY g OFFSET p.n - 1 LIMIT 1) w;

-- The two sides must agree before they are timed (the first 20,000 pairs).
SELECT count(*) AS disagreements FROM bench.cal_plain
 WHERE id <= 20000 AND due <> responsibility.add_workdays(d, n);

\set baseline 'SELECT sum(due - d) FROM bench.cal_plain'
\set candidate 'SELECT sum(responsibility.add_workdays(p.d, p.n) - p.d) FROM bench.cal_pairs p'
SELECT count(*) AS pairs, count(DISTINCT (d, n)) AS distinct_pairs FROM bench.cal_pairs;

SELECT * FROM bench.memoize_hits(:'baseline');
SELECT * FROM bench.compare('calendar: plain SQL n-th working day vs add_workdays (all pairs)',
    :'baseline', :'candidate', 3);

SET work_mem = '64MB';
SELECT * FROM bench.memoize_hits(:'baseline');
SELECT * FROM bench.compare('calendar: the same, work_mem 64MB (Memoize caches every pair)',
    :'baseline', :'candidate', 3);
RESET work_mem;

SET enable_memoize = off;
SELECT * FROM bench.compare('calendar: the same, every pair computed (Memoize off)',
    :'baseline', :'candidate', 3);
RESET enable_memoize;

SELECT * FROM bench.compare('calendar: date + n vs add_workdays (all pairs)',
    'SELECT sum((p.d + p.n) - p.d) FROM bench.cal_pairs p', :'candidate', 11);
