/*
 * fmt_float.c - CPython-exact conversions between doubles and decimal
 * text: the digits of a double, repr(float), float(text), round(float,
 * ndigits), and float % and //. format(float, spec) (fmt.c) gets its
 * digits here.
 *
 * This file reproduces the observable behaviour (it does not copy the code)
 * of these parts of CPython 3.11:
 *   Python/pystrtod.c           PyOS_double_to_string / format_float_short,
 *                               _PyOS_ascii_strtod, _Py_parse_inf_or_nan
 *   Objects/floatobject.c       float_repr, float_from_string_inner,
 *                               float___round__ / double_round,
 *                               float_rem, _float_div_mod
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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_int.h"

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
        if (fmt__is_ascii_digit(*s)) {
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

static const uint64_t pow10[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
    10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
    100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull,
    100000000000000000ull, 1000000000000000000ull,
    10000000000000000000ull,
};

/* 10**d for 0 <= d <= 38. */
static unsigned __int128 pow10_u128(int d)
{
    return d <= 19 ? pow10[d] : (unsigned __int128)pow10[19] * pow10[d - 19];
}

/* ax (positive, finite) as m * 2**-s with m's top bit 2**52; false for
 * a subnormal, whose m has fewer bits. */
static bool split_double(double ax, uint64_t *m, int *s)
{
    uint64_t bits;
    memcpy(&bits, &ax, sizeof bits);
    int be = (int)(bits >> 52 & 0x7ff);
    *m = (bits & ((1ull << 52) - 1)) | (1ull << 52);
    *s = 1075 - be;
    return be != 0;
}

/* digits_fixed without printf where exact integers suffice: ax = m *
   2**-s with -11 <= s <= 77, prec <= 22, and ax * 10**prec below 2**64
   (so X = m * 10**prec fits 128 bits and the rounded digits one uint64):
   "{:.2f}" of a program's everyday floats. The digits are X / 2**s
   rounded half to even, as printf rounds the exact binary value. Returns
   false (dg untouched) outside that range. */
static bool digits_fixed_exact(double ax, int64_t prec, digits_t *dg)
{
    uint64_t m;
    int s;
    if (!split_double(ax, &m, &s) || s < -11 || s > 77 || prec < 0 ||
        prec > 22) {
        return false;
    }
    unsigned __int128 one = 1, p10 = pow10_u128((int)prec), q;
    if (s <= 0) {
        if (prec > 19) {
            return false;   /* the product below would pass 2**128 */
        }
        q = (unsigned __int128)(m << -s) * p10;   /* m << 11 < 2**64 */
    } else {
        unsigned __int128 X = (unsigned __int128)m * p10;
        q = X >> s;
        unsigned __int128 r = X - (q << s), half = one << (s - 1);
        if (r > half || (r == half && (q & 1))) {
            q++;
        }
    }
    if (q >> 64) {
        return false;
    }
    char tmp[24];
    int64_t n = (int64_t)fmt_u64((uint64_t)q, tmp);
    memcpy(dg->d, tmp, (size_t)n);
    digits_normalise(dg, n, n - prec);
    return true;
}

/* dtoa mode 3: rounded to `prec` digits after the decimal point. */
static void digits_fixed(double ax, int64_t prec, digits_t *dg)
{
    char tmp[DIGITS_CAP + 32];
    const char *s;
    int64_t n = 0;
    int64_t intdigits = -1;

    if (digits_fixed_exact(ax, prec, dg)) {
        return;
    }
    if (prec > FRAC_DIGITS_MAX) {
        prec = FRAC_DIGITS_MAX;
    }
    snprintf(tmp, sizeof tmp, "%.*f", (int)prec, ax);
    for (s = tmp; *s != '\0'; s++) {
        if (fmt__is_ascii_digit(*s)) {
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

/* shortest_try(ax, DBL_DIG, ...) without printf or strtod, for the
   doubles where exact 128-bit integers suffice: ax = m * 2**-s with s <=
   77, and ax * 10**d in [10**14, 10**15) with 0 <= d <= 22, so that
   ax >= 2**-25 or so and ax < 10**15 (timers' delays and due times, clock
   readings, most program floats). Returns 1 with the 15 digits in raw
   and their exponent in *exp10 when they read back as ax, 0 when they
   do not, and -1 for a double out of that range or a power of two (whose
   rounding interval is lopsided): shortest_try decides those.

   The digits are ax * 10**d = X / 2**s, X = m * 10**d, rounded half to
   even as printf rounds the exact binary value. They read back as ax
   when they are nearer to ax than half an ulp, 2**-s / 2: scaled by
   10**d * 2**s, when 2 * |N * 2**s - X| < 10**d, or equal with m even
   (strtod rounds a tie to the even mantissa). */
static int shortest15_num(double ax, uint64_t *digits, long *exp10)
{
    uint64_t m;
    int s;   /* ax = m * 2**-s */
    if (!split_double(ax, &m, &s) || s < 0 || s > 77 || m == 1ull << 52) {
        return -1;
    }
    // floor(log10(ax)) from the binary exponent (log10(2) ~ 78913 / 2**18),
    // off by at most one: corrected below.
    int k = ((52 - s) * 78913) >> 18;
    int d = 14 - k;
    unsigned __int128 one = 1, X = 0, q = 0, p10 = 0;
    for (int tries = 0; tries < 3; tries++) {
        if (d < 0 || d > 22) {
            return -1;
        }
        p10 = pow10_u128(d);
        X = (unsigned __int128)m * p10;
        q = X >> s;
        if (q < pow10[14]) {
            d++;
        } else if (q >= pow10[15]) {
            d--;
        } else {
            break;
        }
    }
    if (q < pow10[14] || q >= pow10[15]) {
        return -1;
    }
    if (s > 0) {
        unsigned __int128 r = X - (q << s), half = one << (s - 1);
        if (r > half || (r == half && (q & 1))) {
            q++;
        }
    }
    if (q == pow10[15]) {
        // 999...95 rounded up: one digit more in front.
        q = pow10[14];
        d--;
        if (d < 0) {
            return -1;
        }
        p10 = pow10_u128(d);
    }
    unsigned __int128 qs = q << s, Xd = (unsigned __int128)m * p10;
    unsigned __int128 diff = qs > Xd ? qs - Xd : Xd - qs;
    *digits = (uint64_t)q;
    *exp10 = 14 - d;
    return 2 * diff < p10 || (2 * diff == p10 && (m & 1) == 0);
}

/* shortest15_num's digits as 15 characters at [raw]. */
static int shortest15_exact(double ax, char *raw, long *exp10)
{
    uint64_t n = 0;
    int r = shortest15_num(ax, &n, exp10);
    if (r >= 0) {
        for (int i = 14; i >= 0; i--) {
            raw[i] = (char)('0' + n % 10);
            n /= 10;
        }
    }
    return r;
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
    // A normal double's shortest string has at most DBL_DIG (15) digits
    // exactly when its 15-digit rounding reads back as it: any decimal
    // of at most 15 digits survives the trip through a double, so the
    // shortest, padded with zeros, is that rounding. One try then gives
    // the digits (less its trailing zeros) instead of a search of five;
    // it is most of what recording timers cost (delays and due times).
    int fast = ax >= DBL_MIN ? shortest15_exact(ax, raw, &exp10) : -1;
    if (fast == 1 ||
        (fast < 0 && ax >= DBL_MIN && shortest_try(ax, DBL_DIG, raw, &exp10))) {
        int n = DBL_DIG;
        while (n > 1 && raw[n - 1] == '0') {
            n--;
        }
        memcpy(dg->d, raw, (size_t)n);
        digits_normalise(dg, n, (int64_t)exp10 + 1);
        return;
    }
    if (ax >= DBL_MIN) {
        lo = DBL_DIG + 1;
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
        fmt__buf_zeros(out, decpt - vstart);
        fmt_buf_putc(out, '.');
        fmt__buf_zeros(out, -decpt);
    } else {
        fmt__buf_zeros(out, -vstart);
    }
    if (decpt > 0 && decpt <= dg.len) {
        fmt_buf_put(out, dg.d, (size_t)decpt);
        fmt_buf_putc(out, '.');
        fmt_buf_put(out, dg.d + decpt, (size_t)(dg.len - decpt));
    } else {
        fmt_buf_put(out, dg.d, (size_t)dg.len);
    }
    if (dg.len < decpt) {
        fmt__buf_zeros(out, decpt - dg.len);
        fmt_buf_putc(out, '.');
        fmt__buf_zeros(out, vend - decpt);
    } else {
        fmt__buf_zeros(out, vend - dg.len);
    }
    if (!out->failed && out->buf[out->len - 1] == '.' && !alt) {
        out->buf[--out->len] = '\0';
    }
    if (use_exp) {
        char e[24];
        int n = snprintf(e, sizeof e, "%c%+.02ld", upper ? 'E' : 'e', exp10);
        fmt_buf_put(out, e, (size_t)n);
    }
}

/* PyOS_double_to_string: code is one of e E f F g G r. */
void fmt__double_to_string(fmt_buf_t *out, double x, char code,
                           int64_t precision,
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

int fmt_float_micros(double x, uint64_t *out)
{
    // x = m * 2**e exactly; x * 10**6 = m * 10**6 * 2**e fits 128 bits
    // (m < 2**53, 10**6 < 2**20), so the quotient and remainder of the
    // shift are exact and the rounding is printf's. Below 2**43 the
    // result, x * 10**6, fits 64 bits.
    int e;
    double fr = frexp(x, &e);
    if (!(x >= 0) || signbit(x) || x >= 8796093022208.0 ||
        (x != 0 && e - 53 < -100)) {
        return 0;
    }
    uint64_t m = (uint64_t)ldexp(fr, 53);
    int shift = 53 - e;            /* x = m / 2**shift */
    unsigned __int128 p = (unsigned __int128)m * 1000000u;
    uint64_t q;
    if (x == 0) {
        q = 0;
    } else if (shift <= 0) {
        q = (uint64_t)(p << -shift);
    } else {
        unsigned __int128 one = 1;
        unsigned __int128 mask = (one << shift) - 1;
        unsigned __int128 rem = p & mask, half = one << (shift - 1);
        q = (uint64_t)(p >> shift);
        if (rem > half || (rem == half && (q & 1))) {
            q++;
        }
    }
    *out = q;
    return 1;
}

int fmt_float_fixed6(double x, char *out, size_t size)
{
    uint64_t q;
    if (size < 32 || !fmt_float_micros(x, &q)) {
        return snprintf(out, size, "%.6f", x);
    }
    uint64_t fp = q % 1000000u;
    int k = (int)fmt_u64(q / 1000000u, out);
    out[k++] = '.';
    for (int d = 5; d >= 0; d--) {
        out[k + d] = (char)('0' + fp % 10);
        fp /= 10;
    }
    k += 6;
    out[k] = 0;
    return k;
}

/* repr(x) laid out directly, for the doubles whose shortest digits
   shortest15_exact finds: float_repr_style's rules (exponent form below
   1e-4 and from 1e16, at least two exponent digits, ".0" on an integral
   value), without the general layout's buffers. Writes at most 32
   bytes and returns their count, or -1 to leave x to the general path. */
/* The shortest digits of [ax] (positive, finite) when shortest15_exact
 * finds them: raw[0, *n), no trailing zeros, the value being 0.RAW *
 * 10**decpt. Returns false otherwise. */
static bool shortest_digits(double ax, char *raw, int *n, long *decpt)
{
    long exp10;
    if (!(ax >= DBL_MIN) || ax == INFINITY ||
        shortest15_exact(ax, raw, &exp10) != 1) {
        return false;
    }
    *n = DBL_DIG;
    while (*n > 1 && raw[*n - 1] == '0') {
        (*n)--;
    }
    *decpt = exp10 + 1;
    return true;
}

static int repr_fast(double x, char *out)
{
    char raw[16];
    int n;
    long decpt;
    if (!shortest_digits(fabs(x), raw, &n, &decpt)) {
        return -1;
    }
    int k = 0;
    if (signbit(x)) {
        out[k++] = '-';
    }
    if (decpt <= -4 || decpt > 16) {
        out[k++] = raw[0];
        if (n > 1) {
            out[k++] = '.';
            memcpy(out + k, raw + 1, (size_t)n - 1);
            k += n - 1;
        }
        long e = decpt - 1;
        out[k++] = 'e';
        out[k++] = e < 0 ? '-' : '+';
        e = e < 0 ? -e : e;
        if (e >= 100) {
            out[k++] = (char)('0' + e / 100);
        }
        out[k++] = (char)('0' + e / 10 % 10);
        out[k++] = (char)('0' + e % 10);
    } else if (decpt <= 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (long z = 0; z < -decpt; z++) {
            out[k++] = '0';
        }
        memcpy(out + k, raw, (size_t)n);
        k += n;
    } else if (decpt < n) {
        memcpy(out + k, raw, (size_t)decpt);
        k += (int)decpt;
        out[k++] = '.';
        memcpy(out + k, raw + decpt, (size_t)(n - decpt));
        k += n - (int)decpt;
    } else {
        memcpy(out + k, raw, (size_t)n);
        k += n;
        for (long z = n; z < decpt; z++) {
            out[k++] = '0';
        }
        out[k++] = '.';
        out[k++] = '0';
    }
    out[k] = '\0';
    return k;
}

int fmt_float_plain(double x, uint64_t *ip, uint64_t *fp, int *fl)
{
    uint64_t q;
    long exp10;
    // shortest_digits' condition, with the digits kept as a number.
    if (signbit(x) || !(x >= DBL_MIN) || x == INFINITY ||
        shortest15_num(x, &q, &exp10) != 1) {
        return 0;
    }
    // Trailing zeros off by eight, four, two and one digits, each step
    // at most once (a clock's or a delay's 15 digits are mostly zeros,
    // and at most 14 go: q has exactly 15 digits).
    int n = DBL_DIG;
    static const int steps[] = {8, 4, 2, 1};
    for (int i = 0; i < 4; i++) {
        int k = steps[i];
        if (n > k && q % pow10[k] == 0) {
            q /= pow10[k];
            n -= k;
        }
    }
    long decpt = exp10 + 1;
    if (decpt <= -4 || decpt > 16) {   /* repr's exponent form */
        return 0;
    }
    if (decpt <= 0) {
        *ip = 0;
        *fp = q;
        *fl = n - (int)decpt;
    } else if (decpt < n) {
        *ip = q / pow10[n - decpt];
        *fp = q % pow10[n - decpt];
        *fl = n - (int)decpt;
    } else {
        *ip = q * pow10[decpt - n];
        *fp = 0;
        *fl = 1;
    }
    return 1;
}

int fmt_float_repr(double x, char *out, size_t size)
{
    fmt_buf_t b;
    int n;

    char fast[40];
    n = repr_fast(x, fast);
    if (n >= 0) {
        if (size > 0) {
            size_t k = (size_t)n < size - 1 ? (size_t)n : size - 1;
            memcpy(out, fast, k);
            out[k] = '\0';
        }
        return n;
    }
    fmt_buf_init(&b);
    fmt__double_to_string(&b, x, 'r', 0, true, false, false);
    if (b.failed) {
        /* A repr is a few dozen bytes: malloc failing here leaves nothing
           sensible to return. */
        fputs("fmt: out of memory\n", stderr);
        abort();
    }
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

    while (p < end && fmt__is_ascii_digit(*p)) {
        p++;
        ndig++;
    }
    if (p < end && *p == '.') {
        p++;
        while (p < end && fmt__is_ascii_digit(*p)) {
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
        if (p >= end || !fmt__is_ascii_digit(*p)) {
            return false;
        }
        while (p < end && fmt__is_ascii_digit(*p)) {
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
        size_t k = fmt__utf8_decode(s + pos, len - pos, &cp);
        if (cp == UTF8_INVALID || cp == 0) {
            goto done;
        }
        if (fmt__unicode_isspace(cp)) {
            a[n++] = ' ';
        } else if (cp < 0x80) {
            a[n++] = (char)cp;
        } else {
            int d = fmt__unicode_decimal(cp);
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
                if (!fmt__is_ascii_digit(prev)) {
                    goto done;
                }
            } else {
                if (prev == '_' && !fmt__is_ascii_digit(c)) {
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
