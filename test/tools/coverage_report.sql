-- The coverage report in PL/pgSQL over the C parts (coverage_sweep,
-- coverage_structure, finding_explanation): coverage_report()'s text until
-- 0.5.0, when the report moved to C.  The tests compare the C report with
-- it row for row, in order; the benchmark replaces its three C calls by
-- their plain SQL to make the baseline.  Defines
-- pg_temp.coverage_report_sql(unit_id, from_at, to_at).
CREATE OR REPLACE FUNCTION pg_temp.coverage_report_sql(unit_id bigint, from_at timestamptz, to_at timestamptz)
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
    -- The findings over time (coverage_sweep) and the structural ones
    -- (coverage_structure) both come from C; this query names, explains
    -- and sorts them.
    RETURN QUERY EXECUTE $q$
WITH
found AS (
    SELECT c.kind, c.object_kind, c.object_id, c.position_id, c.person_id, c.span, c.positions,
           NULL::bigint[] AS duties
      FROM responsibility.coverage_sweep($1, $2, $3) c
    UNION ALL
    SELECT c.kind, c.object_kind, c.object_id, c.position_id, NULL, c.span, NULL, c.duties
      FROM responsibility.coverage_structure($1, $2, $3) c
)
-- The findings are sorted while they are narrow; then each object's title
-- is fetched once (OFFSET 0 keeps that subquery whole, so the title is not
-- looked up again for each place it is used) and the explanations are
-- written.  The ORDER BY of each level lets the next take the order over
-- without sorting again.
SELECT f.kind, f.kind_zh, f.object_kind, f.object_id, f.title,
       f.position_id, f.person_id, f.span, f.positions, f.duties,
       responsibility.finding_explanation(f.kind, f.object_kind, f.object_id, f.title, f.position_id,
                                       f.person_id, f.span, f.positions, f.duties, 'en'),
       responsibility.finding_explanation(f.kind, f.object_kind, f.object_id, f.title, f.position_id,
                                       f.person_id, f.span, f.positions, f.duties, 'zh')
  FROM (SELECT f.*,
               CASE f.object_kind
               WHEN 'duty' THEN (SELECT d.title FROM responsibility.duty d WHERE d.tenant_id = $4 AND d.duty_id = f.object_id)
               WHEN 'step' THEN (SELECT st.name FROM responsibility.process_step st WHERE st.tenant_id = $4 AND st.step_id = f.object_id)
               WHEN 'process' THEN (SELECT p.title FROM responsibility.process p WHERE p.tenant_id = $4 AND p.process_id = f.object_id)
               WHEN 'power' THEN (SELECT pw.title FROM responsibility.power pw WHERE pw.tenant_id = $4 AND pw.power_id = f.object_id)
               WHEN 'unit' THEN (SELECT u.name FROM responsibility.unit u WHERE u.tenant_id = $4 AND u.unit_id = f.object_id)
               ELSE (SELECT po.title FROM responsibility.position po WHERE po.tenant_id = $4 AND po.position_id = f.object_id) END
               AS title
          FROM (SELECT f.*, lower(f.span) AS since, l.label_zh AS kind_zh
                  FROM found f LEFT JOIN responsibility.label l ON l.domain = 'finding' AND l.code = f.kind
                 ORDER BY f.kind, f.object_kind, f.object_id, lower(f.span), f.position_id, f.person_id) f
         ORDER BY f.kind, f.object_kind, f.object_id, f.since, f.position_id, f.person_id
        OFFSET 0) f
 ORDER BY f.kind, f.object_kind, f.object_id, f.since, f.position_id, f.person_id$q$
    USING unit_id, from_at, to_at, responsibility.current_tenant();
END
$f$;
