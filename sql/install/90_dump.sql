-- pg_dump keeps the user's data: every table that holds it, and its sequence,
-- is a configuration table of the extension.  Rows the install script
-- created (is_builtin) are left to CREATE EXTENSION.  (One call a statement:
-- each call updates the extension's catalog row.)
SELECT pg_catalog.pg_extension_config_dump('@extschema@.tenant', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.tenant_member', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.tenant_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.unit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.unit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.position', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.position_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assignment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assignment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.charge', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.charge_id_seq', '');
