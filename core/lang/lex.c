/*
 * lex.c - the tokenizer (mirrors CPython 3.11's Parser/tokenizer.c).
 *
 * The whole source is tokenized up front into an array, which keeps the
 * recursive-descent parser free to look ahead. Invariants: the token array
 * always ends with T_END; every INDENT is matched by a DEDENT before T_END;
 * NEWLINE is never emitted inside brackets or for blank/comment lines.
 */
#include "lex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INDENT 100
#define MAX_PAREN 200

typedef struct lexer {
    const char *src, *p, *end;
    int line;
    const char *line_start;
    lex_result_t *r;
    size_t cap;
    int indents[MAX_INDENT], altindents[MAX_INDENT];
    int nindent;
    char parens[MAX_PAREN];
    int paren_line[MAX_PAREN], paren_col[MAX_PAREN];
    int nparen;
    int at_bol;
} lexer_t;

static void push(lexer_t *lx, int kind, const char *s, size_t len, int line,
                 int col)
{
    lex_result_t *r = lx->r;
    if (r->ntoks == lx->cap) {
        lx->cap = lx->cap ? lx->cap * 2 : 256;
        r->toks = realloc(r->toks, lx->cap * sizeof(lex_token_t));
        if (!r->toks) {
            abort();
        }
    }
    lex_token_t *t = &r->toks[r->ntoks++];
    t->kind = kind;
    t->s = s;
    t->len = len;
    t->line = line;
    t->col = col;
    t->end_line = lx->line;
    t->end_col = (int)(lx->p - lx->line_start);
}

static int fail(lexer_t *lx, const char *type, int line, int col,
                const char *fmt, const char *arg)
{
    lx->r->ok = 0;
    lx->r->err_type = type;
    snprintf(lx->r->err_msg, sizeof lx->r->err_msg, fmt, arg);
    lx->r->err_line = line;
    lx->r->err_col = col;
    return -1;
}

static int is_id_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c >= 0x80;
}

static int is_id_char(unsigned char c)
{
    return is_id_start(c) || (c >= '0' && c <= '9');
}

static int col_of(lexer_t *lx, const char *q)
{
    return (int)(q - lx->line_start);
}

static void newline_at(lexer_t *lx, const char *after_nl)
{
    lx->line++;
    lx->line_start = after_nl;
}

/* ---- Indentation -------------------------------------------------------- */

/* Measures the indentation at the start of a logical line and emits INDENT
 * or DEDENTs. Blank and comment-only lines are skipped entirely, as in
 * CPython. Returns -1 on error, 0 at EOF, 1 otherwise. */
static int indentation(lexer_t *lx)
{
    for (;;) {
        int col = 0, alt = 0;
        const char *q = lx->p;
        while (q < lx->end) {
            if (*q == ' ') {
                col++, alt++;
            } else if (*q == '\t') {
                col = (col / 8 + 1) * 8;
                alt++;
            } else if (*q == '\f') {
                col = alt = 0;
            } else {
                break;
            }
            q++;
        }
        if (q >= lx->end) {
            lx->p = q;
            return 0;
        }
        if (*q == '#' || *q == '\n' || *q == '\r' ||
            (*q == '\\' && q + 1 < lx->end && q[1] == '\n' && 0)) {
            // A blank or comment-only line: no tokens at all.
            while (q < lx->end && *q != '\n') {
                q++;
            }
            if (q < lx->end) {
                q++;
                newline_at(lx, q);
            }
            lx->p = q;
            continue;
        }
        lx->p = q;
        int top = lx->indents[lx->nindent - 1];
        int alttop = lx->altindents[lx->nindent - 1];
        if (col == top) {
            if (alt != alttop) {
                return fail(lx, "TabError", lx->line, col_of(lx, q),
                            "inconsistent use of tabs and spaces in "
                            "indentation%s", "");
            }
        } else if (col > top) {
            if (alt <= alttop) {
                return fail(lx, "TabError", lx->line, col_of(lx, q),
                            "inconsistent use of tabs and spaces in "
                            "indentation%s", "");
            }
            if (lx->nindent == MAX_INDENT) {
                return fail(lx, "IndentationError", lx->line, 0,
                            "too many levels of indentation%s", "");
            }
            lx->indents[lx->nindent] = col;
            lx->altindents[lx->nindent++] = alt;
            push(lx, T_INDENT, q, 0, lx->line, 0);
        } else {
            while (lx->nindent > 1 && col < lx->indents[lx->nindent - 1]) {
                lx->nindent--;
                push(lx, T_DEDENT, q, 0, lx->line, col_of(lx, q));
            }
            if (col != lx->indents[lx->nindent - 1]) {
                return fail(lx, "IndentationError", lx->line, col_of(lx, q),
                            "unindent does not match any outer indentation "
                            "level%s", "");
            }
            if (alt != lx->altindents[lx->nindent - 1]) {
                return fail(lx, "TabError", lx->line, col_of(lx, q),
                            "inconsistent use of tabs and spaces in "
                            "indentation%s", "");
            }
        }
        return 1;
    }
}

/* ---- Strings and numbers ------------------------------------------------ */

/* Scans a string literal whose quote starts at lx->p (the prefix already
 * consumed by the caller). */
static int scan_string(lexer_t *lx, const char *start, int raw)
{
    int sline = lx->line, scol = col_of(lx, start);
    char q = *lx->p;
    int triple = lx->p + 2 < lx->end && lx->p[1] == q && lx->p[2] == q;
    lx->p += triple ? 3 : 1;
    for (;;) {
        if (lx->p >= lx->end) {
            if (triple) {
                // The line of the last character, not the empty one after
                // a final newline.
                char buf[80];
                snprintf(buf, sizeof buf, "%d",
                         lx->p > lx->src && lx->p[-1] == '\n' ? lx->line - 1
                                                             : lx->line);
                return fail(lx, "SyntaxError", sline, scol,
                            "unterminated triple-quoted string literal "
                            "(detected at line %s)", buf);
            }
            char buf[80];
            snprintf(buf, sizeof buf, "%d", lx->line);
            return fail(lx, "SyntaxError", sline, scol,
                        "unterminated string literal (detected at line %s)",
                        buf);
        }
        char c = *lx->p;
        if (c == '\\') {
            // Even raw strings cannot end in an odd backslash: the escape
            // still protects the next character from ending the literal.
            (void)raw;
            lx->p++;
            if (lx->p < lx->end) {
                if (*lx->p == '\n') {
                    newline_at(lx, lx->p + 1);
                }
                lx->p++;
            }
            continue;
        }
        if (c == '\n') {
            if (!triple) {
                char buf[80];
                snprintf(buf, sizeof buf, "%d", lx->line);
                return fail(lx, "SyntaxError", sline, scol,
                            "unterminated string literal (detected at line "
                            "%s)", buf);
            }
            lx->p++;
            newline_at(lx, lx->p);
            continue;
        }
        if (c == q) {
            if (!triple) {
                lx->p++;
                break;
            }
            if (lx->p + 2 < lx->end && lx->p[1] == q && lx->p[2] == q) {
                lx->p += 3;
                break;
            }
        }
        lx->p++;
    }
    push(lx, T_STRING, start, (size_t)(lx->p - start), sline, scol);
    return 0;
}

static int check_ident_char(lexer_t *lx, int start);

static int digits(lexer_t *lx, int (*ok)(int))
{
    // Underscores may separate digits, never lead, trail or double.
    int n = 0;
    while (lx->p < lx->end) {
        if (ok((unsigned char)*lx->p)) {
            lx->p++;
            n++;
        } else if (*lx->p == '_' && n > 0 && lx->p + 1 < lx->end &&
                   ok((unsigned char)lx->p[1])) {
            lx->p++;
        } else {
            break;
        }
    }
    return n;
}

static int isdec(int c) { return c >= '0' && c <= '9'; }
static int ishex(int c)
{
    return isdec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int isoct(int c) { return c >= '0' && c <= '7'; }
static int isbin(int c) { return c == '0' || c == '1'; }

static int scan_number(lexer_t *lx)
{
    const char *start = lx->p;
    int col = col_of(lx, start);
    if (*lx->p == '0' && lx->p + 1 < lx->end &&
        strchr("xXoObB", lx->p[1])) {
        char k = (char)(lx->p[1] | 0x20);
        lx->p += 2;
        if (lx->p < lx->end && *lx->p == '_') {
            lx->p++;
        }
        int n = digits(lx, k == 'x' ? ishex : k == 'o' ? isoct : isbin);
        if (k != 'x' && lx->p < lx->end && isdec((unsigned char)*lx->p)) {
            // "0b12", "0o8": CPython names the digit.
            char d[2] = {*lx->p, 0};
            return fail(lx, "SyntaxError", lx->line, col_of(lx, lx->p),
                        k == 'o' ? "invalid digit '%s' in octal literal"
                                 : "invalid digit '%s' in binary literal", d);
        }
        if (n == 0) {
            // Reported at the last character read, as CPython does.
            return fail(lx, "SyntaxError", lx->line, col_of(lx, lx->p - 1),
                        k == 'x' ? "invalid hexadecimal literal%s"
                        : k == 'o' ? "invalid octal literal%s"
                                   : "invalid binary literal%s", "");
        }
    } else {
        digits(lx, isdec);
        if (lx->p < lx->end && *lx->p == '.') {
            lx->p++;
            digits(lx, isdec);
        }
        if (lx->p < lx->end && (*lx->p == 'e' || *lx->p == 'E')) {
            const char *save = lx->p;
            lx->p++;
            if (lx->p < lx->end && (*lx->p == '+' || *lx->p == '-')) {
                lx->p++;
            }
            if (digits(lx, isdec) == 0) {
                lx->p = save;
            }
        }
        if (lx->p < lx->end && (*lx->p == 'j' || *lx->p == 'J')) {
            lx->p++;
        }
    }
    if (lx->p < lx->end && is_id_char((unsigned char)*lx->p)) {
        // A character that may not be in a name at all is reported as
        // such ("1\u00a0+ 2"), as CPython does.
        if ((unsigned char)*lx->p >= 0x80 && check_ident_char(lx, 0) < 0) {
            return -1;
        }
        return fail(lx, "SyntaxError", lx->line, col,
                    "invalid decimal literal%s", "");
    }
    push(lx, T_NUMBER, start, (size_t)(lx->p - start), lx->line, col);
    return 0;
}

/* ---- Operators ---------------------------------------------------------- */

static const char *const ops3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
static const char *const ops2[] = {"->", ":=", "**", "//", ">>", "<<", "<=",
                                   ">=", "==", "!=", "+=", "-=", "*=", "/=",
                                   "%=", "&=", "|=", "^=", "@=", NULL};

static int scan_op(lexer_t *lx)
{
    const char *s = lx->p;
    int col = col_of(lx, s);
    size_t avail = (size_t)(lx->end - s);
    for (int i = 0; ops3[i]; i++) {
        if (avail >= 3 && memcmp(s, ops3[i], 3) == 0) {
            lx->p += 3;
            push(lx, T_OP, s, 3, lx->line, col);
            return 0;
        }
    }
    for (int i = 0; ops2[i]; i++) {
        if (avail >= 2 && memcmp(s, ops2[i], 2) == 0) {
            lx->p += 2;
            push(lx, T_OP, s, 2, lx->line, col);
            return 0;
        }
    }
    char c = *s;
    if (!strchr("+-*/%@&|^~<>()[]{},:;.=!", c) || c == '!') {
        if ((unsigned char)c >= 0x80) {
            // Decode the code point for CPython's message.
            unsigned cp = 0;
            int n = 0;
            unsigned char u = (unsigned char)c;
            if ((u & 0xE0) == 0xC0) {
                cp = u & 0x1F, n = 1;
            } else if ((u & 0xF0) == 0xE0) {
                cp = u & 0x0F, n = 2;
            } else {
                cp = u & 0x07, n = 3;
            }
            char buf[32];
            for (int i = 1; i <= n && s + i < lx->end; i++) {
                cp = (cp << 6) | ((unsigned char)s[i] & 0x3F);
            }
            snprintf(buf, sizeof buf, "%.*s' (U+%04X", n + 1, s, cp);
            return fail(lx, "SyntaxError", lx->line, col,
                        "invalid character '%s)", buf);
        }
        if (c == '$' || c == '?' || c == '`' || c == '!') {
            return fail(lx, "SyntaxError", lx->line, col,
                        "invalid syntax%s", "");
        }
        char buf[40];
        snprintf(buf, sizeof buf, "U+%04X", (unsigned char)c);
        return fail(lx, "SyntaxError", lx->line, col,
                    "invalid non-printable character %s", buf);
    }
    if (c == '(' || c == '[' || c == '{') {
        if (lx->nparen == MAX_PAREN) {
            return fail(lx, "SyntaxError", lx->line, col,
                        "too many nested parentheses%s", "");
        }
        lx->parens[lx->nparen] = c;
        lx->paren_line[lx->nparen] = lx->line;
        lx->paren_col[lx->nparen++] = col;
    } else if (c == ')' || c == ']' || c == '}') {
        if (lx->nparen == 0) {
            char buf[4] = {'\'', c, '\'', 0};
            return fail(lx, "SyntaxError", lx->line, col, "unmatched %s",
                        buf);
        }
        char open = lx->parens[lx->nparen - 1];
        char want = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != want) {
            char buf[120];
            if (lx->paren_line[lx->nparen - 1] != lx->line) {
                snprintf(buf, sizeof buf,
                         "'%c' does not match opening parenthesis '%c' on "
                         "line %d", c, open, lx->paren_line[lx->nparen - 1]);
            } else {
                snprintf(buf, sizeof buf,
                         "'%c' does not match opening parenthesis '%c'", c,
                         open);
            }
            return fail(lx, "SyntaxError", lx->line, col,
                        "closing parenthesis %s", buf);
        }
        lx->nparen--;
    }
    lx->p++;
    push(lx, T_OP, s, 1, lx->line, col);
    return 0;
}

/* ---- Non-ASCII identifiers ---------------------------------------------- */

/* Decodes the UTF-8 sequence at [s] (at most [n] bytes); *len gets its
 * length. Malformed input decodes byte by byte. */
static unsigned utf8_decode(const char *s, size_t n, int *len)
{
    unsigned char u = (unsigned char)s[0];
    int k = (u & 0xE0) == 0xC0 ? 1 : (u & 0xF0) == 0xE0 ? 2
            : (u & 0xF8) == 0xF0 ? 3 : 0;
    unsigned cp = k == 1 ? u & 0x1Fu : k == 2 ? u & 0x0Fu : u & 0x07u;
    if (k == 0 || (size_t)k >= n) {
        *len = 1;
        return u;
    }
    for (int i = 1; i <= k; i++) {
        unsigned char b = (unsigned char)s[i];
        if ((b & 0xC0) != 0x80) {
            *len = 1;
            return u;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    *len = k + 1;
    return cp;
}

/* Space and format characters: CPython's "invalid non-printable
 * character" (str.isprintable() is false for them). */
static int cp_nonprintable(unsigned cp)
{
    return cp <= 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

/* Punctuation and symbols learners paste into code (typographic quotes,
 * dashes, x and division signs, arrows, maths, emoji, full-width forms).
 * A deny-list of common non-identifier blocks, not the full XID tables:
 * other letters of any script are accepted as CPython accepts them. */
static int cp_symbol(unsigned cp, int start)
{
    if (cp < 0x100) {
        // Latin-1: the letters, plus the middle dot inside a name.
        return !(cp == 0xAA || cp == 0xB5 || cp == 0xBA ||
                 (cp == 0xB7 && !start) ||
                 (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7));
    }
    return (cp >= 0x2010 && cp <= 0x205E && cp != 0x203F && cp != 0x2040 &&
            cp != 0x2054) ||
           (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2BFF) ||
           (cp >= 0x3001 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020) ||
           cp == 0x3030 || (cp >= 0xFE10 && cp <= 0xFE19) ||
           (cp >= 0xFE30 && cp <= 0xFE32) || (cp >= 0xFE35 && cp <= 0xFE4C) ||
           (cp >= 0xFE50 && cp <= 0xFE6B) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40 && cp != 0xFF3F) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* Checks the non-ASCII character at lx->p inside a name ([start]: its
 * first character) and moves lx->p to its last byte. */
static int check_ident_char(lexer_t *lx, int start)
{
    int len;
    unsigned cp = utf8_decode(lx->p, (size_t)(lx->end - lx->p), &len);
    int col = col_of(lx, lx->p);
    if (cp_nonprintable(cp)) {
        char buf[16];
        snprintf(buf, sizeof buf, "U+%04X", cp);
        return fail(lx, "SyntaxError", lx->line, col,
                    "invalid non-printable character %s", buf);
    }
    if (cp_symbol(cp, start)) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.*s' (U+%04X", len, lx->p, cp);
        return fail(lx, "SyntaxError", lx->line, col,
                    "invalid character '%s)", buf);
    }
    lx->p += len - 1;
    return 0;
}

/* ---- Main loop ---------------------------------------------------------- */

static int string_prefix(const char *p, const char *end, int *raw)
{
    // Returns the prefix length if p starts a string literal.
    int n = 0;
    *raw = 0;
    while (n < 2 && p + n < end && strchr("rRbBuUfF", p[n])) {
        if (p[n] == 'r' || p[n] == 'R') {
            *raw = 1;
        }
        n++;
    }
    for (int k = n; k >= 0; k--) {
        if (p + k < end && (p[k] == '\'' || p[k] == '"')) {
            // Only valid combinations: u alone; r with b or f.
            if (k == 2) {
                char a = (char)(p[0] | 0x20), b = (char)(p[1] | 0x20);
                if (a == 'u' || b == 'u' || a == b) {
                    return -1;
                }
                if (!((a == 'r' || b == 'r'))) {
                    return -1;
                }
            }
            if (k < n) {
                *raw = memchr(p, 'r', (size_t)k) || memchr(p, 'R', (size_t)k);
            }
            return k;
        }
    }
    return -1;
}

static int scan(lexer_t *lx)
{
    lx->at_bol = 1;
    for (;;) {
        if (lx->at_bol && lx->nparen == 0) {
            lx->at_bol = 0;
            int r = indentation(lx);
            if (r < 0) {
                return -1;
            }
            if (r == 0) {
                break;
            }
        }
        if (lx->p >= lx->end) {
            break;
        }
        char c = *lx->p;
        if (c == ' ' || c == '\t' || c == '\f') {
            lx->p++;
            continue;
        }
        if (c == '\r') {
            lx->p++;
            continue;
        }
        if (c == '#') {
            while (lx->p < lx->end && *lx->p != '\n') {
                lx->p++;
            }
            continue;
        }
        if (c == '\n') {
            if (lx->nparen == 0) {
                push(lx, T_NEWLINE, lx->p, 1, lx->line, col_of(lx, lx->p));
                lx->at_bol = 1;
            }
            lx->p++;
            newline_at(lx, lx->p);
            continue;
        }
        if (c == '\\') {
            const char *q = lx->p + 1;
            if (q < lx->end && *q == '\r') {
                q++;
            }
            // A continuation that ends the file (nothing but its newline
            // after it) is CPython's "unexpected EOF", with the caret
            // just past the backslash; inside brackets the unclosed
            // bracket is reported instead, at the end of the scan.
            int at_eof = q >= lx->end ||
                          (*q == '\n' && q + 1 >= lx->end && lx->nparen == 0);
            if (at_eof) {
                return fail(lx, "SyntaxError", lx->line,
                            col_of(lx, lx->p) + 1,
                            "unexpected EOF while parsing%s", "");
            }
            if (*q == '\n') {
                lx->p = q + 1;
                newline_at(lx, lx->p);
                continue;
            }
            return fail(lx, "SyntaxError", lx->line, col_of(lx, lx->p) + 1,
                        "unexpected character after line continuation "
                        "character%s", "");
        }
        int raw;
        int pre = string_prefix(lx->p, lx->end, &raw);
        if (pre >= 0) {
            const char *start = lx->p;
            lx->p += pre;
            if (scan_string(lx, start, raw) < 0) {
                return -1;
            }
            continue;
        }
        if (is_id_start((unsigned char)c)) {
            const char *s = lx->p;
            while (lx->p < lx->end && is_id_char((unsigned char)*lx->p)) {
                if ((unsigned char)*lx->p >= 0x80 &&
                    check_ident_char(lx, lx->p == s) < 0) {
                    return -1;
                }
                lx->p++;
            }
            push(lx, T_NAME, s, (size_t)(lx->p - s), lx->line, col_of(lx, s));
            continue;
        }
        if (isdec((unsigned char)c) ||
            (c == '.' && lx->p + 1 < lx->end && isdec((unsigned char)lx->p[1]))) {
            if (scan_number(lx) < 0) {
                return -1;
            }
            continue;
        }
        if (c == 0) {
            return fail(lx, "SyntaxError", lx->line, col_of(lx, lx->p),
                        "source code cannot contain null bytes%s", "");
        }
        if (scan_op(lx) < 0) {
            return -1;
        }
    }
    if (lx->nparen > 0) {
        char buf[4] = {'\'', lx->parens[lx->nparen - 1], '\'', 0};
        return fail(lx, "SyntaxError", lx->paren_line[lx->nparen - 1],
                    lx->paren_col[lx->nparen - 1], "%s was never closed", buf);
    }
    // A last line without its newline still ends a statement.
    if (lx->r->ntoks > 0) {
        int k = lx->r->toks[lx->r->ntoks - 1].kind;
        if (k != T_NEWLINE && k != T_DEDENT && k != T_INDENT) {
            push(lx, T_NEWLINE, lx->p, 0, lx->line, col_of(lx, lx->p));
        }
    }
    while (lx->nindent > 1) {
        lx->nindent--;
        push(lx, T_DEDENT, lx->p, 0, lx->line, 0);
    }
    push(lx, T_END, lx->p, 0, lx->line, col_of(lx, lx->p));
    return 0;
}

void lex_run(const char *src, size_t len, lex_result_t *out)
{
    memset(out, 0, sizeof *out);
    out->ok = 1;
    lexer_t lx;
    memset(&lx, 0, sizeof lx);
    lx.src = lx.p = src;
    lx.end = src + len;
    lx.line = 1;
    lx.line_start = src;
    lx.r = out;
    lx.nindent = 1;
    // A UTF-8 byte order mark is skipped, as CPython does.
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        lx.p += 3;
        lx.line_start = lx.p;
    }
    if (scan(&lx) < 0) {
        out->ok = 0;
    }
}

void lex_free(lex_result_t *r)
{
    free(r->toks);
    r->toks = NULL;
    r->ntoks = 0;
}

int lex_is(const lex_token_t *t, const char *text)
{
    // The parser asks this of each token for one keyword or operator
    // after another (start-up parses the whole asyncio prelude): the
    // first character turns most of them away without a strlen.
    if ((t->kind != T_OP && t->kind != T_NAME) ||
        (t->len && t->s[0] != text[0])) {
        return 0;
    }
    size_t n = strlen(text);
    return t->len == n && memcmp(t->s, text, n) == 0;
}
