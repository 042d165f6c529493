/*
 * fuzz_repl.c - libFuzzer target: the input is what a learner types at
 * looplab's REPL, one line per line, fed to a repl_t (repl_feed) as
 * `looplab --plain < INPUT` would feed it.
 *
 * Lines reach both halves of the REPL: Python statements (the
 * incomplete-statement check, compile with PRINT_EXPR and top-level await,
 * the held loop) and ":" commands (:step, :run Task-N, :mode, :reset,
 * :trace ...), with narration of every trace event after each.
 *
 * One session serves FUZZ_SESSION_INPUTS inputs in a row, like a learner
 * typing on: a new repl_t costs about half a second under ASan (aio_init
 * compiles the asyncio prelude), which would leave the fuzzer at two
 * inputs a second. The price is that a crash may depend on the inputs
 * before it, so the harness logs every line it feeds to the current
 * session (fuzz_session.h) to ARTIFACT_PREFIXsession-PID.in: one input
 * that replays the whole session from a fresh repl_t
 * (`build-fuzz/fuzz_repl FILE`, or `looplab --plain < FILE`).
 *
 * Guards, each explained where it is set up:
 *   - `:load PATH` lines are skipped: the fuzzer must not read arbitrary
 *     files from the machine it runs on;
 *   - stdout (where the REPL writes its transcript) goes to /dev/null;
 *     stdin is /dev/null too, so that the REPL takes the non-terminal
 *     path and sends tracebacks to stdout;
 *   - a statement that runs for more than FUZZ_FEED_CPU_MS of CPU time
 *     gets a KeyboardInterrupt, as Ctrl-C would give it, through the
 *     REPL's interrupt flag (the REPL has no step budget);
 *   - SystemExit makes the REPL call exit() (as python3's prompt exits);
 *     fuzz_exit.c turns that into a return here, and the session is
 *     replaced.
 * Findings: crashes, sanitizer reports, timeouts (a line that ignores
 * the interrupt) and out-of-memory reports.
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "fuzz_exit.h"
#include "fuzz_session.h"
#include "repl.h"

/* CPU time one line may take before it is interrupted. */
#define FUZZ_FEED_CPU_MS 300
/* Lines fed per input at most: a few hundred statements already reach
 * every state the REPL has; more only make single inputs slow. */
#define FUZZ_MAX_LINES 200
/* Inputs one session serves before it is replaced by a fresh one. */
#define FUZZ_SESSION_INPUTS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Process-wide state, which a fuzz harness may have (the house rule of no
 * globals is for looplab itself): the session kept between inputs, how
 * many inputs it served, and the flag the SIGVTALRM handler sets (a
 * signal handler can reach nothing else). */
static repl_t *session;
static int session_inputs;
static volatile int *volatile interrupt_flag;

static void on_vtalrm(int sig)
{
    (void)sig;
    if (interrupt_flag) {
        *interrupt_flag = 1;
    }
}

/* Arms (ms > 0) or disarms (0) the CPU-time alarm. */
static void cpu_alarm(long ms)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = ms / 1000;
    it.it_value.tv_usec = (ms % 1000) * 1000;
    // Repeats: a statement that catches KeyboardInterrupt and loops again
    // gets another one.
    it.it_interval = it.it_value;
    setitimer(ITIMER_VIRTUAL, &it, NULL);
}

static void log_line(const char *line)
{
    fuzz_session_append(line, strlen(line));
    fuzz_session_append("\n", 1);
}

static void new_session(void)
{
    if (session) {
        repl_free(session);
    }
    // Narration on, asyncio mode: the default `looplab --plain`. The
    // input may switch with :mode.
    repl_options_t opts = {false, false, false, true, 0};
    session = repl_new(&opts);
    if (!session) {
        fputs("fuzz_repl: repl_new failed\n", stderr);
        abort();
    }
    session_inputs = 0;
    fuzz_session_reset();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_session_open(*argc, *argv, ".in");
    // libFuzzer reports on stderr, which stays; the REPL's transcript on
    // stdout is noise.
    if (!freopen("/dev/null", "w", stdout) ||
        !freopen("/dev/null", "r", stdin)) {
        perror("fuzz_repl: /dev/null");
        abort();
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_vtalrm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGVTALRM, &sa, NULL);
    new_session();
    return 0;
}

/* True when [line] is a :load command (leading blanks allowed, as
 * repl_feed allows them). */
static int is_load(const char *line)
{
    while (*line == ' ' || *line == '\t') {
        line++;
    }
    return strncmp(line, ":load", 5) == 0;
}

/* Feeds one line under the CPU alarm; logs it unless it was :quit (which
 * changes nothing but would end a replay early). */
static int feed(const char *line)
{
    interrupt_flag = repl_interrupt_flag(session);
    cpu_alarm(FUZZ_FEED_CPU_MS);
    size_t mark = fuzz_session_length();
    log_line(line);
    int rc = repl_feed(session, line);
    cpu_alarm(0);
    if (rc < 0) {
        fuzz_session_truncate(mark);
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A NUL-terminated copy, split in place into lines.
    char *text = malloc(size + 1);
    if (!text) {
        return 0;
    }
    memcpy(text, data, size);
    text[size] = 0;

    if (session_inputs++ == FUZZ_SESSION_INPUTS) {
        new_session();
        session_inputs = 1;
    }
    char *volatile p = text;
    volatile int nlines = 0;
    volatile int exited = 0;
    jmp_buf back;
    if (setjmp(back) == 0) {
        fuzz_exit_jmp = &back;
        while (*p && nlines < FUZZ_MAX_LINES) {
            char *line = p;
            char *nl = strchr(line, '\n');
            if (nl) {
                *nl = 0;
                p = nl + 1;
            } else {
                p = line + strlen(line);
            }
            nlines++;
            if (is_load(line)) {
                continue;
            }
            if (feed(line) < 0) {
                break; // :quit
            }
        }
        // End of input finishes a pending block, as in transcript mode.
        if (*repl_prompt(session) == '.') {
            feed("");
        }
    } else {
        exited = 1; // SystemExit: exit() came back here
    }
    cpu_alarm(0);
    fuzz_exit_jmp = NULL;
    interrupt_flag = NULL;
    if (exited) {
        // The REPL left its statement half done when it called exit():
        // start the next input on a fresh session.
        new_session();
    }
    free(text);
    return 0;
}
