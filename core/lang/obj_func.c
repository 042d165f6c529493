/*
 * obj_func.c - functions, built-in functions, bound methods, cells,
 * property / classmethod / staticmethod, super and functools.partial
 * (mirrors Objects/funcobject.c, methodobject.c, classobject.c,
 * descrobject.c and typeobject.c's super).
 */
#include "obj_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"

/* ---- Functions ------------------------------------------------------- */

static void func_mark(vm_t *vm, obj_t *o)
{
    func_t *f = (func_t *)o;
    gc_mark(vm, (obj_t *)f->dict);
    gc_mark(vm, (obj_t *)f->code);
    gc_mark(vm, (obj_t *)f->globals);
    gc_mark(vm, (obj_t *)f->defaults);
    gc_mark(vm, (obj_t *)f->kwdefaults);
    gc_mark(vm, (obj_t *)f->closure);
    gc_mark(vm, (obj_t *)f->name);
    gc_mark(vm, (obj_t *)f->qualname);
    gc_mark(vm, f->module);
    gc_mark(vm, f->doc);
    gc_mark(vm, (obj_t *)f->annotations);
}

static obj_t *func_repr(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_fmt(vm, "<function %s at %p>",
                            ((func_t *)o)->qualname->s, (void *)o);
}

static obj_t *func_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    func_t *f = (func_t *)o;
    if (name == vm->s.__name__) {
        return (obj_t *)f->name;
    }
    if (name == vm->s.__qualname__) {
        return (obj_t *)f->qualname;
    }
    if (name == vm->s.__module__) {
        return f->module ? f->module : vm->none;
    }
    if (strcmp(name->s, "__defaults__") == 0) {
        return f->defaults ? (obj_t *)f->defaults : vm->none;
    }
    if (strcmp(name->s, "__kwdefaults__") == 0) {
        return f->kwdefaults ? (obj_t *)f->kwdefaults : vm->none;
    }
    if (strcmp(name->s, "__code__") == 0) {
        return (obj_t *)f->code;
    }
    if (strcmp(name->s, "__globals__") == 0) {
        return (obj_t *)f->globals;
    }
    if (name == vm->s.__doc__) {
        return f->doc ? f->doc : vm->none;
    }
    if (name == vm->s.__annotations__) {
        // Made on first use, as func_get_annotations does.
        if (!f->annotations) {
            f->annotations = dict_new(vm);
        }
        return (obj_t *)f->annotations;
    }
    if (name == vm->s.__dict__) {
        if (!f->dict) {
            f->dict = dict_new(vm);
        }
        return (obj_t *)f->dict;
    }
    if (f->dict) {
        return dict_get_str(vm, f->dict, name);
    }
    return NULL;
}

static int func_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    func_t *f = (func_t *)o;
    if (name == vm->s.__name__ && v && TYPE(v) == vm->t_str) {
        f->name = (str_t *)v;
        return 0;
    }
    if (name == vm->s.__qualname__ && v && TYPE(v) == vm->t_str) {
        f->qualname = (str_t *)v;
        return 0;
    }
    if (name == vm->s.__doc__) {
        f->doc = v;
        return 0;
    }
    if (name == vm->s.__annotations__) {
        if (v && TYPE(v) != vm->t_dict) {
            vm_raise(vm, EXC_TypeError,
                     "__annotations__ must be set to a dict object");
            return -1;
        }
        f->annotations = (dict_t *)v;
        return 0;
    }
    if (!f->dict) {
        f->dict = dict_new(vm);
    }
    if (!v) {
        return dict_del(vm, f->dict, (obj_t *)name) < 0 ? -1 : 0;
    }
    return dict_set(vm, f->dict, (obj_t *)name, v);
}

static obj_t *func_call_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    return func_call(vm, (func_t *)self, argc, argv, kw);
}

/* ---- Built-in functions and methods --------------------------------- */

static void native_mark(vm_t *vm, obj_t *o)
{
    native_t *n = (native_t *)o;
    gc_mark(vm, n->self);
    gc_mark(vm, n->data);
    gc_mark(vm, (obj_t *)n->owner);
}

static void native_destroy(vm_t *vm, obj_t *o)
{
    native_t *n = (native_t *)o;
    if (o->flags & NF_OWNS_QUALNAME) {
        gc_free(vm, (void *)n->qualname, strlen(n->qualname) + 1);
    }
}

native_t *native_new(vm_t *vm, const char *name, native_fn fn, obj_t *self)
{
    native_t *n = (native_t *)gc_alloc(vm, vm->t_native, sizeof(native_t));
    n->name = name;
    n->fn = fn;
    n->self = self;
    return n;
}

static obj_t *native_repr(vm_t *vm, obj_t *o)
{
    native_t *n = (native_t *)o;
    if (o->flags & NF_PYFUNC) {
        const char *q = n->qualname ? n->qualname : n->name;
        if (!n->self) {
            return (obj_t *)str_fmt(vm, "<function %s at %p>", q, (void *)o);
        }
        str_t *r = obj_repr(vm, n->self);
        return r ? (obj_t *)str_fmt(vm, "<bound method %s of %s>", q, r->s)
                 : NULL;
    }
    if (n->self && TYPE(n->self) != vm->t_module) {
        str_t *r = NULL;
        if (TYPE(n->self) == vm->t_type) {
            r = obj_repr(vm, n->self);
            return (obj_t *)str_fmt(vm, "<built-in method %s of type object "
                                    "at %p>", n->name, (void *)n->self);
        }
        (void)r;
        return (obj_t *)str_fmt(vm, "<built-in method %s of %s object at %p>",
                                n->name, type_name(n->self),
                                (void *)n->self);
    }
    if (o->flags & (NF_METHOD | NF_CLASSMETHOD)) {
        const char *q = n->qualname ? n->qualname : n->name;
        const char *dot = strrchr(q, '.');
        return (obj_t *)str_fmt(vm, "<method '%s' of '%.*s' objects>",
                                n->name, dot ? (int)(dot - q) : 0, q);
    }
    return (obj_t *)str_fmt(vm, "<built-in function %s>", n->name);
}

static obj_t *native_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    native_t *n = (native_t *)o;
    if (name == vm->s.__name__) {
        return (obj_t *)str_cstr(vm, n->name);
    }
    if (name == vm->s.__qualname__) {
        return (obj_t *)str_cstr(vm, n->qualname ? n->qualname : n->name);
    }
    if (name == vm->s.__self__) {
        return n->self ? n->self : vm->none;
    }
    if (name == vm->s.__module__) {
        return vm->none;
    }
    return NULL;
}

/* The receiver [r] of unbound method descriptor [n] (called through its
 * class: list.count(r, ...)) must be an instance of the type the method
 * was registered on, subclasses included, as every method reads self as
 * that type's layout. CPython's descr_check and wrapperdescr_call word
 * the error by descriptor kind. */
static bool native_receiver_ok(vm_t *vm, native_t *n, obj_t *r)
{
    type_t *t = n->owner;
    if (!t || TYPE(r) == t || t == vm->t_object || type_issub(TYPE(r), t)) {
        return true;
    }
    if (n->hdr.flags & NF_SLOT) {
        vm_raise(vm, EXC_TypeError,
                 "descriptor '%s' requires a '%s' object but received a "
                 "'%s'", n->name, TP_NAME(t), type_name(r));
    } else {
        vm_raise(vm, EXC_TypeError,
                 "descriptor '%s' for '%s' objects doesn't apply to a '%s' "
                 "object", n->name, TP_NAME(t), type_name(r));
    }
    return false;
}

/* An unbound classmethod descriptor called directly
 * (dict.__dict__['fromkeys'](cls, ...)): [c] must be a subclass of the
 * type, as in CPython's classmethoddescr_call (whose message counts the
 * descriptor itself as arg 1). */
static bool native_class_ok(vm_t *vm, native_t *n, obj_t *c)
{
    type_t *t = n->owner;
    if (!obj_isinstance_t(c, vm->t_type)) {
        vm_raise(vm, EXC_TypeError,
                 "descriptor '%s' for type '%s' needs a type, not a '%s' as "
                 "arg 2", n->name, t->name->s, type_name(c));
        return false;
    }
    if (!type_issub((type_t *)c, t)) {
        vm_raise(vm, EXC_TypeError,
                 "descriptor '%s' requires a subtype of '%s' but received "
                 "'%s'", n->name, t->name->s, ((type_t *)c)->name->s);
        return false;
    }
    return true;
}

obj_t *native_bind(vm_t *vm, native_t *n, obj_t *self)
{
    // CPython's method_get / classmethod_get check as the call does.
    if ((n->hdr.flags & NF_METHOD) ? !native_receiver_ok(vm, n, self)
                                   : !native_class_ok(vm, n, self)) {
        return NULL;
    }
    return native_bind_known(vm, n, self);
}

obj_t *native_bind_known(vm_t *vm, native_t *n, obj_t *self)
{
    native_t *b = native_new(vm, n->name, n->fn, self);
    b->qualname = n->qualname;
    b->data = n->data;
    b->owner = n->owner;
    b->hdr.flags = (uint8_t)(n->hdr.flags & ~NF_OWNS_QUALNAME);
    return (obj_t *)b;
}

bool native_method_for(vm_t *vm, obj_t *f, type_t *t)
{
    if (TYPE(f) != vm->t_native || !(f->flags & NF_METHOD)) {
        return false;
    }
    // On the hot path of every method call through an instance: the
    // common answers (t itself, object) need no walk of t's MRO.
    native_t *n = (native_t *)f;
    return !n->self && (n->owner == t || !n->owner ||
                        n->owner == vm->t_object || type_issub(t, n->owner));
}

static obj_t *native_call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    native_t *n = (native_t *)self;
    if (n->self || !(self->flags & (NF_METHOD | NF_CLASSMETHOD))) {
        return n->fn(vm, n->self, argc, argv, kw);
    }
    // An unbound descriptor: the first argument is the receiver. (Calls
    // through an instance mostly bind it or take OP_CALL_METHOD's fast
    // path; those that come here, from obj_call_special, pass the check
    // at its first compare.)
    if (argc < 1) {
        if (self->flags & NF_PYFUNC) {
            return vm_raise(vm, EXC_TypeError,
                            "%s() missing 1 required positional argument: "
                            "'self'", n->qualname ? n->qualname : n->name);
        }
        if ((self->flags & NF_METHOD) && !(self->flags & NF_SLOT)) {
            return vm_raise(vm, EXC_TypeError,
                            "unbound method %s() needs an argument",
                            n->qualname ? n->qualname : n->name);
        }
        return vm_raise(vm, EXC_TypeError,
                        "descriptor '%s' of '%s' object needs an argument",
                        n->name, n->owner ? n->owner->name->s : "object");
    }
    if (!((self->flags & NF_METHOD) ? native_receiver_ok(vm, n, argv[0])
                                    : native_class_ok(vm, n, argv[0]))) {
        return NULL;
    }
    return n->fn(vm, argv[0], argc - 1, argv + 1, kw);
}

/* ---- Bound methods ---------------------------------------------------- */

static void method_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, ((method_t *)o)->func);
    gc_mark(vm, ((method_t *)o)->self);
}

obj_t *method_new(vm_t *vm, obj_t *func, obj_t *self)
{
    method_t *m = (method_t *)gc_alloc(vm, vm->t_method, sizeof(method_t));
    m->func = func;
    m->self = self;
    return (obj_t *)m;
}

static obj_t *method_repr(vm_t *vm, obj_t *o)
{
    method_t *m = (method_t *)o;
    str_t *q = NULL;
    obj_t *qn = obj_getattr_opt(vm, m->func, vm->s.__qualname__);
    if (qn && TYPE(qn) == vm->t_str) {
        q = (str_t *)qn;
    }
    vm->exc = NULL;
    str_t *r = obj_repr(vm, m->self);
    if (!r) {
        return NULL;
    }
    return (obj_t *)str_fmt(vm, "<bound method %s of %s>", q ? q->s : "?",
                            r->s);
}

static obj_t *method_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    method_t *m = (method_t *)o;
    if (name == vm->s.__self__) {
        return m->self;
    }
    if (name == vm->s.func_) {
        return m->func;
    }
    return obj_getattr_opt(vm, m->func, name);
}

static obj_t *method_call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    method_t *m = (method_t *)self;
    int nkw = kw ? (int)kw->n : 0;
    obj_t *small[16];
    obj_t **args = argc + nkw + 1 <= 16
                       ? small
                       : malloc(sizeof(obj_t *) * (size_t)(argc + nkw + 1));
    args[0] = m->self;
    if (argc + nkw > 0) {
        if (argc + nkw > 0) {
            memcpy(args + 1, argv, sizeof(obj_t *) * (size_t)(argc + nkw));
        }
    }
    obj_t *r;
    if (TYPE(m->func) == vm->t_func) {
        r = func_call(vm, (func_t *)m->func, argc + 1, args, kw);
    } else {
        r = vm_call(vm, m->func, argc + 1, args, kw);
    }
    if (args != small) {
        free(args);
    }
    return r;
}

static obj_t *method_eq(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kw)
{
    (void)kw;
    if (argc != 1 || TYPE(argv[0]) != vm->t_method) {
        return vm->notimpl;
    }
    method_t *a = (method_t *)self, *b = (method_t *)argv[0];
    return bool_new(vm, a->func == b->func && a->self == b->self);
}

static obj_t *method_hash(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    method_t *a = (method_t *)self;
    return int_new(vm, (int64_t)(((uintptr_t)a->func ^ (uintptr_t)a->self) >>
                                 4));
}

/* Bound built-in methods are equal when they bind the same function to
 * the same object (meth_richcompare); each attribute access makes a new
 * one. Unbound ones compare by identity. */
static obj_t *native_eq(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kw)
{
    (void)kw;
    if (argc != 1 || TYPE(argv[0]) != vm->t_native) {
        return vm->notimpl;
    }
    native_t *a = (native_t *)self, *b = (native_t *)argv[0];
    if (!a->self || !b->self) {
        return bool_new(vm, a == b);
    }
    return bool_new(vm, a->fn == b->fn && a->self == b->self &&
                            a->data == b->data);
}

static obj_t *native_hash(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    native_t *a = (native_t *)self;
    uintptr_t h = a->self ? (uintptr_t)a->fn ^ (uintptr_t)a->self
                          : (uintptr_t)a;
    return int_new(vm, (int64_t)(h >> 4));
}

/* ---- Cells ------------------------------------------------------------- */

static void cell_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, ((cell_t *)o)->v);
}

obj_t *cell_new(vm_t *vm, obj_t *v)
{
    cell_t *c = (cell_t *)gc_alloc(vm, vm->t_cell, sizeof(cell_t));
    c->v = v;
    return (obj_t *)c;
}

/* ---- property, classmethod, staticmethod ----------------------------- */

static void wrap_mark(vm_t *vm, obj_t *o)
{
    wrap_t *w = (wrap_t *)o;
    gc_mark(vm, w->f);
    gc_mark(vm, w->g);
    gc_mark(vm, w->h);
}

static obj_t *wrap_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    type_t *t = (type_t *)self;
    if (t == vm->t_property) {
        static const char *const names[] = {"fget", "fset", "fdel", "doc"};
        obj_t *a[4] = {0};
        if (vm_parse_args(vm, "property", argc, argv, kw, 0, 4, names, 4,
                          a) < 0) {
            return NULL;
        }
        wrap_t *w = (wrap_t *)gc_alloc(vm, t, sizeof(wrap_t));
        w->f = a[0];
        w->g = a[1];
        w->h = a[2];
        return (obj_t *)w;
    }
    if (argc != 1 || (kw && kw->n)) {
        return vm_raise(vm, EXC_TypeError, "%s expected 1 argument, got %d",
                        t->name->s, argc);
    }
    wrap_t *w = (wrap_t *)gc_alloc(vm, t, t->size);
    w->f = argv[0];
    if (t->flags & TF_HASDICT) {
        OBJ_DICT(w) = NULL;
    }
    return (obj_t *)w;
}

static obj_t *property_with(vm_t *vm, obj_t *self, obj_t *v, int which)
{
    wrap_t *p = (wrap_t *)self;
    wrap_t *w = (wrap_t *)gc_alloc(vm, vm->t_property, sizeof(wrap_t));
    w->f = which == 0 ? v : p->f;
    w->g = which == 1 ? v : p->g;
    w->h = which == 2 ? v : p->h;
    return (obj_t *)w;
}

static obj_t *m_prop_getter(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)kw;
    return argc == 1 ? property_with(vm, self, argv[0], 0)
                     : vm_raise(vm, EXC_TypeError, "expected 1 argument");
}

static obj_t *m_prop_setter(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)kw;
    return argc == 1 ? property_with(vm, self, argv[0], 1)
                     : vm_raise(vm, EXC_TypeError, "expected 1 argument");
}

static obj_t *m_prop_deleter(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    (void)kw;
    return argc == 1 ? property_with(vm, self, argv[0], 2)
                     : vm_raise(vm, EXC_TypeError, "expected 1 argument");
}

static obj_t *wrap_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    wrap_t *w = (wrap_t *)o;
    if (name == vm->s.func_ || strcmp(name->s, "fget") == 0) {
        return w->f ? w->f : vm->none;
    }
    if (strcmp(name->s, "fset") == 0) {
        return w->g ? w->g : vm->none;
    }
    if (name == vm->s.__wrapped__) {
        return w->f;
    }
    if (TYPE(o) != vm->t_property && (name == vm->s.__name__ ||
                                      name == vm->s.__qualname__ ||
                                      name == vm->s.__doc__)) {
        return obj_getattr_opt(vm, w->f, name);
    }
    return NULL;
}

/* ---- getset_descriptor ------------------------------------------------ */

static void getset_mark(vm_t *vm, obj_t *o)
{
    getset_t *g = (getset_t *)o;
    gc_mark(vm, (obj_t *)g->name);
    gc_mark(vm, (obj_t *)g->owner);
}

/* "_asyncio.Future" for a type with a module, as tp_name reads. */
static const char *getset_owner_name(vm_t *vm, getset_t *g, char *buf,
                                     size_t size)
{
    type_t *t = g->owner;
    if (!t->module || str_eq(t->module, str_intern(vm, "builtins"))) {
        return t->name->s;
    }
    snprintf(buf, size, "%s.%s", t->module->s, t->name->s);
    return buf;
}

static obj_t *getset_repr(vm_t *vm, obj_t *o)
{
    getset_t *g = (getset_t *)o;
    char buf[200];
    return (obj_t *)str_fmt(vm, "<attribute '%s' of '%s' objects>",
                            g->name->s,
                            getset_owner_name(vm, g, buf, sizeof buf));
}

static int getset_check(vm_t *vm, getset_t *g, obj_t *o)
{
    if (obj_isinstance_t(o, g->owner)) {
        return 0;
    }
    char buf[200];
    vm_raise(vm, EXC_TypeError,
             "descriptor '%s' for '%s' objects doesn't apply to a '%s' "
             "object", g->name->s, getset_owner_name(vm, g, buf, sizeof buf),
             type_name(o));
    return -1;
}

obj_t *getset_get(vm_t *vm, obj_t *descr, obj_t *o)
{
    getset_t *g = (getset_t *)descr;
    return getset_check(vm, g, o) < 0 ? NULL : g->get(vm, o);
}

int getset_set(vm_t *vm, obj_t *descr, obj_t *o, obj_t *v)
{
    getset_t *g = (getset_t *)descr;
    if (getset_check(vm, g, o) < 0) {
        return -1;
    }
    if (!g->set) {
        char buf[200];
        vm_raise(vm, EXC_AttributeError,
                 "attribute '%s' of '%s' objects is not writable", g->name->s,
                 getset_owner_name(vm, g, buf, sizeof buf));
        return -1;
    }
    return g->set(vm, o, v);
}

static obj_t *m_getset_get(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)kw;
    if (argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError,
                        "expected 1 or 2 arguments, got %d", argc);
    }
    return argv[0] == vm->none ? self : getset_get(vm, self, argv[0]);
}

static obj_t *m_getset_set(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError, "expected 2 arguments, got %d",
                        argc);
    }
    return getset_set(vm, self, argv[0], argv[1]) < 0 ? NULL : vm->none;
}

void type_add_getset(vm_t *vm, type_t *t, const char *name,
                     getset_get_fn get, getset_set_fn set)
{
    getset_t *g = (getset_t *)gc_alloc(vm, vm->t_getset, sizeof(getset_t));
    g->name = str_intern(vm, name);
    g->owner = t;
    g->get = get;
    g->set = set;
    dict_set(vm, t->dict, (obj_t *)g->name, (obj_t *)g);
}

/* ---- super ------------------------------------------------------------- */

typedef struct super_obj {
    obj_t hdr;
    type_t *type;      /* the class whose parents are searched */
    obj_t *obj;        /* the instance (or class) bound to */
    type_t *obj_type;  /* whose MRO is searched */
} super_t;

static void super_mark(vm_t *vm, obj_t *o)
{
    super_t *s = (super_t *)o;
    gc_mark(vm, (obj_t *)s->type);
    gc_mark(vm, s->obj);
    gc_mark(vm, (obj_t *)s->obj_type);
}

static obj_t *super_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    (void)self, (void)kw;
    type_t *type;
    obj_t *obj;
    if (argc == 0) {
        // Zero-argument super(): the __class__ cell and the first argument
        // of the calling frame (super_init_without_args).
        frame_t *f = vm->frame;
        if (!f || f->code->argcount == 0) {
            return vm_raise(vm, EXC_RuntimeError, "super(): no arguments");
        }
        code_t *co = f->code;
        obj_t *first = f->localsplus[0];
        for (size_t i = 0; i < co->cellvars->n; i++) {
            if (co->cell2arg[i] == 0) {
                first = ((cell_t *)f->localsplus[co->nlocals + i])->v;
            }
        }
        if (!first) {
            return vm_raise(vm, EXC_RuntimeError,
                            "super(): arg[0] deleted");
        }
        cell_t *cell = NULL;
        for (size_t i = 0; i < co->freevars->n; i++) {
            if (strcmp(((str_t *)co->freevars->items[i])->s, "__class__") ==
                0) {
                cell = (cell_t *)f->localsplus[co->nlocals +
                                               co->cellvars->n + i];
            }
        }
        if (!cell || !cell->v) {
            return vm_raise(vm, EXC_RuntimeError,
                            "super(): __class__ cell not found");
        }
        type = (type_t *)cell->v;
        obj = first;
    } else if (argc == 2) {
        if (TYPE(argv[0]) != vm->t_type) {
            return vm_raise(vm, EXC_TypeError,
                            "super() argument 1 must be a type, not %s",
                            type_name(argv[0]));
        }
        type = (type_t *)argv[0];
        obj = argv[1];
    } else {
        return vm_raise(vm, EXC_TypeError,
                        "super() takes 0 or 2 arguments (looplab)");
    }
    type_t *ot;
    if (IS_CLASS(vm, obj) && type_issub((type_t *)obj, type)) {
        ot = (type_t *)obj;
    } else if (obj_isinstance_t(obj, type)) {
        ot = TYPE(obj);
    } else {
        return vm_raise(vm, EXC_TypeError,
                        "super(type, obj): obj must be an instance or subtype "
                        "of type");
    }
    super_t *s = (super_t *)gc_alloc(vm, vm->t_super, sizeof(super_t));
    s->type = type;
    s->obj = obj;
    s->obj_type = ot;
    return (obj_t *)s;
}

static obj_t *super_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    super_t *s = (super_t *)o;
    tuple_t *mro = s->obj_type->mro;
    size_t i = 0;
    while (i < mro->n && mro->items[i] != (obj_t *)s->type) {
        i++;
    }
    for (i++; i < mro->n; i++) {
        type_t *k = (type_t *)mro->items[i];
        obj_t *v = dict_get_str(vm, k->dict, name);
        if (!v) {
            continue;
        }
        if (s->obj == (obj_t *)s->obj_type) {
            // super() in a classmethod: functions stay unbound.
            if (TYPE(v) == vm->t_classmethod) {
                return method_new(vm, ((wrap_t *)v)->f, s->obj);
            }
            if (TYPE(v) == vm->t_staticmethod) {
                return ((wrap_t *)v)->f;
            }
            if (TYPE(v) == vm->t_native && (v->flags & NF_CLASSMETHOD) &&
                !((native_t *)v)->self) {
                return native_bind(vm, (native_t *)v, s->obj);
            }
            // __init_subclass__ is an implicit classmethod.
            if (str_eq(name, vm->s.__init_subclass__) &&
                TYPE(v) == vm->t_func) {
                return method_new(vm, v, s->obj);
            }
            return v;
        }
        return obj_bind(vm, v, s->obj);
    }
    return NULL;
}

static obj_t *super_repr(vm_t *vm, obj_t *o)
{
    super_t *s = (super_t *)o;
    return (obj_t *)str_fmt(vm, "<super: <class '%s'>, <%s object>>",
                            s->type->name->s, s->obj_type->name->s);
}

/* ---- functools.partial ----------------------------------------------- */

typedef struct partial_obj {
    obj_t hdr;
    dict_t *dict;
    obj_t *func;
    tuple_t *args;
    dict_t *kw;
} partial_t;

static void partial_mark(vm_t *vm, obj_t *o)
{
    partial_t *p = (partial_t *)o;
    gc_mark(vm, (obj_t *)p->dict);
    gc_mark(vm, p->func);
    gc_mark(vm, (obj_t *)p->args);
    gc_mark(vm, (obj_t *)p->kw);
}

static obj_t *partial_call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw);

static obj_t *partial_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw)
{
    if (argc < 1) {
        return vm_raise(vm, EXC_TypeError,
                        "type 'partial' takes at least one argument");
    }
    if (!vm_callable(argv[0])) {
        return vm_raise(vm, EXC_TypeError,
                        "the first argument must be callable");
    }
    // A partial of a partial (one called as partial calls, with no
    // attributes of its own) is flattened, as partial_new does: its
    // function, its arguments then these, its keywords updated by these.
    partial_t *inner = NULL;
    if (TYPE(argv[0])->call == partial_call &&
        !((partial_t *)argv[0])->dict) {
        inner = (partial_t *)argv[0];
    }
    size_t n0 = inner ? inner->args->n : 0;
    type_t *t = (type_t *)self;
    partial_t *p = (partial_t *)gc_alloc(vm, t, t->size);
    p->func = inner ? inner->func : argv[0];
    p->args = tuple_new(vm, n0 + (size_t)argc - 1);
    for (size_t i = 0; i < n0; i++) {
        p->args->items[i] = inner->args->items[i];
    }
    for (int i = 1; i < argc; i++) {
        p->args->items[n0 + (size_t)i - 1] = argv[i];
    }
    p->kw = dict_new(vm);
    if (inner) {
        size_t pos = 0;
        obj_t *k, *v;
        while (dict_next(inner->kw, &pos, &k, &v)) {
            dict_set(vm, p->kw, k, v);
        }
    }
    if (kw) {
        for (size_t i = 0; i < kw->n; i++) {
            dict_set(vm, p->kw, kw->items[i], argv[argc + (int)i]);
        }
    }
    return (obj_t *)p;
}

static obj_t *partial_call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    partial_t *p = (partial_t *)self;
    int nkw0 = (int)p->kw->used;
    int nkw1 = kw ? (int)kw->n : 0;
    int npos = (int)p->args->n + argc;
    obj_t **args = malloc(sizeof(obj_t *) * (size_t)(npos + nkw0 + nkw1 + 1));
    memcpy(args, p->args->items, sizeof(obj_t *) * p->args->n);
    if (argc > 0) {
        memcpy(args + p->args->n, argv, sizeof(obj_t *) * (size_t)argc);
    }
    // Keywords: the partial's, overridden by the call's.
    dict_t *merged = dict_new(vm);
    size_t pos = 0;
    obj_t *k, *v;
    while (dict_next(p->kw, &pos, &k, &v)) {
        dict_set(vm, merged, k, v);
    }
    for (int i = 0; i < nkw1; i++) {
        dict_set(vm, merged, kw->items[i], argv[argc + i]);
    }
    tuple_t *names = NULL;
    if (merged->used) {
        names = tuple_new(vm, merged->used);
        pos = 0;
        int i = 0;
        while (dict_next(merged, &pos, &k, &v)) {
            names->items[i] = k;
            args[npos + i] = v;
            i++;
        }
    }
    obj_t *r = vm_call(vm, p->func, npos, args, names);
    free(args);
    return r;
}

static obj_t *partial_repr(vm_t *vm, obj_t *o)
{
    partial_t *p = (partial_t *)o;
    str_t *f = obj_repr(vm, p->func);
    if (!f) {
        return NULL;
    }
    list_t *parts = list_new(vm, 0);
    list_append(vm, parts, (obj_t *)f);
    for (size_t i = 0; i < p->args->n; i++) {
        str_t *r = obj_repr(vm, p->args->items[i]);
        if (!r) {
            return NULL;
        }
        list_append(vm, parts, (obj_t *)r);
    }
    size_t pos = 0;
    obj_t *k, *v;
    while (dict_next(p->kw, &pos, &k, &v)) {
        str_t *r = obj_repr(vm, v);
        if (!r) {
            return NULL;
        }
        list_append(vm, parts, (obj_t *)str_fmt(vm, "%s=%s",
                                                ((str_t *)k)->s, r->s));
    }
    obj_t *j = str_join(vm, str_intern(vm, ", "), (obj_t *)parts);
    if (!j) {
        return NULL;
    }
    return (obj_t *)str_fmt(vm, "functools.partial(%s)", ((str_t *)j)->s);
}

static obj_t *partial_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    partial_t *p = (partial_t *)o;
    if (strcmp(name->s, "func") == 0) {
        return p->func;
    }
    if (name == vm->s.args) {
        return (obj_t *)p->args;
    }
    if (strcmp(name->s, "keywords") == 0) {
        return (obj_t *)p->kw;
    }
    return NULL;
}

obj_t *partial_parts(vm_t *vm, obj_t *o, tuple_t **args)
{
    (void)vm;
    partial_t *p = (partial_t *)o;
    *args = p->args;
    return p->func;
}

void obj_func_init(vm_t *vm)
{
    vm->t_func = type_new_builtin(vm, "function", NULL, LAYOUT_OTHER,
                                  sizeof(func_t));
    vm->t_func->mark = func_mark;
    vm->t_func->repr = func_repr;
    vm->t_func->str = func_repr;
    vm->t_func->getattr = func_getattr;
    vm->t_func->setattr = func_setattr;
    vm->t_func->call = func_call_slot;
    vm->t_func->new_ = NULL;
    vm->t_func->flags &= ~(uint32_t)TF_BASETYPE;
    vm->t_native = type_new_builtin(vm, "builtin_function_or_method", NULL,
                                    LAYOUT_OTHER, sizeof(native_t));
    vm->t_native->mark = native_mark;
    vm->t_native->destroy = native_destroy;
    vm->t_native->repr = native_repr;
    vm->t_native->str = native_repr;
    vm->t_native->getattr = native_getattr;
    vm->t_native->call = native_call;
    vm->t_native->new_ = NULL;
    type_add_method(vm, vm->t_native, "__eq__", native_eq);
    type_add_method(vm, vm->t_native, "__hash__", native_hash);
    vm->t_method = type_new_builtin(vm, "method", NULL, LAYOUT_OTHER,
                                    sizeof(method_t));
    vm->t_method->mark = method_mark;
    vm->t_method->repr = method_repr;
    vm->t_method->str = method_repr;
    vm->t_method->getattr = method_getattr;
    vm->t_method->call = method_call;
    vm->t_method->new_ = NULL;
    type_add_method(vm, vm->t_method, "__eq__", method_eq);
    type_add_method(vm, vm->t_method, "__hash__", method_hash);
    vm->t_cell = type_new_builtin(vm, "cell", NULL, LAYOUT_OTHER,
                                  sizeof(cell_t));
    vm->t_cell->mark = cell_mark;
    vm->t_property = type_new_builtin(vm, "property", NULL, LAYOUT_OTHER,
                                      sizeof(wrap_t));
    vm->t_classmethod = type_new_builtin(vm, "classmethod", NULL,
                                         LAYOUT_OTHER, sizeof(wrap_t));
    vm->t_staticmethod = type_new_builtin(vm, "staticmethod", NULL,
                                          LAYOUT_OTHER, sizeof(wrap_t));
    type_t *wraps[] = {vm->t_property, vm->t_classmethod, vm->t_staticmethod};
    for (int i = 0; i < 3; i++) {
        wraps[i]->mark = wrap_mark;
        wraps[i]->new_ = wrap_new_slot;
        wraps[i]->getattr = wrap_getattr;
    }
    vm->t_getset = type_new_builtin(vm, "getset_descriptor", NULL,
                                    LAYOUT_OTHER, sizeof(getset_t));
    vm->t_getset->mark = getset_mark;
    vm->t_getset->repr = getset_repr;
    vm->t_getset->new_ = NULL;
    type_add_method(vm, vm->t_getset, "__get__", m_getset_get);
    type_add_method(vm, vm->t_getset, "__set__", m_getset_set);
    type_add_method(vm, vm->t_property, "getter", m_prop_getter);
    type_add_method(vm, vm->t_property, "setter", m_prop_setter);
    type_add_method(vm, vm->t_property, "deleter", m_prop_deleter);
    vm->t_super = type_new_builtin(vm, "super", NULL, LAYOUT_OTHER,
                                   sizeof(super_t));
    vm->t_super->mark = super_mark;
    vm->t_super->new_ = super_new_slot;
    vm->t_super->getattr = super_getattr;
    vm->t_super->repr = super_repr;
    vm->t_partial = type_new_builtin(vm, "partial", NULL, LAYOUT_INST,
                                     sizeof(partial_t));
    vm->t_partial->mark = partial_mark;
    vm->t_partial->new_ = partial_new_slot;
    vm->t_partial->call = partial_call;
    vm->t_partial->repr = partial_repr;
    vm->t_partial->getattr = partial_getattr;
    vm->t_partial->flags |= TF_HASDICT | TF_LAZYDICT;
    vm->t_partial->module = str_intern(vm, "functools");
}
