/*
 * obj_strfmt.c - printf-style formatting: str % args (mirrors
 * Objects/unicodeobject.c's PyUnicode_Format for the conversions
 * %s %r %a %c %d %i %u %o %x %X %e %E %f %F %g %G %%, with flags
 * "-+ #0", widths, precisions, "*" and %(key)s mapping keys).
 *
 * Numbers are laid out by fmt.c, the same code format() uses, so the two
 * agree digit for digit.
 */
#include "obj_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

/* The output buffer, on the VM's allocator once it outgrows its own
 * array (most results are short: "k%d" % i): widths come from the
 * program ('%1000000000000d'), so growth may fail. Errors are sticky:
 * after a failed growth (MemoryError raised) further writes are dropped,
 * and the caller checks err once per conversion. Not to be copied once
 * initialised (s may point into the struct). */
typedef struct sb {
    vm_t *vm;
    char *s;               /* small, or a block from gc_try_realloc */
    size_t n, cap;
    bool err;
    char small[128];
} sb_t;

static void sb_init(sb_t *b, vm_t *vm)
{
    b->vm = vm;
    b->s = b->small;
    b->n = 0;
    b->cap = sizeof b->small;
    b->err = false;
    b->s[0] = 0;
}

static void sb_free(sb_t *b)
{
    if (b->s != b->small) {
        gc_free(b->vm, b->s, b->cap);
    }
    b->s = b->small;
    b->n = 0;
    b->cap = sizeof b->small;
    b->s[0] = 0;
}

/* Makes room for n more bytes and the NUL. */
static bool reserve(sb_t *b, size_t n)
{
    if (b->err) {
        return false;
    }
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->n + n + 1 > SIZE_MAX / 4 ? SIZE_MAX : (b->n + n + 1) * 2;
        bool small = b->s == b->small;
        char *s = cap == SIZE_MAX ? NULL
                  : gc_try_realloc(b->vm, small ? NULL : b->s,
                                   small ? 0 : b->cap, cap);
        if (s && small) {
            memcpy(s, b->small, b->n + 1);
        }
        if (!s) {
            if (!b->vm->exc) {
                vm_raise_obj(b->vm, (obj_t *)EXC_TYPE(b->vm, MemoryError));
            }
            b->err = true;
            return false;
        }
        b->s = s;
        b->cap = cap;
    }
    return true;
}

static void put(sb_t *b, const char *s, size_t n)
{
    if (!reserve(b, n)) {
        return;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

/* Appends count spaces. */
static void put_spaces(sb_t *b, size_t count)
{
    if (!reserve(b, count)) {
        return;
    }
    memset(b->s + b->n, ' ', count);
    b->n += count;
    b->s[b->n] = 0;
}

static size_t utf8_len(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            k++;
        }
    }
    return k;
}

static void pad(sb_t *b, const char *s, size_t n, long width, bool left)
{
    size_t chars = utf8_len(s, n);
    if (width > 0 && (size_t)width > chars && !left) {
        put_spaces(b, (size_t)width - chars);
    }
    put(b, s, n);
    if (width > 0 && (size_t)width > chars && left) {
        put_spaces(b, (size_t)width - chars);
    }
}

/* Converts one numeric argument with fmt.c. */
static int number(vm_t *vm, obj_t *v, char conv, fmt_spec_t *spec, sb_t *b)
{
    type_t *t = TYPE(v);
    bool is_int = t == vm->t_int || t == vm->t_bool ||
                  obj_isinstance_t(v, vm->t_int);
    bool is_float = t == vm->t_float || obj_isinstance_t(v, vm->t_float);
    char err[200];
    fmt_buf_t out;
    obj_fmt_buf_init(vm, &out);
    int r;
    if (strchr("diuoxX", conv)) {
        int64_t iv;
        if (is_int) {
            iv = OBJ_INT(v);
        } else if (is_float) {
            obj_t *i = num_float_to_int(vm, OBJ_FLOAT(v));
            if (!i) {
                return -1;
            }
            iv = OBJ_INT(i);
            if (strchr("oxX", conv)) {
                vm_raise(vm, EXC_TypeError,
                         "%%%c format: an integer is required, not float",
                         conv);
                return -1;
            }
        } else {
            if (strchr("oxX", conv)) {
                vm_raise(vm, EXC_TypeError,
                         "%%%c format: an integer is required, not %s", conv,
                         type_name(v));
            } else {
                vm_raise(vm, EXC_TypeError,
                         "%%%c format: a real number is required, not %s",
                         conv, type_name(v));
            }
            return -1;
        }
        spec->type = conv == 'i' || conv == 'u' ? 'd' : conv;
        r = fmt_format_int(iv, spec, "int", &out, err, sizeof err);
    } else {
        double d;
        if (is_float) {
            d = OBJ_FLOAT(v);
        } else if (is_int) {
            d = (double)OBJ_INT(v);
        } else {
            vm_raise(vm, EXC_TypeError, "must be real number, not %s",
                     type_name(v));
            return -1;
        }
        spec->type = conv;
        if (spec->precision < 0) {
            spec->precision = 6;
        }
        r = fmt_format_float(d, spec, &out, err, sizeof err);
    }
    if (r < 0) {
        obj_fmt_raise(vm, &out, err);
        return -1;
    }
    put(b, out.buf ? out.buf : "", out.len);
    fmt_buf_free(&out);
    return 0;
}

/* number() into a fresh buffer [nb]; on failure nb is freed already. */
static int convert(vm_t *vm, obj_t *v, char conv, fmt_spec_t *spec, sb_t *nb)
{
    sb_init(nb, vm);
    put(nb, "", 0);
    if (number(vm, v, conv, spec, nb) < 0 || nb->err) {
        sb_free(nb);
        return -1;
    }
    return 0;
}

/* %.3d: at least that many digits, zeros in front of them (after the
 * sign and a # prefix), as formatlong does; the 0 flag then fills to the
 * width the same way. */
static int precise_int(vm_t *vm, obj_t *v, char conv, fmt_spec_t *spec,
                       long width, bool left, sb_t *b)
{
    size_t prec = (size_t)spec->precision;
    spec->precision = -1;
    spec->width = -1;
    sb_t nb, t;
    if (convert(vm, v, conv, spec, &nb) < 0) {
        return -1;
    }
    size_t k = nb.n > 0 && strchr("+- ", nb.s[0]) ? 1 : 0;
    if (nb.n >= k + 2 && nb.s[k] == '0' && strchr("xXo", nb.s[k + 1])) {
        k += 2;
    }
    size_t digits = nb.n - k;
    size_t zeros = prec > digits ? prec - digits : 0;
    if (spec->zero && !left && width > 0 && (size_t)width > nb.n + zeros) {
        zeros = (size_t)width - nb.n;
    }
    static const char zero64[] =
        "0000000000000000000000000000000000000000000000000000000000000000";
    sb_init(&t, vm);
    put(&t, nb.s, k);
    for (size_t z = 0; z < zeros && !t.err; z += 64) {
        put(&t, zero64, zeros - z < 64 ? zeros - z : 64);
    }
    put(&t, nb.s + k, digits);
    pad(b, t.s, t.n, width, left);
    int r = t.err ? -1 : 0;
    sb_free(&t);
    sb_free(&nb);
    return r;
}

obj_t *str_mod(vm_t *vm, str_t *fmt, obj_t *args)
{
    const char *p = fmt->s, *end = fmt->s + fmt->len;
    tuple_t *tup = NULL;
    obj_t *mapping = NULL;
    if (TYPE(args) == vm->t_tuple) {
        tup = (tuple_t *)args;
    } else {
        tup = tuple_pack(vm, 1, args);
        if (obj_isinstance_t(args, vm->t_dict)) {
            mapping = args;
        }
    }
    size_t argi = 0;
    bool used_mapping = false;
    sb_t b;
    sb_init(&b, vm);
    put(&b, "", 0);
    while (p < end) {
        const char *q = memchr(p, '%', (size_t)(end - p));
        if (!q) {
            put(&b, p, (size_t)(end - p));
            break;
        }
        put(&b, p, (size_t)(q - p));
        const char *start = q;
        p = q + 1;
        obj_t *v = NULL;
        if (p < end && *p == '(') {
            if (!mapping) {
                sb_free(&b);
                return vm_raise(vm, EXC_TypeError,
                                "format requires a mapping");
            }
            int depth = 1;
            const char *k = ++p;
            while (p < end && depth) {
                if (*p == '(') {
                    depth++;
                } else if (*p == ')') {
                    depth--;
                }
                p++;
            }
            if (depth) {
                sb_free(&b);
                return vm_raise(vm, EXC_ValueError,
                                "incomplete format key");
            }
            str_t *key = str_new(vm, k, (size_t)(p - 1 - k));
            v = obj_getitem(vm, mapping, (obj_t *)key);
            if (!v) {
                sb_free(&b);
                return NULL;
            }
            used_mapping = true;
        }
        fmt_spec_t spec;
        fmt_spec_init(&spec);
        bool left = false;
        for (; p < end && strchr("-+ #0", *p); p++) {
            switch (*p) {
            case '-': left = true; break;
            case '+': spec.sign = '+'; break;
            case ' ': if (spec.sign != '+') { spec.sign = ' '; } break;
            case '#': spec.alt = true; break;
            case '0': spec.zero = true; break;
            }
        }
        long width = -1;
        if (p < end && *p == '*') {
            p++;
            if (argi >= tup->n) {
                sb_free(&b);
                return vm_raise(vm, EXC_TypeError,
                                "not enough arguments for format string");
            }
            int64_t w;
            if (obj_index(vm, tup->items[argi++], &w) < 0) {
                sb_free(&b);
                vm->exc = NULL;
                return vm_raise(vm, EXC_TypeError, "* wants int");
            }
            if (w < 0) {
                left = true;
                w = w == INT64_MIN ? INT64_MAX : -w;  // (no signed overflow)
            }
            width = (long)w;
        } else {
            while (p < end && *p >= '0' && *p <= '9') {
                // CPython's width is a Py_ssize_t.
                int d = *p++ - '0';
                if (width > (INT64_MAX - d) / 10) {
                    sb_free(&b);
                    return vm_raise(vm, EXC_ValueError, "width too big");
                }
                width = (width < 0 ? 0 : width) * 10 + d;
            }
        }
        if (p < end && *p == '.') {
            p++;
            long prec = 0;
            if (p < end && *p == '*') {
                p++;
                if (argi >= tup->n) {
                    sb_free(&b);
                    return vm_raise(vm, EXC_TypeError,
                                    "not enough arguments for format string");
                }
                int64_t w;
                if (obj_index(vm, tup->items[argi++], &w) < 0) {
                    sb_free(&b);
                    vm->exc = NULL;
                    return vm_raise(vm, EXC_TypeError, "* wants int");
                }
                if (w < INT_MIN || w > INT_MAX) {
                    // CPython's precision is a C int.
                    sb_free(&b);
                    return vm_raise(vm, EXC_OverflowError, "Python int too "
                                    "large to convert to C int");
                }
                prec = (long)w;
            } else {
                while (p < end && *p >= '0' && *p <= '9') {
                    int d = *p++ - '0';
                    if (prec > (INT_MAX - d) / 10) {
                        sb_free(&b);
                        return vm_raise(vm, EXC_ValueError,
                                        "precision too big");
                    }
                    prec = prec * 10 + d;
                }
            }
            spec.precision = prec;
        }
        while (p < end && (*p == 'h' || *p == 'l' || *p == 'L')) {
            p++;
        }
        if (p >= end) {
            sb_free(&b);
            return vm_raise(vm, EXC_ValueError, "incomplete format");
        }
        char conv = *p++;
        if (conv == '%') {
            put(&b, "%", 1);
            continue;
        }
        if (!v) {
            if (argi >= tup->n) {
                sb_free(&b);
                return vm_raise(vm, EXC_TypeError,
                                "not enough arguments for format string");
            }
            v = tup->items[argi++];
        }
        switch (conv) {
        case 's': case 'r': case 'a': {
            str_t *s = conv == 's'   ? obj_str(vm, v)
                       : conv == 'r' ? obj_repr(vm, v)
                                     : str_ascii(vm, v);
            if (!s) {
                sb_free(&b);
                return NULL;
            }
            size_t n = s->len;
            if (spec.precision >= 0) {
                size_t off = (size_t)spec.precision < s->nchars
                                 ? str_offset(s, (size_t)spec.precision)
                                 : s->len;
                n = off;
            }
            pad(&b, s->s, n, width, left);
            break;
        }
        case 'c': {
            char u[8];
            size_t n;
            if (TYPE(v) == vm->t_str && ((str_t *)v)->nchars == 1) {
                n = ((str_t *)v)->len;
                memcpy(u, ((str_t *)v)->s, n);
            } else {
                int64_t c;
                if (obj_index(vm, v, &c) < 0) {
                    sb_free(&b);
                    vm->exc = NULL;
                    return vm_raise(vm, EXC_TypeError,
                                    "%%c requires int or char");
                }
                obj_t *chr = dict_get_cstr(vm, vm->builtins, "chr");
                str_t *cs = (str_t *)vm_call1(vm, chr, int_new(vm, c));
                if (!cs) {
                    sb_free(&b);
                    return NULL;
                }
                n = cs->len;
                memcpy(u, cs->s, n);
            }
            pad(&b, u, n, width, left);
            break;
        }
        case 'd': case 'i': case 'u':
            if (TYPE(v) == vm->t_int && !left && width < 0 &&
                spec.precision < 0 && spec.sign == 0 && !spec.alt &&
                !spec.zero) {
                // Plain %d of an exact int, the common case: the digits
                // fmt.c would lay out, with nothing around them.
                char d[24];
                put(&b, d, fmt_i64(OBJ_INT(v), d));
                break;
            }
            /* fall through */
        case 'o': case 'x': case 'X':
            if (spec.precision >= 0) {
                if (precise_int(vm, v, conv, &spec, width, left, &b) < 0) {
                    sb_free(&b);
                    return NULL;
                }
                break;
            }
            /* fall through */
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            spec.width = left ? -1 : width;
            if (spec.zero && !left) {
                spec.align = '=';
                spec.fill[0] = '0';
                spec.fill[1] = 0;
            }
            sb_t nb;
            if (convert(vm, v, conv, &spec, &nb) < 0) {
                sb_free(&b);
                return NULL;
            }
            pad(&b, nb.s, nb.n, left ? width : -1, left);
            sb_free(&nb);
            break;
        }
        default:
            sb_free(&b);
            return vm_raise(vm, EXC_ValueError,
                            "unsupported format character '%c' (0x%x) at "
                            "index %zu", conv, (unsigned char)conv,
                            (size_t)(p - 1 - fmt->s));
        }
        (void)start;
        if (b.err) {
            sb_free(&b);
            return NULL;
        }
    }
    if (argi < tup->n && !used_mapping && !mapping) {
        sb_free(&b);
        return vm_raise(vm, EXC_TypeError,
                        "not all arguments converted during string "
                        "formatting");
    }
    str_t *r = b.err ? NULL : str_new(vm, b.s, b.n);
    sb_free(&b);
    return (obj_t *)r;
}

static obj_t *m_str_mod(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kw)
{
    (void)kw;
    if (argc != 1) {
        return vm_raise(vm, EXC_TypeError, "expected 1 argument");
    }
    if (!self || !obj_isinstance_t(self, vm->t_str)) {
        return vm->notimpl;
    }
    return str_mod(vm, (str_t *)self, argv[0]);
}

void obj_strfmt_init(vm_t *vm)
{
    type_add_method(vm, vm->t_str, "__mod__", m_str_mod);
}
