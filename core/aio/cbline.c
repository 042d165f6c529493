/*
 * cbline.c - callback lines of the trace: "schedule", "run", "timer" and
 * "cancel_handle", and the text of a handle's callback.
 *
 * Mirrors format_helpers.py's _format_callback / _format_args_and_kwargs
 * (fmt_callable, format_cb_c, aio_format_cb), written the way TRACE.md
 * names callbacks, and holds the recorder's cache of line shapes
 * (aio_site and the site table in aio_t): most events are callback lines
 * that differ only in their numbers, recorded from those numbers once
 * their shape has been seen (emit_cb_quick, emit_cb_cached), with a memo
 * of float arguments' and due times' values.
 */
#include "aio_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

/* ==== Callback formatting for trace lines ============================== */

/* Appends [s] to [out] at *[n] ([size] bytes in all), truncated and
 * NUL-terminated as snprintf would: callbacks are formatted twice per
 * handle, and snprintf's format parsing cost more than the copy. */
static void put(char *out, size_t size, size_t *n, const char *s)
{
    size_t k = strlen(s);
    if (k > size - 1 - *n) {
        k = size - 1 - *n;
    }
    memcpy(out + *n, s, k);
    *n += k;
    out[*n] = 0;
}

/* "[a].[b]" into [out], as snprintf(out, size, "%s.%s", a, b). */
static void put_dotted(char *out, size_t size, const char *a, const char *b)
{
    size_t n = 0;
    put(out, size, &n, a);
    put(out, size, &n, ".");
    put(out, size, &n, b);
}

static const char *owner(vm_t *vm, obj_t *o, char *buf, size_t size)
{
    aio_t *a = aio_of(vm);
    if (obj_isinstance_t(o, a->t_loop)) {
        return "loop";
    }
    str_t *id = aio_lab_id(vm, o);
    if (id) {
        return id->s;
    }
    size_t n = 0;
    put(buf, size, &n, type_name(o));
    return buf;
}

/* A built-in method's name in trace lines: the task's wake-up is
 * "__wakeup" there (TRACE.md names callbacks as the reference recorder's
 * pure-Python Task does), though _asyncio calls it task_wakeup. */
static const char *trace_callable_name(vm_t *vm, native_t *n)
{
    aio_t *a = aio_of(vm);
    if (a->wakeup && n->fn == ((native_t *)a->wakeup)->fn) {
        return "__wakeup";
    }
    return n->name;
}

static void fmt_callable(vm_t *vm, obj_t *cb, char *out, size_t size)
{
    char buf[200];
    type_t *t = TYPE(cb);
    if (t == vm->t_partial) {
        tuple_t *args;
        obj_t *f = partial_parts(vm, cb, &args);
        char inner[400];
        fmt_callable(vm, f, inner, sizeof inner);
        snprintf(out, size, "partial(%s)", inner);
        return;
    }
    if (t == vm->t_method) {
        method_t *m = (method_t *)cb;
        obj_t *name = obj_getattr_opt(vm, m->func, vm->s.__name__);
        vm->exc = NULL;
        put_dotted(out, size, owner(vm, m->self, buf, sizeof buf),
                   name && TYPE(name) == vm->t_str ? ((str_t *)name)->s : "?");
        return;
    }
    if (t == vm->t_native) {
        native_t *n = (native_t *)cb;
        if (!n->self || TYPE(n->self) == vm->t_module) {
            size_t k = 0;
            put(out, size, &k, n->qualname ? n->qualname : n->name);
        } else {
            put_dotted(out, size, owner(vm, n->self, buf, sizeof buf),
                       trace_callable_name(vm, n));
        }
        return;
    }
    obj_t *qn = obj_getattr_opt(vm, cb, vm->s.__qualname__);
    vm->exc = NULL;
    size_t n = 0;
    if (qn && TYPE(qn) == vm->t_str && ((str_t *)qn)->len) {
        put(out, size, &n, ((str_t *)qn)->s);
        return;
    }
    put(out, size, &n, type_name(cb));
}

/* A growable C string that starts in its own array: a callback line is
 * formatted for every handle scheduled and run, and most fit in it
 * without a malloc. Not to be copied once initialised (s may point into
 * the struct). */
typedef struct cbuf {
    char *s;               /* small, or a malloc'd block */
    size_t len, cap;
    char small[256];
} cbuf_t;

static void cbuf_init(cbuf_t *b)
{
    b->s = b->small;
    b->len = 0;
    b->cap = sizeof b->small;
    b->s[0] = 0;
}

static void cbuf_fini(cbuf_t *b)
{
    if (b->s != b->small) {
        free(b->s);
    }
}

/* Appends [n] bytes at [s] to [b]. */
static void cat(cbuf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = b->s == b->small ? malloc(cap) : realloc(b->s, cap);
        if (!p) {
            abort();
        }
        if (b->s == b->small) {
            memcpy(p, b->small, b->len + 1);
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

/* Where format_cb_c writes: the trace event being built when t is set
 * (its numbers handed over as numbers, not printed and scanned back),
 * else the cbuf. */
typedef struct cb_out {
    trace_t *t;
    cbuf_t *b;
} cb_out_t;

static void out_text(cb_out_t *o, const char *s, size_t n)
{
    if (o->t) {
        trace_text(o->t, s, n);
    } else {
        cat(o->b, s, n);
    }
}

/* [s] is a literal of this file: no digit or line break. */
static void out_plain(cb_out_t *o, const char *s, size_t n)
{
    if (o->t) {
        trace_plain(o->t, s, n);
    } else {
        cat(o->b, s, n);
    }
}

static void out_int(cb_out_t *o, int64_t v)
{
    if (o->t) {
        trace_int(o->t, v);
    } else {
        char d[24];
        cat(o->b, d, fmt_i64(v, d));
    }
}

/* "callable arg..." (TRACE.md "Callbacks") written to [o]: built
 * without Python objects, as it runs for every queued handle. */
static void format_cb_c(vm_t *vm, obj_t *cb, tuple_t *args, cb_out_t *o)
{
    aio_t *a = aio_of(vm);
    native_t *n = (native_t *)cb;
    str_t *id;
    if (TYPE(cb) == vm->t_native && n->self &&
        (TYPE(n->self) == a->t_task || TYPE(n->self) == a->t_future) &&
        aio_fut_named((aio_future_t *)n->self)) {
        // A task's own step or wake-up, or a future's method, the
        // commonest callbacks of all: what fmt_callable would write,
        // "Task-1.__step".
        const char *nm = trace_callable_name(vm, n);
        if (o->t) {
            aio_trace_id(o->t, (aio_future_t *)n->self);
        } else {
            id = aio_lab_id(vm, n->self);
            cat(o->b, id->s, id->len);
        }
        out_plain(o, ".", 1);
        out_text(o, nm, strlen(nm));
    } else if (TYPE(cb) == vm->t_func && ((func_t *)cb)->qualname->len) {
        // A function's __qualname__ is a field that its instance dict
        // cannot shadow: fmt_callable's getattr, read directly.
        str_t *qn = ((func_t *)cb)->qualname;
        if (o->t) {
            aio_trace_str(o->t, qn);
        } else {
            cat(o->b, qn->s, qn->len);
        }
    } else {
        char head[600];
        fmt_callable(vm, cb, head, sizeof head);
        out_text(o, head, strlen(head));
    }
    obj_t *saved = vm->exc;
    vm->exc = NULL;
    for (size_t i = 0; args && i < args->n; i++) {
        obj_t *x = args->items[i];
        out_plain(o, " ", 1);
        // An exact int or float is written here as int_repr / float_repr
        // would (the same digits, the same fmt_float_repr), without a str
        // per argument: this runs twice for every handle. Built-in types
        // cannot be patched, subclasses may override __repr__ and bool's
        // repr is True / False, so only the exact types take this path.
        if (TYPE(x) == vm->t_int) {
            out_int(o, OBJ_INT(x));
            continue;
        }
        if (TYPE(x) == vm->t_float) {
            char d[40];
            fmt_float_repr(OBJ_FLOAT(x), d, sizeof d);
            out_text(o, d, strlen(d));
            continue;
        }
        if (o->t && aio_is_future(vm, x) && aio_fut_named(FUT(x))) {
            aio_trace_id(o->t, (aio_future_t *)x);
            continue;
        }
        id = aio_lab_id(vm, x);
        if (id) {
            out_text(o, id->s, id->len);
            continue;
        }
        str_t *r = obj_repr(vm, x);
        if (!r) {
            obj_t *e = vm_take_exc(vm);
            char tmp[200];
            snprintf(tmp, sizeof tmp, "<repr failed: %s>", type_name(e));
            out_text(o, tmp, strlen(tmp));
        } else {
            out_text(o, r->s, r->len);
        }
    }
    vm->exc = saved;
}

str_t *aio_format_cb(vm_t *vm, obj_t *cb, tuple_t *args)
{
    cbuf_t b;
    cbuf_init(&b);
    cb_out_t o = {NULL, &b};
    format_cb_c(vm, cb, args, &o);
    str_t *r = str_cstr(vm, b.s);
    cbuf_fini(&b);
    return r;
}

/* Whether format_cb_c writes [cb] and [args] without running any Python
 * code (no getattr, no __repr__): only then may it write into a trace
 * event being built, since Python code could record events of its own
 * (a print, a future) in the middle of it. */
static bool cb_is_plain(vm_t *vm, obj_t *cb, tuple_t *args)
{
    aio_t *a = aio_of(vm);
    native_t *n = (native_t *)cb;
    if (!(TYPE(cb) == vm->t_native && n->self &&
          (TYPE(n->self) == a->t_task || TYPE(n->self) == a->t_future) &&
          aio_fut_named((aio_future_t *)n->self)) &&
        !(TYPE(cb) == vm->t_func && ((func_t *)cb)->qualname->len)) {
        return false;
    }
    for (size_t i = 0; args && i < args->n; i++) {
        obj_t *x = args->items[i];
        if (TYPE(x) != vm->t_int && TYPE(x) != vm->t_float &&
            !(aio_is_future(vm, x) && aio_fut_named(FUT(x)))) {
            return false;
        }
    }
    return true;
}

void aio_mark_sites(vm_t *vm, aio_t *a)
{
    for (size_t i = 0; i < AIO_CB_SITES; i++) {
        uint32_t what = a->sites[i].shape & 3;
        if (a->sites[i].kind && (what == AIO_SITE_FUNC ||
                                 what == AIO_SITE_SUSPEND)) {
            gc_mark(vm, (obj_t *)a->sites[i].key);
        }
    }
}

void aio_site_set(aio_t *a, aio_cb_site_t *site, const char *kind,
                  const void *key, uint32_t shape, uint32_t tmpl)
{
    // site is the first of its pair (aio_site): the shape there moves
    // to the second slot, and the one that was there goes.
    if (site[1].kind) {
        trace_unkeep(a->trace, site[1].tmpl);
        if (site[1].run_tmpl && site[1].run_tmpl != AIO_RUN_NONE) {
            trace_unkeep(a->trace, site[1].run_tmpl - 1);
        }
    }
    site[1] = site[0];
    // A gen is never 0 (a handle's "none"): the count starts at 1. Past
    // 2**32 / AIO_CB_SITES entries gens would come round again and could
    // name another entry: new ones get 0 then, and handles the usual way.
    uint32_t gen = 0;
    if (a->sites_made < UINT32_MAX / AIO_CB_SITES - 1) {
        gen = ++a->sites_made * AIO_CB_SITES + (uint32_t)(site - a->sites);
    }
    site[0] = (aio_cb_site_t){kind, key, shape, tmpl, gen, 0};
}

/* Splits [s], a decimal "D.F" (D at most 15 digits, no leading zero but
 * "0"; F at most 30 digits), into the record values of its two digit
 * runs, appended at vals[*nv]; returns the number of F's values (1 or
 * 2), or 0 when [s] is not of that form (a sign, an exponent, inf). */
static int decimal_values(const char *s, uint64_t *vals, size_t *nv)
{
    const char *dot = strchr(s, '.');
    if (!dot || dot == s || dot - s > 15 || (s[0] == '0' && dot - s > 1)) {
        return 0;
    }
    size_t fl = strlen(dot + 1);
    if (fl == 0 || fl > 30) {
        return 0;
    }
    for (const char *p = s; *p; p++) {
        if (p != dot && (*p < '0' || *p > '9')) {
            return 0;
        }
    }
    *nv += trace_digit_values(s, (size_t)(dot - s), vals + *nv);
    size_t k = trace_digit_values(dot + 1, fl, vals + *nv);
    *nv += k;
    return (int)k;
}

/* The values of "I.F" for an integer part below 10**15 and [fl] digits
 * of [fp]: what decimal_values makes of the text. */
static int plain_values(uint64_t ip, uint64_t fp, int fl, uint64_t *vals,
                        size_t *nv)
{
    vals[(*nv)++] = ip << 1;   /* one run, no leading zero */
    size_t k = trace_number_values(fp, (size_t)fl, vals + *nv);
    *nv += k;
    return (int)k;
}

/* The memo's pair of entries where x's values of [tag] (0
 * float_values, 0x80 due_values) are or go; NULL when there is no memo
 * (out of memory). A pair, as the few values a program uses may still
 * meet in a slot, and evicting each other there is a miss every time. */
static aio_float_memo_t *memo_slot(aio_t *a, double x, int tag,
                                   uint64_t *bits)
{
    memcpy(bits, &x, sizeof *bits);
    if (!a->fmemo) {
        a->fmemo = calloc(AIO_FLOAT_MEMO, sizeof *a->fmemo);
        if (!a->fmemo) {
            return NULL;
        }
    }
    // Fibonacci hashing: the product's top bits depend on every bit of
    // the key (the exponent's too) once the high half is folded in.
    uint64_t h = (*bits ^ *bits >> 29) * 0x9e3779b97f4a7c15u;
    size_t i = (size_t)(h >> (64 - AIO_FLOAT_MEMO_BITS));
    return &a->fmemo[(i ^ (tag ? AIO_FLOAT_MEMO / 2 : 0)) & ~(size_t)1];
}

/* Appends the values memo pair [m] holds for x of [tag]: returns their
 * kind without the tag, or 0 when it holds none. */
static int memo_get(const aio_float_memo_t *m, uint64_t bits, int tag,
                    uint64_t *vals, size_t *nv)
{
    for (int j = 0; m && j < 2; j++) {
        if (m[j].kind && m[j].bits == bits && (m[j].kind & 0x80) == tag) {
            memcpy(vals + *nv, m[j].vals, m[j].n * sizeof *vals);
            *nv += m[j].n;
            return m[j].kind & 0x7f;
        }
    }
    return 0;
}

/* Keeps in pair [m] the values vals[start..nv) a function of [tag]
 * gave x, with its result [k] (not 0); the pair's first entry moves to
 * the second. */
static void memo_put(aio_float_memo_t *m, uint64_t bits, int tag, int k,
                     const uint64_t *vals, size_t start, size_t nv)
{
    if (m && k > 0 && k < 0x80 && nv - start <= 3) {
        m[1] = m[0];
        m->bits = bits;
        m->kind = (uint8_t)(tag | k);
        m->n = (uint8_t)(nv - start);
        memcpy(m->vals, vals + start, m->n * sizeof *vals);
    }
}

/* decimal_values of repr(x), written to [repr] (or left empty: "" when
 * the digits came as numbers from fmt_float_plain or the memo, and the
 * first event of a shape then formats them), at [out]; *k gets the count
 * of F's values. Returns how many values it wrote (0: not of that form,
 * or [repr] is NULL and the text was needed). The count comes back as
 * the result so that the caller's own stays in a register. */
static size_t float_values(aio_t *a, double x, char *repr, size_t size,
                           uint64_t *out, int *k)
{
    uint64_t ip, fp, bits;
    int fl;
    size_t n = 0;
    if (repr) {
        repr[0] = '\0';
    }
    aio_float_memo_t *m = memo_slot(a, x, 0, &bits);
    *k = memo_get(m, bits, 0, out, &n);
    if (*k) {
        return n;
    }
    if (fmt_float_plain(x, &ip, &fp, &fl) && ip < 1000000000000000u) {
        *k = plain_values(ip, fp, fl, out, &n);
    } else if (!repr) {
        return 0;
    } else {
        fmt_float_repr(x, repr, size);
        *k = decimal_values(repr, out, &n);
    }
    memo_put(m, bits, 0, *k, out, 0, n);
    return *k ? n : 0;
}

/* A timer's due time as the values of its %.6f digits, written at [out];
 * to [prefix] only when fmt_float_micros declines. Returns how many
 * values it wrote, 0 when the text is not of that form or [prefix] is
 * NULL and the text was needed. */
static size_t due_values(aio_t *a, double when, char *prefix, size_t size,
                         uint64_t *out)
{
    uint64_t bits, us;
    size_t n = 0;
    aio_float_memo_t *m = memo_slot(a, when, 0x80, &bits);
    if (memo_get(m, bits, 0x80, out, &n)) {
        return n;
    }
    if (fmt_float_micros(when, &us)) {   /* us < 2**43 * 10**6 */
        plain_values(us / 1000000u, us % 1000000u, 6, out, &n);
    } else if (!prefix) {
        return 0;
    } else {
        fmt_float_fixed6(when, prefix, size);
        if (decimal_values(prefix, out, &n) != 1) {
            return 0;
        }
    }
    memo_put(m, bits, 0x80, 1, out, 0, n);
    return n;
}

/* The reprs of argument kinds 4 to 6. */
static const char *const const_reprs[] = {[4] = "None", [5] = "True",
                                          [6] = "False"};
/* The key of callback [cb] in a kept shape, and the shape's low bits:
 * a function's __qualname__ without digits (not yet checked for a
 * built-in method's name: that is done before it gets a site), and a
 * Future's or Task's method, whose id's number goes first at
 * out[*n]. NULL when no kept shape takes cb (a partial is the
 * caller's to unwrap). */
static inline const void *cb_key(vm_t *vm, aio_t *a, obj_t *cb,
                                 uint32_t *shape, uint64_t *out, size_t *n)
{
    if (TYPE(cb) == vm->t_func) {
        str_t *qn = ((func_t *)cb)->qualname;
        if (!qn->len || !aio_str_is_plain(qn)) {
            return NULL;
        }
        *shape = AIO_SITE_FUNC;
        return qn;
    }
    native_t *nt = (native_t *)cb;
    if (TYPE(cb) != vm->t_native || !nt->self ||
        (TYPE(nt->self) != a->t_task && TYPE(nt->self) != a->t_future) ||
        !FUT(nt->self)->lab_n) {
        return NULL;
    }
    uint32_t lab_n = FUT(nt->self)->lab_n;
    *shape = lab_n & 1 ? AIO_SITE_TASK_METHOD : AIO_SITE_FUTURE_METHOD;
    out[(*n)++] = (uint64_t)(lab_n >> 1) << 1;
    return trace_callable_name(vm, nt);
}

/* An argument of a kept shape: -1 when no kept shape takes it, 0 for a
 * float (the caller's), else 1 | its value count << 1 | its kind << 2 |
 * a Task's bit << 5, its value (if any) at *out. Kinds: an exact int
 * from 0 to 10**15 0 (the commonest, first); None 4, True 5, False 6; a
 * future or task named "Future-N" or "Task-N" (a wake-up's argument) 3.
 * Coded in the result, not through pointers, so that the callers'
 * counters stay in registers. */
static inline int future_code(const obj_t *x, uint64_t *out)
{
    *out = (uint64_t)(FUT(x)->lab_n >> 1) << 1;
    return 1 | 1 << 1 | 3 << 2 | (int)(FUT(x)->lab_n & 1) << 5;
}

/* arg_code for the arguments told by tests alone, without a call (an
 * exact Future or Task, not a subclass): -1 for anything else, which
 * arg_code goes on to tell. */
static inline int plain_arg_code(vm_t *vm, const aio_t *a, obj_t *x,
                                 uint64_t *out)
{
    if (TYPE(x) == vm->t_int &&
        (uint64_t)OBJ_INT(x) < 1000000000000000u) {   /* negatives too */
        *out = (uint64_t)OBJ_INT(x) << 1;
        return 1 | 1 << 1;
    }
    if (x == vm->none || x == vm->true_ || x == vm->false_) {
        return 1 | (x == vm->none ? 4 : x == vm->true_ ? 5 : 6) << 2;
    }
    if ((TYPE(x) == a->t_future || TYPE(x) == a->t_task) && FUT(x)->lab_n) {
        return future_code(x, out);
    }
    return -1;
}

static inline int arg_code(vm_t *vm, obj_t *x, uint64_t *out)
{
    int c = plain_arg_code(vm, aio_of(vm), x, out);
    if (c >= 0) {
        return c;
    }
    if (TYPE(x) == vm->t_float) {
        return 0;
    }
    if (!aio_is_future(vm, x) || !FUT(x)->lab_n) {
        return -1;
    }
    return future_code(x, out);
}

/* Keeps in [h] (when not NULL) the record bytes of values vals[0, n),
 * the part of its line that its "run" line repeats; line_len stays 0
 * when they do not fit. */
static inline void line_keep(aio_handle_t *h, const uint64_t *vals,
                             size_t n)
{
    if (!h) {
        return;
    }
    unsigned char buf[10 * 24 + TRACE_BYTES_COPY];
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        len += trace_put_varint(buf + len, vals[k]);
    }
    if (len <= sizeof h->line) {
        memcpy(h->line, buf, sizeof h->line);
        h->line_len = (uint8_t)len;
    }
}

/* The end of both of aio_emit_cb_quick's ways: the site entry of
 * [shape] when the table holds it (else NULL, nothing recorded), the
 * record written from vals[0, nv), and the values past the first
 * [nprefix] (a due time's) kept in [h] as they are written, for its
 * "run" line to copy back. Inline: the plain way's count of the prefix
 * is a constant 0. */
static inline __attribute__((always_inline)) aio_cb_site_t *
quick_emit(aio_t *a, trace_t *trace, const char *kind, const void *key,
           uint32_t shape, const uint64_t *vals, size_t nv, size_t nprefix,
           aio_handle_t *h)
{
    aio_cb_site_t *site = aio_site(a, kind, key, shape);
    if (!aio_site_is(site, kind, key, shape)) {
        return NULL;
    }
    if (!h) {
        trace_emit_kept_values(trace, site->tmpl, vals, nv);
        return site;
    }
    size_t len = trace_emit_kept_copy(trace, site->tmpl, vals, nv, nprefix,
                                      h->line);
    if (len <= sizeof h->line) {
        h->line_len = (uint8_t)len;
    } else if (len == (size_t)-1) {
        // Written out of line (a group's last event): encoded apart.
        line_keep(h, vals + nprefix, nv - nprefix);
    }
    return site;
}

/* aio_emit_cb_quick for the lines its plain way leaves: a due time, a
 * float argument (their values come from the memo or the numeric
 * formatters), more than three arguments, or a future of a subclass. */
static __attribute__((noinline)) aio_cb_site_t *
quick_numbers(vm_t *vm, trace_t *trace, const char *kind, const double *when,
              obj_t *cb, tuple_t *args, aio_handle_t *h)
{
    aio_t *a = aio_of(vm);
    size_t nargs = args ? args->n : 0;
    uint64_t vals[24];
    size_t nv = 0;
    uint32_t shape, kinds = 0, tasks = 0;
    if (nargs > 6) {
        return NULL;
    }
    if (when && (nv = due_values(a, *when, NULL, 0, vals)) == 0) {
        return NULL;
    }
    size_t nprefix = nv;
    const void *key = cb_key(vm, a, cb, &shape, vals, &nv);
    if (!key) {
        return NULL;
    }
    for (size_t i = 0; i < nargs; i++) {
        obj_t *x = args->items[i];
        int c = arg_code(vm, x, vals + nv);
        if (c < 0) {
            return NULL;
        }
        if (c == 0) {
            int k;
            size_t n = float_values(a, OBJ_FLOAT(x), NULL, 0, vals + nv, &k);
            if (n == 0) {
                return NULL;
            }
            nv += n;
            kinds |= (uint32_t)k << (3 * i);
            continue;
        }
        nv += (size_t)(c >> 1 & 1);
        kinds |= (uint32_t)(c >> 2 & 7) << (3 * i);
        tasks |= (uint32_t)(c >> 5 & 1) << i;
    }
    shape |= (uint32_t)nargs << 2 | (uint32_t)(when != NULL) << 5 |
             kinds << 6 | tasks << 24;
    return quick_emit(a, trace, kind, key, shape, vals, nv, nprefix, h);
}

/* emit_cb_cached's commonest case on a short path of its own (a
 * function of its own, so that the common way does not pay the rest's
 * stack frame): the shape kept already, no partial, and no float or due
 * time whose text the memo and the numeric formatters cannot give.
 * Returns the entry, NULL when it is not that case (aio_emit_cb_other
 * then does all of it). Its plain way, up to three arguments each an
 * exact int, None, True, False or an exact Future or Task, calls
 * nothing, so its loop keeps its values in registers; quick_numbers
 * takes the rest. */
aio_cb_site_t *aio_emit_cb_quick(vm_t *vm, trace_t *trace, const char *kind,
                                 const double *when, obj_t *cb,
                                 tuple_t *args, aio_handle_t *h)
{
    size_t nargs = args ? args->n : 0;
    if (when || nargs > 3) {
        return quick_numbers(vm, trace, kind, when, cb, args, h);
    }
    aio_t *a = aio_of(vm);
    uint64_t vals[4];
    size_t nv = 0;
    uint32_t shape, kinds = 0, tasks = 0;
    const void *key = cb_key(vm, a, cb, &shape, vals, &nv);
    if (!key) {
        return NULL;
    }
    for (size_t i = 0; i < nargs; i++) {
        // plain_arg_code's first case, tested here too: an int's kind is
        // 0, so the counters need no update for the commonest argument
        // (~12 instructions a call_soon line of two ints).
        obj_t *x = args->items[i];
        if (TYPE(x) == vm->t_int &&
            (uint64_t)OBJ_INT(x) < 1000000000000000u) {
            vals[nv++] = (uint64_t)OBJ_INT(x) << 1;
            continue;
        }
        int c = plain_arg_code(vm, a, x, vals + nv);
        if (c < 0) {
            return quick_numbers(vm, trace, kind, when, cb, args, h);
        }
        nv += (size_t)(c >> 1 & 1);
        kinds |= (uint32_t)(c >> 2 & 7) << (3 * i);
        tasks |= (uint32_t)(c >> 5 & 1) << i;
    }
    shape |= (uint32_t)nargs << 2 | kinds << 6 | tasks << 24;
    return quick_emit(a, trace, kind, key, shape, vals, nv, 0, h);
}

/* The callback lines most events are, "run Task-3.__step",
 * "schedule Future-7.set_result 6", "run main.<locals>.step 10 0",
 * "timer 0.009190 main.<locals>.fire 1 0.00919", recorded from their
 * numbers alone once their shape has been seen: a function whose
 * __qualname__ holds no digit (or a functools.partial of one: bit 30 of
 * the shape), or a future's or task's built-in method
 * (its id "Future-N" or "Task-N", its name without a digit), with exact
 * ints from 0 to 10**15, floats whose repr is a plain "D.F", None, True,
 * False, and futures and tasks named "Future-N" or "Task-N" ("run
 * Task-2.__wakeup Future-5") as arguments, after a [prefix] (a timer's
 * due time) of the float form; it returns the entry (NULL: anything
 * else, which is formatted). The
 * first event of a shape is built in parts and its template kept, in a
 * slot of a->sites found from the shape: the kind of key, the argument
 * count, whether there is a prefix and each argument's kind in 3 bits
 * (int; a float whose digits after the point take one or two values; a
 * future, with a bit for a task; None, True, False). */
static aio_cb_site_t *emit_cb_cached(vm_t *vm, trace_t *trace,
                                     const char *kind, const double *when,
                                     obj_t *cb, tuple_t *args,
                                     aio_handle_t *h)
{
    aio_t *a = aio_of(vm);
    size_t nargs = args ? args->n : 0;
    uint64_t vals[24];
    char reprs[6][40];
    char prefix[64];
    size_t nv = 0;
    prefix[0] = '\0';
    if (nargs > 6) {
        return NULL;
    }
    if (when &&
        (nv = due_values(a, *when, prefix, sizeof prefix, vals)) == 0) {
        return NULL;
    }
    // functools.partial of a function: written "partial(QUALNAME)", as
    // fmt_callable does (the partial's own arguments are not shown);
    // wait_for's _release_waiter is one.
    bool partial = false;
    if (TYPE(cb) == vm->t_partial) {
        tuple_t *pargs;
        cb = partial_parts(vm, cb, &pargs);
        partial = true;
        if (TYPE(cb) != vm->t_func) {
            return NULL;
        }
    }
    uint32_t shape;
    size_t nprefix = nv;
    const void *key = cb_key(vm, a, cb, &shape, vals, &nv);
    if (!key) {
        return NULL;
    }
    shape |= (uint32_t)partial << 30;
    const aio_future_t *f = NULL;
    const char *nm = NULL;
    if (TYPE(cb) == vm->t_native) {
        f = FUT(((native_t *)cb)->self);
        nm = key;
    }
    uint32_t kinds = 0, tasks = 0;
    for (size_t i = 0; i < nargs; i++) {
        obj_t *x = args->items[i];
        int c = arg_code(vm, x, vals + nv);
        if (c < 0) {
            return NULL;
        }
        if (c > 0) {
            nv += (size_t)(c >> 1 & 1);
            kinds |= (uint32_t)(c >> 2 & 7) << (3 * i);
            tasks |= (uint32_t)(c >> 5 & 1) << i;
            continue;
        }
        int k;
        size_t n = float_values(a, OBJ_FLOAT(x), reprs[i], sizeof reprs[i],
                                vals + nv, &k);
        if (n == 0) {
            return NULL;
        }
        nv += n;
        kinds |= (uint32_t)k << (3 * i);
    }
    shape |= (uint32_t)nargs << 2 | (uint32_t)(when != NULL) << 5 |
             kinds << 6 | tasks << 24;
    aio_cb_site_t *site = aio_site(a, kind, key, shape);
    if (aio_site_is(site, kind, key, shape)) {
        trace_emit_kept_values(trace, site->tmpl, vals, nv);
        line_keep(h, vals + nprefix, nv - nprefix);
        return site;
    }
    if (nm && !aio_text_is_plain(nm, strlen(nm))) {
        return NULL;
    }
    // fmt_callable writes a partial's qualname as a C string into 400
    // bytes: only what it would write whole.
    str_t *qn = f ? NULL : (str_t *)key;
    if (partial && (qn->len > 300 || strlen(qn->s) != qn->len)) {
        return NULL;
    }
    trace_begin(trace, kind);
    trace_plain(trace, " ", 1);
    if (when) {
        if (!prefix[0]) {
            fmt_float_fixed6(*when, prefix, sizeof prefix);
        }
        trace_text(trace, prefix, strlen(prefix));
        trace_plain(trace, " ", 1);
    }
    if (f) {
        aio_trace_id(trace, f);
        trace_plain(trace, ".", 1);
        trace_plain(trace, nm, strlen(nm));
    } else if (partial) {
        trace_plain(trace, "partial(", 8);
        trace_plain(trace, qn->s, qn->len);
        trace_plain(trace, ")", 1);
    } else {
        trace_plain(trace, qn->s, qn->len);
    }
    for (size_t i = 0; i < nargs; i++) {
        obj_t *x = args->items[i];
        trace_plain(trace, " ", 1);
        if (TYPE(x) == vm->t_int) {
            trace_uint(trace, (uint64_t)OBJ_INT(x));
        } else if (TYPE(x) == vm->t_float) {
            if (!reprs[i][0]) {
                fmt_float_repr(OBJ_FLOAT(x), reprs[i], sizeof reprs[i]);
            }
            trace_text(trace, reprs[i], strlen(reprs[i]));
        } else if ((kinds >> (3 * i) & 7) >= 4) {
            const char *r = const_reprs[kinds >> (3 * i) & 7];
            trace_plain(trace, r, strlen(r));
        } else {
            aio_trace_id(trace, FUT(x));
        }
    }
    aio_site_set(a, site, kind, key, shape, trace_end_keep(trace));
    line_keep(h, vals + nprefix, nv - nprefix);
    return site;
}

aio_cb_site_t *aio_emit_cb_other(vm_t *vm, trace_t *trace,
                                 const char *kind, const double *when,
                                 obj_t *cb, tuple_t *args, aio_handle_t *h)
{
    aio_cb_site_t *site = emit_cb_cached(vm, trace, kind, when, cb, args, h);
    if (site) {
        return site;
    }
    char w[64];
    const char *prefix = NULL;
    if (when) {
        fmt_float_fixed6(*when, w, sizeof w);
        prefix = w;
    }
    if (!cb_is_plain(vm, cb, args)) {
        // Formatted whole first: the event is recorded after whatever
        // the reprs recorded.
        cbuf_t b;
        cbuf_init(&b);
        cb_out_t o = {NULL, &b};
        if (prefix) {
            cat(&b, prefix, strlen(prefix));
            cat(&b, " ", 1);
        }
        format_cb_c(vm, cb, args, &o);
        trace_emitn(trace, kind, b.s, b.len);
        cbuf_fini(&b);
        return NULL;
    }
    trace_begin(trace, kind);
    trace_plain(trace, " ", 1);
    if (prefix) {
        trace_text(trace, prefix, strlen(prefix));
        trace_plain(trace, " ", 1);
    }
    cb_out_t o = {trace, NULL};
    format_cb_c(vm, cb, args, &o);
    trace_end(trace);
    return NULL;
}

/* run_kept's float argument [x] of kind [k]: its values at [out] and
 * their count, 0 if it is not of that kind. Apart, so that lines of
 * ints keep run_kept as lean as before. */
static __attribute__((noinline)) size_t run_float(vm_t *vm, obj_t *x,
                                                  uint32_t k, uint64_t *out)
{
    char repr[40];
    int fk;
    size_t n = float_values(aio_of(vm), OBJ_FLOAT(x), repr, sizeof repr,
                            out, &fk);
    return (uint32_t)fk == k ? n : 0;
}

/* A handle's "run" line through the template its first line's site
 * entry [s] keeps (only for shapes run_takes: no partial), when the
 * handle kept no copy of that line's values (aio_emit_cb_run's way): its
 * values
 * read from the callback and arguments without emit_cb_cached's tests,
 * as they are the objects the first line was made from, and nothing of
 * them the shape records can change (ints, floats, None, True and False
 * are immutable, a future's id is set once, a bound method's self is
 * read-only). A float's values come from float_values, as for the first
 * line (most from its memo: a timer's "run" follows its "timer"). Only a
 * function's key is read again, as its __qualname__ may have been set
 * meanwhile. false, having recorded nothing, when it was. */
static inline bool run_kept(vm_t *vm, trace_t *t, const aio_cb_site_t *s,
                            const aio_handle_t *h)
{
    uint64_t vals[24];
    size_t nv = 0;
    uint32_t shape = s->shape;
    obj_t *cb = h->callback;
    const void *key;
    if ((shape & 3) == AIO_SITE_FUNC) {
        key = ((func_t *)cb)->qualname;
    } else {
        native_t *nt = (native_t *)cb;
        vals[nv++] = (uint64_t)(FUT(nt->self)->lab_n >> 1) << 1;
        key = trace_callable_name(vm, nt);
    }
    if (key != s->key) {
        return false;
    }
    size_t nargs = shape >> 2 & 7;
    if (nargs != (h->args ? h->args->n : 0)) {
        return false;   /* not this handle's entry: never, by the gen */
    }
    uint32_t kinds = shape >> 6;
    for (size_t i = 0; i < nargs; i++, kinds >>= 3) {
        obj_t *x = h->args->items[i];
        uint32_t k = kinds & 7;   /* 0 to 3, or 4 to 6 (no value) */
        if (k == 0) {
            vals[nv++] = (uint64_t)OBJ_INT(x) << 1;
        } else if (k == 3) {
            vals[nv++] = (uint64_t)(FUT(x)->lab_n >> 1) << 1;
        } else if (k == 1 || k == 2) {
            size_t n = run_float(vm, x, k, vals + nv);
            if (n == 0) {
                return false;
            }
            nv += n;
        }
    }
    trace_emit_kept_values(t, s->run_tmpl - 1, vals, nv);
    return true;
}

/* Whether run_kept takes lines of [shape]: no partial (its callable is
 * the partial's function, which run_kept does not unwrap). */
static bool run_takes(uint32_t shape)
{
    return !(shape >> 30 & 1);
}

/* aio_emit_cb_run's other way: the line as any callback line, and the
 * first "run" of a site entry's shape gives the entry its template
 * (when the entry is still there, recording having possibly replaced
 * it, and the line is of its shape: not if __qualname__ changed). */
static void run_other(vm_t *vm, trace_t *t, aio_handle_t *h,
                      aio_cb_site_t *s, uint32_t g)
{
    aio_cb_site_t *r = aio_emit_cb_quick(vm, t, "run", NULL, h->callback,
                                         h->args, NULL);
    if (!r) {
        r = aio_emit_cb_other(vm, t, "run", NULL, h->callback, h->args,
                              NULL);
    }
    if (s && r && s->gen == g && !s->run_tmpl && r->key == s->key &&
        r->shape == (s->shape & ~(1u << 5))) {
        if (run_takes(r->shape)) {
            s->run_tmpl = r->tmpl + 1;
            trace_keep(t, r->tmpl);
        } else {
            s->run_tmpl = AIO_RUN_NONE;
        }
    }
}

void aio_emit_cb_run_traced(vm_t *vm, trace_t *t, aio_handle_t *h)
{
    aio_t *a = aio_of(vm);
    // The entry of the handle's first line, if it is still in the table.
    uint32_t g = h->line_site;
    aio_cb_site_t *s = aio_site_of_gen(a, g);
    if (s && s->run_tmpl && s->run_tmpl != AIO_RUN_NONE &&
        run_kept(vm, t, s, h)) {
        return;
    }
    run_other(vm, t, h, s, g);
}
