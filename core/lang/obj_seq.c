/*
 * obj_seq.c - tuple and slice, the parts tuple and list share (comparison,
 * repr, count, index, iteration), and the registration of tuple, list,
 * range and slice. List itself is in obj_list.c, range in obj_range.c.
 *
 * Mirrors the observable behaviour of CPython 3.11's
 * Objects/tupleobject.c, Objects/sliceobject.c and the sequence parts of
 * Objects/listobject.c: same results, same error messages, same hash
 * values. The code is looplab's own.
 *
 * Invariants:
 * - tuple_t keeps its items inline and never changes once built;
 *   vm->empty_tuple is the shared empty exact tuple.
 * - Loops that may run user code (__eq__, __repr__, ...) re-read a list's
 *   n and items on every step, because that code may mutate the list.
 * - Code that holds a new, unreachable object while running user code
 *   raises vm->nogc so that no collection can free it meanwhile.
 * - Each type's __repr__/__iter__ native calls this file's C function,
 *   never TYPE(self)->slot: for a subclass that slot may dispatch to a
 *   Python method that itself calls super().__repr__().
 */
#include "obj_seq_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "fmt.h"
#include "obj_int.h"

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

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
    // An exact int's digits go straight in (int_repr's, without a str
    // each): a gather's result list of 10,000 is recorded every round.
    if (TYPE(o) == b->vm->t_int) {
        char d[32];
        sb_put(b, d, fmt_i64(OBJ_INT(o), d));
        return 0;
    }
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
int seq__chk_args(vm_t *vm, const char *qual, int argc, tuple_t *kw,
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

int seq__take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
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
bool seq__is_index(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_int) ||
           type_lookup(vm, TYPE(o), vm->s.__index__) != NULL;
}

/* An integer subscript resolved against length n (negative counts from
 * the end); [oor] is the IndexError message. */
int seq__pos(vm_t *vm, obj_t *key, size_t n, const char *oor,
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

bool seq__is_list(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_list);
}

bool seq__is_tuple(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_tuple);
}

/* The current items of a list or tuple. */
obj_t **seq__items(vm_t *vm, obj_t *o, size_t *n)
{
    if (seq__is_list(vm, o)) {
        *n = ((list_t *)o)->n;
        return ((list_t *)o)->items;
    }
    *n = ((tuple_t *)o)->n;
    return ((tuple_t *)o)->items;
}

/* Repetition count for seq * o. A non-int o gives NotImplemented when a
 * user class may handle it (__rmul__), else CPython's TypeError; both are
 * returned in *err (with -1). */
int seq__repeat_count(vm_t *vm, obj_t *o, size_t len, size_t *out,
                      obj_t **err)
{
    int64_t k;
    *err = NULL;
    if (!seq__is_index(vm, o)) {
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

obj_t *seq__bad_concat(vm_t *vm, const char *what, obj_t *o)
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
    if (!seq__is_index(vm, v)) {
        vm_raise(vm, EXC_TypeError, "slice indices must be integers or None "
                 "or have an __index__ method");
        return -1;
    }
    return obj_index(vm, v, out);
}

/* PySlice_Unpack: step first, then start and stop, defaults filled in. */
int seq__slice_unpack(vm_t *vm, obj_t *slice, int64_t *start,
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
int64_t seq__slice_adjust(int64_t len, int64_t *start, int64_t *stop,
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
    if (seq__slice_unpack(vm, slice, start, stop, step) < 0) {
        return -1;
    }
    return seq__slice_adjust(len, start, stop, *step);
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
    TRY(seq__chk_args(vm, "slice", argc, kw, 1, 3));
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
    bool lst = seq__is_list(vm, o);
    size_t n;
    obj_t **items = seq__items(vm, o, &n);
    sbuf_t b = {vm, NULL, 0, 0};
    if (n == 0 || (o->flags & OF_REPR)) {
        return (obj_t *)str_cstr(vm, n == 0 ? (lst ? "[]" : "()")
                                            : (lst ? "[...]" : "(...)"));
    }
    o->flags |= OF_REPR;
    sb_cstr(&b, lst ? "[" : "(");
    for (size_t i = 0; items = seq__items(vm, o, &n), i < n; i++) {
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
    bool lst = seq__is_list(vm, a);
    size_t na, nb, i;
    obj_t **ia, **ib;
    if (lst != seq__is_list(vm, b) || (!lst && !seq__is_tuple(vm, b))) {
        return vm->notimpl;
    }
    seq__items(vm, a, &na);
    seq__items(vm, b, &nb);
    /* Lists of different lengths are never equal (list_richcompare skips
     * the items then; tuplerichcompare compares them). */
    if (lst && na != nb && (op == CMP_EQ || op == CMP_NE)) {
        return bool_new(vm, op == CMP_NE);
    }
    for (i = 0;; i++) {
        ia = seq__items(vm, a, &na);
        ib = seq__items(vm, b, &nb);
        if (i >= na || i >= nb) {
            break;
        }
        int k = item_eq(vm, ia[i], ib[i]);
        TRY(k);
        if (k == 0) {
            ia = seq__items(vm, a, &na);
            ib = seq__items(vm, b, &nb);
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

/* Defines seq__m_lt and friends, shared with obj_list.c's table. */
#define CMP_NATIVE(fn, op)                                                \
    obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv, tuple_t *kw) \
    {                                                                     \
        WANT(1);                                                          \
        return seq_compare(vm, self, argv[0], op);                        \
    }
CMP_NATIVE(seq__m_lt, CMP_LT)
CMP_NATIVE(seq__m_le, CMP_LE)
CMP_NATIVE(seq__m_eq, CMP_EQ)
CMP_NATIVE(seq__m_ne, CMP_NE)
CMP_NATIVE(seq__m_gt, CMP_GT)
CMP_NATIVE(seq__m_ge, CMP_GE)

obj_t *seq__m_len(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                  tuple_t *kw)
{
    size_t n;
    WANT(0);
    seq__items(vm, self, &n);
    return int_new(vm, (int64_t)n);
}

obj_t *seq__m_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw)
{
    WANT(0);
    return seq_repr(vm, self);
}

/* The receiver's type for the methods list and tuple share (which one
 * matters only for the messages of an unbound call). */
static type_t *seq_self_type(vm_t *vm, obj_t *self, int argc, obj_t **argv)
{
    obj_t *o = self ? self : argc > 0 ? argv[0] : NULL;
    return o && seq__is_list(vm, o) ? vm->t_list : vm->t_tuple;
}

/* Position of x in self[start..stop) or -1 (count: the number of
 * matches); -2 on error. */
int64_t seq__find(vm_t *vm, obj_t *self, obj_t *x, int64_t start,
                  int64_t stop, bool count)
{
    int64_t c = 0;
    for (int64_t i = start; i < stop; i++) {
        size_t n;
        obj_t **items = seq__items(vm, self, &n);
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

obj_t *seq__m_contains(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       tuple_t *kw)
{
    WANT(1);
    int64_t i = seq__find(vm, self, argv[0], 0, INT64_MAX, false);
    return i == -2 ? NULL : bool_new(vm, i >= 0);
}

obj_t *seq__m_count(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw)
{
    SELF(seq_self_type(vm, self, argc, argv), "count");
    TRY(seq__chk_args(vm,
                      seq__is_list(vm, self) ? "list.count" : "tuple.count",
                      argc, kw, ONEARG, 0));
    int64_t c = seq__find(vm, self, argv[0], 0, INT64_MAX, true);
    return c == -2 ? NULL : int_new(vm, c);
}

/* index(x[, start[, stop]]): start and stop as _PyEval_SliceIndexNotNone,
 * clamped like list.index and tuple.index clamp them. */
static int idx_arg(vm_t *vm, obj_t *o, size_t n, int64_t *out)
{
    if (!seq__is_index(vm, o)) {
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

obj_t *seq__m_index(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw)
{
    int64_t start = 0, stop = INT64_MAX;
    size_t n;
    SELF(seq_self_type(vm, self, argc, argv), "index");
    bool lst = seq__is_list(vm, self);
    TRY(seq__chk_args(vm, lst ? "list.index" : "tuple.index", argc, kw, 1, 3));
    seq__items(vm, self, &n);
    if (argc > 1) {
        TRY(idx_arg(vm, argv[1], n, &start));
    }
    if (argc > 2) {
        TRY(idx_arg(vm, argv[2], n, &stop));
    }
    int64_t i = seq__find(vm, self, argv[0], start, stop, false);
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
tuple_t *seq__tuple_of(vm_t *vm, type_t *t, obj_t **items, size_t n)
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

NATIVE(tuple_tp_new)
{
    type_t *t = (type_t *)self;
    TRY(seq__chk_args(vm, "tuple", 0, kw, 0, 0));
    TRY(seq__chk_args(vm, "tuple", argc, NULL, 0, 1));
    if (argc == 0 || (t == vm->t_tuple && TYPE(argv[0]) == vm->t_tuple)) {
        return argc ? argv[0] : (obj_t *)seq__tuple_of(vm, t, NULL, 0);
    }
    list_t *tmp = list__seq_fast(vm, argv[0], NULL);
    return tmp ? (obj_t *)seq__tuple_of(vm, t, tmp->items, tmp->n) : NULL;
}

/* tuple.__new__(cls[, iterable]), called explicitly from a subclass's
 * __new__ (super().__new__(cls, items)); cls arrives as self or first. */
/* tuple.__new__(cls, ...): a TM_STATIC native, so self is tuple and the
 * class to create is argv[0]. */
NATIVE(tuple_getitem)
{
    tuple_t *t = (tuple_t *)self;
    WANT(1);
    obj_t *key = argv[0];
    if (seq__is_index(vm, key)) {
        size_t i;
        TRY(seq__pos(vm, key, t->n, "tuple index out of range", &i));
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
    if (!seq__is_tuple(vm, argv[0])) {
        return seq__bad_concat(vm, "tuple", argv[0]);
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
    if (seq__repeat_count(vm, argv[0], t->n, &k, &err) < 0) {
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

obj_t *seq__seqiter_new(vm_t *vm, type_t *t, obj_t *seq, int64_t i)
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
    obj_t **items = seq__items(vm, it->seq, &n);
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
    return seq__seqiter_new(vm, vm->t_tuple_iter, o, 0);
}

static obj_t *list_iter(vm_t *vm, obj_t *o)
{
    return seq__seqiter_new(vm, vm->t_list_iter, o, 0);
}

obj_t *seq__m_iter(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw)
{
    WANT(0);
    return seq__is_list(vm, self) ? list_iter(vm, self) : tuple_iter(vm, self);
}

/* ---- Initialisation ----------------------------------------------------- */

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

static const method_def_t tuple_methods[] = {
    SEQ_COMMON, {"__getitem__", tuple_getitem},
    {"__add__", tuple_add}, {"__mul__", tuple_mul}, {"__rmul__", tuple_mul},
    {"__hash__", tuple_m_hash}, {NULL, NULL}};

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
    type_add_native(vm, t, "__new__", type__m_builtin_new, TM_STATIC);

    t = vm->t_list = new_type(vm, "list", LAYOUT_LIST, sizeof(list_t), true,
                              list__methods);
    t->mark = list__mark;
    t->destroy = list__destroy;
    t->repr = seq_repr;
    t->iter = list_iter;
    t->new_ = list__tp_new;
    set_unhashable(vm, t);

    t = vm->t_range = new_type(vm, "range", LAYOUT_OTHER, sizeof(range_t),
                               false, range__methods);
    t->repr = range__repr;
    t->getattr = range__getattr;
    t->iter = range__iter;
    t->new_ = range__tp_new;

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
                                     sizeof(rangeiter_t), range__rangeiter_next,
                                     NULL);
}
