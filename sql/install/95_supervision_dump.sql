-- pg_dump keeps the items, applications and their facts, the cards issued,
-- audits, findings, entries and criticisms, and the tenants' own policy
-- (see 90_dump.sql).  A restore recomputes each application's clock as its
-- rows come in (the triggers take a superuser's COPY as it comes).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_policy', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_score_rule', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_item', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_item_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_fee', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_step', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_pause', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pause_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_extension', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_fee', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.fee_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_card', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_finding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.finding_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_score_entry', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.circulated_criticism', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.criticism_id_seq', '');
