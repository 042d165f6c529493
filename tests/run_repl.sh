#!/usr/bin/env bash
# REPL transcript tests: for every NAME.in in tests/repl (or in DIR), runs
#
#     looplab --plain [flags from NAME.flags] < NAME.in
#
# from inside that directory (so `:load FILE.py` paths are relative to it)
# and compares its standard output, exactly, with NAME.expected. A mismatch
# is shown as a unified diff. The last line of the report is
# `N passed, M failed`; the exit status is 1 when a test failed.
#
#   tests/run_repl.sh [DIR] [NAME...]
#   tests/run_repl.sh --record [DIR] NAME...   (re-record NAME.expected)
#
# --record writes the current output as NAME.expected: check every line of
# it by hand (Python-visible parts against CPython 3.11) before keeping it.
# tests/repl/known_bugs holds transcripts looplab gets wrong today
# (tests/run_repl.sh tests/repl/known_bugs shows them failing).
#
# Environment:
#   LOOPLAB          the binary (default: looplab at the repository root)
#   LOOPLAB_TIMEOUT  seconds each transcript may run (default 20)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
    echo "usage: tests/run_repl.sh [--record] [DIR] [NAME...]" >&2
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

record=0
if [ "${1:-}" = --record ]; then
    record=1
    shift
fi
dir=$root/tests/repl
if [ $# -gt 0 ] && [ -d "$1" ]; then
    dir=$(cd "$1" && pwd)
    shift
fi
names=()
for arg in "$@"; do
    case $arg in
    -*) usage ;;
    *)
        arg=${arg##*/}
        names+=("${arg%.in}")
        ;;
    esac
done
if [ "$record" = 1 ] && [ ${#names[@]} = 0 ]; then
    echo "run_repl.sh: --record needs the NAMEs to record" >&2
    exit 2
fi

looplab=$(abspath "${LOOPLAB:-$root/looplab}")
if ! command -v "$looplab" >/dev/null; then
    echo "run_repl.sh: no looplab binary at $looplab (run make first)" >&2
    exit 2
fi
timeout_s=${LOOPLAB_TIMEOUT:-20}

whole=0
if [ ${#names[@]} = 0 ]; then
    whole=1
    while IFS= read -r -d '' f; do
        f=${f##*/}
        names+=("${f%.in}")
    done < <(find "$dir" -maxdepth 1 -name '*.in' ! -name '.*' -print0 |
        sort -z)
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

passed=0
failed=0
for name in "${names[@]}"; do
    if [ ! -f "$dir/$name.in" ]; then
        echo "FAIL $name: no $name.in"
        failed=$((failed + 1))
        continue
    fi
    flags=()
    if [ -f "$dir/$name.flags" ]; then
        read -r -a flags <"$dir/$name.flags" || true
    fi
    status=0
    # The outer redirection silences bash's "Segmentation fault" notices.
    { (cd "$dir" && exec timeout -k 5 "$timeout_s" "$looplab" --plain \
        "${flags[@]}" <"$name.in") >"$out/$name.out" 2>"$out/$name.err"; } \
        2>/dev/null || status=$?
    if [ "$record" = 1 ]; then
        cp "$out/$name.out" "$dir/$name.expected"
        echo "recorded $name.expected (status $status): check it by hand"
        continue
    fi
    why=""
    if [ ! -f "$dir/$name.expected" ]; then
        why="no $name.expected"
    elif [ "$status" -ge 124 ]; then
        why="status $status (timeout or crash)"
    elif ! cmp -s "$dir/$name.expected" "$out/$name.out"; then
        why="output differs"
    fi
    if [ -z "$why" ]; then
        echo "ok   $name"
        passed=$((passed + 1))
        continue
    fi
    echo "FAIL $name: $why"
    if [ -f "$dir/$name.expected" ]; then
        diff -u --label "$name.expected" --label "$name (actual)" \
            "$dir/$name.expected" "$out/$name.out" || true
    fi
    if [ -s "$out/$name.err" ]; then
        echo "--- stderr:"
        cat "$out/$name.err"
    fi
    failed=$((failed + 1))
done

[ "$record" = 1 ] && exit 0
echo "$passed passed, $failed failed"
status=0
[ "$failed" = 0 ] || status=1
# The whole default suite also types at the real readline prompt in tmux.
if [ "$whole" = 1 ] && [ "$dir" = "$root/tests/repl" ]; then
    echo "== tests/repl/tmux_test.sh"
    LOOPLAB=$looplab TMUX_TEST_TIMEOUT=${TMUX_TEST_TIMEOUT:-15} \
        bash "$root/tests/repl/tmux_test.sh" || status=1
fi
exit $status
