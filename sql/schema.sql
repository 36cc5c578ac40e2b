-- The shape of the schema, and the promises every object must keep.
SET search_path = responsibility, public;
\d responsibility.tenant
\d responsibility.unit
\d responsibility.position
\d responsibility.assignment
\d responsibility.charge
\d responsibility.org_change

-- Every SQL and PL/pgSQL function pins its search_path (security checklist
-- 4), except the inlinable SQL-standard bodies (RETURN ...), whose names are
-- bound when they are created, so that no search_path reaches them; those
-- are listed.
SELECT p.oid::regprocedure AS inlinable
  FROM pg_proc p
 WHERE p.pronamespace = 'responsibility'::regnamespace
   AND p.prosqlbody IS NOT NULL AND p.proconfig IS NULL
 ORDER BY 1;
SELECT p.oid::regprocedure AS unpinned
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'responsibility'::regnamespace
   AND l.lanname IN ('sql', 'plpgsql')
   AND NOT (p.prosqlbody IS NOT NULL AND p.proconfig IS NULL)
   AND NOT coalesce(p.proconfig @> '{"search_path=pg_catalog, pg_temp"}', false)
 ORDER BY 1;

-- Every function, table, type and view has a comment.
SELECT p.oid::regprocedure AS function_without_comment FROM pg_proc p
 WHERE p.pronamespace = 'responsibility'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL
 ORDER BY 1;
SELECT c.oid::regclass AS relation_without_comment FROM pg_class c
 WHERE c.relnamespace = 'responsibility'::regnamespace AND c.relkind IN ('r', 'v', 'm')
   AND obj_description(c.oid, 'pg_class') IS NULL
 ORDER BY 1;
SELECT t.oid::regtype AS type_without_comment FROM pg_type t
 WHERE t.typnamespace = 'responsibility'::regnamespace
   AND t.typcategory <> 'A'
   AND (t.typtype IN ('b', 'e', 'd')
        OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
   AND obj_description(t.oid, 'pg_type') IS NULL
 ORDER BY 1;

-- The labels the planner relies on: volatility, strictness, parallel safety.
SELECT p.oid::regprocedure AS function, p.provolatile AS vol, p.proisstrict AS strict,
       p.proparallel AS par, p.prosecdef AS secdef
  FROM pg_proc p
 WHERE p.pronamespace = 'responsibility'::regnamespace
 ORDER BY p.proname, 1;

-- Nothing is granted to PUBLIC on tables; user tables are kept by pg_dump.
SELECT c.relname, c.relrowsecurity AS rls,
       c.oid = ANY (e.extconfig) AS dumped,
       has_table_privilege('public', c.oid, 'SELECT') AS public_select
  FROM pg_class c, pg_extension e
 WHERE c.relnamespace = 'responsibility'::regnamespace AND c.relkind IN ('r', 'S')
   AND e.extname = 'responsibility'
 ORDER BY c.relkind, c.relname;
