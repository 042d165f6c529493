/*
 * termguard.c - restore the terminal on every exit path (see termguard.h).
 *
 * The saved state is file-scope because signal handlers take no user
 * pointer; it is written only outside them. Everything the handler calls is
 * async-signal-safe (tcsetattr, write, signal, raise).
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "termguard.h"

static struct termios saved_modes;
static volatile sig_atomic_t saved_fd = -1;
static const char *leave_seq;

static const int fatal_signals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGSEGV,
                                    SIGBUS, SIGABRT, SIGFPE, SIGILL};

static void restore(void)
{
    int fd = saved_fd;
    // Only from the foreground: tcsetattr from a background job (looplab
    // suspended with Ctrl-Z, then killed) would stop it with SIGTTOU
    // instead of letting it die; the shell restores the modes then.
    if (fd < 0 || tcgetpgrp(fd) != getpgrp()) {
        return;
    }
    tcsetattr(fd, TCSANOW, &saved_modes);
    if (leave_seq) {
        ssize_t w = write(fd, leave_seq, strlen(leave_seq));
        (void)w;
    }
}

static void on_fatal(int sig)
{
    restore();
    saved_fd = -1;
    signal(sig, SIG_DFL);
    raise(sig);
}

void termguard_take(int fd, const char *leave)
{
    static bool armed_once;
    // Disarmed while the state changes: a signal now restores nothing
    // rather than half of it.
    saved_fd = -1;
    if (tcgetattr(fd, &saved_modes) != 0) {
        return;
    }
    leave_seq = leave;
    saved_fd = fd;
    if (armed_once) {
        return;
    }
    armed_once = true;
    atexit(restore);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0];
         i++) {
        // A signal someone already handles or ignores stays theirs:
        // SIGHUP ignored under nohup, SIGSEGV caught by a sanitizer that
        // reports the fault (its report matters more than the modes).
        struct sigaction old;
        if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO)) {
            sigaction(fatal_signals[i], &sa, NULL);
        }
    }
}

void termguard_release(void)
{
    restore();
    saved_fd = -1;
}
