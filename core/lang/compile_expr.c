/*
 * compile_expr.c - the code pass for expressions: constants, calls,
 * comparisons, lambdas and function objects, comprehensions, f-strings,
 * await checks, and the assignment and deletion targets.
 *
 * Mirrors the expression half of CPython 3.10's Python/compile.c
 * (compiler_visit_expr1, compiler_call_helper, compiler_comprehension,
 * compiler_make_closure) and its SyntaxError texts.
 *
 * Invariants: compile__expr emits code that leaves exactly one more value
 * on the stack; compile__store_target emits code that pops the value
 * being stored; c->u->depth stays an upper bound of the stack depth
 * throughout (see compile.c).
 */
#include "code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "compile_int.h"

/* ==== Expressions ====================================================== */

void compile__set_line(compiler_t *c, node_t *n)
{
    if (n && n->line > 0) {
        c->u->line = n->line;
    }
}

static void compile_const(compiler_t *c, node_t *n)
{
    vm_t *vm = c->vm;
    switch (n->flags) {
    case C_INT: compile__load_const(c, int_new(vm, n->i)); break;
    case C_FLOAT: compile__load_const(c, float_new(vm, n->f)); break;
    case C_STR:
        // Interning keys on the C string: strings with NULs, and long ones,
        // are stored as they are (add_const still shares equal ones).
        compile__load_const(c, n->slen < 40 && strlen(n->s) == n->slen
                          ? (obj_t *)str_intern(vm, n->s)
                          : (obj_t *)str_new(vm, n->s, n->slen));
        break;
    case C_NONE: compile__load_none(c); break;
    case C_TRUE: compile__load_const(c, vm->true_); break;
    case C_FALSE: compile__load_const(c, vm->false_); break;
    case C_ELLIPSIS: compile__load_const(c, vm->ellipsis); break;
    }
}

static bool has_starred(nlist_t *l)
{
    for (int i = 0; i < l->n; i++) {
        if (l->v[i] && l->v[i]->kind == N_STARRED) {
            return true;
        }
    }
    return false;
}

/* Builds a list/tuple/set from elements that may contain *starred. */
static void sequence(compiler_t *c, nlist_t *elts, int build_op)
{
    if (!has_starred(elts)) {
        for (int i = 0; i < elts->n; i++) {
            compile__expr(c, elts->v[i]);
        }
        compile__emitd(c, build_op, elts->n, 1 - elts->n);
        return;
    }
    bool set = build_op == OP_BUILD_SET;
    compile__emitd(c, set ? OP_BUILD_SET : OP_BUILD_LIST, 0, 1);
    for (int i = 0; i < elts->n; i++) {
        node_t *e = elts->v[i];
        if (e->kind == N_STARRED) {
            compile__expr(c, e->a);
            compile__emitd(c, set ? OP_SET_UPDATE : OP_LIST_EXTEND, 1, -1);
        } else {
            compile__expr(c, e);
            compile__emitd(c, set ? OP_SET_ADD : OP_LIST_APPEND, 1, -1);
        }
    }
    if (build_op == OP_BUILD_TUPLE) {
        compile__emit(c, OP_LIST_TO_TUPLE, 0);
    }
}

/* A call whose last positional argument is itself a call ("print(
 * work())"): it gets CALL_FRESH / CALL_METHOD_FRESH, which look for a
 * coroutine that argument made and the call dropped (vm.c). */
static bool last_is_call(node_t *n)
{
    return n->l1.n > 0 && n->l1.v[n->l1.n - 1]->kind == N_CALL;
}

void compile__call_helper(compiler_t *c, node_t *n, int nprefix)
{
    // Positional arguments then keywords: CALL / CALL_KW, or CALL_EX when
    // anything is unpacked.
    bool ex = has_starred(&n->l1);
    for (int i = 0; i < n->l2.n; i++) {
        if (n->l2.v[i]->s == NULL) {
            ex = true;
        }
    }
    if (!ex) {
        for (int i = 0; i < n->l1.n; i++) {
            compile__expr(c, n->l1.v[i]);
        }
        if (n->l2.n == 0) {
            compile__emitd(c, last_is_call(n) ? OP_CALL_FRESH : OP_CALL,
                           n->l1.n + nprefix, -(n->l1.n + nprefix));
            return;
        }
        tuple_t *kwn = tuple_new(c->vm, (size_t)n->l2.n);
        for (int i = 0; i < n->l2.n; i++) {
            compile__expr(c, n->l2.v[i]->a);
            kwn->items[i] = compile__cstr(c, n->l2.v[i]->s);
        }
        compile__load_const(c, (obj_t *)kwn);
        int total = n->l1.n + n->l2.n + nprefix;
        compile__emitd(c, OP_CALL_KW, total, -total - 1);
        return;
    }
    if (nprefix) {
        // A prefix argument (a class name for __build_class__ style calls)
        // goes first into the list.
        compile__emitd(c, OP_BUILD_LIST, nprefix, 1 - nprefix);
    } else {
        compile__emitd(c, OP_BUILD_LIST, 0, 1);
    }
    for (int i = 0; i < n->l1.n; i++) {
        node_t *e = n->l1.v[i];
        if (e->kind == N_STARRED) {
            compile__expr(c, e->a);
            compile__emitd(c, OP_LIST_EXTEND, 1, -1);
        } else {
            compile__expr(c, e);
            compile__emitd(c, OP_LIST_APPEND, 1, -1);
        }
    }
    compile__emit(c, OP_LIST_TO_TUPLE, 0);
    if (n->l2.n == 0) {
        compile__emitd(c, OP_CALL_EX, 0, -1);
        return;
    }
    compile__emitd(c, OP_BUILD_MAP, 0, 1);
    for (int i = 0; i < n->l2.n; i++) {
        node_t *k = n->l2.v[i];
        if (k->s == NULL) {
            compile__expr(c, k->a);
            compile__emitd(c, OP_DICT_MERGE, 1, -1);
        } else {
            compile__load_const(c, compile__cstr(c, k->s));
            compile__expr(c, k->a);
            compile__emitd(c, OP_MAP_ADD, 1, -2);
        }
    }
    compile__emitd(c, OP_CALL_EX, 1, -2);
}

/* validate_keywords: f(end=1, end=2) is a SyntaxError at the second;
 * [kw] a call's keywords (l2) or a class statement's (l3). */
void compile__check_keywords(compiler_t *c, nlist_t *kw)
{
    for (int i = 0; i < kw->n; i++) {
        node_t *k = kw->v[i];
        for (int j = 0; k->s && j < i; j++) {
            node_t *o = kw->v[j];
            if (o->s && strcmp(o->s, k->s) == 0) {
                compile__cfail(c, k, "keyword argument repeated: %s", k->s);
                return;
            }
        }
    }
}

static void call(compiler_t *c, node_t *n)
{
    compile__check_keywords(c, &n->l2);
    node_t *f = n->a;
    bool simple = !has_starred(&n->l1) && n->l2.n == 0;
    if (f->kind == N_ATTRIBUTE && simple) {
        compile__expr(c, f->a);
        compile__set_line(c, n);
        compile__emitd(c, OP_LOAD_METHOD, compile__add_name(c, f->s), 1);
        for (int i = 0; i < n->l1.n; i++) {
            compile__expr(c, n->l1.v[i]);
        }
        compile__set_line(c, n);
        compile__emitd(c, last_is_call(n) ? OP_CALL_METHOD_FRESH
                                          : OP_CALL_METHOD,
                       n->l1.n, -(n->l1.n + 1));
        return;
    }
    compile__expr(c, f);
    compile__call_helper(c, n, 0);
}

/* A constant the AST optimizer would fold, other than None, True, False
 * and ...: CPython's check_is_arg fails for it (numbers, strings, -1,
 * 1 + 1, tuples of constants). */
static bool literal(node_t *e)
{
    switch (e->kind) {
    case N_CONSTANT:
        return e->flags != C_NONE && e->flags != C_TRUE &&
               e->flags != C_FALSE && e->flags != C_ELLIPSIS;
    case N_UNARYOP:
        return e->op != UOP_NOT && literal(e->a);
    case N_BINOP:
        return (literal(e->a) || e->a->kind == N_CONSTANT) &&
               (literal(e->b) || e->b->kind == N_CONSTANT);
    case N_TUPLE:
        for (int i = 0; i < e->l1.n; i++) {
            node_t *x = e->l1.v[i];
            if (x->kind != N_CONSTANT && !literal(x)) {
                return false;
            }
        }
        return true;
    default:
        return false;
    }
}

/* check_compare: 'x is 5' compiles, with a SyntaxWarning. */
static void check_compare(compiler_t *c, node_t *n)
{
    bool left = literal(n->a);
    for (int i = 0; i < n->l1.n; i++) {
        int op = n->l2.v[i]->op;
        bool right = literal(n->l1.v[i]);
        if ((op == CMPX_IS || op == CMPX_ISNOT) && (left || right)) {
            if (c->filename[0] != '<' || strcmp(c->filename, "<stdin>") == 0) {
                vm_warn_explicit(c->vm, EXC_SyntaxWarning,
                                 op == CMPX_IS
                                     ? "\"is\" with a literal. Did you mean "
                                       "\"==\"?"
                                     : "\"is not\" with a literal. Did you "
                                       "mean \"!=\"?",
                                 c->filename, n->line, NULL, true);
            }
            return;
        }
        left = right;
    }
}

static void compare(compiler_t *c, node_t *n)
{
    check_compare(c, n);
    compile__expr(c, n->a);
    int ncmp = n->l1.n;
    int *cleanup = calloc((size_t)ncmp + 1, sizeof(int));
    for (int i = 0; i < ncmp; i++) {
        compile__expr(c, n->l1.v[i]);
        int op = n->l2.v[i]->op;
        if (i < ncmp - 1) {
            compile__emitd(c, OP_DUP_TOP, 0, 1);
            compile__emit(c, OP_ROT_THREE, 0);
        }
        compile__set_line(c, n);
        if (op == CMPX_IS || op == CMPX_ISNOT) {
            compile__emitd(c, OP_IS_OP, op == CMPX_ISNOT, -1);
        } else if (op == CMPX_IN || op == CMPX_NOTIN) {
            compile__emitd(c, OP_CONTAINS_OP, op == CMPX_NOTIN, -1);
        } else {
            compile__emitd(c, OP_COMPARE, op, -1);
        }
        if (i < ncmp - 1) {
            cleanup[i] = compile__emitd(c, OP_JUMP_IF_FALSE_OR_POP, 0, -1);
        }
    }
    if (ncmp > 1) {
        int j = compile__emit(c, OP_JUMP, 0);
        for (int i = 0; i < ncmp - 1; i++) {
            compile__patch_here(c, cleanup[i]);
        }
        compile__emit(c, OP_ROT_TWO, 0);
        compile__emitd(c, OP_POP_TOP, 0, -1);
        compile__patch_here(c, j);
    }
    free(cleanup);
}

static int annotation(compiler_t *c, const char *name, node_t *ann)
{
    if (!ann) {
        return 0;
    }
    compile__load_const(c, compile__cstr(c, symtable__mangle(c->u->scope,
                                                             name)));
    compile__expr(c, ann);
    return 1;
}

/* Pushes a dict of a def's annotations, evaluated now (no PEP 563), in
 * CPython's order: regular parameters, then positional-only ones, *args,
 * keyword-only ones, **kwargs and 'return'. Returns whether it pushed. */
static bool annotations(compiler_t *c, node_t *args, node_t *returns)
{
    int n = 0;
    int posonly = (int)args->i;
    for (int i = posonly; i < args->l1.n; i++) {
        n += annotation(c, args->l1.v[i]->s, args->l1.v[i]->a);
    }
    for (int i = 0; i < posonly && i < args->l1.n; i++) {
        n += annotation(c, args->l1.v[i]->s, args->l1.v[i]->a);
    }
    if (args->a) {
        n += annotation(c, args->a->s, args->a->a);
    }
    for (int i = 0; i < args->l3.n; i++) {
        n += annotation(c, args->l3.v[i]->s, args->l3.v[i]->a);
    }
    if (args->b) {
        n += annotation(c, args->b->s, args->b->a);
    }
    n += annotation(c, "return", returns);
    if (n == 0) {
        return false;
    }
    compile__emitd(c, OP_BUILD_MAP, n, 1 - 2 * n);
    return true;
}

void compile__make_function(compiler_t *c, node_t *n, scope_t *s,
                            code_t *co, node_t *args)
{
    int flags = 0;
    if (args && args->l2.n > 0) {
        for (int i = 0; i < args->l2.n; i++) {
            compile__expr(c, args->l2.v[i]);
        }
        compile__emitd(c, OP_BUILD_TUPLE, args->l2.n, 1 - args->l2.n);
        flags |= 1;
    }
    int nkw = 0;
    if (args) {
        for (int i = 0; i < args->l4.n; i++) {
            if (args->l4.v[i]) {
                // Keyed by the parameter's (mangled) local name.
                compile__load_const(c, compile__cstr(c, symtable__mangle(
                                           c->u->scope, args->l3.v[i]->s)));
                compile__expr(c, args->l4.v[i]);
                nkw++;
            }
        }
    }
    if (nkw) {
        compile__emitd(c, OP_BUILD_MAP, nkw, 1 - 2 * nkw);
        flags |= 2;
    }
    if (n->kind == N_FUNCDEF && annotations(c, args, n->b)) {
        flags |= 4;
    }
    if (co->freevars->n > 0) {
        for (size_t i = 0; i < co->freevars->n; i++) {
            const char *nm = OBJ_STR(co->freevars->items[i])->s;
            int idx = compile__cell_index(c->u, nm);
            if (idx < 0) {
                compile__cfail(c, n, "internal error: no cell for '%s'", nm);
                idx = 0;
            }
            compile__emitd(c, OP_LOAD_CLOSURE, idx, 1);
        }
        compile__emitd(c, OP_BUILD_TUPLE, (int)co->freevars->n,
                       1 - (int)co->freevars->n);
        flags |= 8;
    }
    (void)s;
    compile__load_const(c, (obj_t *)co);
    compile__load_const(c, (obj_t *)co->qualname);
    compile__emitd(c, OP_MAKE_FUNCTION, flags,
                   -1 - ((flags & 1) != 0) - ((flags & 2) != 0) -
                       ((flags & 4) != 0) - ((flags & 8) != 0));
}

char *compile__qualify(scope_t *parent, const char *name)
{
    // CPython's __qualname__: the parent's qualname, with ".<locals>"
    // after function parents.
    if (!parent || parent->kind == SCOPE_MODULE) {
        return strdup(name);
    }
    size_t n = strlen(parent->qualname) + strlen(name) + 16;
    char *q = malloc(n);
    snprintf(q, n, "%s%s.%s", parent->qualname,
             parent->kind == SCOPE_FUNCTION ? ".<locals>" : "", name);
    return q;
}

int compile__count_flags(scope_t *s)
{
    int flags = CO_NEWLOCALS;
    if (s->coroutine && s->generator) {
        flags |= CO_ASYNCGEN;
    } else if (s->coroutine) {
        flags |= CO_COROUTINE;
    } else if (s->generator) {
        flags |= CO_GENERATOR;
    }
    return flags;
}

static void comprehension(compiler_t *c, node_t *n)
{
    scope_t *s = symtable__scope_of(c->u->scope, n);
    const char *nm = n->kind == N_LISTCOMP ? "<listcomp>"
                     : n->kind == N_SETCOMP ? "<setcomp>"
                     : n->kind == N_DICTCOMP ? "<dictcomp>"
                                              : "<genexpr>";
    s->qualname = compile__qualify(c->u->scope, nm);
    int line = c->u->line;
    compile__unit_push(c, s);
    c->u->line = line;
    int build = n->kind == N_LISTCOMP ? OP_BUILD_LIST
                : n->kind == N_SETCOMP ? OP_BUILD_SET
                : n->kind == N_DICTCOMP ? OP_BUILD_MAP : -1;
    if (build >= 0) {
        compile__emitd(c, build, 0, 1);
    }
    int starts[32], exits[32];
    int ng = n->l1.n > 32 ? 32 : n->l1.n;
    for (int i = 0; i < ng; i++) {
        node_t *g = n->l1.v[i];
        if (i == 0) {
            compile__emitd(c, OP_LOAD_FAST, 0, 1);
        } else {
            compile__expr(c, g->b);
            compile__emitd(c, g->flags ? OP_GET_AITER : OP_GET_ITER, 0, 0);
        }
        starts[i] = compile__here(c);
        if (g->flags) {
            // async for: __anext__ awaited, StopAsyncIteration ends it.
            // One block (its handler's replaces it), popped before the
            // next generator's: no fblock here.
            exits[i] = compile__emit(c, OP_SETUP_FINALLY, 0);
            compile__note_blocks(c, 1);
            compile__emitd(c, OP_GET_ANEXT, 0, 1);
            compile__load_none(c);
            compile__emitd(c, OP_YIELD_FROM, 0, -1);
            compile__emit(c, OP_POP_BLOCK, 0);
        } else {
            exits[i] = compile__emitd(c, OP_FOR_ITER, 0, 1);
        }
        compile__store_target(c, g->a);
        for (int k = 0; k < g->l1.n; k++) {
            compile__expr(c, g->l1.v[k]);
            int j = compile__emitd(c, OP_POP_JUMP_IF_FALSE, starts[i], -1);
            (void)j;
        }
    }
    // The value goes to the collection, which sits under one iterator per
    // generator.
    int under = ng + 1;
    if (n->kind == N_GENEXP) {
        compile__expr(c, n->a);
        compile__emitd(c, OP_YIELD_VALUE, 0, 0);
        compile__emitd(c, OP_POP_TOP, 0, -1);
    } else if (n->kind == N_DICTCOMP) {
        compile__expr(c, n->a);
        compile__expr(c, n->b);
        compile__emitd(c, OP_MAP_ADD, under, -2);
    } else {
        compile__expr(c, n->a);
        compile__emitd(c, n->kind == N_LISTCOMP ? OP_LIST_APPEND
                                                : OP_SET_ADD, under,
                       -1);
    }
    for (int i = ng - 1; i >= 0; i--) {
        compile__emit(c, OP_JUMP, starts[i]);
        compile__patch_here(c, exits[i]);
        if (n->l1.v[i]->flags) {
            compile__depth_add(c, 2);
            compile__emitd(c, OP_END_ASYNC_FOR, 0, -3);
        } else {
            compile__depth_add(c, -1);
        }
    }
    if (build < 0) {
        compile__load_none(c);
    }
    compile__emit(c, OP_RETURN_VALUE, 0);
    int flags = compile__count_flags(s);
    code_t *co = compile__unit_finish(c, nm, flags, 1, 0, 0, n->line);
    compile__make_function(c, n, s, co, NULL);
    compile__expr(c, n->l1.v[0]->b);
    compile__emitd(c, n->l1.v[0]->flags ? OP_GET_AITER : OP_GET_ITER, 0, 0);
    compile__emitd(c, OP_CALL, 1, -1);
    if (s->coroutine && n->kind != N_GENEXP) {
        compile__emit(c, OP_GET_AWAITABLE, 0);
        compile__load_none(c);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
    }
}

static void fstring(compiler_t *c, node_t *n)
{
    int parts = 0;
    for (int i = 0; i < n->l1.n; i++) {
        node_t *p = n->l1.v[i];
        if (p->kind == N_CONSTANT) {
            compile_const(c, p);
        } else {
            compile__expr(c, p->a);
            int conv = p->op == 's' ? 1 : p->op == 'r' ? 2
                       : p->op == 'a' ? 3 : 0;
            if (p->b) {
                fstring(c, p->b);
                conv |= 4;
                compile__depth_add(c, -1);
            }
            compile__emit(c, OP_FORMAT_VALUE, conv);
        }
        parts++;
    }
    if (parts == 0) {
        compile__load_const(c, (obj_t *)c->vm->empty_str);
    } else if (parts > 1 || n->l1.v[0]->kind != N_CONSTANT) {
        compile__emitd(c, OP_BUILD_STRING, parts, 1 - parts);
    }
}

void compile__check_await(compiler_t *c, node_t *n, const char *what)
{
    scope_t *s = c->u->scope;
    bool is_await = strcmp(what, "await") == 0;
    bool is_async_stmt = strncmp(what, "async ", 6) == 0;
    if (s->kind == SCOPE_MODULE && (c->flags & COMPILE_TOPLEVEL_AWAIT) &&
        (is_await || is_async_stmt)) {
        c->toplevel_await = true;
        return;
    }
    if (is_async_stmt) {
        // compiler_async_for / compiler_async_with: one message anywhere.
        if (s->kind != SCOPE_FUNCTION || !s->coroutine) {
            compile__cfail(c, n, "'%s' outside async function", what);
        }
        return;
    }
    if (s->kind != SCOPE_FUNCTION) {
        compile__cfail(c, n, "'%s' outside function", what);
    } else if (!s->coroutine && strcmp(what, "await") == 0) {
        // Comprehensions inside async functions may await.
        scope_t *p = s;
        while (p && p->is_comprehension) {
            p = p->parent;
        }
        if (!p || p->kind != SCOPE_FUNCTION || !p->coroutine) {
            compile__cfail(c, n, "'await' outside async function");
        }
    }
}

void compile__expr(compiler_t *c, node_t *n)
{
    if (compile__too_deep(c, n)) {
        return;
    }
    vm_t *vm = c->vm;
    compile__set_line(c, n);
    switch (n->kind) {
    case N_CONSTANT:
        compile_const(c, n);
        break;
    case N_NAME:
        compile__name_op(c, n->s, ACC_LOAD);
        break;
    case N_JOINEDSTR:
        fstring(c, n);
        break;
    case N_BINOP:
        compile__expr(c, n->a);
        compile__expr(c, n->b);
        compile__set_line(c, n);
        compile__emitd(c, OP_BINARY, n->op, -1);
        break;
    case N_UNARYOP:
        if (n->op == UOP_NEG && n->a->kind == N_CONSTANT &&
            (n->a->flags == C_INT || n->a->flags == C_FLOAT)) {
            // Fold "-5" so that constants look like CPython's.
            if (n->a->flags == C_INT) {
                compile__load_const(c, int_new(vm, -n->a->i));
            } else {
                compile__load_const(c, float_new(vm, -n->a->f));
            }
            break;
        }
        compile__expr(c, n->a);
        compile__set_line(c, n);
        compile__emit(c, OP_UNARY, n->op);
        break;
    case N_BOOLOP: {
        int *js = calloc((size_t)n->l1.n, sizeof(int));
        for (int i = 0; i < n->l1.n; i++) {
            compile__expr(c, n->l1.v[i]);
            if (i < n->l1.n - 1) {
                js[i] = compile__emitd(c, n->op ? OP_JUMP_IF_TRUE_OR_POP
                                       : OP_JUMP_IF_FALSE_OR_POP, 0, -1);
            }
        }
        for (int i = 0; i < n->l1.n - 1; i++) {
            compile__patch_here(c, js[i]);
        }
        free(js);
        break;
    }
    case N_COMPARE:
        compare(c, n);
        break;
    case N_IFEXP: {
        compile__expr(c, n->a);
        int jf = compile__emitd(c, OP_POP_JUMP_IF_FALSE, 0, -1);
        compile__expr(c, n->b);
        int je = compile__emit(c, OP_JUMP, 0);
        compile__depth_add(c, -1);
        compile__patch_here(c, jf);
        compile__expr(c, n->c);
        compile__patch_here(c, je);
        break;
    }
    case N_CALL:
        call(c, n);
        break;
    case N_ATTRIBUTE:
        compile__expr(c, n->a);
        compile__set_line(c, n);
        compile__emit(c, OP_LOAD_ATTR, compile__add_name(c, n->s));
        break;
    case N_SUBSCRIPT:
        compile__expr(c, n->a);
        compile__expr(c, n->b);
        compile__set_line(c, n);
        compile__emitd(c, OP_BINARY_SUBSCR, 0, -1);
        break;
    case N_SLICE:
        if (n->a) {
            compile__expr(c, n->a);
        } else {
            compile__load_none(c);
        }
        if (n->b) {
            compile__expr(c, n->b);
        } else {
            compile__load_none(c);
        }
        if (n->c) {
            compile__expr(c, n->c);
            compile__emitd(c, OP_BUILD_SLICE, 3, -2);
        } else {
            compile__emitd(c, OP_BUILD_SLICE, 2, -1);
        }
        break;
    case N_LIST:
        sequence(c, &n->l1, OP_BUILD_LIST);
        break;
    case N_TUPLE:
        sequence(c, &n->l1, OP_BUILD_TUPLE);
        break;
    case N_SET:
        sequence(c, &n->l1, OP_BUILD_SET);
        break;
    case N_DICT: {
        int pending = 0;
        bool started = false;
        for (int i = 0; i < n->l1.n; i++) {
            if (n->l1.v[i] == NULL) {
                if (!started) {
                    compile__emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
                    started = true;
                } else if (pending) {
                    compile__emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
                    compile__emitd(c, OP_DICT_UPDATE, 1, -1);
                }
                pending = 0;
                compile__expr(c, n->l2.v[i]);
                compile__emitd(c, OP_DICT_UPDATE, 1, -1);
            } else {
                compile__expr(c, n->l1.v[i]);
                compile__expr(c, n->l2.v[i]);
                pending++;
            }
        }
        if (!started) {
            compile__emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
        } else if (pending) {
            compile__emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
            compile__emitd(c, OP_DICT_UPDATE, 1, -1);
        }
        break;
    }
    case N_LISTCOMP: case N_SETCOMP: case N_GENEXP: case N_DICTCOMP:
        comprehension(c, n);
        break;
    case N_LAMBDA: {
        scope_t *s = symtable__scope_of(c->u->scope, n);
        s->qualname = compile__qualify(c->u->scope, "<lambda>");
        compile__unit_push(c, s);
        compile__function_body(c, n, true);
        node_t *args = n->a;
        int flags = compile__count_flags(s);
        if (args->a) {
            flags |= CO_VARARGS;
        }
        if (args->b) {
            flags |= CO_VARKEYWORDS;
        }
        code_t *co = compile__unit_finish(c, "<lambda>", flags, args->l1.n,
                                          (int)args->i, args->l3.n, n->line);
        compile__make_function(c, n, s, co, args);
        break;
    }
    case N_AWAIT:
        compile__check_await(c, n, "await");
        compile__expr(c, n->a);
        compile__set_line(c, n);
        // 1: the operand is a call, whose result the await may own (vm.c).
        compile__emit(c, OP_GET_AWAITABLE, n->a->kind == N_CALL);
        compile__load_none(c);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
        break;
    case N_YIELD:
        compile__check_await(c, n, "yield");
        if (n->a) {
            compile__expr(c, n->a);
        } else {
            compile__load_none(c);
        }
        compile__set_line(c, n);
        compile__emit(c, OP_YIELD_VALUE, 0);
        break;
    case N_YIELDFROM:
        compile__check_await(c, n, "yield");
        if (c->u->scope->coroutine) {
            compile__cfail(c, n, "'yield from' inside async function");
        }
        compile__expr(c, n->a);
        compile__emit(c, OP_GET_YIELD_FROM_ITER, 0);
        compile__load_none(c);
        compile__set_line(c, n);
        compile__emitd(c, OP_YIELD_FROM, 0, -1);
        break;
    case N_STARRED:
        compile__cfail(c, n, "can't use starred expression here");
        break;
    case N_NAMEDEXPR: {
        compile__expr(c, n->b);
        compile__emitd(c, OP_DUP_TOP, 0, 1);
        // Bind in the enclosing non-comprehension scope.
        scope_t *s = c->u->scope;
        const char *nm = symtable__mangle(s, n->a->s);
        sym_t *y = symtable__find(s, nm);
        if (s->is_comprehension && y && (y->flags & SYM_FREE)) {
            compile__emitd(c, OP_STORE_DEREF, compile__cell_index(c->u, nm),
                           -1);
        } else {
            compile__name_op(c, n->a->s, ACC_STORE);
        }
        break;
    }
    default:
        compile__cfail(c, n, "invalid syntax");
        break;
    }
}

/* ==== Assignment targets ============================================== */

void compile__store_target(compiler_t *c, node_t *t)
{
    compile__set_line(c, t);
    switch (t->kind) {
    case N_NAME:
        compile__name_op(c, t->s, ACC_STORE);
        break;
    case N_ATTRIBUTE:
        compile__expr(c, t->a);
        compile__emitd(c, OP_STORE_ATTR, compile__add_name(c, t->s), -2);
        break;
    case N_SUBSCRIPT:
        compile__expr(c, t->a);
        compile__expr(c, t->b);
        compile__emitd(c, OP_STORE_SUBSCR, 0, -3);
        break;
    case N_TUPLE: case N_LIST: {
        int star = -1;
        for (int i = 0; i < t->l1.n; i++) {
            if (t->l1.v[i]->kind == N_STARRED) {
                if (star >= 0) {
                    compile__cfail(c, t, "multiple starred expressions in "
                                         "assignment");
                }
                star = i;
            }
        }
        if (star >= 0) {
            int after = t->l1.n - star - 1;
            compile__emitd(c, OP_UNPACK_EX, star | (after << 8), t->l1.n - 1);
        } else {
            compile__emitd(c, OP_UNPACK_SEQUENCE, t->l1.n, t->l1.n - 1);
        }
        for (int i = 0; i < t->l1.n; i++) {
            node_t *e = t->l1.v[i];
            compile__store_target(c, e->kind == N_STARRED ? e->a : e);
        }
        break;
    }
    case N_STARRED:
        compile__cfail(c, t,
                       "starred assignment target must be in a list or tuple");
        break;
    default:
        compile__cfail(c, t, "cannot assign to expression");
        break;
    }
}

void compile__delete_target(compiler_t *c, node_t *t)
{
    switch (t->kind) {
    case N_NAME:
        compile__name_op(c, t->s, ACC_DEL);
        break;
    case N_ATTRIBUTE:
        compile__expr(c, t->a);
        compile__emitd(c, OP_DELETE_ATTR, compile__add_name(c, t->s), -1);
        break;
    case N_SUBSCRIPT:
        compile__expr(c, t->a);
        compile__expr(c, t->b);
        compile__emitd(c, OP_DELETE_SUBSCR, 0, -2);
        break;
    case N_TUPLE: case N_LIST:
        for (int i = 0; i < t->l1.n; i++) {
            compile__delete_target(c, t->l1.v[i]);
        }
        break;
    default:
        compile__cfail(c, t, "cannot delete expression");
        break;
    }
}
