/*
 * lesson_session.h - a REPL session in a child process, fed lines and
 * read back: what looplab --plain prints for them, byte for byte.
 */
#ifndef LOOPLAB_LESSONS_LESSON_SESSION_H
#define LOOPLAB_LESSONS_LESSON_SESSION_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lesson_session lesson_session_t;

/* Starts a REPL (asyncio mode, narration on) in a child process. Returns
 * a new session (lesson_session_free), or NULL with a message in [err]. */
lesson_session_t *lesson_session_start(char *err, size_t errsz);

/* Types the [n] lines [lines] into the session and waits (at most
 * [timeout_ms], or forever when negative) until they are processed.
 * Returns the transcript they produced, new (caller frees): each line
 * echoed after its prompt, then output, tracebacks and narration, as
 * looplab --plain writes it. NULL when the session died or timed out
 * (it is then stopped; lesson_session_alive says false). */
char *lesson_session_feed(lesson_session_t *s, const char *const *lines,
                          size_t n, int timeout_ms);

/* The prompt for the next line: ">>> ", or "... " inside a statement. */
const char *lesson_session_prompt(const lesson_session_t *s);

bool lesson_session_alive(const lesson_session_t *s);

/* Stops the child and frees [s] (NULL is allowed). */
void lesson_session_free(lesson_session_t *s);

/* Removes from [transcript] the echo lines of [lines] (prompt + line), in
 * order, leaving what the session printed. Returns a new string. */
char *lesson_session_strip_echo(const char *transcript,
                                const char *const *lines, size_t n);

#endif
