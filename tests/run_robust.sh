#!/usr/bin/env bash
# Robustness tests: bad input, resource limits, the sandbox and crash
# reproducers (tests/robust/README.md describes the layout). Runs every
# test in tests/robust and tests/robust/crashes (or in DIR), prints
# `FAIL NAME: why` for each failure and ends with `N passed, M failed`;
# the exit status is 1 when a test failed.
#
#   tests/run_robust.sh [DIR] [NAME...]
#   tests/run_robust.sh tests/robust/known_bugs     (what fails today)
#
# Environment:
#   LOOPLAB          the binary (default: looplab at the repository root)
#   LOOPLAB_TIMEOUT  seconds each test may run (default 30)
#   ROBUST_MEM_MB    memory ceiling per test, so that a runaway allocation
#                    cannot take the machine down (default 4096): ulimit -v
#                    for a plain binary, ASan's hard_rss_limit_mb for a
#                    sanitized one
#   ROBUST_STRACE    0 to skip the strace check of sandbox_* tests
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
    echo "usage: tests/run_robust.sh [DIR] [NAME...]" >&2
    exit 2
}

abspath() {
    case $1 in
    /*) echo "$1" ;;
    */*) echo "$PWD/$1" ;;
    *) echo "$1" ;;
    esac
}

dirs=()
if [ $# -gt 0 ] && [ -d "$1" ]; then
    dirs=("$(cd "$1" && pwd)")
    shift
else
    dirs=("$root/tests/robust" "$root/tests/robust/crashes")
fi
names=()
for arg in "$@"; do
    case $arg in
    -*) usage ;;
    *)
        arg=${arg##*/}
        arg=${arg%.gen}
        names+=("${arg%.*}")
        ;;
    esac
done

looplab=$(abspath "${LOOPLAB:-$root/looplab}")
if ! command -v "$looplab" >/dev/null; then
    echo "run_robust.sh: no looplab binary at $looplab (run make first)" >&2
    exit 2
fi
timeout_s=${LOOPLAB_TIMEOUT:-30}
mem_mb=${ROBUST_MEM_MB:-4096}

# A sanitized binary cannot run under ulimit -v (ASan reserves terabytes of
# address space); ASan's own RSS limit guards it instead.
asan=0
if grep -qa __asan_init "$looplab"; then
    asan=1
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}:hard_rss_limit_mb=$mem_mb:allocator_may_return_null=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# strace is used when it works here (containers may forbid ptrace).
use_strace=0
if [ "${ROBUST_STRACE:-1}" != 0 ] && command -v strace >/dev/null &&
    strace -f -qq -o /dev/null true 2>/dev/null; then
    use_strace=1
fi

# Runs the test input $2 (a file name in the current directory) of kind
# $1 with the options in $3, under the time and memory limits, with
# stdout and stderr to $4 and $5; an optional prefix command ($6...) goes
# in front of looplab (strace). Returns looplab's exit status.
run_input() {
    local kind=$1 file=$2 args=$3 so=$4 se=$5
    shift 5
    local -a opts cmd
    read -r -a opts <<<"$args"
    case $kind in
    py) cmd=("$looplab" run "${opts[@]}" "$file") ;;
    in) cmd=("$looplab" --plain "${opts[@]}") ;;
    md) cmd=("$looplab" lesson --check --dir . "${opts[@]}" "./$file") ;;
    esac
    local input=/dev/null
    [ "$kind" = in ] && input=$file
    # NAME.stdout: standard output is not a file but /dev/full ("full") or
    # a pipe whose reader has gone ("closed": head reads one byte and
    # leaves; the first line may get through, what follows cannot).
    local sink=${stdout_mode:-file}
    [ "$sink" = full ] && so=/dev/full
    # The outer redirection silences bash's "Segmentation fault" notices.
    {
        if [ "$sink" = closed ]; then
            (
                [ "$asan" = 1 ] || ulimit -v $((mem_mb * 1024))
                exec timeout -k 5 "$timeout_s" "$@" "${cmd[@]}"
            ) <"$input" 2>"$se" | head -c 1 >/dev/null
            return "${PIPESTATUS[0]}"
        fi
        (
            [ "$asan" = 1 ] || ulimit -v $((mem_mb * 1024))
            exec timeout -k 5 "$timeout_s" "$@" "${cmd[@]}"
        ) <"$input" >"$so" 2>"$se"
    } 2>/dev/null
}

# The system calls traced in sandbox tests: everything that names a file,
# starts a program or opens a network connection.
strace_cmd=(strace -f -qq -e trace=%file,execve,socket,connect,bind)

# The set of paths a run touched, from an strace log. Under ASan the
# sanitizer's own memory monitor reads /proc/self/statm now and then (for
# hard_rss_limit_mb), whether or not the baseline run happened to: not
# looplab's doing, so not counted.
strace_paths() {
    grep -vE '^[0-9]* *(socket|connect|bind)\(' "$1" |
        sed -n 's/^[0-9]* *[a-z0-9_]*([^"]*"\([^"]*\)".*/\1/p' |
        { if [ "$asan" = 1 ]; then grep -vxF /proc/self/statm; else cat; fi; } |
        sort -u
}

# What looplab touches for a harmless input of kind $1 (an empty program,
# an empty REPL session, a one-step lesson), in $tmp/base-$1.paths: in a
# sandbox test, anything beyond that apart from the test's own file is a
# finding.
make_baseline() {
    local kind=$1 b=$tmp/base-$1
    [ -f "$b.paths" ] && return
    mkdir -p "$b"
    case $kind in
    py | in) : >"$b/empty.$kind" ;;
    md) printf '# T\n\nText.\n\n```looplab\n>>> 1\n1\n```\n' >"$b/empty.md" ;;
    esac
    (cd "$b" && run_input "$kind" "empty.$kind" "" "$b/out" "$b/err" \
        "${strace_cmd[@]}" -o "$b/strace")
    strace_paths "$b/strace" | grep -vxE "(\./)?empty\.$kind" >"$b.paths"
}

passed=0
failed=0
fail() {
    echo "FAIL $1: $2"
    failed=$((failed + 1))
}

# Runs one test: $1 the directory, $2 the input file's name there (NAME.py,
# NAME.in, NAME.md, or one of them with .gen).
run_test() {
    local dir=$1 src=$2
    local file=${src%.gen}
    local name=${file%.*} kind=${file##*.}
    local t="$tmp/$name"
    local base=$dir/$name
    local label=$name
    [ "$dir" = "$root/tests/robust/crashes" ] && label=crashes/$name
    rm -rf "$t"
    mkdir -p "$t"
    if [ "$src" != "$file" ]; then
        if ! bash "$dir/$src" >"$t/$file"; then
            fail "$label" "generator $src failed"
            return
        fi
    else
        cp "$dir/$src" "$t/$file"
    fi
    local args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    stdout_mode=file
    [ -f "$base.stdout" ] && stdout_mode=$(cat "$base.stdout")
    : >"$t/out"
    local status=0
    (cd "$t" && run_input "$kind" "$file" "$args" "$t/out" "$t/err") ||
        status=$?

    local why=()
    if [ -f "$base.code" ]; then
        [ "$status" = "$(cat "$base.code")" ] ||
            why+=("exit status $status, expected $(cat "$base.code")")
    elif [ "$status" != 0 ] && [ "$status" != 1 ]; then
        why+=("exit status $status (a crash, a hang or an abort)")
    fi
    if grep -qE 'Sanitizer|runtime error:|looplab: internal error|looplab: out of memory' "$t/err"; then
        why+=("$(grep -m1 -E 'Sanitizer|runtime error:|looplab: internal error|looplab: out of memory' "$t/err")")
    fi
    if [ -f "$base.out" ] && ! cmp -s "$base.out" "$t/out"; then
        why+=("stdout differs:
$(diff "$base.out" "$t/out" | head -20 | cut -c1-300)")
    fi
    if [ -f "$base.err" ]; then
        local want got
        want=$(tail -n 1 "$base.err")
        got=$(tail -n 1 "$t/err")
        [ "$want" = "$got" ] ||
            why+=("last stderr line:
  expected: $(cut -c1-300 <<<"$want")
  got:      $(cut -c1-300 <<<"$got")")
    fi
    # (stdout only: a traceback on stderr quotes the source line, which
    # names what the program tried.)
    if [ -f "$base.forbid" ]; then
        while IFS= read -r bad; do
            [ -n "$bad" ] || continue
            if grep -qF -- "$bad" "$t/out"; then
                why+=("stdout contains '$bad'")
            fi
        done <"$base.forbid"
    fi
    # Tracebacks: lines stderr must hold (fixed strings) and patterns it
    # must not (grep -E), for what the last line alone does not show.
    if [ -f "$base.errhas" ]; then
        while IFS= read -r want; do
            [ -n "$want" ] || continue
            grep -qxF -- "$want" "$t/err" ||
                why+=("stderr lacks the line '$want'")
        done <"$base.errhas"
    fi
    if [ -f "$base.errforbid" ]; then
        while IFS= read -r bad; do
            [ -n "$bad" ] || continue
            if grep -qE -- "$bad" "$t/err"; then
                why+=("stderr matches '$bad': $(grep -m1 -E -- "$bad" "$t/err")")
            fi
        done <"$base.errforbid"
    fi
    # The sandbox: nothing touched beyond what looplab touches anyway.
    if [ "$use_strace" = 1 ] && [[ $name == sandbox_* ]]; then
        make_baseline "$kind"
        (cd "$t" && run_input "$kind" "$file" "$args" "$t/out2" "$t/err2" \
            "${strace_cmd[@]}" -o "$t/strace") || true
        local extra
        extra=$(comm -23 \
            <(strace_paths "$t/strace" | grep -vxE "(\./)?$name\.$kind") \
            "$tmp/base-$kind.paths")
        [ -z "$extra" ] ||
            why+=("touched paths that looplab does not touch for a harmless input: $(echo $extra)")
        local execs base_execs
        execs=$(grep -c 'execve(' "$t/strace")
        base_execs=$(grep -c 'execve(' "$tmp/base-$kind/strace")
        [ "$execs" -le "$base_execs" ] ||
            why+=("started $((execs - base_execs)) more program(s)")
        local net='(socket|connect|bind)\((AF_INET|[0-9]+, \{sa_family=AF_INET)'
        if grep -qE "$net" "$t/strace"; then
            why+=("used the network: $(grep -m1 -E "$net" "$t/strace")")
        fi
    fi
    if [ ${#why[@]} -eq 0 ]; then
        passed=$((passed + 1))
    else
        local IFS=$'\n'
        fail "$label" "${why[*]}"
    fi
}

[ "$use_strace" = 1 ] || echo "run_robust.sh: strace unavailable: the" \
    "sandbox tests' file-access check is skipped"
for dir in "${dirs[@]}"; do
    [ -d "$dir" ] || continue
    while IFS= read -r src; do
        file=${src%.gen}
        name=${file%.*}
        if [ ${#names[@]} -gt 0 ]; then
            keep=0
            for n in "${names[@]}"; do
                [ "$n" = "$name" ] && keep=1
            done
            [ "$keep" = 1 ] || continue
        fi
        run_test "$dir" "$src"
    done < <(cd "$dir" && ls | grep -E '\.(py|in|md)(\.gen)?$' |
        grep -vx 'README.md' | sort)
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
