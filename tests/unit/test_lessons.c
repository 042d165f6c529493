/*
 * test_lessons.c - cmocka tests for the lessons (lessons/): the lesson
 * parser (well-formed and malformed files, errors as FILE:LINE), check
 * conditions, transcript comparison, the checker run against real REPL
 * sessions, the progress file's safety when a save is killed, and the
 * asciicast writer (every line parsed by a small JSON reader of our own:
 * a v2 header, [time, "o"|"m", text] events, times never going down),
 * including a recording made by the player.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cast.h"
#include "lesson_check.h"
#include "lesson_parse.h"
#include "lesson_play.h"
#include "progress.h"

/* A fresh temporary directory per test run. */
static char tmpdir[256];

static int group_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/looplab-test-lessons-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *path_in_tmp(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[n] = 0;
    fclose(f);
    return buf;
}

/* ==== Parser ============================================================ */

static const char good_lesson[] =
    "# A title\n"
    "\n"
    "Some prose.\n"
    "\n"
    "```looplab\n"
    ">>> async def w():\n"
    "...     return 1\n"
    "...\n"
    ">>> t = asyncio.create_task(w())\n"
    "  ~ create_task(w()): loop is running, argument is a coroutine -> "
    "Task-1 created, Task-1.__step queued (ready: 1)\n"
    "```\n"
    "<!-- pause -->\n"
    "<!-- # a comment for authors -->\n"
    "<!-- predict: What now? | answer: False | accept: no -->\n"
    "```looplab\n"
    ">>> t.done()\n"
    "False\n"
    "\n"
    "```\n"
    "```python\n"
    "print('shown, not run')\n"
    "```\n"
    "<!-- exercise: Do it -->\n"
    "Make a task.\n"
    "<!-- check: tasks created: 1 -->\n"
    "<!-- check: not Task-1 is pending -->\n"
    "<!-- hint: create_task -->\n"
    "```looplab solution\n"
    "async def w():\n"
    "    return 1\n"
    "\n"
    "t = asyncio.create_task(w())\n"
    ":run\n"
    "```\n"
    "<!-- end exercise -->\n";

static void lesson_parse_string__good_lesson__items_and_steps(void **state)
{
    (void)state;
    char err[256] = "";
    lesson_t *l = lesson_parse_string("lessons/07-x.md", good_lesson, err,
                                      sizeof err);
    assert_non_null(l);
    assert_string_equal(l->title, "A title");
    assert_string_equal(l->id, "07-x");
    assert_int_equal(l->number, 7);
    assert_int_equal(l->nsteps, 3);
    assert_int_equal(l->nexercises, 1);
    // prose, step, step, pause, step, prose (python block), exercise
    assert_int_equal(l->nitems, 7);
    assert_int_equal(l->items[0].kind, LESSON_ITEM_PROSE);
    const lesson_step_t *s1 = &l->items[1].step;
    assert_int_equal(s1->ninput, 3);
    assert_string_equal(s1->input[1], "    return 1");
    assert_string_equal(s1->input[2], "");
    assert_int_equal(s1->line, 6);
    assert_true(s1->narration);
    const lesson_step_t *s2 = &l->items[2].step;
    assert_non_null(strstr(s2->expected, "  ~ create_task(w())"));
    assert_int_equal(l->items[3].kind, LESSON_ITEM_PAUSE);
    const lesson_step_t *s3 = &l->items[4].step;
    assert_false(s3->narration);
    assert_non_null(s3->predict);
    assert_string_equal(s3->predict->question, "What now?");
    assert_int_equal(s3->predict->nanswers, 2);
    assert_string_equal(s3->predict->answers[1], "no");
    // The trailing blank line of the block is not output.
    assert_string_equal(s3->expected, ">>> t.done()\nFalse\n");
    assert_int_equal(l->items[5].kind, LESSON_ITEM_PROSE);
    assert_non_null(strstr(l->items[5].text, "shown, not run"));
    const lesson_exercise_t *ex = &l->items[6].ex;
    assert_string_equal(ex->title, "Do it");
    assert_int_equal(ex->nchecks, 2);
    assert_true(ex->checks[1].negate);
    assert_int_equal(ex->checks[1].kind, LESSON_COND_IS_PENDING);
    assert_int_equal(ex->nhints, 1);
    assert_int_equal(ex->nsolution, 5);
    assert_string_equal(ex->text, "Make a task.\n");
    lesson_free(l);
}

/* Malformed files: each gives "FILE:LINE: ..." with the right line. */
static void lesson_parse_string__malformed__file_line_error(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want; /* prefix after "bad.md:" */
        const char *words;
    } cases[] = {
        {"# T\n```looplab\n>>> 1\n", "2: ", "unterminated code block"},
        {"# T\n<!-- pause\n\n", "2: ", "unterminated comment"},
        {"# T\n<!-- predcit: x | answer: y -->\n", "2: ", "unknown directive"},
        {"# T\n```looplab\n1\n```\n", "3: ", "output line before"},
        {"# T\n```looplab\n... x\n```\n", "3: ", "continuation"},
        {"# T\n```looplab\n>>> 1\n1\n... 2\n```\n", "5: ", "after output"},
        {"# T\n<!-- predict: q | answer: a -->\n", "2: ", "no step after"},
        {"# T\n<!-- predict: q -->\n```looplab\n>>> 1\n```\n", "2: ",
         "question and an answer"},
        {"# T\n```looplab\n>>> 1\n```\n<!-- exercise: E -->\nDo.\n"
         "```looplab solution\n1\n```\n<!-- end exercise -->\n",
         "5: ", "no <!-- check"},
        {"# T\n```looplab\n>>> 1\n```\n<!-- exercise: E -->\nDo.\n"
         "<!-- check: tasks created: 1 -->\n<!-- end exercise -->\n",
         "5: ", "no ```looplab solution"},
        {"# T\n```looplab\n>>> 1\n```\n<!-- exercise: E -->\nDo.\n",
         "5: ", "no <!-- end exercise"},
        {"# T\n```looplab\n>>> 1\n```\n<!-- check: tasks created: 1 -->\n",
         "5: ", "outside an exercise"},
        {"# T\n```looplab\n>>> 1\n```\n<!-- exercise: E -->\n"
         "<!-- check: Task-1 flies -->\n", "6: ", "unknown check"},
        {"# T\n```looplab bogus\n>>> 1\n```\n", "2: ", "unknown block"},
        {"# T\n```looplab solution\nx\n```\n", "2: ", "outside an exercise"},
        {"# T\n```looplab\n```\n", "2: ", "empty looplab block"},
        {"no title\n```looplab\n>>> 1\n```\n", "1: ", "no title"},
        {"# T\nprose only\n", "1: ", "no steps"},
        {"# T\n```looplab\n>>> 1\n```\n<!-- exercise: E -->\n"
         "```looplab\n>>> 1\n```\n", "6: ", "inside an exercise"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512] = "";
        lesson_t *l = lesson_parse_string("bad.md", cases[i].text, err,
                                          sizeof err);
        if (l) {
            fail_msg("case %zu parsed but should not", i);
        }
        char want[64];
        snprintf(want, sizeof want, "bad.md:%s", cases[i].want);
        if (strncmp(err, want, strlen(want)) != 0 ||
            !strstr(err, cases[i].words)) {
            fail_msg("case %zu: got '%s', want '%s...%s'", i, err, want,
                     cases[i].words);
        }
    }
}

static void lesson_parse_file__missing_file__error_names_file(void **state)
{
    (void)state;
    char err[512];
    assert_null(lesson_parse_file("/nonexistent/01-x.md", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/01-x.md:0: cannot open"));
}

static void lesson_cond_parse__forms__kinds(void **state)
{
    (void)state;
    static const struct {
        const char *src;
        lesson_cond_kind_t kind;
        const char *a, *b;
    } ok[] = {
        {"output contains a b", LESSON_COND_OUTPUT_CONTAINS, "a b", NULL},
        {"trace contains done Task-1", LESSON_COND_TRACE_CONTAINS,
         "done Task-1", NULL},
        {"Task-2 finishes before Task-1", LESSON_COND_FINISHES_BEFORE,
         "Task-2", "Task-1"},
        {"worker starts before Task-1", LESSON_COND_STARTS_BEFORE, "worker",
         "Task-1"},
        {"Task-1 is done", LESSON_COND_IS_DONE, "Task-1", NULL},
        {"Task-1 returned 'a b'", LESSON_COND_RETURNED, "Task-1", "'a b'"},
        {"Task-1 is cancelled", LESSON_COND_IS_CANCELLED, "Task-1", NULL},
        {"Task-1 failed", LESSON_COND_FAILED, "Task-1", NULL},
        {"Task-1 raised ValueError", LESSON_COND_RAISED, "Task-1",
         "ValueError"},
        {"Task-1 is pending", LESSON_COND_IS_PENDING, "Task-1", NULL},
        {"ready queue is empty", LESSON_COND_READY_EMPTY, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        lesson_cond_t c;
        char err[256];
        assert_int_equal(lesson_cond_parse(ok[i].src, &c, err, sizeof err),
                         0);
        assert_int_equal(c.kind, ok[i].kind);
        if (ok[i].a) {
            assert_string_equal(c.a, ok[i].a);
        }
        if (ok[i].b) {
            assert_string_equal(c.b, ok[i].b);
        }
        lesson_cond_fini(&c);
    }
    lesson_cond_t c;
    char err[256];
    assert_int_equal(lesson_cond_parse("tasks created: 3", &c, err,
                                       sizeof err), 0);
    assert_int_equal(c.n, 3);
    lesson_cond_fini(&c);
    assert_int_equal(lesson_cond_parse("output contains x\\ny", &c, err,
                                       sizeof err), 0);
    assert_string_equal(c.a, "x\ny");
    lesson_cond_fini(&c);
    const char *bad[] = {"", "tasks created: x", "Task-1 raised",
                         "Task-1 raised Value Error", "Task 1 is done",
                         "output contains ", "banana"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(lesson_cond_parse(bad[i], &c, err, sizeof err), -1);
    }
}

/* ==== Comparison and conditions ========================================= */

static void lesson_transcript_match__rules__as_documented(void **state)
{
    (void)state;
    // Narration ignored unless the block shows some.
    assert_true(lesson_transcript_match(">>> x\n1\n", ">>> x\n1\n  ~ n\n",
                                        false));
    assert_false(lesson_transcript_match(">>> x\n1\n", ">>> x\n1\n  ~ n\n",
                                         true));
    // Trailing spaces and final blank lines.
    assert_true(lesson_transcript_match("...\n1\n", "... \n1\n\n", false));
    // Traceback stacks skipped, header and exception line compared.
    const char *tb = "Traceback (most recent call last):\n"
                     "  File \"<stdin>\", line 1, in <module>\n"
                     "    raise X\n"
                     "TypeError: bad\n";
    assert_true(lesson_transcript_match(
        "Traceback (most recent call last):\n  ...\nTypeError: bad\n", tb,
        false));
    assert_false(lesson_transcript_match(
        "Traceback (most recent call last):\n  ...\nTypeError: good\n", tb,
        false));
    // Addresses.
    assert_true(lesson_transcript_match("<x at 0x?>\n", "<x at 0x7f12ab>\n",
                                        false));
    assert_false(lesson_transcript_match("1\n", "2\n", false));
    char *n = lesson_transcript_normalize(tb, false);
    assert_string_equal(n, "Traceback (most recent call last):\n  ...\n"
                           "TypeError: bad\n");
    free(n);
}

static void lesson_cond_eval__synthetic_trace__verdicts(void **state)
{
    (void)state;
    char *trace[] = {
        "task Task-1 w", "task Task-2 w", "run Task-1.__step",
        "run Task-2.__step", "done Task-2 result 'b'",
        "done Task-1 cancelled", "task Task-3 w", "done Task-4 exception "
        "ValueError",
    };
    lesson_facts_t f = {trace, 8, "hello\nworld\n", true};
    static const struct {
        const char *cond;
        bool want;
    } cases[] = {
        {"Task-2 finishes before Task-1", true},
        {"Task-1 finishes before Task-2", false},
        {"Task-1 starts before Task-2", true},
        {"Task-2 returned 'b'", true},
        {"Task-2 returned 'a'", false},
        {"Task-1 is cancelled", true},
        {"Task-1 is done", false},
        {"Task-3 is pending", true},
        {"Task-4 raised ValueError", true},
        {"Task-4 failed", true},
        {"Task-9 is pending", false},
        {"tasks created: 3", true},
        {"ready queue is empty", true},
        {"output contains hello\\nworld", true},
        {"not output contains bye", true},
        {"trace contains run Task-2", true},
        {"Task-1 finishes before Task-3", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lesson_cond_t c;
        char err[256], why[256];
        assert_int_equal(lesson_cond_parse(cases[i].cond, &c, err,
                                           sizeof err), 0);
        bool got = lesson_cond_eval(&c, &f, why, sizeof why);
        if (got != cases[i].want) {
            fail_msg("'%s' gave %d (%s)", cases[i].cond, got, why);
        }
        lesson_cond_fini(&c);
    }
}

/* ==== The checker, against real sessions ================================ */

static int check_text(const char *name, const char *text, char **report)
{
    char *path = strdup(path_in_tmp(name));
    write_file(path, text);
    char err[512];
    lesson_t *l = lesson_parse_file(path, err, sizeof err);
    if (!l) {
        fail_msg("%s", err);
    }
    char *rep = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&rep, &len);
    int bad = lesson_check(l, f, false);
    fclose(f);
    lesson_free(l);
    free(path);
    *report = rep;
    return bad;
}

static void lesson_check__true_lesson__no_problems(void **state)
{
    (void)state;
    char *rep;
    int bad = check_text("01-true.md", good_lesson, &rep);
    if (bad) {
        fail_msg("%s", rep);
    }
    free(rep);
}

static void lesson_check__wrong_transcript__reported_at_line(void **state)
{
    (void)state;
    char *rep;
    int bad = check_text("02-wrong.md",
                         "# W\n\n```looplab\n>>> 1 + 1\n3\n```\n", &rep);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(rep, "02-wrong.md:4: the transcript differs"));
    assert_non_null(strstr(rep, "    | 2"));
    free(rep);
}

static void lesson_check__wrong_prediction__reported(void **state)
{
    (void)state;
    char *rep;
    int bad = check_text("03-pred.md",
                         "# P\n<!-- predict: sum? | answer: 5 -->\n"
                         "```looplab\n>>> 2 + 2\n4\n```\n", &rep);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(rep, "03-pred.md:2: the prediction's answer"));
    free(rep);
}

static void lesson_check__exercise_checks__solution_and_before(void **state)
{
    (void)state;
    char *rep;
    // The solution fails its check, and the check already passes before.
    int bad = check_text("04-ex.md",
                         "# E\n```looplab\n>>> 1\n1\n```\n"
                         "<!-- exercise: X -->\nDo.\n"
                         "<!-- check: tasks created: 0 -->\n"
                         "```looplab solution\n"
                         "async def w():\n    return 1\n\n"
                         "asyncio.create_task(w())\n```\n"
                         "<!-- end exercise -->\n", &rep);
    assert_int_equal(bad, 2);
    assert_non_null(strstr(rep, "04-ex.md:8: exercise 'X': the reference "
                                "solution fails the check"));
    assert_non_null(strstr(rep, "1 task created"));
    assert_non_null(strstr(rep, "already pass before"));
    free(rep);
}

static void lesson_check__hung_session__reported_not_hung(void **state)
{
    (void)state;
    char *rep;
    // sys.exit() ends the session: the checker says so and goes on.
    int bad = check_text("05-exit.md",
                         "# X\n```looplab\n>>> import sys\n"
                         ">>> sys.exit(0)\n>>> 1\n1\n```\n", &rep);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(rep, "05-exit.md:4: the step hung or ended"));
    free(rep);
}

/* ==== Progress ========================================================== */

static void progress_save__round_trip__same_entries(void **state)
{
    (void)state;
    char *path = strdup(path_in_tmp("state/looplab/progress"));
    progress_t p = {0};
    progress_entry_t *e = progress_get(&p, "01-a", true);
    e->step = 3;
    e->nsteps = 9;
    e->solved = 1;
    e->nexercises = 2;
    progress_get(&p, "02-b", true)->done = true;
    assert_int_equal(progress_save(&p, path), 0);
    progress_free(&p);
    progress_t q;
    assert_int_equal(progress_load(&q, path), 0);
    assert_int_equal(q.n, 2);
    assert_int_equal(progress_get(&q, "01-a", false)->step, 3);
    assert_int_equal(progress_get(&q, "01-a", false)->nexercises, 2);
    assert_true(progress_get(&q, "02-b", false)->done);
    progress_free(&q);
    // Garbage lines are skipped, the good ones kept.
    write_file(path, "junk\n01-a 1/2 0/0 started\n\x01\x02 zz\n");
    assert_int_equal(progress_load(&q, path), 0);
    assert_int_equal(q.n, 1);
    progress_free(&q);
    // A missing file is empty progress.
    assert_int_equal(progress_load(&q, path_in_tmp("nope/progress")), 0);
    assert_int_equal(q.n, 0);
    free(path);
}

/* Bytes waiting in the FIFO [fd]. */
static int ioctl_fionread(int fd, int *n)
{
    return ioctl(fd, FIONREAD, n);
}

/* Progress with [n] entries whose steps are all [step]. */
static void make_progress(progress_t *p, size_t n, int step)
{
    p->n = n;
    p->v = calloc(n, sizeof *p->v);
    for (size_t i = 0; i < n; i++) {
        snprintf(p->v[i].id, sizeof p->v[i].id, "%04zu-lesson", i);
        p->v[i].step = step;
        p->v[i].nsteps = 100;
    }
}

/* The file must be exactly one of the complete versions: all steps
 * [a] or all steps [b], with all [n] entries. */
static void assert_whole(const char *path, size_t n, int a, int b)
{
    progress_t q;
    assert_int_equal(progress_load(&q, path), 0);
    assert_int_equal(q.n, n);
    int first = q.v[0].step;
    assert_true(first == a || first == b);
    for (size_t i = 0; i < q.n; i++) {
        assert_int_equal(q.v[i].step, first);
    }
    progress_free(&q);
}

/* A save killed while it is writing: the temporary file is made a FIFO
 * that nobody drains, so the child is sure to block in the middle of
 * writing it (the FIFO holds 64 KiB, the file is larger); then it is
 * SIGKILLed. The old file must be intact, byte for byte. */
static void progress_save__killed_mid_save__old_file_intact(void **state)
{
    (void)state;
    char *path = strdup(path_in_tmp("kill/progress"));
    const size_t n = 4000;
    progress_t old;
    make_progress(&old, n, 1);
    assert_int_equal(progress_save(&old, path), 0);
    char *before = read_all(path);
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char c;
        close(go[1]);
        if (read(go[0], &c, 1) != 1) {
            _exit(1);
        }
        progress_t p;
        make_progress(&p, n, 2);
        progress_save(&p, path); // blocks inside, then is killed
        _exit(0);
    }
    close(go[0]);
    char fifo[600];
    snprintf(fifo, sizeof fifo, "%s.tmp.%ld", path, (long)pid);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    // A reader that never reads lets the writer's open() succeed.
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    assert_int_equal(write(go[1], "x", 1), 1);
    // Wait until the FIFO is full: the child is mid-write.
    for (int i = 0; i < 500; i++) {
        int avail = 0;
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
        if (ioctl_fionread(rd, &avail) == 0 && avail >= 65536) {
            break;
        }
    }
    kill(pid, SIGKILL);
    int st;
    waitpid(pid, &st, 0);
    assert_true(WIFSIGNALED(st));
    close(rd);
    close(go[1]);
    char *after = read_all(path);
    assert_non_null(after);
    assert_string_equal(after, before);
    assert_whole(path, n, 1, 1);
    // The next save works and replaces it.
    unlink(fifo);
    progress_t p;
    make_progress(&p, n, 3);
    assert_int_equal(progress_save(&p, path), 0);
    assert_whole(path, n, 3, 3);
    progress_free(&p);
    progress_free(&old);
    free(after);
    free(before);
    free(path);
}

static void progress_save__killed_at_random__always_whole(void **state)
{
    (void)state;
    char *path = strdup(path_in_tmp("race/progress"));
    const size_t n = 300;
    progress_t a;
    make_progress(&a, n, 1);
    assert_int_equal(progress_save(&a, path), 0);
    srand(7);
    for (int round = 0; round < 20; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            // Saves two versions in turn until killed.
            progress_t p, q;
            make_progress(&p, n, 1);
            make_progress(&q, n, 2);
            for (int i = 0;; i++) {
                progress_save(i % 2 ? &p : &q, path);
            }
        }
        struct timespec ts = {0, (long)(rand() % 5000000)};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        assert_whole(path, n, 1, 2);
    }
    progress_free(&a);
    free(path);
}

/* ==== asciicast ========================================================= */

/* A small JSON reader: enough to validate asciicast lines. Each parse_*
 * advances *p past one value and returns false on malformed input. */
typedef struct jv {
    char type;      /* 'o' object, 'a' array, 's' string, 'n' number,
                       'b' bool, 'z' null */
    double num;
    char str[256];  /* strings (cut) */
    int nitems;
    char items[8];  /* types of the first array items */
    char istr[8][64];
    double inum[8];
    bool has_version2;
} jv_t;

static void skip_ws(const char **p)
{
    while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r') {
        (*p)++;
    }
}

static bool parse_value(const char **p, jv_t *v, int depth);

static bool parse_string(const char **p, char *out, size_t size)
{
    if (**p != '"') {
        return false;
    }
    (*p)++;
    size_t k = 0;
    while (**p != '"') {
        unsigned char c = (unsigned char)**p;
        if (c == 0 || c < 0x20) {
            return false; // raw control characters are not allowed
        }
        if (c == '\\') {
            (*p)++;
            char e = **p;
            if (e == 'u') {
                for (int i = 1; i <= 4; i++) {
                    if (!isxdigit((unsigned char)(*p)[i])) {
                        return false;
                    }
                }
                *p += 4;
                c = '?';
            } else if (strchr("\"\\/bfnrt", e) && e) {
                c = (unsigned char)(e == 'n' ? '\n' : e == 'r' ? '\r' : e);
            } else {
                return false;
            }
        }
        if (k + 1 < size) {
            out[k++] = (char)c;
        }
        (*p)++;
    }
    out[k] = 0;
    (*p)++;
    return true;
}

static bool parse_value(const char **p, jv_t *v, int depth)
{
    skip_ws(p);
    memset(v, 0, sizeof *v);
    if (depth > 8) {
        return false;
    }
    if (**p == '"') {
        v->type = 's';
        return parse_string(p, v->str, sizeof v->str);
    }
    if (**p == '{') {
        v->type = 'o';
        (*p)++;
        skip_ws(p);
        if (**p == '}') {
            (*p)++;
            return true;
        }
        for (;;) {
            char key[64];
            jv_t sub;
            skip_ws(p);
            if (!parse_string(p, key, sizeof key)) {
                return false;
            }
            skip_ws(p);
            if (**p != ':') {
                return false;
            }
            (*p)++;
            if (!parse_value(p, &sub, depth + 1)) {
                return false;
            }
            if (strcmp(key, "version") == 0 && sub.type == 'n' &&
                sub.num == 2) {
                v->has_version2 = true;
            }
            skip_ws(p);
            if (**p == ',') {
                (*p)++;
            } else if (**p == '}') {
                (*p)++;
                return true;
            } else {
                return false;
            }
        }
    }
    if (**p == '[') {
        v->type = 'a';
        (*p)++;
        skip_ws(p);
        if (**p == ']') {
            (*p)++;
            return true;
        }
        for (;;) {
            jv_t sub;
            if (!parse_value(p, &sub, depth + 1)) {
                return false;
            }
            if (v->nitems < 8) {
                v->items[v->nitems] = sub.type;
                v->inum[v->nitems] = sub.num;
                snprintf(v->istr[v->nitems], 64, "%.63s", sub.str);
            }
            v->nitems++;
            skip_ws(p);
            if (**p == ',') {
                (*p)++;
            } else if (**p == ']') {
                (*p)++;
                return true;
            } else {
                return false;
            }
        }
    }
    if (strncmp(*p, "true", 4) == 0 || strncmp(*p, "null", 4) == 0) {
        v->type = **p == 't' ? 'b' : 'z';
        *p += 4;
        return true;
    }
    if (strncmp(*p, "false", 5) == 0) {
        v->type = 'b';
        *p += 5;
        return true;
    }
    char *end;
    v->num = strtod(*p, &end);
    if (end == *p || **p == '+' || **p == '.') {
        return false;
    }
    v->type = 'n';
    *p = end;
    return true;
}

/* Validates a whole .cast file; returns the number of markers, or fails
 * the test. */
static int validate_cast(const char *path, int *outputs)
{
    char *text = read_all(path);
    assert_non_null(text);
    int line = 0, markers = 0;
    double last = 0;
    *outputs = 0;
    for (char *save = NULL, *l = strtok_r(text, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save)) {
        jv_t v;
        const char *p = l;
        if (!parse_value(&p, &v, 0)) {
            fail_msg("line %d is not JSON: %s", line + 1, l);
        }
        skip_ws(&p);
        if (*p) {
            fail_msg("line %d has text after its JSON value", line + 1);
        }
        if (line == 0) {
            assert_int_equal(v.type, 'o');
            assert_true(v.has_version2);
            assert_non_null(strstr(l, "\"width\": "));
            assert_non_null(strstr(l, "\"height\": "));
        } else {
            if (v.type != 'a' || v.nitems != 3 || v.items[0] != 'n' ||
                v.items[1] != 's' || v.items[2] != 's' ||
                (strcmp(v.istr[1], "o") != 0 && strcmp(v.istr[1], "m") != 0)) {
                fail_msg("line %d is not [time, \"o\"|\"m\", text]: %s",
                         line + 1, l);
            }
            if (v.inum[0] < last) {
                fail_msg("line %d: time goes down", line + 1);
            }
            last = v.inum[0];
            markers += v.istr[1][0] == 'm';
            *outputs += v.istr[1][0] == 'o';
        }
        line++;
    }
    free(text);
    return markers;
}

static void cast_writer__tricky_text__valid_asciicast_v2(void **state)
{
    (void)state;
    const char *path = path_in_tmp("t.cast");
    cast_t *c = cast_open(path, 100, 30, "a \"title\" \\ with\ttab", 1700000000);
    assert_non_null(c);
    const char tricky[] = "quote \" backslash \\ ctrl \x01\x1b[0m nl\n"
                          "cr\r\n utf8 caf\xc3\xa9 \xe2\x86\x92 bad \xff\xc3";
    cast_output_at(c, 0.5, tricky, sizeof tricky - 1);
    cast_marker_at(c, 0.6, "step 1: \"x\"\n");
    cast_output_at(c, 0.2, "earlier time is raised\n", 23);
    cast_output_at(c, 1.0, "", 0);
    cast_output(c, "now\n", 4);
    assert_int_equal(cast_close(c), 0);
    int outputs;
    assert_int_equal(validate_cast(path, &outputs), 1);
    assert_true(outputs >= 2);
    char *text = read_all(path);
    // A lone \n became \r\n; an existing \r\n stayed one.
    assert_non_null(strstr(text, "nl\\r\\ncr\\r\\n"));
    assert_non_null(strstr(text, "caf\xc3\xa9"));
    assert_non_null(strstr(text, "bad \\ufffd\\ufffd"));
    assert_non_null(strstr(text, "\\u001b[0m"));
    free(text);
}

static void lesson_play__autoplay_record__markers_per_step(void **state)
{
    (void)state;
    char err[512];
    char *lpath = strdup(path_in_tmp("09-play.md"));
    write_file(lpath, good_lesson);
    lesson_t *l = lesson_parse_file(lpath, err, sizeof err);
    assert_non_null(l);
    char *cpath = strdup(path_in_tmp("play.cast"));
    lesson_play_options_t o = {true, 1e6, cpath, NULL, NULL};
    // What the player shows goes to /dev/null here.
    fflush(stdout);
    int saved = dup(1);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    int status = lesson_play(l, &o);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    close(devnull);
    assert_int_equal(status, 0);
    int outputs;
    // One marker per step, one for the exercise, one at the end.
    assert_int_equal(validate_cast(cpath, &outputs), (int)l->nsteps + 2);
    char *text = read_all(cpath);
    assert_non_null(strstr(text, "\"m\", \"step 2: t = asyncio.create_task"
                                 "(w())\""));
    assert_non_null(strstr(text, "Task-1 created"));
    free(text);
    lesson_free(l);
    free(lpath);
    free(cpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lesson_parse_string__good_lesson__items_and_steps),
        cmocka_unit_test(lesson_parse_string__malformed__file_line_error),
        cmocka_unit_test(lesson_parse_file__missing_file__error_names_file),
        cmocka_unit_test(lesson_cond_parse__forms__kinds),
        cmocka_unit_test(lesson_transcript_match__rules__as_documented),
        cmocka_unit_test(lesson_cond_eval__synthetic_trace__verdicts),
        cmocka_unit_test(lesson_check__true_lesson__no_problems),
        cmocka_unit_test(lesson_check__wrong_transcript__reported_at_line),
        cmocka_unit_test(lesson_check__wrong_prediction__reported),
        cmocka_unit_test(lesson_check__exercise_checks__solution_and_before),
        cmocka_unit_test(lesson_check__hung_session__reported_not_hung),
        cmocka_unit_test(progress_save__round_trip__same_entries),
        cmocka_unit_test(progress_save__killed_mid_save__old_file_intact),
        cmocka_unit_test(progress_save__killed_at_random__always_whole),
        cmocka_unit_test(cast_writer__tricky_text__valid_asciicast_v2),
        cmocka_unit_test(lesson_play__autoplay_record__markers_per_step),
    };
    return cmocka_run_group_tests_name("lessons", tests, group_setup,
                                       group_teardown);
}
