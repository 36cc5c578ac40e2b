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



CREATE TRIGGER case_open BEFORE INSERT ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_open();
CREATE TRIGGER case_opened AFTER INSERT ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_opened();

CREATE TRIGGER case_event_apply BEFORE INSERT ON @extschema@.case_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_event_apply();

CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.accountability_case
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.case_trace
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.case_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();
CREATE TRIGGER case_guard BEFORE UPDATE OR DELETE ON @extschema@.sanction
    FOR EACH ROW EXECUTE FUNCTION @extschema@.case_guard();

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
