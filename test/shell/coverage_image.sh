#!/usr/bin/env bash
# The coverage report's arrays, kept between reports and patched by key
# (src/coverage_image.c), give the same findings as arrays built afresh:
# one session reports after each of 60 random committed changes (owners of
# duties and steps, duties' targets and lives, tenures, absences, posts,
# processes), and each report is compared with a new connection's.  Then
# the same under the smallest cache allowed.  Prints TAP.
#
# Needs PGHOST/PGPORT/PGUSER (a superuser) in the environment.
set -u

DB=rsp_coverage_image
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB")
. "$(dirname "$0")/tap.bash"

cleanup() { dropdb --if-exists "$DB" >/dev/null 2>&1; }
trap cleanup EXIT
cleanup

echo "1..4"
out=$(createdb "$DB" 2>&1 && "${PSQL[@]}" -c "SET client_min_messages = warning; CREATE EXTENSION responsibility CASCADE; CREATE EXTENSION dblink" 2>&1)
ok $? "a database with the extension and dblink" "$out"

out=$("${PSQL[@]}" 2>&1 <<'SQL'
SET search_path = responsibility, public;
SELECT setseed(0.42);
INSERT INTO unit (unit_id, name) VALUES (1, 'Top');
INSERT INTO unit (unit_id, parent_id, name) SELECT u, 1 + (u - 2) / 3, 'Unit ' || u FROM generate_series(2, 10) u;
INSERT INTO position (position_id, unit_id, title, kind) VALUES (1, 1, 'Head', 'head');
INSERT INTO position (position_id, unit_id, title, reports_to) SELECT p, 1 + p % 10, 'Post ' || p, 1 FROM generate_series(2, 40) p;
INSERT INTO person (person_id, name) SELECT p, 'Person ' || p FROM generate_series(1, 60) p;
INSERT INTO assignment (assignment_id, position_id, person_id, during)
    SELECT p, p, p, tstzrange('2005-01-01'::timestamptz + (random() * 60)::int * interval '1 day', NULL)
      FROM generate_series(1, 40) p;
INSERT INTO duty (duty_id, unit_id, title, target, valid)
    SELECT d, 1 + d % 10, 'Duty ' || d, CASE WHEN random() < 0.6 THEN 'a target' END, '[2005-01-01,)'
      FROM generate_series(1, 80) d;
INSERT INTO duty_owner (duty_id, position_id, kind, during)
    SELECT d, 1 + (d * 7) % 40, CASE WHEN random() < 0.8 THEN 'primary' ELSE 'supervisory' END::ownership_kind,
           tstzrange('2005-01-01'::timestamptz + (random() * 90)::int * interval '1 day', NULL)
      FROM generate_series(1, 80) d;
INSERT INTO process (process_id, unit_id, title, valid) SELECT r, 1 + r % 10, 'Process ' || r, '[2005-01-01,)' FROM generate_series(1, 10) r;
INSERT INTO process_step (step_id, process_id, seq, name, role)
    SELECT s, 1 + (s - 1) / 3, s, 'Step ' || s, (ARRAY['handler', 'reviewer', 'approver'])[1 + (s - 1) % 3]::step_role
      FROM generate_series(1, 30) s;
INSERT INTO step_owner (step_id, position_id, during)
    SELECT s, 1 + (s * 11) % 40, tstzrange('2005-01-01'::timestamptz + (random() * 30)::int * interval '1 day', NULL)
      FROM generate_series(1, 30) s;
CREATE FUNCTION public.coverage_line() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT md5(coalesce(string_agg(format('%s %s %s %s %s %s %s', kind, object_kind, object_id, position_id, person_id, span, positions),
                                   ';' ORDER BY kind, object_kind, object_id, lower(span), position_id, person_id), ''))
      FROM responsibility.coverage_sweep(1, '2005-01-01', '2007-01-01')
$$;
SQL
)
ok $? "a random organisation and catalogue" "$out"

# One session: a report, then a random change committed, then a report of
# its own (patched arrays) against a new connection's (built afresh).
CHANGES=$(cat <<'SQL'
SET search_path = responsibility, public;
SELECT setseed(0.17);
CREATE TEMP TABLE mismatch (step integer, change text);
SELECT public.coverage_line();
DO $$
DECLARE
    change text;
    k integer;
    mine text;
    theirs text;
BEGIN
    FOR i IN 1..60 LOOP
        k := 1 + (random() * 39)::int;
        change := (ARRAY['owner span', 'owner post', 'owner kind', 'new owner', 'drop owner', 'target', 'duty life',
                         'step owner', 'tenure', 'absence', 'acting', 'post life', 'process life', 'drop step'])[1 + (random() * 13)::int];
        CASE change
        WHEN 'owner span' THEN
            UPDATE duty_owner SET during = tstzrange('2005-01-01'::timestamptz + (random() * 200)::int * interval '1 day', NULL)
             WHERE duty_owner_id = (SELECT duty_owner_id FROM duty_owner ORDER BY random() LIMIT 1);
        WHEN 'owner post' THEN
            UPDATE duty_owner SET position_id = k WHERE duty_owner_id = (SELECT duty_owner_id FROM duty_owner ORDER BY random() LIMIT 1);
        WHEN 'owner kind' THEN
            UPDATE duty_owner SET kind = CASE kind WHEN 'primary' THEN 'supervisory' ELSE 'primary' END::ownership_kind
             WHERE duty_owner_id = (SELECT duty_owner_id FROM duty_owner ORDER BY random() LIMIT 1);
        WHEN 'new owner' THEN
            INSERT INTO duty_owner (duty_id, position_id, during)
                VALUES (1 + (random() * 79)::int, k, tstzrange('2005-06-01'::timestamptz + (random() * 100)::int * interval '1 day', '2006-06-01'));
        WHEN 'drop owner' THEN
            DELETE FROM duty_owner WHERE duty_owner_id = (SELECT duty_owner_id FROM duty_owner ORDER BY random() LIMIT 1);
        WHEN 'target' THEN
            UPDATE duty SET target = CASE WHEN target IS NULL THEN 'a target' END WHERE duty_id = 1 + (random() * 79)::int;
        WHEN 'duty life' THEN
            UPDATE duty SET valid = tstzrange('2005-01-01', CASE WHEN random() < 0.5 THEN '2006-06-01'::timestamptz END)
             WHERE duty_id = 1 + (random() * 79)::int
               AND NOT EXISTS (SELECT FROM duty_owner o WHERE o.duty_id = duty.duty_id AND NOT tstzrange('2005-01-01', '2006-06-01') @> o.during);
        WHEN 'step owner' THEN
            UPDATE step_owner SET position_id = k, during = tstzrange('2005-01-01'::timestamptz + (random() * 200)::int * interval '1 day', NULL)
             WHERE step_owner_id = (SELECT step_owner_id FROM step_owner ORDER BY random() LIMIT 1);
        WHEN 'tenure' THEN
            UPDATE assignment SET during = tstzrange(lower(during), CASE WHEN random() < 0.5 THEN '2006-03-01'::timestamptz END)
             WHERE assignment_id = k AND NOT EXISTS (SELECT FROM absence b WHERE b.assignment_id = k);
        WHEN 'absence' THEN
            INSERT INTO absence (assignment_id, during)
                SELECT k, '[2005-09-01,2005-10-01)' WHERE NOT EXISTS (SELECT FROM absence b WHERE b.assignment_id = k)
                  AND (SELECT during FROM assignment WHERE assignment_id = k) @> '[2005-09-01,2005-10-01)'::tstzrange;
        WHEN 'acting' THEN
            UPDATE absence SET acting_person_id = CASE WHEN acting_person_id IS NULL THEN 50 END
             WHERE absence_id = (SELECT absence_id FROM absence ORDER BY random() LIMIT 1);
        WHEN 'post life' THEN
            INSERT INTO position (position_id, unit_id, title, valid) VALUES ((SELECT max(position_id) + 1 FROM position), 1 + k % 10, 'New post', '[2005-05-01,)');
        WHEN 'process life' THEN
            UPDATE process SET valid = CASE WHEN upper_inf(valid) THEN '[2005-01-01,2006-01-01)'::tstzrange ELSE '[2005-01-01,)'::tstzrange END
             WHERE process_id = 1 + k % 10;
        WHEN 'drop step' THEN
            DELETE FROM process_step WHERE step_id = (SELECT step_id FROM process_step ORDER BY random() LIMIT 1);
        END CASE;
        COMMIT;
        mine := public.coverage_line();
        SELECT r INTO theirs
          FROM dblink(format('dbname=%s port=%s host=%s', current_database(), current_setting('port'),
                             split_part(current_setting('unix_socket_directories'), ',', 1)),
                      'SELECT public.coverage_line()') AS t(r text);
        IF mine IS DISTINCT FROM theirs THEN
            INSERT INTO mismatch VALUES (i, change);
        END IF;
        COMMIT;
    END LOOP;
END
$$;
SELECT coalesce(string_agg(step || ':' || change, ', '), 'none') FROM mismatch;
SQL
)
# (a script, not -c: the DO block commits, which one -c string cannot)
out=$(printf '%s\n' "$CHANGES" | "${PSQL[@]}" -f - 2>&1 | tail -1)
is "$out" "none" "after each of 60 random changes, the kept arrays give what a new connection's give"

out=$(printf '%s\n' "$CHANGES" | PGOPTIONS="-c responsibility.chain_cache_size=1MB" "${PSQL[@]}" -f - 2>&1 | tail -1)
is "$out" "none" "the same under the smallest cache allowed (chain_cache_size = 1MB)"
