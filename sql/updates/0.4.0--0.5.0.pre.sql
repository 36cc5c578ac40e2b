-- responsibility 0.4.0 -> 0.5.0.  Built by the Makefile: this header, then
-- the install sources that are new in 0.5.0 or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.5.0'" to load this file. \quit

-- The assessment of staff (69_assessment.sql, 79_assessment_api.sql, their
-- security and dump) is new; person gains role_name (in 69_assessment.sql).
-- The role that reads who complained (00_header.sql in a fresh install):
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_complaint_handler') THEN
        CREATE ROLE responsibility_complaint_handler NOLOGIN IN ROLE responsibility_reader;
    END IF;
END
$roles$;

-- The case triggers now write as the extension's owner (77_case_engine.sql):
-- writers lose the rights a trigger of their own could have abused.
REVOKE INSERT ON @extschema@.case_trace FROM responsibility_writer;
REVOKE UPDATE ON @extschema@.accountability_case, @extschema@.sanction FROM responsibility_writer;
