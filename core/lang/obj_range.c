/*
 * obj_range.c - the built-in range type and its iterator.
 *
 * Mirrors the observable behaviour of CPython 3.11's
 * Objects/rangeobject.c: same results, same error messages, same hash
 * values. The code is looplab's own. The type is registered by
 * obj_seq_init (obj_seq.c).
 *
 * Invariants:
 * - range_t holds int64 bounds; lengths are computed in uint64 so that
 *   extreme bounds cannot overflow.
 * - A range iterator counts the items left (left) rather than comparing
 *   with the stop, for the same reason.
 */
#include "obj_seq_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

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

obj_t *range__tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                     tuple_t *kw)
{
    int64_t v[3] = {0, 0, 1};
    (void)self;
    TRY(seq__chk_args(vm, "range", 0, kw, 0, 0));
    TRY(seq__chk_args(vm, "range", argc, NULL, 1, 3));
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

obj_t *range__repr(vm_t *vm, obj_t *o)
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
    return range__repr(vm, self);
}

obj_t *range__getattr(vm_t *vm, obj_t *o, str_t *name)
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
    if (seq__is_index(vm, key)) {
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
    TRY(seq__chk_args(vm, "range.index", argc, kw, ONEARG, 0));
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
    TRY(seq__chk_args(vm, "range.count", argc, kw, ONEARG, 0));
    int64_t c = range_search(vm, (range_t *)self, argv[0], true);
    return c == -2 ? NULL : int_new(vm, c);
}

/* Equal ranges produce the same sequence (range_equals); only == and !=
 * are defined. */
static obj_t *range_cmp(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        bool ne)
{
    TRY(seq__chk_args(vm, NULL, argc, NULL, 1, 1));
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

obj_t *range__iter(vm_t *vm, obj_t *o)
{
    range_t *r = (range_t *)o;
    return rangeiter_new(vm, r->start, r->step, range_ulen(r));
}

obj_t *range__rangeiter_next(vm_t *vm, obj_t *o)
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
    return range__iter(vm, self);
}

NATIVE(range_m_reversed)
{
    SELF(vm->t_range, "__reversed__");
    TRY(seq__chk_args(vm, "range.__reversed__", argc, kw, NOARGS, 0));
    range_t *r = (range_t *)self;
    uint64_t n = range_ulen(r);
    return rangeiter_new(vm, n ? range_at(r, n - 1) : r->start,
                         (int64_t)(0 - (uint64_t)r->step), n);
}

/* ---- Method table (registered by obj_seq_init) -------------------------- */

const method_def_t range__methods[] = {
    {"__repr__", range_m_repr}, {"__len__", range_len},
    {"__getitem__", range_getitem}, {"__contains__", range_contains},
    {"__iter__", range_m_iter}, {"__reversed__", range_m_reversed},
    {"__eq__", range_eq}, {"__ne__", range_ne}, {"__hash__", range_hash},
    {"index", range_m_index}, {"count", range_m_count}, {NULL, NULL}};
