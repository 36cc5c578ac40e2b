#!/usr/bin/env bash
# Benchmark: throughput of one command chain per transaction under pgbench,
# command_chain() against the tuned SQL of 10_command_chain.sql (the "probe"
# form, written for one chain), over the organisation of that file.
#
#   2 clients (-c 2 -j 2), -M prepared on both sides, -n; each transaction
#   takes the chain of a random post at a random moment in 2021-2025 and
#   returns its holders (bigint[]).  Two variants, T seconds a run (15 at
#   scale 1, 5 below; PGBENCH_SECONDS overrides):
#     (a) no writes;
#     (b) 1% writes: 1 transaction in 100 (weighted scripts @99/@1) updates
#         the note of one random assignment of tenant 1 instead.
#   Runs alternate candidate and baseline, 2 repetitions each.  Reports tps
#   per run and the ratio of mean tps, candidate / baseline.
#   Target: with 1% writes, ratio >= 1.0 (the no-writes ratio for reference).
#
# Each pgbench run opens new connections, so the candidate starts each run
# with an empty image and fills it as the run goes.
#
#   bash pgbench_chain.sh [scale] [database]     (run.sh calls it)
set -euo pipefail
cd "$(dirname "$0")"
SCALE=${1:-1}
DB=${2:-responsibility_bench}
SECONDS_PER_RUN=${PGBENCH_SECONDS:-$(awk -v s="$SCALE" 'BEGIN { print (s >= 1) ? 15 : 5 }')}
case "${PGOPTIONS:-}" in
    *work_mem*) ;;
    *) export PGOPTIONS="${PGOPTIONS:-} -c work_mem=4MB" ;;
esac
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")

NPOSTS=$("${PSQL[@]}" -tA -c 'SELECT max(position_id) FROM responsibility.position WHERE tenant_id = 1')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The tuned SQL for one chain: @POS@ the post, @AT@ the moment (see the
# "probe" view in 10_command_chain.sql for why each lookup is a scalar
# subquery and why (during @> at) IS TRUE).
TUNED_ONE_CHAIN=$(cat <<'SQL'
WITH RECURSIVE up(position_id, depth) AS (
    SELECT (@POS@)::bigint, 1
    UNION ALL
    SELECT x.next, x.depth + 1
      FROM (SELECT up.depth,
                   (SELECT coalesce(CASE WHEN p.kind = 'head' THEN
                                        (SELECT ch.position_id FROM responsibility.charge ch
                                          WHERE ch.tenant_id = 1 AND ch.unit_id = p.unit_id
                                            AND (ch.during @> @AT@) IS TRUE
                                            AND ch.position_id <> p.position_id LIMIT 1) END,
                                    p.reports_to)
                      FROM responsibility.position p
                     WHERE p.tenant_id = 1 AND p.position_id = up.position_id) AS next
              FROM up OFFSET 0) x
     WHERE x.next IS NOT NULL)
SELECT coalesce(array_agg(y.holder ORDER BY y.depth) FILTER (WHERE y.holder IS NOT NULL), '{}')
  FROM (SELECT up.depth,
               (SELECT a.person_id FROM responsibility.assignment a
                 WHERE a.tenant_id = 1 AND a.position_id = up.position_id
                   AND (a.during @> @AT@) IS TRUE LIMIT 1) AS holder
          FROM up OFFSET 0) y
SQL
)
one_chain() {  # one_chain POS AT
    local q=${TUNED_ONE_CHAIN//@POS@/$1}
    printf '%s' "${q//@AT@/$2}"
}

# The same holders as command_chain() on the first 1,000 chains of the sample.
DIFFERING=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM (SELECT * FROM bench.chain_sample LIMIT 1000) s
    WHERE responsibility.persons(responsibility.command_chain(s.pos, s.at))
          IS DISTINCT FROM ($(one_chain s.pos s.at))")
echo "chains_differing (the one-chain tuned SQL, 1000 chains): $DIFFERING"
[ "$DIFFERING" = 0 ] || { echo "the tuned SQL disagrees with command_chain()" >&2; exit 1; }

MOMENT="(timestamptz '2021-01-01' + make_interval(secs => :secs))"
PICK='\set pos random(1, :nposts)
\set secs random(0, 157766399)'
printf '%s\nSELECT responsibility.persons(responsibility.command_chain(:pos, %s));\n' \
    "$PICK" "$MOMENT" > "$WORK/candidate.sql"
printf '%s\n%s;\n' "$PICK" "$(one_chain :pos "$MOMENT")" > "$WORK/baseline.sql"
# The first term of post n is assignment 3 (n - 1) + 1 (10_command_chain.sql).
cat > "$WORK/write.sql" <<'SQL'
\set wpos random(1, :nposts)
\set aid 3 * (:wpos - 1) + 1
UPDATE responsibility.assignment SET note = 'pgbench' WHERE tenant_id = 1 AND assignment_id = :aid;
SQL

run() {  # run SIDE VARIANT: prints tps
    local side=$1 variant=$2 out
    local args=(-n -M prepared -c 2 -j 2 -T "$SECONDS_PER_RUN" -D nposts="$NPOSTS")
    if [ "$variant" = writes ]; then
        args+=(-f "$WORK/$side.sql@99" -f "$WORK/write.sql@1")
    else
        args+=(-f "$WORK/$side.sql")
    fi
    out=$(pgbench "${args[@]}" "$DB" 2>&1) || { echo "$out" >&2; exit 1; }
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' <<<"$out"
}

echo "pgbench: $NPOSTS posts, 2 clients, $SECONDS_PER_RUN s a run, -M prepared"
printf '%-14s %-14s %4s %12s\n' variant side rep tps
declare -A SUM
for variant in reads writes; do
    SUM[$variant,candidate]=0; SUM[$variant,baseline]=0
    for rep in 1 2; do
        if [ $((rep % 2)) = 1 ]; then order="candidate baseline"; else order="baseline candidate"; fi
        declare -A TPS=()
        for side in $order; do
            TPS[$side]=$(run "$side" "$variant")
            printf '%-14s %-14s %4s %12.1f\n' "$variant" "$side" "$rep" "${TPS[$side]}"
            SUM[$variant,$side]=$(awk -v a="${SUM[$variant,$side]}" -v b="${TPS[$side]}" 'BEGIN { print a + b }')
        done
        # bench.result keeps milliseconds per transaction, like the SQL benchmarks.
        "${PSQL[@]}" -c "INSERT INTO bench.result (benchmark, rep, baseline_ms, candidate_ms)
            VALUES ('pgbench: command_chain vs tuned SQL, $variant', $rep,
                    1000.0 / ${TPS[baseline]}, 1000.0 / ${TPS[candidate]})"
    done
done

echo
printf '%-48s %12s %12s %7s %8s\n' benchmark command_chain tuned_SQL ratio target
for variant in reads writes; do
    if [ "$variant" = reads ]; then name="pgbench: no writes (tps)"; target="-"
    else name="pgbench: 1% of transactions write (tps)"; target=">= 1.0"; fi
    awk -v n="$name" -v c="${SUM[$variant,candidate]}" -v b="${SUM[$variant,baseline]}" -v t="$target" \
        'BEGIN { printf "%-48s %12.1f %12.1f %7.2f %8s\n", n, c / 2, b / 2, c / b, t }'
done
