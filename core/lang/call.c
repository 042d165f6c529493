/*
 * call.c - code and frame objects, argument binding and calls: frame_new,
 * func_call, vm_call and friends, vm_parse_args for natives, and
 * builtins.__build_class__.
 *
 * Mirrors the argument binding of CPython 3.10's Objects/call.c and
 * Python/ceval.c's _PyEval_MakeFrameVector (positional, keyword, default
 * and keyword-only handling, *args and **kwargs), and the class creation
 * of Python/bltinmodule.c's builtin___build_class__, with CPython 3.11's
 * error messages.
 *
 * Invariants:
 *  - a frame is one allocation: localsplus holds the fast locals, then
 *    the cells and free variables, then the value stack; the block stack
 *    follows (frame_new);
 *  - a Python-to-Python call binds arguments before the frame runs and
 *    raises before anything of the callee executes when binding fails;
 *  - vm_call keeps collections off (vm->nogc) while the callee runs,
 *    because the caller's arguments may live only in C locals;
 *    vm_call_clean is for callers whose arguments are reachable.
 */
#include "code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obj_int.h"

/* ==== Code and frame objects ========================================== */

void vm__code_mark(vm_t *vm, obj_t *o)
{
    code_t *c = (code_t *)o;
    gc_mark(vm, (obj_t *)c->consts);
    gc_mark(vm, (obj_t *)c->names);
    gc_mark(vm, (obj_t *)c->varnames);
    gc_mark(vm, (obj_t *)c->cellvars);
    gc_mark(vm, (obj_t *)c->freevars);
    gc_mark(vm, (obj_t *)c->name);
    gc_mark(vm, (obj_t *)c->qualname);
    gc_mark(vm, (obj_t *)c->filename);
    gc_mark(vm, (obj_t *)c->srcfile);
    gc_mark(vm, (obj_t *)c->spare);
    gc_mark(vm, (obj_t *)c->spare_gen);
}

void vm__code_destroy(vm_t *vm, obj_t *o)
{
    code_t *c = (code_t *)o;
    gc_free(vm, c->ops, c->nops * sizeof(uint32_t) + 1);
    gc_free(vm, c->lines, c->nops * sizeof(int32_t) + 1);
    gc_free(vm, c->cell2arg, sizeof(int) * (size_t)c->ncell2arg +
                                 sizeof(int));
    free(c->linemap);
    free(c->gcache);
    free(c->acache);
    free(c->scache);
    free(c->lmcache);
}

obj_t *vm__code_repr(vm_t *vm, obj_t *o)
{
    code_t *c = (code_t *)o;
    return (obj_t *)str_fmt(vm, "<code object %s at %p, file \"%s\", line %d>",
                            c->name->s, (void *)c, c->filename->s,
                            c->firstline);
}

obj_t *vm__code_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    code_t *c = (code_t *)o;
    const char *n = name->s;
    if (strcmp(n, "co_filename") == 0) {
        return (obj_t *)c->filename;
    }
    if (strcmp(n, "co_firstlineno") == 0) {
        return int_new(vm, c->firstline);
    }
    if (strcmp(n, "co_name") == 0) {
        return (obj_t *)c->name;
    }
    if (strcmp(n, "co_qualname") == 0) {
        return (obj_t *)c->qualname;
    }
    if (strcmp(n, "co_flags") == 0) {
        return int_new(vm, c->flags);
    }
    if (strcmp(n, "co_argcount") == 0) {
        return int_new(vm, c->argcount);
    }
    if (strcmp(n, "co_varnames") == 0) {
        return (obj_t *)c->varnames;
    }
    return NULL;
}

/* frame.f_locals: a module's or class body's namespace itself; for a
 * function, a new dict of its bound locals, then its cells' contents
 * (cellvars, freevars), as CPython 3.11's _PyFrame_FastToLocals reads
 * co_localsplusnames. */
static obj_t *frame_locals(vm_t *vm, frame_t *f)
{
    if (f->locals) {
        return (obj_t *)f->locals;
    }
    code_t *c = f->code;
    dict_t *d = dict_new(vm);
    vm->nogc++;
    for (int i = 0; i < c->nlocals && i < (int)c->varnames->n; i++) {
        if (f->localsplus[i]) {
            dict_set(vm, d, c->varnames->items[i], f->localsplus[i]);
        }
    }
    size_t ncell = c->cellvars ? c->cellvars->n : 0;
    for (int j = 0; j < c->ncells; j++) {
        obj_t *cell = f->localsplus[c->nlocals + j];
        obj_t *nm = (size_t)j < ncell ? c->cellvars->items[j]
                    : c->freevars && (size_t)j - ncell < c->freevars->n
                        ? c->freevars->items[(size_t)j - ncell]
                        : NULL;
        if (nm && cell && TYPE(cell) == vm->t_cell && ((cell_t *)cell)->v) {
            dict_set(vm, d, nm, ((cell_t *)cell)->v);
        }
    }
    vm->nogc--;
    return (obj_t *)d;
}

obj_t *vm__frame_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    frame_t *f = (frame_t *)o;
    const char *n = name->s;
    if (strcmp(n, "f_lineno") == 0) {
        return int_new(vm, frame_line(f));
    }
    if (strcmp(n, "f_code") == 0) {
        return (obj_t *)f->code;
    }
    if (strcmp(n, "f_globals") == 0) {
        return (obj_t *)f->globals;
    }
    if (strcmp(n, "f_locals") == 0) {
        return frame_locals(vm, f);
    }
    if (strcmp(n, "f_back") == 0) {
        if (!f->back) {
            return vm->none;
        }
        f->back->hdr.flags |= FRAME_ESCAPED;
        return (obj_t *)f->back;
    }
    return NULL;
}

void vm__frame_mark(vm_t *vm, obj_t *o)
{
    frame_t *f = (frame_t *)o;
    gc_mark(vm, (obj_t *)f->code);
    gc_mark(vm, (obj_t *)f->func);
    gc_mark(vm, (obj_t *)f->globals);
    gc_mark(vm, (obj_t *)f->locals);
    gc_mark(vm, f->retval);
    gc_mark(vm, f->gen);
    int n = f->code->nlocals + f->code->ncells;
    for (int i = 0; i < n; i++) {
        gc_mark(vm, f->localsplus[i]);
    }
    for (obj_t **p = f->localsplus + n; p < f->top; p++) {
        gc_mark(vm, *p);
    }
}

frame_t *frame_new(vm_t *vm, code_t *code, dict_t *globals, dict_t *locals,
                   func_t *func)
{
    frame_t *f = code->spare;
    if (f) {
        // Zero as frame_free left it; its mark bit is the collector's
        // (set: its slab is not swept yet and it must stay).
        code->spare = NULL;
    } else {
        size_t nslots = (size_t)code->nlocals + (size_t)code->ncells +
                        (size_t)code->stacksize;
        size_t size = sizeof(frame_t) + nslots * sizeof(obj_t *) +
                      (size_t)code->nblocks * sizeof(block_t);
        // The value stack and the block stack are read only below sp and
        // nblocks: only the header, locals and cells need zeroing.
        size_t zero = sizeof(frame_t) + ((size_t)code->nlocals +
                                         (size_t)code->ncells) *
                                            sizeof(obj_t *);
        f = (frame_t *)gc_alloc_part(vm, vm->t_frame, size, zero);
    }
    f->code = code;
    f->func = func;
    f->globals = globals;
    f->locals = locals;
    f->top = frame_stack(f);
    f->line = code->firstline;
    return f;
}

/* The source line of instruction [i] of [co] (the line table, then
 * the remapping of lines the compiler moved). */
static int code_line(code_t *co, uint32_t i)
{
    if (i >= co->nops) {
        i = (uint32_t)co->nops - 1;
    }
    int line = co->lines[i];
    for (int k = 0; k < co->nlinemap; k++) {
        if (co->linemap[2 * k] == line) {
            return co->linemap[2 * k + 1];
        }
    }
    return line;
}

int frame_line_running(frame_t *f)
{
    return code_line(f->code, f->ip);
}

int frame_line(frame_t *f)
{
    code_t *co = f->code;
    if (f->ip == 0) {
        return co->firstline;
    }
    // A suspended frame sits at its YIELD_FROM (ip) or just after its
    // YIELD_VALUE (ip - 1): report the line of that instruction.
    uint32_t i = f->ip;
    if (f->state != FRAME_SUSPENDED || i >= co->nops ||
        (co->ops[i] & 0xff) != OP_YIELD_FROM) {
        i = f->ip - 1;
    }
    return code_line(co, i);
}

/* ==== Argument binding ================================================ */

static void missing_args(vm_t *vm, func_t *fn, const char *kind,
                         const char **names, int n)
{
    char list[512] = "";
    for (int i = 0; i < n; i++) {
        char item[128];
        snprintf(item, sizeof item, "'%s'", names[i]);
        strncat(list, item, sizeof list - strlen(list) - 1);
        if (n == 2 && i == 0) {
            strncat(list, " and ", sizeof list - strlen(list) - 1);
        } else if (n > 2 && i < n - 2) {
            strncat(list, ", ", sizeof list - strlen(list) - 1);
        } else if (n > 2 && i == n - 2) {
            strncat(list, ", and ", sizeof list - strlen(list) - 1);
        }
    }
    vm_raise(vm, EXC_TypeError, "%s() missing %d required %s argument%s: %s",
             fn->qualname->s, n, kind, n == 1 ? "" : "s", list);
}

/* Raises CPython's error for positional-only parameters passed by
 * keyword (positional_only_passed_as_keyword), naming every one of them;
 * returns whether it raised. */
static bool posonly_as_keyword(vm_t *vm, func_t *fn, tuple_t *kwnames)
{
    code_t *co = fn->code;
    char list[512] = "";
    int n = 0;
    for (int i = 0; i < co->posonly; i++) {
        str_t *vn = (str_t *)co->varnames->items[i];
        for (size_t k = 0; k < kwnames->n; k++) {
            if (str_eq(vn, (str_t *)kwnames->items[k])) {
                if (n++ > 0) {
                    strncat(list, ", ", sizeof list - strlen(list) - 1);
                }
                strncat(list, vn->s, sizeof list - strlen(list) - 1);
                break;
            }
        }
    }
    if (n == 0) {
        return false;
    }
    vm_raise(vm, EXC_TypeError,
             "%s() got some positional-only arguments passed as keyword "
             "arguments: '%s'", fn->qualname->s, list);
    return true;
}

/* Binds arguments into the new frame's fast locals (mirrors
 * _PyEval_MakeFrameVector's positional/keyword/default handling). */
static int bind_args(vm_t *vm, func_t *fn, frame_t *f, int argc,
                     obj_t **argv, tuple_t *kwnames)
{
    code_t *co = fn->code;
    obj_t **locals = f->localsplus;
    int nargs = co->argcount;
    int nkwonly = co->kwonly;
    int total = nargs + nkwonly;
    int nkw = kwnames ? (int)kwnames->n : 0;
    int star = (co->flags & CO_VARARGS) ? total : -1;
    int dstar = (co->flags & CO_VARKEYWORDS) ? total + (star >= 0) : -1;
    dict_t *kwdict = NULL;
    if (dstar >= 0) {
        kwdict = dict_new(vm);
        locals[dstar] = (obj_t *)kwdict;
    }
    int n = argc < nargs ? argc : nargs;
    for (int i = 0; i < n; i++) {
        locals[i] = argv[i];
    }
    if (star >= 0) {
        int extra = argc > nargs ? argc - nargs : 0;
        tuple_t *t = tuple_new(vm, (size_t)extra);
        for (int i = 0; i < extra; i++) {
            t->items[i] = argv[nargs + i];
        }
        locals[star] = (obj_t *)t;
    } else if (argc > nargs) {
        int ndef = fn->defaults ? (int)fn->defaults->n : 0;
        int kwonly_given = 0;
        for (int k = 0; k < nkw; k++) {
            str_t *name = (str_t *)kwnames->items[k];
            for (int j = nargs; j < total; j++) {
                if (str_eq(name, (str_t *)co->varnames->items[j])) {
                    kwonly_given++;
                }
            }
        }
        char takes[64];
        if (ndef > 0) {
            snprintf(takes, sizeof takes, "from %d to %d", nargs - ndef,
                     nargs);
        } else {
            snprintf(takes, sizeof takes, "%d", nargs);
        }
        if (kwonly_given) {
            vm_raise(vm, EXC_TypeError,
                     "%s() takes %s positional argument%s but %d positional "
                     "argument%s (and %d keyword-only argument%s) were given",
                     fn->qualname->s, takes, nargs == 1 && !ndef ? "" : "s",
                     argc, argc == 1 ? "" : "s", kwonly_given,
                     kwonly_given == 1 ? "" : "s");
        } else {
            vm_raise(vm, EXC_TypeError,
                     "%s() takes %s positional argument%s but %d %s given",
                     fn->qualname->s, takes,
                     (nargs == 1 && !ndef) ? "" : "s", argc,
                     argc == 1 ? "was" : "were");
        }
        return -1;
    }
    for (int k = 0; k < nkw; k++) {
        str_t *name = (str_t *)kwnames->items[k];
        obj_t *v = argv[argc + k];
        int j;
        for (j = co->posonly; j < total; j++) {
            str_t *vn = (str_t *)co->varnames->items[j];
            if (vn == name || str_eq(vn, name)) {
                break;
            }
        }
        if (j == total) {
            if (kwdict) {
                dict_set(vm, kwdict, (obj_t *)name, v);
                continue;
            }
            if (posonly_as_keyword(vm, fn, kwnames)) {
                return -1;
            }
            vm_raise(vm, EXC_TypeError,
                     "%s() got an unexpected keyword argument '%s'",
                     fn->qualname->s, name->s);
            return -1;
        }
        if (locals[j]) {
            vm_raise(vm, EXC_TypeError,
                     "%s() got multiple values for argument '%s'",
                     fn->qualname->s, name->s);
            return -1;
        }
        locals[j] = v;
    }
    // Defaults for missing positionals, then the missing-argument error.
    int ndef = fn->defaults ? (int)fn->defaults->n : 0;
    const char *miss[64];
    int nmiss = 0;
    for (int i = 0; i < nargs; i++) {
        if (locals[i]) {
            continue;
        }
        int d = i - (nargs - ndef);
        if (d >= 0) {
            locals[i] = fn->defaults->items[d];
        } else if (nmiss < 64) {
            miss[nmiss++] = ((str_t *)co->varnames->items[i])->s;
        }
    }
    if (nmiss) {
        missing_args(vm, fn, "positional", miss, nmiss);
        return -1;
    }
    for (int i = nargs; i < total; i++) {
        if (locals[i]) {
            continue;
        }
        obj_t *d = fn->kwdefaults ? dict_get(vm, fn->kwdefaults,
                                             co->varnames->items[i])
                                  : NULL;
        if (d) {
            locals[i] = d;
        } else if (nmiss < 64) {
            miss[nmiss++] = ((str_t *)co->varnames->items[i])->s;
        }
    }
    if (nmiss) {
        missing_args(vm, fn, "keyword-only", miss, nmiss);
        return -1;
    }
    return 0;
}

static void init_cells(vm_t *vm, frame_t *f, func_t *fn)
{
    code_t *co = f->code;
    obj_t **cells = f->localsplus + co->nlocals;
    int ncell = (int)co->cellvars->n;
    for (int i = 0; i < ncell; i++) {
        int a = co->cell2arg[i];
        obj_t *v = a >= 0 ? f->localsplus[a] : NULL;
        cells[i] = cell_new(vm, v);
    }
    size_t nfree = co->freevars->n;
    if (fn && fn->closure) {
        // A closure's cells, copied at every call (call_soon.py's
        // callback has five): one copy, not a test per cell.
        memcpy(cells + ncell, fn->closure->items, nfree * sizeof(obj_t *));
        return;
    }
    for (size_t i = 0; i < nfree; i++) {
        cells[ncell + i] = cell_new(vm, NULL);
    }
}

void frame_free(vm_t *vm, frame_t *f)
{
#ifndef CODE_NO_SPARES
    code_t *co = f->code;
    if (!co->spare && !vm->gc_nopool && !vm->gc_finalizing) {
        int n = co->nlocals + co->ncells;
        for (int i = 0; i < n; i++) {
            f->localsplus[i] = NULL;
        }
        f->hdr.flags = 0;
        f->back = NULL;
        f->func = NULL;
        f->globals = f->locals = NULL;
        f->retval = f->gen = NULL;
        f->top = f->localsplus + n;
        f->ip = 0;
        f->nblocks = 0;
        f->state = FRAME_CREATED;
        f->line = 0;
        co->spare = f;
        return;
    }
#endif
    gc_release(vm, (obj_t *)f);
}

void frame_release_loose(vm_t *vm, frame_t *f, obj_t *r, int argc,
                         obj_t **argv, tuple_t *kwnames)
{
    bool escaped = f->hdr.flags & FRAME_ESCAPED;
    obj_t *lost = !escaped && !(f->code->flags & CO_LIBRARY)
                      ? gen_loose_in(vm, f) : NULL;
    if (!escaped) {
        frame_free(vm, f);
    }
    int nargs = argc + (kwnames ? (int)kwnames->n : 0);
    for (int i = 0; lost && i < nargs; i++) {
        if (argv[i] == lost) {
            lost = NULL;
        }
    }
    if (lost && lost != r) {
        vm_drop_collect(vm, r);
    }
}

obj_t *func_call(vm_t *vm, func_t *fn, int argc, obj_t **argv,
                 tuple_t *kwnames)
{
    code_t *co = fn->code;
    frame_t *f = frame_new(vm, co, fn->globals, NULL, fn);
    // The frame is not yet on the frame chain: pin it while binding
    // (binding may allocate but never runs a collection). Positional
    // arguments alone, the commonest call, are just copied, and the
    // defaults of the parameters they leave out after them (sleep(0)).
    int nargs = co->argcount;
    int ndef = fn->defaults ? (int)fn->defaults->n : 0;
    if ((!kwnames || !kwnames->n) && argc <= nargs && argc >= nargs - ndef &&
        !co->kwonly && !(co->flags & (CO_VARARGS | CO_VARKEYWORDS))) {
        // A word at a time: most calls pass a few arguments, for which
        // a call of memcpy cost more than the copy (queue_pc.py: 1.7
        // million calls). The empty asm keeps the loop a loop.
        for (int i = 0; i < argc; i++) {
            f->localsplus[i] = argv[i];
            __asm__("" ::: "memory");
        }
        for (int i = argc; i < nargs; i++) {
            f->localsplus[i] = fn->defaults->items[i - (nargs - ndef)];
        }
    } else if (bind_args(vm, fn, f, argc, argv, kwnames) < 0) {
        return NULL;
    }
    if (f->code->ncells) {
        init_cells(vm, f, fn);
    }
    if (co->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNCGEN)) {
        obj_t *g = gen_new(vm, f, fn);
        vm->fresh_gen = g;
        return g;
    }
    // The C stack may end before the recursion limit does (each call
    // recurses in C through vm_eval): that is a RecursionError too.
    if (vm->depth >= vm->recursion_limit || cstack_low(vm->stack_floor)) {
        return vm_raise(vm, EXC_RecursionError,
                        "maximum recursion depth exceeded");
    }
    // A call from native code is a step too (--max-steps): a loop run by
    // C, such as list() over an endless iterator's __next__, has no
    // backward jump to count. Native code calls through vm_call, which
    // raises nogc; the event loop's callbacks (vm_call_clean) count as
    // its iterations instead, so that a runaway of callbacks still stops
    // the loop rather than one callback.
    if (vm->max_steps && vm->nogc && ++vm->steps > vm->max_steps) {
        return vm_steps_exhausted(vm);
    }
    bool y;
    vm->depth++;
    // The caller's coroutine is not fresh to the callee's calls.
    vm->fresh_gen = NULL;
    obj_t *r = vm_eval(vm, f, NULL, false, &y);
    vm->depth--;
    // What the callee's own calls made is not fresh to our caller (the
    // callee may have kept it).
    vm->fresh_gen = NULL;
    frame_release(vm, f, r, argc, argv, kwnames);
    return r;
}

/* ==== Calls ============================================================ */

bool vm_callable(obj_t *o)
{
    return TYPE(o)->call != NULL;
}

obj_t *vm_call_clean(vm_t *vm, obj_t *callable, int argc, obj_t **argv,
                     tuple_t *kwnames)
{
    type_t *t = TYPE(callable);
    if (t == vm->t_func) {
        return func_call(vm, (func_t *)callable, argc, argv, kwnames);
    }
    if (t->call) {
        return t->call(vm, callable, argc, argv, kwnames);
    }
    return vm_raise(vm, EXC_TypeError, "'%s' object is not callable",
                    t->name->s);
}

obj_t *vm_call(vm_t *vm, obj_t *callable, int argc, obj_t **argv,
               tuple_t *kwnames)
{
    // Natives calling back into callables (map, sorted's key, __eq__
    // through containers...) recurse in C with no Python frame between.
    if (cstack_low(vm->stack_floor)) {
        return vm_raise(vm, EXC_RecursionError,
                        "maximum recursion depth exceeded while calling a "
                        "Python object");
    }
    vm->nogc++;
    obj_t *r = vm_call_clean(vm, callable, argc, argv, kwnames);
    vm->nogc--;
    return r;
}

obj_t *vm_call0(vm_t *vm, obj_t *callable)
{
    return vm_call(vm, callable, 0, NULL, NULL);
}

obj_t *vm_call1(vm_t *vm, obj_t *callable, obj_t *a)
{
    return vm_call(vm, callable, 1, &a, NULL);
}

obj_t *vm_call2(vm_t *vm, obj_t *callable, obj_t *a, obj_t *b)
{
    obj_t *args[2] = {a, b};
    return vm_call(vm, callable, 2, args, NULL);
}

obj_t *vm_call_method(vm_t *vm, obj_t *o, str_t *name, int argc,
                      obj_t **argv)
{
    obj_t *m = obj_getattr(vm, o, name);
    if (!m) {
        return NULL;
    }
    return vm_call(vm, m, argc, argv, NULL);
}

int vm_parse_args(vm_t *vm, const char *fname, int argc, obj_t **argv,
                  tuple_t *kwnames, int minreq, int maxpos,
                  const char *const *names, int nnames, obj_t **out)
{
    for (int i = 0; i < nnames; i++) {
        out[i] = NULL;
    }
    if (argc > maxpos) {
        if (maxpos == 0) {
            vm_raise(vm, EXC_TypeError, "%s() takes no positional arguments",
                     fname);
        } else if (minreq == maxpos) {
            vm_raise(vm, EXC_TypeError,
                     maxpos == 1 ? "%s() takes exactly one argument (%d given)"
                                 : "%s() takes exactly %d arguments (%d given)",
                     fname, maxpos == 1 ? argc : maxpos, argc);
        } else {
            vm_raise(vm, EXC_TypeError,
                     "%s() takes at most %d argument%s (%d given)", fname,
                     maxpos, maxpos == 1 ? "" : "s", argc);
        }
        return -1;
    }
    for (int i = 0; i < argc; i++) {
        out[i] = argv[i];
    }
    int nkw = kwnames ? (int)kwnames->n : 0;
    for (int k = 0; k < nkw; k++) {
        str_t *kn = (str_t *)kwnames->items[k];
        int j;
        for (j = 0; j < nnames; j++) {
            if (strcmp(kn->s, names[j]) == 0) {
                break;
            }
        }
        if (j == nnames) {
            vm_raise(vm, EXC_TypeError,
                     "%s() got an unexpected keyword argument '%s'", fname,
                     kn->s);
            return -1;
        }
        if (out[j]) {
            vm_raise(vm, EXC_TypeError,
                     "argument for %s() given by name ('%s') and position "
                     "(%d)", fname, kn->s, j + 1);
            return -1;
        }
        out[j] = argv[argc + k];
    }
    for (int i = 0; i < minreq; i++) {
        if (!out[i]) {
            if (i < maxpos && nkw == 0) {
                vm_raise(vm, EXC_TypeError,
                         minreq == maxpos && minreq == 1
                             ? "%s() takes exactly one argument (%d given)"
                             : "%s() missing required argument '%s' (pos %d)",
                         fname, minreq == maxpos && minreq == 1
                                    ? (const char *)(intptr_t)argc
                                    : names[i], i + 1);
                if (minreq == maxpos && minreq == 1) {
                    vm->exc = NULL;
                    vm_raise(vm, EXC_TypeError,
                             "%s() takes exactly one argument (%d given)",
                             fname, argc);
                }
            } else {
                vm_raise(vm, EXC_TypeError,
                         "%s() missing required argument '%s' (pos %d)",
                         fname, names[i], i + 1);
            }
            return -1;
        }
    }
    return 0;
}

/* ==== __build_class__ ================================================= */

static obj_t *build_class(vm_t *vm, int argc, obj_t **argv, tuple_t *kwnames)
{
    if (argc < 2 || TYPE(argv[0]) != vm->t_func) {
        return vm_raise(vm, EXC_TypeError, "__build_class__: func must be a "
                                           "function");
    }
    func_t *body = (func_t *)argv[0];
    str_t *name = (str_t *)argv[1];
    tuple_t *bases = tuple_new(vm, (size_t)argc - 2);
    for (int i = 2; i < argc; i++) {
        bases->items[i - 2] = argv[i];
    }
    obj_t *meta = NULL;
    int nkw = kwnames ? (int)kwnames->n : 0;
    for (int k = 0; k < nkw; k++) {
        if (strcmp(((str_t *)kwnames->items[k])->s, "metaclass") == 0) {
            meta = argv[argc + k];
        }
    }
    dict_t *ns = dict_new(vm);
    // The class body runs in a clean call (the collector may run), so
    // what this function holds must be pinned.
    vm_pin(vm, (obj_t *)((obj_t *)bases));
    vm_pin(vm, (obj_t *)((obj_t *)ns));
    frame_t *f = frame_new(vm, body->code, body->globals, ns, body);
    if (f->code->ncells) {
        init_cells(vm, f, body);
    }
    bool y;
    vm->depth++;
    obj_t *r = vm_eval(vm, f, NULL, false, &y);
    vm->depth--;
    vm->nextra -= 2;
    if (!r) {
        return NULL;
    }
    // No metaclass= given: the most derived class of the bases' classes
    // (_PyType_CalculateMetaclass), so that a class on an Enum is made
    // by the Enum's metaclass.
    if (!meta || obj_isinstance_t(meta, vm->t_type)) {
        type_t *winner = type__calc_meta(
            vm, meta ? (type_t *)meta : vm->t_type, bases);
        if (!winner) {
            return NULL;
        }
        meta = (obj_t *)winner;
    }
    obj_t *cls;
    if (meta && meta != (obj_t *)vm->t_type) {
        obj_t *args[3] = {(obj_t *)name, (obj_t *)bases, (obj_t *)ns};
        cls = vm_call(vm, meta, 3, args, NULL);
    } else {
        cls = type_create(vm, name, bases, ns);
    }
    if (!cls) {
        return NULL;
    }
    obj_t *cell = dict_get_cstr(vm, ns, "__classcell__");
    if (cell && TYPE(cell) == vm->t_cell) {
        ((cell_t *)cell)->v = cls;
        dict_del(vm, ((type_t *)cls)->dict,
                 (obj_t *)str_intern(vm, "__classcell__"));
    }
    // __set_name__ on descriptors, then the parent's __init_subclass__.
    if (obj_isinstance_t(cls, vm->t_type)) {
        type_t *t = (type_t *)cls;
        size_t pos = 0;
        obj_t *k, *v;
        while (dict_next(t->dict, &pos, &k, &v)) {
            if (!(TYPE(v)->flags & TF_BUILTIN)) {
                obj_t *sn = type_lookup(vm, TYPE(v), vm->s.__set_name__);
                if (sn) {
                    obj_t *args[3] = {v, cls, k};
                    if (!vm_call(vm, sn, 3, args, NULL)) {
                        return NULL;
                    }
                }
            }
        }
        if (t->bases->n > 0) {
            // super(cls, cls).__init_subclass__: the MRO past cls, so
            // that class X(str, Enum) gets Enum's, not object's.
            obj_t *is = NULL;
            for (size_t m = 1; !is && m < t->mro->n; m++) {
                is = dict_get_str(vm, ((type_t *)t->mro->items[m])->dict,
                                  vm->s.__init_subclass__);
            }
            if (is && TYPE(is) == vm->t_func) {
                int nkw2 = 0;
                for (int k2 = 0; k2 < nkw; k2++) {
                    if (strcmp(((str_t *)kwnames->items[k2])->s,
                               "metaclass") != 0) {
                        nkw2++;
                    }
                }
                obj_t **args = malloc(sizeof(obj_t *) * (size_t)(nkw2 + 1));
                tuple_t *kn = nkw2 ? tuple_new(vm, (size_t)nkw2) : NULL;
                args[0] = cls;
                int j = 0;
                for (int k2 = 0; k2 < nkw; k2++) {
                    if (strcmp(((str_t *)kwnames->items[k2])->s,
                               "metaclass") != 0) {
                        kn->items[j] = kwnames->items[k2];
                        args[1 + j++] = argv[argc + k2];
                    }
                }
                obj_t *res = vm_call(vm, is, 1, args, kn);
                free(args);
                if (!res) {
                    return NULL;
                }
            }
        }
    }
    return cls;
}

obj_t *vm_build_class(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kwnames)
{
    (void)self;
    return build_class(vm, argc, argv, kwnames);
}
