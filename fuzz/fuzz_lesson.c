/*
 * fuzz_lesson.c - libFuzzer target: the input is a lesson file
 * (lessons/FORMAT.md), parsed with lesson_parse_string, then put through
 * the parts of the checker that need no REPL session: transcript
 * comparison and normalisation (lesson_check.h) on every step's expected
 * transcript, and every exercise check evaluated against "facts" made
 * from the input itself (its lines as trace events, its text as output).
 *
 * No session is started (lesson_session_start forks a REPL, far too slow
 * and not deterministic); statements in a lesson are fuzzed through
 * fuzz_repl. A NUL byte ends the text here, as lesson_parse_file refuses
 * files with one before parsing.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_check.h"
#include "lesson_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input's lines as a trace (TRACE.md is one event per line). */
static void make_facts(const char *text, lesson_facts_t *f)
{
    memset(f, 0, sizeof *f);
    size_t cap = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (f->ntrace == cap) {
            cap = cap ? 2 * cap : 16;
            f->trace = realloc(f->trace, cap * sizeof *f->trace);
        }
        char *line = malloc(n + 1);
        memcpy(line, p, n);
        line[n] = 0;
        f->trace[f->ntrace++] = line;
        p += n + (nl != NULL);
    }
    f->output = strdup(text);
    f->ready_empty = (strlen(text) & 1) != 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = 0;

    char err[512];
    // The name matters: the id and number come from it (name_lesson).
    lesson_t *l = lesson_parse_string("lessons/07-fuzz.md", text, err,
                                      sizeof err);
    if (l) {
        lesson_facts_t facts;
        make_facts(text, &facts);
        const char *prev = "";
        for (size_t i = 0; i < l->nitems; i++) {
            lesson_item_t *it = &l->items[i];
            if (it->kind == LESSON_ITEM_STEP) {
                const char *e = it->step.expected ? it->step.expected : "";
                bool nar = it->step.narration;
                (void)lesson_transcript_match(e, prev, nar);
                (void)lesson_transcript_match(e, e, nar);
                free(lesson_transcript_normalize(e, nar));
                prev = e;
            } else if (it->kind == LESSON_ITEM_EXERCISE) {
                for (size_t k = 0; k < it->ex.nchecks; k++) {
                    char why[256];
                    (void)lesson_cond_eval(&it->ex.checks[k], &facts, why,
                                           sizeof why);
                }
            }
        }
        lesson_facts_fini(&facts);
        lesson_free(l);
    }
    // Each line alone as a check condition too: the condition grammar is
    // reachable from a lesson only after an exercise header.
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        lesson_cond_t c;
        if (lesson_cond_parse(line, &c, err, sizeof err) == 0) {
            lesson_cond_fini(&c);
        }
    }
    free(text);
    return 0;
}
