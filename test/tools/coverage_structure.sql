-- The structural findings of the coverage report in plain SQL: the text
-- that was coverage_report()'s before they moved to C (0.5.0), kept as the
-- reference the tests compare coverage_structure() with and the baseline of
-- the benchmark.  Defines pg_temp.coverage_structure_sql(unit_id, from_at,
-- to_at), with coverage_structure()'s columns.
CREATE OR REPLACE FUNCTION pg_temp.coverage_structure_sql(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, span tstzrange, duties bigint[])
    LANGUAGE sql STABLE
    AS $f$
WITH RECURSIVE
t AS (SELECT responsibility.current_tenant() AS tenant_id),
win AS (SELECT tstzrange($2, $3) AS w),
scope AS (
    SELECT u.unit_id FROM responsibility.unit u, t
     WHERE u.tenant_id = t.tenant_id AND u.unit_id = $1
    UNION ALL
    SELECT u.unit_id FROM responsibility.unit u JOIN scope s ON u.parent_id = s.unit_id, t
     WHERE u.tenant_id = t.tenant_id),
procs AS (
    SELECT p.* FROM responsibility.process p, t, win
     WHERE p.tenant_id = t.tenant_id AND p.valid && win.w
       AND p.unit_id IN (SELECT s.unit_id FROM scope s)),
steps AS (
    SELECT st.*, p.valid FROM responsibility.process_step st
      JOIN procs p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id),
handoffs AS (
    SELECT h.* FROM responsibility.step_handoff h
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
      FROM reach r JOIN responsibility.step_handoff h
        ON h.tenant_id = (SELECT t.tenant_id FROM t) AND h.from_step = r.step_id),
closure AS (
    SELECT h.from_step, h.to_step FROM handoffs h
    UNION
    SELECT c.from_step, h.to_step
      FROM closure c JOIN responsibility.step_handoff h
        ON h.tenant_id = (SELECT t.tenant_id FROM t) AND h.from_step = c.to_step),
duties AS (
    SELECT d.* FROM responsibility.duty d, t, win
     WHERE d.tenant_id = t.tenant_id AND d.valid && win.w
       AND d.unit_id IN (SELECT s.unit_id FROM scope s)),
powers AS (
    SELECT pw.* FROM responsibility.power pw, t, win
     WHERE pw.tenant_id = t.tenant_id AND pw.valid && win.w
       AND pw.unit_id IN (SELECT s.unit_id FROM scope s)),
found AS (
    SELECT 'dead_end' AS kind, 'step' AS object_kind, st.step_id AS object_id, NULL::bigint AS position_id,
           NULL::bigint AS person_id, st.valid * win.w AS span, NULL::bigint[] AS positions, NULL::bigint[] AS duties
      FROM steps st, win
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
     WHERE NOT EXISTS (SELECT FROM responsibility.power_duty pd
                        WHERE pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id)
    UNION ALL
    SELECT 'power_without_consequence', 'power', pw.power_id, pw.position_id, NULL, pw.valid * win.w,
           NULL, array_agg(pd.duty_id ORDER BY pd.duty_id)
      FROM powers pw, win, responsibility.power_duty pd, responsibility.duty d
     WHERE pd.tenant_id = pw.tenant_id AND pd.power_id = pw.power_id
       AND d.tenant_id = pd.tenant_id AND d.duty_id = pd.duty_id
       AND coalesce(btrim(d.consequence), '') = ''
     GROUP BY pw.power_id, pw.position_id, pw.valid, win.w
    UNION ALL
    SELECT 'duty_without_consequence', 'duty', d.duty_id, NULL, NULL, d.valid * win.w, NULL, NULL FROM duties d, win
     WHERE coalesce(btrim(d.consequence), '') = ''
)
SELECT f.kind, f.object_kind, f.object_id, f.position_id, f.span, f.duties FROM found f
$f$;
