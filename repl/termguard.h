/*
 * termguard.h - the terminal comes back as it was, however looplab ends.
 *
 * The prompt (readline turns echo and line editing off while a line is
 * typed) and the view (raw mode, the alternate screen) change the
 * terminal's modes. The guard saves them first and puts them back on a
 * normal exit (atexit), on SIGTERM, SIGHUP and SIGQUIT, and on an internal
 * fatal error (SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL); after restoring,
 * a signal is raised again with its default action, so the exit status
 * still tells the shell what happened.
 */
#ifndef LOOPLAB_TERMGUARD_H
#define LOOPLAB_TERMGUARD_H

/* Saves fd's modes (nothing happens when fd is not a terminal) and arms the
 * guard. `leave` (NULL for none; a string with static lifetime) is written
 * to fd after the modes are restored, e.g. the escape sequence that leaves
 * the alternate screen. Taking it again replaces the saved state. */
void termguard_take(int fd, const char *leave);

/* Puts the saved modes back now and disarms the guard, so that a later exit
 * does not write `leave` a second time over what follows. */
void termguard_release(void);

#endif
