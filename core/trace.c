/*
 * trace.c - the trace recorder: interned lines, fixed-size events.
 *
 * Invariant: lines[] holds each distinct event text once (an open-address
 * hash table maps text to its index); events[] holds one 4-byte index per
 * event, in order. Memory therefore grows with distinct lines plus four
 * bytes per event.
 */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct trace {
    char **lines;
    uint32_t nlines, caplines;
    uint32_t *table;       /* hash -> line index + 1, 0 empty */
    uint32_t tabsize;
    trace_event_t *events;
    size_t nevents, capevents;
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
    free(t->table);
    free(t->events);
    free(t->out_tail);
    free(t);
}

static void grow_table(trace_t *t)
{
    uint32_t size = t->tabsize * 2;
    uint32_t *tab = calloc(size, sizeof(uint32_t));
    for (uint32_t i = 0; i < t->nlines; i++) {
        uint32_t h = hash_str(t->lines[i]) & (size - 1);
        while (tab[h]) {
            h = (h + 1) & (size - 1);
        }
        tab[h] = i + 1;
    }
    free(t->table);
    t->table = tab;
    t->tabsize = size;
}

static uint32_t intern(trace_t *t, const char *s)
{
    if ((t->nlines + 1) * 2 > t->tabsize) {
        grow_table(t);
    }
    uint32_t h = hash_str(s) & (t->tabsize - 1);
    while (t->table[h]) {
        uint32_t i = t->table[h] - 1;
        if (strcmp(t->lines[i], s) == 0) {
            return i;
        }
        h = (h + 1) & (t->tabsize - 1);
    }
    if (t->nlines == t->caplines) {
        t->caplines = t->caplines ? t->caplines * 2 : 256;
        t->lines = xrealloc(t->lines, t->caplines * sizeof(char *));
    }
    t->lines[t->nlines] = strdup(s);
    t->table[h] = t->nlines + 1;
    return t->nlines++;
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
    if (t->nevents == t->capevents) {
        t->capevents = t->capevents ? t->capevents * 2 : 1024;
        t->events = xrealloc(t->events, t->capevents * sizeof(trace_event_t));
    }
    t->events[t->nevents++].line = idx;
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
    return t ? t->nevents : 0;
}

const char *trace_line(const trace_t *t, size_t i)
{
    return t->lines[t->events[i].line];
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
    for (size_t i = 0; i < t->nevents; i++) {
        fputs(t->lines[t->events[i].line], f);
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
