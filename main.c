/*
 * main.c - the looplab command line: parses the arguments and hands over
 * to the interpreter (run), the REPL or the view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

int main(int argc, char **argv)
{
    return app_main(argc, argv);
}
