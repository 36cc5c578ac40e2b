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
--   responsibility_complaint_handler  also reads who made a complaint
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
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_complaint_handler') THEN
        CREATE ROLE responsibility_complaint_handler NOLOGIN IN ROLE responsibility_reader;
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
-- Aggregates of the assessment (P1), in C (src/scoring_agg.c): a weighted
-- mean and a trimmed mean (去掉最高分和最低分), each able to run in parallel.

CREATE FUNCTION @extschema@.weighted_mean_transfn(internal, float8, float8) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_combinefn(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_serialfn(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_deserialfn(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.weighted_mean_finalfn(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.weighted_mean_transfn(internal, float8, float8) IS 'weighted_mean(): adds a score and its weight';
COMMENT ON FUNCTION @extschema@.weighted_mean_combinefn(internal, internal) IS 'weighted_mean(): joins two partial states';
COMMENT ON FUNCTION @extschema@.weighted_mean_serialfn(internal) IS 'weighted_mean(): a partial state as bytes, for parallel workers';
COMMENT ON FUNCTION @extschema@.weighted_mean_deserialfn(bytea, internal) IS 'weighted_mean(): a partial state from bytes';
COMMENT ON FUNCTION @extschema@.weighted_mean_finalfn(internal) IS 'weighted_mean(): the mean';

CREATE AGGREGATE @extschema@.weighted_mean(score float8, weight float8) (
    SFUNC = @extschema@.weighted_mean_transfn,
    STYPE = internal,
    SSPACE = 24,
    FINALFUNC = @extschema@.weighted_mean_finalfn,
    COMBINEFUNC = @extschema@.weighted_mean_combinefn,
    SERIALFUNC = @extschema@.weighted_mean_serialfn,
    DESERIALFUNC = @extschema@.weighted_mean_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.weighted_mean(float8, float8) IS
    'Weighted mean of the scores: sum(weight * score) / sum(weight) over the rows where both are given; a negative weight is an error; NULL without scores or when every weight is zero';

CREATE FUNCTION @extschema@.trimmed_mean_transfn(internal, float8, integer) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_combinefn(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_serialfn(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_deserialfn(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.trimmed_mean_finalfn(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trimmed_mean_transfn(internal, float8, integer) IS 'trimmed_mean(): adds a score';
COMMENT ON FUNCTION @extschema@.trimmed_mean_combinefn(internal, internal) IS 'trimmed_mean(): joins two partial states';
COMMENT ON FUNCTION @extschema@.trimmed_mean_serialfn(internal) IS 'trimmed_mean(): a partial state as bytes, for parallel workers';
COMMENT ON FUNCTION @extschema@.trimmed_mean_deserialfn(bytea, internal) IS 'trimmed_mean(): a partial state from bytes';
COMMENT ON FUNCTION @extschema@.trimmed_mean_finalfn(internal) IS 'trimmed_mean(): the mean of what is left';

CREATE AGGREGATE @extschema@.trimmed_mean(score float8, trim_each integer) (
    SFUNC = @extschema@.trimmed_mean_transfn,
    STYPE = internal,
    SSPACE = 64,
    FINALFUNC = @extschema@.trimmed_mean_finalfn,
    COMBINEFUNC = @extschema@.trimmed_mean_combinefn,
    SERIALFUNC = @extschema@.trimmed_mean_serialfn,
    DESERIALFUNC = @extschema@.trimmed_mean_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.trimmed_mean(float8, integer) IS
    'Trimmed mean (去掉最高分和最低分): the mean of the scores once the trim_each highest and the trim_each lowest are dropped (0 to 16, the same for the whole group); NULL when no score is left, so that too few raters is seen, never averaged over the rest';

-- The combination of evaluator sources: each source trimmed and averaged,
-- sources with too few raters left out and reported, the weights of the
-- rest renormalised.
CREATE FUNCTION @extschema@.multi_source_transfn(internal, text, float8, float8, integer, integer) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_combinefn(internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_serialfn(internal) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_deserialfn(bytea, internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_finalfn(internal) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.multi_source_detailfn(internal) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.multi_source_transfn(internal, text, float8, float8, integer, integer) IS 'multi_source_score(), multi_source_detail(): adds a score of a source';
COMMENT ON FUNCTION @extschema@.multi_source_combinefn(internal, internal) IS 'multi_source_score(), multi_source_detail(): joins two partial states';
COMMENT ON FUNCTION @extschema@.multi_source_serialfn(internal) IS 'multi_source_score(), multi_source_detail(): a partial state as bytes, for parallel workers';
COMMENT ON FUNCTION @extschema@.multi_source_deserialfn(bytea, internal) IS 'multi_source_score(), multi_source_detail(): a partial state from bytes';
COMMENT ON FUNCTION @extschema@.multi_source_finalfn(internal) IS 'multi_source_score(): the combined score';
COMMENT ON FUNCTION @extschema@.multi_source_detailfn(internal) IS 'multi_source_detail(): the working as JSON';

CREATE AGGREGATE @extschema@.multi_source_score(source text, score float8, source_weight float8,
                                                 min_raters integer, trim_each integer) (
    SFUNC = @extschema@.multi_source_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_finalfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_score(text, float8, float8, integer, integer) IS
    'Score combined from evaluator sources (up to 16): each source''s scores trimmed (trim_each at each end) and averaged; a source with fewer than min_raters raters (or nothing left after trimming) is left out, never silently used; the weights of the sources used are renormalised to sum to one; NULL when no source is used.  Each source must keep one weight, minimum and trim';

CREATE AGGREGATE @extschema@.multi_source_detail(source text, score float8, source_weight float8,
                                                  min_raters integer, trim_each integer) (
    SFUNC = @extschema@.multi_source_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_detailfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_detail(text, float8, float8, integer, integer) IS
    'The working of multi_source_score() as JSON: each source with its raters, minimum, trim, weight, mean, status (used, insufficient, weight zero) and share after renormalisation, and the combined score';
-- multi_source_score() with a scheme's sources given once, as arrays
-- (src/scoring_agg.c): the grades of a period feed it their rows without
-- joining each row to its source's weight.

CREATE FUNCTION @extschema@.multi_source_scheme_transfn(internal, text, float8, text[], float8[], integer[], integer)
    RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.multi_source_scheme_transfn(internal, text, float8, text[], float8[], integer[], integer) IS
    'multi_source_score() over a scheme''s sources: adds a score of a source';

CREATE AGGREGATE @extschema@.multi_source_score(source text, score float8, sources text[], weights float8[],
                                                 min_raters integer[], trim_each integer) (
    SFUNC = @extschema@.multi_source_scheme_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_finalfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_score(text, float8, text[], float8[], integer[], integer) IS
    'multi_source_score() with the sources of a scheme given as arrays (names, weights, minimum raters; the same for every row, e.g. from a subquery) and one trim for all: each row names its source, which must be one of them';
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
-- Incidents (A1-A3, A5): what went wrong, when and where, and the facts the
-- rules of accountability turn on (rules.md §2); and those rules as policy
-- data, with the defaults of rules.md, that each tenant may override.  The
-- back-trace (src/backtrace.c, 76_backtrace.sql) reads both.

CREATE TYPE @extschema@.incident_category AS ENUM (
    'social_management', 'public_order', 'work_safety', 'food_hygiene', 'medical_care',
    'traffic', 'major_project', 'integrity', 'state_assets', 'other');
COMMENT ON TYPE @extschema@.incident_category IS
    'Category of an incident; all but other are pursued severely by default (rules.md §2; trace_category)';
CREATE TYPE @extschema@.severity_tier AS ENUM ('general', 'serious', 'especially_serious');
COMMENT ON TYPE @extschema@.severity_tier IS
    'Severity tier of an incident: general 一般, serious 严重, especially serious 特别严重';
CREATE TYPE @extschema@.responsibility_kind AS ENUM ('direct', 'main_leadership', 'important_leadership', 'supervisory');
COMMENT ON TYPE @extschema@.responsibility_kind IS
    'Kind of responsibility: direct 直接责任, main leadership 主要领导责任, important leadership 重要领导责任, supervisory 监管责任';
CREATE TYPE @extschema@.work_role AS ENUM ('handler', 'reviewer', 'approver', 'instructor', 'decision_maker', 'participant', 'accuser');
COMMENT ON TYPE @extschema@.work_role IS
    'What a person did in the failed piece of work: handled 承办, reviewed 审核, approved 批准, instructed or interfered 指使干预, decided 决策主持, took part in a collective decision 参与决策, made a false accusation 诬告';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('incident_category', 'social_management', 'social management', '社会管理'),
    ('incident_category', 'public_order', 'public order', '社会治安'),
    ('incident_category', 'work_safety', 'work safety', '安全生产'),
    ('incident_category', 'food_hygiene', 'food hygiene', '食品卫生'),
    ('incident_category', 'medical_care', 'medical and health care', '医疗卫生'),
    ('incident_category', 'traffic', 'traffic', '交通事故'),
    ('incident_category', 'major_project', 'major projects', '重大工程'),
    ('incident_category', 'integrity', 'integrity work', '廉政建设'),
    ('incident_category', 'state_assets', 'loss of state assets', '国有资产流失'),
    ('incident_category', 'other', 'other', '其他'),
    ('severity_tier', 'general', 'general', '一般'),
    ('severity_tier', 'serious', 'serious', '严重'),
    ('severity_tier', 'especially_serious', 'especially serious', '特别严重'),
    ('responsibility_kind', 'direct', 'direct responsibility', '直接责任'),
    ('responsibility_kind', 'main_leadership', 'main leadership responsibility', '主要领导责任'),
    ('responsibility_kind', 'important_leadership', 'important leadership responsibility', '重要领导责任'),
    ('responsibility_kind', 'supervisory', 'supervisory responsibility', '监管责任'),
    ('work_role', 'handler', 'handler', '承办人'),
    ('work_role', 'reviewer', 'reviewer', '审核人'),
    ('work_role', 'approver', 'approver', '批准人'),
    ('work_role', 'instructor', 'instructed or interfered', '指使干预者'),
    ('work_role', 'decision_maker', 'decision-maker', '决策主持人'),
    ('work_role', 'participant', 'took part in the decision', '参与决策者'),
    ('work_role', 'accuser', 'made the false accusation', '诬告者');

CREATE SEQUENCE @extschema@.incident_id_seq AS bigint;
CREATE TABLE @extschema@.incident (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    incident_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.incident_id_seq'),
    occurred_at timestamptz NOT NULL,
    unit_id     bigint NOT NULL,
    title       text NOT NULL,
    category    @extschema@.incident_category NOT NULL DEFAULT 'other',
    severity    @extschema@.severity_tier NOT NULL DEFAULT 'general',
    loss        numeric(18,2) CHECK (loss OPERATOR(pg_catalog.>=) 0),
    major_loss  boolean NOT NULL DEFAULT false,
    duty_id     bigint,
    step_id     bigint,
    work_ref    text,
    is_decision boolean NOT NULL DEFAULT false,
    reviewer_overruled boolean NOT NULL DEFAULT false,
    approver_overruled boolean NOT NULL DEFAULT false,
    changed_by_position_id bigint,
    accusation_case_id bigint,
    source      text NOT NULL DEFAULT 'report'
                CHECK (source OPERATOR(pg_catalog.=) ANY ('{report,audit,inspection,complaint,supervision,false_accusation}'::text[])),
    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (tenant_id, incident_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id),
    FOREIGN KEY (tenant_id, step_id) REFERENCES @extschema@.process_step (tenant_id, step_id),
    FOREIGN KEY (tenant_id, changed_by_position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CONSTRAINT incident_has_failed_object
        CHECK (duty_id IS NOT NULL OR step_id IS NOT NULL OR is_decision OR accusation_case_id IS NOT NULL),
    CONSTRAINT incident_occurred_finite CHECK (pg_catalog.isfinite(occurred_at))
);
ALTER SEQUENCE @extschema@.incident_id_seq OWNED BY @extschema@.incident.incident_id;
CREATE INDEX incident_occurred_idx ON @extschema@.incident (tenant_id, occurred_at);
COMMENT ON TABLE @extschema@.incident IS
    'Something that went wrong (过错事件): when, in which unit, what failed (a duty, a process step, a decision; in a recorded piece of work when work_ref and incident_actor say who did what), its category, severity and loss, and the facts the rules of accountability turn on';
COMMENT ON COLUMN @extschema@.incident.occurred_at IS
    'When it happened: the back-trace takes the organisation as of this moment; never in the future';
COMMENT ON COLUMN @extschema@.incident.major_loss IS
    'The loss is major: with a decision error, the head bears main leadership responsibility (seed §3.3)';
COMMENT ON COLUMN @extschema@.incident.work_ref IS
    'The recorded piece of work that failed (an application, a file), whose handler, reviewer and approver are in incident_actor';
COMMENT ON COLUMN @extschema@.incident.is_decision IS
    'A decision failed (决策失误): its decision-maker and participants are in incident_actor';
COMMENT ON COLUMN @extschema@.incident.reviewer_overruled IS
    'The reviewer overruled a correct handler: the reviewer is direct, the approver main leadership';
COMMENT ON COLUMN @extschema@.incident.approver_overruled IS
    'The approver overruled the handling and review, or decided without them: the approver is direct';
COMMENT ON COLUMN @extschema@.incident.changed_by_position_id IS
    'The head post of a higher organ that changed the lower organ''s act: its holder bears important leadership responsibility';
COMMENT ON COLUMN @extschema@.incident.accusation_case_id IS
    'For a false accusation established (诬告, §4.5): the case it caused; the accuser is an incident_actor';
COMMENT ON COLUMN @extschema@.incident.source IS
    'How it came to light: report, audit, inspection, complaint, supervision (e-supervision), false_accusation (§4.5)';

-- A moment in the future is a typing error, not an incident.
CREATE FUNCTION @extschema@.incident_not_in_future() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.occurred_at > pg_catalog.now() THEN
        RAISE EXCEPTION 'incident % occurred in the future', NEW.incident_id
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = format('occurred_at is %s; it is now %s.', NEW.occurred_at, pg_catalog.now()),
                  HINT = 'Record an incident when it has happened, with the moment it happened.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.incident_not_in_future() IS
    'Trigger: an incident''s moment is not in the future (SQLSTATE 22008)';
CREATE TRIGGER incident_not_in_future BEFORE INSERT OR UPDATE OF occurred_at ON @extschema@.incident
    FOR EACH ROW EXECUTE FUNCTION @extschema@.incident_not_in_future();

CREATE TABLE @extschema@.incident_actor (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    incident_id bigint NOT NULL,
    role        @extschema@.work_role NOT NULL,
    person_id   bigint NOT NULL,
    position_id bigint,
    view        text CHECK (view OPERATOR(pg_catalog.=) ANY ('{wrong,right}'::text[])),
    PRIMARY KEY (tenant_id, incident_id, role, person_id),
    FOREIGN KEY (tenant_id, incident_id) REFERENCES @extschema@.incident (tenant_id, incident_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CONSTRAINT incident_actor_view_of_participant
        CHECK ((role OPERATOR(pg_catalog.=) 'participant') = (view IS NOT NULL))
);
COMMENT ON TABLE @extschema@.incident_actor IS
    'Who actually did what in the failed piece of work or decision: handler, reviewer, approver, whoever instructed or interfered, the decision-maker and the participants of a collective decision with the view each held';
COMMENT ON COLUMN @extschema@.incident_actor.position_id IS
    'The post the person acted from; the back-trace climbs from the handler''s (or the first actor''s) post';
COMMENT ON COLUMN @extschema@.incident_actor.view IS
    'For a participant in a collective decision: wrong (held the view that failed) or right (opposed it)';

-- The rules, as policy data.  A row with tenant_id NULL is the default of
-- every tenant; a tenant's own row for the same key overrides it.
CREATE TABLE @extschema@.trace_rule (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    rule        text NOT NULL CHECK (rule OPERATOR(pg_catalog.=) ANY ('{handler_error,reviewer_missed,approver_missed,reviewer_overruled,handler_overruled,approver_after_overruling,approver_overruled,overruled_below,instructed,decision_maker,decision_wrong_view,decision_right_view,higher_organ_changed,false_accusation,step_owner,duty_owner,supervisor,no_owner,superior,unit_head,in_charge,head,head_decision_major_loss,vacant}'::text[])),
    kind        @extschema@.responsibility_kind,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT trace_rule_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, rule)
);
COMMENT ON TABLE @extschema@.trace_rule IS
    'The rules of the back-trace (rules.md §2): for each, the kind of responsibility it puts a person in (NULL: none), in words; tenant_id NULL is the default, a tenant''s row overrides it';
INSERT INTO @extschema@.trace_rule (rule, kind, label_en, label_zh, basis, is_builtin) VALUES
    ('handler_error', 'direct', 'handled it wrongly, an error the reviewer and approver should have caught', '承办错误（审核人、批准人应发现而未发现）', 'rules.md §2 case-handling chain [S]', true),
    ('reviewer_missed', 'main_leadership', 'reviewed it without catching the handler''s error', '审核未发现承办错误', 'rules.md §2 case-handling chain [S]', true),
    ('approver_missed', 'important_leadership', 'approved it without catching the error', '批准未发现错误', 'rules.md §2 case-handling chain [S]', true),
    ('reviewer_overruled', 'direct', 'overruled a correct handler', '审核人改变承办人正确意见', 'rules.md §2 case-handling chain [S]', true),
    ('handler_overruled', NULL, 'handled it correctly and was overruled', '承办意见正确但被改变', 'rules.md §2 case-handling chain [S]', true),
    ('approver_after_overruling', 'main_leadership', 'approved a review that overruled a correct handler', '批准了改变正确承办意见的审核', 'rules.md §2 case-handling chain [S]', true),
    ('approver_overruled', 'direct', 'overruled the handling and review, or decided without them', '批准人改变承办审核意见或未经承办审核直接决定', 'rules.md §2 case-handling chain [S]', true),
    ('overruled_below', NULL, 'was overruled by the approver', '意见被批准人改变', 'rules.md §2 case-handling chain [S]', true),
    ('instructed', 'direct', 'instructed or interfered', '指使、干预', 'rules.md §2 case-handling chain [S]', true),
    ('decision_maker', 'main_leadership', 'made the collective decision', '集体决策的决策者', 'rules.md §2 collective decision [S]', true),
    ('decision_wrong_view', 'important_leadership', 'held the wrong view in the collective decision', '集体决策中持错误意见', 'rules.md §2 collective decision [S]', true),
    ('decision_right_view', NULL, 'held the right view in the collective decision', '集体决策中持正确意见', 'rules.md §2 collective decision [S]', true),
    ('false_accusation', 'direct', 'made an accusation established to be false', '诬告陷害', 'rules.md §4; seed §4.5 [seed]', true),
    ('higher_organ_changed', 'important_leadership', 'heads the higher organ that changed the act', '上级机关改变下级机关行为的负责人', 'rules.md §2 case-handling chain [S]', true),
    ('step_owner', 'direct', 'answered for the failed step', '承担失误环节', 'rules.md §2 direct responsibility [S]', true),
    ('duty_owner', 'direct', 'answered for the failed duty as its primary owner', '失职责任的主体责任人', 'rules.md §2 direct responsibility [S]', true),
    ('supervisor', 'supervisory', 'supervised the failed duty', '失职责任的监管责任人', 'mission.md A2 [seed]', true),
    ('no_owner', NULL, 'nobody owned it then: the responsibility passes up', '当时无人承担，责任上移', 'mission.md A1 [seed]', true),
    ('superior', 'important_leadership', 'should have managed it, as a superior', '上级应管理而未管理', 'rules.md §2 important leadership [S]', true),
    ('unit_head', 'main_leadership', 'was in charge of it, as head of the unit', '单位主要负责人主管', 'rules.md §2 main leadership [S]', true),
    ('in_charge', 'important_leadership', 'should have managed it, as the leader in charge', '分管领导应管理而未管理', 'rules.md §2 important leadership [S]', true),
    ('head', 'important_leadership', 'should have managed it, as head', '一把手应管理而未管理', 'rules.md §2 important leadership [S]', true),
    ('head_decision_major_loss', 'main_leadership', 'heads the organ whose decision error caused a major loss', '决策失误造成重大损失，一把手负主要责任', 'seed §3.3', true),
    ('vacant', NULL, 'the post was vacant or its holder absent with nobody acting: the responsibility passes up', '岗位空缺或在岗者缺位且无人代理，责任上移', 'mission.md A1 [seed]', true);

CREATE TABLE @extschema@.trace_reach (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    severity    @extschema@.severity_tier NOT NULL,
    severe_category boolean NOT NULL,
    reach       text NOT NULL CHECK (reach OPERATOR(pg_catalog.=) ANY ('{none,superior,unit_head,in_charge,head}'::text[])),
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT trace_reach_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, severity, severe_category)
);
COMMENT ON TABLE @extschema@.trace_reach IS
    'How far up the chain of command the back-trace goes, by severity and by whether the category is pursued severely: up to the first superior, head of a unit, leader in charge or head on the way (a vacant post on the way does not stop it); tenant_id NULL is the default';
INSERT INTO @extschema@.trace_reach (severity, severe_category, reach, is_builtin) VALUES
    ('general', false, 'unit_head', true),
    ('general', true, 'in_charge', true),
    ('serious', false, 'in_charge', true),
    ('serious', true, 'head', true),
    ('especially_serious', false, 'head', true),
    ('especially_serious', true, 'head', true);

CREATE TABLE @extschema@.trace_category (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    category    @extschema@.incident_category NOT NULL,
    severe      boolean NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT trace_category_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, category)
);
COMMENT ON TABLE @extschema@.trace_category IS
    'Which categories are always pursued severely (seed §3.3): their incidents reach further up (trace_reach); tenant_id NULL is the default';
INSERT INTO @extschema@.trace_category (category, severe, is_builtin)
SELECT c, c OPERATOR(pg_catalog.<>) 'other', true FROM pg_catalog.unnest(pg_catalog.enum_range(NULL::@extschema@.incident_category)) c;
-- Electronic supervision of approvals (S2; rules.md §4, §5): approval items
-- and their statutory time limits, the applications received, the steps,
-- pauses, extensions and fees of each; the policy of the supervision (its
-- thresholds and the 100-point unit score) as data with the defaults of
-- rules.md; and audits, inspections, their findings and the circulated
-- criticisms that follow (S3).  The clock of each application is kept on
-- its row (74_supervision_api.sql), so that the status of every open
-- application is one scan.

CREATE TYPE @extschema@.approval_kind AS ENUM ('licence', 'joint', 'certificate');
COMMENT ON TYPE @extschema@.approval_kind IS
    'Kind of approval item, which sets its statutory time limit (rules.md §4): licensing decision 行政许可决定 (20 + 10 working days), joint handling 联合办理 (45 + 15), certificate 发证 (10)';
CREATE TYPE @extschema@.pause_kind AS ENUM ('hearing', 'testing', 'expert_review', 'supplement', 'other');
COMMENT ON TYPE @extschema@.pause_kind IS
    'Why an application''s clock stopped: hearing 听证, testing 检验检测, expert review 专家评审, supplementing materials 补正材料, other 其他 (行政许可法 art. 45)';
CREATE TYPE @extschema@.application_outcome AS ENUM ('granted', 'refused', 'withdrawn');
COMMENT ON TYPE @extschema@.application_outcome IS
    'Outcome of an application: granted 准予许可, refused 不予许可 (with reasons), withdrawn 撤回';
CREATE TYPE @extschema@.supervision_status AS ENUM ('green', 'reminder', 'yellow', 'red', 'paused', 'awaiting');
COMMENT ON TYPE @extschema@.supervision_status IS
    'Status of an open application: green 正常, reminder 预警 (the working day before the deadline and the deadline itself), yellow card 黄牌 (overdue, with a deadline to act), red card 红牌 (still undone after it), paused 暂停计时, awaiting 等待补正 (materials asked for in time, not yet accepted)';
CREATE TYPE @extschema@.supervision_signal AS ENUM (
    'reminder', 'yellow', 'red', 'step_overrun', 'refusal_without_reasons', 'illegal_fee', 'materials_late');
COMMENT ON TYPE @extschema@.supervision_signal IS
    'A signal of the supervision (rules.md §5): reminder 预警, yellow card 黄牌, red card 红牌, a step over its own limit 环节超时, refusal without reasons 不予许可未说明理由, a fee not in the schedule 违规收费, missing materials not notified within the limit 未按时一次告知补正材料';
CREATE TYPE @extschema@.finding_severity AS ENUM ('minor', 'major', 'severe');
COMMENT ON TYPE @extschema@.finding_severity IS
    'Severity of an audit or inspection finding: minor 一般, major 较重, severe 严重';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('approval_kind', 'licence', 'licensing decision', '行政许可决定'),
    ('approval_kind', 'joint', 'joint handling', '联合办理'),
    ('approval_kind', 'certificate', 'certificate', '发证'),
    ('pause_kind', 'hearing', 'hearing', '听证'),
    ('pause_kind', 'testing', 'testing', '检验检测'),
    ('pause_kind', 'expert_review', 'expert review', '专家评审'),
    ('pause_kind', 'supplement', 'supplementing materials', '补正材料'),
    ('pause_kind', 'other', 'other', '其他'),
    ('application_outcome', 'granted', 'granted', '准予许可'),
    ('application_outcome', 'refused', 'refused', '不予许可'),
    ('application_outcome', 'withdrawn', 'withdrawn', '撤回申请'),
    ('supervision_status', 'green', 'green: on time', '绿灯：正常'),
    ('supervision_status', 'reminder', 'reminder: the deadline is near', '预警：临近时限'),
    ('supervision_status', 'yellow', 'yellow card: overdue', '黄牌：超时'),
    ('supervision_status', 'red', 'red card: still undone after the deadline to act', '红牌：黄牌后仍未办结'),
    ('supervision_status', 'paused', 'clock stopped', '暂停计时'),
    ('supervision_status', 'awaiting', 'awaiting the materials asked for', '等待补正材料'),
    ('supervision_signal', 'reminder', 'reminder', '预警'),
    ('supervision_signal', 'yellow', 'yellow card', '黄牌'),
    ('supervision_signal', 'red', 'red card', '红牌'),
    ('supervision_signal', 'step_overrun', 'a step over its own time limit', '环节超时'),
    ('supervision_signal', 'refusal_without_reasons', 'refused without reasons', '不予许可未说明理由'),
    ('supervision_signal', 'illegal_fee', 'a fee not in the schedule', '违规收费'),
    ('supervision_signal', 'materials_late', 'missing materials not notified in time', '未在时限内一次告知补正材料'),
    ('finding_severity', 'minor', 'minor', '一般'),
    ('finding_severity', 'major', 'major', '较重'),
    ('finding_severity', 'severe', 'severe', '严重');

-- ---------------------------------------------------------------------
-- Policy: thresholds and limits, and the 100-point unit score.  Rows with
-- tenant_id NULL are the defaults; a tenant's row of the same code wins.

CREATE TABLE @extschema@.supervision_policy (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL CHECK (code OPERATOR(pg_catalog.=) ANY ('{reminder_days,act_days,materials_notice_days,limit_licence,extension_licence,limit_joint,extension_joint,limit_certificate,extension_certificate,grade_excellent,grade_good,grade_pass}'::text[])),
    value       integer NOT NULL CHECK (value OPERATOR(pg_catalog.>=) 0),
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT supervision_policy_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code),
    CONSTRAINT supervision_policy_builtin_is_default CHECK (NOT is_builtin OR tenant_id IS NULL)
);
COMMENT ON TABLE @extschema@.supervision_policy IS
    'Thresholds of the supervision in working days, the default statutory limits of each kind of item and the score cut-offs of the unit grades; tenant_id NULL is the default, a tenant''s row of the same code overrides it';
INSERT INTO @extschema@.supervision_policy (code, value, basis, is_builtin) VALUES
    ('reminder_days', 1, 'a reminder 1 working day before the deadline [S]', true),
    ('act_days', 3, 'working days a yellow card leaves to act before the red card [U]', true),
    ('materials_notice_days', 5, 'missing materials notified at once within 5 working days, or the application counts as accepted: 行政许可法 art. 32 [P]', true),
    ('limit_licence', 20, 'decision within 20 working days: 行政许可法 art. 42 [P]', true),
    ('extension_licence', 10, '+10 with the head''s approval: art. 42 [P]', true),
    ('limit_joint', 45, 'joint handling within 45 working days: art. 42 [P]', true),
    ('extension_joint', 15, '+15 with the approval of the government''s head: art. 42 [P]', true),
    ('limit_certificate', 10, 'certificate within 10 working days: art. 44 [P]', true),
    ('extension_certificate', 0, 'no extension [P]', true),
    ('grade_excellent', 90, 'unit grade 优秀 from 90 points [U]', true),
    ('grade_good', 80, 'unit grade 良好 from 80 points [U]', true),
    ('grade_pass', 60, 'unit grade 合格 from 60 points, 不合格 below [U]', true);

CREATE TABLE @extschema@.supervision_score_rule (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL,
    kind        text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY ('{item,deduction,bonus}'::text[])),
    item        text NOT NULL,
    points      numeric(6,2) NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT supervision_score_rule_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code),
    CONSTRAINT supervision_score_rule_builtin_is_default CHECK (NOT is_builtin OR tenant_id IS NULL),
    CONSTRAINT supervision_score_rule_sign CHECK (CASE kind WHEN 'deduction' THEN points OPERATOR(pg_catalog.<=) 0
                                                       ELSE points OPERATOR(pg_catalog.>=) 0 END)
);
COMMENT ON TABLE @extschema@.supervision_score_rule IS
    'The unit score of the supervision (rules.md §5): its items (kind item, code = item, points out of 100), the deductions of each signal or sanction (kind deduction, code = the signal, or sanction:<kind>) and the early-finish bonus (kind bonus), each charged to an item; tenant_id NULL is the default, a tenant''s row of the same code overrides it';
COMMENT ON COLUMN @extschema@.supervision_score_rule.points IS
    'Points of an item; points lost per signal (reminder_run: per three reminders) or sanction; the bonus per 10% of decisions made before their deadline';
INSERT INTO @extschema@.supervision_score_rule (code, kind, item, points, label_en, label_zh, is_builtin) VALUES
    ('openness', 'item', 'openness', 10, 'openness of the items', '公开', true),
    ('process', 'item', 'process', 14, 'lawful process', '程序', true),
    ('lawful_time', 'item', 'lawful_time', 14, 'within the lawful time', '时限', true),
    ('fees', 'item', 'fees', 8, 'lawful fees', '收费', true),
    ('satisfaction', 'item', 'satisfaction', 10, 'satisfaction of the applicants', '满意度', true),
    ('attitude', 'item', 'attitude', 10, 'service attitude', '服务态度', true),
    ('supervision', 'item', 'supervision', 14, 'response to supervision', '监督', true),
    ('legal_liability', 'item', 'legal_liability', 10, 'legal liability', '法律责任', true),
    ('probity', 'item', 'probity', 10, 'probity', '廉洁', true),
    ('reminder_run', 'deduction', 'lawful_time', -3, 'three reminders', '三次预警', true),
    ('yellow', 'deduction', 'lawful_time', -5, 'a yellow card', '黄牌一次', true),
    ('red', 'deduction', 'lawful_time', -10, 'a red card', '红牌一次', true),
    ('step_overrun', 'deduction', 'lawful_time', -1, 'a step over its own limit', '环节超时一次', true),
    ('refusal_without_reasons', 'deduction', 'process', -2, 'a refusal without reasons', '不予许可未说明理由一次', true),
    ('materials_late', 'deduction', 'process', -2, 'missing materials not notified in time', '未按时一次告知补正一次', true),
    ('illegal_fee', 'deduction', 'fees', -4, 'a fee not in the schedule', '违规收费一次', true),
    ('sanction:warning', 'deduction', 'legal_liability', -10, 'a staff member warned', '工作人员受警告处分', true),
    ('sanction:demerit', 'deduction', 'legal_liability', -20, 'a staff member given a demerit', '工作人员受记过处分', true),
    ('sanction:major_demerit', 'deduction', 'legal_liability', -30, 'a staff member given a major demerit', '工作人员受记大过处分', true),
    ('sanction:demotion', 'deduction', 'legal_liability', -40, 'a staff member demoted', '工作人员受降级处分', true),
    ('sanction:removal', 'deduction', 'legal_liability', -45, 'a staff member removed from post', '工作人员受撤职处分', true),
    ('sanction:expulsion', 'deduction', 'legal_liability', -50, 'a staff member expelled', '工作人员受开除处分', true),
    ('early_finish', 'bonus', 'lawful_time', 1, 'per 10% of decisions made before their deadline', '提前办结每达10%', true);

-- ---------------------------------------------------------------------
-- Approval items and applications.

CREATE SEQUENCE @extschema@.approval_item_id_seq AS bigint;
CREATE TABLE @extschema@.approval_item (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    item_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.approval_item_id_seq'),
    power_id    bigint NOT NULL,
    unit_id     bigint NOT NULL,
    process_id  bigint,
    code        text,
    title       text NOT NULL,
    basis       text,
    kind        @extschema@.approval_kind NOT NULL DEFAULT 'licence',
    statutory_limit integer,
    max_extension integer,
    promised_limit integer,
    charges_fee boolean NOT NULL DEFAULT false,
    calendar    text NOT NULL DEFAULT 'cn' REFERENCES @extschema@.calendar,
    PRIMARY KEY (tenant_id, item_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, power_id) REFERENCES @extschema@.power (tenant_id, power_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, process_id) REFERENCES @extschema@.process (tenant_id, process_id),
    CONSTRAINT approval_item_limits CHECK (statutory_limit OPERATOR(pg_catalog.>) 0 AND max_extension OPERATOR(pg_catalog.>=) 0
        AND promised_limit OPERATOR(pg_catalog.>) 0 AND promised_limit OPERATOR(pg_catalog.<=) statutory_limit)
);
ALTER SEQUENCE @extschema@.approval_item_id_seq OWNED BY @extschema@.approval_item.item_id;
CREATE INDEX ON @extschema@.approval_item (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.approval_item IS
    'Approval items (行政审批事项): an approval power of a unit with its legal basis, statutory time limit and extension in working days (from the kind''s defaults in supervision_policy when not given), the unit''s promised limit where shorter, whether it charges fees, and the process that handles it';
COMMENT ON COLUMN @extschema@.approval_item.unit_id IS 'The unit of the power (filled in from it)';
COMMENT ON COLUMN @extschema@.approval_item.promised_limit IS
    'The unit''s promised limit (承诺时限) in working days, at most the statutory one: the supervision watches it when given';
COMMENT ON COLUMN @extschema@.approval_item.calendar IS 'The working-day calendar its limits are counted in';

CREATE TABLE @extschema@.approval_fee (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    item_id     bigint NOT NULL,
    code        text NOT NULL,
    title       text NOT NULL,
    amount      numeric(12,2) NOT NULL CHECK (amount OPERATOR(pg_catalog.>) 0),
    basis       text,
    PRIMARY KEY (tenant_id, item_id, code),
    FOREIGN KEY (tenant_id, item_id) REFERENCES @extschema@.approval_item (tenant_id, item_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.approval_fee IS
    'The fee schedule (收费标准) of an item that charges fees: a fee charged that is not here, or above its amount, is an illegal fee';

CREATE SEQUENCE @extschema@.application_id_seq AS bigint;
CREATE TABLE @extschema@.application (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.application_id_seq'),
    item_id     bigint NOT NULL,
    unit_id     bigint NOT NULL,
    ref         text NOT NULL,
    applicant   text,
    received_at timestamptz NOT NULL,
    materials_notified_at timestamptz,
    accepted_at timestamptz,
    outcome     @extschema@.application_outcome,
    outcome_reason text,
    decided_at  timestamptz,
    decided_by  bigint,
    -- The clock, kept by the triggers of 74_supervision_api.sql.
    calendar    text NOT NULL,
    time_zone   text NOT NULL,
    clock_start date,
    clock_limit integer,
    paused_since date,
    due_on      date,
    remind_on   date,
    act_by      date,
    step_no     integer,
    step_due_on date,
    clock_as_of timestamptz NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (tenant_id, application_id),
    UNIQUE (tenant_id, ref),
    FOREIGN KEY (tenant_id, item_id) REFERENCES @extschema@.approval_item (tenant_id, item_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, decided_by) REFERENCES @extschema@.person (tenant_id, person_id),
    CONSTRAINT application_moments_finite CHECK (pg_catalog.isfinite(received_at) AND pg_catalog.isfinite(accepted_at)
        AND pg_catalog.isfinite(materials_notified_at) AND pg_catalog.isfinite(decided_at)),
    CONSTRAINT application_outcome_decided CHECK ((outcome IS NULL) = (decided_at IS NULL))
);
ALTER SEQUENCE @extschema@.application_id_seq OWNED BY @extschema@.application.application_id;
CREATE INDEX application_open_idx ON @extschema@.application (tenant_id, decided_at);
CREATE INDEX application_unit_idx ON @extschema@.application (tenant_id, unit_id, received_at);
CREATE INDEX application_clock_idx ON @extschema@.application (tenant_id, clock_as_of);
COMMENT ON TABLE @extschema@.application IS
    'Applications received for an approval item (申请): received, missing materials notified, accepted, decided with an outcome; the recorded piece of work (work_ref = ref) a red card''s incident traces.  The clock columns are kept by the extension: do not write them';
COMMENT ON COLUMN @extschema@.application.ref IS 'The application''s reference number (受理编号), unique in the tenant';
COMMENT ON COLUMN @extschema@.application.materials_notified_at IS
    'When the applicant was told at once of every missing material (一次性告知补正): within materials_notice_days of receipt, or the application counts as accepted on receipt';
COMMENT ON COLUMN @extschema@.application.outcome_reason IS 'The reasons of a refusal (不予许可的理由), which the law requires';
COMMENT ON COLUMN @extschema@.application.time_zone IS 'Kept: the time zone of the item''s calendar, in which the clock''s days begin';
COMMENT ON COLUMN @extschema@.application.clock_start IS
    'Kept: the day the clock counts from (acceptance; receipt when materials were not asked for in time); NULL while awaiting materials';
COMMENT ON COLUMN @extschema@.application.clock_limit IS 'Kept: the limit watched (promised, else statutory) plus an approved extension, in working days';
COMMENT ON COLUMN @extschema@.application.paused_since IS 'Kept: the first day of a pause still running before the deadline';
COMMENT ON COLUMN @extschema@.application.due_on IS 'Kept: the deadline, pauses excluded (NULL while paused)';
COMMENT ON COLUMN @extschema@.application.remind_on IS 'Kept: the day the reminder starts (reminder_days working days before due_on)';
COMMENT ON COLUMN @extschema@.application.act_by IS 'Kept: the deadline to act of a yellow card (act_days working days after due_on); a red card after it';
COMMENT ON COLUMN @extschema@.application.step_no IS 'Kept: the recorded step in progress (application_step.step_no)';
COMMENT ON COLUMN @extschema@.application.step_due_on IS 'Kept: the deadline of the step in progress, from its own time limit';
COMMENT ON COLUMN @extschema@.application.clock_as_of IS
    'Kept: the latest moment among the application''s recorded facts: as of any later moment the kept clock holds as it is';

CREATE TABLE @extschema@.application_step (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL,
    step_no     integer NOT NULL CHECK (step_no OPERATOR(pg_catalog.>) 0),
    step_id     bigint NOT NULL,
    person_id   bigint NOT NULL,
    position_id bigint,
    started_at  timestamptz NOT NULL,
    done_at     timestamptz,
    action      text CHECK (action OPERATOR(pg_catalog.=) ANY ('{passed,returned,granted,refused}'::text[])),
    note        text,
    PRIMARY KEY (tenant_id, application_id, step_no),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, step_id) REFERENCES @extschema@.process_step (tenant_id, step_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CONSTRAINT application_step_in_order CHECK (done_at OPERATOR(pg_catalog.>=) started_at),
    CONSTRAINT application_step_finite CHECK (pg_catalog.isfinite(started_at) AND pg_catalog.isfinite(done_at))
);
CREATE INDEX ON @extschema@.application_step (tenant_id, person_id);
COMMENT ON TABLE @extschema@.application_step IS
    'The steps an application passed (受理 → 承办 → 审核 → 批准 …): which step of the item''s process, who did it from which post, when it started and ended, and what was done';

CREATE SEQUENCE @extschema@.pause_id_seq AS bigint;
CREATE TABLE @extschema@.application_pause (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    pause_id    bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.pause_id_seq'),
    application_id bigint NOT NULL,
    kind        @extschema@.pause_kind NOT NULL,
    during      tstzrange NOT NULL,
    reason      text,
    PRIMARY KEY (tenant_id, pause_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE,
    CONSTRAINT application_pause_no_overlap EXCLUDE USING gist (
        tenant_id WITH OPERATOR(pg_catalog.=), application_id WITH OPERATOR(pg_catalog.=),
        during WITH OPERATOR(pg_catalog.&&)),
    CONSTRAINT application_pause_bounded CHECK (NOT pg_catalog.isempty(during) AND NOT pg_catalog.lower_inf(during)
        AND pg_catalog.isfinite(pg_catalog.lower(during)))
);
ALTER SEQUENCE @extschema@.pause_id_seq OWNED BY @extschema@.application_pause.pause_id;
COMMENT ON TABLE @extschema@.application_pause IS
    'Pauses of an application''s clock (hearing, testing, expert review, supplementing materials): every day a pause touches is excluded from the limit; a pause still running has no upper bound';

CREATE TABLE @extschema@.application_extension (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL,
    days        integer NOT NULL CHECK (days OPERATOR(pg_catalog.>) 0),
    approved_by bigint NOT NULL,
    approved_at timestamptz NOT NULL CHECK (pg_catalog.isfinite(approved_at)),
    reason      text,
    PRIMARY KEY (tenant_id, application_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, approved_by) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.application_extension IS
    'The extension of an application''s limit (延期), at most the item''s statutory one, and the head who approved it';

CREATE SEQUENCE @extschema@.fee_id_seq AS bigint;
CREATE TABLE @extschema@.application_fee (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    fee_id      bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.fee_id_seq'),
    application_id bigint NOT NULL,
    code        text NOT NULL,
    amount      numeric(12,2) NOT NULL CHECK (amount OPERATOR(pg_catalog.>) 0),
    charged_at  timestamptz NOT NULL CHECK (pg_catalog.isfinite(charged_at)),
    PRIMARY KEY (tenant_id, fee_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE
);
ALTER SEQUENCE @extschema@.fee_id_seq OWNED BY @extschema@.application_fee.fee_id;
CREATE INDEX ON @extschema@.application_fee (tenant_id, application_id);
COMMENT ON TABLE @extschema@.application_fee IS
    'Fees charged on an application; one not in the item''s schedule, or above it, is an illegal fee';

CREATE TABLE @extschema@.supervision_card (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL,
    kind        @extschema@.supervision_signal NOT NULL,
    step_no     integer NOT NULL DEFAULT 0,
    raised_on   date NOT NULL,
    act_by      date,
    incident_id bigint,
    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (tenant_id, application_id, kind, step_no),
    -- The record of the supervision stays: an application with cards is not deleted.
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id),
    FOREIGN KEY (tenant_id, incident_id) REFERENCES @extschema@.incident (tenant_id, incident_id)
);
COMMENT ON COLUMN @extschema@.supervision_card.step_no IS
    'The step of a step overrun; for an illegal fee, the fee''s number on the application (by fee_id); 0 otherwise';
COMMENT ON TABLE @extschema@.supervision_card IS
    'Signals the supervision has issued (supervise()): each once per application (and step), kept as issued even when the facts change later (supervision_signals() counts them); a red card carries the incident it opened for back-trace';

-- ---------------------------------------------------------------------
-- Audits and inspections (S3).

CREATE SEQUENCE @extschema@.audit_id_seq AS bigint;
CREATE TABLE @extschema@.audit (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    audit_id    bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.audit_id_seq'),
    unit_id     bigint NOT NULL,
    kind        text NOT NULL DEFAULT 'audit' CHECK (kind OPERATOR(pg_catalog.=) ANY ('{audit,inspection}'::text[])),
    title       text NOT NULL,
    conducted_by text,
    held        daterange NOT NULL CHECK (NOT pg_catalog.isempty(held) AND NOT pg_catalog.lower_inf(held)),
    PRIMARY KEY (tenant_id, audit_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id)
);
ALTER SEQUENCE @extschema@.audit_id_seq OWNED BY @extschema@.audit.audit_id;
COMMENT ON TABLE @extschema@.audit IS 'Audits (审计) and inspections (检查) of a unit, by whom and when';

CREATE SEQUENCE @extschema@.finding_id_seq AS bigint;
CREATE TABLE @extschema@.audit_finding (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    finding_id  bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.finding_id_seq'),
    audit_id    bigint NOT NULL,
    kind        text NOT NULL,
    severity    @extschema@.finding_severity NOT NULL DEFAULT 'minor',
    duty_id     bigint,
    description text NOT NULL,
    found_on    date NOT NULL,
    rectify_by  date NOT NULL,
    rectified_on date,
    incident_id bigint,
    PRIMARY KEY (tenant_id, finding_id),
    FOREIGN KEY (tenant_id, audit_id) REFERENCES @extschema@.audit (tenant_id, audit_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id),
    FOREIGN KEY (tenant_id, incident_id) REFERENCES @extschema@.incident (tenant_id, incident_id),
    CONSTRAINT audit_finding_dates CHECK (rectify_by OPERATOR(pg_catalog.>=) found_on AND rectified_on OPERATOR(pg_catalog.>=) found_on)
);
ALTER SEQUENCE @extschema@.finding_id_seq OWNED BY @extschema@.audit_finding.finding_id;
CREATE INDEX ON @extschema@.audit_finding (tenant_id, audit_id);
COMMENT ON TABLE @extschema@.audit_finding IS
    'Findings of an audit or inspection: kind, severity, the duty concerned, the deadline to rectify (整改期限) and when it was rectified; finding_incident() opens an incident for back-trace';

CREATE TABLE @extschema@.supervision_score_entry (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    unit_id     bigint NOT NULL,
    month       date NOT NULL CHECK (pg_catalog.date_trunc('month', month)::date OPERATOR(pg_catalog.=) month),
    item        text NOT NULL,
    points      numeric(6,2) NOT NULL CHECK (points OPERATOR(pg_catalog.<=) 0),
    note        text NOT NULL,
    PRIMARY KEY (tenant_id, unit_id, month, item, note),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id)
);
COMMENT ON TABLE @extschema@.supervision_score_entry IS
    'Deductions the supervisors enter by hand for a unit and month on the items the system cannot see (openness, satisfaction, attitude, probity …)';

CREATE SEQUENCE @extschema@.criticism_id_seq AS bigint;
CREATE TABLE @extschema@.circulated_criticism (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    criticism_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.criticism_id_seq'),
    unit_id     bigint NOT NULL,
    period      daterange NOT NULL,
    basis       text NOT NULL CHECK (basis OPERATOR(pg_catalog.=) ANY ('{supervision_grade,overdue_finding,other}'::text[])),
    finding_id  bigint,
    reason_en   text NOT NULL,
    reason_zh   text NOT NULL,
    issued_on   date NOT NULL,
    PRIMARY KEY (tenant_id, criticism_id),
    CONSTRAINT circulated_criticism_once UNIQUE NULLS NOT DISTINCT (tenant_id, unit_id, period, basis, finding_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, finding_id) REFERENCES @extschema@.audit_finding (tenant_id, finding_id)
);
ALTER SEQUENCE @extschema@.criticism_id_seq OWNED BY @extschema@.circulated_criticism.criticism_id;
COMMENT ON TABLE @extschema@.circulated_criticism IS
    'Circulated criticisms (通报批评) of units: for a failing supervision grade, a finding not rectified by its deadline, or another reason; announcements() lists those of a period';
-- Cases (问责案件, A4) and sanctions (处分, 问责方式; rules.md §3-§4): a case
-- opened from an incident holds a frozen copy of its back-trace, moves
-- through due process one recorded transition at a time, and ends in
-- sanctions that are in force for as long as the law says.  The functions
-- are in 78_case_api.sql.

CREATE TYPE @extschema@.case_state AS ENUM (
    'opened', 'notified', 'statement', 'hearing_requested', 'heard', 'decided', 'served',
    'reexamination_requested', 'reexamined', 'appealed', 'appeal_decided',
    'review_requested', 'reviewed', 'closed', 'dropped');
COMMENT ON TYPE @extschema@.case_state IS
    'State of an accountability case: opened 立案, notified 告知, statement 陈述申辩, hearing_requested 申请听证, heard 已听证, decided 集体决定, served 送达, reexamination_requested 申请复核, reexamined 复核决定, appealed 申诉, appeal_decided 申诉决定, review_requested 申请行政复议, reviewed 复议决定, closed 结案, dropped 撤销';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('case_state', 'opened', 'opened', '立案'),
    ('case_state', 'notified', 'told the facts', '告知'),
    ('case_state', 'statement', 'stated their case', '陈述申辩'),
    ('case_state', 'hearing_requested', 'hearing requested', '申请听证'),
    ('case_state', 'heard', 'heard', '已听证'),
    ('case_state', 'decided', 'decided collectively', '集体决定'),
    ('case_state', 'served', 'served in writing', '书面送达'),
    ('case_state', 'reexamination_requested', 're-examination requested', '申请复核'),
    ('case_state', 'reexamined', 're-examined', '复核决定'),
    ('case_state', 'appealed', 'appealed', '申诉'),
    ('case_state', 'appeal_decided', 'appeal decided', '申诉决定'),
    ('case_state', 'review_requested', 'administrative review requested', '申请行政复议'),
    ('case_state', 'reviewed', 'administrative review decided', '行政复议决定'),
    ('case_state', 'closed', 'closed', '结案'),
    ('case_state', 'dropped', 'dropped', '撤销');

-- The lawful order of a case: which state may follow which (reference
-- data, the same for every tenant).
CREATE TABLE @extschema@.case_transition_rule (
    from_state  @extschema@.case_state NOT NULL,
    to_state    @extschema@.case_state NOT NULL,
    PRIMARY KEY (from_state, to_state)
);
COMMENT ON TABLE @extschema@.case_transition_rule IS
    'Due process (rules.md §4): the transitions a case may make; any other is refused';
INSERT INTO @extschema@.case_transition_rule (from_state, to_state) VALUES
    ('opened', 'notified'), ('opened', 'dropped'),
    ('notified', 'statement'), ('notified', 'hearing_requested'), ('notified', 'dropped'),
    ('statement', 'hearing_requested'), ('statement', 'decided'), ('statement', 'dropped'),
    ('hearing_requested', 'heard'),
    ('heard', 'decided'), ('heard', 'dropped'),
    ('decided', 'served'),
    ('served', 'reexamination_requested'), ('served', 'appealed'), ('served', 'review_requested'), ('served', 'closed'),
    ('reexamination_requested', 'reexamined'),
    ('reexamined', 'appealed'), ('reexamined', 'closed'),
    ('appealed', 'appeal_decided'),
    ('appeal_decided', 'closed'),
    ('review_requested', 'reviewed'),
    ('reviewed', 'closed');

-- Time limits of a case, as policy data (tenant_id NULL: the default).
CREATE TABLE @extschema@.case_limit (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL CHECK (code OPERATOR(pg_catalog.=) ANY ('{decision,decision_max,reexamination_request,reexamination_decision,appeal_request_after_reexamination,appeal_request,appeal_decision,review_request,review_decision,warn_before}'::text[])),
    days        integer NOT NULL CHECK (days OPERATOR(pg_catalog.>) 0),
    working_days boolean NOT NULL DEFAULT false,
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT case_limit_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code)
);
COMMENT ON TABLE @extschema@.case_limit IS
    'Time limits of a case in days (calendar days, or working days of the cn calendar when working_days): the decision (6 months, 12 at most), the windows of re-examination, appeal and administrative review and their decisions, and how early to warn; tenant_id NULL is the default';
INSERT INTO @extschema@.case_limit (code, days, working_days, basis, is_builtin) VALUES
    ('decision', 183, false, '6 months from opening: 行政机关公务员处分条例 art. 44 [P]', true),
    ('decision_max', 365, false, '12 months at most, when extended: art. 44 [P]', true),
    ('reexamination_request', 30, false, '复核 within 30 days of notification: 公务员法 art. 95 [P]', true),
    ('reexamination_decision', 30, false, '复核 decided in 30 days: 公务员法 art. 95 [P]', true),
    ('appeal_request_after_reexamination', 15, false, '申诉 within 15 days of the re-examination decision: art. 95 [P]', true),
    ('appeal_request', 30, false, '申诉 directly within 30 days of notification: art. 95 [P]', true),
    ('appeal_decision', 60, false, '申诉 decided in 60 days (+30): art. 96 [P]', true),
    ('review_request', 60, false, '行政复议 applied for within 60 days: 行政复议法 2023 [P]', true),
    ('review_decision', 60, false, '行政复议 decided in 60 days (+30): 行政复议法 2023 [P]', true),
    ('warn_before', 15, false, 'warn this many days before a limit [U]', true);

-- The catalogue of sanctions and accountability forms (rules.md §3): the
-- statute's periods and effects, the same for every tenant.
CREATE TABLE @extschema@.sanction_kind (
    code        text PRIMARY KEY,
    family      text NOT NULL CHECK (family OPERATOR(pg_catalog.=) ANY ('{administrative,accountability,party}'::text[])),
    rank        integer NOT NULL CHECK (rank OPERATOR(pg_catalog.>) 0),
    months      integer CHECK (months OPERATOR(pg_catalog.>=) 0),
    ends_employment boolean NOT NULL DEFAULT false,
    no_promotion boolean NOT NULL DEFAULT false,
    no_salary_step boolean NOT NULL DEFAULT false,
    grade_effect text CHECK (grade_effect OPERATOR(pg_catalog.=) ANY ('{not_excellent,no_grade_in_period,no_grade_this_and_next_year,no_grade_this_year}'::text[])),
    no_equivalent_post_months integer NOT NULL DEFAULT 0,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    basis       text,
    UNIQUE (family, rank)
);
COMMENT ON TABLE @extschema@.sanction_kind IS
    'Sanctions and accountability forms: family and rank (heavier is higher within a family), period in months (NULL: none; ends_employment: at once), their effects during the period, and their effect on the annual grade';
INSERT INTO @extschema@.sanction_kind (code, family, rank, months, ends_employment, no_promotion, no_salary_step, grade_effect,
                                       no_equivalent_post_months, label_en, label_zh, basis) VALUES
    ('warning', 'administrative', 1, 6, false, true, false, 'not_excellent', 0, 'warning', '警告', '处分条例 art. 6-8 [P]'),
    ('demerit', 'administrative', 2, 12, false, true, true, 'no_grade_in_period', 0, 'demerit', '记过', '处分条例 art. 6-8 [P]'),
    ('major_demerit', 'administrative', 3, 18, false, true, true, 'no_grade_this_and_next_year', 0, 'major demerit', '记大过', '处分条例 art. 6-8 [P]'),
    ('demotion', 'administrative', 4, 24, false, true, true, 'no_grade_this_and_next_year', 0, 'demotion in grade', '降级', '处分条例 art. 6-8 [P]'),
    ('removal', 'administrative', 5, 24, false, true, true, 'no_grade_this_and_next_year', 0, 'removal from post', '撤职', '处分条例 art. 6-8 [P]'),
    ('expulsion', 'administrative', 6, NULL, true, true, true, NULL, 0, 'expulsion', '开除', '处分条例 art. 6-7 [P]'),
    ('public_apology', 'accountability', 1, NULL, false, false, false, 'not_excellent', 0, 'ordered public apology', '责令公开道歉', '2009 interim rules [S]'),
    ('suspension', 'accountability', 2, NULL, false, false, false, 'not_excellent', 0, 'suspension for examination', '停职检查', '2009 interim rules [S]'),
    ('resignation_taking_blame', 'accountability', 3, NULL, false, false, false, 'no_grade_this_year', 12, 'resignation taking the blame', '引咎辞职', '2009 interim rules [S]'),
    ('ordered_resignation', 'accountability', 4, NULL, false, false, false, 'no_grade_this_year', 12, 'ordered resignation', '责令辞职', '2009 interim rules [S]'),
    ('dismissal_from_post', 'accountability', 5, NULL, false, false, false, 'no_grade_this_year', 12, 'removal from the post', '免职', '2009 interim rules [S]'),
    ('party_review', 'party', 1, NULL, false, false, false, NULL, 0, 'written self-examination', '检查', '问责条例 2016 art. 7 [S]'),
    ('circulated_criticism', 'party', 2, NULL, false, false, false, NULL, 0, 'circulated criticism', '通报', '问责条例 2016 art. 7 [S]'),
    ('admonition', 'party', 3, NULL, false, false, false, 'not_excellent', 0, 'admonition', '诫勉', '问责条例 2016 art. 7 [S]'),
    ('organisational_adjustment', 'party', 4, NULL, false, false, false, 'not_excellent', 0, 'organisational adjustment', '组织调整', '问责条例 2016 art. 7 [S]');

-- The bands of administrative sanctions by severity and kind of
-- responsibility (rules.md §2), as ranks of sanction_kind; tenant_id NULL
-- is the default.  Only the especially serious tier is sourced [S]; the
-- others are defaults to adjust [U].
CREATE TABLE @extschema@.sanction_band (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    severity    @extschema@.severity_tier NOT NULL,
    kind        @extschema@.responsibility_kind NOT NULL,
    min_rank    integer NOT NULL CHECK (min_rank OPERATOR(pg_catalog.>) 0),
    max_rank    integer NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    CHECK (max_rank OPERATOR(pg_catalog.>=) min_rank),
    CONSTRAINT sanction_band_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, severity, kind)
);
COMMENT ON TABLE @extschema@.sanction_band IS
    'The administrative sanctions allowed for a severity tier and a kind of responsibility, as ranks of sanction_kind (1 warning .. 6 expulsion); mitigation with 减轻 allows one rank below (below a warning: no sanction, 免予处分); tenant_id NULL is the default';
INSERT INTO @extschema@.sanction_band (severity, kind, min_rank, max_rank, is_builtin) VALUES
    ('general', 'direct', 1, 2, true),
    ('general', 'main_leadership', 1, 2, true),
    ('general', 'important_leadership', 1, 1, true),
    ('general', 'supervisory', 1, 1, true),
    ('serious', 'direct', 3, 4, true),
    ('serious', 'main_leadership', 2, 3, true),
    ('serious', 'important_leadership', 2, 2, true),
    ('serious', 'supervisory', 2, 2, true),
    ('especially_serious', 'direct', 5, 6, true),
    ('especially_serious', 'main_leadership', 4, 6, true),
    ('especially_serious', 'important_leadership', 3, 3, true),
    ('especially_serious', 'supervisory', 3, 4, true);

CREATE SEQUENCE @extschema@.case_id_seq AS bigint;
CREATE TABLE @extschema@.accountability_case (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    case_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.case_id_seq'),
    incident_id bigint NOT NULL,
    subject_person_id bigint NOT NULL,
    subject_kind @extschema@.responsibility_kind NOT NULL,
    subject_chain @extschema@.rchain,
    state       @extschema@.case_state NOT NULL DEFAULT 'opened',
    opened_at   timestamptz NOT NULL,
    opened_by   bigint NOT NULL,
    state_since timestamptz NOT NULL,
    decision_extended boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, case_id),
    FOREIGN KEY (tenant_id, incident_id) REFERENCES @extschema@.incident (tenant_id, incident_id),
    FOREIGN KEY (tenant_id, subject_person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, opened_by) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.case_id_seq OWNED BY @extschema@.accountability_case.case_id;
CREATE INDEX ON @extschema@.accountability_case (tenant_id, subject_person_id);
CREATE INDEX ON @extschema@.accountability_case (tenant_id, incident_id);
ALTER TABLE @extschema@.incident ADD FOREIGN KEY (tenant_id, accusation_case_id)
    REFERENCES @extschema@.accountability_case (tenant_id, case_id);
COMMENT ON TABLE @extschema@.accountability_case IS
    'An accountability case (问责案件) against one person, opened from an incident: the kind of responsibility the back-trace gave them and their chain of command at the incident''s moment, frozen; its state moves only through case_advance()';
COMMENT ON COLUMN @extschema@.accountability_case.subject_chain IS
    'The subject''s chain of command at the incident''s moment: nobody on it may investigate or decide the case';
COMMENT ON COLUMN @extschema@.accountability_case.decision_extended IS
    'The decision limit was extended from 6 to 12 months (case_extend)';

CREATE TABLE @extschema@.case_trace (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    case_id     bigint NOT NULL,
    ord         integer NOT NULL,
    level       integer NOT NULL,
    person_id   bigint,
    position_id bigint,
    kind        @extschema@.responsibility_kind,
    rule        text NOT NULL,
    reason      text NOT NULL,
    reason_zh   text NOT NULL,
    chain       @extschema@.rchain,
    tenure      text,
    PRIMARY KEY (tenant_id, case_id, ord),
    FOREIGN KEY (tenant_id, case_id) REFERENCES @extschema@.accountability_case (tenant_id, case_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.case_trace IS
    'The back-trace of the case''s incident as it was when the case was opened: a later reorganisation or change of rules never changes it';

CREATE TABLE @extschema@.case_event (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    case_id     bigint NOT NULL,
    seq         integer NOT NULL,
    from_state  @extschema@.case_state,
    to_state    @extschema@.case_state NOT NULL,
    is_extension boolean NOT NULL DEFAULT false,
    at          timestamptz NOT NULL,
    actor_person_id bigint NOT NULL,
    reason      text NOT NULL,
    recorded_by name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (tenant_id, case_id, seq),
    FOREIGN KEY (tenant_id, case_id) REFERENCES @extschema@.accountability_case (tenant_id, case_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.case_event IS
    'Every transition of a case, with who made it, when and why; an extension of the decision limit (is_extension) keeps the state';

CREATE SEQUENCE @extschema@.sanction_id_seq AS bigint;
CREATE TABLE @extschema@.sanction (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    sanction_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.sanction_id_seq'),
    case_id     bigint NOT NULL,
    person_id   bigint NOT NULL,
    kind        text NOT NULL REFERENCES @extschema@.sanction_kind,
    offences    integer NOT NULL DEFAULT 1 CHECK (offences OPERATOR(pg_catalog.>) 0),
    months      integer CHECK (months OPERATOR(pg_catalog.>=) 0),
    aggravating boolean NOT NULL DEFAULT false,
    mitigating  boolean NOT NULL DEFAULT false,
    reduced     boolean NOT NULL DEFAULT false,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz,
    carried_from bigint,
    superseded_at timestamptz,
    replaces    bigint,
    decided_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sanction_id),
    FOREIGN KEY (tenant_id, case_id) REFERENCES @extschema@.accountability_case (tenant_id, case_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, carried_from) REFERENCES @extschema@.sanction (tenant_id, sanction_id),
    FOREIGN KEY (tenant_id, replaces) REFERENCES @extschema@.sanction (tenant_id, sanction_id)
);
ALTER SEQUENCE @extschema@.sanction_id_seq OWNED BY @extschema@.sanction.sanction_id;
CREATE INDEX ON @extschema@.sanction (tenant_id, person_id, starts_at);
COMMENT ON TABLE @extschema@.sanction IS
    'A sanction decided in a case (decide_sanction): its period runs from starts_at to ends_at (NULL: without end, or none); a sanction decided during another''s period carries that one''s remainder (carried_from), which is then superseded; a decision on appeal replaces the sanction it reviews (replaces)';
COMMENT ON COLUMN @extschema@.sanction.months IS
    'The period decided: the kind''s period, or for several offences of the same kind between one period and their sum; never over 48 months with a carried remainder';
COMMENT ON COLUMN @extschema@.sanction.superseded_at IS
    'When a later sanction took over the rest of this one''s period, or a decision on appeal replaced it';
-- The assessment of staff (考核, P1-P4, S1; rules.md §1): schemes, periods
-- and their inputs (evaluations, target results, work memos, training,
-- service-window ratings, complaints), and the frozen results.  The grades
-- and their working are computed in 79_assessment_api.sql.

CREATE TYPE @extschema@.grade AS ENUM ('excellent', 'competent', 'basically_competent', 'incompetent', 'no_grade');
COMMENT ON TYPE @extschema@.grade IS
    'Annual grades (考核等次), best first: excellent 优秀, competent 称职, basically competent 基本称职, incompetent 不称职, and no grade 不定等次';
CREATE TYPE @extschema@.assessment_period_kind AS ENUM ('quarterly', 'annual', 'special');
COMMENT ON TYPE @extschema@.assessment_period_kind IS
    'Kinds of assessment: quarterly (平时考核, by quarter), annual (定期考核, 年度) and special (专项考核)';
CREATE TYPE @extschema@.complaint_outcome AS ENUM ('pending', 'valid', 'invalid');
COMMENT ON TYPE @extschema@.complaint_outcome IS
    'Whether a complaint was found valid (有效投诉) after verification, found invalid, or is still being verified';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('grade', 'excellent', 'excellent', '优秀'),
    ('grade', 'competent', 'competent', '称职'),
    ('grade', 'basically_competent', 'basically competent', '基本称职'),
    ('grade', 'incompetent', 'incompetent', '不称职'),
    ('grade', 'no_grade', 'no grade', '不定等次'),
    ('assessment_period_kind', 'quarterly', 'quarterly assessment', '平时考核'),
    ('assessment_period_kind', 'annual', 'annual assessment', '年度考核'),
    ('assessment_period_kind', 'special', 'special assessment', '专项考核'),
    ('complaint_outcome', 'pending', 'being verified', '核查中'),
    ('complaint_outcome', 'valid', 'valid', '有效'),
    ('complaint_outcome', 'invalid', 'not valid', '无效'),
    ('source_feed', 'raters', 'scores given by raters', '评议打分'),
    ('source_feed', 'targets', 'results against the duties'' targets', '目标考核'),
    ('source_feed', 'memos', 'the superior''s review of work memos', '工作备忘审阅'),
    ('source_feed', 'training', 'training results', '培训成绩'),
    ('source_feed', 'service_window', 'service-window quality ratings', '窗口服务评价');

-- A scheme (考核方案) for a category and level of staff (分类分级).  It is
-- written as a draft, then activated: activation checks it, and an active
-- scheme never changes (a new version is a new scheme), so that a result
-- always names the rules it was computed by.
CREATE SEQUENCE @extschema@.scheme_id_seq AS bigint;
CREATE TABLE @extschema@.assessment_scheme (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant() REFERENCES @extschema@.tenant,
    scheme_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.scheme_id_seq'),
    code        text NOT NULL,
    version     integer NOT NULL DEFAULT 1 CHECK (version OPERATOR(pg_catalog.>) 0),
    name        text NOT NULL,
    staff_category text,
    staff_level text,
    scale_min   float8 NOT NULL DEFAULT 0,
    scale_max   float8 NOT NULL DEFAULT 100,
    trim_each   integer NOT NULL DEFAULT 1 CHECK (trim_each BETWEEN 0 AND 16),
    normalise_raters boolean NOT NULL DEFAULT false,
    excellent_min float8 NOT NULL DEFAULT 90,
    competent_min float8 NOT NULL DEFAULT 70,
    basic_min   float8 NOT NULL DEFAULT 60,
    excellent_quota numeric NOT NULL DEFAULT 0.15,
    excellent_ceiling numeric NOT NULL DEFAULT 0.20,
    periodic_share float8 NOT NULL DEFAULT 0 CHECK (periodic_share BETWEEN 0 AND 1),
    score_digits integer NOT NULL DEFAULT 2 CHECK (score_digits BETWEEN 0 AND 6),
    active      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, scheme_id),
    UNIQUE (tenant_id, code, version),
    CHECK (scale_min OPERATOR(pg_catalog.<) scale_max)
);
ALTER SEQUENCE @extschema@.scheme_id_seq OWNED BY @extschema@.assessment_scheme.scheme_id;
COMMENT ON TABLE @extschema@.assessment_scheme IS
    'An assessment scheme (考核方案) for a category and level of staff: its scale, trimming, normalisation, grade cut-offs, excellent quota and how quarterly results enter the annual one; a draft until activate_scheme() checks it, then never changed';
COMMENT ON COLUMN @extschema@.assessment_scheme.trim_each IS 'Scores dropped at each end of every source (去掉最高分和最低分), 0 for none';
COMMENT ON COLUMN @extschema@.assessment_scheme.normalise_raters IS
    'Shift each rater''s scores in a period so that their mean is the mean of their source (a lenient or severe rater then counts like any other)';
COMMENT ON COLUMN @extschema@.assessment_scheme.excellent_min IS 'The lowest score that can be excellent; competent_min and basic_min likewise; below basic_min incompetent';
COMMENT ON COLUMN @extschema@.assessment_scheme.excellent_quota IS
    'Share of the graded staff of the unit who may be excellent (15% normally); a period may set its own (the unit''s rating), never above excellent_ceiling (20%)';
COMMENT ON COLUMN @extschema@.assessment_scheme.periodic_share IS
    'Share of an annual score taken from the mean of the year''s finalised quarterly scores (e.g. 0.95); the rest from the annual inputs';
COMMENT ON COLUMN @extschema@.assessment_scheme.score_digits IS
    'Scores are compared at this many decimals for the quota: equal scores at the boundary are ties, never broken by row order';

CREATE TABLE @extschema@.scheme_dimension (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    scheme_id   bigint NOT NULL,
    code        text NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    weight      float8 NOT NULL CHECK (weight OPERATOR(pg_catalog.>) 0),
    PRIMARY KEY (tenant_id, scheme_id, code),
    FOREIGN KEY (tenant_id, scheme_id) REFERENCES @extschema@.assessment_scheme (tenant_id, scheme_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.scheme_dimension IS
    'The dimensions of a scheme (德 能 勤 绩 廉 by default) and their weights, which sum to 1: a rater who scores by dimension gives a score that is their weighted mean';

CREATE TABLE @extschema@.scheme_source (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    scheme_id   bigint NOT NULL,
    code        text NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    feed        text NOT NULL DEFAULT 'raters'
                CHECK (feed OPERATOR(pg_catalog.=) ANY ('{raters,targets,memos,training,service_window}'::text[])),
    weight      float8 NOT NULL CHECK (weight OPERATOR(pg_catalog.>=) 0),
    min_raters  integer NOT NULL DEFAULT 1 CHECK (min_raters OPERATOR(pg_catalog.>) 0),
    allows_self boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, scheme_id, code),
    FOREIGN KEY (tenant_id, scheme_id) REFERENCES @extschema@.assessment_scheme (tenant_id, scheme_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.scheme_source IS
    'The sources of a scheme (leaders, colleagues and the public 群众, service recipients 服务对象, self, targets, memos, training, service window) with their weights, which sum to 1, and the fewest raters a source needs to count; a source below its minimum is reported as insufficient and the weights of the rest are renormalised';
COMMENT ON COLUMN @extschema@.scheme_source.feed IS
    'Where the source''s scores come from: evaluations by raters, target results of the duties, the superior''s reviews of work memos, training results or service-window ratings';
COMMENT ON COLUMN @extschema@.scheme_source.allows_self IS 'The person may rate themselves in this source (self-assessment)';

-- An assessment period of a unit (the cohort is the unit and its
-- sub-units: the quota applies across it).
CREATE SEQUENCE @extschema@.period_id_seq AS bigint;
CREATE TABLE @extschema@.assessment_period (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.period_id_seq'),
    scheme_id   bigint NOT NULL,
    unit_id     bigint NOT NULL,
    kind        @extschema@.assessment_period_kind NOT NULL,
    span        daterange NOT NULL CHECK (NOT pg_catalog.isempty(span) AND NOT pg_catalog.lower_inf(span) AND NOT pg_catalog.upper_inf(span)),
    excellent_quota numeric CHECK (excellent_quota BETWEEN 0 AND 1),
    finalised   boolean NOT NULL DEFAULT false,
    digest      text,
    PRIMARY KEY (tenant_id, period_id),
    FOREIGN KEY (tenant_id, scheme_id) REFERENCES @extschema@.assessment_scheme (tenant_id, scheme_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CONSTRAINT assessment_period_one_per_unit
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), unit_id WITH OPERATOR(pg_catalog.=),
                            kind WITH OPERATOR(pg_catalog.=), span WITH OPERATOR(pg_catalog.&&))
);
ALTER SEQUENCE @extschema@.period_id_seq OWNED BY @extschema@.assessment_period.period_id;
COMMENT ON TABLE @extschema@.assessment_period IS
    'An assessment period of a unit and its sub-units under one active scheme: quarterly, annual or special, over a span of days; finalised by finalise_period(), which freezes its results and a digest of its inputs';
COMMENT ON COLUMN @extschema@.assessment_period.excellent_quota IS
    'The unit''s own excellent quota for the period (tied to the unit''s rating, e.g. 15/12/10/8%), instead of the scheme''s; never above the scheme''s ceiling';
COMMENT ON COLUMN @extschema@.assessment_period.digest IS 'SHA-256 of the inputs the results were computed from, set when finalised';

-- Finalisations and reopenings, with who and why.
CREATE TABLE @extschema@.period_event (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    seq         integer NOT NULL,
    action      text NOT NULL CHECK (action OPERATOR(pg_catalog.=) ANY ('{finalised,reopened}'::text[])),
    at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    actor_person_id bigint NOT NULL,
    reason      text,
    digest      text,
    recorded_by name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (tenant_id, period_id, seq),
    FOREIGN KEY (tenant_id, period_id) REFERENCES @extschema@.assessment_period (tenant_id, period_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.period_event IS 'Every finalisation and reopening of a period, with who, when, why and the digest of the inputs';

-- Who is assessed in a period.  The kind and span are the period's, copied
-- so that one person is never in two periods of one kind at once.
CREATE TABLE @extschema@.assessment_subject (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    position_id bigint,
    kind        @extschema@.assessment_period_kind NOT NULL,
    span        daterange NOT NULL,
    on_probation boolean NOT NULL DEFAULT false,
    refused     boolean NOT NULL DEFAULT false,
    note        text,
    PRIMARY KEY (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, period_id) REFERENCES @extschema@.assessment_period (tenant_id, period_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CONSTRAINT assessment_subject_one_period_at_a_time
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), person_id WITH OPERATOR(pg_catalog.=),
                            kind WITH OPERATOR(pg_catalog.=), span WITH OPERATOR(pg_catalog.&&))
);
CREATE INDEX ON @extschema@.assessment_subject (tenant_id, person_id);
-- The few subjects whose own facts cap the grade (grade_caps()), found
-- without reading the cohort.
CREATE INDEX ON @extschema@.assessment_subject (tenant_id, period_id) WHERE refused OR on_probation;
COMMENT ON TABLE @extschema@.assessment_subject IS
    'The staff assessed in a period (enrol_period() adds everyone who held a post in the unit''s tree during it), with the facts that withhold a grade: probation (新录用试用期) and refusal to be assessed (拒不参加考核)';

-- Scores given by raters.  score is the rater's score of the person; a
-- rater who scores by dimension gives dimension_scores, and score is then
-- their weighted mean under the scheme.
CREATE TABLE @extschema@.evaluation (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    source      text NOT NULL,
    rater_id    bigint NOT NULL,
    score       float8 NOT NULL,
    dimension_scores jsonb,
    given_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- score rides in the key's index, so a period's grades read it in
    -- person order by an index-only scan (no sort, no hash table).
    PRIMARY KEY (tenant_id, period_id, person_id, source, rater_id) INCLUDE (score),
    FOREIGN KEY (tenant_id, period_id, person_id) REFERENCES @extschema@.assessment_subject (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, rater_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
CREATE INDEX ON @extschema@.evaluation (tenant_id, rater_id);
COMMENT ON TABLE @extschema@.evaluation IS
    'A rater''s score of a person in a period and source (评议打分): within the scheme''s scale, never for a finalised period, never of oneself unless the source allows it';
COMMENT ON COLUMN @extschema@.evaluation.dimension_scores IS
    'The rater''s scores by dimension, {"de": 90, "neng": 85, …}: then score is their weighted mean under the scheme''s dimension weights';

-- Results against the quantified targets of the person's duties.
CREATE TABLE @extschema@.target_result (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    duty_id     bigint NOT NULL,
    target      numeric,
    achieved    numeric,
    score       float8 NOT NULL,
    PRIMARY KEY (tenant_id, period_id, person_id, duty_id),
    FOREIGN KEY (tenant_id, period_id, person_id) REFERENCES @extschema@.assessment_subject (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id)
);
COMMENT ON TABLE @extschema@.target_result IS
    'The result of a person against the quantified target of a duty (目标考核), scored on the scheme''s scale; each duty counts as one rater of the targets source';

-- Daily work memos (日常工作备忘, P2) and their review by the superior.
CREATE SEQUENCE @extschema@.memo_id_seq AS bigint;
CREATE TABLE @extschema@.work_memo (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    memo_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.memo_id_seq'),
    person_id   bigint NOT NULL,
    day         date NOT NULL,
    content     text NOT NULL,
    reviewed_by bigint,
    reviewed_at timestamptz,
    review_score float8,
    review_comment text,
    PRIMARY KEY (tenant_id, memo_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, reviewed_by) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK (reviewed_by OPERATOR(pg_catalog.<>) person_id),
    CHECK ((reviewed_by IS NULL) OPERATOR(pg_catalog.=) (reviewed_at IS NULL))
);
ALTER SEQUENCE @extschema@.memo_id_seq OWNED BY @extschema@.work_memo.memo_id;
CREATE INDEX ON @extschema@.work_memo (tenant_id, person_id, day);
COMMENT ON TABLE @extschema@.work_memo IS
    'Daily work memos (日常工作备忘) and the superior''s review: the review scores of a period feed a scheme''s memos source, and the memos are the assessment archive (考核档案)';

-- Training (P4): records and personal learning plans.
CREATE SEQUENCE @extschema@.training_id_seq AS bigint;
CREATE TABLE @extschema@.training_record (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    training_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.training_id_seq'),
    person_id   bigint NOT NULL,
    course      text NOT NULL,
    category    text,
    hours       numeric NOT NULL CHECK (hours OPERATOR(pg_catalog.>) 0),
    completed_on date NOT NULL,
    result_score float8,
    PRIMARY KEY (tenant_id, training_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.training_id_seq OWNED BY @extschema@.training_record.training_id;
CREATE INDEX ON @extschema@.training_record (tenant_id, person_id, completed_on);
COMMENT ON TABLE @extschema@.training_record IS
    'Training completed (classified and graded training, 分级分类培训): hours and result; the results of a period feed a scheme''s training source';

CREATE TABLE @extschema@.learning_plan (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    person_id   bigint NOT NULL,
    year        integer NOT NULL,
    planned_hours numeric NOT NULL CHECK (planned_hours OPERATOR(pg_catalog.>=) 0),
    goals       text,
    PRIMARY KEY (tenant_id, person_id, year),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.learning_plan IS
    'A personal learning plan (个人学习计划) for a year: the hours planned and the goals; the explanation of a grade shows the hours done against it';

-- Service-window quality ratings (S1).
CREATE SEQUENCE @extschema@.rating_id_seq AS bigint;
CREATE TABLE @extschema@.window_rating (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    rating_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.rating_id_seq'),
    person_id   bigint NOT NULL,
    rated_at    timestamptz NOT NULL,
    score       float8 NOT NULL,
    channel     text,
    PRIMARY KEY (tenant_id, rating_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.rating_id_seq OWNED BY @extschema@.window_rating.rating_id;
CREATE INDEX ON @extschema@.window_rating (tenant_id, person_id, rated_at);
COMMENT ON TABLE @extschema@.window_rating IS
    'A service recipient''s rating of the service at a window (窗口服务评价), on the scale of the scheme that uses it';

-- Complaints, criticism and reports from the public (S1).  Who complained
-- is kept apart, readable only by those who handle complaints.
CREATE SEQUENCE @extschema@.complaint_id_seq AS bigint;
CREATE TABLE @extschema@.complaint (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    complaint_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.complaint_id_seq'),
    person_id   bigint NOT NULL,
    received_at timestamptz NOT NULL,
    kind        text NOT NULL DEFAULT 'complaint'
                CHECK (kind OPERATOR(pg_catalog.=) ANY ('{complaint,criticism,report}'::text[])),
    summary     text NOT NULL,
    outcome     @extschema@.complaint_outcome NOT NULL DEFAULT 'pending',
    decided_at  timestamptz,
    PRIMARY KEY (tenant_id, complaint_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK ((outcome OPERATOR(pg_catalog.=) 'pending') OPERATOR(pg_catalog.=) (decided_at IS NULL)),
    CHECK (decided_at OPERATOR(pg_catalog.>=) received_at)
);
ALTER SEQUENCE @extschema@.complaint_id_seq OWNED BY @extschema@.complaint.complaint_id;
CREATE INDEX ON @extschema@.complaint (tenant_id, person_id, received_at);
COMMENT ON TABLE @extschema@.complaint IS
    'A complaint, criticism or report from the public (投诉、批评、举报) about a person, and whether it was found valid: two or more valid complaints received in a year cap that year''s grade at basically competent';

CREATE TABLE @extschema@.complainant (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    complaint_id bigint NOT NULL,
    name        text NOT NULL,
    contact     text,
    PRIMARY KEY (tenant_id, complaint_id),
    FOREIGN KEY (tenant_id, complaint_id) REFERENCES @extschema@.complaint (tenant_id, complaint_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.complainant IS
    'Who made a complaint (protected): readable only by members of responsibility_complaint_handler, and never by the person complained about (person.role_name)';

CREATE SEQUENCE @extschema@.retaliation_id_seq AS bigint;
CREATE TABLE @extschema@.retaliation (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    retaliation_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.retaliation_id_seq'),
    complaint_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    at          timestamptz NOT NULL,
    facts       text NOT NULL,
    PRIMARY KEY (tenant_id, retaliation_id),
    FOREIGN KEY (tenant_id, complaint_id) REFERENCES @extschema@.complaint (tenant_id, complaint_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.retaliation_id_seq OWNED BY @extschema@.retaliation.retaliation_id;
CREATE INDEX ON @extschema@.retaliation (tenant_id, person_id);
COMMENT ON TABLE @extschema@.retaliation IS
    'Established retaliation against a complainant (打击报复): an aggravating fact (从重) against the person who retaliated, listed by aggravating_facts()';

-- The frozen results of a finalised period.
CREATE TABLE @extschema@.assessment_result (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    score       float8,
    rank        integer,
    grade       @extschema@.grade NOT NULL,
    quota_tie   boolean NOT NULL DEFAULT false,
    caps        text[] NOT NULL DEFAULT '{}',
    explanation jsonb NOT NULL,
    PRIMARY KEY (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, period_id, person_id) REFERENCES @extschema@.assessment_subject (tenant_id, period_id, person_id)
);
CREATE INDEX ON @extschema@.assessment_result (tenant_id, person_id);
COMMENT ON TABLE @extschema@.assessment_result IS
    'The results of a finalised period, as computed then: score, rank, grade, the caps applied, whether the person tied at the quota boundary, and the whole working';

-- The measures a grade history calls for (rules.md §1), as policy data:
-- tenant_id NULL is the default, a tenant's own rows replace it.
CREATE TABLE @extschema@.consequence_rule (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL,
    grades      @extschema@.grade[] NOT NULL,
    in_a_row    integer NOT NULL DEFAULT 1 CHECK (in_a_row OPERATOR(pg_catalog.>) 0),
    accumulated integer CHECK (accumulated OPERATOR(pg_catalog.>) 0),
    not_if_accountable boolean NOT NULL DEFAULT false,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CHECK (NOT is_builtin OR tenant_id IS NULL),
    CONSTRAINT consequence_rule_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code)
);
COMMENT ON TABLE @extschema@.consequence_rule IS
    'What a grade history calls for: a measure applies when the last in_a_row annual grades are all among grades, or (accumulated) every time the count of such years reaches a multiple of it; not_if_accountable withholds it from anyone held accountable that year; tenant_id NULL is the default';
INSERT INTO @extschema@.consequence_rule (code, grades, in_a_row, accumulated, not_if_accountable, label_en, label_zh, basis, is_builtin) VALUES
    ('commendation', '{excellent}', 1, NULL, true, 'commendation', '嘉奖', '公务员考核规定 2020 art. 19 [S]', true),
    ('third_class_merit', '{excellent}', 3, NULL, true, 'third-class merit, priority for promotion', '记三等功，优先晋升', '公务员考核规定 2020 art. 19 [S]', true),
    ('year_end_bonus', '{excellent,competent}', 1, NULL, false, 'year-end bonus', '年终奖金', '公务员法 art. 80 [P]', true),
    ('salary_step', '{excellent,competent}', 1, 2, false, 'one salary step', '晋升一个级别工资档次', '公务员考核规定 2020 art. 20 [S]', true),
    ('rank_level', '{excellent,competent}', 1, 5, false, 'one rank level (级别)', '晋升一个级别', '公务员法 art. 80 [P]', true),
    ('admonition', '{basically_competent}', 1, NULL, false, 'admonition, written self-examination and a deadline to improve', '诫勉谈话，书面检查，限期改进', '公务员考核规定 2020 art. 21 [S]', true),
    ('lowered_level_basic', '{basically_competent}', 2, NULL, false, 'lowered one level', '降低一个职务职级层次', 'local practice [U]', true),
    ('demotion', '{incompetent}', 1, NULL, false, 'lowered one post or rank level, no bonus; the year does not count', '降低一个职务职级层次，不发年终奖金', '公务员法 art. 50 [P]', true),
    ('dismissal', '{incompetent}', 2, NULL, false, 'dismissal', '辞退', '公务员法 art. 88 [P]', true);

-- The row of a person tells who they are as a database role, so that
-- complaints about them stay hidden from them.
ALTER TABLE @extschema@.person ADD COLUMN role_name name;
COMMENT ON COLUMN @extschema@.person.role_name IS
    'The database role the person logs in as, if any: they never read who complained about them';
-- The coverage report (R4, R5, R7): for a unit and its sub-units over a span
-- of time, one row per finding.  Findings over time (gaps, overlaps, vacant
-- owners, idle persons, missing indicators) come from interval sweeps in C
-- (src/coverage.c), declared here with the labels of every kind; the
-- structural ones (hand-offs, powers, consequences) from the hand-off graph
-- in C (src/coverage_structure.c, declared in 72_coverage_report.sql).

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
-- The coverage report itself: the findings of coverage_sweep() and
-- coverage_structure(), each object named and each finding explained in
-- English and Chinese, in C (src/coverage_report.c; until 0.5.0 this was
-- PL/pgSQL, now test/tools/coverage_report.sql, the tests' reference).
-- CREATE OR REPLACE: the update scripts replace these as they are.

-- The words of a report (src/coverage_text.c): a report writes two
-- explanations for each of its rows, and in C they cost a fraction of what
-- format() and to_char() cost.  Dates are in the session's time zone.
CREATE OR REPLACE FUNCTION @extschema@.span_bound_text(bound timestamptz) RETURNS text
    AS 'MODULE_PATHNAME', 'span_bound_text'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.span_bound_text(timestamptz) IS
    'A bound of a span in words: its date when it is a midnight, else date and time; NULL when infinite';

CREATE OR REPLACE FUNCTION @extschema@.span_text(span tstzrange, lang text DEFAULT 'en') RETURNS text
    AS 'MODULE_PATHNAME', 'span_text'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.span_text(tstzrange, text) IS
    'A span in words, in English (''en'') or Chinese (''zh''): "from 2005-03-03 until 2005-04-15" (the end excluded)';

CREATE OR REPLACE FUNCTION @extschema@.finding_explanation(kind text, object_kind text, object_id bigint, title text,
                                                position_id bigint, person_id bigint, span tstzrange,
                                                positions bigint[], duties bigint[], lang text DEFAULT 'en')
    RETURNS text
    AS 'MODULE_PATHNAME', 'finding_explanation'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.finding_explanation(text, text, bigint, text, bigint, bigint, tstzrange, bigint[], bigint[], text) IS
    'A finding of the coverage report in one sentence, in English (''en'') or Chinese (''zh''): what is concerned, what is wrong, and when';

CREATE OR REPLACE FUNCTION @extschema@.coverage_structure(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, span tstzrange, duties bigint[])
    AS 'MODULE_PATHNAME', 'coverage_structure'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 100
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.coverage_structure(bigint, timestamptz, timestamptz) IS
    'The structural findings of the coverage report, in C over the hand-off graph: dead_end, cycle, unreachable, no_approver, power_without_duty, power_without_consequence (with its duties without consequence), duty_without_consequence, each with the life of its object inside [from_at, to_at)';

CREATE OR REPLACE FUNCTION @extschema@.coverage_report(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    AS 'MODULE_PATHNAME', 'coverage_report'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1000
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz, timestamptz) IS
    'Coverage report (责任链接无缝化) of a unit and its sub-units over [from_at, to_at): one row per finding (gap, overlap, vacant owner, idle person, broken hand-offs, powers without duties or consequences, missing indicators), with the span it covers, the posts of an overlap (positions), the duties without consequence of a power (duties) and an explanation in English and Chinese';

CREATE OR REPLACE FUNCTION @extschema@.coverage_report(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
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
-- The supervision of approvals (S2, S3; rules.md §4, §5) over the tables of
-- 67_supervision.sql.  Each application keeps its clock on its row: the
-- day it counts from, its deadline with the pauses excluded, the reminder,
-- the deadline to act of a yellow card, and the deadline of the step in
-- progress, all in working days of the item's calendar (the C functions of
-- 50_calendar.sql).  The triggers recompute it whenever a fact of the
-- application, or the policy, item or calendar it depends on, changes; and
-- clock_as_of says from which moment on it holds, so that the status of
-- every open application as of a later moment is a scan and a comparison
-- of dates, and only an earlier moment recomputes from the facts.

-- A setting of the supervision for a tenant: its own row, else the default.
CREATE FUNCTION @extschema@.supervision_setting(tenant_id integer, code text) RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT p.value FROM @extschema@.supervision_policy p
     WHERE p.code = supervision_setting.code
       AND (p.tenant_id = supervision_setting.tenant_id OR p.tenant_id IS NULL)
     ORDER BY p.tenant_id NULLS LAST LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.supervision_setting(integer, text) IS
    'A value of supervision_policy for the tenant: its own row of the code, else the default';

-- The days a pause touches in a time zone, from its first day to the day
-- of its last instant: none of them counts against a limit.  Inlined where
-- it is used (its body is bound at CREATE EXTENSION).
CREATE FUNCTION @extschema@.pause_days(during tstzrange, time_zone text) RETURNS daterange
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN daterange((lower(during) AT TIME ZONE time_zone)::date,
                     CASE WHEN upper_inc(during) THEN (upper(during) AT TIME ZONE time_zone)::date
                          ELSE ((upper(during) AT TIME ZONE time_zone) - interval '1 microsecond')::date END,
                     '[]');
COMMENT ON FUNCTION @extschema@.pause_days(tstzrange, text) IS
    'The days a pause touches in the time zone (a running pause: from its first day on)';

-- ---------------------------------------------------------------------
-- The clock of an application as of a moment, from its recorded facts.
-- Facts recorded after the moment do not count: an extension approved
-- later, a pause begun later, a step started later.

CREATE FUNCTION @extschema@.application_clock(a @extschema@.application, at timestamptz)
    RETURNS TABLE (clock_start date, clock_limit integer, paused_since date, due_on date, remind_on date,
                   act_by date, step_no integer, step_due_on date, clock_as_of timestamptz)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
    -- Parsed once, at CREATE EXTENSION (no search_path to pin), so that
    -- application_status() inlines it: as of an earlier moment it reads the
    -- facts as fast as plain SQL would.  It depends on the row type: an
    -- update script that alters application drops and recreates it.
    BEGIN ATOMIC
    SELECT s.clock_start, s.clock_limit,
           CASE WHEN p.open_from <= d.due THEN p.open_from END,
           CASE WHEN NOT coalesce(p.open_from <= d.due, false) THEN d.due END,
           CASE WHEN NOT coalesce(p.open_from <= d.due, false)
                THEN @extschema@.add_workdays(d.due, -pol.reminder_days, a.calendar) END,
           CASE WHEN NOT coalesce(p.open_from <= d.due, false)
                THEN @extschema@.add_workdays(d.due, pol.act_days, a.calendar) END,
           st.step_no,
           CASE WHEN NOT coalesce(p.open_from <= sd.due, false) THEN sd.due END,
           f.latest
      FROM (SELECT c.time_zone AS tz FROM @extschema@.calendar c WHERE c.code = a.calendar) k
      -- The policy: the tenant's own rows, else the defaults.
      CROSS JOIN LATERAL (
            SELECT coalesce(max(x.value) FILTER (WHERE x.code = 'reminder_days' AND x.tenant_id IS NOT NULL),
                            max(x.value) FILTER (WHERE x.code = 'reminder_days')) AS reminder_days,
                   coalesce(max(x.value) FILTER (WHERE x.code = 'act_days' AND x.tenant_id IS NOT NULL),
                            max(x.value) FILTER (WHERE x.code = 'act_days')) AS act_days,
                   coalesce(max(x.value) FILTER (WHERE x.code = 'materials_notice_days' AND x.tenant_id IS NOT NULL),
                            max(x.value) FILTER (WHERE x.code = 'materials_notice_days')) AS notice_days
              FROM @extschema@.supervision_policy x
             WHERE x.tenant_id = a.tenant_id OR x.tenant_id IS NULL) pol
      -- Facts recorded after the moment do not count.
      CROSS JOIN LATERAL (
            SELECT (a.received_at AT TIME ZONE k.tz)::date AS received,
                   CASE WHEN a.accepted_at <= at THEN a.accepted_at END AS accepted,
                   CASE WHEN a.materials_notified_at <= at THEN a.materials_notified_at END AS notified) r
      -- Accepted, or materials asked for, within the notice limit: the
      -- clock counts from acceptance; otherwise the application counts as
      -- accepted on receipt (行政许可法 art. 32).
      CROSS JOIN LATERAL (
            SELECT CASE WHEN (least(r.accepted, r.notified) AT TIME ZONE k.tz)::date
                             <= @extschema@.add_workdays(r.received, pol.notice_days, a.calendar)
                        THEN (r.accepted AT TIME ZONE k.tz)::date ELSE r.received END AS clock_start,
                   (SELECT coalesce(i.promised_limit, i.statutory_limit) FROM @extschema@.approval_item i
                     WHERE i.tenant_id = a.tenant_id AND i.item_id = a.item_id)
                   + coalesce((SELECT e.days FROM @extschema@.application_extension e
                                WHERE e.tenant_id = a.tenant_id AND e.application_id = a.application_id
                                  AND e.approved_at <= at), 0) AS clock_limit
            OFFSET 0) s
      -- Every day a pause touches is excluded; a pause running at the
      -- moment stops the clock, unless it began after the deadline.
      CROSS JOIN LATERAL (
            SELECT coalesce(range_agg(@extschema@.pause_days(x.during, k.tz)) FILTER (WHERE coalesce(upper(x.during) <= at, false)),
                            '{}') AS closed,
                   min((lower(x.during) AT TIME ZONE k.tz)::date) FILTER (WHERE NOT coalesce(upper(x.during) <= at, false)) AS open_from
              FROM @extschema@.application_pause x
             WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id AND lower(x.during) <= at) p
      CROSS JOIN LATERAL (SELECT @extschema@.deadline(s.clock_start, s.clock_limit, p.closed, a.calendar) AS due) d
      -- The step in progress, and its own deadline.
      LEFT JOIN LATERAL (
            SELECT x.step_no, x.started_at, ps.time_limit
              FROM @extschema@.application_step x
              JOIN @extschema@.process_step ps ON ps.tenant_id = x.tenant_id AND ps.step_id = x.step_id
             WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
               AND x.started_at <= at AND NOT coalesce(x.done_at <= at, false)
             ORDER BY x.started_at DESC, x.step_no DESC LIMIT 1) st ON true
      CROSS JOIN LATERAL (SELECT @extschema@.deadline((st.started_at AT TIME ZONE k.tz)::date, st.time_limit, p.closed,
                                                      a.calendar) AS due) sd
      -- The latest fact up to the moment.
      CROSS JOIN LATERAL (
            SELECT max(t) AS latest
              FROM (SELECT a.received_at UNION ALL SELECT a.accepted_at UNION ALL SELECT a.materials_notified_at
                    UNION ALL SELECT a.decided_at
                    UNION ALL SELECT e.approved_at FROM @extschema@.application_extension e
                               WHERE e.tenant_id = a.tenant_id AND e.application_id = a.application_id
                    UNION ALL SELECT lower(x.during) FROM @extschema@.application_pause x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
                    UNION ALL SELECT upper(x.during) FROM @extschema@.application_pause x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
                    UNION ALL SELECT x.started_at FROM @extschema@.application_step x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
                    UNION ALL SELECT x.done_at FROM @extschema@.application_step x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id) v(t)
             WHERE t <= at AND isfinite(t)) f;
    END;
COMMENT ON FUNCTION @extschema@.application_clock(@extschema@.application, timestamptz) IS
    'The clock of an application as of a moment, from the facts recorded up to it: the day it counts from, the limit, a running pause, the deadline, reminder and deadline to act, the step in progress and its deadline, and the latest fact';

-- ---------------------------------------------------------------------
-- Writes: the rules on bad input, and the clock kept on the row.

CREATE FUNCTION @extschema@.approval_item_fill() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    pw record;
BEGIN
    SELECT p.kind, p.unit_id INTO pw FROM @extschema@.power p
     WHERE p.tenant_id = NEW.tenant_id AND p.power_id = NEW.power_id;
    IF FOUND AND pw.kind <> 'approval' THEN
        RAISE EXCEPTION 'power % is a power of kind %, not an approval power', NEW.power_id, pw.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An approval item is an approval-type power (power.kind = approval) of its unit.';
    END IF;
    NEW.unit_id := coalesce(pw.unit_id, NEW.unit_id);
    NEW.statutory_limit := coalesce(NEW.statutory_limit,
        @extschema@.supervision_setting(NEW.tenant_id, 'limit_' || NEW.kind::text));
    NEW.max_extension := coalesce(NEW.max_extension,
        @extschema@.supervision_setting(NEW.tenant_id, 'extension_' || NEW.kind::text));
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.approval_item_fill() IS
    'Trigger: an approval item is an approval power; its unit is the power''s, its limits default to its kind''s (supervision_policy)';
CREATE TRIGGER approval_item_fill BEFORE INSERT OR UPDATE ON @extschema@.approval_item
    FOR EACH ROW EXECUTE FUNCTION @extschema@.approval_item_fill();

CREATE FUNCTION @extschema@.approval_fee_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT (SELECT i.charges_fee FROM @extschema@.approval_item i
             WHERE i.tenant_id = NEW.tenant_id AND i.item_id = NEW.item_id) THEN
        RAISE EXCEPTION 'approval item % charges no fee', NEW.item_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Set approval_item.charges_fee when the law allows the item a fee.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.approval_fee_check() IS
    'Trigger: only an item that charges fees has a fee schedule (22023)';
CREATE TRIGGER approval_fee_check BEFORE INSERT OR UPDATE ON @extschema@.approval_fee
    FOR EACH ROW EXECUTE FUNCTION @extschema@.approval_fee_check();

CREATE FUNCTION @extschema@.application_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    it record;
    c record;
    bad text;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.outcome IS NOT NULL
       AND (NEW.outcome, NEW.decided_at, NEW.outcome_reason, NEW.decided_by)
           IS DISTINCT FROM (OLD.outcome, OLD.decided_at, OLD.outcome_reason, OLD.decided_by) THEN
        RAISE EXCEPTION 'application % already has its outcome: % at %', OLD.ref, OLD.outcome, OLD.decided_at
            USING ERRCODE = 'unique_violation',
                  HINT = 'An outcome is recorded once; a decision that is revoked is a new application or a review.';
    END IF;
    -- The unit, calendar and its time zone are the item's, always.
    SELECT i.unit_id, i.calendar, k.time_zone INTO it
      FROM @extschema@.approval_item i JOIN @extschema@.calendar k ON k.code = i.calendar
     WHERE i.tenant_id = NEW.tenant_id AND i.item_id = NEW.item_id;
    NEW.unit_id := coalesce(it.unit_id, NEW.unit_id);
    NEW.calendar := coalesce(it.calendar, NEW.calendar, 'cn');
    NEW.time_zone := coalesce(it.time_zone, (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = NEW.calendar));
    bad := CASE WHEN NEW.accepted_at < NEW.received_at THEN 'accepted_at'
                WHEN NEW.materials_notified_at < NEW.received_at THEN 'materials_notified_at'
                WHEN NEW.decided_at < NEW.received_at THEN 'decided_at'
                WHEN NEW.decided_at < NEW.accepted_at THEN 'decided_at' END;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'application %: % lies before the application was received or accepted', NEW.ref, bad
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = format('received %s, accepted %s, decided %s', NEW.received_at, NEW.accepted_at, NEW.decided_at);
    END IF;
    -- What happened is recorded when it has happened (a restore loads it as it was).
    IF greatest(NEW.received_at, NEW.accepted_at, NEW.materials_notified_at, NEW.decided_at) > now()
       AND NOT @extschema@.case_restoring()
       AND (TG_OP = 'INSERT' OR (NEW.received_at, NEW.accepted_at, NEW.materials_notified_at, NEW.decided_at)
                                 IS DISTINCT FROM (OLD.received_at, OLD.accepted_at, OLD.materials_notified_at, OLD.decided_at)) THEN
        RAISE EXCEPTION 'application %: a moment in the future (received %, accepted %, notified %, decided %)',
            NEW.ref, NEW.received_at, NEW.accepted_at, NEW.materials_notified_at, NEW.decided_at
            USING ERRCODE = 'datetime_field_overflow',
                  HINT = 'Record a fact when it has happened, with the moment it happened.';
    END IF;
    -- Acceptance moved: the steps and pauses recorded must still follow it.
    IF TG_OP = 'UPDATE' AND NEW.accepted_at IS DISTINCT FROM OLD.accepted_at THEN
        IF EXISTS (SELECT FROM @extschema@.application_step s
                     JOIN @extschema@.process_step ps ON ps.tenant_id = s.tenant_id AND ps.step_id = s.step_id
                    WHERE s.tenant_id = NEW.tenant_id AND s.application_id = NEW.application_id AND ps.role <> 'acceptance'
                      AND NOT coalesce(s.started_at >= NEW.accepted_at, false)) THEN
            RAISE EXCEPTION 'application %: a recorded step starts before the acceptance at %', NEW.ref, NEW.accepted_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        IF EXISTS (SELECT FROM @extschema@.application_pause p
                    WHERE p.tenant_id = NEW.tenant_id AND p.application_id = NEW.application_id
                      AND lower(p.during) < coalesce(NEW.accepted_at, NEW.received_at)) THEN
            RAISE EXCEPTION 'application %: a pause starts before the acceptance at %', NEW.ref, NEW.accepted_at
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    -- A decision recorded or moved: no fact may lie after it.
    IF NEW.decided_at IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.decided_at IS DISTINCT FROM OLD.decided_at) THEN
        IF EXISTS (SELECT FROM @extschema@.application_step s
                    WHERE s.tenant_id = NEW.tenant_id AND s.application_id = NEW.application_id
                      AND (s.started_at > NEW.decided_at OR s.done_at > NEW.decided_at)) THEN
            RAISE EXCEPTION 'application %: a recorded step lies after the decision at %', NEW.ref, NEW.decided_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        IF EXISTS (SELECT FROM @extschema@.application_extension e
                    WHERE e.tenant_id = NEW.tenant_id AND e.application_id = NEW.application_id
                      AND e.approved_at > NEW.decided_at) THEN
            RAISE EXCEPTION 'application %: its extension was approved after the decision at %', NEW.ref, NEW.decided_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        IF EXISTS (SELECT FROM @extschema@.application_pause p
                    WHERE p.tenant_id = NEW.tenant_id AND p.application_id = NEW.application_id
                      AND (NOT (p.during <@ tstzrange(NEW.received_at, NEW.decided_at, '[]')))) THEN
            RAISE EXCEPTION 'application %: a pause lies outside the application''s life (received % – decided %)',
                NEW.ref, NEW.received_at, NEW.decided_at
                USING ERRCODE = 'check_violation',
                      HINT = 'End the running pause (application_pause.during) before recording the outcome.';
        END IF;
    END IF;
    SELECT * INTO c FROM @extschema@.application_clock(NEW, 'infinity');
    NEW.clock_start := c.clock_start;
    NEW.clock_limit := c.clock_limit;
    NEW.paused_since := c.paused_since;
    NEW.due_on := c.due_on;
    NEW.remind_on := c.remind_on;
    NEW.act_by := c.act_by;
    NEW.step_no := c.step_no;
    NEW.step_due_on := c.step_due_on;
    NEW.clock_as_of := c.clock_as_of;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.application_check() IS
    'Trigger: an outcome is recorded once (23505); acceptance, notice and decision come after receipt, steps and pauses before the decision (22008, 23514); keeps the clock columns (application_clock())';
CREATE TRIGGER application_check BEFORE INSERT OR UPDATE ON @extschema@.application
    FOR EACH ROW EXECUTE FUNCTION @extschema@.application_check();

-- The facts of an application: checked before they are written, and the
-- application's clock recomputed after (by touching its row).
CREATE FUNCTION @extschema@.application_fact_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    a record;
    ps record;
    ext integer;
    arow @extschema@.application;
    due date;
    latest timestamptz;
BEGIN
    SELECT x.ref, x.item_id, x.received_at, x.accepted_at, x.decided_at, x.calendar INTO a
      FROM @extschema@.application x
     WHERE x.tenant_id = NEW.tenant_id AND x.application_id = NEW.application_id;
    IF NOT FOUND THEN
        RETURN NEW;   -- the foreign key reports it
    END IF;
    -- What happened is recorded when it has happened; only a pause's end may
    -- be planned ahead.  A restore loads the rows as they were.
    IF TG_TABLE_NAME = 'application_step' THEN
        latest := greatest(NEW.started_at, NEW.done_at);
    ELSIF TG_TABLE_NAME = 'application_pause' THEN
        -- A pause that runs has no end: '[x,infinity)' is written as '[x,)'.
        IF upper(NEW.during) = 'infinity' THEN
            NEW.during := tstzrange(lower(NEW.during), NULL, CASE WHEN lower_inc(NEW.during) THEN '[)' ELSE '()' END);
        END IF;
        latest := lower(NEW.during);
    ELSIF TG_TABLE_NAME = 'application_extension' THEN
        latest := NEW.approved_at;
    ELSE
        latest := NEW.charged_at;
    END IF;
    IF latest > now() AND NOT @extschema@.case_restoring() THEN
        RAISE EXCEPTION '% of application % at %, a moment in the future', replace(TG_TABLE_NAME, 'application_', ''), a.ref, latest
            USING ERRCODE = 'datetime_field_overflow',
                  HINT = 'Record a fact when it has happened, with the moment it happened.';
    END IF;
    IF TG_TABLE_NAME = 'application_step' THEN
        SELECT s.role, s.process_id, i.process_id AS item_process INTO ps
          FROM @extschema@.process_step s, @extschema@.approval_item i
         WHERE s.tenant_id = NEW.tenant_id AND s.step_id = NEW.step_id
           AND i.tenant_id = NEW.tenant_id AND i.item_id = a.item_id;
        IF FOUND AND ps.item_process IS DISTINCT FROM ps.process_id THEN
            RAISE EXCEPTION 'step % is not a step of the process of application %''s item', NEW.step_id, a.ref
                USING ERRCODE = 'foreign_key_violation',
                      DETAIL = format('The step belongs to process %s; the item is handled by process %s.', ps.process_id, ps.item_process);
        END IF;
        IF NEW.started_at < a.received_at
           OR (ps.role IS DISTINCT FROM 'acceptance' AND (a.accepted_at IS NULL OR NEW.started_at < a.accepted_at)) THEN
            RAISE EXCEPTION 'step % of application % starts at %, before the application was %',
                NEW.step_no, a.ref, NEW.started_at, CASE WHEN NEW.started_at < a.received_at THEN 'received' ELSE 'accepted' END
                USING ERRCODE = 'datetime_field_overflow',
                      DETAIL = format('received %s, accepted %s', a.received_at, coalesce(a.accepted_at::text, 'not yet')),
                      HINT = 'Record the acceptance (application.accepted_at) first; only the acceptance step may precede it.';
        END IF;
        IF NEW.started_at > a.decided_at OR NEW.done_at > a.decided_at THEN
            RAISE EXCEPTION 'step % of application % lies after its decision at %', NEW.step_no, a.ref, a.decided_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
    ELSIF TG_TABLE_NAME = 'application_pause' THEN
        IF lower(NEW.during) < coalesce(a.accepted_at, a.received_at)
           OR NOT (NEW.during <@ tstzrange(a.received_at, a.decided_at, '[]')) THEN
            RAISE EXCEPTION 'pause % of application % lies outside the application''s life', NEW.during, a.ref
                USING ERRCODE = 'check_violation',
                      DETAIL = format('received %s, accepted %s, decided %s', a.received_at, a.accepted_at, a.decided_at),
                      HINT = 'A pause stops the clock of an accepted application that is not yet decided.';
        END IF;
    ELSIF TG_TABLE_NAME = 'application_extension' THEN
        -- Its approval is judged against the clock without it, which only
        -- an insert has: a changed moment or length is recorded anew.
        IF TG_OP = 'UPDATE' AND (NEW.approved_at, NEW.days) IS DISTINCT FROM (OLD.approved_at, OLD.days)
           AND NOT @extschema@.case_restoring() THEN
            RAISE EXCEPTION 'the extension of application % is not changed in place', a.ref
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Delete it and record it again with its moment and days: it is then checked against the deadline it extends.';
        END IF;
        SELECT i.max_extension INTO ext FROM @extschema@.approval_item i
         WHERE i.tenant_id = NEW.tenant_id AND i.item_id = a.item_id;
        IF NEW.days > ext THEN
            RAISE EXCEPTION 'an extension of % working days exceeds the statutory % of application %''s item', NEW.days, ext, a.ref
                USING ERRCODE = 'numeric_value_out_of_range',
                      HINT = 'The law allows 10 more working days for a licensing decision, 15 for joint handling, none for a certificate.';
        END IF;
        IF NEW.approved_at < a.received_at OR NEW.approved_at > a.decided_at THEN
            RAISE EXCEPTION 'the extension of application % was approved at %, outside the application''s life', a.ref, NEW.approved_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        -- An extension is approved within the limit it extends (行政许可法 art. 42).
        IF TG_OP = 'INSERT' AND NOT @extschema@.case_restoring() THEN
            SELECT x.* INTO arow FROM @extschema@.application x
             WHERE x.tenant_id = NEW.tenant_id AND x.application_id = NEW.application_id;
            SELECT c.due_on INTO due FROM @extschema@.application_clock(arow, NEW.approved_at) c;
            IF (NEW.approved_at AT TIME ZONE (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = a.calendar))::date > due THEN
                RAISE EXCEPTION 'the extension of application % was approved at %, after its deadline %', a.ref, NEW.approved_at, due
                    USING ERRCODE = 'datetime_field_overflow',
                          HINT = 'An extension is decided before the limit runs out; an application already overdue is on a yellow or red card.';
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME = 'application_fee' THEN
        IF NOT (SELECT i.charges_fee FROM @extschema@.approval_item i
                 WHERE i.tenant_id = NEW.tenant_id AND i.item_id = a.item_id) THEN
            RAISE EXCEPTION 'a fee on application %, whose item charges none', a.ref
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'An item that charges fees says so (approval_item.charges_fee) and lists them (approval_fee).';
        END IF;
        IF NEW.charged_at < a.received_at THEN
            RAISE EXCEPTION 'a fee on application % charged at %, before it was received at %', a.ref, NEW.charged_at, a.received_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.application_fact_check() IS
    'Trigger: a step of the item''s process (23503) after acceptance and before the decision (22008); a pause within the application''s life (23514); an extension within the statutory one (22003); a fee only on an item that charges fees (22023)';

CREATE FUNCTION @extschema@.application_touch() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
         WHERE a.tenant_id = OLD.tenant_id AND a.application_id = OLD.application_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
         WHERE a.tenant_id = NEW.tenant_id AND a.application_id = NEW.application_id;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.application_touch() IS
    'Trigger: a step, pause or extension changed, so its application''s clock is recomputed';

DO $triggers$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['application_step', 'application_pause', 'application_extension', 'application_fee'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_check BEFORE INSERT OR UPDATE ON @extschema@.%1$I
                        FOR EACH ROW EXECUTE FUNCTION @extschema@.application_fact_check()', t);
        IF t <> 'application_fee' THEN
            EXECUTE format('CREATE TRIGGER %1$s_touch AFTER INSERT OR UPDATE OR DELETE ON @extschema@.%1$I
                            FOR EACH ROW EXECUTE FUNCTION @extschema@.application_touch()', t);
        END IF;
    END LOOP;
END
$triggers$;

-- The clocks depend on the item (its limits, unit and calendar), the steps'
-- limits, three settings of the policy and the calendar: a change to one of
-- them recomputes the clocks it concerns, and only those.
CREATE FUNCTION @extschema@.application_clocks_refresh() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenants integer[];
BEGIN
    IF TG_TABLE_NAME = 'approval_item' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM new_rows n WHERE a.tenant_id = n.tenant_id AND a.item_id = n.item_id;
    ELSIF TG_TABLE_NAME = 'process_step' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM (SELECT DISTINCT s.tenant_id, s.application_id
                  FROM @extschema@.application_step s JOIN new_rows n ON n.tenant_id = s.tenant_id AND n.step_id = s.step_id
                  JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.step_id = n.step_id
                 WHERE n.time_limit IS DISTINCT FROM o.time_limit) x
         WHERE a.tenant_id = x.tenant_id AND a.application_id = x.application_id;
    ELSE
        -- supervision_policy: the settings the clock reads, of the tenants
        -- whose rows changed (a default: every tenant the role sees).
        SELECT array_agg(DISTINCT coalesce(r.tenant_id, -1)) INTO tenants
          FROM (SELECT tenant_id, code FROM changed_rows) r
         WHERE r.code IN ('reminder_days', 'act_days', 'materials_notice_days');
        IF tenants IS NOT NULL THEN
            UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
             WHERE a.tenant_id = ANY (tenants) OR -1 = ANY (tenants);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.application_clocks_refresh() IS
    'Statement trigger: a change of an item, a step''s time limit or the settings of the supervision policy the clock reads recomputes the clocks of the applications concerned';
CREATE TRIGGER application_clocks_refresh AFTER UPDATE ON @extschema@.approval_item
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh AFTER UPDATE ON @extschema@.process_step
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh_insert AFTER INSERT ON @extschema@.supervision_policy
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh_update AFTER UPDATE ON @extschema@.supervision_policy
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh_delete AFTER DELETE ON @extschema@.supervision_policy
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();

-- A calendar is shared by every tenant: a change of its days recomputes, as
-- the extension's owner and across tenants, the clocks counted in it that
-- can reach the days changed (received up to 200 days before the first);
-- a change of the calendar itself (rest days, time zone), all of its clocks.
CREATE FUNCTION @extschema@.application_clocks_calendar() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_NAME = 'calendar' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM (SELECT code FROM changed_rows) c WHERE a.calendar = c.code;
    ELSE
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM (SELECT d.calendar, min(d.day) AS first_day, max(d.day) AS last_day
                  FROM changed_rows d GROUP BY d.calendar) c
         WHERE a.calendar = c.calendar
           AND a.received_at >= (c.first_day - 200)::timestamp AT TIME ZONE 'UTC'
           AND a.received_at < (c.last_day + 2)::timestamp AT TIME ZONE 'UTC';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.application_clocks_calendar() IS
    'Statement trigger on the calendars: the working days changed, so the clocks that can reach the days changed are recomputed (as the extension''s owner, across tenants)';
CREATE TRIGGER refresh_application_clocks_insert AFTER INSERT ON @extschema@.calendar_day
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks_update_new AFTER UPDATE ON @extschema@.calendar_day
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks_update_old AFTER UPDATE ON @extschema@.calendar_day
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks_delete AFTER DELETE ON @extschema@.calendar_day
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks AFTER UPDATE ON @extschema@.calendar
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();

-- Recording an outcome.
CREATE FUNCTION @extschema@.decide_application(application_id bigint, outcome @extschema@.application_outcome,
    decided_by bigint, reason text DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now()) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF application_id IS NULL OR outcome IS NULL OR decided_by IS NULL OR at IS NULL THEN
        RAISE EXCEPTION 'decide_application() needs the application, the outcome, who decided and when'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    UPDATE @extschema@.application a
       SET outcome = decide_application.outcome, outcome_reason = decide_application.reason,
           decided_by = decide_application.decided_by, decided_at = decide_application.at
     WHERE a.tenant_id = @extschema@.current_tenant() AND a.application_id = decide_application.application_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % does not exist', application_id USING ERRCODE = 'no_data_found';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.decide_application(bigint, @extschema@.application_outcome, bigint, text, timestamptz) IS
    'Records the outcome of an application (granted, refused with its reasons, withdrawn), who decided and when; once only (23505)';

-- ---------------------------------------------------------------------
-- Reading: the status of every open application as of a moment.

-- A unit and its sub-units, or every unit when unit_id is NULL.
CREATE FUNCTION @extschema@.unit_and_subunits(unit_id bigint) RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH RECURSIVE tree AS (
        SELECT u.tenant_id, u.unit_id FROM @extschema@.unit u
         WHERE u.tenant_id = @extschema@.current_tenant() AND (u.unit_id = unit_and_subunits.unit_id OR unit_and_subunits.unit_id IS NULL)
        UNION
        SELECT u.tenant_id, u.unit_id FROM @extschema@.unit u JOIN tree t ON u.tenant_id = t.tenant_id AND u.parent_id = t.unit_id)
    SELECT t.unit_id FROM tree t
$$;
COMMENT ON FUNCTION @extschema@.unit_and_subunits(bigint) IS
    'The unit and all its sub-units in the current tenant (every unit of the tenant when NULL)';

CREATE FUNCTION @extschema@.application_status(at timestamptz DEFAULT pg_catalog.now(), of_unit bigint DEFAULT NULL)
    RETURNS TABLE (application_id bigint, ref text, unit_id bigint, item_id bigint,
                   status @extschema@.supervision_status, due_on date, remind_on date, act_by date,
                   workdays_over integer, paused_since date, step_no integer, step_due_on date, step_overrun boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
    -- Parsed once, at CREATE EXTENSION, and inlined into the caller's
    -- query: no function boundary between the scan and its consumer.
    BEGIN ATOMIC
    -- No CTE and no join: the scan, and the sums over it, may run in
    -- parallel workers; each row knows its calendar's time zone.
    SELECT k.application_id, k.ref, k.unit_id, k.item_id,
           CASE WHEN k.clock_start IS NULL THEN 'awaiting'::@extschema@.supervision_status
                WHEN k.due_on IS NULL THEN 'paused'::@extschema@.supervision_status
                WHEN k.d < k.remind_on THEN 'green'::@extschema@.supervision_status
                WHEN k.d <= k.due_on THEN 'reminder'::@extschema@.supervision_status
                WHEN k.d <= k.act_by THEN 'yellow'::@extschema@.supervision_status
                ELSE 'red'::@extschema@.supervision_status END,
           k.due_on, k.remind_on, k.act_by,
           CASE WHEN k.d > k.due_on THEN @extschema@.workdays_between(k.due_on, k.d, k.calendar) END,
           k.paused_since, k.step_no, k.step_due_on, k.d > k.step_due_on
      FROM (
        -- The kept clock holds from clock_as_of on ...
        SELECT a.application_id, a.ref, a.unit_id, a.item_id, a.calendar, a.clock_start, a.paused_since,
               a.due_on, a.remind_on, a.act_by, a.step_no, a.step_due_on,
               (application_status.at AT TIME ZONE a.time_zone)::date AS d
          FROM @extschema@.application a
         WHERE a.tenant_id = @extschema@.current_tenant()
           AND a.received_at <= application_status.at
           AND (a.decided_at IS NULL OR a.decided_at > application_status.at)
           AND a.clock_as_of <= application_status.at
           AND (application_status.of_unit IS NULL
                OR a.unit_id IN (SELECT @extschema@.unit_and_subunits(application_status.of_unit)))
        UNION ALL
        -- ... before it, the facts (application_clock_idx finds those).
        SELECT a.application_id, a.ref, a.unit_id, a.item_id, a.calendar, c.clock_start, c.paused_since,
               c.due_on, c.remind_on, c.act_by, c.step_no, c.step_due_on,
               (application_status.at AT TIME ZONE a.time_zone)::date
          FROM @extschema@.application a
               CROSS JOIN LATERAL @extschema@.application_clock(a, application_status.at) c
         WHERE a.tenant_id = @extschema@.current_tenant()
           AND a.received_at <= application_status.at
           AND (a.decided_at IS NULL OR a.decided_at > application_status.at)
           AND a.clock_as_of > application_status.at
           AND (application_status.of_unit IS NULL
                OR a.unit_id IN (SELECT @extschema@.unit_and_subunits(application_status.of_unit)))) k;
    END;
COMMENT ON FUNCTION @extschema@.application_status(timestamptz, bigint) IS
    'Status of every application open at the moment (of a unit and its sub-units, or all): green, reminder, yellow card, red card, paused or awaiting materials, with the deadline, the reminder day, the deadline to act, the working days over, and the step in progress with its own deadline and whether it overran it';

-- ---------------------------------------------------------------------
-- Signals: every signal raised over a span of days, from the kept clocks.

CREATE FUNCTION @extschema@.supervision_signals(during daterange, of_unit bigint DEFAULT NULL)
    RETURNS TABLE (tenant_id integer, application_id bigint, ref text, unit_id bigint,
                   kind @extschema@.supervision_signal, step_no integer, raised_on date, act_by date,
                   detail text, detail_zh text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off   -- compiling this plan costs more than running it
    AS $$
    WITH units AS (
        SELECT u FROM @extschema@.unit_and_subunits(supervision_signals.of_unit) u),
    notice AS MATERIALIZED (   -- once, not per row
        SELECT @extschema@.supervision_setting(@extschema@.current_tenant(), 'materials_notice_days') AS days),
    -- The applications that can raise a signal in the span: received before
    -- its end, not decided before its start (every signal comes on or
    -- before the decision).
    apps AS (
        SELECT a.*, (a.decided_at AT TIME ZONE a.time_zone)::date AS decided_on,
               (a.received_at AT TIME ZONE a.time_zone)::date AS received_on
          FROM @extschema@.application a
         WHERE a.tenant_id = @extschema@.current_tenant()
           -- (a day's margin either side for the time zones, in bounds an index can use)
           AND (upper(supervision_signals.during) IS NULL
                OR a.received_at < (upper(supervision_signals.during) + 1)::timestamp AT TIME ZONE 'UTC')
           AND (a.decided_at IS NULL OR lower(supervision_signals.during) IS NULL
                OR a.decided_at >= (lower(supervision_signals.during) - 2)::timestamp AT TIME ZONE 'UTC')
           AND a.unit_id IN (SELECT u FROM units)),
    -- Their closed pauses, once each, for the steps' own deadlines, and
    -- the first day of a pause still running.
    paused AS (
        SELECT p.application_id,
               coalesce(range_agg(@extschema@.pause_days(p.during, a.time_zone)) FILTER (WHERE NOT upper_inf(p.during)), '{}') AS days,
               min((lower(p.during) AT TIME ZONE a.time_zone)::date) FILTER (WHERE upper_inf(p.during)) AS open_from
          FROM apps a JOIN @extschema@.application_pause p ON p.tenant_id = a.tenant_id AND p.application_id = a.application_id
         GROUP BY p.application_id),
    signal AS (
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'reminder'::@extschema@.supervision_signal AS kind, 0 AS step_no,
               a.remind_on AS raised_on, NULL::date AS act_by,
               format('deadline %s', a.due_on) AS detail, format('办理时限 %s', a.due_on) AS detail_zh
          FROM apps a WHERE NOT coalesce(a.decided_on < a.remind_on, false)
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'yellow', 0, a.due_on + 1, a.act_by,
               format('overdue since %s; act by %s', a.due_on + 1, a.act_by),
               format('%s 起超时，须于 %s 前办结', a.due_on + 1, a.act_by)
          FROM apps a WHERE NOT coalesce(a.decided_on <= a.due_on, false)
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'red', 0, a.act_by + 1, a.act_by,
               format('still undone after %s', a.act_by), format('黄牌期限 %s 后仍未办结', a.act_by)
          FROM apps a WHERE NOT coalesce(a.decided_on <= a.act_by, false)
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'refusal_without_reasons', 0, a.decided_on, NULL,
               'refused without reasons', '不予许可未说明理由'
          FROM apps a WHERE a.outcome = 'refused' AND coalesce(btrim(a.outcome_reason), '') = ''
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'materials_late', 0, n.notice_due + 1, NULL,
               format('neither accepted nor missing materials notified by %s', n.notice_due),
               format('%s 前未受理也未一次告知补正材料', n.notice_due)
          FROM apps a CROSS JOIN notice,
               LATERAL (SELECT @extschema@.add_workdays(a.received_on, notice.days, a.calendar) AS notice_due) n
         WHERE NOT coalesce((least(a.accepted_at, a.materials_notified_at) AT TIME ZONE a.time_zone)::date <= n.notice_due, false)
           AND NOT coalesce(a.decided_on <= n.notice_due, false)
        UNION ALL
        -- Each fee its own signal, numbered by its order on the application.
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'illegal_fee', f.no::integer,
               (f.charged_at AT TIME ZONE a.time_zone)::date, NULL,
               format('fee %s of %s not in the schedule%s', f.code, f.amount,
                      CASE WHEN s.amount IS NOT NULL THEN format(' (at most %s)', s.amount) ELSE '' END),
               format('收费项目 %s 金额 %s 不符合收费标准', f.code, f.amount)
          FROM apps a
          CROSS JOIN LATERAL (SELECT x.*, row_number() OVER (ORDER BY x.fee_id) AS no
                                FROM @extschema@.application_fee x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id) f
          LEFT JOIN @extschema@.approval_fee s ON s.tenant_id = a.tenant_id AND s.item_id = a.item_id AND s.code = f.code
         WHERE s.amount IS NULL OR f.amount > s.amount
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'step_overrun', s.step_no, d.due + 1, NULL,
               format('step %s (%s) due %s, %s', s.step_no, ps.name, d.due,
                      CASE WHEN s.done_at IS NULL THEN 'not done' ELSE format('done %s', (s.done_at AT TIME ZONE a.time_zone)::date) END),
               format('环节 %s（%s）时限 %s，%s', s.step_no, ps.name, d.due,
                      CASE WHEN s.done_at IS NULL THEN '尚未完成' ELSE format('%s 完成', (s.done_at AT TIME ZONE a.time_zone)::date) END)
          FROM apps a
          LEFT JOIN paused pz ON pz.application_id = a.application_id
          -- Each application's own steps by its key (OFFSET 0: not a join over all steps).
          CROSS JOIN LATERAL (SELECT x.* FROM @extschema@.application_step x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id OFFSET 0) s
          JOIN @extschema@.process_step ps ON ps.tenant_id = s.tenant_id AND ps.step_id = s.step_id AND ps.time_limit IS NOT NULL,
               LATERAL (SELECT @extschema@.deadline((s.started_at AT TIME ZONE a.time_zone)::date, ps.time_limit,
                                                    coalesce(pz.days, '{}'), a.calendar) AS due) d
         -- A step done before the span began raised nothing in it.
         WHERE (s.done_at IS NULL OR lower(supervision_signals.during) IS NULL
                OR s.done_at >= (lower(supervision_signals.during)::timestamp AT TIME ZONE a.time_zone))
           AND NOT coalesce((s.done_at AT TIME ZONE a.time_zone)::date <= d.due, false)
           AND NOT coalesce(a.decided_on <= d.due, false)
           AND NOT coalesce(pz.open_from <= d.due, false)),   -- a running pause stopped its clock
    -- The cards issued: the record of what was signalled, kept even when a
    -- fact recorded later would now place the signal elsewhere or nowhere.
    issued AS (
        SELECT c.tenant_id, c.application_id, a.ref, a.unit_id, c.kind, c.step_no, c.raised_on, c.act_by
          FROM apps a JOIN @extschema@.supervision_card c ON c.tenant_id = a.tenant_id AND c.application_id = a.application_id)
    SELECT s.* FROM signal s
     WHERE s.raised_on IS NOT NULL AND s.raised_on <@ supervision_signals.during
       AND NOT EXISTS (SELECT FROM issued i WHERE i.application_id = s.application_id AND i.kind = s.kind AND i.step_no = s.step_no)
    UNION ALL
    SELECT i.tenant_id, i.application_id, i.ref, i.unit_id, i.kind, i.step_no, i.raised_on, i.act_by,
           coalesce(s.detail, format('card issued on %s', i.raised_on)), coalesce(s.detail_zh, format('%s 已发出', i.raised_on))
      FROM issued i
      LEFT JOIN signal s ON s.application_id = i.application_id AND s.kind = i.kind AND s.step_no = i.step_no
                        AND s.raised_on = i.raised_on
     WHERE i.raised_on <@ supervision_signals.during
$$;
COMMENT ON FUNCTION @extschema@.supervision_signals(daterange, bigint) IS
    'Every signal raised on a day of the span (of a unit and its sub-units, or all): the cards supervise() issued, as issued, and the signals the kept clocks raise that no card records yet: reminders, yellow and red cards (with the deadline to act), steps over their own limit (not while a pause runs), refusals without reasons, fees not in the schedule, missing materials not notified in time; each with its detail in English and Chinese';

-- ---------------------------------------------------------------------
-- Supervising: record the signals raised up to a moment, once each, and
-- open an incident for each new red card, with the application as the
-- failed piece of work and the person of the step it stalled in as actor.

CREATE FUNCTION @extschema@.supervise(of_unit bigint DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now(),
                                      since date DEFAULT NULL)
    RETURNS TABLE (application_id bigint, ref text, kind @extschema@.supervision_signal, step_no integer,
                   raised_on date, act_by date, incident_id bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    sig record;
    inc bigint;
    failed record;
BEGIN
    IF at IS NULL OR at > now() THEN
        RAISE EXCEPTION 'supervise() looks at a moment that has come: % is in the future', at
            USING ERRCODE = 'datetime_field_overflow';
    END IF;
    IF since > (at AT TIME ZONE 'UTC')::date + 1 THEN
        RAISE EXCEPTION 'supervise() since % is after the moment %', since, at
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR sig IN
        SELECT s.* FROM @extschema@.supervision_signals(daterange(since, (at AT TIME ZONE 'UTC')::date + 2), supervise.of_unit) s
          JOIN @extschema@.application a ON a.tenant_id = s.tenant_id AND a.application_id = s.application_id
          JOIN @extschema@.calendar k ON k.code = a.calendar
         WHERE s.raised_on <= (at AT TIME ZONE k.time_zone)::date
           AND NOT EXISTS (SELECT FROM @extschema@.supervision_card c
                            WHERE c.tenant_id = s.tenant_id AND c.application_id = s.application_id
                              AND c.kind = s.kind AND c.step_no = s.step_no)
         ORDER BY s.raised_on, s.application_id, s.kind, s.step_no
    LOOP
        inc := NULL;
        IF sig.kind <> 'red' THEN
            INSERT INTO @extschema@.supervision_card (tenant_id, application_id, kind, step_no, raised_on, act_by)
            VALUES (sig.tenant_id, sig.application_id, sig.kind, sig.step_no, sig.raised_on, sig.act_by)
            ON CONFLICT DO NOTHING;
            CONTINUE WHEN NOT FOUND;
        ELSE
            -- One red card and one incident, whoever else supervises: the
            -- second waits here for the first, then finds its card.
            PERFORM pg_advisory_xact_lock(2125079717, hashtext(sig.tenant_id || ':' || sig.application_id));
            CONTINUE WHEN EXISTS (SELECT FROM @extschema@.supervision_card c
                                   WHERE c.tenant_id = sig.tenant_id AND c.application_id = sig.application_id
                                     AND c.kind = 'red');
            -- The failed step: the one in progress when the card was raised,
            -- else the last recorded, else the first of the item's process.
            SELECT a.ref, a.unit_id, i.title, k.time_zone,
                   ((sig.raised_on::timestamp) AT TIME ZONE k.time_zone) AS at, st.step_no,
                   coalesce(st.step_id,
                            (SELECT ps.step_id FROM @extschema@.process_step ps
                              WHERE ps.tenant_id = a.tenant_id AND ps.process_id = i.process_id
                              ORDER BY ps.seq LIMIT 1)) AS step_id,
                   (SELECT pd.duty_id FROM @extschema@.power_duty pd
                     WHERE pd.tenant_id = a.tenant_id AND pd.power_id = i.power_id ORDER BY pd.duty_id LIMIT 1) AS duty_id
              INTO failed
              FROM @extschema@.application a
              JOIN @extschema@.approval_item i ON i.tenant_id = a.tenant_id AND i.item_id = a.item_id
              JOIN @extschema@.calendar k ON k.code = a.calendar
              LEFT JOIN LATERAL (
                    SELECT s.step_no, s.step_id FROM @extschema@.application_step s
                     WHERE s.tenant_id = a.tenant_id AND s.application_id = a.application_id
                     ORDER BY (s.started_at < (sig.raised_on::timestamp AT TIME ZONE k.time_zone)) DESC,
                              s.started_at DESC, s.step_no DESC LIMIT 1) st ON true
             WHERE a.tenant_id = sig.tenant_id AND a.application_id = sig.application_id;
            IF failed.step_id IS NOT NULL OR failed.duty_id IS NOT NULL THEN
                INSERT INTO @extschema@.incident (tenant_id, occurred_at, unit_id, title, category, severity,
                                                  duty_id, step_id, work_ref, source)
                VALUES (sig.tenant_id, least(failed.at, now()), failed.unit_id,
                        format('red card: application %s (%s) still undone after %s', failed.ref, failed.title, sig.act_by),
                        'other', 'general', failed.duty_id, failed.step_id, failed.ref, 'supervision')
                RETURNING incident.incident_id INTO inc;
                -- Who sat on it: the person of the failed step, as its handler.
                INSERT INTO @extschema@.incident_actor (tenant_id, incident_id, role, person_id, position_id)
                SELECT sig.tenant_id, inc, 'handler', s.person_id, s.position_id
                  FROM @extschema@.application_step s
                 WHERE s.tenant_id = sig.tenant_id AND s.application_id = sig.application_id
                   AND s.step_no = failed.step_no;
            END IF;
            INSERT INTO @extschema@.supervision_card (tenant_id, application_id, kind, step_no, raised_on, act_by, incident_id)
            VALUES (sig.tenant_id, sig.application_id, sig.kind, sig.step_no, sig.raised_on, sig.act_by, inc);
        END IF;
        application_id := sig.application_id;
        ref := sig.ref;
        kind := sig.kind;
        step_no := sig.step_no;
        raised_on := sig.raised_on;
        act_by := sig.act_by;
        incident_id := inc;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.supervise(bigint, timestamptz, date) IS
    'Records every signal raised up to the moment (since a day, or ever: a monitor passes the last day it ran) for a unit and its sub-units (or all) in supervision_card, once each, and opens an incident (source supervision, the application as work_ref, the step it stalled in, whose person is its handler) for each new red card; returns the new cards. Concurrent runs record each card, and open each incident, once';

-- A red card comes with the incident it opened (when its item gives one a
-- failed step or duty), that incident being the supervision's of that
-- application: a card alone cannot stand in for the incident.
CREATE FUNCTION @extschema@.supervision_card_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ok boolean;
BEGIN
    IF NEW.kind <> 'red' OR @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    IF NEW.incident_id IS NULL THEN
        ok := NOT EXISTS (SELECT FROM @extschema@.application a
                            JOIN @extschema@.approval_item i ON i.tenant_id = a.tenant_id AND i.item_id = a.item_id
                           WHERE a.tenant_id = NEW.tenant_id AND a.application_id = NEW.application_id
                             AND (EXISTS (SELECT FROM @extschema@.process_step ps
                                           WHERE ps.tenant_id = i.tenant_id AND ps.process_id = i.process_id)
                                  OR EXISTS (SELECT FROM @extschema@.power_duty pd
                                              WHERE pd.tenant_id = i.tenant_id AND pd.power_id = i.power_id)));
    ELSE
        ok := EXISTS (SELECT FROM @extschema@.incident x JOIN @extschema@.application a
                                   ON a.tenant_id = x.tenant_id AND a.ref = x.work_ref
                       WHERE x.tenant_id = NEW.tenant_id AND x.incident_id = NEW.incident_id
                         AND a.application_id = NEW.application_id AND x.source = 'supervision');
    END IF;
    IF NOT ok THEN
        RAISE EXCEPTION 'a red card of application % needs the incident supervise() opens for it', NEW.application_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Let supervise() issue red cards: it opens the incident and records the card together.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supervision_card_check() IS
    'Trigger: a red card names the incident of the supervision of its application (23514)';
CREATE TRIGGER supervision_card_check BEFORE INSERT ON @extschema@.supervision_card
    FOR EACH ROW EXECUTE FUNCTION @extschema@.supervision_card_check();

-- A tenant's rule overrides the default of its code, of the same kind.
CREATE FUNCTION @extschema@.score_rule_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    k text;
BEGIN
    SELECT d.kind INTO k FROM @extschema@.supervision_score_rule d WHERE d.tenant_id IS NULL AND d.code = NEW.code;
    IF NEW.tenant_id IS NOT NULL AND k IS DISTINCT FROM NEW.kind AND k IS NOT NULL THEN
        RAISE EXCEPTION 'score rule % is a %, not a %', NEW.code, k, NEW.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A tenant''s row changes the points of a rule of the same code and kind.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.score_rule_check() IS
    'Trigger: a tenant''s score rule keeps the kind of the default it overrides (22023)';
CREATE TRIGGER score_rule_check BEFORE INSERT OR UPDATE ON @extschema@.supervision_score_rule
    FOR EACH ROW EXECUTE FUNCTION @extschema@.score_rule_check();

-- ---------------------------------------------------------------------
-- The monitor.

CREATE FUNCTION @extschema@.supervision_monitor(of_unit bigint DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (status @extschema@.supervision_status, label_en text, label_zh text, applications bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.status, l.label_en, l.label_zh, count(x.application_id)
      FROM unnest(enum_range(NULL::@extschema@.supervision_status)) s(status)
      JOIN @extschema@.label l ON l.domain = 'supervision_status' AND l.code = s.status::text
      LEFT JOIN @extschema@.application_status(supervision_monitor.at, supervision_monitor.of_unit) x ON x.status = s.status
     GROUP BY s.status, l.label_en, l.label_zh
     ORDER BY s.status
$$;
COMMENT ON FUNCTION @extschema@.supervision_monitor(bigint, timestamptz) IS
    'The monitor of a unit and its sub-units (or all) at a moment: how many open applications are green, in reminder, on a yellow card, on a red card, paused or awaiting materials';

CREATE FUNCTION @extschema@.overdue_applications(of_unit bigint DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (application_id bigint, ref text, unit_id bigint, unit_name text, item text,
                   status @extschema@.supervision_status, due_on date, act_by date, workdays_over integer,
                   step_no integer, step_name text, person_id bigint, person_name text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.application_id, s.ref, s.unit_id, u.name, i.title, s.status, s.due_on, s.act_by, s.workdays_over,
           s.step_no, ps.name, st.person_id, p.name
      FROM @extschema@.application_status(overdue_applications.at, overdue_applications.of_unit) s
      JOIN @extschema@.unit u ON u.tenant_id = @extschema@.current_tenant() AND u.unit_id = s.unit_id
      JOIN @extschema@.approval_item i ON i.tenant_id = u.tenant_id AND i.item_id = s.item_id
      LEFT JOIN @extschema@.application_step st ON st.tenant_id = u.tenant_id AND st.application_id = s.application_id
                                              AND st.step_no = s.step_no
      LEFT JOIN @extschema@.process_step ps ON ps.tenant_id = st.tenant_id AND ps.step_id = st.step_id
      LEFT JOIN @extschema@.person p ON p.tenant_id = st.tenant_id AND p.person_id = st.person_id
     WHERE s.status IN ('yellow', 'red')
     ORDER BY s.workdays_over DESC, s.ref
$$;
COMMENT ON FUNCTION @extschema@.overdue_applications(bigint, timestamptz) IS
    'The overdue list of a unit and its sub-units (or all) at a moment: each application on a yellow or red card, its working days over, and the step in progress with who holds it';

CREATE FUNCTION @extschema@.delay_hotspots(of_unit bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (person_id bigint, person_name text, step_id bigint, step_name text,
                   steps bigint, late_steps bigint, workdays_over bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH steps AS (
        SELECT s.person_id, s.step_id, ps.name, a.calendar,
               (coalesce(least(s.done_at, delay_hotspots.to_at), delay_hotspots.to_at) AT TIME ZONE k.time_zone)::date AS end_on,
               @extschema@.deadline((s.started_at AT TIME ZONE k.time_zone)::date, ps.time_limit,
                   coalesce((SELECT range_agg(@extschema@.pause_days(p.during, k.time_zone))
                               FROM @extschema@.application_pause p
                              WHERE p.tenant_id = a.tenant_id AND p.application_id = a.application_id
                                AND NOT upper_inf(p.during)), '{}'), a.calendar) AS due,
               (SELECT min((lower(p.during) AT TIME ZONE k.time_zone)::date) FROM @extschema@.application_pause p
                 WHERE p.tenant_id = a.tenant_id AND p.application_id = a.application_id AND upper_inf(p.during)) AS open_from
          FROM @extschema@.application a
          JOIN @extschema@.calendar k ON k.code = a.calendar
          JOIN @extschema@.application_step s ON s.tenant_id = a.tenant_id AND s.application_id = a.application_id
          JOIN @extschema@.process_step ps ON ps.tenant_id = s.tenant_id AND ps.step_id = s.step_id AND ps.time_limit IS NOT NULL
         WHERE a.tenant_id = @extschema@.current_tenant()
           AND a.unit_id IN (SELECT @extschema@.unit_and_subunits(delay_hotspots.of_unit))
           AND s.started_at >= delay_hotspots.from_at AND s.started_at < delay_hotspots.to_at)
    SELECT s.person_id, p.name, s.step_id, s.name, count(*), count(*) FILTER (WHERE s.late),
           coalesce(sum(@extschema@.workdays_between(s.due, s.end_on, s.calendar)) FILTER (WHERE s.late), 0)
      FROM (SELECT x.*, x.end_on > x.due AND NOT coalesce(x.open_from <= x.due, false) AS late FROM steps x) s JOIN @extschema@.person p ON p.tenant_id = @extschema@.current_tenant() AND p.person_id = s.person_id
     GROUP BY s.person_id, p.name, s.step_id, s.name
     ORDER BY 7 DESC, 6 DESC, 1, 3
$$;
COMMENT ON FUNCTION @extschema@.delay_hotspots(bigint, timestamptz, timestamptz) IS
    'Where delay accumulates in a unit and its sub-units: for each person and process step, the steps started in [from_at, to_at), how many overran the step''s own limit and by how many working days in all (steps still running counted up to to_at; not while a pause runs)';

-- ---------------------------------------------------------------------
-- Unit scores on the 100-point scheme of supervision_score_rule.

CREATE FUNCTION @extschema@.supervision_scores(during daterange, of_unit bigint DEFAULT NULL)
    RETURNS TABLE (unit_id bigint, unit_name text, score numeric, grade text, grade_zh text,
                   decisions bigint, early bigint, bonus numeric, deductions jsonb)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off   -- compiling this plan costs more than running it
    AS $$
    WITH tenant AS (SELECT @extschema@.current_tenant() AS tenant_id),
    rule AS (
        SELECT DISTINCT ON (r.code) r.* FROM @extschema@.supervision_score_rule r, tenant t
         WHERE r.tenant_id = t.tenant_id OR r.tenant_id IS NULL
         ORDER BY r.code, r.tenant_id NULLS LAST),
    units AS (
        SELECT DISTINCT a.unit_id FROM @extschema@.approval_item a, tenant t
         WHERE a.tenant_id = t.tenant_id AND a.unit_id IN (SELECT @extschema@.unit_and_subunits(supervision_scores.of_unit))),
    signal AS (
        SELECT s.unit_id, s.kind::text AS code, count(*) AS n
          FROM @extschema@.supervision_signals(supervision_scores.during, supervision_scores.of_unit) s
         GROUP BY 1, 2),
    loss AS (
        -- Signals: reminders per three, every other signal each.
        SELECT s.unit_id, r.item, r.code, r.label_en, r.label_zh,
               CASE WHEN r.code = 'reminder_run' THEN s.n / 3 ELSE s.n END AS times, r.points
          FROM signal s JOIN rule r ON r.code = CASE s.code WHEN 'reminder' THEN 'reminder_run' ELSE s.code END
                                   AND r.kind = 'deduction'
        UNION ALL
        -- Sanctions decided in the span on the staff of the unit's incidents.
        SELECT i.unit_id, r.item, r.code, r.label_en, r.label_zh, count(*), r.points
          FROM @extschema@.sanction x, tenant t
          JOIN @extschema@.accountability_case c ON c.tenant_id = t.tenant_id
          JOIN @extschema@.incident i ON i.tenant_id = c.tenant_id AND i.incident_id = c.incident_id
          JOIN rule r ON r.kind = 'deduction'
         WHERE x.tenant_id = t.tenant_id AND c.case_id = x.case_id AND r.code = 'sanction:' || x.kind
           AND x.superseded_at IS NULL
           AND (x.decided_at AT TIME ZONE (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = 'cn'))::date <@ supervision_scores.during
           AND i.unit_id IN (SELECT u.unit_id FROM units u)
         GROUP BY i.unit_id, r.item, r.code, r.label_en, r.label_zh, r.points
        UNION ALL
        -- Deductions entered by hand.
        SELECT e.unit_id, e.item, 'entry', e.note, e.note, 1, e.points
          FROM @extschema@.supervision_score_entry e, tenant t
         WHERE e.tenant_id = t.tenant_id AND e.month <@ supervision_scores.during
           AND e.unit_id IN (SELECT u.unit_id FROM units u)),
    decided AS (
        SELECT a.unit_id, count(*) AS decisions,
               count(*) FILTER (WHERE (a.decided_at AT TIME ZONE k.time_zone)::date < a.due_on) AS early
          FROM @extschema@.application a JOIN @extschema@.calendar k ON k.code = a.calendar, tenant t
         WHERE a.tenant_id = t.tenant_id AND a.outcome IN ('granted', 'refused')
           AND (lower(supervision_scores.during) IS NULL
                OR a.decided_at >= (lower(supervision_scores.during) - 1)::timestamp AT TIME ZONE 'UTC')
           AND (upper(supervision_scores.during) IS NULL
                OR a.decided_at < (upper(supervision_scores.during) + 1)::timestamp AT TIME ZONE 'UTC')
           AND (a.decided_at AT TIME ZONE k.time_zone)::date <@ supervision_scores.during
           AND a.unit_id IN (SELECT u.unit_id FROM units u)
         GROUP BY a.unit_id),
    scored AS (
        SELECT u.unit_id,
               coalesce((SELECT sum(l.times * l.points) FROM loss l WHERE l.unit_id = u.unit_id), 0) AS lost,
               coalesce(d.decisions, 0) AS decisions, coalesce(d.early, 0) AS early,
               coalesce(floor(10 * d.early / nullif(d.decisions, 0)::numeric)
                        * (SELECT r.points FROM rule r WHERE r.kind = 'bonus' AND r.code = 'early_finish'), 0) AS bonus,
               coalesce((SELECT jsonb_agg(jsonb_build_object('item', l.item, 'code', l.code, 'label_en', l.label_en,
                                                             'label_zh', l.label_zh, 'times', l.times,
                                                             'points', l.times * l.points) ORDER BY l.item, l.code)
                           FROM loss l WHERE l.unit_id = u.unit_id AND l.times > 0), '[]') AS deductions
          FROM units u LEFT JOIN decided d ON d.unit_id = u.unit_id),
    total AS (
        SELECT s.*, greatest(0, (SELECT sum(r.points) FROM rule r WHERE r.kind = 'item') + s.lost + s.bonus) AS score
          FROM scored s)
    SELECT x.unit_id, un.name, x.score, g.code, g.label_zh, x.decisions, x.early, x.bonus, x.deductions
      FROM total x, tenant t
      JOIN @extschema@.unit un ON un.tenant_id = t.tenant_id,
           LATERAL (SELECT v.code, v.label_zh FROM (VALUES
                (1, 'excellent', '优秀', @extschema@.supervision_setting(t.tenant_id, 'grade_excellent')),
                (2, 'good', '良好', @extschema@.supervision_setting(t.tenant_id, 'grade_good')),
                (3, 'pass', '合格', @extschema@.supervision_setting(t.tenant_id, 'grade_pass')),
                (4, 'fail', '不合格', NULL)) v(ord, code, label_zh, cut)
                     WHERE x.score >= coalesce(v.cut, 0) ORDER BY v.ord LIMIT 1) g
     WHERE un.unit_id = x.unit_id
     ORDER BY x.score DESC, x.unit_id
$$;
COMMENT ON FUNCTION @extschema@.supervision_scores(daterange, bigint) IS
    'Unit scores of the supervision over a span of days (a month, a quarter) for the units with approval items (of a unit and its sub-units, or all): 100 points less the deductions of the span''s signals (three reminders, each yellow and red card, step overrun, refusal without reasons, illegal fee, late notice), of the sanctions decided on the staff of the unit''s incidents and of the supervisors'' entries, plus 1 per 10% of decisions made before their deadline; with the grade 优秀/良好/合格/不合格 and each deduction in English and Chinese';

-- ---------------------------------------------------------------------
-- Audits, findings and circulated criticism (S3).

CREATE FUNCTION @extschema@.finding_incident(finding_id bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    f record;
    inc bigint;
BEGIN
    SELECT x.*, a.unit_id, a.kind AS audit_kind, a.title AS audit_title INTO f
      FROM @extschema@.audit_finding x
      JOIN @extschema@.audit a ON a.tenant_id = x.tenant_id AND a.audit_id = x.audit_id
     WHERE x.tenant_id = @extschema@.current_tenant() AND x.finding_id = finding_incident.finding_id
       FOR UPDATE OF x;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'finding % does not exist', finding_id USING ERRCODE = 'no_data_found';
    END IF;
    IF f.incident_id IS NOT NULL THEN
        RETURN f.incident_id;
    END IF;
    IF f.duty_id IS NULL THEN
        RAISE EXCEPTION 'finding % names no duty: an incident needs the duty that failed', finding_id
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Set audit_finding.duty_id to the duty concerned.';
    END IF;
    INSERT INTO @extschema@.incident (tenant_id, occurred_at, unit_id, title, category,
                                      severity, duty_id, source)
    VALUES (f.tenant_id, least(f.found_on::timestamp AT TIME ZONE (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = 'cn'), now()), f.unit_id,
            format('%s finding: %s (%s)', f.audit_kind, f.description, f.audit_title), 'other',
            CASE f.severity WHEN 'severe' THEN 'serious' ELSE 'general' END::@extschema@.severity_tier,
            f.duty_id, f.audit_kind)
    RETURNING incident.incident_id INTO inc;
    UPDATE @extschema@.audit_finding x SET incident_id = inc
     WHERE x.tenant_id = f.tenant_id AND x.finding_id = f.finding_id;
    RETURN inc;
END
$$;
COMMENT ON FUNCTION @extschema@.finding_incident(bigint) IS
    'Opens an incident for back-trace from an audit or inspection finding (A5), once: its duty, its unit, source audit or inspection, serious when the finding is severe; returns it';

CREATE FUNCTION @extschema@.audit_findings(of_unit bigint DEFAULT NULL, on_day date DEFAULT CURRENT_DATE)
    RETURNS TABLE (finding_id bigint, audit_id bigint, unit_id bigint, kind text, severity @extschema@.finding_severity,
                   duty_id bigint, description text, rectify_by date, rectified_on date, status text, status_zh text,
                   days_overdue integer, incident_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT f.finding_id, f.audit_id, a.unit_id, f.kind, f.severity, f.duty_id, f.description, f.rectify_by,
           CASE WHEN f.rectified_on <= audit_findings.on_day THEN f.rectified_on END,
           s.status, s.status_zh,
           CASE WHEN s.status = 'overdue' THEN audit_findings.on_day - f.rectify_by END,
           f.incident_id
      FROM @extschema@.audit_finding f
      JOIN @extschema@.audit a ON a.tenant_id = f.tenant_id AND a.audit_id = f.audit_id,
           LATERAL (SELECT CASE WHEN f.rectified_on <= audit_findings.on_day AND f.rectified_on <= f.rectify_by THEN 'rectified'
                                WHEN f.rectified_on <= audit_findings.on_day THEN 'rectified_late'
                                WHEN audit_findings.on_day > f.rectify_by THEN 'overdue'
                                ELSE 'rectifying' END AS status) s0,
           LATERAL (SELECT s0.status, CASE s0.status WHEN 'rectified' THEN '已整改' WHEN 'rectified_late' THEN '逾期整改'
                                                     WHEN 'overdue' THEN '逾期未整改' ELSE '整改中' END AS status_zh) s
     WHERE f.tenant_id = @extschema@.current_tenant() AND f.found_on <= audit_findings.on_day
       AND a.unit_id IN (SELECT @extschema@.unit_and_subunits(audit_findings.of_unit))
     ORDER BY f.rectify_by, f.finding_id
$$;
COMMENT ON FUNCTION @extschema@.audit_findings(bigint, date) IS
    'Findings of the audits and inspections of a unit and its sub-units (or all) as of a day, each with its rectification status: rectifying 整改中, rectified 已整改, rectified late 逾期整改, overdue 逾期未整改 (with days overdue)';

CREATE FUNCTION @extschema@.circulate_criticism(during daterange, issued_on date DEFAULT CURRENT_DATE)
    RETURNS SETOF @extschema@.circulated_criticism
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.circulated_criticism (unit_id, period, basis, finding_id, reason_en, reason_zh, issued_on)
    SELECT s.unit_id, circulate_criticism.during, 'supervision_grade', NULL,
           format('failed the supervision of approvals of %s to %s with %s points', lower(circulate_criticism.during),
                  upper(circulate_criticism.during) - 1, s.score),
           format('%s至%s行政审批电子监察考核得分 %s，评定为不合格', lower(circulate_criticism.during),
                  upper(circulate_criticism.during) - 1, s.score),
           circulate_criticism.issued_on
      FROM @extschema@.supervision_scores(circulate_criticism.during) s
     WHERE s.grade = 'fail'
    UNION ALL
    SELECT f.unit_id, circulate_criticism.during, 'overdue_finding', f.finding_id,
           format('did not rectify by %s: %s', f.rectify_by, f.description),
           format('未在 %s 前完成整改：%s', f.rectify_by, f.description),
           circulate_criticism.issued_on
      FROM @extschema@.audit_findings(NULL, upper(circulate_criticism.during) - 1) f
      JOIN @extschema@.unit u ON u.tenant_id = @extschema@.current_tenant() AND u.unit_id = f.unit_id
     WHERE f.severity >= 'major' AND f.rectify_by <@ circulate_criticism.during
       AND f.status IN ('overdue', 'rectified_late')
    ON CONFLICT DO NOTHING
    RETURNING *
$$;
COMMENT ON FUNCTION @extschema@.circulate_criticism(daterange, date) IS
    'Issues the circulated criticisms (通报批评) of a period, once each: every unit graded 不合格 by the supervision of approvals, and every unit with a major or severe finding due in the period and not rectified on time; returns those it issued';

CREATE FUNCTION @extschema@.announcements(during daterange)
    RETURNS TABLE (issued_on date, unit_id bigint, unit_name text, kind text, kind_zh text, text_en text, text_zh text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT c.issued_on, c.unit_id, u.name, 'circulated criticism', '通报批评',
           format('Circulated criticism of %s, which %s.', u.name, c.reason_en),
           format('对%s予以通报批评：%s。', u.name, c.reason_zh)
      FROM @extschema@.circulated_criticism c
      JOIN @extschema@.unit u ON u.tenant_id = c.tenant_id AND u.unit_id = c.unit_id
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.issued_on <@ announcements.during
     ORDER BY c.issued_on, u.name, c.criticism_id
$$;
COMMENT ON FUNCTION @extschema@.announcements(daterange) IS
    'The announcements of a period: each circulated criticism (通报批评) issued in it, in English and Chinese';
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
-- The back-trace (A1, A2, A3): who answers for an incident, in what
-- capacity and why, as of the moment it happened (src/backtrace.c; the
-- rules are the policy data of 66_incident.sql).

CREATE FUNCTION @extschema@.backtrace(incident_ids bigint[])
    RETURNS TABLE (incident_id bigint, level integer, person_id bigint, position_id bigint,
                   kind @extschema@.responsibility_kind, kind_zh text, rule text, reason text, reason_zh text,
                   chain @extschema@.rchain, tenure text)
    AS 'MODULE_PATHNAME', 'backtrace_incidents'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.backtrace(bigint[]) IS
    'Back-trace (责任倒查) of many incidents in one call, in the order given: for each, one row per person who answers for it, as of its moment: the people of the failed work (or the owners of the failed step or duty then), supervisors, then the leaders up the chain of command as far as severity and category reach; rule names the rule of trace_rule that put them there and reason, reason_zh say it in words; kind is NULL for a person the rules clear and for a post nobody answered for (person_id NULL, rule vacant or no_owner), which passes the responsibility up; tenure says how the person held the post (holder, acting, concurrent) or why nobody did (vacant, absent); level is the depth in chain, the chain of command from the post the failure started from';

CREATE FUNCTION @extschema@.backtrace(incident_id bigint)
    RETURNS TABLE (incident_id bigint, level integer, person_id bigint, position_id bigint,
                   kind @extschema@.responsibility_kind, kind_zh text, rule text, reason text, reason_zh text,
                   chain @extschema@.rchain, tenure text)
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT * FROM @extschema@.backtrace(ARRAY[incident_id]) $$;
COMMENT ON FUNCTION @extschema@.backtrace(bigint) IS
    'Back-trace (责任倒查) of one incident: one row per person who answers for it, as of its moment, with the kind of responsibility, the rule that put them there and its reason in English and Chinese, their level in the chain of command and the chain; see backtrace(bigint[])';
-- The writers of cases and sanctions (A4; see 78_case_api.sql for the rest
-- of the API).  They run as the extension's owner: writers hold no right
-- to update a case, its trace or a sanction, so that no trigger of theirs
-- can forge one; the triggers work in the tenant of the row, which
-- row-level security made the writer's own, and raise the flag that the
-- guards (here and of the assessment) let through.

-- Inside an engine trigger: the tenant of the row for current_tenant(),
-- and the flag engine_writing() reads, for the rest of the transaction
-- (both local to it; the flag only counts for the extension's owner).
CREATE OR REPLACE FUNCTION @extschema@.engine_begin(tenant_id integer) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM set_config('responsibility.tenant',
                       (SELECT t.code FROM @extschema@.tenant t WHERE t.tenant_id = engine_begin.tenant_id), true);
    PERFORM set_config('responsibility.engine', 'on', true);
END
$$;
COMMENT ON FUNCTION @extschema@.engine_begin(integer) IS
    'In an engine trigger running as the extension''s owner: works in the row''s tenant and lets the guards pass its writes';
REVOKE ALL ON FUNCTION @extschema@.engine_begin(integer) FROM PUBLIC;

-- Is an engine trigger writing?  The flag counts only for the extension's
-- owner, whom only the engine triggers run as, and only below a trigger: a
-- writer who sets it gains nothing, a writer's own trigger never passes a
-- guard, and the owner's own later statements do not either.
CREATE OR REPLACE FUNCTION @extschema@.engine_writing() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(current_setting('responsibility.engine', true), '') = 'on'
       AND pg_catalog.pg_trigger_depth() > 1   -- a guard called from within an engine trigger
       AND CURRENT_USER = (SELECT r.rolname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_roles r ON r.oid = e.extowner
                            WHERE e.extname = 'responsibility')
$$;
COMMENT ON FUNCTION @extschema@.engine_writing() IS
    'True while an engine trigger (case, sanction, finalisation) writes as the extension''s owner; the guards let nothing else write cases, sanctions, results or a period''s state';

CREATE OR REPLACE FUNCTION @extschema@.case_opened() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NULL;
    END IF;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);
    INSERT INTO @extschema@.case_trace (tenant_id, case_id, ord, level, person_id, position_id, kind, rule,
                                        reason, reason_zh, chain, tenure)
    SELECT NEW.tenant_id, NEW.case_id, b.ord, b.level, b.person_id, b.position_id, b.kind, b.rule,
           b.reason, b.reason_zh, b.chain, b.tenure
      FROM @extschema@.backtrace(NEW.incident_id) WITH ORDINALITY
           AS b(incident_id, level, person_id, position_id, kind, kind_zh, rule, reason, reason_zh, chain, tenure, ord);
    INSERT INTO @extschema@.case_event (tenant_id, case_id, seq, from_state, to_state, at, actor_person_id, reason)
    VALUES (NEW.tenant_id, NEW.case_id, 1, NULL, 'opened', NEW.opened_at, NEW.opened_by, 'case opened');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.case_opened() IS
    'Trigger: freezes the back-trace of a new case and records its opening';

-- A transition: checked against due process, then applied to the case.
CREATE OR REPLACE FUNCTION @extschema@.case_event_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    served_at timestamptz;
    reexamined_at timestamptz;
    due timestamptz;
    window_name text;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    -- The opening, as case_opened() records it: the first event of a case,
    -- at its opening, by who opened it.  Any other "opened" is a transition,
    -- and none leads there.
    IF NEW.to_state = 'opened' AND NEW.seq = 1
       AND EXISTS (SELECT FROM @extschema@.accountability_case a
                    WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id
                      AND a.opened_at = NEW.at AND a.opened_by = NEW.actor_person_id)
       AND NOT EXISTS (SELECT FROM @extschema@.case_event e
                        WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id) THEN
        RETURN NEW;
    END IF;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);

    SELECT * INTO c FROM @extschema@.accountability_case a
     WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', NEW.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    NEW.from_state := c.state;
    NEW.seq := (SELECT pg_catalog.max(e.seq) OPERATOR(pg_catalog.+) 1 FROM @extschema@.case_event e
                 WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id);
    IF pg_catalog.btrim(NEW.reason) = '' THEN
        RAISE EXCEPTION 'a transition of case % needs a reason', NEW.case_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.at > pg_catalog.now() THEN
        RAISE EXCEPTION 'transition of case % in the future', NEW.case_id
            USING ERRCODE = 'datetime_field_overflow', DETAIL = format('at is %s; it is now %s.', NEW.at, pg_catalog.now());
    END IF;
    IF NEW.at < c.state_since THEN
        RAISE EXCEPTION 'transition of case % before its last one', NEW.case_id
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The case is %s since %s; the transition is dated %s.', c.state, c.state_since, NEW.at);
    END IF;

    IF NEW.is_extension THEN
        -- the extension of the decision limit, before the decision
        NEW.to_state := c.state;
        IF c.state NOT IN ('opened', 'notified', 'statement', 'hearing_requested', 'heard') OR c.decision_extended THEN
            RAISE EXCEPTION 'case % cannot extend its decision limit now', NEW.case_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The case is %s%s; the limit is extended once, before the decision.',
                                      c.state, CASE WHEN c.decision_extended THEN ' and already extended' ELSE '' END);
        END IF;
    ELSIF NOT EXISTS (SELECT FROM @extschema@.case_transition_rule r WHERE r.from_state = c.state AND r.to_state = NEW.to_state) THEN
        RAISE EXCEPTION 'case % cannot go from % to %', NEW.case_id, c.state, NEW.to_state
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('From %s the case may go to: %s.', c.state,
                                  (SELECT pg_catalog.string_agg(r.to_state::text, ', ' ORDER BY r.to_state)
                                     FROM @extschema@.case_transition_rule r WHERE r.from_state = c.state));
    END IF;

    -- who: the subject makes their own statement and requests; nobody who
    -- must recuse themselves does anything else
    IF NEW.to_state IN ('statement', 'hearing_requested', 'reexamination_requested', 'appealed', 'review_requested')
       AND NOT NEW.is_extension THEN
        IF NEW.actor_person_id <> c.subject_person_id THEN
            RAISE EXCEPTION 'only the subject of case % may make this transition (%)', NEW.case_id, NEW.to_state
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = format('The subject is person %s; person %s tried.', c.subject_person_id, NEW.actor_person_id);
        END IF;
    ELSIF NEW.actor_person_id = ANY (@extschema@.case_recused(NEW.tenant_id, NEW.case_id)) THEN
        RAISE EXCEPTION 'person % must recuse themselves from case %', NEW.actor_person_id, NEW.case_id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'They are in the frozen back-trace of the case or on the subject''s chain of command at the incident''s moment.';
    END IF;

    -- when: the decision limit and the subject's windows
    SELECT pg_catalog.max(e.at) FILTER (WHERE e.to_state = 'served'),
           pg_catalog.max(e.at) FILTER (WHERE e.to_state = 'reexamined')
      INTO served_at, reexamined_at
      FROM @extschema@.case_event e WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id;
    CASE
    WHEN NEW.to_state = 'decided' THEN
        window_name := CASE WHEN c.decision_extended THEN 'decision_max' ELSE 'decision' END;
        due := @extschema@.case_limit_end(window_name, c.opened_at);
    WHEN NEW.to_state = 'reexamination_requested' THEN
        window_name := 'reexamination_request';
        due := @extschema@.case_limit_end(window_name, served_at);
    WHEN NEW.to_state = 'appealed' AND c.state = 'reexamined' THEN
        window_name := 'appeal_request_after_reexamination';
        due := @extschema@.case_limit_end(window_name, reexamined_at);
    WHEN NEW.to_state = 'appealed' THEN
        window_name := 'appeal_request';
        due := @extschema@.case_limit_end(window_name, served_at);
    WHEN NEW.to_state = 'review_requested' THEN
        window_name := 'review_request';
        due := @extschema@.case_limit_end(window_name, served_at);
    ELSE
        due := NULL;
    END CASE;
    IF due IS NOT NULL AND NEW.at > due THEN
        RAISE EXCEPTION 'case %: the time limit for % passed at %', NEW.case_id, NEW.to_state, due
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('Limit %s of case_limit; the transition is dated %s.', window_name, NEW.at),
                  HINT = CASE WHEN NEW.to_state = 'decided' AND NOT c.decision_extended
                              THEN 'Extend the decision limit first (case_extend), within 12 months of opening.'
                              ELSE 'case_deadlines() shows the limits running for a case.' END;
    END IF;

    UPDATE @extschema@.accountability_case a
       SET state = NEW.to_state, state_since = NEW.at,
           decision_extended = a.decision_extended OR NEW.is_extension
     WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.case_event_apply() IS
    'Trigger: a transition of a case, refused unless due process allows it (case_transition_rule), in time (case_limit), in order, by the subject for their own statement and requests and by someone who need not recuse themselves for the rest; then applied to the case';

-- The guards: cases, traces, events and sanctions change only through the
-- triggers above, which write as the extension's owner (engine_writing()).
CREATE OR REPLACE FUNCTION @extschema@.case_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT @extschema@.engine_writing() AND NOT (TG_OP = 'INSERT' AND @extschema@.case_restoring()) THEN
        RAISE EXCEPTION '% of % refused: cases change only through their transitions', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Use open_case(), case_advance(), case_extend() and decide_sanction(); a case''s record is kept as it was made (a superuser may remove test data with session_replication_role = replica, which turns triggers off).';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION @extschema@.case_guard() IS
    'Trigger: refuses any write to a case, its trace, its events or its sanctions that is not made by the case''s own triggers';

-- A sanction: in the band, for the period the law allows, combined with
-- what is in force, never heavier on appeal.
CREATE OR REPLACE FUNCTION @extschema@.sanction_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    k @extschema@.sanction_kind;
    band record;
    inc_severity @extschema@.severity_tier;
    old_s record;
    old_k @extschema@.sanction_kind;
    prior record;
    total interval;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);
    SELECT * INTO c FROM @extschema@.accountability_case a
     WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', NEW.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    IF c.state NOT IN ('decided', 'reexamined', 'appeal_decided', 'reviewed') THEN
        RAISE EXCEPTION 'case % is %: no sanction can be decided now', NEW.case_id, c.state
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'A sanction is decided with the collective decision (decided), or replaced by the decision on a re-examination, appeal or review.';
    END IF;
    IF NEW.person_id IS DISTINCT FROM c.subject_person_id THEN
        RAISE EXCEPTION 'case % is against person %, not %', NEW.case_id, c.subject_person_id, NEW.person_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO k FROM @extschema@.sanction_kind s WHERE s.code = NEW.kind;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown sanction "%"', NEW.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'Known: ' || pg_catalog.string_agg(s.code, ', ' ORDER BY s.family, s.rank) FROM @extschema@.sanction_kind s);
    END IF;
    NEW.decided_at := c.state_since;
    IF NEW.starts_at IS NULL THEN
        NEW.starts_at := c.state_since;
    END IF;
    NEW.superseded_at := NULL;
    NEW.carried_from := NULL;
    NEW.replaces := NULL;

    -- the band of the tier and the kind of responsibility
    IF k.family = 'administrative' THEN
        SELECT i.severity INTO inc_severity FROM @extschema@.incident i
         WHERE i.tenant_id = c.tenant_id AND i.incident_id = c.incident_id;
        SELECT b.min_rank, b.max_rank INTO band FROM @extschema@.sanction_band b
         WHERE (b.tenant_id IS NULL OR b.tenant_id = NEW.tenant_id) AND b.severity = inc_severity AND b.kind = c.subject_kind
         ORDER BY b.tenant_id NULLS LAST LIMIT 1;
        IF FOUND AND (k.rank > band.max_rank OR k.rank < band.min_rank - CASE WHEN NEW.reduced THEN 1 ELSE 0 END) THEN
            RAISE EXCEPTION 'the band does not allow % (%) for % responsibility in a % incident', k.label_en, k.label_zh,
                            c.subject_kind, inc_severity
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Allowed: %s%s.',
                                      (SELECT pg_catalog.string_agg(s.label_en || ' ' || s.label_zh, ', ' ORDER BY s.rank)
                                         FROM @extschema@.sanction_kind s
                                        WHERE s.family = 'administrative' AND s.rank BETWEEN band.min_rank AND band.max_rank),
                                      CASE WHEN NEW.reduced THEN ', or one rank below (减轻)' ELSE '' END),
                      HINT = 'Aggravating and mitigating circumstances move within the band; reduced (减轻) allows one rank below it.';
        END IF;
    END IF;

    -- the period
    IF k.months IS NULL THEN
        IF NEW.months IS NOT NULL THEN
            RAISE EXCEPTION '% (%) has no period', k.label_en, k.label_zh USING ERRCODE = 'invalid_parameter_value';
        END IF;
    ELSE
        NEW.months := coalesce(NEW.months, k.months);
        IF NEW.months < k.months OR NEW.months > k.months * NEW.offences THEN
            RAISE EXCEPTION 'a period of % months is not allowed for % (%) for % offence(s)', NEW.months, k.label_en, k.label_zh, NEW.offences
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Between one period and their sum: %s to %s months.', k.months, k.months * NEW.offences);
        END IF;
    END IF;

    -- on appeal: replaces the case's sanction, and is never heavier
    IF c.state <> 'decided' THEN
        SELECT s.* INTO old_s FROM @extschema@.sanction s
         WHERE s.tenant_id = NEW.tenant_id AND s.case_id = NEW.case_id AND s.superseded_at IS NULL
         ORDER BY s.sanction_id DESC LIMIT 1;
        SELECT * INTO old_k FROM @extschema@.sanction_kind s WHERE s.code = old_s.kind;
        IF old_s.sanction_id IS NULL OR k.family <> old_k.family OR k.rank > old_k.rank
           OR coalesce(NEW.months, 0) > coalesce(old_s.months, 0) THEN
            RAISE EXCEPTION 'an appeal never brings a heavier sanction'
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Case %s stands at %s; %s is not lighter or equal.', NEW.case_id,
                                      coalesce(old_k.label_en || ' ' || old_k.label_zh || coalesce(', ' || old_s.months || ' months', ''), 'no sanction'),
                                      k.label_en || ' ' || k.label_zh || coalesce(', ' || NEW.months || ' months', ''));
        END IF;
        NEW.replaces := old_s.sanction_id;
        NEW.starts_at := old_s.starts_at;		-- the decision on appeal does not restart the period
    ELSIF EXISTS (SELECT FROM @extschema@.sanction s WHERE s.tenant_id = NEW.tenant_id AND s.case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'case % has its sanction already', NEW.case_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Several offences of one case are one sanction: the heaviest kind, or one kind with offences > 1.';
    END IF;

    -- the period's end: with the remainder of a sanction in force, never
    -- over 48 months
    IF k.ends_employment THEN
        NEW.ends_at := NULL;
    ELSIF k.months IS NULL THEN
        NEW.ends_at := NEW.starts_at + k.no_equivalent_post_months * interval '1 month';
    ELSE
        SELECT s.* INTO prior FROM @extschema@.sanction s JOIN @extschema@.sanction_kind sk ON sk.code = s.kind
         WHERE s.tenant_id = NEW.tenant_id AND s.person_id = NEW.person_id AND sk.months IS NOT NULL
           AND s.sanction_id IS DISTINCT FROM NEW.replaces
           AND s.starts_at <= NEW.starts_at AND s.ends_at > NEW.starts_at
           AND (s.superseded_at IS NULL OR s.superseded_at > NEW.starts_at)
         ORDER BY s.ends_at DESC LIMIT 1;
        total := NEW.months * interval '1 month'
                 + CASE WHEN prior.sanction_id IS NOT NULL THEN prior.ends_at - NEW.starts_at ELSE interval '0' END;
        IF NEW.starts_at + total > NEW.starts_at + interval '48 months' THEN
            RAISE EXCEPTION 'the sanction period would pass 48 months'
                USING ERRCODE = 'numeric_value_out_of_range',
                      DETAIL = format('%s months%s run from %s to %s.', NEW.months,
                                      CASE WHEN prior.sanction_id IS NOT NULL
                                           THEN format(' and the remainder of sanction %s', prior.sanction_id) ELSE '' END,
                                      NEW.starts_at, NEW.starts_at + total),
                      HINT = 'Periods combine to 48 months at most (政务处分法 art. 15).';
        END IF;
        NEW.ends_at := NEW.starts_at + total;
        NEW.carried_from := prior.sanction_id;
    END IF;

    IF NEW.replaces IS NOT NULL THEN
        UPDATE @extschema@.sanction s SET superseded_at = NEW.starts_at
         WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = NEW.replaces;
    END IF;
    IF NEW.carried_from IS NOT NULL THEN
        UPDATE @extschema@.sanction s SET superseded_at = NEW.starts_at
         WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = NEW.carried_from;
    END IF;
    RETURN NEW;
END
$$;
-- Cases and sanctions (A4; rules.md §3-§4): the rules live in triggers on
-- the tables, so that every client obeys them, and the functions are the
-- way in.  A case is opened by inserting it (its trace is frozen then); it
-- moves by inserting a case_event (the transition is checked, the case
-- updated); a sanction is decided by inserting it (band, period, combination
-- checked).  Nothing else may change a case, its trace, its events or its
-- sanctions: the guards refuse any statement that is not one of these.

-- pg_restore (and psql with a plain dump) loads these tables with COPY as
-- a superuser: the rows are the record as it was, and are taken as they
-- come.  Anyone else's COPY goes through the triggers like an INSERT.
CREATE FUNCTION @extschema@.case_restoring() RETURNS boolean
    LANGUAGE sql VOLATILE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER), false)
       AND pg_catalog.current_query() OPERATOR(pg_catalog.~*) '^\s*copy\s'
$$;
COMMENT ON FUNCTION @extschema@.case_restoring() IS
    'Is this a superuser''s COPY into the case tables (a restore)?  Then their triggers take the rows as they come';

-- The end of a time limit of case_limit counted from a moment.
CREATE FUNCTION @extschema@.case_limit_end(code text, from_at timestamptz) RETURNS timestamptz
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN l.working_days THEN @extschema@.deadline_at(from_at, l.days)
                ELSE from_at + l.days * interval '1 day' END
      FROM @extschema@.case_limit l
     WHERE l.code = case_limit_end.code
       AND (l.tenant_id IS NULL OR l.tenant_id = @extschema@.current_tenant())
     ORDER BY l.tenant_id NULLS LAST
     LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.case_limit_end(text, timestamptz) IS
    'When a time limit of case_limit (the tenant''s, else the default) counted from a moment ends: calendar days, or working days of the cn calendar';

-- The people who may not investigate or decide a case: everyone in its
-- frozen trace and everyone on the subject's chain of command then.
CREATE FUNCTION @extschema@.case_recused(tenant_id integer, case_id bigint) RETURNS bigint[]
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT ARRAY(SELECT t.person_id FROM @extschema@.case_trace t
                  WHERE t.tenant_id = case_recused.tenant_id AND t.case_id = case_recused.case_id
                    AND t.person_id IS NOT NULL
                 UNION
                 SELECT p FROM @extschema@.accountability_case c,
                               pg_catalog.unnest(@extschema@.persons(c.subject_chain)) p
                  WHERE c.tenant_id = case_recused.tenant_id AND c.case_id = case_recused.case_id)
$$;
COMMENT ON FUNCTION @extschema@.case_recused(integer, bigint) IS
    'Who must recuse themselves from a case (回避): the persons of its frozen back-trace and of the subject''s chain of command at the incident''s moment';

-- Opening: the subject must answer for the incident; the kind and the chain
-- of the incident's moment are taken then.
CREATE FUNCTION @extschema@.case_open() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    inc record;
    subject record;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    SELECT i.occurred_at, i.unit_id INTO inc FROM @extschema@.incident i
     WHERE i.tenant_id = NEW.tenant_id AND i.incident_id = NEW.incident_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'incident % does not exist', NEW.incident_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No incident has this id in the current tenant.';
    END IF;
    IF NEW.opened_at > pg_catalog.now() THEN
        RAISE EXCEPTION 'case opened in the future'
            USING ERRCODE = 'datetime_field_overflow', DETAIL = format('opened_at is %s; it is now %s.', NEW.opened_at, pg_catalog.now());
    END IF;
    IF NEW.opened_at < inc.occurred_at THEN
        RAISE EXCEPTION 'case opened before its incident'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The incident occurred at %s; the case is opened at %s.', inc.occurred_at, NEW.opened_at);
    END IF;
    -- one trace: the subject's first row with a kind, and everyone in it
    SELECT (pg_catalog.array_agg(b.kind ORDER BY b.ord)
              FILTER (WHERE b.person_id = NEW.subject_person_id AND b.kind IS NOT NULL))[1] AS kind,
           (pg_catalog.array_agg(b.position_id ORDER BY b.ord)
              FILTER (WHERE b.person_id = NEW.subject_person_id AND b.kind IS NOT NULL))[1] AS position_id,
           pg_catalog.array_agg(b.person_id) FILTER (WHERE b.person_id IS NOT NULL) AS persons
      INTO subject
      FROM @extschema@.backtrace(NEW.incident_id) WITH ORDINALITY
           AS b(incident_id, level, person_id, position_id, kind, kind_zh, rule, reason, reason_zh, chain, tenure, ord);
    IF subject.kind IS NULL THEN
        RAISE EXCEPTION 'person % does not answer for incident %', NEW.subject_person_id, NEW.incident_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Open a case against a person the back-trace of the incident holds responsible (backtrace()).';
    END IF;
    NEW.subject_kind := subject.kind;
    NEW.subject_chain := CASE WHEN subject.position_id IS NOT NULL
                              THEN @extschema@.command_chain(subject.position_id, inc.occurred_at) END;
    NEW.state := 'opened';
    NEW.state_since := NEW.opened_at;
    NEW.decision_extended := false;
    IF NEW.opened_by = ANY (subject.persons || @extschema@.persons(NEW.subject_chain)) THEN
        RAISE EXCEPTION 'person % must recuse themselves from a case against person %', NEW.opened_by, NEW.subject_person_id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'They are in the back-trace of the incident or on the subject''s chain of command at its moment.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.case_open() IS
    'Trigger: a new case against a person the incident''s back-trace holds responsible, opened by someone who need not recuse themselves; takes the subject''s kind and chain of command';


CREATE TRIGGER case_open BEFORE INSERT ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_open();
CREATE TRIGGER case_opened AFTER INSERT ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_opened();

CREATE TRIGGER case_event_apply BEFORE INSERT ON @extschema@.case_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_event_apply();

CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.case_trace
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.case_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.sanction
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();

COMMENT ON FUNCTION @extschema@.sanction_apply() IS
    'Trigger: a sanction decided in a case, refused outside the band of the tier and kind of responsibility (sanction_band), outside the lawful period, heavier on appeal, or past 48 months with the remainder of one in force; sets its end';
CREATE TRIGGER sanction_apply BEFORE INSERT ON @extschema@.sanction
    FOR EACH ROW EXECUTE FUNCTION @extschema@.sanction_apply();

-- The way in.
CREATE FUNCTION @extschema@.open_case(incident_id bigint, subject_person_id bigint, opened_by bigint,
                                      at timestamptz DEFAULT pg_catalog.now()) RETURNS bigint
    LANGUAGE sql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.accountability_case (incident_id, subject_person_id, subject_kind, opened_at, opened_by, state_since)
    VALUES (open_case.incident_id, open_case.subject_person_id, 'direct', open_case.at, open_case.opened_by, open_case.at)
    RETURNING case_id
$$;
COMMENT ON FUNCTION @extschema@.open_case(bigint, bigint, bigint, timestamptz) IS
    'Opens an accountability case (立案) against a person the incident''s back-trace holds responsible, freezing the trace; opened_by must not be in it nor on the subject''s chain (回避); returns the case id';

CREATE FUNCTION @extschema@.case_advance(case_id bigint, to_state @extschema@.case_state, actor_person_id bigint,
                                         reason text, at timestamptz DEFAULT pg_catalog.now())
    RETURNS @extschema@.case_state
    LANGUAGE sql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.case_event (case_id, seq, to_state, at, actor_person_id, reason)
    VALUES (case_advance.case_id, 0, case_advance.to_state, case_advance.at, case_advance.actor_person_id, case_advance.reason)
    RETURNING to_state
$$;
COMMENT ON FUNCTION @extschema@.case_advance(bigint, @extschema@.case_state, bigint, text, timestamptz) IS
    'Moves a case to its next state, recorded with who, when and why; refused (55000) out of order or out of time, (42501) by a recused person or, for the statement and the requests of re-examination, appeal and review, by anyone but the subject';

CREATE FUNCTION @extschema@.case_extend(case_id bigint, actor_person_id bigint, reason text,
                                        at timestamptz DEFAULT pg_catalog.now()) RETURNS timestamptz
    LANGUAGE sql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.case_event (case_id, seq, to_state, is_extension, at, actor_person_id, reason)
    SELECT c.case_id, 0, c.state, true, case_extend.at, case_extend.actor_person_id, case_extend.reason
      FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = case_extend.case_id;
    SELECT @extschema@.case_limit_end('decision_max', c.opened_at)
      FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = case_extend.case_id
$$;
COMMENT ON FUNCTION @extschema@.case_extend(bigint, bigint, text, timestamptz) IS
    'Extends the decision limit of a case from 6 to 12 months, once, before the decision; returns the new limit';

CREATE FUNCTION @extschema@.decide_sanction(case_id bigint, kind text, months integer DEFAULT NULL,
                                            offences integer DEFAULT 1, aggravating boolean DEFAULT false,
                                            mitigating boolean DEFAULT false, reduced boolean DEFAULT false,
                                            starts_at timestamptz DEFAULT NULL) RETURNS bigint
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.sanction (case_id, person_id, kind, months, offences, aggravating, mitigating, reduced,
                                      starts_at, decided_at)
    SELECT c.case_id, c.subject_person_id, decide_sanction.kind, decide_sanction.months, decide_sanction.offences,
           decide_sanction.aggravating, decide_sanction.mitigating, decide_sanction.reduced,
           decide_sanction.starts_at, c.state_since
      FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = decide_sanction.case_id
    RETURNING sanction_id
$$;
COMMENT ON FUNCTION @extschema@.decide_sanction(bigint, text, integer, integer, boolean, boolean, boolean, timestamptz) IS
    'Records the sanction of a case (decided), or the lighter one a re-examination, appeal or review puts in its place; kind is a code of sanction_kind; months defaults to its period (several offences of one kind: between one period and their sum); returns the sanction id, or NULL when the case does not exist';

-- A false accusation, once established, is itself an incident (§4.5),
-- traced and pursued like any other.
CREATE FUNCTION @extschema@.establish_false_accusation(case_id bigint, accuser_person_id bigint,
                                                       accuser_position_id bigint, title text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    unit bigint;
    id bigint;
BEGIN
    SELECT a.case_id, a.state, a.opened_at INTO c FROM @extschema@.accountability_case a
     WHERE a.tenant_id = @extschema@.current_tenant() AND a.case_id = establish_false_accusation.case_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', establish_false_accusation.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    IF c.state NOT IN ('dropped', 'closed') THEN
        RAISE EXCEPTION 'case % is %: a false accusation is established when its case has ended', c.case_id, c.state
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT p.unit_id INTO unit FROM @extschema@.position p
     WHERE p.tenant_id = @extschema@.current_tenant() AND p.position_id = accuser_position_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'position % does not exist', accuser_position_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No position has this id in the current tenant.';
    END IF;
    INSERT INTO @extschema@.incident (occurred_at, unit_id, title, accusation_case_id, source)
    VALUES (c.opened_at, unit, coalesce(title, format('False accusation behind case %s', c.case_id)), c.case_id, 'false_accusation')
    RETURNING incident_id INTO id;
    INSERT INTO @extschema@.incident_actor (incident_id, role, person_id, position_id)
    VALUES (id, 'accuser', accuser_person_id, accuser_position_id);
    RETURN id;
END
$$;
COMMENT ON FUNCTION @extschema@.establish_false_accusation(bigint, bigint, bigint, text) IS
    'Records a false accusation, established once its case was dropped or closed, as an incident of the moment the case was opened (诬告, §4.5): the accuser answers for it by the rule false_accusation; returns the incident id';

CREATE FUNCTION @extschema@.sanctions_in_force(person_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (sanction_id bigint, case_id bigint, kind text, label_en text, label_zh text, family text,
                   starts_at timestamptz, ends_at timestamptz, governs boolean, no_promotion boolean,
                   no_salary_step boolean, grade_effect text, ends_employment boolean)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.sanction_id, s.case_id, s.kind, k.label_en, k.label_zh, k.family, s.starts_at, s.ends_at,
           k.family = 'administrative'
             AND k.rank = pg_catalog.max(k.rank) FILTER (WHERE k.family = 'administrative') OVER (),
           k.no_promotion, k.no_salary_step, k.grade_effect, k.ends_employment
      FROM @extschema@.sanction s JOIN @extschema@.sanction_kind k ON k.code = s.kind
     WHERE s.tenant_id = @extschema@.current_tenant() AND s.person_id = sanctions_in_force.person_id
       AND s.starts_at <= sanctions_in_force.at
       AND (s.ends_at IS NULL OR sanctions_in_force.at < s.ends_at)
       AND (s.superseded_at IS NULL OR sanctions_in_force.at < s.superseded_at)
     ORDER BY k.family, k.rank DESC, s.starts_at
$$;
COMMENT ON FUNCTION @extschema@.sanctions_in_force(bigint, timestamptz) IS
    'The sanctions in force for a person at a moment and until when (lifted at the end of their period; a sanction whose remainder a later one carries, or that an appeal replaced, is no longer listed): governs marks the heaviest administrative one, whose effects apply';

CREATE FUNCTION @extschema@.case_deadlines(case_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (limit_code text, due_at timestamptz, status text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH c AS (SELECT a.*,
                      (SELECT pg_catalog.max(e.at) FROM @extschema@.case_event e
                        WHERE e.tenant_id = a.tenant_id AND e.case_id = a.case_id AND e.to_state = 'served') AS served_at,
                      (SELECT pg_catalog.max(e.at) FROM @extschema@.case_event e
                        WHERE e.tenant_id = a.tenant_id AND e.case_id = a.case_id AND e.to_state = 'reexamined') AS reexamined_at
                 FROM @extschema@.accountability_case a
                WHERE a.tenant_id = @extschema@.current_tenant() AND a.case_id = case_deadlines.case_id),
    d AS (
        SELECT CASE WHEN c.decision_extended THEN 'decision_max' ELSE 'decision' END AS code,
               @extschema@.case_limit_end(CASE WHEN c.decision_extended THEN 'decision_max' ELSE 'decision' END, c.opened_at) AS due
          FROM c WHERE c.state IN ('opened', 'notified', 'statement', 'hearing_requested', 'heard')
        UNION ALL
        SELECT w.code, @extschema@.case_limit_end(w.code, c.served_at)
          FROM c, (VALUES ('reexamination_request'), ('appeal_request'), ('review_request')) w(code)
         WHERE c.state = 'served'
        UNION ALL
        SELECT 'appeal_request_after_reexamination', @extschema@.case_limit_end('appeal_request_after_reexamination', c.reexamined_at)
          FROM c WHERE c.state = 'reexamined'
        UNION ALL
        SELECT w.code, @extschema@.case_limit_end(w.code, c.state_since)
          FROM c, (VALUES ('reexamination_requested', 'reexamination_decision'), ('appealed', 'appeal_decision'),
                          ('review_requested', 'review_decision')) w(state, code)
         WHERE c.state::text = w.state)
    SELECT d.code, d.due,
           CASE WHEN case_deadlines.at > d.due THEN 'passed'
                WHEN case_deadlines.at > d.due - (SELECT @extschema@.case_limit_end('warn_before', d.due) - d.due) THEN 'warning'
                ELSE 'open' END
      FROM d ORDER BY d.due
$$;
COMMENT ON FUNCTION @extschema@.case_deadlines(bigint, timestamptz) IS
    'The time limits running for a case at a moment, each with its end and its status: open, warning (within case_limit warn_before days of its end) or passed';

-- The frozen trace of a case as a diagram: the chain of command it climbed,
-- from the failure up, each person with the kind the trace gave them;
-- people off the chain (supervisors, whoever instructed) beside the post
-- the failure started from; vacancies marked; the subject in bold.
CREATE FUNCTION @extschema@.case_diagram(case_id bigint, format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    subject bigint;
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    SELECT c.subject_person_id INTO subject FROM @extschema@.accountability_case c
     WHERE c.tenant_id = tenant AND c.case_id = case_diagram.case_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    WITH t AS (
        SELECT ct.* FROM @extschema@.case_trace ct WHERE ct.tenant_id = tenant AND ct.case_id = case_diagram.case_id),
    chain AS (
        SELECT l.* FROM @extschema@.links((SELECT t.chain FROM t WHERE t.chain IS NOT NULL LIMIT 1)) l),
    nodes AS (
        -- the links of the chain, with what the trace says of their person
        SELECT 'c' || ch.depth AS id, ch.depth AS ord, ch.position_id, ch.person_id,
               coalesce(ch.tenure, 'vacant') AS tenure, tr.kind, tr.rule
          FROM chain ch
          LEFT JOIN LATERAL (SELECT t.kind, t.rule FROM t
                              WHERE t.position_id = ch.position_id
                                AND (t.person_id = ch.person_id OR (t.person_id IS NULL AND ch.person_id IS NULL))
                              ORDER BY t.ord LIMIT 1) tr ON true
        UNION ALL
        -- the people of the trace off the chain
        SELECT 't' || t.ord, 1000 + t.ord, t.position_id, t.person_id, coalesce(t.tenure, 'vacant'), t.kind, t.rule
          FROM t
         WHERE NOT EXISTS (SELECT FROM chain ch WHERE ch.position_id IS NOT DISTINCT FROM t.position_id
                                                  AND ch.person_id IS NOT DISTINCT FROM t.person_id)),
    labelled AS (
        SELECT n.*, @extschema@.diagram_label(
                   coalesce(po.title, 'post ' || n.position_id, 'no post') || E'\n' ||
                   coalesce(pe.name, CASE n.tenure WHEN 'absent' THEN 'ABSENT, nobody acting 缺位' ELSE 'VACANT 空缺' END) ||
                   coalesce(E'\n' || l.label_zh || ' ' || n.kind::text, '') ||
                   coalesce(' (' || n.rule || ')', ''), format) AS label
          FROM nodes n
          LEFT JOIN @extschema@.position po ON po.tenant_id = tenant AND po.position_id = n.position_id
          LEFT JOIN @extschema@.person pe ON pe.tenant_id = tenant AND pe.person_id = n.person_id
          LEFT JOIN @extschema@.label l ON l.domain = 'responsibility_kind' AND l.code = n.kind::text),
    lines AS (
        SELECT 1 AS part, n.ord, CASE format
               WHEN 'dot' THEN format('  %s [label="%s"%s];', n.id, n.label,
                   CASE WHEN n.person_id IS NULL THEN ', color=orange, style=dashed'
                        WHEN n.person_id = subject THEN ', penwidth=3' ELSE '' END)
               ELSE format('  %s["%s"]%s', n.id, n.label,
                   CASE WHEN n.person_id IS NULL THEN ':::vacant' WHEN n.person_id = subject THEN ':::subject' ELSE '' END) END
          FROM labelled n
        UNION ALL
        SELECT 2, ch.depth, CASE format WHEN 'dot' THEN format('  c%s -> c%s;', ch.depth, ch.depth + 1)
                                        ELSE format('  c%s --> c%s', ch.depth, ch.depth + 1) END
          FROM chain ch WHERE ch.depth < (SELECT max(c2.depth) FROM chain c2)
        UNION ALL
        SELECT 3, n.ord, CASE format WHEN 'dot' THEN format('  %s -> c1 [style=dotted];', n.id)
                                     ELSE format('  %s -.- c1', n.id) END
          FROM labelled n WHERE n.id LIKE 't%' AND EXISTS (SELECT FROM chain))
    SELECT string_agg(line, E'\n' ORDER BY part, ord) INTO body FROM lines AS x(part, ord, line);
    IF format = 'dot' THEN
        RETURN E'digraph case_trace {\n  rankdir=BT;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph BT\n' || coalesce(body || E'\n', '')
        || E'  classDef vacant stroke:#e80,stroke-dasharray:4\n  classDef subject stroke-width:4px\n';
END
$$;
COMMENT ON FUNCTION @extschema@.case_diagram(bigint, text) IS
    'The frozen back-trace of a case as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: the chain of command from the failure up, each person with their kind of responsibility and rule, people off the chain beside it, vacancies dashed, the subject in bold';
-- The assessment engine (P1-P4, S1; rules.md §1) over the tables of
-- 69_assessment.sql: the rules on writes (triggers), the inputs of a period
-- as one view, grades with caps and the excellent quota, their explanation,
-- finalisation, consequences and the assessors' own accountability.  The
-- scores themselves are the C aggregates of 52_scoring_aggregates.sql.

INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('grade_cap', 'refused', 'refused to be assessed: incompetent', '无正当理由不参加考核，定为不称职'),
    ('grade_cap', 'probation', 'on probation: no grade', '试用期，不定等次'),
    ('grade_cap', 'long_leave', 'away more than half the period: no grade', '休假等超过考核期一半，不定等次'),
    ('grade_cap', 'under_investigation', 'under investigation: no grade until the case ends', '立案调查中，暂不定等次'),
    ('grade_cap', 'sanction_period', 'in a sanction period: comments only, no grade', '处分期内，只写评语不定等次'),
    ('grade_cap', 'sanction_this_and_next_year', 'major sanction this year or last: no grade', '受记大过以上处分当年及次年不定等次'),
    ('grade_cap', 'sanction_this_year', 'removed, ordered to resign or resigned this year: no grade', '当年受免职、责令辞职等，不定等次'),
    ('grade_cap', 'sanction_not_excellent', 'warned or admonished this year: not excellent', '当年受警告、诫勉等，不得评为优秀'),
    ('grade_cap', 'valid_complaints', 'two or more valid complaints this year: at most basically competent', '一年内有效投诉两次以上，不得评为称职'),
    ('grade_cap', 'insufficient_sources', 'no source with enough raters: no grade', '评议人数不足，不定等次'),
    ('grade_cap', 'over_quota', 'excellent score beyond the quota: competent', '超出优秀比例，定为称职'),
    ('grade_cap', 'quota_tie', 'tied at the quota boundary: competent until the committee decides', '在优秀比例边界并列，待考核委员会决定'),
    ('assessor_finding', 'far_from_source', 'scores far from the source''s mean', '打分明显偏离同类评议人'),
    ('assessor_finding', 'same_score_for_all', 'the same score for everyone', '对所有人打同一分数');

-- ---------------------------------------------------------------------
-- Schemes: checked when activated, never changed afterwards.

CREATE FUNCTION @extschema@.scheme_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.active THEN
        RAISE EXCEPTION 'scheme % (% version %) is active and cannot change', OLD.scheme_id, OLD.code, OLD.version
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Make a new version of the scheme (a new row with the next version) and use it for the next period.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NOT (NEW.scale_min <= NEW.basic_min AND NEW.basic_min <= NEW.competent_min
            AND NEW.competent_min <= NEW.excellent_min AND NEW.excellent_min <= NEW.scale_max) THEN
        RAISE EXCEPTION 'the cut-offs of scheme % are out of order: need % <= basic % <= competent % <= excellent % <= %',
            NEW.code, NEW.scale_min, NEW.basic_min, NEW.competent_min, NEW.excellent_min, NEW.scale_max
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Grades rank scores at up to 6 digits in 64-bit integers (grading.c).
    IF NOT (NEW.scale_min > -1e12 AND NEW.scale_max < 1e12) THEN
        RAISE EXCEPTION 'the scale % to % of scheme % reaches beyond 10^12', NEW.scale_min, NEW.scale_max, NEW.code
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Scores are ranked when they are below 10^12 in absolute value.';
    END IF;
    IF NOT (NEW.excellent_quota >= 0 AND NEW.excellent_quota <= NEW.excellent_ceiling AND NEW.excellent_ceiling <= 1) THEN
        RAISE EXCEPTION 'the excellent quota % of scheme % must lie between 0 and its ceiling % (at most 1)',
            NEW.excellent_quota, NEW.code, NEW.excellent_ceiling
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.active THEN
        SELECT count(*) AS sources, coalesce(sum(weight), 0) AS weights
          INTO s FROM @extschema@.scheme_source
         WHERE tenant_id = NEW.tenant_id AND scheme_id = NEW.scheme_id;
        IF s.sources > 16 OR EXISTS (SELECT FROM @extschema@.scheme_source x
                                      WHERE x.tenant_id = NEW.tenant_id AND x.scheme_id = NEW.scheme_id
                                        AND octet_length(x.code) NOT BETWEEN 1 AND 63) THEN
            RAISE EXCEPTION 'scheme % has % sources: at most 16, each named by 1 to 63 bytes', NEW.code, s.sources
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        IF s.sources = 0 OR abs(s.weights - 1) > 1e-9 THEN
            RAISE EXCEPTION 'the source weights of scheme % sum to %, not 1', NEW.code, s.weights
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Give the scheme its sources (scheme_source) with weights that sum to 1, e.g. 0.5, 0.3, 0.2.';
        END IF;
        SELECT count(*) AS dims, coalesce(sum(weight), 0) AS weights
          INTO s FROM @extschema@.scheme_dimension
         WHERE tenant_id = NEW.tenant_id AND scheme_id = NEW.scheme_id;
        IF s.dims > 0 AND abs(s.weights - 1) > 1e-9 THEN
            RAISE EXCEPTION 'the dimension weights of scheme % sum to %, not 1', NEW.code, s.weights
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'The default dimensions weigh 德 0.15, 能 0.10, 勤 0.30, 绩 0.30, 廉 0.15.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER scheme_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_scheme
    FOR EACH ROW EXECUTE FUNCTION @extschema@.scheme_check();

CREATE FUNCTION @extschema@.scheme_part_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r record := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    act boolean;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    -- FOR SHARE: a part written while the scheme is being activated waits,
    -- and is then refused; an activation waits for the parts being written.
    SELECT s.active INTO act FROM @extschema@.assessment_scheme s
     WHERE s.tenant_id = r.tenant_id AND s.scheme_id = r.scheme_id FOR SHARE;
    IF TG_OP = 'UPDATE' AND NOT coalesce(act, false) THEN
        SELECT s.active INTO act FROM @extschema@.assessment_scheme s
         WHERE s.tenant_id = OLD.tenant_id AND s.scheme_id = OLD.scheme_id FOR SHARE;
    END IF;
    IF act THEN
        RAISE EXCEPTION 'scheme % is active: its % cannot change', r.scheme_id, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Make a new version of the scheme.';
    END IF;
    RETURN r;
END
$$;
CREATE TRIGGER scheme_part_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.scheme_dimension
    FOR EACH ROW EXECUTE FUNCTION @extschema@.scheme_part_guard();
CREATE TRIGGER scheme_part_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.scheme_source
    FOR EACH ROW EXECUTE FUNCTION @extschema@.scheme_part_guard();

CREATE FUNCTION @extschema@.create_default_scheme(code text, name text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    id bigint;
BEGIN
    INSERT INTO @extschema@.assessment_scheme (code, version, name)
    VALUES (create_default_scheme.code,
            coalesce((SELECT max(s.version) + 1 FROM @extschema@.assessment_scheme s
                       WHERE s.tenant_id = @extschema@.current_tenant() AND s.code = create_default_scheme.code), 1),
            coalesce(create_default_scheme.name, 'Annual assessment (default scheme)'))
    RETURNING scheme_id INTO id;
    INSERT INTO @extschema@.scheme_dimension (scheme_id, code, label_en, label_zh, weight) VALUES
        (id, 'de', 'integrity of conduct', '德', 0.15),
        (id, 'neng', 'ability', '能', 0.10),
        (id, 'qin', 'diligence', '勤', 0.30),
        (id, 'ji', 'results', '绩', 0.30),
        (id, 'lian', 'probity', '廉', 0.15);
    INSERT INTO @extschema@.scheme_source (scheme_id, code, label_en, label_zh, feed, weight, min_raters) VALUES
        (id, 'leaders', 'leaders', '领导评价', 'raters', 0.5, 3),
        (id, 'colleagues', 'colleagues and the public', '同事和群众评议', 'raters', 0.3, 3),
        (id, 'service_recipients', 'service recipients', '服务对象评价', 'raters', 0.2, 3);
    RETURN id;
END
$$;
COMMENT ON FUNCTION @extschema@.create_default_scheme(text, text) IS
    'A draft scheme with the defaults of rules.md §1: dimensions 德 0.15, 能 0.10, 勤 0.30, 绩 0.30, 廉 0.15; sources leaders 0.5, colleagues and the public 0.3, service recipients 0.2, at least 3 raters each [U]; trimming one score at each end; cut-offs 90/70/60 of 100; quota 15%, ceiling 20%.  The next version of the code if it exists; adjust it, then activate_scheme()';

CREATE FUNCTION @extschema@.activate_scheme(scheme_id bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    UPDATE @extschema@.assessment_scheme s SET active = true
     WHERE s.tenant_id = @extschema@.current_tenant() AND s.scheme_id = activate_scheme.scheme_id AND NOT s.active;
    IF NOT FOUND AND NOT EXISTS (SELECT FROM @extschema@.assessment_scheme s
                                  WHERE s.tenant_id = @extschema@.current_tenant() AND s.scheme_id = activate_scheme.scheme_id) THEN
        RAISE EXCEPTION 'scheme % does not exist', activate_scheme.scheme_id USING ERRCODE = 'undefined_object';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.activate_scheme(bigint) IS
    'Checks a draft scheme (source weights sum to 1, dimension weights sum to 1, cut-offs in order, quota under its ceiling) and makes it active, after which it never changes; nothing for a scheme already active';

-- ---------------------------------------------------------------------
-- Periods and who is assessed.

-- A finalised period accepts no change to its inputs.  The period's row is
-- locked (FOR KEY SHARE) for the rest of the transaction, so that a
-- finalisation (FOR UPDATE) waits for the inputs being written, and an
-- input written during a finalisation waits for it and then sees it.
CREATE FUNCTION @extschema@.period_must_be_open(tenant_id integer, period_id bigint, what text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    done boolean;
BEGIN
    SELECT p.finalised INTO done FROM @extschema@.assessment_period p
     WHERE p.tenant_id = period_must_be_open.tenant_id AND p.period_id = period_must_be_open.period_id
       FOR KEY SHARE;
    IF done THEN
        RAISE EXCEPTION 'period % is finalised: % refused', period_must_be_open.period_id, what
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Reopen the period with reopen_period(), giving the reason, then finalise it again.';
    END IF;
END
$$;

CREATE FUNCTION @extschema@.period_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP = 'UPDATE' AND @extschema@.engine_writing() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE'
       AND (NEW.finalised IS DISTINCT FROM OLD.finalised OR NEW.digest IS DISTINCT FROM OLD.digest) THEN
        RAISE EXCEPTION 'a period is finalised and reopened only through finalise_period() and reopen_period()'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM @extschema@.period_must_be_open(OLD.tenant_id, OLD.period_id, TG_OP || ' of the period');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    SELECT * INTO s FROM @extschema@.assessment_scheme
     WHERE tenant_id = NEW.tenant_id AND scheme_id = NEW.scheme_id;
    IF NOT s.active THEN
        RAISE EXCEPTION 'scheme % (%) is a draft: a period needs an active scheme', s.scheme_id, s.code
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'activate_scheme() checks it and makes it active.';
    END IF;
    IF NEW.excellent_quota > s.excellent_ceiling THEN
        RAISE EXCEPTION 'the excellent quota % of period % is above the scheme''s ceiling %',
            NEW.excellent_quota, NEW.period_id, s.excellent_ceiling
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.kind, NEW.span, NEW.scheme_id) IS DISTINCT FROM (OLD.kind, OLD.span, OLD.scheme_id)
       AND EXISTS (SELECT FROM @extschema@.assessment_subject a
                    WHERE a.tenant_id = OLD.tenant_id AND a.period_id = OLD.period_id) THEN
        RAISE EXCEPTION 'period % has subjects: its kind, span and scheme no longer change', OLD.period_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Make another period, or remove its subjects (and their inputs) first.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER period_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_period
    FOR EACH ROW EXECUTE FUNCTION @extschema@.period_check();

CREATE FUNCTION @extschema@.subject_fill() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM @extschema@.period_must_be_open(OLD.tenant_id, OLD.period_id, TG_OP || ' of a subject');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    PERFORM @extschema@.period_must_be_open(NEW.tenant_id, NEW.period_id, TG_OP || ' of a subject');
    SELECT p.kind, p.span INTO NEW.kind, NEW.span FROM @extschema@.assessment_period p
     WHERE p.tenant_id = NEW.tenant_id AND p.period_id = NEW.period_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER subject_fill BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_subject
    FOR EACH ROW EXECUTE FUNCTION @extschema@.subject_fill();

CREATE FUNCTION @extschema@.enrol_period(period_id bigint) RETURNS integer
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p record;
    n integer;
BEGIN
    SELECT * INTO p FROM @extschema@.assessment_period a
     WHERE a.tenant_id = @extschema@.current_tenant() AND a.period_id = enrol_period.period_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'period % does not exist', enrol_period.period_id USING ERRCODE = 'undefined_object';
    END IF;
    WITH RECURSIVE tree AS (
        SELECT u.unit_id FROM @extschema@.unit u WHERE u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
        UNION
        SELECT u.unit_id FROM @extschema@.unit u JOIN tree t ON u.parent_id = t.unit_id WHERE u.tenant_id = p.tenant_id),
    held AS (
        SELECT DISTINCT ON (a.person_id) a.person_id, a.position_id
          FROM @extschema@.assignment a
          JOIN @extschema@.position po ON po.tenant_id = a.tenant_id AND po.position_id = a.position_id
          JOIN tree t ON t.unit_id = po.unit_id
         WHERE a.tenant_id = p.tenant_id AND a.tenure IN ('holder', 'acting')
           AND a.during && tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz)
         ORDER BY a.person_id,
                  upper(a.during * tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz))
                - lower(a.during * tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz)) DESC,
                  a.position_id)
    INSERT INTO @extschema@.assessment_subject (tenant_id, period_id, person_id, position_id, kind, span)
    SELECT p.tenant_id, p.period_id, h.person_id, h.position_id, p.kind, p.span
      FROM held h
     WHERE NOT EXISTS (SELECT FROM @extschema@.assessment_subject s
                        WHERE s.tenant_id = p.tenant_id AND s.person_id = h.person_id
                          AND s.kind = p.kind AND s.span && p.span);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.enrol_period(bigint) IS
    'Adds to a period everyone who held or acted in a post of its unit or a sub-unit during the period (with the post held longest), unless already assessed in a period of the same kind that overlaps; returns how many were added';

-- ---------------------------------------------------------------------
-- Inputs: the scale, self-rating and finalised periods are checked on write.

CREATE FUNCTION @extschema@.evaluation_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    sc record;
    so record;
    dim record;
    total float8 := 0;
    v float8;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM @extschema@.period_must_be_open(OLD.tenant_id, OLD.period_id, TG_OP || ' of ' || TG_TABLE_NAME);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    PERFORM @extschema@.period_must_be_open(NEW.tenant_id, NEW.period_id, TG_OP || ' of ' || TG_TABLE_NAME);
    SELECT s.* INTO sc FROM @extschema@.assessment_period p
      JOIN @extschema@.assessment_scheme s ON s.tenant_id = p.tenant_id AND s.scheme_id = p.scheme_id
     WHERE p.tenant_id = NEW.tenant_id AND p.period_id = NEW.period_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'period % does not exist', NEW.period_id USING ERRCODE = 'undefined_object';
    END IF;
    IF TG_TABLE_NAME = 'target_result' THEN
        IF NOT EXISTS (SELECT FROM @extschema@.scheme_source s
                        WHERE s.tenant_id = sc.tenant_id AND s.scheme_id = sc.scheme_id AND s.feed = 'targets') THEN
            RAISE EXCEPTION 'scheme % has no source fed by the duties'' targets', sc.code
                USING ERRCODE = 'undefined_object', HINT = 'Give the scheme a source with feed ''targets''.';
        END IF;
        -- An indicator is a duty of the person's post (R2, P1): owned by a
        -- post they held or acted in, at some time in the period.
        IF NOT EXISTS (
               SELECT FROM @extschema@.assessment_period p
                 JOIN @extschema@.duty_owner o ON o.tenant_id = p.tenant_id
                 JOIN @extschema@.assignment a ON a.tenant_id = o.tenant_id AND a.position_id = o.position_id
                WHERE p.tenant_id = NEW.tenant_id AND p.period_id = NEW.period_id
                  AND o.duty_id = (to_jsonb(NEW) ->> 'duty_id')::bigint AND a.person_id = NEW.person_id
                  AND o.during && a.during
                  AND o.during * a.during && tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz)) THEN
            RAISE EXCEPTION 'duty % is not a duty of a post person % held during period %',
                (to_jsonb(NEW) ->> 'duty_id'), NEW.person_id, NEW.period_id
                USING ERRCODE = 'check_violation',
                      HINT = 'A target result is scored against the duties of the person''s own post (duty_owner).';
        END IF;
    END IF;
    IF TG_TABLE_NAME = 'evaluation' THEN
        SELECT * INTO so FROM @extschema@.scheme_source s
         WHERE s.tenant_id = sc.tenant_id AND s.scheme_id = sc.scheme_id AND s.code = NEW.source AND s.feed = 'raters';
        IF NOT FOUND THEN
            RAISE EXCEPTION 'scheme % has no source "%" scored by raters', sc.code, NEW.source
                USING ERRCODE = 'undefined_object';
        END IF;
        IF NEW.rater_id = NEW.person_id AND NOT so.allows_self THEN
            RAISE EXCEPTION 'person % may not rate themselves in source "%"', NEW.person_id, NEW.source
                USING ERRCODE = 'check_violation', HINT = 'Self-assessment goes to a source that allows it.';
        END IF;
        IF NEW.dimension_scores IS NOT NULL THEN
            IF jsonb_typeof(NEW.dimension_scores) <> 'object' THEN
                RAISE EXCEPTION 'dimension_scores must be a JSON object of dimension codes and scores'
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            FOR dim IN SELECT k.key FROM jsonb_each(NEW.dimension_scores) k
                        WHERE NOT EXISTS (SELECT FROM @extschema@.scheme_dimension d
                                           WHERE d.tenant_id = sc.tenant_id AND d.scheme_id = sc.scheme_id AND d.code = k.key) LOOP
                RAISE EXCEPTION 'scheme % has no dimension "%"', sc.code, dim.key USING ERRCODE = 'undefined_object';
            END LOOP;
            FOR dim IN SELECT d.code, d.weight FROM @extschema@.scheme_dimension d
                        WHERE d.tenant_id = sc.tenant_id AND d.scheme_id = sc.scheme_id ORDER BY d.code LOOP
                IF jsonb_typeof(NEW.dimension_scores -> dim.code) IS DISTINCT FROM 'number' THEN
                    RAISE EXCEPTION 'the score of dimension "%" is missing or not a number', dim.code
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                v := (NEW.dimension_scores ->> dim.code)::float8;
                IF v < sc.scale_min OR v > sc.scale_max THEN
                    RAISE EXCEPTION 'score % of dimension "%" is outside the scale % to % of scheme %',
                        v, dim.code, sc.scale_min, sc.scale_max, sc.code
                        USING ERRCODE = 'numeric_value_out_of_range';
                END IF;
                total := total + dim.weight * v;
            END LOOP;
            NEW.score := total;
        END IF;
    END IF;
    IF NEW.score IS NULL OR NEW.score < sc.scale_min OR NEW.score > sc.scale_max OR NEW.score = 'NaN' THEN
        RAISE EXCEPTION 'score % is outside the scale % to % of scheme %', NEW.score, sc.scale_min, sc.scale_max, sc.code
            USING ERRCODE = 'numeric_value_out_of_range';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER evaluation_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.evaluation
    FOR EACH ROW EXECUTE FUNCTION @extschema@.evaluation_check();
CREATE TRIGGER evaluation_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.target_result
    FOR EACH ROW EXECUTE FUNCTION @extschema@.evaluation_check();

-- Inputs kept by person and date (memos, training, window ratings,
-- complaints) change only outside the person's finalised periods.
CREATE FUNCTION @extschema@.dated_input_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r record;
    d date;
    p bigint;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    FOREACH r IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END LOOP
        d := CASE TG_TABLE_NAME
                 WHEN 'work_memo' THEN (to_jsonb(r) ->> 'day')::date
                 WHEN 'training_record' THEN (to_jsonb(r) ->> 'completed_on')::date
                 WHEN 'window_rating' THEN (to_jsonb(r) ->> 'rated_at')::timestamptz::date
                 ELSE (to_jsonb(r) ->> 'received_at')::timestamptz::date END;
        FOR p IN SELECT s.period_id FROM @extschema@.assessment_subject s
                  WHERE s.tenant_id = r.tenant_id AND s.person_id = (to_jsonb(r) ->> 'person_id')::bigint
                    AND s.span @> d
                  ORDER BY s.period_id LOOP
            PERFORM @extschema@.period_must_be_open(r.tenant_id, p, TG_OP || ' of ' || TG_TABLE_NAME || ' dated ' || d);
        END LOOP;
    END LOOP;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.work_memo
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.training_record
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.window_rating
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.complaint
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();

-- Every score a period counts, whatever its feed: one row per score, with
-- its source's weight, minimum and the scheme's trim.  A view, so that the
-- planner reaches the tables' indexes (and parallel scans) through it; it
-- runs with the caller's rights, under row-level security.
CREATE VIEW @extschema@.assessment_input WITH (security_invoker = true) AS
SELECT e.tenant_id, e.period_id, e.person_id, e.source, 'evaluation'::text AS origin, e.rater_id AS rater,
       e.score, so.weight, so.min_raters, sc.trim_each
  FROM @extschema@.evaluation e
  JOIN @extschema@.assessment_period ap ON ap.tenant_id = e.tenant_id AND ap.period_id = e.period_id
  JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
  JOIN @extschema@.scheme_source so ON so.tenant_id = ap.tenant_id AND so.scheme_id = ap.scheme_id AND so.code = e.source
UNION ALL
SELECT t.tenant_id, t.period_id, t.person_id, so.code, 'target_result', t.duty_id, t.score, so.weight, so.min_raters, sc.trim_each
  FROM @extschema@.target_result t
  JOIN @extschema@.assessment_period ap ON ap.tenant_id = t.tenant_id AND ap.period_id = t.period_id
  JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
  JOIN @extschema@.scheme_source so ON so.tenant_id = ap.tenant_id AND so.scheme_id = ap.scheme_id AND so.feed = 'targets'
UNION ALL
-- The feeds kept by person and date count in the periods whose span holds
-- their day, through a source of their feed.
SELECT s.tenant_id, s.period_id, s.person_id, so.code, d.origin, d.id, d.score, so.weight, so.min_raters, sc.trim_each
  FROM (SELECT m.tenant_id, m.person_id, 'memos' AS feed, 'work_memo' AS origin, m.memo_id AS id, m.day, m.review_score AS score
          FROM @extschema@.work_memo m WHERE m.review_score IS NOT NULL
        UNION ALL
        SELECT r.tenant_id, r.person_id, 'training', 'training_record', r.training_id, r.completed_on, r.result_score
          FROM @extschema@.training_record r WHERE r.result_score IS NOT NULL
        UNION ALL
        SELECT w.tenant_id, w.person_id, 'service_window', 'window_rating', w.rating_id, w.rated_at::date, w.score
          FROM @extschema@.window_rating w) d
  JOIN @extschema@.assessment_subject s ON s.tenant_id = d.tenant_id AND s.person_id = d.person_id AND d.day <@ s.span
  JOIN @extschema@.assessment_period ap ON ap.tenant_id = s.tenant_id AND ap.period_id = s.period_id
  JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
  JOIN @extschema@.scheme_source so ON so.tenant_id = ap.tenant_id AND so.scheme_id = ap.scheme_id AND so.feed = d.feed;
COMMENT ON VIEW @extschema@.assessment_input IS
    'Every score a period counts, one row each: evaluations by raters, target results (the duty is the rater), the superior''s memo reviews, training results and service-window ratings of the period''s span, with the weight and minimum of their source and the scheme''s trim; under the caller''s row-level security';

-- The same, each rater's scores shifted so that their mean is their
-- source's mean (for schemes that normalise raters).
CREATE VIEW @extschema@.assessment_input_normalised WITH (security_invoker = true) AS
SELECT i.tenant_id, i.period_id, i.person_id, i.source, i.origin, i.rater,
       i.score - avg(i.score) OVER (PARTITION BY i.tenant_id, i.period_id, i.source, i.origin, i.rater)
               + avg(i.score) OVER (PARTITION BY i.tenant_id, i.period_id, i.source) AS score,
       i.weight, i.min_raters, i.trim_each, i.score AS raw_score
  FROM @extschema@.assessment_input i;
COMMENT ON VIEW @extschema@.assessment_input_normalised IS
    'The scores of assessment_input with each rater''s scores shifted so that their mean in the period is their source''s mean (per-rater normalisation); raw_score is the score as given';

-- ---------------------------------------------------------------------
-- Grades.

-- The caps of a period: every rule that limits a subject's grade, with the
-- grade it allows at most.  Set-based over the cohort (one pass over each
-- table), so a large period costs a few joins, not a probe per person.
CREATE FUNCTION @extschema@.grade_caps(period_id bigint)
    RETURNS TABLE (person_id bigint, rule text, at_most @extschema@.grade, detail text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off  -- compiling its large plan costs more than running it
    AS $$
    WITH p AS (
        SELECT ap.tenant_id, ap.period_id, ap.span, tstzrange(lower(ap.span)::timestamptz, upper(ap.span)::timestamptz) AS r
          FROM @extschema@.assessment_period ap
         WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = grade_caps.period_id)
    SELECT a.person_id, r.rule, r.at_most::@extschema@.grade, r.detail
      FROM p
      JOIN @extschema@.assessment_subject a ON a.tenant_id = p.tenant_id AND a.period_id = p.period_id
     CROSS JOIN LATERAL (VALUES ('refused', 'incompetent', 'refused to be assessed without good reason', a.refused),
                                ('probation', 'no_grade', 'new hire on probation', a.on_probation)) r(rule, at_most, detail, applies)
     WHERE (a.refused OR a.on_probation) AND r.applies
    UNION ALL
    SELECT c.* FROM (
    SELECT l.person_id, 'long_leave' AS rule, 'no_grade'::@extschema@.grade AS at_most,
           format('away %s of %s days', round(d.days), upper(l.span) - lower(l.span)) AS detail
      FROM (SELECT b.person_id, p.span, range_agg(b.during * p.r) AS away   -- leave on two posts at once counts once
              FROM p JOIN @extschema@.absence b ON b.tenant_id = p.tenant_id AND b.during && p.r
             GROUP BY b.person_id, p.span) l
     CROSS JOIN LATERAL (SELECT sum(extract(epoch FROM upper(x) - lower(x))) / 86400 AS days FROM unnest(l.away) x) d
     WHERE d.days * 2 > upper(l.span) - lower(l.span)
    UNION ALL
    SELECT c.subject_person_id, 'under_investigation', 'no_grade', format('case %s, %s', c.case_id, c.state)
      FROM p JOIN @extschema@.accountability_case c ON c.tenant_id = p.tenant_id
     WHERE c.opened_at < upper(p.r) AND c.state NOT IN ('closed', 'dropped')
    UNION ALL
    SELECT x.person_id,
           CASE k.grade_effect WHEN 'not_excellent' THEN 'sanction_not_excellent'
                               WHEN 'no_grade_in_period' THEN 'sanction_period'
                               WHEN 'no_grade_this_and_next_year'
                               THEN CASE WHEN x.starts_at >= lower(p.r) - interval '1 year' AND x.starts_at < upper(p.r)
                                         THEN 'sanction_this_and_next_year' ELSE 'sanction_period' END
                               ELSE 'sanction_this_year' END,
           CASE k.grade_effect WHEN 'not_excellent' THEN 'competent' ELSE 'no_grade' END::@extschema@.grade,
           format('%s (%s) from %s, case %s', k.label_en, k.label_zh, x.starts_at::date, x.case_id)
      FROM p
      JOIN @extschema@.sanction x ON x.tenant_id = p.tenant_id
      JOIN @extschema@.sanction_kind k ON k.code = x.kind
     WHERE NOT EXISTS (SELECT FROM @extschema@.sanction n WHERE n.tenant_id = x.tenant_id AND n.replaces = x.sanction_id)
       AND CASE k.grade_effect
             WHEN 'not_excellent' THEN x.starts_at <@ p.r
             WHEN 'no_grade_this_year' THEN x.starts_at <@ p.r
             WHEN 'no_grade_this_and_next_year'   -- and during the period, however long
               THEN (x.starts_at >= lower(p.r) - interval '1 year' AND x.starts_at < upper(p.r))
                    OR tstzrange(x.starts_at, coalesce(x.superseded_at, x.ends_at, 'infinity')) && p.r
             WHEN 'no_grade_in_period'
               THEN tstzrange(x.starts_at, coalesce(x.ends_at, 'infinity')) && p.r
             ELSE false END
    UNION ALL
    SELECT c.person_id, 'valid_complaints', 'basically_competent', format('%s valid complaints', count(*))
      FROM p JOIN @extschema@.complaint c ON c.tenant_id = p.tenant_id
     WHERE c.outcome = 'valid' AND c.received_at <@ p.r
     GROUP BY c.person_id
    HAVING count(*) >= 2
    ) c, p
     WHERE EXISTS (SELECT FROM @extschema@.assessment_subject a
                    WHERE a.tenant_id = p.tenant_id AND a.period_id = p.period_id AND a.person_id = c.person_id)
$$;
COMMENT ON FUNCTION @extschema@.grade_caps(bigint) IS
    'The rules of rules.md §1 that limit grades in a period, one row per person and rule, with the best grade it allows: refusal (incompetent), probation, leave over half the period, an open case, sanctions by their kind''s grade effect (no grade, or not excellent), two or more valid complaints in the period (basically competent).  Too few raters is added by compute_grades()';

-- The cohort's grades, in C (grading.c): the subjects, their scores by
-- multi_source_score()'s accumulators, the year's quarterly scores and the
-- caps of grade_caps() are read in person order into one array; cut-offs,
-- caps and the quota are applied over it.
CREATE FUNCTION @extschema@.compute_grades(period_id bigint)
    RETURNS TABLE (person_id bigint, position_id bigint, own_score float8, periodic_score float8, score float8,
                   rank integer, base_grade @extschema@.grade, grade @extschema@.grade, quota_tie boolean,
                   caps text[], cap_details jsonb, candidate_rank integer, tied integer, candidates integer,
                   places integer, graded integer)
    AS 'MODULE_PATHNAME', 'compute_grades'
    LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off;  -- compiling its queries' plans costs more than running them
COMMENT ON FUNCTION @extschema@.compute_grades(bigint) IS
    'The grades of a period as its inputs stand now (for a finalised period see period_grades()): each person''s score (own inputs, combined with the year''s quarterly scores when the scheme says so), rank, the grade by the cut-offs, the caps applied (the heaviest governs), and the excellent quota across the cohort; candidates tied at the quota boundary all stay competent, flagged quota_tie for the committee, never split by row order.  Rows in person order.  caps names every rule that limited the grade, heaviest first (insufficient_sources, over_quota and quota_tie last); cap_details explains those of grade_caps() as JSON.  The last columns place a candidate against the quota: rank among the candidates, how many share the score, candidates, places, graded.';

-- A period's grades: the frozen results once finalised, else computed now.
CREATE FUNCTION @extschema@.period_grades(period_id bigint)
    RETURNS TABLE (person_id bigint, name text, score float8, rank integer, grade @extschema@.grade,
                   grade_en text, grade_zh text, quota_tie boolean, caps text[], finalised boolean)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH g AS (
        SELECT r.person_id, r.score, r.rank, r.grade, r.quota_tie, r.caps, true AS finalised
          FROM @extschema@.assessment_result r
          JOIN @extschema@.assessment_period ap ON ap.tenant_id = r.tenant_id AND ap.period_id = r.period_id AND ap.finalised
         WHERE r.tenant_id = @extschema@.current_tenant() AND r.period_id = period_grades.period_id
        UNION ALL
        SELECT c.person_id, c.score, c.rank, c.grade, c.quota_tie, c.caps, false
          FROM @extschema@.compute_grades(period_grades.period_id) c
         WHERE NOT EXISTS (SELECT FROM @extschema@.assessment_period ap
                            WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = period_grades.period_id
                              AND ap.finalised))
    SELECT g.person_id, pe.name, g.score, g.rank, g.grade, l.label_en, l.label_zh, g.quota_tie, g.caps, g.finalised
      FROM g
      JOIN @extschema@.person pe ON pe.tenant_id = @extschema@.current_tenant() AND pe.person_id = g.person_id
      JOIN @extschema@.label l ON l.domain = 'grade' AND l.code = g.grade::text
     ORDER BY g.rank NULLS LAST, g.person_id
$$;
COMMENT ON FUNCTION @extschema@.period_grades(bigint) IS
    'The grades of a period with their labels (优秀 称职 基本称职 不称职 不定等次): the frozen results when finalised, else computed from the inputs as they stand; caps names the rules that limited each grade';

-- ---------------------------------------------------------------------
-- Explanations.

CREATE FUNCTION @extschema@.compute_explanation(period_id bigint, person_id bigint, g jsonb) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH p AS (
        SELECT ap.*, sc.code AS scheme_code, sc.version, sc.normalise_raters, sc.periodic_share, sc.trim_each,
               sc.excellent_min, sc.competent_min, sc.basic_min, sc.scale_min, sc.scale_max
          FROM @extschema@.assessment_period ap
          JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
         WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = compute_explanation.period_id),
    -- The person's inputs.  Normalising needs every rater's mean over the
    -- period, so only a scheme that normalises reads the normalised view;
    -- the others read the person's rows by index.
    i AS (
        SELECT n.source, n.origin, n.rater, n.raw_score, n.score, n.weight, n.min_raters, n.trim_each
          FROM @extschema@.assessment_input_normalised n, p
         WHERE n.tenant_id = p.tenant_id AND n.period_id = p.period_id AND n.person_id = compute_explanation.person_id
           AND (SELECT p.normalise_raters FROM p)   -- a one-time filter: the view is not read otherwise
        UNION ALL
        SELECT n.source, n.origin, n.rater, n.score, n.score, n.weight, n.min_raters, n.trim_each
          FROM @extschema@.assessment_input n, p
         WHERE n.tenant_id = p.tenant_id AND n.period_id = p.period_id AND n.person_id = compute_explanation.person_id
           AND NOT (SELECT p.normalise_raters FROM p)),
    o AS (
        SELECT i.*, row_number() OVER (PARTITION BY i.source ORDER BY i.score, i.origin, i.rater) AS lo,
               row_number() OVER (PARTITION BY i.source ORDER BY i.score DESC, i.origin DESC, i.rater DESC) AS hi,
               count(*) OVER (PARTITION BY i.source) AS n
          FROM i),
    scores AS (
        SELECT o.source, jsonb_agg(jsonb_build_object('origin', o.origin, 'rater', o.rater, 'score', o.score)
                                   || CASE WHEN p.normalise_raters THEN jsonb_build_object('given', o.raw_score) ELSE '{}' END
                                   || jsonb_build_object('trimmed', o.n >= o.min_raters AND o.n > 2 * o.trim_each
                                                                    AND (o.lo <= o.trim_each OR o.hi <= o.trim_each))
                                   ORDER BY o.score DESC, o.origin, o.rater) AS scores
          FROM o, p GROUP BY o.source),
    detail AS (
        SELECT @extschema@.multi_source_detail(i.source, i.score, i.weight, i.min_raters, i.trim_each) AS d FROM i),
    src AS (
        SELECT so.code, so.label_en, so.label_zh, so.feed, so.weight, so.min_raters
          FROM @extschema@.scheme_source so, p
         WHERE so.tenant_id = p.tenant_id AND so.scheme_id = p.scheme_id)
    SELECT jsonb_build_object(
        'period_id', p.period_id, 'person_id', compute_explanation.person_id,
        'scheme', jsonb_build_object('code', p.scheme_code, 'version', p.version, 'scale', jsonb_build_array(p.scale_min, p.scale_max),
                                     'trim_each', p.trim_each, 'normalise_raters', p.normalise_raters),
        'sources', (SELECT jsonb_agg(
                        jsonb_build_object('source', src.code, 'label_en', src.label_en, 'label_zh', src.label_zh,
                                           'feed', src.feed, 'weight', src.weight, 'min_raters', src.min_raters)
                        || coalesce((SELECT e - 'source' - 'weight' - 'min_raters'
                                       FROM detail, jsonb_array_elements(detail.d -> 'sources') e
                                      WHERE e ->> 'source' = src.code),
                                    jsonb_build_object('raters', 0, 'status', 'no_scores', 'mean', null, 'share', 0))
                        || jsonb_build_object('scores', coalesce((SELECT s.scores FROM scores s WHERE s.source = src.code), '[]'))
                        ORDER BY src.weight DESC, src.code) FROM src),
        'own_score', g -> 'own_score',
        'periodic', CASE WHEN p.kind = 'annual' AND p.periodic_share > 0 THEN
                        jsonb_build_object('share', p.periodic_share, 'quarterly_mean', g -> 'periodic_score',
                            'quarters', (SELECT jsonb_agg(jsonb_build_object('period_id', q.period_id, 'span', q.span::text, 'score', r.score)
                                                           ORDER BY q.span)
                                           FROM @extschema@.assessment_result r
                                           JOIN @extschema@.assessment_period q ON q.tenant_id = r.tenant_id AND q.period_id = r.period_id
                                          WHERE r.tenant_id = p.tenant_id AND r.person_id = compute_explanation.person_id
                                            AND q.kind = 'quarterly' AND q.finalised AND q.span <@ p.span AND r.score IS NOT NULL)) END,
        'score', g -> 'score',
        'cut_offs', jsonb_build_object('excellent', p.excellent_min, 'competent', p.competent_min, 'basically_competent', p.basic_min),
        'base_grade', g -> 'base_grade',
        'caps', CASE WHEN jsonb_typeof(g -> 'cap_details') = 'array' THEN g -> 'cap_details' ELSE '[]' END
                || CASE WHEN g -> 'caps' ? 'insufficient_sources' THEN
                        (SELECT jsonb_build_array(jsonb_build_object('rule', l.code, 'at_most', 'no_grade',
                                    'detail', 'no source reached its minimum of raters', 'label_en', l.label_en, 'label_zh', l.label_zh))
                           FROM @extschema@.label l WHERE l.domain = 'grade_cap' AND l.code = 'insufficient_sources')
                        WHEN g -> 'caps' ?| '{over_quota,quota_tie}' THEN
                        (SELECT jsonb_build_array(jsonb_build_object('rule', l.code, 'at_most', 'competent',
                                    'detail', format('%s excellent places for %s graded; rank %s among %s candidates, %s tied at %s',
                                                     g -> 'places', g -> 'graded', g -> 'candidate_rank', g -> 'candidates', g -> 'tied',
                                                     round((g ->> 'score')::numeric, (SELECT sc.score_digits FROM @extschema@.assessment_scheme sc
                                                                                       WHERE sc.tenant_id = p.tenant_id AND sc.scheme_id = p.scheme_id))),
                                    'label_en', l.label_en, 'label_zh', l.label_zh))
                           FROM @extschema@.label l
                          WHERE l.domain = 'grade_cap' AND g -> 'caps' ? l.code AND l.code IN ('over_quota', 'quota_tie'))
                        ELSE '[]' END,
        'quota', jsonb_build_object('share', (SELECT coalesce(p.excellent_quota, sc.excellent_quota)
                                               FROM @extschema@.assessment_scheme sc
                                              WHERE sc.tenant_id = p.tenant_id AND sc.scheme_id = p.scheme_id),
                                    'graded', g -> 'graded', 'places', g -> 'places', 'candidates', g -> 'candidates',
                                    'candidate_rank', g -> 'candidate_rank', 'tied', g -> 'tied'),
        'rank', g -> 'rank',
        'grade', g -> 'grade',
        'grade_en', (SELECT l.label_en FROM @extschema@.label l WHERE l.domain = 'grade' AND l.code = g ->> 'grade'),
        'grade_zh', (SELECT l.label_zh FROM @extschema@.label l WHERE l.domain = 'grade' AND l.code = g ->> 'grade'),
        'training', (SELECT jsonb_build_object('hours', coalesce(sum(r.hours), 0),
                                               'planned_hours', (SELECT lp.planned_hours FROM @extschema@.learning_plan lp
                                                                  WHERE lp.tenant_id = p.tenant_id AND lp.person_id = compute_explanation.person_id
                                                                    AND lp.year = extract(year FROM lower(p.span))::integer))
                       FROM @extschema@.training_record r
                      WHERE r.tenant_id = p.tenant_id AND r.person_id = compute_explanation.person_id
                        AND r.completed_on <@ p.span))
      FROM p
$$;

CREATE FUNCTION @extschema@.assessment_explanation(period_id bigint, person_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(
        (SELECT r.explanation FROM @extschema@.assessment_result r
           JOIN @extschema@.assessment_period ap ON ap.tenant_id = r.tenant_id AND ap.period_id = r.period_id AND ap.finalised
          WHERE r.tenant_id = @extschema@.current_tenant() AND r.period_id = assessment_explanation.period_id
            AND r.person_id = assessment_explanation.person_id),
        (SELECT @extschema@.compute_explanation(assessment_explanation.period_id, assessment_explanation.person_id, to_jsonb(c))
           FROM @extschema@.compute_grades(assessment_explanation.period_id) c
          WHERE c.person_id = assessment_explanation.person_id
            AND NOT EXISTS (SELECT FROM @extschema@.assessment_period ap
                             WHERE ap.tenant_id = @extschema@.current_tenant()
                               AND ap.period_id = assessment_explanation.period_id AND ap.finalised)))
$$;
COMMENT ON FUNCTION @extschema@.assessment_explanation(bigint, bigint) IS
    'The whole working of a person''s grade as JSON, to defend it at a hearing: each source with its raters'' scores (which were trimmed, the given score when normalised), mean, status and share after renormalisation; the quarterly scores combined; the score against the cut-offs; every cap with its rule in English and Chinese; the rank against the quota; the grade; training hours against the learning plan.  Frozen with the results once the period is finalised; NULL for a person not assessed in it';

-- ---------------------------------------------------------------------
-- Finalisation: results and a digest of the inputs, frozen.

CREATE FUNCTION @extschema@.period_digest(period_id bigint) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off  -- compiling its large plan costs more than running it
    AS $$
    SELECT encode(sha256(convert_to(
             coalesce((SELECT string_agg(concat_ws('|', i.person_id, i.source, i.origin, i.rater, i.score), E'\n'
                                         ORDER BY i.person_id, i.source, i.origin, i.rater)
                         FROM @extschema@.assessment_input i
                        WHERE i.tenant_id = @extschema@.current_tenant() AND i.period_id = period_digest.period_id), '')
             || E'\n--\n' ||
             coalesce((SELECT string_agg(concat_ws('|', s.person_id, s.on_probation, s.refused, k.caps), E'\n'
                                         ORDER BY s.person_id)
                         FROM @extschema@.assessment_subject s
                         LEFT JOIN (SELECT c.person_id, string_agg(c.rule || ':' || c.detail, ',' ORDER BY c.rule, c.detail) AS caps
                                      FROM @extschema@.grade_caps(period_digest.period_id) c
                                     GROUP BY c.person_id) k ON k.person_id = s.person_id
                        WHERE s.tenant_id = @extschema@.current_tenant() AND s.period_id = period_digest.period_id), ''),
             'UTF8')), 'hex')
$$;
COMMENT ON FUNCTION @extschema@.period_digest(bigint) IS
    'SHA-256 of what a period''s grades are computed from: every score counted, and each subject''s probation, refusal and caps (absences, cases, sanctions, complaints); compare it with the period''s digest to see whether anything changed since it was finalised';

-- It runs as the extension's owner, so that writers need no right to write
-- results or a period's state (see engine_begin() in 77_case_engine.sql).
CREATE FUNCTION @extschema@.period_event_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p record;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    NEW.recorded_by := SESSION_USER;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);
    SELECT * INTO p FROM @extschema@.assessment_period
     WHERE tenant_id = NEW.tenant_id AND period_id = NEW.period_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'period % does not exist', NEW.period_id USING ERRCODE = 'undefined_object';
    END IF;
    NEW.seq := coalesce((SELECT max(e.seq) FROM @extschema@.period_event e
                          WHERE e.tenant_id = NEW.tenant_id AND e.period_id = NEW.period_id), 0) + 1;
    IF NEW.action = 'finalised' THEN
        IF p.finalised THEN
            RAISE EXCEPTION 'period % is already finalised', NEW.period_id USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        DELETE FROM @extschema@.assessment_result r WHERE r.tenant_id = NEW.tenant_id AND r.period_id = NEW.period_id;
        INSERT INTO @extschema@.assessment_result (tenant_id, period_id, person_id, score, rank, grade, quota_tie, caps, explanation)
        SELECT NEW.tenant_id, NEW.period_id, c.person_id, c.score, c.rank, c.grade, c.quota_tie, c.caps,
               @extschema@.compute_explanation(NEW.period_id, c.person_id, to_jsonb(c))
          FROM @extschema@.compute_grades(NEW.period_id) c;
        NEW.digest := @extschema@.period_digest(NEW.period_id);
        UPDATE @extschema@.assessment_period SET finalised = true, digest = NEW.digest
         WHERE tenant_id = NEW.tenant_id AND period_id = NEW.period_id;
    ELSE
        IF NOT p.finalised THEN
            RAISE EXCEPTION 'period % is not finalised', NEW.period_id USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        IF coalesce(btrim(NEW.reason), '') = '' THEN
            RAISE EXCEPTION 'reopening period % needs a reason', NEW.period_id
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Say why the finalised results must change; it is kept in period_event.';
        END IF;
        UPDATE @extschema@.assessment_period SET finalised = false
         WHERE tenant_id = NEW.tenant_id AND period_id = NEW.period_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER period_event_apply BEFORE INSERT ON @extschema@.period_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.period_event_apply();

-- Results and events are written only by finalisation (or a restore).
CREATE FUNCTION @extschema@.assessment_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT @extschema@.engine_writing() AND NOT (TG_OP = 'INSERT' AND @extschema@.case_restoring()) THEN
        RAISE EXCEPTION '% of % refused: results are written by finalise_period() only', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Reopen the period with reopen_period(), change the inputs, and finalise it again.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER assessment_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_result
    FOR EACH ROW EXECUTE FUNCTION @extschema@.assessment_guard();
CREATE TRIGGER assessment_guard BEFORE UPDATE OR DELETE ON @extschema@.period_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.assessment_guard();

CREATE FUNCTION @extschema@.finalise_period(period_id bigint, actor_person_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS text
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.period_event (period_id, seq, action, at, actor_person_id)
    VALUES (finalise_period.period_id, 0, 'finalised', finalise_period.at, finalise_period.actor_person_id)
    RETURNING digest
$$;
COMMENT ON FUNCTION @extschema@.finalise_period(bigint, bigint, timestamptz) IS
    'Freezes a period: computes and stores every grade with its explanation under the period''s scheme, records who finalised it and returns the digest of its inputs; afterwards its inputs refuse changes until reopen_period()';

CREATE FUNCTION @extschema@.reopen_period(period_id bigint, actor_person_id bigint, reason text,
                                          at timestamptz DEFAULT pg_catalog.now()) RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.period_event (period_id, seq, action, at, actor_person_id, reason)
    VALUES (reopen_period.period_id, 0, 'reopened', reopen_period.at, reopen_period.actor_person_id, reopen_period.reason)
$$;
COMMENT ON FUNCTION @extschema@.reopen_period(bigint, bigint, text, timestamptz) IS
    'Reopens a finalised period so that its inputs may change, recording who and why (a reason is required); the frozen results stay until it is finalised again';

-- ---------------------------------------------------------------------
-- Consequences of the grade history, and the assessors' accountability.

CREATE FUNCTION @extschema@.assessment_consequences(period_id bigint)
    RETURNS TABLE (person_id bigint, grade @extschema@.grade, measure text, label_en text, label_zh text,
                   rule text, basis text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH p AS (
        SELECT ap.* FROM @extschema@.assessment_period ap
         WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = assessment_consequences.period_id
           AND ap.kind = 'annual' AND ap.finalised),
    history AS (
        SELECT r.person_id, r.grade, extract(year FROM lower(q.span))::integer AS year
          FROM p
          JOIN @extschema@.assessment_result me ON me.tenant_id = p.tenant_id AND me.period_id = p.period_id
          JOIN @extschema@.assessment_result r ON r.tenant_id = me.tenant_id AND r.person_id = me.person_id
          JOIN @extschema@.assessment_period q ON q.tenant_id = r.tenant_id AND q.period_id = r.period_id
         WHERE q.kind = 'annual' AND q.finalised AND lower(q.span) <= lower(p.span)),
    rules AS (
        SELECT c.* FROM @extschema@.consequence_rule c
         WHERE c.tenant_id = @extschema@.current_tenant()
            OR (c.tenant_id IS NULL AND NOT EXISTS (SELECT FROM @extschema@.consequence_rule o
                                                      WHERE o.tenant_id = @extschema@.current_tenant() AND o.code = c.code))),
    me AS (
        SELECT r.person_id, r.grade, extract(year FROM lower(p.span))::integer AS year,
               EXISTS (SELECT FROM @extschema@.sanction s
                        WHERE s.tenant_id = p.tenant_id AND s.person_id = r.person_id
                          AND s.starts_at >= lower(p.span)::timestamptz AND s.starts_at < upper(p.span)::timestamptz) AS accountable
          FROM p JOIN @extschema@.assessment_result r ON r.tenant_id = p.tenant_id AND r.period_id = p.period_id)
    SELECT me.person_id, me.grade, ru.code, ru.label_en, ru.label_zh,
           CASE WHEN ru.accumulated IS NOT NULL
                THEN format('%s years graded %s accumulated', ru.accumulated, array_to_string(ru.grades, ' or '))
                WHEN ru.in_a_row > 1
                THEN format('%s years in a row graded %s', ru.in_a_row, array_to_string(ru.grades, ' or '))
                ELSE format('graded %s', me.grade) END,
           ru.basis
      FROM me
      JOIN rules ru ON me.grade = ANY (ru.grades)
     WHERE NOT (ru.not_if_accountable AND me.accountable)
       -- a streak of in_a_row years calls for the measure once; the count
       -- starts again after it (three excellent years: merit, not every year after)
       AND (ru.in_a_row = 1
            OR (SELECT min(g) FROM generate_series(0, 100) g
                 WHERE NOT EXISTS (SELECT FROM history h
                                    WHERE h.person_id = me.person_id AND h.year = me.year - g
                                      AND h.grade = ANY (ru.grades))) % ru.in_a_row = 0)
       AND (ru.accumulated IS NULL
            OR (SELECT count(DISTINCT h.year) FROM history h
                 WHERE h.person_id = me.person_id AND h.grade = ANY (ru.grades)) % ru.accumulated = 0)
     ORDER BY me.person_id, ru.code
$$;
COMMENT ON FUNCTION @extschema@.assessment_consequences(bigint) IS
    'The measures each person''s annual grade history calls for, as of a finalised annual period (rules.md §1, consequence_rule): commendation; third-class merit after three excellent years in a row; a salary step every 2 and a rank level every 5 accumulated competent-or-better years; admonition for basically competent, lowered after two in a row; demotion for incompetent, dismissal after two in a row; commendations withheld from anyone sanctioned that year';

CREATE FUNCTION @extschema@.assessor_report(period_id bigint, threshold float8 DEFAULT 2.0, min_rated integer DEFAULT 3)
    RETURNS TABLE (source text, rater_id bigint, rated bigint, mean_given float8, source_mean float8,
                   deviation float8, finding text, label_en text, label_zh text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH r AS (
        SELECT i.source, i.rater, count(*) AS n, avg(i.score) AS mean, min(i.score) AS lo, max(i.score) AS hi
          FROM @extschema@.assessment_input i
         WHERE i.tenant_id = @extschema@.current_tenant() AND i.period_id = assessor_report.period_id
           AND i.origin = 'evaluation'
         GROUP BY i.source, i.rater),
    s AS (
        SELECT r.*, avg(r.mean) OVER w AS source_mean, stddev_pop(r.mean) OVER w AS sd
          FROM r WINDOW w AS (PARTITION BY r.source)),
    f AS (
        SELECT s.*, CASE WHEN s.sd > 0 THEN (s.mean - s.source_mean) / s.sd END AS z FROM s)
    SELECT f.source, f.rater, f.n, f.mean, f.source_mean, f.z, x.finding, l.label_en, l.label_zh
      FROM f
     CROSS JOIN LATERAL (SELECT 'far_from_source' AS finding WHERE abs(f.z) > assessor_report.threshold
                         UNION ALL
                         SELECT 'same_score_for_all' WHERE f.n >= assessor_report.min_rated AND f.lo = f.hi) x
      JOIN @extschema@.label l ON l.domain = 'assessor_finding' AND l.code = x.finding
     ORDER BY f.source, f.rater, x.finding
$$;
COMMENT ON FUNCTION @extschema@.assessor_report(bigint, float8, integer) IS
    'Assessor accountability (考核责任制): raters whose mean score sits more than threshold standard deviations from the mean of their source''s raters, and raters who gave everyone (at least min_rated people) the same score';

CREATE FUNCTION @extschema@.aggravating_facts(person_id bigint)
    RETURNS TABLE (fact text, label_en text, label_zh text, at timestamptz, detail text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT 'retaliation', 'retaliated against a complainant', '打击报复投诉人', r.at,
           format('complaint %s: %s', r.complaint_id, r.facts)
      FROM @extschema@.retaliation r
     WHERE r.tenant_id = @extschema@.current_tenant() AND r.person_id = aggravating_facts.person_id
     ORDER BY r.at
$$;
COMMENT ON FUNCTION @extschema@.aggravating_facts(bigint) IS
    'Recorded facts that aggravate (从重, rules.md §3) a sanction against the person: retaliation against a complainant; for the deciding body when it weighs decide_sanction(aggravating)';

COMMENT ON FUNCTION @extschema@.scheme_check() IS
    'Trigger: an active scheme never changes; cut-offs in order and the quota under its ceiling; activation checks that source and dimension weights sum to 1';
COMMENT ON FUNCTION @extschema@.scheme_part_guard() IS 'Trigger: the dimensions and sources of an active scheme never change';
COMMENT ON FUNCTION @extschema@.period_must_be_open(integer, bigint, text) IS
    'Raises 55000 when the period is finalised (what names the change refused)';
COMMENT ON FUNCTION @extschema@.period_check() IS
    'Trigger: a period needs an active scheme and a quota under its ceiling; a finalised period does not change; finalised and digest change only through period_event';
COMMENT ON FUNCTION @extschema@.subject_fill() IS
    'Trigger: a subject takes the kind and span of its period (so one person is never in two overlapping periods of a kind); none added, changed or removed in a finalised period';
COMMENT ON FUNCTION @extschema@.evaluation_check() IS
    'Trigger on evaluations and target results: the period exists and is open, the source is the scheme''s, nobody rates themselves unless the source allows it, scores by dimension give their weighted mean, a target result is of a duty of a post the person held during the period, every score within the scale';
COMMENT ON FUNCTION @extschema@.dated_input_check() IS
    'Trigger on memos, training, window ratings and complaints: refused when dated inside a finalised period of the person';
COMMENT ON FUNCTION @extschema@.compute_explanation(bigint, bigint, jsonb) IS
    'The explanation of one person''s grade, from their row of compute_grades() as JSON (see assessment_explanation())';
COMMENT ON FUNCTION @extschema@.period_event_apply() IS
    'Trigger: a finalisation stores the results with their explanations and the digest; a reopening (with a reason) lets the inputs change again';
COMMENT ON FUNCTION @extschema@.assessment_guard() IS
    'Trigger: results and period events are written only by finalise_period() and reopen_period() (or a superuser''s restore)';
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
    @extschema@.establish_false_accusation(bigint, bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.open_case(bigint, bigint, bigint, timestamptz),
    @extschema@.case_advance(bigint, @extschema@.case_state, bigint, text, timestamptz),
    @extschema@.case_extend(bigint, bigint, text, timestamptz),
    @extschema@.decide_sanction(bigint, text, integer, integer, boolean, boolean, boolean, timestamptz),
    @extschema@.establish_false_accusation(bigint, bigint, bigint, text)
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
-- pg_dump keeps the incidents and the tenants' own back-trace rules (see
-- 90_dump.sql); the built-in defaults come with CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.incident_actor', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.trace_rule', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.trace_reach', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.trace_category', 'WHERE NOT is_builtin');
-- pg_dump keeps cases, their frozen traces, their events and sanctions, and
-- the tenants' own limits and bands (see 90_dump.sql).  A superuser's
-- restore loads them as they were (case_restoring()).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.accountability_case', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_trace', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_event', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sanction', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sanction_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.case_limit', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sanction_band', 'WHERE NOT is_builtin');
-- pg_dump keeps schemes, periods, their inputs and frozen results, and the
-- tenants' own consequence rules (see 90_dump.sql).  A superuser's restore
-- loads them as they were: the triggers step aside (case_restoring()).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_scheme', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_dimension', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_source', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_period', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.period_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.period_event', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_subject', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.evaluation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.target_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.work_memo', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.memo_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_record', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.learning_plan', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.window_rating', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rating_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complaint', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complaint_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complainant', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.retaliation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.retaliation_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.consequence_rule', 'WHERE NOT is_builtin');
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
