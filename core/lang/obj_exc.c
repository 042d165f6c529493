/*
 * obj_exc.c - exception classes, raising, and traceback printing.
 *
 * Mirrors Objects/exceptions.c (the 3.11 hierarchy, args/str/repr rules,
 * BaseExceptionGroup and its split/subgroup) and Lib/traceback.py's
 * TracebackException.format (chained causes and contexts, the boxed
 * layout of exception groups), so that the last line of stderr, which
 * the tests compare, is CPython's.
 */
#include "obj_int.h"

#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "cstack.h"

static void exc_mark(vm_t *vm, obj_t *o)
{
    exc_t *e = (exc_t *)o;
    gc_mark(vm, (obj_t *)e->dict);
    gc_mark(vm, (obj_t *)e->args);
    gc_mark(vm, e->cause);
    gc_mark(vm, e->context);
    gc_mark(vm, e->value);
    gc_mark(vm, e->exceptions);
    gc_mark(vm, e->msg);
    gc_mark(vm, e->filename);
    gc_mark(vm, e->text);
    gc_mark(vm, e->name);
    gc_mark(vm, e->obj);
    for (size_t i = 0; i < e->ntb; i++) {
        gc_mark(vm, (obj_t *)e->tb[i].code);
        gc_mark(vm, (obj_t *)e->tb[i].frame);
    }
}

static void exc_destroy(vm_t *vm, obj_t *o)
{
    exc_t *e = (exc_t *)o;
    gc_free(vm, e->tb, e->captb * sizeof(tb_entry_t));
}

void exc_add_tb(vm_t *vm, obj_t *o, code_t *code, int line, frame_t *frame)
{
    if (!(TYPE(o)->flags & TF_EXCEPTION)) {
        return;
    }
    exc_t *e = (exc_t *)o;
    if (e->ntb == e->captb) {
        size_t cap = e->captb ? e->captb * 2 : 4;
        e->tb = gc_realloc(vm, e->tb, e->captb * sizeof(tb_entry_t),
                           cap * sizeof(tb_entry_t));
        e->captb = cap;
    }
    e->tb[e->ntb].code = code;
    e->tb[e->ntb].line = line;
    e->tb[e->ntb].frame = frame;
    if (frame) {
        // Held now: the call that ran it must leave it to the collector.
        frame->hdr.flags |= FRAME_ESCAPED;
    }
    e->ntb++;
}

/* ---- Traceback objects ------------------------------------------------
 *
 * An exception keeps its traceback as (code, line) entries, innermost
 * first. exc.__traceback__ shows them as CPython's chain of traceback
 * objects, outermost first: entry [index] and, through tb_next, the ones
 * inside it. */

typedef struct tb_obj {
    obj_t hdr;
    exc_t *exc;
    size_t index;
    code_t *code;
    int line;
} tb_t;

static void tb_mark(vm_t *vm, obj_t *o)
{
    tb_t *t = (tb_t *)o;
    gc_mark(vm, (obj_t *)t->exc);
    gc_mark(vm, (obj_t *)t->code);
}

static obj_t *tb_new(vm_t *vm, exc_t *e, size_t index)
{
    tb_t *t = (tb_t *)gc_alloc(vm, vm->t_traceback, sizeof(tb_t));
    t->exc = e;
    t->index = index;
    t->code = e->tb[index].code;
    t->line = e->tb[index].line;
    return (obj_t *)t;
}

static obj_t *tb_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    tb_t *t = (tb_t *)o;
    if (strcmp(name->s, "tb_lineno") == 0) {
        return int_new(vm, t->line);
    }
    if (strcmp(name->s, "tb_next") == 0) {
        if (t->index > 0 && t->index - 1 < t->exc->ntb) {
            return tb_new(vm, t->exc, t->index - 1);
        }
        return vm->none;
    }
    if (strcmp(name->s, "tb_frame") == 0) {
        frame_t *f = t->index < t->exc->ntb ? t->exc->tb[t->index].frame
                                            : NULL;
        return f ? (obj_t *)f : vm->none;
    }
    return NULL;
}

static bool is_group_type(vm_t *vm, type_t *t)
{
    return type_issub(t, EXC_TYPE(vm, BaseExceptionGroup));
}

static obj_t *exc_set_args(vm_t *vm, exc_t *e, int argc, obj_t **argv)
{
    type_t *t = TYPE(e);
    // OSError(errno, strerror, filename[, winerror[, filename2]]) keeps
    // only the first two in args (OSError_init).
    int nargs = argc;
    if (argc >= 3 && argc <= 5 && type_issub(t, EXC_TYPE(vm, OSError))) {
        e->filename = argv[2];
        e->value = argc == 5 ? argv[4] : NULL;
        nargs = 2;
    }
    e->args = tuple_new(vm, (size_t)nargs);
    for (int i = 0; i < nargs; i++) {
        e->args->items[i] = argv[i];
    }
    if (type_issub(t, EXC_TYPE(vm, StopIteration)) ||
        type_issub(t, EXC_TYPE(vm, SystemExit))) {
        e->value = argc == 0 ? vm->none
                   : argc == 1 || type_issub(t, EXC_TYPE(vm, StopIteration))
                       ? argv[0] : (obj_t *)e->args;
    }
    return (obj_t *)e;
}

/* BaseExceptionGroup(message, exceptions): validation and the choice of
 * ExceptionGroup when every member is an Exception (BaseExceptionGroup_new). */
static obj_t *group_new(vm_t *vm, type_t *cls, int argc, obj_t **argv)
{
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "BaseExceptionGroup.__new__() takes exactly 2 "
                        "arguments (%d given)", argc);
    }
    if (!obj_isinstance_t(argv[0], vm->t_str)) {
        return vm_raise(vm, EXC_TypeError,
                        "argument 1 must be str, not %s", type_name(argv[0]));
    }
    list_t *l = NULL;
    if (TYPE(argv[1]) == vm->t_list || TYPE(argv[1]) == vm->t_tuple) {
        l = obj_to_list(vm, argv[1]);
    } else {
        return vm_raise(vm, EXC_TypeError,
                        "second argument (exceptions) must be a sequence");
    }
    if (!l) {
        return NULL;
    }
    if (l->n == 0) {
        return vm_raise(vm, EXC_ValueError,
                        "second argument (exceptions) must be a non-empty "
                        "sequence");
    }
    bool all_exc = true;
    for (size_t i = 0; i < l->n; i++) {
        obj_t *x = l->items[i];
        if (!(TYPE(x)->flags & TF_EXCEPTION)) {
            return vm_raise(vm, EXC_ValueError,
                            "Item %zu of second argument (exceptions) is not "
                            "an exception", i);
        }
        if (!obj_isinstance_t(x, EXC_TYPE(vm, Exception))) {
            all_exc = false;
        }
    }
    if (cls == EXC_TYPE(vm, BaseExceptionGroup) && all_exc) {
        cls = EXC_TYPE(vm, ExceptionGroup);
    } else if (cls == EXC_TYPE(vm, ExceptionGroup) && !all_exc) {
        return vm_raise(vm, EXC_TypeError,
                        "Cannot nest BaseExceptions in an ExceptionGroup");
    } else if (!all_exc && type_issub(cls, EXC_TYPE(vm, Exception))) {
        return vm_raise(vm, EXC_TypeError,
                        "Cannot nest BaseExceptions in '%s'", cls->name->s);
    }
    exc_t *e = (exc_t *)gc_alloc(vm, cls, cls->size);
    if (cls->flags & TF_HASDICT) {
        e->dict = dict_new(vm);
    }
    exc_set_args(vm, e, argc, argv);
    e->msg = argv[0];
    e->exceptions = (obj_t *)list_to_tuple(vm, l);
    return (obj_t *)e;
}

/* OSError's subclass for an errno (Objects/exceptions.c, errnomap):
 * OSError(32, '...') is a BrokenPipeError. -1 when none. */
static int errno_subclass(long err)
{
    switch (err) {
    case EAGAIN: case EALREADY: case EINPROGRESS:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
        return EXC_BlockingIOError;
    case ECHILD: return EXC_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return EXC_BrokenPipeError;
    case ECONNABORTED: return EXC_ConnectionAbortedError;
    case ECONNREFUSED: return EXC_ConnectionRefusedError;
    case ECONNRESET: return EXC_ConnectionResetError;
    case EEXIST: return EXC_FileExistsError;
    case ENOENT: return EXC_FileNotFoundError;
    case EISDIR: return EXC_IsADirectoryError;
    case ENOTDIR: return EXC_NotADirectoryError;
    case EINTR: return EXC_InterruptedError;
    case EACCES: case EPERM: return EXC_PermissionError;
    case ESRCH: return EXC_ProcessLookupError;
    case ETIMEDOUT: return EXC_TimeoutError;
    default: return -1;
    }
}

obj_t *exc_raise_errno(vm_t *vm, int err)
{
    int sub = errno_subclass(err);
    type_t *t = sub >= 0 ? vm->exc_types[sub] : EXC_TYPE(vm, OSError);
    obj_t *args[2] = {int_new(vm, err), NULL};
    vm_pin(vm, args[0]);
    args[1] = (obj_t *)str_cstr(vm, strerror(err));
    vm_pin(vm, args[1]);
    obj_t *e = exc_new(vm, t, tuple_pack(vm, 2, args[0], args[1]));
    vm->nextra -= 2;
    return vm_raise_obj(vm, e);
}

static obj_t *exc_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    type_t *cls = (type_t *)self;
    if (is_group_type(vm, cls)) {
        return group_new(vm, cls, argc, argv);
    }
    // OSError_new: OSError itself, given an errno that has a subclass,
    // makes that subclass.
    if (cls == EXC_TYPE(vm, OSError) && argc >= 2 && argc <= 5 &&
        obj_isinstance_t(argv[0], vm->t_int)) {
        int sub = errno_subclass((long)((int_t *)argv[0])->v);
        if (sub >= 0) {
            cls = vm->exc_types[sub];
        }
    }
    (void)kw;
    exc_t *e = (exc_t *)gc_alloc(vm, cls, cls->size);
    if (cls->flags & TF_HASDICT) {
        e->dict = dict_new(vm);
    }
    return exc_set_args(vm, e, argc, argv);
}

static obj_t *m_exc_init(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw)
{
    exc_t *e = (exc_t *)self;
    if (kw && kw->n) {
        // NameError(..., name=) and AttributeError(..., name=, obj=)
        // (NameError_init, AttributeError_init): keywords only, not args.
        bool attr = obj_isinstance_t(self, EXC_TYPE(vm, AttributeError));
        if (!attr && !obj_isinstance_t(self, EXC_TYPE(vm, NameError))) {
            return vm_raise(vm, EXC_TypeError,
                            "%s() takes no keyword arguments",
                            type_name(self));
        }
        const char *cls = attr ? "AttributeError" : "NameError";
        for (size_t i = 0; i < kw->n; i++) {
            str_t *k = (str_t *)kw->items[i];
            obj_t *v = argv[argc + (int)i];
            if (strcmp(k->s, "name") == 0) {
                e->name = v;
            } else if (attr && strcmp(k->s, "obj") == 0) {
                e->obj = v;
            } else {
                return vm_raise(vm, EXC_TypeError,
                                "'%s' is an invalid keyword argument for "
                                "%s()", k->s, cls);
            }
        }
    }
    if (is_group_type(vm, TYPE(self))) {
        return vm->none;
    }
    exc_set_args(vm, e, argc, argv);
    return vm->none;
}

obj_t *exc_new(vm_t *vm, type_t *t, tuple_t *args)
{
    exc_t *e = (exc_t *)gc_alloc(vm, t, t->size);
    if (t->flags & TF_HASDICT) {
        e->dict = dict_new(vm);
    }
    exc_set_args(vm, e, (int)args->n, args->items);
    return (obj_t *)e;
}

obj_t *exc_syntax_error(vm_t *vm, const char *type, const char *msg,
                        const char *filename, int line, int col,
                        const char *src, size_t len)
{
    type_t *t = EXC_TYPE(vm, SyntaxError);
    if (strcmp(type, "IndentationError") == 0) {
        t = EXC_TYPE(vm, IndentationError);
    } else if (strcmp(type, "TabError") == 0) {
        t = EXC_TYPE(vm, TabError);
    }
    exc_t *e = (exc_t *)exc_new(vm, t, tuple_pack(vm, 1, str_cstr(vm, msg)));
    e->msg = (obj_t *)str_cstr(vm, msg);
    e->filename = (obj_t *)str_cstr(vm, filename);
    e->lineno = line;
    e->offset = col + 1;
    // The offending source line, for the caret display.
    const char *p = src, *end = src + len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *q = p;
    while (q < end && *q != '\n') {
        q++;
    }
    e->text = (obj_t *)str_new(vm, p, (size_t)(q - p));
    return vm_raise_obj(vm, (obj_t *)e);
}

static obj_t *exc_str(vm_t *vm, obj_t *o)
{
    exc_t *e = (exc_t *)o;
    type_t *t = TYPE(o);
    if (is_group_type(vm, t)) {
        size_t n = ((tuple_t *)e->exceptions)->n;
        str_t *m = obj_str(vm, e->msg);
        return m ? (obj_t *)str_fmt(vm, "%s (%zu sub-exception%s)", m->s, n,
                                    n == 1 ? "" : "s") : NULL;
    }
    if (type_issub(t, EXC_TYPE(vm, SyntaxError)) && e->msg) {
        str_t *m = obj_str(vm, e->msg);
        if (!m) {
            return NULL;
        }
        if (e->filename && e->lineno) {
            const char *fn = ((str_t *)e->filename)->s;
            const char *base = strrchr(fn, '/');
            return (obj_t *)str_fmt(vm, "%s (%s, line %d)", m->s,
                                    base ? base + 1 : fn, e->lineno);
        }
        return (obj_t *)m;
    }
    tuple_t *a = e->args;
    if (type_issub(t, EXC_TYPE(vm, OSError)) && a && a->n == 2) {
        // "[Errno 5] disk full", with ": 'name'" when a filename is given.
        str_t *no = obj_str(vm, a->items[0]);
        str_t *msg = no ? obj_str(vm, a->items[1]) : NULL;
        if (!msg) {
            return NULL;
        }
        if (e->filename && e->filename != vm->none) {
            str_t *fn = obj_repr(vm, e->filename);
            return fn ? (obj_t *)str_fmt(vm, "[Errno %s] %s: %s", no->s,
                                         msg->s, fn->s) : NULL;
        }
        return (obj_t *)str_fmt(vm, "[Errno %s] %s", no->s, msg->s);
    }
    if (!a || a->n == 0) {
        return (obj_t *)vm->empty_str;
    }
    if (a->n == 1) {
        if (type_issub(t, EXC_TYPE(vm, KeyError))) {
            return (obj_t *)obj_repr(vm, a->items[0]);
        }
        return (obj_t *)obj_str(vm, a->items[0]);
    }
    return (obj_t *)obj_repr(vm, (obj_t *)a);
}

/* BaseException_repr, groups included: 3.11's BaseExceptionGroup has no
 * repr of its own, so ExceptionGroup('m', (e,)) shows the tuple it was
 * given (the wrapper of a naked exception caught by except*). */
static obj_t *exc_repr(vm_t *vm, obj_t *o)
{
    exc_t *e = (exc_t *)o;
    // Name and the args' repr joined without printf: a gather of
    // cancelled tasks records a list of thousands of these.
    tuple_t *a = e->args;
    str_t *r = NULL;
    if (a && a->n > 0) {
        r = obj_repr(vm, a->n == 1 ? a->items[0] : (obj_t *)a);
        if (!r) {
            return NULL;
        }
    }
    bool paren = !a || a->n <= 1;
    const char *parts[] = {TYPE(o)->name->s, paren ? "(" : "", r ? r->s : "",
                           paren ? ")" : ""};
    const size_t lens[] = {TYPE(o)->name->len, paren, r ? r->len : 0, paren};
    return (obj_t *)str_catn(vm, 4, parts, lens);
}

static obj_t *exc_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    exc_t *e = (exc_t *)o;
    if (name == vm->s.args) {
        return (obj_t *)(e->args ? e->args : vm->empty_tuple);
    }
    if (name == vm->s.__cause__) {
        return e->cause ? e->cause : vm->none;
    }
    if (name == vm->s.__context__) {
        return e->context ? e->context : vm->none;
    }
    if (name == vm->s.__suppress_context__) {
        return bool_new(vm, e->suppress_context);
    }
    if (name == vm->s.__traceback__) {
        return e->ntb ? tb_new(vm, e, e->ntb - 1) : vm->none;
    }
    type_t *t = TYPE(o);
    if (name == vm->s.value && type_issub(t, EXC_TYPE(vm, StopIteration))) {
        return e->value ? e->value : vm->none;
    }
    if (name == vm->s.code && type_issub(t, EXC_TYPE(vm, SystemExit))) {
        return e->value ? e->value : vm->none;
    }
    if (type_issub(t, EXC_TYPE(vm, OSError))) {
        // OSError(errno, strerror[, filename[, winerror[, filename2]]]).
        tuple_t *a = e->args;
        bool full = a && a->n == 2;
        if (strcmp(name->s, "errno") == 0) {
            return full ? a->items[0] : vm->none;
        }
        if (strcmp(name->s, "strerror") == 0) {
            return full ? a->items[1] : vm->none;
        }
        if (strcmp(name->s, "filename") == 0) {
            return e->filename ? e->filename : vm->none;
        }
        if (strcmp(name->s, "filename2") == 0) {
            return e->value ? e->value : vm->none;
        }
    }
    if (is_group_type(vm, t)) {
        if (name == vm->s.exceptions) {
            return e->exceptions;
        }
        if (name == vm->s.message) {
            return e->msg;
        }
    }
    if (type_issub(t, EXC_TYPE(vm, SyntaxError))) {
        if (name == vm->s.msg) {
            return e->msg ? e->msg : vm->none;
        }
        if (strcmp(name->s, "lineno") == 0) {
            return e->lineno ? int_new(vm, e->lineno) : vm->none;
        }
        if (strcmp(name->s, "filename") == 0) {
            return e->filename ? e->filename : vm->none;
        }
        if (strcmp(name->s, "offset") == 0) {
            return e->offset ? int_new(vm, e->offset) : vm->none;
        }
        if (strcmp(name->s, "text") == 0) {
            return e->text ? e->text : vm->none;
        }
    }
    bool attr_error = type_issub(t, EXC_TYPE(vm, AttributeError));
    if ((attr_error || type_issub(t, EXC_TYPE(vm, NameError))) &&
        strcmp(name->s, "name") == 0) {
        obj_t *v = exc_name_of(vm, o);
        return v ? v : vm->none;
    }
    if (attr_error && strcmp(name->s, "obj") == 0) {
        obj_t *v = exc_obj_of(vm, o);
        return v ? v : vm->none;
    }
    return NULL;
}

static obj_t *exc_field(vm_t *vm, obj_t *o, const char *key, obj_t *own)
{
    exc_t *e = (exc_t *)o;
    obj_t *v = e->dict ? dict_get_cstr(vm, e->dict, key) : NULL;
    return v ? v : own;
}

obj_t *exc_name_of(vm_t *vm, obj_t *e)
{
    return exc_field(vm, e, "name", ((exc_t *)e)->name);
}

obj_t *exc_obj_of(vm_t *vm, obj_t *e)
{
    return exc_field(vm, e, "obj", ((exc_t *)e)->obj);
}

void exc_set_name(vm_t *vm, obj_t *o, str_t *name, obj_t *obj)
{
    // set_attribute_error_context: not once either is set.
    if (!(TYPE(o)->flags & TF_EXCEPTION) || exc_name_of(vm, o) ||
        exc_obj_of(vm, o)) {
        return;
    }
    exc_t *e = (exc_t *)o;
    e->name = (obj_t *)name;
    e->obj = obj;
}

/* __traceback__ = tb: the entries tb stands for replace the exception's
 * own (None clears them). */
static int set_traceback(vm_t *vm, exc_t *e, obj_t *v)
{
    if (!v || (v != vm->none && TYPE(v) != vm->t_traceback)) {
        vm_raise(vm, EXC_TypeError,
                 "__traceback__ must be a traceback or None");
        return -1;
    }
    if (v == vm->none) {
        e->ntb = 0;
        return 0;
    }
    tb_t *t = (tb_t *)v;
    exc_t *src = t->exc;
    size_t n = t->index < src->ntb ? t->index + 1 : 0;
    if (src == e) {
        e->ntb = n;
        return 0;
    }
    e->ntb = 0;
    for (size_t i = 0; i < n; i++) {
        exc_add_tb(vm, (obj_t *)e, src->tb[i].code, src->tb[i].line,
                   src->tb[i].frame);
    }
    return 0;
}

static int exc_setattr(vm_t *vm, obj_t *o, str_t *name, obj_t *v)
{
    exc_t *e = (exc_t *)o;
    if (name == vm->s.__cause__) {
        if (v && v != vm->none && !(TYPE(v)->flags & TF_EXCEPTION)) {
            vm_raise(vm, EXC_TypeError,
                     "exception cause must be None or derive from "
                     "BaseException");
            return -1;
        }
        e->cause = v == vm->none ? NULL : v;
        e->suppress_context = true;
        return 0;
    }
    if (name == vm->s.__context__) {
        e->context = v == vm->none ? NULL : v;
        return 0;
    }
    if (name == vm->s.__suppress_context__) {
        e->suppress_context = v && obj_truthy(vm, v) > 0;
        return 0;
    }
    if (name == vm->s.args) {
        list_t *l = v ? obj_to_list(vm, v) : NULL;
        if (!l) {
            return -1;
        }
        e->args = list_to_tuple(vm, l);
        return 0;
    }
    if (name == vm->s.__traceback__) {
        return set_traceback(vm, e, v);
    }
    return obj_generic_setattr(vm, o, name, v);
}

static obj_t *m_with_traceback(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "BaseException.with_traceback() takes exactly one "
                        "argument (%d given)", argc);
    }
    return set_traceback(vm, (exc_t *)self, argv[0]) < 0 ? NULL : self;
}

/* BaseException.add_note (3.11): appends to the __notes__ list, made on
 * first use, which tracebacks print after the message. */
static obj_t *m_add_note(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw)
{
    (void)kw;
    exc_t *e = (exc_t *)self;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "BaseException.add_note() takes exactly one argument "
                        "(%d given)", argc);
    }
    if (!obj_isinstance_t(argv[0], vm->t_str)) {
        return vm_raise(vm, EXC_TypeError, "note must be a str, not '%s'",
                        type_name(argv[0]));
    }
    if (!e->dict) {
        e->dict = dict_new(vm);
    }
    str_t *key = str_intern(vm, "__notes__");
    obj_t *notes = dict_get_str(vm, e->dict, key);
    if (!notes) {
        notes = (obj_t *)list_new(vm, 0);
        if (dict_set(vm, e->dict, (obj_t *)key, notes) < 0) {
            return NULL;
        }
    } else if (TYPE(notes) != vm->t_list) {
        return vm_raise(vm, EXC_TypeError,
                        "Cannot add note: __notes__ is not a list");
    }
    list_append(vm, (list_t *)notes, argv[0]);
    return vm->none;
}

/* The notes add_note made (the __notes__ list, or a tuple a program
 * set), NULL for none or anything else: what the traceback prints and
 * what split parts copy. */
static obj_t *notes_of(vm_t *vm, exc_t *e)
{
    obj_t *notes = e->dict ? dict_get_str(vm, e->dict,
                                          str_intern(vm, "__notes__"))
                           : NULL;
    return notes && (TYPE(notes) == vm->t_list ||
                     TYPE(notes) == vm->t_tuple) ? notes : NULL;
}

/* ---- ExceptionGroup.split / subgroup / derive ------------------------- */

static int match_condition(vm_t *vm, obj_t *cond, obj_t *exc)
{
    if (TYPE(cond) == vm->t_type) {
        return obj_isinstance_t(exc, (type_t *)cond);
    }
    if (TYPE(cond) == vm->t_tuple) {
        tuple_t *t = (tuple_t *)cond;
        for (size_t i = 0; i < t->n; i++) {
            if (TYPE(t->items[i]) == vm->t_type &&
                obj_isinstance_t(exc, (type_t *)t->items[i])) {
                return 1;
            }
        }
        return 0;
    }
    obj_t *r = vm_call1(vm, cond, exc);
    return r ? obj_truthy(vm, r) : -1;
}

static obj_t *derive(vm_t *vm, exc_t *orig, list_t *members)
{
    obj_t *args[2] = {orig->msg, (obj_t *)members};
    obj_t *d = group_new(vm, EXC_TYPE(vm, BaseExceptionGroup), 2, args);
    if (!d) {
        return NULL;
    }
    exc_t *n = (exc_t *)d;
    n->cause = orig->cause;
    n->context = orig->context;
    n->suppress_context = orig->suppress_context;
    for (size_t i = 0; i < orig->ntb; i++) {
        exc_add_tb(vm, d, orig->tb[i].code, orig->tb[i].line,
                   orig->tb[i].frame);
    }
    // exceptiongroup_subset: a copy of the notes, so that the parts' own
    // add_note calls stay apart.
    obj_t *notes = notes_of(vm, orig);
    if (notes) {
        list_t *copy = obj_to_list(vm, notes);
        if (!copy || obj_setattr(vm, d, str_intern(vm, "__notes__"),
                                 (obj_t *)copy) < 0) {
            return NULL;
        }
    }
    return d;
}

/* Splits [eg] by [cond] into *match and *rest (either may be NULL for
 * nothing), preserving the nesting (BaseExceptionGroup.split). */
int exc_group_split(vm_t *vm, obj_t *eg, obj_t *cond, obj_t **match,
                    obj_t **rest)
{
    int m = match_condition(vm, cond, eg);
    if (m < 0) {
        return -1;
    }
    if (m) {
        *match = eg;
        *rest = NULL;
        return 0;
    }
    if (!is_group_type(vm, TYPE(eg))) {
        *match = NULL;
        *rest = eg;
        return 0;
    }
    tuple_t *ex = (tuple_t *)((exc_t *)eg)->exceptions;
    list_t *ml = list_new(vm, 0), *rl = list_new(vm, 0);
    for (size_t i = 0; i < ex->n; i++) {
        obj_t *a, *b;
        if (exc_group_split(vm, ex->items[i], cond, &a, &b) < 0) {
            return -1;
        }
        if (a) {
            list_append(vm, ml, a);
        }
        if (b) {
            list_append(vm, rl, b);
        }
    }
    *match = ml->n ? derive(vm, (exc_t *)eg, ml) : NULL;
    *rest = rl->n ? derive(vm, (exc_t *)eg, rl) : NULL;
    return vm->exc ? -1 : 0;
}

/* ---- except*'s end (Objects/exceptions.c, _PyExc_PrepReraiseStar) --- */

/* is_same_exception_metadata: the same cause, context and traceback
 * (3.11 keeps notes in the instance dict, out of what it compares: a
 * split part has a copy of the notes and is still a re-raise). CPython
 * compares the traceback objects; here a traceback is the exception's
 * own array of entries, copied by derive (split), so equal entries
 * stand for the same traceback: a group re-raised by a bare raise keeps
 * them, one raised by "raise eg" has one more. */
static bool same_metadata(exc_t *a, exc_t *b)
{
    if (a->cause != b->cause || a->context != b->context ||
        a->ntb != b->ntb) {
        return false;
    }
    for (size_t i = 0; i < a->ntb; i++) {
        if (a->tb[i].code != b->tb[i].code ||
            a->tb[i].line != b->tb[i].line ||
            a->tb[i].frame != b->tb[i].frame) {
            return false;
        }
    }
    return true;
}

/* The leaf exceptions of a group, by address (CPython's leaf_ids set):
 * sorted once, searched per leaf of the original group. */
typedef struct leaves {
    obj_t **v;
    size_t n, cap;
} leaves_t;

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(obj_t *const *)a;
    uintptr_t y = (uintptr_t)*(obj_t *const *)b;
    return x < y ? -1 : x > y;
}

/* Groups nest as deep as a program makes them: the walks below recurse
 * in C, so they stop with a RecursionError where the stack runs low, as
 * CPython's do at its recursion limit. */
static bool nest_too_deep(vm_t *vm)
{
    if (cstack_low(vm->stack_floor)) {
        vm_raise(vm, EXC_RecursionError,
                 "maximum recursion depth exceeded in except*");
        return true;
    }
    return false;
}

/* collect_exception_group_leaf_ids */
static int collect_leaves(vm_t *vm, obj_t *e, leaves_t *l)
{
    if (!is_group_type(vm, TYPE(e))) {
        if (l->n == l->cap) {
            l->cap = l->cap ? l->cap * 2 : 16;
            obj_t **v = realloc(l->v, l->cap * sizeof *v);
            if (!v) {
                vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
                return -1;
            }
            l->v = v;
        }
        l->v[l->n++] = e;
        return 0;
    }
    if (nest_too_deep(vm)) {
        return -1;
    }
    tuple_t *ex = (tuple_t *)((exc_t *)e)->exceptions;
    for (size_t i = 0; i < ex->n; i++) {
        if (collect_leaves(vm, ex->items[i], l) < 0) {
            return -1;
        }
    }
    return 0;
}

/* exception_group_projection: the part of [eg] whose leaves are in [l]
 * (by identity), with eg's nesting, messages and metadata; NULL for
 * none, or with an exception raised. */
static obj_t *projection(vm_t *vm, obj_t *eg, const leaves_t *l)
{
    if (!is_group_type(vm, TYPE(eg))) {
        return bsearch(&eg, l->v, l->n, sizeof *l->v, cmp_ptr) ? eg : NULL;
    }
    if (nest_too_deep(vm)) {
        return NULL;
    }
    tuple_t *ex = (tuple_t *)((exc_t *)eg)->exceptions;
    list_t *kept = list_new(vm, 0);
    for (size_t i = 0; i < ex->n; i++) {
        obj_t *m = projection(vm, ex->items[i], l);
        if (vm->exc) {
            return NULL;
        }
        if (m) {
            list_append(vm, kept, m);
        }
    }
    return kept->n ? derive(vm, (exc_t *)eg, kept) : NULL;
}

obj_t *exc_prep_reraise_star(vm_t *vm, obj_t *orig, obj_t **excs,
                             size_t n)
{
    if (n == 0) {
        return vm->none;
    }
    if (!is_group_type(vm, TYPE(orig))) {
        // A naked exception, wrapped to be matched: one clause at most
        // ran, and what it raised (or the exception, unmatched) goes
        // out as it is.
        return excs[0];
    }
    list_t *raised = list_new(vm, 0), *reraised = list_new(vm, 0);
    for (size_t i = 0; i < n; i++) {
        obj_t *e = excs[i];
        if (e == vm->none) {
            continue;
        }
        list_append(vm, same_metadata((exc_t *)e, (exc_t *)orig)
                            ? reraised : raised, e);
    }
    leaves_t leaves = {NULL, 0, 0};
    for (size_t i = 0; i < reraised->n; i++) {
        if (collect_leaves(vm, reraised->items[i], &leaves) < 0) {
            free(leaves.v);
            return NULL;
        }
    }
    obj_t *again = NULL;
    if (leaves.n) {
        qsort(leaves.v, leaves.n, sizeof *leaves.v, cmp_ptr);
        again = projection(vm, orig, &leaves);
    }
    free(leaves.v);
    if (vm->exc) {
        return NULL;
    }
    if (raised->n == 0) {
        return again ? again : vm->none;
    }
    if (again) {
        list_append(vm, raised, again);
    }
    if (raised->n == 1) {
        return raised->items[0];
    }
    obj_t *args[2] = {(obj_t *)vm->empty_str, (obj_t *)raised};
    return vm_call(vm, (obj_t *)EXC_TYPE(vm, BaseExceptionGroup), 2, args,
                   NULL);
}

static obj_t *m_group_split(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "split() takes 1 argument");
    }
    obj_t *a, *b;
    if (exc_group_split(vm, self, argv[0], &a, &b) < 0) {
        return NULL;
    }
    return (obj_t *)tuple_pack(vm, 2, a ? a : vm->none, b ? b : vm->none);
}

static obj_t *m_group_subgroup(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "subgroup() takes 1 argument");
    }
    obj_t *a, *b;
    if (exc_group_split(vm, self, argv[0], &a, &b) < 0) {
        return NULL;
    }
    return a ? a : vm->none;
}

static obj_t *m_group_derive(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "derive() takes 1 argument");
    }
    list_t *l = obj_to_list(vm, argv[0]);
    if (!l) {
        return NULL;
    }
    obj_t *args[2] = {((exc_t *)self)->msg, (obj_t *)l};
    return group_new(vm, EXC_TYPE(vm, BaseExceptionGroup), 2, args);
}

/* ---- Raising --------------------------------------------------------- */

obj_t *vm_raise_obj(vm_t *vm, obj_t *e)
{
    if (TYPE(e) == vm->t_type && (((type_t *)e)->flags & TF_EXCEPTION)) {
        e = vm_call0(vm, e);
        if (!e) {
            return NULL;
        }
    }
    if (!(TYPE(e)->flags & TF_EXCEPTION)) {
        return vm_raise(vm, EXC_TypeError,
                        "exceptions must derive from BaseException");
    }
    // Implicit chaining: the exception being handled becomes the context
    // (_PyErr_SetObject), avoiding cycles.
    exc_t *x = (exc_t *)e;
    if (vm->handled && vm->handled != e && !x->context) {
        obj_t *c = vm->handled;
        bool cycle = false;
        for (obj_t *k = c; k; k = ((exc_t *)k)->context) {
            if (k == e) {
                cycle = true;
                break;
            }
        }
        if (!cycle) {
            x->context = c;
        }
    }
    vm->exc = e;
    return NULL;
}

obj_t *vm_raise_t(vm_t *vm, type_t *t, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    obj_t *e = exc_new(vm, t, tuple_pack(vm, 1, str_cstr(vm, buf)));
    return vm_raise_obj(vm, e);
}

obj_t *vm_raise(vm_t *vm, int exc, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    obj_t *e = exc_new(vm, vm->exc_types[exc],
                       tuple_pack(vm, 1, str_cstr(vm, buf)));
    return vm_raise_obj(vm, e);
}

obj_t *vm_take_exc(vm_t *vm)
{
    obj_t *e = vm->exc;
    vm->exc = NULL;
    return e;
}

bool vm_exc_matches(vm_t *vm, int exc)
{
    return vm->exc && obj_isinstance_t(vm->exc, vm->exc_types[exc]);
}

/* ---- Printing ---------------------------------------------------------- */

/* Where a traceback goes; suggest: ". Did you mean" after a NameError's
 * or an AttributeError's message, as the default excepthook writes it
 * (the traceback module of 3.11 does not). */
/* need_close: a group's last sub-exception is being printed and no
 * nested group has drawn the closing line for it yet (traceback.py's
 * _ctx.need_close): a nested group that ends the group draws one line,
 * not one per level. */
typedef struct out {
    FILE *fp;
    vm_t *vm;
    bool suggest;
    bool need_close;
    /* The exceptions printed so far (ctx->seen): a cause or context
     * already printed is not printed again, as when a group holds an
     * exception whose chain the group's own context showed. */
    obj_t *seen[64];
    int nseen;
} out_t;

static bool seen(out_t *o, obj_t *e)
{
    for (int i = 0; i < o->nseen; i++) {
        if (o->seen[i] == e) {
            return true;
        }
    }
    return false;
}

static void put(out_t *o, const char *prefix, const char *s)
{
    // Every line goes through here so that groups can indent them.
    vm_t *vm = o->vm;
    if (o->fp == stderr || o->fp == NULL) {
        vm_write_err(vm, prefix, strlen(prefix));
        vm_write_err(vm, s, strlen(s));
    } else {
        fputs(prefix, o->fp);
        fputs(s, o->fp);
    }
}

bool vm_source_line(vm_t *vm, const char *filename, int n, char *buf,
                    size_t size)
{
    if (!vm->sources || n <= 0) {
        return false;
    }
    obj_t *src = dict_get_cstr(vm, vm->sources, filename);
    if (!src || TYPE(src) != vm->t_str) {
        return false;
    }
    const char *p = ((str_t *)src)->s, *end = p + ((str_t *)src)->len;
    for (int l = 1; l < n && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            return false;
        }
        p = nl + 1;
    }
    if (p >= end) {
        return false;
    }
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\f')) {
        p++;
    }
    const char *q = p;
    while (q < end && *q != '\n') {
        q++;
    }
    while (q > p && (q[-1] == ' ' || q[-1] == '\r' || q[-1] == '\t')) {
        q--;
    }
    size_t len = (size_t)(q - p);
    if (len >= size) {
        len = size - 1;
    }
    memcpy(buf, p, len);
    buf[len] = 0;
    return len > 0;
}

static void exc_last_line(vm_t *vm, obj_t *e, char *buf, size_t size)
{
    type_t *t = TYPE(e);
    const char *mod = t->module ? t->module->s : "builtins";
    char name[300];
    if (strcmp(mod, "builtins") == 0 || strcmp(mod, "__main__") == 0) {
        snprintf(name, sizeof name, "%s", t->qualname->s);
    } else {
        snprintf(name, sizeof name, "%s.%s", mod, t->qualname->s);
    }
    obj_t *saved = vm->exc;
    vm->exc = NULL;
    str_t *s = obj_str(vm, e);
    if (!s) {
        vm->exc = NULL;
        snprintf(buf, size, "%s: <exception str() failed>", name);
    } else if (s->len == 0) {
        snprintf(buf, size, "%s", name);
    } else {
        snprintf(buf, size, "%s: %s", name, s->s);
    }
    vm->exc = saved;
}

/* tb_print_line_repeated: the entries of a run beyond the cutoff, if any. */
static void put_repeated(out_t *o, const char *prefix, long more)
{
    if (more > 0) {
        char line[96];
        snprintf(line, sizeof line, "  [Previous line repeated %ld more "
                 "time%s]\n", more, more > 1 ? "s" : "");
        put(o, prefix, line);
    }
}

/* Where traceback entry [t] points: its file and line as printed, and
 * the file and line its source text is read from (*srcfile NULL: none).
 * A library function given CPython's file (_lab.at) reports CPython's
 * line only where it knows it (its first line and its awaits); any
 * other line is its own, in its own file: a line of tasks.py that is
 * not tasks.py's would send a reader to the wrong place. */
static const char *tb_place(const tb_entry_t *t, int *line,
                            const char **srcfile, int *srcline)
{
    const code_t *co = t->code;
    *line = *srcline = t->line;
    *srcfile = co->filename->s;
    if (!co->srcfile) {
        return co->filename->s;
    }
    *srcfile = co->srcfile->s;
    for (int k = 0; k < co->nlinemap; k++) {
        if (co->linemap[2 * k] == t->line) {
            *line = co->linemap[2 * k + 1];
            return co->filename->s;
        }
    }
    if (t->line == co->firstline) {
        *srcfile = NULL;   /* CPython's own first line: no text here */
        return co->filename->s;
    }
    return co->srcfile->s;
}

static void print_tb(vm_t *vm, out_t *o, const char *prefix, exc_t *e)
{
    char line[1200], src[1024];
    // tb_print_internal: the innermost TB_LIMIT entries only (the
    // default sys.tracebacklimit), and a run of more than TB_CUTOFF
    // identical entries (file, line, function) folded into one line.
    enum { TB_LIMIT = 1000, TB_CUTOFF = 3 };
    size_t start = e->ntb > TB_LIMIT ? TB_LIMIT : e->ntb;
    const char *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (size_t i = start; i-- > 0;) {
        code_t *co = e->tb[i].code;
        const char *srcfile;
        int ln, srcline;
        const char *file = tb_place(&e->tb[i], &ln, &srcfile, &srcline);
        if (!last_file || ln != last_line || strcmp(file, last_file) != 0 ||
            strcmp(co->name->s, last_name) != 0) {
            put_repeated(o, prefix, cnt - TB_CUTOFF);
            last_file = file;
            last_name = co->name->s;
            last_line = ln;
            cnt = 0;
        }
        if (++cnt > TB_CUTOFF) {
            continue;
        }
        snprintf(line, sizeof line, "  File \"%s\", line %d, in %s\n", file,
                 ln, co->name->s);
        put(o, prefix, line);
        if (srcfile && vm_source_line(vm, srcfile, srcline, src,
                                      sizeof src)) {
            snprintf(line, sizeof line, "    %s\n", src);
            put(o, prefix, line);
        }
    }
    put_repeated(o, prefix, cnt - TB_CUTOFF);
}

static void print_syntax_error(vm_t *vm, out_t *o, const char *prefix,
                               exc_t *e)
{
    char line[1200];
    const char *fn = e->filename ? ((str_t *)e->filename)->s : "<unknown>";
    snprintf(line, sizeof line, "  File \"%s\", line %d\n", fn, e->lineno);
    put(o, prefix, line);
    if (e->text && TYPE(e->text) == vm->t_str) {
        const char *t = ((str_t *)e->text)->s;
        int lead = 0;
        while (t[lead] == ' ' || t[lead] == '\t' || t[lead] == '\f') {
            lead++;
        }
        size_t tl = strlen(t + lead);
        while (tl > 0 && (t[lead + tl - 1] == '\r' || t[lead + tl - 1] == ' ')) {
            tl--;
        }
        if (tl > 0) {
            snprintf(line, sizeof line, "    %.*s\n", (int)tl, t + lead);
            put(o, prefix, line);
            // print_error_text: no caret left of the (stripped) text,
            // e.g. the null-byte error, whose offset is 0.
            int caret = e->offset - 1 - lead;
            if (caret >= 0 && (size_t)caret > tl) {
                caret = (int)tl;
            }
            if (caret >= 0) {
                snprintf(line, sizeof line, "    %*s^\n", caret, "");
                put(o, prefix, line);
            }
        }
    }
    str_t *m = e->msg ? obj_str(vm, e->msg) : NULL;
    snprintf(line, sizeof line, "%s: %s\n", TYPE(e)->name->s,
             m ? m->s : "invalid syntax");
    put(o, prefix, line);
}

static void print_one(vm_t *vm, out_t *o, obj_t *ex, int depth,
                      const char *indent, int seen_depth);

static void print_chain(vm_t *vm, out_t *o, obj_t *ex, int depth,
                        const char *indent, int seen_depth)
{
    exc_t *e = (exc_t *)ex;
    if (seen_depth > 30) {
        return;
    }
    char prefix[200];
    if (depth == 0) {
        // Outside any group the chain's messages have no margin, and
        // each exception of the chain a group's own ("  " when it is
        // one), as CPython's printer at exception_group_depth 0.
        indent = is_group_type(vm, TYPE(ex)) ? "  " : "";
        prefix[0] = 0;
    } else {
        snprintf(prefix, sizeof prefix, "%s| ", indent);
    }
    if (o->nseen < (int)(sizeof o->seen / sizeof o->seen[0])) {
        o->seen[o->nseen++] = ex;
    }
    if (e->cause && (TYPE(e->cause)->flags & TF_EXCEPTION)) {
        if (seen(o, e->cause)) {
            print_one(vm, o, ex, depth, indent, seen_depth);
            return;
        }
        print_chain(vm, o, e->cause, depth, indent, seen_depth + 1);
        put(o, prefix, "\n");
        put(o, prefix, "The above exception was the direct cause of the "
                       "following exception:\n");
        put(o, prefix, "\n");
    } else if (e->context && !e->suppress_context &&
               (TYPE(e->context)->flags & TF_EXCEPTION) &&
               !seen(o, e->context)) {
        print_chain(vm, o, e->context, depth, indent, seen_depth + 1);
        put(o, prefix, "\n");
        put(o, prefix, "During handling of the above exception, another "
                       "exception occurred:\n");
        put(o, prefix, "\n");
    }
    print_one(vm, o, ex, depth, indent, seen_depth);
}

/* The notes of add_note, one line each after the message
 * (print_exception_notes). */
static void print_notes(vm_t *vm, out_t *o, const char *prefix, exc_t *e)
{
    obj_t *notes = notes_of(vm, e);
    if (!notes) {
        return;
    }
    size_t n = TYPE(notes) == vm->t_list ? ((list_t *)notes)->n
                                        : ((tuple_t *)notes)->n;
    obj_t **items = TYPE(notes) == vm->t_list ? ((list_t *)notes)->items
                                             : ((tuple_t *)notes)->items;
    for (size_t i = 0; i < n; i++) {
        if (!obj_isinstance_t(items[i], vm->t_str)) {
            continue;
        }
        const char *p = ((str_t *)items[i])->s;
        for (;;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            char line[1400];
            snprintf(line, sizeof line, "%.*s\n", (int)len, p);
            put(o, prefix, line);
            if (!nl) {
                break;
            }
            p = nl + 1;
        }
    }
}

static void print_one(vm_t *vm, out_t *o, obj_t *ex, int depth,
                      const char *indent, int seen_depth)
{
    exc_t *e = (exc_t *)ex;
    bool group = is_group_type(vm, TYPE(ex));
    char prefix[200], line[1400];
    snprintf(prefix, sizeof prefix, "%s%s", indent, depth || group ? "| " : "");
    if (group && depth == 0) {
        snprintf(prefix, sizeof prefix, "%s| ", indent);
    }
    if (e->ntb > 0) {
        if (group) {
            // The outermost group's header has the '+' margin, nested
            // ones the '|' (is_toplevel in traceback.py).
            snprintf(line, sizeof line, "%s%c Exception Group Traceback "
                     "(most recent call last):\n", indent,
                     depth == 0 ? '+' : '|');
            put(o, "", line);
        } else {
            put(o, prefix, "Traceback (most recent call last):\n");
        }
        print_tb(vm, o, prefix, e);
    }
    if (type_issub(TYPE(ex), EXC_TYPE(vm, SyntaxError)) && e->lineno) {
        print_syntax_error(vm, o, prefix, e);
    } else {
        exc_last_line(vm, ex, line, sizeof line - 2);
        str_t *hint = o->suggest ? exc_suggestion(vm, ex) : NULL;
        if (hint) {
            size_t n = strlen(line);
            snprintf(line + n, sizeof line - 2 - n, ". Did you mean: '%s'?",
                     hint->s);
        }
        strcat(line, "\n");
        // A multi-line message keeps the prefix on every line.
        char *p = line;
        for (;;) {
            char *nl = strchr(p, '\n');
            if (!nl) {
                break;
            }
            char save = nl[1];
            nl[1] = 0;
            put(o, prefix, p);
            nl[1] = save;
            p = nl + 1;
            if (!*p) {
                break;
            }
        }
    }
    print_notes(vm, o, prefix, e);
    if (!group) {
        return;
    }
    tuple_t *subs = (tuple_t *)e->exceptions;
    char sub_indent[200];
    snprintf(sub_indent, sizeof sub_indent, "%s  ", indent);
    size_t shown = subs->n > 15 ? 15 : subs->n;
    o->need_close = false;
    for (size_t i = 0; i < shown; i++) {
        bool last = i == shown - 1 && subs->n <= 15;
        if (last) {
            o->need_close = true;
        }
        snprintf(line, sizeof line, "%s%s---------------- %zu "
                 "----------------\n", indent, i == 0 ? "+-+" : "  +", i + 1);
        put(o, "", line);
        print_chain(vm, o, subs->items[i], depth + 1, sub_indent,
                    seen_depth + 1);
        if (last && o->need_close) {
            snprintf(line, sizeof line,
                     "%s  +------------------------------------\n", indent);
            put(o, "", line);
            o->need_close = false;
        }
    }
    if (subs->n > 15) {
        snprintf(line, sizeof line, "%s  +---------------- ... "
                 "----------------\n", indent);
        put(o, "", line);
        snprintf(line, sizeof line, "%s  | and %zu more exception%s\n",
                 indent, subs->n - 15, subs->n - 15 > 1 ? "s" : "");
        put(o, "", line);
        snprintf(line, sizeof line,
                 "%s  +------------------------------------\n", indent);
        put(o, "", line);
        o->need_close = false;
    }
}

static void print_exception(vm_t *vm, obj_t *e, FILE *fp, bool suggest)
{
    out_t o = {fp, vm, suggest, false, {NULL}, 0};
    if (!(TYPE(e)->flags & TF_EXCEPTION)) {
        return;
    }
    bool group = is_group_type(vm, TYPE(e));
    print_chain(vm, &o, e, 0, group ? "  " : "", 0);
}

void vm_print_exception(vm_t *vm, obj_t *e, FILE *fp)
{
    print_exception(vm, e, fp, true);
}

void vm_print_traceback(vm_t *vm, obj_t *e, FILE *fp)
{
    print_exception(vm, e, fp, false);
}

/* ---- Class hierarchy -------------------------------------------------- */

typedef struct exc_def { int id; const char *name; int base; } exc_def_t;

static const exc_def_t defs[] = {
    {EXC_Exception, "Exception", EXC_BaseException},
    {EXC_ArithmeticError, "ArithmeticError", EXC_Exception},
    {EXC_ZeroDivisionError, "ZeroDivisionError", EXC_ArithmeticError},
    {EXC_OverflowError, "OverflowError", EXC_ArithmeticError},
    {EXC_LookupError, "LookupError", EXC_Exception},
    {EXC_IndexError, "IndexError", EXC_LookupError},
    {EXC_KeyError, "KeyError", EXC_LookupError},
    {EXC_TypeError, "TypeError", EXC_Exception},
    {EXC_ValueError, "ValueError", EXC_Exception},
    {EXC_NameError, "NameError", EXC_Exception},
    {EXC_UnboundLocalError, "UnboundLocalError", EXC_NameError},
    {EXC_AttributeError, "AttributeError", EXC_Exception},
    {EXC_RuntimeError, "RuntimeError", EXC_Exception},
    {EXC_RecursionError, "RecursionError", EXC_RuntimeError},
    {EXC_NotImplementedError, "NotImplementedError", EXC_RuntimeError},
    {EXC_StopIteration, "StopIteration", EXC_Exception},
    {EXC_StopAsyncIteration, "StopAsyncIteration", EXC_Exception},
    {EXC_GeneratorExit, "GeneratorExit", EXC_BaseException},
    {EXC_KeyboardInterrupt, "KeyboardInterrupt", EXC_BaseException},
    {EXC_SystemExit, "SystemExit", EXC_BaseException},
    {EXC_AssertionError, "AssertionError", EXC_Exception},
    {EXC_ImportError, "ImportError", EXC_Exception},
    {EXC_ModuleNotFoundError, "ModuleNotFoundError", EXC_ImportError},
    {EXC_MemoryError, "MemoryError", EXC_Exception},
    {EXC_OSError, "OSError", EXC_Exception},
    {EXC_TimeoutError, "TimeoutError", EXC_OSError},
    {EXC_SyntaxError, "SyntaxError", EXC_Exception},
    {EXC_IndentationError, "IndentationError", EXC_SyntaxError},
    {EXC_TabError, "TabError", EXC_IndentationError},
    {EXC_UnicodeError, "UnicodeError", EXC_ValueError},
    {EXC_UnicodeDecodeError, "UnicodeDecodeError", EXC_UnicodeError},
    {EXC_BaseExceptionGroup, "BaseExceptionGroup", EXC_BaseException},
    {EXC_ExceptionGroup, "ExceptionGroup", EXC_BaseExceptionGroup},
    {EXC_Warning, "Warning", EXC_Exception},
    {EXC_RuntimeWarning, "RuntimeWarning", EXC_Warning},
    {EXC_DeprecationWarning, "DeprecationWarning", EXC_Warning},
    {EXC_UserWarning, "UserWarning", EXC_Warning},
    {EXC_ResourceWarning, "ResourceWarning", EXC_Warning},
    {EXC_EOFError, "EOFError", EXC_Exception},
    {EXC_BufferError, "BufferError", EXC_Exception},
    {EXC_CancelledError, "CancelledError", EXC_BaseException},
    {EXC_InvalidStateError, "InvalidStateError", EXC_Exception},
    {EXC_QueueEmpty, "QueueEmpty", EXC_Exception},
    {EXC_QueueFull, "QueueFull", EXC_Exception},
    {EXC_LimitOverrunError, "LimitOverrunError", EXC_Exception},
    {EXC_IncompleteReadError, "IncompleteReadError", EXC_EOFError},
    {EXC_BrokenBarrierError, "BrokenBarrierError", EXC_RuntimeError},
    {EXC_ConnectionError, "ConnectionError", EXC_OSError},
    {EXC_BrokenPipeError, "BrokenPipeError", EXC_ConnectionError},
    {EXC_ConnectionAbortedError, "ConnectionAbortedError",
     EXC_ConnectionError},
    {EXC_ConnectionRefusedError, "ConnectionRefusedError",
     EXC_ConnectionError},
    {EXC_ConnectionResetError, "ConnectionResetError", EXC_ConnectionError},
    {EXC_FileExistsError, "FileExistsError", EXC_OSError},
    {EXC_FileNotFoundError, "FileNotFoundError", EXC_OSError},
    {EXC_IsADirectoryError, "IsADirectoryError", EXC_OSError},
    {EXC_NotADirectoryError, "NotADirectoryError", EXC_OSError},
    {EXC_InterruptedError, "InterruptedError", EXC_OSError},
    {EXC_PermissionError, "PermissionError", EXC_OSError},
    {EXC_ProcessLookupError, "ProcessLookupError", EXC_OSError},
    {EXC_ChildProcessError, "ChildProcessError", EXC_OSError},
    {EXC_BlockingIOError, "BlockingIOError", EXC_OSError},
    {EXC_UnicodeEncodeError, "UnicodeEncodeError", EXC_UnicodeError},
    {EXC_FloatingPointError, "FloatingPointError", EXC_ArithmeticError},
    {EXC_SystemError, "SystemError", EXC_Exception},
    {EXC_ReferenceError, "ReferenceError", EXC_Exception},
    {EXC_SyntaxWarning, "SyntaxWarning", EXC_Warning},
    {EXC_FutureWarning, "FutureWarning", EXC_Warning},
    {EXC_PendingDeprecationWarning, "PendingDeprecationWarning",
     EXC_Warning},
    {EXC_ImportWarning, "ImportWarning", EXC_Warning},
    {EXC_UnicodeWarning, "UnicodeWarning", EXC_Warning},
    {EXC_BytesWarning, "BytesWarning", EXC_Warning},
    {EXC_EncodingWarning, "EncodingWarning", EXC_Warning},
};

void obj_exc_init(vm_t *vm)
{
    type_t *be = type_new_builtin(vm, "BaseException", vm->t_object,
                                  LAYOUT_EXC, sizeof(exc_t));
    be->flags |= TF_EXCEPTION | TF_HASDICT;
    be->mark = exc_mark;
    be->destroy = exc_destroy;
    be->repr = exc_repr;
    be->str = exc_str;
    be->getattr = exc_getattr;
    be->setattr = exc_setattr;
    be->new_ = exc_new_slot;
    vm->exc_types[EXC_BaseException] = be;
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
        type_t *t = type_new_builtin(vm, defs[i].name,
                                     vm->exc_types[defs[i].base], LAYOUT_EXC,
                                     sizeof(exc_t));
        vm->exc_types[defs[i].id] = t;
    }
    type_add_method(vm, be, "__init__", m_exc_init);
    type_add_method(vm, be, "with_traceback", m_with_traceback);
    type_add_method(vm, be, "add_note", m_add_note);
    vm->t_traceback = type_new_builtin(vm, "traceback", NULL, LAYOUT_OTHER,
                                       sizeof(tb_t));
    vm->t_traceback->mark = tb_mark;
    vm->t_traceback->getattr = tb_getattr;
    vm->t_traceback->new_ = NULL;
    vm->t_traceback->flags &= ~(uint32_t)TF_BASETYPE;
    type_t *beg = EXC_TYPE(vm, BaseExceptionGroup);
    type_add_method(vm, beg, "split", m_group_split);
    type_add_method(vm, beg, "subgroup", m_group_subgroup);
    type_add_method(vm, beg, "derive", m_group_derive);
    // ExceptionGroup(BaseExceptionGroup, Exception): fix bases and MRO.
    type_t *eg = EXC_TYPE(vm, ExceptionGroup);
    type_t *ex = EXC_TYPE(vm, Exception);
    eg->bases = tuple_pack(vm, 2, beg, ex);
    eg->mro = tuple_pack(vm, 5, eg, beg, ex, be, vm->t_object);
    const int aio[] = {EXC_CancelledError, EXC_InvalidStateError,
                       EXC_QueueEmpty, EXC_QueueFull, EXC_LimitOverrunError,
                       EXC_IncompleteReadError, EXC_BrokenBarrierError};
    for (size_t i = 0; i < sizeof aio / sizeof aio[0]; i++) {
        type_t *t = vm->exc_types[aio[i]];
        t->module = str_intern(vm, aio[i] == EXC_QueueEmpty ||
                                       aio[i] == EXC_QueueFull
                                   ? "asyncio.queues"
                                   : "asyncio.exceptions");
        t->flags &= ~(uint32_t)TF_BUILTIN;
    }
}
