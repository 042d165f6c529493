#!/usr/bin/env bash
# Interactive REPL test: drives the real readline prompt of looplab in a
# detached tmux session (100x30, a shell in the pane, a private tmux
# socket, a temporary XDG_STATE_HOME) with send-keys, and reads the screen
# with capture-pane. Checks:
#   (a) history recall: Up + Enter runs the previous statement again
#   (b) tab completion: asyncio.create_t -> asyncio.create_task, and the
#       ":" commands (:ti is ambiguous between :tick and :timers; :tim and
#       :tic are unique)
#   (c) Ctrl-C during `while True: pass` prints KeyboardInterrupt and the
#       prompt works afterwards
#   (d) Ctrl-C while typing discards the line
#   (e) Ctrl-D at the prompt leaves looplab (the pane is back at the shell)
#   (f) the history file $XDG_STATE_HOME/looplab/history exists afterwards
#   (g) every exit path gives the terminal back as it was (`stty -g` before
#       and after are identical) and keeps the line typed last in the
#       history: Ctrl-D, exit(), SIGTERM, SIGHUP, SIGQUIT and the fatal
#       signals SIGSEGV and SIGABRT at the prompt, SIGTERM while code
#       runs. looplab runs under `sh -c`, because an interactive bash
#       restores the modes itself after a job killed by a signal, which
#       would hide a failure; SIGKILL (no handler can run) checks that the
#       comparison does see modes left changed.
# Every wait polls the screen (up to $TMUX_TEST_TIMEOUT seconds, default 5).
# Prints PASS/FAIL per check and `N passed, M failed` last; exits 1 when a
# check failed. Without tmux (and no way to install it) it prints
# "tmux not available: skipped" and exits 0.
#
#   tests/repl/tmux_test.sh
#
# Environment:
#   LOOPLAB            the binary (default: looplab at the repository root)
#   LOOPLAB_ARGS       its options (default --plain: on a terminal, looplab
#                      alone opens the full-screen view; --plain is the
#                      readline prompt these checks are about)
#   TMUX_TEST_TIMEOUT  seconds each wait may take (default 5)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
looplab=${LOOPLAB:-$root/looplab}
case $looplab in
/*) ;;
*) looplab=$PWD/$looplab ;;
esac
looplab_args=${LOOPLAB_ARGS---plain}
# A sanitized looplab gets ASan told to leave SIGSEGV alone, so the (g)
# check sees looplab's own handler restore the terminal.
san_prefix=
if grep -qa __asan_init "$looplab" 2>/dev/null; then
    san_prefix="ASAN_OPTIONS=detect_leaks=0:handle_segv=0 "
fi
timeout_s=${TMUX_TEST_TIMEOUT:-5}

if ! command -v tmux >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y tmux >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 &&
                apt-get install -y tmux >/dev/null 2>&1; } || true
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n apt-get install -y tmux >/dev/null 2>&1 || true
    fi
fi
if ! command -v tmux >/dev/null; then
    echo "tmux not available: skipped"
    exit 0
fi
if [ ! -x "$looplab" ]; then
    echo "tmux_test.sh: no looplab binary at $looplab (run make first)" >&2
    exit 2
fi

work=$(mktemp -d)
state=$work/state
mkdir -p "$state"
sock=$work/tmux.sock
tm() { tmux -S "$sock" "$@"; }
cleanup() {
    tm kill-server >/dev/null 2>&1 || true
    # The pane's processes may still be exiting: retry briefly.
    local i
    for ((i = 0; i < 20; i++)); do
        rm -rf "$work" 2>/dev/null && return 0
        sleep 0.1
    done
    rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() {
    echo "PASS $1"
    passed=$((passed + 1))
}
fail() {
    echo "FAIL $1"
    failed=$((failed + 1))
}

# The whole pane, scrollback included, wrapped lines joined (-J keeps
# trailing blanks: they are stripped).
screen() { tm capture-pane -p -J -S - -t lab | sed 's/[[:space:]]*$//'; }

# How many lines of the screen are exactly $1.
count_lines() { screen | grep -cxF -- "$1" || true; }

# Waits until the screen has at least $2 lines that are exactly $1.
wait_lines() {
    local want=$1 n=$2 i
    for ((i = 0; i < timeout_s * 10; i++)); do
        [ "$(count_lines "$want")" -ge "$n" ] && return 0
        sleep 0.1
    done
    return 1
}

# Waits until the last non-empty line of the screen is exactly $1 (the
# line being edited, e.g. ">>> asyncio.create_task").
wait_last() {
    local want=$1 i last
    for ((i = 0; i < timeout_s * 10; i++)); do
        last=$(screen | grep -v '^$' | tail -n 1)
        [ "$last" = "$want" ] && return 0
        sleep 0.1
    done
    return 1
}

# Waits until some line of the screen matches the extended regex $1.
wait_match() {
    local re=$1 i
    for ((i = 0; i < timeout_s * 10; i++)); do
        screen | grep -qE -- "$re" && return 0
        sleep 0.1
    done
    return 1
}

show_screen() {
    echo "---- screen (last 15 lines):"
    screen | grep -v '^$' | tail -n 15 | sed 's/^/    /'
    echo "----"
}

# A shell in the pane, so that leaving looplab shows its prompt again.
shell_prompt='tmux-test-shell$'
tm -f /dev/null new-session -d -s lab -x 100 -y 30 \
    "env -i PATH=\"$PATH\" HOME=\"$work\" TERM=screen XDG_STATE_HOME=\"$state\" \
     HISTFILE= PS1='$shell_prompt ' bash --norc --noprofile"
if ! wait_lines "$shell_prompt" 1; then
    fail "setup: the shell in tmux did not start"
    show_screen
    echo "$passed passed, $((failed)) failed"
    exit 1
fi
tm send-keys -t lab "'$looplab' $looplab_args" Enter
if ! wait_match '^>>> ?$'; then
    fail "setup: looplab did not show its prompt"
    show_screen
    echo "$passed passed, $failed failed"
    exit 1
fi

# (a) History: a statement, then Up + Enter runs it again.
tm send-keys -t lab 'print("hist" + "ory-1")' Enter
if wait_lines 'history-1' 1; then
    tm send-keys -t lab Up
    if wait_last '>>> print("hist" + "ory-1")'; then
        tm send-keys -t lab Enter
        if wait_lines 'history-1' 2; then
            pass "(a) Up recalls the last statement and Enter runs it again"
        else
            fail "(a) the recalled statement did not run again"
            show_screen
        fi
    else
        fail "(a) Up did not recall the last statement"
        show_screen
    fi
else
    fail "(a) the first statement did not run"
    show_screen
fi

# (b) Completion of a dotted name.
tm send-keys -t lab 'asyncio.create_t' Tab
if wait_last '>>> asyncio.create_task'; then
    pass "(b) asyncio.create_t + Tab completes to asyncio.create_task"
else
    fail "(b) asyncio.create_t + Tab did not complete to asyncio.create_task"
    show_screen
fi
tm send-keys -t lab C-u
wait_last '>>>' || true

# (b) Completion of the commands: :ti is shared by :tick and :timers, so
# Tab Tab lists both; one more letter makes it unique.
tm send-keys -t lab ':ti' Tab
sleep 0.2
tm send-keys -t lab Tab
if wait_match '^:tick +:timers$'; then
    pass "(b) :ti is ambiguous: Tab Tab lists :tick and :timers"
else
    fail "(b) :ti + Tab Tab did not list :tick and :timers"
    show_screen
fi
tm send-keys -t lab 'm' Tab
if wait_last '>>> :timers'; then
    tm send-keys -t lab Enter
    if wait_lines 'clock: t=0.000000' 1; then
        pass "(b) :tim + Tab completes to :timers (unique), which runs"
    else
        fail "(b) the completed :timers did not run"
        show_screen
    fi
else
    fail "(b) :tim + Tab did not complete to :timers"
    show_screen
fi
tm send-keys -t lab ':tic' Tab
if wait_last '>>> :tick'; then
    pass "(b) :tic + Tab completes to :tick (unique)"
else
    fail "(b) :tic + Tab did not complete to :tick"
    show_screen
fi
tm send-keys -t lab C-u
wait_last '>>>' || true

# (c) Ctrl-C interrupts a running statement. The loop is typed as a block
# ended by a blank line, as Python's prompt wants it.
before=$(count_lines 'KeyboardInterrupt')
tm send-keys -t lab 'while True:' Enter '    pass' Enter Enter
if wait_lines '...     pass' 1; then
    sleep 0.5 # let it spin
    tm send-keys -t lab C-c
    if wait_lines 'KeyboardInterrupt' $((before + 1)); then
        tm send-keys -t lab 'print(6 * 7)' Enter
        if wait_lines '42' 1; then
            pass "(c) Ctrl-C during while True: pass prints KeyboardInterrupt; the prompt works afterwards"
        else
            fail "(c) the prompt does not work after the KeyboardInterrupt"
            show_screen
        fi
    else
        fail "(c) Ctrl-C during while True: pass printed no KeyboardInterrupt"
        show_screen
    fi
else
    fail "(c) the while loop was not typed in"
    show_screen
fi

# (d) Ctrl-C while typing drops the line.
before=$(count_lines 'KeyboardInterrupt')
tm send-keys -t lab 'print("discarded" + "-line")'
if wait_last '>>> print("discarded" + "-line")'; then
    tm send-keys -t lab C-c
    if wait_lines 'KeyboardInterrupt' $((before + 1)) && wait_last '>>>'; then
        tm send-keys -t lab 'print("kept" + "-line")' Enter
        if wait_lines 'kept-line' 1 &&
            [ "$(count_lines 'discarded-line')" = 0 ]; then
            pass "(d) Ctrl-C while typing discards the line (fresh prompt, nothing run)"
        else
            fail "(d) after Ctrl-C while typing, the next line did not run alone"
            show_screen
        fi
    else
        fail "(d) Ctrl-C while typing gave no KeyboardInterrupt and fresh prompt"
        show_screen
    fi
else
    fail "(d) the line was not typed in"
    show_screen
fi

# (e) Ctrl-D at an empty prompt leaves looplab: the shell prompt is back
# and the pane runs the shell again.
prompts=$(count_lines "$shell_prompt")
tm send-keys -t lab C-d
if wait_lines "$shell_prompt" $((prompts + 1)); then
    cmd=$(tm display-message -p -t lab '#{pane_current_command}')
    if [ "$cmd" = bash ]; then
        pass "(e) Ctrl-D leaves looplab: the pane is back at the shell"
    else
        fail "(e) the shell prompt is back but the pane runs '$cmd'"
        show_screen
    fi
else
    fail "(e) Ctrl-D did not leave looplab"
    show_screen
fi

# (f) The history file was written when looplab left.
hist=$state/looplab/history
if [ -s "$hist" ] && grep -qxF 'print("hist" + "ory-1")' "$hist"; then
    if grep -qF 'discarded' "$hist"; then
        fail "(f) the history file has the line discarded by Ctrl-C"
    else
        pass "(f) the history file $hist exists and has the statements"
    fi
else
    fail "(f) no history file at $hist (or it lacks the first statement)"
    find "$state" -ls 2>&1 | sed 's/^/    /' || true
fi

# (g) Exit paths. The pane's shell restores its own modes between runs
# (stty "$orig"), so one failure cannot spill into the next check.
tm send-keys -t lab "clear; stty -g >'$work/stty.orig'" Enter
sleep 0.3
# exit_path NAME HOW WANT_STATUS [RUN]: starts looplab, types a marker
# statement (and RUN, when given, a compound one-liner left running), then ends
# looplab by HOW (keys:K... sends keys, sig:S sends signal S to it) and
# checks the exit status, the modes and the history.
exit_path() {
    local name=$1 how=$2 want=$3 run=${4:-}
    local marker="mark = '$name'"
    rm -f "$work/stty.before" "$work/stty.after"
    tm send-keys -t lab "clear; stty \"\$(cat '$work/stty.orig')\"; sh -c \
'stty -g >$work/stty.before; $san_prefix$looplab $looplab_args; echo exit=\$?; \
stty -g >$work/stty.after'" Enter
    if ! wait_match '^>>> ?$'; then
        fail "(g) $name: looplab did not show its prompt"
        show_screen
        return
    fi
    tm send-keys -t lab "$marker" Enter
    wait_match "^>>> $marker\$" && wait_last '>>>' || true
    if [ -n "$run" ]; then
        # A one-line compound statement: the blank line ends it.
        tm send-keys -t lab "$run" Enter Enter
        sleep 0.5
    fi
    case $how in
    keys:*)
        tm send-keys -t lab ${how#keys:}
        ;;
    sig:*)
        local shell sh pid
        shell=$(tm display -p -t lab '#{pane_pid}')
        sh=$(pgrep -P "$shell" | head -1)
        pid=$(pgrep -P "$sh" | head -1)
        if [ -z "$pid" ]; then
            fail "(g) $name: no looplab process under the shell"
            return
        fi
        kill -"${how#sig:}" "$pid"
        ;;
    esac
    if ! wait_match "^exit=$want\$"; then
        fail "(g) $name: no 'exit=$want' after looplab ended"
        show_screen
        return
    fi
    local i
    for ((i = 0; i < 20; i++)); do
        [ -s "$work/stty.after" ] && break
        sleep 0.1
    done
    if [ "$name" = sigkill ]; then
        if cmp -s "$work/stty.before" "$work/stty.after"; then
            fail "(g) sigkill: the modes readline set at the prompt went unseen (the comparison is blind)"
        else
            pass "(g) sigkill: the comparison sees the modes a killed prompt leaves behind"
        fi
        return
    fi
    if ! cmp -s "$work/stty.before" "$work/stty.after"; then
        fail "(g) $name: stty -g before: $(cat "$work/stty.before"), after: $(cat "$work/stty.after")"
    elif ! grep -qxF "$marker" "$hist" 2>/dev/null; then
        fail "(g) $name: the history file lacks the statement typed last ($marker)"
    else
        pass "(g) $name: terminal modes restored (exit status $want), history kept"
    fi
}
exit_path ctrl_d keys:C-d 0
exit_path exit_call 'keys:exit() Enter' 0
exit_path sigterm sig:TERM 143
exit_path sighup sig:HUP 129
exit_path sigquit sig:QUIT 131
exit_path sigsegv sig:SEGV 139
exit_path sigabrt sig:ABRT 134
exit_path sigterm_running sig:TERM 143 'while True: pass'
exit_path sigkill sig:KILL 137
tm send-keys -t lab "stty \"\$(cat '$work/stty.orig')\"" Enter

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
