/*
 * cast.c - asciicast v2 writer.
 *
 * The format (asciinema's docs, "asciicast v2"): newline-delimited JSON.
 * Line 1 is the header object {"version": 2, "width", "height",
 * "timestamp", "title", "env"}; each further line is an event array
 * [time, code, data] with time in seconds (a float, non-decreasing),
 * code "o" (output written to the terminal) or "m" (a marker, which
 * asciinema's player shows as a chapter), data a JSON string.
 *
 * Output is recorded as a terminal would receive it: the player writes
 * "\n" to a tty whose driver turns it into "\r\n" (onlcr), so a lone
 * "\n" is recorded as "\r\n", or the replay would staircase.
 */
#include "cast.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cast {
    FILE *f;
    struct timespec start;
    double last;       /* time of the last event */
    bool last_cr;      /* the last byte written was '\r' */
    char *pend;        /* output not written yet (coalesced) */
    size_t npend;
    double pend_t;     /* its time */
};

/* Output closer than this to the pending output joins it: the player
 * writes a paragraph a word at a time, and one event per word would make
 * recordings large for nothing. Typing (40 ms a key) stays per key. */
#define CAST_COALESCE 0.005

/* Length of the valid UTF-8 sequence at [s] (at most [n] bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned min;
    if (s[0] < 0x80) {
        return 1;
    } else if ((s[0] & 0xe0) == 0xc0) {
        len = 2;
        min = 0x80;
    } else if ((s[0] & 0xf0) == 0xe0) {
        len = 3;
        min = 0x800;
    } else if ((s[0] & 0xf8) == 0xf0) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    unsigned cp = s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
        return 0;
    }
    return len;
}

void cast_json_string(FILE *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    fputc('"', out);
    for (size_t i = 0; i < len;) {
        unsigned char ch = s[i];
        if (ch == '"' || ch == '\\') {
            fputc('\\', out);
            fputc(ch, out);
            i++;
        } else if (ch == '\n') {
            fputs("\\n", out);
            i++;
        } else if (ch == '\r') {
            fputs("\\r", out);
            i++;
        } else if (ch == '\t') {
            fputs("\\t", out);
            i++;
        } else if (ch < 0x20 || ch == 0x7f) {
            fprintf(out, "\\u%04x", ch);
            i++;
        } else {
            size_t k = utf8_len(s + i, len - i);
            if (k == 0) {
                fputs("\\ufffd", out);
                i++;
            } else {
                fwrite(s + i, 1, k, out);
                i += k;
            }
        }
    }
    fputc('"', out);
}

cast_t *cast_open(const char *path, int width, int height,
                  const char *title, long timestamp)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        return NULL;
    }
    cast_t *c = calloc(1, sizeof *c);
    if (!c) {
        abort();
    }
    c->f = f;
    clock_gettime(CLOCK_MONOTONIC, &c->start);
    fprintf(f, "{\"version\": 2, \"width\": %d, \"height\": %d, "
            "\"timestamp\": %ld, \"title\": ", width, height, timestamp);
    cast_json_string(f, title, strlen(title));
    fputs(", \"env\": {\"TERM\": \"xterm-256color\", \"SHELL\": "
          "\"/bin/sh\"}}\n", f);
    return c;
}

static double elapsed(const cast_t *c)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - c->start.tv_sec) +
           (double)(now.tv_nsec - c->start.tv_nsec) / 1e9;
}

static double event_time(cast_t *c, double t)
{
    if (t < c->last) {
        t = c->last;
    }
    c->last = t;
    return t;
}

static void flush_pending(cast_t *c)
{
    if (c->npend == 0) {
        return;
    }
    fprintf(c->f, "[%.6f, \"o\", ", c->pend_t);
    cast_json_string(c->f, c->pend, c->npend);
    fputs("]\n", c->f);
    c->npend = 0;
}

void cast_output_at(cast_t *c, double t, const char *data, size_t len)
{
    if (!c || len == 0) {
        return;
    }
    // "\n" -> "\r\n" unless the "\r" is already there.
    char *buf = malloc(len * 2 + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        bool prev_cr = i ? data[i - 1] == '\r' : c->last_cr;
        if (data[i] == '\n' && !prev_cr) {
            buf[n++] = '\r';
        }
        buf[n++] = data[i];
    }
    c->last_cr = data[len - 1] == '\r';
    t = event_time(c, t);
    if (c->npend && t - c->pend_t >= CAST_COALESCE) {
        flush_pending(c);
    }
    if (c->npend == 0) {
        c->pend_t = t;
    }
    c->pend = realloc(c->pend, c->npend + n);
    memcpy(c->pend + c->npend, buf, n);
    c->npend += n;
    free(buf);
}

void cast_marker_at(cast_t *c, double t, const char *label)
{
    if (!c) {
        return;
    }
    flush_pending(c);
    fprintf(c->f, "[%.6f, \"m\", ", event_time(c, t));
    cast_json_string(c->f, label, strlen(label));
    fputs("]\n", c->f);
}

void cast_output(cast_t *c, const char *data, size_t len)
{
    if (c) {
        cast_output_at(c, elapsed(c), data, len);
    }
}

void cast_marker(cast_t *c, const char *label)
{
    if (c) {
        cast_marker_at(c, elapsed(c), label);
    }
}

int cast_close(cast_t *c)
{
    if (!c) {
        return 0;
    }
    flush_pending(c);
    free(c->pend);
    int r = 0;
    if (fflush(c->f) != 0 || ferror(c->f)) {
        r = -1;
    }
    int saved = errno;
    if (fclose(c->f) != 0) {
        r = -1;
        saved = errno;
    }
    free(c);
    errno = saved;
    return r;
}
