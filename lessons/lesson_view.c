/*
 * lesson_view.c - the lesson player of the full-screen view.
 *
 * The same lesson, played the same way as lesson_play.c's plain text,
 * but inside the live view (viz/viz.h, "Lessons in the view"): the prose
 * goes to the lesson pane, each step is typed at the view's prompt and
 * run in the view's own session, so the ready queue, timers and tasks
 * panes move as the statement runs, and the learner has the whole view
 * (the panes, stepping through events, the REPL) at every pause.
 *
 * What is shared with the plain player: the lesson (lesson_parse.c), its
 * prose blocks (lesson_prose.c), the judging of predictions and the
 * exercise checks (lesson_check.c) and the progress file (progress.c).
 * What differs is the session: the view runs the REPL in this process
 * (its panes fold the session's trace as it grows), where the plain
 * player talks to a child process. So an exercise here sets the lesson's
 * session aside for a fresh one, and its checks read that session's
 * trace directly instead of asking a child for :trace.
 *
 * Timing: a statement is typed a character every 8 ms (40 ms divided by
 * --speed in autoplay), so the learner sees it arrive at the prompt; the
 * view then replays the events it added. Autoplay waits as the plain
 * player does (same lengths), and shows each exercise's solution.
 */
#include "lesson_view.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_check.h"
#include "lesson_prose.h"
#include "progress.h"
#include "viz.h"

typedef struct view_player {
    const lesson_t *l;
    const lesson_play_options_t *o;
    viz_t *v;
    size_t step_no;         /* steps run so far */
    int solved;             /* exercises solved in this run */
    bool quit;              /* the learner left */
    bool progress_warned;
    char progress_err[256]; /* a failed save, said after the view closes */
} view_player_t;

static const char view_help[] =
    "Enter (nothing typed) runs the next step. Anything else runs in the "
    "lesson's session first: your own Python, or the REPL's :step :tick "
    ":run :ready :timers :tasks :trace :why. Esc moves to the panes "
    "(arrows step through the events, ? lists the keys). PgUp/PgDn scroll "
    "this pane. :quit leaves; your progress is kept.";

static const char exercise_help[] =
    "Type statements as at the REPL (a fresh session: your first task is "
    "Task-1). :check checks your work, :hint gives a hint, :solution shows "
    "one, :reset starts the exercise again, :skip moves on, :quit leaves "
    "the lesson.";

/* ==== Output =========================================================== */

static void say(view_player_t *vp, viz_text_style_t style, const char *fmt,
                ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    viz_lesson_text(vp->v, style, "", buf);
    free(buf);
}

static void blank(view_player_t *vp)
{
    viz_lesson_text(vp->v, VIZ_TEXT_PROSE, "", "");
}

/* Waits [secs] seconds of autoplay time (divided by --speed); nothing
 * when a learner drives the lesson. */
static void nap(view_player_t *vp, double secs)
{
    if (!vp->o->autoplay || secs <= 0 || vp->quit) {
        return;
    }
    double ms = secs * 1000 / (vp->o->speed > 0 ? vp->o->speed : 1);
    if (!viz_lesson_wait(vp->v, (int)ms)) {
        vp->quit = true;
    }
}

/* Milliseconds between typed characters. */
static int type_ms(view_player_t *vp)
{
    if (vp->o->autoplay) {
        double ms = 40 / (vp->o->speed > 0 ? vp->o->speed : 1);
        return ms < 1 ? 0 : (int)ms;
    }
    return 8;
}

static void type_line(view_player_t *vp, const char *prompt,
                      const char *line)
{
    if (!viz_lesson_type(vp->v, prompt, line, type_ms(vp))) {
        vp->quit = true;
    }
}

/* One block of prose (lesson_prose_walk's callback). */
static void prose_block(void *ctx, lesson_prose_kind_t kind,
                        const char *lead, const char *text)
{
    view_player_t *vp = ctx;
    switch (kind) {
    case LESSON_PROSE_PARAGRAPH:
        viz_lesson_text(vp->v, VIZ_TEXT_PROSE, lead, text);
        break;
    case LESSON_PROSE_HEADING:
        blank(vp);
        viz_lesson_text(vp->v, VIZ_TEXT_HEADING, "", text);
        break;
    case LESSON_PROSE_VERBATIM:
        viz_lesson_text(vp->v, VIZ_TEXT_CODE, "", text);
        break;
    case LESSON_PROSE_BLANK:
        blank(vp);
        break;
    }
}

static void render_prose(view_player_t *vp, const char *text)
{
    blank(vp);
    int nparas = lesson_prose_walk(text, prose_block, vp);
    blank(vp);
    nap(vp, 0.8 + 0.5 * nparas);
}

/* ==== Progress ========================================================= */

static void save_progress(view_player_t *vp, bool done)
{
    if (!vp->o->progress || vp->o->autoplay) {
        return;
    }
    if (progress_record(vp->o->progress, vp->l->id, (int)vp->l->nsteps,
                        (int)vp->l->nexercises, (int)vp->step_no,
                        vp->solved, done) < 0 && !vp->progress_warned) {
        // stderr is the view's output pane now: say it there, and again
        // once the terminal is back.
        snprintf(vp->progress_err, sizeof vp->progress_err,
                 "looplab: cannot save progress to %s: %s", vp->o->progress,
                 strerror(errno));
        say(vp, VIZ_TEXT_BAD, "%s", vp->progress_err);
        vp->progress_warned = true;
    }
}

/* ==== Pauses =========================================================== */

static bool is_quit(const char *t)
{
    return strcmp(t, ":quit") == 0 || strcmp(t, ":q") == 0 ||
           strcmp(t, ":exit") == 0;
}

/* Runs a statement of the learner's own in the session. */
static void run_own(view_player_t *vp, const char *line)
{
    free(viz_lesson_run(vp->v, line, true));
}

/* A pause: the learner has the prompt; Enter at ">>> " goes on ([hint]
 * says where to), a statement runs and the pause goes on. Returns false
 * when the learner leaves. */
static bool pause_for(view_player_t *vp, const char *hint)
{
    if (vp->o->autoplay) {
        nap(vp, 1.0);
        return !vp->quit;
    }
    for (;;) {
        bool at_top = strcmp(viz_lesson_prompt(vp->v), ">>> ") == 0;
        viz_lesson_status(vp->v, NULL, at_top ? hint : "finish the statement"
                          " (an empty line ends it)");
        char *line;
        if (viz_lesson_read(vp->v, NULL, &line) != VIZ_READ_LINE) {
            vp->quit = true;
            return false;
        }
        const char *t = line;
        while (*t == ' ') {
            t++;
        }
        if (at_top && (*t == 0 || strcmp(t, ":next") == 0)) {
            free(line);
            return true;
        }
        if (at_top && is_quit(t)) {
            free(line);
            vp->quit = true;
            return false;
        }
        if (at_top && strcmp(t, ":help") == 0) {
            say(vp, VIZ_TEXT_NOTE, "%s", view_help);
        } else {
            run_own(vp, line);
        }
        free(line);
    }
}

/* ==== Steps and predictions ============================================ */

static void play_step(view_player_t *vp, const lesson_step_t *st)
{
    viz_t *v = vp->v;
    vp->step_no++;
    char hint[128];
    snprintf(hint, sizeof hint, "step %zu/%zu", vp->step_no, vp->l->nsteps);
    viz_lesson_status(v, NULL, hint);
    // The statement shows in the lesson pane too, where the page has it.
    for (size_t i = 0; i < st->ninput; i++) {
        char code[1100];
        snprintf(code, sizeof code, "%s%s", i == 0 ? ">>> " : "... ",
                 st->input[i]);
        viz_lesson_text(v, VIZ_TEXT_CODE, "", code);
    }
    const lesson_predict_t *pr = st->predict;
    char *answer = NULL;
    if (pr) {
        // Typed, not run: first the learner says what will happen.
        for (size_t i = 0; i < st->ninput && !vp->quit; i++) {
            const char *prompt = i == 0 ? ">>> " : "... ";
            type_line(vp, prompt, st->input[i]);
            viz_lesson_echo(v, prompt, st->input[i]);
        }
        say(vp, VIZ_TEXT_ASK, "? Predict: %s", pr->question);
        if (!vp->o->autoplay && !vp->quit) {
            viz_lesson_status(v, NULL, "your answer, then Enter");
            if (viz_lesson_read(v, "your answer> ", &answer) !=
                VIZ_READ_LINE) {
                vp->quit = true;
            }
        }
        nap(vp, 2.5);
        if (vp->quit) {
            // Left at the question: the statement never ran.
            vp->step_no--;
            free(answer);
            return;
        }
        for (size_t i = 0; i < st->ninput; i++) {
            free(viz_lesson_run(v, st->input[i], false));
        }
    } else {
        for (size_t i = 0; i < st->ninput; i++) {
            type_line(vp, viz_lesson_prompt(v), st->input[i]);
            if (vp->quit && i == 0) {
                vp->step_no--;     // left before it ran
                return;
            }
            // Once begun, a statement is finished: the session must not
            // be left inside it.
            free(viz_lesson_run(v, st->input[i], true));
        }
    }
    if (pr) {
        if (!answer) {
            say(vp, VIZ_TEXT_NOTE, "= The answer: %s", pr->answers[0]);
        } else if (lesson_answer_right(pr, answer)) {
            say(vp, VIZ_TEXT_GOOD, "= Right: %s", pr->answers[0]);
        } else {
            say(vp, VIZ_TEXT_BAD, "= Not quite: the answer is %s (you said "
                "%s)", pr->answers[0], answer[0] ? answer : "nothing");
        }
    }
    free(answer);
    save_progress(vp, false);
    nap(vp, 1.2);
}

/* ==== Exercises ======================================================== */

/* Types (when [typed]) and runs [line] in the exercise's session. What
 * it prints, the view keeps for the checks (viz_lesson_printed). */
static void ex_feed(view_player_t *vp, const char *line, bool typed)
{
    if (typed) {
        type_line(vp, viz_lesson_prompt(vp->v), line);
    }
    free(viz_lesson_run(vp->v, line, true));
}

/* The setup typed into the (fresh) exercise session. */
static void ex_setup(view_player_t *vp, const lesson_exercise_t *ex)
{
    viz_lesson_note(vp->v, "(the exercise's own session: your first task "
                    "is Task-1)");
    for (size_t i = 0; i < ex->nsetup && !vp->quit; i++) {
        ex_feed(vp, ex->setup[i], true);
    }
    // A setup ending in a compound statement is closed with a blank line.
    if (strcmp(viz_lesson_prompt(vp->v), "... ") == 0) {
        ex_feed(vp, "", true);
    }
}

/* Evaluates every check; says one line each. True when all pass. */
static bool ex_check(view_player_t *vp, const lesson_exercise_t *ex)
{
    size_t n = viz_lesson_trace_count(vp->v);
    // Copies: a trace line is borrowed only until the next is read.
    // Zeroed: with link-time inlining gcc cannot tell that only the n
    // lines written are read, and warns (maybe-uninitialized).
    char **trace = calloc(n ? n : 1, sizeof *trace);
    for (size_t i = 0; i < n; i++) {
        trace[i] = strdup(viz_lesson_trace_line(vp->v, i));
    }
    lesson_facts_t f;
    lesson_facts_make(&f, viz_lesson_printed(vp->v),
                      (const char *const *)trace, n,
                      viz_lesson_ready_empty(vp->v));
    for (size_t i = 0; i < n; i++) {
        free(trace[i]);
    }
    free(trace);
    size_t ok = 0;
    for (size_t i = 0; i < ex->nchecks; i++) {
        char why[512];
        bool pass = lesson_cond_eval(&ex->checks[i], &f, why, sizeof why);
        ok += pass;
        if (pass) {
            say(vp, VIZ_TEXT_GOOD, "[ok] %s", ex->checks[i].source);
        } else {
            say(vp, VIZ_TEXT_BAD, "[not yet] %s: %s", ex->checks[i].source,
                why);
        }
    }
    lesson_facts_fini(&f);
    return ok == ex->nchecks;
}

/* The learner works on the exercise until :check passes, :skip or :quit. */
static void ex_work(view_player_t *vp, const lesson_exercise_t *ex)
{
    viz_t *v = vp->v;
    size_t hint = 0;
    for (;;) {
        viz_lesson_status(v, NULL, "exercise: :check when done, :hint, "
                          ":solution, :skip");
        char *line;
        if (viz_lesson_read(v, NULL, &line) != VIZ_READ_LINE) {
            vp->quit = true;
            return;
        }
        const char *t = line;
        while (*t == ' ') {
            t++;
        }
        bool done = false;
        if (strcmp(t, ":check") == 0) {
            viz_lesson_echo(v, viz_lesson_prompt(v), line);
            if (ex_check(vp, ex)) {
                say(vp, VIZ_TEXT_GOOD, "Solved!");
                vp->solved++;
                save_progress(vp, false);
                done = true;
            }
        } else if (strcmp(t, ":hint") == 0) {
            if (ex->nhints == 0) {
                say(vp, VIZ_TEXT_NOTE, "No hints for this one: try "
                    ":solution.");
            } else if (hint < ex->nhints) {
                say(vp, VIZ_TEXT_ASK, "Hint %zu/%zu: %s", hint + 1,
                    ex->nhints, ex->hints[hint]);
                hint++;
            } else {
                say(vp, VIZ_TEXT_NOTE, "No more hints: :solution shows one "
                    "way.");
            }
        } else if (strcmp(t, ":solution") == 0) {
            say(vp, VIZ_TEXT_NOTE, "One way (type it, or your own, then "
                ":check):");
            for (size_t i = 0; i < ex->nsolution; i++) {
                char code[1100];
                snprintf(code, sizeof code, "    %s", ex->solution[i]);
                viz_lesson_text(v, VIZ_TEXT_CODE, "", code);
            }
        } else if (strcmp(t, ":reset") == 0) {
            if (viz_lesson_reset_session(v) < 0) {
                say(vp, VIZ_TEXT_BAD, "cannot start a new session");
                done = true;
            } else {
                ex_setup(vp, ex);
            }
        } else if (strcmp(t, ":skip") == 0 || strcmp(t, ":next") == 0) {
            done = true;
        } else if (is_quit(t)) {
            vp->quit = true;
            done = true;
        } else if (strcmp(t, ":help") == 0) {
            say(vp, VIZ_TEXT_NOTE, "%s", exercise_help);
        } else {
            ex_feed(vp, line, false);
        }
        free(line);
        if (done || vp->quit) {
            return;
        }
    }
}

static void play_exercise(view_player_t *vp, const lesson_exercise_t *ex)
{
    viz_t *v = vp->v;
    blank(vp);
    say(vp, VIZ_TEXT_HEADING, "Exercise: %s", ex->title);
    render_prose(vp, ex->text);
    if (vp->quit) {
        return;
    }
    if (viz_lesson_push_session(v) < 0) {
        say(vp, VIZ_TEXT_BAD, "cannot start the exercise's session: "
            "skipped");
        return;
    }
    ex_setup(vp, ex);
    if (vp->o->autoplay) {
        // Show one way to do it, then check it.
        say(vp, VIZ_TEXT_NOTE, "One way to do it:");
        nap(vp, 1.5);
        for (size_t i = 0; i < ex->nsolution && !vp->quit; i++) {
            ex_feed(vp, ex->solution[i], true);
            nap(vp, 0.3);
        }
        if (!vp->quit) {
            ex_check(vp, ex);
            nap(vp, 2.0);
        }
    } else {
        say(vp, VIZ_TEXT_NOTE, "%s", exercise_help);
        ex_work(vp, ex);
    }
    viz_lesson_pop_session(v);
    viz_lesson_note(v, "(back in the lesson's session)");
    blank(vp);
}

/* ==== The lesson ======================================================= */

static void play_items(view_player_t *vp)
{
    const lesson_t *l = vp->l;
    for (size_t i = 0; i < l->nitems && !vp->quit; i++) {
        const lesson_item_t *it = &l->items[i];
        switch (it->kind) {
        case LESSON_ITEM_PROSE:
            render_prose(vp, it->text);
            break;
        case LESSON_ITEM_PAUSE:
            pause_for(vp, "Enter: go on");
            break;
        case LESSON_ITEM_STEP: {
            char hint[128];
            snprintf(hint, sizeof hint, "Enter: step %zu/%zu (or type "
                     "Python; :help)", vp->step_no + 1, l->nsteps);
            if (pause_for(vp, hint)) {
                play_step(vp, &it->step);
            }
            break;
        }
        case LESSON_ITEM_EXERCISE:
            play_exercise(vp, &it->ex);
            break;
        }
    }
}

int lesson_play_view(const lesson_t *l, const lesson_play_options_t *o)
{
    view_player_t vp = {0};
    vp.l = l;
    vp.o = o;
    char title[512];
    snprintf(title, sizeof title, "Lesson %d: %s", l->number, l->title);
    viz_options_t vo = {true, false, false, false, 0};
    vp.v = viz_lesson_open(&vo, title, o->autoplay, o->speed);
    if (!vp.v) {
        return -1;
    }
    if (!o->autoplay) {
        say(&vp, VIZ_TEXT_NOTE, "Enter: the next step. Type Python (or "
            ":tasks, :step, ...) to explore first. Esc: the panes (? keys). "
            ":help, :quit.");
    }
    play_items(&vp);
    char end[512];
    if (!vp.quit) {
        snprintf(end, sizeof end, "End of lesson %d (%zu steps, %d of %zu "
                 "exercises solved).%s%s", l->number, vp.step_no, vp.solved,
                 l->nexercises, o->next_hint ? " Next: " : "",
                 o->next_hint ? o->next_hint : "");
        save_progress(&vp, true);
        blank(&vp);
        say(&vp, VIZ_TEXT_GOOD, "%s", end);
        if (o->autoplay) {
            nap(&vp, 2.0);
        } else {
            pause_for(&vp, "End of the lesson: Enter leaves");
        }
    } else {
        snprintf(end, sizeof end, "Left lesson %d at step %zu of %zu.",
                 l->number, vp.step_no, l->nsteps);
    }
    viz_lesson_close(vp.v);
    // The view is gone from the screen: say where the lesson ended.
    printf("%s\n", end);
    if (vp.progress_err[0]) {
        fprintf(stderr, "%s\n", vp.progress_err);
    }
    return 0;
}
