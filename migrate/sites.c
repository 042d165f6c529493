/*
 * sites.c - the ensure_future call sites of one file and their fate.
 *
 * asyncio.ensure_future(x) and asyncio.create_task(x) do the same thing
 * when x is a coroutine and an event loop is running; when x is a Future
 * or Task, create_task raises TypeError, and outside a running loop
 * create_task raises RuntimeError. So a site is rewritten only when the
 * argument is certainly a fresh coroutine - a call of an async def this
 * file (or a sibling module it imports) defines, or of a coroutine
 * function of asyncio - and the call sits in an async def. Everything
 * else is left alone with the reason, most specific first.
 */
#include "sites.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* asyncio's coroutine functions: calling one gives a coroutine. */
static const char *const asyncio_coroutines[] = {
    "sleep", "wait_for", "wait", "open_connection", "start_server",
    "open_unix_connection", "start_unix_server", "create_subprocess_exec",
    "create_subprocess_shell", "to_thread"
};

/* asyncio functions and classes that return a Future or Task. */
static const char *const asyncio_futures[] = {
    "gather", "shield", "ensure_future", "create_task",
    "run_coroutine_threadsafe", "wrap_future", "Future", "Task"
};

/* Method names that return a Future or Task whatever the receiver
 * (loop.create_future(), loop.run_in_executor(), tg.create_task(), ...). */
static const char *const future_methods[] = {
    "create_future", "create_task", "run_in_executor", "ensure_future",
    "gather", "shield", "run_coroutine_threadsafe", "wrap_future"
};

/* The three ways a site names ensure_future. */
enum { FORM_ATTR, FORM_BARE, FORM_STAR };

/* What a name or call is known to produce. */
enum { KNOWN_CORO, KNOWN_FUTURE, KNOWN_MAYBE };

/* Per-file state while planning. */
typedef struct ctx {
    const char *path;
    const migrate_file *f;
    migrate_plan *plan;
    int edit_cap;
    int site_cap;
    unsigned char *rewritten;   /* per sig token: a rewritten callee */
} ctx;

/* The bindings of one name where it resolves. */
typedef struct lookup {
    int scope;      /* -1: unbound */
    int first;      /* first binding index */
    int uniform;    /* all bindings have the same kind (and import) */
    int kind;
} lookup;

const char *migrate_reason_label(migrate_reason r)
{
    static const char *const labels[] = {
        "rewritten", "passes loop=", "more arguments", "awaited directly",
        "returns a Future", "may be a Future/Task", "outside async def",
        "unknown"
    };
    if ((unsigned)r < sizeof labels / sizeof labels[0]) {
        return labels[r];
    }
    return "?";
}

static int in_table(const char *const *table, size_t n, const char *s,
                    size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(table[i]) == len && memcmp(table[i], s, len) == 0) {
            return 1;
        }
    }
    return 0;
}

#define IN_TABLE(t, s, len) in_table((t), sizeof(t) / sizeof((t)[0]), s, len)

static const char *tok_text(const migrate_file *f, int i, size_t *len)
{
    const pytok_token *t = migrate_tok(f, i);
    *len = t->end - t->start;
    return f->src + t->start;
}

static int same_str(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Looks [name] up from [scope] and summarises its bindings there. */
static lookup look(const migrate_file *f, int scope, const char *name,
                   size_t len)
{
    lookup l = { -1, -1, 1, -1 };
    l.scope = migrate_resolve(f, scope, name, len);
    if (l.scope < 0) {
        return l;
    }
    l.first = migrate_next_binding(f, l.scope, name, len, 0);
    const migrate_binding *b0 = &f->binds[l.first];
    l.kind = b0->kind;
    for (int i = migrate_next_binding(f, l.scope, name, len, l.first + 1);
         i >= 0; i = migrate_next_binding(f, l.scope, name, len, i + 1)) {
        const migrate_binding *b = &f->binds[i];
        if (b->kind != b0->kind || b->level != b0->level ||
            (b0->module && !same_str(b->module, b0->module)) ||
            (b0->orig && !same_str(b->orig, b0->orig))) {
            l.uniform = 0;
        }
    }
    return l;
}

static int is_asyncio_name(const char *module)
{
    return same_str(module, "asyncio") || same_str(module, "asyncio.tasks");
}

/* True when [name] (used in [scope]) is the asyncio module. */
static int names_asyncio(const migrate_file *f, int scope, int tok)
{
    size_t len;
    const char *s = tok_text(f, tok, &len);
    lookup l = look(f, scope, s, len);
    return l.scope >= 0 && l.uniform && l.kind == MIGRATE_BIND_MODULE &&
           is_asyncio_name(f->binds[l.first].module);
}

/* True when the lookup is `from asyncio import ORIG`. */
static int is_from_asyncio(const migrate_file *f, const lookup *l,
                           const char *orig)
{
    if (l->scope < 0 || !l->uniform || l->kind != MIGRATE_BIND_FROM) {
        return 0;
    }
    const migrate_binding *b = &f->binds[l->first];
    return b->level == 0 && is_asyncio_name(b->module) &&
           same_str(b->orig, orig);
}

/* True when the module scope has `from asyncio import *`. */
static int star_from_asyncio(const migrate_file *f)
{
    for (int i = 0; i < f->nbinds; i++) {
        const migrate_binding *b = &f->binds[i];
        if (b->kind == MIGRATE_BIND_STAR && b->scope == 0 &&
            b->level == 0 && is_asyncio_name(b->module)) {
            return 1;
        }
    }
    return 0;
}

/* Source text of sig tokens [a, b) with runs of white space squeezed to
 * one space and cut to a readable length. */
static void snippet(const migrate_file *f, int a, int b, char *out,
                    size_t cap)
{
    size_t s = migrate_tok(f, a)->start, e = migrate_tok(f, b - 1)->end;
    size_t n = 0;
    int space = 0;
    for (size_t p = s; p < e && n + 4 < cap; p++) {
        char c = f->src[p];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\') {
            space = 1;
            continue;
        }
        if (space && n > 0 && out[n - 1] != '(' && out[n - 1] != '[' &&
            c != ')' && c != ']') {
            out[n++] = ' ';
        }
        space = 0;
        out[n++] = c;
    }
    if (n > 48) {
        n = 45;
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

/* Whether the async def of scope [s] gives a coroutine when called:
 * KNOWN_CORO, or KNOWN_MAYBE with the reason in [why]. */
static int async_def_result(const migrate_file *f, int s, const char *what,
                            char *why, size_t cap)
{
    const migrate_scope *sc = &f->scopes[s];
    if (sc->has_yield) {
        snprintf(why, cap,
                 "`%s` is an async generator, not a coroutine", what);
        return KNOWN_MAYBE;
    }
    if (sc->odd_decorator >= 0) {
        char deco[64];
        int e = sc->odd_decorator;
        while (migrate_tok(f, e)->type == PYTOK_NAME ||
               migrate_tok_is(f, e, ".")) {
            e++;
        }
        snippet(f, sc->odd_decorator, e, deco, sizeof deco);
        snprintf(why, cap,
                 "`%s` is decorated with @%s, which may make it return "
                 "something other than a coroutine (a Future or Task)",
                 what, deco);
        return KNOWN_MAYBE;
    }
    return KNOWN_CORO;
}

/* Whether module [module] (plus submodule [sub], either may be empty),
 * imported with [level] leading dots by the file being migrated, defines
 * [name] at its top level as a plain async def. Only modules beside the
 * file (or up the package for relative imports) are looked at: that is
 * where a script's own imports come from. */
static int sibling_def(const ctx *c, int level, const char *module,
                       const char *sub, const char *name, size_t nlen,
                       char *detail, size_t cap)
{
    snprintf(detail, cap, "migrate cannot find that module beside the file");
    char rel[1024], path[4096];
    snprintf(rel, sizeof rel, "%s%s%s", module ? module : "",
             module && *module && sub && *sub ? "." : "", sub ? sub : "");
    for (char *p = rel; *p; p++) {
        if (*p == '.') {
            *p = '/';
        }
    }
    if (!*rel) {
        return KNOWN_MAYBE;
    }
    const char *slash = strrchr(c->path, '/');
    int n;
    if (slash) {
        n = snprintf(path, sizeof path, "%.*s", (int)(slash - c->path),
                     c->path);
    } else {
        n = snprintf(path, sizeof path, ".");
    }
    for (int i = 1; i < level && n > 0 && (size_t)n < sizeof path; i++) {
        n += snprintf(path + n, sizeof path - (size_t)n, "/..");
    }
    if (n > 0 && (size_t)n < sizeof path) {
        n += snprintf(path + n, sizeof path - (size_t)n, "/%s", rel);
    }
    if (n <= 0 || (size_t)n + 16 >= sizeof path) {
        return KNOWN_MAYBE;
    }
    static const char *const tails[] = { ".py", "/__init__.py" };
    for (int k = 0; k < 2; k++) {
        char full[4200];
        snprintf(full, sizeof full, "%s%s", path, tails[k]);
        size_t len;
        char *src = source_read(full, &len);
        if (!src) {
            continue;
        }
        migrate_file m;
        int result = KNOWN_MAYBE;
        const char *base = strrchr(full, '/') ? strrchr(full, '/') + 1 : full;
        if (migrate_file_load(&m, src, len) < 0) {
            snprintf(detail, cap, "%.60s is not valid Python", base);
        } else {
            int first = migrate_next_binding(&m, 0, name, nlen, 0);
            result = first >= 0 ? KNOWN_CORO : KNOWN_MAYBE;
            snprintf(detail, cap, "%.60s does not define `%.*s`", base,
                     (int)nlen, name);
            for (int i = first; i >= 0;
                 i = migrate_next_binding(&m, 0, name, nlen, i + 1)) {
                char what[80], why[320];
                snprintf(what, sizeof what, "%.*s", (int)nlen, name);
                if (m.binds[i].kind != MIGRATE_BIND_ASYNC_DEF) {
                    snprintf(detail, cap, "%.60s does not define `%.*s` as an "
                             "async def", base, (int)nlen, name);
                    result = KNOWN_MAYBE;
                } else if (async_def_result(&m, m.binds[i].def_scope, what,
                                            why, sizeof why) != KNOWN_CORO) {
                    snprintf(detail, cap, "in %.60s, %.130s", base, why);
                    result = KNOWN_MAYBE;
                }
            }
            for (int i = 0; i < m.nbinds; i++) {
                if (m.binds[i].kind == MIGRATE_BIND_STAR &&
                    m.binds[i].scope == 0 && result == KNOWN_CORO) {
                    snprintf(detail, cap, "%.60s has a star import", base);
                    result = KNOWN_MAYBE;
                }
            }
        }
        migrate_file_free(&m);
        free(src);
        return result;
    }
    return KNOWN_MAYBE;
}

/* A call NAME(...) of the name at [nt], made in [scope]. */
static int call_of_name(const ctx *c, int scope, int nt, const char *snip,
                        char *why, size_t cap)
{
    const migrate_file *f = c->f;
    size_t len;
    const char *name = tok_text(f, nt, &len);
    lookup l = look(f, scope, name, len);
    if (l.scope < 0) {
        snprintf(why, cap,
                 "`%.*s` is not defined or imported in this file; `%s` may "
                 "return a Future or Task", (int)len, name, snip);
        return KNOWN_MAYBE;
    }
    if (!l.uniform) {
        snprintf(why, cap,
                 "`%.*s` is bound more than one way in this file; `%s` may "
                 "return a Future or Task", (int)len, name, snip);
        return KNOWN_MAYBE;
    }
    const migrate_binding *b = &f->binds[l.first];
    if (l.kind == MIGRATE_BIND_ASYNC_DEF) {
        for (int i = l.first; i >= 0;
             i = migrate_next_binding(f, l.scope, name, len, i + 1)) {
            char what[80];
            snprintf(what, sizeof what, "%.*s", (int)len, name);
            if (async_def_result(f, f->binds[i].def_scope, what, why, cap) !=
                KNOWN_CORO) {
                return KNOWN_MAYBE;
            }
        }
        return KNOWN_CORO;
    }
    if (l.kind == MIGRATE_BIND_FROM && b->level == 0 &&
        is_asyncio_name(b->module)) {
        size_t ol = strlen(b->orig);
        if (IN_TABLE(asyncio_coroutines, b->orig, ol)) {
            return KNOWN_CORO;
        }
        if (IN_TABLE(asyncio_futures, b->orig, ol)) {
            snprintf(why, cap,
                     "`%s` returns a Future or Task, not a coroutine "
                     "(create_task raises TypeError for one)", snip);
            return KNOWN_FUTURE;
        }
        snprintf(why, cap, "asyncio.%s is not a coroutine function",
                 b->orig);
        return KNOWN_MAYBE;
    }
    if (l.kind == MIGRATE_BIND_FROM) {
        char detail[200];
        if (sibling_def(c, b->level, b->module, NULL, b->orig,
                        strlen(b->orig), detail, sizeof detail) ==
            KNOWN_CORO) {
            return KNOWN_CORO;
        }
        int shown = len > 60 ? 60 : (int)len;
        int dots = b->level > 10 ? 10 : b->level;
        snprintf(why, cap,
                 "`%.*s` is imported from %.*s%.40s and %.120s; `%.50s` may "
                 "return a Future or Task", shown, name, dots, "..........",
                 b->module, detail, snip);
        return KNOWN_MAYBE;
    }
    if (l.kind == MIGRATE_BIND_DEF) {
        snprintf(why, cap,
                 "`%.*s` is a plain def, not an async def; `%s` may return "
                 "a Future or Task", (int)len, name, snip);
    } else if (l.kind == MIGRATE_BIND_CLASS) {
        snprintf(why, cap,
                 "`%s` creates an instance of class %.*s, which may be a "
                 "Future or Task", snip, (int)len, name);
    } else {
        snprintf(why, cap,
                 "`%.*s` is a variable here; `%s` may return a Future or "
                 "Task", (int)len, name, snip);
    }
    return KNOWN_MAYBE;
}

/* True when some token sequence assigns attribute [name] (`x.name = `). */
static int attribute_assigned(const migrate_file *f, const char *name,
                              size_t len)
{
    for (int i = 1; i + 1 < f->nsig; i++) {
        if (migrate_tok_name(f, i, name, len) &&
            migrate_tok_is(f, i - 1, ".") &&
            (migrate_tok_is(f, i + 1, "=") || migrate_tok_is(f, i + 1, ":"))) {
            return 1;
        }
    }
    return 0;
}

/* self.NAME(...) inside a method: a coroutine only when the method's
 * class defines NAME as a plain async def and nothing in the file could
 * make it something else (a subclass here, an attribute assignment).
 * Returns -1 when [xt] is not the method's self parameter. */
static int call_of_method(const ctx *c, int scope, int xt, int nt,
                          const char *snip, char *why, size_t cap)
{
    const migrate_file *f = c->f;
    int fs = migrate_enclosing_func(f, scope);
    if (fs < 0 || f->scopes[fs].kind != MIGRATE_SCOPE_FUNC ||
        f->scopes[fs].parent < 0 ||
        f->scopes[f->scopes[fs].parent].kind != MIGRATE_SCOPE_CLASS ||
        f->scopes[fs].is_static || f->scopes[fs].first_param < 0) {
        return -1;
    }
    size_t xl, nl;
    const char *x = tok_text(f, xt, &xl);
    const char *name = tok_text(f, nt, &nl);
    if (!migrate_tok_name(f, f->scopes[fs].first_param, x, xl)) {
        return -1;
    }
    lookup lx = look(f, scope, x, xl);
    if (lx.scope != fs || !lx.uniform || lx.kind != MIGRATE_BIND_PARAM) {
        snprintf(why, cap, "`%.*s` is reassigned in this method; `%s` may "
                 "return a Future or Task", (int)xl, x, snip);
        return KNOWN_MAYBE;
    }
    int cls = f->scopes[fs].parent;
    int first = migrate_next_binding(f, cls, name, nl, 0);
    if (first < 0) {
        snprintf(why, cap,
                 "this class does not define `%.*s` (it may be inherited or "
                 "set elsewhere); `%s` may return a Future or Task",
                 (int)nl, name, snip);
        return KNOWN_MAYBE;
    }
    for (int i = first; i >= 0;
         i = migrate_next_binding(f, cls, name, nl, i + 1)) {
        if (f->binds[i].kind != MIGRATE_BIND_ASYNC_DEF) {
            snprintf(why, cap,
                     "`%.*s.%.*s` is not an async def in this class; `%s` "
                     "may return a Future or Task", (int)xl, x, (int)nl,
                     name, snip);
            return KNOWN_MAYBE;
        }
    }
    for (int i = 0; i < f->nbinds; i++) {
        const migrate_binding *b = &f->binds[i];
        if (f->scopes[b->scope].kind != MIGRATE_SCOPE_CLASS ||
            !migrate_tok_name(f, b->tok, name, nl)) {
            continue;
        }
        if (b->kind != MIGRATE_BIND_ASYNC_DEF) {
            size_t cl = 0;
            const char *cn = "?";
            if (f->scopes[b->scope].name >= 0) {
                cn = tok_text(f, f->scopes[b->scope].name, &cl);
            }
            snprintf(why, cap,
                     "class %.*s in this file makes `%.*s` something other "
                     "than an async def; `%s` may return a Future or Task",
                     (int)cl, cn, (int)nl, name, snip);
            return KNOWN_MAYBE;
        }
        char what[80];
        snprintf(what, sizeof what, "%.*s.%.*s", (int)xl, x, (int)nl, name);
        if (async_def_result(f, b->def_scope, what, why, cap) !=
            KNOWN_CORO) {
            return KNOWN_MAYBE;
        }
    }
    if (attribute_assigned(f, name, nl)) {
        snprintf(why, cap,
                 "this file assigns an attribute `%.*s`; `%s` may return a "
                 "Future or Task", (int)nl, name, snip);
        return KNOWN_MAYBE;
    }
    return KNOWN_CORO;
}

/* A call X.NAME(...) with X at [xt] and NAME at [nt], made in [scope]. */
static int call_of_attr(const ctx *c, int scope, int xt, int nt,
                        const char *snip, char *why, size_t cap)
{
    const migrate_file *f = c->f;
    size_t nl, xl;
    const char *name = tok_text(f, nt, &nl);
    const char *x = tok_text(f, xt, &xl);
    if (names_asyncio(f, scope, xt)) {
        if (IN_TABLE(asyncio_coroutines, name, nl)) {
            return KNOWN_CORO;
        }
        if (IN_TABLE(asyncio_futures, name, nl)) {
            snprintf(why, cap,
                     "`%s` returns a Future or Task, not a coroutine "
                     "(create_task raises TypeError for one)", snip);
            return KNOWN_FUTURE;
        }
        snprintf(why, cap, "`%.*s.%.*s` is not a coroutine function",
                 (int)xl, x, (int)nl, name);
        return KNOWN_MAYBE;
    }
    int m = call_of_method(c, scope, xt, nt, snip, why, cap);
    if (m >= 0) {
        return m;
    }
    lookup l = look(f, scope, x, xl);
    if (l.scope >= 0 && l.uniform && (l.kind == MIGRATE_BIND_MODULE ||
                                      l.kind == MIGRATE_BIND_FROM)) {
        const migrate_binding *b = &f->binds[l.first];
        char detail[200];
        if (sibling_def(c, b->level, b->module, b->orig, name, nl, detail,
                        sizeof detail) == KNOWN_CORO) {
            return KNOWN_CORO;
        }
        if (!IN_TABLE(future_methods, name, nl)) {
            snprintf(why, cap,
                     "`%.*s` is a module and %.150s; `%s` may return a Future "
                     "or Task", (int)xl, x, detail, snip);
            return KNOWN_MAYBE;
        }
    }
    if (IN_TABLE(future_methods, name, nl)) {
        snprintf(why, cap,
                 "`%s` returns a Future or Task, not a coroutine "
                 "(create_task raises TypeError for one)", snip);
        return KNOWN_FUTURE;
    }
    snprintf(why, cap,
             "`%.*s.%.*s` is not known to be a coroutine function; `%s` may "
             "return a Future or Task", (int)xl, x, (int)nl, name, snip);
    return KNOWN_MAYBE;
}

/* What the argument expression [a, b) evaluates to. */
static int classify_arg(const ctx *c, int scope, int a, int b, char *why,
                        size_t cap)
{
    const migrate_file *f = c->f;
    char snip[64];
    snippet(f, a, b, snip, sizeof snip);
    if (migrate_tok_is(f, a, "await")) {
        snprintf(why, cap,
                 "the argument is the result of an await, which may be a "
                 "Future or Task");
        return KNOWN_MAYBE;
    }
    const pytok_token *first = migrate_tok(f, a);
    int plain = first->type == PYTOK_NAME && !migrate_tok_is(f, a, "lambda");
    if (plain && migrate_tok_is(f, a + 1, "(") && f->match[a + 1] == b - 1) {
        return call_of_name(c, scope, a, snip, why, cap);
    }
    if (plain && migrate_tok_is(f, a + 1, ".") &&
        migrate_tok(f, a + 2)->type == PYTOK_NAME &&
        migrate_tok_is(f, a + 3, "(") && f->match[a + 3] == b - 1) {
        return call_of_attr(c, scope, a, a + 2, snip, why, cap);
    }
    if (migrate_tok_is(f, b - 1, ")") && f->match[b - 1] > a) {
        int o = f->match[b - 1];
        size_t nl;
        const char *name = tok_text(f, o - 1, &nl);
        if (migrate_tok(f, o - 1)->type == PYTOK_NAME &&
            migrate_tok_is(f, o - 2, ".") &&
            IN_TABLE(future_methods, name, nl)) {
            snprintf(why, cap,
                     "`%s` returns a Future or Task, not a coroutine "
                     "(create_task raises TypeError for one)", snip);
            return KNOWN_FUTURE;
        }
        snprintf(why, cap,
                 "`%s` is not known to be a coroutine function call; it may "
                 "return a Future or Task", snip);
        return KNOWN_MAYBE;
    }
    snprintf(why, cap,
             "`%s` may be a Future or Task (create_task raises TypeError "
             "for one)", snip);
    return KNOWN_MAYBE;
}

static int is_bracket_open(const migrate_file *f, int i)
{
    return migrate_tok_is(f, i, "(") || migrate_tok_is(f, i, "[") ||
           migrate_tok_is(f, i, "{");
}

static int add_site(ctx *c, int line, migrate_reason r, const char *why)
{
    migrate_plan *p = c->plan;
    if (p->nsites == c->site_cap) {
        int cap = c->site_cap ? c->site_cap * 2 : 16;
        migrate_site *s = realloc(p->sites, (size_t)cap * sizeof *s);
        if (!s) {
            return -1;
        }
        p->sites = s;
        c->site_cap = cap;
    }
    migrate_site *s = &p->sites[p->nsites++];
    s->line = line;
    s->reason = r;
    snprintf(s->why, sizeof s->why, "%s", why);
    return 0;
}

static int add_edit(ctx *c, size_t start, size_t end, const char *text)
{
    migrate_plan *p = c->plan;
    if (p->nedits == c->edit_cap) {
        int cap = c->edit_cap ? c->edit_cap * 2 : 16;
        migrate_edit *e = realloc(p->edits, (size_t)cap * sizeof *e);
        if (!e) {
            return -1;
        }
        p->edits = e;
        c->edit_cap = cap;
    }
    p->edits[p->nedits++] = (migrate_edit){ start, end, text };
    return 0;
}

/* Decides the fate of the call whose callee name is at [ct], whose
 * expression starts at [et] (the module alias for the attribute form). */
static migrate_reason classify_site(const ctx *c, int form, int ct, int et,
                                    char *why, size_t cap)
{
    const migrate_file *f = c->f;
    int scope = f->owner[ct];
    int open = ct + 1, close = f->match[ct + 1];
    int args[2][2], nargs = 0, kw = -1, star = 0, loop = 0;
    int start = open + 1;
    for (int j = open + 1; j <= close; j++) {
        if (j < close && is_bracket_open(f, j) && f->match[j] > j) {
            j = f->match[j];        /* skip a bracketed part */
            continue;
        }
        if (j < close && !migrate_tok_is(f, j, ",")) {
            continue;
        }
        if (j > start) {
            if (nargs < 2) {
                args[nargs][0] = start;
                args[nargs][1] = j;
            }
            nargs++;
            if (migrate_tok(f, start)->type == PYTOK_NAME &&
                migrate_tok_is(f, start + 1, "=")) {
                if (migrate_tok_is(f, start, "loop")) {
                    loop = 1;
                } else if (kw < 0) {
                    kw = start;
                }
            }
            if (migrate_tok_is(f, start, "*") ||
                migrate_tok_is(f, start, "**")) {
                star = 1;
            }
        }
        start = j + 1;
    }
    if (form == FORM_STAR) {
        snprintf(why, cap,
                 "ensure_future here may come from `from asyncio import *`;"
                 " import it by name to migrate this call");
        return MIGRATE_UNKNOWN;
    }
    if (loop) {
        snprintf(why, cap,
                 "passes loop= (create_task has no loop argument; "
                 "loop.create_task(...) is the equivalent)");
        return MIGRATE_LOOP;
    }
    if (nargs == 0) {
        snprintf(why, cap, "ensure_future is called without an argument");
        return MIGRATE_UNKNOWN;
    }
    if (star) {
        snprintf(why, cap, "passes unpacked arguments (* or **)");
        return MIGRATE_ARGS;
    }
    if (kw >= 0) {
        size_t len;
        const char *k = tok_text(f, kw, &len);
        snprintf(why, cap, "passes the keyword argument %.*s=", (int)len, k);
        return MIGRATE_ARGS;
    }
    if (nargs > 1) {
        snprintf(why, cap, "passes %d arguments; ensure_future takes one",
                 nargs);
        return MIGRATE_ARGS;
    }
    if (migrate_tok_is(f, et - 1, "await")) {
        snprintf(why, cap,
                 "the result is awaited directly, so create_task would add "
                 "nothing; `await` the argument itself instead");
        return MIGRATE_AWAITED;
    }
    int k = classify_arg(c, scope, args[0][0], args[0][1], why, cap);
    if (k == KNOWN_FUTURE) {
        return MIGRATE_FUTURE;
    }
    if (k == KNOWN_MAYBE) {
        return MIGRATE_MAYBE;
    }
    int fs = migrate_enclosing_func(f, scope);
    if (fs < 0 || f->scopes[fs].kind != MIGRATE_SCOPE_FUNC ||
        !f->scopes[fs].is_async) {
        snprintf(why, cap,
                 "not inside an async def: create_task needs a running event "
                 "loop, ensure_future does not");
        return MIGRATE_NOT_CORO;
    }
    if (form == FORM_BARE) {
        lookup l = look(f, scope, "create_task", 11);
        if (l.scope >= 0 && !is_from_asyncio(f, &l, "create_task")) {
            snprintf(why, cap,
                     "`create_task` already names something else here");
            return MIGRATE_UNKNOWN;
        }
    }
    return MIGRATE_REWRITE;
}

/* For a call at [i], the form in which it names ensure_future and the
 * start of its callee expression; -1 when [i] is not such a callee. */
static int site_form(const migrate_file *f, int i, int *et)
{
    if (migrate_tok(f, i)->type != PYTOK_NAME || f->in_import[i]) {
        return -1;
    }
    if (migrate_tok_is(f, i - 1, ".")) {
        if (!migrate_tok_is(f, i, "ensure_future") ||
            migrate_tok(f, i - 2)->type != PYTOK_NAME ||
            migrate_tok_is(f, i - 3, ".") ||
            !names_asyncio(f, f->owner[i - 2], i - 2)) {
            return -1;
        }
        *et = i - 2;
        return FORM_ATTR;
    }
    size_t len;
    const char *name = tok_text(f, i, &len);
    lookup l = look(f, f->owner[i], name, len);
    *et = i;
    if (is_from_asyncio(f, &l, "ensure_future")) {
        return FORM_BARE;
    }
    if (l.scope < 0 && migrate_tok_is(f, i, "ensure_future") &&
        star_from_asyncio(f)) {
        return FORM_STAR;
    }
    return -1;
}

/* Plans the import change for the names bound by `from asyncio import
 * ensure_future [as N]` in scope [s] named like token [nt]. */
static int fix_import(ctx *c, int s, int nt)
{
    const migrate_file *f = c->f;
    size_t len;
    const char *name = tok_text(f, nt, &len);
    int uses = 0, rewrites = 0, need = 0;
    for (int i = 0; i < f->nsig; i++) {
        if (!migrate_tok_name(f, i, name, len) || f->in_import[i] ||
            migrate_tok_is(f, i - 1, ".") ||
            migrate_resolve(f, f->owner[i], name, len) != s) {
            continue;
        }
        if (c->rewritten[i]) {
            rewrites++;
            lookup l = look(f, f->owner[i], "create_task", 11);
            if (l.scope < 0) {
                need = 1;
            }
        } else {
            uses++;
        }
    }
    if (rewrites == 0) {
        return 0;
    }
    for (int b = migrate_next_binding(f, s, name, len, 0); b >= 0;
         b = migrate_next_binding(f, s, name, len, b + 1)) {
        const migrate_binding *bd = &f->binds[b];
        if (bd->kind != MIGRATE_BIND_FROM) {
            continue;
        }
        size_t is = migrate_tok(f, bd->item_start)->start;
        size_t ie = migrate_tok(f, bd->item_end - 1)->end;
        int rc = 0;
        if (uses == 0 && need) {
            /* the import's only job is now create_task */
            rc = add_edit(c, is, ie, "create_task");
        } else if (uses > 0 && need) {
            size_t at = migrate_tok(f, bd->last_item_end - 1)->end;
            rc = add_edit(c, at, at, ", create_task");
        } else if (uses == 0 && migrate_tok_is(f, bd->item_end, ",")) {
            /* create_task is already imported: drop "ensure_future, " and,
             * when that empties its line, the whole line */
            size_t e = migrate_tok(f, bd->item_end)->end;
            while (e < f->len && (f->src[e] == ' ' || f->src[e] == '\t')) {
                e++;
            }
            size_t ls = is;
            while (ls > 0 && (f->src[ls - 1] == ' ' ||
                              f->src[ls - 1] == '\t')) {
                ls--;
            }
            if ((ls == 0 || f->src[ls - 1] == '\n') && e < f->len &&
                (f->src[e] == '\n' || f->src[e] == '\r')) {
                is = ls;
                e += f->src[e] == '\r' && e + 1 < f->len &&
                     f->src[e + 1] == '\n' ? 2 : 1;
            }
            rc = add_edit(c, is, e, "");
        } else if (uses == 0 && migrate_tok_is(f, bd->item_start - 1, ",")) {
            rc = add_edit(c, migrate_tok(f, bd->item_start - 1)->start, ie,
                          "");
        }
        if (rc < 0) {
            return -1;
        }
    }
    return 0;
}

static int cmp_edit(const void *a, const void *b)
{
    const migrate_edit *x = a, *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    return 0;
}

int migrate_plan_file(const char *path, const migrate_file *f,
                      migrate_plan *out)
{
    memset(out, 0, sizeof *out);
    ctx c = { path, f, out, 0, 0, calloc((size_t)f->nsig + 1, 1) };
    if (!c.rewritten) {
        return -1;
    }
    int rc = -1;
    for (int i = 0; i < f->nsig; i++) {
        int et;
        int form = site_form(f, i, &et);
        if (form < 0 || !migrate_tok_is(f, i + 1, "(") ||
            f->match[i + 1] < 0) {
            continue;
        }
        char why[320] = "";
        migrate_reason r = classify_site(&c, form, i, et, why, sizeof why);
        if (r == MIGRATE_REWRITE) {
            const pytok_token *t = migrate_tok(f, i);
            if (add_edit(&c, t->start, t->end, "create_task") < 0) {
                goto out;
            }
            c.rewritten[i] = 1;
        }
        if (add_site(&c, migrate_tok(f, et)->line, r, why) < 0) {
            goto out;
        }
    }
    /* One import fix per scope and name that rewritten bare calls used. */
    for (int b = 0; b < f->nbinds; b++) {
        const migrate_binding *bd = &f->binds[b];
        if (bd->kind != MIGRATE_BIND_FROM || bd->level != 0 ||
            !is_asyncio_name(bd->module) ||
            !same_str(bd->orig, "ensure_future")) {
            continue;
        }
        size_t len;
        const char *name = tok_text(f, bd->tok, &len);
        if (migrate_next_binding(f, bd->scope, name, len, 0) != b) {
            continue;   /* handled with the first binding of the name */
        }
        if (fix_import(&c, bd->scope, bd->tok) < 0) {
            goto out;
        }
    }
    if (out->nedits > 1) {
        qsort(out->edits, (size_t)out->nedits, sizeof *out->edits,
              cmp_edit);
    }
    rc = 0;
out:
    free(c.rewritten);
    return rc;
}

void migrate_plan_free(migrate_plan *plan)
{
    free(plan->sites);
    free(plan->edits);
    memset(plan, 0, sizeof *plan);
}
