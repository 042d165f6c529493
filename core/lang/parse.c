/*
 * parse.c - recursive-descent parser for looplab's Python 3.11 subset.
 *
 * Mirrors the structure of CPython's Grammar/python.gram (statements,
 * then the expression precedence ladder from lambda down to atoms) and
 * reproduces the SyntaxError texts of Parser/pegen_errors.c and the
 * invalid_* rules that learners meet. Errors unwind with longjmp to
 * parse_module: the parser owns no resources outside its arena, so a jump
 * loses nothing (this is the only setjmp in looplab, and it is not used
 * for coroutines).
 */
#include "parse.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "vm.h"

/* ---- Arena ---------------------------------------------------------- */

struct parse_arena {
    struct parse_arena *next;
    size_t used, cap;
    char data[];
};

typedef struct parser {
    lex_token_t *t;        /* tokens */
    size_t n, pos;
    parse_arena_t **arena;
    parse_result_t *r;
    jmp_buf fail;
    int line_offset;       /* for f-string sub-parsers */
    int in_func, in_async, in_loop;
    int depth;
    int neg_literal;       /* number() may read 2**63 (negated at once) */
} parser_t;

static void *alloc(parser_t *p, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    parse_arena_t *a = *p->arena;
    if (!a || a->used + n > a->cap) {
        size_t cap = n > 65536 ? n : 65536;
        parse_arena_t *b = malloc(sizeof *b + cap);
        if (!b) {
            abort();
        }
        b->next = a;
        b->used = 0;
        b->cap = cap;
        *p->arena = b;
        a = b;
    }
    void *r = a->data + a->used;
    a->used += n;
    memset(r, 0, n);
    return r;
}

static char *dupn(parser_t *p, const char *s, size_t n)
{
    char *d = alloc(p, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static void nl_add(parser_t *p, nlist_t *l, node_t *n)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        node_t **v = alloc(p, (size_t)cap * sizeof(node_t *));
        if (l->n) {
            memcpy(v, l->v, (size_t)l->n * sizeof(node_t *));
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = n;
}

/* ---- Token helpers ------------------------------------------------- */

static lex_token_t *cur(parser_t *p) { return &p->t[p->pos]; }
static lex_token_t *peekn(parser_t *p, size_t k)
{
    size_t i = p->pos + k;
    return &p->t[i < p->n ? i : p->n - 1];
}

static node_t *mk(parser_t *p, int kind, lex_token_t *at)
{
    node_t *n = alloc(p, sizeof *n);
    n->kind = kind;
    n->line = at->line + p->line_offset;
    n->col = at->col;
    n->end_line = at->end_line + p->line_offset;
    n->end_col = at->end_col;
    return n;
}

static void finish(parser_t *p, node_t *n)
{
    // The end of a node is the end of the last token consumed.
    if (p->pos > 0) {
        lex_token_t *t = &p->t[p->pos - 1];
        n->end_line = t->end_line + p->line_offset;
        n->end_col = t->end_col;
    }
}

static void error_at(parser_t *p, const char *type, int line, int col,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->r->err_msg, sizeof p->r->err_msg, fmt, ap);
    va_end(ap);
    p->r->err_type = type;
    p->r->err_line = line + p->line_offset;
    p->r->err_col = col;
    longjmp(p->fail, 1);
}

static void syntax_error(parser_t *p, lex_token_t *t, const char *msg)
{
    error_at(p, "SyntaxError", t->line, t->col, "%s", msg);
}

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", NULL};

static int is_keyword(lex_token_t *t)
{
    if (t->kind != T_NAME) {
        return 0;
    }
    for (int i = 0; keywords[i]; i++) {
        if (lex_is(t, keywords[i])) {
            return 1;
        }
    }
    return 0;
}

static int at(parser_t *p, const char *s) { return lex_is(cur(p), s); }

static int accept(parser_t *p, const char *s)
{
    if (at(p, s)) {
        p->pos++;
        return 1;
    }
    return 0;
}

static void invalid(parser_t *p)
{
    lex_token_t *t = cur(p);
    if (t->kind == T_INDENT) {
        error_at(p, "IndentationError", t->line, t->col, "unexpected indent");
    }
    if (t->kind == T_DEDENT && t->len == 0 && p->pos + 1 < p->n) {
        error_at(p, "IndentationError", t->line, t->col,
                 "unindent does not match any outer indentation level");
    }
    syntax_error(p, t, "invalid syntax");
}

static void expect(parser_t *p, const char *s)
{
    if (!accept(p, s)) {
        if (strcmp(s, ":") == 0) {
            lex_token_t *t = cur(p);
            // CPython points just past the previous token.
            lex_token_t *prev = p->pos ? &p->t[p->pos - 1] : t;
            (void)prev;
            syntax_error(p, t, "expected ':'");
        }
        invalid(p);
    }
}

static node_t *name_node(parser_t *p)
{
    lex_token_t *t = cur(p);
    if (t->kind != T_NAME || is_keyword(t)) {
        invalid(p);
    }
    node_t *n = mk(p, N_NAME, t);
    n->s = dupn(p, t->s, t->len);
    p->pos++;
    return n;
}

static const char *ident(parser_t *p)
{
    return name_node(p)->s;
}

/* ---- Expressions ---------------------------------------------------- */

static node_t *expression(parser_t *p);
static node_t *star_expressions(parser_t *p);
static node_t *disjunction(parser_t *p);
static node_t *bitor(parser_t *p);
static node_t *primary(parser_t *p);
static node_t *lambda_args(parser_t *p);
static node_t *named_expression(parser_t *p);
static node_t *yield_expr(parser_t *p);
static void block(parser_t *p, nlist_t *body, const char *what, int line);
static node_t *atom(parser_t *p);

static void enter(parser_t *p)
{
    if (++p->depth > 200) {
        lex_token_t *t = cur(p);
        error_at(p, "SyntaxError", t->line, t->col,
                 "too many nested parentheses");
    }
}

static node_t *comprehension_tail(parser_t *p, int kind, node_t *elt,
                                  node_t *val, lex_token_t *start)
{
    node_t *n = mk(p, kind, start);
    n->a = elt;
    n->b = val;
    while (at(p, "for") || (at(p, "async") && lex_is(peekn(p, 1), "for"))) {
        node_t *g = mk(p, N_COMPREHENSION, cur(p));
        if (accept(p, "async")) {
            g->flags = 1;
        }
        expect(p, "for");
        // Targets: a tuple of bitwise-or expressions without parentheses.
        lex_token_t *ts = cur(p);
        node_t *t0 = bitor(p);
        if (at(p, ",")) {
            node_t *tup = mk(p, N_TUPLE, ts);
            nl_add(p, &tup->l1, t0);
            while (accept(p, ",")) {
                if (at(p, "in")) {
                    break;
                }
                nl_add(p, &tup->l1, bitor(p));
            }
            t0 = tup;
        }
        g->a = t0;
        expect(p, "in");
        g->b = disjunction(p);
        while (accept(p, "if")) {
            nl_add(p, &g->l1, disjunction(p));
        }
        nl_add(p, &n->l1, g);
    }
    finish(p, n);
    return n;
}

static int starts_comprehension(parser_t *p)
{
    return at(p, "for") || (at(p, "async") && lex_is(peekn(p, 1), "for"));
}

static node_t *star_named(parser_t *p)
{
    if (at(p, "*")) {
        node_t *n = mk(p, N_STARRED, cur(p));
        p->pos++;
        n->a = bitor(p);
        finish(p, n);
        return n;
    }
    return named_expression(p);
}

/* Whether [t] can start an expression, so that after a complete one it
 * means two expressions side by side (a missing comma or parenthesis). */
static int starts_operand(lex_token_t *t)
{
    if (t->kind == T_NUMBER || t->kind == T_STRING) {
        return 1;
    }
    if (t->kind != T_NAME) {
        return 0;
    }
    return !is_keyword(t) || lex_is(t, "None") || lex_is(t, "True") ||
           lex_is(t, "False") || lex_is(t, "lambda") || lex_is(t, "await");
}

/* Call arguments: positional, *args, keywords, **kwargs. */
static void call_args(parser_t *p, node_t *call)
{
    lex_token_t *bare_genexp = NULL;
    while (!at(p, ")")) {
        lex_token_t *t = cur(p);
        if (accept(p, "*")) {
            for (int i = 0; i < call->l2.n; i++) {
                if (call->l2.v[i]->s == NULL) {
                    syntax_error(p, t,
                                 "iterable argument unpacking follows "
                                 "keyword argument unpacking");
                }
            }
            node_t *s = mk(p, N_STARRED, t);
            s->a = expression(p);
            finish(p, s);
            nl_add(p, &call->l1, s);
        } else if (accept(p, "**")) {
            node_t *k = mk(p, N_KEYWORD, t);
            k->a = expression(p);
            finish(p, k);
            nl_add(p, &call->l2, k);
        } else if (t->kind == T_NAME && lex_is(peekn(p, 1), "=") &&
                   !is_keyword(t)) {
            node_t *k = mk(p, N_KEYWORD, t);
            k->s = dupn(p, t->s, t->len);
            p->pos += 2;
            k->a = expression(p);
            finish(p, k);
            nl_add(p, &call->l2, k);
        } else {
            node_t *e = named_expression(p);
            if (starts_comprehension(p)) {
                e = comprehension_tail(p, N_GENEXP, e, NULL, t);
                bare_genexp = t;
                if (at(p, ",")) {
                    // Not even a trailing comma may follow it.
                    syntax_error(p, t, "Generator expression must be "
                                       "parenthesized");
                }
            } else if (starts_operand(cur(p))) {
                syntax_error(p, t, "invalid syntax. Perhaps you forgot a "
                                   "comma?");
            } else if (at(p, "=")) {
                syntax_error(p, cur(p),
                             "expression cannot contain assignment, perhaps "
                             "you meant \"==\"?");
            }
            if (call->l2.n > 0) {
                for (int i = 0; i < call->l2.n; i++) {
                    if (call->l2.v[i]->s == NULL) {
                        syntax_error(p, t,
                                     "positional argument follows keyword "
                                     "argument unpacking");
                    }
                }
                syntax_error(p, t,
                             "positional argument follows keyword argument");
            }
            nl_add(p, &call->l1, e);
        }
        if (!accept(p, ",")) {
            break;
        }
    }
    // A generator expression without its own parentheses must be the
    // only argument.
    if (bare_genexp && call->l1.n + call->l2.n > 1) {
        syntax_error(p, bare_genexp,
                     "Generator expression must be parenthesized");
    }
    expect(p, ")");
}

static node_t *slice_item(parser_t *p)
{
    lex_token_t *t = cur(p);
    node_t *lo = NULL;
    if (!at(p, ":")) {
        lo = star_named(p);
        if (!at(p, ":")) {
            return lo;
        }
    }
    node_t *s = mk(p, N_SLICE, t);
    s->a = lo;
    expect(p, ":");
    if (!at(p, ":") && !at(p, "]") && !at(p, ",")) {
        s->b = expression(p);
    }
    if (accept(p, ":")) {
        if (!at(p, "]") && !at(p, ",")) {
            s->c = expression(p);
        }
    }
    finish(p, s);
    return s;
}

static node_t *primary(parser_t *p)
{
    lex_token_t *start = cur(p);
    node_t *e = atom(p);
    for (;;) {
        lex_token_t *t = cur(p);
        if (accept(p, ".")) {
            node_t *n = mk(p, N_ATTRIBUTE, start);
            n->a = e;
            lex_token_t *nt = cur(p);
            if (nt->kind != T_NAME) {
                invalid(p);
            }
            n->s = dupn(p, nt->s, nt->len);
            p->pos++;
            finish(p, n);
            e = n;
        } else if (accept(p, "(")) {
            node_t *n = mk(p, N_CALL, start);
            n->a = e;
            enter(p);
            call_args(p, n);
            p->depth--;
            finish(p, n);
            e = n;
        } else if (accept(p, "[")) {
            node_t *n = mk(p, N_SUBSCRIPT, start);
            n->a = e;
            enter(p);
            node_t *first = slice_item(p);
            if (at(p, ",")) {
                node_t *tup = mk(p, N_TUPLE, t);
                nl_add(p, &tup->l1, first);
                while (accept(p, ",")) {
                    if (at(p, "]")) {
                        break;
                    }
                    nl_add(p, &tup->l1, slice_item(p));
                }
                finish(p, tup);
                first = tup;
            }
            p->depth--;
            expect(p, "]");
            n->b = first;
            finish(p, n);
            e = n;
        } else {
            return e;
        }
    }
}

static node_t *await_primary(parser_t *p)
{
    if (at(p, "await")) {
        node_t *n = mk(p, N_AWAIT, cur(p));
        p->pos++;
        n->a = primary(p);
        finish(p, n);
        return n;
    }
    return primary(p);
}

static node_t *factor(parser_t *p);
static node_t *number(parser_t *p);

static node_t *power(parser_t *p)
{
    lex_token_t *t = cur(p);
    node_t *e = await_primary(p);
    if (accept(p, "**")) {
        node_t *n = mk(p, N_BINOP, t);
        n->a = e;
        n->op = OP_POW;
        n->b = factor(p);
        finish(p, n);
        return n;
    }
    return e;
}

static node_t *factor(parser_t *p)
{
    lex_token_t *t = cur(p);
    int op = -1;
    if (lex_is(t, "-")) {
        op = UOP_NEG;
    } else if (lex_is(t, "+")) {
        op = UOP_POS;
    } else if (lex_is(t, "~")) {
        op = UOP_INVERT;
    }
    if (op == UOP_NEG && peekn(p, 1)->kind == T_NUMBER &&
        !lex_is(peekn(p, 2), "**") && !lex_is(peekn(p, 2), ".") &&
        !lex_is(peekn(p, 2), "(") && !lex_is(peekn(p, 2), "[")) {
        // "-9223372036854775808" is the one negative literal whose
        // magnitude does not fit: fold it here, as the compiler folds the
        // other negated constants.
        p->pos++;
        p->neg_literal = 1;
        node_t *c = number(p);
        p->neg_literal = 0;
        if (c->flags == C_INT && c->i == INT64_MIN) {
            c->line = t->line + p->line_offset;
            c->col = t->col;
            return c;
        }
        node_t *n = mk(p, N_UNARYOP, t);
        n->op = op;
        n->a = c;
        finish(p, n);
        return n;
    }
    if (op >= 0) {
        p->pos++;
        enter(p);
        node_t *n = mk(p, N_UNARYOP, t);
        n->op = op;
        n->a = factor(p);
        p->depth--;
        finish(p, n);
        return n;
    }
    return power(p);
}

typedef struct binop_level {
    const char *ops[6];
    int codes[6];
} binop_level_t;

static const binop_level_t levels[] = {
    {{"|"}, {OP_OR}},
    {{"^"}, {OP_XOR}},
    {{"&"}, {OP_AND}},
    {{"<<", ">>"}, {OP_LSHIFT, OP_RSHIFT}},
    {{"+", "-"}, {OP_ADD, OP_SUB}},
    {{"*", "/", "//", "%", "@"},
     {OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_MATMUL}},
};

static node_t *binlevel(parser_t *p, int lvl)
{
    if (lvl == 6) {
        return factor(p);
    }
    lex_token_t *start = cur(p);
    node_t *e = binlevel(p, lvl + 1);
    for (;;) {
        int op = -1;
        for (int i = 0; i < 6 && levels[lvl].ops[i]; i++) {
            if (cur(p)->kind == T_OP && lex_is(cur(p), levels[lvl].ops[i])) {
                op = levels[lvl].codes[i];
            }
        }
        if (op < 0) {
            return e;
        }
        p->pos++;
        node_t *n = mk(p, N_BINOP, start);
        n->a = e;
        n->op = op;
        n->b = binlevel(p, lvl + 1);
        finish(p, n);
        e = n;
    }
}

static node_t *bitor(parser_t *p) { return binlevel(p, 0); }

static int comp_op(parser_t *p)
{
    lex_token_t *t = cur(p);
    static const char *const s[] = {"<", "<=", "==", "!=", ">", ">="};
    for (int i = 0; i < 6; i++) {
        if (t->kind == T_OP && lex_is(t, s[i])) {
            p->pos++;
            return i;
        }
    }
    if (lex_is(t, "in")) {
        p->pos++;
        return CMPX_IN;
    }
    if (lex_is(t, "not") && lex_is(peekn(p, 1), "in")) {
        p->pos += 2;
        return CMPX_NOTIN;
    }
    if (lex_is(t, "is")) {
        p->pos++;
        if (accept(p, "not")) {
            return CMPX_ISNOT;
        }
        return CMPX_IS;
    }
    return -1;
}

static node_t *comparison(parser_t *p)
{
    lex_token_t *start = cur(p);
    node_t *e = bitor(p);
    node_t *n = NULL;
    for (;;) {
        lex_token_t *t = cur(p);
        int op = comp_op(p);
        if (op < 0) {
            break;
        }
        if (!n) {
            n = mk(p, N_COMPARE, start);
            n->a = e;
        }
        node_t *o = mk(p, N_CMPOP, t);
        o->op = op;
        nl_add(p, &n->l2, o);
        nl_add(p, &n->l1, bitor(p));
    }
    if (n) {
        finish(p, n);
        return n;
    }
    return e;
}

static node_t *inversion(parser_t *p)
{
    if (at(p, "not")) {
        node_t *n = mk(p, N_UNARYOP, cur(p));
        p->pos++;
        n->op = UOP_NOT;
        enter(p);
        n->a = inversion(p);
        p->depth--;
        finish(p, n);
        return n;
    }
    return comparison(p);
}

static node_t *boolop(parser_t *p, const char *kw, int op,
                      node_t *(*sub)(parser_t *))
{
    lex_token_t *start = cur(p);
    node_t *e = sub(p);
    if (!at(p, kw)) {
        return e;
    }
    node_t *n = mk(p, N_BOOLOP, start);
    n->op = op;
    nl_add(p, &n->l1, e);
    while (accept(p, kw)) {
        nl_add(p, &n->l1, sub(p));
    }
    finish(p, n);
    return n;
}

static node_t *conjunction(parser_t *p)
{
    return boolop(p, "and", 0, inversion);
}

static node_t *disjunction(parser_t *p)
{
    return boolop(p, "or", 1, conjunction);
}

static node_t *expression(parser_t *p)
{
    lex_token_t *t = cur(p);
    if (at(p, "lambda")) {
        p->pos++;
        node_t *n = mk(p, N_LAMBDA, t);
        n->a = lambda_args(p);
        expect(p, ":");
        int saved = p->in_func;
        p->in_func = 1;
        n->b = expression(p);
        p->in_func = saved;
        finish(p, n);
        return n;
    }
    node_t *e = disjunction(p);
    if (at(p, "if")) {
        // "x if c" without else is an error in 3.11: "expected 'else'
        // after 'if' expression".
        p->pos++;
        node_t *n = mk(p, N_IFEXP, t);
        n->b = e;
        n->a = disjunction(p);
        if (!accept(p, "else")) {
            syntax_error(p, cur(p), "expected 'else' after 'if' expression");
        }
        n->c = expression(p);
        finish(p, n);
        return n;
    }
    return e;
}

static node_t *named_expression(parser_t *p)
{
    lex_token_t *t = cur(p);
    if (t->kind == T_NAME && lex_is(peekn(p, 1), ":=")) {
        node_t *n = mk(p, N_NAMEDEXPR, t);
        n->a = name_node(p);
        p->pos++;
        n->b = expression(p);
        finish(p, n);
        return n;
    }
    return expression(p);
}

/* star_expressions: "a, b, *c" as a tuple, or one expression. */
static node_t *star_expressions(parser_t *p)
{
    lex_token_t *t = cur(p);
    node_t *e = star_named(p);
    if (!at(p, ",")) {
        return e;
    }
    node_t *tup = mk(p, N_TUPLE, t);
    nl_add(p, &tup->l1, e);
    while (accept(p, ",")) {
        lex_token_t *c = cur(p);
        if (c->kind == T_NEWLINE || lex_is(c, "=") || lex_is(c, ")") ||
            lex_is(c, ";") || lex_is(c, ":") || c->kind == T_END ||
            (c->kind == T_OP && c->len == 2 && c->s[1] == '=' &&
             !lex_is(c, "==") && !lex_is(c, "!=") && !lex_is(c, "<=") &&
             !lex_is(c, ">=")) ||
            lex_is(c, "in")) {
            break;
        }
        nl_add(p, &tup->l1, star_named(p));
    }
    finish(p, tup);
    return tup;
}

/* ---- Strings ----------------------------------------------------------- */

typedef struct sbuf { char *s; size_t n, cap; } sbuf_t;

static void sb_put(sbuf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s) {
            abort();
        }
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_utf8(sbuf_t *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_put(b, u, n);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Decodes the escapes of a (non-raw) literal body into b. */
static void decode_escapes(parser_t *p, lex_token_t *t, const char *s,
                           size_t n, sbuf_t *b)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c != '\\' || i + 1 >= n) {
            sb_put(b, &s[i], 1);
            i++;
            continue;
        }
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case '\n': break;
        case '\\': sb_put(b, "\\", 1); break;
        case '\'': sb_put(b, "'", 1); break;
        case '"': sb_put(b, "\"", 1); break;
        case 'a': sb_put(b, "\a", 1); break;
        case 'b': sb_put(b, "\b", 1); break;
        case 'f': sb_put(b, "\f", 1); break;
        case 'n': sb_put(b, "\n", 1); break;
        case 'r': sb_put(b, "\r", 1); break;
        case 't': sb_put(b, "\t", 1); break;
        case 'v': sb_put(b, "\v", 1); break;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(e - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7';
                 k++) {
                v = v * 8 + (unsigned)(s[i++] - '0');
            }
            sb_utf8(b, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            unsigned v = 0;
            for (int k = 0; k < len; k++) {
                int h = i < n ? hexval(s[i]) : -1;
                if (h < 0) {
                    char msg[120];
                    snprintf(msg, sizeof msg,
                             "(unicode error) 'unicodeescape' codec can't "
                             "decode bytes in position %d-%d: truncated "
                             "%s escape", 0, k + 1,
                             e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX"
                                                           : "\\UXXXXXXXX");
                    free(b->s);
                    syntax_error(p, t, msg);
                }
                v = v * 16 + (unsigned)h;
                i++;
            }
            sb_utf8(b, v);
            break;
        }
        case 'N':
            free(b->s);
            syntax_error(p, t, "\\N{...} escapes are not supported");
            break;
        default:
            // Unknown escapes keep the backslash (a DeprecationWarning in
            // CPython 3.11, not shown by default).
            sb_put(b, &s[i - 2], 2);
            break;
        }
    }
}

/* Finds the end of an f-string replacement field expression starting at
 * s[i]: stops at a top-level '!', ':' or '}' (not '!='). */
static size_t fexpr_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            char q = c;
            int triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
            i += triple ? 3 : 1;
            while (i < n) {
                if (s[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (s[i] == q && (!triple || (i + 2 < n && s[i + 1] == q &&
                                              s[i + 2] == q))) {
                    i += triple ? 3 : 1;
                    break;
                }
                i++;
            }
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                return i;
            }
            depth--;
        } else if (depth == 0 && c == '!' && !(i + 1 < n && s[i + 1] == '=')) {
            return i;
        } else if (depth == 0 && c == ':') {
            return i;
        } else if (depth == 0 && c == '=' && i > 0 &&
                   !strchr("=!<>", s[i - 1]) &&
                   !(i + 1 < n && s[i + 1] == '=')) {
            // A self-documenting "=" may be followed by blanks before the
            // conversion, the spec or the closing brace ("{x = }").
            size_t j = i + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
                j++;
            }
            if (j < n && (s[j] == '}' || s[j] == '!' || s[j] == ':')) {
                return i;
            }
        }
        i++;
    }
    return n;
}

static node_t *parse_sub_expr(parser_t *p, lex_token_t *t, const char *s,
                              size_t n);

static void add_str_part(parser_t *p, node_t *js, lex_token_t *t, sbuf_t *b)
{
    if (b->n == 0) {
        return;
    }
    node_t *c = mk(p, N_CONSTANT, t);
    c->flags = C_STR;
    c->s = dupn(p, b->s, b->n);
    c->slen = b->n;
    nl_add(p, &js->l1, c);
    b->n = 0;
}

/* Parses the body of an f-string (between the quotes) into js's parts. */
static void fstring_body(parser_t *p, lex_token_t *t, node_t *js,
                         const char *s, size_t n, int raw, int depth)
{
    sbuf_t lit = {0};
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '{') {
            if (i + 1 < n && s[i + 1] == '{') {
                sb_put(&lit, "{", 1);
                i += 2;
                continue;
            }
            if (depth >= 2) {
                free(lit.s);
                syntax_error(p, t,
                             "f-string: expressions nested too deeply");
            }
            size_t e = fexpr_end(s, n, i + 1);
            size_t j = i + 1;
            while (j < e && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
                j++;
            }
            if (j == e) {
                free(lit.s);
                syntax_error(p, t, "f-string: empty expression not allowed");
            }
            node_t *fv = mk(p, N_FORMATTED, t);
            fv->a = parse_sub_expr(p, t, s + i + 1, e - (i + 1));
            size_t k = e;
            int debug = 0;
            if (k < n && s[k] == '=') {
                // Self-documenting "{x=}": the text with the blanks around
                // "=", then the value's repr unless a conversion or a
                // format spec says otherwise (CPython's fstring_find_expr).
                k++;
                while (k < n && (s[k] == ' ' || s[k] == '\t' ||
                                 s[k] == '\n')) {
                    k++;
                }
                sb_put(&lit, s + i + 1, k - (i + 1));
                debug = 1;
            }
            add_str_part(p, js, t, &lit);
            if (k < n && s[k] == '!') {
                if (k + 1 >= n || !strchr("rsa", s[k + 1])) {
                    free(lit.s);
                    syntax_error(p, t,
                                 "f-string: invalid conversion character: "
                                 "expected 's', 'r', or 'a'");
                }
                fv->op = s[k + 1];
                k += 2;
            } else if (debug && !(k < n && s[k] == ':')) {
                fv->op = 'r';
            }
            if (k < n && s[k] == ':') {
                // The spec runs to the matching '}' and may hold fields.
                size_t q = k + 1;
                int d = 0;
                while (q < n && !(s[q] == '}' && d == 0)) {
                    if (s[q] == '{') {
                        d++;
                    } else if (s[q] == '}') {
                        d--;
                    }
                    q++;
                }
                node_t *spec = mk(p, N_JOINEDSTR, t);
                fstring_body(p, t, spec, s + k + 1, q - (k + 1), raw,
                             depth + 1);
                fv->b = spec;
                k = q;
            }
            if (k >= n || s[k] != '}') {
                free(lit.s);
                syntax_error(p, t, "f-string: expecting '}'");
            }
            nl_add(p, &js->l1, fv);
            i = k + 1;
            continue;
        }
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                sb_put(&lit, "}", 1);
                i += 2;
                continue;
            }
            free(lit.s);
            syntax_error(p, t, "f-string: single '}' is not allowed");
        }
        // Literal text up to the next brace, escapes decoded.
        size_t j = i;
        while (j < n && s[j] != '{' && s[j] != '}') {
            if (s[j] == '\\' && j + 1 < n && !raw) {
                j += 2;
                continue;
            }
            j++;
        }
        if (j > n) {
            j = n;
        }
        if (raw) {
            sb_put(&lit, s + i, j - i);
        } else {
            decode_escapes(p, t, s + i, j - i, &lit);
        }
        i = j;
    }
    add_str_part(p, js, t, &lit);
    free(lit.s);
}

/* One or more adjacent string literals, concatenated. */
static node_t *strings(parser_t *p)
{
    lex_token_t *first = cur(p);
    node_t *js = mk(p, N_JOINEDSTR, first);
    int any_f = 0;
    sbuf_t acc = {0};
    while (cur(p)->kind == T_STRING) {
        lex_token_t *t = cur(p);
        p->pos++;
        const char *s = t->s;
        int raw = 0, f = 0, bytes = 0;
        while (*s != '\'' && *s != '"') {
            char c = (char)(*s | 0x20);
            raw |= c == 'r';
            f |= c == 'f';
            bytes |= c == 'b';
            s++;
        }
        if (bytes) {
            free(acc.s);
            syntax_error(p, t, "bytes literals are not supported by looplab");
        }
        char q = *s;
        size_t qn = (s + 2 < t->s + t->len && s[1] == q && s[2] == q &&
                     t->len - (size_t)(s - t->s) >= 6) ? 3 : 1;
        const char *body = s + qn;
        size_t bn = t->len - (size_t)(s - t->s) - 2 * qn;
        if (f) {
            add_str_part(p, js, t, &acc);
            any_f = 1;
            fstring_body(p, t, js, body, bn, raw, 0);
        } else if (raw) {
            sb_put(&acc, body, bn);
        } else {
            decode_escapes(p, t, body, bn, &acc);
        }
    }
    if (!any_f) {
        node_t *c = mk(p, N_CONSTANT, first);
        c->flags = C_STR;
        c->s = dupn(p, acc.s ? acc.s : "", acc.n);
        c->slen = acc.n;
        free(acc.s);
        finish(p, c);
        return c;
    }
    add_str_part(p, js, first, &acc);
    free(acc.s);
    finish(p, js);
    return js;
}

static node_t *number(parser_t *p)
{
    lex_token_t *t = cur(p);
    p->pos++;
    node_t *n = mk(p, N_CONSTANT, t);
    char buf[128];
    size_t k = 0;
    for (size_t i = 0; i < t->len && k < sizeof buf - 1; i++) {
        if (t->s[i] != '_') {
            buf[k++] = t->s[i];
        }
    }
    buf[k] = 0;
    if (buf[k - 1] == 'j' || buf[k - 1] == 'J') {
        syntax_error(p, t, "complex numbers are not supported by looplab");
    }
    int is_float = 0;
    if (!(k > 1 && buf[0] == '0' && strchr("xXoObB", buf[1]))) {
        is_float = strpbrk(buf, ".eE") != NULL;
    }
    if (is_float) {
        n->flags = C_FLOAT;
        n->f = strtod(buf, NULL);
        return n;
    }
    int base = 10;
    const char *d = buf;
    if (k > 1 && buf[0] == '0' && strchr("xXoObB", buf[1])) {
        char b = (char)(buf[1] | 0x20);
        base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
        d = buf + 2;
    } else if (k > 1 && buf[0] == '0') {
        for (size_t i = 0; i < k; i++) {
            if (buf[i] != '0') {
                syntax_error(p, t,
                             "leading zeros in decimal integer literals are "
                             "not permitted; use an 0o prefix for octal "
                             "integers");
            }
        }
    }
    uint64_t v = 0;
    for (; *d; d++) {
        uint64_t dv = (uint64_t)hexval(*d);
        if (v > (UINT64_MAX - dv) / (uint64_t)base) {
            goto too_big;
        }
        v = v * (uint64_t)base + dv;
    }
    n->flags = C_INT;
    if (v == (uint64_t)INT64_MAX + 1 && p->neg_literal) {
        n->i = INT64_MIN;
        return n;
    }
    if (v > (uint64_t)INT64_MAX) {
        goto too_big;
    }
    n->i = (int64_t)v;
    return n;
too_big:
    syntax_error(p, t,
                 "integer literal too large for looplab (64-bit ints)");
    return NULL;
}

/* A parenthesised form: (), (x), (x,), (x for ...), (yield x). */
static node_t *paren(parser_t *p)
{
    lex_token_t *t = cur(p);
    p->pos++;
    enter(p);
    if (accept(p, ")")) {
        p->depth--;
        node_t *n = mk(p, N_TUPLE, t);
        finish(p, n);
        return n;
    }
    if (at(p, "yield")) {
        node_t *y = yield_expr(p);
        expect(p, ")");
        p->depth--;
        return y;
    }
    node_t *e = star_named(p);
    if (starts_comprehension(p)) {
        node_t *g = comprehension_tail(p, N_GENEXP, e, NULL, t);
        expect(p, ")");
        p->depth--;
        finish(p, g);
        return g;
    }
    if (at(p, ",")) {
        node_t *tup = mk(p, N_TUPLE, t);
        nl_add(p, &tup->l1, e);
        while (accept(p, ",")) {
            if (at(p, ")")) {
                break;
            }
            nl_add(p, &tup->l1, star_named(p));
        }
        expect(p, ")");
        p->depth--;
        finish(p, tup);
        return tup;
    }
    if (!accept(p, ")")) {
        lex_token_t *c = cur(p);
        if (c->kind == T_NAME || c->kind == T_NUMBER || c->kind == T_STRING) {
            syntax_error(p, t,
                         "invalid syntax. Perhaps you forgot a comma?");
        }
        invalid(p);
    }
    p->depth--;
    // A parenthesised starred expression is not a valid expression.
    return e;
}

static node_t *list_display(parser_t *p)
{
    lex_token_t *t = cur(p);
    p->pos++;
    enter(p);
    node_t *n = mk(p, N_LIST, t);
    if (!at(p, "]")) {
        node_t *e = star_named(p);
        if (starts_comprehension(p)) {
            node_t *c = comprehension_tail(p, N_LISTCOMP, e, NULL, t);
            expect(p, "]");
            p->depth--;
            finish(p, c);
            return c;
        }
        nl_add(p, &n->l1, e);
        while (accept(p, ",")) {
            if (at(p, "]")) {
                break;
            }
            nl_add(p, &n->l1, star_named(p));
        }
    }
    if (!accept(p, "]")) {
        lex_token_t *c = cur(p);
        if (c->kind == T_NAME || c->kind == T_NUMBER || c->kind == T_STRING) {
            syntax_error(p, t, "invalid syntax. Perhaps you forgot a comma?");
        }
        invalid(p);
    }
    p->depth--;
    finish(p, n);
    return n;
}

/* ": value" after a dictionary key. */
static void dict_value(parser_t *p, node_t *n)
{
    lex_token_t *colon = cur(p);
    p->pos++;
    if (at(p, ",") || at(p, "}")) {
        syntax_error(p, colon,
                     "expression expected after dictionary key and ':'");
    }
    nl_add(p, &n->l2, expression(p));
}

static node_t *dict_or_set(parser_t *p)
{
    lex_token_t *t = cur(p);
    p->pos++;
    enter(p);
    if (accept(p, "}")) {
        p->depth--;
        node_t *n = mk(p, N_DICT, t);
        finish(p, n);
        return n;
    }
    node_t *n;
    if (accept(p, "**")) {
        n = mk(p, N_DICT, t);
        nl_add(p, &n->l1, NULL);
        nl_add(p, &n->l2, bitor(p));
    } else {
        node_t *k = star_named(p);
        if (at(p, ":")) {
            lex_token_t *colon = cur(p);
            p->pos++;
            if (at(p, ",") || at(p, "}")) {
                syntax_error(p, colon, "expression expected after "
                                       "dictionary key and ':'");
            }
            node_t *v = expression(p);
            if (starts_comprehension(p)) {
                node_t *c = comprehension_tail(p, N_DICTCOMP, k, v, t);
                expect(p, "}");
                p->depth--;
                finish(p, c);
                return c;
            }
            n = mk(p, N_DICT, t);
            nl_add(p, &n->l1, k);
            nl_add(p, &n->l2, v);
        } else {
            if (starts_comprehension(p)) {
                node_t *c = comprehension_tail(p, N_SETCOMP, k, NULL, t);
                expect(p, "}");
                p->depth--;
                finish(p, c);
                return c;
            }
            n = mk(p, N_SET, t);
            nl_add(p, &n->l1, k);
        }
    }
    while (accept(p, ",")) {
        if (at(p, "}")) {
            break;
        }
        if (n->kind == N_DICT) {
            if (accept(p, "**")) {
                nl_add(p, &n->l1, NULL);
                nl_add(p, &n->l2, bitor(p));
            } else {
                lex_token_t *kt = cur(p);
                nl_add(p, &n->l1, expression(p));
                if (!at(p, ":")) {
                    syntax_error(p, kt, "':' expected after dictionary key");
                }
                dict_value(p, n);
            }
        } else {
            nl_add(p, &n->l1, star_named(p));
        }
    }
    if (!accept(p, "}")) {
        invalid(p);
    }
    p->depth--;
    finish(p, n);
    return n;
}

static node_t *atom(parser_t *p)
{
    lex_token_t *t = cur(p);
    switch (t->kind) {
    case T_NUMBER:
        return number(p);
    case T_STRING:
        return strings(p);
    case T_NAME: {
        int c = -1;
        if (lex_is(t, "None")) {
            c = C_NONE;
        } else if (lex_is(t, "True")) {
            c = C_TRUE;
        } else if (lex_is(t, "False")) {
            c = C_FALSE;
        }
        if (c >= 0) {
            p->pos++;
            node_t *n = mk(p, N_CONSTANT, t);
            n->flags = c;
            return n;
        }
        if (is_keyword(t)) {
            invalid(p);
        }
        return name_node(p);
    }
    case T_OP:
        if (lex_is(t, "(")) {
            return paren(p);
        }
        if (lex_is(t, "[")) {
            return list_display(p);
        }
        if (lex_is(t, "{")) {
            return dict_or_set(p);
        }
        if (lex_is(t, "...")) {
            p->pos++;
            node_t *n = mk(p, N_CONSTANT, t);
            n->flags = C_ELLIPSIS;
            return n;
        }
        break;
    default:
        break;
    }
    invalid(p);
    return NULL;
}

static node_t *parse_sub_expr(parser_t *p, lex_token_t *t, const char *s,
                              size_t n)
{
    // The expression is parsed in parentheses, as CPython 3.11 does, so
    // that it may span lines and hold a tuple.
    char *src = alloc(p, n + 3);
    src[0] = '(';
    memcpy(src + 1, s, n);
    src[n + 1] = ')';
    src[n + 2] = 0;
    lex_result_t lr;
    lex_run(src, n + 2, &lr);
    if (!lr.ok) {
        char msg[256];
        snprintf(msg, sizeof msg, "f-string: %.200s", lr.err_msg);
        lex_free(&lr);
        syntax_error(p, t, msg);
    }
    parser_t sub = *p;
    sub.t = lr.toks;
    sub.n = lr.ntoks;
    sub.pos = 0;
    sub.line_offset = p->line_offset + t->line - 1;
    if (setjmp(sub.fail)) {
        lex_free(&lr);
        char msg[300];
        snprintf(msg, sizeof msg, "f-string: %.240s", p->r->err_msg);
        snprintf(p->r->err_msg, sizeof p->r->err_msg, "%.250s", msg);
        longjmp(p->fail, 1);
    }
    node_t *e = star_expressions(&sub);
    if (cur(&sub)->kind != T_NEWLINE && cur(&sub)->kind != T_END) {
        invalid(&sub);
    }
    lex_free(&lr);
    return e;
}

static node_t *yield_expr(parser_t *p)
{
    lex_token_t *t = cur(p);
    expect(p, "yield");
    if (accept(p, "from")) {
        node_t *n = mk(p, N_YIELDFROM, t);
        n->a = expression(p);
        finish(p, n);
        return n;
    }
    node_t *n = mk(p, N_YIELD, t);
    lex_token_t *c = cur(p);
    if (c->kind != T_NEWLINE && !lex_is(c, ")") && !lex_is(c, "]") &&
        !lex_is(c, "}") && !lex_is(c, "=") && !lex_is(c, ";") &&
        c->kind != T_END) {
        n->a = star_expressions(p);
    }
    finish(p, n);
    return n;
}

/* ---- Function parameters ------------------------------------------------ */

static node_t *param(parser_t *p, int annotations)
{
    lex_token_t *t = cur(p);
    node_t *a = mk(p, N_ARG, t);
    a->s = ident(p);
    if (annotations && accept(p, ":")) {
        a->a = expression(p);
    }
    finish(p, a);
    return a;
}

static int dup_param(node_t *args, const char *name)
{
    nlist_t *ls[2] = {&args->l1, &args->l3};
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < ls[k]->n; i++) {
            if (strcmp(ls[k]->v[i]->s, name) == 0) {
                return 1;
            }
        }
    }
    return (args->a && strcmp(args->a->s, name) == 0) ||
           (args->b && strcmp(args->b->s, name) == 0);
}

static node_t *parameters(parser_t *p, const char *close, int annotations)
{
    node_t *args = mk(p, N_ARGS, cur(p));
    int seen_star = 0;
    lex_token_t *bare_star = NULL;
    while (!at(p, close)) {
        lex_token_t *t = cur(p);
        if (accept(p, "**")) {
            args->b = param(p, annotations);
            accept(p, ",");
            if (!at(p, close)) {
                syntax_error(p, cur(p),
                             "arguments cannot follow var-keyword argument");
            }
            break;
        }
        if (accept(p, "*")) {
            if (seen_star) {
                syntax_error(p, t, "* argument may appear only once");
            }
            seen_star = 1;
            if (at(p, close)) {
                syntax_error(p, t, "named arguments must follow bare *");
            }
            if (!at(p, ",")) {
                args->a = param(p, annotations);
            } else {
                bare_star = t;
            }
        } else if (accept(p, "/")) {
            if (seen_star || args->i) {
                invalid(p);
            }
            args->i = args->l1.n;
        } else {
            node_t *a = param(p, annotations);
            if (dup_param(args, a->s)) {
                char msg[200];
                snprintf(msg, sizeof msg,
                         "duplicate argument '%s' in function definition",
                         a->s);
                syntax_error(p, t, msg);
            }
            node_t *def = NULL;
            if (accept(p, "=")) {
                def = expression(p);
            }
            if (seen_star) {
                nl_add(p, &args->l3, a);
                nl_add(p, &args->l4, def);
            } else {
                nl_add(p, &args->l1, a);
                if (def) {
                    nl_add(p, &args->l2, def);
                } else if (args->l2.n > 0) {
                    syntax_error(p, t,
                                 "non-default argument follows default "
                                 "argument");
                }
            }
        }
        if (!accept(p, ",")) {
            break;
        }
    }
    // "*," promises keyword-only parameters ("def f(*, **kw)" has none).
    if (bare_star && args->l3.n == 0) {
        syntax_error(p, bare_star, "named arguments must follow bare *");
    }
    return args;
}

static node_t *lambda_args(parser_t *p)
{
    return parameters(p, ":", 0);
}

/* ---- Statements ------------------------------------------------------- */

static void statement(parser_t *p, nlist_t *body);

static const char *assign_target_error(node_t *e)
{
    switch (e->kind) {
    case N_NAME: case N_ATTRIBUTE: case N_SUBSCRIPT:
        return NULL;
    case N_STARRED:
        return assign_target_error(e->a);
    case N_TUPLE: case N_LIST:
        for (int i = 0; i < e->l1.n; i++) {
            const char *m = assign_target_error(e->l1.v[i]);
            if (m) {
                return m;
            }
        }
        return NULL;
    case N_CALL: return "function call";
    case N_CONSTANT:
        return e->flags == C_NONE || e->flags == C_TRUE ||
                       e->flags == C_FALSE ? NULL : "literal";
    case N_BINOP: case N_UNARYOP: return "expression";
    case N_COMPARE: return "comparison";
    case N_BOOLOP: return "expression";
    case N_LAMBDA: return "lambda";
    case N_IFEXP: return "conditional expression";
    case N_AWAIT: return "await expression";
    case N_YIELD: case N_YIELDFROM: return "yield expression";
    case N_JOINEDSTR: return "f-string expression";
    case N_DICT: return "dict literal";
    case N_SET: return "set display";
    case N_LISTCOMP: return "list comprehension";
    case N_DICTCOMP: return "dict comprehension";
    case N_SETCOMP: return "set comprehension";
    case N_GENEXP: return "generator expression";
    case N_NAMEDEXPR: return "named expression";
    default: return "expression";
    }
}

static void check_target(parser_t *p, node_t *e, int del, int aug)
{
    if (e->kind == N_CONSTANT && (e->flags == C_NONE || e->flags == C_TRUE ||
                                  e->flags == C_FALSE)) {
        char msg[100];
        snprintf(msg, sizeof msg, "cannot %s %s", del ? "delete" : "assign to",
                 e->flags == C_NONE ? "None" : e->flags == C_TRUE ? "True"
                                                                   : "False");
        error_at(p, "SyntaxError", e->line - p->line_offset, e->col, "%s",
                 msg);
    }
    if (aug && (e->kind == N_TUPLE || e->kind == N_LIST)) {
        error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                 "'%s' is an illegal expression for augmented assignment",
                 e->kind == N_TUPLE ? "tuple" : "list");
    }
    const char *m = assign_target_error(e);
    if (m) {
        if (del) {
            error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                     "cannot delete %s", m);
        }
        if (aug) {
            error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                     "'%s' is an illegal expression for augmented "
                     "assignment", m);
        }
        error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                 "cannot assign to %s here. Maybe you meant '==' instead of "
                 "'='?", m);
    }
}

static const char *const augops[] = {"+=", "-=", "*=", "/=", "//=", "%=",
                                     "**=", "@=", "&=", "|=", "^=", "<<=",
                                     ">>=", NULL};
static const int augcodes[] = {OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV,
                               OP_FLOORDIV, OP_MOD, OP_POW, OP_MATMUL,
                               OP_AND, OP_OR, OP_XOR, OP_LSHIFT, OP_RSHIFT};

static node_t *expr_statement(parser_t *p)
{
    lex_token_t *t = cur(p);
    node_t *first = at(p, "yield") ? yield_expr(p) : star_expressions(p);
    if (first->kind == N_NAME && starts_operand(cur(p)) &&
        (strcmp(first->s, "print") == 0 || strcmp(first->s, "exec") == 0)) {
        // Python 2's print statement (invalid_legacy_expression).
        char msg[120];
        snprintf(msg, sizeof msg,
                 "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                 first->s, first->s);
        syntax_error(p, t, msg);
    }
    for (int i = 0; augops[i]; i++) {
        if (cur(p)->kind == T_OP && at(p, augops[i])) {
            p->pos++;
            check_target(p, first, 0, 1);
            node_t *n = mk(p, N_AUGASSIGN, t);
            n->a = first;
            n->op = augcodes[i];
            n->b = at(p, "yield") ? yield_expr(p) : star_expressions(p);
            finish(p, n);
            return n;
        }
    }
    if (at(p, ":")) {
        // Annotated assignment.
        p->pos++;
        if (first->kind == N_TUPLE) {
            syntax_error(p, t,
                         "only single target (not tuple) can be annotated");
        }
        check_target(p, first, 0, 0);
        node_t *n = mk(p, N_ANNASSIGN, t);
        n->a = first;
        n->b = expression(p);
        if (accept(p, "=")) {
            n->c = at(p, "yield") ? yield_expr(p) : star_expressions(p);
        }
        finish(p, n);
        return n;
    }
    if (at(p, "=")) {
        node_t *n = mk(p, N_ASSIGN, t);
        node_t *e = first;
        while (accept(p, "=")) {
            check_target(p, e, 0, 0);
            nl_add(p, &n->l1, e);
            e = at(p, "yield") ? yield_expr(p) : star_expressions(p);
        }
        n->a = e;
        finish(p, n);
        return n;
    }
    node_t *n = mk(p, N_EXPR, t);
    n->a = first;
    finish(p, n);
    return n;
}

static node_t *dotted_name(parser_t *p, node_t *alias)
{
    sbuf_t b = {0};
    for (;;) {
        lex_token_t *t = cur(p);
        if (t->kind != T_NAME || is_keyword(t)) {
            free(b.s);
            invalid(p);
        }
        sb_put(&b, t->s, t->len);
        p->pos++;
        if (!accept(p, ".")) {
            break;
        }
        sb_put(&b, ".", 1);
    }
    alias->s = dupn(p, b.s, b.n);
    free(b.s);
    return alias;
}

static node_t *small_statement(parser_t *p)
{
    lex_token_t *t = cur(p);
    if (accept(p, "pass")) {
        return mk(p, N_PASS, t);
    }
    if (accept(p, "break")) {
        if (!p->in_loop) {
            syntax_error(p, t, "'break' outside loop");
        }
        return mk(p, N_BREAK, t);
    }
    if (accept(p, "continue")) {
        if (!p->in_loop) {
            syntax_error(p, t, "'continue' not properly in loop");
        }
        return mk(p, N_CONTINUE, t);
    }
    if (accept(p, "return")) {
        if (!p->in_func) {
            syntax_error(p, t, "'return' outside function");
        }
        node_t *n = mk(p, N_RETURN, t);
        if (cur(p)->kind != T_NEWLINE && !at(p, ";")) {
            n->a = star_expressions(p);
        }
        finish(p, n);
        return n;
    }
    if (accept(p, "raise")) {
        node_t *n = mk(p, N_RAISE, t);
        if (cur(p)->kind != T_NEWLINE && !at(p, ";")) {
            n->a = expression(p);
            if (accept(p, "from")) {
                n->b = expression(p);
            }
        }
        finish(p, n);
        return n;
    }
    if (accept(p, "del")) {
        node_t *n = mk(p, N_DEL, t);
        do {
            if (cur(p)->kind == T_NEWLINE || at(p, ";")) {
                break;
            }
            node_t *e = bitor(p);
            check_target(p, e, 1, 0);
            nl_add(p, &n->l1, e);
        } while (accept(p, ","));
        finish(p, n);
        return n;
    }
    if (accept(p, "assert")) {
        node_t *n = mk(p, N_ASSERT, t);
        n->a = expression(p);
        if (accept(p, ",")) {
            n->b = expression(p);
        }
        finish(p, n);
        return n;
    }
    if (at(p, "global") || at(p, "nonlocal")) {
        node_t *n = mk(p, at(p, "global") ? N_GLOBAL : N_NONLOCAL, t);
        p->pos++;
        do {
            nl_add(p, &n->l1, name_node(p));
        } while (accept(p, ","));
        return n;
    }
    if (accept(p, "import")) {
        node_t *n = mk(p, N_IMPORT, t);
        do {
            node_t *a = dotted_name(p, mk(p, N_ALIAS, cur(p)));
            if (accept(p, "as")) {
                a->s2 = ident(p);
            }
            nl_add(p, &n->l1, a);
        } while (accept(p, ","));
        finish(p, n);
        return n;
    }
    if (accept(p, "from")) {
        node_t *n = mk(p, N_IMPORTFROM, t);
        while (at(p, ".") || at(p, "...")) {
            n->i += (int64_t)cur(p)->len;
            p->pos++;
        }
        if (!at(p, "import")) {
            node_t *m = dotted_name(p, mk(p, N_ALIAS, cur(p)));
            n->s = m->s;
        }
        expect(p, "import");
        if (accept(p, "*")) {
            node_t *a = mk(p, N_ALIAS, t);
            a->s = "*";
            nl_add(p, &n->l1, a);
            return n;
        }
        int par = accept(p, "(");
        do {
            if (par && at(p, ")")) {
                break;
            }
            node_t *a = mk(p, N_ALIAS, cur(p));
            a->s = ident(p);
            if (accept(p, "as")) {
                a->s2 = ident(p);
            }
            nl_add(p, &n->l1, a);
        } while (accept(p, ","));
        if (par) {
            expect(p, ")");
        }
        finish(p, n);
        return n;
    }
    return expr_statement(p);
}

static void simple_statements(parser_t *p, nlist_t *body)
{
    for (;;) {
        nl_add(p, body, small_statement(p));
        if (!accept(p, ";")) {
            break;
        }
        if (cur(p)->kind == T_NEWLINE) {
            break;
        }
    }
    if (cur(p)->kind != T_NEWLINE) {
        lex_token_t *c = cur(p);
        lex_token_t *prev = p->pos ? &p->t[p->pos - 1] : c;
        if ((c->kind == T_NAME || c->kind == T_NUMBER ||
             c->kind == T_STRING) && !is_keyword(c) &&
            (prev->kind == T_NAME || prev->kind == T_NUMBER ||
             prev->kind == T_STRING || lex_is(prev, ")") ||
             lex_is(prev, "]") || lex_is(prev, "}")) &&
            prev->kind != T_OP) {
            invalid(p);
        }
        invalid(p);
    }
    p->pos++;
}

static void block(parser_t *p, nlist_t *body, const char *what, int line)
{
    expect(p, ":");
    if (cur(p)->kind != T_NEWLINE) {
        simple_statements(p, body);
        return;
    }
    p->pos++;
    if (cur(p)->kind != T_INDENT) {
        lex_token_t *t = cur(p);
        error_at(p, "IndentationError", t->line, t->col,
                 "expected an indented block after %s on line %d", what,
                 line + p->line_offset);
    }
    p->pos++;
    while (cur(p)->kind != T_DEDENT && cur(p)->kind != T_END) {
        statement(p, body);
    }
    if (cur(p)->kind == T_DEDENT) {
        p->pos++;
    }
}

static node_t *funcdef(parser_t *p, lex_token_t *start, int is_async)
{
    node_t *n = mk(p, N_FUNCDEF, start);
    n->flags = is_async;
    expect(p, "def");
    n->s = ident(p);
    expect(p, "(");
    n->a = parameters(p, ")", 1);
    expect(p, ")");
    if (accept(p, "->")) {
        n->b = expression(p);
    }
    int sf = p->in_func, sa = p->in_async, sl = p->in_loop;
    p->in_func = 1;
    p->in_async = is_async;
    p->in_loop = 0;
    block(p, &n->l1, "function definition", start->line);
    p->in_func = sf;
    p->in_async = sa;
    p->in_loop = sl;
    finish(p, n);
    return n;
}

static node_t *classdef(parser_t *p, lex_token_t *start)
{
    node_t *n = mk(p, N_CLASSDEF, start);
    expect(p, "class");
    n->s = ident(p);
    if (accept(p, "(")) {
        node_t *call = mk(p, N_CALL, start);
        call_args(p, call);
        n->l2 = call->l1;
        n->l3 = call->l2;
    }
    int sf = p->in_func, sl = p->in_loop;
    p->in_func = 0;
    p->in_loop = 0;
    block(p, &n->l1, "class definition", start->line);
    p->in_func = sf;
    p->in_loop = sl;
    finish(p, n);
    return n;
}

static node_t *target_item(parser_t *p)
{
    if (at(p, "*")) {
        node_t *n = mk(p, N_STARRED, cur(p));
        p->pos++;
        n->a = bitor(p);
        finish(p, n);
        return n;
    }
    return bitor(p);
}

static node_t *for_stmt(parser_t *p, lex_token_t *start, int is_async)
{
    node_t *n = mk(p, N_FOR, start);
    n->flags = is_async;
    expect(p, "for");
    // Targets are bitwise-or expressions (star_targets), so "in" ends
    // them instead of being read as a comparison.
    lex_token_t *ts = cur(p);
    node_t *t0 = target_item(p);
    if (at(p, ",")) {
        node_t *tup = mk(p, N_TUPLE, ts);
        nl_add(p, &tup->l1, t0);
        while (accept(p, ",")) {
            if (at(p, "in")) {
                break;
            }
            nl_add(p, &tup->l1, target_item(p));
        }
        finish(p, tup);
        t0 = tup;
    }
    n->a = t0;
    expect(p, "in");
    n->b = star_expressions(p);
    check_target(p, n->a, 0, 0);
    int sl = p->in_loop;
    p->in_loop = 1;
    block(p, &n->l1, "'for' statement", start->line);
    p->in_loop = sl;
    if (at(p, "else")) {
        int eline = cur(p)->line;
        p->pos++;
        block(p, &n->l2, "'else' statement", eline);
    }
    finish(p, n);
    return n;
}

static node_t *with_stmt(parser_t *p, lex_token_t *start, int is_async)
{
    node_t *n = mk(p, N_WITH, start);
    n->flags = is_async;
    expect(p, "with");
    // Parenthesised with-items: "with (a as b, c as d):".
    int par = 0;
    if (at(p, "(")) {
        // Look for "as" at depth 1 to tell items from an expression.
        int depth = 0;
        for (size_t k = p->pos; k < p->n; k++) {
            lex_token_t *t = &p->t[k];
            if (lex_is(t, "(") || lex_is(t, "[") || lex_is(t, "{")) {
                depth++;
            } else if (lex_is(t, ")") || lex_is(t, "]") || lex_is(t, "}")) {
                if (--depth == 0) {
                    par = lex_is(&p->t[k + 1], ":") && k + 1 < p->n;
                    break;
                }
            } else if (depth == 1 && lex_is(t, "as")) {
                par = 2;
            }
        }
        par = par == 2 || (par == 1 && 0);
    }
    if (par) {
        p->pos++;
    }
    do {
        if (par && at(p, ")")) {
            break;
        }
        node_t *it = mk(p, N_WITHITEM, cur(p));
        it->a = expression(p);
        if (accept(p, "as")) {
            it->b = star_named(p);
            check_target(p, it->b, 0, 0);
        }
        nl_add(p, &n->l1, it);
    } while (accept(p, ","));
    if (par) {
        expect(p, ")");
    }
    block(p, &n->l2, "'with' statement", start->line);
    finish(p, n);
    return n;
}

static node_t *try_stmt(parser_t *p, lex_token_t *start)
{
    node_t *n = mk(p, N_TRY, start);
    expect(p, "try");
    block(p, &n->l1, "'try' statement", start->line);
    int star = -1;
    while (at(p, "except")) {
        lex_token_t *et = cur(p);
        p->pos++;
        int is_star = accept(p, "*");
        if (star >= 0 && star != is_star) {
            syntax_error(p, et,
                         "cannot have both 'except' and 'except*' on the "
                         "same 'try'");
        }
        star = is_star;
        node_t *h = mk(p, N_HANDLER, et);
        if (!at(p, ":")) {
            lex_token_t *ts = cur(p);
            h->a = expression(p);
            if (at(p, ",")) {
                node_t *tup = mk(p, N_TUPLE, ts);
                nl_add(p, &tup->l1, h->a);
                while (accept(p, ",")) {
                    nl_add(p, &tup->l1, expression(p));
                }
                if (!at(p, ":")) {
                    invalid(p);
                }
                syntax_error(p, ts,
                             "multiple exception types must be "
                             "parenthesized");
            }
            if (accept(p, "as")) {
                h->s = ident(p);
            }
        } else if (is_star) {
            syntax_error(p, cur(p), "expected one or more exception types");
        }
        block(p, &h->l1, is_star ? "'except*' statement" : "'except' statement",
              et->line);
        finish(p, h);
        nl_add(p, &n->l2, h);
    }
    n->flags = star > 0;
    if (at(p, "else")) {
        if (n->l2.n == 0) {
            invalid(p);
        }
        int line = cur(p)->line;
        p->pos++;
        block(p, &n->l3, "'else' statement", line);
    }
    if (at(p, "finally")) {
        int line = cur(p)->line;
        p->pos++;
        block(p, &n->l4, "'finally' statement", line);
    }
    if (n->l2.n == 0 && n->l4.n == 0) {
        syntax_error(p, cur(p), "expected 'except' or 'finally' block");
    }
    finish(p, n);
    return n;
}

static node_t *if_stmt(parser_t *p, lex_token_t *start, const char *what)
{
    node_t *n = mk(p, N_IF, start);
    p->pos++;
    n->a = named_expression(p);
    block(p, &n->l1, what, start->line);
    if (at(p, "elif")) {
        lex_token_t *t = cur(p);
        nl_add(p, &n->l2, if_stmt(p, t, "'elif' statement"));
    } else if (at(p, "else")) {
        int line = cur(p)->line;
        p->pos++;
        block(p, &n->l2, "'else' statement", line);
    }
    finish(p, n);
    return n;
}

static void statement(parser_t *p, nlist_t *body)
{
    lex_token_t *t = cur(p);
    if (t->kind == T_INDENT) {
        error_at(p, "IndentationError", t->line, t->col, "unexpected indent");
    }
    if (lex_is(t, "if")) {
        nl_add(p, body, if_stmt(p, t, "'if' statement"));
    } else if (lex_is(t, "while")) {
        node_t *n = mk(p, N_WHILE, t);
        p->pos++;
        n->a = named_expression(p);
        int sl = p->in_loop;
        p->in_loop = 1;
        block(p, &n->l1, "'while' statement", t->line);
        p->in_loop = sl;
        if (at(p, "else")) {
            int line = cur(p)->line;
            p->pos++;
            block(p, &n->l2, "'else' statement", line);
        }
        finish(p, n);
        nl_add(p, body, n);
    } else if (lex_is(t, "for")) {
        nl_add(p, body, for_stmt(p, t, 0));
    } else if (lex_is(t, "try")) {
        nl_add(p, body, try_stmt(p, t));
    } else if (lex_is(t, "with")) {
        nl_add(p, body, with_stmt(p, t, 0));
    } else if (lex_is(t, "def")) {
        nl_add(p, body, funcdef(p, t, 0));
    } else if (lex_is(t, "class")) {
        nl_add(p, body, classdef(p, t));
    } else if (lex_is(t, "async") && (lex_is(peekn(p, 1), "def") ||
                                      lex_is(peekn(p, 1), "for") ||
                                      lex_is(peekn(p, 1), "with"))) {
        p->pos++;
        if (at(p, "def")) {
            nl_add(p, body, funcdef(p, t, 1));
        } else {
            if (!p->in_async) {
                char msg[80];
                snprintf(msg, sizeof msg, "'async %s' outside async function",
                         at(p, "for") ? "for" : "with");
                syntax_error(p, t, msg);
            }
            nl_add(p, body, at(p, "for") ? for_stmt(p, t, 1)
                                         : with_stmt(p, t, 1));
        }
    } else if (lex_is(t, "@")) {
        nlist_t decos = {0};
        while (accept(p, "@")) {
            nl_add(p, &decos, named_expression(p));
            if (cur(p)->kind != T_NEWLINE) {
                invalid(p);
            }
            p->pos++;
        }
        lex_token_t *d = cur(p);
        node_t *n;
        if (lex_is(d, "def")) {
            n = funcdef(p, d, 0);
            n->l2 = decos;
        } else if (lex_is(d, "async") && lex_is(peekn(p, 1), "def")) {
            p->pos++;
            n = funcdef(p, d, 1);
            n->l2 = decos;
        } else if (lex_is(d, "class")) {
            n = classdef(p, d);
            n->l4 = decos;
        } else {
            invalid(p);
            return;
        }
        nl_add(p, body, n);
    } else if (t->kind == T_NEWLINE) {
        p->pos++;
    } else if (lex_is(t, "else") || lex_is(t, "elif") ||
               lex_is(t, "except") || lex_is(t, "finally")) {
        invalid(p);
    } else {
        simple_statements(p, body);
    }
}

/* ---- Entry points ----------------------------------------------------- */

static void run(const char *src, size_t len, parse_result_t *out, int expr)
{
    memset(out, 0, sizeof *out);
    lex_result_t lr;
    lex_run(src, len, &lr);
    if (!lr.ok) {
        out->err_type = lr.err_type;
        snprintf(out->err_msg, sizeof out->err_msg, "%s", lr.err_msg);
        out->err_line = lr.err_line;
        out->err_col = lr.err_col;
        lex_free(&lr);
        return;
    }
    parser_t p;
    memset(&p, 0, sizeof p);
    p.t = lr.toks;
    p.n = lr.ntoks;
    p.arena = &out->arena;
    p.r = out;
    if (setjmp(p.fail)) {
        out->tree = NULL;
        lex_free(&lr);
        return;
    }
    if (expr) {
        while (cur(&p)->kind == T_NEWLINE) {
            p.pos++;
        }
        node_t *e = star_expressions(&p);
        while (cur(&p)->kind == T_NEWLINE) {
            p.pos++;
        }
        if (cur(&p)->kind != T_END) {
            invalid(&p);
        }
        out->tree = e;
    } else {
        node_t *m = mk(&p, N_MODULE, cur(&p));
        while (cur(&p)->kind != T_END) {
            if (cur(&p)->kind == T_DEDENT) {
                p.pos++;
                continue;
            }
            statement(&p, &m->l1);
        }
        out->tree = m;
    }
    lex_free(&lr);
}

void parse_module(const char *src, size_t len, parse_result_t *out)
{
    run(src, len, out, 0);
}

void parse_expression(const char *src, size_t len, parse_result_t *out)
{
    run(src, len, out, 1);
}

void parse_free(parse_result_t *r)
{
    parse_arena_t *a = r->arena;
    while (a) {
        parse_arena_t *n = a->next;
        free(a);
        a = n;
    }
    r->arena = NULL;
    r->tree = NULL;
}
