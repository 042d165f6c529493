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

/* ---- Driving a held loop (the REPL) ----------------------------------- */

/* Asyncio mode of the REPL: a new loop that counts as running (so
 * asyncio.create_task works at the prompt, as in python -m asyncio) but
 * moves only when driven. Returns 0, or -1 with an exception set. */
int aio_hold(vm_t *vm);
/* Ends the held loop (closes it); script mode has no running loop. */
void aio_unhold(vm_t *vm);
bool aio_is_held(vm_t *vm);

enum { AIO_DRIVE_STEP, AIO_DRIVE_TICK, AIO_DRIVE_IDLE, AIO_DRIVE_UNTIL };
/* Drives the held loop: STEP runs [n] handles, TICK finishes [n]
 * iterations, IDLE runs until nothing is ready and no timer is pending,
 * UNTIL runs until the future [until] is done (or the loop is idle).
 * Returns the handles run, or -1 with an exception set (e.g.
 * KeyboardInterrupt); *idle tells whether the loop ended idle. */
long aio_drive(vm_t *vm, int mode, long n, obj_t *until, bool *idle);
/* The task whose trace id is [id] ("Task-2"), or NULL. */
obj_t *aio_find_task(vm_t *vm, const char *id);
/* The held loop, or NULL. */
obj_t *aio_held_loop(vm_t *vm);

#endif
