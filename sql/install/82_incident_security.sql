-- Privileges and row-level security of the incidents and the back-trace's
-- policy, as 80_security.sql does for the organisation.  A tenant reads the
-- default rules (tenant_id NULL) and its own, and writes only its own.

REVOKE ALL ON @extschema@.incident, @extschema@.incident_actor, @extschema@.trace_rule,
    @extschema@.trace_reach, @extschema@.trace_category FROM PUBLIC;
GRANT SELECT ON @extschema@.incident, @extschema@.incident_actor, @extschema@.trace_rule,
    @extschema@.trace_reach, @extschema@.trace_category TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.incident, @extschema@.incident_actor, @extschema@.trace_rule,
    @extschema@.trace_reach, @extschema@.trace_category TO responsibility_writer;
GRANT USAGE ON @extschema@.incident_id_seq TO responsibility_writer;
REVOKE ALL ON FUNCTION @extschema@.incident_not_in_future() FROM PUBLIC;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['incident', 'incident_actor'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['trace_rule', 'trace_reach', 'trace_category'] LOOP
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
