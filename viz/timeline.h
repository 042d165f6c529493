/*
 * timeline.h - random access over a trace: the model (core/model.h) after
 * any event, with checkpoints so that jumping anywhere costs at most one
 * checkpoint copy and CHECKPOINT_EVERY folds.
 *
 * This is what makes stepping backwards cheap: the view never undoes an
 * event, it rebuilds the state at the new position from the nearest
 * earlier checkpoint.
 */
#ifndef LOOPLAB_VIZ_TIMELINE_H
#define LOOPLAB_VIZ_TIMELINE_H

#include <stddef.h>

#include "model.h"
#include "trace.h"

#define TIMELINE_CHECKPOINT_EVERY 2048

typedef struct timeline {
    trace_t *trace;        /* the events (owned by the caller, may grow) */
    model_t *checkpoints;  /* checkpoints[k] = state after check_at[k] events */
    size_t *check_at;
    size_t ncheck, capcheck;
    model_t head;          /* state after the newest folded event */
    size_t head_n;         /* events folded into head */
    model_t base;          /* state after the base_n events a --trace-limit */
    size_t base_n;         /* dropped (the earliest state still reachable) */
} timeline_t;

/* Watches [trace] for dropped events (trace_set_limit) until
 * timeline_free, so the state stays whole when early history goes. */
void timeline_init(timeline_t *tl, trace_t *trace);
void timeline_free(timeline_t *tl);
/* The earliest position still reachable: events before it were dropped
 * by a --trace-limit (0 when nothing was dropped). */
size_t timeline_first(const timeline_t *tl);
/* Folds events added to the trace since the last call (live sessions). */
void timeline_sync(timeline_t *tl);
/* Events known to the timeline. */
size_t timeline_len(const timeline_t *tl);
/* Sets [out] (initialised or freed by the caller with model_free) to the
 * state after the first [n] events (timeline_first <= n <= timeline_len;
 * n is clamped into that range). */
void timeline_state(const timeline_t *tl, size_t n, model_t *out);

#endif
