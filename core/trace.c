/*
 * trace.c - the trace recorder: interned templates, numbers in a stream.
 *
 * Most event lines differ only in their numbers ("run step 42 4", "future
 * Future-1494", "tick 1 0.000123"), so a line is split in one pass into
 * a template and values. Each maximal run of ASCII digits is taken out of
 * the text, leaving a placeholder: one value per at most MAX_RUN of its
 * digits (a longer run is several placeholders at the same place, which
 * decode back to back). A value is a uint64 that keeps the digits:
 *   digits without a leading zero ("0" itself included): n << 1;
 *   otherwise: n << 5 | zeros << 1 | 1, where zeros (1..14) counts the
 *   zeros before n's own digits ("000123" is n 123, zeros 3).
 * A template is the literal text that is left (line breaks in the event's
 * text already escaped) and the offsets in it where the placeholders go.
 * The placeholders are thus out of band, not a byte of the text: every
 * byte but NUL stands for itself and needs no escape, and decoding is a
 * few memcpys.
 *
 * Templates are interned (an open-address hash table over tmpls[]). An
 * event is a record in a byte stream: LEB128 varints, the template's
 * index, then one value per placeholder. The records of events g * GROUP
 * to g * GROUP + GROUP - 1 form group g (the first group of a trace that
 * starts after trace_skip holds fewer), one malloc'd block of exactly
 * their bytes once the group is full ("sealed"); the group being filled
 * is the scratch block cur. The array of groups is thus the sparse index:
 * an event is at most GROUP - 1 records from the start of its group, and
 * skipping a record needs only its template's placeholder count.
 *
 * Invariants:
 * - Events [first, first + nkept) are kept. groups[ghead, ghead+ngroups)
 *   are the sealed groups gbase, gbase + 1, ... that still hold a kept
 *   event; the group of event first + nkept (the next one) is cur.
 * - drop_off is the offset of event first's record in its group. The
 *   records before it there belong to dropped events: their templates
 *   may be freed and their indices reused, so no read starts before it.
 * - use[k].nph is tmpls[k]->nph, kept beside the count for the
 *   out-of-line append's check.
 * - Under a limit, use[k].refs counts the kept events whose record names
 *   k and the callers' trace_end_keep and trace_keep: dropping the oldest
 *   event decrements it and frees a template at 0 (its slot reused, its
 *   table entry a tombstone), and a group is freed with its last event,
 *   so memory is bounded by the kept events whatever their text. Without
 *   a limit no event is dropped and every template stays: the inline
 *   append (trace.h) does not count, and trace_unkeep frees nothing.
 * - trace_line decodes into rd->buf. rd also remembers where the record
 *   after the last one read starts, so reading in order is O(1) an event.
 */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GROUP 128           /* events per group: the sparse index's step */
#define MAX_RUN 15          /* digits per value: 10^15 << 5 fits 64 bits */
#define TOMBSTONE UINT32_MAX
#define SCRATCH_KEEP 65536  /* larger scratch goes back after a long line */
#define CUR_MIN 1024        /* cur's least size: above TRACE_FAST_ROOM */

/* An interned template: at[nph] (nondecreasing offsets into the literal
 * text where the values go), then the len bytes of literal text (no NUL),
 * in one allocation. */
typedef struct tmpl {
    size_t len;
    size_t nph;             /* placeholders: values per record */
    uint64_t hash;
    size_t at[];
} tmpl_t;

/* The literal text of [tp], after its offsets. */
static char *tmpl_lit(const tmpl_t *tp)
{
    return (char *)(tp->at + tp->nph);
}

/* A sealed group: the records of GROUP events. */
typedef struct group {
    unsigned char *bytes;
    size_t len;
} group_t;

#define NONE SIZE_MAX

/* A read position: the event whose record starts at off in its group
 * (next == NONE: no position). */
typedef struct cursor {
    size_t next, off;
} cursor_t;

#define NO_CURSOR ((cursor_t){NONE, 0})

/* A cursor and the buffer records are decoded into. last is the event
 * whose text buf holds (NONE: none). tmpl is trace_starts_with's own
 * cursor, so that it leaves at and buf alone. */
typedef struct reader {
    cursor_t at, tmpl;
    size_t last;
    char *buf;
    size_t len, cap;
} reader_t;

#define NEW_READER ((reader_t){NO_CURSOR, NO_CURSOR, NONE, NULL, 0, 0})

typedef struct watcher {
    trace_drop_fn fn;
    void *ctx;
} watcher_t;

typedef struct trace_use {
    size_t refs;
    size_t nph;
} trace_use_t;

struct trace {
    trace_fast_t f;         /* first: trace_put_kept's part (trace.h) */
    trace_use_t *use;       /* by template index */
    tmpl_t **tmpls;         /* NULL for a freed slot */
    uint32_t ntmpls, captmpls;
    uint32_t *free_slots;   /* freed template indices, for reuse */
    uint32_t nfree, capfree;
    uint32_t *table;        /* hash -> index + 1, 0 empty, TOMBSTONE */
    uint32_t tabsize, ntomb;
    group_t *groups;
    size_t ghead, ngroups, capgroups;
    size_t gbase;           /* group number of groups[ghead] */
    unsigned char *cur;     /* records of the group being filled, up to */
    size_t curcap;          /* f.wp; never NULL, curcap >= CUR_MIN */
    size_t first;
    size_t drop_off;
    size_t limit;           /* 0: keep all */
    watcher_t watchers[TRACE_MAX_WATCHERS];
    /* trace_line's cursor and buffer, behind a pointer: trace_line takes
     * a const trace (its events do not change) but moves the cursor. */
    reader_t *rd;
    reader_t drop;          /* decodes a dropped event for the watchers */
    char *lit;              /* the event being built: template text, */
    size_t litcap, blen;
    size_t *at;             /* placeholder offsets */
    uint64_t *vals;         /* and values (vcap each, bnv used) */
    size_t vcap, bnv;
    char *out_tail;         /* stdout text after the last newline */
    size_t out_len, out_cap;
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "looplab: out of memory (trace)\n");
        abort();
    }
    return q;
}

/* ==== Varints ============================================================ */

static uint64_t get_varint(const unsigned char **pp)
{
    const unsigned char *p = *pp;
    uint64_t v = 0;
    int shift = 0;
    while (*p & 0x80) {
        v |= (uint64_t)(*p++ & 0x7f) << shift;
        shift += 7;
    }
    v |= (uint64_t)*p++ << shift;
    *pp = p;
    return v;
}

/* Past [n] varints at [p]. */
static const unsigned char *skip_varints(const unsigned char *p, size_t n)
{
    while (n > 0) {
        if (!(*p++ & 0x80)) {
            n--;
        }
    }
    return p;
}

/* ==== Templates ========================================================== */

/* Mixes [n] bytes at [s] into [h], eight at a time: every line is
 * hashed, so a byte-at-a-time hash would cost more than the rest. The
 * last word is read whole and masked, so [s] must have 8 readable bytes
 * past [n] (the template buffer keeps that slack: reserve()). */
static uint64_t hash_bytes(uint64_t h, const void *s, size_t n)
{
    const unsigned char *p = s;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    uint64_t w;
    memcpy(&w, p, 8);
    w = n ? w & (~0ull >> (64 - 8 * n)) : 0;
    h = (h ^ w ^ n) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 32);
}

/* Rebuilds the table at [size] entries, dropping tombstones. */
static void rebuild_table(trace_t *t, uint32_t size)
{
    uint32_t *tab = calloc(size, sizeof(uint32_t));
    if (!tab) {
        fprintf(stderr, "looplab: out of memory (trace)\n");
        abort();
    }
    for (uint32_t i = 0; i < t->ntmpls; i++) {
        if (!t->tmpls[i]) {
            continue;
        }
        uint32_t h = (uint32_t)t->tmpls[i]->hash & (size - 1);
        while (tab[h]) {
            h = (h + 1) & (size - 1);
        }
        tab[h] = i + 1;
    }
    free(t->table);
    t->table = tab;
    t->tabsize = size;
    t->ntomb = 0;
}

/* The index of the template in t->lit ([len] bytes) and t->at ([nph]
 * offsets), interned if new, with one more reference. */
static uint32_t intern(trace_t *t, size_t len, size_t nph)
{
    uint32_t live = t->ntmpls - t->nfree;
    if ((live + 1) * 2 > t->tabsize) {
        rebuild_table(t, t->tabsize * 2);
    } else if ((live + t->ntomb + 1) * 4 > t->tabsize * 3) {
        rebuild_table(t, t->tabsize);
    }
    uint64_t hash = hash_bytes(len, t->lit, len);
    for (size_t k = 0; k < nph; k++) {
        hash = (hash ^ t->at[k]) * 0x9e3779b97f4a7c15ull;
        hash ^= hash >> 29;
    }
    uint32_t h = (uint32_t)hash & (t->tabsize - 1);
    uint32_t slot = UINT32_MAX;   /* the first tombstone on the way */
    while (t->table[h]) {
        uint32_t e = t->table[h];
        if (e == TOMBSTONE) {
            if (slot == UINT32_MAX) {
                slot = h;
            }
        } else {
            tmpl_t *tp = t->tmpls[e - 1];
            if (tp->hash == hash && tp->len == len && tp->nph == nph &&
                memcmp(tmpl_lit(tp), t->lit, len) == 0 &&
                (nph == 0 ||
                 memcmp(tp->at, t->at, nph * sizeof(size_t)) == 0)) {
                t->use[e - 1].refs++;
                return e - 1;
            }
        }
        h = (h + 1) & (t->tabsize - 1);
    }
    if (slot != UINT32_MAX) {
        h = slot;
        t->ntomb--;
    }
    uint32_t idx;
    if (t->nfree > 0) {
        idx = t->free_slots[--t->nfree];
    } else {
        if (t->ntmpls == t->captmpls) {
            // Index + 1 must stay below TOMBSTONE in the table.
            if (t->captmpls >= UINT32_MAX / 4) {
                fprintf(stderr, "looplab: too many distinct trace lines\n");
                abort();
            }
            t->captmpls = t->captmpls ? t->captmpls * 2 : 64;
            t->tmpls = xrealloc(t->tmpls, t->captmpls * sizeof(tmpl_t *));
            t->use = xrealloc(t->use, t->captmpls * sizeof(trace_use_t));
        }
        idx = t->ntmpls++;
    }
    tmpl_t *tp = xrealloc(NULL, sizeof(tmpl_t) + nph * sizeof(size_t) + len);
    t->use[idx] = (trace_use_t){1, nph};
    tp->len = len;
    tp->nph = nph;
    tp->hash = hash;
    // t->at may not be allocated yet when there are no numbers.
    if (nph) {
        memcpy(tp->at, t->at, nph * sizeof(size_t));
    }
    memcpy(tmpl_lit(tp), t->lit, len);
    t->tmpls[idx] = tp;
    t->table[h] = idx + 1;
    return idx;
}

/* Frees template [idx], which no kept event uses any more. */
static void release_tmpl(trace_t *t, uint32_t idx)
{
    uint32_t h = (uint32_t)t->tmpls[idx]->hash & (t->tabsize - 1);
    while (t->table[h] != idx + 1) {
        h = (h + 1) & (t->tabsize - 1);
    }
    t->table[h] = TOMBSTONE;
    t->ntomb++;
    free(t->tmpls[idx]);
    t->tmpls[idx] = NULL;
    if (t->nfree == t->capfree) {
        t->capfree = t->capfree ? t->capfree * 2 : 64;
        t->free_slots = xrealloc(t->free_slots,
                                 t->capfree * sizeof(uint32_t));
    }
    t->free_slots[t->nfree++] = idx;
}

/* ==== Splitting a line =================================================== */

/* Bytes split() must look at: digits, and line breaks (escaped in an
 * event's text). */
static const unsigned char special[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
    ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['\n'] = 2, ['\r'] = 2,
};

/* Whether any of the 8 bytes at [s] is special: a digit, \n or \r.
 * Each test is "some byte of x is below k", (x - k*ONES) & ~x & HIGHS,
 * exact for k <= 128: digits are the bytes below 10 once xored with
 * '0', a line break the zero bytes once xored with it. */
static bool word_special(const char *s)
{
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t highs = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t d = w ^ ('0' * ones), nl = w ^ ('\n' * ones),
             cr = w ^ ('\r' * ones);
    return (((d - 10 * ones) & ~d) | ((nl - ones) & ~nl) |
            ((cr - ones) & ~cr)) & highs;
}

/* The values of a digit run: one per at most MAX_RUN digits, from the
 * left, each keeping its leading zeros (the encoding at the top). */
size_t trace_digit_values(const char *s, size_t n, uint64_t *vals)
{
    size_t v = 0;
    for (size_t i = 0; i < n;) {
        size_t m = n - i < MAX_RUN ? n - i : MAX_RUN;
        size_t zeros = 0;
        while (zeros + 1 < m && s[i + zeros] == '0') {
            zeros++;
        }
        uint64_t x = 0;
        for (size_t d = i; d < i + m; d++) {
            x = x * 10 + (uint64_t)(s[d] - '0');
        }
        vals[v++] = zeros ? x << 5 | (uint64_t)zeros << 1 | 1 : x << 1;
        i += m;
    }
    return v;
}

/* 10**k, k at most 19. */
static uint64_t pow10_u64(size_t k)
{
    uint64_t p = 1;
    while (k--) {
        p *= 10;
    }
    return p;
}

size_t trace_number_values(uint64_t x, size_t n, uint64_t *vals)
{
    size_t v = 0;
    for (size_t i = 0; i < n;) {
        size_t m = n - i < MAX_RUN ? n - i : MAX_RUN;
        uint64_t c = x / pow10_u64(n - i - m) % pow10_u64(m);
        // trace_digit_values' leading zeros: all but the run's last digit
        // when it is 0, else m less c's digit count.
        size_t digits = 1;
        for (uint64_t p = 10; digits < m && c >= p; p *= 10) {
            digits++;
        }
        size_t zeros = m - digits;
        vals[v++] = zeros ? c << 5 | (uint64_t)zeros << 1 | 1 : c << 1;
        i += m;
    }
    return v;
}

/* Appends [n] bytes of [s] to the template being built (t->lit at *len,
 * t->at) and its digit runs to t->vals (at *nv). With [escape], newlines
 * and carriage returns become \n and \r. The caller reserved 2 * n bytes
 * of text and n values: every byte gives at most two, every value eats a
 * digit. */
static void split(trace_t *t, const char *s, size_t n, bool escape,
                  size_t *len, size_t *nv)
{
    char *lit = t->lit;
    size_t *at = t->at;
    uint64_t *vals = t->vals;
    size_t k = *len, v = *nv;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (!special[c]) {
            if (n - i < 32) {
                // Most texts are short names: a byte at a time, with no
                // call to memcpy per span.
                lit[k++] = (char)c;
                i++;
                continue;
            }
            // A long span of plain bytes: found a word at a time, while
            // no byte of the word is special, and copied in one go.
            size_t j = i;
            while (j + 8 <= n && !word_special(s + j)) {
                j += 8;
            }
            while (j < n && !special[(unsigned char)s[j]]) {
                j++;
            }
            memcpy(lit + k, s + i, j - i);
            k += j - i;
            i = j;
            continue;
        }
        if (special[c] == 1) {
            size_t e = i + 1;
            while (e < n && special[(unsigned char)s[e]] == 1) {
                e++;
            }
            // The run [i, e) as values of at most MAX_RUN digits each.
            size_t nv = trace_digit_values(s + i, e - i, vals + v);
            for (size_t q = 0; q < nv; q++) {
                at[v + q] = k;
            }
            v += nv;
            i = e;
        } else if (escape) {
            lit[k++] = '\\';
            lit[k++] = c == '\n' ? 'n' : 'r';
            i++;
        } else {
            lit[k++] = (char)c;
            i++;
        }
    }
    *len = k;
    *nv = v;
}

/* ==== Groups and records ================================================= */

static size_t group_of(size_t i)
{
    return i / GROUP;
}

/* The records of group [g], which holds a kept event or the next one. */
static const unsigned char *group_bytes(const trace_t *t, size_t g)
{
    if (g == group_of(t->first + t->f.nkept)) {
        return t->cur;
    }
    return t->groups[t->ghead + (g - t->gbase)].bytes;
}

/* The bytes of the group being filled. */
static size_t cur_len(const trace_t *t)
{
    return (size_t)(t->f.wp - t->cur);
}

/* Restores trace_fast_t's invariants (trace.h) after the out-of-line
 * code moved the buffer, the events or the limit. */
static void fast_sync(trace_t *t)
{
    t->f.wend = t->cur + t->curcap - TRACE_FAST_ROOM;
    t->f.left = t->limit ? 0 : GROUP - (t->first + t->f.nkept) % GROUP;
}

/* The full group cur becomes a sealed block of exactly its bytes. */
static void seal(trace_t *t)
{
    if (t->ghead + t->ngroups == t->capgroups) {
        if (t->ghead >= t->capgroups / 2 && t->ghead > 0) {
            // Freed groups left the front half empty: slide down (each
            // group is moved at most once per doubling of the stream).
            memmove(t->groups, t->groups + t->ghead,
                    t->ngroups * sizeof(group_t));
            t->ghead = 0;
        } else {
            t->capgroups = t->capgroups ? t->capgroups * 2 : 64;
            t->groups = xrealloc(t->groups, t->capgroups * sizeof(group_t));
        }
    }
    group_t *g = &t->groups[t->ghead + t->ngroups++];
    size_t len = cur_len(t);
    g->bytes = xrealloc(NULL, len);
    memcpy(g->bytes, t->cur, len);
    g->len = len;
    if (t->curcap > SCRATCH_KEEP) {
        t->curcap = CUR_MIN;
        t->cur = xrealloc(t->cur, t->curcap);
    }
    t->f.wp = t->cur;
}

/* Appends the record of a new event: template [idx], then the values
 * vals[k] << shift (shift 1 turns plain numbers into values). */
static inline __attribute__((always_inline)) void
append_numbers(trace_t *t, uint32_t idx, const uint64_t *vals, size_t nv,
               int shift)
{
    size_t need = 10 * (nv + 1), len = cur_len(t);
    if (len + need > t->curcap) {
        t->curcap = (len + need) * 2;
        t->cur = xrealloc(t->cur, t->curcap);
    }
    unsigned char *p = t->cur + len;
    p += trace_put_varint(p, idx);
    for (size_t k = 0; k < nv; k++) {
        p += trace_put_varint(p, vals[k] << shift);
    }
    t->f.wp = p;
    t->f.nkept++;
    if ((t->first + t->f.nkept) % GROUP == 0) {
        seal(t);
    }
    fast_sync(t);
}

/* Appends the record of a new event: template [idx], values t->vals. */
static void append_record(trace_t *t, uint32_t idx, size_t nv)
{
    append_numbers(t, idx, t->vals, nv, 0);
}

/* "00" to "99": value digits are written two at a time, as decoding
 * every event of a trace (the view's fold) renders millions of them. */
static const char pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* Writes value [v]'s digits at [o]; returns the end. */
static char *put_value(char *o, uint64_t v)
{
    uint64_t x = v >> 1;
    if (v & 1) {
        x = v >> 5;
        for (uint64_t z = (v >> 1) & 15; z > 0; z--) {
            *o++ = '0';
        }
    }
    size_t n = 1;
    for (uint64_t p = 10; n < 20 && x >= p; p *= 10) {
        n++;
    }
    char *e = o + n;
    while (x >= 100) {
        e -= 2;
        memcpy(e, pairs + 2 * (x % 100), 2);
        x /= 100;
    }
    if (x >= 10) {
        memcpy(e - 2, pairs + 2 * x, 2);
    } else {
        e[-1] = (char)('0' + x);
    }
    return o + n;
}

/* Decodes the record at [p] into [rd]'s buffer; returns its end. */
static const unsigned char *decode(const trace_t *t, const unsigned char *p,
                                   reader_t *rd)
{
    const tmpl_t *tp = t->tmpls[get_varint(&p)];
    size_t need = tp->len + MAX_RUN * tp->nph + 1;
    if (need > rd->cap) {
        rd->cap = need < 256 ? 256 : need;
        free(rd->buf);
        rd->buf = xrealloc(NULL, rd->cap);
    }
    char *o = rd->buf;
    const char *lit = tmpl_lit(tp);
    size_t done = 0;
    for (size_t k = 0; k < tp->nph; k++) {
        memcpy(o, lit + done, tp->at[k] - done);
        o += tp->at[k] - done;
        done = tp->at[k];
        o = put_value(o, get_varint(&p));
    }
    memcpy(o, lit + done, tp->len - done);
    o += tp->len - done;
    *o = 0;
    rd->len = (size_t)(o - rd->buf);
    return p;
}

/* The record of kept event [i], reached from the nearest known record
 * before it in its group: [c]'s position, event first's record or the
 * group's start, never a dropped event's record. *base gets the group's
 * bytes. */
static const unsigned char *seek(const trace_t *t, const cursor_t *c,
                                 size_t i, const unsigned char **base)
{
    size_t g = group_of(i);
    size_t at, off;
    if (c->next != NONE && c->next <= i && c->next >= t->first &&
        group_of(c->next) == g) {
        at = c->next;
        off = c->off;
    } else if (group_of(t->first) == g) {
        at = t->first;
        off = t->drop_off;
    } else {
        at = g * GROUP;
        off = 0;
    }
    *base = group_bytes(t, g);
    const unsigned char *p = *base + off;
    for (; at < i; at++) {
        const tmpl_t *tp = t->tmpls[get_varint(&p)];
        p = skip_varints(p, tp->nph);
    }
    return p;
}

/* Points [c] at event i + 1, whose record starts at [end] when it is in
 * i's group. */
static void cursor_past(cursor_t *c, size_t i, const unsigned char *end,
                        const unsigned char *base)
{
    c->next = i + 1;
    c->off = group_of(i + 1) == group_of(i) ? (size_t)(end - base) : 0;
}

/* Decodes kept event [i] into [rd]. */
static void read_event(const trace_t *t, reader_t *rd, size_t i)
{
    const unsigned char *base;
    const unsigned char *p = decode(t, seek(t, &rd->at, i, &base), rd);
    rd->last = i;
    cursor_past(&rd->at, i, p, base);
}

/* Drops the oldest kept event, telling the watchers first. */
static void drop_oldest(trace_t *t)
{
    size_t g = group_of(t->first);
    const unsigned char *base = group_bytes(t, g);
    const unsigned char *p = base + t->drop_off;
    const unsigned char *q = p;
    uint32_t idx = (uint32_t)get_varint(&q);
    bool watched = false;
    for (int w = 0; w < TRACE_MAX_WATCHERS; w++) {
        watched |= t->watchers[w].fn != NULL;
    }
    const unsigned char *end;
    if (watched) {
        end = decode(t, p, &t->drop);
        for (int w = 0; w < TRACE_MAX_WATCHERS; w++) {
            if (t->watchers[w].fn) {
                t->watchers[w].fn(t->watchers[w].ctx, t->first, t->drop.buf);
            }
        }
    } else {
        end = skip_varints(q, t->tmpls[idx]->nph);
    }
    t->first++;
    t->f.nkept--;
    if (t->first % GROUP == 0) {
        // Its last event is gone; a full group is sealed, so it is the
        // front of groups[].
        free(t->groups[t->ghead].bytes);
        t->groups[t->ghead].bytes = NULL;
        t->ghead++;
        t->ngroups--;
        t->gbase++;
        t->drop_off = 0;
    } else {
        t->drop_off = (size_t)(end - base);
    }
    if (--t->use[idx].refs == 0) {
        release_tmpl(t, idx);
    }
}

/* ==== The recorder ======================================================= */

trace_t *trace_new(void)
{
    trace_t *t = calloc(1, sizeof *t);
    reader_t *rd = calloc(1, sizeof *rd);
    if (!t || !rd) {
        abort();
    }
    *rd = NEW_READER;
    t->rd = rd;
    t->drop = NEW_READER;
    t->tabsize = 256;
    t->table = calloc(t->tabsize, sizeof(uint32_t));
    if (!t->table) {
        abort();
    }
    t->curcap = CUR_MIN;
    t->cur = xrealloc(NULL, t->curcap);
    t->f.wp = t->cur;
    fast_sync(t);
    return t;
}

void trace_free(trace_t *t)
{
    if (!t) {
        return;
    }
    for (uint32_t i = 0; i < t->ntmpls; i++) {
        free(t->tmpls[i]);
    }
    free(t->tmpls);
    free(t->use);
    free(t->free_slots);
    free(t->table);
    for (size_t k = 0; k < t->ngroups; k++) {
        free(t->groups[t->ghead + k].bytes);
    }
    free(t->groups);
    free(t->cur);
    free(t->rd->buf);
    free(t->rd);
    free(t->drop.buf);
    free(t->lit);
    free(t->at);
    free(t->vals);
    free(t->out_tail);
    free(t);
}

void trace_set_limit(trace_t *t, size_t limit)
{
    if (!t || t->f.nkept > 0 || t->first > 0) {
        return;
    }
    t->limit = limit;
    fast_sync(t);
}

void trace_skip(trace_t *t, size_t n)
{
    if (t && t->f.nkept == 0) {
        t->first += n;
        t->gbase = t->first / GROUP;   /* the first group to be sealed */
        fast_sync(t);
    }
}

void trace_watch(trace_t *t, trace_drop_fn fn, void *ctx)
{
    for (int w = 0; t && w < TRACE_MAX_WATCHERS; w++) {
        if (!t->watchers[w].fn) {
            t->watchers[w].fn = fn;
            t->watchers[w].ctx = ctx;
            return;
        }
    }
    fprintf(stderr, "looplab: internal error: too many trace watchers\n");
    abort();
}

void trace_unwatch(trace_t *t, trace_drop_fn fn, void *ctx)
{
    for (int w = 0; t && w < TRACE_MAX_WATCHERS; w++) {
        if (t->watchers[w].fn == fn && t->watchers[w].ctx == ctx) {
            t->watchers[w].fn = NULL;
            t->watchers[w].ctx = NULL;
        }
    }
}

void trace_emit(trace_t *t, const char *kind, const char *text)
{
    if (t) {
        trace_emitn(t, kind, text, text ? strlen(text) : 0);
    }
}

/* ==== Building an event ================================================== */

/* reserve()'s growing, apart so that the check inlines. */
static void grow(trace_t *t, size_t lit, size_t nv)
{
    if (t->blen + lit + 8 > t->litcap) {
        size_t cap = (t->blen + lit + 8) * 2;
        t->litcap = cap < 256 ? 256 : cap;
        t->lit = xrealloc(t->lit, t->litcap);
    }
    if (t->bnv + nv > t->vcap) {
        size_t cap = (t->bnv + nv) * 2;
        t->vcap = cap < 64 ? 64 : cap;
        t->at = xrealloc(t->at, t->vcap * sizeof(size_t));
        t->vals = xrealloc(t->vals, t->vcap * sizeof(uint64_t));
    }
}

/* Room for [lit] more bytes of template text, plus 8 of slack for
 * hash_bytes' last word, and [nv] more values after the event built so
 * far (t->blen bytes, t->bnv values), which stays. */
static inline void reserve(trace_t *t, size_t lit, size_t nv)
{
    if (t->blen + lit + 8 > t->litcap || t->bnv + nv > t->vcap) {
        grow(t, lit, nv);
    }
}

/* Whether the event built so far ends in a placeholder: digits that come
 * next continue its run, as they would in one line split whole. */
static bool ends_in_value(const trace_t *t)
{
    return t->bnv > 0 && t->at[t->bnv - 1] == t->blen;
}

/* Appends [n] bytes of [s], which start with a digit, to an event that
 * ends in a value: the value is taken back and its digits split again
 * with the run that continues them. Only the last value of a run needs
 * it, since a run is cut into values of MAX_RUN digits from its left. */
static void continue_run(trace_t *t, const char *s, size_t n)
{
    size_t run = 0;
    while (run < n && s[run] >= '0' && s[run] <= '9') {
        run++;
    }
    char small[64];
    char *d = run + 20 <= sizeof small ? small : xrealloc(NULL, run + 20);
    char *e = put_value(d, t->vals[--t->bnv]);
    memcpy(e, s, run);
    size_t dn = (size_t)(e - d) + run;
    reserve(t, 2 * (dn + n), dn + n);
    split(t, d, dn, true, &t->blen, &t->bnv);
    split(t, s + run, n - run, true, &t->blen, &t->bnv);
    if (d != small) {
        free(d);
    }
}

void trace_begin(trace_t *t, const char *kind)
{
    t->blen = t->bnv = 0;
    trace_plain(t, kind, strlen(kind));
}

void trace_text(trace_t *t, const char *s, size_t n)
{
    if (n && ends_in_value(t) && s[0] >= '0' && s[0] <= '9') {
        continue_run(t, s, n);
        return;
    }
    reserve(t, 2 * n, n);
    split(t, s, n, true, &t->blen, &t->bnv);
}

void trace_plain(trace_t *t, const char *s, size_t n)
{
    reserve(t, n, 0);
    memcpy(t->lit + t->blen, s, n);
    t->blen += n;
}

void trace_uint(trace_t *t, uint64_t v)
{
    if (v >= 1000000000000000ull || ends_in_value(t)) {
        // More than MAX_RUN digits, or the end of a run: as text.
        char d[24];
        size_t k = sizeof d;
        do {
            d[--k] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        trace_text(t, d + k, sizeof d - k);
        return;
    }
    reserve(t, 0, 1);
    t->at[t->bnv] = t->blen;
    t->vals[t->bnv++] = v << 1;
}

void trace_int(trace_t *t, int64_t v)
{
    if (v < 0) {
        trace_plain(t, "-", 1);
    }
    trace_uint(t, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

void trace_end(trace_t *t)
{
    // Interned (and referenced) before the oldest event goes, so that a
    // template the two share is not freed and made again.
    uint32_t idx = intern(t, t->blen, t->bnv);
    if (t->limit && t->f.nkept == t->limit) {
        drop_oldest(t);
    }
    append_record(t, idx, t->bnv);
    if (t->litcap > SCRATCH_KEEP || t->vcap > SCRATCH_KEEP) {
        free(t->lit);
        free(t->at);
        free(t->vals);
        t->lit = NULL;
        t->at = NULL;
        t->vals = NULL;
        t->litcap = t->vcap = 0;
    }
}

uint32_t trace_end_keep(trace_t *t)
{
    uint32_t idx = intern(t, t->blen, t->bnv);
    t->use[idx].refs++;   /* the caller's */
    if (t->limit && t->f.nkept == t->limit) {
        drop_oldest(t);
    }
    append_record(t, idx, t->bnv);
    return idx;
}

void trace_emit_kept_slow(trace_t *t, uint32_t tmpl, const uint64_t *vals,
                          size_t n, int shift)
{
    if (n != t->use[tmpl].nph) {
        fprintf(stderr, "looplab: trace_emit_kept: %zu values for %zu "
                "places\n", n, t->use[tmpl].nph);
        abort();
    }
    t->use[tmpl].refs++;
    if (t->limit && t->f.nkept == t->limit) {
        drop_oldest(t);
    }
    append_numbers(t, tmpl, vals, n, shift);
}

void trace_keep(trace_t *t, uint32_t tmpl)
{
    t->use[tmpl].refs++;
}

void trace_unkeep(trace_t *t, uint32_t tmpl)
{
    if (--t->use[tmpl].refs == 0 && t->limit) {
        release_tmpl(t, tmpl);
    }
}

void trace_emitn(trace_t *t, const char *kind, const char *text, size_t tl)
{
    if (!t) {
        return;
    }
    // A kind read from a file may hold anything: scanned, unlike
    // trace_begin's.
    size_t kl = strlen(kind);
    t->blen = t->bnv = 0;
    reserve(t, 2 * kl, kl);
    split(t, kind, kl, false, &t->blen, &t->bnv);
    if (text) {
        trace_plain(t, " ", 1);
        trace_text(t, text, tl);
    }
    trace_end(t);
}

void trace_emitf(trace_t *t, const char *kind, const char *fmt, ...)
{
    if (!t) {
        return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf) {
        char *big = xrealloc(NULL, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        trace_emit(t, kind, big);
        free(big);
        return;
    }
    trace_emit(t, kind, buf);
}

static void tail_put(trace_t *t, const char *s, size_t n)
{
    if (t->out_len + n + 1 > t->out_cap) {
        t->out_cap = (t->out_len + n + 1) * 2;
        t->out_tail = xrealloc(t->out_tail, t->out_cap);
    }
    memcpy(t->out_tail + t->out_len, s, n);
    t->out_len += n;
    t->out_tail[t->out_len] = 0;
}

void trace_stdout(trace_t *t, const char *s, size_t n)
{
    if (!t) {
        return;
    }
    while (n > 0) {
        const char *nl = memchr(s, '\n', n);
        if (!nl) {
            tail_put(t, s, n);
            return;
        }
        tail_put(t, s, (size_t)(nl - s));
        trace_emit(t, "out", t->out_len ? t->out_tail : "");
        t->out_len = 0;
        n -= (size_t)(nl - s) + 1;
        s = nl + 1;
    }
}

void trace_flush_out(trace_t *t)
{
    if (t && t->out_len) {
        trace_emit(t, "out", t->out_tail);
        t->out_len = 0;
    }
}

size_t trace_count(const trace_t *t)
{
    return t ? t->first + t->f.nkept : 0;
}

size_t trace_first(const trace_t *t)
{
    return t ? t->first : 0;
}

/* Aborts unless event [i] is kept: asking for another is a caller's
 * bug. */
static void check_kept(const trace_t *t, size_t i)
{
    if (i < t->first || i - t->first >= t->f.nkept) {
        fprintf(stderr, "looplab: internal error: trace event %zu of %zu "
                "(kept from %zu)\n", i, t->first + t->f.nkept, t->first);
        abort();
    }
}

const char *trace_line(const trace_t *t, size_t i)
{
    check_kept(t, i);
    // An event's text never changes, so the buffer still holding it is
    // the answer (the views ask for the current event several times).
    if (t->rd->last != i) {
        read_event(t, t->rd, i);
    }
    return t->rd->buf;
}

bool trace_starts_with(const trace_t *t, size_t i, const char *prefix)
{
    check_kept(t, i);
    // Only the record's template is read: the text up to its first
    // number is the template's literal.
    const unsigned char *base;
    const unsigned char *p = seek(t, &t->rd->tmpl, i, &base);
    const tmpl_t *tp = t->tmpls[get_varint(&p)];
    cursor_past(&t->rd->tmpl, i, skip_varints(p, tp->nph), base);
    size_t n = strlen(prefix);
    if (tp->nph && tp->at[0] < n) {
        // A number falls inside the prefix: decode the line, into a
        // reader of its own.
        reader_t tmp = NEW_READER;
        read_event(t, &tmp, i);
        bool same = strncmp(tmp.buf, prefix, n) == 0;
        free(tmp.buf);
        return same;
    }
    return tp->len >= n && memcmp(tmpl_lit(tp), prefix, n) == 0;
}

int trace_write(const trace_t *t, const char *path)
{
    size_t plen = strlen(path);
    char *tmp = xrealloc(NULL, plen + 32);
    snprintf(tmp, plen + 32, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    fputs("# looplab-trace 1\n", f);
    if (t->first) {
        fprintf(f, "# dropped %zu earlier events (--trace-limit)\n",
                t->first);
    }
    // A reader of its own, so that trace_line's buffer stays as it was.
    reader_t rd = NEW_READER;
    for (size_t i = t->first; i < t->first + t->f.nkept; i++) {
        read_event(t, &rd, i);
        rd.buf[rd.len] = '\n';
        fwrite(rd.buf, 1, rd.len + 1, f);
    }
    free(rd.buf);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        int e = errno ? errno : EIO;
        unlink(tmp);
        free(tmp);
        errno = e;
        return -1;
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        errno = e;
        return -1;
    }
    free(tmp);
    return 0;
}

void trace_stats(const trace_t *t, trace_stats_t *out)
{
    memset(out, 0, sizeof *out);
    size_t heap = sizeof *t + sizeof *t->rd;
    for (uint32_t i = 0; i < t->ntmpls; i++) {
        if (t->tmpls[i]) {
            out->templates++;
            size_t b = t->tmpls[i]->nph * sizeof(size_t) + t->tmpls[i]->len;
            out->template_bytes += b;
            heap += sizeof(tmpl_t) + b;
        }
    }
    for (size_t k = 0; k < t->ngroups; k++) {
        out->record_bytes += t->groups[t->ghead + k].len;
    }
    out->groups = t->ngroups + (cur_len(t) > 0);
    heap += out->record_bytes;
    out->record_bytes += cur_len(t);
    heap += t->captmpls * (sizeof(tmpl_t *) + sizeof(trace_use_t)) +
            t->capfree * sizeof(uint32_t) +
            t->tabsize * sizeof(uint32_t) + t->capgroups * sizeof(group_t) +
            t->curcap + t->rd->cap + t->drop.cap + t->litcap +
            t->vcap * (sizeof(size_t) + sizeof(uint64_t)) + t->out_cap;
    out->heap_bytes = heap;
}
