/*
 * lesson_check.h - comparing transcripts, evaluating exercise checks, and
 * verifying whole lessons (looplab lesson --check) against the REPL.
 */
#ifndef LOOPLAB_LESSONS_LESSON_CHECK_H
#define LOOPLAB_LESSONS_LESSON_CHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "lesson_parse.h"
#include "lesson_session.h"

/* Seconds a step may take in --check before it counts as hung. */
#define LESSON_STEP_TIMEOUT_MS 20000

/* True when the actual transcript [actual] of a step matches [expected]
 * (FORMAT.md, "How transcripts are compared"): trailing spaces and blank
 * lines at the end ignored, narration ("  ~ " lines) compared only when
 * [narration], the stack of a traceback skipped, 0x addresses equal. */
bool lesson_transcript_match(const char *expected, const char *actual,
                             bool narration);

/* [actual] as it would be written into a lesson: trailing spaces cut,
 * narration kept only when [narration], traceback stacks written as
 * "  ...". New string. */
char *lesson_transcript_normalize(const char *actual, bool narration);

/* What an exercise's checks look at: the session's trace (TRACE.md
 * lines), its output (transcript without echoes and narration) and
 * whether the ready queue is empty. */
typedef struct lesson_facts {
    char **trace;
    size_t ntrace;
    char *output;
    bool ready_empty;
} lesson_facts_t;

/* Fills [f] from the session [s] (asking it for :trace and :ready, which
 * change nothing) and [transcript], everything the exercise session
 * printed so far with the lines typed [lines] ([n]). Returns 0, or -1
 * when the session died. Release with lesson_facts_fini. */
int lesson_facts_collect(lesson_session_t *s, const char *transcript,
                         const char *const *lines, size_t n,
                         lesson_facts_t *f);
/* Fills [f] from what a session printed, [printed] (output and narration,
 * no echoed input: narration is dropped here), its trace events [trace]
 * ([ntrace] TRACE.md lines, copied) and whether its ready queue is empty:
 * for players that run the session themselves (the full-screen view).
 * Release with lesson_facts_fini. */
void lesson_facts_make(lesson_facts_t *f, const char *printed,
                       const char *const *trace, size_t ntrace,
                       bool ready_empty);
void lesson_facts_fini(lesson_facts_t *f);

/* Evaluates [c] on [f]. On false, [why] (size [whysz]) says what was
 * seen instead, for the learner. */
bool lesson_cond_eval(const lesson_cond_t *c, const lesson_facts_t *f,
                      char *why, size_t whysz);

/* Verifies the lesson [l]: every step's transcript, every prediction's
 * answer (it must appear in its step's output), every exercise's
 * reference solution (all checks pass after it, not all before). Writes
 * problems as "FILE:LINE: message" to [report]. With [update], rewrites
 * the file's transcripts with what looplab printed instead of reporting
 * differences. Returns the number of problems (0: the lesson is true). */
int lesson_check(const lesson_t *l, FILE *report, bool update);

/* True when the learner's [answer] to the prediction [pr] counts as right:
 * equal to one of its answers without regard to case, outer quotes or
 * backticks, a final full stop or extra spaces (FORMAT.md). */
bool lesson_answer_right(const lesson_predict_t *pr, const char *answer);

#endif
