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

/* A handle in the ready queue or the timer heap. */
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

/* A task index entry: task index + 1 (0 empty) and the id's hash, so a
 * probe compares ids only when the hashes agree. */
typedef struct model_slot {
    size_t idx1;
    size_t hash;
} model_slot_t;

/* Outside model.c, tasks and handles are read through model_task_at,
 * model_ready_at and model_timers_sorted, so that the storage can change;
 * the counts and the other fields are read directly. */
typedef struct model {
    size_t nevents;        /* events applied */
    double clock;
    bool loop_exists, loop_running, loop_closed;
    model_handle_t *ready;   /* the live part of ready_base: pops advance it */
    size_t nready, capready;
    model_handle_t *ready_base;
    model_handle_t *timers;  /* a min-heap on (when, seq): in order
                                through model_timers_sorted */
    size_t ntimers, captimers;
    long seq;
    model_task_t *tasks;
    size_t ntasks, captasks;
    struct model_slot *task_index; /* open addressing on id */
    size_t task_index_cap;   /* a power of two, > 2 * ntasks */
    char *running;         /* the handle being run, or NULL */
    char *current_task;    /* task in a step, or NULL */
    long ticks;
    long iter_left;        /* handles left in the current tick */
    model_decision_t decision;
    int exit_code;         /* -1 until "exit" */
    bool deadlock;
    char *arena;           /* a clone's strings, in one block (model.c) */
    size_t arena_len;
} model_t;

void model_init(model_t *m);
void model_free(model_t *m);
/* Deep copy, for checkpoints. */
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
 * returns how many. Cheap for a few (a pane), a sort for many. */
size_t model_timers_sorted(const model_t *m, const model_handle_t **out,
                           size_t max);

#endif
