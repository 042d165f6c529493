#!/usr/bin/env bash
# bench/profile.sh [PROGRAM...] - where looplab's time goes on the bench
# programs: `perf record --call-graph dwarf` over bench/build/looplab-prof
# (looplab built with frame pointers; `make bench-profile` builds it and
# calls this). DWARF unwinding also attributes time to inlined functions
# and through libc (malloc), which frame pointers alone do not.
#
# Writes bench/build/profile/PROGRAM.txt: self time per function, then
# inclusive time (the function and what it calls) per function.
#
# Environment: LOOPLAB_PROF (binary), PROF_FREQ (samples/s, default 99).
set -u
cd "$(dirname "$0")/.." || exit 2
BIN=${LOOPLAB_PROF:-bench/build/looplab-prof}
FREQ=${PROF_FREQ:-99}
PROGRAMS=${*:-sleep0_tasks call_soon futures timers cancel_tasks gather queue_pc pending_tasks interp}
if ! command -v perf >/dev/null; then
    SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y linux-perf >/dev/null || exit 2
fi
mkdir -p bench/build/profile
for p in $PROGRAMS; do
    data=bench/build/profile/$p.data
    out=bench/build/profile/$p.txt
    echo "profile: $p" >&2
    perf record -q -F "$FREQ" --call-graph dwarf,8192 -o "$data" \
        "$BIN" run "bench/$p.py" >/dev/null 2>&1
    {
        echo "== $p: self"
        perf report -i "$data" --no-children --stdio -g none --sort sym \
            --percent-limit 1 2>/dev/null | grep '%'
        echo "== $p: inclusive"
        perf report -i "$data" --children --stdio -g none --sort sym \
            --percent-limit 3 2>/dev/null | grep '%'
    } >"$out"
    rm -f "$data"
    cat "$out"
done
