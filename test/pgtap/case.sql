-- Cases and sanctions (A4; rules.md §3-§4): a case's whole life cycle and
-- every kind of illegal transition; recusal; the subject's windows and the
-- decision limit; the frozen trace; the guards; the sanction bands,
-- periods, combination and the 48-month cap; appeals never heavier;
-- sanctions in force and lifted; tenants.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(98);

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

-- The same, but the statement is always undone: 'P0001: lawful' when it
-- succeeded.
CREATE FUNCTION pg_temp.try_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE q;
    RAISE EXCEPTION 'lawful';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ': ' || msg;
END
$f$;

-- The city (9851) under mayor Ma (8951, post 8851); its work-safety bureau
-- (9852): director Dong (8953, 8853) → section chief Ke (8954, 8854) →
-- inspector Yu (8955, 8855), who owns the duty "inspect mines" (9951).
-- Lin (8956, 8856) works in the bureau's other section; Qi (8960, 8860) is
-- the city's discipline inspector.
INSERT INTO unit (unit_id, parent_id, name, valid) VALUES
    (9851, NULL, 'City', '[2020-01-01,)'), (9852, 9851, 'Work-safety bureau', '[2020-01-01,)'),
    (9853, 9851, 'Discipline inspection', '[2020-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (8851, 9851, 'Mayor', 'head', NULL, '[2020-01-01,)'),
    (8853, 9852, 'Director', 'head', 8851, '[2020-01-01,)'),
    (8854, 9852, 'Section chief', 'chief', 8853, '[2020-01-01,)'),
    (8855, 9852, 'Inspector', 'staff', 8854, '[2020-01-01,)'),
    (8856, 9852, 'Clerk', 'staff', 8853, '[2020-01-01,)'),
    (8860, 9853, 'Discipline inspector', 'head', 8851, '[2020-01-01,)');
INSERT INTO person (person_id, name) VALUES
    (8951, 'Ma'), (8953, 'Dong'), (8954, 'Ke'), (8955, 'Yu'), (8956, 'Lin'), (8957, 'Hu'), (8960, 'Qi');
INSERT INTO assignment (position_id, person_id, during) VALUES
    (8851, 8951, '[2020-01-01,)'), (8853, 8953, '[2020-01-01,)'), (8854, 8954, '[2020-01-01,2025-01-01)'),
    (8855, 8955, '[2020-01-01,)'), (8856, 8956, '[2020-01-01,)'), (8860, 8960, '[2020-01-01,)');
INSERT INTO duty (duty_id, unit_id, title, consequence, valid) VALUES (9951, 9852, 'Inspect mines', 'demerit', '[2020-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES (9951, 8855, 'primary', '[2020-01-01,)');
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, category, severity) VALUES
    (7101, '2024-03-01', 9852, 'Mine not inspected', 9951, 'other', 'serious'),
    (7102, '2024-08-01', 9852, 'Mine not inspected again', 9951, 'other', 'serious'),
    (7103, '2024-09-01', 9852, 'Third failure', 9951, 'other', 'especially_serious'),
    (7104, '2024-01-05', 9852, 'Slow case', 9951, 'other', 'general');

-- 1. Opening: against a person the trace holds responsible, by someone
-- who need not recuse themselves.
SELECT is(open_case(7101, 8955, 8960, '2024-03-10'), currval('case_id_seq'), 'a case against the inspector, opened by the discipline inspector');
SELECT currval('case_id_seq') AS c1 \gset
SELECT results_eq($$SELECT state::text, subject_kind::text, persons(subject_chain)::text FROM accountability_case WHERE case_id = $$ || :c1,
                  $$VALUES ('opened', 'direct', '{8955,8954,8953,8951}')$$,
                  'opened, with the kind the trace gave the subject and their chain at the incident''s moment');
SELECT is((SELECT count(*) FROM case_trace WHERE case_id = :c1), (SELECT count(*) FROM backtrace(7101::bigint)),
          'the whole trace is frozen with the case');
SELECT is(pg_temp.error_of($$SELECT responsibility.open_case(7101, 8956, 8960, '2024-03-10')$$),
          '22023: person 8956 does not answer for incident 7101', 'a person outside the trace: 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.open_case(7101, 8955, 8954, '2024-03-10')$$),
          '42501: person 8954 must recuse themselves from a case against person 8955', 'opened by a person in the trace: 42501');
SELECT is(pg_temp.error_of($$SELECT responsibility.open_case(7101, 8955, 8951, '2024-03-10')$$),
          '42501: person 8951 must recuse themselves from a case against person 8955', 'opened by a superior on the chain: 42501');
SELECT is(pg_temp.error_of($$SELECT responsibility.open_case(7101, 8955, 8960, '2024-02-01')$$),
          '22023: case opened before its incident', 'opened before the incident: 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.open_case(7101, 8955, 8960, now() + interval '1 day')$$),
          '22008: case opened in the future', 'opened in the future: 22008');
SELECT is(pg_temp.error_of($$SELECT responsibility.open_case(7999, 8955, 8960, '2024-03-10')$$),
          '42704: incident 7999 does not exist', 'an unknown incident: 42704');

-- 2. Due process, in order and by the right people.
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'decided', 8960, 'skip', '2024-03-11')$$, :c1)),
          format('55000: case %s cannot go from opened to decided', :c1), 'deciding before the person is told: 55000');
SELECT is(case_advance(:c1, 'notified', 8960, 'facts served on the inspector', '2024-03-12'), 'notified'::case_state, 'told the facts');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'statement', 8960, 'waived', '2024-03-13')$$, :c1)),
          format('42501: only the subject of case %s may make this transition (statement)', :c1), 'a statement by someone else: 42501');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'statement', 8955, 'my defence', '2024-03-11')$$, :c1)),
          format('22008: transition of case %s before its last one', :c1), 'dated before the last transition: 22008');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'statement', 8955, '  ', '2024-03-14')$$, :c1)),
          format('22023: a transition of case %s needs a reason', :c1), 'no reason: 22023');
SELECT is(case_advance(:c1, 'statement', 8955, 'the mine was closed that week', '2024-03-14'), 'statement'::case_state, 'the subject states their case');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'decided', 8954, 'collective decision', '2024-04-15')$$, :c1)),
          format('42501: person 8954 must recuse themselves from case %s', :c1), 'decided by the section chief in the trace: 42501');
SELECT is(case_advance(:c1, 'decided', 8960, 'collective decision of the discipline committee', '2024-04-15'), 'decided'::case_state,
          'decided collectively');

-- 3. The sanction: in the band, for its period.
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'warning')$$, :c1)),
          '22023: the band does not allow warning (警告) for direct responsibility in a serious incident', 'below the band: 22023');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'expulsion')$$, :c1)),
          '22023: the band does not allow expulsion (开除) for direct responsibility in a serious incident', 'above the band: 22023');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'major_demerit', 24)$$, :c1)),
          '22023: a period of 24 months is not allowed for major demerit (记大过) for 1 offence(s)', 'a period the law does not give: 22023');
SELECT ok(decide_sanction(:c1, 'major_demerit') IS NOT NULL, 'a major demerit, in the band');
SELECT results_eq(format($$SELECT kind, months, starts_at, ends_at FROM responsibility.sanction WHERE case_id = %s$$, :c1),
                  $$VALUES ('major_demerit', 18, '2024-04-15'::timestamptz, '2025-10-15'::timestamptz)$$,
                  '18 months from the decision');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'demotion')$$, :c1)),
          format('55000: case %s has its sanction already', :c1), 'a second sanction in one case: 55000');
SELECT is(case_advance(:c1, 'served', 8960, 'decision served in writing', '2024-04-20'), 'served'::case_state, 'served in writing');

-- 4. The subject's windows; an appeal never heavier, and not suspending.
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'reexamination_requested', 8955, 'please', '2024-05-25')$$, :c1)),
          format('55000: case %s: the time limit for reexamination_requested passed at 2024-05-20 00:00:00+00', :c1),
          're-examination asked after 30 days: 55000');
SELECT is(case_advance(:c1, 'reexamination_requested', 8955, 'the mine was closed', '2024-05-15'), 'reexamination_requested'::case_state,
          're-examination asked within 30 days');
SELECT is((SELECT count(*) FROM sanctions_in_force(8955, '2024-05-16')), 1::bigint, 'the appeal does not suspend the sanction');
SELECT is(case_advance(:c1, 'reexamined', 8960, 'partly upheld', '2024-06-01'), 'reexamined'::case_state, 're-examined');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'demotion')$$, :c1)),
          '22023: an appeal never brings a heavier sanction', 'heavier on re-examination: 22023');
SELECT ok(decide_sanction(:c1, 'demerit', reduced => true) IS NOT NULL, 'lighter on re-examination: a demerit, one rank below the band (减轻)');
SELECT results_eq(format($$SELECT kind, starts_at, ends_at FROM responsibility.sanctions_in_force(8955, '2024-06-02') WHERE case_id = %s$$, :c1),
                  $$VALUES ('demerit', '2024-04-15'::timestamptz, '2025-04-15'::timestamptz)$$,
                  'the demerit replaces the major demerit, from the same start');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'appealed', 8955, 'still unfair', '2024-06-20')$$, :c1)),
          format('55000: case %s: the time limit for appealed passed at 2024-06-16 00:00:00+00', :c1),
          'appeal after 15 days from the re-examination: 55000');
SELECT is(case_advance(:c1, 'appealed', 8955, 'still unfair', '2024-06-10'), 'appealed'::case_state, 'appealed within 15 days');
SELECT is(case_advance(:c1, 'appeal_decided', 8960, 'upheld', '2024-07-01'), 'appeal_decided'::case_state, 'appeal decided');
SELECT is(case_advance(:c1, 'closed', 8960, 'closed', '2024-07-02'), 'closed'::case_state, 'closed');
SELECT is((SELECT string_agg(coalesce(from_state::text, '-') || '>' || to_state || ' by ' || actor_person_id, ', ' ORDER BY seq)
             FROM case_event WHERE case_id = :c1),
          '->opened by 8960, opened>notified by 8960, notified>statement by 8955, statement>decided by 8960, decided>served by 8960, served>reexamination_requested by 8955, reexamination_requested>reexamined by 8960, reexamined>appealed by 8955, appealed>appeal_decided by 8960, appeal_decided>closed by 8960',
          'every transition recorded, with who');

-- 5. The record is kept as it was made.
UPDATE assignment SET during = '[2020-01-01,2024-06-01)' WHERE position_id = 8854;
INSERT INTO assignment (position_id, person_id, during) VALUES (8854, 8957, '[2024-06-01,)');
SELECT is((SELECT count(*) FROM case_trace WHERE case_id = :c1 AND person_id = 8954), 1::bigint,
          'after a change of section chief, the frozen trace still names the chief of the incident''s moment');
SELECT is(pg_temp.error_of(format($$UPDATE responsibility.accountability_case SET state = 'opened' WHERE case_id = %s$$, :c1)),
          '55000: UPDATE of accountability_case refused: cases change only through their transitions', 'a direct update of a case: 55000');
SELECT is(pg_temp.error_of(format($$DELETE FROM responsibility.case_event WHERE case_id = %s$$, :c1)),
          '55000: DELETE of case_event refused: cases change only through their transitions', 'deleting its events: 55000');
SELECT is(pg_temp.error_of(format($$INSERT INTO responsibility.case_trace (case_id, ord, level, rule, reason, reason_zh) VALUES (%s, 99, 1, 'x', 'x', 'x')$$, :c1)),
          '55000: INSERT of case_trace refused: cases change only through their transitions', 'adding to its trace: 55000');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'notified', 8960, 'again', '2024-07-03')$$, :c1)),
          format('55000: case %s cannot go from closed to notified', :c1), 'a closed case stays closed: 55000');

-- The frozen trace as a diagram: the chain from the failure up, the
-- subject marked, the section chief of the incident's moment named.
SELECT alike(case_diagram(:c1), E'graph BT\n  c1["Inspector<br/>Yu<br/>% direct (duty_owner)"]:::subject\n%',
            'Mermaid: the failure first, its owner the subject, with kind and rule');
SELECT alike(case_diagram(:c1, 'dot'), E'%c2 [label="Section chief\\\\nKe\\\\n% important_leadership (superior)"];%c1 -> c2;%',
            'DOT: the section chief of the incident''s moment, and the climb');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_diagram(%s, 'svg')$$, :c1)),
          '22023: unknown diagram format "svg"', 'an unknown format: 22023');

-- 6. The decision limit: 6 months, extended once to 12.
SELECT open_case(7104, 8955, 8960, '2024-01-10') AS c4 \gset
SELECT case_advance(:c4, 'notified', 8960, 'told', '2024-01-11') AS ignored \gset
SELECT case_advance(:c4, 'statement', 8955, 'defence', '2024-01-12') AS ignored \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'decided', 8960, 'late', '2024-08-01')$$, :c4)),
          format('55000: case %s: the time limit for decided passed at 2024-07-11 00:00:00+00', :c4), 'decided after 6 months: 55000');
SELECT is(case_extend(:c4, 8960, 'complex facts', '2024-07-01'), '2025-01-09 00:00:00+00'::timestamptz, 'extended to 12 months');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_extend(%s, 8960, 'again', '2024-07-02')$$, :c4)),
          format('55000: case %s cannot extend its decision limit now', :c4), 'a second extension: 55000');
SELECT is((SELECT status FROM case_deadlines(:c4, '2024-12-30')), 'warning', 'the limit draws near: a warning');
SELECT is(case_advance(:c4, 'decided', 8960, 'decided in time', '2024-08-01'), 'decided'::case_state, 'decided within the extended limit');

-- 7. Combination: a new sanction during a period carries its remainder;
-- never over 48 months; several offences of one kind.
SELECT ok(decide_sanction(:c4, 'demerit', offences => 2, months => 18, starts_at => '2024-08-01') IS NOT NULL,
          'two offences of one kind: 18 months, between one period and their sum');
SELECT results_eq(format($$SELECT months, carried_from IS NOT NULL, ends_at FROM responsibility.sanction WHERE case_id = %s$$, :c4),
                  $$VALUES (18, true, '2026-10-15'::timestamptz)$$,
                  'decided during the demerit of the first case (to 2025-04-15): its end plus 18 calendar months');
SELECT is((SELECT string_agg(kind || ':' || case_id, ',') FROM sanctions_in_force(8955, '2024-09-01')), 'demerit:' || :c4,
          'the earlier one is carried by the new one, which alone is in force');
SELECT open_case(7103, 8955, 8960, '2024-09-05') AS c3 \gset
SELECT case_advance(:c3, 'notified', 8960, 'told', '2024-09-06') AS ignored \gset
SELECT case_advance(:c3, 'statement', 8955, 'defence', '2024-09-07') AS ignored \gset
SELECT case_advance(:c3, 'decided', 8960, 'decided', '2024-09-08') AS ignored \gset
SELECT ok(decide_sanction(:c3, 'removal') IS NOT NULL, 'removal carrying two years of remainder: recorded, not refused');
SELECT results_eq(format($$SELECT capped, ends_at, in_force::text FROM responsibility.sanction WHERE case_id = %s$$, :c3),
                  $$VALUES (true, '2028-09-08 00:00:00+00'::timestamptz, '4 years')$$,
                  'the combined period is capped at 48 months from its start (处分条例 art. 10)');
SELECT case_advance(:c3, 'served', 8960, 'served', '2024-09-09') AS ignored \gset
SELECT case_advance(:c3, 'reexamination_requested', 8955, 'too heavy', '2024-09-10') AS ignored \gset
SELECT case_advance(:c3, 'reexamined', 8960, 'upheld', '2024-09-11') AS ignored \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'expulsion')$$, :c3)),
          '22023: an appeal never brings a heavier sanction', 're-examined: not heavier');
SELECT open_case(7103, 8955, 8960, '2024-09-12') AS c7 \gset
SELECT case_advance(:c7, 'notified', 8960, 'told', '2024-09-13') AS ignored \gset
SELECT case_advance(:c7, 'statement', 8955, 'defence', '2024-09-14') AS ignored \gset
SELECT case_advance(:c7, 'decided', 8960, 'decided', '2024-09-15') AS ignored \gset
SELECT ok(decide_sanction(:c7, 'expulsion') IS NOT NULL, 'expulsion ends the employment');
SELECT is((SELECT upper(during) FROM assignment WHERE person_id = 8955 AND position_id = 8855), '2024-09-15 00:00:00+00'::timestamptz,
          'the expelled inspector''s tenure ends at the expulsion''s start');
SELECT is((SELECT person_id FROM links(command_chain(8855, '2024-10-01')) WHERE depth = 1), NULL::bigint,
          'after it the chain of his post shows it vacant');
SELECT is((SELECT person_id FROM links(command_chain(8855, '2024-09-14')) WHERE depth = 1), 8955::bigint,
          'before it, him');
SELECT results_eq($$SELECT kind, ends_at, ends_employment, governs FROM sanctions_in_force(8955, '2030-01-01') WHERE kind = 'expulsion'$$,
                  $$VALUES ('expulsion', NULL::timestamptz, true, true)$$, 'expulsion is in force without end, and governs');
SELECT is((SELECT count(*) FROM sanctions_in_force(8955, '2024-04-14')), 0::bigint, 'nothing in force before the first decision');

-- Every transition but the lawful ones is refused: from a new case and
-- from a closed one, each state tried in turn.
SELECT open_case(7101, 8955, 8960, '2024-03-21') AS c6 \gset
SELECT is((SELECT string_agg(s::text, ',' ORDER BY s)
             FROM unnest(enum_range(NULL::case_state)) s
            WHERE pg_temp.try_of(format($$SELECT responsibility.case_advance(%s, %L, 8960, 'try', '2024-03-22')$$, :c6, s))
                  NOT LIKE '55000: case % cannot go from opened to %'
              AND pg_temp.try_of(format($$SELECT responsibility.case_advance(%s, %L, 8955, 'try', '2024-03-22')$$, :c6, s))
                  NOT LIKE '55000: case % cannot go from opened to %'),
          'notified,dropped', 'from opened only notified and dropped are lawful (each other state: 55000)');
SELECT is((SELECT count(*) FROM unnest(enum_range(NULL::case_state)) s
            WHERE pg_temp.try_of(format($$SELECT responsibility.case_advance(%s, %L, 8960, 'try', '2024-07-05')$$, :c1, s))
                  NOT LIKE '55000: case % cannot go from closed to %'), 0::bigint,
          'from closed nothing is lawful');
-- (pg_temp.try_of undid each lawful try: the case is still opened)
SELECT is((SELECT state FROM accountability_case WHERE case_id = :c6), 'opened'::case_state, 'the tries left the case as it was');

-- A hearing where requested; an administrative review within 60 days.
SELECT case_advance(:c6, 'notified', 8960, 'told', '2024-03-22') AS ignored \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'heard', 8960, 'heard', '2024-03-23')$$, :c6)),
          format('55000: case %s cannot go from notified to heard', :c6), 'no hearing unless requested: 55000');
SELECT is(case_advance(:c6, 'hearing_requested', 8955, 'I ask for a hearing', '2024-03-23'), 'hearing_requested'::case_state,
          'the subject asks for a hearing');
SELECT is(case_advance(:c6, 'heard', 8960, 'hearing held', '2024-04-10'), 'heard'::case_state, 'the hearing is held');
SELECT case_advance(:c6, 'decided', 8960, 'decided', '2024-04-20') AS ignored \gset
SELECT case_advance(:c6, 'served', 8960, 'served', '2024-04-22') AS ignored \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'review_requested', 8955, 'review', '2024-06-22')$$, :c6)),
          format('55000: case %s: the time limit for review_requested passed at 2024-06-21 00:00:00+00', :c6),
          'administrative review asked after 60 days: 55000');
SELECT is(case_advance(:c6, 'review_requested', 8955, 'review', '2024-06-20'), 'review_requested'::case_state,
          'administrative review asked within 60 days');
SELECT is((SELECT limit_code || ' ' || status FROM case_deadlines(:c6, '2024-08-15')), 'review_decision warning',
          'the review must be decided within 60 days: a warning 15 days before');

-- 8. A false accusation, once its case is dropped, is an incident of its
-- own: the accuser answers for it.
SELECT open_case(7101, 8955, 8960, '2024-03-20') AS c5 \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.establish_false_accusation(%s, 8956, 8856)$$, :c5)),
          format('55000: case %s is opened: a false accusation is established when its case has ended', :c5),
          'while the case runs: 55000');
SELECT case_advance(:c5, 'dropped', 8960, 'the accusation was false', '2024-03-25') AS ignored \gset
SELECT establish_false_accusation(:c5, 8956, 8856) AS i5 \gset
SELECT is((SELECT string_agg(person_id || ':' || kind || ':' || rule, ' ' ORDER BY level, person_id) FROM backtrace(:i5::bigint)),
          '8956:direct:false_accusation 8953:main_leadership:unit_head', 'the accuser direct, then the head of their unit');

-- 9. Tenants: another tenant neither sees nor moves the case.
INSERT INTO tenant (tenant_id, code, name) VALUES (9005, 'case_other', 'Another tenant');
SET LOCAL responsibility.tenant = 'case_other';
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'closed', 8960, 'x', '2024-07-03')$$, :c1)),
          format('42704: case %s does not exist', :c1), 'another tenant''s case: 42704');
SELECT is((SELECT count(*) FROM sanctions_in_force(8955, '2024-09-01')), 0::bigint, 'nor its sanctions');

-- A writer's own trigger gains nothing: the case triggers write as the
-- extension's owner, and writers hold no right to update a case.
SET LOCAL responsibility.tenant = '';
CREATE ROLE tap_case_writer LOGIN IN ROLE responsibility_writer;
SET LOCAL ROLE tap_case_writer;
CREATE TEMP TABLE poke (x int);
CREATE FUNCTION pg_temp.poke() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    UPDATE responsibility.accountability_case SET state = 'closed' WHERE case_id = (SELECT max(case_id) FROM responsibility.accountability_case);
    RETURN NEW;
END
$f$;
CREATE TRIGGER poke BEFORE INSERT ON poke FOR EACH ROW EXECUTE FUNCTION pg_temp.poke();
SELECT is(pg_temp.error_of('INSERT INTO poke VALUES (1)'), '42501: permission denied for table accountability_case',
          'a writer''s own trigger cannot move a case (42501)');
SELECT is(pg_temp.error_of('INSERT INTO case_trace (case_id, ord, level, rule, reason, reason_zh) VALUES (1, 99, 0, ''x'', ''x'', ''x'')'),
          '42501: permission denied for table case_trace', 'nor add to a frozen trace (42501)');
SELECT alike(pg_temp.error_of(format($$INSERT INTO case_event (case_id, seq, to_state, at, actor_person_id, reason)
                                      SELECT case_id, 1, 'opened', opened_at, opened_by, 'again' FROM accountability_case WHERE case_id = %s$$, :c1)),
             '22008: transition of case % before its last one', 'nor open a case a second time: it is a transition like any other, here refused (22008)');
RESET ROLE;


-- 10. Periods in calendar months of the tenant's calendar time zone
-- (Asia/Shanghai for cn).  The clerk Lin (8956) owns the duty 9952: a
-- warning from 2023-08-31 ends on 2024-02-29; a demerit decided on
-- 2023-12-31, during it, ends at that end plus 12 months: 2025-02-28.
INSERT INTO duty (duty_id, unit_id, title, consequence, valid) VALUES (9952, 9852, 'File the reports', 'warning', '[2020-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES (9952, 8856, 'primary', '[2020-01-01,)');
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, category, severity) VALUES
    (7105, '2023-08-20', 9852, 'Reports not filed', 9952, 'other', 'general'),
    (7106, '2023-12-20', 9852, 'Reports not filed again', 9952, 'other', 'general'),
    (7107, '2023-01-10', 9852, 'Mine not inspected in winter', 9951, 'other', 'general'),
    (7108, '2024-01-05', 9852, 'Reports lost', 9952, 'other', 'general');
SELECT open_case(7105, 8956, 8960, '2023-08-25') AS ca \gset
SELECT case_advance(:ca, 'notified', 8960, 'told', '2023-08-26') AS ignored \gset
SELECT case_advance(:ca, 'statement', 8956, 'defence', '2023-08-27') AS ignored \gset
SELECT case_advance(:ca, 'decided', 8960, 'decided', '2023-08-31') AS ignored \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'warning', starts_at => '2023-08-30')$$, :ca)),
          format('22023: sanction of case %s would start before its decision', :ca), 'a sanction never starts before its decision (22023)');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'warning', starts_at => '2023-08-01')$$, :ca)),
          format('22023: sanction of case %s would start before its incident', :ca), 'nor before its incident (22023)');
SELECT ok(decide_sanction(:ca, 'warning') IS NOT NULL, 'a warning from 2023-08-31');
SELECT results_eq(format($$SELECT ends_at, in_force::text FROM responsibility.sanction WHERE case_id = %s$$, :ca),
                  $$VALUES ('2024-02-29 00:00:00+00'::timestamptz, '6 mons')$$, 'six calendar months: to 2024-02-29');
SELECT open_case(7106, 8956, 8960, '2023-12-22') AS cb \gset
SELECT case_advance(:cb, 'notified', 8960, 'told', '2023-12-23') AS ignored \gset
SELECT case_advance(:cb, 'statement', 8956, 'defence', '2023-12-24') AS ignored \gset
SELECT case_advance(:cb, 'decided', 8960, 'decided', '2023-12-31') AS ignored \gset
SELECT ok(decide_sanction(:cb, 'demerit') IS NOT NULL, 'a demerit during the warning');
SELECT results_eq(format($$SELECT ends_at, carried_from IS NOT NULL, in_force::text FROM responsibility.sanction WHERE case_id = %s$$, :cb),
                  $$VALUES ('2025-02-28 00:00:00+00'::timestamptz, true, '1 year 1 mon 29 days')$$,
                  'the remainder plus the new period: the warning''s end plus 12 months, 2025-02-28');

-- The same day whatever the session's TimeZone: a warning from
-- 2023-01-15 00:00 in Shanghai ends on 2023-07-15 00:00 there, even from
-- a session in New York (whose clocks change in between).
SELECT open_case(7107, 8954, 8960, '2023-01-12') AS cd \gset
SELECT case_advance(:cd, 'notified', 8960, 'told', '2023-01-13') AS ignored \gset
SELECT case_advance(:cd, 'statement', 8954, 'defence', '2023-01-13 12:00') AS ignored \gset
SELECT case_advance(:cd, 'decided', 8960, 'decided', '2023-01-15 00:00+08') AS ignored \gset
SET LOCAL TimeZone = 'America/New_York';
SELECT ok(decide_sanction(:cd, 'warning') IS NOT NULL, 'a warning decided from a session in New York');
SET LOCAL TimeZone = 'UTC';
SELECT is((SELECT ends_at FROM sanction WHERE case_id = :cd), '2023-07-15 00:00+08'::timestamptz,
          'it ends on 2023-07-15 in the tenant''s calendar time zone');

-- 48 months: exactly 48 are allowed, more refused; a combined period past
-- 48 is cut there, so that a sanction can always be recorded.
SELECT open_case(7108, 8956, 8960, '2024-01-06') AS ce \gset
SELECT case_advance(:ce, 'notified', 8960, 'told', '2024-01-07') AS ignored \gset
SELECT case_advance(:ce, 'statement', 8956, 'defence', '2024-01-08') AS ignored \gset
SELECT case_advance(:ce, 'decided', 8960, 'decided', '2024-01-10') AS ignored \gset
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'demerit', months => 49, offences => 5)$$, :ce)),
          '22003: a sanction period of 49 months is over 48 months', 'a period of 49 months: 22003');
SELECT ok(decide_sanction(:ce, 'demerit', months => 48, offences => 4) IS NOT NULL, 'a period of exactly 48 months is allowed');
SELECT results_eq(format($$SELECT capped, ends_at FROM responsibility.sanction WHERE case_id = %s$$, :ce),
                  $$VALUES (true, '2028-01-10 00:00:00+00'::timestamptz)$$,
                  'with the remainder of the demerit it passes 48: cut at 48 months from its start');

-- 11. A case does not close while the subject's windows are open, unless
-- they waived them in writing.
SELECT case_advance(:ca, 'served', 8960, 'served', '2023-09-01') AS ignored \gset
SELECT alike(pg_temp.error_of(format($$SELECT responsibility.case_advance(%s, 'closed', 8960, 'done', '2023-09-02')$$, :ca)),
             format('55000: case %s cannot close while the subject''s windows are open', :ca),
             'closing the day after service: 55000');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.case_waive(%s, 8960, 'for him', '2023-09-02')$$, :ca)),
          format('42501: only the subject of case %s may waive their windows', :ca), 'a waiver by someone else: 42501');
SELECT is(case_waive(:ca, 8956, 'I accept the warning and waive review', '2023-09-02'), 'served'::case_state, 'the subject''s written waiver');
SELECT is(case_advance(:ca, 'closed', 8960, 'closed after the waiver', '2023-09-03'), 'closed'::case_state, 'then the case closes');
SELECT is(case_advance(:cb, 'served', 8960, 'served', '2024-01-02'), 'served'::case_state, 'served');
SELECT is(case_advance(:cb, 'closed', 8960, 'closed after the windows', '2024-03-05'), 'closed'::case_state,
          'after the 60 days of the last window, it closes without a waiver');

-- 12. recorded_by is the role that made the call, for every event, whatever
-- the statement says.
INSERT INTO case_event (case_id, seq, to_state, at, actor_person_id, reason, recorded_by)
VALUES (:ce, 0, 'served', '2024-01-11', 8960, 'served', 'mallory');
SELECT is((SELECT string_agg(DISTINCT recorded_by::text, ',') FROM case_event WHERE case_id IN (:ca, :cb, :ce)), session_user::text,
          'every event of these cases, the opening included, recorded by the session user');
SELECT is(pg_temp.error_of(format($$SELECT responsibility.decide_sanction(%s, 'warning')$$, 7999)),
          '42704: case 7999 does not exist', 'deciding in an unknown case: 42704');
SELECT is(pg_temp.error_of($$SELECT responsibility.case_extend(7999, 8960, 'x', '2024-01-01')$$),
          '42704: case 7999 does not exist', 'extending an unknown case: 42704');
SELECT is(pg_temp.error_of($$SELECT * FROM responsibility.case_deadlines(7999)$$),
          '42704: case 7999 does not exist', 'the deadlines of an unknown case: 42704');

SELECT * FROM finish();
ROLLBACK;
