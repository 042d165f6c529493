/*
 * cstack.h - the C stack as a resource: running the program on a stack
 * big enough for deep Python recursion (cstack_run), and the guard that
 * turns the approach of its end into RecursionError instead of a crash
 * (cstack_floor, cstack_low).
 *
 * The interpreter recurses in C once per Python call (vm_eval), and its
 * data routines (repr, hash, comparison) once per level of nesting, so
 * the depth a program can reach is bounded by the C stack, not only by
 * sys.getrecursionlimit(). Each guarded routine compares its own frame
 * address with a floor computed once per thread (vm_t.stack_floor, the
 * parser's and compiler's contexts).
 */
#ifndef LOOPLAB_CORE_LANG_CSTACK_H
#define LOOPLAB_CORE_LANG_CSTACK_H

#include <stdbool.h>
#include <stddef.h>

/* The stack the program runs on (cstack_run): at 20,000 Python frames
 * (sys.setrecursionlimit(20000)) the sanitized build needs about 100 MB;
 * the memory is reserved, and only touched as deep as a program goes. */
#define CSTACK_SIZE ((size_t)512 << 20)

/* What a guard leaves below itself: enough for the deepest stretch of C
 * between two guarded points (a native, formatting, the error path),
 * with the larger frames of a sanitized build. */
#define CSTACK_RESERVE ((size_t)4 << 20)

/* Runs fn(arg) on a new thread with a stack of [size] bytes and returns
 * its result; the calling thread blocks every signal meanwhile, so that
 * signals (Ctrl-C, a resized terminal) reach the thread doing the work.
 * Runs fn on the current stack when no thread can be made. */
int cstack_run(size_t size, int (*fn)(void *), void *arg);

/* The lowest address the calling thread's code may reach while keeping
 * [reserve] bytes of its stack in hand. */
const char *cstack_floor(size_t reserve);

/* Whether the caller's frame lies below [floor] (stacks grow down on
 * every platform looplab builds on). The frame address, not a local's,
 * because a sanitizer may place locals on a separate fake stack. */
static inline bool cstack_low(const char *floor)
{
    return (const char *)__builtin_frame_address(0) < floor;
}

#endif
