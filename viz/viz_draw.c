/*
 * viz_draw.c - everything the view draws: the drawing helpers, the
 * panes (ready queue, timers, tasks, decision, events, output), lesson
 * mode's layout and panes, and a whole frame (viz_draw).
 *
 * Drawing only reads the view (the model at the current position, the
 * output lines, the lesson text) and writes to stdscr; it changes no
 * state but the panes' scroll clamps and rectangles, and the index of
 * the program view's output events (a cache over the trace). A frame is erased
 * and drawn whole, then refreshed: ncurses sends only what changed.
 */
#include "viz_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "narrate.h"
#include "repl.h"
#include "timeline.h"
#include "trace.h"

#define MIN_W 80
#define MIN_H 24

static const char *const pane_names[PANE_COUNT] = {
    "Ready queue", "Timers", "Tasks", "Decision", "Events", "Output"};

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
    // Printable ASCII, most of a frame's text, goes in as cells with the
    // window's attributes (what addnstr gives each byte), without
    // addnstr's decoding of every byte as a multibyte character: that
    // was a fifth of a frame. The cursor ends after it, as addnstr's.
    chtype cells[256];
    int n = 0;
    while (n < w && n < (int)(sizeof cells / sizeof cells[0]) &&
           (unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7f) {
        n++;
    }
    if (n == w || s[n] == '\0') {
        chtype a = (chtype)getattrs(stdscr);
        for (int i = 0; i < n; i++) {
            cells[i] = (chtype)(unsigned char)s[i] | a;
        }
        mvaddchnstr(y, x, cells, n);
        move(y, x + n);
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
    int pair = focused ? C_FOCUS : C_TITLE;
    pane_attr_on(v, stdscr, pair, focused ? A_BOLD : 0);
    // Each side in one call: drawn a cell at a time with addstr, the
    // borders took a third of a frame (decoding UTF-8 for every cell).
    // The cells are the same: the window's attributes apply to lines as
    // to strings.
    if (v->utf8) {
        cchar_t h, vv, c[4];
        static const wchar_t corner[4] = {0x250c, 0x2510, 0x2514, 0x2518};
        setcchar(&h, (const wchar_t[]){0x2500, 0}, 0, 0, NULL);
        setcchar(&vv, (const wchar_t[]){0x2502, 0}, 0, 0, NULL);
        for (int i = 0; i < 4; i++) {
            setcchar(&c[i], (const wchar_t[]){corner[i], 0}, 0, 0, NULL);
        }
        mvadd_wch(r.y, r.x, &c[0]);
        mvhline_set(r.y, r.x + 1, &h, r.w - 2);
        mvhline_set(r.y + r.h - 1, r.x + 1, &h, r.w - 2);
        mvadd_wch(r.y, r.x + r.w - 1, &c[1]);
        mvadd_wch(r.y + r.h - 1, r.x, &c[2]);
        mvadd_wch(r.y + r.h - 1, r.x + r.w - 1, &c[3]);
        mvvline_set(r.y + 1, r.x, &vv, r.h - 2);
        mvvline_set(r.y + 1, r.x + r.w - 1, &vv, r.h - 2);
    } else {
        mvaddch(r.y, r.x, '+');
        mvhline(r.y, r.x + 1, '-', r.w - 2);
        mvhline(r.y + r.h - 1, r.x + 1, '-', r.w - 2);
        mvaddch(r.y, r.x + r.w - 1, '+');
        mvaddch(r.y + r.h - 1, r.x, '+');
        mvaddch(r.y + r.h - 1, r.x + r.w - 1, '+');
        mvvline(r.y + 1, r.x, '|', r.h - 2);
        mvvline(r.y + 1, r.x + r.w - 1, '|', r.h - 2);
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
        const model_handle_t *h = model_ready_at(m, i);
        snprintf(buf, sizeof buf, "[%s%s]", h->cancelled ? "x " : "", h->cb);
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
        int pair = h->cancelled ? C_CANCELLED : C_PENDING;
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
    const model_handle_t *soonest[64];
    size_t shown = model_timers_sorted(m, soonest,
                                       rows < 64 ? (size_t)rows : 64);
    for (int i = 0; (size_t)i < shown; i++) {
        const model_handle_t *h = soonest[i];
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

static bool task_shown(viz_t *v, const model_task_t *t)
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
    // With no filter every task is shown: no pass over 100,000 tasks per
    // frame to count them, and the rows start at the scroll position.
    size_t shown = m->ntasks;
    if (v->task_filter != 0) {
        shown = 0;
        for (size_t i = 0; i < m->ntasks; i++) {
            shown += task_shown(v, model_task_at(m, i));
        }
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
    size_t first = v->task_filter == 0 ? (size_t)skip : 0;
    k = (int)first;
    for (size_t i = first; i < m->ntasks && y < r.y + r.h - 1; i++) {
        const model_task_t *t = model_task_at(m, i);
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

/* Brings the index of the program view's "out" events (v->out_at) up
 * to the end of the timeline: only the events added since the last call
 * are read. It starts over when the trace, or its first kept event, is
 * not the one it was built for. */
static void index_out_events(viz_t *v)
{
    size_t lo = timeline_first(&v->tl), n = timeline_len(&v->tl);
    if (v->out_trace != v->trace || v->out_lo != lo ||
        v->out_scanned < lo || v->out_scanned > n) {
        v->out_trace = v->trace;
        v->out_lo = lo;
        v->out_scanned = lo;
        v->nout_at = 0;
    }
    for (size_t i = v->out_scanned; i < n; i++) {
        if (!trace_starts_with(v->trace, i, "out ")) {
            continue;
        }
        if (v->nout_at == v->capout_at) {
            v->capout_at = v->capout_at ? v->capout_at * 2 : 64;
            v->out_at = realloc(v->out_at, v->capout_at * sizeof *v->out_at);
        }
        v->out_at[v->nout_at++] = i;
    }
    v->out_scanned = n;
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
    // The index finds the last [rows] of them without reading the
    // events before (a frame must not cost O(events)).
    index_out_events(v);
    size_t count = 0, hi = v->nout_at;
    while (count < hi) {
        // Binary search: out_at[0, count) < pos <= out_at[hi, ...).
        size_t mid = count + (hi - count) / 2;
        if (v->out_at[mid] < v->pos) {
            count = mid + 1;
        } else {
            hi = mid;
        }
    }
    long skip = (long)count - rows;
    int y = r.y + 1;
    for (size_t k = skip > 0 ? (size_t)skip : 0;
         k < count && y < r.y + r.h - 1; k++) {
        put_clip(v, y++, r.x + 1, r.w - 2,
                 trace_line(v->trace, v->out_at[k]) + 4);
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
row_t *viz_lz_rows(viz_t *v, int w, size_t *n, size_t *first_unread)
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
int viz_lz_height(viz_t *v)
{
    return v->r_lesson.h - 2;
}

/* Columns of text a row holds: a space either side inside the frame. */
int viz_lz_width(viz_t *v)
{
    return v->r_lesson.w - 4;
}

/* The first row shown, given [n] rows. */
long viz_lz_first(viz_t *v, size_t n)
{
    long rows = viz_lz_height(v);
    long last = (long)n - rows > 0 ? (long)n - rows : 0;
    if (v->lz_top < 0 || v->lz_top > last) {
        return last;
    }
    return v->lz_top;
}

/* Is there text below the pane's last row? */
bool viz_lz_more(viz_t *v)
{
    if (v->lz_top < 0 || v->r_lesson.h < 3) {
        return false;
    }
    size_t n, fu;
    row_t *rows = viz_lz_rows(v, viz_lz_width(v), &n, &fu);
    free(rows);
    return viz_lz_first(v, n) + viz_lz_height(v) < (long)n;
}

static void draw_lesson(viz_t *v)
{
    rect_t r = v->r_lesson;
    bool more = viz_lz_more(v);
    frame(v, r, v->lz_title[0] ? v->lz_title : "Lesson",
          !v->prompt_focus && v->focus == PANE_LESSON);
    size_t n, fu;
    row_t *rows = viz_lz_rows(v, viz_lz_width(v), &n, &fu);
    long first = viz_lz_first(v, n);
    for (int i = 0; i < viz_lz_height(v) && first + i < (long)n; i++) {
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
void viz_layout_lesson(viz_t *v, int h, int w)
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

void viz_draw(viz_t *v)
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
        viz_layout_lesson(v, h, w);
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
    char st[768];
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
               viz_lz_more(v) ? "Enter: read on (PgUp/PgDn scroll)" :
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

