/*
 * history.h - the prompt's line history, kept on disk.
 *
 * One file, $XDG_STATE_HOME/looplab/history (default
 * ~/.local/state/looplab/history), shared by the plain prompt and the view.
 * Every line is saved the moment it is entered, through a temporary file
 * renamed into place: a kill or crash at any moment leaves the previous
 * version whole and loses at most the line being typed.
 */
#ifndef LOOPLAB_HISTORY_H
#define LOOPLAB_HISTORY_H

typedef struct hist {
    char path[4096];    /* "" when there is no home to keep it in */
} hist_t;

/* Finds (and creates the directory of) the history file and loads it into
 * readline's history list. */
void hist_open(hist_t *h);

/* Adds a non-empty line to readline's history and saves the file. */
void hist_add(hist_t *h, const char *line);

#endif
