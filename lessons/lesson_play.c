/*
 * lesson_play.c - the plain-text lesson player.
 *
 * A lesson plays as a conversation at the REPL: prose is printed
 * (wrapped, Markdown markup kept light), and before each step the player
 * pauses at a prompt. Enter alone types the lesson's next statement at
 * the prompt and runs it in the lesson's REPL session (a child process,
 * lesson_session.c); anything else typed there runs in that same session
 * first, so the learner can look around (:tasks, :ready, their own
 * create_task) and then resume. A prediction shows the statement, asks
 * the question, runs it and says whether the answer was right. An
 * exercise opens its own fresh session (its tasks start at Task-1) where
 * the learner works until :check passes, or :skip.
 *
 * Without a terminal on standard input the player reads the same answers
 * and statements from it, one a line, echoing them as a transcript would;
 * at its end the rest of the lesson plays through without pausing.
 * --autoplay reads nothing and waits instead (typing speed and pauses
 * divided by --speed), showing each exercise's reference solution.
 *
 * Everything shown goes through emit(), which also feeds the asciicast
 * recorder: the recording is what the audience saw, with a marker at
 * each step. What the learner types on a terminal is echoed by the
 * terminal, not by us, so it is added to the recording separately.
 */
#include "lesson_play.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cast.h"
#include "lesson_check.h"
#include "lesson_prose.h"
#include "lesson_session.h"
#include "progress.h"

/* Set by SIGINT while a lesson plays (the only mutable file-scope state:
 * a signal flag). */
static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
}

typedef struct lesson_player {
    const lesson_t *l;
    const lesson_play_options_t *o;
    lesson_session_t *s;    /* the lesson's session */
    char **fed;             /* lesson lines fed to it (replayed after a
                               restart) */
    size_t nfed;
    cast_t *cast;
    bool tty_in;
    bool tty_out;
    bool input_done;        /* standard input reached its end */
    bool quit;
    int width;              /* prose is wrapped to this */
    size_t step_no;         /* steps run so far */
    int solved;             /* exercises solved in this run */
    bool progress_warned;
    bool after_step;        /* the last thing shown was a step's output */
} lesson_player_t;

enum { READ_OK, READ_NONE, READ_INTERRUPTED };

/* ==== Output =========================================================== */

static void emit(lesson_player_t *lp, const char *s, size_t n)
{
    fwrite(s, 1, n, stdout);
    fflush(stdout);
    cast_output(lp->cast, s, n);
}

static void emits(lesson_player_t *lp, const char *s)
{
    emit(lp, s, strlen(s));
}

static void say(lesson_player_t *lp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    emit(lp, buf, (size_t)n);
    free(buf);
}

/* Waits [secs] seconds of autoplay time (divided by --speed); nothing
 * when a learner drives the lesson. */
static void nap(lesson_player_t *lp, double secs)
{
    if (!lp->o->autoplay || secs <= 0) {
        return;
    }
    double d = secs / (lp->o->speed > 0 ? lp->o->speed : 1);
    struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !got_sigint) {
    }
}

/* Has the learner typed something we have not read yet? */
static bool input_pending(void)
{
    struct pollfd p = {STDIN_FILENO, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

/* Types [prompt][line] as if at the keyboard: a character at a time in
 * autoplay and on a terminal, at once otherwise (and at once as soon as
 * the learner types ahead, so their keys do not land inside it). */
static void type_out(lesson_player_t *lp, const char *prompt,
                     const char *line)
{
    emits(lp, prompt);
    bool slow = lp->o->autoplay || (lp->tty_in && lp->tty_out);
    const char *p = line;
    for (; *p && slow && !got_sigint; ) {
        if (!lp->o->autoplay && input_pending()) {
            break;
        }
        // One UTF-8 character at a time, never half of one.
        size_t k = 1;
        while (((unsigned char)p[k] & 0xc0) == 0x80) {
            k++;
        }
        emit(lp, p, k);
        p += k;
        if (lp->o->autoplay) {
            nap(lp, 0.04);
        } else {
            struct timespec ts = {0, 8000000};
            nanosleep(&ts, NULL);
        }
    }
    emits(lp, p);
    emits(lp, "\n");
}

/* ==== Prose ============================================================ */

/* Prints a paragraph [text] (plain already) wrapped to the width, the
 * first line after [first] and the others after [rest] (a hanging indent
 * for lists). */
static void wrap(lesson_player_t *lp, const char *text, const char *first,
                 const char *rest)
{
    char *t = strdup(text);
    size_t col = 0, width = (size_t)lp->width;
    bool line_start = true;
    emits(lp, first);
    col = strlen(first);
    for (char *w = strtok(t, " \n"); w; w = strtok(NULL, " \n")) {
        size_t wl = strlen(w);
        if (!line_start && col + 1 + wl > width) {
            emits(lp, "\n");
            emits(lp, rest);
            col = strlen(rest);
            line_start = true;
        }
        if (!line_start) {
            emits(lp, " ");
            col++;
        }
        emits(lp, w);
        col += wl;
        line_start = false;
    }
    emits(lp, "\n");
    free(t);
}

/* One block of prose (lesson_prose_walk's callback). */
static void prose_block(void *ctx, lesson_prose_kind_t kind,
                        const char *lead, const char *text)
{
    lesson_player_t *lp = ctx;
    switch (kind) {
    case LESSON_PROSE_PARAGRAPH: {
        char rest[16];
        size_t n = strlen(lead) < sizeof rest ? strlen(lead) : 0;
        memset(rest, ' ', n);
        rest[n] = 0;
        wrap(lp, text, lead, rest);
        break;
    }
    case LESSON_PROSE_HEADING: {
        size_t hl = strlen(text);
        char *under = malloc(hl + 1);
        memset(under, '-', hl);
        under[hl] = 0;
        say(lp, "%s\n%s\n", text, under);
        free(under);
        break;
    }
    case LESSON_PROSE_VERBATIM:
        say(lp, "%s\n", text);
        break;
    case LESSON_PROSE_BLANK:
        emits(lp, "\n");
        break;
    }
}

static void render_prose(lesson_player_t *lp, const char *text)
{
    if (lp->after_step) {
        emits(lp, "\n");
        lp->after_step = false;
    }
    int nparas = lesson_prose_walk(text, prose_block, lp);
    emits(lp, "\n");
    nap(lp, 0.8 + 0.5 * nparas);
}

/* ==== Input ============================================================ */

/* Reads one line after [prompt] into [*line] (new). READ_NONE when there
 * is no input (autoplay, or standard input has ended). */
static int read_line(lesson_player_t *lp, const char *prompt, char **line)
{
    *line = NULL;
    if (lp->o->autoplay || lp->input_done) {
        return READ_NONE;
    }
    emits(lp, prompt);
    size_t cap = 0;
    got_sigint = 0;
    ssize_t n = getline(line, &cap, stdin);
    if (n < 0) {
        bool intr = errno == EINTR || got_sigint;
        clearerr(stdin);
        free(*line);
        *line = NULL;
        if (intr) {
            got_sigint = 0;
            emits(lp, "^C\n");
            return READ_INTERRUPTED;
        }
        lp->input_done = true;
        emits(lp, "\n");
        return READ_NONE;
    }
    while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r')) {
        (*line)[--n] = 0;
    }
    if (lp->tty_in) {
        // The terminal showed it; the recording has not seen it.
        cast_output(lp->cast, *line, (size_t)n);
        cast_output(lp->cast, "\n", 1);
    } else {
        say(lp, "%s\n", *line);
    }
    return READ_OK;
}

/* ==== The session ====================================================== */

static void save_progress(lesson_player_t *lp, bool done)
{
    if (!lp->o->progress || lp->o->autoplay) {
        return;
    }
    if (progress_record(lp->o->progress, lp->l->id, (int)lp->l->nsteps,
                        (int)lp->l->nexercises, (int)lp->step_no,
                        lp->solved, done) < 0 && !lp->progress_warned) {
        fprintf(stderr, "looplab: cannot save progress to %s: %s\n",
                lp->o->progress, strerror(errno));
        lp->progress_warned = true;
    }
}

static int start_session(lesson_player_t *lp)
{
    char err[256];
    lp->s = lesson_session_start(err, sizeof err);
    if (!lp->s) {
        fprintf(stderr, "looplab: %s\n", err);
        return -1;
    }
    return 0;
}

/* The session died (Ctrl-C, sys.exit(), a crash): a new one replays the
 * lesson's statements so far, without showing them. */
static void restart(lesson_player_t *lp)
{
    lesson_session_free(lp->s);
    lp->s = NULL;
    got_sigint = 0;
    say(lp, "  (the session ended; starting a new one with the lesson's "
        "steps so far)\n");
    if (start_session(lp) < 0) {
        lp->quit = true;
        return;
    }
    char *t = lesson_session_feed(lp->s, (const char *const *)lp->fed,
                                  lp->nfed, -1);
    free(t);
}

/* Runs [lines] in [s] and shows what they printed (the echo is not
 * shown: the lines were typed already). Returns the transcript (new), or
 * NULL when the session died. */
static char *run_lines(lesson_player_t *lp, lesson_session_t *s,
                       const char *const *lines, size_t n)
{
    got_sigint = 0;
    char *t = lesson_session_feed(s, lines, n, -1);
    if (!t) {
        return NULL;
    }
    char *shown = lesson_session_strip_echo(t, lines, n);
    emits(lp, shown);
    free(shown);
    return t;
}

/* Runs a statement the learner typed in the lesson's session. */
static void run_own(lesson_player_t *lp, const char *line)
{
    char *t = run_lines(lp, lp->s, &line, 1);
    if (!t) {
        restart(lp);
    }
    free(t);
}

static const char player_help[] =
    "  Enter (nothing typed) runs the lesson's next step.\n"
    "  Anything else runs in the lesson's session first: your own Python,\n"
    "  or the REPL's commands :step :tick :run :ready :timers :tasks :trace\n"
    "  :why (your statements change the session, so later steps may print\n"
    "  something else than the lesson's text says).\n"
    "  :quit leaves the lesson (your progress is kept).\n";

/* The pause before step [k]: Enter goes on; a statement runs and the
 * pause continues. Returns false when the learner leaves. */
static bool pause_before(lesson_player_t *lp, size_t k)
{
    if (lp->o->autoplay) {
        nap(lp, 1.0);
        return true;
    }
    for (;;) {
        char prompt[64];
        const char *rp = lesson_session_prompt(lp->s);
        if (strcmp(rp, ">>> ") == 0) {
            snprintf(prompt, sizeof prompt, "[Enter: step %zu/%zu] ", k,
                     lp->l->nsteps);
        } else {
            snprintf(prompt, sizeof prompt, "%s", rp);
        }
        char *line;
        int r = read_line(lp, prompt, &line);
        if (r == READ_NONE) {
            return true;
        }
        if (r == READ_INTERRUPTED) {
            continue;
        }
        const char *t = line;
        while (*t == ' ') {
            t++;
        }
        bool at_top = strcmp(rp, ">>> ") == 0;
        if (at_top && (*t == 0 || strcmp(t, ":next") == 0)) {
            free(line);
            return true;
        }
        if (at_top && (strcmp(t, ":quit") == 0 || strcmp(t, ":q") == 0 ||
                       strcmp(t, ":exit") == 0)) {
            free(line);
            return false;
        }
        if (at_top && strcmp(t, ":help") == 0) {
            emits(lp, player_help);
        } else {
            run_own(lp, line);
        }
        free(line);
        if (lp->quit) {
            return false;
        }
    }
}

/* ==== Steps and predictions ============================================ */

static void play_step(lesson_player_t *lp, const lesson_step_t *st)
{
    lp->step_no++;
    char label[160];
    snprintf(label, sizeof label, "step %zu: %.120s", lp->step_no,
             st->input[0]);
    cast_marker(lp->cast, label);
    for (size_t i = 0; i < st->ninput; i++) {
        type_out(lp, i == 0 ? ">>> " : "... ", st->input[i]);
    }
    char *answer = NULL;
    const lesson_predict_t *pr = st->predict;
    if (pr) {
        say(lp, "  ? Predict: %s\n", pr->question);
        int r;
        do {
            r = read_line(lp, "  your answer> ", &answer);
        } while (r == READ_INTERRUPTED);
        nap(lp, 2.5);
    }
    char *t = run_lines(lp, lp->s, (const char *const *)st->input,
                        st->ninput);
    if (!t) {
        restart(lp);
    }
    // The statement is part of the lesson's session now, whatever it did.
    for (size_t i = 0; i < st->ninput; i++) {
        lp->fed = realloc(lp->fed, (lp->nfed + 1) * sizeof *lp->fed);
        lp->fed[lp->nfed++] = strdup(st->input[i]);
    }
    if (pr) {
        if (!answer) {
            say(lp, "  = The answer: %s\n", pr->answers[0]);
        } else if (lesson_answer_right(pr, answer)) {
            say(lp, "  = Right: %s\n", pr->answers[0]);
        } else {
            say(lp, "  = Not quite: the answer is %s (you said %s)\n",
                pr->answers[0], answer[0] ? answer : "nothing");
        }
    }
    free(answer);
    free(t);
    lp->after_step = true;
    save_progress(lp, false);
    nap(lp, 1.2);
}

/* ==== Exercises ======================================================== */

typedef struct exercise_run {
    lesson_session_t *s;
    char *transcript;       /* everything the session printed */
    char **lines;           /* everything typed into it */
    size_t nlines;
} exercise_run_t;

static void ex_feed(lesson_player_t *lp, exercise_run_t *er,
                    const char *line)
{
    char *t = run_lines(lp, er->s, &line, 1);
    if (!t) {
        return;
    }
    size_t a = er->transcript ? strlen(er->transcript) : 0;
    er->transcript = realloc(er->transcript, a + strlen(t) + 1);
    strcpy(er->transcript + a, t);
    er->lines = realloc(er->lines, (er->nlines + 1) * sizeof *er->lines);
    er->lines[er->nlines++] = strdup(line);
    free(t);
}

static void ex_stop(exercise_run_t *er)
{
    lesson_session_free(er->s);
    for (size_t i = 0; i < er->nlines; i++) {
        free(er->lines[i]);
    }
    free(er->lines);
    free(er->transcript);
    memset(er, 0, sizeof *er);
}

/* A fresh session with the setup typed in. Returns -1 on failure. */
static int ex_start(lesson_player_t *lp, const lesson_exercise_t *ex,
                    exercise_run_t *er)
{
    char err[256];
    memset(er, 0, sizeof *er);
    er->s = lesson_session_start(err, sizeof err);
    if (!er->s) {
        fprintf(stderr, "looplab: %s\n", err);
        return -1;
    }
    for (size_t i = 0; i < ex->nsetup; i++) {
        type_out(lp, lesson_session_prompt(er->s), ex->setup[i]);
        ex_feed(lp, er, ex->setup[i]);
    }
    // A setup ending in a compound statement is closed with a blank line.
    if (strcmp(lesson_session_prompt(er->s), "... ") == 0) {
        type_out(lp, "... ", "");
        ex_feed(lp, er, "");
    }
    return 0;
}

/* Evaluates every check; prints one line each. True when all pass. */
static bool ex_check(lesson_player_t *lp, const lesson_exercise_t *ex,
                     exercise_run_t *er)
{
    lesson_facts_t f;
    if (!lesson_session_alive(er->s) ||
        lesson_facts_collect(er->s, er->transcript ? er->transcript : "",
                             (const char *const *)er->lines, er->nlines,
                             &f) < 0) {
        say(lp, "  the exercise's session has ended: :reset starts it "
            "again\n");
        return false;
    }
    size_t ok = 0;
    for (size_t i = 0; i < ex->nchecks; i++) {
        char why[512];
        bool pass = lesson_cond_eval(&ex->checks[i], &f, why, sizeof why);
        ok += pass;
        if (pass) {
            say(lp, "  [ok] %s\n", ex->checks[i].source);
        } else {
            say(lp, "  [not yet] %s: %s\n", ex->checks[i].source, why);
        }
    }
    lesson_facts_fini(&f);
    return ok == ex->nchecks;
}

static const char exercise_help[] =
    "  Type statements as at the REPL (a fresh session: your first task is\n"
    "  Task-1). :check checks your work, :hint gives a hint, :solution\n"
    "  shows one, :reset starts the exercise again, :skip moves on,\n"
    "  :quit leaves the lesson.\n";

static void play_exercise(lesson_player_t *lp, const lesson_exercise_t *ex,
                          size_t number)
{
    char label[160];
    snprintf(label, sizeof label, "exercise %zu: %.120s", number, ex->title);
    cast_marker(lp->cast, label);
    say(lp, "Exercise: %s\n", ex->title);
    render_prose(lp, ex->text);
    exercise_run_t er;
    if (ex_start(lp, ex, &er) < 0) {
        return;
    }
    if (lp->o->autoplay || lp->input_done) {
        // Show one way to do it, then check it.
        say(lp, "  One way to do it:\n");
        nap(lp, 1.5);
        for (size_t i = 0; i < ex->nsolution; i++) {
            type_out(lp, lesson_session_prompt(er.s), ex->solution[i]);
            ex_feed(lp, &er, ex->solution[i]);
            nap(lp, 0.3);
        }
        ex_check(lp, ex, &er);
        ex_stop(&er);
        emits(lp, "\n");
        nap(lp, 2.0);
        return;
    }
    emits(lp, exercise_help);
    size_t hint = 0;
    for (;;) {
        char *line;
        int r = read_line(lp, lesson_session_prompt(er.s), &line);
        if (r == READ_INTERRUPTED) {
            continue;
        }
        if (r == READ_NONE) {
            break;
        }
        const char *t = line;
        while (*t == ' ') {
            t++;
        }
        if (strcmp(t, ":check") == 0) {
            if (ex_check(lp, ex, &er)) {
                say(lp, "  Solved!\n\n");
                lp->solved++;
                save_progress(lp, false);
                free(line);
                break;
            }
        } else if (strcmp(t, ":hint") == 0) {
            if (ex->nhints == 0) {
                say(lp, "  no hints for this one: try :solution\n");
            } else if (hint < ex->nhints) {
                say(lp, "  Hint %zu/%zu: %s\n", hint + 1, ex->nhints,
                    ex->hints[hint]);
                hint++;
            } else {
                say(lp, "  no more hints: :solution shows one way\n");
            }
        } else if (strcmp(t, ":solution") == 0) {
            say(lp, "  One way (type it, or your own, then :check):\n");
            for (size_t i = 0; i < ex->nsolution; i++) {
                say(lp, "    %s\n", ex->solution[i]);
            }
        } else if (strcmp(t, ":reset") == 0) {
            ex_stop(&er);
            if (ex_start(lp, ex, &er) < 0) {
                free(line);
                return;
            }
        } else if (strcmp(t, ":skip") == 0 || strcmp(t, ":next") == 0) {
            free(line);
            break;
        } else if (strcmp(t, ":quit") == 0 || strcmp(t, ":q") == 0) {
            lp->quit = true;
            free(line);
            break;
        } else if (strcmp(t, ":help") == 0) {
            emits(lp, exercise_help);
        } else if (!lesson_session_alive(er.s)) {
            say(lp, "  the exercise's session has ended: :reset starts it "
                "again\n");
        } else {
            ex_feed(lp, &er, line);
        }
        free(line);
    }
    ex_stop(&er);
}

/* ==== The lesson ======================================================= */

static int terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col > 20) {
        return ws.ws_col;
    }
    return 80;
}

static int terminal_height(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_row > 5) {
        return ws.ws_row;
    }
    return 24;
}

static void play_items(lesson_player_t *lp)
{
    const lesson_t *l = lp->l;
    size_t nex = 0;
    for (size_t i = 0; i < l->nitems && !lp->quit; i++) {
        const lesson_item_t *it = &l->items[i];
        switch (it->kind) {
        case LESSON_ITEM_PROSE:
            render_prose(lp, it->text);
            break;
        case LESSON_ITEM_PAUSE:
            if (!lp->o->autoplay && !lp->input_done) {
                char *line;
                int r;
                do {
                    r = read_line(lp, "[Enter: go on] ", &line);
                    free(line);
                } while (r == READ_INTERRUPTED);
            }
            break;
        case LESSON_ITEM_STEP:
            if (!pause_before(lp, lp->step_no + 1)) {
                lp->quit = true;
                break;
            }
            play_step(lp, &it->step);
            break;
        case LESSON_ITEM_EXERCISE:
            play_exercise(lp, &it->ex, ++nex);
            break;
        }
    }
}

int lesson_play(const lesson_t *l, const lesson_play_options_t *o)
{
    lesson_player_t lp = {0};
    lp.l = l;
    lp.o = o;
    lp.tty_in = isatty(STDIN_FILENO);
    lp.tty_out = isatty(STDOUT_FILENO);
    int w = terminal_width();
    lp.width = w > 80 ? 79 : w - 1;
    if (o->record) {
        char title[256];
        snprintf(title, sizeof title, "looplab lesson %d: %s", l->number,
                 l->title);
        lp.cast = cast_open(o->record, w, terminal_height(), title,
                            (long)time(NULL));
        if (!lp.cast) {
            fprintf(stderr, "looplab: cannot write %s: %s\n", o->record,
                    strerror(errno));
            return 1;
        }
    }
    // Ctrl-C interrupts what runs (the session starts again) or the line
    // being typed; it does not end the lesson. No SA_RESTART: a read at
    // the prompt must return so the prompt can be shown again.
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    int status = 0;
    if (start_session(&lp) < 0) {
        status = 1;
    } else {
        char head[512];
        snprintf(head, sizeof head, "Lesson %d: %s", l->number, l->title);
        size_t hl = strlen(head);
        say(&lp, "%s\n", head);
        for (size_t i = 0; i < hl; i++) {
            emits(&lp, "=");
        }
        emits(&lp, "\n\n");
        if (!o->autoplay && lp.tty_in) {
            emits(&lp, player_help);
            emits(&lp, "\n");
        }
        play_items(&lp);
        if (!lp.quit) {
            cast_marker(lp.cast, "end of the lesson");
            say(&lp, "End of lesson %d (%zu steps, %d of %zu exercises "
                "solved).%s%s\n", l->number, lp.step_no, lp.solved,
                l->nexercises, o->next_hint ? " Next: " : "",
                o->next_hint ? o->next_hint : "");
            save_progress(&lp, true);
            nap(&lp, 2.0);
        } else {
            say(&lp, "Left lesson %d at step %zu of %zu.\n", l->number,
                lp.step_no, l->nsteps);
        }
    }
    sigaction(SIGINT, &old, NULL);
    lesson_session_free(lp.s);
    for (size_t i = 0; i < lp.nfed; i++) {
        free(lp.fed[i]);
    }
    free(lp.fed);
    if (cast_close(lp.cast) < 0) {
        fprintf(stderr, "looplab: error writing %s: %s\n", o->record,
                strerror(errno));
        status = 1;
    }
    return status;
}
