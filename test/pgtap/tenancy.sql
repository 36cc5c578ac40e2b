-- Tenant isolation: row-level security on every table, writes going to the
-- current tenant, the command-chain engine (which reads its own per-backend
-- image of every tenant) applying the same rule, and the choice among the
-- tenants of a role that belongs to several.  Assertions about isolation run
-- as ordinary roles (a superuser bypasses RLS).  Everything, including the
-- roles, is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(82);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL DateStyle = 'ISO, YMD';
SET LOCAL responsibility.tenant = '';

-- Two tenants, a role in each, a role in both and a role in none.
INSERT INTO tenant (code, name) VALUES ('tap_a', 'Tenant A'), ('tap_b', 'Tenant B');
CREATE ROLE tap_a NOLOGIN IN ROLE responsibility_writer;
CREATE ROLE tap_b NOLOGIN IN ROLE responsibility_writer;
CREATE ROLE tap_ab NOLOGIN IN ROLE responsibility_writer;
CREATE ROLE tap_none NOLOGIN IN ROLE responsibility_writer;
INSERT INTO tenant_member (tenant_id, role_name)
    SELECT t.tenant_id, r.role_name
      FROM tenant t, (VALUES ('tap_a', 'tap_a'), ('tap_b', 'tap_b'), ('tap_a', 'tap_ab'), ('tap_b', 'tap_ab')) r(code, role_name)
     WHERE t.code = r.code;

-- The same ids in both tenants (9401, 9501), and ids of one tenant only.
CREATE TEMP TABLE ids ON COMMIT DROP AS
    SELECT (SELECT tenant_id FROM tenant WHERE code = 'tap_a') AS a,
           (SELECT tenant_id FROM tenant WHERE code = 'tap_b') AS b;
GRANT SELECT ON ids TO PUBLIC;
INSERT INTO unit (tenant_id, unit_id, parent_id, name)
    SELECT 1, 9400, NULL::bigint, 'Default city' UNION ALL
    SELECT a, 9401, NULL, 'A city' FROM ids UNION ALL
    SELECT b, 9401, NULL, 'B city' FROM ids UNION ALL
    SELECT b, 9403, 9401, 'B department' FROM ids;
INSERT INTO position (tenant_id, position_id, unit_id, title, kind, reports_to)
    SELECT 1, 9500, 9400, 'Default head', 'head'::position_kind, NULL::bigint UNION ALL
    SELECT a, 9501, 9401, 'A head', 'head', NULL FROM ids UNION ALL
    SELECT a, 9502, 9401, 'A clerk', 'staff', 9501 FROM ids UNION ALL
    SELECT b, 9501, 9401, 'B head', 'head', NULL FROM ids UNION ALL
    SELECT b, 9503, 9403, 'B director', 'head', 9501 FROM ids;
INSERT INTO person (tenant_id, person_id, name)
    SELECT 1, 9600, 'Default person' UNION ALL
    SELECT a, 9601, 'Alice' FROM ids UNION ALL
    SELECT b, 9602, 'Bai' FROM ids;
INSERT INTO assignment (tenant_id, position_id, person_id, during)
    SELECT 1, 9500, 9600, '[2005-01-01 00:00+00,)'::tstzrange UNION ALL
    SELECT a, 9501, 9601, '[2005-01-01 00:00+00,)' FROM ids UNION ALL
    SELECT a, 9502, 9601, '[2005-01-01 00:00+00,)' FROM ids UNION ALL
    SELECT b, 9501, 9602, '[2005-01-01 00:00+00,)' FROM ids;
INSERT INTO charge (tenant_id, position_id, unit_id, domain)
    SELECT 1, 9500, NULL::bigint, 'default domain' UNION ALL
    SELECT a, 9501, NULL, 'a domain' FROM ids UNION ALL
    SELECT b, 9501, 9403, NULL FROM ids;

------------------------------------------------------------------------------
-- The superuser builds the per-backend chain cache, which holds every tenant
------------------------------------------------------------------------------
SELECT is(command_chain(9500, '2006-01-01 00:00+00')::text, '[2006-01-01 00:00:00+00] 9500:post:9600',
          'superuser: the default tenant''s chain (cache built)');
SELECT set_config('responsibility.tenant', 'tap_b', true);
SELECT is(command_chain(9503, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9503:post:vacant > 9501:head:9602',
          'superuser choosing tenant B: B''s chain comes from the same cache');
SELECT set_config('responsibility.tenant', '', true);
SELECT ok(chain_cache_memory() > 0, 'the cache is built');

-- The default tenant's built-in membership (every extension role) is removed
-- so that the roles belong only to the tenants given here.  (tenant_member
-- is not cached: the chain cache stays.)
DELETE FROM tenant_member WHERE tenant_id = 1 AND role_name = 'responsibility_reader';

------------------------------------------------------------------------------
-- tap_a sees tenant A only
------------------------------------------------------------------------------
SET LOCAL ROLE tap_a;
SELECT is(current_user::text, 'tap_a', 'running as tap_a');
-- The policies call visible_tenants(), which reads tenant, whose own policy
-- must not lead back to them.
SELECT lives_ok($$SELECT responsibility.visible_tenants()$$, 'tap_a can evaluate visible_tenants()');
SELECT lives_ok($$SELECT count(*) FROM responsibility.position$$, 'tap_a can read a table that has rows');
SELECT is(current_tenant(), (SELECT a FROM ids), 'tap_a: current_tenant() is A');
SELECT is(visible_tenants(), ARRAY[(SELECT a FROM ids)], 'tap_a: visible_tenants() is {A}');
SELECT is((SELECT array_agg(tenant_id || ':' || unit_id ORDER BY unit_id) FROM unit),
          ARRAY[(SELECT a FROM ids) || ':9401'], 'tap_a: unit shows A''s unit only');
SELECT is((SELECT array_agg(title ORDER BY position_id) FROM position),
          '{"A head","A clerk"}'::text[], 'tap_a: position shows A''s posts only');
SELECT is((SELECT array_agg(name ORDER BY person_id) FROM person),
          '{Alice}'::text[], 'tap_a: person shows A''s person only');
SELECT is((SELECT array_agg(position_id ORDER BY position_id) FROM assignment),
          '{9501,9502}'::bigint[], 'tap_a: assignment shows A''s tenures only');
SELECT is((SELECT array_agg(domain ORDER BY charge_id) FROM charge),
          '{"a domain"}'::text[], 'tap_a: charge shows A''s charge only');
SELECT is((SELECT array_agg(code ORDER BY code) FROM tenant),
          '{tap_a}'::text[], 'tap_a: tenant shows A only');
SELECT is((SELECT array_agg(role_name::text ORDER BY role_name) FROM tenant_member),
          '{tap_a}'::text[], 'tap_a: tenant_member shows its own membership only');
SELECT is((SELECT count(*) FROM unit WHERE tenant_id <> (SELECT a FROM ids)), 0::bigint,
          'tap_a: no row of another tenant, even when asked for');
SELECT results_eq(
    $$SELECT position_id, person_id, tenure FROM responsibility.posts_at('2006-01-01 00:00+00')$$,
    $$VALUES (9501::bigint, 9601::bigint, 'holder'), (9502, 9601, 'holder')$$,
    'tap_a: posts_at shows A''s posts');
SELECT is(holder(9501, '2006-01-01 00:00+00'), 9601::bigint, 'tap_a: holder of 9501 is A''s holder');

-- Each tenant has its own image: the superuser's images of the default
-- tenant and of B are not A's.
SELECT is(chain_cache_memory(), 0::bigint, 'tap_a: before A''s first chain, A''s image holds nothing');
SELECT is(command_chain(9501, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9501:post:9601',
          'tap_a: command_chain(9501) is A''s post');
SELECT throws_ok($$SELECT responsibility.command_chain(9503, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'tap_a: B''s position 9503 does not exist');
SELECT throws_ok($$SELECT responsibility.command_chain(9500, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'tap_a: the default tenant''s position 9500 does not exist');
SELECT is(holder(9503, '2006-01-01 00:00+00'), NULL::bigint, 'tap_a: holder() of B''s post is NULL');

-- Writes
SELECT throws_ok(
    format('INSERT INTO responsibility.unit (tenant_id, unit_id, name) VALUES (%s, 9409, %L)',
           (SELECT b FROM ids), 'Smuggled into B'),
    '42501', NULL, 'tap_a cannot insert a row for tenant B');
SELECT throws_ok(
    'INSERT INTO responsibility.unit (tenant_id, unit_id, name) VALUES (1, 9409, ''Smuggled into default'')',
    '42501', NULL, 'tap_a cannot insert a row for the default tenant');
SELECT throws_ok(
    format('UPDATE responsibility.person SET tenant_id = %s WHERE person_id = 9601', (SELECT b FROM ids)),
    '42501', NULL, 'tap_a cannot move its row to tenant B');
INSERT INTO unit (unit_id, parent_id, name) VALUES (9404, 9401, 'A department');
SELECT is((SELECT tenant_id FROM unit WHERE unit_id = 9404), (SELECT a FROM ids),
          'tap_a: DEFAULT tenant_id fills tenant A');
INSERT INTO position (position_id, unit_id, title, kind, reports_to) VALUES (9504, 9404, 'A director', 'head', 9501);
SELECT is((SELECT tenant_id FROM position WHERE position_id = 9504), (SELECT a FROM ids),
          'tap_a: a new post goes to tenant A');
UPDATE unit SET name = name || ' (renamed by A)';
DELETE FROM charge;
SELECT throws_ok(
    $$INSERT INTO responsibility.tenant (code, name) VALUES ('tap_c', 'Tenant C')$$,
    '42501', NULL, 'tap_a cannot create a tenant');
SELECT throws_ok(
    format('INSERT INTO responsibility.tenant_member (tenant_id, role_name) VALUES (%s, %L)', (SELECT b FROM ids), 'tap_a'),
    '42501', NULL, 'tap_a cannot make itself a member of tenant B');

SELECT is(command_chain(9504, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9504:post:vacant > 9501:head:9601',
          'tap_a: the new post''s chain');

-- The setting only chooses among the role's own tenants.
SELECT set_config('responsibility.tenant', 'tap_b', true);
SELECT throws_ok($$SELECT responsibility.current_tenant()$$,
    '42501', NULL, 'tap_a choosing tenant B: current_tenant() is refused');
SELECT throws_ok($$SELECT responsibility.command_chain(9503, '2006-01-01 00:00+00')$$,
    '42501', NULL, 'tap_a choosing tenant B: command_chain is refused');
SELECT throws_ok($$SELECT responsibility.set_tenant('tap_b')$$,
    '42501', NULL, 'tap_a: set_tenant(''tap_b'') is refused');
SELECT is(visible_tenants(), '{}'::integer[], 'tap_a choosing tenant B: visible_tenants() is empty');
SELECT is((SELECT count(*) FROM unit), 0::bigint, 'tap_a choosing tenant B: no rows at all');
SELECT set_config('responsibility.tenant', 'no_such_tenant', true);
-- A tenant a role does not belong to and one that does not exist look the
-- same to it (42501): names of other tenants do not leak.  An administrator
-- is told the tenant does not exist (42704).
SELECT throws_ok($$SELECT responsibility.current_tenant()$$,
    '42501', NULL, 'an unknown tenant code, to a non-admin: 42501 like any tenant it does not belong to');
RESET ROLE;
SELECT throws_ok($$SELECT responsibility.current_tenant()$$,
    '42704', NULL, 'an unknown tenant code, to a superuser: 42704');
SELECT set_config('responsibility.tenant', 'default', true);
SELECT is(current_tenant(), 1, 'a superuser belongs to every tenant, even one without member rows');
SET LOCAL ROLE tap_a;
SELECT set_config('responsibility.tenant', 'tap_a', true);
SELECT is(current_tenant(), (SELECT a FROM ids), 'tap_a choosing its own tenant: A');
SELECT is(command_chain(9502, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9502:post:9601 > 9501:head:9601',
          'tap_a choosing its own tenant: its chain');
SELECT set_config('responsibility.tenant', '', true);

------------------------------------------------------------------------------
-- tap_b, in the same transaction: the tenant is resolved again
------------------------------------------------------------------------------
SET LOCAL ROLE tap_b;
SELECT is(current_tenant(), (SELECT b FROM ids), 'tap_b: current_tenant() is B');
SELECT is(command_chain(9501, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9501:post:9602',
          'tap_b: command_chain(9501) is B''s post, not A''s');
SELECT is(command_chain(9503, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9503:post:vacant > 9501:head:9602',
          'tap_b: B''s chain through B''s leader in charge');
SELECT throws_ok($$SELECT responsibility.command_chain(9502, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'tap_b: A''s position 9502 does not exist');
SELECT throws_ok($$SELECT responsibility.command_chain(9504, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'tap_b: the post A created in this transaction does not exist');
SELECT is((SELECT array_agg(name ORDER BY unit_id) FROM unit),
          '{"B city","B department"}'::text[], 'tap_b: B''s units, untouched by A''s UPDATE');
SELECT is((SELECT count(*) FROM charge), 1::bigint, 'tap_b: B''s charge, untouched by A''s DELETE');
SELECT is((SELECT array_agg(name ORDER BY person_id) FROM person), '{Bai}'::text[], 'tap_b: B''s person only');
SELECT is((SELECT array_agg(code ORDER BY code) FROM tenant), '{tap_b}'::text[], 'tap_b: tenant shows B only');

------------------------------------------------------------------------------
-- tap_ab belongs to both tenants: it must choose
------------------------------------------------------------------------------
SET LOCAL ROLE tap_ab;
SELECT throws_ok($$SELECT responsibility.current_tenant()$$,
    '42704', NULL, 'tap_ab without a setting: no current tenant');
SELECT throws_ok($$SELECT responsibility.command_chain(9501, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'tap_ab without a setting: command_chain asks for one');
SELECT throws_ok($$INSERT INTO responsibility.person (name) VALUES ('Nobody')$$,
    '42704', NULL, 'tap_ab without a setting: an insert that needs the DEFAULT tenant asks for one');
SELECT is(visible_tenants(), ARRAY[(SELECT a FROM ids), (SELECT b FROM ids)], 'tap_ab without a setting sees both tenants');
SELECT is((SELECT count(*) FROM position WHERE position_id = 9501), 2::bigint,
          'tap_ab without a setting reads rows of both tenants');
SELECT is(set_tenant('tap_b'), (SELECT b FROM ids), 'set_tenant(''tap_b'') returns B''s id');
SELECT is(current_setting('responsibility.tenant'), 'tap_b', 'set_tenant made the setting');
SELECT set_config('responsibility.tenant', 'tap_b', true);
SELECT is(visible_tenants(), ARRAY[(SELECT b FROM ids)], 'tap_ab choosing B sees B only');
SELECT is(command_chain(9501, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9501:post:9602', 'tap_ab choosing B: B''s chain');
SELECT set_config('responsibility.tenant', 'tap_a', true);
SELECT is(command_chain(9501, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9501:post:9601', 'tap_ab choosing A: A''s chain');
SELECT is((SELECT array_agg(title ORDER BY position_id) FROM position),
          '{"A head","A clerk","A director"}'::text[], 'tap_ab choosing A reads A''s posts only');
SELECT set_config('responsibility.tenant', '', true);

-- One call site (a PL/pgSQL expression) across changes of setting and role.
RESET ROLE;
CREATE FUNCTION pg_temp.chain_per_tenant() RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    r text := '';
    code text;
BEGIN
    FOREACH code IN ARRAY ARRAY['tap_a', 'tap_b', 'tap_a'] LOOP
        PERFORM pg_catalog.set_config('responsibility.tenant', code, true);
        r := r || (responsibility.tail(responsibility.command_chain(9501, '2006-01-01 00:00+00'))).person_id || ';';
    END LOOP;
    PERFORM pg_catalog.set_config('responsibility.tenant', '', true);
    RETURN r;
END
$f$;
CREATE FUNCTION pg_temp.chain_per_role() RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    r text := '';
    who text;
BEGIN
    FOREACH who IN ARRAY ARRAY['tap_a', 'tap_b', 'tap_a'] LOOP
        PERFORM pg_catalog.set_config('role', who, true);
        r := r || (responsibility.tail(responsibility.command_chain(9501, '2006-01-01 00:00+00'))).person_id || ';';
    END LOOP;
    RETURN r;
END
$f$;
SET LOCAL ROLE tap_ab;
SELECT is(pg_temp.chain_per_tenant(), '9601;9602;9601;',
          'one call site follows each change of responsibility.tenant');
RESET ROLE;
SELECT is(pg_temp.chain_per_role(), '9601;9602;9601;',
          'one call site follows each change of role');
RESET ROLE;

------------------------------------------------------------------------------
-- A role of no tenant sees nothing and writes nothing
------------------------------------------------------------------------------
SET LOCAL ROLE tap_none;
SELECT is(visible_tenants(), '{}'::integer[], 'tap_none: visible_tenants() is empty');
SELECT is((SELECT count(*) FROM position), 0::bigint, 'tap_none: no rows');
SELECT throws_ok($$SELECT responsibility.command_chain(9500, '2006-01-01 00:00+00')$$,
    '42704', NULL, 'tap_none: command_chain reports no current tenant');
RESET ROLE;

-- Back as superuser: B's rows were not touched by A.
SELECT is((SELECT array_agg(name ORDER BY tenant_id, unit_id) FROM unit WHERE unit_id BETWEEN 9400 AND 9409),
          '{"Default city","A city (renamed by A)","A department (renamed by A)","B city","B department"}'::text[],
          'superuser: A''s update renamed A''s units only');

-- A membership row outliving its role (role_name cannot reference
-- pg_authid, and DROP ROLE leaves the row) must not break every tenant.
CREATE ROLE tap_gone NOLOGIN;
INSERT INTO tenant_member (tenant_id, role_name) SELECT a, 'tap_gone' FROM ids;
DROP ROLE tap_gone;
SET LOCAL ROLE tap_b;
SELECT lives_ok($$SELECT responsibility.current_tenant()$$,
    'tap_b: current_tenant() works although a membership row names a dropped role');
SELECT lives_ok($$SELECT responsibility.command_chain(9503, '2006-01-01 00:00+00')$$,
    'tap_b: command_chain works although a membership row names a dropped role');
SELECT lives_ok($$SELECT count(*) FROM responsibility.unit$$,
    'tap_b: reading works although a membership row names a dropped role');
RESET ROLE;

------------------------------------------------------------------------------
-- One tenant's volume and limits never change another tenant's answers
------------------------------------------------------------------------------
SELECT set_config('responsibility.tenant', 'tap_a', true);
SELECT is(command_chain(9502, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9502:post:9601 > 9501:head:9601', 'A''s chain before B grows');
CREATE TEMP TABLE a_memory ON COMMIT DROP AS SELECT responsibility.chain_cache_memory() AS bytes;
SELECT ok((SELECT bytes FROM a_memory) > 0, 'A''s image holds A''s posts');
-- B: 65,536 one-second tenures of one post, and 20,000 posts more.
SELECT set_config('responsibility.tenant', 'tap_b', true);
INSERT INTO assignment (tenant_id, position_id, person_id, during)
SELECT b, 9503, 9602, tstzrange(timestamptz '2030-01-01 00:00+00' + i * interval '1 second',
                                timestamptz '2030-01-01 00:00+00' + (i + 1) * interval '1 second')
  FROM ids, generate_series(0, 65535) i;
INSERT INTO position (tenant_id, position_id, unit_id, title, reports_to)
SELECT b, 100000 + i, 9403, 'B clerk ' || i, 9503 FROM ids, generate_series(1, 20000) i;
SELECT is(command_chain(9503, timestamptz '2030-01-01 00:00+00' + interval '30000.5 seconds')::text,
          '[2030-01-01 08:20:00.5+00] 9503:post:9602 > 9501:head:9602', 'B''s post with 65,536 tenures has its chain');
SELECT is((SELECT count(*) FROM position p WHERE p.position_id > 100000
             AND responsibility.length(responsibility.command_chain(p.position_id, '2006-01-01 00:00+00')) = 3),
          20000::bigint, 'B''s 20,000 new posts have their chains');
SELECT set_config('responsibility.tenant', 'tap_a', true);
SELECT is(chain_cache_memory(), (SELECT bytes FROM a_memory), 'A''s image did not grow with B''s');
SELECT is(command_chain(9502, '2006-01-01 00:00+00')::text,
          '[2006-01-01 00:00:00+00] 9502:post:9601 > 9501:head:9601', 'A''s chain after B grew');
SELECT throws_like($$SELECT responsibility.command_chain(9503, '2030-01-01 00:00+00')$$,
    'position 9503 does not exist', 'A asking for B''s post learns nothing of it');
SELECT set_config('responsibility.tenant', '', true);

------------------------------------------------------------------------------
-- The cached tenant rule follows membership, roles and the setting
------------------------------------------------------------------------------
SET LOCAL ROLE tap_b;
SELECT is(current_tenant(), (SELECT b FROM ids), 'tap_b: current tenant B (cached)');
RESET ROLE;
INSERT INTO tenant_member (tenant_id, role_name) SELECT a, 'tap_b' FROM ids;
SET LOCAL ROLE tap_b;
SELECT throws_ok($$SELECT responsibility.current_tenant()$$, '42704', NULL,
    'tap_b made a member of A as well: the cached answer is dropped, it must choose');
SELECT is(visible_tenants(), ARRAY[(SELECT a FROM ids), (SELECT b FROM ids)], 'tap_b now sees both tenants');
RESET ROLE;
DELETE FROM tenant_member WHERE role_name = 'tap_b' AND tenant_id = (SELECT a FROM ids);
GRANT tap_b TO tap_none;
SET LOCAL ROLE tap_none;
SELECT is(current_tenant(), (SELECT b FROM ids), 'tap_none granted tap_b: a change of role membership is seen');
RESET ROLE;
REVOKE tap_b FROM tap_none;
SET LOCAL ROLE tap_none;
SELECT is(visible_tenants(), '{}'::integer[], 'tap_none no longer in tap_b: sees nothing again');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
