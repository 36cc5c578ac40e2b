-- pg_dump keeps schemes, periods, their inputs and frozen results, and the
-- tenants' own consequence rules (see 90_dump.sql).  A superuser's restore
-- loads them as they were: the triggers step aside (case_restoring()).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_scheme', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_dimension', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_source', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_period', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.period_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.period_event', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_subject', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.evaluation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.target_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.work_memo', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.memo_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_record', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.learning_plan', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.window_rating', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rating_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complaint', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complaint_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complainant', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.retaliation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.retaliation_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.consequence_rule', 'WHERE NOT is_builtin');
