/*
 * test_model_map.c - cmocka unit tests for core/model_map.c, the
 * persistent hash multimap behind the model's task and handle indexes.
 *
 * The randomised test keeps several maps that share nodes (made with
 * model_map_share) next to plain arrays holding what each should hold,
 * and after every add, remove, share or free checks that every map still
 * holds exactly its array: a change to one copy must never show in
 * another. Hashes are drawn so that entries collide in every way the trie
 * routes them: whole hashes repeated, hashes equal in all 60 routed bits,
 * and plain random ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_map.h"

#include "test_rng.h"

/* How many entries (hash, val) of [mp] there are: 0 or 1. */
static int count(const model_map_t *mp, size_t hash, size_t val)
{
    size_t n;
    const model_map_entry_t *e = model_map_bucket(mp, hash, &n);
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        c += e[i].hash == hash && e[i].val == val;
    }
    return c;
}

/* The entries of [mp] with [hash]. */
static size_t with_hash(const model_map_t *mp, size_t hash)
{
    size_t n, c = 0;
    const model_map_entry_t *e = model_map_bucket(mp, hash, &n);
    for (size_t i = 0; i < n; i++) {
        c += e[i].hash == hash;
    }
    return c;
}

static void model_map_add__then_bucket__finds_it(void **state)
{
    (void)state;
    model_map_t m;
    model_map_init(&m);
    size_t n;
    assert_null(model_map_bucket(&m, 42, &n));
    assert_int_equal(n, 0);
    model_map_entry_t e = {42, 7, 1.5};
    model_map_add(&m, e);
    const model_map_entry_t *b = model_map_bucket(&m, 42, &n);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].val, 7);
    assert_true(b[0].when == 1.5);
    assert_int_equal(m.n, 1);
    assert_false(model_map_remove(&m, 42, 8));
    assert_false(model_map_remove(&m, 43, 7));
    assert_true(model_map_remove(&m, 42, 7));
    assert_int_equal(m.n, 0);
    assert_int_equal(with_hash(&m, 42), 0);
    model_map_free(&m);
}

/* Hundreds of entries with one hash: past the last routed bits the leaf
 * grows; a copy that removes some leaves the original whole. */
static void model_map_add__one_hash_many_times__all_kept(void **state)
{
    (void)state;
    model_map_t a, b;
    model_map_init(&a);
    for (size_t v = 0; v < 500; v++) {
        model_map_entry_t e = {0xabcdefu, v, 0};
        model_map_add(&a, e);
    }
    model_map_share(&b, &a);
    for (size_t v = 0; v < 500; v += 2) {
        assert_true(model_map_remove(&b, 0xabcdefu, v));
    }
    assert_int_equal(with_hash(&a, 0xabcdefu), 500);
    assert_int_equal(with_hash(&b, 0xabcdefu), 250);
    for (size_t v = 0; v < 500; v++) {
        assert_int_equal(count(&a, 0xabcdefu, v), 1);
        assert_int_equal(count(&b, 0xabcdefu, v), (int)(v % 2));
    }
    model_map_free(&a);
    assert_int_equal(with_hash(&b, 0xabcdefu), 250);
    model_map_free(&b);
}

/* The hash spreads sequential task names over the first level's ways. */
static void model_map_hash__task_names__spread(void **state)
{
    (void)state;
    size_t ways[32] = {0};
    char id[32];
    for (int i = 1; i <= 32000; i++) {
        snprintf(id, sizeof id, "Task-%d", i);
        ways[model_map_hash(id) & 31]++;
    }
    for (int w = 0; w < 32; w++) {
        assert_true(ways[w] > 800 && ways[w] < 1200);
    }
    assert_true(model_map_hash("a") != model_map_hash("b"));
    assert_int_equal(model_map_hash("Task-1"), model_map_hash("Task-1"));
}

/* ==== Randomised: copies that share nodes ================================ */

enum { MAPS = 6, OPS = 40000 };

typedef struct {
    bool live;
    model_map_t m;
    model_map_entry_t *ref;   /* what m holds, in no order */
    size_t n, cap;
} slot_t;

static size_t next_val;

static size_t draw_hash(void)
{
    static const size_t pool[] = {1, 2, 0x8000000000000001u, 77, 1ull << 40};
    uint64_t r = rnd();
    switch (r % 4) {
    case 0:
        return pool[(r >> 8) % 5];
    case 1:
        // Equal in the 60 bits the trie routes on, different above.
        return (size_t)(0x0123456789abcdeu | ((r >> 8) % 16) << 60);
    default:
        return (size_t)rnd();
    }
}

static int by_hash(const void *a, const void *b)
{
    const model_map_entry_t *x = a, *y = b;
    return (x->hash > y->hash) - (x->hash < y->hash);
}

/* Every entry of [s]'s array is in its map, and the map holds no more. */
static void check_slot(const slot_t *s)
{
    assert_int_equal(s->m.n, s->n);
    model_map_entry_t *e = malloc((s->n + 1) * sizeof *e);
    memcpy(e, s->ref, s->n * sizeof *e);
    qsort(e, s->n, sizeof *e, by_hash);
    for (size_t i = 0, j; i < s->n; i = j) {
        for (j = i; j < s->n && e[j].hash == e[i].hash; j++) {
            if (count(&s->m, e[j].hash, e[j].val) != 1) {
                fail_msg("entry (%zx, %zu) missing", e[j].hash, e[j].val);
            }
        }
        assert_int_equal(with_hash(&s->m, e[i].hash), j - i);
    }
    free(e);
}

static void ref_add(slot_t *s, model_map_entry_t e)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->ref = realloc(s->ref, s->cap * sizeof *s->ref);
    }
    s->ref[s->n++] = e;
}

/* Makes the empty [to] a copy of [from], sharing its map's nodes. */
static void share_slot(slot_t *to, const slot_t *from)
{
    model_map_share(&to->m, &from->m);
    to->live = true;
    to->cap = to->n = from->n;
    to->ref = malloc((to->cap + 1) * sizeof *to->ref);
    if (from->n > 0) {
        memcpy(to->ref, from->ref, from->n * sizeof *to->ref);
    }
}

static void slot_free(slot_t *s)
{
    model_map_free(&s->m);
    free(s->ref);
    memset(s, 0, sizeof *s);
}

static void model_map__random_ops_on_shared_copies__each_keeps_its_own(
    void **state)
{
    (void)state;
    rng_state = 88172645463325252ull;
    slot_t s[MAPS];
    memset(s, 0, sizeof s);
    s[0].live = true;
    model_map_init(&s[0].m);
    for (int op = 0; op < OPS; op++) {
        int k = (int)(rnd() % MAPS);
        uint64_t r = rnd() % 100;
        if (!s[k].live) {
            // Share a live map into the empty slot.
            int from = (int)(rnd() % MAPS);
            if (!s[from].live) {
                continue;
            }
            share_slot(&s[k], &s[from]);
        } else if (r < (s[k].n > 3000 ? 30 : 55)) {
            model_map_entry_t e = {draw_hash(), next_val++, (double)op};
            model_map_add(&s[k].m, e);
            ref_add(&s[k], e);
        } else if (r < 90 && s[k].n > 0) {
            size_t i = rnd() % s[k].n;
            assert_true(model_map_remove(&s[k].m, s[k].ref[i].hash,
                                         s[k].ref[i].val));
            s[k].ref[i] = s[k].ref[--s[k].n];
        } else if (r < 93) {
            assert_false(model_map_remove(&s[k].m, draw_hash(),
                                          next_val + 1));
        } else if (r < 96) {
            // Drop one copy (the others may share its nodes).
            int live = 0;
            for (int j = 0; j < MAPS; j++) {
                live += s[j].live;
            }
            if (live > 1) {
                slot_free(&s[k]);
            }
        } else {
            // Replace it by a copy of another.
            int from = (int)(rnd() % MAPS);
            if (from == k || !s[from].live) {
                continue;
            }
            slot_free(&s[k]);
            share_slot(&s[k], &s[from]);
        }
        // The changed map every time, all of them now and then (a
        // change must not leak into a copy).
        if (s[k].live && (op % 16 == 0 || s[k].n < 200)) {
            check_slot(&s[k]);
        }
        if (op % 2000 == 0) {
            for (int j = 0; j < MAPS; j++) {
                if (s[j].live) {
                    check_slot(&s[j]);
                }
            }
        }
    }
    for (int j = 0; j < MAPS; j++) {
        if (s[j].live) {
            check_slot(&s[j]);
        }
    }
    // Freed in a scattered order.
    static const int order[MAPS] = {3, 0, 5, 1, 4, 2};
    for (int j = 0; j < MAPS; j++) {
        slot_t *t = &s[order[j]];
        if (t->live) {
            slot_free(t);
        }
        for (int i = j + 1; i < MAPS; i++) {
            if (s[order[i]].live) {
                check_slot(&s[order[i]]);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(model_map_add__then_bucket__finds_it),
        cmocka_unit_test(model_map_add__one_hash_many_times__all_kept),
        cmocka_unit_test(model_map_hash__task_names__spread),
        cmocka_unit_test(
            model_map__random_ops_on_shared_copies__each_keeps_its_own),
    };
    return cmocka_run_group_tests_name("model_map", tests, NULL, NULL);
}
