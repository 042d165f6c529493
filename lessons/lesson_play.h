/*
 * lesson_play.h - plays a lesson as text (looplab lesson N --plain):
 * prose, each step typed at the prompt and run in a live REPL session,
 * prediction prompts, exercises checked on request; optionally without
 * key presses (--autoplay) and recorded to an asciicast file (--record).
 */
#ifndef LOOPLAB_LESSONS_LESSON_PLAY_H
#define LOOPLAB_LESSONS_LESSON_PLAY_H

#include <stdbool.h>

#include "lesson_parse.h"

typedef struct lesson_play_options {
    bool autoplay;            /* no key presses: timed pauses */
    double speed;             /* autoplay's pace: 2 is twice as fast */
    const char *record;       /* an asciicast v2 file to write, or NULL */
    const char *progress;     /* the progress file, or NULL for none */
    const char *next_hint;    /* "looplab lesson 4" shown at the end */
} lesson_play_options_t;

/* Plays [l] on standard input and output. Input: a terminal pauses for
 * Enter between steps and reads the learner's statements and answers;
 * other input is read the same way until its end, after which the lesson
 * plays through. Returns 0 when played to the end or left with :quit, 1
 * on an error (a message on stderr). */
int lesson_play(const lesson_t *l, const lesson_play_options_t *opts);

#endif
