/*
 * tracecmp: compares the results of running programs against the expected
 * ones, as the CPython oracle's compare.py does (shared/oracle/compare.py and
 * "Normalisation before comparing" in shared/TRACE.md), so that `make test`
 * needs no Python.
 *
 *     tracecmp [--stdout-only] [--no-trace] [--brief] [--max-diff-lines N]
 *              EXPECTED_DIR ACTUAL_DIR [NAME...]
 *
 * For every NAME.py in EXPECTED_DIR (or each NAME given) it checks, in this
 * order, and reports only the first mismatch of a program:
 *   1. the exit status (NAME.code, whitespace-stripped);
 *   2. stdout (NAME.out), whole;
 *   3. when NAME.py has a "tracecmp: warnings" comment, the lines of
 *      stderr that warnings write (each warning's first line, its source
 *      line, the tracemalloc hint), in order; then, when the expected
 *      status is not 0, the last non-blank line of stderr (NAME.err);
 *   4. the trace (NAME.trace), normalised: `0x<hex>` -> `0x?`, file paths keep
 *      their last component, `warn`/`log` lines compared as a sorted multiset
 *      and every other line in order.
 * --stdout-only checks 1 and 2, --no-trace 1 to 3.  The last line printed is
 * `N passed, M failed`; the exit status is 0 iff M is 0 (2 on usage errors).
 *
 * Where it differs from compare.py, on purpose:
 *   - a missing expected NAME.trace means the trace is not compared (the
 *     language tests have none); compare.py compares against an empty trace;
 *   - a missing expected NAME.out is a failure, where compare.py crashes;
 *   - the unified diff follows a longest common subsequence, so its hunks
 *     may pair lines differently from difflib's (it is still a valid patch);
 *   - NAMEs may be given, and --no-trace skips only the trace.
 *
 * Invariant: every text is handled as Python sees it, i.e. as code points
 * decoded from UTF-8 with errors="backslashreplace" (an invalid byte becomes
 * the four characters `\xNN`).  Line splitting, stripping, `\w` and sorting
 * then follow Python's str.splitlines(), str.strip(), the `re` module's
 * Unicode `\w` and str ordering, so results agree with compare.py even on
 * non-ASCII or malformed output.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== Memory ======================================================== */

/* Everything made while comparing one program is freed at once after it. */
typedef struct {
    void **blocks;
    size_t n, cap;
} arena_t;

static _Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tracecmp: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL) {
        die("out of memory");
    }
    return p;
}

static void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (p == NULL) {
        die("out of memory");
    }
    return p;
}

static void *arena_alloc(arena_t *a, size_t size)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        a->blocks = xrealloc(a->blocks, a->cap * sizeof *a->blocks);
    }
    void *p = xmalloc(size);
    a->blocks[a->n++] = p;
    return p;
}

static void arena_reset(arena_t *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->blocks[i]);
    }
    a->n = 0;
}

/* A growable byte string, for the report of one program. */
typedef struct {
    char *s;
    size_t n, cap;
} buf_t;

static void buf_add(buf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap) {
            b->cap = b->cap ? 2 * b->cap : 256;
        }
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void buf_str(buf_t *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_fmt(buf_t *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) {
        buf_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
    }
}

/* ==== Text as Python sees it ======================================== */

/* A run of code points; lines are views into a decoded file. */
typedef struct {
    const uint32_t *c;
    size_t n;
} text_t;

static bool is_word(uint32_t c);

/* Length of the well-formed UTF-8 sequence at [s] (storing its code point
 * in [*cp]), or 0 if it is not one.  Mirrors what CPython's UTF-8 decoder
 * accepts: no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_char(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t len;
    uint32_t c;
    unsigned lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        c = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        c = b & 0x0F;
        lo = b == 0xE0 ? 0xA0 : 0x80;
        hi = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        c = b & 0x07;
        lo = b == 0xF0 ? 0x90 : 0x80;
        hi = b == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if (s[i] < lo || s[i] > hi) {
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* bytes.decode("utf-8", "backslashreplace").  Escaping one invalid byte at
 * a time gives the same text as CPython's maximal-subpart error ranges,
 * because the bytes after an invalid lead byte are continuation bytes,
 * which are invalid on their own too. */
static text_t decode(arena_t *a, const unsigned char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    uint32_t *out = arena_alloc(a, (4 * n + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_char(s + i, n - i, &cp);
        if (len) {
            out[k++] = cp;
            i += len;
        } else {
            out[k++] = '\\';
            out[k++] = 'x';
            out[k++] = (uint32_t)hex[s[i] >> 4];
            out[k++] = (uint32_t)hex[s[i] & 0xF];
            i++;
        }
    }
    return (text_t){out, k};
}

static void buf_text(buf_t *b, text_t t)
{
    for (size_t i = 0; i < t.n; i++) {
        uint32_t c = t.c[i];
        char u[4];
        size_t n;
        if (c < 0x80) {
            u[0] = (char)c;
            n = 1;
        } else if (c < 0x800) {
            u[0] = (char)(0xC0 | (c >> 6));
            u[1] = (char)(0x80 | (c & 0x3F));
            n = 2;
        } else if (c < 0x10000) {
            u[0] = (char)(0xE0 | (c >> 12));
            u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            u[2] = (char)(0x80 | (c & 0x3F));
            n = 3;
        } else {
            u[0] = (char)(0xF0 | (c >> 18));
            u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
            u[3] = (char)(0x80 | (c & 0x3F));
            n = 4;
        }
        buf_add(b, u, n);
    }
}

/* Reads and decodes the file at [path]; false if it cannot be read (Python's
 * FileNotFoundError, and here also any other reason). */
static bool load(arena_t *a, const char *path, text_t *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    unsigned char *s = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 4096;
            s = xrealloc(s, cap);
        }
        size_t got = fread(s + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    bool ok = !ferror(f);
    fclose(f);
    if (ok) {
        *out = decode(a, s, n);
    }
    free(s);
    return ok;
}

static bool text_eq(text_t a, text_t b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.c, b.c, a.n * sizeof *a.c) == 0);
}

static bool text_is(text_t a, const char *s)
{
    size_t n = strlen(s);
    if (a.n != n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (a.c[i] != (unsigned char)s[i]) {
            return false;
        }
    }
    return true;
}

/* Python's str ordering: by code point, a prefix first. */
static int text_cmp(const void *pa, const void *pb)
{
    const text_t *a = pa, *b = pb;
    size_t n = a->n < b->n ? a->n : b->n;
    for (size_t i = 0; i < n; i++) {
        if (a->c[i] != b->c[i]) {
            return a->c[i] < b->c[i] ? -1 : 1;
        }
    }
    return a->n < b->n ? -1 : a->n > b->n;
}

/* str.isspace() */
static bool is_space(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) ||
           c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* The line boundaries of str.splitlines() (\r\n counts as one). */
static bool is_line_break(uint32_t c)
{
    return (c >= 0x0A && c <= 0x0D) || (c >= 0x1C && c <= 0x1E) ||
           c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* str.strip() */
static text_t strip(text_t t)
{
    while (t.n > 0 && is_space(t.c[0])) {
        t.c++;
        t.n--;
    }
    while (t.n > 0 && is_space(t.c[t.n - 1])) {
        t.n--;
    }
    return t;
}

typedef struct {
    text_t *v;
    size_t n;
} lines_t;

/* str.splitlines(): no empty last line after a final line break. */
static lines_t split_lines(arena_t *a, text_t t)
{
    lines_t l = {arena_alloc(a, (t.n + 1) * sizeof *l.v), 0};
    size_t start = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (is_line_break(t.c[i])) {
            l.v[l.n++] = (text_t){t.c + start, i - start};
            if (t.c[i] == '\r' && i + 1 < t.n && t.c[i + 1] == '\n') {
                i++;
            }
            start = i + 1;
        }
    }
    if (start < t.n) {
        l.v[l.n++] = (text_t){t.c + start, t.n - start};
    }
    return l;
}

/* compare.py's _last_line(): the last line that is not all whitespace. */
static text_t last_line(arena_t *a, text_t t)
{
    lines_t l = split_lines(a, t);
    for (size_t i = l.n; i > 0; i--) {
        if (strip(l.v[i - 1]).n > 0) {
            return l.v[i - 1];
        }
    }
    return (text_t){NULL, 0};
}

/* ==== Warnings in stderr ============================================= */

/* Whether [t] holds [s] (ASCII) at [i]. */
static bool text_at(text_t t, size_t i, const char *s)
{
    size_t n = strlen(s);
    if (i + n > t.n) {
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        if (t.c[i + k] != (unsigned char)s[k]) {
            return false;
        }
    }
    return true;
}

/* Whether [t] holds [s] (ASCII) anywhere. */
static bool text_has(text_t t, const char *s)
{
    for (size_t i = 0; i < t.n; i++) {
        if (text_at(t, i, s)) {
            return true;
        }
    }
    return false;
}

/* Where the ":LINE: CategoryWarning: " of a warning's first line starts
 * (warnings.formatwarning's "FILE:LINE: Category: message"), or 0 when
 * [t] is not such a line. */
static size_t warning_colon(text_t t)
{
    for (size_t i = 1; i < t.n; i++) {
        if (t.c[i] != ':' || i + 1 >= t.n || t.c[i + 1] < '0' ||
            t.c[i + 1] > '9') {
            continue;
        }
        size_t k = i + 1;
        while (k < t.n && t.c[k] >= '0' && t.c[k] <= '9') {
            k++;
        }
        if (!text_at(t, k, ": ")) {
            continue;
        }
        k += 2;
        while (k < t.n && ((t.c[k] >= 'A' && t.c[k] <= 'Z') ||
                           (t.c[k] >= 'a' && t.c[k] <= 'z'))) {
            k++;
        }
        if (k >= 7 && text_at(t, k - 7, "Warning: ")) {
            return i;
        }
    }
    return 0;
}

/* What of stderr a warning writes, in order: each warning's first line
 * (its file cut to the last path component, as tracebacks' are), the
 * indented source line under it, and the tracemalloc hint that follows
 * a coroutine's "never awaited". Tracebacks and the rest are left out:
 * looplab's differ where the prelude stands for asyncio's files. */
static lines_t warning_lines(arena_t *a, text_t t)
{
    lines_t l = split_lines(a, t);
    lines_t w = {arena_alloc(a, (l.n + 1) * sizeof *w.v), 0};
    bool after = false;
    for (size_t i = 0; i < l.n; i++) {
        text_t line = l.v[i];
        size_t colon = warning_colon(line);
        if (colon) {
            size_t slash = 0;
            for (size_t k = 0; k < colon; k++) {
                if (line.c[k] == '/') {
                    slash = k + 1;
                }
            }
            w.v[w.n++] = (text_t){line.c + slash, line.n - slash};
            after = true;
            continue;
        }
        if (after && text_at(line, 0, "  ")) {
            w.v[w.n++] = line;
        } else if (text_at(line, 0, "RuntimeWarning: Enable tracemalloc")) {
            w.v[w.n++] = line;
        }
        after = false;
    }
    return w;
}

/* ==== Trace normalisation =========================================== */

static bool is_hex(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

static bool is_alpha_ascii(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_sep(uint32_t c)
{
    return c == '/' || c == '\\';
}

/* compare.py's path character class [\w.\-~] */
static bool is_path_char(uint32_t c)
{
    return c == '.' || c == '-' || c == '~' || is_word(c);
}

/* The rest of _PATH from [i] on: [\w.\-~]*(?:[/\\][\w.\-~]+)+ .  Greedy
 * runs never need backtracking here, because a separator is never a path
 * character.  Returns the end of the match, or 0 for none. */
static size_t match_path_tail(const uint32_t *u, size_t n, size_t i)
{
    while (i < n && is_path_char(u[i])) {
        i++;
    }
    bool any = false;
    while (i + 1 < n && is_sep(u[i]) && is_path_char(u[i + 1])) {
        i++;
        while (i < n && is_path_char(u[i])) {
            i++;
        }
        any = true;
    }
    return any ? i : 0;
}

/* _PATH at [i]: (?<![\w.\-~/\\])(?:[A-Za-z]:)?<tail>; the optional drive is
 * tried first, as the regex engine does. */
static size_t match_path(const uint32_t *u, size_t n, size_t i)
{
    if (i > 0 && (is_path_char(u[i - 1]) || is_sep(u[i - 1]))) {
        return 0;
    }
    if (i + 1 < n && is_alpha_ascii(u[i]) && u[i + 1] == ':') {
        size_t end = match_path_tail(u, n, i + 2);
        if (end) {
            return end;
        }
    }
    return match_path_tail(u, n, i);
}

/* _PATH_START.match(): (?:[A-Za-z]:)?[/\\] | ~[/\\] | \.\.?[/\\] */
static bool starts_like_path(const uint32_t *m, size_t n)
{
    if (n >= 1 && is_sep(m[0])) {
        return true;
    }
    if (n >= 2 && (m[0] == '~' || m[0] == '.') && is_sep(m[1])) {
        return true;
    }
    if (n >= 3 && is_sep(m[2]) &&
        ((is_alpha_ascii(m[0]) && m[1] == ':') ||
         (m[0] == '.' && m[1] == '.'))) {
        return true;
    }
    return false;
}

/* _FILE_EXT.search(): \.[A-Za-z]\w*$ .  The dot can only be the character
 * just before the trailing run of word characters. */
static bool has_file_ext(const uint32_t *m, size_t n)
{
    size_t j = n;
    while (j > 0 && is_word(m[j - 1])) {
        j--;
    }
    return j > 0 && j < n && m[j - 1] == '.' && is_alpha_ascii(m[j]);
}

/* compare.py's normalise_line(): _ADDR.sub, then _PATH.sub with
 * _path_repl.  Neither substitution makes the text longer. */
static text_t normalise_line(arena_t *a, text_t t)
{
    uint32_t *u = arena_alloc(a, (t.n + 1) * sizeof *u);
    size_t n = 0;
    for (size_t i = 0; i < t.n;) {
        if (i + 2 < t.n && t.c[i] == '0' && t.c[i + 1] == 'x' &&
            is_hex(t.c[i + 2])) {
            i += 3;
            while (i < t.n && is_hex(t.c[i])) {
                i++;
            }
            u[n++] = '0';
            u[n++] = 'x';
            u[n++] = '?';
        } else {
            u[n++] = t.c[i++];
        }
    }

    uint32_t *out = arena_alloc(a, (n + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t end = match_path(u, n, i);
        if (end == 0) {
            out[k++] = u[i++];
            continue;
        }
        size_t last = end;
        while (last > i && !is_sep(u[last - 1])) {
            last--;
        }
        size_t from = i;
        if (starts_like_path(u + i, end - i) ||
            has_file_ext(u + last, end - last)) {
            from = last;
        }
        memcpy(out + k, u + from, (end - from) * sizeof *out);
        k += end - from;
        i = end;
    }
    return (text_t){out, k};
}

/* compare.py's normalise_trace(): the lines other than warn/log in order,
 * and the warn/log lines sorted.  The kind is read after normalising. */
static void normalise_trace(arena_t *a, text_t t, lines_t *ordered,
                            lines_t *multiset)
{
    lines_t l = split_lines(a, t);
    ordered->v = arena_alloc(a, (l.n + 1) * sizeof *ordered->v);
    multiset->v = arena_alloc(a, (l.n + 1) * sizeof *multiset->v);
    ordered->n = multiset->n = 0;
    for (size_t i = 0; i < l.n; i++) {
        text_t line = normalise_line(a, l.v[i]);
        size_t sp = 0;
        while (sp < line.n && line.c[sp] != ' ') {
            sp++;
        }
        text_t kind = {line.c, sp};
        if (text_is(kind, "warn") || text_is(kind, "log")) {
            multiset->v[multiset->n++] = line;
        } else {
            ordered->v[ordered->n++] = line;
        }
    }
    qsort(multiset->v, multiset->n, sizeof *multiset->v, text_cmp);
}

/* ==== Reporting ===================================================== */

/* difflib's _format_range_unified(), lines [start, stop) */
static void format_range(char *s, size_t size, size_t start, size_t stop)
{
    size_t len = stop - start;
    if (len == 1) {
        snprintf(s, size, "%zu", start + 1);
    } else {
        snprintf(s, size, "%zu,%zu", len ? start + 1 : start, len);
    }
}

typedef struct {
    buf_t *b;
    size_t shown, limit;
} diff_out_t;

/* Counts the diff line [prefix] + [s] + [t] and adds it unless past the
 * limit. */
static void diff_line(diff_out_t *d, const char *prefix, const char *s,
                      const text_t *t)
{
    size_t index = d->shown++;
    if (d->limit && index >= d->limit) {
        return;
    }
    if (index) {
        buf_str(d->b, "\n");
    }
    buf_str(d->b, prefix);
    if (s) {
        buf_str(d->b, s);
    }
    if (t) {
        buf_text(d->b, *t);
    }
}

/* One line of an edit script: ' ' in both, '-' only in a, '+' only in b;
 * [i] and [j] count the lines of a and b before it. */
typedef struct {
    char op;
    size_t i, j;
} edit_t;

/* Above this many cells the table of a longest common subsequence is not
 * built and the differing middle is shown as deleted, then inserted. */
#define LCS_MAX_CELLS ((size_t)1 << 22)

/* Puts the deletions of the run of changes e[run..k) before its insertions,
 * as in difflib's "replace" blocks. */
static void deletions_first(edit_t *e, size_t run, size_t k)
{
    if (run == k) {
        return;
    }
    size_t dels = 0;
    for (size_t q = run; q < k; q++) {
        dels += e[q].op == '-';
    }
    size_t i0 = e[run].i, j0 = e[run].j;
    for (size_t q = 0; q < k - run; q++) {
        e[run + q] = q < dels ? (edit_t){'-', i0 + q, j0}
                              : (edit_t){'+', i0 + dels, j0 + q - dels};
    }
}

/* Fills [e] (room for a.n + b.n edits) with an edit script from [a] to [b]
 * and returns its length.  The common prefix and suffix are kept; the
 * middle follows a longest common subsequence. */
static size_t edit_script(lines_t a, lines_t b, edit_t *e)
{
    size_t pre = 0, suf = 0, k = 0;
    while (pre < a.n && pre < b.n && text_eq(a.v[pre], b.v[pre])) {
        pre++;
    }
    while (suf < a.n - pre && suf < b.n - pre &&
           text_eq(a.v[a.n - 1 - suf], b.v[b.n - 1 - suf])) {
        suf++;
    }
    for (size_t i = 0; i < pre; i++) {
        e[k++] = (edit_t){' ', i, i};
    }

    const text_t *x = a.v + pre, *y = b.v + pre;
    size_t m = a.n - pre - suf, n = b.n - pre - suf, w = n + 1;
    uint32_t *len = NULL; // len[i * w + j]: LCS length of x[i..] and y[j..]
    if (m && n && (m + 1) * w <= LCS_MAX_CELLS) {
        len = xmalloc((m + 1) * w * sizeof *len);
        for (size_t i = m + 1; i-- > 0;) {
            for (size_t j = w; j-- > 0;) {
                uint32_t v = 0;
                if (i < m && j < n && text_eq(x[i], y[j])) {
                    v = len[(i + 1) * w + j + 1] + 1;
                } else if (i < m && j < n) {
                    uint32_t down = len[(i + 1) * w + j];
                    uint32_t right = len[i * w + j + 1];
                    v = down > right ? down : right;
                }
                len[i * w + j] = v;
            }
        }
    }
    size_t i = 0, j = 0, run = k; // e[run..k) are changes since a match
    while (i < m || j < n) {
        if (len && i < m && j < n && text_eq(x[i], y[j])) {
            deletions_first(e, run, k);
            e[k++] = (edit_t){' ', pre + i++, pre + j++};
            run = k;
        } else if (j == n || (i < m && (!len || len[(i + 1) * w + j] >=
                                                    len[i * w + j + 1]))) {
            e[k++] = (edit_t){'-', pre + i++, pre + j};
        } else {
            e[k++] = (edit_t){'+', pre + i, pre + j++};
        }
    }
    deletions_first(e, run, k);
    free(len);
    for (size_t q = 0; q < suf; q++) {
        e[k++] = (edit_t){' ', a.n - suf + q, b.n - suf + q};
    }
    return k;
}

/* compare.py's _diff(): difflib.unified_diff() of [a] and [b] with 3 lines
 * of context, nothing if they are equal, at most [limit] lines (0: no
 * limit) and then a count of the lines left out.  Hunks are grouped as
 * difflib groups them; the matching lines chosen may differ from difflib's. */
static void diff(buf_t *out, lines_t a, lines_t b, const char *a_name,
                 const char *b_name, size_t limit)
{
    edit_t *e = xmalloc((a.n + b.n + 1) * sizeof *e);
    size_t k = edit_script(a, b, e);
    diff_out_t d = {out, 0, limit};
    for (size_t p = 0; p < k;) {
        while (p < k && e[p].op == ' ') {
            p++;
        }
        if (p == k) {
            break;
        }
        // A hunk runs from 3 lines before a change to 3 lines after the
        // last change that no more than 6 unchanged lines separate.
        size_t start = p >= 3 ? p - 3 : 0, end = p;
        for (;;) {
            while (end < k && e[end].op != ' ') {
                end++;
            }
            size_t next = end;
            while (next < k && e[next].op == ' ') {
                next++;
            }
            if (next == k || next - end > 6) {
                break;
            }
            end = next;
        }
        end = end + 3 < k ? end + 3 : k;

        size_t a_len = 0, b_len = 0;
        for (size_t q = start; q < end; q++) {
            a_len += e[q].op != '+';
            b_len += e[q].op != '-';
        }
        char ra[48], rb[48], head[112];
        format_range(ra, sizeof ra, e[start].i, e[start].i + a_len);
        format_range(rb, sizeof rb, e[start].j, e[start].j + b_len);
        snprintf(head, sizeof head, "@@ -%s +%s @@", ra, rb);
        if (d.shown == 0) {
            diff_line(&d, "--- ", a_name, NULL);
            diff_line(&d, "+++ ", b_name, NULL);
        }
        diff_line(&d, head, NULL, NULL);
        for (size_t q = start; q < end; q++) {
            char op[2] = {e[q].op, '\0'};
            diff_line(&d, op, NULL,
                      e[q].op == '+' ? &b.v[e[q].j] : &a.v[e[q].i]);
        }
        p = end;
    }
    free(e);
    if (limit && d.shown > limit) {
        buf_fmt(out, "\n... (%zu more diff lines)", d.shown - limit);
    }
}

static void diff_one(buf_t *b, text_t x, text_t y, const char *x_name,
                     const char *y_name, size_t limit)
{
    diff(b, (lines_t){&x, 1}, (lines_t){&y, 1}, x_name, y_name, limit);
}

/* ==== Comparing ===================================================== */

typedef struct {
    const char *expected_dir, *actual_dir;
    bool stdout_only, no_trace, brief;
    size_t max_diff_lines;
    arena_t arena;
    buf_t detail; /* what the report shows under a FAIL line */
} cmp_t;

/* os.path.join(dir, name + ext) */
static char *join(arena_t *a, const char *dir, const char *name,
                  const char *ext)
{
    size_t dn = strlen(dir);
    const char *sep = dn && dir[dn - 1] != '/' ? "/" : "";
    size_t n = dn + strlen(sep) + strlen(name) + strlen(ext) + 1;
    char *p = arena_alloc(a, n);
    snprintf(p, n, "%s%s%s%s", dir, sep, name, ext);
    return p;
}

static const char *missing(cmp_t *c, const char *what, const char *path)
{
    buf_str(&c->detail, "missing ");
    buf_str(&c->detail, path);
    return what;
}

/* compare.py's compare_program(): NULL if [name] matches, else what
 * differs, with the diff in c->detail. */
static const char *compare_program(cmp_t *c, const char *name)
{
    arena_t *a = &c->arena;
    size_t lim = c->max_diff_lines;
    const char *ep = join(a, c->expected_dir, name, ".code");
    const char *ap = join(a, c->actual_dir, name, ".code");
    text_t e, x;
    if (!load(a, ep, &e)) {
        return missing(c, "expected files", ep);
    }
    if (!load(a, ap, &x)) {
        return missing(c, "exit status", ap);
    }
    text_t e_status = strip(e), a_status = strip(x);
    if (!text_eq(e_status, a_status)) {
        diff_one(&c->detail, e_status, a_status, ep, ap, lim);
        return "exit status";
    }

    ep = join(a, c->expected_dir, name, ".out");
    ap = join(a, c->actual_dir, name, ".out");
    if (!load(a, ap, &x)) {
        return missing(c, "stdout", ap);
    }
    if (!load(a, ep, &e)) {
        return missing(c, "stdout", ep);
    }
    if (!text_eq(e, x)) {
        diff(&c->detail, split_lines(a, e), split_lines(a, x), ep, ap, lim);
        if (c->detail.n == 0) {
            buf_str(&c->detail,
                    "(differ only in line endings or a final newline)");
        }
        return "stdout";
    }
    if (c->stdout_only) {
        return NULL;
    }

    // stderr, empty when missing: the warnings it holds for a program
    // that asks for them (a "tracecmp: warnings" comment), whatever its
    // status; its last line when the status is not 0.
    ep = join(a, c->expected_dir, name, ".err");
    ap = join(a, c->actual_dir, name, ".err");
    text_t src, empty = {NULL, 0};
    if (!load(a, ep, &e)) {
        e = empty;
    }
    if (!load(a, ap, &x)) {
        x = empty;
    }
    if (load(a, join(a, c->expected_dir, name, ".py"), &src) &&
        text_has(src, "tracecmp: warnings")) {
        diff(&c->detail, warning_lines(a, e), warning_lines(a, x), ep, ap,
             lim);
        if (c->detail.n) {
            return "stderr warnings";
        }
    }
    if (!text_is(e_status, "0")) {
        text_t el = last_line(a, e), al = last_line(a, x);
        if (!text_eq(el, al)) {
            diff_one(&c->detail, el, al, ep, ap, lim);
            return "last stderr line";
        }
    }
    if (c->no_trace) {
        return NULL;
    }

    ep = join(a, c->expected_dir, name, ".trace");
    ap = join(a, c->actual_dir, name, ".trace");
    if (!load(a, ep, &e)) {
        return NULL; // no expected trace: nothing to compare
    }
    if (!load(a, ap, &x)) {
        return missing(c, "trace", ap);
    }
    lines_t e_ord, e_ms, a_ord, a_ms;
    normalise_trace(a, e, &e_ord, &e_ms);
    normalise_trace(a, x, &a_ord, &a_ms);
    diff(&c->detail, e_ord, a_ord, ep, ap, lim);
    if (c->detail.n) {
        return "trace";
    }
    diff(&c->detail, e_ms, a_ms, ep, ap, lim);
    if (c->detail.n) {
        return "trace (warn/log lines, as a sorted multiset)";
    }
    return NULL;
}

static int str_cmp(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* compare.py's program_names(): NAME for each NAME.py not starting with a
 * dot, sorted. */
static char **program_names(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        die("cannot read directory %s", dir);
    }
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 3 ||
            strcmp(de->d_name + len - 3, ".py") != 0) {
            continue;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n] = xmalloc(len - 2);
        memcpy(v[n], de->d_name, len - 3);
        v[n][len - 3] = '\0';
        n++;
    }
    closedir(d);
    if (n) {
        qsort(v, n, sizeof *v, str_cmp);
    }
    *count = n;
    return v;
}

/* A NAME argument may also be given as NAME.py or DIR/NAME.py. */
static char *name_from_arg(const char *arg)
{
    const char *base = strrchr(arg, '/');
    base = base ? base + 1 : arg;
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".py") == 0) {
        len -= 3;
    }
    char *s = xmalloc(len + 1);
    memcpy(s, base, len);
    s[len] = '\0';
    return s;
}

static int usage(void)
{
    fputs("usage: tracecmp [--stdout-only] [--no-trace] [--brief] "
          "[--max-diff-lines N]\n"
          "                EXPECTED_DIR ACTUAL_DIR [NAME...]\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    cmp_t c = {.max_diff_lines = 60};
    char **pos = xmalloc((size_t)argc * sizeof *pos);
    size_t npos = 0;
    bool options = true;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (options && strcmp(s, "--stdout-only") == 0) {
            c.stdout_only = true;
        } else if (options && strcmp(s, "--no-trace") == 0) {
            c.no_trace = true;
        } else if (options && strcmp(s, "--brief") == 0) {
            c.brief = true;
        } else if (options && strcmp(s, "--max-diff-lines") == 0 &&
                   i + 1 < argc) {
            char *end;
            unsigned long v = strtoul(argv[++i], &end, 10);
            if (*argv[i] == '\0' || *end != '\0') {
                return usage();
            }
            c.max_diff_lines = v;
        } else if (options && strcmp(s, "--") == 0) {
            options = false;
        } else if (options && s[0] == '-' && s[1] != '\0') {
            return usage();
        } else {
            pos[npos++] = argv[i];
        }
    }
    if (npos < 2) {
        return usage();
    }
    c.expected_dir = pos[0];
    c.actual_dir = pos[1];

    char **names;
    size_t nnames;
    if (npos > 2) {
        nnames = npos - 2;
        names = xmalloc(nnames * sizeof *names);
        for (size_t i = 0; i < nnames; i++) {
            names[i] = name_from_arg(pos[i + 2]);
        }
    } else {
        names = program_names(c.expected_dir, &nnames);
    }

    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < nnames; i++) {
        c.detail.n = 0;
        const char *what = compare_program(&c, names[i]);
        if (what == NULL) {
            passed++;
        } else {
            failed++;
            printf("FAIL %s: %s differs\n", names[i], what);
            if (!c.brief) {
                fwrite(c.detail.s, 1, c.detail.n, stdout);
                putchar('\n');
            }
        }
        arena_reset(&c.arena);
        free(names[i]);
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    free(names);
    free(pos);
    free(c.arena.blocks);
    free(c.detail.s);
    return fflush(stdout) == 0 && failed == 0 ? 0 : 1;
}

/* ==== Unicode \w ==================================================== */

/* The non-ASCII code points that Python 3.11's re matches with \w in a str
 * pattern (str.isalnum(), i.e. Unicode 14.0), as sorted inclusive ranges.
 * Regenerate with:
 *   python3 -c 'import re, itertools as it; w = re.compile(r"\w").match
 *   for k, g in it.groupby(range(128, 0x110000), lambda c: bool(w(chr(c)))):
 *       g = list(g); k and print("{0x%X, 0x%X}," % (g[0], g[-1]))' */
static const uint32_t word_ranges[][2] = {
    {0xAA, 0xAA}, {0xB2, 0xB3}, {0xB5, 0xB5}, {0xB9, 0xBA}, {0xBC, 0xBE},
    {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x2C1}, {0x2C6, 0x2D1}, {0x2E0, 0x2E4},
    {0x2EC, 0x2EC}, {0x2EE, 0x2EE}, {0x370, 0x374}, {0x376, 0x377},
    {0x37A, 0x37D}, {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A},
    {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5}, {0x3F7, 0x481},
    {0x48A, 0x52F}, {0x531, 0x556}, {0x559, 0x559}, {0x560, 0x588},
    {0x5D0, 0x5EA}, {0x5EF, 0x5F2}, {0x620, 0x64A}, {0x660, 0x669},
    {0x66E, 0x66F}, {0x671, 0x6D3}, {0x6D5, 0x6D5}, {0x6E5, 0x6E6},
    {0x6EE, 0x6FC}, {0x6FF, 0x6FF}, {0x710, 0x710}, {0x712, 0x72F},
    {0x74D, 0x7A5}, {0x7B1, 0x7B1}, {0x7C0, 0x7EA}, {0x7F4, 0x7F5},
    {0x7FA, 0x7FA}, {0x800, 0x815}, {0x81A, 0x81A}, {0x824, 0x824},
    {0x828, 0x828}, {0x840, 0x858}, {0x860, 0x86A}, {0x870, 0x887},
    {0x889, 0x88E}, {0x8A0, 0x8C9}, {0x904, 0x939}, {0x93D, 0x93D},
    {0x950, 0x950}, {0x958, 0x961}, {0x966, 0x96F}, {0x971, 0x980},
    {0x985, 0x98C}, {0x98F, 0x990}, {0x993, 0x9A8}, {0x9AA, 0x9B0},
    {0x9B2, 0x9B2}, {0x9B6, 0x9B9}, {0x9BD, 0x9BD}, {0x9CE, 0x9CE},
    {0x9DC, 0x9DD}, {0x9DF, 0x9E1}, {0x9E6, 0x9F1}, {0x9F4, 0x9F9},
    {0x9FC, 0x9FC}, {0xA05, 0xA0A}, {0xA0F, 0xA10}, {0xA13, 0xA28},
    {0xA2A, 0xA30}, {0xA32, 0xA33}, {0xA35, 0xA36}, {0xA38, 0xA39},
    {0xA59, 0xA5C}, {0xA5E, 0xA5E}, {0xA66, 0xA6F}, {0xA72, 0xA74},
    {0xA85, 0xA8D}, {0xA8F, 0xA91}, {0xA93, 0xAA8}, {0xAAA, 0xAB0},
    {0xAB2, 0xAB3}, {0xAB5, 0xAB9}, {0xABD, 0xABD}, {0xAD0, 0xAD0},
    {0xAE0, 0xAE1}, {0xAE6, 0xAEF}, {0xAF9, 0xAF9}, {0xB05, 0xB0C},
    {0xB0F, 0xB10}, {0xB13, 0xB28}, {0xB2A, 0xB30}, {0xB32, 0xB33},
    {0xB35, 0xB39}, {0xB3D, 0xB3D}, {0xB5C, 0xB5D}, {0xB5F, 0xB61},
    {0xB66, 0xB6F}, {0xB71, 0xB77}, {0xB83, 0xB83}, {0xB85, 0xB8A},
    {0xB8E, 0xB90}, {0xB92, 0xB95}, {0xB99, 0xB9A}, {0xB9C, 0xB9C},
    {0xB9E, 0xB9F}, {0xBA3, 0xBA4}, {0xBA8, 0xBAA}, {0xBAE, 0xBB9},
    {0xBD0, 0xBD0}, {0xBE6, 0xBF2}, {0xC05, 0xC0C}, {0xC0E, 0xC10},
    {0xC12, 0xC28}, {0xC2A, 0xC39}, {0xC3D, 0xC3D}, {0xC58, 0xC5A},
    {0xC5D, 0xC5D}, {0xC60, 0xC61}, {0xC66, 0xC6F}, {0xC78, 0xC7E},
    {0xC80, 0xC80}, {0xC85, 0xC8C}, {0xC8E, 0xC90}, {0xC92, 0xCA8},
    {0xCAA, 0xCB3}, {0xCB5, 0xCB9}, {0xCBD, 0xCBD}, {0xCDD, 0xCDE},
    {0xCE0, 0xCE1}, {0xCE6, 0xCEF}, {0xCF1, 0xCF2}, {0xD04, 0xD0C},
    {0xD0E, 0xD10}, {0xD12, 0xD3A}, {0xD3D, 0xD3D}, {0xD4E, 0xD4E},
    {0xD54, 0xD56}, {0xD58, 0xD61}, {0xD66, 0xD78}, {0xD7A, 0xD7F},
    {0xD85, 0xD96}, {0xD9A, 0xDB1}, {0xDB3, 0xDBB}, {0xDBD, 0xDBD},
    {0xDC0, 0xDC6}, {0xDE6, 0xDEF}, {0xE01, 0xE30}, {0xE32, 0xE33},
    {0xE40, 0xE46}, {0xE50, 0xE59}, {0xE81, 0xE82}, {0xE84, 0xE84},
    {0xE86, 0xE8A}, {0xE8C, 0xEA3}, {0xEA5, 0xEA5}, {0xEA7, 0xEB0},
    {0xEB2, 0xEB3}, {0xEBD, 0xEBD}, {0xEC0, 0xEC4}, {0xEC6, 0xEC6},
    {0xED0, 0xED9}, {0xEDC, 0xEDF}, {0xF00, 0xF00}, {0xF20, 0xF33},
    {0xF40, 0xF47}, {0xF49, 0xF6C}, {0xF88, 0xF8C}, {0x1000, 0x102A},
    {0x103F, 0x1049}, {0x1050, 0x1055}, {0x105A, 0x105D}, {0x1061, 0x1061},
    {0x1065, 0x1066}, {0x106E, 0x1070}, {0x1075, 0x1081}, {0x108E, 0x108E},
    {0x1090, 0x1099}, {0x10A0, 0x10C5}, {0x10C7, 0x10C7}, {0x10CD, 0x10CD},
    {0x10D0, 0x10FA}, {0x10FC, 0x1248}, {0x124A, 0x124D}, {0x1250, 0x1256},
    {0x1258, 0x1258}, {0x125A, 0x125D}, {0x1260, 0x1288}, {0x128A, 0x128D},
    {0x1290, 0x12B0}, {0x12B2, 0x12B5}, {0x12B8, 0x12BE}, {0x12C0, 0x12C0},
    {0x12C2, 0x12C5}, {0x12C8, 0x12D6}, {0x12D8, 0x1310}, {0x1312, 0x1315},
    {0x1318, 0x135A}, {0x1369, 0x137C}, {0x1380, 0x138F}, {0x13A0, 0x13F5},
    {0x13F8, 0x13FD}, {0x1401, 0x166C}, {0x166F, 0x167F}, {0x1681, 0x169A},
    {0x16A0, 0x16EA}, {0x16EE, 0x16F8}, {0x1700, 0x1711}, {0x171F, 0x1731},
    {0x1740, 0x1751}, {0x1760, 0x176C}, {0x176E, 0x1770}, {0x1780, 0x17B3},
    {0x17D7, 0x17D7}, {0x17DC, 0x17DC}, {0x17E0, 0x17E9}, {0x17F0, 0x17F9},
    {0x1810, 0x1819}, {0x1820, 0x1878}, {0x1880, 0x1884}, {0x1887, 0x18A8},
    {0x18AA, 0x18AA}, {0x18B0, 0x18F5}, {0x1900, 0x191E}, {0x1946, 0x196D},
    {0x1970, 0x1974}, {0x1980, 0x19AB}, {0x19B0, 0x19C9}, {0x19D0, 0x19DA},
    {0x1A00, 0x1A16}, {0x1A20, 0x1A54}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99},
    {0x1AA7, 0x1AA7}, {0x1B05, 0x1B33}, {0x1B45, 0x1B4C}, {0x1B50, 0x1B59},
    {0x1B83, 0x1BA0}, {0x1BAE, 0x1BE5}, {0x1C00, 0x1C23}, {0x1C40, 0x1C49},
    {0x1C4D, 0x1C7D}, {0x1C80, 0x1C88}, {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF},
    {0x1CE9, 0x1CEC}, {0x1CEE, 0x1CF3}, {0x1CF5, 0x1CF6}, {0x1CFA, 0x1CFA},
    {0x1D00, 0x1DBF}, {0x1E00, 0x1F15}, {0x1F18, 0x1F1D}, {0x1F20, 0x1F45},
    {0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B},
    {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC},
    {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3},
    {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC},
    {0x2070, 0x2071}, {0x2074, 0x2079}, {0x207F, 0x2089}, {0x2090, 0x209C},
    {0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115},
    {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128},
    {0x212A, 0x212D}, {0x212F, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149},
    {0x214E, 0x214E}, {0x2150, 0x2189}, {0x2460, 0x249B}, {0x24EA, 0x24FF},
    {0x2776, 0x2793}, {0x2C00, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3},
    {0x2CFD, 0x2CFD}, {0x2D00, 0x2D25}, {0x2D27, 0x2D27}, {0x2D2D, 0x2D2D},
    {0x2D30, 0x2D67}, {0x2D6F, 0x2D6F}, {0x2D80, 0x2D96}, {0x2DA0, 0x2DA6},
    {0x2DA8, 0x2DAE}, {0x2DB0, 0x2DB6}, {0x2DB8, 0x2DBE}, {0x2DC0, 0x2DC6},
    {0x2DC8, 0x2DCE}, {0x2DD0, 0x2DD6}, {0x2DD8, 0x2DDE}, {0x2E2F, 0x2E2F},
    {0x3005, 0x3007}, {0x3021, 0x3029}, {0x3031, 0x3035}, {0x3038, 0x303C},
    {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FF},
    {0x3105, 0x312F}, {0x3131, 0x318E}, {0x3192, 0x3195}, {0x31A0, 0x31BF},
    {0x31F0, 0x31FF}, {0x3220, 0x3229}, {0x3248, 0x324F}, {0x3251, 0x325F},
    {0x3280, 0x3289}, {0x32B1, 0x32BF}, {0x3400, 0x4DBF}, {0x4E00, 0xA48C},
    {0xA4D0, 0xA4FD}, {0xA500, 0xA60C}, {0xA610, 0xA62B}, {0xA640, 0xA66E},
    {0xA67F, 0xA69D}, {0xA6A0, 0xA6EF}, {0xA717, 0xA71F}, {0xA722, 0xA788},
    {0xA78B, 0xA7CA}, {0xA7D0, 0xA7D1}, {0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9},
    {0xA7F2, 0xA801}, {0xA803, 0xA805}, {0xA807, 0xA80A}, {0xA80C, 0xA822},
    {0xA830, 0xA835}, {0xA840, 0xA873}, {0xA882, 0xA8B3}, {0xA8D0, 0xA8D9},
    {0xA8F2, 0xA8F7}, {0xA8FB, 0xA8FB}, {0xA8FD, 0xA8FE}, {0xA900, 0xA925},
    {0xA930, 0xA946}, {0xA960, 0xA97C}, {0xA984, 0xA9B2}, {0xA9CF, 0xA9D9},
    {0xA9E0, 0xA9E4}, {0xA9E6, 0xA9FE}, {0xAA00, 0xAA28}, {0xAA40, 0xAA42},
    {0xAA44, 0xAA4B}, {0xAA50, 0xAA59}, {0xAA60, 0xAA76}, {0xAA7A, 0xAA7A},
    {0xAA7E, 0xAAAF}, {0xAAB1, 0xAAB1}, {0xAAB5, 0xAAB6}, {0xAAB9, 0xAABD},
    {0xAAC0, 0xAAC0}, {0xAAC2, 0xAAC2}, {0xAADB, 0xAADD}, {0xAAE0, 0xAAEA},
    {0xAAF2, 0xAAF4}, {0xAB01, 0xAB06}, {0xAB09, 0xAB0E}, {0xAB11, 0xAB16},
    {0xAB20, 0xAB26}, {0xAB28, 0xAB2E}, {0xAB30, 0xAB5A}, {0xAB5C, 0xAB69},
    {0xAB70, 0xABE2}, {0xABF0, 0xABF9}, {0xAC00, 0xD7A3}, {0xD7B0, 0xD7C6},
    {0xD7CB, 0xD7FB}, {0xF900, 0xFA6D}, {0xFA70, 0xFAD9}, {0xFB00, 0xFB06},
    {0xFB13, 0xFB17}, {0xFB1D, 0xFB1D}, {0xFB1F, 0xFB28}, {0xFB2A, 0xFB36},
    {0xFB38, 0xFB3C}, {0xFB3E, 0xFB3E}, {0xFB40, 0xFB41}, {0xFB43, 0xFB44},
    {0xFB46, 0xFBB1}, {0xFBD3, 0xFD3D}, {0xFD50, 0xFD8F}, {0xFD92, 0xFDC7},
    {0xFDF0, 0xFDFB}, {0xFE70, 0xFE74}, {0xFE76, 0xFEFC}, {0xFF10, 0xFF19},
    {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0xFFC2, 0xFFC7},
    {0xFFCA, 0xFFCF}, {0xFFD2, 0xFFD7}, {0xFFDA, 0xFFDC}, {0x10000, 0x1000B},
    {0x1000D, 0x10026}, {0x10028, 0x1003A}, {0x1003C, 0x1003D},
    {0x1003F, 0x1004D}, {0x10050, 0x1005D}, {0x10080, 0x100FA},
    {0x10107, 0x10133}, {0x10140, 0x10178}, {0x1018A, 0x1018B},
    {0x10280, 0x1029C}, {0x102A0, 0x102D0}, {0x102E1, 0x102FB},
    {0x10300, 0x10323}, {0x1032D, 0x1034A}, {0x10350, 0x10375},
    {0x10380, 0x1039D}, {0x103A0, 0x103C3}, {0x103C8, 0x103CF},
    {0x103D1, 0x103D5}, {0x10400, 0x1049D}, {0x104A0, 0x104A9},
    {0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10500, 0x10527},
    {0x10530, 0x10563}, {0x10570, 0x1057A}, {0x1057C, 0x1058A},
    {0x1058C, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105A1},
    {0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC},
    {0x10600, 0x10736}, {0x10740, 0x10755}, {0x10760, 0x10767},
    {0x10780, 0x10785}, {0x10787, 0x107B0}, {0x107B2, 0x107BA},
    {0x10800, 0x10805}, {0x10808, 0x10808}, {0x1080A, 0x10835},
    {0x10837, 0x10838}, {0x1083C, 0x1083C}, {0x1083F, 0x10855},
    {0x10858, 0x10876}, {0x10879, 0x1089E}, {0x108A7, 0x108AF},
    {0x108E0, 0x108F2}, {0x108F4, 0x108F5}, {0x108FB, 0x1091B},
    {0x10920, 0x10939}, {0x10980, 0x109B7}, {0x109BC, 0x109CF},
    {0x109D2, 0x10A00}, {0x10A10, 0x10A13}, {0x10A15, 0x10A17},
    {0x10A19, 0x10A35}, {0x10A40, 0x10A48}, {0x10A60, 0x10A7E},
    {0x10A80, 0x10A9F}, {0x10AC0, 0x10AC7}, {0x10AC9, 0x10AE4},
    {0x10AEB, 0x10AEF}, {0x10B00, 0x10B35}, {0x10B40, 0x10B55},
    {0x10B58, 0x10B72}, {0x10B78, 0x10B91}, {0x10BA9, 0x10BAF},
    {0x10C00, 0x10C48}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2},
    {0x10CFA, 0x10D23}, {0x10D30, 0x10D39}, {0x10E60, 0x10E7E},
    {0x10E80, 0x10EA9}, {0x10EB0, 0x10EB1}, {0x10F00, 0x10F27},
    {0x10F30, 0x10F45}, {0x10F51, 0x10F54}, {0x10F70, 0x10F81},
    {0x10FB0, 0x10FCB}, {0x10FE0, 0x10FF6}, {0x11003, 0x11037},
    {0x11052, 0x1106F}, {0x11071, 0x11072}, {0x11075, 0x11075},
    {0x11083, 0x110AF}, {0x110D0, 0x110E8}, {0x110F0, 0x110F9},
    {0x11103, 0x11126}, {0x11136, 0x1113F}, {0x11144, 0x11144},
    {0x11147, 0x11147}, {0x11150, 0x11172}, {0x11176, 0x11176},
    {0x11183, 0x111B2}, {0x111C1, 0x111C4}, {0x111D0, 0x111DA},
    {0x111DC, 0x111DC}, {0x111E1, 0x111F4}, {0x11200, 0x11211},
    {0x11213, 0x1122B}, {0x11280, 0x11286}, {0x11288, 0x11288},
    {0x1128A, 0x1128D}, {0x1128F, 0x1129D}, {0x1129F, 0x112A8},
    {0x112B0, 0x112DE}, {0x112F0, 0x112F9}, {0x11305, 0x1130C},
    {0x1130F, 0x11310}, {0x11313, 0x11328}, {0x1132A, 0x11330},
    {0x11332, 0x11333}, {0x11335, 0x11339}, {0x1133D, 0x1133D},
    {0x11350, 0x11350}, {0x1135D, 0x11361}, {0x11400, 0x11434},
    {0x11447, 0x1144A}, {0x11450, 0x11459}, {0x1145F, 0x11461},
    {0x11480, 0x114AF}, {0x114C4, 0x114C5}, {0x114C7, 0x114C7},
    {0x114D0, 0x114D9}, {0x11580, 0x115AE}, {0x115D8, 0x115DB},
    {0x11600, 0x1162F}, {0x11644, 0x11644}, {0x11650, 0x11659},
    {0x11680, 0x116AA}, {0x116B8, 0x116B8}, {0x116C0, 0x116C9},
    {0x11700, 0x1171A}, {0x11730, 0x1173B}, {0x11740, 0x11746},
    {0x11800, 0x1182B}, {0x118A0, 0x118F2}, {0x118FF, 0x11906},
    {0x11909, 0x11909}, {0x1190C, 0x11913}, {0x11915, 0x11916},
    {0x11918, 0x1192F}, {0x1193F, 0x1193F}, {0x11941, 0x11941},
    {0x11950, 0x11959}, {0x119A0, 0x119A7}, {0x119AA, 0x119D0},
    {0x119E1, 0x119E1}, {0x119E3, 0x119E3}, {0x11A00, 0x11A00},
    {0x11A0B, 0x11A32}, {0x11A3A, 0x11A3A}, {0x11A50, 0x11A50},
    {0x11A5C, 0x11A89}, {0x11A9D, 0x11A9D}, {0x11AB0, 0x11AF8},
    {0x11C00, 0x11C08}, {0x11C0A, 0x11C2E}, {0x11C40, 0x11C40},
    {0x11C50, 0x11C6C}, {0x11C72, 0x11C8F}, {0x11D00, 0x11D06},
    {0x11D08, 0x11D09}, {0x11D0B, 0x11D30}, {0x11D46, 0x11D46},
    {0x11D50, 0x11D59}, {0x11D60, 0x11D65}, {0x11D67, 0x11D68},
    {0x11D6A, 0x11D89}, {0x11D98, 0x11D98}, {0x11DA0, 0x11DA9},
    {0x11EE0, 0x11EF2}, {0x11FB0, 0x11FB0}, {0x11FC0, 0x11FD4},
    {0x12000, 0x12399}, {0x12400, 0x1246E}, {0x12480, 0x12543},
    {0x12F90, 0x12FF0}, {0x13000, 0x1342E}, {0x14400, 0x14646},
    {0x16800, 0x16A38}, {0x16A40, 0x16A5E}, {0x16A60, 0x16A69},
    {0x16A70, 0x16ABE}, {0x16AC0, 0x16AC9}, {0x16AD0, 0x16AED},
    {0x16B00, 0x16B2F}, {0x16B40, 0x16B43}, {0x16B50, 0x16B59},
    {0x16B5B, 0x16B61}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F},
    {0x16E40, 0x16E96}, {0x16F00, 0x16F4A}, {0x16F50, 0x16F50},
    {0x16F93, 0x16F9F}, {0x16FE0, 0x16FE1}, {0x16FE3, 0x16FE3},
    {0x17000, 0x187F7}, {0x18800, 0x18CD5}, {0x18D00, 0x18D08},
    {0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB}, {0x1AFFD, 0x1AFFE},
    {0x1B000, 0x1B122}, {0x1B150, 0x1B152}, {0x1B164, 0x1B167},
    {0x1B170, 0x1B2FB}, {0x1BC00, 0x1BC6A}, {0x1BC70, 0x1BC7C},
    {0x1BC80, 0x1BC88}, {0x1BC90, 0x1BC99}, {0x1D2E0, 0x1D2F3},
    {0x1D360, 0x1D378}, {0x1D400, 0x1D454}, {0x1D456, 0x1D49C},
    {0x1D49E, 0x1D49F}, {0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6},
    {0x1D4A9, 0x1D4AC}, {0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB},
    {0x1D4BD, 0x1D4C3}, {0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A},
    {0x1D50D, 0x1D514}, {0x1D516, 0x1D51C}, {0x1D51E, 0x1D539},
    {0x1D53B, 0x1D53E}, {0x1D540, 0x1D544}, {0x1D546, 0x1D546},
    {0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D6C0},
    {0x1D6C2, 0x1D6DA}, {0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714},
    {0x1D716, 0x1D734}, {0x1D736, 0x1D74E}, {0x1D750, 0x1D76E},
    {0x1D770, 0x1D788}, {0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2},
    {0x1D7C4, 0x1D7CB}, {0x1D7CE, 0x1D7FF}, {0x1DF00, 0x1DF1E},
    {0x1E100, 0x1E12C}, {0x1E137, 0x1E13D}, {0x1E140, 0x1E149},
    {0x1E14E, 0x1E14E}, {0x1E290, 0x1E2AD}, {0x1E2C0, 0x1E2EB},
    {0x1E2F0, 0x1E2F9}, {0x1E7E0, 0x1E7E6}, {0x1E7E8, 0x1E7EB},
    {0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE}, {0x1E800, 0x1E8C4},
    {0x1E8C7, 0x1E8CF}, {0x1E900, 0x1E943}, {0x1E94B, 0x1E94B},
    {0x1E950, 0x1E959}, {0x1EC71, 0x1ECAB}, {0x1ECAD, 0x1ECAF},
    {0x1ECB1, 0x1ECB4}, {0x1ED01, 0x1ED2D}, {0x1ED2F, 0x1ED3D},
    {0x1EE00, 0x1EE03}, {0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22},
    {0x1EE24, 0x1EE24}, {0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32},
    {0x1EE34, 0x1EE37}, {0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B},
    {0x1EE42, 0x1EE42}, {0x1EE47, 0x1EE47}, {0x1EE49, 0x1EE49},
    {0x1EE4B, 0x1EE4B}, {0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52},
    {0x1EE54, 0x1EE54}, {0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59},
    {0x1EE5B, 0x1EE5B}, {0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F},
    {0x1EE61, 0x1EE62}, {0x1EE64, 0x1EE64}, {0x1EE67, 0x1EE6A},
    {0x1EE6C, 0x1EE72}, {0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C},
    {0x1EE7E, 0x1EE7E}, {0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B},
    {0x1EEA1, 0x1EEA3}, {0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB},
    {0x1F100, 0x1F10C}, {0x1FBF0, 0x1FBF9}, {0x20000, 0x2A6DF},
    {0x2A700, 0x2B738}, {0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1},
    {0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D}, {0x30000, 0x3134A},
};

/* The re module's Unicode \w: str.isalnum() or "_". */
static bool is_word(uint32_t c)
{
    if (c < 0x80) {
        return (c >= '0' && c <= '9') || is_alpha_ascii(c) || c == '_';
    }
    size_t lo = 0, hi = sizeof word_ranges / sizeof word_ranges[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < word_ranges[mid][0]) {
            hi = mid;
        } else if (c > word_ranges[mid][1]) {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    return false;
}
