#!/usr/bin/env bash
# scripts/pgo-train.sh BINARY WORKDIR - the training run of the
# profile-guided build (Makefile, PGO=1): runs an instrumented looplab
# over what it is used for, so that the counts it leaves steer the
# optimised build's inlining, block layout and branch order.
#
# The training set:
#  - every program of tests/conformance: the breadth of the engine and the
#    interpreter (errors, cancellation, tracebacks, the REPL-free paths);
#  - the bench programs (bench/*.py) at half their sizes: the
#    loop under load, which the conformance programs, a few events each,
#    barely reach. bench/README.md ("Profile-guided build") measures what
#    each half gives and on which programs.
#
# Exit statuses of the programs are ignored (many conformance programs
# fail on purpose); a program that runs past its timeout is stopped. The
# script fails only when BINARY cannot run at all.
set -u
bin=$1
work=$2
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
mkdir -p "$work"
if ! "$bin" --version >/dev/null 2>&1; then
    echo "pgo-train: $bin does not run" >&2
    exit 2
fi
for f in "$root"/tests/conformance/*.py; do
    (cd "$root/tests/conformance" &&
     timeout 20 "$bin" run "$(basename "$f")" </dev/null >/dev/null 2>&1)
done
# Top-level constants of 1,000 and more are halved ("N = 100000").
for f in "$root"/bench/*.py; do
    small=$work/$(basename "$f")
    awk '/^[A-Z_]+ = [0-9]+$/ && $3 >= 1000 { $3 = int($3 / 2) } { print }' \
        "$f" >"$small"
    timeout 60 "$bin" run "$small" </dev/null >/dev/null 2>&1
done
exit 0
