/*
 * aio_int.h - internals shared by the files of core/aio.
 */
#ifndef LOOPLAB_CORE_AIO_AIO_INT_H
#define LOOPLAB_CORE_AIO_AIO_INT_H

#include "aio.h"
#include "code.h"
#include "obj_int.h"

/* Engine state, hung on vm->aio. Invariant: every object field here is
 * marked by aio_mark (vm->mark_hook), so the engine's C code may keep
 * them across safe points. */
struct aio {
    vm_t *vm;
    trace_t *trace;
    const char *trace_path;
    bool realtime;
    bool held;             /* running_loop is the REPL's held loop */
    obj_t *running_loop;   /* the loop in run_forever, or NULL */
    obj_t *last_loop;      /* for time.monotonic() when none runs */
    module_t *module;      /* asyncio */
    module_t *lab;         /* _lab: the prelude's hooks into C */
    type_t *t_loop, *t_handle, *t_timer;
    int64_t timer_seq;     /* FIFO tie-break of equal-time timers */
    str_t *s_lab_id, *s_call_exception_handler, *s_format_source;
    str_t *s_blocking;     /* "_asyncio_future_blocking" */
    /* Future.__del__, Task.__del__ and _PENDING, for fin_noop (aio.c). */
    obj_t *future_del, *task_del, *pending;
    str_t *s_state, *s_log_destroy_pending, *s_log_tb;
};

/* The C part of an event loop (BaseEventLoop's hot state). The ready
 * queue is a ring buffer; the timer heap is ordered by (when, seq). */
typedef struct aio_loop {
    obj_t hdr;
    dict_t *dict;          /* Python attributes of the subclass */
    obj_t **ready;
    size_t rhead, rlen, rcap;
    obj_t **heap;
    size_t nheap, capheap;
    int64_t timer_cancelled_count;
    bool stopping, closed, running, debug;
    bool self_pipe;        /* _write_to_self() since the last select */
    double clock;          /* virtual time, or the real start time */
    obj_t *current;        /* the handle being run */
    int64_t iter_left;     /* handles left in the current iteration's
                              snapshot (ntodo), 0 between iterations */
} aio_loop_t;

/* Handle and TimerHandle (events.py). */
typedef struct aio_handle {
    obj_t hdr;
    obj_t *callback;       /* NULL once cancelled */
    tuple_t *args;
    obj_t *loop;
    bool cancelled;
    bool scheduled;        /* TimerHandle: still in the heap */
    bool timer;
    double when;
    int64_t seq;
} aio_handle_t;

/* loop.c */
void aio_loop_init_types(vm_t *vm, aio_t *a);
void aio_loop_mark(vm_t *vm, obj_t *o);
/* Formats "callable arg..." for trace lines (TRACE.md "Callbacks"). */
str_t *aio_format_cb(vm_t *vm, obj_t *cb, tuple_t *args);
double aio_loop_time(vm_t *vm, aio_loop_t *l);

/* Outcomes of aio_loop_begin. */
enum { AIO_ITER_STARTED = 0, AIO_ITER_IDLE = 1 };
/* Starts one _run_once iteration: drops cancelled timers, moves the
 * clock, emits "tick", moves due timers to the ready queue and takes the
 * ntodo snapshot. When nothing is ready and no timer is pending it
 * reports a deadlock (never returns) unless [held], where it returns
 * AIO_ITER_IDLE. -1 on KeyboardInterrupt. */
int aio_loop_begin(vm_t *vm, aio_loop_t *l, bool held);
/* Runs the next handle of the current iteration (cancelled ones are
 * dropped, still using their slot). -1 if it raised. */
int aio_loop_run_one(vm_t *vm, aio_loop_t *l);

/* aio.c */
aio_t *aio_of(vm_t *vm);
void aio_emit(vm_t *vm, const char *kind, const char *text);
/* The deadlock exit of TRACE.md: never returns. */
void aio_deadlock(vm_t *vm, double when);

#endif
