-- Reading the catalogue as of a moment: the chain of a process step, and the
-- position description (职位说明书) of a post.

CREATE FUNCTION @extschema@.step_chain(step_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS @extschema@.rchain
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN p.domain IS NULL THEN @extschema@.command_chain(o.position_id, at)
                ELSE @extschema@.command_chain(o.position_id, at, p.domain) END
      FROM @extschema@.step_owner o
      JOIN @extschema@.process_step st ON st.tenant_id = o.tenant_id AND st.step_id = o.step_id
      JOIN @extschema@.process p ON p.tenant_id = st.tenant_id AND p.process_id = st.process_id
     WHERE o.tenant_id = @extschema@.current_tenant() AND o.step_id = step_chain.step_id
       AND o.during @> at
     ORDER BY o.position_id
     LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.step_chain(bigint, timestamptz) IS
    'Chain of a process step as of a moment: the command chain of the post that owned it then, through the leader in charge of the process''s domain; NULL when nobody owned it (a gap in the coverage report)';

CREATE FUNCTION @extschema@.position_description(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT jsonb_build_object(
        'position_id', p.position_id, 'title', p.title, 'kind', p.kind,
        'unit', jsonb_build_object('unit_id', u.unit_id, 'name', u.name),
        'reports_to', (SELECT jsonb_build_object('position_id', r.position_id, 'title', r.title)
                         FROM @extschema@.position r
                        WHERE r.tenant_id = p.tenant_id AND r.position_id = p.reports_to),
        'as_of', at,
        'answered_by', (SELECT jsonb_build_object('person_id', pe.person_id, 'name', pe.name,
                                  'acting', EXISTS (SELECT FROM @extschema@.assignment a
                                                     WHERE a.tenant_id = p.tenant_id AND a.position_id = p.position_id
                                                       AND a.person_id = pe.person_id AND a.tenure = 'acting'
                                                       AND a.during @> at)
                                         OR EXISTS (SELECT FROM @extschema@.absence b
                                                     WHERE b.tenant_id = p.tenant_id AND b.position_id = p.position_id
                                                       AND b.acting_person_id = pe.person_id AND b.during @> at))
                          FROM @extschema@.person pe
                         WHERE pe.tenant_id = p.tenant_id
                           AND pe.person_id = @extschema@.holder(p.position_id, at)),
        'duties', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                'duty_id', d.duty_id, 'title', d.title, 'ownership', o.kind, 'basis', d.basis,
                                'domain', d.domain, 'target', d.target, 'target_value', d.target_value,
                                'target_unit', d.target_unit, 'measure', d.measure, 'consequence', d.consequence,
                                'public_interest', d.public_interest) ORDER BY o.kind, d.duty_id)
                              FROM @extschema@.duty_owner o
                              JOIN @extschema@.duty d ON d.tenant_id = o.tenant_id AND d.duty_id = o.duty_id
                             WHERE o.tenant_id = p.tenant_id AND o.position_id = p.position_id AND o.during @> at),
                           '[]'),
        'workflow', coalesce((SELECT jsonb_agg(jsonb_build_object(
                                  'process_id', pr.process_id, 'process', pr.title, 'step_id', st.step_id,
                                  'step', st.name, 'role', st.role, 'time_limit_working_days', st.time_limit)
                                  ORDER BY pr.process_id, st.seq)
                                FROM @extschema@.step_owner o
                                JOIN @extschema@.process_step st ON st.tenant_id = o.tenant_id AND st.step_id = o.step_id
                                JOIN @extschema@.process pr ON pr.tenant_id = st.tenant_id AND pr.process_id = st.process_id
                               WHERE o.tenant_id = p.tenant_id AND o.position_id = p.position_id AND o.during @> at),
                             '[]'),
        'competencies', to_jsonb(p.competencies))
      FROM @extschema@.position p
      JOIN @extschema@.unit u ON u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
     WHERE p.tenant_id = @extschema@.current_tenant() AND p.position_id = position_description.position_id
$$;
COMMENT ON FUNCTION @extschema@.position_description(bigint, timestamptz) IS
    'Position description (职位说明书) of a post as of a moment, as JSON: basic facts, who answered for it, its duties, its steps in workflows, its key competencies; NULL for an unknown post';
