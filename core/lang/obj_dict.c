/*
 * obj_dict.c - dict with its views and iterators; the registration of
 * dict, set and frozenset (sets themselves are in obj_set.c).
 *
 * Mirrors the observable behaviour of CPython 3.11's Objects/dictobject.c:
 * results, iteration order and error messages. The code is looplab's own.
 *
 * Dicts and sets both use dict_t (obj.h), in two different ways; the set
 * layout is described in obj_set.c. A dict is compact and
 * insertion-ordered: entries[0..nentries) in insertion order (cap
 * allocated), a deleted entry keeps key == NULL; index[0..mask] maps hash
 * slots to entry numbers (-1 empty, -2 deleted) with CPython's
 * perturbation probing. The index always has an empty slot because
 * nentries <= cap < mask + 1. Everything is allocated on the first
 * insertion.
 *
 * In both, used counts live keys and version changes with every insertion
 * or deletion, which lookups use to notice that an __eq__ mutated the
 * table under them. Natives that hold a new, unreachable container while
 * user code runs (__hash__, __eq__, iteration) raise vm->nogc meanwhile.
 */
#include "obj_dict_int.h"

#include <stdint.h>
#include <string.h>

/* ---- Helpers (as in obj_seq.c) ------------------------------------------ */

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

void dict__sb_cstr(sbuf_t *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

int dict__sb_repr(sbuf_t *b, obj_t *o)
{
    str_t *r = obj_repr(b->vm, o);
    if (r) {
        sb_put(b, r->s, r->len);
    }
    return r ? 0 : -1;
}

/* Finishes the buffer into a str, or just frees it when [ok] is false. */
obj_t *dict__sb_finish(sbuf_t *b, bool ok)
{
    obj_t *s = ok ? (obj_t *)str_new(b->vm, b->p ? b->p : "", b->n) : NULL;
    if (b->p) {
        gc_free(b->vm, b->p, b->cap);
    }
    return s;
}

/* CPython's argument-count messages; see seq__chk_args in obj_seq.c. */
int dict__chk_args(vm_t *vm, const char *qual, int argc, tuple_t *kw,
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

int dict__take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
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

obj_t *dict__key_error(vm_t *vm, obj_t *key)
{
    return vm_raise_obj(vm, exc_new(vm, EXC_TYPE(vm, KeyError),
                                    tuple_pack(vm, 1, key)));
}

/* Ends a native that raised vm->nogc. */
obj_t *dict__nogc_end(vm_t *vm, obj_t *r)
{
    vm->nogc--;
    return r;
}

static bool is_dict(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_dict);
}

bool dict__is_anyset(vm_t *vm, obj_t *o)
{
    return obj_isinstance_t(o, vm->t_set) ||
           obj_isinstance_t(o, vm->t_frozenset);
}

/* Equality as in the tables of CPython: identity, then str contents,
 * then __eq__ with the stored key on the left. */
int dict__keys_equal(vm_t *vm, obj_t *stored, obj_t *key)
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
int64_t dict__find(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
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
              : dict__keys_equal(vm, sk, key);
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
 * 3 * used (CPython's GROWTH_RATE), so that 2/3 of it is usable. The
 * program decides the size: -1 with MemoryError raised (d unchanged) when
 * the new tables do not fit. */
static int dict_resize(vm_t *vm, dict_t *d)
{
    size_t size = 8, j = 0;
    while (size < d->used * 3) {
        size <<= 1;
    }
    size_t cap = size * 2 / 3;
    // When deletions filled the entries rather than live keys (a dict
    // used as a slot, like asyncio's current tasks, set and cleared at
    // every task step), the size stays: compact the tables in place.
    bool keep = d->entries && size == dict_isize(d) && cap == d->cap;
    dict_entry_t *ents = d->entries;
    int32_t *index = d->index;
    if (!keep) {
        ents = gc_try_malloc(vm, cap * sizeof(dict_entry_t));
        index = ents ? gc_try_malloc(vm, size * sizeof(int32_t)) : NULL;
        if (!index) {
            if (ents) {
                gc_free(vm, ents, cap * sizeof(dict_entry_t));
            }
            return -1;
        }
    }
    // In place, j <= i: each entry moves down or stays.
    for (size_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key) {
            ents[j++] = d->entries[i];
        }
    }
    if (!keep && d->entries) {
        gc_free(vm, d->entries, d->cap * sizeof(dict_entry_t));
        gc_free(vm, d->index, dict_isize(d) * sizeof(int32_t));
    }
    d->entries = ents;
    d->cap = cap;
    d->nentries = j;
    d->mask = size - 1;
    d->index = index;
    memset(d->index, 0xff, size * sizeof(int32_t)); /* all -1 */
    for (size_t i = 0; i < j; i++) {
        d->index[dict_empty_slot(d, ents[i].hash)] = (int32_t)i;
    }
    d->version++;
    return 0;
}

/* A class namespace or a module's globals changed: the caches that
 * remember lookups in them (type.c's method cache, LOAD_GLOBAL's) are
 * stale. Any change counts, a value replaced included. */
static void dict_changed(vm_t *vm, dict_t *d)
{
    if (d->hdr.flags & DICT_CLASSNS) {
        type_cache_invalidate(vm);
    }
    if (d->hdr.flags & DICT_GLOBALS) {
        vm->gcache_epoch++;
    }
}

/* Adds [key], absent, as the last entry, its index at *[slot] (where
 * dict__find stopped), or wherever the table's growth puts it (then
 * *slot says where). */
static int dict_append_at(vm_t *vm, dict_t *d, size_t *slot, obj_t *key,
                          int64_t hash, obj_t *v)
{
    if (d->nentries >= d->cap) {
        if (dict_resize(vm, d) < 0) {
            return -1;
        }
        *slot = dict_empty_slot(d, hash);
    }
    d->entries[d->nentries] = (dict_entry_t){key, v, hash};
    d->index[*slot] = (int32_t)d->nentries++;
    d->used++;
    d->version++;
    dict_changed(vm, d);
    return 0;
}

static int dict_insert(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
                       obj_t *v)
{
    size_t slot = 0;
    int64_t ix = dict__find(vm, d, key, hash, &slot);
    if (ix >= 0) {
        d->entries[ix].value = v;
        dict_changed(vm, d);
        return 0;
    }
    if (ix == -2) {
        return -1;
    }
    return dict_append_at(vm, d, &slot, key, hash, v);
}

/* Removes entry [ix] found at index slot [slot]. */
static void dict_remove(vm_t *vm, dict_t *d, size_t slot, int64_t ix)
{
    dict_changed(vm, d);
    d->index[slot] = -2;
    d->entries[ix].key = d->entries[ix].value = NULL;
    d->used--;
    d->version++;
}

static void dict_clear_all(vm_t *vm, dict_t *d)
{
    dict_changed(vm, d);
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
dict_t *dict__alloc(vm_t *vm, type_t *t)
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
    return dict__alloc(vm, vm->t_dict);
}

obj_t *dict_get(vm_t *vm, dict_t *d, obj_t *key)
{
    int64_t h;
    if (obj_hash(vm, key, &h) < 0) {
        return NULL;
    }
    return dict_get_known(vm, d, key, h);
}

/* _PyDict_GetItem_KnownHash: the caller hashed [key] once for several
 * operations, as _asyncio's enter_task and leave_task do. */
obj_t *dict_get_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash)
{
    size_t slot;
    int64_t ix = dict__find(vm, d, key, hash, &slot);
    return ix >= 0 ? d->entries[ix].value : NULL;
}

/* Looks up a str by identity, then by contents among str keys; never
 * runs user code, so [vm] may be NULL (type_lookup passes NULL). */
int64_t dict_index_str(dict_t *d, str_t *key)
{
    if (!d->index || !d->used) {
        return -1;
    }
    int64_t h = str_hash(key);
    size_t mask = d->mask, i = (size_t)h & mask;
    for (uint64_t perturb = (uint64_t)h;;
         perturb >>= PERTURB_SHIFT, i = (i * 5 + perturb + 1) & mask) {
        int32_t ix = d->index[i];
        if (ix == -1) {
            return -1;
        }
        dict_entry_t *e = ix >= 0 ? &d->entries[ix] : NULL;
        if (e && (e->key == (obj_t *)key ||
                  (e->hash == h && TYPE(e->key)->layout == LAYOUT_STR &&
                   str_eq((str_t *)e->key, key)))) {
            return ix;
        }
    }
}

obj_t *dict_get_str(vm_t *vm, dict_t *d, str_t *key)
{
    (void)vm;
    int64_t ix = dict_index_str(d, key);
    return ix < 0 ? NULL : d->entries[ix].value;
}

obj_t *dict_get_str_at(dict_t *d, str_t *key, size_t *hint)
{
    if (*hint < d->nentries && d->entries[*hint].key == (obj_t *)key) {
        return d->entries[*hint].value;
    }
    int64_t ix = dict_index_str(d, key);
    if (ix < 0) {
        return NULL;
    }
    *hint = (size_t)ix;
    return d->entries[ix].value;
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

/* _PyDict_SetItem_KnownHash. */
int dict_set_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash, obj_t *v)
{
    return dict_insert(vm, d, key, hash, v);
}

int dict_set_cstr(vm_t *vm, dict_t *d, const char *key, obj_t *v)
{
    return dict_set(vm, d, (obj_t *)str_intern(vm, key), v);
}

int dict_del(vm_t *vm, dict_t *d, obj_t *key)
{
    int64_t h;
    if (obj_hash(vm, key, &h) < 0) {
        return -1;
    }
    return dict_del_known(vm, d, key, h);
}

/* _PyDict_DelItem_KnownHash, but absence is 0, not an error. */
int dict_del_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash)
{
    size_t slot;
    int64_t ix = dict__find(vm, d, key, hash, &slot);
    if (ix < 0) {
        return ix == -2 ? -1 : 0;
    }
    dict_remove(vm, d, slot, ix);
    return 1;
}

/* Whether [h] describes [key] in [d] as it is now: added ([in]) or
 * removed by the last dict_add_known / dict_del_if_known, and nothing
 * added or removed since (the version counts those and resizes). */
static bool hint_current(const dict_hint_t *h, const dict_t *d,
                         const obj_t *key, bool in)
{
    return h && h->d == d && h->key == key && h->in == in &&
           h->version == d->version;
}

/* enter_task's lookup and store (_asynciomodule.c: a GetItem, then a
 * SetItem of the same known hash) in one search. */
int dict_add_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash, obj_t *v,
                   dict_hint_t *hint)
{
    size_t slot = 0;
    if (hint_current(hint, d, key, false)) {
        // Removed by the hint's call and nothing added or removed since:
        // absent, and its freed slot is in its probe chain.
        slot = hint->slot;
    } else {
        int64_t ix = dict__find(vm, d, key, hash, &slot);
        if (ix >= 0) {
            return 0;
        }
        if (ix == -2) {
            return -1;
        }
    }
    if (dict_append_at(vm, d, &slot, key, hash, v) < 0) {
        return -1;
    }
    if (hint) {
        *hint = (dict_hint_t){d, key, slot, (int64_t)d->nentries - 1,
                              d->version, true};
    }
    return 1;
}

/* leave_task's lookup and removal (a GetItem, then a DelItem) in one
 * search. */
int dict_del_if_known(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
                      obj_t *v, dict_hint_t *hint)
{
    size_t slot;
    int64_t ix;
    if (hint_current(hint, d, key, true)) {
        // Added by the hint's call and nothing added or removed since
        // (a resize counts): still entry ix at that slot. Its value may
        // have been replaced, which the version does not count.
        slot = hint->slot;
        ix = hint->ix;
    } else {
        ix = dict__find(vm, d, key, hash, &slot);
        if (ix < 0) {
            return ix == -2 ? -1 : 0;
        }
    }
    if (d->entries[ix].value != v) {
        return 0;
    }
    dict_remove(vm, d, slot, ix);
    if (hint) {
        *hint = (dict_hint_t){d, key, slot, -1, d->version, false};
    }
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

/* ---- Dict natives ------------------------------------------------------- */

static obj_t *dict_repr(vm_t *vm, obj_t *o)
{
    dict_t *d = (dict_t *)o;
    sbuf_t b = {vm, NULL, 0, 0};
    if (d->used == 0 || (o->flags & OF_REPR)) {
        return (obj_t *)str_cstr(vm, d->used ? "{...}" : "{}");
    }
    o->flags |= OF_REPR;
    dict__sb_cstr(&b, "{");
    bool ok = true, first = true;
    /* By position, re-reading the table: a __repr__ may change it. */
    for (size_t i = 0; ok && i < d->nentries; i++) {
        obj_t *k = d->entries[i].key, *v = d->entries[i].value;
        if (k) {
            dict__sb_cstr(&b, first ? "" : ", ");
            ok = dict__sb_repr(&b, k) == 0;
            dict__sb_cstr(&b, ": ");
            ok = ok && dict__sb_repr(&b, v) == 0;
            first = false;
        }
    }
    dict__sb_cstr(&b, "}");
    o->flags &= (uint8_t)~OF_REPR;
    return dict__sb_finish(&b, ok);
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
    return dict__key_error(vm, argv[0]);
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
    return r < 0 ? NULL : r ? vm->none : dict__key_error(vm, argv[0]);
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
        int64_t ix = dict__find(vm, b, k, a->entries[i].hash, &slot);
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
    TRY(dict__chk_args(vm, NULL, argc, NULL, 1, 1));
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
    if (dict__chk_args(vm, name, argc, NULL, 0, 1) < 0 ||
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
    dict_t *d = dict__alloc(vm, t);
    if ((argc > 0 || (kw && kw->n > 0)) &&
        (t == vm->t_dict || type_lookup(vm, t, vm->s.__init__) ==
                                type_lookup(vm, vm->t_dict, vm->s.__init__))) {
        vm->nogc++;
        if (!dict__nogc_end(vm, dict_update_common(vm, d, argc, argv, kw,
                                                   "dict") < 0
                                    ? NULL : vm->none)) {
            return NULL;
        }
        d->hdr.flags |= OF_NEWFILLED;
    }
    return (obj_t *)d;
}

/* See list__tp_new in obj_list.c for the OF_NEWFILLED protocol. */
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
    TRY(dict__chk_args(vm, "dict.copy", argc, kw, NOARGS, 0));
    return (obj_t *)dict_copy(vm, (dict_t *)self);
}

NATIVE(dict_m_clear)
{
    SELF(vm->t_dict, "clear");
    TRY(dict__chk_args(vm, "dict.clear", argc, kw, NOARGS, 0));
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
    return dict__nogc_end(vm, dict_merge(vm, r, b) < 0 ? NULL : (obj_t *)r);
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
    TRY(dict__chk_args(vm, "dict.get", argc, kw, 1, 2));
    obj_t *v = dict_lookup(vm, (dict_t *)self, argv[0], &err);
    return v || err ? v : argc > 1 ? argv[1] : vm->none;
}

NATIVE(dict_m_setdefault)
{
    bool err;
    SELF(vm->t_dict, "setdefault");
    TRY(dict__chk_args(vm, "dict.setdefault", argc, kw, 1, 2));
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
    TRY(dict__chk_args(vm, "dict.pop", argc, kw, 1, 2));
    dict_t *d = (dict_t *)self;
    /* An empty dict answers without hashing the key (_PyDict_Pop). */
    int64_t ix = d->used == 0 ? -1
               : obj_hash(vm, argv[0], &h) < 0 ? -2
               : dict__find(vm, d, argv[0], h, &slot);
    if (ix < 0) {
        return ix == -2  ? NULL
               : argc > 1 ? argv[1]
                          : dict__key_error(vm, argv[0]);
    }
    obj_t *v = d->entries[ix].value;
    dict_remove(vm, d, slot, ix);
    return v;
}

/* popitem(): the last entry, LIFO. */
NATIVE(dict_m_popitem)
{
    SELF(vm->t_dict, "popitem");
    TRY(dict__chk_args(vm, "dict.popitem", argc, kw, NOARGS, 0));
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
    dict_remove(vm, d, i, (int64_t)ix);
    d->nentries = ix; /* the tail is free again, as in CPython */
    return (obj_t *)tuple_pack(vm, 2, e.key, e.value);
}

/* dict.fromkeys(iterable, value=None): a TM_CLASS native, so self is
 * the class to build, dict or a subclass (type.c binds it so). */
NATIVE(dict_m_fromkeys)
{
    TRY(dict__chk_args(vm, "dict.fromkeys", argc, kw, 1, 2));
    obj_t *v = argc > 1 ? argv[1] : vm->none, *it, *k;
    vm->nogc++;
    obj_t *d = self == (obj_t *)vm->t_dict ? (obj_t *)dict_new(vm)
                                           : vm_call0(vm, self);
    if (!d || !(it = obj_iter(vm, argv[0]))) {
        return dict__nogc_end(vm, NULL);
    }
    while ((k = obj_next(vm, it))) {
        if ((TYPE(d) == vm->t_dict ? dict_set(vm, (dict_t *)d, k, v)
                                   : obj_setitem(vm, d, k, v)) < 0) {
            return dict__nogc_end(vm, NULL);
        }
    }
    return dict__nogc_end(vm, vm->exc ? NULL : d);
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
    TRY(dict__chk_args(vm, "dict.__reversed__", argc, kw, NOARGS, 0));
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
    TRY(dict__chk_args(vm, quals[kind], argc, kw, NOARGS, 0));
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
    dict__sb_cstr(&b, type_name(o));
    dict__sb_cstr(&b, "(");
    sb_put(&b, r->s, r->len);
    dict__sb_cstr(&b, ")");
    return dict__sb_finish(&b, true);
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
    return set__make_set(vm, vm->t_set, o);
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
        return set__intersection(vm, (dict_t *)other, self);
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
    } else if ((r = view_to_set(vm, a)) && set__inplace(vm, r, b, op) < 0) {
        r = NULL;
    }
    return dict__nogc_end(vm, (obj_t *)r);
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
    if (!dict__is_anyset(vm, o) && !is_setview(vm, o)) {
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
    {"clear", dict_m_clear}, {NULL, NULL}};

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
    type_add_native(vm, t, "fromkeys", dict_m_fromkeys, TM_CLASS);
    set_unhashable(vm, t);
    if (!vm->interned) {
        vm->interned = dict_new(vm);
    }

    t = vm->t_set = new_type(vm, "set", LAYOUT_SET, sizeof(dict_t), true,
                             set__methods);
    t->mark = set__mark;
    t->destroy = set__destroy;
    t->repr = set__repr;
    t->iter = set__iter;
    t->new_ = set__tp_new;
    set_unhashable(vm, t);

    t = vm->t_frozenset = new_type(vm, "frozenset", LAYOUT_SET,
                                   sizeof(dict_t), true,
                                   set__frozenset_methods);
    t->mark = set__mark;
    t->destroy = set__destroy;
    t->repr = set__repr;
    t->iter = set__iter;
    t->new_ = set__frozenset_tp_new;

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
    t->mark = set__setiter_mark;
    t->iter = iter_self;
    t->next = set__setiter_next;
}
