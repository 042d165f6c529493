/*
 * fmt_int.h - internals shared by fmt.c and fmt_float.c; nothing else
 * includes it. The public interface is fmt.h.
 */
#ifndef LOOPLAB_CORE_LANG_FMT_INT_H
#define LOOPLAB_CORE_LANG_FMT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fmt.h"

/* What fmt__utf8_decode returns for a malformed sequence. */
#define UTF8_INVALID UINT32_MAX

/* fmt.c: the buffer, UTF-8 and the Unicode database lookups. */
void fmt__buf_zeros(fmt_buf_t *b, int64_t count);
size_t fmt__utf8_decode(const char *s, size_t len, uint32_t *cp);
int fmt__unicode_decimal(uint32_t cp);
bool fmt__unicode_isspace(uint32_t cp);
bool fmt__is_ascii_digit(char c);

/* fmt_float.c: PyOS_double_to_string. */
void fmt__double_to_string(fmt_buf_t *out, double x, char code,
                           int64_t precision, bool add_dot_0, bool alt,
                           bool no_neg_0);

#endif
