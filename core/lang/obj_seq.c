/*
 * obj_seq.c - tuple, list, range and slice, with their iterators.
 *
 * Mirrors the observable behaviour of CPython 3.11's
 * Objects/tupleobject.c, Objects/listobject.c (with the run detection and
 * binary insertion of Objects/listsort.txt), Objects/rangeobject.c and
 * Objects/sliceobject.c: same results, same error messages, same hash
 * values. The code is looplab's own.
 *
 * Invariants:
 * - tuple_t keeps its items inline and never changes once built;
 *   vm->empty_tuple is the shared empty exact tuple.
 * - list_t: items[0..n) are live pointers, cap >= n is the size of the
 *   owned buffer in slots, items may be NULL when cap == 0. While
 *   list_sort runs the list is detached (items NULL, n == cap == 0) so
 *   that a key function or __lt__ that mutates it is detected.
 * - Loops that may run user code (__eq__, __repr__, ...) re-read a list's
 *   n and items on every step, because that code may mutate the list.
 * - range_t holds int64 bounds; lengths are computed in uint64 so that
 *   extreme bounds cannot overflow.
 * - Code that holds a new, unreachable object while running user code
 *   raises vm->nogc so that no collection can free it meanwhile.
 * - Each type's __repr__/__iter__ native calls this file's C function,
 *   never TYPE(self)->slot: for a subclass that slot may dispatch to a
 *   Python method that itself calls super().__repr__().
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

/* Per-object flag bits (obj_t.flags) on this file's types. OF_REPR marks
 * a container whose repr is in progress: the recursion guard CPython keeps
 * in a per-thread list (Py_ReprEnter). OF_NEWFILLED marks a list its
 * constructor already filled from the call's arguments, so the __init__
 * that the type call runs next with the same arguments does not redo it. */
#define OF_REPR 0x80
#define OF_NEWFILLED 0x40

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

/* Every native here has vm.h's native_fn signature. */
#define NATIVE(fn)                                                        \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                     tuple_t *kw)

/* Returns NULL from the native when [x] reported an error (< 0). */
#define TRY(x)                                                            \
    do {                                                                  \
        if ((x) < 0) {                                                    \
            return NULL;                                                  \
        }                                                                 \
    } while (0)

/* A slot wrapper (__len__, __getitem__, ...) taking exactly n arguments. */
#define WANT(n)                                                           \
    do {                                                                  \
        (void)argv, (void)kw;                                             \
        if (!self) {                                                      \
            return vm_raise(vm, EXC_TypeError, "unbound slot wrapper "    \
                            "needs an argument");                         \
        }                                                                 \
        TRY(chk_args(vm, NULL, argc, NULL, (n), (n)));                    \
    } while (0)

/* Natives fetched from the type (list.append(xs, 1)) may arrive unbound,
 * with self NULL and the receiver first in argv: take_self fixes that up,
 * raising CPython's errors for a missing or foreign receiver. */
#define SELF(t, name)                                                     \
    TRY(take_self(vm, &self, &argc, &argv, (t), (name)))

/* ---- Helpers ------------------------------------------------------------ */

/* A growable byte buffer for building reprs. */
typedef struct sbuf {
    vm_t *vm;
    char *p;
    size_t n, cap;
} sbuf_t;

static void sb_put(sbuf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->n + n + 1) {
            nc *= 2;
        }
        b->p = b->p ? gc_realloc(b->vm, b->p, b->cap, nc)
                    : gc_malloc(b->vm, nc);
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void sb_cstr(sbuf_t *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_free(sbuf_t *b)
{
    if (b->p) {
        gc_free(b->vm, b->p, b->cap);
        b->p = NULL;
    }
}

static int sb_repr(sbuf_t *b, obj_t *o)
{
    str_t *r = obj_repr(b->vm, o);
    if (r) {
        sb_put(b, r->s, r->len);
    }
    return r ? 0 : -1;
}

static obj_t *sb_finish(sbuf_t *b)
{
    str_t *s = str_new(b->vm, b->p ? b->p : "", b->n);
    sb_free(b);
    return (obj_t *)s;
}

/* Argument checks in CPython's three message styles. [qual] "list.pop"
 * with min < 0: METH_NOARGS/METH_O methods, named qualified ("list.copy()
 * takes no arguments (1 given)", "list.append() takes exactly one
 * argument (0 given)"), -min being the count. [qual] with min >= 0:
 * Argument Clinic, named unqualified ("pop expected at most 1 argument,
 * got 2"). [qual] NULL: slot wrappers ("expected 1 argument, got 0"). */
static int chk_args(vm_t *vm, const char *qual, int argc, tuple_t *kw,
                    int min, int max)
{
    const char *dot = qual ? strrchr(qual, '.') : NULL;
    if (kw && kw->n > 0) {
        vm_raise(vm, EXC_TypeError, "%s() takes no keyword arguments", qual);
        return -1;
    }
    if (min < 0 && argc != -min - 1) {
        if (min == -1) {
            vm_raise(vm, EXC_TypeError, "%s() takes no arguments (%d given)",
                     qual, argc);
        } else {
            vm_raise(vm, EXC_TypeError, "%s() takes exactly one argument (%d "
                     "given)", qual, argc);
        }
        return -1;
    }
    if (min >= 0 && (argc < min || argc > max)) {
        int lim = argc < min ? min : max;
        vm_raise(vm, EXC_TypeError, "%s%sexpected %s%d argument%s, got %d",
                 qual ? (dot ? dot + 1 : qual) : "", qual ? " " : "",
                 min == max ? "" : argc < min ? "at least " : "at most ",
                 lim, lim == 1 ? "" : "s", argc);
        return -1;
    }
    return 0;
}

#define NOARGS -1 /* chk_args: METH_NOARGS */
#define ONEARG -2 /* chk_args: METH_O */

static int take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                     type_t *t, const char *name)
{
    const char *tn = t->name->s;
    if (*self) {
        return 0;
    }
    if (*argc < 1) {
        vm_raise(vm, EXC_TypeError, "unbound method %s.%s() needs an argument",
                 tn, name);
        return -1;
    }
    if (!obj_isinstance_t((*argv)[0], t)) {
        vm_raise(vm, EXC_TypeError, "descriptor '%s' for '%s' objects doesn't "
                 "apply to a '%s' object", name, tn, type_name((*argv)[0]));
        return -1;
    }
    *self = *(*argv)++;
    (*argc)--;
    return 0;
}

/* What PyIndex_Check accepts: ints (bools too) and objects with
 * __index__. */
static bool is_index(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_int) ||
           type_lookup(TYPE(o), vm->s.__index__) != NULL;
}

/* An integer subscript resolved against length n (negative counts from
 * the end); [oor] is the IndexError message. */
static int seq_pos(vm_t *vm, obj_t *key, size_t n, const char *oor,
                   size_t *out)
{
    int64_t i;
    if (obj_index(vm, key, &i) < 0) {
        return -1;
    }
    i = i < 0 ? i + (int64_t)n : i;
    if (i < 0 || (uint64_t)i >= n) {
        vm_raise(vm, EXC_IndexError, "%s", oor);
        return -1;
    }
    *out = (size_t)i;
    return 0;
}

/* True when the first class along [t]'s MRO defining [name] is a user
 * class. Sequence + and * return NotImplemented only then, so a user
 * __radd__/__rmul__ gets its turn; otherwise they raise CPython's
 * concatenation/repetition TypeError themselves (which also covers
 * subclasses, unlike the generic fallback in obj_binop). */
static bool user_defines(vm_t *vm, type_t *t, str_t *name)
{
    for (size_t i = 0; t->mro && i < t->mro->n; i++) {
        type_t *k = (type_t *)t->mro->items[i];
        if (k->dict && dict_get_str(vm, k->dict, name)) {
            return !(k->flags & TF_BUILTIN);
        }
    }
    return false;
}

static bool is_list(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_list);
}

static bool is_tuple(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_tuple);
}

/* The current items of a list or tuple. */
static obj_t **seq_items(vm_t *vm, obj_t *o, size_t *n)
{
    if (is_list(vm, o)) {
        *n = ((list_t *)o)->n;
        return ((list_t *)o)->items;
    }
    *n = ((tuple_t *)o)->n;
    return ((tuple_t *)o)->items;
}

/* Repetition count for seq * o. A non-int o gives NotImplemented when a
 * user class may handle it (__rmul__), else CPython's TypeError; both are
 * returned in *err (with -1). */
static int repeat_count(vm_t *vm, obj_t *o, size_t len, size_t *out,
                        obj_t **err)
{
    int64_t k;
    *err = NULL;
    if (!is_index(vm, o)) {
        *err = user_defines(vm, TYPE(o), vm->s.__rmul__) ? vm->notimpl
             : vm_raise(vm, EXC_TypeError, "can't multiply sequence by "
                        "non-int of type '%s'", type_name(o));
        return -1;
    }
    if (obj_index(vm, o, &k) < 0) {
        return -1;
    }
    k = k < 0 || len == 0 ? 0 : k;
    /* Refuse what could never be allocated rather than abort in the
     * allocator; CPython raises a bare MemoryError too. */
    if (k > 0 && (uint64_t)k > ((uint64_t)1 << 36) / len) {
        vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
        return -1;
    }
    *out = (size_t)k;
    return 0;
}

static obj_t *bad_concat(vm_t *vm, const char *what, obj_t *o)
{
    if (user_defines(vm, TYPE(o), vm->s.__radd__)) {
        return vm->notimpl;
    }
    return vm_raise(vm, EXC_TypeError, "can only concatenate %s (not \"%s\") "
                    "to %s", what, type_name(o), what);
}

/* "__hash__ = None" makes instances unhashable. Type dicts exist only
 * once types are ready; before that, a native raising the same TypeError
 * stands in (obj_core_finish may replace it by None). */
NATIVE(m_unhashable)
{
    (void)argc, (void)argv, (void)kw;
    return vm_raise(vm, EXC_TypeError, "unhashable type: '%s'",
                    type_name(self));
}

static void set_unhashable(vm_t *vm, type_t *t)
{
    if (t->dict && vm->types_ready) {
        dict_set_cstr(vm, t->dict, "__hash__", vm->none);
    } else {
        type_add_method(vm, t, "__hash__", m_unhashable);
    }
}

/* ---- Slices ------------------------------------------------------------- */

static int slice_field(vm_t *vm, obj_t *v, int64_t *out, int64_t dflt)
{
    *out = dflt;
    if (!v || v == vm->none) {
        return 0;
    }
    if (!is_index(vm, v)) {
        vm_raise(vm, EXC_TypeError, "slice indices must be integers or None "
                 "or have an __index__ method");
        return -1;
    }
    return obj_index(vm, v, out);
}

/* PySlice_Unpack: step first, then start and stop, defaults filled in. */
static int slice_unpack(vm_t *vm, obj_t *slice, int64_t *start,
                        int64_t *stop, int64_t *step)
{
    slice_t *s = (slice_t *)slice;
    if (slice_field(vm, s->step, step, 1) < 0) {
        return -1;
    }
    if (*step == 0) {
        vm_raise(vm, EXC_ValueError, "slice step cannot be zero");
        return -1;
    }
    *step = *step < -INT64_MAX ? -INT64_MAX : *step; /* -step must fit */
    if (slice_field(vm, s->start, start, *step < 0 ? INT64_MAX : 0) < 0) {
        return -1;
    }
    return slice_field(vm, s->stop, stop, *step < 0 ? INT64_MIN : INT64_MAX);
}

/* PySlice_AdjustIndices: clamps to the length, returns the item count. */
static int64_t slice_adjust(int64_t len, int64_t *start, int64_t *stop,
                            int64_t step)
{
    int64_t *ends[2] = {start, stop};
    for (int k = 0; k < 2; k++) {
        int64_t *p = ends[k];
        if (*p < 0) {
            *p += len;
            *p = *p < 0 ? (step < 0 ? -1 : 0) : *p;
        } else if (*p >= len) {
            *p = step < 0 ? len - 1 : len;
        }
    }
    if (step < 0) {
        return *stop < *start ? (*start - *stop - 1) / -step + 1 : 0;
    }
    return *start < *stop ? (*stop - *start - 1) / step + 1 : 0;
}

int64_t slice_indices(vm_t *vm, obj_t *slice, int64_t len, int64_t *start,
                      int64_t *stop, int64_t *step)
{
    if (slice_unpack(vm, slice, start, stop, step) < 0) {
        return -1;
    }
    return slice_adjust(len, start, stop, *step);
}

obj_t *slice_new(vm_t *vm, obj_t *a, obj_t *b, obj_t *c)
{
    slice_t *s = (slice_t *)gc_alloc(vm, vm->t_slice, sizeof(slice_t));
    s->start = a ? a : vm->none;
    s->stop = b ? b : vm->none;
    s->step = c ? c : vm->none;
    return (obj_t *)s;
}

static void slice_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, ((slice_t *)o)->start);
    gc_mark(vm, ((slice_t *)o)->stop);
    gc_mark(vm, ((slice_t *)o)->step);
}

static obj_t *slice_repr(vm_t *vm, obj_t *o)
{
    slice_t *s = (slice_t *)o;
    obj_t *parts[3] = {s->start, s->stop, s->step};
    sbuf_t b = {vm, NULL, 0, 0};
    sb_cstr(&b, "slice(");
    for (int i = 0; i < 3; i++) {
        if (sb_repr(&b, parts[i]) < 0) {
            sb_free(&b);
            return NULL;
        }
        sb_cstr(&b, i < 2 ? ", " : ")");
    }
    return sb_finish(&b);
}

static obj_t *slice_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    slice_t *s = (slice_t *)o;
    (void)vm;
    return strcmp(name->s, "start") == 0 ? s->start
         : strcmp(name->s, "stop") == 0  ? s->stop
         : strcmp(name->s, "step") == 0  ? s->step
                                         : NULL;
}

NATIVE(slice_tp_new)
{
    (void)self;
    TRY(chk_args(vm, "slice", argc, kw, 1, 3));
    if (argc == 1) {
        return slice_new(vm, NULL, argv[0], NULL);
    }
    return slice_new(vm, argv[0], argv[1], argc > 2 ? argv[2] : NULL);
}

NATIVE(slice_m_repr)
{
    WANT(0);
    return slice_repr(vm, self);
}

/* ---- Parts shared by tuple and list ------------------------------------- */

/* repr of a list or tuple, "[...]" / "(...)" when re-entered. */
static obj_t *seq_repr(vm_t *vm, obj_t *o)
{
    bool lst = is_list(vm, o);
    size_t n;
    obj_t **items = seq_items(vm, o, &n);
    sbuf_t b = {vm, NULL, 0, 0};
    if (n == 0 || (o->flags & OF_REPR)) {
        return (obj_t *)str_cstr(vm, n == 0 ? (lst ? "[]" : "()")
                                            : (lst ? "[...]" : "(...)"));
    }
    o->flags |= OF_REPR;
    sb_cstr(&b, lst ? "[" : "(");
    for (size_t i = 0; items = seq_items(vm, o, &n), i < n; i++) {
        if (i > 0) {
            sb_cstr(&b, ", ");
        }
        if (sb_repr(&b, items[i]) < 0) {
            o->flags &= (uint8_t)~OF_REPR;
            sb_free(&b);
            return NULL;
        }
    }
    sb_cstr(&b, lst ? "]" : n == 1 ? ",)" : ")");
    o->flags &= (uint8_t)~OF_REPR;
    return sb_finish(&b);
}

/* Equality with the identity shortcut of PyObject_RichCompareBool; the
 * container's item is the left operand, as in CPython. */
static int item_eq(vm_t *vm, obj_t *a, obj_t *b)
{
    return a == b ? 1 : obj_eq(vm, a, b);
}

/* Lexicographic comparison of two lists or two tuples; NotImplemented
 * for anything else. */
static obj_t *seq_compare(vm_t *vm, obj_t *a, obj_t *b, int op)
{
    bool lst = is_list(vm, a);
    size_t na, nb, i;
    obj_t **ia, **ib;
    if (lst != is_list(vm, b) || (!lst && !is_tuple(vm, b))) {
        return vm->notimpl;
    }
    seq_items(vm, a, &na);
    seq_items(vm, b, &nb);
    /* Lists of different lengths are never equal (list_richcompare skips
     * the items then; tuplerichcompare compares them). */
    if (lst && na != nb && (op == CMP_EQ || op == CMP_NE)) {
        return bool_new(vm, op == CMP_NE);
    }
    for (i = 0;; i++) {
        ia = seq_items(vm, a, &na);
        ib = seq_items(vm, b, &nb);
        if (i >= na || i >= nb) {
            break;
        }
        int k = item_eq(vm, ia[i], ib[i]);
        TRY(k);
        if (k == 0) {
            ia = seq_items(vm, a, &na);
            ib = seq_items(vm, b, &nb);
            break;
        }
    }
    if (i < na && i < nb) {
        /* The first differing items decide. */
        if (op == CMP_EQ || op == CMP_NE) {
            return bool_new(vm, op == CMP_NE);
        }
        return obj_compare(vm, ia[i], ib[i], op);
    }
    switch (op) {
    case CMP_LT: return bool_new(vm, na < nb);
    case CMP_LE: return bool_new(vm, na <= nb);
    case CMP_EQ: return bool_new(vm, na == nb);
    case CMP_NE: return bool_new(vm, na != nb);
    case CMP_GT: return bool_new(vm, na > nb);
    default: return bool_new(vm, na >= nb);
    }
}

#define CMP_NATIVE(fn, op)                                                \
    NATIVE(fn)                                                            \
    {                                                                     \
        WANT(1);                                                          \
        return seq_compare(vm, self, argv[0], op);                        \
    }
CMP_NATIVE(seq_m_lt, CMP_LT)
CMP_NATIVE(seq_m_le, CMP_LE)
CMP_NATIVE(seq_m_eq, CMP_EQ)
CMP_NATIVE(seq_m_ne, CMP_NE)
CMP_NATIVE(seq_m_gt, CMP_GT)
CMP_NATIVE(seq_m_ge, CMP_GE)

NATIVE(seq_m_len)
{
    size_t n;
    WANT(0);
    seq_items(vm, self, &n);
    return int_new(vm, (int64_t)n);
}

NATIVE(seq_m_repr)
{
    WANT(0);
    return seq_repr(vm, self);
}

/* The receiver's type for the methods list and tuple share (which one
 * matters only for the messages of an unbound call). */
static type_t *seq_self_type(vm_t *vm, obj_t *self, int argc, obj_t **argv)
{
    obj_t *o = self ? self : argc > 0 ? argv[0] : NULL;
    return o && is_list(vm, o) ? vm->t_list : vm->t_tuple;
}

/* Position of x in self[start..stop) or -1 (count: the number of
 * matches); -2 on error. */
static int64_t seq_find(vm_t *vm, obj_t *self, obj_t *x, int64_t start,
                        int64_t stop, bool count)
{
    int64_t c = 0;
    for (int64_t i = start; i < stop; i++) {
        size_t n;
        obj_t **items = seq_items(vm, self, &n);
        if ((uint64_t)i >= n) {
            break;
        }
        int k = item_eq(vm, items[i], x);
        if (k < 0) {
            return -2;
        }
        if (k && !count) {
            return i;
        }
        c += k;
    }
    return count ? c : -1;
}

NATIVE(seq_m_contains)
{
    WANT(1);
    int64_t i = seq_find(vm, self, argv[0], 0, INT64_MAX, false);
    return i == -2 ? NULL : bool_new(vm, i >= 0);
}

NATIVE(seq_m_count)
{
    SELF(seq_self_type(vm, self, argc, argv), "count");
    TRY(chk_args(vm, is_list(vm, self) ? "list.count" : "tuple.count", argc,
                 kw, ONEARG, 0));
    int64_t c = seq_find(vm, self, argv[0], 0, INT64_MAX, true);
    return c == -2 ? NULL : int_new(vm, c);
}

/* index(x[, start[, stop]]): start and stop as _PyEval_SliceIndexNotNone,
 * clamped like list.index and tuple.index clamp them. */
static int idx_arg(vm_t *vm, obj_t *o, size_t n, int64_t *out)
{
    if (!is_index(vm, o)) {
        vm_raise(vm, EXC_TypeError, "slice indices must be integers or have "
                 "an __index__ method");
        return -1;
    }
    if (obj_index(vm, o, out) < 0) {
        return -1;
    }
    if (*out < 0) {
        *out = *out + (int64_t)n < 0 ? 0 : *out + (int64_t)n;
    }
    return 0;
}

NATIVE(seq_m_index)
{
    int64_t start = 0, stop = INT64_MAX;
    size_t n;
    SELF(seq_self_type(vm, self, argc, argv), "index");
    bool lst = is_list(vm, self);
    TRY(chk_args(vm, lst ? "list.index" : "tuple.index", argc, kw, 1, 3));
    seq_items(vm, self, &n);
    if (argc > 1) {
        TRY(idx_arg(vm, argv[1], n, &start));
    }
    if (argc > 2) {
        TRY(idx_arg(vm, argv[2], n, &stop));
    }
    int64_t i = seq_find(vm, self, argv[0], start, stop, false);
    if (i != -1) {
        return i == -2 ? NULL : int_new(vm, i);
    }
    if (!lst) {
        return vm_raise(vm, EXC_ValueError, "tuple.index(x): x not in tuple");
    }
    str_t *r = obj_repr(vm, argv[0]);
    return r ? vm_raise(vm, EXC_ValueError, "%s is not in list", r->s) : NULL;
}

/* ---- Tuple -------------------------------------------------------------- */

static tuple_t *tuple_alloc(vm_t *vm, type_t *t, size_t n)
{
    size_t base = t && t->size > sizeof(tuple_t) ? t->size : sizeof(tuple_t);
    tuple_t *r = (tuple_t *)gc_alloc(vm, t, base + n * sizeof(obj_t *));
    r->n = n;
    return r;
}

tuple_t *tuple_new(vm_t *vm, size_t n)
{
    if (n == 0 && vm->empty_tuple) {
        return vm->empty_tuple;
    }
    tuple_t *t = tuple_alloc(vm, vm->t_tuple, n);
    for (size_t i = 0; i < n; i++) {
        t->items[i] = vm->none;
    }
    return t;
}

tuple_t *tuple_pack(vm_t *vm, size_t n, ...)
{
    va_list ap;
    tuple_t *t = tuple_new(vm, n);
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) {
        t->items[i] = va_arg(ap, obj_t *);
    }
    va_end(ap);
    return t;
}

/* A tuple of type t holding a copy of items[0..n). */
static tuple_t *tuple_of(vm_t *vm, type_t *t, obj_t **items, size_t n)
{
    tuple_t *r = n == 0 && t == vm->t_tuple ? tuple_new(vm, 0)
                                            : tuple_alloc(vm, t, n);
    if (n > 0) {
        memcpy(r->items, items, n * sizeof(obj_t *));
    }
    return r;
}

int tuple_hash(vm_t *vm, tuple_t *t, int64_t *out)
{
    /* CPython 3.11's tuplehash: xxHash's round over the item hashes. */
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < t->n; i++) {
        int64_t h;
        if (obj_hash(vm, t->items[i], &h) < 0) {
            return -1;
        }
        acc += (uint64_t)h * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)t->n ^ (XXPRIME_5 ^ 3527539ULL);
    *out = acc == UINT64_MAX ? 1546275796 : (int64_t)acc;
    return 0;
}

static void tuple_mark(vm_t *vm, obj_t *o)
{
    tuple_t *t = (tuple_t *)o;
    for (size_t i = 0; i < t->n; i++) {
        gc_mark(vm, t->items[i]);
    }
}

static list_t *seq_fast(vm_t *vm, obj_t *v, const char *msg);

NATIVE(tuple_tp_new)
{
    type_t *t = (type_t *)self;
    TRY(chk_args(vm, "tuple", 0, kw, 0, 0));
    TRY(chk_args(vm, "tuple", argc, NULL, 0, 1));
    if (argc == 0 || (t == vm->t_tuple && TYPE(argv[0]) == vm->t_tuple)) {
        return argc ? argv[0] : (obj_t *)tuple_of(vm, t, NULL, 0);
    }
    list_t *tmp = seq_fast(vm, argv[0], NULL);
    return tmp ? (obj_t *)tuple_of(vm, t, tmp->items, tmp->n) : NULL;
}

/* tuple.__new__(cls[, iterable]), called explicitly from a subclass's
 * __new__ (super().__new__(cls, items)); cls arrives as self or first. */
NATIVE(tuple_m_new)
{
    if (!self && argc > 0) {
        self = *argv++;
        argc--;
    }
    if (!self || !obj_isinstance_t(self, vm->t_type) ||
        !type_issub((type_t *)self, vm->t_tuple)) {
        return vm_raise(vm, EXC_TypeError,
                        "tuple.__new__(X): X is not a subtype of tuple");
    }
    return tuple_tp_new(vm, self, argc, argv, kw);
}

NATIVE(tuple_getitem)
{
    tuple_t *t = (tuple_t *)self;
    WANT(1);
    obj_t *key = argv[0];
    if (is_index(vm, key)) {
        size_t i;
        TRY(seq_pos(vm, key, t->n, "tuple index out of range", &i));
        return t->items[i];
    }
    if (TYPE(key) != vm->t_slice) {
        return vm_raise(vm, EXC_TypeError, "tuple indices must be integers or "
                        "slices, not %s", type_name(key));
    }
    int64_t a, b, st, cnt = slice_indices(vm, key, (int64_t)t->n, &a, &b, &st);
    TRY(cnt);
    if (st == 1 && cnt == (int64_t)t->n && TYPE(self) == vm->t_tuple) {
        return self;
    }
    tuple_t *r = tuple_new(vm, (size_t)cnt);
    for (int64_t k = 0; k < cnt; k++) {
        r->items[k] = t->items[a + k * st];
    }
    return (obj_t *)r;
}

NATIVE(tuple_add)
{
    WANT(1);
    if (!is_tuple(vm, argv[0])) {
        return bad_concat(vm, "tuple", argv[0]);
    }
    tuple_t *a = (tuple_t *)self, *b = (tuple_t *)argv[0];
    if (b->n == 0 && TYPE(self) == vm->t_tuple) {
        return self;
    }
    if (a->n == 0 && TYPE(b) == vm->t_tuple) {
        return (obj_t *)b;
    }
    tuple_t *r = tuple_new(vm, a->n + b->n);
    memcpy(r->items, a->items, a->n * sizeof(obj_t *));
    memcpy(r->items + a->n, b->items, b->n * sizeof(obj_t *));
    return (obj_t *)r;
}

NATIVE(tuple_mul)
{
    tuple_t *t = (tuple_t *)self;
    size_t k;
    obj_t *err;
    WANT(1);
    if (repeat_count(vm, argv[0], t->n, &k, &err) < 0) {
        return err;
    }
    if (k == 1 && TYPE(self) == vm->t_tuple) {
        return self;
    }
    tuple_t *r = tuple_new(vm, t->n * k);
    for (size_t j = 0; j < k; j++) {
        memcpy(r->items + j * t->n, t->items, t->n * sizeof(obj_t *));
    }
    return (obj_t *)r;
}

NATIVE(tuple_m_hash)
{
    int64_t h;
    WANT(0);
    TRY(tuple_hash(vm, (tuple_t *)self, &h));
    return int_new(vm, h);
}

/* ---- Iterators over lists and tuples ------------------------------------ */

/* list_iterator, tuple_iterator and list_reverseiterator. seq is dropped
 * once exhausted, so a list that grows later is not resumed (as in
 * CPython). */
typedef struct seqiter {
    obj_t hdr;
    obj_t *seq;
    int64_t i;
} seqiter_t;

static void seqiter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, ((seqiter_t *)o)->seq);
}

static obj_t *seqiter_new(vm_t *vm, type_t *t, obj_t *seq, int64_t i)
{
    seqiter_t *it = (seqiter_t *)gc_alloc(vm, t, sizeof(seqiter_t));
    it->seq = seq;
    it->i = i;
    return (obj_t *)it;
}

/* Forward over a list or tuple; backward for list_reverseiterator. */
static obj_t *seqiter_next(vm_t *vm, obj_t *o)
{
    seqiter_t *it = (seqiter_t *)o;
    size_t n;
    if (!it->seq) {
        return NULL;
    }
    obj_t **items = seq_items(vm, it->seq, &n);
    if (it->i >= 0 && (uint64_t)it->i < n) {
        return items[TYPE(o) == vm->t_list_reviter ? it->i-- : it->i++];
    }
    it->seq = NULL;
    return NULL;
}

static obj_t *iter_self(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

NATIVE(iter_m_iter)
{
    WANT(0);
    return self;
}

NATIVE(iter_m_next)
{
    WANT(0);
    obj_t *r = TYPE(self)->next(vm, self);
    if (!r && !vm->exc) {
        return vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, StopIteration));
    }
    return r;
}

static obj_t *tuple_iter(vm_t *vm, obj_t *o)
{
    return seqiter_new(vm, vm->t_tuple_iter, o, 0);
}

static obj_t *list_iter(vm_t *vm, obj_t *o)
{
    return seqiter_new(vm, vm->t_list_iter, o, 0);
}

NATIVE(seq_m_iter)
{
    WANT(0);
    return is_list(vm, self) ? list_iter(vm, self) : tuple_iter(vm, self);
}

/* ---- List --------------------------------------------------------------- */

static void list_reserve(vm_t *vm, list_t *l, size_t need)
{
    if (need <= l->cap) {
        return;
    }
    /* Over-allocate by about 1/8: amortised O(1) appends. */
    size_t nc = need + (need >> 3) + (need < 9 ? 3 : 6);
    l->items = l->items ? gc_realloc(vm, l->items, l->cap * sizeof(obj_t *),
                                     nc * sizeof(obj_t *))
                        : gc_malloc(vm, nc * sizeof(obj_t *));
    l->cap = nc;
}

static list_t *list_alloc(vm_t *vm, type_t *t)
{
    size_t size = t->size > sizeof(list_t) ? t->size : sizeof(list_t);
    return (list_t *)gc_alloc(vm, t, size);
}

/* A plain list holding a copy of items[0..n), or n Nones. */
static list_t *list_of(vm_t *vm, obj_t **items, size_t n)
{
    list_t *l = list_alloc(vm, vm->t_list);
    list_reserve(vm, l, n);
    for (size_t i = 0; i < n; i++) {
        l->items[i] = items ? items[i] : vm->none;
    }
    l->n = n;
    return l;
}

list_t *list_new(vm_t *vm, size_t n)
{
    return list_of(vm, NULL, n);
}

void list_append(vm_t *vm, list_t *l, obj_t *v)
{
    if (l->n == l->cap) {
        list_reserve(vm, l, l->n + 1);
    }
    l->items[l->n++] = v;
}

tuple_t *list_to_tuple(vm_t *vm, list_t *l)
{
    return tuple_of(vm, vm->t_tuple, l->items, l->n);
}

static void list_mark(vm_t *vm, obj_t *o)
{
    list_t *l = (list_t *)o;
    for (size_t i = 0; i < l->n; i++) {
        gc_mark(vm, l->items[i]);
    }
}

static void list_destroy(vm_t *vm, obj_t *o)
{
    list_t *l = (list_t *)o;
    if (l->items) {
        gc_free(vm, l->items, l->cap * sizeof(obj_t *));
    }
    l->items = NULL;
    l->n = l->cap = 0;
}

/* Appends everything the iterator yields. */
static int list_extend_iter(vm_t *vm, list_t *l, obj_t *it)
{
    for (obj_t *v; (v = obj_next(vm, it));) {
        list_append(vm, l, v);
    }
    return vm->exc ? -1 : 0;
}

static int list_extend(vm_t *vm, list_t *l, obj_t *src)
{
    if (is_list(vm, src) || is_tuple(vm, src)) {
        size_t n;
        seq_items(vm, src, &n);
        list_reserve(vm, l, l->n + n);
        /* Read the items after reserving: src may be l itself. */
        memcpy(l->items + l->n, seq_items(vm, src, &n), n * sizeof(obj_t *));
        l->n += n;
        return 0;
    }
    obj_t *it = obj_iter(vm, src);
    return it ? list_extend_iter(vm, l, it) : -1;
}

/* The items of [v] in a new list, like PySequence_Fast: lists and tuples
 * are copied, other iterables drained. With [msg], a non-iterable raises
 * TypeError(msg) instead of "... is not iterable". */
static list_t *seq_fast(vm_t *vm, obj_t *v, const char *msg)
{
    size_t n;
    if (is_list(vm, v) || is_tuple(vm, v)) {
        obj_t **items = seq_items(vm, v, &n);
        return list_of(vm, items, n);
    }
    obj_t *it = obj_iter(vm, v);
    if (!it) {
        if (msg && vm_exc_matches(vm, EXC_TypeError)) {
            vm_take_exc(vm);
            vm_raise(vm, EXC_TypeError, "%s", msg);
        }
        return NULL;
    }
    list_t *r = list_of(vm, NULL, 0);
    vm->nogc++;
    int rc = list_extend_iter(vm, r, it);
    vm->nogc--;
    return rc < 0 ? NULL : r;
}

/* Replaces items [lo, hi) by v[0..vn), 0 <= lo <= hi <= n. */
static void list_replace(vm_t *vm, list_t *l, size_t lo, size_t hi,
                         obj_t **v, size_t vn)
{
    size_t n = l->n;
    list_reserve(vm, l, n - (hi - lo) + vn);
    if (n > hi) {
        memmove(l->items + lo + vn, l->items + hi, (n - hi) * sizeof(obj_t *));
    }
    if (vn > 0) {
        memcpy(l->items + lo, v, vn * sizeof(obj_t *));
    }
    l->n = n - (hi - lo) + vn;
}

/* CPython's list.__new__ ignores its arguments and list.__init__ fills the
 * list. Here the constructor fills it when the class keeps list's own
 * __init__, so list(x) works whether or not the caller runs __init__
 * next, and OF_NEWFILLED makes that __init__ skip. A class with its own
 * __init__ gets an empty list, like CPython. */
static int list_fill(vm_t *vm, list_t *l, int argc, obj_t **argv,
                     tuple_t *kw)
{
    if (chk_args(vm, "list", 0, kw, 0, 0) < 0 ||
        chk_args(vm, "list", argc, NULL, 0, 1) < 0) {
        return -1;
    }
    list_destroy(vm, (obj_t *)l);
    return argc == 1 ? list_extend(vm, l, argv[0]) : 0;
}

NATIVE(list_tp_new)
{
    type_t *t = (type_t *)self;
    list_t *l = list_alloc(vm, t);
    if ((argc > 0 || (kw && kw->n > 0)) &&
        (t == vm->t_list || type_lookup(t, vm->s.__init__) ==
                                type_lookup(vm->t_list, vm->s.__init__))) {
        vm->nogc++;
        int rc = list_fill(vm, l, argc, argv, kw);
        vm->nogc--;
        TRY(rc);
        l->hdr.flags |= OF_NEWFILLED;
    }
    return (obj_t *)l;
}

NATIVE(list_m_init)
{
    SELF(vm->t_list, "__init__");
    if (self->flags & OF_NEWFILLED) {
        self->flags &= (uint8_t)~OF_NEWFILLED;
        return vm->none;
    }
    TRY(list_fill(vm, (list_t *)self, argc, argv, kw));
    return vm->none;
}

static obj_t *bad_list_index(vm_t *vm, obj_t *key)
{
    return vm_raise(vm, EXC_TypeError, "list indices must be integers or "
                    "slices, not %s", type_name(key));
}

NATIVE(list_getitem)
{
    list_t *l = (list_t *)self;
    WANT(1);
    obj_t *key = argv[0];
    if (is_index(vm, key)) {
        size_t i;
        TRY(seq_pos(vm, key, l->n, "list index out of range", &i));
        return l->items[i];
    }
    if (TYPE(key) != vm->t_slice) {
        return bad_list_index(vm, key);
    }
    int64_t a, b, st;
    TRY(slice_unpack(vm, key, &a, &b, &st));
    /* Adjust only now: an __index__ may have changed the list. */
    int64_t cnt = slice_adjust((int64_t)l->n, &a, &b, st);
    list_t *r = list_of(vm, NULL, (size_t)cnt);
    for (int64_t k = 0; k < cnt; k++) {
        r->items[k] = l->items[a + k * st];
    }
    return (obj_t *)r;
}

/* l[slice] = v, or del l[slice] when v is NULL. */
static int list_ass_slice(vm_t *vm, list_t *l, obj_t *key, obj_t *v)
{
    int64_t a, b, st;
    list_t *src = NULL;
    if (slice_unpack(vm, key, &a, &b, &st) < 0) {
        return -1;
    }
    /* A copy of v, so that l[:] = l and l[::-1] = l work. */
    if (v && !(src = seq_fast(vm, v, st == 1 ? "can only assign an iterable"
                              : "must assign iterable to extended slice"))) {
        return -1;
    }
    int64_t cnt = slice_adjust((int64_t)l->n, &a, &b, st);
    if (st == 1) {
        list_replace(vm, l, (size_t)a, (size_t)(b < a ? a : b),
                     src ? src->items : NULL, src ? src->n : 0);
        return 0;
    }
    if (src && (int64_t)src->n != cnt) {
        vm_raise(vm, EXC_ValueError, "attempt to assign sequence of size %lld "
                 "to extended slice of size %lld", (long long)src->n,
                 (long long)cnt);
        return -1;
    }
    if (src) {
        for (int64_t k = 0; k < cnt; k++) {
            l->items[a + k * st] = src->items[k];
        }
        return 0;
    }
    if (cnt <= 0) {
        return 0;
    }
    /* Deletion: walk up from the lowest index, compacting in one pass. */
    if (st < 0) {
        a += st * (cnt - 1);
        st = -st;
    }
    size_t w = (size_t)a;
    int64_t k = 0;
    for (size_t r = (size_t)a; r < l->n; r++) {
        if (k < cnt && (int64_t)r == a + k * st) {
            k++;
        } else {
            l->items[w++] = l->items[r];
        }
    }
    l->n = w;
    return 0;
}

/* __setitem__ (v set) and __delitem__ (v NULL). */
static obj_t *list_store(vm_t *vm, obj_t *self, obj_t *key, obj_t *v)
{
    list_t *l = (list_t *)self;
    if (is_index(vm, key)) {
        size_t i;
        TRY(seq_pos(vm, key, l->n, "list assignment index out of range", &i));
        if (v) {
            l->items[i] = v;
        } else {
            list_replace(vm, l, i, i + 1, NULL, 0);
        }
        return vm->none;
    }
    if (TYPE(key) != vm->t_slice) {
        return bad_list_index(vm, key);
    }
    TRY(list_ass_slice(vm, l, key, v));
    return vm->none;
}

NATIVE(list_setitem)
{
    WANT(2);
    return list_store(vm, self, argv[0], argv[1]);
}

NATIVE(list_delitem)
{
    WANT(1);
    return list_store(vm, self, argv[0], NULL);
}

NATIVE(list_add)
{
    WANT(1);
    if (!is_list(vm, argv[0])) {
        return bad_concat(vm, "list", argv[0]);
    }
    list_t *a = (list_t *)self, *b = (list_t *)argv[0];
    list_t *r = list_of(vm, a->items, a->n);
    list_replace(vm, r, a->n, a->n, b->items, b->n);
    return (obj_t *)r;
}

NATIVE(list_iadd)
{
    WANT(1);
    TRY(list_extend(vm, (list_t *)self, argv[0]));
    return self;
}

/* __mul__/__rmul__ build a new list, __imul__ repeats in place. */
static obj_t *list_repeat(vm_t *vm, obj_t *self, obj_t *o, bool inplace)
{
    list_t *l = (list_t *)self;
    size_t k, n = l->n;
    obj_t *err;
    if (repeat_count(vm, o, n, &k, &err) < 0) {
        return err;
    }
    list_t *r = inplace ? l : list_of(vm, NULL, 0);
    if (k == 0) {
        list_destroy(vm, (obj_t *)r);
        return (obj_t *)r;
    }
    list_reserve(vm, r, n * k);
    for (size_t j = inplace ? 1 : 0; j < k; j++) {
        memcpy(r->items + j * n, l->items, n * sizeof(obj_t *));
    }
    r->n = n * k;
    return (obj_t *)r;
}

NATIVE(list_mul)
{
    WANT(1);
    return list_repeat(vm, self, argv[0], false);
}

NATIVE(list_imul)
{
    WANT(1);
    return list_repeat(vm, self, argv[0], true);
}

NATIVE(list_m_reversed)
{
    SELF(vm->t_list, "__reversed__");
    TRY(chk_args(vm, "list.__reversed__", argc, kw, NOARGS, 0));
    return seqiter_new(vm, vm->t_list_reviter, self,
                       (int64_t)((list_t *)self)->n - 1);
}

NATIVE(list_m_append)
{
    SELF(vm->t_list, "append");
    TRY(chk_args(vm, "list.append", argc, kw, ONEARG, 0));
    list_append(vm, (list_t *)self, argv[0]);
    return vm->none;
}

NATIVE(list_m_extend)
{
    SELF(vm->t_list, "extend");
    TRY(chk_args(vm, "list.extend", argc, kw, ONEARG, 0));
    TRY(list_extend(vm, (list_t *)self, argv[0]));
    return vm->none;
}

NATIVE(list_m_insert)
{
    int64_t i;
    SELF(vm->t_list, "insert");
    TRY(chk_args(vm, "list.insert", argc, kw, 2, 2));
    TRY(obj_index(vm, argv[0], &i));
    int64_t n = (int64_t)((list_t *)self)->n;
    i = i < 0 ? (i + n < 0 ? 0 : i + n) : (i > n ? n : i);
    list_replace(vm, (list_t *)self, (size_t)i, (size_t)i, &argv[1], 1);
    return vm->none;
}

NATIVE(list_m_pop)
{
    int64_t i = -1;
    SELF(vm->t_list, "pop");
    list_t *l = (list_t *)self;
    TRY(chk_args(vm, "list.pop", argc, kw, 0, 1));
    if (argc == 1) {
        TRY(obj_index(vm, argv[0], &i));
    }
    if (l->n == 0) {
        return vm_raise(vm, EXC_IndexError, "pop from empty list");
    }
    i = i < 0 ? i + (int64_t)l->n : i;
    if (i < 0 || (uint64_t)i >= l->n) {
        return vm_raise(vm, EXC_IndexError, "pop index out of range");
    }
    obj_t *v = l->items[i];
    list_replace(vm, l, (size_t)i, (size_t)i + 1, NULL, 0);
    return v;
}

NATIVE(list_m_remove)
{
    SELF(vm->t_list, "remove");
    TRY(chk_args(vm, "list.remove", argc, kw, ONEARG, 0));
    int64_t i = seq_find(vm, self, argv[0], 0, INT64_MAX, false);
    if (i < 0) {
        return i == -2 ? NULL : vm_raise(vm, EXC_ValueError,
                                         "list.remove(x): x not in list");
    }
    list_replace(vm, (list_t *)self, (size_t)i, (size_t)i + 1, NULL, 0);
    return vm->none;
}

NATIVE(list_m_reverse)
{
    SELF(vm->t_list, "reverse");
    TRY(chk_args(vm, "list.reverse", argc, kw, NOARGS, 0));
    list_t *l = (list_t *)self;
    for (size_t i = 0, j = l->n; i + 1 < j; i++, j--) {
        obj_t *t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
    return vm->none;
}

NATIVE(list_m_copy)
{
    SELF(vm->t_list, "copy");
    TRY(chk_args(vm, "list.copy", argc, kw, NOARGS, 0));
    return (obj_t *)list_of(vm, ((list_t *)self)->items, ((list_t *)self)->n);
}

NATIVE(list_m_clear)
{
    SELF(vm->t_list, "clear");
    TRY(chk_args(vm, "list.clear", argc, kw, NOARGS, 0));
    list_destroy(vm, self);
    return vm->none;
}

/* list.sort(*, key=None, reverse=False) */
NATIVE(list_m_sort)
{
    obj_t *key = NULL;
    int64_t rev = 0;
    SELF(vm->t_list, "sort");
    if (argc > 0) {
        return vm_raise(vm, EXC_TypeError,
                        "sort() takes no positional arguments");
    }
    for (size_t i = 0; kw && i < kw->n; i++) {
        const char *name = OBJ_STR(kw->items[i])->s;
        if (strcmp(name, "key") == 0) {
            key = argv[i];
        } else if (strcmp(name, "reverse") == 0) {
            TRY(obj_index(vm, argv[i], &rev));
        } else {
            return vm_raise(vm, EXC_TypeError, "'%s' is an invalid keyword "
                            "argument for sort()", name);
        }
    }
    TRY(list_sort(vm, (list_t *)self, key, rev != 0));
    return vm->none;
}

/* ---- Sorting --------------------------------------------------------------
 *
 * Below 64 items CPython's timsort is: find the natural run at the front
 * (reversed when strictly descending), then extend it by binary insertion.
 * That is done exactly here, so user __lt__ methods and key functions see
 * the same calls in the same order. Longer lists get the same runs and
 * minimum run length, then plain stable merges instead of galloping: the
 * same result through a different sequence of comparisons. Items travel
 * with their keys as (key, value) pairs.
 */

typedef struct spair {
    obj_t *k, *v;
} spair_t;

static int sort_lt(vm_t *vm, obj_t *a, obj_t *b)
{
    obj_t *r = obj_compare(vm, a, b, CMP_LT);
    return !r ? -1 : r == vm->true_ ? 1 : r == vm->false_ ? 0
                                        : obj_truthy(vm, r);
}

static void spair_reverse(spair_t *p, size_t n)
{
    for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
        spair_t t = p[i];
        p[i] = p[j - 1];
        p[j - 1] = t;
    }
}

/* Length of the run at p[0..n), n >= 1, reversed in place when strictly
 * descending (an ascending run continues until an item is smaller than
 * the one before, a descending one while each is smaller). */
static int64_t sort_run(vm_t *vm, spair_t *p, size_t n)
{
    size_t k = 2;
    if (n == 1) {
        return 1;
    }
    int desc = sort_lt(vm, p[1].k, p[0].k);
    if (desc < 0) {
        return -1;
    }
    for (; k < n; k++) {
        int lt = sort_lt(vm, p[k].k, p[k - 1].k);
        if (lt < 0) {
            return -1;
        }
        if (lt != desc) {
            break;
        }
    }
    if (desc) {
        spair_reverse(p, k);
    }
    return (int64_t)k;
}

/* p[0..start) is sorted; inserts p[start..hi) one by one, each after the
 * items equal to it (stability). */
static int sort_binary(vm_t *vm, spair_t *p, size_t hi, size_t start)
{
    for (start = start ? start : 1; start < hi; start++) {
        size_t l = 0, r = start;
        spair_t pivot = p[start];
        do {
            size_t m = l + ((r - l) >> 1);
            int lt = sort_lt(vm, pivot.k, p[m].k);
            if (lt < 0) {
                return -1;
            }
            r = lt ? m : r;
            l = lt ? l : m + 1;
        } while (l < r);
        memmove(p + l + 1, p + l, (start - l) * sizeof(spair_t));
        p[l] = pivot;
    }
    return 0;
}

/* Stable merge of p[lo..mid) and p[mid..hi) through tmp. After an error
 * the array still holds every item exactly once. */
static int sort_merge(vm_t *vm, spair_t *p, size_t lo, size_t mid, size_t hi,
                      spair_t *tmp)
{
    size_t nl = mid - lo, i = 0, j = mid, k = lo;
    int lt = 0;
    memcpy(tmp, p + lo, nl * sizeof(spair_t));
    while (i < nl && j < hi && (lt = sort_lt(vm, p[j].k, tmp[i].k)) >= 0) {
        p[k++] = lt ? p[j++] : tmp[i++];
    }
    memcpy(p + k, tmp + i, (nl - i) * sizeof(spair_t));
    return lt < 0 ? -1 : 0;
}

static int sort_pairs(vm_t *vm, spair_t *p, size_t n)
{
    size_t minrun = n, bit = 0, nruns = 0, lo = 0;
    int rc = 0;
    if (n < 2) {
        return 0;
    }
    /* merge_compute_minrun: n's top 6 bits, plus one if any shifted-out
     * bit is set. */
    while (minrun >= 64) {
        bit |= minrun & 1;
        minrun >>= 1;
    }
    minrun += bit;
    size_t nslots = n / minrun + 2;
    size_t *runs = gc_malloc(vm, nslots * sizeof(size_t));
    while (rc == 0 && lo < n) {
        size_t rem = n - lo, force = rem <= minrun ? rem : minrun;
        int64_t r = sort_run(vm, p + lo, rem);
        if (r < 0) {
            rc = -1;
        } else if ((size_t)r < minrun) {
            rc = sort_binary(vm, p + lo, force, (size_t)r);
            r = (int64_t)force;
        }
        runs[nruns++] = lo;
        lo += (size_t)r;
    }
    if (rc == 0 && nruns > 1) {
        /* Bottom-up: merge neighbouring runs pairwise until one is left. */
        spair_t *tmp = gc_malloc(vm, n * sizeof(spair_t));
        runs[nruns] = n;
        while (rc == 0 && nruns > 1) {
            size_t w = 0;
            for (size_t r = 0; r < nruns; r += 2) {
                if (rc == 0 && r + 1 < nruns) {
                    rc = sort_merge(vm, p, runs[r], runs[r + 1], runs[r + 2],
                                    tmp);
                }
                runs[w++] = runs[r];
            }
            runs[w] = n;
            nruns = w;
        }
        gc_free(vm, tmp, n * sizeof(spair_t));
    }
    gc_free(vm, runs, nslots * sizeof(size_t));
    return rc;
}

int list_sort(vm_t *vm, list_t *l, obj_t *key, bool reverse)
{
    size_t n = l->n, cap = l->cap, i;
    obj_t **saved = l->items;
    spair_t *p = n ? gc_malloc(vm, n * sizeof(spair_t)) : NULL;
    int rc = 0;
    key = key == vm->none ? NULL : key;
    /* Detach the items: key functions and comparisons see an empty list,
     * and a change they make is detected below. nogc: the items are only
     * reachable from here meanwhile. */
    l->items = NULL;
    l->n = l->cap = 0;
    vm->nogc++;
    for (i = 0; i < n && rc == 0; i++) {
        p[i].v = p[i].k = saved[i];
        if (key && !(p[i].k = vm_call1(vm, key, saved[i]))) {
            rc = -1;
        }
    }
    if (rc == 0) {
        /* reverse=True keeps equal items in their original order:
         * reverse, sort ascending, reverse back (as CPython does). */
        if (reverse) {
            spair_reverse(p, n);
        }
        rc = sort_pairs(vm, p, n);
        if (reverse) {
            spair_reverse(p, n);
        }
        for (i = 0; i < n; i++) {
            saved[i] = p[i].v;
        }
    }
    vm->nogc--;
    if (p) {
        gc_free(vm, p, n * sizeof(spair_t));
    }
    bool modified = l->items || l->n || l->cap;
    list_destroy(vm, (obj_t *)l);
    l->items = saved;
    l->n = n;
    l->cap = cap;
    if (modified && rc == 0) {
        vm_raise(vm, EXC_ValueError, "list modified during sort");
        rc = -1;
    }
    return rc;
}

/* ---- Range -------------------------------------------------------------- */

static uint64_t range_ulen(range_t *r)
{
    if (r->step > 0 && r->start < r->stop) {
        return ((uint64_t)r->stop - (uint64_t)r->start - 1) /
                   (uint64_t)r->step + 1;
    }
    if (r->step < 0 && r->start > r->stop) {
        return ((uint64_t)r->start - (uint64_t)r->stop - 1) /
                   (0 - (uint64_t)r->step) + 1;
    }
    return 0;
}

/* start + i * step in wrapping arithmetic (the true value fits). */
static int64_t range_at(range_t *r, uint64_t i)
{
    return (int64_t)((uint64_t)r->start + i * (uint64_t)r->step);
}

obj_t *range_new(vm_t *vm, int64_t start, int64_t stop, int64_t step)
{
    range_t *r = (range_t *)gc_alloc(vm, vm->t_range, sizeof(range_t));
    r->start = start;
    r->stop = stop;
    r->step = step;
    return (obj_t *)r;
}

NATIVE(range_tp_new)
{
    int64_t v[3] = {0, 0, 1};
    (void)self;
    TRY(chk_args(vm, "range", 0, kw, 0, 0));
    TRY(chk_args(vm, "range", argc, NULL, 1, 3));
    for (int i = 0; i < argc; i++) {
        TRY(obj_index(vm, argv[i], &v[i]));
    }
    if (argc == 1) {
        return range_new(vm, 0, v[0], 1);
    }
    if (v[2] == 0) {
        return vm_raise(vm, EXC_ValueError, "range() arg 3 must not be zero");
    }
    return range_new(vm, v[0], v[1], v[2]);
}

static obj_t *range_repr(vm_t *vm, obj_t *o)
{
    range_t *r = (range_t *)o;
    char buf[96];
    int k = snprintf(buf, sizeof buf, "range(%lld, %lld", (long long)r->start,
                     (long long)r->stop);
    if (r->step != 1) {
        snprintf(buf + k, sizeof buf - (size_t)k, ", %lld",
                 (long long)r->step);
    }
    strcat(buf, ")");
    return (obj_t *)str_cstr(vm, buf);
}

NATIVE(range_m_repr)
{
    WANT(0);
    return range_repr(vm, self);
}

static obj_t *range_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    range_t *r = (range_t *)o;
    return strcmp(name->s, "start") == 0 ? int_new(vm, r->start)
         : strcmp(name->s, "stop") == 0  ? int_new(vm, r->stop)
         : strcmp(name->s, "step") == 0  ? int_new(vm, r->step)
                                         : NULL;
}

NATIVE(range_len)
{
    WANT(0);
    uint64_t n = range_ulen((range_t *)self);
    if (n > (uint64_t)INT64_MAX) {
        return vm_raise(vm, EXC_OverflowError,
                        "Python int too large to convert to C ssize_t");
    }
    return int_new(vm, (int64_t)n);
}

NATIVE(range_getitem)
{
    range_t *r = (range_t *)self;
    int64_t i, a, b, st;
    WANT(1);
    uint64_t n = range_ulen(r);
    obj_t *key = argv[0];
    if (is_index(vm, key)) {
        TRY(obj_index(vm, key, &i));
        i = i < 0 ? i + (int64_t)n : i;
        if (i < 0 || (uint64_t)i >= n) {
            return vm_raise(vm, EXC_IndexError,
                            "range object index out of range");
        }
        return int_new(vm, range_at(r, (uint64_t)i));
    }
    if (TYPE(key) != vm->t_slice) {
        return vm_raise(vm, EXC_TypeError, "range indices must be integers or "
                        "slices, not %s", type_name(key));
    }
    /* The sub-range in the parent's terms (compute_slice). */
    TRY(slice_indices(vm, key, (int64_t)n, &a, &b, &st));
    return range_new(vm, range_at(r, (uint64_t)a), range_at(r, (uint64_t)b),
                     (int64_t)((uint64_t)r->step * (uint64_t)st));
}

/* Position of int v in r, or -1: arithmetic, no iteration. */
static int64_t range_find_int(range_t *r, int64_t v)
{
    if (range_ulen(r) == 0 || (r->step > 0 ? (v < r->start || v >= r->stop)
                                           : (v > r->start || v <= r->stop))) {
        return -1;
    }
    uint64_t off = r->step > 0 ? (uint64_t)v - (uint64_t)r->start
                               : (uint64_t)r->start - (uint64_t)v;
    uint64_t step = r->step > 0 ? (uint64_t)r->step : 0 - (uint64_t)r->step;
    return off % step ? -1 : (int64_t)(off / step);
}

/* The first position of x (or, with count, the number of matches), -1
 * when absent, -2 on error. Non-ints (1.0 in range(3)) are compared item
 * by item, like _PySequence_IterSearch. */
static int64_t range_search(vm_t *vm, range_t *r, obj_t *x, bool count)
{
    uint64_t n = range_ulen(r);
    int64_t c = 0;
    if (TYPE(x) == vm->t_int || TYPE(x) == vm->t_bool) {
        int64_t i = range_find_int(r, OBJ_INT(x));
        return count ? i >= 0 : i;
    }
    for (uint64_t i = 0; i < n; i++) {
        int k = obj_eq(vm, int_new(vm, range_at(r, i)), x);
        if (k < 0 || (k && !count)) {
            return k < 0 ? -2 : (int64_t)i;
        }
        c += k;
    }
    return count ? c : -1;
}

NATIVE(range_contains)
{
    WANT(1);
    int64_t i = range_search(vm, (range_t *)self, argv[0], false);
    return i == -2 ? NULL : bool_new(vm, i >= 0);
}

NATIVE(range_m_index)
{
    SELF(vm->t_range, "index");
    TRY(chk_args(vm, "range.index", argc, kw, ONEARG, 0));
    int64_t i = range_search(vm, (range_t *)self, argv[0], false);
    if (i != -1) {
        return i == -2 ? NULL : int_new(vm, i);
    }
    if (TYPE(argv[0]) != vm->t_int && TYPE(argv[0]) != vm->t_bool) {
        return vm_raise(vm, EXC_ValueError,
                        "sequence.index(x): x not in sequence");
    }
    str_t *r = obj_repr(vm, argv[0]);
    return r ? vm_raise(vm, EXC_ValueError, "%s is not in range", r->s) : NULL;
}

NATIVE(range_m_count)
{
    SELF(vm->t_range, "count");
    TRY(chk_args(vm, "range.count", argc, kw, ONEARG, 0));
    int64_t c = range_search(vm, (range_t *)self, argv[0], true);
    return c == -2 ? NULL : int_new(vm, c);
}

/* Equal ranges produce the same sequence (range_equals); only == and !=
 * are defined. */
static obj_t *range_cmp(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        bool ne)
{
    TRY(chk_args(vm, NULL, argc, NULL, 1, 1));
    if (TYPE(argv[0]) != vm->t_range) {
        return vm->notimpl;
    }
    range_t *a = (range_t *)self, *b = (range_t *)argv[0];
    uint64_t n = range_ulen(a);
    bool same = n == range_ulen(b) &&
                (n == 0 || (a->start == b->start &&
                            (n == 1 || a->step == b->step)));
    return bool_new(vm, same != ne);
}

NATIVE(range_eq)
{
    (void)kw;
    return range_cmp(vm, self, argc, argv, false);
}

NATIVE(range_ne)
{
    (void)kw;
    return range_cmp(vm, self, argc, argv, true);
}

/* hash((len, start, step)) with None for the parts equality ignores. */
NATIVE(range_hash)
{
    range_t *r = (range_t *)self;
    int64_t h;
    WANT(0);
    uint64_t n = range_ulen(r);
    tuple_t *t = tuple_pack(vm, 3, int_new(vm, (int64_t)n),
                            n ? int_new(vm, r->start) : vm->none,
                            n > 1 ? int_new(vm, r->step) : vm->none);
    TRY(tuple_hash(vm, t, &h));
    return int_new(vm, h);
}

typedef struct rangeiter {
    obj_t hdr;
    int64_t next, step;
    uint64_t left;
} rangeiter_t;

static obj_t *rangeiter_new(vm_t *vm, int64_t first, int64_t step,
                            uint64_t n)
{
    rangeiter_t *it = (rangeiter_t *)gc_alloc(vm, vm->t_range_iter,
                                              sizeof(rangeiter_t));
    it->next = first;
    it->step = step;
    it->left = n;
    return (obj_t *)it;
}

static obj_t *range_iter(vm_t *vm, obj_t *o)
{
    range_t *r = (range_t *)o;
    return rangeiter_new(vm, r->start, r->step, range_ulen(r));
}

static obj_t *rangeiter_next(vm_t *vm, obj_t *o)
{
    rangeiter_t *it = (rangeiter_t *)o;
    int64_t v = it->next;
    if (it->left == 0) {
        return NULL;
    }
    it->left--;
    it->next = (int64_t)((uint64_t)it->next + (uint64_t)it->step);
    return int_new(vm, v);
}

NATIVE(range_m_iter)
{
    WANT(0);
    return range_iter(vm, self);
}

NATIVE(range_m_reversed)
{
    SELF(vm->t_range, "__reversed__");
    TRY(chk_args(vm, "range.__reversed__", argc, kw, NOARGS, 0));
    range_t *r = (range_t *)self;
    uint64_t n = range_ulen(r);
    return rangeiter_new(vm, n ? range_at(r, n - 1) : r->start,
                         (int64_t)(0 - (uint64_t)r->step), n);
}

/* ---- Initialisation ----------------------------------------------------- */

typedef struct method_def {
    const char *name;
    native_fn fn;
} method_def_t;

static type_t *new_type(vm_t *vm, const char *name, int layout, size_t size,
                        bool basetype, const method_def_t *m)
{
    type_t *t = type_new_builtin(vm, name, NULL, layout, size);
    if (!basetype) {
        t->flags &= ~(uint32_t)TF_BASETYPE;
    }
    for (; m && m->name; m++) {
        type_add_method(vm, t, m->name, m->fn);
    }
    return t;
}

static const method_def_t iter_methods[] = {
    {"__iter__", iter_m_iter}, {"__next__", iter_m_next}, {NULL, NULL}};

static type_t *new_iter_type(vm_t *vm, const char *name, size_t size,
                             obj_t *(*next)(vm_t *, obj_t *),
                             void (*mark)(vm_t *, obj_t *))
{
    type_t *t = new_type(vm, name, LAYOUT_OTHER, size, false, iter_methods);
    t->iter = iter_self;
    t->next = next;
    t->mark = mark;
    t->new_ = NULL; /* "cannot create 'list_iterator' instances" */
    return t;
}

#define SEQ_COMMON                                                        \
    {"__lt__", seq_m_lt}, {"__le__", seq_m_le}, {"__eq__", seq_m_eq},     \
    {"__ne__", seq_m_ne}, {"__gt__", seq_m_gt}, {"__ge__", seq_m_ge},     \
    {"__repr__", seq_m_repr}, {"__len__", seq_m_len},                     \
    {"__contains__", seq_m_contains}, {"__iter__", seq_m_iter},           \
    {"count", seq_m_count}, {"index", seq_m_index}

static const method_def_t tuple_methods[] = {
    SEQ_COMMON, {"__new__", tuple_m_new}, {"__getitem__", tuple_getitem},
    {"__add__", tuple_add}, {"__mul__", tuple_mul}, {"__rmul__", tuple_mul},
    {"__hash__", tuple_m_hash}, {NULL, NULL}};

static const method_def_t list_methods[] = {
    SEQ_COMMON, {"__init__", list_m_init}, {"__getitem__", list_getitem},
    {"__setitem__", list_setitem}, {"__delitem__", list_delitem},
    {"__reversed__", list_m_reversed}, {"__add__", list_add},
    {"__iadd__", list_iadd}, {"__mul__", list_mul}, {"__rmul__", list_mul},
    {"__imul__", list_imul}, {"append", list_m_append},
    {"extend", list_m_extend}, {"insert", list_m_insert},
    {"pop", list_m_pop}, {"remove", list_m_remove},
    {"reverse", list_m_reverse}, {"sort", list_m_sort},
    {"copy", list_m_copy}, {"clear", list_m_clear}, {NULL, NULL}};

static const method_def_t range_methods[] = {
    {"__repr__", range_m_repr}, {"__len__", range_len},
    {"__getitem__", range_getitem}, {"__contains__", range_contains},
    {"__iter__", range_m_iter}, {"__reversed__", range_m_reversed},
    {"__eq__", range_eq}, {"__ne__", range_ne}, {"__hash__", range_hash},
    {"index", range_m_index}, {"count", range_m_count}, {NULL, NULL}};

static const method_def_t slice_methods[] = {
    {"__repr__", slice_m_repr}, {NULL, NULL}};

void obj_seq_init(vm_t *vm)
{
    type_t *t = vm->t_tuple = new_type(vm, "tuple", LAYOUT_TUPLE,
                                       sizeof(tuple_t), true, tuple_methods);
    if (!vm->empty_tuple) {
        vm->empty_tuple = tuple_alloc(vm, t, 0);
    }
    t->mark = tuple_mark;
    t->repr = seq_repr;
    t->iter = tuple_iter;
    t->new_ = tuple_tp_new;

    t = vm->t_list = new_type(vm, "list", LAYOUT_LIST, sizeof(list_t), true,
                              list_methods);
    t->mark = list_mark;
    t->destroy = list_destroy;
    t->repr = seq_repr;
    t->iter = list_iter;
    t->new_ = list_tp_new;
    set_unhashable(vm, t);

    t = vm->t_range = new_type(vm, "range", LAYOUT_OTHER, sizeof(range_t),
                               false, range_methods);
    t->repr = range_repr;
    t->getattr = range_getattr;
    t->iter = range_iter;
    t->new_ = range_tp_new;

    t = vm->t_slice = new_type(vm, "slice", LAYOUT_OTHER, sizeof(slice_t),
                               false, slice_methods);
    t->mark = slice_mark;
    t->repr = slice_repr;
    t->getattr = slice_getattr;
    t->new_ = slice_tp_new;
    set_unhashable(vm, t);

    vm->t_list_iter = new_iter_type(vm, "list_iterator", sizeof(seqiter_t),
                                    seqiter_next, seqiter_mark);
    vm->t_tuple_iter = new_iter_type(vm, "tuple_iterator", sizeof(seqiter_t),
                                     seqiter_next, seqiter_mark);
    vm->t_list_reviter = new_iter_type(vm, "list_reverseiterator",
                                       sizeof(seqiter_t), seqiter_next,
                                       seqiter_mark);
    vm->t_range_iter = new_iter_type(vm, "range_iterator",
                                     sizeof(rangeiter_t), rangeiter_next,
                                     NULL);
}
