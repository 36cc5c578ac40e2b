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
