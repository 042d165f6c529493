/*
 * vm_aux.c - the out-of-line helpers of vm.c's evaluation loop: what an
 * instruction calls on its rarer ways (a del's collection, exception
 * matching, unpacking, f-string parts, with blocks, CALL_EX's argument
 * building, the attribute caches' fills, the never-awaited check of a
 * call's dropped argument). The hot ways stay in vm.c, inline. Mirrors
 * the matching parts of CPython 3.10/3.11's Python/ceval.c.
 */
#include "vm_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* After a del dropped [o]: when its finalizer would do something (an
 * unawaited coroutine's warning, a pending task's "destroyed" report, a
 * generator's finally blocks, a class's __del__), a collection now, as
 * CPython runs the finalizer where the last reference goes; the
 * collection finds whether anything else holds it. The frame's top is
 * synced (a del leaves the stack alone). */
void vm__del_collect(vm_t *vm, obj_t *o)
{
    type_t *t = o ? TYPE(o) : NULL;
    bool dropped = vm->exc_dropped;
    vm->exc_dropped = false;
    if (vm->nogc == 0 &&
        (dropped || (t && t->finalize &&
                     !(t->finalize_noop && t->finalize_noop(vm, o))))) {
        gc_collect(vm);
    }
}

/* CPython formats the name with %.200s: longer names are cut. */
obj_t *vm__name_error(vm_t *vm, str_t *name)
{
    vm_raise(vm, EXC_NameError, "name '%.200s' is not defined", name->s);
    // The name goes with it, for the "Did you mean" of its traceback
    // (format_exc_check_arg).
    exc_set_name(vm, vm->exc, name, NULL);
    return NULL;
}

bool vm__exc_match_type(vm_t *vm, obj_t *exc, obj_t *type, bool *bad)
{
    *bad = false;
    if (TYPE(type) == vm->t_tuple) {
        tuple_t *t = (tuple_t *)type;
        for (size_t i = 0; i < t->n; i++) {
            bool b;
            if (vm__exc_match_type(vm, exc, t->items[i], &b)) {
                return true;
            }
            if (b) {
                *bad = true;
            }
        }
        return false;
    }
    if (TYPE(type) != vm->t_type || !(((type_t *)type)->flags & TF_EXCEPTION)) {
        *bad = true;
        return false;
    }
    return obj_isinstance_t(exc, (type_t *)type);
}

/* An owned coroutine whose await failed (GET_AWAITABLE): one that never
 * started (the send raised before it ran) must still warn "never
 * awaited" when it dies, so it is tracked again; one that raised is
 * finished and left to the collector. */
void vm__await_disown(vm_t *vm, obj_t *o)
{
    o->flags &= (uint8_t)~GEN_AWAIT_OWNED;
    if (((gen_t *)o)->frame) {
        gc_fin_track(vm, o);
    }
}

/* A call whose last argument is a coroutine made just before for it
 * ("isfuture(main())"), which is still never started when the call
 * returns: CPython frees it as the call's instruction pops its
 * arguments and warns "never awaited" at this line, unless the callee
 * kept it (a list's append). A collection without the popped arguments
 * ([base] up, the callable's slot) finds which; [r] is pinned. Not a
 * drop: a Task took it, or a coroutine function's call bound it in the
 * coroutine it made (wait_for(sleep(1))). vm_drop_collect collects once
 * per call site. */
obj_t *vm__call_fresh(vm_t *vm, frame_t *f, obj_t **base, obj_t *callable,
                      int argc, obj_t **argv, tuple_t *kwnames)
{
    obj_t *cand = argc > 0 && argv[argc - 1] == vm->fresh_gen
                      ? argv[argc - 1] : NULL;
    obj_t *r = vm__do_call(vm, callable, argc, argv, kwnames);
    if (!cand || !r || r == cand || !gen_unawaited(vm, cand) ||
        (cand->flags & GEN_TASK) || gen_unawaited(vm, r) || vm->nogc) {
        return r;
    }
    obj_t **top = f->top;
    f->top = base;
    vm_drop_collect(vm, r);
    f->top = top;
    return r;
}

void vm_drop_collect(vm_t *vm, obj_t *keep)
{
    frame_t *f = vm->frame;
    if (vm->nogc || !f) {
        return;
    }
    uintptr_t h = ((uintptr_t)f->code >> 4) ^ ((uintptr_t)f->ip * 40503u);
    struct vm_site *c = &vm->drop_seen[h % VM_DROP_SEEN];
    if (c->code == f->code && c->ip == f->ip) {
        return;
    }
    c->code = f->code;
    c->ip = f->ip;
    str_t *key = str_fmt(vm, "call site %p:%u", (void *)f->code, f->ip);
    if (dict_get_str(vm, vm->warn_registry, key)) {
        return;
    }
    dict_set(vm, vm->warn_registry, (obj_t *)key, vm->true_);
    if (keep) {
        vm_pin(vm, keep);
    }
    gc_collect(vm);
    if (keep) {
        vm->nextra--;
    }
}

/* Calls with a tuple of positional arguments and a dict of keywords
 * (CALL_FUNCTION_EX). */
obj_t *vm__call_ex(vm_t *vm, obj_t *callable, obj_t *args, obj_t *kwargs)
{
    if (TYPE(args) != vm->t_tuple) {
        list_t *l = obj_to_list(vm, args);
        if (!l) {
            return NULL;
        }
        args = (obj_t *)list_to_tuple(vm, l);
    }
    tuple_t *a = (tuple_t *)args;
    int nkw = 0;
    tuple_t *names = NULL;
    obj_t **argv;
    if (kwargs && ((dict_t *)kwargs)->used) {
        dict_t *d = (dict_t *)kwargs;
        nkw = (int)d->used;
        names = tuple_new(vm, (size_t)nkw);
        argv = malloc(sizeof(obj_t *) * (a->n + (size_t)nkw + 1));
        if (a->n) {
            memcpy(argv, a->items, a->n * sizeof(obj_t *));
        }
        size_t pos = 0;
        obj_t *k, *v;
        int i = 0;
        while (dict_next(d, &pos, &k, &v)) {
            if (TYPE(k) != vm->t_str) {
                free(argv);
                return vm_raise(vm, EXC_TypeError, "keywords must be strings");
            }
            names->items[i] = k;
            argv[a->n + (size_t)i] = v;
            i++;
        }
        vm_pin(vm, (obj_t *)((obj_t *)names));
        obj_t *r = vm__do_call(vm, callable, (int)a->n, argv, names);
        vm->nextra--;
        free(argv);
        return r;
    }
    return vm__do_call(vm, callable, (int)a->n, a->items, NULL);
}

int vm__unpack(vm_t *vm, obj_t *seq, int before, int after, bool star,
               obj_t **out)
{
    // out receives the values in order; the caller pushes them reversed.
    list_t *l;
    type_t *t = TYPE(seq);
    if (t != vm->t_list && t != vm->t_tuple && !t->iter &&
        !type_lookup(vm, t, vm->s.__iter__) &&
        !type_lookup(vm, t, vm->s.__getitem__)) {
        vm_raise(vm, EXC_TypeError, "cannot unpack non-iterable %s object",
                 t->name->s);
        return -1;
    }
    l = obj_to_list(vm, seq);
    if (!l) {
        return -1;
    }
    int n = (int)l->n;
    if (!star) {
        if (n < before) {
            vm_raise(vm, EXC_ValueError,
                     "not enough values to unpack (expected %d, got %d)",
                     before, n);
            return -1;
        }
        if (n > before) {
            vm_raise(vm, EXC_ValueError,
                     "too many values to unpack (expected %d)", before);
            return -1;
        }
        for (int i = 0; i < n; i++) {
            out[i] = l->items[i];
        }
        return 0;
    }
    if (n < before + after) {
        vm_raise(vm, EXC_ValueError,
                 "not enough values to unpack (expected at least %d, got %d)",
                 before + after, n);
        return -1;
    }
    for (int i = 0; i < before; i++) {
        out[i] = l->items[i];
    }
    list_t *mid = list_new(vm, (size_t)(n - before - after));
    if (!mid) {
        return -1;
    }
    for (int i = 0; i < n - before - after; i++) {
        mid->items[i] = l->items[before + i];
    }
    out[before] = (obj_t *)mid;
    for (int i = 0; i < after; i++) {
        out[before + 1 + i] = l->items[n - after + i];
    }
    return 0;
}

obj_t *vm__format_value(vm_t *vm, obj_t *v, int conv, obj_t *spec)
{
    if ((conv & 3) == 1) {
        v = (obj_t *)obj_str(vm, v);
    } else if ((conv & 3) == 2) {
        v = (obj_t *)obj_repr(vm, v);
    } else if ((conv & 3) == 3) {
        v = (obj_t *)str_ascii(vm, v);
    }
    if (!v) {
        return NULL;
    }
    if (!spec && TYPE(v) == vm->t_str) {
        return v;
    }
    return (obj_t *)obj_format(vm, v, spec ? (str_t *)spec : vm->empty_str);
}

obj_t *vm__exit_call(vm_t *vm, obj_t *exitf, obj_t *exc)
{
    obj_t *args[3];
    if (exc) {
        args[0] = (obj_t *)TYPE(exc);
        args[1] = exc;
        args[2] = vm->none;
    } else {
        args[0] = args[1] = args[2] = vm->none;
    }
    return vm_call(vm, exitf, 3, args, NULL);
}

obj_t *vm__special_bound(vm_t *vm, obj_t *o, str_t *name)
{
    obj_t *f = type_lookup(vm, TYPE(o), name);
    if (!f) {
        return NULL;
    }
    return obj_bind(vm, f, o);
}

/* Remembers, for objects of class [t], that [d] holds [v] under that
 * very key [name] at its index (when it does). */
static void fill_hint(vm_t *vm, struct code_acache *ac, type_t *t,
                      dict_t *d, str_t *name, obj_t *v)
{
    int64_t ix = dict_index_str(d, name);
    if (ix < 0 || ix > UINT32_MAX || d->entries[ix].value != v ||
        d->entries[ix].key != (obj_t *)name) {
        return;
    }
    ac->type = t;
    ac->epoch = vm->acache_epoch;
    ac->hint = (uint32_t)ix;
}

/* What both fills below share: o's class has no data descriptor for
 * [name] (obj_getattr_opt's and obj_generic_setattr's order: those come
 * before the instance dict), o's dict is a plain one and holds [v] under
 * that very key: remembers the type and the index. */
static void fill_dict_slot(vm_t *vm, struct code_acache *ac, obj_t *o,
                           str_t *name, obj_t *v)
{
    type_t *t = TYPE(o);
    obj_t *descr = type_lookup(vm, t, name);
    if (descr && (TYPE(descr) == vm->t_getset ||
                  TYPE(descr) == vm->t_property ||
                  (!(TYPE(descr)->flags & TF_BUILTIN) &&
                   type_lookup(vm, TYPE(descr), vm->s.__set__)))) {
        return;
    }
    dict_t *d = OBJ_DICT(o);
    if (d->hdr.flags & (DICT_CLASSNS | DICT_GLOBALS)) {
        return;
    }
    fill_hint(vm, ac, t, d, name, v);
}

/* After module.name gave [v]: remembers where in the module's dict
 * (its first field, where OBJ_DICT reads), the way fill_dict_slot does
 * for an instance. module_getattr answers from that dict for any name
 * but __dict__, and no class attribute comes first, so the hint and its
 * key are all a hit needs (asyncio.sleep, math.sqrt in a loop: a dict
 * lookup by str each time before). A globals dict is fine here: loads
 * read the entry's current value; only stores must go by dict_insert. */
void vm__module_fill(vm_t *vm, struct code_acache *ac, module_t *m,
                     str_t *name, obj_t *v)
{
    if (name != vm->s.__dict__ && m->dict) {
        fill_hint(vm, ac, vm->t_module, m->dict, name, v);
    }
}

/* After obj_getattr gave [v] for o.name: remembers where, when it came
 * from o's __dict__ under the conditions above (or a module's dict). */
void vm__acache_fill(vm_t *vm, struct code_acache *ac, obj_t *o,
                     str_t *name, obj_t *v)
{
    type_t *t = TYPE(o);
    if (t == vm->t_module) {
        vm__module_fill(vm, ac, (module_t *)o, name, v);
        return;
    }
    if (t->getattr || !(t->flags & TF_HASDICT) || !OBJ_DICT(o)) {
        return;
    }
    fill_dict_slot(vm, ac, o, name, v);
}

/* STORE_ATTR's cache, the same entries: after o.name = v stored v in
 * o's __dict__, remembers where when the store went there the way
 * obj_setattr goes (no setattr slot, no __setattr__ written in Python,
 * no data descriptor for the name in the class, a plain instance dict).
 * Then storing into an object of exactly that type whose dict has the
 * name at that index is replacing that entry's value, as dict_insert
 * does for a key it has (CPython 3.11's STORE_ATTR_WITH_HINT). */
void vm__scache_fill(vm_t *vm, struct code_acache *ac, obj_t *o,
                     str_t *name, obj_t *v)
{
    type_t *t = TYPE(o);
    if (t->setattr || !(t->flags & TF_HASDICT) || !OBJ_DICT(o) ||
        name == vm->s.__class__ || name == vm->s.__dict__) {
        return;
    }
    if (!(t->flags & TF_BUILTIN)) {
        obj_t *sa = type_lookup(vm, t, vm->s.__setattr__);
        if (sa && TYPE(sa) != vm->t_native) {
            return;
        }
    }
    fill_dict_slot(vm, ac, o, name, v);
}

obj_t *vm__method_of(vm_t *vm, type_t *t, dict_t *od, str_t *name,
                     struct code_mcache *mc)
{
    obj_t *d = type_lookup(vm, t, name);
    // A native must be a method of t (or a base): one copied into a
    // class from another type fails in obj_getattr. (A method of t
    // itself, the common case, is told here.)
    if (!d || !(TYPE(d) == vm->t_func ||
                (TYPE(d) == vm->t_native && ((native_t *)d)->owner == t &&
                 (d->flags & NF_METHOD) && !((native_t *)d)->self) ||
                native_method_for(vm, d, t))) {
        return NULL;
    }
    if (od && dict_get_str(vm, od, name)) {
        return NULL;   /* the instance's own attribute hides it */
    }
    if (mc) {
        *mc = (struct code_mcache){t, vm->acache_epoch, od,
                                   od ? od->version : 0, d};
    }
    return d;
}

/* ---- Cached attribute access from C (vm.h) ------------------------------ */

obj_t *vm_getattr_cached(vm_t *vm, obj_t *o, str_t *name,
                         struct code_acache *c)
{
    dict_t *d = vm__acache_hit(vm, c, o, name);
    if (d) {
        return d->entries[c->hint].value;
    }
    obj_t *v = obj_getattr(vm, o, name);
    if (v) {
        vm__acache_fill(vm, c, o, name, v);
    }
    return v;
}

int vm_setattr_cached(vm_t *vm, obj_t *o, str_t *name, obj_t *v,
                      struct code_acache *c)
{
    // As STORE_ATTR: a dict that other caches watch is not written
    // behind their back.
    dict_t *d = vm__acache_hit(vm, c, o, name);
    if (d && !(d->hdr.flags & (DICT_CLASSNS | DICT_GLOBALS))) {
        d->entries[c->hint].value = v;
        return 0;
    }
    if (obj_setattr(vm, o, name, v) < 0) {
        return -1;
    }
    vm__scache_fill(vm, c, o, name, v);
    return 0;
}

obj_t *vm_call_method_cached(vm_t *vm, obj_t *o, str_t *name, int argc,
                             obj_t **argv, struct code_mcache *c)
{
    // LOAD_METHOD and CALL_METHOD: the type's getattr slot first (left
    // to vm_call_method), then the method unbound, the object first.
    type_t *t = TYPE(o);
    obj_t *m = NULL;
    if (!t->getattr && argc < 8) {
        dict_t *od = (t->flags & TF_HASDICT) ? OBJ_DICT(o) : NULL;
        if (c->type == t && c->epoch == vm->acache_epoch && c->dict == od &&
            (!od || od->version == c->version)) {
            m = c->method;
        } else {
            m = vm__method_of(vm, t, od, name, c);
        }
    }
    if (!m) {
        return vm_call_method(vm, o, name, argc, argv);
    }
    if (TYPE(m) == vm->t_native) {
        obj_t *r = ((native_t *)m)->fn(vm, o, argc, argv, NULL);
        vm->fresh_gen = NULL;
        return r;
    }
    obj_t *args[8];
    args[0] = o;
    if (argc) {
        memcpy(args + 1, argv, (size_t)argc * sizeof *argv);
    }
    return vm_call(vm, m, argc + 1, args, NULL);
}
