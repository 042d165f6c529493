/*
 * timeline.c - checkpoints over the trace fold.
 *
 * Invariant: checkpoints[k] is the model after exactly check_at[k]
 * events, check_at is increasing, and base (the state after base_n events,
 * the empty model at 0 unless events were dropped) comes before them all.
 * A checkpoint is taken every TIMELINE_CHECKPOINT_EVERY events, whatever
 * the model holds: a model_clone shares the model's chunks of tasks and
 * handles (core/model.c), so it costs O(chunks), and checkpoints that
 * differ by a few thousand events share all but the chunks those events
 * wrote. A jump is then one clone and at most TIMELINE_CHECKPOINT_EVERY
 * folds. (Before the chunks, a clone copied every task, and checkpoints
 * were spaced 2 * ntasks apart to keep memory linear: with 100,000 tasks
 * a jump re-folded up to 200,000 events, 60 ms and more.)
 *
 * With a --trace-limit the trace drops its oldest events; the timeline
 * watches the drops and folds each dropped event into base (and into head
 * if head had not reached it), so base is the state after the last
 * dropped event and every position from base_n on can still be rebuilt:
 * from the last checkpoint at or after base_n, or from base. Checkpoints
 * before base_n are freed as they fall out of the window.
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

static void checkpoint(timeline_t *tl)
{
    if (tl->ncheck == tl->capcheck) {
        tl->capcheck = tl->capcheck ? tl->capcheck * 2 : 16;
        tl->checkpoints = realloc(tl->checkpoints,
                                  tl->capcheck * sizeof(model_t));
        tl->check_at = realloc(tl->check_at, tl->capcheck * sizeof(size_t));
        if (!tl->checkpoints || !tl->check_at) {
            abort();
        }
    }
    tl->check_at[tl->ncheck] = tl->head_n;
    model_clone(&tl->checkpoints[tl->ncheck++], &tl->head);
}

/* Frees the checkpoints that fall before base_n (no longer reachable). */
static void drop_checkpoints(timeline_t *tl)
{
    size_t k = 0;
    while (k < tl->ncheck && tl->check_at[k] < tl->base_n) {
        model_free(&tl->checkpoints[k]);
        k++;
    }
    if (k > 0) {
        memmove(tl->checkpoints, tl->checkpoints + k,
                (tl->ncheck - k) * sizeof(model_t));
        memmove(tl->check_at, tl->check_at + k,
                (tl->ncheck - k) * sizeof(size_t));
        tl->ncheck -= k;
    }
}

/* trace_drop_fn: event [i] is about to go. */
static void on_drop(void *ctx, size_t i, const char *line)
{
    timeline_t *tl = ctx;
    if (i != tl->base_n) {
        return;   /* not contiguous: the trace was cut before it was ours */
    }
    model_apply(&tl->base, line);
    tl->base_n++;
    if (tl->head_n == i) {
        model_apply(&tl->head, line);
        tl->head_n++;
    }
    // Checkpoints go in batches, so a drop per event costs O(1) amortized.
    if (tl->ncheck > 0 && tl->check_at[0] + TIMELINE_CHECKPOINT_EVERY <
                              tl->base_n) {
        drop_checkpoints(tl);
    }
}

void timeline_init(timeline_t *tl, trace_t *trace)
{
    memset(tl, 0, sizeof *tl);
    tl->trace = trace;
    model_init(&tl->head);
    model_init(&tl->base);
    // A trace loaded from a cut file starts after its dropped events: its
    // state before them is unknown, and the fold starts empty there.
    tl->base_n = tl->head_n = trace_first(trace);
    trace_watch(trace, on_drop, tl);
    checkpoint(tl);
    timeline_sync(tl);
}

void timeline_free(timeline_t *tl)
{
    trace_unwatch(tl->trace, on_drop, tl);
    for (size_t i = 0; i < tl->ncheck; i++) {
        model_free(&tl->checkpoints[i]);
    }
    free(tl->checkpoints);
    free(tl->check_at);
    model_free(&tl->head);
    model_free(&tl->base);
    memset(tl, 0, sizeof *tl);
}

size_t timeline_first(const timeline_t *tl)
{
    return tl->base_n;
}


void timeline_sync(timeline_t *tl)
{
    size_t n = trace_count(tl->trace);
    while (tl->head_n < n) {
        model_apply(&tl->head, trace_line(tl->trace, tl->head_n));
        tl->head_n++;
        // base is the checkpoint before the first one.
        size_t last = tl->ncheck ? tl->check_at[tl->ncheck - 1] : tl->base_n;
        if (tl->head_n - last >= TIMELINE_CHECKPOINT_EVERY) {
            checkpoint(tl);
        }
    }
}

size_t timeline_len(const timeline_t *tl)
{
    return tl->head_n;
}

void timeline_state(const timeline_t *tl, size_t n, model_t *out)
{
    if (n > tl->head_n) {
        n = tl->head_n;
    }
    if (n < tl->base_n) {
        n = tl->base_n;
    }
    if (n == tl->head_n) {
        model_clone(out, &tl->head);
        return;
    }
    // The last checkpoint at or before n that is still reachable (at or
    // after base_n), else base itself.
    const model_t *from = &tl->base;
    size_t at = tl->base_n;
    size_t lo = 0, hi = tl->ncheck;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tl->check_at[mid] <= n) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo > 0 && tl->check_at[lo - 1] >= tl->base_n) {
        from = &tl->checkpoints[lo - 1];
        at = tl->check_at[lo - 1];
    }
    model_clone(out, from);
    for (size_t i = at; i < n; i++) {
        model_apply(out, trace_line(tl->trace, i));
    }
}
