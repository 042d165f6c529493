/*
 * pytok.c - the Python 3.11 tokenizer behind `looplab migrate`.
 *
 * One pass over the bytes with CPython's state: an indentation stack (with
 * a second, tab-size-1 stack to detect inconsistent tabs), a bracket
 * stack, and a beginning-of-line flag. Positions are byte offsets so that
 * callers can splice the original text; token order and boundaries match
 * the tokenize module (ENCODING aside), which the migrate tests check.
 */
#include "pytok.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INDENT 100   /* CPython's limit too */
#define MAX_DEPTH 200    /* nesting of brackets (CPython: MAXLEVEL 200) */

/* The tokenizer's state for one source text. */
typedef struct tstate {
    const char *src;
    size_t len;
    size_t pos;
    int line;
    size_t line_start;          /* offset of the current line's first byte */
    int indents[MAX_INDENT + 1];
    int altindents[MAX_INDENT + 1];
    int nindent;                /* entries above the base level 0 */
    char brackets[MAX_DEPTH];
    int bracket_lines[MAX_DEPTH];
    int depth;
    pytok_list *out;
} tstate;

const char *pytok_type_name(pytok_type type)
{
    static const char *const names[] = {
        "NAME", "NUMBER", "STRING", "OP", "COMMENT", "NL", "NEWLINE",
        "INDENT", "DEDENT", "ENDMARKER"
    };
    if ((unsigned)type < sizeof names / sizeof names[0]) {
        return names[type];
    }
    return "?";
}

int pytok_eq(const pytok_token *t, const char *src, const char *text)
{
    size_t n = strlen(text);
    return t->end - t->start == n && memcmp(src + t->start, text, n) == 0;
}

/* Records the first error (later ones are consequences) and returns -1. */
static int fail(tstate *s, int line, const char *fmt, ...)
{
    if (s->out->ok) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(s->out->err, sizeof s->out->err, fmt, ap);
        va_end(ap);
        s->out->ok = 0;
        s->out->err_line = line;
    }
    return -1;
}

static int emit(tstate *s, pytok_type type, size_t start, size_t end)
{
    pytok_list *l = s->out;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        pytok_token *t = realloc(l->toks, cap * sizeof *t);
        if (!t) {
            return fail(s, s->line, "out of memory");
        }
        l->toks = t;
        l->cap = cap;
    }
    pytok_token *t = &l->toks[l->n++];
    t->type = type;
    t->start = start;
    t->end = end;
    t->line = s->line;
    t->col = (int)(start - s->line_start);
    return 0;
}

static int peek(const tstate *s, size_t off)
{
    size_t p = s->pos + off;
    return p < s->len ? (unsigned char)s->src[p] : -1;
}

/* Length of the newline at [p] (\n, \r\n or a lone \r, which the compiler
 * also reads as a newline), or 0. */
static size_t newline_len(const tstate *s, size_t p)
{
    if (p >= s->len) {
        return 0;
    }
    if (s->src[p] == '\n') {
        return 1;
    }
    if (s->src[p] == '\r') {
        return p + 1 < s->len && s->src[p + 1] == '\n' ? 2 : 1;
    }
    return 0;
}

/* Moves past a newline of [n] bytes at the current position. */
static void pass_newline(tstate *s, size_t n)
{
    s->pos += n;
    s->line++;
    s->line_start = s->pos;
}

static int is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c >= 0x80;
}

static int is_ident_char(int c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* Checks the UTF-8 sequence at [p]; returns its length or 0 if invalid.
 * Non-ASCII letters are accepted as identifier characters without a
 * Unicode table: a file that misuses them is still tokenized, which is
 * what a tolerant migration tool wants. */
static size_t utf8_len(const tstate *s, size_t p)
{
    const unsigned char *u = (const unsigned char *)s->src;
    size_t need;
    unsigned c = u[p];
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
    } else {
        return 0;
    }
    if (p + need >= s->len) {
        return 0;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((u[p + i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    return need + 1;
}

/* The code point of the [n]-byte UTF-8 sequence at [p]. */
static unsigned code_point(const tstate *s, size_t p, size_t n)
{
    const unsigned char *u = (const unsigned char *)s->src + p;
    static const unsigned lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
    unsigned c = u[0] & lead_mask[n];
    for (size_t i = 1; i < n; i++) {
        c = (c << 6) | (u[i] & 0x3f);
    }
    return c;
}

/* Characters that are certainly not part of an identifier (punctuation,
 * symbols, arrows, box drawing, emoji, ...). Without Unicode's full
 * XID tables this catches the mistakes seen in practice - `€ = 2`, a
 * pasted `→` or `“` - and lets every letter through. */
static int never_in_identifier(unsigned c)
{
    if (c < 0xa0) {
        return 1;        /* C1 controls */
    }
    if (c <= 0xbf) {
        return c != 0xaa && c != 0xb5 && c != 0xb7 && c != 0xba;
    }
    if (c == 0xd7 || c == 0xf7) {
        return 1;
    }
    if (c >= 0x2000 && c <= 0x206f) {
        return c != 0x203f && c != 0x2040 && c != 0x2054;
    }
    return (c >= 0x20a0 && c <= 0x20cf) || (c >= 0x2190 && c <= 0x23ff) ||
           (c >= 0x2500 && c <= 0x27bf) || (c >= 0x2e00 && c <= 0x2e7f) ||
           (c >= 0x3000 && c <= 0x3003) || (c >= 0xfe10 && c <= 0xfe19) ||
           (c >= 0x1f000 && c <= 0x1faff);
}

/* Reads an identifier starting at the current position. */
static int read_name(tstate *s, size_t *end)
{
    size_t p = s->pos;
    while (p < s->len && is_ident_char((unsigned char)s->src[p])) {
        if ((unsigned char)s->src[p] >= 0x80) {
            size_t n = utf8_len(s, p);
            if (n == 0) {
                return fail(s, s->line, "invalid UTF-8 in identifier");
            }
            unsigned c = code_point(s, p, n);
            if (c == 0xa0 || (c >= 0x80 && c < 0xa0)) {
                return fail(s, s->line,
                            "invalid non-printable character U+%04X", c);
            }
            if (never_in_identifier(c)) {
                return fail(s, s->line, "invalid character '%.*s' (U+%04X)",
                            (int)n, s->src + p, c);
            }
            p += n;
        } else {
            p++;
        }
    }
    *end = p;
    return 0;
}

/* True when [len] bytes at [p] are a string prefix: r u b f br rb fr rf
 * in any case. */
static int is_string_prefix(const char *p, size_t len)
{
    char a[3] = { 0, 0, 0 };
    if (len == 0 || len > 2) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        a[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (len == 1) {
        return a[0] == 'r' || a[0] == 'u' || a[0] == 'b' || a[0] == 'f';
    }
    return (a[0] == 'b' && a[1] == 'r') || (a[0] == 'r' && a[1] == 'b') ||
           (a[0] == 'f' && a[1] == 'r') || (a[0] == 'r' && a[1] == 'f');
}

/* Reads a string whose opening quote is at the current position (any
 * prefix is before [start]). A backslash always escapes the next byte,
 * raw or not: that is how the tokenizer finds the end of r"\"". */
static int read_string(tstate *s, size_t start)
{
    int first_line = s->line;
    size_t first_line_start = s->line_start;
    char q = s->src[s->pos];
    int triple = peek(s, 1) == q && peek(s, 2) == q;
    s->pos += triple ? 3 : 1;
    for (;;) {
        if (s->pos >= s->len) {
            if (triple) {
                return fail(s, first_line,
                            "unterminated triple-quoted string literal "
                            "(detected at line %d)", s->line);
            }
            return fail(s, first_line,
                        "unterminated string literal (detected at line %d)",
                        s->line);
        }
        char c = s->src[s->pos];
        size_t nl = newline_len(s, s->pos);
        if (c == '\\') {
            s->pos++;
            nl = newline_len(s, s->pos);
            if (nl) {
                pass_newline(s, nl);
            } else if (s->pos < s->len) {
                s->pos++;
            }
        } else if (nl) {
            if (!triple) {
                return fail(s, first_line,
                            "unterminated string literal (detected at line "
                            "%d)", first_line);
            }
            pass_newline(s, nl);
        } else if (c == q) {
            if (!triple) {
                s->pos++;
                break;
            }
            if (peek(s, 1) == q && peek(s, 2) == q) {
                s->pos += 3;
                break;
            }
            s->pos++;
        } else {
            s->pos++;
        }
    }
    if (emit(s, PYTOK_STRING, start, s->pos) < 0) {
        return -1;
    }
    /* The token belongs to the line it started on. */
    pytok_token *t = &s->out->toks[s->out->n - 1];
    t->line = first_line;
    t->col = (int)(start - first_line_start);
    return 0;
}

static int is_digit_in(int c, int base)
{
    if (base == 16) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
               (c >= 'A' && c <= 'F');
    }
    if (base == 8) {
        return c >= '0' && c <= '7';
    }
    if (base == 2) {
        return c == '0' || c == '1';
    }
    return c >= '0' && c <= '9';
}

/* Reads digits of [base] with single underscores between them; returns
 * the number of digits read, or -1 for a misplaced underscore. */
static int read_digits(tstate *s, int base)
{
    int n = 0;
    for (;;) {
        int c = peek(s, 0);
        if (is_digit_in(c, base)) {
            s->pos++;
            n++;
        } else if (c == '_' && n > 0 && is_digit_in(peek(s, 1), base)) {
            s->pos++;
        } else if (c == '_') {
            return -1;
        } else {
            return n;
        }
    }
}

/* After a number: CPython 3.11 rejects "1abc" but only warns for a
 * keyword glued to a number ("1if x else y"), so those pass. */
static int check_number_end(tstate *s)
{
    static const char *const soft[] = {
        "and", "else", "for", "if", "in", "is", "not", "or"
    };
    int c = peek(s, 0);
    if (!is_ident_start(c)) {
        return 0;
    }
    size_t end;
    if (read_name(s, &end) < 0) {
        return -1;
    }
    for (size_t i = 0; i < sizeof soft / sizeof soft[0]; i++) {
        size_t n = strlen(soft[i]);
        if (end - s->pos >= n && memcmp(s->src + s->pos, soft[i], n) == 0) {
            return 0;
        }
    }
    return fail(s, s->line, "invalid decimal literal");
}

/* Reads a number of any form: 0x/0o/0b integers, decimal integers,
 * floats with fraction and/or exponent, and imaginary literals. */
static int read_number(tstate *s)
{
    size_t start = s->pos;
    int c = peek(s, 0);
    if (c == '0' && (peek(s, 1) == 'x' || peek(s, 1) == 'X' ||
                     peek(s, 1) == 'o' || peek(s, 1) == 'O' ||
                     peek(s, 1) == 'b' || peek(s, 1) == 'B')) {
        int k = peek(s, 1) | 0x20;
        int base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
        s->pos += 2;
        if (peek(s, 0) == '_') {
            s->pos++;
        }
        if (read_digits(s, base) <= 0) {
            const char *what = base == 16 ? "hexadecimal" :
                               base == 8 ? "octal" : "binary";
            return fail(s, s->line, "invalid %s literal", what);
        }
        if (is_digit_in(peek(s, 0), 10)) {
            const char *what = base == 8 ? "octal" : "binary";
            return fail(s, s->line, "invalid digit '%c' in %s literal",
                        peek(s, 0), what);
        }
        if (check_number_end(s) < 0) {
            return -1;
        }
        return emit(s, PYTOK_NUMBER, start, s->pos);
    }
    int is_float = 0;
    int nint = 0;
    if (c != '.') {
        nint = read_digits(s, 10);
        if (nint < 0) {
            return fail(s, s->line, "invalid decimal literal");
        }
    }
    if (peek(s, 0) == '.') {
        is_float = 1;
        s->pos++;
        if (is_digit_in(peek(s, 0), 10) && read_digits(s, 10) < 0) {
            return fail(s, s->line, "invalid decimal literal");
        }
    }
    c = peek(s, 0);
    if (c == 'e' || c == 'E') {
        int sign = peek(s, 1) == '+' || peek(s, 1) == '-';
        if (is_digit_in(peek(s, 1 + (size_t)sign), 10)) {
            is_float = 1;
            s->pos += 1 + (size_t)sign;
            if (read_digits(s, 10) < 0) {
                return fail(s, s->line, "invalid decimal literal");
            }
        } else {
            return fail(s, s->line, "invalid decimal literal");
        }
    }
    c = peek(s, 0);
    int imaginary = c == 'j' || c == 'J';
    if (imaginary) {
        s->pos++;
    }
    /* "0777" is an error, but "0777.0", "0777e1" and "0777j" are not. */
    if (!is_float && !imaginary && nint > 1 && s->src[start] == '0') {
        for (size_t p = start; p < s->pos; p++) {
            if (s->src[p] != '0' && s->src[p] != '_') {
                return fail(s, s->line,
                            "leading zeros in decimal integer literals are "
                            "not permitted; use an 0o prefix for octal "
                            "integers");
            }
        }
    }
    if (check_number_end(s) < 0) {
        return -1;
    }
    return emit(s, PYTOK_NUMBER, start, s->pos);
}

/* Length of the operator at the current position (longest match), or 0. */
static size_t operator_len(const tstate *s)
{
    static const char *const three[] = { "**=", "//=", ">>=", "<<=", "..." };
    static const char *const two[] = {
        "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=",
        "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="
    };
    const char *p = s->src + s->pos;
    size_t left = s->len - s->pos;
    for (size_t i = 0; i < sizeof three / sizeof three[0]; i++) {
        if (left >= 3 && memcmp(p, three[i], 3) == 0) {
            return 3;
        }
    }
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++) {
        if (left >= 2 && memcmp(p, two[i], 2) == 0) {
            return 2;
        }
    }
    if (strchr("+-*/%@&|^~<>()[]{},:;.=", *p) && *p != '\0') {
        return 1;
    }
    return 0;
}

/* Handles the bracket stack for a one-byte operator. */
static int track_bracket(tstate *s, char c)
{
    if (c == '(' || c == '[' || c == '{') {
        if (s->depth >= MAX_DEPTH) {
            return fail(s, s->line, "too many nested parentheses");
        }
        s->brackets[s->depth] = c;
        s->bracket_lines[s->depth] = s->line;
        s->depth++;
    } else if (c == ')' || c == ']' || c == '}') {
        if (s->depth == 0) {
            return fail(s, s->line, "unmatched '%c'", c);
        }
        char open = s->brackets[s->depth - 1];
        char want = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != want) {
            int ol = s->bracket_lines[s->depth - 1];
            if (ol != s->line) {
                return fail(s, s->line,
                            "closing parenthesis '%c' does not match "
                            "opening parenthesis '%c' on line %d", c, open,
                            ol);
            }
            return fail(s, s->line,
                        "closing parenthesis '%c' does not match opening "
                        "parenthesis '%c'", c, open);
        }
        s->depth--;
    }
    return 0;
}

/* At the start of a line outside brackets: measures the indentation and
 * emits INDENT/DEDENT, or handles a blank or comment-only line. Returns 1
 * when the line was blank (the caller continues with the next line). */
static int line_start(tstate *s)
{
    int col = 0, altcol = 0;
    size_t p = s->pos;
    for (; p < s->len; p++) {
        char c = s->src[p];
        if (c == ' ') {
            col++;
            altcol++;
        } else if (c == '\t') {
            col = (col / 8 + 1) * 8;
            altcol++;
        } else if (c == '\f') {
            col = altcol = 0;
        } else {
            break;
        }
    }
    size_t indent_end = p;
    if (p >= s->len) {
        s->pos = p;
        return 1;
    }
    size_t nl = newline_len(s, p);
    if (s->src[p] == '#') {
        size_t e = p;
        while (e < s->len && !newline_len(s, e)) {
            e++;
        }
        s->pos = p;
        if (emit(s, PYTOK_COMMENT, p, e) < 0) {
            return -1;
        }
        s->pos = e;
        nl = newline_len(s, e);
        if (nl) {
            if (emit(s, PYTOK_NL, e, e + nl) < 0) {
                return -1;
            }
            pass_newline(s, nl);
        } else {
            /* tokenize emits an empty NL for a comment on the last line */
            if (emit(s, PYTOK_NL, e, e) < 0) {
                return -1;
            }
        }
        return 1;
    }
    if (nl) {
        s->pos = p;
        if (emit(s, PYTOK_NL, p, p + nl) < 0) {
            return -1;
        }
        pass_newline(s, nl);
        return 1;
    }
    if (s->src[p] == '\\' && newline_len(s, p + 1)) {
        /* A line holding only a continuation: joined with the next, whose
         * indentation then counts (CPython does the same). */
        s->pos = p;
        return 0;
    }
    s->pos = p;
    int top = s->indents[s->nindent];
    int alttop = s->altindents[s->nindent];
    if (col == top) {
        if (altcol != alttop) {
            return fail(s, s->line,
                        "inconsistent use of tabs and spaces in indentation");
        }
    } else if (col > top) {
        if (s->nindent >= MAX_INDENT) {
            return fail(s, s->line, "too many levels of indentation");
        }
        if (altcol <= alttop) {
            return fail(s, s->line,
                        "inconsistent use of tabs and spaces in indentation");
        }
        s->nindent++;
        s->indents[s->nindent] = col;
        s->altindents[s->nindent] = altcol;
        if (emit(s, PYTOK_INDENT, s->line_start, indent_end) < 0) {
            return -1;
        }
    } else {
        while (s->nindent > 0 && col < s->indents[s->nindent]) {
            s->nindent--;
            if (emit(s, PYTOK_DEDENT, p, p) < 0) {
                return -1;
            }
        }
        if (col != s->indents[s->nindent]) {
            return fail(s, s->line,
                        "unindent does not match any outer indentation "
                        "level");
        }
        if (altcol != s->altindents[s->nindent]) {
            return fail(s, s->line,
                        "inconsistent use of tabs and spaces in indentation");
        }
    }
    return 0;
}

/* The encoding named by a coding cookie (PEP 263) on the first or, after
 * a comment-only or blank first line, the second line; "" when none. */
static void coding_cookie(const char *src, size_t len, char *out, size_t cap)
{
    out[0] = '\0';
    size_t p = len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    for (int line = 0; line < 2 && p < len; line++) {
        size_t e = p;
        while (e < len && src[e] != '\n' && src[e] != '\r') {
            e++;
        }
        size_t q = p;
        while (q < e && (src[q] == ' ' || src[q] == '\t' || src[q] == '\f')) {
            q++;
        }
        if (q < e && src[q] == '#') {
            for (size_t k = q; k + 7 <= e; k++) {
                if (memcmp(src + k, "coding", 6) == 0 &&
                    (src[k + 6] == ':' || src[k + 6] == '=')) {
                    size_t v = k + 7, n = 0;
                    while (v < e && (src[v] == ' ' || src[v] == '\t')) {
                        v++;
                    }
                    while (v < e && n + 1 < cap &&
                           (src[v] == '-' || src[v] == '_' || src[v] == '.' ||
                            is_ident_char((unsigned char)src[v]))) {
                        char c = src[v++];
                        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                    }
                    out[n] = '\0';
                    return;
                }
            }
        } else if (q < e) {
            return;     /* code on the first line: no cookie after it */
        }
        p = e < len && src[e] == '\r' && e + 1 < len && src[e + 1] == '\n' ?
            e + 2 : e + 1;
    }
}

/* Without a cookie naming another encoding the file must be UTF-8, as
 * CPython requires. (Files in other ASCII-compatible encodings are read
 * as they are: migrate only ever splices ASCII names.) */
static int check_utf8(tstate *s)
{
    char enc[32];
    coding_cookie(s->src, s->len, enc, sizeof enc);
    if (enc[0] && strcmp(enc, "utf-8") != 0 && strcmp(enc, "utf8") != 0 &&
        strncmp(enc, "utf-8-", 6) != 0 && strncmp(enc, "utf_8", 5) != 0) {
        return 0;
    }
    int line = 1;
    for (size_t p = 0; p < s->len;) {
        unsigned char c = (unsigned char)s->src[p];
        if (c < 0x80) {
            line += c == '\n';
            p++;
            continue;
        }
        size_t n = utf8_len(s, p);
        if (n == 0) {
            return fail(s, line,
                        "Non-UTF-8 code starting with '\\x%02x', but no "
                        "encoding declared", c);
        }
        p += n;
    }
    return 0;
}

/* The main loop; returns 0 or -1 (error recorded in s->out). */
static int run(tstate *s)
{
    int at_bol = 1;
    int last_was_newline = 1;   /* nothing on the current logical line */
    for (;;) {
        if (at_bol && s->depth == 0) {
            int r = line_start(s);
            if (r < 0) {
                return -1;
            }
            if (r == 1) {
                if (s->pos >= s->len) {
                    break;
                }
                continue;
            }
            at_bol = 0;
        }
        while (s->pos < s->len && (s->src[s->pos] == ' ' ||
                                   s->src[s->pos] == '\t' ||
                                   s->src[s->pos] == '\f')) {
            s->pos++;
        }
        if (s->pos >= s->len) {
            break;
        }
        size_t start = s->pos;
        int c = (unsigned char)s->src[start];
        size_t nl = newline_len(s, start);
        if (nl) {
            pytok_type t = s->depth > 0 ? PYTOK_NL : PYTOK_NEWLINE;
            if (emit(s, t, start, start + nl) < 0) {
                return -1;
            }
            pass_newline(s, nl);
            if (s->depth == 0) {
                at_bol = 1;
                last_was_newline = 1;
            }
            continue;
        }
        if (c == '#') {
            size_t e = start;
            while (e < s->len && !newline_len(s, e)) {
                e++;
            }
            if (emit(s, PYTOK_COMMENT, start, e) < 0) {
                return -1;
            }
            s->pos = e;
            continue;
        }
        if (c == '\\') {
            size_t n = newline_len(s, start + 1);
            if (n) {
                s->pos = start + 1;
                pass_newline(s, n);
                if (s->pos >= s->len) {
                    return fail(s, s->line, "unexpected EOF while parsing");
                }
                continue;
            }
            return fail(s, s->line,
                        "unexpected character after line continuation "
                        "character");
        }
        last_was_newline = 0;
        if (is_ident_start(c)) {
            size_t end;
            if (read_name(s, &end) < 0) {
                return -1;
            }
            if (end < s->len && (s->src[end] == '"' || s->src[end] == '\'') &&
                is_string_prefix(s->src + start, end - start)) {
                s->pos = end;
                if (read_string(s, start) < 0) {
                    return -1;
                }
                continue;
            }
            s->pos = end;
            if (emit(s, PYTOK_NAME, start, end) < 0) {
                return -1;
            }
            continue;
        }
        if ((c >= '0' && c <= '9') ||
            (c == '.' && is_digit_in(peek(s, 1), 10))) {
            if (read_number(s) < 0) {
                return -1;
            }
            continue;
        }
        if (c == '"' || c == '\'') {
            if (read_string(s, start) < 0) {
                return -1;
            }
            continue;
        }
        size_t n = operator_len(s);
        if (n == 0) {
            if (c >= 0x80) {
                return fail(s, s->line, "invalid UTF-8 or character");
            }
            if (c < 0x20 || c == 0x7f) {
                return fail(s, s->line,
                            "invalid non-printable character U+%04X", c);
            }
            return fail(s, s->line, "invalid character '%c' (U+%04X)", c, c);
        }
        if (n == 1 && track_bracket(s, (char)c) < 0) {
            return -1;
        }
        s->pos += n;
        if (emit(s, PYTOK_OP, start, s->pos) < 0) {
            return -1;
        }
    }
    if (s->depth > 0) {
        return fail(s, s->bracket_lines[s->depth - 1], "'%c' was never closed",
                    s->brackets[s->depth - 1]);
    }
    /* Like tokenize: a NEWLINE ends a last line that had no newline. */
    if (!last_was_newline && emit(s, PYTOK_NEWLINE, s->len, s->len) < 0) {
        return -1;
    }
    if (s->pos > s->line_start) {
        /* DEDENT and ENDMARKER sit on the line after the last one. */
        s->line++;
        s->line_start = s->len;
    }
    while (s->nindent > 0) {
        s->nindent--;
        if (emit(s, PYTOK_DEDENT, s->len, s->len) < 0) {
            return -1;
        }
    }
    return emit(s, PYTOK_ENDMARKER, s->len, s->len);
}

int pytok_tokenize(const char *src, size_t len, pytok_list *out)
{
    memset(out, 0, sizeof *out);
    out->ok = 1;
    tstate *s = calloc(1, sizeof *s);
    if (!s) {
        out->ok = 0;
        snprintf(out->err, sizeof out->err, "out of memory");
        return -1;
    }
    s->src = src;
    s->len = len;
    s->line = 1;
    s->out = out;
    if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
        s->pos = 3;
        s->line_start = 3;   /* columns count from after the BOM */
    }
    /* CPython rejects a NUL byte anywhere, strings and comments too. */
    const char *nul = memchr(src, '\0', len);
    int rc;
    if (nul) {
        int line = 1;
        for (const char *p = src; p < nul; p++) {
            line += *p == '\n';
        }
        rc = fail(s, line, "source code cannot contain null bytes");
    } else {
        rc = check_utf8(s);
        if (rc == 0) {
            rc = run(s);
        }
    }
    free(s);
    return rc < 0 ? -1 : 0;
}

void pytok_free(pytok_list *list)
{
    free(list->toks);
    list->toks = NULL;
    list->n = list->cap = 0;
}
