/*
 * vm_int.h - what vm.c's evaluation loop shares with vm_aux.c, its
 * out-of-line helpers. Private to those two files.
 */
#ifndef LOOPLAB_CORE_LANG_VM_INT_H
#define LOOPLAB_CORE_LANG_VM_INT_H

#include "code.h"
#include "obj_int.h"

/* The dict of [o] when the load or store cache [ac] (vm.h) holds for
 * it: the same class, no change since the fill, and [name] still at the
 * hint. */
static inline dict_t *vm__acache_hit(const vm_t *vm,
                                     const struct code_acache *ac, obj_t *o,
                                     str_t *name)
{
    if (!ac || ac->type != TYPE(o) || ac->epoch != vm->acache_epoch) {
        return NULL;
    }
    dict_t *d = OBJ_DICT(o);
    return d && ac->hint < d->nentries &&
                   d->entries[ac->hint].key == (obj_t *)name
               ? d
               : NULL;
}

/* The method LOAD_METHOD takes for [name] of an object of [t] whose
 * instance dict is [od] (NULL: none), to be called with the object
 * first; NULL when it takes none (obj_getattr then decides). [t]'s
 * getattr slot is the caller's to ask first. Fills [mc] when found. */
obj_t *vm__method_of(vm_t *vm, type_t *t, dict_t *od, str_t *name,
                     struct code_mcache *mc);

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
