/*
 * compile.c - AST to bytecode (mirrors CPython 3.10's Python/symtable.c and
 * Python/compile.c, which used a run-time block stack like ours).
 *
 * Two passes per module: a symbol pass builds one scope per module,
 * function, lambda, class and comprehension and resolves every name to
 * local / cell / free / global / name access; the code pass then emits
 * 32-bit instructions. Invariants of the code pass:
 *  - c->depth is an upper bound of the value stack depth at the point of
 *    emission (exactness is not needed: frames get max depth + slack);
 *  - the fblock stack mirrors what return/break/continue must undo (loop
 *    iterators on the stack, try blocks, handlers, with blocks), so those
 *    statements emit their unwinding inline, as CPython 3.9+ does.
 */
#include "code.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "parse.h"

/* ==== Symbol tables ==================================================== */

enum { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_CLASS };

/* Symbol flags: what the scope does with a name, then how it resolved. */
enum {
    SYM_BOUND = 1, SYM_PARAM = 2, SYM_GLOBAL = 4, SYM_NONLOCAL = 8,
    SYM_USED = 16, SYM_FREE = 32, SYM_CELL = 64, SYM_GLOBAL_IMPLICIT = 128,
    SYM_FREE_CLASS = 256
};

/* line/col: where a nonlocal declaration named it (for errors). */
typedef struct sym { const char *name; int flags; int line, col; } sym_t;

typedef struct scope {
    int kind;
    node_t *node;
    struct scope *parent;
    struct scope **kids;
    int nkids, capkids;
    sym_t *syms;
    int nsyms, capsyms;
    const char **params;   /* in order */
    int nparams;
    bool generator, coroutine, uses_super, needs_class_cell;
    bool is_comprehension;
    const char *name;
    char *qualname;
    /* The class whose private names (__x) are mangled here: the
     * innermost enclosing class, the class itself for its body
     * (CPython's u_private / st_private). */
    const char *priv;
    /* Root scope only: mangled names and name pieces made by the
     * compiler, freed with the scope tree (nodes and symbols point at
     * them). */
    char **pool;
    int npool, cappool;
} scope_t;

typedef struct compiler compiler_t;

static sym_t *sym_find(scope_t *s, const char *name)
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
    sym_t *y = sym_find(s, name);
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

static scope_t *scope_new(scope_t *parent, int kind, node_t *n)
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

static void scope_free(scope_t *s)
{
    for (int i = 0; i < s->nkids; i++) {
        scope_free(s->kids[i]);
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
static const char *pool_strndup(scope_t *s, const char *text, size_t n)
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
static const char *mangle(scope_t *s, const char *name)
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

static scope_t *scope_of(scope_t *root, node_t *n)
{
    if (root->node == n) {
        return root;
    }
    for (int i = 0; i < root->nkids; i++) {
        scope_t *r = scope_of(root->kids[i], n);
        if (r) {
            return r;
        }
    }
    return NULL;
}

typedef struct symerr { int line, col; char msg[200]; int set; } symerr_t;

static void sym_visit(scope_t *s, node_t *n, symerr_t *err);

static void sym_visit_list(scope_t *s, nlist_t *l, symerr_t *err)
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
        sym_add(s, mangle(s, t->s), SYM_BOUND);
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
        s->params[i] = mangle(s, s->params[i]);
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
    scope_t *c = scope_new(s, SCOPE_FUNCTION, n);
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
        sym_visit_list(c, &g->l1, err);
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

static void sym_visit(scope_t *s, node_t *n, symerr_t *err)
{
    if (!n) {
        return;
    }
    switch (n->kind) {
    case N_NAME:
        sym_add(s, mangle(s, n->s), SYM_USED);
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
        sym_visit_list(s, &n->l2, err);
        node_t *args = n->a;
        sym_visit_list(s, &args->l2, err);
        sym_visit_list(s, &args->l4, err);
        sym_annotations(s, args, n->b, err);
        sym_add(s, mangle(s, n->s), SYM_BOUND);
        scope_t *f = scope_new(s, SCOPE_FUNCTION, n);
        f->name = n->s;
        f->coroutine = n->flags != 0;
        sym_params(f, args);
        sym_visit_list(f, &n->l1, err);
        return;
    }
    case N_LAMBDA: {
        sym_visit_list(s, &n->a->l2, err);
        sym_visit_list(s, &n->a->l4, err);
        scope_t *f = scope_new(s, SCOPE_FUNCTION, n);
        f->name = "<lambda>";
        sym_params(f, n->a);
        sym_visit(f, n->b, err);
        return;
    }
    case N_CLASSDEF: {
        sym_visit_list(s, &n->l4, err);
        sym_visit_list(s, &n->l2, err);
        sym_visit_list(s, &n->l3, err);
        sym_add(s, mangle(s, n->s), SYM_BOUND);
        scope_t *c = scope_new(s, SCOPE_CLASS, n);
        c->name = n->s;
        c->priv = n->s;
        sym_visit_list(c, &n->l1, err);
        return;
    }
    case N_LISTCOMP: case N_SETCOMP: case N_GENEXP: case N_DICTCOMP:
        sym_comprehension(s, n, err);
        return;
    case N_GLOBAL: case N_NONLOCAL:
        for (int i = 0; i < n->l1.n; i++) {
            const char *nm = mangle(s, n->l1.v[i]->s);
            sym_t *y = sym_find(s, nm);
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
            sym_add(s, mangle(s, n->a->s), SYM_USED);
        }
        sym_visit(s, n->b, err);
        return;
    case N_ANNASSIGN:
        // The annotation's names are uses even where it is never
        // evaluated (symtable_visit_annotation).
        if (n->a->kind == N_NAME) {
            sym_add(s, mangle(s, n->a->s), SYM_BOUND);
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
        sym_visit_list(s, &n->l1, err);
        sym_visit_list(s, &n->l2, err);
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
            sym_add(s, mangle(s, n->s), SYM_BOUND);
        }
        sym_visit_list(s, &n->l1, err);
        return;
    case N_IMPORT: case N_IMPORTFROM:
        for (int i = 0; i < n->l1.n; i++) {
            node_t *a = n->l1.v[i];
            if (strcmp(a->s, "*") == 0) {
                continue;
            }
            if (a->s2) {
                sym_add(s, mangle(s, a->s2), SYM_BOUND);
            } else {
                // "import a.b" binds "a".
                const char *dot = strchr(a->s, '.');
                if (dot && n->kind == N_IMPORT) {
                    const char *first = pool_strndup(
                        s, a->s, (size_t)(dot - a->s));
                    sym_add(s, mangle(s, first), SYM_BOUND);
                } else {
                    sym_add(s, mangle(s, a->s), SYM_BOUND);
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
        const char *nm = mangle(s, n->a->s);
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
    sym_visit_list(s, &n->l1, err);
    sym_visit_list(s, &n->l2, err);
    sym_visit_list(s, &n->l3, err);
    sym_visit_list(s, &n->l4, err);
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
            sym_t *q = sym_find(p, y->name);
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
                sym_t *q = sym_find(p, y->name);
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
static void sym_resolve_all(scope_t *root, symerr_t *err)
{
    sym_resolve(root, err);
    sym_resolve(root, err);
}

/* ==== Code emission ===================================================== */

enum {
    FB_WHILE, FB_FOR, FB_TRY_FINALLY, FB_TRY_EXCEPT, FB_HANDLER,
    FB_FINALLY_EXC, FB_WITH, FB_ASYNC_WITH, FB_FINALLY_NORMAL
};

typedef struct fblock {
    int kind;
    int start;             /* loop: continue target */
    int *breaks;           /* loop: jumps to patch to the loop's end */
    int nbreaks, capbreaks;
    node_t *final;         /* try/finally: the finally body (its list) */
    nlist_t *finalbody;
} fblock_t;

typedef struct unit {
    scope_t *scope;
    uint32_t *ops;
    int32_t *lines;
    size_t nops, capops;
    obj_t **consts;
    int nconsts, capconsts;
    const char **names;
    int nnames, capnames;
    const char **varnames;
    int nvarnames, capvarnames;
    const char **cellvars;
    int ncellvars;
    const char **freevars;
    int nfreevars;
    fblock_t fb[64];
    int nfb, maxnfb;
    int depth, maxdepth;
    int line;
    struct unit *prev;
} unit_t;

struct compiler {
    vm_t *vm;
    int flags;             /* COMPILE_* */
    bool toplevel_await;   /* the module code awaits: make it a coroutine */
    scope_t *root;
    unit_t *u;
    const char *filename;
    int err_line, err_col;
    char err_msg[200];
    bool failed;
};

static void cfail(compiler_t *c, node_t *n, const char *fmt, ...)
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

static void depth_add(compiler_t *c, int d)
{
    c->u->depth += d;
    if (c->u->depth > c->u->maxdepth) {
        c->u->maxdepth = c->u->depth;
    }
    if (c->u->depth < 0) {
        c->u->depth = 0;
    }
}

static int emit(compiler_t *c, int op, int arg)
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
static int emitd(compiler_t *c, int op, int arg, int d)
{
    int at = emit(c, op, arg);
    depth_add(c, d);
    return at;
}

static int here(compiler_t *c) { return (int)c->u->nops; }

static void patch(compiler_t *c, int at, int target)
{
    c->u->ops[at] = (c->u->ops[at] & 0xff) | ((uint32_t)target << 8);
}

static void patch_here(compiler_t *c, int at) { patch(c, at, here(c)); }

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
static int add_name(compiler_t *c, const char *s)
{
    s = mangle(c->u->scope, s);
    return add_name_to(&c->u->names, &c->u->nnames, &c->u->capnames, s);
}

static int add_varname(compiler_t *c, const char *s)
{
    return add_name_to(&c->u->varnames, &c->u->nvarnames,
                       &c->u->capvarnames, s);
}

static void load_const(compiler_t *c, obj_t *o)
{
    emitd(c, OP_LOAD_CONST, add_const(c, o), 1);
}

static void load_none(compiler_t *c) { load_const(c, c->vm->none); }

static obj_t *cstr(compiler_t *c, const char *s)
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

enum { ACC_LOAD, ACC_STORE, ACC_DEL };

static int cell_index(unit_t *u, const char *name)
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

static void name_op(compiler_t *c, const char *name, int acc)
{
    unit_t *u = c->u;
    scope_t *s = u->scope;
    name = mangle(s, name);
    sym_t *y = sym_find(s, name);
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
        emitd(c, global_ops[acc], add_name(c, name), d);
        return;
    }
    if (s->kind == SCOPE_MODULE) {
        emitd(c, name_ops[acc], add_name(c, name), d);
        return;
    }
    if (s->kind == SCOPE_CLASS) {
        if ((flags & SYM_FREE_CLASS) && acc == ACC_LOAD &&
            !(flags & SYM_BOUND)) {
            emitd(c, OP_LOAD_CLASSDEREF, cell_index(u, name), d);
            add_name(c, name);
            return;
        }
        emitd(c, name_ops[acc], add_name(c, name), d);
        return;
    }
    if (flags & (SYM_CELL | SYM_FREE)) {
        emitd(c, deref_ops[acc], cell_index(u, name), d);
        return;
    }
    if ((flags & SYM_BOUND) && !(flags & SYM_NONLOCAL)) {
        emitd(c, fast_ops[acc], add_varname(c, name), d);
        return;
    }
    emitd(c, global_ops[acc], add_name(c, name), d);
}

/* ---- Units -------------------------------------------------------------- */

static void unit_push(compiler_t *c, scope_t *s)
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
        t->items[i] = cstr(c, v[i]);
    }
    return t;
}

static code_t *unit_finish(compiler_t *c, const char *name, int flags,
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
    co->stacksize = u->maxdepth + 12;
    // Run-time blocks never outnumber the compile-time ones plus the
    // handler blocks of except* clauses.
    co->nblocks = u->maxnfb + 2;
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

/* ==== Expressions ====================================================== */

static void expr(compiler_t *c, node_t *n);
static void stmts(compiler_t *c, nlist_t *l);
static void stmt(compiler_t *c, node_t *n);
static void store_target(compiler_t *c, node_t *t);

static void set_line(compiler_t *c, node_t *n)
{
    if (n && n->line > 0) {
        c->u->line = n->line;
    }
}

static void compile_const(compiler_t *c, node_t *n)
{
    vm_t *vm = c->vm;
    switch (n->flags) {
    case C_INT: load_const(c, int_new(vm, n->i)); break;
    case C_FLOAT: load_const(c, float_new(vm, n->f)); break;
    case C_STR:
        // Interning keys on the C string: strings with NULs, and long ones,
        // are stored as they are (add_const still shares equal ones).
        load_const(c, n->slen < 40 && strlen(n->s) == n->slen
                          ? (obj_t *)str_intern(vm, n->s)
                          : (obj_t *)str_new(vm, n->s, n->slen));
        break;
    case C_NONE: load_none(c); break;
    case C_TRUE: load_const(c, vm->true_); break;
    case C_FALSE: load_const(c, vm->false_); break;
    case C_ELLIPSIS: load_const(c, vm->ellipsis); break;
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
            expr(c, elts->v[i]);
        }
        emitd(c, build_op, elts->n, 1 - elts->n);
        return;
    }
    bool set = build_op == OP_BUILD_SET;
    emitd(c, set ? OP_BUILD_SET : OP_BUILD_LIST, 0, 1);
    for (int i = 0; i < elts->n; i++) {
        node_t *e = elts->v[i];
        if (e->kind == N_STARRED) {
            expr(c, e->a);
            emitd(c, set ? OP_SET_UPDATE : OP_LIST_EXTEND, 1, -1);
        } else {
            expr(c, e);
            emitd(c, set ? OP_SET_ADD : OP_LIST_APPEND, 1, -1);
        }
    }
    if (build_op == OP_BUILD_TUPLE) {
        emit(c, OP_LIST_TO_TUPLE, 0);
    }
}

static void call_helper(compiler_t *c, node_t *n, int nprefix)
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
            expr(c, n->l1.v[i]);
        }
        if (n->l2.n == 0) {
            emitd(c, OP_CALL, n->l1.n + nprefix, -(n->l1.n + nprefix));
            return;
        }
        tuple_t *kwn = tuple_new(c->vm, (size_t)n->l2.n);
        for (int i = 0; i < n->l2.n; i++) {
            expr(c, n->l2.v[i]->a);
            kwn->items[i] = cstr(c, n->l2.v[i]->s);
        }
        load_const(c, (obj_t *)kwn);
        int total = n->l1.n + n->l2.n + nprefix;
        emitd(c, OP_CALL_KW, total, -total - 1);
        return;
    }
    if (nprefix) {
        // A prefix argument (a class name for __build_class__ style calls)
        // goes first into the list.
        emitd(c, OP_BUILD_LIST, nprefix, 1 - nprefix);
    } else {
        emitd(c, OP_BUILD_LIST, 0, 1);
    }
    for (int i = 0; i < n->l1.n; i++) {
        node_t *e = n->l1.v[i];
        if (e->kind == N_STARRED) {
            expr(c, e->a);
            emitd(c, OP_LIST_EXTEND, 1, -1);
        } else {
            expr(c, e);
            emitd(c, OP_LIST_APPEND, 1, -1);
        }
    }
    emit(c, OP_LIST_TO_TUPLE, 0);
    if (n->l2.n == 0) {
        emitd(c, OP_CALL_EX, 0, -1);
        return;
    }
    emitd(c, OP_BUILD_MAP, 0, 1);
    for (int i = 0; i < n->l2.n; i++) {
        node_t *k = n->l2.v[i];
        if (k->s == NULL) {
            expr(c, k->a);
            emitd(c, OP_DICT_MERGE, 1, -1);
        } else {
            load_const(c, cstr(c, k->s));
            expr(c, k->a);
            emitd(c, OP_MAP_ADD, 1, -2);
        }
    }
    emitd(c, OP_CALL_EX, 1, -2);
}

static void call(compiler_t *c, node_t *n)
{
    node_t *f = n->a;
    bool simple = !has_starred(&n->l1) && n->l2.n == 0;
    if (f->kind == N_ATTRIBUTE && simple) {
        expr(c, f->a);
        set_line(c, n);
        emitd(c, OP_LOAD_METHOD, add_name(c, f->s), 1);
        for (int i = 0; i < n->l1.n; i++) {
            expr(c, n->l1.v[i]);
        }
        set_line(c, n);
        emitd(c, OP_CALL_METHOD, n->l1.n, -(n->l1.n + 1));
        return;
    }
    expr(c, f);
    call_helper(c, n, 0);
}

static void compare(compiler_t *c, node_t *n)
{
    expr(c, n->a);
    int ncmp = n->l1.n;
    int *cleanup = calloc((size_t)ncmp + 1, sizeof(int));
    for (int i = 0; i < ncmp; i++) {
        expr(c, n->l1.v[i]);
        int op = n->l2.v[i]->op;
        if (i < ncmp - 1) {
            emitd(c, OP_DUP_TOP, 0, 1);
            emit(c, OP_ROT_THREE, 0);
        }
        set_line(c, n);
        if (op == CMPX_IS || op == CMPX_ISNOT) {
            emitd(c, OP_IS_OP, op == CMPX_ISNOT, -1);
        } else if (op == CMPX_IN || op == CMPX_NOTIN) {
            emitd(c, OP_CONTAINS_OP, op == CMPX_NOTIN, -1);
        } else {
            emitd(c, OP_COMPARE, op, -1);
        }
        if (i < ncmp - 1) {
            cleanup[i] = emitd(c, OP_JUMP_IF_FALSE_OR_POP, 0, -1);
        }
    }
    if (ncmp > 1) {
        int j = emit(c, OP_JUMP, 0);
        for (int i = 0; i < ncmp - 1; i++) {
            patch_here(c, cleanup[i]);
        }
        emit(c, OP_ROT_TWO, 0);
        emitd(c, OP_POP_TOP, 0, -1);
        patch_here(c, j);
    }
    free(cleanup);
}

static int annotation(compiler_t *c, const char *name, node_t *ann)
{
    if (!ann) {
        return 0;
    }
    load_const(c, cstr(c, mangle(c->u->scope, name)));
    expr(c, ann);
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
    emitd(c, OP_BUILD_MAP, n, 1 - 2 * n);
    return true;
}

static void make_function(compiler_t *c, node_t *n, scope_t *s,
                          code_t *co, node_t *args)
{
    int flags = 0;
    if (args && args->l2.n > 0) {
        for (int i = 0; i < args->l2.n; i++) {
            expr(c, args->l2.v[i]);
        }
        emitd(c, OP_BUILD_TUPLE, args->l2.n, 1 - args->l2.n);
        flags |= 1;
    }
    int nkw = 0;
    if (args) {
        for (int i = 0; i < args->l4.n; i++) {
            if (args->l4.v[i]) {
                // Keyed by the parameter's (mangled) local name.
                load_const(c, cstr(c, mangle(c->u->scope,
                                             args->l3.v[i]->s)));
                expr(c, args->l4.v[i]);
                nkw++;
            }
        }
    }
    if (nkw) {
        emitd(c, OP_BUILD_MAP, nkw, 1 - 2 * nkw);
        flags |= 2;
    }
    if (n->kind == N_FUNCDEF && annotations(c, args, n->b)) {
        flags |= 4;
    }
    if (co->freevars->n > 0) {
        for (size_t i = 0; i < co->freevars->n; i++) {
            const char *nm = OBJ_STR(co->freevars->items[i])->s;
            int idx = cell_index(c->u, nm);
            if (idx < 0) {
                cfail(c, n, "internal error: no cell for '%s'", nm);
                idx = 0;
            }
            emitd(c, OP_LOAD_CLOSURE, idx, 1);
        }
        emitd(c, OP_BUILD_TUPLE, (int)co->freevars->n,
              1 - (int)co->freevars->n);
        flags |= 8;
    }
    (void)s;
    load_const(c, (obj_t *)co);
    load_const(c, (obj_t *)co->qualname);
    emitd(c, OP_MAKE_FUNCTION, flags,
          -1 - ((flags & 1) != 0) - ((flags & 2) != 0) - ((flags & 4) != 0) -
              ((flags & 8) != 0));
}

static char *qualify(scope_t *parent, const char *name)
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

static int count_flags(scope_t *s)
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
    scope_t *s = scope_of(c->u->scope, n);
    const char *nm = n->kind == N_LISTCOMP ? "<listcomp>"
                     : n->kind == N_SETCOMP ? "<setcomp>"
                     : n->kind == N_DICTCOMP ? "<dictcomp>"
                                              : "<genexpr>";
    s->qualname = qualify(c->u->scope, nm);
    int line = c->u->line;
    unit_push(c, s);
    c->u->line = line;
    int build = n->kind == N_LISTCOMP ? OP_BUILD_LIST
                : n->kind == N_SETCOMP ? OP_BUILD_SET
                : n->kind == N_DICTCOMP ? OP_BUILD_MAP : -1;
    if (build >= 0) {
        emitd(c, build, 0, 1);
    }
    int starts[32], exits[32];
    int ng = n->l1.n > 32 ? 32 : n->l1.n;
    for (int i = 0; i < ng; i++) {
        node_t *g = n->l1.v[i];
        if (i == 0) {
            emitd(c, OP_LOAD_FAST, 0, 1);
        } else {
            expr(c, g->b);
            emitd(c, g->flags ? OP_GET_AITER : OP_GET_ITER, 0, 0);
        }
        starts[i] = here(c);
        if (g->flags) {
            // async for: __anext__ awaited, StopAsyncIteration ends it.
            exits[i] = emit(c, OP_SETUP_FINALLY, 0);
            emitd(c, OP_GET_ANEXT, 0, 1);
            load_none(c);
            emitd(c, OP_YIELD_FROM, 0, -1);
            emit(c, OP_POP_BLOCK, 0);
        } else {
            exits[i] = emitd(c, OP_FOR_ITER, 0, 1);
        }
        store_target(c, g->a);
        for (int k = 0; k < g->l1.n; k++) {
            expr(c, g->l1.v[k]);
            int j = emitd(c, OP_POP_JUMP_IF_FALSE, starts[i], -1);
            (void)j;
        }
    }
    // The value goes to the collection, which sits under one iterator per
    // generator.
    int under = ng + 1;
    if (n->kind == N_GENEXP) {
        expr(c, n->a);
        emitd(c, OP_YIELD_VALUE, 0, 0);
        emitd(c, OP_POP_TOP, 0, -1);
    } else if (n->kind == N_DICTCOMP) {
        expr(c, n->a);
        expr(c, n->b);
        emitd(c, OP_MAP_ADD, under, -2);
    } else {
        expr(c, n->a);
        emitd(c, n->kind == N_LISTCOMP ? OP_LIST_APPEND : OP_SET_ADD, under,
              -1);
    }
    for (int i = ng - 1; i >= 0; i--) {
        emit(c, OP_JUMP, starts[i]);
        patch_here(c, exits[i]);
        if (n->l1.v[i]->flags) {
            depth_add(c, 2);
            emitd(c, OP_END_ASYNC_FOR, 0, -3);
        } else {
            depth_add(c, -1);
        }
    }
    if (build < 0) {
        load_none(c);
    }
    emit(c, OP_RETURN_VALUE, 0);
    int flags = count_flags(s);
    code_t *co = unit_finish(c, nm, flags, 1, 0, 0, n->line);
    make_function(c, n, s, co, NULL);
    expr(c, n->l1.v[0]->b);
    emitd(c, n->l1.v[0]->flags ? OP_GET_AITER : OP_GET_ITER, 0, 0);
    emitd(c, OP_CALL, 1, -1);
    if (s->coroutine && n->kind != N_GENEXP) {
        emit(c, OP_GET_AWAITABLE, 0);
        load_none(c);
        emitd(c, OP_YIELD_FROM, 0, -1);
    }
}

static void function_body(compiler_t *c, node_t *n, bool is_lambda);
static void body_with_doc(compiler_t *c, nlist_t *l);

static void fstring(compiler_t *c, node_t *n)
{
    int parts = 0;
    for (int i = 0; i < n->l1.n; i++) {
        node_t *p = n->l1.v[i];
        if (p->kind == N_CONSTANT) {
            compile_const(c, p);
        } else {
            expr(c, p->a);
            int conv = p->op == 's' ? 1 : p->op == 'r' ? 2
                       : p->op == 'a' ? 3 : 0;
            if (p->b) {
                fstring(c, p->b);
                conv |= 4;
                depth_add(c, -1);
            }
            emit(c, OP_FORMAT_VALUE, conv);
        }
        parts++;
    }
    if (parts == 0) {
        load_const(c, (obj_t *)c->vm->empty_str);
    } else if (parts > 1 || n->l1.v[0]->kind != N_CONSTANT) {
        emitd(c, OP_BUILD_STRING, parts, 1 - parts);
    }
}

static void check_await(compiler_t *c, node_t *n, const char *what)
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
            cfail(c, n, "'%s' outside async function", what);
        }
        return;
    }
    if (s->kind != SCOPE_FUNCTION) {
        cfail(c, n, "'%s' outside function", what);
    } else if (!s->coroutine && strcmp(what, "await") == 0) {
        // Comprehensions inside async functions may await.
        scope_t *p = s;
        while (p && p->is_comprehension) {
            p = p->parent;
        }
        if (!p || p->kind != SCOPE_FUNCTION || !p->coroutine) {
            cfail(c, n, "'await' outside async function");
        }
    }
}

static void expr(compiler_t *c, node_t *n)
{
    vm_t *vm = c->vm;
    set_line(c, n);
    switch (n->kind) {
    case N_CONSTANT:
        compile_const(c, n);
        break;
    case N_NAME:
        name_op(c, n->s, ACC_LOAD);
        break;
    case N_JOINEDSTR:
        fstring(c, n);
        break;
    case N_BINOP:
        expr(c, n->a);
        expr(c, n->b);
        set_line(c, n);
        emitd(c, OP_BINARY, n->op, -1);
        break;
    case N_UNARYOP:
        if (n->op == UOP_NEG && n->a->kind == N_CONSTANT &&
            (n->a->flags == C_INT || n->a->flags == C_FLOAT)) {
            // Fold "-5" so that constants look like CPython's.
            if (n->a->flags == C_INT) {
                load_const(c, int_new(vm, -n->a->i));
            } else {
                load_const(c, float_new(vm, -n->a->f));
            }
            break;
        }
        expr(c, n->a);
        set_line(c, n);
        emit(c, OP_UNARY, n->op);
        break;
    case N_BOOLOP: {
        int *js = calloc((size_t)n->l1.n, sizeof(int));
        for (int i = 0; i < n->l1.n; i++) {
            expr(c, n->l1.v[i]);
            if (i < n->l1.n - 1) {
                js[i] = emitd(c, n->op ? OP_JUMP_IF_TRUE_OR_POP
                                       : OP_JUMP_IF_FALSE_OR_POP, 0, -1);
            }
        }
        for (int i = 0; i < n->l1.n - 1; i++) {
            patch_here(c, js[i]);
        }
        free(js);
        break;
    }
    case N_COMPARE:
        compare(c, n);
        break;
    case N_IFEXP: {
        expr(c, n->a);
        int jf = emitd(c, OP_POP_JUMP_IF_FALSE, 0, -1);
        expr(c, n->b);
        int je = emit(c, OP_JUMP, 0);
        depth_add(c, -1);
        patch_here(c, jf);
        expr(c, n->c);
        patch_here(c, je);
        break;
    }
    case N_CALL:
        call(c, n);
        break;
    case N_ATTRIBUTE:
        expr(c, n->a);
        set_line(c, n);
        emit(c, OP_LOAD_ATTR, add_name(c, n->s));
        break;
    case N_SUBSCRIPT:
        expr(c, n->a);
        expr(c, n->b);
        set_line(c, n);
        emitd(c, OP_BINARY_SUBSCR, 0, -1);
        break;
    case N_SLICE:
        if (n->a) {
            expr(c, n->a);
        } else {
            load_none(c);
        }
        if (n->b) {
            expr(c, n->b);
        } else {
            load_none(c);
        }
        if (n->c) {
            expr(c, n->c);
            emitd(c, OP_BUILD_SLICE, 3, -2);
        } else {
            emitd(c, OP_BUILD_SLICE, 2, -1);
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
                    emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
                    started = true;
                } else if (pending) {
                    emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
                    emitd(c, OP_DICT_UPDATE, 1, -1);
                }
                pending = 0;
                expr(c, n->l2.v[i]);
                emitd(c, OP_DICT_UPDATE, 1, -1);
            } else {
                expr(c, n->l1.v[i]);
                expr(c, n->l2.v[i]);
                pending++;
            }
        }
        if (!started) {
            emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
        } else if (pending) {
            emitd(c, OP_BUILD_MAP, pending, 1 - 2 * pending);
            emitd(c, OP_DICT_UPDATE, 1, -1);
        }
        break;
    }
    case N_LISTCOMP: case N_SETCOMP: case N_GENEXP: case N_DICTCOMP:
        comprehension(c, n);
        break;
    case N_LAMBDA: {
        scope_t *s = scope_of(c->u->scope, n);
        s->qualname = qualify(c->u->scope, "<lambda>");
        unit_push(c, s);
        function_body(c, n, true);
        node_t *args = n->a;
        int flags = count_flags(s);
        if (args->a) {
            flags |= CO_VARARGS;
        }
        if (args->b) {
            flags |= CO_VARKEYWORDS;
        }
        code_t *co = unit_finish(c, "<lambda>", flags, args->l1.n,
                                 (int)args->i, args->l3.n, n->line);
        make_function(c, n, s, co, args);
        break;
    }
    case N_AWAIT:
        check_await(c, n, "await");
        expr(c, n->a);
        set_line(c, n);
        emit(c, OP_GET_AWAITABLE, 0);
        load_none(c);
        emitd(c, OP_YIELD_FROM, 0, -1);
        break;
    case N_YIELD:
        check_await(c, n, "yield");
        if (n->a) {
            expr(c, n->a);
        } else {
            load_none(c);
        }
        set_line(c, n);
        emit(c, OP_YIELD_VALUE, 0);
        break;
    case N_YIELDFROM:
        check_await(c, n, "yield");
        if (c->u->scope->coroutine) {
            cfail(c, n, "'yield from' inside async function");
        }
        expr(c, n->a);
        emit(c, OP_GET_YIELD_FROM_ITER, 0);
        load_none(c);
        set_line(c, n);
        emitd(c, OP_YIELD_FROM, 0, -1);
        break;
    case N_STARRED:
        cfail(c, n, "can't use starred expression here");
        break;
    case N_NAMEDEXPR: {
        expr(c, n->b);
        emitd(c, OP_DUP_TOP, 0, 1);
        // Bind in the enclosing non-comprehension scope.
        scope_t *s = c->u->scope;
        const char *nm = mangle(s, n->a->s);
        sym_t *y = sym_find(s, nm);
        if (s->is_comprehension && y && (y->flags & SYM_FREE)) {
            emitd(c, OP_STORE_DEREF, cell_index(c->u, nm), -1);
        } else {
            name_op(c, n->a->s, ACC_STORE);
        }
        break;
    }
    default:
        cfail(c, n, "invalid syntax");
        break;
    }
}

/* ==== Assignment targets ============================================== */

static void store_target(compiler_t *c, node_t *t)
{
    set_line(c, t);
    switch (t->kind) {
    case N_NAME:
        name_op(c, t->s, ACC_STORE);
        break;
    case N_ATTRIBUTE:
        expr(c, t->a);
        emitd(c, OP_STORE_ATTR, add_name(c, t->s), -2);
        break;
    case N_SUBSCRIPT:
        expr(c, t->a);
        expr(c, t->b);
        emitd(c, OP_STORE_SUBSCR, 0, -3);
        break;
    case N_TUPLE: case N_LIST: {
        int star = -1;
        for (int i = 0; i < t->l1.n; i++) {
            if (t->l1.v[i]->kind == N_STARRED) {
                if (star >= 0) {
                    cfail(c, t, "multiple starred expressions in assignment");
                }
                star = i;
            }
        }
        if (star >= 0) {
            int after = t->l1.n - star - 1;
            emitd(c, OP_UNPACK_EX, star | (after << 8), t->l1.n - 1);
        } else {
            emitd(c, OP_UNPACK_SEQUENCE, t->l1.n, t->l1.n - 1);
        }
        for (int i = 0; i < t->l1.n; i++) {
            node_t *e = t->l1.v[i];
            store_target(c, e->kind == N_STARRED ? e->a : e);
        }
        break;
    }
    case N_STARRED:
        cfail(c, t, "starred assignment target must be in a list or tuple");
        break;
    default:
        cfail(c, t, "cannot assign to expression");
        break;
    }
}

static void delete_target(compiler_t *c, node_t *t)
{
    switch (t->kind) {
    case N_NAME:
        name_op(c, t->s, ACC_DEL);
        break;
    case N_ATTRIBUTE:
        expr(c, t->a);
        emitd(c, OP_DELETE_ATTR, add_name(c, t->s), -1);
        break;
    case N_SUBSCRIPT:
        expr(c, t->a);
        expr(c, t->b);
        emitd(c, OP_DELETE_SUBSCR, 0, -2);
        break;
    case N_TUPLE: case N_LIST:
        for (int i = 0; i < t->l1.n; i++) {
            delete_target(c, t->l1.v[i]);
        }
        break;
    default:
        cfail(c, t, "cannot delete expression");
        break;
    }
}

/* ==== Statements ====================================================== */

static fblock_t *fb_push(compiler_t *c, int kind)
{
    if (c->u->nfb == 64) {
        cfail(c, NULL, "too many statically nested blocks");
        return &c->u->fb[63];
    }
    fblock_t *f = &c->u->fb[c->u->nfb++];
    if (c->u->nfb > c->u->maxnfb) {
        c->u->maxnfb = c->u->nfb;
    }
    memset(f, 0, sizeof *f);
    f->kind = kind;
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
            emitd(c, OP_POP_ITER, 0, -1);
        }
        break;
    case FB_TRY_EXCEPT:
        emit(c, OP_POP_BLOCK, 0);
        break;
    case FB_TRY_FINALLY: {
        emit(c, OP_POP_BLOCK, 0);
        // Run the finally body inline, outside this fblock.
        fblock_t saved = *f;
        int idx = (int)(f - c->u->fb);
        int savednfb = c->u->nfb;
        c->u->nfb = idx;
        fblock_t *g = fb_push(c, FB_FINALLY_NORMAL);
        (void)g;
        stmts(c, saved.finalbody);
        c->u->nfb = savednfb;
        c->u->fb[idx] = saved;
        break;
    }
    case FB_FINALLY_NORMAL:
        break;
    case FB_HANDLER:
        emit(c, OP_POP_EXCEPT, 0);
        break;
    case FB_FINALLY_EXC:
        emitd(c, OP_POP_TOP, 0, -1);
        emit(c, OP_POP_EXCEPT, 0);
        break;
    case FB_WITH: case FB_ASYNC_WITH:
        emit(c, OP_POP_BLOCK, 0);
        emitd(c, OP_WITH_EXIT, f->kind == FB_ASYNC_WITH, 0);
        if (f->kind == FB_ASYNC_WITH) {
            emit(c, OP_GET_AWAITABLE, 0);
            load_none(c);
            emitd(c, OP_YIELD_FROM, 0, -1);
        }
        emitd(c, OP_POP_TOP, 0, -1);
        break;
    }
}

static void compile_return(compiler_t *c, node_t *n)
{
    if (n->a) {
        expr(c, n->a);
    } else {
        load_none(c);
    }
    set_line(c, n);
    bool unwind = false;
    for (int i = c->u->nfb - 1; i >= 0; i--) {
        if (c->u->fb[i].kind != FB_WHILE) {
            unwind = true;
        }
    }
    if (!unwind) {
        emitd(c, OP_RETURN_VALUE, 0, -1);
        return;
    }
    emitd(c, OP_STORE_RETVAL, 0, -1);
    for (int i = c->u->nfb - 1; i >= 0; i--) {
        fblock_t *f = &c->u->fb[i];
        int n_before = c->u->nfb;
        c->u->nfb = i + 1;
        unwind_one(c, f, false);
        c->u->nfb = n_before;
    }
    set_line(c, n);
    emit(c, OP_RETURN_RETVAL, 0);
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
        cfail(c, n, is_break ? "'break' outside loop"
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
            emitd(c, OP_POP_ITER, 0, -1);
        }
        add_break(loop, emit(c, OP_JUMP, 0));
    } else {
        emit(c, OP_JUMP, loop->start);
    }
    c->u->depth = saved_depth;
}

static void compile_if(compiler_t *c, node_t *n)
{
    expr(c, n->a);
    int jf = emitd(c, OP_POP_JUMP_IF_FALSE, 0, -1);
    stmts(c, &n->l1);
    if (n->l2.n) {
        int je = emit(c, OP_JUMP, 0);
        patch_here(c, jf);
        stmts(c, &n->l2);
        patch_here(c, je);
    } else {
        patch_here(c, jf);
    }
}

static void compile_while(compiler_t *c, node_t *n)
{
    int start = here(c);
    expr(c, n->a);
    int jf = emitd(c, OP_POP_JUMP_IF_FALSE, 0, -1);
    fblock_t *f = fb_push(c, FB_WHILE);
    f->start = start;
    stmts(c, &n->l1);
    emit(c, OP_JUMP, start);
    patch_here(c, jf);
    f = &c->u->fb[c->u->nfb - 1];
    int nb = f->nbreaks;
    int *brks = f->breaks;
    f->breaks = NULL;
    fb_pop(c);
    stmts(c, &n->l2);
    for (int i = 0; i < nb; i++) {
        patch_here(c, brks[i]);
    }
    free(brks);
}

static void compile_for(compiler_t *c, node_t *n)
{
    bool async = n->flags != 0;
    if (async) {
        check_await(c, n, "async for");
    }
    expr(c, n->b);
    set_line(c, n);
    emit(c, async ? OP_GET_AITER : OP_GET_ITER, 0);
    int start = here(c);
    fblock_t *f = fb_push(c, FB_FOR);
    f->start = start;
    int exit_jump;
    if (async) {
        // SETUP_FINALLY catches StopAsyncIteration from __anext__.
        exit_jump = emit(c, OP_SETUP_FINALLY, 0);
        emitd(c, OP_GET_ANEXT, 0, 1);
        load_none(c);
        emitd(c, OP_YIELD_FROM, 0, -1);
        emit(c, OP_POP_BLOCK, 0);
    } else {
        exit_jump = emitd(c, OP_FOR_ITER, 0, 1);
    }
    store_target(c, n->a);
    stmts(c, &n->l1);
    set_line(c, n);
    emit(c, OP_JUMP, start);
    patch_here(c, exit_jump);
    if (async) {
        // [iter, prev, exc]: END_ASYNC_FOR pops all three if the exception
        // is StopAsyncIteration, else re-raises.
        depth_add(c, 2);
        emitd(c, OP_END_ASYNC_FOR, 0, -3);
    } else {
        depth_add(c, -1);
    }
    f = &c->u->fb[c->u->nfb - 1];
    int nb = f->nbreaks;
    int *brks = f->breaks;
    f->breaks = NULL;
    fb_pop(c);
    stmts(c, &n->l2);
    for (int i = 0; i < nb; i++) {
        patch_here(c, brks[i]);
    }
    free(brks);
}

static void compile_try_except(compiler_t *c, node_t *n)
{
    int level = c->u->depth;
    int setup = emit(c, OP_SETUP_FINALLY, 0);
    fb_push(c, FB_TRY_EXCEPT);
    stmts(c, &n->l1);
    fb_pop(c);
    emit(c, OP_POP_BLOCK, 0);
    stmts(c, &n->l3);
    int *ends = calloc((size_t)n->l2.n + 2, sizeof(int));
    int nends = 0;
    ends[nends++] = emit(c, OP_JUMP, 0);
    patch_here(c, setup);
    // Handler entry: [prev_handled, exc] on top of the try's level.
    c->u->depth = level;
    depth_add(c, 2);
    if (n->flags) {
        // except*: the group is matched and split per clause (EXCEPT_STAR
        // keeps the unmatched rest on the stack; END_EXCEPT_STAR re-raises
        // what is left, merged with any new errors).
        emit(c, OP_EXCEPT_STAR, 0);
        depth_add(c, 1);
    }
    for (int i = 0; i < n->l2.n; i++) {
        node_t *h = n->l2.v[i];
        set_line(c, h);
        int next = -1;
        if (n->flags) {
            // Stack: [prev, rest, eg_copy]. CHECK_EG_MATCH pops the type and
            // replaces rest with the non-matching part and pushes the match
            // or None.
            expr(c, h->a);
            emitd(c, OP_CHECK_EG_MATCH, 0, 0);
            emitd(c, OP_DUP_TOP, 0, 1);
            load_none(c);
            emitd(c, OP_IS_OP, 0, -1);
            next = emitd(c, OP_POP_JUMP_IF_TRUE, 0, -1);
            // The matched group becomes the handled exception for the
            // body; EXCEPT_STAR bookkeeping lives in the VM.
            if (h->s) {
                name_op(c, h->s, ACC_STORE);
            } else {
                emitd(c, OP_POP_TOP, 0, -1);
            }
            int inner = emit(c, OP_SETUP_FINALLY, 0);
            fb_push(c, FB_TRY_EXCEPT);
            stmts(c, &h->l1);
            fb_pop(c);
            emit(c, OP_POP_BLOCK, 0);
            int skip = emit(c, OP_JUMP, 0);
            patch_here(c, inner);
            // An exception raised in the clause body: [.., prev2, exc2]
            // recorded to be raised at the end with the unhandled rest.
            depth_add(c, 2);
            emitd(c, OP_END_EXCEPT_STAR, 1, -2);
            patch_here(c, skip);
            int j = emit(c, OP_JUMP, 0);
            patch_here(c, next);
            emitd(c, OP_POP_TOP, 0, -1);
            patch_here(c, j);
            continue;
        }
        if (h->a) {
            emitd(c, OP_DUP_TOP, 0, 1);
            expr(c, h->a);
            next = emitd(c, OP_JUMP_IF_NOT_EXC_MATCH, 0, -2);
        } else if (i != n->l2.n - 1) {
            cfail(c, h, "default 'except:' must be last");
        }
        if (h->s) {
            name_op(c, h->s, ACC_STORE);
        } else {
            emitd(c, OP_POP_TOP, 0, -1);
        }
        fb_push(c, FB_HANDLER);
        stmts(c, &h->l1);
        fb_pop(c);
        emit(c, OP_POP_EXCEPT, 0);
        if (h->s) {
            load_none(c);
            name_op(c, h->s, ACC_STORE);
            name_op(c, h->s, ACC_DEL);
        }
        ends[nends++] = emit(c, OP_JUMP, 0);
        c->u->depth = level + 2;
        if (next >= 0) {
            patch_here(c, next);
        }
    }
    if (n->flags) {
        // [prev, rest, eg]: re-raise what no clause handled (and the
        // errors raised by clause bodies), or finish normally.
        emitd(c, OP_END_EXCEPT_STAR, 0, 0);
        emitd(c, OP_POP_TOP, 0, -1);
        emitd(c, OP_POP_TOP, 0, -1);
        emit(c, OP_POP_EXCEPT, 0);
    } else {
        emitd(c, OP_RERAISE, 0, -1);
    }
    for (int i = 0; i < nends; i++) {
        patch_here(c, ends[i]);
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
    int setup = emit(c, OP_SETUP_FINALLY, 0);
    fblock_t *f = fb_push(c, FB_TRY_FINALLY);
    f->finalbody = &n->l4;
    if (n->l2.n) {
        compile_try_except(c, n);
    } else {
        stmts(c, &n->l1);
    }
    fb_pop(c);
    emit(c, OP_POP_BLOCK, 0);
    fb_push(c, FB_FINALLY_NORMAL);
    stmts(c, &n->l4);
    fb_pop(c);
    int je = emit(c, OP_JUMP, 0);
    patch_here(c, setup);
    c->u->depth = level;
    depth_add(c, 2);
    fb_push(c, FB_FINALLY_EXC);
    stmts(c, &n->l4);
    fb_pop(c);
    emitd(c, OP_RERAISE, 0, -1);
    patch_here(c, je);
    c->u->depth = level;
}

static void compile_with(compiler_t *c, node_t *n, int item)
{
    bool async = n->flags != 0;
    if (async) {
        check_await(c, n, "async with");
    }
    node_t *it = n->l1.v[item];
    int level = c->u->depth;
    expr(c, it->a);
    set_line(c, n);
    int setup;
    if (async) {
        emitd(c, OP_BEFORE_ASYNC_WITH, 0, 1);
        emit(c, OP_GET_AWAITABLE, 0);
        load_none(c);
        emitd(c, OP_YIELD_FROM, 0, -1);
        setup = emit(c, OP_SETUP_ASYNC_WITH, 0);
    } else {
        setup = emitd(c, OP_SETUP_WITH, 0, 1);
    }
    fb_push(c, async ? FB_ASYNC_WITH : FB_WITH);
    if (it->b) {
        store_target(c, it->b);
    } else {
        emitd(c, OP_POP_TOP, 0, -1);
    }
    if (item + 1 < n->l1.n) {
        compile_with(c, n, item + 1);
    } else {
        stmts(c, &n->l2);
    }
    fb_pop(c);
    set_line(c, n);
    emit(c, OP_POP_BLOCK, 0);
    emitd(c, OP_WITH_EXIT, async, 0);
    if (async) {
        emit(c, OP_GET_AWAITABLE, 0);
        load_none(c);
        emitd(c, OP_YIELD_FROM, 0, -1);
    }
    emitd(c, OP_POP_TOP, 0, -1);
    int je = emit(c, OP_JUMP, 0);
    patch_here(c, setup);
    // [exit, prev, exc] with an EXCEPT_HANDLER block.
    c->u->depth = level + 3;
    emitd(c, OP_WITH_EXCEPT, async, 1);
    if (async) {
        emit(c, OP_GET_AWAITABLE, 0);
        load_none(c);
        emitd(c, OP_YIELD_FROM, 0, -1);
    }
    int js = emitd(c, OP_POP_JUMP_IF_TRUE, 0, -1);
    emitd(c, OP_RERAISE, 0, -1);
    patch_here(c, js);
    emitd(c, OP_POP_TOP, 0, -1);
    emit(c, OP_POP_EXCEPT, 0);
    emitd(c, OP_POP_TOP, 0, -1);
    patch_here(c, je);
    c->u->depth = level;
}

static void apply_decorators(compiler_t *c, nlist_t *decos)
{
    for (int i = decos->n - 1; i >= 0; i--) {
        emitd(c, OP_CALL, 1, -1);
    }
}

static void function_body(compiler_t *c, node_t *n, bool is_lambda)
{
    if (is_lambda) {
        expr(c, n->b);
        emit(c, OP_RETURN_VALUE, 0);
        return;
    }
    scope_t *s = c->u->scope;
    if (s->generator || s->coroutine) {
        emit(c, OP_GEN_START, 0);
    }
    stmts(c, &n->l1);
    // Implicit "return None" at the last line of the body.
    load_none(c);
    emit(c, OP_RETURN_VALUE, 0);
}

static void compile_funcdef(compiler_t *c, node_t *n)
{
    for (int i = 0; i < n->l2.n; i++) {
        expr(c, n->l2.v[i]);
    }
    scope_t *s = scope_of(c->u->scope, n);
    s->qualname = qualify(c->u->scope, n->s);
    int line = n->line;
    if (n->l2.n) {
        line = n->l2.v[0]->line;
    }
    set_line(c, n);
    unit_push(c, s);
    c->u->line = n->line;
    function_body(c, n, false);
    node_t *args = n->a;
    int flags = count_flags(s);
    if (args->a) {
        flags |= CO_VARARGS;
    }
    if (args->b) {
        flags |= CO_VARKEYWORDS;
    }
    code_t *co = unit_finish(c, n->s, flags, args->l1.n, (int)args->i,
                             args->l3.n, line);
    co->firstline = n->line;
    set_line(c, n);
    make_function(c, n, s, co, args);
    apply_decorators(c, &n->l2);
    name_op(c, n->s, ACC_STORE);
}

static void compile_classdef(compiler_t *c, node_t *n)
{
    for (int i = 0; i < n->l4.n; i++) {
        expr(c, n->l4.v[i]);
    }
    set_line(c, n);
    scope_t *s = scope_of(c->u->scope, n);
    s->qualname = qualify(c->u->scope, n->s);
    emitd(c, OP_LOAD_BUILD_CLASS, 0, 1);
    unit_push(c, s);
    c->u->line = n->line;
    name_op(c, "__name__", ACC_LOAD);
    name_op(c, "__module__", ACC_STORE);
    load_const(c, cstr(c, s->qualname));
    name_op(c, "__qualname__", ACC_STORE);
    body_with_doc(c, &n->l1);
    if (s->needs_class_cell) {
        emitd(c, OP_LOAD_CLOSURE, 0, 1);
        emitd(c, OP_STORE_NAME, add_name(c, "__classcell__"), -1);
    }
    load_none(c);
    emit(c, OP_RETURN_VALUE, 0);
    code_t *co = unit_finish(c, n->s, CO_CLASS, 0, 0, 0, n->line);
    make_function(c, n, s, co, NULL);
    load_const(c, cstr(c, n->s));
    // __build_class__(func, name, *bases, **keywords)
    node_t fake;
    memset(&fake, 0, sizeof fake);
    fake.l1 = n->l2;
    fake.l2 = n->l3;
    call_helper(c, &fake, 2);
    apply_decorators(c, &n->l4);
    name_op(c, n->s, ACC_STORE);
}

static void compile_import(compiler_t *c, node_t *n)
{
    for (int i = 0; i < n->l1.n; i++) {
        node_t *a = n->l1.v[i];
        load_const(c, c->vm->none);
        emitd(c, OP_IMPORT_NAME, add_name(c, a->s), 0);
        if (a->s2) {
            // "import a.b as c" binds the submodule.
            const char *p = strchr(a->s, '.');
            while (p) {
                emit(c, OP_IMPORT_FROM, add_name(c, p + 1));
                p = strchr(p + 1, '.');
            }
            name_op(c, a->s2, ACC_STORE);
        } else {
            const char *dot = strchr(a->s, '.');
            if (dot) {
                // "import a.b" binds the top package "a".
                name_op(c, pool_strndup(c->u->scope, a->s,
                                        (size_t)(dot - a->s)),
                        ACC_STORE);
            } else {
                name_op(c, a->s, ACC_STORE);
            }
        }
    }
}

static void compile_importfrom(compiler_t *c, node_t *n)
{
    if (n->i > 0) {
        cfail(c, n, "attempted relative import with no known parent package");
        return;
    }
    tuple_t *fromlist = tuple_new(c->vm, (size_t)n->l1.n);
    for (int i = 0; i < n->l1.n; i++) {
        fromlist->items[i] = cstr(c, n->l1.v[i]->s);
    }
    load_const(c, (obj_t *)fromlist);
    emitd(c, OP_IMPORT_NAME, add_name(c, n->s), 0);
    if (n->l1.n == 1 && strcmp(n->l1.v[0]->s, "*") == 0) {
        emitd(c, OP_IMPORT_STAR, 0, -1);
        return;
    }
    for (int i = 0; i < n->l1.n; i++) {
        node_t *a = n->l1.v[i];
        emitd(c, OP_IMPORT_FROM, add_name(c, a->s), 1);
        name_op(c, a->s2 ? a->s2 : a->s, ACC_STORE);
    }
    emitd(c, OP_POP_TOP, 0, -1);
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
        expr(c, n->c);
        store_target(c, t);
    }
    if (t->kind == N_NAME) {
        if (top) {
            expr(c, n->b);
            set_line(c, n);
            emitd(c, OP_LOAD_NAME, add_name(c, "__annotations__"), 1);
            load_const(c, cstr(c, mangle(c->u->scope, t->s)));
            emitd(c, OP_STORE_SUBSCR, 0, -3);
        }
        return;
    }
    if (!n->c) {
        if (t->kind == N_ATTRIBUTE || t->kind == N_SUBSCRIPT) {
            expr(c, t->a);
            emitd(c, OP_POP_TOP, 0, -1);
        }
        if (t->kind == N_SUBSCRIPT) {
            expr(c, t->b);
            emitd(c, OP_POP_TOP, 0, -1);
        }
    }
    if (top) {
        expr(c, n->b);
        emitd(c, OP_POP_TOP, 0, -1);
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
static void body_with_doc(compiler_t *c, nlist_t *l)
{
    if (l->n > 0) {
        set_line(c, l->v[0]);
    }
    if (find_ann(l)) {
        emit(c, OP_SETUP_ANNOTATIONS, 0);
    }
    // The interactive compiler takes no module docstring: 'abc' typed
    // at the prompt is an expression whose value is echoed.
    bool interactive_module = (c->flags & COMPILE_INTERACTIVE) &&
                              c->u->scope->kind == SCOPE_MODULE;
    node_t *doc = interactive_module ? NULL : docstring_of(l);
    int i = 0;
    if (doc) {
        load_const(c, str_const(c, doc));
        name_op(c, "__doc__", ACC_STORE);
        i = 1;
    }
    for (; i < l->n && !c->failed; i++) {
        stmt(c, l->v[i]);
    }
}

static void stmt(compiler_t *c, node_t *n)
{
    set_line(c, n);
    switch (n->kind) {
    case N_EXPR:
        if (n->a->kind == N_CONSTANT && c->u->scope->kind != SCOPE_MODULE) {
            break; // docstrings and bare constants do nothing
        }
        expr(c, n->a);
        set_line(c, n);
        if ((c->flags & COMPILE_INTERACTIVE) &&
            c->u->scope->kind == SCOPE_MODULE) {
            emitd(c, OP_PRINT_EXPR, 0, -1);
        } else {
            emitd(c, OP_POP_TOP, 0, -1);
        }
        break;
    case N_ASSIGN:
        expr(c, n->a);
        for (int i = 0; i < n->l1.n; i++) {
            if (i < n->l1.n - 1) {
                emitd(c, OP_DUP_TOP, 0, 1);
            }
            store_target(c, n->l1.v[i]);
        }
        break;
    case N_AUGASSIGN: {
        node_t *t = n->a;
        if (t->kind == N_NAME) {
            name_op(c, t->s, ACC_LOAD);
            expr(c, n->b);
            set_line(c, n);
            emitd(c, OP_INPLACE, n->op, -1);
            name_op(c, t->s, ACC_STORE);
        } else if (t->kind == N_ATTRIBUTE) {
            expr(c, t->a);
            emitd(c, OP_DUP_TOP, 0, 1);
            emit(c, OP_LOAD_ATTR, add_name(c, t->s));
            expr(c, n->b);
            set_line(c, n);
            emitd(c, OP_INPLACE, n->op, -1);
            emit(c, OP_ROT_TWO, 0);
            emitd(c, OP_STORE_ATTR, add_name(c, t->s), -2);
        } else if (t->kind == N_SUBSCRIPT) {
            expr(c, t->a);
            expr(c, t->b);
            emitd(c, OP_DUP_TOP_TWO, 0, 2);
            emitd(c, OP_BINARY_SUBSCR, 0, -1);
            expr(c, n->b);
            set_line(c, n);
            emitd(c, OP_INPLACE, n->op, -1);
            emit(c, OP_ROT_THREE, 0);
            emitd(c, OP_STORE_SUBSCR, 0, -3);
        } else {
            cfail(c, t, "illegal expression for augmented assignment");
        }
        break;
    }
    case N_ANNASSIGN:
        compile_annassign(c, n);
        break;
    case N_DEL:
        for (int i = 0; i < n->l1.n; i++) {
            delete_target(c, n->l1.v[i]);
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
            cfail(c, n, "'return' outside function");
        }
        compile_return(c, n);
        break;
    case N_RAISE:
        if (n->a) {
            expr(c, n->a);
        }
        if (n->b) {
            expr(c, n->b);
        }
        set_line(c, n);
        emitd(c, OP_RAISE, n->b ? 2 : n->a ? 1 : 0, -(n->b ? 2 : n->a ? 1 : 0));
        break;
    case N_TRY:
        compile_try(c, n);
        break;
    case N_ASSERT: {
        expr(c, n->a);
        int j = emitd(c, OP_POP_JUMP_IF_TRUE, 0, -1);
        emitd(c, OP_LOAD_ASSERTION_ERROR, 0, 1);
        if (n->b) {
            expr(c, n->b);
            emitd(c, OP_CALL, 1, -1);
        }
        set_line(c, n);
        emitd(c, OP_RAISE, 1, -1);
        patch_here(c, j);
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
                sym_t *y = sym_find(c->u->scope, n->l1.v[i]->s);
                if (y && cell_index(c->u, y->name) < 0) {
                    cfail(c, n, "no binding for nonlocal '%s' found",
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
        cfail(c, n, "invalid syntax");
        break;
    }
}

static void stmts(compiler_t *c, nlist_t *l)
{
    for (int i = 0; i < l->n && !c->failed; i++) {
        stmt(c, l->v[i]);
    }
}

/* ==== Entry points ==================================================== */

static obj_t *syntax_error(vm_t *vm, const char *type, const char *msg,
                           const char *filename, int line, int col,
                           const char *src, size_t len)
{
    type_t *t = EXC_TYPE(vm, SyntaxError);
    if (strcmp(type, "IndentationError") == 0) {
        t = EXC_TYPE(vm, IndentationError);
    } else if (strcmp(type, "TabError") == 0) {
        t = EXC_TYPE(vm, TabError);
    }
    exc_t *e = (exc_t *)exc_new(vm, t, tuple_pack(vm, 1, str_cstr(vm, msg)));
    e->msg = (obj_t *)str_cstr(vm, msg);
    e->filename = (obj_t *)str_cstr(vm, filename);
    e->lineno = line;
    e->offset = col + 1;
    // The offending source line, for the caret display.
    const char *p = src, *end = src + len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *q = p;
    while (q < end && *q != '\n') {
        q++;
    }
    e->text = (obj_t *)str_new(vm, p, (size_t)(q - p));
    return vm_raise_obj(vm, (obj_t *)e);
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
    scope_t *root = scope_new(NULL, SCOPE_MODULE, tree);
    root->qualname = strdup("<module>");
    sym_visit_list(root, &tree->l1, &err);
    sym_resolve_all(root, &err);
    if (err.set) {
        c.failed = true;
        c.err_line = err.line;
        c.err_col = err.col;
        snprintf(c.err_msg, sizeof c.err_msg, "%s", err.msg);
    }
    c.root = root;
    vm->nogc++;
    unit_push(&c, root);
    c.u->line = 1;
    body_with_doc(&c, &tree->l1);
    load_none(&c);
    emit(&c, OP_RETURN_VALUE, 0);
    code_t *co = unit_finish(&c, "<module>",
                             CO_MODULE | (c.toplevel_await ? CO_COROUTINE : 0),
                             0, 0, 0, 1);
    vm->nogc--;
    scope_free(root);
    if (c.failed) {
        c.err_col = c.err_col < 0 ? 0 : c.err_col;
        str_t *msg = str_cstr(vm, c.err_msg);
        vm->exc = NULL;
        (void)msg;
        // The caller reports it with the source at hand.
        vm->exc = (obj_t *)str_fmt(vm, "%d:%d:%s", c.err_line, c.err_col,
                                   c.err_msg);
        return NULL;
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
    if (!pr.tree) {
        syntax_error(vm, pr.err_type ? pr.err_type : "SyntaxError",
                     pr.err_msg, filename, pr.err_line, pr.err_col, src, len);
        parse_free(&pr);
        return NULL;
    }
    code_t *co = compile_module_flags(vm, pr.tree, filename, flags);
    parse_free(&pr);
    if (co && getenv("LOOPLAB_DIS") && filename[0] != '<') {
        disassemble(vm, co, 0);
    }
    if (!co) {
        // compile_module left "line:col:msg" in vm->exc.
        str_t *info = (str_t *)vm->exc;
        vm->exc = NULL;
        int line = 0, col = 0, off = 0;
        sscanf(info->s, "%d:%d:%n", &line, &col, &off);
        syntax_error(vm, "SyntaxError", info->s + off, filename, line, col,
                     src, len);
        return NULL;
    }
    return co;
}
