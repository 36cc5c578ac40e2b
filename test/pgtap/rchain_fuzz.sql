-- Fuzz run over rchain's input function: 20,000 seeded mutations of valid
-- literals (characters deleted, inserted, replaced, runs duplicated).  No
-- input may crash the backend or fail with anything but a documented input
-- error, and every accepted input must round-trip through its text form.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(4);
SET LOCAL TimeZone = 'Asia/Shanghai';

CREATE TEMP TABLE fuzz (lit text, sqlstate text, round_trips boolean);

DO $$
DECLARE
    bases text[] := ARRAY[
        '[2005-10-21 09:00:00+08] 1042:post:501 > 1040:superior:77(acting) > 1030:unit_head:9(concurrent) > 12:in_charge:vacant > 1:head:3',
        '[2005-10-21] 7:post:vacant',
        '[2006-01-01 00:00:00+00] 5:post:6 > 7:head:8'];
    alphabet text := '[]():>0123456789 -+abcdefghijklmnopqrstuvwxyz_,.' || chr(9) || chr(233);
    lit text;
    pos int;
    c responsibility.rchain;
BEGIN
    PERFORM setseed(0.4242);
    FOR i IN 1 .. 20000 LOOP
        lit := bases[1 + floor(random() * 3)::int];
        FOR k IN 1 .. 1 + floor(random() * 4)::int LOOP
            pos := 1 + floor(random() * greatest(length(lit), 1))::int;
            CASE floor(random() * 4)::int
                WHEN 0 THEN lit := overlay(lit PLACING '' FROM pos FOR 1 + floor(random() * 3)::int);
                WHEN 1 THEN lit := overlay(lit PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 0);
                WHEN 2 THEN lit := overlay(lit PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 1);
                ELSE lit := overlay(lit PLACING substr(lit, pos, 1 + floor(random() * 12)::int) FROM pos FOR 0);
            END CASE;
        END LOOP;
        BEGIN
            c := lit::responsibility.rchain;
            INSERT INTO fuzz VALUES (lit, NULL, c::text::responsibility.rchain OPERATOR(responsibility.=) c);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO fuzz VALUES (lit, SQLSTATE, NULL);
        END;
    END LOOP;
END $$;

SELECT is((SELECT count(*) FROM fuzz), 20000::bigint, 'every mutated literal was tried');
SELECT ok((SELECT count(*) FILTER (WHERE sqlstate IS NULL) > 100
              AND count(*) FILTER (WHERE sqlstate IS NOT NULL) > 100 FROM fuzz),
          'the fuzz reaches both accepted and rejected inputs');
-- 22P02 syntax, 22003 out of range, 22023 invalid value (a loop), 22008/22007/22009
-- from the moment's timestamptz, 54000 too many links.
SELECT is((SELECT array_agg(DISTINCT sqlstate ORDER BY sqlstate) FROM fuzz
            WHERE sqlstate NOT IN ('22P02', '22003', '22023', '22008', '22007', '22009', '54000')),
          NULL, 'rejected inputs fail only with documented input errors');
SELECT is((SELECT count(*) FROM fuzz WHERE sqlstate IS NULL AND NOT round_trips), 0::bigint,
          'every accepted input round-trips through its text form');

SELECT * FROM finish();
ROLLBACK;
