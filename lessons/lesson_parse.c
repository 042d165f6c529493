/*
 * lesson_parse.c - reads a lesson file (lessons/FORMAT.md) into items.
 *
 * A lesson is Markdown. Three things in it are not plain prose:
 *   - fenced blocks whose info string is "looplab" are transcripts: ">>> "
 *     and "... " lines are typed input, the other lines what looplab
 *     --plain prints for it; each ">>> " statement becomes one step;
 *   - fenced "looplab setup" / "looplab solution" blocks inside an
 *     exercise hold raw input lines;
 *   - HTML comments at the start of a line are directives (pause,
 *     predict, exercise, check, hint, end exercise, "#" for a comment).
 * Everything else, other fenced blocks included, is prose shown as is.
 *
 * The parser is one pass over the lines with a small state (in a fence or
 * not, in an exercise or not, a prediction waiting for its step). The
 * first error stops it: a lesson is short and the author fixes one thing
 * at a time, so resynchronising would only produce noise.
 */
#include "lesson_parse.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "vm.h"

/* ==== Small helpers ================================================= */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("looplab: out of memory\n", stderr);
        abort();
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

/* Appends [s] and a newline to the growable string [*buf]. */
static void add_line(char **buf, const char *s)
{
    size_t old = *buf ? strlen(*buf) : 0, n = strlen(s);
    *buf = xrealloc(*buf, old + n + 2);
    memcpy(*buf + old, s, n);
    (*buf)[old + n] = '\n';
    (*buf)[old + n + 1] = 0;
}

static void push_str(char ***v, size_t *n, const char *s)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = xstrdup(s);
}

static void free_strs(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

/* A copy of [s] without leading and trailing white space. */
static char *trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1])) {
        n--;
    }
    return xstrndup(s, n);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ==== Conditions ===================================================== */

static int cond_fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return -1;
}

/* A task or future id is one word ("Task-2", "worker", "Future-1"). */
static bool is_id(const char *s, size_t n)
{
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

int lesson_cond_parse(const char *src, lesson_cond_t *out, char *err,
                      size_t errsz)
{
    memset(out, 0, sizeof *out);
    char *s = trimmed(src, strlen(src));
    out->source = xstrdup(s);
    const char *p = s;
    if (starts_with(p, "not ")) {
        out->negate = true;
        p += 4;
        while (*p == ' ') {
            p++;
        }
    }
    // Forms with a fixed start.
    static const struct {
        const char *prefix;
        lesson_cond_kind_t kind;
    } texts[] = {
        {"output contains ", LESSON_COND_OUTPUT_CONTAINS},
        {"trace contains ", LESSON_COND_TRACE_CONTAINS},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (starts_with(p, texts[i].prefix)) {
            out->kind = texts[i].kind;
            out->a = xstrdup(p + strlen(texts[i].prefix));
            // "\n" stands for a line break (a check is one line).
            char *w = out->a;
            for (const char *r = out->a; *r; r++) {
                if (r[0] == '\\' && r[1] == 'n') {
                    *w++ = '\n';
                    r++;
                } else {
                    *w++ = *r;
                }
            }
            *w = 0;
            free(s);
            if (!out->a[0]) {
                lesson_cond_fini(out);
                return cond_fail(err, errsz, "'%s' needs a text",
                                 texts[i].prefix);
            }
            return 0;
        }
    }
    if (strcmp(p, "ready queue is empty") == 0) {
        out->kind = LESSON_COND_READY_EMPTY;
        free(s);
        return 0;
    }
    if (starts_with(p, "tasks created: ")) {
        char *end;
        out->kind = LESSON_COND_TASKS_CREATED;
        out->n = strtol(p + 15, &end, 10);
        if (end == p + 15 || *end || out->n < 0) {
            free(s);
            lesson_cond_fini(out);
            return cond_fail(err, errsz, "'tasks created:' needs a count");
        }
        free(s);
        return 0;
    }
    // Forms that start with an id: "ID verb ...".
    const char *sp = strchr(p, ' ');
    if (!sp || !is_id(p, (size_t)(sp - p))) {
        goto unknown;
    }
    out->a = xstrndup(p, (size_t)(sp - p));
    const char *rest = sp + 1;
    static const struct {
        const char *verb;
        lesson_cond_kind_t kind;
        int args; /* 0: none, 1: an id, 2: free text */
    } verbs[] = {
        {"finishes before ", LESSON_COND_FINISHES_BEFORE, 1},
        {"starts before ", LESSON_COND_STARTS_BEFORE, 1},
        {"returned ", LESSON_COND_RETURNED, 2},
        {"raised ", LESSON_COND_RAISED, 1},
        {"is done", LESSON_COND_IS_DONE, 0},
        {"is cancelled", LESSON_COND_IS_CANCELLED, 0},
        {"failed", LESSON_COND_FAILED, 0},
        {"is pending", LESSON_COND_IS_PENDING, 0},
    };
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        const char *v = verbs[i].verb;
        if (verbs[i].args == 0 ? strcmp(rest, v) != 0 : !starts_with(rest, v)) {
            continue;
        }
        out->kind = verbs[i].kind;
        if (verbs[i].args) {
            const char *arg = rest + strlen(v);
            if (!*arg || (verbs[i].args == 1 && !is_id(arg, strlen(arg)))) {
                free(s);
                lesson_cond_fini(out);
                return cond_fail(err, errsz, "'%s' needs %s after it", v,
                                 verbs[i].args == 1 ? "one word" : "a value");
            }
            out->b = xstrdup(arg);
        }
        free(s);
        return 0;
    }
unknown:
    free(s);
    lesson_cond_fini(out);
    return cond_fail(err, errsz, "unknown check '%s' (FORMAT.md lists the "
                     "checks)", src);
}

void lesson_cond_fini(lesson_cond_t *c)
{
    free(c->a);
    free(c->b);
    free(c->source);
    c->a = c->b = c->source = NULL;
}

/* ==== The parser's state ============================================== */

typedef enum fence_kind {
    FENCE_NONE,
    FENCE_OTHER,      /* any other fenced block: prose */
    FENCE_TRANSCRIPT, /* ```looplab */
    FENCE_SETUP,      /* ```looplab setup */
    FENCE_SOLUTION,   /* ```looplab solution */
} fence_kind_t;

typedef struct parser {
    const char *path;
    lesson_t *l;
    char *err;
    size_t errsz;
    bool failed;
    int lineno;
    fence_kind_t fence;
    int fence_line;
    char *prose;              /* prose being gathered */
    int prose_line;
    size_t ex_item;           /* the open exercise's item + 1, or 0 */
    lesson_predict_t *predict; /* waiting for the next step */
    int block;                /* transcript blocks so far */
    size_t block_first;       /* first item of the current block */
    bool block_narration;
    bool cur_has_output;      /* the statement being read has output */
} parser_t;

static void fail(parser_t *ps, int line, const char *fmt, ...)
{
    if (ps->failed) {
        return;
    }
    ps->failed = true;
    int k = snprintf(ps->err, ps->errsz, "%s:%d: ", ps->path, line);
    if (k < 0 || (size_t)k >= ps->errsz) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ps->err + k, ps->errsz - (size_t)k, fmt, ap);
    va_end(ap);
}

/* The open exercise, or NULL. An index is kept rather than a pointer
 * because the item array moves when it grows. */
static lesson_exercise_t *open_ex(parser_t *ps)
{
    return ps->ex_item ? &ps->l->items[ps->ex_item - 1].ex : NULL;
}

static lesson_item_t *new_item(parser_t *ps, lesson_item_kind_t kind,
                               int line)
{
    lesson_t *l = ps->l;
    l->items = xrealloc(l->items, (l->nitems + 1) * sizeof *l->items);
    lesson_item_t *it = &l->items[l->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->line = line;
    return it;
}

/* Ends the prose being gathered (blank lines at its ends dropped). */
static void flush_prose(parser_t *ps)
{
    if (!ps->prose) {
        return;
    }
    char *s = ps->prose;
    while (*s == '\n') {
        s++;
    }
    size_t n = strlen(s);
    while (n && s[n - 1] == '\n') {
        n--;
    }
    if (n) {
        if (open_ex(ps)) {
            char *t = xstrndup(s, n);
            add_line(&open_ex(ps)->text, t);
            free(t);
        } else {
            lesson_item_t *it = new_item(ps, LESSON_ITEM_PROSE,
                                         ps->prose_line);
            it->text = xstrndup(s, n);
            add_line(&it->text, "");
            it->text[strlen(it->text) - 1] = 0;
        }
    }
    free(ps->prose);
    ps->prose = NULL;
}

static void prose_line(parser_t *ps, const char *line)
{
    if (!ps->prose) {
        ps->prose_line = ps->lineno;
    }
    add_line(&ps->prose, line);
}

/* ==== Transcripts ===================================================== */

static lesson_step_t *current_step(parser_t *ps)
{
    lesson_t *l = ps->l;
    if (!l->nitems || l->nitems <= ps->block_first) {
        return NULL;
    }
    lesson_item_t *it = &l->items[l->nitems - 1];
    return it->kind == LESSON_ITEM_STEP ? &it->step : NULL;
}

/* Is [s] the prompt [p] ("..." or ">>>") alone or followed by a space? */
static const char *after_prompt(const char *s, const char *p)
{
    size_t n = strlen(p);
    if (strncmp(s, p, n) != 0) {
        return NULL;
    }
    if (s[n] == ' ') {
        return s + n + 1;
    }
    return s[n] == 0 ? s + n : NULL;
}

static void transcript_line(parser_t *ps, const char *line)
{
    const char *in;
    if ((in = after_prompt(line, ">>>"))) {
        lesson_item_t *it = new_item(ps, LESSON_ITEM_STEP, ps->lineno);
        lesson_step_t *st = &it->step;
        st->line = st->end_line = ps->lineno;
        st->block = ps->block;
        st->predict = ps->predict;
        ps->predict = NULL;
        push_str(&st->input, &st->ninput, in);
        add_line(&st->expected, line);
        ps->l->nsteps++;
        ps->cur_has_output = false;
        return;
    }
    lesson_step_t *st = current_step(ps);
    if ((in = after_prompt(line, "..."))) {
        if (!st) {
            fail(ps, ps->lineno, "a '...' continuation line needs a '>>>' "
                 "line before it");
            return;
        }
        if (ps->cur_has_output) {
            fail(ps, ps->lineno, "a '...' continuation line after output "
                 "(start a new statement with '>>> ')");
            return;
        }
        push_str(&st->input, &st->ninput, in);
        add_line(&st->expected, line);
        st->end_line = ps->lineno;
        return;
    }
    if (!st) {
        if (line[0] == 0) {
            return; // blank lines before the first statement
        }
        fail(ps, ps->lineno, "output line before the first '>>> ' line of "
             "the block");
        return;
    }
    if (starts_with(line, "  ~ ")) {
        ps->block_narration = true;
    }
    ps->cur_has_output = true;
    add_line(&st->expected, line);
    st->end_line = ps->lineno;
}

/* The block ended: trailing blank lines of its last statement are not
 * output, and every step learns whether narration is compared. */
static void end_transcript(parser_t *ps)
{
    lesson_t *l = ps->l;
    for (size_t i = ps->block_first; i < l->nitems; i++) {
        lesson_step_t *st = &l->items[i].step;
        st->narration = ps->block_narration;
        size_t n = strlen(st->expected);
        while (n >= 2 && st->expected[n - 1] == '\n' &&
               st->expected[n - 2] == '\n') {
            st->expected[--n] = 0;
        }
    }
    if (l->nitems == ps->block_first) {
        fail(ps, ps->fence_line, "empty looplab block (a transcript needs "
             "'>>> ' lines)");
    }
    ps->block++;
}

/* ==== Directives ====================================================== */

static void split_fields(const char *s, char ***v, size_t *n)
{
    const char *p = s;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *f = trimmed(p, len);
        push_str(v, n, f);
        free(f);
        if (!bar) {
            break;
        }
        p = bar + 1;
    }
}

static void directive_predict(parser_t *ps, const char *arg, int line)
{
    if (open_ex(ps)) {
        fail(ps, line, "a prediction cannot be inside an exercise");
        return;
    }
    if (ps->predict) {
        fail(ps, line, "a second prediction before the step the first one "
             "is about (line %d)", ps->predict->line);
        return;
    }
    char **f = NULL;
    size_t nf = 0;
    split_fields(arg, &f, &nf);
    lesson_predict_t *pr = xrealloc(NULL, sizeof *pr);
    memset(pr, 0, sizeof *pr);
    pr->line = line;
    pr->question = xstrdup(f[0]);
    for (size_t i = 1; i < nf && !ps->failed; i++) {
        if (starts_with(f[i], "answer:") && pr->nanswers == 0) {
            char *a = trimmed(f[i] + 7, strlen(f[i] + 7));
            push_str(&pr->answers, &pr->nanswers, a);
            free(a);
        } else if (starts_with(f[i], "accept:") && pr->nanswers > 0) {
            char *a = trimmed(f[i] + 7, strlen(f[i] + 7));
            push_str(&pr->answers, &pr->nanswers, a);
            free(a);
        } else {
            fail(ps, line, "in a prediction, expected '| answer: ...' then "
                 "any '| accept: ...', got '%s'", f[i]);
        }
    }
    if (!ps->failed && (!pr->question[0] || pr->nanswers == 0 ||
                        !pr->answers[0][0])) {
        fail(ps, line, "a prediction needs a question and an answer: "
             "<!-- predict: QUESTION | answer: ANSWER -->");
    }
    free_strs(f, nf);
    ps->predict = pr;
}

static void directive_exercise(parser_t *ps, const char *arg, int line)
{
    if (open_ex(ps)) {
        fail(ps, line, "an exercise inside an exercise (the one at line %d "
             "has no <!-- end exercise -->)", open_ex(ps)->line);
        return;
    }
    if (ps->predict) {
        fail(ps, ps->predict->line, "a prediction with no step after it");
        return;
    }
    if (!arg[0]) {
        fail(ps, line, "an exercise needs a title: <!-- exercise: TITLE -->");
        return;
    }
    lesson_item_t *it = new_item(ps, LESSON_ITEM_EXERCISE, line);
    it->ex.title = xstrdup(arg);
    it->ex.line = line;
    ps->ex_item = ps->l->nitems;
    ps->l->nexercises++;
}

static void end_exercise(parser_t *ps, int line)
{
    if (!open_ex(ps)) {
        fail(ps, line, "<!-- end exercise --> without an open exercise");
        return;
    }
    lesson_exercise_t *ex = open_ex(ps);
    if (ex->nchecks == 0) {
        fail(ps, ex->line, "exercise '%s' has no <!-- check: ... -->",
             ex->title);
    } else if (ex->nsolution == 0) {
        fail(ps, ex->line, "exercise '%s' has no ```looplab solution block",
             ex->title);
    } else if (!ex->text) {
        fail(ps, ex->line, "exercise '%s' does not say what to do (no text)",
             ex->title);
    }
    ps->ex_item = 0;
}

static void directive(parser_t *ps, const char *body, int line)
{
    if (body[0] == '#') {
        return; // a comment for authors
    }
    size_t wl = 0;
    while (body[wl] && (isalpha((unsigned char)body[wl]))) {
        wl++;
    }
    char word[32];
    snprintf(word, sizeof word, "%.*s", (int)(wl < 31 ? wl : 31), body);
    const char *arg = body + wl;
    bool colon = *arg == ':';
    if (colon) {
        arg++;
    }
    while (*arg == ' ') {
        arg++;
    }
    if (strcmp(word, "pause") == 0 && !*arg) {
        if (open_ex(ps)) {
            fail(ps, line, "a pause cannot be inside an exercise");
            return;
        }
        new_item(ps, LESSON_ITEM_PAUSE, line);
    } else if (strcmp(word, "predict") == 0 && colon) {
        directive_predict(ps, arg, line);
    } else if (strcmp(word, "exercise") == 0) {
        directive_exercise(ps, arg, line);
    } else if (strcmp(word, "end") == 0 && strcmp(arg, "exercise") == 0) {
        end_exercise(ps, line);
    } else if ((strcmp(word, "check") == 0 || strcmp(word, "hint") == 0) &&
               colon) {
        if (!open_ex(ps)) {
            fail(ps, line, "<!-- %s: ... --> outside an exercise", word);
            return;
        }
        if (!*arg) {
            fail(ps, line, "an empty %s", word);
            return;
        }
        lesson_exercise_t *ex = open_ex(ps);
        if (word[0] == 'h') {
            push_str(&ex->hints, &ex->nhints, arg);
            return;
        }
        char msg[256];
        lesson_cond_t c;
        if (lesson_cond_parse(arg, &c, msg, sizeof msg) < 0) {
            fail(ps, line, "%s", msg);
            return;
        }
        c.line = line;
        ex->checks = xrealloc(ex->checks, (ex->nchecks + 1) * sizeof c);
        ex->checks[ex->nchecks++] = c;
    } else {
        fail(ps, line, "unknown directive '<!-- %s -->' (FORMAT.md lists "
             "them; '<!-- # ... -->' is a comment)", body);
    }
}

/* ==== Fences ========================================================== */

static void open_fence(parser_t *ps, const char *info, const char *line)
{
    ps->fence_line = ps->lineno;
    if (!starts_with(info, "looplab") ||
        (info[7] && info[7] != ' ')) {
        ps->fence = FENCE_OTHER;
        prose_line(ps, line);
        return;
    }
    const char *what = info + 7;
    while (*what == ' ') {
        what++;
    }
    flush_prose(ps);
    if (!*what) {
        if (open_ex(ps)) {
            fail(ps, ps->lineno, "a transcript cannot be inside an exercise "
                 "(use a ```looplab setup block)");
            return;
        }
        ps->fence = FENCE_TRANSCRIPT;
        ps->block_first = ps->l->nitems;
        ps->block_narration = false;
        return;
    }
    bool setup = strcmp(what, "setup") == 0;
    if (!setup && strcmp(what, "solution") != 0) {
        fail(ps, ps->lineno, "unknown block '```looplab %s' (looplab, "
             "looplab setup or looplab solution)", what);
        return;
    }
    if (!open_ex(ps)) {
        fail(ps, ps->lineno, "a ```looplab %s block outside an exercise",
             what);
        return;
    }
    if ((setup && open_ex(ps)->nsetup) || (!setup && open_ex(ps)->nsolution)) {
        fail(ps, ps->lineno, "a second ```looplab %s block in one exercise",
             what);
        return;
    }
    ps->fence = setup ? FENCE_SETUP : FENCE_SOLUTION;
}

static void fence_content(parser_t *ps, const char *line)
{
    switch (ps->fence) {
    case FENCE_TRANSCRIPT:
        transcript_line(ps, line);
        break;
    case FENCE_SETUP:
        push_str(&open_ex(ps)->setup, &open_ex(ps)->nsetup, line);
        break;
    case FENCE_SOLUTION:
        push_str(&open_ex(ps)->solution, &open_ex(ps)->nsolution, line);
        break;
    default:
        prose_line(ps, line);
        break;
    }
}

static void close_fence(parser_t *ps, const char *line)
{
    fence_kind_t k = ps->fence;
    ps->fence = FENCE_NONE;
    if (k == FENCE_TRANSCRIPT) {
        end_transcript(ps);
    } else if (k == FENCE_OTHER) {
        prose_line(ps, line);
    } else {
        // Trailing blank lines of a setup or solution are not input.
        char ***v = k == FENCE_SETUP ? &open_ex(ps)->setup : &open_ex(ps)->solution;
        size_t *n = k == FENCE_SETUP ? &open_ex(ps)->nsetup : &open_ex(ps)->nsolution;
        while (*n > 0 && (*v)[*n - 1][0] == 0) {
            free((*v)[--*n]);
        }
        if (*n == 0) {
            fail(ps, ps->fence_line, "an empty ```looplab %s block",
                 k == FENCE_SETUP ? "setup" : "solution");
        }
    }
}

/* ==== The line loop =================================================== */

/* Id and number from the file name: "lessons/03-types.md" gives
 * "03-types" and 3. */
static void name_lesson(lesson_t *l, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".md") == 0) {
        n -= 3;
    }
    l->id = xstrndup(base, n);
    l->number = atoi(base);
}

static void parse_lines(parser_t *ps, const char *text)
{
    const char *p = text;
    char *comment = NULL; // a directive spanning lines
    int comment_line = 0;
    while (*p && !ps->failed) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && p[n - 1] == '\r') {
            n--;
        }
        // Trailing spaces are not significant anywhere (editors strip
        // them; looplab --plain echoes "... " for an empty line).
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) {
            n--;
        }
        char *line = xstrndup(p, n);
        ps->lineno++;
        p = nl ? nl + 1 : p + strlen(p);
        const char *t = line;
        while (*t == ' ') {
            t++;
        }
        if (comment) {
            char *end = strstr(line, "-->");
            add_line(&comment, "");
            comment[strlen(comment) - 1] = ' ';
            if (end) {
                *end = 0;
                add_line(&comment, line);
                comment[strlen(comment) - 1] = 0;
                char *body = trimmed(comment, strlen(comment));
                directive(ps, body, comment_line);
                free(body);
                free(comment);
                comment = NULL;
            } else {
                add_line(&comment, line);
                comment[strlen(comment) - 1] = 0;
            }
        } else if (ps->fence != FENCE_NONE) {
            if (starts_with(t, "```") && t[3 + strspn(t + 3, "`")] == 0 &&
                t - line < 4) {
                close_fence(ps, line);
            } else {
                fence_content(ps, line);
            }
        } else if (starts_with(t, "```") && t - line < 4) {
            char *info = trimmed(t + 3 + strspn(t + 3, "`"),
                                 strlen(t + 3 + strspn(t + 3, "`")));
            open_fence(ps, info, line);
            free(info);
        } else if (starts_with(line, "<!--")) {
            flush_prose(ps);
            char *end = strstr(line + 4, "-->");
            if (end) {
                *end = 0;
                char *body = trimmed(line + 4, strlen(line + 4));
                directive(ps, body, ps->lineno);
                free(body);
            } else {
                comment = xstrdup(line + 4);
                comment_line = ps->lineno;
            }
        } else if (starts_with(line, "# ") && !ps->l->title) {
            flush_prose(ps);
            char *title = trimmed(line + 2, strlen(line + 2));
            ps->l->title = title;
        } else {
            prose_line(ps, line);
        }
        free(line);
    }
    if (comment) {
        fail(ps, comment_line, "unterminated comment: '<!--' without '-->'");
    }
    free(comment);
}

lesson_t *lesson_parse_string(const char *path, const char *text,
                              char *err, size_t errsz)
{
    lesson_t *l = xrealloc(NULL, sizeof *l);
    memset(l, 0, sizeof *l);
    l->path = xstrdup(path);
    name_lesson(l, path);
    parser_t ps = {0};
    ps.path = path;
    ps.l = l;
    ps.err = err;
    ps.errsz = errsz;
    parse_lines(&ps, text);
    if (!ps.failed && ps.fence != FENCE_NONE) {
        fail(&ps, ps.fence_line, "unterminated code block: '```' without "
             "its closing '```'");
    }
    if (!ps.failed) {
        flush_prose(&ps);
    }
    if (!ps.failed && ps.ex_item) {
        fail(&ps, ps.l->items[ps.ex_item - 1].ex.line, "exercise '%s' has no <!-- end exercise -->",
             ps.l->items[ps.ex_item - 1].ex.title);
    }
    if (!ps.failed && ps.predict) {
        fail(&ps, ps.predict->line, "a prediction with no step after it");
    }
    if (!ps.failed && !l->title) {
        fail(&ps, 1, "the lesson has no title (a first line '# Title')");
    }
    if (!ps.failed && l->nsteps == 0) {
        fail(&ps, 1, "the lesson has no steps (no ```looplab block)");
    }
    free(ps.prose);
    if (ps.predict) {
        free(ps.predict->question);
        free_strs(ps.predict->answers, ps.predict->nanswers);
        free(ps.predict);
    }
    if (ps.failed) {
        lesson_free(l);
        return NULL;
    }
    return l;
}

lesson_t *lesson_parse_file(const char *path, char *err, size_t errsz)
{
    size_t n = 0;
    char *buf = source_read(path, &n);
    if (!buf) {
        snprintf(err, errsz, "%s:0: cannot %s: %s", path,
                 errno == EIO ? "read" : "open", strerror(errno));
        return NULL;
    }
    if (strlen(buf) != n) {
        snprintf(err, errsz, "%s:0: the file contains a NUL byte (not a "
                 "text file)", path);
        free(buf);
        return NULL;
    }
    // Its prose goes to the terminal and its steps to the REPL: refuse
    // text that is not UTF-8 up front, naming the line of the first bad
    // byte and what CPython's codec says about it.
    char why[160];
    size_t at = vm_utf8_check(buf, n, why, sizeof why);
    if (at < n) {
        int line = 1;
        for (size_t i = 0; i < at; i++) {
            line += buf[i] == '\n';
        }
        snprintf(err, errsz, "%s:%d: the file is not UTF-8 text (%s)", path,
                 line, why);
        free(buf);
        return NULL;
    }
    lesson_t *l = lesson_parse_string(path, buf, err, errsz);
    free(buf);
    return l;
}

static void free_exercise(lesson_exercise_t *ex)
{
    free(ex->title);
    free(ex->text);
    for (size_t i = 0; i < ex->nchecks; i++) {
        lesson_cond_fini(&ex->checks[i]);
    }
    free(ex->checks);
    free_strs(ex->hints, ex->nhints);
    free_strs(ex->setup, ex->nsetup);
    free_strs(ex->solution, ex->nsolution);
}

void lesson_free(lesson_t *l)
{
    if (!l) {
        return;
    }
    for (size_t i = 0; i < l->nitems; i++) {
        lesson_item_t *it = &l->items[i];
        free(it->text);
        if (it->kind == LESSON_ITEM_STEP) {
            lesson_step_t *st = &it->step;
            free_strs(st->input, st->ninput);
            free(st->expected);
            if (st->predict) {
                free(st->predict->question);
                free_strs(st->predict->answers, st->predict->nanswers);
                free(st->predict);
            }
        } else if (it->kind == LESSON_ITEM_EXERCISE) {
            free_exercise(&it->ex);
        }
    }
    free(l->items);
    free(l->path);
    free(l->id);
    free(l->title);
    free(l);
}
