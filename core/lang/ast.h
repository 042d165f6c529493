/*
 * ast.h - the abstract syntax tree the parser builds and the compiler reads.
 *
 * One generic node struct keeps the parser and compiler short; each kind
 * documents which fields it uses (mirroring CPython's Parser/Python.asdl
 * names). Nodes live in an arena owned by the parse result and are freed
 * all at once.
 */
#ifndef LOOPLAB_CORE_LANG_AST_H
#define LOOPLAB_CORE_LANG_AST_H

#include <stddef.h>
#include <stdint.h>

typedef struct node node_t;
typedef struct nlist { node_t **v; int n, cap; } nlist_t;

enum {
    /* Statements. */
    N_MODULE,     /* l1 body */
    N_EXPR,       /* a value */
    N_ASSIGN,     /* l1 targets, a value */
    N_AUGASSIGN,  /* a target, b value, op (OP_*) */
    N_ANNASSIGN,  /* a target, b annotation, c value or NULL */
    N_DEL,        /* l1 targets */
    N_PASS, N_BREAK, N_CONTINUE,
    N_IF,         /* a test, l1 body, l2 orelse */
    N_WHILE,      /* a test, l1 body, l2 orelse */
    N_FOR,        /* a target, b iter, l1 body, l2 orelse, flags async */
    N_FUNCDEF,    /* s name, a args, b returns, l1 body, l2 decorators,
                     flags async */
    N_CLASSDEF,   /* s name, l1 body, l2 bases, l3 keywords, l4 decorators */
    N_RETURN,     /* a value or NULL */
    N_RAISE,      /* a exc or NULL, b cause or NULL */
    N_TRY,        /* l1 body, l2 handlers, l3 orelse, l4 finalbody,
                     flags 1 for except* */
    N_HANDLER,    /* a type or NULL, s name or NULL, l1 body */
    N_ASSERT,     /* a test, b msg */
    N_WITH,       /* l1 items (N_WITHITEM), l2 body, flags async */
    N_WITHITEM,   /* a context expr, b optional target */
    N_GLOBAL, N_NONLOCAL, /* l1 names (N_NAME) */
    N_IMPORT,     /* l1 aliases */
    N_IMPORTFROM, /* s module, l1 aliases, i level */
    N_ALIAS,      /* s name, s2 asname or NULL */
    /* Expressions. */
    N_BOOLOP,     /* op 0 and / 1 or, l1 values */
    N_BINOP,      /* a left, b right, op (OP_*) */
    N_UNARYOP,    /* a operand, op (UOP_*) */
    N_LAMBDA,     /* a args, b body */
    N_IFEXP,      /* a test, b body, c orelse */
    N_DICT,       /* l1 keys (NULL entry for **), l2 values */
    N_SET,        /* l1 elts */
    N_LISTCOMP, N_SETCOMP, N_GENEXP, /* a elt, l1 generators */
    N_DICTCOMP,   /* a key, b value, l1 generators */
    N_COMPREHENSION, /* a target, b iter, l1 ifs, flags async */
    N_AWAIT,      /* a value */
    N_YIELD,      /* a value or NULL */
    N_YIELDFROM,  /* a value */
    N_COMPARE,    /* a left, l1 comparators, l2 ops (N_CMPOP, op) */
    N_CMPOP,      /* op: CMP_* or the extra ones below */
    N_CALL,       /* a func, l1 args, l2 keywords */
    N_KEYWORD,    /* s name or NULL for **, a value */
    N_FORMATTED,  /* a value, op conversion char or 0, b spec or NULL */
    N_JOINEDSTR,  /* l1 parts */
    N_CONSTANT,   /* flags C_*, i / f / s+slen */
    N_ATTRIBUTE,  /* a value, s attr */
    N_SUBSCRIPT,  /* a value, b slice */
    N_STARRED,    /* a value */
    N_NAME,       /* s id */
    N_LIST, N_TUPLE, /* l1 elts */
    N_SLICE,      /* a lower, b upper, c step (each may be NULL) */
    N_NAMEDEXPR,  /* a target, b value */
    N_ARGS,       /* l1 positional args (N_ARG), i posonly count,
                     l2 defaults, l3 kwonly args, l4 kw defaults (NULL
                     entries), a vararg, b kwarg */
    N_ARG         /* s name, a annotation */
};

/* Constant kinds. */
enum { C_INT, C_FLOAT, C_STR, C_NONE, C_TRUE, C_FALSE, C_ELLIPSIS };

/* Comparison operators beyond CMP_*: in, not in, is, is not. */
enum { CMPX_IN = 10, CMPX_NOTIN, CMPX_IS, CMPX_ISNOT };

struct node {
    int kind;
    int line, col, end_line, end_col;
    node_t *a, *b, *c;
    nlist_t l1, l2, l3, l4;
    const char *s, *s2;
    size_t slen;
    int64_t i;
    double f;
    int op;
    int flags;
};

#endif
