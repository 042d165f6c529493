/*
 * lesson_parse.h - lesson files (lessons/FORMAT.md) read into a list of
 * items: prose, steps (one REPL statement with its expected transcript),
 * pauses and exercises. Errors are reported as "FILE:LINE: message".
 */
#ifndef LOOPLAB_LESSONS_LESSON_PARSE_H
#define LOOPLAB_LESSONS_LESSON_PARSE_H

#include <stdbool.h>
#include <stddef.h>

/* A condition of an exercise's check, on the exercise session's output,
 * trace and final state (FORMAT.md, "Checks"). */
typedef enum lesson_cond_kind {
    LESSON_COND_OUTPUT_CONTAINS, /* output contains TEXT */
    LESSON_COND_TRACE_CONTAINS,  /* trace contains TEXT */
    LESSON_COND_FINISHES_BEFORE, /* A finishes before B */
    LESSON_COND_STARTS_BEFORE,   /* A starts before B */
    LESSON_COND_IS_DONE,         /* A is done (finished with a result) */
    LESSON_COND_RETURNED,        /* A returned REPR */
    LESSON_COND_IS_CANCELLED,    /* A is cancelled */
    LESSON_COND_FAILED,          /* A failed (finished with an exception) */
    LESSON_COND_RAISED,          /* A raised TYPE */
    LESSON_COND_IS_PENDING,      /* A is pending (created, not done) */
    LESSON_COND_READY_EMPTY,     /* ready queue is empty */
    LESSON_COND_TASKS_CREATED,   /* tasks created: N */
} lesson_cond_kind_t;

typedef struct lesson_cond {
    lesson_cond_kind_t kind;
    bool negate;   /* written "not ..." */
    char *a;       /* the first id, or the text */
    char *b;       /* the second id, the exception type or the repr */
    long n;
    char *source;  /* the condition as written, for messages */
    int line;
} lesson_cond_t;

/* "Before you run it: QUESTION" - answers[0] is the answer (which the
 * checker requires to appear in the step's transcript), the others are
 * also accepted from the learner. */
typedef struct lesson_predict {
    char *question;
    char **answers;
    size_t nanswers;
    int line;
} lesson_predict_t;

/* One statement typed at the prompt and what looplab --plain prints for
 * it: [expected] holds the echoed input lines (prompt included) and the
 * output lines, each ending in '\n', as in the file. */
typedef struct lesson_step {
    char **input;        /* the lines typed, without prompts */
    size_t ninput;
    char *expected;
    bool narration;      /* its block has "  ~ " lines: compare them */
    int line;            /* the ">>> " line */
    int end_line;        /* its last line in the file */
    int block;           /* which transcript block (0, 1, ...) */
    lesson_predict_t *predict; /* NULL, or the prediction asked first */
} lesson_step_t;

typedef struct lesson_exercise {
    char *title;
    char *text;          /* the task, Markdown */
    lesson_cond_t *checks;
    size_t nchecks;
    char **hints;
    size_t nhints;
    char **setup;        /* typed into the fresh session first */
    size_t nsetup;
    char **solution;     /* the reference solution, for --check */
    size_t nsolution;
    int line;
} lesson_exercise_t;

typedef enum lesson_item_kind {
    LESSON_ITEM_PROSE,
    LESSON_ITEM_PAUSE,
    LESSON_ITEM_STEP,
    LESSON_ITEM_EXERCISE,
} lesson_item_kind_t;

typedef struct lesson_item {
    lesson_item_kind_t kind;
    int line;
    char *text;                 /* PROSE: Markdown lines */
    lesson_step_t step;         /* STEP */
    lesson_exercise_t ex;       /* EXERCISE */
} lesson_item_t;

typedef struct lesson {
    char *path;
    char *id;            /* file name without ".md": "03-return-types" */
    int number;          /* the leading digits of the file name, or 0 */
    char *title;         /* the first "# " heading */
    lesson_item_t *items;
    size_t nitems;
    size_t nsteps;
    size_t nexercises;
} lesson_t;

/* Parses the lesson file [path]. Returns a new lesson (lesson_free), or
 * NULL with "FILE:LINE: message" in [err] (size [errsz]). */
lesson_t *lesson_parse_file(const char *path, char *err, size_t errsz);

/* Parses [text] as the lesson file named [path] (only used in messages
 * and for the id and number). Same result as lesson_parse_file. */
lesson_t *lesson_parse_string(const char *path, const char *text,
                              char *err, size_t errsz);

void lesson_free(lesson_t *l);

/* Parses one check condition [src] into [out] (fields new; free with
 * lesson_cond_fini). Returns 0, or -1 with a message in [err]. */
int lesson_cond_parse(const char *src, lesson_cond_t *out, char *err,
                      size_t errsz);
void lesson_cond_fini(lesson_cond_t *c);

#endif
