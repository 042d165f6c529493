/*
 * model.h - the loop as the trace describes it: a fold over trace events.
 *
 * Every view (the REPL's narration and :ready/:timers/:tasks/:why, the
 * ncurses panes, lesson checks) reads this model and nothing else, so what
 * they show is exactly what the trace recorded (TRACE.md). model_apply
 * consumes one event line; the model can be copied (model_clone) to make
 * checkpoints for stepping backwards.
 */
#ifndef LOOPLAB_CORE_MODEL_H
#define LOOPLAB_CORE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "model_map.h"

/* A handle in the ready queue or among the timers. */
typedef struct model_handle {
    char *cb;              /* "<callable> <args>" as in the trace */
    double when;           /* timers only */
    long seq;              /* scheduling order (the FIFO tie-break) */
    bool cancelled;
} model_handle_t;

enum {
    TASK_PENDING,          /* created, first step scheduled */
    TASK_RUNNING,          /* inside a step */
    TASK_SUSPENDED,        /* waiting (see waiting_on / where) */
    TASK_DONE,
    TASK_FAILED,
    TASK_CANCELLED
};

typedef struct model_task {
    char *id;              /* "Task-1" */
    char *coro;            /* coroutine qualname */
    int state;
    char *where;           /* "work:5" while suspended */
    char *waiting_on;      /* the future it waits on, if known */
    char *result;          /* "result 42" / "exception ValueError" */
    int cancel_requests;   /* cancel() calls that returned True */
} model_task_t;

/* The last create_task / ensure_future decision, for :why and the
 * decision diagram. */
enum { DEC_NONE, DEC_CREATE_TASK, DEC_ENSURE_FUTURE };
typedef struct model_decision {
    int api;
    char kind[32];         /* future / coroutine / awaitable / error */
    char *what;            /* the argument's coroutine or type name */
    char *task;            /* the Task created, or NULL */
    bool loop_running;     /* was a loop running at the call */
    bool failed;           /* ended in an exception (no task created) */
    size_t event;          /* its event number (nevents after it) */
} model_decision_t;

struct model_task_chunk;
struct model_handle_chunk;

/* Tasks, ready handles and timers sit in chunks (model.c) that a model
 * shares with its clones, which is what makes model_clone cheap. Outside
 * model.c they are read through model_task_at, model_ready_at,
 * model_timers_sorted and the counts below; the other fields of the
 * model are plain values, read directly. */
typedef struct model {
    size_t nevents;        /* events applied */
    double clock;
    bool loop_exists, loop_running, loop_closed;
    size_t nready;         /* handles in the ready queue, cancelled too */
    size_t ntimers;        /* timers, cancelled ones too */
    size_t ntasks;         /* tasks, in creation order */
    long seq;
    char *running;         /* the handle being run, or NULL */
    char *current_task;    /* task in a step, or NULL */
    long ticks;
    long iter_left;        /* handles left in the current tick */
    model_decision_t decision;
    int exit_code;         /* -1 until "exit" */
    bool deadlock;

    /* The ready queue, FIFO: its head is slot ready_head of
     * ready_chunks[0] (slots before it were popped), its tail the last
     * filled slot of the last chunk. */
    struct model_handle_chunk **ready_chunks;
    size_t ready_nchunks, ready_capchunks, ready_head;
    size_t ready_base;     /* ready_chunks[0]'s slot 0 as a position that
                              stays put while a handle is queued */
    /* The timers, sorted on (when, seq): timer_head is the first live
     * slot of timer_chunks[0]; every chunk holds at least one. */
    struct model_handle_chunk **timer_chunks;
    size_t timer_nchunks, timer_capchunks, timer_head;
    struct model_task_chunk **task_chunks;
    size_t task_capchunks;
    model_map_t task_index;   /* id -> its latest task */
    size_t task_hint;         /* the task found or added last (a "run"
                                 and its "suspend" name the same one) */
    size_t task_hint_hash;    /* its id's hash */
    model_map_t handle_index; /* callback -> queued handles, kept from the
                                 first cancel_handle on (handle_index_on) */
    bool handle_index_on;
} model_t;

void model_init(model_t *m);
void model_free(model_t *m);
/* Copies [src] into [dst] (not initialised; the caller frees it with
 * model_free), for checkpoints. The two share their chunks until either
 * changes one, so this costs O(chunks), not O(tasks + handles); changing
 * or freeing either never shows in the other. */
void model_clone(model_t *dst, const model_t *src);
/* Applies one trace line (without its newline). */
void model_apply(model_t *m, const char *line);
/* The latest task named [id], or NULL (borrowed, like all the pointers
 * below: valid until the model changes). */
const model_task_t *model_task(const model_t *m, const char *id);
/* Task [i], 0 <= i < ntasks, in creation order. */
const model_task_t *model_task_at(const model_t *m, size_t i);
/* The ready queue's handle [i], 0 <= i < nready; 0 is the head. */
const model_handle_t *model_ready_at(const model_t *m, size_t i);
/* Which queues hold a handle [cb] that is not cancelled: any of
 * MODEL_IN_READY and MODEL_IN_TIMERS (what cancel_handle [cb] would
 * find). */
enum { MODEL_IN_READY = 1, MODEL_IN_TIMERS = 2 };
int model_handle_queued(const model_t *m, const char *cb);
/* The soonest [max] timers (at most ntimers), in firing order, into [out];
 * returns how many. */
size_t model_timers_sorted(const model_t *m, const model_handle_t **out,
                           size_t max);

#endif
