# TAP helpers for the shell suites (sourced, not run: prove runs *.sh only).
n=0
failed=0

ok() {  # ok EXIT-STATUS DESCRIPTION [DIAGNOSTIC...]
    local status=$1 desc=$2
    shift 2
    n=$((n + 1))
    if [ "$status" = 0 ]; then
        echo "ok $n - $desc"
    else
        failed=$((failed + 1))
        echo "not ok $n - $desc"
        local line
        for line in "$@"; do
            printf '%s\n' "$line" | head -20 | sed 's/^/# /'
        done
    fi
}

is() {  # is HAVE WANT DESCRIPTION
    if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3" "have:" "$1" "want:" "$2"; fi
}
