-- Privileges and row-level security of the supervision of approvals (see
-- 80_security.sql).  Writers keep items, applications and their facts,
-- audits and findings, and run supervise(), finding_incident() and
-- circulate_criticism(); readers read everything, the announcements too.
-- The policy's defaults (tenant_id NULL) are read by all and changed only
-- by the extension's owner; a tenant's admins write its own overrides.

REVOKE ALL ON @extschema@.supervision_policy, @extschema@.supervision_score_rule, @extschema@.approval_item,
    @extschema@.approval_fee, @extschema@.application, @extschema@.application_step, @extschema@.application_pause,
    @extschema@.application_extension, @extschema@.application_fee, @extschema@.supervision_card,
    @extschema@.audit, @extschema@.audit_finding, @extschema@.supervision_score_entry,
    @extschema@.circulated_criticism FROM PUBLIC;
GRANT SELECT ON @extschema@.supervision_policy, @extschema@.supervision_score_rule, @extschema@.approval_item,
    @extschema@.approval_fee, @extschema@.application, @extschema@.application_step, @extschema@.application_pause,
    @extschema@.application_extension, @extschema@.application_fee, @extschema@.supervision_card,
    @extschema@.audit, @extschema@.audit_finding, @extschema@.supervision_score_entry,
    @extschema@.circulated_criticism TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.approval_item, @extschema@.approval_fee, @extschema@.application, @extschema@.application_step,
    @extschema@.application_pause, @extschema@.application_extension, @extschema@.application_fee,
    @extschema@.audit, @extschema@.audit_finding, @extschema@.supervision_score_entry TO responsibility_writer;
-- The policy that supervises the writers is the admins' to change.
GRANT INSERT, UPDATE, DELETE ON @extschema@.supervision_policy, @extschema@.supervision_score_rule TO responsibility_admin;
-- Cards and criticisms are issued by supervise() and circulate_criticism():
-- writers add, never rewrite or delete, and a red card comes with its
-- incident (supervision_card_check()).
GRANT INSERT ON @extschema@.supervision_card, @extschema@.circulated_criticism TO responsibility_writer;
GRANT USAGE ON @extschema@.approval_item_id_seq, @extschema@.application_id_seq, @extschema@.pause_id_seq,
    @extschema@.fee_id_seq, @extschema@.audit_id_seq, @extschema@.finding_id_seq, @extschema@.criticism_id_seq
    TO responsibility_writer;

REVOKE ALL ON FUNCTION @extschema@.approval_item_fill(), @extschema@.approval_fee_check(),
    @extschema@.application_check(), @extschema@.application_fact_check(), @extschema@.application_touch(),
    @extschema@.application_clocks_refresh(), @extschema@.application_clocks_calendar(),
    @extschema@.supervision_card_check(), @extschema@.score_rule_check() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.decide_application(bigint, @extschema@.application_outcome, bigint, text, timestamptz),
    @extschema@.supervise(bigint, timestamptz, date), @extschema@.finding_incident(bigint),
    @extschema@.circulate_criticism(daterange, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.decide_application(bigint, @extschema@.application_outcome, bigint, text, timestamptz),
    @extschema@.supervise(bigint, timestamptz, date), @extschema@.finding_incident(bigint),
    @extschema@.circulate_criticism(daterange, date) TO responsibility_writer;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['approval_item', 'approval_fee', 'application', 'application_step', 'application_pause',
                             'application_extension', 'application_fee', 'supervision_card', 'audit', 'audit_finding',
                             'supervision_score_entry', 'circulated_criticism'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['supervision_policy', 'supervision_score_rule'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY defaults_visible ON @extschema@.%I FOR SELECT USING (tenant_id IS NULL)$p$, t);
        EXECUTE format($c$COMMENT ON POLICY defaults_visible ON @extschema@.%I IS
            'Everyone who may read the table reads the defaults (tenant_id NULL); only the extension''s owner changes them'$c$, t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'A tenant''s own rows, which override the defaults of the same code: rows of the tenants the role belongs to; writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;
