-- The public white paper (部门责任白皮书, R6) of a unit as of a date, and
-- diagrams (Mermaid, Graphviz DOT) of a unit's command structure and of a
-- process, vacancies and gaps marked.

CREATE FUNCTION @extschema@.white_paper_json(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH RECURSIVE
    t AS (SELECT @extschema@.current_tenant() AS tenant_id),
    scope AS (
        SELECT u.unit_id FROM @extschema@.unit u, t
         WHERE u.tenant_id = t.tenant_id AND u.unit_id = white_paper_json.unit_id AND u.valid @> at
        UNION ALL
        SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id, t
         WHERE u.tenant_id = t.tenant_id AND u.valid @> at)
    SELECT jsonb_build_object(
        'unit_id', u.unit_id, 'unit', u.name, 'as_of', at,
        'duties', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'duty_id', d.duty_id, 'code', d.code, 'title', d.title, 'unit', du.name,
                       'basis', d.basis, 'domain', d.domain, 'target', d.target,
                       'target_value', d.target_value, 'target_unit', d.target_unit,
                       'measure', d.measure, 'consequence', d.consequence,
                       'owners', coalesce((
                           SELECT jsonb_agg(jsonb_build_object('position_id', o.position_id, 'post', po.title,
                                                               'post_unit', pu.name, 'ownership', o.kind)
                                            ORDER BY o.kind, o.position_id)
                             FROM @extschema@.duty_owner o
                             JOIN @extschema@.position po ON po.tenant_id = o.tenant_id AND po.position_id = o.position_id
                             JOIN @extschema@.unit pu ON pu.tenant_id = po.tenant_id AND pu.unit_id = po.unit_id
                            WHERE o.tenant_id = d.tenant_id AND o.duty_id = d.duty_id AND o.during @> at), '[]'))
                   ORDER BY d.unit_id, d.code, d.duty_id)
              FROM @extschema@.duty d JOIN scope s ON s.unit_id = d.unit_id
              JOIN @extschema@.unit du ON du.tenant_id = d.tenant_id AND du.unit_id = d.unit_id, t
             WHERE d.tenant_id = t.tenant_id AND d.public_interest AND d.valid @> at), '[]'),
        'processes', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                       'process_id', p.process_id, 'code', p.code, 'title', p.title, 'domain', p.domain,
                       -- the longest way through the hand-offs from the first step
                       'time_limit_working_days', (
                           WITH RECURSIVE walk(step_id, total, path) AS (
                               SELECT st.step_id, coalesce(st.time_limit, 0), ARRAY[st.step_id]
                                 FROM @extschema@.process_step st
                                WHERE st.tenant_id = p.tenant_id AND st.process_id = p.process_id
                                  AND st.seq = (SELECT min(s1.seq) FROM @extschema@.process_step s1
                                                 WHERE s1.tenant_id = p.tenant_id AND s1.process_id = p.process_id)
                               UNION ALL
                               SELECT h.to_step, w.total + coalesce(n.time_limit, 0), w.path || h.to_step
                                 FROM walk w
                                 JOIN @extschema@.step_handoff h ON h.tenant_id = p.tenant_id AND h.from_step = w.step_id
                                 JOIN @extschema@.process_step n ON n.tenant_id = h.tenant_id AND n.step_id = h.to_step
                                WHERE h.to_step <> ALL (w.path))
                           SELECT max(total) FROM walk),
                       'steps', (SELECT jsonb_agg(jsonb_build_object(
                                            'seq', st.seq, 'step', st.name, 'role', st.role,
                                            'time_limit_working_days', st.time_limit,
                                            'post', (SELECT po.title || ', ' || pu.name FROM @extschema@.step_owner o
                                                       JOIN @extschema@.position po
                                                         ON po.tenant_id = o.tenant_id AND po.position_id = o.position_id
                                                       JOIN @extschema@.unit pu
                                                         ON pu.tenant_id = po.tenant_id AND pu.unit_id = po.unit_id
                                                      WHERE o.tenant_id = st.tenant_id AND o.step_id = st.step_id
                                                        AND o.during @> at
                                                      ORDER BY o.position_id LIMIT 1))
                                        ORDER BY st.seq)
                                   FROM @extschema@.process_step st
                                  WHERE st.tenant_id = p.tenant_id AND st.process_id = p.process_id))
                   ORDER BY p.code, p.process_id)
              FROM @extschema@.process p JOIN scope s ON s.unit_id = p.unit_id, t
             WHERE p.tenant_id = t.tenant_id AND p.valid @> at), '[]'))
      FROM @extschema@.unit u, t
     WHERE u.tenant_id = t.tenant_id AND u.unit_id = white_paper_json.unit_id AND u.valid @> at
$$;
COMMENT ON FUNCTION @extschema@.white_paper_json(bigint, timestamptz) IS
    'Public white paper (部门责任白皮书) of a unit and its sub-units as of a moment, as JSON: public-interest duties with basis, targets, consequences and owning posts; processes with their steps, owning posts (with their units) and time limits (the process''s: its longest way through the hand-offs). NULL when the unit did not exist then';

CREATE FUNCTION @extschema@.white_paper_markdown(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'# %s: white paper of duties 部门责任白皮书\n\nAs of %s.\n\n## Duties to the public 公共责任\n\n%s\n## Processes and time limits 办事流程与时限\n\n%s',
                  w->>'unit', to_char(at, 'YYYY-MM-DD'),
                  coalesce((SELECT string_agg(format(E'### %s\n\n- Unit 单位: %s\n- Basis 依据: %s\n- Target 指标: %s\n- Measured by 考核方法: %s\n- Consequence 责任追究: %s\n- Owned by 责任岗位: %s\n',
                                                      d->>'title', d->>'unit', coalesce(d->>'basis', '—'),
                                                      coalesce(d->>'target', '—'), coalesce(d->>'measure', '—'),
                                                      coalesce(d->>'consequence', '— (none: 有责无罚)'),
                                                      coalesce((SELECT string_agg(format('%s, %s (%s)', o->>'post', o->>'post_unit',
                                                                    CASE o->>'ownership' WHEN 'primary' THEN 'primary 主体责任'
                                                                         ELSE 'supervisory 监管责任' END), '; ' ORDER BY ord)
                                                                  FROM jsonb_array_elements(d->'owners') WITH ORDINALITY x(o, ord)),
                                                               'nobody (gap 责任死角)')),
                                               E'\n' ORDER BY ord)
                              FROM jsonb_array_elements(w->'duties') WITH ORDINALITY y(d, ord)),
                           E'None.\n'),
                  coalesce((SELECT string_agg(format(E'### %s\n\nDomain 领域: %s; time limit 办结时限: %s working days 工作日 (the longest way through its steps).\n\n| # | Step 环节 | Role 角色 | Limit 时限 (working days) | Post 岗位 |\n|---|---|---|---|---|\n%s',
                                                      p->>'title', coalesce(p->>'domain', '—'),
                                                      coalesce(p->>'time_limit_working_days', '—'),
                                                      coalesce((SELECT string_agg(format(E'| %s | %s | %s | %s | %s |\n',
                                                                    s->>'seq', s->>'step', s->>'role',
                                                                    coalesce(s->>'time_limit_working_days', '—'),
                                                                    coalesce(s->>'post', 'nobody (gap 责任死角)')), '' ORDER BY ord)
                                                                  FROM jsonb_array_elements(p->'steps') WITH ORDINALITY z(s, ord)), '')),
                                               E'\n' ORDER BY ord)
                              FROM jsonb_array_elements(w->'processes') WITH ORDINALITY y(p, ord)),
                           E'None.\n'))
      FROM @extschema@.white_paper_json(unit_id, at) w
     WHERE w IS NOT NULL
$$;
COMMENT ON FUNCTION @extschema@.white_paper_markdown(bigint, timestamptz) IS
    'Public white paper (部门责任白皮书) of a unit as of a moment, as Markdown (the JSON of white_paper_json, for publication); NULL when the unit did not exist then';

-- Text in a diagram label: quotes and line breaks made safe for either format.
CREATE FUNCTION @extschema@.diagram_label(label text, format text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE format
           WHEN 'dot' THEN replace(replace(replace(label, E'\\', E'\\\\'), '"', E'\\"'), E'\n', E'\\n')
           ELSE replace(replace(replace(replace(label, '"', '#quot;'), '<', '#lt;'), '>', '#gt;'), E'\n', '<br/>') END;
COMMENT ON FUNCTION @extschema@.diagram_label(text, text) IS
    'A label made safe for a Mermaid (''mermaid'') or Graphviz (''dot'') diagram';

CREATE FUNCTION @extschema@.unit_diagram(unit_id bigint, at timestamptz DEFAULT pg_catalog.now(),
                                         format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.unit u WHERE u.tenant_id = tenant AND u.unit_id = unit_diagram.unit_id) THEN
        RAISE EXCEPTION 'unit % does not exist', unit_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No unit has this id in the current tenant.';
    END IF;
    WITH RECURSIVE scope AS (
        SELECT u.unit_id FROM @extschema@.unit u WHERE u.tenant_id = tenant AND u.unit_id = unit_diagram.unit_id
        UNION ALL
        SELECT u.unit_id FROM @extschema@.unit u JOIN scope s ON u.parent_id = s.unit_id WHERE u.tenant_id = tenant),
    posts AS (
        SELECT p.position_id, p.title, p.reports_to, u.name AS unit_name,
               pe.name AS person_name,
               CASE WHEN h.assignment_id IS NULL THEN 'vacant'
                    WHEN b.absence_id IS NOT NULL AND b.acting_person_id IS NULL THEN 'absent'
                    WHEN b.absence_id IS NOT NULL OR h.tenure = 'acting' THEN 'acting'
                    ELSE 'held' END AS state
          FROM @extschema@.position p JOIN scope s ON s.unit_id = p.unit_id
          JOIN @extschema@.unit u ON u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
          LEFT JOIN @extschema@.assignment h
            ON h.tenant_id = p.tenant_id AND h.position_id = p.position_id AND h.during @> at
          LEFT JOIN @extschema@.absence b
            ON b.tenant_id = h.tenant_id AND b.assignment_id = h.assignment_id AND b.during @> at
          LEFT JOIN @extschema@.person pe
            ON pe.tenant_id = p.tenant_id AND pe.person_id = coalesce(b.acting_person_id, h.person_id)
         WHERE p.tenant_id = tenant AND p.valid @> at),
    lines AS (
        SELECT 1 AS part, position_id AS ord,
               CASE format
               WHEN 'dot' THEN format('  p%s [label="%s"%s];', position_id,
                                      @extschema@.diagram_label(title || E'\n' || unit_name || E'\n' ||
                                          CASE state WHEN 'vacant' THEN 'VACANT 空缺'
                                                     WHEN 'absent' THEN 'ABSENT, nobody acting 缺位'
                                                     WHEN 'acting' THEN person_name || ' (acting 代理)'
                                                     ELSE person_name END, 'dot'),
                                      CASE state WHEN 'vacant' THEN ', color=red, style=dashed'
                                                 WHEN 'absent' THEN ', color=orange, style=dashed' ELSE '' END)
               ELSE format('  p%s["%s"]%s', position_id,
                           @extschema@.diagram_label(title || E'\n' || unit_name || E'\n' ||
                               CASE state WHEN 'vacant' THEN 'VACANT 空缺'
                                          WHEN 'absent' THEN 'ABSENT, nobody acting 缺位'
                                          WHEN 'acting' THEN person_name || ' (acting 代理)'
                                          ELSE person_name END, 'mermaid'),
                           CASE state WHEN 'vacant' THEN ':::vacant' WHEN 'absent' THEN ':::absent' ELSE '' END) END AS line
          FROM posts
        UNION ALL
        SELECT 2, position_id,
               CASE format WHEN 'dot' THEN format('  p%s -> p%s;', position_id, reports_to)
                           ELSE format('  p%s --> p%s', position_id, reports_to) END
          FROM posts WHERE reports_to IN (SELECT position_id FROM posts))
    SELECT string_agg(line, E'\n' ORDER BY part, ord) INTO body FROM lines;
    IF format = 'dot' THEN
        RETURN E'digraph unit {\n  rankdir=BT;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph BT\n' || coalesce(body || E'\n', '')
        || E'  classDef vacant stroke:#d00,stroke-dasharray:4\n  classDef absent stroke:#e80,stroke-dasharray:4\n';
END
$$;
COMMENT ON FUNCTION @extschema@.unit_diagram(bigint, timestamptz, text) IS
    'Command structure of a unit and its sub-units as of a moment, as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: each post with who answered for it, vacancies and absences marked';

CREATE FUNCTION @extschema@.process_diagram(process_id bigint, at timestamptz DEFAULT pg_catalog.now(),
                                            format text DEFAULT 'mermaid')
    RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenant integer := @extschema@.current_tenant();
    body text;
BEGIN
    IF format NOT IN ('mermaid', 'dot') THEN
        RAISE EXCEPTION 'unknown diagram format "%"', format
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''mermaid'' or ''dot''.';
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.process p WHERE p.tenant_id = tenant AND p.process_id = process_diagram.process_id) THEN
        RAISE EXCEPTION 'process % does not exist', process_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No process has this id in the current tenant.';
    END IF;
    WITH steps AS (
        SELECT st.step_id, st.seq, st.name, st.role, st.time_limit, st.is_end,
               o.position_id, po.title AS post, @extschema@.holder(o.position_id, at) AS person_id,
               EXISTS (SELECT FROM @extschema@.assignment a
                        WHERE a.tenant_id = st.tenant_id AND a.position_id = o.position_id
                          AND a.during @> at) AS held
          FROM @extschema@.process_step st
          LEFT JOIN LATERAL (SELECT so.position_id FROM @extschema@.step_owner so
                              WHERE so.tenant_id = st.tenant_id AND so.step_id = st.step_id AND so.during @> at
                              ORDER BY so.position_id LIMIT 1) o ON true
          LEFT JOIN @extschema@.position po ON po.tenant_id = st.tenant_id AND po.position_id = o.position_id
         WHERE st.tenant_id = tenant AND st.process_id = process_diagram.process_id),
    lines AS (
        SELECT 1 AS part, seq AS ord,
               CASE format
               WHEN 'dot' THEN format('  s%s [label="%s"%s];', step_id,
                   @extschema@.diagram_label(seq || '. ' || name || ' (' || role || ')' || E'\n' ||
                       coalesce(post, 'NO OWNER 责任死角') || coalesce(E'\n' || time_limit || ' working days', '') ||
                       CASE WHEN post IS NULL OR person_id IS NOT NULL THEN ''
                            WHEN held THEN E'\nABSENT, nobody acting 缺位' ELSE E'\nVACANT 空缺' END, 'dot'),
                   CASE WHEN post IS NULL THEN ', color=red, style=bold'
                        WHEN person_id IS NULL THEN ', color=orange, style=dashed' ELSE '' END
                   || CASE WHEN is_end THEN ', peripheries=2' ELSE '' END)
               ELSE format('  s%s["%s"]%s', step_id,
                   @extschema@.diagram_label(seq || '. ' || name || ' (' || role || ')' || E'\n' ||
                       coalesce(post, 'NO OWNER 责任死角') || coalesce(E'\n' || time_limit || ' working days', '') ||
                       CASE WHEN post IS NULL OR person_id IS NOT NULL THEN ''
                            WHEN held THEN E'\nABSENT, nobody acting 缺位' ELSE E'\nVACANT 空缺' END, 'mermaid'),
                   CASE WHEN post IS NULL THEN ':::gap' WHEN person_id IS NULL THEN ':::vacant' ELSE '' END) END AS line
          FROM steps
        UNION ALL
        SELECT 2, s.seq,
               CASE format WHEN 'dot' THEN format('  s%s -> s%s;', h.from_step, h.to_step)
                           ELSE format('  s%s --> s%s', h.from_step, h.to_step) END
          FROM @extschema@.step_handoff h JOIN steps s ON s.step_id = h.from_step
         WHERE h.tenant_id = tenant AND h.process_id = process_diagram.process_id)
    SELECT string_agg(line, E'\n' ORDER BY part, ord, line) INTO body FROM lines;
    IF format = 'dot' THEN
        RETURN E'digraph process {\n  rankdir=LR;\n  node [shape=box];\n' || coalesce(body || E'\n', '') || E'}\n';
    END IF;
    RETURN E'graph LR\n' || coalesce(body || E'\n', '')
        || E'  classDef gap stroke:#d00,stroke-width:3px\n  classDef vacant stroke:#e80,stroke-dasharray:4\n';
END
$$;
COMMENT ON FUNCTION @extschema@.process_diagram(bigint, timestamptz, text) IS
    'A process as of a moment, as Mermaid (''mermaid'', the default) or Graphviz DOT (''dot'') text: its steps with role, owning post and time limit, its hand-offs; steps with no owner and vacant owners marked';
