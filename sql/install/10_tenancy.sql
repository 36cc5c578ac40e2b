-- Tenancy.  Every table carries tenant_id and every key leads with it, so one
-- database holds several jurisdictions or companies and can later be
-- distributed by tenant (Citus).  Isolation rests on role membership
-- (tenant_member); the setting responsibility.tenant only chooses among the
-- tenants a role belongs to.

CREATE SEQUENCE @extschema@.tenant_id_seq AS integer START 2;

CREATE TABLE @extschema@.tenant (
    tenant_id   integer PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.tenant_id_seq'),
    code        text NOT NULL UNIQUE
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{0,62}$'),
    name        text NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false
);
ALTER SEQUENCE @extschema@.tenant_id_seq OWNED BY @extschema@.tenant.tenant_id;
COMMENT ON TABLE @extschema@.tenant IS
    'A jurisdiction or company (租户); all its data is isolated from other tenants';
COMMENT ON COLUMN @extschema@.tenant.code IS
    'Short name used in the setting responsibility.tenant (lower case, digits, underscore)';
COMMENT ON COLUMN @extschema@.tenant.is_builtin IS
    'True for the default tenant the extension creates; pg_dump leaves built-in rows to CREATE EXTENSION';

CREATE TABLE @extschema@.tenant_member (
    tenant_id   integer NOT NULL REFERENCES @extschema@.tenant ON DELETE CASCADE,
    role_name   name NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, role_name)
);
COMMENT ON TABLE @extschema@.tenant_member IS
    'Which roles belong to which tenant: a role sees the tenants of every role it is a member of';

INSERT INTO @extschema@.tenant (tenant_id, code, name, is_builtin)
    VALUES (1, 'default', 'Default tenant', true);
-- Single-tenant use: everyone granted an extension role works in the default
-- tenant.  A multi-tenant database deletes this row.
INSERT INTO @extschema@.tenant_member (tenant_id, role_name, is_builtin)
    VALUES (1, 'responsibility_reader', true);

-- Is the current role a member of this role?  False, not an error, for a
-- role that no longer exists (a stale tenant_member row must not break
-- every query).
CREATE FUNCTION @extschema@.is_member_of(role_name name) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT FROM pg_catalog.pg_roles r
                    WHERE r.rolname OPERATOR(pg_catalog.=) is_member_of.role_name
                      AND pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER'));
COMMENT ON FUNCTION @extschema@.is_member_of(name) IS
    'Is the current role a member of this role (false when the role does not exist)?';

-- Does the current role belong to the tenant?  Superusers belong to all.
CREATE FUNCTION @extschema@.is_tenant_member(tenant_id integer) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
        OR EXISTS (SELECT FROM @extschema@.tenant_member m
                    WHERE m.tenant_id OPERATOR(pg_catalog.=) is_tenant_member.tenant_id
                      AND @extschema@.is_member_of(m.role_name));
COMMENT ON FUNCTION @extschema@.is_tenant_member(integer) IS
    'Does the current role belong to the tenant (through tenant_member, or as a superuser)?';

-- The tenant rule, uncached.  current_tenant() and visible_tenants() (C,
-- src/tenant.c) keep their answers per role and setting and call these when
-- tenant, tenant_member or role membership changed.

-- The tenants the current role belongs to, narrowed to the one named by
-- responsibility.tenant when that is set.
CREATE FUNCTION @extschema@.resolve_visible_tenants() RETURNS integer[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(array_agg(t.tenant_id ORDER BY t.tenant_id), '{}')
      FROM @extschema@.tenant t
     WHERE @extschema@.is_tenant_member(t.tenant_id)
       AND (coalesce(current_setting('responsibility.tenant', true), '') = ''
            OR t.code OPERATOR(pg_catalog.=) current_setting('responsibility.tenant', true))
$$;
COMMENT ON FUNCTION @extschema@.resolve_visible_tenants() IS
    'The rule behind visible_tenants(), evaluated afresh (visible_tenants() caches it)';

-- The tenant this session works in: the one named by responsibility.tenant,
-- else the default tenant, else the only tenant the role belongs to.
CREATE FUNCTION @extschema@.resolve_current_tenant() RETURNS integer
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    setting text := coalesce(current_setting('responsibility.tenant', true), '');
    mine integer[];
    found integer;
BEGIN
    SELECT coalesce(array_agg(tenant_id), '{}') INTO mine
      FROM @extschema@.tenant
     WHERE @extschema@.is_tenant_member(tenant_id);
    IF setting <> '' THEN
        -- tenant rows are visible to their members only (and to admins)
        SELECT tenant_id INTO found FROM @extschema@.tenant WHERE code = setting;
        IF found IS NULL OR NOT found = ANY (mine) THEN
            IF found IS NULL AND @extschema@.is_member_of('responsibility_admin'::pg_catalog.name) THEN
                RAISE EXCEPTION 'tenant "%" does not exist', setting
                    USING ERRCODE = 'undefined_object',
                          HINT = 'Set responsibility.tenant to the code of an existing tenant.';
            END IF;
            RAISE EXCEPTION 'permission denied for tenant "%"', setting
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = format('Role "%s" is not a member of a tenant with this code.', CURRENT_USER),
                      HINT = 'Ask an administrator to add one of your roles to responsibility.tenant_member.';
        END IF;
        RETURN found;
    END IF;
    IF 1 = ANY (mine) THEN
        RETURN 1;
    END IF;
    IF cardinality(mine) = 1 THEN
        RETURN mine[1];
    END IF;
    RAISE EXCEPTION 'no current tenant'
        USING ERRCODE = 'undefined_object',
              DETAIL = format('Role "%s" belongs to %s tenants.', CURRENT_USER, cardinality(mine)),
              HINT = 'Set responsibility.tenant to the code of the tenant to work in.';
END
$$;
COMMENT ON FUNCTION @extschema@.resolve_current_tenant() IS
    'The rule behind current_tenant(), evaluated afresh (current_tenant() caches it)';

-- The cached forms, used by every column default, policy and engine.
CREATE FUNCTION @extschema@.current_tenant() RETURNS integer
    AS 'MODULE_PATHNAME', 'current_tenant'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.current_tenant() IS
    'The tenant this session works in (responsibility.tenant, else the default tenant, else the role''s only tenant); errors if the role is not a member. Cached per role and setting.';
CREATE FUNCTION @extschema@.visible_tenants() RETURNS integer[]
    AS 'MODULE_PATHNAME', 'visible_tenants'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.visible_tenants() IS
    'Tenants the current role may see: those it is a member of, narrowed to responsibility.tenant when that is set. Cached per role and setting; used by every RLS policy.';

-- The cached answers are dropped when the tables of the rule change.
CREATE TRIGGER tenant_invalidate_caches
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tenant
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
CREATE TRIGGER tenant_member_invalidate_caches
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tenant_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
ALTER TABLE @extschema@.tenant ENABLE ALWAYS TRIGGER tenant_invalidate_caches;
ALTER TABLE @extschema@.tenant_member ENABLE ALWAYS TRIGGER tenant_member_invalidate_caches;

CREATE FUNCTION @extschema@.set_tenant(code text) RETURNS integer
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM set_config('responsibility.tenant', code, false);
    RETURN @extschema@.current_tenant();
END
$$;
COMMENT ON FUNCTION @extschema@.set_tenant(text) IS
    'Makes the session work in the tenant with this code (checks membership) and returns its id';
