/*
 * test_model.c - cmocka unit tests for core/model.c, the fold over trace
 * events (../shared/TRACE.md) that every view reads.
 *
 * Each test applies a few hand-written trace lines, in the order the engine
 * writes them, and checks the model after them: the loop's flags and clock,
 * the ready queue (FIFO, cancelled handles kept until popped), the timer
 * list (sorted by (when, seq)), ticks and runs, tasks and their states, the
 * last create_task / ensure_future decision, deadlock and exit, and
 * model_clone's copies (sharing chunks, yet independent).
 *
 * Tests named test_fixed_* pin down bugs these tests found in the model
 * (see the comment on each), fixed since.
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

/* Applies the trace lines given (NULL-terminated). */
static void apply(model_t *m, ...)
{
    va_list ap;
    va_start(ap, m);
    for (const char *l = va_arg(ap, const char *); l;
         l = va_arg(ap, const char *)) {
        model_apply(m, l);
    }
    va_end(ap);
}

#define APPLY(m, ...) apply((m), __VA_ARGS__, (const char *)NULL)


static bool same_str(const char *a, const char *b)
{
    if (!a || !b) {
        return a == b;
    }
    return strcmp(a, b) == 0;
}

/* The ready queue's callbacks, "a|b|x c" (x marks a cancelled handle). */
static const char *ready_str(const model_t *m)
{
    static char buf[4096];
    buf[0] = 0;
    for (size_t i = 0; i < m->nready; i++) {
        size_t n = strlen(buf);
        const model_handle_t *h = model_ready_at(m, i);
        snprintf(buf + n, sizeof buf - n, "%s%s%s", i ? "|" : "",
                 h->cancelled ? "x " : "", h->cb);
    }
    return buf;
}

/* The timers in firing order (model_timers_sorted; the model keeps a
 * heap): [i] of at most 64. */
static const model_handle_t *timer_at(const model_t *m, size_t i)
{
    static const model_handle_t *order[4096];
    size_t n = model_timers_sorted(m, order, 4096);
    assert_true(i < n);
    return order[i];
}

/* The timers, "1.5 a|2 x b", in firing order. */
static const char *timers_str(const model_t *m)
{
    static char buf[4096];
    static const model_handle_t *order[4096];
    size_t nt = model_timers_sorted(m, order, 4096);
    buf[0] = 0;
    for (size_t i = 0; i < nt; i++) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "%s%g %s%s", i ? "|" : "",
                 order[i]->when, order[i]->cancelled ? "x " : "",
                 order[i]->cb);
    }
    return buf;
}

static const model_task_t *task(model_t *m, const char *id)
{
    const model_task_t *t = model_task(m, id);
    if (!t) {
        fail_msg("no task %s in the model", id);
    }
    return t;
}

/* Compares every field two models expose (not the capacities). */
static void expect_model_equal(const model_t *a, const model_t *b)
{
    assert_int_equal(a->nevents, b->nevents);
    assert_true(a->clock == b->clock);
    assert_int_equal(a->loop_exists, b->loop_exists);
    assert_int_equal(a->loop_running, b->loop_running);
    assert_int_equal(a->loop_closed, b->loop_closed);
    assert_string_equal(ready_str(a), ready_str(b));
    assert_int_equal(a->nready, b->nready);
    for (size_t i = 0; i < a->nready; i++) {
        const model_handle_t *x = model_ready_at(a, i);
        const model_handle_t *y = model_ready_at(b, i);
        assert_string_equal(x->cb, y->cb);
        assert_int_equal(x->cancelled, y->cancelled);
        assert_int_equal(x->seq, y->seq);
        assert_true(x->when == y->when);
    }
    assert_int_equal(a->ntimers, b->ntimers);
    for (size_t i = 0; i < a->ntimers; i++) {
        const model_handle_t *x = timer_at(a, i), *y = timer_at(b, i);
        assert_string_equal(x->cb, y->cb);
        assert_true(x->when == y->when);
        assert_int_equal(x->seq, y->seq);
        assert_int_equal(x->cancelled, y->cancelled);
    }
    assert_int_equal(a->seq, b->seq);
    assert_int_equal(a->ntasks, b->ntasks);
    for (size_t i = 0; i < a->ntasks; i++) {
        const model_task_t *s = model_task_at(a, i);
        const model_task_t *t = model_task_at(b, i);
        assert_string_equal(s->id, t->id);
        assert_string_equal(s->coro, t->coro);
        assert_int_equal(s->state, t->state);
        assert_true(same_str(s->where, t->where));
        assert_true(same_str(s->waiting_on, t->waiting_on));
        assert_true(same_str(s->result, t->result));
        assert_int_equal(s->cancel_requests, t->cancel_requests);
    }
    assert_true(same_str(a->running, b->running));
    assert_true(same_str(a->current_task, b->current_task));
    assert_int_equal(a->ticks, b->ticks);
    assert_int_equal(a->iter_left, b->iter_left);
    assert_int_equal(a->decision.api, b->decision.api);
    assert_string_equal(a->decision.kind, b->decision.kind);
    assert_true(same_str(a->decision.what, b->decision.what));
    assert_true(same_str(a->decision.task, b->decision.task));
    assert_int_equal(a->decision.loop_running, b->decision.loop_running);
    assert_int_equal(a->decision.failed, b->decision.failed);
    assert_int_equal(a->exit_code, b->exit_code);
    assert_int_equal(a->deadlock, b->deadlock);
}

/* ==== Initial state, loop events ========================================= */

static void test_init(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    assert_int_equal(m.nevents, 0);
    assert_true(m.clock == 0.0);
    assert_false(m.loop_exists);
    assert_false(m.loop_running);
    assert_false(m.loop_closed);
    assert_int_equal(m.nready, 0);
    assert_int_equal(m.ntimers, 0);
    assert_int_equal(m.ntasks, 0);
    assert_null(m.running);
    assert_null(m.current_task);
    assert_int_equal(m.ticks, 0);
    assert_int_equal(m.decision.api, DEC_NONE);
    assert_int_equal(m.exit_code, -1);
    assert_false(m.deadlock);
    assert_null(model_task(&m, "Task-1"));
    model_free(&m);
}

static void test_loop_lifecycle(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new");
    assert_true(m.loop_exists);
    assert_false(m.loop_running);
    assert_false(m.loop_closed);
    APPLY(&m, "loop start");
    assert_true(m.loop_running);
    APPLY(&m, "schedule cb", "tick 1 0.000000", "run cb");
    assert_string_equal(m.running, "cb");
    // stop() only asks: the loop runs until the end of the iteration.
    APPLY(&m, "loop stop");
    assert_true(m.loop_running);
    assert_string_equal(m.running, "cb");
    APPLY(&m, "loop end");
    assert_false(m.loop_running);
    assert_null(m.running);
    assert_false(m.loop_closed);
    APPLY(&m, "schedule later", "timer 5.000000 never");
    assert_int_equal(m.nready, 1);
    assert_int_equal(m.ntimers, 1);
    APPLY(&m, "loop close");
    assert_true(m.loop_closed);
    assert_int_equal(m.nready, 0);
    assert_int_equal(m.ntimers, 0);
    assert_int_equal(m.nevents, 10);
    model_free(&m);
}

static void test_loop_new_resets_clock(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "timer 2.500000 cb",
          "tick 1 2.500000", "run cb", "loop stop", "loop end", "loop close");
    assert_true(m.clock == 2.5);
    assert_true(m.loop_closed);
    // A second asyncio.run(): a new loop, its clock back at 0.
    APPLY(&m, "loop new");
    assert_true(m.loop_exists);
    assert_false(m.loop_closed);
    assert_true(m.clock == 0.0);
    model_free(&m);
}

/* ==== The ready queue and the timers ===================================== */

static void test_schedule_fifo(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "schedule a", "schedule b 1 'two'",
          "schedule Task-1.__step");
    assert_string_equal(ready_str(&m), "a|b 1 'two'|Task-1.__step");
    for (size_t i = 0; i < m.nready; i++) {
        assert_false(model_ready_at(&m, i)->cancelled);
        assert_int_equal(model_ready_at(&m, i)->seq, (long)i);
    }
    assert_int_equal(m.seq, 3);
    assert_int_equal(m.nevents, 4);
    model_free(&m);
}

static void test_schedule_many_grows(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    char line[64];
    for (int i = 0; i < 1000; i++) {
        snprintf(line, sizeof line, "schedule cb %d", i);
        model_apply(&m, line);
    }
    assert_int_equal(m.nready, 1000);
    assert_string_equal(model_ready_at(&m, 0)->cb, "cb 0");
    assert_string_equal(model_ready_at(&m, 999)->cb, "cb 999");
    model_apply(&m, "tick 1000 0.000000");
    for (int i = 0; i < 1000; i++) {
        snprintf(line, sizeof line, "run cb %d", i);
        model_apply(&m, line);
        assert_int_equal(m.nready, (size_t)(999 - i));
    }
    assert_int_equal(m.iter_left, 0);
    model_free(&m);
}

static void test_timer_order(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "timer 3.000000 c", "timer 1.000000 a1",
          "schedule s", "timer 2.000000 b", "timer 1.000000 a2",
          "timer 0.500000 z", "timer 1.000000 a3");
    // Sorted by when; equal whens in scheduling order (TRACE.md).
    assert_string_equal(timers_str(&m),
                        "0.5 z|1 a1|1 a2|1 a3|2 b|3 c");
    // One sequence counter for call_soon and call_at.
    assert_int_equal(m.seq, 7);
    assert_int_equal(timer_at(&m, 1)->seq, 1);
    assert_int_equal(timer_at(&m, 2)->seq, 4);
    assert_int_equal(timer_at(&m, 3)->seq, 6);
    assert_string_equal(ready_str(&m), "s");
    assert_int_equal(model_ready_at(&m, 0)->seq, 2);
    model_free(&m);
}

static void test_timer_callback_with_spaces(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "timer 0.010000 _set_result_unless_cancelled Future-1 None");
    assert_int_equal(m.ntimers, 1);
    assert_true(timer_at(&m, 0)->when == 0.01);
    assert_string_equal(timer_at(&m, 0)->cb,
                        "_set_result_unless_cancelled Future-1 None");
    model_free(&m);
}

static void test_tick_moves_due_timers(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "schedule first",
          "timer 1.000000 t1", "timer 2.000000 t3", "timer 1.000000 t2",
          "tick 3 1.000000");
    assert_true(m.clock == 1.0);
    assert_int_equal(m.ticks, 1);
    assert_int_equal(m.iter_left, 3);
    // Due timers go behind what was ready, in (when, seq) order, keeping
    // their seq.
    assert_string_equal(ready_str(&m), "first|t1|t2");
    assert_int_equal(model_ready_at(&m, 1)->seq, 1);
    assert_int_equal(model_ready_at(&m, 2)->seq, 3);
    assert_string_equal(timers_str(&m), "2 t3");
    APPLY(&m, "run first", "run t1", "run t2");
    assert_int_equal(m.iter_left, 0);
    APPLY(&m, "tick 1 2.000000");
    assert_true(m.clock == 2.0);
    assert_int_equal(m.ticks, 2);
    assert_string_equal(ready_str(&m), "t3");
    assert_int_equal(m.ntimers, 0);
    model_free(&m);
}

static void test_tick_clock_resolution(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    // Due means when < time + 1e-9 (BaseEventLoop's end_time): a timer a
    // microsecond later is not due.
    APPLY(&m, "timer 1.000000 now", "timer 1.000001 later",
          "tick 1 1.000000");
    assert_string_equal(ready_str(&m), "now");
    assert_string_equal(timers_str(&m), "1 later");
    APPLY(&m, "run now", "tick 1 1.000001");
    assert_string_equal(ready_str(&m), "later");
    assert_int_equal(m.ntimers, 0);
    model_free(&m);
}

static void test_tick_without_timers(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "schedule a", "tick 1 0.000000", "run a", "tick 0 0.000000",
          "tick 0 86400.000000");
    assert_int_equal(m.ticks, 3);
    assert_true(m.clock == 86400.0);
    assert_int_equal(m.iter_left, 0);
    assert_int_equal(m.nready, 0);
    // A malformed tick changes nothing but the count.
    APPLY(&m, "tick", "tick x y");
    assert_int_equal(m.ticks, 3);
    assert_int_equal(m.nevents, 7);
    model_free(&m);
}

static void test_tick_drops_cancelled_head_timers(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "timer 5.000000 a", "timer 6.000000 b", "timer 7.000000 c",
          "cancel_handle a", "cancel_handle c");
    assert_string_equal(timers_str(&m), "5 x a|6 b|7 x c");
    // _run_once drops the cancelled timers at the head of the heap first;
    // the cancelled one behind a live one stays.
    APPLY(&m, "schedule s", "tick 1 0.000000");
    assert_string_equal(timers_str(&m), "6 b|7 x c");
    assert_string_equal(ready_str(&m), "s");
    model_free(&m);
}

static void test_run_pops_head(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "schedule a", "schedule b",
          "tick 2 0.000000", "run a");
    assert_string_equal(m.running, "a");
    assert_null(m.current_task);
    assert_int_equal(m.iter_left, 1);
    assert_string_equal(ready_str(&m), "b");
    // Scheduled while a runs: behind b, not part of this iteration.
    APPLY(&m, "schedule c", "run b");
    assert_string_equal(m.running, "b");
    assert_int_equal(m.iter_left, 0);
    assert_string_equal(ready_str(&m), "c");
    APPLY(&m, "tick 1 0.000000", "run c");
    assert_int_equal(m.nready, 0);
    assert_int_equal(m.ticks, 2);
    model_free(&m);
}

static void test_run_skips_cancelled(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "schedule a", "schedule b", "schedule c", "schedule d",
          "cancel_handle a", "cancel_handle c");
    assert_string_equal(ready_str(&m), "x a|b|x c|d");
    // Cancelled handles use up an ntodo slot but are never run.
    APPLY(&m, "tick 4 0.000000", "run b");
    assert_string_equal(ready_str(&m), "x c|d");
    assert_int_equal(m.iter_left, 2);
    APPLY(&m, "run d");
    assert_int_equal(m.nready, 0);
    assert_int_equal(m.iter_left, 0);
    assert_string_equal(m.running, "d");
    model_free(&m);
}

static void test_run_task_step(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "task Task-1 main",
          "schedule Task-1.__step", "tick 1 0.000000",
          "run Task-1.__step");
    assert_string_equal(m.current_task, "Task-1");
    assert_int_equal(task(&m, "Task-1")->state, TASK_RUNNING);
    APPLY(&m, "future Future-1",
          "timer 1.000000 _set_result_unless_cancelled Future-1 None",
          "suspend Task-1 main:4");
    const model_task_t *t = task(&m, "Task-1");
    assert_int_equal(t->state, TASK_SUSPENDED);
    assert_string_equal(t->where, "main:4");
    // The timer set during the task's step is what it waits on.
    assert_string_equal(t->waiting_on,
                        "_set_result_unless_cancelled Future-1 None");
    assert_null(m.current_task);
    APPLY(&m, "tick 1 1.000000",
          "run _set_result_unless_cancelled Future-1 None");
    assert_null(m.current_task);
    assert_int_equal(task(&m, "Task-1")->state, TASK_SUSPENDED);
    APPLY(&m, "done Future-1 result None",
          "schedule Task-1.__wakeup Future-1", "tick 1 1.000000",
          "run Task-1.__wakeup Future-1");
    t = task(&m, "Task-1");
    assert_string_equal(m.current_task, "Task-1");
    assert_int_equal(t->state, TASK_RUNNING);
    assert_null(t->waiting_on);
    model_free(&m);
}

static void test_timer_outside_task_sets_no_wait(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 main", "schedule Task-1.__step",
          "tick 1 0.000000", "run Task-1.__step", "suspend Task-1 main:3",
          "timer 4.000000 print 'late'");
    assert_null(task(&m, "Task-1")->waiting_on);
    assert_int_equal(m.ntimers, 1);
    model_free(&m);
}

static void test_cancel_handle_ready(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "schedule print 'a'", "schedule other", "schedule print 'a'",
          "cancel_handle print 'a'");
    assert_string_equal(ready_str(&m), "x print 'a'|other|print 'a'");
    APPLY(&m, "cancel_handle print 'a'");
    assert_string_equal(ready_str(&m), "x print 'a'|other|x print 'a'");
    // Nothing left to cancel with that callback: no change.
    APPLY(&m, "cancel_handle print 'a'", "cancel_handle nothing");
    assert_string_equal(ready_str(&m), "x print 'a'|other|x print 'a'");
    assert_int_equal(m.nevents, 7);
    model_free(&m);
}

static void test_cancel_handle_timer(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "schedule s", "timer 1.000000 t", "timer 2.000000 u",
          "cancel_handle u");
    assert_string_equal(timers_str(&m), "1 t|2 x u");
    assert_string_equal(ready_str(&m), "s");
    // A timer already moved to the ready queue is cancelled there.
    APPLY(&m, "tick 1 0.000000", "run s", "tick 1 1.000000");
    assert_string_equal(ready_str(&m), "t");
    APPLY(&m, "cancel_handle t");
    assert_string_equal(ready_str(&m), "x t");
    assert_string_equal(timers_str(&m), "2 x u");
    model_free(&m);
}

/* ==== Tasks ============================================================== */

static void test_task_event(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 main", "task worker-a work.<locals>.inner");
    assert_int_equal(m.ntasks, 2);
    const model_task_t *t = task(&m, "Task-1");
    assert_string_equal(t->coro, "main");
    assert_int_equal(t->state, TASK_PENDING);
    assert_null(t->where);
    assert_null(t->waiting_on);
    assert_null(t->result);
    assert_int_equal(t->cancel_requests, 0);
    assert_string_equal(task(&m, "worker-a")->coro, "work.<locals>.inner");
    assert_null(model_task(&m, "Task-2"));
    assert_null(model_task(&m, "Task"));
    // A malformed line adds nothing.
    APPLY(&m, "task Task-3");
    assert_int_equal(m.ntasks, 2);
    model_free(&m);
}

static void test_many_tasks(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    char line[64];
    for (int i = 1; i <= 300; i++) {
        snprintf(line, sizeof line, "task Task-%d work", i);
        model_apply(&m, line);
    }
    assert_int_equal(m.ntasks, 300);
    assert_string_equal(task(&m, "Task-1")->id, "Task-1");
    assert_string_equal(task(&m, "Task-300")->id, "Task-300");
    assert_ptr_equal(model_task(&m, "Task-150"), model_task_at(&m, 149));
    model_free(&m);
}

/* Programs can name tasks themselves, and two can share a name: events
 * naming it go to the latest, even right after one named the older. */
static void model_apply__repeated_task_name__latest_task_changes(
    void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task worker a", "schedule worker.__step", "tick 1 0.000000",
          "run worker.__step", "suspend worker a:1", "task worker b",
          "suspend worker b:2");
    assert_int_equal(m.ntasks, 2);
    assert_ptr_equal(model_task(&m, "worker"), model_task_at(&m, 1));
    assert_string_equal(model_task_at(&m, 0)->where, "a:1");
    assert_string_equal(model_task_at(&m, 1)->where, "b:2");
    // Also when the older one is in another chunk.
    char line[64];
    for (int i = 0; i < 600; i++) {
        snprintf(line, sizeof line, "task t%d c", i);
        model_apply(&m, line);
    }
    APPLY(&m, "suspend worker b:3", "task worker c", "done worker result 1");
    assert_ptr_equal(model_task(&m, "worker"), model_task_at(&m, 602));
    assert_string_equal(model_task_at(&m, 1)->where, "b:3");
    assert_int_equal(model_task_at(&m, 1)->state, TASK_SUSPENDED);
    assert_int_equal(model_task_at(&m, 602)->state, TASK_DONE);
    model_free(&m);
}

static void test_suspend(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 work", "schedule Task-1.__step",
          "tick 1 0.000000", "run Task-1.__step", "schedule Task-1.__step",
          "suspend Task-1 work:5");
    const model_task_t *t = task(&m, "Task-1");
    assert_int_equal(t->state, TASK_SUSPENDED);
    assert_string_equal(t->where, "work:5");
    assert_null(t->waiting_on);
    assert_null(m.current_task);
    APPLY(&m, "tick 1 0.000000", "run Task-1.__step",
          "suspend Task-1 sleep:-");
    assert_string_equal(task(&m, "Task-1")->where, "sleep:-");
    // A suspend of an unknown task only clears the current task.
    APPLY(&m, "suspend Task-9 x:1");
    assert_null(model_task(&m, "Task-9"));
    model_free(&m);
}

static void test_done_result(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 work", "schedule Task-1.__step",
          "tick 1 0.000000", "run Task-1.__step",
          "timer 1.000000 _set_result_unless_cancelled Future-1 None",
          "suspend Task-1 work:2", "done Task-1 result 'a b'");
    const model_task_t *t = task(&m, "Task-1");
    assert_int_equal(t->state, TASK_DONE);
    assert_string_equal(t->result, "result 'a b'");
    assert_null(t->where);
    assert_null(t->waiting_on);
    model_free(&m);
}

static void test_done_exception(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 work", "schedule Task-1.__step",
          "tick 1 0.000000", "run Task-1.__step",
          "done Task-1 exception ValueError");
    const model_task_t *t = task(&m, "Task-1");
    assert_int_equal(t->state, TASK_FAILED);
    assert_string_equal(t->result, "exception ValueError");
    model_free(&m);
}

static void test_done_cancelled(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 work", "schedule Task-1.__step",
          "tick 1 0.000000", "run Task-1.__step", "future Future-1",
          "timer 1.000000 _set_result_unless_cancelled Future-1 None",
          "suspend Task-1 work:2",
          // task.cancel() from elsewhere: the sleep future first.
          "done Future-1 cancelled", "schedule Task-1.__wakeup Future-1",
          "cancel Future-1 -> True", "cancel Task-1 -> True");
    const model_task_t *t = task(&m, "Task-1");
    assert_int_equal(t->state, TASK_SUSPENDED);
    assert_int_equal(t->cancel_requests, 1);
    assert_string_equal(ready_str(&m), "Task-1.__wakeup Future-1");
    APPLY(&m, "tick 1 0.000000", "run Task-1.__wakeup Future-1",
          "cancel_handle _set_result_unless_cancelled Future-1 None",
          "done Task-1 cancelled");
    t = task(&m, "Task-1");
    assert_int_equal(t->state, TASK_CANCELLED);
    assert_string_equal(t->result, "cancelled");
    assert_int_equal(t->cancel_requests, 1);
    assert_string_equal(timers_str(&m),
                        "1 x _set_result_unless_cancelled Future-1 None");
    model_free(&m);
}

static void test_done_of_a_future_is_ignored(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 work", "future Future-1",
          "done Future-1 result 42", "done");
    assert_int_equal(m.ntasks, 1);
    assert_int_equal(task(&m, "Task-1")->state, TASK_PENDING);
    assert_null(task(&m, "Task-1")->result);
    assert_int_equal(m.nevents, 4);
    model_free(&m);
}

static void test_cancel_counts_true(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "task Task-1 work", "task Task-2 work",
          "cancel Task-1 -> True", "cancel Task-1 -> False",
          "cancel Task-1 -> True", "cancel Task-2 -> False",
          "cancel Future-1 -> True", "cancel Task-2", "cancel");
    assert_int_equal(task(&m, "Task-1")->cancel_requests, 2);
    assert_int_equal(task(&m, "Task-2")->cancel_requests, 0);
    // cancel() does not change the state: done ... cancelled does.
    assert_int_equal(task(&m, "Task-1")->state, TASK_PENDING);
    model_free(&m);
}

/* ==== create_task / ensure_future decisions ============================== */

static void test_create_task_decision(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "create_task work");
    model_decision_t *d = &m.decision;
    assert_int_equal(d->api, DEC_CREATE_TASK);
    assert_string_equal(d->kind, "create_task");
    assert_string_equal(d->what, "work");
    assert_null(d->task);
    assert_true(d->loop_running);
    // Until the task line comes, the call has not created anything.
    assert_true(d->failed);
    APPLY(&m, "task Task-1 work");
    assert_string_equal(m.decision.task, "Task-1");
    assert_false(m.decision.failed);
    APPLY(&m, "schedule Task-1.__step", "task Task-2 other");
    // Only the task right after the call is its task.
    assert_string_equal(m.decision.task, "Task-1");
    assert_string_equal(ready_str(&m), "Task-1.__step");
    model_free(&m);
}

static void test_create_task_without_loop(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "create_task work");
    assert_int_equal(m.decision.api, DEC_CREATE_TASK);
    assert_false(m.decision.loop_running);
    assert_true(m.decision.failed);
    assert_null(m.decision.task);
    // Once a loop ran and ended, it is not running any more.
    APPLY(&m, "loop new", "loop start", "loop end", "create_task other");
    assert_false(m.decision.loop_running);
    assert_string_equal(m.decision.what, "other");
    model_free(&m);
}

static void test_create_task_not_a_coroutine(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "create_task int", "out TypeError");
    assert_int_equal(m.decision.api, DEC_CREATE_TASK);
    assert_string_equal(m.decision.what, "int");
    assert_true(m.decision.loop_running);
    assert_true(m.decision.failed);
    assert_null(m.decision.task);
    model_free(&m);
}

static void test_ensure_future_future(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "future Future-1",
          "ensure_future future Future-1");
    model_decision_t *d = &m.decision;
    assert_int_equal(d->api, DEC_ENSURE_FUTURE);
    assert_string_equal(d->kind, "future");
    assert_string_equal(d->what, "Future-1");
    // Returned as it is: the "task" is the argument itself.
    assert_string_equal(d->task, "Future-1");
    assert_false(d->failed);
    assert_true(d->loop_running);
    // A Task passed in is returned as is too.
    APPLY(&m, "ensure_future future Task-7");
    assert_string_equal(m.decision.task, "Task-7");
    model_free(&m);
}

static void test_ensure_future_coroutine(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "ensure_future coroutine work");
    assert_int_equal(m.decision.api, DEC_ENSURE_FUTURE);
    assert_string_equal(m.decision.kind, "coroutine");
    assert_string_equal(m.decision.what, "work");
    assert_null(m.decision.task);
    APPLY(&m, "task Task-1 work", "schedule Task-1.__step");
    assert_string_equal(m.decision.task, "Task-1");
    assert_false(m.decision.failed);
    assert_int_equal(m.ntasks, 1);
    model_free(&m);
}

static void test_ensure_future_awaitable(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "ensure_future awaitable Awaitable",
          "task Task-2 _wrap_awaitable", "schedule Task-2.__step");
    assert_string_equal(m.decision.kind, "awaitable");
    assert_string_equal(m.decision.what, "Awaitable");
    assert_string_equal(m.decision.task, "Task-2");
    assert_false(m.decision.failed);
    model_free(&m);
}

static void test_ensure_future_error(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "ensure_future error int");
    assert_int_equal(m.decision.api, DEC_ENSURE_FUTURE);
    assert_string_equal(m.decision.kind, "error");
    assert_string_equal(m.decision.what, "int");
    assert_null(m.decision.task);
    assert_true(m.decision.failed);
    model_free(&m);
}

static void test_decision_replaced(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "create_task work",
          "task Task-1 work", "schedule Task-1.__step",
          "ensure_future future Future-3");
    assert_int_equal(m.decision.api, DEC_ENSURE_FUTURE);
    assert_string_equal(m.decision.kind, "future");
    assert_string_equal(m.decision.task, "Future-3");
    APPLY(&m, "create_task main.<locals>.inner");
    assert_int_equal(m.decision.api, DEC_CREATE_TASK);
    assert_string_equal(m.decision.kind, "create_task");
    assert_string_equal(m.decision.what, "main.<locals>.inner");
    assert_null(m.decision.task);
    model_free(&m);
}

/* ==== Deadlock, exit, events the model only counts ======================= */

static void test_deadlock_and_exit(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "task Task-1 main",
          "schedule Task-1.__step", "tick 1 0.000000", "run Task-1.__step",
          "future Future-1", "suspend Task-1 main:5");
    assert_false(m.deadlock);
    assert_int_equal(m.exit_code, -1);
    APPLY(&m, "deadlock 0.000000");
    assert_true(m.deadlock);
    APPLY(&m, "exit 3");
    assert_int_equal(m.exit_code, 3);
    // The program stopped at once: the loop never ended.
    assert_true(m.loop_running);
    model_free(&m);

    model_init(&m);
    APPLY(&m, "exit 0");
    assert_int_equal(m.exit_code, 0);
    assert_false(m.deadlock);
    model_free(&m);
}

static void test_other_events_only_count(void **state)
{
    (void)state;
    model_t m, before;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "task Task-1 main",
          "schedule Task-1.__step", "timer 1.000000 t");
    model_clone(&before, &m);
    APPLY(&m, "future Future-1", "out hello world", "out ",
          "warn RuntimeWarning coroutine 'work' was never awaited",
          "log ERROR Task was destroyed but it is pending!", "bogus event",
          "");
    assert_int_equal(m.nevents, before.nevents + 7);
    before.nevents = m.nevents;
    expect_model_equal(&m, &before);
    model_free(&m);
    model_free(&before);
}

/* ==== model_clone ======================================================== */

/* A model with something in every field. */
static void rich_model(model_t *m)
{
    model_init(m);
    APPLY(m, "loop new", "loop start", "create_task work",
          "task Task-1 work", "schedule Task-1.__step", "task Task-2 other",
          "schedule Task-2.__step", "schedule print 'x'",
          "cancel_handle print 'x'", "timer 2.000000 late",
          "tick 3 0.000000", "run Task-1.__step", "future Future-1",
          "timer 1.000000 _set_result_unless_cancelled Future-1 None",
          "suspend Task-1 work:3", "run Task-2.__step",
          "cancel Task-1 -> True", "ensure_future coroutine inner",
          "task Task-3 inner");
}

/* A clone shares the chunks of tasks, ready handles and timers until one
 * side writes to them, and its strings (which never change) for good. */
static void test_clone_equal_and_shared(void **state)
{
    (void)state;
    model_t m, c;
    rich_model(&m);
    model_clone(&c, &m);
    expect_model_equal(&c, &m);
    assert_ptr_equal(model_ready_at(&c, 0), model_ready_at(&m, 0));
    assert_ptr_equal(timer_at(&c, 0), timer_at(&m, 0));
    assert_ptr_equal(model_task_at(&c, 0), model_task_at(&m, 0));
    // A write copies the chunk for the writer alone.
    APPLY(&c, "suspend Task-2 other:7");
    assert_ptr_not_equal(model_task_at(&c, 1), model_task_at(&m, 1));
    assert_string_equal(model_task_at(&c, 1)->where, "other:7");
    assert_null(model_task_at(&m, 1)->where);
    assert_ptr_equal(model_task_at(&c, 0)->id, model_task_at(&m, 0)->id);
    APPLY(&c, "cancel_handle late");
    assert_ptr_not_equal(timer_at(&c, 1), timer_at(&m, 1));
    assert_true(timer_at(&c, 1)->cancelled);
    assert_false(timer_at(&m, 1)->cancelled);
    // Pops read the shared chunk and leave it alone.
    APPLY(&c, "tick 1 0.000000", "run print 'x'");
    assert_string_equal(ready_str(&m), "x print 'x'");
    assert_int_equal(c.nready, 0);
    assert_string_equal(c.running, "print 'x'");
    assert_string_equal(m.running, "Task-2.__step");
    assert_ptr_equal(c.decision.what, m.decision.what);
    model_free(&m);
    // Everything c shared with m is still there (ASan would tell).
    expect_model_equal(&c, &c);
    assert_string_equal(c.decision.what, "inner");
    model_free(&c);
}

static void test_clone_independent(void **state)
{
    (void)state;
    model_t m, c, ref;
    rich_model(&m);
    model_clone(&c, &m);
    model_clone(&ref, &m);
    // Changing (then freeing) the original leaves the clone as it was.
    APPLY(&m, "run print 'never'", "done Task-2 result 1",
          "done Task-1 cancelled", "create_task x", "loop end",
          "loop close", "exit 0");
    for (int i = 0; i < 100; i++) {
        model_apply(&m, "task Task-99 grow");
        model_apply(&m, "schedule grow");
        model_apply(&m, "timer 9.000000 grow");
    }
    expect_model_equal(&c, &ref);
    model_free(&m);
    expect_model_equal(&c, &ref);
    // And the other way round.
    model_t m2;
    model_clone(&m2, &ref);
    model_t c2;
    model_clone(&c2, &m2);
    for (int i = 0; i < 100; i++) {
        model_apply(&c2, "schedule grow");
        model_apply(&c2, "timer 0.500000 grow");
        model_apply(&c2, "task Task-50 grow");
    }
    APPLY(&c2, "tick 300 0.500000", "run Task-1.__step",
          "suspend Task-1 work:9", "ensure_future error int");
    expect_model_equal(&m2, &ref);
    model_free(&c2);
    expect_model_equal(&m2, &ref);
    model_free(&m2);
    model_free(&c);
    model_free(&ref);
}

static void test_clone_empty(void **state)
{
    (void)state;
    model_t m, c;
    model_init(&m);
    model_clone(&c, &m);
    expect_model_equal(&c, &m);
    APPLY(&c, "schedule a", "timer 1.000000 b", "task Task-1 w");
    assert_int_equal(m.nready, 0);
    assert_int_equal(m.ntimers, 0);
    assert_int_equal(m.ntasks, 0);
    model_free(&c);
    model_free(&m);
}

static void test_free_resets(void **state)
{
    (void)state;
    model_t m, fresh;
    rich_model(&m);
    model_free(&m);
    model_init(&fresh);
    expect_model_equal(&m, &fresh);
    assert_null(m.ready_chunks);
    assert_null(m.timer_chunks);
    assert_null(m.task_chunks);
    // Usable again.
    APPLY(&m, "schedule a");
    assert_int_equal(m.nready, 1);
    model_free(&m);
}

/* ==== Copies that share chunks =========================================== */

/* Trace lines, owned, for folding the same events more than once. */
typedef struct {
    char **l;
    size_t n, cap;
} lines_t;

static void add_line(lines_t *ls, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_line(lines_t *ls, const char *fmt, ...)
{
    char buf[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? 2 * ls->cap : 256;
        ls->l = realloc(ls->l, ls->cap * sizeof *ls->l);
    }
    ls->l[ls->n++] = strdup(buf);
}

static void copy_lines(lines_t *to, const lines_t *from)
{
    for (size_t i = 0; i < from->n; i++) {
        add_line(to, "%s", from->l[i]);
    }
}

static void free_lines(lines_t *ls)
{
    for (size_t i = 0; i < ls->n; i++) {
        free(ls->l[i]);
    }
    free(ls->l);
    memset(ls, 0, sizeof *ls);
}

static void apply_lines(model_t *m, const lines_t *ls, size_t from)
{
    for (size_t i = from; i < ls->n; i++) {
        model_apply(m, ls->l[i]);
    }
}

/* [m] is what folding [ls] from scratch gives. */
static void expect_fold_of(const model_t *m, const lines_t *ls)
{
    model_t ref;
    model_init(&ref);
    apply_lines(&ref, ls, 0);
    expect_model_equal(m, &ref);
    model_free(&ref);
}

enum { BUSY_TASKS = 700, BUSY_TIMERS = 600 };

/* A loop with 700 tasks and 600 timers, 300 steps into its first tick:
 * tasks, ready handles and timers span several chunks, and the ready
 * queue's head is inside one. */
static void busy_lines(lines_t *ls)
{
    add_line(ls, "loop new");
    add_line(ls, "loop start");
    for (int i = 1; i <= BUSY_TASKS; i++) {
        add_line(ls, "task Task-%d work", i);
        add_line(ls, "schedule Task-%d.__step", i);
    }
    for (int i = 0; i < BUSY_TIMERS; i++) {
        add_line(ls, "timer %.6f cb-%d", (double)(i * 7919 % 1000) / 100,
                 i);
    }
    add_line(ls, "tick %d 0.000000", BUSY_TASKS);
    for (int i = 1; i <= 300; i++) {
        add_line(ls, "run Task-%d.__step", i);
        if (i % 7 == 0) {
            add_line(ls, "done Task-%d result %d", i, i);
        } else {
            add_line(ls, "schedule Task-%d.__step", i);
            add_line(ls, "suspend Task-%d work:%d", i, i % 5);
        }
    }
}

/* [n] random changes of every kind to the busy loop: new tasks, task
 * states, pushes, pops (runs and ticks), cancels in the middle of the
 * ready queue and among the timers, new timers. */
static void change_lines(lines_t *ls, uint64_t seed, int n)
{
    for (int k = 0; k < n; k++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        unsigned r = (unsigned)(seed >> 33);
        int t = 1 + (int)(r / 16 % BUSY_TASKS);
        switch (r % 9) {
        case 0:
            add_line(ls, "task Task-x%u grow", r % 1000);
            break;
        case 1:
            add_line(ls, "suspend Task-%d elsewhere:%u", t, r % 100);
            break;
        case 2:
            add_line(ls, "done Task-%d exception ValueError", t);
            break;
        case 3:
            add_line(ls, "schedule pushed %u", r % 500);
            break;
        case 4:
            add_line(ls, "run Task-%d.__step", t);
            break;
        case 5:
            add_line(ls, "cancel_handle Task-%d.__step", t);
            break;
        case 6:
            add_line(ls, "cancel_handle cb-%u", r / 16 % BUSY_TIMERS);
            break;
        case 7:
            add_line(ls, "timer %.6f late-%u", (double)(r % 997) / 100,
                     r % 50);
            break;
        default:
            add_line(ls, "tick %u %.6f", r % 40, (double)(k % 50) / 10);
            add_line(ls, "cancel Task-%d -> True", t);
            break;
        }
    }
}

/* A clone and its source each keep their own state whichever one
 * changes: every kind of change, across chunk boundaries, compared with
 * folds from scratch (which share nothing with either). */
static void model_clone__changes_across_chunks__never_show_in_other(
    void **state)
{
    (void)state;
    lines_t base = {0}, more = {0};
    busy_lines(&base);
    copy_lines(&more, &base);
    change_lines(&more, 11, 3000);
    model_t src, c;
    model_init(&src);
    apply_lines(&src, &base, 0);
    assert_true(src.ntasks > 2 * 256 && src.nready > 256 &&
                src.ntimers > 256);
    // The clone changes.
    model_clone(&c, &src);
    apply_lines(&c, &more, base.n);
    expect_fold_of(&src, &base);
    expect_fold_of(&c, &more);
    model_free(&c);
    expect_fold_of(&src, &base);
    // The source changes.
    model_clone(&c, &src);
    apply_lines(&src, &more, base.n);
    expect_fold_of(&c, &base);
    expect_fold_of(&src, &more);
    model_free(&src);
    expect_fold_of(&c, &base);
    // Both change, differently, after the loop closes in one.
    model_clone(&src, &c);
    lines_t other = {0};
    copy_lines(&other, &base);
    change_lines(&other, 99, 2000);
    add_line(&other, "loop close");
    apply_lines(&c, &more, base.n);
    apply_lines(&src, &other, base.n);
    expect_fold_of(&c, &more);
    expect_fold_of(&src, &other);
    model_free(&c);
    model_free(&src);
    free_lines(&base);
    free_lines(&more);
    free_lines(&other);
}

/* Clones of clones, each changed after it was taken (and some of their
 * sources too), freed in scattered orders: every one left still holds
 * exactly its own history. Under ASan this is where a chunk freed while
 * still held, or never freed, would show. */
static void model_clone__chains_freed_in_any_order__rest_intact(
    void **state)
{
    (void)state;
    enum { N = 9 };
    static const int orders[3][N] = {{4, 0, 8, 2, 6, 1, 7, 3, 5},
                                     {0, 1, 2, 3, 4, 5, 6, 7, 8},
                                     {8, 7, 6, 5, 4, 3, 2, 1, 0}};
    for (int o = 0; o < 3; o++) {
        model_t m[N];
        lines_t h[N];
        memset(h, 0, sizeof h);
        busy_lines(&h[0]);
        model_init(&m[0]);
        apply_lines(&m[0], &h[0], 0);
        for (int k = 1; k < N; k++) {
            int from = k % 3 == 0 ? k / 3 : k - 1;
            model_clone(&m[k], &m[from]);
            copy_lines(&h[k], &h[from]);
            size_t at = h[k].n;
            change_lines(&h[k], (uint64_t)(k * 31 + o), 400);
            apply_lines(&m[k], &h[k], at);
            if (k % 2 == 0) {
                // The source goes on too.
                at = h[from].n;
                change_lines(&h[from], (uint64_t)(k * 57 + o), 300);
                apply_lines(&m[from], &h[from], at);
            }
        }
        for (int j = 0; j < N; j++) {
            int k = orders[o][j];
            model_free(&m[k]);
            free_lines(&h[k]);
            for (int i = j + 1; i < N; i++) {
                if ((i + o) % 3 == 0 || i == N - 1) {
                    expect_fold_of(&m[orders[o][i]], &h[orders[o][i]]);
                }
            }
        }
    }
}

/* Timers set in scattered order, some cancelled, fired by ticks: they
 * come out in (when, seq) order, across chunk splits, exactly as a
 * sorted list says. */
static void model_timers__thousands_scattered__fire_in_order(void **state)
{
    (void)state;
    enum { N = 3000 };
    static double when[N];
    static bool cancelled[N];
    static int order[N];
    model_t m;
    model_init(&m);
    char line[96];
    uint64_t seed = 5;
    for (int i = 0; i < N; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        // Few distinct whens: seq (here i) breaks the ties.
        when[i] = (double)((seed >> 33) % 400) / 100;
        snprintf(line, sizeof line, "timer %.6f t%d", when[i], i);
        model_apply(&m, line);
    }
    for (int i = 3; i < N; i += 11) {
        cancelled[i] = true;
        snprintf(line, sizeof line, "cancel_handle t%d", i);
        model_apply(&m, line);
    }
    int nord = 0;
    for (int w = 0; w < 400; w++) {
        for (int i = 0; i < N; i++) {
            if (when[i] == (double)w / 100) {
                order[nord++] = i;
            }
        }
    }
    assert_int_equal(nord, N);
    static const model_handle_t *got[N];
    assert_int_equal(model_timers_sorted(&m, got, N), N);
    for (int i = 0; i < N; i++) {
        snprintf(line, sizeof line, "t%d", order[i]);
        assert_string_equal(got[i]->cb, line);
        assert_int_equal(got[i]->cancelled, cancelled[order[i]]);
    }
    // Tick through them: the due ones join the ready queue in order.
    int next = 0;
    for (int tick = 0; tick < 400; tick += 7) {
        snprintf(line, sizeof line, "tick 0 %.6f", (double)tick / 100);
        model_apply(&m, line);
        while (next < N && when[order[next]] < (double)tick / 100 + 1e-9) {
            next++;
        }
        // What is left are the timers not due, in order, but for
        // cancelled ones at the front (dropped when a tick reaches them).
        size_t left = model_timers_sorted(&m, got, N);
        int j = N - (int)left;
        assert_true(j >= next);
        for (int i = next; i < j; i++) {
            assert_true(cancelled[order[i]]);
        }
        for (size_t i = 0; i < left; i++) {
            snprintf(line, sizeof line, "t%d", order[j + (int)i]);
            assert_string_equal(got[i]->cb, line);
        }
    }
    // The ready queue: the due timers in order, but for cancelled ones a
    // tick dropped from its head.
    size_t k = 0;
    for (int i = 0; i < next; i++) {
        snprintf(line, sizeof line, "t%d", order[i]);
        if (k < m.nready && strcmp(model_ready_at(&m, k)->cb, line) == 0) {
            k++;
        } else {
            assert_true(cancelled[order[i]]);
        }
    }
    assert_int_equal(k, m.nready);
    model_free(&m);
}

/* cancel_handle among many handles with one callback text: the ready
 * queue's first that is not cancelled, else the soonest timer; and
 * model_handle_queued says where one is, with the handle index (after a
 * cancel) as without it. */
static void model_apply__cancel_handle_equal_callbacks__first_then_soonest(
    void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    assert_int_equal(model_handle_queued(&m, "same"), 0);
    for (int i = 0; i < 600; i++) {
        model_apply(&m, "schedule same");
    }
    char line[64];
    for (int i = 0; i < 600; i++) {
        snprintf(line, sizeof line, "timer %.6f same", 10 - i / 100.0);
        model_apply(&m, line);
    }
    model_apply(&m, "timer 1.000000 other");
    assert_int_equal(model_handle_queued(&m, "same"),
                     MODEL_IN_READY | MODEL_IN_TIMERS);
    assert_int_equal(model_handle_queued(&m, "other"), MODEL_IN_TIMERS);
    model_t before;
    model_clone(&before, &m);
    // The first 300 in the queue, in order, then 600 timers soonest
    // first.
    for (int i = 0; i < 300; i++) {
        model_apply(&m, "cancel_handle same");
        assert_true(model_ready_at(&m, (size_t)i)->cancelled);
        assert_false(model_ready_at(&m, (size_t)i + 1)->cancelled);
    }
    // "other" is due; the timers "same" (4.01 and on) are not.
    model_apply(&m, "tick 601 4.000000");
    assert_int_equal(m.nready, 601);
    for (int i = 0; i < 300; i++) {
        model_apply(&m, "run same");
    }
    assert_int_equal(m.nready, 1);
    assert_int_equal(model_handle_queued(&m, "same"), MODEL_IN_TIMERS);
    assert_int_equal(model_handle_queued(&m, "other"), MODEL_IN_READY);
    static const model_handle_t *t[700];
    for (int i = 0; i < 599; i++) {
        model_apply(&m, "cancel_handle same");
        size_t n = model_timers_sorted(&m, t, 700);
        assert_int_equal(n, 600);
        assert_true(t[i]->cancelled);
        assert_false(t[i + 1]->cancelled);
    }
    assert_int_equal(model_handle_queued(&m, "same"), MODEL_IN_TIMERS);
    model_apply(&m, "cancel_handle same");
    assert_int_equal(model_handle_queued(&m, "same"), 0);
    // The clone taken before the cancels never saw them.
    for (size_t i = 0; i < before.nready; i++) {
        assert_false(model_ready_at(&before, i)->cancelled);
    }
    size_t n = model_timers_sorted(&before, t, 700);
    for (size_t i = 0; i < n; i++) {
        assert_false(t[i]->cancelled);
    }
    model_free(&before);
    model_free(&m);
}

/* ==== Bugs found by these tests, fixed since ============================= */

/* A timer scheduled and cancelled in the same iteration with a `when` that
 * is already due (loop.call_later(0, ...); h.cancel()) sits at the head of
 * the heap when the next _run_once starts, which drops it (CPython and
 * core/aio/loop.c drop every cancelled head timer, due or not), so the
 * tick's ntodo does not count it. The model keeps due cancelled head
 * timers and moves them to the ready queue: ready shows a phantom handle
 * and iter_left ends at -1 (the view then shows "running: -"). Trace of
 * `looplab run` on that program. */
static void test_fixed_cancelled_due_head_timer(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "task Task-1 main", "schedule Task-1.__step",
          "ensure_future future Task-1", "loop start", "tick 1 0.000000",
          "run Task-1.__step", "timer 0.000000 print 'x'",
          "cancel_handle print 'x'", "schedule Task-1.__step",
          "suspend Task-1 main:6", "tick 1 0.000000");
    assert_string_equal(ready_str(&m), "Task-1.__step");
    assert_int_equal(m.ntimers, 0);
    APPLY(&m, "run Task-1.__step", "done Task-1 result None",
          "schedule _run_until_complete_cb Task-1", "tick 1 0.000000",
          "run _run_until_complete_cb Task-1");
    assert_int_equal(m.iter_left, 0);
    model_free(&m);
}

/* Cancelled handles at the end of an iteration are popped by that
 * iteration (they are in its ntodo) without a "run" line. The model only
 * drops cancelled handles in front of a "run", so they stay in its ready
 * queue into the next tick: nready exceeds the tick's ntodo, the next run
 * pops them and iter_left ends at -1. Trace of `looplab run` on a program
 * where task Task-2 cancels `loop.call_soon(print, 'b')` scheduled behind
 * its step. */
static void test_fixed_cancelled_ready_tail(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "task Task-1 main",
          "schedule Task-1.__step", "tick 1 0.000000", "run Task-1.__step",
          "create_task other", "task Task-2 other", "schedule Task-2.__step",
          "schedule print 'b'", "future Future-1",
          "timer 0.100000 _set_result_unless_cancelled Future-1 None",
          "suspend Task-1 main:10", "tick 2 0.000000", "run Task-2.__step",
          "cancel_handle print 'b'", "done Task-2 result None",
          "tick 1 0.100000");
    assert_string_equal(ready_str(&m),
                        "_set_result_unless_cancelled Future-1 None");
    APPLY(&m, "run _set_result_unless_cancelled Future-1 None");
    assert_int_equal(m.iter_left, 0);
    model_free(&m);
}

/* asyncio.create_task(5) raises TypeError and creates no task; a task made
 * later by another API that writes no create_task/ensure_future line
 * (loop.create_task, TaskGroup.create_task, asyncio.Task, asyncio.run)
 * must not become that call's task. The model fills decision.task from the
 * next "task" line, however late and whatever its coroutine, so the view
 * then draws "create_task(int())  => coroutine? yes  -> Task-2, step
 * queued". The second trace is `looplab run` of
 *     try: asyncio.create_task(5)
 *     except TypeError: pass
 *     t2 = asyncio.get_running_loop().create_task(asyncio.sleep(0))
 * where the unrelated task line comes right after the failed call: only
 * the coroutine name (create_task's argument is the task's coroutine;
 * ensure_future of an awaitable wraps it in _wrap_awaitable) tells them
 * apart. */
static void test_fixed_failed_create_task_gets_later_task(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "create_task int", "out TypeError",
          "task Task-2 work", "schedule Task-2.__step");
    assert_null(m.decision.task);
    assert_true(m.decision.failed);
    model_free(&m);

    model_init(&m);
    APPLY(&m, "loop new", "loop start", "create_task int",
          "task Task-4 sleep", "schedule Task-4.__step");
    assert_null(m.decision.task);
    assert_true(m.decision.failed);
    model_free(&m);

    model_init(&m);
    APPLY(&m, "loop new", "loop start", "ensure_future error int",
          "task Task-2 work");
    assert_null(m.decision.task);
    model_free(&m);
}

/* TRACE.md writes "suspend" once the task's step has returned, so after it
 * no handle is running; neither is one after the next "tick". The model
 * keeps the step's handle in `running` until the next "run" (the view's
 * Ready pane then says "running: Task-1.__step" beside "Task-1 waiting",
 * and keeps saying it while the REPL's loop is idle). */
static void test_fixed_running_after_suspend(void **state)
{
    (void)state;
    model_t m;
    model_init(&m);
    APPLY(&m, "loop new", "loop start", "task Task-1 main",
          "schedule Task-1.__step", "tick 1 0.000000", "run Task-1.__step",
          "future Future-1",
          "timer 1.000000 _set_result_unless_cancelled Future-1 None");
    assert_string_equal(m.running, "Task-1.__step");
    APPLY(&m, "suspend Task-1 main:4");
    assert_null(m.running);
    APPLY(&m, "schedule cb", "tick 1 0.000000", "run cb");
    assert_string_equal(m.running, "cb");
    APPLY(&m, "tick 1 1.000000");
    assert_null(m.running);
    model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_loop_lifecycle),
        cmocka_unit_test(test_loop_new_resets_clock),
        cmocka_unit_test(test_schedule_fifo),
        cmocka_unit_test(test_schedule_many_grows),
        cmocka_unit_test(test_timer_order),
        cmocka_unit_test(test_timer_callback_with_spaces),
        cmocka_unit_test(test_tick_moves_due_timers),
        cmocka_unit_test(test_tick_clock_resolution),
        cmocka_unit_test(test_tick_without_timers),
        cmocka_unit_test(test_tick_drops_cancelled_head_timers),
        cmocka_unit_test(test_run_pops_head),
        cmocka_unit_test(test_run_skips_cancelled),
        cmocka_unit_test(test_run_task_step),
        cmocka_unit_test(test_timer_outside_task_sets_no_wait),
        cmocka_unit_test(test_cancel_handle_ready),
        cmocka_unit_test(test_cancel_handle_timer),
        cmocka_unit_test(test_task_event),
        cmocka_unit_test(test_many_tasks),
        cmocka_unit_test(
            model_apply__repeated_task_name__latest_task_changes),
        cmocka_unit_test(test_suspend),
        cmocka_unit_test(test_done_result),
        cmocka_unit_test(test_done_exception),
        cmocka_unit_test(test_done_cancelled),
        cmocka_unit_test(test_done_of_a_future_is_ignored),
        cmocka_unit_test(test_cancel_counts_true),
        cmocka_unit_test(test_create_task_decision),
        cmocka_unit_test(test_create_task_without_loop),
        cmocka_unit_test(test_create_task_not_a_coroutine),
        cmocka_unit_test(test_ensure_future_future),
        cmocka_unit_test(test_ensure_future_coroutine),
        cmocka_unit_test(test_ensure_future_awaitable),
        cmocka_unit_test(test_ensure_future_error),
        cmocka_unit_test(test_decision_replaced),
        cmocka_unit_test(test_deadlock_and_exit),
        cmocka_unit_test(test_other_events_only_count),
        cmocka_unit_test(test_clone_equal_and_shared),
        cmocka_unit_test(test_clone_independent),
        cmocka_unit_test(test_clone_empty),
        cmocka_unit_test(test_free_resets),
        cmocka_unit_test(
            model_clone__changes_across_chunks__never_show_in_other),
        cmocka_unit_test(model_clone__chains_freed_in_any_order__rest_intact),
        cmocka_unit_test(model_timers__thousands_scattered__fire_in_order),
        cmocka_unit_test(
            model_apply__cancel_handle_equal_callbacks__first_then_soonest),
        cmocka_unit_test(test_fixed_cancelled_due_head_timer),
        cmocka_unit_test(test_fixed_cancelled_ready_tail),
        cmocka_unit_test(test_fixed_failed_create_task_gets_later_task),
        cmocka_unit_test(test_fixed_running_after_suspend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
