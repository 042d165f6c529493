/*
 * symtable.c - the compiler's symbol pass: one scope per module,
 * function, lambda, class and comprehension, and the resolution of every
 * name to local / cell / free / global / name access before code is
 * emitted (compile.c).
 *
 * Mirrors CPython 3.10's Python/symtable.c (symtable_visit_*,
 * analyze_name) and its SyntaxError texts for global/nonlocal misuse.
 *
 * Invariants:
 *  - a scope holds each name once (sym_add merges flags); the visit only
 *    records what the scope does with a name (SYM_BOUND, SYM_PARAM,
 *    SYM_GLOBAL, SYM_NONLOCAL, SYM_USED), resolution adds how it is
 *    reached (SYM_FREE, SYM_CELL, SYM_GLOBAL_IMPLICIT, SYM_FREE_CLASS);
 *  - the first error is kept in a symerr_t and later ones are ignored;
 *  - the visit counts its depth in statements and expressions, and stops
 *    with RecursionError past the limit, as CPython's does (sym_visit):
 *    left-nested chains (a.b.c..., 1+1+...) have no other bound;
 *  - strings made here (mangled names, name pieces) live in the root
 *    scope's pool and are freed with the scope tree.
 */
#include "code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "compile_int.h"

/* ==== Symbol tables ==================================================== */

sym_t *symtable__find(scope_t *s, const char *name)
{
    for (int i = 0; i < s->nsyms; i++) {
        if (strcmp(s->syms[i].name, name) == 0) {
            return &s->syms[i];
        }
    }
    return NULL;
}

static sym_t *sym_add(scope_t *s, const char *name, int flags)
{
    sym_t *y = symtable__find(s, name);
    if (!y) {
        if (s->nsyms == s->capsyms) {
            s->capsyms = s->capsyms ? s->capsyms * 2 : 8;
            s->syms = realloc(s->syms, (size_t)s->capsyms * sizeof(sym_t));
        }
        y = &s->syms[s->nsyms++];
        y->name = name;
        y->flags = 0;
        y->line = y->col = 0;
    }
    y->flags |= flags;
    return y;
}

scope_t *symtable__scope_new(scope_t *parent, int kind, node_t *n)
{
    scope_t *s = calloc(1, sizeof *s);
    s->kind = kind;
    s->node = n;
    s->parent = parent;
    s->priv = parent ? parent->priv : NULL;
    if (parent) {
        if (parent->nkids == parent->capkids) {
            parent->capkids = parent->capkids ? parent->capkids * 2 : 4;
            parent->kids = realloc(parent->kids,
                                   (size_t)parent->capkids * sizeof(scope_t *));
        }
        parent->kids[parent->nkids++] = s;
    }
    return s;
}

void symtable__scope_free(scope_t *s)
{
    for (int i = 0; i < s->nkids; i++) {
        symtable__scope_free(s->kids[i]);
    }
    for (int i = 0; i < s->npool; i++) {
        free(s->pool[i]);
    }
    free(s->pool);
    free(s->kids);
    free(s->syms);
    free(s->params);
    free(s->qualname);
    free(s);
}

/* Hands the malloc'ed string [d] to the scope tree's string pool. */
static const char *pool_keep(scope_t *s, char *d)
{
    while (s->parent) {
        s = s->parent;
    }
    if (s->npool == s->cappool) {
        s->cappool = s->cappool ? s->cappool * 2 : 8;
        s->pool = realloc(s->pool, (size_t)s->cappool * sizeof(char *));
    }
    s->pool[s->npool++] = d;
    return d;
}

/* Copies [n] bytes of [text] into the scope tree's string pool. */
const char *symtable__pool_strndup(scope_t *s, const char *text, size_t n)
{
    char *d = malloc(n + 1);
    memcpy(d, text, n);
    d[n] = 0;
    return pool_keep(s, d);
}

/* Private name mangling (CPython's _Py_Mangle): inside a class C, an
 * identifier "__x" that does not end in "__" and has no dot becomes
 * "_C__x", with C's leading underscores stripped; nothing changes when
 * the class name is only underscores. Mangling is applied wherever a
 * name is bound or looked up, so a mangled name is never mangled again
 * (it starts with one underscore and a letter). */
const char *symtable__mangle(scope_t *s, const char *name)
{
    const char *priv = s->priv;
    if (!priv || name[0] != '_' || name[1] != '_') {
        return name;
    }
    size_t n = strlen(name);
    if ((name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.')) {
        return name;
    }
    while (*priv == '_') {
        priv++;
    }
    if (!*priv) {
        return name;
    }
    size_t np = strlen(priv);
    char *buf = malloc(np + n + 2);
    buf[0] = '_';
    memcpy(buf + 1, priv, np);
    memcpy(buf + 1 + np, name, n + 1);
    return pool_keep(s, buf);
}

scope_t *symtable__scope_of(scope_t *root, node_t *n)
{
    if (root->node == n) {
        return root;
    }
    for (int i = 0; i < root->nkids; i++) {
        scope_t *r = symtable__scope_of(root->kids[i], n);
        if (r) {
            return r;
        }
    }
    return NULL;
}

static void sym_visit(scope_t *s, node_t *n, symerr_t *err);

void symtable__visit_list(scope_t *s, nlist_t *l, symerr_t *err)
{
    for (int i = 0; i < l->n; i++) {
        if (l->v[i]) {
            sym_visit(s, l->v[i], err);
        }
    }
}

static void sym_bind_target(scope_t *s, node_t *t, symerr_t *err)
{
    switch (t->kind) {
    case N_NAME:
        sym_add(s, symtable__mangle(s, t->s), SYM_BOUND);
        break;
    case N_TUPLE: case N_LIST:
        for (int i = 0; i < t->l1.n; i++) {
            sym_bind_target(s, t->l1.v[i], err);
        }
        break;
    case N_STARRED:
        sym_bind_target(s, t->a, err);
        break;
    default:
        sym_visit(s, t, err);
        break;
    }
}

static void sym_params(scope_t *s, node_t *args)
{
    int total = args->l1.n + args->l3.n + (args->a != NULL) + (args->b != NULL);
    s->params = calloc((size_t)total + 1, sizeof(char *));
    for (int i = 0; i < args->l1.n; i++) {
        s->params[s->nparams++] = args->l1.v[i]->s;
    }
    for (int i = 0; i < args->l3.n; i++) {
        s->params[s->nparams++] = args->l3.v[i]->s;
    }
    if (args->a) {
        s->params[s->nparams++] = args->a->s;
    }
    if (args->b) {
        s->params[s->nparams++] = args->b->s;
    }
    for (int i = 0; i < s->nparams; i++) {
        s->params[i] = symtable__mangle(s, s->params[i]);
        sym_add(s, s->params[i], SYM_BOUND | SYM_PARAM);
    }
}

static void sym_comprehension(scope_t *s, node_t *n, symerr_t *err)
{
    // The first iterable is evaluated in the enclosing scope; everything
    // else runs in the comprehension's own function scope (PEP 709 came
    // later, in 3.12).
    node_t *g0 = n->l1.v[0];
    sym_visit(s, g0->b, err);
    scope_t *c = symtable__scope_new(s, SCOPE_FUNCTION, n);
    c->is_comprehension = true;
    c->params = calloc(2, sizeof(char *));
    c->params[c->nparams++] = ".0";
    sym_add(c, ".0", SYM_BOUND | SYM_PARAM);
    for (int i = 0; i < n->l1.n; i++) {
        node_t *g = n->l1.v[i];
        if (i > 0) {
            sym_visit(c, g->b, err);
        }
        sym_bind_target(c, g->a, err);
        symtable__visit_list(c, &g->l1, err);
        if (g->flags) {
            c->coroutine = true;
        }
    }
    if (n->a) {
        sym_visit(c, n->a, err);
    }
    if (n->b) {
        sym_visit(c, n->b, err);
    }
    if (n->kind == N_GENEXP) {
        c->generator = true;
    }
    // An async list/set/dict comprehension is awaited where it is called,
    // which makes an enclosing comprehension asynchronous too.
    if (c->coroutine && n->kind != N_GENEXP && s->is_comprehension) {
        s->coroutine = true;
    }
}

/* Parameter and return annotations are evaluated in the scope holding
 * the def. */
static void sym_annotations(scope_t *s, node_t *args, node_t *returns,
                            symerr_t *err)
{
    for (int i = 0; i < args->l1.n; i++) {
        sym_visit(s, args->l1.v[i]->a, err);
    }
    for (int i = 0; i < args->l3.n; i++) {
        sym_visit(s, args->l3.v[i]->a, err);
    }
    if (args->a) {
        sym_visit(s, args->a->a, err);
    }
    if (args->b) {
        sym_visit(s, args->b->a, err);
    }
    sym_visit(s, returns, err);
}

/* Whether CPython's symtable counts a level for [kind]: statements and
 * expressions do; the module, handlers, arguments, keywords,
 * comprehension clauses, aliases and with-items do not. */
static bool counts_level(int kind)
{
    switch (kind) {
    case N_MODULE: case N_HANDLER: case N_WITHITEM: case N_ALIAS:
    case N_COMPREHENSION: case N_CMPOP: case N_KEYWORD: case N_ARGS:
    case N_ARG:
        return false;
    default:
        return true;
    }
}

static void sym_visit_node(scope_t *s, node_t *n, symerr_t *err);

static void sym_visit(scope_t *s, node_t *n, symerr_t *err)
{
    if (!n || err->too_deep) {
        return;
    }
    bool counted = counts_level(n->kind);
    if (counted && (++err->depth > err->limit || cstack_low(err->floor))) {
        err->too_deep = true;
        // (An error found earlier in the visit stands: CPython's pass
        // would have stopped there.)
        if (!err->set) {
            err->set = 1;
            err->recursion = true;
            err->line = n->line;
            err->col = n->col;
            snprintf(err->msg, sizeof err->msg, "%s", COMPILE_TOO_DEEP);
        }
        return;
    }
    sym_visit_node(s, n, err);
    if (counted) {
        err->depth--;
    }
}

static void sym_visit_node(scope_t *s, node_t *n, symerr_t *err)
{
    switch (n->kind) {
    case N_NAME:
        sym_add(s, symtable__mangle(s, n->s), SYM_USED);
        if (strcmp(n->s, "super") == 0) {
            s->uses_super = true;
        }
        return;
    case N_AWAIT:
        // A comprehension that awaits is asynchronous (a generator
        // expression becomes an async generator).
        if (s->is_comprehension) {
            s->coroutine = true;
        }
        sym_visit(s, n->a, err);
        return;
    case N_FUNCDEF: {
        symtable__visit_list(s, &n->l2, err);
        node_t *args = n->a;
        symtable__visit_list(s, &args->l2, err);
        symtable__visit_list(s, &args->l4, err);
        sym_annotations(s, args, n->b, err);
        sym_add(s, symtable__mangle(s, n->s), SYM_BOUND);
        scope_t *f = symtable__scope_new(s, SCOPE_FUNCTION, n);
        f->name = n->s;
        f->coroutine = n->flags != 0;
        sym_params(f, args);
        symtable__visit_list(f, &n->l1, err);
        return;
    }
    case N_LAMBDA: {
        symtable__visit_list(s, &n->a->l2, err);
        symtable__visit_list(s, &n->a->l4, err);
        scope_t *f = symtable__scope_new(s, SCOPE_FUNCTION, n);
        f->name = "<lambda>";
        sym_params(f, n->a);
        sym_visit(f, n->b, err);
        return;
    }
    case N_CLASSDEF: {
        symtable__visit_list(s, &n->l4, err);
        symtable__visit_list(s, &n->l2, err);
        symtable__visit_list(s, &n->l3, err);
        sym_add(s, symtable__mangle(s, n->s), SYM_BOUND);
        scope_t *c = symtable__scope_new(s, SCOPE_CLASS, n);
        c->name = n->s;
        c->priv = n->s;
        symtable__visit_list(c, &n->l1, err);
        return;
    }
    case N_LISTCOMP: case N_SETCOMP: case N_GENEXP: case N_DICTCOMP:
        sym_comprehension(s, n, err);
        return;
    case N_GLOBAL: case N_NONLOCAL:
        for (int i = 0; i < n->l1.n; i++) {
            const char *nm = symtable__mangle(s, n->l1.v[i]->s);
            sym_t *y = symtable__find(s, nm);
            if (y && (y->flags & (SYM_BOUND | SYM_USED)) && !err->set) {
                err->set = 1;
                err->line = n->line;
                err->col = n->col;
                snprintf(err->msg, sizeof err->msg,
                         "name '%s' is %s %s declaration", nm,
                         (y->flags & SYM_BOUND) ? "assigned to before"
                                                : "used prior to",
                         n->kind == N_GLOBAL ? "global" : "nonlocal");
            }
            if (n->kind == N_NONLOCAL && s->kind == SCOPE_MODULE &&
                !err->set) {
                err->set = 1;
                err->line = n->line;
                err->col = n->col;
                snprintf(err->msg, sizeof err->msg,
                         "nonlocal declaration not allowed at module level");
            }
            sym_t *d = sym_add(s, nm, n->kind == N_GLOBAL ? SYM_GLOBAL
                                                          : SYM_NONLOCAL);
            d->line = n->line;
            d->col = n->col;
        }
        return;
    case N_ASSIGN:
        for (int i = 0; i < n->l1.n; i++) {
            sym_bind_target(s, n->l1.v[i], err);
        }
        sym_visit(s, n->a, err);
        return;
    case N_AUGASSIGN:
        sym_bind_target(s, n->a, err);
        if (n->a->kind == N_NAME) {
            sym_add(s, symtable__mangle(s, n->a->s), SYM_USED);
        }
        sym_visit(s, n->b, err);
        return;
    case N_ANNASSIGN:
        // The annotation's names are uses even where it is never
        // evaluated (symtable_visit_annotation).
        if (n->a->kind == N_NAME) {
            sym_add(s, symtable__mangle(s, n->a->s), SYM_BOUND);
        } else {
            sym_visit(s, n->a, err);
        }
        sym_visit(s, n->b, err);
        sym_visit(s, n->c, err);
        return;
    case N_DEL:
        for (int i = 0; i < n->l1.n; i++) {
            sym_bind_target(s, n->l1.v[i], err);
        }
        return;
    case N_FOR:
        sym_bind_target(s, n->a, err);
        sym_visit(s, n->b, err);
        symtable__visit_list(s, &n->l1, err);
        symtable__visit_list(s, &n->l2, err);
        return;
    case N_WITHITEM:
        sym_visit(s, n->a, err);
        if (n->b) {
            sym_bind_target(s, n->b, err);
        }
        return;
    case N_HANDLER:
        sym_visit(s, n->a, err);
        if (n->s) {
            sym_add(s, symtable__mangle(s, n->s), SYM_BOUND);
        }
        symtable__visit_list(s, &n->l1, err);
        return;
    case N_IMPORT: case N_IMPORTFROM:
        for (int i = 0; i < n->l1.n; i++) {
            node_t *a = n->l1.v[i];
            if (strcmp(a->s, "*") == 0) {
                continue;
            }
            if (a->s2) {
                sym_add(s, symtable__mangle(s, a->s2), SYM_BOUND);
            } else {
                // "import a.b" binds "a".
                const char *dot = strchr(a->s, '.');
                if (dot && n->kind == N_IMPORT) {
                    const char *first = symtable__pool_strndup(
                        s, a->s, (size_t)(dot - a->s));
                    sym_add(s, symtable__mangle(s, first), SYM_BOUND);
                } else {
                    sym_add(s, symtable__mangle(s, a->s), SYM_BOUND);
                }
            }
        }
        return;
    case N_NAMEDEXPR: {
        // The target binds in the nearest non-comprehension scope.
        scope_t *t = s;
        while (t->is_comprehension && t->parent) {
            t = t->parent;
        }
        const char *nm = symtable__mangle(s, n->a->s);
        sym_add(t, nm, SYM_BOUND);
        if (t != s) {
            sym_add(s, nm, SYM_USED);
        }
        sym_visit(s, n->b, err);
        return;
    }
    case N_YIELD: case N_YIELDFROM:
        s->generator = true;
        break;
    default:
        break;
    }
    sym_visit(s, n->a, err);
    sym_visit(s, n->b, err);
    sym_visit(s, n->c, err);
    symtable__visit_list(s, &n->l1, err);
    symtable__visit_list(s, &n->l2, err);
    symtable__visit_list(s, &n->l3, err);
    symtable__visit_list(s, &n->l4, err);
}

/* Resolves free names bottom-up: a name used but not bound in a function
 * scope is free if an enclosing function binds it, which makes it a cell
 * there; class scopes are skipped, as in CPython. */
static void sym_resolve(scope_t *s, symerr_t *err)
{
    if (s->uses_super && s->kind == SCOPE_FUNCTION) {
        // super() with no arguments needs the __class__ cell of the
        // enclosing class body.
        for (scope_t *p = s->parent; p; p = p->parent) {
            if (p->kind == SCOPE_CLASS) {
                sym_add(s, "__class__", SYM_USED);
                break;
            }
        }
    }
    for (int i = 0; i < s->nsyms; i++) {
        sym_t *y = &s->syms[i];
        if (y->flags & SYM_GLOBAL) {
            continue;
        }
        bool local = (y->flags & SYM_BOUND) && !(y->flags & SYM_NONLOCAL);
        if (local && s->kind == SCOPE_FUNCTION) {
            continue;
        }
        if (s->kind == SCOPE_MODULE) {
            continue;
        }
        if (local) {
            continue; // class-body binding: a name in the class dict
        }
        // Look for a binding in enclosing function scopes.
        bool found = false;
        bool is_class_cell = strcmp(y->name, "__class__") == 0;
        for (scope_t *p = s->parent; p; p = p->parent) {
            if (p->kind == SCOPE_CLASS) {
                if (is_class_cell) {
                    p->needs_class_cell = true;
                    found = true;
                    break;
                }
                continue;
            }
            if (p->kind == SCOPE_MODULE) {
                break;
            }
            sym_t *q = symtable__find(p, y->name);
            if (q && (q->flags & SYM_BOUND) && !(q->flags & SYM_GLOBAL) &&
                !(q->flags & SYM_NONLOCAL)) {
                q->flags |= SYM_CELL;
                found = true;
                break;
            }
            if (q && (q->flags & SYM_GLOBAL)) {
                break;
            }
        }
        if (found) {
            y->flags |= s->kind == SCOPE_CLASS ? SYM_FREE_CLASS : SYM_FREE;
            // Every function scope in between passes the cell through.
            for (scope_t *p = s->parent; p; p = p->parent) {
                sym_t *q = symtable__find(p, y->name);
                if (p->kind == SCOPE_CLASS) {
                    if (is_class_cell) {
                        break;
                    }
                    continue;
                }
                if (q && (q->flags & SYM_CELL)) {
                    break;
                }
                sym_add(p, y->name, SYM_FREE);
            }
        } else if (y->flags & SYM_NONLOCAL) {
            // No enclosing function binds it (symtable's analyze_name).
            y->flags |= SYM_FREE;
            if (!err->set && s->kind != SCOPE_MODULE) {
                err->set = 1;
                err->line = y->line;
                err->col = y->col;
                snprintf(err->msg, sizeof err->msg,
                         "no binding for nonlocal '%s' found", y->name);
            }
        } else {
            y->flags |= SYM_GLOBAL_IMPLICIT;
        }
    }
    for (int i = 0; i < s->nkids; i++) {
        sym_resolve(s->kids[i], err);
    }
}

/* Children resolve before parents can know their cells, so resolve runs
 * until nothing changes (scopes nest shallowly; two passes suffice). */
void symtable__resolve_all(scope_t *root, symerr_t *err)
{
    sym_resolve(root, err);
    sym_resolve(root, err);
}
