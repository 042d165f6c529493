/*
 * repl.h - the REPL: Python's prompt with the event loop held, plus the
 * ":" commands that move it and show what it did.
 */
#ifndef LOOPLAB_REPL_REPL_H
#define LOOPLAB_REPL_REPL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct repl repl_t;

typedef struct repl_options {
    bool quiet;            /* no narration */
    bool script_mode;      /* start in :mode script */
    bool realtime;
    bool no_files;         /* lessons: :load refused (files people share
                              must not read the learner's files) */
    size_t trace_limit;    /* --trace-limit (0: keep every event) */
} repl_options_t;

/* Runs the REPL on stdin: readline on a terminal, a transcript
 * (prompts, echoed input, output, narration, all on stdout) otherwise.
 * Returns the exit status. */
int repl_main(const repl_options_t *opts);

/* The REPL engine without a front end (tests, the viz and lessons drive
 * it). */
repl_t *repl_new(const repl_options_t *opts);
void repl_free(repl_t *r);
/* Feeds one line of input. Returns 1 when more lines are needed (a block
 * or an open bracket), 0 when the statement ran, -1 after :quit. */
int repl_feed(repl_t *r, const char *line);
/* The prompt for the next line: ">>> " or "... ". */
const char *repl_prompt(const repl_t *r);
/* Discards a partly typed statement (Ctrl-C at the prompt). */
void repl_cancel_input(repl_t *r);
/* Completion candidates for [text] (the word being typed, possibly with
 * dots or a leading ':'); a NULL-terminated array the caller frees, with
 * its strings. */
char **repl_complete(repl_t *r, const char *text);
/* The session's trace (it grows as statements run). */
const struct trace *repl_trace(const repl_t *r);
/* The flag the SIGINT handler sets; the VM raises KeyboardInterrupt. */
volatile int *repl_interrupt_flag(repl_t *r);

#endif
