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
