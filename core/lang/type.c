/*
 * type.c - type objects: built-in type creation and its two-step
 * bootstrap, method registration, MRO lookup and subtype tests, type()
 * and class creation (C3 MRO), slot inheritance with the dispatchers for
 * dunders defined in Python, attribute access on types, calling a type,
 * and the __iter__/__next__ slot wrappers of built-in iterators.
 *
 * Mirrors CPython's Objects/typeobject.c (type creation, MRO, slot
 * inheritance, attribute lookup), with CPython 3.11's error messages.
 *
 * Slots: a built-in type fills repr/str/iter/next/call/new_ in C. A user
 * class inherits its first base's slots, and each dunder it defines in
 * Python replaces the matching slot with a dispatcher (slot_repr & co.), as
 * CPython's update_one_slot does. Built-in types made before str and dict
 * exist keep cname and init_base until obj_core_finish (obj.c) completes
 * them with type__finish_builtin.
 */
#include "obj_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"

/* ==== Types ============================================================ */

void type__mark(vm_t *vm, obj_t *o)
{
    type_t *t = (type_t *)o;
    gc_mark(vm, (obj_t *)t->dict);
    gc_mark(vm, (obj_t *)t->name);
    gc_mark(vm, (obj_t *)t->qualname);
    gc_mark(vm, (obj_t *)t->tpname);
    gc_mark(vm, (obj_t *)t->module);
    gc_mark(vm, (obj_t *)t->bases);
    gc_mark(vm, (obj_t *)t->mro);
    gc_mark(vm, (obj_t *)t->solid);
}

void type__inst_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((inst_t *)o)->dict);
}

/* T.__new__(cls, ...) for a built-in T whose tp_new makes instances of
 * subclasses (int, float, bool, str, tuple): registered TM_STATIC, so
 * self is T.
 * tp_new_wrapper's checks, then T's slot with cls: a class's own
 * __new__ calling super().__new__(cls, v) gets an instance holding v. */
obj_t *type__m_builtin_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    type_t *base = (type_t *)self;
    if (argc < 1) {
        return vm_raise(vm, EXC_TypeError, "%s.__new__(): not enough "
                        "arguments", base->name->s);
    }
    obj_t *cls = argv[0];
    if (!obj_isinstance_t(cls, vm->t_type)) {
        return vm_raise(vm, EXC_TypeError, "%s.__new__(X): X is not a type "
                        "object (%s)", base->name->s, type_name(cls));
    }
    if (!type_issub((type_t *)cls, base)) {
        const char *n = ((type_t *)cls)->name->s;
        return vm_raise(vm, EXC_TypeError, "%s.__new__(%s): %s is not a "
                        "subtype of %s", base->name->s, n, n, base->name->s);
    }
    // The nearest built-in class of cls must make its instances with
    // this slot: int.__new__(bool) would make a bool that is no bool.
    type_t *st = (type_t *)cls;
    if (!(st->flags & TF_BUILTIN)) {
        st = st->solid;
    }
    if (st->new_ != base->new_) {
        const char *n = ((type_t *)cls)->name->s;
        return vm_raise(vm, EXC_TypeError, "%s.__new__(%s) is not safe, use "
                        "%s.__new__()", base->name->s, n, st->name->s);
    }
    return base->new_(vm, cls, argc - 1, argv + 1, kw);
}

/* Instances of a class on int, float, str, tuple or list: what the
 * built-in base holds, and the dict in the block's last word. */
static void enddict_mark(vm_t *vm, obj_t *o)
{
    type_t *solid = o->type->solid;
    if (solid->mark) {
        solid->mark(vm, o);
    }
    gc_mark(vm, (obj_t *)OBJ_DICT(o));
}

type_t *type_new_builtin(vm_t *vm, const char *name, type_t *base,
                         int layout, size_t size)
{
    type_t *t = (type_t *)gc_alloc(vm, vm->t_type, sizeof(type_t));
    t->flags = TF_BUILTIN | TF_BASETYPE | TF_CTYPE;
    t->layout = layout;
    t->size = size;
    t->solid = t;
    t->cname = name;
    if (!base && vm->t_object && vm->t_object != t) {
        base = vm->t_object;
    }
    t->init_base = base;
    if (base) {
        t->mark = base->mark;
        t->destroy = base->destroy;
        t->repr = base->repr;
        t->str = base->str;
        t->getattr = base->getattr;
        t->setattr = base->setattr;
        t->new_ = base->new_;
        t->flags |= base->flags & (TF_EXCEPTION | TF_HASDICT | TF_LAZYDICT |
                                   TF_DICTHIDDEN);
    }
    if (vm->types_ready) {
        type__finish_builtin(vm, t);
    }
    return t;
}

/* Gives a built-in type its name, dict, bases and MRO; done at creation
 * once str and dict exist, and for the earlier ones by obj_core_finish. */
void type__finish_builtin(vm_t *vm, type_t *t)
{
    if (t->dict) {
        return;
    }
    type_t *base = t->init_base;
    if (base) {
        type__finish_builtin(vm, base);
    }
    t->name = str_intern(vm, t->cname);
    t->qualname = t->name;
    t->dict = dict_new(vm);
    t->dict->hdr.flags |= DICT_CLASSNS;
    t->bases = base ? tuple_pack(vm, 1, base) : vm->empty_tuple;
    size_t n = base ? base->mro->n + 1 : 1;
    t->mro = tuple_new(vm, n);
    t->mro->items[0] = (obj_t *)t;
    for (size_t i = 1; i < n; i++) {
        t->mro->items[i] = base->mro->items[i - 1];
    }
    // Lookups during the bootstrap, before t had an MRO, cached misses.
    type_cache_invalidate(vm);
    t->solid = (base && base->layout == t->layout && base->size == t->size)
                   ? base->solid : t;
}

/* The dunders CPython implements as type slots (typeobject.c's slotdefs):
 * on a built-in type they are slot wrappers, whose receiver errors read
 * "descriptor '__len__' requires a 'list' object but received a 'int'". */
static const char *const slot_names[] = {
    "__getattribute__", "__getattr__", "__setattr__", "__delattr__",
    "__repr__", "__hash__", "__call__", "__str__", "__lt__", "__le__",
    "__eq__", "__ne__", "__gt__", "__ge__", "__iter__", "__next__",
    "__get__", "__set__", "__delete__", "__init__", "__del__", "__await__",
    "__aiter__", "__anext__", "__add__", "__radd__", "__sub__", "__rsub__",
    "__mul__", "__rmul__", "__mod__", "__rmod__", "__divmod__",
    "__rdivmod__", "__pow__", "__rpow__", "__neg__", "__pos__", "__abs__",
    "__bool__", "__invert__", "__lshift__", "__rlshift__", "__rshift__",
    "__rrshift__", "__and__", "__rand__", "__xor__", "__rxor__", "__or__",
    "__ror__", "__int__", "__float__", "__iadd__", "__isub__", "__imul__",
    "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__iand__",
    "__ixor__", "__ior__", "__floordiv__", "__rfloordiv__", "__truediv__",
    "__rtruediv__", "__ifloordiv__", "__itruediv__", "__index__",
    "__matmul__", "__rmatmul__", "__imatmul__", "__len__", "__getitem__",
    "__setitem__", "__delitem__", "__contains__"};

/* Slot dunders that these CPython types define as plain methods instead
 * (METH_COEXIST, for speed), so they are method descriptors there. */
static const char *const coexist_methods[] = {
    "list.__getitem__", "dict.__getitem__", "dict.__contains__",
    "set.__contains__", "frozenset.__contains__"};

static bool is_slot_wrapper(const char *qualname, const char *name)
{
    for (size_t i = 0; i < sizeof coexist_methods / sizeof *coexist_methods;
         i++) {
        if (strcmp(qualname, coexist_methods[i]) == 0) {
            return false;
        }
    }
    for (size_t i = 0; i < sizeof slot_names / sizeof *slot_names; i++) {
        if (strcmp(name, slot_names[i]) == 0) {
            return true;
        }
    }
    return false;
}

void type_add_method(vm_t *vm, type_t *t, const char *name, native_fn fn)
{
    type_add_native(vm, t, name, fn, TM_METHOD);
}

void type_add_native(vm_t *vm, type_t *t, const char *name, native_fn fn,
                     int kind)
{
    if (!vm->types_ready) {
        if (vm->npending == (int)(sizeof vm->pending / sizeof vm->pending[0])) {
            fprintf(stderr, "looplab: too many bootstrap methods\n");
            abort();
        }
        vm->pending[vm->npending].t = t;
        vm->pending[vm->npending].name = name;
        vm->pending[vm->npending].kind = kind;
        vm->pending[vm->npending++].fn = fn;
        return;
    }
    // A static native is a built-in function bound to its type, as
    // CPython's tp_new wrapper is: repr, __self__ and calls need no case.
    native_t *n = native_new(vm, name, fn,
                             kind == TM_STATIC ? (obj_t *)t : NULL);
    n->owner = t;
    size_t len = strlen(t->name->s) + strlen(name) + 2;
    char *q = gc_malloc(vm, len);
    snprintf(q, len, "%s.%s", t->name->s, name);
    n->qualname = q;
    n->hdr.flags |= NF_OWNS_QUALNAME;
    if (kind == TM_METHOD) {
        n->hdr.flags |= NF_METHOD;
        if (is_slot_wrapper(q, name)) {
            n->hdr.flags |= NF_SLOT;
        }
    } else if (kind == TM_CLASS) {
        n->hdr.flags |= NF_CLASSMETHOD;
    }
    dict_set(vm, t->dict, (obj_t *)str_intern(vm, name), (obj_t *)n);
}

/* The method cache, as CPython's type attribute cache (typeobject.c,
 * _PyType_Lookup with MCACHE): a direct-mapped table keyed by the type
 * and the name's identity. Instead of per-type version tags it keeps one
 * epoch for the whole VM: any change to any class namespace (a dict
 * flagged DICT_CLASSNS) bumps it, and so does every collection, which
 * is what makes comparing pointers safe: between two collections no
 * object is freed, so an address cannot be reused by another type or
 * name. Class namespaces change rarely after start-up, so one epoch
 * costs almost nothing. */
#define MCACHE_BITS 12
#define MCACHE_SIZE (1u << MCACHE_BITS)

struct type_mcache {
    struct {
        type_t *type;
        str_t *name;
        obj_t *value;      /* may be NULL: absence is cached too */
        uint32_t epoch;
    } e[MCACHE_SIZE];
};

void type_cache_invalidate(vm_t *vm)
{
    vm->acache_epoch++;
    if (++vm->mcache_epoch == 0) {
        // After 2^32 changes an old entry could look current again.
        if (vm->mcache) {
            memset(vm->mcache, 0, sizeof *vm->mcache);
        }
        vm->mcache_epoch = 1;
    }
}

/* _PyType_Lookup's slow path: the first class along the MRO that has it. */
static obj_t *mro_lookup(type_t *t, str_t *name)
{
    tuple_t *mro = t->mro;
    if (!mro) {
        return NULL;
    }
    for (size_t i = 0; i < mro->n; i++) {
        type_t *k = (type_t *)mro->items[i];
        if (!k->dict) {
            continue;
        }
        obj_t *v = dict_get_str(NULL, k->dict, name);
        if (v) {
            return v;
        }
    }
    return NULL;
}

obj_t *type_lookup(vm_t *vm, type_t *t, str_t *name)
{
    struct type_mcache *c = vm->mcache;
    if (!c) {
        c = vm->mcache = calloc(1, sizeof *vm->mcache);
        if (!c) {
            return mro_lookup(t, name);
        }
    }
    uintptr_t k = ((uintptr_t)t >> 4) ^ (((uintptr_t)name >> 4) * 40503u);
    size_t i = (size_t)(k ^ (k >> MCACHE_BITS)) & (MCACHE_SIZE - 1);
    if (c->e[i].epoch == vm->mcache_epoch && c->e[i].type == t &&
        c->e[i].name == name) {
        return c->e[i].value;
    }
    obj_t *v = mro_lookup(t, name);
    c->e[i].type = t;
    c->e[i].name = name;
    c->e[i].value = v;
    c->e[i].epoch = vm->mcache_epoch;
    return v;
}

bool type_issub(type_t *a, type_t *b)
{
    if (a == b) {
        return true;
    }
    tuple_t *mro = a->mro;
    if (!mro) {
        return false;
    }
    for (size_t i = 0; i < mro->n; i++) {
        if (mro->items[i] == (obj_t *)b) {
            return true;
        }
    }
    return false;
}

bool obj_isinstance_t(obj_t *o, type_t *t)
{
    return type_issub(TYPE(o), t);
}

const char *type_name(obj_t *o)
{
    return TP_NAME(TYPE(o));
}

/* ==== type() and class creation ======================================== */

obj_t *type__repr(vm_t *vm, obj_t *o)
{
    type_t *t = (type_t *)o;
    if (t->module && strcmp(t->module->s, "builtins") != 0) {
        return (obj_t *)str_fmt(vm, "<class '%s.%s'>", t->module->s,
                                t->qualname->s);
    }
    return (obj_t *)str_fmt(vm, "<class '%s'>", t->qualname->s);
}

/* C3 linearisation (Python's MRO since 2.3). */
static tuple_t *compute_mro(vm_t *vm, type_t *t, tuple_t *bases)
{
    size_t nb = bases->n;
    // seqs: each base's MRO, then the bases list itself.
    size_t nseq = nb + 1;
    tuple_t **seqs = calloc(nseq, sizeof(tuple_t *));
    size_t *heads = calloc(nseq, sizeof(size_t));
    for (size_t i = 0; i < nb; i++) {
        seqs[i] = ((type_t *)bases->items[i])->mro;
    }
    seqs[nb] = bases;
    list_t *out = list_new(vm, 0);
    list_append(vm, out, (obj_t *)t);
    for (;;) {
        obj_t *cand = NULL;
        bool empty = true;
        for (size_t i = 0; i < nseq; i++) {
            if (heads[i] >= seqs[i]->n) {
                continue;
            }
            empty = false;
            obj_t *c = seqs[i]->items[heads[i]];
            // c must not appear in the tail of any sequence.
            bool ok = true;
            for (size_t j = 0; j < nseq && ok; j++) {
                for (size_t k = heads[j] + 1; k < seqs[j]->n; k++) {
                    if (seqs[j]->items[k] == c) {
                        ok = false;
                        break;
                    }
                }
            }
            if (ok) {
                cand = c;
                break;
            }
        }
        if (empty) {
            break;
        }
        if (!cand) {
            free(seqs);
            free(heads);
            vm_raise(vm, EXC_TypeError,
                     "Cannot create a consistent method resolution order "
                     "(MRO) for bases");
            return NULL;
        }
        list_append(vm, out, cand);
        for (size_t i = 0; i < nseq; i++) {
            if (heads[i] < seqs[i]->n && seqs[i]->items[heads[i]] == cand) {
                heads[i]++;
            }
        }
    }
    free(seqs);
    free(heads);
    return list_to_tuple(vm, out);
}

/* ---- Slot dispatchers for classes defined in Python ----------------- */

static obj_t *call_dunder(vm_t *vm, obj_t *self, str_t *name, int argc,
                          obj_t **argv)
{
    obj_t *f = type_lookup(vm, TYPE(self), name);
    if (!f) {
        return vm_raise(vm, EXC_AttributeError,
                        "'%s' object has no attribute '%s'", type_name(self),
                        name->s);
    }
    obj_t *args[8];
    args[0] = self;
    for (int i = 0; i < argc && i < 7; i++) {
        args[i + 1] = argv[i];
    }
    if (TYPE(f) == vm->t_func || native_method_for(vm, f, TYPE(self))) {
        return vm_call(vm, f, argc + 1, args, NULL);
    }
    obj_t *bound = obj_bind(vm, f, self);
    if (!bound) {
        return NULL;
    }
    return vm_call(vm, bound, argc, argv, NULL);
}

static obj_t *slot_repr(vm_t *vm, obj_t *o)
{
    obj_t *r = call_dunder(vm, o, vm->s.__repr__, 0, NULL);
    if (r && !obj_isinstance_t(r, vm->t_str)) {
        return vm_raise(vm, EXC_TypeError,
                        "__repr__ returned non-string (type %s)",
                        type_name(r));
    }
    return r;
}

static obj_t *slot_str(vm_t *vm, obj_t *o)
{
    obj_t *r = call_dunder(vm, o, vm->s.__str__, 0, NULL);
    if (r && !obj_isinstance_t(r, vm->t_str)) {
        return vm_raise(vm, EXC_TypeError,
                        "__str__ returned non-string (type %s)", type_name(r));
    }
    return r;
}

static obj_t *slot_iter(vm_t *vm, obj_t *o)
{
    return call_dunder(vm, o, vm->s.__iter__, 0, NULL);
}

static obj_t *slot_next(vm_t *vm, obj_t *o)
{
    obj_t *r = call_dunder(vm, o, vm->s.__next__, 0, NULL);
    if (!r && vm_exc_matches(vm, EXC_StopIteration)) {
        vm->exc = NULL;
    }
    return r;
}

static obj_t *slot_call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kwnames)
{
    obj_t *f = type_lookup(vm, TYPE(self), vm->s.__call__);
    if (!f) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not callable",
                        type_name(self));
    }
    obj_t *bound = obj_bind(vm, f, self);
    if (!bound) {
        return NULL;
    }
    return vm_call(vm, bound, argc, argv, kwnames);
}

/* A class defining __del__: the collector calls it once for an
 * unreachable instance (PEP 442: finalizers run once). */
static void slot_finalize(vm_t *vm, obj_t *o)
{
    if (o->flags & OF_FINALIZED) {
        return;
    }
    o->flags |= OF_FINALIZED;
    obj_t *saved = vm->exc;
    vm->exc = NULL;
    obj_t *r = call_dunder(vm, o, vm->s.__del__, 0, NULL);
    if (!r) {
        // "Exception ignored in: ..." in CPython; dropped here.
        vm->exc = NULL;
    }
    vm->exc = saved;
}

static obj_t *slot_getattr_hook(vm_t *vm, obj_t *o, str_t *name)
{
    (void)vm, (void)o, (void)name;
    return NULL;
}

static bool defined_in_python(vm_t *vm, type_t *t, str_t *name)
{
    obj_t *f = type_lookup(vm, t, name);
    return f && !(TYPE(f) == vm->t_native) && f != vm->none;
}

/* A class defined in Python starts from its first base's slots. */
static void inherit_slots(type_t *t)
{
    type_t *base = (type_t *)t->bases->items[0];
    t->mark = base->mark;
    if (t->flags & TF_DICTATEND) {
        t->mark = enddict_mark;
    }
    if (t->layout == LAYOUT_INST && !t->mark) {
        // Instances of plain classes: the collector must see their
        // attributes. (This runs again whenever a class attribute is set.)
        t->mark = type__inst_mark;
    }
    t->destroy = base->destroy;
    t->finalize = base->finalize;
    t->finalize_noop = base->finalize_noop;
    t->repr = base->repr;
    t->str = base->str;
    t->getattr = base->getattr;
    t->setattr = base->setattr;
    t->iter = base->iter;
    t->next = base->next;
    t->call = base->call;
    t->new_ = base->new_;
}

/* Points the slots at the dunders defined in Python (slotdefs' update
 * in typeobject.c). */
static void fixup_slots(vm_t *vm, type_t *t)
{
    type_t *base = (type_t *)t->bases->items[0];
    if (!(t->flags & TF_CTYPE)) {
        inherit_slots(t);
    }
    if (defined_in_python(vm, t, vm->s.__repr__)) {
        t->repr = slot_repr;
    }
    if (defined_in_python(vm, t, vm->s.__str__)) {
        t->str = slot_str;
    } else if (t->repr == slot_repr && base->str == base->repr) {
        // object.__str__ calls repr(), so an overridden __repr__ shows.
        t->str = slot_repr;
    } else if (t->repr == slot_repr && TYPE(type_lookup(vm, t, vm->s.__str__)) ==
               vm->t_native && type_lookup(vm, t, vm->s.__str__) ==
               dict_get_str(vm, vm->t_object->dict, vm->s.__str__)) {
        t->str = slot_repr;
    }
    if (defined_in_python(vm, t, vm->s.__iter__)) {
        t->iter = slot_iter;
    }
    if (defined_in_python(vm, t, vm->s.__next__)) {
        t->next = slot_next;
    }
    if (defined_in_python(vm, t, vm->s.__call__)) {
        t->call = slot_call;
    }
    if (defined_in_python(vm, t, vm->s.__del__)) {
        t->finalize = slot_finalize;
        t->finalize_noop = NULL;
    }
    (void)slot_getattr_hook;
}

/* type(name, bases, dict): creates a class (type_new in typeobject.c). */
obj_t *type_create(vm_t *vm, str_t *name, tuple_t *bases, dict_t *ns)
{
    if (bases->n == 0) {
        bases = tuple_pack(vm, 1, vm->t_object);
    }
    type_t *solid = vm->t_object;
    for (size_t i = 0; i < bases->n; i++) {
        obj_t *b = bases->items[i];
        if (!IS_CLASS(vm, b)) {
            return vm_raise(vm, EXC_TypeError,
                            "bases must be types");
        }
        type_t *bt = (type_t *)b;
        if (!(bt->flags & TF_BASETYPE)) {
            return vm_raise(vm, EXC_TypeError,
                            "type '%s' is not an acceptable base type",
                            TP_NAME(bt));
        }
        type_t *s = bt->solid;
        if (type_issub(s, solid)) {
            solid = s;
        } else if (!type_issub(solid, s)) {
            return vm_raise(vm, EXC_TypeError,
                            "multiple bases have instance lay-out conflict");
        }
    }
    type_t *t = (type_t *)gc_alloc(vm, vm->t_type, sizeof(type_t));
    t->name = name;
    t->qualname = name;
    t->bases = bases;
    t->dict = dict_new(vm);
    t->dict->hdr.flags |= DICT_CLASSNS;
    t->flags = TF_BASETYPE | (solid->flags & (TF_EXCEPTION | TF_LAZYDICT |
                                              TF_DICTHIDDEN));
    t->solid = solid;
    t->layout = solid->layout;
    t->size = solid->size;
    // Instances of classes defined in Python get a __dict__ when their
    // layout has room for one (object, exceptions, futures, ...).
    if (solid->flags & TF_HASDICT || solid == vm->t_object ||
        solid->layout == LAYOUT_INST) {
        t->flags |= TF_HASDICT;
    }
    if (solid == vm->t_object) {
        t->size = sizeof(inst_t);
        t->layout = LAYOUT_INST;
    }
    // Subclasses of the built-in containers and numbers have a __dict__
    // too (CPython's subtypes add tp_dictoffset), made when the first
    // attribute is set. dicts and sets have a field for it after the
    // header; the others' layouts have none, so the instance is a word
    // longer and keeps it last (TF_DICTATEND). Every allocation of
    // these layouts sizes the block from the class's size.
    if (solid == vm->t_dict || solid == vm->t_set ||
        solid == vm->t_frozenset) {
        t->flags |= TF_HASDICT | TF_LAZYDICT;
    } else if (solid == vm->t_int || solid == vm->t_float ||
               solid == vm->t_str || solid == vm->t_tuple ||
               solid == vm->t_list || solid == vm->t_deque) {
        t->flags |= TF_HASDICT | TF_LAZYDICT | TF_DICTATEND;
        t->size = solid->size + sizeof(dict_t *);
    }
    t->mro = compute_mro(vm, t, bases);
    if (!t->mro) {
        return NULL;
    }
    size_t pos = 0;
    obj_t *k, *v;
    while (dict_next(ns, &pos, &k, &v)) {
        if (TYPE(k) == vm->t_str && str_eq((str_t *)k, vm->s.__qualname__)) {
            if (!obj_isinstance_t(v, vm->t_str)) {
                return vm_raise(vm, EXC_TypeError, "type __qualname__ must "
                                "be a str, not %s", type_name(v));
            }
            t->qualname = (str_t *)v;
            continue;
        }
        if (TYPE(k) == vm->t_str && str_eq((str_t *)k, vm->s.__module__) &&
            TYPE(v) == vm->t_str) {
            t->module = (str_t *)v;
        }
        dict_set(vm, t->dict, k, v);
    }
    // Every class has a __doc__ of its own, None without a docstring.
    if (!dict_get_str(vm, t->dict, vm->s.__doc__)) {
        dict_set(vm, t->dict, (obj_t *)vm->s.__doc__, vm->none);
    }
    // A class that defines __eq__ but not __hash__ is unhashable.
    if (dict_get_str(vm, t->dict, vm->s.__eq__) &&
        !dict_get_str(vm, t->dict, vm->s.__hash__)) {
        dict_set(vm, t->dict, (obj_t *)vm->s.__hash__, vm->none);
    }
    fixup_slots(vm, t);
    if (!t->module) {
        t->module = str_intern(vm, "__main__");
    }
    return (obj_t *)t;
}

obj_t *type__getattr(vm_t *vm, obj_t *o, str_t *name)
{
    type_t *t = (type_t *)o;
    if (name == vm->s.__name__) {
        return (obj_t *)t->name;
    }
    if (name == vm->s.__qualname__) {
        return (obj_t *)t->qualname;
    }
    if (name == vm->s.__module__) {
        return t->module ? (obj_t *)t->module
                         : (obj_t *)str_intern(vm, "builtins");
    }
    if (name == vm->s.__mro__) {
        return (obj_t *)t->mro;
    }
    if (name == vm->s.__bases__) {
        return (obj_t *)t->bases;
    }
    if (name == vm->s.__base__) {
        return t->bases->n ? t->bases->items[0] : vm->none;
    }
    if (name == vm->s.__dict__) {
        return (obj_t *)t->dict;
    }
    if (name == vm->s.__doc__) {
        obj_t *d = dict_get_str(vm, t->dict, name);
        return d ? d : vm->none;
    }
    obj_t *v = type_lookup(vm, t, name);
    if (v) {
        type_t *vt = TYPE(v);
        if (vt == vm->t_classmethod) {
            return method_new(vm, ((wrap_t *)v)->f, o);
        }
        if (vt == vm->t_staticmethod) {
            return ((wrap_t *)v)->f;
        }
        if (vt == vm->t_native && (v->flags & NF_CLASSMETHOD) &&
            !((native_t *)v)->self) {
            return native_bind(vm, (native_t *)v, o);
        }
        if (str_eq(name, vm->s.__init_subclass__) ||
            str_eq(name, vm->s.__class_getitem__)) {
            if (vt == vm->t_func) {
                return method_new(vm, v, o);
            }
        }
        return v;
    }
    return NULL;
}

int type__setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    type_t *t = (type_t *)o;
    if (t->flags & TF_BUILTIN) {
        vm_raise(vm, EXC_TypeError,
                 "cannot set '%s' attribute of immutable type '%s'", name->s,
                 t->name->s);
        return -1;
    }
    // type_set_name / type_set_qualname: a str (a subclass too), never
    // deleted.
    if (name == vm->s.__name__ || name == vm->s.__qualname__) {
        if (!v) {
            vm_raise(vm, EXC_TypeError, "cannot delete '%s' attribute of "
                     "immutable type '%s'", name->s, t->name->s);
            return -1;
        }
        if (!obj_isinstance_t(v, vm->t_str)) {
            vm_raise(vm, EXC_TypeError, "can only assign string to %s.%s, "
                     "not '%s'", t->name->s, name->s, type_name(v));
            return -1;
        }
        if (name == vm->s.__name__) {
            if (strlen(((str_t *)v)->s) != ((str_t *)v)->len) {
                vm_raise(vm, EXC_ValueError,
                         "type name must not contain null characters");
                return -1;
            }
            t->name = (str_t *)v;
        } else {
            t->qualname = (str_t *)v;
        }
        return 0;
    }
    if (!v) {
        int r = dict_del(vm, t->dict, (obj_t *)name);
        if (r == 0) {
            vm_raise(vm, EXC_AttributeError,
                     "type object '%s' has no attribute '%s'", t->name->s,
                     name->s);
            return -1;
        }
        return r < 0 ? -1 : 0;
    }
    if (dict_set(vm, t->dict, (obj_t *)name, v) < 0) {
        return -1;
    }
    fixup_slots(vm, t);
    return 0;
}

/* _PyType_CalculateMetaclass: the most derived of [meta] and the bases'
 * classes, or NULL with the TypeError of a conflict. */
type_t *type__calc_meta(vm_t *vm, type_t *meta, tuple_t *bases)
{
    type_t *winner = meta;
    for (size_t i = 0; i < bases->n; i++) {
        type_t *bt = TYPE(bases->items[i]);
        if (type_issub(winner, bt)) {
            continue;
        }
        if (type_issub(bt, winner)) {
            winner = bt;
            continue;
        }
        vm_raise(vm, EXC_TypeError, "metaclass conflict: the metaclass of a "
                 "derived class must be a (non-strict) subclass of the "
                 "metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* type.__new__(meta, name, bases, ns) (type_new): a class whose class is
 * [self], a metaclass (type or a class on it). The tp_new of type and of
 * every metaclass; type.__call__ handles type(x) before. */
static obj_t *type_tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kwnames)
{
    (void)kwnames;
    if (argc != 3) {
        return vm_raise(vm, EXC_TypeError, "type.__new__() takes exactly 3 "
                        "arguments (%d given)", argc);
    }
    if (!obj_isinstance_t(argv[0], vm->t_str)) {
        return vm_raise(vm, EXC_TypeError, "type.__new__() argument 1 must "
                        "be str, not %s", type_name(argv[0]));
    }
    if (!obj_isinstance_t(argv[1], vm->t_tuple)) {
        return vm_raise(vm, EXC_TypeError, "type.__new__() argument 2 must "
                        "be tuple, not %s", type_name(argv[1]));
    }
    if (!obj_isinstance_t(argv[2], vm->t_dict)) {
        return vm_raise(vm, EXC_TypeError, "type.__new__() argument 3 must "
                        "be dict, not %s", type_name(argv[2]));
    }
    obj_t *t = type_create(vm, (str_t *)argv[0], (tuple_t *)argv[1],
                           (dict_t *)argv[2]);
    if (t && (type_t *)self != vm->t_type) {
        // Its class is the metaclass: attribute lookups that miss the
        // class's own MRO, len(), iter(), repr() ... go to it.
        t->type = (type_t *)self;
    }
    return t;
}

/* type.__new__ called explicitly (super().__new__(mcs, name, bases, ns)
 * in a metaclass): TM_STATIC, argv[0] the metaclass. */
static obj_t *type_m_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kwnames)
{
    (void)self;
    if (argc < 1 || !obj_isinstance_t(argv[0], vm->t_type) ||
        !type_issub((type_t *)argv[0], vm->t_type)) {
        return vm_raise(vm, EXC_TypeError, "type.__new__(X): X is not a "
                        "subtype of type");
    }
    return type_tp_new(vm, argv[0], argc - 1, argv + 1, kwnames);
}

void type__init_meta(vm_t *vm)
{
    vm->t_type->new_ = type_tp_new;
    type_add_native(vm, vm->t_type, "__new__", type_m_new, TM_STATIC);
    // A metaclass's __call__ calling super().__call__(...) (singletons).
    type_add_method(vm, vm->t_type, "__call__", type__call);
}

/* type.__call__: instantiate (type_call in typeobject.c). */
obj_t *type__call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                  tuple_t *kwnames)
{
    type_t *cls = (type_t *)self;
    int nkw = kwnames ? (int)kwnames->n : 0;
    if (cls == vm->t_type) {
        if (argc == 1 && nkw == 0) {
            return (obj_t *)TYPE(argv[0]);
        }
        if (argc != 3) {
            return vm_raise(vm, EXC_TypeError,
                            "type() takes 1 or 3 arguments");
        }
        if (TYPE(argv[0]) != vm->t_str || TYPE(argv[1]) != vm->t_tuple ||
            !obj_isinstance_t(argv[2], vm->t_dict)) {
            return vm_raise(vm, EXC_TypeError,
                            "type.__new__() argument 1 must be str, not %s",
                            type_name(argv[0]));
        }
        // type(name, bases, ns) on a base made by a metaclass is made by
        // the metaclass (type_new's winner).
        type_t *w = type__calc_meta(vm, vm->t_type, (tuple_t *)argv[1]);
        if (!w) {
            return NULL;
        }
        if (w != vm->t_type) {
            return vm_call(vm, (obj_t *)w, 3, argv, NULL);
        }
        return type_create(vm, (str_t *)argv[0], (tuple_t *)argv[1],
                           (dict_t *)argv[2]);
    }
    obj_t *newf = type_lookup(vm, cls, vm->s.__new__);
    obj_t *o;
    if (newf && TYPE(newf) != vm->t_native) {
        // A __new__ written in Python: a static method taking cls first.
        obj_t *f = TYPE(newf) == vm->t_staticmethod ? ((wrap_t *)newf)->f
                                                    : newf;
        obj_t **args = malloc(sizeof(obj_t *) * (size_t)(argc + nkw + 1));
        args[0] = self;
        if (argc + nkw > 0) {
            memcpy(args + 1, argv, sizeof(obj_t *) * (size_t)(argc + nkw));
        }
        o = vm_call(vm, f, argc + 1, args, kwnames);
        free(args);
    } else {
        if (!cls->new_) {
            return vm_raise(vm, EXC_TypeError,
                            "cannot create '%s' instances", TP_NAME(cls));
        }
        o = cls->new_(vm, self, argc, argv, kwnames);
    }
    if (!o || !obj_isinstance_t(o, cls)) {
        return o;
    }
    obj_t *init = type_lookup(vm, cls, vm->s.__init__);
    if (init && TYPE(init) != vm->t_native) {
        obj_t **args = malloc(sizeof(obj_t *) * (size_t)(argc + nkw + 1));
        args[0] = o;
        if (argc + nkw > 0) {
            memcpy(args + 1, argv, sizeof(obj_t *) * (size_t)(argc + nkw));
        }
        vm_pin(vm, (obj_t *)(o));
        obj_t *r = vm_call(vm, init, argc + 1, args, kwnames);
        vm->nextra--;
        free(args);
        if (!r) {
            return NULL;
        }
        if (r != vm->none) {
            return vm_raise(vm, EXC_TypeError,
                            "__init__() should return None, not '%s'",
                            type_name(r));
        }
    } else if (init && native_method_for(vm, init, TYPE(o))) {
        native_t *n = (native_t *)init;
        if (n->fn != obj__object_init) {
            // A native __init__ may run Python code (deque(generator)):
            // the new object is held by this frame alone until it returns.
            vm_pin(vm, o);
            obj_t *r = n->fn(vm, o, argc, argv, kwnames);
            vm->nextra--;
            if (!r) {
                return NULL;
            }
        }
    } else if (init) {
        // A native that is not a method of cls (class A: __init__ =
        // dict.__init__, or a bound one): called as A().__init__ would be,
        // binding raises for the former.
        obj_t *b = obj_bind(vm, init, o);
        if (!b || !vm_call(vm, b, argc, argv, kwnames)) {
            return NULL;
        }
    }
    return o;
}

obj_t *type__m_mro(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return (obj_t *)obj_to_list(vm, (obj_t *)((type_t *)self)->mro);
}

obj_t *type__m_subclasscheck(vm_t *vm, obj_t *self, int argc,
                             obj_t **argv, tuple_t *kw)
{
    (void)kw;
    if (argc != 1 || TYPE(argv[0]) != vm->t_type) {
        return vm_raise(vm, EXC_TypeError, "issubclass() arg 1 must be a class");
    }
    return bool_new(vm, type_issub((type_t *)argv[0], (type_t *)self));
}

/* ---- Slot wrappers ---------------------------------------------------
 *
 * Built-in iterators implement the iter/next slots in C; as CPython's
 * PyType_Ready does with its slot wrappers, they also get __iter__ and
 * __next__ methods, so it.__next__() and type(it).__next__ work. The
 * slot called is the built-in (solid) type's, never a subclass's. */

static obj_t *m_slot_iter(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    type_t *t = TYPE(self)->solid;
    if (!t || !t->iter) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not iterable",
                        type_name(self));
    }
    return t->iter(vm, self);
}

static obj_t *m_slot_next(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    type_t *t = TYPE(self)->solid;
    if (t == vm->t_gen) {
        // A generator's return value travels in StopIteration.value.
        return gen_send(vm, (gen_t *)self, vm->none, NULL);
    }
    if (!t || !t->next) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not an iterator",
                        type_name(self));
    }
    obj_t *r = t->next(vm, self);
    if (!r && !vm->exc) {
        vm->exc = exc_new(vm, EXC_TYPE(vm, StopIteration), vm->empty_tuple);
    }
    return r;
}

static void add_slot_wrappers(vm_t *vm, obj_t *o, void *ctx)
{
    (void)ctx;
    if (o->type != vm->t_type || !(((type_t *)o)->flags & TF_BUILTIN)) {
        return;
    }
    type_t *t = (type_t *)o;
    if (t->iter && !dict_get_str(vm, t->dict, vm->s.__iter__)) {
        type_add_method(vm, t, "__iter__", m_slot_iter);
    }
    if (t->next && !dict_get_str(vm, t->dict, vm->s.__next__)) {
        type_add_method(vm, t, "__next__", m_slot_next);
    }
}

void obj_add_slot_wrappers(vm_t *vm)
{
    gc_each(vm, add_slot_wrappers, NULL);
}
