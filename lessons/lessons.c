/*
 * lessons.c - `looplab lessons` and `looplab lesson ...`.
 *
 * Lessons are the files NN-topic.md of the lessons directory, found in
 * this order: --dir DIR, $LOOPLAB_LESSONS, lessons/ beside the binary,
 * ../share/looplab/lessons beside the binary (an installed looplab), and
 * ./lessons. A lesson is named on the command line by its number (3),
 * its id (03-return-types) or a path to a .md file.
 *
 * A lesson plays in the full-screen view (lesson_view.c) when standard
 * input and output are a terminal, and as text (lesson_play.c) otherwise,
 * with --plain, or with --record (a recording is of the text player's
 * output), or when the view cannot open.
 */
#include "lessons.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lesson_check.h"
#include "lesson_parse.h"
#include "lesson_play.h"
#include "lesson_view.h"
#include "progress.h"

static const char lessons_usage[] =
    "usage: looplab lessons [--dir DIR]\n"
    "\n"
    "Lists the lessons with your progress: [x] played to the end, [~]\n"
    "started (steps run / steps, exercises solved / exercises), [ ] not\n"
    "started. Progress is kept in $XDG_STATE_HOME/looplab/progress\n"
    "(default ~/.local/state/looplab/progress).\n"
    "\n"
    "options:\n"
    "  --dir DIR   read the lessons from DIR (default: $LOOPLAB_LESSONS, or\n"
    "              the lessons/ directory that comes with looplab)\n"
    "  -h, --help  show this help\n";

static const char lesson_usage[] =
    "usage: looplab lesson N [--plain] [--autoplay] [--speed X]\n"
    "                        [--record FILE.cast] [--dir DIR]\n"
    "       looplab lesson --check [--update] [N...] [--dir DIR]\n"
    "\n"
    "Plays lesson N (its number, its name such as 03-return-types, or a\n"
    "path to a lesson file). Each step is typed at the prompt and run in a\n"
    "live REPL session, with the loop's narration. Before each step the\n"
    "lesson waits: Enter runs the step; anything else you type runs first\n"
    "in the same session (your own Python, or :tasks, :ready, :step, ...),\n"
    "so you can explore and then resume. Some steps ask you to predict what\n"
    "happens first. Exercises give you a fresh session: :check checks your\n"
    "work, :hint helps, :solution shows one way, :skip moves on. :quit\n"
    "leaves; your progress is kept.\n"
    "\n"
    "On a terminal the lesson plays in the full-screen view (80x24 or\n"
    "more): its text in a pane beside the loop's live panes, which move as\n"
    "each step runs. Esc moves to the panes (the arrows step through the\n"
    "events, ? lists the keys); PgUp/PgDn scroll the lesson's text; q in\n"
    "the panes, :quit, or Ctrl-C twice leaves. Elsewhere (a pipe, a file)\n"
    "it plays as text.\n"
    "\n"
    "options:\n"
    "  --plain           play as plain text, not in the full-screen view\n"
    "  --autoplay        play without key presses (a classroom demo):\n"
    "                    timed pauses, exercises show their solution; in\n"
    "                    the view, q or Ctrl-C stops it\n"
    "  --speed X         autoplay's pace: 2 is twice as fast (default 1)\n"
    "  --record F.cast   also write an asciicast v2 recording to F.cast,\n"
    "                    with a marker (chapter) at each step; replay it\n"
    "                    with `asciinema play F.cast`. Recording plays the\n"
    "                    lesson as plain text (the view is not recorded)\n"
    "  --check           verify every lesson (or those named) against\n"
    "                    looplab: each transcript, each prediction's\n"
    "                    answer, each exercise's reference solution; no\n"
    "                    terminal needed; prints `N passed, M failed`\n"
    "  --update          with --check: rewrite the lessons' transcripts\n"
    "                    with what looplab prints (for lesson authors;\n"
    "                    review the diff)\n"
    "  --dir DIR         read the lessons from DIR\n"
    "  -h, --help        show this help\n"
    "\n"
    "The lesson format is described in lessons/FORMAT.md.\n";

/* ==== Finding lessons =================================================== */

static bool is_lesson_name(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && name[0] >= '0' && name[0] <= '9' &&
           strcmp(name + n - 3, ".md") == 0;
}

static bool has_lessons(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        return false;
    }
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        found = is_lesson_name(e->d_name);
    }
    closedir(d);
    return found;
}

/* The lessons directory (new string), or NULL. */
static char *find_dir(const char *opt)
{
    if (opt) {
        return strdup(opt);
    }
    const char *env = getenv("LOOPLAB_LESSONS");
    if (env && *env) {
        return strdup(env);
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
        }
        const char *rel[] = {"lessons", "../share/looplab/lessons"};
        for (size_t i = 0; i < 2; i++) {
            char buf[4200];
            snprintf(buf, sizeof buf, "%s/%s", exe, rel[i]);
            if (has_lessons(buf)) {
                return strdup(buf);
            }
        }
    }
    if (has_lessons("lessons")) {
        return strdup("lessons");
    }
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lesson files of [dir], sorted (paths, new). */
static char **list_files(const char *dir, size_t *count)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d) {
        return NULL;
    }
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_lesson_name(e->d_name)) {
            continue;
        }
        v = realloc(v, (*count + 1) * sizeof *v);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        v[*count] = malloc(len);
        snprintf(v[*count], len, "%s/%s", dir, e->d_name);
        (*count)++;
    }
    closedir(d);
    if (*count) {
        qsort(v, *count, sizeof *v, cmp_str);
    }
    return v;
}

static void free_files(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

/* The file of lesson [name] among [files]: a number, an id or a path. */
static const char *pick(char **files, size_t n, const char *name)
{
    char *end;
    long num = strtol(name, &end, 10);
    bool numeric = *name && !*end;
    for (size_t i = 0; i < n; i++) {
        const char *base = strrchr(files[i], '/');
        base = base ? base + 1 : files[i];
        size_t bl = strlen(base) - 3;
        if (numeric ? atol(base) == num
                    : (strlen(name) == bl && strncmp(base, name, bl) == 0) ||
                          strcmp(base, name) == 0) {
            return files[i];
        }
    }
    return NULL;
}

/* ==== Commands =========================================================== */

static int cmd_list(const char *dir)
{
    size_t n;
    char **files = list_files(dir, &n);
    if (n == 0) {
        fprintf(stderr, "looplab: no lessons in %s\n", dir);
        free_files(files, n);
        return 1;
    }
    char *ppath = progress_default_path();
    progress_t pr = {0};
    if (ppath && progress_load(&pr, ppath) < 0) {
        fprintf(stderr, "looplab: cannot read %s: %s\n", ppath,
                strerror(errno));
    }
    printf("looplab lessons: asyncio's create_task and ensure_future, step "
           "by step\n\n");
    for (size_t i = 0; i < n; i++) {
        char err[512];
        lesson_t *l = lesson_parse_file(files[i], err, sizeof err);
        if (!l) {
            printf("  ?  %s\n", err);
            continue;
        }
        progress_entry_t *e = progress_get(&pr, l->id, false);
        char mark[64] = "[ ]";
        if (e && e->done) {
            snprintf(mark, sizeof mark, "[x]");
        } else if (e && (e->step > 0 || e->solved > 0)) {
            snprintf(mark, sizeof mark, "[~]");
        }
        char detail[96] = "";
        if (e && !e->done) {
            snprintf(detail, sizeof detail, "  step %d/%zu", e->step,
                     l->nsteps);
        }
        if (e && l->nexercises) {
            size_t len = strlen(detail);
            snprintf(detail + len, sizeof detail - len, "  exercises %d/%zu",
                     e->solved, l->nexercises);
        }
        printf("%s %2d  %-52s%s\n", mark, l->number, l->title, detail);
        lesson_free(l);
    }
    printf("\nPlay one: looplab lesson N  (--plain: as text; --autoplay: "
           "a demo; looplab lesson --help)\n");
    if (ppath) {
        printf("Progress: %s\n", ppath);
    }
    progress_free(&pr);
    free(ppath);
    free_files(files, n);
    return 0;
}

static int cmd_check(const char *dir, char **names, size_t nnames,
                     bool update)
{
    size_t n;
    char **files = list_files(dir, &n);
    int passed = 0, failed = 0;
    for (size_t i = 0; i < (nnames ? nnames : n); i++) {
        const char *path = nnames ? pick(files, n, names[i]) : files[i];
        if (!path && nnames) {
            struct stat st;
            path = stat(names[i], &st) == 0 ? names[i] : NULL;
        }
        if (!path) {
            printf("FAIL %s: no such lesson\n", names[i]);
            failed++;
            continue;
        }
        char err[512];
        lesson_t *l = lesson_parse_file(path, err, sizeof err);
        if (!l) {
            printf("%s\nFAIL %s\n", err, path);
            failed++;
            continue;
        }
        fflush(stdout);
        int bad = lesson_check(l, stdout, update);
        if (bad) {
            printf("FAIL %s (%d problem%s)\n", path, bad, bad == 1 ? "" : "s");
            failed++;
        } else {
            printf("ok   %s (%zu steps, %zu exercise%s)\n", path, l->nsteps,
                   l->nexercises, l->nexercises == 1 ? "" : "s");
            passed++;
        }
        fflush(stdout);
        lesson_free(l);
    }
    if (n == 0 && nnames == 0) {
        printf("no lessons in %s\n", dir);
        failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    free_files(files, n);
    return failed ? 1 : 0;
}

static int cmd_play(const char *dir, const char *name,
                    lesson_play_options_t *o, bool view)
{
    size_t n;
    char **files = list_files(dir, &n);
    const char *path = pick(files, n, name);
    struct stat st;
    if (!path && strstr(name, ".md") && stat(name, &st) == 0) {
        path = name;
    }
    if (!path) {
        fprintf(stderr, "looplab: no lesson '%s' (looplab lessons lists "
                "them)\n", name);
        free_files(files, n);
        return 2;
    }
    char err[512];
    lesson_t *l = lesson_parse_file(path, err, sizeof err);
    if (!l) {
        fprintf(stderr, "looplab: %s\n", err);
        free_files(files, n);
        return 1;
    }
    // "Next:" names the following file in the directory, if any.
    char next[128] = "";
    for (size_t i = 0; i + 1 < n; i++) {
        if (strcmp(files[i], path) == 0) {
            snprintf(next, sizeof next, "looplab lesson %d%s",
                     atoi(strrchr(files[i + 1], '/') + 1),
                     view ? "" : " --plain");
        }
    }
    o->next_hint = next[0] ? next : NULL;
    char *ppath = progress_default_path();
    o->progress = ppath;
    // The view falls back to text when it cannot open (TERM unknown).
    int status = view ? lesson_play_view(l, o) : -1;
    if (status < 0) {
        if (view) {
            fprintf(stderr, "looplab: playing the lesson as text\n");
        }
        status = lesson_play(l, o);
    }
    free(ppath);
    lesson_free(l);
    free_files(files, n);
    return status;
}

int lessons_main(int argc, char **argv)
{
    bool list = strcmp(argv[0], "lessons") == 0;
    const char *usage = list ? lessons_usage : lesson_usage;
    const char *opt_dir = NULL;
    bool check = false, update = false, plain = false;
    lesson_play_options_t po = {false, 1.0, NULL, NULL, NULL};
    char **names = calloc((size_t)argc + 1, sizeof *names);
    size_t nnames = 0;
    int status = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool more = i + 1 < argc;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            free(names);
            return 0;
        } else if (strcmp(a, "--dir") == 0 && more) {
            opt_dir = argv[++i];
        } else if (list) {
            fprintf(stderr, "looplab lessons: unknown option '%s'\n%s", a,
                    usage);
            free(names);
            return 2;
        } else if (strcmp(a, "--check") == 0) {
            check = true;
        } else if (strcmp(a, "--update") == 0) {
            update = true;
        } else if (strcmp(a, "--plain") == 0) {
            plain = true;
        } else if (strcmp(a, "--autoplay") == 0) {
            po.autoplay = true;
        } else if (strcmp(a, "--speed") == 0 && more) {
            char *end;
            po.speed = strtod(argv[++i], &end);
            if (*end || !(po.speed > 0) || po.speed > 1e6) {
                fprintf(stderr, "looplab lesson: --speed takes a positive "
                        "number, not '%s'\n", argv[i]);
                free(names);
                return 2;
            }
        } else if (strcmp(a, "--record") == 0 && more) {
            po.record = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "looplab lesson: unknown option or missing "
                    "value '%s'\n%s", a, usage);
            free(names);
            return 2;
        } else {
            names[nnames++] = argv[i];
        }
    }
    // The view needs a terminal on both sides; a recording is made of the
    // text the plain player writes.
    bool view = !plain && !po.record && isatty(STDIN_FILENO) &&
                isatty(STDOUT_FILENO);
    char *dir = find_dir(opt_dir);
    if (!dir) {
        fprintf(stderr, "looplab: cannot find the lessons: give --dir DIR or "
                "set LOOPLAB_LESSONS\n");
        free(names);
        return 2;
    }
    if (list) {
        status = cmd_list(dir);
    } else if (check) {
        if (po.autoplay || po.record) {
            fprintf(stderr, "looplab lesson: --check plays nothing: no "
                    "--autoplay or --record with it\n");
            status = 2;
        } else {
            status = cmd_check(dir, names, nnames, update);
        }
    } else if (update) {
        fprintf(stderr, "looplab lesson: --update goes with --check\n");
        status = 2;
    } else if (nnames != 1) {
        fprintf(stderr, "looplab lesson: %s\n%s", nnames ? "one lesson at a "
                "time" : "which lesson? (looplab lessons lists them)", usage);
        status = 2;
    } else {
        status = cmd_play(dir, names[0], &po, view);
    }
    free(dir);
    free(names);
    return status;
}
