/*
 * model_map.h - the model's indexes (core/model.c): a hash multimap whose
 * copies share their storage, so that copying one costs O(1) and a change
 * copies only the few nodes on the changed entry's path.
 *
 * Keys are hashes (model_map_hash); the caller keeps what they hash and
 * checks a hit against it, since different keys can share a hash.
 */
#ifndef LOOPLAB_CORE_MODEL_MAP_H
#define LOOPLAB_CORE_MODEL_MAP_H

#include <stdbool.h>
#include <stddef.h>

/* One entry: what [hash] maps to, in the caller's terms. */
typedef struct model_map_entry {
    size_t hash;           /* the key's model_map_hash */
    size_t val;            /* the value; (hash, val) is unique in a map */
    double when;           /* a second value, carried along */
} model_map_entry_t;

typedef struct model_map {
    struct model_map_node *root;   /* NULL when empty (model_map.c) */
    size_t n;                      /* entries */
} model_map_t;

/* The hash of the string [s] (FNV-1a, then mixed so that every bit of it
 * depends on every byte: the map routes on its bits five at a time). */
size_t model_map_hash(const char *s);

void model_map_init(model_map_t *mp);
/* Drops [mp]'s hold on its nodes (freeing those no other copy holds) and
 * leaves it empty. */
void model_map_free(model_map_t *mp);
/* Makes [dst] (not initialised) a copy of [src] that shares its nodes:
 * O(1). Changing either afterwards never changes the other. */
void model_map_share(model_map_t *dst, const model_map_t *src);
/* Adds [e]; the caller makes sure (e.hash, e.val) is not there yet. */
void model_map_add(model_map_t *mp, model_map_entry_t e);
/* Removes the entry (hash, val); false when there is none. */
bool model_map_remove(model_map_t *mp, size_t hash, size_t val);
/* The entries that can have [hash], [*n] of them (borrowed: valid until
 * [mp] changes). Some may have another hash: the caller compares. */
const model_map_entry_t *model_map_bucket(const model_map_t *mp,
                                          size_t hash, size_t *n);

#endif
