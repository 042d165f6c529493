/*
 * test_timeline.c - cmocka unit tests for viz/timeline.c: checkpoints over
 * the trace fold, so that the view can show the state after any event.
 *
 * The traces are synthetic but well formed (../shared/TRACE.md): a small
 * simulator of BaseEventLoop._run_once (ready FIFO, timers by (when, seq),
 * cancelled handles popped without running) drives tasks that sleep on
 * timers, sleep(0), finish with a result or an exception, cancel each
 * other, and call create_task / ensure_future, plus plain callbacks, some
 * of them cancelled. The reference for every position n is the model
 * folded directly over events [0, n) with model_apply; timeline_state must
 * give exactly the same model (model_equal compares every field).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "timeline.h"
#include "trace.h"

#define EVERY TIMELINE_CHECKPOINT_EVERY

/* ==== model_equal ======================================================== */

static char why[512];

static bool same_str(const char *a, const char *b)
{
    if (!a || !b) {
        return a == b;
    }
    return strcmp(a, b) == 0;
}

static bool same_handle(const model_handle_t *a, const model_handle_t *b)
{
    return same_str(a->cb, b->cb) && a->when == b->when && a->seq == b->seq &&
           a->cancelled == b->cancelled;
}

#define DIFF(cond, ...)                                                     \
    do {                                                                    \
        if (!(cond)) {                                                      \
            snprintf(why, sizeof why, __VA_ARGS__);                         \
            return false;                                                   \
        }                                                                   \
    } while (0)

/* True when [a] and [b] hold the same state (every field but capacities);
 * otherwise false with the first difference in [why]. */
static bool model_equal(const model_t *a, const model_t *b)
{
    DIFF(a->nevents == b->nevents, "nevents %zu / %zu", a->nevents,
         b->nevents);
    DIFF(a->clock == b->clock, "clock %f / %f", a->clock, b->clock);
    DIFF(a->loop_exists == b->loop_exists, "loop_exists");
    DIFF(a->loop_running == b->loop_running, "loop_running");
    DIFF(a->loop_closed == b->loop_closed, "loop_closed");
    DIFF(a->nready == b->nready, "nready %zu / %zu", a->nready, b->nready);
    for (size_t i = 0; i < a->nready; i++) {
        const model_handle_t *x = model_ready_at(a, i);
        const model_handle_t *y = model_ready_at(b, i);
        DIFF(same_handle(x, y), "ready[%zu] %s / %s", i, x->cb, y->cb);
    }
    DIFF(a->ntimers == b->ntimers, "ntimers %zu / %zu", a->ntimers,
         b->ntimers);
    const model_handle_t **ta = malloc((a->ntimers + 1) * sizeof *ta);
    const model_handle_t **tb = malloc((a->ntimers + 1) * sizeof *tb);
    size_t nt = model_timers_sorted(a, ta, a->ntimers);
    bool same = nt == model_timers_sorted(b, tb, a->ntimers);
    size_t i = 0;
    while (same && i < nt && same_handle(ta[i], tb[i])) {
        i++;
    }
    same = same && i == nt;
    if (!same) {
        snprintf(why, sizeof why, "timers[%zu] %s / %s", i,
                 i < nt ? ta[i]->cb : "-", i < nt ? tb[i]->cb : "-");
    }
    free(ta);
    free(tb);
    if (!same) {
        return false;
    }
    DIFF(a->seq == b->seq, "seq %ld / %ld", a->seq, b->seq);
    DIFF(a->ntasks == b->ntasks, "ntasks %zu / %zu", a->ntasks, b->ntasks);
    for (size_t i = 0; i < a->ntasks; i++) {
        const model_task_t *s = model_task_at(a, i);
        const model_task_t *t = model_task_at(b, i);
        DIFF(same_str(s->id, t->id), "task[%zu] id", i);
        DIFF(same_str(s->coro, t->coro), "task %s coro", s->id);
        DIFF(s->state == t->state, "task %s state %d / %d", s->id, s->state,
             t->state);
        DIFF(same_str(s->where, t->where), "task %s where", s->id);
        DIFF(same_str(s->waiting_on, t->waiting_on), "task %s waiting_on",
             s->id);
        DIFF(same_str(s->result, t->result), "task %s result", s->id);
        DIFF(s->cancel_requests == t->cancel_requests,
             "task %s cancel_requests", s->id);
    }
    DIFF(same_str(a->running, b->running), "running");
    DIFF(same_str(a->current_task, b->current_task), "current_task");
    DIFF(a->ticks == b->ticks, "ticks %ld / %ld", a->ticks, b->ticks);
    DIFF(a->iter_left == b->iter_left, "iter_left %ld / %ld", a->iter_left,
         b->iter_left);
    DIFF(a->decision.api == b->decision.api, "decision.api");
    DIFF(strcmp(a->decision.kind, b->decision.kind) == 0, "decision.kind");
    DIFF(same_str(a->decision.what, b->decision.what), "decision.what");
    DIFF(same_str(a->decision.task, b->decision.task), "decision.task");
    DIFF(a->decision.loop_running == b->decision.loop_running,
         "decision.loop_running");
    DIFF(a->decision.failed == b->decision.failed, "decision.failed");
    DIFF(a->exit_code == b->exit_code, "exit_code");
    DIFF(a->deadlock == b->deadlock, "deadlock");
    return true;
}

static void expect_state(const timeline_t *tl, size_t n, const model_t *ref)
{
    model_t got;
    timeline_state(tl, n, &got);
    if (!model_equal(&got, ref)) {
        model_free(&got);
        fail_msg("timeline_state(%zu) differs from the direct fold: %s", n,
                 why);
    }
    model_free(&got);
}

/* The model after events [0, n) of [t], folded directly. */
static void fold(const trace_t *t, size_t n, model_t *out)
{
    model_init(out);
    for (size_t i = 0; i < n; i++) {
        model_apply(out, trace_line(t, i));
    }
}

/* ==== A synthetic program ================================================ */

typedef struct { char cb[96]; double when; long seq; bool cancelled; int task;
                 int fut; } sim_handle_t;

enum { T_NONE, T_PENDING, T_SUSPENDED, T_DONE };

typedef struct {
    int state;
    int fut;               /* the sleep future it waits on, or 0 */
    bool fut_done;         /* its timer ran: the future has its result */
    long timer_seq;        /* that future's timer */
    char timer_cb[96];
    bool cancelling;       /* cancel() returned True, not yet done */
} sim_task_t;

typedef struct sim {
    trace_t *t;
    uint64_t rng;
    sim_handle_t *ready;
    size_t nready, capready;
    sim_handle_t *timers;  /* sorted by (when, seq) */
    size_t ntimers, captimers;
    long seq;
    double clock;
    sim_task_t *tasks;     /* index = task number */
    int ntasks, captasks;
    int nfut, nprint;
    int live;              /* tasks not done */
    int max_live;          /* create tasks while fewer are alive */
    int total_tasks;       /* stop creating after this many (0: never) */
    bool finishing;        /* tasks may finish / fail / be cancelled */
} sim_t;

static unsigned rnd(sim_t *s, unsigned n)
{
    s->rng = s->rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((s->rng >> 33) % n);
}

static void emit(sim_t *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void emit(sim_t *s, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char *sp = strchr(line, ' ');
    if (sp) {
        *sp = 0;
        trace_emit(s->t, line, sp + 1);
    } else {
        trace_emit(s->t, line, NULL);
    }
}

static void sim_schedule(sim_t *s, const char *cb, int task, int fut)
{
    if (s->nready == s->capready) {
        s->capready = s->capready ? s->capready * 2 : 64;
        s->ready = realloc(s->ready, s->capready * sizeof *s->ready);
    }
    sim_handle_t *h = &s->ready[s->nready++];
    memset(h, 0, sizeof *h);
    snprintf(h->cb, sizeof h->cb, "%s", cb);
    h->seq = s->seq++;
    h->task = task;
    h->fut = fut;
    emit(s, "schedule %s", cb);
}

static long sim_timer(sim_t *s, double delay, const char *cb, int task,
                      int fut)
{
    if (s->ntimers == s->captimers) {
        s->captimers = s->captimers ? s->captimers * 2 : 64;
        s->timers = realloc(s->timers, s->captimers * sizeof *s->timers);
    }
    sim_handle_t h;
    memset(&h, 0, sizeof h);
    snprintf(h.cb, sizeof h.cb, "%s", cb);
    // Whole microseconds, as the trace prints them.
    h.when = (double)(long)((s->clock + delay) * 1e6 + 0.5) / 1e6;
    h.seq = s->seq++;
    h.task = task;
    h.fut = fut;
    size_t i = s->ntimers;
    while (i > 0 && (s->timers[i - 1].when > h.when ||
                     (s->timers[i - 1].when == h.when &&
                      s->timers[i - 1].seq > h.seq))) {
        s->timers[i] = s->timers[i - 1];
        i--;
    }
    s->timers[i] = h;
    s->ntimers++;
    emit(s, "timer %.6f %s", h.when, cb);
    return h.seq;
}

/* sleep()'s finally: h.cancel() on its timer, wherever the handle is
 * (one that already ran is not cancelled yet either, so the line is
 * written all the same). */
static void sim_cancel_timer(sim_t *s, sim_task_t *k)
{
    for (size_t i = 0; i < s->ntimers; i++) {
        if (s->timers[i].seq == k->timer_seq) {
            s->timers[i].cancelled = true;
        }
    }
    for (size_t i = 0; i < s->nready; i++) {
        if (s->ready[i].seq == k->timer_seq) {
            s->ready[i].cancelled = true;
        }
    }
    emit(s, "cancel_handle %s", k->timer_cb);
}

static void sim_new_task(sim_t *s, const char *via)
{
    if (s->ntasks + 1 >= s->captasks) {
        s->captasks = s->captasks ? s->captasks * 2 : 64;
        s->tasks = realloc(s->tasks, (size_t)s->captasks * sizeof *s->tasks);
    }
    int id = ++s->ntasks;
    memset(&s->tasks[id], 0, sizeof s->tasks[id]);
    s->tasks[id].state = T_PENDING;
    s->live++;
    if (via) {
        emit(s, "%s", via);
    }
    emit(s, "task Task-%d worker", id);
    char cb[64];
    snprintf(cb, sizeof cb, "Task-%d.__step", id);
    sim_schedule(s, cb, id, 0);
}

/* One step of task [id] (its __step or __wakeup just ran). */
static void sim_step(sim_t *s, int id)
{
    sim_task_t *k = &s->tasks[id];
    char cb[96];
    if (k->cancelling) {
        // CancelledError thrown into the coroutine: sleep's finally
        // cancels its timer, the task ends cancelled.
        if (k->fut) {
            sim_cancel_timer(s, k);
        }
        k->state = T_DONE;
        k->cancelling = false;
        k->fut = 0;
        s->live--;
        emit(s, "done Task-%d cancelled", id);
        return;
    }
    if (k->fut) {
        // Woken by its sleep's timer.
        sim_cancel_timer(s, k);
        k->fut = 0;
    }
    unsigned r = rnd(s, 100);
    if (r < 8) {
        emit(s, "out task %d says hello", id);
    }
    r = rnd(s, 100);
    if (r < 4 && s->live < 2 * s->max_live &&
        (s->total_tasks == 0 || s->ntasks < s->total_tasks)) {
        // A child task through create_task or ensure_future.
        sim_new_task(s, rnd(s, 2) ? "create_task worker"
                                  : "ensure_future coroutine worker");
    } else if (r < 6) {
        emit(s, "future Future-%d", ++s->nfut);
        emit(s, "ensure_future future Future-%d", s->nfut);
    } else if (r < 7) {
        emit(s, "ensure_future error int");
    } else if (r < 9) {
        // call_soon of a callback, then cancelled right away or later.
        snprintf(cb, sizeof cb, "print %d", ++s->nprint);
        sim_schedule(s, cb, 0, 0);
        if (rnd(s, 2)) {
            s->ready[s->nready - 1].cancelled = true;
            emit(s, "cancel_handle %s", cb);
        }
    } else if (r < 11 && s->finishing) {
        // Cancel another task that waits on a sleep.
        for (int tries = 0; tries < 4; tries++) {
            int v = 1 + (int)rnd(s, (unsigned)s->ntasks);
            sim_task_t *o = &s->tasks[v];
            if (v == id || o->state != T_SUSPENDED || !o->fut ||
                o->fut_done || o->cancelling) {
                continue;
            }
            emit(s, "done Future-%d cancelled", o->fut);
            snprintf(cb, sizeof cb, "Task-%d.__wakeup Future-%d", v, o->fut);
            sim_schedule(s, cb, v, 0);
            emit(s, "cancel Future-%d -> True", o->fut);
            emit(s, "cancel Task-%d -> True", v);
            o->cancelling = true;
            break;
        }
    }
    k = &s->tasks[id]; // sim_new_task may have moved the array
    r = rnd(s, 100);
    if (s->finishing && r < 10) {
        k->state = T_DONE;
        s->live--;
        if (r < 2) {
            emit(s, "done Task-%d exception ValueError", id);
        } else {
            emit(s, "done Task-%d result %d", id, id * 7);
        }
        return;
    }
    k->state = T_SUSPENDED;
    if (r < 40) {
        // await asyncio.sleep(0)
        snprintf(cb, sizeof cb, "Task-%d.__step", id);
        sim_schedule(s, cb, id, 0);
        emit(s, "suspend Task-%d worker:%u", id, 3 + rnd(s, 3));
        return;
    }
    // await asyncio.sleep(d): d from a small set, so equal whens happen.
    static const double delays[] = {0.001, 0.01, 0.01, 0.1, 0.5, 1.0, 0.0};
    int f = ++s->nfut;
    emit(s, "future Future-%d", f);
    snprintf(cb, sizeof cb, "_set_result_unless_cancelled Future-%d None", f);
    k->fut = f;
    k->fut_done = false;
    snprintf(k->timer_cb, sizeof k->timer_cb, "%s", cb);
    k->timer_seq = sim_timer(s, delays[rnd(s, 7)], cb, id, f);
    emit(s, "suspend Task-%d worker:%u", id, 6 + rnd(s, 2));
}

/* One _run_once: the tick, then its ntodo handles. */
static void sim_iteration(sim_t *s)
{
    // Cancelled timers at the head of the heap are dropped first.
    while (s->ntimers && s->timers[0].cancelled) {
        memmove(s->timers, s->timers + 1,
                (s->ntimers - 1) * sizeof *s->timers);
        s->ntimers--;
    }
    if (s->nready == 0 && s->ntimers) {
        s->clock = s->timers[0].when;
    }
    while (s->ntimers && s->timers[0].when < s->clock + 1e-9) {
        if (s->nready == s->capready) {
            s->capready = s->capready ? s->capready * 2 : 64;
            s->ready = realloc(s->ready, s->capready * sizeof *s->ready);
        }
        s->ready[s->nready++] = s->timers[0];
        memmove(s->timers, s->timers + 1,
                (s->ntimers - 1) * sizeof *s->timers);
        s->ntimers--;
    }
    size_t ntodo = s->nready;
    emit(s, "tick %zu %.6f", ntodo, s->clock);
    for (size_t i = 0; i < ntodo; i++) {
        sim_handle_t h = s->ready[0];
        memmove(s->ready, s->ready + 1, (s->nready - 1) * sizeof *s->ready);
        s->nready--;
        if (h.cancelled) {
            continue;
        }
        emit(s, "run %s", h.cb);
        if (h.task && !h.fut) {
            sim_step(s, h.task);
        } else if (h.fut) {
            // A sleep's timer: the future's result wakes its task up
            // (unless the future was cancelled meanwhile).
            sim_task_t *k = &s->tasks[h.task];
            if (k->fut == h.fut && !k->cancelling) {
                emit(s, "done Future-%d result None", h.fut);
                char cb[96];
                snprintf(cb, sizeof cb, "Task-%d.__wakeup Future-%d",
                         h.task, h.fut);
                k->fut_done = true;
                sim_schedule(s, cb, h.task, 0);
            }
        } else {
            emit(s, "out %s", h.cb + 6);
        }
    }
    while (s->live < s->max_live &&
           (s->total_tasks == 0 || s->ntasks < s->total_tasks)) {
        // New work arrives from outside the tasks (a callback of "main").
        sim_new_task(s, "create_task worker");
    }
}

/* Appends a program of at least [n] events to [s->t] (from where it
 * stopped; the loop is started by the first call). */
static void sim_run(sim_t *s, size_t n)
{
    if (trace_count(s->t) == 0) {
        emit(s, "loop new");
        emit(s, "loop start");
    }
    while (trace_count(s->t) < n) {
        if (s->nready == 0 && s->ntimers == 0 && s->live == 0) {
            if (s->total_tasks && s->ntasks >= s->total_tasks) {
                break;
            }
            sim_new_task(s, "create_task worker");
        }
        sim_iteration(s);
    }
}

static void sim_finish(sim_t *s)
{
    emit(s, "loop stop");
    emit(s, "loop end");
    emit(s, "loop close");
    emit(s, "exit 0");
}

static void sim_init(sim_t *s, uint64_t seed, int max_live, bool finishing)
{
    memset(s, 0, sizeof *s);
    s->t = trace_new();
    s->rng = seed;
    s->max_live = max_live;
    s->finishing = finishing;
}

static void sim_free(sim_t *s)
{
    free(s->ready);
    free(s->timers);
    free(s->tasks);
    trace_free(s->t);
}

/* ==== Tests ============================================================== */

/* The synthetic trace uses every kind of event the model reads. */
static void test_synthetic_trace_is_varied(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 7, 12, true);
    sim_run(&s, 12000);
    sim_finish(&s);
    static const char *const kinds[] = {
        "loop new", "loop start", "tick ", "run Task-", "run print ",
        "run _set_result_unless_cancelled ", "schedule ", "timer ",
        "cancel_handle ", "task ", "suspend ", "done Task-",
        " exception ValueError", " cancelled", "cancel Task-", "create_task ",
        "ensure_future future", "ensure_future coroutine",
        "ensure_future error", "future ", "out ", "loop close", "exit 0"};
    size_t n = trace_count(s.t);
    assert_true(n > 12000);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++) {
            found = strstr(trace_line(s.t, i), kinds[k]) != NULL;
        }
        if (!found) {
            fail_msg("no event with '%s' in the synthetic trace", kinds[k]);
        }
    }
    // The model agrees with the simulator at the end: nothing left.
    model_t m;
    fold(s.t, n, &m);
    assert_true(m.loop_closed);
    assert_int_equal(m.exit_code, 0);
    assert_int_equal(m.ntasks, (size_t)s.ntasks);
    assert_true(m.ticks > 1000);
    model_free(&m);
    sim_free(&s);
}

static void test_state_matches_fold(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 12345, 20, true);
    sim_run(&s, 6 * EVERY + 777);
    sim_finish(&s);
    size_t n = trace_count(s.t);
    assert_true(n >= 10000);
    timeline_t tl;
    timeline_init(&tl, s.t);
    assert_int_equal(timeline_len(&tl), n);
    assert_int_equal(tl.ncheck, n / EVERY + 1);
    // One sweep: the reference model at i is the fold of [0, i).
    model_t ref;
    model_init(&ref);
    for (size_t i = 0; i <= n; i++) {
        size_t r = i % EVERY;
        bool check = i < 50 || i + 50 > n || r < 3 || r + 3 > EVERY ||
                     i % 37 == 0;
        if (check) {
            expect_state(&tl, i, &ref);
        }
        if (i % EVERY == 0 && i / EVERY < tl.ncheck) {
            // The checkpoint itself is that state.
            if (!model_equal(&tl.checkpoints[i / EVERY], &ref)) {
                fail_msg("checkpoint %zu: %s", i / EVERY, why);
            }
        }
        if (i < n) {
            model_apply(&ref, trace_line(s.t, i));
        }
    }
    // Past the end: the state after the last event.
    expect_state(&tl, n + 1, &ref);
    expect_state(&tl, n + 100000, &ref);
    model_free(&ref);
    timeline_free(&tl);
    sim_free(&s);
}

/* Stepping back from a position and then forward again (the view's Left
 * and Right keys: timeline_state at each new position) ends where going
 * straight there ends; so does applying the events forward from an
 * earlier state. */
static void test_back_then_forward(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 99, 16, true);
    sim_run(&s, 5 * EVERY + 100);
    size_t n = trace_count(s.t);
    timeline_t tl;
    timeline_init(&tl, s.t);
    uint64_t seed = 4242;
    for (int round = 0; round < 60; round++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t p = (size_t)(seed >> 33) % (n + 1);
        if (round < 5) {
            // Around a checkpoint boundary.
            p = (size_t)(round + 1) * EVERY - 2 + (size_t)(round % 4);
        }
        size_t back = 1 + (size_t)(seed >> 20) % 3000;
        if (back > p) {
            back = p;
        }
        model_t straight, m;
        fold(s.t, p, &straight);
        // Left, Left, ... then Right, Right, ...
        for (size_t k = 1; k <= back; k += 1 + back / 16) {
            timeline_state(&tl, p - k, &m);
            model_free(&m);
        }
        timeline_state(&tl, p - back, &m);
        assert_int_equal(m.nevents, p - back);
        for (size_t k = p - back; k < p; k++) {
            model_apply(&m, trace_line(s.t, k));
        }
        if (!model_equal(&m, &straight)) {
            fail_msg("p=%zu back=%zu, forward by apply: %s", p, back, why);
        }
        model_free(&m);
        for (size_t k = p - back; k < p; k += 1 + back / 16) {
            timeline_state(&tl, k, &m);
            model_free(&m);
        }
        expect_state(&tl, p, &straight);
        model_free(&straight);
    }
    timeline_free(&tl);
    sim_free(&s);
}

/* A live session: the trace grows after timeline_init, and timeline_sync
 * folds the new events (also across checkpoint boundaries, one event at a
 * time or many at once). */
static void test_live_sync(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 2024, 10, true);
    sim_run(&s, 1000);
    timeline_t tl;
    timeline_init(&tl, s.t);
    size_t n = trace_count(s.t);
    assert_int_equal(timeline_len(&tl), n);
    // Nothing new: no change.
    timeline_sync(&tl);
    assert_int_equal(timeline_len(&tl), n);
    size_t targets[] = {1100, EVERY - 1, EVERY, EVERY + 1, 3 * EVERY + 5,
                        3 * EVERY + 6, 7 * EVERY, 7 * EVERY + 1000};
    for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        size_t before = timeline_len(&tl);
        // Events arrive; the timeline does not see them before a sync.
        if (targets[k] <= before + 2) {
            emit(&s, "out line %zu", k);
        } else if (k % 2) {
            sim_run(&s, targets[k]);
        } else {
            // One event at a time, syncing after each.
            while (trace_count(s.t) < targets[k]) {
                size_t c = trace_count(s.t);
                sim_run(&s, c + 1);
                timeline_sync(&tl);
                assert_int_equal(timeline_len(&tl), trace_count(s.t));
            }
        }
        timeline_sync(&tl);
        n = trace_count(s.t);
        assert_int_equal(timeline_len(&tl), n);
        assert_int_equal(tl.ncheck, n / EVERY + 1);
        model_t ref;
        fold(s.t, n, &ref);
        expect_state(&tl, n, &ref);
        model_free(&ref);
        // Positions before the sync are unchanged, new ones are right.
        size_t probes[] = {0, before / 2, before, before + (n - before) / 2,
                           n - 1};
        for (size_t j = 0; j < sizeof probes / sizeof probes[0]; j++) {
            fold(s.t, probes[j], &ref);
            expect_state(&tl, probes[j], &ref);
            model_free(&ref);
        }
    }
    // And the same positions agree with a timeline made from scratch.
    timeline_t fresh;
    timeline_init(&fresh, s.t);
    for (size_t p = 0; p <= n; p += 97) {
        model_t a, b;
        timeline_state(&tl, p, &a);
        timeline_state(&fresh, p, &b);
        if (!model_equal(&a, &b)) {
            fail_msg("synced and fresh timelines differ at %zu: %s", p, why);
        }
        model_free(&a);
        model_free(&b);
    }
    timeline_free(&fresh);
    timeline_free(&tl);
    sim_free(&s);
}

static void test_empty_trace(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    timeline_t tl;
    timeline_init(&tl, t);
    assert_int_equal(timeline_len(&tl), 0);
    model_t m, init;
    model_init(&init);
    timeline_state(&tl, 0, &m);
    assert_true(model_equal(&m, &init));
    model_free(&m);
    timeline_state(&tl, 5, &m);
    assert_true(model_equal(&m, &init));
    model_free(&m);
    // The first events of a live session.
    trace_emit(t, "loop", "new");
    trace_emit(t, "loop", "start");
    timeline_sync(&tl);
    assert_int_equal(timeline_len(&tl), 2);
    timeline_state(&tl, 2, &m);
    assert_true(m.loop_running);
    assert_int_equal(m.nevents, 2);
    model_free(&m);
    timeline_state(&tl, 1, &m);
    assert_true(m.loop_exists);
    assert_false(m.loop_running);
    model_free(&m);
    timeline_free(&tl);
    trace_free(t);
}

/* A state taken from the timeline is the caller's: changing or freeing it
 * leaves the checkpoints and the head alone. */
static void test_states_are_independent(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 5, 8, true);
    sim_run(&s, 2 * EVERY + 10);
    size_t n = trace_count(s.t);
    timeline_t tl;
    timeline_init(&tl, s.t);
    size_t ps[] = {0, EVERY, EVERY + 3, n};
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        model_t m;
        timeline_state(&tl, ps[k], &m);
        for (int i = 0; i < 50; i++) {
            model_apply(&m, "schedule junk");
            model_apply(&m, "timer 0.000001 junk");
            model_apply(&m, "task Task-1 junk");
            model_apply(&m, "tick 100 0.000001");
            model_apply(&m, "run junk");
            model_apply(&m, "done Task-1 cancelled");
        }
        model_free(&m);
    }
    for (size_t k = 0; k < sizeof ps / sizeof ps[0]; k++) {
        model_t ref;
        fold(s.t, ps[k], &ref);
        expect_state(&tl, ps[k], &ref);
        model_free(&ref);
    }
    timeline_free(&tl);
    sim_free(&s);
}

static const size_t *sort_jumps;

static int by_position(const void *a, const void *b)
{
    size_t x = sort_jumps[*(const int *)a], y = sort_jumps[*(const int *)b];
    return x < y ? -1 : x > y;
}

/* A million events: jumping anywhere gives the state after exactly that
 * many events (checked against one direct fold at sampled positions).
 * Timing-free: no assertion on how long it takes. */
static void test_million_events(void **state)
{
    (void)state;
    sim_t s;
    // Long-lived tasks (none finishes), so that the model stays small.
    sim_init(&s, 1, 60, false);
    sim_run(&s, 1000000);
    sim_finish(&s);
    size_t n = trace_count(s.t);
    assert_true(n >= 1000000);
    timeline_t tl;
    timeline_init(&tl, s.t);
    assert_int_equal(timeline_len(&tl), n);
    // Jumps in a scattered order, compared with a single sweep later.
    enum { NJ = 400 };
    size_t jumps[NJ];
    uint64_t seed = 77;
    for (int i = 0; i < NJ; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        jumps[i] = (size_t)(seed >> 33) % (n + 1);
    }
    jumps[0] = 0;
    jumps[1] = n;
    jumps[2] = n - 1;
    jumps[3] = 1;
    jumps[4] = EVERY;
    jumps[5] = EVERY - 1;
    jumps[6] = (n / EVERY) * EVERY;
    jumps[7] = (n / EVERY) * EVERY - 1;
    jumps[8] = n / 2;
    model_t *got = calloc(NJ, sizeof *got);
    for (int i = 0; i < NJ; i++) {
        timeline_state(&tl, jumps[i], &got[i]);
        assert_int_equal(got[i].nevents, jumps[i]);
    }
    // The reference: one fold over the whole trace, visiting the jumps
    // in position order.
    int order[NJ];
    for (int i = 0; i < NJ; i++) {
        order[i] = i;
    }
    sort_jumps = jumps;
    qsort(order, NJ, sizeof order[0], by_position);
    model_t ref;
    model_init(&ref);
    int next = 0;
    for (size_t i = 0; i <= n; i++) {
        while (next < NJ && jumps[order[next]] == i) {
            if (!model_equal(&got[order[next]], &ref)) {
                fail_msg("jump to %zu: %s", i, why);
            }
            next++;
        }
        if (i < n) {
            model_apply(&ref, trace_line(s.t, i));
        }
    }
    assert_int_equal(next, NJ);
    assert_true(ref.loop_closed);
    assert_int_equal(ref.exit_code, 0);
    model_free(&ref);
    for (int i = 0; i < NJ; i++) {
        model_free(&got[i]);
    }
    free(got);
    timeline_free(&tl);
    sim_free(&s);
}

/* Thousands of live tasks: tasks, the ready queue and the timers span
 * many chunks, which neighbouring checkpoints share, and the program
 * cancels handles (the model's handle index). The state at random
 * positions (a checkpoint's clone, then a fold) equals one sequential
 * fold; changing those states, then freeing them, leaves the
 * checkpoints whole, so a second round of jumps still agrees. */
static void test_many_tasks_state_matches_fold(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 4321, 2500, true);
    sim_run(&s, 120000);
    sim_finish(&s);
    size_t n = trace_count(s.t);
    timeline_t tl;
    timeline_init(&tl, s.t);
    assert_int_equal(tl.ncheck, n / EVERY + 1);
    enum { NJ = 300 };
    size_t jumps[2][NJ];
    uint64_t seed = 2718;
    for (int r = 0; r < 2; r++) {
        for (int i = 0; i < NJ; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            jumps[r][i] = (size_t)(seed >> 33) % (n + 1);
        }
        // Either side of a checkpoint, and the ends.
        jumps[r][0] = r ? n : 0;
        jumps[r][1] = (size_t)(5 + r) * EVERY;
        jumps[r][2] = (size_t)(5 + r) * EVERY - 1;
        jumps[r][3] = (size_t)(5 + r) * EVERY + 1;
    }
    for (int r = 0; r < 2; r++) {
        model_t *got = calloc(NJ, sizeof *got);
        for (int i = 0; i < NJ; i++) {
            timeline_state(&tl, jumps[r][i], &got[i]);
        }
        int order[NJ];
        for (int i = 0; i < NJ; i++) {
            order[i] = i;
        }
        sort_jumps = jumps[r];
        qsort(order, NJ, sizeof order[0], by_position);
        model_t ref;
        model_init(&ref);
        size_t most_ready = 0, most_timers = 0;
        int next = 0;
        for (size_t i = 0; i <= n; i++) {
            while (next < NJ && jumps[r][order[next]] == i) {
                if (!model_equal(&got[order[next]], &ref)) {
                    fail_msg("round %d, jump to %zu: %s", r, i, why);
                }
                next++;
            }
            if (ref.nready > most_ready) {
                most_ready = ref.nready;
            }
            if (ref.ntimers > most_timers) {
                most_timers = ref.ntimers;
            }
            if (i < n) {
                model_apply(&ref, trace_line(s.t, i));
            }
        }
        assert_int_equal(next, NJ);
        assert_true(ref.ntasks > 4 * 256);
        assert_true(most_ready > 2 * 256 && most_timers > 2 * 256);
        assert_true(ref.handle_index_on);
        model_free(&ref);
        // The jumps' states are the caller's: changing them in every way
        // must not reach the checkpoints they share chunks with.
        for (int i = 0; i < NJ; i++) {
            model_apply(&got[i], "schedule junk");
            model_apply(&got[i], "task Task-1 junk");
            model_apply(&got[i], "suspend Task-2 junk:1");
            model_apply(&got[i], "cancel_handle Task-3.__step");
            model_apply(&got[i], "timer 0.000001 junk");
            model_apply(&got[i], "tick 5 0.000002");
            model_apply(&got[i], "run junk");
            model_apply(&got[i], "done Task-4 cancelled");
            if (i % 3 == 0) {
                model_apply(&got[i], "loop close");
            }
        }
        for (int i = NJ - 1; i >= 0; i -= 2) {
            model_free(&got[i]);
        }
        for (int i = 0; i < NJ; i += 2) {
            model_free(&got[i]);
        }
        free(got);
    }
    timeline_free(&tl);
    sim_free(&s);
}

/* What every tick and run line says about the ready queue, checked over
 * a whole trace: right after "tick <ntodo> <time>" the ready queue holds
 * exactly ntodo handles (cancelled ones included), and a "run" never
 * takes iter_left below 0. Returns the number of lines breaking that,
 * the first one described in [why]. */
static size_t ntodo_violations(const trace_t *t)
{
    model_t m;
    model_init(&m);
    size_t bad = 0;
    why[0] = 0;
    for (size_t i = 0; i < trace_count(t); i++) {
        const char *l = trace_line(t, i);
        model_apply(&m, l);
        long ntodo = 0;
        double when = 0;
        bool wrong = false;
        if (sscanf(l, "tick %ld %lf", &ntodo, &when) == 2) {
            wrong = (long)m.nready != ntodo;
        } else if (strncmp(l, "run ", 4) == 0) {
            wrong = m.iter_left < 0;
        }
        if (wrong && bad++ == 0) {
            snprintf(why, sizeof why,
                     "event %zu '%s': nready %zu, iter_left %ld", i + 1, l,
                     m.nready, m.iter_left);
        }
    }
    model_free(&m);
    return bad;
}

/* The synthetic program cancels handles at the end of an iteration and
 * cancels timers that are already due; the model keeps both (see
 * test_model.c's test_fixed_cancelled_due_head_timer and
 * test_fixed_cancelled_ready_tail), so its ready queue disagrees with
 * the ticks' ntodo. */
static void test_fixed_ready_matches_ntodo(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 12345, 20, true);
    sim_run(&s, 6 * EVERY + 777);
    sim_finish(&s);
    size_t bad = ntodo_violations(s.t);
    if (bad) {
        fail_msg("%zu tick/run lines disagree with the model; first: %s",
                 bad, why);
    }
    sim_free(&s);
}

/* Copies event i of [from] into [to] (kind, then the rest). */
static void copy_event(trace_t *to, const trace_t *from, size_t i)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", trace_line(from, i));
    char *sp = strchr(buf, ' ');
    if (sp) {
        *sp = 0;
    }
    trace_emit(to, buf, sp ? sp + 1 : NULL);
}

/* --trace-limit: the recorder keeps the newest events, numbered as before,
 * and frees what no kept event uses. */
static void test_limit_keeps_newest(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    trace_set_limit(t, 100);
    char text[64];
    for (int i = 0; i < 10000; i++) {
        // Mostly distinct lines, so that freeing them matters, and some
        // repeated ones, so that shared lines must stay while used.
        snprintf(text, sizeof text, "x%d", i % 7 == 0 ? 7 : i);
        trace_emit(t, "out", text);
        size_t n = trace_count(t);
        assert_int_equal(n, (size_t)i + 1);
        assert_int_equal(trace_first(t), n > 100 ? n - 100 : 0);
    }
    for (size_t i = trace_first(t); i < trace_count(t); i++) {
        snprintf(text, sizeof text, "out x%zu", i % 7 == 0 ? (size_t)7 : i);
        assert_string_equal(trace_line(t, i), text);
    }
    // A line dropped and then emitted again is interned afresh.
    trace_emit(t, "out", "x1");
    assert_string_equal(trace_line(t, trace_count(t) - 1), "out x1");
    trace_free(t);
}

/* The timeline over a limited trace gives, at every position it still
 * reaches, exactly the state of the full fold, even when the view syncs
 * rarely (more events dropped than it saw between two syncs). */
static void test_limit_timeline_matches_full_fold(void **state)
{
    (void)state;
    sim_t s;
    sim_init(&s, 11, 40, true);
    sim_run(&s, 6 * EVERY);
    sim_finish(&s);
    size_t n = trace_count(s.t);
    size_t limits[] = {1, 50, EVERY / 2, 3 * EVERY};
    for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
        size_t limit = limits[li];
        trace_t *t = trace_new();
        trace_set_limit(t, limit);
        timeline_t tl;
        timeline_init(&tl, t);
        uint64_t r = 99 + li;
        for (size_t i = 0; i < n; i++) {
            copy_event(t, s.t, i);
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((r >> 33) % 997 == 0) {
                timeline_sync(&tl);
            }
        }
        timeline_sync(&tl);
        assert_int_equal(timeline_len(&tl), n);
        assert_int_equal(timeline_first(&tl), n - (limit < n ? limit : n));
        size_t lo = timeline_first(&tl);
        model_t ref;
        // Every position of a small window; samples of a large one.
        size_t step = (n - lo) / 200 + 1;
        for (size_t p = lo; p <= n; p += step) {
            fold(s.t, p, &ref);
            expect_state(&tl, p, &ref);
            model_free(&ref);
        }
        fold(s.t, n, &ref);
        expect_state(&tl, n, &ref);
        // Before the window: the earliest state still known.
        if (lo > 0) {
            model_free(&ref);
            fold(s.t, lo, &ref);
            expect_state(&tl, 0, &ref);
        }
        model_free(&ref);
        timeline_free(&tl);
        trace_free(t);
    }
    sim_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synthetic_trace_is_varied),
        cmocka_unit_test(test_state_matches_fold),
        cmocka_unit_test(test_back_then_forward),
        cmocka_unit_test(test_live_sync),
        cmocka_unit_test(test_empty_trace),
        cmocka_unit_test(test_states_are_independent),
        cmocka_unit_test(test_million_events),
        cmocka_unit_test(test_many_tasks_state_matches_fold),
        cmocka_unit_test(test_fixed_ready_matches_ntodo),
        cmocka_unit_test(test_limit_keeps_newest),
        cmocka_unit_test(test_limit_timeline_matches_full_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
