-- responsibility: install script, built by concatenating sql/install/*.sql
-- in name order.  Every object is @extschema@-qualified, built-ins are
-- pg_catalog-qualified and every SQL function pins its search_path.
\echo Use "CREATE EXTENSION responsibility" to load this file. \quit

-- The schema must be the installer's own: a schema of the same name that
-- another role created beforehand would let it add objects (overloads) that
-- the extension's functions then call with the caller's rights.
DO $guard$
BEGIN
    IF (SELECT n.nspowner FROM pg_catalog.pg_namespace n
         WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@')
       OPERATOR(pg_catalog.<>)
       (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
    THEN
        RAISE EXCEPTION 'schema "@extschema@" belongs to another role'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Drop the schema, or have its owner install the extension; CREATE EXTENSION creates the schema itself.';
    END IF;
END
$guard$;

-- The extension's roles are cluster-wide: a second database that installs
-- the extension finds them already there.  Privileges are granted to them at
-- the end of the script (sql/install/80_security.sql).
--   responsibility_reader  reads the organisation and calls read functions
--   responsibility_writer  also records units, posts, persons, assignments
--   responsibility_admin   also manages tenants, their members and calendars
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_reader') THEN
        CREATE ROLE responsibility_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_writer') THEN
        CREATE ROLE responsibility_writer NOLOGIN IN ROLE responsibility_reader;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_admin') THEN
        CREATE ROLE responsibility_admin NOLOGIN IN ROLE responsibility_writer;
    END IF;
END
$roles$;

-- The C trigger behind every per-backend cache (src/cache_inval.c).
CREATE FUNCTION @extschema@.invalidate_caches() RETURNS trigger
    AS 'MODULE_PATHNAME', 'invalidate_caches' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.invalidate_caches() IS
    'Statement trigger on cached tables: sends a relcache invalidation so that every backend drops its cache of the table';
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
-- The organisation over time (R1, R3): units in a tree with their "three
-- fixes", positions that answer to other positions, deputies in charge of
-- units or domains, persons, and who held which post when.

CREATE TYPE @extschema@.unit_kind AS ENUM ('decision', 'executing', 'supervising', 'other');
COMMENT ON TYPE @extschema@.unit_kind IS
    'Kind of unit: decision-making 决策, executing 执行, supervising 监督, other 其他';

CREATE TYPE @extschema@.position_kind AS ENUM ('head', 'deputy', 'leader', 'chief', 'staff');
COMMENT ON TYPE @extschema@.position_kind IS
    'Kind of post: head 一把手 (正职), deputy 副职, member of the leadership team 班子成员, section chief 科室负责人, staff 工作人员';

CREATE TYPE @extschema@.tenure_kind AS ENUM ('holder', 'acting', 'concurrent');
COMMENT ON TYPE @extschema@.tenure_kind IS
    'How a post is held: by its holder 任职, by an acting holder 代理/主持工作, or concurrently with another post 兼职';

-- Labels of every code the extension shows people, in English and Chinese.
CREATE TABLE @extschema@.label (
    domain      text NOT NULL,
    code        text NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    PRIMARY KEY (domain, code)
);
COMMENT ON TABLE @extschema@.label IS
    'English and Chinese labels of the codes the extension uses (kinds of unit, post and tenure; roles in a chain)';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('unit_kind', 'decision', 'decision-making', '决策'),
    ('unit_kind', 'executing', 'executing', '执行'),
    ('unit_kind', 'supervising', 'supervising', '监督'),
    ('unit_kind', 'other', 'other', '其他'),
    ('position_kind', 'head', 'head', '一把手'),
    ('position_kind', 'deputy', 'deputy', '副职'),
    ('position_kind', 'leader', 'member of the leadership team', '班子成员'),
    ('position_kind', 'chief', 'section chief', '科室负责人'),
    ('position_kind', 'staff', 'staff', '工作人员'),
    ('tenure_kind', 'holder', 'holder', '任职'),
    ('tenure_kind', 'acting', 'acting', '代理'),
    ('tenure_kind', 'concurrent', 'concurrent', '兼职'),
    ('tenure_kind', 'vacant', 'vacant', '空缺'),
    ('chain_role', 'post', 'the post', '岗位'),
    ('chain_role', 'superior', 'superior', '上级'),
    ('chain_role', 'unit_head', 'head of a unit', '单位主要负责人'),
    ('chain_role', 'in_charge', 'leader in charge', '分管领导'),
    ('chain_role', 'head', 'head', '一把手');

CREATE SEQUENCE @extschema@.unit_id_seq AS bigint;
CREATE TABLE @extschema@.unit (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant()
                REFERENCES @extschema@.tenant,
    unit_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.unit_id_seq'),
    parent_id   bigint,
    code        text,
    name        text NOT NULL,
    kind        @extschema@.unit_kind NOT NULL DEFAULT 'executing',
    functions   text[] NOT NULL DEFAULT '{}',
    internal_structure text,
    staffing_quota integer CHECK (staffing_quota OPERATOR(pg_catalog.>=) 0),
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, unit_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CHECK (parent_id OPERATOR(pg_catalog.<>) unit_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.unit_id_seq OWNED BY @extschema@.unit.unit_id;
CREATE INDEX ON @extschema@.unit (tenant_id, parent_id);
COMMENT ON TABLE @extschema@.unit IS
    'Units and departments (单位/部门) in a tree, with their three fixes (三定): functions, internal structure, staffing quota';
COMMENT ON COLUMN @extschema@.unit.parent_id IS 'The unit this one belongs to; NULL for a top unit';
COMMENT ON COLUMN @extschema@.unit.functions IS 'Functions (职能) assigned by the three fixes, one item each';
COMMENT ON COLUMN @extschema@.unit.internal_structure IS 'Internal structure (内设机构) set by the three fixes';
COMMENT ON COLUMN @extschema@.unit.staffing_quota IS 'Staffing quota (编制) set by the three fixes';
COMMENT ON COLUMN @extschema@.unit.valid IS 'When the unit existed';

CREATE SEQUENCE @extschema@.position_id_seq AS bigint;
CREATE TABLE @extschema@.position (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    position_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.position_id_seq'),
    unit_id     bigint NOT NULL,
    title       text NOT NULL,
    kind        @extschema@.position_kind NOT NULL DEFAULT 'staff',
    reports_to  bigint,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, position_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, reports_to) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (reports_to OPERATOR(pg_catalog.<>) position_id),
    CONSTRAINT position_ids_positive CHECK (position_id OPERATOR(pg_catalog.>) 0 AND reports_to OPERATOR(pg_catalog.>) 0),
    CHECK (NOT pg_catalog.isempty(valid)),
    -- One head (一把手) per unit at any time.
    EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), unit_id WITH OPERATOR(pg_catalog.=),
                        valid WITH OPERATOR(pg_catalog.&&)) WHERE (kind OPERATOR(pg_catalog.=) 'head')
);
ALTER SEQUENCE @extschema@.position_id_seq OWNED BY @extschema@.position.position_id;
CREATE INDEX ON @extschema@.position (tenant_id, reports_to);
CREATE INDEX ON @extschema@.position (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.position IS
    'Posts (岗位) in units; each answers to another post, up to the head of the top unit';
COMMENT ON COLUMN @extschema@.position.reports_to IS
    'The post this one answers to (deputy → head, staff → section chief …); NULL for the head of a top unit';
COMMENT ON COLUMN @extschema@.position.valid IS 'When the post existed';

CREATE SEQUENCE @extschema@.person_id_seq AS bigint;
CREATE TABLE @extschema@.person (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant()
                REFERENCES @extschema@.tenant,
    person_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.person_id_seq'),
    name        text NOT NULL,
    staff_no    text,
    PRIMARY KEY (tenant_id, person_id),
    UNIQUE (tenant_id, staff_no),
    CONSTRAINT person_id_positive CHECK (person_id OPERATOR(pg_catalog.>) 0)
);
ALTER SEQUENCE @extschema@.person_id_seq OWNED BY @extschema@.person.person_id;
COMMENT ON TABLE @extschema@.person IS 'Persons who hold posts (责任人)';
COMMENT ON COLUMN @extschema@.person.staff_no IS 'The organisation''s own staff number, unique in the tenant';

CREATE SEQUENCE @extschema@.assignment_id_seq AS bigint;
CREATE TABLE @extschema@.assignment (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    assignment_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.assignment_id_seq'),
    position_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    during      tstzrange NOT NULL,
    tenure      @extschema@.tenure_kind NOT NULL DEFAULT 'holder',
    note        text,
    PRIMARY KEY (tenant_id, assignment_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK (NOT pg_catalog.isempty(during)),
    -- At most one holder of a post at any instant.
    CONSTRAINT assignment_one_holder_at_a_time
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), position_id WITH OPERATOR(pg_catalog.=),
                            during WITH OPERATOR(pg_catalog.&&))
);
ALTER SEQUENCE @extschema@.assignment_id_seq OWNED BY @extschema@.assignment.assignment_id;
CREATE INDEX ON @extschema@.assignment (tenant_id, person_id);
-- A post's tenures in time order, by btree probes (the organisation image
-- reads them so, and plain queries stay on btree under row-level security).
CREATE INDEX assignment_position_during_idx ON @extschema@.assignment (tenant_id, position_id, during);
COMMENT ON TABLE @extschema@.assignment IS
    'Who held which post when (任职): at most one holder of a post at any instant; acting and concurrent tenures are marked';
COMMENT ON COLUMN @extschema@.assignment.during IS 'When the person held the post: [from, to), to open-ended while in office';

CREATE SEQUENCE @extschema@.charge_id_seq AS bigint;
CREATE TABLE @extschema@.charge (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    charge_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.charge_id_seq'),
    position_id bigint NOT NULL,
    unit_id     bigint,
    domain      text,
    during      tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, charge_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CHECK (pg_catalog.num_nonnulls(unit_id, domain) OPERATOR(pg_catalog.=) 1),
    CHECK (NOT pg_catalog.isempty(during)),
    -- One leader in charge of a unit at any instant.
    CONSTRAINT charge_one_leader_per_unit
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), unit_id WITH OPERATOR(pg_catalog.=),
                            during WITH OPERATOR(pg_catalog.&&)) WHERE (unit_id IS NOT NULL)
);
ALTER SEQUENCE @extschema@.charge_id_seq OWNED BY @extschema@.charge.charge_id;
CREATE INDEX ON @extschema@.charge (tenant_id, position_id);
CREATE INDEX charge_unit_during_idx ON @extschema@.charge (tenant_id, unit_id, during);
COMMENT ON TABLE @extschema@.charge IS
    'Deputies in charge (分管) of units or domains over time; a command chain passes from the head of a unit to the leader in charge of it';
COMMENT ON COLUMN @extschema@.charge.position_id IS 'The post in charge (usually a deputy)';
COMMENT ON COLUMN @extschema@.charge.unit_id IS 'The unit in charge of, or NULL for a domain';
COMMENT ON COLUMN @extschema@.charge.domain IS 'A domain (领域) in charge of, such as work safety, when not a unit';

-- Trees must not loop: units under units, posts answering to posts.
--
-- Changes to the parent links of one tenant's tree take turns: each first
-- updates the tree's row in tree_guard, so a concurrent change waits for it
-- to end, then (READ COMMITTED) walks the tree under a new snapshot that
-- sees it, or (REPEATABLE READ, SERIALIZABLE) fails with a serialization
-- error.  Only a row with rows below it can close a loop; from such a row
-- the walk goes up to the root, however deep: it cannot run on forever,
-- since the tree had no loop before.
CREATE TABLE @extschema@.tree_guard (
    tenant_id   integer NOT NULL REFERENCES @extschema@.tenant ON DELETE CASCADE,
    tree        name NOT NULL,
    changes     bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, tree)
);
COMMENT ON TABLE @extschema@.tree_guard IS
    'Internal: one row per tenant and tree (unit, position), updated by every change to the tree''s parent links so that concurrent changes take turns';

CREATE FUNCTION @extschema@.check_acyclic() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    id bigint;
    parent bigint;
    cur bigint;
    steps bigint := 0;
    bound bigint;
BEGIN
    IF TG_TABLE_NAME = 'unit' THEN
        id := NEW.unit_id;  cur := NEW.parent_id;
        IF TG_OP = 'UPDATE' AND cur IS NOT DISTINCT FROM OLD.parent_id THEN RETURN NEW; END IF;
    ELSE
        id := NEW.position_id;  cur := NEW.reports_to;
        IF TG_OP = 'UPDATE' AND cur IS NOT DISTINCT FROM OLD.reports_to THEN RETURN NEW; END IF;
    END IF;
    IF cur IS NULL THEN
        RETURN NEW;
    END IF;
    parent := cur;
    -- Take the tree's turn, once per transaction.
    IF NOT EXISTS (SELECT FROM @extschema@.tree_guard g
                    WHERE g.tenant_id = NEW.tenant_id AND g.tree = TG_TABLE_NAME
                      AND g.xmin = pg_current_xact_id()::xid) THEN
        INSERT INTO @extschema@.tree_guard AS g (tenant_id, tree) VALUES (NEW.tenant_id, TG_TABLE_NAME)
            ON CONFLICT (tenant_id, tree) DO UPDATE SET changes = g.changes + 1;
    END IF;
    -- Only a post or unit with something below it can close a loop (or one
    -- made its own parent).
    IF cur = id THEN
        NULL;
    ELSIF TG_TABLE_NAME = 'unit' THEN
        IF NOT EXISTS (SELECT FROM @extschema@.unit u
                        WHERE u.tenant_id = NEW.tenant_id AND u.parent_id = id) THEN
            RETURN NEW;
        END IF;
    ELSIF NOT EXISTS (SELECT FROM @extschema@.position p
                       WHERE p.tenant_id = NEW.tenant_id AND p.reports_to = id) THEN
        RETURN NEW;
    END IF;
    LOOP
        IF cur = id THEN
            RAISE EXCEPTION '% of % % would form a cycle',
                  CASE TG_TABLE_NAME WHEN 'unit' THEN 'parent_id' ELSE 'reports_to' END, TG_TABLE_NAME, id
                USING ERRCODE = 'invalid_recursion',
                      DETAIL = format('%s %s is below %s %s already.', TG_TABLE_NAME, parent, TG_TABLE_NAME, id),
                      HINT = 'A unit belongs to a unit above it and a post answers to a post above it.';
        END IF;
        IF TG_TABLE_NAME = 'unit' THEN
            SELECT u.parent_id INTO cur FROM @extschema@.unit u
             WHERE u.tenant_id = NEW.tenant_id AND u.unit_id = cur;
        ELSE
            SELECT p.reports_to INTO cur FROM @extschema@.position p
             WHERE p.tenant_id = NEW.tenant_id AND p.position_id = cur;
        END IF;
        EXIT WHEN cur IS NULL;
        steps := steps + 1;
        IF steps % 10000 = 0 AND bound IS NULL THEN
            -- a walk longer than the tree is in a loop made before the check
            EXECUTE format('SELECT count(*) FROM %I.%I WHERE tenant_id = $1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
                INTO bound USING NEW.tenant_id;
        END IF;
        IF steps > bound THEN
            RAISE EXCEPTION 'the % tree of tenant % already loops', TG_TABLE_NAME, NEW.tenant_id
                USING ERRCODE = 'invalid_recursion',
                      HINT = 'Rows loaded with triggers disabled formed a loop; correct them first.';
        END IF;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_acyclic() IS
    'Trigger on unit and position: rejects a parent unit or reporting line that would loop, also against concurrent changes';
CREATE TRIGGER unit_tree_acyclic
    BEFORE INSERT OR UPDATE OF parent_id ON @extschema@.unit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_acyclic();
CREATE TRIGGER position_reporting_line_acyclic
    BEFORE INSERT OR UPDATE OF reports_to ON @extschema@.position
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_acyclic();
-- The change log behind the organisation image (src/org_image.c).  Every
-- statement that writes position, assignment or charge logs the keys it
-- touched with its transaction id: a post ('p') or the unit whose leaders
-- in charge changed ('u'); a statement that touches more than 10,000 keys of
-- a tenant, or a TRUNCATE, logs the whole tenant ('a').  A reader whose
-- snapshot moved reads the rows of the transactions whose visibility
-- changed and drops only those entries.  Old rows are pruned by the writers
-- themselves; the prune leaves a row ('h') saying below which transaction
-- the log was emptied, so an image older than that starts afresh.

CREATE TABLE @extschema@.org_change (
    tenant_id   integer NOT NULL,
    xid         xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    kind        "char" NOT NULL,
    key         bigint NOT NULL
);
CREATE INDEX org_change_tenant_xid_idx ON @extschema@.org_change (tenant_id, xid);
COMMENT ON TABLE @extschema@.org_change IS
    'Internal: the keys each transaction changed in position, assignment and charge (p post, u unit, a whole tenant, h pruned below xid key), read by the organisation image';

-- Deletes the rows every snapshot sees and that are more than retain
-- transactions old, leaving an 'h' row per tenant.  Returns the rows deleted.
CREATE FUNCTION @extschema@.prune_org_change(retain bigint DEFAULT 1000000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    horizon bigint := least(pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
                            pg_current_xact_id()::text::bigint - greatest(retain, 0));
    n bigint;
BEGIN
    IF horizon <= 3 THEN
        RETURN 0;
    END IF;
    DELETE FROM @extschema@.org_change c WHERE c.xid < horizon::text::xid8;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        INSERT INTO @extschema@.org_change (tenant_id, kind, key)
            SELECT t.tenant_id, 'h', horizon FROM @extschema@.tenant t;
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.prune_org_change(bigint) IS
    'Internal: empties org_change of rows more than retain transactions old (default a million) that every snapshot sees; writers call it every 4096th transaction';

-- Statement trigger: logs the keys of the rows in the transition tables.
-- Arguments: the key column, the kind of key.
CREATE FUNCTION @extschema@.log_org_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rows_sql text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO @extschema@.org_change (tenant_id, kind, key)
            SELECT t.tenant_id, 'a', 0 FROM @extschema@.tenant t;
    ELSE
        rows_sql := CASE TG_OP
            WHEN 'INSERT' THEN 'SELECT tenant_id, %1$I AS key FROM new_rows'
            WHEN 'DELETE' THEN 'SELECT tenant_id, %1$I AS key FROM old_rows'
            ELSE 'SELECT tenant_id, %1$I AS key FROM new_rows UNION SELECT tenant_id, %1$I FROM old_rows' END;
        EXECUTE format('WITH changed AS (SELECT DISTINCT tenant_id, key FROM (' || rows_sql || ') r
                                          WHERE key IS NOT NULL),
                             per_tenant AS (SELECT tenant_id, count(*) AS n FROM changed GROUP BY tenant_id)
                        INSERT INTO @extschema@.org_change (tenant_id, kind, key)
                        SELECT c.tenant_id, $1, c.key
                          FROM changed c JOIN per_tenant t ON t.tenant_id = c.tenant_id
                         WHERE t.n <= 10000
                        UNION ALL
                        SELECT t.tenant_id, ''a'', 0 FROM per_tenant t WHERE t.n > 10000',
                       TG_ARGV[0])
            USING TG_ARGV[1]::"char";
    END IF;
    IF pg_current_xact_id()::text::bigint % 4096 = 0 THEN
        PERFORM @extschema@.prune_org_change();
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.log_org_change() IS
    'Statement trigger on position, assignment and charge: logs the keys the statement changed in org_change';

DO $triggers$
DECLARE
    t record;
    ev text;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('position', 'position_id', 'p'), ('assignment', 'position_id', 'p'),
                                   ('charge', 'unit_id', 'u')) v(tab, col, kind) LOOP
        FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format($q$CREATE TRIGGER %1$s_log_%2$s AFTER %3$s ON @extschema@.%1$I %4$s
                FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.log_org_change(%5$L, %6$L)$q$,
                t.tab, ev, upper(ev),
                CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                        WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                        WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                        ELSE '' END,
                t.col, t.kind);
            -- Always, also under logical replication and session_replication_role
            -- = replica: a change the log misses would stay in every image.
            EXECUTE format('ALTER TABLE @extschema@.%1$I ENABLE ALWAYS TRIGGER %1$s_log_%2$s', t.tab, ev);
        END LOOP;
    END LOOP;
END
$triggers$;
-- The rchain type: a responsibility chain at a moment (src/rchain_io.c,
-- src/rchain_op.c).  Text form:
--   [2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 12:in_charge:vacant > 1:head:3

CREATE TYPE @extschema@.rchain;

CREATE FUNCTION @extschema@.rchain_in(cstring) RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'rchain_in' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_out(@extschema@.rchain) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rchain_out' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_recv(internal) RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'rchain_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_send(@extschema@.rchain) RETURNS bytea
    AS 'MODULE_PATHNAME', 'rchain_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.rchain (
    INPUT = @extschema@.rchain_in,
    OUTPUT = @extschema@.rchain_out,
    RECEIVE = @extschema@.rchain_recv,
    SEND = @extschema@.rchain_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.rchain IS
    'Responsibility chain (责任链) at a moment: links from a post up to the head, each a position, its role in the chain and its holder then';
COMMENT ON FUNCTION @extschema@.rchain_in(cstring) IS 'Text input of rchain (depends on TimeZone, like timestamptz)';
COMMENT ON FUNCTION @extschema@.rchain_out(@extschema@.rchain) IS 'Text output of rchain (depends on DateStyle and TimeZone, like timestamptz)';
COMMENT ON FUNCTION @extschema@.rchain_recv(internal) IS 'Binary input of rchain (format version 1)';
COMMENT ON FUNCTION @extschema@.rchain_send(@extschema@.rchain) IS 'Binary output of rchain (format version 1)';

-- One link of a chain, as a row.
CREATE TYPE @extschema@.rlink AS (
    depth       integer,
    position_id bigint,
    role        text,
    person_id   bigint,
    tenure      text
);
COMMENT ON TYPE @extschema@.rlink IS
    'One link of an rchain: depth (1 = the post), position, role in the chain (post, superior, unit_head, in_charge, head), person (NULL when vacant), tenure (holder, acting, concurrent, vacant)';

CREATE FUNCTION @extschema@.rchain_eq(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_ne(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_lt(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_le(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_gt(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_ge(@extschema@.rchain, @extschema@.rchain) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_cmp(@extschema@.rchain, @extschema@.rchain) RETURNS integer
    AS 'MODULE_PATHNAME', 'rchain_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rchain_hash(@extschema@.rchain) RETURNS integer
    AS 'MODULE_PATHNAME', 'rchain_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contains_position(@extschema@.rchain, bigint) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_contains_position' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contains_person(@extschema@.rchain, bigint) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_contains_person' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.position_in(bigint, @extschema@.rchain) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN @extschema@.contains_position($2, $1);
CREATE FUNCTION @extschema@.length(@extschema@.rchain) RETURNS integer
    AS 'MODULE_PATHNAME', 'rchain_length' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.moment(@extschema@.rchain) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'rchain_moment' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.positions(@extschema@.rchain) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'rchain_positions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.persons(@extschema@.rchain) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'rchain_persons' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.link(@extschema@.rchain, integer) RETURNS @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_link' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.head(@extschema@.rchain) RETURNS @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_head' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.tail(@extschema@.rchain) RETURNS @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_tail' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.links(@extschema@.rchain)
    RETURNS SETOF @extschema@.rlink
    AS 'MODULE_PATHNAME', 'rchain_links' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;

COMMENT ON FUNCTION @extschema@.rchain_eq(@extschema@.rchain, @extschema@.rchain) IS 'Equal chains: same moment, same links';
COMMENT ON FUNCTION @extschema@.rchain_ne(@extschema@.rchain, @extschema@.rchain) IS 'Different chains';
COMMENT ON FUNCTION @extschema@.rchain_lt(@extschema@.rchain, @extschema@.rchain) IS 'Sorts before (by moment, then link by link from the post up)';
COMMENT ON FUNCTION @extschema@.rchain_le(@extschema@.rchain, @extschema@.rchain) IS 'Sorts before or equal';
COMMENT ON FUNCTION @extschema@.rchain_gt(@extschema@.rchain, @extschema@.rchain) IS 'Sorts after';
COMMENT ON FUNCTION @extschema@.rchain_ge(@extschema@.rchain, @extschema@.rchain) IS 'Sorts after or equal';
COMMENT ON FUNCTION @extschema@.rchain_cmp(@extschema@.rchain, @extschema@.rchain) IS 'Three-way comparison of chains (btree support)';
COMMENT ON FUNCTION @extschema@.rchain_hash(@extschema@.rchain) IS 'Hash of an rchain (for hash joins, GROUP BY, DISTINCT)';
COMMENT ON FUNCTION @extschema@.contains_position(@extschema@.rchain, bigint) IS 'Does the chain pass through this position? (operator @>)';
COMMENT ON FUNCTION @extschema@.contains_person(@extschema@.rchain, bigint) IS 'Did this person hold a post of the chain at its moment? (operator ~>)';
COMMENT ON FUNCTION @extschema@.position_in(bigint, @extschema@.rchain) IS 'Is this position in the chain? (operator <@)';
COMMENT ON FUNCTION @extschema@.length(@extschema@.rchain) IS 'Number of links in the chain';
COMMENT ON FUNCTION @extschema@.moment(@extschema@.rchain) IS 'The moment the chain describes';
COMMENT ON FUNCTION @extschema@.positions(@extschema@.rchain) IS 'The positions of the chain, from the post up';
COMMENT ON FUNCTION @extschema@.persons(@extschema@.rchain) IS 'The persons who held the chain''s posts, from the post up (vacancies left out)';
COMMENT ON FUNCTION @extschema@.link(@extschema@.rchain, integer) IS 'Link n, counted from 1 at the post; NULL when there is none';
COMMENT ON FUNCTION @extschema@.head(@extschema@.rchain) IS 'The top link: the head of the top unit (一把手), or the last post reached';
COMMENT ON FUNCTION @extschema@.tail(@extschema@.rchain) IS 'The bottom link: the post the chain starts from';
COMMENT ON FUNCTION @extschema@.links(@extschema@.rchain) IS 'One row per link, from the post up';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain,
    FUNCTION = @extschema@.rchain_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain,
    FUNCTION = @extschema@.rchain_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.rchain, RIGHTARG = @extschema@.rchain, FUNCTION = @extschema@.rchain_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.rchain, RIGHTARG = bigint,
    FUNCTION = @extschema@.contains_position,
    COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = bigint, RIGHTARG = @extschema@.rchain,
    FUNCTION = @extschema@.position_in,
    COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR @extschema@.~> (
    LEFTARG = @extschema@.rchain, RIGHTARG = bigint,
    FUNCTION = @extschema@.contains_person,
    RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.rchain, @extschema@.rchain) IS 'Equal chains';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rchain, @extschema@.rchain) IS 'Different chains';
COMMENT ON OPERATOR @extschema@.< (@extschema@.rchain, @extschema@.rchain) IS 'Sorts before';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.rchain, @extschema@.rchain) IS 'Sorts before or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.rchain, @extschema@.rchain) IS 'Sorts after';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.rchain, @extschema@.rchain) IS 'Sorts after or equal';
COMMENT ON OPERATOR @extschema@.@> (@extschema@.rchain, bigint) IS 'Chain contains position';
COMMENT ON OPERATOR @extschema@.<@ (bigint, @extschema@.rchain) IS 'Position is in chain';
COMMENT ON OPERATOR @extschema@.~> (@extschema@.rchain, bigint) IS 'Chain contains person (held one of its posts at its moment)';

CREATE OPERATOR CLASS @extschema@.rchain_ops
    DEFAULT FOR TYPE @extschema@.rchain USING btree AS
    OPERATOR 1 @extschema@.< (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 2 @extschema@.<= (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 3 @extschema@.= (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 4 @extschema@.>= (@extschema@.rchain, @extschema@.rchain),
    OPERATOR 5 @extschema@.> (@extschema@.rchain, @extschema@.rchain),
    FUNCTION 1 @extschema@.rchain_cmp(@extschema@.rchain, @extschema@.rchain);
COMMENT ON OPERATOR CLASS @extschema@.rchain_ops USING btree IS 'Order of rchain: by moment, then link by link from the post up';
CREATE OPERATOR CLASS @extschema@.rchain_hash_ops
    DEFAULT FOR TYPE @extschema@.rchain USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.rchain, @extschema@.rchain),
    FUNCTION 1 @extschema@.rchain_hash(@extschema@.rchain);
COMMENT ON OPERATOR CLASS @extschema@.rchain_hash_ops USING hash IS 'Hash equality of rchain';

-- GIN: stored chains found by a post they pass through or a person who held
-- one of their posts (src/rchain_gin.c).
CREATE FUNCTION @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'rchain_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal) IS
    'GIN support: the keys of a chain (its positions, and its holders as negated person ids)';
CREATE FUNCTION @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'rchain_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal) IS
    'GIN support: the key a @> (position) or ~> (person) query looks for';
CREATE FUNCTION @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal) IS
    'GIN support: a chain with the key matches (exactly, no recheck)';
CREATE OPERATOR CLASS @extschema@.rchain_gin_ops
    DEFAULT FOR TYPE @extschema@.rchain USING gin AS
    OPERATOR 1 @extschema@.@> (@extschema@.rchain, bigint),
    OPERATOR 2 @extschema@.~> (@extschema@.rchain, bigint),
    FUNCTION 1 pg_catalog.btint8cmp(bigint, bigint),
    FUNCTION 2 @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal),
    FUNCTION 3 @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal),
    FUNCTION 4 @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal),
    STORAGE bigint;
COMMENT ON OPERATOR CLASS @extschema@.rchain_gin_ops USING gin IS
    'Index of stored chains by position (@>, <@) and by person (~>): "every chain through this post"';
-- The command chain (src/command_chain.c over src/chain_cache.c) and the
-- organisation "as of" a moment.

CREATE FUNCTION @extschema@.command_chain(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'command_chain'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz) IS
    'Chain of command (指挥链) of a post as of a moment: the post, the post it answers to, via the leader in charge (分管) of a unit where there is one, up to the head of the top unit, with each holder then (vacancies marked). Answers what the calling statement''s snapshot sees, through the per-backend organisation image.';

CREATE FUNCTION @extschema@.chain_cache_memory() RETURNS bigint
    AS 'MODULE_PATHNAME', 'chain_cache_memory'
    LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.chain_cache_memory() IS
    'Bytes this backend''s image of the current tenant''s organisation holds (0 before the first command_chain call in the tenant)';

CREATE FUNCTION @extschema@.holder(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT a.person_id FROM @extschema@.assignment a
             WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
               AND a.position_id OPERATOR(pg_catalog.=) holder.position_id
               AND a.during OPERATOR(pg_catalog.@>) holder.at);
COMMENT ON FUNCTION @extschema@.holder(bigint, timestamptz) IS
    'The person who held the post at the moment, or NULL when it was vacant';

CREATE FUNCTION @extschema@.posts_at(at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (position_id bigint, unit_id bigint, title text, kind @extschema@.position_kind,
                   reports_to bigint, person_id bigint, person_name text, tenure text)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    -- Every post of the tenant is read: merge or hash joins, never an index
    -- probe per post.  (Under row-level security the planner may not use the
    -- statistics of the range columns, guesses that few posts match and
    -- would choose a nested loop.)
    SET enable_nestloop = off
    AS $$
BEGIN
    -- Planned for this tenant and moment (EXECUTE): a generic plan, blind to
    -- both, would probe an index once per post.
    RETURN QUERY EXECUTE $q$
    SELECT p.position_id, p.unit_id, p.title, p.kind, p.reports_to,
           a.person_id, pe.name, coalesce(a.tenure::text, 'vacant')
      FROM @extschema@.position p
      LEFT JOIN @extschema@.assignment a
        ON a.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND a.position_id OPERATOR(pg_catalog.=) p.position_id
       AND a.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.person pe
        ON pe.tenant_id OPERATOR(pg_catalog.=) a.tenant_id AND pe.person_id OPERATOR(pg_catalog.=) a.person_id
     WHERE p.tenant_id OPERATOR(pg_catalog.=) $1
       AND p.valid OPERATOR(pg_catalog.@>) $2
     ORDER BY p.position_id$q$
    USING @extschema@.current_tenant(), at;
END
$$;
COMMENT ON FUNCTION @extschema@.posts_at(timestamptz) IS
    'Every post of the current tenant that existed at the moment, with its holder then (tenure ''vacant'' when none)';

CREATE FUNCTION @extschema@.posts_of(person_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (position_id bigint, title text, tenure @extschema@.tenure_kind, during tstzrange)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
    SELECT a.position_id, p.title, a.tenure, a.during
      FROM @extschema@.assignment a
      JOIN @extschema@.position p
        ON p.tenant_id OPERATOR(pg_catalog.=) a.tenant_id AND p.position_id OPERATOR(pg_catalog.=) a.position_id
     WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
       AND a.person_id OPERATOR(pg_catalog.=) posts_of.person_id
       AND a.during OPERATOR(pg_catalog.@>) posts_of.at
     ORDER BY a.tenure, a.position_id;
    END;
COMMENT ON FUNCTION @extschema@.posts_of(bigint, timestamptz) IS
    'The posts a person held at the moment, their main post first, then acting and concurrent ones';
-- Working-day calendars (工作日历).  Statutory time limits are counted in
-- working days; a calendar says which days are worked.  Calendars are global
-- reference data, shared by every tenant.  A day is a working day when its
-- weekday is not a rest day of the calendar and it is not listed as a
-- holiday, or when it is listed as an adjusted working day (调休).  The C
-- functions (src/calendar.c, src/workcal.c) keep a bitmap of every calendar
-- they use, dropped by the invalidate_caches() triggers when the data changes.

CREATE TABLE @extschema@.calendar (
    code        text PRIMARY KEY
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{0,62}$'),
    name_en     text NOT NULL,
    name_zh     text NOT NULL,
    time_zone   text NOT NULL,
    rest_days   smallint[] NOT NULL DEFAULT '{6,7}'
                CHECK (rest_days OPERATOR(pg_catalog.<@) '{1,2,3,4,5,6,7}'::smallint[]
                       AND pg_catalog.array_position(rest_days, NULL) IS NULL
                       AND NOT rest_days OPERATOR(pg_catalog.@>) '{1,2,3,4,5,6,7}'::smallint[]),
    fallback_to_weekly boolean NOT NULL DEFAULT false,
    is_builtin  boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.calendar IS
    'A working-day calendar (工作日历): weekly rest days, and holidays and adjusted working days in calendar_day for the official years in calendar_year';
COMMENT ON COLUMN @extschema@.calendar.code IS
    'Short name passed to the working-day functions as their last argument (lower case, digits, underscore); cn is the built-in calendar of mainland China';
COMMENT ON COLUMN @extschema@.calendar.name_en IS 'Name in English';
COMMENT ON COLUMN @extschema@.calendar.name_zh IS 'Name in Chinese';
COMMENT ON COLUMN @extschema@.calendar.time_zone IS
    'Time zone (IANA name) in which the calendar''s days begin and end: deadline_at() returns the end of the due day in this zone';
COMMENT ON COLUMN @extschema@.calendar.rest_days IS
    'Weekly rest days as ISO weekdays (1 Monday .. 7 Sunday); at least one weekday must be worked';
COMMENT ON COLUMN @extschema@.calendar.fallback_to_weekly IS
    'Outside the official years, false: the functions raise an error; true: they use the weekly rest days alone and the *_checked variants report the result as provisional';
COMMENT ON COLUMN @extschema@.calendar.is_builtin IS
    'True for the calendars the extension ships; pg_dump leaves built-in rows to CREATE EXTENSION';

CREATE TABLE @extschema@.calendar_year (
    calendar    text NOT NULL REFERENCES @extschema@.calendar ON DELETE CASCADE,
    year        integer NOT NULL CHECK (year BETWEEN 1 AND 9999),
    is_builtin  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (calendar, year)
);
COMMENT ON TABLE @extschema@.calendar_year IS
    'The years for which a calendar has official data: all their holidays and adjusted working days are in calendar_day';
COMMENT ON COLUMN @extschema@.calendar_year.year IS
    'A year whose official holidays and adjusted working days have been recorded; add the next year when it is announced';
COMMENT ON COLUMN @extschema@.calendar_year.is_builtin IS
    'True for the years the extension ships; pg_dump leaves built-in rows to CREATE EXTENSION';

CREATE TABLE @extschema@.calendar_day (
    calendar    text NOT NULL,
    day         date NOT NULL,
    year        integer NOT NULL GENERATED ALWAYS AS (EXTRACT(YEAR FROM day)::integer) STORED,
    kind        text NOT NULL CHECK (kind IN ('holiday', 'adjusted_workday')),
    festival_en text NOT NULL,
    festival_zh text NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT calendar_day_one_entry_per_date PRIMARY KEY (calendar, day),
    CONSTRAINT calendar_day_in_official_year FOREIGN KEY (calendar, year)
        REFERENCES @extschema@.calendar_year ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.calendar_day IS
    'The exceptions to a calendar''s weekly pattern: statutory holidays and adjusted working days (调休), one entry per date, in official years only';
COMMENT ON COLUMN @extschema@.calendar_day.year IS
    'The year of day (generated): the day must lie in an official year of the calendar';
COMMENT ON COLUMN @extschema@.calendar_day.kind IS
    'holiday: a day off (a holiday on a weekly rest day is allowed and changes nothing); adjusted_workday: a weekly rest day that is worked (调休)';
COMMENT ON COLUMN @extschema@.calendar_day.festival_en IS 'The festival the day belongs to, in English';
COMMENT ON COLUMN @extschema@.calendar_day.festival_zh IS 'The festival the day belongs to, in Chinese';
COMMENT ON COLUMN @extschema@.calendar_day.is_builtin IS
    'True for the days the extension ships; pg_dump leaves built-in rows to CREATE EXTENSION';

-- Rejects a time zone PostgreSQL does not know, and a change of rest days
-- that would turn an adjusted working day into an ordinary working day.
CREATE FUNCTION @extschema@.calendar_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    clash date;
BEGIN
    -- a zone name the C code can load (pg_tzset), not an abbreviation
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_timezone_names z WHERE z.name = NEW.time_zone) THEN
        RAISE EXCEPTION 'time zone "%" not recognized', NEW.time_zone
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use a time zone name from pg_timezone_names, such as Asia/Shanghai; abbreviations are not time zones.';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT d.day INTO clash
          FROM @extschema@.calendar_day d
         WHERE d.calendar = OLD.code AND d.kind = 'adjusted_workday'
           AND NOT EXTRACT(ISODOW FROM d.day)::smallint = ANY (NEW.rest_days)
         ORDER BY d.day LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'adjusted working day % of calendar "%" would fall on a working day', clash, OLD.code
                USING ERRCODE = 'check_violation',
                      DETAIL = format('With rest days %s, %s (ISO weekday %s) is an ordinary working day.',
                                      NEW.rest_days, clash, EXTRACT(ISODOW FROM clash)),
                      HINT = 'Delete or change the adjusted working day first.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.calendar_check() IS
    'Row trigger on calendar: validates the time zone and keeps every adjusted working day on a weekly rest day';

-- Rejects an adjusted working day on a day the weekly pattern already works:
-- such an entry contradicts the calendar.
CREATE FUNCTION @extschema@.calendar_day_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rest smallint[];
BEGIN
    IF NEW.kind = 'adjusted_workday' THEN
        SELECT c.rest_days INTO rest FROM @extschema@.calendar c WHERE c.code = NEW.calendar;
        IF FOUND AND NOT EXTRACT(ISODOW FROM NEW.day)::smallint = ANY (rest) THEN
            RAISE EXCEPTION 'adjusted working day % of calendar "%" falls on a working day', NEW.day, NEW.calendar
                USING ERRCODE = 'check_violation',
                      DETAIL = format('%s is ISO weekday %s, not one of the rest days %s; an adjusted working day (调休) must be a rest day that is worked.',
                                      NEW.day, EXTRACT(ISODOW FROM NEW.day), rest);
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.calendar_day_check() IS
    'Row trigger on calendar_day: an adjusted working day must fall on a weekly rest day of its calendar';

CREATE TRIGGER calendar_check BEFORE INSERT OR UPDATE ON @extschema@.calendar
    FOR EACH ROW EXECUTE FUNCTION @extschema@.calendar_check();
CREATE TRIGGER calendar_day_check BEFORE INSERT OR UPDATE ON @extschema@.calendar_day
    FOR EACH ROW EXECUTE FUNCTION @extschema@.calendar_day_check();

-- Every backend's bitmap of a calendar is dropped when any of the three
-- tables changes (src/cache_inval.c).
CREATE TRIGGER invalidate_caches AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.calendar
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
CREATE TRIGGER invalidate_caches AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.calendar_year
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
CREATE TRIGGER invalidate_caches AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.calendar_day
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
-- Always, also under logical replication and session_replication_role = replica.
ALTER TABLE @extschema@.calendar ENABLE ALWAYS TRIGGER invalidate_caches;
ALTER TABLE @extschema@.calendar_year ENABLE ALWAYS TRIGGER invalidate_caches;
ALTER TABLE @extschema@.calendar_day ENABLE ALWAYS TRIGGER invalidate_caches;

-- pg_dump keeps the rows users add; the built-in ones come from CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.calendar', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.calendar_year', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.calendar_day', 'WHERE NOT is_builtin');

REVOKE ALL ON @extschema@.calendar, @extschema@.calendar_year, @extschema@.calendar_day FROM PUBLIC;
GRANT SELECT ON @extschema@.calendar, @extschema@.calendar_year, @extschema@.calendar_day
    TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.calendar, @extschema@.calendar_year, @extschema@.calendar_day
    TO responsibility_admin;

-- The working-day functions.  Each takes the calendar's code last, 'cn' by
-- default.  Counting is half-open like date subtraction: the day counted
-- from never counts, the day reached does.  Outside the official years of a
-- calendar they raise an error naming the year, unless the calendar has
-- fallback_to_weekly (then the *_checked variants flag the result as
-- provisional).  They read the tables, hence STABLE.

CREATE FUNCTION @extschema@.is_workday(day date, calendar text DEFAULT 'cn') RETURNS boolean
    AS 'MODULE_PATHNAME', 'is_workday'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_workday(date, text) IS
    'Whether the day is a working day (工作日) in the calendar';

CREATE FUNCTION @extschema@.add_workdays(start date, n integer, calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'add_workdays'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays(date, integer, text) IS
    'The n-th working day after start (n > 0) or before it (n < 0), start itself never counting; n = 0 returns start unchanged, working day or not';

CREATE FUNCTION @extschema@.add_workdays_checked(start date, n integer, calendar text DEFAULT 'cn',
                                                OUT due date, OUT provisional boolean)
    AS 'MODULE_PATHNAME', 'add_workdays_checked'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays_checked(date, integer, text) IS
    'add_workdays(), and whether the result is provisional: true when a day counted lies outside the official years (calendars with fallback_to_weekly only)';

CREATE FUNCTION @extschema@.workdays_between(from_day date, to_day date, calendar text DEFAULT 'cn') RETURNS integer
    AS 'MODULE_PATHNAME', 'workdays_between'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_between(date, date, text) IS
    'Working days in (from_day, to_day] (from_day not counted, to_day counted, like to_day - from_day); negative when to_day < from_day';

CREATE FUNCTION @extschema@.next_workday(day date, calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'next_workday'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.next_workday(date, text) IS
    'The first working day strictly after the day (= add_workdays(day, 1))';

CREATE FUNCTION @extschema@.workday_on_or_after(day date, calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'workday_on_or_after'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workday_on_or_after(date, text) IS
    'The day itself when it is a working day, else the next working day';

CREATE FUNCTION @extschema@.deadline(start date, n integer, pauses datemultirange DEFAULT '{}',
                                    calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'deadline'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline(date, integer, datemultirange, text) IS
    'Due date of a time limit of n working days from start (start not counted), skipping the paused days (hearing, testing, expert review: 行政许可法 art. 45); n = 0 returns start; pauses must have an end';

CREATE FUNCTION @extschema@.deadline_checked(start date, n integer, pauses datemultirange DEFAULT '{}',
                                            calendar text DEFAULT 'cn',
                                            OUT due date, OUT provisional boolean)
    AS 'MODULE_PATHNAME', 'deadline_checked'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_checked(date, integer, datemultirange, text) IS
    'deadline(), and whether the due date is provisional: true when a day counted lies outside the official years (calendars with fallback_to_weekly only)';

CREATE FUNCTION @extschema@.deadline_at(start timestamptz, n integer, pauses tstzmultirange DEFAULT '{}',
                                       calendar text DEFAULT 'cn') RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'deadline_at'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_at(timestamptz, integer, tstzmultirange, text) IS
    'deadline() for instants: days are those of the calendar''s time zone, a day touched by a pause does not count, and the result is the last microsecond of the due day (on time iff done <= result)';
-- Built-in calendar cn: mainland China, 2004-2026.  GENERATED by
-- test/tools/gen_cn_calendar.py from cn-official-calendar-2004-2026.csv;
-- do not edit by hand.
--
-- Every statutory public holiday and every adjusted working day (调休, a
-- weekend day that is worked) as published each year by the General Office
-- of the State Council (国务院办公厅); compiled from the MIT-licensed
-- chinese-days data set, version 1.5.7.  769 days.

INSERT INTO @extschema@.calendar (code, name_en, name_zh, time_zone, rest_days, is_builtin)
    VALUES ('cn', 'Mainland China (State Council)', '中国大陆（国务院）', 'Asia/Shanghai', '{6,7}', true);

INSERT INTO @extschema@.calendar_year (calendar, year, is_builtin)
    SELECT 'cn', y, true FROM pg_catalog.generate_series(2004, 2026) AS y;

INSERT INTO @extschema@.calendar_day (calendar, day, kind, festival_en, festival_zh, is_builtin) VALUES
    ('cn', '2004-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2004-01-17', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-18', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-22', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-23', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-24', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-25', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-26', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-27', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-01-28', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2004-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-06', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-07', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-08', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2004-05-09', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2004-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2004-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2004-10-10', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2005-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2005-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2005-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2005-02-05', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-06', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-09', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-10', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-11', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-12', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-13', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-14', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2005-04-30', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-06', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-07', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2005-05-08', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2005-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2005-10-08', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2005-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2006-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2006-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2006-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2006-01-28', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2006-01-29', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-01-30', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-02-01', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-02-03', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-02-04', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2006-02-05', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2006-04-29', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2006-04-30', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-06', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-05-07', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2006-09-30', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2006-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2006-10-08', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2006-12-30', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2006-12-31', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2007-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2007-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2007-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2007-02-17', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-18', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-19', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-20', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-21', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-22', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-23', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-24', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2007-02-25', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2007-04-28', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2007-04-29', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-06', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-05-07', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2007-09-29', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2007-09-30', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2007-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2007-12-29', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2007-12-30', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2007-12-31', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2008-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2008-02-02', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-03', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-06', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-07', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-08', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-09', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-10', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-11', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-02-12', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2008-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2008-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2008-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2008-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2008-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2008-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2008-05-04', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2008-06-07', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2008-06-08', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2008-06-09', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2008-09-13', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2008-09-14', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2008-09-15', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2008-09-27', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2008-09-28', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2008-09-29', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2008-09-30', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2008-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2008-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2008-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2008-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2008-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2009-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2009-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2009-01-04', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2009-01-24', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-25', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-26', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-27', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-28', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-29', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-30', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2009-02-01', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2009-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2009-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2009-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2009-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2009-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2009-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2009-05-28', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2009-05-29', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2009-05-30', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2009-05-31', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2009-09-27', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2009-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-03', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2009-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-08', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2009-10-10', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2010-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2010-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2010-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2010-02-13', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-14', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-16', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-17', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-18', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-19', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-20', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2010-02-21', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2010-04-03', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2010-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2010-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2010-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2010-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2010-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2010-06-12', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2010-06-13', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2010-06-14', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2010-06-15', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2010-06-16', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2010-09-19', 'adjusted_workday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2010-09-22', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2010-09-23', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2010-09-24', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2010-09-25', 'adjusted_workday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2010-09-26', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2010-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2010-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2011-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2011-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2011-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2011-01-30', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-03', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-04', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-05', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-06', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-07', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-08', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2011-02-12', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2011-04-02', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2011-04-03', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2011-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2011-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2011-04-30', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2011-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2011-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2011-06-04', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2011-06-06', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2011-09-10', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2011-09-11', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2011-09-12', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2011-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2011-10-08', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2011-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2011-12-31', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2012-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2012-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2012-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2012-01-21', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-22', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-23', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-24', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-25', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-26', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-27', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-28', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2012-01-29', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2012-03-31', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2012-04-01', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2012-04-02', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2012-04-03', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2012-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2012-04-28', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2012-04-29', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2012-04-30', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2012-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2012-06-22', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2012-06-24', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2012-09-29', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2012-09-30', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2012-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2012-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2012-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2012-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2012-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2012-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2012-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2013-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2013-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2013-01-05', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2013-01-06', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2013-02-09', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-10', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-11', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-12', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-13', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-14', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-16', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2013-02-17', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2013-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2013-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2013-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2013-04-07', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2013-04-27', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2013-04-28', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2013-04-29', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2013-04-30', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2013-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2013-06-08', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2013-06-09', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2013-06-10', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2013-06-11', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2013-06-12', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2013-09-19', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2013-09-20', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2013-09-21', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2013-09-22', 'adjusted_workday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2013-09-29', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2013-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2013-10-12', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2014-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2014-01-26', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2014-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-01', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-03', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-04', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-05', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-06', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2014-02-08', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2014-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2014-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2014-04-07', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2014-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2014-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2014-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2014-05-04', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2014-06-02', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2014-09-08', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2014-09-28', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2014-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2014-10-11', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2015-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2015-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2015-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2015-01-04', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2015-02-15', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-18', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-19', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-20', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-21', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-22', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-23', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-24', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2015-02-28', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2015-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2015-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2015-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2015-06-20', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2015-06-22', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2015-09-03', 'holiday', 'Anti-Fascist 70th Day', '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
    ('cn', '2015-09-04', 'holiday', 'Anti-Fascist 70th Day', '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
    ('cn', '2015-09-06', 'adjusted_workday', 'Anti-Fascist 70th Day', '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', true),
    ('cn', '2015-09-27', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2015-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2015-10-10', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2016-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2016-02-06', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-07', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-08', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-09', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-10', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-11', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-12', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-13', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2016-02-14', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2016-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2016-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2016-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2016-06-09', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2016-06-10', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2016-06-11', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2016-06-12', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2016-09-15', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2016-09-16', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2016-09-17', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2016-09-18', 'adjusted_workday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2016-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2016-10-08', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2016-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2017-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2017-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2017-01-22', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2017-01-27', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-01-28', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-01-29', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-01-30', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-02-01', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2017-02-04', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2017-04-01', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2017-04-02', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2017-04-03', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2017-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2017-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2017-05-27', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2017-05-28', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2017-05-29', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2017-05-30', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2017-09-30', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2017-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2017-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2017-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2017-10-04', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2017-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2017-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2017-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2017-10-08', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2018-02-11', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-16', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-17', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-18', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-19', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-20', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-21', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2018-02-24', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2018-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2018-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2018-04-07', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2018-04-08', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2018-04-28', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2018-04-29', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2018-04-30', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2018-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2018-06-18', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2018-09-24', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2018-09-29', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2018-09-30', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2018-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2018-12-29', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2018-12-30', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2018-12-31', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2019-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2019-02-02', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-03', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-04', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-05', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-06', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-07', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-08', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-09', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-02-10', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2019-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2019-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2019-04-07', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2019-04-28', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2019-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2019-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2019-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2019-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2019-05-05', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2019-06-07', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2019-06-08', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2019-06-09', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2019-09-13', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2019-09-14', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2019-09-15', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2019-09-29', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2019-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2019-10-12', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2020-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2020-01-19', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-24', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-25', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-26', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-27', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-28', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-29', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-30', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-02-01', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2020-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2020-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2020-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2020-04-26', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2020-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2020-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2020-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2020-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2020-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2020-05-09', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2020-06-25', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2020-06-26', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2020-06-27', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2020-06-28', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2020-09-27', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2020-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-08', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2020-10-10', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2021-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2021-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2021-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2021-02-07', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-11', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-12', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-13', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-14', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-16', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-17', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2021-02-20', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2021-04-03', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2021-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2021-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2021-04-25', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2021-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2021-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2021-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2021-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2021-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2021-05-08', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2021-06-12', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2021-06-13', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2021-06-14', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2021-09-18', 'adjusted_workday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2021-09-19', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2021-09-20', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2021-09-21', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2021-09-26', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2021-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2021-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2022-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2022-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2022-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2022-01-29', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2022-01-30', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2022-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-02-01', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-02-03', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-02-04', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-02-05', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-02-06', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2022-04-02', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2022-04-03', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2022-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2022-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2022-04-24', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2022-04-30', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2022-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2022-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2022-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2022-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2022-05-07', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2022-06-03', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2022-06-04', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2022-06-05', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2022-09-10', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2022-09-11', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2022-09-12', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2022-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2022-10-08', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2022-10-09', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2022-12-31', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2023-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2023-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2023-01-21', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-22', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-23', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-24', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-25', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-26', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-27', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-28', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2023-01-29', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2023-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2023-04-23', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2023-04-29', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2023-04-30', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2023-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2023-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2023-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2023-05-06', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2023-06-22', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2023-06-23', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2023-06-24', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2023-06-25', 'adjusted_workday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2023-09-29', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2023-09-30', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2023-10-07', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2023-10-08', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2024-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2024-02-04', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-10', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-11', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-12', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-13', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-14', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-16', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-17', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2024-02-18', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2024-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2024-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2024-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2024-04-07', 'adjusted_workday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2024-04-28', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2024-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2024-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2024-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2024-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2024-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2024-05-11', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2024-06-10', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2024-09-14', 'adjusted_workday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2024-09-15', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2024-09-16', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2024-09-17', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2024-09-29', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2024-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2024-10-12', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2025-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2025-01-26', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2025-01-28', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-01-29', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-01-30', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-01-31', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-02-01', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-02-02', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-02-03', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-02-04', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2025-02-08', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2025-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2025-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2025-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2025-04-27', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2025-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2025-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2025-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2025-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2025-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2025-05-31', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2025-06-01', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2025-06-02', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2025-09-28', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2025-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-06', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2025-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-08', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2025-10-11', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2026-01-01', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2026-01-02', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2026-01-03', 'holiday', 'New Year''s Day', '元旦', true),
    ('cn', '2026-01-04', 'adjusted_workday', 'New Year''s Day', '元旦', true),
    ('cn', '2026-02-14', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-15', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-16', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-17', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-18', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-19', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-20', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-21', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-22', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-23', 'holiday', 'Spring Festival', '春节', true),
    ('cn', '2026-02-28', 'adjusted_workday', 'Spring Festival', '春节', true),
    ('cn', '2026-04-04', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2026-04-05', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2026-04-06', 'holiday', 'Tomb-sweeping Day', '清明', true),
    ('cn', '2026-05-01', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2026-05-02', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2026-05-03', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2026-05-04', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2026-05-05', 'holiday', 'Labour Day', '劳动节', true),
    ('cn', '2026-05-09', 'adjusted_workday', 'Labour Day', '劳动节', true),
    ('cn', '2026-06-19', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2026-06-20', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2026-06-21', 'holiday', 'Dragon Boat Festival', '端午', true),
    ('cn', '2026-09-20', 'adjusted_workday', 'National Day', '国庆节', true),
    ('cn', '2026-09-25', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2026-09-26', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2026-09-27', 'holiday', 'Mid-autumn Festival', '中秋', true),
    ('cn', '2026-10-01', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-02', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-03', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-04', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-05', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-06', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-07', 'holiday', 'National Day', '国庆节', true),
    ('cn', '2026-10-10', 'adjusted_workday', 'National Day', '国庆节', true);
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
-- pg_dump keeps the user's data: every table that holds it, and its sequence,
-- is a configuration table of the extension.  Rows the install script
-- created (is_builtin) are left to CREATE EXTENSION.  (One call a statement:
-- each call updates the extension's catalog row.)
SELECT pg_catalog.pg_extension_config_dump('@extschema@.tenant', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.tenant_member', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.tenant_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.unit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.unit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.position', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.position_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.person_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assignment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assignment_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.charge', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.charge_id_seq', '');
