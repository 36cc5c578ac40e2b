-- Benchmark: posts_at(moment), every post of the tenant at a moment with its
-- holder (a SQL function), against its own body written as a plain query
-- (the same SELECT, the tenant given as the constant 1 and the moment as a
-- literal), at one random moment in 2021-2025, over the organisation of
-- 10_command_chain.sql:
--   1. as the superuser (row-level security does not apply);
--   2. as bench_reader, a NOLOGIN member of responsibility_reader (the
--      policies on position, assignment and person apply to both sides).
-- Each side is wrapped as SELECT count(*), sum(...) over every column, so it
-- returns one row and neither side can skip a column; both must return the
-- same row.  3 repetitions, without warm-up runs: at scale 1 a run takes
-- from a few seconds to half a minute (under row-level security the body's
-- plan probes an index once per post), about 4 minutes in all.
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

-- Like bench.compare (lib.sql), without its warm-up runs, which at scale 1
-- would cost minutes (a run of either side reads the whole organisation):
-- the runs alternate from the first, the median of the ratios dampens the
-- cold first one, and every run's row (count, sum) must be the same on both
-- sides (same_rows).
CREATE OR REPLACE FUNCTION bench.compare_same(name text, baseline text, candidate text, repetitions integer)
    RETURNS TABLE (benchmark text, reps integer, baseline_ms float8, candidate_ms float8,
                   median_ratio float8, same_rows boolean)
    LANGUAGE plpgsql AS $$
DECLARE
    b float8; c float8; rb text; rc text; t0 timestamptz;
    bs float8[] := '{}'; cs float8[] := '{}'; rs float8[] := '{}';
    same boolean := true;
BEGIN
    FOR i IN 1..repetitions LOOP
        FOR side IN 0..1 LOOP
            t0 := clock_timestamp();
            IF (i + side) % 2 = 1 THEN
                EXECUTE format('SELECT row(r.*)::text FROM (%s) r', baseline) INTO rb;
                b := extract(epoch FROM clock_timestamp() - t0) * 1000;
            ELSE
                EXECUTE format('SELECT row(r.*)::text FROM (%s) r', candidate) INTO rc;
                c := extract(epoch FROM clock_timestamp() - t0) * 1000;
            END IF;
        END LOOP;
        same := same AND rb IS NOT DISTINCT FROM rc;
        bs := bs || b; cs := cs || c; rs := rs || (b / greatest(c, 0.001));
        INSERT INTO bench.result VALUES (name, i, b, c);
    END LOOP;
    RETURN QUERY SELECT name, repetitions, round(bench.median(bs)::numeric, 2)::float8,
        round(bench.median(cs)::numeric, 2)::float8, round(bench.median(rs)::numeric, 2)::float8, same;
END
$$;

SELECT * FROM bench.compare_same('posts_at vs its body, superuser (target >= 0.67)', :'body', :'candidate', 3);
SET ROLE bench_reader;
SELECT * FROM bench.compare_same('posts_at vs its body, bench_reader under RLS (target >= 0.67)', :'body', :'candidate', 3);
RESET ROLE;
