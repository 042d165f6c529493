/*
 * fuzz_session.h - the session log of the targets that keep state from
 * one input to the next (fuzz_repl, fuzz_run_aio).
 *
 * Such a target's crash may depend on the inputs before the one libFuzzer
 * saves, so the target appends what it feeds its session to a file,
 * ARTIFACT_PREFIXsession-PID.EXT (the directory libFuzzer writes findings
 * to), truncated whenever a new session starts. It is written as it goes,
 * with write(2), so that it is complete whatever ends the process: a
 * sanitizer report, a signal, libFuzzer's timeout or out-of-memory exit.
 * A run that ends normally removes it (atexit); one that does not leaves
 * the reproducer of the whole session beside libFuzzer's crash file.
 */
#ifndef LOOPLAB_FUZZ_FUZZ_SESSION_H
#define LOOPLAB_FUZZ_FUZZ_SESSION_H

#include <stddef.h>

/* Opens the log: the file's directory comes from libFuzzer's
 * -artifact_prefix= in [argv] (default: the current directory), [ext] is
 * its extension (".in", ".py"). Call from LLVMFuzzerInitialize. */
void fuzz_session_open(int argc, char **argv, const char *ext);
/* A new session starts: the log is emptied. */
void fuzz_session_reset(void);
/* Appends [n] bytes to the log. */
void fuzz_session_append(const void *p, size_t n);
/* The log's current length (to take back an append with truncate). */
size_t fuzz_session_length(void);
void fuzz_session_truncate(size_t len);

#endif
