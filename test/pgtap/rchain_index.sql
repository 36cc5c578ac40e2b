-- The GIN operator class of rchain: stored chains found by a post they pass
-- through (@>, <@) or a person who held one of their posts (~>).  The index
-- answers exactly what a sequential scan answers, for every post and person
-- of 4,000 random chains, and the planner uses it.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(9);
SET LOCAL search_path = responsibility, public;

-- 4,000 chains of 1 to 8 links over 300 posts and 120 persons (some posts
-- vacant, some persons holding two posts of one chain).
SELECT setseed(0.42);
CREATE TEMP TABLE stored (id integer PRIMARY KEY, c rchain NOT NULL);
INSERT INTO stored
SELECT i, (format('[2025-01-01 00:00+00] %s',
                  string_agg(format('%s:%s:%s', p,
                                    CASE WHEN k = n THEN 'head' WHEN k = 1 THEN 'post' ELSE 'superior' END,
                                    CASE WHEN random() < 0.15 THEN 'vacant' ELSE (1 + floor(random() * 120))::text END),
                             ' > ' ORDER BY k)))::rchain
  FROM (SELECT i, n, k, 1 + ((i * 7919 + k * 104729) % 300) AS p
          FROM (SELECT i, 1 + floor(random() * 8)::int AS n FROM generate_series(1, 4000) i) s,
               generate_series(1, n) k) l
 GROUP BY i;
CREATE INDEX stored_c ON stored USING gin (c);
ANALYZE stored;

CREATE TEMP TABLE answers (how text, op text, id bigint, ids integer[]);
-- The sequential answers.
SET LOCAL enable_indexscan = off;
SET LOCAL enable_bitmapscan = off;
INSERT INTO answers
SELECT 'seq', 'post', p, ARRAY(SELECT id FROM stored WHERE c @> p ORDER BY id) FROM generate_series(-1, 301) p
UNION ALL
SELECT 'seq', 'in', p, ARRAY(SELECT id FROM stored WHERE p <@ c ORDER BY id) FROM generate_series(-1, 301) p
UNION ALL
SELECT 'seq', 'person', h, ARRAY(SELECT id FROM stored WHERE c ~> h ORDER BY id) FROM generate_series(-1, 121) h;
-- The indexed answers.
RESET enable_indexscan;
RESET enable_bitmapscan;
SET LOCAL enable_seqscan = off;
INSERT INTO answers
SELECT 'index', 'post', p, ARRAY(SELECT id FROM stored WHERE c @> p ORDER BY id) FROM generate_series(-1, 301) p
UNION ALL
SELECT 'index', 'in', p, ARRAY(SELECT id FROM stored WHERE p <@ c ORDER BY id) FROM generate_series(-1, 301) p
UNION ALL
SELECT 'index', 'person', h, ARRAY(SELECT id FROM stored WHERE c ~> h ORDER BY id) FROM generate_series(-1, 121) h;

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP plan := plan || line || E'\n'; END LOOP;
    RETURN plan;
END $$;
SELECT matches(pg_temp.plan_of('SELECT id FROM stored WHERE c @> 17'), 'Bitmap Index Scan on stored_c',
               'chain @> post uses the GIN index');
SELECT matches(pg_temp.plan_of('SELECT id FROM stored WHERE 17 <@ c'), 'Bitmap Index Scan on stored_c',
               'post <@ chain uses the GIN index');
SELECT matches(pg_temp.plan_of('SELECT id FROM stored WHERE c ~> 17'), 'Bitmap Index Scan on stored_c',
               'chain ~> person uses the GIN index');
RESET enable_seqscan;

SELECT is((SELECT count(*) FROM answers s JOIN answers i USING (op, id)
            WHERE s.how = 'seq' AND i.how = 'index' AND s.ids IS DISTINCT FROM i.ids),
          0::bigint, 'index and sequential scan agree for every post and person');
SELECT is((SELECT count(*) FROM answers WHERE how = 'index'), (2 * 303 + 123)::bigint, 'every query was asked');
SELECT ok((SELECT sum(cardinality(ids)) FROM answers WHERE how = 'index' AND op = 'post') > 4000,
          'the posts'' answers are not empty');
SELECT ok((SELECT sum(cardinality(ids)) FROM answers WHERE how = 'index' AND op = 'person') > 4000,
          'the persons'' answers are not empty');
SELECT is((SELECT ids FROM answers WHERE how = 'index' AND op = 'post' AND id = 0), '{}'::integer[],
          'no chain passes through post 0');
-- Vacancies are not persons: a chain whose post is vacant is not found by ~> 0.
SELECT is((SELECT ids FROM answers WHERE how = 'index' AND op = 'person' AND id = 0), '{}'::integer[],
          'no chain is held by person 0 (vacancies are not indexed as persons)');

SELECT * FROM finish();
ROLLBACK;
