/*
 * obj_dict.c - dict with its views and iterators, set and frozenset.
 *
 * Mirrors the observable behaviour of CPython 3.11's Objects/dictobject.c
 * and Objects/setobject.c: results, iteration order, error messages and
 * the frozenset hash. The code is looplab's own.
 *
 * Both use dict_t (obj.h), in two different ways:
 *
 * - A dict is compact and insertion-ordered: entries[0..nentries) in
 *   insertion order (cap allocated), a deleted entry keeps key == NULL;
 *   index[0..mask] maps hash slots to entry numbers (-1 empty, -2
 *   deleted) with CPython's perturbation probing. The index always has an
 *   empty slot because nentries <= cap < mask + 1. Everything is
 *   allocated on the first insertion.
 *
 * - A set is NOT insertion-ordered in CPython, and programs print sets,
 *   so a set keeps CPython's own table and algorithms: entries[0..mask]
 *   IS the hash table (8 slots at first, a power of two), each slot empty
 *   (key NULL), active, or deleted (key == DUMMY, hash -1); lookups probe
 *   LINEAR_PROBES neighbours before perturbing; the table is resized when
 *   fill * 5 >= mask * 3; iteration walks the slots in order. For sets
 *   nentries is CPython's "fill" (active + deleted slots), cap is the
 *   "finger" where set.pop() resumes, index is unused (NULL), and value
 *   is always NULL.
 *
 * In both, used counts live keys and version changes with every insertion
 * or deletion, which lookups use to notice that an __eq__ mutated the
 * table under them. Natives that hold a new, unreachable container while
 * user code runs (__hash__, __eq__, iteration) raise vm->nogc meanwhile.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

/* obj_t.flags bits on dicts and sets: see obj_seq.c, same meaning
 * (repr in progress; contents already filled by the constructor). */
#define OF_REPR 0x80
#define OF_NEWFILLED 0x40

#define PERTURB_SHIFT 5
#define SET_MINSIZE 8
#define LINEAR_PROBES 9

/* The deleted-slot marker of set tables: an address no object has. */
static const char dummy_byte;
#define DUMMY ((obj_t *)(uintptr_t)&dummy_byte)

#define NATIVE(fn)                                                        \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                     tuple_t *kw)

#define TRY(x)                                                            \
    do {                                                                  \
        if ((x) < 0) {                                                    \
            return NULL;                                                  \
        }                                                                 \
    } while (0)

#define WANT(n)                                                           \
    do {                                                                  \
        (void)argv, (void)kw;                                             \
        if (!self) {                                                      \
            return vm_raise(vm, EXC_TypeError, "unbound slot wrapper "    \
                            "needs an argument");                         \
        }                                                                 \
        TRY(chk_args(vm, NULL, argc, NULL, (n), (n)));                    \
    } while (0)

/* Unbound calls (dict.keys(d)) normalised as in obj_seq.c. */
#define SELF(t, name)                                                     \
    TRY(take_self(vm, &self, &argc, &argv, (t), (name)))

#define NOARGS -1
#define ONEARG -2

/* ---- Helpers (as in obj_seq.c) ------------------------------------------ */

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

static int sb_repr(sbuf_t *b, obj_t *o)
{
    str_t *r = obj_repr(b->vm, o);
    if (r) {
        sb_put(b, r->s, r->len);
    }
    return r ? 0 : -1;
}

/* Finishes the buffer into a str, or just frees it when [ok] is false. */
static obj_t *sb_finish(sbuf_t *b, bool ok)
{
    obj_t *s = ok ? (obj_t *)str_new(b->vm, b->p ? b->p : "", b->n) : NULL;
    if (b->p) {
        gc_free(b->vm, b->p, b->cap);
    }
    return s;
}

/* CPython's argument-count messages; see chk_args in obj_seq.c. */
static int chk_args(vm_t *vm, const char *qual, int argc, tuple_t *kw,
                    int min, int max)
{
    const char *dot = qual ? strrchr(qual, '.') : NULL;
    if (kw && kw->n > 0) {
        vm_raise(vm, EXC_TypeError, "%s() takes no keyword arguments", qual);
        return -1;
    }
    if (min < 0 && argc != -min - 1) {
        vm_raise(vm, EXC_TypeError, min == NOARGS
                 ? "%s() takes no arguments (%d given)"
                 : "%s() takes exactly one argument (%d given)", qual, argc);
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

static int take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                     type_t *t, const char *name)
{
    if (*self) {
        return 0;
    }
    if (*argc < 1) {
        vm_raise(vm, EXC_TypeError, "unbound method %s.%s() needs an argument",
                 t->name->s, name);
        return -1;
    }
    if (!obj_isinstance_t((*argv)[0], t)) {
        vm_raise(vm, EXC_TypeError, "descriptor '%s' for '%s' objects doesn't "
                 "apply to a '%s' object", name, t->name->s,
                 type_name((*argv)[0]));
        return -1;
    }
    *self = *(*argv)++;
    (*argc)--;
    return 0;
}

static obj_t *key_error(vm_t *vm, obj_t *key)
{
    return vm_raise_obj(vm, exc_new(vm, EXC_TYPE(vm, KeyError),
                                    tuple_pack(vm, 1, key)));
}

/* Ends a native that raised vm->nogc. */
static obj_t *nogc_end(vm_t *vm, obj_t *r)
{
    vm->nogc--;
    return r;
}

static bool is_dict(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_dict);
}

static bool is_anyset(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_set) ||
           obj_isinstance_t(o, vm->t_frozenset);
}

/* Equality as in the tables of CPython: identity, then str contents,
 * then __eq__ with the stored key on the left. */
static int keys_equal(vm_t *vm, obj_t *stored, obj_t *key)
{
    if (stored == key) {
        return 1;
    }
    if (TYPE(stored) == vm->t_str && TYPE(key) == vm->t_str) {
        return str_eq((str_t *)stored, (str_t *)key);
    }
    return obj_eq(vm, stored, key);
}

/* ---- Dict table --------------------------------------------------------- */

static size_t dict_isize(dict_t *d)
{
    return d->index ? d->mask + 1 : 0;
}

/* Finds [key]: its entry number, -1 when absent, -2 on error. *slot is
 * the index slot holding it, or where an insertion should go. */
static int64_t dict_find(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
                         size_t *slot)
{
restart:
    if (!d->index) {
        return -1;
    }
    dict_entry_t *ents = d->entries;
    size_t mask = d->mask, i = (size_t)hash & mask, freeslot = SIZE_MAX;
    for (uint64_t perturb = (uint64_t)hash;;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + perturb + 1) & mask) {
        int32_t ix = d->index[i];
        if (ix == -1) {
            *slot = freeslot != SIZE_MAX ? freeslot : i;
            return -1;
        }
        if (ix == -2) {
            freeslot = freeslot == SIZE_MAX ? i : freeslot;
            continue;
        }
        obj_t *sk = ents[ix].key;
        int c = sk == key ? 1 : ents[ix].hash != hash ? 0
              : keys_equal(vm, sk, key);
        if (c < 0) {
            return -2;
        }
        /* An __eq__ that reallocated the table or replaced this entry
         * invalidates the search (as in CPython's lookdict). */
        if (d->entries != ents || d->mask != mask || ents[ix].key != sk) {
            goto restart;
        }
        if (c) {
            *slot = i;
            return ix;
        }
    }
}

/* The first empty index slot for [hash] (the index has no dummies right
 * after a rebuild). */
static size_t dict_empty_slot(dict_t *d, int64_t hash)
{
    size_t mask = d->mask, i = (size_t)hash & mask;
    for (uint64_t perturb = (uint64_t)hash; d->index[i] != -1;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + perturb + 1) & mask) {
    }
    return i;
}

/* Compacts the entries and rebuilds the index at a size of at least
 * 3 * used (CPython's GROWTH_RATE), so that 2/3 of it is usable. */
static void dict_resize(vm_t *vm, dict_t *d)
{
    size_t size = 8, j = 0;
    while (size < d->used * 3) {
        size <<= 1;
    }
    size_t cap = size * 2 / 3;
    dict_entry_t *ents = gc_malloc(vm, cap * sizeof(dict_entry_t));
    for (size_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key) {
            ents[j++] = d->entries[i];
        }
    }
    if (d->entries) {
        gc_free(vm, d->entries, d->cap * sizeof(dict_entry_t));
        gc_free(vm, d->index, dict_isize(d) * sizeof(int32_t));
    }
    d->entries = ents;
    d->cap = cap;
    d->nentries = j;
    d->mask = size - 1;
    d->index = gc_malloc(vm, size * sizeof(int32_t));
    memset(d->index, 0xff, size * sizeof(int32_t)); /* all -1 */
    for (size_t i = 0; i < j; i++) {
        d->index[dict_empty_slot(d, ents[i].hash)] = (int32_t)i;
    }
    d->version++;
}

static int dict_insert(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
                       obj_t *v)
{
    size_t slot = 0;
    int64_t ix = dict_find(vm, d, key, hash, &slot);
    if (ix >= 0) {
        d->entries[ix].value = v;
        return 0;
    }
    if (ix == -2) {
        return -1;
    }
    if (d->nentries >= d->cap) {
        dict_resize(vm, d);
        slot = dict_empty_slot(d, hash);
    }
    d->entries[d->nentries] = (dict_entry_t){key, v, hash};
    d->index[slot] = (int32_t)d->nentries++;
    d->used++;
    d->version++;
    return 0;
}

/* Removes entry [ix] found at index slot [slot]. */
static void dict_remove(dict_t *d, size_t slot, int64_t ix)
{
    d->index[slot] = -2;
    d->entries[ix].key = d->entries[ix].value = NULL;
    d->used--;
    d->version++;
}

static void dict_clear_all(vm_t *vm, dict_t *d)
{
    if (d->entries) {
        gc_free(vm, d->entries, d->cap * sizeof(dict_entry_t));
        gc_free(vm, d->index, dict_isize(d) * sizeof(int32_t));
    }
    d->entries = NULL;
    d->index = NULL;
    d->used = d->nentries = d->cap = d->mask = 0;
    d->version++;
}

static void dict_mark(vm_t *vm, obj_t *o)
{
    dict_t *d = (dict_t *)o;
    gc_mark(vm, d->idict);
    for (size_t i = 0; i < d->nentries; i++) {
        gc_mark(vm, d->entries[i].key);
        gc_mark(vm, d->entries[i].value);
    }
}

static void dict_destroy(vm_t *vm, obj_t *o)
{
    dict_clear_all(vm, (dict_t *)o);
}

/* A dict or set of type t. Instances of classes with a __dict__
 * (TF_HASDICT) keep it in idict, where OBJ_DICT (obj_int.h) looks, made
 * here as object_new makes it. */
static dict_t *dict_alloc(vm_t *vm, type_t *t)
{
    size_t size = t->size > sizeof(dict_t) ? t->size : sizeof(dict_t);
    dict_t *d = (dict_t *)gc_alloc(vm, t, size);
    if (t->flags & TF_HASDICT) {
        d->idict = (obj_t *)dict_new(vm);
    }
    return d;
}

dict_t *dict_new(vm_t *vm)
{
    return dict_alloc(vm, vm->t_dict);
}

obj_t *dict_get(vm_t *vm, dict_t *d, obj_t *key)
{
    int64_t h;
    size_t slot;
    if (obj_hash(vm, key, &h) < 0) {
        return NULL;
    }
    int64_t ix = dict_find(vm, d, key, h, &slot);
    return ix >= 0 ? d->entries[ix].value : NULL;
}

/* Looks up a str by identity, then by contents among str keys; never
 * runs user code, so [vm] may be NULL (type_lookup passes NULL). */
obj_t *dict_get_str(vm_t *vm, dict_t *d, str_t *key)
{
    (void)vm;
    if (!d->index || !d->used) {
        return NULL;
    }
    int64_t h = str_hash(key);
    size_t mask = d->mask, i = (size_t)h & mask;
    for (uint64_t perturb = (uint64_t)h;;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + perturb + 1) & mask) {
        int32_t ix = d->index[i];
        if (ix == -1) {
            return NULL;
        }
        dict_entry_t *e = ix >= 0 ? &d->entries[ix] : NULL;
        if (e && (e->key == (obj_t *)key ||
                  (e->hash == h && TYPE(e->key)->layout == LAYOUT_STR &&
                   str_eq((str_t *)e->key, key)))) {
            return e->value;
        }
    }
}

obj_t *dict_get_cstr(vm_t *vm, dict_t *d, const char *key)
{
    /* A str on the stack, so a lookup allocates nothing. */
    str_t s;
    memset(&s, 0, sizeof s);
    s.hdr.type = vm->t_str;
    s.hash = -1;
    s.s = (char *)key;
    s.len = strlen(key);
    s.ascii = true;
    for (size_t i = 0; i < s.len; i++) {
        s.nchars += ((unsigned char)key[i] & 0xc0) != 0x80;
        s.ascii = s.ascii && (unsigned char)key[i] < 0x80;
    }
    return dict_get_str(vm, d, &s);
}

int dict_set(vm_t *vm, dict_t *d, obj_t *key, obj_t *v)
{
    int64_t h;
    if (obj_hash(vm, key, &h) < 0) {
        return -1;
    }
    return dict_insert(vm, d, key, h, v);
}

int dict_set_cstr(vm_t *vm, dict_t *d, const char *key, obj_t *v)
{
    return dict_set(vm, d, (obj_t *)str_intern(vm, key), v);
}

int dict_del(vm_t *vm, dict_t *d, obj_t *key)
{
    int64_t h;
    size_t slot;
    if (obj_hash(vm, key, &h) < 0) {
        return -1;
    }
    int64_t ix = dict_find(vm, d, key, h, &slot);
    if (ix < 0) {
        return ix == -2 ? -1 : 0;
    }
    dict_remove(d, slot, ix);
    return 1;
}

bool dict_next(dict_t *d, size_t *pos, obj_t **key, obj_t **value)
{
    while (*pos < d->nentries) {
        dict_entry_t *e = &d->entries[(*pos)++];
        if (e->key) {
            if (key) {
                *key = e->key;
            }
            if (value) {
                *value = e->value;
            }
            return true;
        }
    }
    return false;
}

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
            int c = keys_equal(vm, sk, key);
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
 * 8), keys re-inserted in old slot order, deleted slots dropped. */
static void set_resize(vm_t *vm, dict_t *s, size_t minused)
{
    size_t size = SET_MINSIZE, oldn = s->entries ? s->mask + 1 : 0,
           used = s->used;
    while (size <= minused) {
        size <<= 1;
    }
    dict_entry_t *old = s->entries;
    set_table(vm, s, size);
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
}

static int set_add_entry(vm_t *vm, dict_t *s, obj_t *key, int64_t hash)
{
    size_t slot;
    set_ready(vm, s);
    int r = set_find(vm, s, key, hash, &slot);
    if (r != 0) {
        return r < 0 ? -1 : 0;
    }
    bool fresh = !s->entries[slot].key; /* not a reused deleted slot */
    s->entries[slot] = (dict_entry_t){key, NULL, hash};
    s->used++;
    s->version++;
    if (fresh && ++s->nentries * 5 >= s->mask * 3) {
        set_resize(vm, s, s->used > 50000 ? s->used * 2 : s->used * 4);
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

static void set_mark(vm_t *vm, obj_t *o)
{
    dict_t *s = (dict_t *)o;
    gc_mark(vm, s->idict);
    for (size_t i = 0; s->entries && i <= s->mask; i++) {
        if (live(s->entries[i].key)) {
            gc_mark(vm, s->entries[i].key);
        }
    }
}

static void set_destroy(vm_t *vm, obj_t *o)
{
    dict_t *s = (dict_t *)o;
    if (s->entries) {
        gc_free(vm, s->entries, (s->mask + 1) * sizeof(dict_entry_t));
        s->entries = NULL;
    }
}

dict_t *set_new(vm_t *vm, type_t *t)
{
    dict_t *s = dict_alloc(vm, t);
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
    if ((so->nentries + other->used) * 5 >= so->mask * 3) {
        set_resize(vm, so, (so->used + other->used) * 2);
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
    if (is_anyset(vm, other)) {
        return set_merge(vm, so, (dict_t *)other);
    }
    if (TYPE(other) == vm->t_dict) {
        dict_t *d = (dict_t *)other;
        set_ready(vm, so);
        if ((so->nentries + d->used) * 5 >= so->mask * 3) {
            set_resize(vm, so, (so->used + d->used) * 2);
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

static dict_t *make_set(vm_t *vm, type_t *t, obj_t *iterable)
{
    dict_t *s = set_new(vm, t);
    return iterable && set_update(vm, s, iterable) < 0 ? NULL : s;
}

static dict_t *set_copy(vm_t *vm, dict_t *so)
{
    return make_set(vm, set_basetype(vm, (obj_t *)so), (obj_t *)so);
}

/* Whether [key] (with [hash]) is in container [c], a set or exact dict. */
static int has_hashed(vm_t *vm, obj_t *c, obj_t *key, int64_t hash)
{
    size_t slot;
    if (TYPE(c) == vm->t_dict) {
        int64_t ix = dict_find(vm, (dict_t *)c, key, hash, &slot);
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

static dict_t *set_intersection(vm_t *vm, dict_t *so, obj_t *other)
{
    if ((obj_t *)so == other) {
        return set_copy(vm, so);
    }
    dict_t *r = set_new(vm, set_basetype(vm, (obj_t *)so));
    if (is_anyset(vm, other)) {
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
    if (is_anyset(vm, other)) {
        dict_t *o = (dict_t *)other;
        size_t pos = 0;
        /* Much larger other: only the common keys matter. */
        if ((o->used >> 3) > so->used) {
            o = set_intersection(vm, so, other);
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
        set_resize(vm, so, so->used > 50000 ? so->used * 2 : so->used * 4);
    }
    return 0;
}

static dict_t *set_difference(vm_t *vm, dict_t *so, obj_t *other)
{
    bool small_other = is_anyset(vm, other) || TYPE(other) == vm->t_dict;
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
    o = is_anyset(vm, other)
            ? (dict_t *)other
            : make_set(vm, set_basetype(vm, (obj_t *)so), other);
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
    dict_t *r = make_set(vm, set_basetype(vm, (obj_t *)so), other);
    return r && set_symdiff_update(vm, r, (obj_t *)so) == 0 ? r : NULL;
}

static int set_issubset(vm_t *vm, dict_t *so, obj_t *other)
{
    if (!is_anyset(vm, other)) {
        dict_t *tmp = make_set(vm, vm->t_set, other);
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
    if (is_anyset(vm, other)) {
        return set_issubset(vm, (dict_t *)other, (obj_t *)so);
    }
    return set_all_or_none(vm, so, other, true);
}

static int set_isdisjoint(vm_t *vm, dict_t *so, obj_t *other)
{
    if ((obj_t *)so == other) {
        return so->used == 0;
    }
    if (is_anyset(vm, other)) {
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

static obj_t *set_repr(vm_t *vm, obj_t *o)
{
    dict_t *s = (dict_t *)o;
    bool exact = TYPE(o) == vm->t_set;
    sbuf_t b = {vm, NULL, 0, 0};
    if ((o->flags & OF_REPR) || s->used == 0) {
        sb_cstr(&b, type_name(o));
        sb_cstr(&b, s->used ? "(...)" : "()");
        return sb_finish(&b, true);
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
        sb_cstr(&b, type_name(o));
        sb_cstr(&b, "(");
    }
    sb_cstr(&b, "{");
    bool ok = true;
    vm->nogc++;
    for (size_t i = 0; ok && i < keys->n; i++) {
        sb_cstr(&b, i ? ", " : "");
        ok = sb_repr(&b, keys->items[i]) == 0;
    }
    vm->nogc--;
    sb_cstr(&b, exact ? "}" : "})");
    o->flags &= (uint8_t)~OF_REPR;
    return sb_finish(&b, ok);
}

NATIVE(set_m_repr)
{
    WANT(0);
    return set_repr(vm, self);
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
 * list_tp_new in obj_seq.c); the __init__ that follows then skips. */
static int set_fill(vm_t *vm, dict_t *s, int argc, obj_t **argv,
                    tuple_t *kw)
{
    if (chk_args(vm, "set", 0, kw, 0, 0) < 0 ||
        chk_args(vm, "set", argc, NULL, 0, 1) < 0) {
        return -1;
    }
    if (s->nentries) {
        set_clear_all(vm, s);
    }
    return argc ? set_update(vm, s, argv[0]) : 0;
}

NATIVE(set_tp_new)
{
    type_t *t = (type_t *)self;
    dict_t *s = set_new(vm, t);
    if ((argc > 0 || (kw && kw->n > 0)) &&
        (t == vm->t_set || type_lookup(t, vm->s.__init__) ==
                               type_lookup(vm->t_set, vm->s.__init__))) {
        vm->nogc++;
        if (!nogc_end(vm, set_fill(vm, s, argc, argv, kw) < 0 ? NULL
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

NATIVE(frozenset_tp_new)
{
    type_t *t = (type_t *)self;
    TRY(chk_args(vm, "frozenset", 0, kw, 0, 0));
    TRY(chk_args(vm, "frozenset", argc, NULL, 0, 1));
    if (argc && t == vm->t_frozenset && TYPE(argv[0]) == vm->t_frozenset) {
        return argv[0];
    }
    vm->nogc++;
    return nogc_end(vm, (obj_t *)make_set(vm, t, argc ? argv[0] : NULL));
}

/* The four binary operations, shared by operators, methods and views. */
enum { SOP_OR, SOP_AND, SOP_SUB, SOP_XOR };

static dict_t *set_binop(vm_t *vm, dict_t *a, obj_t *b, int op)
{
    dict_t *r;
    switch (op) {
    case SOP_OR:
        r = set_copy(vm, a);
        return r && (obj_t *)a != b && set_update(vm, r, b) < 0 ? NULL : r;
    case SOP_AND:
        return set_intersection(vm, a, b);
    case SOP_SUB:
        return set_difference(vm, a, b);
    default:
        return set_symdiff(vm, a, b);
    }
}

/* In place: |= update, -= and ^= their updates, &= intersection_update,
 * where (set_swap_bodies) the set takes the result's table. */
static int set_inplace(vm_t *vm, dict_t *a, obj_t *b, int op)
{
    if (op != SOP_AND) {
        return op == SOP_OR    ? set_update(vm, a, b)
             : op == SOP_SUB   ? set_difference_update(vm, a, b)
                               : set_symdiff_update(vm, a, b);
    }
    dict_t *r = set_intersection(vm, a, b);
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
    TRY(chk_args(vm, NULL, argc, NULL, 1, 1));
    obj_t *o = argv[0];
    if (!is_anyset(vm, o)) {
        return vm->notimpl;
    }
    vm->nogc++;
    if (how == 2) {
        return nogc_end(vm, set_inplace(vm, (dict_t *)self, o, op) < 0 ? NULL
                                                                       : self);
    }
    obj_t *a = how == 1 ? o : self, *b = how == 1 ? self : o;
    return nogc_end(vm, (obj_t *)set_binop(vm, (dict_t *)a, b, op));
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
    TRY(chk_args(vm, set_qual(vm, self, name, q), 0, kw, 0, 0));
    dict_t *s = (dict_t *)self, *r = s;
    vm->nogc++;
    if (!update) {
        r = argc == 0 || op == SOP_OR ? set_copy(vm, s)
                                      : set_binop(vm, s, argv[0], op);
    }
    for (int i = update || op == SOP_OR ? 0 : 1; r && i < argc; i++) {
        if (op == SOP_AND && !update) {
            r = set_intersection(vm, r, argv[i]);
        } else if (!(op == SOP_OR && argv[i] == self) &&
                   set_inplace(vm, r, argv[i], op) < 0) {
            r = NULL;
        }
    }
    return nogc_end(vm, !r ? NULL : update ? vm->none : (obj_t *)r);
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
    TRY(chk_args(vm, set_qual(vm, self, name, q), argc, kw, ONEARG, 0));
    dict_t *s = (dict_t *)self;
    obj_t *o = argv[0];
    vm->nogc++;
    if (what == S1_SYMDIFF) {
        return nogc_end(vm, (obj_t *)set_symdiff(vm, s, o));
    }
    if (what == S1_SYMDIFF_UPDATE) {
        int r = set_symdiff_update(vm, s, o);
        return nogc_end(vm, r < 0 ? NULL : vm->none);
    }
    int r = what == S1_SUBSET     ? set_issubset(vm, s, o)
          : what == S1_SUPERSET   ? set_issuperset(vm, s, o)
                                  : set_isdisjoint(vm, s, o);
    return nogc_end(vm, r < 0 ? NULL : bool_new(vm, r));
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
    if (!is_anyset(vm, o)) {
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
    return nogc_end(vm, r < 0 ? NULL : bool_new(vm, r));
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
    TRY(chk_args(vm, "set.add", argc, kw, ONEARG, 0));
    TRY(set_add(vm, (dict_t *)self, argv[0]));
    return vm->none;
}

NATIVE(set_m_discard)
{
    SELF(vm->t_set, "discard");
    TRY(chk_args(vm, "set.discard", argc, kw, ONEARG, 0));
    TRY(set_discard(vm, (dict_t *)self, argv[0]));
    return vm->none;
}

NATIVE(set_m_remove)
{
    SELF(vm->t_set, "remove");
    TRY(chk_args(vm, "set.remove", argc, kw, ONEARG, 0));
    int r = set_discard(vm, (dict_t *)self, argv[0]);
    return r < 0 ? NULL : r ? vm->none : key_error(vm, argv[0]);
}

/* set.pop(): the first active slot from the finger (kept in cap) on. */
NATIVE(set_m_pop)
{
    SELF(vm->t_set, "pop");
    TRY(chk_args(vm, "set.pop", argc, kw, NOARGS, 0));
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
    TRY(chk_args(vm, "set.clear", argc, kw, NOARGS, 0));
    set_clear_all(vm, (dict_t *)self);
    return vm->none;
}

NATIVE(set_m_copy)
{
    char q[64];
    ANYSELF("copy");
    TRY(chk_args(vm, set_qual(vm, self, "copy", q), argc, kw, NOARGS, 0));
    if (TYPE(self) == vm->t_frozenset) {
        return self;
    }
    vm->nogc++;
    return nogc_end(vm, (obj_t *)set_copy(vm, (dict_t *)self));
}

typedef struct setiter {
    obj_t hdr;
    dict_t *s;
    size_t pos;
    int64_t used;
} setiter_t;

static void setiter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((setiter_t *)o)->s);
}

static obj_t *set_iter(vm_t *vm, obj_t *o)
{
    setiter_t *it = (setiter_t *)gc_alloc(vm, vm->t_set_iter,
                                          sizeof(setiter_t));
    it->s = (dict_t *)o;
    it->used = (int64_t)it->s->used;
    return (obj_t *)it;
}

static obj_t *setiter_next(vm_t *vm, obj_t *o)
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
    return set_iter(vm, self);
}

/* ---- Dict natives ------------------------------------------------------- */

static obj_t *dict_repr(vm_t *vm, obj_t *o)
{
    dict_t *d = (dict_t *)o;
    sbuf_t b = {vm, NULL, 0, 0};
    if (d->used == 0 || (o->flags & OF_REPR)) {
        return (obj_t *)str_cstr(vm, d->used ? "{...}" : "{}");
    }
    o->flags |= OF_REPR;
    sb_cstr(&b, "{");
    bool ok = true, first = true;
    /* By position, re-reading the table: a __repr__ may change it. */
    for (size_t i = 0; ok && i < d->nentries; i++) {
        obj_t *k = d->entries[i].key, *v = d->entries[i].value;
        if (k) {
            sb_cstr(&b, first ? "" : ", ");
            ok = sb_repr(&b, k) == 0;
            sb_cstr(&b, ": ");
            ok = ok && sb_repr(&b, v) == 0;
            first = false;
        }
    }
    sb_cstr(&b, "}");
    o->flags &= (uint8_t)~OF_REPR;
    return sb_finish(&b, ok);
}

NATIVE(dict_m_repr)
{
    WANT(0);
    return dict_repr(vm, self);
}

NATIVE(dict_m_len)
{
    WANT(0);
    return int_new(vm, (int64_t)((dict_t *)self)->used);
}

/* A lookup that tells "absent" (NULL, no exception) from an error. */
static obj_t *dict_lookup(vm_t *vm, dict_t *d, obj_t *key, bool *err)
{
    obj_t *v = dict_get(vm, d, key);
    *err = !v && vm->exc;
    return v;
}

NATIVE(dict_getitem)
{
    bool err, found;
    WANT(1);
    obj_t *v = dict_lookup(vm, (dict_t *)self, argv[0], &err);
    if (v || err) {
        return v;
    }
    /* A subclass may supply __missing__ (defaultdict-style). */
    if (TYPE(self) != vm->t_dict) {
        v = obj_call_special(vm, self, vm->s.__missing__, 1, argv, &found);
        if (found) {
            return v;
        }
    }
    return key_error(vm, argv[0]);
}

NATIVE(dict_setitem)
{
    WANT(2);
    TRY(dict_set(vm, (dict_t *)self, argv[0], argv[1]));
    return vm->none;
}

NATIVE(dict_delitem)
{
    WANT(1);
    int r = dict_del(vm, (dict_t *)self, argv[0]);
    return r < 0 ? NULL : r ? vm->none : key_error(vm, argv[0]);
}

NATIVE(dict_contains)
{
    bool err;
    WANT(1);
    obj_t *v = dict_lookup(vm, (dict_t *)self, argv[0], &err);
    return err ? NULL : bool_new(vm, v != NULL);
}

/* dict_equal: same size, and every key of a maps to an equal value in b. */
static int dict_equal(vm_t *vm, dict_t *a, dict_t *b)
{
    if (a->used != b->used) {
        return 0;
    }
    for (size_t i = 0; i < a->nentries; i++) {
        obj_t *k = a->entries[i].key, *av = a->entries[i].value;
        size_t slot;
        if (!k) {
            continue;
        }
        int64_t ix = dict_find(vm, b, k, a->entries[i].hash, &slot);
        if (ix < 0) {
            return ix == -2 ? -1 : 0;
        }
        obj_t *bv = b->entries[ix].value;
        int c = av == bv ? 1 : obj_eq(vm, av, bv);
        if (c <= 0) {
            return c;
        }
    }
    return 1;
}

static obj_t *dict_cmp(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       bool ne)
{
    TRY(chk_args(vm, NULL, argc, NULL, 1, 1));
    if (!is_dict(vm, argv[0])) {
        return vm->notimpl;
    }
    int r = dict_equal(vm, (dict_t *)self, (dict_t *)argv[0]);
    return r < 0 ? NULL : bool_new(vm, r != ne);
}

NATIVE(dict_eq)
{
    (void)kw;
    return dict_cmp(vm, self, argc, argv, false);
}

NATIVE(dict_ne)
{
    (void)kw;
    return dict_cmp(vm, self, argc, argv, true);
}

static obj_t *dict_iter(vm_t *vm, obj_t *o);

/* dict_update_arg: an exact-dict-like mapping by its table, another
 * object with keys() as a mapping, anything else as (key, value) pairs. */
static int dict_merge(vm_t *vm, dict_t *d, obj_t *arg)
{
    if (is_dict(vm, arg) && TYPE(arg)->iter == dict_iter) {
        dict_t *src = (dict_t *)arg;
        for (size_t i = 0; src != d && i < src->nentries; i++) {
            dict_entry_t e = src->entries[i];
            if (e.key && dict_insert(vm, d, e.key, e.hash, e.value) < 0) {
                return -1;
            }
        }
        return 0;
    }
    obj_t *keys = obj_getattr_opt(vm, arg, vm->s.keys), *it, *x;
    if (keys) {
        if (!(keys = vm_call0(vm, keys)) || !(it = obj_iter(vm, keys))) {
            return -1;
        }
        while ((x = obj_next(vm, it))) {
            obj_t *v = obj_getitem(vm, arg, x);
            if (!v || dict_set(vm, d, x, v) < 0) {
                return -1;
            }
        }
        return vm->exc ? -1 : 0;
    }
    if (vm->exc || !(it = obj_iter(vm, arg))) {
        return -1;
    }
    for (long long n = 0; (x = obj_next(vm, it)); n++) {
        list_t *pair = NULL;
        obj_t *pit = obj_iter(vm, x);
        if (!pit) {
            if (vm_exc_matches(vm, EXC_TypeError)) {
                vm_take_exc(vm);
                vm_raise(vm, EXC_TypeError, "cannot convert dictionary update "
                         "sequence element #%lld to a sequence", n);
            }
            return -1;
        }
        if (!(pair = obj_to_list(vm, pit))) {
            return -1;
        }
        if (pair->n != 2) {
            vm_raise(vm, EXC_ValueError, "dictionary update sequence element "
                     "#%lld has length %lld; 2 is required", n,
                     (long long)pair->n);
            return -1;
        }
        if (dict_set(vm, d, pair->items[0], pair->items[1]) < 0) {
            return -1;
        }
    }
    return vm->exc ? -1 : 0;
}

/* dict(arg, **kw), dict.update(arg, **kw) and dict.__init__. */
static int dict_update_common(vm_t *vm, dict_t *d, int argc, obj_t **argv,
                              tuple_t *kw, const char *name)
{
    if (chk_args(vm, name, argc, NULL, 0, 1) < 0 ||
        (argc == 1 && dict_merge(vm, d, argv[0]) < 0)) {
        return -1;
    }
    for (size_t i = 0; kw && i < kw->n; i++) {
        if (dict_set(vm, d, kw->items[i], argv[argc + (int)i]) < 0) {
            return -1;
        }
    }
    return 0;
}

NATIVE(dict_tp_new)
{
    type_t *t = (type_t *)self;
    dict_t *d = dict_alloc(vm, t);
    if ((argc > 0 || (kw && kw->n > 0)) &&
        (t == vm->t_dict || type_lookup(t, vm->s.__init__) ==
                                type_lookup(vm->t_dict, vm->s.__init__))) {
        vm->nogc++;
        if (!nogc_end(vm, dict_update_common(vm, d, argc, argv, kw, "dict") < 0
                              ? NULL : vm->none)) {
            return NULL;
        }
        d->hdr.flags |= OF_NEWFILLED;
    }
    return (obj_t *)d;
}

/* See list_tp_new in obj_seq.c for the OF_NEWFILLED protocol. */
NATIVE(dict_m_init)
{
    SELF(vm->t_dict, "__init__");
    if (self->flags & OF_NEWFILLED) {
        self->flags &= (uint8_t)~OF_NEWFILLED;
        return vm->none;
    }
    TRY(dict_update_common(vm, (dict_t *)self, argc, argv, kw, "dict"));
    return vm->none;
}

NATIVE(dict_m_update)
{
    SELF(vm->t_dict, "update");
    TRY(dict_update_common(vm, (dict_t *)self, argc, argv, kw, "update"));
    return vm->none;
}

static dict_t *dict_copy(vm_t *vm, dict_t *d)
{
    dict_t *r = dict_new(vm);
    for (size_t i = 0; i < d->nentries; i++) {
        dict_entry_t e = d->entries[i];
        if (e.key) {
            dict_insert(vm, r, e.key, e.hash, e.value); /* cannot fail */
        }
    }
    return r;
}

NATIVE(dict_m_copy)
{
    SELF(vm->t_dict, "copy");
    TRY(chk_args(vm, "dict.copy", argc, kw, NOARGS, 0));
    return (obj_t *)dict_copy(vm, (dict_t *)self);
}

NATIVE(dict_m_clear)
{
    SELF(vm->t_dict, "clear");
    TRY(chk_args(vm, "dict.clear", argc, kw, NOARGS, 0));
    dict_clear_all(vm, (dict_t *)self);
    return vm->none;
}

/* d | other and other | d (reflected: operands swapped back) need two
 * dicts; the result is a plain dict. d |= x takes any mapping or pairs. */
static obj_t *dict_or_common(vm_t *vm, obj_t *a, obj_t *b)
{
    if (!is_dict(vm, a) || !is_dict(vm, b)) {
        return vm->notimpl;
    }
    dict_t *r = dict_copy(vm, (dict_t *)a);
    vm->nogc++;
    return nogc_end(vm, dict_merge(vm, r, b) < 0 ? NULL : (obj_t *)r);
}

NATIVE(dict_or)
{
    WANT(1);
    return dict_or_common(vm, self, argv[0]);
}

NATIVE(dict_ror)
{
    WANT(1);
    return dict_or_common(vm, argv[0], self);
}

NATIVE(dict_ior)
{
    WANT(1);
    TRY(dict_merge(vm, (dict_t *)self, argv[0]));
    return self;
}

NATIVE(dict_m_get)
{
    bool err;
    SELF(vm->t_dict, "get");
    TRY(chk_args(vm, "dict.get", argc, kw, 1, 2));
    obj_t *v = dict_lookup(vm, (dict_t *)self, argv[0], &err);
    return v || err ? v : argc > 1 ? argv[1] : vm->none;
}

NATIVE(dict_m_setdefault)
{
    bool err;
    SELF(vm->t_dict, "setdefault");
    TRY(chk_args(vm, "dict.setdefault", argc, kw, 1, 2));
    obj_t *v = dict_lookup(vm, (dict_t *)self, argv[0], &err);
    if (v || err) {
        return v;
    }
    v = argc > 1 ? argv[1] : vm->none;
    TRY(dict_set(vm, (dict_t *)self, argv[0], v));
    return v;
}

NATIVE(dict_m_pop)
{
    int64_t h;
    size_t slot;
    SELF(vm->t_dict, "pop");
    TRY(chk_args(vm, "dict.pop", argc, kw, 1, 2));
    dict_t *d = (dict_t *)self;
    /* An empty dict answers without hashing the key (_PyDict_Pop). */
    int64_t ix = d->used == 0 ? -1
               : obj_hash(vm, argv[0], &h) < 0 ? -2
               : dict_find(vm, d, argv[0], h, &slot);
    if (ix < 0) {
        return ix == -2 ? NULL : argc > 1 ? argv[1] : key_error(vm, argv[0]);
    }
    obj_t *v = d->entries[ix].value;
    dict_remove(d, slot, ix);
    return v;
}

/* popitem(): the last entry, LIFO. */
NATIVE(dict_m_popitem)
{
    SELF(vm->t_dict, "popitem");
    TRY(chk_args(vm, "dict.popitem", argc, kw, NOARGS, 0));
    dict_t *d = (dict_t *)self;
    if (d->used == 0) {
        return vm_raise(vm, EXC_KeyError, "popitem(): dictionary is empty");
    }
    size_t ix = d->nentries - 1, i;
    while (!d->entries[ix].key) {
        ix--;
    }
    dict_entry_t e = d->entries[ix];
    i = (size_t)e.hash & d->mask;
    for (uint64_t perturb = (uint64_t)e.hash; d->index[i] != (int32_t)ix;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + perturb + 1) & d->mask) {
    }
    dict_remove(d, i, (int64_t)ix);
    d->nentries = ix; /* the tail is free again, as in CPython */
    return (obj_t *)tuple_pack(vm, 2, e.key, e.value);
}

/* dict.fromkeys(iterable, value=None). type_add_method makes methods
 * that bind to instances; on the class (dict.fromkeys(...)) the native
 * may get self NULL and all arguments in argv, or the first argument as
 * self if the caller shifted it. A type as self is the class to build
 * (a classmethod-style binding); a dict as self with arguments left is
 * d.fromkeys(...) on an instance (the class is type(d)). Otherwise self
 * was the first argument and the class is dict. */
NATIVE(dict_m_fromkeys)
{
    obj_t *cls = (obj_t *)vm->t_dict, *a[3];
    int n = 0;
    if (self && obj_isinstance_t(self, vm->t_type)) {
        cls = self;
    } else if (self && is_dict(vm, self) && argc > 0) {
        cls = (obj_t *)TYPE(self);
    } else if (self) {
        a[n++] = self;
    }
    for (int i = 0; i < argc; i++) {
        a[n < 3 ? n : 2] = argv[i];
        n++;
    }
    TRY(chk_args(vm, "dict.fromkeys", n, kw, 1, 2));
    obj_t *v = n > 1 ? a[1] : vm->none, *it, *k;
    vm->nogc++;
    obj_t *d = cls == (obj_t *)vm->t_dict ? (obj_t *)dict_new(vm)
                                          : vm_call0(vm, cls);
    if (!d || !(it = obj_iter(vm, a[0]))) {
        return nogc_end(vm, NULL);
    }
    while ((k = obj_next(vm, it))) {
        if ((TYPE(d) == vm->t_dict ? dict_set(vm, (dict_t *)d, k, v)
                                   : obj_setitem(vm, d, k, v)) < 0) {
            return nogc_end(vm, NULL);
        }
    }
    return nogc_end(vm, vm->exc ? NULL : d);
}

/* ---- Dict iterators and views ------------------------------------------- */

enum { DK_KEYS, DK_VALUES, DK_ITEMS };

/* One iterator type for keys, values and items, forward or reversed.
 * used is the size at creation (-1 once broken), left counts the items
 * still expected, as CPython's dictiter does. */
typedef struct dictiter {
    obj_t hdr;
    dict_t *d;
    int64_t pos, used, left;
    int kind;
    bool rev;
} dictiter_t;

static void dictiter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((dictiter_t *)o)->d);
}

static obj_t *dictiter_new(vm_t *vm, dict_t *d, int kind, bool rev)
{
    dictiter_t *it = (dictiter_t *)gc_alloc(vm, vm->t_dict_iter,
                                            sizeof(dictiter_t));
    it->d = d;
    it->kind = kind;
    it->rev = rev;
    it->used = it->left = (int64_t)d->used;
    it->pos = rev ? (int64_t)d->nentries - 1 : 0;
    return (obj_t *)it;
}

static obj_t *dictiter_next(vm_t *vm, obj_t *o)
{
    dictiter_t *it = (dictiter_t *)o;
    dict_t *d = it->d;
    if (!d) {
        return NULL;
    }
    if (it->used != (int64_t)d->used) {
        it->used = -1; /* stays broken, as in CPython */
        return vm_raise(vm, EXC_RuntimeError,
                        "dictionary changed size during iteration");
    }
    while (it->pos >= 0 && it->pos < (int64_t)d->nentries &&
           !d->entries[it->pos].key) {
        it->pos += it->rev ? -1 : 1;
    }
    if (it->pos < 0 || it->pos >= (int64_t)d->nentries) {
        it->d = NULL;
        return NULL;
    }
    if (it->left-- == 0) {
        it->d = NULL;
        return vm_raise(vm, EXC_RuntimeError,
                        "dictionary keys changed during iteration");
    }
    dict_entry_t *e = &d->entries[it->pos];
    it->pos += it->rev ? -1 : 1;
    return it->kind == DK_KEYS ? e->key : it->kind == DK_VALUES
               ? e->value : (obj_t *)tuple_pack(vm, 2, e->key, e->value);
}

static obj_t *dict_iter(vm_t *vm, obj_t *o)
{
    return dictiter_new(vm, (dict_t *)o, DK_KEYS, false);
}

NATIVE(dict_m_iter)
{
    WANT(0);
    return dict_iter(vm, self);
}

NATIVE(dict_m_reversed)
{
    SELF(vm->t_dict, "__reversed__");
    TRY(chk_args(vm, "dict.__reversed__", argc, kw, NOARGS, 0));
    return dictiter_new(vm, (dict_t *)self, DK_KEYS, true);
}

typedef struct dictview {
    obj_t hdr;
    dict_t *d;
} dictview_t;

#define VIEW_DICT(o) (((dictview_t *)(o))->d)

static void view_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)VIEW_DICT(o));
}

static int view_kind(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_dict_keys ? DK_KEYS
         : TYPE(o) == vm->t_dict_values ? DK_VALUES : DK_ITEMS;
}

static obj_t *view_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       tuple_t *kw, int kind)
{
    static const char *const quals[] = {"dict.keys", "dict.values",
                                        "dict.items"};
    type_t *ts[] = {vm->t_dict_keys, vm->t_dict_values, vm->t_dict_items};
    SELF(vm->t_dict, quals[kind] + 5);
    TRY(chk_args(vm, quals[kind], argc, kw, NOARGS, 0));
    dictview_t *v = (dictview_t *)gc_alloc(vm, ts[kind], sizeof(dictview_t));
    v->d = (dict_t *)self;
    return (obj_t *)v;
}

NATIVE(dict_m_keys)
{
    return view_new(vm, self, argc, argv, kw, DK_KEYS);
}

NATIVE(dict_m_values)
{
    return view_new(vm, self, argc, argv, kw, DK_VALUES);
}

NATIVE(dict_m_items)
{
    return view_new(vm, self, argc, argv, kw, DK_ITEMS);
}

static obj_t *view_iter(vm_t *vm, obj_t *o)
{
    return dictiter_new(vm, VIEW_DICT(o), view_kind(vm, o), false);
}

NATIVE(view_m_iter)
{
    WANT(0);
    return view_iter(vm, self);
}

NATIVE(view_m_reversed)
{
    WANT(0);
    return dictiter_new(vm, VIEW_DICT(self), view_kind(vm, self), true);
}

NATIVE(view_m_len)
{
    WANT(0);
    return int_new(vm, (int64_t)VIEW_DICT(self)->used);
}

/* dict_keys(['a']): the type name around the repr of a list. */
static obj_t *view_repr(vm_t *vm, obj_t *o)
{
    if (o->flags & OF_REPR) {
        return (obj_t *)str_cstr(vm, "...");
    }
    list_t *l = obj_to_list(vm, o);
    if (!l) {
        return NULL;
    }
    o->flags |= OF_REPR;
    vm->nogc++;
    str_t *r = obj_repr(vm, (obj_t *)l);
    vm->nogc--;
    o->flags &= (uint8_t)~OF_REPR;
    if (!r) {
        return NULL;
    }
    sbuf_t b = {vm, NULL, 0, 0};
    sb_cstr(&b, type_name(o));
    sb_cstr(&b, "(");
    sb_put(&b, r->s, r->len);
    sb_cstr(&b, ")");
    return sb_finish(&b, true);
}

NATIVE(view_m_repr)
{
    WANT(0);
    return view_repr(vm, self);
}

/* key in keys, (key, value) in items. */
static int view_has(vm_t *vm, obj_t *view, obj_t *x)
{
    bool err;
    if (view_kind(vm, view) == DK_KEYS) {
        obj_t *v = dict_lookup(vm, VIEW_DICT(view), x, &err);
        return err ? -1 : v != NULL;
    }
    if (!obj_isinstance_t(x, vm->t_tuple) || ((tuple_t *)x)->n != 2) {
        return 0;
    }
    obj_t *want = ((tuple_t *)x)->items[1];
    obj_t *v = dict_lookup(vm, VIEW_DICT(view), ((tuple_t *)x)->items[0],
                           &err);
    return err ? -1 : !v ? 0 : v == want ? 1 : obj_eq(vm, v, want);
}

NATIVE(view_m_contains)
{
    WANT(1);
    int r = view_has(vm, self, argv[0]);
    return r < 0 ? NULL : bool_new(vm, r);
}

static bool is_setview(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_dict_keys || TYPE(o) == vm->t_dict_items;
}

/* dictviews_to_set: a keys view of an exact dict converts through the
 * dict (reusing its hashes), anything else by iteration. */
static dict_t *view_to_set(vm_t *vm, obj_t *o)
{
    if (TYPE(o) == vm->t_dict_keys && TYPE(VIEW_DICT(o)) == vm->t_dict) {
        o = (obj_t *)VIEW_DICT(o);
    }
    return make_set(vm, vm->t_set, o);
}

/* _PyDictView_Intersect: probe the view with the items of the other
 * operand, or let a bigger set do the intersection. */
static dict_t *view_and(vm_t *vm, obj_t *self, obj_t *other)
{
    if (!is_setview(vm, self)) {
        obj_t *t = self;
        self = other;
        other = t;
    }
    size_t n = VIEW_DICT(self)->used;
    if (TYPE(other) == vm->t_set && n <= ((dict_t *)other)->used) {
        return set_intersection(vm, (dict_t *)other, self);
    }
    if (is_setview(vm, other) && VIEW_DICT(other)->used > n) {
        obj_t *t = self;
        self = other;
        other = t;
    }
    dict_t *r = set_new(vm, vm->t_set);
    obj_t *it = obj_iter(vm, other), *x;
    if (!it) {
        return NULL;
    }
    while ((x = obj_next(vm, it))) {
        int in = view_has(vm, self, x);
        if (in < 0 || (in && set_add(vm, r, x) < 0)) {
            return NULL;
        }
    }
    return vm->exc ? NULL : r;
}

/* keys/items views with & | - ^, on either side of any iterable. */
static obj_t *view_op(vm_t *vm, obj_t *a, obj_t *b, int op)
{
    dict_t *r;
    vm->nogc++;
    if (op == SOP_AND) {
        r = view_and(vm, a, b);
    } else if ((r = view_to_set(vm, a)) && set_inplace(vm, r, b, op) < 0) {
        r = NULL;
    }
    return nogc_end(vm, (obj_t *)r);
}

#define VIEW_OP(fn, op, reflected)                                        \
    NATIVE(fn)                                                            \
    {                                                                     \
        WANT(1);                                                          \
        return reflected ? view_op(vm, argv[0], self, op)                 \
                         : view_op(vm, self, argv[0], op);                \
    }
VIEW_OP(view_or, SOP_OR, false)
VIEW_OP(view_and_m, SOP_AND, false)
VIEW_OP(view_sub, SOP_SUB, false)
VIEW_OP(view_xor, SOP_XOR, false)
VIEW_OP(view_ror, SOP_OR, true)
VIEW_OP(view_rand, SOP_AND, true)
VIEW_OP(view_rsub, SOP_SUB, true)
VIEW_OP(view_rxor, SOP_XOR, true)

/* Whether every item of a is in b (all_contained_in). */
static int all_in(vm_t *vm, obj_t *a, obj_t *b)
{
    obj_t *it = obj_iter(vm, a), *x;
    if (!it) {
        return -1;
    }
    while ((x = obj_next(vm, it))) {
        int in = obj_contains(vm, b, x);
        if (in <= 0) {
            return in;
        }
    }
    return vm->exc ? -1 : 1;
}

/* dictview_richcompare: keys and items views compare as sets with sets
 * and with other keys/items views. */
static obj_t *view_compare(vm_t *vm, obj_t *self, obj_t *o, int op)
{
    if (!is_anyset(vm, o) && !is_setview(vm, o)) {
        return vm->notimpl;
    }
    int64_t na = obj_len(vm, self), nb = obj_len(vm, o);
    if (na < 0 || nb < 0) {
        return NULL;
    }
    int r = 0;
    switch (op) {
    case CMP_EQ:
    case CMP_NE:
        r = na == nb ? all_in(vm, self, o) : 0;
        r = r >= 0 && op == CMP_NE ? !r : r;
        break;
    case CMP_LT: r = na < nb ? all_in(vm, self, o) : 0; break;
    case CMP_LE: r = na <= nb ? all_in(vm, self, o) : 0; break;
    case CMP_GT: r = na > nb ? all_in(vm, o, self) : 0; break;
    default: r = na >= nb ? all_in(vm, o, self) : 0; break;
    }
    return r < 0 ? NULL : bool_new(vm, r);
}

#define VIEW_CMP(fn, op)                                                  \
    NATIVE(fn)                                                            \
    {                                                                     \
        WANT(1);                                                          \
        return view_compare(vm, self, argv[0], op);                       \
    }
VIEW_CMP(view_lt, CMP_LT)
VIEW_CMP(view_le, CMP_LE)
VIEW_CMP(view_eq, CMP_EQ)
VIEW_CMP(view_ne, CMP_NE)
VIEW_CMP(view_gt, CMP_GT)
VIEW_CMP(view_ge, CMP_GE)

/* ---- Initialisation ----------------------------------------------------- */

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

static obj_t *iter_self(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

/* Unhashable types: see set_unhashable in obj_seq.c. */
NATIVE(m_unhashable)
{
    (void)argc, (void)argv, (void)kw;
    return vm_raise(vm, EXC_TypeError, "unhashable type: '%s'",
                    type_name(self));
}

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
        t->new_ = NULL; /* "cannot create 'dict_keys' instances" */
    }
    for (; m->name; m++) {
        type_add_method(vm, t, m->name, m->fn);
    }
    return t;
}

static void set_unhashable(vm_t *vm, type_t *t)
{
    if (t->dict && vm->types_ready) {
        dict_set_cstr(vm, t->dict, "__hash__", vm->none);
    } else {
        type_add_method(vm, t, "__hash__", m_unhashable);
    }
}

static const method_def_t dict_methods[] = {
    {"__init__", dict_m_init}, {"__repr__", dict_m_repr},
    {"__len__", dict_m_len}, {"__getitem__", dict_getitem},
    {"__setitem__", dict_setitem}, {"__delitem__", dict_delitem},
    {"__contains__", dict_contains}, {"__iter__", dict_m_iter},
    {"__reversed__", dict_m_reversed}, {"__eq__", dict_eq},
    {"__ne__", dict_ne}, {"__or__", dict_or}, {"__ror__", dict_ror},
    {"__ior__", dict_ior}, {"get", dict_m_get},
    {"setdefault", dict_m_setdefault}, {"pop", dict_m_pop},
    {"popitem", dict_m_popitem}, {"keys", dict_m_keys},
    {"values", dict_m_values}, {"items", dict_m_items},
    {"update", dict_m_update}, {"copy", dict_m_copy},
    {"clear", dict_m_clear}, {"fromkeys", dict_m_fromkeys}, {NULL, NULL}};

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

static const method_def_t set_methods[] = {
    ANYSET_METHODS, {"__init__", set_m_init}, {"__ior__", set_ior},
    {"__iand__", set_iand}, {"__isub__", set_isub}, {"__ixor__", set_ixor},
    {"add", set_m_add}, {"discard", set_m_discard},
    {"remove", set_m_remove}, {"pop", set_m_pop}, {"clear", set_m_clear},
    {"update", set_m_update},
    {"intersection_update", set_m_intersection_update},
    {"difference_update", set_m_difference_update},
    {"symmetric_difference_update", set_m_symdiff_update}, {NULL, NULL}};

static const method_def_t frozenset_methods[] = {
    ANYSET_METHODS, {"__hash__", frozenset_m_hash}, {NULL, NULL}};

static const method_def_t values_methods[] = {
    {"__repr__", view_m_repr}, {"__len__", view_m_len},
    {"__iter__", view_m_iter}, {"__reversed__", view_m_reversed},
    {NULL, NULL}};

static const method_def_t setview_methods[] = {
    {"__repr__", view_m_repr}, {"__len__", view_m_len},
    {"__iter__", view_m_iter}, {"__reversed__", view_m_reversed},
    {"__contains__", view_m_contains}, {"__or__", view_or},
    {"__and__", view_and_m}, {"__sub__", view_sub}, {"__xor__", view_xor},
    {"__ror__", view_ror}, {"__rand__", view_rand}, {"__rsub__", view_rsub},
    {"__rxor__", view_rxor}, {"__lt__", view_lt}, {"__le__", view_le},
    {"__eq__", view_eq}, {"__ne__", view_ne}, {"__gt__", view_gt},
    {"__ge__", view_ge}, {NULL, NULL}};

static const method_def_t iter_methods[] = {
    {"__iter__", iter_m_iter}, {"__next__", iter_m_next}, {NULL, NULL}};

void obj_dict_init(vm_t *vm)
{
    type_t *t = vm->t_dict = new_type(vm, "dict", LAYOUT_DICT, sizeof(dict_t),
                                      true, dict_methods);
    t->mark = dict_mark;
    t->destroy = dict_destroy;
    t->repr = dict_repr;
    t->iter = dict_iter;
    t->new_ = dict_tp_new;
    set_unhashable(vm, t);
    if (!vm->interned) {
        vm->interned = dict_new(vm);
    }

    t = vm->t_set = new_type(vm, "set", LAYOUT_SET, sizeof(dict_t), true,
                             set_methods);
    t->mark = set_mark;
    t->destroy = set_destroy;
    t->repr = set_repr;
    t->iter = set_iter;
    t->new_ = set_tp_new;
    set_unhashable(vm, t);

    t = vm->t_frozenset = new_type(vm, "frozenset", LAYOUT_SET,
                                   sizeof(dict_t), true, frozenset_methods);
    t->mark = set_mark;
    t->destroy = set_destroy;
    t->repr = set_repr;
    t->iter = set_iter;
    t->new_ = frozenset_tp_new;

    const char *names[] = {"dict_keys", "dict_values", "dict_items"};
    type_t **views[] = {&vm->t_dict_keys, &vm->t_dict_values,
                        &vm->t_dict_items};
    for (int i = 0; i < 3; i++) {
        t = *views[i] = new_type(vm, names[i], LAYOUT_OTHER,
                                 sizeof(dictview_t), false,
                                 i == DK_VALUES ? values_methods
                                                : setview_methods);
        t->mark = view_mark;
        t->repr = view_repr;
        t->iter = view_iter;
    }
    set_unhashable(vm, vm->t_dict_keys);
    set_unhashable(vm, vm->t_dict_items);

    t = vm->t_dict_iter = new_type(vm, "dict_keyiterator", LAYOUT_OTHER,
                                   sizeof(dictiter_t), false, iter_methods);
    t->mark = dictiter_mark;
    t->iter = iter_self;
    t->next = dictiter_next;
    t = vm->t_set_iter = new_type(vm, "set_iterator", LAYOUT_OTHER,
                                  sizeof(setiter_t), false, iter_methods);
    t->mark = setiter_mark;
    t->iter = iter_self;
    t->next = setiter_next;
}
