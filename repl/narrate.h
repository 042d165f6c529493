/*
 * narrate.h - trace events told as short plain sentences.
 *
 * The REPL's narration and the views' one-line captions: each event (or a
 * create_task / ensure_future decision together with the task it made) in
 * words a learner can follow, using the model for context (queue sizes).
 */
#ifndef LOOPLAB_REPL_NARRATE_H
#define LOOPLAB_REPL_NARRATE_H

#include <stddef.h>

#include "model.h"

/* Narrates events [from, to) of [lines]: applies each to [m] and appends
 * one sentence per line to [out] (a growable, NUL-terminated buffer).
 * Events that are the program's own output ("out") are not narrated. */
void narrate_events(model_t *m, const char *const *lines, size_t from,
                    size_t to, char **out, size_t *len);

/* One sentence for a single event, given the model before it. */
void narrate_one(const model_t *m, const char *line, char *buf,
                 size_t size);

#endif
