/*
 * viz.h - the full-screen view: the loop's state as panes (ready queue,
 * timers, tasks, the last create_task/ensure_future decision, events,
 * output), stepped forwards and backwards over the trace.
 */
#ifndef LOOPLAB_VIZ_VIZ_H
#define LOOPLAB_VIZ_VIZ_H

#include <stdbool.h>

typedef struct viz_options {
    bool anim;             /* animate transitions (--no-anim turns off) */
    bool quiet;            /* no narration in the output pane */
    bool script_mode;      /* the REPL starts in script mode */
    bool realtime;
} viz_options_t;

/* The live view: the REPL's prompt in the bottom pane over a held loop. */
int viz_main_live(const viz_options_t *opts);
/* Runs [path] (in a child process, so a crash or deadlock of the program
 * cannot take the view down) and opens the view over its trace. */
int viz_main_file(const char *path, const viz_options_t *opts);

#endif
