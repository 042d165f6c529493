/*
 * pyscope.c - scopes, token ownership and name bindings of a Python file.
 *
 * Two passes over the significant tokens. The first follows the block
 * structure (INDENT/DEDENT, one-line suites, lambdas) to build the scope
 * tree and give every token its owning scope; it also catches the two
 * indentation mistakes the tokenizer cannot see (an indent no block asked
 * for, a block header with nothing indented under it). The second records
 * the names each statement binds. Whatever it cannot place it treats as a
 * binding, which only ever makes migrate more careful.
 */
#include "pyscope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How an open scope ends during the structure pass. */
enum { END_DEDENT, END_NEWLINE, END_AT };

typedef struct open_scope {
    int scope;
    int how;
    int level;     /* END_DEDENT: the indentation level of its body */
    int end_at;    /* END_AT: sig index where a lambda body ends */
} open_scope;

/* Decorators seen since the last def or class. */
typedef struct deco_state {
    int any;
    int is_static;
    int odd;       /* sig index of the first unrecognised decorator */
} deco_state;

static const char *const hard_keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield"
};

const pytok_token *migrate_tok(const migrate_file *f, int i)
{
    if (i < 0 || i >= f->nsig) {
        return &f->toks.toks[f->toks.n - 1];
    }
    return &f->toks.toks[f->sig[i]];
}

int migrate_tok_is(const migrate_file *f, int i, const char *text)
{
    if (i < 0 || i >= f->nsig) {
        return 0;
    }
    return pytok_eq(migrate_tok(f, i), f->src, text);
}

int migrate_tok_name(const migrate_file *f, int i, const char *s, size_t n)
{
    if (i < 0 || i >= f->nsig) {
        return 0;
    }
    const pytok_token *t = migrate_tok(f, i);
    return t->type == PYTOK_NAME && t->end - t->start == n &&
           memcmp(f->src + t->start, s, n) == 0;
}

static int is_type(const migrate_file *f, int i, pytok_type type)
{
    return i >= 0 && i < f->nsig && migrate_tok(f, i)->type == type;
}

static int is_keyword(const migrate_file *f, int i)
{
    for (size_t k = 0; k < sizeof hard_keywords / sizeof hard_keywords[0];
         k++) {
        if (migrate_tok_is(f, i, hard_keywords[k])) {
            return 1;
        }
    }
    return 0;
}

/* A NAME that is an identifier (not a keyword) and not an attribute. */
static int is_plain_name(const migrate_file *f, int i)
{
    return is_type(f, i, PYTOK_NAME) && !is_keyword(f, i) &&
           !migrate_tok_is(f, i - 1, ".");
}

static int is_opener(const migrate_file *f, int i)
{
    return migrate_tok_is(f, i, "(") || migrate_tok_is(f, i, "[") ||
           migrate_tok_is(f, i, "{");
}

static int is_closer(const migrate_file *f, int i)
{
    return migrate_tok_is(f, i, ")") || migrate_tok_is(f, i, "]") ||
           migrate_tok_is(f, i, "}");
}

/* True at a statement boundary token (or before the first token). */
static int is_line_break(const migrate_file *f, int i)
{
    return i < 0 || is_type(f, i, PYTOK_NEWLINE) ||
           is_type(f, i, PYTOK_INDENT) || is_type(f, i, PYTOK_DEDENT);
}

static int set_error(migrate_file *f, int line, const char *msg)
{
    if (f->ok) {
        f->ok = 0;
        f->err_line = line;
        snprintf(f->err, sizeof f->err, "%s", msg);
    }
    return -1;
}

/* The first ":" at bracket depth 0 from [i] (skipping bracketed parts and
 * one colon per lambda), before the end of the logical line; or -1. */
static int find_colon(const migrate_file *f, int i)
{
    int lambdas = 0;
    for (int j = i; j < f->nsig; j++) {
        if (is_opener(f, j) && f->match[j] > j) {
            j = f->match[j];
        } else if (is_type(f, j, PYTOK_NEWLINE) || is_closer(f, j)) {
            return -1;
        } else if (migrate_tok_is(f, j, "lambda")) {
            lambdas++;
        } else if (migrate_tok_is(f, j, ":")) {
            if (lambdas == 0) {
                return j;
            }
            lambdas--;
        }
    }
    return -1;
}

/* Where the body of a lambda starting at [j] ends: at a comma, closing
 * bracket, `for` (comprehension), `;` or the end of the line, at its own
 * depth. */
static int lambda_end(const migrate_file *f, int j)
{
    int lambdas = 0;
    for (; j < f->nsig; j++) {
        if (is_opener(f, j) && f->match[j] > j) {
            j = f->match[j];
        } else if (is_closer(f, j) || is_type(f, j, PYTOK_NEWLINE) ||
                   migrate_tok_is(f, j, ",") || migrate_tok_is(f, j, ";") ||
                   migrate_tok_is(f, j, "for") ||
                   (migrate_tok_is(f, j, "async") &&
                    migrate_tok_is(f, j + 1, "for"))) {
            return j;
        } else if (migrate_tok_is(f, j, "lambda")) {
            lambdas++;
        } else if (migrate_tok_is(f, j, ":") && lambdas > 0) {
            lambdas--;
        } else if (migrate_tok_is(f, j, ":")) {
            /* a slice or dict colon after the body */
            return j;
        }
    }
    return f->nsig - 1;
}

static int new_scope(migrate_file *f, migrate_scope_kind kind, int parent)
{
    migrate_scope *s = realloc(f->scopes, (size_t)(f->nscopes + 1) *
                                              sizeof *s);
    if (!s) {
        return set_error(f, 0, "out of memory");
    }
    f->scopes = s;
    migrate_scope *n = &s[f->nscopes];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->parent = parent;
    n->name = n->first_param = -1;
    n->params_start = n->params_end = -1;
    n->odd_decorator = -1;
    return f->nscopes++;
}

/* Decorators that keep an async def a coroutine function. */
static int decorator_keeps_coroutine(const char *name)
{
    static const char *const ok[] = {
        "staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod",
        "wraps", "functools.wraps", "override", "typing.override",
        "typing_extensions.override"
    };
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
        if (strcmp(name, ok[k]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Reads the decorator after the "@" at [i] into [d]. */
static void read_decorator(const migrate_file *f, int i, deco_state *d)
{
    char name[128];
    size_t n = 0;
    int j = i + 1;
    while (is_type(f, j, PYTOK_NAME) || migrate_tok_is(f, j, ".")) {
        const pytok_token *t = migrate_tok(f, j);
        size_t len = t->end - t->start;
        if (n + len + 1 >= sizeof name) {
            break;
        }
        memcpy(name + n, f->src + t->start, len);
        n += len;
        j++;
    }
    name[n] = '\0';
    d->any = 1;
    if (strcmp(name, "staticmethod") == 0) {
        d->is_static = 1;
    }
    if (!decorator_keeps_coroutine(name) && d->odd < 0) {
        d->odd = i + 1;
    }
}

/* Sets up a def or class whose keyword is at [i], owned by [parent].
 * Returns the new scope, its header colon in *colon. */
static int open_def(migrate_file *f, int i, int parent, deco_state *d,
                    int *colon)
{
    int is_class = migrate_tok_is(f, i, "class");
    int s = new_scope(f, is_class ? MIGRATE_SCOPE_CLASS : MIGRATE_SCOPE_FUNC,
                      parent);
    if (s < 0) {
        return -1;
    }
    migrate_scope *sc = &f->scopes[s];
    sc->is_async = !is_class && migrate_tok_is(f, i - 1, "async");
    sc->name = is_type(f, i + 1, PYTOK_NAME) ? i + 1 : -1;
    sc->is_static = d->is_static;
    sc->odd_decorator = d->odd;
    memset(d, 0, sizeof *d);
    d->odd = -1;
    int after = i + 2;
    if (!is_class && migrate_tok_is(f, i + 2, "(") && f->match[i + 2] > 0) {
        sc->params_start = i + 3;
        sc->params_end = f->match[i + 2];
        for (int j = sc->params_start; j < sc->params_end; j++) {
            if (is_type(f, j, PYTOK_NAME)) {
                sc->first_param = j;
                break;
            }
            if (!migrate_tok_is(f, j, "*") && !migrate_tok_is(f, j, "**")) {
                break;
            }
        }
        after = sc->params_end + 1;
    }
    *colon = find_colon(f, after);
    return s;
}

static int push(open_scope **stk, int *n, int *cap, open_scope o)
{
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 32;
        open_scope *p = realloc(*stk, (size_t)c * sizeof *p);
        if (!p) {
            return -1;
        }
        *stk = p;
        *cap = c;
    }
    (*stk)[(*n)++] = o;
    return 0;
}

/* The structure pass: scopes, owners, and the indentation checks. */
static int structure(migrate_file *f)
{
    open_scope *stk = NULL;
    int nstk = 0, cap = 0, level = 0;
    int pending = -1;            /* a def/class waiting for its INDENT */
    int inline_scope = -1;       /* a def/class with a one-line body */
    int inline_at = -1;
    deco_state deco = { 0, 0, -1 };
    int rc = -1;
    if (new_scope(f, MIGRATE_SCOPE_MODULE, -1) < 0 ||
        push(&stk, &nstk, &cap, (open_scope){ 0, END_DEDENT, 0, 0 }) < 0) {
        goto out;
    }
    for (int i = 0; i < f->nsig; i++) {
        const pytok_token *t = migrate_tok(f, i);
        while (nstk > 1 && stk[nstk - 1].how == END_AT &&
               i >= stk[nstk - 1].end_at) {
            f->scopes[stk[--nstk].scope].body_end = i;
        }
        if (t->type == PYTOK_DEDENT) {
            level--;
            while (nstk > 1 && (stk[nstk - 1].how != END_DEDENT ||
                                stk[nstk - 1].level > level)) {
                f->scopes[stk[--nstk].scope].body_end = i;
            }
        } else if (t->type == PYTOK_NEWLINE) {
            while (nstk > 1 && stk[nstk - 1].how != END_DEDENT) {
                f->scopes[stk[--nstk].scope].body_end = i;
            }
            if (migrate_tok_is(f, i - 1, ":") &&
                !is_type(f, i + 1, PYTOK_INDENT)) {
                char msg[80];
                snprintf(msg, sizeof msg,
                         "expected an indented block after line %d",
                         t->line);
                rc = set_error(f, migrate_tok(f, i + 1)->line, msg);
                goto out;
            }
        } else if (t->type == PYTOK_INDENT) {
            level++;
            if (i == 0 || !migrate_tok_is(f, i - 2, ":")) {
                rc = set_error(f, t->line, "unexpected indent");
                goto out;
            }
            if (pending >= 0) {
                f->scopes[pending].body_start = i;
                if (push(&stk, &nstk, &cap,
                         (open_scope){ pending, END_DEDENT, level, 0 }) < 0) {
                    goto out;
                }
                pending = -1;
            }
        }
        if (i == inline_at) {
            f->scopes[inline_scope].body_start = i;
            if (push(&stk, &nstk, &cap,
                     (open_scope){ inline_scope, END_NEWLINE, 0, 0 }) < 0) {
                goto out;
            }
            inline_at = -1;
        }
        int cur = stk[nstk - 1].scope;
        f->owner[i] = cur;
        if (migrate_tok_is(f, i, "@") && is_line_break(f, i - 1)) {
            read_decorator(f, i, &deco);
        } else if (migrate_tok_is(f, i, "def") ||
                   migrate_tok_is(f, i, "class")) {
            int colon;
            int s = open_def(f, i, cur, &deco, &colon);
            if (s < 0) {
                goto out;
            }
            if (colon < 0) {
                /* Not a header we understand: the scope covers nothing. */
                f->scopes[s].body_start = f->scopes[s].body_end = i;
            } else if (is_type(f, colon + 1, PYTOK_NEWLINE)) {
                pending = s;
            } else {
                inline_scope = s;
                inline_at = colon + 1;
            }
        } else if (migrate_tok_is(f, i, "lambda")) {
            int s = new_scope(f, MIGRATE_SCOPE_LAMBDA, cur);
            if (s < 0) {
                goto out;
            }
            int colon = find_colon(f, i + 1);
            if (colon < 0) {
                colon = i;
            }
            migrate_scope *sc = &f->scopes[s];
            sc->params_start = i + 1;
            sc->params_end = colon;
            sc->body_start = colon + 1;
            int end = lambda_end(f, colon + 1);
            if (push(&stk, &nstk, &cap,
                     (open_scope){ s, END_AT, 0, end }) < 0) {
                goto out;
            }
        } else if (migrate_tok_is(f, i, "yield")) {
            if (f->scopes[cur].kind == MIGRATE_SCOPE_FUNC ||
                f->scopes[cur].kind == MIGRATE_SCOPE_LAMBDA) {
                f->scopes[cur].has_yield = 1;
            }
        }
    }
    while (nstk > 0) {
        f->scopes[stk[--nstk].scope].body_end = f->nsig;
    }
    rc = 0;
out:
    if (rc < 0 && f->ok) {
        set_error(f, 0, "out of memory");
    }
    free(stk);
    return rc;
}

/* Copies [i..j) tokens' text (names and dots) into a new string. */
static char *join_tokens(const migrate_file *f, int i, int j)
{
    size_t n = 0;
    for (int k = i; k < j; k++) {
        n += migrate_tok(f, k)->end - migrate_tok(f, k)->start;
    }
    char *s = malloc(n + 1);
    if (!s) {
        return NULL;
    }
    n = 0;
    for (int k = i; k < j; k++) {
        const pytok_token *t = migrate_tok(f, k);
        memcpy(s + n, f->src + t->start, t->end - t->start);
        n += t->end - t->start;
    }
    s[n] = '\0';
    return s;
}

static migrate_binding *add_binding(migrate_file *f, migrate_bind_kind kind,
                                    int scope, int tok)
{
    if (f->nbinds == f->bind_cap) {
        int c = f->bind_cap ? f->bind_cap * 2 : 64;
        migrate_binding *b = realloc(f->binds, (size_t)c * sizeof *b);
        if (!b) {
            set_error(f, 0, "out of memory");
            return NULL;
        }
        f->binds = b;
        f->bind_cap = c;
    }
    migrate_binding *b = &f->binds[f->nbinds++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->scope = scope;
    b->tok = tok;
    b->def_scope = -1;
    b->item_start = b->item_end = b->stmt_start = b->last_item_end = -1;
    return b;
}

/* Binds every plain name in [i, j) in its owner scope, except the bases
 * of attribute, subscript and call targets (`self.x = ...` binds nothing
 * called self). */
static int bind_names(migrate_file *f, int i, int j)
{
    for (int k = i; k < j; k++) {
        if (is_plain_name(f, k) && !migrate_tok_is(f, k + 1, ".") &&
            !migrate_tok_is(f, k + 1, "[") && !migrate_tok_is(f, k + 1, "(") &&
            !add_binding(f, MIGRATE_BIND_OTHER, f->owner[k], k)) {
            return -1;
        }
    }
    return 0;
}

/* Reads a dotted name from [*j] (advancing it); NULL if there is none. */
static char *dotted(const migrate_file *f, int *j)
{
    int s = *j;
    while (is_type(f, *j, PYTOK_NAME) &&
           !migrate_tok_is(f, *j, "import") && !migrate_tok_is(f, *j, "as")) {
        (*j)++;
        if (!migrate_tok_is(f, *j, ".")) {
            break;
        }
        (*j)++;
    }
    if (*j == s) {
        return NULL;
    }
    return join_tokens(f, s, *j);
}

/* `import a.b as c, d` at [i]; returns the index after the statement. */
static int do_import(migrate_file *f, int i)
{
    int j = i + 1, scope = f->owner[i];
    f->in_import[i] = 1;
    for (;;) {
        int first = j;
        char *mod = dotted(f, &j);
        if (!mod) {
            break;
        }
        migrate_binding *b;
        if (migrate_tok_is(f, j, "as") && is_type(f, j + 1, PYTOK_NAME)) {
            b = add_binding(f, MIGRATE_BIND_MODULE, scope, j + 1);
            j += 2;
        } else {
            /* `import a.b` binds `a` to the top-level package. */
            char *dot = strchr(mod, '.');
            if (dot) {
                *dot = '\0';
            }
            b = add_binding(f, MIGRATE_BIND_MODULE, scope, first);
        }
        if (!b) {
            free(mod);
            return -1;
        }
        b->module = mod;
        for (int k = first; k < j; k++) {
            f->in_import[k] = 1;
        }
        if (!migrate_tok_is(f, j, ",")) {
            break;
        }
        f->in_import[j++] = 1;
    }
    return j;
}

/* `from ..m import (x as y, z)` at [i]; returns the index after it. */
static int do_from(migrate_file *f, int i)
{
    int j = i + 1, scope = f->owner[i], level = 0;
    while (migrate_tok_is(f, j, ".") || migrate_tok_is(f, j, "...")) {
        level += migrate_tok_is(f, j, ".") ? 1 : 3;
        j++;
    }
    char *mod = dotted(f, &j);
    if (!migrate_tok_is(f, j, "import")) {
        free(mod);
        return j;
    }
    j++;
    int paren = migrate_tok_is(f, j, "(");
    int close = paren ? f->match[j] : -1;
    if (paren) {
        j++;
    }
    int first_bind = f->nbinds, last_end = j;
    while (j < f->nsig) {
        if (migrate_tok_is(f, j, "*")) {
            migrate_binding *b = add_binding(f, MIGRATE_BIND_STAR, scope, j);
            if (!b || !(b->module = strdup(mod ? mod : ""))) {
                free(mod);
                return -1;
            }
            b->level = level;
            j++;
            last_end = j;
            break;
        }
        if (!is_type(f, j, PYTOK_NAME)) {
            break;
        }
        int item = j, name = j;
        j++;
        if (migrate_tok_is(f, j, "as") && is_type(f, j + 1, PYTOK_NAME)) {
            name = j + 1;
            j += 2;
        }
        migrate_binding *b = add_binding(f, MIGRATE_BIND_FROM, scope, name);
        if (!b || !(b->module = strdup(mod ? mod : "")) ||
            !(b->orig = join_tokens(f, item, item + 1))) {
            free(mod);
            return -1;
        }
        b->level = level;
        b->item_start = item;
        b->item_end = j;
        b->stmt_start = i;
        last_end = j;
        if (!migrate_tok_is(f, j, ",")) {
            break;
        }
        j++;
    }
    free(mod);
    for (int k = first_bind; k < f->nbinds; k++) {
        f->binds[k].last_item_end = last_end;
    }
    if (paren && close > 0) {
        j = close + 1;
    }
    for (int k = i; k < j; k++) {
        f->in_import[k] = 1;
    }
    return j;
}

/* Binds the def or class name at [i] and, for functions and lambdas, the
 * parameters. */
static int bind_def(migrate_file *f, int i)
{
    int s = -1;
    for (int k = 1; k < f->nscopes; k++) {
        if (f->scopes[k].name == i + 1 &&
            f->scopes[k].kind != MIGRATE_SCOPE_LAMBDA) {
            s = k;
            break;
        }
    }
    if (s < 0) {
        return 0;
    }
    migrate_bind_kind kind = f->scopes[s].kind == MIGRATE_SCOPE_CLASS ?
                             MIGRATE_BIND_CLASS :
                             f->scopes[s].is_async ? MIGRATE_BIND_ASYNC_DEF :
                             MIGRATE_BIND_DEF;
    migrate_binding *b = add_binding(f, kind, f->owner[i], i + 1);
    if (!b) {
        return -1;
    }
    b->def_scope = s;
    return 0;
}

/* Binds the parameters of every function and lambda. */
static int bind_params(migrate_file *f)
{
    for (int s = 1; s < f->nscopes; s++) {
        migrate_scope *sc = &f->scopes[s];
        if (sc->params_start < 0) {
            continue;
        }
        for (int j = sc->params_start; j < sc->params_end; j++) {
            if (is_opener(f, j) && f->match[j] > j) {
                j = f->match[j];
                continue;
            }
            int prev = j - 1;
            if (is_plain_name(f, j) &&
                (j == sc->params_start || migrate_tok_is(f, prev, ",") ||
                 migrate_tok_is(f, prev, "*") ||
                 migrate_tok_is(f, prev, "**")) &&
                !add_binding(f, MIGRATE_BIND_PARAM, s, j)) {
                return -1;
            }
        }
    }
    return 0;
}

static int is_compound_keyword(const migrate_file *f, int i)
{
    static const char *const kw[] = {
        "if", "elif", "else", "for", "while", "try", "except", "finally",
        "with", "def", "class", "async", "match", "case"
    };
    for (size_t k = 0; k < sizeof kw / sizeof kw[0]; k++) {
        if (migrate_tok_is(f, i, kw[k])) {
            return 1;
        }
    }
    return 0;
}

static int is_assign_op(const migrate_file *f, int i)
{
    static const char *const ops[] = {
        "=", "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=",
        ">>=", "<<=", "**="
    };
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        if (migrate_tok_is(f, i, ops[k])) {
            return 1;
        }
    }
    return 0;
}

/* The binding pass. */
static int bindings(migrate_file *f)
{
    int depth = 0, stmt = 0, lambdas = 0;
    if (bind_params(f) < 0) {
        return -1;
    }
    for (int i = 0; i < f->nsig; i++) {
        const pytok_token *t = migrate_tok(f, i);
        if (t->type == PYTOK_NEWLINE || t->type == PYTOK_INDENT ||
            t->type == PYTOK_DEDENT || migrate_tok_is(f, i, ";")) {
            stmt = i + 1;
            lambdas = 0;
            continue;
        }
        if (is_opener(f, i)) {
            depth++;
        } else if (is_closer(f, i)) {
            depth--;
        }
        if (f->in_import[i]) {
            continue;
        }
        if (i == stmt && migrate_tok_is(f, i, "import")) {
            if (do_import(f, i) < 0) {
                return -1;
            }
        } else if (i == stmt && migrate_tok_is(f, i, "from")) {
            if (do_from(f, i) < 0) {
                return -1;
            }
        } else if (i == stmt && (migrate_tok_is(f, i, "global") ||
                                 migrate_tok_is(f, i, "nonlocal"))) {
            /* A function assigning a global rebinds the module's name. */
            int g = migrate_tok_is(f, i, "global");
            for (int j = i + 1; is_type(f, j, PYTOK_NAME); j += 2) {
                if (!add_binding(f, MIGRATE_BIND_OTHER, g ? 0 : f->owner[i],
                                 j)) {
                    return -1;
                }
                if (!migrate_tok_is(f, j + 1, ",")) {
                    break;
                }
            }
        } else if (i == stmt && migrate_tok_is(f, i, "case") &&
                   !migrate_tok_is(f, i + 1, "=") &&
                   !migrate_tok_is(f, i + 1, ".")) {
            int colon = find_colon(f, i + 1);
            if (colon > 0 && bind_names(f, i + 1, colon) < 0) {
                return -1;
            }
        } else if (i == stmt && migrate_tok_is(f, i, "del")) {
            int j = i + 1;
            while (j < f->nsig && !is_type(f, j, PYTOK_NEWLINE) &&
                   !migrate_tok_is(f, j, ";")) {
                j++;
            }
            if (bind_names(f, i + 1, j) < 0) {
                return -1;
            }
        } else if (migrate_tok_is(f, i, "def") ||
                   migrate_tok_is(f, i, "class")) {
            if (bind_def(f, i) < 0) {
                return -1;
            }
        } else if (migrate_tok_is(f, i, "lambda") && depth == 0) {
            lambdas++;
        } else if (migrate_tok_is(f, i, ":") && depth == 0) {
            if (lambdas > 0) {
                lambdas--;
            } else if (is_compound_keyword(f, stmt)) {
                stmt = i + 1;     /* a one-line suite starts here */
            } else if (i == stmt + 1 && is_plain_name(f, stmt)) {
                if (!add_binding(f, MIGRATE_BIND_OTHER, f->owner[stmt],
                                 stmt)) {
                    return -1;  /* an annotated name: `x: int` */
                }
            }
        } else if (is_assign_op(f, i) && depth == 0) {
            /* Targets end at an annotation's colon, if any. */
            int end = i;
            for (int j = stmt; j < i; j++) {
                if (is_opener(f, j) && f->match[j] > j) {
                    j = f->match[j];
                } else if (migrate_tok_is(f, j, ":")) {
                    end = j;
                    break;
                }
            }
            if (bind_names(f, stmt, end) < 0) {
                return -1;
            }
        } else if (migrate_tok_is(f, i, ":=")) {
            if (bind_names(f, i - 1, i) < 0) {
                return -1;
            }
        } else if (migrate_tok_is(f, i, "for")) {
            int d = 0, j = i + 1;
            for (; j < f->nsig && !is_type(f, j, PYTOK_NEWLINE); j++) {
                if (is_opener(f, j)) {
                    d++;
                } else if (is_closer(f, j)) {
                    if (--d < 0) {
                        break;
                    }
                } else if (d == 0 && migrate_tok_is(f, j, "in")) {
                    break;
                }
            }
            if (bind_names(f, i + 1, j) < 0) {
                return -1;
            }
        } else if (migrate_tok_is(f, i, "as")) {
            int end = i + 2;
            if (is_opener(f, i + 1) && f->match[i + 1] > i) {
                end = f->match[i + 1];
            }
            if (bind_names(f, i + 1, end) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* Matches brackets (the tokenizer guarantees they balance). */
static int match_brackets(migrate_file *f)
{
    int *stk = malloc((size_t)(f->nsig + 1) * sizeof *stk);
    if (!stk) {
        return set_error(f, 0, "out of memory");
    }
    int n = 0;
    for (int i = 0; i < f->nsig; i++) {
        f->match[i] = -1;
        if (is_opener(f, i)) {
            stk[n++] = i;
        } else if (is_closer(f, i) && n > 0) {
            int o = stk[--n];
            f->match[o] = i;
            f->match[i] = o;
        }
    }
    free(stk);
    return 0;
}

int migrate_file_load(migrate_file *f, const char *src, size_t len)
{
    memset(f, 0, sizeof *f);
    f->src = src;
    f->len = len;
    f->ok = 1;
    if (pytok_tokenize(src, len, &f->toks) < 0) {
        return set_error(f, f->toks.err_line, f->toks.err);
    }
    size_t n = f->toks.n;
    f->sig = malloc(n * sizeof *f->sig);
    f->match = malloc(n * sizeof *f->match);
    f->owner = malloc(n * sizeof *f->owner);
    f->in_import = calloc(n, 1);
    if (!f->sig || !f->match || !f->owner || !f->in_import) {
        return set_error(f, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        pytok_type t = f->toks.toks[i].type;
        if (t != PYTOK_COMMENT && t != PYTOK_NL) {
            f->sig[f->nsig++] = (int)i;
        }
    }
    if (match_brackets(f) < 0 || structure(f) < 0 || bindings(f) < 0) {
        return -1;
    }
    return 0;
}

void migrate_file_free(migrate_file *f)
{
    for (int i = 0; i < f->nbinds; i++) {
        free(f->binds[i].module);
        free(f->binds[i].orig);
    }
    free(f->binds);
    free(f->scopes);
    free(f->sig);
    free(f->match);
    free(f->owner);
    free(f->in_import);
    pytok_free(&f->toks);
    memset(f, 0, sizeof *f);
}

int migrate_next_binding(const migrate_file *f, int scope, const char *name,
                         size_t nlen, int from)
{
    for (int i = from < 0 ? 0 : from; i < f->nbinds; i++) {
        const migrate_binding *b = &f->binds[i];
        if (b->scope == scope && b->kind != MIGRATE_BIND_STAR &&
            migrate_tok_name(f, b->tok, name, nlen)) {
            return i;
        }
    }
    return -1;
}

int migrate_resolve(const migrate_file *f, int scope, const char *name,
                    size_t nlen)
{
    int first = 1;
    for (int s = scope; s >= 0; s = f->scopes[s].parent) {
        if ((first || f->scopes[s].kind != MIGRATE_SCOPE_CLASS) &&
            migrate_next_binding(f, s, name, nlen, 0) >= 0) {
            return s;
        }
        first = 0;
    }
    return -1;
}

int migrate_enclosing_func(const migrate_file *f, int scope)
{
    for (int s = scope; s >= 0; s = f->scopes[s].parent) {
        if (f->scopes[s].kind == MIGRATE_SCOPE_FUNC ||
            f->scopes[s].kind == MIGRATE_SCOPE_LAMBDA) {
            return s;
        }
        if (f->scopes[s].kind == MIGRATE_SCOPE_CLASS) {
            return -1;
        }
    }
    return -1;
}
