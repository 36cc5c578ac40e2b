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
