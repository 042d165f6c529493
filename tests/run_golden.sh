#!/usr/bin/env bash
# Golden tests: runs `looplab run` on every DIR/*.py (or the NAMEs given) and
# compares the exit status, stdout, the last stderr line (the lines warnings
# write too, for a program with a "tracecmp: warnings" comment) and, with
# --trace, the trace against the expected DIR/NAME.{code,out,err,trace},
# using tests/tools/tracecmp.  Prints its report (ending `N passed, M failed`) and
# exits with its status.
#
#   tests/run_golden.sh DIR [--trace] [NAME...]
#
# Environment:
#   LOOPLAB          the binary (default: looplab at the repository root)
#   TRACECMP         the comparer (default: tests/tools/tracecmp)
#   LOOPLAB_WRAP     a command prefix, e.g. "valgrind -q --error-exitcode=99"
#   LOOPLAB_TIMEOUT  seconds each program may run (default 20)
set -euo pipefail

usage() {
    echo "usage: tests/run_golden.sh DIR [--trace] [NAME...]" >&2
    exit 2
}

# Absolute form of a path given relative to the current directory; a bare
# command name is left for PATH to find.
abspath() {
    case $1 in
    /*) echo "$1" ;;
    */*) echo "$PWD/$1" ;;
    *) echo "$1" ;;
    esac
}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 1 ] || usage
dir=$(cd "$1" && pwd) || exit 2
shift
trace=0
names=()
for arg in "$@"; do
    case $arg in
    --trace) trace=1 ;;
    -*) usage ;;
    *)
        arg=${arg##*/}
        names+=("${arg%.py}")
        ;;
    esac
done

looplab=$(abspath "${LOOPLAB:-$root/looplab}")
tracecmp=$(abspath "${TRACECMP:-$root/tests/tools/tracecmp}")
if ! command -v "$looplab" >/dev/null; then
    echo "run_golden.sh: no looplab binary at $looplab (run make first)" >&2
    exit 2
fi
if ! command -v "$tracecmp" >/dev/null; then
    echo "run_golden.sh: no $tracecmp (make tests/tools/tracecmp builds it)" >&2
    exit 2
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs one program from inside its directory, so that tracebacks name it
# by its file name alone, and records its results in $RG_OUT.
# shellcheck disable=SC2317  # called through xargs
run_one() {
    local name=$1 status=0 wrap args=(run)
    read -r -a wrap <<<"${LOOPLAB_WRAP:-}"
    [ "$RG_TRACE" = 1 ] && args+=(--trace-out "$RG_OUT/$name.trace")
    # The outer redirection silences bash's "Segmentation fault" notices.
    { (cd "$RG_DIR" && exec timeout -k 5 "$RG_TIMEOUT" "${wrap[@]}" \
        "$RG_LOOPLAB" "${args[@]}" "$name.py") \
        </dev/null >"$RG_OUT/$name.out" 2>"$RG_OUT/$name.err"; } 2>/dev/null ||
        status=$?
    echo "$status" >"$RG_OUT/$name.code"
}
export -f run_one
export RG_DIR=$dir RG_OUT=$out RG_LOOPLAB=$looplab RG_TRACE=$trace
export RG_TIMEOUT=${LOOPLAB_TIMEOUT:-20}

# The programs run in parallel but only write files; tracecmp reports them
# in order of name.
todo=("${names[@]}")
if [ ${#todo[@]} = 0 ]; then
    mapfile -d '' todo < <(find "$dir" -maxdepth 1 -name '*.py' ! -name '.*' \
        -printf '%f\0' | sed -z 's/\.py$//')
fi
if [ ${#todo[@]} -gt 0 ]; then
    # shellcheck disable=SC2016  # $1 belongs to the child shell
    printf '%s\0' "${todo[@]}" |
        xargs -0 -n 1 -P "$(nproc)" bash -c 'run_one "$1"' run_one
fi

opts=()
[ "$trace" = 1 ] || opts+=(--no-trace)
status=0
"$tracecmp" "${opts[@]}" "$dir" "$out" "${names[@]}" || status=$?
exit "$status"
