-- Absences and acting holders, lives that nest, and the catalogue (R2-R5):
-- who answers for a post while its holder is away (holder(), posts_at(),
-- command_chain), the rules of tenures and absences, posts, tenures,
-- charges, duties and ownerships inside the lives of what they belong to
-- (checked from both sides), the bad inputs of the catalogue refused with
-- their SQLSTATEs and nothing half-written, the chain of a duty's or
-- process's domain, step_chain() and position_description().  Everything is
-- rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(132);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';
SET LOCAL responsibility.tenant = '';

-- The SQLSTATE and the constraint named by the error a statement raises, or
-- 'no error': "23514 absence_within_tenure".  (throws_ok checks the SQLSTATE
-- only; several rules share 23514 and are told apart by the constraint.)
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    st text;
    cn text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME;
    RETURN st || coalesce(' ' || nullif(cn, ''), '');
END
$f$;

-- The city (9101) lives for ever; the safety bureau (9102) from 2005 to
-- 2010, the archive (9103, the outer lives shrunk below) and the records
-- office (9104) likewise.  Mayor 9201 (Ann), deputy mayor 9202 (Bob, in
-- charge of the domain "work safety" in 2006), director 9203 of the bureau
-- (Cai 2005-2007, absent March 2006 with Eve acting and April 2006 with
-- nobody acting; vacant January-February 2008; Fan acting March-May 2008,
-- then holder), inspector 9204 (Dan), auditor 9205 (2005-2008, never held),
-- and the archive's posts 9206-9208.
INSERT INTO unit (unit_id, parent_id, code, name, valid) VALUES
    (9101, NULL, 'cat_city', 'City', tstzrange('-infinity', 'infinity')),
    (9102, 9101, 'cat_safety', 'Safety bureau', '[2005-01-01,2010-01-01)'),
    (9103, 9101, 'cat_archive', 'Archive', '[2005-01-01,2010-01-01)'),
    (9104, 9101, 'cat_records', 'Records office', '[2005-01-01,2010-01-01)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid, competencies) VALUES
    (9201, 9101, 'Mayor', 'head', NULL, tstzrange('-infinity', 'infinity'), '{}'),
    (9202, 9101, 'Deputy mayor', 'deputy', 9201, tstzrange('-infinity', 'infinity'), '{}'),
    (9203, 9102, 'Director', 'head', 9201, '[2005-01-01,2010-01-01)', '{"mine safety law","team leadership"}'),
    (9204, 9102, 'Inspector', 'staff', 9203, '[2005-01-01,2010-01-01)', '{}'),
    (9205, 9101, 'Auditor', 'staff', 9201, '[2005-01-01,2009-01-01)', '{}'),
    (9206, 9103, 'Archivist', 'head', 9201, '[2005-01-01,2010-01-01)', '{}'),
    (9207, 9103, 'Archive deputy', 'deputy', 9206, '[2005-01-01,2010-01-01)', '{}'),
    (9208, 9103, 'Archive clerk', 'staff', 9206, '[2005-01-01,2010-01-01)', '{}');
INSERT INTO person (person_id, name) VALUES
    (9301, 'Ann'), (9302, 'Bob'), (9303, 'Cai'), (9304, 'Dan'), (9305, 'Eve'), (9306, 'Fan');
INSERT INTO assignment (assignment_id, position_id, person_id, during, tenure) VALUES
    (9251, 9201, 9301, '[2005-01-01,)', 'holder'),
    (9252, 9202, 9302, '[2005-01-01,)', 'holder'),
    (9253, 9203, 9303, '[2005-01-01,2008-01-01)', 'holder'),
    (9254, 9203, 9306, '[2008-03-01,2008-06-01)', 'acting'),
    (9255, 9203, 9306, '[2008-06-01,2010-01-01)', 'holder'),
    (9256, 9204, 9304, '[2005-01-01,2010-01-01)', 'holder'),
    (9257, 9206, 9306, '[2005-01-01,2010-01-01)', 'holder');
INSERT INTO absence (absence_id, assignment_id, kind, during, acting_person_id) VALUES
    (9271, 9253, 'leave', '[2006-03-01,2006-04-01)', 9305),
    (9272, 9253, 'suspended', '[2006-04-01,2006-05-01)', NULL);
INSERT INTO charge (position_id, unit_id, domain, during) VALUES
    (9202, NULL, 'work safety', '[2006-01-01,2007-01-01)'),
    (9207, NULL, 'archives', '[2005-01-01,2010-01-01)');

-- The catalogue.  Duty 9401 (inspect mines) is the inspector's, with the
-- director supervising; duty 9402 (lead safety work, 2006-2008, domain work
-- safety) the director's; duty 9403 the records office's.  Process 9501
-- (mine licence, domain work safety): accept (inspector until 2007) →
-- approve (director).  Process 9502 (complaints, no domain): one step owned
-- by the auditor.
INSERT INTO duty (duty_id, unit_id, code, title, domain, target, target_value, target_unit, consequence, valid) VALUES
    (9401, 9102, 'cat_d1', 'Inspect mines', NULL, 'every mine twice a year', 2, 'inspections', 'warning',
     '[2005-01-01,2010-01-01)'),
    (9402, 9102, 'cat_d2', 'Lead safety work', 'work safety', 'no fatal accident', 0, 'deaths', 'dismissal',
     '[2006-01-01,2009-01-01)'),
    (9403, 9104, 'cat_d3', 'Keep records', NULL, NULL, NULL, NULL, NULL, '[2005-01-01,2010-01-01)');
INSERT INTO duty_owner (duty_id, position_id, kind, during) VALUES
    (9401, 9204, 'primary', '[2005-01-01,2010-01-01)'),
    (9401, 9203, 'supervisory', '[2005-01-01,2010-01-01)'),
    (9402, 9203, 'primary', '[2006-01-01,2009-01-01)'),
    (9401, 9208, 'supervisory', '[2005-01-01,2010-01-01)');
INSERT INTO process (process_id, unit_id, code, title, domain, valid) VALUES
    (9501, 9102, 'cat_p1', 'Mine licence', 'work safety', '[2005-01-01,2010-01-01)'),
    (9502, 9102, 'cat_p2', 'Complaints', NULL, '[2005-01-01,2010-01-01)');
INSERT INTO process_step (step_id, process_id, seq, name, role, time_limit, is_end) VALUES
    (9601, 9501, 1, 'Accept', 'acceptance', 2, false),
    (9602, 9501, 2, 'Approve', 'approver', 10, true),
    (9603, 9502, 1, 'Answer', 'handler', 5, true);
INSERT INTO step_handoff (process_id, from_step, to_step) VALUES (9501, 9601, 9602);
INSERT INTO step_owner (step_id, position_id, during) VALUES
    (9601, 9204, '[2005-01-01,2007-01-01)'),
    (9602, 9203, '[2005-01-01,2010-01-01)'),
    (9603, 9205, '[2005-01-01,2009-01-01)');

-- Another tenant, with a unit, a post and a step of its own.
INSERT INTO tenant (tenant_id, code, name) VALUES (9002, 'cat_other', 'Another tenant');
INSERT INTO unit (tenant_id, unit_id, name) VALUES (9002, 9109, 'Other unit');
INSERT INTO position (tenant_id, position_id, unit_id, title, kind) VALUES (9002, 9219, 9109, 'Other head', 'head');
INSERT INTO process (tenant_id, process_id, unit_id, title) VALUES (9002, 9509, 9109, 'Other process');
INSERT INTO process_step (tenant_id, step_id, process_id, seq, name, role) VALUES
    (9002, 9609, 9509, 1, 'Other step', 'approver');
INSERT INTO step_owner (tenant_id, step_id, position_id, during) VALUES (9002, 9609, 9219, '[2005-01-01,)');

SELECT is((SELECT count(*) FROM absence WHERE absence_id IN (9271, 9272)), 2::bigint, 'the organisation is loaded');

------------------------------------------------------------------------------
-- Who answers for a post while its holder is away
------------------------------------------------------------------------------
SELECT is(holder(9203, '2006-02-28 23:59:59.999999+00'), 9303::bigint,
          'holder: Cai at the last instant before his leave');
SELECT is(holder(9203, '2006-03-01 00:00+00'), 9305::bigint,
          'holder: Eve, acting for Cai, from the first instant of the leave');
SELECT is(holder(9203, '2006-03-31 23:59:59.999999+00'), 9305::bigint,
          'holder: Eve at the last instant of the leave');
SELECT is(holder(9203, '2006-04-01 00:00+00'), NULL::bigint,
          'holder: nobody while Cai is suspended with nobody acting');
SELECT is(holder(9203, '2006-04-30 23:59:59.999999+00'), NULL::bigint,
          'holder: still nobody at the last instant of the suspension');
SELECT is(holder(9203, '2006-05-01 00:00+00'), 9303::bigint,
          'holder: Cai again from the first instant after the suspension');
SELECT is(holder(9203, '2008-02-01 00:00+00'), NULL::bigint, 'holder: nobody while the post is vacant');
SELECT is(holder(9203, '2008-04-01 00:00+00'), 9306::bigint, 'holder: Fan, acting in the vacant post');

SELECT results_eq(
    $$SELECT person_id, person_name, tenure FROM responsibility.posts_at('2006-02-15 00:00+00') WHERE position_id = 9203$$,
    $$VALUES (9303::bigint, 'Cai', 'holder')$$,
    'posts_at before the absence: Cai, holder');
SELECT results_eq(
    $$SELECT person_id, person_name, tenure FROM responsibility.posts_at('2006-03-15 00:00+00') WHERE position_id = 9203$$,
    $$VALUES (9305::bigint, 'Eve', 'acting')$$,
    'posts_at during the leave: Eve, acting');
SELECT results_eq(
    $$SELECT person_id, person_name, tenure FROM responsibility.posts_at('2006-04-15 00:00+00') WHERE position_id = 9203$$,
    $$VALUES (9303::bigint, 'Cai', 'absent')$$,
    'posts_at during the suspension: Cai, absent (nobody acting)');
SELECT results_eq(
    $$SELECT person_id, person_name, tenure FROM responsibility.posts_at('2006-05-01 00:00+00') WHERE position_id = 9203$$,
    $$VALUES (9303::bigint, 'Cai', 'holder')$$,
    'posts_at after the absence: Cai, holder');
SELECT results_eq(
    $$SELECT position_id, person_id, tenure FROM responsibility.posts_at('2006-04-15 00:00+00')
       WHERE position_id BETWEEN 9201 AND 9205 ORDER BY position_id$$,
    $$VALUES (9201::bigint, 9301::bigint, 'holder'), (9202, 9302, 'holder'), (9203, 9303, 'absent'),
             (9204, 9304, 'holder'), (9205, NULL, 'vacant')$$,
    'posts_at during the suspension: the other posts are as they were');
SELECT results_eq(
    $$SELECT person_id, tenure FROM responsibility.posts_at('2008-02-01 00:00+00') WHERE position_id = 9203
      UNION ALL
      SELECT person_id, tenure FROM responsibility.posts_at('2008-04-01 00:00+00') WHERE position_id = 9203$$,
    $$VALUES (NULL::bigint, 'vacant'), (9306, 'acting')$$,
    'posts_at in 2008: vacant, then Fan acting in the vacant post');

SELECT is(command_chain(9204, '2006-02-15 00:00+00')::text,
          '[2006-02-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'command_chain before the absence: director Cai');
SELECT is(command_chain(9204, '2006-03-15 00:00+00')::text,
          '[2006-03-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9305(acting) > 9201:head:9301',
          'command_chain during the leave: Eve acting');
SELECT is(command_chain(9204, '2006-04-15 00:00+00')::text,
          '[2006-04-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303(absent) > 9201:head:9301',
          'command_chain during the suspension: Cai marked (absent)');
SELECT is(command_chain(9204, '2006-05-01 00:00+00')::text,
          '[2006-05-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'command_chain after the absence: Cai again');
SELECT results_eq(
    $$SELECT depth, position_id, role, person_id, tenure
        FROM responsibility.links(responsibility.command_chain(9204, '2006-04-15 00:00+00'))$$,
    $$VALUES (1, 9204::bigint, 'post', 9304::bigint, 'holder'),
             (2, 9203, 'unit_head', 9303, 'absent'),
             (3, 9201, 'head', 9301, 'holder')$$,
    'links() of the chain during the suspension: tenure absent');
SELECT ok(command_chain(9204, '2006-04-15 00:00+00')
          = '[2006-04-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303(absent) > 9201:head:9301'::rchain,
          'the text form with (absent) reads back as the computed chain');
SELECT is(('[2006-04-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303(absent)'::rchain
           = '[2006-04-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303'::rchain),
          false, 'an absent holder and a present one are different chains');

-- The chain follows absences written in the same transaction.
INSERT INTO absence (absence_id, assignment_id, kind, during, acting_person_id)
    VALUES (9273, 9253, 'training', '[2006-06-01,2006-07-01)', 9302);
SELECT is(command_chain(9204, '2006-06-15 00:00+00')::text,
          '[2006-06-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9302(acting) > 9201:head:9301',
          'an absence inserted in the transaction: the chain names its acting holder');
UPDATE absence SET acting_person_id = NULL WHERE absence_id = 9273;
SELECT is(command_chain(9204, '2006-06-15 00:00+00')::text,
          '[2006-06-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303(absent) > 9201:head:9301',
          'its acting holder removed: the holder shows absent');
DELETE FROM absence WHERE absence_id = 9273;
SELECT is(command_chain(9204, '2006-06-15 00:00+00')::text,
          '[2006-06-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'the absence deleted: the holder answers again');

------------------------------------------------------------------------------
-- The rules of tenures and absences
------------------------------------------------------------------------------
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.assignment (position_id, person_id, during, tenure)
                             VALUES (9203, 9306, '[2006-06-01,2006-07-01)', 'acting')$$),
          '23P01 assignment_one_holder_at_a_time',
          'an acting tenure beside a present holder is refused (23P01)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.assignment (position_id, person_id, during, tenure)
                             VALUES (9203, 9306, '[2006-04-01,2006-05-01)', 'acting')$$),
          '23P01 assignment_one_holder_at_a_time',
          'an acting tenure beside an absent holder is refused too: the stand-in is named on the absence');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during)
                             VALUES (9253, '[2007-12-01,2008-02-01)')$$),
          '23514 absence_within_tenure',
          'an absence running past the end of the tenure is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during)
                             VALUES (9253, '[2004-06-01,2004-07-01)')$$),
          '23514 absence_within_tenure',
          'an absence before the tenure began is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during)
                             VALUES (9253, '[2007-12-01,2008-01-01)')$$),
          'no error', 'an absence ending with the tenure is accepted');
DELETE FROM absence WHERE assignment_id = 9253 AND during = '[2007-12-01,2008-01-01)';
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during)
                             VALUES (9254, '[2008-04-01,2008-05-01)')$$),
          '23514 absence_of_a_holder', 'an absence from an acting tenure is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during, acting_person_id)
                             VALUES (9253, '[2006-06-01,2006-07-01)', 9303)$$),
          '23514 absence_acting_not_the_holder', 'a holder cannot act for their own absence (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during)
                             VALUES (9253, '[2006-03-20,2006-04-10)')$$),
          '23P01 absence_no_overlap', 'two absences of one tenure at once are refused (23P01)');
SELECT throws_ok($$INSERT INTO responsibility.absence (assignment_id, during) VALUES (987654, '[2006-03-20,2006-04-10)')$$,
    '23503', NULL, 'an absence from a tenure that does not exist is refused (23503)');

INSERT INTO absence (absence_id, assignment_id, position_id, person_id, during)
    VALUES (9274, 9256, 9201, 9301, '[2007-02-01,2007-03-01)');
SELECT results_eq($$SELECT position_id, person_id FROM responsibility.absence WHERE absence_id = 9274$$,
                  $$VALUES (9204::bigint, 9304::bigint)$$,
                  'an absence takes its post and person from its tenure, whatever it was given');
UPDATE assignment SET person_id = 9305 WHERE assignment_id = 9256;
SELECT results_eq($$SELECT position_id, person_id FROM responsibility.absence WHERE absence_id = 9274$$,
                  $$VALUES (9204::bigint, 9305::bigint)$$,
                  'a tenure given to another person takes its absences along');
UPDATE assignment SET person_id = 9304 WHERE assignment_id = 9256;

SELECT is(pg_temp.error_of($$UPDATE responsibility.assignment SET during = '[2005-01-01,2006-04-15)' WHERE assignment_id = 9253$$),
          '23514 absence_within_tenure',
          'shrinking a tenure so that an absence falls outside is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.assignment SET during = '[2006-03-15,2008-01-01)' WHERE assignment_id = 9253$$),
          '23514 absence_within_tenure',
          'starting a tenure later than an absence begins is refused (23514)');
SELECT is((SELECT during FROM assignment WHERE assignment_id = 9253), '[2005-01-01,2008-01-01)'::tstzrange,
          'the refused updates left the tenure as it was');
SELECT is(pg_temp.error_of($$UPDATE responsibility.assignment SET during = '[2005-01-01,2006-05-01)' WHERE assignment_id = 9253$$),
          'no error', 'shrinking a tenure to the end of its last absence is accepted');
UPDATE assignment SET during = '[2005-01-01,2008-01-01)' WHERE assignment_id = 9253;
SELECT is(pg_temp.error_of($$UPDATE responsibility.absence SET during = '[2006-04-01,2008-02-01)' WHERE absence_id = 9272$$),
          '23514 absence_within_tenure', 'lengthening an absence past its tenure is refused (23514)');

-- The stand-in lives on the absence: deleting the absence ends the acting,
-- and deleting a tenure deletes its absences.
DELETE FROM absence WHERE absence_id = 9271;
SELECT is(holder(9203, '2006-03-15 00:00+00'), 9303::bigint,
          'the leave deleted: Cai answers for the post again, Eve no longer');
SELECT is(command_chain(9204, '2006-03-15 00:00+00')::text,
          '[2006-03-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'the leave deleted: the chain names Cai');
INSERT INTO absence (absence_id, assignment_id, kind, during, acting_person_id)
    VALUES (9271, 9253, 'leave', '[2006-03-01,2006-04-01)', 9305);
DELETE FROM assignment WHERE assignment_id = 9256;
SELECT is((SELECT count(*) FROM absence WHERE absence_id = 9274), 0::bigint, 'a deleted tenure takes its absences');
INSERT INTO assignment (assignment_id, position_id, person_id, during, tenure)
    VALUES (9256, 9204, 9304, '[2005-01-01,2010-01-01)', 'holder');

------------------------------------------------------------------------------
-- Lives nest: refused when written from inside ...
------------------------------------------------------------------------------
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.position (position_id, unit_id, title, valid)
                             VALUES (9290, 9102, 'Early post', '[2004-01-01,2006-01-01)')$$),
          '23514 position_within_unit', 'a post beginning before its unit is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.position (position_id, unit_id, title)
                             VALUES (9290, 9102, 'Eternal post')$$),
          '23514 position_within_unit', 'a post for ever in a unit of 2005-2009 is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.position (position_id, unit_id, title, valid)
                             VALUES (9290, 9102, 'Exact post', '[2005-01-01,2010-01-01)')$$),
          'no error', 'a post living exactly as long as its unit is accepted');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.position (position_id, unit_id, title, valid)
                             VALUES (9291, 9101, 'Open post', '[2005-01-01,)')$$),
          'no error', 'a post [2005-01-01,) in a unit [-infinity,infinity) is accepted (unbounded ends compare as infinite)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.assignment (position_id, person_id, during)
                             VALUES (9205, 9306, '[2008-06-01,2009-06-01)')$$),
          '23514 assignment_within_position', 'a tenure running past its post''s end is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.assignment (position_id, person_id, during)
                             VALUES (9205, 9306, '[2008-06-01,)')$$),
          '23514 assignment_within_position', 'an open-ended tenure of a post that ends is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.charge (position_id, domain, during)
                             VALUES (9205, 'audit', '[2008-01-01,2010-01-01)')$$),
          '23514 charge_within_position', 'a charge running past its post''s end is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.charge (position_id, domain) VALUES (9205, 'audit')$$),
          '23514 charge_within_position', 'a charge for ever of a post that ends is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty (unit_id, title) VALUES (9102, 'Eternal duty')$$),
          '23514 duty_within_unit', 'a duty for ever of a unit of 2005-2009 is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty (unit_id, title, valid)
                             VALUES (9102, 'Late duty', '[2009-06-01,2010-06-01)')$$),
          '23514 duty_within_unit', 'a duty running past its unit''s end is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty_owner (duty_id, position_id, kind, during)
                             VALUES (9402, 9204, 'supervisory', '[2005-06-01,2007-01-01)')$$),
          '23514 duty_owner_within_duty', 'an ownership beginning before its duty is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty_owner (duty_id, position_id, kind, during)
                             VALUES (9401, 9205, 'supervisory', '[2008-06-01,2009-06-01)')$$),
          '23514 duty_owner_within_position', 'an ownership running past its post''s end is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_owner (step_id, position_id, during)
                             VALUES (9603, 9205, '[2009-01-01,2009-06-01)')$$),
          '23514 step_owner_within_position', 'a step ownership after its post ended is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.step_owner SET during = '[2005-01-01,2009-06-01)' WHERE step_id = 9603$$),
          '23514 step_owner_within_position', 'a step ownership lengthened past its post''s end is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.duty_owner SET during = '[2005-01-01,2010-01-01)'
                              WHERE duty_id = 9402$$),
          '23514 duty_owner_within_duty', 'an ownership stretched beyond its duty''s life is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.power (unit_id, kind, title) VALUES (9102, 'approval', 'Eternal power')$$),
          '23514 power_within_unit', 'a power for ever of a unit of 2005-2009 is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.process (unit_id, title) VALUES (9102, 'Eternal process')$$),
          '23514 process_within_unit', 'a process for ever of a unit of 2005-2009 is refused (23514)');

------------------------------------------------------------------------------
-- ... and from outside: shrinking a life below what lies in it
------------------------------------------------------------------------------
SELECT is(pg_temp.error_of($$UPDATE responsibility.unit SET valid = '[2005-01-01,2009-01-01)' WHERE unit_id = 9103$$),
          '23514 position_within_unit', 'ending a unit before its posts is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.unit SET valid = '[2006-01-01,2010-01-01)' WHERE unit_id = 9104$$),
          '23514 duty_within_unit', 'starting a unit after its duty began is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.position SET valid = '[2005-01-01,2009-01-01)' WHERE position_id = 9206$$),
          '23514 assignment_within_position', 'ending a post before its holder''s tenure is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.position SET valid = '[2005-01-01,2009-01-01)' WHERE position_id = 9207$$),
          '23514 charge_within_position', 'ending a post before its charge is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.position SET valid = '[2005-01-01,2009-01-01)' WHERE position_id = 9208$$),
          '23514 duty_owner_within_position', 'ending a post before its ownership of a duty is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.position SET valid = '[2005-01-01,2008-01-01)' WHERE position_id = 9205$$),
          '23514 step_owner_within_position', 'ending a post before its ownership of a step is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.duty SET valid = '[2006-01-01,2008-01-01)' WHERE duty_id = 9402$$),
          '23514 duty_owner_within_duty', 'ending a duty before its ownership is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.duty SET valid = '[2005-06-01,2010-01-01)' WHERE duty_id = 9401$$),
          '23514 duty_owner_within_duty', 'starting a duty after its ownerships began is refused (23514)');
SELECT results_eq(
    $$SELECT (SELECT valid FROM responsibility.unit WHERE unit_id = 9103),
             (SELECT valid FROM responsibility.position WHERE position_id = 9206),
             (SELECT valid FROM responsibility.duty WHERE duty_id = 9402)$$,
    $$VALUES ('[2005-01-01,2010-01-01)'::tstzrange, '[2005-01-01,2010-01-01)'::tstzrange, '[2006-01-01,2009-01-01)'::tstzrange)$$,
    'the refused updates changed no life');
UPDATE duty_owner SET during = '[2006-01-01,2008-01-01)' WHERE duty_id = 9402;
SELECT is(pg_temp.error_of($$UPDATE responsibility.duty SET valid = '[2006-01-01,2008-01-01)' WHERE duty_id = 9402$$),
          'no error', 'with its ownership shrunk first, the duty can be shrunk');

------------------------------------------------------------------------------
-- Bad inputs of the catalogue, each with its SQLSTATE
------------------------------------------------------------------------------
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_owner (step_id, position_id, during)
                             VALUES (9601, 9219, '[2005-01-01,2006-01-01)')$$),
          '23503 step_owner_tenant_id_position_id_fkey',
          'a step owned by a post of another tenant is refused (23503)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_owner (tenant_id, step_id, position_id, during)
                             VALUES (9002, 9601, 9219, '[2005-01-01,2006-01-01)')$$),
          '23503 step_owner_tenant_id_step_id_fkey',
          'another tenant''s post owning this tenant''s step is refused (23503)');
CREATE ROLE cat_writer NOLOGIN IN ROLE responsibility_writer;
SET LOCAL ROLE cat_writer;
SELECT is(current_tenant(), 1, 'cat_writer works in the default tenant');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_owner (step_id, position_id, during)
                             VALUES (9601, 9219, '[2005-01-01,2006-01-01)')$$),
          '23503 step_owner_tenant_id_position_id_fkey',
          'a writer naming a post of another tenant it cannot see: 23503');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_owner (tenant_id, step_id, position_id, during)
                             VALUES (9002, 9609, 9219, '[2005-01-01,2006-01-01)')$$),
          '42501', 'a writer writing a step owner into another tenant: 42501 (row-level security)');
RESET ROLE;
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.process_step (process_id, seq, name, role, time_limit)
                             VALUES (9501, 3, 'Instant', 'other', 0)$$),
          '23514 process_step_time_limit_positive', 'a step with a time limit of 0 days is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.process_step (process_id, seq, name, role, time_limit)
                             VALUES (9501, 3, 'Backwards', 'other', -3)$$),
          '23514 process_step_time_limit_positive', 'a step with a negative time limit is refused (23514)');
SELECT is(pg_temp.error_of($$UPDATE responsibility.process_step SET time_limit = 0 WHERE step_id = 9601$$),
          '23514 process_step_time_limit_positive', 'a time limit updated to 0 is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_handoff (process_id, from_step, to_step)
                             VALUES (9501, 9601, 9603)$$),
          '23503 step_handoff_tenant_id_process_id_to_step_fkey',
          'a hand-off to a step of another process is refused (23503)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_handoff (process_id, from_step, to_step)
                             VALUES (9502, 9601, 9603)$$),
          '23503 step_handoff_tenant_id_process_id_from_step_fkey',
          'a hand-off from a step of another process is refused (23503)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_handoff (process_id, from_step, to_step)
                             VALUES (9501, 9601, 9609)$$),
          '23503 step_handoff_tenant_id_process_id_to_step_fkey',
          'a hand-off to another tenant''s step is refused (23503)');
SELECT throws_ok($$INSERT INTO responsibility.duty_owner (duty_id, position_id, during)
                   VALUES (9401, 9204, '[2007-01-01,2006-01-01)')$$,
    '22000', NULL, 'a duty ownership ending before it starts is refused (22000)');
SELECT throws_ok($$INSERT INTO responsibility.step_owner (step_id, position_id, during)
                   VALUES (9601, 9204, tstzrange('2007-01-01', '2006-01-01'))$$,
    '22000', NULL, 'a step ownership ending before it starts is refused (22000)');
SELECT throws_ok($$INSERT INTO responsibility.duty_owner (duty_id, position_id, during)
                   VALUES (9401, 9204, '[2007-01-01,2007-01-01)')$$,
    '23514', NULL, 'an empty ownership [a,a) is refused (23514)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty (title, valid) VALUES ('Nobody''s duty', '[2005-01-01,2006-01-01)')$$),
          '23502', 'a duty with no unit is refused (23502)');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty (unit_id, title, valid) VALUES (9109, 'Foreign duty', '[2005-01-01,2006-01-01)')$$),
          '23503 duty_tenant_id_unit_id_fkey', 'a duty of another tenant''s unit is refused (23503)');

-- Nothing half-written: one bad row fails the whole statement.
CREATE TEMP TABLE counts ON COMMIT DROP AS
    SELECT (SELECT count(*) FROM duty_owner) AS duty_owners, (SELECT count(*) FROM process_step) AS steps,
           (SELECT count(*) FROM step_owner) AS step_owners, (SELECT count(*) FROM step_handoff) AS handoffs,
           (SELECT count(*) FROM absence) AS absences, (SELECT count(*) FROM duty) AS duties;
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty_owner (duty_id, position_id, kind, during) VALUES
                                (9401, 9202, 'supervisory', '[2005-01-01,2006-01-01)'),
                                (9401, 9205, 'supervisory', '[2008-06-01,2009-06-01)'),
                                (9402, 9202, 'supervisory', '[2006-01-01,2007-01-01)')$$),
          '23514 duty_owner_within_position', 'three ownerships, the second outside its post''s life: refused');
SELECT is((SELECT count(*) FROM duty_owner), (SELECT duty_owners FROM counts), '... and no ownership was written');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.process_step (process_id, seq, name, role, time_limit) VALUES
                                (9501, 3, 'Notify', 'other', 1), (9501, 4, 'Archive', 'other', 0)$$),
          '23514 process_step_time_limit_positive', 'two steps, the second with a time limit of 0: refused');
SELECT is((SELECT count(*) FROM process_step), (SELECT steps FROM counts), '... and no step was written');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_owner (step_id, position_id, during) VALUES
                                (9602, 9202, '[2005-01-01,2006-01-01)'), (9601, 9219, '[2005-01-01,2006-01-01)')$$),
          '23503 step_owner_tenant_id_position_id_fkey', 'two step owners, the second a post of another tenant: refused');
SELECT is((SELECT count(*) FROM step_owner), (SELECT step_owners FROM counts), '... and no step owner was written');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.step_handoff (process_id, from_step, to_step) VALUES
                                (9501, 9602, 9601), (9501, 9601, 9603)$$),
          '23503 step_handoff_tenant_id_process_id_to_step_fkey', 'two hand-offs, the second to another process: refused');
SELECT is((SELECT count(*) FROM step_handoff), (SELECT handoffs FROM counts), '... and no hand-off was written');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.absence (assignment_id, during) VALUES
                                (9256, '[2006-01-01,2006-02-01)'), (9256, '[2009-12-01,2010-02-01)')$$),
          '23514 absence_within_tenure', 'two absences, the second outside its tenure: refused');
SELECT is((SELECT count(*) FROM absence), (SELECT absences FROM counts), '... and no absence was written');
SELECT is(pg_temp.error_of($$INSERT INTO responsibility.duty (unit_id, title, valid) VALUES
                                (9102, 'Good duty', '[2005-01-01,2006-01-01)'), (NULL, 'Bad duty', '[2005-01-01,2006-01-01)')$$),
          '23502', 'two duties, the second with no unit: refused');
SELECT is((SELECT count(*) FROM duty), (SELECT duties FROM counts), '... and no duty was written');

------------------------------------------------------------------------------
-- The chain of a domain: through its leader in charge while the charge holds
------------------------------------------------------------------------------
SELECT is(command_chain(9204, '2005-12-31 23:59:59.999999+00', 'work safety')::text,
          '[2005-12-31 23:59:59.999999+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'work safety, the last instant before the charge: no leader in charge');
SELECT is(command_chain(9204, '2006-01-01 00:00+00', 'work safety')::text,
          '[2006-01-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9202:in_charge:9302 > 9201:head:9301',
          'work safety, the first instant of the charge: through the deputy mayor in charge');
SELECT is(command_chain(9204, '2006-12-31 23:59:59.999999+00', 'work safety')::text,
          '[2006-12-31 23:59:59.999999+00] 9204:post:9304 > 9203:unit_head:9303 > 9202:in_charge:9302 > 9201:head:9301',
          'work safety, the last instant of the charge: still through the deputy mayor');
SELECT is(command_chain(9204, '2007-01-01 00:00+00', 'work safety')::text,
          '[2007-01-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'work safety after the charge ended: no leader in charge');
SELECT is(command_chain(9204, '2006-06-01 00:00+00', 'traffic')::text,
          command_chain(9204, '2006-06-01 00:00+00')::text,
          'a domain nobody is in charge of: the plain chain');
SELECT is(command_chain(9204, '2006-04-15 00:00+00', 'work safety')::text,
          '[2006-04-15 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303(absent) > 9202:in_charge:9302 > 9201:head:9301',
          'work safety during the director''s suspension: absent director, then the leader in charge');
SELECT is(command_chain(9204, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'the same moment without a domain: the domain''s leader is not in the chain');
INSERT INTO charge (position_id, domain, during) VALUES (9205, 'audit', '[2006-01-01,2007-01-01)');
SELECT is(command_chain(9204, '2006-06-01 00:00+00', 'audit')::text,
          '[2006-06-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9205:in_charge:vacant > 9201:head:9301',
          'a domain charge written in the transaction is seen (a vacant leader in charge)');
INSERT INTO charge (position_id, domain, during) VALUES (9203, 'mines', '[2006-01-01,2007-01-01)');
SELECT is(command_chain(9204, '2006-06-01 00:00+00', 'mines')::text,
          '[2006-06-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'a domain whose leader is already on the way: the plain chain, no loop');

------------------------------------------------------------------------------
-- step_chain(): the chain of the post owning a step, through its domain
------------------------------------------------------------------------------
SELECT is(step_chain(9601, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9202:in_charge:9302 > 9201:head:9301',
          'step_chain of accept (work safety) in 2006: the inspector''s chain through the leader in charge');
SELECT ok(step_chain(9601, '2006-06-01 00:00+00') = command_chain(9204, '2006-06-01 00:00+00', 'work safety'),
          'step_chain is the command chain of the owning post for the process''s domain');
SELECT is(step_chain(9601, '2005-06-01 00:00+00')::text,
          '[2005-06-01 00:00:00+00] 9204:post:9304 > 9203:unit_head:9303 > 9201:head:9301',
          'step_chain of accept in 2005, before the charge: no leader in charge');
SELECT is(step_chain(9601, '2007-06-01 00:00+00'), NULL, 'step_chain of accept after its ownership ended: NULL');
SELECT is(step_chain(9602, '2006-04-15 00:00+00')::text,
          '[2006-04-15 00:00:00+00] 9203:post:9303(absent) > 9202:in_charge:9302 > 9201:head:9301',
          'step_chain of approve during the suspension: the director absent, then the leader in charge');
SELECT is(step_chain(9602, '2006-03-15 00:00+00')::text,
          '[2006-03-15 00:00:00+00] 9203:post:9305(acting) > 9202:in_charge:9302 > 9201:head:9301',
          'step_chain of approve during the leave: Eve acting');
SELECT is(step_chain(9603, '2006-06-01 00:00+00')::text,
          '[2006-06-01 00:00:00+00] 9205:post:vacant > 9201:head:9301',
          'step_chain of a process without a domain: the plain chain of its (vacant) owner');
SELECT is(step_chain(987654, '2006-06-01 00:00+00'), NULL, 'step_chain of an unknown step: NULL');
SELECT is(step_chain(9609, '2006-06-01 00:00+00'), NULL, 'step_chain of another tenant''s step: NULL');

------------------------------------------------------------------------------
-- position_description(): the position description of a post as of a moment
------------------------------------------------------------------------------
SELECT is((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(position_description(9203, '2006-03-15 00:00+00')) k),
          '{answered_by,as_of,competencies,duties,kind,position_id,reports_to,title,unit,workflow}'::text[],
          'position_description has its keys');
SELECT is(position_description(9203, '2006-03-15 00:00+00') - '{answered_by,duties,workflow}'::text[],
          '{"position_id": 9203, "title": "Director", "kind": "head",
            "unit": {"unit_id": 9102, "name": "Safety bureau"},
            "reports_to": {"position_id": 9201, "title": "Mayor"},
            "as_of": "2006-03-15T00:00:00+00:00",
            "competencies": ["mine safety law", "team leadership"]}'::jsonb,
          'position_description: the post, its unit, whom it reports to, the moment, its competencies');
SELECT is(position_description(9203, '2006-03-15 00:00+00')->'answered_by',
          '{"person_id": 9305, "name": "Eve", "acting": true}'::jsonb,
          'position_description during the leave: answered by Eve, acting');
SELECT is(position_description(9203, '2006-04-15 00:00+00')->'answered_by', 'null'::jsonb,
          'position_description during the suspension: answered by nobody');
SELECT is(position_description(9203, '2006-05-01 00:00+00')->'answered_by',
          '{"person_id": 9303, "name": "Cai", "acting": false}'::jsonb,
          'position_description after the absence: answered by Cai, not acting');
SELECT is(position_description(9203, '2008-04-01 00:00+00')->'answered_by',
          '{"person_id": 9306, "name": "Fan", "acting": true}'::jsonb,
          'position_description of the vacant post with Fan acting: acting');
SELECT is((SELECT array_agg((d->>'duty_id') || ':' || (d->>'ownership') ORDER BY n)
             FROM jsonb_array_elements(position_description(9203, '2006-06-01 00:00+00')->'duties') WITH ORDINALITY x(d, n)),
          '{9402:primary,9401:supervisory}'::text[],
          'position_description in 2006: the primary duty, then the supervised one');
SELECT is(position_description(9203, '2006-06-01 00:00+00')->'duties'->0,
          '{"duty_id": 9402, "title": "Lead safety work", "ownership": "primary", "basis": null,
            "domain": "work safety", "target": "no fatal accident", "target_value": 0, "target_unit": "deaths",
            "measure": null, "consequence": "dismissal", "public_interest": false}'::jsonb,
          'position_description: the content of a duty');
SELECT is((SELECT array_agg((d->>'duty_id') || ':' || (d->>'ownership') ORDER BY n)
             FROM jsonb_array_elements(position_description(9203, '2005-06-01 00:00+00')->'duties') WITH ORDINALITY x(d, n)),
          '{9401:supervisory}'::text[],
          'position_description in 2005: only the supervised duty (the other began in 2006)');
SELECT is(position_description(9203, '2006-06-01 00:00+00')->'workflow',
          '[{"process_id": 9501, "process": "Mine licence", "step_id": 9602, "step": "Approve",
             "role": "approver", "time_limit_working_days": 10}]'::jsonb,
          'position_description: the director''s step');
SELECT is(position_description(9204, '2006-06-01 00:00+00')->'workflow'->0->>'step', 'Accept',
          'position_description of the inspector in 2006: accept');
SELECT is(position_description(9204, '2007-06-01 00:00+00')->'workflow', '[]'::jsonb,
          'position_description of the inspector in 2007: no step any more');
SELECT is(position_description(9204, '2006-06-01 00:00+00')->'reports_to',
          '{"position_id": 9203, "title": "Director"}'::jsonb, 'position_description of the inspector: reports to the director');
SELECT is(position_description(987654, '2006-06-01 00:00+00'), NULL, 'position_description of an unknown post: NULL');
SELECT is(position_description(9219, '2006-06-01 00:00+00'), NULL, 'position_description of another tenant''s post: NULL');

SELECT * FROM finish();
ROLLBACK;
