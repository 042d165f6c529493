/*
 * app.h - the looplab application: command-line parsing and the top-level
 * modes (run a file, REPL, view, lessons, migrate).
 */
#ifndef LOOPLAB_APP_H
#define LOOPLAB_APP_H

#define LOOPLAB_VERSION "0.1.0"

/* Runs looplab with the process's arguments; returns the exit status. */
int app_main(int argc, char **argv);

#endif
