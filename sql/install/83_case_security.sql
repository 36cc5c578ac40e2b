-- Privileges and row-level security of cases and sanctions (see
-- 80_security.sql).  Writers open cases, record transitions and decide
-- sanctions, by INSERT; the triggers of 77_case_engine.sql that write the
-- trace and update cases and sanctions run as the extension's owner, so
-- writers hold no other right to them.

REVOKE ALL ON @extschema@.accountability_case, @extschema@.case_trace, @extschema@.case_event,
    @extschema@.sanction, @extschema@.case_limit, @extschema@.sanction_band,
    @extschema@.case_transition_rule, @extschema@.sanction_kind FROM PUBLIC;
GRANT SELECT ON @extschema@.accountability_case, @extschema@.case_trace, @extschema@.case_event,
    @extschema@.sanction, @extschema@.case_limit, @extschema@.sanction_band,
    @extschema@.case_transition_rule, @extschema@.sanction_kind TO responsibility_reader;
GRANT INSERT ON @extschema@.accountability_case, @extschema@.case_event, @extschema@.sanction TO responsibility_writer;
GRANT INSERT, UPDATE, DELETE ON @extschema@.case_limit, @extschema@.sanction_band TO responsibility_writer;
GRANT USAGE ON @extschema@.case_id_seq, @extschema@.sanction_id_seq TO responsibility_writer;
REVOKE ALL ON FUNCTION @extschema@.case_open(), @extschema@.case_opened(), @extschema@.case_event_apply(),
    @extschema@.case_guard(), @extschema@.sanction_apply() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.open_case(bigint, bigint, bigint, timestamptz),
    @extschema@.case_advance(bigint, @extschema@.case_state, bigint, text, timestamptz),
    @extschema@.case_extend(bigint, bigint, text, timestamptz),
    @extschema@.decide_sanction(bigint, text, integer, integer, boolean, boolean, boolean, timestamptz),
    @extschema@.establish_false_accusation(bigint, bigint, bigint, text),
    @extschema@.case_waive(bigint, bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.open_case(bigint, bigint, bigint, timestamptz),
    @extschema@.case_advance(bigint, @extschema@.case_state, bigint, text, timestamptz),
    @extschema@.case_extend(bigint, bigint, text, timestamptz),
    @extschema@.decide_sanction(bigint, text, integer, integer, boolean, boolean, boolean, timestamptz),
    @extschema@.establish_false_accusation(bigint, bigint, bigint, text),
    @extschema@.case_waive(bigint, bigint, text, timestamptz)
    TO responsibility_writer;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['accountability_case', 'case_trace', 'case_event', 'sanction'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['case_limit', 'sanction_band'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY defaults_visible ON @extschema@.%I FOR SELECT
            USING (tenant_id IS NULL)$p$, t);
        EXECUTE format($c$COMMENT ON POLICY defaults_visible ON @extschema@.%I IS
            'Everyone who may read the table reads the defaults (tenant_id NULL); only the extension''s owner changes them'$c$, t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'A tenant''s own rows, which override the defaults: rows of the tenants the role belongs to; writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;
