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
                                                  duty_id, step_id, work_ref, source, overdue)
                VALUES (sig.tenant_id, least(failed.at, now()), failed.unit_id,
                        format('red card: application %s (%s) still undone after %s', failed.ref, failed.title, sig.act_by),
                        'other', 'general', failed.duty_id, failed.step_id, failed.ref, 'supervision', true)
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
