/*
 * fmt.c - CPython-exact number/string formatting on plain C buffers.
 *
 * This file reproduces the observable behaviour (it does not copy the code)
 * of these parts of CPython 3.11:
 *   Python/pystrtod.c           PyOS_double_to_string / format_float_short,
 *                               _PyOS_ascii_strtod, _Py_parse_inf_or_nan
 *   Objects/floatobject.c       float_repr, float_from_string_inner,
 *                               float___round__ / double_round,
 *                               float_rem, _float_div_mod
 *   Python/formatter_unicode.c  parse_internal_render_format_spec,
 *                               calc_number_widths, fill_number,
 *                               format_long/float/string_internal
 *   Objects/unicodeobject.c     _PyUnicode_InsertThousandsGrouping,
 *                               _PyUnicode_TransformDecimalAndSpaceToASCII
 *
 * CPython gets its decimal digits from David Gay's dtoa.c.  We get the same
 * digits from the C library: glibc's printf "%.*e" / "%.*f" is correctly
 * rounded (round-half-even on the exact binary value) and strtod is
 * correctly rounded, which is exactly what dtoa's modes 2 and 3 provide.
 * Mode 0 (shortest string that round-trips) is found by searching over the
 * number of significant digits.  This relies on LC_NUMERIC being "C".
 */
#include "fmt.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    b->buf = NULL;
    b->len = 0;
    b->cap = 0;
}

/* Makes room for `extra` more bytes plus the terminating NUL.  There is no
   way to report failure through the void API, and a formatter that silently
   produced a truncated result would be worse than stopping, so we abort. */
static void buf_reserve(fmt_buf_t *b, size_t extra)
{
    size_t need;
    size_t cap;
    char *p;

    if (extra > SIZE_MAX - b->len - 1) {
        fputs("fmt: buffer size overflow\n", stderr);
        abort();
    }
    need = b->len + extra + 1;
    if (need <= b->cap) {
        return;
    }
    cap = b->cap ? b->cap : 32;
    while (cap < need) {
        cap = (cap > SIZE_MAX / 2) ? need : cap * 2;
    }
    p = realloc(b->buf, cap);
    if (p == NULL) {
        fputs("fmt: out of memory\n", stderr);
        abort();
    }
    b->buf = p;
    b->cap = cap;
}

void fmt_buf_put(fmt_buf_t *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n > 0) {
        memcpy(b->buf + b->len, s, n);
    }
    b->len += n;
    b->buf[b->len] = '\0';
}

void fmt_buf_putc(fmt_buf_t *b, char c)
{
    fmt_buf_put(b, &c, 1);
}

void fmt_buf_free(fmt_buf_t *b)
{
    free(b->buf);
    fmt_buf_init(b);
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
    if ((uint64_t)count > SIZE_MAX / n) {
        fputs("fmt: buffer size overflow\n", stderr);
        abort();
    }
    buf_reserve(b, (size_t)count * n);
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

static void buf_zeros(fmt_buf_t *b, int64_t count)
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

#define UTF8_INVALID UINT32_MAX

/* Decodes one code point from s[0..len) (len > 0) and returns its byte
   length.  Malformed input yields UTF8_INVALID and consumes one byte, so
   callers always make progress. */
static size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
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
static int unicode_decimal(uint32_t cp)
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
static bool unicode_isspace(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) ||
           cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static bool is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------------------
 * Decimal digits of a double (the dtoa part)
 * ------------------------------------------------------------------------ */

/* The exact decimal expansion of any double has at most 767 significant
   digits and at most 1074 digits after the point, so asking printf for more
   than these bounds only adds zeros, which are stripped anyway. */
#define SIG_DIGITS_MAX 800
#define FRAC_DIGITS_MAX 1080
/* Room for the largest "%.*f" result: 309 integer digits, the point and
   FRAC_DIGITS_MAX fraction digits. */
#define DIGITS_CAP 1600

/* Digits as dtoa returns them: no leading or trailing zeros ("0" for zero),
   and the value is 0.DIGITS * 10**decpt. */
typedef struct {
    char d[DIGITS_CAP];
    int64_t len;
    int64_t decpt;
} digits_t;

/* Normalises the raw digits already stored in dg->d[0..n), whose decimal
   point sits after `intdigits` of them. */
static void digits_normalise(digits_t *dg, int64_t n, int64_t intdigits)
{
    int64_t start = 0;

    while (start < n && dg->d[start] == '0') {
        start++;
    }
    while (n > start && dg->d[n - 1] == '0') {
        n--;
    }
    if (n == start) {
        /* Zero, or a value that rounded to zero: dtoa's "0" with decpt 1
           lays out identically for every format code we use it with. */
        dg->d[0] = '0';
        dg->len = 1;
        dg->decpt = 1;
        return;
    }
    memmove(dg->d, dg->d + start, (size_t)(n - start));
    dg->len = n - start;
    dg->decpt = intdigits - start;
}

/* Copies the digits of printf's "%e" output s (digits, point, 'e', exponent)
   into raw and returns how many; *exp10 receives the exponent.  Any
   non-digit before the 'e' is the decimal point and is skipped. */
static int64_t split_sci(const char *s, char *raw, long *exp10)
{
    int64_t n = 0;

    for (; *s != 'e' && *s != '\0'; s++) {
        if (is_ascii_digit(*s)) {
            raw[n++] = *s;
        }
    }
    *exp10 = (*s == 'e') ? strtol(s + 1, NULL, 10) : 0;
    return n;
}

/* dtoa mode 2: max(1, nsig) significant digits, correctly rounded. */
static void digits_significant(double ax, int64_t nsig, digits_t *dg)
{
    char tmp[SIG_DIGITS_MAX + 32];
    long exp10;
    int64_t n;

    if (nsig < 1) {
        nsig = 1;
    }
    if (nsig > SIG_DIGITS_MAX) {
        nsig = SIG_DIGITS_MAX;
    }
    snprintf(tmp, sizeof tmp, "%.*e", (int)(nsig - 1), ax);
    n = split_sci(tmp, dg->d, &exp10);
    digits_normalise(dg, n, (int64_t)exp10 + 1);
}

/* dtoa mode 3: rounded to `prec` digits after the decimal point. */
static void digits_fixed(double ax, int64_t prec, digits_t *dg)
{
    char tmp[DIGITS_CAP + 32];
    const char *s;
    int64_t n = 0;
    int64_t intdigits = -1;

    if (prec > FRAC_DIGITS_MAX) {
        prec = FRAC_DIGITS_MAX;
    }
    snprintf(tmp, sizeof tmp, "%.*f", (int)prec, ax);
    for (s = tmp; *s != '\0'; s++) {
        if (is_ascii_digit(*s)) {
            dg->d[n++] = *s;
        } else if (intdigits < 0) {
            intdigits = n;
        }
    }
    if (intdigits < 0) {
        intdigits = n;
    }
    digits_normalise(dg, n, intdigits);
}

/* Tests whether some p-significant-digit decimal reads back as ax and, if
   so, stores its digits in raw (p of them) and its exponent in *exp10.  The
   nearest such decimal (what printf produces) is the one dtoa would pick.
   The only case where it fails although another p-digit decimal works is
   when ax is a power of two: its rounding interval is half as wide below as
   above, so the decimal just above may read back while the nearer one below
   does not. */
static bool shortest_try(double ax, int p, char *raw, long *exp10)
{
    char tmp[64];
    double back;
    int e2;
    int64_t i;

    snprintf(tmp, sizeof tmp, "%.*e", p - 1, ax);
    back = strtod(tmp, NULL);
    split_sci(tmp, raw, exp10);
    if (back == ax) {
        return true;
    }
    if (back > ax || frexp(ax, &e2) != 0.5) {
        return false;
    }
    /* Step the digit string up by one unit in the last place. */
    for (i = p - 1; i >= 0; i--) {
        if (raw[i] != '9') {
            raw[i]++;
            break;
        }
        raw[i] = '0';
    }
    if (i < 0) {
        raw[0] = '1';
        (*exp10)++;
    }
    snprintf(tmp, sizeof tmp, "%.*se%ld", p, raw, *exp10 - (long)(p - 1));
    return strtod(tmp, NULL) == ax;
}

/* dtoa mode 0: the shortest digit string that reads back as ax, and the
   closest to ax among those.  Having a p-digit round-tripping decimal
   implies having a (p+1)-digit one, so a binary search over p works; 17
   digits always suffice for a double. */
static void digits_shortest(double ax, digits_t *dg)
{
    char raw[24];
    long exp10;
    int lo = 1;
    int hi = 17;

    if (ax == 0.0) {
        dg->d[0] = '0';
        dg->len = 1;
        dg->decpt = 1;
        return;
    }
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (shortest_try(ax, mid, raw, &exp10)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    shortest_try(ax, lo, raw, &exp10);
    memcpy(dg->d, raw, (size_t)lo);
    digits_normalise(dg, lo, (int64_t)exp10 + 1);
}

/* ------------------------------------------------------------------------
 * Float to text (PyOS_double_to_string)
 * ------------------------------------------------------------------------ */

/* Lays out x for code 'e', 'f', 'g' or 'r' the way format_float_short does.
   `precision` is already adjusted as PyOS_double_to_string does it ('e'
   counts the leading digit, 'g' never gets 0).  add_dot_0 keeps a ".0" on
   integral values printed without exponent; alt keeps trailing zeros for
   'g' and a trailing decimal point; no_neg_0 is the 'z' option. */
static void float_layout(fmt_buf_t *out, double x, char code, int64_t precision,
                         bool add_dot_0, bool alt, bool no_neg_0, bool upper)
{
    digits_t dg;
    bool neg = signbit(x) != 0;
    bool use_exp = false;
    int64_t decpt;
    int64_t vstart;
    int64_t vend;
    long exp10 = 0;

    if (isnan(x)) {
        /* The sign of a nan is never shown. */
        fmt_buf_put(out, upper ? "NAN" : "nan", 3);
        return;
    }
    if (isinf(x)) {
        if (neg) {
            fmt_buf_putc(out, '-');
        }
        fmt_buf_put(out, upper ? "INF" : "inf", 3);
        return;
    }

    switch (code) {
    case 'e':
    case 'g':
        digits_significant(fabs(x), precision, &dg);
        break;
    case 'f':
        digits_fixed(fabs(x), precision, &dg);
        break;
    default:
        digits_shortest(fabs(x), &dg);
        break;
    }
    if (no_neg_0 && neg && dg.len == 1 && dg.d[0] == '0') {
        neg = false;
    }

    /* Think of the digits as padded with infinitely many zeros on both
       sides; we print the slice [vstart, vend) of that with the decimal
       point after position decpt. */
    decpt = dg.decpt;
    vend = dg.len;
    switch (code) {
    case 'e':
        use_exp = true;
        vend = precision;
        break;
    case 'f':
        vend = decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) {
            use_exp = true;
        }
        if (alt) {
            vend = precision;
        }
        break;
    default:
        /* repr switches to exponent notation at 1e16 (not 1e17) so that a
           16-digit shortest repr is never padded with misleading zeros. */
        if (decpt <= -4 || decpt > 16) {
            use_exp = true;
        }
        break;
    }
    if (use_exp) {
        exp10 = (long)(decpt - 1);
        decpt = 1;
    }
    vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0) {
        vend = vend > decpt ? vend : decpt + 1;
    } else {
        vend = vend > decpt ? vend : decpt;
    }

    if (neg) {
        fmt_buf_putc(out, '-');
    }
    /* Exactly one of the three places below writes the decimal point. */
    if (decpt <= 0) {
        buf_zeros(out, decpt - vstart);
        fmt_buf_putc(out, '.');
        buf_zeros(out, -decpt);
    } else {
        buf_zeros(out, -vstart);
    }
    if (decpt > 0 && decpt <= dg.len) {
        fmt_buf_put(out, dg.d, (size_t)decpt);
        fmt_buf_putc(out, '.');
        fmt_buf_put(out, dg.d + decpt, (size_t)(dg.len - decpt));
    } else {
        fmt_buf_put(out, dg.d, (size_t)dg.len);
    }
    if (dg.len < decpt) {
        buf_zeros(out, decpt - dg.len);
        fmt_buf_putc(out, '.');
        buf_zeros(out, vend - decpt);
    } else {
        buf_zeros(out, vend - dg.len);
    }
    if (out->buf[out->len - 1] == '.' && !alt) {
        out->buf[--out->len] = '\0';
    }
    if (use_exp) {
        char e[24];
        int n = snprintf(e, sizeof e, "%c%+.02ld", upper ? 'E' : 'e', exp10);
        fmt_buf_put(out, e, (size_t)n);
    }
}

/* PyOS_double_to_string: code is one of e E f F g G r. */
static void double_to_string(fmt_buf_t *out, double x, char code, int64_t precision,
                             bool add_dot_0, bool alt, bool no_neg_0)
{
    bool upper = code == 'E' || code == 'F' || code == 'G';

    if (upper) {
        code = (char)(code - 'A' + 'a');
    }
    if (code == 'e') {
        /* dtoa counts significant digits, 'e' counts those after the point */
        precision++;
    } else if (code == 'g' && precision == 0) {
        precision = 1;
    }
    float_layout(out, x, code, precision, add_dot_0, alt, no_neg_0, upper);
}

int fmt_float_repr(double x, char *out, size_t size)
{
    fmt_buf_t b;
    int n;

    fmt_buf_init(&b);
    double_to_string(&b, x, 'r', 0, true, false, false);
    n = (int)b.len;
    if (size > 0) {
        size_t k = b.len < size - 1 ? b.len : size - 1;
        memcpy(out, b.buf, k);
        out[k] = '\0';
    }
    fmt_buf_free(&b);
    return n;
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
        size_t n = utf8_decode(s + pos, len - pos, &cp);
        int d = unicode_decimal(cp);
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
        n0 = utf8_decode(spec, len, &c0);
        if (n0 < len) {
            n1 = utf8_decode(spec + n0, len - n0, &c1);
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
        utf8_decode(spec + pos, len - pos, &cp);
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
    buf_zeros(rev, n_zeros);
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

    fmt_buf_init(&rev);
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
    buf_reserve(out, rev.len);
    for (i = rev.len; i > 0; i--) {
        out->buf[out->len++] = rev.buf[i - 1];
    }
    out->buf[out->len] = '\0';
    fmt_buf_free(&rev);
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
    fmt_buf_init(&grouped);
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
    fmt_buf_free(&grouped);
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

    fmt_buf_init(&num);
    double_to_string(&num, val, type, precision, add_dot_0, spec->alt, spec->z);
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
    while (nd < len && is_ascii_digit(s[nd])) {
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
    write_number(out, spec, &n);
    fmt_buf_free(&num);
    return 0;
}

int fmt_format_float(double v, const fmt_spec_t *spec, fmt_buf_t *out, char *err, size_t errsize)
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

int fmt_format_int(int64_t v, const fmt_spec_t *spec, const char *type_name, fmt_buf_t *out,
                   char *err, size_t errsize)
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

int fmt_format_str(const char *s, size_t len, const fmt_spec_t *spec, fmt_buf_t *out,
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
 * float(text)
 * ------------------------------------------------------------------------ */

static bool match_word(const char *s, const char *end, const char *word)
{
    for (; *word != '\0'; s++, word++) {
        char c;
        if (s >= end) {
            return false;
        }
        c = *s;
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != *word) {
            return false;
        }
    }
    return true;
}

/* Checks the decimal syntax dtoa's strtod accepts, requiring it to span
   [p, end): digits [. digits] with at least one digit, then an optional
   exponent with at least one digit. */
static bool valid_decimal(const char *p, const char *end)
{
    size_t ndig = 0;

    while (p < end && is_ascii_digit(*p)) {
        p++;
        ndig++;
    }
    if (p < end && *p == '.') {
        p++;
        while (p < end && is_ascii_digit(*p)) {
            p++;
            ndig++;
        }
    }
    if (ndig == 0) {
        return false;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) {
            p++;
        }
        if (p >= end || !is_ascii_digit(*p)) {
            return false;
        }
        while (p < end && is_ascii_digit(*p)) {
            p++;
        }
    }
    return p == end;
}

int fmt_parse_float(const char *s, size_t len, double *out)
{
    char *a;
    size_t n = 0;
    size_t pos = 0;
    size_t i;
    char *p;
    char *end;
    bool neg = false;
    int rc = -1;

    a = malloc(len + 1);
    if (a == NULL) {
        return -1;
    }
    /* Like _PyUnicode_TransformDecimalAndSpaceToASCII: any Unicode space
       becomes ' ', any Unicode decimal digit its ASCII digit, and any other
       non-ASCII character (or a NUL) makes the text invalid. */
    while (pos < len) {
        uint32_t cp;
        size_t k = utf8_decode(s + pos, len - pos, &cp);
        if (cp == UTF8_INVALID || cp == 0) {
            goto done;
        }
        if (unicode_isspace(cp)) {
            a[n++] = ' ';
        } else if (cp < 0x80) {
            a[n++] = (char)cp;
        } else {
            int d = unicode_decimal(cp);
            if (d < 0) {
                goto done;
            }
            a[n++] = (char)('0' + d);
        }
        pos += k;
    }
    a[n] = '\0';

    /* Underscores: only between two digits; they are then dropped. */
    if (memchr(a, '_', n) != NULL) {
        char prev = '\0';
        size_t w = 0;
        for (i = 0; i < n; i++) {
            char c = a[i];
            if (c == '_') {
                if (!is_ascii_digit(prev)) {
                    goto done;
                }
            } else {
                if (prev == '_' && !is_ascii_digit(c)) {
                    goto done;
                }
                a[w++] = c;
            }
            prev = c;
        }
        if (prev == '_') {
            goto done;
        }
        n = w;
        a[n] = '\0';
    }

    p = a;
    end = a + n;
    while (p < end && *p == ' ') {
        p++;
    }
    while (end > p && end[-1] == ' ') {
        end--;
    }
    if (p == end) {
        goto done;
    }
    *end = '\0';

    if (valid_decimal(*p == '+' || *p == '-' ? p + 1 : p, end)) {
        *out = strtod(p, NULL);
        rc = 0;
        goto done;
    }
    /* Not a number: maybe a signed inf, infinity or nan. */
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    }
    if (match_word(p, end, "inf")) {
        if (end - p == 3 || (end - p == 8 && match_word(p, end, "infinity"))) {
            *out = neg ? -HUGE_VAL : HUGE_VAL;
            rc = 0;
        }
    } else if (end - p == 3 && match_word(p, end, "nan")) {
        /* CPython keeps the sign of "-nan" (it shows in math.copysign). */
        *out = neg ? -NAN : NAN;
        rc = 0;
    }
done:
    free(a);
    return rc;
}

/* ------------------------------------------------------------------------
 * round(float, ndigits)
 * ------------------------------------------------------------------------ */

double fmt_round_float(double x, int ndigits, bool *overflow)
{
    /* Beyond these, x always rounds to itself / to zero (0.30103 bounds
       log10(2)), the same cut-offs as float.__round__. */
    const int ndigits_max = (int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
    const int ndigits_min = -(int)((DBL_MAX_EXP + 1) * 0.30103);
    double ax = fabs(x);
    double r;

    if (overflow != NULL) {
        *overflow = false;
    }
    if (!isfinite(x) || ndigits > ndigits_max) {
        return x;
    }
    if (ndigits < ndigits_min) {
        return 0.0 * x;
    }

    if (ndigits >= 0) {
        /* printf rounds the exact binary value half-to-even at the wanted
           place, as dtoa's mode 3 does; reading it back is double_round's
           second step. */
        char buf[DBL_MAX_10_EXP + 400];
        snprintf(buf, sizeof buf, "%.*f", ndigits, ax);
        r = strtod(buf, NULL);
    } else {
        /* printf cannot round to the left of the point, so round the exact
           integer digits ourselves (half-even, looking at the fraction for
           ties). */
        char ibuf[DBL_MAX_10_EXP + 8];
        char keep[DBL_MAX_10_EXP + 40];
        double ip = trunc(ax);
        bool frac = ax - ip != 0.0;
        size_t k = (size_t)(-(long)ndigits);
        size_t nlen;

        snprintf(ibuf, sizeof ibuf, "%.0f", ip);
        nlen = strlen(ibuf);
        if (nlen < k) {
            r = 0.0;
        } else {
            size_t cut = nlen - k;
            char rd = ibuf[cut];
            bool up;
            size_t i;

            if (rd != '5') {
                up = rd > '5';
            } else {
                bool rest = frac;
                for (i = cut + 1; i < nlen && !rest; i++) {
                    rest = ibuf[i] != '0';
                }
                /* exact tie: round to the even neighbour */
                up = rest || (cut > 0 && ((ibuf[cut - 1] - '0') & 1) != 0);
            }
            /* keep = "0" + kept digits, the extra 0 absorbing a carry */
            keep[0] = '0';
            memcpy(keep + 1, ibuf, cut);
            keep[cut + 1] = '\0';
            if (up) {
                for (i = cut + 1; i > 0; i--) {
                    if (keep[i - 1] != '9') {
                        keep[i - 1]++;
                        break;
                    }
                    keep[i - 1] = '0';
                }
            }
            snprintf(keep + cut + 1, sizeof keep - cut - 1, "e%zu", k);
            r = strtod(keep, NULL);
        }
    }
    if (isinf(r) && overflow != NULL) {
        *overflow = true;
    }
    return copysign(r, x);
}

/* ------------------------------------------------------------------------
 * float % and //
 * ------------------------------------------------------------------------ */

double fmt_float_mod(double a, double b)
{
    double mod = fmod(a, b);

    if (mod != 0.0) {
        /* the result takes the sign of the divisor */
        if ((b < 0) != (mod < 0)) {
            mod += b;
        }
    } else {
        /* fmod's sign for a zero result varies between platforms */
        mod = copysign(0.0, b);
    }
    return mod;
}

double fmt_float_floordiv(double a, double b)
{
    double mod = fmod(a, b);
    /* fmod is exact, so a - mod is mathematically a multiple of b; the
       division may still be a hair off an integer, hence the snapping
       below. */
    double div = (a - mod) / b;
    double floordiv;

    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            div -= 1.0;
        }
    }
    /* A nan div counts as nonzero, as in C's truth test. */
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5) {
            floordiv += 1.0;
        }
    } else {
        /* zero quotient: give it the sign of the true quotient */
        floordiv = copysign(0.0, a / b);
    }
    return floordiv;
}
