/*
 * obj_dict_int.h - internals shared by obj_dict.c (dict, views, the
 * registration of the types) and obj_set.c (set and frozenset); nothing
 * else includes it. The public dict and set functions are in vm.h.
 */
#ifndef LOOPLAB_CORE_LANG_OBJ_DICT_INT_H
#define LOOPLAB_CORE_LANG_OBJ_DICT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* obj_t.flags bits on dicts and sets: see obj_seq.c, same meaning
 * (repr in progress; contents already filled by the constructor). */
#define OF_REPR 0x80
#define OF_NEWFILLED 0x40

/* CPython's probing of dict indexes and set tables. */
#define PERTURB_SHIFT 5

/* ==== Natives ============================================================ */

/* The signature of a native method, static to its file. */
#define NATIVE(fn)                                                        \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                     tuple_t *kw)

/* Returns NULL (the exception is set) when x < 0. */
#define TRY(x)                                                            \
    do {                                                                  \
        if ((x) < 0) {                                                    \
            return NULL;                                                  \
        }                                                                 \
    } while (0)

/* A slot wrapper's check: a receiver and exactly n arguments. */
#define WANT(n)                                                           \
    do {                                                                  \
        (void)argv, (void)kw;                                             \
        if (!self) {                                                      \
            return vm_raise(vm, EXC_TypeError, "unbound slot wrapper "    \
                            "needs an argument");                         \
        }                                                                 \
        TRY(dict__chk_args(vm, NULL, argc, NULL, (n), (n)));              \
    } while (0)

/* Unbound calls (dict.keys(d)) normalised as in obj_seq.c. */
#define SELF(t, name)                                                     \
    TRY(dict__take_self(vm, &self, &argc, &argv, (t), (name)))

/* Argument counts of dict__chk_args with CPython's METH_NOARGS and
 * METH_O wording. */
#define NOARGS -1
#define ONEARG -2

/* One entry of a method table; tables end with {NULL, NULL}. */
typedef struct method_def {
    const char *name;
    native_fn fn;
} method_def_t;

/* ==== Shared types ======================================================= */

/* A growable buffer for reprs (obj_dict.c). */
typedef struct sbuf {
    vm_t *vm;
    char *p;
    size_t n, cap;
} sbuf_t;

/* The four binary operations, shared by operators, methods and views. */
enum { SOP_OR, SOP_AND, SOP_SUB, SOP_XOR };

/* The set iterator (obj_set.c); obj_dict_init sizes its type. */
typedef struct setiter {
    obj_t hdr;
    dict_t *s;
    size_t pos;
    int64_t used;
} setiter_t;

/* ==== Functions ========================================================== */

/* obj_dict.c */
void dict__sb_cstr(sbuf_t *b, const char *s);
int dict__sb_repr(sbuf_t *b, obj_t *o);
obj_t *dict__sb_finish(sbuf_t *b, bool ok);
int dict__chk_args(vm_t *vm, const char *qual, int argc, tuple_t *kw,
                   int min, int max);
int dict__take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                    type_t *t, const char *name);
obj_t *dict__key_error(vm_t *vm, obj_t *key);
obj_t *dict__nogc_end(vm_t *vm, obj_t *r);
bool dict__is_anyset(vm_t *vm, obj_t *o);
int dict__keys_equal(vm_t *vm, obj_t *stored, obj_t *key);
int64_t dict__find(vm_t *vm, dict_t *d, obj_t *key, int64_t hash,
                   size_t *slot);
dict_t *dict__alloc(vm_t *vm, type_t *t);

/* obj_set.c */
void set__mark(vm_t *vm, obj_t *o);
void set__destroy(vm_t *vm, obj_t *o);
dict_t *set__make_set(vm_t *vm, type_t *t, obj_t *iterable);
dict_t *set__intersection(vm_t *vm, dict_t *so, obj_t *other);
obj_t *set__repr(vm_t *vm, obj_t *o);
obj_t *set__tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw);
obj_t *set__frozenset_tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw);
int set__inplace(vm_t *vm, dict_t *a, obj_t *b, int op);
void set__setiter_mark(vm_t *vm, obj_t *o);
obj_t *set__iter(vm_t *vm, obj_t *o);
obj_t *set__setiter_next(vm_t *vm, obj_t *o);
extern const method_def_t set__methods[];
extern const method_def_t set__frozenset_methods[];

#endif
