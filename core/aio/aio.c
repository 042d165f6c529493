/*
 * aio.c - installs the asyncio engine: the _lab module (the prelude's hooks
 * into C: trace events, the running loop, the weak task registry, the
 * "suspend" walk, logging), the trace hooks on stdout and warnings, the
 * deadlock exit, and the prelude itself (core/aio/asyncio.py, embedded at
 * build time as aio_prelude_source).
 *
 * Mirrors events.py's _get_running_loop/_set_running_loop and tasks.py's
 * _register_task / all_tasks registry (a WeakSet in CPython: here a list
 * swept by the collector's weak hook).
 */
#include "aio_int.h"

#include "fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

#define PRELUDE_FILE "<asyncio>"

extern const char aio_prelude_source[];

/* The registry of tasks, oldest first. Weak: the collector drops entries
 * whose task died (aio_weak). Kept outside the heap as a plain array. */
typedef struct registry { obj_t **v; size_t n, cap; } registry_t;

typedef struct aio_full {
    aio_t pub;
    registry_t tasks;
    registry_t agens;  /* pairs: loop, async generator (loop._asyncgens) */
} aio_full_t;

void aio_emit(vm_t *vm, const char *kind, const char *text)
{
    aio_t *a = aio_of(vm);
    if (a && a->trace) {
        trace_emit(a->trace, kind, text);
    }
}

void aio_emit_cat(vm_t *vm, const char *kind, const char *const *parts,
                  const size_t *lens, size_t n)
{
    aio_t *a = aio_of(vm);
    if (!a || !a->trace) {
        return;
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += lens[i];
    }
    char *text = malloc(total + 1), *p = text;
    if (!text) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(p, parts[i], lens[i]);
        p += lens[i];
    }
    *p = '\0';
    aio_emit(vm, kind, text);
    free(text);
}

static void aio_mark(vm_t *vm, void *ud)
{
    aio_t *a = ud;
    gc_mark(vm, a->running_loop);
    gc_mark(vm, a->last_loop);
    gc_mark(vm, (obj_t *)a->module);
    gc_mark(vm, (obj_t *)a->lab);
    gc_mark(vm, (obj_t *)a->t_loop);
    gc_mark(vm, (obj_t *)a->t_handle);
    gc_mark(vm, (obj_t *)a->t_timer);
    gc_mark(vm, (obj_t *)a->s_lab_id);
    gc_mark(vm, (obj_t *)a->s_call_exception_handler);
    gc_mark(vm, (obj_t *)a->s_format_source);
    gc_mark(vm, (obj_t *)a->s_blocking);
    gc_mark(vm, (obj_t *)a->s_call_soon);
    gc_mark(vm, a->future_del);
    gc_mark(vm, a->task_del);
    aio_mark_sites(vm, a);
    obj_t *more[] = {
        (obj_t *)a->t_future, (obj_t *)a->t_task, (obj_t *)a->t_futiter,
        (obj_t *)a->s_pending, (obj_t *)a->s_cancelled,
        (obj_t *)a->s_finished, (obj_t *)a->s_cancel,
        (obj_t *)a->s_add_done_callback, (obj_t *)a->s_result,
        (obj_t *)a->s_get_loop, (obj_t *)a->kw_context, a->get_event_loop,
        (obj_t *)a->s_get_debug,
        a->fid, (obj_t *)a->current_tasks, a->enter_task, a->leave_task,
        a->step, a->wakeup, (obj_t *)a->s_creating,
        (obj_t *)a->s_pending_names, (obj_t *)a->s_used_ids,
        (obj_t *)a->s_task_id, (obj_t *)a->s_Task,
        (obj_t *)a->s_in_cancel};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        gc_mark(vm, more[i]);
    }
    for (size_t i = 0; i < AIO_QNAMES; i++) {
        gc_mark(vm, (obj_t *)a->qnames[i]);
    }
}

/* The collector's fin_noop_hook: would [o]'s __del__ do nothing? True
 * for futures and tasks whose __del__ is asyncio's own and would return
 * at once (no exception left unretrieved; not a pending task that logs
 * its destruction), as _asyncio's FutureObj_finalize returns without
 * effect. */
static bool fin_noop(vm_t *vm, obj_t *o)
{
    aio_t *a = aio_of(vm);
    if (!a || !a->future_del || !aio_is_future(vm, o)) {
        return false;
    }
    obj_t *del = type_lookup(vm, TYPE(o), vm->s.__del__);
    if (del != a->task_del && del != a->future_del) {
        return false;
    }
    return aio_fut_del_noop(vm, o, del == a->task_del);
}

/* base_futures.isfuture, for the prelude's own calls (the public
 * asyncio.isfuture stays a Python function, as in CPython): the same
 * lookups, without a Python frame on every ensure_future and gather. */
NATIVE(lab_isfuture)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "isfuture(obj)");
    }
    // The commonest answers without the lookups: a coroutine's or a
    // generator's class (built in, so no one can give it the attribute)
    // has no _asyncio_future_blocking; the C Future's and Task's is a bool,
    // never None (the setter stores the value's truth).
    aio_t *a = aio_of(vm);
    type_t *t = TYPE(argv[0]);
    if (t == vm->t_coro || t == vm->t_gen) {
        return vm->false_;
    }
    if (t == a->t_future || t == a->t_task) {
        return vm->true_;
    }
    obj_t *cls = obj_getattr(vm, argv[0], vm->s.__class__);
    if (!cls) {
        return NULL;
    }
    str_t *name = a->s_blocking;
    obj_t *v;
    int h = obj_lookup_attr(vm, cls, name, &v);
    if (h <= 0) {
        return h < 0 ? NULL : vm->false_;
    }
    v = obj_getattr(vm, argv[0], name);
    if (!v) {
        return NULL;
    }
    return v != vm->none ? vm->true_ : vm->false_;
}

/* coroutines.iscoroutine (3.11), likewise for the prelude's own calls. */
int aio_iscoroutine(vm_t *vm, obj_t *o)
{
    type_t *t = TYPE(o);
    if (t == vm->t_coro || t == vm->t_gen) {
        return 1;
    }
    static const char *const names[] = {"send", "throw", "close",
                                        "__await__"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        obj_t *v;
        int h = obj_lookup_attr(vm, (obj_t *)t, str_intern(vm, names[i]),
                                &v);
        if (h <= 0) {
            return h;
        }
        // _collections_abc._check_methods: a method set to None is
        // explicitly absent.
        if (v == vm->none) {
            return 0;
        }
    }
    return 1;
}

obj_t *aio_coro_name(vm_t *vm, obj_t *coro)
{
    type_t *ct = TYPE(coro);
    str_t *qn = ct == vm->t_coro || ct == vm->t_gen
                    ? gen_qualname((gen_t *)coro)
                    : NULL;
    if (qn && TYPE(qn) == vm->t_str) {
        return (obj_t *)qn;
    }
    obj_t *v;
    int h = obj_lookup_attr(vm, coro, vm->s.__qualname__, &v);
    if (h < 0) {
        return NULL;
    }
    if (h && obj_isinstance_t(v, vm->t_str)) {
        return v;
    }
    return obj_getattr(vm, (obj_t *)ct, vm->s.__name__);
}

NATIVE(lab_coro_name)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "coro_name(coro)");
    }
    return aio_coro_name(vm, argv[0]);
}

NATIVE(lab_iscoroutine)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "iscoroutine(obj)");
    }
    int r = aio_iscoroutine(vm, argv[0]);
    return r < 0 ? NULL : r ? vm->true_ : vm->false_;
}

/* set_finalizers(Future.__del__, Task.__del__) */
NATIVE(lab_set_finalizers)
{
    (void)self, (void)kw;
    aio_t *a = aio_of(vm);
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError, "set_finalizers(fdel, tdel)");
    }
    a->future_del = argv[0];
    a->task_del = argv[1];
    vm->fin_noop_hook = fin_noop;
    return vm->none;
}

static void aio_weak(vm_t *vm)
{
    aio_full_t *f = (aio_full_t *)vm->aio;
    size_t k = 0;
    for (size_t i = 0; i < f->tasks.n; i++) {
        if (f->tasks.v[i]->marked) {
            f->tasks.v[k++] = f->tasks.v[i];
        }
    }
    f->tasks.n = k;
    k = 0;
    for (size_t i = 0; i + 1 < f->agens.n; i += 2) {
        if (f->agens.v[i]->marked && f->agens.v[i + 1]->marked) {
            f->agens.v[k++] = f->agens.v[i];
            f->agens.v[k++] = f->agens.v[i + 1];
        }
    }
    f->agens.n = k;
}

void aio_deadlock(vm_t *vm, double when)
{
    aio_t *a = aio_of(vm);
    if (a->trace) {
        trace_emitf(a->trace, "deadlock", "%.6f", when);
        trace_flush_out(a->trace);
        trace_emit(a->trace, "exit", "3");
        if (a->trace_path && trace_write(a->trace, a->trace_path) < 0) {
            fprintf(stderr, "looplab: cannot write trace '%s'\n",
                    a->trace_path);
        }
    }
    fflush(stdout);
    fprintf(stderr, "looplab: deadlock: nothing ready and no timer scheduled "
            "at virtual time %.6f\n", when);
    fflush(stderr);
    _exit(3);
}

/* ---- _lab natives ------------------------------------------------------- */

NATIVE(lab_emit)
{
    (void)self, (void)kw;
    if (argc < 1 || TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "emit(kind, text)");
    }
    const char *text = NULL;
    if (argc > 1 && argv[1] != vm->none) {
        if (TYPE(argv[1]) != vm->t_str) {
            return vm_raise(vm, EXC_TypeError, "emit(kind, text)");
        }
        text = ((str_t *)argv[1])->s;
    }
    aio_emit(vm, ((str_t *)argv[0])->s, text);
    return vm->none;
}

/* The kinds and prefixes emit_about keeps shapes for: C literals, as
 * aio_site compares them by address. */
static const char *const about_kinds[] = {"ensure_future", "create_task"};
static const char *const about_prefixes[] = {"", "future ", "coroutine "};

static int about_index(const char *const *v, size_t n, str_t *s)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(v[i]) == s->len && memcmp(v[i], s->s, s->len) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* _lab.emit_about(kind, prefix, x): the line "kind prefix<x>" for x a
 * str (a coroutine's name) or a future (its _fid), as the
 * prelude's _emit(kind, prefix + ...) wrote it. "ensure_future future
 * Task-3", "ensure_future coroutine work" and "create_task work" are
 * kept shapes: by the prefix and Future/Task for an id, by the name for
 * a name without digits. */
NATIVE(lab_emit_about)
{
    (void)self, (void)kw;
    if (argc != 3 || TYPE(argv[0]) != vm->t_str ||
        !obj_isinstance_t(argv[1], vm->t_str)) {
        return vm_raise(vm, EXC_TypeError, "emit_about(kind, prefix, x)");
    }
    aio_t *a = aio_of(vm);
    str_t *kind = (str_t *)argv[0], *prefix = (str_t *)argv[1];
    obj_t *x = argv[2];
    // A str is a name; anything else is named by _fid (a C future, or
    // any object isfuture() accepts).
    bool name = obj_isinstance_t(x, vm->t_str);
    bool fut = !name && aio_is_future(vm, x);
    // A future named by number needs no text unless the line is not
    // of a kept shape (below).
    str_t *text = name              ? (str_t *)x
                  : fut && FUT(x)->lab_n ? NULL
                                    : aio_lab_id_make(vm, x);
    if (!text && !(fut && FUT(x)->lab_n)) {
        return NULL;
    }
    if (!a->trace) {
        return vm->none;
    }
    int k = about_index(about_kinds, 2, kind);
    int p = about_index(about_prefixes, 3, prefix);
    if (k >= 0 && p >= 0 &&
        (fut ? FUT(x)->lab_n != 0
             : name && text->len < 400 && aio_str_is_plain(text))) {
        const char *kl = about_kinds[k];
        // A future's shape is keyed by the prefix literal; a name's by
        // its str, which the table's marking keeps alive (SUSPEND).
        const void *key = fut ? (const void *)about_prefixes[p] : text;
        uint32_t shape = (fut ? AIO_SITE_FUTURE_METHOD : AIO_SITE_SUSPEND) |
                         (uint32_t)p << 2 |
                         (fut ? (FUT(x)->lab_n & 1) << 4 : 0) | 1u << 5;
        uint64_t n = fut ? FUT(x)->lab_n >> 1 : 0;
        aio_cb_site_t *site = aio_site(a, kl, key, shape);
        if (aio_site_is(site, kl, key, shape)) {
            trace_emit_kept(a->trace, site->tmpl, &n, fut ? 1 : 0);
            return vm->none;
        }
        trace_begin(a->trace, kl);
        trace_plain(a->trace, " ", 1);
        trace_plain(a->trace, about_prefixes[p], strlen(about_prefixes[p]));
        if (fut) {
            aio_trace_id(a->trace, FUT(x));
        } else {
            trace_plain(a->trace, text->s, text->len);
        }
        aio_site_set(a, site, kl, key, shape, trace_end_keep(a->trace));
        return vm->none;
    }
    // The prelude's way: the text prefix + x, up to its first NUL.
    if (!text) {
        text = aio_lab_id(vm, x);
    }
    const char *parts[] = {prefix->s, text->s};
    size_t lens[] = {prefix->len, text->len};
    aio_emit_cat(vm, kind->s, parts, lens, 2);
    return vm->none;
}

NATIVE(lab_running_loop)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    obj_t *l = aio_of(vm)->running_loop;
    return l ? l : vm->none;
}

NATIVE(lab_set_running_loop)
{
    (void)self, (void)kw;
    aio_of(vm)->running_loop = argc && argv[0] != vm->none ? argv[0] : NULL;
    return vm->none;
}

void aio_register_task(vm_t *vm, obj_t *task)
{
    aio_full_t *f = (aio_full_t *)vm->aio;
    if (f->tasks.n == f->tasks.cap) {
        f->tasks.cap = f->tasks.cap ? f->tasks.cap * 2 : 64;
        f->tasks.v = realloc(f->tasks.v, f->tasks.cap * sizeof(obj_t *));
        if (!f->tasks.v) {
            abort();
        }
    }
    f->tasks.v[f->tasks.n++] = task;
}

NATIVE(lab_register_task)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "register_task(task)");
    }
    aio_register_task(vm, argv[0]);
    return vm->none;
}

/* loop._asyncgens, a WeakSet in CPython: _lab.agen_add(loop, agen),
 * agen_discard(loop, agen), agen_take(loop) -> the live ones, oldest
 * first, and forgets them (list(...) then clear() in shutdown_asyncgens). */
static void agen_forget(aio_full_t *f, obj_t *loop, obj_t *agen)
{
    size_t k = 0;
    for (size_t i = 0; i + 1 < f->agens.n; i += 2) {
        if (f->agens.v[i] == loop && (!agen || f->agens.v[i + 1] == agen)) {
            continue;
        }
        f->agens.v[k++] = f->agens.v[i];
        f->agens.v[k++] = f->agens.v[i + 1];
    }
    f->agens.n = k;
}

NATIVE(lab_agen_add)
{
    (void)self, (void)kw;
    aio_full_t *f = (aio_full_t *)vm->aio;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError, "agen_add(loop, agen)");
    }
    agen_forget(f, argv[0], argv[1]);
    if (f->agens.n + 2 > f->agens.cap) {
        f->agens.cap = f->agens.cap ? f->agens.cap * 2 : 16;
        f->agens.v = realloc(f->agens.v, f->agens.cap * sizeof(obj_t *));
        if (!f->agens.v) {
            abort();
        }
    }
    f->agens.v[f->agens.n++] = argv[0];
    f->agens.v[f->agens.n++] = argv[1];
    return vm->none;
}

NATIVE(lab_agen_discard)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError, "agen_discard(loop, agen)");
    }
    agen_forget((aio_full_t *)vm->aio, argv[0], argv[1]);
    return vm->none;
}

NATIVE(lab_agen_take)
{
    (void)self, (void)kw;
    aio_full_t *f = (aio_full_t *)vm->aio;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "agen_take(loop)");
    }
    // CPython's WeakSet has lost every generator whose last reference went
    // (a finished task's coroutine frees its locals at once); a collection
    // brings the list to the same state.
    if (vm->nogc == 0) {
        gc_collect(vm);
    }
    list_t *l = list_new(vm, 0);
    for (size_t i = 0; i + 1 < f->agens.n; i += 2) {
        gen_t *g = (gen_t *)f->agens.v[i + 1];
        // A finished generator that is still alive here is almost always
        // one CPython has freed already (held by a finished coroutine's
        // locals or a traceback): it is left out. (One the program keeps
        // in a global would get an aclose() task in CPython.)
        if (f->agens.v[i] == argv[0] && g->frame) {
            list_append(vm, l, (obj_t *)g);
        }
    }
    agen_forget(f, argv[0], NULL);
    return (obj_t *)l;
}

/* type.__or__ / type.__ror__: X | Y for types, None and unions
 * (Objects/unionobject.c). Anything else is NotImplemented. */
static bool union_operand(vm_t *vm, obj_t *o)
{
    return IS_CLASS(vm, o) || o == vm->none ||
           (vm->union_type && obj_isinstance_t(o, (type_t *)vm->union_type));
}

NATIVE(type_or)
{
    (void)kw;
    if (argc != 1 || !vm->union_or || !union_operand(vm, self) ||
        !union_operand(vm, argv[0])) {
        return vm->notimpl;
    }
    return vm_call2(vm, vm->union_or, self, argv[0]);
}

NATIVE(type_ror)
{
    (void)kw;
    if (argc != 1 || !vm->union_or || !union_operand(vm, self) ||
        !union_operand(vm, argv[0])) {
        return vm->notimpl;
    }
    return vm_call2(vm, vm->union_or, argv[0], self);
}

/* _lab.set_builtin_hooks(UnionType, union_or, anext_default): the
 * builtins whose Python half lives in the prelude (the one Python source
 * always loaded): types.UnionType behind type.__or__, and the awaitable
 * of anext(iterator, default). */
NATIVE(lab_set_builtin_hooks)
{
    (void)self, (void)kw;
    if (argc != 3 || TYPE(argv[0]) != vm->t_type) {
        return vm_raise(vm, EXC_TypeError,
                        "set_builtin_hooks(union_type, union_or, anext)");
    }
    vm->union_type = argv[0];
    vm->union_or = argv[1];
    vm->anext_default = argv[2];
    type_add_method(vm, vm->t_type, "__or__", type_or);
    type_add_method(vm, vm->t_type, "__ror__", type_ror);
    return vm->none;
}

NATIVE(lab_all_tasks)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    aio_full_t *f = (aio_full_t *)vm->aio;
    list_t *l = list_new(vm, f->tasks.n);
    if (!l) {
        return NULL;
    }
    for (size_t i = 0; i < f->tasks.n; i++) {
        l->items[i] = f->tasks.v[i];
    }
    return (obj_t *)l;
}

static bool is_program_code(code_t *co)
{
    return !(co->flags & CO_LIBRARY);
}

static void mark_library(vm_t *vm, code_t *co)
{
    co->flags |= CO_LIBRARY;
    for (size_t i = 0; i < co->consts->n; i++) {
        if (TYPE(co->consts->items[i]) == vm->t_code) {
            mark_library(vm, (code_t *)co->consts->items[i]);
        }
    }
}

/* _lab.at(file, firstline, *await_lines): a decorator giving a prelude
 * function the file, first line and suspension lines of the CPython
 * function it mirrors, so that reprs ("sleep() running at tasks.py:649",
 * "cb=[_run_until_complete_cb() at base_events.py:180]") match. */
static obj_t *lab_at_apply(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)kw;
    tuple_t *spec = (tuple_t *)self;
    if (argc != 1 || TYPE(argv[0]) != vm->t_func) {
        return vm_raise(vm, EXC_TypeError, "_lab.at(...) decorates functions");
    }
    code_t *co = ((func_t *)argv[0])->code;
    if (!co->srcfile) {
        co->srcfile = co->filename;
    }
    co->filename = (str_t *)spec->items[0];
    co->firstline = (int)OBJ_INT(spec->items[1]);
    int nl = (int)spec->n - 2;
    if (nl > 0 && !co->linemap) {
        co->linemap = calloc((size_t)nl * 2, sizeof(int32_t));
        int k = 0;
        for (size_t i = 0; i < co->nops && k < nl; i++) {
            int op = (int)(co->ops[i] & 0xff);
            if (op != OP_YIELD_FROM && op != OP_YIELD_VALUE) {
                continue;
            }
            int line = co->lines[i];
            bool seen = false;
            for (int j = 0; j < k; j++) {
                seen |= co->linemap[2 * j] == line;
            }
            if (!seen) {
                co->linemap[2 * k] = line;
                co->linemap[2 * k + 1] = (int32_t)OBJ_INT(spec->items[2 + k]);
                k++;
            }
        }
        co->nlinemap = k;
    }
    return argv[0];
}

NATIVE(lab_at)
{
    (void)self, (void)kw;
    if (argc < 2 || TYPE(argv[0]) != vm->t_str || TYPE(argv[1]) != vm->t_int) {
        return vm_raise(vm, EXC_TypeError, "_lab.at(file, line, *lines)");
    }
    tuple_t *spec = tuple_new(vm, (size_t)argc);
    for (int i = 0; i < argc; i++) {
        spec->items[i] = argv[i];
    }
    return (obj_t *)native_new(vm, "at", lab_at_apply, (obj_t *)spec);
}

/* TRACE.md "suspend ... <where>": follow cr_await / gi_yieldfrom through
 * live coroutines and generators; the innermost frame of program code
 * gives "qualname:line". Written into [found] (at least 512 bytes). */
/* "qualname:line" into [found] ([size] > 24), without printf: it is
 * written for every step that suspends. */
static void put_where(char *found, size_t size, str_t *qualname, int line)
{
    size_t n = qualname->len < size - 24 ? qualname->len : size - 24;
    memcpy(found, qualname->s, n);
    found[n++] = ':';
    n += fmt_u64(line < 0 ? 0 : (uint64_t)line, found + n);
    found[n] = 0;
}

bool aio_where_parts(vm_t *vm, obj_t *coro, str_t **qualname, int *line)
{
    obj_t *o = coro;
    bool found = false;
    for (int i = 0; i < 10000; i++) {
        if (TYPE(o) != vm->t_coro && TYPE(o) != vm->t_gen) {
            break;
        }
        gen_t *g = (gen_t *)o;
        if (!g->frame) {
            break;
        }
        code_t *co = g->frame->code;
        if (is_program_code(co)) {
            *qualname = co->qualname;
            *line = frame_line(g->frame);
            found = true;
        }
        obj_t *next = gen_yieldfrom(g);
        if (!next) {
            break;
        }
        o = next;
    }
    return found;
}

void aio_where(vm_t *vm, obj_t *coro, char *found, size_t size)
{
    str_t *qn;
    int line;
    if (aio_where_parts(vm, coro, &qn, &line)) {
        put_where(found, size, qn, line);
        return;
    }
    obj_t *saved = vm->exc;
    obj_t *q = obj_getattr_opt(vm, coro, vm->s.__qualname__);
    vm->exc = saved;
    snprintf(found, size, "%s:-",
             q && TYPE(q) == vm->t_str ? ((str_t *)q)->s : type_name(coro));
}

NATIVE(lab_where)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "where(coro)");
    }
    char found[512];
    aio_where(vm, argv[0], found, sizeof found);
    return (obj_t *)str_cstr(vm, found);
}

/* emit_suspend(task_id, coro): the step's "suspend <id> <where>" line,
 * made in C: it is emitted on every step that leaves a task pending. */
NATIVE(lab_emit_suspend)
{
    (void)self, (void)kw;
    if (argc != 2 || TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "emit_suspend(task_id, coro)");
    }
    aio_t *a = aio_of(vm);
    if (a && a->trace) {
        char found[512];
        aio_where(vm, argv[1], found, sizeof found);
        trace_emitf(a->trace, "suspend", "%s %s", ((str_t *)argv[0])->s,
                    found);
    }
    return vm->none;
}

/* getline(filename, lineno): the stripped source line, or '' (what
 * base_tasks._task_print_stack takes from linecache). */
NATIVE(lab_getline)
{
    (void)self, (void)kw;
    if (argc != 2 || TYPE(argv[0]) != vm->t_str || TYPE(argv[1]) != vm->t_int) {
        return vm_raise(vm, EXC_TypeError, "getline(filename, lineno)");
    }
    char buf[1024];
    if (!vm_source_line(vm, ((str_t *)argv[0])->s, (int)OBJ_INT(argv[1]), buf,
                        sizeof buf)) {
        buf[0] = 0;
    }
    return (obj_t *)str_cstr(vm, buf);
}

/* The asyncio logger's record, through logging's last-resort handler:
 * the message, then the exception's traceback, on stderr. */
NATIVE(lab_log)
{
    (void)self, (void)kw;
    if (argc < 2 || TYPE(argv[0]) != vm->t_str || TYPE(argv[1]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "log(level, msg, exc)");
    }
    str_t *msg = (str_t *)argv[1];
    aio_t *a = aio_of(vm);
    if (a->trace) {
        const char *nl = memchr(msg->s, '\n', msg->len);
        size_t n = nl ? (size_t)(nl - msg->s) : msg->len;
        char *first = malloc(n + 1);
        memcpy(first, msg->s, n);
        first[n] = 0;
        trace_emitf(a->trace, "log", "%s %s", ((str_t *)argv[0])->s, first);
        free(first);
    }
    vm_write_err(vm, msg->s, msg->len);
    vm_write_err(vm, "\n", 1);
    if (argc > 2 && argv[2] != vm->none &&
        (TYPE(argv[2])->flags & TF_EXCEPTION)) {
        vm_print_traceback(vm, argv[2], stderr);
    }
    return vm->none;
}

/* ---- Hooks ------------------------------------------------------------- */

static void out_hook(void *ud, const char *s, size_t n)
{
    trace_stdout((trace_t *)ud, s, n);
}

static void warn_hook(vm_t *vm, const char *category, const char *msg)
{
    aio_t *a = aio_of(vm);
    if (a->trace) {
        const char *nl = strchr(msg, '\n');
        int n = nl ? (int)(nl - msg) : (int)strlen(msg);
        trace_emitf(a->trace, "warn", "%s %.*s", category, n, msg);
    }
}

/* ---- Installation ------------------------------------------------------ */

void aio_def(vm_t *vm, module_t *m, const char *name, native_fn fn)
{
    native_t *n = native_new(vm, name, fn, (obj_t *)m);
    dict_set_cstr(vm, m->dict, name, (obj_t *)n);
}

int aio_init(vm_t *vm, const aio_options_t *opts)
{
    aio_full_t *f = calloc(1, sizeof *f);
    aio_t *a = &f->pub;
    a->vm = vm;
    a->trace = opts ? opts->trace : NULL;
    a->trace_path = opts ? opts->trace_path : NULL;
    a->realtime = opts && opts->realtime;
    vm->aio = a;
    vm->mark_hook = aio_mark;
    vm->mark_ud = a;
    vm->weak_hook = aio_weak;
    vm->warn_hook = warn_hook;
    if (a->trace) {
        vm->out.hook = out_hook;
        vm->out.ud = a->trace;
    }
    a->s_lab_id = str_intern(vm, "_lab_id");
    a->s_call_exception_handler = str_intern(vm, "call_exception_handler");
    a->s_format_source = str_intern(vm, "_format_callback_source");
    a->s_blocking = str_intern(vm, "_asyncio_future_blocking");
    a->s_call_soon = str_intern(vm, "call_soon");
    aio_loop_init_types(vm, a);

    module_t *lab = module_new(vm, "_lab");
    a->lab = lab;
    dict_set(vm, vm->modules, (obj_t *)lab->name, (obj_t *)lab);
    aio_def(vm, lab, "emit", lab_emit);
    aio_def(vm, lab, "emit_about", lab_emit_about);
    aio_def(vm, lab, "running_loop", lab_running_loop);
    aio_def(vm, lab, "set_running_loop", lab_set_running_loop);
    aio_def(vm, lab, "register_task", lab_register_task);
    aio_def(vm, lab, "all_tasks", lab_all_tasks);
    aio_def(vm, lab, "agen_add", lab_agen_add);
    aio_def(vm, lab, "agen_discard", lab_agen_discard);
    aio_def(vm, lab, "agen_take", lab_agen_take);
    aio_def(vm, lab, "set_builtin_hooks", lab_set_builtin_hooks);
    aio_def(vm, lab, "where", lab_where);
    aio_def(vm, lab, "emit_suspend", lab_emit_suspend);
    aio_def(vm, lab, "set_finalizers", lab_set_finalizers);
    aio_def(vm, lab, "isfuture", lab_isfuture);
    aio_def(vm, lab, "iscoroutine", lab_iscoroutine);
    aio_def(vm, lab, "coro_name", lab_coro_name);
    aio_def(vm, lab, "log", lab_log);
    aio_def(vm, lab, "getline", lab_getline);
    aio_def(vm, lab, "at", lab_at);
    aio_future_init_types(vm, a);
    aio_queue_init(vm, a);
    dict_set_cstr(vm, lab->dict, "LoopCore", (obj_t *)a->t_loop);
    dict_set_cstr(vm, lab->dict, "Handle", (obj_t *)a->t_handle);
    dict_set_cstr(vm, lab->dict, "TimerHandle", (obj_t *)a->t_timer);
    const int excs[] = {EXC_CancelledError, EXC_InvalidStateError,
                        EXC_QueueEmpty, EXC_QueueFull, EXC_LimitOverrunError,
                        EXC_IncompleteReadError, EXC_BrokenBarrierError};
    for (size_t i = 0; i < sizeof excs / sizeof excs[0]; i++) {
        type_t *t = vm->exc_types[excs[i]];
        dict_set(vm, lab->dict, (obj_t *)t->name, (obj_t *)t);
    }

    // The prelude runs as module "asyncio", registered first so that it
    // can find itself in sys.modules.
    module_t *m = module_new(vm, "asyncio");
    a->module = m;
    dict_set(vm, vm->modules, (obj_t *)m->name, (obj_t *)m);
    dict_set(vm, m->dict, (obj_t *)vm->s.__builtins__,
             dict_get_cstr(vm, vm->modules, "builtins"));
    dict_set(vm, m->dict, (obj_t *)vm->s.__file__,
             (obj_t *)str_cstr(vm, PRELUDE_FILE));
    size_t len = strlen(aio_prelude_source);
    dict_set(vm, vm->sources, (obj_t *)str_cstr(vm, PRELUDE_FILE),
             (obj_t *)str_new(vm, aio_prelude_source, len));
    code_t *co = compile_source(vm, aio_prelude_source, len, PRELUDE_FILE);
    if (!co) {
        return -1;
    }
    mark_library(vm, co);
    frame_t *fr = frame_new(vm, co, m->dict, NULL, NULL);
    bool y;
    vm->nogc++;
    obj_t *r = vm_eval(vm, fr, NULL, false, &y);
    vm->nogc--;
    return r ? 0 : -1;
}

void aio_free(vm_t *vm)
{
    aio_full_t *f = (aio_full_t *)vm->aio;
    if (!f) {
        return;
    }
    free(f->tasks.v);
    free(f->agens.v);
    free(f->pub.used_bits);
    free(f->pub.fmemo);
    free(f);
    vm->aio = NULL;
}
