/*
 * parse_string.c - string literals for the parser: escape sequences,
 * implicit concatenation, and f-strings (literal parts, replacement
 * fields with !conversions, nested format specs and "=" debugging), whose
 * expressions are parsed by a sub-parser on the same arena.
 *
 * Mirrors CPython 3.11's Parser/string_parser.c (decode_unicode_with_
 * escapes, fstring_find_literal, fstring_find_expr) and its SyntaxError
 * texts. A string node is either a plain constant or a JoinedStr of
 * constants and FormattedValues; adjacent constant parts are merged before
 * the node is built.
 */
#include "parse.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "parse_int.h"
#include "vm.h"

/* ---- Strings ----------------------------------------------------------- */

void parse__sb_put(sbuf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s) {
            abort();
        }
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

/* The buffers of the string parser live on the parse arena: a syntax
 * error longjmps out from any depth (an f-string field's sub-parser, an
 * escape, a nested spec), and the arena goes with the parse, so no error
 * path has a buffer to free. (Malloc'ed buffers leaked on the paths that
 * did not free them before raising.) Growth leaves the old blocks in the
 * arena: at most a few times the literal's size, until the parse ends. */
typedef struct abuf { parser_t *p; char *s; size_t n, cap; } abuf_t;

static void ab_put(abuf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *q = parse__alloc(b->p, cap);
        if (b->n) {
            memcpy(q, b->s, b->n);
        }
        b->s = q;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_utf8(abuf_t *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    ab_put(b, u, n);
}

int parse__hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Decodes the escapes of a (non-raw) literal body into b. */
static void decode_escapes(parser_t *p, lex_token_t *t, const char *s,
                           size_t n, abuf_t *b)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c != '\\' || i + 1 >= n) {
            ab_put(b, &s[i], 1);
            i++;
            continue;
        }
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case '\n': break;
        case '\\': ab_put(b, "\\", 1); break;
        case '\'': ab_put(b, "'", 1); break;
        case '"': ab_put(b, "\"", 1); break;
        case 'a': ab_put(b, "\a", 1); break;
        case 'b': ab_put(b, "\b", 1); break;
        case 'f': ab_put(b, "\f", 1); break;
        case 'n': ab_put(b, "\n", 1); break;
        case 'r': ab_put(b, "\r", 1); break;
        case 't': ab_put(b, "\t", 1); break;
        case 'v': ab_put(b, "\v", 1); break;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(e - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7';
                 k++) {
                v = v * 8 + (unsigned)(s[i++] - '0');
            }
            sb_utf8(b, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            unsigned v = 0;
            for (int k = 0; k < len; k++) {
                int h = i < n ? parse__hexval(s[i]) : -1;
                if (h < 0) {
                    char msg[120];
                    snprintf(msg, sizeof msg,
                             "(unicode error) 'unicodeescape' codec can't "
                             "decode bytes in position %d-%d: truncated "
                             "%s escape", 0, k + 1,
                             e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX"
                                                           : "\\UXXXXXXXX");
                    parse__syntax_error(p, t, msg);
                }
                v = v * 16 + (unsigned)h;
                i++;
            }
            sb_utf8(b, v);
            break;
        }
        case 'N':
            parse__syntax_error(p, t, "\\N{...} escapes are not supported");
            break;
        default:
            // Unknown escapes keep the backslash (a DeprecationWarning in
            // CPython 3.11, not shown by default).
            ab_put(b, &s[i - 2], 2);
            break;
        }
    }
}

/* Finds the end of an f-string replacement field expression starting at
 * s[i]: stops at a top-level '!', ':' or '}' (not '!='). */
static size_t fexpr_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            char q = c;
            int triple = i + 2 < n && s[i + 1] == q && s[i + 2] == q;
            i += triple ? 3 : 1;
            while (i < n) {
                if (s[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (s[i] == q && (!triple || (i + 2 < n && s[i + 1] == q &&
                                              s[i + 2] == q))) {
                    i += triple ? 3 : 1;
                    break;
                }
                i++;
            }
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                return i;
            }
            depth--;
        } else if (depth == 0 && c == '!' && !(i + 1 < n && s[i + 1] == '=')) {
            return i;
        } else if (depth == 0 && c == ':') {
            return i;
        } else if (depth == 0 && c == '=' && i > 0 &&
                   !strchr("=!<>", s[i - 1]) &&
                   !(i + 1 < n && s[i + 1] == '=')) {
            // A self-documenting "=" may be followed by blanks before the
            // conversion, the spec or the closing brace ("{x = }").
            size_t j = i + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
                j++;
            }
            if (j < n && (s[j] == '}' || s[j] == '!' || s[j] == ':')) {
                return i;
            }
        }
        i++;
    }
    return n;
}

static void add_str_part(parser_t *p, node_t *js, lex_token_t *t, abuf_t *b)
{
    if (b->n == 0) {
        return;
    }
    node_t *c = parse__mk(p, N_CONSTANT, t);
    c->flags = C_STR;
    c->s = parse__dupn(p, b->s, b->n);
    c->slen = b->n;
    parse__nl_add(p, &js->l1, c);
    b->n = 0;
}

/* Parses the body of an f-string (between the quotes) into js's parts. */
static void fstring_body(parser_t *p, lex_token_t *t, node_t *js,
                         const char *s, size_t n, int raw, int depth)
{
    abuf_t lit = {p, NULL, 0, 0};
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '{') {
            if (i + 1 < n && s[i + 1] == '{') {
                ab_put(&lit, "{", 1);
                i += 2;
                continue;
            }
            if (depth >= 2) {
                parse__syntax_error(p, t,
                                    "f-string: expressions nested too deeply");
            }
            size_t e = fexpr_end(s, n, i + 1);
            size_t j = i + 1;
            while (j < e && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
                j++;
            }
            if (j == e) {
                parse__syntax_error(p, t,
                                    "f-string: empty expression not allowed");
            }
            node_t *fv = parse__mk(p, N_FORMATTED, t);
            fv->a = parse__sub_expr(p, t, s + i + 1, e - (i + 1));
            size_t k = e;
            int debug = 0;
            if (k < n && s[k] == '=') {
                // Self-documenting "{x=}": the text with the blanks around
                // "=", then the value's repr unless a conversion or a
                // format spec says otherwise (CPython's fstring_find_expr).
                k++;
                while (k < n && (s[k] == ' ' || s[k] == '\t' ||
                                 s[k] == '\n')) {
                    k++;
                }
                ab_put(&lit, s + i + 1, k - (i + 1));
                debug = 1;
            }
            add_str_part(p, js, t, &lit);
            if (k < n && s[k] == '!') {
                if (k + 1 >= n || !strchr("rsa", s[k + 1])) {
                    parse__syntax_error(p, t,
                                        "f-string: invalid conversion "
                                        "character: "
                                        "expected 's', 'r', or 'a'");
                }
                fv->op = s[k + 1];
                k += 2;
            } else if (debug && !(k < n && s[k] == ':')) {
                fv->op = 'r';
            }
            if (k < n && s[k] == ':') {
                // The spec runs to the matching '}' and may hold fields.
                size_t q = k + 1;
                int d = 0;
                while (q < n && !(s[q] == '}' && d == 0)) {
                    if (s[q] == '{') {
                        d++;
                    } else if (s[q] == '}') {
                        d--;
                    }
                    q++;
                }
                node_t *spec = parse__mk(p, N_JOINEDSTR, t);
                fstring_body(p, t, spec, s + k + 1, q - (k + 1), raw,
                             depth + 1);
                fv->b = spec;
                k = q;
            }
            if (k >= n || s[k] != '}') {
                parse__syntax_error(p, t, "f-string: expecting '}'");
            }
            parse__nl_add(p, &js->l1, fv);
            i = k + 1;
            continue;
        }
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                ab_put(&lit, "}", 1);
                i += 2;
                continue;
            }
            parse__syntax_error(p, t, "f-string: single '}' is not allowed");
        }
        // Literal text up to the next brace, escapes decoded.
        size_t j = i;
        while (j < n && s[j] != '{' && s[j] != '}') {
            if (s[j] == '\\' && j + 1 < n && !raw) {
                j += 2;
                continue;
            }
            j++;
        }
        if (j > n) {
            j = n;
        }
        if (raw) {
            ab_put(&lit, s + i, j - i);
        } else {
            decode_escapes(p, t, s + i, j - i, &lit);
        }
        i = j;
    }
    add_str_part(p, js, t, &lit);
}

/* One or more adjacent string literals, concatenated. */
node_t *parse__strings(parser_t *p)
{
    lex_token_t *first = parse__cur(p);
    node_t *js = parse__mk(p, N_JOINEDSTR, first);
    int any_f = 0;
    abuf_t acc = {p, NULL, 0, 0};
    while (parse__cur(p)->kind == T_STRING) {
        lex_token_t *t = parse__cur(p);
        p->pos++;
        const char *s = t->s;
        int raw = 0, f = 0, bytes = 0;
        while (*s != '\'' && *s != '"') {
            char c = (char)(*s | 0x20);
            raw |= c == 'r';
            f |= c == 'f';
            bytes |= c == 'b';
            s++;
        }
        if (bytes) {
            parse__syntax_error(p, t,
                                "bytes literals are not supported by looplab");
        }
        char q = *s;
        size_t qn = (s + 2 < t->s + t->len && s[1] == q && s[2] == q &&
                     t->len - (size_t)(s - t->s) >= 6) ? 3 : 1;
        const char *body = s + qn;
        size_t bn = t->len - (size_t)(s - t->s) - 2 * qn;
        if (f) {
            add_str_part(p, js, t, &acc);
            any_f = 1;
            fstring_body(p, t, js, body, bn, raw, 0);
        } else if (raw) {
            ab_put(&acc, body, bn);
        } else {
            decode_escapes(p, t, body, bn, &acc);
        }
    }
    if (!any_f) {
        node_t *c = parse__mk(p, N_CONSTANT, first);
        c->flags = C_STR;
        c->s = parse__dupn(p, acc.s ? acc.s : "", acc.n);
        c->slen = acc.n;
        parse__finish(p, c);
        return c;
    }
    add_str_part(p, js, first, &acc);
    parse__finish(p, js);
    return js;
}
