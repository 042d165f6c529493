/*
 * llbench.c - bench helper linked against looplab's own objects, for the
 * numbers that `looplab run` cannot show from outside:
 *
 *   llbench run [--no-trace] [--stats FILE] [--heap FILE] PROGRAM.py
 *       runs PROGRAM like `looplab run` (same engine, same stdout). With
 *       --no-trace the engine gets no recorder (aio_options.trace = NULL),
 *       i.e. "an engine run with recording switched off". --stats writes
 *       "events N trace_heap_bytes B" to FILE, where B is the heap the
 *       recorder held at the end of the run (malloc'd bytes released by
 *       trace_free, measured with mallinfo2 after the VM was freed).
 *       --heap FILE collects once at the program's end (after its last
 *       statement, before anything is freed) and writes the live heap
 *       per type: objects, bytes of the objects themselves, and the
 *       collector's byte count (objects plus their buffers). A program
 *       that leaves its tasks pending shows what a pending task costs.
 *
 *   llbench jump TRACE.trace [SAMPLES]
 *       loads a trace file, folds it into a timeline (viz/timeline.h, what
 *       the full-screen view steps over) and times timeline_state() at
 *       SAMPLES (default 200) pseudo-random positions plus the last one:
 *       "jumping to any event". Prints events, fold ms, and jump
 *       median/p99/max ms.
 *
 *   llbench draw TRACE.trace [WxH] [FRAMES]
 *       loads a trace file and draws FRAMES (default 200) frames of the
 *       view over it on a WxH (default 200x60) ncurses screen writing to
 *       /dev/null (viz_bench_draw, viz/viz.h), at positions spread evenly
 *       over the trace, after a first frame timed apart (a blank screen
 *       painted whole), each drawn VIZ_BENCH_TRIES times from the frame
 *       before. Prints the median and worst ms of drawing a frame
 *       (refresh included; wall and CPU time, the least of its tries),
 *       the same of the first tries' CPU time, and, apart, of moving to
 *       its position.
 *
 * Built by bench/bench.mk; not part of looplab.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aio.h"
#include "model.h"
#include "obj.h"
#include "timeline.h"
#include "trace.h"
#include "viz.h"
#include "vm.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0) {
            break;
        }
        n += got;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static trace_t *g_trace;
static const char *g_heap_path;

typedef struct heap_row {
    const char *name;
    size_t count, bytes;
} heap_row_t;

static int cmp_row(const void *a, const void *b)
{
    const heap_row_t *x = a, *y = b;
    return (x->bytes < y->bytes) - (x->bytes > y->bytes);
}

typedef struct heap_acc {
    heap_row_t *rows;
    size_t cap, n, total, objects;
} heap_acc_t;

static void heap_count(vm_t *vm, obj_t *o, void *ctx)
{
    (void)vm;
    heap_acc_t *a = ctx;
    const char *name = type_name(o);
    size_t i = 0;
    while (i < a->n && strcmp(a->rows[i].name, name) != 0) {
        i++;
    }
    if (i == a->n) {
        if (a->n == a->cap) {
            a->cap *= 2;
            a->rows = realloc(a->rows, a->cap * sizeof *a->rows);
        }
        a->rows[a->n].name = name;
        a->rows[a->n].count = a->rows[a->n].bytes = 0;
        a->n++;
    }
    a->rows[i].count++;
    a->rows[i].bytes += o->gc_size;
    a->total += o->gc_size;
    a->objects++;
}

static void heap_report(vm_t *vm, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        return;
    }
    gc_collect(vm);
    heap_acc_t a = {calloc(256, sizeof(heap_row_t)), 256, 0, 0, 0};
    gc_each(vm, heap_count, &a);
    heap_row_t *rows = a.rows;
    size_t n = a.n, total = a.total, objects = a.objects;
    qsort(rows, n, sizeof *rows, cmp_row);
    fprintf(f, "objects %zu object_bytes %zu heap_bytes %zu\n", objects,
            total, vm->bytes);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%10zu %12zu %s\n", rows[i].count, rows[i].bytes,
                rows[i].name);
    }
    free(rows);
    fclose(f);
}

static int at_exit_hook(vm_t *vm, int status)
{
    if (g_heap_path) {
        heap_report(vm, g_heap_path);
    }
    if (g_trace) {
        trace_flush_out(g_trace);
        char buf[16];
        snprintf(buf, sizeof buf, "%d", status);
        trace_emit(g_trace, "exit", buf);
    }
    return status;
}

static int cmd_run(int argc, char **argv)
{
    int recording = 1;
    const char *stats = NULL, *path = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--no-trace") == 0) {
            recording = 0;
        } else if (strcmp(argv[i], "--stats") == 0 && i + 1 < argc) {
            stats = argv[++i];
        } else if (strcmp(argv[i], "--heap") == 0 && i + 1 < argc) {
            g_heap_path = argv[++i];
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "llbench run: missing PROGRAM.py\n");
        return 2;
    }
    size_t len;
    char *src = read_all(path, &len);
    if (!src) {
        fprintf(stderr, "llbench: can't open '%s': %s\n", path,
                strerror(errno));
        return 2;
    }
    g_trace = recording ? trace_new() : NULL;
    vm_t *vm = vm_new();
    vm->trace = NULL;
    vm->at_exit = at_exit_hook;
    aio_options_t opts = {false, g_trace, NULL};
    if (aio_init(vm, &opts) < 0) {
        fprintf(stderr, "llbench: the asyncio prelude failed to load\n");
        return 70;
    }
    int status = vm_run_main(vm, path, src, len);
    fflush(stdout);
    aio_free(vm);
    vm_free(vm);
    free(src);
    size_t events = 0, bytes = 0;
    if (g_trace) {
        events = trace_count(g_trace);
        size_t before = heap_in_use();
        trace_free(g_trace);
        size_t after = heap_in_use();
        bytes = before > after ? before - after : 0;
        g_trace = NULL;
    }
    if (stats) {
        FILE *f = fopen(stats, "w");
        if (f) {
            fprintf(f, "events %zu trace_heap_bytes %zu\n", events, bytes);
            fclose(f);
        }
    }
    return status;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Loads a trace file (--trace-out): the header lines ('#', the note of
 * a trace cut by --trace-limit among them), then one event a line, as
 * the view loads it. Returns the trace (new), or NULL with a message. */
static trace_t *load_trace(const char *path)
{
    size_t len;
    char *text = read_all(path, &len);
    if (!text) {
        fprintf(stderr, "llbench: can't open '%s': %s\n", path,
                strerror(errno));
        return NULL;
    }
    trace_t *t = trace_new();
    char *p = text, *end = text + len;
    int header = 1;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            nl = end;
        }
        *nl = 0;
        if (header && p[0] == '#') {
            unsigned long long dropped;
            if (sscanf(p, "# dropped %llu earlier events", &dropped) == 1) {
                trace_skip(t, (size_t)dropped);
            }
        } else {
            header = 0;
            char *sp = strchr(p, ' ');
            if (sp) {
                *sp = 0;
                trace_emit(t, p, sp + 1);
            } else {
                trace_emit(t, p, NULL);
            }
        }
        p = nl + 1;
    }
    free(text);
    return t;
}

static int cmd_jump(int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "llbench jump: missing TRACE\n");
        return 2;
    }
    int samples = argc > 1 ? atoi(argv[1]) : 200;
    if (samples < 1) {
        samples = 1;
    }
    trace_t *t = load_trace(argv[0]);
    if (!t) {
        return 2;
    }
    size_t n = trace_count(t);
    // A trace cut by --trace-limit starts later: the view cannot go
    // before its first kept event.
    size_t lo = trace_first(t);
    double t0 = now_ms();
    timeline_t tl;
    timeline_init(&tl, t);
    double fold = now_ms() - t0;
    double *ms = malloc(sizeof(double) * (size_t)(samples + 1));
    unsigned long long x = 88172645463325252ull;
    for (int i = 0; i <= samples; i++) {
        size_t pos;
        if (i == samples) {
            pos = n > lo ? n - 1 : lo; /* the far end, before the head */
        } else {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            pos = n > lo ? lo + (size_t)(x % (n - lo)) : lo;
        }
        model_t m;
        model_init(&m);
        double s = now_ms();
        timeline_state(&tl, pos, &m);
        ms[i] = now_ms() - s;
        model_free(&m);
    }
    qsort(ms, (size_t)samples + 1, sizeof(double), cmp_double);
    int k = samples + 1;
    printf("events %zu fold_ms %.1f jump_median_ms %.3f jump_p99_ms %.3f "
           "jump_max_ms %.3f\n", n, fold, ms[k / 2], ms[(k * 99) / 100],
           ms[k - 1]);
    free(ms);
    timeline_free(&tl);
    trace_free(t);
    return 0;
}

/* llbench draw TRACE [WxH] [FRAMES]: the view's frames (viz_bench_draw). */
static int cmd_draw(int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "llbench draw: missing TRACE\n");
        return 2;
    }
    int w = 200, h = 60;
    if (argc > 1 && (sscanf(argv[1], "%dx%d", &w, &h) != 2 || w < 1 ||
                     h < 1)) {
        fprintf(stderr, "llbench draw: size '%s' is not WxH\n", argv[1]);
        return 2;
    }
    int frames = argc > 2 ? atoi(argv[2]) : 200;
    if (frames < 1) {
        frames = 1;
    }
    trace_t *t = load_trace(argv[0]);
    if (!t) {
        return 2;
    }
    viz_bench_stats_t st;
    double r = viz_bench_draw(t, w, h, frames, &st);
    if (r < 0) {
        trace_free(t);
        return 1;
    }
    printf("events %zu size %dx%d frames %d utf8 %d first_frame_ms %.3f "
           "frame_median_ms %.3f frame_max_ms %.3f frame_cpu_median_ms %.3f "
           "frame_cpu_max_ms %.3f frame_cpu_once_median_ms %.3f "
           "frame_cpu_once_max_ms %.3f tries %d pos_median_ms %.3f "
           "pos_max_ms %.3f\n",
           trace_count(t), st.width, st.height, st.frames, st.utf8,
           st.first_ms, st.draw_median_ms, st.draw_max_ms, st.cpu_median_ms,
           st.cpu_max_ms, st.cpu_once_median_ms, st.cpu_once_max_ms,
           VIZ_BENCH_TRIES, st.pos_median_ms, st.pos_max_ms);
    trace_free(t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "run") == 0) {
        return cmd_run(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "jump") == 0) {
        return cmd_jump(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "draw") == 0) {
        return cmd_draw(argc - 2, argv + 2);
    }
    fprintf(stderr, "usage: llbench run [--no-trace] [--stats FILE] "
            "[--heap FILE] PROGRAM.py\n       llbench jump TRACE [SAMPLES]\n"
            "       llbench draw TRACE [WxH] [FRAMES]\n");
    return 2;
}
