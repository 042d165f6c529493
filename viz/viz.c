/*
 * viz.c - the full-screen ncurses view, a fold over trace events.
 *
 * Everything drawn comes from the model (core/model.h) at the current
 * position of the timeline (viz/timeline.h); the view never reads engine
 * state. Left/right move one event, n/N one tick, Home/End to the ends;
 * stepping forward past the end of a live session runs the loop one
 * handle (the REPL's :step). The REPL's prompt lives in the bottom line
 * through readline's callback interface; whatever the REPL prints goes to
 * a temporary file (fds 1 and 2 are redirected) and is shown in the
 * output pane, while ncurses draws on the saved terminal descriptor.
 *
 * Timing: frames are drawn after every key; playing and animations use
 * ncurses' input timeout, so nothing blocks outside getch. The terminal
 * is restored on every exit path: normal, SIGTERM/SIGHUP, fatal signals.
 *
 * Lesson mode (viz_lesson_*, driven by lessons/lesson_view.c) is the live
 * view with another layout: a lesson pane (the player's text, wrapped,
 * paged by Enter while more is below) and the wrapped output pane on the
 * left, the loop's panes on the right, the events pane hidden. There the
 * player owns the control flow: the view runs its key loop only inside
 * viz_lesson_read (until the learner enters a line, which is handed back
 * unrun) and while the player types or waits; after each statement the
 * panes replay its new events one at a time, so the learner sees the
 * ready queue and the tasks move. Nothing of lesson mode runs in the other
 * views: their layout, keys and drawing are unchanged.
 *
 * The view is three files around viz_int.h: this one (the session, the
 * keys, the main loops), viz_draw.c (everything drawn) and viz_lesson.c
 * (the lesson player's interface).
 */
#include "viz.h"
#include "viz_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <curses.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "app.h"
#include "model.h"
#include "narrate.h"
#include "history.h"
#include "repl.h"
#include "termguard.h"
#include "timeline.h"
#include "trace.h"

/* The one view reachable from readline's and signal callbacks. */
static viz_t *current;
static volatile sig_atomic_t got_sigint;
/* Leaves the alternate screen, shows the cursor, resets attributes: what
 * the terminal guard writes after restoring the modes. */
static const char leave_screen[] = "\033[?1049l\033[?25h\033[0m";

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
    if (current && current->repl) {
        volatile int *f = repl_interrupt_flag(current->repl);
        *f = 1;
    }
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
}

void viz_set_current(viz_t *v)
{
    current = v;
}

/* ==== Output capture ==================================================== */

/* The output pane keeps at most this many lines: a statement printing
 * forever must not take all memory. Past it the older half goes, and the
 * first line says how many were dropped. */
#define VIZ_OUT_MAX 20000

static void drop_old_output(viz_t *v)
{
    // out[0] is the note itself after the first drop: it goes too, and
    // is not counted as output.
    size_t drop = VIZ_OUT_MAX / 2;
    v->out_dropped += v->out_dropped ? drop - 1 : drop;
    for (size_t i = 0; i < drop; i++) {
        free(v->out[i]);
    }
    memmove(v->out + 1, v->out + drop, (v->nout - drop) * sizeof(char *));
    v->nout -= drop - 1;
    char note[96];
    snprintf(note, sizeof note, "  ... %zu earlier lines of output dropped",
             v->out_dropped);
    v->out[0] = strdup(note);
}

void viz_out_line(viz_t *v, const char *s)
{
    if (v->nout >= VIZ_OUT_MAX) {
        drop_old_output(v);
    }
    if (v->nout == v->capout) {
        v->capout = v->capout ? v->capout * 2 : 256;
        v->out = realloc(v->out, v->capout * sizeof(char *));
    }
    v->out[v->nout++] = strdup(s);
}

/* Reads what the REPL wrote to fds 1 and 2 since the last call. */
void viz_read_capture(viz_t *v)
{
    if (v->capture_fd < 0) {
        return;
    }
    fflush(stdout);
    fflush(stderr);
    char buf[4096];
    for (;;) {
        ssize_t n = pread(v->capture_fd, buf, sizeof buf, v->capture_off);
        if (n <= 0) {
            // All read: a long session's capture file starts over rather
            // than grow without end. fds 1 and 2 share its offset (they are
            // dups of capture_fd), so the next write lands at 0 too.
            if (n == 0 && v->capture_off > ((off_t)1 << 20) &&
                ftruncate(v->capture_fd, 0) == 0) {
                lseek(v->capture_fd, 0, SEEK_SET);
                v->capture_off = 0;
            }
            break;
        }
        v->capture_off += n;
        if (v->lesson) {
            // Kept whole for the lesson's checks, whoever ran the code
            // (a statement, or :step from the panes).
            v->printed = realloc(v->printed, v->nprinted + (size_t)n + 1);
            memcpy(v->printed + v->nprinted, buf, (size_t)n);
            v->nprinted += (size_t)n;
            v->printed[v->nprinted] = 0;
        }
        for (ssize_t i = 0; i < n; i++) {
            size_t pl = strlen(v->partial);
            if (buf[i] == '\n' || pl + 1 >= sizeof v->partial) {
                viz_out_line(v, v->partial);
                v->partial[0] = 0;
                if (buf[i] == '\n') {
                    continue;
                }
                pl = 0;
            }
            v->partial[pl] = buf[i];
            v->partial[pl + 1] = 0;
        }
    }
    v->scroll[PANE_OUTPUT] = 0;
}

/* ==== Moving through the timeline ======================================= */

void viz_set_pos(viz_t *v, size_t pos)
{
    size_t n = timeline_len(&v->tl);
    if (pos > n) {
        pos = n;
    }
    if (pos < timeline_first(&v->tl)) {
        pos = timeline_first(&v->tl);   /* before it was dropped */
    }
    v->pos = pos;
    v->follow = pos == n;
    model_free(&v->m);
    model_free(&v->prev);
    timeline_state(&v->tl, pos, &v->m);
    timeline_state(&v->tl, pos ? pos - 1 : 0, &v->prev);
    v->scroll[PANE_EVENTS] = 0;
}

static void animate(viz_t *v, int pane)
{
    if (!v->opts.anim) {
        return;
    }
    // A few frames in which the changed element slides into place.
    for (int f = 3; f >= 1; f--) {
        v->anim_pane = pane;
        v->anim_frame = f;
        viz_draw(v);
        napms(35);
    }
    v->anim_pane = -1;
    v->anim_frame = 0;
}

void viz_step_forward(viz_t *v)
{
    size_t n = timeline_len(&v->tl);
    if (v->pos >= n) {
        if (!v->repl) {
            snprintf(v->status, sizeof v->status, "(end of trace)");
            return;
        }
        // Past the end of a live session: the loop runs one handle, and
        // the view moves on by one event into what it did.
        viz_run_repl(v, ":step", false);
        n = timeline_len(&v->tl);
        if (v->pos >= n) {
            snprintf(v->status, sizeof v->status, "(the loop is idle)");
            return;
        }
    }
    viz_set_pos(v, v->pos + 1);
    const char *e = trace_line(v->trace, v->pos - 1);
    if (strncmp(e, "schedule ", 9) == 0) {
        animate(v, PANE_READY);
    } else if (strncmp(e, "tick ", 5) == 0 && v->prev.ntimers >
               v->m.ntimers) {
        animate(v, PANE_TIMERS);
    }
}

static void jump_tick(viz_t *v, int dir)
{
    size_t n = timeline_len(&v->tl);
    long p = (long)v->pos;
    long lo = (long)timeline_first(&v->tl);
    for (;;) {
        p += dir;
        if (p <= lo) {
            viz_set_pos(v, (size_t)lo);
            return;
        }
        if (p > (long)n) {
            viz_set_pos(v, n);
            return;
        }
        if (trace_starts_with(v->trace, (size_t)p - 1, "tick ")) {
            viz_set_pos(v, (size_t)p);
            return;
        }
    }
}

static void search(viz_t *v)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    (void)w;
    move(h - 1, 0);
    clrtoeol();
    mvaddstr(h - 1, 0, "search events: ");
    echo();
    curs_set(1);
    char buf[128] = "";
    getnstr(buf, sizeof buf - 1);
    noecho();
    if (buf[0]) {
        snprintf(v->search, sizeof v->search, "%s", buf);
    }
    if (!v->search[0]) {
        return;
    }
    size_t n = timeline_len(&v->tl);
    for (size_t k = v->pos; k < n; k++) {
        if (strstr(trace_line(v->trace, k), v->search)) {
            viz_set_pos(v, k + 1);
            snprintf(v->status, sizeof v->status, "found '%s'", v->search);
            return;
        }
    }
    snprintf(v->status, sizeof v->status, "'%s' not found after here",
             v->search);
}

static const char help_text[] =
    "looplab view - keys\n"
    "\n"
    "  Right / Space   next event        Left        previous event\n"
    "  n / N           next / prev tick  Home / End  first / last event\n"
    "  p               play / pause      + / -       faster / slower\n"
    "  Tab             next pane         Up / Down   scroll the focused pane\n"
    "  f               filter tasks (all / live / done)\n"
    "  /               search the events\n"
    "  Esc             prompt <-> panes (live session)\n"
    "  ?               this help         q           quit\n"
    "\n"
    "Stepping past the last event of a live session runs the loop one\n"
    "handle (:step). At the prompt, type Python or : commands (:help).\n"
    "\n"
    "press any key";

static const char lesson_help_text[] =
    "looplab lesson - keys\n"
    "\n"
    "At the prompt:\n"
    "  Enter (nothing typed)  the lesson's next step (or read on, when the\n"
    "                         lesson pane says \"more below\")\n"
    "  Python or :commands    run in the lesson's session first (:tasks,\n"
    "                         :ready, :step, ...); then Enter resumes\n"
    "  PgUp / PgDn            scroll the lesson pane\n"
    "  :help                  the lesson's commands   :quit  leave\n"
    "  Esc                    to the panes\n"
    "\n"
    "In the panes:\n"
    "  Right / Left  step through the events    n / N   by ticks\n"
    "  Tab           next pane (the lesson too) Up/Down scroll it\n"
    "  p             play / pause               Esc     back to the prompt\n"
    "  q             leave the lesson (your progress is kept)\n"
    "\n"
    "Ctrl-C stops a running statement; twice at an empty prompt it\n"
    "leaves the lesson.\n"
    "\n"
    "press any key";

static void show_help(viz_t *v)
{
    erase();
    mvaddstr(0, 0, v->lesson ? lesson_help_text : help_text);
    refresh();
    timeout(-1);
    getch();
}

/* ==== The live prompt (readline callback interface) ===================== */

static void rl_redisplay_view(void)
{
    viz_t *v = current;
    if (!v) {
        return;
    }
    snprintf(v->rl_line, sizeof v->rl_line, "%s",
             rl_line_buffer ? rl_line_buffer : "");
    v->rl_point = rl_point;
    viz_draw(v);
}

static void sync_view(viz_t *v)
{
    viz_read_capture(v);
    // The REPL started over (:reset, :mode): its trace is a new one. It
    // may sit where the old one was, but it is shorter than what the
    // timeline has folded (or, as long, and then the same events).
    if (v->repl && (repl_trace(v->repl) != v->trace ||
                    trace_count(v->trace) < timeline_len(&v->tl))) {
        // The old trace is freed already: nothing to stop watching.
        v->tl.trace = NULL;
        timeline_free(&v->tl);
        v->trace = (trace_t *)repl_trace(v->repl);
        timeline_init(&v->tl, v->trace);
        v->follow = true;
    }
    timeline_sync(&v->tl);
    if (v->follow) {
        viz_set_pos(v, timeline_len(&v->tl));
    }
}

void viz_run_repl(viz_t *v, const char *line, bool follow)
{
    // While code runs, Ctrl-C is a signal (KeyboardInterrupt in the VM).
    noraw();
    cbreak();
    got_sigint = 0;
    int r = repl_feed(v->repl, line);
    raw();
    v->follow = follow;
    sync_view(v);
    // In a lesson :quit is the player's, which never passes it on.
    if (r < 0 && !v->lesson) {
        v->quit = true;
    }
}

static void on_rl_line(char *line)
{
    viz_t *v = current;
    if (!line) {
        v->quit = true;
        return;
    }
    if (v->lesson) {
        // The lesson player decides what the line is (an answer, a
        // command, Python to run): hand it over.
        free(v->line_in);
        v->line_in = strdup(line);
        v->line_ready = true;
        v->rl_line[0] = 0;
        v->rl_point = 0;
        free(line);
        rl_callback_handler_remove();
        rl_callback_handler_install(repl_prompt(v->repl), on_rl_line);
        return;
    }
    hist_add(&v->hist, line);
    snprintf(v->rl_line, sizeof v->rl_line, "%s", "");
    // Echo the input into the output pane, as a terminal would.
    char echo_line[1200];
    snprintf(echo_line, sizeof echo_line, "%s%s", repl_prompt(v->repl), line);
    viz_out_line(v, echo_line);
    viz_run_repl(v, line, true);
    free(line);
    rl_callback_handler_remove();
    rl_callback_handler_install(repl_prompt(v->repl), on_rl_line);
}

/* Lets readline read the keys waiting in its pipe. A line handed to a
 * lesson (line_ready) stops it: the keys after it wait for the next
 * read. */
void viz_pump_readline(viz_t *v)
{
    for (;;) {
        struct pollfd pfd = {v->rl_pipe[0], POLLIN, 0};
        if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & POLLIN)) {
            break;
        }
        rl_callback_read_char();
        if (!current || current->quit || current->line_ready) {
            return;
        }
    }
}

/* Feeds one key to readline, translating ncurses' key codes back into
 * the byte sequences readline binds. */
static void feed_readline(int ch)
{
    const char *seq = NULL;
    switch (ch) {
    case KEY_UP: seq = "\033[A"; break;
    case KEY_DOWN: seq = "\033[B"; break;
    case KEY_RIGHT: seq = "\033[C"; break;
    case KEY_LEFT: seq = "\033[D"; break;
    case KEY_HOME: seq = "\033[H"; break;
    case KEY_END: seq = "\033[F"; break;
    case KEY_DC: seq = "\033[3~"; break;
    case KEY_BACKSPACE: seq = "\177"; break;
    case KEY_ENTER: seq = "\n"; break;
    default: break;
    }
    char one[2] = {(char)ch, 0};
    if (!seq) {
        if (ch < 0 || ch >= 256) {
            return;
        }
        seq = one;
    }
    // readline reads its input from a pipe we fill with the keys, so key
    // sequences arrive exactly as from a terminal.
    viz_t *v = current;
    ssize_t w = write(v->rl_pipe[1], seq, strlen(seq));
    (void)w;
    viz_pump_readline(v);
}

/* ==== Main loops ======================================================== */

void viz_init_colors(viz_t *v)
{
    v->color = has_colors() && !getenv("NO_COLOR");
    if (!v->color) {
        return;
    }
    start_color();
    use_default_colors();
    init_pair(C_NORMAL, -1, -1);
    init_pair(C_TITLE, COLOR_CYAN, -1);
    init_pair(C_FOCUS, COLOR_YELLOW, -1);
    init_pair(C_PENDING, COLOR_YELLOW, -1);
    init_pair(C_RUNNING, COLOR_GREEN, -1);
    init_pair(C_SUSPENDED, COLOR_CYAN, -1);
    init_pair(C_DONE, COLOR_BLUE, -1);
    init_pair(C_FAILED, COLOR_RED, -1);
    init_pair(C_CANCELLED, COLOR_MAGENTA, -1);
    init_pair(C_CURRENT, COLOR_WHITE, -1);
    init_pair(C_DIM, -1, -1);
}

static int start_screen(viz_t *v)
{
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    v->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    int fd = v->tty ? fileno(v->tty) : STDOUT_FILENO;
    termguard_take(fd, leave_screen);
    install_signals();
    v->screen = newterm(NULL, v->tty ? v->tty : stdout, stdin);
    if (!v->screen) {
        termguard_release();   /* no screen was entered: nothing to leave */
        fprintf(stderr, "looplab: cannot open the terminal for the view "
                "(TERM=%s); try --plain\n", getenv("TERM") ? getenv("TERM")
                                                          : "unset");
        return -1;
    }
    set_term(v->screen);
    raw();
    noecho();
    keypad(stdscr, TRUE);
    // Home/End as tmux, screen, rxvt and the Linux console send them,
    // whatever TERM says (xterm's terminfo knows only \eOH / \eOF).
    define_key("\033[1~", KEY_HOME);
    define_key("\033[4~", KEY_END);
    define_key("\033[7~", KEY_HOME);
    define_key("\033[8~", KEY_END);
    set_escdelay(25);
    viz_init_colors(v);
    return 0;
}

static void stop_screen(viz_t *v)
{
    if (v->screen) {
        endwin();
        delscreen(v->screen);
        v->screen = NULL;
    }
    termguard_release();
}

/* Handles a key while the panes have the focus; returns false to quit. */
static bool view_key(viz_t *v, int ch)
{
    v->status[0] = 0;
    switch (ch) {
    case 'q':
        return false;
    case KEY_RIGHT: case ' ': case 'l':
        viz_step_forward(v);
        break;
    case KEY_LEFT: case 'h':
        if (v->pos > 0) {
            viz_set_pos(v, v->pos - 1);
        }
        break;
    case 'n':
        jump_tick(v, 1);
        break;
    case 'N':
        jump_tick(v, -1);
        break;
    case KEY_HOME: case 'g':
        viz_set_pos(v, 0);
        break;
    case KEY_END: case 'G':
        viz_set_pos(v, timeline_len(&v->tl));
        break;
    case 'p':
        v->playing = !v->playing;
        break;
    case '+':
        v->speed_ms = v->speed_ms > 50 ? v->speed_ms / 2 : 25;
        break;
    case '-':
        v->speed_ms = v->speed_ms < 4000 ? v->speed_ms * 2 : 8000;
        break;
    case '\t':
        v->focus = (v->focus + 1) % PANE_COUNT;
        break;
    case KEY_UP:
        v->scroll[v->focus] += v->focus == PANE_TASKS ? -1 : 1;
        if (v->scroll[v->focus] < 0) {
            v->scroll[v->focus] = 0;
        }
        break;
    case KEY_DOWN:
        v->scroll[v->focus] += v->focus == PANE_TASKS ? 1 : -1;
        if (v->scroll[v->focus] < 0) {
            v->scroll[v->focus] = 0;
        }
        break;
    case 'f':
        v->task_filter = (v->task_filter + 1) % 3;
        break;
    case '/':
        search(v);
        break;
    case '?':
        show_help(v);
        break;
    case 27:
        if (v->repl) {
            v->prompt_focus = true;
        }
        break;
    default:
        break;
    }
    return true;
}

/* A tick of playing ('p'): the next event, or the end of playing. */
void viz_play_tick(viz_t *v)
{
    if (v->playing) {
        if (v->pos >= timeline_len(&v->tl)) {
            v->playing = false;
        } else {
            viz_step_forward(v);
        }
    }
}

/* Handles a key (the prompt's or the panes'); returns false to quit. */
bool viz_handle_key(viz_t *v, int ch)
{
    if (ch == KEY_RESIZE) {
        return true;
    }
    if (v->prompt_focus) {
        if (ch == 27) {
            v->prompt_focus = false;
            return true;
        }
        if (ch == 3) {
            // Ctrl-C at the prompt discards the line.
            rl_replace_line("", 0);
            rl_point = 0;
            repl_cancel_input(v->repl);
            viz_out_line(v, "KeyboardInterrupt");
            rl_redisplay_view();
            return true;
        }
        if (ch == 4 && (!rl_line_buffer || !rl_line_buffer[0])) {
            return false;
        }
        if (ch == '\r') {
            ch = '\n';
        }
        feed_readline(ch);
        return true;
    }
    if (ch == 3) {
        return true; // Ctrl-C never leaves the view half-drawn
    }
    return view_key(v, ch);
}

static int event_loop(viz_t *v)
{
    while (!v->quit) {
        viz_draw(v);
        timeout(v->playing ? v->speed_ms : -1);
        int ch = getch();
        if (ch == ERR) {
            viz_play_tick(v);
            continue;
        }
        if (!viz_handle_key(v, ch)) {
            break;
        }
    }
    return 0;
}

void viz_init(viz_t *v, const viz_options_t *opts)
{
    memset(v, 0, sizeof *v);
    v->opts = *opts;
    v->speed_ms = 400;
    v->anim_pane = -1;
    v->capture_fd = -1;
    v->focus = PANE_EVENTS;
    model_init(&v->m);
    model_init(&v->prev);
}

void viz_free(viz_t *v)
{
    timeline_free(&v->tl);
    model_free(&v->m);
    model_free(&v->prev);
    for (size_t i = 0; i < v->nout; i++) {
        free(v->out[i]);
    }
    free(v->out);
    if (v->own_trace) {
        trace_free(v->trace);
    }
    for (size_t i = 0; i < v->nlz; i++) {
        free(v->lz[i].lead);
        free(v->lz[i].text);
    }
    free(v->lz);
    free(v->line_in);
    free(v->printed);
    free(v->aside_printed);
    for (size_t i = 0; i < v->aside_nout; i++) {
        free(v->aside_out[i]);
    }
    free(v->aside_out);
    if (v->aside_repl) {
        repl_free(v->aside_repl);
    }
    free(v->out_at);
}

/* Starts a live session in [v] (viz_init'ed) on the terminal: fds 1 and
 * 2 go to a file the output pane reads, ncurses draws on a copy of the
 * terminal, readline reads the keys we pass it. Returns 0, or an exit
 * status with a message on stderr (and the descriptors put back). */
int viz_live_start(viz_t *v)
{
    v->tty_fd = dup(STDOUT_FILENO);
    v->tty = v->tty_fd >= 0 ? fdopen(v->tty_fd, "w") : NULL;
    char tmpl[] = "/tmp/looplab-out-XXXXXX";
    v->capture_fd = mkstemp(tmpl);
    if (v->capture_fd < 0 || !v->tty) {
        fprintf(stderr, "looplab: cannot set up the view: %s\n",
                strerror(errno));
        return 1;
    }
    unlink(tmpl);
    fflush(stdout);
    fflush(stderr);
    v->saved_err = dup(STDERR_FILENO);
    dup2(v->capture_fd, STDOUT_FILENO);
    dup2(v->capture_fd, STDERR_FILENO);
    repl_options_t ro = {v->opts.quiet, v->opts.script_mode,
                         v->opts.realtime, v->lesson, v->opts.trace_limit};
    v->repl = repl_new(&ro);
    if (!v->repl || start_screen(v) < 0) {
        dup2(v->saved_err, STDERR_FILENO);
        dup2(v->tty_fd, STDOUT_FILENO);
        fprintf(stderr, "looplab: cannot start (try --plain)\n");
        return 70;
    }
    current = v;
    v->trace = (trace_t *)repl_trace(v->repl);
    timeline_init(&v->tl, v->trace);
    viz_set_pos(v, timeline_len(&v->tl));
    v->prompt_focus = true;
    if (pipe(v->rl_pipe) < 0) {
        stop_screen(v);
        dup2(v->saved_err, STDERR_FILENO);
        dup2(v->tty_fd, STDOUT_FILENO);
        fprintf(stderr, "looplab: cannot set up the prompt\n");
        return 70;
    }
    rl_instream = fdopen(v->rl_pipe[0], "r");
    rl_outstream = fopen("/dev/null", "w");
    rl_redisplay_function = rl_redisplay_view;
    rl_prep_term_function = NULL;
    rl_deprep_term_function = NULL;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    // Else readline exports LINES and COLUMNS, which ncurses then prefers
    // to the terminal's size: the view would never follow a resize.
    rl_change_environment = 0;
    hist_open(&v->hist);
    rl_callback_handler_install(repl_prompt(v->repl), on_rl_line);
    return 0;
}

/* Ends what viz_live_start started and restores the terminal and fds 1, 2. */
void viz_live_stop(viz_t *v)
{
    rl_callback_handler_remove();
    stop_screen(v);
    current = NULL;
    fclose(rl_instream);
    fclose(rl_outstream);
    close(v->rl_pipe[1]);
    rl_instream = NULL;
    rl_outstream = NULL;
    // The timeline watches the REPL's trace: it stops before the REPL
    // frees the trace (viz_free's timeline_free then has nothing to do).
    timeline_free(&v->tl);
    repl_free(v->repl);
    v->repl = NULL;
    v->trace = NULL;
    viz_free(v);
    fflush(stdout);
    dup2(v->tty_fd, STDOUT_FILENO);
    dup2(v->saved_err, STDERR_FILENO);
    close(v->saved_err);
}

int viz_main_live(const viz_options_t *opts)
{
    viz_t v;
    viz_init(&v, opts);
    int status = viz_live_start(&v);
    if (status) {
        return status;
    }
    viz_out_line(&v, "looplab " LOOPLAB_VERSION ": type Python; Esc moves to "
                     "the panes; ? for keys; :help for commands");
    event_loop(&v);
    viz_live_stop(&v);
    return 0;
}

/* Loads a trace file written by --trace-out into a trace_t. */
static trace_t *load_trace(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return NULL;
    }
    trace_t *t = trace_new();
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool header = true;
    while ((n = getline(&line, &cap, f)) >= 0) {
        if (n > 0 && line[n - 1] == '\n') {
            line[--n] = 0;
        }
        // The header, and the note of a trace cut by --trace-limit.
        if (header && line[0] == '#') {
            unsigned long long dropped;
            if (sscanf(line, "# dropped %llu earlier events", &dropped) == 1) {
                trace_skip(t, (size_t)dropped);
            }
            continue;
        }
        header = false;
        char *sp = strchr(line, ' ');
        if (sp) {
            *sp = 0;
            trace_emit(t, line, sp + 1);
        } else {
            trace_emit(t, line, NULL);
        }
    }
    free(line);
    fclose(f);
    return t;
}

int viz_main_file(const char *path, const viz_options_t *opts)
{
    char dir[] = "/tmp/looplab-viz-XXXXXX";
    if (!mkdtemp(dir)) {
        fprintf(stderr, "looplab: cannot create a temporary directory\n");
        return 1;
    }
    char tpath[256], opath[256];
    snprintf(tpath, sizeof tpath, "%s/trace", dir);
    snprintf(opath, sizeof opath, "%s/out", dir);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(opath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        char limit[32];
        snprintf(limit, sizeof limit, "%zu", opts->trace_limit);
        if (opts->trace_limit) {
            execl("/proc/self/exe", "looplab", "run", "--trace-out", tpath,
                  "--trace-limit", limit, path, (char *)NULL);
        } else {
            execl("/proc/self/exe", "looplab", "run", "--trace-out", tpath,
                  path, (char *)NULL);
        }
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    trace_t *t = load_trace(tpath);
    unlink(tpath);
    unlink(opath);
    rmdir(dir);
    if (!t) {
        fprintf(stderr, "looplab: '%s' left no trace to view\n", path);
        return 1;
    }
    viz_t v;
    viz_init(&v, opts);
    v.trace = t;
    v.own_trace = true;
    timeline_init(&v.tl, t);
    viz_set_pos(&v, 0);
    if (start_screen(&v) < 0) {
        viz_free(&v);
        return 70;
    }
    current = &v;
    event_loop(&v);
    stop_screen(&v);
    current = NULL;
    viz_free(&v);
    return 0;
}
