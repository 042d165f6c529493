/*
 * progress.h - the learner's progress through the lessons, kept in
 * $XDG_STATE_HOME/looplab/progress and saved atomically (temp file,
 * fsync, rename), so a crash or a kill leaves the old file or the new one.
 */
#ifndef LOOPLAB_LESSONS_PROGRESS_H
#define LOOPLAB_LESSONS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct progress_entry {
    char id[96];       /* lesson id: its file name without ".md" */
    int step;          /* steps run, 0..nsteps */
    int nsteps;
    int solved;        /* exercises solved */
    int nexercises;
    bool done;         /* played to the end */
} progress_entry_t;

typedef struct progress {
    progress_entry_t *v;
    size_t n;
} progress_t;

/* The progress file's path, new (caller frees): $XDG_STATE_HOME/looplab/
 * progress, or ~/.local/state/looplab/progress. NULL without HOME. */
char *progress_default_path(void);

/* Reads [path] into [p] (initialised here). A missing file is empty
 * progress; lines that do not parse are skipped. Returns 0, or -1 on a
 * read error (errno set; [p] is then empty). */
int progress_load(progress_t *p, const char *path);

/* Writes [p] to [path]: a temporary file in the same directory, written,
 * fsync'ed and renamed over [path] (then the directory fsync'ed); the
 * directory is created if needed. Returns 0, or -1 with errno set (the
 * old file is untouched). */
int progress_save(const progress_t *p, const char *path);

/* The entry for lesson [id]: borrowed, valid until the next call that
 * adds an entry; with [create], added (zeroed) when missing, else NULL. */
progress_entry_t *progress_get(progress_t *p, const char *id, bool create);

/* Records in the file [path] that lesson [id] ([nsteps] steps,
 * [nexercises] exercises) got to [step] steps run and [solved] exercises
 * solved, and to its end when [done]: the counts only go up and done
 * stays done (replaying a lesson loses nothing). Loads, updates and saves
 * (progress_save). Returns 0, or -1 with errno set. */
int progress_record(const char *path, const char *id, int nsteps,
                    int nexercises, int step, int solved, bool done);

void progress_free(progress_t *p);

#endif
