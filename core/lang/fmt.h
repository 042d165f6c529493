/*
 * fmt.h - CPython-exact number and string formatting on plain C buffers.
 *
 * This module reproduces, without any interpreter objects, what CPython 3.11
 * does for:
 *   - repr(float) / str(float)            (Objects/floatobject.c float_repr,
 *                                           Python/pystrtod.c)
 *   - format(int|float|str, spec)         (Python/formatter_unicode.c)
 *   - float(text)                         (Objects/floatobject.c,
 *                                           Python/pystrtod.c)
 *   - round(float, ndigits)               (Objects/floatobject.c double_round)
 *   - float % and //                      (Objects/floatobject.c float_divmod)
 *
 * All text is UTF-8.  Error messages are CPython's exact ValueError texts;
 * the caller turns them into exceptions.  The module keeps no global state.
 *
 * Assumption: the process' LC_NUMERIC locale is "C" (the default unless
 * someone calls setlocale), because snprintf/strtod are used for the
 * correctly rounded binary <-> decimal conversions.
 */
#ifndef LOOPLAB_CORE_LANG_FMT_H
#define LOOPLAB_CORE_LANG_FMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/*
 * Where a buffer's memory comes from, so that an interpreter can account
 * for it and bound it: resize grows p (old bytes, p NULL when old is 0) to
 * n bytes and returns the new block, or NULL leaving p as it was; release
 * frees a block of n bytes.  All NULL: malloc/realloc/free.
 */
typedef struct fmt_alloc {
    void *(*resize)(void *ctx, void *p, size_t old, size_t n);
    void (*release)(void *ctx, void *p, size_t n);
    void *ctx;
} fmt_alloc_t;

/*
 * A growable byte buffer the module writes into; the caller owns buf and
 * frees it with fmt_buf_free (which uses the buffer's allocator).  buf stays
 * NULL until something is written; once allocated it is always
 * NUL-terminated (buf[len] == '\0').  A growth that fails (sizes come from
 * the program: a width of 10**12) sets failed and drops every later write;
 * fmt_format_* then fail with FMT_ERR_NO_MEMORY.
 */
typedef struct fmt_buf {
    char *buf;             /* NULL, small, or from alloc (or malloc) */
    size_t len, cap;
    bool failed;
    fmt_alloc_t alloc;
    /* Most results ("00042", "1.50") fit here, without an allocation.
     * So a fmt_buf_t is not to be copied once written to. */
    char small[64];
} fmt_buf_t;
void fmt_buf_init(fmt_buf_t *b);
void fmt_buf_init_alloc(fmt_buf_t *b, const fmt_alloc_t *alloc);
void fmt_buf_put(fmt_buf_t *b, const char *s, size_t n);
void fmt_buf_putc(fmt_buf_t *b, char c);
void fmt_buf_free(fmt_buf_t *b);

/*
 * float.__repr__ / str(float): shortest string that round-trips, CPython
 * rules: 'inf', '-inf', 'nan', '-0.0', '1.0', '0.1', '1e+16', '1e-05',
 * '1.5e+300', '123456789012345.0' (scientific notation when the decimal
 * exponent is < -4 or >= 16), always a '.0' or an exponent for integral
 * values.  Writes a NUL-terminated string into out (size >= 32 is always
 * enough; a smaller buffer truncates like snprintf) and returns the length
 * of the full repr.
 */
int fmt_float_repr(double x, char *out, size_t size);

/* The decimal digits of [u] at [out] (room for 20; no NUL). Returns how
 * many. For the trace's hot lines, which avoid printf. */
size_t fmt_u64(uint64_t u, char *out);
/* int_repr's digits of [v], "-" first when negative (room for 21
 * bytes); returns how many. */
size_t fmt_i64(int64_t v, char *out);

/* snprintf(out, size, "%.6f", x), with the same digits (the binary value
 * rounded half to even) and the same return value, but without printf
 * for the non-negative values below 2**43 the trace's clock takes
 * (given size >= 32). */
int fmt_float_fixed6(double x, char *out, size_t size);

/* repr(x) as numbers when it reads "I.F" (no sign, no exponent) and
 * its 15-digit rounding reads back (fmt_float.c's shortest15_num): I is *ip (below 10**17) and F the
 * *fl digits of *fp, zero-padded on the left (*fl at most 18). Returns
 * 1, or 0 when repr(x) has another form or needs the general path
 * (format it then). For the trace's float arguments, which it records
 * as numbers (trace_number_values) without writing them out. */
int fmt_float_plain(double x, uint64_t *ip, uint64_t *fp, int *fl);
/* fmt_float_fixed6's digits as one number, x * 10**6 rounded as printf
 * rounds: 1, or 0 where fmt_float_fixed6 leaves x to snprintf. */
int fmt_float_micros(double x, uint64_t *q);

/*
 * A parsed format spec, as format(value, spec) understands it:
 *   [[fill]align][sign][z][#][0][width][grouping_option][.precision][type]
 */
typedef struct fmt_spec {
    char fill[5];      /* UTF-8 of the fill character, NUL-terminated; default " " */
    char align;        /* 0 (none), '<', '>', '^', '=' */
    char sign;         /* 0, '+', '-', ' ' */
    bool alt;          /* '#' */
    bool zero;         /* '0' before width (only set when no explicit fill was
                          given); the formatters then pad with '0' and, for
                          numbers without an explicit align, use '=' */
    long width;        /* -1 when absent */
    char grouping;     /* 0, ',' or '_' */
    long precision;    /* -1 when absent */
    char type;         /* 0 when absent, else the type letter */
    /* Additions beyond the minimal spec; zero-initialising them is correct
       for hand-built specs. */
    bool z;            /* 'z': coerce negative zero to zero (floats only) */
    uint32_t type_cp;  /* 0 normally.  When the type character is NUL or not
                          ASCII it cannot live in `type` (which is then 0):
                          this holds its code point + 1, so error messages can
                          name it exactly like CPython ('\x0', '\xe9'). */
} fmt_spec_t;

/* Fills *s with the defaults of an empty spec (fill " ", width/precision -1). */
void fmt_spec_init(fmt_spec_t *s);

/*
 * Parses spec[0..len) (UTF-8).  Returns 0, or -1 with err set to CPython's
 * ValueError message ("Format specifier missing precision", "Cannot specify
 * ',' with 's'.", "Too many decimal digits in format string", ...).
 * Width and precision accept any Unicode decimal digits, like CPython.
 *
 * CPython 3.11.7 names the object's type when the spec has trailing junk:
 * "Invalid format specifier 'abc' for object of type 'int'".  Use
 * fmt_parse_spec_typed to get that exact text; fmt_parse_spec (no type known)
 * reports just "Invalid format specifier".
 */
int fmt_parse_spec(const char *spec, size_t len, fmt_spec_t *out, char *err, size_t errsize);
int fmt_parse_spec_typed(const char *spec, size_t len, const char *type_name,
                         fmt_spec_t *out, char *err, size_t errsize);

/*
 * The one formatting error CPython raises as OverflowError rather than
 * ValueError (format(-1, 'c')); compare err against it with strcmp.
 */
#define FMT_ERR_CHAR_RANGE "%c arg not in range(0x110000)"

/*
 * The error of a format call whose output buffer could not grow (the
 * caller raises MemoryError).
 */
#define FMT_ERR_NO_MEMORY "out of memory"

/*
 * format(int, spec): types none, 'd', 'b', 'o', 'x', 'X', 'c', 'n', and the
 * float types 'e','E','f','F','g','G','%' (int converted to float), '#'
 * prefixes, grouping ',' '_', sign, fill/align, '=' alignment and '0'
 * padding.  Appends to out.  Returns 0, or -1 with err set to CPython 3.11's
 * exact message.  type_name is the Python type name used in messages (e.g.
 * "int" or "bool"); with "bool" and an empty spec the result is
 * "True"/"False" as format(True, '') gives.  'n' uses the C locale (no
 * grouping), as CPython does unless locale.setlocale() was called.
 */
int fmt_format_int(int64_t v, const fmt_spec_t *spec, const char *type_name, fmt_buf_t *out, char *err, size_t errsize);

/*
 * format(float, spec): none (str() without precision; with a precision like
 * 'g' but keeping at least one digit past the point), 'e','E','f','F','g',
 * 'G','%','n'; inf/nan; grouping; '#'; sign; zero padding; 'z'.  Same error
 * conventions as fmt_format_int.
 */
int fmt_format_float(double v, const fmt_spec_t *spec, fmt_buf_t *out, char *err, size_t errsize);

/*
 * format(str, spec): only type none or 's'; precision truncates; width and
 * alignment count Unicode code points of the UTF-8 input; default alignment
 * left.  Errors as CPython.
 */
int fmt_format_str(const char *s, size_t len, const fmt_spec_t *spec, fmt_buf_t *out, char *err, size_t errsize);

/*
 * float(text) as CPython's float() accepts it: surrounding (Unicode)
 * whitespace, sign, (Unicode decimal) digits with single underscores between
 * digits, '.', exponent, 'inf'/'infinity'/'nan' in any case.  Returns 0 and
 * sets *out, or -1 when invalid (the caller builds the ValueError message).
 */
int fmt_parse_float(const char *s, size_t len, double *out);

/*
 * round(x, ndigits) for floats exactly as CPython's float.__round__ with an
 * ndigits argument (correctly rounded through the decimal string,
 * round-half-even on the exact binary value).  Sets *overflow (and returns
 * +-inf) when CPython would raise OverflowError("rounded value too large to
 * represent").
 */
double fmt_round_float(double x, int ndigits, bool *overflow);

/*
 * Python's float % and // (result of % has the sign of the divisor;
 * CPython's float_divmod rules including -0.0).  The caller checks for a
 * zero divisor first.
 */
double fmt_float_mod(double a, double b);
double fmt_float_floordiv(double a, double b);

#endif /* LOOPLAB_CORE_LANG_FMT_H */
