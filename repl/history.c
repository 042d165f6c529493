/*
 * history.c - the prompt's line history on disk (see history.h).
 *
 * Saving rewrites the whole file (at most HIST_MAX lines) on every line
 * rather than appending: a rename is atomic, an append torn by a kill is
 * not, and a thousand short lines take well under a millisecond to write.
 * The new line is added to the file as it is on disk, not to this
 * session's copy, so two sessions at once both keep their lines (each
 * one's Up arrow shows its own, as readline loaded them at start).
 */
#include <stdbool.h>
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

/* Appends [line] to the file as it is now on disk (another session may
 * have added lines since this one read it), keeping the last HIST_MAX
 * lines, through a temporary file renamed into place. */
static void save_line(const char *path, const char *line)
{
    char **lines = calloc(HIST_MAX, sizeof *lines);
    if (!lines) {
        return;
    }
    size_t n = 0, first = 0;   /* a ring of the newest HIST_MAX - 1 */
    FILE *in = fopen(path, "r");
    if (in) {
        char *buf = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&buf, &cap, in)) >= 0) {
            if (len > 0 && buf[len - 1] == '\n') {
                buf[len - 1] = 0;
            }
            size_t slot = (first + n) % (HIST_MAX - 1);
            if (n == HIST_MAX - 1) {
                free(lines[first]);
                slot = first;
                first = (first + 1) % (HIST_MAX - 1);
            } else {
                n++;
            }
            lines[slot] = strdup(buf);
        }
        free(buf);
        fclose(in);
    }
    char tmp[sizeof ((hist_t *)0)->path + 32];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *out = fopen(tmp, "w");
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const char *l = lines[(first + i) % (HIST_MAX - 1)];
        ok = fprintf(out, "%s\n", l ? l : "") >= 0;
    }
    if (ok) {
        ok = fprintf(out, "%s\n", line) >= 0;
    }
    if (out && fclose(out) != 0) {
        ok = false;
    }
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
    }
    for (size_t i = 0; i < HIST_MAX; i++) {
        free(lines[i]);
    }
    free(lines);
}

void hist_add(hist_t *h, const char *line)
{
    if (!line[0]) {
        return;
    }
    add_history(line);
    if (h->path[0] && !strchr(line, '\n')) {
        save_line(h->path, line);
    }
}
