-- Behaviour of the organisation tables (R1, R3): who held which post when,
-- one holder / one head / one leader in charge at any instant, reporting
-- lines without loops, tenants that cannot be mixed, and the "as of"
-- functions holder(), posts_at() and posts_of().  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(72);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';

-- A small organisation in the default tenant (ids chosen far from the
-- sequences).  The city (9101) has a mayor and a deputy mayor; department A
-- (9102) a director and a clerk; department B (9103) exists from 2006.
INSERT INTO unit (unit_id, parent_id, code, name, kind, staffing_quota) VALUES
    (9101, NULL, 'org_city', 'City government', 'decision', 10),
    (9102, 9101, 'org_dept_a', 'Department A', 'executing', 5),
    (9103, 9101, 'org_dept_b', 'Department B', 'supervising', 0);
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (9201, 9101, 'Mayor', 'head', NULL, tstzrange('-infinity', 'infinity')),
    (9202, 9101, 'Deputy mayor', 'deputy', 9201, tstzrange('-infinity', 'infinity')),
    (9203, 9102, 'Director A', 'head', 9201, tstzrange('-infinity', 'infinity')),
    (9204, 9102, 'Clerk A', 'staff', 9203, tstzrange('-infinity', 'infinity')),
    (9205, 9103, 'Director B', 'head', 9201, '[2006-01-01 00:00+00,)');
INSERT INTO person (person_id, name, staff_no) VALUES
    (9301, 'Ann', 'org1'), (9302, 'Bob', 'org2'), (9303, 'Cai', 'org3'),
    (9304, 'Dan', 'org4'), (9305, 'Eve', 'org5');
-- Mayor: Ann in 2005, Bob from 2006.  Deputy: Cai.  Director A: Dan until
-- July 2005, vacant July-August, Cai acting September-December, Eve from
-- 2006.  Clerk A: Eve in 2005, Cai concurrently from March 2006.
INSERT INTO assignment (position_id, person_id, during, tenure) VALUES
    (9201, 9301, '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
    (9201, 9302, '[2006-01-01 00:00+00,)', 'holder'),
    (9202, 9303, '[2005-01-01 00:00+00,)', 'holder'),
    (9203, 9304, '[2005-01-01 00:00+00,2005-07-01 00:00+00)', 'holder'),
    (9203, 9303, '[2005-09-01 00:00+00,2006-01-01 00:00+00)', 'acting'),
    (9203, 9305, '[2006-01-01 00:00+00,)', 'holder'),
    (9204, 9305, '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
    (9204, 9303, '[2006-03-01 00:00+00,)', 'concurrent');
INSERT INTO charge (position_id, unit_id, domain, during) VALUES
    (9202, 9102, NULL, '[2005-06-01 00:00+00,2006-06-01 00:00+00)'),
    (9202, NULL, 'work safety', '[2005-01-01 00:00+00,)');

SELECT is((SELECT count(*) FROM assignment WHERE position_id BETWEEN 9201 AND 9205), 8::bigint,
          'the organisation is loaded');
SELECT is((SELECT array_agg(tenant_id ORDER BY tenant_id) FROM unit WHERE unit_id BETWEEN 9101 AND 9103),
          '{1,1,1}'::integer[], 'rows inserted without a tenant go to the default tenant');

------------------------------------------------------------------------------
-- One holder of a post at any instant (assignment_one_holder_at_a_time)
------------------------------------------------------------------------------
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9201, 9303, '[2005-06-01 00:00+00,2005-07-01 00:00+00)')$$,
    '23P01', NULL, 'a second holder inside another tenure is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9201, 9303, '[2004-06-01 00:00+00,2005-01-01 00:00:01+00)')$$,
    '23P01', NULL, 'a tenure that overlaps the start of another by one second is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during, tenure)
      VALUES (9203, 9302, '[2005-12-01 00:00+00,2006-02-01 00:00+00)', 'acting')$$,
    '23P01', NULL, 'an acting tenure overlapping a holder is rejected too');
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9201, 9301, '[2005-03-01 00:00+00,2005-04-01 00:00+00)')$$,
    '23P01', NULL, 'the same person twice on the same post at once is rejected');
SELECT throws_ok(
    $$UPDATE responsibility.assignment SET during = '[2005-01-01 00:00+00,2006-01-02 00:00+00)'
       WHERE position_id = 9201 AND person_id = 9301$$,
    '23P01', NULL, 'extending a tenure over the next one is rejected');
SELECT lives_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9201, 9304, '[2004-01-01 00:00+00,2005-01-01 00:00+00)')$$,
    'an adjacent tenure [a,b) before [b,c) is accepted');
SELECT lives_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9203, 9302, '[2005-07-01 00:00+00,2005-09-01 00:00+00)')$$,
    'a tenure exactly filling the gap between two others is accepted');
SELECT is(holder(9203, '2005-08-15 00:00+00'), 9302::bigint, 'the gap is now filled');
DELETE FROM assignment WHERE position_id = 9203 AND person_id = 9302;

------------------------------------------------------------------------------
-- One head per unit at any time; one leader in charge of a unit at a time
------------------------------------------------------------------------------
SELECT throws_ok(
    $$INSERT INTO responsibility.position (position_id, unit_id, title, kind, reports_to)
      VALUES (9290, 9102, 'Second director A', 'head', 9201)$$,
    '23P01', NULL, 'a second head of a unit at the same time is rejected');
SELECT throws_ok(
    $$UPDATE responsibility.position SET kind = 'head' WHERE position_id = 9204$$,
    '23P01', NULL, 'turning a staff post into a second head is rejected');
SELECT lives_ok(
    $$INSERT INTO responsibility.position (position_id, unit_id, title, kind, reports_to, valid)
      VALUES (9291, 9103, 'Director B (before 2006)', 'head', 9201, '[2000-01-01 00:00+00,2006-01-01 00:00+00)')$$,
    'a head of the same unit in the adjacent period before is accepted');
SELECT lives_ok(
    $$INSERT INTO responsibility.position (position_id, unit_id, title, kind, reports_to)
      VALUES (9292, 9102, 'Deputy director A', 'deputy', 9203)$$,
    'a deputy in a unit that has a head is accepted');
SELECT throws_ok(
    $$INSERT INTO responsibility.charge (position_id, unit_id, during)
      VALUES (9292, 9102, '[2006-05-01 00:00+00,2006-07-01 00:00+00)')$$,
    '23P01', NULL, 'a second leader in charge of a unit at the same time is rejected');
SELECT lives_ok(
    $$INSERT INTO responsibility.charge (position_id, unit_id, during)
      VALUES (9292, 9102, '[2006-06-01 00:00+00,2007-01-01 00:00+00)')$$,
    'the next leader in charge from the day the last charge ends is accepted');
SELECT throws_ok(
    $$INSERT INTO responsibility.charge (position_id, domain, during)
      VALUES (9292, 'work safety', '[2005-01-01 00:00+00,)')$$,
    '23P01', NULL,
    'two posts in charge of the same domain at once are refused (a duty of the domain passes through one leader)');
SELECT throws_ok(
    $$INSERT INTO responsibility.charge (position_id, unit_id, domain)
      VALUES (9292, 9103, 'traffic')$$,
    '23514', NULL, 'a charge of both a unit and a domain is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.charge (position_id) VALUES (9292)$$,
    '23514', NULL, 'a charge of neither a unit nor a domain is rejected');

------------------------------------------------------------------------------
-- Empty ranges, quotas, tenants
------------------------------------------------------------------------------
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9205, 9304, 'empty')$$,
    '23514', NULL, 'an empty tenure is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during)
      VALUES (9205, 9304, '[2007-01-01 00:00+00,2007-01-01 00:00+00)')$$,
    '23514', NULL, 'a tenure [a,a) is empty and rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.position (unit_id, title, valid) VALUES (9102, 'Ghost', 'empty')$$,
    '23514', NULL, 'a post that never existed (empty valid) is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.unit (name, valid) VALUES ('Ghost unit', 'empty')$$,
    '23514', NULL, 'a unit that never existed (empty valid) is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.charge (position_id, domain, during) VALUES (9202, 'traffic', 'empty')$$,
    '23514', NULL, 'an empty charge is rejected');
SELECT throws_ok(
    $$INSERT INTO responsibility.unit (name, staffing_quota) VALUES ('Negative quota', -1)$$,
    '23514', NULL, 'a negative staffing quota is rejected');
SELECT is((SELECT staffing_quota FROM unit WHERE unit_id = 9103), 0,
          'a staffing quota of 0 is accepted');
SELECT throws_ok(
    $$UPDATE responsibility.unit SET parent_id = unit_id WHERE unit_id = 9102$$,
    '42P19', NULL, 'a unit cannot be its own parent (a loop of one)');

INSERT INTO tenant (tenant_id, code, name) VALUES (9002, 'org_other', 'Another tenant');
INSERT INTO unit (tenant_id, unit_id, name) VALUES (9002, 9109, 'Other unit');
INSERT INTO position (tenant_id, position_id, unit_id, title, kind) VALUES (9002, 9209, 9109, 'Other head', 'head');
INSERT INTO person (tenant_id, person_id, name) VALUES (9002, 9309, 'Other person');
SELECT throws_ok(
    $$INSERT INTO responsibility.position (tenant_id, unit_id, title) VALUES (1, 9109, 'Cross-tenant post')$$,
    '23503', NULL, 'a post of tenant 1 cannot be in a unit of tenant 9002');
SELECT throws_ok(
    $$INSERT INTO responsibility.position (tenant_id, unit_id, title, reports_to) VALUES (1, 9102, 'Cross-tenant line', 9209)$$,
    '23503', NULL, 'a post of tenant 1 cannot answer to a post of tenant 9002');
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (tenant_id, position_id, person_id, during)
      VALUES (1, 9205, 9309, '[2007-01-01 00:00+00,)')$$,
    '23503', NULL, 'a person of tenant 9002 cannot hold a post of tenant 1');
SELECT throws_ok(
    $$INSERT INTO responsibility.charge (tenant_id, position_id, unit_id) VALUES (9002, 9209, 9102)$$,
    '23503', NULL, 'a post of tenant 9002 cannot be in charge of a unit of tenant 1');
SELECT throws_ok(
    $$INSERT INTO responsibility.unit (tenant_id, unit_id, parent_id, name) VALUES (9002, 9108, 9101, 'Cross-tenant child')$$,
    '23503', NULL, 'a unit of tenant 9002 cannot belong to a unit of tenant 1');
SELECT lives_ok(
    $$INSERT INTO responsibility.assignment (tenant_id, position_id, person_id, during)
      VALUES (9002, 9209, 9309, '[2005-06-01 00:00+00,)')$$,
    'the other tenant''s own post can be held by its own person');
SELECT is(holder(9209, '2005-08-01 00:00+00'), NULL::bigint,
          'holder() answers in the current tenant only: another tenant''s post is unknown here');

------------------------------------------------------------------------------
-- Reporting lines never loop (42P19)
------------------------------------------------------------------------------
SELECT throws_ok(
    $$INSERT INTO responsibility.position (position_id, unit_id, title, reports_to) VALUES (9293, 9102, 'Self', 9293)$$,
    '42P19', NULL, 'a new post answering to itself is rejected');
SELECT throws_ok(
    $$UPDATE responsibility.position SET reports_to = 9204 WHERE position_id = 9204$$,
    '42P19', NULL, 'a post made to answer to itself is rejected');
SELECT throws_ok(
    $$UPDATE responsibility.position SET reports_to = 9204 WHERE position_id = 9203$$,
    '42P19', NULL, 'a two-post loop made by UPDATE is rejected');
SELECT throws_ok(
    $$UPDATE responsibility.position SET reports_to = 9204 WHERE position_id = 9201$$,
    '42P19', NULL, 'a three-post loop (head → clerk → director → head) is rejected');
SELECT throws_ok(
    $$UPDATE responsibility.position SET reports_to = CASE position_id WHEN 9202 THEN 9292 ELSE 9202 END
       WHERE position_id IN (9202, 9292)$$,
    '42P19', NULL, 'a loop made by one UPDATE of two rows is rejected');
-- Units form a tree (R1): the same rule holds for parent_id.
SELECT throws_ok(
    $$UPDATE responsibility.unit SET parent_id = 9102 WHERE unit_id = 9101$$,
    '42P19', NULL, 'a two-unit loop of parent units is rejected');
SELECT is((SELECT parent_id FROM unit WHERE unit_id = 9101), NULL::bigint,
          'the city is still a top unit');
UPDATE unit SET parent_id = NULL WHERE unit_id = 9101;  -- undo, should the loop have been accepted
SELECT is((SELECT array_agg(reports_to ORDER BY position_id) FROM position WHERE position_id BETWEEN 9201 AND 9205),
          ARRAY[NULL, 9201, 9201, 9203, 9201]::bigint[],
          'the reporting lines are as they were after the rejected updates');
-- A loop of any length: a line of 12,000 posts under the city's head,
-- whose head is then made to answer to the last of them.
INSERT INTO position (position_id, unit_id, title, reports_to)
SELECT 500000 + i, 9101, 'Line ' || i, CASE WHEN i = 1 THEN 9201 ELSE 500000 + i - 1 END
  FROM generate_series(1, 12000) i;
SELECT throws_ok(
    $$UPDATE responsibility.position SET reports_to = 512000 WHERE position_id = 9201$$,
    '42P19', NULL, 'a loop through 12,001 posts is rejected (no depth limit)');
SELECT throws_ok(
    $$UPDATE responsibility.unit SET parent_id = 9102 WHERE unit_id = 9101$$,
    '42P19', NULL, 'still rejected after the line was added');
DELETE FROM position WHERE position_id > 500000;

------------------------------------------------------------------------------
-- "As of" answers: holder(), posts_at(), posts_of()
------------------------------------------------------------------------------
SELECT is(holder(9201, '2005-03-01 00:00+00'), 9301::bigint, 'holder: Ann is mayor in March 2005');
SELECT is(holder(9201, '2005-12-31 23:59:59.999999+00'), 9301::bigint, 'holder: Ann is mayor at the last instant of 2005');
SELECT is(holder(9201, '2006-01-01 00:00+00'), 9302::bigint, 'holder: Bob is mayor from the first instant of 2006');
SELECT is(holder(9201, '2003-06-01 00:00+00'), NULL::bigint, 'holder: the mayor''s post is vacant before 2004');
SELECT is(holder(9203, '2005-06-30 23:59:59+00'), 9304::bigint, 'holder: Dan directs A until the end of June 2005');
SELECT is(holder(9203, '2005-07-01 00:00+00'), NULL::bigint, 'holder: director A is vacant in July 2005');
SELECT is(holder(9203, '2005-10-01 00:00+00'), 9303::bigint, 'holder: Cai is acting director A in October 2005');
SELECT is(holder(9204, '2006-06-01 00:00+00'), 9303::bigint, 'holder: Cai holds the clerk''s post concurrently in June 2006');
SELECT is(holder(9204, '2006-02-01 00:00+00'), NULL::bigint, 'holder: the clerk''s post is vacant in February 2006');
SELECT is(holder(9204, 'infinity'), 9303::bigint, 'holder: an open-ended tenure contains infinity');
SELECT is(holder(NULL, '2005-03-01 00:00+00'), NULL::bigint, 'holder is STRICT');

SELECT results_eq(
    $$SELECT position_id, person_id, tenure FROM responsibility.posts_at('2005-08-01 00:00+00')
       WHERE position_id BETWEEN 9201 AND 9205 ORDER BY position_id$$,
    $$VALUES (9201::bigint, 9301::bigint, 'holder'), (9202, 9303, 'holder'),
             (9203, NULL, 'vacant'), (9204, 9305, 'holder')$$,
    'posts_at August 2005: director A vacant, director B not yet created');
SELECT results_eq(
    $$SELECT position_id, person_id, person_name, tenure FROM responsibility.posts_at('2005-10-01 00:00+00')
       WHERE position_id = 9203$$,
    $$VALUES (9203::bigint, 9303::bigint, 'Cai', 'acting')$$,
    'posts_at October 2005: Cai acting director A');
SELECT results_eq(
    $$SELECT position_id, person_id, tenure FROM responsibility.posts_at('2006-06-01 00:00+00')
       WHERE position_id BETWEEN 9201 AND 9205 ORDER BY position_id$$,
    $$VALUES (9201::bigint, 9302::bigint, 'holder'), (9202, 9303, 'holder'),
             (9203, 9305, 'holder'), (9204, 9303, 'concurrent'), (9205, NULL, 'vacant')$$,
    'posts_at June 2006: new mayor, Eve directs A, Cai concurrent clerk, director B exists and is vacant');
SELECT is((SELECT count(*) FROM posts_at('2006-06-01 00:00+00') WHERE position_id = 9209), 0::bigint,
          'posts_at never shows another tenant''s posts');
SELECT results_eq(
    $$SELECT position_id, tenure::text, during FROM responsibility.posts_of(9303, '2005-10-01 00:00+00')$$,
    $$VALUES (9202::bigint, 'holder', '[2005-01-01 00:00+00,)'::tstzrange),
             (9203, 'acting', '[2005-09-01 00:00+00,2006-01-01 00:00+00)')$$,
    'posts_of Cai in October 2005: deputy mayor, then acting director A');
SELECT results_eq(
    $$SELECT position_id, tenure::text FROM responsibility.posts_of(9303, '2006-06-01 00:00+00')$$,
    $$VALUES (9202::bigint, 'holder'), (9204, 'concurrent')$$,
    'posts_of Cai in June 2006: deputy mayor, then the concurrent clerk''s post');
SELECT results_eq(
    $$SELECT position_id, tenure::text FROM responsibility.posts_of(9303, '2006-02-01 00:00+00')$$,
    $$VALUES (9202::bigint, 'holder')$$,
    'posts_of Cai in February 2006: only the deputy mayor''s post');
SELECT is_empty(
    $$SELECT * FROM responsibility.posts_of(9304, '2005-08-01 00:00+00')$$,
    'posts_of Dan after he left: nothing');
SELECT results_eq(
    $$SELECT position_id, title FROM responsibility.posts_of(9305, '2005-12-31 00:00+00')$$,
    $$VALUES (9204::bigint, 'Clerk A')$$,
    'posts_of Eve at the end of 2005: clerk A');

------------------------------------------------------------------------------
-- A failed statement leaves the data as it was
------------------------------------------------------------------------------
SELECT throws_ok(
    $$INSERT INTO responsibility.assignment (position_id, person_id, during) VALUES
        (9205, 9304, '[2006-01-01 00:00+00,2007-01-01 00:00+00)'),
        (9205, 9301, '[2006-06-01 00:00+00,2007-06-01 00:00+00)')$$,
    '23P01', NULL, 'a two-row insert whose second row overlaps the first fails');
SELECT is((SELECT count(*) FROM assignment WHERE position_id = 9205), 0::bigint,
          'the failed insert left no row behind');
SELECT throws_ok(
    $$UPDATE responsibility.unit SET staffing_quota = staffing_quota - 6 WHERE unit_id IN (9101, 9102)$$,
    '23514', NULL, 'an update that breaks the quota check on one of two rows fails');
SELECT is((SELECT array_agg(staffing_quota ORDER BY unit_id) FROM unit WHERE unit_id IN (9101, 9102)),
          '{10,5}'::integer[], 'the failed update changed neither row');
SELECT is((SELECT array_agg(during ORDER BY during) FROM assignment WHERE position_id = 9201),
          ARRAY['[2004-01-01 00:00+00,2005-01-01 00:00+00)', '[2005-01-01 00:00+00,2006-01-01 00:00+00)',
                '[2006-01-01 00:00+00,)']::tstzrange[],
          'the mayor''s tenures are exactly those accepted');

-- Ids are positive: rchain values name positive positions and persons only.
SELECT throws_ok($$INSERT INTO responsibility.person (person_id, name) VALUES (0, 'Nobody')$$,
    '23514', NULL, 'a person id must be positive');
SELECT throws_ok($$INSERT INTO responsibility.position (position_id, unit_id, title) VALUES (-5, 9101, 'Negative')$$,
    '23514', NULL, 'a position id must be positive');
SELECT throws_ok($$INSERT INTO responsibility.position (position_id, unit_id, title, reports_to) VALUES (9299, 9101, 'Odd', -1)$$,
    '23514', NULL, 'reports_to must be positive');

SELECT * FROM finish();
ROLLBACK;
