/*
 * obj_set.c - set and frozenset, with their iterator.
 *
 * Mirrors the observable behaviour of CPython 3.11's Objects/setobject.c:
 * results, iteration order, error messages and the frozenset hash. The
 * code is looplab's own; the types are registered by obj_dict_init.
 *
 * A set uses dict_t (obj.h) differently from a dict (obj_dict.c). A set
 * is NOT insertion-ordered in CPython, and programs print sets, so a set
 * keeps CPython's own table and algorithms: entries[0..mask] IS the hash
 * table (8 slots at first, a power of two), each slot empty (key NULL),
 * active, or deleted (key == DUMMY, hash -1); lookups probe LINEAR_PROBES
 * neighbours before perturbing; the table is resized when
 * fill * 5 >= mask * 3; iteration walks the slots in order. For sets
 * nentries is CPython's "fill" (active + deleted slots), cap is the
 * "finger" where set.pop() resumes, index is unused (NULL), and value is
 * always NULL.
 *
 * As for dicts, used counts live keys and version changes with every
 * insertion or deletion, which lookups use to notice that an __eq__
 * mutated the table under them. Natives that hold a new, unreachable
 * container while user code runs (__hash__, __eq__, iteration) raise
 * vm->nogc meanwhile.
 */
#include "obj_dict_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SET_MINSIZE 8
#define LINEAR_PROBES 9

/* The deleted-slot marker of set tables: an address no object has. */
static const char dummy_byte;
#define DUMMY ((obj_t *)(uintptr_t)&dummy_byte)

/* ---- Set table ---------------------------------------------------------- */

static bool live(obj_t *k)
{
    return k && k != DUMMY;
}

static void set_table(vm_t *vm, dict_t *s, size_t n)
{
    s->entries = gc_malloc(vm, n * sizeof(dict_entry_t));
    memset(s->entries, 0, n * sizeof(dict_entry_t));
    s->mask = n - 1;
    s->nentries = s->used = 0;
}

/* Sets normally get their table in set_new; this covers an instance
 * allocated some other way. */
static void set_ready(vm_t *vm, dict_t *s)
{
    if (!s->entries) {
        set_table(vm, s, SET_MINSIZE);
    }
}

/* Finds [key]: 1 when present (*slot is its slot), 0 when absent (*slot
 * is where to insert: the first deleted slot passed, else the empty slot
 * that ended the search), -1 on error. CPython's set_lookkey probing. */
static int set_find(vm_t *vm, dict_t *s, obj_t *key, int64_t hash,
                    size_t *slot)
{
restart:
    if (!s->entries) {
        return 0;
    }
    dict_entry_t *table = s->entries;
    size_t mask = s->mask, i = (size_t)hash & mask, freeslot = SIZE_MAX;
    for (uint64_t perturb = (uint64_t)hash;;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + 1 + perturb) & mask) {
        size_t probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (size_t j = i; j <= i + probes; j++) {
            dict_entry_t *e = &table[j];
            if (!e->key) {
                *slot = freeslot != SIZE_MAX ? freeslot : j;
                return 0;
            }
            if (e->key == DUMMY) {
                freeslot = freeslot == SIZE_MAX ? j : freeslot;
                continue;
            }
            if (e->hash != hash) {
                continue;
            }
            obj_t *sk = e->key;
            int c = dict__keys_equal(vm, sk, key);
            if (c < 0) {
                return -1;
            }
            /* An __eq__ that reallocated the table or replaced this
             * slot invalidates the search (as in CPython). */
            if (s->entries != table || s->mask != mask || e->key != sk) {
                goto restart;
            }
            if (c) {
                *slot = j;
                return 1;
            }
        }
    }
}

/* Places a key known to be absent into a table without deleted slots
 * (set_insert_clean). */
static void set_insert_clean(dict_entry_t *table, size_t mask, obj_t *key,
                             int64_t hash)
{
    size_t i = (size_t)hash & mask;
    for (uint64_t perturb = (uint64_t)hash;;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + 1 + perturb) & mask) {
        size_t probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (size_t j = i; j <= i + probes; j++) {
            if (!table[j].key) {
                table[j] = (dict_entry_t){key, NULL, hash};
                return;
            }
        }
    }
}

/* set_table_resize: the smallest power of two above [minused] (at least
 * 8), keys re-inserted in old slot order, deleted slots dropped. The
 * program decides the size: -1 with MemoryError raised (s unchanged) when
 * the table does not fit. */
static int set_resize(vm_t *vm, dict_t *s, size_t minused)
{
    size_t size = SET_MINSIZE, oldn = s->entries ? s->mask + 1 : 0,
           used = s->used;
    while (size <= minused && size <= SIZE_MAX / 2 / sizeof(dict_entry_t)) {
        size <<= 1;
    }
    dict_entry_t *fresh = gc_try_malloc(vm, size * sizeof(dict_entry_t));
    if (!fresh) {
        return -1;
    }
    dict_entry_t *old = s->entries;
    memset(fresh, 0, size * sizeof(dict_entry_t));
    s->entries = fresh;
    s->mask = size - 1;
    for (size_t i = 0; i < oldn; i++) {
        if (live(old[i].key)) {
            set_insert_clean(s->entries, s->mask, old[i].key, old[i].hash);
        }
    }
    s->nentries = s->used = used;
    s->version++;
    if (old) {
        gc_free(vm, old, oldn * sizeof(dict_entry_t));
    }
    return 0;
}

static int set_add_entry(vm_t *vm, dict_t *s, obj_t *key, int64_t hash)
{
    size_t slot = 0;  /* set by set_find when it returns 0 */
    set_ready(vm, s);
    int r = set_find(vm, s, key, hash, &slot);
    if (r != 0) {
        return r < 0 ? -1 : 0;
    }
    bool fresh = !s->entries[slot].key; /* not a reused deleted slot */
    s->entries[slot] = (dict_entry_t){key, NULL, hash};
    s->used++;
    s->version++;
    if (fresh && ++s->nentries * 5 >= s->mask * 3 &&
        set_resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4) < 0) {
        // Take the key out again (CPython inserts before it resizes, which
        // decides the iteration order): a table left too full would let
        // later additions fill it, and probing would then never end.
        s->entries[slot] = (dict_entry_t){NULL, NULL, 0};
        s->nentries--;
        s->used--;
        return -1;
    }
    return 0;
}

/* 1 when removed, 0 when absent, -1 on error. */
static int set_discard_entry(vm_t *vm, dict_t *s, obj_t *key, int64_t hash)
{
    size_t slot;
    int r = set_find(vm, s, key, hash, &slot);
    if (r == 1) {
        s->entries[slot] = (dict_entry_t){DUMMY, NULL, -1};
        s->used--;
        s->version++;
    }
    return r;
}

/* The next active slot at or after *pos, in table order. */
static dict_entry_t *set_next_entry(dict_t *s, size_t *pos)
{
    for (; s->entries && *pos <= s->mask; (*pos)++) {
        if (live(s->entries[*pos].key)) {
            return &s->entries[(*pos)++];
        }
    }
    return NULL;
}

bool set_next(dict_t *s, size_t *pos, obj_t **key)
{
    dict_entry_t *e = set_next_entry(s, pos);
    if (e && key) {
        *key = e->key;
    }
    return e != NULL;
}

static void set_clear_all(vm_t *vm, dict_t *s)
{
    if (s->entries) {
        gc_free(vm, s->entries, (s->mask + 1) * sizeof(dict_entry_t));
    }
    set_table(vm, s, SET_MINSIZE);
    s->version++;
}

void set__mark(vm_t *vm, obj_t *o)
{
    dict_t *s = (dict_t *)o;
    gc_mark(vm, s->idict);
    for (size_t i = 0; s->entries && i <= s->mask; i++) {
        if (live(s->entries[i].key)) {
            gc_mark(vm, s->entries[i].key);
        }
    }
}

void set__destroy(vm_t *vm, obj_t *o)
{
    dict_t *s = (dict_t *)o;
    if (s->entries) {
        gc_free(vm, s->entries, (s->mask + 1) * sizeof(dict_entry_t));
        s->entries = NULL;
    }
}

dict_t *set_new(vm_t *vm, type_t *t)
{
    dict_t *s = dict__alloc(vm, t);
    set_table(vm, s, SET_MINSIZE);
    return s;
}

int set_add(vm_t *vm, dict_t *s, obj_t *key)
{
    int64_t h;
    if (obj_hash(vm, key, &h) < 0) {
        return -1;
    }
    return set_add_entry(vm, s, key, h);
}

/* Finds or discards [key]; a set used as the key stands for the equal
 * frozenset ({1} in {frozenset({1})}), as CPython retries it. */
static int set_key_op(vm_t *vm, dict_t *s, obj_t *key, bool discard)
{
    int64_t h;
    size_t slot;
    if (obj_hash(vm, key, &h) < 0) {
        if (!obj_isinstance_t(key, vm->t_set) ||
            !vm_exc_matches(vm, EXC_TypeError)) {
            return -1;
        }
        vm_take_exc(vm);
        dict_t *fs = set_new(vm, vm->t_frozenset);
        size_t pos = 0;
        for (dict_entry_t *e; (e = set_next_entry((dict_t *)key, &pos));) {
            set_add_entry(vm, fs, e->key, e->hash);
        }
        return set_key_op(vm, s, (obj_t *)fs, discard);
    }
    return discard ? set_discard_entry(vm, s, key, h)
                   : set_find(vm, s, key, h, &slot);
}

int set_contains(vm_t *vm, dict_t *s, obj_t *key)
{
    return set_key_op(vm, s, key, false);
}

int set_discard(vm_t *vm, dict_t *s, obj_t *key)
{
    return set_key_op(vm, s, key, true);
}

/* ---- Set algorithms (setobject.c's, for the same resulting tables) ------ */

/* Results of set operations are plain sets or frozensets. */
static type_t *set_basetype(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_set) ? vm->t_set : vm->t_frozenset;
}

/* set_merge: adds the keys of another set. */
static int set_merge(vm_t *vm, dict_t *so, dict_t *other)
{
    if (so == other || other->used == 0) {
        return 0;
    }
    set_ready(vm, so);
    /* One big resize up front rather than several while inserting. */
    if ((so->nentries + other->used) * 5 >= so->mask * 3 &&
        set_resize(vm, so, (so->used + other->used) * 2) < 0) {
        return -1;
    }
    dict_entry_t *src = other->entries;
    if (so->nentries == 0 && so->mask == other->mask &&
        other->nentries == other->used) {
        /* Same size, no deleted slots: copy the table as it is. */
        memcpy(so->entries, src, (so->mask + 1) * sizeof(dict_entry_t));
        so->nentries = so->used = other->used;
        so->version++;
        return 0;
    }
    if (so->nentries == 0) {
        for (size_t i = 0; i <= other->mask; i++) {
            if (live(src[i].key)) {
                set_insert_clean(so->entries, so->mask, src[i].key,
                                 src[i].hash);
            }
        }
        so->nentries = so->used = other->used;
        so->version++;
        return 0;
    }
    for (size_t i = 0; i <= other->mask; i++) {
        dict_entry_t e = other->entries[i];
        if (live(e.key) && set_add_entry(vm, so, e.key, e.hash) < 0) {
            return -1;
        }
    }
    return 0;
}

/* set_update_internal: any iterable; sets and exact dicts reuse their
 * stored hashes. */
static int set_update(vm_t *vm, dict_t *so, obj_t *other)
{
    if (dict__is_anyset(vm, other)) {
        return set_merge(vm, so, (dict_t *)other);
    }
    if (TYPE(other) == vm->t_dict) {
        dict_t *d = (dict_t *)other;
        set_ready(vm, so);
        if ((so->nentries + d->used) * 5 >= so->mask * 3 &&
            set_resize(vm, so, (so->used + d->used) * 2) < 0) {
            return -1;
        }
        for (size_t i = 0; i < d->nentries; i++) {
            dict_entry_t e = d->entries[i];
            if (e.key && set_add_entry(vm, so, e.key, e.hash) < 0) {
                return -1;
            }
        }
        return 0;
    }
    obj_t *it = obj_iter(vm, other);
    if (!it) {
        return -1;
    }
    for (obj_t *k; (k = obj_next(vm, it));) {
        if (set_add(vm, so, k) < 0) {
            return -1;
        }
    }
    return vm->exc ? -1 : 0;
}

dict_t *set__make_set(vm_t *vm, type_t *t, obj_t *iterable)
{
    dict_t *s = set_new(vm, t);
    return iterable && set_update(vm, s, iterable) < 0 ? NULL : s;
}

static dict_t *set_copy(vm_t *vm, dict_t *so)
{
    return set__make_set(vm, set_basetype(vm, (obj_t *)so), (obj_t *)so);
}

/* Whether [key] (with [hash]) is in container [c], a set or exact dict. */
static int has_hashed(vm_t *vm, obj_t *c, obj_t *key, int64_t hash)
{
    size_t slot;
    if (TYPE(c) == vm->t_dict) {
        int64_t ix = dict__find(vm, (dict_t *)c, key, hash, &slot);
        return ix == -2 ? -1 : ix >= 0;
    }
    return set_find(vm, (dict_t *)c, key, hash, &slot);
}

/* Adds to [r] each key of set [from] that is (keep) or is not in [c]. */
static int set_filter(vm_t *vm, dict_t *r, dict_t *from, obj_t *c, bool keep)
{
    size_t pos = 0;
    for (dict_entry_t *e; (e = set_next_entry(from, &pos));) {
        obj_t *k = e->key;
        int64_t h = e->hash;
        int in = has_hashed(vm, c, k, h);
        if (in < 0 || (in == keep && set_add_entry(vm, r, k, h) < 0)) {
            return -1;
        }
    }
    return 0;
}

dict_t *set__intersection(vm_t *vm, dict_t *so, obj_t *other)
{
    if ((obj_t *)so == other) {
        return set_copy(vm, so);
    }
    dict_t *r = set_new(vm, set_basetype(vm, (obj_t *)so));
    if (dict__is_anyset(vm, other)) {
        /* Walk the smaller set, probe the larger. */
        dict_t *small = (dict_t *)other, *big = so;
        if (small->used > big->used) {
            small = so;
            big = (dict_t *)other;
        }
        return set_filter(vm, r, small, (obj_t *)big, true) < 0 ? NULL : r;
    }
    obj_t *it = obj_iter(vm, other);
    if (!it) {
        return NULL;
    }
    for (obj_t *k; (k = obj_next(vm, it));) {
        int64_t h;
        size_t slot;
        int in = obj_hash(vm, k, &h) < 0 ? -1 : set_find(vm, so, k, h, &slot);
        if (in < 0 || (in && set_add_entry(vm, r, k, h) < 0)) {
            return NULL;
        }
    }
    return vm->exc ? NULL : r;
}

static int set_difference_update(vm_t *vm, dict_t *so, obj_t *other)
{
    if ((obj_t *)so == other) {
        set_clear_all(vm, so);
        return 0;
    }
    if (dict__is_anyset(vm, other)) {
        dict_t *o = (dict_t *)other;
        size_t pos = 0;
        /* Much larger other: only the common keys matter. */
        if ((o->used >> 3) > so->used) {
            o = set__intersection(vm, so, other);
            if (!o) {
                return -1;
            }
        }
        for (dict_entry_t *e; (e = set_next_entry(o, &pos));) {
            if (set_discard_entry(vm, so, e->key, e->hash) < 0) {
                return -1;
            }
        }
    } else {
        obj_t *it = obj_iter(vm, other);
        if (!it) {
            return -1;
        }
        for (obj_t *k; (k = obj_next(vm, it));) {
            int64_t h;
            if (obj_hash(vm, k, &h) < 0 ||
                set_discard_entry(vm, so, k, h) < 0) {
                return -1;
            }
        }
        if (vm->exc) {
            return -1;
        }
    }
    /* More than 1/4 deleted slots: resize them away. */
    if (so->nentries - so->used > so->mask / 4) {
        return set_resize(vm, so,
                          so->used > 50000 ? so->used * 2 : so->used * 4);
    }
    return 0;
}

static dict_t *set_difference(vm_t *vm, dict_t *so, obj_t *other)
{
    bool small_other = dict__is_anyset(vm, other) || TYPE(other) == vm->t_dict;
    if (!small_other || (so->used >> 2) > ((dict_t *)other)->used) {
        /* Copying so and deleting is cheaper (set_copy_and_difference). */
        dict_t *r = set_copy(vm, so);
        return r && set_difference_update(vm, r, other) == 0 ? r : NULL;
    }
    dict_t *r = set_new(vm, set_basetype(vm, (obj_t *)so));
    return set_filter(vm, r, so, other, false) < 0 ? NULL : r;
}

static int set_symdiff_update(vm_t *vm, dict_t *so, obj_t *other)
{
    if ((obj_t *)so == other) {
        set_clear_all(vm, so);
        return 0;
    }
    dict_t *o;
    if (TYPE(other) == vm->t_dict) {
        dict_t *d = (dict_t *)other;
        for (size_t i = 0; i < d->nentries; i++) {
            dict_entry_t e = d->entries[i];
            int r = e.key ? set_discard_entry(vm, so, e.key, e.hash) : 1;
            if (r < 0 ||
                (r == 0 && set_add_entry(vm, so, e.key, e.hash) < 0)) {
                return -1;
            }
        }
        return 0;
    }
    o = dict__is_anyset(vm, other)
            ? (dict_t *)other
            : set__make_set(vm, set_basetype(vm, (obj_t *)so), other);
    if (!o) {
        return -1;
    }
    size_t pos = 0;
    for (dict_entry_t *e; (e = set_next_entry(o, &pos));) {
        obj_t *k = e->key;
        int64_t h = e->hash;
        int r = set_discard_entry(vm, so, k, h);
        if (r < 0 || (r == 0 && set_add_entry(vm, so, k, h) < 0)) {
            return -1;
        }
    }
    return 0;
}

static dict_t *set_symdiff(vm_t *vm, dict_t *so, obj_t *other)
{
    dict_t *r = set__make_set(vm, set_basetype(vm, (obj_t *)so), other);
    return r && set_symdiff_update(vm, r, (obj_t *)so) == 0 ? r : NULL;
}

static int set_issubset(vm_t *vm, dict_t *so, obj_t *other)
{
    if (!dict__is_anyset(vm, other)) {
        dict_t *tmp = set__make_set(vm, vm->t_set, other);
        return tmp ? set_issubset(vm, so, (obj_t *)tmp) : -1;
    }
    if (so->used > ((dict_t *)other)->used) {
        return 0;
    }
    size_t pos = 0, slot;
    for (dict_entry_t *e; (e = set_next_entry(so, &pos));) {
        int in = set_find(vm, (dict_t *)other, e->key, e->hash, &slot);
        if (in <= 0) {
            return in;
        }
    }
    return 1;
}

/* Whether every item of iterable [other] is (superset) or none is
 * (disjoint) in so. */
static int set_all_or_none(vm_t *vm, dict_t *so, obj_t *other, bool all)
{
    obj_t *it = obj_iter(vm, other);
    if (!it) {
        return -1;
    }
    for (obj_t *k; (k = obj_next(vm, it));) {
        int in = set_contains(vm, so, k);
        if (in < 0 || in != all) {
            return in < 0 ? -1 : 0;
        }
    }
    return vm->exc ? -1 : 1;
}

static int set_issuperset(vm_t *vm, dict_t *so, obj_t *other)
{
    if (dict__is_anyset(vm, other)) {
        return set_issubset(vm, (dict_t *)other, (obj_t *)so);
    }
    return set_all_or_none(vm, so, other, true);
}

static int set_isdisjoint(vm_t *vm, dict_t *so, obj_t *other)
{
    if ((obj_t *)so == other) {
        return so->used == 0;
    }
    if (dict__is_anyset(vm, other)) {
        dict_t *small = (dict_t *)other, *big = so;
        size_t pos = 0, slot;
        if (small->used > big->used) {
            small = so;
            big = (dict_t *)other;
        }
        for (dict_entry_t *e; (e = set_next_entry(small, &pos));) {
            int in = set_find(vm, big, e->key, e->hash, &slot);
            if (in != 0) {
                return in < 0 ? -1 : 0;
            }
        }
        return 1;
    }
    return set_all_or_none(vm, so, other, false);
}

/* frozenset's hash (frozenset_hash): order-independent xor of shuffled
 * key hashes, then the size and a final dispersion. */
static int64_t frozenset_hash(dict_t *s)
{
    uint64_t h = 0;
    size_t pos = 0;
    for (dict_entry_t *e; (e = set_next_entry(s, &pos));) {
        uint64_t x = (uint64_t)e->hash;
        h ^= ((x ^ 89869747ULL) ^ (x << 16)) * 3644798167ULL;
    }
    h ^= ((uint64_t)s->used + 1) * 1927868237ULL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923ULL;
    return h == UINT64_MAX ? 590923713 : (int64_t)h;
}

/* ---- Set natives -------------------------------------------------------- */

/* The receiver type of the methods set and frozenset share; it only
 * matters for the messages of unbound calls. */
static type_t *set_self_type(vm_t *vm, obj_t *self, int argc, obj_t **argv)
{
    obj_t *o = self ? self : argc > 0 ? argv[0] : NULL;
    return o && obj_isinstance_t(o, vm->t_frozenset) ? vm->t_frozenset
                                                     : vm->t_set;
}

#define ANYSELF(name) SELF(set_self_type(vm, self, argc, argv), name)

/* "set.union" or "frozenset.union", for messages. */
static const char *set_qual(vm_t *vm, obj_t *self, const char *name,
                            char *buf)
{
    snprintf(buf, 64, "%s.%s", obj_isinstance_t(self, vm->t_frozenset)
                                   ? "frozenset" : "set", name);
    return buf;
}

obj_t *set__repr(vm_t *vm, obj_t *o)
{
    dict_t *s = (dict_t *)o;
    bool exact = TYPE(o) == vm->t_set;
    sbuf_t b = {vm, NULL, 0, 0};
    if ((o->flags & OF_REPR) || s->used == 0) {
        dict__sb_cstr(&b, type_name(o));
        dict__sb_cstr(&b, s->used ? "(...)" : "()");
        return dict__sb_finish(&b, true);
    }
    /* Snapshot the keys first (CPython's PySequence_List): a __repr__
     * may mutate the set. */
    list_t *keys = list_new(vm, 0);
    size_t pos = 0;
    for (dict_entry_t *e; (e = set_next_entry(s, &pos));) {
        list_append(vm, keys, e->key);
    }
    o->flags |= OF_REPR;
    if (!exact) {
        dict__sb_cstr(&b, type_name(o));
        dict__sb_cstr(&b, "(");
    }
    dict__sb_cstr(&b, "{");
    bool ok = true;
    vm->nogc++;
    for (size_t i = 0; ok && i < keys->n; i++) {
        dict__sb_cstr(&b, i ? ", " : "");
        ok = dict__sb_repr(&b, keys->items[i]) == 0;
    }
    vm->nogc--;
    dict__sb_cstr(&b, exact ? "}" : "})");
    o->flags &= (uint8_t)~OF_REPR;
    return dict__sb_finish(&b, ok);
}

NATIVE(set_m_repr)
{
    WANT(0);
    return set__repr(vm, self);
}

NATIVE(set_m_len)
{
    WANT(0);
    return int_new(vm, (int64_t)((dict_t *)self)->used);
}

NATIVE(set_m_contains)
{
    WANT(1);
    int in = set_contains(vm, (dict_t *)self, argv[0]);
    return in < 0 ? NULL : bool_new(vm, in);
}

NATIVE(frozenset_m_hash)
{
    WANT(0);
    return int_new(vm, frozenset_hash((dict_t *)self));
}

/* set(iterable) is filled by the constructor, as list(iterable) is (see
 * list__tp_new in obj_list.c); the __init__ that follows then skips. */
static int set_fill(vm_t *vm, dict_t *s, int argc, obj_t **argv,
                    tuple_t *kw)
{
    if (dict__chk_args(vm, "set", 0, kw, 0, 0) < 0 ||
        dict__chk_args(vm, "set", argc, NULL, 0, 1) < 0) {
        return -1;
    }
    if (s->nentries) {
        set_clear_all(vm, s);
    }
    return argc ? set_update(vm, s, argv[0]) : 0;
}

obj_t *set__tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw)
{
    type_t *t = (type_t *)self;
    dict_t *s = set_new(vm, t);
    if ((argc > 0 || (kw && kw->n > 0)) &&
        (t == vm->t_set || type_lookup(vm, t, vm->s.__init__) ==
                               type_lookup(vm, vm->t_set, vm->s.__init__))) {
        vm->nogc++;
        if (!dict__nogc_end(vm, set_fill(vm, s, argc, argv, kw) < 0 ? NULL
                                                               : vm->none)) {
            return NULL;
        }
        s->hdr.flags |= OF_NEWFILLED;
    }
    return (obj_t *)s;
}

NATIVE(set_m_init)
{
    SELF(vm->t_set, "__init__");
    if (self->flags & OF_NEWFILLED) {
        self->flags &= (uint8_t)~OF_NEWFILLED;
        return vm->none;
    }
    TRY(set_fill(vm, (dict_t *)self, argc, argv, kw));
    return vm->none;
}

obj_t *set__frozenset_tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    type_t *t = (type_t *)self;
    TRY(dict__chk_args(vm, "frozenset", 0, kw, 0, 0));
    TRY(dict__chk_args(vm, "frozenset", argc, NULL, 0, 1));
    if (argc && t == vm->t_frozenset && TYPE(argv[0]) == vm->t_frozenset) {
        return argv[0];
    }
    vm->nogc++;
    return dict__nogc_end(vm, (obj_t *)set__make_set(vm, t,
                                                     argc ? argv[0] : NULL));
}

static dict_t *set_binop(vm_t *vm, dict_t *a, obj_t *b, int op)
{
    dict_t *r;
    switch (op) {
    case SOP_OR:
        r = set_copy(vm, a);
        return r && (obj_t *)a != b && set_update(vm, r, b) < 0 ? NULL : r;
    case SOP_AND:
        return set__intersection(vm, a, b);
    case SOP_SUB:
        return set_difference(vm, a, b);
    default:
        return set_symdiff(vm, a, b);
    }
}

/* In place: |= update, -= and ^= their updates, &= intersection_update,
 * where (set_swap_bodies) the set takes the result's table. */
int set__inplace(vm_t *vm, dict_t *a, obj_t *b, int op)
{
    if (op != SOP_AND) {
        return op == SOP_OR    ? set_update(vm, a, b)
             : op == SOP_SUB   ? set_difference_update(vm, a, b)
                               : set_symdiff_update(vm, a, b);
    }
    dict_t *r = set__intersection(vm, a, b);
    if (!r) {
        return -1;
    }
    dict_t tmp = *a;
    a->entries = r->entries;
    a->mask = r->mask;
    a->used = r->used;
    a->nentries = r->nentries;
    a->version++;
    r->entries = tmp.entries;
    r->mask = tmp.mask;
    r->used = tmp.used;
    r->nentries = tmp.nentries;
    return 0;
}

/* Operators want a set or frozenset on both sides, else NotImplemented;
 * how: 0 plain, 1 reflected (operands swapped back), 2 in place. */
static obj_t *set_operator(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           int op, int how)
{
    TRY(dict__chk_args(vm, NULL, argc, NULL, 1, 1));
    obj_t *o = argv[0];
    if (!dict__is_anyset(vm, o)) {
        return vm->notimpl;
    }
    vm->nogc++;
    if (how == 2) {
        return dict__nogc_end(vm, set__inplace(vm, (dict_t *)self, o, op) < 0
                                      ? NULL : self);
    }
    obj_t *a = how == 1 ? o : self, *b = how == 1 ? self : o;
    return dict__nogc_end(vm, (obj_t *)set_binop(vm, (dict_t *)a, b, op));
}

#define SET_OPERATOR(fn, op, how)                                         \
    NATIVE(fn)                                                            \
    {                                                                     \
        (void)kw;                                                         \
        return set_operator(vm, self, argc, argv, op, how);               \
    }
SET_OPERATOR(set_or, SOP_OR, 0)
SET_OPERATOR(set_and, SOP_AND, 0)
SET_OPERATOR(set_sub, SOP_SUB, 0)
SET_OPERATOR(set_xor, SOP_XOR, 0)
SET_OPERATOR(set_ror, SOP_OR, 1)
SET_OPERATOR(set_rand, SOP_AND, 1)
SET_OPERATOR(set_rsub, SOP_SUB, 1)
SET_OPERATOR(set_rxor, SOP_XOR, 1)
SET_OPERATOR(set_ior, SOP_OR, 2)
SET_OPERATOR(set_iand, SOP_AND, 2)
SET_OPERATOR(set_isub, SOP_SUB, 2)
SET_OPERATOR(set_ixor, SOP_XOR, 2)

/* union/intersection/difference(*others) and the _update forms of set,
 * which take any iterables. As in CPython: union copies then updates;
 * intersection and difference apply the first argument, then go on
 * argument by argument. */
static obj_t *set_multi(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kw, int op, bool update, const char *name)
{
    char q[64];
    TRY(dict__chk_args(vm, set_qual(vm, self, name, q), 0, kw, 0, 0));
    dict_t *s = (dict_t *)self, *r = s;
    vm->nogc++;
    if (!update) {
        r = argc == 0 || op == SOP_OR ? set_copy(vm, s)
                                      : set_binop(vm, s, argv[0], op);
    }
    for (int i = update || op == SOP_OR ? 0 : 1; r && i < argc; i++) {
        if (op == SOP_AND && !update) {
            r = set__intersection(vm, r, argv[i]);
        } else if (!(op == SOP_OR && argv[i] == self) &&
                   set__inplace(vm, r, argv[i], op) < 0) {
            r = NULL;
        }
    }
    return dict__nogc_end(vm, !r ? NULL : update ? vm->none : (obj_t *)r);
}

#define SET_MULTI(fn, name, op, update)                                   \
    NATIVE(fn)                                                            \
    {                                                                     \
        ANYSELF(name);                                                    \
        return set_multi(vm, self, argc, argv, kw, op, update, name);     \
    }
SET_MULTI(set_m_union, "union", SOP_OR, false)
SET_MULTI(set_m_intersection, "intersection", SOP_AND, false)
SET_MULTI(set_m_difference, "difference", SOP_SUB, false)
SET_MULTI(set_m_update, "update", SOP_OR, true)
SET_MULTI(set_m_intersection_update, "intersection_update", SOP_AND, true)
SET_MULTI(set_m_difference_update, "difference_update", SOP_SUB, true)

/* The one-argument methods: symmetric_difference[_update], issubset,
 * issuperset, isdisjoint. */
enum { S1_SYMDIFF, S1_SYMDIFF_UPDATE, S1_SUBSET, S1_SUPERSET, S1_DISJOINT };

static obj_t *set_onearg(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw, int what, const char *name)
{
    char q[64];
    TRY(dict__chk_args(vm, set_qual(vm, self, name, q), argc, kw, ONEARG, 0));
    dict_t *s = (dict_t *)self;
    obj_t *o = argv[0];
    vm->nogc++;
    if (what == S1_SYMDIFF) {
        return dict__nogc_end(vm, (obj_t *)set_symdiff(vm, s, o));
    }
    if (what == S1_SYMDIFF_UPDATE) {
        int r = set_symdiff_update(vm, s, o);
        return dict__nogc_end(vm, r < 0 ? NULL : vm->none);
    }
    int r = what == S1_SUBSET     ? set_issubset(vm, s, o)
          : what == S1_SUPERSET   ? set_issuperset(vm, s, o)
                                  : set_isdisjoint(vm, s, o);
    return dict__nogc_end(vm, r < 0 ? NULL : bool_new(vm, r));
}

#define SET_ONEARG(fn, name, what)                                        \
    NATIVE(fn)                                                            \
    {                                                                     \
        ANYSELF(name);                                                    \
        return set_onearg(vm, self, argc, argv, kw, what, name);          \
    }
SET_ONEARG(set_m_symdiff, "symmetric_difference", S1_SYMDIFF)
SET_ONEARG(set_m_symdiff_update, "symmetric_difference_update",
           S1_SYMDIFF_UPDATE)
SET_ONEARG(set_m_issubset, "issubset", S1_SUBSET)
SET_ONEARG(set_m_issuperset, "issuperset", S1_SUPERSET)
SET_ONEARG(set_m_isdisjoint, "isdisjoint", S1_DISJOINT)

/* set_richcompare: subset relations; sizes decide first where they can. */
static obj_t *set_compare(vm_t *vm, obj_t *self, obj_t *o, int op)
{
    if (!dict__is_anyset(vm, o)) {
        return vm->notimpl;
    }
    size_t na = ((dict_t *)self)->used, nb = ((dict_t *)o)->used;
    dict_t *s = (dict_t *)self;
    int r;
    vm->nogc++;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        r = na != nb ? 0 : set_issubset(vm, s, o);
        r = r >= 0 && op == CMP_NE ? !r : r;
        break;
    case CMP_LE: r = set_issubset(vm, s, o); break;
    case CMP_GE: r = set_issuperset(vm, s, o); break;
    case CMP_LT: r = na >= nb ? 0 : set_issubset(vm, s, o); break;
    default: r = na <= nb ? 0 : set_issuperset(vm, s, o); break;
    }
    return dict__nogc_end(vm, r < 0 ? NULL : bool_new(vm, r));
}

#define SET_CMP(fn, op)                                                   \
    NATIVE(fn)                                                            \
    {                                                                     \
        WANT(1);                                                          \
        return set_compare(vm, self, argv[0], op);                        \
    }
SET_CMP(set_lt, CMP_LT)
SET_CMP(set_le, CMP_LE)
SET_CMP(set_eq, CMP_EQ)
SET_CMP(set_ne, CMP_NE)
SET_CMP(set_gt, CMP_GT)
SET_CMP(set_ge, CMP_GE)

NATIVE(set_m_add)
{
    SELF(vm->t_set, "add");
    TRY(dict__chk_args(vm, "set.add", argc, kw, ONEARG, 0));
    TRY(set_add(vm, (dict_t *)self, argv[0]));
    return vm->none;
}

NATIVE(set_m_discard)
{
    SELF(vm->t_set, "discard");
    TRY(dict__chk_args(vm, "set.discard", argc, kw, ONEARG, 0));
    TRY(set_discard(vm, (dict_t *)self, argv[0]));
    return vm->none;
}

NATIVE(set_m_remove)
{
    SELF(vm->t_set, "remove");
    TRY(dict__chk_args(vm, "set.remove", argc, kw, ONEARG, 0));
    int r = set_discard(vm, (dict_t *)self, argv[0]);
    return r < 0 ? NULL : r ? vm->none : dict__key_error(vm, argv[0]);
}

/* set.pop(): the first active slot from the finger (kept in cap) on. */
NATIVE(set_m_pop)
{
    SELF(vm->t_set, "pop");
    TRY(dict__chk_args(vm, "set.pop", argc, kw, NOARGS, 0));
    dict_t *s = (dict_t *)self;
    if (s->used == 0) {
        return vm_raise(vm, EXC_KeyError, "pop from an empty set");
    }
    size_t i = s->cap & s->mask;
    while (!live(s->entries[i].key)) {
        i = i == s->mask ? 0 : i + 1;
    }
    obj_t *key = s->entries[i].key;
    s->entries[i] = (dict_entry_t){DUMMY, NULL, -1};
    s->used--;
    s->version++;
    s->cap = i + 1;
    return key;
}

NATIVE(set_m_clear)
{
    SELF(vm->t_set, "clear");
    TRY(dict__chk_args(vm, "set.clear", argc, kw, NOARGS, 0));
    set_clear_all(vm, (dict_t *)self);
    return vm->none;
}

NATIVE(set_m_copy)
{
    char q[64];
    ANYSELF("copy");
    TRY(dict__chk_args(vm, set_qual(vm, self, "copy", q), argc, kw, NOARGS, 0));
    if (TYPE(self) == vm->t_frozenset) {
        return self;
    }
    vm->nogc++;
    return dict__nogc_end(vm, (obj_t *)set_copy(vm, (dict_t *)self));
}

void set__setiter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((setiter_t *)o)->s);
}

obj_t *set__iter(vm_t *vm, obj_t *o)
{
    setiter_t *it = (setiter_t *)gc_alloc(vm, vm->t_set_iter,
                                          sizeof(setiter_t));
    it->s = (dict_t *)o;
    it->used = (int64_t)it->s->used;
    return (obj_t *)it;
}

obj_t *set__setiter_next(vm_t *vm, obj_t *o)
{
    setiter_t *it = (setiter_t *)o;
    if (!it->s) {
        return NULL;
    }
    if (it->used != (int64_t)it->s->used) {
        it->used = -1; /* stays broken, as in CPython */
        return vm_raise(vm, EXC_RuntimeError,
                        "Set changed size during iteration");
    }
    dict_entry_t *e = set_next_entry(it->s, &it->pos);
    if (!e) {
        it->s = NULL;
    }
    return e ? e->key : NULL;
}

NATIVE(set_m_iter)
{
    WANT(0);
    return set__iter(vm, self);
}

/* ---- Method tables (registered by obj_dict_init) ------------------------ */

#define ANYSET_METHODS                                                    \
    {"__repr__", set_m_repr}, {"__len__", set_m_len},                     \
    {"__contains__", set_m_contains}, {"__iter__", set_m_iter},           \
    {"__lt__", set_lt}, {"__le__", set_le}, {"__eq__", set_eq},           \
    {"__ne__", set_ne}, {"__gt__", set_gt}, {"__ge__", set_ge},           \
    {"__or__", set_or}, {"__and__", set_and}, {"__sub__", set_sub},       \
    {"__xor__", set_xor}, {"__ror__", set_ror}, {"__rand__", set_rand},   \
    {"__rsub__", set_rsub}, {"__rxor__", set_rxor},                       \
    {"union", set_m_union}, {"intersection", set_m_intersection},         \
    {"difference", set_m_difference},                                     \
    {"symmetric_difference", set_m_symdiff},                              \
    {"issubset", set_m_issubset}, {"issuperset", set_m_issuperset},       \
    {"isdisjoint", set_m_isdisjoint}, {"copy", set_m_copy}

const method_def_t set__methods[] = {
    ANYSET_METHODS, {"__init__", set_m_init}, {"__ior__", set_ior},
    {"__iand__", set_iand}, {"__isub__", set_isub}, {"__ixor__", set_ixor},
    {"add", set_m_add}, {"discard", set_m_discard},
    {"remove", set_m_remove}, {"pop", set_m_pop}, {"clear", set_m_clear},
    {"update", set_m_update},
    {"intersection_update", set_m_intersection_update},
    {"difference_update", set_m_difference_update},
    {"symmetric_difference_update", set_m_symdiff_update}, {NULL, NULL}};

const method_def_t set__frozenset_methods[] = {
    ANYSET_METHODS, {"__hash__", frozenset_m_hash}, {NULL, NULL}};
