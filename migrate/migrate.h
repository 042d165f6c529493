/*
 * migrate.h - `looplab migrate`: ensure_future -> create_task, where safe.
 *
 * app.c calls migrate_main with argv[0] = "migrate" and the user's
 * arguments after it; the return value is the process exit status
 * (0 nothing to do, 1 changes proposed, 2 an error; `--help` says more).
 */
#ifndef LOOPLAB_MIGRATE_MIGRATE_H
#define LOOPLAB_MIGRATE_MIGRATE_H

int migrate_main(int argc, char **argv);

#endif
