-- pg_dump keeps the incidents and the tenants' own back-trace rules (see
-- 90_dump.sql); the built-in defaults come with CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_actor', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.trace_rule', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.trace_reach', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.trace_category', 'WHERE NOT is_builtin');
