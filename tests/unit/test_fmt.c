/*
 * test_fmt.c - cmocka unit tests for core/lang/fmt.c (CPython-exact float
 * repr, format() for int/float/str, float() parsing, round(), float % and //).
 *
 * Every expected value in the tables below was produced by CPython 3.11.7
 * (repr(), format(), float(), round(), %, //); doubles are written as C99
 * hex-float literals (float.hex()) so they are exact.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "fmt_int.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Bitwise equality, so -0.0 vs 0.0 is caught; any nan matches a nan of the
   same sign (payloads are not part of Python semantics). */
static bool same_double(double a, double b)
{
    uint64_t ua;
    uint64_t ub;

    if (isnan(a) || isnan(b)) {
        return isnan(a) && isnan(b) && signbit(a) == signbit(b);
    }
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    return ua == ub;
}

static void expect_double(double got, double want, const char *what)
{
    if (!same_double(got, want)) {
        fail_msg("%s: got %a, want %a", what, got, want);
    }
}

/* ---------------------------------------------------------------- buffer */

/* An allocator that refuses blocks over a limit and counts what it holds,
   standing in for an interpreter's accounted heap. */
typedef struct { size_t limit, held; } test_heap_t;

static void *test_resize(void *ctx, void *p, size_t old, size_t n)
{
    test_heap_t *h = ctx;
    void *q;

    if (n > h->limit) {
        return NULL;
    }
    q = realloc(p, n);
    if (q != NULL) {
        h->held += n - old;
    }
    return q;
}

static void test_release(void *ctx, void *p, size_t n)
{
    test_heap_t *h = ctx;

    h->held -= n;
    free(p);
}

/* A width the allocator refuses is an error (FMT_ERR_NO_MEMORY), not an
   abort; the buffer frees through the same allocator. */
static void test_buf_alloc_failure(void **state)
{
    test_heap_t heap = {1 << 20, 0};
    fmt_alloc_t alloc = {test_resize, test_release, &heap};
    fmt_spec_t spec;
    fmt_buf_t b;
    char err[100];
    const char *wide[] = {"10000000d", "010000000,d", "10000000.3f", "10000000"};
    size_t i;

    (void)state;
    for (i = 0; i < 4; i++) {
        assert_int_equal(fmt_parse_spec(wide[i], strlen(wide[i]), &spec, err, sizeof err), 0);
        fmt_buf_init_alloc(&b, &alloc);
        err[0] = '\0';
        if (i == 2) {
            assert_int_equal(fmt_format_float(1.5, &spec, &b, err, sizeof err), -1);
        } else if (i == 3) {
            assert_int_equal(fmt_format_str("a", 1, &spec, &b, err, sizeof err), -1);
        } else {
            assert_int_equal(fmt_format_int(-7, &spec, "int", &b, err, sizeof err), -1);
        }
        assert_string_equal(err, FMT_ERR_NO_MEMORY);
        assert_true(b.failed);
        fmt_buf_free(&b);
        assert_int_equal(heap.held, 0);
    }
    /* Within the limit the same allocator is used and released. */
    assert_int_equal(fmt_parse_spec(">1000", 5, &spec, err, sizeof err), 0);
    fmt_buf_init_alloc(&b, &alloc);
    assert_int_equal(fmt_format_int(5, &spec, "int", &b, err, sizeof err), 0);
    assert_int_equal(b.len, 1000);
    assert_true(heap.held > 0);
    fmt_buf_free(&b);
    assert_int_equal(heap.held, 0);
}

static void test_buf_basics(void **state)
{
    fmt_buf_t b;
    size_t i;

    (void)state;
    fmt_buf_init(&b);
    assert_null(b.buf);
    assert_int_equal(b.len, 0);
    fmt_buf_put(&b, "", 0);
    assert_non_null(b.buf);
    assert_string_equal(b.buf, "");
    fmt_buf_put(&b, "abc", 3);
    fmt_buf_putc(&b, 'd');
    assert_int_equal(b.len, 4);
    assert_string_equal(b.buf, "abcd");
    for (i = 0; i < 10000; i++) {
        fmt_buf_put(&b, "xy", 2);
    }
    assert_int_equal(b.len, 20004);
    assert_int_equal(b.buf[b.len], '\0');
    assert_true(b.cap > b.len);
    fmt_buf_free(&b);
    assert_null(b.buf);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

/* ------------------------------------------------------------------ repr */

static const struct {
    double x;
    const char *want;
} repr_cases[] = {
    {0x1.999999999999ap-4, "0.1"},
    {0x1.3333333333334p-2, "0.30000000000000004"},
    {0x1.5555555555555p-2, "0.3333333333333333"},
    {0x1.1c37937e08000p+53, "1e+16"},
    {0x1.0f0cf064dd592p+73, "1e+22"},
    {0x0.0000000000001p-1022, "5e-324"},
    {0x1.fffffffffffffp+1023, "1.7976931348623157e+308"},
    {0x1.e240c9fbe76c9p+16, "123456.789"},
    {-0.0, "-0.0"},
    {0.0, "0.0"},
    {HUGE_VAL, "inf"},
    {-HUGE_VAL, "-inf"},
    {NAN, "nan"},
    {0x1.0000000000000p+0, "1.0"},
    {-0x1.8000000000000p+0, "-1.5"},
    {0x1.c6bf526340000p+49, "1000000000000000.0"},
    {0x1.1c37937e07fffp+53, "9999999999999998.0"},
    {0x1.c12218377de40p+46, "123456789012345.0"},
    {0x1.a36e2eb1c432dp-14, "0.0001"},
    {0x1.4f8b588e368f1p-17, "1e-05"},
    {0x1.02e4b6ce5dc68p-13, "0.00012345"},
    {0x1.1eb2d66005835p+997, "1.5e+300"},
    {0x1.0000000000000p-1022, "2.2250738585072014e-308"},
    {0x1.0000000000000p-1017, "7.120236347223045e-307"},
    {0x1.1c37937e08002p+54, "2.000000000000001e+16"},
    {0x1.52d02c7e14af6p+76, "1e+23"},
    {0x1.9000000000000p+6, "100.0"},
    {0x1.921f9f01b866ep+1, "3.14159"},
    {-0x1.12e0be826d695p-32, "-2.5e-10"},
};

static void test_float_repr(void **state)
{
    char out[32];
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(repr_cases); i++) {
        int n = fmt_float_repr(repr_cases[i].x, out, sizeof out);
        assert_string_equal(out, repr_cases[i].want);
        assert_int_equal(n, strlen(repr_cases[i].want));
    }
}

static void test_float_repr_truncates(void **state)
{
    char out[6];

    (void)state;
    /* like snprintf: truncated, NUL-terminated, full length returned */
    assert_int_equal(fmt_float_repr(0.1 + 0.2, out, sizeof out), 19);
    assert_string_equal(out, "0.300");
}

/* A cheap deterministic generator for the property test below. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* repr must read back exactly and be no longer than 17 significant digits
   need; the exact digits were checked against CPython separately. */
static void test_float_repr_roundtrip(void **state)
{
    uint64_t seed = 0x9E3779B97F4A7C15u;
    char out[32];
    int i;

    (void)state;
    for (i = 0; i < 20000; i++) {
        uint64_t u = next_random(&seed);
        double x;
        memcpy(&x, &u, sizeof x);
        if (!isfinite(x)) {
            continue;
        }
        fmt_float_repr(x, out, sizeof out);
        if (!same_double(strtod(out, NULL), x)) {
            fail_msg("repr %s does not round-trip %a", out, x);
        }
        assert_true(strlen(out) <= 24);
    }
}

/* The significant digits of a repr ("-1.25e-07" -> "125"). */
static void repr_digits(const char *r, char *out)
{
    size_t n = 0;
    for (; *r && *r != 'e'; r++) {
        if (*r >= '0' && *r <= '9' && (n > 0 || *r != '0')) {
            out[n++] = *r;
        }
    }
    while (n > 1 && out[n - 1] == '0') {
        n--;
    }
    out[n] = 0;
}

/* The shortest digits that read back as x > 0, searched with printf and
   strtod as dtoa's mode 0 defines them: the fewest significant digits p
   whose correctly rounded decimal reads back, or failing that (x a power
   of two) the p-digit decimal one unit above. */
static void reference_digits(double x, char *out)
{
    char tmp[64], up[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
        bool ok = strtod(tmp, NULL) == x;
        if (!ok && strtod(tmp, NULL) < x) {
            // One unit up in the last place of tmp's digits.
            char *e = strchr(tmp, 'e');
            snprintf(up, sizeof up, "%.*e", p - 1,
                     strtod(tmp, NULL) + pow(10, atoi(e + 1) - (p - 1)));
            if (strtod(up, NULL) == x) {
                snprintf(tmp, sizeof tmp, "%s", up);
                ok = true;
            }
        }
        if (ok) {
            repr_digits(tmp, out);
            return;
        }
    }
    fail_msg("no 17-digit decimal reads back as %a", x);
}

/* repr's shortest digits, on the doubles its exact 15-digit path takes
   (about 3e-8 up to 1e15) and around its edges: random mantissas at
   every exponent there, short decimals (clock readings, delays), their
   neighbours one ulp away, and decimals halfway between. */
static void test_float_repr_shortest_matches_search(void **state)
{
    uint64_t seed = 0x51ed270b27a1c3d5u;
    char out[40], got[40], want[40];

    (void)state;
    for (int i = 0; i < 300000; i++) {
        uint64_t u = next_random(&seed);
        double x;
        switch (i % 4) {
        case 0: /* any mantissa, binary exponent from 2**-30 to 2**55 */
            x = ldexp((double)((u >> 11) | (1ull << 52)),
                      (int)((u >> 3) % 86) - 30 - 52);
            break;
        case 1: /* a short decimal: k / 10**j */
            x = (double)(u % 100000000) / pow(10, (double)((u >> 40) % 16));
            break;
        case 2: { /* a neighbour of a short decimal */
            double d = (double)(u % 1000000 + 1) /
                       pow(10, (double)((u >> 40) % 12));
            x = (u >> 63) ? nextafter(d, 0) : nextafter(d, INFINITY);
            break;
        }
        default: /* halfway between two 15-digit decimals, or near it */
            x = ((double)(u % 900000000000000ull + 100000000000000ull) + 0.5) *
                pow(10, -(double)((u >> 50) % 20));
            break;
        }
        if (!(x > 0) || !isfinite(x)) {
            continue;
        }
        fmt_float_repr(x, out, sizeof out);
        repr_digits(out, got);
        reference_digits(x, want);
        if (strcmp(got, want) != 0 || strtod(out, NULL) != x) {
            fail_msg("repr(%a) = %s, digits %s, want %s", x, out, got,
                     want);
        }
        // repr's direct layout against format_float_short's general one
        // (the same digits, laid out by float_layout), both signs.
        for (int sign = 0; sign < 2; sign++) {
            double y = sign ? -x : x;
            fmt_buf_t b;
            fmt_buf_init(&b);
            fmt__double_to_string(&b, y, 'r', 0, true, false, false);
            fmt_float_repr(y, out, sizeof out);
            if (strlen(out) != b.len || memcmp(out, b.buf, b.len) != 0) {
                fail_msg("repr(%a) = %s, laid out generally %.*s", y, out,
                         (int)b.len, b.buf);
            }
            fmt_buf_free(&b);
        }
    }
}

/* format(x, '.Nf') must write what printf's "%.Nf" writes (both round
   the exact binary value half to even) for precisions 0 to 25: the exact
   integer path covers doubles up to about 2**64 / 10**N and down to
   2**-25, printf the rest; random doubles across and beyond that range,
   short decimals, exact ties (k + 0.5) / 2**j, and integers near 2**64. */
static void test_format_fixed_matches_printf(void **state)
{
    uint64_t seed = 0x2545f4914f6cdd1du;
    char want[2200];

    (void)state;
    for (int i = 0; i < 200000; i++) {
        uint64_t u = next_random(&seed);
        double x;
        switch (i % 4) {
        case 0:
            x = ldexp((double)((u >> 11) | (1ull << 52)),
                      (int)((u >> 3) % 150) - 90 - 52);
            break;
        case 1:
            x = (double)(u % 100000000) / pow(10, (double)((u >> 40) % 12));
            break;
        case 2:
            x = ldexp((double)(u % 100000) + 0.5, -(int)((u >> 30) % 12));
            break;
        default:
            x = ldexp((double)((u >> 11) | (1ull << 52)), (int)((u >> 3) % 14));
            break;
        }
        if (u >> 63) {
            x = -x;
        }
        int prec = (int)((u >> 20) % 26);
        fmt_spec_t spec;
        fmt_spec_init(&spec);
        spec.type = 'f';
        spec.precision = prec;
        fmt_buf_t out;
        fmt_buf_init(&out);
        char err[200];
        assert_int_equal(fmt_format_float(x, &spec, &out, err, sizeof err), 0);
        snprintf(want, sizeof want, "%.*f", prec, x);
        if (out.len != strlen(want) || memcmp(out.buf, want, out.len) != 0) {
            fail_msg("format(%a, '.%df') = %.*s, printf %s", x, prec,
                     (int)out.len, out.buf, want);
        }
        fmt_buf_free(&out);
    }
}

/* fmt_float_fixed6 must write what printf's "%.6f" writes: random bit
   patterns (every sign, magnitude and special value), clock-like values
   (multiples of small binary and decimal steps), and exact ties. */
/* A double of [kind] from random bits [u]: 0 any bit pattern, 1-4
 * clock-like decimals, 5 and 6 53-bit mantissas at scattered exponents,
 * 7 small decimals with rounding noise (17-digit reprs). */
static double sample_double(uint64_t u, int kind)
{
    double x;
    switch (kind) {
    case 0:
        memcpy(&x, &u, sizeof x);
        return x;
    case 1:
        return (double)(u % 100000000) / 1000000.0;
    case 2:
        return (double)(u % 10000000) * 0.001 + (double)(u >> 40) * 1e-9;
    case 3:
        return ldexp((double)(u % 2000001), -(int)(u >> 58) - 1);
    case 4:
        return (double)(u % 1000) / 100000.0 + (double)(u >> 50);
    case 5:
        return ldexp((double)(u >> 11), (int)(u % 80) - 70);
    case 6:
        return ldexp((double)(u >> 11), (int)(u % 120) - 100);
    default:
        return (double)(u % 100000) * 1e-7 - 0.001;
    }
}

/* "I.F" from fmt_float_plain's numbers, into [out]. */
static void plain_join(uint64_t ip, uint64_t fp, int fl, char *out,
                       size_t size)
{
    snprintf(out, size, "%llu.%0*llu", (unsigned long long)ip, fl,
             (unsigned long long)fp);
}

/* fmt_float_plain gives repr's two digit runs whenever it answers, and
 * answers for the plain reprs of the shapes timers and clocks take. */
static void test_float_plain_matches_repr(void **state)
{
    uint64_t seed = 0x13198A2E03707344u;
    char repr[64], joined[64];
    uint64_t ip, fp;
    int fl;
    int answered = 0, plain = 0;

    (void)state;
    for (int i = 0; i < 300000; i++) {
        static const int kinds[] = {0, 1, 4, 6, 7};
        double x = sample_double(next_random(&seed), kinds[i % 5]);
        fmt_float_repr(x, repr, sizeof repr);
        bool is_plain = repr[0] != '-' && !strchr(repr, 'e') &&
                        !strchr(repr, 'n') && strchr(repr, '.');
        // Clock-like values (kinds 1 and 4) have short reprs: the fast
        // path should answer for nearly all of them (not for powers of
        // two, nor for reprs of 16 or 17 digits, as kind 7 makes).
        bool clock = i % 5 == 1 || i % 5 == 2;
        plain += is_plain && clock;
        if (!fmt_float_plain(x, &ip, &fp, &fl)) {
            continue;
        }
        answered += clock;
        assert_true(fl >= 1 && fl <= 18 && ip < 100000000000000000u);
        plain_join(ip, fp, fl, joined, sizeof joined);
        if (!is_plain || strcmp(joined, repr) != 0) {
            fail_msg("plain %a: repr %s, parts %s", x, repr, joined);
        }
    }
    assert_true(answered > plain * 9 / 10);
    const double exact[] = {0.3, 3.0, 123.5, 0.001, 0.0001, 999999999999.5,
                            123456789.125, 1e14, 0.000123456789012345,
                            0.00919, 3600.0, 7200.5};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        fmt_float_repr(exact[i], repr, sizeof repr);
        assert_int_equal(fmt_float_plain(exact[i], &ip, &fp, &fl), 1);
        plain_join(ip, fp, fl, joined, sizeof joined);
        assert_string_equal(joined, repr);
    }
    const double other[] = {-1.5, 1e-5, 1e17, 0.0, -0.0, 1e300};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        assert_int_equal(fmt_float_plain(other[i], &ip, &fp, &fl), 0);
    }
}

/* fmt_float_micros is fmt_float_fixed6's number: the same digits, and
 * the same refusals. */
static void test_float_micros_matches_fixed6(void **state)
{
    uint64_t seed = 0x452821E638D01377u;
    char text[64], joined[64];
    (void)state;
    for (int i = 0; i < 200000; i++) {
        double x = sample_double(next_random(&seed), i % 8);
        uint64_t q;
        int ok = fmt_float_micros(x, &q);
        fmt_float_fixed6(x, text, sizeof text);
        if (!ok) {
            assert_true(!(x >= 0) || signbit(x) || x >= 8796093022208.0 ||
                        (x != 0 && x < ldexp(1.0, -48)));
            continue;
        }
        snprintf(joined, sizeof joined, "%llu.%06llu",
                 (unsigned long long)(q / 1000000u),
                 (unsigned long long)(q % 1000000u));
        if (strcmp(joined, text) != 0) {
            fail_msg("micros %a: fixed6 %s, micros %s", x, text, joined);
        }
    }
}

static void test_float_fixed6_matches_printf(void **state)
{
    uint64_t seed = 0x243F6A8885A308D3u;
    char want[400], got[400];
    int i;

    (void)state;
    for (i = 0; i < 300000; i++) {
        double x = sample_double(next_random(&seed), i % 6);
        snprintf(want, sizeof want, "%.6f", x);
        int n = fmt_float_fixed6(x, got, sizeof got);
        if (strcmp(want, got) != 0 || n != (int)strlen(want)) {
            fail_msg("%%.6f of %a: printf %s, fixed6 %s", x, want, got);
        }
    }
    const double ties[] = {0.0000005, 0.0000015, 0.0000025, 2.5e-7, 0.5e-6,
                           1.0000005, 0.0, -0.0, 1e15, 9007199254740991.0,
                           9007199254740992.0, 1e300, -1.5, 0.1, 0.7};
    for (i = 0; i < (int)(sizeof ties / sizeof ties[0]); i++) {
        snprintf(want, sizeof want, "%.6f", ties[i]);
        fmt_float_fixed6(ties[i], got, sizeof got);
        assert_string_equal(got, want);
    }
}

/* ---------------------------------------------------------- format(float) */

static const struct {
    double x;
    const char *spec;
    const char *want;
} float_cases[] = {
    {0x1.921f9f01b866ep+1, ">10", "   3.14159"},
    {0x1.921f9f01b866ep+1, "<10", "3.14159   "},
    {0x1.921f9f01b866ep+1, "^9", " 3.14159 "},
    {0x1.921f9f01b866ep+1, "*^9", "*3.14159*"},
    {0x1.2d687e4189375p+20, ",", "1,234,567.891"},
    {0x1.2d687e4189375p+20, "_", "1_234_567.891"},
    {0x1.921f9f01b866ep+1, "08.3f", "0003.142"},
    {-0x1.921f9f01b866ep+1, "08.3f", "-003.142"},
    {0x1.5666666666666p+1, ".2f", "2.67"},
    {0x1.0000000000000p-3, ".2f", "0.12"},
    {0x1.0000000000000p-1, ".0f", "0"},
    {0x1.8000000000000p+0, ".0f", "2"},
    {0x1.4000000000000p+1, ".0f", "2"},
    {0x1.81cd6e631f8a1p+13, ".3e", "1.235e+04"},
    {0x1.81cd6e631f8a1p+13, ".3E", "1.235E+04"},
    {0x1.02e4b6ce5dc68p-13, ".3g", "0.000123"},
    {0x1.81cd6e631f8a1p+13, ".3g", "1.23e+04"},
    {0x1.1c37937e08000p+53, "g", "1e+16"},
    {0x1.a36e2eb1c432dp-14, "g", "0.0001"},
    {0x1.4f8b588e368f1p-17, "g", "1e-05"},
    {0x1.d6f3454000000p+26, "g", "1.23457e+08"},
    {0x1.e240000000000p+16, "g", "123456"},
    {0x1.2d68700000000p+20, "G", "1.23457E+06"},
    {0x1.0000000000000p+0, "#g", "1.00000"},
    {0x1.1c37937e08000p+53, "#g", "1.00000e+16"},
    {0.0, "#.0g", "0."},
    {0x1.0000000000000p-2, "%", "25.000000%"},
    {0x1.0000000000000p-2, ".1%", "25.0%"},
    {0x1.2d687e4189375p+20, ",.2f", "1,234,567.89"},
    {0x1.2d687e4189375p+20, "_.2f", "1_234_567.89"},
    {0x1.0000000000000p+0, ".3", "1.0"},
    {0x1.ec00000000000p+6, ".3", "1.23e+02"},
    {0x1.8000000000000p+0, ".0", "2e+00"},
    {0x1.1c37937e08000p+53, "#", "1.e+16"},
    {0x1.0000000000000p+0, "", "1.0"},
    {0x1.1c37937e08000p+53, "", "1e+16"},
    {-0.0, "", "-0.0"},
    {-0.0, "z", "0.0"},
    {-0x1.a36e2eb1c432dp-14, ".2f", "-0.00"},
    {-0x1.a36e2eb1c432dp-14, "z.2f", "0.00"},
    {-0.0, "z.1e", "0.0e+00"},
    {HUGE_VAL, "", "inf"},
    {-HUGE_VAL, "+", "-inf"},
    {NAN, "+", "+nan"},
    {HUGE_VAL, "010", "0000000inf"},
    {HUGE_VAL, "F", "INF"},
    {NAN, "E", "NAN"},
    {-HUGE_VAL, "=+10", "-      inf"},
    {0x1.8000000000000p+1, "+", "+3.0"},
    {0x1.8000000000000p+1, " ", " 3.0"},
    {-0x1.8000000000000p+1, " ", "-3.0"},
    {0x1.8000000000000p+1, "=+10.2f", "+     3.00"},
    {-0x1.34a0000000000p+10, "012,.1f", "-0,001,234.5"},
    {0x1.34a0000000000p+10, "012,.1f", "00,001,234.5"},
    {0x1.34a0000000000p+10, "0=12,.1f", "00,001,234.5"},
    {0x1.34a0000000000p+10, "*<12,.1f", "1,234.5*****"},
    {0x1.34a0000000000p+10, "_^15.3f", "___1234.500____"},
    {0x1.7e43c8800759cp+996, "%", "100000000000000007629703079084894925347346855150656811701601734206211380288125794484142188964691784076639747577138548761372210387844799938291815611350519830750167649856488981626536368095414607314235151058373458986890825155659063617715863205282622390509284183439858617103083735673849899204570498157510656.000000%"},
    {0x1.7e43c8800759cp+996, ".3", "1e+300"},
    {0x1.2d68700000000p+20, "n", "1.23457e+06"},
    {0x1.999999999999ap-4, ".17f", "0.10000000000000001"},
    {0x1.999999999999ap-4, ".30f", "0.100000000000000005551115123126"},
    {0x0.0000000000001p-1022, ".3e", "4.941e-324"},
    {0x1.fffffffffffffp+1023, "f", "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000"},
    {0x1.fffffffffffffp+1023, ",.0f", "179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368"},
    {0.0, "e", "0.000000e+00"},
    {-0.0, "f", "-0.000000"},
    {0x1.0000000000000p+0, "#.0f", "1."},
    {0x1.0000000000000p+0, "#.0e", "1.e+00"},
    {0x1.edd2f1a9fbe77p+6, "é>12.1f", "ééééééé123.5"},
    {0x1.edd2f1a9fbe77p+6, "€^12", "€€123.456€€€"},
    {0x0.0000000000001p-1022, ".1100f", "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000494065645841246544176568792868221372365059802614324764425585682500675507270208751865299836361635992379796564695445717730926656710355939796398774796010781878126300713190311404527845817167848982103688718636056998730723050006387409153564984387312473397273169615140031715385398074126238565591171026658556686768187039560310624931945271591492455329305456544401127480129709999541931989409080416563324524757147869014726780159355238611550134803526493472019379026810710749170333222684475333572083243193609238289345836806010601150616980975307834227731832924790498252473077637592724787465608477820373446969953364701797267771758512566055119913150489110145103786273816725095583738973359899366480994116420570263709027924276754456522908753868250641971826553344726562500000000000000000000000000"},
    {0x1.5555555555555p-2, ".50g", "0.33333333333333331482961625624739099293947219848633"},
    {0x1.5555555555555p-2, "#.20", "0.33333333333333331483"},
    {0x1.5000000000000p+5, ".0%", "4200%"},
    {0x1.ad7f29abcaf48p-24, "", "1e-07"},
    {0x1.ad7f29abcaf48p-24, ".2", "1e-07"},
    {0x1.9000000000000p+3, ".2n", "12"},
    {0x1.3fd70a3d70a3dp+3, ".2f", "9.99"},
    {0x1.3fff2e48e8a72p+3, ".3g", "10"},
    {0x1.869f800000000p+16, "g", "99999.5"},
};

static void test_format_float(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(float_cases); i++) {
        fmt_spec_t spec;
        fmt_buf_t out;
        char err[200] = "";

        fmt_buf_init(&out);
        if (fmt_parse_spec_typed(float_cases[i].spec, strlen(float_cases[i].spec), "float",
                                 &spec, err, sizeof err) != 0 ||
            fmt_format_float(float_cases[i].x, &spec, &out, err, sizeof err) != 0) {
            fail_msg("format(%a, '%s') failed: %s", float_cases[i].x, float_cases[i].spec, err);
        }
        if (strcmp(out.buf, float_cases[i].want) != 0) {
            fail_msg("format(%a, '%s'): got '%s', want '%s'", float_cases[i].x,
                     float_cases[i].spec, out.buf, float_cases[i].want);
        }
        fmt_buf_free(&out);
    }
}

/* ------------------------------------------------------------ format(int) */

static const struct {
    int64_t v;
    const char *spec;
    const char *type_name;
    const char *want;
} int_cases[] = {
    {42, ">10", "int", "        42"},
    {42, "<5", "int", "42   "},
    {42, "^9", "int", "   42    "},
    {42, "*^9", "int", "***42****"},
    {42, "+d", "int", "+42"},
    {42, " d", "int", " 42"},
    {-42, " d", "int", "-42"},
    {1234567, ",", "int", "1,234,567"},
    {1234567, "_", "int", "1_234_567"},
    {3735928559, "_x", "int", "dead_beef"},
    {255, "#x", "int", "0xff"},
    {255, "#X", "int", "0XFF"},
    {8, "#o", "int", "0o10"},
    {5, "#b", "int", "0b101"},
    {-5, "#b", "int", "-0b101"},
    {42, "=+10d", "int", "+       42"},
    {-42, "=10", "int", "-       42"},
    {65, "c", "int", "A"},
    {8364, "c", "int", "€"},
    {119070, "^5c", "int", "  𝄞  "},
    {65, "05c", "int", "0000A"},
    {1234, "08,", "int", "0,001,234"},
    {1234, "09,", "int", "0,001,234"},
    {1234, "010,", "int", "00,001,234"},
    {1234, "011,", "int", "000,001,234"},
    {-1234, "08,", "int", "-001,234"},
    {255, "#010x", "int", "0x000000ff"},
    {-255, "#010x", "int", "-0x00000ff"},
    {255, "#012_b", "int", "0b0_1111_1111"},
    {0, "#x", "int", "0x0"},
    {0, ",", "int", "0"},
    {0, "08", "int", "00000000"},
    {INT64_MIN, "", "int", "-9223372036854775808"},
    {INT64_MIN, ",", "int", "-9,223,372,036,854,775,808"},
    {INT64_MIN, "x", "int", "-8000000000000000"},
    {INT64_MIN, "#b", "int", "-0b1000000000000000000000000000000000000000000000000000000000000000"},
    {INT64_MIN, "_o", "int", "-10_0000_0000_0000_0000_0000"},
    {9223372036854775807, "_", "int", "9_223_372_036_854_775_807"},
    {9223372036854775807, "X", "int", "7FFFFFFFFFFFFFFF"},
    {9223372036854775807, "+,", "int", "+9,223,372,036,854,775,807"},
    {1234567, "n", "int", "1234567"},
    {1234567, ".2f", "int", "1234567.00"},
    {1234567, "e", "int", "1.234567e+06"},
    {1234567, ",.2f", "int", "1,234,567.00"},
    {3, "%", "int", "300.000000%"},
    {3, ".1%", "int", "300.0%"},
    {9007199254740993, "f", "int", "9007199254740992.000000"},
    {9223372036854775807, "g", "int", "9.22337e+18"},
    {5, "<05", "int", "50000"},
    {5, "*<05", "int", "5****"},
    {5, "=<5", "int", "5===="},
    {12345678, "_b", "int", "1011_1100_0110_0001_0100_1110"},
    {12345678, "_X", "int", "BC_614E"},
    {7, "€>6", "int", "€€€€€7"},
    {7, "d", "int", "7"},
    {1, "", "bool", "True"},
    {0, "", "bool", "False"},
    {1, "d", "bool", "1"},
    {1, ">5", "bool", "    1"},
    {0, "x", "bool", "0"},
    {1, ".1f", "bool", "1.0"},
    {1, "-", "bool", "1"},
};

static void test_format_int(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(int_cases); i++) {
        fmt_spec_t spec;
        fmt_buf_t out;
        char err[200] = "";

        fmt_buf_init(&out);
        if (fmt_parse_spec_typed(int_cases[i].spec, strlen(int_cases[i].spec),
                                 int_cases[i].type_name, &spec, err, sizeof err) != 0 ||
            fmt_format_int(int_cases[i].v, &spec, int_cases[i].type_name, &out, err,
                           sizeof err) != 0) {
            fail_msg("format(%lld, '%s') failed: %s", (long long)int_cases[i].v,
                     int_cases[i].spec, err);
        }
        if (strcmp(out.buf, int_cases[i].want) != 0) {
            fail_msg("format(%lld, '%s'): got '%s', want '%s'", (long long)int_cases[i].v,
                     int_cases[i].spec, out.buf, int_cases[i].want);
        }
        fmt_buf_free(&out);
    }
}

/* ------------------------------------------------------------ format(str) */

static const struct {
    const char *s;
    const char *spec;
    const char *want;
} str_cases[] = {
    {"abc", ">10", "       abc"},
    {"abc", "<5", "abc  "},
    {"abc", "^9", "   abc   "},
    {"abc", "*^9", "***abc***"},
    {"abc", "^8", "  abc   "},
    {"héllo", "^9", "  héllo  "},
    {"héllo", ".2", "hé"},
    {"日本語", ">6", "   日本語"},
    {"日本語", ".1", "日"},
    {"€𝄞", "é^6", "éé€𝄞éé"},
    {"abc", "05", "abc00"},
    {"abc", "0>5", "00abc"},
    {"abc", ".0", ""},
    {"abc", "", "abc"},
    {"", ">3", "   "},
    {"abc", "s", "abc"},
    {"abcdef", "10.3s", "abc       "},
    {"abc", "٣", "abc"},
};

static void test_format_str(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(str_cases); i++) {
        fmt_spec_t spec;
        fmt_buf_t out;
        char err[200] = "";

        fmt_buf_init(&out);
        if (fmt_parse_spec_typed(str_cases[i].spec, strlen(str_cases[i].spec), "str", &spec,
                                 err, sizeof err) != 0 ||
            fmt_format_str(str_cases[i].s, strlen(str_cases[i].s), &spec, &out, err,
                           sizeof err) != 0) {
            fail_msg("format('%s', '%s') failed: %s", str_cases[i].s, str_cases[i].spec, err);
        }
        assert_int_equal(out.len, strlen(str_cases[i].want));
        if (out.len > 0 && strcmp(out.buf, str_cases[i].want) != 0) {
            fail_msg("format('%s', '%s'): got '%s', want '%s'", str_cases[i].s,
                     str_cases[i].spec, out.buf, str_cases[i].want);
        }
        fmt_buf_free(&out);
    }
}

/* ----------------------------------------------------------------- errors */

enum { K_INT, K_BOOL, K_FLOAT, K_STR };

static const struct {
    int kind;
    int64_t i;
    double f;
    const char *s;
    const char *spec;
    const char *want;
} error_cases[] = {
    {K_INT, 5, 0.0, NULL, "s", "Unknown format code 's' for object of type 'int'"},
    {K_INT, 5, 0.0, NULL, ".2", "Precision not allowed in integer format specifier"},
    {K_INT, 5, 0.0, NULL, ".2d", "Precision not allowed in integer format specifier"},
    {K_INT, 5, 0.0, NULL, "zd", "Negative zero coercion (z) not allowed in integer format specifier"},
    {K_INT, 5, 0.0, NULL, "+c", "Sign not allowed with integer format specifier 'c'"},
    {K_INT, 5, 0.0, NULL, "#c", "Alternate form (#) not allowed with integer format specifier 'c'"},
    {K_INT, -1, 0.0, NULL, "c", "%c arg not in range(0x110000)"},
    {K_INT, 1114112, 0.0, NULL, "c", "%c arg not in range(0x110000)"},
    {K_INT, 5, 0.0, NULL, ",c", "Cannot specify ',' with 'c'."},
    {K_INT, 5, 0.0, NULL, "_n", "Cannot specify '_' with 'n'."},
    {K_INT, 5, 0.0, NULL, ",x", "Cannot specify ',' with 'x'."},
    {K_INT, 5, 0.0, NULL, ",s", "Cannot specify ',' with 's'."},
    {K_INT, 5, 0.0, NULL, "abc", "Invalid format specifier 'abc' for object of type 'int'"},
    {K_INT, 5, 0.0, NULL, ".", "Format specifier missing precision"},
    {K_INT, 5, 0.0, NULL, ",_", "Cannot specify both ',' and '_'."},
    {K_INT, 5, 0.0, NULL, "_,", "Cannot specify both ',' and '_'."},
    {K_INT, 5, 0.0, NULL, "99999999999999999999", "Too many decimal digits in format string"},
    {K_INT, 5, 0.0, NULL, "\011", "Unknown format code '\\x9' for object of type 'int'"},
    {K_INT, 5, 0.0, NULL, "é", "Unknown format code '\\xe9' for object of type 'int'"},
    {K_INT, 5, 0.0, NULL, ",é", "Cannot specify ',' with '\\xe9'."},
    {K_BOOL, 1, 0.0, NULL, "s", "Unknown format code 's' for object of type 'bool'"},
    {K_FLOAT, 0, 0x1.8000000000000p+0, NULL, "d", "Unknown format code 'd' for object of type 'float'"},
    {K_FLOAT, 0, 0x1.8000000000000p+0, NULL, "x", "Unknown format code 'x' for object of type 'float'"},
    {K_FLOAT, 0, 0x1.8000000000000p+0, NULL, "abc", "Invalid format specifier 'abc' for object of type 'float'"},
    {K_FLOAT, 0, 0x1.8000000000000p+0, NULL, ",n", "Cannot specify ',' with 'n'."},
    {K_FLOAT, 0, 0x1.8000000000000p+0, NULL, ".3000000000f", "precision too big"},
    {K_FLOAT, 0, 0x1.8000000000000p+0, NULL, "_c", "Cannot specify '_' with 'c'."},
    {K_STR, 0, 0.0, "a", "d", "Unknown format code 'd' for object of type 'str'"},
    {K_STR, 0, 0.0, "a", "+", "Sign not allowed in string format specifier"},
    {K_STR, 0, 0.0, "a", " ", "Space not allowed in string format specifier"},
    {K_STR, 0, 0.0, "a", "z", "Negative zero coercion (z) not allowed in string format specifier"},
    {K_STR, 0, 0.0, "a", "#", "Alternate form (#) not allowed in string format specifier"},
    {K_STR, 0, 0.0, "a", "=", "'=' alignment not allowed in string format specifier"},
    {K_STR, 0, 0.0, "a", ">=5", "'=' alignment not allowed in string format specifier"},
    {K_STR, 0, 0.0, "a", ",", "Cannot specify ',' with 's'."},
    {K_STR, 0, 0.0, "a", "_", "Cannot specify '_' with 's'."},
    {K_STR, 0, 0.0, "a", ".2f", "Unknown format code 'f' for object of type 'str'"},
    {K_STR, 0, 0.0, "a", "x y", "Invalid format specifier 'x y' for object of type 'str'"},
};

static void test_format_errors(void **state)
{
    static const char *const names[] = {"int", "bool", "float", "str"};
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(error_cases); i++) {
        fmt_spec_t spec;
        fmt_buf_t out;
        char err[200] = "";
        const char *name = names[error_cases[i].kind];
        int rc = fmt_parse_spec_typed(error_cases[i].spec, strlen(error_cases[i].spec), name,
                                      &spec, err, sizeof err);

        fmt_buf_init(&out);
        if (rc == 0) {
            switch (error_cases[i].kind) {
            case K_INT:
            case K_BOOL:
                rc = fmt_format_int(error_cases[i].i, &spec, name, &out, err, sizeof err);
                break;
            case K_FLOAT:
                rc = fmt_format_float(error_cases[i].f, &spec, &out, err, sizeof err);
                break;
            default:
                rc = fmt_format_str(error_cases[i].s, strlen(error_cases[i].s), &spec, &out,
                                    err, sizeof err);
                break;
            }
        }
        if (rc != -1) {
            fail_msg("spec '%s' for %s should fail with \"%s\"", error_cases[i].spec, name,
                     error_cases[i].want);
        }
        assert_string_equal(err, error_cases[i].want);
        fmt_buf_free(&out);
    }
}

static void test_untyped_parse_error(void **state)
{
    fmt_spec_t spec;
    char err[64];

    (void)state;
    assert_int_equal(fmt_parse_spec("abc", 3, &spec, err, sizeof err), -1);
    assert_string_equal(err, "Invalid format specifier");
    /* a tiny error buffer is truncated, not overrun */
    assert_int_equal(fmt_parse_spec(".", 1, &spec, err, 7), -1);
    assert_string_equal(err, "Format");
    /* and a NULL one is allowed */
    assert_int_equal(fmt_parse_spec(".", 1, &spec, NULL, 0), -1);
    assert_string_equal(FMT_ERR_CHAR_RANGE, "%c arg not in range(0x110000)");
}

/* ------------------------------------------------------------ spec fields */

static void test_parse_spec_fields(void **state)
{
    fmt_spec_t s;
    char err[128];

    (void)state;
    assert_int_equal(fmt_parse_spec("", 0, &s, err, sizeof err), 0);
    assert_string_equal(s.fill, " ");
    assert_int_equal(s.align, 0);
    assert_int_equal(s.sign, 0);
    assert_false(s.alt);
    assert_false(s.zero);
    assert_false(s.z);
    assert_int_equal(s.width, -1);
    assert_int_equal(s.grouping, 0);
    assert_int_equal(s.precision, -1);
    assert_int_equal(s.type, 0);
    assert_int_equal(s.type_cp, 0);

    assert_int_equal(fmt_parse_spec("*^+z#012,.5f", 12, &s, err, sizeof err), 0);
    assert_string_equal(s.fill, "*");
    assert_int_equal(s.align, '^');
    assert_int_equal(s.sign, '+');
    assert_true(s.z);
    assert_true(s.alt);
    /* with an explicit fill the '0' is part of the width */
    assert_false(s.zero);
    assert_int_equal(s.width, 12);
    assert_int_equal(s.grouping, ',');
    assert_int_equal(s.precision, 5);
    assert_int_equal(s.type, 'f');

    assert_int_equal(fmt_parse_spec("<05", 3, &s, err, sizeof err), 0);
    assert_int_equal(s.align, '<');
    assert_true(s.zero);
    assert_int_equal(s.width, 5);

    assert_int_equal(fmt_parse_spec("€>_", strlen("€>_"), &s, err, sizeof err), 0);
    assert_string_equal(s.fill, "€");
    assert_int_equal(s.align, '>');
    assert_int_equal(s.grouping, '_');

    /* Unicode decimal digits count in the width (ARABIC-INDIC 1, 2) */
    assert_int_equal(fmt_parse_spec("١٢", strlen("١٢"), &s, err, sizeof err), 0);
    assert_int_equal(s.width, 12);

    /* a non-ASCII type letter is kept as a code point for the message */
    assert_int_equal(fmt_parse_spec("é", strlen("é"), &s, err, sizeof err), 0);
    assert_int_equal(s.type, 0);
    assert_int_equal(s.type_cp, 0xE9 + 1);

    assert_int_equal(fmt_parse_spec("_x", 2, &s, err, sizeof err), 0);
    assert_int_equal(fmt_parse_spec(",d", 2, &s, err, sizeof err), 0);
    assert_int_equal(fmt_parse_spec(",", 1, &s, err, sizeof err), 0);
}

/* Specs built by hand (e.g. by the interpreter for %-formatting). */
static void test_hand_built_spec(void **state)
{
    fmt_spec_t s;
    fmt_buf_t out;
    char err[128];

    (void)state;
    fmt_spec_init(&s);
    s.zero = true;
    s.width = 8;
    s.precision = 2;
    s.type = 'f';
    fmt_buf_init(&out);
    assert_int_equal(fmt_format_float(-3.14159, &s, &out, err, sizeof err), 0);
    assert_string_equal(out.buf, "-0003.14");
    fmt_buf_free(&out);

    fmt_spec_init(&s);
    s.type = 'x';
    s.alt = true;
    assert_int_equal(fmt_format_int(255, &s, NULL, &out, err, sizeof err), 0);
    assert_string_equal(out.buf, "0xff");
    /* results are appended */
    assert_int_equal(fmt_format_str("!", 1, &(fmt_spec_t){.fill = " ", .width = 3,
                                                          .precision = -1}, &out, err,
                                    sizeof err), 0);
    assert_string_equal(out.buf, "0xff!  ");
    fmt_buf_free(&out);
}

/* ---------------------------------------------------------------- float() */

static const struct {
    const char *text;
    int rc;
    double want;
} parse_cases[] = {
    {"1.5", 0, 0x1.8000000000000p+0},
    {"  -2.5e3  ", 0, -0x1.3880000000000p+11},
    {"1_000.5", 0, 0x1.f440000000000p+9},
    {"1e1_0", 0, 0x1.2a05f20000000p+33},
    {".5", 0, 0x1.0000000000000p-1},
    {"1.", 0, 0x1.0000000000000p+0},
    {"+inf", 0, HUGE_VAL},
    {"-Infinity", 0, -HUGE_VAL},
    {"iNf", 0, HUGE_VAL},
    {"nan", 0, NAN},
    {"-nan", 0, -NAN},
    {"1e400", 0, HUGE_VAL},
    {"-1e400", 0, -HUGE_VAL},
    {"1.5e-400", 0, 0.0},
    {"4.9e-324", 0, 0x0.0000000000001p-1022},
    {"-0", 0, -0.0},
    {"١٢.٥", 0, 0x1.9000000000000p+3},
    {"　 7 \011", 0, 0x1.c000000000000p+2},
    {"0.1", 0, 0x1.999999999999ap-4},
    {"123456789012345678901234567890", 0, 0x1.8ee90ff6c373ep+96},
    {"_1", -1, 0.0},
    {"1__2", -1, 0.0},
    {"1_", -1, 0.0},
    {"1_.5", -1, 0.0},
    {"1._5", -1, 0.0},
    {".", -1, 0.0},
    {"", -1, 0.0},
    {"  ", -1, 0.0},
    {"1e", -1, 0.0},
    {"e5", -1, 0.0},
    {"0x10", -1, 0.0},
    {"infinit", -1, 0.0},
    {"nan(1)", -1, 0.0},
    {"1 2", -1, 0.0},
    {"--1", -1, 0.0},
    {"1e+", -1, 0.0},
    {"١x", -1, 0.0},
    {"abc", -1, 0.0},
};

static void test_parse_float(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(parse_cases); i++) {
        double got = 12345.0;
        int rc = fmt_parse_float(parse_cases[i].text, strlen(parse_cases[i].text), &got);
        if (rc != parse_cases[i].rc) {
            fail_msg("float('%s'): rc %d, want %d", parse_cases[i].text, rc, parse_cases[i].rc);
        }
        if (rc == 0) {
            expect_double(got, parse_cases[i].want, parse_cases[i].text);
        }
    }
}

static void test_parse_float_embedded_nul(void **state)
{
    double got;

    (void)state;
    assert_int_equal(fmt_parse_float("1\0" "5", 3, &got), -1);
    /* the length is honoured: no NUL terminator needed */
    assert_int_equal(fmt_parse_float("2.5junk", 3, &got), 0);
    expect_double(got, 2.5, "2.5");
}

/* ----------------------------------------------------------------- round */

static const struct {
    double x;
    int ndigits;
    double want;
    bool overflow;
} round_cases[] = {
    {0x1.5666666666666p+1, 2, 0x1.55c28f5c28f5cp+1, false},
    {0x1.34a0000000000p+10, -1, 0x1.3380000000000p+10, false},
    {0x1.34c0000000000p+10, -1, 0x1.3600000000000p+10, false},
    {0x1.3740000000000p+10, -1, 0x1.3600000000000p+10, false},
    {0x1.3880000000000p+12, -4, 0.0, false},
    {0x1.7700000000000p+12, -4, 0x1.3880000000000p+13, false},
    {-0x1.999999999999ap-2, 0, -0.0, false},
    {0x1.0000000000000p-1, 0, 0.0, false},
    {0x1.8000000000000p+0, 0, 0x1.0000000000000p+1, false},
    {0x1.4000000000000p+1, 0, 0x1.0000000000000p+1, false},
    {-0x1.4000000000000p+1, 0, -0x1.0000000000000p+1, false},
    {0x1.0000000000000p-3, 2, 0x1.eb851eb851eb8p-4, false},
    {0x1.8000000000000p-2, 2, 0x1.851eb851eb852p-2, false},
    {-0x1.0000000000000p+2, -1, -0.0, false},
    {0x1.0f0cf064dd592p+73, -22, 0x1.0f0cf064dd592p+73, false},
    {0x1.969368974c05bp+73, -22, 0x1.0f0cf064dd592p+74, false},
    {0x1.52d02c7e14af6p+74, -22, 0x1.0f0cf064dd592p+74, false},
    {0x1.edd2f1a9fbe77p+6, 1, 0x1.ee00000000000p+6, false},
    {0x1.edd2f1a9fbe77p+6, -2, 0x1.9000000000000p+6, false},
    {0x1.5555555555555p-2, 5, 0x1.555475a31a4bep-2, false},
    {0x0.0000000000001p-1022, 323, 0.0, false},
    {0x0.0000000000001p-1022, 400, 0x0.0000000000001p-1022, false},
    {0x1.7e43c8800759cp+996, -400, 0.0, false},
    {-0x1.7e43c8800759cp+996, -400, -0.0, false},
    {HUGE_VAL, 2, HUGE_VAL, false},
    {-HUGE_VAL, -2, -HUGE_VAL, false},
    {0x1.999999999999ap-4, 20, 0x1.999999999999ap-4, false},
    {0x1.fffffffffffffp+1023, -280, 0x1.fffffffffffffp+1023, false},
    {0x1.1ccf385ebc8a0p+1023, -308, 0x1.1ccf385ebc8a0p+1023, false},
    {0x1.fffffffffffffp+1023, -308, HUGE_VAL, true},
    {-0x1.fffffffffffffp+1023, -308, -HUGE_VAL, true},
};

static void test_round_float(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(round_cases); i++) {
        bool overflow = !round_cases[i].overflow;
        double got = fmt_round_float(round_cases[i].x, round_cases[i].ndigits, &overflow);
        char what[64];

        snprintf(what, sizeof what, "round(%a, %d)", round_cases[i].x, round_cases[i].ndigits);
        assert_int_equal(overflow, round_cases[i].overflow);
        expect_double(got, round_cases[i].want, what);
    }
}

/* ---------------------------------------------------------- % and // */

static const struct {
    double a;
    double b;
    double mod;
    double floordiv;
} divmod_cases[] = {
    {0x1.c000000000000p+2, 0x1.0000000000000p+1, 0x1.0000000000000p+0, 0x1.8000000000000p+1},
    {-0x1.c000000000000p+2, 0x1.0000000000000p+1, 0x1.0000000000000p+0, -0x1.0000000000000p+2},
    {0x1.c000000000000p+2, -0x1.0000000000000p+1, -0x1.0000000000000p+0, -0x1.0000000000000p+2},
    {-0x1.c000000000000p+2, -0x1.0000000000000p+1, -0x1.0000000000000p+0, 0x1.8000000000000p+1},
    {0.0, 0x1.4000000000000p+2, 0.0, 0.0},
    {-0.0, 0x1.4000000000000p+2, 0.0, -0.0},
    {0.0, -0x1.4000000000000p+2, -0.0, -0.0},
    {0x1.0000000000000p+2, -0x1.0000000000000p+1, -0.0, -0x1.0000000000000p+1},
    {-0x1.0000000000000p+2, 0x1.0000000000000p+1, 0.0, -0x1.0000000000000p+1},
    {0x1.4000000000000p+2, HUGE_VAL, 0x1.4000000000000p+2, 0.0},
    {-0x1.4000000000000p+2, HUGE_VAL, HUGE_VAL, -0x1.0000000000000p+0},
    {0x1.4000000000000p+2, -HUGE_VAL, -HUGE_VAL, -0x1.0000000000000p+0},
    {0x1.999999999999ap-4, 0x1.47ae147ae147bp-7, 0x1.0000000000000p-58, 0x1.4000000000000p+3},
    {0x1.1ccf385ebc8a0p+1023, 0x0.730d67819e8d2p-1022, 0x0.28401cf53d610p-1022, HUGE_VAL},
    {0x1.6000000000000p+2, 0x1.8000000000000p+0, 0x1.0000000000000p+0, 0x1.8000000000000p+1},
    {-0x1.6000000000000p+2, 0x1.8000000000000p+0, 0x1.0000000000000p-1, -0x1.0000000000000p+2},
    {0x1.8000000000000p+1, 0x1.999999999999ap-4, 0x1.999999999998ep-4, 0x1.d000000000000p+4},
    {0x1.0000000000000p+0, -0x0.00000000007e8p-1022, -0x0.00000000001a8p-1022, -HUGE_VAL},
};

static void test_float_mod_floordiv(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < COUNT(divmod_cases); i++) {
        char what[80];

        snprintf(what, sizeof what, "%a %% %a", divmod_cases[i].a, divmod_cases[i].b);
        expect_double(fmt_float_mod(divmod_cases[i].a, divmod_cases[i].b), divmod_cases[i].mod,
                      what);
        snprintf(what, sizeof what, "%a // %a", divmod_cases[i].a, divmod_cases[i].b);
        expect_double(fmt_float_floordiv(divmod_cases[i].a, divmod_cases[i].b),
                      divmod_cases[i].floordiv, what);
    }
    /* inf // 1 and inf % 1 are nan in Python */
    assert_true(isnan(fmt_float_floordiv(HUGE_VAL, 1.0)));
    assert_true(isnan(fmt_float_mod(HUGE_VAL, 1.0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_basics),
        cmocka_unit_test(test_buf_alloc_failure),
        cmocka_unit_test(test_float_repr),
        cmocka_unit_test(test_float_repr_truncates),
        cmocka_unit_test(test_float_repr_roundtrip),
        cmocka_unit_test(test_float_repr_shortest_matches_search),
        cmocka_unit_test(test_format_fixed_matches_printf),
        cmocka_unit_test(test_format_float),
        cmocka_unit_test(test_format_int),
        cmocka_unit_test(test_format_str),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_untyped_parse_error),
        cmocka_unit_test(test_parse_spec_fields),
        cmocka_unit_test(test_hand_built_spec),
        cmocka_unit_test(test_parse_float),
        cmocka_unit_test(test_parse_float_embedded_nul),
        cmocka_unit_test(test_round_float),
        cmocka_unit_test(test_float_mod_floordiv),
        cmocka_unit_test(test_float_fixed6_matches_printf),
        cmocka_unit_test(test_float_plain_matches_repr),
        cmocka_unit_test(test_float_micros_matches_fixed6),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
