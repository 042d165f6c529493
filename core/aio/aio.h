/*
 * aio.h - the asyncio engine: CPython 3.11's event loop core in C, the
 * rest of Lib/asyncio as a Python prelude (core/aio/asyncio.py), and the
 * trace hooks both report through.
 *
 * Split: what runs on every iteration (the ready deque, the timer heap,
 * _run_once, call_soon/call_at, Handle._run) is C; futures, tasks and the
 * library above them are the prelude, mirroring futures.py, tasks.py,
 * base_events.py, runners.py, locks.py, queues.py, timeouts.py and
 * taskgroups.py function by function, so that the Python objects a
 * learner inspects (qualnames, reprs, callbacks) are CPython's.
 */
#ifndef LOOPLAB_CORE_AIO_AIO_H
#define LOOPLAB_CORE_AIO_AIO_H

#include "trace.h"
#include "vm.h"

typedef struct aio aio_t;

/* Engine options. */
typedef struct aio_options {
    bool realtime;         /* wait for timers on the real clock */
    trace_t *trace;        /* where events go (may be NULL) */
    const char *trace_path;/* written at a deadlock exit, if set */
} aio_options_t;

/* Installs the engine on [vm]: the asyncio module, the loop types and the
 * trace hooks. Returns 0, or -1 with an exception set (a bug in the
 * prelude). */
int aio_init(vm_t *vm, const aio_options_t *opts);
/* Releases what aio_init allocated outside the heap. */
void aio_free(vm_t *vm);

#endif
