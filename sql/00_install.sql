-- Installs the extension for the regression files that follow (they run in
-- one database, in name order).  btree_gist is preloaded by pg_regress.
CREATE EXTENSION responsibility CASCADE;
SELECT e.extname, e.extversion, e.extrelocatable, n.nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'responsibility';
-- Not relocatable, fixed schema.
ALTER EXTENSION responsibility SET SCHEMA public;
