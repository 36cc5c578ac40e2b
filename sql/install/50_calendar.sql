-- Working-day calendars (工作日历).  Statutory time limits are counted in
-- working days; a calendar says which days are worked.  Calendars are global
-- reference data, shared by every tenant.  A day is a working day when its
-- weekday is not a rest day of the calendar and it is not listed as a
-- holiday, or when it is listed as an adjusted working day (调休).  The C
-- functions (src/calendar.c, src/workcal.c) keep a bitmap of every calendar
-- they use, dropped by the invalidate_caches() triggers when the data changes.

CREATE TABLE @extschema@.calendar (
    code        text PRIMARY KEY
                CHECK (code OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]{0,62}$'),
    name_en     text NOT NULL,
    name_zh     text NOT NULL,
    time_zone   text NOT NULL,
    rest_days   smallint[] NOT NULL DEFAULT '{6,7}'
                CHECK (rest_days OPERATOR(pg_catalog.<@) '{1,2,3,4,5,6,7}'::smallint[]
                       AND pg_catalog.array_position(rest_days, NULL) IS NULL
                       AND NOT rest_days OPERATOR(pg_catalog.@>) '{1,2,3,4,5,6,7}'::smallint[]),
    fallback_to_weekly boolean NOT NULL DEFAULT false,
    is_builtin  boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.calendar IS
    'A working-day calendar (工作日历): weekly rest days, and holidays and adjusted working days in calendar_day for the official years in calendar_year';
COMMENT ON COLUMN @extschema@.calendar.code IS
    'Short name passed to the working-day functions as their last argument (lower case, digits, underscore); cn is the built-in calendar of mainland China';
COMMENT ON COLUMN @extschema@.calendar.name_en IS 'Name in English';
COMMENT ON COLUMN @extschema@.calendar.name_zh IS 'Name in Chinese';
COMMENT ON COLUMN @extschema@.calendar.time_zone IS
    'Time zone (IANA name) in which the calendar''s days begin and end: deadline_at() returns the end of the due day in this zone';
COMMENT ON COLUMN @extschema@.calendar.rest_days IS
    'Weekly rest days as ISO weekdays (1 Monday .. 7 Sunday); at least one weekday must be worked';
COMMENT ON COLUMN @extschema@.calendar.fallback_to_weekly IS
    'Outside the official years, false: the functions raise an error; true: they use the weekly rest days alone and the *_checked variants report the result as provisional';
COMMENT ON COLUMN @extschema@.calendar.is_builtin IS
    'True for the calendars the extension ships; pg_dump leaves built-in rows to CREATE EXTENSION';

CREATE TABLE @extschema@.calendar_year (
    calendar    text NOT NULL REFERENCES @extschema@.calendar ON DELETE CASCADE,
    year        integer NOT NULL CHECK (year BETWEEN 1 AND 9999),
    is_builtin  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (calendar, year)
);
COMMENT ON TABLE @extschema@.calendar_year IS
    'The years for which a calendar has official data: all their holidays and adjusted working days are in calendar_day';
COMMENT ON COLUMN @extschema@.calendar_year.year IS
    'A year whose official holidays and adjusted working days have been recorded; add the next year when it is announced';
COMMENT ON COLUMN @extschema@.calendar_year.is_builtin IS
    'True for the years the extension ships; pg_dump leaves built-in rows to CREATE EXTENSION';

CREATE TABLE @extschema@.calendar_day (
    calendar    text NOT NULL,
    day         date NOT NULL,
    year        integer NOT NULL GENERATED ALWAYS AS (EXTRACT(YEAR FROM day)::integer) STORED,
    kind        text NOT NULL CHECK (kind IN ('holiday', 'adjusted_workday')),
    festival_en text NOT NULL,
    festival_zh text NOT NULL,
    is_builtin  boolean NOT NULL DEFAULT false,
    CONSTRAINT calendar_day_one_entry_per_date PRIMARY KEY (calendar, day),
    CONSTRAINT calendar_day_in_official_year FOREIGN KEY (calendar, year)
        REFERENCES @extschema@.calendar_year ON DELETE CASCADE
);
COMMENT ON TABLE @extschema@.calendar_day IS
    'The exceptions to a calendar''s weekly pattern: statutory holidays and adjusted working days (调休), one entry per date, in official years only';
COMMENT ON COLUMN @extschema@.calendar_day.year IS
    'The year of day (generated): the day must lie in an official year of the calendar';
COMMENT ON COLUMN @extschema@.calendar_day.kind IS
    'holiday: a day off (a holiday on a weekly rest day is allowed and changes nothing); adjusted_workday: a weekly rest day that is worked (调休)';
COMMENT ON COLUMN @extschema@.calendar_day.festival_en IS 'The festival the day belongs to, in English';
COMMENT ON COLUMN @extschema@.calendar_day.festival_zh IS 'The festival the day belongs to, in Chinese';
COMMENT ON COLUMN @extschema@.calendar_day.is_builtin IS
    'True for the days the extension ships; pg_dump leaves built-in rows to CREATE EXTENSION';

-- Rejects a time zone PostgreSQL does not know, and a change of rest days
-- that would turn an adjusted working day into an ordinary working day.
CREATE FUNCTION @extschema@.calendar_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    clash date;
BEGIN
    -- a zone name the C code can load (pg_tzset), not an abbreviation
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_timezone_names z WHERE z.name = NEW.time_zone) THEN
        RAISE EXCEPTION 'time zone "%" not recognized', NEW.time_zone
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use a time zone name from pg_timezone_names, such as Asia/Shanghai; abbreviations are not time zones.';
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT d.day INTO clash
          FROM @extschema@.calendar_day d
         WHERE d.calendar = OLD.code AND d.kind = 'adjusted_workday'
           AND NOT EXTRACT(ISODOW FROM d.day)::smallint = ANY (NEW.rest_days)
         ORDER BY d.day LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'adjusted working day % of calendar "%" would fall on a working day', clash, OLD.code
                USING ERRCODE = 'check_violation',
                      DETAIL = format('With rest days %s, %s (ISO weekday %s) is an ordinary working day.',
                                      NEW.rest_days, clash, EXTRACT(ISODOW FROM clash)),
                      HINT = 'Delete or change the adjusted working day first.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.calendar_check() IS
    'Row trigger on calendar: validates the time zone and keeps every adjusted working day on a weekly rest day';

-- Rejects an adjusted working day on a day the weekly pattern already works:
-- such an entry contradicts the calendar.
CREATE FUNCTION @extschema@.calendar_day_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rest smallint[];
BEGIN
    IF NEW.kind = 'adjusted_workday' THEN
        SELECT c.rest_days INTO rest FROM @extschema@.calendar c WHERE c.code = NEW.calendar;
        IF FOUND AND NOT EXTRACT(ISODOW FROM NEW.day)::smallint = ANY (rest) THEN
            RAISE EXCEPTION 'adjusted working day % of calendar "%" falls on a working day', NEW.day, NEW.calendar
                USING ERRCODE = 'check_violation',
                      DETAIL = format('%s is ISO weekday %s, not one of the rest days %s; an adjusted working day (调休) must be a rest day that is worked.',
                                      NEW.day, EXTRACT(ISODOW FROM NEW.day), rest);
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.calendar_day_check() IS
    'Row trigger on calendar_day: an adjusted working day must fall on a weekly rest day of its calendar';

CREATE TRIGGER calendar_check BEFORE INSERT OR UPDATE ON @extschema@.calendar
    FOR EACH ROW EXECUTE FUNCTION @extschema@.calendar_check();
CREATE TRIGGER calendar_day_check BEFORE INSERT OR UPDATE ON @extschema@.calendar_day
    FOR EACH ROW EXECUTE FUNCTION @extschema@.calendar_day_check();

-- Every backend's bitmap of a calendar is dropped when any of the three
-- tables changes (src/cache_inval.c).
CREATE TRIGGER invalidate_caches AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.calendar
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
CREATE TRIGGER invalidate_caches AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.calendar_year
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
CREATE TRIGGER invalidate_caches AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.calendar_day
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_caches();
-- Always, also under logical replication and session_replication_role = replica.
ALTER TABLE @extschema@.calendar ENABLE ALWAYS TRIGGER invalidate_caches;
ALTER TABLE @extschema@.calendar_year ENABLE ALWAYS TRIGGER invalidate_caches;
ALTER TABLE @extschema@.calendar_day ENABLE ALWAYS TRIGGER invalidate_caches;

-- pg_dump keeps the rows users add; the built-in ones come from CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.calendar', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.calendar_year', 'WHERE NOT is_builtin');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.calendar_day', 'WHERE NOT is_builtin');

REVOKE ALL ON @extschema@.calendar, @extschema@.calendar_year, @extschema@.calendar_day FROM PUBLIC;
GRANT SELECT ON @extschema@.calendar, @extschema@.calendar_year, @extschema@.calendar_day
    TO responsibility_reader;
GRANT INSERT, UPDATE, DELETE ON @extschema@.calendar, @extschema@.calendar_year, @extschema@.calendar_day
    TO responsibility_admin;

-- The working-day functions.  Each takes the calendar's code last, 'cn' by
-- default.  Counting is half-open like date subtraction: the day counted
-- from never counts, the day reached does.  Outside the official years of a
-- calendar they raise an error naming the year, unless the calendar has
-- fallback_to_weekly (then the *_checked variants flag the result as
-- provisional).  They read the tables, hence STABLE.

CREATE FUNCTION @extschema@.is_workday(day date, calendar text DEFAULT 'cn') RETURNS boolean
    AS 'MODULE_PATHNAME', 'is_workday'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_workday(date, text) IS
    'Whether the day is a working day (工作日) in the calendar';

CREATE FUNCTION @extschema@.add_workdays(start date, n integer, calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'add_workdays'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays(date, integer, text) IS
    'The n-th working day after start (n > 0) or before it (n < 0), start itself never counting; n = 0 returns start unchanged, working day or not';

CREATE FUNCTION @extschema@.add_workdays_checked(start date, n integer, calendar text DEFAULT 'cn',
                                                OUT due date, OUT provisional boolean)
    AS 'MODULE_PATHNAME', 'add_workdays_checked'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_workdays_checked(date, integer, text) IS
    'add_workdays(), and whether the result is provisional: true when a day counted lies outside the official years (calendars with fallback_to_weekly only)';

CREATE FUNCTION @extschema@.workdays_between(from_day date, to_day date, calendar text DEFAULT 'cn') RETURNS integer
    AS 'MODULE_PATHNAME', 'workdays_between'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workdays_between(date, date, text) IS
    'Working days in (from_day, to_day] (from_day not counted, to_day counted, like to_day - from_day); negative when to_day < from_day';

CREATE FUNCTION @extschema@.next_workday(day date, calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'next_workday'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.next_workday(date, text) IS
    'The first working day strictly after the day (= add_workdays(day, 1))';

CREATE FUNCTION @extschema@.workday_on_or_after(day date, calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'workday_on_or_after'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.workday_on_or_after(date, text) IS
    'The day itself when it is a working day, else the next working day';

CREATE FUNCTION @extschema@.deadline(start date, n integer, pauses datemultirange DEFAULT '{}',
                                    calendar text DEFAULT 'cn') RETURNS date
    AS 'MODULE_PATHNAME', 'deadline'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline(date, integer, datemultirange, text) IS
    'Due date of a time limit of n working days from start (start not counted), skipping the paused days (hearing, testing, expert review: 行政许可法 art. 45); n = 0 returns start; pauses must have an end';

CREATE FUNCTION @extschema@.deadline_checked(start date, n integer, pauses datemultirange DEFAULT '{}',
                                            calendar text DEFAULT 'cn',
                                            OUT due date, OUT provisional boolean)
    AS 'MODULE_PATHNAME', 'deadline_checked'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_checked(date, integer, datemultirange, text) IS
    'deadline(), and whether the due date is provisional: true when a day counted lies outside the official years (calendars with fallback_to_weekly only)';

CREATE FUNCTION @extschema@.deadline_at(start timestamptz, n integer, pauses tstzmultirange DEFAULT '{}',
                                       calendar text DEFAULT 'cn') RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'deadline_at'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.deadline_at(timestamptz, integer, tstzmultirange, text) IS
    'deadline() for instants: days are those of the calendar''s time zone, a day touched by a pause does not count, and the result is the last microsecond of the due day (on time iff done <= result)';
