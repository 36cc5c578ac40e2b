-- Every object of the extension as text, one line each, in a stable order:
-- what an installed version is, independent of OIDs and of the order things
-- were created in.  test/shell/upgrade.sh compares an updated install with
-- a fresh one through it.
WITH ext AS (SELECT e.oid, e.extconfig, e.extcondition, e.extnamespace FROM pg_extension e
              WHERE e.extname = 'responsibility'),
     nsp AS (SELECT extnamespace AS oid FROM ext),
     rels AS (SELECT c.* FROM pg_class c, nsp WHERE c.relnamespace = nsp.oid)
SELECT line FROM (
    SELECT 'function ' || p.oid::regprocedure || ' acl=' || coalesce(p.proacl::text, '-')
           || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '-') || E'\n'
           || pg_get_functiondef(p.oid) AS line
      FROM pg_proc p, nsp WHERE p.pronamespace = nsp.oid AND p.prokind IN ('f', 'p', 'w')
    UNION ALL
    SELECT 'relation ' || c.relname || ' kind=' || c.relkind::text || ' rls=' || c.relrowsecurity
           || ' acl=' || coalesce(c.relacl::text, '-') || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '-')
      FROM rels c
    UNION ALL
    SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || ' notnull=' || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
           || ' position=' || a.attnum || ' comment=' || coalesce(col_description(c.oid, a.attnum), '-')
      FROM rels c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE c.relkind IN ('r', 'v', 'c')
    UNION ALL
    SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
      FROM rels c JOIN pg_constraint k ON k.conrelid = c.oid
    UNION ALL
    SELECT 'index ' || pg_get_indexdef(i.indexrelid)
      FROM rels c JOIN pg_index i ON i.indrelid = c.oid
    UNION ALL
    SELECT 'trigger ' || c.relname || '.' || t.tgname || ' enabled=' || t.tgenabled::text || ' ' || pg_get_triggerdef(t.oid)
      FROM rels c JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
    UNION ALL
    SELECT 'policy ' || c.relname || '.' || p.polname || ' ' || p.polcmd::text || ' ' || p.polroles::regrole[]::text
           || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-')
           || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
           || ' comment=' || coalesce(obj_description(p.oid, 'pg_policy'), '-')
      FROM rels c JOIN pg_policy p ON p.polrelid = c.oid
    UNION ALL
    SELECT 'sequence ' || c.relname || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqstart || ' ' || s.seqincrement
           || ' owned_by=' || coalesce((SELECT r.relname || '.' || a.attname FROM pg_depend dp
                 JOIN pg_class r ON r.oid = dp.refobjid
                 JOIN pg_attribute a ON a.attrelid = dp.refobjid AND a.attnum = dp.refobjsubid
                WHERE dp.objid = c.oid AND dp.deptype = 'a' AND dp.classid = 'pg_class'::regclass), '-')
      FROM rels c JOIN pg_sequence s ON s.seqrelid = c.oid
    UNION ALL
    SELECT 'type ' || t.oid::regtype || ' ' || t.typtype::text || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '-')
           || ' labels=' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '-')
      FROM pg_type t, nsp WHERE t.typnamespace = nsp.oid AND t.typarray <> 0 OR (t.typnamespace = nsp.oid AND t.typtype = 'e')
    UNION ALL
    SELECT 'operator ' || o.oid::regoperator || ' ' || o.oprcode::regproc || ' comment=' || coalesce(obj_description(o.oid, 'pg_operator'), '-')
      FROM pg_operator o, nsp WHERE o.oprnamespace = nsp.oid
    UNION ALL
    SELECT 'opclass ' || am.amname || ' ' || oc.opcname || ' ' || oc.opcintype::regtype || ' default=' || oc.opcdefault
      FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod, nsp WHERE oc.opcnamespace = nsp.oid
    UNION ALL
    SELECT 'cast ' || c.castsource::regtype || ' -> ' || c.casttarget::regtype || ' ' || c.castcontext::text
      FROM pg_cast c JOIN pg_depend d ON d.classid = 'pg_cast'::regclass AND d.objid = c.oid, ext
     WHERE d.refobjid = ext.oid
    UNION ALL
    SELECT 'dumped ' || x.cfg::regclass || ' where=' || coalesce(x.cond, '')
      FROM ext, unnest(ext.extconfig, ext.extcondition) x(cfg, cond)
    UNION ALL
    SELECT 'label ' || l.domain || '.' || l.code || ' ' || l.label_en || ' ' || l.label_zh FROM responsibility.label l
    UNION ALL
    SELECT 'rows ' || c.relname || ' ' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', 'responsibility', c.relname), false, true, '')))[1]::text
      FROM rels c WHERE c.relkind = 'r'
) lines
ORDER BY line;
