/*
 * lex.h - the tokenizer: Python 3.11 source text to a token array.
 *
 * Mirrors CPython's Parser/tokenizer.c: INDENT/DEDENT from an indentation
 * stack (tabs to multiples of 8, checked against a tab-size-1 count for
 * TabError), NEWLINE only outside brackets, implicit and backslash line
 * joining. Strings (f-strings included) are single tokens; the parser
 * decodes them.
 */
#ifndef LOOPLAB_CORE_LANG_LEX_H
#define LOOPLAB_CORE_LANG_LEX_H

#include <stddef.h>

enum {
    T_END, T_NEWLINE, T_INDENT, T_DEDENT, T_NAME, T_NUMBER, T_STRING,
    T_OP, T_ERROR
};

typedef struct lex_token {
    int kind;
    const char *s;     /* points into the source */
    size_t len;
    int line, col;     /* 1-based line, 0-based byte column */
    int end_line, end_col;
} lex_token_t;

/* A tokenized source. On error, ok is 0 and the err_* fields describe the
 * SyntaxError (type is "SyntaxError", "IndentationError" or "TabError"). */
typedef struct lex_result {
    lex_token_t *toks;
    size_t ntoks;
    int ok;
    const char *err_type;
    char err_msg[200];
    int err_line, err_col;
} lex_result_t;

/* Tokenizes [src] ([len] bytes, UTF-8). The tokens point into [src], which
 * must outlive the result. Free with lex_free. */
void lex_run(const char *src, size_t len, lex_result_t *out);
void lex_free(lex_result_t *r);

/* True when the token is the operator or keyword [text]. */
int lex_is(const lex_token_t *t, const char *text);

#endif
