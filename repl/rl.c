/*
 * rl.c - the REPL's GNU readline front end.
 *
 * Uses readline's callback interface (rl_callback_read_char from a select
 * loop) so that Ctrl-C can discard the line being typed and give a fresh
 * prompt, as Python's REPL does, and so that the ncurses view can later
 * drive the same code. History is kept by history.c, saved as each line
 * is entered; the terminal guard (termguard.c) restores the modes readline
 * changes if looplab is killed at the prompt.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/readline.h>

#include "history.h"
#include "repl.h"
#include "termguard.h"

/* Signal flags are the only file-scope mutable state (STYLE.md L4). */
static volatile sig_atomic_t got_sigint;
static volatile int *vm_interrupt;

typedef struct rl_state {
    repl_t *r;
    bool quit;
    hist_t hist;
    char **matches;        /* completion candidates of the current word */
} rl_state_t;

/* readline's callbacks take no user pointer: this is the one place the
 * state is reachable from them, set for the duration of repl_rl_main. */
static rl_state_t *current;

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
    if (vm_interrupt) {
        *vm_interrupt = 1;
    }
}

static void on_line(char *line)
{
    rl_state_t *s = current;
    if (!line) {
        // Ctrl-D: leave, like Python's REPL.
        printf("\n");
        s->quit = true;
        rl_callback_handler_remove();
        return;
    }
    hist_add(&s->hist, line);
    rl_callback_handler_remove();
    got_sigint = 0;
    if (repl_feed(s->r, line) < 0) {
        s->quit = true;
    }
    free(line);
    if (!s->quit) {
        rl_callback_handler_install(repl_prompt(s->r), on_line);
    }
}

static char *generator(const char *text, int state)
{
    rl_state_t *s = current;
    static size_t i;
    (void)text;
    if (state == 0) {
        i = 0;
    }
    if (!s->matches || !s->matches[i]) {
        return NULL;
    }
    return strdup(s->matches[i++]);
}

static char **complete(const char *text, int start, int end)
{
    rl_state_t *s = current;
    (void)start, (void)end;
    if (s->matches) {
        for (char **p = s->matches; *p; p++) {
            free(*p);
        }
        free(s->matches);
    }
    s->matches = repl_complete(s->r, text);
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, generator);
}

int repl_rl_main(repl_t *r)
{
    rl_state_t s;
    memset(&s, 0, sizeof s);
    s.r = r;
    current = &s;
    vm_interrupt = repl_interrupt_flag(r);
    hist_open(&s.hist);
    termguard_take(fileno(rl_instream ? rl_instream : stdin), NULL);
    rl_readline_name = "looplab";
    rl_attempted_completion_function = complete;
    // Dots and colons are part of the word being completed.
    rl_basic_word_break_characters = " \t\n\"'`@$><=;|&{([,+-*/%~^!";
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    rl_callback_handler_install(repl_prompt(r), on_line);
    while (!s.quit) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fileno(rl_instream), &fds);
        int n = select(fileno(rl_instream) + 1, &fds, NULL, NULL, NULL);
        if (n < 0 && errno == EINTR) {
            if (got_sigint) {
                // Ctrl-C at the prompt: drop the line, a fresh prompt.
                got_sigint = 0;
                *vm_interrupt = 0;
                rl_free_line_state();
                rl_callback_sigcleanup();
                rl_callback_handler_remove();
                printf("\nKeyboardInterrupt\n");
                repl_cancel_input(r);
                rl_callback_handler_install(repl_prompt(r), on_line);
            }
            continue;
        }
        if (n > 0) {
            rl_callback_read_char();
        }
    }
    termguard_release();
    if (s.matches) {
        for (char **p = s.matches; *p; p++) {
            free(*p);
        }
        free(s.matches);
    }
    current = NULL;
    vm_interrupt = NULL;
    return 0;
}
