/*
 * timeline.c - checkpoints over the trace fold.
 *
 * Invariant: checkpoints[k] is the model after exactly
 * k * TIMELINE_CHECKPOINT_EVERY events, for every k < ncheck, and
 * ncheck * EVERY <= head_n + EVERY (a checkpoint is taken as soon as head
 * passes the next multiple).
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
    model_free(&tl->head);
    memset(tl, 0, sizeof *tl);
}

static void checkpoint(timeline_t *tl)
{
    if (tl->ncheck == tl->capcheck) {
        tl->capcheck = tl->capcheck ? tl->capcheck * 2 : 16;
        tl->checkpoints = realloc(tl->checkpoints,
                                  tl->capcheck * sizeof(model_t));
        if (!tl->checkpoints) {
            abort();
        }
    }
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
        if (tl->head_n % TIMELINE_CHECKPOINT_EVERY == 0) {
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
    size_t k = n / TIMELINE_CHECKPOINT_EVERY;
    if (k >= tl->ncheck) {
        k = tl->ncheck - 1;
    }
    model_clone(out, &tl->checkpoints[k]);
    for (size_t i = k * TIMELINE_CHECKPOINT_EVERY; i < n; i++) {
        model_apply(out, trace_line(tl->trace, i));
    }
}
