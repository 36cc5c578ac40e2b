-- The white paper and the diagrams over the demo city (test/demo/demo_data.sql)
-- as exact output.  The demo is loaded into a tenant of its own and removed
-- at the end, sequences included, so that the files after this one find the
-- database as it was.
SET search_path = responsibility, public;
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SELECT (SELECT last_value FROM tenant_id_seq) AS tenant_seq, (SELECT is_called FROM tenant_id_seq) AS tenant_called,
       (SELECT last_value FROM unit_id_seq) AS unit_seq, (SELECT is_called FROM unit_id_seq) AS unit_called,
       (SELECT last_value FROM position_id_seq) AS position_seq, (SELECT is_called FROM position_id_seq) AS position_called,
       (SELECT last_value FROM person_id_seq) AS person_seq, (SELECT is_called FROM person_id_seq) AS person_called,
       (SELECT last_value FROM duty_id_seq) AS duty_seq, (SELECT is_called FROM duty_id_seq) AS duty_called,
       (SELECT last_value FROM power_id_seq) AS power_seq, (SELECT is_called FROM power_id_seq) AS power_called,
       (SELECT last_value FROM process_id_seq) AS process_seq, (SELECT is_called FROM process_id_seq) AS process_called,
       (SELECT last_value FROM step_id_seq) AS step_seq, (SELECT is_called FROM step_id_seq) AS step_called,
       (SELECT last_value FROM incident_id_seq) AS incident_seq, (SELECT is_called FROM incident_id_seq) AS incident_called
\gset
INSERT INTO tenant (code, name) VALUES ('demo_city', 'Demo city of 2005') RETURNING code, name;
SELECT tenant_id AS demo_tenant FROM tenant WHERE code = 'demo_city' \gset
SELECT set_tenant('demo_city') = :demo_tenant AS in_demo_city;
\set ECHO none
\i test/demo/demo_data.sql
\unset ON_ERROR_STOP
\set ECHO all
SELECT (SELECT count(*) FROM unit WHERE tenant_id = :demo_tenant) AS units,
       (SELECT count(*) FROM position WHERE tenant_id = :demo_tenant) AS posts,
       (SELECT count(*) FROM duty WHERE tenant_id = :demo_tenant) AS duties,
       (SELECT count(*) FROM duty_owner WHERE tenant_id = :demo_tenant) AS duty_owners,
       (SELECT count(*) FROM power WHERE tenant_id = :demo_tenant) AS powers,
       (SELECT count(*) FROM process_step WHERE tenant_id = :demo_tenant) AS steps,
       (SELECT count(*) FROM absence WHERE tenant_id = :demo_tenant) AS absences;
\pset format unaligned
\pset tuples_only on

-- The Health Bureau (unit 3 and its division 12) on 20 July 2005: the
-- inspection duty without an owner (a gap), the acceptance clerk's post vacant.
SELECT white_paper_markdown(3, '2005-07-20 09:00+08');
SELECT jsonb_pretty(white_paper_json(3, '2005-07-20 09:00+08'));
-- Before the duty lists of 2005: nothing to publish.
SELECT white_paper_markdown(3, '2004-06-01 09:00+08');

-- Its command structure: the clerk's post vacant on 20 July; the director
-- suspended with the deputy director acting on 21 October.
SELECT unit_diagram(3, '2005-07-20 09:00+08');
SELECT unit_diagram(3, '2005-10-21 09:00+08', 'dot');
-- The hazardous chemicals section on 1 June 2005: its chief away, nobody acting.
SELECT unit_diagram(10, '2005-06-01 09:00+08');

-- The food hygiene permit on 20 July 2005 (the clerk's post vacant) in both
-- formats; the work-safety licence on 1 April 2006 (the director removed,
-- his post vacant); the dangerous-goods transport permit with its dead-end step.
SELECT process_diagram(2, '2005-07-20 09:00+08');
SELECT process_diagram(2, '2005-07-20 09:00+08', 'dot');
SELECT process_diagram(1, '2006-04-01 09:00+08', 'dot');
SELECT process_diagram(3, '2005-10-21 09:00+08');

\pset tuples_only off
\pset format aligned

-- Remove the demo tenant and put the sequences back.  (A superuser passes
-- row-level security: every statement names the tenant.)
DELETE FROM incident WHERE tenant_id = :demo_tenant;
DELETE FROM step_handoff WHERE tenant_id = :demo_tenant;
DELETE FROM step_owner WHERE tenant_id = :demo_tenant;
DELETE FROM process_step WHERE tenant_id = :demo_tenant;
DELETE FROM process WHERE tenant_id = :demo_tenant;
DELETE FROM power_duty WHERE tenant_id = :demo_tenant;
DELETE FROM power WHERE tenant_id = :demo_tenant;
DELETE FROM duty_owner WHERE tenant_id = :demo_tenant;
DELETE FROM duty WHERE tenant_id = :demo_tenant;
DELETE FROM absence WHERE tenant_id = :demo_tenant;
DELETE FROM charge WHERE tenant_id = :demo_tenant;
DELETE FROM assignment WHERE tenant_id = :demo_tenant;
DELETE FROM position WHERE tenant_id = :demo_tenant;
DELETE FROM person WHERE tenant_id = :demo_tenant;
DELETE FROM unit WHERE tenant_id = :demo_tenant;
DELETE FROM org_change WHERE tenant_id = :demo_tenant;
RESET responsibility.tenant;
DELETE FROM tenant WHERE code = 'demo_city';
SELECT setval('tenant_id_seq', :tenant_seq, :'tenant_called'::boolean) > 0 AS tenant_seq_back,
       setval('unit_id_seq', :unit_seq, :'unit_called'::boolean) > 0 AS unit_seq_back,
       setval('position_id_seq', :position_seq, :'position_called'::boolean) > 0 AS position_seq_back,
       setval('person_id_seq', :person_seq, :'person_called'::boolean) > 0 AS person_seq_back,
       setval('duty_id_seq', :duty_seq, :'duty_called'::boolean) > 0 AS duty_seq_back,
       setval('power_id_seq', :power_seq, :'power_called'::boolean) > 0 AS power_seq_back,
       setval('process_id_seq', :process_seq, :'process_called'::boolean) > 0 AS process_seq_back,
       setval('step_id_seq', :step_seq, :'step_called'::boolean) > 0 AS step_seq_back,
       setval('incident_id_seq', :incident_seq, :'incident_called'::boolean) > 0 AS incident_seq_back;
SELECT count(*) AS demo_rows_left
  FROM (SELECT tenant_id FROM unit UNION ALL SELECT tenant_id FROM position UNION ALL SELECT tenant_id FROM person
        UNION ALL SELECT tenant_id FROM duty UNION ALL SELECT tenant_id FROM process UNION ALL SELECT tenant_id FROM org_change
        UNION ALL SELECT tenant_id FROM incident
        UNION ALL SELECT tenant_id FROM tree_guard) r
 WHERE tenant_id = :demo_tenant;
