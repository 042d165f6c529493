#!/usr/bin/env bash
# fuzz/run.sh - runs the libFuzzer targets built by fuzz/fuzz.mk (make
# fuzz, make fuzz-ci call it; it can be run by hand after make fuzz-build).
#
#   fuzz/run.sh [-t SECONDS] [--regress-only] [TARGET...]
#
# Two steps, every target (default: all five) through both, failures
# collected and summarised at the end:
#
#  1. Regressions: every reproducer in tests/robust/crashes/ is replayed
#     through the targets that take its kind of input (NAME.py: fuzz_source,
#     fuzz_run, fuzz_run_aio; NAME.in: fuzz_repl; NAME.md: fuzz_lesson), one
#     process per file, so that each one that still fails is named.
#  2. Fuzzing: each target runs for SECONDS (default 60) on its corpus in
#     $FUZZ_OUT/corpus/TARGET (seeded by fuzz.mk); what it finds is written
#     to $FUZZ_OUT/artifacts/TARGET/.
#
# Exit status: 0 when nothing failed, 1 otherwise, 2 on a usage error.
#
# Environment:
#   FUZZ_OUT      where fuzz.mk built everything (default: build-fuzz)
#   FUZZ_TIMEOUT  seconds one input may take before it is a hang (20)
#   FUZZ_RSS_MB   memory one process may use before it is an OOM (2048)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
out=${FUZZ_OUT:-build-fuzz}
timeout_s=${FUZZ_TIMEOUT:-20}
rss_mb=${FUZZ_RSS_MB:-2048}
seconds=60
regress_only=0
all=(fuzz_source fuzz_run fuzz_run_aio fuzz_repl fuzz_lesson)
targets=()

usage() {
    echo "usage: fuzz/run.sh [-t SECONDS] [--regress-only] [TARGET...]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case $1 in
    -t)
        [ $# -ge 2 ] || usage
        seconds=$2
        shift 2
        ;;
    --regress-only)
        regress_only=1
        shift
        ;;
    -*) usage ;;
    *)
        targets+=("$1")
        shift
        ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
    if [ ! -x "$out/$t" ]; then
        echo "fuzz/run.sh: no $out/$t (make fuzz-build builds it)" >&2
        exit 2
    fi
done

# Sanitizer settings: stop at the first error, with a stack. Leak checking
# is off for fuzz_source, fuzz_run_aio and fuzz_repl: they keep a VM (a
# REPL session) from one input to the next (see their header comments),
# whose growth makes libFuzzer suspect a leak after almost every input and
# scan the heap, fifty times slower. fuzz_run, which compiles and runs
# every input with a VM of its own, still finds the compiler's and the
# VM's leaks.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
asan_base=detect_stack_use_after_return=1

leaks_for() {
    case $1 in
    fuzz_source | fuzz_repl | fuzz_run_aio) echo 0 ;;
    *) echo 1 ;;
    esac
}

dict_for() {
    case $1 in
    fuzz_repl) echo "$out/repl.dict" ;;
    fuzz_lesson) echo "$out/lesson.dict" ;;
    *) echo fuzz/python.dict ;;
    esac
}

# Which reproducers a target takes: NAME.EXT, and NAME.EXT.gen (a script
# writing the input, see tests/robust/README.md) generated into
# $out/regress/.
inputs_for() {
    local ext
    case $1 in
    fuzz_repl) ext=in ;;
    fuzz_lesson) ext=md ;;
    *) ext=py ;;
    esac
    local f
    for f in tests/robust/crashes/*."$ext"; do
        [ -f "$f" ] && echo "$f"
    done
    for f in tests/robust/crashes/*."$ext".gen; do
        [ -f "$f" ] || continue
        local g=$out/regress/$(basename "${f%.gen}")
        mkdir -p "$out/regress"
        bash "$f" >"$g" && echo "$g"
    done
}

failed=()

echo "== regressions (tests/robust/crashes)"
for t in "${targets[@]}"; do
    leaks=$(leaks_for "$t")
    while IFS= read -r f; do
        [ -n "$f" ] || continue
        if ! ASAN_OPTIONS=$asan_base:detect_leaks=$leaks "$out/$t" \
            -detect_leaks="$leaks" -timeout="$timeout_s" \
            -rss_limit_mb="$rss_mb" "$f" >"$out/last-regress.log" 2>&1; then
            echo "FAIL $t $f"
            grep -m3 -E 'ERROR:|SUMMARY:|runtime error' "$out/last-regress.log" |
                sed 's/^/    /'
            failed+=("$t:$f")
        fi
    done < <(inputs_for "$t")
done
echo "   $(( ${#failed[@]} )) reproducer run(s) failed"

if [ "$regress_only" = 0 ]; then
    for t in "${targets[@]}"; do
        echo "== $t: $seconds s"
        leaks=$(leaks_for "$t")
        mkdir -p "$out/artifacts/$t" "$out/corpus/$t"
        # -close_fd_mask=3: the targets' own output goes nowhere, while
        # libFuzzer's and the sanitizers' reports still reach stderr.
        if ! ASAN_OPTIONS=$asan_base:detect_leaks=$leaks "$out/$t" \
            -max_total_time="$seconds" -detect_leaks="$leaks" \
            -timeout="$timeout_s" -rss_limit_mb="$rss_mb" \
            -close_fd_mask=3 -print_final_stats=1 -dict="$(dict_for "$t")" \
            -artifact_prefix="$out/artifacts/$t/" "$out/corpus/$t"; then
            failed+=("$t:fuzzing")
        fi
    done
fi

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${#failed[@]} failure(s):" >&2
    printf '  %s\n' "${failed[@]}" >&2
    echo "fuzz: new findings are in $out/artifacts/TARGET/; reproduce with" \
        "$out/TARGET FILE, then add each as tests/robust/crashes/NAME" \
        "(.py, .in or .md) with what it should do" >&2
    exit 1
fi
echo "fuzz: no failures"
