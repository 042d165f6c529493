/*
 * builtins.c - the builtins module (mirrors Python/bltinmodule.c for the
 * functions a learner's program uses) and the lazy iterators enumerate,
 * zip, map, filter and reversed.
 *
 * Deliberately absent, as the sandbox requires: open, input, exec, eval,
 * compile, __import__ and breakpoint. Using them raises NameError, as
 * CPython does for any unknown name.
 */
#include "obj_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"

#define NATIVE(name)                                                        \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)

/* ---- Lazy iterators ----------------------------------------------------- */

typedef struct lazy {
    obj_t hdr;
    obj_t *f;          /* map / filter function, or NULL */
    obj_t *it;         /* the iterator (enumerate, filter, reversed seq) */
    tuple_t *its;      /* zip / map iterators */
    int64_t i;         /* enumerate count / reversed index */
    bool strict;
} lazy_t;

static void lazy_mark(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    gc_mark(vm, l->f);
    gc_mark(vm, l->it);
    gc_mark(vm, (obj_t *)l->its);
}

static obj_t *lazy_iter(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

static obj_t *enumerate_next(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    obj_t *x = obj_next(vm, l->it);
    if (!x) {
        return NULL;
    }
    return (obj_t *)tuple_pack(vm, 2, int_new(vm, l->i++), x);
}

static obj_t *zip_next(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    size_t n = l->its->n;
    if (n == 0) {
        return NULL;
    }
    tuple_t *t = tuple_new(vm, n);
    vm_pin(vm, (obj_t *)((obj_t *)t));
    for (size_t i = 0; i < n; i++) {
        obj_t *x = obj_next(vm, l->its->items[i]);
        if (!x) {
            vm->nextra--;
            if (!vm->exc && l->strict && i > 0) {
                return vm_raise(vm, EXC_ValueError,
                                "zip() argument %zu is shorter than argument"
                                "%s%zu", i + 1, i == 1 ? " " : "s 1-", i);
            }
            if (!vm->exc && l->strict && i == 0) {
                for (size_t j = 1; j < n; j++) {
                    obj_t *y = obj_next(vm, l->its->items[j]);
                    if (y) {
                        return vm_raise(vm, EXC_ValueError,
                                        "zip() argument %zu is longer than "
                                        "argument%s%zu", j + 1,
                                        j == 1 ? " " : "s 1-", j);
                    }
                    if (vm->exc) {
                        return NULL;
                    }
                }
            }
            return NULL;
        }
        t->items[i] = x;
    }
    vm->nextra--;
    return (obj_t *)t;
}

static obj_t *map_next(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    size_t n = l->its->n;
    obj_t *small[8];
    obj_t **args = n <= 8 ? small : malloc(n * sizeof(obj_t *));
    for (size_t i = 0; i < n; i++) {
        obj_t *x = obj_next(vm, l->its->items[i]);
        if (!x) {
            if (args != small) {
                free(args);
            }
            return NULL;
        }
        args[i] = x;
    }
    obj_t *r = vm_call(vm, l->f, (int)n, args, NULL);
    if (args != small) {
        free(args);
    }
    return r;
}

static obj_t *filter_next(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    for (;;) {
        obj_t *x = obj_next(vm, l->it);
        if (!x) {
            return NULL;
        }
        obj_t *t = l->f == vm->none ? x : vm_call1(vm, l->f, x);
        if (!t) {
            return NULL;
        }
        int b = obj_truthy(vm, t);
        if (b < 0) {
            return NULL;
        }
        if (b) {
            return x;
        }
    }
}

static obj_t *reversed_next(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    if (l->i < 0 || !l->it) {
        return NULL;
    }
    obj_t *x = obj_getitem(vm, l->it, int_new(vm, l->i));
    l->i--;
    if (!x && (vm_exc_matches(vm, EXC_IndexError) ||
               vm_exc_matches(vm, EXC_StopIteration))) {
        vm->exc = NULL;
        l->it = NULL;
    }
    return x;
}

static lazy_t *lazy_new(vm_t *vm, type_t *t)
{
    return (lazy_t *)gc_alloc(vm, t, sizeof(lazy_t));
}

static obj_t *enumerate_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)self;
    static const char *const names[] = {"iterable", "start"};
    obj_t *a[2];
    if (vm_parse_args(vm, "enumerate", argc, argv, kw, 1, 2, names, 2,
                      a) < 0) {
        return NULL;
    }
    obj_t *it = obj_iter(vm, a[0]);
    if (!it) {
        return NULL;
    }
    lazy_t *l = lazy_new(vm, vm->t_enumerate);
    l->it = it;
    if (a[1] && obj_index(vm, a[1], &l->i) < 0) {
        return NULL;
    }
    return (obj_t *)l;
}

static tuple_t *iters_of(vm_t *vm, int argc, obj_t **argv, int first,
                         const char *fname)
{
    tuple_t *t = tuple_new(vm, (size_t)(argc - first));
    vm_pin(vm, (obj_t *)((obj_t *)t));
    for (int i = first; i < argc; i++) {
        obj_t *it = obj_iter(vm, argv[i]);
        if (!it) {
            vm->nextra--;
            if (vm_exc_matches(vm, EXC_TypeError) && strcmp(fname, "zip") == 0) {
                vm->exc = NULL;
                vm_raise(vm, EXC_TypeError,
                         "'%s' object is not iterable", type_name(argv[i]));
            }
            return NULL;
        }
        t->items[i - first] = it;
    }
    vm->nextra--;
    return t;
}

static obj_t *zip_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)self;
    bool strict = false;
    if (kw) {
        for (size_t i = 0; i < kw->n; i++) {
            if (strcmp(((str_t *)kw->items[i])->s, "strict") != 0) {
                return vm_raise(vm, EXC_TypeError,
                                "zip() got an unexpected keyword argument "
                                "'%s'", ((str_t *)kw->items[i])->s);
            }
            strict = obj_truthy(vm, argv[argc + (int)i]) > 0;
        }
    }
    tuple_t *its = iters_of(vm, argc, argv, 0, "zip");
    if (!its) {
        return NULL;
    }
    lazy_t *l = lazy_new(vm, vm->t_zip);
    l->its = its;
    l->strict = strict;
    return (obj_t *)l;
}

static obj_t *map_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw)
{
    (void)self, (void)kw;
    if (argc < 2) {
        return vm_raise(vm, EXC_TypeError,
                        "map() must have at least two arguments.");
    }
    tuple_t *its = iters_of(vm, argc, argv, 1, "map");
    if (!its) {
        return NULL;
    }
    lazy_t *l = lazy_new(vm, vm->t_map);
    l->f = argv[0];
    l->its = its;
    return (obj_t *)l;
}

static obj_t *filter_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "filter expected 2 arguments, got %d", argc);
    }
    obj_t *it = obj_iter(vm, argv[1]);
    if (!it) {
        return NULL;
    }
    lazy_t *l = lazy_new(vm, vm->t_filter);
    l->f = argv[0];
    l->it = it;
    return (obj_t *)l;
}

static obj_t *reversed_new(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)self, (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "reversed expected 1 argument, got %d", argc);
    }
    bool found;
    obj_t *r = obj_call_special(vm, argv[0], vm->s.__reversed__, 0, NULL,
                                &found);
    if (found) {
        return r;
    }
    obj_t *gi = type_lookup(vm, TYPE(argv[0]), vm->s.__getitem__);
    obj_t *ln = type_lookup(vm, TYPE(argv[0]), vm->s.__len__);
    if (!gi || !ln || TYPE(argv[0]) == vm->t_dict) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not reversible",
                        type_name(argv[0]));
    }
    int64_t n = obj_len(vm, argv[0]);
    if (n < 0) {
        return NULL;
    }
    lazy_t *l = lazy_new(vm, vm->t_reversed);
    l->it = argv[0];
    l->i = n - 1;
    return (obj_t *)l;
}

/* ---- Functions --------------------------------------------------------- */

/* sys.stdout as it is now: a program (or contextlib.redirect_stdout) may
 * have replaced it. */
static obj_t *current_stdout(vm_t *vm)
{
    obj_t *sys = dict_get_str(vm, vm->modules, str_intern(vm, "sys"));
    if (sys) {
        obj_t *f = dict_get_str(vm, ((module_t *)sys)->dict,
                                str_intern(vm, "stdout"));
        if (f && f != vm->none) {
            return f;
        }
    }
    return vm->sys_stdout;
}

NATIVE(b_print)
{
    (void)self;
    static const char *const names[] = {"sep", "end", "file", "flush"};
    obj_t *o[4] = {0};
    int nkw = kw ? (int)kw->n : 0;
    for (int k = 0; k < nkw; k++) {
        const char *kn = ((str_t *)kw->items[k])->s;
        int j;
        for (j = 0; j < 4 && strcmp(kn, names[j]); j++) {
        }
        if (j == 4) {
            return vm_raise(vm, EXC_TypeError,
                            "'%s' is an invalid keyword argument for print()",
                            kn);
        }
        o[j] = argv[argc + k];
    }
    for (int j = 0; j < 2; j++) {
        if (o[j] && o[j] != vm->none && TYPE(o[j]) != vm->t_str) {
            return vm_raise(vm, EXC_TypeError,
                            "%s must be None or a string, not %s",
                            names[j], type_name(o[j]));
        }
    }
    str_t *sep = o[0] && o[0] != vm->none ? (str_t *)o[0] : NULL;
    str_t *end = o[1] && o[1] != vm->none ? (str_t *)o[1] : NULL;
    obj_t *file = o[2] && o[2] != vm->none ? o[2] : current_stdout(vm);
    bool direct = file == vm->sys_stdout || file == vm->sys_stderr;
    // Build the whole line first: one write, as the trace's "out" lines
    // want whole lines.
    list_t *parts = list_new(vm, 0);
    vm_pin(vm, (obj_t *)((obj_t *)parts));
    for (int i = 0; i < argc; i++) {
        str_t *s = obj_str(vm, argv[i]);
        if (!s) {
            vm->nextra--;
            return NULL;
        }
        if (i > 0) {
            list_append(vm, parts, sep ? (obj_t *)sep : (obj_t *)vm->char_strs[' ']);
        }
        list_append(vm, parts, (obj_t *)s);
    }
    list_append(vm, parts, end ? (obj_t *)end : (obj_t *)vm->char_strs['\n']);
    if (!direct) {
        // Another file object gets one write() per piece, as CPython's
        // print does (an object recording its writes sees the same).
        for (size_t i = 0; i < parts->n; i++) {
            obj_t *piece = parts->items[i];
            if (!vm_call_method(vm, file, vm->s.write, 1, &piece)) {
                vm->nextra--;
                return NULL;
            }
        }
        vm->nextra--;
    } else {
        obj_t *text = str_join(vm, vm->empty_str, (obj_t *)parts);
        vm->nextra--;
        if (!text) {
            return NULL;
        }
        str_t *t = (str_t *)text;
        if (file == vm->sys_stdout) {
            if (vm_write_out(vm, t->s, t->len) < 0) {
                return NULL;
            }
        } else {
            vm_write_err(vm, t->s, t->len);
        }
    }
    if (o[3] && obj_truthy(vm, o[3]) > 0 && file == vm->sys_stdout) {
        fflush(vm->out.fp);
    }
    return vm->none;
}

static int one_arg(vm_t *vm, const char *name, int argc, tuple_t *kw)
{
    if (kw && kw->n) {
        vm_raise(vm, EXC_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (argc != 1) {
        vm_raise(vm, EXC_TypeError, "%s() takes exactly one argument (%d "
                 "given)", name, argc);
        return -1;
    }
    return 0;
}

NATIVE(b_len)
{
    (void)self;
    if (one_arg(vm, "len", argc, kw) < 0) {
        return NULL;
    }
    int64_t n = obj_len(vm, argv[0]);
    return n < 0 ? NULL : int_new(vm, n);
}

NATIVE(b_repr)
{
    (void)self;
    if (one_arg(vm, "repr", argc, kw) < 0) {
        return NULL;
    }
    return (obj_t *)obj_repr(vm, argv[0]);
}

NATIVE(b_ascii)
{
    (void)self;
    if (one_arg(vm, "ascii", argc, kw) < 0) {
        return NULL;
    }
    return (obj_t *)str_ascii(vm, argv[0]);
}

static obj_t *isinstance_check(vm_t *vm, obj_t *o, obj_t *cls, bool sub,
                               const char *fname)
{
    if (TYPE(cls) == vm->t_tuple) {
        tuple_t *t = (tuple_t *)cls;
        for (size_t i = 0; i < t->n; i++) {
            obj_t *r = isinstance_check(vm, o, t->items[i], sub, fname);
            if (!r || r == vm->true_) {
                return r;
            }
        }
        return vm->false_;
    }
    if (vm->union_type && obj_isinstance_t(cls, (type_t *)vm->union_type)) {
        // X | Y: as the tuple of its members.
        obj_t *args = obj_getattr(vm, cls, str_intern(vm, "__args__"));
        if (!args || TYPE(args) != vm->t_tuple) {
            return args ? vm_raise(vm, EXC_TypeError, "bad union") : NULL;
        }
        return isinstance_check(vm, o, args, sub, fname);
    }
    if (!IS_CLASS(vm, cls)) {
        return vm_raise(vm, EXC_TypeError,
                        "%s() arg 2 must be a type, a tuple of types, or a "
                        "union", fname);
    }
    if (sub) {
        if (!IS_CLASS(vm, o)) {
            return vm_raise(vm, EXC_TypeError,
                            "issubclass() arg 1 must be a class");
        }
        return bool_new(vm, type_issub((type_t *)o, (type_t *)cls));
    }
    return bool_new(vm, obj_isinstance_t(o, (type_t *)cls));
}

NATIVE(b_isinstance)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "isinstance expected 2 arguments, got %d", argc);
    }
    return isinstance_check(vm, argv[0], argv[1], false, "isinstance");
}

NATIVE(b_issubclass)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "issubclass expected 2 arguments, got %d", argc);
    }
    return isinstance_check(vm, argv[0], argv[1], true, "issubclass");
}

static obj_t *minmax(vm_t *vm, int argc, obj_t **argv, tuple_t *kw, int op,
                     const char *name)
{
    obj_t *key = NULL, *deflt = NULL;
    if (kw) {
        for (size_t i = 0; i < kw->n; i++) {
            const char *k = ((str_t *)kw->items[i])->s;
            if (strcmp(k, "key") == 0) {
                key = argv[argc + (int)i];
            } else if (strcmp(k, "default") == 0) {
                deflt = argv[argc + (int)i];
            } else {
                return vm_raise(vm, EXC_TypeError,
                                "%s() got an unexpected keyword argument '%s'",
                                name, k);
            }
        }
    }
    if (key == vm->none) {
        key = NULL;
    }
    if (argc == 0) {
        return vm_raise(vm, EXC_TypeError,
                        "%s expected at least 1 argument, got 0", name);
    }
    list_t *items;
    if (argc == 1) {
        items = obj_to_list(vm, argv[0]);
        if (!items) {
            return NULL;
        }
    } else {
        if (deflt) {
            return vm_raise(vm, EXC_TypeError,
                            "Cannot specify a default for %s() with multiple "
                            "positional arguments", name);
        }
        items = list_new(vm, (size_t)argc);
        if (!items) {
            return NULL;
        }
        memcpy(items->items, argv, sizeof(obj_t *) * (size_t)argc);
    }
    if (items->n == 0) {
        if (deflt) {
            return deflt;
        }
        return vm_raise(vm, EXC_ValueError, "%s() arg is an empty sequence",
                        name);
    }
    vm_pin(vm, (obj_t *)((obj_t *)items));
    obj_t *best = items->items[0];
    obj_t *bestk = key ? vm_call1(vm, key, best) : best;
    for (size_t i = 1; bestk && i < items->n; i++) {
        obj_t *x = items->items[i];
        obj_t *xk = key ? vm_call1(vm, key, x) : x;
        if (!xk) {
            bestk = NULL;
            break;
        }
        obj_t *c = obj_compare(vm, xk, bestk, op);
        int t = c ? obj_truthy(vm, c) : -1;
        if (t < 0) {
            bestk = NULL;
            break;
        }
        if (t) {
            best = x;
            bestk = xk;
        }
    }
    vm->nextra--;
    return bestk ? best : NULL;
}

NATIVE(b_min)
{
    (void)self;
    return minmax(vm, argc, argv, kw, CMP_LT, "min");
}

NATIVE(b_max)
{
    (void)self;
    return minmax(vm, argc, argv, kw, CMP_GT, "max");
}

NATIVE(b_sum)
{
    (void)self;
    static const char *const names[] = {"iterable", "start"};
    obj_t *a[2];
    if (vm_parse_args(vm, "sum", argc, argv, kw, 1, 2, names, 2, a) < 0) {
        return NULL;
    }
    obj_t *acc = a[1] ? a[1] : int_new(vm, 0);
    if (TYPE(acc) == vm->t_str) {
        return vm_raise(vm, EXC_TypeError,
                        "sum() can't sum strings [use ''.join(seq) instead]");
    }
    list_t *l = obj_to_list(vm, a[0]);
    if (!l) {
        return NULL;
    }
    vm_pin(vm, (obj_t *)((obj_t *)l));
    for (size_t i = 0; acc && i < l->n; i++) {
        acc = obj_binop(vm, acc, l->items[i], OP_ADD, false);
    }
    vm->nextra--;
    return acc;
}

NATIVE(b_abs)
{
    (void)self;
    if (one_arg(vm, "abs", argc, kw) < 0) {
        return NULL;
    }
    obj_t *x = argv[0];
    if (TYPE(x) == vm->t_int || TYPE(x) == vm->t_bool) {
        int64_t v = OBJ_INT(x);
        if (v == INT64_MIN) {
            return vm_raise(vm, EXC_OverflowError,
                            "integer overflow: looplab ints are 64-bit");
        }
        return int_new(vm, v < 0 ? -v : v);
    }
    if (TYPE(x) == vm->t_float) {
        return float_new(vm, fabs(OBJ_FLOAT(x)));
    }
    bool found;
    obj_t *r = obj_call_special(vm, x, vm->s.__abs__, 0, NULL, &found);
    if (found) {
        return r;
    }
    return vm_raise(vm, EXC_TypeError, "bad operand type for abs(): '%s'",
                    type_name(x));
}

NATIVE(b_round)
{
    (void)self;
    static const char *const names[] = {"number", "ndigits"};
    obj_t *a[2];
    if (vm_parse_args(vm, "round", argc, argv, kw, 1, 2, names, 2, a) < 0) {
        return NULL;
    }
    bool found;
    obj_t *r = obj_call_special(vm, a[0], vm->s.__round__, a[1] ? 1 : 0,
                                &a[1], &found);
    if (!found) {
        return vm_raise(vm, EXC_TypeError,
                        "type %s doesn't define __round__ method",
                        type_name(a[0]));
    }
    return r;
}

NATIVE(b_any)
{
    (void)self;
    if (one_arg(vm, "any", argc, kw) < 0) {
        return NULL;
    }
    obj_t *it = obj_iter(vm, argv[0]);
    if (!it) {
        return NULL;
    }
    for (;;) {
        obj_t *x = obj_next(vm, it);
        if (!x) {
            return vm->exc ? NULL : vm->false_;
        }
        int t = obj_truthy(vm, x);
        if (t < 0) {
            return NULL;
        }
        if (t) {
            return vm->true_;
        }
    }
}

NATIVE(b_all)
{
    (void)self;
    if (one_arg(vm, "all", argc, kw) < 0) {
        return NULL;
    }
    obj_t *it = obj_iter(vm, argv[0]);
    if (!it) {
        return NULL;
    }
    for (;;) {
        obj_t *x = obj_next(vm, it);
        if (!x) {
            return vm->exc ? NULL : vm->true_;
        }
        int t = obj_truthy(vm, x);
        if (t < 0) {
            return NULL;
        }
        if (!t) {
            return vm->false_;
        }
    }
}

NATIVE(b_id)
{
    (void)self;
    if (one_arg(vm, "id", argc, kw) < 0) {
        return NULL;
    }
    return int_new(vm, (int64_t)(uintptr_t)argv[0]);
}

NATIVE(b_hash)
{
    (void)self;
    if (one_arg(vm, "hash", argc, kw) < 0) {
        return NULL;
    }
    int64_t h;
    if (obj_hash(vm, argv[0], &h) < 0) {
        return NULL;
    }
    return int_new(vm, h);
}

static str_t *attr_name(vm_t *vm, obj_t *o, const char *fname)
{
    if (TYPE(o) != vm->t_str) {
        vm_raise(vm, EXC_TypeError, "%s(): attribute name must be string",
                 fname);
        return NULL;
    }
    return str_intern(vm, ((str_t *)o)->s);
}

NATIVE(b_getattr)
{
    (void)self, (void)kw;
    if (argc < 2 || argc > 3) {
        return vm_raise(vm, EXC_TypeError,
                        "getattr expected at least 2 arguments, got %d", argc);
    }
    str_t *name = attr_name(vm, argv[1], "getattr");
    if (!name) {
        return NULL;
    }
    if (argc == 2) {
        return obj_getattr(vm, argv[0], name);
    }
    // No AttributeError made only to be dropped: getattr(x, name, None)
    // is on the Task step's path.
    obj_t *r;
    int found = obj_lookup_attr(vm, argv[0], name, &r);
    return found < 0 ? NULL : found ? r : argv[2];
}

NATIVE(b_hasattr)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "hasattr expected 2 arguments, got %d", argc);
    }
    str_t *name = attr_name(vm, argv[1], "hasattr");
    if (!name) {
        return NULL;
    }
    obj_t *r;
    int found = obj_lookup_attr(vm, argv[0], name, &r);
    return found < 0 ? NULL : found ? vm->true_ : vm->false_;
}

NATIVE(b_setattr)
{
    (void)self, (void)kw;
    if (argc != 3) {
        return vm_raise(vm, EXC_TypeError,
                        "setattr expected 3 arguments, got %d", argc);
    }
    str_t *name = attr_name(vm, argv[1], "setattr");
    if (!name || obj_setattr(vm, argv[0], name, argv[2]) < 0) {
        return NULL;
    }
    return vm->none;
}

NATIVE(b_delattr)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "delattr expected 2 arguments, got %d", argc);
    }
    str_t *name = attr_name(vm, argv[1], "delattr");
    if (!name || obj_setattr(vm, argv[0], name, NULL) < 0) {
        return NULL;
    }
    return vm->none;
}

/* iter(callable, sentinel)'s iterator: calls until the sentinel comes
 * back (or StopIteration is raised), then stays exhausted. */
static obj_t *callable_iter_next(vm_t *vm, obj_t *o)
{
    lazy_t *l = (lazy_t *)o;
    if (!l->f) {
        return NULL;
    }
    obj_t *r = vm_call0(vm, l->f);
    if (!r) {
        if (vm_exc_matches(vm, EXC_StopIteration)) {
            vm->exc = NULL;
            l->f = NULL;
        }
        return NULL;
    }
    int eq = obj_eq(vm, r, l->it);
    if (eq < 0) {
        return NULL;
    }
    if (eq) {
        l->f = NULL;
        l->it = NULL;
        return NULL;
    }
    return r;
}

NATIVE(b_iter)
{
    (void)self, (void)kw;
    if (argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError,
                        argc < 1 ? "iter expected at least 1 argument, got %d"
                                 : "iter expected at most 2 arguments, got %d",
                        argc);
    }
    if (argc == 1) {
        return obj_iter(vm, argv[0]);
    }
    if (!vm_callable(argv[0])) {
        return vm_raise(vm, EXC_TypeError, "iter(v, w): v must be callable");
    }
    lazy_t *l = lazy_new(vm, vm->t_callable_iter);
    l->f = argv[0];
    l->it = argv[1];
    return (obj_t *)l;
}

NATIVE(b_next)
{
    (void)self, (void)kw;
    if (argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError,
                        "next expected at least 1 argument, got %d", argc);
    }
    obj_t *it = argv[0];
    if (!TYPE(it)->next) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not an iterator",
                        type_name(it));
    }
    obj_t *r;
    if (TYPE(it) == vm->t_gen) {
        // A generator's return value travels in StopIteration.value.
        r = gen_send(vm, (gen_t *)it, vm->none, NULL);
    } else {
        r = obj_next(vm, it);
        if (!r && !vm->exc) {
            vm->exc = exc_new(vm, EXC_TYPE(vm, StopIteration),
                              vm->empty_tuple);
        }
    }
    if (!r && argc == 2 && vm_exc_matches(vm, EXC_StopIteration)) {
        vm->exc = NULL;
        return argv[1];
    }
    return r;
}

NATIVE(b_callable)
{
    (void)self;
    if (one_arg(vm, "callable", argc, kw) < 0) {
        return NULL;
    }
    return bool_new(vm, vm_callable(argv[0]));
}

NATIVE(b_divmod)
{
    (void)self, (void)kw;
    if (argc != 2) {
        return vm_raise(vm, EXC_TypeError,
                        "divmod expected 2 arguments, got %d", argc);
    }
    obj_t *a = argv[0], *b = argv[1];
    if (TYPE(a) == vm->t_float || TYPE(b) == vm->t_float) {
        double y = TYPE(b) == vm->t_float ? OBJ_FLOAT(b) : 0;
        if ((TYPE(b) == vm->t_float && y == 0.0) ||
            ((TYPE(b) == vm->t_int || TYPE(b) == vm->t_bool) &&
             OBJ_INT(b) == 0)) {
            return vm_raise(vm, EXC_ZeroDivisionError, "float divmod()");
        }
    } else if ((TYPE(b) == vm->t_int || TYPE(b) == vm->t_bool) &&
               OBJ_INT(b) == 0 && (TYPE(a) == vm->t_int ||
                                   TYPE(a) == vm->t_bool)) {
        return vm_raise(vm, EXC_ZeroDivisionError,
                        "integer division or modulo by zero");
    }
    obj_t *q = obj_binop(vm, a, b, OP_FLOORDIV, false);
    if (!q) {
        if (vm_exc_matches(vm, EXC_TypeError)) {
            vm->exc = NULL;
            return vm_raise(vm, EXC_TypeError,
                            "unsupported operand type(s) for divmod(): '%s' "
                            "and '%s'", type_name(a), type_name(b));
        }
        return NULL;
    }
    obj_t *m = obj_binop(vm, a, b, OP_MOD, false);
    if (!m) {
        return NULL;
    }
    return (obj_t *)tuple_pack(vm, 2, q, m);
}

NATIVE(b_pow)
{
    (void)self;
    static const char *const names[] = {"base", "exp", "mod"};
    obj_t *a[3];
    if (vm_parse_args(vm, "pow", argc, argv, kw, 2, 3, names, 3, a) < 0) {
        return NULL;
    }
    if (!a[2] || a[2] == vm->none) {
        return obj_binop(vm, a[0], a[1], OP_POW, false);
    }
    int64_t b, e, m;
    if (obj_index(vm, a[0], &b) < 0 || obj_index(vm, a[1], &e) < 0 ||
        obj_index(vm, a[2], &m) < 0) {
        vm->exc = NULL;
        return vm_raise(vm, EXC_TypeError,
                        "pow() 3rd argument not allowed unless all arguments "
                        "are integers");
    }
    if (m == 0) {
        return vm_raise(vm, EXC_ValueError, "pow() 3rd argument cannot be 0");
    }
    if (e < 0) {
        return vm_raise(vm, EXC_ValueError,
                        "base is not invertible for the given modulus");
    }
    __int128 r = 1, base = ((b % m) + m) % m;
    int64_t am = m < 0 ? -m : m;
    base %= am;
    while (e > 0) {
        if (e & 1) {
            r = (r * base) % am;
        }
        base = (base * base) % am;
        e >>= 1;
    }
    int64_t res = (int64_t)r;
    if (m < 0 && res != 0) {
        res += m;
    }
    return int_new(vm, res);
}

NATIVE(b_chr)
{
    (void)self;
    if (one_arg(vm, "chr", argc, kw) < 0) {
        return NULL;
    }
    int64_t c;
    if (obj_index(vm, argv[0], &c) < 0) {
        return NULL;
    }
    if (c < 0 || c > 0x10FFFF) {
        return vm_raise(vm, EXC_ValueError, "chr() arg not in range(0x110000)");
    }
    char u[5];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c, n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return (obj_t *)str_new(vm, u, n);
}

NATIVE(b_ord)
{
    (void)self;
    if (one_arg(vm, "ord", argc, kw) < 0) {
        return NULL;
    }
    if (TYPE(argv[0]) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError,
                        "ord() expected string of length 1, but %s found",
                        type_name(argv[0]));
    }
    str_t *s = (str_t *)argv[0];
    if (s->nchars != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "ord() expected a character, but string of length "
                        "%zu found", s->nchars);
    }
    const unsigned char *p = (const unsigned char *)s->s;
    int64_t c;
    if (p[0] < 0x80) {
        c = p[0];
    } else if (p[0] < 0xE0) {
        c = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    } else if (p[0] < 0xF0) {
        c = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    } else {
        c = ((int64_t)(p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
            ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
    return int_new(vm, c);
}

static obj_t *radix(vm_t *vm, int argc, obj_t **argv, tuple_t *kw,
                    const char *name, int shift, char letter)
{
    if (one_arg(vm, name, argc, kw) < 0) {
        return NULL;
    }
    int64_t v;
    if (obj_index(vm, argv[0], &v) < 0) {
        return NULL;
    }
    char buf[80];
    char *p = buf + sizeof buf - 1;
    *p = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        unsigned d = (unsigned)(u & ((1u << shift) - 1));
        *--p = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        u >>= shift;
    } while (u);
    *--p = letter;
    *--p = '0';
    if (v < 0) {
        *--p = '-';
    }
    return (obj_t *)str_cstr(vm, p);
}

NATIVE(b_hex)
{
    (void)self;
    return radix(vm, argc, argv, kw, "hex", 4, 'x');
}

NATIVE(b_oct)
{
    (void)self;
    return radix(vm, argc, argv, kw, "oct", 3, 'o');
}

NATIVE(b_bin)
{
    (void)self;
    return radix(vm, argc, argv, kw, "bin", 1, 'b');
}

static void dir_add(vm_t *vm, dict_t *seen, dict_t *d)
{
    size_t pos = 0;
    obj_t *k, *v;
    while (dict_next(d, &pos, &k, &v)) {
        dict_set(vm, seen, k, vm->none);
    }
}

NATIVE(b_dir)
{
    (void)self, (void)kw;
    if (argc != 1) {
        // dir() without arguments: the caller's names.
        frame_t *f = vm->frame;
        dict_t *seen = dict_new(vm);
        if (f && f->locals) {
            dir_add(vm, seen, f->locals);
        } else if (f && !f->func) {
            dir_add(vm, seen, f->globals);
        } else if (f) {
            for (size_t i = 0; i < f->code->varnames->n; i++) {
                if (f->localsplus[i]) {
                    dict_set(vm, seen, f->code->varnames->items[i], vm->none);
                }
            }
        }
        list_t *l = obj_to_list(vm, (obj_t *)seen);
        if (l) {
            list_sort(vm, l, NULL, false);
        }
        return (obj_t *)l;
    }
    obj_t *o = argv[0];
    dict_t *seen = dict_new(vm);
    if (TYPE(o) == vm->t_module) {
        dir_add(vm, seen, ((module_t *)o)->dict);
    } else {
        type_t *t = IS_CLASS(vm, o) ? (type_t *)o : TYPE(o);
        if ((TYPE(o)->flags & (TF_HASDICT | TF_DICTHIDDEN)) == TF_HASDICT &&
            !IS_CLASS(vm, o) && OBJ_DICT(o)) {
            dir_add(vm, seen, OBJ_DICT(o));
        }
        for (size_t i = 0; i < t->mro->n; i++) {
            dir_add(vm, seen, ((type_t *)t->mro->items[i])->dict);
        }
        if (!IS_CLASS(vm, o)) {
            dict_set(vm, seen, (obj_t *)vm->s.__class__, vm->none);
        }
    }
    list_t *l = obj_to_list(vm, (obj_t *)seen);
    if (l && list_sort(vm, l, NULL, false) < 0) {
        return NULL;
    }
    return (obj_t *)l;
}

NATIVE(b_vars)
{
    (void)self, (void)kw;
    if (argc == 0) {
        frame_t *f = vm->frame;
        return f ? (obj_t *)(f->locals ? f->locals : f->globals) : vm->none;
    }
    obj_t *d = obj_getattr_opt(vm, argv[0], vm->s.__dict__);
    if (!d) {
        return vm->exc ? NULL
                       : vm_raise(vm, EXC_TypeError,
                                  "vars() argument must have __dict__ "
                                  "attribute");
    }
    return d;
}

NATIVE(b_globals)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    return vm->frame ? (obj_t *)vm->frame->globals : vm->none;
}

NATIVE(b_locals)
{
    (void)self, (void)argc, (void)argv, (void)kw;
    frame_t *f = vm->frame;
    if (!f) {
        return vm->none;
    }
    if (f->locals || !f->func) {
        return (obj_t *)(f->locals ? f->locals : f->globals);
    }
    dict_t *d = dict_new(vm);
    for (size_t i = 0; i < f->code->varnames->n; i++) {
        if (f->localsplus[i]) {
            dict_set(vm, d, f->code->varnames->items[i], f->localsplus[i]);
        }
    }
    return (obj_t *)d;
}

NATIVE(b_format)
{
    (void)self, (void)kw;
    if (argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError,
                        "format expected at most 2 arguments, got %d", argc);
    }
    str_t *spec = argc == 2 ? (str_t *)argv[1] : vm->empty_str;
    if (TYPE(spec) != vm->t_str) {
        return vm_raise(vm, EXC_TypeError,
                        "format() argument 2 must be str, not %s",
                        type_name((obj_t *)spec));
    }
    return (obj_t *)obj_format(vm, argv[0], spec);
}

NATIVE(b_sorted)
{
    (void)self;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError,
                        "sorted expected 1 argument, got %d", argc);
    }
    obj_t *key = NULL;
    bool reverse = false;
    if (kw) {
        for (size_t i = 0; i < kw->n; i++) {
            const char *k = ((str_t *)kw->items[i])->s;
            obj_t *v = argv[argc + (int)i];
            if (strcmp(k, "key") == 0) {
                key = v == vm->none ? NULL : v;
            } else if (strcmp(k, "reverse") == 0) {
                int t = obj_truthy(vm, v);
                if (t < 0) {
                    return NULL;
                }
                reverse = t;
            } else {
                return vm_raise(vm, EXC_TypeError,
                                "sort() got an unexpected keyword argument "
                                "'%s'", k);
            }
        }
    }
    list_t *l = obj_to_list(vm, argv[0]);
    if (!l || (l == (list_t *)argv[0])) {
        return (obj_t *)l;
    }
    if (list_sort(vm, l, key, reverse) < 0) {
        return NULL;
    }
    return (obj_t *)l;
}

NATIVE(b_exit)
{
    (void)self, (void)kw;
    obj_t *e = exc_new(vm, EXC_TYPE(vm, SystemExit),
                       argc ? tuple_pack(vm, 1, argv[0]) : vm->empty_tuple);
    return vm_raise_obj(vm, e);
}

NATIVE(b_aiter)
{
    (void)self;
    if (one_arg(vm, "aiter", argc, kw) < 0) {
        return NULL;
    }
    bool found;
    obj_t *r = obj_call_special(vm, argv[0], vm->s.__aiter__, 0, NULL, &found);
    if (!found) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not an async "
                        "iterable", type_name(argv[0]));
    }
    return r;
}

NATIVE(b_anext)
{
    (void)self;
    if (kw && kw->n) {
        return vm_raise(vm, EXC_TypeError, "anext() takes no keyword "
                        "arguments");
    }
    if (argc < 1 || argc > 2) {
        return vm_raise(vm, EXC_TypeError, "anext expected at least 1 "
                        "argument, got %d", argc);
    }
    if (!type_lookup(vm, TYPE(argv[0]), vm->s.__anext__)) {
        return vm_raise(vm, EXC_TypeError, "'%s' object is not an async "
                        "iterator", type_name(argv[0]));
    }
    if (argc == 2 && vm->anext_default) {
        // anext(it, default): the prelude's awaitable returning default on
        // StopAsyncIteration (CPython's anext_awaitable).
        return vm_call2(vm, vm->anext_default, argv[0], argv[1]);
    }
    bool found;
    return obj_call_special(vm, argv[0], vm->s.__anext__, 0, NULL, &found);
}

static void def(vm_t *vm, const char *name, native_fn fn)
{
    native_t *n = native_new(vm, name, fn, NULL);
    dict_set_cstr(vm, vm->builtins, name, (obj_t *)n);
}

static void def_type(vm_t *vm, type_t *t)
{
    dict_set(vm, vm->builtins, (obj_t *)t->name, (obj_t *)t);
}

void builtins_init(vm_t *vm)
{
    module_t *m = module_new(vm, "builtins");
    vm->builtins = m->dict;
    vm->builtins->hdr.flags |= DICT_GLOBALS;
    dict_set(vm, vm->modules, (obj_t *)m->name, (obj_t *)m);
    struct { type_t **slot; const char *name; native_fn new_;
             obj_t *(*next)(vm_t *, obj_t *); } its[] = {
        {&vm->t_enumerate, "enumerate", enumerate_new, enumerate_next},
        {&vm->t_zip, "zip", zip_new, zip_next},
        {&vm->t_map, "map", map_new, map_next},
        {&vm->t_filter, "filter", filter_new, filter_next},
        {&vm->t_reversed, "reversed", reversed_new, reversed_next},
    };
    for (size_t i = 0; i < sizeof its / sizeof its[0]; i++) {
        type_t *t = type_new_builtin(vm, its[i].name, NULL, LAYOUT_OTHER,
                                     sizeof(lazy_t));
        t->mark = lazy_mark;
        t->iter = lazy_iter;
        t->next = its[i].next;
        t->new_ = its[i].new_;
        *its[i].slot = t;
        def_type(vm, t);
    }
    type_t *ci = type_new_builtin(vm, "callable_iterator", NULL,
                                  LAYOUT_OTHER, sizeof(lazy_t));
    ci->mark = lazy_mark;
    ci->iter = lazy_iter;
    ci->next = callable_iter_next;
    ci->new_ = NULL;
    ci->flags &= ~(uint32_t)TF_BASETYPE;
    vm->t_callable_iter = ci;
    type_t *types[] = {vm->t_object, vm->t_type, vm->t_int, vm->t_bool,
                       vm->t_float, vm->t_str, vm->t_tuple, vm->t_list,
                       vm->t_dict, vm->t_set, vm->t_frozenset, vm->t_range,
                       vm->t_slice, vm->t_property, vm->t_classmethod,
                       vm->t_staticmethod, vm->t_super};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        def_type(vm, types[i]);
    }
    for (int i = 0; i < EXC_COUNT; i++) {
        type_t *t = vm->exc_types[i];
        if (t->flags & TF_BUILTIN) {
            def_type(vm, t);
        }
    }
    // Old names for OSError, kept by Python 3 as aliases.
    dict_set_cstr(vm, vm->builtins, "IOError", (obj_t *)EXC_TYPE(vm, OSError));
    dict_set_cstr(vm, vm->builtins, "EnvironmentError",
                  (obj_t *)EXC_TYPE(vm, OSError));
    dict_set_cstr(vm, vm->builtins, "None", vm->none);
    dict_set_cstr(vm, vm->builtins, "True", vm->true_);
    dict_set_cstr(vm, vm->builtins, "False", vm->false_);
    dict_set_cstr(vm, vm->builtins, "NotImplemented", vm->notimpl);
    dict_set_cstr(vm, vm->builtins, "Ellipsis", vm->ellipsis);
    dict_set_cstr(vm, vm->builtins, "__name__",
                  (obj_t *)str_intern(vm, "builtins"));
    def(vm, "print", b_print);
    def(vm, "len", b_len);
    def(vm, "repr", b_repr);
    def(vm, "ascii", b_ascii);
    def(vm, "isinstance", b_isinstance);
    def(vm, "issubclass", b_issubclass);
    def(vm, "min", b_min);
    def(vm, "max", b_max);
    def(vm, "sum", b_sum);
    def(vm, "abs", b_abs);
    def(vm, "round", b_round);
    def(vm, "any", b_any);
    def(vm, "all", b_all);
    def(vm, "id", b_id);
    def(vm, "hash", b_hash);
    def(vm, "getattr", b_getattr);
    def(vm, "hasattr", b_hasattr);
    def(vm, "setattr", b_setattr);
    def(vm, "delattr", b_delattr);
    def(vm, "iter", b_iter);
    def(vm, "next", b_next);
    def(vm, "callable", b_callable);
    def(vm, "divmod", b_divmod);
    def(vm, "pow", b_pow);
    def(vm, "chr", b_chr);
    def(vm, "ord", b_ord);
    def(vm, "hex", b_hex);
    def(vm, "oct", b_oct);
    def(vm, "bin", b_bin);
    def(vm, "dir", b_dir);
    def(vm, "vars", b_vars);
    def(vm, "globals", b_globals);
    def(vm, "locals", b_locals);
    def(vm, "format", b_format);
    def(vm, "sorted", b_sorted);
    def(vm, "exit", b_exit);
    def(vm, "quit", b_exit);
    def(vm, "aiter", b_aiter);
    def(vm, "anext", b_anext);
    def(vm, "__build_class__", vm_build_class);
}
