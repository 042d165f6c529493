/*
 * fmt.c - CPython-exact number/string formatting on plain C buffers: the
 * growable buffer, the UTF-8 helpers, format spec parsing, the layout of
 * numbers (sign, fill, alignment, grouping) and format(int|float|str,
 * spec). Conversions between doubles and decimal text are in fmt_float.c.
 *
 * This file reproduces the observable behaviour (it does not copy the code)
 * of these parts of CPython 3.11:
 *   Python/formatter_unicode.c  parse_internal_render_format_spec,
 *                               calc_number_widths, fill_number,
 *                               format_long/float/string_internal
 *   Objects/unicodeobject.c     _PyUnicode_InsertThousandsGrouping,
 *                               _PyUnicode_TransformDecimalAndSpaceToASCII
 *
 * The module keeps no global state. Errors are reported as CPython's exact
 * ValueError texts in the caller's err buffer. The digits of floats come
 * from fmt_float.c, which relies on LC_NUMERIC being "C".
 */
#include "fmt.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_int.h"

#if defined(__GNUC__) || defined(__clang__)
#define FMT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FMT_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------------
 * Growable buffer
 * ------------------------------------------------------------------------ */

void fmt_buf_init(fmt_buf_t *b)
{
    fmt_buf_init_alloc(b, NULL);
}

void fmt_buf_init_alloc(fmt_buf_t *b, const fmt_alloc_t *alloc)
{
    b->buf = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
    if (alloc != NULL) {
        b->alloc = *alloc;
    } else {
        b->alloc.resize = NULL;
        b->alloc.release = NULL;
        b->alloc.ctx = NULL;
    }
}

/* A scratch buffer on the same allocator as b. */
static void buf_init_like(fmt_buf_t *tmp, const fmt_buf_t *b)
{
    fmt_buf_init_alloc(tmp, &b->alloc);
}

/* Frees the scratch buffer tmp, passing its failure on to b. */
static void buf_done_into(fmt_buf_t *tmp, fmt_buf_t *b)
{
    if (tmp->failed) {
        b->failed = true;
    }
    fmt_buf_free(tmp);
}

/* Makes room for `extra` more bytes plus the terminating NUL. Sizes come
   from the program (a width of 10**12), so this may fail: the buffer is
   then marked failed, later writes are dropped, and the fmt_format_*
   functions report FMT_ERR_NO_MEMORY. */
static bool buf_reserve(fmt_buf_t *b, size_t extra)
{
    size_t need;
    size_t cap;
    char *p;

    if (b->failed) {
        return false;
    }
    if (extra > SIZE_MAX / 2 - b->len - 1) {
        b->failed = true;
        return false;
    }
    need = b->len + extra + 1;
    if (need <= b->cap) {
        return true;
    }
    if (b->buf == NULL && need <= sizeof b->small) {
        b->buf = b->small;
        b->cap = sizeof b->small;
        return true;
    }
    cap = b->cap ? b->cap : 32;
    while (cap < need) {
        cap *= 2;
    }
    bool small = b->buf == b->small;
    char *old = small ? NULL : b->buf;
    size_t oldcap = small ? 0 : b->cap;
    if (b->alloc.resize != NULL) {
        p = b->alloc.resize(b->alloc.ctx, old, oldcap, cap);
    } else {
        p = realloc(old, cap);
    }
    if (p == NULL) {
        b->failed = true;
        return false;
    }
    if (small) {
        memcpy(p, b->small, b->len + 1);
    }
    b->buf = p;
    b->cap = cap;
    return true;
}

void fmt_buf_put(fmt_buf_t *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n)) {
        return;
    }
    if (n > 0) {
        memcpy(b->buf + b->len, s, n);
    }
    b->len += n;
    b->buf[b->len] = '\0';
}

size_t fmt_u64(uint64_t u, char *out)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (size_t k = 0; k < n; k++) {
        out[k] = tmp[n - 1 - k];
    }
    return n;
}

size_t fmt_i64(int64_t v, char *out)
{
    // The magnitude as unsigned, so that INT64_MIN does not overflow.
    size_t k = 0;
    if (v < 0) {
        out[k++] = '-';
    }
    return k + fmt_u64(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, out + k);
}

void fmt_buf_putc(fmt_buf_t *b, char c)
{
    fmt_buf_put(b, &c, 1);
}

void fmt_buf_free(fmt_buf_t *b)
{
    if (b->buf != NULL && b->buf != b->small) {
        if (b->alloc.release != NULL) {
            b->alloc.release(b->alloc.ctx, b->buf, b->cap);
        } else {
            free(b->buf);
        }
    }
    b->buf = NULL;
    b->len = 0;
    b->cap = 0;
}

/* Appends `count` copies of the (UTF-8) character s[0..n).  count may be
   negative or zero, meaning nothing, which keeps the padding arithmetic below
   as simple as CPython's. */
static void buf_repeat(fmt_buf_t *b, const char *s, size_t n, int64_t count)
{
    int64_t i;

    if (count <= 0 || n == 0) {
        return;
    }
    if ((uint64_t)count > SIZE_MAX / 2 / n) {
        b->failed = true;
        return;
    }
    if (!buf_reserve(b, (size_t)count * n)) {
        return;
    }
    if (n == 1) {
        memset(b->buf + b->len, s[0], (size_t)count);
        b->len += (size_t)count;
    } else {
        for (i = 0; i < count; i++) {
            memcpy(b->buf + b->len, s, n);
            b->len += n;
        }
    }
    b->buf[b->len] = '\0';
}

void fmt__buf_zeros(fmt_buf_t *b, int64_t count)
{
    buf_repeat(b, "0", 1, count);
}

/* Writes a printf-style message into err (when the caller gave one) and
   returns -1, so error paths read `return fail(...)`. */
static int fail(char *err, size_t errsize, const char *fmt, ...) FMT_PRINTF(3, 4);

static int fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL && errsize > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errsize, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* ------------------------------------------------------------------------
 * UTF-8 and the bits of the Unicode database CPython consults
 * ------------------------------------------------------------------------ */

/* Decodes one code point from s[0..len) (len > 0) and returns its byte
   length.  Malformed input yields UTF8_INVALID and consumes one byte, so
   callers always make progress. */
size_t fmt__utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n;
    size_t i;
    uint32_t c;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xE0) == 0xC0) {
        n = 2;
        c = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        n = 3;
        c = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        n = 4;
        c = u[0] & 0x07;
    } else {
        *cp = UTF8_INVALID;
        return 1;
    }
    if (n > len) {
        *cp = UTF8_INVALID;
        return 1;
    }
    for (i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = UTF8_INVALID;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *cp = c;
    return n;
}

/* Encodes cp (<= 0x10FFFF) and returns the byte count.  Surrogates are
   encoded like any other code point (as CPython's surrogatepass would). */
static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Number of code points: every byte that is not a continuation byte starts
   one (the input is valid UTF-8 by contract). */
static size_t utf8_count(const char *s, size_t len)
{
    size_t i;
    size_t n = 0;

    for (i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            n++;
        }
    }
    return n;
}

/* Byte offset of code point number `ncp` (or len when there are fewer). */
static size_t utf8_offset(const char *s, size_t len, size_t ncp)
{
    size_t i;
    size_t seen = 0;

    for (i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (seen == ncp) {
                return i;
            }
            seen++;
        }
    }
    return len;
}

/* Code points of DIGIT ZERO of every run of ten Unicode decimal digits
   (general category Nd) in the Unicode 14.0 database of CPython 3.11.
   CPython's Py_UNICODE_TODECIMAL accepts all of them, both in format spec
   widths and in float(). */
static const uint32_t unicode_digit_zeros[] = {
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
    0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
    0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0,
    0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
    0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

/* Decimal value of cp, or -1 when it is not a decimal digit. */
int fmt__unicode_decimal(uint32_t cp)
{
    size_t i;

    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') ? (int)(cp - '0') : -1;
    }
    for (i = 1; i < sizeof unicode_digit_zeros / sizeof unicode_digit_zeros[0]; i++) {
        if (cp >= unicode_digit_zeros[i] && cp < unicode_digit_zeros[i] + 10) {
            return (int)(cp - unicode_digit_zeros[i]);
        }
    }
    return -1;
}

/* str.isspace() for a single code point (Py_UNICODE_ISSPACE). */
bool fmt__unicode_isspace(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool fmt__is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------------------
 * Format spec parsing
 * ------------------------------------------------------------------------ */

void fmt_spec_init(fmt_spec_t *s)
{
    memset(s, 0, sizeof *s);
    s->fill[0] = ' ';
    s->width = -1;
    s->precision = -1;
}

static bool is_align_token(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Reads a run of (Unicode) decimal digits at *ppos.  Returns -1 on
   overflow of a Py_ssize_t-sized value, else 0 with *ndigits set. */
static int get_integer(const char *s, size_t len, size_t *ppos, long *result, size_t *ndigits)
{
    size_t pos = *ppos;
    long acc = 0;

    *ndigits = 0;
    while (pos < len) {
        uint32_t cp;
        size_t n = fmt__utf8_decode(s + pos, len - pos, &cp);
        int d = fmt__unicode_decimal(cp);
        if (d < 0) {
            break;
        }
        if (acc > (LONG_MAX - d) / 10) {
            *ppos = pos;
            return -1;
        }
        acc = acc * 10 + d;
        pos += n;
        (*ndigits)++;
    }
    *ppos = pos;
    *result = acc;
    return 0;
}

/* The type-dependent half of CPython's spec validation: which presentation
   types allow a grouping option.  `type` is the effective type (the
   object's default when none was given), type_cp as in fmt_spec_t. */
static int check_grouping(const fmt_spec_t *spec, char type, uint32_t type_cp,
                          char *err, size_t errsize)
{
    if (spec->grouping == 0) {
        return 0;
    }
    if (type_cp != 0) {
        uint32_t cp = type_cp - 1;
        if (cp == 0) {
            return 0;       /* a literal NUL type is CPython's "no type" */
        }
        if (cp > 32 && cp < 128) {
            return fail(err, errsize, "Cannot specify '%c' with '%c'.", spec->grouping, (char)cp);
        }
        return fail(err, errsize, "Cannot specify '%c' with '\\x%x'.", spec->grouping, (unsigned)cp);
    }
    switch (type) {
    case 'd':
    case 'e':
    case 'f':
    case 'g':
    case 'E':
    case 'G':
    case '%':
    case 'F':
    case 0:
        return 0;
    case 'b':
    case 'o':
    case 'x':
    case 'X':
        /* PEP 515 allows '_' (every four digits) for these, not ','. */
        if (spec->grouping == '_') {
            return 0;
        }
        break;
    default:
        break;
    }
    if ((unsigned char)type > 32 && (unsigned char)type < 128) {
        return fail(err, errsize, "Cannot specify '%c' with '%c'.", spec->grouping, type);
    }
    return fail(err, errsize, "Cannot specify '%c' with '\\x%x'.", spec->grouping, (unsigned)(unsigned char)type);
}

int fmt_parse_spec_typed(const char *spec, size_t len, const char *type_name,
                         fmt_spec_t *out, char *err, size_t errsize)
{
    size_t pos = 0;
    size_t n0 = 0;
    size_t n1 = 0;
    size_t nd;
    size_t left;
    uint32_t c0 = 0;
    uint32_t c1 = 0;
    bool fill_given = false;

    fmt_spec_init(out);
    if (len > 0) {
        n0 = fmt__utf8_decode(spec, len, &c0);
        if (n0 < len) {
            n1 = fmt__utf8_decode(spec + n0, len - n0, &c1);
        }
    }

    /* An alignment token in second position means the first character is
       the fill, whatever it is. */
    if (n1 > 0 && is_align_token(c1)) {
        memcpy(out->fill, spec, n0);
        out->fill[n0] = '\0';
        out->align = (char)c1;
        fill_given = true;
        pos = n0 + n1;
    } else if (n0 > 0 && is_align_token(c0)) {
        out->align = (char)c0;
        pos = 1;
    }
    if (pos < len && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ')) {
        out->sign = spec[pos++];
    }
    if (pos < len && spec[pos] == 'z') {
        out->z = true;
        pos++;
    }
    if (pos < len && spec[pos] == '#') {
        out->alt = true;
        pos++;
    }
    /* Backwards-compatible zero padding; with an explicit fill the '0' is
       just the first digit of the width. */
    if (!fill_given && pos < len && spec[pos] == '0') {
        out->zero = true;
        pos++;
    }
    if (get_integer(spec, len, &pos, &out->width, &nd) < 0) {
        return fail(err, errsize, "Too many decimal digits in format string");
    }
    if (nd == 0) {
        out->width = -1;
    }
    if (pos < len && spec[pos] == ',') {
        out->grouping = ',';
        pos++;
    }
    if (pos < len && spec[pos] == '_') {
        if (out->grouping != 0) {
            return fail(err, errsize, "Cannot specify both ',' and '_'.");
        }
        out->grouping = '_';
        pos++;
    }
    if (pos < len && spec[pos] == ',' && out->grouping == '_') {
        return fail(err, errsize, "Cannot specify both ',' and '_'.");
    }
    if (pos < len && spec[pos] == '.') {
        pos++;
        if (get_integer(spec, len, &pos, &out->precision, &nd) < 0) {
            return fail(err, errsize, "Too many decimal digits in format string");
        }
        if (nd == 0) {
            return fail(err, errsize, "Format specifier missing precision");
        }
    }

    left = utf8_count(spec + pos, len - pos);
    if (left > 1) {
        if (type_name == NULL) {
            return fail(err, errsize, "Invalid format specifier");
        }
        return fail(err, errsize, "Invalid format specifier '%.*s' for object of type '%.200s'",
                    len > INT_MAX ? INT_MAX : (int)len, spec, type_name);
    }
    if (left == 1) {
        uint32_t cp;
        fmt__utf8_decode(spec + pos, len - pos, &cp);
        if (cp >= 1 && cp < 128) {
            out->type = (char)cp;
        } else {
            out->type_cp = cp + 1;
        }
    }
    return check_grouping(out, out->type, out->type_cp, err, errsize);
}

int fmt_parse_spec(const char *spec, size_t len, fmt_spec_t *out, char *err, size_t errsize)
{
    return fmt_parse_spec_typed(spec, len, NULL, out, err, errsize);
}

/* ------------------------------------------------------------------------
 * Laying out numbers (calc_number_widths / fill_number)
 * ------------------------------------------------------------------------ */

static int unknown_type(uint32_t cp, const char *type_name, char *err, size_t errsize)
{
    if (cp > 32 && cp < 128) {
        return fail(err, errsize, "Unknown format code '%c' for object of type '%.200s'",
                    (char)cp, type_name);
    }
    return fail(err, errsize, "Unknown format code '\\x%x' for object of type '%.200s'",
                (unsigned)cp, type_name);
}

/* The fill to use, honouring the '0' flag (which only exists when no
   explicit fill was given). */
static void effective_fill(const fmt_spec_t *spec, const char **fill, size_t *fill_len)
{
    if (spec->zero) {
        *fill = "0";
        *fill_len = 1;
    } else if (spec->fill[0] == '\0') {
        /* hand-built spec that left fill empty */
        *fill = " ";
        *fill_len = 1;
    } else {
        *fill = spec->fill;
        *fill_len = strnlen(spec->fill, sizeof spec->fill);
    }
}

/* Appends one group of the right-to-left grouping walk to rev (which holds
   the output reversed): optional separator, n_chars digits taken from the
   end of what is left of the digits, then n_zeros padding zeros. */
static void group_emit(fmt_buf_t *rev, const char *digits, int64_t *remaining,
                       int64_t l, bool use_sep, char sep)
{
    int64_t n_zeros = l - *remaining > 0 ? l - *remaining : 0;
    int64_t n_chars = *remaining < l ? *remaining : l;
    int64_t i;

    if (n_chars < 0) {
        n_chars = 0;
    }
    if (use_sep) {
        fmt_buf_putc(rev, sep);
    }
    for (i = 0; i < n_chars; i++) {
        fmt_buf_putc(rev, digits[*remaining - 1 - i]);
    }
    fmt__buf_zeros(rev, n_zeros);
    *remaining -= n_chars;
}

/* Appends digits[0..n_digits) with a separator every `group` digits (group
   0: none), padded on the left with zeros -- which get grouped too -- up to
   min_width.  Like CPython, a group is never started only for a separator,
   so the result can be one character wider than min_width. */
static void group_digits(fmt_buf_t *out, const char *digits, int64_t n_digits,
                         int64_t min_width, int group, char sep)
{
    fmt_buf_t rev;
    int64_t remaining = n_digits;
    bool use_sep = false;
    bool done = false;
    size_t i;

    buf_init_like(&rev, out);
    if (group > 0) {
        for (;;) {
            int64_t l = remaining > min_width ? remaining : min_width;
            if (l < 1) {
                l = 1;
            }
            if (l > group) {
                l = group;
            }
            group_emit(&rev, digits, &remaining, l, use_sep, sep);
            use_sep = true;
            min_width -= l;
            if (remaining <= 0 && min_width <= 0) {
                done = true;
                break;
            }
            min_width -= 1;     /* the separator's width */
        }
    }
    if (!done) {
        int64_t l = remaining > min_width ? remaining : min_width;
        if (l < 1) {
            l = 1;
        }
        group_emit(&rev, digits, &remaining, l, use_sep, sep);
    }
    if (!rev.failed && buf_reserve(out, rev.len)) {
        for (i = rev.len; i > 0; i--) {
            out->buf[out->len++] = rev.buf[i - 1];
        }
        out->buf[out->len] = '\0';
    }
    buf_done_into(&rev, out);
}

/* A number split into the pieces fill_number knows about:
   [sign][prefix][digits][.][remainder].  Only `digits` get grouped and
   zero-padded; the remainder (fraction, exponent, '%', "inf", or the
   character of 'c') is copied verbatim and is rem_chars code points wide. */
typedef struct {
    char sign_char;         /* '-' for negative numbers, else 0 */
    const char *prefix;     /* "0x" etc. */
    size_t n_prefix;
    const char *digits;
    size_t n_digits;
    bool has_decimal;
    const char *rem;
    size_t rem_bytes;
    size_t rem_chars;
    int group;              /* digits per group, 0 for no grouping */
    char sep;
} number_t;

static void write_number(fmt_buf_t *out, const fmt_spec_t *spec, const number_t *num)
{
    const char *fill;
    size_t fill_len;
    char align = spec->align;
    char sign = 0;
    int64_t width = spec->width;
    int64_t n_non_digit;
    int64_t min_width = 0;
    int64_t n_padding;
    int64_t lpad = 0;
    int64_t spad = 0;
    int64_t rpad = 0;
    fmt_buf_t grouped;

    effective_fill(spec, &fill, &fill_len);
    if (spec->zero && align == 0) {
        align = '=';
    }
    if (align == 0) {
        align = '>';
    }

    switch (spec->sign) {
    case '+':
        sign = num->sign_char == '-' ? '-' : '+';
        break;
    case ' ':
        sign = num->sign_char == '-' ? '-' : ' ';
        break;
    default:
        sign = num->sign_char == '-' ? '-' : 0;
        break;
    }

    n_non_digit = (sign ? 1 : 0) + (int64_t)num->n_prefix + (num->has_decimal ? 1 : 0) +
                  (int64_t)num->rem_chars;
    /* Zero padding goes between the digits' groups rather than being plain
       fill, so that format(1234, '010,') gives '00,001,234'. */
    if (fill_len == 1 && fill[0] == '0' && align == '=') {
        min_width = width - n_non_digit;
    }
    buf_init_like(&grouped, out);
    if (num->n_digits > 0) {
        group_digits(&grouped, num->digits, (int64_t)num->n_digits, min_width, num->group, num->sep);
    }

    n_padding = width - (n_non_digit + (int64_t)grouped.len);
    if (n_padding > 0) {
        switch (align) {
        case '<':
            rpad = n_padding;
            break;
        case '^':
            lpad = n_padding / 2;
            rpad = n_padding - lpad;
            break;
        case '=':
            spad = n_padding;
            break;
        default:
            lpad = n_padding;
            break;
        }
    }

    buf_repeat(out, fill, fill_len, lpad);
    if (sign) {
        fmt_buf_putc(out, sign);
    }
    fmt_buf_put(out, num->prefix, num->n_prefix);
    buf_repeat(out, fill, fill_len, spad);
    fmt_buf_put(out, grouped.buf, grouped.len);
    if (num->has_decimal) {
        fmt_buf_putc(out, '.');
    }
    fmt_buf_put(out, num->rem, num->rem_bytes);
    buf_repeat(out, fill, fill_len, rpad);
    buf_done_into(&grouped, out);
}

/* ------------------------------------------------------------------------
 * format(float, spec)
 * ------------------------------------------------------------------------ */

/* format_float_internal; type is the already validated presentation type
   (0 for none).  Also used for ints formatted with a float type. */
static int format_float_internal(double val, const fmt_spec_t *spec, char type,
                                 fmt_buf_t *out, char *err, size_t errsize)
{
    int64_t precision = spec->precision;
    int64_t default_precision = 6;
    bool add_dot_0 = false;
    bool add_pct = false;
    fmt_buf_t num;
    number_t n;
    const char *s;
    size_t len;
    size_t nd = 0;

    if (precision > INT_MAX) {
        return fail(err, errsize, "precision too big");
    }
    if (type == 0) {
        /* No type: repr() without a precision; with one, 'g' that keeps
           at least one digit after the point. */
        add_dot_0 = true;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') {
        type = 'g';         /* locale "C": same as 'g' */
    }
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = true;
    }
    if (precision < 0) {
        precision = default_precision;
    } else if (type == 'r') {
        type = 'g';
    }

    buf_init_like(&num, out);
    fmt__double_to_string(&num, val, type, precision, add_dot_0, spec->alt,
                          spec->z);
    if (add_pct) {
        fmt_buf_putc(&num, '%');
    }

    s = num.buf;
    len = num.len;
    memset(&n, 0, sizeof n);
    if (len > 0 && s[0] == '-') {
        n.sign_char = '-';
        s++;
        len--;
    }
    while (nd < len && fmt__is_ascii_digit(s[nd])) {
        nd++;
    }
    n.prefix = "";
    n.digits = s;
    n.n_digits = nd;
    n.has_decimal = nd < len && s[nd] == '.';
    n.rem = s + nd + (n.has_decimal ? 1 : 0);
    n.rem_bytes = len - nd - (n.has_decimal ? 1 : 0);
    n.rem_chars = n.rem_bytes;
    if (spec->grouping != 0 && spec->type != 'n') {
        n.group = 3;
        n.sep = spec->grouping;
    }
    if (!num.failed) {
        write_number(out, spec, &n);
    }
    buf_done_into(&num, out);
    return 0;
}

static int format_float(double v, const fmt_spec_t *spec, fmt_buf_t *out, char *err,
                        size_t errsize)
{
    char type = spec->type;

    if (check_grouping(spec, type, spec->type_cp, err, errsize) < 0) {
        return -1;
    }
    if (spec->type_cp != 0) {
        if (spec->type_cp - 1 != 0) {
            return unknown_type(spec->type_cp - 1, "float", err, errsize);
        }
        type = 0;           /* a literal NUL type means "no type" here */
    }
    switch (type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
        return format_float_internal(v, spec, type, out, err, errsize);
    default:
        return unknown_type((unsigned char)type, "float", err, errsize);
    }
}

/* ------------------------------------------------------------------------
 * format(int, spec)
 * ------------------------------------------------------------------------ */

static bool spec_is_empty(const fmt_spec_t *spec)
{
    return (spec->fill[0] == '\0' || strcmp(spec->fill, " ") == 0) && spec->align == 0 &&
           spec->sign == 0 && !spec->alt && !spec->zero && spec->width < 0 &&
           spec->grouping == 0 && spec->precision < 0 && spec->type == 0 && !spec->z &&
           spec->type_cp == 0;
}

static int format_long_internal(int64_t v, const fmt_spec_t *spec, char type,
                                fmt_buf_t *out, char *err, size_t errsize)
{
    static const char lower_digits[] = "0123456789abcdef";
    static const char upper_digits[] = "0123456789ABCDEF";
    char digits[72];
    char rev[72];
    char chr[4];
    number_t n;
    uint64_t mag;
    unsigned base = 10;
    size_t nd = 0;
    size_t i;

    if (spec->precision >= 0) {
        return fail(err, errsize, "Precision not allowed in integer format specifier");
    }
    if (spec->z) {
        return fail(err, errsize,
                    "Negative zero coercion (z) not allowed in integer format specifier");
    }
    memset(&n, 0, sizeof n);
    n.prefix = "";
    n.digits = digits;
    n.rem = "";

    if (type == 'c') {
        if (spec->sign != 0) {
            return fail(err, errsize, "Sign not allowed with integer format specifier 'c'");
        }
        if (spec->alt) {
            return fail(err, errsize,
                        "Alternate form (#) not allowed with integer format specifier 'c'");
        }
        if (v < 0 || v > 0x10FFFF) {
            return fail(err, errsize, "%s", FMT_ERR_CHAR_RANGE);
        }
        /* The character is not a digit: it is laid out as "remainder", so
           it is neither grouped nor zero-padded, only surrounded by fill. */
        n.rem = chr;
        n.rem_bytes = utf8_encode((uint32_t)v, chr);
        n.rem_chars = 1;
        write_number(out, spec, &n);
        return 0;
    }

    switch (type) {
    case 'b':
        base = 2;
        n.prefix = "0b";
        break;
    case 'o':
        base = 8;
        n.prefix = "0o";
        break;
    case 'x':
        base = 16;
        n.prefix = "0x";
        break;
    case 'X':
        base = 16;
        n.prefix = "0X";
        break;
    default:
        break;
    }
    if (spec->alt && base != 10) {
        n.n_prefix = 2;
    }
    if (v < 0) {
        n.sign_char = '-';
        /* Negate in unsigned arithmetic so INT64_MIN works. */
        mag = (uint64_t)0 - (uint64_t)v;
    } else {
        mag = (uint64_t)v;
    }
    do {
        rev[nd++] = (type == 'X' ? upper_digits : lower_digits)[mag % base];
        mag /= base;
    } while (mag != 0);
    for (i = 0; i < nd; i++) {
        digits[i] = rev[nd - 1 - i];
    }
    n.n_digits = nd;
    if (spec->grouping != 0 && type != 'n') {
        n.group = base == 10 ? 3 : 4;
        n.sep = spec->grouping;
    }
    write_number(out, spec, &n);
    return 0;
}

static int format_int(int64_t v, const fmt_spec_t *spec, const char *type_name,
                      fmt_buf_t *out, char *err, size_t errsize)
{
    char type = spec->type;

    if (type_name == NULL) {
        type_name = "int";
    }
    /* An empty spec means str(value), which differs from 'd' only for
       bool. */
    if (spec_is_empty(spec) && strcmp(type_name, "bool") == 0) {
        if (v) {
            fmt_buf_put(out, "True", 4);
        } else {
            fmt_buf_put(out, "False", 5);
        }
        return 0;
    }
    if (type == 0 && spec->type_cp == 0) {
        type = 'd';
    }
    if (check_grouping(spec, type, spec->type_cp, err, errsize) < 0) {
        return -1;
    }
    if (spec->type_cp != 0) {
        return unknown_type(spec->type_cp - 1, type_name, err, errsize);
    }
    switch (type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
        return format_long_internal(v, spec, type, out, err, errsize);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
        /* int -> float rounds to nearest-even, like PyNumber_Float */
        return format_float_internal((double)v, spec, type, out, err, errsize);
    default:
        return unknown_type((unsigned char)type, type_name, err, errsize);
    }
}

/* ------------------------------------------------------------------------
 * format(str, spec)
 * ------------------------------------------------------------------------ */

static int format_str(const char *s, size_t len, const fmt_spec_t *spec, fmt_buf_t *out,
                      char *err, size_t errsize)
{
    char type = spec->type;
    const char *fill;
    size_t fill_len;
    char align = spec->align;
    size_t nchars;
    int64_t total;
    int64_t lpad;

    if (type == 0 && spec->type_cp == 0) {
        type = 's';
    }
    if (check_grouping(spec, type, spec->type_cp, err, errsize) < 0) {
        return -1;
    }
    if (spec->type_cp != 0) {
        return unknown_type(spec->type_cp - 1, "str", err, errsize);
    }
    if (type != 's') {
        return unknown_type((unsigned char)type, "str", err, errsize);
    }
    if (spec->sign == ' ') {
        return fail(err, errsize, "Space not allowed in string format specifier");
    }
    if (spec->sign != 0) {
        return fail(err, errsize, "Sign not allowed in string format specifier");
    }
    if (spec->z) {
        return fail(err, errsize,
                    "Negative zero coercion (z) not allowed in string format specifier");
    }
    if (spec->alt) {
        return fail(err, errsize, "Alternate form (#) not allowed in string format specifier");
    }
    if (align == '=') {
        return fail(err, errsize, "'=' alignment not allowed in string format specifier");
    }
    if (align == 0) {
        align = '<';    /* '0' only changes the fill for strings */
    }

    nchars = utf8_count(s, len);
    if (spec->precision >= 0 && (uint64_t)nchars > (uint64_t)spec->precision) {
        nchars = (size_t)spec->precision;
        len = utf8_offset(s, len, nchars);
    }
    total = (int64_t)nchars;
    if (spec->width > total) {
        total = spec->width;
    }
    if (align == '>') {
        lpad = total - (int64_t)nchars;
    } else if (align == '^') {
        lpad = (total - (int64_t)nchars) / 2;
    } else {
        lpad = 0;
    }
    effective_fill(spec, &fill, &fill_len);
    buf_repeat(out, fill, fill_len, lpad);
    fmt_buf_put(out, s, len);
    buf_repeat(out, fill, fill_len, total - (int64_t)nchars - lpad);
    return 0;
}

/* ------------------------------------------------------------------------
 * The public entry points: a failed buffer is reported like any error.
 * ------------------------------------------------------------------------ */

static int check_buf(int rc, const fmt_buf_t *out, char *err, size_t errsize)
{
    if (rc == 0 && out->failed) {
        return fail(err, errsize, "%s", FMT_ERR_NO_MEMORY);
    }
    return rc;
}

int fmt_format_float(double v, const fmt_spec_t *spec, fmt_buf_t *out, char *err, size_t errsize)
{
    return check_buf(format_float(v, spec, out, err, errsize), out, err, errsize);
}

int fmt_format_int(int64_t v, const fmt_spec_t *spec, const char *type_name, fmt_buf_t *out,
                   char *err, size_t errsize)
{
    return check_buf(format_int(v, spec, type_name, out, err, errsize), out, err, errsize);
}

int fmt_format_str(const char *s, size_t len, const fmt_spec_t *spec, fmt_buf_t *out,
                   char *err, size_t errsize)
{
    return check_buf(format_str(s, len, spec, out, err, errsize), out, err, errsize);
}
