-- responsibility 0.5.0 -> @DEV_VERSION@.  Built by the Makefile: this header,
-- then the install sources that are new or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE" to load this file. \quit

-- The back-trace (issue 21): one row per person with every rule that named
-- them (backtrace() gains rules); delays (incident.overdue, rule overdue);
-- vacancies pass their kind up (took_over_<kind>).
ALTER TABLE @extschema@.incident ADD COLUMN overdue boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN @extschema@.incident.overdue IS
    'The failure is a delay: the work was not done within its time limit (逾期未办), as a red card of the supervision of approvals records; its handler (or the step''s owner) answers by the rule overdue';
ALTER TABLE @extschema@.trace_rule DROP CONSTRAINT trace_rule_rule_check;
ALTER TABLE @extschema@.trace_rule ADD CONSTRAINT trace_rule_rule_check CHECK (rule OPERATOR(pg_catalog.=) ANY ('{handler_error,reviewer_missed,approver_missed,reviewer_overruled,handler_overruled,approver_after_overruling,approver_overruled,overruled_below,instructed,decision_maker,decision_wrong_view,decision_right_view,higher_organ_changed,false_accusation,step_owner,duty_owner,supervisor,no_owner,superior,unit_head,in_charge,head,head_decision_major_loss,vacant,overdue,took_over_direct,took_over_main_leadership,took_over_important_leadership,took_over_supervisory}'::text[]));
INSERT INTO @extschema@.trace_rule (rule, kind, label_en, label_zh, basis, is_builtin) VALUES
    ('overdue', 'direct', 'did not act within the time limit', '逾期未办', 'rules.md §4-§5: time limits, red card and fault liability [P][S]', true),
    ('took_over_direct', 'main_leadership', 'answered, as the next person up, for the work of a post below left vacant', '下级岗位空缺，作为上一级承担其工作责任', 'rules.md §2 main leadership: in charge of the work (主管) [S]', true),
    ('took_over_main_leadership', 'important_leadership', 'answered, as the next person up, for a leader''s post below left vacant', '下级领导岗位空缺，作为上一级承担领导责任', 'rules.md §2 important leadership [S]', true),
    ('took_over_important_leadership', 'important_leadership', 'answered, as the next person up, for a leader''s post below left vacant', '下级领导岗位空缺，作为上一级承担领导责任', 'rules.md §2 important leadership [S]', true),
    ('took_over_supervisory', 'supervisory', 'answered, as the next person up, for a supervising post left vacant', '监管岗位空缺，作为上一级承担监管责任', 'mission.md A2 [seed]', true);
COMMENT ON TABLE @extschema@.trace_rule IS
    'The rules of the back-trace (rules.md §2): for each, the kind of responsibility it puts a person in (NULL: none), in words; tenant_id NULL is the default, a tenant''s row overrides it.  A post nobody answered for passes the kind its rule gives to the next person up by took_over_<kind>';
DROP FUNCTION @extschema@.backtrace(bigint);
DROP FUNCTION @extschema@.backtrace(bigint[]);

-- Cases and sanctions (issue 21): the frozen trace keeps every rule; the
-- subject's waiver; periods dated in the tenant's calendar time zone, with
-- the period in force, the 48-month cap and an expulsion's ended tenures.
ALTER TABLE @extschema@.tenant ADD COLUMN calendar text NOT NULL DEFAULT 'cn' REFERENCES @extschema@.calendar;
COMMENT ON COLUMN @extschema@.tenant.calendar IS
    'The tenant''s calendar: its time zone dates sanction periods, which end on the same day whatever the session''s TimeZone';
ALTER TABLE @extschema@.case_trace ADD COLUMN rules text[];
COMMENT ON COLUMN @extschema@.case_trace.rules IS
    'Every rule of the back-trace that named the person, the governing one (rule) first';
UPDATE @extschema@.case_trace SET rules = ARRAY[rule];
ALTER TABLE @extschema@.case_event ALTER COLUMN recorded_by SET DEFAULT SESSION_USER;
ALTER TABLE @extschema@.case_event ADD COLUMN is_waiver boolean NOT NULL DEFAULT false;
COMMENT ON TABLE @extschema@.case_event IS
    'Every transition of a case, with who made it, when and why; an extension of the decision limit (is_extension) and the subject''s written waiver of their windows (is_waiver) keep the state';
COMMENT ON COLUMN @extschema@.case_event.recorded_by IS
    'The role that recorded the event (the session user), for every event including the opening; set by the trigger, whatever the statement says';
COMMENT ON COLUMN @extschema@.case_event.is_waiver IS
    'The subject waived in writing the re-examination, appeal and review still open to them (case_waive): the case may close before those windows end';
ALTER TABLE @extschema@.sanction ADD COLUMN in_force interval, ADD COLUMN capped boolean NOT NULL DEFAULT false,
    ADD COLUMN ended_tenures jsonb;
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
UPDATE @extschema@.sanction SET in_force = months * interval '1 month' WHERE months IS NOT NULL;
-- case_open, case_extend, decide_sanction and case_deadlines move to
-- 77_case_engine.sql (replaced there); case_waive is new.
