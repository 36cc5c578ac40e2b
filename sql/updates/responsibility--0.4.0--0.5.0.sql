-- responsibility 0.4.0 -> 0.5.0.  Built by the Makefile: this header, then
-- the install sources that are new in 0.5.0 or replace what they define.
\echo Use "ALTER EXTENSION responsibility UPDATE TO '0.5.0'" to load this file. \quit

-- The assessment of staff (69_assessment.sql, 79_assessment_api.sql, their
-- security and dump) is new; person gains role_name (in 69_assessment.sql).
-- The role that reads who complained (00_header.sql in a fresh install):
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'responsibility_complaint_handler') THEN
        CREATE ROLE responsibility_complaint_handler NOLOGIN IN ROLE responsibility_reader;
    END IF;
END
$roles$;

-- The case triggers now write as the extension's owner (77_case_engine.sql):
-- writers lose the rights a trigger of their own could have abused.
REVOKE INSERT ON @extschema@.case_trace FROM responsibility_writer;
REVOKE UPDATE ON @extschema@.accountability_case, @extschema@.sanction FROM responsibility_writer;
-- multi_source_score() with a scheme's sources given once, as arrays
-- (src/scoring_agg.c): the grades of a period feed it their rows without
-- joining each row to its source's weight.

CREATE FUNCTION @extschema@.multi_source_scheme_transfn(internal, text, float8, text[], float8[], integer[], integer)
    RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.multi_source_scheme_transfn(internal, text, float8, text[], float8[], integer[], integer) IS
    'multi_source_score() over a scheme''s sources: adds a score of a source';

CREATE AGGREGATE @extschema@.multi_source_score(source text, score float8, sources text[], weights float8[],
                                                 min_raters integer[], trim_each integer) (
    SFUNC = @extschema@.multi_source_scheme_transfn,
    STYPE = internal,
    SSPACE = 400,
    FINALFUNC = @extschema@.multi_source_finalfn,
    COMBINEFUNC = @extschema@.multi_source_combinefn,
    SERIALFUNC = @extschema@.multi_source_serialfn,
    DESERIALFUNC = @extschema@.multi_source_deserialfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.multi_source_score(text, float8, text[], float8[], integer[], integer) IS
    'multi_source_score() with the sources of a scheme given as arrays (names, weights, minimum raters; the same for every row, e.g. from a subquery) and one trim for all: each row names its source, which must be one of them';
-- The assessment of staff (考核, P1-P4, S1; rules.md §1): schemes, periods
-- and their inputs (evaluations, target results, work memos, training,
-- service-window ratings, complaints), and the frozen results.  The grades
-- and their working are computed in 79_assessment_api.sql.

CREATE TYPE @extschema@.grade AS ENUM ('excellent', 'competent', 'basically_competent', 'incompetent', 'no_grade');
COMMENT ON TYPE @extschema@.grade IS
    'Annual grades (考核等次), best first: excellent 优秀, competent 称职, basically competent 基本称职, incompetent 不称职, and no grade 不定等次';
CREATE TYPE @extschema@.assessment_period_kind AS ENUM ('quarterly', 'annual', 'special');
COMMENT ON TYPE @extschema@.assessment_period_kind IS
    'Kinds of assessment: quarterly (平时考核, by quarter), annual (定期考核, 年度) and special (专项考核)';
CREATE TYPE @extschema@.complaint_outcome AS ENUM ('pending', 'valid', 'invalid');
COMMENT ON TYPE @extschema@.complaint_outcome IS
    'Whether a complaint was found valid (有效投诉) after verification, found invalid, or is still being verified';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('grade', 'excellent', 'excellent', '优秀'),
    ('grade', 'competent', 'competent', '称职'),
    ('grade', 'basically_competent', 'basically competent', '基本称职'),
    ('grade', 'incompetent', 'incompetent', '不称职'),
    ('grade', 'no_grade', 'no grade', '不定等次'),
    ('assessment_period_kind', 'quarterly', 'quarterly assessment', '平时考核'),
    ('assessment_period_kind', 'annual', 'annual assessment', '年度考核'),
    ('assessment_period_kind', 'special', 'special assessment', '专项考核'),
    ('complaint_outcome', 'pending', 'being verified', '核查中'),
    ('complaint_outcome', 'valid', 'valid', '有效'),
    ('complaint_outcome', 'invalid', 'not valid', '无效'),
    ('source_feed', 'raters', 'scores given by raters', '评议打分'),
    ('source_feed', 'targets', 'results against the duties'' targets', '目标考核'),
    ('source_feed', 'memos', 'the superior''s review of work memos', '工作备忘审阅'),
    ('source_feed', 'training', 'training results', '培训成绩'),
    ('source_feed', 'service_window', 'service-window quality ratings', '窗口服务评价');

-- A scheme (考核方案) for a category and level of staff (分类分级).  It is
-- written as a draft, then activated: activation checks it, and an active
-- scheme never changes (a new version is a new scheme), so that a result
-- always names the rules it was computed by.
CREATE SEQUENCE @extschema@.scheme_id_seq AS bigint;
CREATE TABLE @extschema@.assessment_scheme (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant() REFERENCES @extschema@.tenant,
    scheme_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.scheme_id_seq'),
    code        text NOT NULL,
    version     integer NOT NULL DEFAULT 1 CHECK (version OPERATOR(pg_catalog.>) 0),
    name        text NOT NULL,
    staff_category text,
    staff_level text,
    scale_min   float8 NOT NULL DEFAULT 0,
    scale_max   float8 NOT NULL DEFAULT 100,
    trim_each   integer NOT NULL DEFAULT 1 CHECK (trim_each BETWEEN 0 AND 16),
    normalise_raters boolean NOT NULL DEFAULT false,
    excellent_min float8 NOT NULL DEFAULT 90,
    competent_min float8 NOT NULL DEFAULT 70,
    basic_min   float8 NOT NULL DEFAULT 60,
    excellent_quota numeric NOT NULL DEFAULT 0.15,
    excellent_ceiling numeric NOT NULL DEFAULT 0.20,
    periodic_share float8 NOT NULL DEFAULT 0 CHECK (periodic_share BETWEEN 0 AND 1),
    score_digits integer NOT NULL DEFAULT 2 CHECK (score_digits BETWEEN 0 AND 6),
    active      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, scheme_id),
    UNIQUE (tenant_id, code, version),
    CHECK (scale_min OPERATOR(pg_catalog.<) scale_max)
);
ALTER SEQUENCE @extschema@.scheme_id_seq OWNED BY @extschema@.assessment_scheme.scheme_id;
COMMENT ON TABLE @extschema@.assessment_scheme IS
    'An assessment scheme (考核方案) for a category and level of staff: its scale, trimming, normalisation, grade cut-offs, excellent quota and how quarterly results enter the annual one; a draft until activate_scheme() checks it, then never changed';
COMMENT ON COLUMN @extschema@.assessment_scheme.trim_each IS 'Scores dropped at each end of every source (去掉最高分和最低分), 0 for none';
COMMENT ON COLUMN @extschema@.assessment_scheme.normalise_raters IS
    'Shift each rater''s scores in a period so that their mean is the mean of their source (a lenient or severe rater then counts like any other)';
COMMENT ON COLUMN @extschema@.assessment_scheme.excellent_min IS 'The lowest score that can be excellent; competent_min and basic_min likewise; below basic_min incompetent';
COMMENT ON COLUMN @extschema@.assessment_scheme.excellent_quota IS
    'Share of the graded staff of the unit who may be excellent (15% normally); a period may set its own (the unit''s rating), never above excellent_ceiling (20%)';
COMMENT ON COLUMN @extschema@.assessment_scheme.periodic_share IS
    'Share of an annual score taken from the mean of the year''s finalised quarterly scores (e.g. 0.95); the rest from the annual inputs';
COMMENT ON COLUMN @extschema@.assessment_scheme.score_digits IS
    'Scores are compared at this many decimals for the quota: equal scores at the boundary are ties, never broken by row order';

CREATE TABLE @extschema@.scheme_dimension (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    scheme_id   bigint NOT NULL,
    code        text NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    weight      float8 NOT NULL CHECK (weight OPERATOR(pg_catalog.>) 0),
    PRIMARY KEY (tenant_id, scheme_id, code),
    FOREIGN KEY (tenant_id, scheme_id) REFERENCES @extschema@.assessment_scheme (tenant_id, scheme_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.scheme_dimension IS
    'The dimensions of a scheme (德 能 勤 绩 廉 by default) and their weights, which sum to 1: a rater who scores by dimension gives a score that is their weighted mean';

CREATE TABLE @extschema@.scheme_source (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    scheme_id   bigint NOT NULL,
    code        text NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    feed        text NOT NULL DEFAULT 'raters'
                CHECK (feed OPERATOR(pg_catalog.=) ANY ('{raters,targets,memos,training,service_window}'::text[])),
    weight      float8 NOT NULL CHECK (weight OPERATOR(pg_catalog.>=) 0),
    min_raters  integer NOT NULL DEFAULT 1 CHECK (min_raters OPERATOR(pg_catalog.>) 0),
    allows_self boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, scheme_id, code),
    FOREIGN KEY (tenant_id, scheme_id) REFERENCES @extschema@.assessment_scheme (tenant_id, scheme_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.scheme_source IS
    'The sources of a scheme (leaders, colleagues and the public 群众, service recipients 服务对象, self, targets, memos, training, service window) with their weights, which sum to 1, and the fewest raters a source needs to count; a source below its minimum is reported as insufficient and the weights of the rest are renormalised';
COMMENT ON COLUMN @extschema@.scheme_source.feed IS
    'Where the source''s scores come from: evaluations by raters, target results of the duties, the superior''s reviews of work memos, training results or service-window ratings';
COMMENT ON COLUMN @extschema@.scheme_source.allows_self IS 'The person may rate themselves in this source (self-assessment)';

-- An assessment period of a unit (the cohort is the unit and its
-- sub-units: the quota applies across it).
CREATE SEQUENCE @extschema@.period_id_seq AS bigint;
CREATE TABLE @extschema@.assessment_period (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.period_id_seq'),
    scheme_id   bigint NOT NULL,
    unit_id     bigint NOT NULL,
    kind        @extschema@.assessment_period_kind NOT NULL,
    span        daterange NOT NULL CHECK (NOT pg_catalog.isempty(span) AND NOT pg_catalog.lower_inf(span) AND NOT pg_catalog.upper_inf(span)),
    excellent_quota numeric CHECK (excellent_quota BETWEEN 0 AND 1),
    finalised   boolean NOT NULL DEFAULT false,
    digest      text,
    PRIMARY KEY (tenant_id, period_id),
    FOREIGN KEY (tenant_id, scheme_id) REFERENCES @extschema@.assessment_scheme (tenant_id, scheme_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    CONSTRAINT assessment_period_one_per_unit
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), unit_id WITH OPERATOR(pg_catalog.=),
                            kind WITH OPERATOR(pg_catalog.=), span WITH OPERATOR(pg_catalog.&&))
);
ALTER SEQUENCE @extschema@.period_id_seq OWNED BY @extschema@.assessment_period.period_id;
COMMENT ON TABLE @extschema@.assessment_period IS
    'An assessment period of a unit and its sub-units under one active scheme: quarterly, annual or special, over a span of days; finalised by finalise_period(), which freezes its results and a digest of its inputs';
COMMENT ON COLUMN @extschema@.assessment_period.excellent_quota IS
    'The unit''s own excellent quota for the period (tied to the unit''s rating, e.g. 15/12/10/8%), instead of the scheme''s; never above the scheme''s ceiling';
COMMENT ON COLUMN @extschema@.assessment_period.digest IS 'SHA-256 of the inputs the results were computed from, set when finalised';

-- Finalisations and reopenings, with who and why.
CREATE TABLE @extschema@.period_event (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    seq         integer NOT NULL,
    action      text NOT NULL CHECK (action OPERATOR(pg_catalog.=) ANY ('{finalised,reopened}'::text[])),
    at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    actor_person_id bigint NOT NULL,
    reason      text,
    digest      text,
    recorded_by name NOT NULL DEFAULT CURRENT_USER,
    PRIMARY KEY (tenant_id, period_id, seq),
    FOREIGN KEY (tenant_id, period_id) REFERENCES @extschema@.assessment_period (tenant_id, period_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, actor_person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.period_event IS 'Every finalisation and reopening of a period, with who, when, why and the digest of the inputs';

-- Who is assessed in a period.  The kind and span are the period's, copied
-- so that one person is never in two periods of one kind at once.
CREATE TABLE @extschema@.assessment_subject (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    position_id bigint,
    kind        @extschema@.assessment_period_kind NOT NULL,
    span        daterange NOT NULL,
    on_probation boolean NOT NULL DEFAULT false,
    refused     boolean NOT NULL DEFAULT false,
    note        text,
    PRIMARY KEY (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, period_id) REFERENCES @extschema@.assessment_period (tenant_id, period_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CONSTRAINT assessment_subject_one_period_at_a_time
        EXCLUDE USING gist (tenant_id WITH OPERATOR(pg_catalog.=), person_id WITH OPERATOR(pg_catalog.=),
                            kind WITH OPERATOR(pg_catalog.=), span WITH OPERATOR(pg_catalog.&&))
);
CREATE INDEX ON @extschema@.assessment_subject (tenant_id, person_id);
-- The few subjects whose own facts cap the grade (grade_caps()), found
-- without reading the cohort.
CREATE INDEX ON @extschema@.assessment_subject (tenant_id, period_id) WHERE refused OR on_probation;
COMMENT ON TABLE @extschema@.assessment_subject IS
    'The staff assessed in a period (enrol_period() adds everyone who held a post in the unit''s tree during it), with the facts that withhold a grade: probation (新录用试用期) and refusal to be assessed (拒不参加考核)';

-- Scores given by raters.  score is the rater's score of the person; a
-- rater who scores by dimension gives dimension_scores, and score is then
-- their weighted mean under the scheme.
CREATE TABLE @extschema@.evaluation (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    source      text NOT NULL,
    rater_id    bigint NOT NULL,
    score       float8 NOT NULL,
    dimension_scores jsonb,
    given_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- score rides in the key's index, so a period's grades read it in
    -- person order by an index-only scan (no sort, no hash table).
    PRIMARY KEY (tenant_id, period_id, person_id, source, rater_id) INCLUDE (score),
    FOREIGN KEY (tenant_id, period_id, person_id) REFERENCES @extschema@.assessment_subject (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, rater_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
CREATE INDEX ON @extschema@.evaluation (tenant_id, rater_id);
COMMENT ON TABLE @extschema@.evaluation IS
    'A rater''s score of a person in a period and source (评议打分): within the scheme''s scale, never for a finalised period, never of oneself unless the source allows it';
COMMENT ON COLUMN @extschema@.evaluation.dimension_scores IS
    'The rater''s scores by dimension, {"de": 90, "neng": 85, …}: then score is their weighted mean under the scheme''s dimension weights';

-- Results against the quantified targets of the person's duties.
CREATE TABLE @extschema@.target_result (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    duty_id     bigint NOT NULL,
    target      numeric,
    achieved    numeric,
    score       float8 NOT NULL,
    PRIMARY KEY (tenant_id, period_id, person_id, duty_id),
    FOREIGN KEY (tenant_id, period_id, person_id) REFERENCES @extschema@.assessment_subject (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id)
);
COMMENT ON TABLE @extschema@.target_result IS
    'The result of a person against the quantified target of a duty (目标考核), scored on the scheme''s scale; each duty counts as one rater of the targets source';

-- Daily work memos (日常工作备忘, P2) and their review by the superior.
CREATE SEQUENCE @extschema@.memo_id_seq AS bigint;
CREATE TABLE @extschema@.work_memo (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    memo_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.memo_id_seq'),
    person_id   bigint NOT NULL,
    day         date NOT NULL,
    content     text NOT NULL,
    reviewed_by bigint,
    reviewed_at timestamptz,
    review_score float8,
    review_comment text,
    PRIMARY KEY (tenant_id, memo_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, reviewed_by) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK (reviewed_by OPERATOR(pg_catalog.<>) person_id),
    CHECK ((reviewed_by IS NULL) OPERATOR(pg_catalog.=) (reviewed_at IS NULL))
);
ALTER SEQUENCE @extschema@.memo_id_seq OWNED BY @extschema@.work_memo.memo_id;
CREATE INDEX ON @extschema@.work_memo (tenant_id, person_id, day);
COMMENT ON TABLE @extschema@.work_memo IS
    'Daily work memos (日常工作备忘) and the superior''s review: the review scores of a period feed a scheme''s memos source, and the memos are the assessment archive (考核档案)';

-- Training (P4): records and personal learning plans.
CREATE SEQUENCE @extschema@.training_id_seq AS bigint;
CREATE TABLE @extschema@.training_record (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    training_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.training_id_seq'),
    person_id   bigint NOT NULL,
    course      text NOT NULL,
    category    text,
    hours       numeric NOT NULL CHECK (hours OPERATOR(pg_catalog.>) 0),
    completed_on date NOT NULL,
    result_score float8,
    PRIMARY KEY (tenant_id, training_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.training_id_seq OWNED BY @extschema@.training_record.training_id;
CREATE INDEX ON @extschema@.training_record (tenant_id, person_id, completed_on);
COMMENT ON TABLE @extschema@.training_record IS
    'Training completed (classified and graded training, 分级分类培训): hours and result; the results of a period feed a scheme''s training source';

CREATE TABLE @extschema@.learning_plan (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    person_id   bigint NOT NULL,
    year        integer NOT NULL,
    planned_hours numeric NOT NULL CHECK (planned_hours OPERATOR(pg_catalog.>=) 0),
    goals       text,
    PRIMARY KEY (tenant_id, person_id, year),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.learning_plan IS
    'A personal learning plan (个人学习计划) for a year: the hours planned and the goals; the explanation of a grade shows the hours done against it';

-- Service-window quality ratings (S1).
CREATE SEQUENCE @extschema@.rating_id_seq AS bigint;
CREATE TABLE @extschema@.window_rating (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    rating_id   bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.rating_id_seq'),
    person_id   bigint NOT NULL,
    rated_at    timestamptz NOT NULL,
    score       float8 NOT NULL,
    channel     text,
    PRIMARY KEY (tenant_id, rating_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.rating_id_seq OWNED BY @extschema@.window_rating.rating_id;
CREATE INDEX ON @extschema@.window_rating (tenant_id, person_id, rated_at);
COMMENT ON TABLE @extschema@.window_rating IS
    'A service recipient''s rating of the service at a window (窗口服务评价), on the scale of the scheme that uses it';

-- Complaints, criticism and reports from the public (S1).  Who complained
-- is kept apart, readable only by those who handle complaints.
CREATE SEQUENCE @extschema@.complaint_id_seq AS bigint;
CREATE TABLE @extschema@.complaint (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    complaint_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.complaint_id_seq'),
    person_id   bigint NOT NULL,
    received_at timestamptz NOT NULL,
    kind        text NOT NULL DEFAULT 'complaint'
                CHECK (kind OPERATOR(pg_catalog.=) ANY ('{complaint,criticism,report}'::text[])),
    summary     text NOT NULL,
    outcome     @extschema@.complaint_outcome NOT NULL DEFAULT 'pending',
    decided_at  timestamptz,
    PRIMARY KEY (tenant_id, complaint_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    CHECK ((outcome OPERATOR(pg_catalog.=) 'pending') OPERATOR(pg_catalog.=) (decided_at IS NULL)),
    CHECK (decided_at OPERATOR(pg_catalog.>=) received_at)
);
ALTER SEQUENCE @extschema@.complaint_id_seq OWNED BY @extschema@.complaint.complaint_id;
CREATE INDEX ON @extschema@.complaint (tenant_id, person_id, received_at);
COMMENT ON TABLE @extschema@.complaint IS
    'A complaint, criticism or report from the public (投诉、批评、举报) about a person, and whether it was found valid: two or more valid complaints received in a year cap that year''s grade at basically competent';

CREATE TABLE @extschema@.complainant (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    complaint_id bigint NOT NULL,
    name        text NOT NULL,
    contact     text,
    PRIMARY KEY (tenant_id, complaint_id),
    FOREIGN KEY (tenant_id, complaint_id) REFERENCES @extschema@.complaint (tenant_id, complaint_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.complainant IS
    'Who made a complaint (protected): readable only by members of responsibility_complaint_handler, and never by the person complained about (person.role_name)';

CREATE SEQUENCE @extschema@.retaliation_id_seq AS bigint;
CREATE TABLE @extschema@.retaliation (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    retaliation_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.retaliation_id_seq'),
    complaint_id bigint NOT NULL,
    person_id   bigint NOT NULL,
    at          timestamptz NOT NULL,
    facts       text NOT NULL,
    PRIMARY KEY (tenant_id, retaliation_id),
    FOREIGN KEY (tenant_id, complaint_id) REFERENCES @extschema@.complaint (tenant_id, complaint_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id)
);
ALTER SEQUENCE @extschema@.retaliation_id_seq OWNED BY @extschema@.retaliation.retaliation_id;
CREATE INDEX ON @extschema@.retaliation (tenant_id, person_id);
COMMENT ON TABLE @extschema@.retaliation IS
    'Established retaliation against a complainant (打击报复): an aggravating fact (从重) against the person who retaliated, listed by aggravating_facts()';

-- The frozen results of a finalised period.
CREATE TABLE @extschema@.assessment_result (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    period_id   bigint NOT NULL,
    person_id   bigint NOT NULL,
    score       float8,
    rank        integer,
    grade       @extschema@.grade NOT NULL,
    quota_tie   boolean NOT NULL DEFAULT false,
    caps        text[] NOT NULL DEFAULT '{}',
    explanation jsonb NOT NULL,
    PRIMARY KEY (tenant_id, period_id, person_id),
    FOREIGN KEY (tenant_id, period_id, person_id) REFERENCES @extschema@.assessment_subject (tenant_id, period_id, person_id)
);
CREATE INDEX ON @extschema@.assessment_result (tenant_id, person_id);
COMMENT ON TABLE @extschema@.assessment_result IS
    'The results of a finalised period, as computed then: score, rank, grade, the caps applied, whether the person tied at the quota boundary, and the whole working';

-- The measures a grade history calls for (rules.md §1), as policy data:
-- tenant_id NULL is the default, a tenant's own rows replace it.
CREATE TABLE @extschema@.consequence_rule (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL,
    grades      @extschema@.grade[] NOT NULL,
    in_a_row    integer NOT NULL DEFAULT 1 CHECK (in_a_row OPERATOR(pg_catalog.>) 0),
    accumulated integer CHECK (accumulated OPERATOR(pg_catalog.>) 0),
    not_if_accountable boolean NOT NULL DEFAULT false,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CHECK (NOT is_builtin OR tenant_id IS NULL),
    CONSTRAINT consequence_rule_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code)
);
COMMENT ON TABLE @extschema@.consequence_rule IS
    'What a grade history calls for: a measure applies when the last in_a_row annual grades are all among grades, or (accumulated) every time the count of such years reaches a multiple of it; not_if_accountable withholds it from anyone held accountable that year; tenant_id NULL is the default';
INSERT INTO @extschema@.consequence_rule (code, grades, in_a_row, accumulated, not_if_accountable, label_en, label_zh, basis, is_builtin) VALUES
    ('commendation', '{excellent}', 1, NULL, true, 'commendation', '嘉奖', '公务员考核规定 2020 art. 19 [S]', true),
    ('third_class_merit', '{excellent}', 3, NULL, true, 'third-class merit, priority for promotion', '记三等功，优先晋升', '公务员考核规定 2020 art. 19 [S]', true),
    ('year_end_bonus', '{excellent,competent}', 1, NULL, false, 'year-end bonus', '年终奖金', '公务员法 art. 80 [P]', true),
    ('salary_step', '{excellent,competent}', 1, 2, false, 'one salary step', '晋升一个级别工资档次', '公务员考核规定 2020 art. 20 [S]', true),
    ('rank_level', '{excellent,competent}', 1, 5, false, 'one rank level (级别)', '晋升一个级别', '公务员法 art. 80 [P]', true),
    ('admonition', '{basically_competent}', 1, NULL, false, 'admonition, written self-examination and a deadline to improve', '诫勉谈话，书面检查，限期改进', '公务员考核规定 2020 art. 21 [S]', true),
    ('lowered_level_basic', '{basically_competent}', 2, NULL, false, 'lowered one level', '降低一个职务职级层次', 'local practice [U]', true),
    ('demotion', '{incompetent}', 1, NULL, false, 'lowered one post or rank level, no bonus; the year does not count', '降低一个职务职级层次，不发年终奖金', '公务员法 art. 50 [P]', true),
    ('dismissal', '{incompetent}', 2, NULL, false, 'dismissal', '辞退', '公务员法 art. 88 [P]', true);

-- The row of a person tells who they are as a database role, so that
-- complaints about them stay hidden from them.
ALTER TABLE @extschema@.person ADD COLUMN role_name name;
COMMENT ON COLUMN @extschema@.person.role_name IS
    'The database role the person logs in as, if any: they never read who complained about them';
-- The writers of cases and sanctions (A4; see 78_case_api.sql for the rest
-- of the API).  They run as the extension's owner: writers hold no right
-- to update a case, its trace or a sanction, so that no trigger of theirs
-- can forge one; the triggers work in the tenant of the row, which
-- row-level security made the writer's own, and raise the flag that the
-- guards (here and of the assessment) let through.

-- Inside an engine trigger: the tenant of the row for current_tenant(),
-- and the flag engine_writing() reads, for the rest of the transaction
-- (both local to it; the flag only counts for the extension's owner).
CREATE OR REPLACE FUNCTION @extschema@.engine_begin(tenant_id integer) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM set_config('responsibility.tenant',
                       (SELECT t.code FROM @extschema@.tenant t WHERE t.tenant_id = engine_begin.tenant_id), true);
    PERFORM set_config('responsibility.engine', 'on', true);
END
$$;
COMMENT ON FUNCTION @extschema@.engine_begin(integer) IS
    'In an engine trigger running as the extension''s owner: works in the row''s tenant and lets the guards pass its writes';
REVOKE ALL ON FUNCTION @extschema@.engine_begin(integer) FROM PUBLIC;

-- Is an engine trigger writing?  The flag counts only for the extension's
-- owner, whom only the engine triggers run as, and only below a trigger: a
-- writer who sets it gains nothing, a writer's own trigger never passes a
-- guard, and the owner's own later statements do not either.
CREATE OR REPLACE FUNCTION @extschema@.engine_writing() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(current_setting('responsibility.engine', true), '') = 'on'
       AND pg_catalog.pg_trigger_depth() > 1   -- a guard called from within an engine trigger
       AND CURRENT_USER = (SELECT r.rolname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_roles r ON r.oid = e.extowner
                            WHERE e.extname = 'responsibility')
$$;
COMMENT ON FUNCTION @extschema@.engine_writing() IS
    'True while an engine trigger (case, sanction, finalisation) writes as the extension''s owner; the guards let nothing else write cases, sanctions, results or a period''s state';

CREATE OR REPLACE FUNCTION @extschema@.case_opened() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NULL;
    END IF;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);
    INSERT INTO @extschema@.case_trace (tenant_id, case_id, ord, level, person_id, position_id, kind, rule,
                                        reason, reason_zh, chain, tenure)
    SELECT NEW.tenant_id, NEW.case_id, b.ord, b.level, b.person_id, b.position_id, b.kind, b.rule,
           b.reason, b.reason_zh, b.chain, b.tenure
      FROM @extschema@.backtrace(NEW.incident_id) WITH ORDINALITY
           AS b(incident_id, level, person_id, position_id, kind, kind_zh, rule, reason, reason_zh, chain, tenure, ord);
    INSERT INTO @extschema@.case_event (tenant_id, case_id, seq, from_state, to_state, at, actor_person_id, reason)
    VALUES (NEW.tenant_id, NEW.case_id, 1, NULL, 'opened', NEW.opened_at, NEW.opened_by, 'case opened');
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.case_opened() IS
    'Trigger: freezes the back-trace of a new case and records its opening';

-- A transition: checked against due process, then applied to the case.
CREATE OR REPLACE FUNCTION @extschema@.case_event_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    served_at timestamptz;
    reexamined_at timestamptz;
    due timestamptz;
    window_name text;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    -- The opening, as case_opened() records it: the first event of a case,
    -- at its opening, by who opened it.  Any other "opened" is a transition,
    -- and none leads there.
    IF NEW.to_state = 'opened' AND NEW.seq = 1
       AND EXISTS (SELECT FROM @extschema@.accountability_case a
                    WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id
                      AND a.opened_at = NEW.at AND a.opened_by = NEW.actor_person_id)
       AND NOT EXISTS (SELECT FROM @extschema@.case_event e
                        WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id) THEN
        RETURN NEW;
    END IF;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);

    SELECT * INTO c FROM @extschema@.accountability_case a
     WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', NEW.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    NEW.from_state := c.state;
    NEW.seq := (SELECT pg_catalog.max(e.seq) OPERATOR(pg_catalog.+) 1 FROM @extschema@.case_event e
                 WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id);
    IF pg_catalog.btrim(NEW.reason) = '' THEN
        RAISE EXCEPTION 'a transition of case % needs a reason', NEW.case_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.at > pg_catalog.now() THEN
        RAISE EXCEPTION 'transition of case % in the future', NEW.case_id
            USING ERRCODE = 'datetime_field_overflow', DETAIL = format('at is %s; it is now %s.', NEW.at, pg_catalog.now());
    END IF;
    IF NEW.at < c.state_since THEN
        RAISE EXCEPTION 'transition of case % before its last one', NEW.case_id
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The case is %s since %s; the transition is dated %s.', c.state, c.state_since, NEW.at);
    END IF;

    IF NEW.is_extension THEN
        -- the extension of the decision limit, before the decision
        NEW.to_state := c.state;
        IF c.state NOT IN ('opened', 'notified', 'statement', 'hearing_requested', 'heard') OR c.decision_extended THEN
            RAISE EXCEPTION 'case % cannot extend its decision limit now', NEW.case_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The case is %s%s; the limit is extended once, before the decision.',
                                      c.state, CASE WHEN c.decision_extended THEN ' and already extended' ELSE '' END);
        END IF;
    ELSIF NOT EXISTS (SELECT FROM @extschema@.case_transition_rule r WHERE r.from_state = c.state AND r.to_state = NEW.to_state) THEN
        RAISE EXCEPTION 'case % cannot go from % to %', NEW.case_id, c.state, NEW.to_state
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('From %s the case may go to: %s.', c.state,
                                  (SELECT pg_catalog.string_agg(r.to_state::text, ', ' ORDER BY r.to_state)
                                     FROM @extschema@.case_transition_rule r WHERE r.from_state = c.state));
    END IF;

    -- who: the subject makes their own statement and requests; nobody who
    -- must recuse themselves does anything else
    IF NEW.to_state IN ('statement', 'hearing_requested', 'reexamination_requested', 'appealed', 'review_requested')
       AND NOT NEW.is_extension THEN
        IF NEW.actor_person_id <> c.subject_person_id THEN
            RAISE EXCEPTION 'only the subject of case % may make this transition (%)', NEW.case_id, NEW.to_state
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = format('The subject is person %s; person %s tried.', c.subject_person_id, NEW.actor_person_id);
        END IF;
    ELSIF NEW.actor_person_id = ANY (@extschema@.case_recused(NEW.tenant_id, NEW.case_id)) THEN
        RAISE EXCEPTION 'person % must recuse themselves from case %', NEW.actor_person_id, NEW.case_id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'They are in the frozen back-trace of the case or on the subject''s chain of command at the incident''s moment.';
    END IF;

    -- when: the decision limit and the subject's windows
    SELECT pg_catalog.max(e.at) FILTER (WHERE e.to_state = 'served'),
           pg_catalog.max(e.at) FILTER (WHERE e.to_state = 'reexamined')
      INTO served_at, reexamined_at
      FROM @extschema@.case_event e WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id;
    CASE
    WHEN NEW.to_state = 'decided' THEN
        window_name := CASE WHEN c.decision_extended THEN 'decision_max' ELSE 'decision' END;
        due := @extschema@.case_limit_end(window_name, c.opened_at);
    WHEN NEW.to_state = 'reexamination_requested' THEN
        window_name := 'reexamination_request';
        due := @extschema@.case_limit_end(window_name, served_at);
    WHEN NEW.to_state = 'appealed' AND c.state = 'reexamined' THEN
        window_name := 'appeal_request_after_reexamination';
        due := @extschema@.case_limit_end(window_name, reexamined_at);
    WHEN NEW.to_state = 'appealed' THEN
        window_name := 'appeal_request';
        due := @extschema@.case_limit_end(window_name, served_at);
    WHEN NEW.to_state = 'review_requested' THEN
        window_name := 'review_request';
        due := @extschema@.case_limit_end(window_name, served_at);
    ELSE
        due := NULL;
    END CASE;
    IF due IS NOT NULL AND NEW.at > due THEN
        RAISE EXCEPTION 'case %: the time limit for % passed at %', NEW.case_id, NEW.to_state, due
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('Limit %s of case_limit; the transition is dated %s.', window_name, NEW.at),
                  HINT = CASE WHEN NEW.to_state = 'decided' AND NOT c.decision_extended
                              THEN 'Extend the decision limit first (case_extend), within 12 months of opening.'
                              ELSE 'case_deadlines() shows the limits running for a case.' END;
    END IF;

    UPDATE @extschema@.accountability_case a
       SET state = NEW.to_state, state_since = NEW.at,
           decision_extended = a.decision_extended OR NEW.is_extension
     WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.case_event_apply() IS
    'Trigger: a transition of a case, refused unless due process allows it (case_transition_rule), in time (case_limit), in order, by the subject for their own statement and requests and by someone who need not recuse themselves for the rest; then applied to the case';

-- The guards: cases, traces, events and sanctions change only through the
-- triggers above, which write as the extension's owner (engine_writing()).
CREATE OR REPLACE FUNCTION @extschema@.case_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT @extschema@.engine_writing() AND NOT (TG_OP = 'INSERT' AND @extschema@.case_restoring()) THEN
        RAISE EXCEPTION '% of % refused: cases change only through their transitions', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Use open_case(), case_advance(), case_extend() and decide_sanction(); a case''s record is kept as it was made (a superuser may remove test data with session_replication_role = replica, which turns triggers off).';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION @extschema@.case_guard() IS
    'Trigger: refuses any write to a case, its trace, its events or its sanctions that is not made by the case''s own triggers';

-- A sanction: in the band, for the period the law allows, combined with
-- what is in force, never heavier on appeal.
CREATE OR REPLACE FUNCTION @extschema@.sanction_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    k @extschema@.sanction_kind;
    band record;
    inc_severity @extschema@.severity_tier;
    old_s record;
    old_k @extschema@.sanction_kind;
    prior record;
    total interval;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);
    SELECT * INTO c FROM @extschema@.accountability_case a
     WHERE a.tenant_id = NEW.tenant_id AND a.case_id = NEW.case_id
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', NEW.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    IF c.state NOT IN ('decided', 'reexamined', 'appeal_decided', 'reviewed') THEN
        RAISE EXCEPTION 'case % is %: no sanction can be decided now', NEW.case_id, c.state
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'A sanction is decided with the collective decision (decided), or replaced by the decision on a re-examination, appeal or review.';
    END IF;
    IF NEW.person_id IS DISTINCT FROM c.subject_person_id THEN
        RAISE EXCEPTION 'case % is against person %, not %', NEW.case_id, c.subject_person_id, NEW.person_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO k FROM @extschema@.sanction_kind s WHERE s.code = NEW.kind;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown sanction "%"', NEW.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'Known: ' || pg_catalog.string_agg(s.code, ', ' ORDER BY s.family, s.rank) FROM @extschema@.sanction_kind s);
    END IF;
    NEW.decided_at := c.state_since;
    IF NEW.starts_at IS NULL THEN
        NEW.starts_at := c.state_since;
    END IF;
    NEW.superseded_at := NULL;
    NEW.carried_from := NULL;
    NEW.replaces := NULL;

    -- the band of the tier and the kind of responsibility
    IF k.family = 'administrative' THEN
        SELECT i.severity INTO inc_severity FROM @extschema@.incident i
         WHERE i.tenant_id = c.tenant_id AND i.incident_id = c.incident_id;
        SELECT b.min_rank, b.max_rank INTO band FROM @extschema@.sanction_band b
         WHERE (b.tenant_id IS NULL OR b.tenant_id = NEW.tenant_id) AND b.severity = inc_severity AND b.kind = c.subject_kind
         ORDER BY b.tenant_id NULLS LAST LIMIT 1;
        IF FOUND AND (k.rank > band.max_rank OR k.rank < band.min_rank - CASE WHEN NEW.reduced THEN 1 ELSE 0 END) THEN
            RAISE EXCEPTION 'the band does not allow % (%) for % responsibility in a % incident', k.label_en, k.label_zh,
                            c.subject_kind, inc_severity
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Allowed: %s%s.',
                                      (SELECT pg_catalog.string_agg(s.label_en || ' ' || s.label_zh, ', ' ORDER BY s.rank)
                                         FROM @extschema@.sanction_kind s
                                        WHERE s.family = 'administrative' AND s.rank BETWEEN band.min_rank AND band.max_rank),
                                      CASE WHEN NEW.reduced THEN ', or one rank below (减轻)' ELSE '' END),
                      HINT = 'Aggravating and mitigating circumstances move within the band; reduced (减轻) allows one rank below it.';
        END IF;
    END IF;

    -- the period
    IF k.months IS NULL THEN
        IF NEW.months IS NOT NULL THEN
            RAISE EXCEPTION '% (%) has no period', k.label_en, k.label_zh USING ERRCODE = 'invalid_parameter_value';
        END IF;
    ELSE
        NEW.months := coalesce(NEW.months, k.months);
        IF NEW.months < k.months OR NEW.months > k.months * NEW.offences THEN
            RAISE EXCEPTION 'a period of % months is not allowed for % (%) for % offence(s)', NEW.months, k.label_en, k.label_zh, NEW.offences
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Between one period and their sum: %s to %s months.', k.months, k.months * NEW.offences);
        END IF;
    END IF;

    -- on appeal: replaces the case's sanction, and is never heavier
    IF c.state <> 'decided' THEN
        SELECT s.* INTO old_s FROM @extschema@.sanction s
         WHERE s.tenant_id = NEW.tenant_id AND s.case_id = NEW.case_id AND s.superseded_at IS NULL
         ORDER BY s.sanction_id DESC LIMIT 1;
        SELECT * INTO old_k FROM @extschema@.sanction_kind s WHERE s.code = old_s.kind;
        IF old_s.sanction_id IS NULL OR k.family <> old_k.family OR k.rank > old_k.rank
           OR coalesce(NEW.months, 0) > coalesce(old_s.months, 0) THEN
            RAISE EXCEPTION 'an appeal never brings a heavier sanction'
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Case %s stands at %s; %s is not lighter or equal.', NEW.case_id,
                                      coalesce(old_k.label_en || ' ' || old_k.label_zh || coalesce(', ' || old_s.months || ' months', ''), 'no sanction'),
                                      k.label_en || ' ' || k.label_zh || coalesce(', ' || NEW.months || ' months', ''));
        END IF;
        NEW.replaces := old_s.sanction_id;
        NEW.starts_at := old_s.starts_at;		-- the decision on appeal does not restart the period
    ELSIF EXISTS (SELECT FROM @extschema@.sanction s WHERE s.tenant_id = NEW.tenant_id AND s.case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'case % has its sanction already', NEW.case_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Several offences of one case are one sanction: the heaviest kind, or one kind with offences > 1.';
    END IF;

    -- the period's end: with the remainder of a sanction in force, never
    -- over 48 months
    IF k.ends_employment THEN
        NEW.ends_at := NULL;
    ELSIF k.months IS NULL THEN
        NEW.ends_at := NEW.starts_at + k.no_equivalent_post_months * interval '1 month';
    ELSE
        SELECT s.* INTO prior FROM @extschema@.sanction s JOIN @extschema@.sanction_kind sk ON sk.code = s.kind
         WHERE s.tenant_id = NEW.tenant_id AND s.person_id = NEW.person_id AND sk.months IS NOT NULL
           AND s.sanction_id IS DISTINCT FROM NEW.replaces
           AND s.starts_at <= NEW.starts_at AND s.ends_at > NEW.starts_at
           AND (s.superseded_at IS NULL OR s.superseded_at > NEW.starts_at)
         ORDER BY s.ends_at DESC LIMIT 1;
        total := NEW.months * interval '1 month'
                 + CASE WHEN prior.sanction_id IS NOT NULL THEN prior.ends_at - NEW.starts_at ELSE interval '0' END;
        IF NEW.starts_at + total > NEW.starts_at + interval '48 months' THEN
            RAISE EXCEPTION 'the sanction period would pass 48 months'
                USING ERRCODE = 'numeric_value_out_of_range',
                      DETAIL = format('%s months%s run from %s to %s.', NEW.months,
                                      CASE WHEN prior.sanction_id IS NOT NULL
                                           THEN format(' and the remainder of sanction %s', prior.sanction_id) ELSE '' END,
                                      NEW.starts_at, NEW.starts_at + total),
                      HINT = 'Periods combine to 48 months at most (政务处分法 art. 15).';
        END IF;
        NEW.ends_at := NEW.starts_at + total;
        NEW.carried_from := prior.sanction_id;
    END IF;

    IF NEW.replaces IS NOT NULL THEN
        UPDATE @extschema@.sanction s SET superseded_at = NEW.starts_at
         WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = NEW.replaces;
    END IF;
    IF NEW.carried_from IS NOT NULL THEN
        UPDATE @extschema@.sanction s SET superseded_at = NEW.starts_at
         WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = NEW.carried_from;
    END IF;
    RETURN NEW;
END
$$;
-- Electronic supervision of approvals (S2; rules.md §4, §5): approval items
-- and their statutory time limits, the applications received, the steps,
-- pauses, extensions and fees of each; the policy of the supervision (its
-- thresholds and the 100-point unit score) as data with the defaults of
-- rules.md; and audits, inspections, their findings and the circulated
-- criticisms that follow (S3).  The clock of each application is kept on
-- its row (74_supervision_api.sql), so that the status of every open
-- application is one scan.

CREATE TYPE @extschema@.approval_kind AS ENUM ('licence', 'joint', 'certificate');
COMMENT ON TYPE @extschema@.approval_kind IS
    'Kind of approval item, which sets its statutory time limit (rules.md §4): licensing decision 行政许可决定 (20 + 10 working days), joint handling 联合办理 (45 + 15), certificate 发证 (10)';
CREATE TYPE @extschema@.pause_kind AS ENUM ('hearing', 'testing', 'expert_review', 'supplement', 'other');
COMMENT ON TYPE @extschema@.pause_kind IS
    'Why an application''s clock stopped: hearing 听证, testing 检验检测, expert review 专家评审, supplementing materials 补正材料, other 其他 (行政许可法 art. 45)';
CREATE TYPE @extschema@.application_outcome AS ENUM ('granted', 'refused', 'withdrawn');
COMMENT ON TYPE @extschema@.application_outcome IS
    'Outcome of an application: granted 准予许可, refused 不予许可 (with reasons), withdrawn 撤回';
CREATE TYPE @extschema@.supervision_status AS ENUM ('green', 'reminder', 'yellow', 'red', 'paused', 'awaiting');
COMMENT ON TYPE @extschema@.supervision_status IS
    'Status of an open application: green 正常, reminder 预警 (the working day before the deadline and the deadline itself), yellow card 黄牌 (overdue, with a deadline to act), red card 红牌 (still undone after it), paused 暂停计时, awaiting 等待补正 (materials asked for in time, not yet accepted)';
CREATE TYPE @extschema@.supervision_signal AS ENUM (
    'reminder', 'yellow', 'red', 'step_overrun', 'refusal_without_reasons', 'illegal_fee', 'materials_late');
COMMENT ON TYPE @extschema@.supervision_signal IS
    'A signal of the supervision (rules.md §5): reminder 预警, yellow card 黄牌, red card 红牌, a step over its own limit 环节超时, refusal without reasons 不予许可未说明理由, a fee not in the schedule 违规收费, missing materials not notified within the limit 未按时一次告知补正材料';
CREATE TYPE @extschema@.finding_severity AS ENUM ('minor', 'major', 'severe');
COMMENT ON TYPE @extschema@.finding_severity IS
    'Severity of an audit or inspection finding: minor 一般, major 较重, severe 严重';
INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('approval_kind', 'licence', 'licensing decision', '行政许可决定'),
    ('approval_kind', 'joint', 'joint handling', '联合办理'),
    ('approval_kind', 'certificate', 'certificate', '发证'),
    ('pause_kind', 'hearing', 'hearing', '听证'),
    ('pause_kind', 'testing', 'testing', '检验检测'),
    ('pause_kind', 'expert_review', 'expert review', '专家评审'),
    ('pause_kind', 'supplement', 'supplementing materials', '补正材料'),
    ('pause_kind', 'other', 'other', '其他'),
    ('application_outcome', 'granted', 'granted', '准予许可'),
    ('application_outcome', 'refused', 'refused', '不予许可'),
    ('application_outcome', 'withdrawn', 'withdrawn', '撤回申请'),
    ('supervision_status', 'green', 'green: on time', '绿灯：正常'),
    ('supervision_status', 'reminder', 'reminder: the deadline is near', '预警：临近时限'),
    ('supervision_status', 'yellow', 'yellow card: overdue', '黄牌：超时'),
    ('supervision_status', 'red', 'red card: still undone after the deadline to act', '红牌：黄牌后仍未办结'),
    ('supervision_status', 'paused', 'clock stopped', '暂停计时'),
    ('supervision_status', 'awaiting', 'awaiting the materials asked for', '等待补正材料'),
    ('supervision_signal', 'reminder', 'reminder', '预警'),
    ('supervision_signal', 'yellow', 'yellow card', '黄牌'),
    ('supervision_signal', 'red', 'red card', '红牌'),
    ('supervision_signal', 'step_overrun', 'a step over its own time limit', '环节超时'),
    ('supervision_signal', 'refusal_without_reasons', 'refused without reasons', '不予许可未说明理由'),
    ('supervision_signal', 'illegal_fee', 'a fee not in the schedule', '违规收费'),
    ('supervision_signal', 'materials_late', 'missing materials not notified in time', '未在时限内一次告知补正材料'),
    ('finding_severity', 'minor', 'minor', '一般'),
    ('finding_severity', 'major', 'major', '较重'),
    ('finding_severity', 'severe', 'severe', '严重');

-- ---------------------------------------------------------------------
-- Policy: thresholds and limits, and the 100-point unit score.  Rows with
-- tenant_id NULL are the defaults; a tenant's row of the same code wins.

CREATE TABLE @extschema@.supervision_policy (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL CHECK (code OPERATOR(pg_catalog.=) ANY ('{reminder_days,act_days,materials_notice_days,limit_licence,extension_licence,limit_joint,extension_joint,limit_certificate,extension_certificate,grade_excellent,grade_good,grade_pass}'::text[])),
    value       integer NOT NULL CHECK (value OPERATOR(pg_catalog.>=) 0),
    basis       text,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT supervision_policy_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code),
    CONSTRAINT supervision_policy_builtin_is_default CHECK (NOT is_builtin OR tenant_id IS NULL)
);
COMMENT ON TABLE @extschema@.supervision_policy IS
    'Thresholds of the supervision in working days, the default statutory limits of each kind of item and the score cut-offs of the unit grades; tenant_id NULL is the default, a tenant''s row of the same code overrides it';
INSERT INTO @extschema@.supervision_policy (code, value, basis, is_builtin) VALUES
    ('reminder_days', 1, 'a reminder 1 working day before the deadline [S]', true),
    ('act_days', 3, 'working days a yellow card leaves to act before the red card [U]', true),
    ('materials_notice_days', 5, 'missing materials notified at once within 5 working days, or the application counts as accepted: 行政许可法 art. 32 [P]', true),
    ('limit_licence', 20, 'decision within 20 working days: 行政许可法 art. 42 [P]', true),
    ('extension_licence', 10, '+10 with the head''s approval: art. 42 [P]', true),
    ('limit_joint', 45, 'joint handling within 45 working days: art. 42 [P]', true),
    ('extension_joint', 15, '+15 with the approval of the government''s head: art. 42 [P]', true),
    ('limit_certificate', 10, 'certificate within 10 working days: art. 44 [P]', true),
    ('extension_certificate', 0, 'no extension [P]', true),
    ('grade_excellent', 90, 'unit grade 优秀 from 90 points [U]', true),
    ('grade_good', 80, 'unit grade 良好 from 80 points [U]', true),
    ('grade_pass', 60, 'unit grade 合格 from 60 points, 不合格 below [U]', true);

CREATE TABLE @extschema@.supervision_score_rule (
    tenant_id   integer REFERENCES @extschema@.tenant ON DELETE CASCADE,
    code        text NOT NULL,
    kind        text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY ('{item,deduction,bonus}'::text[])),
    item        text NOT NULL,
    points      numeric(6,2) NOT NULL,
    label_en    text NOT NULL,
    label_zh    text NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT supervision_score_rule_one_per_tenant UNIQUE NULLS NOT DISTINCT (tenant_id, code),
    CONSTRAINT supervision_score_rule_builtin_is_default CHECK (NOT is_builtin OR tenant_id IS NULL),
    CONSTRAINT supervision_score_rule_sign CHECK (CASE kind WHEN 'deduction' THEN points OPERATOR(pg_catalog.<=) 0
                                                       ELSE points OPERATOR(pg_catalog.>=) 0 END)
);
COMMENT ON TABLE @extschema@.supervision_score_rule IS
    'The unit score of the supervision (rules.md §5): its items (kind item, code = item, points out of 100), the deductions of each signal or sanction (kind deduction, code = the signal, or sanction:<kind>) and the early-finish bonus (kind bonus), each charged to an item; tenant_id NULL is the default, a tenant''s row of the same code overrides it';
COMMENT ON COLUMN @extschema@.supervision_score_rule.points IS
    'Points of an item; points lost per signal (reminder_run: per three reminders) or sanction; the bonus per 10% of decisions made before their deadline';
INSERT INTO @extschema@.supervision_score_rule (code, kind, item, points, label_en, label_zh, is_builtin) VALUES
    ('openness', 'item', 'openness', 10, 'openness of the items', '公开', true),
    ('process', 'item', 'process', 14, 'lawful process', '程序', true),
    ('lawful_time', 'item', 'lawful_time', 14, 'within the lawful time', '时限', true),
    ('fees', 'item', 'fees', 8, 'lawful fees', '收费', true),
    ('satisfaction', 'item', 'satisfaction', 10, 'satisfaction of the applicants', '满意度', true),
    ('attitude', 'item', 'attitude', 10, 'service attitude', '服务态度', true),
    ('supervision', 'item', 'supervision', 14, 'response to supervision', '监督', true),
    ('legal_liability', 'item', 'legal_liability', 10, 'legal liability', '法律责任', true),
    ('probity', 'item', 'probity', 10, 'probity', '廉洁', true),
    ('reminder_run', 'deduction', 'lawful_time', -3, 'three reminders', '三次预警', true),
    ('yellow', 'deduction', 'lawful_time', -5, 'a yellow card', '黄牌一次', true),
    ('red', 'deduction', 'lawful_time', -10, 'a red card', '红牌一次', true),
    ('step_overrun', 'deduction', 'lawful_time', -1, 'a step over its own limit', '环节超时一次', true),
    ('refusal_without_reasons', 'deduction', 'process', -2, 'a refusal without reasons', '不予许可未说明理由一次', true),
    ('materials_late', 'deduction', 'process', -2, 'missing materials not notified in time', '未按时一次告知补正一次', true),
    ('illegal_fee', 'deduction', 'fees', -4, 'a fee not in the schedule', '违规收费一次', true),
    ('sanction:warning', 'deduction', 'legal_liability', -10, 'a staff member warned', '工作人员受警告处分', true),
    ('sanction:demerit', 'deduction', 'legal_liability', -20, 'a staff member given a demerit', '工作人员受记过处分', true),
    ('sanction:major_demerit', 'deduction', 'legal_liability', -30, 'a staff member given a major demerit', '工作人员受记大过处分', true),
    ('sanction:demotion', 'deduction', 'legal_liability', -40, 'a staff member demoted', '工作人员受降级处分', true),
    ('sanction:removal', 'deduction', 'legal_liability', -45, 'a staff member removed from post', '工作人员受撤职处分', true),
    ('sanction:expulsion', 'deduction', 'legal_liability', -50, 'a staff member expelled', '工作人员受开除处分', true),
    ('early_finish', 'bonus', 'lawful_time', 1, 'per 10% of decisions made before their deadline', '提前办结每达10%', true);

-- ---------------------------------------------------------------------
-- Approval items and applications.

CREATE SEQUENCE @extschema@.approval_item_id_seq AS bigint;
CREATE TABLE @extschema@.approval_item (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    item_id     bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.approval_item_id_seq'),
    power_id    bigint NOT NULL,
    unit_id     bigint NOT NULL,
    process_id  bigint,
    code        text,
    title       text NOT NULL,
    basis       text,
    kind        @extschema@.approval_kind NOT NULL DEFAULT 'licence',
    statutory_limit integer,
    max_extension integer,
    promised_limit integer,
    charges_fee boolean NOT NULL DEFAULT false,
    calendar    text NOT NULL DEFAULT 'cn' REFERENCES @extschema@.calendar,
    PRIMARY KEY (tenant_id, item_id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, power_id) REFERENCES @extschema@.power (tenant_id, power_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, process_id) REFERENCES @extschema@.process (tenant_id, process_id),
    CONSTRAINT approval_item_limits CHECK (statutory_limit OPERATOR(pg_catalog.>) 0 AND max_extension OPERATOR(pg_catalog.>=) 0
        AND promised_limit OPERATOR(pg_catalog.>) 0 AND promised_limit OPERATOR(pg_catalog.<=) statutory_limit)
);
ALTER SEQUENCE @extschema@.approval_item_id_seq OWNED BY @extschema@.approval_item.item_id;
CREATE INDEX ON @extschema@.approval_item (tenant_id, unit_id);
COMMENT ON TABLE @extschema@.approval_item IS
    'Approval items (行政审批事项): an approval power of a unit with its legal basis, statutory time limit and extension in working days (from the kind''s defaults in supervision_policy when not given), the unit''s promised limit where shorter, whether it charges fees, and the process that handles it';
COMMENT ON COLUMN @extschema@.approval_item.unit_id IS 'The unit of the power (filled in from it)';
COMMENT ON COLUMN @extschema@.approval_item.promised_limit IS
    'The unit''s promised limit (承诺时限) in working days, at most the statutory one: the supervision watches it when given';
COMMENT ON COLUMN @extschema@.approval_item.calendar IS 'The working-day calendar its limits are counted in';

CREATE TABLE @extschema@.approval_fee (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    item_id     bigint NOT NULL,
    code        text NOT NULL,
    title       text NOT NULL,
    amount      numeric(12,2) NOT NULL CHECK (amount OPERATOR(pg_catalog.>) 0),
    basis       text,
    PRIMARY KEY (tenant_id, item_id, code),
    FOREIGN KEY (tenant_id, item_id) REFERENCES @extschema@.approval_item (tenant_id, item_id) ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.approval_fee IS
    'The fee schedule (收费标准) of an item that charges fees: a fee charged that is not here, or above its amount, is an illegal fee';

CREATE SEQUENCE @extschema@.application_id_seq AS bigint;
CREATE TABLE @extschema@.application (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.application_id_seq'),
    item_id     bigint NOT NULL,
    unit_id     bigint NOT NULL,
    ref         text NOT NULL,
    applicant   text,
    received_at timestamptz NOT NULL,
    materials_notified_at timestamptz,
    accepted_at timestamptz,
    outcome     @extschema@.application_outcome,
    outcome_reason text,
    decided_at  timestamptz,
    decided_by  bigint,
    -- The clock, kept by the triggers of 74_supervision_api.sql.
    calendar    text NOT NULL,
    time_zone   text NOT NULL,
    clock_start date,
    clock_limit integer,
    paused_since date,
    due_on      date,
    remind_on   date,
    act_by      date,
    step_no     integer,
    step_due_on date,
    clock_as_of timestamptz NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (tenant_id, application_id),
    UNIQUE (tenant_id, ref),
    FOREIGN KEY (tenant_id, item_id) REFERENCES @extschema@.approval_item (tenant_id, item_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, decided_by) REFERENCES @extschema@.person (tenant_id, person_id),
    CONSTRAINT application_moments_finite CHECK (pg_catalog.isfinite(received_at) AND pg_catalog.isfinite(accepted_at)
        AND pg_catalog.isfinite(materials_notified_at) AND pg_catalog.isfinite(decided_at)),
    CONSTRAINT application_outcome_decided CHECK ((outcome IS NULL) = (decided_at IS NULL))
);
ALTER SEQUENCE @extschema@.application_id_seq OWNED BY @extschema@.application.application_id;
CREATE INDEX application_open_idx ON @extschema@.application (tenant_id, decided_at);
CREATE INDEX application_unit_idx ON @extschema@.application (tenant_id, unit_id, received_at);
CREATE INDEX application_clock_idx ON @extschema@.application (tenant_id, clock_as_of);
COMMENT ON TABLE @extschema@.application IS
    'Applications received for an approval item (申请): received, missing materials notified, accepted, decided with an outcome; the recorded piece of work (work_ref = ref) a red card''s incident traces.  The clock columns are kept by the extension: do not write them';
COMMENT ON COLUMN @extschema@.application.ref IS 'The application''s reference number (受理编号), unique in the tenant';
COMMENT ON COLUMN @extschema@.application.materials_notified_at IS
    'When the applicant was told at once of every missing material (一次性告知补正): within materials_notice_days of receipt, or the application counts as accepted on receipt';
COMMENT ON COLUMN @extschema@.application.outcome_reason IS 'The reasons of a refusal (不予许可的理由), which the law requires';
COMMENT ON COLUMN @extschema@.application.time_zone IS 'Kept: the time zone of the item''s calendar, in which the clock''s days begin';
COMMENT ON COLUMN @extschema@.application.clock_start IS
    'Kept: the day the clock counts from (acceptance; receipt when materials were not asked for in time); NULL while awaiting materials';
COMMENT ON COLUMN @extschema@.application.clock_limit IS 'Kept: the limit watched (promised, else statutory) plus an approved extension, in working days';
COMMENT ON COLUMN @extschema@.application.paused_since IS 'Kept: the first day of a pause still running before the deadline';
COMMENT ON COLUMN @extschema@.application.due_on IS 'Kept: the deadline, pauses excluded (NULL while paused)';
COMMENT ON COLUMN @extschema@.application.remind_on IS 'Kept: the day the reminder starts (reminder_days working days before due_on)';
COMMENT ON COLUMN @extschema@.application.act_by IS 'Kept: the deadline to act of a yellow card (act_days working days after due_on); a red card after it';
COMMENT ON COLUMN @extschema@.application.step_no IS 'Kept: the recorded step in progress (application_step.step_no)';
COMMENT ON COLUMN @extschema@.application.step_due_on IS 'Kept: the deadline of the step in progress, from its own time limit';
COMMENT ON COLUMN @extschema@.application.clock_as_of IS
    'Kept: the latest moment among the application''s recorded facts: as of any later moment the kept clock holds as it is';

CREATE TABLE @extschema@.application_step (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL,
    step_no     integer NOT NULL CHECK (step_no OPERATOR(pg_catalog.>) 0),
    step_id     bigint NOT NULL,
    person_id   bigint NOT NULL,
    position_id bigint,
    started_at  timestamptz NOT NULL,
    done_at     timestamptz,
    action      text CHECK (action OPERATOR(pg_catalog.=) ANY ('{passed,returned,granted,refused}'::text[])),
    note        text,
    PRIMARY KEY (tenant_id, application_id, step_no),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, step_id) REFERENCES @extschema@.process_step (tenant_id, step_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES @extschema@.person (tenant_id, person_id),
    FOREIGN KEY (tenant_id, position_id) REFERENCES @extschema@.position (tenant_id, position_id),
    CONSTRAINT application_step_in_order CHECK (done_at OPERATOR(pg_catalog.>=) started_at),
    CONSTRAINT application_step_finite CHECK (pg_catalog.isfinite(started_at) AND pg_catalog.isfinite(done_at))
);
CREATE INDEX ON @extschema@.application_step (tenant_id, person_id);
COMMENT ON TABLE @extschema@.application_step IS
    'The steps an application passed (受理 → 承办 → 审核 → 批准 …): which step of the item''s process, who did it from which post, when it started and ended, and what was done';

CREATE SEQUENCE @extschema@.pause_id_seq AS bigint;
CREATE TABLE @extschema@.application_pause (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    pause_id    bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.pause_id_seq'),
    application_id bigint NOT NULL,
    kind        @extschema@.pause_kind NOT NULL,
    during      tstzrange NOT NULL,
    reason      text,
    PRIMARY KEY (tenant_id, pause_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE,
    CONSTRAINT application_pause_no_overlap EXCLUDE USING gist (
        tenant_id WITH OPERATOR(pg_catalog.=), application_id WITH OPERATOR(pg_catalog.=),
        during WITH OPERATOR(pg_catalog.&&)),
    CONSTRAINT application_pause_bounded CHECK (NOT pg_catalog.isempty(during) AND NOT pg_catalog.lower_inf(during)
        AND pg_catalog.isfinite(pg_catalog.lower(during)))
);
ALTER SEQUENCE @extschema@.pause_id_seq OWNED BY @extschema@.application_pause.pause_id;
COMMENT ON TABLE @extschema@.application_pause IS
    'Pauses of an application''s clock (hearing, testing, expert review, supplementing materials): every day a pause touches is excluded from the limit; a pause still running has no upper bound';

CREATE TABLE @extschema@.application_extension (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL,
    days        integer NOT NULL CHECK (days OPERATOR(pg_catalog.>) 0),
    approved_by bigint NOT NULL,
    approved_at timestamptz NOT NULL CHECK (pg_catalog.isfinite(approved_at)),
    reason      text,
    PRIMARY KEY (tenant_id, application_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, approved_by) REFERENCES @extschema@.person (tenant_id, person_id)
);
COMMENT ON TABLE @extschema@.application_extension IS
    'The extension of an application''s limit (延期), at most the item''s statutory one, and the head who approved it';

CREATE SEQUENCE @extschema@.fee_id_seq AS bigint;
CREATE TABLE @extschema@.application_fee (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    fee_id      bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.fee_id_seq'),
    application_id bigint NOT NULL,
    code        text NOT NULL,
    amount      numeric(12,2) NOT NULL CHECK (amount OPERATOR(pg_catalog.>) 0),
    charged_at  timestamptz NOT NULL CHECK (pg_catalog.isfinite(charged_at)),
    PRIMARY KEY (tenant_id, fee_id),
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id) ON DELETE CASCADE
);
ALTER SEQUENCE @extschema@.fee_id_seq OWNED BY @extschema@.application_fee.fee_id;
CREATE INDEX ON @extschema@.application_fee (tenant_id, application_id);
COMMENT ON TABLE @extschema@.application_fee IS
    'Fees charged on an application; one not in the item''s schedule, or above it, is an illegal fee';

CREATE TABLE @extschema@.supervision_card (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    application_id bigint NOT NULL,
    kind        @extschema@.supervision_signal NOT NULL,
    step_no     integer NOT NULL DEFAULT 0,
    raised_on   date NOT NULL,
    act_by      date,
    incident_id bigint,
    recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (tenant_id, application_id, kind, step_no),
    -- The record of the supervision stays: an application with cards is not deleted.
    FOREIGN KEY (tenant_id, application_id) REFERENCES @extschema@.application (tenant_id, application_id),
    FOREIGN KEY (tenant_id, incident_id) REFERENCES @extschema@.incident (tenant_id, incident_id)
);
COMMENT ON COLUMN @extschema@.supervision_card.step_no IS
    'The step of a step overrun; for an illegal fee, the fee''s number on the application (by fee_id); 0 otherwise';
COMMENT ON TABLE @extschema@.supervision_card IS
    'Signals the supervision has issued (supervise()): each once per application (and step), kept as issued even when the facts change later (supervision_signals() counts them); a red card carries the incident it opened for back-trace';

-- ---------------------------------------------------------------------
-- Audits and inspections (S3).

CREATE SEQUENCE @extschema@.audit_id_seq AS bigint;
CREATE TABLE @extschema@.audit (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    audit_id    bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.audit_id_seq'),
    unit_id     bigint NOT NULL,
    kind        text NOT NULL DEFAULT 'audit' CHECK (kind OPERATOR(pg_catalog.=) ANY ('{audit,inspection}'::text[])),
    title       text NOT NULL,
    conducted_by text,
    held        daterange NOT NULL CHECK (NOT pg_catalog.isempty(held) AND NOT pg_catalog.lower_inf(held)),
    PRIMARY KEY (tenant_id, audit_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id)
);
ALTER SEQUENCE @extschema@.audit_id_seq OWNED BY @extschema@.audit.audit_id;
COMMENT ON TABLE @extschema@.audit IS 'Audits (审计) and inspections (检查) of a unit, by whom and when';

CREATE SEQUENCE @extschema@.finding_id_seq AS bigint;
CREATE TABLE @extschema@.audit_finding (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    finding_id  bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.finding_id_seq'),
    audit_id    bigint NOT NULL,
    kind        text NOT NULL,
    severity    @extschema@.finding_severity NOT NULL DEFAULT 'minor',
    duty_id     bigint,
    description text NOT NULL,
    found_on    date NOT NULL,
    rectify_by  date NOT NULL,
    rectified_on date,
    incident_id bigint,
    PRIMARY KEY (tenant_id, finding_id),
    FOREIGN KEY (tenant_id, audit_id) REFERENCES @extschema@.audit (tenant_id, audit_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, duty_id) REFERENCES @extschema@.duty (tenant_id, duty_id),
    FOREIGN KEY (tenant_id, incident_id) REFERENCES @extschema@.incident (tenant_id, incident_id),
    CONSTRAINT audit_finding_dates CHECK (rectify_by OPERATOR(pg_catalog.>=) found_on AND rectified_on OPERATOR(pg_catalog.>=) found_on)
);
ALTER SEQUENCE @extschema@.finding_id_seq OWNED BY @extschema@.audit_finding.finding_id;
CREATE INDEX ON @extschema@.audit_finding (tenant_id, audit_id);
COMMENT ON TABLE @extschema@.audit_finding IS
    'Findings of an audit or inspection: kind, severity, the duty concerned, the deadline to rectify (整改期限) and when it was rectified; finding_incident() opens an incident for back-trace';

CREATE TABLE @extschema@.supervision_score_entry (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    unit_id     bigint NOT NULL,
    month       date NOT NULL CHECK (pg_catalog.date_trunc('month', month)::date OPERATOR(pg_catalog.=) month),
    item        text NOT NULL,
    points      numeric(6,2) NOT NULL CHECK (points OPERATOR(pg_catalog.<=) 0),
    note        text NOT NULL,
    PRIMARY KEY (tenant_id, unit_id, month, item, note),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id)
);
COMMENT ON TABLE @extschema@.supervision_score_entry IS
    'Deductions the supervisors enter by hand for a unit and month on the items the system cannot see (openness, satisfaction, attitude, probity …)';

CREATE SEQUENCE @extschema@.criticism_id_seq AS bigint;
CREATE TABLE @extschema@.circulated_criticism (
    tenant_id   integer NOT NULL DEFAULT @extschema@.current_tenant(),
    criticism_id bigint NOT NULL DEFAULT pg_catalog.nextval('@extschema@.criticism_id_seq'),
    unit_id     bigint NOT NULL,
    period      daterange NOT NULL,
    basis       text NOT NULL CHECK (basis OPERATOR(pg_catalog.=) ANY ('{supervision_grade,overdue_finding,other}'::text[])),
    finding_id  bigint,
    reason_en   text NOT NULL,
    reason_zh   text NOT NULL,
    issued_on   date NOT NULL,
    PRIMARY KEY (tenant_id, criticism_id),
    CONSTRAINT circulated_criticism_once UNIQUE NULLS NOT DISTINCT (tenant_id, unit_id, period, basis, finding_id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES @extschema@.unit (tenant_id, unit_id),
    FOREIGN KEY (tenant_id, finding_id) REFERENCES @extschema@.audit_finding (tenant_id, finding_id)
);
ALTER SEQUENCE @extschema@.criticism_id_seq OWNED BY @extschema@.circulated_criticism.criticism_id;
COMMENT ON TABLE @extschema@.circulated_criticism IS
    'Circulated criticisms (通报批评) of units: for a failing supervision grade, a finding not rectified by its deadline, or another reason; announcements() lists those of a period';
-- The supervision of approvals (S2, S3; rules.md §4, §5) over the tables of
-- 67_supervision.sql.  Each application keeps its clock on its row: the
-- day it counts from, its deadline with the pauses excluded, the reminder,
-- the deadline to act of a yellow card, and the deadline of the step in
-- progress, all in working days of the item's calendar (the C functions of
-- 50_calendar.sql).  The triggers recompute it whenever a fact of the
-- application, or the policy, item or calendar it depends on, changes; and
-- clock_as_of says from which moment on it holds, so that the status of
-- every open application as of a later moment is a scan and a comparison
-- of dates, and only an earlier moment recomputes from the facts.

-- A setting of the supervision for a tenant: its own row, else the default.
CREATE FUNCTION @extschema@.supervision_setting(tenant_id integer, code text) RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT p.value FROM @extschema@.supervision_policy p
     WHERE p.code = supervision_setting.code
       AND (p.tenant_id = supervision_setting.tenant_id OR p.tenant_id IS NULL)
     ORDER BY p.tenant_id NULLS LAST LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.supervision_setting(integer, text) IS
    'A value of supervision_policy for the tenant: its own row of the code, else the default';

-- The days a pause touches in a time zone, from its first day to the day
-- of its last instant: none of them counts against a limit.  Inlined where
-- it is used (its body is bound at CREATE EXTENSION).
CREATE FUNCTION @extschema@.pause_days(during tstzrange, time_zone text) RETURNS daterange
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN daterange((lower(during) AT TIME ZONE time_zone)::date,
                     CASE WHEN upper_inc(during) THEN (upper(during) AT TIME ZONE time_zone)::date
                          ELSE ((upper(during) AT TIME ZONE time_zone) - interval '1 microsecond')::date END,
                     '[]');
COMMENT ON FUNCTION @extschema@.pause_days(tstzrange, text) IS
    'The days a pause touches in the time zone (a running pause: from its first day on)';

-- ---------------------------------------------------------------------
-- The clock of an application as of a moment, from its recorded facts.
-- Facts recorded after the moment do not count: an extension approved
-- later, a pause begun later, a step started later.

CREATE FUNCTION @extschema@.application_clock(a @extschema@.application, at timestamptz)
    RETURNS TABLE (clock_start date, clock_limit integer, paused_since date, due_on date, remind_on date,
                   act_by date, step_no integer, step_due_on date, clock_as_of timestamptz)
    LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
    -- Parsed once, at CREATE EXTENSION (no search_path to pin), so that
    -- application_status() inlines it: as of an earlier moment it reads the
    -- facts as fast as plain SQL would.  It depends on the row type: an
    -- update script that alters application drops and recreates it.
    BEGIN ATOMIC
    SELECT s.clock_start, s.clock_limit,
           CASE WHEN p.open_from <= d.due THEN p.open_from END,
           CASE WHEN NOT coalesce(p.open_from <= d.due, false) THEN d.due END,
           CASE WHEN NOT coalesce(p.open_from <= d.due, false)
                THEN @extschema@.add_workdays(d.due, -pol.reminder_days, a.calendar) END,
           CASE WHEN NOT coalesce(p.open_from <= d.due, false)
                THEN @extschema@.add_workdays(d.due, pol.act_days, a.calendar) END,
           st.step_no,
           CASE WHEN NOT coalesce(p.open_from <= sd.due, false) THEN sd.due END,
           f.latest
      FROM (SELECT c.time_zone AS tz FROM @extschema@.calendar c WHERE c.code = a.calendar) k
      -- The policy: the tenant's own rows, else the defaults.
      CROSS JOIN LATERAL (
            SELECT coalesce(max(x.value) FILTER (WHERE x.code = 'reminder_days' AND x.tenant_id IS NOT NULL),
                            max(x.value) FILTER (WHERE x.code = 'reminder_days')) AS reminder_days,
                   coalesce(max(x.value) FILTER (WHERE x.code = 'act_days' AND x.tenant_id IS NOT NULL),
                            max(x.value) FILTER (WHERE x.code = 'act_days')) AS act_days,
                   coalesce(max(x.value) FILTER (WHERE x.code = 'materials_notice_days' AND x.tenant_id IS NOT NULL),
                            max(x.value) FILTER (WHERE x.code = 'materials_notice_days')) AS notice_days
              FROM @extschema@.supervision_policy x
             WHERE x.tenant_id = a.tenant_id OR x.tenant_id IS NULL) pol
      -- Facts recorded after the moment do not count.
      CROSS JOIN LATERAL (
            SELECT (a.received_at AT TIME ZONE k.tz)::date AS received,
                   CASE WHEN a.accepted_at <= at THEN a.accepted_at END AS accepted,
                   CASE WHEN a.materials_notified_at <= at THEN a.materials_notified_at END AS notified) r
      -- Accepted, or materials asked for, within the notice limit: the
      -- clock counts from acceptance; otherwise the application counts as
      -- accepted on receipt (行政许可法 art. 32).
      CROSS JOIN LATERAL (
            SELECT CASE WHEN (least(r.accepted, r.notified) AT TIME ZONE k.tz)::date
                             <= @extschema@.add_workdays(r.received, pol.notice_days, a.calendar)
                        THEN (r.accepted AT TIME ZONE k.tz)::date ELSE r.received END AS clock_start,
                   (SELECT coalesce(i.promised_limit, i.statutory_limit) FROM @extschema@.approval_item i
                     WHERE i.tenant_id = a.tenant_id AND i.item_id = a.item_id)
                   + coalesce((SELECT e.days FROM @extschema@.application_extension e
                                WHERE e.tenant_id = a.tenant_id AND e.application_id = a.application_id
                                  AND e.approved_at <= at), 0) AS clock_limit
            OFFSET 0) s
      -- Every day a pause touches is excluded; a pause running at the
      -- moment stops the clock, unless it began after the deadline.
      CROSS JOIN LATERAL (
            SELECT coalesce(range_agg(@extschema@.pause_days(x.during, k.tz)) FILTER (WHERE coalesce(upper(x.during) <= at, false)),
                            '{}') AS closed,
                   min((lower(x.during) AT TIME ZONE k.tz)::date) FILTER (WHERE NOT coalesce(upper(x.during) <= at, false)) AS open_from
              FROM @extschema@.application_pause x
             WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id AND lower(x.during) <= at) p
      CROSS JOIN LATERAL (SELECT @extschema@.deadline(s.clock_start, s.clock_limit, p.closed, a.calendar) AS due) d
      -- The step in progress, and its own deadline.
      LEFT JOIN LATERAL (
            SELECT x.step_no, x.started_at, ps.time_limit
              FROM @extschema@.application_step x
              JOIN @extschema@.process_step ps ON ps.tenant_id = x.tenant_id AND ps.step_id = x.step_id
             WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
               AND x.started_at <= at AND NOT coalesce(x.done_at <= at, false)
             ORDER BY x.started_at DESC, x.step_no DESC LIMIT 1) st ON true
      CROSS JOIN LATERAL (SELECT @extschema@.deadline((st.started_at AT TIME ZONE k.tz)::date, st.time_limit, p.closed,
                                                      a.calendar) AS due) sd
      -- The latest fact up to the moment.
      CROSS JOIN LATERAL (
            SELECT max(t) AS latest
              FROM (SELECT a.received_at UNION ALL SELECT a.accepted_at UNION ALL SELECT a.materials_notified_at
                    UNION ALL SELECT a.decided_at
                    UNION ALL SELECT e.approved_at FROM @extschema@.application_extension e
                               WHERE e.tenant_id = a.tenant_id AND e.application_id = a.application_id
                    UNION ALL SELECT lower(x.during) FROM @extschema@.application_pause x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
                    UNION ALL SELECT upper(x.during) FROM @extschema@.application_pause x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
                    UNION ALL SELECT x.started_at FROM @extschema@.application_step x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id
                    UNION ALL SELECT x.done_at FROM @extschema@.application_step x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id) v(t)
             WHERE t <= at AND isfinite(t)) f;
    END;
COMMENT ON FUNCTION @extschema@.application_clock(@extschema@.application, timestamptz) IS
    'The clock of an application as of a moment, from the facts recorded up to it: the day it counts from, the limit, a running pause, the deadline, reminder and deadline to act, the step in progress and its deadline, and the latest fact';

-- ---------------------------------------------------------------------
-- Writes: the rules on bad input, and the clock kept on the row.

CREATE FUNCTION @extschema@.approval_item_fill() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    pw record;
BEGIN
    SELECT p.kind, p.unit_id INTO pw FROM @extschema@.power p
     WHERE p.tenant_id = NEW.tenant_id AND p.power_id = NEW.power_id;
    IF FOUND AND pw.kind <> 'approval' THEN
        RAISE EXCEPTION 'power % is a power of kind %, not an approval power', NEW.power_id, pw.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'An approval item is an approval-type power (power.kind = approval) of its unit.';
    END IF;
    NEW.unit_id := coalesce(pw.unit_id, NEW.unit_id);
    NEW.statutory_limit := coalesce(NEW.statutory_limit,
        @extschema@.supervision_setting(NEW.tenant_id, 'limit_' || NEW.kind::text));
    NEW.max_extension := coalesce(NEW.max_extension,
        @extschema@.supervision_setting(NEW.tenant_id, 'extension_' || NEW.kind::text));
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.approval_item_fill() IS
    'Trigger: an approval item is an approval power; its unit is the power''s, its limits default to its kind''s (supervision_policy)';
CREATE TRIGGER approval_item_fill BEFORE INSERT OR UPDATE ON @extschema@.approval_item
    FOR EACH ROW EXECUTE FUNCTION @extschema@.approval_item_fill();

CREATE FUNCTION @extschema@.approval_fee_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT (SELECT i.charges_fee FROM @extschema@.approval_item i
             WHERE i.tenant_id = NEW.tenant_id AND i.item_id = NEW.item_id) THEN
        RAISE EXCEPTION 'approval item % charges no fee', NEW.item_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Set approval_item.charges_fee when the law allows the item a fee.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.approval_fee_check() IS
    'Trigger: only an item that charges fees has a fee schedule (22023)';
CREATE TRIGGER approval_fee_check BEFORE INSERT OR UPDATE ON @extschema@.approval_fee
    FOR EACH ROW EXECUTE FUNCTION @extschema@.approval_fee_check();

CREATE FUNCTION @extschema@.application_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    it record;
    c record;
    bad text;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.outcome IS NOT NULL
       AND (NEW.outcome, NEW.decided_at, NEW.outcome_reason, NEW.decided_by)
           IS DISTINCT FROM (OLD.outcome, OLD.decided_at, OLD.outcome_reason, OLD.decided_by) THEN
        RAISE EXCEPTION 'application % already has its outcome: % at %', OLD.ref, OLD.outcome, OLD.decided_at
            USING ERRCODE = 'unique_violation',
                  HINT = 'An outcome is recorded once; a decision that is revoked is a new application or a review.';
    END IF;
    -- The unit, calendar and its time zone are the item's, always.
    SELECT i.unit_id, i.calendar, k.time_zone INTO it
      FROM @extschema@.approval_item i JOIN @extschema@.calendar k ON k.code = i.calendar
     WHERE i.tenant_id = NEW.tenant_id AND i.item_id = NEW.item_id;
    NEW.unit_id := coalesce(it.unit_id, NEW.unit_id);
    NEW.calendar := coalesce(it.calendar, NEW.calendar, 'cn');
    NEW.time_zone := coalesce(it.time_zone, (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = NEW.calendar));
    bad := CASE WHEN NEW.accepted_at < NEW.received_at THEN 'accepted_at'
                WHEN NEW.materials_notified_at < NEW.received_at THEN 'materials_notified_at'
                WHEN NEW.decided_at < NEW.received_at THEN 'decided_at'
                WHEN NEW.decided_at < NEW.accepted_at THEN 'decided_at' END;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'application %: % lies before the application was received or accepted', NEW.ref, bad
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = format('received %s, accepted %s, decided %s', NEW.received_at, NEW.accepted_at, NEW.decided_at);
    END IF;
    -- What happened is recorded when it has happened (a restore loads it as it was).
    IF greatest(NEW.received_at, NEW.accepted_at, NEW.materials_notified_at, NEW.decided_at) > now()
       AND NOT @extschema@.case_restoring()
       AND (TG_OP = 'INSERT' OR (NEW.received_at, NEW.accepted_at, NEW.materials_notified_at, NEW.decided_at)
                                 IS DISTINCT FROM (OLD.received_at, OLD.accepted_at, OLD.materials_notified_at, OLD.decided_at)) THEN
        RAISE EXCEPTION 'application %: a moment in the future (received %, accepted %, notified %, decided %)',
            NEW.ref, NEW.received_at, NEW.accepted_at, NEW.materials_notified_at, NEW.decided_at
            USING ERRCODE = 'datetime_field_overflow',
                  HINT = 'Record a fact when it has happened, with the moment it happened.';
    END IF;
    -- Acceptance moved: the steps and pauses recorded must still follow it.
    IF TG_OP = 'UPDATE' AND NEW.accepted_at IS DISTINCT FROM OLD.accepted_at THEN
        IF EXISTS (SELECT FROM @extschema@.application_step s
                     JOIN @extschema@.process_step ps ON ps.tenant_id = s.tenant_id AND ps.step_id = s.step_id
                    WHERE s.tenant_id = NEW.tenant_id AND s.application_id = NEW.application_id AND ps.role <> 'acceptance'
                      AND NOT coalesce(s.started_at >= NEW.accepted_at, false)) THEN
            RAISE EXCEPTION 'application %: a recorded step starts before the acceptance at %', NEW.ref, NEW.accepted_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        IF EXISTS (SELECT FROM @extschema@.application_pause p
                    WHERE p.tenant_id = NEW.tenant_id AND p.application_id = NEW.application_id
                      AND lower(p.during) < coalesce(NEW.accepted_at, NEW.received_at)) THEN
            RAISE EXCEPTION 'application %: a pause starts before the acceptance at %', NEW.ref, NEW.accepted_at
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    -- A decision recorded or moved: no fact may lie after it.
    IF NEW.decided_at IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.decided_at IS DISTINCT FROM OLD.decided_at) THEN
        IF EXISTS (SELECT FROM @extschema@.application_step s
                    WHERE s.tenant_id = NEW.tenant_id AND s.application_id = NEW.application_id
                      AND (s.started_at > NEW.decided_at OR s.done_at > NEW.decided_at)) THEN
            RAISE EXCEPTION 'application %: a recorded step lies after the decision at %', NEW.ref, NEW.decided_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        IF EXISTS (SELECT FROM @extschema@.application_extension e
                    WHERE e.tenant_id = NEW.tenant_id AND e.application_id = NEW.application_id
                      AND e.approved_at > NEW.decided_at) THEN
            RAISE EXCEPTION 'application %: its extension was approved after the decision at %', NEW.ref, NEW.decided_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        IF EXISTS (SELECT FROM @extschema@.application_pause p
                    WHERE p.tenant_id = NEW.tenant_id AND p.application_id = NEW.application_id
                      AND (NOT (p.during <@ tstzrange(NEW.received_at, NEW.decided_at, '[]')))) THEN
            RAISE EXCEPTION 'application %: a pause lies outside the application''s life (received % – decided %)',
                NEW.ref, NEW.received_at, NEW.decided_at
                USING ERRCODE = 'check_violation',
                      HINT = 'End the running pause (application_pause.during) before recording the outcome.';
        END IF;
    END IF;
    SELECT * INTO c FROM @extschema@.application_clock(NEW, 'infinity');
    NEW.clock_start := c.clock_start;
    NEW.clock_limit := c.clock_limit;
    NEW.paused_since := c.paused_since;
    NEW.due_on := c.due_on;
    NEW.remind_on := c.remind_on;
    NEW.act_by := c.act_by;
    NEW.step_no := c.step_no;
    NEW.step_due_on := c.step_due_on;
    NEW.clock_as_of := c.clock_as_of;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.application_check() IS
    'Trigger: an outcome is recorded once (23505); acceptance, notice and decision come after receipt, steps and pauses before the decision (22008, 23514); keeps the clock columns (application_clock())';
CREATE TRIGGER application_check BEFORE INSERT OR UPDATE ON @extschema@.application
    FOR EACH ROW EXECUTE FUNCTION @extschema@.application_check();

-- The facts of an application: checked before they are written, and the
-- application's clock recomputed after (by touching its row).
CREATE FUNCTION @extschema@.application_fact_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    a record;
    ps record;
    ext integer;
    arow @extschema@.application;
    due date;
    latest timestamptz;
BEGIN
    SELECT x.ref, x.item_id, x.received_at, x.accepted_at, x.decided_at, x.calendar INTO a
      FROM @extschema@.application x
     WHERE x.tenant_id = NEW.tenant_id AND x.application_id = NEW.application_id;
    IF NOT FOUND THEN
        RETURN NEW;   -- the foreign key reports it
    END IF;
    -- What happened is recorded when it has happened; only a pause's end may
    -- be planned ahead.  A restore loads the rows as they were.
    IF TG_TABLE_NAME = 'application_step' THEN
        latest := greatest(NEW.started_at, NEW.done_at);
    ELSIF TG_TABLE_NAME = 'application_pause' THEN
        -- A pause that runs has no end: '[x,infinity)' is written as '[x,)'.
        IF upper(NEW.during) = 'infinity' THEN
            NEW.during := tstzrange(lower(NEW.during), NULL, CASE WHEN lower_inc(NEW.during) THEN '[)' ELSE '()' END);
        END IF;
        latest := lower(NEW.during);
    ELSIF TG_TABLE_NAME = 'application_extension' THEN
        latest := NEW.approved_at;
    ELSE
        latest := NEW.charged_at;
    END IF;
    IF latest > now() AND NOT @extschema@.case_restoring() THEN
        RAISE EXCEPTION '% of application % at %, a moment in the future', replace(TG_TABLE_NAME, 'application_', ''), a.ref, latest
            USING ERRCODE = 'datetime_field_overflow',
                  HINT = 'Record a fact when it has happened, with the moment it happened.';
    END IF;
    IF TG_TABLE_NAME = 'application_step' THEN
        SELECT s.role, s.process_id, i.process_id AS item_process INTO ps
          FROM @extschema@.process_step s, @extschema@.approval_item i
         WHERE s.tenant_id = NEW.tenant_id AND s.step_id = NEW.step_id
           AND i.tenant_id = NEW.tenant_id AND i.item_id = a.item_id;
        IF FOUND AND ps.item_process IS DISTINCT FROM ps.process_id THEN
            RAISE EXCEPTION 'step % is not a step of the process of application %''s item', NEW.step_id, a.ref
                USING ERRCODE = 'foreign_key_violation',
                      DETAIL = format('The step belongs to process %s; the item is handled by process %s.', ps.process_id, ps.item_process);
        END IF;
        IF NEW.started_at < a.received_at
           OR (ps.role IS DISTINCT FROM 'acceptance' AND (a.accepted_at IS NULL OR NEW.started_at < a.accepted_at)) THEN
            RAISE EXCEPTION 'step % of application % starts at %, before the application was %',
                NEW.step_no, a.ref, NEW.started_at, CASE WHEN NEW.started_at < a.received_at THEN 'received' ELSE 'accepted' END
                USING ERRCODE = 'datetime_field_overflow',
                      DETAIL = format('received %s, accepted %s', a.received_at, coalesce(a.accepted_at::text, 'not yet')),
                      HINT = 'Record the acceptance (application.accepted_at) first; only the acceptance step may precede it.';
        END IF;
        IF NEW.started_at > a.decided_at OR NEW.done_at > a.decided_at THEN
            RAISE EXCEPTION 'step % of application % lies after its decision at %', NEW.step_no, a.ref, a.decided_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
    ELSIF TG_TABLE_NAME = 'application_pause' THEN
        IF lower(NEW.during) < coalesce(a.accepted_at, a.received_at)
           OR NOT (NEW.during <@ tstzrange(a.received_at, a.decided_at, '[]')) THEN
            RAISE EXCEPTION 'pause % of application % lies outside the application''s life', NEW.during, a.ref
                USING ERRCODE = 'check_violation',
                      DETAIL = format('received %s, accepted %s, decided %s', a.received_at, a.accepted_at, a.decided_at),
                      HINT = 'A pause stops the clock of an accepted application that is not yet decided.';
        END IF;
    ELSIF TG_TABLE_NAME = 'application_extension' THEN
        -- Its approval is judged against the clock without it, which only
        -- an insert has: a changed moment or length is recorded anew.
        IF TG_OP = 'UPDATE' AND (NEW.approved_at, NEW.days) IS DISTINCT FROM (OLD.approved_at, OLD.days)
           AND NOT @extschema@.case_restoring() THEN
            RAISE EXCEPTION 'the extension of application % is not changed in place', a.ref
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Delete it and record it again with its moment and days: it is then checked against the deadline it extends.';
        END IF;
        SELECT i.max_extension INTO ext FROM @extschema@.approval_item i
         WHERE i.tenant_id = NEW.tenant_id AND i.item_id = a.item_id;
        IF NEW.days > ext THEN
            RAISE EXCEPTION 'an extension of % working days exceeds the statutory % of application %''s item', NEW.days, ext, a.ref
                USING ERRCODE = 'numeric_value_out_of_range',
                      HINT = 'The law allows 10 more working days for a licensing decision, 15 for joint handling, none for a certificate.';
        END IF;
        IF NEW.approved_at < a.received_at OR NEW.approved_at > a.decided_at THEN
            RAISE EXCEPTION 'the extension of application % was approved at %, outside the application''s life', a.ref, NEW.approved_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
        -- An extension is approved within the limit it extends (行政许可法 art. 42).
        IF TG_OP = 'INSERT' AND NOT @extschema@.case_restoring() THEN
            SELECT x.* INTO arow FROM @extschema@.application x
             WHERE x.tenant_id = NEW.tenant_id AND x.application_id = NEW.application_id;
            SELECT c.due_on INTO due FROM @extschema@.application_clock(arow, NEW.approved_at) c;
            IF (NEW.approved_at AT TIME ZONE (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = a.calendar))::date > due THEN
                RAISE EXCEPTION 'the extension of application % was approved at %, after its deadline %', a.ref, NEW.approved_at, due
                    USING ERRCODE = 'datetime_field_overflow',
                          HINT = 'An extension is decided before the limit runs out; an application already overdue is on a yellow or red card.';
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME = 'application_fee' THEN
        IF NOT (SELECT i.charges_fee FROM @extschema@.approval_item i
                 WHERE i.tenant_id = NEW.tenant_id AND i.item_id = a.item_id) THEN
            RAISE EXCEPTION 'a fee on application %, whose item charges none', a.ref
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'An item that charges fees says so (approval_item.charges_fee) and lists them (approval_fee).';
        END IF;
        IF NEW.charged_at < a.received_at THEN
            RAISE EXCEPTION 'a fee on application % charged at %, before it was received at %', a.ref, NEW.charged_at, a.received_at
                USING ERRCODE = 'datetime_field_overflow';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.application_fact_check() IS
    'Trigger: a step of the item''s process (23503) after acceptance and before the decision (22008); a pause within the application''s life (23514); an extension within the statutory one (22003); a fee only on an item that charges fees (22023)';

CREATE FUNCTION @extschema@.application_touch() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
         WHERE a.tenant_id = OLD.tenant_id AND a.application_id = OLD.application_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
         WHERE a.tenant_id = NEW.tenant_id AND a.application_id = NEW.application_id;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.application_touch() IS
    'Trigger: a step, pause or extension changed, so its application''s clock is recomputed';

DO $triggers$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['application_step', 'application_pause', 'application_extension', 'application_fee'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_check BEFORE INSERT OR UPDATE ON @extschema@.%1$I
                        FOR EACH ROW EXECUTE FUNCTION @extschema@.application_fact_check()', t);
        IF t <> 'application_fee' THEN
            EXECUTE format('CREATE TRIGGER %1$s_touch AFTER INSERT OR UPDATE OR DELETE ON @extschema@.%1$I
                            FOR EACH ROW EXECUTE FUNCTION @extschema@.application_touch()', t);
        END IF;
    END LOOP;
END
$triggers$;

-- The clocks depend on the item (its limits, unit and calendar), the steps'
-- limits, three settings of the policy and the calendar: a change to one of
-- them recomputes the clocks it concerns, and only those.
CREATE FUNCTION @extschema@.application_clocks_refresh() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tenants integer[];
BEGIN
    IF TG_TABLE_NAME = 'approval_item' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM new_rows n WHERE a.tenant_id = n.tenant_id AND a.item_id = n.item_id;
    ELSIF TG_TABLE_NAME = 'process_step' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM (SELECT DISTINCT s.tenant_id, s.application_id
                  FROM @extschema@.application_step s JOIN new_rows n ON n.tenant_id = s.tenant_id AND n.step_id = s.step_id
                  JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.step_id = n.step_id
                 WHERE n.time_limit IS DISTINCT FROM o.time_limit) x
         WHERE a.tenant_id = x.tenant_id AND a.application_id = x.application_id;
    ELSE
        -- supervision_policy: the settings the clock reads, of the tenants
        -- whose rows changed (a default: every tenant the role sees).
        SELECT array_agg(DISTINCT coalesce(r.tenant_id, -1)) INTO tenants
          FROM (SELECT tenant_id, code FROM changed_rows) r
         WHERE r.code IN ('reminder_days', 'act_days', 'materials_notice_days');
        IF tenants IS NOT NULL THEN
            UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
             WHERE a.tenant_id = ANY (tenants) OR -1 = ANY (tenants);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.application_clocks_refresh() IS
    'Statement trigger: a change of an item, a step''s time limit or the settings of the supervision policy the clock reads recomputes the clocks of the applications concerned';
CREATE TRIGGER application_clocks_refresh AFTER UPDATE ON @extschema@.approval_item
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh AFTER UPDATE ON @extschema@.process_step
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh_insert AFTER INSERT ON @extschema@.supervision_policy
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh_update AFTER UPDATE ON @extschema@.supervision_policy
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();
CREATE TRIGGER application_clocks_refresh_delete AFTER DELETE ON @extschema@.supervision_policy
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_refresh();

-- A calendar is shared by every tenant: a change of its days recomputes, as
-- the extension's owner and across tenants, the clocks counted in it that
-- can reach the days changed (received up to 200 days before the first);
-- a change of the calendar itself (rest days, time zone), all of its clocks.
CREATE FUNCTION @extschema@.application_clocks_calendar() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_TABLE_NAME = 'calendar' THEN
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM (SELECT code FROM changed_rows) c WHERE a.calendar = c.code;
    ELSE
        UPDATE @extschema@.application a SET clock_as_of = a.clock_as_of
          FROM (SELECT d.calendar, min(d.day) AS first_day, max(d.day) AS last_day
                  FROM changed_rows d GROUP BY d.calendar) c
         WHERE a.calendar = c.calendar
           AND a.received_at >= (c.first_day - 200)::timestamp AT TIME ZONE 'UTC'
           AND a.received_at < (c.last_day + 2)::timestamp AT TIME ZONE 'UTC';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.application_clocks_calendar() IS
    'Statement trigger on the calendars: the working days changed, so the clocks that can reach the days changed are recomputed (as the extension''s owner, across tenants)';
CREATE TRIGGER refresh_application_clocks_insert AFTER INSERT ON @extschema@.calendar_day
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks_update_new AFTER UPDATE ON @extschema@.calendar_day
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks_update_old AFTER UPDATE ON @extschema@.calendar_day
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks_delete AFTER DELETE ON @extschema@.calendar_day
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();
CREATE TRIGGER refresh_application_clocks AFTER UPDATE ON @extschema@.calendar
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.application_clocks_calendar();

-- Recording an outcome.
CREATE FUNCTION @extschema@.decide_application(application_id bigint, outcome @extschema@.application_outcome,
    decided_by bigint, reason text DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now()) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF application_id IS NULL OR outcome IS NULL OR decided_by IS NULL OR at IS NULL THEN
        RAISE EXCEPTION 'decide_application() needs the application, the outcome, who decided and when'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    UPDATE @extschema@.application a
       SET outcome = decide_application.outcome, outcome_reason = decide_application.reason,
           decided_by = decide_application.decided_by, decided_at = decide_application.at
     WHERE a.tenant_id = @extschema@.current_tenant() AND a.application_id = decide_application.application_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % does not exist', application_id USING ERRCODE = 'no_data_found';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.decide_application(bigint, @extschema@.application_outcome, bigint, text, timestamptz) IS
    'Records the outcome of an application (granted, refused with its reasons, withdrawn), who decided and when; once only (23505)';

-- ---------------------------------------------------------------------
-- Reading: the status of every open application as of a moment.

-- A unit and its sub-units, or every unit when unit_id is NULL.
CREATE FUNCTION @extschema@.unit_and_subunits(unit_id bigint) RETURNS SETOF bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH RECURSIVE tree AS (
        SELECT u.tenant_id, u.unit_id FROM @extschema@.unit u
         WHERE u.tenant_id = @extschema@.current_tenant() AND (u.unit_id = unit_and_subunits.unit_id OR unit_and_subunits.unit_id IS NULL)
        UNION
        SELECT u.tenant_id, u.unit_id FROM @extschema@.unit u JOIN tree t ON u.tenant_id = t.tenant_id AND u.parent_id = t.unit_id)
    SELECT t.unit_id FROM tree t
$$;
COMMENT ON FUNCTION @extschema@.unit_and_subunits(bigint) IS
    'The unit and all its sub-units in the current tenant (every unit of the tenant when NULL)';

CREATE FUNCTION @extschema@.application_status(at timestamptz DEFAULT pg_catalog.now(), of_unit bigint DEFAULT NULL)
    RETURNS TABLE (application_id bigint, ref text, unit_id bigint, item_id bigint,
                   status @extschema@.supervision_status, due_on date, remind_on date, act_by date,
                   workdays_over integer, paused_since date, step_no integer, step_due_on date, step_overrun boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
    -- Parsed once, at CREATE EXTENSION, and inlined into the caller's
    -- query: no function boundary between the scan and its consumer.
    BEGIN ATOMIC
    -- No CTE and no join: the scan, and the sums over it, may run in
    -- parallel workers; each row knows its calendar's time zone.
    SELECT k.application_id, k.ref, k.unit_id, k.item_id,
           CASE WHEN k.clock_start IS NULL THEN 'awaiting'::@extschema@.supervision_status
                WHEN k.due_on IS NULL THEN 'paused'::@extschema@.supervision_status
                WHEN k.d < k.remind_on THEN 'green'::@extschema@.supervision_status
                WHEN k.d <= k.due_on THEN 'reminder'::@extschema@.supervision_status
                WHEN k.d <= k.act_by THEN 'yellow'::@extschema@.supervision_status
                ELSE 'red'::@extschema@.supervision_status END,
           k.due_on, k.remind_on, k.act_by,
           CASE WHEN k.d > k.due_on THEN @extschema@.workdays_between(k.due_on, k.d, k.calendar) END,
           k.paused_since, k.step_no, k.step_due_on, k.d > k.step_due_on
      FROM (
        -- The kept clock holds from clock_as_of on ...
        SELECT a.application_id, a.ref, a.unit_id, a.item_id, a.calendar, a.clock_start, a.paused_since,
               a.due_on, a.remind_on, a.act_by, a.step_no, a.step_due_on,
               (application_status.at AT TIME ZONE a.time_zone)::date AS d
          FROM @extschema@.application a
         WHERE a.tenant_id = @extschema@.current_tenant()
           AND a.received_at <= application_status.at
           AND (a.decided_at IS NULL OR a.decided_at > application_status.at)
           AND a.clock_as_of <= application_status.at
           AND (application_status.of_unit IS NULL
                OR a.unit_id IN (SELECT @extschema@.unit_and_subunits(application_status.of_unit)))
        UNION ALL
        -- ... before it, the facts (application_clock_idx finds those).
        SELECT a.application_id, a.ref, a.unit_id, a.item_id, a.calendar, c.clock_start, c.paused_since,
               c.due_on, c.remind_on, c.act_by, c.step_no, c.step_due_on,
               (application_status.at AT TIME ZONE a.time_zone)::date
          FROM @extschema@.application a
               CROSS JOIN LATERAL @extschema@.application_clock(a, application_status.at) c
         WHERE a.tenant_id = @extschema@.current_tenant()
           AND a.received_at <= application_status.at
           AND (a.decided_at IS NULL OR a.decided_at > application_status.at)
           AND a.clock_as_of > application_status.at
           AND (application_status.of_unit IS NULL
                OR a.unit_id IN (SELECT @extschema@.unit_and_subunits(application_status.of_unit)))) k;
    END;
COMMENT ON FUNCTION @extschema@.application_status(timestamptz, bigint) IS
    'Status of every application open at the moment (of a unit and its sub-units, or all): green, reminder, yellow card, red card, paused or awaiting materials, with the deadline, the reminder day, the deadline to act, the working days over, and the step in progress with its own deadline and whether it overran it';

-- ---------------------------------------------------------------------
-- Signals: every signal raised over a span of days, from the kept clocks.

CREATE FUNCTION @extschema@.supervision_signals(during daterange, of_unit bigint DEFAULT NULL)
    RETURNS TABLE (tenant_id integer, application_id bigint, ref text, unit_id bigint,
                   kind @extschema@.supervision_signal, step_no integer, raised_on date, act_by date,
                   detail text, detail_zh text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off   -- compiling this plan costs more than running it
    AS $$
    WITH units AS (
        SELECT u FROM @extschema@.unit_and_subunits(supervision_signals.of_unit) u),
    notice AS MATERIALIZED (   -- once, not per row
        SELECT @extschema@.supervision_setting(@extschema@.current_tenant(), 'materials_notice_days') AS days),
    -- The applications that can raise a signal in the span: received before
    -- its end, not decided before its start (every signal comes on or
    -- before the decision).
    apps AS (
        SELECT a.*, (a.decided_at AT TIME ZONE a.time_zone)::date AS decided_on,
               (a.received_at AT TIME ZONE a.time_zone)::date AS received_on
          FROM @extschema@.application a
         WHERE a.tenant_id = @extschema@.current_tenant()
           -- (a day's margin either side for the time zones, in bounds an index can use)
           AND (upper(supervision_signals.during) IS NULL
                OR a.received_at < (upper(supervision_signals.during) + 1)::timestamp AT TIME ZONE 'UTC')
           AND (a.decided_at IS NULL OR lower(supervision_signals.during) IS NULL
                OR a.decided_at >= (lower(supervision_signals.during) - 2)::timestamp AT TIME ZONE 'UTC')
           AND a.unit_id IN (SELECT u FROM units)),
    -- Their closed pauses, once each, for the steps' own deadlines, and
    -- the first day of a pause still running.
    paused AS (
        SELECT p.application_id,
               coalesce(range_agg(@extschema@.pause_days(p.during, a.time_zone)) FILTER (WHERE NOT upper_inf(p.during)), '{}') AS days,
               min((lower(p.during) AT TIME ZONE a.time_zone)::date) FILTER (WHERE upper_inf(p.during)) AS open_from
          FROM apps a JOIN @extschema@.application_pause p ON p.tenant_id = a.tenant_id AND p.application_id = a.application_id
         GROUP BY p.application_id),
    signal AS (
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'reminder'::@extschema@.supervision_signal AS kind, 0 AS step_no,
               a.remind_on AS raised_on, NULL::date AS act_by,
               format('deadline %s', a.due_on) AS detail, format('办理时限 %s', a.due_on) AS detail_zh
          FROM apps a WHERE NOT coalesce(a.decided_on < a.remind_on, false)
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'yellow', 0, a.due_on + 1, a.act_by,
               format('overdue since %s; act by %s', a.due_on + 1, a.act_by),
               format('%s 起超时，须于 %s 前办结', a.due_on + 1, a.act_by)
          FROM apps a WHERE NOT coalesce(a.decided_on <= a.due_on, false)
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'red', 0, a.act_by + 1, a.act_by,
               format('still undone after %s', a.act_by), format('黄牌期限 %s 后仍未办结', a.act_by)
          FROM apps a WHERE NOT coalesce(a.decided_on <= a.act_by, false)
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'refusal_without_reasons', 0, a.decided_on, NULL,
               'refused without reasons', '不予许可未说明理由'
          FROM apps a WHERE a.outcome = 'refused' AND coalesce(btrim(a.outcome_reason), '') = ''
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'materials_late', 0, n.notice_due + 1, NULL,
               format('neither accepted nor missing materials notified by %s', n.notice_due),
               format('%s 前未受理也未一次告知补正材料', n.notice_due)
          FROM apps a CROSS JOIN notice,
               LATERAL (SELECT @extschema@.add_workdays(a.received_on, notice.days, a.calendar) AS notice_due) n
         WHERE NOT coalesce((least(a.accepted_at, a.materials_notified_at) AT TIME ZONE a.time_zone)::date <= n.notice_due, false)
           AND NOT coalesce(a.decided_on <= n.notice_due, false)
        UNION ALL
        -- Each fee its own signal, numbered by its order on the application.
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'illegal_fee', f.no::integer,
               (f.charged_at AT TIME ZONE a.time_zone)::date, NULL,
               format('fee %s of %s not in the schedule%s', f.code, f.amount,
                      CASE WHEN s.amount IS NOT NULL THEN format(' (at most %s)', s.amount) ELSE '' END),
               format('收费项目 %s 金额 %s 不符合收费标准', f.code, f.amount)
          FROM apps a
          CROSS JOIN LATERAL (SELECT x.*, row_number() OVER (ORDER BY x.fee_id) AS no
                                FROM @extschema@.application_fee x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id) f
          LEFT JOIN @extschema@.approval_fee s ON s.tenant_id = a.tenant_id AND s.item_id = a.item_id AND s.code = f.code
         WHERE s.amount IS NULL OR f.amount > s.amount
        UNION ALL
        SELECT a.tenant_id, a.application_id, a.ref, a.unit_id, 'step_overrun', s.step_no, d.due + 1, NULL,
               format('step %s (%s) due %s, %s', s.step_no, ps.name, d.due,
                      CASE WHEN s.done_at IS NULL THEN 'not done' ELSE format('done %s', (s.done_at AT TIME ZONE a.time_zone)::date) END),
               format('环节 %s（%s）时限 %s，%s', s.step_no, ps.name, d.due,
                      CASE WHEN s.done_at IS NULL THEN '尚未完成' ELSE format('%s 完成', (s.done_at AT TIME ZONE a.time_zone)::date) END)
          FROM apps a
          LEFT JOIN paused pz ON pz.application_id = a.application_id
          -- Each application's own steps by its key (OFFSET 0: not a join over all steps).
          CROSS JOIN LATERAL (SELECT x.* FROM @extschema@.application_step x
                               WHERE x.tenant_id = a.tenant_id AND x.application_id = a.application_id OFFSET 0) s
          JOIN @extschema@.process_step ps ON ps.tenant_id = s.tenant_id AND ps.step_id = s.step_id AND ps.time_limit IS NOT NULL,
               LATERAL (SELECT @extschema@.deadline((s.started_at AT TIME ZONE a.time_zone)::date, ps.time_limit,
                                                    coalesce(pz.days, '{}'), a.calendar) AS due) d
         -- A step done before the span began raised nothing in it.
         WHERE (s.done_at IS NULL OR lower(supervision_signals.during) IS NULL
                OR s.done_at >= (lower(supervision_signals.during)::timestamp AT TIME ZONE a.time_zone))
           AND NOT coalesce((s.done_at AT TIME ZONE a.time_zone)::date <= d.due, false)
           AND NOT coalesce(a.decided_on <= d.due, false)
           AND NOT coalesce(pz.open_from <= d.due, false)),   -- a running pause stopped its clock
    -- The cards issued: the record of what was signalled, kept even when a
    -- fact recorded later would now place the signal elsewhere or nowhere.
    issued AS (
        SELECT c.tenant_id, c.application_id, a.ref, a.unit_id, c.kind, c.step_no, c.raised_on, c.act_by
          FROM apps a JOIN @extschema@.supervision_card c ON c.tenant_id = a.tenant_id AND c.application_id = a.application_id)
    SELECT s.* FROM signal s
     WHERE s.raised_on IS NOT NULL AND s.raised_on <@ supervision_signals.during
       AND NOT EXISTS (SELECT FROM issued i WHERE i.application_id = s.application_id AND i.kind = s.kind AND i.step_no = s.step_no)
    UNION ALL
    SELECT i.tenant_id, i.application_id, i.ref, i.unit_id, i.kind, i.step_no, i.raised_on, i.act_by,
           coalesce(s.detail, format('card issued on %s', i.raised_on)), coalesce(s.detail_zh, format('%s 已发出', i.raised_on))
      FROM issued i
      LEFT JOIN signal s ON s.application_id = i.application_id AND s.kind = i.kind AND s.step_no = i.step_no
                        AND s.raised_on = i.raised_on
     WHERE i.raised_on <@ supervision_signals.during
$$;
COMMENT ON FUNCTION @extschema@.supervision_signals(daterange, bigint) IS
    'Every signal raised on a day of the span (of a unit and its sub-units, or all): the cards supervise() issued, as issued, and the signals the kept clocks raise that no card records yet: reminders, yellow and red cards (with the deadline to act), steps over their own limit (not while a pause runs), refusals without reasons, fees not in the schedule, missing materials not notified in time; each with its detail in English and Chinese';

-- ---------------------------------------------------------------------
-- Supervising: record the signals raised up to a moment, once each, and
-- open an incident for each new red card, with the application as the
-- failed piece of work and the person of the step it stalled in as actor.

CREATE FUNCTION @extschema@.supervise(of_unit bigint DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now(),
                                      since date DEFAULT NULL)
    RETURNS TABLE (application_id bigint, ref text, kind @extschema@.supervision_signal, step_no integer,
                   raised_on date, act_by date, incident_id bigint)
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    sig record;
    inc bigint;
    failed record;
BEGIN
    IF at IS NULL OR at > now() THEN
        RAISE EXCEPTION 'supervise() looks at a moment that has come: % is in the future', at
            USING ERRCODE = 'datetime_field_overflow';
    END IF;
    IF since > (at AT TIME ZONE 'UTC')::date + 1 THEN
        RAISE EXCEPTION 'supervise() since % is after the moment %', since, at
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR sig IN
        SELECT s.* FROM @extschema@.supervision_signals(daterange(since, (at AT TIME ZONE 'UTC')::date + 2), supervise.of_unit) s
          JOIN @extschema@.application a ON a.tenant_id = s.tenant_id AND a.application_id = s.application_id
          JOIN @extschema@.calendar k ON k.code = a.calendar
         WHERE s.raised_on <= (at AT TIME ZONE k.time_zone)::date
           AND NOT EXISTS (SELECT FROM @extschema@.supervision_card c
                            WHERE c.tenant_id = s.tenant_id AND c.application_id = s.application_id
                              AND c.kind = s.kind AND c.step_no = s.step_no)
         ORDER BY s.raised_on, s.application_id, s.kind, s.step_no
    LOOP
        inc := NULL;
        IF sig.kind <> 'red' THEN
            INSERT INTO @extschema@.supervision_card (tenant_id, application_id, kind, step_no, raised_on, act_by)
            VALUES (sig.tenant_id, sig.application_id, sig.kind, sig.step_no, sig.raised_on, sig.act_by)
            ON CONFLICT DO NOTHING;
            CONTINUE WHEN NOT FOUND;
        ELSE
            -- One red card and one incident, whoever else supervises: the
            -- second waits here for the first, then finds its card.
            PERFORM pg_advisory_xact_lock(2125079717, hashtext(sig.tenant_id || ':' || sig.application_id));
            CONTINUE WHEN EXISTS (SELECT FROM @extschema@.supervision_card c
                                   WHERE c.tenant_id = sig.tenant_id AND c.application_id = sig.application_id
                                     AND c.kind = 'red');
            -- The failed step: the one in progress when the card was raised,
            -- else the last recorded, else the first of the item's process.
            SELECT a.ref, a.unit_id, i.title, k.time_zone,
                   ((sig.raised_on::timestamp) AT TIME ZONE k.time_zone) AS at, st.step_no,
                   coalesce(st.step_id,
                            (SELECT ps.step_id FROM @extschema@.process_step ps
                              WHERE ps.tenant_id = a.tenant_id AND ps.process_id = i.process_id
                              ORDER BY ps.seq LIMIT 1)) AS step_id,
                   (SELECT pd.duty_id FROM @extschema@.power_duty pd
                     WHERE pd.tenant_id = a.tenant_id AND pd.power_id = i.power_id ORDER BY pd.duty_id LIMIT 1) AS duty_id
              INTO failed
              FROM @extschema@.application a
              JOIN @extschema@.approval_item i ON i.tenant_id = a.tenant_id AND i.item_id = a.item_id
              JOIN @extschema@.calendar k ON k.code = a.calendar
              LEFT JOIN LATERAL (
                    SELECT s.step_no, s.step_id FROM @extschema@.application_step s
                     WHERE s.tenant_id = a.tenant_id AND s.application_id = a.application_id
                     ORDER BY (s.started_at < (sig.raised_on::timestamp AT TIME ZONE k.time_zone)) DESC,
                              s.started_at DESC, s.step_no DESC LIMIT 1) st ON true
             WHERE a.tenant_id = sig.tenant_id AND a.application_id = sig.application_id;
            IF failed.step_id IS NOT NULL OR failed.duty_id IS NOT NULL THEN
                INSERT INTO @extschema@.incident (tenant_id, occurred_at, unit_id, title, category, severity,
                                                  duty_id, step_id, work_ref, source)
                VALUES (sig.tenant_id, least(failed.at, now()), failed.unit_id,
                        format('red card: application %s (%s) still undone after %s', failed.ref, failed.title, sig.act_by),
                        'other', 'general', failed.duty_id, failed.step_id, failed.ref, 'supervision')
                RETURNING incident.incident_id INTO inc;
                -- Who sat on it: the person of the failed step, as its handler.
                INSERT INTO @extschema@.incident_actor (tenant_id, incident_id, role, person_id, position_id)
                SELECT sig.tenant_id, inc, 'handler', s.person_id, s.position_id
                  FROM @extschema@.application_step s
                 WHERE s.tenant_id = sig.tenant_id AND s.application_id = sig.application_id
                   AND s.step_no = failed.step_no;
            END IF;
            INSERT INTO @extschema@.supervision_card (tenant_id, application_id, kind, step_no, raised_on, act_by, incident_id)
            VALUES (sig.tenant_id, sig.application_id, sig.kind, sig.step_no, sig.raised_on, sig.act_by, inc);
        END IF;
        application_id := sig.application_id;
        ref := sig.ref;
        kind := sig.kind;
        step_no := sig.step_no;
        raised_on := sig.raised_on;
        act_by := sig.act_by;
        incident_id := inc;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.supervise(bigint, timestamptz, date) IS
    'Records every signal raised up to the moment (since a day, or ever: a monitor passes the last day it ran) for a unit and its sub-units (or all) in supervision_card, once each, and opens an incident (source supervision, the application as work_ref, the step it stalled in, whose person is its handler) for each new red card; returns the new cards. Concurrent runs record each card, and open each incident, once';

-- A red card comes with the incident it opened (when its item gives one a
-- failed step or duty), that incident being the supervision's of that
-- application: a card alone cannot stand in for the incident.
CREATE FUNCTION @extschema@.supervision_card_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ok boolean;
BEGIN
    IF NEW.kind <> 'red' OR @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    IF NEW.incident_id IS NULL THEN
        ok := NOT EXISTS (SELECT FROM @extschema@.application a
                            JOIN @extschema@.approval_item i ON i.tenant_id = a.tenant_id AND i.item_id = a.item_id
                           WHERE a.tenant_id = NEW.tenant_id AND a.application_id = NEW.application_id
                             AND (EXISTS (SELECT FROM @extschema@.process_step ps
                                           WHERE ps.tenant_id = i.tenant_id AND ps.process_id = i.process_id)
                                  OR EXISTS (SELECT FROM @extschema@.power_duty pd
                                              WHERE pd.tenant_id = i.tenant_id AND pd.power_id = i.power_id)));
    ELSE
        ok := EXISTS (SELECT FROM @extschema@.incident x JOIN @extschema@.application a
                                   ON a.tenant_id = x.tenant_id AND a.ref = x.work_ref
                       WHERE x.tenant_id = NEW.tenant_id AND x.incident_id = NEW.incident_id
                         AND a.application_id = NEW.application_id AND x.source = 'supervision');
    END IF;
    IF NOT ok THEN
        RAISE EXCEPTION 'a red card of application % needs the incident supervise() opens for it', NEW.application_id
            USING ERRCODE = 'check_violation',
                  HINT = 'Let supervise() issue red cards: it opens the incident and records the card together.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.supervision_card_check() IS
    'Trigger: a red card names the incident of the supervision of its application (23514)';
CREATE TRIGGER supervision_card_check BEFORE INSERT ON @extschema@.supervision_card
    FOR EACH ROW EXECUTE FUNCTION @extschema@.supervision_card_check();

-- A tenant's rule overrides the default of its code, of the same kind.
CREATE FUNCTION @extschema@.score_rule_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    k text;
BEGIN
    SELECT d.kind INTO k FROM @extschema@.supervision_score_rule d WHERE d.tenant_id IS NULL AND d.code = NEW.code;
    IF NEW.tenant_id IS NOT NULL AND k IS DISTINCT FROM NEW.kind AND k IS NOT NULL THEN
        RAISE EXCEPTION 'score rule % is a %, not a %', NEW.code, k, NEW.kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A tenant''s row changes the points of a rule of the same code and kind.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.score_rule_check() IS
    'Trigger: a tenant''s score rule keeps the kind of the default it overrides (22023)';
CREATE TRIGGER score_rule_check BEFORE INSERT OR UPDATE ON @extschema@.supervision_score_rule
    FOR EACH ROW EXECUTE FUNCTION @extschema@.score_rule_check();

-- ---------------------------------------------------------------------
-- The monitor.

CREATE FUNCTION @extschema@.supervision_monitor(of_unit bigint DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (status @extschema@.supervision_status, label_en text, label_zh text, applications bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.status, l.label_en, l.label_zh, count(x.application_id)
      FROM unnest(enum_range(NULL::@extschema@.supervision_status)) s(status)
      JOIN @extschema@.label l ON l.domain = 'supervision_status' AND l.code = s.status::text
      LEFT JOIN @extschema@.application_status(supervision_monitor.at, supervision_monitor.of_unit) x ON x.status = s.status
     GROUP BY s.status, l.label_en, l.label_zh
     ORDER BY s.status
$$;
COMMENT ON FUNCTION @extschema@.supervision_monitor(bigint, timestamptz) IS
    'The monitor of a unit and its sub-units (or all) at a moment: how many open applications are green, in reminder, on a yellow card, on a red card, paused or awaiting materials';

CREATE FUNCTION @extschema@.overdue_applications(of_unit bigint DEFAULT NULL, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (application_id bigint, ref text, unit_id bigint, unit_name text, item text,
                   status @extschema@.supervision_status, due_on date, act_by date, workdays_over integer,
                   step_no integer, step_name text, person_id bigint, person_name text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.application_id, s.ref, s.unit_id, u.name, i.title, s.status, s.due_on, s.act_by, s.workdays_over,
           s.step_no, ps.name, st.person_id, p.name
      FROM @extschema@.application_status(overdue_applications.at, overdue_applications.of_unit) s
      JOIN @extschema@.unit u ON u.tenant_id = @extschema@.current_tenant() AND u.unit_id = s.unit_id
      JOIN @extschema@.approval_item i ON i.tenant_id = u.tenant_id AND i.item_id = s.item_id
      LEFT JOIN @extschema@.application_step st ON st.tenant_id = u.tenant_id AND st.application_id = s.application_id
                                              AND st.step_no = s.step_no
      LEFT JOIN @extschema@.process_step ps ON ps.tenant_id = st.tenant_id AND ps.step_id = st.step_id
      LEFT JOIN @extschema@.person p ON p.tenant_id = st.tenant_id AND p.person_id = st.person_id
     WHERE s.status IN ('yellow', 'red')
     ORDER BY s.workdays_over DESC, s.ref
$$;
COMMENT ON FUNCTION @extschema@.overdue_applications(bigint, timestamptz) IS
    'The overdue list of a unit and its sub-units (or all) at a moment: each application on a yellow or red card, its working days over, and the step in progress with who holds it';

CREATE FUNCTION @extschema@.delay_hotspots(of_unit bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (person_id bigint, person_name text, step_id bigint, step_name text,
                   steps bigint, late_steps bigint, workdays_over bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH steps AS (
        SELECT s.person_id, s.step_id, ps.name, a.calendar,
               (coalesce(least(s.done_at, delay_hotspots.to_at), delay_hotspots.to_at) AT TIME ZONE k.time_zone)::date AS end_on,
               @extschema@.deadline((s.started_at AT TIME ZONE k.time_zone)::date, ps.time_limit,
                   coalesce((SELECT range_agg(@extschema@.pause_days(p.during, k.time_zone))
                               FROM @extschema@.application_pause p
                              WHERE p.tenant_id = a.tenant_id AND p.application_id = a.application_id
                                AND NOT upper_inf(p.during)), '{}'), a.calendar) AS due,
               (SELECT min((lower(p.during) AT TIME ZONE k.time_zone)::date) FROM @extschema@.application_pause p
                 WHERE p.tenant_id = a.tenant_id AND p.application_id = a.application_id AND upper_inf(p.during)) AS open_from
          FROM @extschema@.application a
          JOIN @extschema@.calendar k ON k.code = a.calendar
          JOIN @extschema@.application_step s ON s.tenant_id = a.tenant_id AND s.application_id = a.application_id
          JOIN @extschema@.process_step ps ON ps.tenant_id = s.tenant_id AND ps.step_id = s.step_id AND ps.time_limit IS NOT NULL
         WHERE a.tenant_id = @extschema@.current_tenant()
           AND a.unit_id IN (SELECT @extschema@.unit_and_subunits(delay_hotspots.of_unit))
           AND s.started_at >= delay_hotspots.from_at AND s.started_at < delay_hotspots.to_at)
    SELECT s.person_id, p.name, s.step_id, s.name, count(*), count(*) FILTER (WHERE s.late),
           coalesce(sum(@extschema@.workdays_between(s.due, s.end_on, s.calendar)) FILTER (WHERE s.late), 0)
      FROM (SELECT x.*, x.end_on > x.due AND NOT coalesce(x.open_from <= x.due, false) AS late FROM steps x) s JOIN @extschema@.person p ON p.tenant_id = @extschema@.current_tenant() AND p.person_id = s.person_id
     GROUP BY s.person_id, p.name, s.step_id, s.name
     ORDER BY 7 DESC, 6 DESC, 1, 3
$$;
COMMENT ON FUNCTION @extschema@.delay_hotspots(bigint, timestamptz, timestamptz) IS
    'Where delay accumulates in a unit and its sub-units: for each person and process step, the steps started in [from_at, to_at), how many overran the step''s own limit and by how many working days in all (steps still running counted up to to_at; not while a pause runs)';

-- ---------------------------------------------------------------------
-- Unit scores on the 100-point scheme of supervision_score_rule.

CREATE FUNCTION @extschema@.supervision_scores(during daterange, of_unit bigint DEFAULT NULL)
    RETURNS TABLE (unit_id bigint, unit_name text, score numeric, grade text, grade_zh text,
                   decisions bigint, early bigint, bonus numeric, deductions jsonb)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off   -- compiling this plan costs more than running it
    AS $$
    WITH tenant AS (SELECT @extschema@.current_tenant() AS tenant_id),
    rule AS (
        SELECT DISTINCT ON (r.code) r.* FROM @extschema@.supervision_score_rule r, tenant t
         WHERE r.tenant_id = t.tenant_id OR r.tenant_id IS NULL
         ORDER BY r.code, r.tenant_id NULLS LAST),
    units AS (
        SELECT DISTINCT a.unit_id FROM @extschema@.approval_item a, tenant t
         WHERE a.tenant_id = t.tenant_id AND a.unit_id IN (SELECT @extschema@.unit_and_subunits(supervision_scores.of_unit))),
    signal AS (
        SELECT s.unit_id, s.kind::text AS code, count(*) AS n
          FROM @extschema@.supervision_signals(supervision_scores.during, supervision_scores.of_unit) s
         GROUP BY 1, 2),
    loss AS (
        -- Signals: reminders per three, every other signal each.
        SELECT s.unit_id, r.item, r.code, r.label_en, r.label_zh,
               CASE WHEN r.code = 'reminder_run' THEN s.n / 3 ELSE s.n END AS times, r.points
          FROM signal s JOIN rule r ON r.code = CASE s.code WHEN 'reminder' THEN 'reminder_run' ELSE s.code END
                                   AND r.kind = 'deduction'
        UNION ALL
        -- Sanctions decided in the span on the staff of the unit's incidents.
        SELECT i.unit_id, r.item, r.code, r.label_en, r.label_zh, count(*), r.points
          FROM @extschema@.sanction x, tenant t
          JOIN @extschema@.accountability_case c ON c.tenant_id = t.tenant_id
          JOIN @extschema@.incident i ON i.tenant_id = c.tenant_id AND i.incident_id = c.incident_id
          JOIN rule r ON r.kind = 'deduction'
         WHERE x.tenant_id = t.tenant_id AND c.case_id = x.case_id AND r.code = 'sanction:' || x.kind
           AND x.superseded_at IS NULL
           AND (x.decided_at AT TIME ZONE (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = 'cn'))::date <@ supervision_scores.during
           AND i.unit_id IN (SELECT u.unit_id FROM units u)
         GROUP BY i.unit_id, r.item, r.code, r.label_en, r.label_zh, r.points
        UNION ALL
        -- Deductions entered by hand.
        SELECT e.unit_id, e.item, 'entry', e.note, e.note, 1, e.points
          FROM @extschema@.supervision_score_entry e, tenant t
         WHERE e.tenant_id = t.tenant_id AND e.month <@ supervision_scores.during
           AND e.unit_id IN (SELECT u.unit_id FROM units u)),
    decided AS (
        SELECT a.unit_id, count(*) AS decisions,
               count(*) FILTER (WHERE (a.decided_at AT TIME ZONE k.time_zone)::date < a.due_on) AS early
          FROM @extschema@.application a JOIN @extschema@.calendar k ON k.code = a.calendar, tenant t
         WHERE a.tenant_id = t.tenant_id AND a.outcome IN ('granted', 'refused')
           AND (lower(supervision_scores.during) IS NULL
                OR a.decided_at >= (lower(supervision_scores.during) - 1)::timestamp AT TIME ZONE 'UTC')
           AND (upper(supervision_scores.during) IS NULL
                OR a.decided_at < (upper(supervision_scores.during) + 1)::timestamp AT TIME ZONE 'UTC')
           AND (a.decided_at AT TIME ZONE k.time_zone)::date <@ supervision_scores.during
           AND a.unit_id IN (SELECT u.unit_id FROM units u)
         GROUP BY a.unit_id),
    scored AS (
        SELECT u.unit_id,
               coalesce((SELECT sum(l.times * l.points) FROM loss l WHERE l.unit_id = u.unit_id), 0) AS lost,
               coalesce(d.decisions, 0) AS decisions, coalesce(d.early, 0) AS early,
               coalesce(floor(10 * d.early / nullif(d.decisions, 0)::numeric)
                        * (SELECT r.points FROM rule r WHERE r.kind = 'bonus' AND r.code = 'early_finish'), 0) AS bonus,
               coalesce((SELECT jsonb_agg(jsonb_build_object('item', l.item, 'code', l.code, 'label_en', l.label_en,
                                                             'label_zh', l.label_zh, 'times', l.times,
                                                             'points', l.times * l.points) ORDER BY l.item, l.code)
                           FROM loss l WHERE l.unit_id = u.unit_id AND l.times > 0), '[]') AS deductions
          FROM units u LEFT JOIN decided d ON d.unit_id = u.unit_id),
    total AS (
        SELECT s.*, greatest(0, (SELECT sum(r.points) FROM rule r WHERE r.kind = 'item') + s.lost + s.bonus) AS score
          FROM scored s)
    SELECT x.unit_id, un.name, x.score, g.code, g.label_zh, x.decisions, x.early, x.bonus, x.deductions
      FROM total x, tenant t
      JOIN @extschema@.unit un ON un.tenant_id = t.tenant_id,
           LATERAL (SELECT v.code, v.label_zh FROM (VALUES
                (1, 'excellent', '优秀', @extschema@.supervision_setting(t.tenant_id, 'grade_excellent')),
                (2, 'good', '良好', @extschema@.supervision_setting(t.tenant_id, 'grade_good')),
                (3, 'pass', '合格', @extschema@.supervision_setting(t.tenant_id, 'grade_pass')),
                (4, 'fail', '不合格', NULL)) v(ord, code, label_zh, cut)
                     WHERE x.score >= coalesce(v.cut, 0) ORDER BY v.ord LIMIT 1) g
     WHERE un.unit_id = x.unit_id
     ORDER BY x.score DESC, x.unit_id
$$;
COMMENT ON FUNCTION @extschema@.supervision_scores(daterange, bigint) IS
    'Unit scores of the supervision over a span of days (a month, a quarter) for the units with approval items (of a unit and its sub-units, or all): 100 points less the deductions of the span''s signals (three reminders, each yellow and red card, step overrun, refusal without reasons, illegal fee, late notice), of the sanctions decided on the staff of the unit''s incidents and of the supervisors'' entries, plus 1 per 10% of decisions made before their deadline; with the grade 优秀/良好/合格/不合格 and each deduction in English and Chinese';

-- ---------------------------------------------------------------------
-- Audits, findings and circulated criticism (S3).

CREATE FUNCTION @extschema@.finding_incident(finding_id bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    f record;
    inc bigint;
BEGIN
    SELECT x.*, a.unit_id, a.kind AS audit_kind, a.title AS audit_title INTO f
      FROM @extschema@.audit_finding x
      JOIN @extschema@.audit a ON a.tenant_id = x.tenant_id AND a.audit_id = x.audit_id
     WHERE x.tenant_id = @extschema@.current_tenant() AND x.finding_id = finding_incident.finding_id
       FOR UPDATE OF x;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'finding % does not exist', finding_id USING ERRCODE = 'no_data_found';
    END IF;
    IF f.incident_id IS NOT NULL THEN
        RETURN f.incident_id;
    END IF;
    IF f.duty_id IS NULL THEN
        RAISE EXCEPTION 'finding % names no duty: an incident needs the duty that failed', finding_id
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Set audit_finding.duty_id to the duty concerned.';
    END IF;
    INSERT INTO @extschema@.incident (tenant_id, occurred_at, unit_id, title, category,
                                      severity, duty_id, source)
    VALUES (f.tenant_id, least(f.found_on::timestamp AT TIME ZONE (SELECT k.time_zone FROM @extschema@.calendar k WHERE k.code = 'cn'), now()), f.unit_id,
            format('%s finding: %s (%s)', f.audit_kind, f.description, f.audit_title), 'other',
            CASE f.severity WHEN 'severe' THEN 'serious' ELSE 'general' END::@extschema@.severity_tier,
            f.duty_id, f.audit_kind)
    RETURNING incident.incident_id INTO inc;
    UPDATE @extschema@.audit_finding x SET incident_id = inc
     WHERE x.tenant_id = f.tenant_id AND x.finding_id = f.finding_id;
    RETURN inc;
END
$$;
COMMENT ON FUNCTION @extschema@.finding_incident(bigint) IS
    'Opens an incident for back-trace from an audit or inspection finding (A5), once: its duty, its unit, source audit or inspection, serious when the finding is severe; returns it';

CREATE FUNCTION @extschema@.audit_findings(of_unit bigint DEFAULT NULL, on_day date DEFAULT CURRENT_DATE)
    RETURNS TABLE (finding_id bigint, audit_id bigint, unit_id bigint, kind text, severity @extschema@.finding_severity,
                   duty_id bigint, description text, rectify_by date, rectified_on date, status text, status_zh text,
                   days_overdue integer, incident_id bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT f.finding_id, f.audit_id, a.unit_id, f.kind, f.severity, f.duty_id, f.description, f.rectify_by,
           CASE WHEN f.rectified_on <= audit_findings.on_day THEN f.rectified_on END,
           s.status, s.status_zh,
           CASE WHEN s.status = 'overdue' THEN audit_findings.on_day - f.rectify_by END,
           f.incident_id
      FROM @extschema@.audit_finding f
      JOIN @extschema@.audit a ON a.tenant_id = f.tenant_id AND a.audit_id = f.audit_id,
           LATERAL (SELECT CASE WHEN f.rectified_on <= audit_findings.on_day AND f.rectified_on <= f.rectify_by THEN 'rectified'
                                WHEN f.rectified_on <= audit_findings.on_day THEN 'rectified_late'
                                WHEN audit_findings.on_day > f.rectify_by THEN 'overdue'
                                ELSE 'rectifying' END AS status) s0,
           LATERAL (SELECT s0.status, CASE s0.status WHEN 'rectified' THEN '已整改' WHEN 'rectified_late' THEN '逾期整改'
                                                     WHEN 'overdue' THEN '逾期未整改' ELSE '整改中' END AS status_zh) s
     WHERE f.tenant_id = @extschema@.current_tenant() AND f.found_on <= audit_findings.on_day
       AND a.unit_id IN (SELECT @extschema@.unit_and_subunits(audit_findings.of_unit))
     ORDER BY f.rectify_by, f.finding_id
$$;
COMMENT ON FUNCTION @extschema@.audit_findings(bigint, date) IS
    'Findings of the audits and inspections of a unit and its sub-units (or all) as of a day, each with its rectification status: rectifying 整改中, rectified 已整改, rectified late 逾期整改, overdue 逾期未整改 (with days overdue)';

CREATE FUNCTION @extschema@.circulate_criticism(during daterange, issued_on date DEFAULT CURRENT_DATE)
    RETURNS SETOF @extschema@.circulated_criticism
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.circulated_criticism (unit_id, period, basis, finding_id, reason_en, reason_zh, issued_on)
    SELECT s.unit_id, circulate_criticism.during, 'supervision_grade', NULL,
           format('failed the supervision of approvals of %s to %s with %s points', lower(circulate_criticism.during),
                  upper(circulate_criticism.during) - 1, s.score),
           format('%s至%s行政审批电子监察考核得分 %s，评定为不合格', lower(circulate_criticism.during),
                  upper(circulate_criticism.during) - 1, s.score),
           circulate_criticism.issued_on
      FROM @extschema@.supervision_scores(circulate_criticism.during) s
     WHERE s.grade = 'fail'
    UNION ALL
    SELECT f.unit_id, circulate_criticism.during, 'overdue_finding', f.finding_id,
           format('did not rectify by %s: %s', f.rectify_by, f.description),
           format('未在 %s 前完成整改：%s', f.rectify_by, f.description),
           circulate_criticism.issued_on
      FROM @extschema@.audit_findings(NULL, upper(circulate_criticism.during) - 1) f
      JOIN @extschema@.unit u ON u.tenant_id = @extschema@.current_tenant() AND u.unit_id = f.unit_id
     WHERE f.severity >= 'major' AND f.rectify_by <@ circulate_criticism.during
       AND f.status IN ('overdue', 'rectified_late')
    ON CONFLICT DO NOTHING
    RETURNING *
$$;
COMMENT ON FUNCTION @extschema@.circulate_criticism(daterange, date) IS
    'Issues the circulated criticisms (通报批评) of a period, once each: every unit graded 不合格 by the supervision of approvals, and every unit with a major or severe finding due in the period and not rectified on time; returns those it issued';

CREATE FUNCTION @extschema@.announcements(during daterange)
    RETURNS TABLE (issued_on date, unit_id bigint, unit_name text, kind text, kind_zh text, text_en text, text_zh text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT c.issued_on, c.unit_id, u.name, 'circulated criticism', '通报批评',
           format('Circulated criticism of %s, which %s.', u.name, c.reason_en),
           format('对%s予以通报批评：%s。', u.name, c.reason_zh)
      FROM @extschema@.circulated_criticism c
      JOIN @extschema@.unit u ON u.tenant_id = c.tenant_id AND u.unit_id = c.unit_id
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.issued_on <@ announcements.during
     ORDER BY c.issued_on, u.name, c.criticism_id
$$;
COMMENT ON FUNCTION @extschema@.announcements(daterange) IS
    'The announcements of a period: each circulated criticism (通报批评) issued in it, in English and Chinese';
-- The assessment engine (P1-P4, S1; rules.md §1) over the tables of
-- 69_assessment.sql: the rules on writes (triggers), the inputs of a period
-- as one view, grades with caps and the excellent quota, their explanation,
-- finalisation, consequences and the assessors' own accountability.  The
-- scores themselves are the C aggregates of 52_scoring_aggregates.sql.

INSERT INTO @extschema@.label (domain, code, label_en, label_zh) VALUES
    ('grade_cap', 'refused', 'refused to be assessed: incompetent', '无正当理由不参加考核，定为不称职'),
    ('grade_cap', 'probation', 'on probation: no grade', '试用期，不定等次'),
    ('grade_cap', 'long_leave', 'away more than half the period: no grade', '休假等超过考核期一半，不定等次'),
    ('grade_cap', 'under_investigation', 'under investigation: no grade until the case ends', '立案调查中，暂不定等次'),
    ('grade_cap', 'sanction_period', 'in a sanction period: comments only, no grade', '处分期内，只写评语不定等次'),
    ('grade_cap', 'sanction_this_and_next_year', 'major sanction this year or last: no grade', '受记大过以上处分当年及次年不定等次'),
    ('grade_cap', 'sanction_this_year', 'removed, ordered to resign or resigned this year: no grade', '当年受免职、责令辞职等，不定等次'),
    ('grade_cap', 'sanction_not_excellent', 'warned or admonished this year: not excellent', '当年受警告、诫勉等，不得评为优秀'),
    ('grade_cap', 'valid_complaints', 'two or more valid complaints this year: at most basically competent', '一年内有效投诉两次以上，不得评为称职'),
    ('grade_cap', 'insufficient_sources', 'no source with enough raters: no grade', '评议人数不足，不定等次'),
    ('grade_cap', 'over_quota', 'excellent score beyond the quota: competent', '超出优秀比例，定为称职'),
    ('grade_cap', 'quota_tie', 'tied at the quota boundary: competent until the committee decides', '在优秀比例边界并列，待考核委员会决定'),
    ('assessor_finding', 'far_from_source', 'scores far from the source''s mean', '打分明显偏离同类评议人'),
    ('assessor_finding', 'same_score_for_all', 'the same score for everyone', '对所有人打同一分数');

-- ---------------------------------------------------------------------
-- Schemes: checked when activated, never changed afterwards.

CREATE FUNCTION @extschema@.scheme_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.active THEN
        RAISE EXCEPTION 'scheme % (% version %) is active and cannot change', OLD.scheme_id, OLD.code, OLD.version
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Make a new version of the scheme (a new row with the next version) and use it for the next period.';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NOT (NEW.scale_min <= NEW.basic_min AND NEW.basic_min <= NEW.competent_min
            AND NEW.competent_min <= NEW.excellent_min AND NEW.excellent_min <= NEW.scale_max) THEN
        RAISE EXCEPTION 'the cut-offs of scheme % are out of order: need % <= basic % <= competent % <= excellent % <= %',
            NEW.code, NEW.scale_min, NEW.basic_min, NEW.competent_min, NEW.excellent_min, NEW.scale_max
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Grades rank scores at up to 6 digits in 64-bit integers (grading.c).
    IF NOT (NEW.scale_min > -1e12 AND NEW.scale_max < 1e12) THEN
        RAISE EXCEPTION 'the scale % to % of scheme % reaches beyond 10^12', NEW.scale_min, NEW.scale_max, NEW.code
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Scores are ranked when they are below 10^12 in absolute value.';
    END IF;
    IF NOT (NEW.excellent_quota >= 0 AND NEW.excellent_quota <= NEW.excellent_ceiling AND NEW.excellent_ceiling <= 1) THEN
        RAISE EXCEPTION 'the excellent quota % of scheme % must lie between 0 and its ceiling % (at most 1)',
            NEW.excellent_quota, NEW.code, NEW.excellent_ceiling
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.active THEN
        SELECT count(*) AS sources, coalesce(sum(weight), 0) AS weights
          INTO s FROM @extschema@.scheme_source
         WHERE tenant_id = NEW.tenant_id AND scheme_id = NEW.scheme_id;
        IF s.sources > 16 OR EXISTS (SELECT FROM @extschema@.scheme_source x
                                      WHERE x.tenant_id = NEW.tenant_id AND x.scheme_id = NEW.scheme_id
                                        AND octet_length(x.code) NOT BETWEEN 1 AND 63) THEN
            RAISE EXCEPTION 'scheme % has % sources: at most 16, each named by 1 to 63 bytes', NEW.code, s.sources
                USING ERRCODE = 'program_limit_exceeded';
        END IF;
        IF s.sources = 0 OR abs(s.weights - 1) > 1e-9 THEN
            RAISE EXCEPTION 'the source weights of scheme % sum to %, not 1', NEW.code, s.weights
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Give the scheme its sources (scheme_source) with weights that sum to 1, e.g. 0.5, 0.3, 0.2.';
        END IF;
        SELECT count(*) AS dims, coalesce(sum(weight), 0) AS weights
          INTO s FROM @extschema@.scheme_dimension
         WHERE tenant_id = NEW.tenant_id AND scheme_id = NEW.scheme_id;
        IF s.dims > 0 AND abs(s.weights - 1) > 1e-9 THEN
            RAISE EXCEPTION 'the dimension weights of scheme % sum to %, not 1', NEW.code, s.weights
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'The default dimensions weigh 德 0.15, 能 0.10, 勤 0.30, 绩 0.30, 廉 0.15.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER scheme_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_scheme
    FOR EACH ROW EXECUTE FUNCTION @extschema@.scheme_check();

CREATE FUNCTION @extschema@.scheme_part_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r record := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    act boolean;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    -- FOR SHARE: a part written while the scheme is being activated waits,
    -- and is then refused; an activation waits for the parts being written.
    SELECT s.active INTO act FROM @extschema@.assessment_scheme s
     WHERE s.tenant_id = r.tenant_id AND s.scheme_id = r.scheme_id FOR SHARE;
    IF TG_OP = 'UPDATE' AND NOT coalesce(act, false) THEN
        SELECT s.active INTO act FROM @extschema@.assessment_scheme s
         WHERE s.tenant_id = OLD.tenant_id AND s.scheme_id = OLD.scheme_id FOR SHARE;
    END IF;
    IF act THEN
        RAISE EXCEPTION 'scheme % is active: its % cannot change', r.scheme_id, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Make a new version of the scheme.';
    END IF;
    RETURN r;
END
$$;
CREATE TRIGGER scheme_part_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.scheme_dimension
    FOR EACH ROW EXECUTE FUNCTION @extschema@.scheme_part_guard();
CREATE TRIGGER scheme_part_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.scheme_source
    FOR EACH ROW EXECUTE FUNCTION @extschema@.scheme_part_guard();

CREATE FUNCTION @extschema@.create_default_scheme(code text, name text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    id bigint;
BEGIN
    INSERT INTO @extschema@.assessment_scheme (code, version, name)
    VALUES (create_default_scheme.code,
            coalesce((SELECT max(s.version) + 1 FROM @extschema@.assessment_scheme s
                       WHERE s.tenant_id = @extschema@.current_tenant() AND s.code = create_default_scheme.code), 1),
            coalesce(create_default_scheme.name, 'Annual assessment (default scheme)'))
    RETURNING scheme_id INTO id;
    INSERT INTO @extschema@.scheme_dimension (scheme_id, code, label_en, label_zh, weight) VALUES
        (id, 'de', 'integrity of conduct', '德', 0.15),
        (id, 'neng', 'ability', '能', 0.10),
        (id, 'qin', 'diligence', '勤', 0.30),
        (id, 'ji', 'results', '绩', 0.30),
        (id, 'lian', 'probity', '廉', 0.15);
    INSERT INTO @extschema@.scheme_source (scheme_id, code, label_en, label_zh, feed, weight, min_raters) VALUES
        (id, 'leaders', 'leaders', '领导评价', 'raters', 0.5, 3),
        (id, 'colleagues', 'colleagues and the public', '同事和群众评议', 'raters', 0.3, 3),
        (id, 'service_recipients', 'service recipients', '服务对象评价', 'raters', 0.2, 3);
    RETURN id;
END
$$;
COMMENT ON FUNCTION @extschema@.create_default_scheme(text, text) IS
    'A draft scheme with the defaults of rules.md §1: dimensions 德 0.15, 能 0.10, 勤 0.30, 绩 0.30, 廉 0.15; sources leaders 0.5, colleagues and the public 0.3, service recipients 0.2, at least 3 raters each [U]; trimming one score at each end; cut-offs 90/70/60 of 100; quota 15%, ceiling 20%.  The next version of the code if it exists; adjust it, then activate_scheme()';

CREATE FUNCTION @extschema@.activate_scheme(scheme_id bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    UPDATE @extschema@.assessment_scheme s SET active = true
     WHERE s.tenant_id = @extschema@.current_tenant() AND s.scheme_id = activate_scheme.scheme_id AND NOT s.active;
    IF NOT FOUND AND NOT EXISTS (SELECT FROM @extschema@.assessment_scheme s
                                  WHERE s.tenant_id = @extschema@.current_tenant() AND s.scheme_id = activate_scheme.scheme_id) THEN
        RAISE EXCEPTION 'scheme % does not exist', activate_scheme.scheme_id USING ERRCODE = 'undefined_object';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.activate_scheme(bigint) IS
    'Checks a draft scheme (source weights sum to 1, dimension weights sum to 1, cut-offs in order, quota under its ceiling) and makes it active, after which it never changes; nothing for a scheme already active';

-- ---------------------------------------------------------------------
-- Periods and who is assessed.

-- A finalised period accepts no change to its inputs.  The period's row is
-- locked (FOR KEY SHARE) for the rest of the transaction, so that a
-- finalisation (FOR UPDATE) waits for the inputs being written, and an
-- input written during a finalisation waits for it and then sees it.
CREATE FUNCTION @extschema@.period_must_be_open(tenant_id integer, period_id bigint, what text) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    done boolean;
BEGIN
    SELECT p.finalised INTO done FROM @extschema@.assessment_period p
     WHERE p.tenant_id = period_must_be_open.tenant_id AND p.period_id = period_must_be_open.period_id
       FOR KEY SHARE;
    IF done THEN
        RAISE EXCEPTION 'period % is finalised: % refused', period_must_be_open.period_id, what
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Reopen the period with reopen_period(), giving the reason, then finalise it again.';
    END IF;
END
$$;

CREATE FUNCTION @extschema@.period_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s record;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP = 'UPDATE' AND @extschema@.engine_writing() THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE'
       AND (NEW.finalised IS DISTINCT FROM OLD.finalised OR NEW.digest IS DISTINCT FROM OLD.digest) THEN
        RAISE EXCEPTION 'a period is finalised and reopened only through finalise_period() and reopen_period()'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM @extschema@.period_must_be_open(OLD.tenant_id, OLD.period_id, TG_OP || ' of the period');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    SELECT * INTO s FROM @extschema@.assessment_scheme
     WHERE tenant_id = NEW.tenant_id AND scheme_id = NEW.scheme_id;
    IF NOT s.active THEN
        RAISE EXCEPTION 'scheme % (%) is a draft: a period needs an active scheme', s.scheme_id, s.code
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'activate_scheme() checks it and makes it active.';
    END IF;
    IF NEW.excellent_quota > s.excellent_ceiling THEN
        RAISE EXCEPTION 'the excellent quota % of period % is above the scheme''s ceiling %',
            NEW.excellent_quota, NEW.period_id, s.excellent_ceiling
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.kind, NEW.span, NEW.scheme_id) IS DISTINCT FROM (OLD.kind, OLD.span, OLD.scheme_id)
       AND EXISTS (SELECT FROM @extschema@.assessment_subject a
                    WHERE a.tenant_id = OLD.tenant_id AND a.period_id = OLD.period_id) THEN
        RAISE EXCEPTION 'period % has subjects: its kind, span and scheme no longer change', OLD.period_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Make another period, or remove its subjects (and their inputs) first.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER period_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_period
    FOR EACH ROW EXECUTE FUNCTION @extschema@.period_check();

CREATE FUNCTION @extschema@.subject_fill() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM @extschema@.period_must_be_open(OLD.tenant_id, OLD.period_id, TG_OP || ' of a subject');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    PERFORM @extschema@.period_must_be_open(NEW.tenant_id, NEW.period_id, TG_OP || ' of a subject');
    SELECT p.kind, p.span INTO NEW.kind, NEW.span FROM @extschema@.assessment_period p
     WHERE p.tenant_id = NEW.tenant_id AND p.period_id = NEW.period_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER subject_fill BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_subject
    FOR EACH ROW EXECUTE FUNCTION @extschema@.subject_fill();

CREATE FUNCTION @extschema@.enrol_period(period_id bigint) RETURNS integer
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p record;
    n integer;
BEGIN
    SELECT * INTO p FROM @extschema@.assessment_period a
     WHERE a.tenant_id = @extschema@.current_tenant() AND a.period_id = enrol_period.period_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'period % does not exist', enrol_period.period_id USING ERRCODE = 'undefined_object';
    END IF;
    WITH RECURSIVE tree AS (
        SELECT u.unit_id FROM @extschema@.unit u WHERE u.tenant_id = p.tenant_id AND u.unit_id = p.unit_id
        UNION
        SELECT u.unit_id FROM @extschema@.unit u JOIN tree t ON u.parent_id = t.unit_id WHERE u.tenant_id = p.tenant_id),
    held AS (
        SELECT DISTINCT ON (a.person_id) a.person_id, a.position_id
          FROM @extschema@.assignment a
          JOIN @extschema@.position po ON po.tenant_id = a.tenant_id AND po.position_id = a.position_id
          JOIN tree t ON t.unit_id = po.unit_id
         WHERE a.tenant_id = p.tenant_id AND a.tenure IN ('holder', 'acting')
           AND a.during && tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz)
         ORDER BY a.person_id,
                  upper(a.during * tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz))
                - lower(a.during * tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz)) DESC,
                  a.position_id)
    INSERT INTO @extschema@.assessment_subject (tenant_id, period_id, person_id, position_id, kind, span)
    SELECT p.tenant_id, p.period_id, h.person_id, h.position_id, p.kind, p.span
      FROM held h
     WHERE NOT EXISTS (SELECT FROM @extschema@.assessment_subject s
                        WHERE s.tenant_id = p.tenant_id AND s.person_id = h.person_id
                          AND s.kind = p.kind AND s.span && p.span);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.enrol_period(bigint) IS
    'Adds to a period everyone who held or acted in a post of its unit or a sub-unit during the period (with the post held longest), unless already assessed in a period of the same kind that overlaps; returns how many were added';

-- ---------------------------------------------------------------------
-- Inputs: the scale, self-rating and finalised periods are checked on write.

CREATE FUNCTION @extschema@.evaluation_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    sc record;
    so record;
    dim record;
    total float8 := 0;
    v float8;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM @extschema@.period_must_be_open(OLD.tenant_id, OLD.period_id, TG_OP || ' of ' || TG_TABLE_NAME);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    PERFORM @extschema@.period_must_be_open(NEW.tenant_id, NEW.period_id, TG_OP || ' of ' || TG_TABLE_NAME);
    SELECT s.* INTO sc FROM @extschema@.assessment_period p
      JOIN @extschema@.assessment_scheme s ON s.tenant_id = p.tenant_id AND s.scheme_id = p.scheme_id
     WHERE p.tenant_id = NEW.tenant_id AND p.period_id = NEW.period_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'period % does not exist', NEW.period_id USING ERRCODE = 'undefined_object';
    END IF;
    IF TG_TABLE_NAME = 'target_result' THEN
        IF NOT EXISTS (SELECT FROM @extschema@.scheme_source s
                        WHERE s.tenant_id = sc.tenant_id AND s.scheme_id = sc.scheme_id AND s.feed = 'targets') THEN
            RAISE EXCEPTION 'scheme % has no source fed by the duties'' targets', sc.code
                USING ERRCODE = 'undefined_object', HINT = 'Give the scheme a source with feed ''targets''.';
        END IF;
        -- An indicator is a duty of the person's post (R2, P1): owned by a
        -- post they held or acted in, at some time in the period.
        IF NOT EXISTS (
               SELECT FROM @extschema@.assessment_period p
                 JOIN @extschema@.duty_owner o ON o.tenant_id = p.tenant_id
                 JOIN @extschema@.assignment a ON a.tenant_id = o.tenant_id AND a.position_id = o.position_id
                WHERE p.tenant_id = NEW.tenant_id AND p.period_id = NEW.period_id
                  AND o.duty_id = (to_jsonb(NEW) ->> 'duty_id')::bigint AND a.person_id = NEW.person_id
                  AND o.during && a.during
                  AND o.during * a.during && tstzrange(lower(p.span)::timestamptz, upper(p.span)::timestamptz)) THEN
            RAISE EXCEPTION 'duty % is not a duty of a post person % held during period %',
                (to_jsonb(NEW) ->> 'duty_id'), NEW.person_id, NEW.period_id
                USING ERRCODE = 'check_violation',
                      HINT = 'A target result is scored against the duties of the person''s own post (duty_owner).';
        END IF;
    END IF;
    IF TG_TABLE_NAME = 'evaluation' THEN
        SELECT * INTO so FROM @extschema@.scheme_source s
         WHERE s.tenant_id = sc.tenant_id AND s.scheme_id = sc.scheme_id AND s.code = NEW.source AND s.feed = 'raters';
        IF NOT FOUND THEN
            RAISE EXCEPTION 'scheme % has no source "%" scored by raters', sc.code, NEW.source
                USING ERRCODE = 'undefined_object';
        END IF;
        IF NEW.rater_id = NEW.person_id AND NOT so.allows_self THEN
            RAISE EXCEPTION 'person % may not rate themselves in source "%"', NEW.person_id, NEW.source
                USING ERRCODE = 'check_violation', HINT = 'Self-assessment goes to a source that allows it.';
        END IF;
        IF NEW.dimension_scores IS NOT NULL THEN
            IF jsonb_typeof(NEW.dimension_scores) <> 'object' THEN
                RAISE EXCEPTION 'dimension_scores must be a JSON object of dimension codes and scores'
                    USING ERRCODE = 'invalid_parameter_value';
            END IF;
            FOR dim IN SELECT k.key FROM jsonb_each(NEW.dimension_scores) k
                        WHERE NOT EXISTS (SELECT FROM @extschema@.scheme_dimension d
                                           WHERE d.tenant_id = sc.tenant_id AND d.scheme_id = sc.scheme_id AND d.code = k.key) LOOP
                RAISE EXCEPTION 'scheme % has no dimension "%"', sc.code, dim.key USING ERRCODE = 'undefined_object';
            END LOOP;
            FOR dim IN SELECT d.code, d.weight FROM @extschema@.scheme_dimension d
                        WHERE d.tenant_id = sc.tenant_id AND d.scheme_id = sc.scheme_id ORDER BY d.code LOOP
                IF jsonb_typeof(NEW.dimension_scores -> dim.code) IS DISTINCT FROM 'number' THEN
                    RAISE EXCEPTION 'the score of dimension "%" is missing or not a number', dim.code
                        USING ERRCODE = 'invalid_parameter_value';
                END IF;
                v := (NEW.dimension_scores ->> dim.code)::float8;
                IF v < sc.scale_min OR v > sc.scale_max THEN
                    RAISE EXCEPTION 'score % of dimension "%" is outside the scale % to % of scheme %',
                        v, dim.code, sc.scale_min, sc.scale_max, sc.code
                        USING ERRCODE = 'numeric_value_out_of_range';
                END IF;
                total := total + dim.weight * v;
            END LOOP;
            NEW.score := total;
        END IF;
    END IF;
    IF NEW.score IS NULL OR NEW.score < sc.scale_min OR NEW.score > sc.scale_max OR NEW.score = 'NaN' THEN
        RAISE EXCEPTION 'score % is outside the scale % to % of scheme %', NEW.score, sc.scale_min, sc.scale_max, sc.code
            USING ERRCODE = 'numeric_value_out_of_range';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER evaluation_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.evaluation
    FOR EACH ROW EXECUTE FUNCTION @extschema@.evaluation_check();
CREATE TRIGGER evaluation_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.target_result
    FOR EACH ROW EXECUTE FUNCTION @extschema@.evaluation_check();

-- Inputs kept by person and date (memos, training, window ratings,
-- complaints) change only outside the person's finalised periods.
CREATE FUNCTION @extschema@.dated_input_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r record;
    d date;
    p bigint;
BEGIN
    IF TG_OP = 'INSERT' AND @extschema@.case_restoring() THEN
        RETURN NEW;  -- a restore loads rows as they were
    END IF;
    FOREACH r IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END LOOP
        d := CASE TG_TABLE_NAME
                 WHEN 'work_memo' THEN (to_jsonb(r) ->> 'day')::date
                 WHEN 'training_record' THEN (to_jsonb(r) ->> 'completed_on')::date
                 WHEN 'window_rating' THEN (to_jsonb(r) ->> 'rated_at')::timestamptz::date
                 ELSE (to_jsonb(r) ->> 'received_at')::timestamptz::date END;
        FOR p IN SELECT s.period_id FROM @extschema@.assessment_subject s
                  WHERE s.tenant_id = r.tenant_id AND s.person_id = (to_jsonb(r) ->> 'person_id')::bigint
                    AND s.span @> d
                  ORDER BY s.period_id LOOP
            PERFORM @extschema@.period_must_be_open(r.tenant_id, p, TG_OP || ' of ' || TG_TABLE_NAME || ' dated ' || d);
        END LOOP;
    END LOOP;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.work_memo
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.training_record
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.window_rating
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();
CREATE TRIGGER dated_input_check BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.complaint
    FOR EACH ROW EXECUTE FUNCTION @extschema@.dated_input_check();

-- Every score a period counts, whatever its feed: one row per score, with
-- its source's weight, minimum and the scheme's trim.  A view, so that the
-- planner reaches the tables' indexes (and parallel scans) through it; it
-- runs with the caller's rights, under row-level security.
CREATE VIEW @extschema@.assessment_input WITH (security_invoker = true) AS
SELECT e.tenant_id, e.period_id, e.person_id, e.source, 'evaluation'::text AS origin, e.rater_id AS rater,
       e.score, so.weight, so.min_raters, sc.trim_each
  FROM @extschema@.evaluation e
  JOIN @extschema@.assessment_period ap ON ap.tenant_id = e.tenant_id AND ap.period_id = e.period_id
  JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
  JOIN @extschema@.scheme_source so ON so.tenant_id = ap.tenant_id AND so.scheme_id = ap.scheme_id AND so.code = e.source
UNION ALL
SELECT t.tenant_id, t.period_id, t.person_id, so.code, 'target_result', t.duty_id, t.score, so.weight, so.min_raters, sc.trim_each
  FROM @extschema@.target_result t
  JOIN @extschema@.assessment_period ap ON ap.tenant_id = t.tenant_id AND ap.period_id = t.period_id
  JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
  JOIN @extschema@.scheme_source so ON so.tenant_id = ap.tenant_id AND so.scheme_id = ap.scheme_id AND so.feed = 'targets'
UNION ALL
-- The feeds kept by person and date count in the periods whose span holds
-- their day, through a source of their feed.
SELECT s.tenant_id, s.period_id, s.person_id, so.code, d.origin, d.id, d.score, so.weight, so.min_raters, sc.trim_each
  FROM (SELECT m.tenant_id, m.person_id, 'memos' AS feed, 'work_memo' AS origin, m.memo_id AS id, m.day, m.review_score AS score
          FROM @extschema@.work_memo m WHERE m.review_score IS NOT NULL
        UNION ALL
        SELECT r.tenant_id, r.person_id, 'training', 'training_record', r.training_id, r.completed_on, r.result_score
          FROM @extschema@.training_record r WHERE r.result_score IS NOT NULL
        UNION ALL
        SELECT w.tenant_id, w.person_id, 'service_window', 'window_rating', w.rating_id, w.rated_at::date, w.score
          FROM @extschema@.window_rating w) d
  JOIN @extschema@.assessment_subject s ON s.tenant_id = d.tenant_id AND s.person_id = d.person_id AND d.day <@ s.span
  JOIN @extschema@.assessment_period ap ON ap.tenant_id = s.tenant_id AND ap.period_id = s.period_id
  JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
  JOIN @extschema@.scheme_source so ON so.tenant_id = ap.tenant_id AND so.scheme_id = ap.scheme_id AND so.feed = d.feed;
COMMENT ON VIEW @extschema@.assessment_input IS
    'Every score a period counts, one row each: evaluations by raters, target results (the duty is the rater), the superior''s memo reviews, training results and service-window ratings of the period''s span, with the weight and minimum of their source and the scheme''s trim; under the caller''s row-level security';

-- The same, each rater's scores shifted so that their mean is their
-- source's mean (for schemes that normalise raters).
CREATE VIEW @extschema@.assessment_input_normalised WITH (security_invoker = true) AS
SELECT i.tenant_id, i.period_id, i.person_id, i.source, i.origin, i.rater,
       i.score - avg(i.score) OVER (PARTITION BY i.tenant_id, i.period_id, i.source, i.origin, i.rater)
               + avg(i.score) OVER (PARTITION BY i.tenant_id, i.period_id, i.source) AS score,
       i.weight, i.min_raters, i.trim_each, i.score AS raw_score
  FROM @extschema@.assessment_input i;
COMMENT ON VIEW @extschema@.assessment_input_normalised IS
    'The scores of assessment_input with each rater''s scores shifted so that their mean in the period is their source''s mean (per-rater normalisation); raw_score is the score as given';

-- ---------------------------------------------------------------------
-- Grades.

-- The caps of a period: every rule that limits a subject's grade, with the
-- grade it allows at most.  Set-based over the cohort (one pass over each
-- table), so a large period costs a few joins, not a probe per person.
CREATE FUNCTION @extschema@.grade_caps(period_id bigint)
    RETURNS TABLE (person_id bigint, rule text, at_most @extschema@.grade, detail text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off  -- compiling its large plan costs more than running it
    AS $$
    WITH p AS (
        SELECT ap.tenant_id, ap.period_id, ap.span, tstzrange(lower(ap.span)::timestamptz, upper(ap.span)::timestamptz) AS r
          FROM @extschema@.assessment_period ap
         WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = grade_caps.period_id)
    SELECT a.person_id, r.rule, r.at_most::@extschema@.grade, r.detail
      FROM p
      JOIN @extschema@.assessment_subject a ON a.tenant_id = p.tenant_id AND a.period_id = p.period_id
     CROSS JOIN LATERAL (VALUES ('refused', 'incompetent', 'refused to be assessed without good reason', a.refused),
                                ('probation', 'no_grade', 'new hire on probation', a.on_probation)) r(rule, at_most, detail, applies)
     WHERE (a.refused OR a.on_probation) AND r.applies
    UNION ALL
    SELECT c.* FROM (
    SELECT l.person_id, 'long_leave' AS rule, 'no_grade'::@extschema@.grade AS at_most,
           format('away %s of %s days', round(d.days), upper(l.span) - lower(l.span)) AS detail
      FROM (SELECT b.person_id, p.span, range_agg(b.during * p.r) AS away   -- leave on two posts at once counts once
              FROM p JOIN @extschema@.absence b ON b.tenant_id = p.tenant_id AND b.during && p.r
             GROUP BY b.person_id, p.span) l
     CROSS JOIN LATERAL (SELECT sum(extract(epoch FROM upper(x) - lower(x))) / 86400 AS days FROM unnest(l.away) x) d
     WHERE d.days * 2 > upper(l.span) - lower(l.span)
    UNION ALL
    SELECT c.subject_person_id, 'under_investigation', 'no_grade', format('case %s, %s', c.case_id, c.state)
      FROM p JOIN @extschema@.accountability_case c ON c.tenant_id = p.tenant_id
     WHERE c.opened_at < upper(p.r) AND c.state NOT IN ('closed', 'dropped')
    UNION ALL
    SELECT x.person_id,
           CASE k.grade_effect WHEN 'not_excellent' THEN 'sanction_not_excellent'
                               WHEN 'no_grade_in_period' THEN 'sanction_period'
                               WHEN 'no_grade_this_and_next_year'
                               THEN CASE WHEN x.starts_at >= lower(p.r) - interval '1 year' AND x.starts_at < upper(p.r)
                                         THEN 'sanction_this_and_next_year' ELSE 'sanction_period' END
                               ELSE 'sanction_this_year' END,
           CASE k.grade_effect WHEN 'not_excellent' THEN 'competent' ELSE 'no_grade' END::@extschema@.grade,
           format('%s (%s) from %s, case %s', k.label_en, k.label_zh, x.starts_at::date, x.case_id)
      FROM p
      JOIN @extschema@.sanction x ON x.tenant_id = p.tenant_id
      JOIN @extschema@.sanction_kind k ON k.code = x.kind
     WHERE NOT EXISTS (SELECT FROM @extschema@.sanction n WHERE n.tenant_id = x.tenant_id AND n.replaces = x.sanction_id)
       AND CASE k.grade_effect
             WHEN 'not_excellent' THEN x.starts_at <@ p.r
             WHEN 'no_grade_this_year' THEN x.starts_at <@ p.r
             WHEN 'no_grade_this_and_next_year'   -- and during the period, however long
               THEN (x.starts_at >= lower(p.r) - interval '1 year' AND x.starts_at < upper(p.r))
                    OR tstzrange(x.starts_at, coalesce(x.superseded_at, x.ends_at, 'infinity')) && p.r
             WHEN 'no_grade_in_period'
               THEN tstzrange(x.starts_at, coalesce(x.ends_at, 'infinity')) && p.r
             ELSE false END
    UNION ALL
    SELECT c.person_id, 'valid_complaints', 'basically_competent', format('%s valid complaints', count(*))
      FROM p JOIN @extschema@.complaint c ON c.tenant_id = p.tenant_id
     WHERE c.outcome = 'valid' AND c.received_at <@ p.r
     GROUP BY c.person_id
    HAVING count(*) >= 2
    ) c, p
     WHERE EXISTS (SELECT FROM @extschema@.assessment_subject a
                    WHERE a.tenant_id = p.tenant_id AND a.period_id = p.period_id AND a.person_id = c.person_id)
$$;
COMMENT ON FUNCTION @extschema@.grade_caps(bigint) IS
    'The rules of rules.md §1 that limit grades in a period, one row per person and rule, with the best grade it allows: refusal (incompetent), probation, leave over half the period, an open case, sanctions by their kind''s grade effect (no grade, or not excellent), two or more valid complaints in the period (basically competent).  Too few raters is added by compute_grades()';

-- The cohort's grades, in C (grading.c): the subjects, their scores by
-- multi_source_score()'s accumulators, the year's quarterly scores and the
-- caps of grade_caps() are read in person order into one array; cut-offs,
-- caps and the quota are applied over it.
CREATE FUNCTION @extschema@.compute_grades(period_id bigint)
    RETURNS TABLE (person_id bigint, position_id bigint, own_score float8, periodic_score float8, score float8,
                   rank integer, base_grade @extschema@.grade, grade @extschema@.grade, quota_tie boolean,
                   caps text[], cap_details jsonb, candidate_rank integer, tied integer, candidates integer,
                   places integer, graded integer)
    AS 'MODULE_PATHNAME', 'compute_grades'
    LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off;  -- compiling its queries' plans costs more than running them
COMMENT ON FUNCTION @extschema@.compute_grades(bigint) IS
    'The grades of a period as its inputs stand now (for a finalised period see period_grades()): each person''s score (own inputs, combined with the year''s quarterly scores when the scheme says so), rank, the grade by the cut-offs, the caps applied (the heaviest governs), and the excellent quota across the cohort; candidates tied at the quota boundary all stay competent, flagged quota_tie for the committee, never split by row order.  Rows in person order.  caps names every rule that limited the grade, heaviest first (insufficient_sources, over_quota and quota_tie last); cap_details explains those of grade_caps() as JSON.  The last columns place a candidate against the quota: rank among the candidates, how many share the score, candidates, places, graded.';

-- A period's grades: the frozen results once finalised, else computed now.
CREATE FUNCTION @extschema@.period_grades(period_id bigint)
    RETURNS TABLE (person_id bigint, name text, score float8, rank integer, grade @extschema@.grade,
                   grade_en text, grade_zh text, quota_tie boolean, caps text[], finalised boolean)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH g AS (
        SELECT r.person_id, r.score, r.rank, r.grade, r.quota_tie, r.caps, true AS finalised
          FROM @extschema@.assessment_result r
          JOIN @extschema@.assessment_period ap ON ap.tenant_id = r.tenant_id AND ap.period_id = r.period_id AND ap.finalised
         WHERE r.tenant_id = @extschema@.current_tenant() AND r.period_id = period_grades.period_id
        UNION ALL
        SELECT c.person_id, c.score, c.rank, c.grade, c.quota_tie, c.caps, false
          FROM @extschema@.compute_grades(period_grades.period_id) c
         WHERE NOT EXISTS (SELECT FROM @extschema@.assessment_period ap
                            WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = period_grades.period_id
                              AND ap.finalised))
    SELECT g.person_id, pe.name, g.score, g.rank, g.grade, l.label_en, l.label_zh, g.quota_tie, g.caps, g.finalised
      FROM g
      JOIN @extschema@.person pe ON pe.tenant_id = @extschema@.current_tenant() AND pe.person_id = g.person_id
      JOIN @extschema@.label l ON l.domain = 'grade' AND l.code = g.grade::text
     ORDER BY g.rank NULLS LAST, g.person_id
$$;
COMMENT ON FUNCTION @extschema@.period_grades(bigint) IS
    'The grades of a period with their labels (优秀 称职 基本称职 不称职 不定等次): the frozen results when finalised, else computed from the inputs as they stand; caps names the rules that limited each grade';

-- ---------------------------------------------------------------------
-- Explanations.

CREATE FUNCTION @extschema@.compute_explanation(period_id bigint, person_id bigint, g jsonb) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH p AS (
        SELECT ap.*, sc.code AS scheme_code, sc.version, sc.normalise_raters, sc.periodic_share, sc.trim_each,
               sc.excellent_min, sc.competent_min, sc.basic_min, sc.scale_min, sc.scale_max
          FROM @extschema@.assessment_period ap
          JOIN @extschema@.assessment_scheme sc ON sc.tenant_id = ap.tenant_id AND sc.scheme_id = ap.scheme_id
         WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = compute_explanation.period_id),
    -- The person's inputs.  Normalising needs every rater's mean over the
    -- period, so only a scheme that normalises reads the normalised view;
    -- the others read the person's rows by index.
    i AS (
        SELECT n.source, n.origin, n.rater, n.raw_score, n.score, n.weight, n.min_raters, n.trim_each
          FROM @extschema@.assessment_input_normalised n, p
         WHERE n.tenant_id = p.tenant_id AND n.period_id = p.period_id AND n.person_id = compute_explanation.person_id
           AND (SELECT p.normalise_raters FROM p)   -- a one-time filter: the view is not read otherwise
        UNION ALL
        SELECT n.source, n.origin, n.rater, n.score, n.score, n.weight, n.min_raters, n.trim_each
          FROM @extschema@.assessment_input n, p
         WHERE n.tenant_id = p.tenant_id AND n.period_id = p.period_id AND n.person_id = compute_explanation.person_id
           AND NOT (SELECT p.normalise_raters FROM p)),
    o AS (
        SELECT i.*, row_number() OVER (PARTITION BY i.source ORDER BY i.score, i.origin, i.rater) AS lo,
               row_number() OVER (PARTITION BY i.source ORDER BY i.score DESC, i.origin DESC, i.rater DESC) AS hi,
               count(*) OVER (PARTITION BY i.source) AS n
          FROM i),
    scores AS (
        SELECT o.source, jsonb_agg(jsonb_build_object('origin', o.origin, 'rater', o.rater, 'score', o.score)
                                   || CASE WHEN p.normalise_raters THEN jsonb_build_object('given', o.raw_score) ELSE '{}' END
                                   || jsonb_build_object('trimmed', o.n >= o.min_raters AND o.n > 2 * o.trim_each
                                                                    AND (o.lo <= o.trim_each OR o.hi <= o.trim_each))
                                   ORDER BY o.score DESC, o.origin, o.rater) AS scores
          FROM o, p GROUP BY o.source),
    detail AS (
        SELECT @extschema@.multi_source_detail(i.source, i.score, i.weight, i.min_raters, i.trim_each) AS d FROM i),
    src AS (
        SELECT so.code, so.label_en, so.label_zh, so.feed, so.weight, so.min_raters
          FROM @extschema@.scheme_source so, p
         WHERE so.tenant_id = p.tenant_id AND so.scheme_id = p.scheme_id)
    SELECT jsonb_build_object(
        'period_id', p.period_id, 'person_id', compute_explanation.person_id,
        'scheme', jsonb_build_object('code', p.scheme_code, 'version', p.version, 'scale', jsonb_build_array(p.scale_min, p.scale_max),
                                     'trim_each', p.trim_each, 'normalise_raters', p.normalise_raters),
        'sources', (SELECT jsonb_agg(
                        jsonb_build_object('source', src.code, 'label_en', src.label_en, 'label_zh', src.label_zh,
                                           'feed', src.feed, 'weight', src.weight, 'min_raters', src.min_raters)
                        || coalesce((SELECT e - 'source' - 'weight' - 'min_raters'
                                       FROM detail, jsonb_array_elements(detail.d -> 'sources') e
                                      WHERE e ->> 'source' = src.code),
                                    jsonb_build_object('raters', 0, 'status', 'no_scores', 'mean', null, 'share', 0))
                        || jsonb_build_object('scores', coalesce((SELECT s.scores FROM scores s WHERE s.source = src.code), '[]'))
                        ORDER BY src.weight DESC, src.code) FROM src),
        'own_score', g -> 'own_score',
        'periodic', CASE WHEN p.kind = 'annual' AND p.periodic_share > 0 THEN
                        jsonb_build_object('share', p.periodic_share, 'quarterly_mean', g -> 'periodic_score',
                            'quarters', (SELECT jsonb_agg(jsonb_build_object('period_id', q.period_id, 'span', q.span::text, 'score', r.score)
                                                           ORDER BY q.span)
                                           FROM @extschema@.assessment_result r
                                           JOIN @extschema@.assessment_period q ON q.tenant_id = r.tenant_id AND q.period_id = r.period_id
                                          WHERE r.tenant_id = p.tenant_id AND r.person_id = compute_explanation.person_id
                                            AND q.kind = 'quarterly' AND q.finalised AND q.span <@ p.span AND r.score IS NOT NULL)) END,
        'score', g -> 'score',
        'cut_offs', jsonb_build_object('excellent', p.excellent_min, 'competent', p.competent_min, 'basically_competent', p.basic_min),
        'base_grade', g -> 'base_grade',
        'caps', CASE WHEN jsonb_typeof(g -> 'cap_details') = 'array' THEN g -> 'cap_details' ELSE '[]' END
                || CASE WHEN g -> 'caps' ? 'insufficient_sources' THEN
                        (SELECT jsonb_build_array(jsonb_build_object('rule', l.code, 'at_most', 'no_grade',
                                    'detail', 'no source reached its minimum of raters', 'label_en', l.label_en, 'label_zh', l.label_zh))
                           FROM @extschema@.label l WHERE l.domain = 'grade_cap' AND l.code = 'insufficient_sources')
                        WHEN g -> 'caps' ?| '{over_quota,quota_tie}' THEN
                        (SELECT jsonb_build_array(jsonb_build_object('rule', l.code, 'at_most', 'competent',
                                    'detail', format('%s excellent places for %s graded; rank %s among %s candidates, %s tied at %s',
                                                     g -> 'places', g -> 'graded', g -> 'candidate_rank', g -> 'candidates', g -> 'tied',
                                                     round((g ->> 'score')::numeric, (SELECT sc.score_digits FROM @extschema@.assessment_scheme sc
                                                                                       WHERE sc.tenant_id = p.tenant_id AND sc.scheme_id = p.scheme_id))),
                                    'label_en', l.label_en, 'label_zh', l.label_zh))
                           FROM @extschema@.label l
                          WHERE l.domain = 'grade_cap' AND g -> 'caps' ? l.code AND l.code IN ('over_quota', 'quota_tie'))
                        ELSE '[]' END,
        'quota', jsonb_build_object('share', (SELECT coalesce(p.excellent_quota, sc.excellent_quota)
                                               FROM @extschema@.assessment_scheme sc
                                              WHERE sc.tenant_id = p.tenant_id AND sc.scheme_id = p.scheme_id),
                                    'graded', g -> 'graded', 'places', g -> 'places', 'candidates', g -> 'candidates',
                                    'candidate_rank', g -> 'candidate_rank', 'tied', g -> 'tied'),
        'rank', g -> 'rank',
        'grade', g -> 'grade',
        'grade_en', (SELECT l.label_en FROM @extschema@.label l WHERE l.domain = 'grade' AND l.code = g ->> 'grade'),
        'grade_zh', (SELECT l.label_zh FROM @extschema@.label l WHERE l.domain = 'grade' AND l.code = g ->> 'grade'),
        'training', (SELECT jsonb_build_object('hours', coalesce(sum(r.hours), 0),
                                               'planned_hours', (SELECT lp.planned_hours FROM @extschema@.learning_plan lp
                                                                  WHERE lp.tenant_id = p.tenant_id AND lp.person_id = compute_explanation.person_id
                                                                    AND lp.year = extract(year FROM lower(p.span))::integer))
                       FROM @extschema@.training_record r
                      WHERE r.tenant_id = p.tenant_id AND r.person_id = compute_explanation.person_id
                        AND r.completed_on <@ p.span))
      FROM p
$$;

CREATE FUNCTION @extschema@.assessment_explanation(period_id bigint, person_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(
        (SELECT r.explanation FROM @extschema@.assessment_result r
           JOIN @extschema@.assessment_period ap ON ap.tenant_id = r.tenant_id AND ap.period_id = r.period_id AND ap.finalised
          WHERE r.tenant_id = @extschema@.current_tenant() AND r.period_id = assessment_explanation.period_id
            AND r.person_id = assessment_explanation.person_id),
        (SELECT @extschema@.compute_explanation(assessment_explanation.period_id, assessment_explanation.person_id, to_jsonb(c))
           FROM @extschema@.compute_grades(assessment_explanation.period_id) c
          WHERE c.person_id = assessment_explanation.person_id
            AND NOT EXISTS (SELECT FROM @extschema@.assessment_period ap
                             WHERE ap.tenant_id = @extschema@.current_tenant()
                               AND ap.period_id = assessment_explanation.period_id AND ap.finalised)))
$$;
COMMENT ON FUNCTION @extschema@.assessment_explanation(bigint, bigint) IS
    'The whole working of a person''s grade as JSON, to defend it at a hearing: each source with its raters'' scores (which were trimmed, the given score when normalised), mean, status and share after renormalisation; the quarterly scores combined; the score against the cut-offs; every cap with its rule in English and Chinese; the rank against the quota; the grade; training hours against the learning plan.  Frozen with the results once the period is finalised; NULL for a person not assessed in it';

-- ---------------------------------------------------------------------
-- Finalisation: results and a digest of the inputs, frozen.

CREATE FUNCTION @extschema@.period_digest(period_id bigint) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET jit = off  -- compiling its large plan costs more than running it
    AS $$
    SELECT encode(sha256(convert_to(
             coalesce((SELECT string_agg(concat_ws('|', i.person_id, i.source, i.origin, i.rater, i.score), E'\n'
                                         ORDER BY i.person_id, i.source, i.origin, i.rater)
                         FROM @extschema@.assessment_input i
                        WHERE i.tenant_id = @extschema@.current_tenant() AND i.period_id = period_digest.period_id), '')
             || E'\n--\n' ||
             coalesce((SELECT string_agg(concat_ws('|', s.person_id, s.on_probation, s.refused, k.caps), E'\n'
                                         ORDER BY s.person_id)
                         FROM @extschema@.assessment_subject s
                         LEFT JOIN (SELECT c.person_id, string_agg(c.rule || ':' || c.detail, ',' ORDER BY c.rule, c.detail) AS caps
                                      FROM @extschema@.grade_caps(period_digest.period_id) c
                                     GROUP BY c.person_id) k ON k.person_id = s.person_id
                        WHERE s.tenant_id = @extschema@.current_tenant() AND s.period_id = period_digest.period_id), ''),
             'UTF8')), 'hex')
$$;
COMMENT ON FUNCTION @extschema@.period_digest(bigint) IS
    'SHA-256 of what a period''s grades are computed from: every score counted, and each subject''s probation, refusal and caps (absences, cases, sanctions, complaints); compare it with the period''s digest to see whether anything changed since it was finalised';

-- It runs as the extension's owner, so that writers need no right to write
-- results or a period's state (see engine_begin() in 77_case_engine.sql).
CREATE FUNCTION @extschema@.period_event_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p record;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    NEW.recorded_by := SESSION_USER;
    PERFORM @extschema@.engine_begin(NEW.tenant_id);
    SELECT * INTO p FROM @extschema@.assessment_period
     WHERE tenant_id = NEW.tenant_id AND period_id = NEW.period_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'period % does not exist', NEW.period_id USING ERRCODE = 'undefined_object';
    END IF;
    NEW.seq := coalesce((SELECT max(e.seq) FROM @extschema@.period_event e
                          WHERE e.tenant_id = NEW.tenant_id AND e.period_id = NEW.period_id), 0) + 1;
    IF NEW.action = 'finalised' THEN
        IF p.finalised THEN
            RAISE EXCEPTION 'period % is already finalised', NEW.period_id USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        DELETE FROM @extschema@.assessment_result r WHERE r.tenant_id = NEW.tenant_id AND r.period_id = NEW.period_id;
        INSERT INTO @extschema@.assessment_result (tenant_id, period_id, person_id, score, rank, grade, quota_tie, caps, explanation)
        SELECT NEW.tenant_id, NEW.period_id, c.person_id, c.score, c.rank, c.grade, c.quota_tie, c.caps,
               @extschema@.compute_explanation(NEW.period_id, c.person_id, to_jsonb(c))
          FROM @extschema@.compute_grades(NEW.period_id) c;
        NEW.digest := @extschema@.period_digest(NEW.period_id);
        UPDATE @extschema@.assessment_period SET finalised = true, digest = NEW.digest
         WHERE tenant_id = NEW.tenant_id AND period_id = NEW.period_id;
    ELSE
        IF NOT p.finalised THEN
            RAISE EXCEPTION 'period % is not finalised', NEW.period_id USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        IF coalesce(btrim(NEW.reason), '') = '' THEN
            RAISE EXCEPTION 'reopening period % needs a reason', NEW.period_id
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Say why the finalised results must change; it is kept in period_event.';
        END IF;
        UPDATE @extschema@.assessment_period SET finalised = false
         WHERE tenant_id = NEW.tenant_id AND period_id = NEW.period_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER period_event_apply BEFORE INSERT ON @extschema@.period_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.period_event_apply();

-- Results and events are written only by finalisation (or a restore).
CREATE FUNCTION @extschema@.assessment_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT @extschema@.engine_writing() AND NOT (TG_OP = 'INSERT' AND @extschema@.case_restoring()) THEN
        RAISE EXCEPTION '% of % refused: results are written by finalise_period() only', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Reopen the period with reopen_period(), change the inputs, and finalise it again.';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER assessment_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.assessment_result
    FOR EACH ROW EXECUTE FUNCTION @extschema@.assessment_guard();
CREATE TRIGGER assessment_guard BEFORE UPDATE OR DELETE ON @extschema@.period_event
    FOR EACH ROW EXECUTE FUNCTION @extschema@.assessment_guard();

CREATE FUNCTION @extschema@.finalise_period(period_id bigint, actor_person_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS text
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.period_event (period_id, seq, action, at, actor_person_id)
    VALUES (finalise_period.period_id, 0, 'finalised', finalise_period.at, finalise_period.actor_person_id)
    RETURNING digest
$$;
COMMENT ON FUNCTION @extschema@.finalise_period(bigint, bigint, timestamptz) IS
    'Freezes a period: computes and stores every grade with its explanation under the period''s scheme, records who finalised it and returns the digest of its inputs; afterwards its inputs refuse changes until reopen_period()';

CREATE FUNCTION @extschema@.reopen_period(period_id bigint, actor_person_id bigint, reason text,
                                          at timestamptz DEFAULT pg_catalog.now()) RETURNS void
    LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO @extschema@.period_event (period_id, seq, action, at, actor_person_id, reason)
    VALUES (reopen_period.period_id, 0, 'reopened', reopen_period.at, reopen_period.actor_person_id, reopen_period.reason)
$$;
COMMENT ON FUNCTION @extschema@.reopen_period(bigint, bigint, text, timestamptz) IS
    'Reopens a finalised period so that its inputs may change, recording who and why (a reason is required); the frozen results stay until it is finalised again';

-- ---------------------------------------------------------------------
-- Consequences of the grade history, and the assessors' accountability.

CREATE FUNCTION @extschema@.assessment_consequences(period_id bigint)
    RETURNS TABLE (person_id bigint, grade @extschema@.grade, measure text, label_en text, label_zh text,
                   rule text, basis text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH p AS (
        SELECT ap.* FROM @extschema@.assessment_period ap
         WHERE ap.tenant_id = @extschema@.current_tenant() AND ap.period_id = assessment_consequences.period_id
           AND ap.kind = 'annual' AND ap.finalised),
    history AS (
        SELECT r.person_id, r.grade, extract(year FROM lower(q.span))::integer AS year
          FROM p
          JOIN @extschema@.assessment_result me ON me.tenant_id = p.tenant_id AND me.period_id = p.period_id
          JOIN @extschema@.assessment_result r ON r.tenant_id = me.tenant_id AND r.person_id = me.person_id
          JOIN @extschema@.assessment_period q ON q.tenant_id = r.tenant_id AND q.period_id = r.period_id
         WHERE q.kind = 'annual' AND q.finalised AND lower(q.span) <= lower(p.span)),
    rules AS (
        SELECT c.* FROM @extschema@.consequence_rule c
         WHERE c.tenant_id = @extschema@.current_tenant()
            OR (c.tenant_id IS NULL AND NOT EXISTS (SELECT FROM @extschema@.consequence_rule o
                                                      WHERE o.tenant_id = @extschema@.current_tenant() AND o.code = c.code))),
    me AS (
        SELECT r.person_id, r.grade, extract(year FROM lower(p.span))::integer AS year,
               EXISTS (SELECT FROM @extschema@.sanction s
                        WHERE s.tenant_id = p.tenant_id AND s.person_id = r.person_id
                          AND s.starts_at >= lower(p.span)::timestamptz AND s.starts_at < upper(p.span)::timestamptz) AS accountable
          FROM p JOIN @extschema@.assessment_result r ON r.tenant_id = p.tenant_id AND r.period_id = p.period_id)
    SELECT me.person_id, me.grade, ru.code, ru.label_en, ru.label_zh,
           CASE WHEN ru.accumulated IS NOT NULL
                THEN format('%s years graded %s accumulated', ru.accumulated, array_to_string(ru.grades, ' or '))
                WHEN ru.in_a_row > 1
                THEN format('%s years in a row graded %s', ru.in_a_row, array_to_string(ru.grades, ' or '))
                ELSE format('graded %s', me.grade) END,
           ru.basis
      FROM me
      JOIN rules ru ON me.grade = ANY (ru.grades)
     WHERE NOT (ru.not_if_accountable AND me.accountable)
       -- a streak of in_a_row years calls for the measure once; the count
       -- starts again after it (three excellent years: merit, not every year after)
       AND (ru.in_a_row = 1
            OR (SELECT min(g) FROM generate_series(0, 100) g
                 WHERE NOT EXISTS (SELECT FROM history h
                                    WHERE h.person_id = me.person_id AND h.year = me.year - g
                                      AND h.grade = ANY (ru.grades))) % ru.in_a_row = 0)
       AND (ru.accumulated IS NULL
            OR (SELECT count(DISTINCT h.year) FROM history h
                 WHERE h.person_id = me.person_id AND h.grade = ANY (ru.grades)) % ru.accumulated = 0)
     ORDER BY me.person_id, ru.code
$$;
COMMENT ON FUNCTION @extschema@.assessment_consequences(bigint) IS
    'The measures each person''s annual grade history calls for, as of a finalised annual period (rules.md §1, consequence_rule): commendation; third-class merit after three excellent years in a row; a salary step every 2 and a rank level every 5 accumulated competent-or-better years; admonition for basically competent, lowered after two in a row; demotion for incompetent, dismissal after two in a row; commendations withheld from anyone sanctioned that year';

CREATE FUNCTION @extschema@.assessor_report(period_id bigint, threshold float8 DEFAULT 2.0, min_rated integer DEFAULT 3)
    RETURNS TABLE (source text, rater_id bigint, rated bigint, mean_given float8, source_mean float8,
                   deviation float8, finding text, label_en text, label_zh text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH r AS (
        SELECT i.source, i.rater, count(*) AS n, avg(i.score) AS mean, min(i.score) AS lo, max(i.score) AS hi
          FROM @extschema@.assessment_input i
         WHERE i.tenant_id = @extschema@.current_tenant() AND i.period_id = assessor_report.period_id
           AND i.origin = 'evaluation'
         GROUP BY i.source, i.rater),
    s AS (
        SELECT r.*, avg(r.mean) OVER w AS source_mean, stddev_pop(r.mean) OVER w AS sd
          FROM r WINDOW w AS (PARTITION BY r.source)),
    f AS (
        SELECT s.*, CASE WHEN s.sd > 0 THEN (s.mean - s.source_mean) / s.sd END AS z FROM s)
    SELECT f.source, f.rater, f.n, f.mean, f.source_mean, f.z, x.finding, l.label_en, l.label_zh
      FROM f
     CROSS JOIN LATERAL (SELECT 'far_from_source' AS finding WHERE abs(f.z) > assessor_report.threshold
                         UNION ALL
                         SELECT 'same_score_for_all' WHERE f.n >= assessor_report.min_rated AND f.lo = f.hi) x
      JOIN @extschema@.label l ON l.domain = 'assessor_finding' AND l.code = x.finding
     ORDER BY f.source, f.rater, x.finding
$$;
COMMENT ON FUNCTION @extschema@.assessor_report(bigint, float8, integer) IS
    'Assessor accountability (考核责任制): raters whose mean score sits more than threshold standard deviations from the mean of their source''s raters, and raters who gave everyone (at least min_rated people) the same score';

CREATE FUNCTION @extschema@.aggravating_facts(person_id bigint)
    RETURNS TABLE (fact text, label_en text, label_zh text, at timestamptz, detail text)
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT 'retaliation', 'retaliated against a complainant', '打击报复投诉人', r.at,
           format('complaint %s: %s', r.complaint_id, r.facts)
      FROM @extschema@.retaliation r
     WHERE r.tenant_id = @extschema@.current_tenant() AND r.person_id = aggravating_facts.person_id
     ORDER BY r.at
$$;
COMMENT ON FUNCTION @extschema@.aggravating_facts(bigint) IS
    'Recorded facts that aggravate (从重, rules.md §3) a sanction against the person: retaliation against a complainant; for the deciding body when it weighs decide_sanction(aggravating)';

COMMENT ON FUNCTION @extschema@.scheme_check() IS
    'Trigger: an active scheme never changes; cut-offs in order and the quota under its ceiling; activation checks that source and dimension weights sum to 1';
COMMENT ON FUNCTION @extschema@.scheme_part_guard() IS 'Trigger: the dimensions and sources of an active scheme never change';
COMMENT ON FUNCTION @extschema@.period_must_be_open(integer, bigint, text) IS
    'Raises 55000 when the period is finalised (what names the change refused)';
COMMENT ON FUNCTION @extschema@.period_check() IS
    'Trigger: a period needs an active scheme and a quota under its ceiling; a finalised period does not change; finalised and digest change only through period_event';
COMMENT ON FUNCTION @extschema@.subject_fill() IS
    'Trigger: a subject takes the kind and span of its period (so one person is never in two overlapping periods of a kind); none added, changed or removed in a finalised period';
COMMENT ON FUNCTION @extschema@.evaluation_check() IS
    'Trigger on evaluations and target results: the period exists and is open, the source is the scheme''s, nobody rates themselves unless the source allows it, scores by dimension give their weighted mean, a target result is of a duty of a post the person held during the period, every score within the scale';
COMMENT ON FUNCTION @extschema@.dated_input_check() IS
    'Trigger on memos, training, window ratings and complaints: refused when dated inside a finalised period of the person';
COMMENT ON FUNCTION @extschema@.compute_explanation(bigint, bigint, jsonb) IS
    'The explanation of one person''s grade, from their row of compute_grades() as JSON (see assessment_explanation())';
COMMENT ON FUNCTION @extschema@.period_event_apply() IS
    'Trigger: a finalisation stores the results with their explanations and the digest; a reopening (with a reason) lets the inputs change again';
COMMENT ON FUNCTION @extschema@.assessment_guard() IS
    'Trigger: results and period events are written only by finalise_period() and reopen_period() (or a superuser''s restore)';
-- The coverage report itself: the findings of coverage_sweep() and
-- coverage_structure(), each object named and each finding explained in
-- English and Chinese, in C (src/coverage_report.c; until 0.5.0 this was
-- PL/pgSQL, now test/tools/coverage_report.sql, the tests' reference).
-- CREATE OR REPLACE: the update scripts replace these as they are.

-- The words of a report (src/coverage_text.c): a report writes two
-- explanations for each of its rows, and in C they cost a fraction of what
-- format() and to_char() cost.  Dates are in the session's time zone.
CREATE OR REPLACE FUNCTION @extschema@.span_bound_text(bound timestamptz) RETURNS text
    AS 'MODULE_PATHNAME', 'span_bound_text'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.span_bound_text(timestamptz) IS
    'A bound of a span in words: its date when it is a midnight, else date and time; NULL when infinite';

CREATE OR REPLACE FUNCTION @extschema@.span_text(span tstzrange, lang text DEFAULT 'en') RETURNS text
    AS 'MODULE_PATHNAME', 'span_text'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.span_text(tstzrange, text) IS
    'A span in words, in English (''en'') or Chinese (''zh''): "from 2005-03-03 until 2005-04-15" (the end excluded)';

CREATE OR REPLACE FUNCTION @extschema@.finding_explanation(kind text, object_kind text, object_id bigint, title text,
                                                position_id bigint, person_id bigint, span tstzrange,
                                                positions bigint[], duties bigint[], lang text DEFAULT 'en')
    RETURNS text
    AS 'MODULE_PATHNAME', 'finding_explanation'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.finding_explanation(text, text, bigint, text, bigint, bigint, tstzrange, bigint[], bigint[], text) IS
    'A finding of the coverage report in one sentence, in English (''en'') or Chinese (''zh''): what is concerned, what is wrong, and when';

CREATE OR REPLACE FUNCTION @extschema@.coverage_structure(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, object_kind text, object_id bigint, position_id bigint, span tstzrange, duties bigint[])
    AS 'MODULE_PATHNAME', 'coverage_structure'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 100
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.coverage_structure(bigint, timestamptz, timestamptz) IS
    'The structural findings of the coverage report, in C over the hand-off graph: dead_end, cycle, unreachable, no_approver, power_without_duty, power_without_consequence (with its duties without consequence), duty_without_consequence, each with the life of its object inside [from_at, to_at)';

CREATE OR REPLACE FUNCTION @extschema@.coverage_report(unit_id bigint, from_at timestamptz, to_at timestamptz)
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    AS 'MODULE_PATHNAME', 'coverage_report'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 1000
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz, timestamptz) IS
    'Coverage report (责任链接无缝化) of a unit and its sub-units over [from_at, to_at): one row per finding (gap, overlap, vacant owner, idle person, broken hand-offs, powers without duties or consequences, missing indicators), with the span it covers, the posts of an overlap (positions), the duties without consequence of a power (duties) and an explanation in English and Chinese';

CREATE OR REPLACE FUNCTION @extschema@.coverage_report(unit_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (kind text, kind_zh text, object_kind text, object_id bigint, object_title text,
                   position_id bigint, person_id bigint, span tstzrange, positions bigint[],
                   duties bigint[], explanation text, explanation_zh text)
    LANGUAGE sql STABLE STRICT PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT r.* FROM @extschema@.coverage_report(unit_id, '-infinity', 'infinity') r
     WHERE r.span @> at
$$;
COMMENT ON FUNCTION @extschema@.coverage_report(bigint, timestamptz) IS
    'Coverage report of a unit and its sub-units at a moment: the findings in force then, each with its whole span';
-- Privileges and row-level security of the assessment (see 80_security.sql).
-- Writers keep schemes, periods and their inputs, and finalise periods; the
-- triggers of 79_assessment_api.sql run as the writer, so writers hold
-- INSERT and DELETE on results too, and the guards refuse any such write
-- that does not come from finalisation.  Who complained is readable only by
-- responsibility_complaint_handler, and never by the person complained about.

REVOKE ALL ON @extschema@.assessment_scheme, @extschema@.scheme_dimension, @extschema@.scheme_source,
    @extschema@.assessment_period, @extschema@.period_event, @extschema@.assessment_subject, @extschema@.evaluation,
    @extschema@.target_result, @extschema@.work_memo, @extschema@.training_record, @extschema@.learning_plan,
    @extschema@.window_rating, @extschema@.complaint, @extschema@.complainant, @extschema@.retaliation,
    @extschema@.assessment_result, @extschema@.consequence_rule,
    @extschema@.assessment_input, @extschema@.assessment_input_normalised FROM PUBLIC;
GRANT SELECT ON @extschema@.assessment_scheme, @extschema@.scheme_dimension, @extschema@.scheme_source,
    @extschema@.assessment_period, @extschema@.period_event, @extschema@.assessment_subject, @extschema@.evaluation,
    @extschema@.target_result, @extschema@.work_memo, @extschema@.training_record, @extschema@.learning_plan,
    @extschema@.window_rating, @extschema@.complaint, @extschema@.retaliation,
    @extschema@.assessment_result, @extschema@.consequence_rule,
    @extschema@.assessment_input, @extschema@.assessment_input_normalised TO responsibility_reader;
REVOKE ALL ON @extschema@.complainant FROM responsibility_reader;
GRANT SELECT ON @extschema@.complainant TO responsibility_complaint_handler;
GRANT INSERT, DELETE ON @extschema@.assessment_period TO responsibility_writer;
GRANT UPDATE (scheme_id, unit_id, kind, span, excellent_quota) ON @extschema@.assessment_period TO responsibility_writer;
GRANT INSERT, UPDATE, DELETE ON @extschema@.assessment_scheme, @extschema@.scheme_dimension, @extschema@.scheme_source,
    @extschema@.assessment_subject, @extschema@.evaluation,
    @extschema@.target_result, @extschema@.work_memo, @extschema@.training_record, @extschema@.learning_plan,
    @extschema@.window_rating, @extschema@.complaint, @extschema@.retaliation, @extschema@.consequence_rule
    TO responsibility_writer;
GRANT INSERT ON @extschema@.complainant, @extschema@.period_event TO responsibility_writer;
-- Results, and a period's finalised flag and digest, are written by
-- period_event_apply() as the extension's owner: writers hold no right to them.
-- A person's role_name hides complaints from them: only admins set it.
REVOKE UPDATE ON @extschema@.person FROM responsibility_writer;
GRANT UPDATE (name, staff_no) ON @extschema@.person TO responsibility_writer;
GRANT UPDATE (name, staff_no, role_name) ON @extschema@.person TO responsibility_admin;
GRANT USAGE ON @extschema@.scheme_id_seq, @extschema@.period_id_seq, @extschema@.memo_id_seq,
    @extschema@.training_id_seq, @extschema@.rating_id_seq, @extschema@.complaint_id_seq,
    @extschema@.retaliation_id_seq TO responsibility_writer;

REVOKE ALL ON FUNCTION @extschema@.scheme_check(), @extschema@.scheme_part_guard(), @extschema@.period_check(),
    @extschema@.subject_fill(), @extschema@.evaluation_check(), @extschema@.dated_input_check(),
    @extschema@.period_event_apply(), @extschema@.assessment_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.create_default_scheme(text, text), @extschema@.activate_scheme(bigint),
    @extschema@.enrol_period(bigint), @extschema@.finalise_period(bigint, bigint, timestamptz),
    @extschema@.reopen_period(bigint, bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.create_default_scheme(text, text), @extschema@.activate_scheme(bigint),
    @extschema@.enrol_period(bigint), @extschema@.finalise_period(bigint, bigint, timestamptz),
    @extschema@.reopen_period(bigint, bigint, text, timestamptz) TO responsibility_writer;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['assessment_scheme', 'scheme_dimension', 'scheme_source', 'assessment_period',
                             'period_event', 'assessment_subject', 'evaluation', 'target_result', 'work_memo',
                             'training_record', 'learning_plan', 'window_rating', 'complaint', 'complainant',
                             'retaliation', 'assessment_result'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
    ALTER TABLE @extschema@.consequence_rule ENABLE ROW LEVEL SECURITY;
    CREATE POLICY defaults_visible ON @extschema@.consequence_rule FOR SELECT USING (tenant_id IS NULL);
    COMMENT ON POLICY defaults_visible ON @extschema@.consequence_rule IS
        'Everyone who may read the table reads the defaults (tenant_id NULL); only the extension''s owner changes them';
    CREATE POLICY tenant_isolation ON @extschema@.consequence_rule
        USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
        WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()));
    COMMENT ON POLICY tenant_isolation ON @extschema@.consequence_rule IS
        'A tenant''s own rows, which override the defaults of the same code: rows of the tenants the role belongs to; writes go to the current tenant';
END
$policies$;

-- The person complained about never reads who complained, whatever roles
-- they hold.
CREATE POLICY not_about_me ON @extschema@.complainant AS RESTRICTIVE FOR SELECT
    USING (NOT EXISTS (SELECT FROM @extschema@.complaint c
                         JOIN @extschema@.person p ON p.tenant_id OPERATOR(pg_catalog.=) c.tenant_id
                                                  AND p.person_id OPERATOR(pg_catalog.=) c.person_id
                         JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) p.role_name
                        WHERE c.tenant_id OPERATOR(pg_catalog.=) complainant.tenant_id
                          AND c.complaint_id OPERATOR(pg_catalog.=) complainant.complaint_id
                          AND (r.rolname OPERATOR(pg_catalog.=) SESSION_USER
                               OR pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER'))));
COMMENT ON POLICY not_about_me ON @extschema@.complainant IS
    'Who complained stays hidden from the person complained about (person.role_name): from their login and from any role they become, even one that handles complaints';
-- Privileges and row-level security of the supervision of approvals (see
-- 80_security.sql).  Writers keep items, applications and their facts,
-- audits and findings, and run supervise(), finding_incident() and
-- circulate_criticism(); readers read everything, the announcements too.
-- The policy's defaults (tenant_id NULL) are read by all and changed only
-- by the extension's owner; a tenant's admins write its own overrides.

REVOKE ALL ON @extschema@.supervision_policy, @extschema@.supervision_score_rule, @extschema@.approval_item,
    @extschema@.approval_fee, @extschema@.application, @extschema@.application_step, @extschema@.application_pause,
    @extschema@.application_extension, @extschema@.application_fee, @extschema@.supervision_card,
    @extschema@.audit, @extschema@.audit_finding, @extschema@.supervision_score_entry,
    @extschema@.circulated_criticism FROM PUBLIC;
GRANT SELECT ON @extschema@.supervision_policy, @extschema@.supervision_score_rule, @extschema@.approval_item,
    @extschema@.approval_fee, @extschema@.application, @extschema@.application_step, @extschema@.application_pause,
    @extschema@.application_extension, @extschema@.application_fee, @extschema@.supervision_card,
    @extschema@.audit, @extschema@.audit_finding, @extschema@.supervision_score_entry,
    @extschema@.circulated_criticism TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.approval_item, @extschema@.approval_fee, @extschema@.application, @extschema@.application_step,
    @extschema@.application_pause, @extschema@.application_extension, @extschema@.application_fee,
    @extschema@.audit, @extschema@.audit_finding, @extschema@.supervision_score_entry TO responsibility_writer;
-- The policy that supervises the writers is the admins' to change.
GRANT INSERT, UPDATE, DELETE ON @extschema@.supervision_policy, @extschema@.supervision_score_rule TO responsibility_admin;
-- Cards and criticisms are issued by supervise() and circulate_criticism():
-- writers add, never rewrite or delete, and a red card comes with its
-- incident (supervision_card_check()).
GRANT INSERT ON @extschema@.supervision_card, @extschema@.circulated_criticism TO responsibility_writer;
GRANT USAGE ON @extschema@.approval_item_id_seq, @extschema@.application_id_seq, @extschema@.pause_id_seq,
    @extschema@.fee_id_seq, @extschema@.audit_id_seq, @extschema@.finding_id_seq, @extschema@.criticism_id_seq
    TO responsibility_writer;

REVOKE ALL ON FUNCTION @extschema@.approval_item_fill(), @extschema@.approval_fee_check(),
    @extschema@.application_check(), @extschema@.application_fact_check(), @extschema@.application_touch(),
    @extschema@.application_clocks_refresh(), @extschema@.application_clocks_calendar(),
    @extschema@.supervision_card_check(), @extschema@.score_rule_check() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.decide_application(bigint, @extschema@.application_outcome, bigint, text, timestamptz),
    @extschema@.supervise(bigint, timestamptz, date), @extschema@.finding_incident(bigint),
    @extschema@.circulate_criticism(daterange, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.decide_application(bigint, @extschema@.application_outcome, bigint, text, timestamptz),
    @extschema@.supervise(bigint, timestamptz, date), @extschema@.finding_incident(bigint),
    @extschema@.circulate_criticism(daterange, date) TO responsibility_writer;

DO $policies$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['approval_item', 'approval_fee', 'application', 'application_step', 'application_pause',
                             'application_extension', 'application_fee', 'supervision_card', 'audit', 'audit_finding',
                             'supervision_score_entry', 'circulated_criticism'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'Rows of the tenants the role belongs to (narrowed by responsibility.tenant); writes go to the current tenant'$c$, t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['supervision_policy', 'supervision_score_rule'] LOOP
        EXECUTE format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY defaults_visible ON @extschema@.%I FOR SELECT USING (tenant_id IS NULL)$p$, t);
        EXECUTE format($c$COMMENT ON POLICY defaults_visible ON @extschema@.%I IS
            'Everyone who may read the table reads the defaults (tenant_id NULL); only the extension''s owner changes them'$c$, t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON @extschema@.%I
            USING (tenant_id OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_tenants())::integer[]))
            WITH CHECK (tenant_id OPERATOR(pg_catalog.=) (SELECT @extschema@.current_tenant()))$p$, t);
        EXECUTE format($c$COMMENT ON POLICY tenant_isolation ON @extschema@.%I IS
            'A tenant''s own rows, which override the defaults of the same code: rows of the tenants the role belongs to; writes go to the current tenant'$c$, t);
    END LOOP;
END
$policies$;
-- pg_dump keeps schemes, periods, their inputs and frozen results, and the
-- tenants' own consequence rules (see 90_dump.sql).  A superuser's restore
-- loads them as they were: the triggers step aside (case_restoring()).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_scheme', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_dimension', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scheme_source', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_period', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.period_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.period_event', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_subject', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.evaluation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.target_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.work_memo', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.memo_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_record', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.training_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.learning_plan', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.window_rating', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.rating_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complaint', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complaint_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.complainant', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.retaliation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.retaliation_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.consequence_rule', 'WHERE NOT is_builtin');
-- pg_dump keeps the items, applications and their facts, the cards issued,
-- audits, findings, entries and criticisms, and the tenants' own policy
-- (see 90_dump.sql).  A restore recomputes each application's clock as its
-- rows come in (the triggers take a superuser's COPY as it comes).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_policy', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_score_rule', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_item', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_item_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_fee', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_step', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_pause', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pause_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_extension', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application_fee', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.fee_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_card', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_finding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.finding_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.supervision_score_entry', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.circulated_criticism', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.criticism_id_seq', '');
