/*
 * viz.h - the full-screen view: the loop's state as panes (ready queue,
 * timers, tasks, the last create_task/ensure_future decision, events,
 * output), stepped forwards and backwards over the trace; live, over a
 * program's trace, or with a lesson beside the panes.
 */
#ifndef LOOPLAB_VIZ_VIZ_H
#define LOOPLAB_VIZ_VIZ_H

#include <stdbool.h>
#include <stddef.h>

typedef struct viz_options {
    bool anim;             /* animate transitions (--no-anim turns off) */
    bool quiet;            /* no narration in the output pane */
    bool script_mode;      /* the REPL starts in script mode */
    bool realtime;
    size_t trace_limit;    /* --trace-limit (0: keep every event) */
} viz_options_t;

/* The live view: the REPL's prompt in the bottom pane over a held loop. */
int viz_main_live(const viz_options_t *opts);
/* Runs [path] (in a child process, so a crash or deadlock of the program
 * cannot take the view down) and opens the view over its trace. */
int viz_main_file(const char *path, const viz_options_t *opts);

/* ==== Lessons in the view ==============================================
 *
 * The live view with a lesson pane beside the loop's panes, driven by a
 * lesson player (lessons/lesson_view.c): the player adds text to the
 * lesson pane, types statements at the prompt and runs them in the live
 * session (the panes follow, replaying the new events), and hands the
 * prompt to the learner with viz_lesson_read. The view knows nothing of
 * lesson files. */

typedef struct viz viz_t;

/* How a block of the lesson pane looks. */
typedef enum viz_text_style {
    VIZ_TEXT_PROSE,        /* a paragraph, wrapped to the pane */
    VIZ_TEXT_HEADING,      /* a heading */
    VIZ_TEXT_CODE,         /* a verbatim line (clipped, not wrapped) */
    VIZ_TEXT_NOTE,         /* the player's own remarks */
    VIZ_TEXT_ASK,          /* a question to the learner */
    VIZ_TEXT_GOOD,         /* a right answer, a passing check */
    VIZ_TEXT_BAD,          /* a wrong answer, a failing check */
} viz_text_style_t;

enum { VIZ_READ_LINE, VIZ_READ_QUIT };

/* Opens the view on the terminal (stdout) for a lesson titled [title],
 * with a fresh live session (as viz_main_live's, from [opts]). With
 * [autoplay] no input is read: only q and Ctrl-C count (they leave);
 * [speed] divides the pace at which new events replay. Returns the view,
 * or NULL with a message on stderr (the terminal is then untouched). */
viz_t *viz_lesson_open(const viz_options_t *opts, const char *title,
                       bool autoplay, double speed);
/* Closes [v] (NULL is allowed) and restores the terminal. */
void viz_lesson_close(viz_t *v);
/* True once the learner has asked to leave (q, Ctrl-C twice, Ctrl-D). */
bool viz_lesson_quit(const viz_t *v);

/* Appends a block to the lesson pane: [text] in [style], its first row
 * starting with [lead] (a list marker, or "" / NULL) and the others
 * indented to match. An empty [text] is a blank line (never two in a
 * row). Both strings are copied. */
void viz_lesson_text(viz_t *v, viz_text_style_t style, const char *lead,
                     const char *text);
/* Sets the lesson pane's [title] and the status line's [hint] ("Enter:
 * step 3/12"); NULL keeps one as it is. */
void viz_lesson_status(viz_t *v, const char *title, const char *hint);

/* Gives the prompt to the learner until they enter a line: the panes,
 * the keys and the REPL's prompt work as in the live view, but the line
 * is not run: it is returned in [*line] (new) with VIZ_READ_LINE, for
 * the player to decide (viz_lesson_run runs it). The prompt shows
 * [prompt], or the session's (">>> ", "... ") when NULL. Text added to the
 * lesson pane since the last read is scrolled into view from its start;
 * while more of it is below, Enter at an empty prompt reads on. Returns
 * VIZ_READ_QUIT when the learner leaves. */
int viz_lesson_read(viz_t *v, const char *prompt, char **line);
/* Waits [ms] milliseconds (autoplay's pauses), scrolling through the
 * newly added lesson text. A key ends the wait early unless autoplay.
 * Returns false when the learner left. */
bool viz_lesson_wait(viz_t *v, int ms);
/* Types [line] after [prompt] at the prompt, a character every [ms]
 * milliseconds (0: at once; a key typed meanwhile finishes it at once and
 * waits for the next read). Nothing runs. Returns false when the
 * learner left. */
bool viz_lesson_type(viz_t *v, const char *prompt, const char *line, int ms);
/* Shows [prompt][line] in the output pane as entered, without running
 * it, and clears the prompt. */
void viz_lesson_echo(viz_t *v, const char *prompt, const char *line);
/* Adds a line of the player's to the output pane ("(a fresh session)"). */
void viz_lesson_note(viz_t *v, const char *text);
/* Runs [line] in the session (first echoed after the prompt, when
 * [echo]) and moves the panes through what it did. Returns what it
 * printed (output and narration, no echo), new. */
char *viz_lesson_run(viz_t *v, const char *line, bool echo);
/* The session's prompt for the next line: ">>> " or "... ". */
const char *viz_lesson_prompt(const viz_t *v);

/* Sets the session aside and starts a fresh one (an exercise's), shown in
 * the panes and the output pane; pop goes back to the one set aside (one
 * level). Reset replaces the current session with a fresh one. Push and
 * reset return 0, or -1 when no session could start. */
int viz_lesson_push_session(viz_t *v);
void viz_lesson_pop_session(viz_t *v);
int viz_lesson_reset_session(viz_t *v);

/* What the current session did, for checks: all it printed (output and
 * narration, however it ran: a statement, or a step from the panes), its
 * trace events (TRACE.md lines) and whether its ready queue is empty.
 * Strings are borrowed until the next run; a trace line only until the
 * next trace line is read (trace_line). */
const char *viz_lesson_printed(const viz_t *v);
size_t viz_lesson_trace_count(const viz_t *v);
const char *viz_lesson_trace_line(const viz_t *v, size_t i);
bool viz_lesson_ready_empty(const viz_t *v);

/* ==== Benchmark support ================================================
 *
 * For bench/llbench (bench/README.md, "drawing a frame"); looplab itself
 * never calls it. */

typedef struct trace trace_t;

typedef struct viz_bench_stats {
    int width, height;     /* the screen drawn, as ncurses reports it */
    int frames;
    bool utf8;             /* frames drawn with UTF-8 box characters */
    double first_ms;       /* the first frame (a blank screen painted
                            * whole, the output index built), apart */
    double draw_median_ms; /* drawing a frame, refresh included: */
    double draw_max_ms;    /* wall clock time, the least of its tries */
    double cpu_median_ms;  /* the same in CPU time, which a loaded */
    double cpu_max_ms;     /* machine inflates less */
    double cpu_once_median_ms; /* CPU time of each frame's first try */
    double cpu_once_max_ms;
    double pos_median_ms;  /* moving to the frame's position (the */
    double pos_max_ms;     /* timeline's jump), not part of drawing */
} viz_bench_stats_t;

/* Times each frame is drawn (after the frame before it, each time). */
#define VIZ_BENCH_TRIES 3

/* Opens the program view of [trace] (borrowed; as `looplab viz` shows
 * a program's trace) on a [width] x [height] ncurses screen that writes
 * to /dev/null, draws its first frame, then [frames] frames at positions
 * spread evenly over the trace: each moves there, then draws the whole
 * screen and refreshes it, VIZ_BENCH_TRIES times from the frame before
 * (a frame's time is the least of its tries; the first tries' CPU times
 * are reported apart). Fills [*st] and returns the median
 * milliseconds of drawing one of those frames, or -1 with a message on
 * stderr when the screen could not be opened at that size. Sets the
 * locale (LC_ALL from the environment) as the view does. */
double viz_bench_draw(trace_t *trace, int width, int height, int frames,
                      viz_bench_stats_t *st);

#endif
