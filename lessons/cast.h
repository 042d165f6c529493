/*
 * cast.h - an asciicast v2 recording (what asciinema plays): a JSON
 * header line, then one JSON array a line: [time, "o", data] for output
 * and [time, "m", label] for a marker (a chapter).
 */
#ifndef LOOPLAB_LESSONS_CAST_H
#define LOOPLAB_LESSONS_CAST_H

#include <stddef.h>
#include <stdio.h>

typedef struct cast cast_t;

/* Creates [path] and writes the header: terminal [width] x [height],
 * [title], the Unix [timestamp]. Event times count from this call.
 * Returns a new recorder (cast_close), or NULL with errno set. */
cast_t *cast_open(const char *path, int width, int height,
                  const char *title, long timestamp);

/* Records [len] bytes of output at the current time. A lone "\n" is
 * written as "\r\n", as a terminal in cooked mode shows it. */
void cast_output(cast_t *c, const char *data, size_t len);

/* Records a marker (a chapter in asciinema's player) named [label]. */
void cast_marker(cast_t *c, const char *label);

/* The same at an explicit time [t] in seconds (tests; a time earlier than
 * the last event's is raised to it, so times never go down). */
void cast_output_at(cast_t *c, double t, const char *data, size_t len);
void cast_marker_at(cast_t *c, double t, const char *label);

/* Writes [len] bytes of [s] to [out] as a JSON string (quotes included).
 * Invalid UTF-8 bytes become U+FFFD, so the line stays valid JSON. */
void cast_json_string(FILE *out, const char *s, size_t len);

/* Flushes and closes; returns 0, or -1 with errno set (NULL is 0). */
int cast_close(cast_t *c);

#endif
