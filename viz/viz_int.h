/*
 * viz_int.h - internals shared by the files of the view (viz/): the view's
 * state (viz_t), the panes' geometry and colours, and the functions one
 * file of the view calls in another. Nothing outside viz/ includes it;
 * viz.h is the view's public face.
 *
 *   viz.c         signals, output capture, moving through the timeline,
 *                 the readline prompt, the main loops, trace files
 *   viz_draw.c    drawing: the panes, the lesson layout, a frame
 *   viz_lesson.c  lesson mode: the player's interface (viz_lesson_*)
 */
#ifndef LOOPLAB_VIZ_VIZ_INT_H
#define LOOPLAB_VIZ_VIZ_INT_H

#include "viz.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <curses.h>

#include "history.h"
#include "model.h"
#include "repl.h"
#include "timeline.h"
#include "trace.h"

enum { PANE_READY, PANE_TIMERS, PANE_TASKS, PANE_DECISION, PANE_EVENTS,
       PANE_OUTPUT, PANE_COUNT };

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
    size_t out_dropped;    /* output lines dropped (VIZ_OUT_MAX) */
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
    int tty_fd;            /* the terminal (fd 1 before viz_live_start) */
    int saved_err;         /* fd 2 before viz_live_start */
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
    /* The program view's output: the positions of the "out" events in
     * [out_lo, out_scanned) of [out_trace], in order (viz_draw.c keeps
     * it up to date; a cache, so that a frame never reads the whole
     * trace). */
    size_t *out_at;
    size_t nout_at, capout_at;
    size_t out_lo, out_scanned;
    const trace_t *out_trace;
} viz_t;

/* ==== viz.c ============================================================= */

/* Appends a copy of [s] to the output pane's lines. */
void viz_out_line(viz_t *v, const char *s);
/* Reads what the REPL wrote to fds 1 and 2 since the last call. */
void viz_read_capture(viz_t *v);
/* Shows the state after [pos] events (clamped to the kept events). */
void viz_set_pos(viz_t *v, size_t pos);
/* One event on (past the end of a live session: the loop runs one
 * handle), with the animation of what it changed. */
void viz_step_forward(viz_t *v);
/* Runs [line] in the REPL and moves the view to what it did; [follow]:
 * the position follows the end of the trace afterwards. */
void viz_run_repl(viz_t *v, const char *line, bool follow);
/* Lets readline read the keys waiting in its pipe. */
void viz_pump_readline(viz_t *v);
/* A tick of playing ('p'): the next event, or the end of playing. */
void viz_play_tick(viz_t *v);
/* Handles a key (the prompt's or the panes'); returns false to quit. */
bool viz_handle_key(viz_t *v, int ch);
/* Sets up [v] from [opts] (no session, no screen), and frees what it
 * holds (not [v] itself). */
void viz_init(viz_t *v, const viz_options_t *opts);
void viz_free(viz_t *v);
/* Starts a live session in [v] on the terminal; returns 0 or an exit
 * status. viz_live_stop ends it and viz_free's [v]. */
int viz_live_start(viz_t *v);
void viz_live_stop(viz_t *v);
/* Makes [v] the view readline's and the signal callbacks reach. */
void viz_set_current(viz_t *v);
/* Sets up the colour pairs of the current screen, unless it has none or
 * NO_COLOR is set (then [v] draws without colour). */
void viz_init_colors(viz_t *v);

/* ==== viz_draw.c ======================================================== */

/* Draws the whole screen from [v] and refreshes it. */
void viz_draw(viz_t *v);
/* Places the panes of lesson mode on an [h] x [w] screen. */
void viz_layout_lesson(viz_t *v, int h, int w);
/* The lesson pane's rows at text width [w] (new: the caller frees);
 * [*first_unread] is the row of block lz_seen. */
row_t *viz_lz_rows(viz_t *v, int w, size_t *n, size_t *first_unread);
/* Rows and columns of text the lesson pane holds. */
int viz_lz_height(viz_t *v);
int viz_lz_width(viz_t *v);
/* The first row of the lesson pane shown, given [n] rows. */
long viz_lz_first(viz_t *v, size_t n);
/* Is there text below the lesson pane's last row? */
bool viz_lz_more(viz_t *v);

#endif
