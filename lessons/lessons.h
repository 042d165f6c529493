/*
 * lessons.h - the lessons' command line: `looplab lessons` (the list with
 * the learner's progress) and `looplab lesson ...` (play one, --check all).
 */
#ifndef LOOPLAB_LESSONS_LESSONS_H
#define LOOPLAB_LESSONS_LESSONS_H

/* Runs `looplab lessons ...` or `looplab lesson ...`: [argv][0] is
 * "lessons" or "lesson", the options follow. Returns the exit status. */
int lessons_main(int argc, char **argv);

#endif
