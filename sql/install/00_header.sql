-- responsibility: install script, built by concatenating sql/install/*.sql
-- in name order.  Every object is @extschema@-qualified, built-ins are
-- pg_catalog-qualified and every SQL function pins its search_path.
\echo Use "CREATE EXTENSION responsibility" to load this file. \quit

-- The schema must be the installer's own: a schema of the same name that
-- another role created beforehand would let it add objects (overloads) that
-- the extension's functions then call with the caller's rights.
DO $guard$
BEGIN
    IF (SELECT n.nspowner FROM pg_catalog.pg_namespace n
         WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@')
       OPERATOR(pg_catalog.<>)
       (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) CURRENT_USER)
    THEN
        RAISE EXCEPTION 'schema "@extschema@" belongs to another role'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Drop the schema, or have its owner install the extension; CREATE EXTENSION creates the schema itself.';
    END IF;
END
$guard$;

-- The extension's roles are cluster-wide: a second database that installs
-- the extension finds them already there.  Privileges are granted to them at
-- the end of the script (sql/install/80_security.sql).
--   responsibility_reader  reads the organisation and calls read functions
--   responsibility_writer  also records units, posts, persons, assignments
--   responsibility_admin   also manages tenants, their members and calendars
--   responsibility_complaint_handler  also reads who made a complaint
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_reader') THEN
        CREATE ROLE responsibility_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_writer') THEN
        CREATE ROLE responsibility_writer NOLOGIN IN ROLE responsibility_reader;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_admin') THEN
        CREATE ROLE responsibility_admin NOLOGIN IN ROLE responsibility_writer;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_complaint_handler') THEN
        CREATE ROLE responsibility_complaint_handler NOLOGIN IN ROLE responsibility_reader;
    END IF;
END
$roles$;

-- The C trigger behind every per-backend cache (src/cache_inval.c).
CREATE FUNCTION @extschema@.invalidate_caches() RETURNS trigger
    AS 'MODULE_PATHNAME', 'invalidate_caches' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.invalidate_caches() IS
    'Statement trigger on cached tables: sends a relcache invalidation so that every backend drops its cache of the table';
