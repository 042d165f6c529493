/*
 * model_map.c - a persistent hash multimap: a trie on the key's hash,
 * 32 ways a level, whose nodes copies of the map share.
 *
 * Not a CPython mirror: it is what lets the model (core/model.c) clone its
 * task index in O(1) for the view's checkpoints. A flat hash table had to
 * be copied whole (2 MB at 100,000 tasks) by every checkpoint that came
 * after a task was created.
 *
 * Invariants:
 *  - an inner node at depth d routes an entry by bits [5d, 5d + 5) of its
 *    hash; a leaf holds at most LEAF_CAP entries, except at MAX_DEPTH,
 *    where no routing bits are left and the leaf grows instead;
 *  - refs counts the holders of a node: its parents and the maps whose
 *    root it is. A node with refs > 1 never changes; a change copies every
 *    shared node on its path first (own), from the root down, so the
 *    parent whose link is rewritten is always the changer's own;
 *  - empty leaves are freed; inner nodes left without children stay (they
 *    cost one node per path, and a map that shrank tends to grow again).
 */
#include "model_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 32 ways: a lookup in the index of 100,000 tasks walks three nodes, not
 * four, and the view's fold of sleep0_tasks took 350 ms instead of 440;
 * 64 ways was no faster and held more memory in checkpoints. */
enum {
    BITS = 5,
    WAYS = 1 << BITS,
    LEAF_CAP = 8,
    MAX_DEPTH = (int)(sizeof(size_t) * 8 / BITS)
};

/* The header both kinds of node start with. */
typedef struct model_map_node {
    size_t refs;
    unsigned n;            /* a leaf's entries */
    unsigned cap;          /* a leaf's room; 0 marks an inner node */
} node_t;

typedef struct {
    node_t h;
    node_t *kid[WAYS];     /* NULL where no entry routes */
} inner_t;

typedef struct {
    node_t h;
    model_map_entry_t e[]; /* h.cap of them, h.n used, in no order */
} leaf_t;

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        abort();
    }
    return p;
}

static inner_t *as_inner(node_t *nd)
{
    return (inner_t *)nd;
}

static leaf_t *as_leaf(node_t *nd)
{
    return (leaf_t *)nd;
}

static unsigned way(size_t hash, int depth)
{
    return (unsigned)(hash >> (depth * BITS)) & (WAYS - 1);
}

size_t model_map_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    }
    // FNV's low bits depend on the bytes' low bits only ("Task-17" and
    // "Task-27" differ in one); MurmurHash3's finaliser spreads them.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return (size_t)h;
}

static leaf_t *new_leaf(unsigned cap)
{
    leaf_t *l = xmalloc(sizeof *l + cap * sizeof l->e[0]);
    l->h.refs = 1;
    l->h.n = 0;
    l->h.cap = cap;
    return l;
}

static void release(node_t *nd)
{
    if (!nd || --nd->refs > 0) {
        return;
    }
    if (nd->cap == 0) {
        for (int i = 0; i < WAYS; i++) {
            release(as_inner(nd)->kid[i]);
        }
    }
    free(nd);
}

/* [nd] itself when this holder is its only one, else a copy of it that
 * this holder gets instead (the caller stores it where nd was linked). */
static node_t *own(node_t *nd)
{
    if (nd->refs == 1) {
        return nd;
    }
    nd->refs--;
    if (nd->cap == 0) {
        inner_t *c = xmalloc(sizeof *c);
        memcpy(c, nd, sizeof *c);
        c->h.refs = 1;
        for (int i = 0; i < WAYS; i++) {
            if (c->kid[i]) {
                c->kid[i]->refs++;
            }
        }
        return &c->h;
    }
    leaf_t *c = new_leaf(nd->cap);
    c->h.n = nd->n;
    memcpy(c->e, as_leaf(nd)->e, nd->n * sizeof c->e[0]);
    return &c->h;
}

void model_map_init(model_map_t *mp)
{
    mp->root = NULL;
    mp->n = 0;
}

void model_map_free(model_map_t *mp)
{
    release(mp->root);
    model_map_init(mp);
}

void model_map_share(model_map_t *dst, const model_map_t *src)
{
    *dst = *src;
    if (dst->root) {
        dst->root->refs++;
    }
}

/* A full leaf at [depth] (its own holder's) becomes an inner node over
 * leaves one level down. They cannot overflow: they share the entries of
 * one leaf. */
static node_t *split(leaf_t *l, int depth)
{
    inner_t *in = xmalloc(sizeof *in);
    in->h.refs = 1;
    in->h.n = 0;
    in->h.cap = 0;
    memset(in->kid, 0, sizeof in->kid);
    for (unsigned i = 0; i < l->h.n; i++) {
        unsigned w = way(l->e[i].hash, depth);
        if (!in->kid[w]) {
            in->kid[w] = &new_leaf(LEAF_CAP)->h;
        }
        leaf_t *k = as_leaf(in->kid[w]);
        k->e[k->h.n++] = l->e[i];
    }
    free(l);
    return &in->h;
}

void model_map_add(model_map_t *mp, model_map_entry_t e)
{
    node_t **link = &mp->root;
    int depth = 0;
    for (;;) {
        if (!*link) {
            leaf_t *l = new_leaf(LEAF_CAP);
            l->e[l->h.n++] = e;
            *link = &l->h;
            break;
        }
        node_t *nd = *link = own(*link);
        if (nd->cap == 0) {
            link = &as_inner(nd)->kid[way(e.hash, depth++)];
            continue;
        }
        if (nd->n < nd->cap) {
            as_leaf(nd)->e[nd->n++] = e;
            break;
        }
        if (depth < MAX_DEPTH) {
            *link = split(as_leaf(nd), depth);
            continue;   /* the same depth again, now an inner node */
        }
        // No routing bits left: the entries here agree on the first 60
        // bits of their hash (in practice the same callback text, queued
        // many times).
        leaf_t *l = realloc(nd, sizeof *l + 2 * nd->cap * sizeof l->e[0]);
        if (!l) {
            abort();
        }
        l->h.cap *= 2;
        l->e[l->h.n++] = e;
        *link = &l->h;
        break;
    }
    mp->n++;
}

const model_map_entry_t *model_map_bucket(const model_map_t *mp,
                                          size_t hash, size_t *n)
{
    node_t *nd = mp->root;
    for (int depth = 0; nd && nd->cap == 0; depth++) {
        nd = as_inner(nd)->kid[way(hash, depth)];
    }
    *n = nd ? nd->n : 0;
    return nd ? as_leaf(nd)->e : NULL;
}

static int find(const model_map_entry_t *e, size_t n, size_t hash,
                size_t val)
{
    for (size_t i = 0; i < n; i++) {
        if (e[i].hash == hash && e[i].val == val) {
            return (int)i;
        }
    }
    return -1;
}

bool model_map_remove(model_map_t *mp, size_t hash, size_t val)
{
    // Look first: owning the path of an entry that is not there would
    // copy shared nodes for nothing.
    size_t n;
    const model_map_entry_t *e = model_map_bucket(mp, hash, &n);
    if (find(e, n, hash, val) < 0) {
        return false;
    }
    node_t **link = &mp->root;
    for (int depth = 0;; depth++) {
        node_t *nd = *link = own(*link);
        if (nd->cap == 0) {
            link = &as_inner(nd)->kid[way(hash, depth)];
            continue;
        }
        leaf_t *l = as_leaf(nd);
        int i = find(l->e, l->h.n, hash, val);
        l->e[i] = l->e[--l->h.n];
        if (l->h.n == 0) {
            free(l);
            *link = NULL;
        }
        break;
    }
    mp->n--;
    return true;
}
