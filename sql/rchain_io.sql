-- rchain: text and binary I/O, every error path, accessors and operators.
SET TimeZone = 'Asia/Shanghai';
SET DateStyle = 'ISO, YMD';
SET search_path = responsibility, public;

-- Round trips, with every role and tenure, and free whitespace.
SELECT '[2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 1030:unit_head:9(concurrent) > 12:in_charge:vacant > 1:head:3'::rchain;
SELECT '  [ 2005-10-21 01:00:00+00 ]1042 : post : 501>1:head:3  '::rchain;
SELECT '[2005-10-21] 7:post:vacant'::rchain;
SELECT c::text::rchain = c AS round_trip
  FROM (SELECT '[2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 1:head:3'::rchain c) s;
-- The text form follows DateStyle and TimeZone, the value does not change.
SET TimeZone = 'UTC';
SELECT '[2005-10-21 09:00:00+08] 1:post:2'::rchain;
SET TimeZone = 'Asia/Shanghai';

-- Syntax errors name the character where the fault is.
SELECT ''::rchain;
SELECT '2005-10-21 1:post:2'::rchain;
SELECT '[2005-10-21 1:post:2'::rchain;
SELECT '[not a time] 1:post:2'::rchain;
SELECT '[infinity] 1:post:2'::rchain;
SELECT '[2005-10-21]'::rchain;
SELECT '[2005-10-21] x:post:2'::rchain;
SELECT '[2005-10-21] -1:post:2'::rchain;
SELECT '[2005-10-21] 0:post:2'::rchain;
SELECT '[2005-10-21] 99999999999999999999:post:2'::rchain;
SELECT '[2005-10-21] 1 post:2'::rchain;
SELECT '[2005-10-21] 1:boss:2'::rchain;
SELECT '[2005-10-21] 1:post'::rchain;
SELECT '[2005-10-21] 1:post:'::rchain;
SELECT '[2005-10-21] 1:post:nobody'::rchain;
SELECT '[2005-10-21] 1:post:0'::rchain;
SELECT '[2005-10-21] 1:post:2(temporary)'::rchain;
SELECT '[2005-10-21] 1:post:2(acting'::rchain;
SELECT '[2005-10-21] 1:post:vacant(acting)'::rchain;
SELECT '[2005-10-21] 1:post:2 >'::rchain;
SELECT '[2005-10-21] 1:post:2 3:head:4'::rchain;
SELECT '[2005-10-21] 1:post:2 > 3:superior:4 > 1:head:5'::rchain;
DO $$
DECLARE detail text;
BEGIN
    PERFORM ('[2005-10-21] ' || string_agg(i || ':superior:1', ' > '))::responsibility.rchain
       FROM generate_series(1, 1001) i;
EXCEPTION WHEN program_limit_exceeded THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RAISE NOTICE '%: %', SQLSTATE, detail;
END $$;
SELECT length(('[2005-10-21] ' || string_agg(i || ':superior:1', ' > '))::rchain)
  FROM generate_series(1, 1000) i;

-- Accessors and operators.
CREATE TEMP TABLE c AS
SELECT '[2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 12:in_charge:vacant > 1:head:501'::rchain AS c;
SELECT length(c), moment(c), positions(c), persons(c) FROM c;
SELECT (tail(c)).*, (head(c)).position_id AS head FROM c;
SELECT link(c, 2), link(c, 0) IS NULL AS zero, link(c, 5) IS NULL AS past_end FROM c;
SELECT * FROM c, links(c);
SELECT c @> 1040 AS has_1040, c @> 999 AS has_999, 12::bigint <@ c AS in_12,
       c ~> 77 AS person_77, c ~> 999 AS person_999 FROM c;
SELECT c = '[2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 12:in_charge:vacant > 1:head:501' AS same,
       c = '[2005-10-21 09:00:01+08] 1042:post:501 > 1040:superior:77(acting) > 12:in_charge:vacant > 1:head:501' AS other_moment,
       c <> '[2005-10-21 09:00:00+08] 1042:post:501' AS differs
  FROM c;
-- Equal values hash alike: GROUP BY and DISTINCT work.
SELECT count(DISTINCT x) FROM (VALUES ('[2005-10-21] 1:post:2'::rchain), ('[2005-10-21]  1 : post : 2'), ('[2005-10-21] 1:post:3')) v(x);
SELECT x FROM (VALUES ('[2005-10-21] 1:post:2'::rchain), ('[2005-10-20] 9:post:9'), ('[2005-10-21] 1:post:2 > 3:head:4'),
                      ('[2005-10-21] 1:post:vacant'), ('[2005-10-21] 1:post:2'), ('[2005-10-21] 1:head:1')) v(x)
 GROUP BY x ORDER BY x;
SELECT rchain_hash('[2005-10-21] 1:post:2') = rchain_hash('[2005-10-21]1:post:2') AS same_hash;
-- NULLs in, NULL out (STRICT).
SELECT length(NULL::rchain), contains_position(NULL, 1), link(NULL, 1);

-- Binary form: a format-version byte, the moment, the links.
SELECT rchain_send('[2000-01-01 00:00:00+00] 5:post:6 > 7:head:vacant');
-- Binary COPY round trip, and a file with an unknown format version.
CREATE TEMP TABLE bin (c rchain);
INSERT INTO bin SELECT c FROM c;
COPY bin TO '/tmp/responsibility_rchain.bin' (FORMAT binary);
TRUNCATE bin;
COPY bin FROM '/tmp/responsibility_rchain.bin' (FORMAT binary);
SELECT b.c = c.c AS binary_round_trip FROM bin b, c;
-- The field starts after the 19-byte header, a 2-byte field count and a 4-byte length.
SELECT lo_from_bytea(0, set_byte(pg_read_binary_file('/tmp/responsibility_rchain.bin'), 25, 2)) AS lo \gset
SELECT lo_export(:lo, '/tmp/responsibility_rchain_v2.bin') AS exported, lo_unlink(:lo) AS unlinked;
COPY bin FROM '/tmp/responsibility_rchain_v2.bin' (FORMAT binary);
-- A moment past the range of timestamps but not infinity (its top four bytes
-- set to 7f ff ff ff).
SELECT lo_from_bytea(0, overlay(pg_read_binary_file('/tmp/responsibility_rchain.bin')
                                PLACING '\x7fffffff'::bytea FROM 27 FOR 4)) AS lo \gset
SELECT lo_export(:lo, '/tmp/responsibility_rchain_range.bin') AS exported, lo_unlink(:lo) AS unlinked;
COPY bin FROM '/tmp/responsibility_rchain_range.bin' (FORMAT binary);
-- A first link naming position 0.  Invalid values through binary receive
-- are 22P03 (invalid binary representation).
SELECT lo_from_bytea(0, overlay(pg_read_binary_file('/tmp/responsibility_rchain.bin')
                                PLACING '\x0000000000000000'::bytea FROM 39 FOR 8)) AS lo \gset
SELECT lo_export(:lo, '/tmp/responsibility_rchain_zero.bin') AS exported, lo_unlink(:lo) AS unlinked;
\set VERBOSITY sqlstate
COPY bin FROM '/tmp/responsibility_rchain_range.bin' (FORMAT binary);
COPY bin FROM '/tmp/responsibility_rchain_zero.bin' (FORMAT binary);
\set VERBOSITY default
COPY bin FROM '/tmp/responsibility_rchain_zero.bin' (FORMAT binary);
-- An id that is not a decimal number is a syntax error where it stops (22P02).
\set VERBOSITY sqlstate
SELECT '[2025-01-01 00:00+00] 0x10:post:vacant'::rchain;
\set VERBOSITY default
SELECT '[2025-01-01 00:00+00] 0x10:post:vacant'::rchain;
SELECT '[2025-01-01 00:00+00] 12:post:3ab'::rchain;
SELECT '[2025-01-01 00:00+00] 0:post:vacant'::rchain;
SELECT count(*) FROM bin;
