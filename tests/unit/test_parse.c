/*
 * test_parse.c - cmocka unit tests for the parser (core/lang/parse.c).
 *
 * Checks the shape of the AST (ast.h) the parser builds for each kind of
 * statement and expression, operator precedence and associativity, node
 * positions, and the SyntaxError / IndentationError messages and lines
 * CPython 3.11 reports for the same sources (columns too where they
 * agree with compile()'s offset - 1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "parse.h"
#include "vm.h"

/* The body of a module parsed from [src]; the result is kept in *pr. */
static nlist_t *parse_ok(const char *src, parse_result_t *pr)
{
    parse_module(src, strlen(src), pr);
    if (!pr->tree) {
        fail_msg("%s: %s at %d:%d", src, pr->err_msg, pr->err_line,
                 pr->err_col);
    }
    assert_int_equal(pr->tree->kind, N_MODULE);
    return &pr->tree->l1;
}

/* The expression of a one-line expression statement. */
static node_t *expr_of(const char *src, parse_result_t *pr)
{
    nlist_t *body = parse_ok(src, pr);
    assert_int_equal(body->n, 1);
    assert_int_equal(body->v[0]->kind, N_EXPR);
    return body->v[0]->a;
}

static void expect_name(const node_t *n, const char *id)
{
    assert_non_null(n);
    assert_int_equal(n->kind, N_NAME);
    assert_string_equal(n->s, id);
}

static void expect_int(const node_t *n, int64_t v)
{
    assert_non_null(n);
    assert_int_equal(n->kind, N_CONSTANT);
    assert_int_equal(n->flags, C_INT);
    assert_true(n->i == v);
}

static void expect_str(const node_t *n, const char *s)
{
    assert_non_null(n);
    assert_int_equal(n->kind, N_CONSTANT);
    assert_int_equal(n->flags, C_STR);
    assert_int_equal(n->slen, strlen(s));
    assert_memory_equal(n->s, s, n->slen);
}

/* Asserts that [src] fails with [type]: [msg] at [line] (and [col] when
 * it is not -1). */
static void expect_error(const char *src, const char *type, const char *msg,
                         int line, int col)
{
    parse_result_t pr;
    parse_module(src, strlen(src), &pr);
    if (pr.tree) {
        parse_free(&pr);
        fail_msg("no error for %s", src);
    }
    assert_string_equal(pr.err_type, type);
    assert_string_equal(pr.err_msg, msg);
    assert_int_equal(pr.err_line, line);
    if (col >= 0) {
        assert_int_equal(pr.err_col, col);
    }
    parse_free(&pr);
}

/* ----------------------------------------------------------- statements */

static void test_assignments(void **state)
{
    (void)state;
    parse_result_t pr;
    nlist_t *body = parse_ok("a = b = 1\nx += 2\ny: int = 3\nz: str\n"
                             "p, *q = r\n", &pr);
    assert_int_equal(body->n, 5);
    node_t *n = body->v[0];
    assert_int_equal(n->kind, N_ASSIGN);
    assert_int_equal(n->l1.n, 2);
    expect_name(n->l1.v[0], "a");
    expect_name(n->l1.v[1], "b");
    expect_int(n->a, 1);
    n = body->v[1];
    assert_int_equal(n->kind, N_AUGASSIGN);
    assert_int_equal(n->op, OP_ADD);
    expect_name(n->a, "x");
    expect_int(n->b, 2);
    n = body->v[2];
    assert_int_equal(n->kind, N_ANNASSIGN);
    expect_name(n->a, "y");
    expect_name(n->b, "int");
    expect_int(n->c, 3);
    n = body->v[3];
    assert_int_equal(n->kind, N_ANNASSIGN);
    assert_null(n->c);
    n = body->v[4];
    node_t *t = n->l1.v[0];
    assert_int_equal(t->kind, N_TUPLE);
    assert_int_equal(t->l1.n, 2);
    assert_int_equal(t->l1.v[1]->kind, N_STARRED);
    expect_name(t->l1.v[1]->a, "q");
    parse_free(&pr);
}

static void test_funcdef(void **state)
{
    (void)state;
    parse_result_t pr;
    nlist_t *body = parse_ok("@deco\n@deco2(1)\n"
                             "async def f(a, b=1, /, c=2, *args, d, e=3, "
                             "**kw) -> int:\n"
                             "    'doc'\n    return a\n", &pr);
    node_t *f = body->v[0];
    assert_int_equal(f->kind, N_FUNCDEF);
    assert_string_equal(f->s, "f");
    assert_int_equal(f->flags, 1);
    assert_int_equal(f->line, 3);
    assert_int_equal(f->l2.n, 2);
    expect_name(f->l2.v[0], "deco");
    assert_int_equal(f->l2.v[1]->kind, N_CALL);
    expect_name(f->b, "int");
    node_t *args = f->a;
    assert_int_equal(args->kind, N_ARGS);
    assert_int_equal(args->l1.n, 3);
    assert_int_equal(args->i, 2);
    assert_string_equal(args->l1.v[2]->s, "c");
    assert_int_equal(args->l2.n, 2);
    expect_int(args->l2.v[0], 1);
    expect_int(args->l2.v[1], 2);
    assert_string_equal(args->a->s, "args");
    assert_int_equal(args->l3.n, 2);
    assert_string_equal(args->l3.v[0]->s, "d");
    assert_null(args->l4.v[0]);
    expect_int(args->l4.v[1], 3);
    assert_string_equal(args->b->s, "kw");
    assert_int_equal(f->l1.n, 2);
    expect_str(f->l1.v[0]->a, "doc");
    assert_int_equal(f->l1.v[1]->kind, N_RETURN);
    parse_free(&pr);
}

static void test_classdef(void **state)
{
    (void)state;
    parse_result_t pr;
    nlist_t *body = parse_ok("class C(A, B, metaclass=M):\n    x = 1\n"
                             "    def m(self): pass\n", &pr);
    node_t *c = body->v[0];
    assert_int_equal(c->kind, N_CLASSDEF);
    assert_string_equal(c->s, "C");
    assert_int_equal(c->l2.n, 2);
    expect_name(c->l2.v[1], "B");
    assert_int_equal(c->l3.n, 1);
    assert_string_equal(c->l3.v[0]->s, "metaclass");
    expect_name(c->l3.v[0]->a, "M");
    assert_int_equal(c->l1.n, 2);
    assert_int_equal(c->l1.v[1]->kind, N_FUNCDEF);
    parse_free(&pr);
}

static void test_compound_statements(void **state)
{
    (void)state;
    parse_result_t pr;
    nlist_t *body = parse_ok(
        "for k, v in d.items():\n    pass\nelse:\n    pass\n"
        "while x:\n    break\n"
        "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n"
        "with open(p) as f, g:\n    pass\n"
        "try:\n    pass\nexcept (E, F) as e:\n    pass\n"
        "except G:\n    pass\nelse:\n    pass\nfinally:\n    pass\n"
        "try:\n    pass\nexcept* E:\n    pass\n", &pr);
    assert_int_equal(body->n, 6);
    node_t *n = body->v[0];
    assert_int_equal(n->kind, N_FOR);
    assert_int_equal(n->a->kind, N_TUPLE);
    assert_int_equal(n->b->kind, N_CALL);
    assert_int_equal(n->l2.n, 1);
    n = body->v[2];
    assert_int_equal(n->kind, N_IF);
    // elif is a nested if in the else branch.
    assert_int_equal(n->l2.n, 1);
    assert_int_equal(n->l2.v[0]->kind, N_IF);
    assert_int_equal(n->l2.v[0]->l2.n, 1);
    n = body->v[3];
    assert_int_equal(n->kind, N_WITH);
    assert_int_equal(n->l1.n, 2);
    expect_name(n->l1.v[0]->b, "f");
    assert_null(n->l1.v[1]->b);
    n = body->v[4];
    assert_int_equal(n->kind, N_TRY);
    assert_int_equal(n->flags, 0);
    assert_int_equal(n->l2.n, 2);
    assert_int_equal(n->l2.v[0]->kind, N_HANDLER);
    assert_int_equal(n->l2.v[0]->a->kind, N_TUPLE);
    assert_string_equal(n->l2.v[0]->s, "e");
    assert_null(n->l2.v[1]->s);
    assert_int_equal(n->l3.n, 1);
    assert_int_equal(n->l4.n, 1);
    assert_int_equal(body->v[5]->flags, 1);
    parse_free(&pr);
}

static void test_imports(void **state)
{
    (void)state;
    parse_result_t pr;
    nlist_t *body = parse_ok("import a.b as c, d\nfrom ..m import (x, y as z)\n"
                             "from m import *\n", &pr);
    node_t *n = body->v[0];
    assert_int_equal(n->kind, N_IMPORT);
    assert_int_equal(n->l1.n, 2);
    assert_string_equal(n->l1.v[0]->s, "a.b");
    assert_string_equal(n->l1.v[0]->s2, "c");
    assert_null(n->l1.v[1]->s2);
    n = body->v[1];
    assert_int_equal(n->kind, N_IMPORTFROM);
    assert_string_equal(n->s, "m");
    assert_int_equal(n->i, 2);
    assert_string_equal(n->l1.v[1]->s2, "z");
    assert_string_equal(body->v[2]->l1.v[0]->s, "*");
    parse_free(&pr);
}

/* ---------------------------------------------------------- expressions */

static void test_precedence(void **state)
{
    (void)state;
    parse_result_t pr;
    // 1 + 2 * 3 ** -4 ** 5  ==  1 + (2 * (3 ** (-(4 ** 5))))
    node_t *e = expr_of("1 + 2 * 3 ** -4 ** 5\n", &pr);
    assert_int_equal(e->kind, N_BINOP);
    assert_int_equal(e->op, OP_ADD);
    expect_int(e->a, 1);
    node_t *m = e->b;
    assert_int_equal(m->op, OP_MUL);
    node_t *p = m->b;
    assert_int_equal(p->op, OP_POW);
    expect_int(p->a, 3);
    assert_int_equal(p->b->kind, N_UNARYOP);
    assert_int_equal(p->b->op, UOP_NEG);
    assert_int_equal(p->b->a->op, OP_POW);
    parse_free(&pr);
    // Left associativity: a - b - c == (a - b) - c.
    e = expr_of("a - b - c\n", &pr);
    assert_int_equal(e->a->kind, N_BINOP);
    expect_name(e->b, "c");
    parse_free(&pr);
    // not binds looser than comparisons, and binds tighter than and/or.
    e = expr_of("not a == b or c and d\n", &pr);
    assert_int_equal(e->kind, N_BOOLOP);
    assert_int_equal(e->op, 1);
    assert_int_equal(e->l1.n, 2);
    assert_int_equal(e->l1.v[0]->kind, N_UNARYOP);
    assert_int_equal(e->l1.v[0]->op, UOP_NOT);
    assert_int_equal(e->l1.v[0]->a->kind, N_COMPARE);
    assert_int_equal(e->l1.v[1]->kind, N_BOOLOP);
    assert_int_equal(e->l1.v[1]->op, 0);
    parse_free(&pr);
    // | ^ & shifts in order.
    e = expr_of("a | b ^ c & d << e\n", &pr);
    assert_int_equal(e->op, OP_OR);
    assert_int_equal(e->b->op, OP_XOR);
    assert_int_equal(e->b->b->op, OP_AND);
    assert_int_equal(e->b->b->b->op, OP_LSHIFT);
    parse_free(&pr);
}

static void test_comparisons_chain(void **state)
{
    (void)state;
    parse_result_t pr;
    node_t *e = expr_of("a < b <= c not in d is not e\n", &pr);
    assert_int_equal(e->kind, N_COMPARE);
    expect_name(e->a, "a");
    assert_int_equal(e->l1.n, 4);
    assert_int_equal(e->l2.v[0]->op, CMP_LT);
    assert_int_equal(e->l2.v[1]->op, CMP_LE);
    assert_int_equal(e->l2.v[2]->op, CMPX_NOTIN);
    assert_int_equal(e->l2.v[3]->op, CMPX_ISNOT);
    parse_free(&pr);
}

static void test_negative_literals(void **state)
{
    (void)state;
    parse_result_t pr;
    // The one literal whose magnitude exceeds int64 is folded at once.
    node_t *e = expr_of("-9223372036854775808\n", &pr);
    expect_int(e, INT64_MIN);
    parse_free(&pr);
    e = expr_of("-5\n", &pr);
    assert_int_equal(e->kind, N_UNARYOP);
    expect_int(e->a, 5);
    parse_free(&pr);
    expect_error("x = 9223372036854775808\n", "SyntaxError",
                 "integer literal too large for looplab (64-bit ints)", 1, 4);
}

static void test_calls_and_trailers(void **state)
{
    (void)state;
    parse_result_t pr;
    node_t *e = expr_of("f(1, *a, k=2, **kw).attr[1:2, ::3]\n", &pr);
    assert_int_equal(e->kind, N_SUBSCRIPT);
    node_t *sl = e->b;
    assert_int_equal(sl->kind, N_TUPLE);
    assert_int_equal(sl->l1.v[0]->kind, N_SLICE);
    expect_int(sl->l1.v[0]->a, 1);
    assert_null(sl->l1.v[1]->a);
    expect_int(sl->l1.v[1]->c, 3);
    node_t *at = e->a;
    assert_int_equal(at->kind, N_ATTRIBUTE);
    assert_string_equal(at->s, "attr");
    node_t *call = at->a;
    assert_int_equal(call->kind, N_CALL);
    assert_int_equal(call->l1.n, 2);
    assert_int_equal(call->l1.v[1]->kind, N_STARRED);
    assert_int_equal(call->l2.n, 2);
    assert_string_equal(call->l2.v[0]->s, "k");
    assert_null(call->l2.v[1]->s);
    parse_free(&pr);
}

static void test_comprehensions_and_lambda(void **state)
{
    (void)state;
    parse_result_t pr;
    node_t *e = expr_of("[y for x in xs if x if y for y in x]\n", &pr);
    assert_int_equal(e->kind, N_LISTCOMP);
    expect_name(e->a, "y");
    assert_int_equal(e->l1.n, 2);
    assert_int_equal(e->l1.v[0]->kind, N_COMPREHENSION);
    assert_int_equal(e->l1.v[0]->l1.n, 2);
    assert_int_equal(e->l1.v[1]->l1.n, 0);
    parse_free(&pr);
    e = expr_of("{k: v for k, v in d}\n", &pr);
    assert_int_equal(e->kind, N_DICTCOMP);
    expect_name(e->b, "v");
    parse_free(&pr);
    e = expr_of("f(x for x in y)\n", &pr);
    assert_int_equal(e->l1.v[0]->kind, N_GENEXP);
    parse_free(&pr);
    e = expr_of("lambda a, *b, c=1: a if b else (c := 2)\n", &pr);
    assert_int_equal(e->kind, N_LAMBDA);
    assert_int_equal(e->a->l1.n, 1);
    assert_string_equal(e->a->a->s, "b");
    assert_int_equal(e->b->kind, N_IFEXP);
    assert_int_equal(e->b->c->kind, N_NAMEDEXPR);
    parse_free(&pr);
}

static void test_displays(void **state)
{
    (void)state;
    parse_result_t pr;
    node_t *e = expr_of("({1: 2, **d}, {1, *s}, [], (), (1,), (1))\n", &pr);
    assert_int_equal(e->kind, N_TUPLE);
    assert_int_equal(e->l1.n, 6);
    node_t *d = e->l1.v[0];
    assert_int_equal(d->kind, N_DICT);
    assert_null(d->l1.v[1]);  // ** entries have no key
    assert_int_equal(e->l1.v[1]->kind, N_SET);
    assert_int_equal(e->l1.v[2]->kind, N_LIST);
    assert_int_equal(e->l1.v[3]->kind, N_TUPLE);
    assert_int_equal(e->l1.v[3]->l1.n, 0);
    assert_int_equal(e->l1.v[4]->kind, N_TUPLE);
    expect_int(e->l1.v[5], 1);  // parentheses alone make no tuple
    parse_free(&pr);
}

static void test_strings_and_fstrings(void **state)
{
    (void)state;
    parse_result_t pr;
    // Adjacent literals concatenate; escapes are decoded.
    node_t *e = expr_of("'a\\tb' \"c\" r'\\n'\n", &pr);
    expect_str(e, "a\tbc\\n");
    parse_free(&pr);
    e = expr_of("f'x={x!r:>{w}} {y}'\n", &pr);
    assert_int_equal(e->kind, N_JOINEDSTR);
    assert_int_equal(e->l1.n, 4);
    expect_str(e->l1.v[0], "x=");
    node_t *fv = e->l1.v[1];
    assert_int_equal(fv->kind, N_FORMATTED);
    expect_name(fv->a, "x");
    assert_int_equal(fv->op, 'r');
    assert_int_equal(fv->b->kind, N_JOINEDSTR);
    expect_str(fv->b->l1.v[0], ">");
    assert_int_equal(fv->b->l1.v[1]->kind, N_FORMATTED);
    parse_free(&pr);
    // Self-documenting expressions keep their text and blanks; repr is
    // the default conversion unless a format spec is given.
    e = expr_of("f'{x = }{y=:>4}'\n", &pr);
    expect_str(e->l1.v[0], "x = ");
    assert_int_equal(e->l1.v[1]->op, 'r');
    expect_str(e->l1.v[2], "y=");
    assert_int_equal(e->l1.v[3]->op, 0);
    parse_free(&pr);
}

static void test_positions(void **state)
{
    (void)state;
    parse_result_t pr;
    nlist_t *body = parse_ok("x = 1\nif x:\n    y = (a +\n         b)\n", &pr);
    node_t *n = body->v[1];
    assert_int_equal(n->line, 2);
    node_t *asg = n->l1.v[0];
    assert_int_equal(asg->line, 3);
    assert_int_equal(asg->col, 4);
    node_t *sum = asg->a;
    assert_int_equal(sum->kind, N_BINOP);
    assert_int_equal(sum->line, 3);
    expect_name(sum->b, "b");
    assert_int_equal(sum->b->line, 4);
    assert_int_equal(sum->b->col, 9);
    parse_free(&pr);
}

static void test_parse_expression_mode(void **state)
{
    (void)state;
    parse_result_t pr;
    parse_expression("a, b\n", 5, &pr);
    assert_non_null(pr.tree);
    assert_int_equal(pr.tree->kind, N_TUPLE);
    parse_free(&pr);
    parse_expression("x = 1", 5, &pr);
    assert_null(pr.tree);
    assert_string_equal(pr.err_msg, "invalid syntax");
    parse_free(&pr);
}

/* --------------------------------------------------------------- errors */

static void test_syntax_errors(void **state)
{
    (void)state;
    expect_error("x = = 1\n", "SyntaxError", "invalid syntax", 1, 4);
    expect_error("if x\n    y\n", "SyntaxError", "expected ':'", 1, 4);
    expect_error("1 = x\n", "SyntaxError",
                 "cannot assign to literal here. Maybe you meant '==' "
                 "instead of '='?", 1, 0);
    expect_error("f() = 1\n", "SyntaxError",
                 "cannot assign to function call here. Maybe you meant '==' "
                 "instead of '='?", 1, 0);
    expect_error("None = 1\n", "SyntaxError", "cannot assign to None", 1, 0);
    expect_error("del f()\n", "SyntaxError", "cannot delete function call", 1,
                 4);
    expect_error("(a, b) += 1\n", "SyntaxError",
                 "'tuple' is an illegal expression for augmented assignment",
                 1, 0);
    expect_error("x = 5 if y\n", "SyntaxError",
                 "expected 'else' after 'if' expression", 1, -1);
    expect_error("try:\n    pass\nx = 1\n", "SyntaxError",
                 "expected 'except' or 'finally' block", 3, 0);
    expect_error("x = {1: 2, 3}\n", "SyntaxError",
                 "':' expected after dictionary key", 1, 11);
    expect_error("x = {1: 2, 3: }\n", "SyntaxError",
                 "expression expected after dictionary key and ':'", 1, 12);
    expect_error("print 'hello'\n", "SyntaxError",
                 "Missing parentheses in call to 'print'. Did you mean "
                 "print(...)?", 1, 0);
    expect_error("foo(a b)\n", "SyntaxError",
                 "invalid syntax. Perhaps you forgot a comma?", 1, 4);
}

static void test_statement_context_errors(void **state)
{
    (void)state;
    expect_error("return 1\n", "SyntaxError", "'return' outside function", 1,
                 0);
    expect_error("break\n", "SyntaxError", "'break' outside loop", 1, 0);
    expect_error("continue\n", "SyntaxError",
                 "'continue' not properly in loop", 1, 0);
    // A def inside a loop is not in the loop.
    expect_error("for x in y:\n    def g():\n        break\n", "SyntaxError",
                 "'break' outside loop", 3, 8);
}

static void test_argument_errors(void **state)
{
    (void)state;
    expect_error("def f(a, a): pass\n", "SyntaxError",
                 "duplicate argument 'a' in function definition", 1, 9);
    expect_error("def f(a=1, b): pass\n", "SyntaxError",
                 "non-default argument follows default argument", 1, 11);
    expect_error("def f(*, **k): pass\n", "SyntaxError",
                 "named arguments must follow bare *", 1, 6);
    expect_error("def f(*): pass\n", "SyntaxError",
                 "named arguments must follow bare *", 1, 6);
    expect_error("f(a=1, b)\n", "SyntaxError",
                 "positional argument follows keyword argument", 1, -1);
    expect_error("f(**k, *a)\n", "SyntaxError",
                 "iterable argument unpacking follows keyword argument "
                 "unpacking", 1, 7);
    expect_error("f(x for x in y, 1)\n", "SyntaxError",
                 "Generator expression must be parenthesized", 1, 2);
    expect_error("f(1, x for x in y)\n", "SyntaxError",
                 "Generator expression must be parenthesized", 1, 5);
}

static void test_indentation_errors(void **state)
{
    (void)state;
    expect_error("if x:\nfoo\n", "IndentationError",
                 "expected an indented block after 'if' statement on line 1",
                 2, 0);
    expect_error("def f():\n\nreturn\n", "IndentationError",
                 "expected an indented block after function definition on "
                 "line 1", 3, 0);
    expect_error("x = 1\n    y = 2\n", "IndentationError", "unexpected indent",
                 2, -1);
    // Lexer errors come through the parser unchanged.
    expect_error("if x:\n\ta\n        b\n", "TabError",
                 "inconsistent use of tabs and spaces in indentation", 3, -1);
}

static void test_fstring_errors(void **state)
{
    (void)state;
    expect_error("f'{}'\n", "SyntaxError",
                 "f-string: empty expression not allowed", 1, -1);
    expect_error("f'{x!z}'\n", "SyntaxError",
                 "f-string: invalid conversion character: expected 's', 'r', "
                 "or 'a'", 1, -1);
    expect_error("f'{x'\n", "SyntaxError", "f-string: expecting '}'", 1, -1);
    expect_error("f'}'\n", "SyntaxError",
                 "f-string: single '}' is not allowed", 1, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assignments),
        cmocka_unit_test(test_funcdef),
        cmocka_unit_test(test_classdef),
        cmocka_unit_test(test_compound_statements),
        cmocka_unit_test(test_imports),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_comparisons_chain),
        cmocka_unit_test(test_negative_literals),
        cmocka_unit_test(test_calls_and_trailers),
        cmocka_unit_test(test_comprehensions_and_lambda),
        cmocka_unit_test(test_displays),
        cmocka_unit_test(test_strings_and_fstrings),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_parse_expression_mode),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_statement_context_errors),
        cmocka_unit_test(test_argument_errors),
        cmocka_unit_test(test_indentation_errors),
        cmocka_unit_test(test_fstring_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
