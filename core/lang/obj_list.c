/*
 * obj_list.c - the built-in list type: storage, indexing and slice
 * assignment, concatenation and repetition, the mutating methods, and
 * list.sort.
 *
 * Mirrors the observable behaviour of CPython 3.11's Objects/listobject.c
 * (with the run detection and binary insertion of Objects/listsort.txt):
 * same results, same error messages. The code is looplab's own. The
 * methods list shares with tuple (comparison, repr, count, index,
 * iteration) and the registration of the type are in obj_seq.c.
 *
 * Invariants:
 * - list_t: items[0..n) are live pointers, cap >= n is the size of the
 *   owned buffer in slots, items may be NULL when cap == 0. While
 *   list_sort runs the list is detached (items NULL, n == cap == 0) so
 *   that a key function or __lt__ that mutates it is detected.
 * - Loops that may run user code (__eq__, __repr__, ...) re-read a list's
 *   n and items on every step, because that code may mutate the list.
 * - Code that holds a new, unreachable object while running user code
 *   raises vm->nogc so that no collection can free it meanwhile.
 */
#include "obj_seq_int.h"

#include <stdint.h>
#include <string.h>

/* ---- List --------------------------------------------------------------- */

/* The slot count to grow to for need items: about 1/8 more, for
 * amortised O(1) appends. 0 when the byte size would overflow. */
static size_t list_grown_cap(size_t need)
{
    if (need > (SIZE_MAX / sizeof(obj_t *)) / 2) {
        return 0;
    }
    return need + (need >> 3) + (need < 9 ? 3 : 6);
}

/* Moves the items back to the start of their buffer (off = 0), so that
 * the buffer can be reallocated or handed to code that expects items to
 * be the buffer. */
static void list_unshift(list_t *l)
{
    if (l->off) {
        obj_t **base = l->items - l->off;
        memmove(base, l->items, l->n * sizeof(obj_t *));
        l->items = base;
        l->cap += l->off;
        l->off = 0;
    }
}

/* Makes room for need items. The program decides the sizes here, so the
 * growth is fallible: -1 with MemoryError raised (l unchanged) when it
 * would pass --max-memory or malloc fails. */
static int list_reserve(vm_t *vm, list_t *l, size_t need)
{
    if (need <= l->cap) {
        return 0;
    }
    list_unshift(l);
    if (need <= l->cap) {
        return 0;
    }
    size_t nc = list_grown_cap(need);
    obj_t **items = nc ? gc_try_realloc(vm, l->items,
                                        l->cap * sizeof(obj_t *),
                                        nc * sizeof(obj_t *))
                       : NULL;
    if (!items) {
        if (!nc) {
            vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
        }
        return -1;
    }
    l->items = items;
    l->cap = nc;
    return 0;
}

static list_t *list_alloc(vm_t *vm, type_t *t)
{
    size_t size = t->size > sizeof(list_t) ? t->size : sizeof(list_t);
    return (list_t *)gc_alloc(vm, t, size);
}

/* A plain list holding a copy of items[0..n), or n Nones; NULL with
 * MemoryError raised when n items do not fit (never for n == 0). */
static list_t *list_of(vm_t *vm, obj_t **items, size_t n)
{
    list_t *l = list_alloc(vm, vm->t_list);
    if (list_reserve(vm, l, n) < 0) {
        return NULL;
    }
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
        list_unshift(l);
    }
    if (l->n == l->cap) {
        // The interpreter's own small lists: no ceiling, and malloc
        // failure aborts in gc_realloc (the callers cannot report it).
        size_t nc = list_grown_cap(l->n + 1);
        l->items = gc_realloc(vm, l->items, l->cap * sizeof(obj_t *),
                              nc * sizeof(obj_t *));
        l->cap = nc;
    }
    l->items[l->n++] = v;
}

int list_try_append(vm_t *vm, list_t *l, obj_t *v)
{
    if (l->n == l->cap && list_reserve(vm, l, l->n + 1) < 0) {
        return -1;
    }
    l->items[l->n++] = v;
    return 0;
}

tuple_t *list_to_tuple(vm_t *vm, list_t *l)
{
    return seq__tuple_of(vm, vm->t_tuple, l->items, l->n);
}

void list__mark(vm_t *vm, obj_t *o)
{
    list_t *l = (list_t *)o;
    for (size_t i = 0; i < l->n; i++) {
        gc_mark(vm, l->items[i]);
    }
}

void list__destroy(vm_t *vm, obj_t *o)
{
    list_t *l = (list_t *)o;
    if (l->items) {
        gc_free(vm, l->items - l->off, (l->cap + l->off) * sizeof(obj_t *));
    }
    l->items = NULL;
    l->n = l->cap = l->off = 0;
}

int list_extend_from_iter(vm_t *vm, list_t *l, obj_t *it)
{
    /* A range iterator knows its length: like CPython's length hint, room
     * for all of it is made first, so list(range(10**12)) fails at once
     * instead of after filling the memory. */
    if (TYPE(it) == vm->t_range_iter) {
        uint64_t left = ((rangeiter_t *)it)->left;
        if (left > SIZE_MAX - l->n) {
            vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
            return -1;
        }
        if (list_reserve(vm, l, l->n + (size_t)left) < 0) {
            return -1;
        }
    }
    for (obj_t *v; (v = obj_next(vm, it));) {
        if (list_try_append(vm, l, v) < 0) {
            return -1;
        }
    }
    return vm->exc ? -1 : 0;
}

/* list_extend: exact lists and tuples (and the list itself) by their
 * items; anything else, subclasses with their own __iter__ included,
 * through iteration. */
static int list_extend(vm_t *vm, list_t *l, obj_t *src)
{
    if (TYPE(src) == vm->t_list || TYPE(src) == vm->t_tuple ||
        src == (obj_t *)l) {
        size_t n;
        seq__items(vm, src, &n);
        if (n == 0) {
            return 0; /* l->items may be NULL: no memcpy from or to it */
        }
        if (list_reserve(vm, l, l->n + n) < 0) {
            return -1;
        }
        /* Read the items after reserving: src may be l itself. */
        memcpy(l->items + l->n, seq__items(vm, src, &n), n * sizeof(obj_t *));
        l->n += n;
        return 0;
    }
    obj_t *it = obj_iter(vm, src);
    return it ? list_extend_from_iter(vm, l, it) : -1;
}

/* The items of [v] in a new list, like PySequence_Fast: lists and tuples
 * are copied, other iterables drained. With [msg], a non-iterable raises
 * TypeError(msg) instead of "... is not iterable". */
list_t *list__seq_fast(vm_t *vm, obj_t *v, const char *msg)
{
    size_t n;
    if (TYPE(v) == vm->t_list || TYPE(v) == vm->t_tuple) {
        obj_t **items = seq__items(vm, v, &n);
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
    int rc = list_extend_from_iter(vm, r, it);
    vm->nogc--;
    return rc < 0 ? NULL : r;
}

/* Replaces items [lo, hi) by v[0..vn), 0 <= lo <= hi <= n; -1 with
 * MemoryError raised (l unchanged) when the result does not fit. */
static int list_replace(vm_t *vm, list_t *l, size_t lo, size_t hi,
                        obj_t **v, size_t vn)
{
    size_t n = l->n;
    if (lo == 0 && vn == 0 && hi < n) {
        // A prefix goes: move the start instead of the rest. Once more
        // than half the buffer is dead, compact (amortised O(1)).
        l->items += hi;
        l->off += hi;
        l->cap -= hi;
        l->n = n - hi;
        if (l->off > 16 && l->off > l->n) {
            list_unshift(l);
        }
        return 0;
    }
    if (list_reserve(vm, l, n - (hi - lo) + vn) < 0) {
        return -1;
    }
    if (n > hi) {
        memmove(l->items + lo + vn, l->items + hi, (n - hi) * sizeof(obj_t *));
    }
    if (vn > 0) {
        memcpy(l->items + lo, v, vn * sizeof(obj_t *));
    }
    l->n = n - (hi - lo) + vn;
    return 0;
}

/* CPython's list.__new__ ignores its arguments and list.__init__ fills the
 * list. Here the constructor fills it when the class keeps list's own
 * __init__, so list(x) works whether or not the caller runs __init__
 * next, and OF_NEWFILLED makes that __init__ skip. A class with its own
 * __init__ gets an empty list, like CPython. */
static int list_fill(vm_t *vm, list_t *l, int argc, obj_t **argv,
                     tuple_t *kw)
{
    if (seq__chk_args(vm, "list", 0, kw, 0, 0) < 0 ||
        seq__chk_args(vm, "list", argc, NULL, 0, 1) < 0) {
        return -1;
    }
    list__destroy(vm, (obj_t *)l);
    return argc == 1 ? list_extend(vm, l, argv[0]) : 0;
}

obj_t *list__tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw)
{
    type_t *t = (type_t *)self;
    list_t *l = list_alloc(vm, t);
    if ((argc > 0 || (kw && kw->n > 0)) &&
        (t == vm->t_list || type_lookup(vm, t, vm->s.__init__) ==
                                type_lookup(vm, vm->t_list, vm->s.__init__))) {
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
    if (seq__is_index(vm, key)) {
        size_t i;
        TRY(seq__pos(vm, key, l->n, "list index out of range", &i));
        return l->items[i];
    }
    if (TYPE(key) != vm->t_slice) {
        return bad_list_index(vm, key);
    }
    int64_t a, b, st;
    TRY(seq__slice_unpack(vm, key, &a, &b, &st));
    /* Adjust only now: an __index__ may have changed the list. */
    int64_t cnt = seq__slice_adjust((int64_t)l->n, &a, &b, st);
    list_t *r = list_of(vm, NULL, (size_t)cnt);
    if (!r) {
        return NULL;
    }
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
    if (seq__slice_unpack(vm, key, &a, &b, &st) < 0) {
        return -1;
    }
    /* A copy of v, so that l[:] = l and l[::-1] = l work. */
    if (v && !(src = list__seq_fast(vm, v,
                                    st == 1 ? "can only assign an iterable"
                                            : "must assign iterable to "
                                              "extended slice"))) {
        return -1;
    }
    int64_t cnt = seq__slice_adjust((int64_t)l->n, &a, &b, st);
    if (st == 1) {
        return list_replace(vm, l, (size_t)a, (size_t)(b < a ? a : b),
                            src ? src->items : NULL, src ? src->n : 0);
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
    if (seq__is_index(vm, key)) {
        size_t i;
        TRY(seq__pos(vm, key, l->n, "list assignment index out of range", &i));
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
    if (!seq__is_list(vm, argv[0])) {
        return seq__bad_concat(vm, "list", argv[0]);
    }
    list_t *a = (list_t *)self, *b = (list_t *)argv[0];
    list_t *r = list_of(vm, a->items, a->n);
    if (!r || list_replace(vm, r, a->n, a->n, b->items, b->n) < 0) {
        return NULL;
    }
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
    if (seq__repeat_count(vm, o, n, &k, &err) < 0) {
        return err;
    }
    list_t *r = inplace ? l : list_of(vm, NULL, 0);
    if (k == 0) {
        list__destroy(vm, (obj_t *)r);
        return (obj_t *)r;
    }
    if (list_reserve(vm, r, n * k) < 0) {
        return NULL;
    }
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
    TRY(seq__chk_args(vm, "list.__reversed__", argc, kw, NOARGS, 0));
    return seq__seqiter_new(vm, vm->t_list_reviter, self,
                            (int64_t)((list_t *)self)->n - 1);
}

NATIVE(list_m_append)
{
    SELF(vm->t_list, "append");
    TRY(seq__chk_args(vm, "list.append", argc, kw, ONEARG, 0));
    TRY(list_try_append(vm, (list_t *)self, argv[0]));
    return vm->none;
}

NATIVE(list_m_extend)
{
    SELF(vm->t_list, "extend");
    TRY(seq__chk_args(vm, "list.extend", argc, kw, ONEARG, 0));
    TRY(list_extend(vm, (list_t *)self, argv[0]));
    return vm->none;
}

NATIVE(list_m_insert)
{
    int64_t i;
    SELF(vm->t_list, "insert");
    TRY(seq__chk_args(vm, "list.insert", argc, kw, 2, 2));
    TRY(obj_index(vm, argv[0], &i));
    int64_t n = (int64_t)((list_t *)self)->n;
    i = i < 0 ? (i + n < 0 ? 0 : i + n) : (i > n ? n : i);
    TRY(list_replace(vm, (list_t *)self, (size_t)i, (size_t)i, &argv[1], 1));
    return vm->none;
}

NATIVE(list_m_pop)
{
    int64_t i = -1;
    SELF(vm->t_list, "pop");
    list_t *l = (list_t *)self;
    // pop() and pop(int), asyncio.Queue's and _wakeup_next's every item,
    // without the general checks (which word the errors).
    if (kw || argc > 1) {
        TRY(seq__chk_args(vm, "list.pop", argc, kw, 0, 1));
    }
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
    TRY(seq__chk_args(vm, "list.remove", argc, kw, ONEARG, 0));
    int64_t i = seq__find(vm, self, argv[0], 0, INT64_MAX, false);
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
    TRY(seq__chk_args(vm, "list.reverse", argc, kw, NOARGS, 0));
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
    TRY(seq__chk_args(vm, "list.copy", argc, kw, NOARGS, 0));
    return (obj_t *)list_of(vm, ((list_t *)self)->items, ((list_t *)self)->n);
}

NATIVE(list_m_clear)
{
    SELF(vm->t_list, "clear");
    TRY(seq__chk_args(vm, "list.clear", argc, kw, NOARGS, 0));
    list__destroy(vm, self);
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
    size_t *runs = gc_try_malloc(vm, nslots * sizeof(size_t));
    if (!runs) {
        return -1;
    }
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
        spair_t *tmp = gc_try_malloc(vm, n * sizeof(spair_t));
        rc = tmp ? 0 : -1;
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
        if (tmp) {
            gc_free(vm, tmp, n * sizeof(spair_t));
        }
    }
    gc_free(vm, runs, nslots * sizeof(size_t));
    return rc;
}

int list_sort(vm_t *vm, list_t *l, obj_t *key, bool reverse)
{
    list_unshift(l);
    size_t n = l->n, cap = l->cap, i;
    obj_t **saved = l->items;
    spair_t *p = NULL;
    if (n && !(p = gc_try_malloc(vm, n * sizeof(spair_t)))) {
        return -1;
    }
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
    list__destroy(vm, (obj_t *)l);
    l->items = saved;
    l->n = n;
    l->cap = cap;
    if (modified && rc == 0) {
        vm_raise(vm, EXC_ValueError, "list modified during sort");
        rc = -1;
    }
    return rc;
}

/* ---- Method table (registered by obj_seq_init) -------------------------- */

const method_def_t list__methods[] = {
    SEQ_COMMON, {"__init__", list_m_init}, {"__getitem__", list_getitem},
    {"__setitem__", list_setitem}, {"__delitem__", list_delitem},
    {"__reversed__", list_m_reversed}, {"__add__", list_add},
    {"__iadd__", list_iadd}, {"__mul__", list_mul}, {"__rmul__", list_mul},
    {"__imul__", list_imul}, {"append", list_m_append},
    {"extend", list_m_extend}, {"insert", list_m_insert},
    {"pop", list_m_pop}, {"remove", list_m_remove},
    {"reverse", list_m_reverse}, {"sort", list_m_sort},
    {"copy", list_m_copy}, {"clear", list_m_clear}, {NULL, NULL}};
