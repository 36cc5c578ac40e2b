#!/usr/bin/env bash
# Benchmark: the kept clocks of the supervision (60_supervision.sql) under
# writes, over that file's data.  The clock is a cache on each application's
# row, recomputed by a trigger at every write to its facts; this measures
# what that costs the writers and what the writers cost the readers.
#
#   (a) writes: pgbench, 1 client, -M prepared, T seconds: each transaction
#       marks the step in progress of a random open application as done (and
#       back), with the clock trigger, then without it (the trigger disabled
#       for the run): tps of each and the ratio.
#   (b) reads under writes: application_status() over every open
#       application, timed alone and while a writer runs (a) with the
#       trigger: the median of the reads and the ratio.
#
#   bash pgbench_supervision.sh [scale] [database]     (run.sh calls it)
set -euo pipefail
cd "$(dirname "$0")"
SCALE=${1:-1}
DB=${2:-responsibility_bench}
T=${PGBENCH_SECONDS:-$(awk -v s="$SCALE" 'BEGIN { print (s >= 1) ? 15 : 8 }')}
PSQL=(psql -X -q -tA -v ON_ERROR_STOP=1 -d "$DB")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; "${PSQL[@]}" -c "ALTER TABLE responsibility.application_step ENABLE TRIGGER application_step_touch" >/dev/null 2>&1 || true' EXIT

TENANT=$("${PSQL[@]}" -c "SELECT tenant_id FROM responsibility.tenant WHERE code = 'bench_supervision'")
read -r LO HI < <("${PSQL[@]}" -F ' ' -c "SELECT min(application_id), max(application_id) FROM responsibility.application
                                          WHERE tenant_id = $TENANT AND decided_at IS NULL")
cat > "$WORK/write.sql" <<SQL
\set a random($LO, $HI)
SET responsibility.tenant = 'bench_supervision';
UPDATE responsibility.application_step SET done_at = CASE WHEN done_at IS NULL THEN started_at + interval '1 hour' END
 WHERE tenant_id = $TENANT AND application_id = :a AND step_no = 2;
SQL
cat > "$WORK/read.sql" <<SQL
SET responsibility.tenant = 'bench_supervision';
SELECT count(*), count(*) FILTER (WHERE status = 'red'), sum(due_on - date '2000-01-01')
  FROM responsibility.application_status('2025-12-31 17:00+08');
SQL
tps() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1; }
lat() { sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' | head -1; }

with=$(pgbench -n -M prepared -c 1 -T "$T" -f "$WORK/write.sql" "$DB" 2>/dev/null | tps)
"${PSQL[@]}" -c "ALTER TABLE responsibility.application_step DISABLE TRIGGER application_step_touch" >/dev/null
without=$(pgbench -n -M prepared -c 1 -T "$T" -f "$WORK/write.sql" "$DB" 2>/dev/null | tps)
"${PSQL[@]}" -c "ALTER TABLE responsibility.application_step ENABLE TRIGGER application_step_touch" >/dev/null
# Put the clocks the untriggered run left stale right again.
"${PSQL[@]}" -c "SET responsibility.tenant = 'bench_supervision'; UPDATE responsibility.application SET clock_as_of = clock_as_of WHERE tenant_id = $TENANT AND decided_at IS NULL" >/dev/null
echo "writes (tps): with the clock trigger $with, without $without, ratio $(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')"

alone=$(pgbench -n -M prepared -c 1 -T "$T" -f "$WORK/read.sql" "$DB" 2>/dev/null | lat)
pgbench -n -M prepared -c 1 -T "$T" -f "$WORK/write.sql" "$DB" >/dev/null 2>&1 &
writer=$!
sleep 1
busy=$(pgbench -n -M prepared -c 1 -T "$((T - 2))" -f "$WORK/read.sql" "$DB" 2>/dev/null | lat)
wait "$writer"
echo "reads (ms): application_status() alone $alone, under a writer $busy, ratio $(awk -v a="$alone" -v b="$busy" 'BEGIN { printf "%.2f", a / b }')"
