/*
 * trace.c - the trace recorder: interned lines, fixed-size events.
 *
 * Invariant: lines[] holds each distinct event text once (an open-address
 * hash table maps text to its index); events[] holds one 4-byte index per
 * kept event, oldest first from events[head], as a ring once a limit is
 * reached. Memory therefore grows with distinct lines plus four bytes per
 * event. With a limit (--trace-limit) each line counts the kept events
 * that use it, and a line no kept event uses is freed (its slot reused,
 * its table entry a tombstone), so memory stays bounded however long the
 * program runs.
 */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOMBSTONE UINT32_MAX

typedef struct watcher {
    trace_drop_fn fn;
    void *ctx;
} watcher_t;

struct trace {
    char **lines;          /* NULL for a freed slot */
    uint32_t *refs;        /* kept events per line (with a limit only) */
    uint32_t nlines, caplines;
    uint32_t *free_slots;  /* freed line indices, for reuse */
    uint32_t nfree, capfree;
    uint32_t *table;       /* hash -> line index + 1, 0 empty, TOMBSTONE */
    uint32_t tabsize, ntomb;
    trace_event_t *events;
    size_t nkept, capevents, head;
    size_t first;          /* events dropped before events[head] */
    size_t limit;          /* 0: keep all */
    watcher_t watchers[TRACE_MAX_WATCHERS];
    char *out_tail;        /* stdout text after the last newline */
    size_t out_len, out_cap;
};

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "looplab: out of memory (trace)\n");
        abort();
    }
    return q;
}

trace_t *trace_new(void)
{
    trace_t *t = calloc(1, sizeof *t);
    if (!t) {
        abort();
    }
    t->tabsize = 1024;
    t->table = calloc(t->tabsize, sizeof(uint32_t));
    return t;
}

void trace_free(trace_t *t)
{
    if (!t) {
        return;
    }
    for (uint32_t i = 0; i < t->nlines; i++) {
        free(t->lines[i]);
    }
    free(t->lines);
    free(t->refs);
    free(t->free_slots);
    free(t->table);
    free(t->events);
    free(t->out_tail);
    free(t);
}

/* Rebuilds the table at [size] entries, dropping tombstones. */
static void rebuild_table(trace_t *t, uint32_t size)
{
    uint32_t *tab = calloc(size, sizeof(uint32_t));
    if (!tab) {
        fprintf(stderr, "looplab: out of memory (trace)\n");
        abort();
    }
    for (uint32_t i = 0; i < t->nlines; i++) {
        if (!t->lines[i]) {
            continue;
        }
        uint32_t h = hash_str(t->lines[i]) & (size - 1);
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

static uint32_t intern(trace_t *t, const char *s)
{
    uint32_t live = t->nlines - t->nfree;
    if ((live + 1) * 2 > t->tabsize) {
        rebuild_table(t, t->tabsize * 2);
    } else if ((live + t->ntomb + 1) * 4 > t->tabsize * 3) {
        rebuild_table(t, t->tabsize);
    }
    uint32_t h = hash_str(s) & (t->tabsize - 1);
    uint32_t slot = UINT32_MAX;   /* the first tombstone on the way */
    while (t->table[h]) {
        uint32_t e = t->table[h];
        if (e == TOMBSTONE) {
            if (slot == UINT32_MAX) {
                slot = h;
            }
        } else if (strcmp(t->lines[e - 1], s) == 0) {
            return e - 1;
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
        if (t->nlines == t->caplines) {
            t->caplines = t->caplines ? t->caplines * 2 : 256;
            t->lines = xrealloc(t->lines, t->caplines * sizeof(char *));
            if (t->limit) {
                t->refs = xrealloc(t->refs, t->caplines * sizeof(uint32_t));
            }
        }
        idx = t->nlines++;
    }
    t->lines[idx] = strdup(s);
    if (!t->lines[idx]) {
        fprintf(stderr, "looplab: out of memory (trace)\n");
        abort();
    }
    if (t->limit) {
        t->refs[idx] = 0;
    }
    t->table[h] = idx + 1;
    return idx;
}

/* Frees line [idx], which no kept event uses any more. */
static void release_line(trace_t *t, uint32_t idx)
{
    uint32_t h = hash_str(t->lines[idx]) & (t->tabsize - 1);
    while (t->table[h] != idx + 1) {
        h = (h + 1) & (t->tabsize - 1);
    }
    t->table[h] = TOMBSTONE;
    t->ntomb++;
    free(t->lines[idx]);
    t->lines[idx] = NULL;
    if (t->nfree == t->capfree) {
        t->capfree = t->capfree ? t->capfree * 2 : 256;
        t->free_slots = xrealloc(t->free_slots,
                                 t->capfree * sizeof(uint32_t));
    }
    t->free_slots[t->nfree++] = idx;
}

/* Drops the oldest kept event, telling the watchers first. */
static void drop_oldest(trace_t *t)
{
    uint32_t idx = t->events[t->head].line;
    for (int w = 0; w < TRACE_MAX_WATCHERS; w++) {
        if (t->watchers[w].fn) {
            t->watchers[w].fn(t->watchers[w].ctx, t->first, t->lines[idx]);
        }
    }
    t->head = (t->head + 1) % t->capevents;
    t->nkept--;
    t->first++;
    if (--t->refs[idx] == 0) {
        release_line(t, idx);
    }
}

/* Appends event [idx]; with a limit, the oldest goes once it is reached. */
static void append_event(trace_t *t, uint32_t idx)
{
    if (t->limit) {
        t->refs[idx]++;
        if (t->nkept == t->limit) {
            drop_oldest(t);
        }
    }
    if (t->nkept == t->capevents) {
        // Only grows while nothing was dropped, so head is 0 here.
        size_t cap = t->capevents ? t->capevents * 2 : 1024;
        if (t->limit && cap > t->limit) {
            cap = t->limit;
        }
        t->capevents = cap;
        t->events = xrealloc(t->events, cap * sizeof(trace_event_t));
    }
    t->events[(t->head + t->nkept) % t->capevents].line = idx;
    t->nkept++;
}

void trace_set_limit(trace_t *t, size_t limit)
{
    if (!t || t->nkept > 0 || t->first > 0) {
        return;
    }
    t->limit = limit;
    if (limit) {
        t->refs = xrealloc(t->refs, (t->caplines ? t->caplines : 1) *
                                        sizeof(uint32_t));
        for (uint32_t i = 0; i < t->nlines; i++) {
            t->refs[i] = 0;
        }
    }
}

void trace_skip(trace_t *t, size_t n)
{
    if (t && t->nkept == 0) {
        t->first += n;
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
    if (!t) {
        return;
    }
    size_t kl = strlen(kind), tl = text ? strlen(text) : 0;
    char small[512];
    size_t need = kl + 1 + 2 * tl + 1;
    char *buf = need <= sizeof small ? small : malloc(need);
    memcpy(buf, kind, kl);
    size_t n = kl;
    if (text) {
        buf[n++] = ' ';
        for (size_t i = 0; i < tl; i++) {
            char c = text[i];
            if (c == '\n') {
                buf[n++] = '\\';
                buf[n++] = 'n';
            } else if (c == '\r') {
                buf[n++] = '\\';
                buf[n++] = 'r';
            } else {
                buf[n++] = c;
            }
        }
    }
    buf[n] = 0;
    uint32_t idx = intern(t, buf);
    if (buf != small) {
        free(buf);
    }
    append_event(t, idx);
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
        char *big = malloc((size_t)n + 1);
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
    return t ? t->first + t->nkept : 0;
}

size_t trace_first(const trace_t *t)
{
    return t ? t->first : 0;
}

const char *trace_line(const trace_t *t, size_t i)
{
    if (i < t->first || i - t->first >= t->nkept) {
        fprintf(stderr, "looplab: internal error: trace event %zu of %zu "
                "(kept from %zu)\n", i, t->first + t->nkept, t->first);
        abort();
    }
    size_t k = t->head + (i - t->first);
    if (k >= t->capevents) {
        k -= t->capevents;
    }
    return t->lines[t->events[k].line];
}

int trace_write(const trace_t *t, const char *path)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
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
    for (size_t i = t->first; i < t->first + t->nkept; i++) {
        fputs(trace_line(t, i), f);
        fputc('\n', f);
    }
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
