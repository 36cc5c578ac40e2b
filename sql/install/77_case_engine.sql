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
