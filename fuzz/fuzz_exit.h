/*
 * fuzz_exit.h - turning exit() and _exit() inside a fuzz target into a
 * return to the harness.
 *
 * Some of looplab's code ends the process on purpose: the REPL exits on
 * SystemExit (repl.c, as python3's prompt does), and the asyncio engine
 * _exit(3)s on a deadlock (aio.c, `looplab: deadlock: ...`). Under
 * libFuzzer that would end the whole fuzzing run ("fuzz target exited"),
 * so the fuzz binaries are linked with -Wl,--wrap=exit,--wrap=_exit
 * (fuzz/fuzz.mk) and these wrappers jump back to the harness while one is
 * armed; outside an armed region (libFuzzer's own exit at the end of a
 * run) they pass through to the real functions.
 */
#ifndef LOOPLAB_FUZZ_FUZZ_EXIT_H
#define LOOPLAB_FUZZ_FUZZ_EXIT_H

#include <setjmp.h>

/* Armed while non-NULL: exit(n) and _exit(n) store n in
 * fuzz_exit_status, disarm, and longjmp here with value 1. */
extern jmp_buf *fuzz_exit_jmp;
extern int fuzz_exit_status;

#endif
