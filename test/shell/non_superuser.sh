#!/usr/bin/env bash
# The extension used by an ordinary login role (granted responsibility_writer)
# with an empty search_path and with a hostile one (a schema of its own,
# searched before pg_catalog, whose = on bigint and integer and @> on
# tstzrange always answer true): rows go in, constraints and triggers still
# hold, command_chain and the rchain operators give exact answers, and the
# role cannot touch tenants or call invalidate_caches.  Prints TAP.
#
# Needs PGHOST/PGPORT/PGUSER (a superuser) in the environment; the local
# socket trusts every role.
set -u

DB=rsp_nonsu
APP=rsp_app
SU=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB")
AS_APP=(psql -X -q -At -v ON_ERROR_STOP=1 -U "$APP" -d "$DB")
. "$(dirname "$0")/tap.bash"

# The SQLSTATE of the first error of a statement run as the application
# role, or "none".
sqlstate_as_app() {  # sqlstate_as_app SEARCH_PATH SQL
    local out
    out=$(psql -X -q -At -U "$APP" -d "$DB" -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate \
          -c "SET search_path = $1" -c "$2" 2>&1 >/dev/null)
    if [ -z "$out" ]; then echo none; else echo "$out" | sed -n 's/^.*ERROR: *\([0-9A-Z]\{5\}\).*$/\1/p' | head -1; fi
}

# The value of key=... in a block of key=value lines.
val() { printf '%s\n' "$1" | sed -n "s/^$2=//p"; }

cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1
    dropdb --if-exists "${DB}_guard" >/dev/null 2>&1
    psql -X -q -d postgres -c "DROP ROLE IF EXISTS $APP" >/dev/null 2>&1
}

echo "1..51"

cleanup
out=$(psql -X -q -v ON_ERROR_STOP=1 -d postgres \
        -c "CREATE ROLE $APP LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE responsibility_writer" 2>&1 \
      && createdb "$DB" 2>&1 \
      && "${SU[@]}" -c 'CREATE EXTENSION responsibility CASCADE' \
                    -c "CREATE SCHEMA evil AUTHORIZATION $APP" \
                    -c "INSERT INTO responsibility.tenant (code, name) VALUES ('ns_other', 'Other tenant')" 2>&1)
ok $? "role $APP (not a superuser) and a database where the superuser created the extension" "$out"
is "$("${AS_APP[@]}" -c 'SELECT current_user, usesuper FROM pg_user WHERE usename = current_user' 2>&1)" "$APP|f" \
    "connected as $APP, who is not a superuser"

# The hostile schema, made by the application role itself.
out=$("${AS_APP[@]}" 2>&1 <<'SQL'
CREATE FUNCTION evil.always(bigint, bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.always(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE FUNCTION evil.always(tstzrange, timestamptz) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true';
CREATE OPERATOR evil.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = evil.always);
CREATE OPERATOR evil.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = evil.always);
CREATE OPERATOR evil.@> (LEFTARG = tstzrange, RIGHTARG = timestamptz, FUNCTION = evil.always);
CREATE FUNCTION evil.current_tenant() RETURNS integer LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION evil.pg_has_role(name, name, text) RETURNS boolean LANGUAGE sql AS 'SELECT true';
CREATE FUNCTION evil.nextval(regclass) RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';
SET search_path = evil, pg_catalog;
SELECT 1::bigint = 2::bigint;
SQL
)
ok $? "$APP made a schema evil whose operators answer true" "$out"
is "$out" "t" "the evil = does capture unqualified bigint comparisons when evil comes first"

# --- empty search_path ----------------------------------------------------
org=$("${AS_APP[@]}" 2>&1 <<'SQL'
SET search_path = '';
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
INSERT INTO responsibility.unit (code, name) VALUES ('ns_top', 'Top unit') RETURNING unit_id AS u1 \gset
INSERT INTO responsibility.unit (code, name, parent_id) VALUES ('ns_dept', 'Department', :u1) RETURNING unit_id AS u2 \gset
INSERT INTO responsibility.position (unit_id, title, kind) VALUES (:u1, 'Head', 'head') RETURNING position_id AS p1 \gset
INSERT INTO responsibility.position (unit_id, title, kind, reports_to) VALUES (:u1, 'Deputy', 'deputy', :p1) RETURNING position_id AS p2 \gset
INSERT INTO responsibility.position (unit_id, title, kind, reports_to) VALUES (:u2, 'Director', 'head', :p1) RETURNING position_id AS p3 \gset
INSERT INTO responsibility.position (unit_id, title, kind, reports_to) VALUES (:u2, 'Clerk', 'staff', :p3) RETURNING position_id AS p4 \gset
INSERT INTO responsibility.person (name) VALUES ('Ann') RETURNING person_id AS h1 \gset
INSERT INTO responsibility.person (name) VALUES ('Bob') RETURNING person_id AS h2 \gset
INSERT INTO responsibility.person (name) VALUES ('Cai') RETURNING person_id AS h3 \gset
INSERT INTO responsibility.assignment (position_id, person_id, during, tenure) VALUES
    (:p1, :h1, '[2005-01-01 00:00+00,)', 'holder'),
    (:p2, :h2, '[2005-01-01 00:00+00,)', 'holder'),
    (:p3, :h3, '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
    (:p3, :h2, '[2006-01-01 00:00+00,)', 'acting');
INSERT INTO responsibility.charge (position_id, unit_id, during) VALUES (:p2, :u2, '[2005-06-01 00:00+00,)');
SELECT 'ids=' || :p1 || ' ' || :p2 || ' ' || :p3 || ' ' || :p4 || ' ' || :h1 || ' ' || :h2 || ' ' || :h3;
SELECT 'tenants=' || pg_catalog.string_agg(DISTINCT tenant_id::text, ',') FROM responsibility.position;
SELECT 'chain2005=' || responsibility.command_chain(:p4, '2005-03-01 00:00+00')::text;
SELECT 'chain2006=' || responsibility.command_chain(:p4, '2006-03-01 00:00+00')::text;
SELECT 'holder=' || responsibility.holder(:p3, '2006-03-01 00:00+00');
SELECT 'ops=' || (responsibility.command_chain(:p4, '2006-03-01 00:00+00') OPERATOR(responsibility.@>) :p2::bigint)
       || ',' || (:p1::bigint OPERATOR(responsibility.<@) responsibility.command_chain(:p4, '2006-03-01 00:00+00'))
       || ',' || (responsibility.command_chain(:p4, '2006-03-01 00:00+00') OPERATOR(responsibility.~>) :h3::bigint)
       || ',' || (responsibility.command_chain(:p4, '2006-03-01 00:00+00') OPERATOR(responsibility.=)
                  responsibility.command_chain(:p4, '2006-03-01 00:00+00'))
       || ',' || (responsibility.command_chain(:p4, '2006-03-01 00:00+00')::text::responsibility.rchain OPERATOR(responsibility.=)
                  responsibility.command_chain(:p4, '2006-03-01 00:00+00'))
       || ',' || responsibility.length(responsibility.command_chain(:p4, '2006-03-01 00:00+00'))
       || ',' || (responsibility.link(responsibility.command_chain(:p4, '2006-03-01 00:00+00'), 2)).tenure;
SQL
)
ok $? "with search_path = '' $APP inserts an organisation and computes chains" "$org"
read -r p1 p2 p3 p4 h1 h2 h3 <<<"$(val "$org" ids)"
is "$(val "$org" tenants)" "1" "its rows went to the default tenant"
is "$(val "$org" chain2005)" "[2005-03-01 00:00:00+00] $p4:post:vacant > $p3:unit_head:$h3 > $p1:head:$h1" \
    "empty search_path: the chain before the charge"
is "$(val "$org" chain2006)" "[2006-03-01 00:00:00+00] $p4:post:vacant > $p3:unit_head:$h2(acting) > $p2:in_charge:$h2 > $p1:head:$h1" \
    "empty search_path: the chain with an acting director and a leader in charge"
is "$(val "$org" holder)" "$h2" "empty search_path: holder()"
is "$(val "$org" ops)" "true,true,false,true,true,4,acting" \
    "empty search_path: rchain operators @>, <@, ~>, =, text round trip, length, link"

# --- hostile search_path ----------------------------------------------------
HOSTILE="evil, pg_catalog, responsibility, public"
evil=$("${AS_APP[@]}" -v p1="$p1" -v p2="$p2" -v p3="$p3" -v p4="$p4" -v h1="$h1" -v h2="$h2" -v h3="$h3" 2>&1 <<SQL
SET search_path = $HOSTILE;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
INSERT INTO person (name) VALUES ('Dan') RETURNING person_id AS h4 \gset
INSERT INTO position (unit_id, title, reports_to)
    SELECT unit_id, 'Second clerk', :p3 FROM unit WHERE code OPERATOR(pg_catalog.=) 'ns_dept'
    RETURNING position_id AS p5 \gset
INSERT INTO assignment (position_id, person_id, during) VALUES (:p5, :h4, '[2005-01-01 00:00+00,)');
SELECT 'ids=' || :h4 || ' ' || :p5;
SELECT 'tenant=' || tenant_id FROM position WHERE position_id OPERATOR(pg_catalog.=) :p5;
SELECT 'newid=' || (:p5 OPERATOR(pg_catalog.>) :p4);
SELECT 'chain=' || command_chain(:p5, '2006-03-01 00:00+00')::text;
SELECT 'holder=' || coalesce(holder(:p3, '2005-03-01 00:00+00')::text, 'NULL') || ',' || coalesce(holder(:p4, '2006-03-01 00:00+00')::text, 'NULL');
SELECT 'posts_at=' || string_agg(format('%s:%s', position_id, tenure), ' ' ORDER BY position_id) FROM posts_at('2006-03-01 00:00+00');
SELECT 'posts_of=' || string_agg(format('%s:%s', position_id, tenure), ' ' ORDER BY position_id) FROM posts_of(:h2, '2006-03-01 00:00+00');
SELECT 'visible=' || responsibility.visible_tenants()::text || ',' || responsibility.current_tenant();
SELECT 'ops=' || (command_chain(:p5, '2006-03-01 00:00+00') @> :p2::bigint)
       || ',' || (command_chain(:p5, '2006-03-01 00:00+00') @> :p4::bigint)
       || ',' || (:p1::bigint <@ command_chain(:p5, '2006-03-01 00:00+00'))
       || ',' || (command_chain(:p5, '2006-03-01 00:00+00') ~> :h3::bigint)
       || ',' || (command_chain(:p5, '2006-03-01 00:00+00') = command_chain(:p5, '2006-03-01 00:00+00'))
       || ',' || (command_chain(:p5, '2006-03-01 00:00+00') <> command_chain(:p5, '2006-03-02 00:00+00'))
       || ',' || (command_chain(:p5, '2006-03-01 00:00+00')::text::rchain = command_chain(:p5, '2006-03-01 00:00+00'))
       || ',' || array_to_string(positions(command_chain(:p5, '2006-03-01 00:00+00')), '/')
       || ',' || array_to_string(persons(command_chain(:p5, '2006-03-01 00:00+00')), '/');
SQL
)
ok $? "with evil first in search_path $APP inserts rows and computes chains" "$evil"
read -r h4 p5 <<<"$(val "$evil" ids)"
is "$(val "$evil" tenant)" "1" "hostile search_path: DEFAULT tenant_id is the real current tenant, not evil.current_tenant()"
is "$(val "$evil" newid)" "true" "hostile search_path: DEFAULT ids come from the real sequences, not evil.nextval()"
is "$(val "$evil" chain)" "[2006-03-01 00:00:00+00] $p5:post:$h4 > $p3:unit_head:$h2(acting) > $p2:in_charge:$h2 > $p1:head:$h1" \
    "hostile search_path: exact command chain"
is "$(val "$evil" holder)" "$h3,NULL" "hostile search_path: holder() compares ids and times with the real operators"
is "$(val "$evil" posts_at)" "$p1:holder $p2:holder $p3:acting $p4:vacant $p5:holder" "hostile search_path: posts_at()"
is "$(val "$evil" posts_of)" "$p2:holder $p3:acting" "hostile search_path: posts_of()"
is "$(val "$evil" visible)" "{1},1" "hostile search_path: visible_tenants() and current_tenant() are not fooled by evil.pg_has_role()"
is "$(val "$evil" ops)" "true,false,true,false,true,true,true,$p5/$p3/$p2/$p1,$h4/$h2/$h2/$h1" \
    "hostile search_path: rchain operators and accessors"

# Constraints and triggers under the hostile search_path.
is "$(sqlstate_as_app "$HOSTILE" "INSERT INTO assignment (position_id, person_id, during) VALUES ($p1, $h4, '[2010-01-01 00:00+00,2011-01-01 00:00+00)')")" \
    "23P01" "hostile search_path: an overlapping tenure is still rejected (23P01)"
is "$(sqlstate_as_app "$HOSTILE" "UPDATE position SET reports_to = $p5 WHERE position_id OPERATOR(pg_catalog.=) $p3")" \
    "42P19" "hostile search_path: a reporting loop is still rejected (42P19)"
is "$(sqlstate_as_app "$HOSTILE" "INSERT INTO position (unit_id, title, reports_to) SELECT unit_id, 'Third clerk', $p4 FROM unit WHERE code OPERATOR(pg_catalog.=) 'ns_dept'")" \
    "none" "hostile search_path: a sound reporting line is accepted (the loop check is not fooled)"
other=$("${SU[@]}" -c "SELECT tenant_id FROM responsibility.tenant WHERE code = 'ns_other'")
is "$(sqlstate_as_app "$HOSTILE" "INSERT INTO unit (tenant_id, name) VALUES (${other:-0}, 'Smuggled')")" \
    "42501" "$APP cannot write into a tenant it does not belong to"

# What the application role must not do.
is "$(sqlstate_as_app "''" "INSERT INTO responsibility.tenant (code, name) VALUES ('ns_mine', 'Mine')")" \
    "42501" "$APP cannot insert into responsibility.tenant"
is "$(sqlstate_as_app "''" "UPDATE responsibility.tenant SET name = 'Renamed'")" \
    "42501" "$APP cannot update responsibility.tenant"
is "$(sqlstate_as_app "''" "INSERT INTO responsibility.tenant_member (tenant_id, role_name) VALUES (1, 'rsp_app')")" \
    "42501" "$APP cannot write responsibility.tenant_member"
is "$(sqlstate_as_app "''" "SELECT responsibility.invalidate_caches()")" \
    "42501" "$APP cannot call invalidate_caches() directly"
is "$(sqlstate_as_app "''" "CREATE TABLE evil.t (x int); CREATE TRIGGER t_inval AFTER INSERT ON evil.t FOR EACH STATEMENT EXECUTE FUNCTION responsibility.invalidate_caches()")" \
    "42501" "$APP cannot attach invalidate_caches() to a table of its own"
# The change log and the tree guard are internal: written by SECURITY
# DEFINER triggers, never by the role itself, and not readable by it.
is "$(sqlstate_as_app "''" "CREATE TABLE evil.t2 (tenant_id int, position_id bigint); CREATE TRIGGER t_log AFTER INSERT ON evil.t2 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION responsibility.log_org_change('position_id', 'p')")" \
    "42501" "$APP cannot attach log_org_change() to a table of its own"
is "$(sqlstate_as_app "''" "SELECT responsibility.prune_org_change()")" \
    "42501" "$APP cannot call prune_org_change()"
is "$(sqlstate_as_app "''" "SELECT count(*) FROM responsibility.org_change")" \
    "42501" "$APP cannot read the change log"
is "$(sqlstate_as_app "''" "INSERT INTO responsibility.org_change (tenant_id, kind, key) VALUES (1, 'a', 0)")" \
    "42501" "$APP cannot write the change log"
is "$(sqlstate_as_app "''" "SELECT count(*) FROM responsibility.tree_guard")" \
    "42501" "$APP cannot read the tree guard"

# --- the back-trace and a case, as the application role ----------------
# The clerk's post (vacant) owns a duty; an incident of 2006 on it; a case
# against the acting director, opened by an outsider.  The case's triggers
# run as the role; its guards hold even though the role may UPDATE cases.
case_out=$("${AS_APP[@]}" -v p4="$p4" -v h2="$h2" 2>&1 <<'SQL'
SET search_path = '';
INSERT INTO responsibility.duty (unit_id, title) SELECT unit_id, 'Keep the register' FROM responsibility.unit
 WHERE code OPERATOR(pg_catalog.=) 'ns_dept' RETURNING duty_id AS d1 \gset
INSERT INTO responsibility.duty_owner (duty_id, position_id, during) VALUES (:d1, :p4, '[2005-01-01 00:00+00,)');
INSERT INTO responsibility.incident (occurred_at, unit_id, title, duty_id)
SELECT '2006-03-01 00:00+00', unit_id, 'Register lost', :d1 FROM responsibility.duty
 WHERE duty_id OPERATOR(pg_catalog.=) :d1 RETURNING incident_id AS i1 \gset
INSERT INTO responsibility.person (name) VALUES ('Outsider') RETURNING person_id AS o1 \gset
SELECT 'trace=' || pg_catalog.string_agg(coalesce(b.person_id::text, 'post') || ':' || coalesce(b.kind::text, b.rule), ' ')
  FROM responsibility.backtrace(:i1::bigint) b;
SELECT responsibility.open_case(:i1, :h2, :o1, '2006-04-01 00:00+00') AS c1 \gset
SELECT 'state=' || responsibility.case_advance(:c1, 'notified', :o1, 'told', '2006-04-02 00:00+00');
SELECT 'case=' || :c1;
SQL
)
ok $? "$APP traces an incident, opens a case and moves it on" "$case_out"
is "$(val "$case_out" trace)" "post:vacant $h2:main_leadership" \
    "the vacant clerk's post passes the responsibility up to the acting director"
is "$(val "$case_out" state)" "notified" "the case moved by a recorded transition"
c1=$(val "$case_out" case)
is "$(sqlstate_as_app "''" "UPDATE responsibility.accountability_case SET state = 'closed' WHERE case_id OPERATOR(pg_catalog.=) $c1")" \
    "42501" "$APP cannot change a case's state but by a transition: it holds no right to (42501)"
is "$(sqlstate_as_app "''" "DELETE FROM responsibility.case_event")" \
    "42501" "$APP cannot delete a case's events (42501)"

# --- an assessment, as the application role ------------------------------
# The default scheme, a period of the department, three raters, finalised:
# the triggers that store results run as the role; the guards hold.
assess_out=$("${AS_APP[@]}" 2>&1 <<'SQL'
SET search_path = '';
SELECT responsibility.create_default_scheme('ns') AS s \gset
SELECT responsibility.activate_scheme(:s);
INSERT INTO responsibility.assessment_period (scheme_id, unit_id, kind, span)
SELECT :s, unit_id, 'annual', '[2006-01-01,2007-01-01)' FROM responsibility.unit WHERE code OPERATOR(pg_catalog.=) 'ns_dept'
RETURNING period_id AS per \gset
SELECT 'enrolled=' || responsibility.enrol_period(:per);
INSERT INTO responsibility.person (name) VALUES ('Rater 1'), ('Rater 2'), ('Rater 3');
INSERT INTO responsibility.evaluation (period_id, person_id, source, rater_id, score)
SELECT :per, s.person_id, src, r.person_id, 85
  FROM responsibility.assessment_subject s
 CROSS JOIN pg_catalog.unnest('{leaders,colleagues,service_recipients}'::text[]) src
 CROSS JOIN responsibility.person r
 WHERE s.period_id OPERATOR(pg_catalog.=) :per AND r.name OPERATOR(pg_catalog.~~) 'Rater %';
SELECT 'digest=' || pg_catalog.length(responsibility.finalise_period(:per, (SELECT pg_catalog.min(person_id) FROM responsibility.person)));
SELECT 'grades=' || pg_catalog.string_agg(g.grade::text || ':' || pg_catalog.array_to_string(g.caps, '+'), ',')
  FROM responsibility.period_grades(:per) g;
SELECT 'period=' || :per;
SQL
)
ok $? "$APP sets up a scheme and a period, scores it and finalises it" "$assess_out"
is "$(val "$assess_out" digest)" "64" "finalising gives the SHA-256 digest of the inputs"
is "$(val "$assess_out" grades | tr ',' '\n' | sort -u | tr '\n' ' ')" "competent: no_grade:under_investigation " \
    "scored 85: competent, but for the acting director whose case is open (no grade)"
per=$(val "$assess_out" period)
# The same grades when parallel workers stream the evaluations (forced for
# this small cohort; through a cursor, so that the call runs in the leader
# and starts them), as the role, under its row-level security.
par_out=$("${AS_APP[@]}" 2>&1 <<SQL
SET search_path = '';
SET force_parallel_mode = on;
BEGIN;
DECLARE c CURSOR FOR
SELECT 'grades=' || pg_catalog.string_agg(g.grade::text || ':' || pg_catalog.array_to_string(g.caps, '+'), ',')
  FROM responsibility.compute_grades($per) g;
FETCH ALL FROM c;
COMMIT;
SQL
)
is "$(val "$par_out" grades | tr ',' '\n' | sort | tr '\n' ' ')" "$(val "$assess_out" grades | tr ',' '\n' | sort | tr '\n' ' ')" \
    "with parallel workers streaming as the role, the grades are the finalised ones"
is "$(sqlstate_as_app "''" "DELETE FROM responsibility.assessment_result WHERE period_id OPERATOR(pg_catalog.=) $per")" \
    "42501" "$APP cannot delete finalised results: finalisation writes them as the extension's owner (42501)"
is "$(sqlstate_as_app "''" "SELECT count(*) FROM responsibility.complainant")" \
    "42501" "a writer does not read who complained (42501)"

# --- the supervision of approvals, as the application role ----------------
# An item, an application whose handling stalled in 2005, a pause, its red
# card and incident: the clock is kept by triggers running as the role.
sup_out=$("${AS_APP[@]}" 2>&1 <<'SQL'
SET search_path = '';
INSERT INTO responsibility.power (unit_id, kind, title, valid)
SELECT unit_id, 'approval', 'licence', valid FROM responsibility.unit WHERE code OPERATOR(pg_catalog.=) 'ns_dept'
RETURNING power_id AS pw \gset
INSERT INTO responsibility.process (unit_id, title, valid)
SELECT unit_id, 'licence', valid FROM responsibility.unit WHERE code OPERATOR(pg_catalog.=) 'ns_dept'
RETURNING process_id AS pr \gset
INSERT INTO responsibility.process_step (process_id, seq, name, role, time_limit, is_end)
VALUES (:pr, 1, 'handle', 'handler', 5, true) RETURNING step_id AS st \gset
INSERT INTO responsibility.approval_item (power_id, title, process_id) VALUES (:pw, 'licence', :pr) RETURNING item_id AS it \gset
INSERT INTO responsibility.application (item_id, ref, received_at, accepted_at)
VALUES (:it, 'NS-1', '2005-09-01 09:00+08', '2005-09-01 10:00+08') RETURNING application_id AS ap \gset
INSERT INTO responsibility.application_step (application_id, step_no, step_id, person_id, started_at)
SELECT :ap, 1, :st, pg_catalog.min(person_id), '2005-09-01 10:00+08' FROM responsibility.person;
INSERT INTO responsibility.application_pause (application_id, kind, during)
VALUES (:ap, 'expert_review', '[2005-09-05 09:00+08,2005-09-06 18:00+08)');
SELECT 'due=' || due_on FROM responsibility.application WHERE application_id OPERATOR(pg_catalog.=) :ap;
SELECT 'status=' || status FROM responsibility.application_status('2005-10-31 12:00+08') WHERE application_id OPERATOR(pg_catalog.=) :ap;
SELECT 'red=' || pg_catalog.count(*) FROM responsibility.supervise(NULL, '2005-10-31 12:00+08') c
 WHERE c.kind OPERATOR(pg_catalog.=) 'red' AND c.incident_id IS NOT NULL;
SELECT 'again=' || pg_catalog.count(*) FROM responsibility.supervise(NULL, '2005-10-31 12:00+08');
SQL
)
ok $? "$APP records an application with its steps and pause, and supervises it" "$sup_out"
is "$(val "$sup_out" due)" "2005-10-08" \
    "the deadline: 20 working days from 09-01, less the two paused days and the National Day holiday, on the adjusted Saturday"
is "$(val "$sup_out" red):$(val "$sup_out" again)" "1:0" "the red card opens its incident, once"
is "$(sqlstate_as_app "''" "UPDATE responsibility.supervision_card SET kind = 'yellow'")" \
    "42501" "$APP cannot rewrite a card it issued (42501)"
"${AS_APP[@]}" -c "DELETE FROM responsibility.supervision_policy WHERE tenant_id IS NULL" >/dev/null 2>&1
is "$("${SU[@]}" -c "SELECT count(*) FROM responsibility.supervision_policy WHERE tenant_id IS NULL")" "12" \
    "nor delete the default policy: its rows are not the tenant's (row-level security)"

# A schema "responsibility" that the application role made first would let it
# plant overloads that the extension then calls: the install refuses it.
createdb "${DB}_guard" && psql -X -q -d "${DB}_guard" -c "GRANT CREATE ON DATABASE ${DB}_guard TO $APP"
psql -X -q -U "$APP" -d "${DB}_guard" -c 'CREATE SCHEMA responsibility'
out=$(psql -X -q -At -d "${DB}_guard" -v VERBOSITY=sqlstate -c 'CREATE EXTENSION responsibility CASCADE' 2>&1)
is "$(echo "$out" | sed -n 's/^.*ERROR: *\([0-9A-Z]\{5\}\).*$/\1/p' | head -1)" "42501" \
    "CREATE EXTENSION refuses a schema responsibility that another role owns (42501)"
is "$(psql -X -q -At -d "${DB}_guard" -c "SELECT count(*) FROM pg_extension WHERE extname = 'responsibility'")" "0" \
    "and nothing is installed"

cleanup
exit 0
