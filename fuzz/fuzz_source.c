/*
 * fuzz_source.c - libFuzzer target: the input is a program's source text,
 * run through the lexer, the parser and the compiler (compile_source), the
 * way `looplab run FILE.py` sees a file it has read.
 *
 * Any outcome the compiler can report is fine (a code object, or NULL with
 * a SyntaxError / IndentationError / TabError pending); what the target
 * looks for is everything else: crashes, sanitizer reports, leaks, hangs
 * and runaway memory. The SyntaxError is also formatted (its str and
 * repr) and printed as python3 prints it (to /dev/null): the report
 * carries the offending source line and caret columns, computed from the
 * same untrusted bytes.
 *
 * The bytes go in raw: invalid UTF-8 and NUL bytes included. `looplab
 * run` refuses a non-UTF-8 file before compiling, but the REPL and the
 * lessons hand the compiler whatever was typed.
 *
 * Build and run: fuzz/fuzz.mk (make fuzz).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "vm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One VM for the whole run, an exception to the no-globals rule that only
 * a fuzz harness gets: under ASan vm_new takes about 5 ms, a hundred
 * times what compiling a typical input takes. Compiling touches little VM
 * state (it interns names and allocates code objects and constants, which
 * the collection after each input reclaims), so an input still
 * reproduces on its own. The price: libFuzzer's per-input leak check
 * would fire on every newly interned name, so fuzz.mk runs this target
 * with -detect_leaks=0; fuzz_run, which compiles every input with a VM of
 * its own, finds the compiler's leaks. */
static vm_t *vm;

/* Where the SyntaxError is printed. */
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    devnull = fopen("/dev/null", "w");
    vm = vm_new();
    if (!devnull || !vm) {
        perror("fuzz_source: set-up");
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A copy of exactly [size] bytes, not NUL-terminated: app.c hands the
    // compiler a buffer that has no terminator either, so a read past the
    // end must show up under ASan instead of hitting a convenient 0.
    char *src = malloc(size ? size : 1);
    if (!src) {
        return 0;
    }
    memcpy(src, data, size);

    code_t *co = compile_source(vm, src, size, "fuzz.py");
    if (!co) {
        obj_t *e = vm_take_exc(vm);
        if (e) {
            // str() and repr() of the SyntaxError walk the offending line
            // (text, offset, end_offset) that the lexer or parser stored.
            vm_pin(vm, e);
            (void)obj_str(vm, e);
            vm->exc = NULL;
            (void)obj_repr(vm, e);
            vm->exc = NULL;
            // And the report python3 prints: the line, the caret line.
            vm_print_exception(vm, e, devnull);
            vm->exc = NULL;
            vm->nextra--;
        }
    }
    // Nothing is held any more: the code object, the exception and their
    // strings are garbage. A full collection each time (a fraction of a
    // millisecond) keeps the heap the same for every input, so that an
    // input that crashes the collector does so again when replayed alone.
    vm->exc = NULL;
    vm->handled = NULL;
    gc_collect(vm);
    free(src);
    return 0;
}
