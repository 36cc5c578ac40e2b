-- Benchmark: what a write costs the next reader, and what a new connection
-- costs, for command_chain() over the per-backend organisation image.
--
-- (a) Latency of the next call in a warm connection after another connection
--     (dblink, autocommit) committed a one-row change that touches an entry
--     the measured chain uses, against a warm call in the same connection:
--       assignment  UPDATE note of the assignment in force of a post on the chain
--       position    UPDATE title of that post
--       charge      UPDATE the upper bound of during of a charge of a unit on
--                   the chain (moved between open-ended and 2100; the chain
--                   stays the same)
--     and after a VACUUM or an ANALYZE of position, assignment and charge,
--     with as control the same command on copies of the three tables, which
--     the image never reads (after_us of row 4 over row 6, 5 over 7: what
--     VACUUM and ANALYZE cost through the image).
--     Method: in one PL/pgSQL function, for each of 30 rounds, one call
--     (EXECUTE: each takes a new snapshot in READ COMMITTED, as a new
--     statement would) timed as the warm figure, then the change through
--     dblink, then the next call timed; ratio = median after / median warm.
--     Targets: after a write <= 20x warm, after VACUUM or ANALYZE <= 2x warm.
--     Both figures include EXECUTE's parse and plan of the one-line query
--     (the row "EXECUTE floor" shows that part alone).  A pause alone slows
--     the next statement of a backend, the longer the more (cold caches; on
--     a small machine the other backend's work): so each round also waits as
--     long again without a change (pg_sleep on the other connection) and
--     times the next call, same_wait_us; after_vs_same_wait is what the
--     change itself costs (about 1 when the image is untouched).  VACUUM and
--     ANALYZE take long enough for this to matter at any scale.
-- (b) The first call in a new connection (through dblink, with the time of a
--     trivial SELECT 1 in the same connection as the round-trip floor), and
--     the memory of that backend: chain_cache_memory() and the total of
--     pg_backend_memory_contexts before the first call, after it, and after
--     the chains of the whole bench.chain_sample.
--
-- The measured chain: the last post of the organisation (the deepest level)
-- as of 2024-06-01, when chains pass through the deputies in charge.
-- Needs the organisation of 10_command_chain.sql.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;

-- A libpq connection string to this database, through the server's socket,
-- with the same work_mem as this session.
CREATE OR REPLACE FUNCTION bench.self_conninfo() RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT concat_ws(' ',
        CASE WHEN current_setting('unix_socket_directories') <> ''
             THEN format('host=%s', trim(split_part(current_setting('unix_socket_directories'), ',', 1))) END,
        format('port=%s', current_setting('port')),
        format('dbname=%s', current_database()),
        'user=postgres',
        format('options=''-c work_mem=%s''', current_setting('work_mem')))
$$;

-- One call, as its own statement: microseconds.
CREATE OR REPLACE FUNCTION bench.chain_call_us(p bigint, t timestamptz) RETURNS float8
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    t0 timestamptz;
    n integer;
BEGIN
    t0 := clock_timestamp();
    EXECUTE 'SELECT responsibility.length(responsibility.command_chain($1, $2))' INTO n USING p, t;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1e6;
END
$$;

-- The same EXECUTE of a query that does nothing: the floor of the above.
CREATE OR REPLACE FUNCTION bench.execute_floor_us(p bigint, t timestamptz) RETURNS float8
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    t0 timestamptz;
    n integer;
BEGIN
    t0 := clock_timestamp();
    EXECUTE 'SELECT length($1::text || $2::text)' INTO n USING p, t;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1e6;
END
$$;

-- Runs q on the connection 'bench_writer' (autocommit) and waits for it by
-- polling, so that this backend stays on the CPU as a connection in use
-- would: milliseconds.
CREATE OR REPLACE FUNCTION bench.writer_ms(q text) RETURNS float8
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM dblink_send_query('bench_writer', q);
    WHILE dblink_is_busy('bench_writer') = 1 LOOP
    END LOOP;
    PERFORM * FROM dblink_get_result('bench_writer') AS r(status text);
    PERFORM * FROM dblink_get_result('bench_writer') AS r(status text);  -- the end of the results
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$$;

-- Rounds of: a warm call timed; the change committed by 'bench_writer'; the
-- next call timed.  Then, as a control, the same wait without a change (a
-- pg_sleep as long as the change took on 'bench_writer') and the next call
-- timed: what a pause alone costs the next call (cold CPU caches, the other
-- backend's work), whatever the image does.  In change_sql, %s is the round.
DROP FUNCTION IF EXISTS bench.after_change(text, bigint, timestamptz, text, integer);
CREATE FUNCTION bench.after_change(name text, p bigint, t timestamptz, change_sql text,
                                   n integer DEFAULT 30)
    RETURNS TABLE (change text, rounds integer, change_ms float8, warm_us float8, after_us float8,
                   ratio float8, same_wait_us float8, after_vs_same_wait float8)
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    d float8;
    ds float8[] := '{}'; ws float8[] := '{}'; afs float8[] := '{}'; cs float8[] := '{}';
BEGIN
    FOR i IN 1..3 LOOP
        PERFORM bench.chain_call_us(p, t);
    END LOOP;
    FOR i IN 1..n LOOP
        ws := ws || bench.chain_call_us(p, t);
        d := bench.writer_ms(format(change_sql, i));
        afs := afs || bench.chain_call_us(p, t);
        ds := ds || d;
        PERFORM bench.chain_call_us(p, t);
        PERFORM bench.writer_ms(format('SELECT pg_sleep(%s)', d / 1000));
        cs := cs || bench.chain_call_us(p, t);
    END LOOP;
    RETURN QUERY SELECT name, n, round(bench.median(ds)::numeric, 2)::float8,
        round(bench.median(ws)::numeric, 1)::float8, round(bench.median(afs)::numeric, 1)::float8,
        round((bench.median(afs) / greatest(bench.median(ws), 0.001))::numeric, 2)::float8,
        round(bench.median(cs)::numeric, 1)::float8,
        round((bench.median(afs) / greatest(bench.median(cs), 0.001))::numeric, 2)::float8;
END
$$;

-- The chain and the rows the changes touch: the middle link's post and its
-- assignment in force, and the charge of the unit of a head on the chain.
SELECT max(position_id) AS chain_post, timestamptz '2024-06-01' AS chain_at
  FROM responsibility.position WHERE tenant_id = 1 \gset
SELECT responsibility.positions(c) AS chain_positions, responsibility.length(c) AS chain_length,
       (responsibility.positions(c))[(responsibility.length(c) + 1) / 2] AS mid_post
  FROM responsibility.command_chain(:chain_post, :'chain_at') c \gset
SELECT a.assignment_id AS mid_assignment
  FROM responsibility.assignment a
 WHERE a.tenant_id = 1 AND a.position_id = :mid_post AND a.during @> :'chain_at'::timestamptz \gset
SELECT ch.charge_id AS chain_charge, ch.during AS chain_charge_during
  FROM responsibility.charge ch
  JOIN responsibility.position p ON p.tenant_id = 1 AND p.unit_id = ch.unit_id AND p.kind = 'head'
 WHERE ch.tenant_id = 1 AND ch.during @> :'chain_at'::timestamptz
   AND p.position_id = ANY (:'chain_positions'::bigint[])
 ORDER BY p.position_id DESC LIMIT 1 \gset
SELECT title AS mid_title FROM responsibility.position WHERE tenant_id = 1 AND position_id = :mid_post \gset
SELECT :chain_post AS post, :'chain_at'::timestamptz AS at, :chain_length AS links,
       :mid_post AS changed_post, :mid_assignment AS changed_assignment, :chain_charge AS changed_charge;

-- Copies of the three tables, which the image never reads: VACUUM and
-- ANALYZE of them cost the next call what such a command costs any
-- statement after it (the CPU caches it evicts, the invalidations it sends),
-- the control for rows 4 and 5.
SELECT to_regclass('bench.position_twin') IS NULL AS need_twins \gset
\if :need_twins
CREATE TABLE bench.position_twin AS SELECT * FROM responsibility.position;
CREATE TABLE bench.assignment_twin AS SELECT * FROM responsibility.assignment;
CREATE TABLE bench.charge_twin AS SELECT * FROM responsibility.charge;
CREATE INDEX ON bench.position_twin (tenant_id, position_id);
CREATE INDEX ON bench.assignment_twin (tenant_id, position_id, during);
CREATE INDEX ON bench.charge_twin (tenant_id, unit_id, during);
VACUUM ANALYZE bench.position_twin, bench.assignment_twin, bench.charge_twin;
\endif

SELECT dblink_connect('bench_writer', bench.self_conninfo()) \g /dev/null

-- (a) The next call after a change by another connection.
SELECT 'EXECUTE floor, no chain (µs)' AS measure,
       round(bench.median(array_agg(bench.execute_floor_us(:chain_post, :'chain_at')))::numeric, 1) AS median
  FROM generate_series(1, 31);

SELECT r.change, r.rounds, r.change_ms, r.warm_us, r.after_us, r.ratio, x.target, r.same_wait_us, r.after_vs_same_wait
  FROM (VALUES
        (1, 'assignment: UPDATE note', '<= 20',
         format('UPDATE responsibility.assignment SET note = ''bench round %%s'' WHERE tenant_id = 1 AND assignment_id = %s',
                :mid_assignment)),
        (2, 'position: UPDATE title', '<= 20',
         format('UPDATE responsibility.position SET title = %L || '' (round %%s)'' WHERE tenant_id = 1 AND position_id = %s',
                :'mid_title', :mid_post)),
        (3, 'charge: UPDATE during', '<= 20',
         format('UPDATE responsibility.charge SET during = tstzrange(lower(during), CASE WHEN upper_inf(during) THEN timestamptz ''2100-01-01'' END) WHERE tenant_id = 1 AND charge_id = %s',
                :chain_charge)),
        (4, 'VACUUM position, assignment, charge', '<= 2',
         'VACUUM responsibility.position, responsibility.assignment, responsibility.charge'),
        (5, 'ANALYZE position, assignment, charge', '<= 2',
         'ANALYZE responsibility.position, responsibility.assignment, responsibility.charge'),
        (6, 'control: VACUUM of copies of the three tables', '-',
         'VACUUM bench.position_twin, bench.assignment_twin, bench.charge_twin'),
        (7, 'control: ANALYZE of copies of the three tables', '-',
         'ANALYZE bench.position_twin, bench.assignment_twin, bench.charge_twin')) x(ord, name, target, sql)
 CROSS JOIN LATERAL bench.after_change(x.name, :chain_post, :'chain_at', x.sql) r
 ORDER BY x.ord;

-- Put the changed rows back as they were.
SELECT dblink_exec('bench_writer', format(
    'UPDATE responsibility.assignment SET note = NULL WHERE tenant_id = 1 AND assignment_id = %s;
     UPDATE responsibility.position SET title = %L WHERE tenant_id = 1 AND position_id = %s;
     UPDATE responsibility.charge SET during = %L WHERE tenant_id = 1 AND charge_id = %s',
    :mid_assignment, :'mid_title', :mid_post, :'chain_charge_during', :chain_charge)) \g /dev/null
SELECT dblink_disconnect('bench_writer') \g /dev/null

-- (b) A new connection: its first call, and its memory.
-- A query on a dblink connection, its rows read and dropped: milliseconds.
CREATE OR REPLACE FUNCTION bench.dblink_ms(conn text, q text) RETURNS float8
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    PERFORM * FROM dblink(conn, q) AS d(x text);
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END
$$;

DROP FUNCTION IF EXISTS bench.new_connection(bigint, timestamptz);
CREATE FUNCTION bench.new_connection(p bigint, t timestamptz)
    RETURNS TABLE (measure text, value numeric, target text)
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    t0 timestamptz;
    connect_ms float8; first_select_ms float8; floor_ms float8; first_ms float8; next_ms float8;
    sample_ms float8;
    ctx_before bigint; ctx_first bigint; ctx_sample bigint;
    img_first bigint; img_sample bigint;
    chains integer;
BEGIN
    t0 := clock_timestamp();
    PERFORM dblink_connect('bench_fresh', bench.self_conninfo());
    connect_ms := extract(epoch FROM clock_timestamp() - t0) * 1000;

    t0 := clock_timestamp();
    PERFORM * FROM dblink('bench_fresh', 'SELECT 1') AS d(x integer);
    first_select_ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
    -- the round-trip floor: a trivial query once the backend is up
    SELECT bench.median(array_agg(ms)) INTO floor_ms FROM (
        SELECT bench.dblink_ms('bench_fresh', 'SELECT 1') AS ms FROM generate_series(1, 9)) f;
    SELECT d.b INTO ctx_before FROM dblink('bench_fresh',
        'SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts') AS d(b bigint);

    first_ms := bench.dblink_ms('bench_fresh', format(
        'SELECT responsibility.length(responsibility.command_chain(%s, %L))', p, t));
    SELECT bench.median(array_agg(ms)) INTO next_ms FROM (
        SELECT bench.dblink_ms('bench_fresh', format(
            'SELECT responsibility.length(responsibility.command_chain(%s, %L))', p, t)) AS ms
          FROM generate_series(1, 9)) f;
    SELECT d.m, d.b INTO img_first, ctx_first FROM dblink('bench_fresh',
        'SELECT responsibility.chain_cache_memory(), (SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts)')
        AS d(m bigint, b bigint);

    SELECT count(*) INTO chains FROM bench.chain_sample;
    sample_ms := bench.dblink_ms('bench_fresh',
        'SELECT sum(responsibility.length(responsibility.command_chain(s.pos, s.at))) FROM bench.chain_sample s');
    SELECT d.m, d.b INTO img_sample, ctx_sample FROM dblink('bench_fresh',
        'SELECT responsibility.chain_cache_memory(), (SELECT sum(total_bytes)::bigint FROM pg_backend_memory_contexts)')
        AS d(m bigint, b bigint);
    PERFORM dblink_disconnect('bench_fresh');

    RETURN QUERY VALUES
        ('new connection: dblink_connect (ms)', round(connect_ms::numeric, 2), ''),
        ('new connection: first statement, SELECT 1 (ms)', round(first_select_ms::numeric, 2), ''),
        ('new connection: round-trip floor, SELECT 1 again, median of 9 (µs)', round((floor_ms * 1000)::numeric, 1), ''),
        ('new connection: first command_chain call (ms)', round(first_ms::numeric, 2), ''),
        ('new connection: first call less the floor (ms)', round((first_ms - floor_ms)::numeric, 2), ''),
        ('new connection: the next 9 calls, median (µs, floor included)', round((next_ms * 1000)::numeric, 1), ''),
        ('new connection: chain_cache_memory after the first call (kB)', round(img_first / 1024.0, 1), ''),
        ('new connection: memory contexts before the first call (kB)', round(ctx_before / 1024.0, 1), ''),
        ('new connection: memory contexts after the first call (kB)', round(ctx_first / 1024.0, 1), ''),
        (format('new connection: then %s sample chains, first time (ms)', chains), round(sample_ms::numeric, 1), ''),
        ('new connection: chain_cache_memory after the sample (kB)', round(img_sample / 1024.0, 1), ''),
        ('new connection: memory contexts after the sample (kB)', round(ctx_sample / 1024.0, 1), '');
END
$$;

SELECT * FROM bench.new_connection(:chain_post, :'chain_at');
