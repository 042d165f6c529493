/*
 * fuzz_exit.c - the exit() / _exit() wrappers described in fuzz_exit.h.
 *
 * The two variables are the one piece of process-wide mutable state in
 * the harnesses: a jump target has to be reachable from a function the
 * linker substitutes for exit(), which takes no context argument.
 */
#include "fuzz_exit.h"

#include <stddef.h>
#include <stdnoreturn.h>

jmp_buf *fuzz_exit_jmp;
int fuzz_exit_status;

noreturn void __real_exit(int status);
noreturn void __real__exit(int status);
noreturn void __wrap_exit(int status);
noreturn void __wrap__exit(int status);

static void jump_back(int status)
{
    jmp_buf *j = fuzz_exit_jmp;
    if (j) {
        fuzz_exit_jmp = NULL;
        fuzz_exit_status = status;
        longjmp(*j, 1);
    }
}

noreturn void __wrap_exit(int status)
{
    jump_back(status);
    __real_exit(status);
}

noreturn void __wrap__exit(int status)
{
    jump_back(status);
    __real__exit(status);
}
