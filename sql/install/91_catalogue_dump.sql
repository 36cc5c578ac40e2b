-- pg_dump keeps the tables added in 0.3.0 (see 90_dump.sql).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.absence', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.absence_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_owner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_owner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power_duty', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_step', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_owner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_owner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_handoff', '');
