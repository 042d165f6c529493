/*
 * parse_expr.c - the expression half of the parser: the precedence ladder
 * from lambda and conditional expressions down to primaries (calls,
 * subscripts, attributes) and atoms (names, numbers, parenthesised forms,
 * displays and comprehensions), plus yield expressions.
 *
 * Mirrors the expression rules of CPython's Grammar/python.gram, one
 * function per rule, and reproduces the SyntaxError texts of
 * Parser/pegen_errors.c and the invalid_* rules. As in parse.c, errors
 * unwind with longjmp (parse__error_at); every node is allocated in the
 * parser's arena, so a jump loses nothing. parse__enter bounds the
 * recursion of nested forms, as CPython's MAXSTACK does (parse_int.h).
 */
#include "parse.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "parse_int.h"
#include "vm.h"

/* ---- Expressions ---------------------------------------------------- */

static node_t *disjunction(parser_t *p);
static node_t *primary(parser_t *p);
static node_t *atom(parser_t *p);

static node_t *comprehension_tail(parser_t *p, int kind, node_t *elt,
                                  node_t *val, lex_token_t *start)
{
    node_t *n = parse__mk(p, kind, start);
    n->a = elt;
    n->b = val;
    while (parse__at(p, "for") || (parse__at(p, "async") &&
                                   lex_is(parse__peekn(p, 1), "for"))) {
        node_t *g = parse__mk(p, N_COMPREHENSION, parse__cur(p));
        if (parse__accept(p, "async")) {
            g->flags = 1;
        }
        parse__expect(p, "for");
        // Targets: a tuple of bitwise-or expressions without parentheses.
        lex_token_t *ts = parse__cur(p);
        node_t *t0 = parse__bitor(p);
        if (parse__at(p, ",")) {
            node_t *tup = parse__mk(p, N_TUPLE, ts);
            parse__nl_add(p, &tup->l1, t0);
            while (parse__accept(p, ",")) {
                if (parse__at(p, "in")) {
                    break;
                }
                parse__nl_add(p, &tup->l1, parse__bitor(p));
            }
            t0 = tup;
        }
        g->a = t0;
        parse__expect(p, "in");
        g->b = disjunction(p);
        while (parse__accept(p, "if")) {
            parse__nl_add(p, &g->l1, disjunction(p));
        }
        parse__nl_add(p, &n->l1, g);
    }
    parse__finish(p, n);
    return n;
}

static int starts_comprehension(parser_t *p)
{
    return parse__at(p, "for") || (parse__at(p, "async") &&
                                   lex_is(parse__peekn(p, 1), "for"));
}

node_t *parse__star_named(parser_t *p)
{
    if (parse__at(p, "*")) {
        node_t *n = parse__mk(p, N_STARRED, parse__cur(p));
        p->pos++;
        n->a = parse__bitor(p);
        parse__finish(p, n);
        return n;
    }
    return parse__named_expression(p);
}

/* Whether [t] can start an expression, so that after a complete one it
 * means two expressions side by side (a missing comma or parenthesis). */
int parse__starts_operand(lex_token_t *t)
{
    if (t->kind == T_NUMBER || t->kind == T_STRING) {
        return 1;
    }
    if (t->kind != T_NAME) {
        return 0;
    }
    return !parse__is_keyword(t) || lex_is(t, "None") || lex_is(t, "True") ||
           lex_is(t, "False") || lex_is(t, "lambda") || lex_is(t, "await");
}

/* Call arguments: positional, *args, keywords, **kwargs. */
void parse__call_args(parser_t *p, node_t *call)
{
    lex_token_t *bare_genexp = NULL;
    while (!parse__at(p, ")")) {
        lex_token_t *t = parse__cur(p);
        if (parse__accept(p, "*")) {
            for (int i = 0; i < call->l2.n; i++) {
                if (call->l2.v[i]->s == NULL) {
                    parse__syntax_error(p, t,
                                        "iterable argument unpacking follows "
                                        "keyword argument unpacking");
                }
            }
            node_t *s = parse__mk(p, N_STARRED, t);
            s->a = parse__expression(p);
            parse__finish(p, s);
            parse__nl_add(p, &call->l1, s);
        } else if (parse__accept(p, "**")) {
            node_t *k = parse__mk(p, N_KEYWORD, t);
            k->a = parse__expression(p);
            parse__finish(p, k);
            parse__nl_add(p, &call->l2, k);
        } else if (t->kind == T_NAME && lex_is(parse__peekn(p, 1), "=") &&
                   !parse__is_keyword(t)) {
            node_t *k = parse__mk(p, N_KEYWORD, t);
            k->s = parse__dupn(p, t->s, t->len);
            p->pos += 2;
            k->a = parse__expression(p);
            parse__finish(p, k);
            parse__nl_add(p, &call->l2, k);
        } else {
            node_t *e = parse__named_expression(p);
            if (starts_comprehension(p)) {
                e = comprehension_tail(p, N_GENEXP, e, NULL, t);
                bare_genexp = t;
                if (parse__at(p, ",")) {
                    // Not even a trailing comma may follow it.
                    parse__syntax_error(p, t, "Generator expression must be "
                                       "parenthesized");
                }
            } else if (parse__starts_operand(parse__cur(p))) {
                parse__syntax_error(p, t,
                                    "invalid syntax. Perhaps you forgot a "
                                   "comma?");
            } else if (parse__at(p, "=")) {
                parse__syntax_error(p, parse__cur(p),
                                    "expression cannot contain assignment, "
                                    "perhaps "
                                    "you meant \"==\"?");
            }
            if (call->l2.n > 0) {
                for (int i = 0; i < call->l2.n; i++) {
                    if (call->l2.v[i]->s == NULL) {
                        parse__syntax_error(p, t,
                                            "positional argument follows "
                                            "keyword "
                                            "argument unpacking");
                    }
                }
                parse__syntax_error(p, t,
                                    "positional argument follows keyword "
                                    "argument");
            }
            parse__nl_add(p, &call->l1, e);
        }
        if (!parse__accept(p, ",")) {
            break;
        }
    }
    // A generator expression without its own parentheses must be the
    // only argument.
    if (bare_genexp && call->l1.n + call->l2.n > 1) {
        parse__syntax_error(p, bare_genexp,
                            "Generator expression must be parenthesized");
    }
    parse__expect(p, ")");
}

static node_t *slice_item(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    node_t *lo = NULL;
    if (!parse__at(p, ":")) {
        lo = parse__star_named(p);
        if (!parse__at(p, ":")) {
            return lo;
        }
    }
    node_t *s = parse__mk(p, N_SLICE, t);
    s->a = lo;
    parse__expect(p, ":");
    if (!parse__at(p, ":") && !parse__at(p, "]") && !parse__at(p, ",")) {
        s->b = parse__expression(p);
    }
    if (parse__accept(p, ":")) {
        if (!parse__at(p, "]") && !parse__at(p, ",")) {
            s->c = parse__expression(p);
        }
    }
    parse__finish(p, s);
    return s;
}

static node_t *primary(parser_t *p)
{
    lex_token_t *start = parse__cur(p);
    node_t *e = atom(p);
    for (;;) {
        lex_token_t *t = parse__cur(p);
        if (parse__accept(p, ".")) {
            node_t *n = parse__mk(p, N_ATTRIBUTE, start);
            n->a = e;
            lex_token_t *nt = parse__cur(p);
            if (nt->kind != T_NAME) {
                parse__invalid(p);
            }
            n->s = parse__dupn(p, nt->s, nt->len);
            p->pos++;
            parse__finish(p, n);
            e = n;
        } else if (parse__accept(p, "(")) {
            node_t *n = parse__mk(p, N_CALL, start);
            n->a = e;
            int charged = parse__group_enter(p, PARSE_TRAILER_LEVELS);
            parse__call_args(p, n);
            parse__group_leave(p, charged);
            parse__finish(p, n);
            e = n;
        } else if (parse__accept(p, "[")) {
            node_t *n = parse__mk(p, N_SUBSCRIPT, start);
            n->a = e;
            int charged = parse__group_enter(p, PARSE_TRAILER_LEVELS);
            node_t *first = slice_item(p);
            if (parse__at(p, ",")) {
                node_t *tup = parse__mk(p, N_TUPLE, t);
                parse__nl_add(p, &tup->l1, first);
                while (parse__accept(p, ",")) {
                    if (parse__at(p, "]")) {
                        break;
                    }
                    parse__nl_add(p, &tup->l1, slice_item(p));
                }
                parse__finish(p, tup);
                first = tup;
            }
            parse__group_leave(p, charged);
            parse__expect(p, "]");
            n->b = first;
            parse__finish(p, n);
            e = n;
        } else {
            return e;
        }
    }
}

static node_t *await_primary(parser_t *p)
{
    if (parse__at(p, "await")) {
        node_t *n = parse__mk(p, N_AWAIT, parse__cur(p));
        p->pos++;
        n->a = primary(p);
        parse__finish(p, n);
        return n;
    }
    return primary(p);
}

static node_t *factor(parser_t *p);
static node_t *number(parser_t *p);

static node_t *power(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    node_t *e = await_primary(p);
    if (parse__accept(p, "**")) {
        node_t *n = parse__mk(p, N_BINOP, t);
        n->a = e;
        n->op = OP_POW;
        parse__enter(p, PARSE_RIGHT_LEVELS);
        n->b = factor(p);
        parse__leave(p, PARSE_RIGHT_LEVELS);
        parse__finish(p, n);
        return n;
    }
    return e;
}

static node_t *factor(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    int op = -1;
    if (lex_is(t, "-")) {
        op = UOP_NEG;
    } else if (lex_is(t, "+")) {
        op = UOP_POS;
    } else if (lex_is(t, "~")) {
        op = UOP_INVERT;
    }
    if (op == UOP_NEG && parse__peekn(p, 1)->kind == T_NUMBER &&
        !lex_is(parse__peekn(p, 2), "**") && !lex_is(parse__peekn(p, 2), ".") &&
        !lex_is(parse__peekn(p, 2), "(") && !lex_is(parse__peekn(p, 2), "[")) {
        // "-9223372036854775808" is the one negative literal whose
        // magnitude does not fit: fold it here, as the compiler folds the
        // other negated constants. (It is one level of nesting still.)
        parse__enter(p, PARSE_UNARY_LEVELS);
        parse__leave(p, PARSE_UNARY_LEVELS);
        p->pos++;
        p->neg_literal = 1;
        node_t *c = number(p);
        p->neg_literal = 0;
        if (c->flags == C_INT && c->i == INT64_MIN) {
            c->line = t->line + p->line_offset;
            c->col = t->col;
            return c;
        }
        node_t *n = parse__mk(p, N_UNARYOP, t);
        n->op = op;
        n->a = c;
        parse__finish(p, n);
        return n;
    }
    if (op >= 0) {
        p->pos++;
        parse__enter(p, PARSE_UNARY_LEVELS);
        node_t *n = parse__mk(p, N_UNARYOP, t);
        n->op = op;
        n->a = factor(p);
        parse__leave(p, PARSE_UNARY_LEVELS);
        parse__finish(p, n);
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
    lex_token_t *start = parse__cur(p);
    node_t *e = binlevel(p, lvl + 1);
    for (;;) {
        int op = -1;
        for (int i = 0; i < 6 && levels[lvl].ops[i]; i++) {
            if (parse__cur(p)->kind == T_OP && lex_is(parse__cur(p),
                                                      levels[lvl].ops[i])) {
                op = levels[lvl].codes[i];
            }
        }
        if (op < 0) {
            return e;
        }
        p->pos++;
        node_t *n = parse__mk(p, N_BINOP, start);
        n->a = e;
        n->op = op;
        n->b = binlevel(p, lvl + 1);
        parse__finish(p, n);
        e = n;
    }
}

node_t *parse__bitor(parser_t *p) { return binlevel(p, 0); }

static int comp_op(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
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
    if (lex_is(t, "not") && lex_is(parse__peekn(p, 1), "in")) {
        p->pos += 2;
        return CMPX_NOTIN;
    }
    if (lex_is(t, "is")) {
        p->pos++;
        if (parse__accept(p, "not")) {
            return CMPX_ISNOT;
        }
        return CMPX_IS;
    }
    return -1;
}

static node_t *comparison(parser_t *p)
{
    lex_token_t *start = parse__cur(p);
    node_t *e = parse__bitor(p);
    node_t *n = NULL;
    for (;;) {
        lex_token_t *t = parse__cur(p);
        int op = comp_op(p);
        if (op < 0) {
            break;
        }
        if (!n) {
            n = parse__mk(p, N_COMPARE, start);
            n->a = e;
        }
        node_t *o = parse__mk(p, N_CMPOP, t);
        o->op = op;
        parse__nl_add(p, &n->l2, o);
        parse__nl_add(p, &n->l1, parse__bitor(p));
    }
    if (n) {
        parse__finish(p, n);
        return n;
    }
    return e;
}

static node_t *inversion(parser_t *p)
{
    if (parse__at(p, "not")) {
        node_t *n = parse__mk(p, N_UNARYOP, parse__cur(p));
        p->pos++;
        n->op = UOP_NOT;
        parse__enter(p, PARSE_UNARY_LEVELS);
        n->a = inversion(p);
        parse__leave(p, PARSE_UNARY_LEVELS);
        parse__finish(p, n);
        return n;
    }
    return comparison(p);
}

static node_t *boolop(parser_t *p, const char *kw, int op,
                      node_t *(*sub)(parser_t *))
{
    lex_token_t *start = parse__cur(p);
    node_t *e = sub(p);
    if (!parse__at(p, kw)) {
        return e;
    }
    node_t *n = parse__mk(p, N_BOOLOP, start);
    n->op = op;
    parse__nl_add(p, &n->l1, e);
    while (parse__accept(p, kw)) {
        parse__nl_add(p, &n->l1, sub(p));
    }
    parse__finish(p, n);
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

node_t *parse__expression(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    if (parse__at(p, "lambda")) {
        p->pos++;
        node_t *n = parse__mk(p, N_LAMBDA, t);
        parse__enter(p, PARSE_RIGHT_LEVELS);
        n->a = parse__lambda_args(p);
        // No forced ':' in a lambda: "invalid syntax" (CPython 3.11).
        if (!parse__accept(p, ":")) {
            parse__invalid(p);
        }
        int saved = p->in_func;
        p->in_func = 1;
        n->b = parse__expression(p);
        p->in_func = saved;
        parse__leave(p, PARSE_RIGHT_LEVELS);
        parse__finish(p, n);
        return n;
    }
    node_t *e = disjunction(p);
    if (parse__at(p, "if")) {
        // "x if c" without else is an error in 3.11: "expected 'else'
        // after 'if' expression".
        p->pos++;
        node_t *n = parse__mk(p, N_IFEXP, t);
        n->b = e;
        n->a = disjunction(p);
        if (!parse__accept(p, "else")) {
            parse__syntax_error(p, parse__cur(p),
                                "expected 'else' after 'if' expression");
        }
        parse__enter(p, PARSE_UNARY_LEVELS);
        n->c = parse__expression(p);
        parse__leave(p, PARSE_UNARY_LEVELS);
        parse__finish(p, n);
        return n;
    }
    return e;
}

node_t *parse__named_expression(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    if (t->kind == T_NAME && lex_is(parse__peekn(p, 1), ":=")) {
        node_t *n = parse__mk(p, N_NAMEDEXPR, t);
        n->a = parse__name_node(p);
        p->pos++;
        n->b = parse__expression(p);
        parse__finish(p, n);
        return n;
    }
    return parse__expression(p);
}

/* parse__star_expressions: "a, b, *c" as a tuple, or one expression. */
node_t *parse__star_expressions(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    node_t *e = parse__star_named(p);
    if (!parse__at(p, ",")) {
        return e;
    }
    node_t *tup = parse__mk(p, N_TUPLE, t);
    parse__nl_add(p, &tup->l1, e);
    while (parse__accept(p, ",")) {
        lex_token_t *c = parse__cur(p);
        if (c->kind == T_NEWLINE || lex_is(c, "=") || lex_is(c, ")") ||
            lex_is(c, ";") || lex_is(c, ":") || c->kind == T_END ||
            (c->kind == T_OP && c->len == 2 && c->s[1] == '=' &&
             !lex_is(c, "==") && !lex_is(c, "!=") && !lex_is(c, "<=") &&
             !lex_is(c, ">=")) ||
            lex_is(c, "in")) {
            break;
        }
        parse__nl_add(p, &tup->l1, parse__star_named(p));
    }
    parse__finish(p, tup);
    return tup;
}

static node_t *number(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    p->pos++;
    node_t *n = parse__mk(p, N_CONSTANT, t);
    char buf[128];
    size_t k = 0;
    for (size_t i = 0; i < t->len && k < sizeof buf - 1; i++) {
        if (t->s[i] != '_') {
            buf[k++] = t->s[i];
        }
    }
    buf[k] = 0;
    if (buf[k - 1] == 'j' || buf[k - 1] == 'J') {
        parse__syntax_error(p, t,
                            "complex numbers are not supported by looplab");
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
                parse__syntax_error(p, t,
                                    "leading zeros in decimal integer literals "
                                    "are "
                                    "not permitted; use an 0o prefix for octal "
                                    "integers");
            }
        }
    }
    uint64_t v = 0;
    for (; *d; d++) {
        uint64_t dv = (uint64_t)parse__hexval(*d);
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
    parse__syntax_error(p, t,
                        "integer literal too large for looplab (64-bit ints)");
    return NULL;
}

/* A parenthesised form: (), (x), (x,), (x for ...), (yield x). */
/* The closing bracket [close] of a display or group opened at [open]:
 * an operand where it should be reads as two expressions side by side,
 * which CPython 3.11 words "Perhaps you forgot a comma?" inside
 * brackets (invalid_expression, approximated by the next token), unless
 * the item before was not an expression ([hint] false: a dict's **x). */
static void expect_close(parser_t *p, lex_token_t *open, const char *close,
                         bool hint)
{
    if (parse__accept(p, close)) {
        return;
    }
    lex_token_t *c = parse__cur(p);
    if (hint &&
        (c->kind == T_NAME || c->kind == T_NUMBER || c->kind == T_STRING)) {
        parse__syntax_error(p, open,
                            "invalid syntax. Perhaps you forgot a comma?");
    }
    parse__invalid(p);
}

static node_t *paren(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    p->pos++;
    int charged = parse__group_enter(p, PARSE_PAREN_LEVELS);
    if (parse__accept(p, ")")) {
        parse__group_leave(p, charged);
        node_t *n = parse__mk(p, N_TUPLE, t);
        parse__finish(p, n);
        return n;
    }
    if (parse__at(p, "yield")) {
        node_t *y = parse__yield_expr(p);
        parse__expect(p, ")");
        parse__group_leave(p, charged);
        return y;
    }
    node_t *e = parse__star_named(p);
    if (starts_comprehension(p)) {
        node_t *g = comprehension_tail(p, N_GENEXP, e, NULL, t);
        parse__expect(p, ")");
        parse__group_leave(p, charged);
        parse__finish(p, g);
        return g;
    }
    if (parse__at(p, ",")) {
        node_t *tup = parse__mk(p, N_TUPLE, t);
        parse__nl_add(p, &tup->l1, e);
        while (parse__accept(p, ",")) {
            if (parse__at(p, ")")) {
                break;
            }
            parse__nl_add(p, &tup->l1, parse__star_named(p));
        }
        parse__expect(p, ")");
        parse__group_leave(p, charged);
        parse__finish(p, tup);
        return tup;
    }
    expect_close(p, t, ")", true);
    parse__group_leave(p, charged);
    // A parenthesised starred expression is not a valid expression.
    return e;
}

static node_t *list_display(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    p->pos++;
    int charged = parse__group_enter(p, PARSE_PAREN_LEVELS);
    node_t *n = parse__mk(p, N_LIST, t);
    if (!parse__at(p, "]")) {
        node_t *e = parse__star_named(p);
        if (starts_comprehension(p)) {
            node_t *c = comprehension_tail(p, N_LISTCOMP, e, NULL, t);
            parse__expect(p, "]");
            parse__group_leave(p, charged);
            parse__finish(p, c);
            return c;
        }
        parse__nl_add(p, &n->l1, e);
        while (parse__accept(p, ",")) {
            if (parse__at(p, "]")) {
                break;
            }
            parse__nl_add(p, &n->l1, parse__star_named(p));
        }
    }
    expect_close(p, t, "]", true);
    parse__group_leave(p, charged);
    parse__finish(p, n);
    return n;
}

/* ": value" after a dictionary key. */
static void dict_value(parser_t *p, node_t *n)
{
    lex_token_t *colon = parse__cur(p);
    p->pos++;
    if (parse__at(p, ",") || parse__at(p, "}")) {
        parse__syntax_error(p, colon,
                            "expression expected after dictionary key and ':'");
    }
    parse__nl_add(p, &n->l2, parse__expression(p));
}

static node_t *dict_or_set(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    p->pos++;
    int charged = parse__group_enter(p, PARSE_PAREN_LEVELS);
    if (parse__accept(p, "}")) {
        parse__group_leave(p, charged);
        node_t *n = parse__mk(p, N_DICT, t);
        parse__finish(p, n);
        return n;
    }
    node_t *n;
    bool unpacked = false;   /* the last item was **x */
    if (parse__accept(p, "**")) {
        n = parse__mk(p, N_DICT, t);
        parse__nl_add(p, &n->l1, NULL);
        parse__nl_add(p, &n->l2, parse__bitor(p));
        unpacked = true;
    } else {
        node_t *k = parse__star_named(p);
        if (parse__at(p, ":")) {
            lex_token_t *colon = parse__cur(p);
            p->pos++;
            if (parse__at(p, ",") || parse__at(p, "}")) {
                parse__syntax_error(p, colon, "expression expected after "
                                       "dictionary key and ':'");
            }
            node_t *v = parse__expression(p);
            if (starts_comprehension(p)) {
                node_t *c = comprehension_tail(p, N_DICTCOMP, k, v, t);
                parse__expect(p, "}");
                parse__group_leave(p, charged);
                parse__finish(p, c);
                return c;
            }
            n = parse__mk(p, N_DICT, t);
            parse__nl_add(p, &n->l1, k);
            parse__nl_add(p, &n->l2, v);
        } else {
            if (starts_comprehension(p)) {
                node_t *c = comprehension_tail(p, N_SETCOMP, k, NULL, t);
                parse__expect(p, "}");
                parse__group_leave(p, charged);
                parse__finish(p, c);
                return c;
            }
            n = parse__mk(p, N_SET, t);
            parse__nl_add(p, &n->l1, k);
        }
    }
    while (parse__accept(p, ",")) {
        if (parse__at(p, "}")) {
            break;
        }
        unpacked = false;
        if (n->kind == N_DICT) {
            if (parse__accept(p, "**")) {
                parse__nl_add(p, &n->l1, NULL);
                parse__nl_add(p, &n->l2, parse__bitor(p));
                unpacked = true;
            } else {
                lex_token_t *kt = parse__cur(p);
                parse__nl_add(p, &n->l1, parse__expression(p));
                if (!parse__at(p, ":")) {
                    parse__syntax_error(p, kt,
                                        "':' expected after dictionary key");
                }
                dict_value(p, n);
            }
        } else {
            parse__nl_add(p, &n->l1, parse__star_named(p));
        }
    }
    expect_close(p, t, "}", !unpacked);
    parse__group_leave(p, charged);
    parse__finish(p, n);
    return n;
}

static node_t *atom(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    switch (t->kind) {
    case T_NUMBER:
        return number(p);
    case T_STRING:
        return parse__strings(p);
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
            node_t *n = parse__mk(p, N_CONSTANT, t);
            n->flags = c;
            return n;
        }
        if (parse__is_keyword(t)) {
            parse__invalid(p);
        }
        return parse__name_node(p);
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
            node_t *n = parse__mk(p, N_CONSTANT, t);
            n->flags = C_ELLIPSIS;
            return n;
        }
        break;
    default:
        break;
    }
    parse__invalid(p);
    return NULL;
}

node_t *parse__sub_expr(parser_t *p, lex_token_t *t, const char *s,
                        size_t n)
{
    // The expression is parsed in parentheses, as CPython 3.11 does, so
    // that it may span lines and hold a tuple.
    char *src = parse__alloc(p, n + 3);
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
        parse__syntax_error(p, t, msg);
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
    node_t *e = parse__star_expressions(&sub);
    if (parse__cur(&sub)->kind != T_NEWLINE &&
        parse__cur(&sub)->kind != T_END) {
        parse__invalid(&sub);
    }
    lex_free(&lr);
    return e;
}

node_t *parse__yield_expr(parser_t *p)
{
    lex_token_t *t = parse__cur(p);
    parse__expect(p, "yield");
    if (parse__accept(p, "from")) {
        node_t *n = parse__mk(p, N_YIELDFROM, t);
        n->a = parse__expression(p);
        parse__finish(p, n);
        return n;
    }
    node_t *n = parse__mk(p, N_YIELD, t);
    lex_token_t *c = parse__cur(p);
    if (c->kind != T_NEWLINE && !lex_is(c, ")") && !lex_is(c, "]") &&
        !lex_is(c, "}") && !lex_is(c, "=") && !lex_is(c, ";") &&
        c->kind != T_END) {
        n->a = parse__star_expressions(p);
    }
    parse__finish(p, n);
    return n;
}
