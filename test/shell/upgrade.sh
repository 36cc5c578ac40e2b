#!/usr/bin/env bash
# The upgrade path: a database made with the released 0.1.0 and data in it,
# brought to the current version with ALTER EXTENSION ... UPDATE, equals a
# fresh install object for object (test/shell/catalog_fingerprint.sql), keeps
# its data, and computes the same chains.  Prints TAP.
#
# Needs PGHOST/PGPORT/PGUSER (a superuser) in the environment.
set -u

OLD=rsp_upgrade_old
NEW=rsp_upgrade_new
HERE=$(cd "$(dirname "$0")" && pwd)
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
. "$HERE/tap.bash"
VERSION=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$HERE/../../responsibility.control")

cleanup() {
    dropdb --if-exists "$OLD" >/dev/null 2>&1
    dropdb --if-exists "$NEW" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup

# A small organisation, made in both databases.
ORG=$(cat <<'SQL'
SET search_path = responsibility, public;
INSERT INTO unit (unit_id, name) VALUES (1, 'City');
INSERT INTO position (position_id, unit_id, title, kind) VALUES (1, 1, 'Mayor', 'head');
INSERT INTO position (position_id, unit_id, title, reports_to) VALUES (2, 1, 'Clerk', 1);
INSERT INTO person (person_id, name) VALUES (1, 'Wang'), (2, 'Lin');
INSERT INTO assignment (position_id, person_id, during) VALUES
    (1, 1, '[2005-01-01 00:00+08,)'), (2, 2, '[2005-01-01 00:00+08,2006-01-01 00:00+08)');
SQL
)

echo "1..9"

out=$(createdb "$OLD" 2>&1 && "${PSQL[@]}" -d "$OLD" -c "SET client_min_messages = warning; CREATE EXTENSION responsibility VERSION '0.1.0' CASCADE" 2>&1)
ok $? "the released 0.1.0 installs" "$out"

out=$("${PSQL[@]}" -d "$OLD" -c "$ORG" 2>&1)
ok $? "0.1.0 holds an organisation" "$out"
before='[2005-06-01 00:00:00+08] 2:post:2 > 1:head:1'
# The library is already the new one: before the update, the engines ask for it.
out=$("${PSQL[@]}" -d "$OLD" -c "SELECT responsibility.command_chain(2, '2005-06-01 00:00+08')" 2>&1)
echo "$out" | grep -q 'run ALTER EXTENSION responsibility UPDATE'
ok $? "before the update, command_chain asks for ALTER EXTENSION ... UPDATE" "$out"

out=$("${PSQL[@]}" -d "$OLD" -c "ALTER EXTENSION responsibility UPDATE" 2>&1)
ok $? "ALTER EXTENSION responsibility UPDATE runs" "$out"
is "$("${PSQL[@]}" -d "$OLD" -c "SELECT extversion FROM pg_extension WHERE extname = 'responsibility'")" \
    "$VERSION" "the updated database is at $VERSION"

out=$(createdb "$NEW" 2>&1 && "${PSQL[@]}" -d "$NEW" -c "SET client_min_messages = warning; CREATE EXTENSION responsibility CASCADE" 2>&1)
ok $? "a fresh database gets $VERSION" "$out"

# The fresh database gets the same rows, so that row counts compare too.
"${PSQL[@]}" -d "$NEW" -c "$ORG" >/dev/null 2>&1
# org_change and tree_guard rows depend on how the rows came (0.1.0 wrote
# none); every other table is compared by count.
old_fp=$("${PSQL[@]}" -d "$OLD" -f "$HERE/catalog_fingerprint.sql" 2>&1 | grep -Ev '^rows (org_change|tree_guard) ')
new_fp=$("${PSQL[@]}" -d "$NEW" -f "$HERE/catalog_fingerprint.sql" 2>&1 | grep -Ev '^rows (org_change|tree_guard) ')
d=$(diff <(echo "$new_fp") <(echo "$old_fp"))
ok $? "the updated install equals a fresh one ($(echo "$new_fp" | wc -l) catalog lines compared)" "$d"

after=$("${PSQL[@]}" -d "$OLD" -c "SELECT responsibility.command_chain(2, '2005-06-01 00:00+08')::text" 2>&1)
is "$after" "$before" "the updated database computes the chain it computed before"
out=$("${PSQL[@]}" -d "$OLD" 2>&1 <<'SQL'
UPDATE responsibility.assignment SET person_id = 1 WHERE position_id = 2;
SELECT (responsibility.tail(responsibility.command_chain(2, '2005-06-01 00:00+08'))).person_id;
SQL
)
is "$out" "1" "after the update, a change is seen by the next chain (the change log works)"

[ "$failed" = 0 ]
