/*
 * fuzz_run.c - libFuzzer target: the input is a program, compiled and run
 * as `looplab run FILE.py` would run it, under an instruction budget.
 *
 * Built twice (fuzz/fuzz.mk):
 *   fuzz_run      the language alone, a fresh VM for every input (about
 *                 5 ms under ASan): no state passes from one input to the
 *                 next, and leaks are checked after each. Without the
 *                 asyncio engine, `import asyncio` raises
 *                 ModuleNotFoundError.
 *   fuzz_run_aio  -DFUZZ_AIO: with the engine (aio_init), as `looplab run`
 *                 has it. aio_init compiles the asyncio prelude, about half
 *                 a second under ASan, so one VM serves FUZZ_SESSION_INPUTS
 *                 programs in a row, each in a fresh __main__ module (like
 *                 the REPL running file after file). A crash may then depend
 *                 on the programs before it: the session's programs are
 *                 logged as they run (fuzz_session.h) to
 *                 ARTIFACT_PREFIXsession-PID.py, an input that replays the
 *                 whole session in a fresh VM. An input that starts with
 *                 the line "#fuzz-session" is such a replay: "#part LENGTH"
 *                 lines, each followed by a program of that many bytes and
 *                 a newline.
 *
 * Limits, so that a program that merely runs long is not reported as a
 * hang: vm->max_steps (backward jumps, see vm.c OP_JUMP), a low recursion
 * limit, and vm->max_bytes (the heap ceiling of --max-memory). Output goes
 * to /dev/null: stdout and stderr belong to libFuzzer's report.
 *
 * What counts as a finding: crashes, sanitizer reports, leaks (fuzz_run),
 * libFuzzer's timeouts and out-of-memory reports. A Python exception of
 * any kind is a normal outcome.
 */
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "fuzz_exit.h"
#include "vm.h"
#ifdef FUZZ_AIO
#include "aio.h"
#include "fuzz_session.h"
#endif

/* Budget per program: backward jumps (every loop iteration is one),
 * Python call depth and the heap. */
#define FUZZ_MAX_STEPS 20000
#define FUZZ_RECURSION_LIMIT 200
#define FUZZ_MAX_BYTES (64u << 20)
/* fuzz_run_aio: programs one VM runs before it is replaced. */
#define FUZZ_SESSION_INPUTS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the programs' output goes. Opened once: a FILE* per input would
 * only cost time, and /dev/null keeps no state between inputs. */
static FILE *devnull;

/* True when [s] is strict UTF-8 (no overlong forms, no surrogates, at most
 * U+10FFFF). vm_run_main refuses anything else before compiling, with
 * CPython's "Non-UTF-8 code" message, so running such input here would
 * test a path `looplab run` never takes (fuzz_source feeds raw bytes to
 * the compiler). */
static int utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            k = 1, cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            k = 2, cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3, cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i <= k) { // truncated sequence
            return 0;
        }
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xc0) != 0x80) {
                return 0;
            }
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        i += k + 1;
    }
    return 1;
}

/* A VM with the limits set, and the engine for fuzz_run_aio. */
static vm_t *make_vm(void)
{
    vm_t *vm = vm_new();
    if (!vm) {
        abort();
    }
    vm->out.fp = devnull;
    vm->err.fp = devnull;
    vm->max_bytes = FUZZ_MAX_BYTES;
#ifdef FUZZ_AIO
    // No trace recorder: the engine works without one (trace NULL), and
    // the recorder's buffers would only slow every event down.
    aio_options_t opts = {false, NULL, NULL};
    if (aio_init(vm, &opts) < 0) {
        fputs("fuzz_run_aio: aio_init failed (the prelude does not load)\n",
              stderr);
        abort();
    }
#endif
    return vm;
}

static void free_vm(vm_t *vm)
{
#ifdef FUZZ_AIO
    aio_free(vm);
#endif
    vm_free(vm);
}

/* The body of vm_run_main (vm.c), with the uncaught exception printed to
 * /dev/null instead of the process's stderr. Kept in step with it by
 * hand: module __main__, __file__, __builtins__, the source registered
 * for tracebacks, a collection at the end that runs finalizers. */
static void run_program(vm_t *vm, const char *src, size_t len)
{
    const char *path = "fuzz.py";
    // Per program, not per VM: a program may have changed them
    // (sys.setrecursionlimit) or used them up.
    vm->steps = 0;
    vm->steps_over = 0;
    vm->max_steps = FUZZ_MAX_STEPS;
    vm->recursion_limit = FUZZ_RECURSION_LIMIT;
    vm->exc = NULL;
    vm->main_path = path;
    str_t *text = str_new(vm, src, len);
    dict_set(vm, vm->sources, (obj_t *)str_cstr(vm, path), (obj_t *)text);
    code_t *co = compile_source(vm, src, len, path);
    if (!co) {
        obj_t *e = vm_take_exc(vm);
        if (e) {
            vm_print_exception(vm, e, devnull);
        }
        vm->exc = NULL;
        return;
    }
    module_t *m = module_new(vm, "__main__");
    dict_set(vm, vm->modules, (obj_t *)m->name, (obj_t *)m);
    dict_set(vm, m->dict, (obj_t *)vm->s.__file__, (obj_t *)str_cstr(vm, path));
    dict_set(vm, m->dict, (obj_t *)vm->s.__builtins__,
             dict_get_cstr(vm, vm->modules, "builtins"));
    dict_set(vm, m->dict, (obj_t *)vm->s.__doc__, vm->none);
    frame_t *f = frame_new(vm, co, m->dict, NULL, NULL);
    bool yielded;
    obj_t *r = vm_eval(vm, f, NULL, false, &yielded);
    if (!r) {
        obj_t *e = vm_take_exc(vm);
        if (e) {
            vm_pin(vm, e);
            gc_collect(vm);
            // Printing runs user code (__str__ of the exception, of
            // SystemExit's code), so it is part of what is fuzzed.
            vm_print_exception(vm, e, devnull);
            vm->exc = NULL;
            vm->nextra--;
        }
    }
    // Finalizers of what is garbage at exit (never-awaited coroutines,
    // __del__ methods) run here, as they do after vm_run_main's program.
    gc_collect(vm);
    vm->exc = NULL;
    vm->handled = NULL;
}

/* Runs [data] as a program in [vm]. A deadlock (`looplab: deadlock: ...`)
 * _exit(3)s from deep inside the event loop, SystemExit in a finalizer may
 * exit(): fuzz_exit.c brings them back here. Returns 1 when that
 * happened; the VM is then in the middle of a call, which vm_free does
 * not mind (it frees every heap object whatever state it is in) but
 * nothing else should run in it. */
static int run_guarded(vm_t *vm, const uint8_t *data, size_t size)
{
    // Exactly [size] bytes, no terminator: what app.c's read_file gives.
    char *src = malloc(size ? size : 1);
    if (!src) {
        return 0;
    }
    memcpy(src, data, size);
    volatile int exited = 0;
    jmp_buf back;
    if (setjmp(back) == 0) {
        fuzz_exit_jmp = &back;
        run_program(vm, src, size);
    } else {
        exited = 1;
    }
    fuzz_exit_jmp = NULL;
    fflush(devnull);
    free(src);
    return exited;
}

#ifndef FUZZ_AIO

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    devnull = fopen("/dev/null", "w");
    if (!devnull) {
        perror("fuzz_run: /dev/null");
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!utf8_valid(data, size)) {
        return -1; // not a program `looplab run` would run: keep it out
    }
    // A fresh VM per input: nothing a program does (rebinding builtins,
    // filling sys.modules, a pending finalizer) can reach the next input,
    // so every finding reproduces from its input file alone.
    vm_t *vm = make_vm();
    run_guarded(vm, data, size);
    free_vm(vm);
    return 0;
}

#else /* FUZZ_AIO */

/* Process-wide state, which a fuzz harness may have (the house rule of no
 * globals is for looplab itself): the VM kept between inputs and how many
 * programs it ran. */
static vm_t *session;
static int session_inputs;

static const char session_magic[] = "#fuzz-session\n";

/* Logs a program in the replay format. */
static void log_program(const uint8_t *data, size_t size)
{
    if (fuzz_session_length() == 0) {
        fuzz_session_append(session_magic, sizeof session_magic - 1);
    }
    char head[64];
    int n = snprintf(head, sizeof head, "#part %zu\n", size);
    fuzz_session_append(head, (size_t)n);
    fuzz_session_append(data, size);
    fuzz_session_append("\n", 1);
}

static void new_session(void)
{
    if (session) {
        free_vm(session);
    }
    session = make_vm();
    session_inputs = 0;
    fuzz_session_reset();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    devnull = fopen("/dev/null", "w");
    if (!devnull) {
        perror("fuzz_run_aio: /dev/null");
        abort();
    }
    fuzz_session_open(*argc, *argv, ".py");
    new_session();
    return 0;
}

/* Runs one program in the session VM, logged; a fresh session after an
 * exit() came back, and every FUZZ_SESSION_INPUTS programs. */
static void session_run(const uint8_t *data, size_t size)
{
    if (session_inputs++ == FUZZ_SESSION_INPUTS) {
        new_session();
        session_inputs = 1;
    }
    log_program(data, size);
    if (run_guarded(session, data, size)) {
        new_session();
    }
}

/* A replay ("#fuzz-session", then "#part N" + N bytes + "\n" ...): every
 * part in one fresh VM, in order. Malformed parts end it. */
static void replay(const uint8_t *data, size_t size)
{
    size_t i = sizeof session_magic - 1;
    new_session();
    while (i < size) {
        const char *p = (const char *)data + i;
        size_t rest = size - i;
        if (rest < 7 || memcmp(p, "#part ", 6) != 0) {
            break;
        }
        size_t n = 0, j = 6;
        while (j < rest && p[j] >= '0' && p[j] <= '9' && n < size) {
            n = n * 10 + (size_t)(p[j++] - '0');
        }
        if (j >= rest || p[j] != '\n' || n > rest - j - 1) {
            break;
        }
        const uint8_t *prog = data + i + j + 1;
        if (utf8_valid(prog, n)) {
            session_run(prog, n);
        }
        i += j + 1 + n + 1;
    }
    new_session();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= sizeof session_magic - 1 &&
        memcmp(data, session_magic, sizeof session_magic - 1) == 0) {
        replay(data, size);
        return 0;
    }
    if (!utf8_valid(data, size)) {
        return -1; // not a program `looplab run` would run: keep it out
    }
    session_run(data, size);
    return 0;
}

#endif /* FUZZ_AIO */
