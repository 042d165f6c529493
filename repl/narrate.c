/*
 * narrate.c - trace events (TRACE.md) told in plain sentences.
 *
 * A create_task or ensure_future decision is told together with what it
 * led to, as one sentence: "create_task(work()): loop is running, argument
 * is a coroutine -> Task-1 created, Task-1.__step queued (ready: 1)".
 */
#include "narrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void append(char **out, size_t *len, const char *s)
{
    size_t n = strlen(s);
    char *p = realloc(*out, *len + n + 2);
    if (!p) {
        abort();
    }
    memcpy(p + *len, s, n);
    *len += n;
    p[*len] = 0;
    *out = p;
}

static bool kind_is(const char *line, const char *kind)
{
    size_t n = strlen(kind);
    return strncmp(line, kind, n) == 0 && (line[n] == ' ' || !line[n]);
}

static const char *rest_of(const char *line)
{
    const char *sp = strchr(line, ' ');
    return sp ? sp + 1 : "";
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

void narrate_one(const model_t *m, const char *line, char *buf, size_t size)
{
    const char *r = rest_of(line);
    buf[0] = 0;
    if (kind_is(line, "loop")) {
        if (strcmp(r, "new") == 0) {
            snprintf(buf, size, "a new event loop (virtual clock at 0)");
        } else if (strcmp(r, "start") == 0) {
            snprintf(buf, size, "the loop is running");
        } else if (strcmp(r, "stop") == 0) {
            snprintf(buf, size, "loop.stop(): the loop stops after this "
                     "iteration");
        } else if (strcmp(r, "end") == 0) {
            snprintf(buf, size, "the loop stopped running");
        } else if (strcmp(r, "close") == 0) {
            snprintf(buf, size, "the loop is closed");
        }
    } else if (kind_is(line, "schedule")) {
        snprintf(buf, size, "%s queued (ready: %zu)", r, m->nready + 1);
    } else if (kind_is(line, "timer")) {
        double when = 0;
        int n = 0;
        sscanf(r, "%lf %n", &when, &n);
        snprintf(buf, size, "timer set for t=%.6f: %s (timers: %zu)", when,
                 r + n, m->ntimers + 1);
    } else if (kind_is(line, "tick")) {
        long nt = 0;
        double t = 0;
        sscanf(r, "%ld %lf", &nt, &t);
        snprintf(buf, size, "tick at t=%.6f: %ld handle%s to run", t, nt,
                 plural((size_t)nt));
    } else if (kind_is(line, "run")) {
        snprintf(buf, size, "running %s", r);
    } else if (kind_is(line, "cancel_handle")) {
        // Where the handle is decides what cancelling it means. When
        // the same callback is both ready and a timer, the model marks
        // the ready one (on_cancel_handle), and so does the narration.
        int in = model_handle_queued(m, r);
        const char *where = in & MODEL_IN_READY
                                ? "it stays in the ready queue but will be "
                                  "skipped"
                            : in & MODEL_IN_TIMERS
                                ? "the timer will not fire"
                                : "it already ran: no effect on the loop";
        snprintf(buf, size, "handle cancelled: %s (%s)", r, where);
    } else if (kind_is(line, "task")) {
        char id[128] = "", coro[128] = "";
        sscanf(r, "%127s %127s", id, coro);
        snprintf(buf, size, "%s created for %s()", id, coro);
    } else if (kind_is(line, "suspend")) {
        char id[128] = "", where[256] = "";
        sscanf(r, "%127s %255s", id, where);
        const char *colon = strrchr(where, ':');
        if (colon && strcmp(colon, ":-") != 0) {
            snprintf(buf, size, "%s suspended in %.*s at line %s", id,
                     (int)(colon - where), where, colon + 1);
        } else {
            snprintf(buf, size, "%s suspended (in library code)", id);
        }
    } else if (kind_is(line, "future")) {
        snprintf(buf, size, "%s created", r);
    } else if (kind_is(line, "done")) {
        char id[128] = "";
        int n = 0;
        sscanf(r, "%127s %n", id, &n);
        const char *what = r + n;
        if (strncmp(what, "result ", 7) == 0) {
            snprintf(buf, size, "%s finished: result %s", id, what + 7);
        } else if (strncmp(what, "exception ", 10) == 0) {
            snprintf(buf, size, "%s finished with exception %s", id,
                     what + 10);
        } else {
            snprintf(buf, size, "%s is cancelled", id);
        }
    } else if (kind_is(line, "cancel")) {
        char id[128] = "", res[16] = "";
        sscanf(r, "%127s -> %15s", id, res);
        if (strcmp(res, "True") == 0) {
            snprintf(buf, size, "%s.cancel() -> True: a cancellation is "
                     "requested", id);
        } else {
            snprintf(buf, size, "%s.cancel() -> False: already done", id);
        }
    } else if (kind_is(line, "warn")) {
        snprintf(buf, size, "warning: %s", r);
    } else if (kind_is(line, "log")) {
        snprintf(buf, size, "asyncio logged: %s", r);
    } else if (kind_is(line, "deadlock")) {
        snprintf(buf, size, "deadlock: nothing ready and no timer "
                 "scheduled");
    } else if (kind_is(line, "create_task")) {
        snprintf(buf, size, "create_task(%s())", r);
    } else if (kind_is(line, "ensure_future")) {
        snprintf(buf, size, "ensure_future(%s)", r);
    }
}

/* Tells a decision and, when the next events are the task it created
 * and its first step, those too. Returns how many events it consumed. */
static size_t decision(model_t *m, const char *const *lines, size_t i,
                       size_t to, char *buf, size_t size)
{
    const char *line = lines[i];
    const char *r = rest_of(line);
    char head[512];
    bool ct = kind_is(line, "create_task");
    bool running = m->loop_running;
    if (ct) {
        snprintf(head, sizeof head, "create_task(%s()): %s", r,
                 running ? "loop is running, argument is a coroutine"
                         : "no running event loop -> RuntimeError");
    } else {
        char kind[32] = "";
        sscanf(r, "%31s", kind);
        const char *what = strchr(r, ' ') ? strchr(r, ' ') + 1 : "";
        if (strcmp(kind, "future") == 0) {
            snprintf(head, sizeof head, "ensure_future(%s): argument is a "
                     "Future -> returned as is (same object)", what);
        } else if (strcmp(kind, "coroutine") == 0) {
            snprintf(head, sizeof head, "ensure_future(%s()): argument is a "
                     "coroutine -> wrapped in a new Task", what);
        } else if (strcmp(kind, "awaitable") == 0) {
            snprintf(head, sizeof head, "ensure_future(<%s object>): "
                     "argument is an awaitable (has __await__) -> wrapped by "
                     "_wrap_awaitable in a new Task", what);
        } else {
            snprintf(head, sizeof head, "ensure_future(<%s object>): not a "
                     "Future, a coroutine or an awaitable -> TypeError",
                     what);
        }
    }
    model_apply(m, line);
    size_t used = 1;
    if (i + 1 < to && kind_is(lines[i + 1], "task")) {
        char id[128] = "";
        sscanf(rest_of(lines[i + 1]), "%127s", id);
        model_apply(m, lines[i + 1]);
        used++;
        char step[160];
        snprintf(step, sizeof step, "schedule %s.__step", id);
        if (i + 2 < to && strcmp(lines[i + 2], step) == 0) {
            snprintf(buf, size, "%s -> %s created, %s.__step queued "
                     "(ready: %zu)", head, id, id, m->nready + 1);
            model_apply(m, lines[i + 2]);
            used++;
        } else {
            snprintf(buf, size, "%s -> %s created", head, id);
        }
    } else if (ct && running) {
        // A running loop and no task: the argument was no coroutine.
        snprintf(buf, size, "create_task(%s): loop is running, but the "
                 "argument is not a coroutine -> TypeError", r);
    } else {
        snprintf(buf, size, "%s", head);
    }
    return used;
}

void narrate_events(model_t *m, const char *const *lines, size_t from,
                    size_t to, char **out, size_t *len)
{
    char buf[1024];
    for (size_t i = from; i < to;) {
        const char *line = lines[i];
        if (kind_is(line, "create_task") || kind_is(line, "ensure_future")) {
            i += decision(m, lines, i, to, buf, sizeof buf);
        } else {
            narrate_one(m, line, buf, sizeof buf);
            model_apply(m, line);
            i++;
        }
        if (buf[0]) {
            append(out, len, "  ~ ");
            append(out, len, buf);
            append(out, len, "\n");
        }
    }
}
