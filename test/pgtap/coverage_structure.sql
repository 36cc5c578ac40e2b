-- The structural findings of the coverage report in C (coverage_structure:
-- dead ends, cycles, unreachable steps, processes without an approver,
-- powers without duties or consequences, duties without consequences):
-- hand-made graphs whose answers are known, then random catalogues on
-- which every row must equal the plain SQL of test/tools/
-- coverage_structure.sql (the report's text before 0.5.0); the scope of a
-- unit, the window, another tenant, bad arguments.  Everything is rolled
-- back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(31);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';
SET LOCAL responsibility.tenant = '';
\ir ../tools/coverage_structure.sql
\ir ../tools/coverage_report.sql

-- The rows of C and of the SQL that the other lacks (repeats count).
CREATE FUNCTION pg_temp.differing(u bigint, f timestamptz, t timestamptz) RETURNS bigint
    LANGUAGE sql AS $f$
    SELECT (SELECT count(*) FROM (SELECT * FROM responsibility.coverage_structure(u, f, t)
                                  EXCEPT ALL SELECT * FROM pg_temp.coverage_structure_sql(u, f, t)) x)
         + (SELECT count(*) FROM (SELECT * FROM pg_temp.coverage_structure_sql(u, f, t)
                                  EXCEPT ALL SELECT * FROM responsibility.coverage_structure(u, f, t)) x)
$f$;
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

-- A city (9801) with two bureaus (9802, 9803).
INSERT INTO unit (unit_id, parent_id, code, name, valid) VALUES
    (9801, NULL, 'cs_city', 'City', '[2005-01-01,)'),
    (9802, 9801, 'cs_a', 'Bureau A', '[2005-01-01,)'),
    (9803, 9801, 'cs_b', 'Bureau B', '[2005-01-01,)');

-- Hand-made graphs in bureau A; step ids are <process><seq>:
--   98101: 1 → 2 → 3 (end, approver): sound.
--   98102: 1 ⇄ 2, 3 (end, approver) unreached: 1 and 2 on a cycle, 3
--          unreachable.
--   98103 (from 2005-07-01): 1 → 1 (to itself), 2 (end): 1 on a cycle,
--          2 unreachable, no approver.
--   98104: no step at all: no approver.
--   98105: 1 (end, approver); 2 ⇄ 3, which nobody reaches.
--   98106: 1 → 2 (approver, not an end): 2 is a dead end.
INSERT INTO process (process_id, unit_id, code, title, valid) VALUES
    (98101, 9802, 'cs_p1', 'sound', '[2005-01-01,)'),
    (98102, 9802, 'cs_p2', 'loop', '[2005-01-01,)'),
    (98103, 9802, 'cs_p3', 'self', '[2005-07-01,)'),
    (98104, 9802, 'cs_p4', 'empty', '[2005-01-01,)'),
    (98105, 9802, 'cs_p5', 'island', '[2005-01-01,)'),
    (98106, 9802, 'cs_p6', 'open', '[2005-01-01,)');
INSERT INTO process_step (step_id, process_id, seq, name, role, is_end) VALUES
    (981011, 98101, 1, 'accept', 'handler', false), (981012, 98101, 2, 'review', 'reviewer', false),
    (981013, 98101, 3, 'approve', 'approver', true),
    (981021, 98102, 1, 'accept', 'handler', false), (981022, 98102, 2, 'review', 'reviewer', false),
    (981023, 98102, 3, 'approve', 'approver', true),
    (981031, 98103, 1, 'accept', 'handler', false), (981032, 98103, 2, 'close', 'other', true),
    (981051, 98105, 1, 'approve', 'approver', true), (981052, 98105, 2, 'a', 'handler', false),
    (981053, 98105, 3, 'b', 'reviewer', false),
    (981061, 98106, 1, 'accept', 'handler', false), (981062, 98106, 2, 'approve', 'approver', false);
INSERT INTO step_handoff (process_id, from_step, to_step) VALUES
    (98101, 981011, 981012), (98101, 981012, 981013),
    (98102, 981021, 981022), (98102, 981022, 981021),
    (98103, 981031, 981031),
    (98105, 981052, 981053), (98105, 981053, 981052),
    (98106, 981061, 981062);

SELECT results_eq(
    $$SELECT kind, object_kind, object_id, span FROM coverage_structure(9802, '2005-01-01', '2006-01-01')
       WHERE object_kind IN ('step', 'process') ORDER BY kind, object_id$$,
    $$VALUES ('cycle', 'step', 981021::bigint, '[2005-01-01,2006-01-01)'::tstzrange),
             ('cycle', 'step', 981022, '[2005-01-01,2006-01-01)'),
             ('cycle', 'step', 981031, '[2005-07-01,2006-01-01)'),
             ('cycle', 'step', 981052, '[2005-01-01,2006-01-01)'),
             ('cycle', 'step', 981053, '[2005-01-01,2006-01-01)'),
             ('dead_end', 'step', 981062, '[2005-01-01,2006-01-01)'),
             ('no_approver', 'process', 98103, '[2005-07-01,2006-01-01)'),
             ('no_approver', 'process', 98104, '[2005-01-01,2006-01-01)'),
             ('unreachable', 'step', 981023, '[2005-01-01,2006-01-01)'),
             ('unreachable', 'step', 981032, '[2005-07-01,2006-01-01)'),
             ('unreachable', 'step', 981052, '[2005-01-01,2006-01-01)'),
             ('unreachable', 'step', 981053, '[2005-01-01,2006-01-01)')$$,
    'hand-made graphs: every cycle (two steps, a step to itself, a cycle nobody reaches), dead end, unreachable step and process without approver, each with its process''s life in the window');
SELECT is_empty($$SELECT FROM coverage_structure(9802, '2005-01-01', '2005-07-01') WHERE object_id IN (98103, 981031, 981032)$$,
    'a process that begins after the window has no finding in it');

-- Mended: 98102's 2 hands off to 3; 98103 gets 1 → 2 instead of 1 → 1 and
-- an approver; 98104 gets one step; 98105's 1 hands off to 2 and 3 ends;
-- 98106's 2 is an end.
DELETE FROM step_handoff WHERE from_step IN (981022, 981031, 981053);
INSERT INTO step_handoff (process_id, from_step, to_step) VALUES
    (98102, 981022, 981023), (98103, 981031, 981032), (98105, 981051, 981052);
UPDATE process_step SET role = 'approver' WHERE step_id = 981032;
INSERT INTO process_step (step_id, process_id, seq, name, role, is_end) VALUES (981041, 98104, 1, 'approve', 'approver', true);
UPDATE process_step SET is_end = true WHERE step_id IN (981053, 981062);
SELECT is_empty($$SELECT FROM coverage_structure(9802, '2005-01-01', '2006-01-01') WHERE object_kind IN ('step', 'process')$$,
    'the graphs mended: no structural finding on steps or processes');

-- Powers and consequences: blank means NULL, empty or spaces only (as
-- btrim() sees it: a tab is not blank).  Duty 98405 is bureau B's.
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (98201, 9802, 'Director', 'head', NULL, '[2005-01-01,)');
INSERT INTO duty (duty_id, unit_id, title, consequence, valid) VALUES
    (98401, 9802, 'with consequence', 'removal', '[2005-01-01,)'),
    (98402, 9802, 'NULL consequence', NULL, '[2005-01-01,)'),
    (98403, 9802, 'spaces', '   ', '[2005-01-01,)'),
    (98404, 9802, 'a tab', E'\t', '[2005-01-01,)'),
    (98405, 9803, 'empty, elsewhere', '', '[2005-01-01,)'),
    (98406, 9802, 'blank, later', NULL, '[2007-01-01,)'),
    (98407, 9802, 'blank, briefly', '', '[2005-03-01,2005-04-01)');
INSERT INTO power (power_id, unit_id, position_id, kind, title, valid) VALUES
    (98701, 9802, 98201, 'approval', 'sound', '[2005-01-01,)'),
    (98702, 9802, NULL, 'inspection', 'no duty', '[2005-06-01,)'),
    (98703, 9802, 98201, 'penalty', 'blank duties', '[2005-01-01,)'),
    (98704, 9802, NULL, 'spending', 'blank duty elsewhere', '[2005-01-01,)');
INSERT INTO power_duty (power_id, duty_id) VALUES
    (98701, 98401), (98703, 98403), (98703, 98401), (98703, 98402), (98704, 98404), (98704, 98405);
SELECT results_eq(
    $$SELECT kind, object_kind, object_id, position_id, span, duties FROM coverage_structure(9802, '2005-01-01', '2006-01-01')
       ORDER BY kind, object_id$$,
    $$VALUES ('duty_without_consequence', 'duty', 98402::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('duty_without_consequence', 'duty', 98403, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('duty_without_consequence', 'duty', 98407, NULL, '[2005-03-01,2005-04-01)', NULL),
             ('power_without_consequence', 'power', 98703, 98201, '[2005-01-01,2006-01-01)', '{98402,98403}'),
             ('power_without_consequence', 'power', 98704, NULL, '[2005-01-01,2006-01-01)', '{98405}'),
             ('power_without_duty', 'power', 98702, NULL, '[2005-06-01,2006-01-01)', NULL)$$,
    'powers and duties: no duty, blank duties in order (also of another unit), NULL, empty and spaces blank, a tab not; a duty outside the window not found');
SELECT is((SELECT count(*) FROM coverage_structure(9801, '2005-01-01', '2006-01-01') WHERE object_id = 98405), 1::bigint,
    'the city''s scope takes in bureau B''s duty without consequence');
SELECT is((SELECT count(*) FROM coverage_structure(9803, '2005-01-01', '2006-01-01')), 1::bigint,
    'bureau B''s scope: only its own duty');
SELECT is((SELECT count(*) FROM coverage_report(9802, '2005-01-01', '2006-01-01')
            WHERE kind IN ('power_without_consequence', 'power_without_duty', 'duty_without_consequence')), 6::bigint,
    'the report carries the structural findings');
SELECT is((SELECT explanation FROM coverage_report(9802, '2005-01-01', '2006-01-01') WHERE object_id = 98703),
    'power 98703 "blank duties": its duties 98402, 98403 carry no consequence, from 2005-01-01 until 2006-01-01.',
    'a power without consequence explained, its duties listed');

-- Random catalogues under bureau B and a sub-unit of it: every row equal
-- to the plain SQL.  Processes of 1-7 steps with random ends, roles and
-- hand-offs (to any step of the process, itself included); powers with
-- 0-3 of 400 duties, whose consequences are blank in every way or not.
INSERT INTO unit (unit_id, parent_id, code, name, valid) VALUES (9804, 9803, 'cs_b1', 'Section B1', '[2005-01-01,)');
SELECT setseed(0.4242);
CREATE TEMP TABLE rnd_proc AS
SELECT 990000 + g AS process_id, CASE WHEN random() < 0.3 THEN 9804 ELSE 9803 END AS unit_id,
       1 + floor(random() * 7)::int AS nsteps,
       tstzrange('2005-01-01'::timestamptz + floor(random() * 900) * interval '1 day',
                 CASE WHEN random() < 0.5 THEN NULL ELSE '2008-01-01'::timestamptz END) AS valid
  FROM generate_series(1, 300) g;
INSERT INTO process (process_id, unit_id, title, valid) SELECT process_id, unit_id, 'random ' || process_id, valid FROM rnd_proc;
INSERT INTO process_step (step_id, process_id, seq, name, role, is_end)
SELECT p.process_id * 10 + s, p.process_id, s * 10, 'step ' || s,
       (ARRAY['handler', 'reviewer', 'approver', 'other'])[1 + floor(random() * 4)::int]::step_role,
       random() < 0.3
  FROM rnd_proc p, generate_series(1, p.nsteps) s;
INSERT INTO step_handoff (process_id, from_step, to_step)
SELECT DISTINCT p.process_id, p.process_id * 10 + s, p.process_id * 10 + 1 + floor(random() * p.nsteps)::int
  FROM rnd_proc p, generate_series(1, p.nsteps) s, generate_series(1, 2) k
 WHERE random() < 0.55;
INSERT INTO duty (duty_id, unit_id, title, consequence, valid)
SELECT 995000 + g, CASE WHEN random() < 0.3 THEN 9804 ELSE 9803 END, 'random duty ' || g,
       (ARRAY[NULL, '', '  ', E'\t', 'dismissal', 'warning'])[1 + floor(random() * 6)::int],
       tstzrange('2005-01-01'::timestamptz + floor(random() * 900) * interval '1 day', NULL)
  FROM generate_series(1, 400) g;
INSERT INTO power (power_id, unit_id, kind, title, valid)
SELECT 997000 + g, CASE WHEN random() < 0.3 THEN 9804 ELSE 9803 END, 'approval', 'random power ' || g,
       tstzrange('2005-01-01'::timestamptz + floor(random() * 900) * interval '1 day', NULL)
  FROM generate_series(1, 200) g;
INSERT INTO power_duty (power_id, duty_id)
SELECT DISTINCT 997000 + g, 995001 + floor(random() * 400)::int
  FROM generate_series(1, 200) g, generate_series(1, 3) k
 WHERE random() < 0.5;

SELECT is(pg_temp.differing(9803, '2005-01-01', '2009-01-01'), 0::bigint,
    'random catalogue, bureau B, 2005-2008: C and SQL give the same rows');
SELECT is(pg_temp.differing(9801, '-infinity', 'infinity'), 0::bigint,
    'random catalogue, the whole city, all time: the same rows');
SELECT is(pg_temp.differing(9804, '2005-06-01', '2005-09-01'), 0::bigint,
    'random catalogue, section B1, a summer: the same rows');
SELECT is(pg_temp.differing(9803, '2006-03-01 12:00', '2006-03-02'), 0::bigint,
    'random catalogue, bureau B, half a day: the same rows');
SELECT results_eq(
    $$SELECT k FROM unnest(ARRAY['cycle', 'dead_end', 'duty_without_consequence', 'no_approver',
                                  'power_without_consequence', 'power_without_duty', 'unreachable']) k
       WHERE (SELECT count(*) FROM coverage_structure(9803, '2005-01-01', '2009-01-01') c WHERE c.kind = k) >= 5$$,
    $$VALUES ('cycle'), ('dead_end'), ('duty_without_consequence'), ('no_approver'),
             ('power_without_consequence'), ('power_without_duty'), ('unreachable')$$,
    'the random catalogue has at least five findings of every kind, so the comparison means something');
SELECT is((SELECT count(*) FROM coverage_structure(9803, '2005-01-01', '2009-01-01') c
            WHERE c.kind = 'cycle' AND EXISTS (SELECT FROM step_handoff h WHERE h.from_step = c.object_id AND h.to_step = c.object_id))
          > 0, true, 'the random catalogue has steps that hand off to themselves');

-- Owners over time for the random duties, so that the report has many
-- findings on one object, to be sorted by their start: twelve posts of
-- bureau B held with breaks, each duty owned in one to three random pieces
-- (gaps, overlaps, vacancies and idle persons in turn).
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid)
SELECT 98300 + g, 9803, 'post ' || g, 'staff', NULL, '[2005-01-01,)' FROM generate_series(1, 12) g;
INSERT INTO person (person_id, name) SELECT 98350 + g, 'person ' || g FROM generate_series(1, 12) g;
INSERT INTO assignment (assignment_id, position_id, person_id, during)
SELECT 98400 + g * 10 + k, 98300 + g, 98350 + g,
       tstzrange('2005-01-01'::timestamptz + k * 200 * interval '1 day', '2005-01-01'::timestamptz + (k * 200 + 150) * interval '1 day')
  FROM generate_series(1, 12) g, generate_series(0, 5) k;
INSERT INTO duty_owner (duty_id, position_id, kind, during)
SELECT o.duty_id, o.position_id, 'primary', tstzrange(o.since, o.since + (30 + floor(random() * 400)) * interval '1 day')
  FROM (SELECT d.duty_id, 98301 + floor(random() * 12)::int AS position_id,
               lower(d.valid) + floor(random() * 500) * interval '1 day' AS since
          FROM duty d, generate_series(1, 3) k
         WHERE d.duty_id BETWEEN 995001 AND 995400 AND random() < 0.7) o;
SELECT cmp_ok((SELECT count(*) FROM (SELECT object_id FROM coverage_sweep(9803, '2005-01-01', '2009-01-01')
                                      WHERE kind IN ('gap', 'vacant_owner') GROUP BY kind, object_id HAVING count(*) > 1) x),
    '>', 50::bigint, 'many duties have several gaps or vacancies, in time order');

-- The whole report in C against the same report in PL/pgSQL over the same
-- C parts (test/tools/coverage_report.sql): every row, and the order of
-- the sort keys (rows equal on all of them, such as two vacancies of one
-- post from one day, may come in either order in the SQL).
SELECT bag_eq($$SELECT * FROM coverage_report(9801, '-infinity', 'infinity')$$,
              $$SELECT * FROM pg_temp.coverage_report_sql(9801, '-infinity', 'infinity')$$,
    'the report of the whole city over all time: the rows of the PL/pgSQL report');
SELECT results_eq($$SELECT kind, object_kind, object_id, lower(span), position_id, person_id
                      FROM coverage_report(9801, '-infinity', 'infinity')$$,
                  $$SELECT kind, object_kind, object_id, lower(span), position_id, person_id
                      FROM pg_temp.coverage_report_sql(9801, '-infinity', 'infinity')$$,
    '... in its order');
SELECT bag_eq($$SELECT * FROM coverage_report(9803, '2005-06-01', '2006-03-01')$$,
              $$SELECT * FROM pg_temp.coverage_report_sql(9803, '2005-06-01', '2006-03-01')$$,
    'the report of bureau B over nine months: the same rows');
SELECT results_eq($$SELECT kind, object_kind, object_id, lower(span), position_id, person_id
                      FROM coverage_report(9803, '2005-06-01', '2006-03-01')$$,
                  $$SELECT kind, object_kind, object_id, lower(span), position_id, person_id
                      FROM pg_temp.coverage_report_sql(9803, '2005-06-01', '2006-03-01')$$,
    '... in the same order');
SELECT bag_eq($$SELECT * FROM coverage_report(9801, '2005-01-01')$$,
                  $$SELECT * FROM pg_temp.coverage_report_sql(9801, '-infinity', 'infinity') WHERE span @> '2005-01-01'::timestamptz$$,
    'the report at a moment: the same rows');
SELECT cmp_ok((SELECT count(DISTINCT kind) FROM coverage_report(9801, '-infinity', 'infinity')), '>=', 8::bigint,
    'the compared reports hold findings of many kinds');

-- Hand-offs rewritten in one transaction, then rolled back: the answers
-- follow (nothing is kept between calls).
SAVEPOINT rewrite;
DELETE FROM step_handoff WHERE process_id BETWEEN 990000 AND 990100;
SELECT is(pg_temp.differing(9803, '2005-01-01', '2009-01-01'), 0::bigint,
    'a third of the hand-offs deleted: still the same rows');
SELECT cmp_ok((SELECT count(*) FROM coverage_structure(9803, '2005-01-01', '2009-01-01') WHERE kind = 'dead_end'),
    '>', 100::bigint, 'with them gone, dead ends abound');
ROLLBACK TO SAVEPOINT rewrite;
SELECT is(pg_temp.differing(9803, '2005-01-01', '2009-01-01'), 0::bigint, 'rolled back: the same rows');

-- A power numbered 0 (ids are the user's to choose) is found like any other.
INSERT INTO power (power_id, unit_id, kind, title, valid) VALUES (0, 9802, 'other', 'power zero', '[2005-01-01,)');
SELECT results_eq($$SELECT kind, object_id FROM coverage_structure(9802, '2005-01-01', '2006-01-01') WHERE object_id = 0$$,
    $$VALUES ('power_without_duty', 0::bigint)$$, 'a power numbered 0 without a duty is found');
DELETE FROM power WHERE power_id = 0;

-- Another tenant sees none of this, and its own rows only.
INSERT INTO tenant (tenant_id, code, name) VALUES (9004, 'cs_other', 'Another tenant');
SET LOCAL responsibility.tenant = 'cs_other';
INSERT INTO unit (unit_id, parent_id, code, name, valid) VALUES (9802, NULL, 'cs_a', 'Other A', '[2005-01-01,)');
INSERT INTO process (process_id, unit_id, title, valid) VALUES (98104, 9802, 'other empty', '[2005-01-01,)');
SELECT results_eq($$SELECT kind, object_id FROM coverage_structure(9802, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('no_approver', 98104::bigint)$$, 'another tenant with the same ids: its own process only');
SET LOCAL responsibility.tenant = '';
SELECT is((SELECT count(*) FROM coverage_structure(9802, '2005-01-01', '2006-01-01') WHERE object_id = 98104), 0::bigint,
    'the default tenant''s mended process stays mended: the other tenant''s row does not count');

-- Bad arguments.
SELECT throws_ok($$SELECT * FROM coverage_structure(987654, '2005-01-01', '2006-01-01')$$,
    '42704', 'unit 987654 does not exist', 'an unknown unit: 42704');
SELECT is(pg_temp.error_of($$SELECT * FROM coverage_structure(9802, '2006-01-01', '2005-01-01')$$),
    '22023: coverage span must end after it starts', 'a span that ends before it starts: 22023');
SELECT throws_ok($$SELECT * FROM coverage_structure(9802, '2005-01-01', '2005-01-01')$$,
    '22023', NULL, 'an empty span: 22023');
SELECT is_empty($$SELECT * FROM coverage_structure(NULL, '2005-01-01', '2006-01-01')$$, 'a NULL unit: no rows (STRICT)');

SELECT * FROM finish();
ROLLBACK;
