#!/bin/bash
# bench/pair.sh - compares two commands' CPU time in pairs.
#
#   bash bench/pair.sh [-n N] "COMMAND A" "COMMAND B"
#
# Runs A and B one right after the other N times (default 10), the order
# swapped every other pair, and prints the median of the per-pair ratios
# A/B of CPU time (perf stat's task-clock, or user+sys from
# /usr/bin/time where perf is missing) with its quartiles. On a shared
# VM the speed drifts over minutes (the same binary's runs moved by 15%
# within two minutes here), so medians of runs taken one program after
# the other compare drift as much as code; a pair's two runs share
# whatever the host was doing. For comparing two builds, not for the
# README's table (make bench).
set -euo pipefail
n=10
if [ "${1:-}" = "-n" ]; then
    n=$2
    shift 2
fi
if [ $# -ne 2 ]; then
    echo "usage: bench/pair.sh [-n N] \"COMMAND A\" \"COMMAND B\"" >&2
    exit 2
fi
cpu_ms() {
    if command -v perf >/dev/null 2>&1; then
        perf stat -x, -e task-clock $1 2>&1 >/dev/null |
            awk -F, '/task-clock/ { print $1 }'
    else
        /usr/bin/time -f '%U %S' $1 2>&1 >/dev/null |
            awk 'END { print ($1 + $2) * 1000 }'
    fi
}
ratios=()
for i in $(seq "$n"); do
    if [ $((i % 2)) = 0 ]; then
        a=$(cpu_ms "$1")
        b=$(cpu_ms "$2")
    else
        b=$(cpu_ms "$2")
        a=$(cpu_ms "$1")
    fi
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", a / b }')")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v n="$n" '
    { r[NR] = $1 }
    END {
        m = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
        printf "A/B CPU time, median of %d pairs: %.3f (quartiles %.3f %.3f)\n",
               n, m, r[int(n / 4) + 1], r[int(3 * n / 4) + 1]
    }'
