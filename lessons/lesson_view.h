/*
 * lesson_view.h - plays a lesson in the full-screen view (looplab lesson
 * N on a terminal): the lesson's text in a pane beside the loop's live
 * panes, each step typed at the view's prompt and run in its session.
 */
#ifndef LOOPLAB_LESSONS_LESSON_VIEW_H
#define LOOPLAB_LESSONS_LESSON_VIEW_H

#include "lesson_parse.h"
#include "lesson_play.h"

/* Plays [l] in the view on the terminal, with the options of the plain
 * player ([opts]->record is not supported here: the caller plays recorded
 * lessons as text). Returns 0 when played to the end or left, 1 on an
 * error, and -1 when the view could not open (nothing was shown: the
 * caller can fall back to lesson_play). */
int lesson_play_view(const lesson_t *l, const lesson_play_options_t *opts);

#endif
