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
