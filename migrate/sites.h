/*
 * sites.h - finding and classifying the ensure_future call sites of a file.
 *
 * Given a file read by pyscope, finds every call of asyncio's
 * ensure_future (asyncio.ensure_future, ALIAS.ensure_future after `import
 * asyncio as ALIAS`, or a bare name imported from asyncio), decides for
 * each whether create_task is certainly equivalent, and plans the byte
 * edits of the rewrite (call sites and, for a name imported from asyncio,
 * the import).
 */
#ifndef LOOPLAB_MIGRATE_SITES_H
#define LOOPLAB_MIGRATE_SITES_H

#include <stddef.h>

#include "pyscope.h"

/* What becomes of a site. MIGRATE_REWRITE is the only one that changes
 * the file; the others are the reasons for leaving a site alone, in the
 * order they are checked. */
typedef enum migrate_reason {
    MIGRATE_REWRITE,
    MIGRATE_LOOP,        /* passes loop= */
    MIGRATE_ARGS,        /* more or other arguments */
    MIGRATE_AWAITED,     /* await ensure_future(...) */
    MIGRATE_FUTURE,      /* the argument is a known Future-returning call */
    MIGRATE_MAYBE,       /* the argument may be a Future or Task */
    MIGRATE_NOT_CORO,    /* not inside an async def */
    MIGRATE_UNKNOWN,     /* anything else that cannot be decided */
    MIGRATE_NREASONS
} migrate_reason;

typedef struct migrate_site {
    int line;
    migrate_reason reason;
    char why[320];       /* a sentence for the report */
} migrate_site;

/* Replace bytes [start, end) of the original text with [text]. */
typedef struct migrate_edit {
    size_t start, end;
    const char *text;    /* a string literal */
} migrate_edit;

typedef struct migrate_plan {
    migrate_site *sites;
    int nsites;
    migrate_edit *edits;     /* sorted by start, never overlapping */
    int nedits;
} migrate_plan;

/* Classifies the sites of [f], read from [path] (whose directory is where
 * modules imported by the file are looked for). Returns 0, or -1 when
 * memory runs out. Free with migrate_plan_free. */
int migrate_plan_file(const char *path, const migrate_file *f,
                      migrate_plan *out);
void migrate_plan_free(migrate_plan *plan);

/* The short label of a reason, as used in the summary line. */
const char *migrate_reason_label(migrate_reason r);

#endif
