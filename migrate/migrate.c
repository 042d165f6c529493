/*
 * migrate.c - the `looplab migrate` command: options, the walk over files,
 * the report and the atomic in-place rewrite.
 *
 * The report goes to stdout so that CI logs and the tests see all of it:
 * first the unified diffs (so that the head of the output is a patch),
 * then one line per call left alone (and per file that is not valid
 * Python), then one summary line. Problems with the command line or the
 * file system go to stderr.
 */
#include "migrate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pyscope.h"
#include "pytok.h"
#include "sites.h"
#include "source.h"
#include "udiff.h"

static const char usage_text[] =
    "usage: looplab migrate [--check | --write] PATH...\n"
    "       looplab migrate --tokens FILE\n"
    "\n"
    "Finds every ensure_future call in the PATHs (files, or directories\n"
    "searched recursively for *.py in sorted order, hidden directories\n"
    "skipped) and rewrites to create_task the calls where that is certainly\n"
    "the same thing. create_task raises TypeError for a Future or Task and\n"
    "RuntimeError without a running loop, where ensure_future does not, so a\n"
    "call is rewritten only when it sits in an async def and its one\n"
    "argument is a call of a coroutine function: an async def of the file\n"
    "(or of a module beside it that the file imports), an async method of\n"
    "the same class called through self, or one of asyncio.sleep, wait_for,\n"
    "wait, open_connection, start_server, open_unix_connection,\n"
    "start_unix_server, create_subprocess_exec, create_subprocess_shell and\n"
    "to_thread. Calls are found as asyncio.ensure_future,\n"
    "ALIAS.ensure_future (import asyncio as ALIAS) and a bare ensure_future\n"
    "imported from asyncio; strings and comments are never touched, and\n"
    "everything but the rewritten names stays byte for byte.\n"
    "\n"
    "Every other call is left alone with its reason (summary labels):\n"
    "  passes loop=          create_task has no loop argument\n"
    "  more arguments        other keyword, extra or unpacked arguments\n"
    "  awaited directly      `await ensure_future(x)`: await x instead\n"
    "  returns a Future      the argument is gather(), shield(),\n"
    "                        loop.create_future(), create_task(), ...\n"
    "  may be a Future/Task  a name, attribute, subscript, await, or a call\n"
    "                        of something not known to be a coroutine\n"
    "                        function\n"
    "  outside async def     module level, a plain def or a lambda\n"
    "  unknown               `from asyncio import *`, no argument, or\n"
    "                        create_task already naming something else\n"
    "\n"
    "modes:\n"
    "  (default)    print a unified diff of the rewrites (patch -p1 applies\n"
    "               it), then the calls left alone, then the summary\n"
    "  --check      for CI: no diff, one line per call that would be\n"
    "               rewritten instead, then the calls left alone and the\n"
    "               summary\n"
    "  --write      rewrite the files in place, each atomically (temporary\n"
    "               file beside it, fsync, rename); for ensure_future\n"
    "               imported by name the import is fixed too: create_task\n"
    "               replaces it when it is no longer used, else is added\n"
    "               (the default diff shows the same import change)\n"
    "\n"
    "The summary reads `migrate: N sites in F files, R to rewrite, L left\n"
    "alone (COUNT LABEL, ...)` (`R rewritten` with --write). A file that is\n"
    "not valid Python is reported as `FILE:LINE: cannot migrate: REASON`\n"
    "and left untouched.\n"
    "\n"
    "exit status: 0 nothing to rewrite (or --write done), 1 rewrites\n"
    "proposed (default and --check), 2 a usage error or a file that could\n"
    "not be read, migrated or written (the other files are still done).\n"
    "\n"
    "options:\n"
    "  --tokens FILE  print FILE's tokens, one a line: TYPE START END LINE\n"
    "                 COL (byte offsets); for testing the tokenizer\n"
    "  -h, --help     show this help and exit\n";

enum { MODE_DIFF, MODE_CHECK, MODE_WRITE };

/* A growing text buffer for the notes printed after the diffs. */
typedef struct strbuf {
    char *s;
    size_t n, cap;
    int failed;
} strbuf;

/* Counters and output of one run. */
typedef struct run {
    int mode;
    int files;
    int sites;
    int by_reason[MIGRATE_NREASONS];
    int not_migrated;   /* files that are not valid Python */
    int errors;         /* any failure: exit status 2 */
    strbuf notes;
} run;

static void sb_printf(strbuf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->n;
        int n = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? room : 0, fmt,
                          ap);
        va_end(ap);
        if (n < 0) {
            b->failed = 1;
            return;
        }
        if (b->s && (size_t)n < room) {
            b->n += (size_t)n;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 1024;
        while (cap - b->n <= (size_t)n) {
            cap *= 2;
        }
        char *s = realloc(b->s, cap);
        if (!s) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

/* Writes [len] bytes to [path] atomically: a temporary file in the same
 * directory (so rename cannot cross file systems), the original mode,
 * fsync, rename over the original, then fsync of the directory so the
 * rename itself is durable. A symlink is followed, not replaced. */
static int write_atomic(const char *path, const char *data, size_t len)
{
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct stat st;
    int rc = -1, fd = -1;
    size_t tl = strlen(target) + 32;
    char *tmp = malloc(tl);
    char *dir = malloc(tl);
    if (!tmp || !dir || stat(target, &st) < 0) {
        goto out;
    }
    const char *slash = strrchr(target, '/');
    if (slash) {
        snprintf(dir, tl, "%.*s", (int)(slash - target + 1), target);
        snprintf(tmp, tl, "%s.%s.migrate-XXXXXX", dir, slash + 1);
    } else {
        snprintf(dir, tl, ".");
        snprintf(tmp, tl, ".%s.migrate-XXXXXX", target);
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        goto out;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            goto fail;
        }
        off += (size_t)w;
    }
    if (fchmod(fd, st.st_mode & 07777) < 0 || fsync(fd) < 0) {
        goto fail;
    }
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, target) < 0) {
        goto fail;
    }
    int dfd = open(dir, O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    rc = 0;
    goto out;
fail:
    {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
        }
        unlink(tmp);
        errno = saved;
    }
out:
    free(tmp);
    free(dir);
    free(real);
    return rc;
}

/* Migrates one file: prints its diff (default mode), adds its notes, and
 * writes it (--write). */
static void migrate_one(run *r, const char *path)
{
    size_t len;
    char *src = source_read(path, &len);
    if (!src) {
        fprintf(stderr, "looplab migrate: %s: %s\n", path, strerror(errno));
        r->errors++;
        return;
    }
    r->files++;
    migrate_file f;
    migrate_plan plan = { 0 };
    if (migrate_file_load(&f, src, len) < 0) {
        if (strcmp(f.err, "out of memory") == 0) {
            fprintf(stderr, "looplab migrate: %s: out of memory\n", path);
        } else {
            sb_printf(&r->notes, "%s:%d: cannot migrate: %s\n", path,
                      f.err_line, f.err);
            r->not_migrated++;
        }
        r->errors++;
        goto done;
    }
    if (migrate_plan_file(path, &f, &plan) < 0) {
        fprintf(stderr, "looplab migrate: %s: out of memory\n", path);
        r->errors++;
        goto done;
    }
    for (int i = 0; i < plan.nsites; i++) {
        const migrate_site *s = &plan.sites[i];
        r->sites++;
        r->by_reason[s->reason]++;
        if (s->reason != MIGRATE_REWRITE) {
            sb_printf(&r->notes, "%s:%d: left alone: %s\n", path, s->line,
                      s->why);
        } else if (r->mode == MODE_CHECK) {
            sb_printf(&r->notes, "%s:%d: would rewrite to create_task\n",
                      path, s->line);
        } else if (r->mode == MODE_WRITE) {
            sb_printf(&r->notes, "%s:%d: rewritten to create_task\n", path,
                      s->line);
        }
    }
    if (plan.nedits == 0) {
        goto done;
    }
    if (r->mode == MODE_DIFF) {
        /* a/PATH and b/PATH as git writes them: relative, no "./" */
        const char *label = path;
        while (label[0] == '/' || (label[0] == '.' && label[1] == '/')) {
            label += label[0] == '/' ? 1 : 2;
        }
        if (migrate_udiff(stdout, label, src, len, plan.edits,
                          plan.nedits) < 0) {
            fprintf(stderr, "looplab migrate: %s: out of memory\n", path);
            r->errors++;
        }
    } else if (r->mode == MODE_WRITE) {
        size_t nlen;
        char *out = migrate_apply(src, len, plan.edits, plan.nedits, &nlen);
        if (!out || write_atomic(path, out, nlen) < 0) {
            fprintf(stderr, "looplab migrate: %s: cannot write: %s\n", path,
                    out ? strerror(errno) : "out of memory");
            r->errors++;
        }
        free(out);
    }
done:
    migrate_plan_free(&plan);
    migrate_file_free(&f);
    free(src);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with_py(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".py") == 0;
}

/* Migrates every *.py under [dir] in sorted order, skipping hidden
 * entries; symlinked directories are not followed (no cycles). */
static void walk(run *r, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "looplab migrate: %s: %s\n", dir, strerror(errno));
        r->errors++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                break;
            }
            names = nn;
        }
        names[n] = strdup(e->d_name);
        if (names[n]) {
            n++;
        }
    }
    closedir(d);
    if (n > 1) {
        qsort(names, n, sizeof *names, cmp_names);
    }
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') {
        dl--;
    }
    for (size_t i = 0; i < n; i++) {
        size_t pl = dl + strlen(names[i]) + 2;
        char *p = malloc(pl);
        if (p) {
            snprintf(p, pl, "%.*s/%s", (int)dl, dir, names[i]);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                walk(r, p);
            } else if (ends_with_py(names[i]) && stat(p, &st) == 0 &&
                       S_ISREG(st.st_mode)) {
                migrate_one(r, p);
            }
            free(p);
        }
        free(names[i]);
    }
    free(names);
}

/* `--tokens FILE`: the token dump tests/migrate/tokcheck.py compares with
 * Python's tokenize module. */
static int dump_tokens(const char *path)
{
    size_t len;
    char *src = source_read(path, &len);
    if (!src) {
        fprintf(stderr, "looplab migrate: %s: %s\n", path, strerror(errno));
        return 2;
    }
    pytok_list l;
    int rc = pytok_tokenize(src, len, &l);
    for (size_t i = 0; i < l.n; i++) {
        const pytok_token *t = &l.toks[i];
        printf("%s %zu %zu %d %d\n", pytok_type_name(t->type), t->start,
               t->end, t->line, t->col);
    }
    if (rc < 0) {
        printf("ERROR %d %s\n", l.err_line, l.err);
    }
    pytok_free(&l);
    free(src);
    return rc < 0 ? 2 : 0;
}

/* The summary line, e.g. "migrate: 7 sites in 2 files, 4 to rewrite, 3
 * left alone (2 may be a Future/Task, 1 passes loop=)". Reasons are
 * listed most frequent first (ties in the fixed reason order). */
static void summary(const run *r)
{
    int left = r->sites - r->by_reason[MIGRATE_REWRITE];
    printf("migrate: %d site%s in %d file%s, %d %s, %d left alone",
           r->sites, r->sites == 1 ? "" : "s", r->files,
           r->files == 1 ? "" : "s", r->by_reason[MIGRATE_REWRITE],
           r->mode == MODE_WRITE ? "rewritten" : "to rewrite", left);
    if (left > 0) {
        int done[MIGRATE_NREASONS] = { 0 };
        const char *sep = " (";
        for (;;) {
            int best = -1;
            for (int k = 1; k < MIGRATE_NREASONS; k++) {
                if (!done[k] && r->by_reason[k] > 0 &&
                    (best < 0 || r->by_reason[k] > r->by_reason[best])) {
                    best = k;
                }
            }
            if (best < 0) {
                break;
            }
            done[best] = 1;
            printf("%s%d %s", sep, r->by_reason[best],
                   migrate_reason_label((migrate_reason)best));
            sep = ", ";
        }
        printf(")");
    }
    if (r->not_migrated > 0) {
        printf(", %d file%s not valid Python", r->not_migrated,
               r->not_migrated == 1 ? "" : "s");
    }
    printf("\n");
}

int migrate_main(int argc, char **argv)
{
    run r;
    memset(&r, 0, sizeof r);
    r.mode = MODE_DIFF;
    int first_path = argc, modes = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(a, "--tokens") == 0) {
            if (i + 2 != argc) {
                fputs("usage: looplab migrate --tokens FILE\n", stderr);
                return 2;
            }
            return dump_tokens(argv[i + 1]);
        } else if (strcmp(a, "--check") == 0) {
            r.mode = MODE_CHECK;
            modes++;
        } else if (strcmp(a, "--write") == 0) {
            r.mode = MODE_WRITE;
            modes++;
        } else if (strcmp(a, "--") == 0) {
            first_path = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "looplab migrate: unknown option %s\n"
                    "usage: looplab migrate [--check | --write] PATH...\n",
                    a);
            return 2;
        } else {
            first_path = i;
            break;
        }
    }
    if (modes > 1) {
        fputs("looplab migrate: --check and --write exclude each other\n",
              stderr);
        return 2;
    }
    if (first_path >= argc) {
        fputs("usage: looplab migrate [--check | --write] PATH...\n"
              "(looplab migrate --help for more)\n", stderr);
        return 2;
    }
    for (int i = first_path; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "looplab migrate: %s: %s\n", argv[i],
                    strerror(errno));
            r.errors++;
        } else if (S_ISDIR(st.st_mode)) {
            walk(&r, argv[i]);
        } else {
            migrate_one(&r, argv[i]);
        }
    }
    fflush(stdout);
    if (r.notes.n > 0) {
        fwrite(r.notes.s, 1, r.notes.n, stdout);
    }
    summary(&r);
    free(r.notes.s);
    if (fflush(stdout) != 0 || r.notes.failed) {
        fputs("looplab migrate: cannot write the report\n", stderr);
        return 2;
    }
    if (r.errors > 0) {
        return 2;
    }
    if (r.mode != MODE_WRITE && r.by_reason[MIGRATE_REWRITE] > 0) {
        return 1;
    }
    return 0;
}
