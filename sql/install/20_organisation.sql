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
