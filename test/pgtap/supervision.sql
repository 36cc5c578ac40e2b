-- The supervision of approvals (S2, S3; rules.md §4-§5): each status and
-- signal at its exact boundary in working days of the cn calendar (the
-- National Day holiday of 2025 and its adjusted working days 2025-09-28
-- and 2025-10-11), with and without pauses and extensions; the kept clock
-- against the facts as of earlier moments; a red card's one incident; the
-- unit score of a constructed month; audits, findings and criticism;
-- every bad input with its SQLSTATE; tenants.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(118);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL responsibility.tenant = '';

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
-- The status of one application at a moment (Beijing time).
CREATE FUNCTION pg_temp.st(app bigint, at text) RETURNS text LANGUAGE sql AS $f$
    SELECT s.status::text FROM responsibility.application_status((at || '+08')::timestamptz) s WHERE s.application_id = app
$f$;

-- The city (9751) and its licensing bureau (9752): director Dong (8753 in
-- 8653) → section chief Ke (8754, 8654) → clerk Yu (8755, 8655); the
-- mayor Ma (8751, 8651).
INSERT INTO unit (unit_id, parent_id, name, valid) VALUES
    (9751, NULL, 'City', '[2020-01-01,)'), (9752, 9751, 'Licensing bureau', '[2020-01-01,)'),
    (9753, 9751, 'Health bureau', '[2020-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (8651, 9751, 'Mayor', 'head', NULL, '[2020-01-01,)'), (8653, 9752, 'Director', 'head', 8651, '[2020-01-01,)'),
    (8654, 9752, 'Section chief', 'chief', 8653, '[2020-01-01,)'), (8655, 9752, 'Clerk', 'staff', 8654, '[2020-01-01,)'),
    (8656, 9753, 'Director', 'head', 8651, '[2020-01-01,)');
INSERT INTO person (person_id, name) VALUES (8751, 'Ma'), (8753, 'Dong'), (8754, 'Ke'), (8755, 'Yu'), (8756, 'Hu');
INSERT INTO assignment (position_id, person_id, during) VALUES
    (8651, 8751, '[2020-01-01,)'), (8653, 8753, '[2020-01-01,)'), (8654, 8754, '[2020-01-01,)'),
    (8655, 8755, '[2020-01-01,)'), (8656, 8756, '[2020-01-01,)');
INSERT INTO power (power_id, unit_id, kind, title, valid) VALUES
    (7601, 9752, 'approval', 'Work-safety licence', '[2020-01-01,)'),
    (7602, 9752, 'inspection', 'Inspect mines', '[2020-01-01,)'),
    (7603, 9753, 'approval', 'Food-hygiene permit', '[2020-01-01,)');
INSERT INTO duty (duty_id, unit_id, title, consequence, valid) VALUES (7651, 9752, 'Decide licences in time', 'warning', '[2020-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES (7651, 8655, 'primary', '[2020-01-01,)');
INSERT INTO power_duty (power_id, duty_id) VALUES (7601, 7651);
INSERT INTO process (process_id, unit_id, title, valid) VALUES
    (7611, 9752, 'Licence', '[2020-01-01,)'), (7612, 9753, 'Permit', '[2020-01-01,)');
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES
    (7621, 7611, 1, 'accept', 'acceptance', 1, false), (7622, 7611, 2, 'handle', 'handler', 10, false),
    (7623, 7611, 3, 'review', 'reviewer', 5, false), (7624, 7611, 4, 'approve', 'approver', 4, true),
    (7625, 7612, 1, 'accept', 'acceptance', 1, true);

-- 1. Items: an approval power, limits from the kind's defaults.
INSERT INTO approval_item (item_id, power_id, code, title, process_id) VALUES (7631, 7601, 'WS-1', 'Work-safety licence', 7611);
INSERT INTO approval_item (item_id, power_id, code, title, kind, promised_limit) VALUES (7632, 7601, 'WS-2', 'Licence renewal', 'licence', 10);
INSERT INTO approval_item (item_id, power_id, code, title, kind, charges_fee) VALUES (7633, 7601, 'WS-3', 'Certificate', 'certificate', true);
INSERT INTO approval_item (item_id, power_id, code, title, kind, process_id) VALUES (7634, 7603, 'FH-1', 'Food permit', 'joint', 7612);
SELECT results_eq($$SELECT item_id, unit_id, statutory_limit, max_extension FROM approval_item WHERE item_id BETWEEN 7631 AND 7634 ORDER BY 1$$,
    $$VALUES (7631::bigint, 9752::bigint, 20, 10), (7632, 9752, 20, 10), (7633, 9752, 10, 0), (7634, 9753, 45, 15)$$,
    'items take the unit of their power and the statutory limits of their kind (20+10, 10+0, 45+15)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.approval_item (power_id, title) VALUES (7602, 'x')$$),
    '22023: power 7602 is a power of kind inspection, not an approval power', 'an item on a power that is not an approval: 22023');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.approval_item (power_id, title, promised_limit) VALUES (7601, 'x', 25)$$),
    '23514: new row for relation "approval_item" violates check constraint "approval_item_limits"', 'a promised limit above the statutory one: 23514');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.approval_fee (item_id, code, title, amount) VALUES (7631, 'F', 'fee', 10)$$),
    '22023: approval item 7631 charges no fee', 'a fee schedule on an item that charges none: 22023');
INSERT INTO approval_fee (item_id, code, title, amount) VALUES (7633, 'F1', 'Certificate fee', 100);

-- 2. Application 1: accepted Monday 2025-09-01.  20 working days end on
-- Sunday 2025-09-28, an adjusted working day; the reminder starts the
-- working day before (Friday 09-26); the yellow card leaves 3 working days
-- to act, across the National Day holiday (10-01..10-08): 10-09.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at)
    VALUES (7701, 7631, 'A-1', '2025-09-01 09:00+08', '2025-09-01 10:00+08');
INSERT INTO application_step VALUES (DEFAULT, 7701, 1, 7621, 8755, 8655, '2025-09-01 09:00+08', '2025-09-01 10:00+08', 'passed');
INSERT INTO application_step VALUES (DEFAULT, 7701, 2, 7622, 8755, 8655, '2025-09-01 10:00+08', NULL, NULL);
SELECT results_eq($$SELECT clock_start, clock_limit, due_on, remind_on, act_by, step_no, step_due_on FROM application WHERE application_id = 7701$$,
    $$VALUES ('2025-09-01'::date, 20, '2025-09-28'::date, '2025-09-26'::date, '2025-10-09'::date, 2, '2025-09-15'::date)$$,
    'the kept clock: deadline on the adjusted Sunday, reminder the working day before, act by the first working day after the holiday + 2');
SELECT is(pg_temp.st(7701, '2025-09-25 23:59'), 'green', 'the day before the reminder: green');
SELECT is(pg_temp.st(7701, '2025-09-26 00:00'), 'reminder', 'the working day before the deadline: reminder');
SELECT is(pg_temp.st(7701, '2025-09-27 12:00'), 'reminder', 'the Saturday between: still reminder');
SELECT is(pg_temp.st(7701, '2025-09-28 23:59'), 'reminder', 'the deadline itself (an adjusted working day): reminder');
SELECT is(pg_temp.st(7701, '2025-09-29 00:00'), 'yellow', 'the day after the deadline: yellow card');
SELECT is((SELECT workdays_over FROM application_status('2025-09-29 12:00+08') WHERE application_id = 7701), 1, 'one working day over');
SELECT is(pg_temp.st(7701, '2025-10-05 12:00'), 'yellow', 'during the holiday: still yellow');
SELECT is(pg_temp.st(7701, '2025-10-09 23:59'), 'yellow', 'the deadline to act: yellow');
SELECT is((SELECT workdays_over FROM application_status('2025-10-09 12:00+08') WHERE application_id = 7701), 3,
    'three working days over on 10-09: the holiday does not count');
SELECT is(pg_temp.st(7701, '2025-10-10 00:00'), 'red', 'the day after the deadline to act: red card');
SELECT is((SELECT step_overrun FROM application_status('2025-09-16 12:00+08') WHERE application_id = 7701), true,
    'the handling step (10 working days from 09-01, due 09-15) overran on 09-16');
SELECT is((SELECT step_overrun FROM application_status('2025-09-15 12:00+08') WHERE application_id = 7701), false,
    'on its due day it has not');
SELECT is((SELECT count(*) FROM application_status('2025-08-31 12:00+08') WHERE application_id = 7701), 0::bigint,
    'before it was received, no status');

-- 3. A pause for expert review touching 09-10..09-12 (three working days)
-- moves every date: deadline 10-09, reminder 09-30, act by Monday 10-13
-- across the adjusted Saturday 10-11.
INSERT INTO application_pause (application_id, kind, during) VALUES (7701, 'expert_review', '[2025-09-10 00:00+08, 2025-09-12 18:00+08)');
SELECT results_eq($$SELECT due_on, remind_on, act_by, step_due_on FROM application WHERE application_id = 7701$$,
    $$VALUES ('2025-10-09'::date, '2025-09-30'::date, '2025-10-13'::date, '2025-09-18'::date)$$,
    'a pause excludes the days it touches from the application''s and the step''s limits');
SELECT is(pg_temp.st(7701, '2025-09-11 12:00'), 'paused', 'during the pause, as of then: paused');
SELECT is((SELECT paused_since FROM application_status('2025-09-11 12:00+08') WHERE application_id = 7701), '2025-09-10'::date, 'paused since its first day');
SELECT is(pg_temp.st(7701, '2025-09-29 12:00'), 'green', 'on the old deadline''s next day: green');
SELECT is(pg_temp.st(7701, '2025-09-30 12:00'), 'reminder', 'the working day before the new deadline: reminder');
SELECT is(pg_temp.st(7701, '2025-10-10 12:00'), 'yellow', 'the day after the new deadline: yellow');
SELECT is(pg_temp.st(7701, '2025-10-11 12:00'), 'yellow', 'the adjusted Saturday, a working day to act: yellow');
SELECT is(pg_temp.st(7701, '2025-10-13 23:00'), 'yellow', 'the deadline to act: yellow');
SELECT is(pg_temp.st(7701, '2025-10-14 00:00'), 'red', 'the day after: red');
-- The kept clock and the facts agree at every moment.
SELECT is((SELECT count(*) FROM generate_series('2025-09-01'::timestamptz, '2025-10-31', '13 hours') g(at),
                application_status(g.at) s, application a,
                application_clock(a, g.at) c
            WHERE a.application_id = s.application_id AND a.application_id = 7701
              AND (s.due_on, s.remind_on, s.act_by, s.step_due_on) IS DISTINCT FROM (c.due_on, c.remind_on, c.act_by, c.step_due_on)),
    0::bigint, 'the status as of any moment agrees with the clock recomputed from the facts');

-- 4. Extensions: approved 09-20 for 10 working days; before it the
-- deadline stands.  Beyond the statutory one, or without an approver: errors.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at)
    VALUES (7702, 7631, 'A-2', '2025-09-01 09:00+08', '2025-09-01 10:00+08');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_extension (application_id, days, approved_by, approved_at) VALUES (7702, 11, 8753, '2025-09-20')$$),
    '22003: an extension of 11 working days exceeds the statutory 10 of application A-2''s item', 'an extension beyond the statutory one: 22003');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_extension (application_id, days, approved_at) VALUES (7702, 10, '2025-09-20')$$),
    '23502: null value in column "approved_by" of relation "application_extension" violates not-null constraint', 'an extension without an approver: 23502');
INSERT INTO application_extension (application_id, days, approved_by, approved_at) VALUES (7702, 10, 8753, '2025-09-20 10:00+08');
SELECT is((SELECT due_on FROM application WHERE application_id = 7702), '2025-10-17'::date, 'extended by 10 working days: 10-17');
SELECT is((SELECT due_on FROM application_status('2025-09-19 12:00+08') WHERE application_id = 7702), '2025-09-28'::date,
    'as of the day before the approval, the deadline was 09-28');
SELECT is(pg_temp.st(7702, '2025-10-17 12:00'), 'reminder', 'the new deadline: reminder');

-- 5. A promised limit shorter than the statutory one is watched.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7703, 7632, 'A-3', '2025-09-01 09:00+08', '2025-09-01 10:00+08');
SELECT is((SELECT due_on FROM application WHERE application_id = 7703), '2025-09-15'::date, 'the promised 10 working days: 09-15');

-- 6. Missing materials: notified in time, the clock waits for acceptance;
-- not notified within 5 working days (by 09-08), it runs from receipt.
INSERT INTO application (application_id, item_id, ref, received_at, materials_notified_at)
    VALUES (7704, 7631, 'A-4', '2025-09-01 09:00+08', '2025-09-03 09:00+08');
SELECT is(pg_temp.st(7704, '2025-09-05 12:00'), 'awaiting', 'materials asked for in time: awaiting');
UPDATE application SET accepted_at = '2025-09-10 09:00+08' WHERE application_id = 7704;
SELECT is((SELECT clock_start FROM application WHERE application_id = 7704), '2025-09-10'::date, 'then the clock counts from acceptance');
INSERT INTO application (application_id, item_id, ref, received_at) VALUES (7705, 7631, 'A-5', '2025-09-01 09:00+08');
SELECT is((SELECT clock_start FROM application WHERE application_id = 7705), '2025-09-01'::date, 'nothing done: counted as accepted on receipt');
UPDATE application SET accepted_at = '2025-09-09 09:00+08' WHERE application_id = 7705;
SELECT is((SELECT clock_start FROM application WHERE application_id = 7705), '2025-09-01'::date, 'accepted after the notice limit: still from receipt');
SELECT results_eq($$SELECT kind::text, raised_on FROM supervision_signals('[2025-09-01,2025-09-30)') WHERE application_id = 7705 AND kind = 'materials_late'$$,
    $$VALUES ('materials_late', '2025-09-09'::date)$$, 'the late notice is a signal the day after the limit (09-08)');
SELECT is((SELECT count(*) FROM supervision_signals('[2025-09-01,2025-09-30)') WHERE application_id = 7704 AND kind = 'materials_late'),
    0::bigint, 'a notice in time is no signal');

-- 7. Bad input: nothing is written.
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_step VALUES (DEFAULT, 7704, 5, 7622, 8755, 8655, '2025-09-05 09:00+08', NULL, NULL)$$),
    '22008: step 5 of application A-4 starts at 2025-09-05 01:00:00+00, before the application was accepted',
    'a step recorded before the application was accepted: 22008');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_step VALUES (DEFAULT, 7704, 5, 7625, 8755, 8655, '2025-09-11 09:00+08', NULL, NULL)$$),
    '23503: step 7625 is not a step of the process of application A-4''s item', 'a step of another process: 23503');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_pause (application_id, kind, during) VALUES (7701, 'testing', '[2025-09-12 10:00+08, 2025-09-15 10:00+08)')$$),
    '23P01: conflicting key value violates exclusion constraint "application_pause_no_overlap"', 'a pause overlapping another: 23P01');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_pause (application_id, kind, during) VALUES (7704, 'testing', '[2025-09-05 10:00+08, 2025-09-06 10:00+08)')$$),
    '23514: pause ["2025-09-05 02:00:00+00","2025-09-06 02:00:00+00") of application A-4 lies outside the application''s life',
    'a pause before acceptance: 23514');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_fee (application_id, code, amount, charged_at) VALUES (7701, 'F1', 10, '2025-09-02')$$),
    '22023: a fee on application A-1, whose item charges none', 'a fee on an item that charges none: 22023');
SELECT is(pg_temp.error_of($$UPDATE responsibility.application SET accepted_at = '2025-08-01' WHERE application_id = 7701$$),
    '22008: application A-1: accepted_at lies before the application was received or accepted', 'acceptance before receipt: 22008');
SELECT is((SELECT (due_on, act_by)::text FROM application WHERE application_id = 7701), '(2025-10-09,2025-10-13)', 'the failed writes left the clock as it was');
SELECT is((SELECT count(*) FROM application_pause WHERE application_id IN (7701, 7704)), 1::bigint, 'and no pause was written');

-- 8. Outcomes: once; a refusal without reasons and an illegal fee are signals.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7706, 7633, 'A-6', '2025-10-09 09:00+08', '2025-10-09 10:00+08');
INSERT INTO application_fee (application_id, code, amount, charged_at) VALUES
    (7706, 'F1', 100, '2025-10-09 10:00+08'), (7706, 'F1', 150, '2025-10-10 10:00+08'), (7706, 'F9', 20, '2025-10-10 11:00+08');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_fee (application_id, code, amount, charged_at) VALUES (7706, 'F1', 100, '2025-10-01 10:00+08')$$),
    '22008: a fee on application A-6 charged at 2025-10-01 02:00:00+00, before it was received at 2025-10-09 01:00:00+00', 'a fee charged before receipt: 22008');
SELECT decide_application(7706, 'refused', 8753, NULL, '2025-10-13 10:00+08');
SELECT is(pg_temp.error_of($$SELECT responsibility.decide_application(7706, 'granted', 8753, NULL, '2025-10-14 10:00+08')$$),
    '23505: application A-6 already has its outcome: refused at 2025-10-13 02:00:00+00', 'an outcome recorded twice: 23505');
SELECT results_eq($$SELECT kind::text, raised_on FROM supervision_signals('[2025-10-01,2025-11-01)') WHERE application_id = 7706 ORDER BY 1, 2$$,
    $$VALUES ('illegal_fee', '2025-10-10'::date), ('illegal_fee', '2025-10-10'::date), ('refusal_without_reasons', '2025-10-13'::date)$$,
    'a fee above the schedule and one not in it are illegal; the fee in the schedule is not; a refusal without reasons');
SELECT results_eq($$SELECT step_no FROM supervision_signals('[2025-10-01,2025-11-01)') WHERE application_id = 7706 AND kind = 'illegal_fee' ORDER BY 1$$,
    $$VALUES (2), (3)$$, 'each illegal fee is its own signal, by its number on the application (the second and third fees)');
SELECT is((SELECT count(*) FROM application_status('2025-10-20') WHERE application_id = 7706), 0::bigint, 'a decided application has no status');
SELECT is(pg_temp.st(7706, '2025-10-10 12:00'), 'green', 'before its decision it had');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_step VALUES (DEFAULT, 7706, 9, 7622, 8755, 8655, '2025-10-14 09:00+08', NULL, NULL)$$),
    '23503: step 7622 is not a step of the process of application A-6''s item', 'the item has no process: any step is foreign (23503)');

-- 9. The monitor, the overdue list and where delay accumulates.
SELECT results_eq($$SELECT status::text, applications FROM supervision_monitor(9751, '2025-10-14 12:00+08') WHERE applications > 0$$,
    $$VALUES ('green', 1::bigint), ('reminder', 1::bigint), ('red', 3::bigint)$$,
    'the monitor at 10-14: A-2 green (extended), A-4 on its deadline day (reminder), A-1, A-3 and A-5 red; A-6 decided');
SELECT results_eq($$SELECT ref, status::text, workdays_over, person_name FROM overdue_applications(9752, '2025-10-14 12:00+08') WHERE ref = 'A-1'$$,
    $$VALUES ('A-1', 'red', 4, 'Yu')$$, 'the overdue list: working days over and who holds the step');
SELECT results_eq($$SELECT person_name, step_name, late_steps, workdays_over FROM delay_hotspots(9752, '2025-09-01', '2025-10-14 00:00+08') LIMIT 1$$,
    $$VALUES ('Yu', 'handle', 1::bigint, 14::bigint)$$,
    'delay accumulates at Yu''s handling step: due 09-18, 14 working days over by 10-13');
SELECT is(pg_temp.error_of($$SELECT * FROM responsibility.supervise(NULL, now() + interval '1 day')$$),
    '22008: supervise() looks at a moment that has come: ' || (now() + interval '1 day')::text || ' is in the future',
    'supervising a moment to come: 22008');

-- 10. A red card opens exactly one incident, with the application as the
-- failed work and the people of its steps as actors; the back-trace
-- climbs from the clerk.
SELECT is((SELECT count(*) FROM supervise(9752, '2025-10-14 12:00+08') WHERE kind = 'red' AND incident_id IS NOT NULL), 3::bigint,
    'supervise() issues the red cards of the bureau, each with its incident');
SELECT is((SELECT count(*) FROM supervise(9752, '2025-10-14 12:00+08')), 0::bigint, 'run again, it issues nothing');
SELECT results_eq($$SELECT i.work_ref, i.source, i.step_id, i.occurred_at FROM supervision_card c JOIN incident i USING (tenant_id, incident_id) WHERE c.application_id = 7701$$,
    $$VALUES ('A-1', 'supervision', 7622::bigint, '2025-10-14 00:00+08'::timestamptz)$$,
    'the incident of A-1: the application, the step in progress, the first red day');
SELECT results_eq($$SELECT a.role::text, a.person_id FROM supervision_card c JOIN incident_actor a USING (tenant_id, incident_id) WHERE c.application_id = 7701$$,
    $$VALUES ('handler', 8755::bigint)$$, 'its actor: the clerk who handled it');
SELECT results_eq($$SELECT b.person_id, b.kind::text FROM supervision_card c, backtrace(c.incident_id) b WHERE c.application_id = 7701 AND c.kind = 'red'$$,
    $$VALUES (8755::bigint, 'direct'), (8754, 'important_leadership'), (8753, 'main_leadership')$$,
    'the back-trace: the clerk directly, the section chief and the director as leaders');
SELECT is((SELECT count(*) FROM incident WHERE source = 'supervision'), 3::bigint, 'one incident per red card');
SELECT results_eq($$SELECT i.step_id, i.duty_id FROM supervision_card c JOIN incident i USING (tenant_id, incident_id) WHERE c.application_id IN (7703, 7705) ORDER BY c.application_id$$,
    $$VALUES (NULL::bigint, 7651::bigint), (7621, 7651)$$,
    'with no recorded step: the first step of the item''s process; and the duty of its power');

-- 11. The unit score of October 2025 for the bureau, by hand.  Signals
-- raised in October: reminders A-4 (10-13) and A-2 (10-16), no run of
-- three; yellow cards A-1 (10-10), A-4 (10-15), A-2 (10-18): −15; red
-- cards A-5 (10-10), A-1 (10-14), A-4 (10-18), A-2 (10-23): −40; two
-- illegal fees of A-6: −8; its refusal without reasons: −2.  One decision
-- (A-6, 10-13), before its deadline (10-23): 100% early, +10.
-- 100 − 15 − 40 − 8 − 2 + 10 = 45.
SELECT results_eq($$SELECT kind::text, count(*) FROM supervision_signals('[2025-10-01,2025-11-01)', 9752) GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('illegal_fee', 2::bigint), ('red', 4::bigint), ('refusal_without_reasons', 1::bigint), ('reminder', 2::bigint), ('yellow', 3::bigint)$$,
    'October''s signals of the bureau');
SELECT is((SELECT (score, bonus, decisions, early)::text FROM supervision_scores('[2025-10-01,2025-11-01)', 9752)),
    '(45.00,10.00,1,1)', 'by hand: 100 − 15 − 40 − 8 − 2 + 10 = 45');
SELECT is((SELECT jsonb_agg(d->>'code' ORDER BY d->>'code') FROM supervision_scores('[2025-10-01,2025-11-01)', 9752), jsonb_array_elements(deductions) d),
    '["illegal_fee", "red", "refusal_without_reasons", "yellow"]'::jsonb, 'each deduction explained');
SELECT is((SELECT grade || ' ' || grade_zh FROM supervision_scores('[2025-10-01,2025-11-01)', 9752)), 'fail 不合格', 'below 60: 不合格');
INSERT INTO supervision_score_entry (unit_id, month, item, points, note) VALUES (9752, '2025-10-01', 'openness', -2, 'items not published');
SELECT is((SELECT score FROM supervision_scores('[2025-10-01,2025-11-01)', 9752)), 43.00, 'an entry by hand deducts its points');
SELECT is((SELECT score FROM supervision_scores('[2025-10-01,2026-01-01)', 9752)), 43.00, 'the quarter: no signal after October');
-- September: reminders A-3 (09-12), A-5 (09-26), A-1 (09-30): one run of
-- three, −3; yellow A-3 (09-16), A-5 (09-29): −10; red A-3 (09-19): −10;
-- A-1's handling step over its limit (09-19): −1; A-5's late notice (09-09): −2.
SELECT is((SELECT (score, bonus, decisions, early)::text FROM supervision_scores('[2025-09-01,2025-10-01)', 9752)),
    '(74.00,0,0,0)', 'September by hand: 100 − 3 − 10 − 10 − 1 − 2 = 74');
SELECT is((SELECT grade_zh FROM supervision_scores('[2025-09-01,2025-10-01)', 9752)), '合格', '60 to 80: 合格');
SELECT is((SELECT decisions FROM supervision_scores('(,)', 9752)), (SELECT count(*) FROM application WHERE unit_id = 9752 AND outcome IN ('granted', 'refused')),
    'over all time, every decision counts');
SELECT decide_application(7703, 'granted', 8753, NULL, '2025-09-12 10:00+08');

-- 12. Policy is data: a tenant's act_days recomputes its clocks.
INSERT INTO supervision_policy (tenant_id, code, value) VALUES (current_tenant(), 'act_days', 5);
SELECT is((SELECT act_by FROM application WHERE application_id = 7701), '2025-10-15'::date, 'act_days 5: act by 10-15 (10-10, 10-11, 10-13, 10-14, 10-15)');
DELETE FROM supervision_policy WHERE tenant_id = current_tenant();
SELECT is((SELECT act_by FROM application WHERE application_id = 7701), '2025-10-13'::date, 'back to the default');
-- The calendar is data: a new holiday on 09-15 moves the deadlines.
INSERT INTO calendar_day (calendar, day, kind, festival_en, festival_zh) VALUES ('cn', '2025-09-15', 'holiday', 'Test', '测试');
SELECT is((SELECT due_on FROM application WHERE application_id = 7703), '2025-09-16'::date, 'a holiday added to the calendar moves the kept deadline');
DELETE FROM calendar_day WHERE calendar = 'cn' AND day = '2025-09-15';
SELECT is((SELECT due_on FROM application WHERE application_id = 7703), '2025-09-15'::date, 'and removing it moves it back');
SELECT is((SELECT string_agg(DISTINCT time_zone, ',') FROM application), 'Asia/Shanghai', 'each application keeps its calendar''s time zone');

-- An item's new limit moves its applications' deadlines.
UPDATE approval_item SET promised_limit = 5 WHERE item_id = 7632;
SELECT is((SELECT due_on FROM application WHERE application_id = 7703), '2025-09-08'::date, 'a shorter promised limit moves the kept deadline (5 working days: 09-08)');
UPDATE approval_item SET promised_limit = 10 WHERE item_id = 7632;
-- A decision while a pause runs, or before a recorded step: refused.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7707, 7631, 'A-7', '2025-11-03 09:00+08', '2025-11-03 10:00+08');
INSERT INTO application_pause (application_id, kind, during) VALUES (7707, 'hearing', '[2025-11-05 09:00+08,)');
SELECT is((SELECT status::text || ' ' || paused_since FROM application_status('2025-11-10 12:00+08') WHERE application_id = 7707), 'paused 2025-11-05',
    'a running pause stops the clock');
SELECT is(pg_temp.error_of($$SELECT responsibility.decide_application(7707, 'granted', 8753, 'ok', '2025-11-20 10:00+08')$$),
    '23514: application A-7: a pause lies outside the application''s life (received 2025-11-03 01:00:00+00 – decided 2025-11-20 02:00:00+00)',
    'deciding while a pause runs: 23514');
INSERT INTO application_step VALUES (DEFAULT, 7707, 1, 7622, 8755, 8655, '2025-11-04 09:00+08', '2025-11-21 09:00+08', 'passed');
UPDATE application_pause SET during = '[2025-11-05 09:00+08,2025-11-06 09:00+08)' WHERE application_id = 7707;
SELECT is(pg_temp.error_of($$SELECT responsibility.decide_application(7707, 'granted', 8753, 'ok', '2025-11-20 10:00+08')$$),
    '22008: application A-7: a recorded step lies after the decision at 2025-11-20 02:00:00+00', 'deciding before a recorded step ends: 22008');
SELECT is((SELECT outcome FROM application WHERE application_id = 7707), NULL, 'and no outcome was written');

-- 13. Audits, findings, criticism and announcements.
INSERT INTO audit (audit_id, unit_id, kind, title, conducted_by, held) VALUES
    (7801, 9752, 'inspection', 'Licensing inspection 2025', 'City supervision bureau', '[2025-10-20,2025-10-25)');
INSERT INTO audit_finding (finding_id, audit_id, kind, severity, duty_id, description, found_on, rectify_by, rectified_on) VALUES
    (7811, 7801, 'delay', 'major', 7651, 'licences decided late', '2025-10-22', '2025-11-10', NULL),
    (7812, 7801, 'records', 'minor', NULL, 'files incomplete', '2025-10-22', '2025-11-30', '2025-11-05'),
    (7813, 7801, 'fees', 'major', NULL, 'fees posted late', '2025-10-22', '2025-11-10', '2025-11-20');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.audit_finding (audit_id, kind, description, found_on, rectify_by) VALUES (7801, 'x', 'y', '2025-10-22', '2025-10-01')$$),
    '23514: new row for relation "audit_finding" violates check constraint "audit_finding_dates"', 'a rectification deadline before the finding: 23514');
SELECT results_eq($$SELECT finding_id, status, status_zh, days_overdue FROM audit_findings(9751, '2025-11-15') ORDER BY 1$$,
    $$VALUES (7811::bigint, 'overdue', '逾期未整改', 5), (7812, 'rectified', '已整改', NULL), (7813, 'overdue', '逾期未整改', 5)$$,
    'rectification tracked against each deadline, as of a day');
SELECT is((SELECT status FROM audit_findings(9751, '2025-11-25') WHERE finding_id = 7813), 'rectified_late', 'rectified after its deadline: late');
SELECT is(finding_incident(7811), finding_incident(7811), 'a finding opens its incident once');
SELECT results_eq($$SELECT i.source, i.duty_id, i.severity::text FROM audit_finding f JOIN incident i USING (tenant_id, incident_id) WHERE f.finding_id = 7811$$,
    $$VALUES ('inspection', 7651::bigint, 'general')$$, 'the incident: source inspection, the duty concerned');
SELECT is(pg_temp.error_of($$SELECT responsibility.finding_incident(7812)$$),
    '22004: finding 7812 names no duty: an incident needs the duty that failed', 'a finding without a duty cannot open an incident: 22004');
SELECT is((SELECT count(*) FROM circulate_criticism('[2025-10-01,2025-11-01)', '2025-11-05')), 1::bigint,
    'October: the bureau failed the supervision (不合格) and is criticised');
SELECT is((SELECT count(*) FROM circulate_criticism('[2025-11-01,2025-12-01)', '2025-12-03')), 2::bigint,
    'November: two major findings not rectified on time');
SELECT is((SELECT count(*) FROM circulate_criticism('[2025-11-01,2025-12-01)', '2025-12-03')), 0::bigint, 'issued once');
SELECT results_eq($$SELECT issued_on, text_en, text_zh FROM announcements('[2025-11-01,2025-12-01)')$$,
    $$VALUES ('2025-11-05'::date, 'Circulated criticism of Licensing bureau, which failed the supervision of approvals of 2025-10-01 to 2025-10-31 with 43.00 points.',
              '对Licensing bureau予以通报批评：2025-10-01至2025-10-31行政审批电子监察考核得分 43.00，评定为不合格。')$$,
    'the announcements of November, in English and Chinese');

-- 14. Tenants: another tenant sees none of it, and its policy changes nothing here.
INSERT INTO tenant (tenant_id, code, name) VALUES (97, 'other_sv', 'Other');
SET LOCAL responsibility.tenant = 'other_sv';
SELECT is((SELECT count(*) FROM application_status('2025-10-14 12:00+08')), 0::bigint, 'another tenant''s status lists none of ours');
SELECT is((SELECT count(*) FROM supervision_signals('[2025-01-01,2026-01-01)')), 0::bigint, 'nor its signals');
INSERT INTO supervision_policy (tenant_id, code, value) VALUES (97, 'act_days', 9);
SET LOCAL responsibility.tenant = '';
SELECT is((SELECT act_by FROM application WHERE application_id = 7701), '2025-10-13'::date, 'another tenant''s policy leaves our clocks alone');
SELECT is(supervision_setting(97, 'act_days'), 9, 'while it has its own');

-- 15. Facts in order, and the record kept.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7708, 7631, 'A-8', '2025-09-01 09:00+08', '2025-09-01 10:00+08');
INSERT INTO application_pause (application_id, kind, during) VALUES (7708, 'testing', '[2025-09-24 09:00+08,infinity)');
SELECT is((SELECT upper_inf(during) FROM application_pause WHERE application_id = 7708), true, 'a pause written to infinity is a running pause');
SELECT is((SELECT count(*) FROM application_status('2025-10-20 12:00+08') WHERE application_id = 7708 AND status = 'paused'), 1::bigint,
    'and it stops the clock');
SELECT is(left(pg_temp.error_of($$INSERT INTO responsibility.application_step VALUES (DEFAULT, 7708, 1, 7622, 8755, 8655, now() + interval '1 day', NULL, NULL)$$), 6),
    '22008:', 'a step recorded to start in the future: 22008');
SELECT is(left(pg_temp.error_of($$UPDATE responsibility.application SET accepted_at = now() + interval '1 hour' WHERE application_id = 7705$$), 6),
    '22008:', 'an acceptance in the future: 22008');
-- An extension is approved within the limit: A-5's deadline was 09-28.
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.application_extension (application_id, days, approved_by, approved_at) VALUES (7705, 5, 8753, '2025-10-09 10:00+08')$$),
    '22008: the extension of application A-5 was approved at 2025-10-09 02:00:00+00, after its deadline 2025-09-28',
    'an extension approved after the deadline: 22008');
SELECT is(pg_temp.error_of($$UPDATE responsibility.application_extension SET approved_at = '2025-10-20 10:00+08' WHERE application_id = 7702$$),
    '55000: the extension of application A-2 is not changed in place', 'an extension''s approval is not moved in place (55000): it is recorded again and checked');
-- Acceptance moved past a recorded step: refused.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7709, 7631, 'A-9', '2025-11-03 09:00+08', '2025-11-03 10:00+08');
INSERT INTO application_step VALUES (DEFAULT, 7709, 1, 7622, 8755, 8655, '2025-11-03 11:00+08', NULL, NULL);
SELECT is(pg_temp.error_of($$UPDATE responsibility.application SET accepted_at = '2025-11-05 09:00+08' WHERE application_id = 7709$$),
    '22008: application A-9: a recorded step starts before the acceptance at 2025-11-05 01:00:00+00', 'acceptance moved after a recorded step: 22008');
INSERT INTO application_extension (application_id, days, approved_by, approved_at) VALUES (7709, 5, 8753, '2025-11-20 10:00+08');
SELECT is(pg_temp.error_of($$SELECT responsibility.decide_application(7709, 'granted', 8753, 'ok', '2025-11-10 10:00+08')$$),
    '22008: application A-9: its extension was approved after the decision at 2025-11-10 02:00:00+00', 'a decision before the extension it would void: 22008');
-- The unit and calendar are always the item's.
UPDATE application SET unit_id = 9753 WHERE application_id = 7709;
SELECT is((SELECT unit_id FROM application WHERE application_id = 7709), 9752::bigint, 'an application stays in its item''s unit');
-- Withdrawn before anything was due: no late notice.
INSERT INTO application (application_id, item_id, ref, received_at) VALUES (7710, 7631, 'A-10', '2025-09-01 09:00+08');
SELECT decide_application(7710, 'withdrawn', 8753, NULL, '2025-09-02 10:00+08');
SELECT is((SELECT count(*) FROM supervision_signals('[2025-09-01,2025-12-01)') WHERE application_id = 7710), 0::bigint,
    'an application withdrawn on 09-02 raises nothing after');
-- A running pause stops the step's clock too: A-8's handling (10 working
-- days from 09-01 with the pause from 09-24) raised its overrun on 09-16,
-- before the pause; A-11's step under a pause from its second day raises none.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7711, 7631, 'A-11', '2025-09-01 09:00+08', '2025-09-01 10:00+08');
INSERT INTO application_step VALUES (DEFAULT, 7711, 1, 7622, 8755, 8655, '2025-09-01 10:00+08', NULL, NULL);
INSERT INTO application_pause (application_id, kind, during) VALUES (7711, 'expert_review', '[2025-09-02 09:00+08,)');
SELECT is((SELECT count(*) FROM supervision_signals('[2025-09-01,2026-01-01)') WHERE application_id = 7711), 0::bigint,
    'no step overrun, no card, while a pause stops the clock');
SELECT is((SELECT (steps, late_steps)::text FROM delay_hotspots(9752, '2025-09-01', '2025-12-01') WHERE person_id = 8755 AND step_id = 7622),
    '(4,3)', 'delay_hotspots leaves it out too: of Yu''s four handling steps, A-1, A-7 and A-9 are late, not A-11');
-- The cards issued stay the record: A-12 reached its reminder (09-26),
-- supervise() issued it, then a pause began on 09-27: the kept clock is
-- paused, the reminder card still counts.
INSERT INTO application (application_id, item_id, ref, received_at, accepted_at) VALUES (7712, 7631, 'A-12', '2025-09-01 09:00+08', '2025-09-01 10:00+08');
SELECT count(*) FROM supervise(9752, '2025-09-26 12:00+08', '2025-09-26');
INSERT INTO application_pause (application_id, kind, during) VALUES (7712, 'hearing', '[2025-09-27 09:00+08,)');
SELECT results_eq($$SELECT kind::text, raised_on, detail FROM supervision_signals('[2025-09-01,2025-10-01)') WHERE application_id = 7712$$,
    $$VALUES ('reminder', '2025-09-26'::date, 'card issued on 2025-09-26')$$, 'the reminder card issued before the pause still counts');
-- A red card comes with its incident; cards are not deleted with their application.
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.supervision_card (application_id, kind, raised_on) VALUES (7709, 'red', '2025-12-01')$$),
    '23514: a red card of application 7709 needs the incident supervise() opens for it', 'a red card without its incident: 23514');
SELECT is(left(pg_temp.error_of($$DELETE FROM responsibility.application WHERE application_id = 7701$$), 6), '23503:',
    'an application with cards is not deleted: 23503');
-- A tenant's score rule keeps the default's kind.
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.supervision_score_rule (tenant_id, code, kind, item, points, label_en, label_zh) VALUES (1, 'red', 'item', 'lawful_time', 0, 'x', 'x')$$),
    '22023: score rule red is a deduction, not a item', 'a tenant cannot turn a deduction into an item: 22023');

-- 16. Labels and comments.
SELECT is((SELECT count(*) FROM label WHERE domain IN ('supervision_status', 'supervision_signal', 'pause_kind', 'approval_kind', 'application_outcome', 'finding_severity')), 27::bigint,
    'every status, signal and kind has its English and Chinese label');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'responsibility' AND p.proname IN ('application_status', 'supervision_signals', 'supervise', 'supervision_monitor',
                  'overdue_applications', 'delay_hotspots', 'supervision_scores', 'finding_incident', 'audit_findings', 'circulate_criticism',
                  'announcements', 'decide_application') AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint,
    'every function of the supervision has its comment');
SELECT is((SELECT sum(points) FROM supervision_score_rule WHERE kind = 'item' AND tenant_id IS NULL), 100.00, 'the score''s items make 100 points');

SELECT * FROM finish();
ROLLBACK;
