-- Privileges and row-level security of the assessment (see 80_security.sql).
-- Writers keep schemes, periods and their inputs, and finalise periods; the
-- triggers of 79_assessment_api.sql run as the writer, so writers hold
-- INSERT and DELETE on results too, and the guards refuse any such write
-- that does not come from finalisation.  Who complained is readable only by
-- responsibility_complaint_handler, and never by the person complained about.

REVOKE ALL ON @extschema@.assessment_scheme, @extschema@.scheme_dimension, @extschema@.scheme_source,
    @extschema@.assessment_period, @extschema@.period_event, @extschema@.assessment_subject, @extschema@.evaluation,
    @extschema@.target_result, @extschema@.work_memo, @extschema@.training_record, @extschema@.learning_plan,
    @extschema@.window_rating, @extschema@.complaint, @extschema@.complainant, @extschema@.retaliation,
    @extschema@.assessment_result, @extschema@.consequence_rule,
    @extschema@.assessment_input, @extschema@.assessment_input_normalised FROM PUBLIC;
GRANT SELECT ON @extschema@.assessment_scheme, @extschema@.scheme_dimension, @extschema@.scheme_source,
    @extschema@.assessment_period, @extschema@.period_event, @extschema@.assessment_subject, @extschema@.evaluation,
    @extschema@.target_result, @extschema@.work_memo, @extschema@.training_record, @extschema@.learning_plan,
    @extschema@.window_rating, @extschema@.complaint, @extschema@.retaliation,
    @extschema@.assessment_result, @extschema@.consequence_rule,
    @extschema@.assessment_input, @extschema@.assessment_input_normalised TO responsibility_reader;
REVOKE ALL ON @extschema@.complainant FROM responsibility_reader;
GRANT SELECT ON @extschema@.complainant TO responsibility_complaint_handler;
GRANT INSERT, DELETE ON @extschema@.assessment_period TO responsibility_writer;
GRANT UPDATE (scheme_id, unit_id, kind, span, excellent_quota) ON @extschema@.assessment_period TO responsibility_writer;
GRANT INSERT, UPDATE, DELETE ON @extschema@.assessment_scheme, @extschema@.scheme_dimension, @extschema@.scheme_source,
    @extschema@.assessment_subject, @extschema@.evaluation,
    @extschema@.target_result, @extschema@.work_memo, @extschema@.training_record, @extschema@.learning_plan,
    @extschema@.window_rating, @extschema@.complaint, @extschema@.retaliation, @extschema@.consequence_rule
    TO responsibility_writer;
GRANT INSERT ON @extschema@.complainant, @extschema@.period_event TO responsibility_writer;
-- Results, and a period's finalised flag and digest, are written by
-- period_event_apply() as the extension's owner: writers hold no right to them.
-- A person's role_name hides complaints from them: only admins set it.
REVOKE UPDATE ON @extschema@.person FROM responsibility_writer;
GRANT UPDATE (name, staff_no) ON @extschema@.person TO responsibility_writer;
GRANT UPDATE (name, staff_no, role_name) ON @extschema@.person TO responsibility_admin;
GRANT USAGE ON @extschema@.scheme_id_seq, @extschema@.period_id_seq, @extschema@.memo_id_seq,
    @extschema@.training_id_seq, @extschema@.rating_id_seq, @extschema@.complaint_id_seq,
    @extschema@.retaliation_id_seq TO responsibility_writer;

REVOKE ALL ON FUNCTION @extschema@.scheme_check(), @extschema@.scheme_part_guard(), @extschema@.period_check(),
    @extschema@.subject_fill(), @extschema@.evaluation_check(), @extschema@.dated_input_check(),
    @extschema@.period_event_apply(), @extschema@.assessment_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.create_default_scheme(text, text), @extschema@.activate_scheme(bigint),
    @extschema@.enrol_period(bigint), @extschema@.finalise_period(bigint, bigint, timestamptz),
    @extschema@.reopen_period(bigint, bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.create_default_scheme(text, text), @extschema@.activate_scheme(bigint),
    @extschema@.enrol_period(bigint), @extschema@.finalise_period(bigint, bigint, timestamptz),
    @extschema@.reopen_period(bigint, bigint, text, timestamptz) TO responsibility_writer;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assessment_scheme', 'scheme_dimension', 'scheme_source', 'assessment_period',
                             'period_event', 'assessment_subject', 'evaluation', 'target_result', 'work_memo',
                             'training_record', 'learning_plan', 'window_rating', 'complaint', 'complainant',
                             'retaliation', 'assessment_result'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
    ALTER TABLE @extschema@.consequence_rule ENABLE ROW LEVEL SECURITY;
    CREATE POLICY defaults_visible ON @extschema@.consequence_rule FOR SELECT USING (tenant_id IS NULL);
    COMMENT ON POLICY defaults_visible ON @extschema@.consequence_rule IS
        'Everyone who may read the table reads the defaults (tenant_id NULL); only the extension''s owner changes them';
    CREATE POLICY tenant_isolation ON @extschema@.consequence_rule
        USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
        WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()));
    COMMENT ON POLICY tenant_isolation ON @extschema@.consequence_rule IS
        'A tenant''s own rows, which override the defaults of the same code: rows of the tenants the role belongs to; writes go to the current tenant';
END
$policies$;

-- The person complained about never reads who complained, whatever roles
-- they hold.
CREATE POLICY not_about_me ON @extschema@.complainant AS RESTRICTIVE FOR SELECT
    USING (NOT EXISTS (SELECT FROM @extschema@.complaint c
                         JOIN @extschema@.person p ON p.tenant_id OPERATOR(pg_catalog.=) c.tenant_id
                                                  AND p.person_id OPERATOR(pg_catalog.=) c.person_id
                         JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) p.role_name
                        WHERE c.tenant_id OPERATOR(pg_catalog.=) complainant.tenant_id
                          AND c.complaint_id OPERATOR(pg_catalog.=) complainant.complaint_id
                          AND (r.rolname OPERATOR(pg_catalog.=) SESSION_USER
                               OR pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER'))));
COMMENT ON POLICY not_about_me ON @extschema@.complainant IS
    'Who complained stays hidden from the person complained about (person.role_name): from their login and from any role they become, even one that handles complaints';
