-- The command chain (src/command_chain.c over src/chain_cache.c) and the
-- organisation "as of" a moment.

CREATE FUNCTION @extschema@.command_chain(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS @extschema@.rchain
    AS 'MODULE_PATHNAME', 'command_chain'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz) IS
    'Chain of command (指挥链) of a post as of a moment: the post, the post it answers to, via the leader in charge (分管) of a unit where there is one, up to the head of the top unit, with each holder then (vacancies marked). Answers what the calling statement''s snapshot sees, through the per-backend organisation image.';

CREATE FUNCTION @extschema@.chain_cache_memory() RETURNS bigint
    AS 'MODULE_PATHNAME', 'chain_cache_memory'
    LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION @extschema@.chain_cache_memory() IS
    'Bytes this backend''s image of the current tenant''s organisation holds (0 before the first command_chain call in the tenant)';

CREATE FUNCTION @extschema@.holder(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT a.person_id FROM @extschema@.assignment a
             WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
               AND a.position_id OPERATOR(pg_catalog.=) holder.position_id
               AND a.during OPERATOR(pg_catalog.@>) holder.at);
COMMENT ON FUNCTION @extschema@.holder(bigint, timestamptz) IS
    'The person who held the post at the moment, or NULL when it was vacant';

CREATE FUNCTION @extschema@.posts_at(at timestamptz DEFAULT pg_catalog.now())
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
           a.person_id, pe.name, coalesce(a.tenure::text, 'vacant')
      FROM @extschema@.position p
      LEFT JOIN @extschema@.assignment a
        ON a.tenant_id OPERATOR(pg_catalog.=) p.tenant_id AND a.position_id OPERATOR(pg_catalog.=) p.position_id
       AND a.during OPERATOR(pg_catalog.@>) $2
      LEFT JOIN @extschema@.person pe
        ON pe.tenant_id OPERATOR(pg_catalog.=) a.tenant_id AND pe.person_id OPERATOR(pg_catalog.=) a.person_id
     WHERE p.tenant_id OPERATOR(pg_catalog.=) $1
       AND p.valid OPERATOR(pg_catalog.@>) $2
     ORDER BY p.position_id$q$
    USING @extschema@.current_tenant(), at;
END
$$;
COMMENT ON FUNCTION @extschema@.posts_at(timestamptz) IS
    'Every post of the current tenant that existed at the moment, with its holder then (tenure ''vacant'' when none)';

CREATE FUNCTION @extschema@.posts_of(person_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (position_id bigint, title text, tenure @extschema@.tenure_kind, during tstzrange)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
    SELECT a.position_id, p.title, a.tenure, a.during
      FROM @extschema@.assignment a
      JOIN @extschema@.position p
        ON p.tenant_id OPERATOR(pg_catalog.=) a.tenant_id AND p.position_id OPERATOR(pg_catalog.=) a.position_id
     WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
       AND a.person_id OPERATOR(pg_catalog.=) posts_of.person_id
       AND a.during OPERATOR(pg_catalog.@>) posts_of.at
     ORDER BY a.tenure, a.position_id;
    END;
COMMENT ON FUNCTION @extschema@.posts_of(bigint, timestamptz) IS
    'The posts a person held at the moment, their main post first, then acting and concurrent ones';
