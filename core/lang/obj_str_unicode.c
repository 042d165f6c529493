/*
 * obj_str_unicode.c - UTF-8 decoding and encoding, and the Unicode
 * character properties behind str's methods and repr().
 *
 * Mirrors, approximately, CPython 3.11's Objects/unicodectype.c with its
 * generated tables (unicodetype_db.h) and the SpecialCasing data used by
 * Objects/unicodeobject.c. Character properties are approximated with
 * small tables: case mapping for ASCII, Latin-1, Latin Extended-A/B
 * (pairs), Greek, Cyrillic and Armenian (with SpecialCasing's 'ß' -> 'SS'
 * and the final-sigma rule); the is*() predicates and repr()'s
 * printability for common scripts.
 *
 * Invariants: the decoder never reads past the n bytes it is given, and
 * a malformed byte decodes as itself with length 1, so loops over text
 * always make progress; the range tables are sorted and do not overlap
 * (in_table bisects them).
 */
#include "obj_str_int.h"

#include <stdint.h>
#include <string.h>

/* ==== UTF-8 ============================================================ */

/* Decodes the code point at p (n > 0 bytes available) and stores its byte
 * length in *adv. A malformed byte decodes as itself with length 1, so no
 * loop can stall on bad input. */
uint32_t str__u8_dec(const char *p, size_t n, size_t *adv)
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

size_t str__u8_enc(uint32_t c, char *o)
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
size_t str__u8_prev(const char *s, size_t b)
{
    do {
        b--;
    } while (b > 0 && IS_CONT(s[b]));
    return b;
}

size_t str__u8_count(const char *s, size_t n)
{
    // Characters are the bytes that are not continuation bytes
    // (10xxxxxx). Eight at a time: bit 7 of each byte of c is set for a
    // continuation byte (bit 7 set, bit 6 clear), and the multiply adds
    // those bits up in the top byte.
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t c = w & ~(w << 1) & 0x8080808080808080ull;
        cont += (size_t)(((c >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++) {
        cont += IS_CONT(s[i]);
    }
    return n - cont;
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

int str__uc_decimal(uint32_t c)
{
    for (size_t i = 0; i < sizeof decimal_zeros / sizeof decimal_zeros[0];
         i++) {
        if (c >= decimal_zeros[i] && c < decimal_zeros[i] + 10) {
            return (int)(c - decimal_zeros[i]);
        }
    }
    return -1;
}

bool str__uc_isspace(uint32_t c) { return IN_TABLE(c, space_tab); }
bool str__uc_isalpha(uint32_t c) { return IN_TABLE(c, alpha_tab); }
bool str__uc_isdecimal(uint32_t c) { return str__uc_decimal(c) >= 0; }
bool str__uc_isdigit(uint32_t c)
{
    return str__uc_isdecimal(c) || IN_TABLE(c, digit_tab);
}
bool str__uc_isnumeric(uint32_t c)
{
    return str__uc_isdigit(c) || IN_TABLE(c, numeric_tab);
}
bool str__uc_isalnum(uint32_t c)
{
    return str__uc_isalpha(c) || str__uc_isnumeric(c);
}
bool str__uc_isprintable(uint32_t c)
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
bool str__uc_islower(uint32_t c)
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

bool str__uc_isupper(uint32_t c)
{
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z';
    }
    return uc_tolower(c) != c;
}

bool str__uc_iscased(uint32_t c)
{
    return str__uc_islower(c) || str__uc_isupper(c);
}

/* Full case mapping of c (SpecialCasing: 'ß'.upper() is 'SS'); writes up to
 * three code points to out and returns how many. */
int str__case_full(uint32_t c, int mode, uint32_t *out)
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
int str__lower_at(const uint32_t *cps, size_t n, size_t i, uint32_t *out)
{
    if (cps[i] != 0x3A3) {
        return str__case_full(cps[i], CM_LOWER, out);
    }
    size_t j = i;
    while (j > 0 && IN_TABLE(cps[j - 1], ignorable_tab)) {
        j--;
    }
    bool final = j > 0 && str__uc_iscased(cps[j - 1]);
    if (final) {
        j = i + 1;
        while (j < n && IN_TABLE(cps[j], ignorable_tab)) {
            j++;
        }
        final = j == n || !str__uc_iscased(cps[j]);
    }
    out[0] = final ? 0x3C2 : 0x3C3;
    return 1;
}
