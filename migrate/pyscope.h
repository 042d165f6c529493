/*
 * pyscope.h - a tolerant structural read of one Python file for migrate.
 *
 * Not a parser: from the token stream it recovers what the ensure_future
 * classification needs and nothing more - the scopes (module, classes,
 * functions, lambdas) with their extents, decorators and parameters, which
 * scope owns each token, and every name binding (defs, classes, imports,
 * parameters, assignment and loop targets, `as` names, walrus, match
 * captures). Anything it does not model is simply passed over, so a file
 * using any Python syntax still yields an answer; where it is unsure it
 * records a binding, which makes later answers more conservative.
 */
#ifndef LOOPLAB_MIGRATE_PYSCOPE_H
#define LOOPLAB_MIGRATE_PYSCOPE_H

#include <stddef.h>

#include "pytok.h"

typedef enum migrate_scope_kind {
    MIGRATE_SCOPE_MODULE,
    MIGRATE_SCOPE_CLASS,
    MIGRATE_SCOPE_FUNC,
    MIGRATE_SCOPE_LAMBDA
} migrate_scope_kind;

/* Indices below named "sig" index migrate_file.sig: the significant
 * tokens (everything but COMMENT and NL). */
typedef struct migrate_scope {
    migrate_scope_kind kind;
    int is_async;
    int parent;         /* scope index, -1 for the module */
    int name;           /* sig index of the def/class name, or -1 */
    int first_param;    /* sig index of the first parameter, or -1 */
    int params_start;   /* sig range of the parameter list */
    int params_end;
    int body_start;     /* sig range of the body */
    int body_end;
    int has_yield;      /* a yield directly in the body */
    int is_static;      /* decorated with @staticmethod */
    int odd_decorator;  /* sig index of the first decorator that may change
                           what the function returns, or -1 */
} migrate_scope;

typedef enum migrate_bind_kind {
    MIGRATE_BIND_ASYNC_DEF,
    MIGRATE_BIND_DEF,
    MIGRATE_BIND_CLASS,
    MIGRATE_BIND_PARAM,
    MIGRATE_BIND_MODULE,   /* import M / import M as N */
    MIGRATE_BIND_FROM,     /* from M import X [as N] */
    MIGRATE_BIND_STAR,     /* from M import * (tok: the star) */
    MIGRATE_BIND_OTHER     /* assignment, loop target, global, ... */
} migrate_bind_kind;

typedef struct migrate_binding {
    migrate_bind_kind kind;
    int scope;          /* the scope the name is bound in */
    int tok;            /* sig index of the bound name */
    int def_scope;      /* for defs and classes: the scope they create */
    char *module;       /* MODULE: dotted name; FROM/STAR: after the dots */
    int level;          /* FROM/STAR: number of leading dots */
    char *orig;         /* FROM: the imported name */
    int item_start;     /* FROM: sig range of the item ("X" or "X as N") */
    int item_end;       /* (exclusive) */
    int stmt_start;     /* FROM: sig index of `from` */
    int last_item_end;  /* FROM: sig index just past the statement's last
                           item (before any `)` or trailing comma) */
} migrate_binding;

typedef struct migrate_file {
    const char *src;
    size_t len;
    pytok_list toks;
    int *sig;           /* token indices of the significant tokens */
    int nsig;
    int *match;         /* for an opening bracket: its closing bracket */
    int *owner;         /* the scope owning each significant token */
    unsigned char *in_import;   /* the token is part of an import */
    migrate_scope *scopes;
    int nscopes;
    migrate_binding *binds;
    int nbinds;
    int bind_cap;
    int ok;             /* 0: not valid Python (err, err_line say why) */
    int err_line;
    char err[200];
} migrate_file;

/* Tokenizes and reads [len] bytes of [src] (which must outlive [f]).
 * Returns 0, or -1 when the file is not valid Python or memory ran out
 * (f->err says which). migrate_file_free must be called either way. */
int migrate_file_load(migrate_file *f, const char *src, size_t len);
void migrate_file_free(migrate_file *f);

/* Significant token [i]; out-of-range indices give the ENDMARKER. */
const pytok_token *migrate_tok(const migrate_file *f, int i);

/* True when significant token [i] is exactly [text]. */
int migrate_tok_is(const migrate_file *f, int i, const char *text);

/* True when significant token [i] is a NAME equal to [n] bytes at [s]. */
int migrate_tok_name(const migrate_file *f, int i, const char *s, size_t n);

/* The scope where [name] used in [scope] is bound, following Python's
 * rules (class bodies are skipped for names used in nested functions), or
 * -1 when no scope of the file binds it. */
int migrate_resolve(const migrate_file *f, int scope, const char *name,
                    size_t nlen);

/* The next binding of [name] in exactly [scope] at or after index [from],
 * or -1. */
int migrate_next_binding(const migrate_file *f, int scope, const char *name,
                         size_t nlen, int from);

/* The innermost function or lambda around [scope], or -1 at module or
 * class level. */
int migrate_enclosing_func(const migrate_file *f, int scope);

#endif
