/*
 * obj_int.h - internals shared by the files of core/lang (not for core/aio
 * or the front ends, which use vm.h and code.h).
 */
#ifndef LOOPLAB_CORE_LANG_OBJ_INT_H
#define LOOPLAB_CORE_LANG_OBJ_INT_H

#include "vm.h"

/* obj_t.flags bits of native_t. */
enum {
    NF_METHOD = 1,         /* a method descriptor: bind to the instance */
    NF_OWNS_QUALNAME = 2,  /* qualname was gc_malloc'ed */
    NF_CLASSMETHOD = 4,    /* a classmethod descriptor: bind to the class */
    /* CPython has a slot wrapper here (list.__len__), not a method
     * descriptor (list.count): its receiver errors are worded apart. */
    NF_SLOT = 8,
    /* In C but a Python function in CPython (asyncio.Queue's methods,
     * queue.c): its repr, and a bound one's, and a call without its
     * receiver read as a function's. */
    NF_PYFUNC = 16
};

/* obj_t.flags bit of any object: its __del__ already ran. */
#define OF_FINALIZED 0x20

/* Where the __dict__ of an object whose type has TF_HASDICT is: right
 * after the header, but for the classes on int, float, str, tuple and
 * list (TF_DICTATEND), whose instances are a word longer than their
 * base's and keep it in that last word. gc_size is the block's exact
 * size, variable-size tuples included. */
static inline dict_t **obj_dict_slot(obj_t *o)
{
    if (o->type->flags & TF_DICTATEND) {
        return (dict_t **)((char *)o + o->gc_size - sizeof(dict_t *));
    }
    return (dict_t **)((char *)o + sizeof(obj_t));
}
#define OBJ_DICT(o) (*obj_dict_slot((obj_t *)(o)))

/* obj.c: fmt.c buffers whose memory is the VM's (gc_try_realloc), so that
 * --max-memory bounds a width of 10**12 and failure is a MemoryError. */
struct fmt_buf;
void obj_fmt_buf_init(vm_t *vm, struct fmt_buf *b);
/* After a failed fmt_format_* call on b: frees b and raises MemoryError
 * when b could not grow, else ValueError(err) (OverflowError for
 * FMT_ERR_CHAR_RANGE, as CPython). */
void obj_fmt_raise(vm_t *vm, struct fmt_buf *b, const char *err);

obj_t *obj_bind(vm_t *vm, obj_t *f, obj_t *self);
int obj_generic_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v);
obj_t *type_create(vm_t *vm, str_t *name, tuple_t *bases, dict_t *ns);
str_t *obj_default_repr(vm_t *vm, obj_t *o);
int64_t obj_hash_double(double v);
void obj_core_finish(vm_t *vm);
/* Gives built-in types with iter/next slots __iter__/__next__ methods. */
void obj_add_slot_wrappers(vm_t *vm);
void obj_inst_mark(vm_t *vm, obj_t *o);

/* obj_num.c: arithmetic fast paths; vm->notimpl when not numbers. */
obj_t *num_binop(vm_t *vm, obj_t *a, obj_t *b, int op);
obj_t *num_unop(vm_t *vm, obj_t *a, int op);

void obj_num_methods(vm_t *vm);
obj_t *num_float_to_int(vm_t *vm, double d);

/* obj_func.c */
void obj_func_init(vm_t *vm);
/* A copy of the unbound method or classmethod descriptor [n] bound to
 * [self] (the instance, or the class for a classmethod). Raises
 * TypeError when [n] does not apply to it: a descriptor of another type,
 * copied into a class (class A: count = list.count). */
obj_t *native_bind(vm_t *vm, native_t *n, obj_t *self);
/* native_bind for a receiver the caller knows [n] accepts (a Task's own
 * __step and __wakeup, bound by the engine on every step). */
obj_t *native_bind_known(vm_t *vm, native_t *n, obj_t *self);
/* A getset descriptor's get and set (del when v is NULL) on [o]. */
obj_t *getset_get(vm_t *vm, obj_t *descr, obj_t *o);
int getset_set(vm_t *vm, obj_t *descr, obj_t *o, obj_t *v);
/* Whether [f] is an unbound native method descriptor that applies to
 * instances of [t], so that it may be called with the instance as its
 * first argument instead of being bound first. */
bool native_method_for(vm_t *vm, obj_t *f, type_t *t);
obj_t *partial_parts(vm_t *vm, obj_t *o, tuple_t **args);

/* obj_exc.c */
void obj_exc_init(vm_t *vm);
/* Appends a traceback entry for [code] at [line] (run by [frame], which
 * the exception then holds; NULL for none) to exception [e]. */
void exc_add_tb(vm_t *vm, obj_t *e, struct code_obj *code, int line,
                struct frame_obj *frame);
/* BaseExceptionGroup.split: *match / *rest are NULL for "nothing". */
int exc_group_split(vm_t *vm, obj_t *eg, obj_t *cond, obj_t **match,
                    obj_t **rest);
/* What an except* statement raises at its end (_PyExc_PrepReraiseStar):
 * from the exception caught, [orig], and excs[0, n), what its clauses
 * raised and then the unmatched rest (None entries skipped). None for
 * nothing, NULL with an exception raised on failure. */
obj_t *exc_prep_reraise_star(vm_t *vm, obj_t *orig, obj_t **excs,
                             size_t n);
/* call.c: builtins.__build_class__ */
obj_t *vm_build_class(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kwnames);

/* obj_strfmt.c: str % args */
obj_t *str_mod(vm_t *vm, str_t *fmt, obj_t *args);
void obj_strfmt_init(vm_t *vm);

/* builtins.c / modules.c */
void builtins_init(vm_t *vm);
void modules_init(vm_t *vm);
/* Imports a built-in module by name (sys.modules first). */
obj_t *modules_import(vm_t *vm, str_t *name);

/* ---- Shared by obj.c and type.c ---------------------------------------- */

/* obj.c */
obj_t *obj__object_init(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kwnames);

/* type.c */
void type__mark(vm_t *vm, obj_t *o);
void type__inst_mark(vm_t *vm, obj_t *o);
/* type's tp_new and __new__, for metaclasses (obj_core_finish). */
void type__init_meta(vm_t *vm);
type_t *type__calc_meta(vm_t *vm, type_t *meta, tuple_t *bases);
obj_t *type__m_builtin_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw);
void type__finish_builtin(vm_t *vm, type_t *t);
obj_t *type__repr(vm_t *vm, obj_t *o);
obj_t *type__getattr(vm_t *vm, obj_t *o, str_t *name);
int type__setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v);
obj_t *type__call(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                  tuple_t *kwnames);
obj_t *type__m_mro(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                   tuple_t *kw);
obj_t *type__m_subclasscheck(vm_t *vm, obj_t *self, int argc,
                             obj_t **argv, tuple_t *kw);

/* ---- "Did you mean" (suggest.c, obj_exc.c) ---------------------------- */

/* NameError.name and AttributeError.name and .obj: a program's own
 * value first (the exception's dict), else the VM's; NULL for none. */
obj_t *exc_name_of(vm_t *vm, obj_t *e);
obj_t *exc_obj_of(vm_t *vm, obj_t *e);
/* Records on a NameError or AttributeError the VM raised the name (and
 * the object) it was about, unless it has them already. */
void exc_set_name(vm_t *vm, obj_t *e, str_t *name, obj_t *obj);
/* The name CPython 3.11's excepthook would suggest after [e]'s message
 * (". Did you mean: 'X'?"), or NULL. May run dir() of the object. */
str_t *exc_suggestion(vm_t *vm, obj_t *e);

/* ---- Shared by vm.c, call.c and vm_life.c ------------------------------ */

/* call.c: the slots of the code and frame types (vm_new registers them). */
void vm__code_mark(vm_t *vm, obj_t *o);
void vm__code_destroy(vm_t *vm, obj_t *o);
obj_t *vm__code_repr(vm_t *vm, obj_t *o);
obj_t *vm__code_getattr(vm_t *vm, obj_t *o, str_t *name);
obj_t *vm__frame_getattr(vm_t *vm, obj_t *o, str_t *name);
void vm__frame_mark(vm_t *vm, obj_t *o);

#endif
