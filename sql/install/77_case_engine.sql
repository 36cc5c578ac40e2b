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
                                        reason, reason_zh, chain, tenure, rules)
    SELECT NEW.tenant_id, NEW.case_id, b.ord, b.level, b.person_id, b.position_id, b.kind, b.rule,
           b.reason, b.reason_zh, b.chain, b.tenure, b.rules
      FROM @extschema@.backtrace(NEW.incident_id) WITH ORDINALITY
           AS b(incident_id, level, person_id, position_id, kind, kind_zh, rule, reason, reason_zh, chain, tenure, rules, ord);
    INSERT INTO @extschema@.case_event (tenant_id, case_id, seq, from_state, to_state, at, actor_person_id, reason, recorded_by)
    VALUES (NEW.tenant_id, NEW.case_id, 1, NULL, 'opened', NEW.opened_at, NEW.opened_by, 'case opened', SESSION_USER);
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
    open_windows text;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    -- who recorded it: the role that made the call, whatever the statement says
    NEW.recorded_by := SESSION_USER;
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
    IF NEW.at < (SELECT pg_catalog.max(e.at) FROM @extschema@.case_event e
                  WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id) THEN
        RAISE EXCEPTION 'transition of case % before its last one', NEW.case_id
            USING ERRCODE = 'datetime_field_overflow',
                  DETAIL = format('The case is %s since %s; its last event is dated %s; this one is dated %s.', c.state, c.state_since,
                                  (SELECT pg_catalog.max(e.at) FROM @extschema@.case_event e
                                    WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id), NEW.at);
    END IF;
    IF NEW.is_extension AND NEW.is_waiver THEN
        RAISE EXCEPTION 'an event of case % is an extension or a waiver, not both', NEW.case_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    IF NEW.is_waiver THEN
        -- the subject's written waiver of the windows open to them
        NEW.to_state := c.state;
        IF c.state NOT IN ('served', 'reexamined') THEN
            RAISE EXCEPTION 'case % has no window to waive now', NEW.case_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('The case is %s; the subject waives re-examination, appeal and review once served or re-examined.', c.state);
        END IF;
        IF NEW.actor_person_id <> c.subject_person_id THEN
            RAISE EXCEPTION 'only the subject of case % may waive their windows', NEW.case_id
                USING ERRCODE = 'insufficient_privilege',
                      DETAIL = format('The subject is person %s; person %s tried.', c.subject_person_id, NEW.actor_person_id);
        END IF;
        RETURN NEW;
    ELSIF NEW.is_extension THEN
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
    -- a case closes once the subject's windows have ended, or they waived them
    IF NEW.to_state = 'closed' AND c.state IN ('served', 'reexamined')
       AND NOT EXISTS (SELECT FROM @extschema@.case_event e
                        WHERE e.tenant_id = NEW.tenant_id AND e.case_id = NEW.case_id AND e.is_waiver
                          AND e.at >= c.state_since) THEN
        SELECT pg_catalog.string_agg(format('%s until %s', w.code, w.due), ', ' ORDER BY w.due) INTO open_windows
          FROM (SELECT v.code, @extschema@.case_limit_end(v.code, v.since) AS due
                  FROM (VALUES ('reexamination_request', served_at, 'served'), ('appeal_request', served_at, 'served'),
                               ('review_request', served_at, 'served'),
                               ('appeal_request_after_reexamination', reexamined_at, 'reexamined')) v(code, since, state)
                 WHERE v.state = c.state::text) w
         WHERE NEW.at <= w.due;
        IF open_windows IS NOT NULL THEN
            RAISE EXCEPTION 'case % cannot close while the subject''s windows are open', NEW.case_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = format('Open at %s: %s.', NEW.at, open_windows),
                      HINT = 'Close after the windows end, or record the subject''s written waiver first (case_waive()).';
        END IF;
    END IF;
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
    'Trigger: a transition of a case, refused unless due process allows it (case_transition_rule), in time (case_limit), in order (22008: not in the future, not before the last event), by the subject for their own statement, requests and waiver and by someone who need not recuse themselves for the rest; a case closes once the subject''s windows ended or they waived them (55000); then applied to the case; recorded_by is the session user';

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
-- Expulsion (开除) ends the employment at once (rules.md §3): from the
-- sanction's start the person holds no post, so that chains, traces and the
-- coverage report after that moment no longer name them.  Their tenures end
-- then (those that begin later are removed, with their absences), and where
-- they acted for an absent holder the acting ends then.  The tenures as they
-- were are returned, kept with the sanction (ended_tenures), and put back by
-- restore_tenures() if a re-examination, appeal or review replaces the
-- expulsion by a lighter sanction.
CREATE OR REPLACE FUNCTION @extschema@.end_tenures(tenant_id integer, person_id bigint, at timestamptz) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ended jsonb;
    b record;
BEGIN
    SELECT pg_catalog.jsonb_build_object(
               'assignments', coalesce(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(a) ORDER BY a.assignment_id), '[]'),
               'absences', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(x) ORDER BY x.absence_id)
                                       FROM @extschema@.absence x
                                      WHERE x.tenant_id = end_tenures.tenant_id AND x.person_id = end_tenures.person_id
                                        AND pg_catalog.lower(x.during) >= end_tenures.at), '[]'))
      INTO ended
      FROM @extschema@.assignment a
     WHERE a.tenant_id = end_tenures.tenant_id AND a.person_id = end_tenures.person_id
       AND (pg_catalog.upper_inf(a.during) OR pg_catalog.upper(a.during) > end_tenures.at);
    DELETE FROM @extschema@.assignment a
     WHERE a.tenant_id = end_tenures.tenant_id AND a.person_id = end_tenures.person_id
       AND NOT pg_catalog.lower_inf(a.during) AND pg_catalog.lower(a.during) >= end_tenures.at;
    UPDATE @extschema@.assignment a SET during = pg_catalog.tstzrange(pg_catalog.lower(a.during), end_tenures.at, '[)')
     WHERE a.tenant_id = end_tenures.tenant_id AND a.person_id = end_tenures.person_id
       AND a.during OPERATOR(pg_catalog.@>) end_tenures.at;
    -- acting for an absent holder ends too: the rest of the absence has nobody acting
    FOR b IN SELECT x.* FROM @extschema@.absence x
              WHERE x.tenant_id = end_tenures.tenant_id AND x.acting_person_id = end_tenures.person_id
                AND (pg_catalog.upper_inf(x.during) OR pg_catalog.upper(x.during) > end_tenures.at)
              ORDER BY x.absence_id LOOP
        IF pg_catalog.lower_inf(b.during) OR pg_catalog.lower(b.during) < end_tenures.at THEN
            UPDATE @extschema@.absence x SET during = pg_catalog.tstzrange(pg_catalog.lower(b.during), end_tenures.at, '[)')
             WHERE x.tenant_id = b.tenant_id AND x.absence_id = b.absence_id;
            INSERT INTO @extschema@.absence (tenant_id, assignment_id, kind, during, note)
            VALUES (b.tenant_id, b.assignment_id, b.kind,
                    pg_catalog.tstzrange(end_tenures.at, pg_catalog.upper(b.during), '[)'), b.note);
        ELSE
            UPDATE @extschema@.absence x SET acting_person_id = NULL
             WHERE x.tenant_id = b.tenant_id AND x.absence_id = b.absence_id;
        END IF;
    END LOOP;
    RETURN ended;
END
$$;
COMMENT ON FUNCTION @extschema@.end_tenures(integer, bigint, timestamptz) IS
    'Internal, for an expulsion: ends a person''s tenures and acting at a moment (later tenures removed); returns the tenures as they were';
REVOKE ALL ON FUNCTION @extschema@.end_tenures(integer, bigint, timestamptz) FROM PUBLIC;

CREATE OR REPLACE FUNCTION @extschema@.restore_tenures(tenant_id integer, ended jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    a @extschema@.assignment;
BEGIN
    FOR a IN SELECT * FROM pg_catalog.jsonb_populate_recordset(NULL::@extschema@.assignment, ended -> 'assignments') LOOP
        UPDATE @extschema@.assignment x SET during = a.during
         WHERE x.tenant_id = restore_tenures.tenant_id AND x.assignment_id = a.assignment_id;
        IF NOT FOUND THEN
            INSERT INTO @extschema@.assignment SELECT a.*;
        END IF;
    END LOOP;
    INSERT INTO @extschema@.absence
    SELECT * FROM pg_catalog.jsonb_populate_recordset(NULL::@extschema@.absence, ended -> 'absences') r
     WHERE NOT EXISTS (SELECT FROM @extschema@.absence x
                        WHERE x.tenant_id = restore_tenures.tenant_id AND x.absence_id = r.absence_id);
END
$$;
COMMENT ON FUNCTION @extschema@.restore_tenures(integer, jsonb) IS
    'Internal, for an expulsion replaced on appeal: puts back the tenures it ended (the acting it ended is not put back)';
REVOKE ALL ON FUNCTION @extschema@.restore_tenures(integer, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION @extschema@.sanction_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c record;
    k @extschema@.sanction_kind;
    band record;
    inc record;
    old_s record;
    old_k @extschema@.sanction_kind;
    prior record;
    tz text;
    cap_end timestamptz;
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
    -- Decisions about one person, in any of their cases, take turns: the
    -- remainder carried and the 48 months are read after every earlier
    -- decision about them has committed.  The person's row is updated, not
    -- only locked, so that under REPEATABLE READ a decision whose snapshot
    -- missed another fails (40001) rather than computing from stale rows.
    UPDATE @extschema@.person p SET name = p.name
     WHERE p.tenant_id = NEW.tenant_id AND p.person_id = NEW.person_id;
    SELECT i.severity, i.occurred_at INTO inc FROM @extschema@.incident i
     WHERE i.tenant_id = c.tenant_id AND i.incident_id = c.incident_id;
    SELECT cal.time_zone INTO tz FROM @extschema@.tenant t JOIN @extschema@.calendar cal ON cal.code = t.calendar
     WHERE t.tenant_id = NEW.tenant_id;
    NEW.decided_at := c.state_since;
    IF NEW.starts_at IS NULL THEN
        NEW.starts_at := c.state_since;
    END IF;
    NEW.superseded_at := NULL;
    NEW.carried_from := NULL;
    NEW.replaces := NULL;
    NEW.capped := false;
    NEW.in_force := NULL;
    NEW.ended_tenures := NULL;

    -- the band of the tier and the kind of responsibility
    IF k.family = 'administrative' THEN
        SELECT b.min_rank, b.max_rank INTO band FROM @extschema@.sanction_band b
         WHERE (b.tenant_id IS NULL OR b.tenant_id = NEW.tenant_id) AND b.severity = inc.severity AND b.kind = c.subject_kind
         ORDER BY b.tenant_id NULLS LAST LIMIT 1;
        IF FOUND AND (k.rank > band.max_rank OR k.rank < band.min_rank - CASE WHEN NEW.reduced THEN 1 ELSE 0 END) THEN
            RAISE EXCEPTION 'the band does not allow % (%) for % responsibility in a % incident', k.label_en, k.label_zh,
                            c.subject_kind, inc.severity
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = format('Allowed: %s%s.',
                                      (SELECT pg_catalog.string_agg(s.label_en || ' ' || s.label_zh, ', ' ORDER BY s.rank)
                                         FROM @extschema@.sanction_kind s
                                        WHERE s.family = 'administrative' AND s.rank BETWEEN band.min_rank AND band.max_rank),
                                      CASE WHEN NEW.reduced THEN ', or one rank below (减轻)' ELSE '' END),
                      HINT = 'Aggravating and mitigating circumstances move within the band; reduced (减轻) allows one rank below it.';
        END IF;
    END IF;

    -- the period decided
    IF k.months IS NULL THEN
        IF NEW.months IS NOT NULL THEN
            RAISE EXCEPTION '% (%) has no period', k.label_en, k.label_zh USING ERRCODE = 'invalid_parameter_value';
        END IF;
    ELSE
        NEW.months := coalesce(NEW.months, k.months);
        IF NEW.months > 48 THEN
            RAISE EXCEPTION 'a sanction period of % months is over 48 months', NEW.months
                USING ERRCODE = 'numeric_value_out_of_range',
                      HINT = 'A period is 48 months at most (处分条例 art. 10; 政务处分法 art. 15).';
        END IF;
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
    ELSIF NEW.starts_at < c.state_since OR NEW.starts_at < inc.occurred_at THEN
        RAISE EXCEPTION 'sanction of case % would start before its %', NEW.case_id,
                        CASE WHEN NEW.starts_at < inc.occurred_at THEN 'incident' ELSE 'decision' END
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The incident occurred at %s and the case was decided at %s; starts_at is %s.',
                                  inc.occurred_at, c.state_since, NEW.starts_at),
                  HINT = 'A sanction takes effect with its decision or later.';
    END IF;

    -- the period in force: calendar months of the tenant's calendar time
    -- zone; during another sanction's period the remainder plus the new one
    -- (that one's end plus the months decided); at most 48 months
    IF k.ends_employment THEN
        NEW.ends_at := NULL;
    ELSIF k.months IS NULL THEN
        NEW.ends_at := ((NEW.starts_at AT TIME ZONE tz) + k.no_equivalent_post_months * interval '1 month') AT TIME ZONE tz;
        NEW.in_force := k.no_equivalent_post_months * interval '1 month';
    ELSE
        IF NEW.replaces IS NOT NULL THEN
            SELECT s.* INTO prior FROM @extschema@.sanction s
             WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = old_s.carried_from;
        ELSE
            SELECT s.* INTO prior FROM @extschema@.sanction s JOIN @extschema@.sanction_kind sk ON sk.code = s.kind
             WHERE s.tenant_id = NEW.tenant_id AND s.person_id = NEW.person_id AND sk.months IS NOT NULL
               AND s.starts_at <= NEW.starts_at AND s.ends_at > NEW.starts_at
               AND (s.superseded_at IS NULL OR s.superseded_at > NEW.starts_at)
             ORDER BY s.ends_at DESC LIMIT 1;
        END IF;
        NEW.ends_at := ((coalesce(prior.ends_at, NEW.starts_at) AT TIME ZONE tz) + NEW.months * interval '1 month') AT TIME ZONE tz;
        NEW.in_force := NEW.months * interval '1 month'
                        + CASE WHEN prior.sanction_id IS NOT NULL
                               THEN pg_catalog.age(prior.ends_at AT TIME ZONE tz, NEW.starts_at AT TIME ZONE tz)
                               ELSE interval '0' END;
        cap_end := ((NEW.starts_at AT TIME ZONE tz) + interval '48 months') AT TIME ZONE tz;
        IF NEW.ends_at > cap_end THEN
            NEW.ends_at := cap_end;
            NEW.in_force := interval '48 months';
            NEW.capped := true;
        END IF;
        NEW.carried_from := prior.sanction_id;
    END IF;

    IF NEW.replaces IS NOT NULL THEN
        UPDATE @extschema@.sanction s SET superseded_at = NEW.starts_at
         WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = NEW.replaces;
        -- an expulsion replaced on appeal: the tenures it ended come back
        IF old_k.ends_employment AND NOT k.ends_employment THEN
            PERFORM @extschema@.restore_tenures(NEW.tenant_id, old_s.ended_tenures);
        END IF;
    END IF;
    IF NEW.carried_from IS NOT NULL AND NEW.replaces IS NULL THEN
        UPDATE @extschema@.sanction s SET superseded_at = NEW.starts_at
         WHERE s.tenant_id = NEW.tenant_id AND s.sanction_id = NEW.carried_from;
    END IF;
    -- an expulsion ends the employment at once: from its start the person
    -- holds no post
    IF k.ends_employment AND NEW.replaces IS NULL THEN
        NEW.ended_tenures := @extschema@.end_tenures(NEW.tenant_id, NEW.person_id, NEW.starts_at);
    ELSIF k.ends_employment THEN
        NEW.ended_tenures := old_s.ended_tenures;
    END IF;
    RETURN NEW;
END
$$;

-- Opening: the subject must answer for the incident; the kind and the chain
-- of the incident's moment are taken then.
CREATE OR REPLACE FUNCTION @extschema@.case_open() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    inc record;
    subject record;
BEGIN
    IF @extschema@.case_restoring() THEN
        RETURN NEW;
    END IF;
    SELECT i.occurred_at, i.unit_id INTO inc FROM @extschema@.incident i
     WHERE i.tenant_id = NEW.tenant_id AND i.incident_id = NEW.incident_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'incident % does not exist', NEW.incident_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No incident has this id in the current tenant.';
    END IF;
    IF NEW.opened_at > pg_catalog.now() THEN
        RAISE EXCEPTION 'case opened in the future'
            USING ERRCODE = 'datetime_field_overflow', DETAIL = format('opened_at is %s; it is now %s.', NEW.opened_at, pg_catalog.now());
    END IF;
    IF NEW.opened_at < inc.occurred_at THEN
        RAISE EXCEPTION 'case opened before its incident'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The incident occurred at %s; the case is opened at %s.', inc.occurred_at, NEW.opened_at);
    END IF;
    -- one trace: the subject's row (one a person), and everyone in it
    SELECT (pg_catalog.array_agg(b.kind ORDER BY b.ord)
              FILTER (WHERE b.person_id = NEW.subject_person_id AND b.kind IS NOT NULL))[1] AS kind,
           (pg_catalog.array_agg(b.position_id ORDER BY b.ord)
              FILTER (WHERE b.person_id = NEW.subject_person_id AND b.kind IS NOT NULL))[1] AS position_id,
           pg_catalog.array_agg(b.person_id) FILTER (WHERE b.person_id IS NOT NULL) AS persons
      INTO subject
      FROM @extschema@.backtrace(NEW.incident_id) WITH ORDINALITY
           AS b(incident_id, level, person_id, position_id, kind, kind_zh, rule, reason, reason_zh, chain, tenure, rules, ord);
    IF subject.kind IS NULL THEN
        RAISE EXCEPTION 'person % does not answer for incident %', NEW.subject_person_id, NEW.incident_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Open a case against a person the back-trace of the incident holds responsible (backtrace()).';
    END IF;
    NEW.subject_kind := subject.kind;
    NEW.subject_chain := CASE WHEN subject.position_id IS NOT NULL
                              THEN @extschema@.command_chain(subject.position_id, inc.occurred_at) END;
    NEW.state := 'opened';
    NEW.state_since := NEW.opened_at;
    NEW.decision_extended := false;
    IF NEW.opened_by = ANY (subject.persons || @extschema@.persons(NEW.subject_chain)) THEN
        RAISE EXCEPTION 'person % must recuse themselves from a case against person %', NEW.opened_by, NEW.subject_person_id
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'They are in the back-trace of the incident or on the subject''s chain of command at its moment.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.case_open() IS
    'Trigger: a new case against a person the incident''s back-trace holds responsible, opened by someone who need not recuse themselves; takes the subject''s kind and chain of command';

CREATE OR REPLACE FUNCTION @extschema@.case_extend(case_id bigint, actor_person_id bigint, reason text,
                                        at timestamptz DEFAULT pg_catalog.now()) RETURNS timestamptz
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    opened timestamptz;
BEGIN
    SELECT c.opened_at INTO opened FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = case_extend.case_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', case_extend.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    INSERT INTO @extschema@.case_event (case_id, seq, to_state, is_extension, at, actor_person_id, reason)
    SELECT c.case_id, 0, c.state, true, case_extend.at, case_extend.actor_person_id, case_extend.reason
      FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = case_extend.case_id;
    RETURN @extschema@.case_limit_end('decision_max', opened);
END
$$;
COMMENT ON FUNCTION @extschema@.case_extend(bigint, bigint, text, timestamptz) IS
    'Extends the decision limit of a case from 6 to 12 months, once, before the decision; returns the new limit';

CREATE OR REPLACE FUNCTION @extschema@.decide_sanction(case_id bigint, kind text, months integer DEFAULT NULL,
                                            offences integer DEFAULT 1, aggravating boolean DEFAULT false,
                                            mitigating boolean DEFAULT false, reduced boolean DEFAULT false,
                                            starts_at timestamptz DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    id bigint;
BEGIN
    INSERT INTO @extschema@.sanction (case_id, person_id, kind, months, offences, aggravating, mitigating, reduced,
                                      starts_at, decided_at)
    SELECT c.case_id, c.subject_person_id, decide_sanction.kind, decide_sanction.months, decide_sanction.offences,
           decide_sanction.aggravating, decide_sanction.mitigating, decide_sanction.reduced,
           decide_sanction.starts_at, c.state_since
      FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = decide_sanction.case_id
    RETURNING sanction.sanction_id INTO id;
    IF id IS NULL THEN
        RAISE EXCEPTION 'case % does not exist', decide_sanction.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    RETURN id;
END
$$;
COMMENT ON FUNCTION @extschema@.decide_sanction(bigint, text, integer, integer, boolean, boolean, boolean, timestamptz) IS
    'Records the sanction of a case (decided), or the lighter one a re-examination, appeal or review puts in its place; kind is a code of sanction_kind; months defaults to its period (several offences of one kind: between one period and their sum); at most 48 months; returns the sanction id; an unknown case is 42704';

CREATE OR REPLACE FUNCTION @extschema@.case_deadlines(case_id bigint, at timestamptz DEFAULT pg_catalog.now())
    RETURNS TABLE (limit_code text, due_at timestamptz, status text)
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM @extschema@.accountability_case c
                    WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = case_deadlines.case_id) THEN
        RAISE EXCEPTION 'case % does not exist', case_deadlines.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    RETURN QUERY
    WITH c AS (SELECT a.*,
                      (SELECT pg_catalog.max(e.at) FROM @extschema@.case_event e
                        WHERE e.tenant_id = a.tenant_id AND e.case_id = a.case_id AND e.to_state = 'served') AS served_at,
                      (SELECT pg_catalog.max(e.at) FROM @extschema@.case_event e
                        WHERE e.tenant_id = a.tenant_id AND e.case_id = a.case_id AND e.to_state = 'reexamined') AS reexamined_at
                 FROM @extschema@.accountability_case a
                WHERE a.tenant_id = @extschema@.current_tenant() AND a.case_id = case_deadlines.case_id),
    d AS (
        SELECT CASE WHEN c.decision_extended THEN 'decision_max' ELSE 'decision' END AS code,
               @extschema@.case_limit_end(CASE WHEN c.decision_extended THEN 'decision_max' ELSE 'decision' END, c.opened_at) AS due
          FROM c WHERE c.state IN ('opened', 'notified', 'statement', 'hearing_requested', 'heard')
        UNION ALL
        SELECT w.code, @extschema@.case_limit_end(w.code, c.served_at)
          FROM c, (VALUES ('reexamination_request'), ('appeal_request'), ('review_request')) w(code)
         WHERE c.state = 'served'
        UNION ALL
        SELECT 'appeal_request_after_reexamination', @extschema@.case_limit_end('appeal_request_after_reexamination', c.reexamined_at)
          FROM c WHERE c.state = 'reexamined'
        UNION ALL
        SELECT w.code, @extschema@.case_limit_end(w.code, c.state_since)
          FROM c, (VALUES ('reexamination_requested', 'reexamination_decision'), ('appealed', 'appeal_decision'),
                          ('review_requested', 'review_decision')) w(state, code)
         WHERE c.state::text = w.state)
    SELECT d.code, d.due,
           CASE WHEN case_deadlines.at > d.due THEN 'passed'
                WHEN case_deadlines.at > d.due - (SELECT @extschema@.case_limit_end('warn_before', d.due) - d.due) THEN 'warning'
                ELSE 'open' END
      FROM d ORDER BY d.due;
END
$$;
COMMENT ON FUNCTION @extschema@.case_deadlines(bigint, timestamptz) IS
    'The time limits running for a case at a moment, each with its end and its status: open, warning (within case_limit warn_before days of its end) or passed';

CREATE OR REPLACE FUNCTION @extschema@.case_waive(case_id bigint, subject_person_id bigint, reason text,
                                                  at timestamptz DEFAULT pg_catalog.now()) RETURNS @extschema@.case_state
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    st @extschema@.case_state;
BEGIN
    SELECT c.state INTO st FROM @extschema@.accountability_case c
     WHERE c.tenant_id = @extschema@.current_tenant() AND c.case_id = case_waive.case_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'case % does not exist', case_waive.case_id
            USING ERRCODE = 'undefined_object', DETAIL = 'No case has this id in the current tenant.';
    END IF;
    INSERT INTO @extschema@.case_event (case_id, seq, to_state, is_waiver, at, actor_person_id, reason)
    VALUES (case_waive.case_id, 0, st, true, case_waive.at, case_waive.subject_person_id, case_waive.reason);
    RETURN st;
END
$$;
COMMENT ON FUNCTION @extschema@.case_waive(bigint, bigint, text, timestamptz) IS
    'Records the subject''s written waiver (放弃) of the re-examination, appeal and administrative review still open to them, once the decision is served or re-examined, so that the case may close before those windows end; by the subject only (42501); returns the state, which it keeps';
