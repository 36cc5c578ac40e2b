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
