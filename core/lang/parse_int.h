/*
 * parse_int.h - internals shared by the parser's files (parse.c,
 * parse_expr.c, parse_string.c); nothing else includes it. The public
 * entry points are in parse.h.
 */
#ifndef LOOPLAB_CORE_LANG_PARSE_INT_H
#define LOOPLAB_CORE_LANG_PARSE_INT_H

#include <setjmp.h>
#include <stddef.h>

#include "ast.h"
#include "lex.h"
#include "parse.h"

/* The state of one parse (or of an f-string sub-parser, which shares the
 * arena and result). Errors longjmp to fail. */
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

/* A growable malloc'ed buffer (parse_string.c, dotted names). */
typedef struct sbuf { char *s; size_t n, cap; } sbuf_t;

/* parse.c: the arena and token helpers. parse__error_at and
 * parse__syntax_error do not return (they longjmp to p->fail). */
void *parse__alloc(parser_t *p, size_t n);
char *parse__dupn(parser_t *p, const char *s, size_t n);
void parse__nl_add(parser_t *p, nlist_t *l, node_t *n);
lex_token_t *parse__cur(parser_t *p);
lex_token_t *parse__peekn(parser_t *p, size_t k);
node_t *parse__mk(parser_t *p, int kind, lex_token_t *at);
void parse__finish(parser_t *p, node_t *n);
void parse__error_at(parser_t *p, const char *type, int line, int col,
                     const char *fmt, ...);
void parse__syntax_error(parser_t *p, lex_token_t *t, const char *msg);
int parse__is_keyword(lex_token_t *t);
int parse__at(parser_t *p, const char *s);
int parse__accept(parser_t *p, const char *s);
void parse__invalid(parser_t *p);
void parse__expect(parser_t *p, const char *s);
node_t *parse__name_node(parser_t *p);
/* parse.c: rules the expression half calls back into. */
node_t *parse__lambda_args(parser_t *p);
void parse__block(parser_t *p, nlist_t *body, const char *what, int line);

/* parse_expr.c: expression rules. */
node_t *parse__star_named(parser_t *p);
int parse__starts_operand(lex_token_t *t);
void parse__call_args(parser_t *p, node_t *call);
node_t *parse__bitor(parser_t *p);
node_t *parse__expression(parser_t *p);
node_t *parse__named_expression(parser_t *p);
node_t *parse__star_expressions(parser_t *p);
node_t *parse__sub_expr(parser_t *p, lex_token_t *t, const char *s,
                        size_t n);
node_t *parse__yield_expr(parser_t *p);

/* parse_string.c: string literals and f-strings. */
void parse__sb_put(sbuf_t *b, const char *s, size_t n);
int parse__hexval(char c);
node_t *parse__strings(parser_t *p);

#endif
