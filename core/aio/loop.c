/*
 * loop.c - the event loop core and Handle / TimerHandle in C.
 *
 * Mirrors base_events.py's BaseEventLoop.call_soon / _call_soon,
 * call_later, call_at, time, _run_once, run_forever, stop, close,
 * is_running, is_closed and _check_closed, and events.py's Handle and
 * TimerHandle (cancel, _run). The Python part of the loop (the
 * _UnixSelectorEventLoop class of the prelude) subclasses the C type
 * _LoopCore defined here.
 *
 * Invariants:
 *  - ready[] is a FIFO ring: rhead is the oldest handle, rlen handles;
 *  - heap[] is a binary min-heap on (when, seq): seq grows with every
 *    call_at, so equal `when`s pop in scheduling order (TRACE.md's
 *    deliberate difference from heapq's tie order);
 *  - a handle in the heap has scheduled == true; popping clears it, so a
 *    later TimerHandle.cancel does not count as a heap cancellation
 *    (exactly CPython's _timer_cancelled_count drift).
 */
#include "aio_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmt.h"

#define MAXIMUM_SELECT_TIMEOUT 86400.0
#define CLOCK_RESOLUTION 1e-09

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

static double real_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double aio_loop_time(vm_t *vm, aio_loop_t *l)
{
    if (aio_of(vm)->realtime) {
        return real_now() - l->clock;
    }
    return l->clock;
}

/* ==== Handles ============================================================ */

static void handle_mark(vm_t *vm, obj_t *o)
{
    aio_handle_t *h = (aio_handle_t *)o;
    gc_mark(vm, h->callback);
    gc_mark(vm, (obj_t *)h->args);
    gc_mark(vm, h->loop);
}

static aio_handle_t *handle_new(vm_t *vm, bool timer, obj_t *cb,
                                tuple_t *args, obj_t *loop)
{
    aio_t *a = aio_of(vm);
    aio_handle_t *h = (aio_handle_t *)gc_alloc(
        vm, timer ? a->t_timer : a->t_handle,
        timer ? sizeof(aio_timer_handle_t) : sizeof(aio_handle_t));
    h->callback = cb;
    h->args = args;
    h->loop = loop;
    h->timer = timer;
    return h;
}

/* Handle.cancel / TimerHandle.cancel (events.py). */
static void handle_cancel(vm_t *vm, aio_handle_t *h)
{
    if (h->timer && h->scheduled && !h->cancelled) {
        ((aio_loop_t *)h->loop)->timer_cancelled_count++;
    }
    if (!h->cancelled) {
        // A handle that is itself garbage being finalized (a dropped
        // task's coroutine closed, its sleep cancelling its timer) is
        // not told: the reference recorder knows handles through weak
        // references, which CPython's collector clears before it runs
        // finalizers.
        if (!(vm->gc_finalizing && !h->hdr.marked)) {
            aio_emit_cb(vm, "cancel_handle", NULL, h->callback, h->args,
                        NULL);
        }
        h->cancelled = true;
        h->callback = NULL;
        h->args = NULL;
    }
}

NATIVE(m_handle_cancel)
{
    (void)argc, (void)argv, (void)kw;
    handle_cancel(vm, (aio_handle_t *)self);
    return vm->none;
}

NATIVE(m_handle_cancelled)
{
    (void)argc, (void)argv, (void)kw;
    return bool_new(vm, ((aio_handle_t *)self)->cancelled);
}

NATIVE(m_handle_when)
{
    (void)argc, (void)argv, (void)kw;
    return float_new(vm, ((aio_handle_t *)self)->when);
}

/* Handle._run: run the callback; errors other than SystemExit and
 * KeyboardInterrupt go to the loop's exception handler. */
static int handle_run(vm_t *vm, aio_handle_t *h)
{
    aio_t *a = aio_of(vm);
    obj_t *cb = h->callback;
    tuple_t *args = h->args;
    obj_t *r;
    if (cb) {
        aio_emit_cb_run(vm, h);
        // A warning raised here outside the callback's own frames (a
        // coroutine it made or left behind, dropped) shows at Handle._run's
        // line, as in CPython.
        static const struct vm_warn_at run_line = {
            "asyncio/events.py",
            "self._context.run(self._callback, *self._args)", 80};
        const struct vm_warn_at *wat = vm->warn_at;
        struct frame_obj *wbase = vm->warn_base;
        vm->warn_at = &run_line;
        vm->warn_base = vm->frame;
        r = vm_call_clean(vm, cb, args ? (int)args->n : 0,
                          args ? args->items : NULL, NULL);
        // The type test inline first: every handle passes here.
        if (r && TYPE(r) == vm->t_coro && gen_unawaited(vm, r) &&
            vm->nogc == 0) {
            // call_soon(coroutine_function): the coroutine the call made
            // is dropped in Handle._run (l->current keeps h alive
            // through the collection).
            gc_collect(vm);
        }
        vm->warn_at = wat;
        vm->warn_base = wbase;
    } else {
        // h._run() of a cancelled handle: Handle._run's
        // self._context.run(None, *None) raises in the unpacking, and
        // the error goes to the exception handler as any other.
        aio_emit_cb(vm, "run", NULL, vm->none, NULL, NULL);
        cb = vm->none;
        r = vm_raise(vm, EXC_TypeError,
                     "Value after * must be an iterable, not NoneType");
    }
    if (r) {
        return 0;
    }
    if (vm_exc_matches(vm, EXC_SystemExit) ||
        vm_exc_matches(vm, EXC_KeyboardInterrupt)) {
        return -1;
    }
    obj_t *exc = vm_take_exc(vm);
    vm_pin(vm, (obj_t *)(exc));
    h->priv = 0; // the exception handler's context holds it
    obj_t *fmt = dict_get_str(vm, a->module->dict, a->s_format_source);
    obj_t *src = NULL;
    if (fmt) {
        src = vm_call2(vm, fmt, cb, args ? (obj_t *)args
                                         : (obj_t *)vm->empty_tuple);
    }
    if (!src || TYPE(src) != vm->t_str) {
        vm->exc = NULL;
        src = (obj_t *)str_cstr(vm, "?");
    }
    dict_t *ctx = dict_new(vm);
    dict_set_cstr(vm, ctx, "message",
                  (obj_t *)str_fmt(vm, "Exception in callback %s",
                                   ((str_t *)src)->s));
    dict_set_cstr(vm, ctx, "exception", exc);
    dict_set_cstr(vm, ctx, "handle", (obj_t *)h);
    obj_t *arg = (obj_t *)ctx;
    r = vm_call_method(vm, h->loop, a->s_call_exception_handler, 1, &arg);
    vm->nextra--;
    return r ? 0 : -1;
}

NATIVE(m_handle_run)
{
    (void)argc, (void)argv, (void)kw;
    return handle_run(vm, (aio_handle_t *)self) < 0 ? NULL : vm->none;
}

static obj_t *handle_repr(vm_t *vm, obj_t *o)
{
    aio_t *a = aio_of(vm);
    obj_t *f = dict_get_cstr(vm, a->module->dict, "_handle_repr");
    if (!f) {
        return (obj_t *)str_fmt(vm, "<%s>", type_name(o));
    }
    return vm_call1(vm, f, o);
}

/* A handle's _callback and _args as events.py keeps them: None once
 * cancelled, and () for no arguments. */
static obj_t *handle_callback(vm_t *vm, aio_handle_t *h)
{
    return h->callback ? h->callback : vm->none;
}

static obj_t *handle_args(vm_t *vm, aio_handle_t *h)
{
    if (h->args) {
        return (obj_t *)h->args;
    }
    return h->cancelled ? vm->none : (obj_t *)vm->empty_tuple;
}

static obj_t *handle_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    aio_handle_t *h = (aio_handle_t *)o;
    const char *n = name->s;
    if (strcmp(n, "_callback") == 0) {
        return handle_callback(vm, h);
    }
    if (strcmp(n, "_args") == 0) {
        return handle_args(vm, h);
    }
    if (strcmp(n, "_cancelled") == 0) {
        return bool_new(vm, h->cancelled);
    }
    if (strcmp(n, "_loop") == 0) {
        return h->loop;
    }
    if (strcmp(n, "_when") == 0 && h->timer) {
        return float_new(vm, h->when);
    }
    if (strcmp(n, "_scheduled") == 0 && h->timer) {
        return bool_new(vm, h->scheduled);
    }
    if (strcmp(n, "_context") == 0 || strcmp(n, "_source_traceback") == 0) {
        return vm->none;
    }
    return NULL;
}

static int timer_lt(const aio_timer_ent_t *x, const aio_timer_ent_t *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

/* TimerHandle.__eq__: 1, 0, or -1 when a comparison raised. */
static int timer_eq(vm_t *vm, aio_handle_t *x, aio_handle_t *y)
{
    if (x->when != y->when) {
        return 0;
    }
    int c = obj_eq(vm, handle_callback(vm, x), handle_callback(vm, y));
    if (c <= 0) {
        return c;
    }
    c = obj_eq(vm, handle_args(vm, x), handle_args(vm, y));
    if (c <= 0) {
        return c;
    }
    return x->cancelled == y->cancelled;
}

/* TimerHandle's comparisons: < and > by (when, seq) as the reference
 * recorder's TimerHandle has them (TRACE.md: equal due times in
 * scheduling order), and events.py's own <= and >= (by due time, or
 * when __eq__ holds), __eq__, and != as the negation of __eq__. */
static obj_t *timer_cmp(vm_t *vm, obj_t *self, obj_t *other, int op)
{
    aio_t *a = aio_of(vm);
    if (TYPE(other) != a->t_timer) {
        return vm->notimpl;
    }
    aio_handle_t *x = (aio_handle_t *)self, *y = (aio_handle_t *)other;
    int c;
    switch (op) {
    case CMP_LT:
    case CMP_GT: {
        aio_timer_ent_t ex = {x->when, ((aio_timer_handle_t *)x)->seq, x};
        aio_timer_ent_t ey = {y->when, ((aio_timer_handle_t *)y)->seq, y};
        return bool_new(vm, op == CMP_LT ? timer_lt(&ex, &ey)
                                         : timer_lt(&ey, &ex));
    }
    case CMP_LE:
    case CMP_GE:
        if (op == CMP_LE ? x->when < y->when : x->when > y->when) {
            return vm->true_;
        }
        c = timer_eq(vm, x, y);
        break;
    case CMP_EQ:
        c = timer_eq(vm, x, y);
        break;
    default:
        c = timer_eq(vm, x, y);
        c = c < 0 ? c : !c;
        break;
    }
    return c < 0 ? NULL : bool_new(vm, c);
}

#define TIMER_CMP(name, op)                                                 \
    NATIVE(name)                                                            \
    {                                                                       \
        (void)kw;                                                           \
        if (argc != 1) {                                                    \
            return vm_raise(vm, EXC_TypeError, "expected 1 argument");      \
        }                                                                   \
        return timer_cmp(vm, self, argv[0], op);                            \
    }
TIMER_CMP(m_timer_lt, CMP_LT)
TIMER_CMP(m_timer_le, CMP_LE)
TIMER_CMP(m_timer_gt, CMP_GT)
TIMER_CMP(m_timer_ge, CMP_GE)
TIMER_CMP(m_timer_eq, CMP_EQ)

NATIVE(m_timer_hash)
{
    (void)argc, (void)argv, (void)kw;
    return int_new(vm, (int64_t)(((aio_handle_t *)self)->when * 1000003));
}

/* ==== The loop core ===================================================== */

void aio_loop_mark(vm_t *vm, obj_t *o)
{
    aio_loop_t *l = (aio_loop_t *)o;
    gc_mark(vm, (obj_t *)l->dict);
    for (size_t i = 0; i < l->rlen; i++) {
        gc_mark(vm, l->ready[(l->rhead + i) % l->rcap]);
    }
    for (size_t i = 0; i < l->nheap; i++) {
        gc_mark(vm, (obj_t *)l->heap[i].h);
    }
    gc_mark(vm, l->current);
}

static void loop_destroy(vm_t *vm, obj_t *o)
{
    aio_loop_t *l = (aio_loop_t *)o;
    gc_free(vm, l->ready, l->rcap * sizeof(obj_t *));
    gc_free(vm, l->heap, l->capheap * sizeof *l->heap);
}

static obj_t *loop_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    type_t *cls = (type_t *)self;
    aio_loop_t *l = (aio_loop_t *)gc_alloc(vm, cls, cls->size);
    l->dict = dict_new(vm);
    l->clock = aio_of(vm)->realtime ? real_now() : 0.0;
    aio_of(vm)->last_loop = (obj_t *)l;
    return (obj_t *)l;
}

static void ready_push(vm_t *vm, aio_loop_t *l, obj_t *h)
{
    if (l->rlen == l->rcap) {
        size_t cap = l->rcap ? l->rcap * 2 : 64;
        obj_t **r = gc_malloc(vm, cap * sizeof(obj_t *));
        for (size_t i = 0; i < l->rlen; i++) {
            r[i] = l->ready[(l->rhead + i) % l->rcap];
        }
        gc_free(vm, l->ready, l->rcap * sizeof(obj_t *));
        l->ready = r;
        l->rcap = cap;
        l->rhead = 0;
    }
    l->ready[(l->rhead + l->rlen) % l->rcap] = h;
    l->rlen++;
}

static obj_t *ready_pop(aio_loop_t *l)
{
    obj_t *h = l->ready[l->rhead];
    l->rhead = (l->rhead + 1) % l->rcap;
    l->rlen--;
    return h;
}

/* The timer heap is base_events.py's _scheduled, which heapq keeps:
 * these are _heapqmodule.c's siftdown, siftup, heappush, heappop and
 * heapify step for step, so that loop._scheduled lists the handles in
 * CPython's order (a heap's order is not unique: another sift would
 * give another list). */

/* siftdown: the entry at [pos] moves towards [start] past every parent
 * it is less than. */
static void heap_siftdown(aio_timer_ent_t *heap, size_t start, size_t pos)
{
    aio_timer_ent_t e = heap[pos];
    while (pos > start) {
        size_t p = (pos - 1) >> 1;
        if (!timer_lt(&e, &heap[p])) {
            break;
        }
        heap[pos] = heap[p];
        pos = p;
    }
    heap[pos] = e;
}

/* siftup: the smaller child moves up, all the way to a leaf (the right
 * one unless the left is less), then the entry that was at [pos] sifts
 * down from there. */
static void heap_siftup(aio_timer_ent_t *heap, size_t n, size_t pos)
{
    size_t start = pos;
    aio_timer_ent_t e = heap[pos];
    size_t limit = n >> 1;
    while (pos < limit) {
        size_t c = 2 * pos + 1;
        if (c + 1 < n && !timer_lt(&heap[c], &heap[c + 1])) {
            c++;
        }
        heap[pos] = heap[c];
        pos = c;
    }
    heap[pos] = e;
    heap_siftdown(heap, start, pos);
}

/* heappush of entry [e] (its handle, due time and tie-break). */
static void heap_push(vm_t *vm, aio_loop_t *l, aio_timer_ent_t e)
{
    if (l->nheap == l->capheap) {
        size_t cap = l->capheap ? l->capheap * 2 : 64;
        l->heap = gc_realloc(vm, l->heap, l->capheap * sizeof *l->heap,
                             cap * sizeof *l->heap);
        l->capheap = cap;
    }
    l->heap[l->nheap++] = e;
    heap_siftdown(l->heap, 0, l->nheap - 1);
}

/* heappop: the last entry replaces the first, which it returns. */
static aio_handle_t *heap_pop(aio_loop_t *l)
{
    aio_timer_ent_t last = l->heap[--l->nheap];
    if (l->nheap == 0) {
        return last.h;
    }
    aio_handle_t *top = l->heap[0].h;
    l->heap[0] = last;
    heap_siftup(l->heap, l->nheap, 0);
    return top;
}

/* heapify: siftup from the last parent back to the root. Above 2,500
 * entries _heapqmodule.c sifts in another order (cache_friendly_heapify)
 * but, as there too every node is sifted once and after all of its
 * descendants, and a siftup reads and writes only its own subtree, the
 * heap it leaves is this one. */
static void heap_heapify(aio_timer_ent_t *heap, size_t n)
{
    for (size_t i = n >> 1; i-- > 0;) {
        heap_siftup(heap, n, i);
    }
}

static int check_closed(vm_t *vm, aio_loop_t *l)
{
    if (l->closed) {
        vm_raise(vm, EXC_RuntimeError, "Event loop is closed");
        return -1;
    }
    return 0;
}

/* Splits "cb, *args" out of a call's arguments, ignoring context=. */
static tuple_t *rest_args(vm_t *vm, int argc, obj_t **argv, int from)
{
    if (argc <= from) {
        return vm->empty_tuple;
    }
    tuple_t *t = tuple_new(vm, (size_t)(argc - from));
    for (int i = from; i < argc; i++) {
        t->items[i - from] = argv[i];
    }
    return t;
}

static int check_kw(vm_t *vm, const char *fname, tuple_t *kw)
{
    if (!kw) {
        return 0;
    }
    for (size_t i = 0; i < kw->n; i++) {
        if (strcmp(((str_t *)kw->items[i])->s, "context") != 0) {
            vm_raise(vm, EXC_TypeError,
                     "%s() got an unexpected keyword argument '%s'", fname,
                     ((str_t *)kw->items[i])->s);
            return -1;
        }
    }
    return 0;
}

static obj_t *call_soon(vm_t *vm, aio_loop_t *l, obj_t *cb, tuple_t *args)
{
    if (check_closed(vm, l) < 0) {
        return NULL;
    }
    aio_handle_t *h = handle_new(vm, false, cb, args, (obj_t *)l);
    ready_push(vm, l, (obj_t *)h);
    h->line_site = aio_emit_cb(vm, "schedule", NULL, cb, args, h);
    return (obj_t *)h;
}

static obj_t *call_at(vm_t *vm, aio_loop_t *l, double when, obj_t *cb,
                      tuple_t *args)
{
    if (check_closed(vm, l) < 0) {
        return NULL;
    }
    aio_t *a = aio_of(vm);
    aio_handle_t *h = handle_new(vm, true, cb, args, (obj_t *)l);
    h->when = when;
    int64_t seq = a->timer_seq++;
    ((aio_timer_handle_t *)h)->seq = seq;
    heap_push(vm, l, (aio_timer_ent_t){when, seq, h});
    h->scheduled = true;
    h->line_site = aio_emit_cb(vm, "timer", &when, cb, args, h);
    return (obj_t *)h;
}

NATIVE(m_call_soon)
{
    if (check_kw(vm, "call_soon", kw) < 0) {
        return NULL;
    }
    if (argc < 1) {
        return vm_raise(vm, EXC_TypeError,
                        "BaseEventLoop.call_soon() missing 1 required "
                        "positional argument: 'callback'");
    }
    return call_soon(vm, (aio_loop_t *)self, argv[0],
                     rest_args(vm, argc, argv, 1));
}

obj_t *aio_call_soon(vm_t *vm, obj_t *loop, obj_t *cb, int argc,
                     obj_t **argv, bool own_cb)
{
    aio_t *a = aio_of(vm);
    type_t *lt = TYPE(loop);
    bool native = lt == a->soon_type && a->soon_epoch == vm->acache_epoch;
    if (!native && obj_isinstance_t(loop, a->t_loop)) {
        obj_t *m = type_lookup(vm, lt, a->s_call_soon);
        native = m && TYPE(m) == vm->t_native &&
                 ((native_t *)m)->fn == m_call_soon;
        if (native) {
            a->soon_type = lt;
            a->soon_epoch = vm->acache_epoch;
        }
    }
    if (native) {
        tuple_t *args = vm->empty_tuple;
        if (argc) {
            args = tuple_new(vm, (size_t)argc);
            memcpy(args->items, argv, (size_t)argc * sizeof(obj_t *));
        }
        aio_handle_t *h = (aio_handle_t *)call_soon(
            vm, (aio_loop_t *)loop, cb, args);
        if (h) {
            h->priv = HANDLE_PRIV | (argc ? HANDLE_PRIV_ARGS : 0) |
                      (own_cb ? HANDLE_PRIV_CB : 0);
        }
        return (obj_t *)h;
    }
    // loop.call_soon(cb, *args, context=...), as _asyncio calls it
    // (looplab has no contextvars: the context is None).
    obj_t *args[9];
    if (argc > 7) {
        return vm_raise(vm, EXC_TypeError, "too many arguments");
    }
    args[0] = cb;
    memcpy(args + 1, argv, (size_t)argc * sizeof(obj_t *));
    args[argc + 1] = vm->none;
    obj_t *m = obj_getattr(vm, loop, a->s_call_soon);
    return m ? vm_call(vm, m, argc + 1, args, a->kw_context) : NULL;
}

static int number(vm_t *vm, obj_t *o, double *out)
{
    if (TYPE(o) == vm->t_float) {
        *out = OBJ_FLOAT(o);
        return 0;
    }
    if (TYPE(o) == vm->t_int || TYPE(o) == vm->t_bool) {
        *out = (double)OBJ_INT(o);
        return 0;
    }
    vm_raise(vm, EXC_TypeError, "unsupported operand type(s) for +: 'float' "
             "and '%s'", type_name(o));
    return -1;
}

NATIVE(m_call_at)
{
    if (check_kw(vm, "call_at", kw) < 0) {
        return NULL;
    }
    if (argc < 2) {
        return vm_raise(vm, EXC_TypeError,
                        "BaseEventLoop.call_at() missing required arguments");
    }
    if (argv[0] == vm->none) {
        return vm_raise(vm, EXC_TypeError, "when cannot be None");
    }
    double when;
    if (number(vm, argv[0], &when) < 0) {
        return NULL;
    }
    return call_at(vm, (aio_loop_t *)self, when, argv[1],
                   rest_args(vm, argc, argv, 2));
}

NATIVE(m_call_later)
{
    if (check_kw(vm, "call_later", kw) < 0) {
        return NULL;
    }
    if (argc < 2) {
        return vm_raise(vm, EXC_TypeError,
                        "BaseEventLoop.call_later() missing required "
                        "arguments");
    }
    if (argv[0] == vm->none) {
        return vm_raise(vm, EXC_TypeError, "delay must not be None");
    }
    double delay;
    if (number(vm, argv[0], &delay) < 0) {
        return NULL;
    }
    aio_loop_t *l = (aio_loop_t *)self;
    return call_at(vm, l, aio_loop_time(vm, l) + delay, argv[1],
                   rest_args(vm, argc, argv, 2));
}

NATIVE(m_time)
{
    (void)argc, (void)argv, (void)kw;
    return float_new(vm, aio_loop_time(vm, (aio_loop_t *)self));
}

/* The first half of BaseEventLoop._run_once (ASYNCIO_SEMANTICS §1.6):
 * everything before the ntodo loop. Split from it so that the REPL can
 * step one handle at a time through the very same iteration. */
int aio_loop_begin(vm_t *vm, aio_loop_t *l, bool held)
{
    aio_t *a = aio_of(vm);
    // Drop cancelled timers from the head (the compaction branch only
    // changes the order of equal keys, which (when, seq) makes unique).
    size_t n = l->nheap;
    if (n > 100 && (double)l->timer_cancelled_count / (double)n > 0.5) {
        size_t k = 0;
        for (size_t i = 0; i < l->nheap; i++) {
            aio_handle_t *h = l->heap[i].h;
            if (h->cancelled) {
                h->scheduled = false;
            } else {
                l->heap[k++] = l->heap[i];
            }
        }
        l->nheap = k;
        heap_heapify(l->heap, k);
        l->timer_cancelled_count = 0;
    } else {
        while (l->nheap && l->heap[0].h->cancelled) {
            l->timer_cancelled_count--;
            aio_handle_t *h = heap_pop(l);
            h->scheduled = false;
        }
    }
    // The selector's timeout, and virtual time's jump to the next timer.
    if (l->rlen == 0 && !l->stopping) {
        if (l->nheap == 0) {
            if (held) {
                return AIO_ITER_IDLE;
            }
            aio_deadlock(vm, aio_loop_time(vm, l));
        }
        double now = aio_loop_time(vm, l);
        double when = l->heap[0].when;
        double timeout = when - now;
        if (timeout < 0 || isnan(timeout)) {
            timeout = 0;
        }
        if (timeout > MAXIMUM_SELECT_TIMEOUT) {
            timeout = MAXIMUM_SELECT_TIMEOUT;
        }
        if (timeout > 0) {
            if (a->realtime) {
                struct timespec ts;
                ts.tv_sec = (time_t)timeout;
                ts.tv_nsec = (long)((timeout - (double)ts.tv_sec) * 1e9);
                while (nanosleep(&ts, &ts) != 0) {
                    if (vm->interrupt && *vm->interrupt) {
                        break;
                    }
                }
            } else if (timeout < MAXIMUM_SELECT_TIMEOUT) {
                l->clock = when;
            } else {
                l->clock += MAXIMUM_SELECT_TIMEOUT;
            }
        }
    }
    if (vm->interrupt && *vm->interrupt) {
        *vm->interrupt = 0;
        vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, KeyboardInterrupt));
        return -1;
    }
    // --max-steps counts loop iterations too: callbacks or tasks that
    // reschedule each other forever have no backward jump to count.
    if (vm->max_steps && ++vm->steps > vm->max_steps) {
        vm_steps_exhausted(vm);
        return -1;
    }
    // _process_events: the self-pipe, written by call_soon_threadsafe, is
    // readable, so its reader's handle joins the ready queue (through
    // _add_callback: no call_soon, no schedule event).
    if (l->self_pipe) {
        l->self_pipe = false;
        obj_t *rd = obj_getattr(vm, (obj_t *)l,
                                str_intern(vm, "_read_from_self"));
        if (!rd) {
            return -1;
        }
        aio_handle_t *h = handle_new(vm, false, rd, vm->empty_tuple,
                                     (obj_t *)l);
        ready_push(vm, l, (obj_t *)h);
    }
    double end = aio_loop_time(vm, l) + CLOCK_RESOLUTION;
    // Due timers join the ready queue first (no event of their own), so
    // the tick's ntodo is the queue's length: no scan of the heap.
    while (l->nheap && l->heap[0].when < end) {
        aio_handle_t *h = heap_pop(l);
        h->scheduled = false;
        ready_push(vm, l, (obj_t *)h);
    }
    if (a->trace) {
        char clock[400];
        int n = fmt_float_fixed6(aio_loop_time(vm, l), clock, sizeof clock);
        trace_begin(a->trace, "tick");
        trace_plain(a->trace, " ", 1);
        trace_uint(a->trace, l->rlen);
        trace_plain(a->trace, " ", 1);
        trace_text(a->trace, clock, (size_t)n);
        trace_end(a->trace);
    }
    l->iter_left = (int64_t)l->rlen;
    return AIO_ITER_STARTED;
}

static void release_private(vm_t *vm, aio_handle_t *h)
{
    if (!(h->priv & HANDLE_PRIV)) {
        return;
    }
    if ((h->priv & HANDLE_PRIV_ARGS) && h->args) {
        gc_release(vm, (obj_t *)h->args);
    }
    if ((h->priv & HANDLE_PRIV_CB) && h->callback) {
        gc_release(vm, h->callback);
    }
    gc_release(vm, (obj_t *)h);
}

int aio_loop_run_one(vm_t *vm, aio_loop_t *l)
{
    if (l->iter_left <= 0 || l->rlen == 0) {
        l->iter_left = 0;
        return 0;
    }
    l->iter_left--;
    aio_handle_t *h = (aio_handle_t *)ready_pop(l);
    if (h->cancelled) {
        release_private(vm, h);
        return 0;
    }
    // The handle stays reachable while it runs (the collector may run
    // inside the callback).
    l->current = (obj_t *)h;
    int r = handle_run(vm, h);
    l->current = NULL;
    if (r < 0) {
        return -1;
    }
    release_private(vm, h);
    if (vm->nogc == 0) {
        gc_maybe(vm);
    }
    return 0;
}

/* BaseEventLoop._run_once, one whole iteration. */
static int run_once(vm_t *vm, aio_loop_t *l)
{
    // An iteration left half-done by the REPL's stepping finishes first.
    if (l->iter_left <= 0) {
        int r = aio_loop_begin(vm, l, false);
        if (r < 0) {
            return -1;
        }
    }
    while (l->iter_left > 0) {
        if (aio_loop_run_one(vm, l) < 0) {
            // SystemExit / KeyboardInterrupt: the handles not yet popped
            // stay ready and the next run_* starts a fresh iteration.
            l->iter_left = 0;
            return -1;
        }
    }
    return 0;
}

NATIVE(m_run_once)
{
    (void)argc, (void)argv, (void)kw;
    return run_once(vm, (aio_loop_t *)self) < 0 ? NULL : vm->none;
}

static int check_running(vm_t *vm, aio_loop_t *l)
{
    if (l->running) {
        vm_raise(vm, EXC_RuntimeError, "This event loop is already running");
        return -1;
    }
    if (aio_of(vm)->running_loop) {
        vm_raise(vm, EXC_RuntimeError,
                 "Cannot run the event loop while another loop is running");
        return -1;
    }
    return 0;
}

NATIVE(m_check_running)
{
    (void)argc, (void)argv, (void)kw;
    return check_running(vm, (aio_loop_t *)self) < 0 ? NULL : vm->none;
}

/* _write_to_self: what call_soon_threadsafe writes to wake the selector. */
NATIVE(m_write_to_self)
{
    (void)argc, (void)argv, (void)kw;
    ((aio_loop_t *)self)->self_pipe = true;
    return vm->none;
}

NATIVE(m_check_closed)
{
    (void)argc, (void)argv, (void)kw;
    return check_closed(vm, (aio_loop_t *)self) < 0 ? NULL : vm->none;
}

/* BaseEventLoop.run_forever. */
NATIVE(m_run_forever)
{
    (void)argc, (void)argv, (void)kw;
    aio_t *a = aio_of(vm);
    aio_loop_t *l = (aio_loop_t *)self;
    if (check_closed(vm, l) < 0 || check_running(vm, l) < 0) {
        return NULL;
    }
    // The async generator hooks are the loop's while it runs; the old ones
    // are pinned meanwhile and put back after.
    obj_t *old_first = vm->agen_firstiter, *old_fin = vm->agen_finalizer;
    obj_t *first = obj_getattr(vm, self,
                               str_intern(vm, "_asyncgen_firstiter_hook"));
    obj_t *fin = first ? obj_getattr(vm, self,
                                     str_intern(vm, "_asyncgen_finalizer_hook"))
                       : NULL;
    if (!fin) {
        return NULL;
    }
    vm_pin(vm, old_first ? old_first : vm->none);
    vm_pin(vm, old_fin ? old_fin : vm->none);
    aio_emit(vm, "loop", "start");
    l->running = true;
    a->running_loop = self;
    vm->agen_firstiter = first;
    vm->agen_finalizer = fin;
    int r = 0;
    for (;;) {
        r = run_once(vm, l);
        if (r < 0 || l->stopping) {
            break;
        }
    }
    l->stopping = false;
    l->running = false;
    a->running_loop = NULL;
    vm->agen_firstiter = old_first;
    vm->agen_finalizer = old_fin;
    vm->nextra -= 2;
    aio_emit(vm, "loop", "end");
    return r < 0 ? NULL : vm->none;
}

NATIVE(m_stop)
{
    (void)argc, (void)argv, (void)kw;
    aio_emit(vm, "loop", "stop");
    ((aio_loop_t *)self)->stopping = true;
    return vm->none;
}

NATIVE(m_is_running)
{
    (void)argc, (void)argv, (void)kw;
    return bool_new(vm, ((aio_loop_t *)self)->running);
}

NATIVE(m_is_closed)
{
    (void)argc, (void)argv, (void)kw;
    return bool_new(vm, ((aio_loop_t *)self)->closed);
}

NATIVE(m_close)
{
    (void)argc, (void)argv, (void)kw;
    aio_loop_t *l = (aio_loop_t *)self;
    if (l->running) {
        return vm_raise(vm, EXC_RuntimeError,
                        "Cannot close a running event loop");
    }
    if (l->closed) {
        return vm->none;
    }
    aio_emit(vm, "loop", "close");
    l->closed = true;
    l->rlen = 0;
    l->rhead = 0;
    l->nheap = 0;
    return vm->none;
}

NATIVE(m_get_debug)
{
    (void)argc, (void)argv, (void)kw;
    return bool_new(vm, ((aio_loop_t *)self)->debug);
}

bool aio_loop_is_core(vm_t *vm, obj_t *loop)
{
    aio_t *a = aio_of(vm);
    if (!obj_isinstance_t(loop, a->t_loop)) {
        return false;
    }
    obj_t *m = type_lookup(vm, TYPE(loop), a->s_get_debug);
    return m && TYPE(m) == vm->t_native &&
           ((native_t *)m)->fn == m_get_debug;
}

NATIVE(m_set_debug)
{
    (void)kw;
    if (argc == 1) {
        ((aio_loop_t *)self)->debug = obj_truthy(vm, argv[0]) > 0;
    }
    return vm->none;
}

NATIVE(m_timer_handle_cancelled)
{
    (void)argc, (void)argv, (void)kw;
    ((aio_loop_t *)self)->timer_cancelled_count++;
    return vm->none;
}

static obj_t *loop_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    aio_loop_t *l = (aio_loop_t *)o;
    const char *n = name->s;
    // Only these six names, all of distinct lengths, are read here;
    // the length turns away the others (_check_closed, _task_factory:
    // one of each per task) without a comparison.
    static const uint32_t lens = 1u << 6 | 1u << 10 | 1u << 9 | 1u << 7 |
                                 1u << 22 | 1u << 17;
    if (n[0] != '_' || name->len > 31 || !(lens >> name->len & 1)) {
        return NULL;
    }
    if (strcmp(n, "_ready") == 0) {
        // base_events.py: self._ready = collections.deque(). The import
        // may run Python code (and collect): before the list is made.
        obj_t *mod = modules_import(vm, str_intern(vm, "collections"));
        obj_t *dq = mod ? obj_getattr(vm, mod, str_intern(vm, "deque"))
                        : NULL;
        if (!dq) {
            return NULL;
        }
        list_t *r = list_new(vm, 0);
        for (size_t i = 0; i < l->rlen; i++) {
            obj_t *h = l->ready[(l->rhead + i) % l->rcap];
            ((aio_handle_t *)h)->priv = 0;
            list_append(vm, r, h);
        }
        return vm_call1(vm, dq, (obj_t *)r);
    }
    if (strcmp(n, "_scheduled") == 0) {
        list_t *r = list_new(vm, 0);
        for (size_t i = 0; i < l->nheap; i++) {
            l->heap[i].h->priv = 0;
            list_append(vm, r, (obj_t *)l->heap[i].h);
        }
        return (obj_t *)r;
    }
    if (strcmp(n, "_stopping") == 0) {
        return bool_new(vm, l->stopping);
    }
    if (strcmp(n, "_closed") == 0) {
        return bool_new(vm, l->closed);
    }
    if (strcmp(n, "_timer_cancelled_count") == 0) {
        return int_new(vm, l->timer_cancelled_count);
    }
    if (strcmp(n, "_clock_resolution") == 0) {
        return float_new(vm, CLOCK_RESOLUTION);
    }
    return NULL;
}

void aio_loop_init_types(vm_t *vm, aio_t *a)
{
    type_t *lt = type_new_builtin(vm, "_LoopCore", NULL, LAYOUT_OTHER,
                                  sizeof(aio_loop_t));
    lt->flags |= TF_HASDICT;
    lt->flags &= ~(uint32_t)TF_BUILTIN;
    lt->mark = aio_loop_mark;
    lt->destroy = loop_destroy;
    lt->new_ = loop_new_slot;
    lt->getattr = loop_getattr;
    lt->module = str_intern(vm, "asyncio.base_events");
    a->t_loop = lt;
    type_add_method(vm, lt, "call_soon", m_call_soon);
    type_add_method(vm, lt, "call_later", m_call_later);
    type_add_method(vm, lt, "call_at", m_call_at);
    type_add_method(vm, lt, "time", m_time);
    type_add_method(vm, lt, "_run_once", m_run_once);
    type_add_method(vm, lt, "run_forever", m_run_forever);
    type_add_method(vm, lt, "_write_to_self", m_write_to_self);
    type_add_method(vm, lt, "stop", m_stop);
    type_add_method(vm, lt, "is_running", m_is_running);
    type_add_method(vm, lt, "is_closed", m_is_closed);
    type_add_method(vm, lt, "close", m_close);
    type_add_method(vm, lt, "_check_closed", m_check_closed);
    type_add_method(vm, lt, "_check_running", m_check_running);
    type_add_method(vm, lt, "get_debug", m_get_debug);
    type_add_method(vm, lt, "set_debug", m_set_debug);
    type_add_method(vm, lt, "_timer_handle_cancelled",
                    m_timer_handle_cancelled);

    type_t *ht = type_new_builtin(vm, "Handle", NULL, LAYOUT_OTHER,
                                  sizeof(aio_handle_t));
    ht->mark = handle_mark;
    ht->repr = handle_repr;
    ht->getattr = handle_getattr;
    ht->new_ = NULL;
    ht->module = str_intern(vm, "asyncio.events");
    ht->flags &= ~(uint32_t)TF_BUILTIN;
    type_add_method(vm, ht, "cancel", m_handle_cancel);
    type_add_method(vm, ht, "cancelled", m_handle_cancelled);
    type_add_method(vm, ht, "_run", m_handle_run);
    a->t_handle = ht;
    type_t *tt = type_new_builtin(vm, "TimerHandle", ht, LAYOUT_OTHER,
                                  sizeof(aio_timer_handle_t));
    tt->module = str_intern(vm, "asyncio.events");
    tt->flags &= ~(uint32_t)TF_BUILTIN;
    type_add_method(vm, tt, "when", m_handle_when);
    type_add_method(vm, tt, "__lt__", m_timer_lt);
    type_add_method(vm, tt, "__le__", m_timer_le);
    type_add_method(vm, tt, "__gt__", m_timer_gt);
    type_add_method(vm, tt, "__ge__", m_timer_ge);
    type_add_method(vm, tt, "__eq__", m_timer_eq);
    type_add_method(vm, tt, "__hash__", m_timer_hash);
    a->t_timer = tt;
}
