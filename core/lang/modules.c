/*
 * modules.c - the built-in modules a learner's program imports (sys, time,
 * gc, functools, inspect, types, math), the library modules written in
 * Python (core/lib/NAME.py: contextlib, collections, dataclasses, typing,
 * random, ...) and the import statement's lookup. looplab has no file
 * system access for programs: every module is built in, and any other
 * import fails as CPython's would for a module that is not installed
 * (ModuleNotFoundError: No module named 'os').
 *
 * Library modules are compiled on their first import, as CPython's
 * importlib does: the module is registered in sys.modules before its code
 * runs (so that it can find itself) and removed again if running raises.
 */
#include "obj_int.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "code.h"

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

static void def(vm_t *vm, module_t *m, const char *name, native_fn fn)
{
    native_t *n = native_new(vm, name, fn, (obj_t *)m);
    dict_set_cstr(vm, m->dict, name, (obj_t *)n);
}

static module_t *add_module(vm_t *vm, const char *name)
{
    module_t *m = module_new(vm, name);
    dict_set(vm, vm->modules, (obj_t *)m->name, (obj_t *)m);
    return m;
}

/* ---- Import: built-in and library modules ---------------------------- */

/* The table build/gen/lib_sources.c holds: one entry per core/lib/NAME.py,
 * ended by {NULL, NULL}. */
typedef struct lib_source {
    const char *name;
    const char *source;
} lib_source_t;

extern const lib_source_t modules_lib_sources[];

static const char *lib_find(const char *name)
{
    for (const lib_source_t *l = modules_lib_sources; l->name; l++) {
        if (strcmp(l->name, name) == 0) {
            return l->source;
        }
    }
    return NULL;
}

/* Library code is treated like the asyncio prelude's: the trace's "where"
 * skips its frames (TRACE.md: never the standard library's). */
static void mark_library(vm_t *vm, code_t *co)
{
    co->flags |= CO_LIBRARY;
    for (size_t i = 0; i < co->consts->n; i++) {
        if (TYPE(co->consts->items[i]) == vm->t_code) {
            mark_library(vm, (code_t *)co->consts->items[i]);
        }
    }
}

/* Runs [src] as the code of module [m], whose dict is its globals. Its
 * frames are named "<NAME>" (as the prelude's are "<asyncio>") and their
 * lines are shown from the source. Returns 0, or -1 with vm->exc set. */
static int lib_exec(vm_t *vm, module_t *m, const char *src)
{
    char file[160];
    snprintf(file, sizeof file, "<%s>", m->name->s);
    str_t *fname = str_cstr(vm, file);
    size_t len = strlen(src);
    dict_set(vm, m->dict, (obj_t *)vm->s.__file__, (obj_t *)fname);
    dict_set(vm, vm->sources, (obj_t *)fname,
             (obj_t *)str_new(vm, src, len));
    code_t *co = compile_source(vm, src, len, file);
    if (!co) {
        return -1;
    }
    mark_library(vm, co);
    vm_pin(vm, (obj_t *)co);
    frame_t *f = frame_new(vm, co, m->dict, NULL, NULL);
    vm->nextra--; // co: the frame holds it now
    bool y;
    vm->depth++;
    obj_t *r = vm_eval(vm, f, NULL, false, &y);
    vm->depth--;
    return r ? 0 : -1;
}

/* True when the import statement running is the program's own (not the
 * asyncio prelude's, nor a library module's). */
static bool imported_by_program(vm_t *vm)
{
    return vm->frame && !(vm->frame->code->flags & CO_LIBRARY);
}

/* Finds or loads the module [name] (no dots). Borrowed; NULL with
 * ModuleNotFoundError when there is no such module.
 *
 * A library source named like a built-in C module (functools, types)
 * extends it: it runs in the C module's namespace when the program first
 * imports it, never when the prelude does, so that programs that do not
 * use it pay nothing at start-up. */
static obj_t *load_module(vm_t *vm, str_t *name)
{
    obj_t *m = dict_get_str(vm, vm->modules, name);
    const char *src = lib_find(name->s);
    if (m) {
        if (src && TYPE(m) == vm->t_module && imported_by_program(vm) &&
            !dict_get_str(vm, ((module_t *)m)->dict, vm->s.__file__) &&
            lib_exec(vm, (module_t *)m, src) < 0) {
            return NULL;
        }
        return m;
    }
    if (!src) {
        return vm_raise(vm, EXC_ModuleNotFoundError, "No module named '%s'",
                        name->s);
    }
    // py: sys.modules[name] = module; exec(code, module.__dict__)
    module_t *mod = module_new(vm, name->s);
    dict_set(vm, vm->modules, (obj_t *)mod->name, (obj_t *)mod);
    dict_set(vm, mod->dict, (obj_t *)vm->s.__builtins__,
             dict_get_cstr(vm, vm->modules, "builtins"));
    dict_set(vm, mod->dict, (obj_t *)vm->s.__doc__, vm->none);
    if (lib_exec(vm, mod, src) < 0) {
        // py: del sys.modules[name] (the exception stays set)
        dict_del(vm, vm->modules, (obj_t *)mod->name);
        return NULL;
    }
    // What the module left in sys.modules under its name is the result.
    m = dict_get_str(vm, vm->modules, name);
    return m ? m : (obj_t *)mod;
}

obj_t *modules_import(vm_t *vm, str_t *name)
{
    // "import a.b" binds a, which must have b: a library submodule
    // (core/lib/a.b.py, one level deep) is loaded and set as a's
    // attribute; any other name after the dot is taken to be there.
    const char *dot = strchr(name->s, '.');
    str_t *first = dot ? str_new(vm, name->s, (size_t)(dot - name->s))
                       : name;
    obj_t *m = load_module(vm, first);
    if (!m || !dot || strchr(dot + 1, '.') || !lib_find(name->s)) {
        return m;
    }
    obj_t *sub = load_module(vm, name);
    if (!sub) {
        return NULL;
    }
    str_t *last = str_intern(vm, dot + 1);
    return obj_setattr(vm, m, last, sub) < 0 ? NULL : m;
}

/* ---- sys --------------------------------------------------------------- */

typedef struct stdstream { obj_t hdr; int fd; } stdstream_t;

NATIVE(m_stream_write)
{
    (void)kw;
    if (argc != 1 || TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError,
                        "write() argument must be str, not %s",
                        argc ? type_name(argv[0]) : "nothing");
    }
    str_t *s = (str_t *)argv[0];
    if (((stdstream_t *)self)->fd == 1) {
        if (vm_write_out(vm, s->s, s->len) < 0) {
            return NULL;
        }
    } else {
        vm_write_err(vm, s->s, s->len);
    }
    return int_new(vm, (int64_t)s->nchars);
}

NATIVE(m_stream_flush)
{
    (void)argc, (void)argv, (void)kw;
    fflush(((stdstream_t *)self)->fd == 1 ? vm->out.fp : vm->err.fp);
    return vm->none;
}

NATIVE(m_stream_isatty)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return vm->false_;
}

static obj_t *stream_repr(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_fmt(vm, "<_io.TextIOWrapper name='<%s>' mode='w' "
                            "encoding='utf-8'>",
                            ((stdstream_t *)o)->fd == 1 ? "stdout" : "stderr");
}

NATIVE(sys_exit)
{
    (void)self, (void)kw;
    obj_t *e = exc_new(vm, EXC_TYPE(vm, SystemExit),
                       argc ? tuple_pack(vm, 1, argv[0]) : vm->empty_tuple);
    return vm_raise_obj(vm, e);
}

NATIVE(sys_getrecursionlimit)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return int_new(vm, vm->recursion_limit);
}

NATIVE(sys_setrecursionlimit)
{
    (void)self, (void)kw;
    int64_t n;
    if (argc != 1 || obj_index(vm, argv[0], &n) < 0) {
        if (vm->exc && TYPE(vm->exc) == EXC_TYPE(vm, OverflowError)) {
            vm->exc = NULL;
            n = INT64_MAX;
        } else {
            return vm->exc ? NULL : vm_raise(vm, EXC_TypeError,
                                             "setrecursionlimit() takes "
                                             "exactly one argument");
        }
    }
    if (n > INT_MAX) {
        return vm_raise(vm, EXC_OverflowError,
                        "Python int too large to convert to C int");
    }
    if (n < 1) {
        return vm_raise(vm, EXC_ValueError,
                        "recursion limit must be greater or equal than 1");
    }
    // Taken as it is: when the C stack ends first, the guards in the
    // calls raise RecursionError there (cstack.h).
    vm->recursion_limit = (int)n;
    return vm->none;
}

NATIVE(sys_exc_info)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    obj_t *e = vm->handled;
    if (!e) {
        return (obj_t *)tuple_pack(vm, 3, vm->none, vm->none, vm->none);
    }
    return (obj_t *)tuple_pack(vm, 3, TYPE(e), e, vm->none);
}

static void sys_init(vm_t *vm)
{
    module_t *m = add_module(vm, "sys");
    vm->t_stdstream = type_new_builtin(vm, "TextIOWrapper", NULL,
                                       LAYOUT_OTHER, sizeof(stdstream_t));
    vm->t_stdstream->repr = stream_repr;
    vm->t_stdstream->new_ = NULL;
    type_add_method(vm, vm->t_stdstream, "write", m_stream_write);
    type_add_method(vm, vm->t_stdstream, "flush", m_stream_flush);
    type_add_method(vm, vm->t_stdstream, "isatty", m_stream_isatty);
    stdstream_t *o = (stdstream_t *)gc_alloc(vm, vm->t_stdstream,
                                             sizeof(stdstream_t));
    o->fd = 1;
    stdstream_t *e = (stdstream_t *)gc_alloc(vm, vm->t_stdstream,
                                             sizeof(stdstream_t));
    e->fd = 2;
    vm->sys_stdout = (obj_t *)o;
    vm->sys_stderr = (obj_t *)e;
    dict_set_cstr(vm, m->dict, "stdout", (obj_t *)o);
    dict_set_cstr(vm, m->dict, "stderr", (obj_t *)e);
    dict_set_cstr(vm, m->dict, "__stdout__", (obj_t *)o);
    dict_set_cstr(vm, m->dict, "__stderr__", (obj_t *)e);
    def(vm, m, "exit", sys_exit);
    def(vm, m, "getrecursionlimit", sys_getrecursionlimit);
    def(vm, m, "set_asyncgen_hooks", gen_set_asyncgen_hooks);
    def(vm, m, "get_asyncgen_hooks", gen_get_asyncgen_hooks);
    def(vm, m, "setrecursionlimit", sys_setrecursionlimit);
    def(vm, m, "exc_info", sys_exc_info);
    dict_set_cstr(vm, m->dict, "version",
                  (obj_t *)str_cstr(vm, "3.11.7 (looplab)"));
    tuple_t *vi = tuple_pack(vm, 5, int_new(vm, 3), int_new(vm, 11),
                             int_new(vm, 7), str_cstr(vm, "final"),
                             int_new(vm, 0));
    dict_set_cstr(vm, m->dict, "version_info", (obj_t *)vi);
    dict_set_cstr(vm, m->dict, "platform", (obj_t *)str_cstr(vm, "linux"));
    dict_set_cstr(vm, m->dict, "maxsize", int_new(vm, INT64_MAX));
    dict_set_cstr(vm, m->dict, "modules", (obj_t *)vm->modules);
    dict_set_cstr(vm, m->dict, "path", (obj_t *)list_new(vm, 0));
    dict_set_cstr(vm, m->dict, "argv", (obj_t *)list_new(vm, 0));
}

/* ---- time ------------------------------------------------------------- */

static double real_monotonic(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* time.monotonic / perf_counter are the real clocks even when the loop's
 * clock is virtual (TRACE.md): the reference recorder leaves them alone, so
 * a program timing its virtual sleeps measures next to nothing there too. */
NATIVE(time_monotonic)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return float_new(vm, real_monotonic());
}

NATIVE(time_time)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return float_new(vm, (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

NATIVE(time_sleep)
{
    (void)self, (void)kw;
    double d = 0;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "time.sleep() takes exactly one argument (%d given)",
                        argc);
    }
    if (TYPE(argv[0]) == vm->t_float) {
        d = OBJ_FLOAT(argv[0]);
    } else if (TYPE(argv[0]) == vm->t_int) {
        d = (double)OBJ_INT(argv[0]);
    } else {
        return vm_raise(vm, EXC_TypeError,
                        "'%s' object cannot be interpreted as an integer",
                        type_name(argv[0]));
    }
    if (d < 0) {
        return vm_raise(vm, EXC_ValueError,
                        "sleep length must be non-negative");
    }
    // A real, blocking sleep: the whole loop waits and its clock, virtual
    // or not, does not move for it (loop.time() moves only when the loop
    // itself would block).
    struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
        if (vm->interrupt && *vm->interrupt) {
            break;
        }
    }
    return vm->none;
}

static int64_t real_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

NATIVE(time_time_ns)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return int_new(vm, real_ns(CLOCK_REALTIME));
}

NATIVE(time_monotonic_ns)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return int_new(vm, real_ns(CLOCK_MONOTONIC));
}

NATIVE(time_process_time)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return float_new(vm, (double)real_ns(CLOCK_PROCESS_CPUTIME_ID) * 1e-9);
}

/* The broken-down local time of [secs] (None or missing: now), as
 * time.localtime gives it to strftime and ctime. */
static int local_tm(vm_t *vm, const char *fname, obj_t *secs, struct tm *out)
{
    time_t t;
    if (!secs || secs == vm->none) {
        t = time(NULL);
    } else if (obj_isinstance_t(secs, vm->t_int)) {
        t = (time_t)OBJ_INT(secs);
    } else if (obj_isinstance_t(secs, vm->t_float)) {
        t = (time_t)floor(OBJ_FLOAT(secs));
    } else {
        vm_raise(vm, EXC_TypeError, "'%s' object cannot be interpreted as "
                 "an integer", type_name(secs));
        return -1;
    }
    (void)fname;
    if (!localtime_r(&t, out)) {
        vm_raise(vm, EXC_OverflowError, "timestamp out of range for "
                 "platform time_t");
        return -1;
    }
    return 0;
}

/* time.strftime(format[, t]): t a 9-tuple (struct_time's fields) or the
 * local time now. The wall clock, not the loop's virtual one. */
NATIVE(time_strftime)
{
    (void)self;
    if ((kw && kw->n) || argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError, "strftime() takes at most 2 "
                        "arguments (%d given)", argc);
    }
    if (!obj_isinstance_t(argv[0], vm->t_str)) {
        return vm_raise(vm, EXC_TypeError, "strftime() argument 1 must be "
                        "str, not %s", type_name(argv[0]));
    }
    struct tm tm;
    if (argc == 2) {
        obj_t *t = argv[1];
        if (!obj_isinstance_t(t, vm->t_tuple)) {
            return vm_raise(vm, EXC_TypeError, "Tuple or struct_time "
                            "argument required");
        }
        if (((tuple_t *)t)->n != 9) {
            return vm_raise(vm, EXC_TypeError, "strftime(): illegal time "
                            "tuple argument");
        }
        int64_t f[9];
        for (int i = 0; i < 9; i++) {
            if (obj_index(vm, ((tuple_t *)t)->items[i], &f[i]) < 0) {
                return NULL;
            }
        }
        memset(&tm, 0, sizeof tm);
        tm.tm_year = (int)(f[0] - 1900);
        tm.tm_mon = (int)f[1] - 1;
        tm.tm_mday = (int)f[2];
        tm.tm_hour = (int)f[3];
        tm.tm_min = (int)f[4];
        tm.tm_sec = (int)f[5];
        tm.tm_wday = (int)((f[6] + 1) % 7);  // Python: Monday is 0
        tm.tm_yday = (int)f[7] - 1;
        tm.tm_isdst = (int)f[8];
    } else if (local_tm(vm, "strftime", NULL, &tm) < 0) {
        return NULL;
    }
    str_t *fmt = (str_t *)argv[0];
    for (size_t cap = 256; cap <= ((size_t)1 << 20); cap *= 4) {
        char *buf = gc_malloc(vm, cap);
        size_t n = strftime(buf, cap, fmt->s, &tm);
        if (n > 0 || fmt->len == 0 || cap * 4 > ((size_t)1 << 20)) {
            str_t *r = str_new(vm, buf, n);
            gc_free(vm, buf, cap);
            return (obj_t *)r;
        }
        gc_free(vm, buf, cap);
    }
    return (obj_t *)vm->empty_str;
}

/* time.ctime([secs]): asctime's "Mon Nov 23 12:59:03 2026". */
NATIVE(time_ctime)
{
    (void)self, (void)kw;
    if (argc > 1) {
        return vm_raise(vm, EXC_TypeError, "ctime expected at most 1 "
                        "argument, got %d", argc);
    }
    struct tm tm;
    if (local_tm(vm, "ctime", argc ? argv[0] : NULL, &tm) < 0) {
        return NULL;
    }
    char buf[64];
    size_t n = strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
    return (obj_t *)str_new(vm, buf, n);
}

static void time_init(vm_t *vm)
{
    module_t *m = add_module(vm, "time");
    def(vm, m, "monotonic", time_monotonic);
    def(vm, m, "perf_counter", time_monotonic);
    def(vm, m, "time", time_time);
    def(vm, m, "sleep", time_sleep);
    def(vm, m, "time_ns", time_time_ns);
    def(vm, m, "monotonic_ns", time_monotonic_ns);
    def(vm, m, "perf_counter_ns", time_monotonic_ns);
    def(vm, m, "process_time", time_process_time);
    def(vm, m, "strftime", time_strftime);
    def(vm, m, "ctime", time_ctime);
}

/* ---- gc ---------------------------------------------------------------- */

NATIVE(gc_collect_fn)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    size_t n = vm->nogc == 0 ? gc_collect(vm) : 0;
    return int_new(vm, (int64_t)n);
}

static void gc_init(vm_t *vm)
{
    module_t *m = add_module(vm, "gc");
    def(vm, m, "collect", gc_collect_fn);
}

/* ---- functools, types ------------------------------------------------- */

NATIVE(types_coroutine)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "coroutine() takes one argument");
    }
    obj_t *f = argv[0];
    if (!vm_callable(f)) {
        return vm_raise(vm, EXC_TypeError,
                        "types.coroutine() expects a callable");
    }
    if (TYPE(f) == vm->t_func) {
        code_t *co = ((func_t *)f)->code;
        if (co->flags & CO_GENERATOR) {
            co->flags |= CO_ITERABLE_COROUTINE;
        }
    }
    return f;
}

/* functools.update_wrapper(wrapper, wrapped): copies the attributes of
 * WRAPPER_ASSIGNMENTS that wrapped has, merges its __dict__ and sets
 * __wrapped__, as Lib/functools.py does. */
static obj_t *wrap_update(vm_t *vm, obj_t *wrapper, obj_t *wrapped)
{
    static const char *const assigned[] = {
        "__module__", "__name__", "__qualname__", "__doc__",
        "__annotations__"};
    for (size_t i = 0; i < sizeof assigned / sizeof assigned[0]; i++) {
        str_t *name = str_intern(vm, assigned[i]);
        obj_t *v = obj_getattr_opt(vm, wrapped, name);
        if (!v) {
            if (vm->exc) {
                return NULL;
            }
            continue;
        }
        if (obj_setattr(vm, wrapper, name, v) < 0) {
            return NULL;
        }
    }
    obj_t *src = obj_getattr_opt(vm, wrapped, vm->s.__dict__);
    obj_t *dst = obj_getattr_opt(vm, wrapper, vm->s.__dict__);
    if (vm->exc) {
        return NULL;
    }
    if (src && dst && TYPE(src) == vm->t_dict && TYPE(dst) == vm->t_dict) {
        size_t pos = 0;
        obj_t *k, *v;
        while (dict_next((dict_t *)src, &pos, &k, &v)) {
            if (dict_set(vm, (dict_t *)dst, k, v) < 0) {
                return NULL;
            }
        }
    }
    if (obj_setattr(vm, wrapper, vm->s.__wrapped__, wrapped) < 0) {
        return NULL;
    }
    return wrapper;
}

NATIVE(functools_update_wrapper)
{
    (void)self;
    static const char *const names[] = {"wrapper", "wrapped"};
    obj_t *a[2];
    if (vm_parse_args(vm, "update_wrapper", argc, argv, kw, 2, 2, names, 2,
                      a) < 0) {
        return NULL;
    }
    return wrap_update(vm, a[0], a[1]);
}

/* The decorator wraps(f) returns; self is f. */
NATIVE(wraps_decorator)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "update_wrapper() takes 1 positional argument but %d "
                        "were given", argc);
    }
    return wrap_update(vm, argv[0], self);
}

NATIVE(functools_wraps)
{
    (void)self;
    static const char *const names[] = {"wrapped"};
    obj_t *a[1];
    if (vm_parse_args(vm, "wraps", argc, argv, kw, 1, 1, names, 1, a) < 0) {
        return NULL;
    }
    return (obj_t *)native_new(vm, "update_wrapper", wraps_decorator, a[0]);
}

/* functools.reduce(function, iterable[, initial]) */
NATIVE(functools_reduce)
{
    (void)self, (void)kw;
    if (argc < 2 || argc > 3) {
        return vm_raise(vm, EXC_TypeError,
                        "reduce expected at most 3 arguments, got %d", argc);
    }
    obj_t *it = obj_iter(vm, argv[1]);
    if (!it) {
        return NULL;
    }
    obj_t *acc = argc == 3 ? argv[2] : NULL;
    for (;;) {
        obj_t *x = obj_next(vm, it);
        if (!x) {
            if (vm->exc) {
                return NULL;
            }
            break;
        }
        if (!acc) {
            acc = x;
            continue;
        }
        acc = vm_call2(vm, argv[0], acc, x);
        if (!acc) {
            return NULL;
        }
    }
    if (!acc) {
        return vm_raise(vm, EXC_TypeError,
                        "reduce() of empty iterable with no initial value");
    }
    return acc;
}

static void functools_init(vm_t *vm)
{
    module_t *m = add_module(vm, "functools");
    dict_set_cstr(vm, m->dict, "partial", (obj_t *)vm->t_partial);
    def(vm, m, "wraps", functools_wraps);
    def(vm, m, "update_wrapper", functools_update_wrapper);
    def(vm, m, "reduce", functools_reduce);
}


static void types_init(vm_t *vm)
{
    module_t *m = add_module(vm, "types");
    def(vm, m, "coroutine", types_coroutine);
    dict_set_cstr(vm, m->dict, "FunctionType", (obj_t *)vm->t_func);
    dict_set_cstr(vm, m->dict, "CoroutineType", (obj_t *)vm->t_coro);
    dict_set_cstr(vm, m->dict, "AsyncGeneratorType",
                  (obj_t *)vm->t_asyncgen);
    dict_set_cstr(vm, m->dict, "GeneratorType", (obj_t *)vm->t_gen);
    dict_set_cstr(vm, m->dict, "MethodType", (obj_t *)vm->t_method);
    dict_set_cstr(vm, m->dict, "BuiltinFunctionType", (obj_t *)vm->t_native);
    dict_set_cstr(vm, m->dict, "ModuleType", (obj_t *)vm->t_module);
}

/* ---- inspect ---------------------------------------------------------- */

static obj_t *unwrap_callable(vm_t *vm, obj_t *f)
{
    for (int i = 0; i < 10; i++) {
        if (TYPE(f) == vm->t_method) {
            f = ((method_t *)f)->func;
        } else if (TYPE(f) == vm->t_partial) {
            tuple_t *a;
            f = partial_parts(vm, f, &a);
        } else {
            break;
        }
    }
    return f;
}

static int code_flags(vm_t *vm, obj_t *f)
{
    f = unwrap_callable(vm, f);
    return TYPE(f) == vm->t_func ? ((func_t *)f)->code->flags : 0;
}

NATIVE(insp_iscoroutine)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_coro);
}

NATIVE(insp_iscoroutinefunction)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && (code_flags(vm, argv[0]) & CO_COROUTINE));
}

NATIVE(insp_isgeneratorfunction)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && (code_flags(vm, argv[0]) & CO_GENERATOR));
}

NATIVE(insp_isgenerator)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_gen);
}

NATIVE(insp_isawaitable)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "isawaitable() takes 1 argument");
    }
    obj_t *o = argv[0];
    if (TYPE(o) == vm->t_coro) {
        return vm->true_;
    }
    if (TYPE(o) == vm->t_gen && ((gen_t *)o)->frame &&
        (((gen_t *)o)->frame->code->flags & CO_ITERABLE_COROUTINE)) {
        return vm->true_;
    }
    return bool_new(vm, type_lookup(vm, TYPE(o), vm->s.__await__) != NULL);
}

NATIVE(insp_isfunction)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_func);
}

NATIVE(insp_isclass)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_type);
}

NATIVE(insp_ismethod)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_method);
}

NATIVE(insp_isasyncgenfunction)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && (code_flags(vm, argv[0]) & CO_ASYNCGEN));
}

NATIVE(insp_isasyncgen)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_asyncgen);
}

NATIVE(insp_ismodule)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_module);
}

/* A built-in function or a method bound to its object ([].append); the
 * unbound list.append is a method descriptor instead. */
static bool is_builtin(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_native &&
           !((o->flags & NF_METHOD) && !((native_t *)o)->self);
}

NATIVE(insp_isbuiltin)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && is_builtin(vm, argv[0]));
}

NATIVE(insp_isroutine)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm->false_;
    }
    type_t *t = TYPE(argv[0]);
    return bool_new(vm, t == vm->t_native || t == vm->t_func ||
                            t == vm->t_method);
}

NATIVE(insp_iscode)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_code);
}

NATIVE(insp_isframe)
{
    (void)self, (void)kw;
    return bool_new(vm, argc == 1 && TYPE(argv[0]) == vm->t_frame);
}

/* getgeneratorstate / getcoroutinestate read the object's attributes as
 * Lib/inspect.py does, so other objects fail the same way. */
static obj_t *gen_state(vm_t *vm, int argc, obj_t **argv, const char *pre,
                        const char *up)
{
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "get%sstate() takes 1 positional argument but %d "
                        "were given", pre[0] == 'g' ? "generator"
                                                    : "coroutine", argc);
    }
    const char *parts[3] = {"running", "suspended", "frame"};
    obj_t *v[3];
    for (int i = 0; i < 3; i++) {
        str_t *name = str_fmt(vm, "%s%s", pre, parts[i]);
        v[i] = obj_getattr(vm, argv[0], str_intern(vm, name->s));
        if (!v[i]) {
            return NULL;
        }
        if (i < 2) {
            int t = obj_truthy(vm, v[i]);
            if (t < 0) {
                return NULL;
            }
            if (t) {
                return (obj_t *)str_fmt(vm, "%s_%s", up,
                                        i == 0 ? "RUNNING" : "SUSPENDED");
            }
        }
    }
    return (obj_t *)str_fmt(vm, "%s_%s", up,
                            v[2] == vm->none ? "CLOSED" : "CREATED");
}

NATIVE(insp_getgeneratorstate)
{
    (void)self, (void)kw;
    return gen_state(vm, argc, argv, "gi_", "GEN");
}

NATIVE(insp_getcoroutinestate)
{
    (void)self, (void)kw;
    return gen_state(vm, argc, argv, "cr_", "CORO");
}

static void inspect_init(vm_t *vm)
{
    module_t *m = add_module(vm, "inspect");
    def(vm, m, "iscoroutine", insp_iscoroutine);
    def(vm, m, "iscoroutinefunction", insp_iscoroutinefunction);
    def(vm, m, "isgeneratorfunction", insp_isgeneratorfunction);
    def(vm, m, "isgenerator", insp_isgenerator);
    def(vm, m, "isawaitable", insp_isawaitable);
    def(vm, m, "isfunction", insp_isfunction);
    def(vm, m, "isclass", insp_isclass);
    def(vm, m, "ismethod", insp_ismethod);
    def(vm, m, "isasyncgenfunction", insp_isasyncgenfunction);
    def(vm, m, "isasyncgen", insp_isasyncgen);
    def(vm, m, "ismodule", insp_ismodule);
    def(vm, m, "isbuiltin", insp_isbuiltin);
    def(vm, m, "isroutine", insp_isroutine);
    def(vm, m, "iscode", insp_iscode);
    def(vm, m, "isframe", insp_isframe);
    def(vm, m, "getgeneratorstate", insp_getgeneratorstate);
    def(vm, m, "getcoroutinestate", insp_getcoroutinestate);
    static const char *const states[] = {
        "GEN_CREATED", "GEN_RUNNING", "GEN_SUSPENDED", "GEN_CLOSED",
        "CORO_CREATED", "CORO_RUNNING", "CORO_SUSPENDED", "CORO_CLOSED"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        dict_set_cstr(vm, m->dict, states[i],
                      (obj_t *)str_intern(vm, states[i]));
    }
}

/* ---- math: libm's functions with CPython's errors (the rest of the
 * module is Python: core/lib/math.py) ------------------------------------ */

static int num_arg(vm_t *vm, obj_t *o, double *out)
{
    if (TYPE(o) == vm->t_float) {
        *out = OBJ_FLOAT(o);
        return 0;
    }
    if (TYPE(o) == vm->t_int || TYPE(o) == vm->t_bool) {
        *out = (double)OBJ_INT(o);
        return 0;
    }
    vm_raise(vm, EXC_TypeError, "must be real number, not %s", type_name(o));
    return -1;
}

NATIVE(math_sqrt)
{
    (void)self, (void)kw;
    double x;
    if (argc != 1 || num_arg(vm, argv[0], &x) < 0) {
        return vm->exc ? NULL : vm_raise(vm, EXC_TypeError,
                                         "sqrt() takes exactly one argument");
    }
    if (x < 0) {
        return vm_raise(vm, EXC_ValueError, "math domain error");
    }
    return float_new(vm, sqrt(x));
}

NATIVE(math_floor)
{
    (void)self, (void)kw;
    double x;
    if (argc != 1 || num_arg(vm, argv[0], &x) < 0) {
        return vm->exc ? NULL : vm_raise(vm, EXC_TypeError,
                                         "floor() takes exactly one argument");
    }
    return num_float_to_int(vm, floor(x));
}

NATIVE(math_ceil)
{
    (void)self, (void)kw;
    double x;
    if (argc != 1 || num_arg(vm, argv[0], &x) < 0) {
        return vm->exc ? NULL : vm_raise(vm, EXC_TypeError,
                                         "ceil() takes exactly one argument");
    }
    return num_float_to_int(vm, ceil(x));
}

/* math_1 in CPython's mathmodule.c: a NaN from a number is a domain
 * error, an infinity from a finite number a range error where the
 * function can overflow (exp, cosh, ...) and a domain error otherwise. */
static obj_t *math_1(vm_t *vm, const char *name, double (*fn)(double),
                     bool can_overflow, int argc, obj_t **argv)
{
    double x;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "math.%s() takes exactly one argument (%d given)",
                        name, argc);
    }
    if (num_arg(vm, argv[0], &x) < 0) {
        return NULL;
    }
    double r = fn(x);
    if (isnan(r) && !isnan(x)) {
        return vm_raise(vm, EXC_ValueError, "math domain error");
    }
    if (isinf(r) && isfinite(x)) {
        return can_overflow
                   ? vm_raise(vm, EXC_OverflowError, "math range error")
                   : vm_raise(vm, EXC_ValueError, "math domain error");
    }
    return float_new(vm, r);
}

#define MATH_1(fn, can_overflow)                                            \
    NATIVE(math_##fn)                                                       \
    {                                                                       \
        (void)self, (void)kw;                                               \
        return math_1(vm, #fn, fn, can_overflow, argc, argv);               \
    }

MATH_1(exp, true)
MATH_1(expm1, true)
MATH_1(log2, false)
MATH_1(log10, false)
MATH_1(log1p, false)
MATH_1(sin, false)
MATH_1(cos, false)
MATH_1(tan, false)
MATH_1(asin, false)
MATH_1(acos, false)
MATH_1(atan, false)
MATH_1(sinh, true)
MATH_1(cosh, true)
MATH_1(tanh, false)
MATH_1(fabs, false)

/* math.log(x[, base]): log(x) / log(base); x <= 0 is a domain error. */
static int log_arg(vm_t *vm, obj_t *o, double *out)
{
    double x;
    if (num_arg(vm, o, &x) < 0) {
        return -1;
    }
    if (x <= 0) {
        vm_raise(vm, EXC_ValueError, "math domain error");
        return -1;
    }
    *out = log(x);
    return 0;
}

NATIVE(math_log)
{
    (void)self, (void)kw;
    double num, den;
    if (argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError,
                        "math.log requires 1 to 2 arguments");
    }
    if (log_arg(vm, argv[0], &num) < 0) {
        return NULL;
    }
    if (argc == 1) {
        return float_new(vm, num);
    }
    if (log_arg(vm, argv[1], &den) < 0) {
        return NULL;
    }
    if (den == 0) {
        return vm_raise(vm, EXC_ZeroDivisionError, "float division by zero");
    }
    return float_new(vm, num / den);
}

/* Two-argument functions; [i] selects atan2, pow, fmod or copysign. */
static obj_t *math_2(vm_t *vm, int i, int argc, obj_t **argv)
{
    static const char *const names[] = {"atan2", "pow", "fmod", "copysign"};
    double x, y, r = 0;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError, "%s expected 2 arguments, got %d",
                        names[i], argc);
    }
    if (num_arg(vm, argv[0], &x) < 0 || num_arg(vm, argv[1], &y) < 0) {
        return NULL;
    }
    switch (i) {
    case 0: r = atan2(x, y); break;
    case 1: r = pow(x, y); break;
    case 2: r = isinf(y) && isfinite(x) ? x : fmod(x, y); break;
    default: r = copysign(x, y); break;
    }
    if (isnan(r) && !isnan(x) && !isnan(y)) {
        return vm_raise(vm, EXC_ValueError, "math domain error");
    }
    if (isinf(r) && isfinite(x) && isfinite(y)) {
        // pow(0, negative) is a domain error; other infinities overflow.
        return x == 0 ? vm_raise(vm, EXC_ValueError, "math domain error")
                      : vm_raise(vm, EXC_OverflowError, "math range error");
    }
    return float_new(vm, r);
}

NATIVE(math_atan2)
{
    (void)self, (void)kw;
    return math_2(vm, 0, argc, argv);
}

NATIVE(math_pow)
{
    (void)self, (void)kw;
    return math_2(vm, 1, argc, argv);
}

NATIVE(math_fmod)
{
    (void)self, (void)kw;
    return math_2(vm, 2, argc, argv);
}

NATIVE(math_copysign)
{
    (void)self, (void)kw;
    return math_2(vm, 3, argc, argv);
}

static void math_init(vm_t *vm)
{
    module_t *m = add_module(vm, "math");
    def(vm, m, "sqrt", math_sqrt);
    def(vm, m, "floor", math_floor);
    def(vm, m, "ceil", math_ceil);
    static const struct {
        const char *name;
        native_fn fn;
    } fns[] = {
        {"exp", math_exp}, {"expm1", math_expm1}, {"log", math_log},
        {"log2", math_log2}, {"log10", math_log10}, {"log1p", math_log1p},
        {"sin", math_sin}, {"cos", math_cos}, {"tan", math_tan},
        {"asin", math_asin}, {"acos", math_acos}, {"atan", math_atan},
        {"sinh", math_sinh}, {"cosh", math_cosh}, {"tanh", math_tanh},
        {"fabs", math_fabs}, {"atan2", math_atan2}, {"pow", math_pow},
        {"fmod", math_fmod}, {"copysign", math_copysign}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        def(vm, m, fns[i].name, fns[i].fn);
    }
    dict_set_cstr(vm, m->dict, "pi", float_new(vm, M_PI));
    dict_set_cstr(vm, m->dict, "e", float_new(vm, M_E));
    dict_set_cstr(vm, m->dict, "inf", float_new(vm, INFINITY));
    dict_set_cstr(vm, m->dict, "nan", float_new(vm, NAN));
}

void modules_init(vm_t *vm)
{
    sys_init(vm);
    time_init(vm);
    gc_init(vm);
    functools_init(vm);
    types_init(vm);
    inspect_init(vm);
    math_init(vm);
    module_t *coll = obj_deque_init(vm);
    dict_set(vm, vm->modules, (obj_t *)coll->name, (obj_t *)coll);
}
