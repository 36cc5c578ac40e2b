#!/usr/bin/env bash
# The set-up behind `make demo`, `make test` and `make bench`: install the
# Debian packages that are missing, build and install the extension, start a
# throwaway PostgreSQL 15 cluster under the repository (initdb + pg_ctl, no
# system service, the server running as an unprivileged user), then run the
# demo, every test suite or the benchmarks against it.
#
#   bash test/harness.sh deps|install|start|stop|env|demo|test|bench [scale]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
PACKAGES=(build-essential postgresql-15 postgresql-server-dev-15 postgresql-contrib
          postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl)

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The server never runs as root: root hands it to the `postgres` account.
if [ "$(id -u)" = 0 ]; then SERVER_USER=postgres; else SERVER_USER=$(id -un); fi
as_server() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$SERVER_USER" -- "$@"; else "$@"; fi
}

deps() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

install_ext() {
    say "building and installing the extension"
    make -s PG_CONFIG=$PGBIN/pg_config >/dev/null
    as_root make -s PG_CONFIG=$PGBIN/pg_config install >/dev/null
}

# Where the cluster lives: under the repository when the server's account can
# reach it, else in /tmp (a clone under /root is closed to `postgres`).
cluster_dir() {
    local d="$ROOT/.pgcluster"
    mkdir -p "$d"
    if [ "$(id -u)" = 0 ]; then
        chown "$SERVER_USER" "$d"
        if ! runuser -u "$SERVER_USER" -- test -w "$d"; then
            d="/tmp/responsibility-cluster-$(echo "$ROOT" | md5sum | cut -c1-8)"
            mkdir -p "$d" && chown "$SERVER_USER" "$d"
        fi
    fi
    echo "$d"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
    local d; d=$(cluster_dir)
    if [ ! -f "$d/data/PG_VERSION" ]; then
        say "creating a throwaway cluster in $d/data"
        as_server $PGBIN/initdb -D "$d/data" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null
        local port=55432
        while ! port_free $port; do port=$((port + 1)); done
        mkdir -p "$d/sock" && chown "$SERVER_USER" "$d/sock" 2>/dev/null || true
        cat >> "$d/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$d/sock'
max_connections = 40
maintenance_work_mem = 512MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 4GB
timezone = 'Asia/Shanghai'
log_min_messages = warning
CONF
        echo "$port" > "$d/port"
    fi
    local port; port=$(cat "$d/port")
    if ! as_server $PGBIN/pg_ctl -D "$d/data" status >/dev/null 2>&1; then
        say "starting PostgreSQL 15 on port $port (server user: $SERVER_USER)"
        as_server $PGBIN/pg_ctl -D "$d/data" -l "$d/server.log" -w start >/dev/null
    fi
    cat > "$d/env" <<ENV
export PGHOST='$d/sock' PGPORT=$port PGUSER=postgres PATH=$PGBIN:\$PATH
ENV
}

stop() {
    local d; d=$(cluster_dir)
    [ -f "$d/data/PG_VERSION" ] && as_server $PGBIN/pg_ctl -D "$d/data" -m fast stop || true
}

load_env() { local d; d=$(cluster_dir); . "$d/env"; export PGDATABASE=${PGDATABASE:-postgres}; }

fresh_db() {
    PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists "$1"
    createdb "$1"
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -d "$1" -c 'CREATE EXTENSION responsibility CASCADE'
}

demo() {
    deps; install_ext; start; load_env
    say "loading the demo organisation into database responsibility_demo"
    fresh_db responsibility_demo
    psql -X -q -v ON_ERROR_STOP=1 -d responsibility_demo -f test/demo/demo_data.sql >/dev/null
    psql -X -q -v ON_ERROR_STOP=1 -d responsibility_demo -f test/demo/walkthrough.sql
    local d; d=$(cluster_dir)
    cat <<TXT

The demo cluster keeps running.  Connect to it with
    psql -h $PGHOST -p $PGPORT -U postgres responsibility_demo
Stop it with
    make cluster-stop
TXT
}

# Adds a prove/pg_prove summary to the counts: every subtest of a failed file
# that is not named as failed is a pass; a file that died counts one failure.
count_tap() {
    local n m
    n=$(echo "$1" | sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p')
    m=$(echo "$1" | sed -n 's/.*Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' | awk '{s += $1} END {print s + 0}')
    if echo "$1" | grep -q '^Result: FAIL' && [ "$m" = 0 ]; then m=1; fi
    passed=$((passed + ${n:-0} - m)); failed=$((failed + m))
}

# Runs every suite, counts what passed and failed, and ends with the line
# "N passed, N failed".
run_tests() {
    deps; install_ext; start; load_env
    local passed=0 failed=0 out n m
    say "pg_regress: exact output (sql/, expected/) and isolation specs"
    set +e
    out=$(make -s PG_CONFIG=$PGBIN/pg_config installcheck 2>&1)
    set -e
    echo "$out"
    while read -r n; do passed=$((passed + n)); done < <(echo "$out" | sed -n 's/^ *All \([0-9]*\) tests passed.*/\1/p')
    while read -r m n; do failed=$((failed + m)); passed=$((passed + n - m)); done \
        < <(echo "$out" | sed -n 's/^ *\([0-9]*\) of \([0-9]*\) tests failed.*/\1 \2/p')
    if echo "$out" | grep -q 'make: \*\*\*' && ! echo "$out" | grep -q 'tests failed'; then failed=$((failed + 1)); fi
    [ -f regression.diffs ] && { say "regression.diffs"; cat regression.diffs; }
    [ -f output_iso/regression.diffs ] && { say "isolation diffs"; cat output_iso/regression.diffs; }

    say "pgTAP suites (pg_prove)"
    fresh_db responsibility_tap
    set +e
    out=$(pg_prove -d responsibility_tap --ext .sql -r test/pgtap 2>&1)
    set -e
    echo "$out"
    count_tap "$out"

    say "shell suites (prove): dump and restore, non-superuser, upgrade, the demo"
    set +e
    out=$(prove test/shell/*.sh 2>&1)
    set -e
    echo "$out"
    count_tap "$out"

    echo
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ] && [ "$passed" -gt 0 ]
}

bench() {
    deps; install_ext; start; load_env
    bash test/bench/run.sh "${1:-}"
}

case "${1:-}" in
    deps) deps ;;
    install) deps; install_ext ;;
    start) deps; start; load_env; echo "export PGHOST='$PGHOST' PGPORT=$PGPORT PGUSER=postgres" ;;
    stop) stop ;;
    env) start >/dev/null; cat "$(cluster_dir)/env" ;;
    demo) demo ;;
    test) run_tests ;;
    bench) bench "${2:-}" ;;
    *) echo "usage: $0 deps|install|start|stop|env|demo|test|bench [scale]" >&2; exit 2 ;;
esac
