/*
 * parse.h - the parser: tokens to an AST (ast.h).
 *
 * A hand-written recursive-descent parser for the Python 3.11 grammar
 * subset looplab runs (Grammar/python.gram), with CPython's SyntaxError
 * messages for the mistakes learners make most.
 */
#ifndef LOOPLAB_CORE_LANG_PARSE_H
#define LOOPLAB_CORE_LANG_PARSE_H

#include "ast.h"

typedef struct parse_arena parse_arena_t;

/* A parse. On failure tree is NULL and err_* describe the SyntaxError. */
typedef struct parse_result {
    node_t *tree;
    parse_arena_t *arena;
    const char *err_type;  /* "SyntaxError", "IndentationError", ... */
    char err_msg[256];
    int err_line, err_col;
} parse_result_t;

/* Parses [src] ([len] bytes of UTF-8) as a module. [src] must outlive the
 * result (names point into copies in the arena, not into src). */
void parse_module(const char *src, size_t len, parse_result_t *out);
/* Parses [src] as a single expression (eval mode), e.g. for f-strings. */
void parse_expression(const char *src, size_t len, parse_result_t *out);
void parse_free(parse_result_t *r);
/* [src] with the brackets still open at its end closed on a line of their
 * own (strings and comments skipped): asks the parser whether the text
 * fails before its end. Returns malloc'd text, its length in *outlen. */
char *parse_close_brackets(const char *src, size_t len, size_t *outlen);

#endif
