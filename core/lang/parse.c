/*
 * parse.c - recursive-descent parser for looplab's Python 3.11 subset:
 * the arena, token helpers, function parameters, statements and the entry
 * points. Expressions are in parse_expr.c, string literals and f-strings
 * in parse_string.c; the three share parse_int.h.
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
#include "parse_int.h"
#include "vm.h"
#include "vm.h"

/* ---- Arena ---------------------------------------------------------- */

struct parse_arena {
    struct parse_arena *next;
    size_t used, cap;
    char data[];
};

void *parse__alloc(parser_t *p, size_t n)
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

char *parse__dupn(parser_t *p, const char *s, size_t n)
{
    char *d = parse__alloc(p, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void parse__nl_add(parser_t *p, nlist_t *l, node_t *n)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        node_t **v = parse__alloc(p, (size_t)cap * sizeof(node_t *));
        if (l->n) {
            memcpy(v, l->v, (size_t)l->n * sizeof(node_t *));
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = n;
}

/* ---- Token helpers ------------------------------------------------- */

lex_token_t *parse__cur(parser_t *p) { return &p->t[p->pos]; }
lex_token_t *parse__peekn(parser_t *p, size_t k)
{
    size_t i = p->pos + k;
    return &p->t[i < p->n ? i : p->n - 1];
}

node_t *parse__mk(parser_t *p, int kind, lex_token_t *parse__at)
{
    node_t *n = parse__alloc(p, sizeof *n);
    n->kind = kind;
    n->line = parse__at->line + p->line_offset;
    n->col = parse__at->col;
    n->end_line = parse__at->end_line + p->line_offset;
    n->end_col = parse__at->end_col;
    return n;
}

void parse__finish(parser_t *p, node_t *n)
{
    // The end of a node is the end of the last token consumed.
    if (p->pos > 0) {
        lex_token_t *t = &p->t[p->pos - 1];
        n->end_line = t->end_line + p->line_offset;
        n->end_col = t->end_col;
    }
}

void parse__error_at(parser_t *p, const char *type, int line, int col,
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

void parse__syntax_error(parser_t *p, lex_token_t *t, const char *msg)
{
    parse__error_at(p, "SyntaxError", t->line, t->col, "%s", msg);
}

void parse__enter(parser_t *p, int levels)
{
    p->level += levels;
    if (p->level + PARSE_BASE_LEVELS > PARSE_MAXSTACK) {
        // CPython's message is the bare exception (no text, no line).
        lex_token_t *t = parse__cur(p);
        parse__error_at(p, "MemoryError", t->line, t->col, "%s", "");
    }
}

void parse__leave(parser_t *p, int levels)
{
    p->level -= levels;
}

int parse__group_enter(parser_t *p, int levels)
{
    int charged = p->groups++ ? levels : levels - PARSE_OUTER_DISCOUNT;
    parse__enter(p, charged);
    return charged;
}

void parse__group_leave(parser_t *p, int charged)
{
    p->groups--;
    parse__leave(p, charged);
}

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield", NULL};

int parse__is_keyword(lex_token_t *t)
{
    // Keywords are 2 to 8 characters long; the first character picks
    // out the few worth comparing (this runs for every name parsed).
    if (t->kind != T_NAME || t->len < 2 || t->len > 8) {
        return 0;
    }
    for (int i = 0; keywords[i]; i++) {
        if (keywords[i][0] == t->s[0] && lex_is(t, keywords[i])) {
            return 1;
        }
    }
    return 0;
}

int parse__at(parser_t *p, const char *s) { return lex_is(parse__cur(p), s); }

int parse__accept(parser_t *p, const char *s)
{
    if (parse__at(p, s)) {
        p->pos++;
        return 1;
    }
    return 0;
}

void parse__invalid(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    if (t->kind == T_INDENT) {
        parse__error_at(p, "IndentationError", t->line, t->col,
                        "unexpected indent");
    }
    if (t->kind == T_DEDENT && t->len == 0 && p->pos + 1 < p->n) {
        parse__error_at(p, "IndentationError", t->line, t->col,
                        "unindent does not match any outer indentation level");
    }
    parse__syntax_error(p, t, "invalid syntax");
}

void parse__expect(parser_t *p, const char *s)
{
    if (!parse__accept(p, s)) {
        // A block's ':' has its own wording (expect_colon).
        parse__invalid(p);
    }
}

node_t *parse__name_node(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    if (t->kind != T_NAME || parse__is_keyword(t)) {
        parse__invalid(p);
    }
    node_t *n = parse__mk(p, N_NAME, t);
    n->s = parse__dupn(p, t->s, t->len);
    p->pos++;
    return n;
}

static const char *ident(parser_t *p)
{
    return parse__name_node(p)->s;
}

/* ---- Function parameters ------------------------------------------------ */

static node_t *param(parser_t *p, int annotations)
{
    lex_token_t *t = parse__cur(p);
    node_t *a = parse__mk(p, N_ARG, t);
    a->s = ident(p);
    if (annotations && parse__accept(p, ":")) {
        a->a = parse__expression(p);
    }
    parse__finish(p, a);
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
    node_t *args = parse__mk(p, N_ARGS, parse__cur(p));
    int seen_star = 0;
    lex_token_t *bare_star = NULL;
    while (!parse__at(p, close)) {
        lex_token_t *t = parse__cur(p);
        if (parse__accept(p, "**")) {
            args->b = param(p, annotations);
            parse__accept(p, ",");
            if (!parse__at(p, close)) {
                parse__syntax_error(p, parse__cur(p),
                                    "arguments cannot follow var-keyword "
                                    "argument");
            }
            break;
        }
        if (parse__accept(p, "*")) {
            if (seen_star) {
                parse__syntax_error(p, t, "* argument may appear only once");
            }
            seen_star = 1;
            if (parse__at(p, close)) {
                parse__syntax_error(p, t, "named arguments must follow bare *");
            }
            if (!parse__at(p, ",")) {
                args->a = param(p, annotations);
            } else {
                bare_star = t;
            }
        } else if (parse__accept(p, "/")) {
            if (seen_star || args->i) {
                parse__invalid(p);
            }
            args->i = args->l1.n;
        } else {
            node_t *a = param(p, annotations);
            if (dup_param(args, a->s)) {
                char msg[200];
                snprintf(msg, sizeof msg,
                         "duplicate argument '%s' in function definition",
                         a->s);
                parse__syntax_error(p, t, msg);
            }
            node_t *def = NULL;
            if (parse__accept(p, "=")) {
                def = parse__expression(p);
            }
            if (seen_star) {
                parse__nl_add(p, &args->l3, a);
                parse__nl_add(p, &args->l4, def);
            } else {
                parse__nl_add(p, &args->l1, a);
                if (def) {
                    parse__nl_add(p, &args->l2, def);
                } else if (args->l2.n > 0) {
                    parse__syntax_error(p, t,
                                        "non-default argument follows default "
                                        "argument");
                }
            }
        }
        if (!parse__accept(p, ",")) {
            break;
        }
    }
    // "*," promises keyword-only parameters ("def f(*, **kw)" has none).
    if (bare_star && args->l3.n == 0) {
        parse__syntax_error(p, bare_star, "named arguments must follow bare *");
    }
    return args;
}

node_t *parse__lambda_args(parser_t *p)
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
        parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                        "%s",
                        msg);
    }
    if (aug && (e->kind == N_TUPLE || e->kind == N_LIST)) {
        parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                        "'%s' is an illegal expression for augmented "
                        "assignment",
                        e->kind == N_TUPLE ? "tuple" : "list");
    }
    const char *m = assign_target_error(e);
    if (m) {
        if (del) {
            parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                            "cannot delete %s", m);
        }
        if (aug) {
            parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                            "'%s' is an illegal expression for augmented "
                            "assignment", m);
        }
        parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                        "cannot assign to %s here. Maybe you meant '==' "
                        "instead of "
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
    lex_token_t *t = parse__cur(p);
    node_t *first = parse__at(p, "yield") ? parse__yield_expr(p)
                                          : parse__star_expressions(p);
    if (first->kind == N_NAME && parse__starts_operand(parse__cur(p)) &&
        (strcmp(first->s, "print") == 0 || strcmp(first->s, "exec") == 0)) {
        // Python 2's print statement (invalid_legacy_expression).
        char msg[120];
        snprintf(msg, sizeof msg,
                 "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                 first->s, first->s);
        parse__syntax_error(p, t, msg);
    }
    for (int i = 0; augops[i]; i++) {
        if (parse__cur(p)->kind == T_OP && parse__at(p, augops[i])) {
            p->pos++;
            check_target(p, first, 0, 1);
            node_t *n = parse__mk(p, N_AUGASSIGN, t);
            n->a = first;
            n->op = augcodes[i];
            n->b = parse__at(p, "yield") ? parse__yield_expr(p)
                                         : parse__star_expressions(p);
            parse__finish(p, n);
            return n;
        }
    }
    if (parse__at(p, ":")) {
        // Annotated assignment.
        p->pos++;
        if (first->kind == N_TUPLE) {
            parse__syntax_error(p, t,
                                "only single target (not tuple) can be "
                                "annotated");
        }
        check_target(p, first, 0, 0);
        node_t *n = parse__mk(p, N_ANNASSIGN, t);
        n->a = first;
        n->b = parse__expression(p);
        if (parse__accept(p, "=")) {
            n->c = parse__at(p, "yield") ? parse__yield_expr(p)
                                         : parse__star_expressions(p);
        }
        parse__finish(p, n);
        return n;
    }
    if (parse__at(p, "=")) {
        node_t *n = parse__mk(p, N_ASSIGN, t);
        node_t *e = first;
        while (parse__accept(p, "=")) {
            check_target(p, e, 0, 0);
            parse__nl_add(p, &n->l1, e);
            e = parse__at(p, "yield") ? parse__yield_expr(p)
                                      : parse__star_expressions(p);
        }
        n->a = e;
        parse__finish(p, n);
        return n;
    }
    node_t *n = parse__mk(p, N_EXPR, t);
    n->a = first;
    parse__finish(p, n);
    return n;
}

static node_t *dotted_name(parser_t *p, node_t *alias)
{
    sbuf_t b = {0};
    for (;;) {
        lex_token_t *t = parse__cur(p);
        if (t->kind != T_NAME || parse__is_keyword(t)) {
            free(b.s);
            parse__invalid(p);
        }
        parse__sb_put(&b, t->s, t->len);
        p->pos++;
        if (!parse__accept(p, ".")) {
            break;
        }
        parse__sb_put(&b, ".", 1);
    }
    alias->s = parse__dupn(p, b.s, b.n);
    free(b.s);
    return alias;
}

static node_t *small_statement(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    if (parse__accept(p, "pass")) {
        return parse__mk(p, N_PASS, t);
    }
    if (parse__accept(p, "break")) {
        if (!p->in_loop) {
            parse__syntax_error(p, t, "'break' outside loop");
        }
        return parse__mk(p, N_BREAK, t);
    }
    if (parse__accept(p, "continue")) {
        if (!p->in_loop) {
            parse__syntax_error(p, t, "'continue' not properly in loop");
        }
        return parse__mk(p, N_CONTINUE, t);
    }
    if (parse__accept(p, "return")) {
        if (!p->in_func) {
            parse__syntax_error(p, t, "'return' outside function");
        }
        node_t *n = parse__mk(p, N_RETURN, t);
        if (parse__cur(p)->kind != T_NEWLINE && !parse__at(p, ";")) {
            n->a = parse__star_expressions(p);
        }
        parse__finish(p, n);
        return n;
    }
    if (parse__accept(p, "raise")) {
        node_t *n = parse__mk(p, N_RAISE, t);
        if (parse__cur(p)->kind != T_NEWLINE && !parse__at(p, ";")) {
            n->a = parse__expression(p);
            if (parse__accept(p, "from")) {
                n->b = parse__expression(p);
            }
        }
        parse__finish(p, n);
        return n;
    }
    if (parse__accept(p, "del")) {
        node_t *n = parse__mk(p, N_DEL, t);
        do {
            if (parse__cur(p)->kind == T_NEWLINE || parse__at(p, ";")) {
                break;
            }
            node_t *e = parse__bitor(p);
            check_target(p, e, 1, 0);
            parse__nl_add(p, &n->l1, e);
        } while (parse__accept(p, ","));
        parse__finish(p, n);
        return n;
    }
    if (parse__accept(p, "assert")) {
        node_t *n = parse__mk(p, N_ASSERT, t);
        n->a = parse__expression(p);
        if (parse__accept(p, ",")) {
            n->b = parse__expression(p);
        }
        parse__finish(p, n);
        return n;
    }
    if (parse__at(p, "global") || parse__at(p, "nonlocal")) {
        node_t *n = parse__mk(p, parse__at(p, "global") ? N_GLOBAL : N_NONLOCAL,
                              t);
        p->pos++;
        do {
            parse__nl_add(p, &n->l1, parse__name_node(p));
        } while (parse__accept(p, ","));
        return n;
    }
    if (parse__accept(p, "import")) {
        node_t *n = parse__mk(p, N_IMPORT, t);
        do {
            node_t *a = dotted_name(p, parse__mk(p, N_ALIAS, parse__cur(p)));
            if (parse__accept(p, "as")) {
                a->s2 = ident(p);
            }
            parse__nl_add(p, &n->l1, a);
        } while (parse__accept(p, ","));
        parse__finish(p, n);
        return n;
    }
    if (parse__accept(p, "from")) {
        node_t *n = parse__mk(p, N_IMPORTFROM, t);
        while (parse__at(p, ".") || parse__at(p, "...")) {
            n->i += (int64_t)parse__cur(p)->len;
            p->pos++;
        }
        if (!parse__at(p, "import")) {
            node_t *m = dotted_name(p, parse__mk(p, N_ALIAS, parse__cur(p)));
            n->s = m->s;
        }
        parse__expect(p, "import");
        if (parse__accept(p, "*")) {
            node_t *a = parse__mk(p, N_ALIAS, t);
            a->s = "*";
            parse__nl_add(p, &n->l1, a);
            return n;
        }
        int par = parse__accept(p, "(");
        do {
            if (par && parse__at(p, ")")) {
                break;
            }
            node_t *a = parse__mk(p, N_ALIAS, parse__cur(p));
            a->s = ident(p);
            if (parse__accept(p, "as")) {
                a->s2 = ident(p);
            }
            parse__nl_add(p, &n->l1, a);
        } while (parse__accept(p, ","));
        if (par) {
            parse__expect(p, ")");
        }
        parse__finish(p, n);
        return n;
    }
    return expr_statement(p);
}

static void simple_statements(parser_t *p, nlist_t *body)
{
    for (;;) {
        parse__nl_add(p, body, small_statement(p));
        if (!parse__accept(p, ";")) {
            break;
        }
        if (parse__cur(p)->kind == T_NEWLINE) {
            break;
        }
    }
    if (parse__cur(p)->kind != T_NEWLINE) {
        lex_token_t *c = parse__cur(p);
        lex_token_t *prev = p->pos ? &p->t[p->pos - 1] : c;
        if ((c->kind == T_NAME || c->kind == T_NUMBER ||
             c->kind == T_STRING) && !parse__is_keyword(c) &&
            (prev->kind == T_NAME || prev->kind == T_NUMBER ||
             prev->kind == T_STRING || lex_is(prev, ")") ||
             lex_is(prev, "]") || lex_is(prev, "}")) &&
            prev->kind != T_OP) {
            parse__invalid(p);
        }
        parse__invalid(p);
    }
    p->pos++;
}

/* The ':' of a block's header. CPython 3.11's grammar forces it after
 * a def's signature, try, finally and else (&&':': "expected ':'"
 * whatever comes instead); after the header of if, elif, while, for,
 * with, class and except it says "expected ':'" only when the line ends
 * there (the invalid_*_stmt rules), and "invalid syntax" otherwise. */
static void expect_colon(parser_t *p, const char *what)
{
    static const char *const forced[] = {
        "function definition", "'try' statement", "'finally' statement",
        "'else' statement"};
    if (parse__accept(p, ":")) {
        return;
    }
    bool force = parse__cur(p)->kind == T_NEWLINE;
    for (size_t i = 0; !force && i < sizeof forced / sizeof *forced; i++) {
        force = strcmp(what, forced[i]) == 0;
    }
    if (force) {
        parse__syntax_error(p, parse__cur(p), "expected ':'");
    }
    parse__invalid(p);
}

void parse__block(parser_t *p, nlist_t *body, const char *what, int line)
{
    expect_colon(p, what);
    parse__enter(p, PARSE_BLOCK_LEVELS);
    if (parse__cur(p)->kind != T_NEWLINE) {
        simple_statements(p, body);
        parse__leave(p, PARSE_BLOCK_LEVELS);
        return;
    }
    p->pos++;
    if (parse__cur(p)->kind != T_INDENT) {
        lex_token_t *t = parse__cur(p);
        parse__error_at(p, "IndentationError", t->line, t->col,
                        "expected an indented block after %s on line %d", what,
                        line + p->line_offset);
    }
    p->pos++;
    while (parse__cur(p)->kind != T_DEDENT && parse__cur(p)->kind != T_END) {
        statement(p, body);
    }
    if (parse__cur(p)->kind == T_DEDENT) {
        p->pos++;
    }
    parse__leave(p, PARSE_BLOCK_LEVELS);
}

static node_t *funcdef(parser_t *p, lex_token_t *start, int is_async)
{
    node_t *n = parse__mk(p, N_FUNCDEF, start);
    n->flags = is_async;
    parse__expect(p, "def");
    n->s = ident(p);
    if (!parse__accept(p, "(")) {
        // 'def' NAME &&'(' in CPython's grammar.
        parse__syntax_error(p, parse__cur(p), "expected '('");
    }
    n->a = parameters(p, ")", 1);
    parse__expect(p, ")");
    if (parse__accept(p, "->")) {
        n->b = parse__expression(p);
    }
    int sf = p->in_func, sa = p->in_async, sl = p->in_loop;
    p->in_func = 1;
    p->in_async = is_async;
    p->in_loop = 0;
    parse__block(p, &n->l1, "function definition", start->line);
    p->in_func = sf;
    p->in_async = sa;
    p->in_loop = sl;
    parse__finish(p, n);
    return n;
}

static node_t *classdef(parser_t *p, lex_token_t *start)
{
    node_t *n = parse__mk(p, N_CLASSDEF, start);
    parse__expect(p, "class");
    n->s = ident(p);
    if (parse__accept(p, "(")) {
        node_t *call = parse__mk(p, N_CALL, start);
        parse__call_args(p, call);
        n->l2 = call->l1;
        n->l3 = call->l2;
    }
    int sf = p->in_func, sl = p->in_loop;
    p->in_func = 0;
    p->in_loop = 0;
    parse__block(p, &n->l1, "class definition", start->line);
    p->in_func = sf;
    p->in_loop = sl;
    parse__finish(p, n);
    return n;
}

static node_t *target_item(parser_t *p)
{
    if (parse__at(p, "*")) {
        node_t *n = parse__mk(p, N_STARRED, parse__cur(p));
        p->pos++;
        n->a = parse__bitor(p);
        parse__finish(p, n);
        return n;
    }
    return parse__bitor(p);
}

static node_t *for_stmt(parser_t *p, lex_token_t *start, int is_async)
{
    node_t *n = parse__mk(p, N_FOR, start);
    n->flags = is_async;
    parse__expect(p, "for");
    // Targets are bitwise-or expressions (star_targets), so "in" ends
    // them instead of being read as a comparison.
    lex_token_t *ts = parse__cur(p);
    node_t *t0 = target_item(p);
    if (parse__at(p, ",")) {
        node_t *tup = parse__mk(p, N_TUPLE, ts);
        parse__nl_add(p, &tup->l1, t0);
        while (parse__accept(p, ",")) {
            if (parse__at(p, "in")) {
                break;
            }
            parse__nl_add(p, &tup->l1, target_item(p));
        }
        parse__finish(p, tup);
        t0 = tup;
    }
    n->a = t0;
    parse__expect(p, "in");
    n->b = parse__star_expressions(p);
    check_target(p, n->a, 0, 0);
    int sl = p->in_loop;
    p->in_loop = 1;
    parse__block(p, &n->l1, "'for' statement", start->line);
    p->in_loop = sl;
    if (parse__at(p, "else")) {
        int eline = parse__cur(p)->line;
        p->pos++;
        parse__block(p, &n->l2, "'else' statement", eline);
    }
    parse__finish(p, n);
    return n;
}

static node_t *with_stmt(parser_t *p, lex_token_t *start, int is_async)
{
    node_t *n = parse__mk(p, N_WITH, start);
    n->flags = is_async;
    parse__expect(p, "with");
    // Parenthesised with-items: "with (a as b, c as d):".
    int par = 0;
    if (parse__at(p, "(")) {
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
        if (par && parse__at(p, ")")) {
            break;
        }
        node_t *it = parse__mk(p, N_WITHITEM, parse__cur(p));
        it->a = parse__expression(p);
        if (parse__accept(p, "as")) {
            it->b = parse__star_named(p);
            check_target(p, it->b, 0, 0);
        }
        parse__nl_add(p, &n->l1, it);
    } while (parse__accept(p, ","));
    if (par) {
        parse__expect(p, ")");
    }
    parse__block(p, &n->l2, "'with' statement", start->line);
    parse__finish(p, n);
    return n;
}

static node_t *try_stmt(parser_t *p, lex_token_t *start)
{
    node_t *n = parse__mk(p, N_TRY, start);
    parse__expect(p, "try");
    parse__block(p, &n->l1, "'try' statement", start->line);
    int star = -1;
    while (parse__at(p, "except")) {
        lex_token_t *et = parse__cur(p);
        p->pos++;
        int is_star = parse__accept(p, "*");
        if (star >= 0 && star != is_star) {
            parse__syntax_error(p, et,
                                "cannot have both 'except' and 'except*' on "
                                "the "
                                "same 'try'");
        }
        star = is_star;
        node_t *h = parse__mk(p, N_HANDLER, et);
        if (parse__cur(p)->kind == T_NEWLINE) {
            // invalid_except_stmt and invalid_except_star_stmt.
            parse__syntax_error(p, parse__cur(p),
                                is_star ? "expected one or more exception "
                                          "types"
                                        : "expected ':'");
        }
        if (!parse__at(p, ":")) {
            lex_token_t *ts = parse__cur(p);
            h->a = parse__expression(p);
            if (parse__at(p, ",")) {
                node_t *tup = parse__mk(p, N_TUPLE, ts);
                parse__nl_add(p, &tup->l1, h->a);
                while (parse__accept(p, ",")) {
                    parse__nl_add(p, &tup->l1, parse__expression(p));
                }
                if (!parse__at(p, ":")) {
                    parse__invalid(p);
                }
                parse__syntax_error(p, ts,
                                    "multiple exception types must be "
                                    "parenthesized");
            }
            if (parse__accept(p, "as")) {
                h->s = ident(p);
            }
        } else if (is_star) {
            parse__syntax_error(p, parse__cur(p),
                                "expected one or more exception types");
        }
        parse__block(p, &h->l1,
                     is_star ? "'except*' statement" : "'except' statement",
                     et->line);
        parse__finish(p, h);
        parse__nl_add(p, &n->l2, h);
    }
    n->flags = star > 0;
    if (parse__at(p, "else")) {
        if (n->l2.n == 0) {
            parse__invalid(p);
        }
        int line = parse__cur(p)->line;
        p->pos++;
        parse__block(p, &n->l3, "'else' statement", line);
    }
    if (parse__at(p, "finally")) {
        int line = parse__cur(p)->line;
        p->pos++;
        parse__block(p, &n->l4, "'finally' statement", line);
    }
    if (n->l2.n == 0 && n->l4.n == 0) {
        parse__syntax_error(p, parse__cur(p),
                            "expected 'except' or 'finally' block");
    }
    parse__finish(p, n);
    return n;
}

/* An if, elif or while condition, and the grammar's
 * invalid_named_expression after it: 'if x = 1:' is "invalid syntax.
 * Maybe you meant '==' or ':=' instead of '='?", 'if f() = 1:' "cannot
 * assign to function call here..." (not after a tuple, list, generator
 * expression, True, None or False, nor before a second '='). */
static node_t *condition(parser_t *p)
{
    node_t *e = parse__named_expression(p);
    lex_token_t *t = parse__cur(p);
    if (t->kind != T_OP || !lex_is(t, "=")) {
        return e;
    }
    for (lex_token_t *u = t + 1; u->kind != T_NEWLINE && u->kind != T_END;
         u++) {
        if (u->kind == T_OP && (lex_is(u, "=") || lex_is(u, ":="))) {
            return e;
        }
    }
    if (e->kind == N_NAME) {
        parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                        "invalid syntax. Maybe you meant '==' or ':=' "
                        "instead of '='?");
    }
    // Only a bitwise_or comes before the '=' in that rule: not a
    // comparison, 'not', 'and'/'or', lambda or conditional expression.
    if (e->kind == N_TUPLE || e->kind == N_LIST || e->kind == N_GENEXP ||
        e->kind == N_COMPARE || e->kind == N_BOOLOP ||
        e->kind == N_LAMBDA || e->kind == N_IFEXP ||
        e->kind == N_NAMEDEXPR ||
        (e->kind == N_UNARYOP && e->op == UOP_NOT) ||
        (e->kind == N_CONSTANT && (e->flags == C_NONE ||
                                   e->flags == C_TRUE ||
                                   e->flags == C_FALSE))) {
        return e;
    }
    const char *m = e->kind == N_ATTRIBUTE   ? "attribute"
                    : e->kind == N_SUBSCRIPT ? "subscript"
                    : e->kind == N_STARRED   ? "starred"
                                             : assign_target_error(e);
    parse__error_at(p, "SyntaxError", e->line - p->line_offset, e->col,
                    "cannot assign to %s here. Maybe you meant '==' instead "
                    "of '='?", m ? m : "expression");
    return e;
}

static node_t *if_stmt(parser_t *p, lex_token_t *start, const char *what)
{
    node_t *n = parse__mk(p, N_IF, start);
    p->pos++;
    n->a = condition(p);
    parse__block(p, &n->l1, what, start->line);
    if (parse__at(p, "elif")) {
        lex_token_t *t = parse__cur(p);
        parse__nl_add(p, &n->l2, if_stmt(p, t, "'elif' statement"));
    } else if (parse__at(p, "else")) {
        int line = parse__cur(p)->line;
        p->pos++;
        parse__block(p, &n->l2, "'else' statement", line);
    }
    parse__finish(p, n);
    return n;
}

static void statement(parser_t *p, nlist_t *body)
{
    lex_token_t *t = parse__cur(p);
    if (t->kind == T_INDENT) {
        parse__error_at(p, "IndentationError", t->line, t->col,
                        "unexpected indent");
    }
    if (lex_is(t, "if")) {
        parse__nl_add(p, body, if_stmt(p, t, "'if' statement"));
    } else if (lex_is(t, "while")) {
        node_t *n = parse__mk(p, N_WHILE, t);
        p->pos++;
        n->a = condition(p);
        int sl = p->in_loop;
        p->in_loop = 1;
        parse__block(p, &n->l1, "'while' statement", t->line);
        p->in_loop = sl;
        if (parse__at(p, "else")) {
            int line = parse__cur(p)->line;
            p->pos++;
            parse__block(p, &n->l2, "'else' statement", line);
        }
        parse__finish(p, n);
        parse__nl_add(p, body, n);
    } else if (lex_is(t, "for")) {
        parse__nl_add(p, body, for_stmt(p, t, 0));
    } else if (lex_is(t, "try")) {
        parse__nl_add(p, body, try_stmt(p, t));
    } else if (lex_is(t, "with")) {
        parse__nl_add(p, body, with_stmt(p, t, 0));
    } else if (lex_is(t, "def")) {
        parse__nl_add(p, body, funcdef(p, t, 0));
    } else if (lex_is(t, "class")) {
        parse__nl_add(p, body, classdef(p, t));
    } else if (lex_is(t, "async") && (lex_is(parse__peekn(p, 1), "def") ||
                                      lex_is(parse__peekn(p, 1), "for") ||
                                      lex_is(parse__peekn(p, 1), "with"))) {
        p->pos++;
        if (parse__at(p, "def")) {
            parse__nl_add(p, body, funcdef(p, t, 1));
        } else {
            // Outside an async function the compiler reports it (top-level
            // await mode allows it at module level).
            parse__nl_add(p, body, parse__at(p, "for") ? for_stmt(p, t, 1)
                                         : with_stmt(p, t, 1));
        }
    } else if (lex_is(t, "@")) {
        nlist_t decos = {0};
        while (parse__accept(p, "@")) {
            parse__nl_add(p, &decos, parse__named_expression(p));
            if (parse__cur(p)->kind != T_NEWLINE) {
                parse__invalid(p);
            }
            p->pos++;
        }
        lex_token_t *d = parse__cur(p);
        node_t *n;
        if (lex_is(d, "def")) {
            n = funcdef(p, d, 0);
            n->l2 = decos;
        } else if (lex_is(d, "async") && lex_is(parse__peekn(p, 1), "def")) {
            p->pos++;
            n = funcdef(p, d, 1);
            n->l2 = decos;
        } else if (lex_is(d, "class")) {
            n = classdef(p, d);
            n->l4 = decos;
        } else {
            parse__invalid(p);
            return;
        }
        parse__nl_add(p, body, n);
    } else if (t->kind == T_NEWLINE) {
        p->pos++;
    } else if (lex_is(t, "else") || lex_is(t, "elif") ||
               lex_is(t, "except") || lex_is(t, "finally")) {
        parse__invalid(p);
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
        while (parse__cur(&p)->kind == T_NEWLINE) {
            p.pos++;
        }
        node_t *e = parse__star_expressions(&p);
        while (parse__cur(&p)->kind == T_NEWLINE) {
            p.pos++;
        }
        if (parse__cur(&p)->kind != T_END) {
            parse__invalid(&p);
        }
        out->tree = e;
    } else {
        node_t *m = parse__mk(&p, N_MODULE, parse__cur(&p));
        while (parse__cur(&p)->kind != T_END) {
            if (parse__cur(&p)->kind == T_DEDENT) {
                p.pos++;
                continue;
            }
            statement(&p, &m->l1);
        }
        out->tree = m;
    }
    lex_free(&lr);
}

/* The closing brackets for the brackets still open at the end of the
 * [len] bytes at [s] (not NUL-terminated), innermost first, written to
 * [out] (NUL-terminated). Strings and comments are skipped; an
 * unterminated string ends the scan. */
static void open_closers(const char *s, size_t len, char *out, size_t cap)
{
    const char *end = s + len;
    char stack[200];
    size_t n = 0;
#define AT(i) (s + (i) < end ? s[i] : 0)
    while (s < end) {
        char c = *s;
        if (c == '#') {
            while (s < end && *s != '\n') {
                s++;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            bool triple = AT(1) == c && AT(2) == c;
            s += triple ? 3 : 1;
            while (s < end) {
                if (*s == '\\' && AT(1)) {
                    s += 2;
                } else if (*s == c && (!triple || (AT(1) == c && AT(2) == c))) {
                    s += triple ? 3 : 1;
                    break;
                } else if (*s == '\n' && !triple) {
                    break;
                } else {
                    s++;
                }
            }
            continue;
        }
        if ((c == '(' || c == '[' || c == '{') && n < sizeof stack) {
            stack[n++] = c == '(' ? ')' : c == '[' ? ']' : '}';
        } else if ((c == ')' || c == ']' || c == '}') && n > 0) {
            n--;
        }
        s++;
    }
#undef AT
    size_t k = 0;
    while (n > 0 && k + 1 < cap) {
        out[k++] = stack[--n];
    }
    out[k] = 0;
}

/* The lexer stops at the end of input with a bracket open, but CPython's
 * parser meets an error before that point first (`def f(:` is "invalid
 * syntax"): the text with the brackets closed on a line of their own
 * says which, for an error on the open bracket's line. An error the parser finds only by looking past the last
 * token ("Perhaps you forgot a comma?") meets the end of input in CPython
 * too, so the bracket error stands then. */
char *parse_close_brackets(const char *src, size_t len, size_t *outlen)
{
    char closers[64];
    open_closers(src, len, closers, sizeof closers);
    size_t cl = strlen(closers);
    char *patched = malloc(len + cl + 3);
    if (!patched) {
        return NULL;
    }
    memcpy(patched, src, len);
    size_t n = len;
    if (n == 0 || patched[n - 1] != '\n') {
        patched[n++] = '\n';
    }
    memcpy(patched + n, closers, cl);
    n += cl;
    patched[n++] = '\n';
    patched[n] = 0;
    *outlen = n;
    return patched;
}

static void refine_unclosed(const char *src, size_t len, parse_result_t *out)
{
    int nlines = 1;
    for (size_t i = 0; i < len; i++) {
        nlines += src[i] == '\n' && i + 1 < len;
    }
    size_t n;
    char *patched = parse_close_brackets(src, len, &n);
    if (!patched) {
        return;
    }
    parse_result_t pr;
    run(patched, n, &pr, 0);
    // CPython keeps the bracket error when the parser's error lies on a
    // later line than the open bracket (the tokenizer's full-source check).
    if (!pr.tree && pr.err_type && pr.err_line <= nlines &&
        pr.err_line <= out->err_line && !strstr(pr.err_msg, "forgot a comma")) {
        parse_free(out);
        *out = pr;
        out->tree = NULL;
    } else {
        parse_free(&pr);
    }
    free(patched);
}

void parse_module(const char *src, size_t len, parse_result_t *out)
{
    run(src, len, out, 0);
    if (!out->tree && out->err_type &&
        strstr(out->err_msg, "was never closed")) {
        refine_unclosed(src, len, out);
    }
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
