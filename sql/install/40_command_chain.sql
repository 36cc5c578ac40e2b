-- The command chain (src/command_chain.c over src/org_image.c) and the
-- organisation "as of" a moment (who answers for a post: 41_holders.sql).

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
