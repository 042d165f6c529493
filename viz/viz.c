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
 */
#include "viz.h"

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

#define MIN_W 80
#define MIN_H 24

enum { PANE_READY, PANE_TIMERS, PANE_TASKS, PANE_DECISION, PANE_EVENTS,
       PANE_OUTPUT, PANE_COUNT };
static const char *const pane_names[PANE_COUNT] = {
    "Ready queue", "Timers", "Tasks", "Decision", "Events", "Output"};

/* The lesson pane exists in lesson mode only: it is not one of the live
 * view's panes (their loops stop at PANE_COUNT), but it can have the
 * focus. */
enum { PANE_LESSON = PANE_COUNT };

/* How a block of the lesson pane looks (viz_text_style_t). */
typedef struct lz_block {
    viz_text_style_t style;
    char *lead;            /* starts the first row (a list marker), or "" */
    char *text;
} lz_block_t;

/* One row of the lesson pane or of the wrapped output pane: [len] bytes
 * at [s], drawn [indent] columns in, after [lead] on a block's first
 * row. */
typedef struct row {
    const char *s;
    int len;
    int indent;
    const char *lead;
    int style;
} row_t;

enum { C_NORMAL = 1, C_TITLE, C_FOCUS, C_PENDING, C_RUNNING, C_SUSPENDED,
       C_DONE, C_FAILED, C_CANCELLED, C_CURRENT, C_DIM };

typedef struct rect { int y, x, h, w; } rect_t;

typedef struct viz {
    viz_options_t opts;
    repl_t *repl;          /* live session, or NULL */
    trace_t *trace;        /* the events (the REPL's, or loaded) */
    bool own_trace;
    timeline_t tl;
    size_t pos;            /* the state shown is after [pos] events */
    bool follow;           /* pos follows the end of a live trace */
    model_t m, prev;       /* state at pos, and at pos - 1 */
    bool prompt_focus;     /* keys go to the prompt (live) */
    int focus;             /* focused pane */
    bool playing;
    int speed_ms;
    bool utf8, color;
    int task_filter;       /* 0 all, 1 not done, 2 done */
    int scroll[PANE_COUNT + 1];
    char search[128];
    char status[256];
    char **out;            /* output pane lines */
    size_t nout, capout;
    char partial[1024];    /* output after the last newline */
    int capture_fd;        /* the file fds 1 and 2 point to */
    off_t capture_off;
    FILE *tty;
    SCREEN *screen;
    rect_t r[PANE_COUNT];
    int anim_pane, anim_frame;
    char rl_line[1024];
    int rl_point;
    int rl_pipe[2];        /* keys for readline: we write, it reads */
    hist_t hist;           /* the prompt's history file (live) */
    int tty_fd;            /* the terminal (fd 1 before live_start) */
    int saved_err;         /* fd 2 before live_start */
    bool quit;
    /* Lesson mode (viz_lesson_open); all zero in the other views. The
     * lesson player drives: the view runs only inside viz_lesson_read,
     * _type and _wait, and returns to the player when a line is entered
     * (line_ready) or the learner leaves (quit). */
    bool lesson;
    bool autoplay;         /* nothing is read: only q and Ctrl-C count */
    rect_t r_lesson;
    lz_block_t *lz;        /* the lesson pane's text, in order */
    size_t nlz, caplz;
    size_t lz_seen;        /* blocks [0, lz_seen) were on screen at a read */
    long lz_top;           /* first row shown, or -1 for the last rows */
    char lz_title[256];
    char lz_hint[160];     /* the player's hint for the status line */
    char prompt_text[64];  /* shown instead of the REPL's prompt, or "" */
    char *line_in;         /* the line entered, once line_ready */
    bool line_ready;
    int ctrl_c;            /* Ctrl-C presses in a row at an empty prompt */
    int event_ms;          /* replay pace of a statement's new events */
    char *printed;         /* all the session printed (lesson mode) */
    size_t nprinted;
    repl_t *aside_repl;    /* the session set aside by push_session */
    char **aside_out;
    size_t aside_nout, aside_capout;
    char *aside_printed;
    size_t aside_nprinted;
} viz_t;

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

/* ==== Output capture ==================================================== */

static void out_line(viz_t *v, const char *s)
{
    if (v->nout == v->capout) {
        v->capout = v->capout ? v->capout * 2 : 256;
        v->out = realloc(v->out, v->capout * sizeof(char *));
    }
    v->out[v->nout++] = strdup(s);
}

/* Reads what the REPL wrote to fds 1 and 2 since the last call. */
static void read_capture(viz_t *v)
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
                out_line(v, v->partial);
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

/* ==== Drawing helpers =================================================== */

static void pane_attr_on(viz_t *v, WINDOW *w, int pair, int extra)
{
    if (v->color && pair) {
        wattron(w, COLOR_PAIR(pair));
    }
    wattron(w, extra);
}

static void pane_attr_off(viz_t *v, WINDOW *w, int pair, int extra)
{
    if (v->color && pair) {
        wattroff(w, COLOR_PAIR(pair));
    }
    wattroff(w, extra);
}

/* Writes at most [w] columns of [s] (UTF-8 aware when the locale is). */
static void put_clip(viz_t *v, int y, int x, int w, const char *s)
{
    if (w <= 0) {
        return;
    }
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *start = p;
    while (*p && cols < w) {
        int len = 1;
        if (v->utf8 && *p >= 0xC0) {
            len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        }
        p += len;
        cols++;
    }
    mvaddnstr(y, x, (const char *)start, (int)(p - start));
}

static void frame(viz_t *v, rect_t r, const char *title, bool focused)
{
    const char *h = v->utf8 ? "\xe2\x94\x80" : "-";
    const char *vv = v->utf8 ? "\xe2\x94\x82" : "|";
    const char *c[4] = {"+", "+", "+", "+"};
    if (v->utf8) {
        c[0] = "\xe2\x94\x8c";
        c[1] = "\xe2\x94\x90";
        c[2] = "\xe2\x94\x94";
        c[3] = "\xe2\x94\x98";
    }
    int pair = focused ? C_FOCUS : C_TITLE;
    pane_attr_on(v, stdscr, pair, focused ? A_BOLD : 0);
    mvaddstr(r.y, r.x, c[0]);
    for (int i = 1; i < r.w - 1; i++) {
        mvaddstr(r.y, r.x + i, h);
        mvaddstr(r.y + r.h - 1, r.x + i, h);
    }
    mvaddstr(r.y, r.x + r.w - 1, c[1]);
    mvaddstr(r.y + r.h - 1, r.x, c[2]);
    mvaddstr(r.y + r.h - 1, r.x + r.w - 1, c[3]);
    for (int i = 1; i < r.h - 1; i++) {
        mvaddstr(r.y + i, r.x, vv);
        mvaddstr(r.y + i, r.x + r.w - 1, vv);
    }
    char t[128];
    // The focused pane says so in words too (never colour alone).
    snprintf(t, sizeof t, " %s%s ", title, focused ? " [focus]" : "");
    put_clip(v, r.y, r.x + 2, r.w - 4, t);
    pane_attr_off(v, stdscr, pair, focused ? A_BOLD : 0);
}

static int state_pair(int s)
{
    switch (s) {
    case TASK_PENDING: return C_PENDING;
    case TASK_RUNNING: return C_RUNNING;
    case TASK_SUSPENDED: return C_SUSPENDED;
    case TASK_DONE: return C_DONE;
    case TASK_FAILED: return C_FAILED;
    default: return C_CANCELLED;
    }
}

static const char *state_word(int s)
{
    switch (s) {
    case TASK_PENDING: return "pending";
    case TASK_RUNNING: return "RUNNING";
    case TASK_SUSPENDED: return "waiting";
    case TASK_DONE: return "done";
    case TASK_FAILED: return "failed";
    default: return "cancelled";
    }
}

/* ==== Panes ============================================================= */

static void draw_ready(viz_t *v)
{
    rect_t r = v->r[PANE_READY];
    model_t *m = &v->m;
    int y = r.y + 1, x = r.x + 2, right = r.x + r.w - 2;
    char buf[256];
    snprintf(buf, sizeof buf, "running: %s", m->running && m->iter_left >= 0
                                                ? m->running : "-");
    pane_attr_on(v, stdscr, C_RUNNING, m->running ? A_BOLD : 0);
    put_clip(v, y, x, right - x, buf);
    pane_attr_off(v, stdscr, C_RUNNING, m->running ? A_BOLD : 0);
    y++;
    if (m->nready == 0) {
        pane_attr_on(v, stdscr, C_DIM, A_DIM);
        put_clip(v, y, x, right - x, "(empty)");
        pane_attr_off(v, stdscr, C_DIM, A_DIM);
        return;
    }
    put_clip(v, y, x, right - x, "head ");
    x += 5;
    int anim_shift = 0;
    if (v->anim_pane == PANE_READY && v->anim_frame > 0) {
        anim_shift = v->anim_frame * 3;
    }
    for (size_t i = 0; i < m->nready; i++) {
        bool last = i + 1 == m->nready;
        snprintf(buf, sizeof buf, "[%s%s]", m->ready[i].cancelled ? "x " : "",
                 m->ready[i].cb);
        int len = (int)strlen(buf);
        if (x + len + 1 > right) {
            y++;
            x = r.x + 7;
            if (y >= r.y + r.h - 1) {
                snprintf(buf, sizeof buf, "... %zu more", m->nready - i);
                put_clip(v, y - 1, right - 14, 14, buf);
                break;
            }
        }
        int dx = last ? anim_shift : 0;
        int pair = m->ready[i].cancelled ? C_CANCELLED : C_PENDING;
        pane_attr_on(v, stdscr, pair, last && anim_shift ? A_REVERSE : 0);
        put_clip(v, y, x + dx, right - x - dx, buf);
        pane_attr_off(v, stdscr, pair, last && anim_shift ? A_REVERSE : 0);
        x += len + 1;
    }
}

static void draw_timers(viz_t *v)
{
    rect_t r = v->r[PANE_TIMERS];
    model_t *m = &v->m;
    char buf[256];
    snprintf(buf, sizeof buf, "clock t=%.6f", m->clock);
    pane_attr_on(v, stdscr, C_TITLE, A_BOLD);
    put_clip(v, r.y + 1, r.x + 2, r.w - 4, buf);
    pane_attr_off(v, stdscr, C_TITLE, A_BOLD);
    int rows = r.h - 3;
    if (m->ntimers == 0) {
        pane_attr_on(v, stdscr, C_DIM, A_DIM);
        put_clip(v, r.y + 2, r.x + 2, r.w - 4, "(no timers)");
        pane_attr_off(v, stdscr, C_DIM, A_DIM);
        return;
    }
    for (int i = 0; i < rows && (size_t)i < m->ntimers; i++) {
        model_handle_t *h = &m->timers[i];
        snprintf(buf, sizeof buf, "t=%.3f %s%s", h->when,
                 h->cancelled ? "(cancelled) " : "", h->cb);
        int pair = h->cancelled ? C_CANCELLED : C_NORMAL;
        bool hl = v->anim_pane == PANE_TIMERS && v->anim_frame > 0 && i == 0;
        pane_attr_on(v, stdscr, pair, hl ? A_REVERSE : 0);
        put_clip(v, r.y + 2 + i, r.x + 2, r.w - 4, buf);
        pane_attr_off(v, stdscr, pair, hl ? A_REVERSE : 0);
    }
    if (m->ntimers > (size_t)rows) {
        snprintf(buf, sizeof buf, "+%zu more", m->ntimers - (size_t)rows);
        put_clip(v, r.y + r.h - 1, r.x + r.w - 12, 10, buf);
    }
}

static bool task_shown(viz_t *v, model_task_t *t)
{
    bool done = t->state == TASK_DONE || t->state == TASK_FAILED ||
                t->state == TASK_CANCELLED;
    return v->task_filter == 0 || (v->task_filter == 1 && !done) ||
           (v->task_filter == 2 && done);
}

static void draw_tasks(viz_t *v)
{
    rect_t r = v->r[PANE_TASKS];
    model_t *m = &v->m;
    int rows = r.h - 2;
    size_t shown = 0;
    for (size_t i = 0; i < m->ntasks; i++) {
        shown += task_shown(v, &m->tasks[i]);
    }
    int skip = v->scroll[PANE_TASKS];
    if (skip > (int)shown - rows) {
        skip = (int)shown - rows;
    }
    if (skip < 0) {
        skip = 0;
    }
    v->scroll[PANE_TASKS] = skip;
    int y = r.y + 1, k = 0;
    for (size_t i = 0; i < m->ntasks && y < r.y + r.h - 1; i++) {
        model_task_t *t = &m->tasks[i];
        if (!task_shown(v, t) || k++ < skip) {
            continue;
        }
        char buf[512];
        snprintf(buf, sizeof buf, "%-9s %-9s %s()", t->id,
                 state_word(t->state), t->coro);
        pane_attr_on(v, stdscr, state_pair(t->state),
                t->state == TASK_RUNNING ? A_BOLD : 0);
        put_clip(v, y, r.x + 2, r.w - 4, buf);
        pane_attr_off(v, stdscr, state_pair(t->state),
                 t->state == TASK_RUNNING ? A_BOLD : 0);
        int col = r.x + 2 + (int)strlen(buf) + 1;
        buf[0] = 0;
        if (t->state == TASK_SUSPENDED && t->where) {
            snprintf(buf, sizeof buf, "at %s%s%s", t->where,
                     t->waiting_on ? ", timer " : "",
                     t->waiting_on ? t->waiting_on : "");
        } else if (t->result && t->state != TASK_PENDING) {
            snprintf(buf, sizeof buf, "%s", t->result);
        }
        if (t->cancel_requests) {
            size_t n = strlen(buf);
            snprintf(buf + n, sizeof buf - n, " cancel x%d",
                     t->cancel_requests);
        }
        // A suspended coroutine's line shows greyed but alive.
        pane_attr_on(v, stdscr, C_DIM, A_DIM);
        put_clip(v, y, col, r.x + r.w - 2 - col, buf);
        pane_attr_off(v, stdscr, C_DIM, A_DIM);
        y++;
    }
    char info[64];
    snprintf(info, sizeof info, " %zu/%zu %s ", shown, m->ntasks,
             v->task_filter == 0 ? "all" : v->task_filter == 1 ? "live"
                                                               : "done");
    put_clip(v, r.y + r.h - 1, r.x + r.w - 2 - (int)strlen(info),
             (int)strlen(info), info);
}

static void decision_row(viz_t *v, int y, int x, int w, const char *q,
                         const char *a, int taken)
{
    // taken: 1 the path went through here, 0 not reached, 2 the exit.
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s %s", taken ? "=>" : "  ", q, a);
    int pair = taken == 2 ? C_FAILED : taken ? C_RUNNING : C_DIM;
    pane_attr_on(v, stdscr, pair, taken ? A_BOLD : A_DIM);
    put_clip(v, y, x, w, buf);
    pane_attr_off(v, stdscr, pair, taken ? A_BOLD : A_DIM);
}

static void draw_decision(viz_t *v)
{
    rect_t r = v->r[PANE_DECISION];
    model_decision_t *d = &v->m.decision;
    int x = r.x + 2, w = r.w - 4, y = r.y + 1;
    if (d->api == DEC_NONE) {
        pane_attr_on(v, stdscr, C_DIM, A_DIM);
        put_clip(v, y, x, w, "no create_task / ensure_future yet");
        pane_attr_off(v, stdscr, C_DIM, A_DIM);
        return;
    }
    char head[256];
    if (d->api == DEC_CREATE_TASK) {
        snprintf(head, sizeof head, "create_task(%s%s)", d->what,
                 d->loop_running && !d->task ? " object" : "()");
        put_clip(v, y++, x, w, head);
        decision_row(v, y++, x, w, "running loop?",
                     d->loop_running ? "yes" : "no -> RuntimeError",
                     d->loop_running ? 1 : 2);
        if (d->loop_running) {
            decision_row(v, y++, x, w, "coroutine?",
                         d->task ? "yes" : "no -> TypeError",
                         d->task ? 1 : 2);
        }
        if (d->task) {
            snprintf(head, sizeof head, "-> %s, step queued", d->task);
            decision_row(v, y++, x, w, "", head, 1);
        }
        return;
    }
    snprintf(head, sizeof head, "ensure_future(%s)", d->what);
    put_clip(v, y++, x, w, head);
    bool fut = strcmp(d->kind, "future") == 0;
    bool coro = strcmp(d->kind, "coroutine") == 0;
    bool aw = strcmp(d->kind, "awaitable") == 0;
    decision_row(v, y++, x, w, "Future?", fut ? "yes -> returned as is" : "no",
                 1);
    if (y < r.y + r.h - 1) {
        decision_row(v, y++, x, w, "coroutine?", fut ? "" : coro ? "yes" : "no",
                     fut ? 0 : 1);
    }
    if (y < r.y + r.h - 1) {
        decision_row(v, y++, x, w, "awaitable?",
                     fut || coro ? "" : aw ? "yes -> _wrap_awaitable"
                                           : "no -> TypeError",
                     fut || coro ? 0 : aw ? 1 : 2);
    }
    if ((coro || aw) && y < r.y + r.h - 1) {
        snprintf(head, sizeof head, "-> %s", d->task ? d->task : "(raised)");
        decision_row(v, y++, x, w, "", head, 1);
    }
}

static void draw_events(viz_t *v)
{
    rect_t r = v->r[PANE_EVENTS];
    int rows = r.h - 2;
    size_t n = timeline_len(&v->tl);
    // Events before `lo` were dropped (--trace-limit): one row says so.
    long lo = (long)timeline_first(&v->tl);
    // Keep the current event (the last applied) in view, near the bottom.
    long cur = (long)v->pos - 1;
    long top = cur - rows + 3 - v->scroll[PANE_EVENTS];
    if (top < (lo ? lo - 1 : 0)) {
        top = lo ? lo - 1 : 0;
    }
    for (int i = 0; i < rows; i++) {
        long k = top + i;
        if (k >= (long)n) {
            break;
        }
        char buf[512];
        if (k < lo) {
            snprintf(buf, sizeof buf, "  ... events 1-%ld dropped "
                     "(--trace-limit)", lo);
            pane_attr_on(v, stdscr, C_DIM, A_DIM);
            put_clip(v, r.y + 1 + i, r.x + 1, r.w - 2, buf);
            pane_attr_off(v, stdscr, C_DIM, A_DIM);
            continue;
        }
        snprintf(buf, sizeof buf, "%c%6ld %s", k == cur ? '>' : ' ', k + 1,
                 trace_line(v->trace, (size_t)k));
        int pair = k == cur ? C_CURRENT : k > cur ? C_DIM : C_NORMAL;
        pane_attr_on(v, stdscr, pair, k == cur ? A_BOLD | A_REVERSE
                                 : k > cur ? A_DIM : 0);
        put_clip(v, r.y + 1 + i, r.x + 1, r.w - 2, buf);
        pane_attr_off(v, stdscr, pair, k == cur ? A_BOLD | A_REVERSE
                                  : k > cur ? A_DIM : 0);
    }
}

static void draw_output(viz_t *v)
{
    rect_t r = v->r[PANE_OUTPUT];
    int rows = r.h - 2;
    if (v->repl) {
        size_t n = v->nout + (v->partial[0] ? 1 : 0);
        long first = (long)n - rows - v->scroll[PANE_OUTPUT];
        if (first < 0) {
            first = 0;
        }
        for (int i = 0; i < rows && (size_t)(first + i) < n; i++) {
            size_t k = (size_t)(first + i);
            const char *s = k < v->nout ? v->out[k] : v->partial;
            bool narr = strncmp(s, "  ~ ", 4) == 0;
            pane_attr_on(v, stdscr, narr ? C_DIM : C_NORMAL, narr ? A_DIM : 0);
            put_clip(v, r.y + 1 + i, r.x + 1, r.w - 2, s);
            pane_attr_off(v, stdscr, narr ? C_DIM : C_NORMAL, narr ? A_DIM : 0);
        }
        return;
    }
    // A program's view: its "out" events up to the current position.
    // Output before the first kept event went with it (--trace-limit).
    size_t lo = timeline_first(&v->tl);
    long count = 0;
    for (size_t i = lo; i < v->pos; i++) {
        count += strncmp(trace_line(v->trace, i), "out ", 4) == 0;
    }
    long skip = count - rows;
    int y = r.y + 1;
    for (size_t i = lo; i < v->pos && y < r.y + r.h - 1; i++) {
        const char *s = trace_line(v->trace, i);
        if (strncmp(s, "out ", 4) != 0) {
            continue;
        }
        if (skip-- > 0) {
            continue;
        }
        put_clip(v, y++, r.x + 1, r.w - 2, s + 4);
    }
}

/* ==== Lesson mode: its layout and panes ================================ */

/* Display columns of the [n] bytes at [s]: one per character (UTF-8
 * continuation bytes take none). */
static int columns(const char *s, int n)
{
    int c = 0;
    for (int i = 0; i < n; i++) {
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    }
    return c;
}

/* Cuts [s] into rows: the first [w1] columns wide, the others [w],
 * broken at a space where there is one. Appends each row's start and
 * length to [out] (grown as needed; [*n] rows so far) with [indent] on
 * the rows after the first. */
static void cut_rows(const char *s, int w1, int w, int indent,
                     int style, const char *lead, row_t **out, size_t *n,
                     size_t *cap)
{
    int width = w1 > 0 ? w1 : 1;
    bool first = true;
    size_t len = strlen(s);
    size_t i = 0;
    do {
        // The longest piece of [s] from i that fits in [width] columns.
        size_t j = i, brk = 0;
        int cols = 0;
        while (j < len && cols < width) {
            size_t k = j + 1;
            while (k < len && ((unsigned char)s[k] & 0xc0) == 0x80) {
                k++;
            }
            j = k;
            cols++;
            if (j < len && s[j] == ' ') {
                brk = j;
            }
        }
        size_t end = j;
        if (j < len && s[j] != ' ' && brk > i) {
            end = brk;      // the word that does not fit goes down
        }
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *out = realloc(*out, *cap * sizeof **out);
        }
        (*out)[(*n)++] = (row_t){s + i, (int)(end - i), first ? 0 : indent,
                                 first ? lead : NULL, style};
        i = end;
        while (i < len && s[i] == ' ') {
            i++;
        }
        first = false;
        width = w - indent > 0 ? w - indent : 1;
    } while (i < len);
}

/* The lesson pane's rows at text width [w]; [*first_unread] is the row
 * of block lz_seen. Caller frees. */
static row_t *lz_rows(viz_t *v, int w, size_t *n, size_t *first_unread)
{
    row_t *rows = NULL;
    size_t cap = 0;
    *n = 0;
    *first_unread = 0;
    for (size_t b = 0; b < v->nlz; b++) {
        lz_block_t *k = &v->lz[b];
        if (b == v->lz_seen) {
            *first_unread = *n;
        }
        if (k->style == VIZ_TEXT_CODE) {
            // Verbatim: one row, clipped when drawn.
            if (*n == cap) {
                cap = cap ? cap * 2 : 64;
                rows = realloc(rows, cap * sizeof *rows);
            }
            rows[(*n)++] = (row_t){k->text, (int)strlen(k->text), 0, NULL,
                                   (int)k->style};
            continue;
        }
        int lw = columns(k->lead, (int)strlen(k->lead));
        cut_rows(k->text, w - lw, w, lw, (int)k->style, k->lead, &rows, n,
                 &cap);
    }
    if (v->lz_seen >= v->nlz) {
        *first_unread = *n;
    }
    return rows;
}

static void style_attr(viz_t *v, int style, bool on)
{
    int pair = C_NORMAL, extra = 0;
    switch (style) {
    case VIZ_TEXT_HEADING: pair = C_TITLE; extra = A_BOLD; break;
    case VIZ_TEXT_CODE: pair = C_SUSPENDED; break;
    case VIZ_TEXT_NOTE: pair = C_DIM; extra = A_DIM; break;
    case VIZ_TEXT_ASK: pair = C_FOCUS; extra = A_BOLD; break;
    case VIZ_TEXT_GOOD: pair = C_RUNNING; extra = A_BOLD; break;
    case VIZ_TEXT_BAD: pair = C_FAILED; extra = A_BOLD; break;
    default: break;
    }
    if (on) {
        pane_attr_on(v, stdscr, pair, extra);
    } else {
        pane_attr_off(v, stdscr, pair, extra);
    }
}

/* Rows of text the lesson pane shows at once. */
static int lz_height(viz_t *v)
{
    return v->r_lesson.h - 2;
}

/* Columns of text a row holds: a space either side inside the frame. */
static int lz_width(viz_t *v)
{
    return v->r_lesson.w - 4;
}

/* The first row shown, given [n] rows. */
static long lz_first(viz_t *v, size_t n)
{
    long rows = lz_height(v);
    long last = (long)n - rows > 0 ? (long)n - rows : 0;
    if (v->lz_top < 0 || v->lz_top > last) {
        return last;
    }
    return v->lz_top;
}

/* Is there text below the pane's last row? */
static bool lz_more(viz_t *v)
{
    if (v->lz_top < 0 || v->r_lesson.h < 3) {
        return false;
    }
    size_t n, fu;
    row_t *rows = lz_rows(v, lz_width(v), &n, &fu);
    free(rows);
    return lz_first(v, n) + lz_height(v) < (long)n;
}

static void draw_lesson(viz_t *v)
{
    rect_t r = v->r_lesson;
    bool more = lz_more(v);
    frame(v, r, v->lz_title[0] ? v->lz_title : "Lesson",
          !v->prompt_focus && v->focus == PANE_LESSON);
    size_t n, fu;
    row_t *rows = lz_rows(v, lz_width(v), &n, &fu);
    long first = lz_first(v, n);
    for (int i = 0; i < lz_height(v) && first + i < (long)n; i++) {
        row_t *w = &rows[first + i];
        int x = r.x + 2 + w->indent;
        style_attr(v, w->style, true);
        if (w->lead && w->lead[0]) {
            put_clip(v, r.y + 1 + i, x, r.x + r.w - 1 - x, w->lead);
            x += columns(w->lead, (int)strlen(w->lead));
        }
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", w->len, w->s);
        put_clip(v, r.y + 1 + i, x, r.x + r.w - 1 - x, buf);
        style_attr(v, w->style, false);
    }
    free(rows);
    if (more) {
        static const char tag[] = " more below: Enter ";
        pane_attr_on(v, stdscr, C_FOCUS, A_BOLD);
        put_clip(v, r.y + r.h - 1, r.x + r.w - 2 - (int)strlen(tag),
                 (int)strlen(tag), tag);
        pane_attr_off(v, stdscr, C_FOCUS, A_BOLD);
    }
}

/* Cuts output line [s] into [rows] at width [w]: narration continues
 * under its text, after the "~ ". */
static void cut_output_line(const char *s, int w, row_t **rows, size_t *n,
                            size_t *cap)
{
    int indent = 0;
    while (s[indent] == ' ') {
        indent++;
    }
    if (s[indent] == '~' && s[indent + 1] == ' ') {
        indent += 2;
    } else if (strncmp(s, ">>> ", 4) == 0 || strncmp(s, "... ", 4) == 0) {
        indent = 4;     // an echoed statement continues after its prompt
    }
    cut_rows(s, w, w, indent < w / 2 ? indent : 0, strncmp(s, "  ~ ", 4) == 0,
             NULL, rows, n, cap);
}

/* The output pane of lesson mode: like the live one, but long lines wrap
 * (the loop's narration is what a lesson is about). */
static void draw_output_wrapped(viz_t *v)
{
    rect_t r = v->r[PANE_OUTPUT];
    int h = r.h - 2, w = r.w - 2;
    size_t n = v->nout + (v->partial[0] ? 1 : 0);
    // Only the tail can show: find the first line needed, counting rows
    // from the end, then cut the lines from there in order.
    long want = h + v->scroll[PANE_OUTPUT];
    size_t from = n;
    long have = 0;
    row_t *rows = NULL;
    size_t nrows = 0, cap = 0;
    while (from > 0 && have < want) {
        from--;
        nrows = 0;
        cut_output_line(from < v->nout ? v->out[from] : v->partial, w, &rows,
                        &nrows, &cap);
        have += (long)nrows;
    }
    nrows = 0;
    for (size_t i = from; i < n; i++) {
        cut_output_line(i < v->nout ? v->out[i] : v->partial, w, &rows,
                        &nrows, &cap);
    }
    long first = (long)nrows - h - v->scroll[PANE_OUTPUT];
    if (first < 0) {
        first = 0;
    }
    for (int i = 0; i < h && first + i < (long)nrows; i++) {
        row_t *k = &rows[first + i];
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", k->len, k->s);
        bool narr = k->style != 0;
        pane_attr_on(v, stdscr, narr ? C_DIM : C_NORMAL, narr ? A_DIM : 0);
        put_clip(v, r.y + 1 + i, r.x + 1 + k->indent, w - k->indent, buf);
        pane_attr_off(v, stdscr, narr ? C_DIM : C_NORMAL, narr ? A_DIM : 0);
    }
    free(rows);
}

/* The lesson layout: the lesson pane and the output pane on the left
 * (what to read and what it did), the loop's state on the right. The
 * events pane gives way (the status line still counts events, and the
 * arrows still step through them); the decision pane shows only on a
 * terminal tall enough for it. */
static void layout_lesson(viz_t *v, int h, int w)
{
    int mh = h - 3;
    int lw = w * 52 / 100, rw = w - lw;
    int lesson_h = mh * 57 / 100;
    v->r_lesson = (rect_t){0, 0, lesson_h, lw};
    v->r[PANE_OUTPUT] = (rect_t){lesson_h, 0, mh - lesson_h, lw};
    int ready_h = 5, timers_h = mh >= 27 ? 6 : 5, dec_h = mh >= 27 ? 7 : 0;
    v->r[PANE_READY] = (rect_t){0, lw, ready_h, rw};
    v->r[PANE_TIMERS] = (rect_t){ready_h, lw, timers_h, rw};
    v->r[PANE_DECISION] = (rect_t){ready_h + timers_h, lw, dec_h, rw};
    v->r[PANE_TASKS] = (rect_t){ready_h + timers_h + dec_h, lw,
                                mh - ready_h - timers_h - dec_h, rw};
    v->r[PANE_EVENTS] = (rect_t){0, 0, 0, 0};
}

static void layout(viz_t *v, int h, int w)
{
    int bottom = v->repl ? 3 : 2;
    int mh = h - bottom;
    int lw = w * 58 / 100, rw = w - lw;
    int ready_h = 5, timers_h = 7, dec_h = 7;
    int left_rest = mh - ready_h;
    int tasks_h = left_rest / 2;
    v->r[PANE_READY] = (rect_t){0, 0, ready_h, lw};
    v->r[PANE_TASKS] = (rect_t){ready_h, 0, tasks_h, lw};
    v->r[PANE_EVENTS] = (rect_t){ready_h + tasks_h, 0, left_rest - tasks_h, lw};
    v->r[PANE_TIMERS] = (rect_t){0, lw, timers_h, rw};
    v->r[PANE_DECISION] = (rect_t){timers_h, lw, dec_h, rw};
    v->r[PANE_OUTPUT] = (rect_t){timers_h + dec_h, lw,
                                 mh - timers_h - dec_h, rw};
}

static void draw(viz_t *v)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    erase();
    if (h < MIN_H || w < MIN_W) {
        char buf[160];
        snprintf(buf, sizeof buf, "looplab needs at least %dx%d (this "
                 "terminal is %dx%d): please enlarge it, or press q", MIN_W,
                 MIN_H, w, h);
        mvaddnstr(h / 2, 0, buf, w);
        refresh();
        return;
    }
    if (v->lesson) {
        layout_lesson(v, h, w);
    } else {
        layout(v, h, w);
    }
    for (int i = 0; i < PANE_COUNT; i++) {
        // Lesson mode hides a pane by giving it no height.
        if (v->r[i].h > 0) {
            frame(v, v->r[i], pane_names[i],
                  !v->prompt_focus && v->focus == i);
        }
    }
    draw_ready(v);
    draw_timers(v);
    draw_tasks(v);
    if (v->r[PANE_DECISION].h > 0) {
        draw_decision(v);
    }
    if (v->r[PANE_EVENTS].h > 0) {
        draw_events(v);
    }
    if (v->lesson) {
        draw_lesson(v);
        draw_output_wrapped(v);
    } else {
        draw_output(v);
    }
    int by = h - (v->repl ? 3 : 2);
    // The narration of the current event.
    char nar[512] = "";
    size_t lo = timeline_first(&v->tl);
    if (v->pos > lo) {
        narrate_one(&v->prev, trace_line(v->trace, v->pos - 1), nar,
                    sizeof nar);
    } else if (lo > 0) {
        snprintf(nar, sizeof nar, "(events 1-%zu were dropped by "
                 "--trace-limit: history starts here)", lo);
    }
    pane_attr_on(v, stdscr, C_TITLE, A_BOLD);
    // Events narrate_one has no sentence for (out, exit, warn, log) show
    // as they are; only position 0 has no event.
    put_clip(v, by, 0, w, nar[0] ? nar
                          : v->pos ? trace_line(v->trace, v->pos - 1)
                                   : "(start: no events yet)");
    pane_attr_off(v, stdscr, C_TITLE, A_BOLD);
    char st[600];
    size_t n = timeline_len(&v->tl);
    const char *keys = v->prompt_focus ? "[prompt] Esc: panes" :
        v->repl ? "arrows step, n/N tick, p play, Tab pane, / search, "
                  "? help, Esc prompt, q quit"
                : "arrows step, n/N tick, p play, Tab pane, / search, "
                  "? help, q quit";
    const char *status = v->status;
    if (v->lesson) {
        // One thing at a time on a narrow line: a message, or the keys.
        keys = v->status[0] ? v->status :
               !v->prompt_focus ? "arrows step, Tab pane, ? help, Esc "
                                  "prompt, q leave" :
               lz_more(v) ? "Enter: read on (PgUp/PgDn scroll)" :
               v->lz_hint;
        status = "";
    }
    // The message before the key hints, which narrow terminals cut off.
    char kept[64] = "";
    if (lo > 0) {
        snprintf(kept, sizeof kept, " (kept from %zu)", lo + 1);
    }
    snprintf(st, sizeof st, "event %zu/%zu%s  tick %ld  %s%s%s%s", v->pos, n,
             kept, v->m.ticks, v->playing ? "playing " : "", status,
             status[0] ? "  " : "", keys);
    pane_attr_on(v, stdscr, C_DIM, A_DIM);
    put_clip(v, by + 1, 0, w, st);
    pane_attr_off(v, stdscr, C_DIM, A_DIM);
    if (v->repl) {
        // Lesson mode may ask something else than Python at the prompt.
        const char *prompt = v->prompt_text[0] ? v->prompt_text
                                               : repl_prompt(v->repl);
        char pl[1200];
        snprintf(pl, sizeof pl, "%s%s", prompt, v->rl_line);
        put_clip(v, h - 1, 0, w, pl);
        if (v->prompt_focus) {
            curs_set(1);
            move(h - 1, (int)strlen(prompt) + v->rl_point);
        } else {
            curs_set(0);
        }
    } else {
        curs_set(0);
    }
    refresh();
}

/* ==== Moving through the timeline ======================================= */

static void set_pos(viz_t *v, size_t pos)
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
        draw(v);
        napms(35);
    }
    v->anim_pane = -1;
    v->anim_frame = 0;
}

static void run_repl(viz_t *v, const char *line, bool follow);

static void step_forward(viz_t *v)
{
    size_t n = timeline_len(&v->tl);
    if (v->pos >= n) {
        if (!v->repl) {
            snprintf(v->status, sizeof v->status, "(end of trace)");
            return;
        }
        // Past the end of a live session: the loop runs one handle, and
        // the view moves on by one event into what it did.
        run_repl(v, ":step", false);
        n = timeline_len(&v->tl);
        if (v->pos >= n) {
            snprintf(v->status, sizeof v->status, "(the loop is idle)");
            return;
        }
    }
    set_pos(v, v->pos + 1);
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
            set_pos(v, (size_t)lo);
            return;
        }
        if (p > (long)n) {
            set_pos(v, n);
            return;
        }
        if (strncmp(trace_line(v->trace, (size_t)p - 1), "tick ", 5) == 0) {
            set_pos(v, (size_t)p);
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
            set_pos(v, k + 1);
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
    draw(v);
}

static void sync_view(viz_t *v)
{
    read_capture(v);
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
        set_pos(v, timeline_len(&v->tl));
    }
}

static void run_repl(viz_t *v, const char *line, bool follow)
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
    out_line(v, echo_line);
    run_repl(v, line, true);
    free(line);
    rl_callback_handler_remove();
    rl_callback_handler_install(repl_prompt(v->repl), on_rl_line);
}

/* Lets readline read the keys waiting in its pipe. A line handed to a
 * lesson (line_ready) stops it: the keys after it wait for the next
 * read. */
static void pump_readline(viz_t *v)
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
    pump_readline(v);
}

/* ==== Main loops ======================================================== */

static void init_colors(viz_t *v)
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
    init_colors(v);
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
        step_forward(v);
        break;
    case KEY_LEFT: case 'h':
        if (v->pos > 0) {
            set_pos(v, v->pos - 1);
        }
        break;
    case 'n':
        jump_tick(v, 1);
        break;
    case 'N':
        jump_tick(v, -1);
        break;
    case KEY_HOME: case 'g':
        set_pos(v, 0);
        break;
    case KEY_END: case 'G':
        set_pos(v, timeline_len(&v->tl));
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
static void play_tick(viz_t *v)
{
    if (v->playing) {
        if (v->pos >= timeline_len(&v->tl)) {
            v->playing = false;
        } else {
            step_forward(v);
        }
    }
}

/* Handles a key (the prompt's or the panes'); returns false to quit. */
static bool handle_key(viz_t *v, int ch)
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
            out_line(v, "KeyboardInterrupt");
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
        draw(v);
        timeout(v->playing ? v->speed_ms : -1);
        int ch = getch();
        if (ch == ERR) {
            play_tick(v);
            continue;
        }
        if (!handle_key(v, ch)) {
            break;
        }
    }
    return 0;
}

static void viz_init(viz_t *v, const viz_options_t *opts)
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

static void viz_free(viz_t *v)
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
}

/* Starts a live session in [v] (viz_init'ed) on the terminal: fds 1 and
 * 2 go to a file the output pane reads, ncurses draws on a copy of the
 * terminal, readline reads the keys we pass it. Returns 0, or an exit
 * status with a message on stderr (and the descriptors put back). */
static int live_start(viz_t *v)
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
    set_pos(v, timeline_len(&v->tl));
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

/* Ends what live_start started and restores the terminal and fds 1, 2. */
static void live_stop(viz_t *v)
{
    rl_callback_handler_remove();
    stop_screen(v);
    current = NULL;
    fclose(rl_instream);
    fclose(rl_outstream);
    close(v->rl_pipe[1]);
    rl_instream = NULL;
    rl_outstream = NULL;
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
    int status = live_start(&v);
    if (status) {
        return status;
    }
    out_line(&v, "looplab " LOOPLAB_VERSION ": type Python; Esc moves to the "
                 "panes; ? for keys; :help for commands");
    event_loop(&v);
    live_stop(&v);
    return 0;
}

/* ==== Lesson mode: the player's interface ============================== */

/* Lesson mode runs the same live session as viz_main_live, with the
 * lesson pane in the layout and the player in charge: it appends text,
 * types and runs statements, and calls viz_lesson_read when the learner
 * has the word. Each call draws before it returns, so the screen always
 * shows what the player did last. */

viz_t *viz_lesson_open(const viz_options_t *opts, const char *title,
                       bool autoplay, double speed)
{
    viz_t *v = malloc(sizeof *v);
    if (!v) {
        return NULL;
    }
    viz_init(v, opts);
    v->lesson = true;
    v->autoplay = autoplay;
    v->lz_top = -1;
    v->focus = PANE_LESSON;    // the events pane is not shown
    v->event_ms = (int)(70 / (speed > 0 ? speed : 1));
    snprintf(v->lz_title, sizeof v->lz_title, "%s", title);
    if (live_start(v) != 0) {
        viz_free(v);
        free(v);
        return NULL;
    }
    draw(v);
    return v;
}

void viz_lesson_close(viz_t *v)
{
    if (!v) {
        return;
    }
    live_stop(v);
    free(v);
}

bool viz_lesson_quit(const viz_t *v)
{
    return v->quit;
}

void viz_lesson_text(viz_t *v, viz_text_style_t style, const char *lead,
                     const char *text)
{
    bool blank = !text[0] && !(lead && lead[0]);
    // Blank lines separate blocks: never two in a row, none at the top.
    if (blank && (v->nlz == 0 || (!v->lz[v->nlz - 1].text[0] &&
                                  !v->lz[v->nlz - 1].lead[0]))) {
        return;
    }
    if (v->nlz == v->caplz) {
        v->caplz = v->caplz ? v->caplz * 2 : 64;
        v->lz = realloc(v->lz, v->caplz * sizeof *v->lz);
    }
    v->lz[v->nlz++] = (lz_block_t){style, strdup(lead ? lead : ""),
                                   strdup(text)};
    draw(v);
}

void viz_lesson_status(viz_t *v, const char *title, const char *hint)
{
    if (title) {
        snprintf(v->lz_title, sizeof v->lz_title, "%s", title);
    }
    if (hint) {
        snprintf(v->lz_hint, sizeof v->lz_hint, "%s", hint);
    }
    draw(v);
}

/* Scrolls the lesson pane so that the text added since the last read
 * shows from its start when it is taller than the pane (Enter then reads
 * on), or the last rows otherwise. */
static void lz_show_unread(viz_t *v)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    layout_lesson(v, h, w);
    size_t n, fu;
    row_t *rows = lz_rows(v, lz_width(v), &n, &fu);
    // A page starts with text, not with the blank line before it.
    if (fu + 1 < n && rows[fu].len == 0 &&
        (!rows[fu].lead || !rows[fu].lead[0])) {
        fu++;
    }
    free(rows);
    v->lz_top = (long)n - (long)fu > lz_height(v) ? (long)fu : -1;
}

/* Moves the lesson pane [by] rows (a page: its height less one). */
static void lz_scroll(viz_t *v, long by)
{
    size_t n, fu;
    row_t *rows = lz_rows(v, lz_width(v), &n, &fu);
    free(rows);
    long top = lz_first(v, n) + by;
    long last = (long)n - lz_height(v);
    if (top < 0) {
        top = 0;
    }
    v->lz_top = top >= last ? -1 : top;
}

static long lz_page(viz_t *v)
{
    return lz_height(v) > 2 ? lz_height(v) - 1 : 1;
}

/* Keys that only lesson mode has. Returns true when [ch] was one of them
 * (handled), false to let the live view handle it. */
static bool lesson_key(viz_t *v, int ch)
{
    bool empty = !rl_line_buffer || !rl_line_buffer[0];
    if (ch != 3) {
        v->ctrl_c = 0;
    }
    switch (ch) {
    case KEY_NPAGE:
        lz_scroll(v, lz_page(v));
        return true;
    case KEY_PPAGE:
        lz_scroll(v, -lz_page(v));
        return true;
    case '\r': case '\n': case KEY_ENTER:
        // Enter reads on while the lesson pane has more to show.
        if (v->prompt_focus && empty && lz_more(v)) {
            lz_scroll(v, lz_page(v));
            return true;
        }
        return false;
    case 3:
        if (!empty && v->prompt_focus) {
            return false;    // discards the line, as in the live view
        }
        if (++v->ctrl_c >= 2) {
            v->quit = true;
        } else {
            snprintf(v->status, sizeof v->status, "(Ctrl-C again leaves "
                     "the lesson; your progress is kept)");
        }
        return true;
    case '\t':
        if (v->prompt_focus) {
            return false;    // completion
        }
        // The lesson pane, then the shown panes, in turn.
        do {
            v->focus = v->focus == PANE_LESSON ? 0 : v->focus + 1;
        } while (v->focus != PANE_LESSON && v->r[v->focus].h == 0);
        return true;
    case KEY_UP: case KEY_DOWN:
        if (v->prompt_focus || v->focus != PANE_LESSON) {
            return false;
        }
        lz_scroll(v, ch == KEY_UP ? -1 : 1);
        return true;
    default:
        return false;
    }
}

int viz_lesson_read(viz_t *v, const char *prompt, char **line)
{
    *line = NULL;
    snprintf(v->prompt_text, sizeof v->prompt_text, "%s", prompt ? prompt
                                                                  : "");
    v->line_ready = false;
    v->prompt_focus = true;
    v->ctrl_c = 0;
    lz_show_unread(v);
    // Keys typed ahead reach readline first.
    pump_readline(v);
    while (!v->quit && !v->line_ready) {
        draw(v);
        timeout(v->playing ? v->speed_ms : -1);
        int ch = getch();
        if (ch == ERR) {
            play_tick(v);
            continue;
        }
        if (lesson_key(v, ch)) {
            continue;
        }
        if (!handle_key(v, ch)) {
            v->quit = true;
        }
    }
    v->prompt_text[0] = 0;
    v->lz_seen = v->nlz;
    if (!v->line_ready) {
        return VIZ_READ_QUIT;
    }
    v->line_ready = false;
    *line = v->line_in;
    v->line_in = NULL;
    v->status[0] = 0;
    draw(v);
    return VIZ_READ_LINE;
}

/* Waits up to [ms] for a key: in autoplay q and Ctrl-C leave (the others
 * are ignored); otherwise a key is put back for the next read and cuts
 * the wait short. Returns false when the wait was cut short. */
static bool key_wait(viz_t *v, int ms)
{
    timeout(ms > 0 ? ms : 0);
    int ch = getch();
    if (ch == ERR || ch == KEY_RESIZE) {
        return true;
    }
    if (v->autoplay) {
        if (ch == 'q' || ch == 3) {
            v->quit = true;
            return false;
        }
        return true;
    }
    ungetch(ch);
    return false;
}

bool viz_lesson_wait(viz_t *v, int ms)
{
    lz_show_unread(v);
    // Long text scrolls by, a page at a time, within the wait.
    int pages = 1;
    if (v->lz_top >= 0) {
        size_t n, fu;
        row_t *rows = lz_rows(v, lz_width(v), &n, &fu);
        free(rows);
        pages = (int)(((long)n - v->lz_top + lz_page(v) - 1) / lz_page(v));
        pages = pages < 1 ? 1 : pages;
    }
    for (int p = 0; p < pages && !v->quit; p++) {
        if (p > 0) {
            lz_scroll(v, lz_page(v));
        }
        draw(v);
        long until = ms / pages;
        while (until > 0 && !v->quit) {
            int slice = until > 100 ? 100 : (int)until;
            if (!key_wait(v, slice) && !v->autoplay) {
                break;
            }
            until -= slice;
        }
    }
    v->lz_seen = v->nlz;
    return !v->quit;
}

bool viz_lesson_type(viz_t *v, const char *prompt, const char *line, int ms)
{
    snprintf(v->prompt_text, sizeof v->prompt_text, "%s", prompt);
    v->prompt_focus = true;
    size_t len = strlen(line), i = 0;
    while (i < len && ms > 0 && !v->quit) {
        // One UTF-8 character at a time, never half of one.
        i++;
        while (i < len && ((unsigned char)line[i] & 0xc0) == 0x80) {
            i++;
        }
        snprintf(v->rl_line, sizeof v->rl_line, "%.*s", (int)i, line);
        v->rl_point = (int)strlen(v->rl_line);
        draw(v);
        if (!key_wait(v, ms)) {
            ms = 0;    // the learner types ahead: the rest at once
        }
    }
    snprintf(v->rl_line, sizeof v->rl_line, "%s", line);
    v->rl_point = (int)strlen(v->rl_line);
    draw(v);
    return !v->quit;
}

void viz_lesson_echo(viz_t *v, const char *prompt, const char *line)
{
    char echo_line[1200];
    snprintf(echo_line, sizeof echo_line, "%s%s", prompt, line);
    out_line(v, echo_line);
    v->rl_line[0] = 0;
    v->rl_point = 0;
    v->prompt_text[0] = 0;
    v->scroll[PANE_OUTPUT] = 0;
    draw(v);
}

void viz_lesson_note(viz_t *v, const char *text)
{
    out_line(v, text);
    v->scroll[PANE_OUTPUT] = 0;
    draw(v);
}

/* After a statement: the panes step through the events it added, one
 * at a time, as 'p' would play them (a key skips to the end). */
static void replay_new_events(viz_t *v, size_t from)
{
    size_t n = timeline_len(&v->tl);
    if (!v->opts.anim || v->event_ms <= 0 || from >= n || n - from > 80) {
        set_pos(v, n);
        return;
    }
    set_pos(v, from);
    while (v->pos < n && !v->quit) {
        step_forward(v);
        draw(v);
        if (!key_wait(v, v->event_ms) && !v->autoplay) {
            break;
        }
    }
    set_pos(v, n);
}

char *viz_lesson_run(viz_t *v, const char *line, bool echo)
{
    if (echo) {
        viz_lesson_echo(v, repl_prompt(v->repl), line);
    }
    v->rl_line[0] = 0;
    v->rl_point = 0;
    v->prompt_text[0] = 0;
    hist_add(&v->hist, line);
    size_t from = timeline_len(&v->tl);
    const trace_t *before = v->trace;
    read_capture(v);
    size_t off = v->nprinted;
    run_repl(v, line, true);
    replay_new_events(v, v->trace == before ? from : 0);
    draw(v);
    return strdup(v->printed ? v->printed + off : "");
}

const char *viz_lesson_prompt(const viz_t *v)
{
    return repl_prompt(v->repl);
}

/* Points the timeline at the current REPL's trace, at its end. */
static void retrace(viz_t *v)
{
    timeline_free(&v->tl);
    v->trace = (trace_t *)repl_trace(v->repl);
    timeline_init(&v->tl, v->trace);
    set_pos(v, timeline_len(&v->tl));
    memset(v->scroll, 0, sizeof v->scroll);
}

/* A new REPL like the first (asyncio mode, narration). */
static repl_t *new_repl(viz_t *v)
{
    repl_options_t ro = {v->opts.quiet, v->opts.script_mode,
                         v->opts.realtime, v->lesson, v->opts.trace_limit};
    return repl_new(&ro);
}

int viz_lesson_push_session(viz_t *v)
{
    repl_t *r = new_repl(v);
    if (!r || v->aside_repl) {
        if (r) {
            repl_free(r);
        }
        return -1;
    }
    read_capture(v);
    v->aside_repl = v->repl;
    v->aside_out = v->out;
    v->aside_nout = v->nout;
    v->aside_capout = v->capout;
    v->aside_printed = v->printed;
    v->aside_nprinted = v->nprinted;
    v->out = NULL;
    v->nout = v->capout = 0;
    v->printed = NULL;
    v->nprinted = 0;
    v->partial[0] = 0;
    v->repl = r;
    current = v;
    retrace(v);
    draw(v);
    return 0;
}

void viz_lesson_pop_session(viz_t *v)
{
    if (!v->aside_repl) {
        return;
    }
    read_capture(v);
    repl_free(v->repl);
    for (size_t i = 0; i < v->nout; i++) {
        free(v->out[i]);
    }
    free(v->out);
    free(v->printed);
    v->repl = v->aside_repl;
    v->out = v->aside_out;
    v->nout = v->aside_nout;
    v->capout = v->aside_capout;
    v->printed = v->aside_printed;
    v->nprinted = v->aside_nprinted;
    v->aside_printed = NULL;
    v->aside_nprinted = 0;
    v->partial[0] = 0;
    v->aside_repl = NULL;
    v->aside_out = NULL;
    v->aside_nout = v->aside_capout = 0;
    retrace(v);
    draw(v);
}

int viz_lesson_reset_session(viz_t *v)
{
    repl_t *r = new_repl(v);
    if (!r) {
        return -1;
    }
    read_capture(v);
    repl_free(v->repl);
    v->repl = r;
    free(v->printed);
    v->printed = NULL;
    v->nprinted = 0;
    retrace(v);
    draw(v);
    return 0;
}

const char *viz_lesson_printed(const viz_t *v)
{
    return v->printed ? v->printed : "";
}

size_t viz_lesson_trace_count(const viz_t *v)
{
    return trace_count(v->trace);
}

const char *viz_lesson_trace_line(const viz_t *v, size_t i)
{
    return trace_line(v->trace, i);
}

bool viz_lesson_ready_empty(const viz_t *v)
{
    model_t m;
    model_init(&m);
    timeline_state(&v->tl, timeline_len(&v->tl), &m);
    bool empty = m.nready == 0;
    model_free(&m);
    return empty;
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
    set_pos(&v, 0);
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
