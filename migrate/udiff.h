/*
 * udiff.h - unified diffs of planned edits, the way `diff -u` prints them.
 *
 * migrate knows exactly which bytes it changes, so instead of a general
 * line-matching diff it turns the edits into changed line blocks and
 * prints those with three lines of context, merging hunks whose context
 * would overlap, under `--- a/PATH` / `+++ b/PATH` headers.
 */
#ifndef LOOPLAB_MIGRATE_UDIFF_H
#define LOOPLAB_MIGRATE_UDIFF_H

#include <stdio.h>

#include "sites.h"

/* Applies the sorted, non-overlapping [edits] to [src] ([len] bytes).
 * Returns a new NUL-terminated buffer (length in *out_len), or NULL. */
char *migrate_apply(const char *src, size_t len, const migrate_edit *edits,
                    int nedits, size_t *out_len);

/* Prints the unified diff of [edits] against [src] to [out], labelled
 * with [path]. Returns 0, or -1 when memory runs out. */
int migrate_udiff(FILE *out, const char *path, const char *src, size_t len,
                  const migrate_edit *edits, int nedits);

#endif
