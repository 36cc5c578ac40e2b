-- The back-trace (A1-A3; rules.md §2): each rule with the people and kinds
-- it must produce; the reach by severity and category, through the leader
-- in charge of the failed duty's domain; vacant posts passing the
-- responsibility up, acting holders; the answer of the incident's own
-- moment after later changes; the batch form; a tenant's own rules; tenant
-- isolation; bad input.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(55);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL responsibility.tenant = '';

-- Who answers, as "person:kind" (a post nobody answered for as
-- "post N:rule"), in the order of the trace.
CREATE FUNCTION pg_temp.who(i bigint) RETURNS text LANGUAGE sql AS $f$
    SELECT string_agg(CASE WHEN person_id IS NULL THEN 'post ' || coalesce(position_id::text, '-') || ':' || rule
                           ELSE person_id || ':' || coalesce(kind::text, 'none') END, ' ' ORDER BY ord)
      FROM responsibility.backtrace(i) WITH ORDINALITY AS t(incident_id, level, person_id, position_id, kind,
                                                            kind_zh, rule, reason, reason_zh, chain, tenure, rules, ord)
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

-- The city (9801) under mayor Ma (8901, post 8801); vice mayor Wei (8902,
-- 8802) in charge of the safety bureau (9802), vice mayor Fang (8908, 8808)
-- in charge of the domain work_safety.  In the bureau: director Dong (8903,
-- 8803) → section chief Ke (8904, 8804) → inspector Yu (8905, 8805) until
-- 2010-06-01, the post vacant until Xu (8906) takes it on 2010-07-01; the
-- director's post vacant in 2012, Dong back from 2013 and away in
-- February 2013 with An (8909) acting.  Jian (8907, 8807) of the market
-- regulator (9803) supervises the duty "inspect mines" (9901, domain
-- work_safety), which the inspector's post owns.
INSERT INTO unit (unit_id, parent_id, name, valid) VALUES
    (9801, NULL, 'City', '[2005-01-01,)'),
    (9802, 9801, 'Safety bureau', '[2005-01-01,)'),
    (9803, 9801, 'Market regulator', '[2005-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (8801, 9801, 'Mayor', 'head', NULL, '[2005-01-01,)'),
    (8802, 9801, 'Vice mayor for the bureaus', 'deputy', 8801, '[2005-01-01,)'),
    (8808, 9801, 'Vice mayor for safety', 'deputy', 8801, '[2005-01-01,)'),
    (8803, 9802, 'Director', 'head', 8801, '[2005-01-01,)'),
    (8804, 9802, 'Section chief', 'chief', 8803, '[2005-01-01,)'),
    (8805, 9802, 'Inspector', 'staff', 8804, '[2005-01-01,)'),
    (8807, 9803, 'Market inspector', 'staff', NULL, '[2005-01-01,)');
INSERT INTO person (person_id, name) VALUES
    (8901, 'Ma'), (8902, 'Wei'), (8903, 'Dong'), (8904, 'Ke'), (8905, 'Yu'), (8906, 'Xu'),
    (8907, 'Jian'), (8908, 'Fang'), (8909, 'An');
INSERT INTO assignment (position_id, person_id, during) VALUES
    (8801, 8901, '[2005-01-01,)'), (8802, 8902, '[2005-01-01,)'), (8808, 8908, '[2005-01-01,)'),
    (8803, 8903, '[2005-01-01,2012-01-01)'), (8803, 8903, '[2013-01-01,)'),
    (8804, 8904, '[2005-01-01,)'),
    (8805, 8905, '[2005-01-01,2010-06-01)'), (8805, 8906, '[2010-07-01,)'),
    (8807, 8907, '[2005-01-01,)');
INSERT INTO absence (assignment_id, kind, during, acting_person_id)
SELECT assignment_id, 'leave', '[2013-02-01,2013-03-01)', 8909 FROM assignment
 WHERE position_id = 8803 AND lower(during) = '2013-01-01';
INSERT INTO charge (position_id, unit_id, domain, during) VALUES
    (8802, 9802, NULL, '[2005-01-01,)'), (8808, NULL, 'work_safety', '[2005-01-01,)');
INSERT INTO duty (duty_id, unit_id, title, domain, consequence, valid) VALUES
    (9901, 9802, 'Inspect mines', 'work_safety', 'demerit', '[2005-01-01,)'),
    (9902, 9802, 'Keep the register', NULL, 'warning', '[2005-01-01,)');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES
    (9901, 8805, 'primary', '[2005-01-01,)'), (9901, 8807, 'supervisory', '[2005-01-01,)'),
    (9902, 8805, 'primary', '[2005-01-01,2009-01-01)');
INSERT INTO process (process_id, unit_id, title, domain, valid) VALUES (9951, 9802, 'Mine licence', NULL, '[2005-01-01,)');
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES
    (9961, 9951, 1, 'handle', 'handler', 5, false), (9962, 9951, 2, 'review', 'reviewer', 3, false),
    (9963, 9951, 3, 'approve', 'approver', 2, true);
INSERT INTO step_owner (step_id, position_id, during) VALUES
    (9961, 8805, '[2005-01-01,)'), (9962, 8804, '[2005-01-01,)'), (9963, 8803, '[2005-01-01,)');

-- 1. A failed duty, general, of an ordinary category: its owner direct, its
-- supervisor, the superiors up to the head of the unit.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, category, severity) VALUES
    (7001, '2008-03-01', 9802, 'Mine not inspected', 9901, 'other', 'general');
SELECT is(pg_temp.who(7001), '8905:direct 8907:supervisory 8904:important_leadership 8903:main_leadership',
          'general duty failure: owner direct, regulator supervisory, section chief important, director main; no further');
SELECT results_eq($$SELECT level, position_id, rule, tenure FROM backtrace(7001::bigint)$$,
                  $$VALUES (1, 8805::bigint, 'duty_owner', 'holder'), (1, 8807::bigint, 'supervisor', 'holder'),
                           (2, 8804::bigint, 'superior', 'holder'), (3, 8803::bigint, 'unit_head', 'holder')$$,
                  'levels, posts, rules and tenures of the general duty failure');
SELECT is((SELECT DISTINCT chain::text FROM backtrace(7001::bigint)),
          command_chain(8805, '2008-03-01', 'work_safety')::text,
          'the chain is the owner''s chain of command through the domain''s leader, at the incident''s moment');
SELECT is((SELECT reason FROM backtrace(7001::bigint) WHERE person_id = 8905),
          'answered for the failed duty as its primary owner', 'the reason in English');
SELECT is((SELECT reason_zh || '：' || kind_zh FROM backtrace(7001::bigint) WHERE person_id = 8903),
          '单位主要负责人主管：主要领导责任', 'the reason and the kind in Chinese');

-- 2. The same in a category always pursued severely: up to the leader in
-- charge of the domain (Fang), not the leader in charge of the bureau.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, category, severity) VALUES
    (7002, '2008-03-01', 9802, 'Mine accident', 9901, 'work_safety', 'general');
SELECT is(pg_temp.who(7002), '8905:direct 8907:supervisory 8904:important_leadership 8903:main_leadership 8908:important_leadership',
          'a severe category reaches the leadership: the leader in charge of the domain');
-- 3. Serious in a severe category, and especially serious: up to the head.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, category, severity) VALUES
    (7003, '2008-03-01', 9802, 'Mine disaster', 9901, 'work_safety', 'serious'),
    (7004, '2008-03-01', 9802, 'Register lost', 9902, 'other', 'especially_serious'),
    (7005, '2008-03-01', 9802, 'Register late', 9902, 'other', 'serious');
SELECT is(pg_temp.who(7003), '8905:direct 8907:supervisory 8904:important_leadership 8903:main_leadership 8908:important_leadership 8901:important_leadership',
          'serious and severe: up to the head');
SELECT is(pg_temp.who(7004), '8905:direct 8904:important_leadership 8903:main_leadership 8902:important_leadership 8901:important_leadership',
          'especially serious: up to the head, through the leader in charge of the unit (the duty has no domain)');
SELECT is(pg_temp.who(7005), '8905:direct 8904:important_leadership 8903:main_leadership 8902:important_leadership',
          'serious, ordinary category: up to the leader in charge');

-- 4. The recorded piece of work: handler, reviewer, approver.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, step_id, work_ref, reviewer_overruled, approver_overruled) VALUES
    (7010, '2008-05-01', 9802, 'Licence to an unsafe mine', 9963, 'application 2008-17', false, false),
    (7011, '2008-05-01', 9802, 'Licence, reviewer overruled', 9963, 'application 2008-18', true, false),
    (7012, '2008-05-01', 9802, 'Licence, approver overruled', 9963, 'application 2008-19', false, true);
INSERT INTO incident_actor (incident_id, role, person_id, position_id)
SELECT i, r, p, q FROM (VALUES (7010), (7011), (7012)) i(i),
       (VALUES ('handler'::work_role, 8905::bigint, 8805::bigint), ('reviewer', 8904, 8804), ('approver', 8903, 8803)) a(r, p, q);
SELECT is(pg_temp.who(7010), '8905:direct 8904:main_leadership 8903:important_leadership',
          'an error the reviewer and approver should have caught: handler direct, reviewer main, approver important');
SELECT is(pg_temp.who(7011), '8905:none 8904:direct 8903:main_leadership',
          'a reviewer who overruled a correct handler: reviewer direct, approver main, handler none');
SELECT is(pg_temp.who(7012), '8905:none 8904:none 8903:direct',
          'an approver who overruled: approver direct, the others none');
SELECT is((SELECT rule FROM backtrace(7011::bigint) WHERE person_id = 8905), 'handler_overruled',
          'the cleared handler is named with the rule that clears them');
-- Whoever instructed or interfered: direct.
INSERT INTO incident_actor (incident_id, role, person_id, position_id) VALUES (7010, 'instructor', 8902, 8802);
SELECT is((SELECT kind::text || '/' || rule FROM backtrace(7010::bigint) WHERE person_id = 8902), 'direct/instructed',
          'the vice mayor who interfered: direct');

-- 5. A collective decision with a major loss: decision-maker main, the wrong
-- view important, the right view none; the head main (seed §3.3).
INSERT INTO incident (incident_id, occurred_at, unit_id, title, is_decision, major_loss, loss) VALUES
    (7020, '2008-09-01', 9802, 'Reopened the mine', true, true, 5000000);
INSERT INTO incident_actor (incident_id, role, person_id, position_id, view) VALUES
    (7020, 'decision_maker', 8903, 8803, NULL), (7020, 'participant', 8904, 8804, 'wrong'),
    (7020, 'participant', 8905, 8805, 'right');
SELECT is(pg_temp.who(7020), '8903:main_leadership 8904:important_leadership 8905:none',
          'collective decision with major loss: decision-maker main, wrong view important, right view none; the reach is the severity''s');
SELECT is((SELECT rules::text FROM backtrace(7020::bigint) WHERE person_id = 8903), '{decision_maker,head_decision_major_loss}',
          'the head of the organ that decided (the decision-maker''s unit) bears main responsibility for the major loss as well');
UPDATE incident SET major_loss = false WHERE incident_id = 7020;
SELECT is(pg_temp.who(7020), '8903:main_leadership 8904:important_leadership 8905:none',
          'without the major loss, a general decision stops at the decision-maker''s unit');

-- 6. A higher organ that changed the act: its head important.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, changed_by_position_id) VALUES
    (7030, '2008-03-01', 9802, 'Inspection order changed', 9902, 8801);
SELECT is(pg_temp.who(7030), '8905:direct 8901:important_leadership 8904:important_leadership 8903:main_leadership',
          'the head of the higher organ that changed the act: important');

-- 7. A failed step with no recorded work: its owner then.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, step_id) VALUES
    (7040, '2008-03-01', 9802, 'Review missed', 9962);
SELECT is(pg_temp.who(7040), '8904:direct 8903:main_leadership', 'a failed step: its owner direct, then the head of the unit');
SELECT is((SELECT rule FROM backtrace(7040::bigint) WHERE person_id = 8904), 'step_owner', 'by the step_owner rule');

-- 8. Vacancies pass the responsibility up.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id) VALUES
    (7050, '2010-06-15', 9802, 'Inspection missed in the vacancy', 9901),
    (7051, '2012-03-01', 9802, 'Inspection missed, no director', 9901),
    (7052, '2010-03-01', 9802, 'Register not kept', 9902);
SELECT is(pg_temp.who(7050), 'post 8805:vacant 8904:main_leadership 8907:supervisory 8903:main_leadership',
          'the owner post vacant: reported, and its responsibility passes to the section chief above it (main), the trace going on');
SELECT is((SELECT rules::text FROM backtrace(7050::bigint) WHERE person_id = 8904), '{took_over_direct,superior}',
          'the section chief took over the vacant post''s direct responsibility, one kind lower, besides his own as superior');
SELECT is(pg_temp.who(7051), '8906:direct 8907:supervisory 8904:important_leadership post 8803:vacant 8908:important_leadership',
          'the director''s post vacant: the responsibility passes up to the leader in charge');
SELECT is(pg_temp.who(7052), 'post 8803:no_owner 8903:main_leadership',
          'a duty nobody owned: reported as no_owner, and the head of the unit answers');

-- 9. An acting holder answers for the acting time.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id) VALUES
    (7060, '2013-02-10', 9802, 'Inspection missed during leave', 9901),
    (7061, '2013-03-10', 9802, 'Inspection missed after leave', 9901);
SELECT is((SELECT person_id || '/' || tenure FROM backtrace(7060::bigint) WHERE position_id = 8803), '8909/acting',
          'during the director''s leave, the acting An answers for the post');
SELECT is((SELECT person_id || '/' || tenure FROM backtrace(7061::bigint) WHERE position_id = 8803), '8903/holder',
          'after it, the director again');

-- 10. The answer of the incident's own moment: later changes do not move it.
CREATE TEMP TABLE before AS SELECT * FROM backtrace(7001::bigint);
UPDATE assignment SET during = '[2005-01-01,2009-01-01)' WHERE position_id = 8804;
INSERT INTO person (person_id, name) VALUES (8910, 'Lu');
INSERT INTO assignment (position_id, person_id, during) VALUES (8804, 8910, '[2009-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (8811, 9802, 'Deputy director', 'deputy', 8803, '[2009-01-01,)');
SELECT results_eq($$SELECT * FROM backtrace(7001::bigint)$$, $$SELECT * FROM before$$,
                  'after a change of section chief and a new post, the 2008 incident traces as it did');
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id) VALUES
    (7070, '2011-03-01', 9802, 'Inspection missed in 2011', 9901);
SELECT is(pg_temp.who(7070), '8906:direct 8907:supervisory 8910:important_leadership 8903:main_leadership',
          'an incident after the change names the new section chief');
-- A holder away with nobody acting does not answer for the absence: the
-- post is reported, and the responsibility passes up.
INSERT INTO absence (assignment_id, kind, during)
SELECT assignment_id, 'training', '[2014-05-01,2014-06-01)' FROM assignment WHERE position_id = 8804 AND person_id = 8910;
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id) VALUES
    (7071, '2014-05-10', 9802, 'Inspection missed during training', 9901);
SELECT is(pg_temp.who(7071), '8906:direct 8907:supervisory post 8804:vacant 8903:main_leadership',
          'the section chief away with nobody acting: the post reported, the director answers');
SELECT is((SELECT tenure FROM backtrace(7071::bigint) WHERE position_id = 8804), 'absent', 'the post''s tenure says absent');

-- 11. The batch form: the incidents in the order given, each as alone.
SELECT results_eq($$SELECT * FROM backtrace(ARRAY[7010, 7001, 7010]::bigint[])$$,
                  $$SELECT * FROM backtrace(7010::bigint) UNION ALL SELECT * FROM backtrace(7001::bigint)
                    UNION ALL SELECT * FROM backtrace(7010::bigint)$$,
                  'the batch form gives each incident''s rows, in the order asked');
SELECT is((SELECT count(*) FROM backtrace('{}'::bigint[])), 0::bigint, 'an empty batch: no rows');

-- 12. The rules are policy data: a tenant's row overrides the default.
INSERT INTO trace_rule (tenant_id, rule, kind, label_en, label_zh)
    VALUES (current_tenant(), 'approver_missed', 'main_leadership', 'approved it blind', '盲目批准');
SELECT is(pg_temp.who(7010), '8905:direct 8904:main_leadership 8903:main_leadership 8902:direct',
          'the tenant''s own rule: the approver now bears main leadership responsibility');
SELECT is((SELECT reason || ' / ' || reason_zh FROM backtrace(7010::bigint) WHERE person_id = 8903),
          'approved it blind / 盲目批准', 'in the tenant''s words');
INSERT INTO trace_reach (tenant_id, severity, severe_category, reach)
    VALUES (current_tenant(), 'general', false, 'superior');
SELECT is(pg_temp.who(7001), '8905:direct 8907:supervisory 8904:important_leadership',
          'the tenant''s own reach: a general incident stops at the first superior');
INSERT INTO trace_category (tenant_id, category, severe) VALUES (current_tenant(), 'work_safety', false);
SELECT is(pg_temp.who(7002), '8905:direct 8907:supervisory 8904:important_leadership',
          'the tenant no longer pursues work safety severely');

-- 13. Tenants: another tenant's incident is not found, nor are its rules seen.
INSERT INTO tenant (tenant_id, code, name) VALUES (9004, 'bt_other', 'Another tenant');
SET LOCAL responsibility.tenant = 'bt_other';
INSERT INTO unit (unit_id, name) VALUES (9801, 'Other city');
INSERT INTO duty (duty_id, unit_id, title) VALUES (9901, 9801, 'Other duty');
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, category)
    VALUES (7901, '2008-03-01', 9801, 'Other incident', 9901, 'other');
SELECT is(pg_temp.who(7901), 'post -:no_owner', 'the other tenant''s incident: its own organisation, where nobody owns the duty nor heads the unit');
SELECT is(pg_temp.error_of('SELECT * FROM responsibility.backtrace(7001::bigint)'),
          '42704: incident 7001 does not exist', 'the default tenant''s incident is not found from the other tenant');
SET LOCAL responsibility.tenant = '';
SELECT is(pg_temp.error_of('SELECT * FROM responsibility.backtrace(7901::bigint)'),
          '42704: incident 7901 does not exist', 'nor the other tenant''s from the default tenant');
SELECT is(pg_temp.who(7010), '8905:direct 8904:main_leadership 8903:main_leadership 8902:direct',
          'the default tenant''s rules are its own, whatever the other tenant has');

-- 15. Several rules name one person: the heaviest kind governs, and every
-- rule is kept.  A decision of the bureau with a major loss, its director
-- recorded as a participant who held the wrong view: he heads the organ
-- that decided, and bears the main responsibility (seed §3.3).
INSERT INTO incident (incident_id, occurred_at, unit_id, title, is_decision, major_loss) VALUES
    (7080, '2008-10-01', 9802, 'Mine reopened again', true, true);
INSERT INTO incident_actor (incident_id, role, person_id, position_id, view) VALUES
    (7080, 'decision_maker', 8904, 8804, NULL), (7080, 'participant', 8903, 8803, 'wrong');
SELECT is((SELECT kind || '/' || rule || '/' || rules::text FROM backtrace(7080::bigint) WHERE person_id = 8903),
          'main_leadership/head_decision_major_loss/{head_decision_major_loss,decision_wrong_view}',
          'the head who held the wrong view in a decision with a major loss: main, not important; both rules shown');
SELECT is((SELECT count(*) FROM backtrace(7080::bigint) WHERE person_id = 8903), 1::bigint, 'one row per person');

-- 16. A post nobody answered for passes the responsibility up at every
-- severity: the failed step's post heads its unit and is vacant (2012).
INSERT INTO incident (incident_id, occurred_at, unit_id, title, step_id, severity) VALUES
    (7081, '2012-03-01', 9802, 'Licence approved by nobody', 9963, 'general');
SELECT is(pg_temp.who(7081), 'post 8803:vacant 8902:main_leadership',
          'a general incident at a vacant head post: the leader in charge above it answers (main), not nobody');
SELECT is((SELECT rule FROM backtrace(7081::bigint) WHERE person_id = 8902), 'took_over_direct', 'by the rule took_over_direct');

-- 17. The reach is measured from where the failure happened: the vice mayor
-- who interfered alone in the register the inspector kept is direct; a
-- general fault of the bureau does not reach the mayor above him.
INSERT INTO incident (incident_id, occurred_at, unit_id, title, duty_id, severity) VALUES
    (7082, '2008-03-01', 9802, 'Register falsified on instruction', 9902, 'general'),
    (7083, '2008-03-01', 9802, 'Register falsified on instruction, disaster', 9902, 'especially_serious');
INSERT INTO incident_actor (incident_id, role, person_id, position_id) VALUES
    (7082, 'instructor', 8902, 8802), (7083, 'instructor', 8902, 8802);
SELECT is(pg_temp.who(7082), '8902:direct', 'a leader high up who acted alone on a general fault far below: direct, nobody above him');
SELECT is(pg_temp.who(7083), '8902:direct 8901:important_leadership', 'an especially serious one reaches the head');

-- 18. A vacant post appears once: a step nobody owned, in the director's
-- vacancy (the unit's head post is both where nobody owned it and vacant).
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES
    (9964, 9951, 4, 'archive', 'other', 2, true);
INSERT INTO incident (incident_id, occurred_at, unit_id, title, step_id) VALUES
    (7084, '2012-03-01', 9802, 'Archive lost', 9964);
SELECT is((SELECT count(*) FROM backtrace(7084::bigint) WHERE position_id = 8803), 1::bigint, 'the vacant post once');
SELECT is((SELECT rules::text FROM backtrace(7084::bigint) WHERE position_id = 8803), '{no_owner,vacant}',
          'with both reasons it was nobody''s');

-- 19. A delay is its own rule: did not act within the time limit (逾期未办).
INSERT INTO incident (incident_id, occurred_at, unit_id, title, step_id, work_ref, overdue) VALUES
    (7085, '2008-05-01', 9802, 'Licence not decided in time', 9961, 'application 2008-30', true);
INSERT INTO incident_actor (incident_id, role, person_id, position_id) VALUES (7085, 'handler', 8905, 8805);
SELECT is((SELECT kind || '/' || rule || '/' || reason_zh FROM backtrace(7085::bigint) WHERE person_id = 8905),
          'direct/overdue/逾期未办', 'the handler who sat on it: direct, by the rule overdue, not "handled it wrongly"');
INSERT INTO incident (incident_id, occurred_at, unit_id, title, step_id, overdue) VALUES
    (7086, '2008-05-01', 9802, 'Review not done in time', 9962, true);
SELECT is((SELECT rule FROM backtrace(7086::bigint) WHERE person_id = 8904), 'overdue', 'the owner of a stalled step, too');

-- 14. Bad input.
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.incident (occurred_at, unit_id, title) VALUES ('2008-01-01', 9802, 'Nothing failed')$$),
          '23514: new row for relation "incident" violates check constraint "incident_has_failed_object"',
          'an incident with no failed object: 23514');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.incident (incident_id, occurred_at, unit_id, title, duty_id) VALUES (7999, now() + interval '1 day', 9802, 'Tomorrow', 9901)$$),
          '22008: incident 7999 occurred in the future', 'a moment in the future: 22008');
SELECT is(pg_temp.error_of($$SELECT * FROM responsibility.backtrace(ARRAY[7001, NULL]::bigint[])$$),
          '22004: incident ids must not contain NULL', 'a NULL id: 22004');
SELECT is(pg_temp.error_of($$SELECT * FROM responsibility.backtrace(123456789::bigint)$$),
          '42704: incident 123456789 does not exist', 'an unknown incident: 42704');
DELETE FROM trace_rule WHERE rule = 'superior' AND (tenant_id IS NULL OR tenant_id = current_tenant());
SELECT is(pg_temp.error_of($$SELECT * FROM responsibility.backtrace(7001::bigint)$$),
          '55000: the back-trace rule "superior" is missing', 'a rule missing from the policy: 55000');

SELECT * FROM finish();
ROLLBACK;
