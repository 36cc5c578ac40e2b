#!/usr/bin/env bash
# pg_dump keeps the user's data (security checklist 7): an organisation with
# history in the default tenant and a second tenant with its own member row
# survive pg_dump -Fc / pg_restore into a fresh database with the same command
# chains, the same row counts, the built-in tenant not duplicated, and
# sequences that continue past the old values.  Prints TAP.
#
# Needs PGHOST/PGPORT/PGUSER (a superuser) in the environment.
set -u

SRC=rsp_dump_src
DST=rsp_dump_dst
DUMP=$(mktemp /tmp/rsp_dump.XXXXXX)
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
. "$(dirname "$0")/tap.bash"

cleanup() {
    dropdb --if-exists "$SRC" >/dev/null 2>&1
    dropdb --if-exists "$DST" >/dev/null 2>&1
    rm -f "$DUMP"
}
trap cleanup EXIT

echo "1..17"

dropdb --if-exists "$SRC" >/dev/null 2>&1
dropdb --if-exists "$DST" >/dev/null 2>&1
out=$(createdb "$SRC" 2>&1 && "${PSQL[@]}" -d "$SRC" -c 'CREATE EXTENSION responsibility CASCADE' 2>&1)
ok $? "source database created with the extension" "$out"

# The organisation: every id from the sequences, references found by name.
out=$("${PSQL[@]}" -d "$SRC" 2>&1 <<'SQL'
SET search_path = responsibility, public;
INSERT INTO unit (code, name, kind) VALUES ('city', 'City government', 'decision');
INSERT INTO unit (code, name, parent_id) VALUES
    ('dept_a', 'Department A', (SELECT unit_id FROM unit WHERE code = 'city')),
    ('dept_b', 'Department B', (SELECT unit_id FROM unit WHERE code = 'city'));
INSERT INTO position (unit_id, title, kind) VALUES
    ((SELECT unit_id FROM unit WHERE code = 'city'), 'Mayor', 'head');
INSERT INTO position (unit_id, title, kind, reports_to) VALUES
    ((SELECT unit_id FROM unit WHERE code = 'city'), 'Deputy mayor', 'deputy', (SELECT position_id FROM position WHERE title = 'Mayor')),
    ((SELECT unit_id FROM unit WHERE code = 'dept_a'), 'Director A', 'head', (SELECT position_id FROM position WHERE title = 'Mayor')),
    ((SELECT unit_id FROM unit WHERE code = 'dept_b'), 'Director B', 'head', (SELECT position_id FROM position WHERE title = 'Mayor'));
INSERT INTO position (unit_id, title, kind, reports_to) VALUES
    ((SELECT unit_id FROM unit WHERE code = 'dept_a'), 'Clerk A', 'staff', (SELECT position_id FROM position WHERE title = 'Director A'));
INSERT INTO person (name, staff_no) VALUES ('Ann', 's1'), ('Bob', 's2'), ('Cai', 's3'), ('Dan', 's4'), ('Eve', 's5');
CREATE TEMP VIEW p AS SELECT position_id, title FROM position;
CREATE TEMP VIEW h AS SELECT person_id, name FROM person;
INSERT INTO assignment (position_id, person_id, during, tenure)
SELECT (SELECT position_id FROM p WHERE title = v.t), (SELECT person_id FROM h WHERE name = v.n),
       v.d::tstzrange, v.k::tenure_kind
  FROM (VALUES ('Mayor', 'Ann', '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
               ('Mayor', 'Bob', '[2006-01-01 00:00+00,)', 'holder'),
               ('Deputy mayor', 'Cai', '[2005-01-01 00:00+00,)', 'holder'),
               ('Director A', 'Dan', '[2005-01-01 00:00+00,2005-07-01 00:00+00)', 'holder'),
               ('Director A', 'Cai', '[2005-09-01 00:00+00,2006-01-01 00:00+00)', 'acting'),
               ('Director A', 'Eve', '[2006-01-01 00:00+00,)', 'holder'),
               ('Clerk A', 'Eve', '[2005-01-01 00:00+00,2006-01-01 00:00+00)', 'holder'),
               ('Clerk A', 'Cai', '[2006-03-01 00:00+00,)', 'concurrent'),
               ('Director B', 'Dan', '[2005-08-01 00:00+00,)', 'holder')) v(t, n, d, k);
INSERT INTO charge (position_id, unit_id, during) VALUES
    ((SELECT position_id FROM p WHERE title = 'Deputy mayor'), (SELECT unit_id FROM unit WHERE code = 'dept_a'),
     '[2005-06-01 00:00+00,2006-06-01 00:00+00)');
INSERT INTO charge (position_id, domain) VALUES
    ((SELECT position_id FROM p WHERE title = 'Deputy mayor'), 'work safety');
-- An absence with someone acting (it depends on its tenure: the dump must
-- load tenures first), and a catalogue with a gap the coverage report finds.
INSERT INTO absence (assignment_id, kind, during, acting_person_id)
SELECT a.assignment_id, 'suspended', '[2005-03-01 00:00+00,2005-04-01 00:00+00)', (SELECT person_id FROM h WHERE name = 'Cai')
  FROM assignment a WHERE a.position_id = (SELECT position_id FROM p WHERE title = 'Director A') AND lower(a.during) = '2005-01-01 00:00+00';
INSERT INTO duty (unit_id, code, title, consequence, public_interest)
    SELECT unit_id, 'd1', 'Inspect mines', 'warning', true FROM unit WHERE code = 'dept_a';
INSERT INTO duty_owner (duty_id, position_id, during)
    SELECT (SELECT duty_id FROM duty WHERE code = 'd1'), (SELECT position_id FROM p WHERE title = 'Clerk A'),
           '[2005-01-01 00:00+00,2005-06-01 00:00+00)';
INSERT INTO power (unit_id, kind, title) SELECT unit_id, 'approval', 'Mine licence' FROM unit WHERE code = 'dept_a';
INSERT INTO power_duty (power_id, duty_id) SELECT power_id, (SELECT duty_id FROM duty WHERE code = 'd1') FROM power;
INSERT INTO process (unit_id, code, title, domain) SELECT unit_id, 'pr1', 'Mine licence', 'work safety' FROM unit WHERE code = 'dept_a';
INSERT INTO process_step (process_id, seq, name, role, time_limit, is_end)
    SELECT process_id, v.seq, v.name, v.role::step_role, 5, v.seq = 2 FROM process,
           (VALUES (1, 'Accept', 'acceptance'), (2, 'Approve', 'approver')) v(seq, name, role);
INSERT INTO step_handoff (process_id, from_step, to_step)
    SELECT process_id, min(step_id), max(step_id) FROM process_step GROUP BY process_id;
INSERT INTO step_owner (step_id, position_id, during)
    SELECT step_id, (SELECT position_id FROM p WHERE title = 'Director A'), '[2005-01-01 00:00+00,2005-07-01 00:00+00)'
      FROM process_step;
-- An incident with its actor, and the tenant's own back-trace rule (the
-- built-in defaults come with CREATE EXTENSION, not from the dump).
INSERT INTO incident (occurred_at, unit_id, title, duty_id, category)
    SELECT '2005-03-01 00:00+00', unit_id, 'Mine not inspected', duty_id, 'work_safety' FROM duty WHERE code = 'd1';
INSERT INTO incident_actor (incident_id, role, person_id, position_id)
    SELECT i.incident_id, 'instructor', pe.person_id, NULL FROM incident i, person pe WHERE pe.name = 'Ann';
INSERT INTO trace_rule (tenant_id, rule, kind, label_en, label_zh)
    VALUES (1, 'instructed', 'main_leadership', 'gave the order', '下达指令');
-- A case against her, told the facts (the triggers that guard cases must
-- let a superuser's restore load them as they were).
SELECT open_case((SELECT incident_id FROM incident), (SELECT person_id FROM h WHERE name = 'Ann'),
                 (SELECT person_id FROM h WHERE name = 'Bob'), '2005-04-01 00:00+00');
SELECT case_advance(currval('case_id_seq'), 'notified', (SELECT person_id FROM h WHERE name = 'Bob'), 'told', '2005-04-02 00:00+00');
-- A finalised assessment: an active scheme, a period, its subjects and
-- scores, a complaint with its complainant; the triggers that refuse
-- changes to a finalised period must let a restore load it.
INSERT INTO assessment_scheme (code, name, trim_each) VALUES ('dump', 'Dump scheme', 0);
INSERT INTO scheme_source (scheme_id, code, label_en, label_zh, weight, min_raters)
    SELECT scheme_id, 'leaders', 'leaders', '领导', 1, 1 FROM assessment_scheme WHERE code = 'dump';
SELECT activate_scheme(scheme_id) FROM assessment_scheme WHERE code = 'dump';
INSERT INTO assessment_period (scheme_id, unit_id, kind, span)
    SELECT s.scheme_id, u.unit_id, 'annual', '[2005-01-01,2006-01-01)' FROM assessment_scheme s, unit u WHERE s.code = 'dump' AND u.code = 'city';
SELECT enrol_period(period_id) FROM assessment_period;
INSERT INTO evaluation (period_id, person_id, source, rater_id, score)
    SELECT s.period_id, s.person_id, 'leaders', (SELECT person_id FROM h WHERE name = 'Bob'), 70 + 3 * row_number() OVER (ORDER BY s.person_id)
      FROM assessment_subject s WHERE s.person_id <> (SELECT person_id FROM h WHERE name = 'Bob');
INSERT INTO complaint (person_id, received_at, summary, outcome, decided_at)
    SELECT person_id, '2005-05-01 00:00+00', 'rude', 'valid', '2005-05-10 00:00+00' FROM h WHERE name = 'Ann';
INSERT INTO complainant (complaint_id, name) SELECT complaint_id, 'Citizen' FROM complaint;
SELECT finalise_period(period_id, (SELECT person_id FROM h WHERE name = 'Bob'), '2006-01-10 00:00+00') FROM assessment_period;
-- The supervision of approvals: an item with a fee schedule, applications
-- with steps, a pause and an extension, a decided one with a fee, and the
-- cards and the red card's incident that supervise() issues.
INSERT INTO power (unit_id, kind, title) SELECT unit_id, 'approval', 'Licence' FROM unit WHERE code = 'dept_a';
INSERT INTO process (unit_id, title) SELECT unit_id, 'Licence' FROM unit WHERE code = 'dept_a';
INSERT INTO process_step (process_id, seq, name, role, time_limit, is_end)
    SELECT process_id, 1, 'handle', 'handler', 5, true FROM process WHERE title = 'Licence';
INSERT INTO approval_item (power_id, title, process_id, charges_fee)
    SELECT power_id, 'Licence', (SELECT process_id FROM process WHERE title = 'Licence'), true FROM power WHERE title = 'Licence';
INSERT INTO approval_fee (item_id, code, title, amount) SELECT item_id, 'F1', 'fee', 50 FROM approval_item;
INSERT INTO application (item_id, ref, received_at, accepted_at)
    SELECT item_id, r, '2005-09-01 09:00+08', '2005-09-01 10:00+08' FROM approval_item, unnest('{D-1,D-2}'::text[]) r;
INSERT INTO application_step (application_id, step_no, step_id, person_id, started_at)
    SELECT a.application_id, 1, (SELECT step_id FROM process_step WHERE name = 'handle'), (SELECT person_id FROM h WHERE name = 'Ann'),
           '2005-09-01 10:00+08' FROM application a;
INSERT INTO application_pause (application_id, kind, during)
    SELECT application_id, 'testing', '[2005-09-05 09:00+08,2005-09-07 18:00+08)' FROM application WHERE ref = 'D-1';
INSERT INTO application_extension (application_id, days, approved_by, approved_at)
    SELECT application_id, 10, (SELECT person_id FROM h WHERE name = 'Bob'), '2005-09-10 09:00+08' FROM application WHERE ref = 'D-1';
INSERT INTO application_fee (application_id, code, amount, charged_at)
    SELECT application_id, 'F1', 80, '2005-09-02 09:00+08' FROM application WHERE ref = 'D-2';
SELECT decide_application(application_id, 'refused', (SELECT person_id FROM h WHERE name = 'Bob'), NULL, '2005-09-20 09:00+08')
  FROM application WHERE ref = 'D-2';
SELECT count(*) FROM supervise(NULL, '2005-11-30 12:00+08');
-- A second tenant with its own member row and its own organisation.
INSERT INTO tenant (code, name) VALUES ('dump_b', 'Tenant B');
INSERT INTO tenant_member (tenant_id, role_name)
    SELECT tenant_id, 'responsibility_admin' FROM tenant WHERE code = 'dump_b';
INSERT INTO unit (tenant_id, code, name) SELECT tenant_id, 'b_top', 'B top' FROM tenant WHERE code = 'dump_b';
INSERT INTO position (tenant_id, unit_id, title, kind)
    SELECT t.tenant_id, u.unit_id, 'B head', 'head' FROM tenant t JOIN unit u USING (tenant_id) WHERE t.code = 'dump_b';
INSERT INTO position (tenant_id, unit_id, title, kind, reports_to)
    SELECT t.tenant_id, u.unit_id, 'B staff', 'staff', (SELECT position_id FROM position WHERE title = 'B head')
      FROM tenant t JOIN unit u USING (tenant_id) WHERE t.code = 'dump_b';
INSERT INTO person (tenant_id, name) SELECT tenant_id, 'Bai' FROM tenant WHERE code = 'dump_b';
INSERT INTO assignment (tenant_id, position_id, person_id, during)
    SELECT t.tenant_id, (SELECT position_id FROM position WHERE title = 'B head'),
           (SELECT person_id FROM person WHERE name = 'Bai'), '[2005-01-01 00:00+00,)'
      FROM tenant t WHERE t.code = 'dump_b';
-- A deleted row leaves a gap: the sequence stays ahead of the highest id.
INSERT INTO person (name) VALUES ('Gone');
DELETE FROM person WHERE name = 'Gone';
SQL
)
ok $? "organisation with history and a second tenant loaded" "$out"

# What must survive.
chains_sql=$(cat <<'SQL'
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SELECT string_agg(c, E'\n' ORDER BY ord) FROM (
  SELECT row_number() OVER (ORDER BY p.title, m.at) AS ord,
         p.title || ' @ ' || m.at || ': ' || responsibility.command_chain(p.position_id, m.at)::text AS c
    FROM responsibility.position p
   CROSS JOIN (VALUES ('2005-03-01 00:00+00'::timestamptz), ('2005-08-01 00:00+00'), ('2005-10-01 00:00+00'),
                      ('2006-05-31 00:00+00'), ('2006-06-01 00:00+00'), ('2010-01-01 00:00+00')) m(at)
   WHERE p.tenant_id = 1) s;
SELECT string_agg(r.kind || ' ' || r.object_id || ' ' || r.span::text, E'\n' ORDER BY r.kind, r.object_id, r.span)
  FROM responsibility.coverage_report((SELECT unit_id FROM responsibility.unit WHERE code = 'city'),
                                      '2005-01-01 00:00+00', '2007-01-01 00:00+00') r;
SELECT string_agg(concat_ws(' ', b.incident_id, b.person_id, b.position_id, b.kind, b.rule, b.reason, b.chain),
                  E'\n' ORDER BY b.incident_id, b.level, b.person_id)
  FROM responsibility.backtrace((SELECT array_agg(incident_id) FROM responsibility.incident)) b;
SELECT string_agg(format('case %s %s %s trace %s events %s', c.case_id, c.state, c.subject_kind,
                          (SELECT count(*) FROM responsibility.case_trace t WHERE t.case_id = c.case_id),
                          (SELECT string_agg(e.to_state::text, '>' ORDER BY e.seq) FROM responsibility.case_event e WHERE e.case_id = c.case_id)),
                  E'\n' ORDER BY c.case_id)
  FROM responsibility.accountability_case c;
SELECT string_agg(format('grade %s %s %s %s digest %s', g.person_id, g.score, g.grade, g.finalised,
                          (SELECT a.digest = responsibility.period_digest(a.period_id) FROM responsibility.assessment_period a)),
                  E'\n' ORDER BY g.person_id)
  FROM responsibility.period_grades((SELECT period_id FROM responsibility.assessment_period)) g;
SELECT string_agg(format('application %s %s %s %s %s', s.ref, s.status, s.due_on, s.act_by, s.workdays_over), E'\n' ORDER BY s.ref)
  FROM responsibility.application_status('2005-10-24 12:00+08') s;
SELECT string_agg(format('card %s %s %s %s', a.ref, c.kind, c.raised_on, c.incident_id IS NOT NULL), E'\n' ORDER BY a.ref, c.kind)
  FROM responsibility.supervision_card c JOIN responsibility.application a USING (tenant_id, application_id);
SET responsibility.tenant = 'dump_b';
SELECT string_agg(p.title || ': ' || responsibility.command_chain(p.position_id, '2006-01-01 00:00+00')::text,
                  E'\n' ORDER BY p.title)
  FROM responsibility.position p WHERE p.tenant_id = responsibility.current_tenant();
SQL
)
counts_sql=$(cat <<'SQL'
SELECT string_agg(format('%s=%s', c.relname,
                         (xpath('/row/n/text()',
                                query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                                             false, true, '')))[1]::text),
                  ' ' ORDER BY c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'responsibility' AND c.relkind IN ('r', 'p');
SQL
)
seqs_sql="SELECT string_agg(format('%s=%s', sequencename, coalesce(last_value::text, 'unused')), ' ' ORDER BY sequencename) FROM pg_sequences WHERE schemaname = 'responsibility';"
tenants_sql="SELECT string_agg(format('%s:%s:%s', tenant_id, code, is_builtin), ' ' ORDER BY tenant_id) FROM responsibility.tenant;
SELECT string_agg(format('%s:%s:%s', tenant_id, role_name, is_builtin), ' ' ORDER BY tenant_id, role_name) FROM responsibility.tenant_member;"

src_chains=$("${PSQL[@]}" -d "$SRC" -c "$chains_sql" 2>&1)
ok $? "chains computed in the source" "$src_chains"
src_counts=$("${PSQL[@]}" -d "$SRC" -c "$counts_sql" 2>&1)
src_seqs=$("${PSQL[@]}" -d "$SRC" -c "$seqs_sql" 2>&1)
src_tenants=$("${PSQL[@]}" -d "$SRC" -c "$tenants_sql" 2>&1)
# Sanity of the source, so that equal outputs mean something.
echo "$src_chains" | grep -q 'Clerk A @ 2005-10-01 00:00:00+00: \[2005-10-01 00:00:00+00\] [0-9]*:post:[0-9]* > [0-9]*:unit_head:[0-9]*(acting) > [0-9]*:in_charge:[0-9]* > [0-9]*:head:[0-9]*$' \
    && echo "$src_chains" | grep -q '^B staff: .*:post:vacant > [0-9]*:head:[0-9]*$' \
    && [ "$(echo "$src_chains" | grep -c ' @ ')" = 30 ] && [ "$(echo "$src_chains" | grep -c '^B ')" = 2 ] \
    && echo "$src_chains" | grep -q '^gap [0-9]* \["2005-06-01 00:00:00+00","2007-01-01 00:00:00+00")$' \
    && echo "$src_chains" | grep -q ':unit_head:[0-9]*(acting) > [0-9]*:head' \
    && echo "$src_chains" | grep -q ' main_leadership instructed gave the order ' \
    && echo "$src_chains" | grep -q '^case [0-9]* notified main_leadership trace [1-9][0-9]* events opened>notified$' \
    && echo "$src_chains" | grep -q '^grade [0-9]* [0-9.]* [a-z_]* t digest t$' \
    && echo "$src_chains" | grep -q '^application D-1 yellow 2005-10-21 2005-10-26 1$' \
    && echo "$src_chains" | grep -q '^card D-1 red 2005-10-27 t$' \
    && echo "$src_chains" | grep -q '^card D-2 illegal_fee 2005-09-02 f$'
ok $? "the source chains are the expected ones (30 in the default tenant, 2 in tenant B), with the coverage report's gap, a back-trace by the tenant's own rule and its case, a finalised assessment and the supervision's clocks and cards" "$src_chains"

out=$(pg_dump -Fc -f "$DUMP" "$SRC" 2>&1)
ok $? "pg_dump -Fc" "$out"
out=$(createdb "$DST" 2>&1 && pg_restore --exit-on-error -d "$DST" "$DUMP" 2>&1)
ok $? "pg_restore into a fresh database without errors" "$out"

dst_chains=$("${PSQL[@]}" -d "$DST" -c "$chains_sql" 2>&1)
is "$dst_chains" "$src_chains" "the same command chains after restore"
dst_counts=$("${PSQL[@]}" -d "$DST" -c "$counts_sql" 2>&1)
is "$dst_counts" "$src_counts" "the same row count in every table of the extension"
dst_seqs=$("${PSQL[@]}" -d "$DST" -c "$seqs_sql" 2>&1)
is "$dst_seqs" "$src_seqs" "the same sequence values"
dst_tenants=$("${PSQL[@]}" -d "$DST" -c "$tenants_sql" 2>&1)
is "$dst_tenants" "$src_tenants" "the same tenants and members"
is "$("${PSQL[@]}" -d "$DST" -c "SELECT count(*) FROM responsibility.tenant WHERE code = 'default'")" "1" \
    "the built-in tenant is not duplicated"
is "$("${PSQL[@]}" -d "$DST" -c "SELECT count(*) FROM responsibility.tenant_member WHERE tenant_id = 1 AND role_name = 'responsibility_reader' AND is_builtin")" "1" \
    "the built-in membership is there once"
is "$("${PSQL[@]}" -d "$DST" -c "SELECT t.code || ':' || m.role_name || ':' || m.is_builtin FROM responsibility.tenant t JOIN responsibility.tenant_member m USING (tenant_id) WHERE t.code = 'dump_b'")" \
    "dump_b:responsibility_admin:false" "the second tenant and its member row are there"

# Sequences continue: nextval is past the old value, and new rows fit.
out=$("${PSQL[@]}" -d "$DST" 2>&1 <<'SQL'
SELECT string_agg(s.sequencename, ' ' ORDER BY s.sequencename)
  FROM pg_sequences s
 WHERE s.schemaname = 'responsibility'
   AND s.last_value IS NOT NULL
   AND nextval(format('%I.%I', s.schemaname, s.sequencename)) <= s.last_value;
SQL
)
is "$out" "" "nextval on every used sequence is past its old value"
out=$("${PSQL[@]}" -d "$DST" 2>&1 <<'SQL'
SET search_path = responsibility, public;
INSERT INTO tenant (code, name) VALUES ('dump_c', 'Tenant C');
INSERT INTO unit (name) VALUES ('New unit');
INSERT INTO position (unit_id, title, reports_to)
    SELECT unit_id, 'New post', (SELECT position_id FROM position WHERE title = 'Mayor') FROM unit WHERE name = 'New unit';
INSERT INTO person (name) VALUES ('New person');
INSERT INTO assignment (position_id, person_id, during)
    SELECT (SELECT position_id FROM position WHERE title = 'New post'), (SELECT person_id FROM person WHERE name = 'New person'),
           '[2020-01-01 00:00+00,)';
INSERT INTO charge (position_id, domain) SELECT position_id, 'new domain' FROM position WHERE title = 'New post';
SELECT count(*) FROM unit WHERE name = 'New unit';
SQL
)
is "$out" "1" "new rows with DEFAULT ids insert without duplicate keys in every table"
out=$("${PSQL[@]}" -d "$DST" -c "SET TimeZone = 'UTC'" -c "SELECT responsibility.length(responsibility.command_chain(position_id, '2021-01-01 00:00+00')) FROM responsibility.position WHERE title = 'New post'" 2>&1)
is "$out" "2" "the restored database computes chains of new posts (cache sees restored and new rows)"

cleanup
trap - EXIT
is "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname IN ('$SRC', '$DST')")" "0" \
    "the databases are dropped"
exit 0
