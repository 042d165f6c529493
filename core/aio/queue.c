/*
 * queue.c - asyncio.Queue's synchronous methods in C.
 *
 * Mirrors queues.py (3.11) method by method: Queue.qsize, empty, full,
 * _get, _put, _wakeup_next, put_nowait, get_nowait and task_done; and
 * locks.py's Event.clear, which put_nowait calls for every item. The
 * class itself, __init__, _init, the coroutines put, get and join, and
 * the subclasses stay in the prelude (asyncio.py), so that coroutine
 * objects, their names and reprs, and the frames a traceback or a
 * "suspend" line shows are what CPython's are. These methods are
 * Python there and cost a frame each; a queue item goes through about
 * a dozen of them.
 *
 * Every method reads what the Python one reads, in the same order, and
 * calls what it calls, through the instance: a subclass overriding
 * _put, full or qsize (PriorityQueue, LifoQueue, a program's own), an
 * instance attribute hiding a method, a _queue that is not a list, all
 * behave as in CPython. What is saved is the frames, and the lookups:
 * attributes and methods go through caches of the eval loop's kinds
 * (vm_getattr_cached and its kin), so a C method calling another
 * finds it as LOAD_METHOD would, then calls it directly.
 *
 * The methods are unbound natives (NF_METHOD, no owner): any receiver
 * is accepted, as a Python function's would be, and a missing attribute
 * raises the AttributeError CPython's method would. NF_PYFUNC gives
 * them a Python function's repr and argument errors (slow_args).
 *
 * The queue's deques (_queue, _getters, _putters) are collections.deque
 * (obj_deque.c), as in queues.py: an exact deque is taken from and
 * appended to directly, anything else (a subclass, a program's own
 * object) through its popleft and append, as CPython would call them.
 */
#include "aio_int.h"

#include <stdint.h>
#include <string.h>

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

/* The attribute and method names the methods use, interned once and
 * marked by aio_mark (a->qnames). */
enum {
    QN_QUEUE, QN_MAXSIZE, QN_GETTERS, QN_PUTTERS, QN_UNFINISHED,
    QN_FINISHED, QN_QSIZE, QN_FULL, QN_EMPTY, QN_GET, QN_PUT,
    QN_WAKEUP_NEXT, QN_CLEAR, QN_SET, QN_DONE, QN_SET_RESULT,
    QN_APPEND, QN_POPLEFT, QN_VALUE, QN_N
};
_Static_assert(QN_N == AIO_QNAMES, "aio_int.h sizes the names");
static const char *const qnames[QN_N] = {
    "_queue", "_maxsize", "_getters", "_putters", "_unfinished_tasks",
    "_finished", "qsize", "full", "empty", "_get", "_put", "_wakeup_next",
    "clear", "set", "done", "set_result", "append", "popleft",
    "_value"};

/* The arguments of a method with no parameter but self ([param] NULL)
 * or one, [param], when they are not simply that many positionals:
 * the one argument to *[out], or the TypeError CPython raises for a
 * Python function, in its words. Returns false when it raised. */
static bool slow_args(vm_t *vm, const char *qualname, const char *param,
                      int argc, obj_t **argv, tuple_t *kw, obj_t **out)
{
    int want = param ? 1 : 0;
    int nkw = kw ? (int)kw->n : 0;
    if (argc > want) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes %d positional argument%s but %d were given",
                 qualname, want + 1, want ? "s" : "", argc + 1);
        return false;
    }
    for (int i = 0; i < nkw; i++) {
        const char *k = ((str_t *)kw->items[i])->s;
        if (!param || strcmp(k, param) != 0) {
            vm_raise(vm, EXC_TypeError,
                     "%s() got an unexpected keyword argument '%s'",
                     qualname, k);
            return false;
        }
        if (argc == 1 || i > 0) {
            vm_raise(vm, EXC_TypeError,
                     "%s() got multiple values for argument '%s'",
                     qualname, param);
            return false;
        }
        *out = argv[argc + i];
    }
    if (param && argc + nkw == 0) {
        vm_raise(vm, EXC_TypeError,
                 "%s() missing 1 required positional argument: '%s'",
                 qualname, param);
        return false;
    }
    if (param && argc == 1) {
        *out = argv[0];
    }
    return true;
}
/* Entry of every method: [arg] (param not NULL) is its one argument. */
#define ARGS0(qualname)                                                     \
    if (argc != 0 || kw) {                                                  \
        if (!slow_args(vm, qualname, NULL, argc, argv, kw, NULL)) {         \
            return NULL;                                                    \
        }                                                                   \
    }
#define ARGS1(qualname, param, arg)                                         \
    obj_t *arg = argc == 1 ? argv[0] : NULL;                                \
    if (argc != 1 || kw) {                                                  \
        if (!slow_args(vm, qualname, param, argc, argv, kw, &arg)) {        \
            return NULL;                                                    \
        }                                                                   \
    }

/* o.NAME(*argv), o.NAME and o.NAME = v through the caches for NAME. */
static obj_t *call(vm_t *vm, obj_t *o, int name, int argc, obj_t **argv)
{
    aio_t *a = aio_of(vm);
    return vm_call_method_cached(vm, o, a->qnames[name], argc, argv,
                                 &a->qcache[name].call);
}

static obj_t *attr(vm_t *vm, obj_t *o, int name)
{
    aio_t *a = aio_of(vm);
    return vm_getattr_cached(vm, o, a->qnames[name], &a->qcache[name].get);
}

static int set_attr(vm_t *vm, obj_t *o, int name, obj_t *v)
{
    aio_t *a = aio_of(vm);
    return vm_setattr_cached(vm, o, a->qnames[name], v,
                             &a->qcache[name].set);
}

/* a OP b as Python evaluates it, as a truth value: 1, 0, -1 raised. */
static int compare(vm_t *vm, obj_t *a, obj_t *b, int op)
{
    if (TYPE(a) == vm->t_int && TYPE(b) == vm->t_int) {
        int64_t x = OBJ_INT(a), y = OBJ_INT(b);
        return op == CMP_LE ? x <= y : op == CMP_GE ? x >= y : x == y;
    }
    obj_t *r = obj_compare(vm, a, b, op);
    return r ? obj_truthy(vm, r) : -1;
}

/* self._unfinished_tasks += 1 ([op] OP_ADD) or -= 1 (OP_SUB) */
static int count_unfinished(vm_t *vm, obj_t *self, int op)
{
    obj_t *v = attr(vm, self, QN_UNFINISHED);
    if (!v) {
        return -1;
    }
    obj_t *r;
    if (TYPE(v) == vm->t_int && OBJ_INT(v) > INT64_MIN &&
        OBJ_INT(v) < INT64_MAX) {
        r = int_new(vm, OBJ_INT(v) + (op == OP_ADD ? 1 : -1));
    } else {
        r = obj_binop(vm, v, int_new(vm, 1), op, true);
    }
    return r ? set_attr(vm, self, QN_UNFINISHED, r) : -1;
}

/* def qsize(self): return len(self._queue) */
NATIVE(q_qsize)
{
    ARGS0("Queue.qsize")
    obj_t *q = attr(vm, self, QN_QUEUE);
    if (!q) {
        return NULL;
    }
    if (TYPE(q) == vm->t_deque) {
        return int_new(vm, (int64_t)deque_len((deque_t *)q));
    }
    int64_t n = obj_len(vm, q);
    return n < 0 ? NULL : int_new(vm, n);
}

/* def empty(self): return not self._queue */
NATIVE(q_empty)
{
    ARGS0("Queue.empty")
    obj_t *q = attr(vm, self, QN_QUEUE);
    if (!q) {
        return NULL;
    }
    int t = obj_truthy(vm, q);
    return t < 0 ? NULL : t ? vm->false_ : vm->true_;
}

/* def full(self):
 *     if self._maxsize <= 0: return False
 *     else: return self.qsize() >= self._maxsize */
NATIVE(q_full)
{
    ARGS0("Queue.full")
    obj_t *m = attr(vm, self, QN_MAXSIZE);
    if (!m) {
        return NULL;
    }
    int le = compare(vm, m, int_new(vm, 0), CMP_LE);
    if (le) {
        return le < 0 ? NULL : vm->false_;
    }
    obj_t *n = call(vm, self, QN_QSIZE, 0, NULL);
    if (!n || !(m = attr(vm, self, QN_MAXSIZE))) {
        return NULL;
    }
    if (TYPE(n) == vm->t_int && TYPE(m) == vm->t_int) {
        return OBJ_INT(n) >= OBJ_INT(m) ? vm->true_ : vm->false_;
    }
    return obj_compare(vm, n, m, CMP_GE);
}

/* [d].popleft() */
static obj_t *popleft(vm_t *vm, obj_t *d)
{
    if (TYPE(d) == vm->t_deque) {
        return deque_popleft(vm, (deque_t *)d);
    }
    return call(vm, d, QN_POPLEFT, 0, NULL);
}

/* def _get(self): return self._queue.popleft() */
NATIVE(q_get)
{
    ARGS0("Queue._get")
    obj_t *q = attr(vm, self, QN_QUEUE);
    return q ? popleft(vm, q) : NULL;
}

/* def _put(self, item): self._queue.append(item) */
NATIVE(q_put)
{
    ARGS1("Queue._put", "item", item)
    obj_t *q = attr(vm, self, QN_QUEUE);
    if (!q) {
        return NULL;
    }
    if (TYPE(q) == vm->t_deque) {
        deque_append(vm, (deque_t *)q, item);
        return vm->none;
    }
    return call(vm, q, QN_APPEND, 1, &item) ? vm->none : NULL;
}

/* def _wakeup_next(self, waiters):
 *     while waiters:
 *         waiter = waiters.popleft()
 *         if not waiter.done():
 *             waiter.set_result(None)
 *             break */
NATIVE(q_wakeup_next)
{
    (void)self;
    ARGS1("Queue._wakeup_next", "waiters", ws)
    for (;;) {
        int t = obj_truthy(vm, ws);
        if (t <= 0) {
            return t < 0 ? NULL : vm->none;
        }
        obj_t *w = popleft(vm, ws);
        obj_t *done = w ? call(vm, w, QN_DONE, 0, NULL) : NULL;
        int d = done ? obj_truthy(vm, done) : -1;
        if (d < 0) {
            return NULL;
        }
        if (!d) {
            obj_t *none = vm->none;
            return call(vm, w, QN_SET_RESULT, 1, &none) ? vm->none : NULL;
        }
    }
}

/* def put_nowait(self, item):
 *     if self.full(): raise QueueFull
 *     self._put(item)
 *     self._unfinished_tasks += 1
 *     self._finished.clear()
 *     self._wakeup_next(self._getters) */
NATIVE(q_put_nowait)
{
    ARGS1("Queue.put_nowait", "item", item)
    obj_t *full = call(vm, self, QN_FULL, 0, NULL);
    int t = full ? obj_truthy(vm, full) : -1;
    if (t) {
        // raise QueueFull: the class, called with no arguments.
        return t < 0 ? NULL
                     : vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, QueueFull));
    }
    obj_t *fin, *getters;
    if (!call(vm, self, QN_PUT, 1, &item) ||
        count_unfinished(vm, self, OP_ADD) < 0 ||
        !(fin = attr(vm, self, QN_FINISHED)) ||
        !call(vm, fin, QN_CLEAR, 0, NULL) ||
        !(getters = attr(vm, self, QN_GETTERS)) ||
        !call(vm, self, QN_WAKEUP_NEXT, 1, &getters)) {
        return NULL;
    }
    return vm->none;
}

/* def get_nowait(self):
 *     if self.empty(): raise QueueEmpty
 *     item = self._get()
 *     self._wakeup_next(self._putters)
 *     return item */
NATIVE(q_get_nowait)
{
    ARGS0("Queue.get_nowait")
    obj_t *empty = call(vm, self, QN_EMPTY, 0, NULL);
    int t = empty ? obj_truthy(vm, empty) : -1;
    if (t) {
        return t < 0 ? NULL
                     : vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, QueueEmpty));
    }
    obj_t *item = call(vm, self, QN_GET, 0, NULL);
    obj_t *putters;
    if (!item || !(putters = attr(vm, self, QN_PUTTERS)) ||
        !call(vm, self, QN_WAKEUP_NEXT, 1, &putters)) {
        return NULL;
    }
    return item;
}

/* def task_done(self):
 *     if self._unfinished_tasks <= 0:
 *         raise ValueError('task_done() called too many times')
 *     self._unfinished_tasks -= 1
 *     if self._unfinished_tasks == 0:
 *         self._finished.set() */
NATIVE(q_task_done)
{
    ARGS0("Queue.task_done")
    obj_t *u = attr(vm, self, QN_UNFINISHED);
    int t = u ? compare(vm, u, int_new(vm, 0), CMP_LE) : -1;
    if (t) {
        return t < 0 ? NULL : vm_raise(vm, EXC_ValueError,
                                       "task_done() called too many times");
    }
    if (count_unfinished(vm, self, OP_SUB) < 0 ||
        !(u = attr(vm, self, QN_UNFINISHED))) {
        return NULL;
    }
    t = compare(vm, u, int_new(vm, 0), CMP_EQ);
    if (t) {
        obj_t *fin;
        if (t < 0 || !(fin = attr(vm, self, QN_FINISHED)) ||
            !call(vm, fin, QN_SET, 0, NULL)) {
            return NULL;
        }
    }
    return vm->none;
}

/* locks.py's Event.clear, which put_nowait calls for every item:
 * def clear(self): self._value = False */
NATIVE(event_clear)
{
    ARGS0("Event.clear")
    return set_attr(vm, self, QN_VALUE, vm->false_) < 0 ? NULL : vm->none;
}

static void def_method(vm_t *vm, module_t *lab, const char *name,
                       const char *qualname, native_fn fn)
{
    native_t *n = native_new(vm, strchr(qualname, '.') + 1, fn, NULL);
    n->qualname = qualname;
    n->hdr.flags |= NF_METHOD | NF_PYFUNC;
    dict_set_cstr(vm, lab->dict, name, (obj_t *)n);
}

void aio_queue_init(vm_t *vm, aio_t *a)
{
    for (int k = 0; k < QN_N; k++) {
        a->qnames[k] = str_intern(vm, qnames[k]);
    }
    module_t *lab = a->lab;
    def_method(vm, lab, "queue_qsize", "Queue.qsize", q_qsize);
    def_method(vm, lab, "queue_empty", "Queue.empty", q_empty);
    def_method(vm, lab, "queue_full", "Queue.full", q_full);
    def_method(vm, lab, "queue_get", "Queue._get", q_get);
    def_method(vm, lab, "queue_put", "Queue._put", q_put);
    def_method(vm, lab, "queue_wakeup_next", "Queue._wakeup_next",
               q_wakeup_next);
    def_method(vm, lab, "queue_put_nowait", "Queue.put_nowait",
               q_put_nowait);
    def_method(vm, lab, "queue_get_nowait", "Queue.get_nowait",
               q_get_nowait);
    def_method(vm, lab, "queue_task_done", "Queue.task_done", q_task_done);
    def_method(vm, lab, "event_clear", "Event.clear", event_clear);
}
