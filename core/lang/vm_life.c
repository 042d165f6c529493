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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cstack.h"
#include "obj_int.h"

/* ==== Output and warnings ============================================= */

void vm_write_out(vm_t *vm, const char *s, size_t n)
{
    if (vm->out.hook) {
        vm->out.hook(vm->out.ud, s, n);
    }
    fwrite(s, 1, n, vm->out.fp);
}

void vm_write_err(vm_t *vm, const char *s, size_t n)
{
    if (vm->err.hook) {
        vm->err.hook(vm->err.ud, s, n);
    }
    fflush(vm->out.fp);
    fwrite(s, 1, n, vm->err.fp);
}

void vm_warn(vm_t *vm, int category, const char *msg)
{
    // warnings.showwarning's format: "file:line: Category: message" and
    // the source line, for the innermost frame of the program.
    frame_t *f = vm->frame;
    char buf[1200];
    const char *cat = vm->exc_types[category]->name->s;
    if (vm->warn_hook) {
        vm->warn_hook(vm, cat, msg);
    }
    if (f) {
        snprintf(buf, sizeof buf, "%s:%d: %s: %s\n", f->code->filename->s,
                 frame_line(f), cat, msg);
    } else {
        snprintf(buf, sizeof buf, "sys:1: %s: %s\n", cat, msg);
    }
    vm_write_err(vm, buf, strlen(buf));
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

vm_t *vm_new(void)
{
    vm_t *vm = calloc(1, sizeof *vm);
    if (!vm) {
        return NULL;
    }
    vm->recursion_limit = 1000;
    vm->stack_floor = cstack_floor(CSTACK_RESERVE);
    vm->next_gc = 8u << 20;
    vm->gc_stress = getenv("LOOPLAB_GC_STRESS") != NULL;
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

/* Offset of the first byte that is not valid UTF-8, or [len]. */
static size_t utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || (n == 2 && c < 0xC2) || i + n > len) {
            return i;
        }
        for (size_t k = 1; k < n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                return i;
            }
        }
        if ((n == 3 && c == 0xE0 && p[i + 1] < 0xA0) ||
            (n == 3 && c == 0xED && p[i + 1] >= 0xA0) ||
            (n == 4 && c == 0xF0 && p[i + 1] < 0x90) ||
            (n == 4 && (c > 0xF4 || (c == 0xF4 && p[i + 1] >= 0x90)))) {
            return i;
        }
        i += n;
    }
    return len;
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
    // Source must be UTF-8 (no coding cookies in looplab): CPython's
    // message names the first bad byte and its line.
    size_t bad = utf8_invalid_at(src, len);
    if (bad < len) {
        int line = 1;
        for (size_t i = 0; i < bad; i++) {
            line += src[i] == '\n';
        }
        char msg[512];
        snprintf(msg, sizeof msg, "SyntaxError: Non-UTF-8 code starting "
                 "with '\\x%02x' in file %s on line %d, but no encoding "
                 "declared; see https://peps.python.org/pep-0263/ for "
                 "details\n", (unsigned char)src[bad], path, line);
        vm_write_err(vm, msg, strlen(msg));
        return vm->at_exit ? vm->at_exit(vm, 1) : 1;
    }
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
        obj_t *r = vm_eval(vm, f, NULL, false, &y);
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
    // pending tasks dropped on a closed loop).
    gc_collect(vm);
    if (vm->at_exit) {
        status = vm->at_exit(vm, status);
    }
    fflush(stdout);
    return status;
}
