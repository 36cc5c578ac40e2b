-- The assessment (P1-P4, S1; rules.md §1) on hand-computed cohorts: scores
-- with trimming and renormalisation, every cap, the quota boundary with
-- ties, quarterly results in the annual one, per-rater normalisation, the
-- explanation adding up, finalisation and its digest, the consequences of
-- multi-year histories, assessors reported, the complainant protected,
-- every bad input with its SQLSTATE, tenants.  Everything is rolled back.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
SELECT plan(105);

SET LOCAL search_path = responsibility, public;
SET LOCAL TimeZone = 'UTC';
SET LOCAL responsibility.tenant = '';

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

-- Three raters (7191-7193) give a person the same trio in each source
-- (sorted: the middle one is what trimming keeps).
CREATE FUNCTION pg_temp.rate(per bigint, p bigint, src text, a float8, b float8, c float8) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO responsibility.evaluation (period_id, person_id, source, rater_id, score)
    VALUES (per, p, src, 7191, a), (per, p, src, 7192, b), (per, p, src, 7193, c) $$;
CREATE FUNCTION pg_temp.rate_all(per bigint, p bigint, x float8) RETURNS void
    LANGUAGE sql AS $$
    SELECT pg_temp.rate(per, p, s, x, x, x) FROM unnest('{leaders,colleagues,public}'::text[]) s $$;
CREATE FUNCTION pg_temp.grade_of(per bigint, p bigint) RETURNS text
    LANGUAGE sql AS $$ SELECT grade::text FROM responsibility.period_grades(per) WHERE person_id = p $$;

-- A bureau (7101) with a section (7102) of sixteen officers 7001-7016;
-- director 7090; raters 7191-7196 outside it.
INSERT INTO unit (unit_id, parent_id, name, valid) VALUES
    (7101, NULL, 'Bureau', '[2020-01-01,)'), (7102, 7101, 'Section', '[2020-01-01,)'),
    (7103, NULL, 'Old hands', '[2020-01-01,)'), (7104, NULL, 'Quarterly unit', '[2020-01-01,)'),
    (7105, NULL, 'Normalised unit', '[2020-01-01,)'), (7106, NULL, 'Rated unit', '[2020-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid) VALUES
    (7300, 7101, 'Director', 'head', NULL, '[2020-01-01,)');
INSERT INTO position (position_id, unit_id, title, kind, reports_to, valid)
SELECT 7300 + i, 7102, 'Officer ' || i, 'staff', 7300, '[2020-01-01,)' FROM generate_series(1, 16) i;
INSERT INTO person (person_id, name) SELECT 7000 + i, 'P' || i FROM generate_series(1, 16) i;
INSERT INTO person (person_id, name) VALUES (7090, 'Director'), (7191, 'R1'), (7192, 'R2'), (7193, 'R3'),
    (7194, 'R4'), (7195, 'R5'), (7196, 'R6');
INSERT INTO assignment (position_id, person_id, during) VALUES (7300, 7090, '[2020-01-01,)');
INSERT INTO assignment (position_id, person_id, during)
SELECT 7300 + i, 7000 + i, '[2020-01-01,)' FROM generate_series(1, 16) i;

-- ------------------------------------------------------------------
-- Schemes.
SELECT create_default_scheme('annual') AS s \gset
SELECT is((SELECT array_agg(code || '=' || weight ORDER BY code) FROM scheme_dimension WHERE scheme_id = :s),
          '{de=0.15,ji=0.3,lian=0.15,neng=0.1,qin=0.3}', 'the default scheme weighs 德 能 勤 绩 廉 15/10/30/30/15');
UPDATE scheme_source SET weight = 0.3 WHERE scheme_id = :s AND code = 'service_recipients';
SELECT alike(pg_temp.error_of(format('SELECT activate_scheme(%s)', :s)),
             '22023: the source weights of scheme annual sum to 1.1%not 1', 'weights that do not sum to 1 are refused (22023)');
UPDATE scheme_source SET weight = 0.2, code = 'public' WHERE scheme_id = :s AND code = 'service_recipients';
UPDATE scheme_dimension SET weight = 0.2 WHERE scheme_id = :s AND code = 'de';
SELECT alike(pg_temp.error_of(format('SELECT activate_scheme(%s)', :s)),
             '22023: the dimension weights of scheme annual sum to 1.05%', 'dimension weights that do not sum to 1 are refused (22023)');
UPDATE scheme_dimension SET weight = 0.15 WHERE scheme_id = :s AND code = 'de';
SELECT is(pg_temp.error_of('UPDATE assessment_scheme SET excellent_min = 50 WHERE code = ''annual'''),
          '22023: the cut-offs of scheme annual are out of order: need 0 <= basic 60 <= competent 70 <= excellent 50 <= 100',
          'cut-offs out of order are refused (22023)');
SELECT alike(pg_temp.error_of(format($$INSERT INTO assessment_period (scheme_id, unit_id, kind, span) VALUES (%s, 7101, 'annual', '[2025-01-01,2026-01-01)')$$, :s)),
             '55000: scheme % (annual) is a draft: a period needs an active scheme', 'a period needs an active scheme (55000)');
SELECT lives_ok(format('SELECT activate_scheme(%s)', :s), 'a scheme whose weights sum to 1 activates');
SELECT alike(pg_temp.error_of(format('UPDATE scheme_source SET weight = 0.4 WHERE scheme_id = %s AND code = ''leaders''', :s)),
             '55000: scheme % is active: its scheme_source cannot change', 'an active scheme''s sources never change (55000)');
SELECT alike(pg_temp.error_of('UPDATE assessment_scheme SET trim_each = 0 WHERE code = ''annual'''),
             '55000: scheme % (annual version 1) is active and cannot change', 'an active scheme never changes (55000)');

-- ------------------------------------------------------------------
-- The annual period 2025 of the bureau: sixteen officers.
SELECT alike(pg_temp.error_of(format($$INSERT INTO assessment_period (scheme_id, unit_id, kind, span, excellent_quota) VALUES (%s, 7101, 'annual', '[2025-01-01,2026-01-01)', 0.3)$$, :s)),
             '22023: the excellent quota 0.3 of period % is above the scheme''s ceiling 0.20', 'a quota above the ceiling is refused (22023)');
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span, excellent_quota)
VALUES (7501, :s, 7101, 'annual', '[2025-01-01,2026-01-01)', 0.2);
SELECT is(enrol_period(7501), 17, 'enrol_period() adds everyone who held a post in the unit''s tree');
DELETE FROM assessment_subject WHERE period_id = 7501 AND person_id = 7090;

SELECT pg_temp.rate(7501, 7001, 'leaders', 80, 95, 99), pg_temp.rate(7501, 7001, 'colleagues', 90, 95, 100),
       pg_temp.rate(7501, 7001, 'public', 95, 95, 95);
SELECT pg_temp.rate_all(7501, 7000 + i, x)
  FROM (VALUES (2, 93), (3, 93), (4, 92), (5, 85), (7, 65), (8, 50), (9, 96), (10, 97), (11, 88), (13, 91),
               (14, 75), (15, 80)) v(i, x);
-- P6: only two of the public rate them, so the public is insufficient.
SELECT pg_temp.rate(7501, 7006, 'leaders', 80, 80, 80), pg_temp.rate(7501, 7006, 'colleagues', 90, 90, 90);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7006, 'public', 7191, 10), (7501, 7006, 'public', 7192, 10);

-- Caps.  P9: two valid complaints in 2025 (one more invalid, one valid in 2024).
INSERT INTO complaint (complaint_id, person_id, received_at, summary, outcome, decided_at) VALUES
    (7601, 7009, '2025-02-01', 'rude at the window', 'valid', '2025-02-10'),
    (7602, 7009, '2025-05-01', 'lost a file', 'valid', '2025-05-20'),
    (7603, 7009, '2025-06-01', 'slow', 'invalid', '2025-06-20'),
    (7604, 7009, '2024-12-30', 'asked for a fee', 'valid', '2025-01-10');
INSERT INTO complainant (complaint_id, name, contact) VALUES (7601, 'Citizen Zhao', '138-0000-0000');
-- P10: a warning this year; P13: a demerit from August 2024 (12 months);
-- P15: a case still open.  (Cases and sanctions are written directly, their
-- own rules are tested in case.sql.)
SET LOCAL session_replication_role = replica;
INSERT INTO accountability_case (case_id, incident_id, subject_person_id, subject_kind, state, opened_at, opened_by, state_since) VALUES
    (7701, 1, 7010, 'direct', 'closed', '2025-02-01', 7090, '2025-03-01'),
    (7702, 1, 7013, 'direct', 'closed', '2024-06-01', 7090, '2024-08-01'),
    (7703, 1, 7015, 'direct', 'opened', '2025-06-01', 7090, '2025-06-01');
INSERT INTO sanction (sanction_id, case_id, person_id, kind, months, starts_at, ends_at, decided_at) VALUES
    (7801, 7701, 7010, 'warning', 6, '2025-03-01', '2025-09-01', '2025-03-01'),
    (7802, 7702, 7013, 'demerit', 12, '2024-08-01', '2025-08-01', '2024-08-01');
RESET session_replication_role;
-- P11 on probation, P12 refused to be assessed, P14 away from January to August.
UPDATE assessment_subject SET on_probation = true WHERE period_id = 7501 AND person_id = 7011;
UPDATE assessment_subject SET refused = true WHERE period_id = 7501 AND person_id = 7012;
INSERT INTO absence (assignment_id, kind, during)
SELECT assignment_id, 'leave', '[2025-01-01,2025-08-01)' FROM assignment WHERE person_id = 7014;

CREATE TEMP TABLE g AS SELECT * FROM period_grades(7501);
SELECT is((SELECT score FROM g WHERE person_id = 7001), 95::float8, 'trimming keeps the middle score of each source: 95');
SELECT is((SELECT score FROM g WHERE person_id = 7006), 83.75::float8,
          'a source below its minimum is left out and the weights renormalised: (0.5*80 + 0.3*90) / 0.8 = 83.75');
SELECT is((SELECT grade FROM g WHERE person_id = 7001), 'excellent', 'the best score within the quota is excellent');
SELECT is((SELECT array_agg(person_id ORDER BY person_id) FROM g WHERE quota_tie), '{7002,7003}',
          '11 graded, 20% gives 2 places: P2 and P3 tie for the second, and both are flagged');
SELECT is((SELECT array_agg(grade::text ORDER BY person_id) FROM g WHERE person_id IN (7002, 7003)), '{competent,competent}',
          'candidates tied across the boundary all stay competent: never split by row order');
SELECT is((SELECT caps FROM g WHERE person_id = 7004), '{over_quota}', 'the next candidate is over the quota: competent');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7009), 'basically_competent {valid_complaints}',
          'two valid complaints in the year cap an excellent score at basically competent (the seed''s rule)');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7010), 'competent {sanction_not_excellent}',
          'a warning in the year: not excellent');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7011), 'no_grade {probation}', 'probation: no grade');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7012), 'incompetent {refused}',
          'refusing to be assessed: incompetent');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7013), 'no_grade {sanction_period}',
          'during a demerit''s period: no grade');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7014), 'no_grade {long_leave}',
          'away 212 of 365 days: no grade');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7015), 'no_grade {under_investigation}',
          'under investigation: no grade');
SELECT is((SELECT grade || ' ' || caps::text FROM g WHERE person_id = 7016), 'no_grade {insufficient_sources}',
          'nobody rated: no grade, never a zero');
SELECT is((SELECT array_agg(grade::text ORDER BY person_id) FROM g WHERE person_id IN (7005, 7007, 7008)),
          '{competent,basically_competent,incompetent}', 'the cut-offs 90/70/60');
SELECT is((SELECT grade_zh FROM g WHERE person_id = 7007), '基本称职', 'grades are labelled in Chinese');
SELECT is((SELECT rank FROM g WHERE person_id = 7003), 4, 'equal scores share a rank');
SELECT is((SELECT count(*) FROM g WHERE rank IS NULL), 2::bigint, 'nobody without a score is ranked');

-- Moving the boundary: P3 a little lower leaves P2 alone at the second place.
UPDATE evaluation SET score = 92.5 WHERE period_id = 7501 AND person_id = 7003;
SELECT is((SELECT array_agg(person_id || ':' || grade ORDER BY person_id) FROM period_grades(7501) WHERE person_id <= 7004),
          '{7001:excellent,7002:excellent,7003:competent,7004:competent}', 'without the tie, the quota takes the two best');
-- Scores equal at the scheme's two decimals tie.
UPDATE evaluation SET score = 93.004 WHERE period_id = 7501 AND person_id = 7003;
SELECT is((SELECT array_agg(person_id ORDER BY person_id) FROM period_grades(7501) WHERE quota_tie), '{7002,7003}',
          'scores equal at two decimals (93.004 and 93) tie');
UPDATE evaluation SET score = 93 WHERE period_id = 7501 AND person_id = 7003;

-- Parallel and serial agree.
CREATE TEMP TABLE serial AS SELECT person_id, score, grade, quota_tie, caps FROM compute_grades(7501);
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
SELECT is((SELECT count(*) FROM (SELECT person_id, score, grade, quota_tie, caps FROM compute_grades(7501)
                                 EXCEPT SELECT * FROM serial) x), 0::bigint, 'grades computed in parallel equal the serial ones');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET force_parallel_mode;

-- ------------------------------------------------------------------
-- The explanation.
SELECT assessment_explanation(7501, 7006) AS e6, assessment_explanation(7501, 7001) AS e1 \gset
SELECT is((:'e6'::jsonb #>> '{sources,2,status}'), 'insufficient', 'the explanation reports the insufficient source');
SELECT is((:'e6'::jsonb #>> '{sources,0,share}')::float8, 0.625::float8, 'and the renormalised share of the leaders: 0.5/0.8');
SELECT is((SELECT count(*) FROM jsonb_array_elements(:'e1'::jsonb -> 'sources') s, jsonb_array_elements(s -> 'scores') x
            WHERE (x ->> 'trimmed')::boolean), 6::bigint, 'it shows what was trimmed: the highest and lowest of each source');
SELECT is((SELECT count(*) FROM period_grades(7501) p
            WHERE p.score IS NOT NULL
              AND abs((SELECT sum((s ->> 'share')::float8 * coalesce((s ->> 'mean')::float8, 0))
                         FROM jsonb_array_elements(assessment_explanation(7501, p.person_id) -> 'sources') s) - p.score) > 1e-9),
          0::bigint, 'for everyone, the shares times the means add up to the score');
SELECT is((SELECT count(*) FROM period_grades(7501) p
            WHERE (assessment_explanation(7501, p.person_id) ->> 'grade') <> p.grade::text), 0::bigint,
          'and the explanation''s grade is the grade');
SELECT is((assessment_explanation(7501, 7009) #>> '{caps,0,label_zh}'), '一年内有效投诉两次以上，不得评为称职',
          'each cap is explained with its rule, in Chinese too');
SELECT is((assessment_explanation(7501, 7002) #>> '{quota,places}')::integer, 2, 'the rank is shown against the quota''s places');
SELECT is(assessment_explanation(7501, 7004) -> 'caps',
          jsonb_build_array(jsonb_build_object('rule', 'over_quota', 'at_most', 'competent',
                            'detail', '2 excellent places for 11 graded; rank 4 among 4 candidates, 1 tied at 92.00',
                            'label_en', 'excellent score beyond the quota: competent', 'label_zh', '超出优秀比例，定为称职')),
          'the quota''s cap is explained with the places, the rank and the score compared');
SELECT is((SELECT count(*) FROM period_grades(7501) g
            WHERE jsonb_array_length(assessment_explanation(7501, g.person_id) -> 'caps') <> cardinality(g.caps)
               OR jsonb_path_exists(assessment_explanation(7501, g.person_id), '$.caps[*] ? (@ == null)')), 0::bigint,
          'every explanation lists exactly the caps of the grade, each explained');
SELECT is(assessment_explanation(7501, 7090), NULL, 'nobody not assessed has an explanation');

-- ------------------------------------------------------------------
-- Bad input.
SELECT is(pg_temp.error_of('INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, ''leaders'', 7194, 101)'),
          '22003: score 101 is outside the scale 0 to 100 of scheme annual', 'a score outside the scale (22003)');
SELECT is(pg_temp.error_of('INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, ''leaders'', 7194, ''NaN'')'),
          '22003: score NaN is outside the scale 0 to 100 of scheme annual', 'NaN is no score (22003)');
SELECT is(pg_temp.error_of('INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, ''colleagues'', 7005, 90)'),
          '23514: person 7005 may not rate themselves in source "colleagues"', 'rating oneself where the scheme forbids it (23514)');
SELECT is(pg_temp.error_of('INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, ''peers'', 7194, 90)'),
          '42704: scheme annual has no source "peers" scored by raters', 'an unknown source (42704)');
SELECT is(pg_temp.error_of($$INSERT INTO evaluation (period_id, person_id, source, rater_id, score, dimension_scores) VALUES (7501, 7005, 'leaders', 7194, 0, '{"de": 90, "neng": 90, "qin": 90, "ji": 90}')$$),
          '22023: the score of dimension "lian" is missing or not a number', 'dimension scores must cover every dimension (22023)');
SELECT is(pg_temp.error_of($$INSERT INTO evaluation (period_id, person_id, source, rater_id, score, dimension_scores) VALUES (7501, 7005, 'leaders', 7194, 0, '{"de": 90, "neng": 90, "qin": 90, "ji": 90, "lian": 90, "xx": 1}')$$),
          '42704: scheme annual has no dimension "xx"', 'an unknown dimension (42704)');
SELECT is(pg_temp.error_of('INSERT INTO target_result (period_id, person_id, duty_id, score) VALUES (7501, 7005, 1, 90)'),
          '42704: scheme annual has no source fed by the duties'' targets', 'a target result where the scheme counts none (42704)');
INSERT INTO evaluation (period_id, person_id, source, rater_id, score, dimension_scores)
VALUES (7501, 7016, 'leaders', 7194, 0, '{"de": 100, "neng": 80, "qin": 90, "ji": 70, "lian": 100}');
SELECT is((SELECT score FROM evaluation WHERE person_id = 7016 AND rater_id = 7194), 86::float8,
          'scores by dimension give their weighted mean: .15*100 + .1*80 + .3*90 + .3*70 + .15*100 = 86');
DELETE FROM evaluation WHERE person_id = 7016;
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES (7502, :s, 7102, 'annual', '[2025-07-01,2026-07-01)');
SELECT alike(pg_temp.error_of('INSERT INTO assessment_subject (period_id, person_id) VALUES (7502, 7005)'),
             '23P01: %assessment_subject_one_period_at_a_time%', 'one person in two overlapping periods of a kind (23P01)');
SELECT is(enrol_period(7502), 0, 'enrol_period() skips whoever is already assessed in an overlapping period');
DELETE FROM assessment_period WHERE period_id = 7502;
SELECT is((SELECT count(*) FROM evaluation WHERE period_id = 7501), 125::bigint, 'no failed write left anything behind');

-- ------------------------------------------------------------------
-- Finalisation.
SELECT finalise_period(7501, 7090) AS digest \gset
SELECT is((SELECT digest FROM assessment_period WHERE period_id = 7501), :'digest', 'finalising stores the digest of the inputs');
SELECT is(period_digest(7501), :'digest', 'which the inputs still give');
SELECT is((SELECT count(*) FROM assessment_result WHERE period_id = 7501), 16::bigint, 'and a result for everyone');
SELECT is((SELECT array_agg(grade::text ORDER BY person_id) FROM period_grades(7501) WHERE finalised), (SELECT array_agg(grade::text ORDER BY person_id) FROM g),
          'the frozen grades are the ones computed');
SELECT is(pg_temp.error_of('INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, ''leaders'', 7194, 90)'),
          '55000: period 7501 is finalised: INSERT of evaluation refused', 'an evaluation for a finalised period is refused (55000)');
SELECT is(pg_temp.error_of('UPDATE evaluation SET score = 99 WHERE period_id = 7501 AND person_id = 7005'),
          '55000: period 7501 is finalised: UPDATE of evaluation refused', 'so is changing one');
SELECT is(pg_temp.error_of($$INSERT INTO complaint (person_id, received_at, summary) VALUES (7005, '2025-11-01', 'late')$$),
          '55000: period 7501 is finalised: INSERT of complaint dated 2025-11-01 refused', 'and a complaint inside the finalised year');
SELECT is(pg_temp.error_of($$INSERT INTO window_rating (person_id, rated_at, score) VALUES (7005, '2025-11-01', 80)$$),
          '55000: period 7501 is finalised: INSERT of window_rating dated 2025-11-01 refused', 'and a window rating');
SELECT lives_ok($$INSERT INTO complaint (person_id, received_at, summary) VALUES (7005, '2026-01-05', 'late')$$,
                'a complaint after the period is accepted');
SELECT is(pg_temp.error_of('UPDATE assessment_result SET grade = ''excellent'' WHERE person_id = 7002'),
          '55000: UPDATE of assessment_result refused: results are written by finalise_period() only', 'results are never edited');
SELECT is(pg_temp.error_of('UPDATE assessment_period SET finalised = false WHERE period_id = 7501'),
          '55000: a period is finalised and reopened only through finalise_period() and reopen_period()', 'nor the period''s state');
SELECT is(pg_temp.error_of('SELECT reopen_period(7501, 7090, '' '')'),
          '22023: reopening period 7501 needs a reason', 'reopening needs a reason (22023)');
SELECT lives_ok('SELECT reopen_period(7501, 7090, ''P5 appealed: a missing leader''''s evaluation'')', 'reopening with a reason');
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, 'leaders', 7194, 90);
SELECT isnt(period_digest(7501), :'digest', 'a changed input changes the digest');
SELECT is((SELECT grade FROM period_grades(7501) WHERE person_id = 7005 AND finalised), NULL, 'a reopened period''s grades are live');
SELECT isnt(finalise_period(7501, 7090), :'digest', 'finalised again, with the new digest');
SELECT is((SELECT array_agg(action || coalesce(':' || reason, '') ORDER BY seq) FROM period_event WHERE period_id = 7501),
          '{finalised,"reopened:P5 appealed: a missing leader''s evaluation",finalised}', 'every finalisation and reopening is recorded with its reason');

-- ------------------------------------------------------------------
-- Quarterly results in the annual one: 0.05 * 70 + 0.95 * mean(80, 90) = 84.25.
INSERT INTO assessment_scheme (scheme_id, code, name, trim_each, periodic_share) VALUES (7402, 'quarterly_mix', 'Mixed', 0, 0.95);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, weight, min_raters) VALUES (7402, 'leaders', 'leaders', '领导', 1, 1);
SELECT activate_scheme(7402);
INSERT INTO position (position_id, unit_id, title, kind, valid) VALUES (7341, 7104, 'Clerk', 'staff', '[2020-01-01,)');
INSERT INTO person (person_id, name) VALUES (7041, 'Q');
INSERT INTO assignment (position_id, person_id, during) VALUES (7341, 7041, '[2020-01-01,)');
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES
    (7511, 7402, 7104, 'quarterly', '[2025-01-01,2025-04-01)'), (7512, 7402, 7104, 'quarterly', '[2025-04-01,2025-07-01)'),
    (7513, 7402, 7104, 'annual', '[2025-01-01,2026-01-01)');
SELECT enrol_period(7511), enrol_period(7512), enrol_period(7513);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES
    (7511, 7041, 'leaders', 7191, 80), (7512, 7041, 'leaders', 7191, 90), (7513, 7041, 'leaders', 7191, 70);
SELECT is((SELECT score FROM period_grades(7513)), 70::float8, 'quarters not yet finalised do not count');
SELECT finalise_period(7511, 7090), finalise_period(7512, 7090);
SELECT is((SELECT score FROM period_grades(7513)), 84.25::float8, 'the annual score takes 95% from the finalised quarters');
SELECT is((assessment_explanation(7513, 7041) #>> '{periodic,quarterly_mean}')::float8, 85::float8,
          'and the explanation shows the quarters'' mean');

-- Every feed: leaders 80 (weight 0.4); a duty's target 95 (0.2); the
-- superior's memo reviews 70 and 60 (0.2, at least 2); training 90 (0.1);
-- two window ratings (0.1, at least 3: insufficient).  Inputs outside the
-- span, memos not reviewed and training without a result do not count:
-- (0.4*80 + 0.2*95 + 0.2*65 + 0.1*90) / 0.9 = 81.11.
INSERT INTO assessment_scheme (scheme_id, code, name, trim_each) VALUES (7405, 'feeds', 'Every feed', 0);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, feed, weight, min_raters) VALUES
    (7405, 'leaders', 'leaders', '领导', 'raters', 0.4, 1), (7405, 'targets', 'targets', '目标', 'targets', 0.2, 1),
    (7405, 'memos', 'memos', '备忘', 'memos', 0.2, 2), (7405, 'training', 'training', '培训', 'training', 0.1, 1),
    (7405, 'window', 'window', '窗口', 'service_window', 0.1, 3);
SELECT activate_scheme(7405);
INSERT INTO unit (unit_id, name, valid) VALUES (7107, 'Feeds unit', '[2020-01-01,)');
INSERT INTO person (person_id, name) VALUES (7071, 'F');
INSERT INTO duty (duty_id, unit_id, title, target, target_value, valid) VALUES (7951, 7107, 'Answer letters', 'within 15 days', 15, '[2020-01-01,)');
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES (7541, 7405, 7107, 'special', '[2025-01-01,2025-07-01)');
INSERT INTO assessment_subject (period_id, person_id) VALUES (7541, 7071);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7541, 7071, 'leaders', 7191, 80);
SELECT is(pg_temp.error_of('INSERT INTO target_result (period_id, person_id, duty_id, score) VALUES (7541, 7071, 7951, 95)'),
          '23514: duty 7951 is not a duty of a post person 7071 held during period 7541',
          'a target result needs a duty of the person''s post (23514)');
INSERT INTO position (position_id, unit_id, title, kind, valid) VALUES (7371, 7107, 'Letters clerk', 'staff', '[2020-01-01,)');
INSERT INTO assignment (position_id, person_id, during) VALUES (7371, 7071, '[2024-06-01,)');
INSERT INTO duty_owner (duty_id, position_id, during) VALUES (7951, 7371, '[2024-01-01,)');
INSERT INTO target_result (period_id, person_id, duty_id, target, achieved, score) VALUES (7541, 7071, 7951, 15, 16, 95);
INSERT INTO work_memo (person_id, day, content, reviewed_by, reviewed_at, review_score) VALUES
    (7071, '2025-02-01', 'answered 12 letters', 7090, '2025-02-02', 70), (7071, '2025-02-03', 'answered 9 letters', 7090, '2025-02-04', 60),
    (7071, '2024-12-30', 'before the span', 7090, '2025-01-02', 0);
INSERT INTO work_memo (person_id, day, content) VALUES (7071, '2025-03-01', 'not reviewed');
INSERT INTO training_record (person_id, course, hours, completed_on, result_score) VALUES
    (7071, 'Letters and visits law', 16, '2025-03-10', 90), (7071, 'Earlier course', 8, '2024-11-10', 10);
INSERT INTO training_record (person_id, course, hours, completed_on) VALUES (7071, 'Fire drill', 2, '2025-04-10');
INSERT INTO learning_plan (person_id, year, planned_hours) VALUES (7071, 2025, 40);
INSERT INTO window_rating (person_id, rated_at, score) VALUES (7071, '2025-05-01 10:00+00', 100), (7071, '2025-05-02 10:00+00', 100);
SELECT is((SELECT round(score::numeric, 4) FROM period_grades(7541)), 81.1111, 'every feed counts as its source says');
SELECT is((SELECT string_agg(s ->> 'source' || ':' || (s ->> 'status'), ',' ORDER BY s ->> 'source')
             FROM jsonb_array_elements(assessment_explanation(7541, 7071) -> 'sources') s),
          'leaders:used,memos:used,targets:used,training:used,window:insufficient', 'and the explanation names each');
SELECT is(assessment_explanation(7541, 7071) -> 'training', '{"hours": 18, "planned_hours": 40}',
          'training hours of the span against the learning plan');

-- F has a second post from March, and the same 70 days of leave recorded
-- on both: 70 of 181 days away, not 140 (no cap).  A demotion of 30 months
-- from 2023 still runs in 2025: no grade during its period.
INSERT INTO position (position_id, unit_id, title, kind, valid) VALUES (7372, 7107, 'Visits clerk', 'staff', '[2020-01-01,)');
INSERT INTO assignment (position_id, person_id, during) VALUES (7372, 7071, '[2025-03-01,)');
INSERT INTO absence (assignment_id, kind, during)
SELECT assignment_id, 'leave', '[2025-03-01,2025-05-10)' FROM assignment WHERE person_id = 7071;
SELECT is((SELECT count(*) FROM grade_caps(7541) WHERE rule = 'long_leave'), 0::bigint,
          'leave recorded on two posts at once counts once');
SET LOCAL session_replication_role = replica;
INSERT INTO sanction (sanction_id, case_id, person_id, kind, months, starts_at, ends_at, decided_at)
VALUES (7804, 7701, 7071, 'demotion', 30, '2023-01-01', '2025-07-01', '2023-01-01');
RESET session_replication_role;
SELECT is((SELECT string_agg(rule, ',') FROM grade_caps(7541)), 'sanction_period',
          'a demotion still running: no grade during its period, not only the year after');
DELETE FROM absence WHERE person_id = 7071;
-- At the scheme's two decimals 89.996 is 90.00: excellent by the cut-off as by the quota.
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES (7532, 7402, 7104, 'special', '[2025-02-01,2025-03-01)');
INSERT INTO assessment_subject (period_id, person_id) VALUES (7532, 7041);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7532, 7041, 'leaders', 7191, 89.996);
SELECT is((SELECT base_grade::text FROM compute_grades(7532)), 'excellent', 'the cut-offs compare the score at the scheme''s digits');

-- Per-rater normalisation: R1 gives 80 and 60 (mean 70), R2 gives 100 (mean
-- 100); the source's mean is 80: N1 = mean(90, 80) = 85, N2 = 70.
INSERT INTO assessment_scheme (scheme_id, code, name, trim_each, normalise_raters) VALUES (7403, 'normalised', 'Normalised', 0, true);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, weight, min_raters) VALUES (7403, 'a', 'all', '全体', 1, 1);
SELECT activate_scheme(7403);
INSERT INTO person (person_id, name) VALUES (7051, 'N1'), (7052, 'N2');
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES (7521, 7403, 7105, 'special', '[2025-01-01,2025-02-01)');
INSERT INTO assessment_subject (period_id, person_id) VALUES (7521, 7051), (7521, 7052);
INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES
    (7521, 7051, 'a', 7191, 80), (7521, 7052, 'a', 7191, 60), (7521, 7051, 'a', 7192, 100);
SELECT is((SELECT array_agg(score ORDER BY person_id) FROM period_grades(7521)), '{85,70}'::float8[],
          'each rater''s scores are shifted to the source''s mean');
SELECT is((jsonb_path_query_first(assessment_explanation(7521, 7051), '$.sources[0].scores[*] ? (@.rater == 7192)') ->> 'given')::float8, 100::float8,
          'the explanation keeps the score as given');

-- Assessors: R1-R5 score six people 77..87, R6 gives everyone 50.
INSERT INTO assessment_scheme (scheme_id, code, name, trim_each) VALUES (7404, 'rated', 'Rated', 0);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, weight, min_raters) VALUES (7404, 'a', 'all', '全体', 1, 1);
SELECT activate_scheme(7404);
INSERT INTO person (person_id, name) SELECT 7060 + i, 'S' || i FROM generate_series(1, 6) i;
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span) VALUES (7531, 7404, 7106, 'special', '[2025-01-01,2025-02-01)');
INSERT INTO assessment_subject (period_id, person_id) SELECT 7531, 7060 + i FROM generate_series(1, 6) i;
INSERT INTO evaluation (period_id, person_id, source, rater_id, score)
SELECT 7531, 7060 + i, 'a', r, CASE WHEN r = 7196 THEN 50 ELSE 75 + 2 * i END
  FROM generate_series(1, 6) i, generate_series(7191, 7196) r;
SELECT is((SELECT array_agg(rater_id || ':' || finding ORDER BY rater_id, finding) FROM assessor_report(7531)),
          '{7196:far_from_source,7196:same_score_for_all}', 'the assessor far from the others and giving one score to all is reported');
SELECT is((SELECT round(deviation::numeric, 3) FROM assessor_report(7531) LIMIT 1), -2.236, 'with how far: 2.236 standard deviations');

-- ------------------------------------------------------------------
-- Consequences over three years in a unit of five: A excellent three
-- years; B incompetent twice; C basically competent twice; D, E competent.
INSERT INTO position (position_id, unit_id, title, kind, valid)
SELECT 7330 + i, 7103, 'Hand ' || i, 'staff', '[2020-01-01,)' FROM generate_series(1, 5) i;
INSERT INTO person (person_id, name) VALUES (7031, 'A'), (7032, 'B'), (7033, 'C'), (7034, 'D'), (7035, 'E');
INSERT INTO assignment (position_id, person_id, during) SELECT 7330 + i, 7030 + i, '[2020-01-01,)' FROM generate_series(1, 5) i;
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span, excellent_quota) VALUES
    (7543, :s, 7103, 'annual', '[2023-01-01,2024-01-01)', 0.2), (7544, :s, 7103, 'annual', '[2024-01-01,2025-01-01)', 0.2),
    (7545, :s, 7103, 'annual', '[2025-01-01,2026-01-01)', 0.2);
SELECT enrol_period(7543), enrol_period(7544), enrol_period(7545);
SELECT pg_temp.rate_all(v.period, 7030 + v.who, v.x)
  FROM (VALUES (7543, 1, 95), (7543, 2, 80), (7543, 3, 80), (7543, 4, 80), (7543, 5, 80),
               (7544, 1, 95), (7544, 2, 55), (7544, 3, 65), (7544, 4, 80), (7544, 5, 80),
               (7545, 1, 95), (7545, 2, 50), (7545, 3, 62), (7545, 4, 80), (7545, 5, 80)) v(period, who, x);
SELECT finalise_period(7543, 7090), finalise_period(7544, 7090), finalise_period(7545, 7090);
SELECT is((SELECT array_agg(person_id || ':' || measure ORDER BY person_id, measure) FROM assessment_consequences(7545)),
          '{7031:commendation,7031:third_class_merit,7031:year_end_bonus,7032:demotion,7032:dismissal,7033:admonition,7033:lowered_level_basic,7034:year_end_bonus,7035:year_end_bonus}',
          'three excellent years: merit; two incompetent: dismissal; two basically competent: lowered; competent: bonus');
SELECT is((SELECT array_agg(person_id || ':' || measure ORDER BY person_id, measure) FROM assessment_consequences(7544) WHERE measure = 'salary_step'),
          '{7031:salary_step,7034:salary_step,7035:salary_step}', 'two accumulated competent-or-better years: a salary step');
SELECT is((SELECT label_zh FROM assessment_consequences(7545) WHERE measure = 'dismissal'), '辞退', 'measures are labelled in Chinese');
-- A fourth excellent year: a commendation again, but the merit only after
-- three more.
INSERT INTO assessment_period (period_id, scheme_id, unit_id, kind, span, excellent_quota) VALUES
    (7546, :s, 7103, 'annual', '[2026-01-01,2027-01-01)', 0.2);
SELECT enrol_period(7546);
SELECT pg_temp.rate_all(7546, 7030 + v.who, v.x) FROM (VALUES (1, 95), (2, 80), (3, 80), (4, 80), (5, 80)) v(who, x);
SELECT finalise_period(7546, 7090);
SELECT is((SELECT array_agg(measure ORDER BY measure) FROM assessment_consequences(7546) WHERE person_id = 7031),
          '{commendation,salary_step,year_end_bonus}', 'three excellent years call for a merit once; the count starts again');
SET LOCAL session_replication_role = replica;
INSERT INTO sanction (sanction_id, case_id, person_id, kind, starts_at, decided_at)
VALUES (7803, 7701, 7031, 'circulated_criticism', '2025-10-01', '2025-10-01');
RESET session_replication_role;
SELECT is((SELECT array_agg(measure ORDER BY measure) FROM assessment_consequences(7545) WHERE person_id = 7031), '{year_end_bonus}',
          'anyone held accountable that year loses the commendations');
SELECT is((SELECT count(*) FROM assessment_consequences(7513)), 0::bigint, 'a period not finalised calls for nothing yet');
INSERT INTO consequence_rule (tenant_id, code, grades, in_a_row, label_en, label_zh)
VALUES (1, 'year_end_bonus', '{excellent}', 1, 'bonus for the excellent only', '仅优秀发奖金');
SELECT is((SELECT array_agg(person_id ORDER BY person_id) FROM assessment_consequences(7545) WHERE measure = 'year_end_bonus'), '{7031}',
          'a tenant''s own rule replaces the default of the same code');

-- ------------------------------------------------------------------
-- The complainant is protected.
CREATE ROLE tap_handler LOGIN IN ROLE responsibility_complaint_handler;
CREATE ROLE tap_p9 LOGIN IN ROLE responsibility_complaint_handler;
CREATE ROLE tap_reader LOGIN IN ROLE responsibility_reader;
UPDATE person SET role_name = 'tap_p9' WHERE person_id = 7009;
SET LOCAL ROLE tap_handler;
SELECT is((SELECT name FROM complainant WHERE complaint_id = 7601), 'Citizen Zhao', 'a complaint handler reads who complained');
RESET ROLE;
SET LOCAL ROLE tap_p9;
SELECT is((SELECT count(*) FROM complainant), 0::bigint, 'the person complained about never does, even as a handler');
SELECT is((SELECT count(*) FROM complaint WHERE person_id = 7009), 4::bigint, 'though they see the complaints themselves');
RESET ROLE;
SET LOCAL ROLE tap_reader;
SELECT is(pg_temp.error_of('SELECT name FROM complainant'), '42501: permission denied for table complainant',
          'an ordinary reader may not read who complained (42501)');
RESET ROLE;
INSERT INTO retaliation (complaint_id, person_id, at, facts) VALUES (7601, 7009, '2025-03-01', 'moved the complainant''s file to the bottom');
SELECT is((SELECT fact || ' ' || label_zh FROM aggravating_facts(7009)), 'retaliation 打击报复投诉人',
          'retaliation against a complainant is an aggravating fact');

-- ------------------------------------------------------------------
-- A writer finalises through the events only: it holds no right to the
-- results or to a period's state, not even from a trigger of its own.
CREATE ROLE tap_writer LOGIN IN ROLE responsibility_writer;
SET LOCAL ROLE tap_writer;
SELECT is(pg_temp.error_of('UPDATE assessment_period SET finalised = false WHERE period_id = 7501'),
          '42501: permission denied for table assessment_period', 'a writer cannot unfinalise a period (42501)');
SELECT is(pg_temp.error_of($$INSERT INTO assessment_result (period_id, person_id, grade, explanation) VALUES (7501, 7016, 'excellent', '{}')$$),
          '42501: permission denied for table assessment_result', 'nor write a result (42501)');
CREATE TEMP TABLE poke (x int);
CREATE FUNCTION pg_temp.poke() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    DELETE FROM responsibility.assessment_result WHERE period_id = 7501 AND person_id = 7001;
    RETURN NEW;
END
$f$;
CREATE TRIGGER poke BEFORE INSERT ON poke FOR EACH ROW EXECUTE FUNCTION pg_temp.poke();
SELECT is(pg_temp.error_of('INSERT INTO poke VALUES (1)'), '42501: permission denied for table assessment_result',
          'nor from a trigger of its own (42501)');
SELECT is(pg_temp.error_of('UPDATE person SET role_name = NULL WHERE person_id = 7009'), '42501: permission denied for table person',
          'nor unmask a person complained about (42501)');
SELECT lives_ok('SELECT reopen_period(7501, 7090, ''checking the writer''); SELECT finalise_period(7501, 7090)',
                'but it reopens and finalises a period');
RESET ROLE;
SELECT is((SELECT count(*) || ' ' || bool_and(recorded_by = session_user) FROM period_event WHERE period_id = 7501 AND seq > 3), '2 true',
          'the events record who was logged in, whatever they claim');

-- ------------------------------------------------------------------
-- Tenants.
INSERT INTO tenant (tenant_id, code, name) VALUES (7901, 'tap_other', 'Other');
SET LOCAL responsibility.tenant = 'tap_other';
SELECT is((SELECT count(*) FROM period_grades(7501)), 0::bigint, 'another tenant sees no grades of this one');
SELECT is(assessment_explanation(7501, 7001), NULL, 'nor their explanations');
SELECT is((SELECT count(*) FROM assessor_report(7531)), 0::bigint, 'nor their assessors');
SELECT is(pg_temp.error_of('INSERT INTO evaluation (period_id, person_id, source, rater_id, score) VALUES (7501, 7005, ''leaders'', 7194, 90)'),
          '42704: period 7501 does not exist', 'nor write into their periods: for another tenant they do not exist (42704)');
SET LOCAL responsibility.tenant = '';

SELECT * FROM finish();
ROLLBACK;
