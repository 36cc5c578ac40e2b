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
-- Lives nest (R3): a post lies inside its unit's life, a tenure or a charge
-- inside its post's, and (60_catalogue.sql) a duty inside its unit's, an
-- ownership inside its post's and its duty's.  Checked per statement, from
-- either side: the rows a statement writes in the inner table, and the
-- inner rows of the outer rows whose life a statement changed.
--
-- Arguments: inner table, inner id column, inner reference column, inner
-- span column, outer table, outer key column, outer span column, name of
-- the rule.  The trigger is on the inner table (INSERT, UPDATE) or on the
-- outer one (UPDATE).
-- A span with its infinite ends closed, whether written unbounded or as
-- ±infinity, so that [2005-01-01,) lies inside [-infinity,infinity).
CREATE FUNCTION @extschema@.closed_span(span tstzrange) RETURNS tstzrange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN isempty(span) THEN span
                ELSE tstzrange(coalesce(lower(span), '-infinity'), coalesce(upper(span), 'infinity'),
                               CASE WHEN lower_inc(span) OR lower_inf(span) OR lower(span) = '-infinity' THEN '[' ELSE '(' END ||
                               CASE WHEN upper_inc(span) OR upper_inf(span) OR upper(span) = 'infinity' THEN ']' ELSE ')' END) END;
COMMENT ON FUNCTION @extschema@.closed_span(tstzrange) IS
    'The span with an unbounded or infinite end closed at ±infinity: for comparing lives written either way';

CREATE FUNCTION @extschema@.check_within() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    inner_tab text := TG_ARGV[0];
    inner_id text := TG_ARGV[1];
    inner_ref text := TG_ARGV[2];
    inner_span text := TG_ARGV[3];
    outer_tab text := TG_ARGV[4];
    outer_key text := TG_ARGV[5];
    outer_span text := TG_ARGV[6];
    bad record;
BEGIN
    IF TG_TABLE_NAME = inner_tab THEN
        EXECUTE format($q$SELECT i.%2$I AS id, i.%3$I AS ref, i.%4$I AS span, o.%7$I AS outer_span
                            FROM new_rows i JOIN @extschema@.%5$I o
                              ON o.tenant_id = i.tenant_id AND o.%6$I = i.%3$I
                           WHERE NOT @extschema@.closed_span(o.%7$I) @> @extschema@.closed_span(i.%4$I) LIMIT 1$q$,
                       inner_tab, inner_id, inner_ref, inner_span, outer_tab, outer_key, outer_span) INTO bad;
    ELSE
        EXECUTE format($q$SELECT i.%2$I AS id, i.%3$I AS ref, i.%4$I AS span, o.%7$I AS outer_span
                            FROM new_rows o JOIN @extschema@.%1$I i
                              ON i.tenant_id = o.tenant_id AND i.%3$I = o.%6$I
                           WHERE NOT @extschema@.closed_span(o.%7$I) @> @extschema@.closed_span(i.%4$I) LIMIT 1$q$,
                       inner_tab, inner_id, inner_ref, inner_span, outer_tab, outer_key, outer_span) INTO bad;
    END IF;
    IF bad.id IS NOT NULL THEN
        RAISE EXCEPTION '% % lies outside the life of % %', inner_tab, bad.id, outer_tab, bad.ref
            USING ERRCODE = 'check_violation', CONSTRAINT = TG_ARGV[7],
                  DETAIL = format('%s %s runs %s; %s %s exists %s.', inner_tab, bad.id, bad.span,
                                  outer_tab, bad.ref, bad.outer_span),
                  HINT = format('Make the %s fit inside the %s''s %s, or change that first.', inner_tab, outer_tab, outer_span);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.check_within() IS
    'Statement trigger: the rows written lie inside the life of the row they belong to (a post in its unit, a tenure in its post …)';

-- Declares one nesting rule: the two statement triggers that enforce it.
CREATE FUNCTION @extschema@.nest_within(inner_tab text, inner_id text, inner_ref text, inner_span text,
                                       outer_tab text, outer_key text, outer_span text, rule text)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    args text := format('%L, %L, %L, %L, %L, %L, %L, %L', inner_tab, inner_id, inner_ref, inner_span,
                        outer_tab, outer_key, outer_span, rule);
BEGIN
    EXECUTE format($q$CREATE TRIGGER %1$s_ins AFTER INSERT ON @extschema@.%2$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within(%3$s)$q$, rule, inner_tab, args);
    EXECUTE format($q$CREATE TRIGGER %1$s_upd AFTER UPDATE ON @extschema@.%2$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within(%3$s)$q$, rule, inner_tab, args);
    EXECUTE format($q$CREATE TRIGGER %1$s_outer AFTER UPDATE ON @extschema@.%2$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within(%3$s)$q$, rule, outer_tab, args);
END
$$;
-- (Dropped at the end of 60_catalogue.sql, its last user.)

SELECT @extschema@.nest_within('position', 'position_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'position_within_unit');
SELECT @extschema@.nest_within('assignment', 'assignment_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'assignment_within_position');
SELECT @extschema@.nest_within('charge', 'charge_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'charge_within_position');
-- Absences and acting holders (R3).  A holder on leave, suspended for
-- examination, seconded or in training keeps the post: the absence belongs
-- to the tenure.  While away, an acting holder (代理, 主持工作) named on the
-- absence answers for the post; with nobody named, the post shows its
-- holder as absent.  (An acting tenure in assignment stays what it was: a
-- person acting in a post that has no holder.)
--
-- Who answers for a post at a moment: the acting holder of a vacant post;
-- else the holder, or while the holder is absent the person acting for the
-- absence, or nobody.

CREATE TYPE @extschema@.absence_kind AS ENUM ('leave', 'suspended', 'seconded', 'training', 'other');
COMMENT ON TYPE @extschema@.absence_kind IS
    'Why a holder is away from the post: leave 休假, suspended for examination 停职检查, seconded 借调/挂职, training 培训, other 其他';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('absence_kind', 'leave', 'on leave', '休假'),
    ('absence_kind', 'suspended', 'suspended for examination', '停职检查'),
    ('absence_kind', 'seconded', 'seconded', '借调'),
    ('absence_kind', 'training', 'in training', '培训'),
    ('absence_kind', 'other', 'away', '其他'),
    ('tenure_kind', 'absent', 'holder absent, nobody acting', '缺位（无人代理）');

CREATE SEQUENCE @extschema@.absence_id_seq AS bigint;
CREATE TABLE @extschema@.absence (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    absence_id  bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.absence_id_seq'),
    assignment_id bigint NOT NULL,
    position_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    kind        @extschema@.absence_kind NOT NULL DEFAULT 'leave',
    during      tstzrange NOT NULL,
    acting_person_id bigint,
    note        text,
    PRIMARY KEY (tenant_id, absence_id),
    FOREIGN KEY (tenant_id, assignment_id) REFERENCES @extschema@.assignment (tenant_id, assignment_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, acting_person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK (NOT pg_catalog.isempty(during)),
    CONSTRAINT absence_acting_not_the_holder CHECK (acting_person_id OPERATOR(pg_catalog.<>) person_id),
    CONSTRAINT absence_no_overlap
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), assignment_id WITH OPERATOR(pg_catalog.=),
                            during WITH OPERATOR(pg_catalog.&&))
);
ALTER SEQUENCE @extschema@.absence_id_seq OWNED BY @extschema@.absence.absence_id;
CREATE INDEX absence_position_during_idx ON @extschema@.absence (tenant_id, position_id, during);
CREATE INDEX ON @extschema@.absence (tenant_id, assignment_id);
COMMENT ON TABLE @extschema@.absence IS
    'Absences of a holder from a post (leave, suspension, secondment, training) within one tenure: the holder keeps the post; the acting person named answers for it meanwhile';
COMMENT ON COLUMN @extschema@.absence.assignment_id IS 'The tenure the holder is away from';
COMMENT ON COLUMN @extschema@.absence.position_id IS 'The post, copied from the tenure';
COMMENT ON COLUMN @extschema@.absence.person_id IS 'The holder away, copied from the tenure';
COMMENT ON COLUMN @extschema@.absence.during IS 'When the holder was away: inside the tenure';
COMMENT ON COLUMN @extschema@.absence.acting_person_id IS 'Who acted (代理, 主持工作) meanwhile, or NULL when nobody did';

-- The post and the holder come from the tenure, which must be a holder's.
CREATE FUNCTION @extschema@.absence_from_tenure() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    a record;
BEGIN
    IF TG_TABLE_NAME = 'assignment' THEN
        UPDATE @extschema@.absence b SET position_id = NEW.position_id, person_id = NEW.person_id
         WHERE b.tenant_id = NEW.tenant_id AND b.assignment_id = NEW.assignment_id;
        RETURN NULL;
    END IF;
    SELECT t.position_id, t.person_id, t.tenure INTO a FROM @extschema@.assignment t
     WHERE t.tenant_id = NEW.tenant_id AND t.assignment_id = NEW.assignment_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tenure % does not exist', NEW.assignment_id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'absence_tenant_id_assignment_id_fkey',
                  DETAIL = 'An absence is from a tenure (assignment) of the current tenant.';
    END IF;
    IF a.tenure = 'acting' THEN
        RAISE EXCEPTION 'absence % is from an acting tenure', NEW.absence_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'absence_of_a_holder',
                  DETAIL = format('Tenure %s of post %s is acting.', NEW.assignment_id, a.position_id),
                  HINT = 'An absence is a holder''s; an acting person stands in for a vacant post or an absent holder.';
    END IF;
    NEW.position_id := a.position_id;
    NEW.person_id := a.person_id;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.absence_from_tenure() IS
    'Trigger on absence (and on assignment when a tenure changes post or person): an absence is of a holder''s tenure, and carries its post and person';
CREATE TRIGGER absence_from_tenure
    BEFORE INSERT OR UPDATE ON @extschema@.absence
    FOR EACH ROW EXECUTE FUNCTION @extschema@.absence_from_tenure();
CREATE TRIGGER assignment_absences_follow
    AFTER UPDATE OF position_id, person_id ON @extschema@.assignment
    FOR EACH ROW WHEN (OLD.position_id IS DISTINCT FROM NEW.position_id OR OLD.person_id IS DISTINCT FROM NEW.person_id)
    EXECUTE FUNCTION @extschema@.absence_from_tenure();
-- An absence lies inside its tenure.
DO $nest$
BEGIN
    EXECUTE $q$CREATE TRIGGER absence_within_tenure_ins AFTER INSERT ON @extschema@.absence REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within('absence', 'absence_id', 'assignment_id', 'during',
                                                                    'assignment', 'assignment_id', 'during', 'absence_within_tenure')$q$;
    EXECUTE $q$CREATE TRIGGER absence_within_tenure_upd AFTER UPDATE ON @extschema@.absence REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within('absence', 'absence_id', 'assignment_id', 'during',
                                                                    'assignment', 'assignment_id', 'during', 'absence_within_tenure')$q$;
    EXECUTE $q$CREATE TRIGGER absence_within_tenure_outer AFTER UPDATE ON @extschema@.assignment REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.check_within('absence', 'absence_id', 'assignment_id', 'during',
                                                                    'assignment', 'assignment_id', 'during', 'absence_within_tenure')$q$;
END
$nest$;

-- An absence changes who answers for a post: the image re-reads the post.
DO $triggers$
DECLARE
    ev text;
BEGIN
    FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
        EXECUTE format($q$CREATE TRIGGER absence_log_%1$s AFTER %2$s ON @extschema@.absence %3$s
            FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.log_org_change('position_id', 'p')$q$,
            ev, upper(ev),
            CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                    WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                    WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                    ELSE '' END);
        EXECUTE format('ALTER TABLE @extschema@.absence ENABLE ALWAYS TRIGGER absence_log_%s', ev);
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
-- The command chain (src/command_chain.c over src/org_image.c) and the
-- organisation "as of" a moment (who answers for a post: 41_holders.sql).

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
-- Who answers for a post at a moment (R3): the holder, or while the holder
-- is absent the person acting for them (28_absence.sql).  The same rule as
-- OrgPostAnswerAt() in src/org_image.c, which command_chain follows.

CREATE OR REPLACE FUNCTION @extschema@.command_chain(position_id bigint, at timestamptz, domain text)
    RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'command_chain'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz, text) IS
    'Chain of command of a post as of a moment for a duty or process of a domain: from the first head of a unit on the way, it passes through the leader in charge of the domain (charge.domain) when there is one then';

COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz) IS
    'Chain of command (指挥链) of a post as of a moment: the post, the post it answers to, via the leader in charge (分管) of a unit where there is one, up to the head of the top unit, with who answered for each then (vacancies, acting holders and absent holders marked). Answers what the calling statement''s snapshot sees, through the per-backend organisation image.';

CREATE OR REPLACE FUNCTION @extschema@.holder(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT CASE WHEN b.absence_id IS NULL THEN a.person_id ELSE b.acting_person_id END
              FROM @extschema@.assignment a
              LEFT JOIN @extschema@.absence b
                ON b.tenant_id OPERATOR(pg_catalog.=) a.tenant_id
               AND b.assignment_id OPERATOR(pg_catalog.=) a.assignment_id
               AND b.during OPERATOR(pg_catalog.@>) holder.at
             WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
               AND a.position_id OPERATOR(pg_catalog.=) holder.position_id
               AND a.during OPERATOR(pg_catalog.@>) holder.at);
COMMENT ON FUNCTION @extschema@.holder(bigint, timestamptz) IS
    'The person who answered for the post at the moment: its holder (or acting holder), or while the holder was absent the person acting for them; NULL when the post was vacant or its holder absent with nobody acting';

CREATE OR REPLACE FUNCTION @extschema@.posts_at(at timestamptz DEFAULT pg_catalog.now())
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
           coalesce(b.acting_person_id, h.person_id), pe.name,
           CASE WHEN h.person_id IS NULL THEN 'vacant'
                WHEN b.absence_id IS NULL THEN h.tenure::text
                WHEN b.acting_person_id IS NULL THEN 'absent'
                ELSE 'acting' END
      FROM @extschema@.position p
      LEFT JOIN @extschema@.assignment h
        ON h.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND h.position_id OPERATOR(pg_catalog.=) p.position_id
       AND h.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.absence b
        ON b.tenant_id OPERATOR(pg_catalog.=) h.tenant_id AND b.assignment_id OPERATOR(pg_catalog.=) h.assignment_id
       AND b.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.person pe
        ON pe.tenant_id OPERATOR(pg_catalog.=) p.tenant_id
       AND pe.person_id OPERATOR(pg_catalog.=) coalesce(b.acting_person_id, h.person_id)
     WHERE p.tenant_id OPERATOR(pg_catalog.=) $1
       AND p.valid OPERATOR(pg_catalog.@>) $2
     ORDER BY p.position_id$q$
    USING @extschema@.current_tenant(), at;
END
$$;
COMMENT ON FUNCTION @extschema@.posts_at(timestamptz) IS
    'Every post of the current tenant that existed at the moment, with who answered for it then: the holder (tenure ''holder'' or ''concurrent''), an acting holder (''acting'', also for an absent holder), the holder away with nobody acting (''absent''), or nobody (''vacant'')';
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
-- The catalogue (R2, R4, R5): duties (责任清单) owned by posts over time,
-- powers (权力清单) tied to the duties they imply, and processes (流程) whose
-- steps are owned by posts over time and hand off to one another.  The
-- coverage report (70_coverage.sql) checks that every duty and step has
-- exactly one primary owner at every moment.

CREATE TYPE @extschema@.ownership_kind AS ENUM ('primary', 'supervisory');
COMMENT ON TYPE @extschema@.ownership_kind IS
    'How a post owns a duty: primary responsibility 主体责任, or supervisory responsibility 监管责任';
CREATE TYPE @extschema@.power_kind AS ENUM ('approval', 'inspection', 'penalty', 'spending', 'other');
COMMENT ON TYPE @extschema@.power_kind IS
    'Kind of power: approval 审批, inspection 检查, penalty 处罚, spending 资金支出, other 其他';
CREATE TYPE @extschema@.step_role AS ENUM ('acceptance', 'handler', 'reviewer', 'approver', 'other');
COMMENT ON TYPE @extschema@.step_role IS
    'Role of a process step: acceptance 受理, handling 承办, review 审核, approval 批准, other 其他';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('ownership_kind', 'primary', 'primary responsibility', '主体责任'),
    ('ownership_kind', 'supervisory', 'supervisory responsibility', '监管责任'),
    ('power_kind', 'approval', 'approval', '审批'),
    ('power_kind', 'inspection', 'inspection', '检查'),
    ('power_kind', 'penalty', 'penalty', '处罚'),
    ('power_kind', 'spending', 'spending', '资金支出'),
    ('power_kind', 'other', 'other', '其他'),
    ('step_role', 'acceptance', 'acceptance', '受理'),
    ('step_role', 'handler', 'handling', '承办'),
    ('step_role', 'reviewer', 'review', '审核'),
    ('step_role', 'approver', 'approval', '批准'),
    ('step_role', 'other', 'other', '其他');

-- A domain has one leader in charge at a time, found through this index.
ALTER TABLE @extschema@.charge ADD CONSTRAINT charge_one_leader_per_domain
    EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), domain WITH OPERATOR(pg_catalog.=),
                        during WITH OPERATOR(pg_catalog.&&)) WHERE (domain IS NOT NULL);
CREATE INDEX charge_domain_during_idx ON @extschema@.charge (tenant_id, domain, during) WHERE (domain IS NOT NULL);

CREATE SEQUENCE @extschema@.duty_id_seq AS bigint;
CREATE TABLE @extschema@.duty (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    duty_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.duty_id_seq'),
    unit_id     bigint NOT NULL,
    code        text,
    title       text NOT NULL,
    basis       text,
    domain      text,
    target      text,
    target_value numeric,
    target_unit text,
    measure     text,
    consequence text,
    public_interest boolean NOT NULL DEFAULT false,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, duty_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.duty_id_seq OWNED BY @extschema@.duty.duty_id;
CREATE INDEX ON @extschema@.duty (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.duty IS
    'Duties (责任清单) of units, each with its basis, target, measure and the consequence of failing it (有责必有罚)';
COMMENT ON COLUMN @extschema@.duty.basis IS 'The legal or policy basis (依据)';
COMMENT ON COLUMN @extschema@.duty.domain IS 'The domain (领域), such as work safety: the leader in charge of it is in the duty''s chain';
COMMENT ON COLUMN @extschema@.duty.target IS 'The quantified target (量化指标) in words; target_value and target_unit when it is a number';
COMMENT ON COLUMN @extschema@.duty.measure IS 'How the target is measured (考核方法)';
COMMENT ON COLUMN @extschema@.duty.consequence IS 'The consequence of failing the duty (责任追究)';
COMMENT ON COLUMN @extschema@.duty.public_interest IS 'The duty touches the public interest: it appears in the unit''s white paper';
COMMENT ON COLUMN @extschema@.duty.valid IS 'When the duty was the unit''s';

CREATE SEQUENCE @extschema@.duty_owner_id_seq AS bigint;
CREATE TABLE @extschema@.duty_owner (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    duty_owner_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.duty_owner_id_seq'),
    duty_id     bigint NOT NULL,
    position_id bigint NOT NULL,
    kind        @extschema@.ownership_kind NOT NULL DEFAULT 'primary',
    during      tstzrange NOT NULL,
    PRIMARY KEY (tenant_id, duty_owner_id),
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (NOT pg_catalog.isempty(during))
);
ALTER SEQUENCE @extschema@.duty_owner_id_seq OWNED BY @extschema@.duty_owner.duty_owner_id;
CREATE INDEX duty_owner_duty_during_idx ON @extschema@.duty_owner (tenant_id, duty_id, during);
CREATE INDEX duty_owner_position_idx ON @extschema@.duty_owner (tenant_id, position_id);
COMMENT ON TABLE @extschema@.duty_owner IS
    'Which post owned which duty when, as primary (主体责任) or supervisory (监管责任) owner; a duty has one primary owner at a time (the coverage report finds gaps and overlaps)';

CREATE SEQUENCE @extschema@.power_id_seq AS bigint;
CREATE TABLE @extschema@.power (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    power_id    bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.power_id_seq'),
    unit_id     bigint NOT NULL,
    position_id bigint,
    kind        @extschema@.power_kind NOT NULL,
    code        text,
    title       text NOT NULL,
    basis       text,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, power_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.power_id_seq OWNED BY @extschema@.power.power_id;
CREATE INDEX ON @extschema@.power (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.power IS
    'Powers (权力清单) a unit, or a post in it, holds: approval, inspection, penalty, spending, other';

CREATE TABLE @extschema@.power_duty (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    power_id    bigint NOT NULL,
    duty_id     bigint NOT NULL,
    PRIMARY KEY (tenant_id, power_id, duty_id),
    FOREIGN KEY (tenant_id, power_id) REFERENCES @extschema@.power (tenant_id, power_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id)
);
CREATE INDEX ON @extschema@.power_duty (tenant_id, duty_id);
COMMENT ON TABLE @extschema@.power_duty IS
    'The duties a power implies (权责对应): a power with none is power without responsibility (有权无责)';

CREATE SEQUENCE @extschema@.process_id_seq AS bigint;
CREATE TABLE @extschema@.process (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    process_id  bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.process_id_seq'),
    unit_id     bigint NOT NULL,
    code        text,
    title       text NOT NULL,
    domain      text,
    valid       tstzrange NOT NULL DEFAULT pg_catalog.tstzrange('-infinity'::pg_catalog.timestamptz, 'infinity'::pg_catalog.timestamptz),
    PRIMARY KEY (tenant_id, process_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CHECK (NOT pg_catalog.isempty(valid))
);
ALTER SEQUENCE @extschema@.process_id_seq OWNED BY @extschema@.process.process_id;
CREATE INDEX ON @extschema@.process (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.process IS
    'Workflows (业务流程) of a unit, in a domain; their steps may be owned by posts of other units';

CREATE SEQUENCE @extschema@.step_id_seq AS bigint;
CREATE TABLE @extschema@.process_step (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    step_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.step_id_seq'),
    process_id  bigint NOT NULL,
    seq         integer NOT NULL,
    name        text NOT NULL,
    role        @extschema@.step_role NOT NULL,
    time_limit  integer,
    is_end      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, step_id),
    UNIQUE (tenant_id, process_id, step_id),
    UNIQUE (tenant_id, process_id, seq),
    FOREIGN KEY (tenant_id, process_id) REFERENCES @extschema@.process (tenant_id, process_id) ON DELETE CASCADE,
    CONSTRAINT process_step_time_limit_positive CHECK (time_limit OPERATOR(pg_catalog.>) 0)
);
ALTER SEQUENCE @extschema@.step_id_seq OWNED BY @extschema@.process_step.step_id;
COMMENT ON TABLE @extschema@.process_step IS
    'Steps of a process in order (受理 → 承办 → 审核 → 批准 …), each with its role and time limit; owned by posts over time (step_owner)';
COMMENT ON COLUMN @extschema@.process_step.seq IS 'Order in the process; the first step is where the process starts';
COMMENT ON COLUMN @extschema@.process_step.time_limit IS 'Time limit of the step in working days (positive), NULL when none';
COMMENT ON COLUMN @extschema@.process_step.is_end IS 'The process may end here; any other step must hand off';

CREATE SEQUENCE @extschema@.step_owner_id_seq AS bigint;
CREATE TABLE @extschema@.step_owner (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    step_owner_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.step_owner_id_seq'),
    step_id     bigint NOT NULL,
    position_id bigint NOT NULL,
    during      tstzrange NOT NULL,
    PRIMARY KEY (tenant_id, step_owner_id),
    FOREIGN KEY (tenant_id, step_id) REFERENCES @extschema@.process_step (tenant_id, step_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CHECK (NOT pg_catalog.isempty(during))
);
ALTER SEQUENCE @extschema@.step_owner_id_seq OWNED BY @extschema@.step_owner.step_owner_id;
CREATE INDEX step_owner_step_during_idx ON @extschema@.step_owner (tenant_id, step_id, during);
CREATE INDEX step_owner_position_idx ON @extschema@.step_owner (tenant_id, position_id);
COMMENT ON TABLE @extschema@.step_owner IS
    'Which post owned which process step when; a step has one owner at a time (the coverage report finds gaps and overlaps)';

CREATE TABLE @extschema@.step_handoff (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    process_id  bigint NOT NULL,
    from_step   bigint NOT NULL,
    to_step     bigint NOT NULL,
    PRIMARY KEY (tenant_id, from_step, to_step),
    FOREIGN KEY (tenant_id, process_id, from_step)
        REFERENCES @extschema@.process_step (tenant_id, process_id, step_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, process_id, to_step)
        REFERENCES @extschema@.process_step (tenant_id, process_id, step_id) ON DELETE CASCADE
);
CREATE INDEX ON @extschema@.step_handoff (tenant_id, process_id);
COMMENT ON TABLE @extschema@.step_handoff IS
    'Hand-offs between steps of one process (a step of another process cannot be named)';

SELECT @extschema@.nest_within('duty', 'duty_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'duty_within_unit');
SELECT @extschema@.nest_within('duty_owner', 'duty_owner_id', 'duty_id', 'during', 'duty', 'duty_id', 'valid', 'duty_owner_within_duty');
SELECT @extschema@.nest_within('duty_owner', 'duty_owner_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'duty_owner_within_position');
SELECT @extschema@.nest_within('step_owner', 'step_owner_id', 'position_id', 'during', 'position', 'position_id', 'valid', 'step_owner_within_position');
SELECT @extschema@.nest_within('power', 'power_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'power_within_unit');
SELECT @extschema@.nest_within('process', 'process_id', 'unit_id', 'valid', 'unit', 'unit_id', 'valid', 'process_within_unit');

-- Key competencies of a post (职位说明书).
ALTER TABLE @extschema@.position ADD COLUMN competencies text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN @extschema@.position.competencies IS 'Key competencies (关键能力) the post calls for, one item each';

-- Writes log their keys in org_change, as writes to the organisation do:
-- the coverage report's arrays (src/coverage_image.c) read those keys again
-- (d duty, s step, r process).
DO $triggers$
DECLARE
    t record;
    ev text;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('duty', 'duty_id', 'd'), ('duty_owner', 'duty_id', 'd'),
                                   ('process', 'process_id', 'r'), ('process_step', 'step_id', 's'),
                                   ('step_owner', 'step_id', 's')) v(tab, col, kind) LOOP
        FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format($q$CREATE TRIGGER %1$s_log_%2$s AFTER %3$s ON @extschema@.%1$I %4$s
                FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.log_org_change(%5$L, %6$L)$q$,
                t.tab, ev, upper(ev),
                CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                        WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                        WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                        ELSE '' END,
                t.col, t.kind);
            EXECUTE format('ALTER TABLE @extschema@.%1$I ENABLE ALWAYS TRIGGER %1$s_log_%2$s', t.tab, ev);
        END LOOP;
    END LOOP;
END
$triggers$;
COMMENT ON TABLE @extschema@.org_change IS
    'Internal: the keys each transaction changed (p post, u unit''s leaders in charge, d duty, s process step, r process, a whole tenant, h pruned below xid key), read by the organisation image and the coverage report''s arrays';
COMMENT ON FUNCTION @extschema@.log_org_change() IS
    'Statement trigger on position, assignment, absence, charge and the catalogue''s duty, duty_owner, process, process_step, step_owner: logs the keys the statement changed in org_change';

-- nest_within() served the install script only.
DROP FUNCTION @extschema@.nest_within(text, text, text, text, text, text, text, text);
-- Reading the catalogue as of a moment: the chain of a process step, and the
-- position description (职位说明书) of a post.

CREATE FUNCTION @extschema@.step_chain(step_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS @extschema@.rchain
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN p.domain IS NULL THEN @extschema@.command_chain(o.position_id, at)
                ELSE @extschema@.command_chain(o.position_id, at, p.domain) END
      FROM @extschema@.step_owner o
      JOIN @extschema@.process_step st ON st.tenant_id = o.tenant_id AND st.step_id = o.step_id
      JOIN @extschema@.process p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id
     WHERE o.tenant_id = @extschema@.current_tenant() AND o.step_id = step_chain.step_id
       AND o.during @> at
     ORDER BY o.position_id
     LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.step_chain(bigint, timestamptz) IS
    'Chain of a process step as of a moment: the command chain of the post that owned it then, through the leader in charge of the process''s domain; NULL when nobody owned it (a gap in the coverage report)';

CREATE FUNCTION @extschema@.position_description(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT jsonb_build_object(
        'position_id', p.position_id, 'title', p.title, 'kind', p.kind,
        'unit', jsonb_build_object('unit_id', u.unit_id, 'name', u.name),
        'reports_to', (SELECT jsonb_build_object('position_id', r.position_id, 'title', r.title)
                         FROM @extschema@.position r
                        WHERE r.tenant_id = p.tenant_id AND r.position_id = p.reports_to),
        'as_of', at,
        'answered_by', (SELECT jsonb_build_object('person_id', pe.person_id, 'name', pe.name,
                                  'acting', EXISTS (SELECT FROM @extschema@.assignment a
                                                     WHERE a.tenant_id = p.tenant_id AND a.position_id = p.position_id
                                                       AND a.person_id = pe.person_id AND a.tenure = 'acting'
                                                       AND a.during @> at)
                                         OR EXISTS (SELECT FROM @extschema@.absence b
                                                     WHERE b.tenant_id = p.tenant_id AND b.position_id = p.position_id
                                                       AND b.acting_person_id = pe.person_id AND b.during @> at))
                          FROM @extschema@.person pe
                         WHERE pe.tenant_id = p.tenant_id
                           AND pe.person_id = @extschema@.holder(p.position_id, at)),
        'duties', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                'duty_id', d.duty_id, 'title', d.title, 'ownership', o.kind, 'basis', d.basis,
                                'domain', d.domain, 'target', d.target, 'target_value', d.target_value,
                                'target_unit', d.target_unit, 'measure', d.measure, 'consequence', d.consequence,
                                'public_interest', d.public_interest) ORDER BY o.kind, d.duty_id)
                              FROM @extschema@.duty_owner o
                              JOIN @extschema@.duty d ON d.tenant_id = o.tenant_id AND d.duty_id = o.duty_id
                             WHERE o.tenant_id = p.tenant_id AND o.position_id = p.position_id AND o.during @> at),
                           '[]'),
        'workflow', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                  'process_id', pr.process_id, 'process', pr.title, 'step_id', st.step_id,
                                  'step', st.name, 'role', st.role, 'time_limit_working_days', st.time_limit)
                                  ORDER BY pr.process_id, st.seq)
                                FROM @extschema@.step_owner o
                                JOIN @extschema@.process_step st ON st.tenant_id = o.tenant_id AND st.step_id = o.step_id
                                JOIN @extschema@.process pr ON pr.tenant_id = st.tenant_id AND pr.process_id = st.process_id
                               WHERE o.tenant_id = p.tenant_id AND o.position_id = p.position_id AND o.during @> at),
                             '[]'),
        'competencies', to_jsonb(p.competencies))
      FROM @extschema@.position p
      JOIN @extschema@.unit u ON u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
     WHERE p.tenant_id = @extschema@.current_tenant() AND p.position_id = position_description.position_id
$$;
COMMENT ON FUNCTION @extschema@.position_description(bigint, timestamptz) IS
    'Position description (职位说明书) of a post as of a moment, as JSON: basic facts, who answered for it, its duties, its steps in workflows, its key competencies; NULL for an unknown post';
-- The coverage report (R4, R5, R7): for a unit and its sub-units over a span
-- of time, one row per finding.  Findings over time (gaps, overlaps, vacant
-- owners, idle persons, missing indicators) come from interval sweeps in C
-- (src/coverage.c); the structural ones (hand-offs, powers, consequences)
-- are plain SQL below, the natural tool for anti-joins over small graphs.

INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('finding', 'gap', 'gap: no owner', '责任死角'),
    ('finding', 'overlap', 'overlap: more than one primary owner', '多头管理'),
    ('finding', 'vacant_owner', 'owner post unattended', '责任岗位空缺'),
    ('finding', 'idle_person', 'person in post with no duty', '在岗无责'),
    ('finding', 'dead_end', 'hand-off leads nowhere', '流程断链'),
    ('finding', 'cycle', 'hand-offs form a cycle', '流程循环'),
    ('finding', 'unreachable', 'step nobody can reach', '流程孤立环节'),
    ('finding', 'no_approver', 'process without an approver', '流程无批准环节'),
    ('finding', 'power_without_duty', 'power without responsibility', '有权无责'),
    ('finding', 'power_without_consequence', 'power whose duties carry no consequence', '权大责小'),
    ('finding', 'duty_without_consequence', 'duty without consequence', '有责无罚'),
    ('finding', 'unit_without_indicator', 'unit with no indicator', '单位无考核指标'),
    ('finding', 'post_without_indicator', 'post with no indicator', '岗位无考核指标');

CREATE FUNCTION @extschema@.coverage_sweep(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, person_id bigint,
                   span tstzrange, positions bigint[])
    AS 'MODULE_PATHNAME', 'coverage_sweep'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 100;
COMMENT ON FUNCTION @extschema@.coverage_sweep(bigint, timestamptz, timestamptz) IS
    'The findings over time of the coverage report, by interval sweeps in C: gap, overlap, vacant_owner, idle_person, post_without_indicator, unit_without_indicator, each with its span inside [from_at, to_at)';

-- A span in words: dates when the bounds are midnights, in the session's
-- time zone.  Called twice for every row of a report, so both are plain
-- expressions the planner inlines (no SET clause; the SQL-standard bodies
-- are bound to pg_catalog when created, whatever the caller's search_path).
CREATE FUNCTION @extschema@.span_bound_text(bound timestamptz) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN bound IS NULL OR NOT pg_catalog.isfinite(bound) THEN NULL
                WHEN CAST(bound AS pg_catalog.time) OPERATOR(pg_catalog.=) CAST('00:00' AS pg_catalog.time)
                    THEN pg_catalog.to_char(bound, 'YYYY-MM-DD')
                ELSE pg_catalog.to_char(bound, 'YYYY-MM-DD HH24:MI:SS') END;
COMMENT ON FUNCTION @extschema@.span_bound_text(timestamptz) IS
    'A bound of a span in words: its date when it is a midnight, else date and time; NULL when infinite';

CREATE FUNCTION @extschema@.span_text(span tstzrange, lang text DEFAULT 'en') RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN span IS NULL THEN NULL
                WHEN lang OPERATOR(pg_catalog.=) 'zh' THEN
                    COALESCE('自' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.lower(span)), '自始')
                    OPERATOR(pg_catalog.||)
                    COALESCE('至' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.upper(span)), '起至今')
                ELSE
                    COALESCE('from ' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.lower(span)), 'from the start')
                    OPERATOR(pg_catalog.||)
                    COALESCE(' until ' OPERATOR(pg_catalog.||) @extschema@.span_bound_text(pg_catalog.upper(span)), ' onwards') END;
COMMENT ON FUNCTION @extschema@.span_text(tstzrange, text) IS
    'A span in words, in English (''en'') or Chinese (''zh''): "from 2005-03-03 until 2005-04-15" (the end excluded)';

CREATE FUNCTION @extschema@.coverage_report(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $f$
BEGIN
    IF from_at >= to_at THEN
        RAISE EXCEPTION 'coverage span must end after it starts'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The span given runs from %s to %s.', from_at, to_at);
    END IF;
    -- Planned for these arguments (EXECUTE): how many units, findings and
    -- steps are in scope decides between index probes and hash joins.
    RETURN QUERY EXECUTE $q$
WITH RECURSIVE
t AS (SELECT $4 AS tenant_id),
win AS (SELECT tstzrange($2, $3) AS w),
scope AS (
    SELECT u.unit_id FROM @extschema@.unit u, t
     WHERE u.tenant_id = t.tenant_id AND u.unit_id = $1
    UNION ALL
    SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id, t
     WHERE u.tenant_id = t.tenant_id),
procs AS (
    SELECT p.* FROM @extschema@.process p, t, win
     WHERE p.tenant_id = t.tenant_id AND p.valid && win.w
       AND p.unit_id IN (SELECT s.unit_id FROM scope s)),
steps AS (
    SELECT st.*, p.valid FROM @extschema@.process_step st
      JOIN procs p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id),
handoffs AS (
    SELECT h.* FROM @extschema@.step_handoff h
      JOIN procs p ON p.tenant_id = h.tenant_id AND p.process_id = h.process_id),
-- (hand-offs followed through their primary key: index probes, however
-- many steps are in scope)
reach AS (
    SELECT f.process_id, f.step_id
      FROM (SELECT st.process_id, st.step_id,
                   row_number() OVER (PARTITION BY st.process_id ORDER BY st.seq) AS rn
              FROM steps st) f
     WHERE f.rn = 1
    UNION
    SELECT h.process_id, h.to_step
      FROM reach r JOIN @extschema@.step_handoff h
        ON h.tenant_id = (SELECT t.tenant_id FROM t) AND h.from_step = r.step_id),
closure AS (
    SELECT h.from_step, h.to_step FROM handoffs h
    UNION
    SELECT c.from_step, h.to_step
      FROM closure c JOIN @extschema@.step_handoff h
        ON h.tenant_id = (SELECT t.tenant_id FROM t) AND h.from_step = c.to_step),
duties AS (
    SELECT d.* FROM @extschema@.duty d, t, win
     WHERE d.tenant_id = t.tenant_id AND d.valid && win.w
       AND d.unit_id IN (SELECT s.unit_id FROM scope s)),
powers AS (
    SELECT pw.* FROM @extschema@.power pw, t, win
     WHERE pw.tenant_id = t.tenant_id AND pw.valid && win.w
       AND pw.unit_id IN (SELECT s.unit_id FROM scope s)),
found AS (
    SELECT c.kind, c.object_kind, c.object_id, c.position_id, c.person_id, c.span, c.positions,
           NULL::bigint[] AS duties
      FROM @extschema@.coverage_sweep($1, $2, $3) c
    UNION ALL
    SELECT 'dead_end', 'step', st.step_id, NULL, NULL, st.valid * win.w, NULL, NULL FROM steps st, win
     WHERE NOT st.is_end AND NOT EXISTS (SELECT FROM handoffs h WHERE h.from_step = st.step_id)
    UNION ALL
    SELECT 'cycle', 'step', c.from_step, NULL, NULL, st.valid * win.w, NULL, NULL
      FROM closure c JOIN steps st ON st.step_id = c.from_step, win
     WHERE c.from_step = c.to_step
    UNION ALL
    SELECT 'unreachable', 'step', st.step_id, NULL, NULL, st.valid * win.w, NULL, NULL FROM steps st, win
     WHERE NOT EXISTS (SELECT FROM reach r WHERE r.step_id = st.step_id)
    UNION ALL
    SELECT 'no_approver', 'process', p.process_id, NULL, NULL, p.valid * win.w, NULL, NULL FROM procs p, win
     WHERE NOT EXISTS (SELECT FROM steps st WHERE st.process_id = p.process_id AND st.role = 'approver')
    UNION ALL
    SELECT 'power_without_duty', 'power', pw.power_id, pw.position_id, NULL, pw.valid * win.w, NULL, NULL
      FROM powers pw, win
     WHERE NOT EXISTS (SELECT FROM @extschema@.power_duty pd
                        WHERE pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id)
    UNION ALL
    SELECT 'power_without_consequence', 'power', pw.power_id, pw.position_id, NULL, pw.valid * win.w,
           NULL, array_agg(pd.duty_id ORDER BY pd.duty_id)
      FROM powers pw, win, @extschema@.power_duty pd, @extschema@.duty d
     WHERE pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id
       AND d.tenant_id = pd.tenant_id AND d.duty_id = pd.duty_id
       AND coalesce(btrim(d.consequence), '') = ''
     GROUP BY pw.power_id, pw.position_id, pw.valid, win.w
    UNION ALL
    SELECT 'duty_without_consequence', 'duty', d.duty_id, NULL, NULL, d.valid * win.w, NULL, NULL FROM duties d, win
     WHERE coalesce(btrim(d.consequence), '') = ''

)
SELECT f.kind, l.label_zh, f.object_kind, f.object_id, f.title,
       f.position_id, f.person_id, f.span, f.positions, f.duties,
       format('%s %s "%s": %s, %s.', f.object_kind, f.object_id,
              f.title,
              CASE f.kind
              WHEN 'gap' THEN 'no post owned it'
              WHEN 'overlap' THEN format('posts %s all owned it as primary owners', array_to_string(f.positions, ', '))
              WHEN 'vacant_owner' THEN format('its owner post %s was vacant or its holder absent with nobody acting', f.position_id)
              WHEN 'idle_person' THEN format('person %s answered for it while it owned no duty or step', f.person_id)
              WHEN 'dead_end' THEN 'it hands off to no step and is not an end of its process'
              WHEN 'cycle' THEN 'its hand-offs lead back to it'
              WHEN 'unreachable' THEN 'no hand-off from the first step reaches it'
              WHEN 'no_approver' THEN 'it has no approval step'
              WHEN 'power_without_duty' THEN 'it implies no duty'
              WHEN 'power_without_consequence' THEN format('its duties %s carry no consequence', array_to_string(f.duties, ', '))
              WHEN 'duty_without_consequence' THEN 'failing it carries no consequence'
              WHEN 'unit_without_indicator' THEN 'none of its duties had a quantified target'
              WHEN 'post_without_indicator' THEN 'it owned no duty with a quantified target'
              END, @extschema@.span_text(f.span)),
       format('%s%s“%s”：%s，%s。',
              CASE f.object_kind WHEN 'duty' THEN '责任' WHEN 'step' THEN '环节' WHEN 'process' THEN '流程'
                                 WHEN 'power' THEN '权力' WHEN 'unit' THEN '单位' ELSE '岗位' END,
              f.object_id, f.title,
              CASE f.kind
              WHEN 'gap' THEN '无岗位承担'
              WHEN 'overlap' THEN format('岗位%s同为主体责任人', array_to_string(f.positions, '、'))
              WHEN 'vacant_owner' THEN format('责任岗位%s空缺或在岗者缺位且无人代理', f.position_id)
              WHEN 'idle_person' THEN format('人员%s在岗但该岗位无任何责任或环节', f.person_id)
              WHEN 'dead_end' THEN '无后续环节且非流程终点'
              WHEN 'cycle' THEN '流转后回到本环节'
              WHEN 'unreachable' THEN '从首个环节无法到达'
              WHEN 'no_approver' THEN '没有批准环节'
              WHEN 'power_without_duty' THEN '未对应任何责任'
              WHEN 'power_without_consequence' THEN format('所对应责任%s无追究后果', array_to_string(f.duties, '、'))
              WHEN 'duty_without_consequence' THEN '未规定追究后果'
              WHEN 'unit_without_indicator' THEN '其责任均无量化指标'
              WHEN 'post_without_indicator' THEN '所承担责任均无量化指标'
              END, @extschema@.span_text(f.span, 'zh'))
  FROM (SELECT f.*,
               CASE f.object_kind
               WHEN 'duty' THEN (SELECT d.title FROM @extschema@.duty d WHERE d.tenant_id = $4 AND d.duty_id = f.object_id)
               WHEN 'step' THEN (SELECT st.name FROM @extschema@.process_step st WHERE st.tenant_id = $4 AND st.step_id = f.object_id)
               WHEN 'process' THEN (SELECT p.title FROM @extschema@.process p WHERE p.tenant_id = $4 AND p.process_id = f.object_id)
               WHEN 'power' THEN (SELECT pw.title FROM @extschema@.power pw WHERE pw.tenant_id = $4 AND pw.power_id = f.object_id)
               WHEN 'unit' THEN (SELECT u.name FROM @extschema@.unit u WHERE u.tenant_id = $4 AND u.unit_id = f.object_id)
               ELSE (SELECT po.title FROM @extschema@.position po WHERE po.tenant_id = $4 AND po.position_id = f.object_id) END
               AS title
          FROM found f) f
  LEFT JOIN @extschema@.label l ON l.domain = 'finding' AND l.code = f.kind
 ORDER BY f.kind, f.object_kind, f.object_id, lower(f.span), f.position_id, f.person_id$q$
    USING unit_id, from_at, to_at, @extschema@.current_tenant();
END
$f$;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz, timestamptz) IS
    'Coverage report (责任链接无缝化) of a unit and its sub-units over [from_at, to_at): one row per finding (gap, overlap, vacant owner, idle person, broken hand-offs, powers without duties or consequences, missing indicators), with the span it covers, the posts of an overlap (positions), the duties without consequence of a power (duties) and an explanation in English and Chinese';

CREATE FUNCTION @extschema@.coverage_report(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT r.* FROM @extschema@.coverage_report(unit_id, '-infinity', 'infinity') r
     WHERE r.span @> at
$$;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz) IS
    'Coverage report of a unit and its sub-units at a moment: the findings in force then, each with its whole span';
-- The public white paper (部门责任白皮书, R6) of a unit as of a date, and
-- diagrams (Mermaid, Graphviz DOT) of a unit's command structure and of a
-- process, vacancies and gaps marked.

CREATE FUNCTION @extschema@.white_paper_json(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH RECURSIVE
    t AS (SELECT @extschema@.current_tenant() AS tenant_id),
    scope AS (
        SELECT u.unit_id FROM @extschema@.unit u, t
         WHERE u.tenant_id = t.tenant_id AND u.unit_id = white_paper_json.unit_id AND u.valid @> at
        UNION ALL
        SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id, t
         WHERE u.tenant_id = t.tenant_id AND u.valid @> at)
    SELECT jsonb_build_object(
        'unit_id', u.unit_id, 'unit', u.name, 'as_of', at,
        'duties', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'duty_id', d.duty_id, 'code', d.code, 'title', d.title, 'unit', du.name,
                       'basis', d.basis, 'domain', d.domain, 'target', d.target,
                       'target_value', d.target_value, 'target_unit', d.target_unit,
                       'measure', d.measure, 'consequence', d.consequence,
                       'owners', coalesce((
                           SELECT jsonb_agg(jsonb_build_object('position_id', o.position_id, 'post', po.title,
                                                               'post_unit', pu.name, 'ownership', o.kind)
                                            ORDER BY o.kind, o.position_id)
                             FROM @extschema@.duty_owner o
                             JOIN @extschema@.position po ON po.tenant_id = o.tenant_id AND po.position_id = o.position_id
                             JOIN @extschema@.unit pu ON pu.tenant_id = po.tenant_id AND pu.unit_id = po.unit_id
                            WHERE o.tenant_id = d.tenant_id AND o.duty_id = d.duty_id AND o.during @> at), '[]'))
                   ORDER BY d.unit_id, d.code, d.duty_id)
              FROM @extschema@.duty d JOIN scope s ON s.unit_id = d.unit_id
              JOIN @extschema@.unit du ON du.tenant_id = d.tenant_id AND du.unit_id = d.unit_id, t
             WHERE d.tenant_id = t.tenant_id AND d.public_interest AND d.valid @> at), '[]'),
        'processes', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'process_id', p.process_id, 'code', p.code, 'title', p.title, 'domain', p.domain,
                       -- the longest way through the hand-offs from the first step
                       'time_limit_working_days', (
                           WITH RECURSIVE walk(step_id, total, path) AS (
                               SELECT st.step_id, coalesce(st.time_limit, 0), ARRAY[st.step_id]
                                 FROM @extschema@.process_step st
                                WHERE st.tenant_id = p.tenant_id AND st.process_id = p.process_id
                                  AND st.seq = (SELECT min(s1.seq) FROM @extschema@.process_step s1
                                                 WHERE s1.tenant_id = p.tenant_id AND s1.process_id = p.process_id)
                               UNION ALL
                               SELECT h.to_step, w.total + coalesce(n.time_limit, 0), w.path || h.to_step
                                 FROM walk w
                                 JOIN @extschema@.step_handoff h ON h.tenant_id = p.tenant_id AND h.from_step = w.step_id
                                 JOIN @extschema@.process_step n ON n.tenant_id = h.tenant_id AND n.step_id = h.to_step
                                WHERE h.to_step <> ALL (w.path))
                           SELECT max(total) FROM walk),
                       'steps', (SELECT jsonb_agg(jsonb_build_object(
                                            'seq', st.seq, 'step', st.name, 'role', st.role,
                                            'time_limit_working_days', st.time_limit,
                                            'post', (SELECT po.title || ', ' || pu.name FROM @extschema@.step_owner o
                                                       JOIN @extschema@.position po
                                                         ON po.tenant_id = o.tenant_id AND po.position_id = o.position_id
                                                       JOIN @extschema@.unit pu
                                                         ON pu.tenant_id = po.tenant_id AND pu.unit_id = po.unit_id
                                                      WHERE o.tenant_id = st.tenant_id AND o.step_id = st.step_id
                                                        AND o.during @> at
                                                      ORDER BY o.position_id LIMIT 1))
                                        ORDER BY st.seq)
                                   FROM @extschema@.process_step st
                                  WHERE st.tenant_id = p.tenant_id AND st.process_id = p.process_id))
                   ORDER BY p.code, p.process_id)
              FROM @extschema@.process p JOIN scope s ON s.unit_id = p.unit_id, t
             WHERE p.tenant_id = t.tenant_id AND p.valid @> at), '[]'))
      FROM @extschema@.unit u, t
     WHERE u.tenant_id = t.tenant_id AND u.unit_id = white_paper_json.unit_id AND u.valid @> at
$$;
COMMENT ON FUNCTION @extschema@.white_paper_json(bigint, timestamptz) IS
    'Public white paper (部门责任白皮书) of a unit and its sub-units as of a moment, as JSON: public-interest duties with basis, targets, consequences and owning posts; processes with their steps, owning posts (with their units) and time limits (the process''s: its longest way through the hand-offs). NULL when the unit did not exist then';

CREATE FUNCTION @extschema@.white_paper_markdown(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'# %s: white paper of duties 部门责任白皮书\n\nAs of %s.\n\n## Duties to the public 公共责任\n\n%s\n## Processes and time limits 办事流程与时限\n\n%s',
                  w->>'unit', to_char(at, 'YYYY-MM-DD'),
                  coalesce((SELECT string_agg(format(E'### %s\n\n- Unit 单位: %s\n- Basis 依据: %s\n- Target 指标: %s\n- Measured by 考核方法: %s\n- Consequence 责任追究: %s\n- Owned by 责任岗位: %s\n',
                                                      d->>'title', d->>'unit', coalesce(d->>'basis', '—'),
                                                      coalesce(d->>'target', '—'), coalesce(d->>'measure', '—'),
                                                      coalesce(d->>'consequence', '— (none: 有责无罚)'),
                                                      coalesce((SELECT string_agg(format('%s, %s (%s)', o->>'post', o->>'post_unit',
                                                                    CASE o->>'ownership' WHEN 'primary' THEN 'primary 主体责任'
                                                                         ELSE 'supervisory 监管责任' END), '; ' ORDER BY ord)
                                                                  FROM jsonb_array_elements(d->'owners') WITH ORDINALITY x(o, ord)),
                                                               'nobody (gap 责任死角)')),
                                               E'\n' ORDER BY ord)
                              FROM jsonb_array_elements(w->'duties') WITH ORDINALITY y(d, ord)),
                           E'None.\n'),
                  coalesce((SELECT string_agg(format(E'### %s\n\nDomain 领域: %s; time limit 办结时限: %s working days 工作日 (the longest way through its steps).\n\n| # | Step 环节 | Role 角色 | Limit 时限 (working days) | Post 岗位 |\n|---|---|---|---|---|\n%s',
                                                      p->>'title', coalesce(p->>'domain', '—'),
                                                      coalesce(p->>'time_limit_working_days', '—'),
                                                      coalesce((SELECT string_agg(format(E'| %s | %s | %s | %s | %s |\n',
                                                                    s->>'seq', s->>'step', s->>'role',
                                                                    coalesce(s->>'time_limit_working_days', '—'),
                                                                    coalesce(s->>'post', 'nobody (gap 责任死角)')), '' ORDER BY ord)
                                                                  FROM jsonb_array_elements(p->'steps') WITH ORDINALITY z(s, ord)), '')),
                                               E'\n' ORDER BY ord)
                              FROM jsonb_array_elements(w->'processes') WITH ORDINALITY y(p, ord)),
                           E'None.\n'))
      FROM @extschema@.white_paper_json(unit_id, at) w
     WHERE w IS NOT NULL
$$;
COMMENT ON FUNCTION @extschema@.white_paper_markdown(bigint, timestamptz) IS
    'Public white paper (部门责任白皮书) of a unit as of a moment, as Markdown (the JSON of white_paper_json, for publication); NULL when the unit did not exist then';

-- Text in a diagram label: quotes and line breaks made safe for either format.
CREATE FUNCTION @extschema@.diagram_label(label text, format text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE format
           WHEN 'dot' THEN replace(replace(replace(label, E'\\', E'\\\\'), '"', E'\\"'), E'\n', E'\\n')
           ELSE replace(replace(replace(replace(label, '"', '#quot;'), '<', '#lt;'), '>', '#gt;'), E'\n', '<br/>') END;
COMMENT ON FUNCTION @extschema@.diagram_label(text, text) IS
    'A label made safe for a Mermaid (''mermaid'') or Graphviz (''dot'') diagram';

CREATE FUNCTION @extschema@.unit_diagram(unit_id bigint, at timestamptz DEFAULT pg_catalog.now(),
                                         format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.unit u WHERE u.tenant_id = tenant AND u.unit_id = unit_diagram.unit_id) THEN
        RAISE EXCEPTION 'unit % does not exist', unit_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No unit has this id in the current tenant.';
    END IF;
    WITH RECURSIVE scope AS (
        SELECT u.unit_id FROM @extschema@.unit u WHERE u.tenant_id = tenant AND u.unit_id = unit_diagram.unit_id
        UNION ALL
        SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id WHERE u.tenant_id = tenant),
    posts AS (
        SELECT p.position_id, p.title, p.reports_to, u.name AS unit_name,
               pe.name AS person_name,
               CASE WHEN h.assignment_id IS NULL THEN 'vacant'
                    WHEN b.absence_id IS NOT NULL AND b.acting_person_id IS NULL THEN 'absent'
                    WHEN b.absence_id IS NOT NULL OR h.tenure = 'acting' THEN 'acting'
                    ELSE 'held' END AS state
          FROM @extschema@.position p JOIN scope s ON s.unit_id = p.unit_id
          JOIN @extschema@.unit u ON u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
          LEFT JOIN @extschema@.assignment h
            ON h.tenant_id = p.tenant_id AND h.position_id = p.position_id AND h.during @> at
          LEFT JOIN @extschema@.absence b
            ON b.tenant_id = h.tenant_id AND b.assignment_id = h.assignment_id AND b.during @> at
          LEFT JOIN @extschema@.person pe
            ON pe.tenant_id = p.tenant_id AND pe.person_id = coalesce(b.acting_person_id, h.person_id)
         WHERE p.tenant_id = tenant AND p.valid @> at),
    lines AS (
        SELECT 1 AS part, position_id AS ord,
               CASE format
               WHEN 'dot' THEN format('  p%s [label="%s"%s];', position_id,
                                      @extschema@.diagram_label(title || E'\n' || unit_name || E'\n' ||
                                          CASE state WHEN 'vacant' THEN 'VACANT 空缺'
                                                     WHEN 'absent' THEN 'ABSENT, nobody acting 缺位'
                                                     WHEN 'acting' THEN person_name || ' (acting 代理)'
                                                     ELSE person_name END, 'dot'),
                                      CASE state WHEN 'vacant' THEN ', color=red, style=dashed'
                                                 WHEN 'absent' THEN ', color=orange, style=dashed' ELSE '' END)
               ELSE format('  p%s["%s"]%s', position_id,
                           @extschema@.diagram_label(title || E'\n' || unit_name || E'\n' ||
                               CASE state WHEN 'vacant' THEN 'VACANT 空缺'
                                          WHEN 'absent' THEN 'ABSENT, nobody acting 缺位'
                                          WHEN 'acting' THEN person_name || ' (acting 代理)'
                                          ELSE person_name END, 'mermaid'),
                           CASE state WHEN 'vacant' THEN ':::vacant' WHEN 'absent' THEN ':::absent' ELSE '' END) END AS line
          FROM posts
        UNION ALL
        SELECT 2, position_id,
               CASE format WHEN 'dot' THEN format('  p%s -> p%s;', position_id, reports_to)
                           ELSE format('  p%s --> p%s', position_id, reports_to) END
          FROM posts WHERE reports_to IN (SELECT position_id FROM posts))
    SELECT string_agg(line, E'\n' ORDER BY part, ord) INTO body FROM lines;
    IF format = 'dot' THEN
        RETURN E'digraph unit {\n  rankdir=BT;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph BT\n' || coalesce(body || E'\n', '')
        || E'  classDef vacant stroke:#d00,stroke-dasharray:4\n  classDef absent stroke:#e80,stroke-dasharray:4\n';
END
$$;
COMMENT ON FUNCTION @extschema@.unit_diagram(bigint, timestamptz, text) IS
    'Command structure of a unit and its sub-units as of a moment, as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: each post with who answered for it, vacancies and absences marked';

CREATE FUNCTION @extschema@.process_diagram(process_id bigint, at timestamptz DEFAULT pg_catalog.now(),
                                            format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.process p WHERE p.tenant_id = tenant AND p.process_id = process_diagram.process_id) THEN
        RAISE EXCEPTION 'process % does not exist', process_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No process has this id in the current tenant.';
    END IF;
    WITH steps AS (
        SELECT st.step_id, st.seq, st.name, st.role, st.time_limit, st.is_end,
               o.position_id, po.title AS post, @extschema@.holder(o.position_id, at) AS person_id,
               EXISTS (SELECT FROM @extschema@.assignment a
                        WHERE a.tenant_id = st.tenant_id AND a.position_id = o.position_id
                          AND a.during @> at) AS held
          FROM @extschema@.process_step st
          LEFT JOIN LATERAL (SELECT so.position_id FROM @extschema@.step_owner so
                              WHERE so.tenant_id = st.tenant_id AND so.step_id = st.step_id AND so.during @> at
                              ORDER BY so.position_id LIMIT 1) o ON true
          LEFT JOIN @extschema@.position po ON po.tenant_id = st.tenant_id AND po.position_id = o.position_id
         WHERE st.tenant_id = tenant AND st.process_id = process_diagram.process_id),
    lines AS (
        SELECT 1 AS part, seq AS ord,
               CASE format
               WHEN 'dot' THEN format('  s%s [label="%s"%s];', step_id,
                   @extschema@.diagram_label(seq || '. ' || name || ' (' || role || ')' || E'\n' ||
                       coalesce(post, 'NO OWNER 责任死角') || coalesce(E'\n' || time_limit || ' working days', '') ||
                       CASE WHEN post IS NULL OR person_id IS NOT NULL THEN ''
                            WHEN held THEN E'\nABSENT, nobody acting 缺位' ELSE E'\nVACANT 空缺' END, 'dot'),
                   CASE WHEN post IS NULL THEN ', color=red, style=bold'
                        WHEN person_id IS NULL THEN ', color=orange, style=dashed' ELSE '' END
                   || CASE WHEN is_end THEN ', peripheries=2' ELSE '' END)
               ELSE format('  s%s["%s"]%s', step_id,
                   @extschema@.diagram_label(seq || '. ' || name || ' (' || role || ')' || E'\n' ||
                       coalesce(post, 'NO OWNER 责任死角') || coalesce(E'\n' || time_limit || ' working days', '') ||
                       CASE WHEN post IS NULL OR person_id IS NOT NULL THEN ''
                            WHEN held THEN E'\nABSENT, nobody acting 缺位' ELSE E'\nVACANT 空缺' END, 'mermaid'),
                   CASE WHEN post IS NULL THEN ':::gap' WHEN person_id IS NULL THEN ':::vacant' ELSE '' END) END AS line
          FROM steps
        UNION ALL
        SELECT 2, s.seq,
               CASE format WHEN 'dot' THEN format('  s%s -> s%s;', h.from_step, h.to_step)
                           ELSE format('  s%s --> s%s', h.from_step, h.to_step) END
          FROM @extschema@.step_handoff h JOIN steps s ON s.step_id = h.from_step
         WHERE h.tenant_id = tenant AND h.process_id = process_diagram.process_id)
    SELECT string_agg(line, E'\n' ORDER BY part, ord, line) INTO body FROM lines;
    IF format = 'dot' THEN
        RETURN E'digraph process {\n  rankdir=LR;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph LR\n' || coalesce(body || E'\n', '')
        || E'  classDef gap stroke:#d00,stroke-width:3px\n  classDef vacant stroke:#e80,stroke-dasharray:4\n';
END
$$;
COMMENT ON FUNCTION @extschema@.process_diagram(bigint, timestamptz, text) IS
    'A process as of a moment, as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: its steps with role, owning post and time limit, its hand-offs; steps with no owner and vacant owners marked';
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
-- pg_dump keeps the tables added in 0.3.0 (see 90_dump.sql).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.absence', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.absence_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_owner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.duty_owner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.power_duty', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.process_step', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_owner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_owner_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.step_handoff', '');
