#!/usr/bin/env bash
# bench/run.sh - run the bench programs under python3 and looplab, check
# that they print the same thing, and report median wall time, peak memory,
# their ratios and looplab's trace size (bench/README.md).
#
# Environment:
#   BENCH_RUNS   runs per program and interpreter (default 5)
#   BENCH_ONLY   space-separated program names (default: all)
#   LOOPLAB      the looplab binary (default ./looplab)
#   LLBENCH      bench helper (default bench/build/llbench); when missing,
#                the recording-off, in-memory trace, jump and frame numbers are
#                skipped
#   PYTHON       the reference interpreter (default python3)
#   BENCH_OUT    where the table is written too (default bench/results.txt)
#   BENCH_JUMP_TIMEOUT  seconds for each view-jump (and view-draw)
#                measurement (default 120)
#
# Run from the repository root (make bench does). Writes the table to
# stdout and to $BENCH_OUT.
set -u

cd "$(dirname "$0")/.." || exit 2
RUNS=${BENCH_RUNS:-5}
LOOPLAB=${LOOPLAB:-./looplab}
LLBENCH=${LLBENCH:-bench/build/llbench}
PY=${PYTHON:-python3}
OUT=${BENCH_OUT:-bench/results.txt}

# Program order: loop-heavy first, then memory, interpretation, start-up.
LOOP_HEAVY="sleep0_tasks call_soon futures timers cancel_tasks gather queue_pc"
ALL="$LOOP_HEAVY pending_tasks interp empty"
PROGRAMS=${BENCH_ONLY:-$ALL}

# Targets (the benchmark issue).
T_LOOP=0.2          # loop-heavy: looplab wall <= 0.2 x python3
T_INTERP=1.0        # plain interpretation: <= 1.0 x
T_MEM=0.3333        # 100,000 pending tasks: peak RSS <= 1/3 of python3's
T_BPE=32            # trace: bytes per event in memory
T_REC=15            # recording overhead, percent over recording off
T_START=0.2         # empty program: <= 1/5 of python3 -c "import asyncio"
T_JUMP=20           # ms, any event of a 1,000,000-event trace
T_DRAW=1            # ms, a frame of a 200x60 terminal
DRAW_SIZE=200x60
DRAW_FRAMES=100

if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time (/usr/bin/time)" >&2
    SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y time >/dev/null || {
        echo "bench: cannot install 'time'" >&2; exit 2; }
fi
if [ ! -x "$LOOPLAB" ]; then
    echo "bench: no looplab binary at $LOOPLAB (run make first)" >&2
    exit 2
fi

TMP=$(mktemp -d /tmp/looplab-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# Snapshot the binaries: a rebuild during a long run must not swap them.
cp "$LOOPLAB" "$TMP/looplab"
LL="$TMP/looplab"
HAVE_LLB=0
if [ -x "$LLBENCH" ]; then
    cp "$LLBENCH" "$TMP/llbench"
    LLB="$TMP/llbench"
    HAVE_LLB=1
fi

median() { # numbers as arguments -> median
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b;
                                            else print "-" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { # value target label -> "label: met|NOT met"
    if [ "$1" = "-" ]; then echo "$3: n/a"; return; fi
    if le "$1" "$2"; then echo "$3: met"; else echo "$3: NOT met"; fi
}

# measure NAME CMD... : one run; stdout in $TMP/NAME.out, "wall rss user
# sys" in $TMP/NAME.t1, exit status in $TMP/NAME.rc. The times come from
# bash's time (milliseconds), the peak RSS from /usr/bin/time's %M: %e,
# %U and %S are in hundredths, 6 % of a 0.17 s run, which made the
# recording costs of the short programs jump by ten points between runs.
measure() {
    local name=$1; shift
    local TIMEFORMAT='%3R %3U %3S'
    { time /usr/bin/time -f '%M' -o "$TMP/$name.time" "$@" \
        >"$TMP/$name.out" 2>"$TMP/$name.err"; } 2>"$TMP/$name.bt"
    echo $? >"$TMP/$name.rc"
    # /usr/bin/time prefixes "Command exited with non-zero status N".
    local w u s m
    read -r w u s <"$TMP/$name.bt"
    m=$(tail -n 1 "$TMP/$name.time")
    echo "$w $m $u $s" >"$TMP/$name.t1"
}

CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
HEADER="looplab bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m), $CPU, \
$(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg) at start
python3: $($PY --version 2>&1); looplab: $($LL --version 2>&1 | head -n1)\
$(git rev-parse --short HEAD 2>/dev/null | sed 's/^/ (commit /; s/$/ + work tree)/')
runs: $RUNS per program and interpreter (medians); wall and cpu (user+sys)
from bash's time, peak memory = /usr/bin/time's %M (max RSS)"

TABLE="$TMP/table"
TRACE_TABLE="$TMP/trace_table"
NOTES="$TMP/notes"
: >"$TABLE"; : >"$TRACE_TABLE"; : >"$NOTES"
printf '%-13s | %9s | %9s | %6s | %6s | %6s | %9s | %9s | %9s | %10s | %s\n' \
    program "python3 s" "looplab s" ratio "py MB" "ll MB" "mem ratio" \
    "cpu ratio" events "B/ev(file)" target >>"$TABLE"
printf '%-13s | %9s | %12s | %10s | %9s | %8s | %8s | %8s | %8s | %11s | %s\n' \
    program events "B/ev(memory)" "B/ev(file)" "rec off s" "rec cost" \
    "cpu cost" "fold ms" "jump ms" "frame ms" target >>"$TRACE_TABLE"

JUMPS=; JUMP_BAD=0
DRAWS=; DRAW_BAD=0
JUMP_TIMEOUT=${BENCH_JUMP_TIMEOUT:-120}
for prog in $PROGRAMS; do
    src=bench/$prog.py
    if [ ! -f "$src" ]; then
        echo "bench: no such program $src" >&2
        continue
    fi
    echo "bench: $prog ($RUNS x python3, looplab$([ $HAVE_LLB = 1 ] &&
        echo ', looplab recording off'))" >&2
    walls_py=(); walls_ll=(); walls_off=(); cpu_off=(); rss_py=(); rss_ll=()
    cpu_py=(); cpu_ll=()
    bad=
    for i in $(seq 1 "$RUNS"); do
        # Interleaved, so that a change in machine load hits both alike.
        measure "py$i" "$PY" "$src"
        measure "ll$i" "$LL" run "$src"
        read -r w m u s <"$TMP/py$i.t1"
        walls_py+=("$w"); rss_py+=("$m"); cpu_py+=("$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')")
        read -r w m u s <"$TMP/ll$i.t1"
        walls_ll+=("$w"); rss_ll+=("$m"); cpu_ll+=("$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')")
        for who in py ll; do
            if ! cmp -s "$TMP/py1.out" "$TMP/$who$i.out"; then
                bad="${bad:+$bad; }run $i stdout of $who differs"
                { echo "MISMATCH $prog run $i ($who vs python3 run 1):";
                  diff "$TMP/py1.out" "$TMP/$who$i.out" | head -n 10; } >>"$NOTES"
            fi
            if [ "$(cat "$TMP/$who$i.rc")" != "$(cat "$TMP/py1.rc")" ]; then
                bad="${bad:+$bad; }run $i exit status of $who differs"
                { echo "MISMATCH $prog run $i: exit status $who" \
                       "$(cat "$TMP/$who$i.rc") vs python3 $(cat "$TMP/py1.rc")";
                  tail -n 5 "$TMP/$who$i.err"; } >>"$NOTES"
            fi
        done
        if [ $HAVE_LLB = 1 ]; then
            measure "off$i" "$LLB" run --no-trace "$src"
            read -r w m u s <"$TMP/off$i.t1"
            walls_off+=("$w"); cpu_off+=("$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')")
            if ! cmp -s "$TMP/py1.out" "$TMP/off$i.out"; then
                bad="${bad:+$bad; }run $i stdout of looplab (recording off) differs"
                { echo "MISMATCH $prog run $i (looplab recording off):";
                  diff "$TMP/py1.out" "$TMP/off$i.out" | head -n 10; } >>"$NOTES"
            fi
        fi
        [ -n "$bad" ] && break
    done
    if [ "$(cat "$TMP/py1.rc")" != 0 ]; then
        bad="${bad:+$bad; }python3 exited $(cat "$TMP/py1.rc")"
    fi

    # The trace: once with --trace-out (file size) and, with the helper,
    # once more for the recorder's heap at the end of the run.
    events=-; bpe_file=-; bpe_mem=-; jump=-; jfold=-; frame=-
    if [ -z "$bad" ]; then
        "$LL" run --trace-out "$TMP/t.trace" "$src" >"$TMP/trace.out" 2>/dev/null
        if ! cmp -s "$TMP/py1.out" "$TMP/trace.out"; then
            bad="stdout with --trace-out differs"
            { echo "MISMATCH $prog (looplab run --trace-out):";
              diff "$TMP/py1.out" "$TMP/trace.out" | head -n 10; } >>"$NOTES"
        elif [ -f "$TMP/t.trace" ]; then
            lines=$(wc -l <"$TMP/t.trace")
            bytes=$(wc -c <"$TMP/t.trace")
            events=$((lines - 1))
            bpe_file=$(awk -v b="$bytes" -v e="$events" 'BEGIN{ if (e>0) printf "%.1f", b/e; else print "-" }')
            if [ $HAVE_LLB = 1 ] && [ "$events" -ge 10000 ]; then
                # The view's jump over this trace (first million events).
                head -n 1000001 "$TMP/t.trace" >"$TMP/jump.trace"
                # Bounded: a timeline over 100,000 live tasks can take
                # minutes and gigabytes.
                j=$(ulimit -v 4000000; timeout "$JUMP_TIMEOUT" "$LLB" jump "$TMP/jump.trace" 100 2>/dev/null)
                jump=$(echo "$j" | sed -n 's/.*jump_max_ms \([0-9.]*\).*/\1/p')
                jfold=$(echo "$j" | sed -n 's/.*fold_ms \([0-9.]*\).*/\1/p')
                [ -z "$jump" ] && { jump=">${JUMP_TIMEOUT}s|4GB"; jfold=-; }
                # The view's frames over the same events (only when the
                # timeline could be built: the view needs it too).
                case $jump in \>*) ;; *)
                    # In UTF-8 (box-drawing borders), the costlier case.
                    d=$(ulimit -v 4000000; LC_ALL=C.UTF-8 timeout "$JUMP_TIMEOUT" "$LLB" draw "$TMP/jump.trace" $DRAW_SIZE $DRAW_FRAMES 2>/dev/null)
                    dmed=$(echo "$d" | sed -n 's/.* frame_median_ms \([0-9.]*\).*/\1/p')
                    dmax=$(echo "$d" | sed -n 's/.* frame_max_ms \([0-9.]*\).*/\1/p')
                    dcpu=$(echo "$d" | sed -n 's/.* frame_cpu_max_ms \([0-9.]*\).*/\1/p')
                    dfirst=$(echo "$d" | sed -n 's/.* first_frame_ms \([0-9.]*\).*/\1/p')
                    donce=$(echo "$d" | sed -n 's/.* frame_cpu_once_max_ms \([0-9.]*\).*/\1/p')
                    if [ -n "$dmed" ]; then
                        frame="$dmed/$dmax"
                        case $d in *" utf8 1 "*) dloc= ;; *) dloc=", ASCII" ;; esac
                        DRAWS="${DRAWS:+$DRAWS, }$prog $dmed/$dmax/$dcpu ms (first try's worst CPU $donce, first frame $dfirst$dloc)"
                        le "$dcpu" $T_DRAW || DRAW_BAD=1
                    else
                        frame=failed
                        DRAWS="${DRAWS:+$DRAWS, }$prog failed"
                        DRAW_BAD=1
                    fi ;;
                esac
                rm -f "$TMP/jump.trace"
                if [ "$events" -ge 1000000 ]; then
                    case $jump in
                        \>*) JUMPS="${JUMPS:+$JUMPS, }$prog $jump" ;;
                        *) JUMPS="${JUMPS:+$JUMPS, }$prog $jump ms" ;;
                    esac
                    case $jump in
                        \>*) JUMP_BAD=1 ;;  # timed out or out of memory
                        *) le "$jump" $T_JUMP || JUMP_BAD=1 ;;
                    esac
                fi
            fi
        fi
        rm -f "$TMP/t.trace"
        if [ $HAVE_LLB = 1 ]; then
            "$LLB" run --stats "$TMP/stats" "$src" >/dev/null 2>&1
            read -r _ sev _ sbytes <"$TMP/stats"
            # With few events the recorder's fixed tables dominate.
            bpe_mem=$(awk -v b="$sbytes" -v e="$sev" 'BEGIN{ if (e>=10000) printf "%.1f", b/e; else print "-" }')
        fi
    fi

    if [ -n "$bad" ]; then
        printf '%-13s | MISMATCH: %s (times not reported)\n' "$prog" "$bad" >>"$TABLE"
        printf '%-13s | MISMATCH\n' "$prog" >>"$TRACE_TABLE"
        echo "bench: $prog: MISMATCH: $bad" >&2
        continue
    fi

    wp=$(median "${walls_py[@]}"); wl=$(median "${walls_ll[@]}")
    mp=$(median "${rss_py[@]}"); ml=$(median "${rss_ll[@]}")
    cp_=$(median "${cpu_py[@]}"); cl=$(median "${cpu_ll[@]}")
    r=$(ratio "$wl" "$wp"); mr=$(ratio "$ml" "$mp"); cr=$(ratio "$cl" "$cp_")
    target=
    case " $LOOP_HEAVY " in
        *" $prog "*) target=$(verdict "$r" $T_LOOP "time<=${T_LOOP}x") ;;
    esac
    case $prog in
        interp) target=$(verdict "$r" $T_INTERP "time<=${T_INTERP}x") ;;
        pending_tasks) target=$(verdict "$mr" $T_MEM "mem<=1/3") ;;
        empty) target="see start-up below" ;;
    esac
    printf '%-13s | %9.2f | %9.2f | %6s | %6.1f | %6.1f | %9s | %9s | %9s | %10s | %s\n' \
        "$prog" "$wp" "$wl" "$r" "$(awk -v k="$mp" 'BEGIN{print k/1024}')" \
        "$(awk -v k="$ml" 'BEGIN{print k/1024}')" "$mr" "$cr" "$events" \
        "$bpe_file" "$target" >>"$TABLE"

    woff=-; rec=-; crec=-; ttarget=
    if [ $HAVE_LLB = 1 ]; then
        woff=$(median "${walls_off[@]}")
        # Paired: the median of each run's looplab / recording-off ratio
        # (the two runs are next to each other), as bench/pair.sh does;
        # the host's speed drifts between runs more than recording costs.
        rr=(); cr=()
        for k in "${!walls_off[@]}"; do
            rr+=("$(awk -v on="${walls_ll[$k]}" -v off="${walls_off[$k]}" 'BEGIN{ if (off>0) print on/off-1 }')")
            cr+=("$(awk -v on="${cpu_ll[$k]}" -v off="${cpu_off[$k]}" 'BEGIN{ if (off>0) print on/off-1 }')")
        done
        recf=$(median "${rr[@]}"); crecf=$(median "${cr[@]}")
        crec=$(awk -v r="$crecf" 'BEGIN{ if (r != "nan") printf "%+.0f%%", r*100; else print "-" }')
        rec=$(awk -v r="$recf" 'BEGIN{ if (r != "nan") printf "%+.0f%%", r*100; else print "-" }')
        recnum=$(awk -v r="$recf" 'BEGIN{ if (r != "nan") printf "%.1f", r*100; else print "-" }')
        # Below 0.05 s the process's start (about 10 ms of each run, the
        # same with recording on and off) dilutes the cost too much.
        if awk -v off="$woff" 'BEGIN{exit !(off < 0.05)}'; then
            rec=-; crec=-
            ttarget="$(verdict "$bpe_mem" $T_BPE "mem<=${T_BPE}B/ev"), rec: run too short to tell"
        else
            ttarget="$(verdict "$bpe_mem" $T_BPE "mem<=${T_BPE}B/ev"), $(verdict "$recnum" $T_REC "rec<=${T_REC}%")"
        fi
    fi
    printf '%-13s | %9s | %12s | %10s | %9s | %8s | %8s | %8s | %8s | %11s | %s\n' "$prog" "$events" \
        "$bpe_mem" "$bpe_file" "$woff" "$rec" "$crec" "$jfold" "$jump" "$frame" "$ttarget" >>"$TRACE_TABLE"
done

# Start-up: looplab run of an empty program against python3 -c "import
# asyncio", timed with the shell's clock (20 runs each, median), since %e's
# 10 ms resolution is too coarse here.
STARTUP=
case " $PROGRAMS " in *" empty "*)
    sp=(); sl=()
    for i in $(seq 1 20); do
        t0=$EPOCHREALTIME; "$PY" -c "import asyncio"; t1=$EPOCHREALTIME
        sp+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)*1000}')")
        t0=$EPOCHREALTIME; "$LL" run bench/empty.py; t1=$EPOCHREALTIME
        sl+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)*1000}')")
    done
    msp=$(median "${sp[@]}"); msl=$(median "${sl[@]}")
    sr=$(ratio "$msl" "$msp")
    STARTUP=$(printf 'start-up: looplab run empty.py %.1f ms, python3 -c "import asyncio" %.1f ms (medians of 20): ratio %s -- %s' \
        "$msl" "$msp" "$sr" "$(verdict "$sr" $T_START "start-up<=${T_START}x")")
    ;;
esac

# The view: jumping to any event of a 1,000,000-event trace (the programs
# whose trace has at least a million events, cut to the first million).
JUMP=
if [ $HAVE_LLB = 1 ]; then
    if [ -z "$JUMPS" ]; then
        JUMP="view jump in a 1,000,000-event trace: no program made one"
    elif [ $JUMP_BAD = 0 ]; then
        JUMP="view jump in a 1,000,000-event trace, worst of 101 positions: $JUMPS -- jump<${T_JUMP}ms: met"
    else
        JUMP="view jump in a 1,000,000-event trace, worst of 101 positions: $JUMPS -- jump<${T_JUMP}ms: NOT met"
    fi
fi

# The view: drawing a frame of a 200x60 terminal (every trace of at least
# 10,000 events whose timeline could be built, its first million events).
DRAW=
if [ $HAVE_LLB = 1 ]; then
    if [ -z "$DRAWS" ]; then
        DRAW="view frame ${DRAW_SIZE}: no trace to draw (none of 10,000+ events with a timeline)"
    else
        DRAW="view frame ${DRAW_SIZE}, $DRAW_FRAMES frames at positions spread over the trace, ms median/worst wall/worst CPU: $DRAWS -- frame<${T_DRAW}ms: $([ $DRAW_BAD = 0 ] && echo met || echo NOT met)"
    fi
fi

{
    echo "$HEADER"
    echo
    cat "$TABLE"
    echo
    echo "ratio, mem ratio, cpu ratio: looplab / python3 (wall, peak RSS, user+sys CPU)."
    echo "B/ev(file): bytes per event of the --trace-out file (the in-memory size is below)."
    echo
    if [ $HAVE_LLB = 1 ]; then
        echo "trace recorder (bench/build/llbench):"
        cat "$TRACE_TABLE"
        echo
        echo "B/ev(memory): heap held by the recorder at the end of the run / events."
        echo "rec off s: median wall of the same engine with recording switched off;"
        echo "rec cost: median over the runs of looplab s / rec off s - 1 (wall), each"
        echo "pair run one after the other; cpu cost: the same on user+sys CPU."
        echo "fold ms: building the view's timeline (viz/timeline.c) over the trace's"
        echo "first 1,000,000 events; jump ms: slowest timeline_state() of 101 positions"
        echo "(>${JUMP_TIMEOUT}s|4GB: the fold did not finish within ${JUMP_TIMEOUT} s and 4 GB)."
        echo "frame ms: drawing the view at ${DRAW_SIZE} over the same events (llbench draw):"
        echo "median/worst wall time of $DRAW_FRAMES frames at positions spread over the trace"
        echo "(refresh to a /dev/null terminal included, moving there not), each frame"
        echo "drawn 3 times from the frame before, its time the least of the three (below:"
        echo "also the worst CPU time of the first tries alone)."
        echo
    fi
    [ -n "$STARTUP" ] && echo "$STARTUP"
    [ -n "$JUMP" ] && echo "$JUMP"
    [ -n "$DRAW" ] && echo "$DRAW"
    if [ -s "$NOTES" ]; then
        echo
        cat "$NOTES"
    fi
} | tee "$OUT"
grep -q MISMATCH "$OUT" && exit 1
exit 0
