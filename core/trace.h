/*
 * trace.h - the trace recorder (../shared/TRACE.md, version 1).
 *
 * Every event the engine reports is one line "kind fields...". In memory
 * a line is split into a template (its text with each run of digits
 * replaced by a placeholder), interned once, and the numbers, so a long
 * run costs a few bytes an event even when every line is different; the
 * views fold over the events and `looplab run --trace-out FILE` writes
 * them out byte for byte as they were emitted.
 */
#ifndef LOOPLAB_CORE_TRACE_H
#define LOOPLAB_CORE_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct trace trace_t;

trace_t *trace_new(void);
void trace_free(trace_t *t);
/* Appends the event "[kind] [text]" (text may be NULL: then the line is
 * [kind] alone, without the space). Newlines and carriage returns inside
 * [text] are escaped as \n and \r (TRACE.md). Both are copied. */
void trace_emit(trace_t *t, const char *kind, const char *text);
/* trace_emit with the length of [text] known (text[len] need not be 0). */
void trace_emitn(trace_t *t, const char *kind, const char *text,
                 size_t len);
/* One event built from parts, for the engine's busiest lines: the event
 * reads, and is stored, exactly as trace_emitn of the parts joined
 * would be ("kind" then the parts, so the first part usually starts with
 * the space), but a number given as a number is neither printed nor
 * scanned back, and trace_plain text is copied without a scan. Nothing
 * else may be recorded on [t] between trace_begin and trace_end. [kind]
 * is copied as trace_plain text: a word of the engine's. */
void trace_begin(trace_t *t, const char *kind);
/* Any text: escaped and scanned for numbers as trace_emitn's is. */
void trace_text(trace_t *t, const char *s, size_t n);
/* Text the caller knows holds no ASCII digit, newline or carriage
 * return (a literal in the engine's source). */
void trace_plain(trace_t *t, const char *s, size_t n);
/* A number as its decimal digits ("-" first for a negative one). */
void trace_uint(trace_t *t, uint64_t v);
void trace_int(trace_t *t, int64_t v);
void trace_end(trace_t *t);
/* trace_end, and the index of the event's template, which stays
 * interned until trace_unkeep gives that reference back. Meanwhile
 * trace_emit_kept(t, tmpl, vals, n) records the event of that template
 * whose numbers are vals[0..n) (n its number of places, each value below
 * 10**15): for a caller that knows its next event reads as the kept one
 * but for those numbers. */
uint32_t trace_end_keep(trace_t *t);
static inline void trace_emit_kept(trace_t *t, uint32_t tmpl,
                                   const uint64_t *vals, size_t n);
void trace_unkeep(trace_t *t, uint32_t tmpl);
/* Takes one more reference to kept template [tmpl], given back with
 * trace_unkeep like trace_end_keep's. */
void trace_keep(trace_t *t, uint32_t tmpl);
/* trace_emit_kept with the record's own values: a number v is v << 1,
 * and a run of digits (leading zeros kept) is what trace_digit_values
 * makes of it, as many values as the template has places for it. */
static inline void trace_emit_kept_values(trace_t *t, uint32_t tmpl,
                                          const uint64_t *vals, size_t n);
/* The record values of the digit run s[0, n) (ASCII digits only), into
 * vals: one per 15 digits from the left; returns how many. */
size_t trace_digit_values(const char *s, size_t n, uint64_t *vals);
/* The same for the run that is [x] written with [n] digits, zero-padded
 * on the left (x < 10**n, n at most 19): no text needed. */
size_t trace_number_values(uint64_t x, size_t n, uint64_t *vals);
/* printf-style convenience over trace_emit. */
void trace_emitf(trace_t *t, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Feeds bytes written to stdout; complete lines become "out" events. */
void trace_stdout(trace_t *t, const char *s, size_t n);
/* Emits the pending unterminated stdout line, if any. */
void trace_flush_out(trace_t *t);
/* Events recorded so far, dropped ones included: event numbers never
 * change when older events are dropped. */
size_t trace_count(const trace_t *t);
/* The number of the oldest event still kept (0 unless a limit dropped
 * some): trace_line works for first <= i < trace_count. */
size_t trace_first(const trace_t *t);
/* The text of event [i] (kind and fields), NUL-terminated, decoded into
 * a buffer that [t] owns. Borrowed: valid until the next trace_line call
 * on the same trace or trace_free; recording more events (and dropping
 * old ones) leaves it alone. A caller that needs several lines at once
 * copies them. Reading i, i+1, ... costs O(1) an event; any other order
 * at most a few dozen records skipped. [t] is const for its events only:
 * the call moves a read cursor that [t] keeps. */
const char *trace_line(const trace_t *t, size_t i);
/* Whether kept event [i]'s text starts with [prefix] (a kind and its
 * space, say "out "): read from the event's template alone, without
 * decoding the line, and leaving trace_line's buffer alone. */
bool trace_starts_with(const trace_t *t, size_t i, const char *prefix);

/* --trace-limit: keep only the newest [limit] events (0: all, the
 * default), so that a run of hours cannot exhaust memory. Templates no
 * kept event uses, and the records of dropped events, are freed. Set it
 * before the first event. */
void trace_set_limit(trace_t *t, size_t limit);
/* Marks the first [n] events as dropped before any is recorded (a trace
 * loaded from a file that was itself cut by a limit). */
void trace_skip(trace_t *t, size_t n);
/* Called with each event just before it is dropped, so that a fold can
 * take in events it had not seen yet. [line] is borrowed for the call
 * only (it is not trace_line's buffer, which the drop leaves alone). A
 * watcher may read the trace but must not record into it (the drop
 * happens inside trace_emit). At most TRACE_MAX_WATCHERS. */
typedef void (*trace_drop_fn)(void *ctx, size_t i, const char *line);
#define TRACE_MAX_WATCHERS 4
void trace_watch(trace_t *t, trace_drop_fn fn, void *ctx);
void trace_unwatch(trace_t *t, trace_drop_fn fn, void *ctx);
/* Writes the whole trace, header first, to [path] through a temporary
 * file renamed into place, so a crash never leaves half a trace. When a
 * limit dropped events, a second comment line says how many
 * ("# dropped N earlier events (--trace-limit)"). Does not disturb
 * trace_line's buffer. Returns 0, or -1 with errno set. */
int trace_write(const trace_t *t, const char *path);

/* What the recorder holds now, for tests and benchmarks. */
typedef struct trace_stats {
    size_t templates;      /* live interned templates */
    size_t template_bytes; /* their text and placeholder offsets */
    size_t groups;         /* live groups of event records */
    size_t record_bytes;   /* the kept groups' record bytes */
    size_t heap_bytes;     /* every byte the recorder malloc'd and still
                              holds, as requested (no malloc overhead) */
} trace_stats_t;
/* Fills [out] with [t]'s figures. */
void trace_stats(const trace_t *t, trace_stats_t *out);

/* ==== The inline path of trace_emit_kept =================================
 *
 * A kept event is most of what the engine records (a million call_soon
 * callbacks are two million of them), and its record is a few varints:
 * the call, the spills and the checks of an out-of-line append were
 * about half of its ~90 instructions. So the append is inline, over the
 * part of the recorder it writes, which is public for that alone and
 * which only trace.c and the functions below touch. Invariants (trace.c
 * keeps them after everything else it does):
 * - wp is where the next record goes in the group being filled, and
 *   wend is TRACE_FAST_ROOM bytes before that buffer's end: a record
 *   written from below wend fits.
 * - left is the number of events the group being filled can still take;
 *   0 under a --trace-limit, which only the out-of-line path handles.
 *   The inline path never takes a group's last event (the group is
 *   sealed then).
 * - A record is written with the values its template has places for,
 *   which the inline path takes on trust (trace.c checks out of line). */

#define TRACE_FAST_VALUES 6          /* the most values written inline */
#define TRACE_FAST_ROOM (5 + 10 * (TRACE_FAST_VALUES))
/* The bytes trace_emit_kept_copy and trace_emit_kept_bytes copy. */
#define TRACE_BYTES_COPY 8
_Static_assert(TRACE_FAST_ROOM >= 5 + TRACE_BYTES_COPY,
               "a template's varint and the copy fit below wend");

/* The first member of every trace. */
typedef struct trace_fast {
    unsigned char *wp, *wend;
    size_t left;
    size_t nkept;           /* events kept (trace_count less trace_first) */
} trace_fast_t;

/* LEB128 of [v] at [p]; returns its length (at most 10). Up to three
 * bytes straight: most values of most events (template indices, ids
 * and counts below a million) are below 2**21, and the loop costs three
 * times the instructions. */
static inline __attribute__((always_inline)) size_t
trace_put_varint(unsigned char *p, uint64_t v)
{
    if (v < 0x80) {
        p[0] = (unsigned char)v;
        return 1;
    }
    if (v < 0x4000) {
        p[0] = (unsigned char)(v | 0x80);
        p[1] = (unsigned char)(v >> 7);
        return 2;
    }
    if (v < 0x200000) {
        p[0] = (unsigned char)(v | 0x80);
        p[1] = (unsigned char)(v >> 7 | 0x80);
        p[2] = (unsigned char)(v >> 14);
        return 3;
    }
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (unsigned char)v;
    return n;
}

/* The out-of-line path: any event of a kept template, the group's last
 * event, a limit, a full buffer, and the check of [n]. */
void trace_emit_kept_slow(trace_t *t, uint32_t tmpl, const uint64_t *vals,
                          size_t n, int shift);

/* Whether the inline path takes a record (the invariants above; the
 * group's last event and a limit go out of line), and its bookkeeping
 * once the record ends at [p]. The template's counts are not touched:
 * the inline path runs without a limit alone, where nothing is dropped
 * and references do not count (a line less per event). Nor is the count
 * of values checked against the template's: a mismatch is the caller's
 * bug, which only records that go out of line catch. */
static inline __attribute__((always_inline)) bool
trace_fast_takes(const trace_fast_t *f)
{
    return f->left > 1 && f->wp < f->wend;
}

static inline __attribute__((always_inline)) void
trace_fast_done(trace_fast_t *f, unsigned char *p)
{
    f->wp = p;
    f->left--;
    f->nkept++;
}

/* The inline path itself: the values from vals[skip] on written from
 * [v], whose first TRACE_BYTES_COPY bytes go to [copy] when it is not
 * NULL; returns their length, or (size_t)-1 when the record went the
 * out-of-line way. Constant arguments fold away what a caller does not
 * use. */
static inline __attribute__((always_inline)) size_t
trace_put_kept(trace_t *t, uint32_t tmpl, const uint64_t *vals, size_t n,
               int shift, size_t skip, unsigned char *copy)
{
    trace_fast_t *f = (trace_fast_t *)t;
    if (trace_fast_takes(f) && n <= TRACE_FAST_VALUES) {
        unsigned char *p = f->wp;
        p += trace_put_varint(p, tmpl);
        for (size_t k = 0; k < skip; k++) {
            p += trace_put_varint(p, vals[k] << shift);
        }
        unsigned char *v = p;
        for (size_t k = skip; k < n; k++) {
            p += trace_put_varint(p, vals[k] << shift);
        }
        if (copy) {
            memcpy(copy, v, TRACE_BYTES_COPY);
        }
        trace_fast_done(f, p);
        return (size_t)(p - v);
    }
    trace_emit_kept_slow(t, tmpl, vals, n, shift);
    return (size_t)-1;
}

static inline __attribute__((always_inline)) void
trace_emit_kept(trace_t *t, uint32_t tmpl,
                                   const uint64_t *vals, size_t n)
{
    trace_put_kept(t, tmpl, vals, n, 1, 0, NULL);
}

static inline __attribute__((always_inline)) void
trace_emit_kept_values(trace_t *t, uint32_t tmpl,
                                          const uint64_t *vals, size_t n)
{
    trace_put_kept(t, tmpl, vals, n, 0, 0, NULL);
}

/* trace_emit_kept_values that also copies the first TRACE_BYTES_COPY
 * bytes of the varints of values [skip, n) to [copy] when it writes the
 * record inline, and returns how many bytes those values took;
 * (size_t)-1, with [copy] untouched, when the record went the
 * out-of-line way. The bytes past the values' are whatever follows in
 * the group's room. */
static inline __attribute__((always_inline)) size_t
trace_emit_kept_copy(trace_t *t, uint32_t tmpl, const uint64_t *vals,
                     size_t n, size_t skip, unsigned char *copy)
{
    return trace_put_kept(t, tmpl, vals, n, 0, skip, copy);
}

/* A record's values already written as varints (trace_put_varint of each
 * value, shift 0): [len] bytes of [bytes], which holds
 * TRACE_BYTES_COPY bytes in all (the copy takes them all; those past
 * [len] land in the group's free room and are written over), as many
 * values as [tmpl] has places. A handle's "run" line keeps its
 * "schedule" line's values so (aio_handle_t's line). Returns false,
 * having recorded nothing, when the inline path cannot take it; the
 * caller then records the values. */
static inline __attribute__((always_inline)) bool
trace_emit_kept_bytes(trace_t *t, uint32_t tmpl, const unsigned char *bytes,
                      size_t len)
{
    trace_fast_t *f = (trace_fast_t *)t;
    if (trace_fast_takes(f)) {
        unsigned char *p = f->wp;
        p += trace_put_varint(p, tmpl);
        memcpy(p, bytes, TRACE_BYTES_COPY);
        trace_fast_done(f, p + len);
        return true;
    }
    return false;
}

#endif
