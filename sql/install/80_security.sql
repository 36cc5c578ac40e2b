-- Privileges and row-level security.  Nothing is for PUBLIC; the extension's
-- roles get what they need.  Every tenant table is isolated by a policy on
-- visible_tenants() (role membership), and writes go to the current tenant.

REVOKE ALL ON ALL TABLES IN SCHEMA @extschema@ FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA @extschema@ FROM PUBLIC;
GRANT USAGE ON SCHEMA @extschema@ TO responsibility_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA @extschema@ TO responsibility_reader;
-- Internal tables: written by SECURITY DEFINER triggers, read by the C engines.
REVOKE ALL ON @extschema@.org_change, @extschema@.tree_guard FROM responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.unit, @extschema@.position, @extschema@.person,
    @extschema@.assignment, @extschema@.charge TO responsibility_writer;
GRANT USAGE ON @extschema@.unit_id_seq, @extschema@.position_id_seq, @extschema@.person_id_seq,
    @extschema@.assignment_id_seq, @extschema@.charge_id_seq TO responsibility_writer;
GRANT INSERT, UPDATE, DELETE ON @extschema@.tenant, @extschema@.tenant_member TO responsibility_admin;
GRANT USAGE ON @extschema@.tenant_id_seq TO responsibility_admin;

REVOKE ALL ON FUNCTION @extschema@.invalidate_caches() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.log_org_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.prune_org_change(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.check_acyclic() FROM PUBLIC;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['unit', 'position', 'person', 'assignment', 'charge', 'org_change', 'tree_guard'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;

-- A role sees the tenants it belongs to, and its own memberships.  (These
-- policies must not call visible_tenants(), which reads the tenant table.)
ALTER TABLE @extschema@.tenant ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_visible ON @extschema@.tenant
    USING (@extschema@.is_tenant_member(tenant_id)
           OR @extschema@.is_member_of('responsibility_admin'::pg_catalog.name));
COMMENT ON POLICY tenant_visible ON @extschema@.tenant IS
    'Members see their tenants; responsibility_admin sees and manages all';
ALTER TABLE @extschema@.tenant_member ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_visible ON @extschema@.tenant_member
    USING (@extschema@.is_member_of(role_name)
           OR @extschema@.is_member_of('responsibility_admin'::pg_catalog.name));
COMMENT ON POLICY member_visible ON @extschema@.tenant_member IS
    'A role sees its own memberships; responsibility_admin sees and manages all';
