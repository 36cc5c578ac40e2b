-- The scoring aggregates (P1): weighted_mean and trimmed_mean on
-- hand-computed cases, against the same in plain SQL over random groups,
-- in parallel and serially, and bad input.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(38);

SET LOCAL search_path = responsibility, public;

CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ': ' || msg;
END
$f$;

-- 1. By hand.
SELECT is((SELECT trimmed_mean(x, 1) FROM unnest('{1,5,3,10}'::float8[]) x), 4::float8,
          'the highest and the lowest dropped: (5 + 3) / 2');
SELECT is((SELECT trimmed_mean(x, 2) FROM unnest('{9,1,8,2,5,7,3}'::float8[]) x), 5::float8,
          'two dropped at each end: (3 + 5 + 7) / 3');
SELECT is((SELECT trimmed_mean(x, 1) FROM unnest('{4,4,4,9,0}'::float8[]) x), 4::float8,
          'ties: one 4 is neither the highest nor the lowest dropped');
SELECT is((SELECT trimmed_mean(x, 0) FROM unnest('{1,2,6}'::float8[]) x), 3::float8, 'trim 0: the plain mean');
SELECT is((SELECT trimmed_mean(x, 1) FROM unnest('{1,NULL,5,3,NULL}'::float8[]) x), 3::float8, 'NULL scores are not counted');
SELECT is((SELECT trimmed_mean(x, 1) FROM unnest('{7,8}'::float8[]) x), NULL::float8,
          'two scores and one dropped at each end: nothing left, NULL');
SELECT is((SELECT trimmed_mean(x, 1) FROM unnest('{}'::float8[]) x), NULL::float8, 'no scores: NULL');
SELECT is((SELECT weighted_mean(x, w) FROM (VALUES (1, 1), (5, 1), (3, 2), (10, 0)) v(x, w)), 3::float8,
          'weights: (1 + 5 + 6 + 0) / 4');
SELECT is((SELECT weighted_mean(x, w) FROM (VALUES (1, NULL), (5, 1), (NULL, 7)) v(x, w)), 5::float8,
          'a row without score or weight is not counted');
SELECT is((SELECT weighted_mean(x, w) FROM (VALUES (1, 0), (5, 0)) v(x, w)), NULL::float8, 'every weight zero: NULL');

-- Sources: colleagues 70 60 100 10, one dropped at each end: 65; leaders
-- 90 80: 85; the public has 1 rater of the 5 it needs; self weighs 0.  The
-- weights of the two sources used are renormalised: (0.5 * 85 + 0.3 * 65) / 0.8.
CREATE TEMP TABLE ev (s text, x float8, w float8, m int, t int);
INSERT INTO ev VALUES ('leaders', 90, 0.5, 2, 0), ('leaders', 80, 0.5, 2, 0),
    ('colleagues', 70, 0.3, 3, 1), ('colleagues', 60, 0.3, 3, 1), ('colleagues', 100, 0.3, 3, 1),
    ('colleagues', 10, 0.3, 3, 1), ('public', 50, 0.2, 5, 0), ('self', 99, 0, 1, 0);
SELECT is((SELECT multi_source_score(s, x, w, m, t) FROM ev), 77.5::float8,
          'sources trimmed, averaged, the insufficient one left out, the weights renormalised');
SELECT is((SELECT string_agg(e->>'source' || ':' || (e->>'status') || ':' || coalesce(e->>'mean', '-'), ' ')
             FROM (SELECT multi_source_detail(s, x, w, m, t) AS d FROM ev) q, jsonb_array_elements(q.d->'sources') e),
          'colleagues:used:65 leaders:used:85 public:insufficient:50 self:weight zero:99',
          'the working names each source, its status and its mean');
SELECT is((SELECT multi_source_score(s, x, w, m, t) FROM ev WHERE s IN ('public', 'self')), NULL::float8,
          'no source used: NULL, not a score');

-- 2. The same as plain SQL over 300 random groups.
CREATE TABLE scores AS
SELECT g % 300 AS grp, round((random() * 100)::numeric, 1)::float8 AS x, (1 + random() * 3)::float8 AS w
  FROM generate_series(1, 200000) g;
ANALYZE scores;
SELECT is((SELECT count(*) FROM (
              SELECT grp, trimmed_mean(x, 2) AS t, weighted_mean(x, w) AS m FROM scores GROUP BY grp) c
            JOIN (SELECT grp, avg(x) FILTER (WHERE rn > 2 AND rn <= n - 2) AS t, sum(x * w) / sum(w) AS m
                    FROM (SELECT grp, x, w, row_number() OVER (PARTITION BY grp ORDER BY x) AS rn,
                                 count(*) OVER (PARTITION BY grp) AS n FROM scores) r
                   GROUP BY grp) s USING (grp)
           WHERE abs(c.t - s.t) > 1e-9 OR abs(c.m - s.m) > 1e-9), 0::bigint,
          'trimmed and weighted means equal the plain SQL in every group');

-- 3. In parallel: the plan splits the aggregates, and the answers agree.
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$f$;
SELECT matches(pg_temp.plan_of('SELECT trimmed_mean(x, 2), weighted_mean(x, w) FROM scores'),
               'Finalize Aggregate.*Gather.*Partial Aggregate',
               'the planner runs both aggregates in parallel workers');
SELECT matches(pg_temp.plan_of($$SELECT multi_source_score(CASE grp % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, x, (grp % 3 + 1)::float8, 5, 1) FROM scores$$),
               'Finalize Aggregate.*Gather.*Partial Aggregate', 'and the source combination');
CREATE TEMP TABLE par AS SELECT trimmed_mean(x, 2) AS t, weighted_mean(x, w) AS m, trimmed_mean(x, 16) AS t16,
    multi_source_score(CASE grp % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, x, (grp % 3 + 1)::float8, 5, 1) AS ms
  FROM scores;
-- The scheme form, by group (a partial state per worker, merged in the leader).
CREATE TEMP TABLE par_scheme AS
SELECT grp % 50 AS g, multi_source_score(CASE grp % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, x,
                                         '{a,b,c}', '{1,2,3}', '{5,5,5}', 1) AS ms
  FROM scores GROUP BY grp % 50;
CREATE TEMP TABLE par_groups AS SELECT grp, trimmed_mean(x, 3) AS t FROM scores GROUP BY grp;
SET LOCAL max_parallel_workers_per_gather = 0;
-- (floating-point sums in another order: equal to 1e-9)
SELECT ok((SELECT abs(t - (SELECT trimmed_mean(x, 2) FROM scores)) < 1e-9 FROM par), 'trimmed mean: parallel equals serial');
SELECT ok((SELECT abs(m - (SELECT weighted_mean(x, w) FROM scores)) < 1e-9 FROM par), 'weighted mean: parallel equals serial');
SELECT ok((SELECT abs(t16 - (SELECT trimmed_mean(x, 16) FROM scores)) < 1e-9 FROM par), 'sixteen dropped at each end: parallel equals serial');
SELECT is((SELECT count(*) FROM par_groups p JOIN (SELECT grp, trimmed_mean(x, 3) AS t FROM scores GROUP BY grp) s USING (grp)
            WHERE abs(p.t - s.t) > 1e-9 OR (p.t IS NULL) <> (s.t IS NULL)), 0::bigint, 'by group: parallel equals serial');

SELECT ok((SELECT abs(ms - (SELECT multi_source_score(CASE grp % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, x, (grp % 3 + 1)::float8, 5, 1)
                              FROM scores)) < 1e-9 FROM par), 'source combination: parallel equals serial');
SELECT ok((SELECT abs(ms - (SELECT sum(w * m) / sum(w) FROM (
              SELECT (grp % 3 + 1)::float8 AS w, avg(x) FILTER (WHERE rn > 1 AND rn < n) AS m
                FROM (SELECT grp % 3 AS grp, x, row_number() OVER (PARTITION BY grp % 3 ORDER BY x) AS rn,
                             count(*) OVER (PARTITION BY grp % 3) AS n FROM scores) r GROUP BY grp % 3) q)) < 1e-9 FROM par),
          'source combination: equals the plain SQL');

SELECT is((SELECT count(*) FROM par_scheme p
             JOIN (SELECT grp % 50 AS g, multi_source_score(CASE grp % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'c' END, x,
                                                            (grp % 3 + 1)::float8, 5, 1) AS ms
                     FROM scores GROUP BY grp % 50) s USING (g)
            WHERE abs(p.ms - s.ms) > 1e-9 OR (p.ms IS NULL) <> (s.ms IS NULL)), 0::bigint,
          'the scheme form in parallel equals the per-row form serially');
SELECT is((SELECT multi_source_score(s, x, '{lead,peer,pub}', '{0.5,0.3,0.2}', '{2,3,5}', 0)
             FROM (VALUES ('lead', 88.0), ('lead', 92), ('peer', 75), ('peer', 82), ('peer', 95), ('pub', 70)) v(s, x)),
          ((0.5 * 90 + 0.3 * 84) / 0.8)::float8, 'the scheme form: the public below its minimum, the rest renormalised');
SELECT is((SELECT multi_source_score(s, x, '{lead}', '{1}', '{1}', 0) FROM (VALUES ('lead', 1.0)) v(s, x) WHERE false), NULL::float8,
          'the scheme form over no rows: NULL');

-- 4. Bad input.
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score(s, 1.0, '{a,b}', '{1,1}', '{1,1}', 0) FROM (VALUES ('a'), ('c')) v(s)$$),
          '22023: multi_source_score: "c" is not one of the sources given', 'the scheme form: a source not in the scheme, 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score('a', 1.0, '{a,b}', '{1}', '{1,1}', 0)$$),
          '2202E: multi_source_score: 2 sources but 1 weights and 2 minimums', 'the scheme form: arrays of other lengths, 2202E');
SELECT is((SELECT array_agg(m ORDER BY g) FROM (
              SELECT g, multi_source_score(s, x, ARRAY['a', 'b'], ARRAY[wa, 1 - wa], ARRAY[1, 1], 0) AS m
                FROM (VALUES (1, 'a', 100::float8, 0.9::float8), (1, 'b', 0, 0.9), (2, 'a', 100, 0.1), (2, 'b', 0, 0.1)) v(g, s, x, wa)
               GROUP BY g) q), '{90,10}'::float8[],
          'the scheme form: each group its own weights, known by content, not by where they sit in memory');
SELECT is(pg_temp.error_of($$SELECT g, responsibility.multi_source_score(s, 1, CASE WHEN s = 'a' THEN '{a}'::text[] ELSE '{a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p}' END,
                                 CASE WHEN s = 'a' THEN '{1}'::float8[] ELSE array_fill(1::float8, ARRAY[16]) END,
                                 CASE WHEN s = 'a' THEN '{1}'::int[] ELSE array_fill(1, ARRAY[16]) END, 1)
                              FROM generate_series(1, 200) g, (VALUES (1, 'a'), (2, 'a'), (3, 'a'), (4, 'p')) v(o, s) GROUP BY g$$),
          '22023: multi_source_score: the sources, weights, minimum raters and trim must be the same for every row of a group',
          'the scheme form: other sources within one group, 22023 (never a write past the state)');
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score('a', 1, '{a}', ARRAY[g::float8], '{1}', 0) FROM generate_series(1, 17) g GROUP BY g$$),
          '22023: multi_source_score: the sources, weights and minimum raters must be the same for every row',
          'the scheme form: sources that vary from row to row, 22023 (bounded memory)');
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score('a', 1.0, '{a,a}', '{1,1}', '{1,1}', 0)$$),
          '22023: multi_source_score: source "a" is given twice', 'the scheme form: a source given twice, 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score('a', 1.0, '{a}', '{-1}', '{1}', 0)$$),
          '22023: multi_source_score: the weight of source "a" must be a finite number, zero or more', 'the scheme form: a negative weight, 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.weighted_mean(x, w) FROM (VALUES (1, 1), (2, -1)) v(x, w)$$),
          '22023: weighted_mean: a weight must be a finite number, zero or more', 'a negative weight: 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.trimmed_mean(x, 17) FROM (VALUES (1.0)) v(x)$$),
          '22023: trimmed_mean: cannot drop 17 scores at each end', 'too much to drop: 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.trimmed_mean(x, t) FROM (VALUES (1.0, 1), (2, 2)) v(x, t)$$),
          '22023: trimmed_mean: the number of scores to drop must be the same for the whole group', 'a trim that changes: 22023');

SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score(s, x, w, 1, 0) FROM (VALUES ('a', 1.0, 1.0), ('a', 2, 2)) v(s, x, w)$$),
          '22023: multi_source_score: source "a" has more than one weight, minimum or trim', 'a source with two weights: 22023');
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score('s' || g, 1.0, 1.0, 1, 0) FROM generate_series(1, 17) g$$),
          '54000: multi_source_score: more than 16 sources', 'too many sources: 54000');
SELECT is(pg_temp.error_of($$SELECT responsibility.multi_source_score(NULL, 1.0, 1.0, 1, 0)$$),
          '22004: multi_source_score: source, weight, minimum raters and trim must not be NULL', 'no source: 22004');

SELECT * FROM finish();
ROLLBACK;
