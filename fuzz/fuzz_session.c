/*
 * fuzz_session.c - the session log described in fuzz_session.h.
 *
 * Process-wide state (a harness may have it; the no-globals rule is for
 * looplab itself): the log's file descriptor, path and length.
 */
#include "fuzz_session.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int log_fd = -1;
static char log_path[4096];
static size_t log_len;

static void remove_log(void)
{
    if (log_fd >= 0) {
        close(log_fd);
        log_fd = -1;
        unlink(log_path);
    }
}

void fuzz_session_open(int argc, char **argv, const char *ext)
{
    const char *prefix = "./";
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "-artifact_prefix=", 17) == 0) {
            prefix = argv[i] + 17;
        }
    }
    snprintf(log_path, sizeof log_path, "%ssession-%ld%s", prefix,
             (long)getpid(), ext);
    log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log_fd < 0) {
        // Not fatal: the fuzzing works without it, only a crash that
        // needs its session would be harder to reproduce.
        perror(log_path);
        return;
    }
    atexit(remove_log);
}

void fuzz_session_reset(void)
{
    fuzz_session_truncate(0);
}

void fuzz_session_append(const void *p, size_t n)
{
    if (log_fd < 0) {
        return;
    }
    const char *s = p;
    for (size_t done = 0; done < n;) {
        ssize_t k = write(log_fd, s + done, n - done);
        if (k <= 0) {
            return;
        }
        done += (size_t)k;
    }
    log_len += n;
}

size_t fuzz_session_length(void)
{
    return log_len;
}

void fuzz_session_truncate(size_t len)
{
    if (log_fd < 0) {
        return;
    }
    if (ftruncate(log_fd, (off_t)len) == 0 &&
        lseek(log_fd, (off_t)len, SEEK_SET) == (off_t)len) {
        log_len = len;
    }
}
