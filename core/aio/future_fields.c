/*
 * future_fields.c - the fields of asyncio.Future and Task as attributes,
 * and the _lab hooks the prelude uses to name futures for the trace.
 *
 * Mirrors _asynciomodule.c's FUTURE_COMMON_GETSETLIST (FutureObj_get_state,
 * FutureObj_set_blocking, FutureObj_get_callbacks, ...): getset
 * descriptors, read-only where CPython's are, that raise "Future object
 * is not initialized." where C's ENSURE_FUTURE_ALIVE does.
 */
#include "aio_int.h"

#include <string.h>

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

#define OR_NONE(vm, o) ((o) ? (o) : (vm)->none)

/* ==== Fields ============================================================= */

static obj_t *g_state(vm_t *vm, obj_t *o)
{
    aio_t *a = aio_of(vm);
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return NULL;
    }
    switch (FUT(o)->state) {
    case FUT_CANCELLED:
        return (obj_t *)a->s_cancelled;
    case FUT_FINISHED:
        return (obj_t *)a->s_finished;
    default:
        return (obj_t *)a->s_pending;
    }
}

static int cannot_delete(vm_t *vm)
{
    vm_raise(vm, EXC_AttributeError, "cannot delete attribute");
    return -1;
}

static obj_t *g_blocking(vm_t *vm, obj_t *o)
{
    return bool_new(vm, FUT(o)->blocking);
}

static int s_blocking(vm_t *vm, obj_t *o, obj_t *v)
{
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return -1;
    }
    if (!v) {
        return cannot_delete(vm);
    }
    int t = obj_truthy(vm, v);
    if (t < 0) {
        return -1;
    }
    FUT(o)->blocking = t;
    return 0;
}

static obj_t *g_loop(vm_t *vm, obj_t *o)
{
    return OR_NONE(vm, FUT(o)->loop);
}

/* A list of (callback, context) pairs, or None when there are none
 * (FutureObj_get_callbacks): the future's own list when the first
 * callback is not kept apart. looplab has no contextvars: the context
 * is None. */
static obj_t *g_callbacks(vm_t *vm, obj_t *o)
{
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return NULL;
    }
    aio_future_t *f = FUT(o);
    if (!f->callback0) {
        // The future's own list, as C hands out fut_callbacks.
        return f->callbacks ? (obj_t *)f->callbacks : vm->none;
    }
    list_t *l = list_new(vm, 0);
    list_append(vm, l, (obj_t *)tuple_pack(vm, 2, f->callback0, vm->none));
    for (size_t i = 0; f->callbacks && i < f->callbacks->n; i++) {
        list_append(vm, l, f->callbacks->items[i]);
    }
    return (obj_t *)l;
}

static obj_t *g_result(vm_t *vm, obj_t *o)
{
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return NULL;
    }
    return OR_NONE(vm, fut_result(FUT(o)));
}

static obj_t *g_exception(vm_t *vm, obj_t *o)
{
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return NULL;
    }
    return OR_NONE(vm, fut_exception(FUT(o)));
}

static obj_t *g_log_tb(vm_t *vm, obj_t *o)
{
    if (aio_fut_alive(vm, FUT(o)) < 0) {
        return NULL;
    }
    return bool_new(vm, FUT(o)->log_tb);
}

static int s_log_tb(vm_t *vm, obj_t *o, obj_t *v)
{
    if (!v) {
        return cannot_delete(vm);
    }
    int t = obj_truthy(vm, v);
    if (t < 0) {
        return -1;
    }
    if (t) {
        vm_raise(vm, EXC_ValueError,
                 "_log_traceback can only be set to False");
        return -1;
    }
    FUT(o)->log_tb = false;
    return 0;
}

static obj_t *g_source_tb(vm_t *vm, obj_t *o)
{
    (void)o;
    return vm->none;
}

static obj_t *g_cancel_msg(vm_t *vm, obj_t *o)
{
    return OR_NONE(vm, FUT(o)->cancel_msg);
}

static int s_cancel_msg(vm_t *vm, obj_t *o, obj_t *v)
{
    if (!v) {
        return cannot_delete(vm);
    }
    FUT(o)->cancel_msg = v == vm->none ? NULL : v;
    return 0;
}

/* FUTURE_COMMON_GETSETLIST: Task has its own copies, as in C, so that
 * errors name '_asyncio.Task'. */
void aio_future_add_fields(vm_t *vm, type_t *t)
{
    type_add_getset(vm, t, "_state", g_state, NULL);
    type_add_getset(vm, t, "_asyncio_future_blocking", g_blocking,
                    s_blocking);
    type_add_getset(vm, t, "_loop", g_loop, NULL);
    type_add_getset(vm, t, "_callbacks", g_callbacks, NULL);
    type_add_getset(vm, t, "_result", g_result, NULL);
    type_add_getset(vm, t, "_exception", g_exception, NULL);
    type_add_getset(vm, t, "_log_traceback", g_log_tb, s_log_tb);
    type_add_getset(vm, t, "_source_traceback", g_source_tb, NULL);
    type_add_getset(vm, t, "_cancel_message", g_cancel_msg, s_cancel_msg);
}

/* ==== _lab hooks ========================================================= */

/* future_hooks(_get_event_loop, _fid, _current_tasks, _enter_task,
 * _leave_task) */
NATIVE(lab_future_hooks)
{
    (void)self, (void)kw;
    aio_t *a = aio_of(vm);
    if (argc != 5 || TYPE(argv[2]) != vm->t_dict) {
        return vm_raise(vm, EXC_TypeError, "future_hooks(...)");
    }
    a->get_event_loop = argv[0];
    a->fid = argv[1];
    a->current_tasks = (dict_t *)argv[2];
    a->enter_task = argv[3];
    a->leave_task = argv[4];
    return vm->none;
}

NATIVE(lab_lab_id)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "lab_id(obj)");
    }
    str_t *id = aio_lab_id(vm, argv[0]);
    return id ? (obj_t *)id : vm->none;
}

NATIVE(lab_set_lab_id)
{
    (void)self, (void)kw;
    if (argc != 2 || TYPE(argv[1]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError, "set_lab_id(obj, id)");
    }
    if (aio_is_future(vm, argv[0])) {
        aio_set_lab_id(FUT(argv[0]), (str_t *)argv[1]);
        return vm->none;
    }
    return obj_setattr(vm, argv[0], aio_of(vm)->s_lab_id, argv[1]) < 0
               ? NULL : vm->none;
}

NATIVE(lab_new_future_id)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return (obj_t *)aio_future_name(vm, ++aio_of(vm)->future_count);
}

/* _task_id's "name in _used_ids" and "_used_ids.add(name)", where
 * the "Task-N" ids are kept apart (aio_id_used). */
static dict_t *used_args(vm_t *vm, const char *what, int argc, obj_t **argv)
{
    if (argc != 2 || TYPE(argv[0]) != vm->t_set ||
        TYPE(argv[1]) != vm->t_str) {
        vm_raise(vm, EXC_TypeError, "%s(used, id)", what);
        return NULL;
    }
    return (dict_t *)argv[0];
}

NATIVE(lab_id_used)
{
    (void)self, (void)kw;
    dict_t *used = used_args(vm, "id_used", argc, argv);
    int c = used ? aio_id_used(vm, aio_of(vm), used, (str_t *)argv[1]) : -1;
    return c < 0 ? NULL : c ? vm->true_ : vm->false_;
}

NATIVE(lab_id_use)
{
    (void)self, (void)kw;
    dict_t *used = used_args(vm, "id_use", argc, argv);
    return used && aio_id_use(vm, aio_of(vm), used, (str_t *)argv[1]) == 0
               ? vm->none : NULL;
}

/* The sort key of _TaskSet: creation order, 0 for what is no future. */
NATIVE(lab_creation_order)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "creation_order(obj)");
    }
    return int_new(vm, aio_is_future(vm, argv[0]) ? FUT(argv[0])->lab_seq
                                                  : 0);
}

void aio_future_def_hooks(vm_t *vm, module_t *lab)
{
    aio_def(vm, lab, "future_hooks", lab_future_hooks);
    aio_def(vm, lab, "lab_id", lab_lab_id);
    aio_def(vm, lab, "set_lab_id", lab_set_lab_id);
    aio_def(vm, lab, "new_future_id", lab_new_future_id);
    aio_def(vm, lab, "creation_order", lab_creation_order);
    aio_def(vm, lab, "id_used", lab_id_used);
    aio_def(vm, lab, "id_use", lab_id_use);
}
