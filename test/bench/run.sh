#!/usr/bin/env bash
# Runs every benchmark test/bench/NN_*.sql against the cluster in the
# environment (make bench sets it up), at the given scale (default 1.0 =
# the sizes the issues name; 0.01 for a quick run), then pgbench_chain.sh and
# pgbench_supervision.sh.
# Each file builds its data if missing and ends with bench.compare(...) rows.
# The database is responsibility_bench (BENCH_DB overrides, e.g. to keep the
# data of two scales side by side).
set -euo pipefail
cd "$(dirname "$0")"
SCALE=${1:-1}
DB=${BENCH_DB:-responsibility_bench}
# Queries are timed under PostgreSQL's default work_mem (4MB, its boot value)
# whatever the cluster's configuration says: the baselines' hash tables and
# Memoize caches get what a stock server gives them.  A file that measures
# another setting says so and sets it itself.
export PGOPTIONS="${PGOPTIONS:-} -c work_mem=4MB"
# The data is kept between runs, until the installed extension changes.
SCRIPT_SUM=$(cat "$(/usr/lib/postgresql/15/bin/pg_config --sharedir)"/extension/responsibility--*.sql | md5sum | cut -c1-32)
if [ "$(psql -X -qtA -d "$DB" -c 'SELECT sum FROM bench.script_sum' 2>/dev/null)" != "$SCRIPT_SUM" ]; then
    dropdb --if-exists "$DB"
    createdb "$DB"
    psql -X -q -d "$DB" -c "CREATE SCHEMA bench; CREATE TABLE bench.script_sum AS SELECT '$SCRIPT_SUM'::text AS sum"
fi
psql -X -q -d "$DB" -c 'SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS responsibility CASCADE'
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f lib.sql
mkdir -p out
for f in [0-9]*.sql; do
    echo "== $f (scale $SCALE)"
    psql -X -q -v ON_ERROR_STOP=1 -v scale="$SCALE" -d "$DB" -f "$f" | tee "out/${f%.sql}.txt"
done
# Throughput under pgbench, after the SQL files (it needs their organisation).
echo "== pgbench_chain.sh (scale $SCALE)"
bash pgbench_chain.sh "$SCALE" "$DB" | tee out/pgbench_chain.txt
echo "== pgbench_supervision.sh (scale $SCALE)"
bash pgbench_supervision.sh "$SCALE" "$DB" | tee out/pgbench_supervision.txt
