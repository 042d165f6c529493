/*
 * compile.c - AST to bytecode: the code pass (emission helpers, name
 * access, code units, statements) and the entry points. Expressions and
 * assignment targets are in compile_expr.c, the symbol pass that runs
 * first in symtable.c; the three share compile_int.h.
 *
 * Mirrors CPython 3.10's Python/compile.c, which used a run-time block
 * stack like ours. Two passes per module: the symbol pass builds one
 * scope per module, function, lambda, class and comprehension and
 * resolves every name to local / cell / free / global / name access; the
 * code pass then emits 32-bit instructions. Invariants of the code pass:
 *  - c->depth is an upper bound of the value stack depth at the point of
 *    emission (exactness is not needed: frames get max depth + slack);
 *  - the fblock stack mirrors what return/break/continue must undo (loop
 *    iterators on the stack, try blocks, handlers, with blocks), so those
 *    statements emit their unwinding inline, as CPython 3.9+ does.
 */
#include "code.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "compile_int.h"
#include "parse.h"

/* ==== Code emission ===================================================== */

void compile__cfail(compiler_t *c, node_t *n, const char *fmt, ...)
{
    if (!c->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err_msg, sizeof c->err_msg, fmt, ap);
        va_end(ap);
        c->err_line = n ? n->line : c->u->line;
        c->err_col = n ? n->col : 0;
        c->failed = true;
    }
}

void compile__depth_add(compiler_t *c, int d)
{
    c->u->depth += d;
    if (c->u->depth > c->u->maxdepth) {
        c->u->maxdepth = c->u->depth;
    }
    if (c->u->depth < 0) {
        c->u->depth = 0;
    }
}

int compile__emit(compiler_t *c, int op, int arg)
{
    unit_t *u = c->u;
    if (u->nops == u->capops) {
        u->capops = u->capops ? u->capops * 2 : 64;
        u->ops = realloc(u->ops, u->capops * sizeof(uint32_t));
        u->lines = realloc(u->lines, u->capops * sizeof(int32_t));
    }
    u->ops[u->nops] = (uint32_t)op | ((uint32_t)arg << 8);
    u->lines[u->nops] = u->line;
    return (int)u->nops++;
}

/* Emits and accounts for the stack effect [d]. */
int compile__emitd(compiler_t *c, int op, int arg, int d)
{
    int at = compile__emit(c, op, arg);
    compile__depth_add(c, d);
    return at;
}

int compile__here(compiler_t *c) { return (int)c->u->nops; }

static void patch(compiler_t *c, int at, int target)
{
    c->u->ops[at] = (c->u->ops[at] & 0xff) | ((uint32_t)target << 8);
}

void compile__patch_here(compiler_t *c, int at) { patch(c, at,
                                                        compile__here(c)); }

static int add_const(compiler_t *c, obj_t *o)
{
    unit_t *u = c->u;
    for (int i = 0; i < u->nconsts; i++) {
        obj_t *k = u->consts[i];
        if (k == o) {
            return i;
        }
        if (TYPE(k) == TYPE(o)) {
            if (TYPE(o) == c->vm->t_int && OBJ_INT(k) == OBJ_INT(o)) {
                return i;
            }
            if (TYPE(o) == c->vm->t_str &&
                str_eq((str_t *)k, (str_t *)o)) {
                return i;
            }
        }
    }
    if (u->nconsts == u->capconsts) {
        u->capconsts = u->capconsts ? u->capconsts * 2 : 8;
        u->consts = realloc(u->consts, (size_t)u->capconsts * sizeof(obj_t *));
    }
    u->consts[u->nconsts] = o;
    return u->nconsts++;
}

static int add_name_to(const char ***arr, int *n, int *cap, const char *s)
{
    for (int i = 0; i < *n; i++) {
        if (strcmp((*arr)[i], s) == 0) {
            return i;
        }
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *arr = realloc(*arr, (size_t)*cap * sizeof(char *));
    }
    (*arr)[*n] = s;
    return (*n)++;
}

/* co_names entries: attribute, global and imported names, mangled as
 * CPython's compiler_addop_name does. */
int compile__add_name(compiler_t *c, const char *s)
{
    s = symtable__mangle(c->u->scope, s);
    return add_name_to(&c->u->names, &c->u->nnames, &c->u->capnames, s);
}

static int add_varname(compiler_t *c, const char *s)
{
    return add_name_to(&c->u->varnames, &c->u->nvarnames,
                       &c->u->capvarnames, s);
}

void compile__load_const(compiler_t *c, obj_t *o)
{
    compile__emitd(c, OP_LOAD_CONST, add_const(c, o), 1);
}

void compile__load_none(compiler_t *c) { compile__load_const(c, c->vm->none); }

obj_t *compile__cstr(compiler_t *c, const char *s)
{
    return (obj_t *)str_intern(c->vm, s);
}

/* The docstring of a body: its first statement when that is a plain
 * string literal (_PyAST_GetDocString; f-strings do not count). */
static node_t *docstring_of(nlist_t *body)
{
    if (body->n == 0 || body->v[0]->kind != N_EXPR) {
        return NULL;
    }
    node_t *e = body->v[0]->a;
    return e->kind == N_CONSTANT && e->flags == C_STR ? e : NULL;
}

static obj_t *str_const(compiler_t *c, node_t *n)
{
    return (obj_t *)str_new(c->vm, n->s, n->slen);
}

/* ---- Name access ------------------------------------------------------ */

int compile__cell_index(unit_t *u, const char *name)
{
    for (int i = 0; i < u->ncellvars; i++) {
        if (strcmp(u->cellvars[i], name) == 0) {
            return i;
        }
    }
    for (int i = 0; i < u->nfreevars; i++) {
        if (strcmp(u->freevars[i], name) == 0) {
            return u->ncellvars + i;
        }
    }
    return -1;
}

void compile__name_op(compiler_t *c, const char *name, int acc)
{
    unit_t *u = c->u;
    scope_t *s = u->scope;
    name = symtable__mangle(s, name);
    sym_t *y = symtable__find(s, name);
    int flags = y ? y->flags : SYM_GLOBAL_IMPLICIT;
    static const int name_ops[3] = {OP_LOAD_NAME, OP_STORE_NAME,
                                    OP_DELETE_NAME};
    static const int fast_ops[3] = {OP_LOAD_FAST, OP_STORE_FAST,
                                    OP_DELETE_FAST};
    static const int deref_ops[3] = {OP_LOAD_DEREF, OP_STORE_DEREF,
                                     OP_DELETE_DEREF};
    static const int global_ops[3] = {OP_LOAD_GLOBAL, OP_STORE_GLOBAL,
                                      OP_DELETE_GLOBAL};
    int d = acc == ACC_LOAD ? 1 : acc == ACC_STORE ? -1 : 0;
    if (flags & SYM_GLOBAL) {
        compile__emitd(c, global_ops[acc], compile__add_name(c, name), d);
        return;
    }
    if (s->kind == SCOPE_MODULE) {
        compile__emitd(c, name_ops[acc], compile__add_name(c, name), d);
        return;
    }
    if (s->kind == SCOPE_CLASS) {
        if ((flags & SYM_FREE_CLASS) && acc == ACC_LOAD &&
            !(flags & SYM_BOUND)) {
            compile__emitd(c, OP_LOAD_CLASSDEREF, compile__cell_index(u, name),
                           d);
            compile__add_name(c, name);
            return;
        }
        compile__emitd(c, name_ops[acc], compile__add_name(c, name), d);
        return;
    }
    if (flags & (SYM_CELL | SYM_FREE)) {
        compile__emitd(c, deref_ops[acc], compile__cell_index(u, name), d);
        return;
    }
    if ((flags & SYM_BOUND) && !(flags & SYM_NONLOCAL)) {
        compile__emitd(c, fast_ops[acc], add_varname(c, name), d);
        return;
    }
    compile__emitd(c, global_ops[acc], compile__add_name(c, name), d);
}

/* ---- Units -------------------------------------------------------------- */

void compile__unit_push(compiler_t *c, scope_t *s)
{
    unit_t *u = calloc(1, sizeof *u);
    u->scope = s;
    u->prev = c->u;
    u->line = c->u ? c->u->line : 1;
    c->u = u;
    for (int i = 0; i < s->nparams; i++) {
        add_varname(c, s->params[i]);
    }
    // Cells: locals captured by inner scopes, sorted as declared.
    int cap = s->nsyms + 1;
    u->cellvars = calloc((size_t)cap, sizeof(char *));
    u->freevars = calloc((size_t)cap, sizeof(char *));
    if (s->kind == SCOPE_CLASS && s->needs_class_cell) {
        u->cellvars[u->ncellvars++] = "__class__";
    }
    for (int i = 0; i < s->nsyms; i++) {
        if (s->syms[i].flags & SYM_CELL) {
            u->cellvars[u->ncellvars++] = s->syms[i].name;
        }
    }
    for (int i = 0; i < s->nsyms; i++) {
        int f = s->syms[i].flags;
        if ((f & (SYM_FREE | SYM_FREE_CLASS)) && !(f & SYM_CELL)) {
            u->freevars[u->nfreevars++] = s->syms[i].name;
        }
    }
    if (s->kind == SCOPE_FUNCTION) {
        // A function's first constant is its docstring or None: that is
        // where MAKE_FUNCTION finds __doc__ (lambdas and comprehensions
        // never have one).
        node_t *doc = s->node->kind == N_FUNCDEF ? docstring_of(&s->node->l1)
                                                 : NULL;
        add_const(c, doc ? str_const(c, doc) : c->vm->none);
    }
}

static tuple_t *names_tuple(compiler_t *c, const char **v, int n)
{
    tuple_t *t = tuple_new(c->vm, (size_t)n);
    for (int i = 0; i < n; i++) {
        t->items[i] = compile__cstr(c, v[i]);
    }
    return t;
}

code_t *compile__unit_finish(compiler_t *c, const char *name, int flags,
                             int argcount, int posonly, int kwonly,
                             int firstline)
{
    vm_t *vm = c->vm;
    unit_t *u = c->u;
    code_t *co = (code_t *)gc_alloc(vm, vm->t_code, sizeof(code_t));
    co->ops = gc_malloc(vm, u->nops * sizeof(uint32_t) + 1);
    co->lines = gc_malloc(vm, u->nops * sizeof(int32_t) + 1);
    memcpy(co->ops, u->ops, u->nops * sizeof(uint32_t));
    memcpy(co->lines, u->lines, u->nops * sizeof(int32_t));
    co->nops = u->nops;
    co->consts = tuple_new(vm, (size_t)u->nconsts);
    for (int i = 0; i < u->nconsts; i++) {
        co->consts->items[i] = u->consts[i];
    }
    co->names = names_tuple(c, u->names, u->nnames);
    co->varnames = names_tuple(c, u->varnames, u->nvarnames);
    co->cellvars = names_tuple(c, u->cellvars, u->ncellvars);
    co->freevars = names_tuple(c, u->freevars, u->nfreevars);
    co->ncells = u->ncellvars + u->nfreevars;
    co->cell2arg = gc_malloc(vm, sizeof(int) * ((size_t)u->ncellvars + 1));
    co->ncell2arg = u->ncellvars;
    for (int i = 0; i < u->ncellvars; i++) {
        co->cell2arg[i] = -1;
        for (int k = 0; k < u->scope->nparams; k++) {
            if (strcmp(u->cellvars[i], u->scope->params[k]) == 0) {
                co->cell2arg[i] = k;
            }
        }
    }
    co->argcount = argcount;
    co->posonly = posonly;
    co->kwonly = kwonly;
    co->nlocals = u->nvarnames;
    // The depth count is exact (checked at every instruction in the
    // sanitizer build, vm.c); two spare slots are a cheap guard.
    co->stacksize = u->maxdepth + 2;
    // Exact (compile__note_blocks); SETUP_* checks it at run time.
    co->nblocks = u->maxblocks;
    co->flags = flags;
    co->firstline = firstline;
    co->name = str_intern(vm, name);
    co->qualname = str_cstr(vm, u->scope->qualname ? u->scope->qualname
                                                   : name);
    co->filename = str_intern(vm, c->filename);
    unit_t *prev = u->prev;
    free(u->ops);
    free(u->lines);
    free(u->consts);
    free(u->names);
    free(u->varnames);
    free(u->cellvars);
    free(u->freevars);
    free(u);
    c->u = prev;
    return co;
}

/* ==== Statements ====================================================== */

/* The line CPython 3.11 gives the instructions that end a handler (its
 * POP_EXCEPT and "e = None; del e"): they have none of their own and take
 * the line of the instruction before them when only one way leads there
 * (propagate_line_numbers). After a simple statement that is its line;
 * after a for loop, its header's (FOR_ITER's exit jumps there); after an
 * if, a while, a try or a with, two ways lead there and the line stays
 * -1 (a warning raised there reads "file:-1:"). Where the never-awaited
 * warning of a coroutine the handled exception held shows. Not modelled:
 * when the handler ends its function, CPython copies that exit block for
 * each way into it (duplicate_exits_without_lineno), which then takes the
 * line of the way taken (a break, an else's last statement). */
static int handler_end_line(nlist_t *body)
{
    if (body->n == 0) {
        return -1;
    }
    node_t *s = body->v[body->n - 1];
    switch (s->kind) {
    case N_IF: case N_WHILE: case N_TRY: case N_WITH:
        return -1;
    default:
        return s->line;
    }
}

/* The frame's block stack holds, at any point, a block for each open
 * try (its SETUP_FINALLY's), with and async with (SETUP_WITH's), async
 * for while it awaits __anext__, and for each handler being run (the
 * EXCEPT_HANDLER block that replaces its try's): the fblocks of those
 * kinds. Loops and a finally body left normally hold none. A frame
 * takes room for the most there can be (code's nblocks): a pending
 * task's two frames took 48 bytes for blocks they never had when this
 * was the fblock depth plus two. */
void compile__note_blocks(compiler_t *c, int extra)
{
    unit_t *u = c->u;
    int n = u->xblocks + extra;
    for (int i = 0; i < u->nfb; i++) {
        n += u->fb[i].block;
    }
    if (n > u->maxblocks) {
        u->maxblocks = n;
    }
}

static fblock_t *fb_push(compiler_t *c, int kind)
{
    if (c->u->nfb == 64) {
        compile__cfail(c, NULL, "too many statically nested blocks");
        return &c->u->fb[63];
    }
    fblock_t *f = &c->u->fb[c->u->nfb++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->block = kind != FB_WHILE && kind != FB_FOR &&
               kind != FB_FINALLY_NORMAL;
    compile__note_blocks(c, 0);
    return f;
}

static void fb_pop(compiler_t *c)
{
    fblock_t *f = &c->u->fb[--c->u->nfb];
    free(f->breaks);
    f->breaks = NULL;
}

static void add_break(fblock_t *f, int at)
{
    if (f->nbreaks == f->capbreaks) {
        f->capbreaks = f->capbreaks ? f->capbreaks * 2 : 4;
        f->breaks = realloc(f->breaks, (size_t)f->capbreaks * sizeof(int));
    }
    f->breaks[f->nbreaks++] = at;
}

/* Emits what leaving fblock [f] early requires. [keep_loop] is set for
 * continue, which stays inside the loop. */
static void unwind_one(compiler_t *c, fblock_t *f, bool keep_loop)
{
    switch (f->kind) {
    case FB_WHILE:
        break;
    case FB_FOR:
        if (!keep_loop) {
            compile__emitd(c, OP_POP_ITER, 0, -1);
        }
        break;
    case FB_TRY_EXCEPT:
        compile__emit(c, OP_POP_BLOCK, 0);
        break;
    case FB_TRY_FINALLY: {
        compile__emit(c, OP_POP_BLOCK, 0);
        // Run the finally body inline, outside this fblock: its own
        // fblocks go from this one's slot up, over entries that are
        // still open (the statement being compiled sits in them; the
        // callers lowered nfb only for the unwinding), so all of them
        // are kept and put back. Keeping this slot alone let a loop in
        // the finally body overwrite the fblock above it: a return
        // then popped an iterator that was not there, a break or
        // continue jumped into the other loop.
        unit_t *u = c->u;
        int idx = (int)(f - u->fb);
        int savednfb = u->nfb;
        size_t nkeep = (size_t)(64 - idx);
        fblock_t *keep = malloc(nkeep * sizeof *keep);
        if (!keep) {
            compile__cfail(c, NULL, "out of memory");
            break;
        }
        memcpy(keep, &u->fb[idx], nkeep * sizeof *keep);
        u->nfb = idx;
        fb_push(c, FB_FINALLY_NORMAL);
        compile__stmts(c, keep[0].finalbody);
        memcpy(&u->fb[idx], keep, nkeep * sizeof *keep);
        u->nfb = savednfb;
        free(keep);
        break;
    }
    case FB_FINALLY_NORMAL:
        break;
    case FB_HANDLER:
        // Leaving a handler by return, break or continue ends it as its
        // last statement does: "e = None; del e" too (compiler_unwind_
        // fblock's HANDLER_CLEANUP), at that statement's line.
        compile__emit(c, OP_POP_EXCEPT, f->name != NULL);
        if (f->name) {
            compile__load_none(c);
            compile__name_op(c, f->name, ACC_STORE);
            compile__name_op(c, f->name, ACC_DEL);
        }
        break;
    case FB_FINALLY_EXC:
        compile__emitd(c, OP_POP_TOP, 0, -1);
        compile__emit(c, OP_POP_EXCEPT, 0);
        break;
    case FB_WITH: case FB_ASYNC_WITH:
        compile__emit(c, OP_POP_BLOCK, 0);
        compile__emitd(c, OP_WITH_EXIT, f->kind == FB_ASYNC_WITH, 0);
        if (f->kind == FB_ASYNC_WITH) {
            compile__emit(c, OP_GET_AWAITABLE, 0);
            compile__load_none(c);
            compile__emitd(c, OP_YIELD_FROM, 0, -1);
        }
        compile__emitd(c, OP_POP_TOP, 0, -1);
        break;
    }
}

static void compile_return(compiler_t *c, node_t *n)
{
    // The code after a return is reached only by other paths, at the
    // depth before it: the unwinding below must not lower the count.
    int saved_depth = c->u->depth;
    if (n->a) {
        compile__expr(c, n->a);
    } else {
        compile__load_none(c);
    }
    compile__set_line(c, n);
    bool unwind = false;
    for (int i = c->u->nfb - 1; i >= 0; i--) {
        if (c->u->fb[i].kind != FB_WHILE) {
            unwind = true;
        }
    }
    if (!unwind) {
        compile__emitd(c, OP_RETURN_VALUE, 0, -1);
        return;
    }
    compile__emitd(c, OP_STORE_RETVAL, 0, -1);
    for (int i = c->u->nfb - 1; i >= 0; i--) {
        fblock_t *f = &c->u->fb[i];
        int n_before = c->u->nfb;
        c->u->nfb = i + 1;
        unwind_one(c, f, false);
        c->u->nfb = n_before;
    }
    compile__set_line(c, n);
    compile__emit(c, OP_RETURN_RETVAL, 0);
    c->u->depth = saved_depth;
}

static void compile_loop_exit(compiler_t *c, node_t *n, bool is_break)
{
    int i = c->u->nfb - 1;
    for (; i >= 0; i--) {
        int k = c->u->fb[i].kind;
        if (k == FB_WHILE || k == FB_FOR) {
            break;
        }
    }
    if (i < 0) {
        compile__cfail(c, n, is_break ? "'break' outside loop"
                             : "'continue' not properly in loop");
        return;
    }
    int saved = c->u->nfb;
    int saved_depth = c->u->depth;
    for (int k = c->u->nfb - 1; k > i; k--) {
        c->u->nfb = k + 1;
        unwind_one(c, &c->u->fb[k], false);
    }
    c->u->nfb = saved;
    fblock_t *loop = &c->u->fb[i];
    if (is_break) {
        if (loop->kind == FB_FOR) {
            compile__emitd(c, OP_POP_ITER, 0, -1);
        }
        add_break(loop, compile__emit(c, OP_JUMP, 0));
    } else {
        compile__emit(c, OP_JUMP, loop->start);
    }
    c->u->depth = saved_depth;
}

static void compile_if(compiler_t *c, node_t *n)
{
    compile__expr(c, n->a);
    int jf = compile__emitd(c, OP_POP_JUMP_IF_FALSE, 0, -1);
    compile__stmts(c, &n->l1);
    if (n->l2.n) {
        int je = compile__emit(c, OP_JUMP, 0);
        compile__patch_here(c, jf);
        compile__stmts(c, &n->l2);
        compile__patch_here(c, je);
    } else {
        compile__patch_here(c, jf);
    }
}

static void compile_while(compiler_t *c, node_t *n)
{
    int start = compile__here(c);
    compile__expr(c, n->a);
    int jf = compile__emitd(c, OP_POP_JUMP_IF_FALSE, 0, -1);
    fblock_t *f = fb_push(c, FB_WHILE);
    f->start = start;
    compile__stmts(c, &n->l1);
    compile__emit(c, OP_JUMP, start);
    compile__patch_here(c, jf);
    f = &c->u->fb[c->u->nfb - 1];
    int nb = f->nbreaks;
    int *brks = f->breaks;
    f->breaks = NULL;
    fb_pop(c);
    compile__stmts(c, &n->l2);
    for (int i = 0; i < nb; i++) {
        compile__patch_here(c, brks[i]);
    }
    free(brks);
}

static void compile_for(compiler_t *c, node_t *n)
{
    bool async = n->flags != 0;
    if (async) {
        compile__check_await(c, n, "async for");
    }
    compile__expr(c, n->b);
    compile__set_line(c, n);
    compile__emit(c, async ? OP_GET_AITER : OP_GET_ITER, 0);
    int start = compile__here(c);
    fblock_t *f = fb_push(c, FB_FOR);
    f->start = start;
    int exit_jump;
    if (async) {
        // Its SETUP_FINALLY's block, then the handler's that replaces it
        // for END_ASYNC_FOR, while the fblock is open.
        f->block = true;
        compile__note_blocks(c, 0);
        // SETUP_FINALLY catches StopAsyncIteration from __anext__.
        exit_jump = compile__emit(c, OP_SETUP_FINALLY, 0);
        compile__emitd(c, OP_GET_ANEXT, 0, 1);
        compile__load_none(c);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
        compile__emit(c, OP_POP_BLOCK, 0);
    } else {
        exit_jump = compile__emitd(c, OP_FOR_ITER, 0, 1);
    }
    compile__store_target(c, n->a);
    compile__stmts(c, &n->l1);
    compile__set_line(c, n);
    compile__emit(c, OP_JUMP, start);
    compile__patch_here(c, exit_jump);
    if (async) {
        // [iter, prev, exc]: END_ASYNC_FOR pops all three if the exception
        // is StopAsyncIteration, else re-raises.
        compile__depth_add(c, 2);
        compile__emitd(c, OP_END_ASYNC_FOR, 0, -3);
    } else {
        compile__depth_add(c, -1);
    }
    f = &c->u->fb[c->u->nfb - 1];
    int nb = f->nbreaks;
    int *brks = f->breaks;
    f->breaks = NULL;
    fb_pop(c);
    compile__stmts(c, &n->l2);
    for (int i = 0; i < nb; i++) {
        compile__patch_here(c, brks[i]);
    }
    free(brks);
}

static void compile_try_except(compiler_t *c, node_t *n)
{
    int level = c->u->depth;
    int setup = compile__emit(c, OP_SETUP_FINALLY, 0);
    fb_push(c, FB_TRY_EXCEPT);
    compile__stmts(c, &n->l1);
    fb_pop(c);
    compile__emit(c, OP_POP_BLOCK, 0);
    compile__stmts(c, &n->l3);
    int *ends = calloc((size_t)n->l2.n + 2, sizeof(int));
    int nends = 0;
    ends[nends++] = compile__emit(c, OP_JUMP, 0);
    compile__patch_here(c, setup);
    // Handler entry: [prev_handled, exc] on top of the try's level, and
    // the handler's block (an except clause's FB_HANDLER stands for it
    // in the clause's body).
    c->u->depth = level;
    compile__depth_add(c, 2);
    compile__note_blocks(c, 1);
    if (n->flags) {
        // except*: the handler's block stays open through every clause,
        // under each clause's own try block.
        c->u->xblocks++;
        // except*: the group is matched and split per clause (EXCEPT_STAR
        // keeps the unmatched rest on the stack; END_EXCEPT_STAR re-raises
        // what is left, merged with any new errors).
        compile__emit(c, OP_EXCEPT_STAR, 0);
        compile__depth_add(c, 1);
    }
    for (int i = 0; i < n->l2.n; i++) {
        node_t *h = n->l2.v[i];
        compile__set_line(c, h);
        int next = -1;
        if (n->flags) {
            // Stack: [prev, rest, eg_copy]. CHECK_EG_MATCH pops the type and
            // replaces rest with the non-matching part and pushes the match
            // or None.
            compile__expr(c, h->a);
            compile__emitd(c, OP_CHECK_EG_MATCH, 0, 0);
            compile__emitd(c, OP_DUP_TOP, 0, 1);
            compile__load_none(c);
            compile__emitd(c, OP_IS_OP, 0, -1);
            next = compile__emitd(c, OP_POP_JUMP_IF_TRUE, 0, -1);
            // The matched group becomes the handled exception for the
            // body; EXCEPT_STAR bookkeeping lives in the VM.
            if (h->s) {
                compile__name_op(c, h->s, ACC_STORE);
            } else {
                compile__emitd(c, OP_POP_TOP, 0, -1);
            }
            int inner = compile__emit(c, OP_SETUP_FINALLY, 0);
            fb_push(c, FB_TRY_EXCEPT);
            compile__stmts(c, &h->l1);
            fb_pop(c);
            compile__emit(c, OP_POP_BLOCK, 0);
            int skip = compile__emit(c, OP_JUMP, 0);
            compile__patch_here(c, inner);
            // An exception raised in the clause body: [.., prev2, exc2]
            // recorded to be raised at the end with the unhandled rest.
            compile__depth_add(c, 2);
            compile__note_blocks(c, 1);
            compile__emitd(c, OP_END_EXCEPT_STAR, 1, -2);
            compile__patch_here(c, skip);
            int j = compile__emit(c, OP_JUMP, 0);
            compile__patch_here(c, next);
            compile__emitd(c, OP_POP_TOP, 0, -1);
            compile__patch_here(c, j);
            continue;
        }
        if (h->a) {
            compile__emitd(c, OP_DUP_TOP, 0, 1);
            compile__expr(c, h->a);
            next = compile__emitd(c, OP_JUMP_IF_NOT_EXC_MATCH, 0, -2);
        } else if (i != n->l2.n - 1) {
            compile__cfail(c, h, "default 'except:' must be last");
        }
        if (h->s) {
            compile__name_op(c, h->s, ACC_STORE);
        } else {
            compile__emitd(c, OP_POP_TOP, 0, -1);
        }
        fb_push(c, FB_HANDLER)->name = h->s;
        compile__stmts(c, &h->l1);
        fb_pop(c);
        c->u->line = handler_end_line(&h->l1);
        compile__emit(c, OP_POP_EXCEPT, h->s != NULL);
        if (h->s) {
            compile__load_none(c);
            compile__name_op(c, h->s, ACC_STORE);
            compile__name_op(c, h->s, ACC_DEL);
        }
        ends[nends++] = compile__emit(c, OP_JUMP, 0);
        c->u->depth = level + 2;
        if (next >= 0) {
            compile__patch_here(c, next);
        }
    }
    if (n->flags) {
        // [prev, rest, eg]: re-raise what no clause handled (and the
        // errors raised by clause bodies), or finish normally.
        compile__emitd(c, OP_END_EXCEPT_STAR, 0, 0);
        compile__emitd(c, OP_POP_TOP, 0, -1);
        compile__emitd(c, OP_POP_TOP, 0, -1);
        compile__emit(c, OP_POP_EXCEPT, 0);
        c->u->xblocks--;
    } else {
        compile__emitd(c, OP_RERAISE, 0, -1);
    }
    for (int i = 0; i < nends; i++) {
        compile__patch_here(c, ends[i]);
    }
    free(ends);
    c->u->depth = level;
}

static void compile_try(compiler_t *c, node_t *n)
{
    if (n->l4.n == 0) {
        compile_try_except(c, n);
        return;
    }
    int level = c->u->depth;
    int setup = compile__emit(c, OP_SETUP_FINALLY, 0);
    fblock_t *f = fb_push(c, FB_TRY_FINALLY);
    f->finalbody = &n->l4;
    if (n->l2.n) {
        compile_try_except(c, n);
    } else {
        compile__stmts(c, &n->l1);
    }
    fb_pop(c);
    compile__emit(c, OP_POP_BLOCK, 0);
    fb_push(c, FB_FINALLY_NORMAL);
    compile__stmts(c, &n->l4);
    fb_pop(c);
    int je = compile__emit(c, OP_JUMP, 0);
    compile__patch_here(c, setup);
    c->u->depth = level;
    compile__depth_add(c, 2);
    fb_push(c, FB_FINALLY_EXC);
    compile__stmts(c, &n->l4);
    fb_pop(c);
    compile__emitd(c, OP_RERAISE, 0, -1);
    compile__patch_here(c, je);
    c->u->depth = level;
}

static void compile_with(compiler_t *c, node_t *n, int item)
{
    bool async = n->flags != 0;
    if (async) {
        compile__check_await(c, n, "async with");
    }
    node_t *it = n->l1.v[item];
    int level = c->u->depth;
    compile__expr(c, it->a);
    compile__set_line(c, n);
    int setup;
    if (async) {
        compile__emitd(c, OP_BEFORE_ASYNC_WITH, 0, 1);
        compile__emit(c, OP_GET_AWAITABLE, 0);
        compile__load_none(c);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
        setup = compile__emit(c, OP_SETUP_ASYNC_WITH, 0);
    } else {
        setup = compile__emitd(c, OP_SETUP_WITH, 0, 1);
    }
    fb_push(c, async ? FB_ASYNC_WITH : FB_WITH);
    if (it->b) {
        compile__store_target(c, it->b);
    } else {
        compile__emitd(c, OP_POP_TOP, 0, -1);
    }
    if (item + 1 < n->l1.n) {
        compile_with(c, n, item + 1);
    } else {
        compile__stmts(c, &n->l2);
    }
    fb_pop(c);
    compile__set_line(c, n);
    compile__emit(c, OP_POP_BLOCK, 0);
    compile__emitd(c, OP_WITH_EXIT, async, 0);
    if (async) {
        compile__emit(c, OP_GET_AWAITABLE, 0);
        compile__load_none(c);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
    }
    compile__emitd(c, OP_POP_TOP, 0, -1);
    int je = compile__emit(c, OP_JUMP, 0);
    compile__patch_here(c, setup);
    // [exit, prev, exc] with an EXCEPT_HANDLER block.
    c->u->depth = level + 3;
    compile__note_blocks(c, 1);
    compile__emitd(c, OP_WITH_EXCEPT, async, 1);
    if (async) {
        compile__emit(c, OP_GET_AWAITABLE, 0);
        compile__load_none(c);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
    }
    int js = compile__emitd(c, OP_POP_JUMP_IF_TRUE, 0, -1);
    compile__emitd(c, OP_RERAISE, 0, -1);
    compile__patch_here(c, js);
    compile__emitd(c, OP_POP_TOP, 0, -1);
    compile__emit(c, OP_POP_EXCEPT, 0);
    compile__emitd(c, OP_POP_TOP, 0, -1);
    compile__patch_here(c, je);
    c->u->depth = level;
}

static void apply_decorators(compiler_t *c, nlist_t *decos)
{
    for (int i = decos->n - 1; i >= 0; i--) {
        compile__emitd(c, OP_CALL, 1, -1);
    }
}

void compile__function_body(compiler_t *c, node_t *n, bool is_lambda)
{
    if (is_lambda) {
        compile__expr(c, n->b);
        compile__emit(c, OP_RETURN_VALUE, 0);
        return;
    }
    scope_t *s = c->u->scope;
    if (s->generator || s->coroutine) {
        compile__emit(c, OP_GEN_START, 0);
    }
    compile__stmts(c, &n->l1);
    // Implicit "return None" at the last line of the body.
    compile__load_none(c);
    compile__emit(c, OP_RETURN_VALUE, 0);
}

static void compile_funcdef(compiler_t *c, node_t *n)
{
    for (int i = 0; i < n->l2.n; i++) {
        compile__expr(c, n->l2.v[i]);
    }
    scope_t *s = symtable__scope_of(c->u->scope, n);
    s->qualname = compile__qualify(c->u->scope, n->s);
    int line = n->line;
    if (n->l2.n) {
        line = n->l2.v[0]->line;
    }
    compile__set_line(c, n);
    compile__unit_push(c, s);
    c->u->line = n->line;
    compile__function_body(c, n, false);
    node_t *args = n->a;
    int flags = compile__count_flags(s);
    if (args->a) {
        flags |= CO_VARARGS;
    }
    if (args->b) {
        flags |= CO_VARKEYWORDS;
    }
    code_t *co = compile__unit_finish(c, n->s, flags, args->l1.n, (int)args->i,
                                      args->l3.n, line);
    co->firstline = n->line;
    compile__set_line(c, n);
    compile__make_function(c, n, s, co, args);
    apply_decorators(c, &n->l2);
    compile__name_op(c, n->s, ACC_STORE);
}

static void compile_classdef(compiler_t *c, node_t *n)
{
    compile__check_keywords(c, &n->l3);
    for (int i = 0; i < n->l4.n; i++) {
        compile__expr(c, n->l4.v[i]);
    }
    compile__set_line(c, n);
    scope_t *s = symtable__scope_of(c->u->scope, n);
    s->qualname = compile__qualify(c->u->scope, n->s);
    compile__emitd(c, OP_LOAD_BUILD_CLASS, 0, 1);
    compile__unit_push(c, s);
    c->u->line = n->line;
    compile__name_op(c, "__name__", ACC_LOAD);
    compile__name_op(c, "__module__", ACC_STORE);
    compile__load_const(c, compile__cstr(c, s->qualname));
    compile__name_op(c, "__qualname__", ACC_STORE);
    compile__body_with_doc(c, &n->l1);
    if (s->needs_class_cell) {
        compile__emitd(c, OP_LOAD_CLOSURE, 0, 1);
        compile__emitd(c, OP_STORE_NAME, compile__add_name(c, "__classcell__"),
                       -1);
    }
    compile__load_none(c);
    compile__emit(c, OP_RETURN_VALUE, 0);
    code_t *co = compile__unit_finish(c, n->s, CO_CLASS, 0, 0, 0, n->line);
    compile__make_function(c, n, s, co, NULL);
    compile__load_const(c, compile__cstr(c, n->s));
    // __build_class__(func, name, *bases, **keywords)
    node_t fake;
    memset(&fake, 0, sizeof fake);
    fake.l1 = n->l2;
    fake.l2 = n->l3;
    compile__call_helper(c, &fake, 2);
    apply_decorators(c, &n->l4);
    compile__name_op(c, n->s, ACC_STORE);
}

static void compile_import(compiler_t *c, node_t *n)
{
    for (int i = 0; i < n->l1.n; i++) {
        node_t *a = n->l1.v[i];
        compile__load_const(c, c->vm->none);
        compile__emitd(c, OP_IMPORT_NAME, compile__add_name(c, a->s), 0);
        if (a->s2) {
            // "import a.b as c" binds the submodule.
            const char *p = strchr(a->s, '.');
            while (p) {
                compile__emit(c, OP_IMPORT_FROM, compile__add_name(c, p + 1));
                p = strchr(p + 1, '.');
            }
            compile__name_op(c, a->s2, ACC_STORE);
        } else {
            const char *dot = strchr(a->s, '.');
            if (dot) {
                // "import a.b" binds the top package "a".
                compile__name_op(c,
                                 symtable__pool_strndup(c->u->scope, a->s,
                                                        (size_t)(dot - a->s)),
                                 ACC_STORE);
            } else {
                compile__name_op(c, a->s, ACC_STORE);
            }
        }
    }
}

static void compile_importfrom(compiler_t *c, node_t *n)
{
    if (n->i > 0) {
        compile__cfail(c, n, "attempted relative import with no known parent "
                             "package");
        return;
    }
    tuple_t *fromlist = tuple_new(c->vm, (size_t)n->l1.n);
    for (int i = 0; i < n->l1.n; i++) {
        fromlist->items[i] = compile__cstr(c, n->l1.v[i]->s);
    }
    compile__load_const(c, (obj_t *)fromlist);
    compile__emitd(c, OP_IMPORT_NAME, compile__add_name(c, n->s), 0);
    if (n->l1.n == 1 && strcmp(n->l1.v[0]->s, "*") == 0) {
        compile__emitd(c, OP_IMPORT_STAR, 0, -1);
        return;
    }
    for (int i = 0; i < n->l1.n; i++) {
        node_t *a = n->l1.v[i];
        compile__emitd(c, OP_IMPORT_FROM, compile__add_name(c, a->s), 1);
        compile__name_op(c, a->s2 ? a->s2 : a->s, ACC_STORE);
    }
    compile__emitd(c, OP_POP_TOP, 0, -1);
}

/* "target: annotation [= value]" (compiler_annassign). Only module and
 * class bodies evaluate annotations; a simple name's goes into
 * __annotations__ under its mangled name. Without a value, the parts of
 * an attribute or subscript target are still evaluated. */
static void compile_annassign(compiler_t *c, node_t *n)
{
    node_t *t = n->a;
    bool top = c->u->scope->kind != SCOPE_FUNCTION;
    if (n->c) {
        compile__expr(c, n->c);
        compile__store_target(c, t);
    }
    if (t->kind == N_NAME) {
        if (top) {
            compile__expr(c, n->b);
            compile__set_line(c, n);
            compile__emitd(c, OP_LOAD_NAME,
                           compile__add_name(c, "__annotations__"), 1);
            compile__load_const(c,
                                compile__cstr(c, symtable__mangle(c->u->scope,
                                                                  t->s)));
            compile__emitd(c, OP_STORE_SUBSCR, 0, -3);
        }
        return;
    }
    if (!n->c) {
        if (t->kind == N_ATTRIBUTE || t->kind == N_SUBSCRIPT) {
            compile__expr(c, t->a);
            compile__emitd(c, OP_POP_TOP, 0, -1);
        }
        if (t->kind == N_SUBSCRIPT) {
            compile__expr(c, t->b);
            compile__emitd(c, OP_POP_TOP, 0, -1);
        }
    }
    if (top) {
        compile__expr(c, n->b);
        compile__emitd(c, OP_POP_TOP, 0, -1);
    }
}

/* Whether a module or class body has annotated assignments, looking
 * into compound statements but not into nested defs (find_ann). */
static bool find_ann(nlist_t *l)
{
    for (int i = 0; i < l->n; i++) {
        node_t *st = l->v[i];
        switch (st->kind) {
        case N_ANNASSIGN:
            return true;
        case N_FOR: case N_WHILE: case N_IF:
            if (find_ann(&st->l1) || find_ann(&st->l2)) {
                return true;
            }
            break;
        case N_WITH:
            if (find_ann(&st->l2)) {
                return true;
            }
            break;
        case N_TRY:
            for (int k = 0; k < st->l2.n; k++) {
                if (find_ann(&st->l2.v[k]->l1)) {
                    return true;
                }
            }
            if (find_ann(&st->l1) || find_ann(&st->l3) ||
                find_ann(&st->l4)) {
                return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

/* A module or class body (compiler_body): __annotations__ set up when
 * needed, then the docstring stored as __doc__, then the statements. */
void compile__body_with_doc(compiler_t *c, nlist_t *l)
{
    if (l->n > 0) {
        compile__set_line(c, l->v[0]);
    }
    if (find_ann(l)) {
        compile__emit(c, OP_SETUP_ANNOTATIONS, 0);
    }
    // The interactive compiler takes no module docstring: 'abc' typed
    // at the prompt is an expression whose value is echoed.
    bool interactive_module = (c->flags & COMPILE_INTERACTIVE) &&
                              c->u->scope->kind == SCOPE_MODULE;
    node_t *doc = interactive_module ? NULL : docstring_of(l);
    int i = 0;
    if (doc) {
        compile__load_const(c, str_const(c, doc));
        compile__name_op(c, "__doc__", ACC_STORE);
        i = 1;
    }
    for (; i < l->n && !c->failed; i++) {
        compile__stmt(c, l->v[i]);
    }
}

/* Stops the code pass when the C stack runs low (cstack.h): the symbol
 * pass bounds the tree's depth by the recursion limit, which a program
 * may have raised past what the stack holds. */
bool compile__too_deep(compiler_t *c, node_t *n)
{
    if (c->too_deep) {
        return true;
    }
    if (!cstack_low(c->vm->stack_floor)) {
        return false;
    }
    c->too_deep = true;
    if (!c->failed) {
        c->failed = true;
        c->recursion = true;
        c->err_line = n->line;
        c->err_col = n->col;
    }
    return true;
}

void compile__stmt(compiler_t *c, node_t *n)
{
    if (compile__too_deep(c, n)) {
        return;
    }
    compile__set_line(c, n);
    switch (n->kind) {
    case N_EXPR:
        if (n->a->kind == N_CONSTANT && c->u->scope->kind != SCOPE_MODULE) {
            break; // docstrings and bare constants do nothing
        }
        compile__expr(c, n->a);
        compile__set_line(c, n);
        if ((c->flags & COMPILE_INTERACTIVE) &&
            c->u->scope->kind == SCOPE_MODULE) {
            compile__emitd(c, OP_PRINT_EXPR, 0, -1);
        } else {
            compile__emitd(c, OP_POP_TOP, 0, -1);
        }
        break;
    case N_ASSIGN:
        compile__expr(c, n->a);
        for (int i = 0; i < n->l1.n; i++) {
            if (i < n->l1.n - 1) {
                compile__emitd(c, OP_DUP_TOP, 0, 1);
            }
            compile__store_target(c, n->l1.v[i]);
        }
        break;
    case N_AUGASSIGN: {
        node_t *t = n->a;
        if (t->kind == N_NAME) {
            compile__name_op(c, t->s, ACC_LOAD);
            compile__expr(c, n->b);
            compile__set_line(c, n);
            compile__emitd(c, OP_INPLACE, n->op, -1);
            compile__name_op(c, t->s, ACC_STORE);
        } else if (t->kind == N_ATTRIBUTE) {
            compile__expr(c, t->a);
            compile__emitd(c, OP_DUP_TOP, 0, 1);
            compile__emit(c, OP_LOAD_ATTR, compile__add_name(c, t->s));
            compile__expr(c, n->b);
            compile__set_line(c, n);
            compile__emitd(c, OP_INPLACE, n->op, -1);
            compile__emit(c, OP_ROT_TWO, 0);
            compile__emitd(c, OP_STORE_ATTR, compile__add_name(c, t->s), -2);
        } else if (t->kind == N_SUBSCRIPT) {
            compile__expr(c, t->a);
            compile__expr(c, t->b);
            compile__emitd(c, OP_DUP_TOP_TWO, 0, 2);
            compile__emitd(c, OP_BINARY_SUBSCR, 0, -1);
            compile__expr(c, n->b);
            compile__set_line(c, n);
            compile__emitd(c, OP_INPLACE, n->op, -1);
            compile__emit(c, OP_ROT_THREE, 0);
            compile__emitd(c, OP_STORE_SUBSCR, 0, -3);
        } else {
            compile__cfail(c, t, "illegal expression for augmented assignment");
        }
        break;
    }
    case N_ANNASSIGN:
        compile_annassign(c, n);
        break;
    case N_DEL:
        for (int i = 0; i < n->l1.n; i++) {
            compile__delete_target(c, n->l1.v[i]);
        }
        break;
    case N_PASS:
        break;
    case N_BREAK:
        compile_loop_exit(c, n, true);
        break;
    case N_CONTINUE:
        compile_loop_exit(c, n, false);
        break;
    case N_IF:
        compile_if(c, n);
        break;
    case N_WHILE:
        compile_while(c, n);
        break;
    case N_FOR:
        compile_for(c, n);
        break;
    case N_RETURN:
        if (c->u->scope->kind != SCOPE_FUNCTION) {
            compile__cfail(c, n, "'return' outside function");
        }
        if (n->a && c->u->scope->coroutine && c->u->scope->generator) {
            // compiler_return: any value, None written out included.
            compile__cfail(c, n, "'return' with value in async generator");
        }
        compile_return(c, n);
        break;
    case N_RAISE:
        if (n->a) {
            compile__expr(c, n->a);
        }
        if (n->b) {
            compile__expr(c, n->b);
        }
        compile__set_line(c, n);
        compile__emitd(c, OP_RAISE, n->b ? 2
                                         : n->a ? 1
                                                : 0, -(n->b ? 2
                                                            : n->a ? 1 : 0));
        break;
    case N_TRY:
        compile_try(c, n);
        break;
    case N_ASSERT: {
        compile__expr(c, n->a);
        int j = compile__emitd(c, OP_POP_JUMP_IF_TRUE, 0, -1);
        compile__emitd(c, OP_LOAD_ASSERTION_ERROR, 0, 1);
        if (n->b) {
            compile__expr(c, n->b);
            compile__emitd(c, OP_CALL, 1, -1);
        }
        compile__set_line(c, n);
        compile__emitd(c, OP_RAISE, 1, -1);
        compile__patch_here(c, j);
        break;
    }
    case N_WITH:
        compile_with(c, n, 0);
        break;
    case N_FUNCDEF:
        compile_funcdef(c, n);
        break;
    case N_CLASSDEF:
        compile_classdef(c, n);
        break;
    case N_GLOBAL: case N_NONLOCAL:
        if (n->kind == N_NONLOCAL) {
            for (int i = 0; i < n->l1.n; i++) {
                sym_t *y = symtable__find(c->u->scope, n->l1.v[i]->s);
                if (y && compile__cell_index(c->u, y->name) < 0) {
                    compile__cfail(c, n, "no binding for nonlocal '%s' found",
                                   y->name);
                }
            }
        }
        break;
    case N_IMPORT:
        compile_import(c, n);
        break;
    case N_IMPORTFROM:
        compile_importfrom(c, n);
        break;
    default:
        compile__cfail(c, n, "invalid syntax");
        break;
    }
}

void compile__stmts(compiler_t *c, nlist_t *l)
{
    for (int i = 0; i < l->n && !c->failed; i++) {
        compile__stmt(c, l->v[i]);
    }
}

/* ==== Entry points ==================================================== */

/* Reports the error of the symbol pass ([err], when it stopped the
 * compilation) or of the code pass. A RecursionError is raised here; a
 * SyntaxError is left as "line:col:msg" in vm->exc, for the caller to
 * raise with the source at hand. Returns NULL. */
static code_t *compile_failed(vm_t *vm, compiler_t *c, const symerr_t *err)
{
    if (err) {
        c->recursion = err->recursion;
        c->err_line = err->line;
        c->err_col = err->col;
        snprintf(c->err_msg, sizeof c->err_msg, "%s", err->msg);
    }
    vm->exc = NULL;
    if (c->recursion) {
        vm_raise(vm, EXC_RecursionError, "%s", COMPILE_TOO_DEEP);
        return NULL;
    }
    c->err_col = c->err_col < 0 ? 0 : c->err_col;
    vm->exc = (obj_t *)str_fmt(vm, "%d:%d:%s", c->err_line, c->err_col,
                               c->err_msg);
    return NULL;
}

static code_t *compile_module_flags(vm_t *vm, node_t *tree,
                                   const char *filename, int flags)
{
    compiler_t c;
    memset(&c, 0, sizeof c);
    c.vm = vm;
    c.flags = flags;
    c.filename = filename;
    symerr_t err = {0};
    // CPython's symtable starts from the current recursion depth and
    // stops at the recursion limit, both scaled (_PySymtable_Build).
    int scale = COMPILE_FRAME_SCALE;
    err.limit = vm->recursion_limit > INT_MAX / scale
                    ? INT_MAX : vm->recursion_limit * scale;
    err.depth = vm->depth > INT_MAX / scale ? INT_MAX : vm->depth * scale;
    err.floor = vm->stack_floor;
    scope_t *root = symtable__scope_new(NULL, SCOPE_MODULE, tree);
    root->qualname = strdup("<module>");
    symtable__visit_list(root, &tree->l1, &err);
    if (err.too_deep) {
        // The tree is too deep to walk again: no code pass.
        symtable__scope_free(root);
        return compile_failed(vm, &c, &err);
    }
    symtable__resolve_all(root, &err);
    if (err.set) {
        c.failed = true;
        c.err_line = err.line;
        c.err_col = err.col;
        snprintf(c.err_msg, sizeof c.err_msg, "%s", err.msg);
    }
    c.root = root;
    vm->nogc++;
    compile__unit_push(&c, root);
    c.u->line = 1;
    compile__body_with_doc(&c, &tree->l1);
    compile__load_none(&c);
    compile__emit(&c, OP_RETURN_VALUE, 0);
    code_t *co = compile__unit_finish(&c, "<module>",
                                      CO_MODULE | (c.toplevel_await
                                                       ? CO_COROUTINE : 0),
                                      0, 0, 0, 1);
    vm->nogc--;
    symtable__scope_free(root);
    if (c.failed) {
        return compile_failed(vm, &c, NULL);
    }
    return co;
}

code_t *compile_module(vm_t *vm, node_t *tree, const char *filename)
{
    return compile_module_flags(vm, tree, filename, 0);
}

/* A debugging aid: LOOPLAB_DIS=1 prints the bytecode of every unit. */
static const char *const op_names[] = {
#define X(n) #n,
    OPCODES(X)
#undef X
};

static void disassemble(vm_t *vm, code_t *co, int depth)
{
    fprintf(stderr, "%*s== %s (%s)\n", depth * 2, "", co->qualname->s,
            co->filename->s);
    for (size_t i = 0; i < co->nops; i++) {
        uint32_t ins = co->ops[i];
        fprintf(stderr, "%*s%4zu L%-4d %-24s %u\n", depth * 2, "", i,
                co->lines[i], op_names[ins & 0xff], ins >> 8);
    }
    for (size_t i = 0; i < co->consts->n; i++) {
        if (TYPE(co->consts->items[i]) == vm->t_code) {
            disassemble(vm, (code_t *)co->consts->items[i], depth + 1);
        }
    }
}

code_t *compile_source(vm_t *vm, const char *src, size_t len,
                       const char *filename)
{
    return compile_source_ex(vm, src, len, filename, 0);
}

code_t *compile_source_ex(vm_t *vm, const char *src, size_t len,
                          const char *filename, int flags)
{
    parse_result_t pr;
    parse_module(src, len, &pr);
    if (!pr.tree && pr.err_type && strcmp(pr.err_type, "MemoryError") == 0) {
        // Nested too deep for the parser (parse_int.h): CPython raises
        // a bare MemoryError, with no source line.
        parse_free(&pr);
        vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
        return NULL;
    }
    if (!pr.tree) {
        exc_syntax_error(vm, pr.err_type ? pr.err_type : "SyntaxError",
                     pr.err_msg, filename, pr.err_line, pr.err_col, src, len);
        parse_free(&pr);
        return NULL;
    }
    code_t *co = compile_module_flags(vm, pr.tree, filename, flags);
    parse_free(&pr);
    if (co && getenv("LOOPLAB_DIS") && filename[0] != '<') {
        disassemble(vm, co, 0);
    }
    if (!co && TYPE(vm->exc) != vm->t_str) {
        return NULL;  // raised already (compile_failed)
    }
    if (!co) {
        // compile_module left "line:col:msg" in vm->exc.
        str_t *info = (str_t *)vm->exc;
        vm->exc = NULL;
        int line = 0, col = 0, off = 0;
        sscanf(info->s, "%d:%d:%n", &line, &col, &off);
        exc_syntax_error(vm, "SyntaxError", info->s + off, filename, line, col,
                     src, len);
        return NULL;
    }
    return co;
}
