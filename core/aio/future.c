/*
 * future.c - asyncio.Future and its await iterator in C.
 *
 * In CPython asyncio.Future is _asyncio.Future, the C type of
 * Modules/_asynciomodule.c (futures.py's Python class is the fallback it
 * replaces). This mirrors that file's FutureObj: future_init,
 * future_schedule_callbacks, future_set_result, future_set_exception,
 * future_get_result, future_cancel, create_cancelled_error, the methods
 * and FutureIter with its am_send. The fields (_state, ...) are in
 * future_fields.c, the argument checks in argclinic.c. The prelude
 * grafts the cold parts written in Python onto the type (__repr__,
 * __del__, cancel's trace wrapper).
 *
 * Trace lines made here (TRACE.md): "future" when a plain future is
 * made, "done" when any future or task finishes.
 *
 * Invariants:
 *  - loop is NULL only before __init__ ("not initialized");
 *  - callback0 then callbacks hold the done callbacks in order while
 *    pending (fut_callback0 / fut_callbacks); both are NULL once they
 *    were scheduled;
 *  - exception is set only in state FINISHED; cancelled_exc only by a
 *    task step that caught CancelledError, until it is raised again.
 */
#include "aio_int.h"

#include "fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

#define OR_NONE(vm, o) ((o) ? (o) : (vm)->none)

bool aio_is_future(vm_t *vm, obj_t *o)
{
    aio_t *a = aio_of(vm);
    return a && a->t_future && obj_isinstance_t(o, a->t_future);
}

str_t *aio_lab_id(vm_t *vm, obj_t *o)
{
    if (aio_is_future(vm, o)) {
        aio_future_t *f = FUT(o);
        if (!f->lab_id && f->lab_n) {
            // Made once and kept: callers compare ids by identity.
            f->lab_id = f->lab_n & 1 ? aio_task_name(vm, f->lab_n >> 1)
                                     : aio_future_name(vm, f->lab_n >> 1);
        }
        return f->lab_id;
    }
    if ((TYPE(o)->flags & TF_HASDICT) && OBJ_DICT(o)) {
        obj_t *id = dict_get_str(vm, OBJ_DICT(o), aio_of(vm)->s_lab_id);
        if (id && TYPE(id) == vm->t_str) {
            return (str_t *)id;
        }
    }
    return NULL;
}

str_t *aio_lab_id_make(vm_t *vm, obj_t *o)
{
    str_t *id = aio_lab_id(vm, o);
    if (id) {
        return id;
    }
    aio_t *a = aio_of(vm);
    obj_t *r = a->fid ? vm_call1(vm, a->fid, o) : NULL;
    if (!r || TYPE(r) != vm->t_str) {
        if (r) {
            vm_raise(vm, EXC_TypeError, "_fid() must return a str");
        }
        return NULL;
    }
    return (str_t *)r;
}

uint32_t aio_lab_n_of(const str_t *id)
{
    size_t pre = id->len > 7 && memcmp(id->s, "Future-", 7) == 0 ? 7
               : id->len > 5 && memcmp(id->s, "Task-", 5) == 0   ? 5
                                                                 : 0;
    // A number as trace_uint writes it: no leading zero, below 2**31.
    if (pre == 0 || id->len - pre > 9 || id->s[pre] == '0') {
        return 0;
    }
    uint32_t n = 0;
    for (size_t i = pre; i < id->len; i++) {
        if (id->s[i] < '0' || id->s[i] > '9') {
            return 0;
        }
        n = n * 10 + (uint32_t)(id->s[i] - '0');
    }
    return n << 1 | (pre == 5);
}

void aio_set_lab_id(aio_future_t *f, str_t *id)
{
    f->lab_id = id;
    f->lab_n = aio_lab_n_of(id);
}

/* ---- The used task ids (TRACE.md "Ids") ------------------------------
 * One set in two parts: ids reading "Task-N" (lab_n odd) are bits of
 * a->used_bits, all others are in the prelude's _used_ids. */

bool aio_id_n_used(const aio_t *a, uint32_t n)
{
    size_t w = (n >> 1) / 64;
    return w < a->nused_words && (a->used_bits[w] >> ((n >> 1) % 64) & 1);
}

void aio_id_n_use(aio_t *a, uint32_t n)
{
    size_t w = (n >> 1) / 64;
    if (w >= a->nused_words) {
        size_t cap = a->nused_words ? a->nused_words : 16;
        while (cap <= w) {
            cap *= 2;
        }
        uint64_t *b = realloc(a->used_bits, cap * sizeof *b);
        if (!b) {
            abort();
        }
        memset(b + a->nused_words, 0, (cap - a->nused_words) * sizeof *b);
        a->used_bits = b;
        a->nused_words = cap;
    }
    a->used_bits[w] |= (uint64_t)1 << ((n >> 1) % 64);
}

int aio_id_used(vm_t *vm, aio_t *a, dict_t *used, str_t *id)
{
    uint32_t n = aio_lab_n_of(id);
    if (n & 1) {
        return aio_id_n_used(a, n);
    }
    return set_contains(vm, used, (obj_t *)id);
}

int aio_id_use(vm_t *vm, aio_t *a, dict_t *used, str_t *id)
{
    uint32_t n = aio_lab_n_of(id);
    if (n & 1) {
        aio_id_n_use(a, n);
        return 0;
    }
    return set_add(vm, used, (obj_t *)id);
}

bool aio_text_is_plain(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || s[i] == '\n' || s[i] == '\r') {
            return false;
        }
    }
    return true;
}

bool aio_str_find_plain(str_t *s)
{
    s->trace_plain = aio_text_is_plain(s->s, s->len) ? 1 : 2;
    return s->trace_plain == 1;
}

void aio_trace_str(trace_t *t, str_t *s)
{
    if (aio_str_is_plain(s)) {
        trace_plain(t, s->s, s->len);
    } else {
        trace_text(t, s->s, s->len);
    }
}

void aio_trace_id(trace_t *t, const aio_future_t *f)
{
    if (f->lab_n) {
        if (f->lab_n & 1) {
            trace_plain(t, "Task-", 5);
        } else {
            trace_plain(t, "Future-", 7);
        }
        trace_uint(t, f->lab_n >> 1);
    } else {
        aio_trace_str(t, f->lab_id);
    }
}

/* The first line of [shape] for the slot [slot]: built in parts, and its
 * template kept for the engine's life. */
static __attribute__((noinline)) void
emit_first(aio_t *a, int shape, size_t slot, const aio_future_t *f,
           uint64_t v)
{
    static const char *const kinds[AIO_KEPT_N] = {"future", "done", "done",
                                                  "done", "cancel", "cancel"};
    static const char *const tails[AIO_KEPT_N] = {"", " result ",
                                                  " result None",
                                                  " cancelled", " -> False",
                                                  " -> True"};
    trace_begin(a->trace, kinds[shape]);
    trace_plain(a->trace, " ", 1);
    aio_trace_id(a->trace, f);
    trace_plain(a->trace, tails[shape], strlen(tails[shape]));
    if (shape == AIO_KEPT_DONE_INT) {
        trace_uint(a->trace, v);
    }
    a->kept[slot] = trace_end_keep(a->trace) + 1;
}

/* Records future [f]'s line of [shape] (AIO_KEPT_*; [v] the result of
 * AIO_KEPT_DONE_INT, below 10**15) from its numbers, through a template
 * kept for the engine's life. f's id is "Future-N" or "Task-N"
 * (f->lab_n). Inline, the first line apart: four of these a future
 * are most of what futures.py records. */
static inline __attribute__((always_inline)) void
emit_kept(aio_t *a, int shape, const aio_future_t *f, uint64_t v)
{
    size_t slot = (size_t)shape * 2 + (f->lab_n & 1);
    uint64_t vals[2] = {f->lab_n >> 1, v};
    size_t n = shape == AIO_KEPT_DONE_INT ? 2 : 1;
    if (a->kept[slot]) {
        trace_emit_kept(a->trace, a->kept[slot] - 1, vals, n);
    } else {
        emit_first(a, shape, slot, f, v);
    }
}

str_t *aio_future_name(vm_t *vm, int64_t n)
{
    char buf[32] = "Future-";
    size_t k = 7 + fmt_u64((uint64_t)n, buf + 7);
    return str_new(vm, buf, k);
}

str_t *aio_task_name(vm_t *vm, int64_t n)
{
    char buf[32] = "Task-";
    size_t k = 5 + fmt_u64((uint64_t)n, buf + 5);
    return str_new(vm, buf, k);
}

static void future_mark(vm_t *vm, obj_t *o)
{
    aio_future_t *f = FUT(o);
    gc_mark(vm, (obj_t *)f->dict);
    gc_mark(vm, f->loop);
    gc_mark(vm, f->callback0);
    gc_mark(vm, (obj_t *)f->callbacks);
    gc_mark(vm, f->value);
    gc_mark(vm, f->cancel_msg);
    gc_mark(vm, (obj_t *)f->lab_id);
}

static obj_t *future_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    type_t *cls = (type_t *)self;
    return gc_alloc(vm, cls, cls->size);
}

/* ENSURE_FUTURE_ALIVE; result() and exception() raise InvalidStateError
 * instead, and add_done_callback words it differently, as in C. */
static int not_initialized_as(vm_t *vm, aio_future_t *f, int exc,
                              const char *msg)
{
    if (f->loop) {
        return 0;
    }
    vm_raise(vm, exc, "%s", msg);
    return -1;
}

int aio_fut_alive(vm_t *vm, aio_future_t *f)
{
    return not_initialized_as(vm, f, EXC_RuntimeError,
                              "Future object is not initialized.");
}

/* future_init: a second __init__ starts the future afresh, as in C. */
int aio_fut_init(vm_t *vm, aio_future_t *f, obj_t *loop)
{
    aio_t *a = aio_of(vm);
    if (f->loop) {
        f->callback0 = NULL;
        f->callbacks = NULL;
        f->value = NULL;
        f->has_exc = false;
        f->exc_tb = false;
        f->cancel_msg = NULL;
        f->state = FUT_PENDING;
        f->blocking = f->log_tb = false;
    }
    if (!loop || loop == vm->none) {
        loop = a->running_loop;
        if (!loop) {
            loop = a->get_event_loop ? vm_call0(vm, a->get_event_loop)
                                     : NULL;
            if (!loop) {
                if (!vm->exc) {
                    vm_raise(vm, EXC_RuntimeError, "no event loop");
                }
                return -1;
            }
        }
    }
    // future_init asks the loop whether it is in debug mode (then C
    // keeps a source traceback, which looplab does not): a loop without
    // get_debug() fails here, as in C.
    if (!aio_loop_is_core(vm, loop)) {
        obj_t *d = vm_call_method(vm, loop, a->s_get_debug, 0, NULL);
        if (!d || obj_truthy(vm, d) < 0) {
            return -1;
        }
    }
    f->loop = loop;
    f->lab_seq = ++a->seq;
    if (!obj_isinstance_t((obj_t *)f, a->t_task) && !aio_fut_named(f)) {
        // Named by number: the str waits until something asks for it.
        int64_t n = ++a->future_count;
        if (n < 1000000000) {
            f->lab_n = (uint32_t)n << 1;
        } else {
            aio_set_lab_id(f, aio_future_name(vm, n));
        }
        if (a->trace) {
            emit_kept(a, AIO_KEPT_FUTURE, f, 0);
        }
    }
    return 0;
}

NATIVE(m_init)
{
    static const char *const names[] = {"loop"};
    obj_t *loop = NULL;
    if (aio_unpack(vm, "Future", argc, argv, kw, 0, 0, 0, names, 1,
                   &loop) < 0) {
        return NULL;
    }
    return aio_fut_init(vm, FUT(self), loop) < 0 ? NULL : vm->none;
}

/* The callback of an entry of f->callbacks, a (callback, context) pair
 * (a program may put something else in the list _callbacks hands out:
 * that is then the callback). */
static obj_t *cb_of(vm_t *vm, obj_t *entry)
{
    if (TYPE(entry) == vm->t_tuple && ((tuple_t *)entry)->n >= 1) {
        return ((tuple_t *)entry)->items[0];
    }
    return entry;
}

/* The trace's "done <id> ..." line, then each callback to call_soon
 * (future_schedule_callbacks). */
static int schedule_callbacks(vm_t *vm, aio_future_t *f)
{
    aio_t *a = aio_of(vm);
    if (a->trace) {
        // A future named by number is written from lab_n (aio_trace_id):
        // no id str is made for it.
        str_t *id = f->lab_n ? NULL : aio_lab_id_make(vm, (obj_t *)f);
        if (!id && !f->lab_n) {
            return -1;
        }
        // A line of a kept shape needs no repr: its numbers are fields.
        obj_t *res = OR_NONE(vm, fut_result(f));
        bool result = f->state != FUT_CANCELLED && !f->has_exc;
        int shape = !f->lab_n                     ? -1
                    : f->state == FUT_CANCELLED   ? AIO_KEPT_DONE_CANCELLED
                    : f->has_exc                  ? -1
                    : res == vm->none             ? AIO_KEPT_DONE_NONE
                    : TYPE(res) == vm->t_int && OBJ_INT(res) >= 0 &&
                            OBJ_INT(res) < 1000000000000000
                        ? AIO_KEPT_DONE_INT
                        : -1;
        if (shape >= 0) {
            emit_kept(a, shape, f,
                      shape == AIO_KEPT_DONE_INT ? (uint64_t)OBJ_INT(res) : 0);
            goto scheduled;
        }
        // Any repr first: it runs Python code, which may record events
        // of its own, and an event being built must not be interrupted.
        str_t *r = NULL;
        obj_t *err = NULL;
        if (result && TYPE(res) != vm->t_int) {
            r = obj_repr(vm, res);
            err = r ? NULL : vm_take_exc(vm);
        }
        trace_t *tr = a->trace;
        trace_begin(tr, "done");
        trace_plain(tr, " ", 1);
        if (!id || f->lab_id == id) {
            aio_trace_id(tr, f);
        } else {
            trace_text(tr, id->s, id->len);
        }
        if (f->state == FUT_CANCELLED) {
            trace_plain(tr, " cancelled", 10);
        } else if (fut_exception(f)) {
            const char *tn = type_name(fut_exception(f));
            trace_plain(tr, " exception ", 11);
            trace_text(tr, tn, strlen(tn));
        } else if (!r && !err) {
            // An exact int, as int_repr writes it.
            trace_plain(tr, " result ", 8);
            trace_int(tr, OBJ_INT(res));
        } else if (r) {
            trace_plain(tr, " result ", 8);
            trace_text(tr, r->s, r->len);
        } else {
            const char *tn = type_name(err);
            trace_plain(tr, " result <repr failed: ", 22);
            trace_text(tr, tn, strlen(tn));
            trace_plain(tr, ">", 1);
        }
        trace_end(tr);
    }
scheduled:;
    // As C: each is scheduled before the future lets go of it.
    obj_t *arg = (obj_t *)f;
    if (f->callback0) {
        obj_t *cb = f->callback0;
        obj_t *h = aio_call_soon(vm, f->loop, cb, 1, &arg, false);
        f->callback0 = NULL;
        if (!h) {
            f->callbacks = NULL;
            return -1;
        }
    }
    list_t *cbs = f->callbacks;
    if (!cbs) {
        return 0;
    }
    int rc = 0;
    for (size_t i = 0; i < cbs->n && rc == 0; i++) {
        obj_t *cb = cb_of(vm, cbs->items[i]);
        if (!aio_call_soon(vm, f->loop, cb, 1, &arg, false)) {
            rc = -1;
        }
    }
    f->callbacks = NULL;
    return rc;
}

void aio_fut_add_callback(vm_t *vm, aio_future_t *f, obj_t *fn)
{
    if (!f->callbacks && !f->callback0) {
        f->callback0 = fn;
        return;
    }
    if (!f->callbacks) {
        f->callbacks = list_new(vm, 0);
    }
    list_append(vm, f->callbacks, (obj_t *)tuple_pack(vm, 2, fn, vm->none));
}

static int invalid_state(vm_t *vm, const char *msg)
{
    vm_raise(vm, EXC_InvalidStateError, "%s", msg);
    return -1;
}

int aio_fut_set_result(vm_t *vm, aio_future_t *f, obj_t *v)
{
    if (aio_fut_alive(vm, f) < 0) {
        return -1;
    }
    if (f->state != FUT_PENDING) {
        return invalid_state(vm, "invalid state");
    }
    f->value = v;
    f->has_exc = false;
    f->state = FUT_FINISHED;
    return schedule_callbacks(vm, f);
}

int aio_fut_set_exception(vm_t *vm, aio_future_t *f, obj_t *e)
{
    if (aio_fut_alive(vm, f) < 0) {
        return -1;
    }
    if (f->state != FUT_PENDING) {
        return invalid_state(vm, "invalid state");
    }
    if (TYPE(e) == vm->t_type && (((type_t *)e)->flags & TF_EXCEPTION)) {
        e = vm_call0(vm, e);
        if (!e) {
            return -1;
        }
        // The constructor may have finished the future meanwhile.
        if (f->state != FUT_PENDING) {
            return invalid_state(vm, "invalid state");
        }
    }
    if (!(TYPE(e)->flags & TF_EXCEPTION)) {
        vm_raise(vm, EXC_TypeError, "invalid exception object");
        return -1;
    }
    if (TYPE(e) == vm->exc_types[EXC_StopIteration]) {
        vm_raise(vm, EXC_TypeError, "StopIteration interacts badly with "
                 "generators and cannot be raised into a Future");
        return -1;
    }
    f->value = e;
    f->has_exc = true;
    f->exc_tb = true;
    f->exc_ntb = (uint32_t)((exc_t *)e)->ntb;
    f->state = FUT_FINISHED;
    if (schedule_callbacks(vm, f) < 0) {
        return -1;
    }
    f->log_tb = true;
    return 0;
}

/* future_cancel (the contract is in aio_int.h). */
bool aio_fut_cancel(vm_t *vm, aio_future_t *f, obj_t *msg)
{
    f->log_tb = false;
    if (f->state != FUT_PENDING) {
        return false;
    }
    f->state = FUT_CANCELLED;
    f->cancel_msg = msg == vm->none ? NULL : msg;
    // A callback that cannot be scheduled leaves its error raised.
    schedule_callbacks(vm, f);
    return true;
}

/* create_cancelled_error */
obj_t *aio_fut_cancelled_error(vm_t *vm, aio_future_t *f)
{
    obj_t *e = fut_cancelled_exc(f);
    if (e) {
        f->value = NULL;
        return e;
    }
    type_t *t = vm->exc_types[EXC_CancelledError];
    tuple_t *args = f->cancel_msg ? tuple_pack(vm, 1, f->cancel_msg)
                                  : vm->empty_tuple;
    return exc_new(vm, t, args);
}

int aio_fut_get_result(vm_t *vm, aio_future_t *f, obj_t **out)
{
    if (f->state == FUT_CANCELLED) {
        vm_raise_obj(vm, aio_fut_cancelled_error(vm, f));
        return -1;
    }
    if (f->state != FUT_FINISHED) {
        return invalid_state(vm, "Result is not set.");
    }
    f->log_tb = false;
    if (f->has_exc) {
        // PyException_SetTraceback(exc, fut_exception_tb), then the
        // saved traceback is used up: raising the exception again from
        // here does not pile the frames of earlier raises on it.
        exc_t *x = (exc_t *)f->value;
        size_t keep = f->exc_tb ? f->exc_ntb : 0;
        if (x->ntb > keep) {
            x->ntb = keep;
        }
        f->exc_tb = false;
        *out = f->value;
        return 1;
    }
    *out = OR_NONE(vm, f->value);
    return 0;
}

bool aio_fut_del_noop(vm_t *vm, obj_t *o, bool task_del)
{
    aio_t *a = aio_of(vm);
    if (task_del) {
        if (!obj_isinstance_t(o, a->t_task)) {
            return false;
        }
        aio_task_t *t = (aio_task_t *)o;
        if (t->f.state == FUT_PENDING && t->log_destroy_pending) {
            return false;
        }
    }
    return !FUT(o)->log_tb;
}

/* ==== Methods ============================================================ */

NATIVE(m_result)
{
    (void)argv;
    if (aio_no_args(vm, self, "result", argc, kw) < 0 ||
        not_initialized_as(vm, FUT(self), EXC_InvalidStateError,
                           "Future object is not initialized.") < 0) {
        return NULL;
    }
    obj_t *r;
    int k = aio_fut_get_result(vm, FUT(self), &r);
    if (k < 0) {
        return NULL;
    }
    return k ? vm_raise_obj(vm, r) : r;
}

NATIVE(m_exception)
{
    (void)argv;
    aio_future_t *f = FUT(self);
    if (aio_no_args(vm, self, "exception", argc, kw) < 0 ||
        not_initialized_as(vm, f, EXC_InvalidStateError,
                           "Future object is not initialized.") < 0) {
        return NULL;
    }
    if (f->state == FUT_CANCELLED) {
        return vm_raise_obj(vm, aio_fut_cancelled_error(vm, f));
    }
    if (f->state != FUT_FINISHED) {
        invalid_state(vm, "Exception is not set.");
        return NULL;
    }
    f->log_tb = false;
    return OR_NONE(vm, fut_exception(f));
}

NATIVE(m_set_result)
{
    if (aio_one_arg(vm, self, "set_result", argc, kw) < 0) {
        return NULL;
    }
    return aio_fut_set_result(vm, FUT(self), argv[0]) < 0 ? NULL : vm->none;
}

NATIVE(m_set_exception)
{
    if (aio_one_arg(vm, self, "set_exception", argc, kw) < 0) {
        return NULL;
    }
    return aio_fut_set_exception(vm, FUT(self), argv[0]) < 0 ? NULL
                                                              : vm->none;
}

NATIVE(m_done)
{
    (void)argv;
    if (aio_no_args(vm, self, "done", argc, kw) < 0) {
        return NULL;
    }
    aio_future_t *f = FUT(self);
    return bool_new(vm, f->loop && f->state != FUT_PENDING);
}

NATIVE(m_cancelled)
{
    (void)argv;
    if (aio_no_args(vm, self, "cancelled", argc, kw) < 0) {
        return NULL;
    }
    aio_future_t *f = FUT(self);
    return bool_new(vm, f->loop && f->state == FUT_CANCELLED);
}

NATIVE(m_get_loop)
{
    (void)argv;
    if (aio_no_args(vm, self, "get_loop", argc, kw) < 0 ||
        aio_fut_alive(vm, FUT(self)) < 0) {
        return NULL;
    }
    return FUT(self)->loop;
}

NATIVE(m_add_done_callback)
{
    static const char *const names[] = {"fn", "context"};
    obj_t *a[2] = {0};
    if (aio_unpack(vm, "add_done_callback", argc, argv, kw, 1, 1, 1, names,
                   2, a) < 0) {
        return NULL;
    }
    aio_future_t *f = FUT(self);
    if (not_initialized_as(vm, f, EXC_RuntimeError,
                           "uninitialized Future object") < 0) {
        return NULL;
    }
    if (f->state != FUT_PENDING) {
        return aio_call_soon(vm, f->loop, a[0], 1, &self, false) ? vm->none
                                                                  : NULL;
    }
    aio_fut_add_callback(vm, f, a[0]);
    return vm->none;
}

NATIVE(m_remove_done_callback)
{
    if (aio_one_arg(vm, self, "remove_done_callback", argc, kw) < 0) {
        return NULL;
    }
    aio_future_t *f = FUT(self);
    if (aio_fut_alive(vm, f) < 0) {
        return NULL;
    }
    // _asyncio_Future_remove_done_callback, step by step: callback0,
    // then the (callback, context) list, filtered into a new list that
    // replaces the old one's contents (a program may hold that list:
    // _callbacks hands it out). The size is read again at each step, as
    // __eq__ may change the list.
    int64_t cleared0 = 0;
    if (f->callback0) {
        int eq = f->callback0 == argv[0] ? 1
                                         : obj_eq(vm, f->callback0, argv[0]);
        if (eq < 0) {
            return NULL;
        }
        if (eq) {
            f->callback0 = NULL;
            cleared0 = 1;
        }
    }
    list_t *cbs = f->callbacks;
    if (!cbs) {
        return int_new(vm, cleared0);
    }
    size_t len = cbs->n;
    if (len == 0) {
        f->callbacks = NULL;
        return int_new(vm, cleared0);
    }
    vm_pin(vm, (obj_t *)cbs);
    if (len == 1) {
        obj_t *cb = cb_of(vm, cbs->items[0]);
        int eq = cb == argv[0] ? 1 : obj_eq(vm, cb, argv[0]);
        vm->nextra--;
        if (eq < 0) {
            return NULL;
        }
        if (eq) {
            f->callbacks = NULL;
            return int_new(vm, 1 + cleared0);
        }
        return int_new(vm, cleared0);
    }
    // As C (with GH-97592's guards): __eq__ may add to, empty or drop
    // the list while it is walked; the first len kept entries fill the
    // new list, later ones are appended to it.
    list_t *kept = list_new(vm, 0);
    vm_pin(vm, (obj_t *)kept);
    size_t j = 0;
    for (size_t i = 0; f->callbacks && i < f->callbacks->n; i++) {
        obj_t *item = f->callbacks->items[i];
        obj_t *cb = cb_of(vm, item);
        int eq = cb == argv[0] ? 1 : obj_eq(vm, cb, argv[0]);
        if (eq < 0) {
            vm->nextra -= 2;
            return NULL;
        }
        if (!eq) {
            list_append(vm, kept, item);
            if (j < len) {
                j++;
            }
        }
    }
    if (j == 0 || !f->callbacks) {
        f->callbacks = NULL;
        vm->nextra -= 2;
        return int_new(vm, (int64_t)len + cleared0);
    }
    if (j < len) {
        kept->n = j;
    }
    j = kept->n;
    len = f->callbacks->n;
    if (j != len) {
        // callbacks[0:len] = kept
        list_t *now = f->callbacks;
        now->n = 0;
        for (size_t i = 0; i < j; i++) {
            list_append(vm, now, kept->items[i]);
        }
    }
    vm->nextra -= 2;
    return int_new(vm, (int64_t)(len - j) + cleared0);
}

/* future_cancel as Future.cancel(msg=None), untraced: what
 * aio_traced_cancel (below) wraps. */
NATIVE(m_cancel)
{
    static const char *const names[] = {"msg"};
    obj_t *msg = NULL;
    if (aio_unpack(vm, "cancel", argc, argv, kw, 0, 0, 1, names, 1,
                   &msg) < 0 ||
        aio_fut_alive(vm, FUT(self)) < 0) {
        return NULL;
    }
    bool r = aio_fut_cancel(vm, FUT(self), OR_NONE(vm, msg));
    return vm->exc ? NULL : bool_new(vm, r);
}

/* The prelude's _traced_cancel around [orig], a C cancel: the trace's
 * "cancel <id> -> R" when the outermost cancel() on an object returns.
 * _in_cancel (the prelude's set) holds the id() of every object inside
 * one, whichever class's cancel it is, so that a subclass's cancel
 * calling this one records once. [tasks_silent]: a Task records in its
 * own cancel, not in Future.cancel under it. */
obj_t *aio_traced_cancel(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw, native_fn orig, bool tasks_silent)
{
    aio_t *a = aio_of(vm);
    obj_t *set = dict_get_str(vm, a->module->dict, a->s_in_cancel);
    if (!set || TYPE(set) != vm->t_set) {
        return vm_raise(vm, EXC_RuntimeError, "asyncio._in_cancel is gone");
    }
    obj_t *key = int_new(vm, (int64_t)(uintptr_t)self);
    int c = set_contains(vm, (dict_t *)set, key);
    if (c) {
        return c < 0 ? NULL : orig(vm, self, argc, argv, kw);
    }
    if (set_add(vm, (dict_t *)set, key) < 0) {
        return NULL;
    }
    obj_t *r = orig(vm, self, argc, argv, kw);
    obj_t *exc = r ? NULL : vm_take_exc(vm);
    int d = set_discard(vm, (dict_t *)set, key);
    if (exc) {
        vm->exc = exc;
        return NULL;
    }
    if (d < 0) {
        return NULL;
    }
    bool task = obj_isinstance_t(self, a->t_task);
    if ((tasks_silent && task) || !a->trace) {
        return r;
    }
    // '%s -> %r' % (_fid(self), r): r is a bool from the C cancels.
    aio_future_t *f = FUT(self);
    if (f->lab_n) {
        emit_kept(a, r == vm->true_ ? AIO_KEPT_CANCEL_TRUE
                                    : AIO_KEPT_CANCEL_FALSE, f, 0);
        return r;
    }
    str_t *id = aio_lab_id_make(vm, self);
    if (!id) {
        return NULL;
    }
    const char *parts[] = {id->s, r == vm->true_ ? " -> True" : " -> False"};
    size_t lens[] = {id->len, strlen(parts[1])};
    aio_emit_cat(vm, "cancel", parts, lens, 2);
    return r;
}

/* Future.cancel(msg=None), traced. */
NATIVE(m_cancel_traced)
{
    return aio_traced_cancel(vm, self, argc, argv, kw, m_cancel, true);
}

NATIVE(m_make_cancelled_error)
{
    (void)argv;
    if (aio_no_args(vm, self, "_make_cancelled_error", argc, kw) < 0) {
        return NULL;
    }
    return aio_fut_cancelled_error(vm, FUT(self));
}

/* ==== FutureIter ========================================================= */

typedef struct futiter {
    obj_t hdr;
    aio_future_t *fut;     /* NULL once the await finished */
} futiter_t;

static void futiter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((futiter_t *)o)->fut);
}

static obj_t *future_iter(vm_t *vm, obj_t *o)
{
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return NULL;
    }
    futiter_t *it = (futiter_t *)gc_alloc(vm, aio_of(vm)->t_futiter,
                                          sizeof(futiter_t));
    it->fut = FUT(o);
    return (obj_t *)it;
}

/* FutureIter_am_send: the first resumption of a pending future yields
 * the future itself (the task then waits on it); a done future returns
 * its result. */
static int futiter_send(vm_t *vm, obj_t *o, obj_t *v, obj_t **out)
{
    (void)v;
    futiter_t *it = (futiter_t *)o;
    aio_future_t *f = it->fut;
    *out = NULL;
    if (!f) {
        *out = vm->none;
        return 0;
    }
    if (f->state == FUT_PENDING) {
        if (!f->blocking) {
            f->blocking = true;
            *out = (obj_t *)f;
            return 1;
        }
        vm_raise(vm, EXC_RuntimeError, "await wasn't used with future");
        return -1;
    }
    it->fut = NULL;
    obj_t *r;
    int k = aio_fut_get_result(vm, f, &r);
    if (k < 0) {
        return -1;
    }
    if (k) {
        vm_raise_obj(vm, r);
        return -1;
    }
    *out = r;
    return 0;
}

/* FutureIter_iternext: a done future's result leaves as StopIteration's
 * value (_PyGen_SetStopIterationValue: None gives a StopIteration with
 * no args); an exhausted iterator just ends. */
static obj_t *futiter_next(vm_t *vm, obj_t *o)
{
    if (!((futiter_t *)o)->fut) {
        return NULL;
    }
    obj_t *r;
    int k = futiter_send(vm, o, vm->none, &r);
    if (k <= 0) {
        if (k == 0) {
            tuple_t *args = r == vm->none ? vm->empty_tuple
                                          : tuple_pack(vm, 1, r);
            vm_raise_obj(vm, exc_new(vm, vm->exc_types[EXC_StopIteration],
                                     args));
        }
        return NULL;
    }
    return r;
}

static obj_t *futiter_self(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

/* FutureIter_send: the value sent is ignored, as the future's result is
 * what the await returns. */
NATIVE(m_iter_send)
{
    (void)argv;
    if (aio_one_arg(vm, self, "send", argc, kw) < 0) {
        return NULL;
    }
    return futiter_next(vm, self);
}

/* FutureIter_throw(type[, value[, tb]]): the exception, normalised as
 * PyErr_NormalizeException does, is raised where the await is. */
NATIVE(m_iter_throw)
{
    if (kw && kw->n) {
        return vm_raise(vm, EXC_TypeError,
                        "FutureIter.throw() takes no keyword arguments");
    }
    if (argc < 1) {
        return vm_raise(vm, EXC_TypeError,
                        "throw expected at least 1 argument, got %d", argc);
    }
    if (argc > 3) {
        return vm_raise(vm, EXC_TypeError,
                        "throw expected at most 3 arguments, got %d", argc);
    }
    obj_t *typ = argv[0];
    obj_t *val = argc > 1 && argv[1] != vm->none ? argv[1] : NULL;
    obj_t *tb = argc > 2 && argv[2] != vm->none ? argv[2] : NULL;
    if (tb && TYPE(tb) != vm->t_traceback) {
        return vm_raise(vm, EXC_TypeError,
                        "throw() third argument must be a traceback");
    }
    obj_t *e;
    if (TYPE(typ) == vm->t_type && (((type_t *)typ)->flags & TF_EXCEPTION)) {
        if (val && obj_isinstance_t(val, (type_t *)typ)) {
            e = val;
        } else if (val && TYPE(val) == vm->t_tuple) {
            tuple_t *t = (tuple_t *)val;
            e = vm_call(vm, typ, (int)t->n, t->items, NULL);
        } else {
            e = val ? vm_call1(vm, typ, val) : vm_call0(vm, typ);
        }
        if (!e) {
            return NULL;
        }
    } else if (TYPE(typ)->flags & TF_EXCEPTION) {
        if (val) {
            return vm_raise(vm, EXC_TypeError, "instance exception may not "
                            "have a separate value");
        }
        e = typ;
    } else {
        return vm_raise(vm, EXC_TypeError, "exceptions must be classes "
                        "deriving BaseException or instances of such a "
                        "class");
    }
    ((futiter_t *)self)->fut = NULL;
    return vm_raise_obj(vm, e);
}

NATIVE(m_iter_close)
{
    (void)argv;
    if (aio_no_args(vm, self, "close", argc, kw) < 0) {
        return NULL;
    }
    ((futiter_t *)self)->fut = NULL;
    return vm->none;
}

NATIVE(m_await)
{
    (void)argv;
    if (aio_no_args(vm, self, "__await__", argc, kw) < 0) {
        return NULL;
    }
    return future_iter(vm, self);
}

obj_t *aio_add_private(vm_t *vm, type_t *t, const char *key,
                       const char *name, const char *qualname, native_fn fn)
{
    native_t *n = native_new(vm, name, fn, NULL);
    n->owner = t;
    n->qualname = qualname;
    n->hdr.flags |= NF_METHOD;
    dict_set_cstr(vm, aio_of(vm)->lab->dict, key, (obj_t *)n);
    return (obj_t *)n;
}

/* ==== Types ============================================================== */

void aio_future_init_types(vm_t *vm, aio_t *a)
{
    a->s_pending = str_intern(vm, "PENDING");
    a->s_cancelled = str_intern(vm, "CANCELLED");
    a->s_finished = str_intern(vm, "FINISHED");
    a->s_cancel = str_intern(vm, "cancel");
    a->s_add_done_callback = str_intern(vm, "add_done_callback");
    a->s_result = str_intern(vm, "result");
    a->s_get_loop = str_intern(vm, "get_loop");
    a->s_get_debug = str_intern(vm, "get_debug");
    a->kw_context = tuple_pack(vm, 1, (obj_t *)str_intern(vm, "context"));

    type_t *it = type_new_builtin(vm, "FutureIter", NULL, LAYOUT_OTHER,
                                  sizeof(futiter_t));
    it->module = str_intern(vm, "_asyncio");
    it->tpname = str_intern(vm, "_asyncio.FutureIter");
    it->flags &= ~(uint32_t)TF_BASETYPE;
    it->mark = futiter_mark;
    it->new_ = NULL;
    it->iter = futiter_self;
    it->next = futiter_next;
    it->am_send = futiter_send;
    type_add_method(vm, it, "send", m_iter_send);
    type_add_method(vm, it, "throw", m_iter_throw);
    type_add_method(vm, it, "close", m_iter_close);
    a->t_futiter = it;

    // Not TF_BUILTIN: the prelude adds the methods written in Python.
    type_t *t = type_new_builtin(vm, "Future", NULL, LAYOUT_OTHER,
                                 sizeof(aio_future_t));
    t->flags |= TF_HASDICT | TF_LAZYDICT | TF_DICTHIDDEN;
    t->flags &= ~(uint32_t)TF_BUILTIN;
    t->module = str_intern(vm, "_asyncio");
    t->tpname = str_intern(vm, "_asyncio.Future");
    t->mark = future_mark;
    t->new_ = future_new_slot;
    t->iter = future_iter;
    a->t_future = t;
    type_add_method(vm, t, "__init__", m_init);
    type_add_method(vm, t, "result", m_result);
    type_add_method(vm, t, "exception", m_exception);
    type_add_method(vm, t, "set_result", m_set_result);
    type_add_method(vm, t, "set_exception", m_set_exception);
    type_add_method(vm, t, "done", m_done);
    type_add_method(vm, t, "cancelled", m_cancelled);
    type_add_method(vm, t, "get_loop", m_get_loop);
    type_add_method(vm, t, "add_done_callback", m_add_done_callback);
    type_add_method(vm, t, "remove_done_callback", m_remove_done_callback);
    type_add_method(vm, t, "_make_cancelled_error", m_make_cancelled_error);
    type_add_method(vm, t, "__await__", m_await);
    type_add_method(vm, t, "__iter__", m_await);
    aio_future_add_fields(vm, t);

    type_add_method(vm, t, "cancel", m_cancel_traced);
    a->s_in_cancel = str_intern(vm, "_in_cancel");
    aio_task_init_types(vm, a);
    aio_future_add_fields(vm, a->t_task);

    module_t *lab = a->lab;
    aio_future_def_hooks(vm, lab);
    dict_set_cstr(vm, lab->dict, "Future", (obj_t *)t);
    dict_set_cstr(vm, lab->dict, "Task", (obj_t *)a->t_task);
}
