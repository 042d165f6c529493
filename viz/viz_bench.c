/*
 * viz_bench.c - benchmark support: draws the program view of a trace on
 * an off-screen terminal and times its frames (viz_bench_draw, used by
 * bench/llbench's `draw`; looplab itself never calls it).
 *
 * The screen is a real ncurses SCREEN whose output goes to /dev/null, so
 * a frame costs what it costs on a terminal (erase, the panes, refresh:
 * ncurses' diff against the previous frame and the escape sequences it
 * writes) minus the terminal's own time. /dev/null has no window size,
 * so the screen is resized to the size asked and checked afterwards.
 */
#include "viz.h"
#include "viz_int.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "timeline.h"
#include "trace.h"

/* Milliseconds on [clock]: the wall clock (CLOCK_MONOTONIC), or the
 * process's CPU time (CLOCK_PROCESS_CPUTIME_ID), which time spent
 * descheduled on a loaded machine does not inflate. */
static double clock_ms(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts the [n] times at [ms] and gives their median and maximum. */
static void summarise(double *ms, int n, double *median, double *max)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    *median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    *max = ms[n - 1];
}

double viz_bench_draw(trace_t *trace, int width, int height, int frames,
                      viz_bench_stats_t *st)
{
    memset(st, 0, sizeof *st);
    if (frames < 1) {
        frames = 1;
    }
    FILE *out = fopen("/dev/null", "w");
    FILE *in = fopen("/dev/null", "r");
    if (!out || !in) {
        fprintf(stderr, "viz_bench_draw: cannot open /dev/null\n");
        if (out) {
            fclose(out);
        }
        if (in) {
            fclose(in);
        }
        return -1;
    }
    viz_options_t opts;
    memset(&opts, 0, sizeof opts);       // no animation, no session
    viz_t v;
    viz_init(&v, &opts);
    v.trace = trace;                     // borrowed: own_trace stays false
    // The locale decides the frame characters, as in the view.
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    v.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    // A fixed terminal type, so that the numbers do not depend on where
    // the benchmark runs.
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr) {
        scr = newterm("xterm", out, in);
    }
    if (!scr) {
        fprintf(stderr, "viz_bench_draw: no terminfo for xterm\n");
        viz_free(&v);
        fclose(out);
        fclose(in);
        return -1;
    }
    set_term(scr);
    resizeterm(height, width);
    int h, w;
    getmaxyx(stdscr, h, w);
    if (h != height || w != width) {
        endwin();
        delscreen(scr);
        fprintf(stderr, "viz_bench_draw: asked for %dx%d, got %dx%d\n",
                width, height, w, h);
        viz_free(&v);
        fclose(out);
        fclose(in);
        return -1;
    }
    viz_init_colors(&v);
    timeline_init(&v.tl, trace);
    size_t lo = timeline_first(&v.tl), n = timeline_len(&v.tl);
    // The first frame, as the view opens (at the start of the trace),
    // paints a blank screen whole and indexes the trace's output events:
    // timed apart. The frames after it are what moving around costs.
    viz_set_pos(&v, lo);
    double f0 = clock_ms(CLOCK_MONOTONIC);
    viz_draw(&v);
    st->first_ms = clock_ms(CLOCK_MONOTONIC) - f0;
    double *draw_ms = malloc(sizeof(double) * (size_t)frames * 4);
    double *cpu_ms = draw_ms + frames, *pos_ms = cpu_ms + frames;
    double *once_ms = pos_ms + frames;
    size_t prev = lo;
    for (int i = 0; i < frames; i++) {
        // Spread evenly from the first kept event to the end, so that
        // every frame differs from the one before (a jump, not a step).
        size_t pos = frames > 1 ? lo + (n - lo) * (size_t)i /
                                           (size_t)(frames - 1)
                                : n;
        // The same change of screen, from the frame before to this one,
        // VIZ_BENCH_TRIES times: the first try's CPU time is kept as it
        // is (once_ms), and the least of the tries is the frame's cost,
        // without the preemptions and cache evictions of a shared host
        // (a frame is about 2.4 M instructions; one stolen time slice
        // doubles it). Each try draws the frame before untimed first, so
        // that ncurses diffs against the same screen.
        for (int k = 0; k < VIZ_BENCH_TRIES; k++) {
            if (k > 0) {
                viz_set_pos(&v, prev);
                viz_draw(&v);
            }
            double t0 = clock_ms(CLOCK_MONOTONIC);
            viz_set_pos(&v, pos);
            double t1 = clock_ms(CLOCK_MONOTONIC);
            double c1 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
            viz_draw(&v);                    // ends with refresh()
            double c2 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
            double t2 = clock_ms(CLOCK_MONOTONIC);
            if (k == 0) {
                pos_ms[i] = t1 - t0;
                draw_ms[i] = t2 - t1;
                cpu_ms[i] = once_ms[i] = c2 - c1;
            } else {
                draw_ms[i] = t2 - t1 < draw_ms[i] ? t2 - t1 : draw_ms[i];
                cpu_ms[i] = c2 - c1 < cpu_ms[i] ? c2 - c1 : cpu_ms[i];
            }
        }
        prev = pos;
    }
    st->width = w;
    st->height = h;
    st->frames = frames;
    st->utf8 = v.utf8;
    summarise(draw_ms, frames, &st->draw_median_ms, &st->draw_max_ms);
    summarise(cpu_ms, frames, &st->cpu_median_ms, &st->cpu_max_ms);
    summarise(pos_ms, frames, &st->pos_median_ms, &st->pos_max_ms);
    summarise(once_ms, frames, &st->cpu_once_median_ms,
              &st->cpu_once_max_ms);
    free(draw_ms);
    endwin();
    delscreen(scr);
    viz_free(&v);
    fclose(out);
    fclose(in);
    return st->draw_median_ms;
}
