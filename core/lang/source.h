/*
 * source.h - a program file's bytes made into text for the lexer.
 *
 * What CPython's file tokenizer (Parser/tokenizer.c: decoding_fgets,
 * check_coding_spec, ensure_utf8, the universal-newline reader) does before
 * any token is read: a PEP 263 coding declaration on the first two lines,
 * the UTF-8 byte order mark, universal newlines (\r\n and a lone \r read as
 * \n), and the two checks on each line in file order: bytes that are not
 * UTF-8 (looked for only before the line's first NUL byte, as CPython's
 * check stops there) and NUL bytes.
 */
#ifndef LOOPLAB_SOURCE_H
#define LOOPLAB_SOURCE_H

#include <stddef.h>

typedef struct source_error {
    char msg[512];   /* the SyntaxError's message */
    int line;        /* 1-based; 0 when CPython shows no File line */
    int col;         /* 0-based byte column in the decoded text */
} source_error_t;

/* Reads the whole file [path] into a malloc'd buffer, NUL-terminated
 * after its [*len] bytes (which may hold NULs themselves). NULL with errno
 * set when it cannot be opened or read (ENOMEM when memory runs out). */
char *source_read(const char *path, size_t *len);

/* Decodes [len] bytes of the file [path] (named so in messages) into a
 * malloc'd UTF-8 text with \n line ends (NUL terminated, its length in
 * *out_len). err->msg is "" when the text is good. On a fault err->msg is
 * the SyntaxError's message and: err->line is 0 and NULL is returned when
 * CPython reports it without a location; otherwise the text is returned
 * (to show the line; the caller frees it) and err->line/col locate the
 * fault. Encodings: UTF-8, Latin-1 and ASCII; any other declared encoding
 * is refused ("encoding problem"). */
char *source_decode(const char *path, const char *src, size_t len,
                    size_t *out_len, source_error_t *err);

#endif
