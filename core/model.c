/*
 * model.c - a fold over trace events (TRACE.md) into the loop's state.
 *
 * Mirrors what BaseEventLoop keeps (_ready, _scheduled, the clock) and
 * what the trace says of tasks, from the events alone. Invariants:
 *  - ready[] is FIFO, cancelled handles stay in it until a tick pops
 *    them (as in CPython, they use up an ntodo slot);
 *  - timers[] is a binary min-heap on (when, seq), the order TRACE.md
 *    fires them in (a sorted array cost O(timers) per insertion: 50,000
 *    scattered timers took seconds to fold); model_timers_sorted gives
 *    them in order;
 *  - a "run" event pops the ready queue's head, after dropping the
 *    cancelled handles in front of it.
 */
#include "model.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup(const char *s)
{
    if (!s) {
        return NULL;
    }
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (!d) {
        abort();
    }
    memcpy(d, s, n + 1);
    return d;
}

/* Strings are malloc'd one by one, except in a clone, whose strings all
 * sit in one block (m->arena): cloning a model of 100,000 tasks is then
 * one allocation, not half a million. A string in the arena is never
 * freed alone; one replaced by set() is simply no longer pointed at. */
static bool in_arena(const model_t *m, const char *p)
{
    return m->arena && p >= m->arena && p < m->arena + m->arena_len;
}

static void drop(const model_t *m, char *p)
{
    if (p && !in_arena(m, p)) {
        free(p);
    }
}

static void set(model_t *m, char **slot, const char *s)
{
    if (*slot && s && strcmp(*slot, s) == 0) {
        return;   /* "suspend" repeats the same place step after step */
    }
    drop(m, *slot);
    *slot = dup(s);
}

void model_init(model_t *m)
{
    memset(m, 0, sizeof *m);
    m->exit_code = -1;
}

static void free_handles(const model_t *m, model_handle_t *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        drop(m, h[i].cb);
    }
}

void model_free(model_t *m)
{
    free_handles(m, m->ready, m->nready);
    free(m->ready_base);
    free_handles(m, m->timers, m->ntimers);
    free(m->timers);
    free(m->task_index);
    for (size_t i = 0; i < m->ntasks; i++) {
        model_task_t *t = &m->tasks[i];
        drop(m, t->id);
        drop(m, t->coro);
        drop(m, t->where);
        drop(m, t->waiting_on);
        drop(m, t->result);
    }
    free(m->tasks);
    drop(m, m->running);
    drop(m, m->current_task);
    drop(m, m->decision.what);
    drop(m, m->decision.task);
    free(m->arena);
    model_init(m);
}

static size_t len0(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copies [s] to *cur in the arena and advances it. */
static char *put(char **cur, const char *s)
{
    if (!s) {
        return NULL;
    }
    size_t n = strlen(s) + 1;
    char *d = *cur;
    memcpy(d, s, n);
    *cur += n;
    return d;
}

static model_handle_t *copy_handles(const model_handle_t *src, size_t n,
                                    size_t cap, char **cur)
{
    if (!cap) {
        return NULL;
    }
    model_handle_t *d = malloc(cap * sizeof *d);
    if (!d) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        d[i] = src[i];
        d[i].cb = put(cur, src[i].cb);
    }
    return d;
}

void model_clone(model_t *dst, const model_t *src)
{
    *dst = *src;
    size_t total = 0;
    for (size_t i = 0; i < src->nready; i++) {
        total += len0(src->ready[i].cb);
    }
    for (size_t i = 0; i < src->ntimers; i++) {
        total += len0(src->timers[i].cb);
    }
    for (size_t i = 0; i < src->ntasks; i++) {
        const model_task_t *t = &src->tasks[i];
        total += len0(t->id) + len0(t->coro) + len0(t->where) +
                 len0(t->waiting_on) + len0(t->result);
    }
    total += len0(src->running) + len0(src->current_task) +
             len0(src->decision.what) + len0(src->decision.task);
    dst->arena = total ? malloc(total) : NULL;
    dst->arena_len = total;
    if (total && !dst->arena) {
        abort();
    }
    char *cur = dst->arena;
    dst->ready = dst->ready_base = copy_handles(src->ready, src->nready,
                                                src->capready, &cur);
    if (src->task_index) {
        dst->task_index = malloc(src->task_index_cap *
                                 sizeof *dst->task_index);
        if (!dst->task_index) {
            abort();
        }
        memcpy(dst->task_index, src->task_index,
               src->task_index_cap * sizeof *dst->task_index);
    }
    dst->timers = copy_handles(src->timers, src->ntimers, src->captimers,
                               &cur);
    if (src->captasks) {
        dst->tasks = malloc(src->captasks * sizeof(model_task_t));
        memcpy(dst->tasks, src->tasks, src->ntasks * sizeof(model_task_t));
        for (size_t i = 0; i < src->ntasks; i++) {
            model_task_t *d = &dst->tasks[i];
            d->id = put(&cur, d->id);
            d->coro = put(&cur, d->coro);
            d->where = put(&cur, d->where);
            d->waiting_on = put(&cur, d->waiting_on);
            d->result = put(&cur, d->result);
        }
    }
    dst->running = put(&cur, src->running);
    dst->current_task = put(&cur, src->current_task);
    dst->decision.what = put(&cur, src->decision.what);
    dst->decision.task = put(&cur, src->decision.task);
}

/* The first space-separated word of [s] into out (at most size - 1
 * bytes); returns the offset just past it and the spaces after it, or 0
 * when there is no word. (sscanf's %s was a tenth of the fold's time.) */
static size_t word(const char *s, char *out, size_t size)
{
    size_t i = 0;
    while (s[i] == ' ') {
        i++;
    }
    size_t b = i;
    while (s[i] && s[i] != ' ') {
        i++;
    }
    if (i == b) {
        return 0;
    }
    size_t n = i - b < size - 1 ? i - b : size - 1;
    memcpy(out, s + b, n);
    out[n] = 0;
    while (s[i] == ' ') {
        i++;
    }
    return i;
}

static size_t hash_id(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    return h;
}

/* The task index maps an id to its latest task (ids can repeat when
 * programs name tasks themselves). */
static void index_put(model_t *m, size_t i)
{
    if (2 * (m->ntasks + 1) >= m->task_index_cap) {
        size_t cap = m->task_index_cap ? m->task_index_cap * 2 : 64;
        free(m->task_index);
        m->task_index = calloc(cap, sizeof *m->task_index);
        if (!m->task_index) {
            abort();
        }
        m->task_index_cap = cap;
        for (size_t k = 0; k < m->ntasks; k++) {
            if (k != i) {
                index_put(m, k);
            }
        }
    }
    size_t mask = m->task_index_cap - 1;
    size_t h = hash_id(m->tasks[i].id);
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        model_slot_t *e = &m->task_index[j];
        if (e->idx1 == 0 || (e->hash == h &&
                             strcmp(m->tasks[e->idx1 - 1].id,
                                    m->tasks[i].id) == 0)) {
            if (e->idx1 == 0 || e->idx1 - 1 < i) {
                e->idx1 = i + 1;
                e->hash = h;
            }
            return;
        }
    }
}

/* The latest task named [id], to write to, or NULL. */
static model_task_t *task_named(const model_t *m, const char *id)
{
    if (!m->task_index) {
        return NULL;
    }
    size_t mask = m->task_index_cap - 1;
    size_t h = hash_id(id);
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        const model_slot_t *e = &m->task_index[j];
        if (e->idx1 == 0) {
            return NULL;
        }
        if (e->hash == h && strcmp(m->tasks[e->idx1 - 1].id, id) == 0) {
            return &m->tasks[e->idx1 - 1];
        }
    }
}

const model_task_t *model_task(const model_t *m, const char *id)
{
    return task_named(m, id);
}

const model_task_t *model_task_at(const model_t *m, size_t i)
{
    return &m->tasks[i];
}

const model_handle_t *model_ready_at(const model_t *m, size_t i)
{
    return &m->ready[i];
}

int model_handle_queued(const model_t *m, const char *cb)
{
    int in = 0;
    for (size_t i = 0; i < m->nready; i++) {
        if (!m->ready[i].cancelled && strcmp(m->ready[i].cb, cb) == 0) {
            in |= MODEL_IN_READY;
            break;
        }
    }
    for (size_t i = 0; i < m->ntimers; i++) {
        if (!m->timers[i].cancelled && strcmp(m->timers[i].cb, cb) == 0) {
            in |= MODEL_IN_TIMERS;
            break;
        }
    }
    return in;
}

/* ready is a window on ready_base: a pop moves its start, a push that
 * reaches the end first slides the live part back to the base. */
static void push_ready(model_t *m, model_handle_t h)
{
    size_t head = m->ready_base ? (size_t)(m->ready - m->ready_base) : 0;
    if (head + m->nready == m->capready) {
        if (head > 0 && head >= m->nready) {
            memmove(m->ready_base, m->ready, m->nready * sizeof *m->ready);
        } else {
            m->capready = m->capready ? m->capready * 2 : 16;
            model_handle_t *nb = malloc(m->capready * sizeof *nb);
            if (m->nready) {
                memcpy(nb, m->ready, m->nready * sizeof *nb);
            }
            free(m->ready_base);
            m->ready_base = nb;
        }
        m->ready = m->ready_base;
    }
    m->ready[m->nready++] = h;
}

static void pop_ready(model_t *m)
{
    drop(m, m->ready[0].cb);
    m->ready++;
    m->nready--;
}

static bool timer_before(const model_handle_t *a, const model_handle_t *b)
{
    return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void push_timer(model_t *m, model_handle_t h)
{
    if (m->ntimers == m->captimers) {
        m->captimers = m->captimers ? m->captimers * 2 : 16;
        m->timers = realloc(m->timers, m->captimers * sizeof *m->timers);
        if (!m->timers) {
            abort();
        }
    }
    size_t i = m->ntimers++;
    while (i > 0 && timer_before(&h, &m->timers[(i - 1) / 2])) {
        m->timers[i] = m->timers[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    m->timers[i] = h;
}

/* Removes and returns the soonest timer (the heap's root). */
static model_handle_t pop_timer(model_t *m)
{
    model_handle_t top = m->timers[0];
    model_handle_t last = m->timers[--m->ntimers];
    size_t n = m->ntimers, i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) {
            break;
        }
        if (c + 1 < n && timer_before(&m->timers[c + 1], &m->timers[c])) {
            c++;
        }
        if (!timer_before(&m->timers[c], &last)) {
            break;
        }
        m->timers[i] = m->timers[c];
        i = c;
    }
    if (n > 0) {
        m->timers[i] = last;
    }
    return top;
}

static int timer_cmp(const void *a, const void *b)
{
    const model_handle_t *x = *(const model_handle_t *const *)a;
    const model_handle_t *y = *(const model_handle_t *const *)b;
    return timer_before(x, y) ? -1 : timer_before(y, x) ? 1 : 0;
}

size_t model_timers_sorted(const model_t *m, const model_handle_t **out,
                           size_t max)
{
    size_t n = m->ntimers < max ? m->ntimers : max;
    if (n > 64) {
        // Many wanted (:timers): sort them all.
        const model_handle_t **all = malloc(m->ntimers * sizeof *all);
        if (!all) {
            abort();
        }
        for (size_t i = 0; i < m->ntimers; i++) {
            all[i] = &m->timers[i];
        }
        qsort(all, m->ntimers, sizeof *all, timer_cmp);
        memcpy(out, all, n * sizeof *out);
        free(all);
        return n;
    }
    // A few (a pane's rows): walk the heap from the root, always taking
    // the soonest of the candidates, whose children then become ones.
    size_t cand[2 * 64 + 2], nc = 0;
    if (n > 0) {
        cand[nc++] = 0;
    }
    for (size_t k = 0; k < n; k++) {
        size_t best = 0;
        for (size_t j = 1; j < nc; j++) {
            if (timer_before(&m->timers[cand[j]], &m->timers[cand[best]])) {
                best = j;
            }
        }
        size_t i = cand[best];
        cand[best] = cand[--nc];
        out[k] = &m->timers[i];
        if (2 * i + 1 < m->ntimers) {
            cand[nc++] = 2 * i + 1;
        }
        if (2 * i + 2 < m->ntimers) {
            cand[nc++] = 2 * i + 2;
        }
    }
    return n;
}

/* The task a step or wake-up callback belongs to ("Task-1.__step"). */
static bool task_of_callback(const char *cb, char *out, size_t size)
{
    const char *dot = strstr(cb, ".__step");
    if (!dot) {
        dot = strstr(cb, ".__wakeup");
    }
    if (!dot) {
        return false;
    }
    size_t n = (size_t)(dot - cb);
    if (n >= size) {
        n = size - 1;
    }
    memcpy(out, cb, n);
    out[n] = 0;
    return true;
}

static void on_tick(model_t *m, const char *rest)
{
    char *end;
    long ntodo = strtol(rest, &end, 10);
    if (end == rest || *end != ' ') {
        return;
    }
    const char *tp = end + 1;
    double t = strtod(tp, &end);
    if (end == tp) {
        return;
    }
    m->clock = t;
    m->ticks++;
    // The previous iteration's handles have all returned.
    set(m, &m->running, NULL);
    // Cancelled timers at the head are dropped before the tick, due or
    // not (they are not in its ntodo); due timers then move to the ready
    // queue.
    while (m->ntimers && m->timers[0].cancelled) {
        drop(m, pop_timer(m).cb);
    }
    while (m->ntimers && m->timers[0].when < t + 1e-9) {
        push_ready(m, pop_timer(m));
    }
    // Cancelled handles the previous iteration popped after its last
    // "run" are still at the head: ntodo counts what is really ready.
    while ((long)m->nready > ntodo && m->ready[0].cancelled) {
        pop_ready(m);
    }
    m->iter_left = ntodo;
}

static void on_run(model_t *m, const char *cb)
{
    while (m->nready && m->ready[0].cancelled) {
        pop_ready(m);
        m->iter_left--;
    }
    if (m->nready) {
        pop_ready(m);
    }
    m->iter_left--;
    set(m, &m->running, cb);
    char id[128];
    if (task_of_callback(cb, id, sizeof id)) {
        set(m, &m->current_task, id);
        model_task_t *t = task_named(m, id);
        if (t) {
            t->state = TASK_RUNNING;
            set(m, &t->waiting_on, NULL);
        }
    } else {
        set(m, &m->current_task, NULL);
    }
}

static void on_cancel_handle(model_t *m, const char *cb)
{
    for (size_t i = 0; i < m->nready; i++) {
        if (!m->ready[i].cancelled && strcmp(m->ready[i].cb, cb) == 0) {
            m->ready[i].cancelled = true;
            return;
        }
    }
    // Of equal callbacks, the soonest (what a sorted scan met first).
    model_handle_t *hit = NULL;
    for (size_t i = 0; i < m->ntimers; i++) {
        model_handle_t *h = &m->timers[i];
        if (!h->cancelled && strcmp(h->cb, cb) == 0 &&
            (!hit || timer_before(h, hit))) {
            hit = h;
        }
    }
    if (hit) {
        hit->cancelled = true;
    }
}

static void on_task(model_t *m, const char *rest)
{
    char id[256], coro[256];
    size_t n = word(rest, id, sizeof id);
    if (!n || !word(rest + n, coro, sizeof coro)) {
        return;
    }
    if (m->ntasks == m->captasks) {
        m->captasks = m->captasks ? m->captasks * 2 : 16;
        m->tasks = realloc(m->tasks, m->captasks * sizeof *m->tasks);
    }
    model_task_t *t = &m->tasks[m->ntasks];
    memset(t, 0, sizeof *t);
    t->id = dup(id);
    t->coro = dup(coro);
    index_put(m, m->ntasks);
    m->ntasks++;
    t->state = TASK_PENDING;
    // The call's own task comes right after it, wrapping the argument
    // (or _wrap_awaitable); any other task (loop.create_task after a
    // failed call, TaskGroup.create_task, asyncio.run) is not its.
    model_decision_t *d = &m->decision;
    bool wraps = d->what && (strcmp(d->kind, "awaitable") == 0
                                 ? strcmp(coro, "_wrap_awaitable") == 0
                                 : strcmp(coro, d->what) == 0);
    if (d->api != DEC_NONE && !d->task && d->failed &&
        d->event + 1 == m->nevents && wraps) {
        m->decision.task = dup(id);
        m->decision.failed = false;
    }
}

static void on_done(model_t *m, const char *rest)
{
    char id[256];
    size_t n = word(rest, id, sizeof id);
    if (!n) {
        return;
    }
    model_task_t *t = task_named(m, id);
    if (!t) {
        return;
    }
    const char *what = rest + n;
    t->state = strncmp(what, "cancelled", 9) == 0 ? TASK_CANCELLED
               : strncmp(what, "exception", 9) == 0 ? TASK_FAILED
                                                   : TASK_DONE;
    set(m, &t->result, what);
    set(m, &t->where, NULL);
    set(m, &t->waiting_on, NULL);
}

static void on_decision(model_t *m, int api, const char *rest)
{
    model_decision_t *d = &m->decision;
    drop(m, d->what);
    drop(m, d->task);
    memset(d, 0, sizeof *d);
    d->api = api;
    d->event = m->nevents;
    d->loop_running = m->loop_running;
    d->failed = true;
    if (api == DEC_CREATE_TASK) {
        snprintf(d->kind, sizeof d->kind, "%s", "create_task");
        d->what = dup(rest);
        return;
    }
    const char *sp = strchr(rest, ' ');
    size_t k = sp ? (size_t)(sp - rest) : strlen(rest);
    if (k >= sizeof d->kind) {
        k = sizeof d->kind - 1;
    }
    memcpy(d->kind, rest, k);
    d->kind[k] = 0;
    d->what = dup(sp ? sp + 1 : "");
    if (strcmp(d->kind, "future") == 0) {
        d->task = dup(d->what);
        d->failed = false;
    }
}

void model_apply(model_t *m, const char *line)
{
    m->nevents++;
    const char *sp = strchr(line, ' ');
    size_t kl = sp ? (size_t)(sp - line) : strlen(line);
    const char *rest = sp ? sp + 1 : "";
#define IS(k) (kl == sizeof(k) - 1 && memcmp(line, k, kl) == 0)
    if (IS("schedule")) {
        model_handle_t h = {dup(rest), 0, m->seq++, false};
        push_ready(m, h);
    } else if (IS("timer")) {
        char *end;
        double when = strtod(rest, &end);
        size_t n = (size_t)(end - rest);
        while (rest[n] == ' ') {
            n++;
        }
        if (end != rest) {
            model_handle_t h = {dup(rest + n), when, m->seq++, false};
            push_timer(m, h);
            if (m->current_task) {
                model_task_t *t = task_named(m, m->current_task);
                if (t) {
                    set(m, &t->waiting_on, rest + n);
                }
            }
        }
    } else if (IS("tick")) {
        on_tick(m, rest);
    } else if (IS("run")) {
        on_run(m, rest);
    } else if (IS("cancel_handle")) {
        on_cancel_handle(m, rest);
    } else if (IS("task")) {
        on_task(m, rest);
    } else if (IS("suspend")) {
        char id[256];
        size_t n = word(rest, id, sizeof id);
        if (n) {
            model_task_t *t = task_named(m, id);
            if (t) {
                t->state = TASK_SUSPENDED;
                set(m, &t->where, rest + n);
            }
            // suspend is written once the step returned: its handle is
            // no longer running.
            if (m->current_task && strcmp(m->current_task, id) == 0) {
                set(m, &m->running, NULL);
            }
        }
        set(m, &m->current_task, NULL);
    } else if (IS("done")) {
        on_done(m, rest);
    } else if (IS("cancel")) {
        char id[256], arrow[8], r[16];
        size_t a = word(rest, id, sizeof id);
        size_t b = a ? word(rest + a, arrow, sizeof arrow) : 0;
        if (b && word(rest + a + b, r, sizeof r) &&
            strcmp(r, "True") == 0) {
            model_task_t *t = task_named(m, id);
            if (t) {
                t->cancel_requests++;
            }
        }
    } else if (IS("create_task")) {
        on_decision(m, DEC_CREATE_TASK, rest);
    } else if (IS("ensure_future")) {
        on_decision(m, DEC_ENSURE_FUTURE, rest);
    } else if (IS("loop")) {
        if (strcmp(rest, "new") == 0) {
            m->loop_exists = true;
            m->loop_closed = false;
            m->clock = 0;
        } else if (strcmp(rest, "start") == 0) {
            m->loop_running = true;
        } else if (strcmp(rest, "end") == 0) {
            m->loop_running = false;
            set(m, &m->running, NULL);
        } else if (strcmp(rest, "close") == 0) {
            m->loop_closed = true;
            free_handles(m, m->ready, m->nready);
            m->nready = 0;
            free_handles(m, m->timers, m->ntimers);
            m->ntimers = 0;
        }
    } else if (IS("deadlock")) {
        m->deadlock = true;
    } else if (IS("exit")) {
        m->exit_code = atoi(rest);
    }
#undef IS
}
