-- Privileges and row-level security of the tables added in 0.3.0 (absences
-- and the catalogue), as 80_security.sql does for the organisation.

REVOKE ALL ON @extschema@.absence, @extschema@.duty, @extschema@.duty_owner, @extschema@.power,
    @extschema@.power_duty, @extschema@.process, @extschema@.process_step, @extschema@.step_owner,
    @extschema@.step_handoff FROM PUBLIC;
GRANT SELECT ON @extschema@.absence, @extschema@.duty, @extschema@.duty_owner, @extschema@.power,
    @extschema@.power_duty, @extschema@.process, @extschema@.process_step, @extschema@.step_owner,
    @extschema@.step_handoff TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.absence, @extschema@.duty, @extschema@.duty_owner, @extschema@.power,
    @extschema@.power_duty, @extschema@.process, @extschema@.process_step, @extschema@.step_owner,
    @extschema@.step_handoff TO responsibility_writer;
GRANT USAGE ON @extschema@.absence_id_seq, @extschema@.duty_id_seq, @extschema@.duty_owner_id_seq,
    @extschema@.power_id_seq, @extschema@.process_id_seq, @extschema@.step_id_seq,
    @extschema@.step_owner_id_seq TO responsibility_writer;
REVOKE ALL ON FUNCTION @extschema@.absence_from_tenure() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.check_within() FROM PUBLIC;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['absence', 'duty', 'duty_owner', 'power', 'power_duty', 'process',
                             'process_step', 'step_owner', 'step_handoff'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;
