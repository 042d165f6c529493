/*
 * obj_str.c - the built-in str type and its iterator.
 *
 * Behaviour mirrors CPython 3.11's Objects/unicodeobject.c and the stringlib
 * algorithms it includes (split, find, replace, the str.format machinery of
 * unicode_format.h): same results, same exception types, same messages.
 * Format specs themselves are parsed and applied by fmt.c.
 *
 * Invariants of a str_t:
 *   - s holds len bytes of UTF-8 followed by a NUL, owned by the object and
 *     allocated with gc_malloc (so heap accounting sees it); destroy frees it.
 *   - nchars counts code points; ascii is true iff every byte is < 0x80, in
 *     which case byte offset == code point index and indexing is O(1).
 *     Non-ASCII strings are walked (from the nearer end): O(n).
 *   - hash is -1 until str_hash computes it; strings are immutable, so the
 *     cached value never goes stale.
 *   - '' and the 128 one-character ASCII strings are shared instances
 *     (vm->empty_str, vm->char_strs), like CPython's Latin-1 singletons.
 *
 * Unicode character properties are approximated with small tables: case
 * mapping for ASCII, Latin-1, Latin Extended-A/B (pairs), Greek, Cyrillic
 * and Armenian (with SpecialCasing's 'ß' -> 'SS' and the final-sigma rule);
 * the is*() predicates and repr()'s printability for common scripts.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "vm.h"

/* Beyond this a buffer request raises MemoryError instead of letting the
 * allocator abort the process. */
#define STR_MAX_BYTES ((size_t)1 << 36)

/* ==== UTF-8 ============================================================ */

#define IS_CONT(b) ((((unsigned char)(b)) & 0xC0) == 0x80)

/* Decodes the code point at p (n > 0 bytes available) and stores its byte
 * length in *adv. A malformed byte decodes as itself with length 1, so no
 * loop can stall on bad input. */
static uint32_t u8_dec(const char *p, size_t n, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)p;
    uint32_t c = u[0];
    size_t need;
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    if (c >= 0xF0) {
        need = 3;
        c &= 0x07;
    } else if (c >= 0xE0) {
        need = 2;
        c &= 0x0F;
    } else if (c >= 0xC0) {
        need = 1;
        c &= 0x1F;
    } else {
        *adv = 1;
        return c;
    }
    if (need >= n) {
        *adv = 1;
        return u[0];
    }
    for (size_t i = 1; i <= need; i++) {
        if (!IS_CONT(u[i])) {
            *adv = 1;
            return u[0];
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *adv = need + 1;
    return c;
}

static size_t u8_enc(uint32_t c, char *o)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Start of the code point that ends at byte offset b (b > 0). */
static size_t u8_prev(const char *s, size_t b)
{
    do {
        b--;
    } while (b > 0 && IS_CONT(s[b]));
    return b;
}

static size_t u8_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        k += !IS_CONT(s[i]);
    }
    return k;
}

/* ==== Character properties (approximations, see the header) ============ */

typedef struct urange { uint32_t lo, hi; } urange_t;

static bool in_table(uint32_t c, const urange_t *t, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < t[mid].lo) {
            hi = mid;
        } else if (c > t[mid].hi) {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    return false;
}
#define IN_TABLE(c, t) in_table((c), (t), sizeof(t) / sizeof((t)[0]))

static const urange_t space_tab[] = {
    {0x09, 0x0D}, {0x1C, 0x20}, {0x85, 0x85}, {0xA0, 0xA0}, {0x1680, 0x1680},
    {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F},
    {0x3000, 0x3000}};

static const urange_t alpha_tab[] = {
    {0x41, 0x5A}, {0x61, 0x7A}, {0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA},
    {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x2C1}, {0x2C6, 0x2D1},
    {0x2E0, 0x2E4}, {0x2EC, 0x2EC}, {0x2EE, 0x2EE}, {0x370, 0x374},
    {0x376, 0x377}, {0x37A, 0x37D}, {0x37F, 0x37F}, {0x386, 0x386},
    {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5},
    {0x3F7, 0x481}, {0x48A, 0x52F}, {0x531, 0x556}, {0x559, 0x559},
    {0x560, 0x588}, {0x5D0, 0x5EA}, {0x5EF, 0x5F2}, {0x620, 0x64A},
    {0x66E, 0x66F}, {0x671, 0x6D3}, {0x904, 0x939}, {0xE01, 0xE30},
    {0x10A0, 0x10C5}, {0x10D0, 0x10FA}, {0x1100, 0x1248}, {0x1E00, 0x1F15},
    {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57},
    {0x1F59, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x3041, 0x3096},
    {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FF}, {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xF900, 0xFA6D}, {0xFF21, 0xFF3A},
    {0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0x20000, 0x2A6DF}};

/* Code points >= 0x80 that repr() escapes: C1 controls, NBSP and the other
 * separators (Zs/Zl/Zp), format characters (Cf), surrogates, private use,
 * noncharacters and the large unassigned areas. */
static const urange_t nonprint_tab[] = {
    {0x80, 0xA0}, {0xAD, 0xAD}, {0x378, 0x379}, {0x380, 0x383},
    {0x38B, 0x38B}, {0x38D, 0x38D}, {0x3A2, 0x3A2}, {0x530, 0x530},
    {0x557, 0x558}, {0x58B, 0x58C}, {0x590, 0x590}, {0x5C8, 0x5CF},
    {0x5EB, 0x5EE}, {0x5F5, 0x605}, {0x61C, 0x61C}, {0x6DD, 0x6DD},
    {0x70E, 0x70F}, {0x180E, 0x180E}, {0x1680, 0x1680}, {0x2000, 0x200F},
    {0x2028, 0x202F}, {0x205F, 0x206F}, {0x2072, 0x2073}, {0x3000, 0x3000},
    {0xD800, 0xF8FF}, {0xFDD0, 0xFDEF}, {0xFEFF, 0xFEFF}, {0xFFF0, 0xFFFB},
    {0xFFFE, 0xFFFF}, {0x110BD, 0x110BD}, {0x13430, 0x13438},
    {0x1D173, 0x1D17A}, {0x1FFFE, 0x1FFFF}, {0x2FFFE, 0x2FFFF},
    {0x3134B, 0xE00FF}, {0xE01F0, 0xFFFFFFFF}};

/* Digits that are not decimal (superscripts, circled numbers...). */
static const urange_t digit_tab[] = {
    {0xB2, 0xB3}, {0xB9, 0xB9}, {0x1369, 0x1371}, {0x19DA, 0x19DA},
    {0x2070, 0x2070}, {0x2074, 0x2079}, {0x2080, 0x2089}, {0x2460, 0x2468},
    {0x2474, 0x247C}, {0x2488, 0x2490}, {0x24EA, 0x24EA}, {0x24F5, 0x24FD},
    {0x24FF, 0x24FF}, {0x2776, 0x277E}, {0x2780, 0x2788}, {0x278A, 0x2792}};

/* Numeric characters that are not digits (fractions, numerals). */
static const urange_t numeric_tab[] = {
    {0xBC, 0xBE}, {0x9F4, 0x9F9}, {0x16EE, 0x16F0}, {0x2150, 0x2182},
    {0x2185, 0x2189}, {0x2469, 0x2473}, {0x247D, 0x2487}, {0x2491, 0x249B},
    {0x24EB, 0x24F4}, {0x24FE, 0x24FE}, {0x277F, 0x277F}, {0x2789, 0x2789},
    {0x2793, 0x2793}, {0x3007, 0x3007}, {0x3021, 0x3029}, {0x3038, 0x303A},
    {0x3192, 0x3195}, {0x3220, 0x3229}, {0x3248, 0x324F}, {0x3251, 0x325F},
    {0x3280, 0x3289}, {0x32B1, 0x32BF}, {0x4E00, 0x4E00}, {0x4E03, 0x4E03},
    {0x4E07, 0x4E07}, {0x4E09, 0x4E09}, {0x4E5D, 0x4E5D}, {0x4E8C, 0x4E8C},
    {0x4E94, 0x4E94}, {0x4EBF, 0x4EBF}, {0x5104, 0x5104}, {0x5146, 0x5146},
    {0x516B, 0x516B}, {0x516D, 0x516D}, {0x5341, 0x5341}, {0x5343, 0x5343},
    {0x5345, 0x5345}, {0x56DB, 0x56DB}, {0x5EFF, 0x5EFF}, {0x767E, 0x767E},
    {0x842C, 0x842C}, {0x96F6, 0x96F6}};

/* Case-ignorable characters, for the final-sigma rule of lower(). */
static const urange_t ignorable_tab[] = {
    {0x27, 0x27}, {0x2E, 0x2E}, {0x3A, 0x3A}, {0x5E, 0x5E}, {0x60, 0x60},
    {0xA8, 0xA8}, {0xAD, 0xAD}, {0xAF, 0xAF}, {0xB4, 0xB4}, {0xB7, 0xB8},
    {0x2B0, 0x36F}, {0x374, 0x375}, {0x37A, 0x37A}, {0x384, 0x385},
    {0x387, 0x387}, {0x483, 0x489}, {0x2018, 0x2019}, {0x2024, 0x2024},
    {0x2027, 0x2027}};

/* The zero of each run of ten decimal digits. */
static const uint32_t decimal_zeros[] = {
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
    0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0xFF10, 0x104A0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6};

static int uc_decimal(uint32_t c)
{
    for (size_t i = 0; i < sizeof decimal_zeros / sizeof decimal_zeros[0];
         i++) {
        if (c >= decimal_zeros[i] && c < decimal_zeros[i] + 10) {
            return (int)(c - decimal_zeros[i]);
        }
    }
    return -1;
}

static bool uc_isspace(uint32_t c) { return IN_TABLE(c, space_tab); }
static bool uc_isalpha(uint32_t c) { return IN_TABLE(c, alpha_tab); }
static bool uc_isdecimal(uint32_t c) { return uc_decimal(c) >= 0; }
static bool uc_isdigit(uint32_t c)
{
    return uc_isdecimal(c) || IN_TABLE(c, digit_tab);
}
static bool uc_isnumeric(uint32_t c)
{
    return uc_isdigit(c) || IN_TABLE(c, numeric_tab);
}
static bool uc_isalnum(uint32_t c) { return uc_isalpha(c) || uc_isnumeric(c); }
static bool uc_isprintable(uint32_t c)
{
    if (c < 0x80) {
        return c >= 0x20 && c < 0x7F;
    }
    return !IN_TABLE(c, nonprint_tab);
}

/* Upper-case ranges and the distance to their lower-case letters. */
typedef struct cdelta { uint32_t lo, hi, delta; } cdelta_t;
static const cdelta_t lower_delta[] = {
    {0x41, 0x5A, 32}, {0xC0, 0xD6, 32}, {0xD8, 0xDE, 32}, {0x386, 0x386, 38},
    {0x388, 0x38A, 37}, {0x38C, 0x38C, 64}, {0x38E, 0x38F, 63},
    {0x391, 0x3A1, 32}, {0x3A3, 0x3AB, 32}, {0x400, 0x40F, 80},
    {0x410, 0x42F, 32}, {0x4C0, 0x4C0, 15}, {0x531, 0x556, 48},
    {0xFF21, 0xFF3A, 32}};

/* Latin Extended-A, Greek and Cyrillic also pair cases in alternating code
 * points, starting with an upper-case letter at an even (pairs_even) or odd
 * (pairs_odd) code point. */
static const urange_t pairs_even[] = {
    {0x100, 0x12F}, {0x132, 0x137}, {0x14A, 0x177}, {0x1DE, 0x1EF},
    {0x1F8, 0x21F}, {0x222, 0x233}, {0x246, 0x24F}, {0x3D8, 0x3EF},
    {0x460, 0x481}, {0x48A, 0x4BF}, {0x4D0, 0x52F}, {0x1E00, 0x1E95},
    {0x1EA0, 0x1EFF}};
static const urange_t pairs_odd[] = {
    {0x139, 0x148}, {0x179, 0x17E}, {0x1CD, 0x1DC}, {0x4C1, 0x4CE}};

static uint32_t uc_tolower(uint32_t c)
{
    for (size_t i = 0; i < sizeof lower_delta / sizeof lower_delta[0]; i++) {
        if (c >= lower_delta[i].lo && c <= lower_delta[i].hi) {
            return c + lower_delta[i].delta;
        }
    }
    if (IN_TABLE(c, pairs_even) || IN_TABLE(c, pairs_odd)) {
        return (c & 1) == IN_TABLE(c, pairs_odd) ? c + 1 : c;
    }
    return c == 0x130 ? 'i' : c == 0x178 ? 0xFF : c;
}

static uint32_t uc_toupper(uint32_t c)
{
    // Lower-case letters whose upper case maps back elsewhere.
    switch (c) {
    case 0xB5: return 0x39C;
    case 0xFF: return 0x178;
    case 0x131: return 'I';
    case 0x17F: return 'S';
    case 0x3C2: return 0x3A3;
    default: break;
    }
    for (size_t i = 0; i < sizeof lower_delta / sizeof lower_delta[0]; i++) {
        uint32_t u = c - lower_delta[i].delta;
        if (c >= lower_delta[i].delta && u >= lower_delta[i].lo &&
            u <= lower_delta[i].hi) {
            return u;
        }
    }
    if (IN_TABLE(c, pairs_even) || IN_TABLE(c, pairs_odd)) {
        return (c & 1) != IN_TABLE(c, pairs_odd) ? c - 1 : c;
    }
    return c;
}

/* Lower-case letters without an upper-case mapping in our tables (ª º ß ĸ
 * ŉ ΐ ΰ) still count as lower case, as in Unicode. */
static bool uc_islower(uint32_t c)
{
    if (c < 0x80) {
        return c >= 'a' && c <= 'z';
    }
    switch (c) {
    case 0xAA: case 0xBA: case 0xDF: case 0x138: case 0x149: case 0x390:
    case 0x3B0:
        return true;
    default:
        if (c >= 0x250 && c <= 0x2B8) {
            return true;   // IPA letters and modifiers: lower case
        }
        return uc_toupper(c) != c;
    }
}

static bool uc_isupper(uint32_t c)
{
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z';
    }
    return uc_tolower(c) != c;
}

static bool uc_iscased(uint32_t c) { return uc_islower(c) || uc_isupper(c); }

enum { CM_UPPER, CM_LOWER, CM_TITLE, CM_FOLD };

/* Full case mapping of c (SpecialCasing: 'ß'.upper() is 'SS'); writes up to
 * three code points to out and returns how many. */
static int case_full(uint32_t c, int mode, uint32_t *out)
{
    bool up = mode == CM_UPPER || mode == CM_TITLE;
    switch (c) {
    case 0xDF:
        if (mode == CM_LOWER) {
            break;
        }
        out[0] = mode == CM_FOLD ? 's' : 'S';
        out[1] = mode == CM_UPPER ? 'S' : 's';
        return 2;
    case 0x130:
        if (up) {
            break;
        }
        out[0] = 'i';
        out[1] = 0x307;
        return 2;
    case 0x149:
        if (mode == CM_LOWER) {
            break;
        }
        out[0] = 0x2BC;
        out[1] = up ? 'N' : 'n';
        return 2;
    case 0x390:
    case 0x3B0:
        if (!up) {
            break;
        }
        out[0] = c == 0x390 ? 0x399 : 0x3A5;
        out[1] = 0x308;
        out[2] = 0x301;
        return 3;
    case 0xB5:
        if (mode == CM_FOLD) {
            out[0] = 0x3BC;
            return 1;
        }
        break;
    case 0x17F:
        if (mode == CM_FOLD) {
            out[0] = 's';
            return 1;
        }
        break;
    case 0x3C2:
        if (mode == CM_FOLD) {
            out[0] = 0x3C3;
            return 1;
        }
        break;
    default:
        break;
    }
    out[0] = up ? uc_toupper(c) : uc_tolower(c);
    return 1;
}

/* lower() of cps[i], applying Unicode's Final_Sigma rule to capital sigma
 * the way CPython's handle_capital_sigma does. */
static int lower_at(const uint32_t *cps, size_t n, size_t i, uint32_t *out)
{
    if (cps[i] != 0x3A3) {
        return case_full(cps[i], CM_LOWER, out);
    }
    size_t j = i;
    while (j > 0 && IN_TABLE(cps[j - 1], ignorable_tab)) {
        j--;
    }
    bool final = j > 0 && uc_iscased(cps[j - 1]);
    if (final) {
        j = i + 1;
        while (j < n && IN_TABLE(cps[j], ignorable_tab)) {
            j++;
        }
        final = j == n || !uc_iscased(cps[j]);
    }
    out[0] = final ? 0x3C2 : 0x3C3;
    return 1;
}

/* ==== Allocation ======================================================== */

static bool is_str(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_str || obj_isinstance_t(o, vm->t_str);
}

static obj_t *raise_memory(vm_t *vm)
{
    return vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
}

static bool too_big(vm_t *vm, size_t n)
{
    return n > STR_MAX_BYTES || (vm->max_bytes && n > vm->max_bytes);
}

/* Wraps buf (gc_malloc'ed, len + 1 bytes, NUL-terminated) in a new object
 * of type t; instances of str subclasses are laid out like str. */
static str_t *str_wrap(vm_t *vm, type_t *t, char *buf, size_t len)
{
    size_t size = sizeof(str_t);
    if (t && t->size > size) {
        size = t->size;
    }
    str_t *s = (str_t *)gc_alloc(vm, t, size);
    s->hash = -1;
    s->len = len;
    s->s = buf;
    s->nchars = u8_count(buf, len);
    s->ascii = s->nchars == len;
    return s;
}

static str_t *make_raw(vm_t *vm, const char *p, size_t len)
{
    char *buf = gc_malloc(vm, len + 1);
    memcpy(buf, p, len);
    buf[len] = '\0';
    return str_wrap(vm, vm->t_str, buf, len);
}

static str_t *get_empty(vm_t *vm)
{
    if (!vm->empty_str) {
        vm->empty_str = make_raw(vm, "", 0);
    }
    return vm->empty_str;
}

static str_t *ascii_char(vm_t *vm, unsigned c)
{
    if (!vm->char_strs[c]) {
        char ch = (char)c;
        vm->char_strs[c] = make_raw(vm, &ch, 1);
    }
    return vm->char_strs[c];
}

/* Like str_wrap for plain str, but hands out the shared instances for ''
 * and one ASCII character (freeing buf). */
static str_t *str_take(vm_t *vm, char *buf, size_t len)
{
    if (len == 0 || (len == 1 && (unsigned char)buf[0] < 0x80)) {
        str_t *r = len ? ascii_char(vm, (unsigned char)buf[0]) : get_empty(vm);
        gc_free(vm, buf, len + 1);
        return r;
    }
    return str_wrap(vm, vm->t_str, buf, len);
}

str_t *str_new(vm_t *vm, const char *s, size_t len)
{
    if (len == 0) {
        return get_empty(vm);
    }
    if (len == 1 && (unsigned char)s[0] < 0x80) {
        return ascii_char(vm, (unsigned char)s[0]);
    }
    return make_raw(vm, s, len);
}

str_t *str_cstr(vm_t *vm, const char *s)
{
    return str_new(vm, s, strlen(s));
}

str_t *str_fmt(vm_t *vm, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        va_end(ap2);
        return get_empty(vm);
    }
    char *buf = gc_malloc(vm, (size_t)n + 1);
    vsnprintf(buf, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return str_take(vm, buf, (size_t)n);
}

str_t *str_intern(vm_t *vm, const char *cs)
{
    // Look up with a stack key first so a hit allocates nothing; the dict
    // only hashes and compares it (dict_get_str runs no user code).
    str_t key;
    memset(&key, 0, sizeof key);
    key.hdr.type = vm->t_str;
    key.hash = -1;
    key.len = strlen(cs);
    key.s = (char *)cs;
    key.nchars = u8_count(cs, key.len);
    key.ascii = key.nchars == key.len;
    if (!vm->interned) {
        if (!vm->t_dict) {
            // Too early in bootstrap to intern: callers then get a fresh
            // string (type_new_builtin defers its names until dict exists).
            return str_new(vm, cs, key.len);
        }
        vm->interned = dict_new(vm);
    }
    obj_t *hit = dict_get_str(vm, vm->interned, &key);
    if (hit) {
        return (str_t *)hit;
    }
    str_t *s = str_new(vm, cs, key.len);
    dict_set(vm, vm->interned, (obj_t *)s, (obj_t *)s);
    return s;
}

str_t *str_concat(vm_t *vm, str_t *a, str_t *b)
{
    if (b->len == 0 && TYPE(a) == vm->t_str) {
        return a;
    }
    if (a->len == 0 && TYPE(b) == vm->t_str) {
        return b;
    }
    if (too_big(vm, a->len + b->len)) {
        raise_memory(vm);
        return NULL;
    }
    char *buf = gc_malloc(vm, a->len + b->len + 1);
    memcpy(buf, a->s, a->len);
    memcpy(buf + a->len, b->s, b->len);
    buf[a->len + b->len] = '\0';
    return str_take(vm, buf, a->len + b->len);
}

/* CPython returns the receiver itself when an operation changes nothing,
 * but only for exact str: a subclass instance becomes a plain str copy. */
static str_t *unchanged(vm_t *vm, str_t *s)
{
    return TYPE(s) == vm->t_str ? s : str_new(vm, s->s, s->len);
}

/* The str for bytes [b0, b1) of s (on code point boundaries). */
static str_t *substr(vm_t *vm, str_t *s, size_t b0, size_t b1)
{
    if (b0 == 0 && b1 == s->len) {
        return unchanged(vm, s);
    }
    return str_new(vm, s->s + b0, b1 - b0);
}

/* ==== A growable output buffer ========================================== */

/* Errors are sticky: after a failed growth (MemoryError raised) further
 * writes are ignored and sb_finish returns NULL, so callers check once. */
typedef struct sbuf {
    vm_t *vm;
    char *p;
    size_t n, cap;
    bool err;
} sbuf_t;

static void sb_init(sbuf_t *b, vm_t *vm)
{
    b->vm = vm;
    b->p = NULL;
    b->n = b->cap = 0;
    b->err = false;
}

static bool sb_grow(sbuf_t *b, size_t extra)
{
    if (b->err) {
        return false;
    }
    if (extra > STR_MAX_BYTES || too_big(b->vm, b->n + extra + 1)) {
        b->err = true;
        raise_memory(b->vm);
        return false;
    }
    size_t need = b->n + extra + 1;
    if (need <= b->cap) {
        return true;
    }
    size_t cap = b->cap ? b->cap : 32;
    while (cap < need) {
        cap *= 2;
    }
    b->p = b->p ? gc_realloc(b->vm, b->p, b->cap, cap) : gc_malloc(b->vm, cap);
    b->cap = cap;
    return true;
}

static void sb_put(sbuf_t *b, const char *p, size_t n)
{
    if (n && sb_grow(b, n)) {
        memcpy(b->p + b->n, p, n);
        b->n += n;
    }
}

static void sb_putc(sbuf_t *b, char c)
{
    if (sb_grow(b, 1)) {
        b->p[b->n++] = c;
    }
}

static void sb_putcp(sbuf_t *b, uint32_t c)
{
    char t[4];
    sb_put(b, t, u8_enc(c, t));
}

/* Appends count copies of the code point c. */
static void sb_fill(sbuf_t *b, uint32_t c, int64_t count)
{
    char t[4];
    size_t k = u8_enc(c, t);
    if (count <= 0) {
        return;
    }
    if ((uint64_t)count > STR_MAX_BYTES / k) {
        sb_grow(b, STR_MAX_BYTES + 1);
        return;
    }
    if (!sb_grow(b, (size_t)count * k)) {
        return;
    }
    for (int64_t i = 0; i < count; i++) {
        memcpy(b->p + b->n, t, k);
        b->n += k;
    }
}

static void sb_free(sbuf_t *b)
{
    if (b->p) {
        gc_free(b->vm, b->p, b->cap);
    }
    b->p = NULL;
    b->n = b->cap = 0;
}

static str_t *sb_finish(sbuf_t *b)
{
    vm_t *vm = b->vm;
    if (b->err) {
        sb_free(b);
        return NULL;
    }
    if (!b->p) {
        return get_empty(vm);
    }
    char *buf = b->p;
    if (b->cap != b->n + 1) {
        buf = gc_realloc(vm, buf, b->cap, b->n + 1);
    }
    buf[b->n] = '\0';
    str_t *s = str_take(vm, buf, b->n);
    b->p = NULL;
    b->n = b->cap = 0;
    return s;
}

/* ==== Core helpers ====================================================== */

int64_t str_hash(str_t *s)
{
    if (s->hash != -1) {
        return s->hash;
    }
    // FNV-1a over the UTF-8 bytes: equal strings hash alike, and -1 is
    // reserved for "not computed" (and "error" in CPython's C API).
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < s->len; i++) {
        h ^= (unsigned char)s->s[i];
        h *= 0x100000001b3ULL;
    }
    int64_t r = (int64_t)(h >> 1);
    if (h & 1) {
        r = -r - 1;
    }
    if (r == -1) {
        r = -2;
    }
    s->hash = r;
    return r;
}

bool str_eq(str_t *a, str_t *b)
{
    if (a == b) {
        return true;
    }
    if (a->len != b->len) {
        return false;
    }
    if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) {
        return false;
    }
    return memcmp(a->s, b->s, a->len) == 0;
}

size_t str_offset(str_t *s, size_t i)
{
    if (s->ascii) {
        return i < s->len ? i : s->len;
    }
    if (i >= s->nchars) {
        return s->len;
    }
    size_t b;
    if (i <= s->nchars / 2) {
        b = 0;
        for (size_t k = 0; k < i; k++) {
            b++;
            while (b < s->len && IS_CONT(s->s[b])) {
                b++;
            }
        }
    } else {
        b = s->len;
        for (size_t k = s->nchars; k > i; k--) {
            b = u8_prev(s->s, b);
        }
    }
    return b;
}

/* Code point index of byte offset b (on a boundary). */
static size_t char_index(str_t *s, size_t b)
{
    return s->ascii ? b : u8_count(s->s, b);
}

str_t *str_char_at(vm_t *vm, str_t *s, size_t i)
{
    size_t b = str_offset(s, i), adv;
    if ((unsigned char)s->s[b] < 0x80) {
        return ascii_char(vm, (unsigned char)s->s[b]);
    }
    u8_dec(s->s + b, s->len - b, &adv);
    return str_new(vm, s->s + b, adv);
}

static void sb_escape(sbuf_t *b, uint32_t c)
{
    char t[12];
    if (c <= 0xFF) {
        snprintf(t, sizeof t, "\\x%02x", (unsigned)c);
    } else if (c <= 0xFFFF) {
        snprintf(t, sizeof t, "\\u%04x", (unsigned)c);
    } else {
        snprintf(t, sizeof t, "\\U%08x", (unsigned)c);
    }
    sb_put(b, t, strlen(t));
}

/* repr(s) (unicode_repr), or ascii(s) when ascii_only. */
static str_t *repr_impl(vm_t *vm, str_t *s, bool ascii_only)
{
    char q = '\'';
    if (memchr(s->s, '\'', s->len) && !memchr(s->s, '"', s->len)) {
        q = '"';
    }
    sbuf_t b;
    sb_init(&b, vm);
    sb_grow(&b, s->len + 2);
    sb_putc(&b, q);
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        uint32_t c = u8_dec(s->s + i, s->len - i, &adv);
        if (c == (uint32_t)q || c == '\\') {
            sb_putc(&b, '\\');
            sb_putc(&b, (char)c);
        } else if (c == '\t') {
            sb_put(&b, "\\t", 2);
        } else if (c == '\n') {
            sb_put(&b, "\\n", 2);
        } else if (c == '\r') {
            sb_put(&b, "\\r", 2);
        } else if (c < 0x20 || c == 0x7F) {
            sb_escape(&b, c);
        } else if (c < 0x7F) {
            sb_putc(&b, (char)c);
        } else if (!ascii_only && uc_isprintable(c)) {
            sb_put(&b, s->s + i, adv);
        } else {
            sb_escape(&b, c);
        }
        i += adv;
    }
    sb_putc(&b, q);
    return sb_finish(&b);
}

str_t *str_repr(vm_t *vm, str_t *s)
{
    return repr_impl(vm, s, false);
}

/* ascii(o): repr with every non-ASCII code point escaped. */
static str_t *ascii_of(vm_t *vm, obj_t *o)
{
    if (is_str(vm, o)) {
        return repr_impl(vm, (str_t *)o, true);
    }
    str_t *r = obj_repr(vm, o);
    if (!r || r->ascii) {
        return r;
    }
    sbuf_t b;
    sb_init(&b, vm);
    for (size_t i = 0; i < r->len;) {
        size_t adv;
        uint32_t c = u8_dec(r->s + i, r->len - i, &adv);
        if (c < 0x80) {
            sb_putc(&b, (char)c);
        } else {
            sb_escape(&b, c);
        }
        i += adv;
    }
    return sb_finish(&b);
}

/* ==== Argument checking with CPython's messages ========================= */

static bool has_kw(tuple_t *kw)
{
    return kw != NULL && kw->n > 0;
}

/* How a method checks its arguments in CPython, which decides the wording
 * of the TypeError: METH_NOARGS/METH_O, PyArg_ParseTuple (find, count...),
 * positional-only Argument Clinic (strip, replace...), slot wrappers. */
enum { ARGS_FIXED, ARGS_TUPLE, ARGS_CLINIC, ARGS_WRAPPER };

static bool check_args(vm_t *vm, int style, const char *name, int argc,
                       tuple_t *kw, int min, int max)
{
    if (has_kw(kw)) {
        vm_raise(vm, EXC_TypeError, style == ARGS_WRAPPER
                 ? "wrapper %s() takes no keyword arguments"
                 : style == ARGS_TUPLE ? "%s() takes no keyword arguments"
                                       : "str.%s() takes no keyword arguments",
                 name);
        return false;
    }
    if (argc >= min && argc <= max) {
        return true;
    }
    int n = argc < min ? min : max;
    const char *side = argc < min ? "least" : "most", *pl = n == 1 ? "" : "s";
    if (style == ARGS_FIXED && n == 0) {
        vm_raise(vm, EXC_TypeError, "str.%s() takes no arguments (%d given)",
                 name, argc);
    } else if (style == ARGS_FIXED) {
        vm_raise(vm, EXC_TypeError,
                 "str.%s() takes exactly one argument (%d given)", name, argc);
    } else if (style == ARGS_TUPLE) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes at %s %d argument%s (%d given)", name, side, n,
                 pl, argc);
    } else if (style == ARGS_CLINIC) {
        vm_raise(vm, EXC_TypeError, "%s expected at %s %d argument%s, got %d",
                 name, side, n, pl, argc);
    } else {
        vm_raise(vm, EXC_TypeError, "expected %d argument%s, got %d", n, pl,
                 argc);
    }
    return false;
}

/* Argument Clinic methods with keyword parameters (_PyArg_UnpackKeywords):
 * fills out[0..nn) with the arguments, NULL where not given. */
static bool parse_kw(vm_t *vm, const char *fname, int argc, obj_t **argv,
                     tuple_t *kw, const char *const *names, int nn,
                     obj_t **out)
{
    int nkw = kw ? (int)kw->n : 0;
    for (int i = 0; i < nn; i++) {
        out[i] = i < argc ? argv[i] : NULL;
    }
    if (argc + nkw > nn) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes at most %d %sargument%s (%d given)", fname, nn,
                 argc == 0 ? "keyword " : "", nn == 1 ? "" : "s",
                 argc + nkw);
        return false;
    }
    for (int k = 0; k < nkw; k++) {
        str_t *key = (str_t *)kw->items[k];
        int j = 0;
        while (j < nn && strcmp(names[j], key->s) != 0) {
            j++;
        }
        if (j == nn) {
            vm_raise(vm, EXC_TypeError,
                     "'%s' is an invalid keyword argument for %s()", key->s,
                     fname);
            return false;
        }
        if (j < argc) {
            vm_raise(vm, EXC_TypeError,
                     "argument for %s() given by name ('%s') and position "
                     "(%d)", fname, names[j], j + 1);
            return false;
        }
        out[j] = argv[argc + k];
    }
    return true;
}

static bool is_intlike(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_int || TYPE(o) == vm->t_bool ||
           obj_isinstance_t(o, vm->t_int) ||
           type_lookup(TYPE(o), vm->s.__index__) != NULL;
}

/* start/end of find() and friends: None keeps the default. */
static bool slice_arg(vm_t *vm, obj_t *o, int64_t *out)
{
    if (o == NULL || o == vm->none) {
        return true;
    }
    if (!is_intlike(vm, o)) {
        vm_raise(vm, EXC_TypeError, "slice indices must be integers or None "
                                    "or have an __index__ method");
        return false;
    }
    return obj_index(vm, o, out) == 0;
}

/* CPython's ADJUST_INDICES on code point indices. */
static void adjust_indices(int64_t *start, int64_t *end, int64_t len)
{
    if (*end > len) {
        *end = len;
    } else if (*end < 0) {
        *end += len;
        if (*end < 0) {
            *end = 0;
        }
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0) {
            *start = 0;
        }
    }
}

static obj_t *bad_self(vm_t *vm, const char *name, obj_t *self)
{
    if (!self) {
        return vm_raise(vm, EXC_TypeError,
                        "unbound method str.%s() needs an argument", name);
    }
    return vm_raise(vm, EXC_TypeError,
                    "descriptor '%s' for 'str' objects doesn't apply to a "
                    "'%s' object", name, type_name(self));
}

/* Every method starts with this. An unbound call (str.upper(x)) may pass
 * the receiver as argv[0] with self NULL; accept both conventions. */
#define GET_SELF(mname)                                                     \
    str_t *s = NULL;                                                        \
    do {                                                                    \
        if (self == NULL && argc > 0) {                                     \
            self = argv[0];                                                 \
            argv++;                                                         \
            argc--;                                                         \
        }                                                                   \
        if (self == NULL || !is_str(vm, self)) {                            \
            return bad_self(vm, mname, self);                               \
        }                                                                   \
        s = (str_t *)self;                                                  \
    } while (0)

/* GET_SELF plus the argument count check of the given style. */
#define BEGIN(mname, style, min, max)                                       \
    GET_SELF(mname);                                                        \
    do {                                                                    \
        if (!check_args(vm, style, mname, argc, kw, min, max)) {            \
            return NULL;                                                    \
        }                                                                   \
    } while (0)

/* A native method that forwards to impl with extra arguments. */
#define FORWARD(fn, impl, ...)                                              \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,         \
                     tuple_t *kw)                                           \
    {                                                                       \
        return impl(vm, self, argc, argv, kw, __VA_ARGS__);                 \
    }

#define NATIVE(fn)                                                          \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,         \
                     tuple_t *kw)

/* ==== Searching ========================================================= */

/* First byte offset of needle in hay[0..n), or -1. */
static int64_t bfind(const char *h, size_t n, const char *nd, size_t m)
{
    if (m == 0) {
        return 0;
    }
    if (m > n) {
        return -1;
    }
    const char *p = h, *last = h + (n - m);
    while (p <= last) {
        p = memchr(p, nd[0], (size_t)(last - p) + 1);
        if (!p) {
            return -1;
        }
        if (memcmp(p, nd, m) == 0) {
            return p - h;
        }
        p++;
    }
    return -1;
}

/* Last byte offset of needle in hay[0..n), or -1. */
static int64_t brfind(const char *h, size_t n, const char *nd, size_t m)
{
    if (m > n) {
        return -1;
    }
    for (size_t i = n - m + 1; i-- > 0;) {
        if ((m == 0 || h[i] == nd[0]) && memcmp(h + i, nd, m) == 0) {
            return (int64_t)i;
        }
    }
    return -1;
}

/* Index of sub in s[start:end] (adjusted code point indices), or -1. */
static int64_t find_sub(str_t *s, str_t *sub, int64_t start, int64_t end,
                        bool reverse)
{
    if (end - start < (int64_t)sub->nchars) {
        return -1;
    }
    size_t b0 = str_offset(s, (size_t)start), b1 = str_offset(s, (size_t)end);
    int64_t r = reverse ? brfind(s->s + b0, b1 - b0, sub->s, sub->len)
                        : bfind(s->s + b0, b1 - b0, sub->s, sub->len);
    return r < 0 ? -1 : (int64_t)char_index(s, b0 + (size_t)r);
}

static int64_t count_sub(str_t *s, str_t *sub, int64_t start, int64_t end)
{
    if (end - start < (int64_t)sub->nchars) {
        return 0;
    }
    if (sub->len == 0) {
        return end - start + 1;
    }
    size_t b0 = str_offset(s, (size_t)start), b1 = str_offset(s, (size_t)end);
    int64_t n = 0, r;
    while ((r = bfind(s->s + b0, b1 - b0, sub->s, sub->len)) >= 0) {
        n++;
        b0 += (size_t)r + sub->len;
    }
    return n;
}

/* Shared argument handling of find/rfind/index/rindex/count: the slice
 * indices are converted before the substring is type-checked, as in
 * CPython. */
static bool parse_find(vm_t *vm, const char *name, str_t *s, int argc,
                       obj_t **argv, tuple_t *kw, str_t **sub, int64_t *start,
                       int64_t *end)
{
    *start = 0;
    *end = INT64_MAX;
    if (!check_args(vm, ARGS_TUPLE, name, argc, kw, 1, 3) ||
        (argc > 1 && !slice_arg(vm, argv[1], start)) ||
        (argc > 2 && !slice_arg(vm, argv[2], end))) {
        return false;
    }
    if (!is_str(vm, argv[0])) {
        vm_raise(vm, EXC_TypeError, "must be str, not %s", type_name(argv[0]));
        return false;
    }
    *sub = (str_t *)argv[0];
    adjust_indices(start, end, (int64_t)s->nchars);
    return true;
}

static obj_t *find_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw, const char *name, bool reverse,
                          bool raise)
{
    GET_SELF(name);
    str_t *sub;
    int64_t start, end;
    if (!parse_find(vm, name, s, argc, argv, kw, &sub, &start, &end)) {
        return NULL;
    }
    int64_t r = find_sub(s, sub, start, end, reverse);
    if (r < 0 && raise) {
        return vm_raise(vm, EXC_ValueError, "substring not found");
    }
    return int_new(vm, r);
}

FORWARD(m_find, find_common, "find", false, false)
FORWARD(m_rfind, find_common, "rfind", true, false)
FORWARD(m_index, find_common, "index", false, true)
FORWARD(m_rindex, find_common, "rindex", true, true)

NATIVE(m_count)
{
    GET_SELF("count");
    str_t *sub;
    int64_t start, end;
    if (!parse_find(vm, "count", s, argc, argv, kw, &sub, &start, &end)) {
        return NULL;
    }
    return int_new(vm, count_sub(s, sub, start, end));
}

/* CPython's tailmatch: does s[start:end] start (or end) with sub? */
static bool tailmatch(str_t *s, str_t *sub, int64_t start, int64_t end,
                      bool at_end)
{
    if (end - (int64_t)sub->nchars < start) {
        return false;
    }
    if (sub->len == 0) {
        return true;
    }
    size_t b0 = str_offset(s, (size_t)start), b1 = str_offset(s, (size_t)end);
    if (b1 - b0 < sub->len) {
        return false;
    }
    size_t at = at_end ? b1 - sub->len : b0;
    return memcmp(s->s + at, sub->s, sub->len) == 0;
}

static obj_t *with_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw, const char *name, bool at_end)
{
    GET_SELF(name);
    int64_t start = 0, end = INT64_MAX;
    if (!check_args(vm, ARGS_TUPLE, name, argc, kw, 1, 3) ||
        (argc > 1 && !slice_arg(vm, argv[1], &start)) ||
        (argc > 2 && !slice_arg(vm, argv[2], &end))) {
        return NULL;
    }
    adjust_indices(&start, &end, (int64_t)s->nchars);
    obj_t *x = argv[0];
    if (obj_isinstance_t(x, vm->t_tuple)) {
        tuple_t *t = (tuple_t *)x;
        for (size_t i = 0; i < t->n; i++) {
            if (!is_str(vm, t->items[i])) {
                return vm_raise(vm, EXC_TypeError,
                                "tuple for %s must only contain str, not %s",
                                name, type_name(t->items[i]));
            }
            if (tailmatch(s, (str_t *)t->items[i], start, end, at_end)) {
                return vm->true_;
            }
        }
        return vm->false_;
    }
    if (!is_str(vm, x)) {
        return vm_raise(vm, EXC_TypeError,
                        "%s first arg must be str or a tuple of str, not %s",
                        name, type_name(x));
    }
    return bool_new(vm, tailmatch(s, (str_t *)x, start, end, at_end));
}

FORWARD(m_startswith, with_common, "startswith", false)
FORWARD(m_endswith, with_common, "endswith", true)

/* ==== Dunder methods ==================================================== */

NATIVE(m_len)
{
    BEGIN("__len__", ARGS_WRAPPER, 0, 0);
    return int_new(vm, (int64_t)s->nchars);
}

static obj_t *getitem(vm_t *vm, str_t *s, obj_t *key)
{
    if (TYPE(key) == vm->t_slice) {
        int64_t start, stop, step;
        int64_t n = slice_indices(vm, key, (int64_t)s->nchars, &start, &stop,
                                  &step);
        if (n < 0) {
            return NULL;
        }
        if (n == 0) {
            return (obj_t *)get_empty(vm);
        }
        if (step == 1) {
            return (obj_t *)substr(vm, s, str_offset(s, (size_t)start),
                                   str_offset(s, (size_t)stop));
        }
        sbuf_t b;
        sb_init(&b, vm);
        size_t off = str_offset(s, (size_t)start);
        for (int64_t k = 0; k < n; k++) {
            size_t adv;
            u8_dec(s->s + off, s->len - off, &adv);
            sb_put(&b, s->s + off, adv);
            if (k + 1 == n) {
                break;
            }
            // Walk |step| code points to the next selected one.
            if (s->ascii) {
                off = (size_t)((int64_t)off + step);
            } else if (step > 0) {
                for (int64_t j = 0; j < step; j++) {
                    off++;
                    while (off < s->len && IS_CONT(s->s[off])) {
                        off++;
                    }
                }
            } else {
                for (int64_t j = 0; j < -step; j++) {
                    off = u8_prev(s->s, off);
                }
            }
        }
        return (obj_t *)sb_finish(&b);
    }
    if (!is_intlike(vm, key)) {
        return vm_raise(vm, EXC_TypeError,
                        "string indices must be integers, not '%s'",
                        type_name(key));
    }
    int64_t i;
    if (obj_index(vm, key, &i) < 0) {
        return NULL;
    }
    if (i < 0) {
        i += (int64_t)s->nchars;
    }
    if (i < 0 || i >= (int64_t)s->nchars) {
        return vm_raise(vm, EXC_IndexError, "string index out of range");
    }
    return (obj_t *)str_char_at(vm, s, (size_t)i);
}

NATIVE(m_getitem)
{
    BEGIN("__getitem__", ARGS_WRAPPER, 1, 1);
    return getitem(vm, s, argv[0]);
}

NATIVE(m_contains)
{
    BEGIN("__contains__", ARGS_WRAPPER, 1, 1);
    if (!is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError,
                        "'in <string>' requires string as left operand, "
                        "not %s", type_name(argv[0]));
    }
    str_t *sub = (str_t *)argv[0];
    return bool_new(vm, bfind(s->s, s->len, sub->s, sub->len) >= 0);
}

/* For a non-str operand __add__ returns NotImplemented so the other
 * operand's __radd__ gets its turn; obj_binop then raises CPython's
 * "can only concatenate str" message. */
NATIVE(m_add)
{
    BEGIN("__add__", ARGS_WRAPPER, 1, 1);
    if (!is_str(vm, argv[0])) {
        return vm->notimpl;
    }
    return (obj_t *)str_concat(vm, s, (str_t *)argv[0]);
}

static obj_t *repeat(vm_t *vm, str_t *s, obj_t *count)
{
    int64_t n;
    if (!is_intlike(vm, count)) {
        return vm->notimpl;   // obj_binop: "can't multiply sequence by..."
    }
    if (obj_index(vm, count, &n) < 0) {
        return NULL;
    }
    if (n <= 0 || s->len == 0) {
        return (obj_t *)get_empty(vm);
    }
    if (n == 1) {
        return (obj_t *)unchanged(vm, s);
    }
    if (s->len > (size_t)(INT64_MAX / n)) {
        return vm_raise(vm, EXC_OverflowError, "repeated string is too long");
    }
    size_t total = s->len * (size_t)n;
    if (too_big(vm, total)) {
        return raise_memory(vm);
    }
    char *buf = gc_malloc(vm, total + 1);
    // Doubling copies: log(n) memcpy calls instead of n.
    memcpy(buf, s->s, s->len);
    size_t done = s->len;
    while (done < total) {
        size_t k = done <= total - done ? done : total - done;
        memcpy(buf + done, buf, k);
        done += k;
    }
    buf[total] = '\0';
    return (obj_t *)str_wrap(vm, vm->t_str, buf, total);
}

NATIVE(m_mul)
{
    BEGIN("__mul__", ARGS_WRAPPER, 1, 1);
    return repeat(vm, s, argv[0]);
}

NATIVE(m_rmul)
{
    BEGIN("__rmul__", ARGS_WRAPPER, 1, 1);
    return repeat(vm, s, argv[0]);
}

/* UTF-8 byte order is code point order, so memcmp compares like CPython. */
static int str_cmp(str_t *a, str_t *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, n);
    if (c != 0) {
        return c < 0 ? -1 : 1;
    }
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

static obj_t *richcmp(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw, int op, const char *name)
{
    BEGIN(name, ARGS_WRAPPER, 1, 1);
    if (!is_str(vm, argv[0])) {
        return vm->notimpl;
    }
    str_t *o = (str_t *)argv[0];
    if (op == CMP_EQ || op == CMP_NE) {
        return bool_new(vm, str_eq(s, o) == (op == CMP_EQ));
    }
    int c = str_cmp(s, o);
    switch (op) {
    case CMP_LT: return bool_new(vm, c < 0);
    case CMP_LE: return bool_new(vm, c <= 0);
    case CMP_GT: return bool_new(vm, c > 0);
    default: return bool_new(vm, c >= 0);
    }
}

FORWARD(m_eq, richcmp, CMP_EQ, "__eq__")
FORWARD(m_ne, richcmp, CMP_NE, "__ne__")
FORWARD(m_lt, richcmp, CMP_LT, "__lt__")
FORWARD(m_le, richcmp, CMP_LE, "__le__")
FORWARD(m_gt, richcmp, CMP_GT, "__gt__")
FORWARD(m_ge, richcmp, CMP_GE, "__ge__")

NATIVE(m_hash)
{
    BEGIN("__hash__", ARGS_WRAPPER, 0, 0);
    return int_new(vm, str_hash(s));
}

NATIVE(m_repr)
{
    BEGIN("__repr__", ARGS_WRAPPER, 0, 0);
    return (obj_t *)str_repr(vm, s);
}

NATIVE(m_str)
{
    BEGIN("__str__", ARGS_WRAPPER, 0, 0);
    return (obj_t *)unchanged(vm, s);
}

/* Appends format(s, spec) to out; obj names the type in error messages. */
static int format_str_into(vm_t *vm, str_t *s, obj_t *obj, const char *spec,
                           size_t slen, sbuf_t *out)
{
    if (slen == 0) {
        sb_put(out, s->s, s->len);
        return 0;
    }
    fmt_spec_t fs;
    fmt_buf_t fb;
    char err[300];
    if (fmt_parse_spec_typed(spec, slen, type_name(obj), &fs, err,
                             sizeof err) < 0) {
        vm_raise(vm, EXC_ValueError, "%s", err);
        return -1;
    }
    if (fs.width > (long)(STR_MAX_BYTES / 4)) {
        raise_memory(vm);
        return -1;
    }
    fmt_buf_init(&fb);
    if (fmt_format_str(s->s, s->len, &fs, &fb, err, sizeof err) < 0) {
        // fmt.c names the type 'str'; CPython names the actual subclass.
        char *at = strstr(err, "for object of type 'str'");
        if (at && TYPE(obj) != vm->t_str) {
            snprintf(at, sizeof err - (size_t)(at - err),
                     "for object of type '%s'", type_name(obj));
        }
        fmt_buf_free(&fb);
        vm_raise(vm, EXC_ValueError, "%s", err);
        return -1;
    }
    sb_put(out, fb.buf ? fb.buf : "", fb.len);
    fmt_buf_free(&fb);
    return 0;
}

NATIVE(m_format_spec)
{
    BEGIN("__format__", ARGS_FIXED, 1, 1);
    if (!is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError,
                        "__format__() argument must be str, not %s",
                        type_name(argv[0]));
    }
    str_t *spec = (str_t *)argv[0];
    if (spec->len == 0) {
        // format(x, '') is str(x); a subclass may override __str__.
        return (obj_t *)(TYPE(s) == vm->t_str ? s : obj_str(vm, self));
    }
    sbuf_t b;
    sb_init(&b, vm);
    if (format_str_into(vm, s, self, spec->s, spec->len, &b) < 0) {
        sb_free(&b);
        return NULL;
    }
    return (obj_t *)sb_finish(&b);
}

/* ==== The iterator ====================================================== */

typedef struct str_iter {
    obj_t hdr;
    str_t *s;     /* NULL once exhausted */
    size_t pos;   /* byte offset of the next code point */
} str_iter_t;

static void str_iter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((str_iter_t *)o)->s);
}

static obj_t *str_iter_next(vm_t *vm, obj_t *o)
{
    str_iter_t *it = (str_iter_t *)o;
    str_t *s = it->s;
    if (!s) {
        return NULL;
    }
    if (it->pos >= s->len) {
        it->s = NULL;
        return NULL;
    }
    size_t adv;
    u8_dec(s->s + it->pos, s->len - it->pos, &adv);
    str_t *r = str_new(vm, s->s + it->pos, adv);
    it->pos += adv;
    return (obj_t *)r;
}

static obj_t *str_iter_self(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

static obj_t *str_iter_new(vm_t *vm, obj_t *o)
{
    str_iter_t *it = (str_iter_t *)gc_alloc(vm, vm->t_str_iter,
                                            sizeof(str_iter_t));
    it->s = (str_t *)o;
    it->pos = 0;
    return (obj_t *)it;
}

static bool iter_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                      tuple_t *kw, const char *name)
{
    if (*self == NULL && *argc > 0) {
        *self = (*argv)[0];
        (*argv)++;
        (*argc)--;
    }
    if (*self == NULL || TYPE(*self) != vm->t_str_iter) {
        vm_raise(vm, EXC_TypeError, "descriptor '%s' requires a "
                 "'str_ascii_iterator' object", name);
        return false;
    }
    return check_args(vm, ARGS_WRAPPER, name, *argc, kw, 0, 0);
}

NATIVE(m_iter_iter)
{
    if (!iter_self(vm, &self, &argc, &argv, kw, "__iter__")) {
        return NULL;
    }
    return self;
}

NATIVE(m_iter_next)
{
    if (!iter_self(vm, &self, &argc, &argv, kw, "__next__")) {
        return NULL;
    }
    obj_t *r = str_iter_next(vm, self);
    if (!r && !vm->exc) {
        return vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, StopIteration));
    }
    return r;
}

NATIVE(m_iter)
{
    BEGIN("__iter__", ARGS_WRAPPER, 0, 0);
    return str_iter_new(vm, (obj_t *)s);
}

/* ==== Splitting and partitioning ======================================== */

/* Byte length of the whitespace code point at p, or 0 if it is not one. */
static size_t ws_at(const char *p, size_t avail)
{
    size_t adv;
    uint32_t c = u8_dec(p, avail, &adv);
    return uc_isspace(c) ? adv : 0;
}

/* Byte length of the whitespace code point ending at b, or 0. */
static size_t ws_before(const char *s, size_t b)
{
    size_t p = u8_prev(s, b);
    return ws_at(s + p, b - p) ? b - p : 0;
}

static bool add_part(vm_t *vm, list_t *l, str_t *s, size_t b0, size_t b1)
{
    str_t *part = substr(vm, s, b0, b1);
    if (!part) {
        return false;
    }
    list_append(vm, l, (obj_t *)part);
    return true;
}

static void list_reverse(list_t *l)
{
    for (size_t i = 0, j = l->n; i + 1 < j; i++, j--) {
        obj_t *t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
}

/* split()/rsplit() with sep=None (stringlib split_whitespace). */
static obj_t *split_ws(vm_t *vm, str_t *s, int64_t maxcount, bool reverse)
{
    list_t *l = list_new(vm, 0);
    const char *p = s->s;
    size_t n = s->len, k;
    if (!reverse) {
        size_t i = 0;
        while (maxcount-- > 0) {
            while (i < n && (k = ws_at(p + i, n - i))) {
                i += k;
            }
            if (i == n) {
                break;
            }
            size_t j = i;
            while (i < n && !ws_at(p + i, n - i)) {
                i++;
                while (i < n && IS_CONT(p[i])) {
                    i++;
                }
            }
            add_part(vm, l, s, j, i);
        }
        if (i < n) {
            while (i < n && (k = ws_at(p + i, n - i))) {
                i += k;
            }
            if (i != n) {
                add_part(vm, l, s, i, n);
            }
        }
        return (obj_t *)l;
    }
    size_t e = n;
    while (maxcount-- > 0) {
        while (e > 0 && (k = ws_before(p, e))) {
            e -= k;
        }
        if (e == 0) {
            break;
        }
        size_t b = e;
        while (b > 0 && !ws_before(p, b)) {
            b = u8_prev(p, b);
        }
        add_part(vm, l, s, b, e);
        e = b;
    }
    if (e > 0) {
        while (e > 0 && (k = ws_before(p, e))) {
            e -= k;
        }
        if (e > 0) {
            add_part(vm, l, s, 0, e);
        }
    }
    list_reverse(l);
    return (obj_t *)l;
}

static obj_t *split_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw, const char *name, bool reverse)
{
    static const char *const names[] = {"sep", "maxsplit"};
    obj_t *a[2];
    int64_t maxcount = -1;
    GET_SELF(name);
    if (!parse_kw(vm, name, argc, argv, kw, names, 2, a)) {
        return NULL;
    }
    if (a[1] && obj_index(vm, a[1], &maxcount) < 0) {
        return NULL;
    }
    if (maxcount < 0) {
        maxcount = INT64_MAX;
    }
    if (!a[0] || a[0] == vm->none) {
        return split_ws(vm, s, maxcount, reverse);
    }
    if (!is_str(vm, a[0])) {
        return vm_raise(vm, EXC_TypeError, "must be str or None, not %s",
                        type_name(a[0]));
    }
    str_t *sep = (str_t *)a[0];
    if (sep->len == 0) {
        return vm_raise(vm, EXC_ValueError, "empty separator");
    }
    list_t *l = list_new(vm, 0);
    int64_t pos;
    if (!reverse) {
        size_t i = 0;
        while (maxcount-- > 0 &&
               (pos = bfind(s->s + i, s->len - i, sep->s, sep->len)) >= 0) {
            add_part(vm, l, s, i, i + (size_t)pos);
            i += (size_t)pos + sep->len;
        }
        add_part(vm, l, s, i, s->len);
    } else {
        size_t j = s->len;
        while (maxcount-- > 0 &&
               (pos = brfind(s->s, j, sep->s, sep->len)) >= 0) {
            add_part(vm, l, s, (size_t)pos + sep->len, j);
            j = (size_t)pos;
        }
        add_part(vm, l, s, 0, j);
        list_reverse(l);
    }
    return (obj_t *)l;
}

FORWARD(m_split, split_common, "split", false)
FORWARD(m_rsplit, split_common, "rsplit", true)

/* Byte length of the line break starting at p (\r\n counts as one), or 0:
 * \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029, as str.splitlines. */
static size_t linebreak_at(const char *p, size_t avail)
{
    unsigned char c = (unsigned char)p[0];
    if (c == '\r') {
        return avail > 1 && p[1] == '\n' ? 2 : 1;
    }
    if ((c >= 0x0A && c <= 0x0C) || (c >= 0x1C && c <= 0x1E)) {
        return 1;
    }
    if (c == 0xC2 && avail > 1 && (unsigned char)p[1] == 0x85) {
        return 2;
    }
    if (c == 0xE2 && avail > 2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9)) {
        return 3;
    }
    return 0;
}

NATIVE(m_splitlines)
{
    static const char *const names[] = {"keepends"};
    obj_t *a[1];
    int64_t keep = 0;
    GET_SELF("splitlines");
    if (!parse_kw(vm, "splitlines", argc, argv, kw, names, 1, a) ||
        (a[0] && obj_index(vm, a[0], &keep) < 0)) {
        return NULL;
    }
    list_t *l = list_new(vm, 0);
    size_t i = 0, j = 0, n = s->len;
    while (i < n) {
        size_t k = 0;
        while (i < n && !(k = linebreak_at(s->s + i, n - i))) {
            i++;
        }
        size_t eol = i;
        if (i < n) {
            i += k;
            if (keep) {
                eol = i;
            }
        }
        add_part(vm, l, s, j, eol);
        j = i;
    }
    return (obj_t *)l;
}

static obj_t *partition_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw, const char *name, bool reverse)
{
    BEGIN(name, ARGS_FIXED, 1, 1);
    if (!is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError, "must be str, not %s",
                        type_name(argv[0]));
    }
    str_t *sep = (str_t *)argv[0];
    if (sep->len == 0) {
        return vm_raise(vm, EXC_ValueError, "empty separator");
    }
    str_t *e = get_empty(vm);
    int64_t pos = reverse ? brfind(s->s, s->len, sep->s, sep->len)
                          : bfind(s->s, s->len, sep->s, sep->len);
    if (pos < 0) {
        str_t *whole = unchanged(vm, s);
        return reverse ? (obj_t *)tuple_pack(vm, 3, e, e, whole)
                       : (obj_t *)tuple_pack(vm, 3, whole, e, e);
    }
    str_t *head = substr(vm, s, 0, (size_t)pos);
    str_t *tail = substr(vm, s, (size_t)pos + sep->len, s->len);
    return (obj_t *)tuple_pack(vm, 3, head, sep, tail);
}

FORWARD(m_partition, partition_common, "partition", false)
FORWARD(m_rpartition, partition_common, "rpartition", true)

/* ==== Strip, replace, join ============================================== */

static bool in_chars(str_t *chars, uint32_t c)
{
    if (!chars) {
        return uc_isspace(c);
    }
    for (size_t i = 0; i < chars->len;) {
        size_t adv;
        if (u8_dec(chars->s + i, chars->len - i, &adv) == c) {
            return true;
        }
        i += adv;
    }
    return false;
}

static obj_t *strip_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw, const char *name, bool left,
                           bool right)
{
    BEGIN(name, ARGS_CLINIC, 0, 1);
    str_t *chars = NULL;
    if (argc > 0 && argv[0] != vm->none) {
        if (!is_str(vm, argv[0])) {
            return vm_raise(vm, EXC_TypeError, "%s arg must be None or str",
                            name);
        }
        chars = (str_t *)argv[0];
    }
    size_t b0 = 0, b1 = s->len, adv;
    while (left && b0 < b1 &&
           in_chars(chars, u8_dec(s->s + b0, b1 - b0, &adv))) {
        b0 += adv;
    }
    while (right && b1 > b0) {
        size_t p = u8_prev(s->s, b1);
        if (!in_chars(chars, u8_dec(s->s + p, b1 - p, &adv))) {
            break;
        }
        b1 = p;
    }
    return (obj_t *)substr(vm, s, b0, b1);
}

FORWARD(m_strip, strip_common, "strip", true, true)
FORWARD(m_lstrip, strip_common, "lstrip", true, false)
FORWARD(m_rstrip, strip_common, "rstrip", false, true)

NATIVE(m_replace)
{
    GET_SELF("replace");
    int64_t count = -1;
    if (!check_args(vm, ARGS_CLINIC, "replace", argc, kw, 2, 3)) {
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (!is_str(vm, argv[i])) {
            return vm_raise(vm, EXC_TypeError,
                            "replace() argument %d must be str, not %s", i + 1,
                            type_name(argv[i]));
        }
    }
    if (argc > 2 && obj_index(vm, argv[2], &count) < 0) {
        return NULL;
    }
    str_t *old = (str_t *)argv[0], *new_ = (str_t *)argv[1];
    if (count < 0) {
        count = INT64_MAX;
    }
    sbuf_t b;
    sb_init(&b, vm);
    int64_t done = 0;
    if (old->len == 0) {
        // An empty pattern matches before every code point and at the end.
        for (size_t i = 0; i < s->len;) {
            size_t adv;
            u8_dec(s->s + i, s->len - i, &adv);
            if (done < count) {
                sb_put(&b, new_->s, new_->len);
                done++;
            }
            sb_put(&b, s->s + i, adv);
            i += adv;
        }
        if (done < count) {
            sb_put(&b, new_->s, new_->len);
            done++;
        }
    } else {
        size_t i = 0;
        int64_t r;
        while (done < count &&
               (r = bfind(s->s + i, s->len - i, old->s, old->len)) >= 0) {
            sb_put(&b, s->s + i, (size_t)r);
            sb_put(&b, new_->s, new_->len);
            i += (size_t)r + old->len;
            done++;
        }
        sb_put(&b, s->s + i, s->len - i);
    }
    if (done == 0) {
        sb_free(&b);
        return (obj_t *)unchanged(vm, s);
    }
    return (obj_t *)sb_finish(&b);
}

obj_t *str_join(vm_t *vm, str_t *sep, obj_t *iterable)
{
    obj_t **items;
    size_t n;
    type_t *t = TYPE(iterable);
    if (t == vm->t_list || t == vm->t_tuple) {
        items = t == vm->t_list ? ((list_t *)iterable)->items
                                : ((tuple_t *)iterable)->items;
        n = t == vm->t_list ? ((list_t *)iterable)->n
                            : ((tuple_t *)iterable)->n;
    } else {
        // PySequence_Fast: only a failing iter() becomes this TypeError.
        obj_t *it = obj_iter(vm, iterable);
        if (!it) {
            if (vm_exc_matches(vm, EXC_TypeError)) {
                vm_take_exc(vm);
                vm_raise(vm, EXC_TypeError, "can only join an iterable");
            }
            return NULL;
        }
        list_t *l = obj_to_list(vm, it);
        if (!l) {
            return NULL;
        }
        items = l->items;
        n = l->n;
    }
    if (n == 0) {
        return (obj_t *)get_empty(vm);
    }
    if (n == 1 && TYPE(items[0]) == vm->t_str) {
        return items[0];
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_str(vm, items[i])) {
            return vm_raise(vm, EXC_TypeError,
                            "sequence item %zu: expected str instance, %s "
                            "found", i, type_name(items[i]));
        }
        total += ((str_t *)items[i])->len;
    }
    sbuf_t b;
    sb_init(&b, vm);
    sb_grow(&b, total + sep->len * (n - 1));
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            sb_put(&b, sep->s, sep->len);
        }
        sb_put(&b, ((str_t *)items[i])->s, ((str_t *)items[i])->len);
    }
    return (obj_t *)sb_finish(&b);
}

NATIVE(m_join)
{
    BEGIN("join", ARGS_FIXED, 1, 1);
    return str_join(vm, s, argv[0]);
}

/* ==== Case conversion and predicates ==================================== */

enum { OP_UPPER, OP_LOWER, OP_TITLE, OP_CAPITALIZE, OP_SWAPCASE, OP_FOLD };

/* Decodes s into a malloc'ed code point array (NULL: MemoryError). */
static uint32_t *decode_all(vm_t *vm, str_t *s)
{
    uint32_t *cps = malloc((s->nchars + 1) * sizeof(uint32_t));
    if (!cps) {
        raise_memory(vm);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < s->len && k < s->nchars; k++) {
        size_t adv;
        cps[k] = u8_dec(s->s + i, s->len - i, &adv);
        i += adv;
    }
    return cps;
}

static char ascii_map(int op, char c, bool first, bool prev_cased)
{
    bool lo = c >= 'a' && c <= 'z', up = c >= 'A' && c <= 'Z';
    bool to_up;
    switch (op) {
    case OP_UPPER: to_up = true; break;
    case OP_TITLE: to_up = !prev_cased; break;
    case OP_CAPITALIZE: to_up = first; break;
    case OP_SWAPCASE: to_up = lo; break;
    default: to_up = false; break;
    }
    if (to_up && lo) {
        return (char)(c - 32);
    }
    if (!to_up && up) {
        return (char)(c + 32);
    }
    return c;
}

static obj_t *case_convert(vm_t *vm, str_t *s, int op)
{
    sbuf_t b;
    sb_init(&b, vm);
    if (s->ascii) {
        bool prev_cased = false;
        sb_grow(&b, s->len);
        for (size_t i = 0; i < s->len; i++) {
            char c = s->s[i];
            sb_putc(&b, ascii_map(op, c, i == 0, prev_cased));
            prev_cased = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return (obj_t *)sb_finish(&b);
    }
    uint32_t *cps = decode_all(vm, s);
    if (!cps) {
        return NULL;
    }
    size_t n = s->nchars;
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i], m[3];
        int k;
        switch (op) {
        case OP_UPPER:
            k = case_full(c, CM_UPPER, m);
            break;
        case OP_LOWER:
            k = lower_at(cps, n, i, m);
            break;
        case OP_FOLD:
            k = case_full(c, CM_FOLD, m);
            break;
        case OP_TITLE:
            k = prev_cased ? lower_at(cps, n, i, m)
                           : case_full(c, CM_TITLE, m);
            prev_cased = uc_iscased(c);
            break;
        case OP_CAPITALIZE:
            k = i == 0 ? case_full(c, CM_TITLE, m) : lower_at(cps, n, i, m);
            break;
        default:
            if (uc_isupper(c)) {
                k = lower_at(cps, n, i, m);
            } else if (uc_islower(c)) {
                k = case_full(c, CM_UPPER, m);
            } else {
                m[0] = c;
                k = 1;
            }
            break;
        }
        for (int j = 0; j < k; j++) {
            sb_putcp(&b, m[j]);
        }
    }
    free(cps);
    return (obj_t *)sb_finish(&b);
}

#define CASE_METHOD(fn, name, op)                                           \
    NATIVE(fn)                                                              \
    {                                                                       \
        BEGIN(name, ARGS_FIXED, 0, 0);                                      \
        return case_convert(vm, s, op);                                     \
    }

CASE_METHOD(m_upper, "upper", OP_UPPER)
CASE_METHOD(m_lower, "lower", OP_LOWER)
CASE_METHOD(m_title, "title", OP_TITLE)
CASE_METHOD(m_capitalize, "capitalize", OP_CAPITALIZE)
CASE_METHOD(m_swapcase, "swapcase", OP_SWAPCASE)
CASE_METHOD(m_casefold, "casefold", OP_FOLD)

/* True iff s is non-empty and pred holds for every code point. */
static bool all_chars(str_t *s, bool (*pred)(uint32_t))
{
    if (s->len == 0) {
        return false;
    }
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        if (!pred(u8_dec(s->s + i, s->len - i, &adv))) {
            return false;
        }
        i += adv;
    }
    return true;
}

#define PRED_METHOD(fn, name, pred)                                         \
    NATIVE(fn)                                                              \
    {                                                                       \
        BEGIN(name, ARGS_FIXED, 0, 0);                                      \
        return bool_new(vm, all_chars(s, pred));                            \
    }

PRED_METHOD(m_isdigit, "isdigit", uc_isdigit)
PRED_METHOD(m_isdecimal, "isdecimal", uc_isdecimal)
PRED_METHOD(m_isnumeric, "isnumeric", uc_isnumeric)
PRED_METHOD(m_isalpha, "isalpha", uc_isalpha)
PRED_METHOD(m_isalnum, "isalnum", uc_isalnum)
PRED_METHOD(m_isspace, "isspace", uc_isspace)

NATIVE(m_isprintable)
{
    BEGIN("isprintable", ARGS_FIXED, 0, 0);
    return bool_new(vm, s->len == 0 || all_chars(s, uc_isprintable));
}

NATIVE(m_isascii)
{
    BEGIN("isascii", ARGS_FIXED, 0, 0);
    return bool_new(vm, s->ascii);
}

/* isupper/islower: no character of the opposite case and at least one
 * cased character. */
static obj_t *case_pred(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kw, const char *name, bool want_upper)
{
    BEGIN(name, ARGS_FIXED, 0, 0);
    bool cased = false;
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        uint32_t c = u8_dec(s->s + i, s->len - i, &adv);
        if (want_upper ? uc_islower(c) : uc_isupper(c)) {
            return vm->false_;
        }
        cased = cased || (want_upper ? uc_isupper(c) : uc_islower(c));
        i += adv;
    }
    return bool_new(vm, cased);
}

FORWARD(m_isupper, case_pred, "isupper", true)
FORWARD(m_islower, case_pred, "islower", false)

NATIVE(m_istitle)
{
    BEGIN("istitle", ARGS_FIXED, 0, 0);
    bool cased = false, prev = false;
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        uint32_t c = u8_dec(s->s + i, s->len - i, &adv);
        if (uc_isupper(c)) {
            if (prev) {
                return vm->false_;
            }
            prev = cased = true;
        } else if (uc_islower(c)) {
            if (!prev) {
                return vm->false_;
            }
            prev = cased = true;
        } else {
            prev = false;
        }
        i += adv;
    }
    return bool_new(vm, cased);
}

static bool id_start(uint32_t c) { return c == '_' || uc_isalpha(c); }
static bool id_continue(uint32_t c)
{
    return id_start(c) || uc_isdecimal(c) || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F);
}

NATIVE(m_isidentifier)
{
    BEGIN("isidentifier", ARGS_FIXED, 0, 0);
    if (s->len == 0) {
        return vm->false_;
    }
    size_t adv;
    if (!id_start(u8_dec(s->s, s->len, &adv))) {
        return vm->false_;
    }
    for (size_t i = adv; i < s->len; i += adv) {
        if (!id_continue(u8_dec(s->s + i, s->len - i, &adv))) {
            return vm->false_;
        }
    }
    return vm->true_;
}

/* ==== Padding =========================================================== */

static obj_t *pad(vm_t *vm, str_t *s, int64_t left, int64_t right,
                  uint32_t fill)
{
    if (left <= 0 && right <= 0) {
        return (obj_t *)unchanged(vm, s);
    }
    sbuf_t b;
    sb_init(&b, vm);
    sb_fill(&b, fill, left);
    sb_put(&b, s->s, s->len);
    sb_fill(&b, fill, right);
    return (obj_t *)sb_finish(&b);
}

/* center/ljust/rjust: (width[, fillchar]), width converted first. */
static obj_t *just_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw, const char *name, char how)
{
    GET_SELF(name);
    int64_t width;
    uint32_t fill = ' ';
    if (!check_args(vm, ARGS_CLINIC, name, argc, kw, 1, 2) ||
        obj_index(vm, argv[0], &width) < 0) {
        return NULL;
    }
    if (argc > 1) {
        if (!is_str(vm, argv[1])) {
            return vm_raise(vm, EXC_TypeError,
                            "The fill character must be a unicode character, "
                            "not %s", type_name(argv[1]));
        }
        str_t *f = (str_t *)argv[1];
        if (f->nchars != 1) {
            return vm_raise(vm, EXC_TypeError, "The fill character must be "
                                               "exactly one character long");
        }
        size_t adv;
        fill = u8_dec(f->s, f->len, &adv);
    }
    int64_t n = (int64_t)s->nchars;
    if (n >= width) {
        return (obj_t *)unchanged(vm, s);
    }
    int64_t marg = width - n;
    if (how == '^') {
        // CPython's rounding: the odd column goes left iff width is odd.
        int64_t left = marg / 2 + (marg & width & 1);
        return pad(vm, s, left, marg - left, fill);
    }
    return how == '<' ? pad(vm, s, 0, marg, fill) : pad(vm, s, marg, 0, fill);
}

FORWARD(m_center, just_common, "center", '^')
FORWARD(m_ljust, just_common, "ljust", '<')
FORWARD(m_rjust, just_common, "rjust", '>')

NATIVE(m_zfill)
{
    GET_SELF("zfill");
    int64_t width;
    if (!check_args(vm, ARGS_FIXED, "zfill", argc, kw, 1, 1) ||
        obj_index(vm, argv[0], &width) < 0) {
        return NULL;
    }
    int64_t fill = width - (int64_t)s->nchars;
    if (fill <= 0) {
        return (obj_t *)unchanged(vm, s);
    }
    sbuf_t b;
    sb_init(&b, vm);
    size_t skip = 0;
    if (s->len > 0 && (s->s[0] == '+' || s->s[0] == '-')) {
        // The sign stays in front of the zeros.
        sb_putc(&b, s->s[0]);
        skip = 1;
    }
    sb_fill(&b, '0', fill);
    sb_put(&b, s->s + skip, s->len - skip);
    return (obj_t *)sb_finish(&b);
}

NATIVE(m_expandtabs)
{
    static const char *const names[] = {"tabsize"};
    obj_t *a[1];
    int64_t tabsize = 8;
    GET_SELF("expandtabs");
    if (!parse_kw(vm, "expandtabs", argc, argv, kw, names, 1, a) ||
        (a[0] && obj_index(vm, a[0], &tabsize) < 0)) {
        return NULL;
    }
    sbuf_t b;
    sb_init(&b, vm);
    int64_t col = 0;
    for (size_t i = 0; i < s->len && !b.err;) {
        size_t adv;
        uint32_t c = u8_dec(s->s + i, s->len - i, &adv);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t incr = tabsize - col % tabsize;
                sb_fill(&b, ' ', incr);
                col += incr;
            }
        } else {
            sb_put(&b, s->s + i, adv);
            col++;
            if (c == '\n' || c == '\r') {
                col = 0;
            }
        }
        i += adv;
    }
    return (obj_t *)sb_finish(&b);
}

static obj_t *remove_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw, const char *name, bool suffix)
{
    BEGIN(name, ARGS_FIXED, 1, 1);
    if (!is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError, "%s() argument must be str, not %s",
                        name, type_name(argv[0]));
    }
    str_t *a = (str_t *)argv[0];
    if (a->len > 0 && a->len <= s->len) {
        if (!suffix && memcmp(s->s, a->s, a->len) == 0) {
            return (obj_t *)substr(vm, s, a->len, s->len);
        }
        if (suffix && memcmp(s->s + s->len - a->len, a->s, a->len) == 0) {
            return (obj_t *)substr(vm, s, 0, s->len - a->len);
        }
    }
    return (obj_t *)unchanged(vm, s);
}

FORWARD(m_removeprefix, remove_common, "removeprefix", false)
FORWARD(m_removesuffix, remove_common, "removesuffix", true)

/* ==== str.format (Objects/stringlib/unicode_format.h) =================== */

typedef struct fmt_ctx {
    obj_t **args;       /* positional arguments */
    int nargs;
    bool positional;    /* false for format_map: no positional fields */
    tuple_t *kwnames;   /* keyword names (str.format) */
    obj_t **kwvals;
    obj_t *mapping;     /* format_map's mapping, else NULL */
    int autostate;      /* 0 unknown, 1 automatic, 2 manual numbering */
    int64_t next_auto;
} fmt_ctx_t;

static obj_t *fmt_error(vm_t *vm, const char *msg)
{
    return vm_raise(vm, EXC_ValueError, "%s", msg);
}

/* Parses p[0..n) as a decimal index: 1 and *out if all digits, 0 if not a
 * number (or empty), -1 on overflow (raised). */
static int fmt_integer(vm_t *vm, const char *p, size_t n, int64_t *out)
{
    int64_t acc = 0;
    if (n == 0) {
        return 0;
    }
    for (size_t i = 0; i < n;) {
        size_t adv;
        int d = uc_decimal(u8_dec(p + i, n - i, &adv));
        if (d < 0) {
            return 0;
        }
        if (acc > (INT64_MAX - d) / 10) {
            fmt_error(vm, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
        i += adv;
    }
    *out = acc;
    return 1;
}

static obj_t *fmt_keyword(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n)
{
    str_t *key = str_new(vm, p, n);
    if (cx->mapping) {
        return obj_getitem(vm, cx->mapping, (obj_t *)key);
    }
    for (size_t i = 0; cx->kwnames && i < cx->kwnames->n; i++) {
        if (str_eq((str_t *)cx->kwnames->items[i], key)) {
            return cx->kwvals[i];
        }
    }
    obj_t *e = exc_new(vm, EXC_TYPE(vm, KeyError),
                       tuple_pack(vm, 1, (obj_t *)key));
    return e ? vm_raise_obj(vm, e) : NULL;
}

/* Resolves a field name such as "0", "", "name", "0.attr[key][1]". */
static obj_t *fmt_field(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && p[i] != '.' && p[i] != '[') {
        i++;
    }
    int64_t idx = 0;
    int isnum = fmt_integer(vm, p, i, &idx);
    if (isnum < 0) {
        return NULL;
    }
    bool empty = i == 0;
    obj_t *o;
    if (empty || isnum) {
        if (cx->autostate == 0) {
            cx->autostate = empty ? 1 : 2;
        }
        if (cx->autostate == 2 && empty) {
            return fmt_error(vm, "cannot switch from manual field "
                                 "specification to automatic field numbering");
        }
        if (cx->autostate == 1 && !empty) {
            return fmt_error(vm, "cannot switch from automatic field "
                                 "numbering to manual field specification");
        }
        if (empty) {
            idx = cx->next_auto++;
        }
        if (!cx->positional) {
            return fmt_error(vm, "Format string contains positional fields");
        }
        if (idx >= cx->nargs) {
            return vm_raise(vm, EXC_IndexError,
                            "Replacement index %lld out of range for "
                            "positional args tuple", (long long)idx);
        }
        o = cx->args[idx];
    } else {
        o = fmt_keyword(vm, cx, p, i);
    }
    while (o && i < n) {
        char c = p[i++];
        size_t start = i;
        if (c == '.') {
            while (i < n && p[i] != '.' && p[i] != '[') {
                i++;
            }
            if (i == start) {
                return fmt_error(vm, "Empty attribute in format string");
            }
            o = obj_getattr(vm, o, str_new(vm, p + start, i - start));
        } else if (c == '[') {
            while (i < n && p[i] != ']') {
                i++;
            }
            if (i >= n) {
                return fmt_error(vm, "Missing ']' in format string");
            }
            int64_t k = 0;
            int kn = fmt_integer(vm, p + start, i - start, &k);
            if (kn < 0) {
                return NULL;
            }
            if (i == start) {
                return fmt_error(vm, "Empty attribute in format string");
            }
            obj_t *key = kn ? int_new(vm, k)
                            : (obj_t *)str_new(vm, p + start, i - start);
            i++;
            o = obj_getitem(vm, o, key);
        } else {
            return fmt_error(vm, "Only '.' or '[' may follow ']' in format "
                                 "field specifier");
        }
    }
    return o;
}

static int fmt_build(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n,
                     int depth, sbuf_t *out);

/* Renders one replacement field whose text (after '{') starts at p[*pos];
 * advances *pos past its closing '}'. */
static int fmt_markup(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n,
                      size_t *pos, int depth, sbuf_t *out)
{
    size_t i = *pos, fstart = i;
    char c = 0;
    while (i < n) {
        c = p[i++];
        if (c == '{') {
            fmt_error(vm, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (i < n && p[i] != ']') {
                i++;
            }
            continue;
        }
        if (c == '}' || c == ':' || c == '!') {
            break;
        }
    }
    size_t fend = i - 1;
    uint32_t conv = 0;
    size_t sstart = i, send = i;
    bool expand = false;
    if (c == '!' || c == ':') {
        bool have_spec = true;
        if (c == '!') {
            if (i >= n) {
                fmt_error(vm, "end of string while looking for conversion "
                              "specifier");
                return -1;
            }
            size_t adv;
            conv = u8_dec(p + i, n - i, &adv);
            i += adv;
            if (i < n) {
                c = p[i++];
                if (c == '}') {
                    have_spec = false;
                    sstart = send = i;
                } else if (c != ':') {
                    fmt_error(vm, "expected ':' after conversion specifier");
                    return -1;
                }
            }
        }
        if (have_spec) {
            int count = 1;
            sstart = i;
            while (i < n) {
                c = p[i++];
                if (c == '{') {
                    expand = true;
                    count++;
                } else if (c == '}' && --count == 0) {
                    break;
                }
            }
            if (count != 0) {
                fmt_error(vm, "unmatched '{' in format spec");
                return -1;
            }
            send = i - 1;
        }
    } else if (c != '}') {
        fmt_error(vm, "expected '}' before end of string");
        return -1;
    }
    *pos = i;

    obj_t *v = fmt_field(vm, cx, p + fstart, fend - fstart);
    if (!v) {
        return -1;
    }
    if (conv) {
        switch (conv) {
        case 'r': v = (obj_t *)obj_repr(vm, v); break;
        case 's': v = (obj_t *)obj_str(vm, v); break;
        case 'a': v = (obj_t *)ascii_of(vm, v); break;
        default:
            if (conv > 32 && conv < 127) {
                vm_raise(vm, EXC_ValueError,
                         "Unknown conversion specifier %c", (char)conv);
            } else {
                vm_raise(vm, EXC_ValueError,
                         "Unknown conversion specifier \\x%x", (unsigned)conv);
            }
            return -1;
        }
        if (!v) {
            return -1;
        }
    }
    // A spec with nested fields ("{:{width}}") is itself formatted first,
    // one recursion level down.
    sbuf_t spec;
    sb_init(&spec, vm);
    const char *sp = p + sstart;
    size_t slen = send - sstart;
    if (expand) {
        if (fmt_build(vm, cx, sp, slen, depth - 1, &spec) < 0 || spec.err) {
            sb_free(&spec);
            return -1;
        }
        sp = spec.p ? spec.p : "";
        slen = spec.n;
    }
    int rc = 0;
    if (TYPE(v) == vm->t_str) {
        rc = format_str_into(vm, (str_t *)v, v, sp, slen, out);
    } else {
        str_t *r = obj_format(vm, v, str_new(vm, sp, slen));
        if (r) {
            sb_put(out, r->s, r->len);
        } else {
            rc = -1;
        }
    }
    sb_free(&spec);
    return rc;
}

/* build_string/MarkupIterator: literal text, {{ and }}, and fields. */
static int fmt_build(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n,
                     int depth, sbuf_t *out)
{
    if (depth <= 0) {
        fmt_error(vm, "Max string recursion exceeded");
        return -1;
    }
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        char c = 0;
        bool markup = false;
        while (i < n) {
            c = p[i++];
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = i >= n;
        size_t litlen = i - start;
        if (markup && c == '}' && (at_end || p[i] != '}')) {
            fmt_error(vm, "Single '}' encountered in format string");
            return -1;
        }
        if (markup && c == '{' && at_end) {
            fmt_error(vm, "Single '{' encountered in format string");
            return -1;
        }
        if (markup) {
            if (p[i] == c) {
                // Doubled brace: the literal keeps the first one.
                i++;
                markup = false;
            } else {
                litlen--;
            }
        }
        sb_put(out, p + start, litlen);
        if (markup && fmt_markup(vm, cx, p, n, &i, depth, out) < 0) {
            return -1;
        }
        if (out->err) {
            return -1;
        }
    }
    return 0;
}

obj_t *str_format(vm_t *vm, str_t *fmt, int argc, obj_t **argv,
                  tuple_t *kwnames)
{
    fmt_ctx_t cx;
    memset(&cx, 0, sizeof cx);
    cx.args = argv;
    cx.nargs = argc;
    cx.positional = true;
    cx.kwnames = kwnames;
    cx.kwvals = argv ? argv + argc : NULL;
    sbuf_t b;
    sb_init(&b, vm);
    if (fmt_build(vm, &cx, fmt->s, fmt->len, 2, &b) < 0) {
        sb_free(&b);
        return NULL;
    }
    return (obj_t *)sb_finish(&b);
}

NATIVE(m_format)
{
    GET_SELF("format");
    return str_format(vm, s, argc, argv, kw);
}

NATIVE(m_format_map)
{
    BEGIN("format_map", ARGS_FIXED, 1, 1);
    fmt_ctx_t cx;
    memset(&cx, 0, sizeof cx);
    cx.mapping = argv[0];
    sbuf_t b;
    sb_init(&b, vm);
    if (fmt_build(vm, &cx, s->s, s->len, 2, &b) < 0) {
        sb_free(&b);
        return NULL;
    }
    return (obj_t *)sb_finish(&b);
}

/* ==== Type slots and initialisation ===================================== */

static void str_destroy(vm_t *vm, obj_t *o)
{
    str_t *s = (str_t *)o;
    if (s->s) {
        gc_free(vm, s->s, s->len + 1);
        s->s = NULL;
    }
}

static obj_t *str_repr_slot(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_repr(vm, (str_t *)o);
}

static obj_t *str_str_slot(vm_t *vm, obj_t *o)
{
    return (obj_t *)unchanged(vm, (str_t *)o);
}

/* str(object='', encoding=..., errors=...); self is the class, which may
 * be a subclass of str. There are no bytes objects, so any encoding
 * argument with an object fails the way CPython's decoding path does. */
static obj_t *str_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    static const char *const names[] = {"object", "encoding", "errors"};
    obj_t *a[3];
    if (!parse_kw(vm, "str", argc, argv, kw, names, 3, a)) {
        return NULL;
    }
    for (int i = 1; i < 3; i++) {
        if (a[i] && !is_str(vm, a[i])) {
            return vm_raise(vm, EXC_TypeError,
                            "str() argument '%s' must be str, not %s",
                            names[i], type_name(a[i]));
        }
    }
    str_t *r;
    if (!a[0]) {
        r = get_empty(vm);
    } else if (a[1] || a[2]) {
        return vm_raise(vm, EXC_TypeError,
                        "decoding to str: need a bytes-like object, %s found",
                        type_name(a[0]));
    } else {
        r = obj_str(vm, a[0]);
        if (!r) {
            return NULL;
        }
    }
    type_t *t = self && obj_isinstance_t(self, vm->t_type) ? (type_t *)self
                                                            : vm->t_str;
    if (t == vm->t_str) {
        return (obj_t *)r;
    }
    char *buf = gc_malloc(vm, r->len + 1);
    memcpy(buf, r->s, r->len + 1);
    return (obj_t *)str_wrap(vm, t, buf, r->len);
}

typedef struct method_def { const char *name; native_fn fn; } method_def_t;

static const method_def_t str_methods[] = {
    {"__len__", m_len}, {"__getitem__", m_getitem},
    {"__contains__", m_contains}, {"__add__", m_add}, {"__mul__", m_mul},
    {"__rmul__", m_rmul}, {"__eq__", m_eq}, {"__ne__", m_ne},
    {"__lt__", m_lt}, {"__le__", m_le}, {"__gt__", m_gt}, {"__ge__", m_ge},
    {"__hash__", m_hash}, {"__format__", m_format_spec}, {"__iter__", m_iter},
    {"__repr__", m_repr}, {"__str__", m_str},
    {"join", m_join}, {"split", m_split}, {"rsplit", m_rsplit},
    {"splitlines", m_splitlines}, {"strip", m_strip}, {"lstrip", m_lstrip},
    {"rstrip", m_rstrip}, {"replace", m_replace}, {"find", m_find},
    {"rfind", m_rfind}, {"index", m_index}, {"rindex", m_rindex},
    {"count", m_count}, {"startswith", m_startswith},
    {"endswith", m_endswith}, {"upper", m_upper}, {"lower", m_lower},
    {"title", m_title}, {"capitalize", m_capitalize},
    {"swapcase", m_swapcase}, {"casefold", m_casefold},
    {"isdigit", m_isdigit}, {"isdecimal", m_isdecimal},
    {"isnumeric", m_isnumeric}, {"isalpha", m_isalpha},
    {"isalnum", m_isalnum}, {"isspace", m_isspace}, {"isupper", m_isupper},
    {"islower", m_islower}, {"istitle", m_istitle},
    {"isidentifier", m_isidentifier}, {"isprintable", m_isprintable},
    {"isascii", m_isascii}, {"zfill", m_zfill}, {"center", m_center},
    {"ljust", m_ljust}, {"rjust", m_rjust}, {"expandtabs", m_expandtabs},
    {"partition", m_partition}, {"rpartition", m_rpartition},
    {"format", m_format}, {"format_map", m_format_map},
    {"removeprefix", m_removeprefix}, {"removesuffix", m_removesuffix}};

static const method_def_t iter_methods[] = {
    {"__iter__", m_iter_iter}, {"__next__", m_iter_next}};

static void add_methods(vm_t *vm, type_t *t, const method_def_t *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        type_add_method(vm, t, m[i].name, m[i].fn);
    }
}

/* Creates str and its iterator type and the shared '' and one-character
 * strings. Methods registered before obj_core_finish are queued by
 * type_add_method until the type dicts exist. */
void obj_str_init(vm_t *vm)
{
    type_t *t = type_new_builtin(vm, "str", NULL, LAYOUT_STR, sizeof(str_t));
    t->destroy = str_destroy;
    t->repr = str_repr_slot;
    t->str = str_str_slot;
    t->iter = str_iter_new;
    t->new_ = str_new_slot;
    vm->t_str = t;
    add_methods(vm, t, str_methods,
                sizeof str_methods / sizeof str_methods[0]);

    // CPython 3.11 names the iterator of an ASCII string str_ascii_iterator
    // (str_iterator otherwise); one type serves both here.
    t = type_new_builtin(vm, "str_ascii_iterator", NULL, LAYOUT_OTHER,
                         sizeof(str_iter_t));
    t->flags &= ~(uint32_t)TF_BASETYPE;
    t->mark = str_iter_mark;
    t->iter = str_iter_self;
    t->next = str_iter_next;
    t->new_ = NULL;   // "cannot create 'str_ascii_iterator' instances"
    vm->t_str_iter = t;
    add_methods(vm, t, iter_methods,
                sizeof iter_methods / sizeof iter_methods[0]);

    get_empty(vm);
    for (unsigned c = 0; c < 128; c++) {
        ascii_char(vm, c);
    }
}
