/*
 * lesson_session.c - a REPL in a child process, driven line by line.
 *
 * Lessons run their statements through the very code path of
 * `looplab --plain` with standard input not a terminal (repl_main's
 * transcript mode), in a forked child: a transcript in a lesson is then
 * exactly what a learner sees when they pipe the same lines into looplab,
 * and whatever the statement does (sys.exit(), a runaway loop, a crash)
 * ends at most the child, never the lesson player or the checker.
 *
 * The child is forked, not exec'd, so the unit tests' binary (which links
 * the same objects) runs sessions too, and no path to the binary is
 * needed.
 *
 * Synchronisation: after the lines, the parent types a comment line,
 * "# looplab-lesson-sync K". The REPL echoes every line after its prompt
 * and a comment at ">>> " runs nothing, so the echo of that line marks
 * the end of the output of the lines before it; its prompt tells whether
 * a statement is still open. (Inside an open statement the comment joins
 * the statement's source, where a comment changes nothing.)
 */
#include "lesson_session.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "repl.h"

struct lesson_session {
    pid_t pid;
    int fd;            /* our end of the socket: the child's stdin/stdout */
    bool alive;
    unsigned long sync; /* marker counter */
    char prompt[8];
};

lesson_session_t *lesson_session_start(char *err, size_t errsz)
{
    int sv[2];
    // A socket rather than two pipes: send() with MSG_NOSIGNAL lets the
    // parent notice a dead child without a process-wide SIGPIPE setting.
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        snprintf(err, errsz, "cannot start a session: %s", strerror(errno));
        return NULL;
    }
    // Buffered output would be written twice (by both processes).
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errsz, "cannot start a session: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    if (pid == 0) {
        close(sv[0]);
        dup2(sv[1], 0);
        dup2(sv[1], 1);
        dup2(sv[1], 2);
        if (sv[1] > 2) {
            close(sv[1]);
        }
        // stdin's buffer may hold what the parent read ahead from its own
        // input (the learner's next lines): it is not this session's.
        __fpurge(stdin);
        // The player's handlers must not run here: Ctrl-C ends a runaway
        // statement by ending this session (the player starts another).
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        repl_options_t opts = {false, false, false, true, 0};
        int status = repl_main(&opts);
        fflush(NULL);
        _exit(status);
    }
    close(sv[1]);
    lesson_session_t *s = calloc(1, sizeof *s);
    if (!s) {
        abort();
    }
    s->pid = pid;
    s->fd = sv[0];
    s->alive = true;
    strcpy(s->prompt, ">>> ");
    return s;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void stop(lesson_session_t *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR) {
        }
        s->pid = 0;
    }
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    s->alive = false;
}

/* Finds the echo of the marker line in [buf]: returns its start (at a
 * line start) or NULL. */
static char *find_marker(char *buf, const char *marker)
{
    size_t ml = strlen(marker);
    for (char *p = buf; (p = strstr(p, marker)) != NULL; p++) {
        // The echo is "PROMPT" MARKER "\n" at the start of a line.
        if (p - buf < 4 || p[ml] != '\n') {
            continue;
        }
        char *start = p - 4;
        if ((start == buf || start[-1] == '\n') &&
            (strncmp(start, ">>> ", 4) == 0 ||
             strncmp(start, "... ", 4) == 0)) {
            return start;
        }
    }
    return NULL;
}

char *lesson_session_feed(lesson_session_t *s, const char *const *lines,
                          size_t n, int timeout_ms)
{
    if (!s->alive) {
        return NULL;
    }
    char marker[64];
    snprintf(marker, sizeof marker, "# looplab-lesson-sync %lu", ++s->sync);
    // Everything to type, as one buffer.
    size_t inlen = strlen(marker) + 1;
    for (size_t i = 0; i < n; i++) {
        inlen += strlen(lines[i]) + 1;
    }
    char *in = malloc(inlen + 1), *q = in;
    for (size_t i = 0; i < n; i++) {
        q += sprintf(q, "%s\n", lines[i]);
    }
    sprintf(q, "%s\n", marker);
    size_t sent = 0, cap = 4096, len = 0;
    char *out = malloc(cap);
    out[0] = 0;
    long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : -1;
    char *found = NULL;
    // Write and read at once: the child's output could fill the socket
    // while we are still typing (long narration).
    while (!found) {
        struct pollfd pfd = {s->fd, POLLIN | (sent < inlen ? POLLOUT : 0), 0};
        int wait = -1;
        if (deadline >= 0) {
            wait = (int)(deadline - now_ms());
            if (wait <= 0) {
                break;
            }
        }
        int r = poll(&pfd, 1, wait);
        if (r < 0 && errno == EINTR) {
            // A signal (Ctrl-C in the player): give up on this input.
            break;
        }
        if (r <= 0) {
            break;
        }
        if ((pfd.revents & POLLOUT) && sent < inlen) {
            ssize_t k = send(s->fd, in + sent, inlen - sent, MSG_NOSIGNAL);
            if (k < 0 && errno != EINTR && errno != EAGAIN) {
                break;
            }
            sent += k > 0 ? (size_t)k : 0;
        }
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            if (len + 4096 + 1 > cap) {
                cap = cap * 2 + 4096;
                out = realloc(out, cap);
            }
            ssize_t k = read(s->fd, out + len, cap - len - 1);
            if (k <= 0) {
                if (k < 0 && errno == EINTR) {
                    continue;
                }
                break; // the child ended
            }
            len += (size_t)k;
            out[len] = 0;
            found = find_marker(out, marker);
        }
    }
    free(in);
    if (!found) {
        free(out);
        stop(s);
        return NULL;
    }
    memcpy(s->prompt, found, 4);
    s->prompt[4] = 0;
    *found = 0;
    return out;
}

const char *lesson_session_prompt(const lesson_session_t *s)
{
    return s->prompt;
}

bool lesson_session_alive(const lesson_session_t *s)
{
    return s && s->alive;
}

void lesson_session_free(lesson_session_t *s)
{
    if (!s) {
        return;
    }
    stop(s);
    free(s);
}

char *lesson_session_strip_echo(const char *transcript,
                                const char *const *lines, size_t n)
{
    size_t tl = strlen(transcript);
    char *out = malloc(tl + 1);
    size_t o = 0, next = 0;
    const char *p = transcript;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        bool echo = false;
        if (next < n && len >= 5 && (strncmp(p, ">>> ", 4) == 0 ||
                                     strncmp(p, "... ", 4) == 0)) {
            size_t il = strlen(lines[next]);
            echo = len - 5 == il && strncmp(p + 4, lines[next], il) == 0;
        }
        if (echo) {
            next++;
        } else {
            memcpy(out + o, p, len);
            o += len;
        }
        p += len;
    }
    out[o] = 0;
    return out;
}
