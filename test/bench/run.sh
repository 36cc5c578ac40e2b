#!/usr/bin/env bash
# Runs every benchmark test/bench/NN_*.sql against the cluster in the
# environment (make bench sets it up), at the given scale (default 1.0 =
# the sizes the issues name; 0.01 for a quick run).  Each file builds its
# data if missing and ends with bench.compare(...) rows.
set -euo pipefail
cd "$(dirname "$0")"
SCALE=${1:-1}
DB=responsibility_bench
if ! psql -X -qtA -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    createdb "$DB"
fi
psql -X -q -d "$DB" -c 'CREATE EXTENSION IF NOT EXISTS responsibility CASCADE'
psql -X -q -d "$DB" -f lib.sql
mkdir -p out
for f in [0-9]*.sql; do
    echo "== $f (scale $SCALE)"
    psql -X -q -v ON_ERROR_STOP=1 -v scale="$SCALE" -d "$DB" -f "$f" | tee "out/${f%.sql}.txt"
done
