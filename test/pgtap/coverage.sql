-- The coverage report (R4, R5, R7): each kind of finding found in a small
-- case built to show it, with its span to the day, and gone from the same
-- case once corrected; gaps, overlaps and vacancies across a change of
-- holder, absences with and without an acting holder, and a reorganisation;
-- the (unit, at) form; the scope of a unit; tenant isolation; bad
-- arguments.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(77);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';
SET LOCAL responsibility.tenant = '';

-- The findings of a unit over [f, t), and at a moment, without the words.
CREATE FUNCTION pg_temp.findings(u bigint, f timestamptz, t timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, person_id bigint,
                   span tstzrange, ids bigint[])
    LANGUAGE sql AS $f$
    -- the posts of an overlap, or the duties of a power without consequence
    SELECT kind, object_kind, object_id, position_id, person_id, span, coalesce(positions, duties)
      FROM responsibility.coverage_report(u, f, t)
     ORDER BY kind, object_kind, object_id, lower(span), position_id, person_id
$f$;
CREATE FUNCTION pg_temp.findings_at(u bigint, at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, person_id bigint,
                   span tstzrange, ids bigint[])
    LANGUAGE sql AS $f$
    -- the posts of an overlap, or the duties of a power without consequence
    SELECT kind, object_kind, object_id, position_id, person_id, span, coalesce(positions, duties)
      FROM responsibility.coverage_report(u, at)
     ORDER BY kind, object_kind, object_id, lower(span), position_id, person_id
$f$;
-- The error a statement raises: SQLSTATE, message and detail.
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    st text;
    msg text;
    det text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || msg || coalesce(' / ' || nullif(det, ''), '');
END
$f$;

-- A clean organisation from 2005: the city (9101) with the safety bureau
-- (9102) and, beside it, the transport bureau (9103).  The bureau's director
-- 9211 (Ann) owns "lead safety work" (9402) and the approval step (9602);
-- its inspector 9212 (Bob) owns "inspect mines" (9401) and the acceptance
-- step (9601).  Process 9501: accept → approve.  Power 9701 implies duty
-- 9402.  Every duty has a target and a consequence, every post a duty with
-- a target: the bureau's report is empty.
INSERT INTO unit (unit_id, parent_id, code, name, valid) VALUES
    (9101, NULL, 'cov_city', 'City', '[2005-01-01,)'),
    (9102, 9101, 'cov_safety', 'Safety bureau', '[2005-01-01,)'),
    (9103, 9101, 'cov_transport', 'Transport bureau', '[2005-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (9201, 9101, 'Mayor', 'head', NULL, '[2005-01-01,)'),
    (9211, 9102, 'Director', 'head', 9201, '[2005-01-01,)'),
    (9212, 9102, 'Inspector', 'staff', 9211, '[2005-01-01,)'),
    (9221, 9103, 'Transport director', 'head', 9201, '[2005-01-01,)');
INSERT INTO person (person_id, name) VALUES
    (9301, 'Ann'), (9302, 'Bob'), (9303, 'Cai'), (9304, 'Dan'), (9305, 'Eve'), (9306, 'Fan');
INSERT INTO assignment (assignment_id, position_id, person_id, during) VALUES
    (9251, 9211, 9301, '[2005-01-01,)'),
    (9252, 9212, 9302, '[2005-01-01,)');
INSERT INTO duty (duty_id, unit_id, code, title, target, consequence, valid) VALUES
    (9401, 9102, 'cov_d1', 'Inspect mines', 'every mine twice a year', 'warning', '[2005-01-01,)'),
    (9402, 9102, 'cov_d2', 'Lead safety work', 'no fatal accident', 'dismissal', '[2005-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES
    (9401, 9212, 'primary', '[2005-01-01,)'),
    (9402, 9211, 'primary', '[2005-01-01,)');
INSERT INTO process (process_id, unit_id, code, title, valid) VALUES
    (9501, 9102, 'cov_p1', 'Mine licence', '[2005-01-01,)');
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES
    (9601, 9501, 1, 'Accept', 'acceptance', 2, false),
    (9602, 9501, 2, 'Approve', 'approver', 10, true);
INSERT INTO step_handoff (process_id, from_step, to_step) VALUES (9501, 9601, 9602);
INSERT INTO step_owner (step_id, position_id, during) VALUES
    (9601, 9212, '[2005-01-01,)'),
    (9602, 9211, '[2005-01-01,)');
INSERT INTO power (power_id, unit_id, kind, title, valid) VALUES (9701, 9102, 'approval', 'Licence approval', '[2005-01-01,)');
INSERT INTO power_duty (power_id, duty_id) VALUES (9701, 9402);
-- The transport bureau: a duty nobody owns, with neither target nor
-- consequence, and a post nobody holds.
INSERT INTO duty (duty_id, unit_id, code, title, valid) VALUES (9411, 9103, 'cov_d11', 'Inspect buses', '[2005-01-01,)');

SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the clean bureau: no finding in 2005');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '-infinity', 'infinity')$$,
                'the clean bureau: no finding over all time');
SELECT is_empty($$SELECT * FROM pg_temp.findings_at(9102, '2005-06-01')$$,
                'the clean bureau: no finding in force in June 2005');

------------------------------------------------------------------------------
-- gap: a duty nobody owned
------------------------------------------------------------------------------
UPDATE duty_owner SET during = '[2005-01-01,2005-03-03)' WHERE duty_id = 9401;
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9401, 9212, '[2005-04-15,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('gap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-03-03,2005-04-15)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9212, 9212, NULL, '[2005-03-03,2005-04-15)', NULL)$$,
    'gap: inspect mines unowned from 3 March to 15 April 2005 (the inspector, owning nothing then, has no indicator then)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-03-10', '2005-04-01')$$,
    $$VALUES ('gap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-03-10,2005-04-01)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9212, 9212, NULL, '[2005-03-10,2005-04-01)', NULL)$$,
    'gap: cut to the window asked for (in which the inspector owns no duty with a target)');
SELECT is((SELECT explanation FROM coverage_report(9102, '2005-01-01', '2006-01-01') WHERE kind = 'gap'),
          'duty 9401 "Inspect mines": no post owned it, from 2005-03-03 until 2005-04-15.',
          'gap: the explanation names the duty and the days');
SELECT results_eq($$SELECT * FROM pg_temp.findings_at(9102, '2005-03-03')$$,
    $$VALUES ('gap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-03-03,2005-04-15)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9212, 9212, NULL, '[2005-03-03,2005-04-15)', NULL)$$,
    'gap, (unit, at) form: in force from its first instant, with its whole span');
SELECT is_empty($$SELECT * FROM pg_temp.findings_at(9102, '2005-03-02 23:59:59.999999')$$,
                'gap, (unit, at) form: not in force the instant before');
SELECT is_empty($$SELECT * FROM pg_temp.findings_at(9102, '2005-04-15')$$,
                'gap, (unit, at) form: not in force from the day the owner is back');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9401, 9212, '[2005-03-03,2005-04-15)');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$, 'gap closed: no finding');

------------------------------------------------------------------------------
-- overlap: more than one primary owner
------------------------------------------------------------------------------
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES (9401, 9211, 'primary', '[2005-02-01,2005-02-10)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('overlap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-02-01,2005-02-10)'::tstzrange, '{9211,9212}'::bigint[])$$,
    'overlap: the director and the inspector both primary owners from 1 to 10 February');
-- A third primary owner, a post nobody holds, in the middle.
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES (9401, 9221, 'primary', '[2005-02-05,2005-02-07)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('overlap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-02-01,2005-02-05)'::tstzrange, '{9211,9212}'::bigint[]),
             ('overlap', 'duty', 9401, NULL, NULL, '[2005-02-05,2005-02-07)', '{9211,9212,9221}'),
             ('overlap', 'duty', 9401, NULL, NULL, '[2005-02-07,2005-02-10)', '{9211,9212}'),
             ('vacant_owner', 'duty', 9401, 9221, NULL, '[2005-02-05,2005-02-07)', NULL)$$,
    'overlap: three owners from 5 to 7 February, the third post vacant');
DELETE FROM duty_owner WHERE duty_id = 9401 AND position_id = 9221;
UPDATE duty_owner SET kind = 'supervisory' WHERE duty_id = 9401 AND position_id = 9211;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'overlap resolved (the director supervises): no finding');

------------------------------------------------------------------------------
-- vacant_owner across a change of holder
------------------------------------------------------------------------------
UPDATE assignment SET during = '[2005-01-01,2005-06-01)' WHERE assignment_id = 9252;
INSERT INTO assignment (assignment_id, position_id, person_id, during) VALUES (9253, 9212, 9304, '[2005-06-15,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('vacant_owner', 'duty', 9401::bigint, 9212::bigint, NULL::bigint, '[2005-06-01,2005-06-15)'::tstzrange, NULL::bigint[]),
             ('vacant_owner', 'step', 9601, 9212, NULL, '[2005-06-01,2005-06-15)', NULL)$$,
    'vacant_owner: the inspector''s post vacant between Bob and Dan, for its duty and its step');
SELECT results_eq($$SELECT * FROM pg_temp.findings_at(9102, '2005-06-14 23:59:59')$$,
    $$VALUES ('vacant_owner', 'duty', 9401::bigint, 9212::bigint, NULL::bigint, '[2005-06-01,2005-06-15)'::tstzrange, NULL::bigint[]),
             ('vacant_owner', 'step', 9601, 9212, NULL, '[2005-06-01,2005-06-15)', NULL)$$,
    'vacant_owner, (unit, at) form: in force on the last day of the vacancy');
UPDATE assignment SET during = '[2005-06-01,)' WHERE assignment_id = 9253;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'Dan takes over the day Bob leaves: no finding');

------------------------------------------------------------------------------
-- vacant_owner during absences, with and without an acting holder
------------------------------------------------------------------------------
INSERT INTO absence (absence_id, assignment_id, kind, during) VALUES (9271, 9251, 'leave', '[2005-03-01,2005-04-01)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('vacant_owner', 'duty', 9402::bigint, 9211::bigint, NULL::bigint, '[2005-03-01,2005-04-01)'::tstzrange, NULL::bigint[]),
             ('vacant_owner', 'step', 9602, 9211, NULL, '[2005-03-01,2005-04-01)', NULL)$$,
    'vacant_owner: the director away in March with nobody acting');
UPDATE absence SET during = '[2005-03-01,2005-03-15)', acting_person_id = 9305 WHERE absence_id = 9271;
INSERT INTO absence (absence_id, assignment_id, kind, during) VALUES (9272, 9251, 'training', '[2005-03-15,2005-04-01)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('vacant_owner', 'duty', 9402::bigint, 9211::bigint, NULL::bigint, '[2005-03-15,2005-04-01)'::tstzrange, NULL::bigint[]),
             ('vacant_owner', 'step', 9602, 9211, NULL, '[2005-03-15,2005-04-01)', NULL)$$,
    'vacant_owner: Eve acting until 15 March, then nobody until April');
SELECT is_empty($$SELECT * FROM pg_temp.findings_at(9102, '2005-03-14')$$,
                'vacant_owner, (unit, at) form: nothing while Eve acts');
SELECT results_eq($$SELECT * FROM pg_temp.findings_at(9102, '2005-03-15')$$,
    $$VALUES ('vacant_owner', 'duty', 9402::bigint, 9211::bigint, NULL::bigint, '[2005-03-15,2005-04-01)'::tstzrange, NULL::bigint[]),
             ('vacant_owner', 'step', 9602, 9211, NULL, '[2005-03-15,2005-04-01)', NULL)$$,
    'vacant_owner, (unit, at) form: in force from 15 March');
UPDATE absence SET acting_person_id = 9306 WHERE absence_id = 9272;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'Fan acting for the rest of the absence: no finding');

------------------------------------------------------------------------------
-- idle_person: a person in a post that owns nothing
------------------------------------------------------------------------------
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES (9213, 9102, 'Clerk', 'staff', 9211, '[2005-01-01,)');
INSERT INTO assignment (assignment_id, position_id, person_id, during) VALUES (9254, 9213, 9303, '[2005-01-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('idle_person', 'post', 9213::bigint, 9213::bigint, 9303::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9213, 9213, NULL, '[2005-01-01,2006-01-01)', NULL)$$,
    'idle_person: Cai in a clerk''s post that owns nothing (and the post has no indicator)');
INSERT INTO absence (absence_id, assignment_id, kind, during) VALUES (9273, 9254, 'leave', '[2005-05-01,2005-06-01)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01') WHERE kind = 'idle_person'$$,
    $$VALUES ('idle_person', 'post', 9213::bigint, 9213::bigint, 9303::bigint, '[2005-01-01,2005-05-01)'::tstzrange, NULL::bigint[]),
             ('idle_person', 'post', 9213, 9213, 9303, '[2005-06-01,2006-01-01)', NULL)$$,
    'idle_person: not while Cai is away with nobody acting');
UPDATE absence SET acting_person_id = 9305 WHERE absence_id = 9273;
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01') WHERE kind = 'idle_person'$$,
    $$VALUES ('idle_person', 'post', 9213::bigint, 9213::bigint, 9303::bigint, '[2005-01-01,2005-05-01)'::tstzrange, NULL::bigint[]),
             ('idle_person', 'post', 9213, 9213, 9305, '[2005-05-01,2005-06-01)', NULL),
             ('idle_person', 'post', 9213, 9213, 9303, '[2005-06-01,2006-01-01)', NULL)$$,
    'idle_person: Eve, acting for Cai in May, idle in his stead');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES (9401, 9213, 'supervisory', '[2005-07-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('idle_person', 'post', 9213::bigint, 9213::bigint, 9303::bigint, '[2005-01-01,2005-05-01)'::tstzrange, NULL::bigint[]),
             ('idle_person', 'post', 9213, 9213, 9305, '[2005-05-01,2005-06-01)', NULL),
             ('idle_person', 'post', 9213, 9213, 9303, '[2005-06-01,2005-07-01)', NULL),
             ('post_without_indicator', 'post', 9213, 9213, NULL, '[2005-01-01,2005-07-01)', NULL)$$,
    'idle_person: until the clerk supervises a duty with a target from July (and without an indicator until then)');
UPDATE duty_owner SET during = '[2005-01-01,)' WHERE duty_id = 9401 AND position_id = 9213;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the clerk supervising the duty all along: no finding');

------------------------------------------------------------------------------
-- A reorganisation: the inspector's post ends, a new post takes its work
------------------------------------------------------------------------------
-- The inspector's post (Bob, then Dan) ends on 1 September 2005; Dan moves
-- to the new post of senior inspector (9214), which takes the duty and the
-- step only from 15 September.
DELETE FROM duty_owner WHERE duty_id = 9401 AND position_id = 9212;
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9401, 9212, '[2005-01-01,2005-09-01)');
UPDATE step_owner SET during = '[2005-01-01,2005-09-01)' WHERE step_id = 9601;
UPDATE assignment SET during = '[2005-06-01,2005-09-01)' WHERE assignment_id = 9253;
UPDATE position SET valid = '[2005-01-01,2005-09-01)' WHERE position_id = 9212;
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid)
    VALUES (9214, 9102, 'Senior inspector', 'staff', 9211, '[2005-09-01,)');
INSERT INTO assignment (assignment_id, position_id, person_id, during) VALUES (9255, 9214, 9304, '[2005-09-01,)');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9401, 9214, '[2005-09-15,)');
INSERT INTO step_owner (step_id, position_id, during) VALUES (9601, 9214, '[2005-09-15,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('gap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-09-01,2005-09-15)'::tstzrange, NULL::bigint[]),
             ('gap', 'step', 9601, NULL, NULL, '[2005-09-01,2005-09-15)', NULL),
             ('idle_person', 'post', 9214, 9214, 9304, '[2005-09-01,2005-09-15)', NULL),
             ('post_without_indicator', 'post', 9214, 9214, NULL, '[2005-09-01,2005-09-15)', NULL)$$,
    'reorganisation: the duty and the step unowned, and Dan idle and without an indicator, from 1 to 15 September');
SELECT results_eq($$SELECT * FROM pg_temp.findings_at(9102, '2005-09-10')$$,
    $$VALUES ('gap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-09-01,2005-09-15)'::tstzrange, NULL::bigint[]),
             ('gap', 'step', 9601, NULL, NULL, '[2005-09-01,2005-09-15)', NULL),
             ('idle_person', 'post', 9214, 9214, 9304, '[2005-09-01,2005-09-15)', NULL),
             ('post_without_indicator', 'post', 9214, 9214, NULL, '[2005-09-01,2005-09-15)', NULL)$$,
    'reorganisation, (unit, at) form: the same findings in force on 10 September');
UPDATE duty_owner SET during = '[2005-09-01,)' WHERE duty_id = 9401 AND position_id = 9214;
UPDATE step_owner SET during = '[2005-09-01,)' WHERE step_id = 9601 AND position_id = 9214;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the new post owns the work from the day the old one ends: no finding');
-- The duty handed to the director before the old post gave it up.
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9401, 9211, '[2005-08-20,2005-09-01)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('overlap', 'duty', 9401::bigint, NULL::bigint, NULL::bigint, '[2005-08-20,2005-09-01)'::tstzrange, '{9211,9212}'::bigint[])$$,
    'reorganisation: a duty handed over early overlaps from 20 August to 1 September');
DELETE FROM duty_owner WHERE duty_id = 9401 AND position_id = 9211 AND kind = 'primary';
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the early hand-over withdrawn: no finding');

-- A post moved to the other bureau takes its findings along.
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES (9215, 9102, 'Driver', 'staff', 9211, '[2005-01-01,)');
INSERT INTO assignment (assignment_id, position_id, person_id, during) VALUES (9256, 9215, 9306, '[2005-01-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('idle_person', 'post', 9215::bigint, 9215::bigint, 9306::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9215, 9215, NULL, '[2005-01-01,2006-01-01)', NULL)$$,
    'a driver''s post in the safety bureau: Fan idle');
UPDATE position SET unit_id = 9103, reports_to = 9221 WHERE position_id = 9215;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the post moved to the transport bureau: gone from the safety bureau''s report');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9103, '2005-01-01', '2006-01-01') WHERE object_id = 9215$$,
    $$VALUES ('idle_person', 'post', 9215::bigint, 9215::bigint, 9306::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9215, 9215, NULL, '[2005-01-01,2006-01-01)', NULL)$$,
    '... and found in the transport bureau''s');

------------------------------------------------------------------------------
-- dead_end, cycle, unreachable, no_approver
------------------------------------------------------------------------------
UPDATE process_step SET is_end = false WHERE step_id = 9602;
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('dead_end', 'step', 9602::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[])$$,
    'dead_end: approve is no longer an end and hands off to nothing');
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES (9603, 9501, 3, 'Notify', 'other', 1, true);
INSERT INTO step_owner (step_id, position_id, during) VALUES (9603, 9211, '[2005-01-01,)');
INSERT INTO step_handoff (process_id, from_step, to_step) VALUES (9501, 9602, 9603);
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'approve hands off to a final notification: no finding');

INSERT INTO step_handoff (process_id, from_step, to_step) VALUES (9501, 9603, 9601);
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('cycle', 'step', 9601::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('cycle', 'step', 9602, NULL, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('cycle', 'step', 9603, NULL, NULL, '[2005-01-01,2006-01-01)', NULL)$$,
    'cycle: notify hands back to accept, every step of the loop is found');
DELETE FROM step_handoff WHERE from_step = 9603 AND to_step = 9601;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$, 'the loop removed: no finding');

INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES (9604, 9501, 4, 'Archive', 'other', 1, true);
INSERT INTO step_owner (step_id, position_id, during) VALUES (9604, 9211, '[2005-01-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('unreachable', 'step', 9604::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[])$$,
    'unreachable: no hand-off leads to the archive step');
INSERT INTO step_handoff (process_id, from_step, to_step) VALUES (9501, 9603, 9604);
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'notify hands off to archive: no finding');

UPDATE process_step SET role = 'reviewer' WHERE step_id = 9602;
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('no_approver', 'process', 9501::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[])$$,
    'no_approver: the licence process without an approval step');
SELECT results_eq($$SELECT * FROM pg_temp.findings_at(9102, '2005-06-01')$$,
    $$VALUES ('no_approver', 'process', 9501::bigint, NULL::bigint, NULL::bigint, tstzrange('2005-01-01', 'infinity'), NULL::bigint[])$$,
    'no_approver, (unit, at) form: in force, over the process''s life');
UPDATE process_step SET role = 'approver' WHERE step_id = 9604;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'an approval step in the process: no finding');

------------------------------------------------------------------------------
-- Powers, consequences, indicators
------------------------------------------------------------------------------
INSERT INTO power (power_id, unit_id, position_id, kind, title, valid) VALUES (9702, 9102, 9211, 'penalty', 'Fines', '[2005-01-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('power_without_duty', 'power', 9702::bigint, 9211::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[])$$,
    'power_without_duty: fines imply no duty');
INSERT INTO power_duty (power_id, duty_id) VALUES (9702, 9401);
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'fines tied to inspecting mines: no finding');

INSERT INTO duty (duty_id, unit_id, code, title, target, consequence, valid)
    VALUES (9403, 9102, 'cov_d3', 'Inspect quarries', 'every quarry once a year', NULL, '[2005-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9403, 9211, '[2005-01-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('duty_without_consequence', 'duty', 9403::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[])$$,
    'duty_without_consequence: inspecting quarries carries no consequence');
INSERT INTO power_duty (power_id, duty_id) VALUES (9701, 9403);
UPDATE duty SET consequence = '   ' WHERE duty_id = 9403;
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('duty_without_consequence', 'duty', 9403::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('power_without_consequence', 'power', 9701, NULL, NULL, '[2005-01-01,2006-01-01)', '{9403}')$$,
    'power_without_consequence: licence approval implies a duty whose consequence is blank');
SELECT is((SELECT positions FROM coverage_report(9102, '2005-01-01', '2006-01-01') WHERE kind = 'power_without_consequence'),
          NULL, 'power_without_consequence: its duties are in duties, not in positions');
-- One post owning a duty twice at once is not two owners.
INSERT INTO duty (duty_id, unit_id, title, consequence, valid) VALUES (9499, 9102, 'Twice owned', 'warning', '[2005-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES
    (9499, 9212, '[2005-01-01,2005-09-01)'), (9499, 9212, '[2005-03-01,2005-04-01)');
SELECT is((SELECT count(*) FROM coverage_sweep(9102, '2005-01-01', '2006-01-01') WHERE object_id = 9499 AND kind = 'overlap'),
          0::bigint, 'overlap: one post owning a duty twice at once is not an overlap');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9499, 9211, '[2005-03-15,2005-03-20)');
SELECT results_eq($$SELECT span, positions FROM coverage_sweep(9102, '2005-01-01', '2006-01-01') WHERE object_id = 9499 AND kind = 'overlap'$$,
    $$VALUES ('[2005-03-15,2005-03-20)'::tstzrange, '{9211,9212}'::bigint[])$$,
    'overlap: a second post makes one, its posts listed once');
DELETE FROM duty_owner WHERE duty_id = 9499;
DELETE FROM duty WHERE duty_id = 9499;
SELECT is(white_paper_markdown(987654, '2005-07-20'), NULL, 'the white paper of an unknown unit is NULL');
UPDATE duty SET consequence = 'warning' WHERE duty_id = 9403;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'a consequence for inspecting quarries: no finding');

INSERT INTO unit (unit_id, parent_id, code, name, valid) VALUES (9104, 9102, 'cov_mines', 'Mines section', '[2005-03-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('unit_without_indicator', 'unit', 9104::bigint, NULL::bigint, NULL::bigint, '[2005-03-01,2006-01-01)'::tstzrange, NULL::bigint[])$$,
    'unit_without_indicator: the new mines section (a sub-unit, in scope) has no duty with a target');
SELECT is_empty($$SELECT * FROM pg_temp.findings_at(9102, '2005-02-01')$$,
                'unit_without_indicator, (unit, at) form: not before the section existed');
INSERT INTO duty (duty_id, unit_id, code, title, target_value, target_unit, consequence, valid)
    VALUES (9404, 9104, 'cov_d4', 'Map mines', 120, 'mines', 'warning', '[2005-03-01,)');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (9404, 9211, '[2005-03-01,)');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the section has a duty with a numeric target: no finding');

UPDATE duty SET target = NULL, target_value = NULL WHERE duty_id = 9401;
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('post_without_indicator', 'post', 9212::bigint, 9212::bigint, NULL::bigint, '[2005-01-01,2005-09-01)'::tstzrange, NULL::bigint[]),
             ('post_without_indicator', 'post', 9213, 9213, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('post_without_indicator', 'post', 9214, 9214, NULL, '[2005-09-01,2006-01-01)', NULL)$$,
    'post_without_indicator: the posts whose only duty lost its target');
UPDATE duty SET target_value = 2, target_unit = 'inspections' WHERE duty_id = 9401;
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the duty has a numeric target again: no finding');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '-infinity', 'infinity')$$,
                'the corrected bureau: no finding over all time either');

------------------------------------------------------------------------------
-- Scope: a unit and the units below it, not its siblings
------------------------------------------------------------------------------
SELECT results_eq($$SELECT * FROM pg_temp.findings(9103, '2005-01-01', '2006-01-01') WHERE object_id <> 9215$$,
    $$VALUES ('duty_without_consequence', 'duty', 9411::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('gap', 'duty', 9411, NULL, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('post_without_indicator', 'post', 9221, 9221, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('unit_without_indicator', 'unit', 9103, NULL, NULL, '[2005-01-01,2006-01-01)', NULL)$$,
    'the transport bureau''s own findings');
SELECT is((SELECT count(*) FROM pg_temp.findings(9101, '2005-01-01', '2006-01-01') WHERE object_id IN (9103, 9411, 9221, 9215)),
          6::bigint, 'the city''s report holds the transport bureau''s six findings');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01') WHERE object_id IN (9103, 9411, 9221, 9215)$$,
                'the safety bureau''s report holds none of its sibling''s');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9104, '2005-01-01', '2006-01-01')$$,
                'the mines section''s report is its own (clean) one');
SELECT results_eq($$SELECT kind, object_id FROM pg_temp.findings(9101, '2005-01-01', '2006-01-01')
                     WHERE object_id IN (9101, 9201)$$,
    $$VALUES ('post_without_indicator', 9201::bigint), ('unit_without_indicator', 9101::bigint)$$,
    'the city''s report also holds the city''s own findings');

------------------------------------------------------------------------------
-- Tenant isolation
------------------------------------------------------------------------------
CREATE TEMP TABLE before_other ON COMMIT DROP AS
    SELECT * FROM pg_temp.findings(9101, '-infinity', 'infinity');
SELECT ok((SELECT count(*) FROM before_other) > 0, 'the city''s report over all time has findings to compare');
-- Another tenant with the same ids: a safety bureau 9102 with a duty 9499
-- nobody owns and a power 9799 without duty; an owner for the id 9411 (the
-- transport bureau's unowned duty here); a holder and duties for the id
-- 9212, and an idle post.
INSERT INTO tenant (tenant_id, code, name) VALUES (9003, 'cov_other', 'Another tenant');
SET LOCAL responsibility.tenant = 'cov_other';
INSERT INTO unit (unit_id, parent_id, name, valid) VALUES
    (9101, NULL, 'Other city', '[2005-01-01,)'), (9102, 9101, 'Other bureau', '[2005-01-01,)'),
    (9103, 9101, 'Other transport', '[2005-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, valid) VALUES
    (9221, 9103, 'Other transport director', 'head', '[2005-01-01,)'),
    (9212, 9101, 'Other clerk', 'staff', '[2005-01-01,)');
INSERT INTO person (person_id, name) VALUES (9302, 'Other Bob');
INSERT INTO assignment (position_id, person_id, during) VALUES (9221, 9302, '[2005-01-01,)');
INSERT INTO duty (duty_id, unit_id, title, valid) VALUES
    (9499, 9102, 'Other unowned duty', '[2005-01-01,)'),
    (9411, 9103, 'Other bus duty', '[2005-01-01,)'),
    (9401, 9103, 'Other duty 9401', '[2005-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES
    (9411, 9221, '[2005-01-01,)'), (9401, 9221, '[2005-06-01,)'), (9401, 9212, '[2005-03-01,2005-04-01)');
INSERT INTO power (power_id, unit_id, kind, title, valid) VALUES (9799, 9102, 'other', 'Other power', '[2005-01-01,)');
SELECT results_eq($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
    $$VALUES ('duty_without_consequence', 'duty', 9499::bigint, NULL::bigint, NULL::bigint, '[2005-01-01,2006-01-01)'::tstzrange, NULL::bigint[]),
             ('gap', 'duty', 9499, NULL, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('power_without_duty', 'power', 9799, NULL, NULL, '[2005-01-01,2006-01-01)', NULL),
             ('unit_without_indicator', 'unit', 9102, NULL, NULL, '[2005-01-01,2006-01-01)', NULL)$$,
    'the other tenant''s bureau: its own findings only, none of the default tenant''s');
SET LOCAL responsibility.tenant = '';
SELECT results_eq($$SELECT * FROM pg_temp.findings(9101, '-infinity', 'infinity')$$,
                  $$SELECT * FROM before_other$$,
                  'the default tenant''s report over all time is unchanged by the other tenant''s rows');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9102, '2005-01-01', '2006-01-01')$$,
                'the default tenant''s bureau: still no finding');
SELECT is_empty($$SELECT * FROM pg_temp.findings(9101, '-infinity', 'infinity') WHERE object_id IN (9499, 9799)$$,
                'the other tenant''s duty and power never appear');
SELECT results_eq($$SELECT * FROM pg_temp.findings_at(9103, '2005-06-01') WHERE object_id = 9411 AND kind = 'gap'$$,
    $$VALUES ('gap', 'duty', 9411::bigint, NULL::bigint, NULL::bigint, tstzrange('2005-01-01', 'infinity'), NULL::bigint[])$$,
    'the transport duty still has its gap: the other tenant''s owner of the same id does not count');
INSERT INTO unit (tenant_id, unit_id, name) VALUES (9003, 9109, 'Other only');
SELECT throws_ok($$SELECT * FROM responsibility.coverage_report(9109, '2005-01-01', '2006-01-01')$$,
    '42704', 'unit 9109 does not exist', 'a unit of another tenant only: 42704');

------------------------------------------------------------------------------
-- Bad arguments
------------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM responsibility.coverage_report(987654, '2005-01-01', '2006-01-01')$$,
    '42704', 'unit 987654 does not exist', 'an unknown unit: 42704');
SELECT throws_ok($$SELECT * FROM responsibility.coverage_report(987654, '2005-06-01')$$,
    '42704', 'unit 987654 does not exist', 'an unknown unit, (unit, at) form: 42704');
SELECT throws_ok($$SELECT * FROM responsibility.coverage_report(9102, '2005-01-01', '2005-01-01')$$,
    '22023', 'coverage span must end after it starts', 'from = to: 22023');
SELECT throws_ok($$SELECT * FROM responsibility.coverage_report(9102, '2006-01-01', '2005-01-01')$$,
    '22023', 'coverage span must end after it starts', 'from > to: 22023');
SELECT is(pg_temp.error_of($$SELECT * FROM responsibility.coverage_report(9102, '2006-01-01', '2005-01-01')$$),
          '22023: coverage span must end after it starts / The span given runs from 2006-01-01 00:00:00+00 to 2005-01-01 00:00:00+00.',
          'from > to: the detail names both ends of the span given');
SELECT is_empty($$SELECT * FROM responsibility.coverage_report(9102, NULL, '2006-01-01')$$, 'a NULL bound: no rows (STRICT)');
SELECT is_empty($$SELECT * FROM responsibility.coverage_report(NULL, '2005-06-01')$$, 'a NULL unit: no rows (STRICT)');

SELECT * FROM finish();
ROLLBACK;
