/*
 * app.c - command-line parsing and the top-level modes.
 *
 * "looplab run FILE.py" behaves like "python3 FILE.py": the program's
 * stdout and stderr are its own and the exit status is python3's. The
 * trace is always recorded (the views need it); --trace-out writes it to
 * a file, never to stdout, which belongs to the program.
 */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aio.h"
#include "lessons.h"
#include "migrate.h"
#include "repl.h"
#include "source.h"
#include "viz.h"
#include "trace.h"
#include "vm.h"

static const char usage[] =
    "usage: looplab [--plain] [--quiet] [--script] [--realtime] [--no-anim]\n"
    "               [--trace-limit N]\n"
    "       looplab run [--trace-out FILE] [--trace-limit N] [--realtime]\n"
    "                   [--max-memory SIZE] [--max-steps N] FILE.py\n"
    "       looplab viz FILE.py [--no-anim] [--trace-limit N]\n"
    "       looplab lessons | lesson N [options] | lesson --check\n"
    "       looplab migrate [options] PATH...\n"
    "       looplab --help | --version\n"
    "\n"
    "looplab teaches how Python's asyncio event loop works: it runs real\n"
    "Python (a 3.11 subset) and records every call_soon, timer, task step\n"
    "and cancellation exactly as CPython 3.11 does them.\n"
    "\n"
    "commands:\n"
    "  (none)               on a terminal, the full-screen view with the REPL\n"
    "                       in its bottom line (--plain: the REPL alone).\n"
    "                       The REPL: Python's prompt with asyncio imported\n"
    "                       and the event loop held, moved by :step, :tick,\n"
    "                       :run; each statement's effect on the loop is\n"
    "                       narrated (:help inside lists the commands). With\n"
    "                       standard input not a terminal it reads statements\n"
    "                       and writes a transcript.\n"
    "  run FILE.py          run a program like python3 FILE.py (same stdout,\n"
    "                       stderr and exit status)\n"
    "  viz FILE.py          run a program, then step through its trace in\n"
    "                       the full-screen view (? shows the keys)\n"
    "  lessons              the lessons, with your progress\n"
    "  lesson N             play lesson N (looplab lesson --help for more)\n"
    "  migrate PATH...      propose ensure_future -> create_task changes\n"
    "                       where they are safe (looplab migrate --help)\n"
    "\n"
    "options:\n"
    "  --plain              the plain-text REPL (no full-screen view)\n"
    "  --quiet              no narration of the loop's events\n"
    "  --script             start the REPL in script mode (no running loop)\n"
    "  --no-anim            no animations in the view\n"
    "  --trace-out FILE     write the trace of the run to FILE\n"
    "                       (format: shared/TRACE.md)\n"
    "  --trace-limit N      keep only the newest N events of the trace, so\n"
    "                       that a long run cannot exhaust memory; the views\n"
    "                       and the trace file say that earlier events were\n"
    "                       dropped (default: keep all)\n"
    "  --realtime           wait for timers in real time (virtual by default)\n"
    "  --max-memory SIZE    heap ceiling (default 4G, at most half of the\n"
    "                       machine's memory or of ulimit -v): past it,\n"
    "                       MemoryError\n"
    "  --max-steps N        stop runaway code: RuntimeError after N\n"
    "                       iterations of the program's loops and the\n"
    "                       event loop and calls that built-ins make of\n"
    "                       its functions (list() calling __next__; then\n"
    "                       a shrinking grace for clean-up)\n"
    "  -h, --help           show this help and exit\n"
    "  --version            show the version and exit\n";

/* Parses "512M", "2G", "1048576"; 0 on a bad value. */
static size_t parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v <= 0) {
        return 0;
    }
    double mult = 1;
    switch (*end) {
    case 'k': case 'K': mult = 1024.0; end++; break;
    case 'm': case 'M': mult = 1024.0 * 1024; end++; break;
    case 'g': case 'G': mult = 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b') {
        end++;
    }
    return *end ? 0 : (size_t)(v * mult);
}

/* Parses --trace-limit's N (a positive integer); 0 on a bad value. */
static size_t parse_limit(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || errno || s[0] == '-' || v == 0 ||
        v > (unsigned long long)SIZE_MAX / 2) {
        return 0;
    }
    return (size_t)v;
}

typedef struct run_ctx {
    trace_t *trace;
    const char *trace_out;
} run_ctx_t;

static run_ctx_t *g_unused;

/* End of the program: the last unterminated stdout line and the exit
 * status become trace events (TRACE.md), then the trace is written. */
static int at_exit(vm_t *vm, int status)
{
    run_ctx_t *rc = (run_ctx_t *)vm->trace;
    if (rc && rc->trace) {
        trace_flush_out(rc->trace);
        char buf[16];
        snprintf(buf, sizeof buf, "%d", status);
        trace_emit(rc->trace, "exit", buf);
    }
    return status;
}

/* sys.argv: the program's path as given, then its own arguments. */
static void set_argv(vm_t *vm, const char *path, char **args, int nargs)
{
    obj_t *sys = dict_get_str(vm, vm->modules, str_intern(vm, "sys"));
    if (!sys) {
        return;
    }
    list_t *av = list_new(vm, 0);
    vm_pin(vm, (obj_t *)av);
    list_append(vm, av, (obj_t *)str_cstr(vm, path));
    for (int i = 0; i < nargs; i++) {
        list_append(vm, av, (obj_t *)str_cstr(vm, args[i]));
    }
    dict_set_cstr(vm, ((module_t *)sys)->dict, "argv", (obj_t *)av);
    vm->nextra--;
}


/* Whether `looplab run` frees its heap before exiting. */
#if defined(__SANITIZE_ADDRESS__)
#define APP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define APP_ASAN 1
#endif
#endif

static bool free_at_exit(void)
{
#ifdef APP_ASAN
    return true;
#else
    return getenv("LOOPLAB_FREE_AT_EXIT") != NULL;
#endif
}

static int cmd_run(int argc, char **argv)
{
    const char *path = NULL;
    run_ctx_t rc = {NULL, NULL};
    bool realtime = false;
    size_t max_memory = vm_default_max_memory();
    size_t trace_limit = 0;
    unsigned long long max_steps = 0;
    // The program's own arguments (sys.argv[1:]): what follows FILE.py
    // that is not one of the options above, gathered at the front of argv
    // (slots already read).
    int nargs = 0;
    (void)g_unused;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--trace-out") == 0 && i + 1 < argc) {
            rc.trace_out = argv[++i];
        } else if (strncmp(argv[i], "--trace-out=", 12) == 0) {
            rc.trace_out = argv[i] + 12;
        } else if (strcmp(argv[i], "--realtime") == 0) {
            realtime = true;
        } else if (strcmp(argv[i], "--max-memory") == 0 && i + 1 < argc) {
            max_memory = parse_size(argv[++i]);
            if (!max_memory) {
                fprintf(stderr, "looplab run: bad --max-memory '%s' (e.g. "
                        "512M, 2G)\n", argv[i]);
                return 2;
            }
        } else if (strcmp(argv[i], "--trace-limit") == 0 && i + 1 < argc) {
            trace_limit = parse_limit(argv[++i]);
            if (!trace_limit) {
                fprintf(stderr, "looplab run: bad --trace-limit '%s' (a "
                        "number of events, e.g. 100000)\n", argv[i]);
                return 2;
            }
        } else if (strcmp(argv[i], "--max-steps") == 0 && i + 1 < argc) {
            max_steps = strtoull(argv[++i], NULL, 10);
        } else if (argv[i][0] == '-' && argv[i][1] && !path) {
            fprintf(stderr, "looplab run: unknown option '%s'\n%s", argv[i],
                    usage);
            return 2;
        } else if (!path) {
            path = argv[i];
        } else {
            argv[nargs++] = argv[i];
        }
    }
    if (!path) {
        fprintf(stderr, "looplab run: missing FILE.py\n%s", usage);
        return 2;
    }
    if (rc.trace_out && strcmp(rc.trace_out, "-") == 0) {
        fprintf(stderr, "looplab run: --trace-out - is not allowed: standard "
                "output belongs to the program; give a file name\n");
        return 2;
    }
    size_t len;
    char *src = source_read(path, &len);
    if (!src) {
        fprintf(stderr, "looplab: can't open file '%s': [Errno %d] %s\n", path,
                errno, strerror(errno));
        return 2;
    }
    // As CPython: SIGPIPE is ignored (a closed pipe is a BrokenPipeError
    // at the print), and stdout is written through, as the reference runs
    // it (PYTHONUNBUFFERED): output and errors interleave as they happen.
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IONBF, 0);
    rc.trace = trace_new();
    trace_set_limit(rc.trace, trace_limit);
    vm_t *vm = vm_new();
    vm->trace = &rc;
    vm->at_exit = at_exit;
    vm->max_bytes = max_memory;
    vm->max_steps = max_steps;
    aio_options_t opts = {realtime, rc.trace, rc.trace_out};
    if (aio_init(vm, &opts) < 0) {
        fprintf(stderr, "looplab: internal error: the asyncio prelude "
                "failed to load\n");
        obj_t *e = vm_take_exc(vm);
        if (e) {
            vm_print_exception(vm, e, stderr);
        }
        return 70;
    }
    set_argv(vm, path, argv, nargs);
    int status = vm_run_main(vm, path, src, len);
    fflush(stdout);
    if (rc.trace_out && trace_write(rc.trace, rc.trace_out) < 0) {
        fprintf(stderr, "looplab: cannot write trace '%s': %s\n", rc.trace_out,
                strerror(errno));
    }
    // The heap dies with the process: walking every object to free it
    // took a few per cent of a large run. Sanitizer builds (and
    // LOOPLAB_FREE_AT_EXIT) still free everything, for leak checking.
    if (free_at_exit()) {
        aio_free(vm);
        vm_free(vm);
        trace_free(rc.trace);
        free(src);
    }
    return status;
}

int app_main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
                      strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("looplab %s (Python 3.11 semantics)\n", LOOPLAB_VERSION);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "run") == 0) {
        return cmd_run(argc - 2, argv + 2);
    }
    if (argc >= 2 && (strcmp(argv[1], "lessons") == 0 ||
                      strcmp(argv[1], "lesson") == 0)) {
        return lessons_main(argc - 1, argv + 1);
    }
    if (argc >= 2 && strcmp(argv[1], "migrate") == 0) {
        return migrate_main(argc - 1, argv + 1);
    }
    repl_options_t ro = {false, false, false, false, 0};
    viz_options_t vo = {true, false, false, false, 0};
    bool plain = false;
    const char *viz_file = NULL;
    int first = 1;
    if (argc >= 2 && strcmp(argv[1], "viz") == 0) {
        if (argc < 3) {
            fprintf(stderr, "looplab viz: missing FILE.py\n%s", usage);
            return 2;
        }
        viz_file = argv[2];
        first = 3;
    }
    for (int i = first; i < argc; i++) {
        if (strcmp(argv[i], "--plain") == 0) {
            plain = true;
        } else if (strcmp(argv[i], "--no-anim") == 0) {
            vo.anim = false;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            ro.quiet = true;
        } else if (strcmp(argv[i], "--script") == 0) {
            ro.script_mode = true;
        } else if (strcmp(argv[i], "--realtime") == 0) {
            ro.realtime = true;
        } else if (strcmp(argv[i], "--trace-limit") == 0 && i + 1 < argc) {
            ro.trace_limit = parse_limit(argv[++i]);
            if (!ro.trace_limit) {
                fprintf(stderr, "looplab: bad --trace-limit '%s' (a number "
                        "of events, e.g. 100000)\n", argv[i]);
                return 2;
            }
        } else {
            fprintf(stderr, "looplab: unknown command or option '%s'\n%s",
                    argv[i], usage);
            return 2;
        }
    }
    vo.quiet = ro.quiet;
    vo.script_mode = ro.script_mode;
    vo.realtime = ro.realtime;
    vo.trace_limit = ro.trace_limit;
    bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (viz_file) {
        if (!tty) {
            fprintf(stderr, "looplab viz: needs a terminal (use looplab run "
                    "--trace-out to get the trace as text)\n");
            return 2;
        }
        return viz_main_file(viz_file, &vo);
    }
    if (tty && !plain) {
        return viz_main_live(&vo);
    }
    return repl_main(&ro);
}
