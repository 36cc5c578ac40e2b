-- The coverage report itself: the findings of coverage_sweep() and
-- coverage_structure(), each object named and each finding explained in
-- English and Chinese, in C (src/coverage_report.c; until 0.5.0 this was
-- PL/pgSQL, now test/tools/coverage_report.sql, the tests' reference).
-- CREATE OR REPLACE: the update scripts replace these as they are.

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
    AS 'MODULE_PATHNAME', 'coverage_report'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1000
    SET search_path = pg_catalog, pg_temp;
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
