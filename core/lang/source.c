/*
 * source.c - a program file's bytes made into lexer text (see source.h).
 *
 * Mirrors the parts of CPython 3.11's Parser/tokenizer.c that run before
 * tokens: get_coding_spec / check_coding_spec / get_normal_name (PEP 263),
 * check_bom, ensure_utf8 and the null-byte check in tok_nextc, and the
 * universal-newline translation of the file reader. The order of the
 * checks is CPython's: line by line, the first line with a fault decides,
 * and within a line bad UTF-8 counts only before the first NUL byte
 * (ensure_utf8 walks a C string).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "vm.h"

typedef enum { ENC_UTF8, ENC_LATIN1, ENC_ASCII } encoding_t;

/* get_normal_name: the spellings CPython itself folds to "utf-8" and
 * "iso-8859-1"; anything else is kept as written. */
static const char *normal_name(const char *s)
{
    char buf[13];
    size_t i;
    for (i = 0; i < 12 && s[i]; i++) {
        buf[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
    }
    buf[i] = 0;
    if (strcmp(buf, "utf-8") == 0 || strncmp(buf, "utf-8-", 6) == 0) {
        return "utf-8";
    }
    if (strcmp(buf, "latin-1") == 0 || strcmp(buf, "iso-8859-1") == 0 ||
        strcmp(buf, "iso-latin-1") == 0 || strncmp(buf, "latin-1-", 8) == 0 ||
        strncmp(buf, "iso-8859-1-", 11) == 0 ||
        strncmp(buf, "iso-latin-1-", 12) == 0) {
        return "iso-8859-1";
    }
    return s;
}

/* The codec a (normalized) name means, as Python's codec registry would
 * find it (encodings.normalize_encoding and the aliases table), for the
 * three encodings looplab decodes; -1 for any other. */
static int encoding_of(const char *name)
{
    char key[64];
    size_t n = 0;
    for (const char *p = name; *p && n + 1 < sizeof key; p++) {
        char c = (char)tolower((unsigned char)*p);
        key[n++] = c == '-' || c == ' ' ? '_' : c;
    }
    key[n] = 0;
    static const char *const utf8[] = {"utf_8", "utf8", "u8", "utf",
                                       "utf8_ucs2", "utf8_ucs4", "cp65001",
                                       NULL};
    static const char *const latin1[] = {"iso_8859_1", "iso8859_1", "latin_1",
                                         "latin1", "latin", "l1", "8859",
                                         "cp819", "ibm819", "iso_ir_100",
                                         "iso_8859_1:1987", "csisolatin1",
                                         NULL};
    static const char *const ascii[] = {"ascii", "us_ascii", "646", "us",
                                        "ansi_x3.4_1968", "ansi_x3_4_1968",
                                        "ansi_x3.4_1986", "cp367", "csascii",
                                        "ibm367", "iso646_us",
                                        "iso_646.irv:1991", "iso_ir_6",
                                        NULL};
    static const char *const *const tables[] = {utf8, latin1, ascii};
    static const encoding_t codes[] = {ENC_UTF8, ENC_LATIN1, ENC_ASCII};
    for (size_t t = 0; t < 3; t++) {
        for (const char *const *a = tables[t]; *a; a++) {
            if (strcmp(key, *a) == 0) {
                return (int)codes[t];
            }
        }
    }
    return -1;
}

/* Whether [name] looks like one of the codecs Python has and looplab does
 * not decode (by the families of Lib/encodings), as opposed to a name no
 * Python knows, for which CPython's bare "encoding problem" is right. */
static bool python_codec(const char *name)
{
    static const char *const families[] = {
        "cp", "iso8859", "iso_8859", "iso-8859", "latin", "windows", "utf",
        "mac", "koi8", "shift", "sjis", "euc", "big5", "gb", "hz", "johab",
        "ibm", "ptcp", "tis", "kz", "hp", "u16", "u32", "ucs", "ms", NULL};
    char low[64];
    size_t n = 0;
    for (; name[n] && n + 1 < sizeof low; n++) {
        low[n] = (char)tolower((unsigned char)name[n]);
    }
    low[n] = 0;
    for (const char *const *f = families; *f; f++) {
        if (strncmp(low, *f, strlen(*f)) == 0) {
            return true;
        }
    }
    return false;
}

/* get_coding_spec on one line [s, s+n): the declared name (copied into
 * name) when the line is a comment carrying "coding[:=] NAME". */
static bool coding_spec(const char *s, size_t n, char *name, size_t size)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) {
        i++;
    }
    if (i >= n || s[i] != '#') {
        return false;
    }
    for (; i + 6 < n; i++) {
        if (memcmp(s + i, "coding", 6) != 0) {
            continue;
        }
        size_t t = i + 6;
        if (s[t] != ':' && s[t] != '=') {
            continue;
        }
        do {
            t++;
        } while (t < n && (s[t] == ' ' || s[t] == '\t'));
        size_t b = t;
        while (t < n && (isalnum((unsigned char)s[t]) || s[t] == '-' ||
                         s[t] == '_' || s[t] == '.')) {
            t++;
        }
        if (t > b) {
            size_t k = t - b < size - 1 ? t - b : size - 1;
            memcpy(name, s + b, k);
            name[k] = 0;
            return true;
        }
    }
    return false;
}

/* Whether a line holds nothing but blanks or a comment: only then may the
 * declaration be on the next line. */
static bool blank_or_comment(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '#' || s[i] == '\n' || s[i] == '\r') {
            return true;
        }
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f') {
            return false;
        }
    }
    return true;
}

/* Length of the line at s (up to and including its \n, \r\n or \r). */
static size_t line_len(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            return i + 1;
        }
        if (s[i] == '\r') {
            return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
        }
    }
    return n;
}


static char *fail(source_error_t *err, int line, int col, const char *msg)
{
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    err->line = line;
    err->col = col;
    return NULL;
}

/* ensure_utf8's error, which has no location line. */
static char *fail_utf8(source_error_t *err, const char *path, int line,
                       unsigned char byte)
{
    char msg[512];
    snprintf(msg, sizeof msg, "Non-UTF-8 code starting with '\\x%02x' in "
             "file %s on line %d, but no encoding declared; see "
             "https://peps.python.org/pep-0263/ for details", byte, path, line);
    return fail(err, 0, 0, msg);
}

/* The declared encoding of the first two lines, or an error. */
static int declared_encoding(const char *path, const char *src, size_t len,
                             bool bom, source_error_t *err)
{
    char name[64];
    const char *p = src;
    size_t left = len;
    for (int line = 1; line <= 2 && left > 0; line++) {
        size_t n = line_len(p, left);
        if (coding_spec(p, n, name, sizeof name)) {
            // A declaration on line 2 comes too late for line 1, which
            // CPython has already read as UTF-8.
            if (line == 2) {
                const char *nul = memchr(src, 0, (size_t)(p - src));
                size_t upto = nul ? (size_t)(nul - src) : (size_t)(p - src);
                size_t bad = vm_utf8_check(src, upto, NULL, 0);
                if (bad < upto) {
                    fail_utf8(err, path, 1, (unsigned char)src[bad]);
                    return -1;
                }
            }
            const char *cs = normal_name(name);
            char msg[160];
            if (bom && strcmp(cs, "utf-8") != 0) {
                snprintf(msg, sizeof msg, "encoding problem: %s with BOM", cs);
                fail(err, 0, 0, msg);
                return -1;
            }
            int enc = encoding_of(cs);
            if (enc < 0) {
                // CPython knows more codecs than looplab decodes: for those
                // saying so is better than reading the file wrongly.
                snprintf(msg, sizeof msg, "encoding problem: %s%s", cs,
                         python_codec(cs) ? " (looplab reads UTF-8, Latin-1 "
                                            "and ASCII source files)" : "");
                fail(err, 0, 0, msg);
                return -1;
            }
            return enc;
        }
        if (!blank_or_comment(p, n)) {
            break;
        }
        p += n;
        left -= n;
    }
    return ENC_UTF8;
}

char *source_decode(const char *path, const char *src, size_t len,
                    size_t *out_len, source_error_t *err)
{
    // Every return leaves a length, 0 with no text (the callers read it
    // only for a located failure, which has text; gcc cannot see that
    // once the calls are inlined across files).
    *out_len = 0;
    bool bom = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0;
    int enc = declared_encoding(path, bom ? src + 3 : src,
                                bom ? len - 3 : len, bom, err);
    if (enc < 0) {
        return NULL;
    }
    // Latin-1 at most doubles; \r\n only shrinks.
    char *out = malloc(len * 2 + 1);
    if (!out) {
        return fail(err, 0, 0, "out of memory reading the source");
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '\r') {
            out[n++] = '\n';
            if (i + 1 < len && src[i + 1] == '\n') {
                i++;
            }
        } else if (c >= 0x80 && enc == ENC_LATIN1) {
            out[n++] = (char)(0xC0 | (c >> 6));
            out[n++] = (char)(0x80 | (c & 0x3F));
        } else if (c >= 0x80 && enc == ENC_ASCII) {
            free(out);
            return fail(err, 0, 0, "encoding problem: ascii");
        } else {
            out[n++] = (char)c;
        }
    }
    out[n] = 0;
    // Line by line, in file order: the first faulty line decides.
    int line = 1;
    for (size_t ls = 0; ls < n; line++) {
        const char *lp = out + ls;
        size_t ll = line_len(lp, n - ls);
        const char *nul = memchr(lp, 0, ll);
        size_t upto = nul ? (size_t)(nul - lp) : ll;
        size_t bad = vm_utf8_check(lp, upto, NULL, 0);
        if (bad < upto) {
            unsigned char byte = (unsigned char)lp[bad];
            free(out);
            return fail_utf8(err, path, line, byte);
        }
        if (nul) {
            // Located: the caller shows the line, so the text stays.
            // Column -1: CPython prints no caret under this line.
            fail(err, line, -1, "source code cannot contain null bytes");
            *out_len = n;
            return out;
        }
        ls += ll;
    }
    err->msg[0] = 0;
    *out_len = n;
    return out;
}

char *source_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        if (k == 0) {
            break;
        }
        n += k;
    }
    int err = !buf ? ENOMEM : ferror(f) ? EIO : 0;
    fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}
