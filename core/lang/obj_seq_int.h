/*
 * obj_seq_int.h - internals shared by obj_seq.c (tuple, slice, the parts
 * tuple and list share, registration), obj_list.c and obj_range.c;
 * nothing else includes it. The public functions are in vm.h.
 */
#ifndef LOOPLAB_CORE_LANG_OBJ_SEQ_INT_H
#define LOOPLAB_CORE_LANG_OBJ_SEQ_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* ==== Shared definitions ================================================ */

/* Per-object flag bits (obj_t.flags) on these files' types. OF_REPR marks
 * a container whose repr is in progress: the recursion guard CPython keeps
 * in a per-thread list (Py_ReprEnter). OF_NEWFILLED marks a list its
 * constructor already filled from the call's arguments, so the __init__
 * that the type call runs next with the same arguments does not redo it. */
#define OF_REPR 0x80
#define OF_NEWFILLED 0x40

/* Every native here has vm.h's native_fn signature. */
#define NATIVE(fn)                                                        \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                     tuple_t *kw)

/* Returns NULL from the native when [x] reported an error (< 0). */
#define TRY(x)                                                            \
    do {                                                                  \
        if ((x) < 0) {                                                    \
            return NULL;                                                  \
        }                                                                 \
    } while (0)

/* A slot wrapper (__len__, __getitem__, ...) taking exactly n arguments. */
#define WANT(n)                                                           \
    do {                                                                  \
        (void)argv, (void)kw;                                             \
        if (!self) {                                                      \
            return vm_raise(vm, EXC_TypeError, "unbound slot wrapper "    \
                            "needs an argument");                         \
        }                                                                 \
        TRY(seq__chk_args(vm, NULL, argc, NULL, (n), (n)));               \
    } while (0)

/* Natives fetched from the type (list.append(xs, 1)) may arrive unbound,
 * with self NULL and the receiver first in argv: seq__take_self fixes that
 * up, raising CPython's errors for a missing or foreign receiver. */
#define SELF(t, name)                                                     \
    TRY(seq__take_self(vm, &self, &argc, &argv, (t), (name)))

#define NOARGS -1 /* seq__chk_args: METH_NOARGS */
#define ONEARG -2 /* seq__chk_args: METH_O */

/* The range iterator (obj_range.c); obj_seq_init sizes its type. */
typedef struct rangeiter {
    obj_t hdr;
    int64_t next, step;
    uint64_t left;
} rangeiter_t;

/* One entry of a method table; tables end with {NULL, NULL}. */
typedef struct method_def {
    const char *name;
    native_fn fn;
} method_def_t;

/* The methods tuple and list share (obj_seq.c), first in both tables. */
#define SEQ_COMMON                                                        \
    {"__lt__", seq__m_lt}, {"__le__", seq__m_le}, {"__eq__", seq__m_eq},  \
    {"__ne__", seq__m_ne}, {"__gt__", seq__m_gt}, {"__ge__", seq__m_ge},  \
    {"__repr__", seq__m_repr}, {"__len__", seq__m_len},                   \
    {"__contains__", seq__m_contains}, {"__iter__", seq__m_iter},         \
    {"count", seq__m_count}, {"index", seq__m_index}

/* ==== Functions ========================================================= */

/* obj_seq.c */
int seq__chk_args(vm_t *vm, const char *qual, int argc, tuple_t *kw,
                  int min, int max);
int seq__take_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                   type_t *t, const char *name);
bool seq__is_index(vm_t *vm, obj_t *o);
int seq__pos(vm_t *vm, obj_t *key, size_t n, const char *oor,
             size_t *out);
bool seq__is_list(vm_t *vm, obj_t *o);
bool seq__is_tuple(vm_t *vm, obj_t *o);
obj_t **seq__items(vm_t *vm, obj_t *o, size_t *n);
int seq__repeat_count(vm_t *vm, obj_t *o, size_t len, size_t *out,
                      obj_t **err);
obj_t *seq__bad_concat(vm_t *vm, const char *what, obj_t *o);
int seq__slice_unpack(vm_t *vm, obj_t *slice, int64_t *start,
                      int64_t *stop, int64_t *step);
int64_t seq__slice_adjust(int64_t len, int64_t *start, int64_t *stop,
                          int64_t step);
obj_t *seq__m_lt(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                 tuple_t *kw);
obj_t *seq__m_le(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                 tuple_t *kw);
obj_t *seq__m_eq(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                 tuple_t *kw);
obj_t *seq__m_ne(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                 tuple_t *kw);
obj_t *seq__m_gt(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                 tuple_t *kw);
obj_t *seq__m_ge(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                 tuple_t *kw);
obj_t *seq__m_len(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                  tuple_t *kw);
obj_t *seq__m_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw);
int64_t seq__find(vm_t *vm, obj_t *self, obj_t *x, int64_t start,
                  int64_t stop, bool count);
obj_t *seq__m_contains(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       tuple_t *kw);
obj_t *seq__m_count(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw);
obj_t *seq__m_index(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw);
tuple_t *seq__tuple_of(vm_t *vm, type_t *t, obj_t **items, size_t n);
obj_t *seq__seqiter_new(vm_t *vm, type_t *t, obj_t *seq, int64_t i);
obj_t *seq__m_iter(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw);

/* obj_list.c */
void list__mark(vm_t *vm, obj_t *o);
void list__destroy(vm_t *vm, obj_t *o);
list_t *list__seq_fast(vm_t *vm, obj_t *v, const char *msg);
obj_t *list__tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw);
extern const method_def_t list__methods[];

/* obj_range.c */
obj_t *range__tp_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                     tuple_t *kw);
obj_t *range__repr(vm_t *vm, obj_t *o);
obj_t *range__getattr(vm_t *vm, obj_t *o, str_t *name);
obj_t *range__iter(vm_t *vm, obj_t *o);
obj_t *range__rangeiter_next(vm_t *vm, obj_t *o);
extern const method_def_t range__methods[];

#endif
