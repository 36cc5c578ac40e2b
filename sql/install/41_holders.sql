-- Who answers for a post at a moment (R3): the holder, or while the holder
-- is absent the person acting for them (28_absence.sql).  The same rule as
-- OrgPostAnswerAt() in src/org_image.c, which command_chain follows.

CREATE OR REPLACE FUNCTION @extschema@.command_chain(position_id bigint, at timestamptz, domain text)
    RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'command_chain'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz, text) IS
    'Chain of command of a post as of a moment for a duty or process of a domain: from the first head of a unit on the way, it passes through the leader in charge of the domain (charge.domain) when there is one then';

COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz) IS
    'Chain of command (指挥链) of a post as of a moment: the post, the post it answers to, via the leader in charge (分管) of a unit where there is one, up to the head of the top unit, with who answered for each then (vacancies, acting holders and absent holders marked). Answers what the calling statement''s snapshot sees, through the per-backend organisation image.';

CREATE OR REPLACE FUNCTION @extschema@.holder(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT CASE WHEN b.absence_id IS NULL THEN a.person_id ELSE b.acting_person_id END
              FROM @extschema@.assignment a
              LEFT JOIN @extschema@.absence b
                ON b.tenant_id OPERATOR(pg_catalog.=) a.tenant_id
               AND b.assignment_id OPERATOR(pg_catalog.=) a.assignment_id
               AND b.during OPERATOR(pg_catalog.@>) holder.at
             WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
               AND a.position_id OPERATOR(pg_catalog.=) holder.position_id
               AND a.during OPERATOR(pg_catalog.@>) holder.at);
COMMENT ON FUNCTION @extschema@.holder(bigint, timestamptz) IS
    'The person who answered for the post at the moment: its holder (or acting holder), or while the holder was absent the person acting for them; NULL when the post was vacant or its holder absent with nobody acting';

CREATE OR REPLACE FUNCTION @extschema@.posts_at(at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (position_id bigint, unit_id bigint, title text, kind @extschema@.position_kind,
                   reports_to bigint, person_id bigint, person_name text, tenure text)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    -- Every post of the tenant is read: merge or hash joins, never an index
    -- probe per post.  (Under row-level security the planner may not use the
    -- statistics of the range columns, guesses that few posts match and
    -- would choose a nested loop.)
    SET enable_nestloop = off
    AS $$
BEGIN
    -- Planned for this tenant and moment (EXECUTE): a generic plan, blind to
    -- both, would probe an index once per post.
    RETURN QUERY EXECUTE $q$
    SELECT p.position_id, p.unit_id, p.title, p.kind, p.reports_to,
           coalesce(b.acting_person_id, h.person_id), pe.name,
           CASE WHEN h.person_id IS NULL THEN 'vacant'
                WHEN b.absence_id IS NULL THEN h.tenure::text
                WHEN b.acting_person_id IS NULL THEN 'absent'
                ELSE 'acting' END
      FROM @extschema@.position p
      LEFT JOIN @extschema@.assignment h
        ON h.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND h.position_id OPERATOR(pg_catalog.=) p.position_id
       AND h.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.absence b
        ON b.tenant_id OPERATOR(pg_catalog.=) h.tenant_id AND b.assignment_id OPERATOR(pg_catalog.=) h.assignment_id
       AND b.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.person pe
        ON pe.tenant_id OPERATOR(pg_catalog.=) p.tenant_id
       AND pe.person_id OPERATOR(pg_catalog.=) coalesce(b.acting_person_id, h.person_id)
     WHERE p.tenant_id OPERATOR(pg_catalog.=) $1
       AND p.valid OPERATOR(pg_catalog.@>) $2
     ORDER BY p.position_id$q$
    USING @extschema@.current_tenant(), at;
END
$$;
COMMENT ON FUNCTION @extschema@.posts_at(timestamptz) IS
    'Every post of the current tenant that existed at the moment, with who answered for it then: the holder (tenure ''holder'' or ''concurrent''), an acting holder (''acting'', also for an absent holder), the holder away with nobody acting (''absent''), or nobody (''vacant'')';
