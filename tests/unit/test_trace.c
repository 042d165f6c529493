/*
 * test_trace.c - cmocka unit tests for core/trace.c, the trace recorder.
 *
 * The recorder stores each line as a template plus its digit runs, in
 * varint records grouped 64 events at a time. The reference here is the
 * simple recorder it replaced: every line kept whole (strdup), escaped
 * as TRACE.md says, and written out one per line. Every test compares
 * the recorder with that reference: lines chosen to break the encoding
 * (leading zeros, runs longer than one value, the same text with its
 * digits in other places, control bytes such as 0x01 and 0x02 that an
 * in-band placeholder would use, UTF-8, lines over 512 bytes and 64 KB),
 * random ones read in every order, and --trace-limit with its drop
 * watchers and bounded memory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

/* ==== The reference recorder ============================================= */

typedef struct ref {
    char **lines;          /* event i is lines[i - skip] */
    size_t n, cap, skip;
} ref_t;

/* "[kind] [text]" with \n and \r escaped, as TRACE.md and the old
 * recorder had it; new. */
static char *ref_line(const char *kind, const char *text)
{
    size_t kl = strlen(kind), tl = text ? strlen(text) : 0;
    char *s = malloc(kl + 2 * tl + 2);
    memcpy(s, kind, kl);
    size_t n = kl;
    if (text) {
        s[n++] = ' ';
        for (size_t i = 0; i < tl; i++) {
            if (text[i] == '\n' || text[i] == '\r') {
                s[n++] = '\\';
                s[n++] = text[i] == '\n' ? 'n' : 'r';
            } else {
                s[n++] = text[i];
            }
        }
    }
    s[n] = 0;
    return s;
}

/* Emits the event into [t] and keeps its expected line in [r]. */
static void emit_both(trace_t *t, ref_t *r, const char *kind,
                      const char *text)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->lines = realloc(r->lines, r->cap * sizeof(char *));
    }
    r->lines[r->n++] = ref_line(kind, text);
    trace_emit(t, kind, text);
}

/* [n] "out x" events into [t] and, through emit_both, [whole] and [r]:
 * under a limit, they push the earlier events out. */
static void emit_outs(trace_t *t, trace_t *whole, ref_t *r, int n)
{
    for (int i = 0; i < n; i++) {
        trace_emit(t, "out", "x");
        emit_both(whole, r, "out", "x");
    }
}

/* The kept template of "[kind] f A<sep>B" in [t], its first event
 * built in parts as the engine builds one, and the same line emitted
 * whole into [whole] and [r]. */
static uint32_t keep_f_line(trace_t *t, trace_t *whole, ref_t *r,
                            const char *kind, uint64_t a, const char *sep,
                            uint64_t b)
{
    trace_begin(t, kind);
    trace_plain(t, " f ", 3);
    trace_uint(t, a);
    trace_plain(t, sep, strlen(sep));
    trace_uint(t, b);
    uint32_t k = trace_end_keep(t);
    char text[64];
    snprintf(text, sizeof text, "f %llu%s%llu", (unsigned long long)a, sep,
             (unsigned long long)b);
    emit_both(whole, r, kind, text);
    return k;
}

static uint32_t keep_schedule(trace_t *t, trace_t *whole, ref_t *r,
                              uint64_t a, const char *sep, uint64_t b)
{
    return keep_f_line(t, whole, r, "schedule", a, sep, b);
}

static const char *ref_at(const ref_t *r, size_t i)
{
    return r->lines[i - r->skip];
}

static void ref_free(ref_t *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->lines[i]);
    }
    free(r->lines);
    memset(r, 0, sizeof *r);
}

/* The file trace_write should give for events [first, count) of [r]. */
static char *ref_file(const ref_t *r, size_t first, size_t *len)
{
    char head[128];
    size_t cap = sizeof head, n = 0;
    char *s = malloc(cap);
    int k = snprintf(head, sizeof head, "# looplab-trace 1\n");
    if (first) {
        k += snprintf(head + k, sizeof head - (size_t)k,
                      "# dropped %zu earlier events (--trace-limit)\n",
                      first);
    }
    memcpy(s, head, (size_t)k);
    n = (size_t)k;
    for (size_t i = first; i < r->skip + r->n; i++) {
        const char *l = ref_at(r, i);
        size_t ll = strlen(l);
        if (n + ll + 1 > cap) {
            cap = (n + ll + 1) * 2;
            s = realloc(s, cap);
        }
        memcpy(s + n, l, ll);
        s[n + ll] = '\n';
        n += ll + 1;
    }
    *len = n;
    return s;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    s[n] = 0;
    *len = (size_t)n;
    return s;
}

/* trace_write's file equals the reference's, byte for byte. */
static void expect_same_file(const trace_t *t, const ref_t *r)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_trace.%ld", (long)getpid());
    assert_int_equal(trace_write(t, path), 0);
    size_t got_len, want_len;
    char *got = read_file(path, &got_len);
    char *want = ref_file(r, trace_first(t), &want_len);
    unlink(path);
    assert_int_equal(got_len, want_len);
    assert_memory_equal(got, want, want_len);
    free(got);
    free(want);
}

/* Every kept event reads back as the reference's line, in order. */
static void expect_same_lines(const trace_t *t, const ref_t *r)
{
    assert_int_equal(trace_count(t), r->skip + r->n);
    for (size_t i = trace_first(t); i < trace_count(t); i++) {
        const char *got = trace_line(t, i);
        if (strcmp(got, ref_at(r, i)) != 0) {
            fail_msg("event %zu: got '%.80s' (%zu bytes), want '%.80s' "
                     "(%zu bytes)", i, got, strlen(got), ref_at(r, i),
                     strlen(ref_at(r, i)));
        }
    }
}

/* ==== Random lines ======================================================= */

#include "test_rng.h"

/* Appends one random piece to [s] (at *n, room for [cap]). */
static void piece(char *s, size_t *n, size_t cap)
{
    static const char *const words[] = {
        "run", "main.<locals>.step", "Future-", "Task-", ".__step", " ",
        "schedule", "0.", "é", "日本", "\x01", "\x02", "\x01\x02\x01",
        "\t", "\x1b[31m", "\x7f", "\n", "\r", "-", "#", "\\", "\xff",
    };
    size_t k = *n;
    switch (rnd() % 4) {
    case 0:
    case 1: {
        const char *w = words[rnd() % (sizeof words / sizeof words[0])];
        size_t wl = strlen(w);
        if (k + wl < cap) {
            memcpy(s + k, w, wl);
            k += wl;
        }
        break;
    }
    case 2: {
        // A digit run: short mostly, with leading zeros at times, and
        // now and then longer than one stored value.
        size_t len = rnd() % 8 == 0 ? 1 + rnd() % 40 : 1 + rnd() % 6;
        bool zeros = rnd() % 3 == 0;
        for (size_t i = 0; i < len && k + 1 < cap; i++) {
            s[k++] = zeros && i < len / 2 ? '0' : (char)('0' + rnd() % 10);
        }
        break;
    }
    default:
        if (k + 1 < cap) {
            s[k++] = (char)('a' + rnd() % 26);
        }
        break;
    }
    *n = k;
}

/* A random text of up to [cap] - 1 bytes into [s]. */
static void random_text(char *s, size_t cap)
{
    size_t n = 0, pieces = rnd() % 9;
    for (size_t i = 0; i < pieces; i++) {
        piece(s, &n, cap);
    }
    s[n] = 0;
}

/* Emits [count] random events, mostly kinds with a random text, a few
 * kind-only or with an empty text. */
static void emit_random(trace_t *t, ref_t *r, size_t count)
{
    static const char *const kinds[] = {"run", "schedule", "tick", "out",
                                        "future", "done", "loop", "k9"};
    char text[256];
    for (size_t i = 0; i < count; i++) {
        const char *kind = kinds[rnd() % (sizeof kinds / sizeof kinds[0])];
        uint64_t c = rnd() % 20;
        if (c == 0) {
            emit_both(t, r, kind, NULL);
        } else if (c == 1) {
            emit_both(t, r, kind, "");
        } else {
            random_text(text, sizeof text);
            emit_both(t, r, kind, text);
        }
    }
}

/* ==== Round trips ======================================================== */

static void trace_line__tricky_lines__round_trip(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "0", "00", "000123", "0.000000", "0.000123", "1 0.000123",
        "tick 1 0.000123", "007", "10", "100", "Future-1494",
        "main.<locals>.step 42 4", "18446744073709551615",
        "99999999999999999999999", "000000000000000", "0000000000000000",
        "100000000000000000000000000000000000000001",
        "123456789012345", "1234567890123456", "0123456789012345",
        "000000000000000000000000000000000000000000000000000000000007",
        "\x01", "\x02", "\x01\x01", "\x02\x01", "\x01""5\x02""6",
        "a\x01""12\x02""b", "\x03\x04\x1b[0m\x7f\t", "héllo wörld 42 日本",
        "\xff\xfe 1", "", " ", "  1  ", "line\nbreak 7\r\n", "\\n 1",
        "9", "x9y", "1a2b3c4d5e6f7g8h9i0j",
        // The same letters with the digits elsewhere: templates that
        // differ only in where their values go.
        "a1b", "ab1", "1ab", "a 1", "a1 ", "12", "1 2", "a12b", "a1b2",
    };
    trace_t *t = trace_new();
    ref_t r = {0};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        emit_both(t, &r, "out", texts[i]);
    }
    // Kind-only events, and digits and escape bytes in the kind.
    emit_both(t, &r, "loop", NULL);
    emit_both(t, &r, "k12", NULL);
    emit_both(t, &r, "k\x01", "0");
    emit_both(t, &r, "0", NULL);
    // Lines over the old 512-byte stack buffer and over 64 KB, with
    // digit runs and escapes all along.
    size_t sizes[] = {511, 512, 513, 1000, 65535, 65536, 70000, 300000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char *big = malloc(sizes[k] + 1);
        for (size_t i = 0; i < sizes[k]; i++) {
            static const char mix[] = "ab0123 \x01\n00\x02" "9x";
            big[i] = mix[(i * 7 + k) % (sizeof mix - 1)];
        }
        big[sizes[k]] = 0;
        emit_both(t, &r, "out", big);
        free(big);
    }
    expect_same_lines(t, &r);
    // Backwards, so that no read can lean on the cursor.
    for (size_t i = trace_count(t); i-- > 0;) {
        assert_string_equal(trace_line(t, i), ref_at(&r, i));
    }
    expect_same_file(t, &r);
    trace_free(t);
    ref_free(&r);
}

static void trace_emitf__long_and_short__same_as_emit(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    ref_t r = {0};
    trace_emitf(t, "timer", "%.6f %s %d", 0.01, "cb Future-1", 7);
    r.lines = malloc(2 * sizeof(char *));
    r.cap = 2;
    r.lines[r.n++] = strdup("timer 0.010000 cb Future-1 7");
    char *big = malloc(5001);
    memset(big, '5', 5000);
    big[5000] = 0;
    trace_emitf(t, "out", "%s", big);
    r.lines[r.n++] = ref_line("out", big);
    free(big);
    expect_same_lines(t, &r);
    trace_free(t);
    ref_free(&r);
}

static void trace_stdout__split_lines__out_events(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    ref_t r = {0};
    static const char chunk1[] = "hello 1\nwor";
    static const char chunk2[] = "ld 0002\r\n\n\x01\x02 3";
    trace_stdout(t, chunk1, sizeof chunk1 - 1);
    trace_stdout(t, chunk2, sizeof chunk2 - 1);
    trace_flush_out(t);
    r.cap = 8;
    r.lines = malloc(r.cap * sizeof(char *));
    r.lines[r.n++] = ref_line("out", "hello 1");
    r.lines[r.n++] = ref_line("out", "world 0002\r");
    r.lines[r.n++] = ref_line("out", "");
    r.lines[r.n++] = ref_line("out", "\x01\x02 3");
    expect_same_lines(t, &r);
    expect_same_file(t, &r);
    trace_free(t);
    ref_free(&r);
}

/* ==== Access orders ====================================================== */

static void trace_line__random_order__same_as_sequential(void **state)
{
    (void)state;
    rng_state = 0x9e3779b97f4a7c15ull;
    trace_t *t = trace_new();
    ref_t r = {0};
    emit_random(t, &r, 20000);
    size_t n = trace_count(t);
    expect_same_lines(t, &r);
    for (int k = 0; k < 20000; k++) {
        size_t i = (size_t)(rnd() % n);
        assert_string_equal(trace_line(t, i), ref_at(&r, i));
    }
    // Short runs forward from random places, and steps back by one.
    for (int k = 0; k < 500; k++) {
        size_t i = (size_t)(rnd() % n);
        for (size_t j = i; j < n && j < i + 70; j++) {
            assert_string_equal(trace_line(t, j), ref_at(&r, j));
        }
        for (size_t j = i + 1; j-- > 0 && j + 70 > i;) {
            assert_string_equal(trace_line(t, j), ref_at(&r, j));
        }
    }
    expect_same_file(t, &r);
    trace_free(t);
    ref_free(&r);
}

/* trace_starts_with agrees with the decoded line, in order and at
 * random, for prefixes with and without digits, interleaved with
 * trace_line (whose buffer it must leave alone), and after drops. */
static void trace_starts_with__same_as_line_prefix(void **state)
{
    (void)state;
    static const char *const prefixes[] = {"out ", "run ", "tick ", "k9 ",
                                           "k9", "done", "o", "", "tick 1",
                                           "future F"};
    size_t np = sizeof prefixes / sizeof prefixes[0];
    for (int pass = 0; pass < 2; pass++) {
        rng_state = 0x5bd1e995u + (uint64_t)pass;
        trace_t *t = trace_new();
        if (pass == 1) {
            trace_set_limit(t, 3000);
        }
        ref_t r = {0};
        emit_random(t, &r, 9000);
        size_t first = trace_first(t), n = trace_count(t);
        for (size_t i = first; i < n; i++) {
            const char *pre = prefixes[i % np];
            bool want = strncmp(ref_at(&r, i), pre, strlen(pre)) == 0;
            assert_int_equal(trace_starts_with(t, i, pre), want);
        }
        for (int k = 0; k < 5000; k++) {
            size_t i = first + (size_t)(rnd() % (n - first));
            size_t j = first + (size_t)(rnd() % (n - first));
            const char *held = trace_line(t, j);
            const char *pre = prefixes[rnd() % np];
            bool want = strncmp(ref_at(&r, i), pre, strlen(pre)) == 0;
            assert_int_equal(trace_starts_with(t, i, pre), want);
            assert_string_equal(held, ref_at(&r, j));
        }
        trace_free(t);
        ref_free(&r);
    }
}

/* Reading while recording: the cursor sits in the group being filled
 * when it is sealed, and a line read stays readable while more events
 * come (the lifetime trace.h promises). */
static void trace_line__interleaved_with_emit__same_lines(void **state)
{
    (void)state;
    rng_state = 12345;
    trace_t *t = trace_new();
    ref_t r = {0};
    for (int round = 0; round < 400; round++) {
        emit_random(t, &r, (size_t)(rnd() % 40));
        size_t n = trace_count(t);
        if (n == 0) {
            continue;
        }
        size_t i = (size_t)(rnd() % n);
        const char *held = trace_line(t, i);
        emit_random(t, &r, (size_t)(rnd() % 100));
        assert_string_equal(held, ref_at(&r, i));
        // The newest event, then the one after it once it exists.
        assert_string_equal(trace_line(t, n - 1), ref_at(&r, n - 1));
        emit_random(t, &r, 1);
        assert_string_equal(trace_line(t, n), ref_at(&r, n));
    }
    expect_same_lines(t, &r);
    // trace_write leaves trace_line's buffer alone.
    const char *held = trace_line(t, 3);
    expect_same_file(t, &r);
    assert_string_equal(held, ref_at(&r, 3));
    trace_free(t);
    ref_free(&r);
}

/* ==== --trace-limit ====================================================== */

typedef struct drops {
    const ref_t *r;
    size_t next;           /* the event the next drop must be */
    size_t seen;
} drops_t;

static void on_drop(void *ctx, size_t i, const char *line)
{
    drops_t *d = ctx;
    if (i != d->next) {
        fail_msg("dropped event %zu, expected %zu", i, d->next);
    }
    if (strcmp(line, ref_at(d->r, i)) != 0) {
        fail_msg("dropped event %zu: '%.80s', want '%.80s'", i, line,
                 ref_at(d->r, i));
    }
    d->next++;
    d->seen++;
}

static void trace_set_limit__drops__watchers_see_each_in_order(void **state)
{
    (void)state;
    size_t limits[] = {1, 2, 3, 63, 64, 65, 127, 200, 1000};
    for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
        size_t limit = limits[li];
        rng_state = 777 + li;
        trace_t *t = trace_new();
        trace_set_limit(t, limit);
        ref_t r = {0};
        drops_t a = {&r, 0, 0}, b = {&r, 0, 0};
        trace_watch(t, on_drop, &a);
        trace_watch(t, on_drop, &b);
        for (int k = 0; k < 60; k++) {
            emit_random(t, &r, (size_t)(rnd() % 200));
            size_t n = trace_count(t);
            assert_int_equal(n, r.n);
            assert_int_equal(trace_first(t), n > limit ? n - limit : 0);
            assert_int_equal(a.next, trace_first(t));
            // Random reads among the kept events.
            for (int j = 0; j < 20 && n > 0; j++) {
                size_t i = trace_first(t) +
                           (size_t)(rnd() % (n - trace_first(t)));
                assert_string_equal(trace_line(t, i), ref_at(&r, i));
            }
            if (k == 30) {
                trace_unwatch(t, on_drop, &b);
            }
        }
        expect_same_lines(t, &r);
        expect_same_file(t, &r);
        assert_int_equal(a.seen, trace_first(t));
        assert_true(b.seen < a.seen || trace_first(t) == 0);
        trace_free(t);
        ref_free(&r);
    }
}

/* A trace loaded from a cut file (trace_skip) starts at an event number
 * that is not a group boundary, within the first group or further on,
 * and may itself run under a limit. */
static void trace_skip__then_limit__numbers_and_lines_kept(void **state)
{
    (void)state;
    size_t skips[] = {37, 64, 100037};
    for (size_t si = 0; si < sizeof skips / sizeof skips[0]; si++) {
        size_t skip = skips[si];
        rng_state = 4242 + si;
        trace_t *t = trace_new();
        trace_set_limit(t, 50);
        trace_skip(t, skip);
        ref_t r = {0};
        r.skip = skip;
        drops_t d = {&r, skip, 0};
        trace_watch(t, on_drop, &d);
        assert_int_equal(trace_first(t), skip);
        assert_int_equal(trace_count(t), skip);
        emit_random(t, &r, 30);
        assert_int_equal(trace_first(t), skip);
        expect_same_lines(t, &r);
        emit_random(t, &r, 1000);
        assert_int_equal(trace_count(t), skip + 1030);
        assert_int_equal(trace_first(t), skip + 1030 - 50);
        expect_same_lines(t, &r);
        for (int k = 0; k < 500; k++) {
            size_t i = trace_first(t) + (size_t)(rnd() % 50);
            assert_string_equal(trace_line(t, i), ref_at(&r, i));
        }
        expect_same_file(t, &r);
        trace_free(t);
        ref_free(&r);
        // Without a limit: every event from the skip on stays.
        t = trace_new();
        trace_skip(t, skip);
        r.skip = skip;
        emit_random(t, &r, 700);
        expect_same_lines(t, &r);
        for (int k = 0; k < 500; k++) {
            size_t i = skip + (size_t)(rnd() % 700);
            assert_string_equal(trace_line(t, i), ref_at(&r, i));
        }
        expect_same_file(t, &r);
        trace_free(t);
        ref_free(&r);
    }
}

/* A line read before its event is dropped stays readable: drops decode
 * into a buffer of their own. */
static void trace_line__held_across_drops__unchanged(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    trace_set_limit(t, 10);
    drops_t d = {NULL, 0, 0};
    ref_t r = {0};
    d.r = &r;
    trace_watch(t, on_drop, &d);
    emit_both(t, &r, "out", "first 001");
    const char *held = trace_line(t, 0);
    emit_random(t, &r, 500);
    assert_true(trace_first(t) > 0);
    assert_string_equal(held, "out first 001");
    trace_free(t);
    ref_free(&r);
}

/* [i] in base 26, letters only, into [word]: no two share a template. */
static void word_of(size_t i, char *word)
{
    size_t k = 0;
    for (size_t x = i; k == 0 || x > 0; x /= 26) {
        word[k++] = (char)('a' + x % 26);
    }
    word[k] = 0;
}

/* Under a limit, what the recorder holds does not grow with the run,
 * even when no two lines share a template (distinct words). */
static void trace_set_limit__distinct_words__memory_bounded(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    trace_set_limit(t, 1000);
    char word[32], line[40];
    trace_stats_t early, late;
    size_t n = 300000;
    for (size_t i = 0; i < n; i++) {
        word_of(i, word);
        trace_emit(t, "out", word);
        if (i == 20000) {
            trace_stats(t, &early);
        }
    }
    trace_stats(t, &late);
    assert_int_equal(late.templates, 1000);
    assert_true(late.groups <= 1000 / 64 + 2);
    assert_true(late.heap_bytes <= early.heap_bytes + early.heap_bytes / 8);
    // And the kept ones are the newest, whole.
    for (size_t i = n - 1000; i < n; i++) {
        word_of(i, word);
        snprintf(line, sizeof line, "out %s", word);
        assert_string_equal(trace_line(t, i), line);
    }
    trace_free(t);
}

/* ==== Events built from parts =========================================== */

/* Whether s[0, n) is digits only, without a leading zero (but "0"), and
 * fits a uint64 with room: what trace_uint would print. */
static bool plain_number(const char *s, size_t n, uint64_t *v)
{
    if (n == 0 || n > 19 || (s[0] == '0' && n > 1)) {
        return false;
    }
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        x = x * 10 + (uint64_t)(s[i] - '0');
    }
    *v = x;
    return true;
}

/* Records text[0, n) into [t] as parts cut at random places, each part
 * given the cheapest way its bytes allow: a number as a number (with
 * its sign through trace_int), text without digits or line breaks as
 * plain, anything else as text. */
static void emit_parts(trace_t *t, const char *text, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t len = 1 + rnd() % 12;
        if (len > n - i) {
            len = n - i;
        }
        const char *p = text + i;
        uint64_t v;
        bool plain = true;
        for (size_t k = 0; k < len; k++) {
            if ((p[k] >= '0' && p[k] <= '9') || p[k] == '\n' || p[k] == '\r') {
                plain = false;
            }
        }
        if (plain_number(p, len, &v)) {
            trace_uint(t, v);
        } else if (p[0] == '-' && plain_number(p + 1, len - 1, &v) &&
                   v > 0 && v <= INT64_MAX) {
            trace_int(t, -(int64_t)v);
        } else if (plain) {
            trace_plain(t, p, len);
        } else {
            trace_text(t, p, len);
        }
        i += len;
    }
}

/* An event built from parts is the event trace_emit makes of the whole
 * line: the same text, and the same templates and record bytes, since
 * a number given on its own still joins the digits around it. */
static void trace_begin__parts__same_as_whole_line(void **state)
{
    (void)state;
    rng_state = 0x5eed0fa57ull;
    static const char *const kinds[] = {"run", "schedule", "tick", "out",
                                        "future", "done", "cancel_handle"};
    trace_t *whole = trace_new(), *parts = trace_new();
    ref_t r = {0};
    char text[300];
    for (int i = 0; i < 20000; i++) {
        const char *kind = kinds[rnd() % (sizeof kinds / sizeof kinds[0])];
        // Runs of digits next to each other, and numbers too long for a
        // uint64, come up more often than random_text alone makes them.
        size_t n = 0;
        size_t pieces = rnd() % 10;
        for (size_t k = 0; k < pieces; k++) {
            if (rnd() % 4 == 0 && n + 22 < sizeof text) {
                n += (size_t)snprintf(text + n, 22, "%llu",
                                      (unsigned long long)(rnd() >>
                                                           (rnd() % 64)));
            } else {
                piece(text, &n, sizeof text);
            }
        }
        text[n] = 0;
        emit_both(whole, &r, kind, text);
        trace_begin(parts, kind);
        trace_plain(parts, " ", 1);
        emit_parts(parts, text, n);
        trace_end(parts);
    }
    expect_same_lines(parts, &r);
    trace_stats_t a, b;
    trace_stats(whole, &a);
    trace_stats(parts, &b);
    assert_int_equal(a.templates, b.templates);
    assert_int_equal(a.template_bytes, b.template_bytes);
    assert_int_equal(a.record_bytes, b.record_bytes);
    expect_same_file(parts, &r);
    ref_free(&r);
    trace_free(whole);
    trace_free(parts);
}

/* A trace and the trace of the same lines emitted whole, both under
 * [limit]. */
static void new_pair(size_t limit, trace_t **t, trace_t **whole)
{
    *t = trace_new();
    *whole = trace_new();
    trace_set_limit(*t, limit);
    trace_set_limit(*whole, limit);
}

/* Kept templates record the event a line would: events of two kept
 * shapes mixed with ordinary events that share and do not share their
 * template, with and without a limit that drops every event that used
 * them, read, store and write out as the whole lines do; once given
 * back, a template no kept event uses is freed like any other. */
static void trace_emit_kept__mixed_with_lines__same_as_whole_lines(void **state)
{
    (void)state;
    rng_state = 0x6e7eedull;
    for (size_t limit = 0; limit <= 300; limit += 300) {
        trace_t *t, *whole;
        new_pair(limit, &t, &whole);
        ref_t r = {0};
        // Each kept shape's first event is built in parts.
        trace_begin(t, "run");
        trace_plain(t, " Task-", 6);
        trace_uint(t, 1);
        trace_plain(t, ".__step", 7);
        uint32_t run = trace_end_keep(t);
        emit_both(whole, &r, "run", "Task-1.__step");
        uint32_t sch = keep_schedule(t, whole, &r, 2, " ", 3);
        char text[300];
        for (int i = 0; i < 5000; i++) {
            uint64_t v = rnd() % 1000000000000000ull >> (rnd() % 50);
            uint64_t w = rnd() % 1000;
            switch (rnd() % 4) {
            case 0:
                trace_emit_kept(t, run, &v, 1);
                snprintf(text, sizeof text, "Task-%llu.__step",
                         (unsigned long long)v);
                emit_both(whole, &r, "run", text);
                break;
            case 1: {
                uint64_t vw[2] = {v, w};
                trace_emit_kept(t, sch, vw, 2);
                snprintf(text, sizeof text, "f %llu %llu",
                         (unsigned long long)v, (unsigned long long)w);
                emit_both(whole, &r, "schedule", text);
                break;
            }
            case 2:
                // The same line through the ordinary path.
                snprintf(text, sizeof text, "Task-%llu.__step",
                         (unsigned long long)v);
                trace_emit(t, "run", text);
                emit_both(whole, &r, "run", text);
                break;
            default:
                random_text(text, sizeof text);
                trace_emit(t, "out", text);
                emit_both(whole, &r, "out", text);
                break;
            }
        }
        expect_same_lines(t, &r);
        expect_same_file(t, &r);
        trace_stats_t a, b;
        trace_stats(t, &a);
        trace_stats(whole, &b);
        // The kept templates stay; the rest are those of the kept lines.
        assert_true(a.templates >= b.templates &&
                    a.templates <= b.templates + 2);
        if (limit) {
            // Given back, and their events all dropped: freed.
            trace_unkeep(t, run);
            trace_unkeep(t, sch);
            emit_outs(t, whole, &r, 300);
            trace_stats(t, &a);
            assert_int_equal(a.templates, 1);
            expect_same_lines(t, &r);
        }
        ref_free(&r);
        trace_free(t);
        trace_free(whole);
    }
}

/* Values at the edges of each varint length, up to the largest a
 * record takes. */
static const uint64_t varint_edges[] = {0, 1, 63, 64, 8191, 8192, 1048575,
                                        1048576, 999999999999999ull};

static uint64_t rnd_edge(void)
{
    return varint_edges[rnd() % (sizeof varint_edges /
                                 sizeof varint_edges[0])];
}

/* trace_emit_kept's inline path (trace.h) against the ordinary one: a
 * trace started past a skip that is not a group boundary, kept events
 * with values of every varint length up to the largest, runs of them
 * across group ends, and lines of over 64 KiB between them (the scratch
 * grows, then shrinks when its group is sealed), read, written and
 * stored byte for byte as the same lines emitted whole. */
static void trace_emit_kept__inline_path_edges__same_as_whole_lines(
    void **state)
{
    (void)state;
    rng_state = 0x1e15ull;
    trace_t *t = trace_new(), *whole = trace_new();
    trace_skip(t, 37);
    trace_skip(whole, 37);
    ref_t r = {0};
    r.skip = 37;
    uint32_t sch = keep_schedule(t, whole, &r, 5, " g ", 7);
    size_t biglen = 70000;
    char *big = malloc(biglen + 1);
    char text[300];
    for (int i = 0; i < 3000; i++) {
        if (rnd() % 200 == 0) {
            for (size_t k = 0; k < biglen; k++) {
                big[k] = (char)('a' + rnd() % 26);
            }
            big[biglen] = '\0';
            big[rnd() % biglen] = '7';   /* a number inside: a place */
            trace_emit(t, "out", big);
            emit_both(whole, &r, "out", big);
            continue;
        }
        uint64_t v0 = rnd_edge(), v1 = rnd_edge();
        uint64_t vw[2] = {v0, v1};
        trace_emit_kept(t, sch, vw, 2);
        snprintf(text, sizeof text, "f %llu g %llu",
                 (unsigned long long)vw[0], (unsigned long long)vw[1]);
        emit_both(whole, &r, "schedule", text);
    }
    free(big);
    assert_int_equal(trace_first(t), 37);
    assert_int_equal(trace_count(t), trace_count(whole));
    expect_same_lines(t, &r);
    for (int k = 0; k < 300; k++) {
        size_t i = 37 + (size_t)(rnd() % r.n);
        assert_string_equal(trace_line(t, i), ref_at(&r, i));
    }
    expect_same_file(t, &r);
    trace_stats_t a, b;
    trace_stats(t, &a);
    trace_stats(whole, &b);
    assert_int_equal(a.groups, b.groups);
    assert_int_equal(a.record_bytes, b.record_bytes);
    trace_unkeep(t, sch);
    ref_free(&r);
    trace_free(t);
    trace_free(whole);
}

/* A handle's "run" line copied from its "schedule" line's record bytes
 * (trace_emit_kept_copy, then trace_emit_kept_bytes, as cbline.c and
 * aio_int.h do): values of every varint length, copies kept for a while
 * and written back out of order among other events, across group ends
 * (where either may decline) and under a limit (where both decline and
 * the caller records the values), read and written as the whole lines. */
static void trace_emit_kept_bytes__copied_records__same_as_whole_lines(
    void **state)
{
    (void)state;
    rng_state = 0xc0b1e5ull;
    for (size_t limit = 0; limit <= 200; limit += 200) {
        trace_t *t, *whole;
        new_pair(limit, &t, &whole);
        ref_t r = {0};
        uint32_t sch = keep_schedule(t, whole, &r, 5, " g ", 7);
        uint32_t run = keep_f_line(t, whole, &r, "run", 5, " g ", 7);
        struct {
            uint64_t v[2];
            unsigned char b[TRACE_BYTES_COPY];
            size_t len;
        } held[8];
        size_t nheld = 0, copied = 0, declined = 0;
        char text[300];
        for (int i = 0; i < 4000; i++) {
            if (rnd() % 3 == 0 || nheld == 8) {
                if (nheld > 0) {
                    // A held handle runs: any of them, not the last.
                    size_t k = (size_t)(rnd() % nheld);
                    uint64_t *v = held[k].v;
                    if (held[k].len <= TRACE_BYTES_COPY &&
                        trace_emit_kept_bytes(t, run, held[k].b,
                                              held[k].len)) {
                        copied++;
                    } else {
                        uint64_t vw[2] = {v[0] << 1, v[1] << 1};
                        trace_emit_kept_values(t, run, vw, 2);
                        declined++;
                    }
                    snprintf(text, sizeof text, "f %llu g %llu",
                             (unsigned long long)v[0],
                             (unsigned long long)v[1]);
                    emit_both(whole, &r, "run", text);
                    held[k] = held[--nheld];
                }
                continue;
            }
            if (rnd() % 4 == 0) {
                random_text(text, sizeof text);
                trace_emit(t, "out", text);
                emit_both(whole, &r, "out", text);
                continue;
            }
            uint64_t v0 = rnd_edge(), v1 = rnd_edge();
            uint64_t vw[2] = {v0 << 1, v1 << 1};
            held[nheld].v[0] = v0;
            held[nheld].v[1] = v1;
            held[nheld].len =
                trace_emit_kept_copy(t, sch, vw, 2, 0, held[nheld].b);
            if (held[nheld].len != (size_t)-1) {
                // The copy is the values' varints, shift 0.
                unsigned char enc[20];
                size_t n = trace_put_varint(enc, vw[0]);
                n += trace_put_varint(enc + n, vw[1]);
                assert_int_equal(held[nheld].len, n);
                if (n <= TRACE_BYTES_COPY) {
                    assert_memory_equal(held[nheld].b, enc, n);
                }
            }
            nheld++;
            snprintf(text, sizeof text, "f %llu g %llu",
                     (unsigned long long)v0, (unsigned long long)v1);
            emit_both(whole, &r, "schedule", text);
        }
        expect_same_lines(t, &r);
        expect_same_file(t, &r);
        if (limit) {
            assert_int_equal(copied, 0);   /* the limit's path takes all */
        } else {
            assert_true(copied > 500 && declined > 20);
        }
        trace_unkeep(t, sch);
        trace_unkeep(t, run);
        ref_free(&r);
        trace_free(t);
        trace_free(whole);
    }
}

/* trace_keep adds a reference of its own to a kept template: with a
 * limit that drops every event using it, the template outlives the
 * first trace_unkeep, still records the lines it did, and is freed only
 * once both references are given back. */
static void trace_keep__second_reference__outlives_first(void **state)
{
    (void)state;
    trace_t *t = trace_new(), *whole = trace_new();
    trace_set_limit(t, 50);
    trace_set_limit(whole, 50);
    ref_t r = {0};
    trace_begin(t, "run");
    trace_plain(t, " f ", 3);
    trace_uint(t, 7);
    uint32_t run = trace_end_keep(t);
    emit_both(whole, &r, "run", "f 7");
    trace_keep(t, run);
    trace_unkeep(t, run);
    emit_outs(t, whole, &r, 100);
    trace_stats_t a;
    trace_stats(t, &a);
    assert_int_equal(a.templates, 2);   /* "out x" and the kept one */
    uint64_t v = 12345;
    trace_emit_kept(t, run, &v, 1);
    emit_both(whole, &r, "run", "f 12345");
    expect_same_lines(t, &r);
    trace_unkeep(t, run);
    emit_outs(t, whole, &r, 100);
    trace_stats(t, &a);
    assert_int_equal(a.templates, 1);
    expect_same_lines(t, &r);
    ref_free(&r);
    trace_free(t);
    trace_free(whole);
}

/* A kept template with digit runs of every length in its places (a
 * decimal's digits after the point keep their leading zeros, and take
 * two values past 15 digits): events recorded from trace_digit_values
 * read as the whole lines. */
static void trace_emit_kept_values__digit_runs__same_as_whole_lines(void **state)
{
    (void)state;
    rng_state = 0xd161750ull;
    for (size_t flen = 1; flen <= 30; flen++) {
        trace_t *t = trace_new();
        ref_t r = {0};
        uint32_t tmpl = 0;
        for (int i = 0; i < 200; i++) {
            char ip[20], fp[40], text[100];
            snprintf(ip, sizeof ip, "%llu",
                     (unsigned long long)(rnd() % 1000000000000000ull >>
                                          (rnd() % 50)));
            for (size_t k = 0; k < flen; k++) {
                // Leading zeros often: a clock's or a delay's digits.
                fp[k] = rnd() % 3 ? '0' : (char)('0' + rnd() % 10);
            }
            fp[flen] = 0;
            snprintf(text, sizeof text, "%s.%s f 7", ip, fp);
            emit_both(NULL, &r, "timer", text);
            if (i == 0) {
                trace_begin(t, "timer");
                trace_plain(t, " ", 1);
                trace_text(t, ip, strlen(ip));
                trace_plain(t, ".", 1);
                trace_text(t, fp, flen);
                trace_plain(t, " f ", 3);
                trace_uint(t, 7);
                tmpl = trace_end_keep(t);
                continue;
            }
            uint64_t vals[8];
            size_t n = trace_digit_values(ip, strlen(ip), vals);
            n += trace_digit_values(fp, flen, vals + n);
            vals[n++] = 7 << 1;
            trace_emit_kept_values(t, tmpl, vals, n);
        }
        expect_same_lines(t, &r);
        trace_stats_t st;
        trace_stats(t, &st);
        assert_int_equal(st.templates, 1);
        ref_free(&r);
        trace_free(t);
    }
}

/* trace_number_values gives trace_digit_values' values for the number
 * written with its width's digits, zero-padded: every width up to 19,
 * with zeros often, and the extremes. */
static void trace_number_values__same_as_digit_values(void **state)
{
    (void)state;
    rng_state = 0x9e3779b97f4a7c15ull;
    for (size_t n = 1; n <= 19; n++) {
        uint64_t top = 1;
        for (size_t k = 0; k < n; k++) {
            top *= 10;
        }
        for (int i = 0; i < 3000; i++) {
            uint64_t x = i == 0 ? 0 : i == 1 ? top - 1 : rnd() % top;
            if (i % 3 == 2) {
                x >>= rnd() % 64;   /* leading zeros, many of them */
            }
            char s[32];
            snprintf(s, sizeof s, "%0*llu", (int)n, (unsigned long long)x);
            uint64_t a[4], b[4];
            size_t na = trace_digit_values(s, n, a);
            size_t nb = trace_number_values(x, n, b);
            assert_int_equal(na, nb);
            for (size_t k = 0; k < na; k++) {
                if (a[k] != b[k]) {
                    fail_msg("%s: value %zu is %llu, not %llu", s, k,
                             (unsigned long long)b[k],
                             (unsigned long long)a[k]);
                }
            }
        }
    }
}

/* Lines that differ only in numbers share one template, a few bytes an
 * event; a limit frees the records of dropped events. */
static void trace_emit__numeric_lines__one_template_few_bytes(void **state)
{
    (void)state;
    trace_t *t = trace_new();
    char text[64];
    for (int i = 0; i < 100000; i++) {
        snprintf(text, sizeof text, "main.<locals>.step %d %d", i * 7,
                 i % 13);
        trace_emit(t, "run", text);
    }
    trace_stats_t st;
    trace_stats(t, &st);
    assert_int_equal(st.templates, 1);
    assert_true(st.heap_bytes / 100000 <= 8);
    trace_free(t);

    t = trace_new();
    trace_set_limit(t, 100);
    for (int i = 0; i < 100000; i++) {
        snprintf(text, sizeof text, "Future-%d.set_result %d", i, i - 1);
        trace_emit(t, "schedule", text);
    }
    trace_stats(t, &st);
    assert_int_equal(st.templates, 1);
    assert_true(st.groups <= 100 / 64 + 2);
    assert_string_equal(trace_line(t, 99999),
                        "schedule Future-99999.set_result 99998");
    trace_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trace_line__tricky_lines__round_trip),
        cmocka_unit_test(trace_emitf__long_and_short__same_as_emit),
        cmocka_unit_test(trace_stdout__split_lines__out_events),
        cmocka_unit_test(trace_line__random_order__same_as_sequential),
        cmocka_unit_test(trace_line__interleaved_with_emit__same_lines),
        cmocka_unit_test(trace_starts_with__same_as_line_prefix),
        cmocka_unit_test(trace_set_limit__drops__watchers_see_each_in_order),
        cmocka_unit_test(trace_skip__then_limit__numbers_and_lines_kept),
        cmocka_unit_test(trace_line__held_across_drops__unchanged),
        cmocka_unit_test(trace_set_limit__distinct_words__memory_bounded),
        cmocka_unit_test(trace_emit__numeric_lines__one_template_few_bytes),
        cmocka_unit_test(trace_begin__parts__same_as_whole_line),
        cmocka_unit_test(trace_emit_kept__mixed_with_lines__same_as_whole_lines),
        cmocka_unit_test(
            trace_emit_kept__inline_path_edges__same_as_whole_lines),
        cmocka_unit_test(trace_keep__second_reference__outlives_first),
        cmocka_unit_test(
            trace_emit_kept_bytes__copied_records__same_as_whole_lines),
        cmocka_unit_test(trace_emit_kept_values__digit_runs__same_as_whole_lines),
        cmocka_unit_test(trace_number_values__same_as_digit_values),
    };
    return cmocka_run_group_tests_name("trace", tests, NULL, NULL);
}
