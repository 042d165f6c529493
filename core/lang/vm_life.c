/*
 * vm_life.c - the interpreter's lifecycle and its edges to the outside:
 * vm_new (the bootstrap of the object model, builtins and modules, in
 * dependency order), vm_free, vm_run_main with the exit status of an
 * uncaught exception, standard output and error, and warnings.
 *
 * Mirrors CPython's Python/pylifecycle.c (Py_InitializeFromConfig,
 * Py_FinalizeEx), Python/pythonrun.c (_PyRun_SimpleFileObject,
 * handle_system_exit) and the output format of warnings.showwarning.
 *
 * Invariants: a vm_t owns every object it allocated, and vm_free releases
 * them all; output to the error stream flushes standard output first, so
 * the two interleave as they were written; garbage left at exit is
 * collected (and finalized) before vm_run_main returns.
 */
#include "code.h"

#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "cstack.h"
#include "obj_int.h"
#include "source.h"

/* ==== Output and warnings ============================================= */

int vm_write_out(vm_t *vm, const char *s, size_t n)
{
    // A write that fails (a closed pipe, a full disk) raises where the
    // program wrote, as CPython's unbuffered stdout does: the program may
    // catch it, else its traceback ends the run. Only what was written
    // reaches the hook (the trace's out events).
    errno = 0;
    if (fwrite(s, 1, n, vm->out.fp) != n || ferror(vm->out.fp)) {
        int e = errno ? errno : EIO;
        clearerr(vm->out.fp);
        exc_raise_errno(vm, e);
        return -1;
    }
    if (vm->out.hook) {
        vm->out.hook(vm->out.ud, s, n);
    }
    return 0;
}

void vm_write_err(vm_t *vm, const char *s, size_t n)
{
    if (vm->err.hook) {
        vm->err.hook(vm->err.ud, s, n);
    }
    fflush(vm->out.fp);
    fwrite(s, 1, n, vm->err.fp);
}

int vm_warn(vm_t *vm, int category, const char *msg)
{
    // warnings.warn with the default filters: the "default" action shows
    // a warning once per (message, category, line) of a module's
    // registry, here of a file's; warnings.formatwarning writes
    // "file:line: Category: message" and the stripped source line, for
    // the innermost frame of the program ("sys:1" without one).
    frame_t *f = vm->frame;
    const char *file = f ? f->code->filename->s : "sys";
    int line = f ? frame_line_running(f) : 1;
    bool at = vm->warn_at && f == vm->warn_base;
    if (at) {
        file = vm->warn_at->file;
        line = vm->warn_at->line;
    }
    return vm_warn_explicit(vm, category, msg, file, line,
                            at ? vm->warn_at->src : NULL, f != NULL);
}

int vm_warn_explicit(vm_t *vm, int category, const char *msg,
                     const char *file, int line, const char *text,
                     bool lookup)
{
    const char *cat = vm->exc_types[category]->name->s;
    str_t *key = str_fmt(vm, "%s:%d:%s:%s", file, line, cat, msg);
    if (dict_get_str(vm, vm->warn_registry, key)) {
        return 0;
    }
    dict_set(vm, vm->warn_registry, (obj_t *)key, vm->true_);
    if (vm->warn_hook) {
        vm->warn_hook(vm, cat, msg);
    }
    char buf[1200], src[1000];
    snprintf(buf, sizeof buf, "%s:%d: %s: %s\n", file, line, cat, msg);
    vm_write_err(vm, buf, strlen(buf));
    if (text) {
        snprintf(buf, sizeof buf, "  %s\n", text);
        vm_write_err(vm, buf, strlen(buf));
    } else if (lookup && vm_source_line(vm, file, line, src, sizeof src)) {
        snprintf(buf, sizeof buf, "  %s\n", src);
        vm_write_err(vm, buf, strlen(buf));
    }
    return 1;
}

/* ==== Lifecycle ======================================================= */

static void init_types(vm_t *vm)
{
    vm->t_code = type_new_builtin(vm, "code", NULL, LAYOUT_OTHER,
                                  sizeof(code_t));
    vm->t_code->mark = vm__code_mark;
    vm->t_code->destroy = vm__code_destroy;
    vm->t_code->repr = vm__code_repr;
    vm->t_code->getattr = vm__code_getattr;
    vm->t_code->new_ = NULL;
    vm->t_frame = type_new_builtin(vm, "frame", NULL, LAYOUT_OTHER,
                                   sizeof(frame_t));
    vm->t_frame->mark = vm__frame_mark;
    vm->t_frame->getattr = vm__frame_getattr;
    vm->t_frame->new_ = NULL;
}

size_t vm_default_max_memory(void)
{
    // 4 GB, but at most half the machine's memory and half of an address
    // space limit (ulimit -v): the process needs room above the heap the
    // collector counts, so the ceiling must come before the kernel's.
    size_t cap = (size_t)4 << 30;
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && psize > 0 && (size_t)pages * (size_t)psize / 2 < cap) {
        cap = (size_t)pages * (size_t)psize / 2;
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur / 2 < cap) {
        cap = rl.rlim_cur / 2;
    }
    return cap;
}

obj_t *vm_steps_exhausted(vm_t *vm)
{
    unsigned shift = vm->steps_over < 62 ? vm->steps_over : 62;
    vm->steps_over++;
    uint64_t grace = (vm->max_steps / 4) >> shift;
    vm->steps = vm->max_steps - grace;
    return vm_raise(vm, EXC_RuntimeError,
                    "looplab: step budget exhausted (--max-steps)");
}

vm_t *vm_new(void)
{
    vm_t *vm = calloc(1, sizeof *vm);
    if (!vm) {
        return NULL;
    }
    vm->recursion_limit = 1000;
    // Epoch 0 is an empty cache entry's (type.c, vm.c).
    vm->mcache_epoch = 1;
    vm->acache_epoch = 1;
    vm->gcache_epoch = 1;
    // The REPL, the view and lessons get the same ceiling as looplab run.
    vm->max_bytes = vm_default_max_memory();
    vm->stack_floor = cstack_floor(CSTACK_RESERVE);
    vm->next_gc = 8u << 20;
    vm->gc_stress = getenv("LOOPLAB_GC_STRESS") != NULL;
    vm->gc_nopool = getenv("LOOPLAB_GC_NOPOOL") != NULL;
    vm->out.fp = stdout;
    vm->err.fp = stderr;
    obj_core_init(vm);
    obj_num_init(vm);
    obj_seq_init(vm);
    obj_dict_init(vm);
    obj_str_init(vm);
#define X(n) vm->s.n = str_intern(vm, #n);
    VM_NAMES(X)
#undef X
    vm->s.func_ = str_intern(vm, "__func__");
    // Natives need their type before the queued methods are registered.
    obj_func_init(vm);
    obj_core_finish(vm);
    obj_num_methods(vm);
    obj_strfmt_init(vm);
    vm->empty_str = str_intern(vm, "");
    obj_exc_init(vm);
    init_types(vm);
    gen_init_types(vm);
    vm->modules = dict_new(vm);
    vm->sources = dict_new(vm);
    vm->warn_registry = dict_new(vm);
    builtins_init(vm);
    modules_init(vm);
    obj_add_slot_wrappers(vm);
    return vm;
}

void vm_free(vm_t *vm)
{
    gc_free_all(vm);
    free(vm);
}

static int exit_status(vm_t *vm, obj_t *e)
{
    if (obj_isinstance_t(e, EXC_TYPE(vm, SystemExit))) {
        obj_t *code = ((exc_t *)e)->value;
        if (!code || code == vm->none) {
            return 0;
        }
        if (TYPE(code) == vm->t_int || TYPE(code) == vm->t_bool) {
            return (int)(OBJ_INT(code) & 0xff);
        }
        str_t *s = obj_str(vm, code);
        if (s) {
            vm_write_err(vm, s->s, s->len);
            vm_write_err(vm, "\n", 1);
        }
        vm->exc = NULL;
        return 1;
    }
    vm_print_exception(vm, e, stderr);
    if (obj_isinstance_t(e, EXC_TYPE(vm, KeyboardInterrupt))) {
        return 130;
    }
    return 1;
}

size_t vm_utf8_check(const char *s, size_t len, char *msg, size_t msgsz)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3
                 : c < 0xF5 ? 4 : 0;
        const char *why = n ? NULL : "invalid start byte";
        size_t nbad = 1;
        for (size_t k = 1; k < n && !why; k++) {
            // The second byte's range is narrower after E0, ED, F0, F4
            // (no overlong forms, surrogates or code points past U+10FFFF).
            unsigned lo = 0x80, hi = 0xBF;
            if (k == 1) {
                lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
            }
            if (i + k >= len) {
                why = "unexpected end of data";
                nbad = k;
            } else if (p[i + k] < lo || p[i + k] > hi) {
                why = "invalid continuation byte";
                nbad = k;
            }
        }
        if (!why) {
            i += n;
            continue;
        }
        if (msg && msgsz) {
            if (nbad == 1) {
                snprintf(msg, msgsz, "'utf-8' codec can't decode byte 0x%02x "
                         "in position %zu: %s", c, i, why);
            } else {
                snprintf(msg, msgsz, "'utf-8' codec can't decode bytes in "
                         "position %zu-%zu: %s", i, i + nbad - 1, why);
            }
        }
        return i;
    }
    return len;
}

char *vm_source_decode(vm_t *vm, const char *path, const char *src,
                       size_t len, size_t *tlen)
{
    source_error_t serr;
    char *decoded = source_decode(path, src, len, tlen, &serr);
    if (!serr.msg[0]) {
        return decoded;
    }
    if (serr.line > 0) {
        exc_syntax_error(vm, "SyntaxError", serr.msg, path, serr.line,
                         serr.col, decoded, *tlen);
        obj_t *e = vm_take_exc(vm);
        vm_print_exception(vm, e, vm->err.fp);
    } else {
        char msg[600];
        snprintf(msg, sizeof msg, "SyntaxError: %s\n", serr.msg);
        vm_write_err(vm, msg, strlen(msg));
    }
    free(decoded);
    return NULL;
}

int vm_exit_status(vm_t *vm, obj_t *e)
{
    return exit_status(vm, e);
}

int vm_run_main(vm_t *vm, const char *path, const char *src, size_t len)
{
    vm->main_path = path;
    // The program is known by its file name without directories, as the
    // expected results (recorded with directories stripped) show it.
    const char *slash = strrchr(path, '/');
    if (slash && slash[1]) {
        path = slash + 1;
    }
    // The file's bytes as CPython's tokenizer reads them: decoded (PEP
    // 263), universal newlines, UTF-8 and NUL checks in file order.
    size_t tlen = 0;
    char *decoded = vm_source_decode(vm, path, src, len, &tlen);
    if (!decoded) {
        return vm->at_exit ? vm->at_exit(vm, 1) : 1;
    }
    src = decoded;
    len = tlen;
    str_t *text = str_new(vm, src, len);
    dict_set(vm, vm->sources, (obj_t *)str_cstr(vm, path), (obj_t *)text);
    code_t *co = compile_source(vm, src, len, path);
    int status = 0;
    if (!co) {
        obj_t *e = vm_take_exc(vm);
        vm_print_exception(vm, e, stderr);
        status = 1;
    } else {
        module_t *m = module_new(vm, "__main__");
        dict_set(vm, vm->modules, (obj_t *)m->name, (obj_t *)m);
        dict_set(vm, m->dict, (obj_t *)vm->s.__file__,
                 (obj_t *)str_cstr(vm, path));
        dict_set(vm, m->dict, (obj_t *)vm->s.__builtins__,
                 dict_get_cstr(vm, vm->modules, "builtins"));
        dict_set(vm, m->dict, (obj_t *)vm->s.__doc__, vm->none);
        frame_t *f = frame_new(vm, co, m->dict, NULL, NULL);
        bool y;
        // The module's frame counts toward the recursion limit, as in
        // CPython: a recursive function reaches depth 999, not 1000.
        vm->depth++;
        obj_t *r = vm_eval(vm, f, NULL, false, &y);
        vm->depth--;
        if (!r) {
            // Objects that died before the error are finalized first (their
            // warnings come before the traceback, as with refcounting).
            obj_t *e = vm_take_exc(vm);
            vm_pin(vm, (obj_t *)(e));
            gc_collect(vm);
            vm->nextra--;
            status = exit_status(vm, e);
        }
    }
    // What is garbage at exit is finalized now (never-awaited coroutines,
    // pending tasks dropped on a closed loop), as at CPython's shutdown.
    vm->exiting = true;
    gc_collect(vm);
    if (co && !vm->frame) {
        // Then what the program's globals held: Py_FinalizeEx drops
        // __main__ (out of sys.modules, its dict intact while what it
        // held is finalized), and what dies then warns from "sys:1" (no
        // frame runs): a coroutine kept in a global and never awaited;
        // an object's __del__ runs; a pending task logs its destruction
        // before its coroutine is closed (gc.c, tearing_down).
        dict_del(vm, vm->modules, (obj_t *)str_intern(vm, "__main__"));
        vm->tearing_down = true;
        // A collection that would run no finalizer would only free
        // memory, which the process's end does: a run leaving 100,000
        // done futures in a list skips marking them once more.
        if (gc_any_finalizer(vm)) {
            gc_collect(vm);
        }
    }
    if (vm->at_exit) {
        status = vm->at_exit(vm, status);
    }
    free(decoded);
    fflush(stdout);
    return status;
}
