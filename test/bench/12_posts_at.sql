-- Benchmark: posts_at(moment), every post of the tenant at a moment with its
-- holder (a SQL function), against its own body written as a plain query
-- (the same SELECT, the tenant given as the constant 1 and the moment as a
-- literal), at one random moment in 2021-2025, over the organisation of
-- 10_command_chain.sql:
--   1. as the superuser (row-level security does not apply);
--   2. as bench_reader, a NOLOGIN member of responsibility_reader (the
--      policies on position, assignment and person apply to both sides).
-- Each side is wrapped as SELECT count(*), sum(...) over every column, so it
-- returns one row and neither side can skip a column.
-- Target: posts_at takes at most 1.5x its body (median ratio >= 0.67).
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_reader') THEN
        CREATE ROLE bench_reader NOLOGIN IN ROLE responsibility_reader;
    END IF;
END
$$;
GRANT responsibility_reader TO bench_reader;
GRANT USAGE ON SCHEMA bench TO bench_reader;
GRANT INSERT, SELECT ON bench.result TO bench_reader;

SELECT timestamptz '2021-01-01' + random() * interval '5 years' AS moment \gset
SELECT :'moment'::timestamptz AS moment;

\set body 'SELECT count(*), sum(x.position_id + x.unit_id + coalesce(x.reports_to, 0) + coalesce(x.person_id, 0) + length(x.title) + length(x.kind::text) + coalesce(length(x.person_name), 0) + length(x.tenure)) FROM (SELECT p.position_id, p.unit_id, p.title, p.kind, p.reports_to, a.person_id, pe.name AS person_name, coalesce(a.tenure::text, ''vacant'') AS tenure FROM responsibility.position p LEFT JOIN responsibility.assignment a ON a.tenant_id = p.tenant_id AND a.position_id = p.position_id AND a.during @> timestamptz ' :'moment' ' LEFT JOIN responsibility.person pe ON pe.tenant_id = a.tenant_id AND pe.person_id = a.person_id WHERE p.tenant_id = 1 AND p.valid @> timestamptz ' :'moment' ' ORDER BY p.position_id) x'
\set candidate 'SELECT count(*), sum(x.position_id + x.unit_id + coalesce(x.reports_to, 0) + coalesce(x.person_id, 0) + length(x.title) + length(x.kind::text) + coalesce(length(x.person_name), 0) + length(x.tenure)) FROM responsibility.posts_at(timestamptz ' :'moment' ') x'

-- The same rows both ways, as each role.
SELECT 'superuser' AS role, b.count AS posts, b.count = c.count AND b.sum = c.sum AS same
  FROM (:body) b(count, sum), (:candidate) c(count, sum);
SET ROLE bench_reader;
SELECT 'bench_reader' AS role, b.count AS posts, b.count = c.count AND b.sum = c.sum AS same
  FROM (:body) b(count, sum), (:candidate) c(count, sum);
RESET ROLE;

SELECT * FROM bench.compare('posts_at vs its body, superuser (target >= 0.67)', :'body', :'candidate', 3);
SET ROLE bench_reader;
SELECT * FROM bench.compare('posts_at vs its body, bench_reader under RLS (target >= 0.67)', :'body', :'candidate', 3);
RESET ROLE;
