/*
 * argclinic.c - argument checks of the C Future and Task methods, worded
 * as CPython words them.
 *
 * Mirrors the checks _asyncio's methods get from CPython: METH_NOARGS
 * and METH_O (Objects/descrobject.c's method_vectorcall_*) and Argument
 * Clinic's _PyArg_UnpackKeywords (Python/getargs.c), so that a wrong
 * call reads as it does under python3.
 */
#include "aio_int.h"

#include <string.h>

/* The owner's name in a built-in method's errors: Task repeats Future's
 * methods in its own table, so they are "Task.result" on a task. */
static const char *owner_of(vm_t *vm, obj_t *self)
{
    aio_t *a = aio_of(vm);
    if (TYPE(self) == a->t_futiter) {
        return "FutureIter";
    }
    return obj_isinstance_t(self, a->t_task) ? "Task" : "Future";
}

/* METH_NOARGS and METH_O's checks, with their wording. */
int aio_no_args(vm_t *vm, obj_t *self, const char *name, int argc,
                tuple_t *kw)
{
    if (kw && kw->n) {
        vm_raise(vm, EXC_TypeError, "%s.%s() takes no keyword arguments",
                 owner_of(vm, self), name);
        return -1;
    }
    if (argc) {
        vm_raise(vm, EXC_TypeError, "%s.%s() takes no arguments (%d given)",
                 owner_of(vm, self), name, argc);
        return -1;
    }
    return 0;
}

int aio_one_arg(vm_t *vm, obj_t *self, const char *name, int argc,
                tuple_t *kw)
{
    if (kw && kw->n) {
        vm_raise(vm, EXC_TypeError, "%s.%s() takes no keyword arguments",
                 owner_of(vm, self), name);
        return -1;
    }
    if (argc != 1) {
        vm_raise(vm, EXC_TypeError,
                 "%s.%s() takes exactly one argument (%d given)",
                 owner_of(vm, self), name, argc);
        return -1;
    }
    return 0;
}

/* Whether keyword [k] is [name]: strcmp's work without its call, for
 * the short names of the prelude's hottest calls (Future(loop=...)), and
 * a k holding a NUL never reads past name's end. */
static bool kw_is(const str_t *k, const char *name)
{
    for (size_t i = 0; i < k->len; i++) {
        if (name[i] == '\0' || k->s[i] != name[i]) {
            return false;
        }
    }
    return name[k->len] == '\0';
}

/* Argument Clinic's _PyArg_UnpackKeywords (Python/getargs.c), with its
 * messages: names[0..maxpos) may be given by position, the first
 * [posonly] of them only so, the rest only by keyword; the first
 * [minpos] are required. out[] gets NULL for what is missing. */
int aio_unpack(vm_t *vm, const char *fname, int argc, obj_t **argv,
               tuple_t *kw, int posonly, int minpos, int maxpos,
               const char *const *names, int nnames, obj_t **out)
{
    int nkw = kw ? (int)kw->n : 0;
    for (int i = 0; i < nnames; i++) {
        out[i] = i < argc ? argv[i] : NULL;
    }
    if (argc + nkw > nnames) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes at most %d %sargument%s (%d given)", fname,
                 nnames, argc == 0 ? "keyword " : "", nnames == 1 ? "" : "s",
                 argc + nkw);
        return -1;
    }
    if (argc > maxpos) {
        if (maxpos == 0) {
            vm_raise(vm, EXC_TypeError, "%s() takes no positional arguments",
                     fname);
        } else {
            vm_raise(vm, EXC_TypeError,
                     "%s() takes %s %d positional argument%s (%d given)",
                     fname, minpos < maxpos ? "at most" : "exactly", maxpos,
                     maxpos == 1 ? "" : "s", argc);
        }
        return -1;
    }
    if (argc < minpos && argc < posonly) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes %s %d positional argument%s (%d given)", fname,
                 minpos < maxpos ? "at least" : "exactly", minpos,
                 minpos == 1 ? "" : "s", argc);
        return -1;
    }
    aio_t *a = aio_of(vm);
    struct aio_kwmemo *m = &a->kwmemo[((uintptr_t)names >> 4) & 3];
    bool hit = nkw && m->names == names && m->kw == kw &&
               m->epoch == vm->gcache_epoch;
    if (!hit && nkw) {
        m->names = NULL; // its slots are rewritten below
    }
    for (int k = 0; k < nkw; k++) {
        str_t *kn = (str_t *)kw->items[k];
        int j = posonly;
        if (hit) {
            j = m->slot[k];
        } else {
            while (j < nnames && !kw_is(kn, names[j])) {
                j++;
            }
        }
        if (j == nnames) {
            vm_raise(vm, EXC_TypeError,
                     "'%s' is an invalid keyword argument for %s()", kn->s,
                     fname);
            return -1;
        }
        if (!hit && k < AIO_KWMEMO_MAX) {
            m->slot[k] = (int8_t)j;
        }
        if (out[j]) {
            vm_raise(vm, EXC_TypeError,
                     "argument for %s() given by name ('%s') and position "
                     "(%d)", fname, kn->s, j + 1);
            return -1;
        }
        out[j] = argv[argc + k];
    }
    // Every keyword matched (an error returned above): remembered.
    if (!hit && nkw && nkw <= AIO_KWMEMO_MAX) {
        m->names = names;
        m->kw = kw;
        m->epoch = vm->gcache_epoch;
    }
    for (int i = 0; i < minpos; i++) {
        if (!out[i]) {
            vm_raise(vm, EXC_TypeError,
                     "%s() missing required argument '%s' (pos %d)", fname,
                     names[i], i + 1);
            return -1;
        }
    }
    return 0;
}
