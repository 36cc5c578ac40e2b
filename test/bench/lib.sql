-- Benchmark library: times a candidate against its baseline in the same run,
-- on the same data, alternating them over several repetitions, and reports
-- the median of the per-repetition ratios (baseline time / candidate time).
-- Times are server-side (EXECUTE inside PL/pgSQL), so client I/O is not
-- measured; each query should end in an aggregate so it returns one row.
CREATE SCHEMA IF NOT EXISTS bench;

CREATE TABLE IF NOT EXISTS bench.result (
    benchmark   text,
    rep         integer,
    baseline_ms float8,
    candidate_ms float8,
    at          timestamptz DEFAULT clock_timestamp()
);

CREATE OR REPLACE FUNCTION bench.time_ms(q text) RETURNS float8
    LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    ignored text;
BEGIN
    t0 := clock_timestamp();
    EXECUTE q INTO ignored;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$$;

-- The same without INTO: PL/pgSQL runs a query whose rows go INTO a
-- variable without parallel workers; this lets PostgreSQL choose them, as
-- it would for the query typed into psql.
CREATE OR REPLACE FUNCTION bench.time_ms_parallel(q text) RETURNS float8
    LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
BEGIN
    t0 := clock_timestamp();
    EXECUTE q;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$$;

CREATE OR REPLACE FUNCTION bench.median(float8[]) RETURNS float8
    LANGUAGE sql IMMUTABLE AS $$
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest($1) x
$$;

-- One warm-up run of each, then reps alternating runs.
DROP FUNCTION IF EXISTS bench.compare(text, text, text, integer);
CREATE OR REPLACE FUNCTION bench.compare(name text, baseline text, candidate text, repetitions integer DEFAULT 5,
                                         parallel boolean DEFAULT false)
    RETURNS TABLE (benchmark text, reps integer, baseline_ms float8, candidate_ms float8, median_ratio float8)
    LANGUAGE plpgsql AS $$
DECLARE
    b float8; c float8;
    bs float8[] := '{}'; cs float8[] := '{}'; rs float8[] := '{}';
BEGIN
    IF parallel THEN
        PERFORM bench.time_ms_parallel(baseline);
        PERFORM bench.time_ms_parallel(candidate);
    ELSE
        PERFORM bench.time_ms(baseline);
        PERFORM bench.time_ms(candidate);
    END IF;
    FOR i IN 1..repetitions LOOP
        IF parallel AND i % 2 = 1 THEN
            b := bench.time_ms_parallel(baseline);  c := bench.time_ms_parallel(candidate);
        ELSIF parallel THEN
            c := bench.time_ms_parallel(candidate); b := bench.time_ms_parallel(baseline);
        ELSIF i % 2 = 1 THEN
            b := bench.time_ms(baseline);  c := bench.time_ms(candidate);
        ELSE
            c := bench.time_ms(candidate); b := bench.time_ms(baseline);
        END IF;
        bs := bs || b; cs := cs || c; rs := rs || (b / greatest(c, 0.001));
        INSERT INTO bench.result VALUES (name, i, b, c);
    END LOOP;
    RETURN QUERY SELECT name, repetitions, round(bench.median(bs)::numeric, 2)::float8,
        round(bench.median(cs)::numeric, 2)::float8, round(bench.median(rs)::numeric, 2)::float8;
END
$$;

-- The share of rows a query's Memoize nodes answered from their caches, from
-- one EXPLAIN ANALYZE run (the query runs once more): what a baseline's
-- ratio owes to repeated inputs.
CREATE OR REPLACE FUNCTION bench.memoize_hits(q text)
    RETURNS TABLE (hits bigint, misses bigint, hit_share float8)
    LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
    RETURN QUERY
    WITH RECURSIVE node(n) AS (
        SELECT plan -> 0 -> 'Plan'
        UNION ALL
        SELECT child FROM node, json_array_elements(coalesce(node.n -> 'Plans', '[]')) child
    )
    SELECT h::bigint, m::bigint, round(h / nullif(h + m, 0), 3)::float8
      FROM (SELECT sum((n ->> 'Cache Hits')::bigint) h, sum((n ->> 'Cache Misses')::bigint) m
              FROM node WHERE n ->> 'Node Type' = 'Memoize') s;
END
$$;
