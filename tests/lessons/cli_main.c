/*
 * cli_main.c - a looplab with the lessons wired in, for testing the
 * lessons before (or without) app.c's wiring: "lessons" and "lesson"
 * go to lessons_main, anything else to app_main. Built by
 * tests/run_lessons.sh only when ./looplab does not know `lesson` yet.
 */
#include <string.h>

#include "app.h"
#include "lessons.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "lessons") == 0 ||
                      strcmp(argv[1], "lesson") == 0)) {
        return lessons_main(argc - 1, argv + 1);
    }
    return app_main(argc, argv);
}
