/*
 * lesson_prose.h - a lesson's Markdown prose cut into the blocks both
 * players show: paragraphs (to wrap), headings, verbatim lines and blank
 * lines, with Markdown's inline markup made plain.
 */
#ifndef LOOPLAB_LESSONS_LESSON_PROSE_H
#define LOOPLAB_LESSONS_LESSON_PROSE_H

#include <stddef.h>

typedef enum lesson_prose_kind {
    LESSON_PROSE_PARAGRAPH, /* words to wrap; [lead] is its list marker */
    LESSON_PROSE_HEADING,   /* a "#" heading's text */
    LESSON_PROSE_VERBATIM,  /* a line shown as it is (code, a table) */
    LESSON_PROSE_BLANK,     /* an empty line of the source */
} lesson_prose_kind_t;

/* Called once a block, in order. [lead] is "" or a list marker ("- ",
 * "12. ") that starts the paragraph's first line; [text] is the block's
 * text: for a paragraph its lines joined by spaces, without the marker,
 * "**" dropped and links reduced to their text. Both are borrowed for the
 * call. */
typedef void lesson_prose_fn(void *ctx, lesson_prose_kind_t kind,
                             const char *lead, const char *text);

/* Walks the Markdown [text] calling [fn]([ctx], ...) for each block.
 * Returns the number of paragraphs (the players' reading-time unit). */
int lesson_prose_walk(const char *text, lesson_prose_fn *fn, void *ctx);

/* [s] without Markdown's emphasis markers and with links as their text:
 * "**not**" -> "not", "[docs](https://...)" -> "docs". Backticks stay:
 * they mark code in plain text too. New string. */
char *lesson_prose_inline(const char *s);

#endif
