/*
 * vm_int.h - what vm.c's evaluation loop shares with vm_aux.c, its
 * out-of-line helpers. Private to those two files.
 */
#ifndef LOOPLAB_CORE_LANG_VM_INT_H
#define LOOPLAB_CORE_LANG_VM_INT_H

#include "code.h"
#include "obj_int.h"

/* LOAD_ATTR's cache, one entry per name of a code object: an instance
 * of [type] found [name] in its __dict__ at entries[hint]. It holds
 * while vm->acache_epoch is [epoch] (no class namespace changed and no
 * collection ran, so [type] is the same class and still has no data
 * descriptor for the name): then an object of exactly that type whose
 * dict has the name at that index has it as its attribute, as
 * obj_getattr would find it (the dict comes before non-data
 * descriptors). CPython 3.11 specialises LOAD_ATTR the same way
 * (LOAD_ATTR_WITH_HINT). */
struct code_acache {
    type_t *type;
    uint64_t epoch;
    uint32_t hint;
};

/* A call from the eval loop, whose stack keeps callable and arguments. */
static inline obj_t *vm__do_call(vm_t *vm, obj_t *callable, int argc,
                                 obj_t **argv, tuple_t *kwnames)
{
    // The eval loop keeps callable and arguments on its stack, so the
    // call is "clean": collections may run inside.
    if (TYPE(callable) == vm->t_func) {
        return func_call(vm, (func_t *)callable, argc, argv, kwnames);
    }
    // Anything else may have kept what it returns (vm->fresh_gen).
    obj_t *r = vm_call_clean(vm, callable, argc, argv, kwnames);
    vm->fresh_gen = NULL;
    return r;
}

/* vm_aux.c */
/* After a del dropped [o]: a collection when its finalizer would act. */
void vm__del_collect(vm_t *vm, obj_t *o);
obj_t *vm__name_error(vm_t *vm, str_t *name);
bool vm__exc_match_type(vm_t *vm, obj_t *exc, obj_t *type, bool *bad);
void vm__await_disown(vm_t *vm, obj_t *o);
obj_t *vm__call_fresh(vm_t *vm, frame_t *f, obj_t **base, obj_t *callable,
                      int argc, obj_t **argv, tuple_t *kwnames);
obj_t *vm__call_ex(vm_t *vm, obj_t *callable, obj_t *args, obj_t *kwargs);
int vm__unpack(vm_t *vm, obj_t *seq, int before, int after, bool star,
               obj_t **out);
obj_t *vm__format_value(vm_t *vm, obj_t *v, int conv, obj_t *spec);
obj_t *vm__exit_call(vm_t *vm, obj_t *exitf, obj_t *exc);
obj_t *vm__special_bound(vm_t *vm, obj_t *o, str_t *name);
void vm__acache_fill(vm_t *vm, struct code_acache *ac, obj_t *o,
                     str_t *name, obj_t *v);
void vm__module_fill(vm_t *vm, struct code_acache *ac, module_t *m,
                     str_t *name, obj_t *v);
void vm__scache_fill(vm_t *vm, struct code_acache *ac, obj_t *o,
                     str_t *name, obj_t *v);

#endif
