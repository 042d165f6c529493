#!/usr/bin/env bash
# tests/run_viz.sh - screen tests of the full-screen view, driven by tmux.
#
#   tests/run_viz.sh               run every check
#   tests/run_viz.sh --record      rewrite the golden screens tests/viz/*.screen
#                                  from this run (inspect them before committing:
#                                  a golden screen must show correct behaviour)
#   LOOPLAB_KNOWN_BUGS=0 tests/run_viz.sh
#                                  skip the checks of bugs these tests found
#                                  (all fixed since; they run by default)
#
# Each scenario starts a private tmux server (its socket in a temporary
# directory removed at the end) with a detached session of a fixed size
# whose pane runs a plain bash in a clean environment (TERM=xterm-256color,
# NO_COLOR=1, LC_ALL=C so the frames are ASCII, XDG_STATE_HOME in the
# temporary directory), types the looplab command into
# that shell, sends keys, and compares `tmux capture-pane -p` with the golden
# screens. Nothing sleeps for a fixed time: every step polls the pane until
# the expected text shows (5 s at most) and the screen stops changing. The
# view runs with --no-anim so that no frame depends on timing. The shell
# records `stty -g` before and after looplab: quitting, Ctrl-C, SIGTERM,
# SIGHUP, SIGQUIT and the fatal signals SIGSEGV and SIGABRT must give the
# terminal back exactly as it was. looplab runs under `sh -c`, because an
# interactive bash restores the modes itself after a job killed by a
# signal, which would hide a failure (and `trap : INT` there, so that
# Ctrl-C reaches looplab without ending the sh that reports on it).
#
# Prints PASS/FAIL per check and "N passed, M failed"; exits 1 on failure.
set -u

cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
LOOPLAB=${LOOPLAB:-./looplab}
case $LOOPLAB in /*) ;; *) LOOPLAB=$ROOT/${LOOPLAB#./} ;; esac
# A sanitized looplab (make sanitize) gets ASan told to leave SIGSEGV alone,
# so the SEGV check sees looplab's own handler restore the terminal (the
# pane's environment is clean: nothing else reaches it).
SAN_PREFIX=
if grep -qa __asan_init "$LOOPLAB" 2>/dev/null; then
    SAN_PREFIX="ASAN_OPTIONS=detect_leaks=0:handle_segv=0 "
fi
GOLDEN=$ROOT/tests/viz
RECORD=0
if [ "${1:-}" = "--record" ]; then
    RECORD=1
fi
KNOWN_BUGS=1
case ${LOOPLAB_KNOWN_BUGS:-1} in 0) KNOWN_BUGS=0 ;; esac

if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux not available: skipped"
    exit 0
fi
if [ ! -x "$LOOPLAB" ]; then
    echo "run_viz: $LOOPLAB not built (make)" >&2
    exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/looplab-viz.XXXXXX")
SOCK=
NSESSION=0
# The Ready pane's top border at 120 columns (58% of the width).
WIDE='+- Ready queue ----------------------------------------------------'
PASSED=0
FAILED=0
SKIPPED=0

tm() { tmux -S "$SOCK" -f "$TMP/tmux.conf" "$@"; }

cleanup() {
    if [ -n "$SOCK" ]; then
        tm kill-server >/dev/null 2>&1
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$TMP/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
EOF

pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL $1${2:+: $2}"
}

# ---- the tmux pane -----------------------------------------------------

# start_session W H: a fresh server (a new socket, so that the previous
# scenario's server shutting down cannot interfere) and session, a shell in
# the pane.
start_session() {
    if [ -n "$SOCK" ]; then
        tm kill-server >/dev/null 2>&1
    fi
    NSESSION=$((NSESSION + 1))
    SOCK=$TMP/tmux-$NSESSION.sock
    mkdir -p "$TMP/state" "$TMP/home"
    tm new-session -d -s viz -x "$1" -y "$2" \
        "env -i PATH='$PATH' HOME='$TMP/home' TERM=xterm-256color \
         NO_COLOR=1 LC_ALL=C XDG_STATE_HOME='$TMP/state' HISTFILE=/dev/null \
         PS1='$ ' bash --norc --noprofile -i"
    wait_for '$' || return 1
    # cd into the repository (relative paths, short command lines).
    type_line "cd '$ROOT' && clear"
    wait_screen_is_prompt
}

capture() { tm capture-pane -p -t viz; }

# wait_for TEXT [SECONDS]: polls the pane until TEXT (fixed string) shows.
wait_for() {
    local text=$1 limit=${2:-5} i=0
    local n=$((limit * 20))
    while [ $i -lt $n ]; do
        if capture | grep -qF -- "$text"; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# wait_gone TEXT: polls until TEXT is no longer on the screen.
wait_gone() {
    local i=0
    while [ $i -lt 100 ]; do
        if ! capture | grep -qF -- "$1"; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# wait_stable: until two captures 50 ms apart are identical (the view has
# drawn its whole frame); leaves it in $TMP/screen.
wait_stable() {
    local i=0
    capture >"$TMP/screen.a"
    while [ $i -lt 40 ]; do
        sleep 0.05
        capture >"$TMP/screen"
        if cmp -s "$TMP/screen" "$TMP/screen.a"; then
            return 0
        fi
        mv "$TMP/screen" "$TMP/screen.a"
        i=$((i + 1))
    done
    capture >"$TMP/screen"
}

wait_screen_is_prompt() {
    local i=0
    while [ $i -lt 100 ]; do
        if [ "$(capture | grep -v '^$')" = '$' ]; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

type_line() { tm send-keys -t viz -l -- "$1"; tm send-keys -t viz Enter; }
keys() { tm send-keys -t viz "$@"; }
# Home and End as an xterm sends them in keypad mode (terminfo khome/kend
# of xterm-256color). tmux's own Home/End keys send \e[1~ and \e[4~,
# which xterm-256color's terminfo calls Find and Select.
key_home() { tm send-keys -t viz -l -- $'\eOH'; }
key_end() { tm send-keys -t viz -l -- $'\eOF'; }

# wait_size W H: until tmux reports the pane at that size.
wait_size() {
    local i=0
    while [ $i -lt 100 ]; do
        if [ "$(tm display -p -t viz '#{pane_width}x#{pane_height}')" = \
             "$1x$2" ]; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# resize W H: resizes the window, then waits until the view has redrawn
# for the new size (tmux shows the old picture, clipped, until then): the
# top border spans the whole width, or the too-small message shows.
resize() {
    tm resize-window -t viz -x "$1" -y "$2"
    wait_size "$1" "$2"
    local i=0 top
    while [ $i -lt 100 ]; do
        top=$(capture | head -1)
        if [ ${#top} -eq "$1" ] && [ "${top: -1}" = '+' ]; then
            return 0
        fi
        if capture | grep -qF 'needs at least'; then
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# ---- checks -------------------------------------------------------------

# screen NAME TEXT: waits for TEXT, then compares the screen with
# tests/viz/NAME.screen (or records it).
screen() {
    local name=$1 text=$2
    if ! wait_for "$text"; then
        fail "$name" "'$text' did not show within 5 s; the screen:"
        capture | sed 's/^/    | /'
        return 1
    fi
    wait_stable
    if [ $RECORD = 1 ]; then
        cp "$TMP/screen" "$GOLDEN/$name.screen"
        pass "$name (recorded)"
        return 0
    fi
    if [ ! -f "$GOLDEN/$name.screen" ]; then
        fail "$name" "no golden screen $GOLDEN/$name.screen"
        return 1
    fi
    if diff -u "$GOLDEN/$name.screen" "$TMP/screen" >"$TMP/diff"; then
        pass "$name"
    else
        fail "$name" "screen differs from tests/viz/$name.screen:"
        sed 's/^/    /' "$TMP/diff"
        return 1
    fi
}

# expect NAME TEXT: only that TEXT shows (no golden screen).
expect() {
    if wait_for "$2"; then
        pass "$1"
    else
        fail "$1" "'$2' did not show within 5 s; the screen:"
        capture | sed 's/^/    | /'
    fi
}

# stty_check NAME STATUS: once looplab has returned to the shell ("exit=N"
# shows, written after the second stty -g), the terminal modes are those
# from before it started.
stty_check() {
    local name=$1 status=$2
    if ! wait_for "exit=$status"; then
        fail "$name" "looplab did not exit with status $status; the screen:"
        capture | sed 's/^/    | /'
        return 1
    fi
    if [ ! -s "$TMP/stty.before" ] || [ ! -s "$TMP/stty.after" ]; then
        fail "$name" "no stty -g output recorded"
    elif cmp -s "$TMP/stty.before" "$TMP/stty.after"; then
        pass "$name"
    else
        fail "$name" "stty -g before: $(cat "$TMP/stty.before"), after: $(cat "$TMP/stty.after")"
    fi
}

# known_bug NAME DESCRIPTION: true when the known-bug checks should run.
known_bug() {
    if [ $KNOWN_BUGS = 1 ]; then
        return 0
    fi
    SKIPPED=$((SKIPPED + 1))
    echo "SKIP $1 (was a bug: $2; LOOPLAB_KNOWN_BUGS=0 skipped it)"
    return 1
}

# run_looplab ARGS: starts looplab from the pane's shell, recording the
# terminal modes before and after and the exit status.
run_looplab() {
    rm -f "$TMP/stty.before" "$TMP/stty.after"
    type_line "sh -c 'trap : INT; stty -g >$TMP/stty.before; $SAN_PREFIX$LOOPLAB $*; s=\$?; \
stty -g >$TMP/stty.after; echo exit=\$s'"
}

# ---- scenario 1: the live session (REPL in the bottom line) -------------
#
# The events of the session, for reading the checks below:
#    1 loop new                    16 run Task-2.__step
#    2 loop start                  17 future Future-3
#    3 create_task work            18 timer 2.000000 ... Future-3 None
#    4 task Task-1 work            19 suspend Task-2 work:2
#    5 schedule Task-1.__step      20 done Future-2 cancelled
#    6 future Future-1             21 schedule Task-1.__wakeup Future-2
#    7 ensure_future future ...    22 cancel Future-2 -> True
#    8 create_task work            23 cancel Task-1 -> True
#    9 task Task-2 work            24 tick 1 0.000000
#   10 schedule Task-2.__step      25 run Task-1.__wakeup Future-2
#   11 tick 2 0.000000             26 cancel_handle ... Future-2 None
#   12 run Task-1.__step           27 done Task-1 cancelled
#   13 future Future-2
#   14 timer 1.000000 _set_result_unless_cancelled Future-2 None
#   15 suspend Task-1 work:2

scenario_live() {
    start_session 100 30 || { fail live "no shell in tmux"; return; }
    run_looplab --no-anim
    if ! wait_for 'event 2/2'; then
        fail live_start "the view did not start; the screen:"
        capture | sed 's/^/    | /'
        return
    fi
    type_line 'async def work(name, delay):'
    type_line '    await asyncio.sleep(delay)'
    type_line '    return name'
    wait_for '...     return name' || true
    keys Enter
    # (a) create_task: the new task's first step waits in the ready queue.
    type_line "t = asyncio.create_task(work('a', 1))"
    screen create_task 'event 5/5'
    # (b) ensure_future of a Future returns it as it is.
    type_line 'fut = asyncio.get_running_loop().create_future()'
    wait_for 'event 6/6' || true
    type_line 'same = asyncio.ensure_future(fut)'
    screen ensure_future 'event 7/7'
    # One tick: both tasks run until they await their sleeps' timers.
    type_line "u = asyncio.create_task(work('b', 2))"
    wait_for 'event 10/10' || true
    type_line ':tick'
    expect live_tick 'event 19/19'
    # (d) the cancellation lands: cancel() wakes Task-1 up, the next step
    # throws CancelledError into it and sleep() cancels its timer; Task-2
    # still waits on its own timer.
    type_line 'ok = t.cancel()'
    expect live_cancel_requested 'event 23/23'
    type_line ':step'
    screen cancelled 'event 27/27'
    cp "$TMP/screen" "$TMP/cancelled.now"
    # (e) Esc gives the keys to the panes; Left steps back through the
    # events. (c) At event 16 Task-1 waits on its sleep's timer (at its
    # line, work:2) while Task-2's first step runs.
    keys Escape
    expect panes_focus 'Events [focus]'
    local i
    for i in $(seq 11); do
        keys Left
    done
    screen step_back 'event 16/27'
    keys Right Right
    expect step_forward_in_history 'event 18/27'
    key_home
    expect home 'event 0/27'
    key_end
    if wait_for 'event 27/27'; then
        wait_stable
        # The panes above the Events pane's title are those from before.
        if cmp -s <(head -16 "$TMP/screen") <(head -16 "$TMP/cancelled.now")
        then
            pass end_same_state
        else
            fail end_same_state "End does not show the state of event 27:"
            diff <(head -16 "$TMP/cancelled.now") <(head -16 "$TMP/screen") |
                sed 's/^/    /'
        fi
    else
        fail end_same_state "End did not go to event 27"
    fi
    # Past the last event, Right runs the loop one handle (:step): the
    # clock jumps to Task-2's timer, whose tick is the next event.
    keys Right
    expect step_runs_the_loop 'event 28/31'
    expect step_runs_the_loop_clock 'clock t=2.000000'
    # (f) resizing the live view.
    if known_bug live_resize "the live view ignores SIGWINCH: readline sets LINES/COLUMNS"
    then
        resize 120 40
        if wait_for "$WIDE" 3; then
            pass live_resize
        else
            fail live_resize "the view kept its old size at 120x40:"
            capture | sed 's/^/    | /'
        fi
        resize 100 30
    fi
    # Quit from the panes: the shell gets its terminal back unchanged.
    keys q
    stty_check terminal_restored_live 0
}

# ---- scenario 2: the minimum size, 80x24 ---------------------------------

scenario_small() {
    start_session 80 24 || { fail small "no shell in tmux"; return; }
    run_looplab --no-anim
    wait_for 'event 2/2' || true
    type_line 'async def work():'
    type_line '    await asyncio.sleep(2)'
    wait_for '...     await asyncio.sleep(2)' || true
    keys Enter
    type_line 'a = asyncio.create_task(work())'
    wait_for 'event 5/5' || true
    type_line 'b = asyncio.create_task(work())'
    screen small_80x24 'event 8/8'
    keys Escape
    wait_for '[focus]' || true
    keys q
    stty_check terminal_restored_small 0
}

# ---- scenario 3: looplab viz FILE.py -------------------------------------
#
# tests/viz/sleepers.py gives 75 events; event 22 is the timer of Task-3's
# sleep(0.1), which sorts before Task-2's sleep(0.2) set at event 18.

scenario_file() {
    start_session 100 30 || { fail file "no shell in tmux"; return; }
    run_looplab viz tests/viz/sleepers.py --no-anim
    screen file_start 'event 0/75'
    # (g) Right steps one event at a time, End and Home jump to the ends.
    keys Right
    expect file_right 'event 1/75'
    local i
    for i in $(seq 21); do
        keys Right
    done
    screen file_two_timers 'event 22/75'
    key_end
    expect file_end 'event 75/75'
    expect file_end_output 'a b'
    key_home
    screen file_start 'event 0/75'
    keys n n n
    expect file_next_tick 'event 24/75'
    keys N
    expect file_prev_tick 'event 15/75'
    keys '?'
    expect file_help 'looplab view - keys'
    keys x
    expect file_help_closed 'event 15/75'
    # / searches the events from the current one.
    keys /
    wait_for 'search events:' || true
    tm send-keys -t viz -l -- 'timer 0.100000'
    keys Enter
    expect file_search 'event 22/75'
    # Any key the view does not bind clears the status line's message.
    keys x
    wait_gone "found '" || true
    screen file_two_timers 'event 22/75'
    # (f) resize: the layout follows the terminal, and below 80x24 the
    # view asks for a bigger one; back at 100x30 it is as before.
    resize 120 40
    screen file_120x40 "$WIDE"
    resize 100 30
    screen file_two_timers 'event 22/75'
    resize 60 20
    screen file_60x20 'needs at least 80x24'
    resize 100 30
    screen file_two_timers 'event 22/75'
    # tmux's own Home and End keys (\e[1~, \e[4~: what tmux, screen, rxvt
    # and the Linux console send); in the live view the Esc they start
    # would move the keys to the prompt, so this is checked here.
    if known_bug tmux_home_end "Home/End sent as \\e[1~ / \\e[4~ are not recognised with TERM=xterm*"
    then
        keys End
        if wait_for 'event 75/75' 3; then
            keys Home
            if wait_for 'event 0/75' 3; then
                pass tmux_home_end
            else
                fail tmux_home_end "Home as tmux sends it (\\e[1~) did not go to event 0"
            fi
        else
            fail tmux_home_end "End as tmux sends it (\\e[4~) did not go to event 75"
        fi
        key_home
        wait_for 'event 0/75' || true
        keys Right
        wait_for 'event 1/75' || true
    fi
    if known_bug file_status_message "status messages ('(end of trace)', search results) are cut off after the key hints"
    then
        key_end
        wait_for 'event 75/75' || true
        keys Right
        if wait_for '(end of trace)' 3; then
            pass file_status_message
        else
            fail file_status_message "Right at the last event: '(end of trace)' not on the screen"
        fi
    fi
    if known_bug file_out_narration "the bottom line says '(start: no events yet)' at out and exit events"
    then
        key_home
        wait_for 'event 0/75' || true
        keys /
        wait_for 'search events:' || true
        tm send-keys -t viz -l -- 'out a b'
        keys Enter
        wait_for 'event 43/75' || true
        wait_stable
        if grep -qF '(start: no events yet)' "$TMP/screen"; then
            fail file_out_narration "at event 43 (out a b) the narration line says '(start: no events yet)'"
        else
            pass file_out_narration
        fi
    fi
    keys q
    stty_check terminal_restored_file 0
}

# ---- scenario 4: signals restore the terminal ---------------------------

# scenario_signal SIG STATUS: the view of a file, then signal SIG to looplab.
scenario_signal() {
    local sig=$1 status=$2 name
    name=terminal_restored_$(echo "$sig" | tr 'A-Z' 'a-z')
    start_session 100 30 || { fail "$name" "no shell in tmux"; return; }
    run_looplab viz tests/viz/sleepers.py --no-anim
    if ! wait_for 'event 0/75'; then
        fail "$name" "the view did not start"
        return
    fi
    local shell sh pid
    shell=$(tm display -p -t viz '#{pane_pid}')
    sh=$(pgrep -P "$shell" | head -1)
    pid=$(pgrep -P "$sh" | head -1)
    if [ -z "$pid" ]; then
        fail "$name" "no looplab process under the shell"
        return
    fi
    kill -"$sig" "$pid"
    stty_check "$name" "$status"
}

# ---- scenario 6: a trace cut by --trace-limit ---------------------------
#
# sleepers.py's 75 events with --trace-limit 30: the view starts at the
# oldest kept event (46), says that 1-45 were dropped, and Home goes no
# further back.
scenario_trace_limit() {
    start_session 100 30 || { fail trace_limit "no shell in tmux"; return; }
    run_looplab viz tests/viz/sleepers.py --no-anim --trace-limit 30
    if ! wait_for 'event 45/75 (kept from 46)'; then
        fail trace_limit_start "the view did not start at the oldest kept event"
        capture | sed 's/^/    | /'
        return
    fi
    if capture | grep -qF 'events 1-45 dropped (--trace-limit)' &&
        capture | grep -qF '(events 1-45 were dropped by --trace-limit: history starts here)'; then
        pass trace_limit_start
    else
        fail trace_limit_start "the events pane or the narration does not say what was dropped"
        capture | sed 's/^/    | /'
    fi
    keys End
    wait_for 'event 75/75' || true
    key_home
    if wait_for 'event 45/75 (kept from 46)'; then
        pass trace_limit_home
    else
        fail trace_limit_home "Home did not stop at the oldest kept event"
    fi
    keys q
    stty_check terminal_restored_trace_limit 0
}

# ---- scenario 5: Ctrl-C in the live view ----------------------------------
#
# Ctrl-C while a statement runs is a KeyboardInterrupt in that statement;
# the session carries on, and q still leaves with the terminal restored.
scenario_ctrl_c() {
    start_session 100 30 || { fail ctrl_c "no shell in tmux"; return; }
    run_looplab --no-anim
    if ! wait_for '>>>'; then
        fail ctrl_c_interrupts "the live view did not start"
        return
    fi
    type_line 'while True: pass'
    keys Enter
    sleep 0.5 # let it spin
    keys C-c
    if wait_for 'KeyboardInterrupt'; then
        type_line "print('answer', 6 * 7)"
        if wait_for 'answer 42'; then
            pass ctrl_c_interrupts
        else
            fail ctrl_c_interrupts "the prompt does not run statements after the KeyboardInterrupt"
        fi
    else
        fail ctrl_c_interrupts "Ctrl-C during while True: pass showed no KeyboardInterrupt"
        capture | sed 's/^/    | /'
    fi
    keys Escape
    keys q
    stty_check terminal_restored_ctrl_c 0
}

scenario_live
scenario_small
scenario_file
scenario_signal TERM 143
scenario_signal HUP 129
scenario_signal QUIT 131
scenario_signal SEGV 139
scenario_signal ABRT 134
scenario_ctrl_c
scenario_trace_limit

if [ $SKIPPED -gt 0 ]; then
    echo "$SKIPPED known-bug checks skipped"
fi
echo "$PASSED passed, $FAILED failed"
[ $FAILED -eq 0 ]
