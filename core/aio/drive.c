/*
 * drive.c - the REPL's held loop: asyncio mode keeps a loop that counts as
 * running (like python -m asyncio's, where create_task works at the
 * prompt) but only moves when the learner says so, one handle (:step),
 * one iteration (:tick), until idle (:run) or until a future is done
 * (await at the prompt, :run Task-2).
 *
 * It drives the same two halves of BaseEventLoop._run_once that
 * run_forever uses (aio_loop_begin / aio_loop_run_one), so the trace of a
 * stepped loop is the trace of a running one.
 */
#include "aio_int.h"

#include <string.h>

/* The held loop is the engine's running loop while held. */
bool aio_is_held(vm_t *vm)
{
    aio_t *a = aio_of(vm);
    return a && a->running_loop &&
           ((aio_loop_t *)a->running_loop)->running && a->held;
}

obj_t *aio_held_loop(vm_t *vm)
{
    return aio_is_held(vm) ? aio_of(vm)->running_loop : NULL;
}

int aio_hold(vm_t *vm)
{
    aio_t *a = aio_of(vm);
    if (aio_is_held(vm)) {
        return 0;
    }
    obj_t *mk = dict_get_cstr(vm, a->module->dict, "new_event_loop");
    obj_t *set = dict_get_cstr(vm, a->module->dict, "set_event_loop");
    if (!mk || !set) {
        vm_raise(vm, EXC_RuntimeError, "asyncio prelude incomplete");
        return -1;
    }
    obj_t *loop = vm_call0(vm, mk);
    if (!loop || !vm_call1(vm, set, loop)) {
        return -1;
    }
    aio_emit(vm, "loop", "start");
    ((aio_loop_t *)loop)->running = true;
    a->running_loop = loop;
    a->held = true;
    return 0;
}

void aio_unhold(vm_t *vm)
{
    aio_t *a = aio_of(vm);
    if (!aio_is_held(vm)) {
        return;
    }
    aio_loop_t *l = (aio_loop_t *)a->running_loop;
    l->running = false;
    l->iter_left = 0;
    a->running_loop = NULL;
    a->held = false;
    aio_emit(vm, "loop", "end");
    obj_t *close = obj_getattr(vm, (obj_t *)l, str_intern(vm, "close"));
    if (!close || !vm_call0(vm, close)) {
        vm->exc = NULL;
    }
    obj_t *set = dict_get_cstr(vm, a->module->dict, "set_event_loop");
    if (set && !vm_call1(vm, set, vm->none)) {
        vm->exc = NULL;
    }
}

static int future_done(vm_t *vm, obj_t *fut)
{
    obj_t *done = obj_getattr(vm, fut, vm->s.done);
    obj_t *r = done ? vm_call0(vm, done) : NULL;
    return r ? obj_truthy(vm, r) : -1;
}

long aio_drive(vm_t *vm, int mode, long n, obj_t *until, bool *idle)
{
    aio_t *a = aio_of(vm);
    *idle = false;
    if (!aio_is_held(vm)) {
        vm_raise(vm, EXC_RuntimeError, "no loop is held (script mode)");
        return -1;
    }
    aio_loop_t *l = (aio_loop_t *)a->running_loop;
    long ran = 0, ticks = 0;
    // A runaway loop (a task that never stops rescheduling itself) is
    // still bounded: the learner gets the prompt back.
    const long limit = 10000000;
    if (until) {
        vm_pin(vm, until);
    }
    for (;;) {
        if (mode == AIO_DRIVE_UNTIL) {
            int d = future_done(vm, until);
            if (d < 0) {
                ran = -1;
                break;
            }
            if (d) {
                break;
            }
        }
        if (mode == AIO_DRIVE_STEP && ran >= n) {
            break;
        }
        if (mode == AIO_DRIVE_TICK && ticks >= n && l->iter_left == 0) {
            break;
        }
        if (ran >= limit) {
            break;
        }
        if (l->iter_left <= 0) {
            int r = aio_loop_begin(vm, l, true);
            if (r < 0) {
                ran = -1;
                break;
            }
            if (r == AIO_ITER_IDLE) {
                *idle = true;
                break;
            }
            ticks++;
            if (l->iter_left == 0) {
                continue;
            }
        }
        if (aio_loop_run_one(vm, l) < 0) {
            ran = -1;
            break;
        }
        ran++;
        if (mode == AIO_DRIVE_TICK && l->iter_left == 0 && ticks >= n) {
            break;
        }
        if (l->stopping && l->iter_left == 0) {
            l->stopping = false;
            break;
        }
    }
    if (until) {
        vm->nextra--;
    }
    return ran;
}

obj_t *aio_find_task(vm_t *vm, const char *id)
{
    obj_t *all = dict_get_cstr(vm, aio_of(vm)->lab->dict, "all_tasks");
    obj_t *r = all ? vm_call0(vm, all) : NULL;
    if (!r || TYPE(r) != vm->t_list) {
        vm->exc = NULL;
        return NULL;
    }
    list_t *l = (list_t *)r;
    for (size_t i = 0; i < l->n; i++) {
        obj_t *t = l->items[i];
        str_t *tid = aio_lab_id(vm, t);
        if (tid && strcmp(tid->s, id) == 0) {
            return t;
        }
    }
    return NULL;
}
