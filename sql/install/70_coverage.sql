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
