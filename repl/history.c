/*
 * history.c - the prompt's line history on disk (see history.h).
 *
 * Saving rewrites the whole file (at most HIST_MAX lines) on every line
 * rather than appending: a rename is atomic, an append torn by a kill is
 * not, and a thousand short lines take well under a millisecond to write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

#include "history.h"

enum { HIST_MAX = 1000 };

/* The directory is made like mkdir -p; a failure shows later as a file
 * that cannot be written, which only costs the history. */
static void make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0700);
            *p = '/';
        }
    }
    mkdir(dir, 0700);
}

void hist_open(hist_t *h)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char dir[sizeof h->path - 16];
    int n;
    if (state && *state) {
        n = snprintf(dir, sizeof dir, "%s/looplab", state);
    } else if (home && *home) {
        n = snprintf(dir, sizeof dir, "%s/.local/state/looplab", home);
    } else {
        h->path[0] = 0;
        return;
    }
    if (n < 0 || (size_t)n >= sizeof dir) {
        h->path[0] = 0;     // a path this long is no place for a file
        return;
    }
    make_dirs(dir);
    snprintf(h->path, sizeof h->path, "%s/history", dir);
    stifle_history(HIST_MAX);
    read_history(h->path);
}

void hist_add(hist_t *h, const char *line)
{
    if (!line[0]) {
        return;
    }
    add_history(line);
    if (!h->path[0]) {
        return;
    }
    char tmp[sizeof h->path + 32];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", h->path, (long)getpid());
    if (write_history(tmp) != 0 || rename(tmp, h->path) != 0) {
        unlink(tmp);
    }
}
