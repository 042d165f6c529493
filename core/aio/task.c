/*
 * task.c - asyncio.Task's step and wake-up in C.
 *
 * In CPython asyncio.Task is _asyncio.Task (Modules/_asynciomodule.c).
 * This mirrors its TaskObj: task_step_impl, task_step_handle_result_impl,
 * task_wakeup, task_cancel, the fields (_coro, _fut_waiter, ...) and the
 * small methods, and __init__, which also names the task for the trace
 * (the prelude's _task_id). The step is the engine's hottest path: one
 * per task resumption.
 *
 * A step enters the task (the loop's current task), runs the coroutine
 * one step, acts on what it yielded or how it ended, and leaves the task
 * (task_step around task_step_impl). The trace's "suspend <id> <where>"
 * line is made at the end of a step that leaves the task pending
 * (TRACE.md).
 *
 * GC: a step runs from a handle (the loop keeps it reachable), and the
 * coroutine may collect while it runs; the exception thrown in is pinned
 * for that time. After the coroutine returns, the rest of the step holds
 * the result in C locals, so collections are held off (vm->nogc) until
 * the step ends.
 */
#include "aio_int.h"

#include <stdio.h>
#include <string.h>

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

#define TASK(o) ((aio_task_t *)(o))
#define OR_NONE(vm, o) ((o) ? (o) : (vm)->none)

static void task_mark(vm_t *vm, obj_t *o)
{
    aio_task_t *t = TASK(o);
    aio_of(vm)->t_future->mark(vm, o);
    gc_mark(vm, t->coro);
    gc_mark(vm, t->fut_waiter);
    gc_mark(vm, t->context);
    gc_mark(vm, t->name);
}

/* An exception of class [exc] whose message is [fmt] with the reprs of
 * [a] and [b] (b may be NULL) for its %s. NULL if a repr raised. */
static obj_t *error_with(vm_t *vm, int exc, const char *fmt, obj_t *a,
                         obj_t *b)
{
    str_t *ra = obj_repr(vm, a);
    str_t *rb = ra && b ? obj_repr(vm, b) : NULL;
    if (!ra || (b && !rb)) {
        return NULL;
    }
    str_t *msg = b ? str_fmt(vm, fmt, ra->s, rb->s) : str_fmt(vm, fmt, ra->s);
    return exc_new(vm, vm->exc_types[exc], tuple_pack(vm, 1, (obj_t *)msg));
}

/* loop.call_soon(self.__step, exc) (task_call_step_soon). */
static int call_step_soon(vm_t *vm, aio_task_t *t, obj_t *exc)
{
    aio_t *a = aio_of(vm);
    obj_t *step = native_bind_known(vm, (native_t *)a->step, (obj_t *)t);
    return aio_call_soon(vm, t->f.loop, step, exc ? 1 : 0, &exc, true) ? 0
                                                                     : -1;
}

static int step_soon_with(vm_t *vm, aio_task_t *t, const char *fmt,
                          obj_t *result)
{
    obj_t *e = error_with(vm, EXC_RuntimeError, fmt, (obj_t *)t, result);
    return e ? call_step_soon(vm, t, e) : -1;
}

/* tasks.py's _get_loop(fut): fut.get_loop() if it has one, else
 * fut._loop. */
static obj_t *future_loop(vm_t *vm, obj_t *fut)
{
    aio_t *a = aio_of(vm);
    obj_t *gl;
    int h = obj_lookup_attr(vm, fut, a->s_get_loop, &gl);
    if (h < 0) {
        return NULL;
    }
    if (h) {
        return vm_call0(vm, gl);
    }
    return obj_getattr(vm, fut, str_intern(vm, "_loop"));
}

/* result.add_done_callback(task.__wakeup, context=...) and the waiter
 * bookkeeping shared by both kinds of future below. */
static int wait_on(vm_t *vm, aio_task_t *t, obj_t *result, bool fast)
{
    aio_t *a = aio_of(vm);
    obj_t *wakeup = native_bind_known(vm, (native_t *)a->wakeup, (obj_t *)t);
    if (fast) {
        aio_future_t *rf = FUT(result);
        if (rf->state != FUT_PENDING) {
            if (!aio_call_soon(vm, rf->loop, wakeup, 1, &result, true)) {
                return -1;
            }
        } else {
            aio_fut_add_callback(vm, rf, wakeup);
        }
    } else {
        obj_t *add = obj_getattr(vm, result, a->s_add_done_callback);
        obj_t *args[2] = {wakeup, OR_NONE(vm, t->context)};
        if (!add || !vm_call(vm, add, 1, args, a->kw_context)) {
            return -1;
        }
    }
    t->fut_waiter = result;
    if (t->must_cancel) {
        // The cancel message goes by position, as C passes it.
        obj_t *msg = OR_NONE(vm, t->f.cancel_msg);
        obj_t *r = vm_call_method(vm, result, a->s_cancel, 1, &msg);
        int c = r ? obj_truthy(vm, r) : -1;
        if (c < 0) {
            return -1;
        }
        if (c) {
            t->must_cancel = false;
        }
    }
    return 0;
}

/* task_step_handle_result_impl: what the coroutine yielded decides when
 * the task runs next. The checks come in C's order: the task itself,
 * an exact Future or Task, None, a Future-like object, a generator. */
static int handle_result(vm_t *vm, aio_task_t *t, obj_t *result)
{
    aio_t *a = aio_of(vm);
    if (result == (obj_t *)t) {
        return step_soon_with(vm, t, "Task cannot await on itself: %s",
                              NULL);
    }
    if (TYPE(result) == a->t_future || TYPE(result) == a->t_task) {
        aio_future_t *rf = FUT(result);
        if (rf->loop != t->f.loop) {
            return step_soon_with(vm, t, "Task %s got Future %s attached "
                                  "to a different loop", result);
        }
        if (!rf->blocking) {
            return step_soon_with(vm, t, "yield was used instead of yield "
                                  "from in task %s with %s", result);
        }
        rf->blocking = false;
        return wait_on(vm, t, result, true);
    }
    if (result == vm->none) {
        // A bare yield gives up control for one loop iteration.
        return call_step_soon(vm, t, NULL);
    }
    obj_t *b;
    int h = obj_lookup_attr(vm, result, a->s_blocking, &b);
    if (h < 0) {
        return -1;
    }
    if (h && b != vm->none) {
        int blocking = obj_truthy(vm, b);
        if (blocking < 0) {
            return -1;
        }
        obj_t *rloop = future_loop(vm, result);
        if (!rloop) {
            return -1;
        }
        if (rloop != t->f.loop) {
            return step_soon_with(vm, t, "Task %s got Future %s attached "
                                  "to a different loop", result);
        }
        if (!blocking) {
            return step_soon_with(vm, t, "yield was used instead of yield "
                                  "from in task %s with %s", result);
        }
        if (obj_setattr(vm, result, a->s_blocking, vm->false_) < 0) {
            return -1;
        }
        return wait_on(vm, t, result, false);
    }
    if (TYPE(result) == vm->t_gen) {
        return step_soon_with(vm, t, "yield was used instead of yield from "
                              "for generator in task %s with %s", result);
    }
    obj_t *e = error_with(vm, EXC_RuntimeError, "Task got bad yield: %s",
                          result, NULL);
    return e ? call_step_soon(vm, t, e) : -1;
}

/* The coroutine has returned [ret] (ret != NULL) or raised (vm->exc):
 * the task finishes (the except clauses of task_step_impl). */
static int finish(vm_t *vm, aio_task_t *t, obj_t *ret)
{
    aio_future_t *f = &t->f;
    if (ret) {
        if (t->must_cancel) {
            t->must_cancel = false;
            aio_fut_cancel(vm, f, OR_NONE(vm, f->cancel_msg));
            return vm->exc ? -1 : 0;
        }
        return aio_fut_set_result(vm, f, ret);
    }
    obj_t *e = vm_take_exc(vm);
    if (obj_isinstance_t(e, vm->exc_types[EXC_CancelledError])) {
        f->value = e;   /* fut_cancelled_exc once cancelled */
        aio_fut_cancel(vm, f, vm->none);
        return vm->exc ? -1 : 0;
    }
    if (obj_isinstance_t(e, vm->exc_types[EXC_KeyboardInterrupt]) ||
        obj_isinstance_t(e, vm->exc_types[EXC_SystemExit])) {
        if (aio_fut_set_exception(vm, f, e) == 0) {
            vm->exc = e;
        }
        return -1;
    }
    return aio_fut_set_exception(vm, f, e);
}

/* leave_task after a step; [err] is the step's error (NULL: none). A
 * mismatch (the prelude's _leave_task words it) replaces that error. */
static obj_t *leave(vm_t *vm, aio_task_t *t, obj_t *loop, obj_t *err)
{
    aio_t *a = aio_of(vm);
    vm->nogc++;
    // One hash of the loop for the lookup and the removal, as leave_task
    // in _asynciomodule.c does, and here one search of the dict too.
    int64_t h;
    if (obj_hash(vm, loop, &h) < 0 ||
        dict_del_if_known(vm, a->current_tasks, loop, h, (obj_t *)t,
                          &a->current_hint) != 1) {
        vm->exc = NULL;
        vm_call2(vm, a->leave_task, loop, (obj_t *)t);
        if (vm->exc) {
            err = vm_take_exc(vm);
        }
    }
    vm->nogc--;
    if (err) {
        vm->exc = err;
        return NULL;
    }
    return vm->none;
}

/* "<kind> Task-N <qualname>", and ":<line>" after it when [line] is
 * given (":-" with [dash]), recorded from N (and the line) through a
 * template kept per kind, qualname and shape (aio_site); the first such
 * line is built in parts. The caller checked that t's id is "Task-N"
 * and [qn] plain; [kind] is a C literal, compared by address. Used by
 * the "suspend" and "task" lines. */
static void emit_task_qn(aio_t *a, const char *kind, aio_task_t *t,
                         str_t *qn, uint32_t shape, const uint64_t *line,
                         bool dash)
{
    uint64_t vals[2] = {t->f.lab_n >> 1, line ? *line : 0};
    aio_cb_site_t *site = aio_site(a, kind, qn, shape);
    if (aio_site_is(site, kind, qn, shape)) {
        trace_emit_kept(a->trace, site->tmpl, vals, line ? 2 : 1);
        return;
    }
    trace_begin(a->trace, kind);
    trace_plain(a->trace, " ", 1);
    aio_trace_id(a->trace, &t->f);
    trace_plain(a->trace, " ", 1);
    trace_plain(a->trace, qn->s, qn->len);
    if (line) {
        trace_plain(a->trace, ":", 1);
        trace_uint(a->trace, *line);
    } else if (dash) {
        trace_plain(a->trace, ":-", 2);
    }
    aio_site_set(a, site, kind, qn, shape, trace_end_keep(a->trace));
}

/* emit_suspend's way for any line: the where text made by aio_where
 * (which may run a getattr, so before the event is begun; the line
 * stays within 1024 bytes, as it always has). Apart, so that the
 * common way does not carry its buffer (-2 % of sleep0_tasks'
 * instructions). */
static __attribute__((noinline)) void
emit_suspend_text(vm_t *vm, aio_t *a, aio_task_t *t, str_t *id, obj_t *coro)
{
    if (!id) {
        id = aio_lab_id(vm, (obj_t *)t);
    }
    char where[1024];
    size_t n = id->len < 500 ? id->len : 500;
    aio_where(vm, coro, where, sizeof where - n - 1);
    trace_begin(a->trace, "suspend");
    trace_plain(a->trace, " ", 1);
    if (id == t->f.lab_id && n == id->len) {
        aio_trace_id(a->trace, &t->f);
    } else {
        trace_text(a->trace, id->s, n);
    }
    trace_plain(a->trace, " ", 1);
    trace_text(a->trace, where, strlen(where));
    trace_end(a->trace);
}

/* The step's "suspend <id> <where>" line (TRACE.md). With a "Task-N"
 * id and a where of the program's own code, "qualname:line", whose
 * qualname holds no digit, it is recorded from N and the line through
 * a kept template, found by the code's qualname (aio_site). */
static void emit_suspend(vm_t *vm, aio_t *a, aio_task_t *t, str_t *id,
                         obj_t *coro)
{
    if ((!id || id == t->f.lab_id) && t->f.lab_n) {
        static const char kind[] = "suspend";
        uint32_t shape = AIO_SITE_SUSPEND | (t->f.lab_n & 1) << 2;
        str_t *qn = NULL;
        int line = 0;
        if (aio_where_parts(vm, coro, &qn, &line)) {
            if (qn->len < 400 && aio_str_is_plain(qn)) {
                uint64_t ln = line < 0 ? 0 : (uint64_t)line;
                emit_task_qn(a, kind, t, qn, shape, &ln, false);
                return;
            }
        } else if ((TYPE(coro) == vm->t_coro || TYPE(coro) == vm->t_gen) &&
                   (qn = gen_qualname((gen_t *)coro)) != NULL &&
                   TYPE(qn) == vm->t_str && qn->len < 400 &&
                   strlen(qn->s) == qn->len && aio_str_is_plain(qn)) {
            // No frame of the program's: aio_where's "QUALNAME:-" from
            // the coroutine's __qualname__, which its getattr reads from
            // this field (a task running asyncio.sleep in wait_for); a
            // qualname holding a NUL goes aio_where's way, whose %s
            // stops there.
            emit_task_qn(a, kind, t, qn, shape | 1u << 4, NULL, true);
            return;
        }
    }
    emit_suspend_text(vm, a, t, id, coro);
}

/* task_step: enter_task, then task_step_impl, then leave_task. */
static obj_t *task_step(vm_t *vm, aio_task_t *t, obj_t *exc)
{
    aio_t *a = aio_of(vm);
    aio_future_t *f = &t->f;
    obj_t *loop = f->loop;
    if (!loop) {
        return vm_raise(vm, EXC_RuntimeError, "uninitialized Task object");
    }
    // enter_task: another task current on this loop is an error, which
    // the prelude's _enter_task words; the task is left untouched.
    // One hash of the loop for the lookup and the store (enter_task in
    // _asynciomodule.c), and one search of the dict for both.
    int64_t h;
    if (obj_hash(vm, loop, &h) < 0) {
        return NULL;
    }
    int added = dict_add_known(vm, a->current_tasks, loop, h, (obj_t *)t,
                               &a->current_hint);
    if (added < 0) {
        return NULL;
    }
    if (added == 0) {
        vm_call2(vm, a->enter_task, loop, (obj_t *)t);
        return NULL;
    }
    if (f->state != FUT_PENDING) {
        obj_t *e = error_with(vm, EXC_InvalidStateError,
                              "_step(): already done: %s %s", (obj_t *)t,
                              OR_NONE(vm, exc));
        if (e) {
            vm_raise_obj(vm, e);
        }
        return leave(vm, t, loop, vm_take_exc(vm));
    }
    if (t->must_cancel) {
        if (!exc ||
            !obj_isinstance_t(exc, vm->exc_types[EXC_CancelledError])) {
            exc = aio_fut_cancelled_error(vm, f);
        }
        t->must_cancel = false;
    }
    obj_t *coro = t->coro;
    t->fut_waiter = NULL;
    if (!coro) {
        vm_raise(vm, EXC_RuntimeError, "uninitialized Task object");
        return leave(vm, t, loop, vm_take_exc(vm));
    }

    obj_t *ret = NULL, *r;
    if (exc) {
        vm_pin(vm, exc);
    }
    if (TYPE(coro) == vm->t_coro || TYPE(coro) == vm->t_gen) {
        r = exc ? gen_throw(vm, (gen_t *)coro, exc, &ret)
                : gen_send(vm, (gen_t *)coro, vm->none, &ret);
    } else {
        // PyIter_Send: an iterator's __next__ when sending None, else
        // send(); throw() for an exception.
        type_t *ct = TYPE(coro);
        if (exc) {
            r = vm_call_method(vm, coro, vm->s.throw, 1, &exc);
        } else if (ct->next && (ct->flags & TF_BUILTIN)) {
            r = ct->next(vm, coro);
            if (!r && !vm->exc) {
                ret = vm->none;
            }
        } else if (ct->next) {
            r = vm_call_method(vm, coro, vm->s.__next__, 0, NULL);
        } else {
            obj_t *arg = vm->none;
            r = vm_call_method(vm, coro, vm->s.send, 1, &arg);
        }
        if (!r && vm_exc_matches(vm, EXC_StopIteration)) {
            exc_t *e = (exc_t *)vm_take_exc(vm);
            ret = OR_NONE(vm, e->value);
        }
    }
    if (exc) {
        vm->nextra--;
    }

    vm->nogc++;
    int rc = r ? handle_result(vm, t, r) : finish(vm, t, ret);
    obj_t *err = rc < 0 ? vm_take_exc(vm) : NULL;
    bool suspend = !err && f->state == FUT_PENDING && a->trace;
    str_t *id = NULL;
    if (suspend && !f->lab_n) {
        // A task named by number has its id written from lab_n.
        id = aio_lab_id_make(vm, (obj_t *)t);
        if (!id) {
            err = vm_take_exc(vm);
            suspend = false;
        }
    }
    obj_t *res = leave(vm, t, loop, err);
    // The step returned (TRACE.md): not when leaving the task failed,
    // which raises out of the step as _asyncio's task_step does.
    if (res && suspend) {
        emit_suspend(vm, a, t, id, coro);
    }
    vm->nogc--;
    return res;
}

/* Task.__step(exc=None), the callback the loop runs. */
NATIVE(m_step)
{
    static const char *const names[] = {"exc"};
    obj_t *exc = NULL;
    // The loop's call, every step: (exc) or nothing, no keywords.
    if (kw || argc > 1) {
        if (vm_parse_args(vm, "__step", argc, argv, kw, 0, 1, names, 1,
                          &exc) < 0) {
            return NULL;
        }
    } else if (argc == 1) {
        exc = argv[0];
    }
    return task_step(vm, TASK(self), exc == vm->none ? NULL : exc);
}

/* task_wakeup: the done callback a waiting task puts on the future. */
NATIVE(m_wakeup)
{
    aio_t *a = aio_of(vm);
    if (aio_one_arg(vm, self, "task_wakeup", argc, kw) < 0) {
        return NULL;
    }
    obj_t *fut = argv[0];
    if (TYPE(fut) == a->t_future || TYPE(fut) == a->t_task) {
        obj_t *res;
        int k = aio_fut_get_result(vm, FUT(fut), &res);
        if (k == 0) {
            return task_step(vm, TASK(self), NULL);
        }
        if (k == 1) {
            return task_step(vm, TASK(self), res);
        }
    } else if (vm_call_method(vm, fut, a->s_result, 0, NULL)) {
        return task_step(vm, TASK(self), NULL);
    }
    obj_t *e = vm_take_exc(vm);
    vm_pin(vm, e);
    obj_t *r = task_step(vm, TASK(self), e);
    vm->nextra--;
    return r;
}

/* ==== Task.__init__ ===================================================== */

/* The fields _asyncio_Task___init___impl sets once Future.__init__ ran
 * and the coroutine was checked. Its order: the coroutine and the
 * destroy-pending flag are set before the name is made (str(name) may
 * raise). */
static int task_fields(vm_t *vm, aio_task_t *t, obj_t *coro, obj_t *name,
                       obj_t *context)
{
    aio_t *a = aio_of(vm);
    t->must_cancel = false;
    t->log_destroy_pending = true;
    t->num_cancels = 0;
    t->coro = coro;
    gen_task_takes(vm, coro);
    t->context = context == vm->none ? NULL : context;
    t->fut_waiter = NULL;
    t->name_n = 0;
    if (name == vm->none) {
        int64_t n = ++a->task_count;
        if (n < 1000000000) {
            t->name = NULL;
            t->name_n = (uint32_t)n;
            return 0;
        }
        name = (obj_t *)aio_task_name(vm, n);
    } else if (TYPE(name) != vm->t_str) {
        name = (obj_t *)obj_str(vm, name);
        if (!name) {
            return -1;
        }
    }
    t->name = name;
    return 0;
}

/* The prelude's global [name], tried first at the entry where it was
 * found last ([hint], aio_t's place for it): Task.__init__ reads four or
 * five per task. */
static obj_t *prelude_global(aio_t *a, str_t *name, size_t *hint)
{
    return dict_get_str_at(a->module->dict, name, hint);
}

static bool is_get_name(vm_t *vm, obj_t *o);

/* The task's name, made when first asked for (t->name_n). */
static obj_t *task_name(vm_t *vm, aio_task_t *t)
{
    if (!t->name && t->name_n) {
        t->name = (obj_t *)aio_task_name(vm, t->name_n);
        t->name_n = 0;
    }
    return t->name;
}

/* The prelude's _task_id(task) for a task being made: its name in the
 * trace, its own name or the name= given to create_task, with "#k" when
 * an earlier task had it (TRACE.md). Done here the prelude's way in the
 * usual case; when asyncio.Task or Task.get_name was replaced, or a
 * name is not a str, the prelude's function does it. 0 with *id the
 * id, or NULL when the task's lab_n is its id; -1 on error. A default
 * name not yet used as an id becomes the id by number alone (lab_n),
 * with no str. */
static int task_trace_id(vm_t *vm, aio_t *a, aio_task_t *t,
                         list_t *creating, str_t **id)
{
    *id = t->f.lab_id;
    if (aio_fut_named(&t->f)) {
        return 0;
    }
    obj_t *pending = prelude_global(a, a->s_pending_names,
                                    &a->hint_pending_names);
    obj_t *used = prelude_global(a, a->s_used_ids, &a->hint_used_ids);
    obj_t *task_cls = prelude_global(a, a->s_Task, &a->hint_Task);
    list_t *pl = (list_t *)pending;
    bool plain = pending && TYPE(pending) == vm->t_list && used &&
                 TYPE(used) == vm->t_set && task_cls == (obj_t *)a->t_task &&
                 is_get_name(vm, type_lookup(vm, a->t_task, vm->s.get_name)) &&
                 (t->name ? TYPE(t->name) == vm->t_str : t->name_n > 0) &&
                 (!pl->n || pl->items[pl->n - 1] == vm->none ||
                  TYPE(pl->items[pl->n - 1]) == vm->t_str);
    if (!plain) {
        obj_t *fn = prelude_global(a, a->s_task_id, &a->hint_task_id);
        obj_t *r = fn ? vm_call1(vm, fn, (obj_t *)t) : NULL;
        if (r && TYPE(r) != vm->t_str) {
            vm_raise(vm, EXC_TypeError, "_task_id");
            return -1;
        }
        *id = (str_t *)r;
        return r ? 0 : -1;
    }
    str_t *base = NULL;
    if (creating->n && creating->items[creating->n - 1] == (obj_t *)t &&
        pl->n &&
        pl->items[pl->n - 1] != vm->none) {
        base = (str_t *)pl->items[pl->n - 1];
        pl->items[pl->n - 1] = vm->none;
    }
    if (!base) {
        uint32_t n = t->name_n << 1 | 1;
        if (!t->name && !aio_id_n_used(a, n)) {
            aio_id_n_use(a, n);
            t->f.lab_n = n;
            return 0;
        }
        base = (str_t *)task_name(vm, t);
    }
    str_t *name = base;
    for (int64_t k = 2;; k++) {
        int c = aio_id_used(vm, a, (dict_t *)used, name);
        if (c <= 0) {
            if (c < 0) {
                return -1;
            }
            break;
        }
        // '%s#%d' % (base, k): the whole of base, NULs included.
        char num[24];
        int n = snprintf(num, sizeof num, "#%lld", (long long)k);
        name = str_concat(vm, base, str_new(vm, num, (size_t)n));
        if (!name) {
            return -1;
        }
    }
    if (aio_id_use(vm, a, (dict_t *)used, name) < 0) {
        return -1;
    }
    aio_set_lab_id(&t->f, name);
    *id = name;
    return 0;
}

/* The prelude's _coro_name(coro), as '%s' shows it. */
static str_t *trace_coro_name(vm_t *vm, obj_t *coro)
{
    obj_t *r = aio_coro_name(vm, coro);
    if (r && TYPE(r) != vm->t_str) {
        r = (obj_t *)obj_str(vm, r);
    }
    return (str_t *)r;
}

/* The trace's "task <id> <coroutine>" line: a kept shape with a
 * "Task-N" id and a __qualname__ without digits; otherwise the prelude's
 * way, the text "id name" up to its first NUL. */
static void emit_task_line(vm_t *vm, aio_t *a, aio_task_t *t, str_t *id,
                           str_t *qn)
{
    static const char kind[] = "task";
    if (!a->trace) {
        return;
    }
    if ((!id || id == t->f.lab_id) && t->f.lab_n && qn->len < 400 &&
        aio_str_is_plain(qn)) {
        emit_task_qn(a, kind, t, qn,
                     AIO_SITE_SUSPEND | (t->f.lab_n & 1) << 2 | 1u << 3, NULL,
                     false);
        return;
    }
    if (!id) {
        id = aio_lab_id(vm, (obj_t *)t);
    }
    const char *parts[] = {id->s, " ", qn->s};
    size_t lens[] = {id->len, 1, qn->len};
    aio_emit_cat(vm, kind, parts, lens, 3);
}

/* The body of Task.__init__, between _creating's push and pop. */
static int task_init(vm_t *vm, aio_t *a, aio_task_t *t, list_t *creating,
                     obj_t **v)
{
    obj_t *coro = v[0], *context = OR_NONE(vm, v[3]);
    // The C base's __init__, not asyncio.Future's, which a program may
    // have replaced.
    if (aio_fut_init(vm, &t->f, OR_NONE(vm, v[1])) < 0) {
        return -1;
    }
    int c = aio_iscoroutine(vm, coro);
    if (c <= 0) {
        if (c == 0) {
            t->log_destroy_pending = false;
            // f"a coroutine was expected, got {coro!r}", all of the repr.
            str_t *r = obj_repr(vm, coro);
            str_t *msg = r ? str_concat(vm, str_intern(vm, "a coroutine was "
                                                       "expected, got "), r)
                           : NULL;
            obj_t *e = msg ? exc_new(vm, EXC_TYPE(vm, TypeError),
                                     tuple_pack(vm, 1, (obj_t *)msg))
                           : NULL;
            if (e) {
                vm_raise_obj(vm, e);
            }
        }
        return -1;
    }
    if (task_fields(vm, t, coro, OR_NONE(vm, v[2]), context) < 0) {
        return -1;
    }
    str_t *id;
    str_t *qn = task_trace_id(vm, a, t, creating, &id) == 0
                    ? trace_coro_name(vm, coro)
                    : NULL;
    if (!qn) {
        return -1;
    }
    emit_task_line(vm, a, t, id, qn);
    // task_call_step_soon: loop.call_soon(self.__step, context=context).
    obj_t *step = native_bind_known(vm, (native_t *)a->step, (obj_t *)t);
    if (context == vm->none) {
        if (!aio_call_soon(vm, t->f.loop, step, 0, NULL, true)) {
            return -1;
        }
    } else {
        obj_t *m = obj_getattr(vm, t->f.loop, a->s_call_soon);
        obj_t *args[2] = {step, context};
        if (!m || !vm_call(vm, m, 1, args, a->kw_context)) {
            return -1;
        }
    }
    aio_register_task(vm, (obj_t *)t);
    return 0;
}

/* Task.__init__(coro, *, loop=None, name=None, context=None):
 * _asyncio_Task___init___impl, with the trace's "task" line between the
 * fields and the first step's call_soon. It used to be the prelude's
 * Python, five frames a task. _creating (the prelude's list of tasks
 * inside __init__) holds the task meanwhile, for _task_id. */
NATIVE(m_task_init)
{
    aio_t *a = aio_of(vm);
    static const char *const names[] = {"coro", "loop", "name", "context"};
    obj_t *v[4];
    if (aio_unpack(vm, "Task", argc, argv, kw, 0, 1, 1, names, 4, v) < 0) {
        return NULL;
    }
    obj_t *creating = prelude_global(a, a->s_creating, &a->hint_creating);
    if (!creating || TYPE(creating) != vm->t_list) {
        return vm_raise(vm, EXC_RuntimeError, "asyncio._creating is gone");
    }
    list_append(vm, (list_t *)creating, self);
    int r = task_init(vm, a, TASK(self), (list_t *)creating, v);
    if (((list_t *)creating)->n) {
        ((list_t *)creating)->n--;
    }
    return r < 0 ? NULL : vm->none;
}

/* task_cancel (msg=None), under Task.cancel's trace (below). */
NATIVE(m_task_cancel)
{
    static const char *const names[] = {"msg"};
    obj_t *msg = NULL;
    if (aio_unpack(vm, "cancel", argc, argv, kw, 0, 0, 1, names, 1,
                   &msg) < 0) {
        return NULL;
    }
    aio_t *a = aio_of(vm);
    aio_task_t *t = TASK(self);
    msg = OR_NONE(vm, msg);
    t->f.log_tb = false;
    if (t->f.state != FUT_PENDING) {
        return vm->false_;
    }
    t->num_cancels++;
    if (t->fut_waiter) {
        obj_t *r = vm_call_method(vm, t->fut_waiter, a->s_cancel, 1, &msg);
        int c = r ? obj_truthy(vm, r) : -1;
        if (c < 0) {
            return NULL;
        }
        if (c) {
            return vm->true_;
        }
    }
    t->must_cancel = true;
    t->f.cancel_msg = msg == vm->none ? NULL : msg;
    return vm->true_;
}

/* Task.cancel(msg=None), traced (aio_traced_cancel). */
NATIVE(m_task_cancel_traced)
{
    return aio_traced_cancel(vm, self, argc, argv, kw, m_task_cancel, false);
}

NATIVE(m_cancelling)
{
    (void)argv;
    if (aio_no_args(vm, self, "cancelling", argc, kw) < 0) {
        return NULL;
    }
    return int_new(vm, TASK(self)->num_cancels);
}

NATIVE(m_uncancel)
{
    (void)argv;
    if (aio_no_args(vm, self, "uncancel", argc, kw) < 0) {
        return NULL;
    }
    aio_task_t *t = TASK(self);
    if (t->num_cancels > 0) {
        t->num_cancels--;
    }
    return int_new(vm, t->num_cancels);
}

NATIVE(m_get_coro)
{
    (void)argv;
    if (aio_no_args(vm, self, "get_coro", argc, kw) < 0) {
        return NULL;
    }
    return OR_NONE(vm, TASK(self)->coro);
}

NATIVE(m_get_name)
{
    (void)argv;
    if (aio_no_args(vm, self, "get_name", argc, kw) < 0) {
        return NULL;
    }
    return OR_NONE(vm, task_name(vm, TASK(self)));
}

/* Is [o] Task.get_name as defined above (not replaced)? */
static bool is_get_name(vm_t *vm, obj_t *o)
{
    return o && TYPE(o) == vm->t_native && ((native_t *)o)->fn == m_get_name;
}

NATIVE(m_set_name)
{
    if (aio_one_arg(vm, self, "set_name", argc, kw) < 0) {
        return NULL;
    }
    obj_t *name = argv[0];
    if (TYPE(name) != vm->t_str) {
        name = (obj_t *)obj_str(vm, name);
        if (!name) {
            return NULL;
        }
    }
    TASK(self)->name = name;
    TASK(self)->name_n = 0;
    return vm->none;
}

NATIVE(m_no_set_result)
{
    (void)argv;
    if (aio_one_arg(vm, self, "set_result", argc, kw) < 0) {
        return NULL;
    }
    return vm_raise(vm, EXC_RuntimeError,
                    "Task does not support set_result operation");
}

NATIVE(m_no_set_exception)
{
    (void)argv;
    if (aio_one_arg(vm, self, "set_exception", argc, kw) < 0) {
        return NULL;
    }
    return vm_raise(vm, EXC_RuntimeError,
                    "Task does not support set_exception operation");
}

static obj_t *g_log_destroy_pending(vm_t *vm, obj_t *o)
{
    return bool_new(vm, TASK(o)->log_destroy_pending);
}

static int s_log_destroy_pending(vm_t *vm, obj_t *o, obj_t *v)
{
    if (!v) {
        vm_raise(vm, EXC_AttributeError, "cannot delete attribute");
        return -1;
    }
    int t = obj_truthy(vm, v);
    if (t < 0) {
        return -1;
    }
    TASK(o)->log_destroy_pending = t;
    return 0;
}

static obj_t *g_must_cancel(vm_t *vm, obj_t *o)
{
    return bool_new(vm, TASK(o)->must_cancel);
}

static obj_t *g_coro(vm_t *vm, obj_t *o)
{
    return OR_NONE(vm, TASK(o)->coro);
}

static obj_t *g_fut_waiter(vm_t *vm, obj_t *o)
{
    return OR_NONE(vm, TASK(o)->fut_waiter);
}

void aio_task_init_types(vm_t *vm, aio_t *a)
{
    type_t *t = type_new_builtin(vm, "Task", a->t_future, LAYOUT_OTHER,
                                 sizeof(aio_task_t));
    t->flags &= ~(uint32_t)TF_BUILTIN;
    t->module = str_intern(vm, "_asyncio");
    t->tpname = str_intern(vm, "_asyncio.Task");
    t->mark = task_mark;
    a->t_task = t;
    a->step = aio_add_private(vm, t, "task_step_method", "__step",
                              "Task.__step", m_step);
    // _asyncio's name for it; the trace calls it "__wakeup", as the
    // oracle's pure-Python Task does (cbline.c, trace_callable_name).
    a->wakeup = aio_add_private(vm, t, "task_wakeup_method", "task_wakeup",
                                "Task.task_wakeup", m_wakeup);
    type_add_method(vm, t, "cancel", m_task_cancel_traced);
    type_add_method(vm, t, "cancelling", m_cancelling);
    type_add_method(vm, t, "uncancel", m_uncancel);
    type_add_method(vm, t, "get_coro", m_get_coro);
    type_add_method(vm, t, "get_name", m_get_name);
    type_add_method(vm, t, "set_name", m_set_name);
    type_add_method(vm, t, "set_result", m_no_set_result);
    type_add_method(vm, t, "set_exception", m_no_set_exception);
    type_add_getset(vm, t, "_log_destroy_pending", g_log_destroy_pending,
                    s_log_destroy_pending);
    type_add_getset(vm, t, "_must_cancel", g_must_cancel, NULL);
    type_add_getset(vm, t, "_coro", g_coro, NULL);
    type_add_getset(vm, t, "_fut_waiter", g_fut_waiter, NULL);
    type_add_method(vm, t, "__init__", m_task_init);
    a->s_creating = str_intern(vm, "_creating");
    a->s_pending_names = str_intern(vm, "_pending_names");
    a->s_used_ids = str_intern(vm, "_used_ids");
    a->s_task_id = str_intern(vm, "_task_id");
    a->s_Task = str_intern(vm, "Task");
}
