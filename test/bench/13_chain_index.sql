-- Benchmark: "every stored chain through this post" with the GIN operator
-- class of rchain, against a sequential scan of the same table, on
-- round(1,000,000 * :scale) chains of the organisation of
-- 10_command_chain.sql (random posts at random moments), for 20 posts of
-- the upper levels (each in many chains) and 20 persons.  Both sides count
-- the matches of every query in one statement; the answers must agree.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

CREATE TABLE IF NOT EXISTS bench.stored_chain (id integer PRIMARY KEY, c responsibility.rchain NOT NULL);
SELECT count(*) <> round(1000000 * :scale) AS need_build FROM bench.stored_chain \gset
\if :need_build
\echo storing round(1000000 * :scale) chains (once)
TRUNCATE bench.stored_chain;
SET responsibility.chain_cache_size = '2GB';
INSERT INTO bench.stored_chain
SELECT i, responsibility.command_chain(1 + floor(random() * (SELECT count(*) FROM responsibility.position))::bigint,
                                       timestamptz '2021-01-01' + random() * interval '5 years')
  FROM generate_series(1, round(1000000 * :scale)::integer) i;
RESET responsibility.chain_cache_size;
CREATE INDEX stored_chain_gin ON bench.stored_chain USING gin (c);
VACUUM ANALYZE bench.stored_chain;
\endif

SELECT pg_size_pretty(pg_relation_size('bench.stored_chain')) AS table_size,
       pg_size_pretty(pg_relation_size('bench.stored_chain_gin')) AS index_size;

CREATE OR REPLACE FUNCTION bench.chains_through(posts bigint[], persons bigint[]) RETURNS bigint
    LANGUAGE sql STABLE AS $$
    SELECT (SELECT coalesce(sum((SELECT count(*) FROM bench.stored_chain s WHERE s.c OPERATOR(responsibility.@>) p)), 0)
              FROM unnest(posts) p)
         + (SELECT coalesce(sum((SELECT count(*) FROM bench.stored_chain s WHERE s.c OPERATOR(responsibility.~>) h)), 0)
              FROM unnest(persons) h)
$$;
-- Posts 2 to 21 (levels 1 and 2, each in tens of thousands of chains at
-- scale 1) and 20 holders of them.
SELECT array_agg(g::bigint) AS posts FROM generate_series(2, 21) g \gset
SELECT array_agg(DISTINCT person_id) AS persons
  FROM (SELECT person_id FROM responsibility.assignment WHERE tenant_id = 1 AND position_id BETWEEN 2 AND 21
         ORDER BY assignment_id LIMIT 20) a \gset

SELECT (SELECT bench.chains_through(:'posts', :'persons')) AS indexed_matches \gset
SET enable_bitmapscan = off;
SET enable_indexscan = off;
SELECT bench.chains_through(:'posts', :'persons') = :indexed_matches AS same_answers, :indexed_matches AS matches;
RESET enable_bitmapscan;
RESET enable_indexscan;

-- The baseline: the same statement with the index out of the planner's reach.
CREATE OR REPLACE FUNCTION bench.chains_through_seq(posts bigint[], persons bigint[]) RETURNS bigint
    LANGUAGE sql STABLE SET enable_bitmapscan = off SET enable_indexscan = off AS $$
    SELECT bench.chains_through(posts, persons)
$$;
SELECT * FROM bench.compare('chains through 20 posts and 20 persons: GIN vs sequential scan',
    format('SELECT bench.chains_through_seq(%L, %L)', :'posts', :'persons'),
    format('SELECT bench.chains_through(%L, %L)', :'posts', :'persons'), 3);
