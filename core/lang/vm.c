/*
 * vm.c - the bytecode evaluation loop (vm_eval) and the helpers of its
 * instructions that must stay inline; the others are in vm_aux.c (their
 * shared declarations in vm_int.h). Frames, argument binding and calls
 * are in call.c, the interpreter's lifecycle, output and warnings in
 * vm_life.c.
 *
 * Mirrors CPython 3.10's Python/ceval.c (block stack, YIELD_FROM that
 * re-executes itself while the delegate yields, exception unwinding that
 * pushes the previously handled exception under the new one), with
 * CPython 3.11's error messages.
 *
 * Invariants:
 *  - at the start of every instruction f->ip and f->top are synced, so a
 *    collection or a traceback taken during the instruction sees the
 *    frame's values (operands stay on the stack until the operation is
 *    done for the same reason);
 *  - an EXCEPT_HANDLER block at level L has, at stack[L], the exception
 *    that was being handled before (None for none), restored when the
 *    block is popped;
 *  - a frame suspended in YIELD_FROM has ip pointing at that instruction
 *    and the delegate at the top of its stack (gen_yieldfrom reads it).
 */
#include "vm_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sanitizer builds (gcc's or clang's ASan) check more as they run. */
#if defined(__SANITIZE_ADDRESS__)
#define VM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VM_ASAN 1
#endif
#endif

/* ==== The evaluation loop ============================================= */

/* Dispatch: with GCC or Clang each instruction jumps straight to its
 * handler through a table of label addresses (as CPython's ceval does),
 * which skips the switch's range check and gives every handler its own
 * indirect jump to predict. The switch stays for other compilers, and
 * the handlers are written once for both: TARGET(X) is a case label
 * (and a label for the table), and a handler's break still ends the
 * instruction. */
#if defined(__GNUC__) && !defined(VM_NO_COMPUTED_GOTO)
#define VM_COMPUTED_GOTO 1
#define TARGET(op) case OP_##op: L_##op:
#else
#define TARGET(op) case OP_##op:
#endif

/* Sanitizer builds check at every instruction that the compiler's
 * stack-depth count (compile.c sizes the frame with it) held, and that
 * the opcode is one compile.c makes, all below OP__COUNT. */
#ifdef VM_ASAN
#define VM_CHECK_STACK()                                                   \
    do {                                                                   \
        if (f->top - stack > co->stacksize) {                              \
            fprintf(stderr, "looplab: internal error: value stack of %s "  \
                    "overflowed (%d > %d)\n", co->qualname->s,             \
                    (int)(f->top - stack), co->stacksize);                 \
            abort();                                                       \
        }                                                                  \
    } while (0)
#define VM_CHECK_OPCODE()                                                  \
    do {                                                                   \
        if ((ins & 0xff) >= OP__COUNT) {                                   \
            fprintf(stderr, "looplab: internal error: bad opcode %u\n",    \
                    ins & 0xff);                                           \
            abort();                                                       \
        }                                                                  \
    } while (0)
#else
#define VM_CHECK_STACK() ((void)0)
#define VM_CHECK_OPCODE() ((void)0)
#endif

/* NEXT() ends the commonest instructions: with computed goto it is the
 * loop's head in place (the next instruction's own indirect jump, which
 * the branch predictor tells apart by where it comes from, as CPython's
 * DISPATCH does); otherwise the break that ends any instruction. Only at
 * a handler's top level: in switch mode it is a break. */
#ifdef VM_COMPUTED_GOTO
#define NEXT()                                                             \
    do {                                                                   \
        f->ip = ip;                                                        \
        f->top = sp;                                                       \
        VM_CHECK_STACK();                                                  \
        ins = ops[ip++];                                                   \
        arg = (int)(ins >> 8);                                             \
        VM_CHECK_OPCODE();                                                 \
        goto *targets[ins & 0xff];                                         \
    } while (0)
#else
#define NEXT() break
#endif

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define PEEK(n) (sp[-(n)])

/* Resolves an awaitable to the iterator that YIELD_FROM drives
 * (_PyCoro_GetAwaitableIter). */
static obj_t *get_awaitable(vm_t *vm, obj_t *o)
{
    if (TYPE(o) == vm->t_coro) {
        gen_t *g = (gen_t *)o;
        if (g->frame && g->frame->state == FRAME_SUSPENDED &&
            gen_yieldfrom(g)) {
            return vm_raise(vm, EXC_RuntimeError,
                            "coroutine is being awaited already");
        }
        return o;
    }
    if (TYPE(o) == vm->t_gen && ((gen_t *)o)->frame &&
        (((gen_t *)o)->frame->code->flags & CO_ITERABLE_COROUTINE)) {
        return o;
    }
    bool found;
    obj_t *it = obj_call_special(vm, o, vm->s.__await__, 0, NULL, &found);
    if (!found) {
        return vm_raise(vm, EXC_TypeError,
                        "object %s can't be used in 'await' expression",
                        type_name(o));
    }
    if (!it) {
        return NULL;
    }
    if (TYPE(it) == vm->t_coro || (TYPE(it) == vm->t_gen && ((gen_t *)it)->frame
                                   && (((gen_t *)it)->frame->code->flags &
                                       CO_ITERABLE_COROUTINE))) {
        return vm_raise(vm, EXC_TypeError,
                        "__await__() returned a coroutine");
    }
    if (!TYPE(it)->next) {
        return vm_raise(vm, EXC_TypeError,
                        "__await__() returned non-iterator of type '%s'",
                        type_name(it));
    }
    return it;
}

/* Sends [v] into a delegate (YIELD_FROM's _PyGen_Send / tp_iternext /
 * send()). Returns the yielded value with *done false, or the delegate's
 * return value with *done true, or NULL on error. */
static obj_t *delegate_send(vm_t *vm, obj_t *recv, obj_t *v, bool *done)
{
    type_t *t = TYPE(recv);
    if (t == vm->t_gen || t == vm->t_coro) {
        obj_t *ret = NULL;
        obj_t *r = gen_send(vm, (gen_t *)recv, v, &ret);
        if (r) {
            *done = false;
            return r;
        }
        if (ret) {
            *done = true;
            return ret;
        }
        return NULL;
    }
    obj_t *r;
    if (t->am_send) {
        int k = t->am_send(vm, recv, v, &r);
        *done = k == 0;
        return k < 0 ? NULL : r;
    }
    if (v == vm->none && t->next && (t->flags & TF_BUILTIN)) {
        r = t->next(vm, recv);
    } else if (v == vm->none && t->next) {
        // A class's __next__ is called as such, so that the value of the
        // StopIteration it raises is the result (the slot would drop it).
        r = vm_call_method(vm, recv, vm->s.__next__, 0, NULL);
    } else {
        r = vm_call_method(vm, recv, vm->s.send, 1, &v);
    }
    if (r) {
        *done = false;
        return r;
    }
    if (!vm->exc) {
        *done = true;
        return vm->none;
    }
    if (vm_exc_matches(vm, EXC_StopIteration)) {
        obj_t *e = vm_take_exc(vm);
        exc_t *x = (exc_t *)e;
        *done = true;
        return x->value ? x->value : vm->none;
    }
    return NULL;
}

/* The int operations whose result fits an int64 without a Python object
 * in between: + - * // % with Python's floor semantics. False when the
 * general path must decide (overflow, a zero divisor). */
static inline bool int_fast(int op, int64_t x, int64_t y, int64_t *z)
{
    switch (op) {
    case OP_ADD:
        return !__builtin_add_overflow(x, y, z);
    case OP_SUB:
        return !__builtin_sub_overflow(x, y, z);
    case OP_MUL:
        return !__builtin_mul_overflow(x, y, z);
    case OP_FLOORDIV:
    case OP_MOD: {
        if (y == 0 || (y == -1 && x == INT64_MIN)) {
            return false;
        }
        int64_t q = x / y, r = x % y;
        if (r != 0 && (r < 0) != (y < 0)) {
            q -= 1;
            r += y;
        }
        *z = op == OP_MOD ? r : q;
        return true;
    }
    default:
        return false;
    }
}

static inline bool int_cmp(int op, int64_t x, int64_t y)
{
    switch (op) {
    case CMP_LT:
        return x < y;
    case CMP_LE:
        return x <= y;
    case CMP_EQ:
        return x == y;
    case CMP_NE:
        return x != y;
    case CMP_GT:
        return x > y;
    default:
        return x >= y;
    }
}

/* do_call from CALL_FRESH and CALL_METHOD_FRESH (a call whose last
 * argument is a call: "print(work())"), whose callable sits at [base]
 * on [f]'s stack: vm__call_fresh's test when the last call made a
 * coroutine.
 * Other calls cannot drop a coroutine made for them and pay nothing. */
static inline __attribute__((always_inline)) obj_t *
call_at(vm_t *vm, frame_t *f, obj_t **base, obj_t *callable, int argc,
        obj_t **argv, tuple_t *kwnames)
{
    if (vm->fresh_gen) {
        return vm__call_fresh(vm, f, base, callable, argc, argv, kwnames);
    }
    return vm__do_call(vm, callable, argc, argv, kwnames);
}

/* LOAD_GLOBAL's cache (CPython 3.11 specializes LOAD_GLOBAL with the
 * dicts' version numbers): one entry per name of a code object, valid
 * while vm->gcache_epoch is unchanged (any change to a module's globals
 * or the builtins, and every collection, moves it on) and the frame runs
 * with the same globals. Only module dicts are flagged; code run in an
 * arbitrary dict (exec with a plain dict) goes uncached. */
struct code_gcache {
    uint64_t epoch;
    dict_t *globals;
    obj_t *value;
};

/* Pushes a try block (CPython <= 3.10's PyFrame_BlockSetup). */
#define PUSH_BLOCK(t, h, l)                                                \
    (blocks[f->nblocks++] = (block_t){(t), (h), (l)})

/* A SETUP_* has room for its block: the compiler sizes the block stack
 * exactly (compile__note_blocks), so a miscount would write past the
 * frame. Not on the hot path of any program (a try's entry), so it is
 * checked in every build: an internal error, never a corruption. */
#define CHECK_BLOCK_ROOM()                                                 \
    do {                                                                   \
        if (f->nblocks >= co->nblocks) {                                   \
            fprintf(stderr, "looplab: internal error: block stack of %s "  \
                    "overflowed (%d)\n", co->qualname->s, co->nblocks);    \
            abort();                                                       \
        }                                                                  \
    } while (0)

/* Entry [arg] of code object [c]'s per-name cache [field], made zeroed
 * (no entry valid) when first asked; NULL when that fails, which only
 * means no caching. */
#define SITE_CACHE(c, field, arg)                                          \
    ((c)->field || ((c)->field = calloc((c)->names->n ? (c)->names->n : 1,  \
                                        sizeof *(c)->field))               \
         ? &(c)->field[arg] : NULL)

static struct code_gcache *gcache_entry(frame_t *f, uint32_t arg)
{
    if (!(f->globals->hdr.flags & DICT_GLOBALS)) {
        return NULL;
    }
    return SITE_CACHE(f->code, gcache, arg);
}

static void finalize_locals(vm_t *vm, frame_t *f, obj_t *r);

obj_t *vm_eval(vm_t *vm, frame_t *f, obj_t *sent, bool throwing,
               bool *yielded)
{
    code_t *co = f->code;
    uint32_t *ops = co->ops;
    obj_t **stack = frame_stack(f);
    block_t *blocks = frame_blocks(f);
    obj_t **consts = co->consts->items;
    obj_t **names = co->names->items;
    obj_t **locals = f->localsplus;
    obj_t **cells = f->localsplus + co->nlocals;
    obj_t **sp = f->top;
    uint32_t ip = f->ip;
    obj_t *r = NULL;
    bool add_tb = true;

#ifdef VM_COMPUTED_GOTO
#define LABEL_ADDR(op) &&L_##op,
    static void *const targets[OP__COUNT] = {OPCODES(LABEL_ADDR)};
#undef LABEL_ADDR
#endif

    *yielded = false;
    f->back = vm->frame;
    vm->frame = f;
    if (f->state == FRAME_SUSPENDED && !throwing) {
        PUSH(sent ? sent : vm->none);
    }
    f->state = FRAME_RUNNING;
    if (throwing) {
        f->top = sp;
        goto error;
    }
    if (vm->nogc == 0) {
        f->top = sp;
        gc_maybe(vm);
    }

    uint32_t ins;
    int arg;
    for (;;) {
        f->ip = ip;
        f->top = sp;
        VM_CHECK_STACK();
        ins = ops[ip++];
        arg = (int)(ins >> 8);
#ifdef VM_COMPUTED_GOTO
        VM_CHECK_OPCODE();
        goto *targets[ins & 0xff];
#endif
        switch (ins & 0xff) {
        TARGET(NOP)
        TARGET(GEN_START)
            break;
        TARGET(POP_TOP) {
            // An expression statement dropping a coroutine it made ("forgot
            // the await"): CPython frees it here and warns "never awaited"
            // at this line; a collection finds whether anything else holds
            // it. The type is tested inline first: POP_TOP is among the
            // commonest instructions.
            obj_t *v = POP();
            if (v && TYPE(v) == vm->t_coro && vm->nogc == 0 &&
                gen_unawaited(vm, v)) {
                f->top = sp;
                gc_collect(vm);
            }
            NEXT();
        }
        TARGET(POP_ITER) {
            // break / return out of a for loop. CPython frees the iterator
            // here when nothing else holds it, and an unfinished generator
            // is finalized at once (its finally blocks run, an async
            // generator goes to the loop's finalizer hook). A collection
            // now finds whether anything else holds it.
            obj_t *it = POP();
            if (vm->nogc == 0 && gen_wants_finalizer(vm, it)) {
                f->top = sp;
                gc_collect(vm);
            }
            break;
        }
        TARGET(ROT_TWO) {
            obj_t *a = TOP();
            TOP() = SECOND();
            SECOND() = a;
            break;
        }
        TARGET(ROT_THREE) {
            obj_t *a = TOP();
            TOP() = SECOND();
            SECOND() = THIRD();
            THIRD() = a;
            break;
        }
        TARGET(ROT_FOUR) {
            obj_t *a = TOP();
            TOP() = SECOND();
            SECOND() = THIRD();
            THIRD() = PEEK(4);
            PEEK(4) = a;
            break;
        }
        TARGET(DUP_TOP) {
            obj_t *a = TOP();
            PUSH(a);
            break;
        }
        TARGET(DUP_TOP_TWO) {
            obj_t *a = TOP(), *b = SECOND();
            PUSH(b);
            PUSH(a);
            break;
        }
        TARGET(LOAD_CONST)
            PUSH(consts[arg]);
            NEXT();
        TARGET(LOAD_FAST) {
            obj_t *v = locals[arg];
            if (!v) {
                vm_raise(vm, EXC_UnboundLocalError,
                         "cannot access local variable '%s' where it is not "
                         "associated with a value",
                         ((str_t *)co->varnames->items[arg])->s);
                goto error;
            }
            PUSH(v);
            NEXT();
        }
        TARGET(STORE_FAST)
            locals[arg] = POP();
            NEXT();
        TARGET(DELETE_FAST)
            if (!locals[arg]) {
                vm_raise(vm, EXC_UnboundLocalError,
                         "cannot access local variable '%s' where it is not "
                         "associated with a value",
                         ((str_t *)co->varnames->items[arg])->s);
                goto error;
            }
            {
                obj_t *old = locals[arg];
                locals[arg] = NULL;
                vm__del_collect(vm, old);
            }
            break;
        TARGET(LOAD_DEREF) {
            obj_t *v = ((cell_t *)cells[arg])->v;
            if (!v) {
                size_t nc = co->cellvars->n;
                if ((size_t)arg < nc) {
                    vm_raise(vm, EXC_UnboundLocalError,
                             "cannot access local variable '%s' where it is "
                             "not associated with a value",
                             ((str_t *)co->cellvars->items[arg])->s);
                } else {
                    vm_raise(vm, EXC_NameError,
                             "cannot access free variable '%s' where it is "
                             "not associated with a value in enclosing scope",
                             ((str_t *)co->freevars->items[(size_t)arg - nc])
                                 ->s);
                }
                goto error;
            }
            PUSH(v);
            break;
        }
        TARGET(STORE_DEREF)
            ((cell_t *)cells[arg])->v = POP();
            break;
        TARGET(DELETE_DEREF) {
            obj_t *old = ((cell_t *)cells[arg])->v;
            ((cell_t *)cells[arg])->v = NULL;
            vm__del_collect(vm, old);
            break;
        }
        TARGET(LOAD_CLOSURE)
            PUSH(cells[arg]);
            break;
        TARGET(LOAD_CLASSDEREF) {
            size_t nc = co->cellvars->n;
            str_t *name = (size_t)arg < nc
                              ? (str_t *)co->cellvars->items[arg]
                              : (str_t *)co->freevars->items[(size_t)arg - nc];
            obj_t *v = f->locals ? dict_get_str(vm, f->locals, name) : NULL;
            if (!v) {
                v = ((cell_t *)cells[arg])->v;
            }
            if (!v) {
                vm_raise(vm, EXC_NameError,
                         "cannot access free variable '%s' where it is not "
                         "associated with a value in enclosing scope",
                         name->s);
                goto error;
            }
            PUSH(v);
            break;
        }
        TARGET(LOAD_GLOBAL) {
            struct code_gcache *gc = gcache_entry(f, arg);
            if (gc && gc->epoch == vm->gcache_epoch &&
                gc->globals == f->globals) {
                PUSH(gc->value);
                break;
            }
            str_t *name = (str_t *)names[arg];
            obj_t *v = dict_get_str(vm, f->globals, name);
            if (!v) {
                v = dict_get_str(vm, vm->builtins, name);
            }
            if (!v) {
                vm__name_error(vm, name);
                goto error;
            }
            if (gc) {
                gc->epoch = vm->gcache_epoch;
                gc->globals = f->globals;
                gc->value = v;
            }
            PUSH(v);
            break;
        }
        TARGET(STORE_GLOBAL)
            if (dict_set(vm, f->globals, names[arg], TOP()) < 0) {
                goto error;
            }
            sp--;
            break;
        TARGET(DELETE_GLOBAL) {
            obj_t *old = dict_get_str(vm, f->globals, (str_t *)names[arg]);
            int d = dict_del(vm, f->globals, names[arg]);
            if (d <= 0) {
                if (d == 0) {
                    vm__name_error(vm, (str_t *)names[arg]);
                }
                goto error;
            }
            vm__del_collect(vm, old);
            break;
        }
        TARGET(LOAD_NAME) {
            str_t *name = (str_t *)names[arg];
            obj_t *v = f->locals ? dict_get_str(vm, f->locals, name) : NULL;
            if (!v) {
                v = dict_get_str(vm, f->globals, name);
            }
            if (!v) {
                v = dict_get_str(vm, vm->builtins, name);
            }
            if (!v) {
                vm__name_error(vm, name);
                goto error;
            }
            PUSH(v);
            break;
        }
        TARGET(STORE_NAME) {
            dict_t *d = f->locals ? f->locals : f->globals;
            if (dict_set(vm, d, names[arg], TOP()) < 0) {
                goto error;
            }
            sp--;
            break;
        }
        TARGET(DELETE_NAME) {
            dict_t *d = f->locals ? f->locals : f->globals;
            obj_t *old = dict_get_str(vm, d, (str_t *)names[arg]);
            int x = dict_del(vm, d, names[arg]);
            if (x <= 0) {
                if (x == 0) {
                    vm__name_error(vm, (str_t *)names[arg]);
                }
                goto error;
            }
            vm__del_collect(vm, old);
            break;
        }
        TARGET(LOAD_ATTR) {
            obj_t *o = TOP();
            str_t *name = (str_t *)names[arg];
            struct code_acache *ac = SITE_CACHE(co, acache, arg);
            dict_t *d = vm__acache_hit(vm, ac, o, name);
            if (d) {
                TOP() = d->entries[ac->hint].value;
                break;
            }
            obj_t *v = obj_getattr(vm, o, name);
            if (!v) {
                goto error;
            }
            if (ac) {
                vm__acache_fill(vm, ac, o, name, v);
            }
            TOP() = v;
            break;
        }
        TARGET(STORE_ATTR) {
            obj_t *o = TOP();
            str_t *name = (str_t *)names[arg];
            struct code_acache *ac = SITE_CACHE(co, scache, arg);
            dict_t *d = vm__acache_hit(vm, ac, o, name);
            // The dict may have been replaced since (o.__dict__ = ...),
            // by one whose changes other caches watch.
            if (d && !(d->hdr.flags & (DICT_CLASSNS | DICT_GLOBALS))) {
                d->entries[ac->hint].value = SECOND();
                sp -= 2;
                break;
            }
            if (obj_setattr(vm, o, name, SECOND()) < 0) {
                goto error;
            }
            if (ac) {
                vm__scache_fill(vm, ac, o, name, SECOND());
            }
            sp -= 2;
            break;
        }
        TARGET(DELETE_ATTR)
            if (obj_setattr(vm, TOP(), (str_t *)names[arg], NULL) < 0) {
                goto error;
            }
            sp--;
            break;
        TARGET(LOAD_METHOD) {
            obj_t *o = TOP();
            type_t *t = TYPE(o);
            str_t *name = (str_t *)names[arg];
            // module.function(...): the module's dict at LOAD_ATTR's
            // hint for the name (module_fill).
            if (t == vm->t_module) {
                struct code_acache *ac = SITE_CACHE(co, acache, arg);
                dict_t *d = vm__acache_hit(vm, ac, o, name);
                if (d) {
                    TOP() = d->entries[ac->hint].value;
                    PUSH(NULL);
                    NEXT();
                }
            }
            // A type's getattr slot comes first, as in obj_getattr; when
            // it declines, a method is found as for any other type
            // (loop.call_soon, a method of an exception subclass).
            obj_t *hv = t->getattr ? t->getattr(vm, o, name) : NULL;
            if (hv || vm->exc) {
                if (!hv) {
                    goto error;
                }
                if (t == vm->t_module) {
                    struct code_acache *ac = SITE_CACHE(co, acache, arg);
                    if (ac) {
                        vm__module_fill(vm, ac, (module_t *)o, name, hv);
                    }
                }
                TOP() = hv;
                PUSH(NULL);
                break;
            }
            {
                dict_t *od = (t->flags & TF_HASDICT) ? OBJ_DICT(o) : NULL;
                struct code_mcache *mc = SITE_CACHE(co, lmcache, arg);
                if (mc && mc->type == t && mc->epoch == vm->acache_epoch &&
                    mc->dict == od && (!od || od->version == mc->version)) {
                    TOP() = mc->method;
                    PUSH(o);
                    NEXT();
                }
                obj_t *d = vm__method_of(vm, t, od, name, mc);
                if (d) {
                    TOP() = d;
                    PUSH(o);
                    break;
                }
            }
            obj_t *v = obj_getattr(vm, o, name);
            if (!v) {
                goto error;
            }
            TOP() = v;
            PUSH(NULL);
            break;
        }
        TARGET(CALL_METHOD) {
            obj_t **base = sp - arg - 2;
            obj_t *res;
            if (base[1]) {
                obj_t *m = base[0];
                if (TYPE(m) == vm->t_native) {
                    res = ((native_t *)m)->fn(vm, base[1], arg, base + 2,
                                              NULL);
                    vm->fresh_gen = NULL;
                } else {
                    res = vm__do_call(vm, m, arg + 1, base + 1, NULL);
                }
            } else {
                res = vm__do_call(vm, base[0], arg, base + 2, NULL);
            }
            if (!res) {
                goto error;
            }
            sp = base;
            PUSH(res);
            break;
        }
        TARGET(BINARY)
        TARGET(INPLACE) {
            obj_t *b = TOP(), *a = SECOND();
            obj_t *v;
            int64_t iv;
            if (TYPE(a) == vm->t_int && TYPE(b) == vm->t_int &&
                int_fast(arg, OBJ_INT(a), OBJ_INT(b), &iv)) {
                v = int_new(vm, iv);
            } else if (TYPE(a) == vm->t_str && TYPE(b) == vm->t_str &&
                       arg == OP_ADD) {
                v = (obj_t *)str_concat(vm, (str_t *)a, (str_t *)b);
            } else if (TYPE(a) == vm->t_str && arg == OP_MOD) {
                v = str_mod(vm, (str_t *)a, b);
            } else {
                v = obj_binop(vm, a, b, arg, (ins & 0xff) == OP_INPLACE);
            }
            if (!v) {
                goto error;
            }
            sp--;
            TOP() = v;
            break;
        }
        TARGET(UNARY) {
            obj_t *v = obj_unop(vm, TOP(), arg);
            if (!v) {
                goto error;
            }
            TOP() = v;
            break;
        }
        TARGET(COMPARE) {
            obj_t *b = TOP(), *a = SECOND();
            obj_t *v;
            if (TYPE(a) == vm->t_int && TYPE(b) == vm->t_int) {
                v = bool_new(vm, int_cmp(arg, OBJ_INT(a), OBJ_INT(b)));
            } else {
                v = obj_compare(vm, a, b, arg);
            }
            if (!v) {
                goto error;
            }
            sp--;
            TOP() = v;
            break;
        }
        TARGET(IS_OP) {
            bool same = TOP() == SECOND();
            sp--;
            TOP() = bool_new(vm, arg ? !same : same);
            break;
        }
        TARGET(CONTAINS_OP) {
            int c = obj_contains(vm, TOP(), SECOND());
            if (c < 0) {
                goto error;
            }
            sp--;
            TOP() = bool_new(vm, arg ? !c : c);
            break;
        }
        TARGET(BINARY_SUBSCR) {
            obj_t *v = obj_getitem(vm, SECOND(), TOP());
            if (!v) {
                goto error;
            }
            sp--;
            TOP() = v;
            break;
        }
        TARGET(STORE_SUBSCR)
            if (obj_setitem(vm, SECOND(), TOP(), THIRD()) < 0) {
                goto error;
            }
            sp -= 3;
            break;
        TARGET(DELETE_SUBSCR)
            if (obj_setitem(vm, SECOND(), TOP(), NULL) < 0) {
                goto error;
            }
            sp -= 2;
            break;
        TARGET(BUILD_SLICE) {
            obj_t *c = arg == 3 ? POP() : vm->none;
            obj_t *b = POP();
            TOP() = slice_new(vm, TOP(), b, c);
            break;
        }
        TARGET(BUILD_TUPLE) {
            tuple_t *t = tuple_new(vm, (size_t)arg);
            for (int i = 0; i < arg; i++) {
                t->items[i] = sp[i - arg];
            }
            sp -= arg;
            PUSH((obj_t *)t);
            break;
        }
        TARGET(BUILD_LIST) {
            list_t *l = list_new(vm, (size_t)arg);
            if (!l) {
                goto error;
            }
            for (int i = 0; i < arg; i++) {
                l->items[i] = sp[i - arg];
            }
            sp -= arg;
            PUSH((obj_t *)l);
            break;
        }
        TARGET(BUILD_SET) {
            dict_t *s = set_new(vm, vm->t_set);
            for (int i = 0; i < arg; i++) {
                if (set_add(vm, s, sp[i - arg]) < 0) {
                    goto error;
                }
            }
            sp -= arg;
            PUSH((obj_t *)s);
            break;
        }
        TARGET(BUILD_MAP) {
            dict_t *d = dict_new(vm);
            for (int i = 0; i < arg; i++) {
                if (dict_set(vm, d, sp[2 * (i - arg)],
                             sp[2 * (i - arg) + 1]) < 0) {
                    goto error;
                }
            }
            sp -= 2 * arg;
            PUSH((obj_t *)d);
            break;
        }
        TARGET(BUILD_STRING) {
            size_t total = 0;
            for (int i = 0; i < arg; i++) {
                total += ((str_t *)sp[i - arg])->len;
            }
            char *buf = malloc(total + 1);
            size_t at = 0;
            for (int i = 0; i < arg; i++) {
                str_t *s = (str_t *)sp[i - arg];
                memcpy(buf + at, s->s, s->len);
                at += s->len;
            }
            str_t *s = str_new(vm, buf, total);
            free(buf);
            sp -= arg;
            PUSH((obj_t *)s);
            break;
        }
        TARGET(LIST_APPEND)
            if (list_try_append(vm, (list_t *)sp[-(arg + 1)], TOP()) < 0) {
                goto error;
            }
            sp--;
            break;
        TARGET(SET_ADD)
            if (set_add(vm, (dict_t *)sp[-(arg + 1)], TOP()) < 0) {
                goto error;
            }
            sp--;
            break;
        TARGET(MAP_ADD)
            if (dict_set(vm, (dict_t *)sp[-(arg + 2)], SECOND(), TOP()) < 0) {
                goto error;
            }
            sp -= 2;
            break;
        TARGET(LIST_EXTEND) {
            list_t *src = obj_to_list(vm, TOP());
            if (!src) {
                if (vm_exc_matches(vm, EXC_TypeError) &&
                    !TYPE(TOP())->iter &&
                    !type_lookup(vm, TYPE(TOP()), vm->s.__iter__)) {
                    vm->exc = NULL;
                    vm_raise(vm, EXC_TypeError,
                             "Value after * must be an iterable, not %s",
                             type_name(TOP()));
                }
                goto error;
            }
            list_t *dst = (list_t *)sp[-(arg + 1)];
            for (size_t i = 0; i < src->n; i++) {
                if (list_try_append(vm, dst, src->items[i]) < 0) {
                    goto error;
                }
            }
            sp--;
            break;
        }
        TARGET(SET_UPDATE) {
            list_t *src = obj_to_list(vm, TOP());
            if (!src) {
                goto error;
            }
            for (size_t i = 0; i < src->n; i++) {
                if (set_add(vm, (dict_t *)sp[-(arg + 1)], src->items[i]) < 0) {
                    goto error;
                }
            }
            sp--;
            break;
        }
        TARGET(DICT_UPDATE)
        TARGET(DICT_MERGE) {
            obj_t *src = TOP();
            dict_t *dst = (dict_t *)sp[-(arg + 1)];
            if (!obj_isinstance_t(src, vm->t_dict)) {
                // A mapping: keys() then getitem.
                obj_t *keys = vm_call_method(vm, src, vm->s.keys, 0, NULL);
                if (!keys) {
                    if (vm_exc_matches(vm, EXC_AttributeError)) {
                        vm->exc = NULL;
                        if ((ins & 0xff) == OP_DICT_MERGE) {
                            vm_raise(vm, EXC_TypeError,
                                     "argument after ** must be a mapping, "
                                     "not %s", type_name(src));
                        } else {
                            vm_raise(vm, EXC_TypeError,
                                     "'%s' object is not a mapping",
                                     type_name(src));
                        }
                    }
                    goto error;
                }
                list_t *kl = obj_to_list(vm, keys);
                if (!kl) {
                    goto error;
                }
                for (size_t i = 0; i < kl->n; i++) {
                    obj_t *v = obj_getitem(vm, src, kl->items[i]);
                    if (!v || dict_set(vm, dst, kl->items[i], v) < 0) {
                        goto error;
                    }
                }
            } else {
                size_t pos = 0;
                obj_t *k, *v;
                while (dict_next((dict_t *)src, &pos, &k, &v)) {
                    if ((ins & 0xff) == OP_DICT_MERGE &&
                        dict_get(vm, dst, k)) {
                        str_t *ks = obj_str(vm, k);
                        vm_raise(vm, EXC_TypeError,
                                 "%s got multiple values for keyword argument "
                                 "'%s'", "function", ks ? ks->s : "?");
                        goto error;
                    }
                    if (dict_set(vm, dst, k, v) < 0) {
                        goto error;
                    }
                }
            }
            sp--;
            break;
        }
        TARGET(LIST_TO_TUPLE)
            TOP() = (obj_t *)list_to_tuple(vm, (list_t *)TOP());
            break;
        TARGET(UNPACK_SEQUENCE) {
            obj_t *seq = TOP();
            if (TYPE(seq) == vm->t_tuple && (int)((tuple_t *)seq)->n == arg) {
                tuple_t *t = (tuple_t *)seq;
                sp--;
                for (int i = arg - 1; i >= 0; i--) {
                    PUSH(t->items[i]);
                }
                break;
            }
            obj_t *small[16];
            obj_t **out = arg <= 16 ? small
                                    : malloc(sizeof(obj_t *) * (size_t)arg);
            if (vm__unpack(vm, seq, arg, 0, false, out) < 0) {
                if (out != small) {
                    free(out);
                }
                goto error;
            }
            sp--;
            for (int i = arg - 1; i >= 0; i--) {
                PUSH(out[i]);
            }
            if (out != small) {
                free(out);
            }
            break;
        }
        TARGET(UNPACK_EX) {
            int before = arg & 0xff, after = arg >> 8;
            int n = before + after + 1;
            obj_t **out = malloc(sizeof(obj_t *) * (size_t)n);
            if (vm__unpack(vm, TOP(), before, after, true, out) < 0) {
                free(out);
                goto error;
            }
            sp--;
            for (int i = n - 1; i >= 0; i--) {
                PUSH(out[i]);
            }
            free(out);
            break;
        }
        TARGET(FORMAT_VALUE) {
            obj_t *spec = (arg & 4) ? TOP() : NULL;
            obj_t *v = (arg & 4) ? SECOND() : TOP();
            obj_t *s = vm__format_value(vm, v, arg, spec);
            if (!s) {
                goto error;
            }
            if (arg & 4) {
                sp--;
            }
            TOP() = s;
            break;
        }
        TARGET(JUMP)
            if ((uint32_t)arg < ip) {
                // A backward jump: a safe point, and where Ctrl-C and the
                // step budget are noticed.
                if (vm->interrupt && *vm->interrupt) {
                    *vm->interrupt = 0;
                    vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, KeyboardInterrupt));
                    goto error;
                }
                if (vm->max_steps && ++vm->steps > vm->max_steps) {
                    vm_steps_exhausted(vm);
                    goto error;
                }
                if (vm->nogc == 0) {
                    gc_maybe(vm);
                }
                if (vm->max_bytes && vm->bytes > vm->max_bytes) {
                    // --max-memory: a MemoryError the program may catch;
                    // what it frees lets it go on. (Not a safe point for a
                    // collection under native code that holds unrooted
                    // objects: then the MemoryError comes at once.)
                    if (vm->nogc == 0) {
                        gc_collect(vm);
                    }
                    if (vm->bytes > vm->max_bytes) {
                        vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
                        goto error;
                    }
                }
            }
            ip = (uint32_t)arg;
            break;
        TARGET(POP_JUMP_IF_FALSE)
        TARGET(POP_JUMP_IF_TRUE) {
            obj_t *v = TOP();
            int t;
            if (v == vm->true_) {
                t = 1;
            } else if (v == vm->false_ || v == vm->none) {
                t = 0;
            } else {
                t = obj_truthy(vm, v);
                if (t < 0) {
                    goto error;
                }
            }
            sp--;
            if (t == ((ins & 0xff) == OP_POP_JUMP_IF_TRUE)) {
                ip = (uint32_t)arg;
            }
            break;
        }
        TARGET(JUMP_IF_FALSE_OR_POP)
        TARGET(JUMP_IF_TRUE_OR_POP) {
            int t = obj_truthy(vm, TOP());
            if (t < 0) {
                goto error;
            }
            if (t == ((ins & 0xff) == OP_JUMP_IF_TRUE_OR_POP)) {
                ip = (uint32_t)arg;
            } else {
                sp--;
            }
            break;
        }
        TARGET(GET_ITER) {
            obj_t *it = obj_iter(vm, TOP());
            if (!it) {
                goto error;
            }
            TOP() = it;
            break;
        }
        TARGET(GET_YIELD_FROM_ITER) {
            obj_t *o = TOP();
            if (TYPE(o) == vm->t_coro) {
                if (!(co->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
                    vm_raise(vm, EXC_TypeError,
                             "cannot 'yield from' a coroutine object in a "
                             "non-coroutine generator");
                    goto error;
                }
            } else if (TYPE(o) != vm->t_gen) {
                obj_t *it = obj_iter(vm, o);
                if (!it) {
                    goto error;
                }
                TOP() = it;
            }
            break;
        }
        TARGET(FOR_ITER) {
            obj_t *it = TOP();
            obj_t *v = TYPE(it)->next ? TYPE(it)->next(vm, it)
                                      : obj_next(vm, it);
            if (v) {
                PUSH(v);
                break;
            }
            if (vm->exc) {
                goto error;
            }
            sp--;
            ip = (uint32_t)arg;
            break;
        }
        TARGET(CALL) {
            obj_t **base = sp - arg - 1;
            obj_t *res = vm__do_call(vm, base[0], arg, base + 1, NULL);
            if (!res) {
                goto error;
            }
            sp = base;
            PUSH(res);
            break;
        }
        TARGET(CALL_FRESH) {
            // CALL whose last argument is a call's result: vm__call_fresh
            // looks for a coroutine dropped with it.
            obj_t **base = sp - arg - 1;
            obj_t *res = call_at(vm, f, base, base[0], arg, base + 1, NULL);
            if (!res) {
                goto error;
            }
            sp = base;
            PUSH(res);
            break;
        }
        TARGET(CALL_METHOD_FRESH) {
            obj_t **base = sp - arg - 2;
            obj_t *res = base[1] ? call_at(vm, f, base, base[0], arg + 1,
                                           base + 1, NULL)
                                 : call_at(vm, f, base, base[0], arg,
                                           base + 2, NULL);
            if (!res) {
                goto error;
            }
            sp = base;
            PUSH(res);
            break;
        }
        TARGET(CALL_KW) {
            tuple_t *kwn = (tuple_t *)TOP();
            obj_t **base = sp - arg - 2;
            int npos = arg - (int)kwn->n;
            obj_t *res = vm__do_call(vm, base[0], npos, base + 1, kwn);
            if (!res) {
                goto error;
            }
            sp = base;
            PUSH(res);
            break;
        }
        TARGET(CALL_EX) {
            obj_t *kw = arg ? TOP() : NULL;
            obj_t *args = arg ? SECOND() : TOP();
            obj_t *fn = arg ? THIRD() : SECOND();
            obj_t *res = vm__call_ex(vm, fn, args, kw);
            if (!res) {
                goto error;
            }
            sp -= arg ? 3 : 2;
            PUSH(res);
            break;
        }
        TARGET(MAKE_FUNCTION) {
            str_t *qualname = (str_t *)POP();
            code_t *code = (code_t *)POP();
            func_t *fn = (func_t *)gc_alloc(vm, vm->t_func, sizeof(func_t));
            fn->code = code;
            fn->globals = f->globals;
            fn->name = code->name;
            fn->qualname = qualname;
            fn->module = dict_get_str(vm, f->globals, vm->s.__name__);
            // Function code keeps its docstring (or None) as its first
            // constant (CPython 3.11's convention).
            if (code->consts->n > 0 &&
                TYPE(code->consts->items[0]) == vm->t_str) {
                fn->doc = code->consts->items[0];
            }
            if (arg & 8) {
                fn->closure = (tuple_t *)POP();
            }
            if (arg & 4) {
                fn->annotations = (dict_t *)POP();
            }
            if (arg & 2) {
                fn->kwdefaults = (dict_t *)POP();
            }
            if (arg & 1) {
                fn->defaults = (tuple_t *)POP();
            }
            PUSH((obj_t *)fn);
            break;
        }
        TARGET(RETURN_VALUE)
            r = POP();
            goto done;
        TARGET(STORE_RETVAL)
            f->retval = POP();
            break;
        TARGET(RETURN_RETVAL)
            r = f->retval;
            f->retval = NULL;
            goto done;
        TARGET(YIELD_VALUE)
            r = POP();
            f->ip = ip;
            f->top = sp;
            f->state = FRAME_SUSPENDED;
            *yielded = true;
            vm->frame = f->back;
            // A suspended frame has no f_back (as in CPython), and must
            // not point at its resumer, which may be released on return.
            f->back = NULL;
            return r;
        TARGET(GET_AWAITABLE) {
            obj_t *it = get_awaitable(vm, TOP());
            if (!it) {
                goto error;
            }
            // arg 1: the operand is a call's result. When that call made
            // the coroutine itself, only this stack holds it, and CPython
            // frees it as the await returns: so do we (YIELD_FROM), rather
            // than leave 80 bytes of garbage per await (sleep0_tasks.py:
            // 100 MB of sleep() and __sleep0() objects between
            // collections). It never needs its finalizer: it is run to
            // its end here or closed through the awaiting coroutine.
            if (arg == 1 && it == vm->fresh_gen && it == TOP() &&
                gc_fin_untrack_last(vm, it)) {
                it->flags |= GEN_AWAIT_OWNED;
            }
            vm->fresh_gen = NULL;
            TOP() = it;
            break;
        }
        TARGET(YIELD_FROM) {
            obj_t *v = TOP();
            obj_t *recv = SECOND();
            bool fin;
            obj_t *res = delegate_send(vm, recv, v, &fin);
            if (!res) {
                if (recv->flags & GEN_AWAIT_OWNED) {
                    vm__await_disown(vm, recv);
                }
                goto error;
            }
            sp--;
            if (fin) {
                if (recv->flags & GEN_AWAIT_OWNED) {
                    gen_free(vm, recv);
                }
                TOP() = res;
                break;
            }
            // The delegate yielded: suspend here and re-run YIELD_FROM on
            // resumption with the value sent in.
            f->ip = ip - 1;
            f->top = sp;
            f->state = FRAME_SUSPENDED;
            *yielded = true;
            vm->frame = f->back;
            f->back = NULL;
            return res;
        }
        TARGET(SETUP_FINALLY)
            CHECK_BLOCK_ROOM();
            PUSH_BLOCK(BLK_FINALLY, arg, (int)(sp - stack));
            break;
        TARGET(SETUP_WITH) {
            obj_t *ctx = TOP();
            obj_t *enter = vm__special_bound(vm, ctx, vm->s.__enter__);
            obj_t *exitf = enter ? vm__special_bound(vm, ctx, vm->s.__exit__)
                                 : NULL;
            if (!enter || !exitf) {
                if (!vm->exc) {
                    vm_raise(vm, EXC_TypeError,
                             "'%s' object does not support the context "
                             "manager protocol", type_name(ctx));
                }
                goto error;
            }
            TOP() = exitf;
            obj_t *res = vm__do_call(vm, enter, 0, NULL, NULL);
            if (!res) {
                goto error;
            }
            CHECK_BLOCK_ROOM();
            PUSH_BLOCK(BLK_FINALLY, arg, (int)(sp - stack));
            PUSH(res);
            break;
        }
        TARGET(BEFORE_ASYNC_WITH) {
            obj_t *ctx = TOP();
            obj_t *enter = vm__special_bound(vm, ctx, vm->s.__aenter__);
            obj_t *exitf = enter ? vm__special_bound(vm, ctx, vm->s.__aexit__)
                                 : NULL;
            if (!enter || !exitf) {
                if (!vm->exc) {
                    vm_raise(vm, EXC_TypeError,
                             "'%s' object does not support the asynchronous "
                             "context manager protocol", type_name(ctx));
                }
                goto error;
            }
            TOP() = exitf;
            obj_t *res = vm__do_call(vm, enter, 0, NULL, NULL);
            if (!res) {
                goto error;
            }
            PUSH(res);
            break;
        }
        TARGET(SETUP_ASYNC_WITH)
            CHECK_BLOCK_ROOM();
            PUSH_BLOCK(BLK_FINALLY, arg, (int)(sp - stack) - 1);
            break;
        TARGET(POP_BLOCK)
            f->nblocks--;
            break;
        TARGET(POP_EXCEPT) {
            block_t *b = &blocks[--f->nblocks];
            obj_t *prev = stack[b->level];
            obj_t *done = vm->handled;
            vm->handled = prev == vm->none ? NULL : prev;
            sp = stack + b->level;
            // The handled exception goes here, or (arg 1) when the
            // "e = None; del e" that follows has run, and with it any
            // coroutine never awaited that only its traceback's frames
            // held: CPython warns at this line, so we collect now.
            if (done && gen_exc_holds_unawaited(vm, done)) {
                if (arg == 1) {
                    vm->exc_dropped = true;
                } else if (vm->nogc == 0) {
                    gc_collect(vm);
                }
            }
            break;
        }
        TARGET(WITH_EXIT) {
            obj_t *res = vm__exit_call(vm, TOP(), NULL);
            if (!res) {
                goto error;
            }
            TOP() = res;
            break;
        }
        TARGET(WITH_EXCEPT) {
            obj_t *exc = TOP();
            obj_t *exitf = THIRD();
            obj_t *res = vm__exit_call(vm, exitf, exc);
            if (!res) {
                goto error;
            }
            PUSH(res);
            break;
        }
        TARGET(RERAISE)
            vm->exc = POP();
            add_tb = false;
            goto error;
        TARGET(RAISE) {
            if (arg == 0) {
                if (!vm->handled) {
                    vm_raise(vm, EXC_RuntimeError,
                             "No active exception to reraise");
                    goto error;
                }
                vm->exc = vm->handled;
                add_tb = false;
                goto error;
            }
            obj_t *cause = arg == 2 ? TOP() : NULL;
            obj_t *e = arg == 2 ? SECOND() : TOP();
            if (TYPE(e) == vm->t_type && (((type_t *)e)->flags &
                                          TF_EXCEPTION)) {
                e = vm__do_call(vm, e, 0, NULL, NULL);
                if (!e) {
                    goto error;
                }
            }
            if (!(TYPE(e)->flags & TF_EXCEPTION)) {
                vm_raise(vm, EXC_TypeError,
                         "exceptions must derive from BaseException");
                goto error;
            }
            if (cause) {
                if (TYPE(cause) == vm->t_type &&
                    (((type_t *)cause)->flags & TF_EXCEPTION)) {
                    cause = vm__do_call(vm, cause, 0, NULL, NULL);
                    if (!cause) {
                        goto error;
                    }
                } else if (cause != vm->none &&
                           !(TYPE(cause)->flags & TF_EXCEPTION)) {
                    vm_raise(vm, EXC_TypeError,
                             "exception causes must derive from "
                             "BaseException");
                    goto error;
                }
                ((exc_t *)e)->cause = cause == vm->none ? NULL : cause;
                ((exc_t *)e)->suppress_context = true;
            }
            vm_raise_obj(vm, e);
            goto error;
        }
        TARGET(JUMP_IF_NOT_EXC_MATCH) {
            bool bad;
            bool m = vm__exc_match_type(vm, SECOND(), TOP(), &bad);
            if (!m && bad) {
                vm_raise(vm, EXC_TypeError,
                         "catching classes that do not inherit from "
                         "BaseException is not allowed");
                goto error;
            }
            sp -= 2;
            if (!m) {
                ip = (uint32_t)arg;
            }
            break;
        }
        TARGET(EXCEPT_STAR) {
            // [exc] -> [list, rest]: the list, the VM's own, starts with
            // the exception caught (END_EXCEPT_STAR needs it), then
            // collects what the clause bodies raise.
            obj_t *e = POP();
            list_t *l = list_new(vm, 0);
            PUSH((obj_t *)l);
            list_append(vm, l, e);
            PUSH(e);
            break;
        }
        TARGET(CHECK_EG_MATCH) {
            obj_t *type = POP();
            obj_t *rest = TOP();
            obj_t *match = NULL, *newrest = rest;
            if (rest != vm->none) {
                bool bad;
                if (TYPE(type) == vm->t_type &&
                    type_issub((type_t *)type,
                               EXC_TYPE(vm, BaseExceptionGroup))) {
                    vm_raise(vm, EXC_TypeError,
                             "catching ExceptionGroup with except* is not "
                             "allowed. Use except instead.");
                    goto error;
                }
                vm__exc_match_type(vm, rest, type, &bad);
                if (bad) {
                    vm_raise(vm, EXC_TypeError,
                             "catching classes that do not inherit from "
                             "BaseException is not allowed");
                    goto error;
                }
                if (!type_issub(TYPE(rest),
                                EXC_TYPE(vm, BaseExceptionGroup))) {
                    if (vm__exc_match_type(vm, rest, type, &bad)) {
                        obj_t *args[2] = {(obj_t *)vm->empty_str,
                                          (obj_t *)tuple_pack(vm, 1, rest)};
                        match = vm_call(vm, (obj_t *)EXC_TYPE(
                                            vm, BaseExceptionGroup), 2, args,
                                        NULL);
                        if (!match) {
                            goto error;
                        }
                        newrest = NULL;
                    }
                } else if (exc_group_split(vm, rest, type, &match,
                                           &newrest) < 0) {
                    goto error;
                }
            }
            TOP() = newrest ? newrest : vm->none;
            if (match) {
                vm->handled = match;
            }
            PUSH(match ? match : vm->none);
            break;
        }
        TARGET(END_EXCEPT_STAR) {
            if (arg == 1) {
                // An exception escaped a clause body: remember it.
                obj_t *e = POP();
                block_t *b = &blocks[--f->nblocks];
                obj_t *prev = stack[b->level];
                vm->handled = prev == vm->none ? NULL : prev;
                sp = stack + b->level;
                list_append(vm, (list_t *)SECOND(), e);
                break;
            }
            // PREP_RERAISE_STAR: the list is [orig, raised...], and the
            // rest goes last, as CPython's LIST_APPEND puts it.
            list_t *l = (list_t *)SECOND();
            list_append(vm, l, TOP());
            obj_t *e = exc_prep_reraise_star(vm, l->items[0], l->items + 1,
                                             l->n - 1);
            if (!e) {
                goto error;
            }
            if (e == vm->none) {
                break;
            }
            vm->exc = e;
            add_tb = false;
            goto error;
        }
        TARGET(GET_AITER) {
            obj_t *o = TOP();
            bool found;
            obj_t *it = obj_call_special(vm, o, vm->s.__aiter__, 0, NULL,
                                         &found);
            if (!found) {
                vm_raise(vm, EXC_TypeError,
                         "'async for' requires an object with __aiter__ "
                         "method, got %s", type_name(o));
                goto error;
            }
            if (!it) {
                goto error;
            }
            if (!type_lookup(vm, TYPE(it), vm->s.__anext__)) {
                vm_raise(vm, EXC_TypeError,
                         "'async for' received an object from __aiter__ "
                         "that does not implement __anext__: %s",
                         type_name(it));
                // An async def __aiter__ returned a coroutine, dropped
                // here: CPython warns "never awaited" at this line.
                if (gen_unawaited(vm, it) &&
                    vm->nogc == 0) {
                    obj_t *e = vm_take_exc(vm);
                    vm_pin(vm, e);
                    gc_collect(vm);
                    vm->nextra--;
                    vm->exc = e;
                }
                goto error;
            }
            TOP() = it;
            break;
        }
        TARGET(GET_ANEXT) {
            obj_t *o = TOP();
            bool found;
            obj_t *aw = obj_call_special(vm, o, vm->s.__anext__, 0, NULL,
                                         &found);
            if (!found) {
                vm_raise(vm, EXC_TypeError,
                         "'async for' requires an iterator with __anext__ "
                         "method, got %s", type_name(o));
                goto error;
            }
            if (!aw) {
                goto error;
            }
            PUSH(aw);
            obj_t *it = get_awaitable(vm, aw);
            if (!it) {
                goto error;
            }
            TOP() = it;
            break;
        }
        TARGET(END_ASYNC_FOR) {
            obj_t *e = TOP();
            if (obj_isinstance_t(e, EXC_TYPE(vm, StopAsyncIteration))) {
                block_t *b = &blocks[--f->nblocks];
                obj_t *prev = stack[b->level];
                vm->handled = prev == vm->none ? NULL : prev;
                sp = stack + b->level;
                sp--; // the async iterator
                break;
            }
            sp--;
            vm->exc = e;
            add_tb = false;
            goto error;
        }
        TARGET(LOAD_BUILD_CLASS) {
            obj_t *bc = dict_get_cstr(vm, vm->builtins, "__build_class__");
            if (!bc) {
                // del builtins.__build_class__ (CPython's message).
                vm_raise(vm, EXC_NameError, "__build_class__ not found");
                goto error;
            }
            PUSH(bc);
            break;
        }
        TARGET(IMPORT_NAME) {
            obj_t *m = modules_import(vm, (str_t *)names[arg]);
            if (!m) {
                goto error;
            }
            TOP() = m;
            break;
        }
        TARGET(IMPORT_FROM) {
            obj_t *m = TOP();
            obj_t *v = obj_getattr_opt(vm, m, (str_t *)names[arg]);
            if (!v) {
                if (!vm->exc) {
                    str_t *mn = TYPE(m) == vm->t_module ? ((module_t *)m)->name
                                                       : NULL;
                    vm_raise(vm, EXC_ImportError,
                             "cannot import name '%s' from '%s' (unknown "
                             "location)", ((str_t *)names[arg])->s,
                             mn ? mn->s : "?");
                }
                goto error;
            }
            PUSH(v);
            break;
        }
        TARGET(IMPORT_STAR) {
            obj_t *m = POP();
            if (TYPE(m) == vm->t_module) {
                dict_t *d = f->locals ? f->locals : f->globals;
                size_t pos = 0;
                obj_t *k, *v;
                while (dict_next(((module_t *)m)->dict, &pos, &k, &v)) {
                    if (((str_t *)k)->s[0] != '_') {
                        dict_set(vm, d, k, v);
                    }
                }
            }
            break;
        }
        TARGET(LOAD_ASSERTION_ERROR)
            PUSH((obj_t *)EXC_TYPE(vm, AssertionError));
            break;
        TARGET(SETUP_ANNOTATIONS) {
            // A module or class body with annotated names gets its
            // __annotations__ dict up front.
            dict_t *d = f->locals ? f->locals : f->globals;
            obj_t *a = dict_get_str(vm, d, vm->s.__annotations__);
            if (!a && dict_set(vm, d, (obj_t *)vm->s.__annotations__,
                               (obj_t *)dict_new(vm)) < 0) {
                goto error;
            }
            break;
        }
        TARGET(PRINT_EXPR) {
            // sys.displayhook: repr of a non-None value, kept in builtins._
            obj_t *v = TOP();
            if (v != vm->none) {
                dict_set_cstr(vm, vm->builtins, "_", vm->none);
                str_t *r = obj_repr(vm, v);
                if (!r) {
                    goto error;
                }
                if (vm_write_out(vm, r->s, r->len) < 0 ||
                    vm_write_out(vm, "\n", 1) < 0) {
                    goto error;
                }
                dict_set_cstr(vm, vm->builtins, "_", v);
            }
            sp--;
            break;
        }
        default:
            vm_raise(vm, EXC_RuntimeError, "bad opcode %d", ins & 0xff);
            goto error;
        }
        continue;

    error:
        // An exception is pending: record this frame in its traceback and
        // unwind to the innermost handler (or out of the frame).
        if (add_tb && vm->exc) {
            exc_add_tb(vm, vm->exc, co, co->lines[f->ip], f);
        }
        add_tb = true;
        while (f->nblocks > 0) {
            block_t *b = &blocks[--f->nblocks];
            if (b->type == BLK_EXCEPT_HANDLER) {
                obj_t *prev = stack[b->level];
                vm->handled = prev == vm->none ? NULL : prev;
                sp = stack + b->level;
                continue;
            }
            int level = b->level, handler = b->handler;
            sp = stack + level;
            obj_t *exc = vm_take_exc(vm);
            PUSH(vm->handled ? vm->handled : vm->none);
            PUSH(exc);
            vm->handled = exc;
            // The handler block replaces the try block in the same slot.
            PUSH_BLOCK(BLK_EXCEPT_HANDLER, 0, level);
            ip = (uint32_t)handler;
            goto resume;
        }
        r = NULL;
        goto done;
    resume:
        continue;
    }

done:
    f->top = stack;
    f->state = FRAME_DONE;
    vm->frame = f->back;
    f->back = NULL;
    if (r && !(f->code->flags & (CO_MODULE | CO_CLASS)) &&
        vm->nogc == 0) {
        finalize_locals(vm, f, r);
    }
    return r;
}

/* A function returned normally: CPython frees its frame, and with it any
 * unfinished generator only its locals held, whose finally blocks run then
 * (or whose async generator goes to the loop's hook). When a local holds
 * such a generator, the dead frame's locals are dropped and a collection
 * finds what nothing else holds. */
static void finalize_locals(vm_t *vm, frame_t *f, obj_t *r)
{
    // No generator with a frame anywhere (the commonest case): none in
    // the locals either, and the scan is skipped.
    if (vm->open_gens == 0) {
        return;
    }
    int n = f->code->nlocals;
    bool any = false;
    type_t *tg = vm->t_gen, *tag = vm->t_asyncgen;
    for (int i = 0; i < n && !any; i++) {
        obj_t *v = f->localsplus[i];
        // The type test first: most locals are not generators.
        any = v && (TYPE(v) == tg || TYPE(v) == tag) &&
              gen_wants_finalizer(vm, v);
    }
    if (!any) {
        return;
    }
    for (int i = 0; i < n; i++) {
        f->localsplus[i] = NULL;
    }
    // The frame survives too: func_call releases it after the return.
    vm_pin(vm, r);
    vm_pin(vm, (obj_t *)f);
    gc_collect(vm);
    vm->nextra -= 2;
}
