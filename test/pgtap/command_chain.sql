-- Behaviour of command_chain() (R3) and of the rchain values it computes:
-- chains as of different moments (holders, vacancies, acting and concurrent
-- tenures, leaders in charge during their charge only), errors, loops that
-- exist only through the charge table, the per-backend cache seeing changes
-- made earlier in the same transaction, and the rchain accessors on computed
-- chains.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(81);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';

-- The city (9101): mayor 9201 (Ann in 2005, Bob from 2006), deputy mayor
-- 9202 (Cai).  Department A (9102): director 9203 (Dan until July 2005,
-- vacant July-August, Cai acting September-December, Eve from 2006), clerk
-- 9204 (Eve in 2005, Cai concurrently from March 2006).  The deputy mayor is
-- in charge of department A from June 2005 to June 2006.  Department B
-- (9103) exists from 2006.  Department C (9104): director 9206 and its
-- deputy 9207, who answers to the director and is, in 2007 only, made in
-- charge of department C itself (a loop through the charge table).
INSERT INTO unit (unit_id, parent_id, code, name) VALUES
    (9101, NULL, 'cc_city', 'City government'),
    (9102, 9101, 'cc_dept_a', 'Department A'),
    (9103, 9101, 'cc_dept_b', 'Department B'),
    (9104, 9101, 'cc_dept_c', 'Department C');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (9201, 9101, 'Mayor', 'head', NULL, tstzrange('-infinity', 'infinity')),
    (9202, 9101, 'Deputy mayor', 'deputy', 9201, tstzrange('-infinity', 'infinity')),
    (9203, 9102, 'Director A', 'head', 9201, tstzrange('-infinity', 'infinity')),
    (9204, 9102, 'Clerk A', 'staff', 9203, tstzrange('-infinity', 'infinity')),
    (9205, 9103, 'Director B', 'head', 9201, '[2006-01-01 00:00+00,)'),
    (9206, 9104, 'Director C', 'head', 9201, tstzrange('-infinity', 'infinity')),
    (9207, 9104, 'Deputy director C', 'deputy', 9206, tstzrange('-infinity', 'infinity')),
    (9208, 9104, 'Clerk C', 'staff', 9207, tstzrange('-infinity', 'infinity'));
INSERT INTO person (person_id, name) VALUES
    (9301, 'Ann'), (9302, 'Bob'), (9303, 'Cai'), (9304, 'Dan'), (9305, 'Eve'), (9306, 'Fan');
INSERT INTO assignment (position_id, person_id, during, tenure) VALUES
    (9201, 9301, '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
    (9201, 9302, '[2006-01-01 00:00+00,)', 'holder'),
    (9202, 9303, '[2005-01-01 00:00+00,)', 'holder'),
    (9203, 9304, '[2005-01-01 00:00+00,2005-07-01 00:00+00)', 'holder'),
    (9203, 9303, '[2005-09-01 00:00+00,2006-01-01 00:00+00)', 'acting'),
    (9203, 9305, '[2006-01-01 00:00+00,)', 'holder'),
    (9204, 9305, '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
    (9204, 9303, '[2006-03-01 00:00+00,)', 'concurrent'),
    (9206, 9306, '[2005-01-01 00:00+00,)', 'holder');
INSERT INTO charge (position_id, unit_id, domain, during) VALUES
    (9202, 9102, NULL, '[2005-06-01 00:00+00,2006-06-01 00:00+00)'),
    (9202, NULL, 'work safety', '[2005-01-01 00:00+00,)'),
    (9207, 9104, NULL, '[2007-01-01 00:00+00,2008-01-01 00:00+00)');

------------------------------------------------------------------------------
-- Chains as of different moments
------------------------------------------------------------------------------
SELECT is(command_chain(9204, '2005-03-01 00:00+00')::text,
          '[2005-03-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9304 > 9201:head:9301',
          'March 2005: clerk, director Dan, mayor Ann (no leader in charge yet)');
SELECT is(command_chain(9204, '2005-05-31 23:59:59.999999+00')::text,
          '[2005-05-31 23:59:59.999999+00] 9204:post:9305 > 9203:unit_head:9304 > 9201:head:9301',
          'the last instant before the charge begins: no leader in charge');
SELECT is(command_chain(9204, '2005-06-01 00:00+00')::text,
          '[2005-06-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9304 > 9202:in_charge:9303 > 9201:head:9301',
          'the first instant of the charge: the deputy mayor in charge sits between director A and the mayor');
SELECT is(command_chain(9204, '2005-08-01 00:00+00')::text,
          '[2005-08-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:vacant > 9202:in_charge:9303 > 9201:head:9301',
          'August 2005: the director''s post is vacant');
SELECT is(command_chain(9204, '2005-10-01 00:00+00')::text,
          '[2005-10-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9303(acting) > 9202:in_charge:9303 > 9201:head:9301',
          'October 2005: Cai acting director, marked (acting)');
SELECT is(command_chain(9204, '2006-05-31 00:00+00')::text,
          '[2006-05-31 00:00:00+00] 9204:post:9303(concurrent) > 9203:unit_head:9305 > 9202:in_charge:9303 > 9201:head:9302',
          'May 2006: Cai concurrent clerk, Eve director, Bob mayor, charge still on');
SELECT is(command_chain(9204, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9204:post:9303(concurrent) > 9203:unit_head:9305 > 9201:head:9302',
          'June 2006: the charge has ended (upper bound excluded), director A answers to the mayor directly');
SELECT is(command_chain(9204, '2006-02-01 00:00+00')::text,
          '[2006-02-01 00:00:00+00] 9204:post:vacant > 9203:unit_head:9305 > 9202:in_charge:9303 > 9201:head:9302',
          'February 2006: the post itself is vacant');
SELECT is(command_chain(9201, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9201:post:9302',
          'the mayor''s own chain is a single link');
SELECT is(command_chain(9202, '2005-10-01 00:00+00')::text,
          '[2005-10-01 00:00:00+00] 9202:post:9303 > 9201:head:9301',
          'the deputy mayor answers to the mayor (a domain charge does not change the chain)');
SELECT is(command_chain(9205, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9205:post:vacant > 9201:head:9302',
          'director B from the first instant its post exists');
SELECT is(command_chain(9208, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9208:post:vacant > 9207:superior:vacant > 9206:unit_head:9306 > 9201:head:9302',
          'department C before the looping charge: clerk, deputy, director, mayor');
SELECT is(command_chain(9204)::text, command_chain(9204, now())::text,
          'the moment defaults to now()');

SELECT results_eq(
    $$SELECT depth, position_id, role, person_id, tenure
        FROM responsibility.links(responsibility.command_chain(9204, '2005-10-01 00:00+00'))$$,
    $$VALUES (1, 9204::bigint, 'post', 9305::bigint, 'holder'),
             (2, 9203, 'unit_head', 9303, 'acting'),
             (3, 9202, 'in_charge', 9303, 'holder'),
             (4, 9201, 'head', 9301, 'holder')$$,
    'links() of the October 2005 chain: acting, in_charge and head');
SELECT results_eq(
    $$SELECT depth, position_id, role, person_id, tenure
        FROM responsibility.links(responsibility.command_chain(9204, '2005-08-01 00:00+00'))$$,
    $$VALUES (1, 9204::bigint, 'post', 9305::bigint, 'holder'),
             (2, 9203, 'unit_head', NULL, 'vacant'),
             (3, 9202, 'in_charge', 9303, 'holder'),
             (4, 9201, 'head', 9301, 'holder')$$,
    'links() of the August 2005 chain: the vacancy has a NULL person');
SELECT results_eq(
    $$SELECT role, tenure FROM responsibility.links(responsibility.command_chain(9204, '2006-06-01 00:00+00'))$$,
    $$VALUES ('post', 'concurrent'), ('unit_head', 'holder'), ('head', 'holder')$$,
    'links() of the June 2006 chain: the concurrent tenure');
SELECT is((head(command_chain(9201, '2006-06-01 00:00+00'))).role, 'post',
          'a single-link chain''s only link has the role post, not head');

------------------------------------------------------------------------------
-- Errors and NULLs
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT responsibility.command_chain(987654321, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'an unknown position: 42704');
SELECT throws_ok($$SELECT responsibility.command_chain(9205, '2005-12-31 23:59:59+00')$$,
    '22023', NULL, 'a position that did not exist yet at the moment: 22023');
SELECT throws_ok($$SELECT responsibility.command_chain(9204, 'infinity')$$,
    '22008', NULL, 'an infinite moment: 22008');
SELECT throws_ok($$SELECT responsibility.command_chain(9204, '-infinity')$$,
    '22008', NULL, 'minus infinity: 22008');
SELECT is(command_chain(NULL, '2006-01-01 00:00+00'), NULL, 'NULL position: NULL (STRICT)');
SELECT is(command_chain(9204, NULL), NULL, 'NULL moment: NULL (STRICT)');
SELECT is(command_chain(987654321, NULL), NULL, 'NULL moment with an unknown position: NULL, no error');

------------------------------------------------------------------------------
-- A loop that exists only through the charge table
------------------------------------------------------------------------------
-- In 2007 the deputy director C (9207), who answers to director C (9206),
-- is in charge of department C: from its head the chain goes to the deputy,
-- and from the deputy back to the head.
SELECT throws_ok($$SELECT responsibility.command_chain(9206, '2007-06-01 00:00+00')$$,
    '42P19', NULL, 'the head of a unit whose leader in charge answers to it: 42P19');
SELECT throws_ok($$SELECT responsibility.command_chain(9208, '2007-06-01 00:00+00')$$,
    '42P19', NULL, 'a post below that loop: 42P19');
SELECT throws_ok($$SELECT responsibility.command_chain(9207, '2007-01-01 00:00+00')$$,
    '42P19', NULL, 'the deputy in the loop, at the first instant of the charge: 42P19');
SELECT is(command_chain(9208, '2008-01-01 00:00+00')::text,
          '[2008-01-01 00:00:00+00] 9208:post:vacant > 9207:superior:vacant > 9206:unit_head:9306 > 9201:head:9302',
          'the backend survives the loop and the chain is whole again after the charge');
SELECT is(command_chain(9204, '2007-06-01 00:00+00')::text,
          '[2007-06-01 00:00:00+00] 9204:post:9303(concurrent) > 9203:unit_head:9305 > 9201:head:9302',
          'other chains at the moment of the loop are unaffected');

------------------------------------------------------------------------------
-- rchain accessors on computed chains
------------------------------------------------------------------------------
CREATE TEMP TABLE chains ON COMMIT DROP AS
    SELECT 'oct' AS k, command_chain(9204, '2005-10-01 00:00+00') AS c
    UNION ALL SELECT 'aug', command_chain(9204, '2005-08-01 00:00+00')
    UNION ALL SELECT 'mayor', command_chain(9201, '2006-06-01 00:00+00');

SELECT is((SELECT length(c) FROM chains WHERE k = 'oct'), 4, 'length of a four-link chain');
SELECT is((SELECT length(c) FROM chains WHERE k = 'mayor'), 1, 'length of a single-link chain');
SELECT is((SELECT moment(c) FROM chains WHERE k = 'oct'), '2005-10-01 00:00+00'::timestamptz, 'moment()');
SELECT is((SELECT head(c)::text FROM chains WHERE k = 'oct'), '(4,9201,head,9301,holder)', 'head() is the mayor''s link');
SELECT is((SELECT tail(c)::text FROM chains WHERE k = 'oct'), '(1,9204,post,9305,holder)', 'tail() is the post''s link');
SELECT is((SELECT link(c, 2)::text FROM chains WHERE k = 'oct'), '(2,9203,unit_head,9303,acting)', 'link(c, 2)');
SELECT is((SELECT link(c, 3)::text FROM chains WHERE k = 'oct'), '(3,9202,in_charge,9303,holder)', 'link(c, 3)');
SELECT is((SELECT link(c, 2)::text FROM chains WHERE k = 'aug'), '(2,9203,unit_head,,vacant)', 'link(c, 2) of a vacancy');
SELECT ok((SELECT link(c, 5) IS NULL FROM chains WHERE k = 'oct'), 'link past the head is NULL');
SELECT ok((SELECT link(c, 0) IS NULL FROM chains WHERE k = 'oct'), 'link 0 is NULL');
SELECT ok((SELECT link(c, -1) IS NULL FROM chains WHERE k = 'oct'), 'link -1 is NULL');
SELECT is((SELECT head(c) = tail(c) FROM chains WHERE k = 'mayor'), true, 'head and tail of a single-link chain are the same link');
SELECT is((SELECT positions(c) FROM chains WHERE k = 'oct'), '{9204,9203,9202,9201}'::bigint[], 'positions() from the post up');
SELECT is((SELECT persons(c) FROM chains WHERE k = 'oct'), '{9305,9303,9303,9301}'::bigint[], 'persons() from the post up, a person twice when holding two links');
SELECT is((SELECT persons(c) FROM chains WHERE k = 'aug'), '{9305,9303,9301}'::bigint[], 'persons() leaves vacancies out');
SELECT ok((SELECT c @> 9202::bigint FROM chains WHERE k = 'oct'), '@>: the chain contains the leader in charge');
SELECT ok((SELECT NOT (c @> 9205::bigint) FROM chains WHERE k = 'oct'), '@>: the chain does not contain director B');
SELECT ok((SELECT 9203::bigint <@ c FROM chains WHERE k = 'aug'), '<@: a vacant post is still in the chain');
SELECT ok((SELECT NOT (9206::bigint <@ c) FROM chains WHERE k = 'aug'), '<@: director C is not in the chain');
SELECT ok((SELECT c ~> 9303::bigint FROM chains WHERE k = 'oct'), '~>: Cai held a post of the chain');
SELECT ok((SELECT NOT (c ~> 9304::bigint) FROM chains WHERE k = 'oct'), '~>: Dan, who had left, did not');
SELECT ok((SELECT c ~> 9304::bigint FROM chains WHERE k = 'aug') IS FALSE, '~>: nor in August (his post was vacant then)');
SELECT ok((SELECT c = command_chain(9204, '2005-10-01 00:00+00') FROM chains WHERE k = 'oct'),
          'two computations of the same chain are equal');
SELECT ok((SELECT NOT (c <> command_chain(9204, '2005-10-01 00:00+00')) FROM chains WHERE k = 'oct'),
          '<> of two equal chains is false');
SELECT ok(command_chain(9202, '2005-10-01 00:00+00') <> command_chain(9202, '2005-10-02 00:00+00'),
          'chains with the same links at different moments are different');
SELECT ok((SELECT c::text::rchain = c FROM chains WHERE k = 'oct'), 'text round trip of a chain with acting');
SELECT ok((SELECT c::text::rchain = c FROM chains WHERE k = 'aug'), 'text round trip of a chain with a vacancy');
SELECT ok(command_chain(9204, '2006-06-01 00:00+00')::text::rchain = command_chain(9204, '2006-06-01 00:00+00'),
          'text round trip of a chain with a concurrent tenure');
SELECT is((SELECT count(*) FROM (SELECT c FROM (SELECT c FROM chains UNION ALL SELECT c FROM chains) s GROUP BY c) g),
          3::bigint, 'GROUP BY (hash equality) sees three different chains in six rows');

------------------------------------------------------------------------------
-- The cache sees changes made earlier in the same transaction
------------------------------------------------------------------------------
SELECT is(command_chain(9204, '2005-04-01 00:00+00')::text,
          '[2005-04-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9304 > 9201:head:9301',
          'before the changes (cache built)');
SELECT ok(chain_cache_memory() > 0, 'the cache holds memory after a call');
UPDATE assignment SET person_id = 9306 WHERE position_id = 9203 AND person_id = 9304;
SELECT ok(chain_cache_memory() > 0, 'a change to assignment keeps the image (only the post is read again)');
SELECT is(command_chain(9204, '2005-04-01 00:00+00')::text,
          '[2005-04-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9306 > 9201:head:9301',
          'a changed holder is seen by the next call');
INSERT INTO charge (position_id, unit_id, during) VALUES (9202, 9102, '[2005-03-01 00:00+00,2005-06-01 00:00+00)');
SELECT is(command_chain(9204, '2005-04-01 00:00+00')::text,
          '[2005-04-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9306 > 9202:in_charge:9303 > 9201:head:9301',
          'a new charge is seen by the next call');
DELETE FROM charge WHERE unit_id = 9102;
SELECT is(command_chain(9204, '2005-10-01 00:00+00')::text,
          '[2005-10-01 00:00:00+00] 9204:post:9305 > 9203:unit_head:9303(acting) > 9201:head:9301',
          'deleted charges are seen by the next call');
UPDATE position SET reports_to = 9202 WHERE position_id = 9204;
SELECT is(command_chain(9204, '2005-10-01 00:00+00')::text,
          '[2005-10-01 00:00:00+00] 9204:post:9305 > 9202:superior:9303 > 9201:head:9301',
          'a changed reporting line is seen by the next call');
-- (its tenures go first: a post's life holds its tenures)
DELETE FROM assignment WHERE position_id = 9204;
UPDATE position SET valid = '[2006-01-01 00:00+00,)' WHERE position_id = 9204;
SELECT throws_ok($$SELECT responsibility.command_chain(9204, '2005-10-01 00:00+00')$$,
    '22023', NULL, 'a changed validity of the post is seen by the next call');
INSERT INTO position (position_id, unit_id, title, reports_to) VALUES (9209, 9102, 'New clerk', 9203);
SELECT is(command_chain(9209, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9209:post:vacant > 9203:unit_head:9305 > 9201:head:9302',
          'a new post is found by the next call');
DELETE FROM assignment WHERE position_id = 9201;
SELECT is(command_chain(9209, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9209:post:vacant > 9203:unit_head:9305 > 9201:head:vacant',
          'deleted assignments are seen by the next call');
SAVEPOINT before_mayor;
INSERT INTO assignment (position_id, person_id, during) VALUES (9201, 9304, '[2006-01-01 00:00+00,)');
SELECT is((tail(command_chain(9201, '2006-06-01 00:00+00'))).person_id, 9304::bigint,
          'a new holder inside a savepoint is seen');
ROLLBACK TO SAVEPOINT before_mayor;
SELECT is(command_chain(9201, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9201:post:vacant',
          'after ROLLBACK TO SAVEPOINT the next call no longer sees the holder');

------------------------------------------------------------------------------
-- A cold cache built while a parallel plan runs: the leader is then in
-- parallel mode, where GetLatestSnapshot() is refused.
------------------------------------------------------------------------------
CREATE TABLE pq_sample AS SELECT 9206::bigint AS pos, g FROM generate_series(1, 1000) g;
ANALYZE pq_sample;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP plan := plan || line || E'\n'; END LOOP;
    RETURN plan;
END $$;
UPDATE position SET title = title WHERE position_id = 9206;  -- drops the cache
-- (pgTAP's functions are parallel unsafe: the query runs on its own.)
SELECT matches(pg_temp.plan_of($$CREATE TEMP TABLE pq_result AS SELECT responsibility.command_chain(pos, '2006-06-01 00:00+00')::text AS c FROM pq_sample WHERE g % 100 = 0$$),
               'Gather', 'the sample query runs under a Gather (command_chain in the leader)');
CREATE TEMP TABLE pq_result AS
SELECT responsibility.command_chain(pos, '2006-06-01 00:00+00')::text AS c FROM pq_sample WHERE g % 100 = 0;
SELECT is((SELECT count(*) || ' ' || min(c) || ' ' || max(c) FROM pq_result),
          '10 [2006-06-01 00:00:00+00] 9206:post:9306 > 9201:head:vacant [2006-06-01 00:00:00+00] 9206:post:9306 > 9201:head:vacant',
          'command_chain builds its cache inside a parallel plan');

------------------------------------------------------------------------------
-- The cache triggers fire always: a change applied in replica mode (logical
-- replication, bulk loads) is seen too.
------------------------------------------------------------------------------
SELECT is(command_chain(9206, '2006-06-01 00:00+00')::text, '[2006-06-01 00:00:00+00] 9206:post:9306 > 9201:head:vacant',
          'before the replicated change');
SET LOCAL session_replication_role = replica;
INSERT INTO assignment (position_id, person_id, during) VALUES (9201, 9301, '[2006-05-01 00:00+00,2006-07-01 00:00+00)');
SET LOCAL session_replication_role = origin;
SELECT is(command_chain(9206, '2006-06-01 00:00+00')::text, '[2006-06-01 00:00:00+00] 9206:post:9306 > 9201:head:9301',
          'a change made with session_replication_role = replica drops the cache');

-- Long histories have no limit of their own: 65,536 leaders-in-charge
-- records of one unit and 70,000 tenures of one post (each a second long).
INSERT INTO charge (position_id, unit_id, during)
SELECT 9202, 9103, tstzrange(timestamptz '2030-01-01 00:00+00' + i * interval '1 second',
                             timestamptz '2030-01-01 00:00+00' + (i + 1) * interval '1 second')
  FROM generate_series(0, 65535) i;
SELECT is(command_chain(9205, timestamptz '2030-01-01 00:00+00' + interval '40000.5 seconds')::text,
          '[2030-01-01 11:06:40.5+00] 9205:post:vacant > 9202:in_charge:9303 > 9201:head:vacant',
          'a unit with 65,536 charges: the one in force is found');
SELECT is(command_chain(9205, '2030-01-02 00:00+00')::text,
          '[2030-01-02 00:00:00+00] 9205:post:vacant > 9201:head:vacant',
          'a unit with 65,536 charges: after the last, none');
INSERT INTO assignment (position_id, person_id, during)
SELECT 9208, 9301 + i % 6, tstzrange(timestamptz '2030-01-01 00:00+00' + i * interval '1 second',
                                     timestamptz '2030-01-01 00:00+00' + (i + 1) * interval '1 second')
  FROM generate_series(0, 69999) i;
SELECT is((tail(command_chain(9208, timestamptz '2030-01-01 00:00:00+00' + interval '69999.5 seconds'))).person_id,
          (9301 + 69999 % 6)::bigint, 'a post with 70,000 tenures: the last one''s holder');
SELECT is((tail(command_chain(9208, timestamptz '2030-01-01 00:00:00+00' + interval '12345.5 seconds'))).person_id,
          (9301 + 12345 % 6)::bigint, 'a post with 70,000 tenures: one in the middle');

-- A bounded image: with responsibility.chain_cache_size at its minimum
-- (1MB), 20,000 posts do not fit; the image is emptied before a call when
-- over it, and refills, with the same answers.
INSERT INTO position (position_id, unit_id, title, reports_to)
SELECT 700000 + i, 9102, 'Bulk clerk ' || i, 9203 FROM generate_series(1, 20000) i;
INSERT INTO assignment (position_id, person_id, during)
SELECT 700000 + i, 9301 + i % 6, '[2005-01-01 00:00+00,)' FROM generate_series(1, 20000) i;
SET LOCAL responsibility.chain_cache_size = '1MB';
CREATE TEMP TABLE bounded AS
SELECT p.position_id, responsibility.command_chain(p.position_id, '2006-06-01 00:00+00')::text AS c,
       responsibility.chain_cache_memory() AS bytes
  FROM position p WHERE p.position_id > 700000;
SELECT is((SELECT count(*) FROM bounded
            WHERE c = format('[2006-06-01 00:00:00+00] %s:post:%s > 9203:unit_head:9305 > 9201:head:9301',
                             position_id, 9301 + (position_id - 700000) % 6)),
          20000::bigint, 'every chain is right while the image is emptied and refilled');
SELECT cmp_ok((SELECT max(bytes) FROM bounded), '<', 3 * 1024 * 1024::bigint,
              'the image stays near responsibility.chain_cache_size (1MB)');
SELECT cmp_ok((SELECT count(DISTINCT bytes) FROM bounded), '>', 1::bigint,
              'the image was emptied and refilled during the statement''s calls');

SELECT * FROM finish();
ROLLBACK;
