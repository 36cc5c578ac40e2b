-- pg_dump keeps cases, their frozen traces, their events and sanctions, and
-- the tenants' own limits and bands (see 90_dump.sql).  A superuser's
-- restore loads them as they were (case_restoring()).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.accountability_case', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_trace', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_event', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sanction', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sanction_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_limit', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sanction_band', 'WHERE NOT is_builtin');
