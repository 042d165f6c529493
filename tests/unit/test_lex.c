/*
 * test_lex.c - cmocka unit tests for the tokenizer (core/lang/lex.c).
 *
 * Token kinds, texts and positions follow CPython's tokenizer (1-based
 * lines, 0-based byte columns; `python3 -m tokenize` shows the same
 * positions). Error types, messages and lines are CPython 3.11's, as
 * compile() reports them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lex.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static lex_result_t lex(const char *src)
{
    lex_result_t r;
    lex_run(src, strlen(src), &r);
    return r;
}

/* Asserts the kinds of all tokens, T_END included. */
static void expect_kinds(const lex_result_t *r, const int *kinds, size_t n)
{
    if (r->ntoks != n) {
        fail_msg("got %zu tokens, want %zu", r->ntoks, n);
    }
    for (size_t i = 0; i < n; i++) {
        if (r->toks[i].kind != kinds[i]) {
            fail_msg("token %zu: kind %d, want %d", i, r->toks[i].kind,
                     kinds[i]);
        }
    }
}

/* Asserts one token's kind, text and start position. */
static void expect_tok(const lex_token_t *t, int kind, const char *text,
                       int line, int col)
{
    assert_int_equal(t->kind, kind);
    assert_int_equal(t->len, strlen(text));
    assert_memory_equal(t->s, text, t->len);
    assert_int_equal(t->line, line);
    assert_int_equal(t->col, col);
}

/* Asserts a failed tokenization and its SyntaxError. */
static void expect_error(const char *src, const char *type, const char *msg,
                         int line)
{
    lex_result_t r = lex(src);
    if (r.ok) {
        fail_msg("no error for %s", src);
    }
    assert_string_equal(r.err_type, type);
    assert_string_equal(r.err_msg, msg);
    assert_int_equal(r.err_line, line);
    lex_free(&r);
}

/* ---------------------------------------------------------------- tokens */

static void test_simple_statement(void **state)
{
    (void)state;
    lex_result_t r = lex("total = price * 3 + 0.5\n");
    assert_true(r.ok);
    static const int kinds[] = {T_NAME, T_OP, T_NAME, T_OP, T_NUMBER, T_OP,
                                T_NUMBER, T_NEWLINE, T_END};
    expect_kinds(&r, kinds, COUNT(kinds));
    expect_tok(&r.toks[0], T_NAME, "total", 1, 0);
    expect_tok(&r.toks[1], T_OP, "=", 1, 6);
    expect_tok(&r.toks[2], T_NAME, "price", 1, 8);
    expect_tok(&r.toks[3], T_OP, "*", 1, 14);
    expect_tok(&r.toks[4], T_NUMBER, "3", 1, 16);
    expect_tok(&r.toks[6], T_NUMBER, "0.5", 1, 20);
    assert_int_equal(r.toks[6].end_col, 23);
    assert_int_equal(r.toks[7].col, 23);
    lex_free(&r);
}

static void test_operators_longest_match(void **state)
{
    (void)state;
    lex_result_t r = lex("a **= b // c -> d != e := f ... g >>= 1\n");
    assert_true(r.ok);
    static const char *const want[] = {"a", "**=", "b", "//", "c", "->",
                                       "d", "!=", "e", ":=", "f", "...",
                                       "g", ">>=", "1"};
    for (size_t i = 0; i < COUNT(want); i++) {
        assert_int_equal(r.toks[i].len, strlen(want[i]));
        assert_memory_equal(r.toks[i].s, want[i], r.toks[i].len);
    }
    assert_int_equal(r.toks[COUNT(want)].kind, T_NEWLINE);
    assert_true(lex_is(&r.toks[1], "**="));
    assert_false(lex_is(&r.toks[1], "**"));
    lex_free(&r);
}

static void test_keywords_are_names(void **state)
{
    (void)state;
    lex_result_t r = lex("if not x: pass\n");
    assert_true(r.ok);
    expect_tok(&r.toks[0], T_NAME, "if", 1, 0);
    expect_tok(&r.toks[1], T_NAME, "not", 1, 3);
    assert_true(lex_is(&r.toks[0], "if"));
    assert_true(lex_is(&r.toks[3], ":"));
    assert_false(lex_is(&r.toks[2], "if"));
    lex_free(&r);
}

static void test_indent_dedent(void **state)
{
    (void)state;
    lex_result_t r = lex("if x:\n    y = 1\n    if y:\n        z\nw\n");
    assert_true(r.ok);
    static const int kinds[] = {
        T_NAME, T_NAME, T_OP, T_NEWLINE,                 /* if x: */
        T_INDENT, T_NAME, T_OP, T_NUMBER, T_NEWLINE,     /* y = 1 */
        T_NAME, T_NAME, T_OP, T_NEWLINE,                 /* if y: */
        T_INDENT, T_NAME, T_NEWLINE,                     /* z */
        T_DEDENT, T_DEDENT, T_NAME, T_NEWLINE, T_END};   /* w */
    expect_kinds(&r, kinds, COUNT(kinds));
    assert_int_equal(r.toks[4].line, 2);
    expect_tok(&r.toks[5], T_NAME, "y", 2, 4);
    expect_tok(&r.toks[14], T_NAME, "z", 4, 8);
    assert_int_equal(r.toks[16].line, 5);
    expect_tok(&r.toks[18], T_NAME, "w", 5, 0);
    lex_free(&r);
}

static void test_dedents_at_eof_without_newline(void **state)
{
    (void)state;
    // The last line has no newline: NEWLINE is supplied, then the DEDENTs.
    lex_result_t r = lex("def f():\n    return 1");
    assert_true(r.ok);
    static const int kinds[] = {T_NAME, T_NAME, T_OP, T_OP, T_OP, T_NEWLINE,
                                T_INDENT, T_NAME, T_NUMBER, T_NEWLINE,
                                T_DEDENT, T_END};
    expect_kinds(&r, kinds, COUNT(kinds));
    lex_free(&r);
}

static void test_blank_and_comment_lines(void **state)
{
    (void)state;
    // Blank lines and comment-only lines give no tokens at all, even with
    // an indentation of their own.
    lex_result_t r = lex("# header\n\nx = 1  # trailing\n      # deep\n\n"
                         "y = 2\n");
    assert_true(r.ok);
    static const int kinds[] = {T_NAME, T_OP, T_NUMBER, T_NEWLINE,
                                T_NAME, T_OP, T_NUMBER, T_NEWLINE, T_END};
    expect_kinds(&r, kinds, COUNT(kinds));
    expect_tok(&r.toks[0], T_NAME, "x", 3, 0);
    expect_tok(&r.toks[4], T_NAME, "y", 6, 0);
    lex_free(&r);
}

static void test_implicit_and_explicit_joining(void **state)
{
    (void)state;
    // No NEWLINE inside brackets; a backslash joins lines; positions keep
    // the physical lines.
    lex_result_t r = lex("y = (1 +\n     2)\nw \\\n  = 3\n");
    assert_true(r.ok);
    static const int kinds[] = {T_NAME, T_OP, T_OP, T_NUMBER, T_OP, T_NUMBER,
                                T_OP, T_NEWLINE, T_NAME, T_OP, T_NUMBER,
                                T_NEWLINE, T_END};
    expect_kinds(&r, kinds, COUNT(kinds));
    expect_tok(&r.toks[5], T_NUMBER, "2", 2, 5);
    expect_tok(&r.toks[6], T_OP, ")", 2, 6);
    expect_tok(&r.toks[9], T_OP, "=", 4, 2);
    lex_free(&r);
}

static void test_strings(void **state)
{
    (void)state;
    lex_result_t r = lex("a = 'x' \"y\" rb'\\d' f\"{v!r}\"\n"
                         "b = \"\"\"one\ntwo\"\"\"\n");
    assert_true(r.ok);
    expect_tok(&r.toks[2], T_STRING, "'x'", 1, 4);
    expect_tok(&r.toks[3], T_STRING, "\"y\"", 1, 8);
    expect_tok(&r.toks[4], T_STRING, "rb'\\d'", 1, 12);
    expect_tok(&r.toks[5], T_STRING, "f\"{v!r}\"", 1, 19);
    // A triple-quoted string spans lines as one token.
    const lex_token_t *t = &r.toks[9];
    expect_tok(t, T_STRING, "\"\"\"one\ntwo\"\"\"", 2, 4);
    assert_int_equal(t->end_line, 3);
    assert_int_equal(t->end_col, 6);
    assert_int_equal(r.toks[10].kind, T_NEWLINE);
    assert_int_equal(r.toks[10].line, 3);
    lex_free(&r);
}

static void test_numbers(void **state)
{
    (void)state;
    lex_result_t r = lex("0x_ff 1_000 1.5e-3 .5 7. 0o17 0b1_0 1e9\n");
    assert_true(r.ok);
    static const char *const want[] = {"0x_ff", "1_000", "1.5e-3", ".5",
                                       "7.", "0o17", "0b1_0", "1e9"};
    for (size_t i = 0; i < COUNT(want); i++) {
        assert_int_equal(r.toks[i].kind, T_NUMBER);
        assert_int_equal(r.toks[i].len, strlen(want[i]));
        assert_memory_equal(r.toks[i].s, want[i], r.toks[i].len);
    }
    lex_free(&r);
}

static void test_byte_order_mark_skipped(void **state)
{
    (void)state;
    lex_result_t r = lex("\xEF\xBB\xBFx = 1\n");
    assert_true(r.ok);
    expect_tok(&r.toks[0], T_NAME, "x", 1, 0);
    lex_free(&r);
}

static void test_unicode_names(void **state)
{
    (void)state;
    // Letters of any script make names (columns count bytes).
    lex_result_t r = lex("\xCF\x80 = caf\xC3\xA9\n");
    assert_true(r.ok);
    expect_tok(&r.toks[0], T_NAME, "\xCF\x80", 1, 0);
    expect_tok(&r.toks[2], T_NAME, "caf\xC3\xA9", 1, 5);
    lex_free(&r);
}

/* ---------------------------------------------------------------- errors */

static void test_indentation_errors(void **state)
{
    (void)state;
    expect_error("if x:\n        a\n    b\n", "IndentationError",
                 "unindent does not match any outer indentation level", 3);
    expect_error("if x:\n\ta\n        b\n", "TabError",
                 "inconsistent use of tabs and spaces in indentation", 3);
    // A tab is 8 columns but only 1 by the alternate count: "\t" and 8
    // spaces are the same level by one count and not by the other.
    expect_error("if x:\n        a\n\tb\n", "TabError",
                 "inconsistent use of tabs and spaces in indentation", 3);
    // Tabs used consistently are fine.
    lex_result_t r = lex("if x:\n\ta\n\tif a:\n\t\tb\n");
    assert_true(r.ok);
    lex_free(&r);
}

static void test_string_errors(void **state)
{
    (void)state;
    expect_error("s = 'abc\n", "SyntaxError",
                 "unterminated string literal (detected at line 1)", 1);
    expect_error("x = 1\ns = \"abc", "SyntaxError",
                 "unterminated string literal (detected at line 2)", 2);
    expect_error("s = '''abc\n\nx\n", "SyntaxError",
                 "unterminated triple-quoted string literal (detected at "
                 "line 3)", 1);
}

static void test_bracket_errors(void **state)
{
    (void)state;
    expect_error("x = (1,\n     2\n", "SyntaxError", "'(' was never closed",
                 1);
    expect_error("x = 1)\n", "SyntaxError", "unmatched ')'", 1);
    expect_error("x = [1, 2)\n", "SyntaxError",
                 "closing parenthesis ')' does not match opening parenthesis "
                 "'['", 1);
    expect_error("x = [1,\n2)\n", "SyntaxError",
                 "closing parenthesis ')' does not match opening parenthesis "
                 "'[' on line 1", 2);
}

static void test_number_errors(void **state)
{
    (void)state;
    expect_error("x = 12abc\n", "SyntaxError", "invalid decimal literal", 1);
    expect_error("x = 1_\n", "SyntaxError", "invalid decimal literal", 1);
    expect_error("x = 0b12\n", "SyntaxError",
                 "invalid digit '2' in binary literal", 1);
    expect_error("x = 0o8\n", "SyntaxError",
                 "invalid digit '8' in octal literal", 1);
    expect_error("x = 0x\n", "SyntaxError", "invalid hexadecimal literal", 1);
}

static void test_character_errors(void **state)
{
    (void)state;
    // Typographic quotes pasted from a document.
    expect_error("print(\xE2\x80\x9Chi\xE2\x80\x9D)\n", "SyntaxError",
                 "invalid character '\xE2\x80\x9C' (U+201C)", 1);
    expect_error("x = 2 \xC3\x97 3\n", "SyntaxError",
                 "invalid character '\xC3\x97' (U+00D7)", 1);
    expect_error("x = 1\xC2\xA0+ 2\n", "SyntaxError",
                 "invalid non-printable character U+00A0", 1);
    expect_error("x = a $ b\n", "SyntaxError", "invalid syntax", 1);
    lex_result_t r = lex("x = 1 \\ 2\n");
    assert_false(r.ok);
    assert_string_equal(r.err_msg, "unexpected character after line "
                                   "continuation character");
    lex_free(&r);
}

static void test_error_columns(void **state)
{
    (void)state;
    lex_result_t r = lex("x = a \xE2\x86\x92 b\n");
    assert_false(r.ok);
    assert_int_equal(r.err_col, 6);
    lex_free(&r);
    r = lex("x = [1, 2)\n");
    assert_false(r.ok);
    assert_int_equal(r.err_col, 9);
    lex_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_statement),
        cmocka_unit_test(test_operators_longest_match),
        cmocka_unit_test(test_keywords_are_names),
        cmocka_unit_test(test_indent_dedent),
        cmocka_unit_test(test_dedents_at_eof_without_newline),
        cmocka_unit_test(test_blank_and_comment_lines),
        cmocka_unit_test(test_implicit_and_explicit_joining),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_byte_order_mark_skipped),
        cmocka_unit_test(test_unicode_names),
        cmocka_unit_test(test_indentation_errors),
        cmocka_unit_test(test_string_errors),
        cmocka_unit_test(test_bracket_errors),
        cmocka_unit_test(test_number_errors),
        cmocka_unit_test(test_character_errors),
        cmocka_unit_test(test_error_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
