/*
 * compile_int.h - internals shared by the compiler's files (symtable.c,
 * compile.c, compile_expr.c); nothing else includes it. The public entry
 * points are in code.h.
 */
#ifndef LOOPLAB_CORE_LANG_COMPILE_INT_H
#define LOOPLAB_CORE_LANG_COMPILE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "code.h"

/* ==== Scopes and symbols (symtable.c) =================================== */

/* scope_t.kind; lambdas and comprehensions are function scopes. */
enum { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_CLASS };

/* Symbol flags: what the scope does with a name, then how it resolved. */
enum {
    SYM_BOUND = 1, SYM_PARAM = 2, SYM_GLOBAL = 4, SYM_NONLOCAL = 8,
    SYM_USED = 16, SYM_FREE = 32, SYM_CELL = 64, SYM_GLOBAL_IMPLICIT = 128,
    SYM_FREE_CLASS = 256
};

/* line/col: where a nonlocal declaration named it (for errors). */
typedef struct sym { const char *name; int flags; int line, col; } sym_t;

/* One scope of the tree the symbol pass builds; kids in source order. */
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

/* The first error of the symbol pass (set != 0 once recorded), and the
 * pass's nesting depth. As in CPython's symtable, every statement and
 * expression visited counts one level, from [depth] at the start up to
 * [limit] (3 per level of the recursion limit); past it, or when the C
 * stack runs low ([floor], cstack.h), the pass stops descending
 * (too_deep) and records a RecursionError (recursion) unless an error
 * came first. */
typedef struct symerr {
    int line, col;
    char msg[200];
    int set;
    bool recursion;
    bool too_deep;
    int depth, limit;
    const char *floor;
} symerr_t;

/* CPython's text for both passes' RecursionError. */
#define COMPILE_TOO_DEEP "maximum recursion depth exceeded during compilation"
/* Compiler levels per level of the recursion limit (CPython's
 * COMPILER_STACK_FRAME_SCALE). */
#define COMPILE_FRAME_SCALE 3

/* ==== Code units (compile.c) ============================================ */

/* fblock_t.kind: what return/break/continue must undo on the way out. */
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
    const char *name;      /* handler: the "as" name, or NULL */
    bool block;            /* holds a run-time block while it is open
                              (compile__note_blocks) */
} fblock_t;

/* The code object being built for one scope; prev is the enclosing
 * unit, restored by compile__unit_finish. */
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
    int nfb;
    /* The most run-time blocks (the frame's block stack) at any point,
     * and the ones open now that no fblock stands for (an except*
     * handler's own). */
    int maxblocks, xblocks;
    int depth, maxdepth;
    int line;
    struct unit *prev;
} unit_t;

/* One compilation; u is the innermost unit. */
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
    bool too_deep;         /* nested past the limit (symerr_t): stop */
    bool recursion;        /* the error is RecursionError, not SyntaxError */
};

/* How compile__name_op accesses a name. */
enum { ACC_LOAD, ACC_STORE, ACC_DEL };

/* ==== Functions ========================================================= */

/* compile.c: emission, names, units, statements. */
void compile__cfail(compiler_t *c, node_t *n, const char *fmt, ...);
void compile__check_keywords(compiler_t *c, nlist_t *kw);
void compile__depth_add(compiler_t *c, int d);
/* Accounts for the run-time blocks open here: the fblocks that hold
 * one, the unit's xblocks and [extra] more (a handler's entry, whose
 * block no fblock stands for yet). */
void compile__note_blocks(compiler_t *c, int extra);
int compile__emit(compiler_t *c, int op, int arg);
int compile__emitd(compiler_t *c, int op, int arg, int d);
int compile__here(compiler_t *c);
void compile__patch_here(compiler_t *c, int at);
int compile__add_name(compiler_t *c, const char *s);
void compile__load_const(compiler_t *c, obj_t *o);
void compile__load_none(compiler_t *c);
obj_t *compile__cstr(compiler_t *c, const char *s);
int compile__cell_index(unit_t *u, const char *name);
void compile__name_op(compiler_t *c, const char *name, int acc);
void compile__unit_push(compiler_t *c, scope_t *s);
code_t *compile__unit_finish(compiler_t *c, const char *name, int flags,
                             int argcount, int posonly, int kwonly,
                             int firstline);
void compile__function_body(compiler_t *c, node_t *n, bool is_lambda);
void compile__body_with_doc(compiler_t *c, nlist_t *l);
/* Whether the code pass must stop: the C stack is nearly used up (it
 * records a RecursionError then) or was before. */
bool compile__too_deep(compiler_t *c, node_t *n);
void compile__stmt(compiler_t *c, node_t *n);
void compile__stmts(compiler_t *c, nlist_t *l);

/* symtable.c: scopes and the symbol pass. */
sym_t *symtable__find(scope_t *s, const char *name);
scope_t *symtable__scope_new(scope_t *parent, int kind, node_t *n);
void symtable__scope_free(scope_t *s);
const char *symtable__pool_strndup(scope_t *s, const char *text, size_t n);
const char *symtable__mangle(scope_t *s, const char *name);
scope_t *symtable__scope_of(scope_t *root, node_t *n);
void symtable__visit_list(scope_t *s, nlist_t *l, symerr_t *err);
void symtable__resolve_all(scope_t *root, symerr_t *err);

/* compile_expr.c: expressions and targets. */
void compile__set_line(compiler_t *c, node_t *n);
void compile__call_helper(compiler_t *c, node_t *n, int nprefix);
void compile__make_function(compiler_t *c, node_t *n, scope_t *s,
                            code_t *co, node_t *args);
char *compile__qualify(scope_t *parent, const char *name);
int compile__count_flags(scope_t *s);
void compile__check_await(compiler_t *c, node_t *n, const char *what);
void compile__expr(compiler_t *c, node_t *n);
void compile__store_target(compiler_t *c, node_t *t);
void compile__delete_target(compiler_t *c, node_t *t);

#endif
