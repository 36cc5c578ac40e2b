-- responsibility 0.3.0 -> 0.4.0.  Built by the Makefile: this header, then
-- the install sources that are new in 0.4.0 or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.4.0'" to load this file. \quit

-- The words of the coverage report move to C (src/coverage_text.c);
-- 72_coverage_report.sql replaces span_text() and span_bound_text() and adds
-- finding_explanation().
-- Incidents, the back-trace's rules as policy data and the back-trace,
-- cases and sanctions (66_incident.sql, 68_case.sql, 76_backtrace.sql,
-- 78_case_api.sql, their security and dump) are new.
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
-- The coverage report itself: the findings of coverage_sweep() and the
-- structural ones in SQL, each object named and each finding explained in
-- English and Chinese.  CREATE OR REPLACE: the update scripts replace these
-- as they are.

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

CREATE OR REPLACE FUNCTION @extschema@.coverage_report(unit_id bigint, from_at timestamptz, to_at timestamptz)
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
-- The findings are sorted while they are narrow; then each object's title
-- is fetched once (OFFSET 0 keeps that subquery whole, so the title is not
-- looked up again for each place it is used) and the explanations are
-- written.  The ORDER BY of each level lets the next take the order over
-- without sorting again.
SELECT f.kind, f.kind_zh, f.object_kind, f.object_id, f.title,
       f.position_id, f.person_id, f.span, f.positions, f.duties,
       @extschema@.finding_explanation(f.kind, f.object_kind, f.object_id, f.title, f.position_id,
                                       f.person_id, f.span, f.positions, f.duties, 'en'),
       @extschema@.finding_explanation(f.kind, f.object_kind, f.object_id, f.title, f.position_id,
                                       f.person_id, f.span, f.positions, f.duties, 'zh')
  FROM (SELECT f.*,
               CASE f.object_kind
               WHEN 'duty' THEN (SELECT d.title FROM @extschema@.duty d WHERE d.tenant_id = $4 AND d.duty_id = f.object_id)
               WHEN 'step' THEN (SELECT st.name FROM @extschema@.process_step st WHERE st.tenant_id = $4 AND st.step_id = f.object_id)
               WHEN 'process' THEN (SELECT p.title FROM @extschema@.process p WHERE p.tenant_id = $4 AND p.process_id = f.object_id)
               WHEN 'power' THEN (SELECT pw.title FROM @extschema@.power pw WHERE pw.tenant_id = $4 AND pw.power_id = f.object_id)
               WHEN 'unit' THEN (SELECT u.name FROM @extschema@.unit u WHERE u.tenant_id = $4 AND u.unit_id = f.object_id)
               ELSE (SELECT po.title FROM @extschema@.position po WHERE po.tenant_id = $4 AND po.position_id = f.object_id) END
               AS title
          FROM (SELECT f.*, lower(f.span) AS since, l.label_zh AS kind_zh
                  FROM found f LEFT JOIN @extschema@.label l ON l.domain = 'finding' AND l.code = f.kind
                 ORDER BY f.kind, f.object_kind, f.object_id, lower(f.span), f.position_id, f.person_id) f
         ORDER BY f.kind, f.object_kind, f.object_id, f.since, f.position_id, f.person_id
        OFFSET 0) f
 ORDER BY f.kind, f.object_kind, f.object_id, f.since, f.position_id, f.person_id$q$
    USING unit_id, from_at, to_at, @extschema@.current_tenant();
END
$f$;
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

CREATE FUNCTION @extschema@.case_opened() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NULL;
    END IF;
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

CREATE TRIGGER case_open BEFORE INSERT ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_open();
CREATE TRIGGER case_opened AFTER INSERT ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_opened();

-- A transition: checked against due process, then applied to the case.
CREATE FUNCTION @extschema@.case_event_apply() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    served_at timestamptz;
    reexamined_at timestamptz;
    due timestamptz;
    window_name text;
BEGIN
    IF (NEW.to_state = 'opened' AND pg_catalog.pg_trigger_depth() > 1) OR @extschema@.case_restoring() THEN
        RETURN NEW;				-- the opening, recorded by case_opened()
    END IF;
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
CREATE TRIGGER case_event_apply BEFORE INSERT ON @extschema@.case_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_event_apply();

-- The guards: cases, traces, events and sanctions change only through the
-- triggers above (which run one level deeper).
CREATE FUNCTION @extschema@.case_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF pg_catalog.pg_trigger_depth() <= 1 AND NOT (TG_OP = 'INSERT' AND @extschema@.case_restoring()) THEN
        RAISE EXCEPTION '% of % refused: cases change only through their transitions', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Use open_case(), case_advance(), case_extend() and decide_sanction(); a case''s record is kept as it was made (a superuser may remove test data with session_replication_role = replica, which turns triggers off).';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION @extschema@.case_guard() IS
    'Trigger: refuses any write to a case, its trace, its events or its sanctions that is not made by the case''s own triggers';
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.case_trace
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.case_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.sanction
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();

-- A sanction: in the band, for the period the law allows, combined with
-- what is in force, never heavier on appeal.
CREATE FUNCTION @extschema@.sanction_apply() RETURNS trigger
    LANGUAGE plpgsql
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
-- sanctions; the triggers of 78_case_api.sql run as the writer, so writers
-- hold INSERT on the trace and UPDATE on cases and sanctions too, and the
-- guards refuse any such write that does not come from those triggers.

REVOKE ALL ON @extschema@.accountability_case, @extschema@.case_trace, @extschema@.case_event,
    @extschema@.sanction, @extschema@.case_limit, @extschema@.sanction_band,
    @extschema@.case_transition_rule, @extschema@.sanction_kind FROM PUBLIC;
GRANT SELECT ON @extschema@.accountability_case, @extschema@.case_trace, @extschema@.case_event,
    @extschema@.sanction, @extschema@.case_limit, @extschema@.sanction_band,
    @extschema@.case_transition_rule, @extschema@.sanction_kind TO responsibility_reader;
GRANT INSERT ON @extschema@.accountability_case, @extschema@.case_trace, @extschema@.case_event,
    @extschema@.sanction TO responsibility_writer;
GRANT UPDATE ON @extschema@.accountability_case, @extschema@.sanction TO responsibility_writer;
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
