/*
 * viz_lesson.c - lesson mode: the interface the lesson player
 * (lessons/lesson_view.c) drives the view through (viz_lesson_* in
 * viz.h), the lesson pane's scrolling and lesson mode's own keys.
 *
 * The player owns the control flow: the view's key loop runs only inside
 * viz_lesson_read, _type and _wait (viz.c's overview says more).
 */
#include "viz_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <readline/readline.h>

#include "history.h"
#include "model.h"
#include "repl.h"
#include "timeline.h"
#include "trace.h"

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
    if (viz_live_start(v) != 0) {
        viz_free(v);
        free(v);
        return NULL;
    }
    viz_draw(v);
    return v;
}

void viz_lesson_close(viz_t *v)
{
    if (!v) {
        return;
    }
    viz_live_stop(v);
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
    viz_draw(v);
}

void viz_lesson_status(viz_t *v, const char *title, const char *hint)
{
    if (title) {
        snprintf(v->lz_title, sizeof v->lz_title, "%s", title);
    }
    if (hint) {
        snprintf(v->lz_hint, sizeof v->lz_hint, "%s", hint);
    }
    viz_draw(v);
}

/* Scrolls the lesson pane so that the text added since the last read
 * shows from its start when it is taller than the pane (Enter then reads
 * on), or the last rows otherwise. */
static void lz_show_unread(viz_t *v)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    viz_layout_lesson(v, h, w);
    size_t n, fu;
    row_t *rows = viz_lz_rows(v, viz_lz_width(v), &n, &fu);
    // A page starts with text, not with the blank line before it.
    if (fu + 1 < n && rows[fu].len == 0 &&
        (!rows[fu].lead || !rows[fu].lead[0])) {
        fu++;
    }
    free(rows);
    v->lz_top = (long)n - (long)fu > viz_lz_height(v) ? (long)fu : -1;
}

/* Moves the lesson pane [by] rows (a page: its height less one). */
static void lz_scroll(viz_t *v, long by)
{
    size_t n, fu;
    row_t *rows = viz_lz_rows(v, viz_lz_width(v), &n, &fu);
    free(rows);
    long top = viz_lz_first(v, n) + by;
    long last = (long)n - viz_lz_height(v);
    if (top < 0) {
        top = 0;
    }
    v->lz_top = top >= last ? -1 : top;
}

static long lz_page(viz_t *v)
{
    return viz_lz_height(v) > 2 ? viz_lz_height(v) - 1 : 1;
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
        if (v->prompt_focus && empty && viz_lz_more(v)) {
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
    viz_pump_readline(v);
    while (!v->quit && !v->line_ready) {
        viz_draw(v);
        timeout(v->playing ? v->speed_ms : -1);
        int ch = getch();
        if (ch == ERR) {
            viz_play_tick(v);
            continue;
        }
        if (lesson_key(v, ch)) {
            continue;
        }
        if (!viz_handle_key(v, ch)) {
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
    viz_draw(v);
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
        row_t *rows = viz_lz_rows(v, viz_lz_width(v), &n, &fu);
        free(rows);
        pages = (int)(((long)n - v->lz_top + lz_page(v) - 1) / lz_page(v));
        pages = pages < 1 ? 1 : pages;
    }
    for (int p = 0; p < pages && !v->quit; p++) {
        if (p > 0) {
            lz_scroll(v, lz_page(v));
        }
        viz_draw(v);
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
        viz_draw(v);
        if (!key_wait(v, ms)) {
            ms = 0;    // the learner types ahead: the rest at once
        }
    }
    snprintf(v->rl_line, sizeof v->rl_line, "%s", line);
    v->rl_point = (int)strlen(v->rl_line);
    viz_draw(v);
    return !v->quit;
}

void viz_lesson_echo(viz_t *v, const char *prompt, const char *line)
{
    char echo_line[1200];
    snprintf(echo_line, sizeof echo_line, "%s%s", prompt, line);
    viz_out_line(v, echo_line);
    v->rl_line[0] = 0;
    v->rl_point = 0;
    v->prompt_text[0] = 0;
    v->scroll[PANE_OUTPUT] = 0;
    viz_draw(v);
}

void viz_lesson_note(viz_t *v, const char *text)
{
    viz_out_line(v, text);
    v->scroll[PANE_OUTPUT] = 0;
    viz_draw(v);
}

/* After a statement: the panes step through the events it added, one
 * at a time, as 'p' would play them (a key skips to the end). */
static void replay_new_events(viz_t *v, size_t from)
{
    size_t n = timeline_len(&v->tl);
    if (!v->opts.anim || v->event_ms <= 0 || from >= n || n - from > 80) {
        viz_set_pos(v, n);
        return;
    }
    viz_set_pos(v, from);
    while (v->pos < n && !v->quit) {
        viz_step_forward(v);
        viz_draw(v);
        if (!key_wait(v, v->event_ms) && !v->autoplay) {
            break;
        }
    }
    viz_set_pos(v, n);
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
    viz_read_capture(v);
    size_t off = v->nprinted;
    viz_run_repl(v, line, true);
    replay_new_events(v, v->trace == before ? from : 0);
    viz_draw(v);
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
    viz_set_pos(v, timeline_len(&v->tl));
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
    viz_read_capture(v);
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
    viz_set_current(v);
    retrace(v);
    viz_draw(v);
    return 0;
}

void viz_lesson_pop_session(viz_t *v)
{
    if (!v->aside_repl) {
        return;
    }
    viz_read_capture(v);
    // Stop watching the trace before the REPL that owns it frees it.
    timeline_free(&v->tl);
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
    viz_draw(v);
}

int viz_lesson_reset_session(viz_t *v)
{
    repl_t *r = new_repl(v);
    if (!r) {
        return -1;
    }
    viz_read_capture(v);
    timeline_free(&v->tl);     // as in pop: before the trace goes
    repl_free(v->repl);
    v->repl = r;
    free(v->printed);
    v->printed = NULL;
    v->nprinted = 0;
    retrace(v);
    viz_draw(v);
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

