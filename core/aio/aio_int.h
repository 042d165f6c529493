/*
 * aio_int.h - internals shared by the files of core/aio.
 */
#ifndef LOOPLAB_CORE_AIO_AIO_INT_H
#define LOOPLAB_CORE_AIO_AIO_INT_H

#include "aio.h"
#include "code.h"
#include "obj_int.h"

/* The shape of a callback line the trace keeps a template for: "kind
 * callable arg..." with every number in it an argument (or the id's),
 * so that only the numbers change from one such event to the next.
 * a->trace is fixed for the engine's life, so tmpl stays valid. */
#define AIO_CB_SITES 128   /* in pairs: two ways */
#define AIO_QNAMES 19      /* queue.c's interned names */
#define AIO_KWMEMO_MAX 6   /* keywords of a call aio_unpack remembers */
/* A float's trace values (cbline.c's float_values or due_values) by
 * its bits: a program's few delays recur, and so do the due times the
 * virtual clock makes of them, where formatting one costs more than the
 * rest of its event. kind 0: empty; else the function's result, with n
 * values; bit 7 of kind tells due_values' entries from float_values'. */
typedef struct aio_float_memo {
    uint64_t bits;
    uint8_t kind, n;
    uint64_t vals[3];
} aio_float_memo_t;
#define AIO_FLOAT_MEMO_BITS 13
#define AIO_FLOAT_MEMO (1u << AIO_FLOAT_MEMO_BITS)   /* entries */

typedef struct aio_cb_site {
    const char *kind;      /* NULL: unused */
    /* A function's __qualname__ str (marked, so that its address is not
     * reused while here), or a built-in method's name, a C literal. */
    const void *key;
    uint32_t shape;        /* SITE_* of the key, and the argument count */
    uint32_t tmpl;         /* kept by trace_end_keep */
    /* Which entry this is: a count of the entries made, times
     * AIO_CB_SITES, plus the slot it was made in (a handle names its
     * "schedule" line's entry by it: aio_handle_t's line_site). */
    uint32_t gen;
    /* For a "schedule" or "timer" line: the template of the "run" line
     * of the same callback and arguments, + 1, with a reference of its
     * own; 0 not yet seen; AIO_RUN_NONE of a shape run_kept does not
     * take (cbline.c). */
    uint32_t run_tmpl;
} aio_cb_site_t;
#define AIO_RUN_NONE UINT32_MAX

/* The future lines recorded through kept templates: "future Future-N",
 * "done <id> result N" (an exact int), "done <id> result None",
 * "done <id> cancelled" and "cancel <id> -> False|True". */
enum {
    AIO_KEPT_FUTURE, AIO_KEPT_DONE_INT, AIO_KEPT_DONE_NONE,
    AIO_KEPT_DONE_CANCELLED, AIO_KEPT_CANCEL_FALSE, AIO_KEPT_CANCEL_TRUE,
    AIO_KEPT_N
};

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
    str_t *s_call_soon;
    str_t *s_blocking;     /* "_asyncio_future_blocking" */
    /* Future.__del__ and Task.__del__, for fin_noop (aio.c). */
    obj_t *future_del, *task_del;
    /* future.c / task.c: the C Future and Task, and the prelude's hooks
     * they call (set by _lab.future_hooks). */
    type_t *t_future, *t_task, *t_futiter;
    str_t *s_pending, *s_cancelled, *s_finished;
    str_t *s_cancel, *s_add_done_callback, *s_result, *s_get_loop;
    str_t *s_get_debug;
    tuple_t *kw_context;   /* ("context",): call_soon(cb, arg, context=) */
    /* aio_unpack's keyword matches, remembered per (names, kwnames
     * tuple): a call site passes the same constant tuple every time
     * (Task(coro, loop=self, name=name, context=context) per task).
     * Valid while vm->gcache_epoch stands (a collection advances it, and
     * only a collection can give the tuple's address to another). */
    struct aio_kwmemo {
        const char *const *names;
        const tuple_t *kw;
        uint64_t epoch;
        int8_t slot[AIO_KWMEMO_MAX];
    } kwmemo[4];
    /* aio_call_soon's answer for one loop type: its call_soon is the
     * native one, as of type epoch [soon_epoch] (vm->acache_epoch). */
    type_t *soon_type;
    uint64_t soon_epoch;
    obj_t *get_event_loop; /* _get_event_loop() */
    obj_t *fid;            /* _fid(obj): names a future or task */
    dict_t *current_tasks; /* _current_tasks */
    dict_hint_t current_hint; /* enter_task's and leave_task's place */
    obj_t *enter_task, *leave_task; /* for their errors */
    obj_t *step, *wakeup;  /* the unbound natives Task.__step, __wakeup */
    /* Names of the prelude's globals Task.__init__ reads (task.c). */
    str_t *s_creating, *s_pending_names, *s_used_ids, *s_task_id;
    str_t *s_Task, *s_in_cancel;
    /* Where those globals were last found (task.c's prelude_global). */
    size_t hint_creating, hint_pending_names, hint_used_ids, hint_Task,
        hint_task_id;
    int64_t seq;           /* creation count behind lab_seq */
    int64_t future_count;  /* "Future-N" */
    int64_t task_count;    /* "Task-N" (tasks.py's _task_name_counter) */
    /* The prelude's _used_ids (TRACE.md "Ids") holds the trace ids of
     * tasks except those reading "Task-N" as lab_n would take them:
     * those are bit N here, so that a task named by default needs no
     * str for its id (aio_id_used, aio_id_use). */
    uint64_t *used_bits;
    size_t nused_words;
    /* Callback lines recorded before, by shape (cbline.c). */
    aio_cb_site_t sites[AIO_CB_SITES];
    uint32_t sites_made;   /* entries made: their gen (aio_site_set) */
    /* Kept templates of a future's own lines, index + 1 (0: not yet),
     * by AIO_KEPT_* * 2 + (a Task's id) (future.c's emit_kept). */
    uint32_t kept[AIO_KEPT_N * 2];
    /* Trace values of floats seen before, NULL until the first
     * (cbline.c's float_values and due_values). */
    aio_float_memo_t *fmemo;
    /* The names queue.c's methods use (its QN_*), and the caches of
     * their reads, writes and calls. */
    str_t *qnames[AIO_QNAMES];
    struct {
        struct code_acache get, set;
        struct code_mcache call;
    } qcache[AIO_QNAMES];
};

/* asyncio.Future (_asyncio's FutureObj). dict is first, where OBJ_DICT
 * looks; it is made when an attribute is first set (TF_LAZYDICT). */
enum { FUT_PENDING, FUT_CANCELLED, FUT_FINISHED };
typedef struct aio_future {
    obj_t hdr;
    dict_t *dict;
    obj_t *loop;           /* NULL until __init__ */
    obj_t *callback0;      /* the first done callback, kept apart as C
                              does: most futures get just one */
    list_t *callbacks;     /* the others, or NULL */
    /* What the state holds, one field for three of _asyncio's (96 bytes
     * rather than 112: a pending task holds a Task and a Future): when
     * FINISHED the result, or the exception if has_exc; when CANCELLED
     * the CancelledError a task step caught (fut_cancelled_exc), until
     * it is raised again, or NULL. fut_result, fut_exception and
     * fut_cancelled_exc read it. */
    obj_t *value;
    obj_t *cancel_msg;
    /* The trace's name, NULL until named; or, when lab_n is set, NULL
     * until asked for (aio_lab_id makes "Future-N" / "Task-N" from
     * lab_n): a pending task would otherwise hold two strs of 80
     * bytes, its name's and its waiter future's. */
    str_t *lab_id;
    int64_t lab_seq;       /* creation order, for _TaskSet */
    uint8_t state;
    bool blocking;         /* _asyncio_future_blocking */
    bool log_tb;           /* exception set and never retrieved */
    /* fut_exception_tb: the exception's traceback (its first exc_ntb
     * entries) when set_exception took it, given back once, by the
     * first result() or await; later ones raise it with no traceback. */
    bool exc_tb;
    /* lab_id's number when it reads "Future-N" or "Task-N" (N << 1 |
     * 1 for Task), else 0: the trace takes N as a number, without
     * scanning the text (aio_trace_id). In the padding before exc_ntb.
     * A future is named once lab_id or lab_n is set (aio_fut_named). */
    uint32_t lab_n;
    uint32_t exc_ntb;
    bool has_exc;          /* FINISHED with an exception: value is it */
} aio_future_t;

#define FUT(o) ((aio_future_t *)(o))

static inline obj_t *fut_result(const aio_future_t *f)
{
    return f->state == FUT_FINISHED && !f->has_exc ? f->value : NULL;
}

static inline obj_t *fut_exception(const aio_future_t *f)
{
    return f->state == FUT_FINISHED && f->has_exc ? f->value : NULL;
}

/* Also set by a task step, just before it cancels its (still pending)
 * future. */
static inline obj_t *fut_cancelled_exc(const aio_future_t *f)
{
    return f->state != FUT_FINISHED ? f->value : NULL;
}

static inline bool aio_fut_named(const aio_future_t *f)
{
    return f->lab_id || f->lab_n;
}

/* asyncio.Task (_asyncio's TaskObj). */
typedef struct aio_task {
    aio_future_t f;
    obj_t *coro, *fut_waiter, *context;
    obj_t *name;           /* NULL while it is "Task-<name_n>" */
    int64_t num_cancels;
    bool must_cancel, log_destroy_pending;
    /* The number of a default name not made yet (task_name makes it
     * when asked), else 0: as CPython 3.12 names tasks lazily. */
    uint32_t name_n;
} aio_task_t;

/* An entry of the timer heap: the handle and a copy of its key (both
 * set once, by call_at), so that sifting reads the heap's array alone
 * rather than each handle it compares. */
typedef struct aio_timer_ent {
    double when;
    int64_t seq;
    struct aio_handle *h;
} aio_timer_ent_t;

/* The C part of an event loop (BaseEventLoop's hot state). The ready
 * queue is a ring buffer; the timer heap is ordered by (when, seq). */
typedef struct aio_loop {
    obj_t hdr;
    dict_t *dict;          /* Python attributes of the subclass */
    obj_t **ready;
    size_t rhead, rlen, rcap;
    aio_timer_ent_t *heap;
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
    bool cancelled : 1;
    bool scheduled : 1;    /* TimerHandle: still in the heap */
    bool timer : 1;
    uint8_t priv;          /* HANDLE_PRIV_* */
    /* The values of its "schedule" or "timer" line past a timer's due
     * time (the callback's and the arguments', which its "run" line
     * repeats), as the record's varints in line[0, line_len); line_len
     * 0 when they did not fit or the line was not of a kept shape.
     * trace_emit_kept_bytes copies all of line. */
    uint8_t line_len;
    /* The gen of the site entry that line was recorded through, 0 when
     * none. */
    uint32_t line_site;
    double when;
    unsigned char line[TRACE_BYTES_COPY];
} aio_handle_t;

/* A TimerHandle: a handle and the tie-break of equal due times that the
 * heap orders it by, which its < and > use too (the reference recorder's
 * TimerHandle compares (when, seq)). Plain handles, by far the commoner,
 * do without it. */
typedef struct aio_timer_handle {
    aio_handle_t h;
    int64_t seq;
} aio_timer_handle_t;

/* What of a handle only the engine holds: a handle made by the engine's
 * own call_soon (a task step, a done callback) that Python never saw
 * (through loop._ready or an exception handler's context) is released
 * as soon as it has run, with its args tuple and, for a step, the bound
 * method it made; the collector has less garbage to sweep. */
enum { HANDLE_PRIV = 1, HANDLE_PRIV_ARGS = 2, HANDLE_PRIV_CB = 4 };

/* The engine's state (vm->aio: an aio_t first): inline, as nearly every
 * engine function starts with it. */
static inline aio_t *aio_of(vm_t *vm)
{
    return (aio_t *)vm->aio;
}

/* cbline.c */
/* Marks the strs the line-shape cache (a->sites) holds. */
void aio_mark_sites(vm_t *vm, aio_t *a);
/* What an aio_cb_site_t's key is: a shape's low two bits (a count of
 * arguments may sit above them). */
enum {
    AIO_SITE_FUNC,          /* a function's __qualname__ str */
    AIO_SITE_FUTURE_METHOD, /* a built-in method's name, a C literal */
    AIO_SITE_TASK_METHOD,   /* the same, of a Task */
    AIO_SITE_SUSPEND        /* the code's __qualname__ str of a suspend */
};
/* Whether site entry [site] holds this shape. */
static inline bool aio_site_is(const aio_cb_site_t *site, const char *kind,
                               const void *key, uint32_t shape)
{
    return site->kind == kind && site->key == key && site->shape == shape;
}

/* The slot of a->sites for this shape (the first of a pair), which
 * holds it if it is in the table. The table is two-way: a shape lives in
 * one of the two slots of its pair, the one used last first, so that two
 * shapes a program alternates between (a task's run line and its
 * suspend line) do not keep displacing each other. Inline: found for
 * nearly every event. */
static inline aio_cb_site_t *aio_site(aio_t *a, const char *kind,
                                      const void *key, uint32_t shape)
{
    uint64_t h = ((uint64_t)(uintptr_t)key ^ (uint64_t)(uintptr_t)kind << 1 ^
                  shape) * 0x9e3779b97f4a7c15ull;
    aio_cb_site_t *pair = &a->sites[(h >> 40) % (AIO_CB_SITES / 2) * 2];
    if (!aio_site_is(&pair[0], kind, key, shape) &&
        aio_site_is(&pair[1], kind, key, shape)) {
        aio_cb_site_t t = pair[0];
        pair[0] = pair[1];
        pair[1] = t;
    }
    return pair;
}

/* The entry whose gen is [g] (a handle's line_site), NULL when it has
 * left the table or [g] is 0: in the slot it was made in or the other
 * of its pair, since aio_site moves entries within their pair. */
static inline aio_cb_site_t *aio_site_of_gen(aio_t *a, uint32_t g)
{
    aio_cb_site_t *s = &a->sites[g % AIO_CB_SITES];
    if (s->gen != g) {
        s = &a->sites[(g % AIO_CB_SITES) ^ 1];
    }
    return g && s->gen == g ? s : NULL;
}

/* Stores this shape in [site] (aio_site's) with its kept template; the
 * pair's older shape is given back to the trace. */
void aio_site_set(aio_t *a, aio_cb_site_t *site, const char *kind,
                  const void *key, uint32_t shape, uint32_t tmpl);
/* Formats "callable arg..." for trace lines (TRACE.md "Callbacks"). */
str_t *aio_format_cb(vm_t *vm, obj_t *cb, tuple_t *args);
/* The callback line "KIND callable args..." (after a timer's due time
 * [when] when not NULL) of a kept shape already seen, with no partial
 * (the commonest way): returns the site entry it was recorded through,
 * NULL (nothing recorded) when the line is not of that kind. The line's
 * values past the due time go to [h]'s line when [h] is not NULL. */
aio_cb_site_t *aio_emit_cb_quick(vm_t *vm, trace_t *trace, const char *kind,
                                 const double *when, obj_t *cb,
                                 tuple_t *args, aio_handle_t *h);
/* Records any callback line, after a timer's due time [when] (printf's
 * %.6f) when not NULL. Returns the site entry it was recorded through
 * when it is of a kept shape, else NULL. */
aio_cb_site_t *aio_emit_cb_other(vm_t *vm, trace_t *trace,
                                 const char *kind, const double *when,
                                 obj_t *cb, tuple_t *args, aio_handle_t *h);
/* Records a callback line when recording: inline, so that a run
 * without a recorder pays one test. Returns the entry's gen, or 0. */
static inline uint32_t aio_emit_cb(vm_t *vm, const char *kind,
                                   const double *when, obj_t *cb,
                                   tuple_t *args, aio_handle_t *h)
{
    trace_t *t = aio_of(vm)->trace;
    if (!t) {
        return 0;
    }
    aio_cb_site_t *s = aio_emit_cb_quick(vm, t, kind, when, cb, args, h);
    if (!s) {
        s = aio_emit_cb_other(vm, t, kind, when, cb, args, h);
    }
    return s ? s->gen : 0;
}
/* Handle [h]'s "run" line when recording: through the template its
 * "schedule" or "timer" line's site entry keeps for it when there is
 * one, else as aio_emit_cb. */
void aio_emit_cb_run_traced(vm_t *vm, trace_t *t, aio_handle_t *h);
static inline void aio_emit_cb_run(vm_t *vm, aio_handle_t *h)
{
    aio_t *a = aio_of(vm);
    trace_t *t = a->trace;
    if (!t) {
        return;
    }
    // The commonest way, inline: the entry of the handle's first line
    // is still in the table with a "run" template, and the values that
    // line kept in the handle are copied, unless a function's
    // __qualname__ changed since (a built-in method's name cannot).
    uint32_t g = h->line_site;
    const aio_cb_site_t *s = aio_site_of_gen(a, g);
    if (s && h->line_len && s->run_tmpl &&
        s->run_tmpl != AIO_RUN_NONE &&
        ((s->shape & 3) != AIO_SITE_FUNC ||
         ((func_t *)h->callback)->qualname == s->key) &&
        trace_emit_kept_bytes(t, s->run_tmpl - 1, h->line, h->line_len)) {
        return;
    }
    aio_emit_cb_run_traced(vm, t, h);
}

/* loop.c */
void aio_loop_init_types(vm_t *vm, aio_t *a);
void aio_loop_mark(vm_t *vm, obj_t *o);
double aio_loop_time(vm_t *vm, aio_loop_t *l);
/* loop.call_soon(cb, *args) for the engine: in C when [loop]'s
 * call_soon is the C one (the handle is then private, and so is cb when
 * [own_cb]: nothing else may hold it), else as a method call. Returns
 * the handle, NULL if it raised. */
obj_t *aio_call_soon(vm_t *vm, obj_t *loop, obj_t *cb, int argc,
                     obj_t **argv, bool own_cb);
/* Whether [loop] is a C loop whose get_debug() is the C one (asking it
 * needs no call). */
bool aio_loop_is_core(vm_t *vm, obj_t *loop);

/* queue.c: asyncio.Queue's synchronous methods, as _lab.queue_*. */
void aio_queue_init(vm_t *vm, aio_t *a);

/* future.c */
void aio_future_init_types(vm_t *vm, aio_t *a);
bool aio_is_future(vm_t *vm, obj_t *o); /* an instance of the C Future */
/* future.c: the prelude's _traced_cancel around the C cancel [orig]. */
obj_t *aio_traced_cancel(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw, native_fn orig, bool tasks_silent);
/* _register_task: the registry behind all_tasks(). */
void aio_register_task(vm_t *vm, obj_t *task);
/* The prelude's _coro_name(coro), the trace's name of a coroutine:
 * getattr(coro, '__qualname__', None) when that is a str, else
 * type(coro).__name__. */
obj_t *aio_coro_name(vm_t *vm, obj_t *coro);
/* coroutines.iscoroutine (the prelude's _iscoroutine): 1, 0 or -1. */
int aio_iscoroutine(vm_t *vm, obj_t *o);
/* Whether s[0, n) holds no ASCII digit and no line break: text the
 * trace may take as trace_plain. */
bool aio_text_is_plain(const char *s, size_t n);
/* aio_text_is_plain of str [s], found once (aio_str_find_plain), then
 * read from the str's trace_plain flag: inline, as most events ask it
 * of a name they have asked before. */
bool aio_str_find_plain(str_t *s);
static inline bool aio_str_is_plain(str_t *s)
{
    return s->trace_plain ? s->trace_plain == 1 : aio_str_find_plain(s);
}
/* Writes str [s] into the trace event being built: copied without a
 * scan once [s] is known to hold no digit or line break. */
void aio_trace_str(trace_t *t, str_t *s);
/* Sets [f]'s trace id, and lab_n from it. */
void aio_set_lab_id(aio_future_t *f, str_t *id);
/* The lab_n of an id: N << 1 | (1 for Task) when [id] reads "Future-N"
 * or "Task-N" with N written as trace_uint writes it, below 10**9;
 * else 0. */
uint32_t aio_lab_n_of(const str_t *id);
/* Writes [f]'s trace id (f is named) into the trace event being
 * built. */
void aio_trace_id(trace_t *t, const aio_future_t *f);
/* Whether [id] is in the trace's used task ids ([used] is the prelude's
 * _used_ids set): -1 on error. Adding it: 0, or -1 on error. */
int aio_id_used(vm_t *vm, aio_t *a, dict_t *used, str_t *id);
int aio_id_use(vm_t *vm, aio_t *a, dict_t *used, str_t *id);
/* The same for the id "Task-N" of lab_n n (not a str yet). */
bool aio_id_n_used(const aio_t *a, uint32_t n);
void aio_id_n_use(aio_t *a, uint32_t n);

/* The trace id of a future or task: its field (made from lab_n when
 * not made yet), else a "_lab_id" attribute; NULL when it has none. */
str_t *aio_lab_id(vm_t *vm, obj_t *o);
/* ... or a new one given by the prelude's _fid. NULL if that raised. */
str_t *aio_lab_id_make(vm_t *vm, obj_t *o);
int aio_fut_init(vm_t *vm, aio_future_t *f, obj_t *loop);
int aio_fut_set_result(vm_t *vm, aio_future_t *f, obj_t *v);
/* Adds a done callback to a pending future (callback0 first). */
void aio_fut_add_callback(vm_t *vm, aio_future_t *f, obj_t *fn);
int aio_fut_set_exception(vm_t *vm, aio_future_t *f, obj_t *e);
/* future_cancel: whether it was cancelled now; when a callback could not
 * be scheduled the error is left raised. */
bool aio_fut_cancel(vm_t *vm, aio_future_t *f, obj_t *msg);
obj_t *aio_fut_cancelled_error(vm_t *vm, aio_future_t *f);
/* future_get_result: 0 with *out the result, 1 with *out the exception,
 * -1 with the error raised (CancelledError, InvalidStateError). */
int aio_fut_get_result(vm_t *vm, aio_future_t *f, obj_t **out);
/* Whether [f] was initialised; else raises RuntimeError as C does. */
int aio_fut_alive(vm_t *vm, aio_future_t *f);
str_t *aio_future_name(vm_t *vm, int64_t n);   /* "Future-N" */
str_t *aio_task_name(vm_t *vm, int64_t n);     /* "Task-N" */

/* future_fields.c */
void aio_future_add_fields(vm_t *vm, type_t *t);
void aio_future_def_hooks(vm_t *vm, module_t *lab);

/* argclinic.c */
/* Argument checks with CPython's wording: METH_NOARGS and
 * METH_O methods of Future/Task, and Argument Clinic's unpacking. */
int aio_no_args(vm_t *vm, obj_t *self, const char *name, int argc,
                tuple_t *kw);
int aio_one_arg(vm_t *vm, obj_t *self, const char *name, int argc,
                tuple_t *kw);
int aio_unpack(vm_t *vm, const char *fname, int argc, obj_t **argv,
               tuple_t *kw, int posonly, int minpos, int maxpos,
               const char *const *names, int nnames, obj_t **out);
/* A method of [t] kept out of its dict, as _asyncio keeps task_step and
 * task_wakeup (dir(Task) shows neither); the prelude reaches it through
 * _lab as [key]. The trace shows it bound as "Task-1.__step". */
obj_t *aio_add_private(vm_t *vm, type_t *t, const char *key,
                       const char *name, const char *qualname, native_fn fn);
/* fin_noop's test for C futures and tasks. */
bool aio_fut_del_noop(vm_t *vm, obj_t *o, bool task_del);

/* task.c */
void aio_task_init_types(vm_t *vm, aio_t *a);

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
void aio_emit(vm_t *vm, const char *kind, const char *text);
/* aio_emit of the text parts[0] + ... + parts[n-1] (lengths given): a
 * line the prelude would have joined in Python, up to its first NUL. */
void aio_emit_cat(vm_t *vm, const char *kind, const char *const *parts,
                  const size_t *lens, size_t n);
/* Adds the native [fn] to module [m] as [name]. */
void aio_def(vm_t *vm, module_t *m, const char *name, native_fn fn);
/* TRACE.md's "<where>" of a suspended coroutine: the innermost frame of
 * program code it awaits in, "qualname:line", into [found]. */
void aio_where(vm_t *vm, obj_t *coro, char *found, size_t size);
/* aio_where's innermost frame of the program's own code in [coro]'s
 * await chain, as its code's __qualname__ and its line (the text is
 * "qualname:line", line below 0 written as 0); false if there is none
 * (aio_where then asks the coroutine for its __qualname__). Runs no
 * Python code. */
bool aio_where_parts(vm_t *vm, obj_t *coro, str_t **qualname, int *line);
/* The deadlock exit of TRACE.md: never returns. */
void aio_deadlock(vm_t *vm, double when);

#endif
