/*
 * progress.c - the learner's progress file.
 *
 * Format (text, one lesson a line, '#' lines are comments):
 *     01-scheduling 5/12 0/1 started
 *     02-create-task-vs-ensure-future 9/9 1/1 done
 * that is: id, steps run / steps, exercises solved / exercises, state.
 *
 * Safety: the file is never written in place. A save writes a temporary
 * file next to it (same directory, so same file system), fsyncs it and
 * renames it over the old one; rename is atomic, so a reader (or the next
 * run after a crash or SIGKILL at any instant) sees the old content or
 * the new, never a mix. The directory is fsync'ed after the rename so the
 * new name itself survives a power cut. A killed save leaves only its
 * temporary file behind (named with the process id, so two players never
 * write into one temporary file).
 */
#include "progress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *progress_default_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char buf[4096];
    // The XDG spec: a relative XDG_STATE_HOME is invalid, use the default.
    if (state && state[0] == '/') {
        snprintf(buf, sizeof buf, "%s/looplab/progress", state);
    } else if (home && home[0]) {
        snprintf(buf, sizeof buf, "%s/.local/state/looplab/progress", home);
    } else {
        return NULL;
    }
    return strdup(buf);
}

progress_entry_t *progress_get(progress_t *p, const char *id, bool create)
{
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->v[i].id, id) == 0) {
            return &p->v[i];
        }
    }
    if (!create) {
        return NULL;
    }
    progress_entry_t *v = realloc(p->v, (p->n + 1) * sizeof *v);
    if (!v) {
        abort();
    }
    p->v = v;
    progress_entry_t *e = &p->v[p->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->id, sizeof e->id, "%s", id);
    return e;
}

void progress_free(progress_t *p)
{
    free(p->v);
    p->v = NULL;
    p->n = 0;
}

int progress_load(progress_t *p, const char *path)
{
    p->v = NULL;
    p->n = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        return errno == ENOENT ? 0 : -1;
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char id[96], state[16];
        int step, nsteps, solved, nex;
        if (line[0] == '#' ||
            sscanf(line, "%95s %d/%d %d/%d %15s", id, &step, &nsteps,
                   &solved, &nex, state) != 6 ||
            step < 0 || nsteps < 0 || solved < 0 || nex < 0) {
            continue;
        }
        progress_entry_t *e = progress_get(p, id, true);
        e->step = step;
        e->nsteps = nsteps;
        e->solved = solved;
        e->nexercises = nex;
        e->done = strcmp(state, "done") == 0;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        progress_free(p);
        errno = EIO;
        return -1;
    }
    return 0;
}

/* mkdir -p for the directories above [path]. */
static int make_parents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *s = buf + 1; *s; s++) {
        if (*s != '/') {
            continue;
        }
        *s = 0;
        if (mkdir(buf, 0700) < 0 && errno != EEXIST) {
            return -1;
        }
        *s = '/';
    }
    return 0;
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t k = write(fd, s, n);
        if (k < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        s += k;
        n -= (size_t)k;
    }
    return 0;
}

int progress_save(const progress_t *p, const char *path)
{
    if (make_parents(path) < 0) {
        return -1;
    }
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        return -1;
    }
    const char *head = "# looplab lesson progress, format 1: "
                       "id steps-run/steps solved/exercises state\n";
    int r = write_all(fd, head, strlen(head));
    for (size_t i = 0; i < p->n && r == 0; i++) {
        const progress_entry_t *e = &p->v[i];
        char line[256];
        int k = snprintf(line, sizeof line, "%s %d/%d %d/%d %s\n", e->id,
                         e->step, e->nsteps, e->solved, e->nexercises,
                         e->done ? "done" : "started");
        r = write_all(fd, line, (size_t)k);
    }
    // The data must be on disk before the name points at it.
    if (r == 0) {
        r = fsync(fd);
    }
    int saved = errno;
    if (close(fd) < 0 && r == 0) {
        r = -1;
        saved = errno;
    }
    if (r == 0 && rename(tmp, path) < 0) {
        r = -1;
        saved = errno;
    }
    if (r < 0) {
        unlink(tmp);
        errno = saved;
        return -1;
    }
    // Make the rename itself durable (best effort: not every file system
    // lets a directory be opened for fsync).
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *(slash == dir ? slash + 1 : slash) = 0;
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return 0;
}

int progress_record(const char *path, const char *id, int nsteps,
                    int nexercises, int step, int solved, bool done)
{
    progress_t pr;
    if (progress_load(&pr, path) < 0) {
        return -1;
    }
    progress_entry_t *e = progress_get(&pr, id, true);
    e->nsteps = nsteps;
    e->nexercises = nexercises;
    // Replaying a lesson from the start never loses how far it got.
    if (step > e->step) {
        e->step = step;
    }
    if (solved > e->solved) {
        e->solved = solved;
    }
    e->done = e->done || done;
    int r = progress_save(&pr, path);
    int saved = errno;
    progress_free(&pr);
    errno = saved;
    return r;
}
