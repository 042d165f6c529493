/*
 * repl.c - the REPL engine: Python's interactive prompt over a held event
 * loop, and the ":" commands.
 *
 * Asyncio mode (the default) is python -m asyncio's: asyncio is imported,
 * a loop counts as running so asyncio.create_task works at the prompt, and
 * top-level await runs. Unlike python -m asyncio the loop is held: it moves
 * only on :step, :tick, :run or an await at the prompt, so what is
 * scheduled but not yet run stays visible. Script mode is plain python3:
 * no running loop at the prompt, asyncio.run works.
 *
 * After every statement or command the new trace events are narrated
 * (narrate.c) from the model (core/model.c), the same fold the views use.
 */
#include "repl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aio.h"
#include "app.h"
#include "code.h"
#include "lex.h"
#include "model.h"
#include "narrate.h"
#include "obj_int.h"
#include "parse.h"
#include "source.h"
#include "trace.h"

/* Narration is cut after this many lines per statement or command. */
#define NARRATE_MAX_LINES 200

struct repl {
    repl_options_t opts;
    bool asyncio_mode;
    vm_t *vm;
    trace_t *trace;
    model_t model;
    size_t seen;           /* events already narrated */
    size_t unnarrated;     /* dropped (--trace-limit) before narration */
    module_t *main;
    char *buf;             /* the statement being typed */
    size_t buflen;
    volatile int interrupt;
};

/* ---- Set-up --------------------------------------------------------- */

static void out(repl_t *r, const char *s)
{
    (void)r;
    fputs(s, stdout);
}

static void print_exc(repl_t *r, obj_t *e)
{
    fflush(stdout);
    vm_print_exception(r->vm, e, stderr);
    fflush(r->vm->err.fp);
}

/* trace_drop_fn: an event leaves the trace (--trace-limit). One not yet
 * narrated still goes into the model, so what :tasks and the narration
 * say stays right; it is only counted for the narration. */
static void on_drop(void *ctx, size_t i, const char *line)
{
    repl_t *r = ctx;
    if (i == r->seen) {
        model_apply(&r->model, line);
        r->seen++;
        r->unnarrated++;
    }
}

static int setup(repl_t *r)
{
    r->trace = trace_new();
    model_init(&r->model);
    trace_set_limit(r->trace, r->opts.trace_limit);
    trace_watch(r->trace, on_drop, r);
    r->vm = vm_new();
    r->vm->interrupt = &r->interrupt;
    if (!isatty(fileno(stdin))) {
        // A transcript is one stream: tracebacks land where they occur.
        r->vm->err.fp = stdout;
    }
    aio_options_t ao = {r->opts.realtime, r->trace, NULL};
    if (aio_init(r->vm, &ao) < 0) {
        fprintf(stderr, "looplab: internal error: the asyncio prelude failed "
                "to load\n");
        return -1;
    }
    r->main = module_new(r->vm, "__main__");
    vm_t *vm = r->vm;
    dict_set(vm, vm->modules, (obj_t *)r->main->name, (obj_t *)r->main);
    dict_set(vm, r->main->dict, (obj_t *)vm->s.__builtins__,
             dict_get_cstr(vm, vm->modules, "builtins"));
    dict_set(vm, r->main->dict, (obj_t *)vm->s.__doc__, vm->none);
    if (r->asyncio_mode) {
        obj_t *m = dict_get_cstr(vm, vm->modules, "asyncio");
        dict_set_cstr(vm, r->main->dict, "asyncio", m);
        if (aio_hold(vm) < 0) {
            return -1;
        }
    }
    // The start-up events are not narrated: the banner says it.
    for (; r->seen < trace_count(r->trace); r->seen++) {
        model_apply(&r->model, trace_line(r->trace, r->seen));
    }
    r->unnarrated = 0;
    return 0;
}

static void teardown(repl_t *r)
{
    if (r->vm) {
        aio_free(r->vm);
        vm_free(r->vm);
        r->vm = NULL;
    }
    trace_free(r->trace);
    r->trace = NULL;
    model_free(&r->model);
    r->seen = 0;
}

repl_t *repl_new(const repl_options_t *opts)
{
    repl_t *r = calloc(1, sizeof *r);
    r->opts = *opts;
    r->asyncio_mode = !opts->script_mode;
    if (setup(r) < 0) {
        teardown(r);
        free(r);
        return NULL;
    }
    return r;
}

void repl_free(repl_t *r)
{
    if (!r) {
        return;
    }
    teardown(r);
    free(r->buf);
    free(r);
}

const struct trace *repl_trace(const repl_t *r)
{
    return r->trace;
}

volatile int *repl_interrupt_flag(repl_t *r)
{
    return &r->interrupt;
}

const char *repl_prompt(const repl_t *r)
{
    return r->buflen ? "... " : ">>> ";
}

void repl_cancel_input(repl_t *r)
{
    r->buflen = 0;
    if (r->buf) {
        r->buf[0] = 0;
    }
}

/* ---- Narration ------------------------------------------------------ */

/* Events [from, to) (from < to) of [t] as an array of lines, since
 * narrate_events looks ahead and trace_line's buffer holds one line at
 * a time: the lines are copied, one after the other, into *[block]. The
 * caller frees the array and *[block]. */
static const char **copy_lines(const trace_t *t, size_t from, size_t to,
                               char **block)
{
    size_t n = to - from, len = 0, cap = 4096;
    size_t *at = malloc(n * sizeof *at);
    char *b = malloc(cap);
    if (!at || !b) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        const char *s = trace_line(t, from + i);
        size_t k = strlen(s) + 1;
        if (len + k > cap) {
            cap = (len + k) * 2;
            b = realloc(b, cap);
            if (!b) {
                abort();
            }
        }
        memcpy(b + len, s, k);
        at[i] = len;
        len += k;
    }
    // Offsets become pointers once the block has stopped moving.
    const char **lines = malloc(n * sizeof *lines);
    if (!lines) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        lines[i] = b + at[i];
    }
    free(at);
    *block = b;
    return lines;
}

static void narrate(repl_t *r)
{
    size_t n = trace_count(r->trace);
    if (r->unnarrated && !r->opts.quiet) {
        printf("  ~ (%zu events dropped by --trace-limit %zu before they "
               "were narrated)\n", r->unnarrated, r->opts.trace_limit);
    }
    r->unnarrated = 0;
    if (r->seen >= n) {
        return;
    }
    size_t first = r->seen;
    char *block;
    const char **lines = copy_lines(r->trace, r->seen, n, &block);
    char *text = NULL;
    size_t len = 0;
    narrate_events(&r->model, lines, 0, n - r->seen, &text, &len);
    free(lines);
    free(block);
    r->seen = n;
    if (!text || r->opts.quiet) {
        free(text);
        return;
    }
    // Long runs are cut: :trace shows everything.
    size_t shown = 0;
    char *p = text;
    while (*p && shown < NARRATE_MAX_LINES) {
        char *nl = strchr(p, '\n');
        if (!nl) {
            break;
        }
        p = nl + 1;
        shown++;
    }
    fflush(stdout);
    fwrite(text, 1, (size_t)(p - text), stdout);
    if (*p) {
        // What was cut is told in events, the unit :trace counts in.
        size_t more = 0;
        for (char *q = p; *q; q++) {
            more += *q == '\n';
        }
        printf("  ~ ... %zu more lines of narration (:trace %zu shows the "
               "%zu events)\n", more, n - first, n - first);
    }
    fflush(stdout);
    free(text);
}

/* ---- Running code ---------------------------------------------------- */

/* Runs the code object [co] in __main__: a coroutine (top-level await)
 * becomes a task on the held loop, which runs until it is done. */
static void run_code(repl_t *r, code_t *co)
{
    vm_t *vm = r->vm;
    frame_t *f = frame_new(vm, co, r->main->dict, NULL, NULL);
    obj_t *res;
    if (co->flags & CO_COROUTINE) {
        obj_t *coro = gen_new(vm, f, NULL);
        obj_t *loop = aio_held_loop(vm);
        obj_t *ct = loop ? obj_getattr(vm, loop, str_intern(vm, "create_task"))
                         : NULL;
        obj_t *task = ct ? vm_call1(vm, ct, coro) : NULL;
        if (!task) {
            res = NULL;
        } else {
            vm_pin(vm, task);
            bool idle;
            long ran = aio_drive(vm, AIO_DRIVE_UNTIL, 0, task, &idle);
            res = NULL;
            if (ran < 0 && vm_exc_matches(vm, EXC_KeyboardInterrupt)) {
                // As python -m asyncio does: the interrupted statement's
                // task is cancelled, so it does not resume on the next step.
                obj_t *e = vm_take_exc(vm);
                vm_pin(vm, e);
                obj_t *cancel = obj_getattr(vm, task, vm->s.cancel);
                if (!cancel || !vm_call0(vm, cancel)) {
                    vm->exc = NULL;
                }
                vm->nextra--;
                vm->exc = e;
            }
            if (ran >= 0) {
                obj_t *done = obj_getattr(vm, task, vm->s.done);
                obj_t *d = done ? vm_call0(vm, done) : NULL;
                if (d == vm->false_) {
                    static const char msg[] =
                        "looplab: the loop is idle but the awaited statement "
                        "is not done: it would wait forever (the task stays "
                        "pending)\n";
                    fflush(stdout);
                    vm_write_err(vm, msg, sizeof msg - 1);
                    res = vm->none;
                } else if (d) {
                    obj_t *rf = obj_getattr(vm, task, vm->s.result);
                    res = rf ? vm_call0(vm, rf) : NULL;
                }
            }
            vm->nextra--;
        }
    } else {
        bool y;
        // The statement's frame counts toward the recursion limit, as
        // <module> does in CPython's REPL.
        vm->depth++;
        res = vm_eval(vm, f, NULL, false, &y);
        vm->depth--;
    }
    if (!res) {
        obj_t *e = vm_take_exc(vm);
        if (e && obj_isinstance_t(e, EXC_TYPE(vm, SystemExit))) {
            vm_pin(vm, e);
            int status = vm_exit_status(vm, e);
            vm->nextra--;
            fflush(stdout);
            exit(status);
        }
        if (e) {
            print_exc(r, e);
        }
    }
    if (vm->nogc == 0) {
        gc_collect(vm);
    }
}

static void exec_source(repl_t *r, const char *src, const char *filename,
                        int flags)
{
    vm_t *vm = r->vm;
    if (r->asyncio_mode) {
        flags |= COMPILE_TOPLEVEL_AWAIT;
    }
    code_t *co = compile_source_ex(vm, src, strlen(src), filename, flags);
    if (!co) {
        print_exc(r, vm_take_exc(vm));
        return;
    }
    vm_pin(vm, (obj_t *)co);
    run_code(r, co);
    vm->nextra--;
}

/* ---- Is the statement complete? -------------------------------------- */

/* What the prompt does with the lines typed so far. Mirrors Lib/codeop.py
 * _maybe_compile as `python -m asyncio` uses it (the C REPL of `python -i`
 * agrees on everything below but the one message noted in status()). */
enum { SRC_RUN, SRC_MORE, SRC_ERROR };

static bool is_compound_start(const lex_token_t *t)
{
    static const char *const heads[] = {"if", "while", "for", "try", "with",
                                        "def", "class", "async", "@", NULL};
    for (int i = 0; heads[i]; i++) {
        if (lex_is(t, heads[i])) {
            return true;
        }
    }
    return false;
}

static int count_lines(const char *src)
{
    int n = 0;
    for (const char *p = src; *p; p++) {
        n += *p == '\n';
    }
    return n;
}

/* [src] ends with a newline and holds at least one line of code. With an
 * open bracket the parser is asked about the text with the brackets closed
 * on a line of their own: an error before that line is one CPython reports
 * at once (`def f(:`), anything else waits for more lines. A compound
 * statement waits for a blank line (codeop compiles without implying the
 * final DEDENT); a second statement after it is an error. On SRC_ERROR,
 * *fixed is the text to compile for the error and *err_line/err_col set
 * when the error is one the parser does not report (else 0). */
static int status(repl_t *r, const char *src, bool last_blank, char **fixed,
                  int *err_line, int *err_col)
{
    size_t len = strlen(src);
    int nlines = count_lines(src);
    *fixed = NULL;
    *err_line = *err_col = 0;
    lex_result_t lr;
    lex_run(src, len, &lr);
    if (!lr.ok) {
        bool open = strstr(lr.err_msg, "was never closed") != NULL;
        bool more = strstr(lr.err_msg, "unterminated triple-quoted") ||
                    strstr(lr.err_msg, "unexpected EOF");
        lex_free(&lr);
        if (more) {
            return SRC_MORE;
        }
        if (!open) {
            return SRC_RUN;  // compiling reports the lexer's error
        }
        size_t plen;
        char *patched = parse_close_brackets(src, len, &plen);
        if (!patched) {
            return SRC_RUN;
        }
        parse_result_t pr;
        parse_module(patched, plen, &pr);
        int st = SRC_MORE;
        if (!pr.tree && pr.err_type && pr.err_line <= nlines) {
            st = SRC_ERROR;
            // The parser looked past the last token for this one, and
            // compile() of a string (codeop) meets the end of input with a
            // bracket open there: '(' was never closed. `python -i` reads
            // interactively and keeps the comma hint.
            if (r->asyncio_mode && strstr(pr.err_msg, "forgot a comma")) {
                free(patched);
                patched = NULL;
            }
        }
        parse_free(&pr);
        if (st == SRC_ERROR) {
            *fixed = patched;
        } else {
            free(patched);
        }
        return st;
    }
    bool compound = lr.ntoks > 0 && is_compound_start(&lr.toks[0]);
    lex_free(&lr);
    // A trailing backslash joins the next line (not inside a comment, and
    // the lexer has already failed on one inside a string).
    const char *last = src + len - 1;  // the final '\n'
    const char *bol = last;
    while (bol > src && bol[-1] != '\n') {
        bol--;
    }
    if (last > bol && last[-1] == '\\' &&
        !memchr(bol, '#', (size_t)(last - bol))) {
        return SRC_MORE;
    }
    if (!compound) {
        return SRC_RUN;
    }
    parse_result_t pr;
    parse_module(src, len, &pr);
    int st;
    if (!pr.tree) {
        // A failure on the end of input (`if x:` with no body yet, `try:`
        // without except) waits; one on a real line is reported.
        st = pr.err_type && pr.err_line > nlines ? SRC_MORE : SRC_RUN;
    } else if (pr.tree->l1.n > 1) {
        st = SRC_ERROR;
        *err_line = pr.tree->l1.v[1]->line;
        *err_col = pr.tree->l1.v[1]->col;
    } else {
        st = last_blank ? SRC_RUN : SRC_MORE;
    }
    parse_free(&pr);
    return st;
}

/* ---- Commands -------------------------------------------------------- */

static const char help_text[] =
    "Type Python (asyncio is imported; top-level await works). Commands:\n"
    "  :step [n]      run the next n handles (default 1)\n"
    "  :tick [n]      run n whole loop iterations (default 1)\n"
    "  :run           run until nothing is ready and no timer is pending\n"
    "  :run Task-2    run until that task is done\n"
    "  :ready         the ready queue, head first\n"
    "  :timers        the timers, soonest first, and the clock\n"
    "  :tasks         every task: state, where it waits, cancel requests\n"
    "  :trace [n]     the last n trace events (default 20)\n"
    "  :why           the last create_task / ensure_future decision\n"
    "  :reset         start over (same mode)\n"
    "  :mode [asyncio|script]  show or switch the mode (starts over)\n"
    "  :load FILE.py  run a file in this session\n"
    "  :help          this text\n"
    "  :quit          leave (Ctrl-D does too)\n";

static long count_arg(const char *arg, long dflt)
{
    if (!arg || !*arg) {
        return dflt;
    }
    char *end;
    long n = strtol(arg, &end, 10);
    return *end || n < 1 ? -1 : n;
}

static void drive(repl_t *r, int mode, long n, obj_t *until)
{
    vm_t *vm = r->vm;
    if (!aio_is_held(vm)) {
        out(r, "no loop is held in script mode (use asyncio.run, or :mode "
               "asyncio)\n");
        return;
    }
    bool idle;
    long ran = aio_drive(vm, mode, n, until, &idle);
    if (ran < 0) {
        obj_t *e = vm_take_exc(vm);
        narrate(r);
        if (e) {
            print_exc(r, e);
        }
        return;
    }
    narrate(r);
    if (idle && !r->opts.quiet) {
        out(r, "  ~ the loop is idle: nothing ready, no timer pending\n");
    }
}

static const char *state_name(int s)
{
    switch (s) {
    case TASK_PENDING: return "scheduled, not started";
    case TASK_RUNNING: return "running";
    case TASK_SUSPENDED: return "suspended";
    case TASK_DONE: return "done";
    case TASK_FAILED: return "failed";
    default: return "cancelled";
    }
}

static void cmd_ready(repl_t *r)
{
    model_t *m = &r->model;
    if (m->nready == 0) {
        out(r, "ready queue: empty\n");
        return;
    }
    printf("ready queue (%zu, head first):\n", m->nready);
    for (size_t i = 0; i < m->nready; i++) {
        const model_handle_t *h = model_ready_at(m, i);
        printf("  %zu. %s%s\n", i + 1, h->cb,
               h->cancelled ? "   (cancelled: skipped when reached)" : "");
    }
}

static void cmd_timers(repl_t *r)
{
    model_t *m = &r->model;
    printf("clock: t=%.6f\n", m->clock);
    if (m->ntimers == 0) {
        out(r, "timers: none\n");
        return;
    }
    printf("timers (%zu, soonest first):\n", m->ntimers);
    const model_handle_t **order = malloc(m->ntimers * sizeof *order);
    if (!order) {
        return;
    }
    size_t n = model_timers_sorted(m, order, m->ntimers);
    for (size_t i = 0; i < n; i++) {
        printf("  t=%.6f  %s%s\n", order[i]->when, order[i]->cb,
               order[i]->cancelled ? "   (cancelled)" : "");
    }
    free(order);
}

static void cmd_tasks(repl_t *r)
{
    model_t *m = &r->model;
    if (m->ntasks == 0) {
        out(r, "no tasks yet\n");
        return;
    }
    for (size_t i = 0; i < m->ntasks; i++) {
        const model_task_t *t = model_task_at(m, i);
        printf("%-10s %s()  %s", t->id, t->coro, state_name(t->state));
        if (t->state == TASK_SUSPENDED && t->where) {
            printf(" at %s", t->where);
        }
        if (t->waiting_on && t->state == TASK_SUSPENDED) {
            printf(", waiting on a timer: %s", t->waiting_on);
        }
        if (t->result && t->state != TASK_SUSPENDED &&
            t->state != TASK_CANCELLED) {
            printf(" (%s)", t->result);
        }
        if (t->cancel_requests) {
            printf(", cancel requests: %d", t->cancel_requests);
        }
        printf("\n");
    }
}

static void cmd_trace(repl_t *r, long n)
{
    size_t total = trace_count(r->trace);
    size_t from = total > (size_t)n ? total - (size_t)n : 0;
    size_t kept = trace_first(r->trace);
    if (from < kept) {
        printf("  (events 1-%zu were dropped by --trace-limit %zu)\n", kept,
               r->opts.trace_limit);
        from = kept;
    }
    for (size_t i = from; i < total; i++) {
        printf("%6zu  %s\n", i + 1, trace_line(r->trace, i));
    }
}

static void cmd_why(repl_t *r)
{
    model_decision_t *d = &r->model.decision;
    if (d->api == DEC_NONE) {
        out(r, "no create_task or ensure_future call yet\n");
        return;
    }
    if (d->api == DEC_CREATE_TASK) {
        bool not_coro = d->loop_running && !d->task;
        printf("asyncio.create_task(%s%s)\n", d->what ? d->what : "?",
               not_coro ? " object" : "()");
        printf("  1. a running event loop? ..... %s\n",
               d->loop_running ? "yes" : "NO  -> RuntimeError: no running "
                                         "event loop");
        if (d->loop_running) {
            if (d->task) {
                printf("  2. a coroutine? .............. yes -> loop.create_"
                       "task(coro): %s created, its first step queued\n",
                       d->task);
            } else {
                printf("  2. a coroutine? .............. NO  -> TypeError: "
                       "a coroutine was expected\n");
            }
        }
        return;
    }
    const char *k = d->kind;
    bool fut = strcmp(k, "future") == 0, coro = strcmp(k, "coroutine") == 0;
    bool aw = strcmp(k, "awaitable") == 0;
    // The argument as the narration names it.
    if (fut) {
        printf("asyncio.ensure_future(%s)\n", d->what ? d->what : "?");
    } else if (coro) {
        printf("asyncio.ensure_future(%s())\n", d->what ? d->what : "?");
    } else {
        printf("asyncio.ensure_future(<%s object>)\n", d->what ? d->what
                                                              : "?");
    }
    printf("  1. a Future or Task? ......... %s\n",
           fut ? "yes -> returned as is (the same object)" : "no");
    if (fut) {
        return;
    }
    printf("  2. a coroutine? .............. %s\n",
           coro ? "yes -> loop.create_task(coro)" : "no");
    if (!coro) {
        printf("  3. an awaitable (__await__)? . %s\n",
               aw ? "yes -> loop.create_task(_wrap_awaitable(obj))"
                  : "no  -> TypeError: An asyncio.Future, a coroutine or an "
                    "awaitable is required");
    }
    if (coro || aw) {
        printf("     the loop: %s\n", d->loop_running
                   ? "the running loop"
                   : "loop= if given, else the policy's loop (3.11.7 creates "
                     "one if none was set)");
        if (d->task) {
            printf("     => %s created, its first step queued\n", d->task);
        } else {
            printf("     => no task (the call raised)\n");
        }
    }
}

static void reset(repl_t *r, bool asyncio_mode)
{
    teardown(r);
    r->asyncio_mode = asyncio_mode;
    repl_cancel_input(r);
    if (setup(r) < 0) {
        fprintf(stderr, "looplab: could not restart\n");
        exit(70);
    }
}

static void cmd_load(repl_t *r, const char *path)
{
    if (r->opts.no_files) {
        printf(":load is not available in lessons\n");
        return;
    }
    size_t n = 0;
    char *src = path && *path ? source_read(path, &n) : NULL;
    if (!src) {
        printf("cannot open '%s': %s\n", path ? path : "",
               path && *path ? strerror(errno) : "no file given");
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    vm_t *vm = r->vm;
    // Read as `looplab run` reads a file (coding declaration, newlines,
    // the UTF-8 and NUL checks): bad text never reaches the compiler.
    fflush(stdout);
    size_t tlen;
    char *text = vm_source_decode(vm, base, src, n, &tlen);
    free(src);
    if (!text) {
        return;
    }
    dict_set(vm, vm->sources, (obj_t *)str_cstr(vm, base),
             (obj_t *)str_new(vm, text, tlen));
    exec_source(r, text, base, 0);
    free(text);
    narrate(r);
}

static int command(repl_t *r, const char *line)
{
    char name[32] = "";
    const char *p = line + 1;
    size_t k = 0;
    while (*p && *p != ' ' && k < sizeof name - 1) {
        name[k++] = *p++;
    }
    name[k] = 0;
    while (*p == ' ') {
        p++;
    }
    char arg[1024];
    snprintf(arg, sizeof arg, "%s", p);
    size_t al = strlen(arg);
    while (al && (arg[al - 1] == ' ' || arg[al - 1] == '\n' ||
                  arg[al - 1] == '\r')) {
        arg[--al] = 0;
    }
    if (strcmp(name, "step") == 0 || strcmp(name, "tick") == 0) {
        long n = count_arg(arg, 1);
        if (n < 0) {
            printf(":%s takes a positive count\n", name);
            return 0;
        }
        drive(r, name[0] == 's' ? AIO_DRIVE_STEP : AIO_DRIVE_TICK, n, NULL);
    } else if (strcmp(name, "run") == 0) {
        if (!*arg) {
            drive(r, AIO_DRIVE_IDLE, 0, NULL);
        } else {
            obj_t *t = aio_find_task(r->vm, arg);
            if (!t) {
                printf("no task named %s (:tasks lists them)\n", arg);
                return 0;
            }
            const model_task_t *mt = model_task(&r->model, arg);
            if (mt && mt->state != TASK_PENDING &&
                mt->state != TASK_RUNNING && mt->state != TASK_SUSPENDED) {
                printf("%s is already done\n", arg);
                return 0;
            }
            drive(r, AIO_DRIVE_UNTIL, 0, t);
        }
    } else if (strcmp(name, "ready") == 0) {
        cmd_ready(r);
    } else if (strcmp(name, "timers") == 0) {
        cmd_timers(r);
    } else if (strcmp(name, "tasks") == 0) {
        cmd_tasks(r);
    } else if (strcmp(name, "trace") == 0) {
        long n = count_arg(arg, 20);
        if (n < 0) {
            out(r, ":trace takes a positive count\n");
            return 0;
        }
        cmd_trace(r, n);
    } else if (strcmp(name, "why") == 0) {
        cmd_why(r);
    } else if (strcmp(name, "reset") == 0) {
        reset(r, r->asyncio_mode);
        printf("started over (%s mode)\n", r->asyncio_mode ? "asyncio"
                                                            : "script");
    } else if (strcmp(name, "mode") == 0) {
        if (!*arg) {
            printf("mode: %s\n", r->asyncio_mode
                       ? "asyncio (a held loop is running at the prompt)"
                       : "script (no running loop at the prompt)");
        } else if (strcmp(arg, "asyncio") == 0 || strcmp(arg, "script") == 0) {
            reset(r, arg[0] == 'a');
            printf("mode: %s (started over)\n", arg);
        } else {
            out(r, "modes: asyncio, script\n");
        }
    } else if (strcmp(name, "load") == 0) {
        cmd_load(r, arg);
    } else if (strcmp(name, "help") == 0) {
        if (!r->asyncio_mode) {
            out(r, "Script mode: plain python3 at the prompt (no running "
                   "loop; asyncio.run works; import asyncio first).\n");
        }
        out(r, help_text);
    } else if (strcmp(name, "quit") == 0 || strcmp(name, "q") == 0) {
        return -1;
    } else {
        printf("unknown command :%s (:help lists them)\n", name);
    }
    fflush(stdout);
    return 0;
}

/* ---- Input ------------------------------------------------------------ */

static void buf_add(repl_t *r, const char *line)
{
    size_t n = strlen(line);
    r->buf = realloc(r->buf, r->buflen + n + 2);
    memcpy(r->buf + r->buflen, line, n);
    r->buflen += n;
    r->buf[r->buflen++] = '\n';
    r->buf[r->buflen] = 0;
}

/* Reports a statement the prompt has judged wrong (status() SRC_ERROR). */
static void report_error(repl_t *r, const char *fixed, int line, int col)
{
    vm_t *vm = r->vm;
    if (line) {
        // A second statement after a compound one: compile() in 'single'
        // mode stops at its first token.
        exc_syntax_error(vm, "SyntaxError", "invalid syntax", "<stdin>",
                             line, col, r->buf, r->buflen);
        print_exc(r, vm_take_exc(vm));
        return;
    }
    const char *src = fixed ? fixed : r->buf;
    int flags = COMPILE_INTERACTIVE;
    if (r->asyncio_mode) {
        flags |= COMPILE_TOPLEVEL_AWAIT;
    }
    code_t *co = compile_source_ex(vm, src, strlen(src), "<stdin>", flags);
    obj_t *e = vm_take_exc(vm);
    if (e) {
        print_exc(r, e);
    }
    (void)co;  // status() found an error, so there is no code to run
}

/* A line that is not UTF-8 never reaches the compiler (a str made from it
 * would break the invariants of str_t): CPython's REPL reports the decode
 * error, at line 0 of "<stdin>", and drops the statement typed so far. */
static bool reject_non_utf8(repl_t *r, const char *line)
{
    char why[160];
    size_t n = strlen(line);
    if (vm_utf8_check(line, n, NULL, 0) == n) {
        return false;
    }
    // CPython decodes the line with its newline, which makes a sequence
    // cut short at the end an "invalid continuation byte".
    char *nl = malloc(n + 2);
    if (!nl) {
        abort();
    }
    memcpy(nl, line, n);
    memcpy(nl + n, "\n", 2);
    vm_utf8_check(nl, n + 1, why, sizeof why);
    free(nl);
    char msg[200];
    snprintf(msg, sizeof msg, "(unicode error) %s", why);
    exc_syntax_error(r->vm, "SyntaxError", msg, "<stdin>", 0, 0, "", 0);
    print_exc(r, vm_take_exc(r->vm));
    repl_cancel_input(r);
    return true;
}

int repl_feed(repl_t *r, const char *line)
{
    if (reject_non_utf8(r, line)) {
        return 0;
    }
    if (r->buflen == 0) {
        const char *p = line;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == ':') {
            return command(r, p);
        }
        if (*p == 0 || *p == '#') {
            return 0;
        }
    }
    bool blank = true;
    for (const char *p = line; *p; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
            blank = false;
        }
    }
    buf_add(r, line);
    char *fixed;
    int line_no, col;
    switch (status(r, r->buf, blank, &fixed, &line_no, &col)) {
    case SRC_MORE:
        return 1;
    case SRC_ERROR:
        report_error(r, fixed, line_no, col);
        free(fixed);
        repl_cancel_input(r);
        return 0;
    default:
        break;
    }
    r->vm->interrupt = &r->interrupt;
    r->interrupt = 0;
    exec_source(r, r->buf, "<stdin>", COMPILE_INTERACTIVE);
    repl_cancel_input(r);
    fflush(stdout);
    narrate(r);
    return 0;
}

/* ---- Completion -------------------------------------------------------- */

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", NULL};

static const char *const commands[] = {
    ":step", ":tick", ":run", ":ready", ":timers", ":tasks", ":trace",
    ":why", ":reset", ":mode", ":load", ":help", ":quit", NULL};

typedef struct cands { char **v; size_t n, cap; } cands_t;

static void cand(cands_t *c, const char *prefix, const char *word,
                 const char *match)
{
    size_t ml = strlen(match);
    if (strncmp(word, match, ml) != 0) {
        return;
    }
    size_t pl = strlen(prefix), wl = strlen(word);
    char *s = malloc(pl + wl + 1);
    memcpy(s, prefix, pl);
    memcpy(s + pl, word, wl + 1);
    for (size_t i = 0; i < c->n; i++) {
        if (strcmp(c->v[i], s) == 0) {
            free(s);
            return;
        }
    }
    if (c->n + 1 >= c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->v = realloc(c->v, c->cap * sizeof(char *));
    }
    c->v[c->n++] = s;
    c->v[c->n] = NULL;
}

static void cand_dict(cands_t *c, dict_t *d, const char *prefix,
                      const char *match, bool hide_private)
{
    size_t pos = 0;
    obj_t *k, *v;
    while (dict_next(d, &pos, &k, &v)) {
        str_t *s = (str_t *)k;
        if (TYPE(k)->layout != LAYOUT_STR) {
            continue;
        }
        if (hide_private && s->s[0] == '_' && match[0] != '_') {
            continue;
        }
        cand(c, prefix, s->s, match);
    }
}

char **repl_complete(repl_t *r, const char *text)
{
    cands_t c = {0};
    vm_t *vm = r->vm;
    if (text[0] == ':') {
        for (int i = 0; commands[i]; i++) {
            cand(&c, "", commands[i], text);
        }
        return c.v;
    }
    const char *dot = strrchr(text, '.');
    if (dot) {
        // Attributes of a dotted name that is already bound (no code runs:
        // only names and attributes are looked up).
        char base[256];
        size_t bl = (size_t)(dot - text);
        if (bl >= sizeof base) {
            return NULL;
        }
        memcpy(base, text, bl);
        base[bl] = 0;
        obj_t *o = NULL;
        char *save = NULL;
        for (char *part = strtok_r(base, ".", &save); part;
             part = strtok_r(NULL, ".", &save)) {
            str_t *name = str_intern(vm, part);
            if (!o) {
                o = dict_get_str(vm, r->main->dict, name);
                if (!o) {
                    o = dict_get_str(vm, vm->builtins, name);
                }
            } else {
                o = obj_getattr_opt(vm, o, name);
                vm->exc = NULL;
            }
            if (!o) {
                return NULL;
            }
        }
        char prefix[300];
        snprintf(prefix, sizeof prefix, "%.*s.", (int)bl, text);
        if (TYPE(o) == vm->t_module) {
            cand_dict(&c, ((module_t *)o)->dict, prefix, dot + 1, true);
        } else {
            if ((TYPE(o)->flags & TF_HASDICT) && OBJ_DICT(o)) {
                cand_dict(&c, OBJ_DICT(o), prefix, dot + 1, true);
            }
            type_t *t = TYPE(o) == vm->t_type ? (type_t *)o : TYPE(o);
            for (size_t i = 0; i < t->mro->n; i++) {
                cand_dict(&c, ((type_t *)t->mro->items[i])->dict, prefix,
                          dot + 1, true);
            }
        }
        return c.v;
    }
    for (int i = 0; keywords[i]; i++) {
        cand(&c, "", keywords[i], text);
    }
    cand_dict(&c, r->main->dict, "", text, true);
    cand_dict(&c, vm->builtins, "", text, true);
    return c.v;
}

/* ---- Transcript mode --------------------------------------------------- */

static int transcript(repl_t *r)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    for (;;) {
        const char *prompt = repl_prompt(r);
        n = getline(&line, &cap, stdin);
        if (n < 0) {
            break;
        }
        if (n > 0 && line[n - 1] == '\n') {
            line[--n] = 0;
        }
        printf("%s%s\n", prompt, line);
        fflush(stdout);
        if (repl_feed(r, line) < 0) {
            break;
        }
    }
    // End of input finishes a pending block, as a blank line would; what
    // still waits (an open bracket) is compiled as it stands, so its error
    // is shown rather than the text dropped (`python -i` does the same).
    if (r->buflen && repl_feed(r, "") == 1) {
        char *src = strdup(r->buf);
        repl_cancel_input(r);
        exec_source(r, src, "<stdin>", COMPILE_INTERACTIVE);
        free(src);
    }
    free(line);
    return 0;
}

int repl_rl_main(repl_t *r);

int repl_main(const repl_options_t *opts)
{
    repl_t *r = repl_new(opts);
    if (!r) {
        return 70;
    }
    int status;
    if (isatty(fileno(stdin))) {
        printf("looplab %s - Python 3.11 asyncio, step by step. %s\n"
               "Type :help for commands, Ctrl-D to leave.\n",
               LOOPLAB_VERSION,
               r->asyncio_mode ? "asyncio mode: the loop is held, asyncio is "
                                 "imported."
                               : "script mode: no running loop.");
        status = repl_rl_main(r);
    } else {
        status = transcript(r);
    }
    fflush(stdout);
    repl_free(r);
    return status;
}
