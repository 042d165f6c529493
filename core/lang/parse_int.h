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
    int level;             /* CPython parser levels in use (parse__enter) */
    int groups;            /* brackets open around the current point */
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

/* CPython's parser fails with a bare MemoryError when more than MAXSTACK
 * (6000) of its rule calls are in progress: a bound on the recursion of
 * right-nested forms (- - x, not not x, lambda: lambda: x, x if c else y
 * if ...), which would otherwise recurse here without limit. The parser
 * counts what CPython's grammar would use (parse__enter): its levels
 * from a statement down to an atom (PARSE_BASE_LEVELS), and per nested
 * form the numbers measured on CPython 3.11.7. Left-nested chains
 * (a.b.c..., 1+1+...) are loops in both parsers; the compiler bounds
 * them (symtable.c). */
enum {
    PARSE_MAXSTACK = 6000,
    PARSE_BASE_LEVELS = 33,   /* an assignment's value down to an atom */
    PARSE_UNARY_LEVELS = 1,   /* -x, +x, ~x, not x, x if c else ... */
    PARSE_RIGHT_LEVELS = 2,   /* lambda: x, a ** x */
    PARSE_BLOCK_LEVELS = 6,   /* an indented block */
    PARSE_PAREN_LEVELS = 28,  /* brackets within brackets: (, [, { */
    PARSE_TRAILER_LEVELS = 24,/* a call's or subscript's brackets */
    PARSE_OUTER_DISCOUNT = 18 /* what the outermost bracket costs less */
};

/* parse.c: counting levels; parse__enter fails (MemoryError) past
 * PARSE_MAXSTACK. The group pair counts a bracket and returns what it
 * charged, for parse__leave. */
void parse__enter(parser_t *p, int levels);
void parse__leave(parser_t *p, int levels);
int parse__group_enter(parser_t *p, int levels);
void parse__group_leave(parser_t *p, int charged);

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
