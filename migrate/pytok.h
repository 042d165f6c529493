/*
 * pytok.h - a complete Python 3.11 tokenizer that keeps exact byte offsets.
 *
 * Written for `looplab migrate`, which must read real-world files (far
 * beyond the subset the interpreter runs) and splice rewrites into the
 * original text byte for byte. It follows CPython 3.11's tokenizer: every
 * string prefix, triple quotes, f-strings as single STRING tokens (the 3.11
 * way), implicit joining inside brackets, backslash continuations,
 * INDENT/DEDENT from an indentation stack (tabs to multiples of 8, checked
 * against a tab-size-1 count for TabError), all number forms, every
 * operator including := and ->, and non-ASCII identifiers. Comments and
 * non-logical newlines are kept as tokens (like the tokenize module), so
 * the token stream covers the whole text.
 */
#ifndef LOOPLAB_MIGRATE_PYTOK_H
#define LOOPLAB_MIGRATE_PYTOK_H

#include <stddef.h>

typedef enum pytok_type {
    PYTOK_NAME,
    PYTOK_NUMBER,
    PYTOK_STRING,
    PYTOK_OP,
    PYTOK_COMMENT,
    PYTOK_NL,        /* a newline that does not end a logical line */
    PYTOK_NEWLINE,   /* the end of a logical line (zero-width at EOF) */
    PYTOK_INDENT,
    PYTOK_DEDENT,    /* zero-width, at the first token of its line */
    PYTOK_ENDMARKER
} pytok_type;

typedef struct pytok_token {
    pytok_type type;
    size_t start, end;   /* byte offsets into the source: [start, end) */
    int line;            /* 1-based line of start */
    int col;             /* 0-based byte column of start */
} pytok_token;

/* The result of pytok_tokenize. On error the tokens read so far are kept
 * and err / err_line describe the problem (CPython's wording). */
typedef struct pytok_list {
    pytok_token *toks;
    size_t n, cap;
    int ok;
    int err_line;
    char err[160];
} pytok_list;

/* Tokenizes [len] bytes of UTF-8 source (an optional BOM is skipped).
 * Returns 0 on success, -1 on a tokenizer error (the file is then not
 * valid Python) or when memory runs out. Free with pytok_free. */
int pytok_tokenize(const char *src, size_t len, pytok_list *out);
void pytok_free(pytok_list *list);

/* The tokenize module's name for a type ("NAME", "OP", ...). */
const char *pytok_type_name(pytok_type type);

/* True when token [t] of [src] is exactly [text]. */
int pytok_eq(const pytok_token *t, const char *src, const char *text);

#endif
