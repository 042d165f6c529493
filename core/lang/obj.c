/*
 * obj.c - object, None and the generic object protocol; the bootstrap of
 * the object model.
 *
 * Mirrors CPython's Objects/object.c and Objects/abstract.c (attribute
 * access, rich comparison with reflected operands, binary operators with
 * __rop__ fallback, truthiness, len, iteration, item access), with
 * CPython 3.11's error messages. Type objects, class creation and slot
 * inheritance are in type.c.
 *
 * Operators are looked up by name along the MRO; built-in types register
 * them as native methods. A slot of a class defined in Python may
 * dispatch to a dunder method (type.c), so code here that calls a slot
 * may run user code.
 */
#include "obj_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "fmt.h"

/* ==== Object and instances ============================================ */

static obj_t *object_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kwnames)
{
    (void)argv;
    type_t *cls = (type_t *)self;
    if (argc > 0 || (kwnames && kwnames->n > 0)) {
        // object() accepts arguments only when __init__ is overridden.
        obj_t *init = type_lookup(vm, cls, vm->s.__init__);
        obj_t *base_init = dict_get_str(vm, vm->t_object->dict,
                                        vm->s.__init__);
        if (init == base_init || cls == vm->t_object) {
            return vm_raise(vm, EXC_TypeError, "%s() takes no arguments",
                            cls->name->s);
        }
    }
    obj_t *o = gc_alloc(vm, cls, cls->size);
    if (cls->flags & TF_HASDICT) {
        OBJ_DICT(o) = dict_new(vm);
    }
    return o;
}

obj_t *obj__object_init(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kwnames)
{
    (void)argv;
    if (argc > 0 || (kwnames && kwnames->n > 0)) {
        type_t *cls = TYPE(self);
        obj_t *newf = type_lookup(vm, cls, vm->s.__new__);
        obj_t *base_new = dict_get_str(vm, vm->t_object->dict, vm->s.__new__);
        if (newf == base_new) {
            return vm_raise(vm, EXC_TypeError,
                            "%s.__init__() takes exactly one argument (the "
                            "instance to initialize)", cls->name->s);
        }
    }
    return vm->none;
}

str_t *obj_default_repr(vm_t *vm, obj_t *o)
{
    type_t *t = TYPE(o);
    if (t->module && strcmp(t->module->s, "builtins") != 0) {
        return str_fmt(vm, "<%s.%s object at %p>", t->module->s,
                       t->qualname->s, (void *)o);
    }
    return str_fmt(vm, "<%s object at %p>", t->qualname->s, (void *)o);
}

static obj_t *object_repr(vm_t *vm, obj_t *o)
{
    return (obj_t *)obj_default_repr(vm, o);
}

static obj_t *object_str(vm_t *vm, obj_t *o)
{
    return (obj_t *)obj_repr(vm, o);
}

static obj_t *m_object_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return (obj_t *)obj_default_repr(vm, self);
}

static obj_t *m_object_str(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return (obj_t *)obj_repr(vm, self);
}

static obj_t *m_object_eq(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "expected 1 argument");
    }
    return self == argv[0] ? vm->true_ : vm->notimpl;
}

static obj_t *m_object_ne(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "expected 1 argument");
    }
    // object.__ne__ inverts __eq__ unless that is NotImplemented.
    obj_t *r = obj_compare(vm, self, argv[0], CMP_EQ);
    if (!r) {
        return NULL;
    }
    int t = obj_truthy(vm, r);
    return t < 0 ? NULL : bool_new(vm, !t);
}

/* object.__hash__: the address rotated right by 4 bits (as CPython's
 * _Py_HashPointer), kept non-negative. */
static inline int64_t identity_hash(obj_t *o)
{
    uintptr_t p = (uintptr_t)o;
    return (int64_t)(((p >> 4) | (p << 60)) & INT64_MAX);
}

static obj_t *m_object_hash(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return int_new(vm, identity_hash(self));
}

static obj_t *m_object_setattr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw)
{
    (void)kw;
    if (argc != 2 || TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "expected 2 arguments");
    }
    if (obj_generic_setattr(vm, self, (str_t *)argv[0], argv[1]) < 0) {
        return NULL;
    }
    return vm->none;
}

static obj_t *m_object_getattribute(vm_t *vm, obj_t *self, int argc,
                                    obj_t **argv, tuple_t *kw)
{
    (void)kw;
    if (argc != 1 || TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "expected 1 argument");
    }
    return obj_getattr(vm, self, (str_t *)argv[0]);
}

static obj_t *m_object_format(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                              tuple_t *kw)
{
    (void)kw;
    if (argc != 1 || TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "expected 1 argument");
    }
    if (((str_t *)argv[0])->len > 0) {
        return vm_raise(vm, EXC_TypeError,
                        "unsupported format string passed to %s.__format__",
                        type_name(self));
    }
    return (obj_t *)obj_str(vm, self);
}

/* object.__init_subclass__(): a TM_CLASS native (self is the class) that
 * accepts nothing, so keywords no class in the MRO consumed are errors. */
static obj_t *m_object_init_subclass(vm_t *vm, obj_t *self, int argc,
                                     obj_t **argv, tuple_t *kw)
{
    (void)argv;
    // CPython names the function by the class it is bound to.
    type_t *cls = (type_t *)self;
    const char *q = cls->qualname ? cls->qualname->s : cls->name->s;
    if (kw && kw->n) {
        return vm_raise(vm, EXC_TypeError, "%s.__init_subclass__() takes no "
                        "keyword arguments", q);
    }
    if (argc) {
        return vm_raise(vm, EXC_TypeError, "%s.__init_subclass__() takes no "
                        "arguments (%d given)", q, argc);
    }
    return vm->none;
}

/* object.__new__(cls, ...), called explicitly (from a user __new__): a
 * TM_STATIC native, so self is object and the class is argv[0]. Further
 * arguments are ignored. */
static obj_t *m_object_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)self, (void)kw;
    if (argc < 1) {
        return vm_raise(vm, EXC_TypeError,
                        "object.__new__(): not enough arguments");
    }
    if (!obj_isinstance_t(argv[0], vm->t_type)) {
        return vm_raise(vm, EXC_TypeError,
                        "object.__new__(X): X is not a type object (%s)",
                        type_name(argv[0]));
    }
    type_t *cls = (type_t *)argv[0];
    if (!cls->solid->new_) {
        // A type with no constructor (list_iterator): nothing can make one.
        return vm_raise(vm, EXC_TypeError,
                        "object.__new__(%s) is not safe, use %s.__new__()",
                        cls->name->s, cls->solid->name->s);
    }
    return cls->solid->new_(vm, argv[0], 0, argv + 1, NULL);
}

/* ==== None, NotImplemented, Ellipsis ================================== */

static obj_t *none_repr(vm_t *vm, obj_t *o)
{
    (void)o;
    return (obj_t *)(vm->s.None ? vm->s.None : str_intern(vm, "None"));
}

/* None.__repr__(), called explicitly. */
static obj_t *m_none_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return none_repr(vm, self);
}

static obj_t *notimpl_repr(vm_t *vm, obj_t *o)
{
    (void)o;
    return (obj_t *)str_intern(vm, "NotImplemented");
}

static obj_t *ellipsis_repr(vm_t *vm, obj_t *o)
{
    (void)o;
    return (obj_t *)str_intern(vm, "Ellipsis");
}

static obj_t *m_none_bool(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return vm->false_;
}

/* ==== Generic attribute access ======================================= */

obj_t *obj_bind(vm_t *vm, obj_t *f, obj_t *self)
{
    type_t *ft = TYPE(f);
    if (ft == vm->t_func) {
        return method_new(vm, f, self);
    }
    if (ft == vm->t_native) {
        native_t *n = (native_t *)f;
        if ((f->flags & NF_METHOD) && !n->self) {
            return native_bind(vm, n, self);
        }
        if ((f->flags & NF_CLASSMETHOD) && !n->self) {
            return native_bind(vm, n, (obj_t *)TYPE(self));
        }
        return f;
    }
    if (ft == vm->t_classmethod) {
        return method_new(vm, ((wrap_t *)f)->f, (obj_t *)TYPE(self));
    }
    if (ft == vm->t_staticmethod) {
        return ((wrap_t *)f)->f;
    }
    if (ft == vm->t_property) {
        obj_t *g = ((wrap_t *)f)->f;
        if (!g || g == vm->none) {
            return vm_raise(vm, EXC_AttributeError, "property has no getter");
        }
        return vm_call1(vm, g, self);
    }
    // A user descriptor with __get__.
    if (!(ft->flags & TF_BUILTIN)) {
        obj_t *get = type_lookup(vm, ft, vm->s.__get__);
        if (get) {
            obj_t *args[3] = {f, self, (obj_t *)TYPE(self)};
            return vm_call(vm, get, 3, args, NULL);
        }
    }
    return f;
}

obj_t *obj_getattr_opt(vm_t *vm, obj_t *o, str_t *name)
{
    type_t *t = TYPE(o);
    if (t->getattr) {
        obj_t *r = t->getattr(vm, o, name);
        if (r || vm->exc) {
            return r;
        }
    }
    obj_t *descr = type_lookup(vm, t, name);
    if (descr && TYPE(descr) == vm->t_getset) {
        return getset_get(vm, descr, o);
    }
    if (descr && TYPE(descr) == vm->t_property) {
        return obj_bind(vm, descr, o);
    }
    if (descr && !(TYPE(descr)->flags & TF_BUILTIN)) {
        // A user data descriptor (has __set__) wins over the dict.
        if (type_lookup(vm, TYPE(descr), vm->s.__set__)) {
            return obj_bind(vm, descr, o);
        }
    }
    if ((t->flags & (TF_HASDICT | TF_DICTHIDDEN)) == TF_HASDICT &&
        name == vm->s.__dict__ && !descr) {
        // The class's __dict__ getset descriptor, which comes before
        // the instance dict (a key "__dict__" there does not hide it). A
        // lazily made dict is made when asked for, as
        // PyObject_GenericGetDict does.
        if (!OBJ_DICT(o) && (t->flags & TF_LAZYDICT)) {
            OBJ_DICT(o) = dict_new(vm);
        }
        if (OBJ_DICT(o)) {
            return (obj_t *)OBJ_DICT(o);
        }
    }
    if (t->flags & TF_HASDICT) {
        dict_t *d = OBJ_DICT(o);
        if (d) {
            obj_t *v = dict_get_str(vm, d, name);
            if (v) {
                return v;
            }
        }
    }
    if (descr) {
        return obj_bind(vm, descr, o);
    }
    if (name == vm->s.__class__) {
        return (obj_t *)t;
    }
    if (name == vm->s.__dict__ &&
        (t->flags & (TF_HASDICT | TF_DICTHIDDEN)) == TF_HASDICT &&
        OBJ_DICT(o)) {
        return (obj_t *)OBJ_DICT(o);
    }
    if (name == vm->s.__doc__) {
        return vm->none;
    }
    // __getattr__ is the last resort (slot_tp_getattr_hook).
    if (!(t->flags & TF_BUILTIN)) {
        obj_t *ga = type_lookup(vm, t, vm->s.__getattr__);
        if (ga) {
            obj_t *args[2] = {o, (obj_t *)name};
            obj_t *r = vm_call(vm, ga, 2, args, NULL);
            if (!r && vm_exc_matches(vm, EXC_AttributeError)) {
                vm->exc = NULL;
            }
            return r;
        }
    }
    return NULL;
}

int obj_lookup_attr(vm_t *vm, obj_t *o, str_t *name, obj_t **out)
{
    *out = obj_getattr_opt(vm, o, name);
    if (*out) {
        return 1;
    }
    if (!vm->exc || vm_exc_matches(vm, EXC_AttributeError)) {
        vm->exc = NULL;
        return 0;
    }
    return -1;
}

/* An AttributeError leaving a getattr carries the name and the object
 * it was about, unless it has them already (set_attribute_error_context
 * in CPython 3.11): its traceback's "Did you mean" starts from them. */
static obj_t *attribute_error_context(vm_t *vm, obj_t *o, str_t *name)
{
    if (vm->exc && obj_isinstance_t(vm->exc, EXC_TYPE(vm, AttributeError))) {
        exc_set_name(vm, vm->exc, name, o);
    }
    return NULL;
}

obj_t *obj_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    obj_t *r = obj_getattr_opt(vm, o, name);
    if (r) {
        return r;
    }
    if (vm->exc) {
        return attribute_error_context(vm, o, name);
    }
    type_t *t = TYPE(o);
    if (t == vm->t_type) {
        vm_raise(vm, EXC_AttributeError,
                 "type object '%s' has no attribute '%s'",
                 ((type_t *)o)->name->s, name->s);
    } else if (t == vm->t_module) {
        vm_raise(vm, EXC_AttributeError, "module '%s' has no attribute '%s'",
                 ((module_t *)o)->name->s, name->s);
    } else {
        vm_raise(vm, EXC_AttributeError, "'%s' object has no attribute '%s'",
                 TP_NAME(t), name->s);
    }
    return attribute_error_context(vm, o, name);
}

/* o.__class__ = v (object_set_class): between classes defined in Python
 * whose instances have the same layout (solid base, size, dict, and the
 * same __slots__). */
static int set_class(vm_t *vm, obj_t *o, obj_t *v)
{
    type_t *t = TYPE(o);
    if (!v) {
        vm_raise(vm, EXC_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (TYPE(v) != vm->t_type && TYPE(v)->solid != vm->t_type) {
        vm_raise(vm, EXC_TypeError,
                 "__class__ must be set to a class, not '%s' object",
                 type_name(v));
        return -1;
    }
    type_t *nt = (type_t *)v;
    if ((t->flags & TF_BUILTIN) || (nt->flags & TF_BUILTIN)) {
        vm_raise(vm, EXC_TypeError, "__class__ assignment only supported "
                 "for mutable types or ModuleType subclasses");
        return -1;
    }
    // looplab keeps a dict even with __slots__, so differing __slots__
    // declarations stand for CPython's differing layouts.
    str_t *slots = str_intern(vm, "__slots__");
    if (nt->solid != t->solid || nt->size != t->size ||
        nt->layout != t->layout ||
        (nt->flags & TF_HASDICT) != (t->flags & TF_HASDICT) ||
        type_lookup(vm, nt, slots) != type_lookup(vm, t, slots)) {
        vm_raise(vm, EXC_TypeError,
                 "__class__ assignment: '%s' object layout differs from "
                 "'%s'", nt->name->s, t->name->s);
        return -1;
    }
    o->type = nt;
    return 0;
}

int obj_generic_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    type_t *t = TYPE(o);
    obj_t *descr = type_lookup(vm, t, name);
    if (name == vm->s.__class__ && !descr) {
        return set_class(vm, o, v);
    }
    if ((t->flags & (TF_HASDICT | TF_BUILTIN | TF_DICTHIDDEN)) ==
            TF_HASDICT &&
        name == vm->s.__dict__ && !descr) {
        // subtype_setdict: any dict (or subclass) replaces the instance
        // dict; del leaves a fresh empty one.
        if (v && !obj_isinstance_t(v, vm->t_dict)) {
            vm_raise(vm, EXC_TypeError,
                     "__dict__ must be set to a dictionary, not a '%s'",
                     type_name(v));
            return -1;
        }
        OBJ_DICT(o) = v ? (dict_t *)v : dict_new(vm);
        return 0;
    }
    if (descr && TYPE(descr) == vm->t_getset) {
        return getset_set(vm, descr, o, v);
    }
    if (descr && TYPE(descr) == vm->t_property) {
        wrap_t *p = (wrap_t *)descr;
        obj_t *f = v ? p->g : p->h;
        if (!f || f == vm->none) {
            vm_raise(vm, EXC_AttributeError,
                     v ? "property '%s' of '%s' object has no setter"
                       : "property '%s' of '%s' object has no deleter",
                     name->s, t->name->s);
            return -1;
        }
        obj_t *r = v ? vm_call2(vm, f, o, v) : vm_call1(vm, f, o);
        return r ? 0 : -1;
    }
    if (descr && !(TYPE(descr)->flags & TF_BUILTIN)) {
        // A data descriptor: __set__, or __delete__ for del (one with only
        // __set__ refuses deletion, as slot_tp_descr_set does).
        obj_t *set = type_lookup(vm, TYPE(descr), vm->s.__set__);
        if (v && set) {
            obj_t *args[3] = {descr, o, v};
            return vm_call(vm, set, 3, args, NULL) ? 0 : -1;
        }
        if (!v) {
            obj_t *del = type_lookup(vm, TYPE(descr), str_intern(vm, "__delete__"));
            if (del) {
                obj_t *args[2] = {descr, o};
                return vm_call(vm, del, 2, args, NULL) ? 0 : -1;
            }
            if (set) {
                vm_raise(vm, EXC_AttributeError, "__delete__");
                return -1;
            }
        }
    }
    if (v && (t->flags & TF_LAZYDICT) && !OBJ_DICT(o)) {
        OBJ_DICT(o) = dict_new(vm);
    }
    if (!(t->flags & TF_HASDICT) || !OBJ_DICT(o)) {
        if (descr) {
            vm_raise(vm, EXC_AttributeError,
                     "'%s' object attribute '%s' is read-only", TP_NAME(t),
                     name->s);
        } else {
            vm_raise(vm, EXC_AttributeError,
                     "'%s' object has no attribute '%s'", TP_NAME(t),
                     name->s);
        }
        return -1;
    }
    if (!v) {
        int r = dict_del(vm, OBJ_DICT(o), (obj_t *)name);
        if (r == 0) {
            vm_raise(vm, EXC_AttributeError, "%s", name->s);
            return -1;
        }
        return r < 0 ? -1 : 0;
    }
    return dict_set(vm, OBJ_DICT(o), (obj_t *)name, v);
}

int obj_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    type_t *t = TYPE(o);
    if (t->setattr) {
        return t->setattr(vm, o, name, v);
    }
    if (!(t->flags & TF_BUILTIN)) {
        obj_t *sa = type_lookup(vm, t, v ? vm->s.__setattr__ : vm->s.__delattr__);
        if (sa && TYPE(sa) != vm->t_native) {
            obj_t *args[3] = {o, (obj_t *)name, v};
            return vm_call(vm, sa, v ? 3 : 2, args, NULL) ? 0 : -1;
        }
    }
    return obj_generic_setattr(vm, o, name, v);
}

/* ==== Protocols ======================================================== */

obj_t *obj_call_special(vm_t *vm, obj_t *self, str_t *name, int argc,
                        obj_t **argv, bool *found)
{
    obj_t *f = type_lookup(vm, TYPE(self), name);
    if (!f || f == vm->none) {
        *found = false;
        return NULL;
    }
    *found = true;
    obj_t *args[8];
    if (argc > 7) {
        argc = 7;
    }
    args[0] = self;
    for (int i = 0; i < argc; i++) {
        args[i + 1] = argv[i];
    }
    type_t *ft = TYPE(f);
    if (ft == vm->t_func || native_method_for(vm, f, TYPE(self))) {
        return vm_call(vm, f, argc + 1, args, NULL);
    }
    obj_t *b = obj_bind(vm, f, self);
    return b ? vm_call(vm, b, argc, argv, NULL) : NULL;
}

str_t *obj_repr(vm_t *vm, obj_t *o)
{
    if (++vm->c_depth > 3000 || cstack_low(vm->stack_floor)) {
        vm->c_depth--;
        vm_raise(vm, EXC_RecursionError,
                 "maximum recursion depth exceeded while getting the repr "
                 "of an object");
        return NULL;
    }
    obj_t *r = TYPE(o)->repr ? TYPE(o)->repr(vm, o)
                             : (obj_t *)obj_default_repr(vm, o);
    vm->c_depth--;
    return (str_t *)r;
}

str_t *obj_str(vm_t *vm, obj_t *o)
{
    if (TYPE(o) == vm->t_str) {
        return (str_t *)o;
    }
    if (++vm->c_depth > 3000 || cstack_low(vm->stack_floor)) {
        vm->c_depth--;
        vm_raise(vm, EXC_RecursionError,
                 "maximum recursion depth exceeded while calling a Python "
                 "object");
        return NULL;
    }
    obj_t *r = TYPE(o)->str ? TYPE(o)->str(vm, o) : (obj_t *)obj_repr(vm, o);
    vm->c_depth--;
    return (str_t *)r;
}

/* CPython's hash of a double (Python/pyhash.c _Py_HashDouble): integral
 * values hash like ints, others by reduction modulo 2**61 - 1. */
int64_t obj_hash_double(double v)
{
    if (isinf(v)) {
        return v > 0 ? 314159 : -314159;
    }
    if (isnan(v)) {
        return 0;
    }
    const uint64_t mod = ((uint64_t)1 << 61) - 1;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & mod) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= mod) {
            x -= mod;
        }
    }
    e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
    x = ((x << e) & mod) | x >> (61 - e);
    int64_t r = (int64_t)x * sign;
    return r == -1 ? -2 : r;
}

/* obj_hash's other cases: strs whose hash is not computed yet, floats,
 * tuples, classes whose way of hashing is not known at this epoch, and
 * __hash__ written in Python (ints never come here). */
static __attribute__((noinline)) int hash_slow(vm_t *vm, obj_t *o,
                                               int64_t *out)
{
    type_t *t = TYPE(o);
    if (t == vm->t_str) {
        *out = str_hash((str_t *)o);
        return 0;
    }
    if (t == vm->t_float) {
        *out = obj_hash_double(OBJ_FLOAT(o));
        return 0;
    }
    if (t == vm->t_tuple) {
        // A tuple hashes its items, recursing in C once per level of
        // nesting (CPython has no limit here, only its stack).
        if (cstack_low(vm->stack_floor)) {
            vm_raise(vm, EXC_RecursionError,
                     "maximum recursion depth exceeded while calling a "
                     "Python object");
            return -1;
        }
        return tuple_hash(vm, (tuple_t *)o, out);
    }
    // Whether this class hashes by identity (object's __hash__) is kept
    // while no class namespace changed and no collection ran (the epoch
    // LOAD_ATTR's cache uses).
    if (t->hash_epoch != vm->acache_epoch) {
        obj_t *h = type_lookup(vm, t, vm->s.__hash__);
        t->hash_epoch = vm->acache_epoch;
        t->hash_identity = !h || (TYPE(h) == vm->t_native &&
                                  ((native_t *)h)->fn == m_object_hash);
    }
    if (t->hash_identity) {
        *out = identity_hash(o);
        return 0;
    }
    if (type_lookup(vm, t, vm->s.__hash__) == vm->none) {
        vm_raise(vm, EXC_TypeError, "unhashable type: '%s'", TP_NAME(t));
        return -1;
    }
    bool found;
    obj_t *r = obj_call_special(vm, o, vm->s.__hash__, 0, NULL, &found);
    if (!r) {
        return -1;
    }
    if (TYPE(r) != vm->t_int && TYPE(r) != vm->t_bool) {
        vm_raise(vm, EXC_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    *out = OBJ_INT(r) == -1 ? -2 : OBJ_INT(r);
    return 0;
}

/* The commonest keys on a short way that calls nothing, so saves no
 * registers: a str whose hash is cached, an int, an object of a class
 * known to hash by identity (a task, a loop, a future: _current_tasks'
 * and the task sets' keys). Everything else is hash_slow's. */
int obj_hash(vm_t *vm, obj_t *o, int64_t *out)
{
    type_t *t = TYPE(o);
    if (t == vm->t_str && ((str_t *)o)->hash != -1) {
        *out = ((str_t *)o)->hash;
        return 0;
    }
    if (t == vm->t_int || t == vm->t_bool) {
        int64_t v = OBJ_INT(o);
        // ints hash modulo 2**61 - 1, as CPython does.
        const int64_t mod = ((int64_t)1 << 61) - 1;
        int64_t h = v % mod;
        *out = h == -1 ? -2 : h;
        return 0;
    }
    if (t->hash_epoch == vm->acache_epoch && t->hash_identity) {
        *out = identity_hash(o);
        return 0;
    }
    return hash_slow(vm, o, out);
}

int obj_eq(vm_t *vm, obj_t *a, obj_t *b)
{
    if (a == b) {
        return 1;
    }
    type_t *ta = TYPE(a), *tb = TYPE(b);
    if (ta == vm->t_str && tb == vm->t_str) {
        return str_eq((str_t *)a, (str_t *)b);
    }
    if (ta == vm->t_int && tb == vm->t_int) {
        return OBJ_INT(a) == OBJ_INT(b);
    }
    obj_t *r = obj_compare(vm, a, b, CMP_EQ);
    if (!r) {
        return -1;
    }
    return obj_truthy(vm, r);
}

int obj_truthy(vm_t *vm, obj_t *o)
{
    if (o == vm->true_) {
        return 1;
    }
    if (o == vm->false_ || o == vm->none) {
        return 0;
    }
    type_t *t = TYPE(o);
    if (t == vm->t_int) {
        return OBJ_INT(o) != 0;
    }
    if (t == vm->t_float) {
        return OBJ_FLOAT(o) != 0.0;
    }
    if (t == vm->t_str) {
        return ((str_t *)o)->len != 0;
    }
    if (t == vm->t_list) {
        return ((list_t *)o)->n != 0;
    }
    if (t == vm->t_tuple) {
        return ((tuple_t *)o)->n != 0;
    }
    if (t == vm->t_dict || t == vm->t_set || t == vm->t_frozenset) {
        return ((dict_t *)o)->used != 0;
    }
    if (t == vm->t_deque) {
        return deque_len((deque_t *)o) != 0;  // asyncio's waiters
    }
    bool found;
    obj_t *r = obj_call_special(vm, o, vm->s.__bool__, 0, NULL, &found);
    if (found) {
        if (!r) {
            return -1;
        }
        if (TYPE(r) != vm->t_bool) {
            vm_raise(vm, EXC_TypeError,
                     "__bool__ should return bool, returned %s",
                     type_name(r));
            return -1;
        }
        return r == vm->true_;
    }
    r = obj_call_special(vm, o, vm->s.__len__, 0, NULL, &found);
    if (found) {
        if (!r) {
            return -1;
        }
        int64_t n;
        if (obj_index(vm, r, &n) < 0) {
            return -1;
        }
        if (n < 0) {
            vm_raise(vm, EXC_ValueError, "__len__() should return >= 0");
            return -1;
        }
        return n != 0;
    }
    return 1;
}

static str_t *cmp_names(vm_t *vm, int op)
{
    switch (op) {
    case CMP_LT: return vm->s.__lt__;
    case CMP_LE: return vm->s.__le__;
    case CMP_EQ: return vm->s.__eq__;
    case CMP_NE: return vm->s.__ne__;
    case CMP_GT: return vm->s.__gt__;
    default: return vm->s.__ge__;
    }
}

static const int cmp_swapped[] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT,
                                  CMP_LE};
static const char *const cmp_syms[] = {"<", "<=", "==", "!=", ">", ">="};

obj_t *obj_compare(vm_t *vm, obj_t *a, obj_t *b, int op)
{
    type_t *ta = TYPE(a), *tb = TYPE(b);
    if (ta == vm->t_int && tb == vm->t_int) {
        int64_t x = OBJ_INT(a), y = OBJ_INT(b);
        bool r = op == CMP_LT ? x < y : op == CMP_LE ? x <= y
               : op == CMP_EQ ? x == y : op == CMP_NE ? x != y
               : op == CMP_GT ? x > y : x >= y;
        return bool_new(vm, r);
    }
    if (++vm->c_depth > 3000 || cstack_low(vm->stack_floor)) {
        vm->c_depth--;
        return vm_raise(vm, EXC_RecursionError,
                        "maximum recursion depth exceeded in comparison");
    }
    obj_t *r = NULL;
    bool found;
    bool checked_reflected = false;
    // A subclass's reflected method is tried first (do_richcompare).
    if (ta != tb && type_issub(tb, ta) && !(tb->flags & TF_BUILTIN)) {
        checked_reflected = true;
        r = obj_call_special(vm, b, cmp_names(vm, cmp_swapped[op]), 1, &a,
                             &found);
        if (found && (!r || r != vm->notimpl)) {
            goto done;
        }
    }
    r = obj_call_special(vm, a, cmp_names(vm, op), 1, &b, &found);
    if (found && (!r || r != vm->notimpl)) {
        goto done;
    }
    if (!checked_reflected) {
        r = obj_call_special(vm, b, cmp_names(vm, cmp_swapped[op]), 1, &a,
                             &found);
        if (found && (!r || r != vm->notimpl)) {
            goto done;
        }
    }
    if (op == CMP_EQ) {
        r = bool_new(vm, a == b);
    } else if (op == CMP_NE) {
        r = bool_new(vm, a != b);
    } else {
        r = vm_raise(vm, EXC_TypeError,
                     "'%s' not supported between instances of '%s' and '%s'",
                     cmp_syms[op], TP_NAME(ta), TP_NAME(tb));
    }
done:
    vm->c_depth--;
    return r;
}

static const char *const binop_syms[] = {"+", "-", "*", "/", "//", "%",
                                         "** or pow()", "@", "&", "|", "^",
                                         "<<", ">>"};
static const char *const ibinop_syms[] = {"+=", "-=", "*=", "/=", "//=",
                                          "%=", "**=", "@=", "&=", "|=",
                                          "^=", "<<=", ">>="};

static str_t *binop_name(vm_t *vm, int op, int kind)
{
    // kind 0 normal, 1 reflected, 2 in-place.
    static const size_t base[3] = {
        offsetof(vm_names_t, __add__), offsetof(vm_names_t, __radd__),
        offsetof(vm_names_t, __iadd__)};
    static const int order[OP_COUNT] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                        11, 12};
    return *(str_t **)((char *)&vm->s + base[kind] +
                       (size_t)order[op] * sizeof(str_t *));
}

obj_t *obj_binop(vm_t *vm, obj_t *a, obj_t *b, int op, bool inplace)
{
    obj_t *r = num_binop(vm, a, b, op);
    if (r != vm->notimpl) {
        return r;
    }
    type_t *ta = TYPE(a), *tb = TYPE(b);
    bool found;
    if (inplace) {
        r = obj_call_special(vm, a, binop_name(vm, op, 2), 1, &b, &found);
        if (found && (!r || r != vm->notimpl)) {
            return r;
        }
    }
    bool reflected_first = ta != tb && type_issub(tb, ta) &&
                           !(tb->flags & TF_BUILTIN);
    if (reflected_first) {
        r = obj_call_special(vm, b, binop_name(vm, op, 1), 1, &a, &found);
        if (found && (!r || r != vm->notimpl)) {
            return r;
        }
    }
    r = obj_call_special(vm, a, binop_name(vm, op, 0), 1, &b, &found);
    if (found && (!r || r != vm->notimpl)) {
        return r;
    }
    if (!reflected_first && ta != tb) {
        r = obj_call_special(vm, b, binop_name(vm, op, 1), 1, &a, &found);
        if (found && (!r || r != vm->notimpl)) {
            return r;
        }
    }
    // Sequence repetition and concatenation errors read like CPython's.
    if (op == OP_ADD && ta == vm->t_str) {
        return vm_raise(vm, EXC_TypeError,
                        "can only concatenate str (not \"%s\") to str",
                        tb->name->s);
    }
    if (op == OP_ADD && (ta == vm->t_list || ta == vm->t_tuple)) {
        return vm_raise(vm, EXC_TypeError,
                        "can only concatenate %s (not \"%s\") to %s",
                        ta->name->s, tb->name->s, ta->name->s);
    }
    if (op == OP_MUL && (ta == vm->t_str || ta == vm->t_list ||
                         ta == vm->t_tuple || tb == vm->t_str ||
                         tb == vm->t_list || tb == vm->t_tuple)) {
        obj_t *other = (ta == vm->t_str || ta == vm->t_list ||
                        ta == vm->t_tuple) ? b : a;
        return vm_raise(vm, EXC_TypeError,
                        "can't multiply sequence by non-int of type '%s'",
                        type_name(other));
    }
    return vm_raise(vm, EXC_TypeError,
                    "unsupported operand type(s) for %s: '%s' and '%s'",
                    inplace ? ibinop_syms[op] : binop_syms[op], ta->name->s,
                    tb->name->s);
}

obj_t *obj_unop(vm_t *vm, obj_t *a, int op)
{
    if (op == UOP_NOT) {
        int t = obj_truthy(vm, a);
        return t < 0 ? NULL : bool_new(vm, !t);
    }
    obj_t *r = num_unop(vm, a, op);
    if (r != vm->notimpl) {
        return r;
    }
    str_t *name = op == UOP_NEG ? vm->s.__neg__ : op == UOP_POS ? vm->s.__pos__
                                                                : vm->s.__invert__;
    bool found;
    r = obj_call_special(vm, a, name, 0, NULL, &found);
    if (found) {
        return r;
    }
    return vm_raise(vm, EXC_TypeError, "bad operand type for unary %s: '%s'",
                    op == UOP_NEG ? "-" : op == UOP_POS ? "+" : "~",
                    type_name(a));
}

int64_t obj_len(vm_t *vm, obj_t *o)
{
    type_t *t = TYPE(o);
    if (t == vm->t_str) {
        return (int64_t)((str_t *)o)->nchars;
    }
    if (t == vm->t_list) {
        return (int64_t)((list_t *)o)->n;
    }
    if (t == vm->t_tuple) {
        return (int64_t)((tuple_t *)o)->n;
    }
    if (t == vm->t_dict || t == vm->t_set || t == vm->t_frozenset) {
        return (int64_t)((dict_t *)o)->used;
    }
    if (t == vm->t_deque) {
        return (int64_t)deque_len((deque_t *)o);
    }
    bool found;
    obj_t *r = obj_call_special(vm, o, vm->s.__len__, 0, NULL, &found);
    if (!found) {
        vm_raise(vm, EXC_TypeError, "object of type '%s' has no len()",
                 t->name->s);
        return -1;
    }
    if (!r) {
        return -1;
    }
    if (TYPE(r) != vm->t_int && TYPE(r) != vm->t_bool) {
        vm_raise(vm, EXC_TypeError,
                 "'%s' object cannot be interpreted as an integer",
                 type_name(r));
        return -1;
    }
    if (OBJ_INT(r) < 0) {
        vm_raise(vm, EXC_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return OBJ_INT(r);
}

int obj_index(vm_t *vm, obj_t *o, int64_t *out)
{
    if (TYPE(o) == vm->t_int || TYPE(o) == vm->t_bool ||
        obj_isinstance_t(o, vm->t_int)) {
        *out = OBJ_INT(o);
        return 0;
    }
    bool found;
    obj_t *r = obj_call_special(vm, o, vm->s.__index__, 0, NULL, &found);
    if (found) {
        if (!r) {
            return -1;
        }
        if (!obj_isinstance_t(r, vm->t_int)) {
            vm_raise(vm, EXC_TypeError,
                     "__index__ returned non-int (type %s)", type_name(r));
            return -1;
        }
        *out = OBJ_INT(r);
        return 0;
    }
    vm_raise(vm, EXC_TypeError,
             "'%s' object cannot be interpreted as an integer", type_name(o));
    return -1;
}

/* The item l[key] of an exact list with an int key in range, as
 * list.__getitem__ and __setitem__ find it, or NULL: anything else (out
 * of range, a slice, a subclass) takes the general way and its errors. */
static obj_t **list_item_at(vm_t *vm, type_t *t, obj_t *o, obj_t *key)
{
    if (t != vm->t_list || TYPE(key) != vm->t_int) {
        return NULL;
    }
    list_t *l = (list_t *)o;
    int64_t i = OBJ_INT(key);
    if (i < 0) {
        i += (int64_t)l->n;
    }
    return i >= 0 && (size_t)i < l->n ? &l->items[i] : NULL;
}

obj_t *obj_getitem(vm_t *vm, obj_t *o, obj_t *key)
{
    type_t *t = TYPE(o);
    obj_t **item = list_item_at(vm, t, o, key);
    if (item) {
        return *item;
    }
    if (t == vm->t_dict) {
        obj_t *v = dict_get(vm, (dict_t *)o, key);
        if (v || vm->exc) {
            return v;
        }
    }
    bool found;
    obj_t *r = obj_call_special(vm, o, vm->s.__getitem__, 1, &key, &found);
    if (found) {
        return r;
    }
    if (t == vm->t_type) {
        // list[int] and friends: a generic alias; looplab returns the
        // class itself, which is enough for annotations.
        obj_t *cg = type_lookup(vm, (type_t *)o, vm->s.__class_getitem__);
        if (cg) {
            // A plain function is an implicit classmethod; a classmethod
            // (queues.py's) binds as getattr binds it.
            obj_t *b = TYPE(cg) == vm->t_func
                           ? method_new(vm, cg, o)
                           : obj_getattr(vm, o, vm->s.__class_getitem__);
            return b ? vm_call1(vm, b, key) : NULL;
        }
        type_t *solid = ((type_t *)o)->solid;
        if ((((type_t *)o)->flags & TF_BUILTIN) ||
            solid == vm->t_list || solid == vm->t_dict ||
            solid == vm->t_set || solid == vm->t_frozenset ||
            solid == vm->t_tuple || solid == vm->t_deque) {
            // A class on list, dict, ... inherits their
            // __class_getitem__ (Counter[str]).
            return o;
        }
        return vm_raise(vm, EXC_TypeError, "type '%s' is not subscriptable",
                        ((type_t *)o)->name->s);
    }
    return vm_raise(vm, EXC_TypeError, "'%s' object is not subscriptable",
                    t->name->s);
}

int obj_setitem(vm_t *vm, obj_t *o, obj_t *key, obj_t *v)
{
    type_t *t = TYPE(o);
    if (t == vm->t_dict && v) {
        return dict_set(vm, (dict_t *)o, key, v);
    }
    // l[i] = v (sums[c] += item) without finding list.__setitem__.
    obj_t **item = v ? list_item_at(vm, t, o, key) : NULL;
    if (item) {
        *item = v;
        return 0;
    }
    bool found;
    obj_t *args[2] = {key, v};
    obj_t *r = obj_call_special(vm, o, v ? vm->s.__setitem__
                                         : vm->s.__delitem__,
                                v ? 2 : 1, args, &found);
    if (found) {
        return r ? 0 : -1;
    }
    if (v) {
        vm_raise(vm, EXC_TypeError,
                 "'%s' object does not support item assignment", t->name->s);
    } else {
        vm_raise(vm, EXC_TypeError,
                 "'%s' object doesn't support item deletion", t->name->s);
    }
    return -1;
}

int obj_contains(vm_t *vm, obj_t *c, obj_t *item)
{
    type_t *t = TYPE(c);
    if (t == vm->t_dict) {
        obj_t *v = dict_get(vm, (dict_t *)c, item);
        return v ? 1 : vm->exc ? -1 : 0;
    }
    if (t == vm->t_set || t == vm->t_frozenset) {
        return set_contains(vm, (dict_t *)c, item);
    }
    bool found;
    obj_t *r = obj_call_special(vm, c, vm->s.__contains__, 1, &item, &found);
    if (found) {
        return r ? obj_truthy(vm, r) : -1;
    }
    if (!t->iter && !type_lookup(vm, t, vm->s.__iter__) &&
        !type_lookup(vm, t, vm->s.__getitem__)) {
        vm_raise(vm, EXC_TypeError, "argument of type '%s' is not iterable",
                 t->name->s);
        return -1;
    }
    obj_t *it = obj_iter(vm, c);
    if (!it) {
        return -1;
    }
    for (;;) {
        obj_t *x = obj_next(vm, it);
        if (!x) {
            return vm->exc ? -1 : 0;
        }
        int eq = obj_eq(vm, x, item);
        if (eq != 0) {
            return eq;
        }
    }
}

/* Iteration over objects with only __getitem__ (PySeqIter). */
typedef struct seqiter { obj_t hdr; obj_t *seq; int64_t i; } seqiter_t;

static void seqiter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, ((seqiter_t *)o)->seq);
}

static obj_t *seqiter_next(vm_t *vm, obj_t *o)
{
    seqiter_t *s = (seqiter_t *)o;
    if (!s->seq) {
        return NULL;
    }
    obj_t *k = int_new(vm, s->i);
    obj_t *r = obj_getitem(vm, s->seq, k);
    if (!r) {
        if (vm_exc_matches(vm, EXC_IndexError) ||
            vm_exc_matches(vm, EXC_StopIteration)) {
            vm->exc = NULL;
            s->seq = NULL;
        }
        return NULL;
    }
    s->i++;
    return r;
}

static obj_t *self_iter(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

obj_t *obj_iter(vm_t *vm, obj_t *o)
{
    type_t *t = TYPE(o);
    obj_t *it;
    if (t->iter) {
        it = t->iter(vm, o);
    } else if (type_lookup(vm, t, vm->s.__getitem__) &&
               !type_lookup(vm, t, vm->s.__iter__)) {
        seqiter_t *s = (seqiter_t *)gc_alloc(vm, vm->t_seq_iter,
                                             sizeof(seqiter_t));
        s->seq = o;
        return (obj_t *)s;
    } else {
        bool found;
        it = obj_call_special(vm, o, vm->s.__iter__, 0, NULL, &found);
        if (!found) {
            return vm_raise(vm, EXC_TypeError, "'%s' object is not iterable",
                            t->name->s);
        }
    }
    if (it && !TYPE(it)->next) {
        return vm_raise(vm, EXC_TypeError,
                        "iter() returned non-iterator of type '%s'",
                        type_name(it));
    }
    return it;
}

obj_t *obj_next(vm_t *vm, obj_t *it)
{
    type_t *t = TYPE(it);
    if (!t->next) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not an iterator",
                        t->name->s);
    }
    // Iterators built on iterators (map over map...) recurse in C.
    if (cstack_low(vm->stack_floor)) {
        return vm_raise(vm, EXC_RecursionError,
                        "maximum recursion depth exceeded while calling a "
                        "Python object");
    }
    return t->next(vm, it);
}

list_t *obj_to_list(vm_t *vm, obj_t *iterable)
{
    type_t *t = TYPE(iterable);
    if (t == vm->t_list || t == vm->t_tuple) {
        size_t n = t == vm->t_list ? ((list_t *)iterable)->n
                                   : ((tuple_t *)iterable)->n;
        obj_t **src = t == vm->t_list ? ((list_t *)iterable)->items
                                      : ((tuple_t *)iterable)->items;
        list_t *l = list_new(vm, n);
        if (!l) {
            return NULL;
        }
        if (n > 0) {
            // An empty list has no item buffer at all.
            memcpy(l->items, src, n * sizeof(obj_t *));
        }
        return l;
    }
    obj_t *it = obj_iter(vm, iterable);
    if (!it) {
        return NULL;
    }
    list_t *l = list_new(vm, 0);
    vm_pin(vm, (obj_t *)((obj_t *)l));
    int rc = list_extend_from_iter(vm, l, it);
    vm->nextra--;
    return rc < 0 ? NULL : l;
}

static void *fmt_resize(void *ctx, void *p, size_t old, size_t n)
{
    return gc_try_realloc((vm_t *)ctx, p, old, n);
}

static void fmt_release(void *ctx, void *p, size_t n)
{
    gc_free((vm_t *)ctx, p, n);
}

void obj_fmt_buf_init(vm_t *vm, fmt_buf_t *b)
{
    fmt_alloc_t a = {fmt_resize, fmt_release, vm};
    fmt_buf_init_alloc(b, &a);
}

void obj_fmt_raise(vm_t *vm, fmt_buf_t *b, const char *err)
{
    bool nomem = b->failed;
    fmt_buf_free(b);
    if (!nomem) {
        // fmt.h: the one message CPython raises as OverflowError.
        vm_raise(vm, strcmp(err, FMT_ERR_CHAR_RANGE) == 0 ? EXC_OverflowError
                                                          : EXC_ValueError,
                 "%s", err);
    } else if (!vm->exc) {
        // A size overflow fails before asking the allocator, which would
        // have raised.
        vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
    }
}

str_t *obj_format(vm_t *vm, obj_t *o, str_t *spec)
{
    type_t *t = TYPE(o);
    char err[200];
    fmt_buf_t b;
    fmt_spec_t fs;
    if (spec->len == 0 && (t == vm->t_str || t == vm->t_int ||
                           t == vm->t_float || t == vm->t_bool)) {
        return obj_str(vm, o);
    }
    if (t == vm->t_int || t == vm->t_bool || t == vm->t_float ||
        t == vm->t_str) {
        if (fmt_parse_spec_typed(spec->s, spec->len, t->name->s, &fs, err,
                                 sizeof err) < 0) {
            vm_raise(vm, EXC_ValueError, "%s", err);
            return NULL;
        }
        obj_fmt_buf_init(vm, &b);
        int r;
        if (t == vm->t_float) {
            r = fmt_format_float(OBJ_FLOAT(o), &fs, &b, err, sizeof err);
        } else if (t == vm->t_str) {
            r = fmt_format_str(((str_t *)o)->s, ((str_t *)o)->len, &fs, &b,
                               err, sizeof err);
        } else if (fs.type && strchr("eEfFgG%", fs.type)) {
            r = fmt_format_float((double)OBJ_INT(o), &fs, &b, err, sizeof err);
        } else {
            r = fmt_format_int(OBJ_INT(o), &fs, t->name->s, &b, err,
                               sizeof err);
        }
        if (r < 0) {
            obj_fmt_raise(vm, &b, err);
            return NULL;
        }
        str_t *s = str_new(vm, b.buf ? b.buf : "", b.len);
        fmt_buf_free(&b);
        return s;
    }
    bool found;
    obj_t *r = obj_call_special(vm, o, vm->s.__format__, 1, (obj_t **)&spec,
                                &found);
    if (!found) {
        if (spec->len) {
            vm_raise(vm, EXC_TypeError,
                     "unsupported format string passed to %s.__format__",
                     t->name->s);
            return NULL;
        }
        return obj_str(vm, o);
    }
    if (r && TYPE(r) != vm->t_str) {
        vm_raise(vm, EXC_TypeError, "__format__ must return a str, not %s",
                 type_name(r));
        return NULL;
    }
    return (str_t *)r;
}

/* ==== Modules ========================================================= */

static void module_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((module_t *)o)->dict);
    gc_mark(vm, (obj_t *)((module_t *)o)->name);
}

static obj_t *module_repr(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_fmt(vm, "<module '%s' (built-in)>",
                            ((module_t *)o)->name->s);
}

static obj_t *module_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    module_t *m = (module_t *)o;
    if (name == vm->s.__dict__) {
        return (obj_t *)m->dict;
    }
    return dict_get_str(vm, m->dict, name);
}

static int module_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    module_t *m = (module_t *)o;
    if (!v) {
        int r = dict_del(vm, m->dict, (obj_t *)name);
        if (r == 0) {
            vm_raise(vm, EXC_AttributeError,
                     "module '%s' has no attribute '%s'", m->name->s,
                     name->s);
            return -1;
        }
        return r < 0 ? -1 : 0;
    }
    return dict_set(vm, m->dict, (obj_t *)name, v);
}

module_t *module_new(vm_t *vm, const char *name)
{
    module_t *m = (module_t *)gc_alloc(vm, vm->t_module, sizeof(module_t));
    m->name = str_intern(vm, name);
    m->dict = dict_new(vm);
    m->dict->hdr.flags |= DICT_GLOBALS;
    dict_set(vm, m->dict, (obj_t *)vm->s.__name__, (obj_t *)m->name);
    return m;
}

/* ==== Bootstrap ======================================================= */

void obj_core_init(vm_t *vm)
{
    // type and object refer to each other: build them by hand, finish
    // them once str, dict and tuple exist (obj_core_finish).
    type_t *tt = (type_t *)gc_alloc(vm, NULL, sizeof(type_t));
    vm->t_type = tt;
    tt->size = sizeof(type_t);
    tt->layout = LAYOUT_OTHER;
    tt->flags = TF_BUILTIN | TF_BASETYPE;
    tt->mark = type__mark;
    tt->repr = type__repr;
    tt->getattr = type__getattr;
    tt->setattr = type__setattr;
    tt->call = type__call;
    tt->cname = "type";
    vm->t_object = type_new_builtin(vm, "object", NULL, LAYOUT_OBJECT,
                                    sizeof(obj_t));
    vm->t_object->new_ = object_new;
    vm->t_object->repr = object_repr;
    vm->t_object->str = object_str;
    tt->init_base = vm->t_object;
    vm->t_none = type_new_builtin(vm, "NoneType", vm->t_object, LAYOUT_OTHER,
                                  sizeof(obj_t));
    vm->t_none->repr = none_repr;
    vm->t_none->str = none_repr;
    type_add_method(vm, vm->t_none, "__repr__", m_none_repr);
    vm->t_none->new_ = NULL;
    vm->t_notimpl = type_new_builtin(vm, "NotImplementedType", vm->t_object,
                                     LAYOUT_OTHER, sizeof(obj_t));
    vm->t_notimpl->repr = notimpl_repr;
    vm->t_notimpl->str = notimpl_repr;
    vm->t_ellipsis = type_new_builtin(vm, "ellipsis", vm->t_object,
                                      LAYOUT_OTHER, sizeof(obj_t));
    vm->t_ellipsis->repr = ellipsis_repr;
    vm->t_ellipsis->str = ellipsis_repr;
    vm->none = gc_alloc(vm, vm->t_none, sizeof(obj_t));
    vm->notimpl = gc_alloc(vm, vm->t_notimpl, sizeof(obj_t));
    vm->ellipsis = gc_alloc(vm, vm->t_ellipsis, sizeof(obj_t));
    vm->t_module = type_new_builtin(vm, "module", vm->t_object, LAYOUT_OTHER,
                                    sizeof(module_t));
    vm->t_module->mark = module_mark;
    vm->t_module->repr = module_repr;
    vm->t_module->str = module_repr;
    vm->t_module->getattr = module_getattr;
    vm->t_module->setattr = module_setattr;
    vm->t_seq_iter = type_new_builtin(vm, "iterator", vm->t_object,
                                      LAYOUT_OTHER, sizeof(seqiter_t));
    vm->t_seq_iter->mark = seqiter_mark;
    vm->t_seq_iter->iter = self_iter;
    vm->t_seq_iter->next = seqiter_next;
}

/* Second bootstrap step, after str, dict and tuple exist: completes every
 * type made so far and registers the methods queued meanwhile. */
static void finish_type(vm_t *vm, obj_t *o, void *ctx)
{
    (void)ctx;
    if (o->type == vm->t_type) {
        type__finish_builtin(vm, (type_t *)o);
    }
}

void obj_core_finish(vm_t *vm)
{
    vm->types_ready = true;
    gc_each(vm, finish_type, NULL);
    for (int i = 0; i < vm->npending; i++) {
        type_add_native(vm, vm->pending[i].t, vm->pending[i].name,
                        vm->pending[i].fn, vm->pending[i].kind);
    }
    vm->npending = 0;
    type_t *ob = vm->t_object;
    type_add_method(vm, ob, "__init__", obj__object_init);
    type_add_method(vm, ob, "__repr__", m_object_repr);
    type_add_method(vm, ob, "__str__", m_object_str);
    type_add_method(vm, ob, "__eq__", m_object_eq);
    type_add_method(vm, ob, "__ne__", m_object_ne);
    type_add_method(vm, ob, "__hash__", m_object_hash);
    type_add_method(vm, ob, "__setattr__", m_object_setattr);
    type_add_method(vm, ob, "__getattribute__", m_object_getattribute);
    type_add_method(vm, ob, "__format__", m_object_format);
    type_add_native(vm, ob, "__init_subclass__", m_object_init_subclass,
                    TM_CLASS);
    type_add_native(vm, ob, "__new__", m_object_new, TM_STATIC);
    type_add_method(vm, vm->t_type, "mro", type__m_mro);
    type__init_meta(vm);
    type_add_method(vm, vm->t_type, "__subclasscheck__", type__m_subclasscheck);
    type_add_method(vm, vm->t_none, "__bool__", m_none_bool);
    vm->t_object->flags &= ~(uint32_t)TF_HASDICT;
    vm->t_none->flags &= ~(uint32_t)TF_BASETYPE;
    vm->t_type->flags &= ~(uint32_t)TF_HASDICT;
    dict_set(vm, vm->t_type->dict, (obj_t *)vm->s.__doc__, vm->none);
    vm->t_object->getattr = NULL;
    (void)type__inst_mark;
}

void obj_inst_mark(vm_t *vm, obj_t *o)
{
    type__inst_mark(vm, o);
}
