-- The coverage report itself: the findings of coverage_sweep() and
-- coverage_structure(), each object named and each finding explained in
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

CREATE OR REPLACE FUNCTION @extschema@.coverage_structure(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, span tstzrange, duties bigint[])
    AS 'MODULE_PATHNAME', 'coverage_structure'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 100
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.coverage_structure(bigint, timestamptz, timestamptz) IS
    'The structural findings of the coverage report, in C over the hand-off graph: dead_end, cycle, unreachable, no_approver, power_without_duty, power_without_consequence (with its duties without consequence), duty_without_consequence, each with the life of its object inside [from_at, to_at)';

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
    -- The findings over time (coverage_sweep) and the structural ones
    -- (coverage_structure) both come from C; this query names, explains
    -- and sorts them.
    RETURN QUERY EXECUTE $q$
WITH
found AS (
    SELECT c.kind, c.object_kind, c.object_id, c.position_id, c.person_id, c.span, c.positions,
           NULL::bigint[] AS duties
      FROM @extschema@.coverage_sweep($1, $2, $3) c
    UNION ALL
    SELECT c.kind, c.object_kind, c.object_id, c.position_id, NULL, c.span, NULL, c.duties
      FROM @extschema@.coverage_structure($1, $2, $3) c
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
