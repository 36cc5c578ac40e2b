-- responsibility 0.1.0 -> 0.2.0: the organisation image under writes.
--   * current_tenant() and visible_tenants() in C, cached per role and
--     setting, over resolve_current_tenant() and resolve_visible_tenants();
--   * btree indexes for a post's tenures and a unit's leaders in charge;
--   * trees guarded against loops made by concurrent transactions;
--   * the change log org_change, written by statement triggers, replacing
--     the relcache invalidation of position, assignment and charge;
--   * holder(), posts_at(), posts_of() evaluate the tenant rule once.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.2.0'" to load this file. \quit

-- The tenant rule, uncached.  current_tenant() and visible_tenants() (C,
-- src/tenant.c) keep their answers per role and setting and call these when
-- tenant, tenant_member or role membership changed.

-- The tenants the current role belongs to, narrowed to the one named by
-- responsibility.tenant when that is set.
CREATE FUNCTION @extschema@.resolve_visible_tenants() RETURNS integer[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(array_agg(t.tenant_id ORDER BY t.tenant_id), '{}')
      FROM @extschema@.tenant t
     WHERE @extschema@.is_tenant_member(t.tenant_id)
       AND (coalesce(current_setting('responsibility.tenant', true), '') = ''
            OR t.code OPERATOR(pg_catalog.=) current_setting('responsibility.tenant', true))
$$;
COMMENT ON FUNCTION @extschema@.resolve_visible_tenants() IS
    'The rule behind visible_tenants(), evaluated afresh (visible_tenants() caches it)';

-- The tenant this session works in: the one named by responsibility.tenant,
-- else the default tenant, else the only tenant the role belongs to.
CREATE FUNCTION @extschema@.resolve_current_tenant() RETURNS integer
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    setting text := coalesce(current_setting('responsibility.tenant', true), '');
    mine integer[];
    found integer;
BEGIN
    SELECT coalesce(array_agg(tenant_id), '{}') INTO mine
      FROM @extschema@.tenant
     WHERE @extschema@.is_tenant_member(tenant_id);
    IF setting <> '' THEN
        -- tenant rows are visible to their members only (and to admins)
        SELECT tenant_id INTO found FROM @extschema@.tenant WHERE code = setting;
        IF found IS NULL OR NOT found = ANY (mine) THEN
            IF found IS NULL AND @extschema@.is_member_of('responsibility_admin'::pg_catalog.name) THEN
                RAISE EXCEPTION 'tenant "%" does not exist', setting
                    USING ERRCODE = 'undefined_object',
                          HINT = 'Set responsibility.tenant to the code of an existing tenant.';
            END IF;
            RAISE EXCEPTION 'permission denied for tenant "%"', setting
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = format('Role "%s" is not a member of a tenant with this code.', CURRENT_USER),
                      HINT = 'Ask an administrator to add one of your roles to responsibility.tenant_member.';
        END IF;
        RETURN found;
    END IF;
    IF 1 = ANY (mine) THEN
        RETURN 1;
    END IF;
    IF cardinality(mine) = 1 THEN
        RETURN mine[1];
    END IF;
    RAISE EXCEPTION 'no current tenant'
        USING ERRCODE = 'undefined_object',
              DETAIL = format('Role "%s" belongs to %s tenants.', CURRENT_USER, cardinality(mine)),
              HINT = 'Set responsibility.tenant to the code of the tenant to work in.';
END
$$;
COMMENT ON FUNCTION @extschema@.resolve_current_tenant() IS
    'The rule behind current_tenant(), evaluated afresh (current_tenant() caches it)';

-- The cached forms, used by every column default, policy and engine.
CREATE OR REPLACE FUNCTION @extschema@.current_tenant() RETURNS integer
    AS 'MODULE_PATHNAME', 'current_tenant'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.current_tenant() IS
    'The tenant this session works in (responsibility.tenant, else the default tenant, else the role''s only tenant); errors if the role is not a member. Cached per role and setting.';
CREATE OR REPLACE FUNCTION @extschema@.visible_tenants() RETURNS integer[]
    AS 'MODULE_PATHNAME', 'visible_tenants'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.visible_tenants() IS
    'Tenants the current role may see: those it is a member of, narrowed to responsibility.tenant when that is set. Cached per role and setting; used by every RLS policy.';

-- The cached answers are dropped when the tables of the rule change.
CREATE TRIGGER tenant_invalidate_caches
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tenant
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
CREATE TRIGGER tenant_member_invalidate_caches
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.tenant_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
ALTER TABLE @extschema@.tenant ENABLE ALWAYS TRIGGER tenant_invalidate_caches;
ALTER TABLE @extschema@.tenant_member ENABLE ALWAYS TRIGGER tenant_member_invalidate_caches;


-- GIN: stored chains found by a post they pass through or a person who held
-- one of their posts (src/rchain_gin.c).
CREATE FUNCTION @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'rchain_gin_extract_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal) IS
    'GIN support: the keys of a chain (its positions, and its holders as negated person ids)';
CREATE FUNCTION @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'rchain_gin_extract_query' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal) IS
    'GIN support: the key a @> (position) or ~> (person) query looks for';
CREATE FUNCTION @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal) RETURNS boolean
    AS 'MODULE_PATHNAME', 'rchain_gin_consistent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal) IS
    'GIN support: a chain with the key matches (exactly, no recheck)';
CREATE OPERATOR CLASS @extschema@.rchain_gin_ops
    DEFAULT FOR TYPE @extschema@.rchain USING gin AS
    OPERATOR 1 @extschema@.@> (@extschema@.rchain, bigint),
    OPERATOR 2 @extschema@.~> (@extschema@.rchain, bigint),
    FUNCTION 1 pg_catalog.btint8cmp(bigint, bigint),
    FUNCTION 2 @extschema@.rchain_gin_extract_value(@extschema@.rchain, internal),
    FUNCTION 3 @extschema@.rchain_gin_extract_query(bigint, internal, int2, internal, internal, internal, internal),
    FUNCTION 4 @extschema@.rchain_gin_consistent(internal, int2, bigint, int4, internal, internal, internal, internal),
    STORAGE bigint;
COMMENT ON OPERATOR CLASS @extschema@.rchain_gin_ops USING gin IS
    'Index of stored chains by position (@>, <@) and by person (~>): "every chain through this post"';

-- Indexes the image and plain queries probe.
-- A post's tenures in time order, by btree probes (the organisation image
-- reads them so, and plain queries stay on btree under row-level security).
CREATE INDEX assignment_position_during_idx ON @extschema@.assignment (tenant_id, position_id, during);
CREATE INDEX charge_unit_during_idx ON @extschema@.charge (tenant_id, unit_id, during);

-- Trees must not loop: units under units, posts answering to posts.
--
-- Changes to the parent links of one tenant's tree take turns: each first
-- updates the tree's row in tree_guard, so a concurrent change waits for it
-- to end, then (READ COMMITTED) walks the tree under a new snapshot that
-- sees it, or (REPEATABLE READ, SERIALIZABLE) fails with a serialization
-- error.  Only a row with rows below it can close a loop; from such a row
-- the walk goes up to the root, however deep: it cannot run on forever,
-- since the tree had no loop before.
CREATE TABLE @extschema@.tree_guard (
    tenant_id   integer NOT NULL REFERENCES @extschema@.tenant ON DELETE CASCADE,
    tree        name NOT NULL,
    changes     bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, tree)
);
COMMENT ON TABLE @extschema@.tree_guard IS
    'Internal: one row per tenant and tree (unit, position), updated by every change to the tree''s parent links so that concurrent changes take turns';

CREATE OR REPLACE FUNCTION @extschema@.check_acyclic() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    id bigint;
    parent bigint;
    cur bigint;
    steps bigint := 0;
    bound bigint;
BEGIN
    IF TG_TABLE_NAME = 'unit' THEN
        id := NEW.unit_id;  cur := NEW.parent_id;
        IF TG_OP = 'UPDATE' AND cur IS NOT DISTINCT FROM OLD.parent_id THEN RETURN NEW; END IF;
    ELSE
        id := NEW.position_id;  cur := NEW.reports_to;
        IF TG_OP = 'UPDATE' AND cur IS NOT DISTINCT FROM OLD.reports_to THEN RETURN NEW; END IF;
    END IF;
    IF cur IS NULL THEN
        RETURN NEW;
    END IF;
    parent := cur;
    -- Take the tree's turn, once per transaction.
    IF NOT EXISTS (SELECT FROM @extschema@.tree_guard g
                    WHERE g.tenant_id = NEW.tenant_id AND g.tree = TG_TABLE_NAME
                      AND g.xmin = pg_current_xact_id()::xid) THEN
        INSERT INTO @extschema@.tree_guard AS g (tenant_id, tree) VALUES (NEW.tenant_id, TG_TABLE_NAME)
            ON CONFLICT (tenant_id, tree) DO UPDATE SET changes = g.changes + 1;
    END IF;
    -- Only a post or unit with something below it can close a loop (or one
    -- made its own parent).
    IF cur = id THEN
        NULL;
    ELSIF TG_TABLE_NAME = 'unit' THEN
        IF NOT EXISTS (SELECT FROM @extschema@.unit u
                        WHERE u.tenant_id = NEW.tenant_id AND u.parent_id = id) THEN
            RETURN NEW;
        END IF;
    ELSIF NOT EXISTS (SELECT FROM @extschema@.position p
                       WHERE p.tenant_id = NEW.tenant_id AND p.reports_to = id) THEN
        RETURN NEW;
    END IF;
    LOOP
        IF cur = id THEN
            RAISE EXCEPTION '% of % % would form a cycle',
                  CASE TG_TABLE_NAME WHEN 'unit' THEN 'parent_id' ELSE 'reports_to' END, TG_TABLE_NAME, id
                USING ERRCODE = 'invalid_recursion',
                      DETAIL = format('%s %s is below %s %s already.', TG_TABLE_NAME, parent, TG_TABLE_NAME, id),
                      HINT = 'A unit belongs to a unit above it and a post answers to a post above it.';
        END IF;
        IF TG_TABLE_NAME = 'unit' THEN
            SELECT u.parent_id INTO cur FROM @extschema@.unit u
             WHERE u.tenant_id = NEW.tenant_id AND u.unit_id = cur;
        ELSE
            SELECT p.reports_to INTO cur FROM @extschema@.position p
             WHERE p.tenant_id = NEW.tenant_id AND p.position_id = cur;
        END IF;
        EXIT WHEN cur IS NULL;
        steps := steps + 1;
        IF steps % 10000 = 0 AND bound IS NULL THEN
            -- a walk longer than the tree is in a loop made before the check
            EXECUTE format('SELECT count(*) FROM %I.%I WHERE tenant_id = $1', TG_TABLE_SCHEMA, TG_TABLE_NAME)
                INTO bound USING NEW.tenant_id;
        END IF;
        IF steps > bound THEN
            RAISE EXCEPTION 'the % tree of tenant % already loops', TG_TABLE_NAME, NEW.tenant_id
                USING ERRCODE = 'invalid_recursion',
                      HINT = 'Rows loaded with triggers disabled formed a loop; correct them first.';
        END IF;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_acyclic() IS
    'Trigger on unit and position: rejects a parent unit or reporting line that would loop, also against concurrent changes';
DROP TRIGGER unit_tree_acyclic ON @extschema@.unit;
DROP TRIGGER position_reporting_line_acyclic ON @extschema@.position;
CREATE TRIGGER unit_tree_acyclic
    BEFORE INSERT OR UPDATE OF parent_id ON @extschema@.unit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_acyclic();
CREATE TRIGGER position_reporting_line_acyclic
    BEFORE INSERT OR UPDATE OF reports_to ON @extschema@.position
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_acyclic();

-- The relcache invalidation of the three tables gives way to the change log.
DROP TRIGGER position_invalidate_caches ON @extschema@.position;
DROP TRIGGER assignment_invalidate_caches ON @extschema@.assignment;
DROP TRIGGER charge_invalidate_caches ON @extschema@.charge;

-- The change log behind the organisation image (src/org_image.c).  Every
-- statement that writes position, assignment or charge logs the keys it
-- touched with its transaction id: a post ('p') or the unit whose leaders
-- in charge changed ('u'); a statement that touches more than 10,000 keys of
-- a tenant, or a TRUNCATE, logs the whole tenant ('a').  A reader whose
-- snapshot moved reads the rows of the transactions whose visibility
-- changed and drops only those entries.  Old rows are pruned by the writers
-- themselves; the prune leaves a row ('h') saying below which transaction
-- the log was emptied, so an image older than that starts afresh.

CREATE TABLE @extschema@.org_change (
    tenant_id   integer NOT NULL,
    xid         xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    kind        "char" NOT NULL,
    key         bigint NOT NULL
);
CREATE INDEX org_change_tenant_xid_idx ON @extschema@.org_change (tenant_id, xid);
COMMENT ON TABLE @extschema@.org_change IS
    'Internal: the keys each transaction changed in position, assignment and charge (p post, u unit, a whole tenant, h pruned below xid key), read by the organisation image';

-- Deletes the rows every snapshot sees and that are more than retain
-- transactions old, leaving an 'h' row per tenant.  Returns the rows deleted.
CREATE FUNCTION @extschema@.prune_org_change(retain bigint DEFAULT 1000000) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    horizon bigint := least(pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
                            pg_current_xact_id()::text::bigint - greatest(retain, 0));
    n bigint;
BEGIN
    IF horizon <= 3 THEN
        RETURN 0;
    END IF;
    DELETE FROM @extschema@.org_change c WHERE c.xid < horizon::text::xid8;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        INSERT INTO @extschema@.org_change (tenant_id, kind, key)
            SELECT t.tenant_id, 'h', horizon FROM @extschema@.tenant t;
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.prune_org_change(bigint) IS
    'Internal: empties org_change of rows more than retain transactions old (default a million) that every snapshot sees; writers call it every 4096th transaction';

-- Statement trigger: logs the keys of the rows in the transition tables.
-- Arguments: the key column, the kind of key.
CREATE FUNCTION @extschema@.log_org_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rows_sql text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO @extschema@.org_change (tenant_id, kind, key)
            SELECT t.tenant_id, 'a', 0 FROM @extschema@.tenant t;
    ELSE
        rows_sql := CASE TG_OP
            WHEN 'INSERT' THEN 'SELECT tenant_id, %1$I AS key FROM new_rows'
            WHEN 'DELETE' THEN 'SELECT tenant_id, %1$I AS key FROM old_rows'
            ELSE 'SELECT tenant_id, %1$I AS key FROM new_rows UNION SELECT tenant_id, %1$I FROM old_rows' END;
        EXECUTE format('WITH changed AS (SELECT DISTINCT tenant_id, key FROM (' || rows_sql || ') r
                                          WHERE key IS NOT NULL),
                             per_tenant AS (SELECT tenant_id, count(*) AS n FROM changed GROUP BY tenant_id)
                        INSERT INTO @extschema@.org_change (tenant_id, kind, key)
                        SELECT c.tenant_id, $1, c.key
                          FROM changed c JOIN per_tenant t ON t.tenant_id = c.tenant_id
                         WHERE t.n <= 10000
                        UNION ALL
                        SELECT t.tenant_id, ''a'', 0 FROM per_tenant t WHERE t.n > 10000',
                       TG_ARGV[0])
            USING TG_ARGV[1]::"char";
    END IF;
    IF pg_current_xact_id()::text::bigint % 4096 = 0 THEN
        PERFORM @extschema@.prune_org_change();
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.log_org_change() IS
    'Statement trigger on position, assignment and charge: logs the keys the statement changed in org_change';

DO $triggers$
DECLARE
    t record;
    ev text;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('position', 'position_id', 'p'), ('assignment', 'position_id', 'p'),
                                   ('charge', 'unit_id', 'u')) v(tab, col, kind) LOOP
        FOREACH ev IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format($q$CREATE TRIGGER %1$s_log_%2$s AFTER %3$s ON @extschema@.%1$I %4$s
                FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.log_org_change(%5$L, %6$L)$q$,
                t.tab, ev, upper(ev),
                CASE ev WHEN 'insert' THEN 'REFERENCING NEW TABLE AS new_rows'
                        WHEN 'update' THEN 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows'
                        WHEN 'delete' THEN 'REFERENCING OLD TABLE AS old_rows'
                        ELSE '' END,
                t.col, t.kind);
            -- Always, also under logical replication and session_replication_role
            -- = replica: a change the log misses would stay in every image.
            EXECUTE format('ALTER TABLE @extschema@.%1$I ENABLE ALWAYS TRIGGER %1$s_log_%2$s', t.tab, ev);
        END LOOP;
    END LOOP;
END
$triggers$;

-- The command chain and the organisation "as of" a moment.
COMMENT ON FUNCTION @extschema@.command_chain(bigint, timestamptz) IS
    'Chain of command (指挥链) of a post as of a moment: the post, the post it answers to, via the leader in charge (分管) of a unit where there is one, up to the head of the top unit, with each holder then (vacancies marked). Answers what the calling statement''s snapshot sees, through the per-backend organisation image.';
COMMENT ON FUNCTION @extschema@.chain_cache_memory() IS
    'Bytes this backend''s image of the current tenant''s organisation holds (0 before the first command_chain call in the tenant)';

CREATE OR REPLACE FUNCTION @extschema@.holder(position_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS bigint
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT a.person_id FROM @extschema@.assignment a
             WHERE a.tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant())
               AND a.position_id OPERATOR(pg_catalog.=) holder.position_id
               AND a.during OPERATOR(pg_catalog.@>) holder.at);
COMMENT ON FUNCTION @extschema@.holder(bigint, timestamptz) IS
    'The person who held the post at the moment, or NULL when it was vacant';

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

CREATE OR REPLACE FUNCTION @extschema@.posts_of(person_id bigint, at timestamptz DEFAULT pg_catalog.now())
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

-- Privileges and row-level security of the new objects.
GRANT SELECT ON @extschema@.org_change, @extschema@.tree_guard TO responsibility_reader;
REVOKE ALL ON @extschema@.org_change, @extschema@.tree_guard FROM responsibility_reader;
REVOKE ALL ON FUNCTION @extschema@.log_org_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.prune_org_change(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.check_acyclic() FROM PUBLIC;
DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['org_change', 'tree_guard'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;
