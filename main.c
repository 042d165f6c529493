/*
 * main.c - the looplab command line: parses the arguments and hands over
 * to the interpreter (run), the REPL or the view.
 *
 * Everything runs on a stack of its own (cstack_run), of the size deep
 * recursion needs whatever `ulimit -s` says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cstack.h"

typedef struct main_args {
    int argc;
    char **argv;
} main_args_t;

static int run_app(void *p)
{
    main_args_t *a = p;
    return app_main(a->argc, a->argv);
}

int main(int argc, char **argv)
{
    main_args_t a = {argc, argv};
    return cstack_run(CSTACK_SIZE, run_app, &a);
}
