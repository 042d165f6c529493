/*
 * obj_deque.c - collections.deque and its two iterators, in C.
 *
 * Mirrors CPython 3.11's Modules/_collectionsmodule.c (deque_*,
 * dequeiter_*): the same methods, results, reprs and error messages.
 * The code is looplab's own. asyncio's Queue, Lock, Event, Condition and
 * Semaphore keep their waiters (and Queue its items) in deques, as
 * queues.py and locks.py do, so a program printing q._queue sees
 * deque([...]); queue.c takes items through deque_popleft and
 * deque_append without a method call.
 *
 * Invariants:
 * - The items are a ring: item i at buf[(head + i) & (cap - 1)], cap a
 *   power of two (or 0 with buf NULL), len <= cap.
 * - maxlen < 0 is unbounded; else len <= maxlen after every method.
 * - state counts the changes an iterator must notice (CPython's
 *   deque->state: appends, pops, clear, rotate, remove, insert, del;
 *   not item assignment or reverse), so that an iterator of a deque
 *   changed since raises "deque mutated during iteration".
 */
#include "obj_seq_int.h"

#include <stdint.h>
#include <string.h>

typedef struct deque_iter {
    obj_t hdr;
    deque_t *d;
    size_t index;          /* items given so far */
    size_t left;           /* items still to give (CPython's counter) */
    uint64_t state;        /* the deque's state when the iterator was made */
} deque_iter_t;

/* ---- The ring ----------------------------------------------------------- */

static inline obj_t **slot(deque_t *d, size_t i)
{
    return &d->buf[(d->head + i) & (d->cap - 1)];
}

/* Room for one more item: doubles the ring, items moved to its start. */
static void grow(vm_t *vm, deque_t *d)
{
    size_t nc = d->cap ? d->cap * 2 : 8;
    obj_t **nb = gc_malloc(vm, nc * sizeof(obj_t *));
    for (size_t i = 0; i < d->len; i++) {
        nb[i] = *slot(d, i);
    }
    if (d->buf) {
        gc_free(vm, d->buf, d->cap * sizeof(obj_t *));
    }
    d->buf = nb;
    d->cap = nc;
    d->head = 0;
}

static void push_back(vm_t *vm, deque_t *d, obj_t *x)
{
    if (d->len == d->cap) {
        grow(vm, d);
    }
    *slot(d, d->len++) = x;
}

static void push_front(vm_t *vm, deque_t *d, obj_t *x)
{
    if (d->len == d->cap) {
        grow(vm, d);
    }
    d->head = (d->head + d->cap - 1) & (d->cap - 1);
    d->buf[d->head] = x;
    d->len++;
}

static obj_t *pop_back(deque_t *d)
{
    return *slot(d, --d->len);
}

static obj_t *pop_front(deque_t *d)
{
    obj_t *x = d->buf[d->head];
    d->head = (d->head + 1) & (d->cap - 1);
    d->len--;
    return x;
}

static bool full(const deque_t *d)
{
    return d->maxlen >= 0 && d->len >= (size_t)d->maxlen;
}

/* deque_append_internal: over maxlen, the leftmost item goes. */
void deque_append(vm_t *vm, deque_t *d, obj_t *x)
{
    push_back(vm, d, x);
    d->state++;
    if (d->maxlen >= 0 && d->len > (size_t)d->maxlen) {
        pop_front(d);
    }
}

/* deque_appendleft_internal: over maxlen, the rightmost item goes. */
static void append_left(vm_t *vm, deque_t *d, obj_t *x)
{
    push_front(vm, d, x);
    d->state++;
    if (d->maxlen >= 0 && d->len > (size_t)d->maxlen) {
        pop_back(d);
    }
}

/* deque_popleft; NULL with IndexError when empty. */
obj_t *deque_popleft(vm_t *vm, deque_t *d)
{
    if (d->len == 0) {
        return vm_raise(vm, EXC_IndexError, "pop from an empty deque");
    }
    d->state++;
    return pop_front(d);
}

static void clear(vm_t *vm, deque_t *d)
{
    if (d->buf) {
        gc_free(vm, d->buf, d->cap * sizeof(obj_t *));
    }
    d->buf = NULL;
    d->cap = d->len = d->head = 0;
    d->state++;
}

/* _deque_rotate: n > 0 moves items from the right end to the left. */
static void rotate(deque_t *d, int64_t n)
{
    if (d->len <= 1) {
        return;
    }
    int64_t len = (int64_t)d->len;
    n %= len;
    if (n < 0) {
        n += len;
    }
    d->state++;
    for (int64_t i = 0; i < n; i++) {
        obj_t *x = pop_back(d);
        d->head = (d->head + d->cap - 1) & (d->cap - 1);
        d->buf[d->head] = x;
        d->len++;
    }
}

/* Removes item i (0 <= i < len), shifting the shorter side. */
static void del_at(deque_t *d, size_t i)
{
    if (i < d->len / 2) {
        for (size_t k = i; k > 0; k--) {
            *slot(d, k) = *slot(d, k - 1);
        }
        pop_front(d);
    } else {
        for (size_t k = i; k + 1 < d->len; k++) {
            *slot(d, k) = *slot(d, k + 1);
        }
        d->len--;
    }
    d->state++;
}

/* The items as a new list (PySequence_List of the deque). */
static list_t *as_list(vm_t *vm, deque_t *d)
{
    list_t *l = list_new(vm, d->len);
    for (size_t i = 0; i < d->len; i++) {
        l->items[i] = *slot(d, i);
    }
    return l;
}

/* ---- The type's slots --------------------------------------------------- */

static void deque_mark(vm_t *vm, obj_t *o)
{
    deque_t *d = (deque_t *)o;
    for (size_t i = 0; i < d->len; i++) {
        gc_mark(vm, *slot(d, i));
    }
}

static void deque_destroy(vm_t *vm, obj_t *o)
{
    deque_t *d = (deque_t *)o;
    if (d->buf) {
        gc_free(vm, d->buf, d->cap * sizeof(obj_t *));
        d->buf = NULL;
    }
}

/* deque_new: an empty, unbounded deque of class [self]; __init__ fills
 * it. The class's size has room for a subclass's __dict__ (type.c). */
static obj_t *deque_tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    type_t *cls = (type_t *)self;
    deque_t *d = (deque_t *)gc_alloc(vm, cls, cls->size);
    d->maxlen = -1;
    return (obj_t *)d;
}

obj_t *deque_new(vm_t *vm)
{
    return deque_tp_new(vm, (obj_t *)vm->t_deque, 0, NULL, NULL);
}

size_t deque_len(const deque_t *d)
{
    return d->len;
}

/* A method called through the class (deque.append(d, x)) gets its
 * receiver first in argv: method_vectorcall_O's check. */
static int take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                     const char *name)
{
    if (*self) {
        return 0;
    }
    if (*argc < 1) {
        vm_raise(vm, EXC_TypeError, "unbound method deque.%s() needs an "
                 "argument", name);
        return -1;
    }
    if (!obj_isinstance_t((*argv)[0], vm->t_deque)) {
        vm_raise(vm, EXC_TypeError, "descriptor '%s' for "
                 "'collections.deque' objects doesn't apply to a '%s' "
                 "object", name, type_name((*argv)[0]));
        return -1;
    }
    *self = *(*argv)++;
    (*argc)--;
    return 0;
}

/* How a method's argument count is checked, by its CPython wording:
 * METH_NOARGS / METH_O ("deque.pop() takes no arguments (1 given)"),
 * _PyArg_CheckPositional ("deque.rotate expected at most 1 argument, got
 * 2") or the old-style parser ("insert() takes exactly 2 arguments (1
 * given)"). */
enum { A_SEQ, A_CHECK, A_OLD };

static int nargs(vm_t *vm, const char *qual, int style, int argc,
                 tuple_t *kw, int min, int max)
{
    const char *dot = strrchr(qual, '.');
    const char *bare = dot ? dot + 1 : qual;
    if (style == A_SEQ) {
        return seq__chk_args(vm, qual, argc, kw, min, max);
    }
    if (kw && kw->n > 0) {
        vm_raise(vm, EXC_TypeError, "%s() takes no keyword arguments",
                 style == A_CHECK ? qual : bare);
        return -1;
    }
    if (argc >= min && argc <= max) {
        return 0;
    }
    int lim = argc < min ? min : max;
    const char *how = min == max ? "exactly" : argc < min ? "at least"
                                                          : "at most";
    if (style == A_CHECK) {
        vm_raise(vm, EXC_TypeError, "%s expected %s%s%d argument%s, got %d",
                 qual, min == max ? "" : how, min == max ? "" : " ", lim,
                 lim == 1 ? "" : "s", argc);
    } else {
        vm_raise(vm, EXC_TypeError, "%s() takes %s %d argument%s (%d given)",
                 bare, how, lim, lim == 1 ? "" : "s", argc);
    }
    return -1;
}

/* The receiver, then the arguments checked as [style] says. */
#define DSELF_AS(name, style, min, max)                                     \
    TRY(take_self(vm, &self, &argc, &argv, (name)));                        \
    TRY(nargs(vm, "deque." name, (style), argc, kw, (min), (max)));         \
    deque_t *d = (deque_t *)self
#define DSELF(name, min, max) DSELF_AS(name, A_SEQ, min, max)

/* extend's body: [it] an iterator; every item appended (or appended on
 * the left). */
static int extend_iter(vm_t *vm, deque_t *d, obj_t *it, bool left)
{
    vm_pin(vm, it);
    int rc = 0;
    for (;;) {
        obj_t *x = obj_next(vm, it);
        if (!x) {
            rc = vm->exc ? -1 : 0;
            break;
        }
        if (left) {
            append_left(vm, d, x);
        } else {
            deque_append(vm, d, x);
        }
    }
    vm->nextra--;
    return rc;
}

/* deque_extend / deque_extendleft. Extending by itself extends by a copy
 * of its items. */
static int extend(vm_t *vm, deque_t *d, obj_t *iterable, bool left)
{
    if (iterable == (obj_t *)d) {
        list_t *l = list_new(vm, d->len);
        for (size_t i = 0; i < d->len; i++) {
            l->items[i] = *slot(d, i);
        }
        iterable = (obj_t *)l;
    }
    obj_t *it = obj_iter(vm, iterable);
    if (!it) {
        return -1;
    }
    return extend_iter(vm, d, it, left);
}

/* deque_init: deque(iterable=(), maxlen=None). */
NATIVE(deque_m_init)
{
    static const char *const names[] = {"iterable", "maxlen"};
    obj_t *a[2] = {NULL, NULL};
    TRY(take_self(vm, &self, &argc, &argv, "__init__"));
    for (size_t i = 0; kw && i < kw->n; i++) {
        str_t *k = (str_t *)kw->items[i];
        if (strcmp(k->s, names[0]) != 0 && strcmp(k->s, names[1]) != 0) {
            return vm_raise(vm, EXC_TypeError, "'%s' is an invalid keyword "
                            "argument for deque()", k->s);
        }
    }
    if (kw && kw->n > 0) {
        TRY(vm_parse_args(vm, "deque", argc, argv, kw, 0, 2, names, 2, a));
    } else if (argc > 2) {
        return vm_raise(vm, EXC_TypeError, "deque() takes at most 2 "
                        "arguments (%d given)", argc);
    } else {
        a[0] = argc > 0 ? argv[0] : NULL;
        a[1] = argc > 1 ? argv[1] : NULL;
    }
    deque_t *d = (deque_t *)self;
    int64_t maxlen = -1;
    if (a[1] && a[1] != vm->none) {
        if (!obj_isinstance_t(a[1], vm->t_int)) {
            return vm_raise(vm, EXC_TypeError, "an integer is required");
        }
        maxlen = OBJ_INT(a[1]);
        if (maxlen < 0) {
            return vm_raise(vm, EXC_ValueError,
                            "maxlen must be non-negative");
        }
    }
    d->maxlen = maxlen;
    if (d->len > 0) {
        clear(vm, d);
    }
    if (a[0]) {
        TRY(extend(vm, d, a[0], false));
    }
    return vm->none;
}

NATIVE(deque_m_append)
{
    DSELF("append", ONEARG, 0);
    deque_append(vm, d, argv[0]);
    return vm->none;
}

NATIVE(deque_m_appendleft)
{
    DSELF("appendleft", ONEARG, 0);
    append_left(vm, d, argv[0]);
    return vm->none;
}

NATIVE(deque_m_pop)
{
    DSELF("pop", NOARGS, 0);
    if (d->len == 0) {
        return vm_raise(vm, EXC_IndexError, "pop from an empty deque");
    }
    d->state++;
    return pop_back(d);
}

NATIVE(deque_m_popleft)
{
    DSELF("popleft", NOARGS, 0);
    return deque_popleft(vm, d);
}

NATIVE(deque_m_extend)
{
    DSELF("extend", ONEARG, 0);
    TRY(extend(vm, d, argv[0], false));
    return vm->none;
}

NATIVE(deque_m_extendleft)
{
    DSELF("extendleft", ONEARG, 0);
    TRY(extend(vm, d, argv[0], true));
    return vm->none;
}

NATIVE(deque_m_clear)
{
    DSELF("clear", NOARGS, 0);
    clear(vm, d);
    return vm->none;
}

/* deque_copy: an exact deque copies itself; a subclass is called as
 * type(d)(d) or type(d)(d, maxlen). */
static obj_t *copy(vm_t *vm, deque_t *d)
{
    if (TYPE(d) == vm->t_deque) {
        deque_t *c = (deque_t *)deque_new(vm);
        c->maxlen = d->maxlen;
        for (size_t i = 0; i < d->len; i++) {
            push_back(vm, c, *slot(d, i));
        }
        return (obj_t *)c;
    }
    obj_t *args[2] = {(obj_t *)d, NULL};
    int n = 1;
    if (d->maxlen >= 0) {
        args[1] = int_new(vm, d->maxlen);
        n = 2;
    }
    return vm_call(vm, (obj_t *)TYPE(d), n, args, NULL);
}

NATIVE(deque_m_copy)
{
    DSELF("copy", NOARGS, 0);
    return copy(vm, d);
}

/* Item i compared with [x] by ==, identity first; -1 on error, -2 when
 * the comparison changed the deque (the caller's RuntimeError). */
static int item_is(vm_t *vm, deque_t *d, size_t i, obj_t *x)
{
    uint64_t state = d->state;
    obj_t *item = *slot(d, i);
    int r = item == x ? 1 : obj_eq(vm, item, x);
    if (r >= 0 && d->state != state) {
        return -2;
    }
    return r;
}

static obj_t *mutated(vm_t *vm)
{
    return vm_raise(vm, EXC_RuntimeError, "deque mutated during iteration");
}

/* The first i in [start, stop) whose item equals [x]: i, or -1 when none
 * does, or -2 with the error raised (a comparison's, or "deque mutated
 * during iteration" when one changed the deque: a RuntimeError, but an
 * IndexError from remove, as deque_remove raises). */
static int64_t find(vm_t *vm, deque_t *d, obj_t *x, int64_t start,
                    int64_t stop, int exc)
{
    for (int64_t i = start; i < stop && i < (int64_t)d->len; i++) {
        int r = item_is(vm, d, (size_t)i, x);
        if (r == -2) {
            vm_raise(vm, exc, "deque mutated during iteration");
            return -2;
        }
        if (r < 0) {
            return -2;
        }
        if (r) {
            return i;
        }
    }
    return -1;
}

static obj_t *not_in_deque(vm_t *vm, obj_t *x)
{
    str_t *s = obj_repr(vm, x);
    return s ? vm_raise(vm, EXC_ValueError, "%s is not in deque", s->s)
             : NULL;
}

NATIVE(deque_m_count)
{
    DSELF("count", ONEARG, 0);
    int64_t n = 0;
    for (size_t i = 0; i < d->len; i++) {
        int r = item_is(vm, d, i, argv[0]);
        if (r == -2) {
            return mutated(vm);
        }
        TRY(r);
        n += r;
    }
    return int_new(vm, n);
}

/* A start or stop of index(): an int or __index__, clamped as
 * _PyEval_SliceIndexNotNone then deque_index clamp it. */
static int bound(vm_t *vm, obj_t *o, int64_t len, int64_t *out)
{
    int64_t v;
    if (!seq__is_index(vm, o)) {
        vm_raise(vm, EXC_TypeError, "slice indices must be integers or "
                 "have an __index__ method");
        return -1;
    }
    if (obj_index(vm, o, &v) < 0) {
        return -1;
    }
    if (v < 0) {
        v += len;
        if (v < 0) {
            v = 0;
        }
    }
    *out = v > len ? len : v;
    return 0;
}

NATIVE(deque_m_index)
{
    DSELF_AS("index", A_OLD, 1, 3);
    int64_t len = (int64_t)d->len, start = 0, stop = len;
    if (argc > 1) {
        TRY(bound(vm, argv[1], len, &start));
    }
    if (argc > 2) {
        TRY(bound(vm, argv[2], len, &stop));
    }
    int64_t i = find(vm, d, argv[0], start, stop, EXC_RuntimeError);
    return i >= 0 ? int_new(vm, i) : i == -1 ? not_in_deque(vm, argv[0]) : NULL;
}

NATIVE(deque_m_insert)
{
    DSELF_AS("insert", A_OLD, 2, 2);
    int64_t i;
    TRY(obj_index(vm, argv[0], &i));
    if (full(d)) {
        return vm_raise(vm, EXC_IndexError,
                        "deque already at its maximum size");
    }
    int64_t len = (int64_t)d->len;
    if (i < 0) {
        i += len;
        if (i < 0) {
            i = 0;
        }
    }
    if (i > len) {
        i = len;
    }
    push_back(vm, d, argv[1]);
    for (int64_t k = len; k > i; k--) {
        *slot(d, (size_t)k) = *slot(d, (size_t)k - 1);
    }
    *slot(d, (size_t)i) = argv[1];
    d->state++;
    return vm->none;
}

NATIVE(deque_m_remove)
{
    DSELF("remove", ONEARG, 0);
    int64_t i = find(vm, d, argv[0], 0, (int64_t)d->len, EXC_IndexError);
    if (i >= 0) {
        del_at(d, (size_t)i);
        return vm->none;
    }
    return i == -1 ? not_in_deque(vm, argv[0]) : NULL;
}

NATIVE(deque_m_reverse)
{
    DSELF("reverse", NOARGS, 0);
    for (size_t i = 0, j = d->len; i + 1 < j; i++, j--) {
        obj_t *t = *slot(d, i);
        *slot(d, i) = *slot(d, j - 1);
        *slot(d, j - 1) = t;
    }
    return vm->none;
}

NATIVE(deque_m_rotate)
{
    DSELF_AS("rotate", A_CHECK, 0, 1);
    int64_t n = 1;
    if (argc > 0) {
        TRY(obj_index(vm, argv[0], &n));
    }
    rotate(d, n);
    return vm->none;
}

/* An item subscript: deque_item's and deque_ass_item's checks. */
static int item_index(vm_t *vm, deque_t *d, obj_t *key, size_t *out)
{
    int64_t i;
    if (!seq__is_index(vm, key)) {
        vm_raise(vm, EXC_TypeError, "sequence index must be integer, not "
                 "'%s'", type_name(key));
        return -1;
    }
    if (obj_index(vm, key, &i) < 0) {
        return -1;
    }
    if (i < 0) {
        i += (int64_t)d->len;
    }
    if (i < 0 || i >= (int64_t)d->len) {
        vm_raise(vm, EXC_IndexError, "deque index out of range");
        return -1;
    }
    *out = (size_t)i;
    return 0;
}

NATIVE(deque_m_getitem)
{
    DSELF("__getitem__", ONEARG, 0);
    size_t i;
    TRY(item_index(vm, d, argv[0], &i));
    return *slot(d, i);
}

NATIVE(deque_m_setitem)
{
    DSELF("__setitem__", 2, 2);
    size_t i;
    TRY(item_index(vm, d, argv[0], &i));
    *slot(d, i) = argv[1];
    return vm->none;
}

NATIVE(deque_m_delitem)
{
    DSELF("__delitem__", ONEARG, 0);
    size_t i;
    TRY(item_index(vm, d, argv[0], &i));
    del_at(d, i);
    return vm->none;
}

NATIVE(deque_m_contains)
{
    DSELF("__contains__", ONEARG, 0);
    int64_t i = find(vm, d, argv[0], 0, (int64_t)d->len, EXC_RuntimeError);
    return i >= 0 ? vm->true_ : i == -1 ? vm->false_ : NULL;
}

NATIVE(deque_m_len)
{
    DSELF("__len__", NOARGS, 0);
    return int_new(vm, (int64_t)d->len);
}

/* deque_repr: "deque([...])", "deque([...], maxlen=N)", the class's name
 * for a subclass; "[...]" for a deque inside its own repr. */
static obj_t *deque_repr(vm_t *vm, obj_t *o)
{
    deque_t *d = (deque_t *)o;
    if (o->flags & OF_REPR) {
        return (obj_t *)str_new(vm, "[...]", 5);
    }
    list_t *l = as_list(vm, d);
    vm_pin(vm, (obj_t *)l);
    o->flags |= OF_REPR;
    str_t *items = obj_repr(vm, (obj_t *)l);
    o->flags &= (uint8_t)~OF_REPR;
    vm->nextra--;
    if (!items) {
        return NULL;
    }
    const char *name = TYPE(o)->name->s;
    if (d->maxlen >= 0) {
        return (obj_t *)str_fmt(vm, "%s(%s, maxlen=%lld)", name, items->s,
                                (long long)d->maxlen);
    }
    return (obj_t *)str_fmt(vm, "%s(%s)", name, items->s);
}

NATIVE(deque_m_repr)
{
    DSELF("__repr__", NOARGS, 0);
    return deque_repr(vm, (obj_t *)d);
}

/* deque_richcompare: deques compare as lists of their items; anything
 * else is NotImplemented. */
static obj_t *compare(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw, const char *name, int op)
{
    TRY(take_self(vm, &self, &argc, &argv, name));
    TRY(seq__chk_args(vm, name, argc, kw, 1, 1));
    if (!obj_isinstance_t(argv[0], vm->t_deque)) {
        return vm->notimpl;
    }
    list_t *a = as_list(vm, (deque_t *)self);
    vm_pin(vm, (obj_t *)a);
    list_t *b = as_list(vm, (deque_t *)argv[0]);
    vm_pin(vm, (obj_t *)b);
    obj_t *r = obj_compare(vm, (obj_t *)a, (obj_t *)b, op);
    vm->nextra -= 2;
    return r;
}

#define CMP(fn, name, op)                                                   \
    NATIVE(fn)                                                              \
    {                                                                       \
        return compare(vm, self, argc, argv, kw, name, op);                 \
    }
CMP(deque_m_lt, "__lt__", CMP_LT)
CMP(deque_m_le, "__le__", CMP_LE)
CMP(deque_m_eq, "__eq__", CMP_EQ)
CMP(deque_m_ne, "__ne__", CMP_NE)
CMP(deque_m_gt, "__gt__", CMP_GT)
CMP(deque_m_ge, "__ge__", CMP_GE)

/* deque_concat: a copy of self extended by another deque. */
NATIVE(deque_m_add)
{
    DSELF("__add__", ONEARG, 0);
    if (!obj_isinstance_t(argv[0], vm->t_deque)) {
        return vm_raise(vm, EXC_TypeError, "can only concatenate deque "
                        "(not \"%s\") to deque", type_name(argv[0]));
    }
    obj_t *c = copy(vm, d);
    if (!c) {
        return NULL;
    }
    if (!obj_isinstance_t(c, vm->t_deque)) {
        return c;  // a subclass's constructor made something else
    }
    vm_pin(vm, c);
    int rc = extend(vm, (deque_t *)c, argv[0], false);
    vm->nextra--;
    return rc < 0 ? NULL : c;
}

NATIVE(deque_m_iadd)
{
    DSELF("__iadd__", ONEARG, 0);
    TRY(extend(vm, d, argv[0], false));
    return (obj_t *)d;
}

/* The repeat count of * and *= (sq_repeat: an index, else NotImplemented
 * for the other operand's __rmul__, and at last the sequence error). */
static int repeat_count(vm_t *vm, obj_t *n, int64_t *out)
{
    if (!seq__is_index(vm, n)) {
        vm_raise(vm, EXC_TypeError, "can't multiply sequence by non-int of "
                 "type '%s'", type_name(n));
        return -1;
    }
    return obj_index(vm, n, out);
}

/* deque_inplace_repeat: the items n times over, as appends would make
 * them (so trimmed to maxlen from the left). With a maxlen, the last
 * maxlen items of n copies are those of a few: the copies end aligned. */
static int repeat(vm_t *vm, deque_t *d, int64_t n)
{
    size_t len = d->len;
    if (n <= 0 || len == 0) {
        if (n <= 0) {
            clear(vm, d);
        }
        return 0;
    }
    if (d->maxlen >= 0 && (uint64_t)n > (uint64_t)d->maxlen / len + 2) {
        n = d->maxlen / (int64_t)len + 2;
    }
    if ((uint64_t)n > ((uint64_t)1 << 31) / len) {
        vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
        return -1;
    }
    list_t *items = as_list(vm, d);
    vm_pin(vm, (obj_t *)items);
    for (int64_t k = 1; k < n; k++) {
        for (size_t i = 0; i < len; i++) {
            deque_append(vm, d, items->items[i]);
        }
    }
    vm->nextra--;
    return 0;
}

NATIVE(deque_m_imul)
{
    DSELF("__imul__", ONEARG, 0);
    int64_t n;
    TRY(repeat_count(vm, argv[0], &n));
    TRY(repeat(vm, d, n));
    return (obj_t *)d;
}

NATIVE(deque_m_mul)
{
    DSELF("__mul__", ONEARG, 0);
    int64_t n;
    TRY(repeat_count(vm, argv[0], &n));
    obj_t *c = copy(vm, d);
    if (!c || !obj_isinstance_t(c, vm->t_deque)) {
        return c;
    }
    vm_pin(vm, c);
    int rc = repeat(vm, (deque_t *)c, n);
    vm->nextra--;
    return rc < 0 ? NULL : c;
}

NATIVE(deque_m_copy_dunder)
{
    DSELF("__copy__", NOARGS, 0);
    return copy(vm, d);
}

static obj_t *g_maxlen(vm_t *vm, obj_t *o)
{
    deque_t *d = (deque_t *)o;
    return d->maxlen < 0 ? vm->none : int_new(vm, d->maxlen);
}

/* ---- Iterators ---------------------------------------------------------- */

static void iter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((deque_iter_t *)o)->d);
}

static obj_t *make_iter(vm_t *vm, deque_t *d, type_t *t)
{
    deque_iter_t *it = (deque_iter_t *)gc_alloc(vm, t, sizeof(deque_iter_t));
    it->d = d;
    it->left = d->len;
    it->state = d->state;
    return (obj_t *)it;
}

static obj_t *deque_iter(vm_t *vm, obj_t *o)
{
    return make_iter(vm, (deque_t *)o, vm->t_deque_iter);
}

/* dequeiter_next and dequereviter_next: the change check comes before
 * the end check, so a deque changed after its last item was given still
 * raises. */
static obj_t *iter_take(vm_t *vm, obj_t *o, bool reverse)
{
    deque_iter_t *it = (deque_iter_t *)o;
    if (it->d->state != it->state) {
        it->left = 0;
        return mutated(vm);
    }
    if (it->left == 0) {
        return NULL;
    }
    it->left--;
    return *slot(it->d, reverse ? it->left : it->index++);
}

static obj_t *iter_next(vm_t *vm, obj_t *o)
{
    return iter_take(vm, o, false);
}

static obj_t *reviter_next(vm_t *vm, obj_t *o)
{
    return iter_take(vm, o, true);
}

NATIVE(deque_m_reversed)
{
    DSELF("__reversed__", NOARGS, 0);
    return make_iter(vm, d, vm->t_deque_reviter);
}

static obj_t *iter_self(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

/* ---- Initialisation ----------------------------------------------------- */

static const method_def_t deque_methods[] = {
    {"__init__", deque_m_init}, {"append", deque_m_append},
    {"appendleft", deque_m_appendleft}, {"pop", deque_m_pop},
    {"popleft", deque_m_popleft}, {"extend", deque_m_extend},
    {"extendleft", deque_m_extendleft}, {"clear", deque_m_clear},
    {"copy", deque_m_copy}, {"__copy__", deque_m_copy_dunder},
    {"count", deque_m_count}, {"index", deque_m_index},
    {"insert", deque_m_insert}, {"remove", deque_m_remove},
    {"reverse", deque_m_reverse}, {"rotate", deque_m_rotate},
    {"__getitem__", deque_m_getitem}, {"__setitem__", deque_m_setitem},
    {"__delitem__", deque_m_delitem}, {"__contains__", deque_m_contains},
    {"__len__", deque_m_len}, {"__repr__", deque_m_repr},
    {"__reversed__", deque_m_reversed}, {"__lt__", deque_m_lt},
    {"__le__", deque_m_le}, {"__eq__", deque_m_eq}, {"__ne__", deque_m_ne},
    {"__gt__", deque_m_gt}, {"__ge__", deque_m_ge},
    {"__add__", deque_m_add}, {"__iadd__", deque_m_iadd},
    {"__mul__", deque_m_mul}, {"__rmul__", deque_m_mul},
    {"__imul__", deque_m_imul}, {NULL, NULL}};

static type_t *iter_type(vm_t *vm, const char *name, const char *tpname,
                         obj_t *(*next)(vm_t *, obj_t *))
{
    type_t *t = type_new_builtin(vm, name, NULL, LAYOUT_OTHER,
                                 sizeof(deque_iter_t));
    t->module = str_intern(vm, "_collections");
    t->tpname = str_intern(vm, tpname);
    t->flags &= ~(uint32_t)TF_BASETYPE;
    t->mark = iter_mark;
    t->iter = iter_self;
    t->next = next;
    t->new_ = NULL;
    return t;
}

module_t *obj_deque_init(vm_t *vm)
{
    type_t *t = type_new_builtin(vm, "deque", NULL, LAYOUT_OTHER,
                                 sizeof(deque_t));
    t->module = str_intern(vm, "collections");
    t->tpname = str_intern(vm, "collections.deque");
    t->mark = deque_mark;
    t->destroy = deque_destroy;
    t->repr = deque_repr;
    t->iter = deque_iter;
    t->new_ = deque_tp_new;
    for (const method_def_t *m = deque_methods; m->name; m++) {
        type_add_method(vm, t, m->name, m->fn);
    }
    type_add_getset(vm, t, "maxlen", g_maxlen, NULL);
    dict_set_cstr(vm, t->dict, "__hash__", vm->none);
    vm->t_deque = t;
    vm->t_deque_iter = iter_type(vm, "_deque_iterator",
                                 "_collections._deque_iterator", iter_next);
    vm->t_deque_reviter = iter_type(vm, "_deque_reverse_iterator",
                                    "_collections._deque_reverse_iterator",
                                    reviter_next);
    module_t *m = module_new(vm, "_collections");
    dict_set_cstr(vm, m->dict, "deque", (obj_t *)t);
    return m;
}
