/*
 * trace.h - the trace recorder (../shared/TRACE.md, version 1).
 *
 * Every event the engine reports is one line "kind fields...". Lines are
 * kept in memory as fixed-size records pointing at interned text, so a
 * long run with many repeated lines costs little; the views fold over
 * them and `looplab run --trace-out FILE` writes them out.
 */
#ifndef LOOPLAB_CORE_TRACE_H
#define LOOPLAB_CORE_TRACE_H

#include <stddef.h>
#include <stdint.h>

typedef struct trace trace_t;

/* One event: an index into the interned line table. */
typedef struct trace_event { uint32_t line; } trace_event_t;

trace_t *trace_new(void);
void trace_free(trace_t *t);
/* Appends the event "[kind] [text]" (text may be NULL or empty). Newlines
 * and carriage returns inside are escaped as \n and \r (TRACE.md). */
void trace_emit(trace_t *t, const char *kind, const char *text);
/* printf-style convenience over trace_emit. */
void trace_emitf(trace_t *t, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Feeds bytes written to stdout; complete lines become "out" events. */
void trace_stdout(trace_t *t, const char *s, size_t n);
/* Emits the pending unterminated stdout line, if any. */
void trace_flush_out(trace_t *t);
size_t trace_count(const trace_t *t);
/* The text of event [i] (kind and fields), NUL-terminated. */
const char *trace_line(const trace_t *t, size_t i);
/* Writes the whole trace, header first, to [path] through a temporary
 * file renamed into place, so a crash never leaves half a trace. Returns
 * 0, or -1 with errno set. */
int trace_write(const trace_t *t, const char *path);

#endif
