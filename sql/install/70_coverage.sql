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
