/*
 * gen.c - generators and coroutines (mirrors Objects/genobject.c).
 *
 * A generator owns a heap frame; send resumes it through vm_eval, which
 * returns at each yield. Nothing lives on the C stack between two
 * resumptions, so 100,000 suspended coroutines cost their frames only.
 *
 * States: frame == NULL means finished; frame->state CREATED means not
 * started (a coroutine collected in that state warns "never awaited");
 * running guards against re-entry ("generator already executing").
 */
#include "code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj_int.h"

static void gen_mark(vm_t *vm, obj_t *o)
{
    gen_t *g = (gen_t *)o;
    gc_mark(vm, (obj_t *)g->frame);
    gc_mark(vm, (obj_t *)g->names);
    gc_mark(vm, g->handled);
    gc_mark(vm, g->wrapped);   /* or ag_finalizer: a union */
    gc_mark(vm, (obj_t *)g->code);
}

bool gen_is_coro(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_coro;
}

static const char *kind(vm_t *vm, gen_t *g)
{
    return TYPE(g) == vm->t_coro       ? "coroutine"
           : TYPE(g) == vm->t_asyncgen ? "async generator"
                                       : "generator";
}

/* vm->open_gens counts the generators and async generators that still
 * have a frame: only those can make a returning frame's locals worth a
 * look (finalize_locals in vm.c). */
static bool counted(vm_t *vm, gen_t *g)
{
    return TYPE(g) == vm->t_gen || TYPE(g) == vm->t_asyncgen;
}

/* vm->loose_coros counts the coroutines not started yet that no Task
 * runs: only those can make a returning frame's locals hold a "never
 * awaited" (call.c's frame_release). [g] leaves the count when it
 * starts, loses its frame unstarted or goes to a Task. */
static void unloose(vm_t *vm, gen_t *g)
{
    if (TYPE(g) == vm->t_coro && g->frame &&
        g->frame->state == FRAME_CREATED && !(g->hdr.flags & GEN_TASK)) {
        vm->loose_coros--;
    }
}

/* The generator is done with its frame (finished, closed, thrown into
 * before it started, or finalized). */
static void drop_frame(vm_t *vm, gen_t *g)
{
    if (g->frame && counted(vm, g)) {
        vm->open_gens--;
    }
    unloose(vm, g);
    g->frame = NULL;
}

void gen_task_takes(vm_t *vm, obj_t *coro)
{
    if (TYPE(coro) == vm->t_coro && !(coro->flags & GEN_TASK)) {
        unloose(vm, (gen_t *)coro);
        coro->flags |= GEN_TASK;
    }
}

obj_t *gen_loose_in(vm_t *vm, frame_t *f)
{
    int n = f->code->nlocals + f->code->ncells;
    int nl = f->code->nlocals;
    for (int i = 0; i < n; i++) {
        obj_t *v = f->localsplus[i];
        if (v && i >= nl && TYPE(v) == vm->t_cell) {
            v = ((cell_t *)v)->v;
        }
        if (gen_unawaited(vm, v) && !(v->flags & GEN_TASK)) {
            return v;
        }
    }
    return NULL;
}

/* A generator freed with its frame (never finished). */
static void gen_destroy(vm_t *vm, obj_t *o)
{
    if (((gen_t *)o)->frame && counted(vm, (gen_t *)o)) {
        vm->open_gens--;
    }
}

obj_t *gen_new(vm_t *vm, frame_t *f, func_t *fn)
{
    type_t *t = (f->code->flags & CO_COROUTINE)   ? vm->t_coro
                : (f->code->flags & CO_ASYNCGEN) ? vm->t_asyncgen
                                                 : vm->t_gen;
    gen_t *g = f->code->spare_gen;
    if (g) {
        // As gen_free left it: zero but for its header and code. Tracked
        // for finalization as gc_alloc would.
        f->code->spare_gen = NULL;
        if (t->finalize) {
            gc_fin_track(vm, (obj_t *)g);
        }
    } else {
        g = (gen_t *)gc_alloc(vm, t, sizeof(gen_t));
    }
    g->frame = f;
    if (t != vm->t_coro) {
        vm->open_gens++;
    } else {
        vm->loose_coros++;
    }
    g->code = f->code;
    f->gen = (obj_t *)g;
    // The function's names, kept only when they are not its code's (a
    // __name__ or __qualname__ assigned): a code's cannot change.
    if (fn && (fn->name != f->code->name ||
               fn->qualname != f->code->qualname)) {
        g->names = tuple_pack(vm, 2, fn->name, fn->qualname);
    }
    return (obj_t *)g;
}

void gen_free(vm_t *vm, obj_t *o)
{
#ifndef CODE_NO_SPARES
    gen_t *g = (gen_t *)o;
    code_t *co = g->code;
    if (co && !co->spare_gen && !g->frame && !vm->gc_nopool &&
        !vm->gc_finalizing) {
        *g = (gen_t){.hdr = g->hdr, .code = co};
        g->hdr.flags = 0;
        co->spare_gen = g;
        return;
    }
#endif
    gc_release(vm, o);
}

obj_t *gen_yieldfrom(gen_t *g)
{
    frame_t *f = g->frame;
    if (!f || f->state != FRAME_SUSPENDED || f->top <= frame_stack(f)) {
        return NULL;
    }
    if ((f->code->ops[f->ip] & 0xff) != OP_YIELD_FROM) {
        return NULL;
    }
    return f->top[-1];
}

/* Runs the frame one step: the common part of send and throw
 * (gen_send_ex2). */
static obj_t *resume(vm_t *vm, gen_t *g, obj_t *v, bool throwing,
                     obj_t **ret)
{
    frame_t *f = g->frame;
    if (vm->depth >= vm->recursion_limit || cstack_low(vm->stack_floor)) {
        // CPython raises this inside the frame it was entering: a
        // coroutine that had not started is finished now (it will not
        // warn "never awaited").
        if (f->state == FRAME_CREATED) {
            g->started = true;
            drop_frame(vm, g);
            f->gen = NULL;
        }
        return vm_raise(vm, EXC_RecursionError,
                        "maximum recursion depth exceeded");
    }
    unloose(vm, g);
    g->running = true;
    g->started = true;
    // The exception a generator is handling belongs to it: it is restored
    // on resumption and hidden again at the next yield (CPython keeps a
    // per-generator exc_state for the same reason).
    obj_t *outer = vm->handled;
    if (g->handled) {
        vm->handled = g->handled == vm->none ? NULL : g->handled;
    }
    bool y;
    vm->depth++;
    vm->fresh_gen = NULL;
    obj_t *r = vm_eval(vm, f, v, throwing, &y);
    vm->depth--;
    g->running = false;
    vm->fresh_gen = NULL;
    if (y) {
        // Inside an except or finally handler at the yield: keep its
        // exception (None stands for "handling nothing" then).
        g->handled = NULL;
        for (int i = 0; i < f->nblocks; i++) {
            if (frame_blocks(f)[i].type == BLK_EXCEPT_HANDLER) {
                g->handled = vm->handled ? vm->handled : vm->none;
            }
        }
        vm->handled = outer;
        return r;
    }
    vm->handled = outer;
    drop_frame(vm, g);
    f->gen = NULL;
    // As for a plain call: garbage unless gi_frame, f_back or a
    // traceback handed it out; a coroutine never awaited in its locals
    // warns at the resumer's line.
    frame_release(vm, f, r, 0, NULL, NULL);
    if (r) {
        if (ret) {
            *ret = r;
            return NULL;
        }
        obj_t *e = exc_new(vm, EXC_TYPE(vm, StopIteration),
                           r == vm->none ? vm->empty_tuple
                                         : tuple_pack(vm, 1, r));
        vm->exc = e;
        return NULL;
    }
    // PEP 479: a StopIteration escaping the body becomes RuntimeError, and
    // so does a StopAsyncIteration escaping an async generator (PEP 525).
    bool stop = vm_exc_matches(vm, EXC_StopIteration);
    if (stop || (TYPE(g) == vm->t_asyncgen &&
                 vm_exc_matches(vm, EXC_StopAsyncIteration))) {
        obj_t *cause = vm_take_exc(vm);
        vm_raise(vm, EXC_RuntimeError, "%s raised %s", kind(vm, g),
                 stop ? "StopIteration" : "StopAsyncIteration");
        ((exc_t *)vm->exc)->cause = cause;
        ((exc_t *)vm->exc)->context = cause;
        ((exc_t *)vm->exc)->suppress_context = true;
    }
    return NULL;
}

obj_t *gen_send(vm_t *vm, gen_t *g, obj_t *v, obj_t **ret)
{
    if (g->running) {
        return vm_raise(vm, EXC_ValueError, "%s already executing",
                        kind(vm, g));
    }
    if (!g->frame) {
        if (TYPE(g) == vm->t_coro) {
            return vm_raise(vm, EXC_RuntimeError,
                            "cannot reuse already awaited coroutine");
        }
        if (ret) {
            *ret = vm->none;
            return NULL;
        }
        vm->exc = exc_new(vm, EXC_TYPE(vm, StopIteration), vm->empty_tuple);
        return NULL;
    }
    if (g->frame->state == FRAME_CREATED && v && v != vm->none) {
        return vm_raise(vm, EXC_TypeError,
                        "can't send non-None value to a just-started %s",
                        kind(vm, g));
    }
    return resume(vm, g, v, false, ret);
}

static obj_t *throw_into_frame(vm_t *vm, gen_t *g, obj_t *exc, obj_t **ret)
{
    vm->exc = exc;
    return resume(vm, g, NULL, true, ret);
}

obj_t *gen_throw(vm_t *vm, gen_t *g, obj_t *exc, obj_t **ret)
{
    if (TYPE(exc) == vm->t_type && (((type_t *)exc)->flags & TF_EXCEPTION)) {
        exc = vm_call0(vm, exc);
        if (!exc) {
            return NULL;
        }
    }
    if (!(TYPE(exc)->flags & TF_EXCEPTION)) {
        return vm_raise(vm, EXC_TypeError,
                        "exceptions must be classes or instances deriving "
                        "from BaseException, not %s", type_name(exc));
    }
    if (g->running) {
        return vm_raise(vm, EXC_ValueError, "%s already executing",
                        kind(vm, g));
    }
    frame_t *f = g->frame;
    if (!f) {
        if (TYPE(g) == vm->t_coro &&
            !obj_isinstance_t(exc, EXC_TYPE(vm, GeneratorExit))) {
            return vm_raise(vm, EXC_RuntimeError,
                            "cannot reuse already awaited coroutine");
        }
        vm->exc = exc;
        return NULL;
    }
    if (f->state == FRAME_CREATED) {
        // Thrown before the first step: the body never runs, but the
        // exception passes through the frame (it appears in tracebacks).
        drop_frame(vm, g);
        f->gen = NULL;
        exc_add_tb(vm, exc, f->code, f->code->firstline, f);
        vm->exc = exc;
        return NULL;
    }
    obj_t *yf = gen_yieldfrom(g);
    if (yf) {
        bool is_exit = obj_isinstance_t(exc, EXC_TYPE(vm, GeneratorExit));
        if (is_exit) {
            // Close the delegate first, then raise in this frame.
            g->running = true;
            int c = 0;
            if (TYPE(yf) == vm->t_gen || TYPE(yf) == vm->t_coro) {
                c = gen_close(vm, (gen_t *)yf);
            } else {
                obj_t *cl = obj_getattr_opt(vm, yf, vm->s.close);
                if (cl && !vm_call0(vm, cl)) {
                    c = -1;
                }
                if (!cl && vm->exc) {
                    c = -1;
                }
            }
            g->running = false;
            if (c < 0) {
                return resume(vm, g, NULL, true, ret);
            }
            return throw_into_frame(vm, g, exc, ret);
        }
        obj_t *r;
        obj_t *subret = NULL;
        g->running = true;
        if (TYPE(yf) == vm->t_gen || TYPE(yf) == vm->t_coro) {
            r = gen_throw(vm, (gen_t *)yf, exc, &subret);
        } else {
            obj_t *th = obj_getattr_opt(vm, yf, vm->s.throw);
            if (!th) {
                g->running = false;
                if (vm->exc) {
                    return resume(vm, g, NULL, true, ret);
                }
                return throw_into_frame(vm, g, exc, ret);
            }
            r = vm_call1(vm, th, exc);
            if (!r && vm_exc_matches(vm, EXC_StopIteration)) {
                obj_t *e = vm_take_exc(vm);
                subret = ((exc_t *)e)->value ? ((exc_t *)e)->value : vm->none;
            }
        }
        g->running = false;
        if (r) {
            return r; // the delegate yielded: stay suspended
        }
        if (subret) {
            // The delegate returned: YIELD_FROM completes with that value
            // (and frees it if it owned it, as YIELD_FROM does).
            f->top--;
            f->ip++;
            if (yf->flags & GEN_AWAIT_OWNED) {
                gen_free(vm, yf);
            }
            return resume(vm, g, subret, false, ret);
        }
        return resume(vm, g, NULL, true, ret);
    }
    return throw_into_frame(vm, g, exc, ret);
}

int gen_close(vm_t *vm, gen_t *g)
{
    frame_t *f = g->frame;
    if (!f) {
        return 0;
    }
    if (f->state == FRAME_CREATED) {
        drop_frame(vm, g);
        f->gen = NULL;
        return 0;
    }
    obj_t *e = exc_new(vm, EXC_TYPE(vm, GeneratorExit), vm->empty_tuple);
    obj_t *ret = NULL;
    obj_t *r = gen_throw(vm, g, e, &ret);
    if (r) {
        vm_raise(vm, EXC_RuntimeError, "%s ignored GeneratorExit",
                 kind(vm, g));
        return -1;
    }
    if (ret || !vm->exc) {
        return 0;
    }
    if (vm_exc_matches(vm, EXC_GeneratorExit) ||
        vm_exc_matches(vm, EXC_StopIteration)) {
        vm->exc = NULL;
        return 0;
    }
    return -1;
}

/* ---- Methods ----------------------------------------------------------- */

static obj_t *m_send(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                     tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "send() takes exactly one argument (%d given)", argc);
    }
    return gen_send(vm, (gen_t *)self, argv[0], NULL);
}

static obj_t *m_throw(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)kw;
    if (argc < 1 || argc > 3) {
        return vm_raise(vm, EXC_TypeError,
                        "throw expected at least 1 argument, got %d", argc);
    }
    obj_t *e = argv[0];
    if (argc >= 2 && argv[1] != vm->none && TYPE(e) == vm->t_type) {
        // throw(type, value): value is an instance or constructor args.
        if (obj_isinstance_t(argv[1], (type_t *)e)) {
            e = argv[1];
        } else {
            e = vm_call1(vm, e, argv[1]);
            if (!e) {
                return NULL;
            }
        }
    }
    return gen_throw(vm, (gen_t *)self, e, NULL);
}

static obj_t *m_close(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return gen_close(vm, (gen_t *)self) < 0 ? NULL : vm->none;
}

static obj_t *gen_next(vm_t *vm, obj_t *o)
{
    gen_t *g = (gen_t *)o;
    obj_t *ret = NULL;
    obj_t *r = gen_send(vm, g, vm->none, &ret);
    if (r) {
        return r;
    }
    if (ret) {
        // A generator returning ends the iteration (its value is lost to
        // for loops, as in CPython).
        return NULL;
    }
    if (vm_exc_matches(vm, EXC_StopIteration) && !g->frame) {
        vm->exc = NULL;
    }
    return NULL;
}

static obj_t *gen_iter(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

static obj_t *gen_repr(vm_t *vm, obj_t *o)
{
    gen_t *g = (gen_t *)o;
    // The type's name (tp_name), which for an async generator is
    // "async_generator"; messages say "async generator".
    return (obj_t *)str_fmt(vm, "<%s object %s at %p>",
                            TYPE(g) == vm->t_asyncgen ? "async_generator"
                                                      : kind(vm, g),
                            gen_qualname(g)->s, (void *)o);
}

static obj_t *gen_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    gen_t *g = (gen_t *)o;
    const char *n = name->s;
    bool coro = TYPE(o) == vm->t_coro;
    bool agen = TYPE(o) == vm->t_asyncgen;
    if (name == vm->s.__name__) {
        return (obj_t *)gen_name(g);
    }
    if (name == vm->s.__qualname__) {
        return (obj_t *)gen_qualname(g);
    }
    // The attributes are gi_* on generators, cr_* on coroutines and ag_*
    // on async generators.
    const char *pre = coro ? "cr_" : agen ? "ag_" : "gi_";
    if (strncmp(n, pre, 3) != 0) {
        return NULL;
    }
    n += 3;
    if (strcmp(n, "frame") == 0) {
        if (!g->frame) {
            return vm->none;
        }
        g->frame->hdr.flags |= FRAME_ESCAPED;
        return (obj_t *)g->frame;
    }
    if (strcmp(n, "running") == 0) {
        return bool_new(vm, agen ? g->running_async : g->running);
    }
    if (strcmp(n, coro || agen ? "await" : "yieldfrom") == 0) {
        obj_t *y = gen_yieldfrom(g);
        if (y && (y->flags & GEN_AWAIT_OWNED)) {
            // Python holds it now: the await no longer owns it.
            y->flags &= (uint8_t)~GEN_AWAIT_OWNED;
            gc_fin_track(vm, y);
        }
        return y ? y : vm->none;
    }
    if (strcmp(n, "code") == 0) {
        return g->code ? (obj_t *)g->code : vm->none;
    }
    if (strcmp(n, "origin") == 0 && coro) {
        return vm->none;
    }
    if (strcmp(n, "suspended") == 0 && !agen) {
        return bool_new(vm, g->frame && g->frame->state == FRAME_SUSPENDED);
    }
    return NULL;
}

/* gen_set_name / gen_set_qualname: a str (a subclass too) or a
 * TypeError, deletion included; other attributes as any object's. */
static int gen_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    gen_t *g = (gen_t *)o;
    bool is_name = name == vm->s.__name__;
    if (is_name || name == vm->s.__qualname__) {
        if (!v || !obj_isinstance_t(v, vm->t_str)) {
            vm_raise(vm, EXC_TypeError, "%s must be set to a string object",
                     name->s);
            return -1;
        }
        // A new pair: a tuple, once made, is not changed.
        g->names = tuple_pack(vm, 2, is_name ? v : (obj_t *)gen_name(g),
                              is_name ? (obj_t *)gen_qualname(g) : v);
        return 0;
    }
    return obj_generic_setattr(vm, o, name, v);
}

bool gen_unawaited(vm_t *vm, obj_t *o)
{
    gen_t *g = (gen_t *)o;
    return o && TYPE(o) == vm->t_coro && g->frame &&
           g->frame->state == FRAME_CREATED && !g->closed_warned;
}

/* [v] is a coroutine never awaited, or holds one within [depth] levels
 * of lists, tuples, sets, dicts and instances' attributes (asyncio.wait's
 * set of awaitables is an instance holding a dict). *budget bounds the
 * objects looked at: this runs when a handler ends, and a false "no"
 * only delays the warning to a later collection. */
static bool holds_unawaited(vm_t *vm, obj_t *v, int depth, int *budget)
{
    if (!v || --*budget < 0) {
        return false;
    }
    type_t *t = TYPE(v);
    if (t == vm->t_cell) {
        v = ((cell_t *)v)->v;
        if (!v) {
            return false;
        }
        t = TYPE(v);
    }
    if (t == vm->t_coro) {
        return gen_unawaited(vm, v);
    }
    if (depth == 0) {
        return false;
    }
    obj_t **items = NULL;
    size_t n = 0;
    if (t == vm->t_list) {
        items = ((list_t *)v)->items;
        n = ((list_t *)v)->n;
    } else if (t == vm->t_tuple) {
        items = ((tuple_t *)v)->items;
        n = ((tuple_t *)v)->n;
    } else if (t == vm->t_set || t == vm->t_frozenset) {
        size_t pos = 0;
        obj_t *k;
        while (*budget > 0 && set_next((dict_t *)v, &pos, &k)) {
            if (holds_unawaited(vm, k, depth - 1, budget)) {
                return true;
            }
        }
        return false;
    } else if (t == vm->t_dict ||
               (t->layout == LAYOUT_INST && ((inst_t *)v)->dict)) {
        dict_t *d = t == vm->t_dict ? (dict_t *)v : ((inst_t *)v)->dict;
        size_t pos = 0;
        obj_t *k, *val;
        while (*budget > 0 && dict_next(d, &pos, &k, &val)) {
            if (holds_unawaited(vm, k, depth - 1, budget) ||
                holds_unawaited(vm, val, depth - 1, budget)) {
                return true;
            }
        }
        return false;
    }
    for (size_t i = 0; i < n && *budget > 0; i++) {
        if (holds_unawaited(vm, items[i], depth - 1, budget)) {
            return true;
        }
    }
    return false;
}

/* gen_exc_holds_unawaited over [o] and its causes and contexts, [depth]
 * exceptions deep at most: __cause__ may be set to make a cycle. */
static bool exc_holds(vm_t *vm, obj_t *o, int depth)
{
    if (!o || depth == 0 || !(TYPE(o)->flags & TF_EXCEPTION)) {
        return false;
    }
    exc_t *e = (exc_t *)o;
    for (size_t i = 0; i < e->ntb; i++) {
        frame_t *f = e->tb[i].frame;
        // A frame still running keeps its locals alive by itself.
        if (!f || f->state != FRAME_DONE) {
            continue;
        }
        int n = f->code->nlocals + f->code->ncells;
        int budget = 1024;
        for (int k = 0; k < n; k++) {
            if (holds_unawaited(vm, f->localsplus[k], 3, &budget)) {
                return true;
            }
        }
    }
    return exc_holds(vm, e->cause, depth - 1) ||
           exc_holds(vm, e->context, depth - 1);
}

bool gen_exc_holds_unawaited(vm_t *vm, obj_t *o)
{
    return exc_holds(vm, o, 4);
}

bool gen_wants_finalizer(vm_t *vm, obj_t *o)
{
    if (TYPE(o) != vm->t_gen && TYPE(o) != vm->t_asyncgen) {
        return false;
    }
    gen_t *g = (gen_t *)o;
    if (!g->frame || g->frame->state != FRAME_SUSPENDED) {
        return false;
    }
    if (TYPE(o) == vm->t_asyncgen && g->ag_finalizer && !g->ag_closed) {
        return true;
    }
    return g->frame->nblocks > 0;
}

/* gen_finalize does nothing for a generator that has finished (its
 * frame is gone): every coroutine an await runs to its end. Without
 * this, each such garbage coroutine and generator outlived one more
 * collection, which doubled the heap of a program with many tasks. */
static bool gen_finalize_noop(vm_t *vm, obj_t *o)
{
    (void)vm;
    return ((gen_t *)o)->frame == NULL;
}

/* A coroutine collected before it started warns "never awaited"; one
 * collected while suspended is closed, running its finally blocks
 * (_PyGen_Finalize). */
static void gen_finalize(vm_t *vm, obj_t *o)
{
    gen_t *g = (gen_t *)o;
    if (!g->frame) {
        return;
    }
    if (g->frame->state == FRAME_CREATED) {
        if (TYPE(o) == vm->t_coro && !g->closed_warned) {
            g->closed_warned = true;
            char msg[300];
            snprintf(msg, sizeof msg, "coroutine '%s' was never awaited",
                     gen_qualname(g)->s);
            // warnings' own formatting adds the tracemalloc hint for a
            // warning with a source object; at shutdown the C fallback
            // writes the warning without it.
            static const char hint[] = "RuntimeWarning: Enable tracemalloc "
                                       "to get the object allocation "
                                       "traceback\n";
            if (vm_warn(vm, EXC_RuntimeWarning, msg) && !vm->exiting) {
                vm_write_err(vm, hint, sizeof hint - 1);
            }
        }
        drop_frame(vm, g);
        return;
    }
    obj_t *saved = vm->exc;
    vm->exc = NULL;
    if (TYPE(o) == vm->t_asyncgen && g->ag_finalizer && !g->ag_closed) {
        // The event loop's hook schedules aclose() as a task instead.
        // An error here is unraisable (CPython prints "Exception ignored
        // in"); it is dropped, as other finalizer errors are.
        vm_call1(vm, g->ag_finalizer, o);
        vm->exc = saved;
        return;
    }
    if (gen_close(vm, g) < 0) {
        vm->exc = NULL;
    }
    vm->exc = saved;
}

/* ---- coroutine.__await__() wrapper ------------------------------------ */

static obj_t *m_await(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    gen_t *w = (gen_t *)gc_alloc(vm, vm->t_coro_wrapper, sizeof(gen_t));
    w->wrapped = self;
    return (obj_t *)w;
}

static obj_t *wrapper_next(vm_t *vm, obj_t *o)
{
    gen_t *c = (gen_t *)((gen_t *)o)->wrapped;
    obj_t *ret = NULL;
    obj_t *r = gen_send(vm, c, vm->none, &ret);
    if (!r && ret) {
        vm->exc = exc_new(vm, EXC_TYPE(vm, StopIteration),
                          ret == vm->none ? vm->empty_tuple
                                          : tuple_pack(vm, 1, ret));
    }
    return r;
}

static obj_t *m_wrapper_send(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    return m_send(vm, ((gen_t *)self)->wrapped, argc, argv, kw);
}

static obj_t *m_wrapper_throw(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw)
{
    return m_throw(vm, ((gen_t *)self)->wrapped, argc, argv, kw);
}

static obj_t *m_wrapper_close(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw)
{
    return m_close(vm, ((gen_t *)self)->wrapped, argc, argv, kw);
}

/* ---- Async generators (PEP 525; Objects/genobject.c) ------------------
 *
 * An async generator's frame yields for two reasons: an await inside it
 * passes a value up to the event loop (the frame is then suspended in
 * YIELD_FROM), or a "yield" produces the next item (suspended after
 * YIELD_VALUE). CPython wraps the items to tell them apart; here the
 * instruction the frame stopped at tells. asend() / __anext__() and
 * athrow() / aclose() return awaitables that run the frame and finish
 * with StopIteration(item) at an item. */

enum { AW_INIT, AW_ITER, AW_CLOSED };

typedef struct agwait {
    obj_t hdr;
    gen_t *gen;
    obj_t *arg;            /* asend: the value; athrow: the exception */
    int state;
    bool aclose;           /* athrow object made by aclose() */
} agwait_t;

static void agwait_mark(vm_t *vm, obj_t *o)
{
    agwait_t *a = (agwait_t *)o;
    gc_mark(vm, (obj_t *)a->gen);
    gc_mark(vm, a->arg);
}

static obj_t *agwait_new(vm_t *vm, type_t *t, gen_t *g, obj_t *arg)
{
    agwait_t *a = (agwait_t *)gc_alloc(vm, t, sizeof(agwait_t));
    a->gen = g;
    a->arg = arg;
    return (obj_t *)a;
}

static obj_t *stop_iteration(vm_t *vm, obj_t *v)
{
    vm->exc = exc_new(vm, EXC_TYPE(vm, StopIteration),
                      v == vm->none ? vm->empty_tuple : tuple_pack(vm, 1, v));
    return NULL;
}

/* async_gen_unwrap_value: [r] is what running the frame gave. An item
 * ends the awaitable with StopIteration(item); a return ends the
 * generator with StopAsyncIteration. Sets *item for an item. */
static obj_t *ag_unwrap(vm_t *vm, gen_t *g, obj_t *r, bool *item)
{
    *item = false;
    if (!r) {
        if (!vm->exc) {
            vm->exc = exc_new(vm, EXC_TYPE(vm, StopAsyncIteration),
                              vm->empty_tuple);
        }
        if (vm_exc_matches(vm, EXC_StopAsyncIteration) ||
            vm_exc_matches(vm, EXC_GeneratorExit)) {
            g->ag_closed = true;
        }
        g->running_async = false;
        return NULL;
    }
    if (!gen_yieldfrom(g)) {
        *item = true;
        g->running_async = false;
        return stop_iteration(vm, r);
    }
    return r;
}

static obj_t *asend_send(vm_t *vm, agwait_t *a, obj_t *v)
{
    gen_t *g = a->gen;
    if (a->state == AW_CLOSED) {
        return vm_raise(vm, EXC_RuntimeError,
                        "cannot reuse already awaited __anext__()/asend()");
    }
    if (a->state == AW_INIT) {
        if (g->running_async) {
            return vm_raise(vm, EXC_RuntimeError,
                            "anext(): asynchronous generator is already "
                            "running");
        }
        if (!v || v == vm->none) {
            v = a->arg;
        }
        a->state = AW_ITER;
    }
    g->running_async = true;
    obj_t *ret = NULL;
    bool item;
    obj_t *r = ag_unwrap(vm, g, gen_send(vm, g, v, &ret), &item);
    if (!r) {
        a->state = AW_CLOSED;
    }
    return r;
}

/* The exception athrow(typ[, val[, tb]]) throws, made as gen.throw
 * makes it. */
static obj_t *athrow_exc(vm_t *vm, tuple_t *args)
{
    obj_t *e = args->items[0];
    if (args->n >= 2 && args->items[1] != vm->none &&
        TYPE(e) == vm->t_type) {
        if (obj_isinstance_t(args->items[1], (type_t *)e)) {
            return args->items[1];
        }
        return vm_call1(vm, e, args->items[1]);
    }
    return e;
}

/* athrow / aclose awaitables: the end of an aclose() is StopIteration
 * whether the generator finished or raised GeneratorExit, and an item
 * yielded in answer to GeneratorExit is an error. */
static obj_t *athrow_done(vm_t *vm, agwait_t *a, obj_t *r, bool item)
{
    gen_t *g = a->gen;
    if (r) {
        return r;
    }
    if (a->aclose && item) {
        vm->exc = NULL;
        g->running_async = false;
        a->state = AW_CLOSED;
        return vm_raise(vm, EXC_RuntimeError,
                        "async generator ignored GeneratorExit");
    }
    a->state = AW_CLOSED;
    g->running_async = false;
    if (a->aclose && (vm_exc_matches(vm, EXC_StopAsyncIteration) ||
                      vm_exc_matches(vm, EXC_GeneratorExit))) {
        vm->exc = NULL;
        return stop_iteration(vm, vm->none);
    }
    return NULL;
}

static obj_t *athrow_send(vm_t *vm, agwait_t *a, obj_t *v)
{
    gen_t *g = a->gen;
    if (a->state == AW_CLOSED) {
        return vm_raise(vm, EXC_RuntimeError,
                        "cannot reuse already awaited aclose()/athrow()");
    }
    if (!g->frame) {
        // Finished or closed: nothing left to throw into.
        a->state = AW_CLOSED;
        return stop_iteration(vm, vm->none);
    }
    obj_t *ret = NULL, *r;
    bool item;
    if (a->state == AW_INIT) {
        if (g->running_async) {
            a->state = AW_CLOSED;
            return vm_raise(vm, EXC_RuntimeError,
                            "%s(): asynchronous generator is already "
                            "running", a->aclose ? "aclose" : "athrow");
        }
        if (g->ag_closed) {
            a->state = AW_CLOSED;
            vm->exc = exc_new(vm, EXC_TYPE(vm, StopAsyncIteration),
                              vm->empty_tuple);
            return NULL;
        }
        if (v && v != vm->none) {
            return vm_raise(vm, EXC_RuntimeError,
                            "can't send non-None value to a just-started "
                            "coroutine");
        }
        a->state = AW_ITER;
        g->running_async = true;
        obj_t *e;
        if (a->aclose) {
            g->ag_closed = true;
            e = exc_new(vm, EXC_TYPE(vm, GeneratorExit), vm->empty_tuple);
        } else {
            e = athrow_exc(vm, (tuple_t *)a->arg);
            if (!e) {
                g->running_async = false;
                a->state = AW_CLOSED;
                return NULL;
            }
        }
        r = gen_throw(vm, g, e, &ret);
    } else {
        r = gen_send(vm, g, v ? v : vm->none, &ret);
    }
    r = ag_unwrap(vm, g, r, &item);
    return athrow_done(vm, a, r, item);
}

static obj_t *agwait_throw(vm_t *vm, agwait_t *a, obj_t *e)
{
    gen_t *g = a->gen;
    bool asend = TYPE(a) == vm->t_asyncgen_asend;
    if (a->state == AW_CLOSED) {
        return vm_raise(vm, EXC_RuntimeError,
                        asend ? "cannot reuse already awaited "
                                "__anext__()/asend()"
                              : "cannot reuse already awaited "
                                "aclose()/athrow()");
    }
    obj_t *ret = NULL;
    bool item;
    obj_t *r = ag_unwrap(vm, g, gen_throw(vm, g, e, &ret), &item);
    if (asend) {
        if (!r) {
            a->state = AW_CLOSED;
        }
        return r;
    }
    return athrow_done(vm, a, r, item);
}

static obj_t *agwait_next(vm_t *vm, obj_t *o)
{
    agwait_t *a = (agwait_t *)o;
    if (TYPE(o) == vm->t_asyncgen_asend) {
        return asend_send(vm, a, vm->none);
    }
    return athrow_send(vm, a, vm->none);
}

static obj_t *m_agwait_send(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "send() takes exactly one argument (%d given)", argc);
    }
    agwait_t *a = (agwait_t *)self;
    if (TYPE(self) == vm->t_asyncgen_asend) {
        return asend_send(vm, a, argv[0]);
    }
    return athrow_send(vm, a, argv[0]);
}

static obj_t *m_agwait_throw(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    (void)kw;
    if (argc < 1 || argc > 3) {
        return vm_raise(vm, EXC_TypeError,
                        "throw expected at least 1 argument, got %d", argc);
    }
    tuple_t *args = tuple_new(vm, (size_t)argc);
    for (int i = 0; i < argc; i++) {
        args->items[i] = argv[i];
    }
    obj_t *e = athrow_exc(vm, args);
    if (!e) {
        return NULL;
    }
    return agwait_throw(vm, (agwait_t *)self, e);
}

static obj_t *m_agwait_close(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    ((agwait_t *)self)->state = AW_CLOSED;
    return vm->none;
}

static obj_t *m_self(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                     tuple_t *kw)
{
    (void)vm, (void)argc, (void)argv, (void)kw;
    return self;
}

/* The first __anext__/asend/athrow/aclose records the finalizer hook and
 * calls the firstiter hook (genobject.c async_gen_init_hooks). */
static int init_hooks(vm_t *vm, gen_t *g)
{
    if (g->ag_hooks_inited) {
        return 0;
    }
    g->ag_hooks_inited = true;
    g->ag_finalizer = vm->agen_finalizer;
    if (vm->agen_firstiter) {
        if (!vm_call1(vm, vm->agen_firstiter, (obj_t *)g)) {
            return -1;
        }
    }
    return 0;
}

obj_t *gen_set_asyncgen_hooks(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw)
{
    (void)self;
    static const char *const names[] = {"firstiter", "finalizer"};
    obj_t *a[2] = {NULL, NULL};
    if (vm_parse_args(vm, "set_asyncgen_hooks", argc, argv, kw, 0, 2, names,
                      2, a) < 0) {
        return NULL;
    }
    // Both are checked before either is set, finalizer first (sysmodule.c).
    if (a[1] && a[1] != vm->none && !vm_callable(a[1])) {
        return vm_raise(vm, EXC_TypeError, "callable finalizer expected, "
                        "got %s", type_name(a[1]));
    }
    if (a[0] && a[0] != vm->none && !vm_callable(a[0])) {
        return vm_raise(vm, EXC_TypeError, "callable firstiter expected, "
                        "got %s", type_name(a[0]));
    }
    if (a[1]) {
        vm->agen_finalizer = a[1] == vm->none ? NULL : a[1];
    }
    if (a[0]) {
        vm->agen_firstiter = a[0] == vm->none ? NULL : a[0];
    }
    return vm->none;
}

obj_t *gen_get_asyncgen_hooks(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    obj_t *fi = vm->agen_firstiter ? vm->agen_firstiter : vm->none;
    obj_t *fz = vm->agen_finalizer ? vm->agen_finalizer : vm->none;
    return (obj_t *)tuple_pack(vm, 2, fi, fz);
}

static obj_t *m_anext(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    if (init_hooks(vm, (gen_t *)self) < 0) {
        return NULL;
    }
    return agwait_new(vm, vm->t_asyncgen_asend, (gen_t *)self, vm->none);
}

static obj_t *m_asend(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "async_generator.asend() takes exactly one argument "
                        "(%d given)", argc);
    }
    if (init_hooks(vm, (gen_t *)self) < 0) {
        return NULL;
    }
    return agwait_new(vm, vm->t_asyncgen_asend, (gen_t *)self, argv[0]);
}

static obj_t *m_athrow(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       tuple_t *kw)
{
    (void)kw;
    if (argc < 1 || argc > 3) {
        return vm_raise(vm, EXC_TypeError,
                        "athrow expected at least 1 argument, got %d", argc);
    }
    if (init_hooks(vm, (gen_t *)self) < 0) {
        return NULL;
    }
    tuple_t *args = tuple_new(vm, (size_t)argc);
    for (int i = 0; i < argc; i++) {
        args->items[i] = argv[i];
    }
    return agwait_new(vm, vm->t_asyncgen_athrow, (gen_t *)self,
                      (obj_t *)args);
}

static obj_t *m_aclose(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    if (init_hooks(vm, (gen_t *)self) < 0) {
        return NULL;
    }
    agwait_t *a = (agwait_t *)agwait_new(vm, vm->t_asyncgen_athrow,
                                         (gen_t *)self, NULL);
    a->aclose = true;
    return (obj_t *)a;
}

static obj_t *agwait_repr(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_fmt(vm, "<%s object at %p>", type_name(o),
                            (void *)o);
}

static void asyncgen_init_types(vm_t *vm)
{
    vm->t_asyncgen = type_new_builtin(vm, "async_generator", NULL,
                                      LAYOUT_OTHER, sizeof(gen_t));
    vm->t_asyncgen->destroy = gen_destroy;
    type_t *t = vm->t_asyncgen;
    t->mark = gen_mark;
    t->repr = gen_repr;
    t->getattr = gen_getattr;
    t->setattr = gen_setattr;
    t->finalize = gen_finalize;
    t->finalize_noop = gen_finalize_noop;
    t->new_ = NULL;
    t->flags &= ~(uint32_t)TF_BASETYPE;
    type_add_method(vm, t, "__aiter__", m_self);
    type_add_method(vm, t, "__anext__", m_anext);
    type_add_method(vm, t, "asend", m_asend);
    type_add_method(vm, t, "athrow", m_athrow);
    type_add_method(vm, t, "aclose", m_aclose);
    vm->t_asyncgen_asend = type_new_builtin(vm, "async_generator_asend",
                                            NULL, LAYOUT_OTHER,
                                            sizeof(agwait_t));
    vm->t_asyncgen_athrow = type_new_builtin(vm, "async_generator_athrow",
                                             NULL, LAYOUT_OTHER,
                                             sizeof(agwait_t));
    type_t *ws[2] = {vm->t_asyncgen_asend, vm->t_asyncgen_athrow};
    for (int i = 0; i < 2; i++) {
        t = ws[i];
        t->mark = agwait_mark;
        t->repr = agwait_repr;
        t->iter = gen_iter;
        t->next = agwait_next;
        t->new_ = NULL;
        t->flags &= ~(uint32_t)TF_BASETYPE;
        type_add_method(vm, t, "__await__", m_self);
        type_add_method(vm, t, "send", m_agwait_send);
        type_add_method(vm, t, "throw", m_agwait_throw);
        type_add_method(vm, t, "close", m_agwait_close);
    }
}

void gen_init_types(vm_t *vm)
{
    vm->t_gen = type_new_builtin(vm, "generator", NULL, LAYOUT_OTHER,
                                 sizeof(gen_t));
    vm->t_coro = type_new_builtin(vm, "coroutine", NULL, LAYOUT_OTHER,
                                  sizeof(gen_t));
    type_t *ts[2] = {vm->t_gen, vm->t_coro};
    for (int i = 0; i < 2; i++) {
        type_t *t = ts[i];
        t->mark = gen_mark;
        t->repr = gen_repr;
        t->getattr = gen_getattr;
        t->setattr = gen_setattr;
        t->finalize = gen_finalize;
        t->finalize_noop = gen_finalize_noop;
        t->new_ = NULL;
        t->flags &= ~(uint32_t)TF_BASETYPE;
        type_add_method(vm, t, "send", m_send);
        type_add_method(vm, t, "throw", m_throw);
        type_add_method(vm, t, "close", m_close);
    }
    vm->t_gen->destroy = gen_destroy;
    vm->t_gen->iter = gen_iter;
    vm->t_gen->next = gen_next;
    type_add_method(vm, vm->t_coro, "__await__", m_await);
    vm->t_coro_wrapper = type_new_builtin(vm, "coroutine_wrapper", NULL,
                                          LAYOUT_OTHER, sizeof(gen_t));
    vm->t_coro_wrapper->mark = gen_mark;
    vm->t_coro_wrapper->iter = gen_iter;
    vm->t_coro_wrapper->next = wrapper_next;
    vm->t_coro_wrapper->new_ = NULL;
    type_add_method(vm, vm->t_coro_wrapper, "send", m_wrapper_send);
    type_add_method(vm, vm->t_coro_wrapper, "throw", m_wrapper_throw);
    type_add_method(vm, vm->t_coro_wrapper, "close", m_wrapper_close);
    asyncgen_init_types(vm);
}
