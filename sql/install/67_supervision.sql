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
