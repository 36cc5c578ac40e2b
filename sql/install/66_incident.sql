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
    overdue     boolean NOT NULL DEFAULT false,
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
COMMENT ON COLUMN @extschema@.incident.overdue IS
    'The failure is a delay: the work was not done within its time limit (逾期未办), as a red card of the supervision of approvals records; its handler (or the step''s owner) answers by the rule overdue';
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
    rule        text NOT NULL CHECK (rule OPERATOR(pg_catalog.=) ANY ('{handler_error,reviewer_missed,approver_missed,reviewer_overruled,handler_overruled,approver_after_overruling,approver_overruled,overruled_below,instructed,decision_maker,decision_wrong_view,decision_right_view,higher_organ_changed,false_accusation,step_owner,duty_owner,supervisor,no_owner,superior,unit_head,in_charge,head,head_decision_major_loss,vacant,overdue,took_over_direct,took_over_main_leadership,took_over_important_leadership,took_over_supervisory}'::text[])),
    kind        @extschema@.responsibility_kind,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT trace_rule_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, rule)
);
COMMENT ON TABLE @extschema@.trace_rule IS
    'The rules of the back-trace (rules.md §2): for each, the kind of responsibility it puts a person in (NULL: none), in words; tenant_id NULL is the default, a tenant''s row overrides it.  A post nobody answered for passes the kind its rule gives to the next person up by took_over_<kind>';
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
    ('vacant', NULL, 'the post was vacant or its holder absent with nobody acting: the responsibility passes up', '岗位空缺或在岗者缺位且无人代理，责任上移', 'mission.md A1 [seed]', true),
    ('overdue', 'direct', 'did not act within the time limit', '逾期未办', 'rules.md §4-§5: time limits, red card and fault liability [P][S]', true),
    ('took_over_direct', 'main_leadership', 'answered, as the next person up, for the work of a post below left vacant', '下级岗位空缺，作为上一级承担其工作责任', 'rules.md §2 main leadership: in charge of the work (主管) [S]', true),
    ('took_over_main_leadership', 'important_leadership', 'answered, as the next person up, for a leader''s post below left vacant', '下级领导岗位空缺，作为上一级承担领导责任', 'rules.md §2 important leadership [S]', true),
    ('took_over_important_leadership', 'important_leadership', 'answered, as the next person up, for a leader''s post below left vacant', '下级领导岗位空缺，作为上一级承担领导责任', 'rules.md §2 important leadership [S]', true),
    ('took_over_supervisory', 'supervisory', 'answered, as the next person up, for a supervising post left vacant', '监管岗位空缺，作为上一级承担监管责任', 'mission.md A2 [seed]', true);

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
