/*
 * timeline.c - checkpoints over the trace fold.
 *
 * Invariant: checkpoints[k] is the model after exactly check_at[k]
 * events, check_at[0] = 0 and check_at is increasing. A checkpoint is
 * taken every TIMELINE_CHECKPOINT_EVERY events, or every 2 * ntasks when
 * that is more: a checkpoint copies every task, so with 100,000 tasks
 * fixed spacing would cost memory quadratic in the trace, while this keeps
 * it linear and a jump re-folds at most that many events.
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

void timeline_init(timeline_t *tl, const trace_t *trace)
{
    memset(tl, 0, sizeof *tl);
    tl->trace = trace;
    model_init(&tl->head);
    timeline_sync(tl);
}

void timeline_free(timeline_t *tl)
{
    for (size_t i = 0; i < tl->ncheck; i++) {
        model_free(&tl->checkpoints[i]);
    }
    free(tl->checkpoints);
    free(tl->check_at);
    model_free(&tl->head);
    memset(tl, 0, sizeof *tl);
}

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

void timeline_sync(timeline_t *tl)
{
    size_t n = trace_count(tl->trace);
    if (tl->ncheck == 0) {
        checkpoint(tl);
    }
    while (tl->head_n < n) {
        model_apply(&tl->head, trace_line(tl->trace, tl->head_n));
        tl->head_n++;
        size_t every = TIMELINE_CHECKPOINT_EVERY;
        if (2 * tl->head.ntasks > every) {
            every = 2 * tl->head.ntasks;
        }
        if (tl->head_n - tl->check_at[tl->ncheck - 1] >= every) {
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
    if (n == tl->head_n) {
        model_clone(out, &tl->head);
        return;
    }
    // The last checkpoint at or before n.
    size_t lo = 0, hi = tl->ncheck;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tl->check_at[mid] <= n) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    model_clone(out, &tl->checkpoints[lo]);
    for (size_t i = tl->check_at[lo]; i < n; i++) {
        model_apply(out, trace_line(tl->trace, i));
    }
}
