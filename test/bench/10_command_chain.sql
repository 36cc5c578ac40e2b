-- Benchmark: command chains as of a random moment for 20,000 random posts
-- (fewer below scale 0.1, where the baseline's plans turn to hash joins).
--
-- The organisation (built once per scale, in the default tenant): a tree of
-- round(1,000,000 * :scale) posts numbered like a heap with fan-out 6, so a
-- post at level L (0 = the head of the top unit) has a chain of L + 1 links
-- and most chains have 9.  Down to level 5 the first child of every head is
-- a deputy in the same unit and the five others head sub-units; from 2023
-- the deputy is in charge (分管) of those sub-units, so chains then pass
-- through it.  Five years of history (2021-2025): each post had 2 or 3
-- holders, with a vacancy of a few weeks at some changes.
--
-- command_chain() is compared with: the recursive CTE a user would write;
-- the tuned SQL a skilled user would write (the fastest of three forms,
-- below; target >= 20x); one index lookup per chain; a scan of the sample.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

CREATE TABLE IF NOT EXISTS bench.org_meta (scale text PRIMARY KEY, built timestamptz);

SELECT NOT EXISTS (SELECT FROM bench.org_meta WHERE scale = :'scale') AS need_build \gset
\if :need_build
\echo building the organisation at scale :scale (once)
SET session_replication_role = replica;  -- bulk load: skip per-row triggers and FK checks
TRUNCATE responsibility.charge, responsibility.absence, responsibility.assignment, responsibility.person,
         responsibility.position, responsibility.unit,
         -- the catalogue (0.3.0) refers to units and posts: 30_coverage.sql rebuilds it
         responsibility.duty, responsibility.duty_owner, responsibility.power, responsibility.power_duty,
         responsibility.process, responsibility.process_step, responsibility.step_owner,
         responsibility.step_handoff
         -- and what later files load that refers to them (incidents, cases,
         -- assessments, approvals): each file rebuilds its own
         CASCADE;
DELETE FROM bench.org_meta;

CREATE TEMP TABLE node AS
WITH RECURSIVE n(id, parent, level) AS (
    SELECT 1::bigint, NULL::bigint, 0
    UNION ALL
    SELECT 6 * (n.id - 1) + 2 + k, n.id, n.level + 1
      FROM n, generate_series(0, 5) k
     WHERE 6 * (n.id - 1) + 2 + k <= round(1000000 * :scale)
)
SELECT * FROM n;
-- A post heads its own unit when it is a non-first child at level <= 5.
ALTER TABLE node ADD is_head boolean, ADD unit bigint;
UPDATE node SET is_head = (level = 0 OR (level <= 5 AND (id - 2) % 6 <> 0));
CREATE INDEX ON node (id);
ANALYZE node;
-- unit of a post: itself when a head, else the unit of its parent (by level)
DO $$
DECLARE l int;
BEGIN
    UPDATE node SET unit = id WHERE is_head;
    FOR l IN 1 .. (SELECT max(level) FROM node) LOOP
        UPDATE node c SET unit = p.unit FROM node p
         WHERE c.level = l AND NOT c.is_head AND p.id = c.parent;
    END LOOP;
END $$;

INSERT INTO responsibility.unit (tenant_id, unit_id, parent_id, name, kind)
SELECT 1, n.id, p.unit, 'Unit ' || n.id, CASE WHEN n.level = 0 THEN 'decision' ELSE 'executing' END::responsibility.unit_kind
  FROM node n LEFT JOIN node p ON p.id = n.parent
 WHERE n.is_head;

INSERT INTO responsibility.position (tenant_id, position_id, unit_id, title, kind, reports_to)
SELECT 1, id, unit, 'Post ' || id,
       CASE WHEN is_head THEN 'head' WHEN level <= 5 THEN 'deputy' WHEN level = 6 THEN 'chief' ELSE 'staff' END::responsibility.position_kind,
       parent
  FROM node;

-- Deputies (first children down to level 5) in charge of their siblings' units from 2023.
INSERT INTO responsibility.charge (tenant_id, position_id, unit_id, during)
SELECT 1, 6 * (s.parent - 1) + 2, s.id, tstzrange('2023-01-01', NULL)
  FROM node s
 WHERE s.is_head AND s.level > 0
   AND EXISTS (SELECT FROM node d WHERE d.id = 6 * (s.parent - 1) + 2 AND NOT d.is_head);

-- Terms: cut points c1 in 2021-2023 and c2 in 2023-2025; a third of the
-- posts have a second change; some changes leave a vacancy of 0-60 days.
INSERT INTO responsibility.assignment (tenant_id, assignment_id, position_id, person_id, during, tenure)
SELECT 1, 3 * (id - 1) + t, id, 3 * (id - 1) + t, during, 'holder'
  FROM (SELECT id,
               timestamptz '2021-01-01' + random() * interval '900 days' AS c1,
               timestamptz '2023-10-01' + random() * interval '800 days' AS c2,
               random() < 0.33 AS three,
               (random() * 60)::int * interval '1 day' AS gap
          FROM node) n,
       LATERAL (VALUES (1, tstzrange('2021-01-01', n.c1)),
                       (2, tstzrange(n.c1 + n.gap, CASE WHEN n.three THEN n.c2 END)),
                       (3, CASE WHEN n.three THEN tstzrange(n.c2, NULL) END)) a(t, during)
 WHERE during IS NOT NULL;

INSERT INTO responsibility.person (tenant_id, person_id, name)
SELECT 1, assignment_id, 'Person ' || assignment_id FROM responsibility.assignment;

RESET session_replication_role;
SELECT setval('responsibility.unit_id_seq', (SELECT max(unit_id) FROM responsibility.unit)),
       setval('responsibility.position_id_seq', (SELECT max(position_id) FROM responsibility.position)),
       setval('responsibility.person_id_seq', (SELECT max(person_id) FROM responsibility.person)),
       setval('responsibility.assignment_id_seq', (SELECT max(assignment_id) FROM responsibility.assignment)) \g /dev/null
VACUUM ANALYZE responsibility.unit, responsibility.position, responsibility.person,
               responsibility.assignment, responsibility.charge;

DROP TABLE IF EXISTS bench.chain_sample;
CREATE TABLE bench.chain_sample AS
SELECT (1 + floor(random() * (SELECT count(*) FROM node)))::bigint AS pos,
       timestamptz '2021-01-01' + random() * interval '5 years' AS at
  FROM generate_series(1, round(20000 * least(1.0, :scale * 10))::integer);
ANALYZE bench.chain_sample;
INSERT INTO bench.org_meta VALUES (:'scale', now());
DROP TABLE node;
\endif

SELECT (SELECT count(*) FROM responsibility.position) AS positions,
       (SELECT count(*) FROM responsibility.assignment) AS assignments,
       (SELECT count(*) FROM responsibility.charge) AS charges,
       (SELECT count(*) FROM bench.chain_sample) AS samples;

-- Cold start: the first call in a backend builds the per-backend cache.
SELECT round(bench.time_ms('SELECT responsibility.length(responsibility.command_chain(1, now()))')::numeric) AS cache_build_ms,
       pg_size_pretty(responsibility.chain_cache_memory()) AS cache_memory;

-- The same answer both ways: a spot check before timing.
SELECT count(*) AS chains_differing FROM (
    SELECT s.pos, s.at, responsibility.persons(responsibility.command_chain(s.pos, s.at)) AS c,
           (WITH RECURSIVE up(position_id, depth) AS (
                SELECT s.pos, 1
                UNION ALL
                SELECT coalesce(ch.position_id, p.reports_to), up.depth + 1
                  FROM up
                  JOIN responsibility.position p ON p.tenant_id = 1 AND p.position_id = up.position_id
                  LEFT JOIN responsibility.charge ch
                    ON ch.tenant_id = 1 AND p.kind = 'head' AND ch.unit_id = p.unit_id
                   AND ch.during @> s.at AND ch.position_id <> p.position_id
                 WHERE coalesce(ch.position_id, p.reports_to) IS NOT NULL)
            SELECT coalesce(array_agg(a.person_id ORDER BY up.depth) FILTER (WHERE a.person_id IS NOT NULL), '{}')
              FROM up LEFT JOIN responsibility.assignment a
                ON a.tenant_id = 1 AND a.position_id = up.position_id AND a.during @> s.at) AS b
      FROM (SELECT * FROM bench.chain_sample LIMIT 2000) s) x
 WHERE c IS DISTINCT FROM b;

-- Baseline: the plain SQL a user would write — a recursive CTE up the
-- reporting lines (through the leader in charge where there is one), joined
-- to the assignments valid at that moment.
\set baseline 'SELECT sum(c.n) FROM bench.chain_sample s CROSS JOIN LATERAL (WITH RECURSIVE up(position_id, depth) AS (SELECT s.pos, 1 UNION ALL SELECT coalesce(ch.position_id, p.reports_to), up.depth + 1 FROM up JOIN responsibility.position p ON p.tenant_id = 1 AND p.position_id = up.position_id LEFT JOIN responsibility.charge ch ON ch.tenant_id = 1 AND p.kind = ''head'' AND ch.unit_id = p.unit_id AND ch.during @> s.at AND ch.position_id <> p.position_id WHERE coalesce(ch.position_id, p.reports_to) IS NOT NULL) SELECT count(*) AS n, array_agg(a.person_id ORDER BY up.depth) AS persons FROM up LEFT JOIN responsibility.assignment a ON a.tenant_id = 1 AND a.position_id = up.position_id AND a.during @> s.at) c'
\set candidate 'SELECT sum(responsibility.length(responsibility.command_chain(s.pos, s.at))) FROM bench.chain_sample s'
-- One index lookup per chain: the post's own row, nothing more.
\set lookup 'SELECT sum((SELECT p.reports_to FROM responsibility.position p WHERE p.tenant_id = 1 AND p.position_id = s.pos)) FROM bench.chain_sample s'
-- The floor: reading the sample and calling a trivial function per row.
\set scan 'SELECT sum(length(s.pos::text)) FROM bench.chain_sample s'

SELECT * FROM bench.compare('command_chain vs recursive CTE (target >= 20x)', :'baseline', :'candidate', 5);
SELECT * FROM bench.compare('command_chain vs one index lookup per chain', :'lookup', :'candidate', 5);
SELECT * FROM bench.compare('command_chain vs a scan of the sample', :'scan', :'candidate', 5);

-- Tuned SQL: the best plain SQL a skilled user writes for the same chains
-- with their holders, walking position by its primary key, the charge of a
-- head's unit by charge_unit_during_idx and the holder by
-- assignment_position_during_idx.  Three forms, each a view of (pos, at,
-- persons) over the whole sample:
--   join     set-based: one recursive CTE for every chain at once, joins to
--            position and charge, then to assignment (the planner's choice
--            of join: hash joins over whole tables at any scale tried);
--   probe    set-based, every lookup a scalar subquery, so each is one btree
--            probe, with OFFSET 0 fences so that none is evaluated twice;
--   lateral  one recursive CTE per chain (CROSS JOIN LATERAL), the holder by
--            a LATERAL (SELECT person_id ... LIMIT 1).
-- Lookups filter on (during @> at) IS TRUE, which is during @> at in a WHERE
-- clause but keeps the planner on the btree indexes: with a bare during @> at
-- it probes the GiST indexes of the exclusion constraints instead, 3 to 5
-- times slower a probe (EXPLAIN ANALYZE at scale 1).
-- The fastest form in this run is "tuned SQL": at scale 0.01 (10,000 posts)
-- join, whose hash tables hold the whole organisation; at scale 1 probe
-- (about 2.2 s for 20,000 chains, against lateral 2.7 s and join 5.2 s; JIT
-- compilation, on by default, takes about 0.2 s of each, hence the second
-- comparison with jit off).
CREATE OR REPLACE VIEW bench.chain_tuned_join AS
WITH RECURSIVE s AS (SELECT row_number() OVER () AS id, pos, at FROM bench.chain_sample),
up(id, pos, at, position_id, depth) AS (
    SELECT id, pos, at, pos, 1 FROM s
    UNION ALL
    SELECT up.id, up.pos, up.at, coalesce(ch.position_id, p.reports_to), up.depth + 1
      FROM up
      JOIN responsibility.position p ON p.tenant_id = 1 AND p.position_id = up.position_id
      LEFT JOIN responsibility.charge ch
        ON ch.tenant_id = 1 AND p.kind = 'head' AND ch.unit_id = p.unit_id
       AND (ch.during @> up.at) IS TRUE AND ch.position_id <> p.position_id
     WHERE coalesce(ch.position_id, p.reports_to) IS NOT NULL)
SELECT up.pos, up.at,
       coalesce(array_agg(a.person_id ORDER BY up.depth) FILTER (WHERE a.person_id IS NOT NULL), '{}') AS persons
  FROM up
  LEFT JOIN responsibility.assignment a
    ON a.tenant_id = 1 AND a.position_id = up.position_id AND (a.during @> up.at) IS TRUE
 GROUP BY up.id, up.pos, up.at;

CREATE OR REPLACE VIEW bench.chain_tuned_probe AS
WITH RECURSIVE up(id, pos, at, position_id, depth) AS (
    SELECT row_number() OVER (), s.pos, s.at, s.pos, 1 FROM bench.chain_sample s
    UNION ALL
    SELECT x.id, x.pos, x.at, x.next, x.depth + 1
      FROM (SELECT up.id, up.pos, up.at, up.depth,
                   (SELECT coalesce(CASE WHEN p.kind = 'head' THEN
                                        (SELECT ch.position_id FROM responsibility.charge ch
                                          WHERE ch.tenant_id = 1 AND ch.unit_id = p.unit_id
                                            AND (ch.during @> up.at) IS TRUE
                                            AND ch.position_id <> p.position_id LIMIT 1) END,
                                    p.reports_to)
                      FROM responsibility.position p
                     WHERE p.tenant_id = 1 AND p.position_id = up.position_id) AS next
              FROM up OFFSET 0) x
     WHERE x.next IS NOT NULL)
SELECT y.pos, y.at,
       coalesce(array_agg(y.holder ORDER BY y.depth) FILTER (WHERE y.holder IS NOT NULL), '{}') AS persons
  FROM (SELECT up.id, up.pos, up.at, up.depth,
               (SELECT a.person_id FROM responsibility.assignment a
                 WHERE a.tenant_id = 1 AND a.position_id = up.position_id
                   AND (a.during @> up.at) IS TRUE LIMIT 1) AS holder
          FROM up OFFSET 0) y
 GROUP BY y.id, y.pos, y.at;

CREATE OR REPLACE VIEW bench.chain_tuned_lateral AS
SELECT s.pos, s.at, c.persons
  FROM bench.chain_sample s
 CROSS JOIN LATERAL (
       WITH RECURSIVE up(position_id, depth) AS (
           SELECT s.pos, 1
           UNION ALL
           SELECT coalesce(ch.position_id, p.reports_to), up.depth + 1
             FROM up
             JOIN responsibility.position p ON p.tenant_id = 1 AND p.position_id = up.position_id
             LEFT JOIN responsibility.charge ch
               ON ch.tenant_id = 1 AND p.kind = 'head' AND ch.unit_id = p.unit_id
              AND (ch.during @> s.at) IS TRUE AND ch.position_id <> p.position_id
            WHERE coalesce(ch.position_id, p.reports_to) IS NOT NULL)
       SELECT ARRAY(SELECT h.person_id
                      FROM up
                     CROSS JOIN LATERAL (SELECT a.person_id FROM responsibility.assignment a
                                          WHERE a.tenant_id = 1 AND a.position_id = up.position_id
                                            AND (a.during @> s.at) IS TRUE LIMIT 1) h
                     ORDER BY up.depth) AS persons) c;

-- Each form once (after the comparisons above, on warm buffers); the fastest is kept.
CREATE TEMP TABLE tuned_form AS
SELECT form, round(bench.time_ms(format('SELECT sum(cardinality(persons)) FROM bench.chain_tuned_%s', form))::numeric, 1) AS ms
  FROM unnest(ARRAY['join', 'probe', 'lateral']) form;
SELECT form AS tuned_form, ms, ms = (SELECT min(ms) FROM tuned_form) AS kept FROM tuned_form;
SELECT form AS tuned FROM tuned_form ORDER BY ms LIMIT 1 \gset

-- The kept form gives the same holders as command_chain() on every chain of the sample.
SELECT count(*) AS chains_differing_tuned
  FROM bench.chain_tuned_:tuned t
 WHERE t.persons IS DISTINCT FROM responsibility.persons(responsibility.command_chain(t.pos, t.at));

-- Both sides compute every chain's holders.
\set tuned_sql 'SELECT sum(cardinality(t.persons)) FROM bench.chain_tuned_' :tuned ' t'
\set candidate_persons 'SELECT sum(cardinality(responsibility.persons(responsibility.command_chain(s.pos, s.at)))) FROM bench.chain_sample s'
SELECT * FROM bench.compare('command_chain vs tuned SQL (target >= 20x)', :'tuned_sql', :'candidate_persons', 5);
-- For reference: the same with JIT compilation off, as a DBA might set it
-- for such queries (the baseline's plan costs put it past jit_above_cost).
SET jit = off;
SELECT * FROM bench.compare('command_chain vs tuned SQL, jit off', :'tuned_sql', :'candidate_persons', 5);
RESET jit;
