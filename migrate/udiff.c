/*
 * udiff.c - unified diffs of planned edits.
 *
 * Each edit touches a range of original lines; edits on the same or
 * adjacent lines form one block (printed as all its - lines, then all its
 * + lines, as diff does), whose new lines are the old ones with its edits
 * applied.
 * Blocks closer than twice the context merge into one hunk, as in GNU
 * diff, and hunk headers use its conventions (",1" omitted, an empty
 * side numbered by the line before it).
 */
#include "udiff.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 3

/* A run of original lines [first, last] replaced by new text. */
typedef struct block {
    int first, last;
    int e0, e1;          /* its edits: [e0, e1) */
    char *text;          /* the new text of those lines */
    size_t text_len;
    int new_count;       /* lines in text */
} block;

char *migrate_apply(const char *src, size_t len, const migrate_edit *edits,
                    int nedits, size_t *out_len)
{
    size_t n = len;
    for (int i = 0; i < nedits; i++) {
        n += strlen(edits[i].text);
    }
    char *out = malloc(n + 1);
    if (!out) {
        return NULL;
    }
    size_t at = 0, o = 0;
    for (int i = 0; i < nedits; i++) {
        memcpy(out + o, src + at, edits[i].start - at);
        o += edits[i].start - at;
        size_t tl = strlen(edits[i].text);
        memcpy(out + o, edits[i].text, tl);
        o += tl;
        at = edits[i].end;
    }
    memcpy(out + o, src + at, len - at);
    o += len - at;
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* The 0-based line holding byte [off]. */
static int line_of(const size_t *starts, int nlines, size_t off)
{
    int lo = 0, hi = nlines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (starts[mid] <= off) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    return lo;
}

static int count_lines(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            c++;
        }
    }
    if (n > 0 && s[n - 1] != '\n') {
        c++;
    }
    return c;
}

/* Prints lines of [s] ([n] bytes) each after [mark]. */
static void put_lines(FILE *out, char mark, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n') {
            e++;
        }
        fputc(mark, out);
        fwrite(s + i, 1, e - i, out);
        fputc('\n', out);
        if (e == n) {
            fputs("\\ No newline at end of file\n", out);
            break;
        }
        i = e + 1;
    }
}

static void put_range(FILE *out, int start, int count)
{
    if (count == 1) {
        fprintf(out, "%d", start);
    } else {
        fprintf(out, "%d,%d", count == 0 ? start - 1 : start, count);
    }
}

int migrate_udiff(FILE *out, const char *path, const char *src, size_t len,
                  const migrate_edit *edits, int nedits)
{
    if (nedits == 0) {
        return 0;
    }
    int nlines = count_lines(src, len);
    if (nlines == 0) {
        nlines = 1;
    }
    size_t *starts = malloc(((size_t)nlines + 1) * sizeof *starts);
    block *blocks = calloc((size_t)nedits, sizeof *blocks);
    int nb = 0, rc = -1;
    if (!starts || !blocks) {
        goto out;
    }
    starts[0] = 0;
    for (size_t i = 0, l = 1; i < len; i++) {
        if (src[i] == '\n' && (int)l < nlines) {
            starts[l++] = i + 1;
        }
    }
    starts[nlines] = len;
    for (int i = 0; i < nedits; i++) {
        const migrate_edit *e = &edits[i];
        int first = line_of(starts, nlines, e->start);
        int last = line_of(starts, nlines, e->end > e->start ? e->end - 1 :
                                                               e->start);
        if (nb > 0 && first <= blocks[nb - 1].last + 1) {
            if (last > blocks[nb - 1].last) {
                blocks[nb - 1].last = last;
            }
            blocks[nb - 1].e1 = i + 1;
        } else {
            blocks[nb++] = (block){ first, last, i, i + 1, NULL, 0, 0 };
        }
    }
    for (int b = 0; b < nb; b++) {
        block *k = &blocks[b];
        size_t s = starts[k->first], e = starts[k->last + 1];
        migrate_edit *local = malloc((size_t)(k->e1 - k->e0) * sizeof *local);
        if (!local) {
            goto out;
        }
        for (int i = k->e0; i < k->e1; i++) {
            local[i - k->e0] = edits[i];
            local[i - k->e0].start -= s;
            local[i - k->e0].end -= s;
        }
        k->text = migrate_apply(src + s, e - s, local, k->e1 - k->e0,
                                &k->text_len);
        free(local);
        if (!k->text) {
            goto out;
        }
        k->new_count = count_lines(k->text, k->text_len);
    }
    fprintf(out, "--- a/%s\n+++ b/%s\n", path, path);
    int delta = 0;
    for (int h = 0; h < nb;) {
        int end = h;
        while (end + 1 < nb &&
               blocks[end + 1].first - blocks[end].last - 1 <= 2 * CONTEXT) {
            end++;
        }
        int from = blocks[h].first - CONTEXT;
        int to = blocks[end].last + CONTEXT;
        from = from < 0 ? 0 : from;
        to = to >= nlines ? nlines - 1 : to;
        int old_count = to - from + 1, new_count = old_count;
        for (int b = h; b <= end; b++) {
            new_count += blocks[b].new_count -
                         (blocks[b].last - blocks[b].first + 1);
        }
        fputs("@@ -", out);
        put_range(out, from + 1, old_count);
        fputs(" +", out);
        put_range(out, from + 1 + delta, new_count);
        fputs(" @@\n", out);
        int line = from;
        for (int b = h; b <= end; b++) {
            const block *k = &blocks[b];
            put_lines(out, ' ', src + starts[line],
                      starts[k->first] - starts[line]);
            put_lines(out, '-', src + starts[k->first],
                      starts[k->last + 1] - starts[k->first]);
            put_lines(out, '+', k->text, k->text_len);
            delta += k->new_count - (k->last - k->first + 1);
            line = k->last + 1;
        }
        put_lines(out, ' ', src + starts[line], starts[to + 1] - starts[line]);
        h = end + 1;
    }
    rc = 0;
out:
    for (int b = 0; b < nb; b++) {
        free(blocks[b].text);
    }
    free(blocks);
    free(starts);
    return rc;
}
