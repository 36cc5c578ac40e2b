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

-- The calendar whose time zone dates a tenant's sanction periods (a period
-- ends on the same day whatever the session's TimeZone).
ALTER TABLE @extschema@.tenant ADD COLUMN calendar text NOT NULL DEFAULT 'cn' REFERENCES @extschema@.calendar;
COMMENT ON COLUMN @extschema@.tenant.calendar IS
    'The tenant''s calendar: its time zone dates sanction periods, which end on the same day whatever the session''s TimeZone';

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
    rules       text[],
    PRIMARY KEY (tenant_id, case_id, ord),
    FOREIGN KEY (tenant_id, case_id) REFERENCES @extschema@.accountability_case (tenant_id, case_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.case_trace IS
    'The back-trace of the case''s incident as it was when the case was opened: a later reorganisation or change of rules never changes it';
COMMENT ON COLUMN @extschema@.case_trace.rules IS
    'Every rule of the back-trace that named the person, the governing one (rule) first';

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
    recorded_by name NOT NULL DEFAULT SESSION_USER,
    is_waiver   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, case_id, seq),
    FOREIGN KEY (tenant_id, case_id) REFERENCES @extschema@.accountability_case (tenant_id, case_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.case_event IS
    'Every transition of a case, with who made it, when and why; an extension of the decision limit (is_extension) and the subject''s written waiver of their windows (is_waiver) keep the state';
COMMENT ON COLUMN @extschema@.case_event.recorded_by IS
    'The role that recorded the event (the session user), for every event including the opening; set by the trigger, whatever the statement says';
COMMENT ON COLUMN @extschema@.case_event.is_waiver IS
    'The subject waived in writing the re-examination, appeal and review still open to them (case_waive): the case may close before those windows end';

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
    in_force    interval,
    capped      boolean NOT NULL DEFAULT false,
    ended_tenures jsonb,
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
    'The period decided: the kind''s period, or for several offences of the same kind between one period and their sum, 48 months at most';
COMMENT ON COLUMN @extschema@.sanction.starts_at IS
    'When the sanction takes effect: the decision by default, never before the decision nor before the incident';
COMMENT ON COLUMN @extschema@.sanction.ends_at IS
    'The end of the period in force: the start plus the months decided, or, during another sanction''s period, that one''s end plus the months decided (the remainder plus the new period), in calendar months of the tenant''s calendar time zone; at most 48 months after the start (capped); NULL without end';
COMMENT ON COLUMN @extschema@.sanction.in_force IS
    'The period actually in force from starts_at: the months decided, plus the remainder carried (in calendar terms of the tenant''s calendar time zone), 48 months at most (e.g. 1 year 1 mon 29 days)';
COMMENT ON COLUMN @extschema@.sanction.ended_tenures IS
    'For an expulsion: the tenures (and their absences) it ended, as they were, put back if a re-examination, appeal or review replaces it';
COMMENT ON COLUMN @extschema@.sanction.capped IS
    'The combined period was cut at 48 months (处分条例 art. 10; 政务处分法 art. 15)';
COMMENT ON COLUMN @extschema@.sanction.superseded_at IS
    'When a later sanction took over the rest of this one''s period, or a decision on appeal replaced it';
