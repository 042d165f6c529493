/*
 * lesson_check.c - does a lesson tell the truth about looplab?
 *
 * A step's expected transcript is compared with what a fresh REPL child
 * (lesson_session.c) prints when the lesson's statements are typed into
 * it in order, one session per lesson, as the player does. Comparison is
 * doctest's, adapted to the REPL: line by line after cutting trailing
 * spaces, with two allowances that keep lessons readable and stable:
 *   - narration lines ("  ~ ...") count only in a block that shows some
 *     (so a block can show just what Python prints);
 *   - the stack of a traceback is skipped (the header and the exception
 *     line count), since its frames name looplab's asyncio internals and
 *     their line numbers, which are not what a lesson teaches.
 *
 * Exercise checks are evaluated on "facts": the trace of the exercise's
 * own session (fresh, so the learner's first task is Task-1), its output
 * and its ready queue.
 */
#include "lesson_check.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ==== Lines ============================================================ */

typedef struct lines {
    char **v;
    size_t n;
} lines_t;

static void lines_push(lines_t *l, const char *s, size_t n)
{
    l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
    char *d = malloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    l->v[l->n++] = d;
}

static void lines_free(lines_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i]);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static bool is_narration(const char *s)
{
    return strncmp(s, "  ~ ", 4) == 0;
}

/* Splits [text] into normalised lines: trailing spaces cut, 0x addresses
 * made equal, narration dropped unless [narration], traceback stacks
 * replaced by one "  ..." line (when [elide]) or dropped. */
static void split_norm(const char *text, bool narration, bool elide,
                       bool addresses, lines_t *out)
{
    bool in_tb = false;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) {
            n--;
        }
        char *line = malloc(n + 1);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            // 0x7f3a... -> 0x? (addresses differ from run to run).
            if (addresses && p[i] == '0' && i + 2 < n && p[i + 1] == 'x' &&
                isxdigit((unsigned char)p[i + 2])) {
                memcpy(line + k, "0x?", 3);
                k += 3;
                i += 2;
                while (i + 1 < n && isxdigit((unsigned char)p[i + 1])) {
                    i++;
                }
                continue;
            }
            line[k++] = p[i];
        }
        line[k] = 0;
        p = nl ? nl + 1 : p + strlen(p);
        bool narr = is_narration(line);
        if (in_tb && line[0] == ' ' && !narr) {
            free(line);
            continue; // a stack line
        }
        in_tb = false;
        if (narr && !narration) {
            free(line);
            continue;
        }
        lines_push(out, line, strlen(line));
        if (strcmp(line, "Traceback (most recent call last):") == 0) {
            in_tb = true;
            if (elide) {
                lines_push(out, "  ...", 5);
            }
        }
        free(line);
    }
    while (out->n && out->v[out->n - 1][0] == 0) {
        free(out->v[--out->n]);
    }
}

bool lesson_transcript_match(const char *expected, const char *actual,
                             bool narration)
{
    lines_t a = {0}, b = {0};
    split_norm(expected, narration, false, true, &a);
    split_norm(actual, narration, false, true, &b);
    bool same = a.n == b.n;
    for (size_t i = 0; same && i < a.n; i++) {
        same = strcmp(a.v[i], b.v[i]) == 0;
    }
    lines_free(&a);
    lines_free(&b);
    return same;
}

char *lesson_transcript_normalize(const char *actual, bool narration)
{
    lines_t l = {0};
    split_norm(actual, narration, true, false, &l);
    size_t len = 1;
    for (size_t i = 0; i < l.n; i++) {
        len += strlen(l.v[i]) + 1;
    }
    char *out = malloc(len), *q = out;
    *q = 0;
    for (size_t i = 0; i < l.n; i++) {
        q += sprintf(q, "%s\n", l.v[i]);
    }
    lines_free(&l);
    return out;
}

/* ==== Facts and conditions ============================================= */

int lesson_facts_collect(lesson_session_t *s, const char *transcript,
                         const char *const *lines, size_t n,
                         lesson_facts_t *f)
{
    memset(f, 0, sizeof *f);
    // The output: no echoes, no narration.
    char *stripped = lesson_session_strip_echo(transcript, lines, n);
    size_t len = 0;
    f->output = malloc(strlen(stripped) + 1);
    for (const char *p = stripped; *p;) {
        const char *nl = strchr(p, '\n');
        size_t k = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (!is_narration(p)) {
            memcpy(f->output + len, p, k);
            len += k;
        }
        p += k;
    }
    f->output[len] = 0;
    free(stripped);
    const char *cmds[] = {":trace 100000000", ":ready"};
    char *tr = lesson_session_feed(s, cmds, 1, LESSON_STEP_TIMEOUT_MS);
    char *rd = tr ? lesson_session_feed(s, cmds + 1, 1,
                                        LESSON_STEP_TIMEOUT_MS) : NULL;
    if (!tr || !rd) {
        free(tr);
        free(rd);
        return -1;
    }
    // ":trace" lines are "%6zu  EVENT" after the echo of the command.
    for (const char *p = tr; *p;) {
        const char *nl = strchr(p, '\n');
        size_t k = nl ? (size_t)(nl - p) : strlen(p);
        const char *q = p;
        while (*q == ' ') {
            q++;
        }
        const char *d = q;
        while (isdigit((unsigned char)*q)) {
            q++;
        }
        if (q > d && q[0] == ' ' && q[1] == ' ' && q < p + k) {
            f->trace = realloc(f->trace, (f->ntrace + 1) * sizeof *f->trace);
            size_t el = k - (size_t)(q + 2 - p);
            f->trace[f->ntrace] = malloc(el + 1);
            memcpy(f->trace[f->ntrace], q + 2, el);
            f->trace[f->ntrace++][el] = 0;
        }
        p += nl ? k + 1 : k;
    }
    f->ready_empty = strstr(rd, "\nready queue: empty\n") != NULL;
    free(tr);
    free(rd);
    return 0;
}

void lesson_facts_make(lesson_facts_t *f, const char *printed,
                       const char *const *trace, size_t ntrace,
                       bool ready_empty)
{
    memset(f, 0, sizeof *f);
    f->output = malloc(strlen(printed) + 1);
    size_t len = 0;
    for (const char *p = printed; *p;) {
        const char *nl = strchr(p, '\n');
        size_t k = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (!is_narration(p)) {
            memcpy(f->output + len, p, k);
            len += k;
        }
        p += k;
    }
    f->output[len] = 0;
    f->trace = malloc((ntrace ? ntrace : 1) * sizeof *f->trace);
    for (size_t i = 0; i < ntrace; i++) {
        f->trace[i] = strdup(trace[i]);
    }
    f->ntrace = ntrace;
    f->ready_empty = ready_empty;
}

void lesson_facts_fini(lesson_facts_t *f)
{
    for (size_t i = 0; i < f->ntrace; i++) {
        free(f->trace[i]);
    }
    free(f->trace);
    free(f->output);
    memset(f, 0, sizeof *f);
}

/* Index of the first trace event that starts with [kind] " " [id] and
 * then [more] (a prefix of the rest, "" for any), or -1. */
static long find_event(const lesson_facts_t *f, const char *kind,
                       const char *id, const char *more)
{
    size_t kl = strlen(kind), il = strlen(id), ml = strlen(more);
    for (size_t i = 0; i < f->ntrace; i++) {
        const char *e = f->trace[i];
        if (strncmp(e, kind, kl) != 0 || e[kl] != ' ' ||
            strncmp(e + kl + 1, id, il) != 0) {
            continue;
        }
        const char *rest = e + kl + 1 + il;
        if (ml == 0 ? (*rest == 0 || *rest == ' ' || *rest == '.')
                    : strncmp(rest, more, ml) == 0) {
            return (long)i;
        }
    }
    return -1;
}

/* How [id] ended, for messages: "finished with result 1", "is pending". */
static void describe(const lesson_facts_t *f, const char *id, char *buf,
                     size_t size)
{
    long d = find_event(f, "done", id, " ");
    if (d >= 0) {
        snprintf(buf, size, "%s %s", id, f->trace[d] + 5 + strlen(id) + 1);
    } else if (find_event(f, "task", id, " ") >= 0 ||
               find_event(f, "future", id, "") >= 0) {
        snprintf(buf, size, "%s is still pending", id);
    } else {
        snprintf(buf, size, "there is no %s", id);
    }
}

static bool eval(const lesson_cond_t *c, const lesson_facts_t *f, char *why,
                 size_t whysz)
{
    char da[256], db[256];
    switch (c->kind) {
    case LESSON_COND_OUTPUT_CONTAINS:
        snprintf(why, whysz, "the output has no \"%s\"", c->a);
        return strstr(f->output, c->a) != NULL;
    case LESSON_COND_TRACE_CONTAINS:
        for (size_t i = 0; i < f->ntrace; i++) {
            if (strstr(f->trace[i], c->a)) {
                snprintf(why, whysz, "event %zu is \"%s\"", i + 1,
                         f->trace[i]);
                return true;
            }
        }
        snprintf(why, whysz, "no trace event has \"%s\"", c->a);
        return false;
    case LESSON_COND_FINISHES_BEFORE:
    case LESSON_COND_STARTS_BEFORE: {
        bool fin = c->kind == LESSON_COND_FINISHES_BEFORE;
        long ia = fin ? find_event(f, "done", c->a, " ")
                      : find_event(f, "run", c->a, ".__step");
        long ib = fin ? find_event(f, "done", c->b, " ")
                      : find_event(f, "run", c->b, ".__step");
        if (ia < 0) {
            snprintf(why, whysz, "%s never %s", c->a,
                     fin ? "finished" : "started");
            return false;
        }
        if (ib < 0) {
            // A never finishing B: A finished first.
            snprintf(why, whysz, "%s never %s", c->b,
                     fin ? "finished" : "started");
            return true;
        }
        snprintf(why, whysz, "%s %s at event %ld, %s at event %ld", c->a,
                 fin ? "finished" : "started", ia + 1, c->b, ib + 1);
        return ia < ib;
    }
    case LESSON_COND_IS_DONE:
    case LESSON_COND_RETURNED:
    case LESSON_COND_IS_CANCELLED:
    case LESSON_COND_FAILED:
    case LESSON_COND_RAISED:
    case LESSON_COND_IS_PENDING: {
        describe(f, c->a, da, sizeof da);
        snprintf(why, whysz, "%s", da);
        long d = find_event(f, "done", c->a, " ");
        const char *rest = d >= 0 ? f->trace[d] + 5 + strlen(c->a) + 1 : "";
        switch (c->kind) {
        case LESSON_COND_IS_DONE:
            return strncmp(rest, "result ", 7) == 0;
        case LESSON_COND_RETURNED:
            return strncmp(rest, "result ", 7) == 0 &&
                   strcmp(rest + 7, c->b) == 0;
        case LESSON_COND_IS_CANCELLED:
            return strcmp(rest, "cancelled") == 0;
        case LESSON_COND_FAILED:
            return strncmp(rest, "exception ", 10) == 0;
        case LESSON_COND_RAISED:
            return strncmp(rest, "exception ", 10) == 0 &&
                   strcmp(rest + 10, c->b) == 0;
        default:
            return d < 0 && (find_event(f, "task", c->a, " ") >= 0 ||
                             find_event(f, "future", c->a, "") >= 0);
        }
    }
    case LESSON_COND_READY_EMPTY:
        snprintf(why, whysz, "the ready queue %s",
                 f->ready_empty ? "is empty" : "is not empty");
        return f->ready_empty;
    case LESSON_COND_TASKS_CREATED: {
        long k = 0;
        for (size_t i = 0; i < f->ntrace; i++) {
            k += strncmp(f->trace[i], "task ", 5) == 0;
        }
        snprintf(db, sizeof db, "%ld task%s created", k, k == 1 ? "" : "s");
        snprintf(why, whysz, "%s", db);
        return k == c->n;
    }
    }
    return false;
}

bool lesson_cond_eval(const lesson_cond_t *c, const lesson_facts_t *f,
                      char *why, size_t whysz)
{
    bool r = eval(c, f, why, whysz);
    return c->negate ? !r : r;
}

/* ==== Checking a lesson ================================================ */

static void report_diff(FILE *rep, const char *expected, const char *actual,
                        bool narration)
{
    char *norm = lesson_transcript_normalize(actual, narration);
    fprintf(rep, "  expected:\n");
    for (const char *p = expected; *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(rep, "    | %.*s\n", n, p);
        p += nl ? n + 1 : n;
    }
    fprintf(rep, "  looplab printed:\n");
    for (const char *p = norm; *p;) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(rep, "    | %.*s\n", n, p);
        p += nl ? n + 1 : n;
    }
    free(norm);
}

/* The answer must appear in what the step printed: the prediction is
 * then as true as the transcript. Compared without case. */
static bool answer_shown(const char *answer, const char *text)
{
    size_t al = strlen(answer);
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, answer, al) == 0) {
            return true;
        }
    }
    return false;
}

/* Does a block have any output line? A block of bare ">>> " lines is a
 * block not written yet: --update fills it in with narration. */
static bool step_bare(const lesson_step_t *st)
{
    for (const char *p = st->expected; *p;) {
        if (strncmp(p, ">>>", 3) != 0 && strncmp(p, "...", 3) != 0 &&
            *p != '\n') {
            return false;
        }
        const char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : p + strlen(p);
    }
    return true;
}

static bool block_bare(const lesson_t *l, int block)
{
    for (size_t i = 0; i < l->nitems; i++) {
        const lesson_item_t *it = &l->items[i];
        if (it->kind == LESSON_ITEM_STEP && it->step.block == block &&
            !step_bare(&it->step)) {
            return false;
        }
    }
    return true;
}

/* Runs [setup] then [solution] of [ex] in a fresh session and checks. */
static int check_exercise(const lesson_t *l, const lesson_exercise_t *ex,
                          FILE *rep)
{
    char err[256];
    lesson_session_t *s = lesson_session_start(err, sizeof err);
    if (!s) {
        fprintf(rep, "%s:%d: %s\n", l->path, ex->line, err);
        return 1;
    }
    int bad = 0;
    // A setup ending in a compound statement is closed, as the player
    // does, so the solution starts at ">>> ".
    const char **setup = malloc((ex->nsetup + 1) * sizeof *setup);
    for (size_t i = 0; i < ex->nsetup; i++) {
        setup[i] = ex->setup[i];
    }
    size_t nsetup = ex->nsetup;
    char *t1 = lesson_session_feed(s, setup, nsetup,
                                   LESSON_STEP_TIMEOUT_MS);
    if (t1 && strcmp(lesson_session_prompt(s), "... ") == 0) {
        setup[nsetup++] = "";
        char *more = lesson_session_feed(s, setup + nsetup - 1, 1,
                                         LESSON_STEP_TIMEOUT_MS);
        char *j = more ? malloc(strlen(t1) + strlen(more) + 1) : NULL;
        if (j) {
            strcpy(j, t1);
            strcat(j, more);
        }
        free(t1);
        free(more);
        t1 = j;
    }
    lesson_facts_t before, after;
    if (!t1 || lesson_facts_collect(s, t1, setup, nsetup, &before) < 0) {
        fprintf(rep, "%s:%d: exercise '%s': the setup hung or ended the "
                "session\n", l->path, ex->line, ex->title);
        free(t1);
        free(setup);
        lesson_session_free(s);
        return 1;
    }
    char *t2 = lesson_session_feed(s, (const char *const *)ex->solution,
                                   ex->nsolution, LESSON_STEP_TIMEOUT_MS);
    // The facts are taken over the whole exercise session.
    size_t n = nsetup + ex->nsolution;
    const char **all = malloc((n + 1) * sizeof *all);
    for (size_t i = 0; i < nsetup; i++) {
        all[i] = setup[i];
    }
    for (size_t i = 0; i < ex->nsolution; i++) {
        all[nsetup + i] = ex->solution[i];
    }
    char *both = NULL;
    if (t2) {
        both = malloc(strlen(t1) + strlen(t2) + 1);
        strcpy(both, t1);
        strcat(both, t2);
    }
    if (!t2 || lesson_facts_collect(s, both, all, n, &after) < 0) {
        fprintf(rep, "%s:%d: exercise '%s': the reference solution hung or "
                "ended the session\n", l->path, ex->line, ex->title);
        bad = 1;
    } else {
        size_t already = 0;
        for (size_t i = 0; i < ex->nchecks; i++) {
            char why[512];
            if (!lesson_cond_eval(&ex->checks[i], &after, why, sizeof why)) {
                fprintf(rep, "%s:%d: exercise '%s': the reference solution "
                        "fails the check '%s': %s\n", l->path,
                        ex->checks[i].line, ex->title,
                        ex->checks[i].source, why);
                bad++;
            }
            already += lesson_cond_eval(&ex->checks[i], &before, why,
                                        sizeof why);
        }
        if (already == ex->nchecks) {
            fprintf(rep, "%s:%d: exercise '%s': the checks already pass "
                    "before the learner does anything\n", l->path, ex->line,
                    ex->title);
            bad++;
        }
        lesson_facts_fini(&after);
    }
    lesson_facts_fini(&before);
    free(setup);
    free(all);
    free(both);
    free(t1);
    free(t2);
    lesson_session_free(s);
    return bad;
}

/* Rewrites the transcripts of [l]'s file: [fresh][i] replaces the lines
 * of the i-th step. Written through a temporary file and rename, so an
 * interrupted update leaves the lesson as it was. */
static int rewrite(const lesson_t *l, char **fresh, FILE *rep)
{
    FILE *f = fopen(l->path, "rb");
    if (!f) {
        fprintf(rep, "%s:0: cannot read: %s\n", l->path, strerror(errno));
        return 1;
    }
    lines_t src = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    while ((k = getline(&line, &cap, f)) >= 0) {
        lines_push(&src, line, (size_t)k);
    }
    free(line);
    fclose(f);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.update.tmp", l->path);
    FILE *o = fopen(tmp, "wb");
    if (!o) {
        fprintf(rep, "%s:0: cannot write %s: %s\n", l->path, tmp,
                strerror(errno));
        lines_free(&src);
        return 1;
    }
    size_t si = 0;
    for (size_t i = 0; i < src.n; i++) {
        int lineno = (int)i + 1;
        // The next step whose lines start here.
        const lesson_step_t *st = NULL;
        size_t which = 0;
        for (size_t j = 0, s = 0; j < l->nitems; j++) {
            if (l->items[j].kind != LESSON_ITEM_STEP) {
                continue;
            }
            if (l->items[j].step.line == lineno) {
                st = &l->items[j].step;
                which = s;
                break;
            }
            s++;
        }
        if (st && fresh[which]) {
            fputs(fresh[which], o);
            i = (size_t)st->end_line - 1;
            si++;
        } else {
            fputs(src.v[i], o);
        }
    }
    (void)si;
    lines_free(&src);
    if (fclose(o) != 0 || rename(tmp, l->path) != 0) {
        fprintf(rep, "%s:0: cannot replace the file: %s\n", l->path,
                strerror(errno));
        remove(tmp);
        return 1;
    }
    return 0;
}

int lesson_check(const lesson_t *l, FILE *rep, bool update)
{
    char err[256];
    lesson_session_t *s = lesson_session_start(err, sizeof err);
    if (!s) {
        fprintf(rep, "%s:0: %s\n", l->path, err);
        return 1;
    }
    int bad = 0;
    char **fresh = calloc(l->nsteps + 1, sizeof *fresh);
    size_t si = 0;
    bool changed = false;
    for (size_t i = 0; i < l->nitems; i++) {
        const lesson_item_t *it = &l->items[i];
        if (it->kind == LESSON_ITEM_EXERCISE) {
            bad += check_exercise(l, &it->ex, rep);
            continue;
        }
        if (it->kind != LESSON_ITEM_STEP) {
            continue;
        }
        const lesson_step_t *st = &it->step;
        char *got = lesson_session_feed(s, (const char *const *)st->input,
                                        st->ninput, LESSON_STEP_TIMEOUT_MS);
        if (!got) {
            fprintf(rep, "%s:%d: the step hung or ended the session (no "
                    "later step is checked)\n", l->path, st->line);
            bad++;
            break;
        }
        bool same = lesson_transcript_match(st->expected, got,
                                            st->narration);
        if (update) {
            // A step that matches stays as written (its addresses, its
            // "  ..." lines); only the others are rewritten.
            bool narr = st->narration || block_bare(l, st->block);
            if (!same || block_bare(l, st->block)) {
                fresh[si] = lesson_transcript_normalize(got, narr);
                changed |= strcmp(fresh[si], st->expected) != 0;
            }
        } else if (!same) {
            fprintf(rep, "%s:%d: the transcript differs from what looplab "
                    "prints\n", l->path, st->line);
            report_diff(rep, st->expected, got, st->narration);
            bad++;
        }
        if (st->predict) {
            char *shown = lesson_session_strip_echo(
                got, (const char *const *)st->input, st->ninput);
            if (!answer_shown(st->predict->answers[0], shown)) {
                fprintf(rep, "%s:%d: the prediction's answer '%s' does not "
                        "appear in what its step prints\n", l->path,
                        st->predict->line, st->predict->answers[0]);
                bad++;
            }
            free(shown);
        }
        free(got);
        si++;
    }
    lesson_session_free(s);
    if (update && changed) {
        bad += rewrite(l, fresh, rep);
        if (bad == 0) {
            fprintf(rep, "%s: transcripts updated\n", l->path);
        }
    }
    for (size_t i = 0; i < l->nsteps; i++) {
        free(fresh[i]);
    }
    free(fresh);
    return bad;
}

/* ==== Predictions ====================================================== */

/* Folds an answer for comparison: no case, no surrounding quotes or
 * backticks, no final full stop, single spaces. */
static char *fold(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s == ' ' || *s == '`' || *s == '"' || *s == '\'') {
        s++;
    }
    for (; *s; s++) {
        if (*s == ' ' && (o == out || o[-1] == ' ')) {
            continue;
        }
        *o++ = (char)tolower((unsigned char)*s);
    }
    while (o > out && (o[-1] == ' ' || o[-1] == '`' || o[-1] == '"' ||
                       o[-1] == '\'' || o[-1] == '.')) {
        o--;
    }
    *o = 0;
    return out;
}

bool lesson_answer_right(const lesson_predict_t *pr, const char *answer)
{
    char *a = fold(answer);
    bool ok = false;
    for (size_t i = 0; i < pr->nanswers && !ok; i++) {
        char *b = fold(pr->answers[i]);
        ok = strcmp(a, b) == 0;
        free(b);
    }
    free(a);
    return ok;
}
