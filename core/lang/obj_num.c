/*
 * obj_num.c - int, bool and float (mirrors Objects/longobject.c,
 * boolobject.c and floatobject.c for the behaviour a learner sees).
 *
 * looplab's int is 64-bit: an operation whose exact result does not fit
 * raises OverflowError("integer overflow: looplab ints are 64-bit") instead
 * of growing, a documented difference from CPython. Everything else
 * (floor division and modulo rounding toward negative infinity, true
 * division giving float, mixed int/float arithmetic, bool being an int) is
 * CPython's.
 */
#include "obj_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

obj_t *int_new(vm_t *vm, int64_t v)
{
    if (v >= -5 && v <= 256 && vm->small_ints[v + 5]) {
        return vm->small_ints[v + 5];
    }
    int_t *o = (int_t *)gc_alloc(vm, vm->t_int, sizeof(int_t));
    o->v = v;
    return (obj_t *)o;
}

obj_t *float_new(vm_t *vm, double v)
{
    float_t_ *o = (float_t_ *)gc_alloc(vm, vm->t_float, sizeof(float_t_));
    o->v = v;
    return (obj_t *)o;
}

obj_t *bool_new(vm_t *vm, bool b)
{
    return b ? vm->true_ : vm->false_;
}

static obj_t *overflow(vm_t *vm)
{
    return vm_raise(vm, EXC_OverflowError,
                    "integer overflow: looplab ints are 64-bit");
}

static bool is_intlike(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_int || TYPE(o) == vm->t_bool ||
           obj_isinstance_t(o, vm->t_int);
}

static bool as_double(vm_t *vm, obj_t *o, double *out)
{
    if (TYPE(o) == vm->t_float || obj_isinstance_t(o, vm->t_float)) {
        *out = OBJ_FLOAT(o);
        return true;
    }
    if (is_intlike(vm, o)) {
        *out = (double)OBJ_INT(o);
        return true;
    }
    return false;
}

static int64_t floordiv64(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

static int64_t mod64(int64_t a, int64_t b)
{
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        r += b;
    }
    return r;
}

static obj_t *int_pow(vm_t *vm, int64_t a, int64_t b)
{
    if (b < 0) {
        if (a == 0) {
            return vm_raise(vm, EXC_ZeroDivisionError,
                            "0.0 cannot be raised to a negative power");
        }
        return float_new(vm, pow((double)a, (double)b));
    }
    int64_t r = 1;
    int64_t base = a;
    while (b > 0) {
        if (b & 1) {
            if (__builtin_mul_overflow(r, base, &r)) {
                return overflow(vm);
            }
        }
        b >>= 1;
        if (b > 0 && __builtin_mul_overflow(base, base, &base)) {
            return overflow(vm);
        }
    }
    return int_new(vm, r);
}

static obj_t *int_binop(vm_t *vm, int64_t a, int64_t b, int op, bool boolres)
{
    int64_t r;
    switch (op) {
    case OP_ADD:
        if (__builtin_add_overflow(a, b, &r)) {
            return overflow(vm);
        }
        return int_new(vm, r);
    case OP_SUB:
        if (__builtin_sub_overflow(a, b, &r)) {
            return overflow(vm);
        }
        return int_new(vm, r);
    case OP_MUL:
        if (__builtin_mul_overflow(a, b, &r)) {
            return overflow(vm);
        }
        return int_new(vm, r);
    case OP_TRUEDIV:
        if (b == 0) {
            return vm_raise(vm, EXC_ZeroDivisionError, "division by zero");
        }
        return float_new(vm, (double)a / (double)b);
    case OP_FLOORDIV:
        if (b == 0) {
            return vm_raise(vm, EXC_ZeroDivisionError,
                            "integer division or modulo by zero");
        }
        if (a == INT64_MIN && b == -1) {
            return overflow(vm);
        }
        return int_new(vm, floordiv64(a, b));
    case OP_MOD:
        if (b == 0) {
            return vm_raise(vm, EXC_ZeroDivisionError,
                            "integer modulo by zero");
        }
        if (b == -1) {
            return int_new(vm, 0);
        }
        return int_new(vm, mod64(a, b));
    case OP_POW:
        return int_pow(vm, a, b);
    case OP_AND:
        return boolres ? bool_new(vm, (a & b) != 0) : int_new(vm, a & b);
    case OP_OR:
        return boolres ? bool_new(vm, (a | b) != 0) : int_new(vm, a | b);
    case OP_XOR:
        return boolres ? bool_new(vm, (a ^ b) != 0) : int_new(vm, a ^ b);
    case OP_LSHIFT:
        if (b < 0) {
            return vm_raise(vm, EXC_ValueError, "negative shift count");
        }
        if (a == 0) {
            return int_new(vm, 0);
        }
        if (b >= 63 || (a > 0 ? a > (INT64_MAX >> b) : a < (INT64_MIN >> b))) {
            return overflow(vm);
        }
        return int_new(vm, (int64_t)((uint64_t)a << b));
    case OP_RSHIFT:
        if (b < 0) {
            return vm_raise(vm, EXC_ValueError, "negative shift count");
        }
        if (b >= 64) {
            return int_new(vm, a < 0 ? -1 : 0);
        }
        return int_new(vm, a >> b);
    default:
        return vm->notimpl;
    }
}

static obj_t *float_binop(vm_t *vm, double a, double b, int op)
{
    switch (op) {
    case OP_ADD: return float_new(vm, a + b);
    case OP_SUB: return float_new(vm, a - b);
    case OP_MUL: return float_new(vm, a * b);
    case OP_TRUEDIV:
        if (b == 0.0) {
            return vm_raise(vm, EXC_ZeroDivisionError,
                            "float division by zero");
        }
        return float_new(vm, a / b);
    case OP_FLOORDIV:
        if (b == 0.0) {
            return vm_raise(vm, EXC_ZeroDivisionError,
                            "float floor division by zero");
        }
        return float_new(vm, fmt_float_floordiv(a, b));
    case OP_MOD:
        if (b == 0.0) {
            return vm_raise(vm, EXC_ZeroDivisionError, "float modulo");
        }
        return float_new(vm, fmt_float_mod(a, b));
    case OP_POW:
        if (a == 0.0 && b < 0.0) {
            return vm_raise(vm, EXC_ZeroDivisionError,
                            "0.0 cannot be raised to a negative power");
        }
        if (a < 0.0 && b != floor(b) && isfinite(b)) {
            return vm_raise(vm, EXC_ValueError,
                            "negative number cannot be raised to a "
                            "fractional power (complex results are not "
                            "supported by looplab)");
        }
        {
            errno = 0;
            double r = pow(a, b);
            if (isinf(r) && isfinite(a) && isfinite(b)) {
                return vm_raise(vm, EXC_OverflowError,
                                "(34, 'Numerical result out of range')");
            }
            return float_new(vm, r);
        }
    default:
        return vm->notimpl;
    }
}

obj_t *num_binop(vm_t *vm, obj_t *a, obj_t *b, int op)
{
    type_t *ta = TYPE(a), *tb = TYPE(b);
    bool ai = ta == vm->t_int || ta == vm->t_bool;
    bool bi = tb == vm->t_int || tb == vm->t_bool;
    if (ai && bi) {
        return int_binop(vm, OBJ_INT(a), OBJ_INT(b), op,
                         ta == vm->t_bool && tb == vm->t_bool);
    }
    bool af = ta == vm->t_float, bf = tb == vm->t_float;
    if ((af || ai) && (bf || bi) && (af || bf)) {
        if (op >= OP_MATMUL) {
            return vm->notimpl;
        }
        double x = af ? OBJ_FLOAT(a) : (double)OBJ_INT(a);
        double y = bf ? OBJ_FLOAT(b) : (double)OBJ_INT(b);
        return float_binop(vm, x, y, op);
    }
    return vm->notimpl;
}

obj_t *num_unop(vm_t *vm, obj_t *a, int op)
{
    type_t *t = TYPE(a);
    if (t == vm->t_int || t == vm->t_bool) {
        int64_t v = OBJ_INT(a);
        if (op == UOP_NEG) {
            if (v == INT64_MIN) {
                return overflow(vm);
            }
            return int_new(vm, -v);
        }
        if (op == UOP_POS) {
            return int_new(vm, v);
        }
        return int_new(vm, ~v);
    }
    if (t == vm->t_float) {
        if (op == UOP_NEG) {
            return float_new(vm, -OBJ_FLOAT(a));
        }
        if (op == UOP_POS) {
            return a;
        }
    }
    return vm->notimpl;
}

/* ---- repr -------------------------------------------------------------- */

static obj_t *int_repr(vm_t *vm, obj_t *o)
{
    char buf[32];
    return (obj_t *)str_new(vm, buf, fmt_i64(OBJ_INT(o), buf));
}

static obj_t *bool_repr(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_intern(vm, o == vm->true_ ? "True" : "False");
}

static obj_t *float_repr(vm_t *vm, obj_t *o)
{
    char buf[40];
    fmt_float_repr(OBJ_FLOAT(o), buf, sizeof buf);
    return (obj_t *)str_cstr(vm, buf);
}

/* ---- Constructors ------------------------------------------------------- */

static obj_t *int_from_str(vm_t *vm, str_t *s, int64_t base)
{
    const char *p = s->s, *end = s->s + s->len;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
                       *p == '\f' || *p == '\v')) {
        p++;
    }
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
                       end[-1] == '\r' || end[-1] == '\f' ||
                       end[-1] == '\v')) {
        end--;
    }
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) {
        neg = *p == '-';
        p++;
    }
    if (base == 0 || base == 16 || base == 8 || base == 2) {
        if (end - p >= 2 && p[0] == '0') {
            char k = (char)(p[1] | 0x20);
            int64_t b = k == 'x' ? 16 : k == 'o' ? 8 : k == 'b' ? 2 : 0;
            if (b && (base == 0 || base == b)) {
                base = b;
                p += 2;
                if (p < end && *p == '_') {
                    p++;
                }
            }
        }
        if (base == 0) {
            base = 10;
            // A base-0 literal may not have leading zeros.
            if (end - p > 1 && p[0] == '0') {
                for (const char *q = p; q < end; q++) {
                    if (*q != '0' && *q != '_') {
                        goto bad;
                    }
                }
            }
        }
    }
    if (p == end) {
        goto bad;
    }
    uint64_t v = 0;
    bool prev_us = true;
    for (; p < end; p++) {
        int d;
        char c = *p;
        if (c == '_') {
            if (prev_us) {
                goto bad;
            }
            prev_us = true;
            continue;
        }
        prev_us = false;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            d = c - 'A' + 10;
        } else {
            goto bad;
        }
        if (d >= base) {
            goto bad;
        }
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) {
            return overflow(vm);
        }
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (prev_us) {
        goto bad;
    }
    if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX) {
        return overflow(vm);
    }
    return int_new(vm, neg ? (int64_t)(0 - v) : (int64_t)v);
bad: {
        str_t *r = str_repr(vm, s);
        return vm_raise(vm, EXC_ValueError,
                        "invalid literal for int() with base %lld: %s",
                        (long long)base, r ? r->s : "?");
    }
}

obj_t *num_float_to_int(vm_t *vm, double d)
{
    if (isinf(d)) {
        return vm_raise(vm, EXC_OverflowError,
                        "cannot convert float infinity to integer");
    }
    if (isnan(d)) {
        return vm_raise(vm, EXC_ValueError,
                        "cannot convert float NaN to integer");
    }
    double t = trunc(d);
    if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) {
        return overflow(vm);
    }
    return int_new(vm, (int64_t)t);
}

static obj_t *int_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    static const char *const names[] = {"x", "base"};
    obj_t *a[2] = {NULL, NULL};
    if (vm_parse_args(vm, "int", argc, argv, kw, 0, 2, names, 2, a) < 0) {
        return NULL;
    }
    obj_t *r;
    if (!a[0]) {
        r = int_new(vm, 0);
    } else if (a[1]) {
        int64_t base;
        if (obj_index(vm, a[1], &base) < 0) {
            return NULL;
        }
        if (!obj_isinstance_t(a[0], vm->t_str)) {
            return vm_raise(vm, EXC_TypeError,
                            "int() can't convert non-string with explicit "
                            "base");
        }
        if ((base != 0 && base < 2) || base > 36) {
            return vm_raise(vm, EXC_ValueError,
                            "int() base must be >= 2 and <= 36, or 0");
        }
        r = int_from_str(vm, (str_t *)a[0], base);
    } else if (TYPE(a[0]) == vm->t_int) {
        r = a[0];
    } else if (TYPE(a[0]) == vm->t_bool) {
        r = int_new(vm, OBJ_INT(a[0]));
    } else if (TYPE(a[0]) == vm->t_float) {
        r = num_float_to_int(vm, OBJ_FLOAT(a[0]));
    } else if (obj_isinstance_t(a[0], vm->t_str)) {
        r = int_from_str(vm, (str_t *)a[0], 10);
    } else {
        bool found;
        r = obj_call_special(vm, a[0], vm->s.__int__, 0, NULL, &found);
        if (!found) {
            r = obj_call_special(vm, a[0], vm->s.__index__, 0, NULL, &found);
        }
        if (!found) {
            return vm_raise(vm, EXC_TypeError,
                            "int() argument must be a string, a bytes-like "
                            "object or a real number, not '%s'",
                            type_name(a[0]));
        }
    }
    if (r && (type_t *)self != vm->t_int) {
        // A subclass of int: an instance of it holding the value.
        type_t *cls = (type_t *)self;
        // cls->size has room for its lazily made __dict__ (type.c).
        int_t *o = (int_t *)gc_alloc(vm, cls, cls->size);
        o->v = OBJ_INT(r);
        return (obj_t *)o;
    }
    return r;
}

static obj_t *bool_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)self;
    if ((kw && kw->n) || argc > 1) {
        return vm_raise(vm, EXC_TypeError,
                        "bool expected at most 1 argument, got %d", argc);
    }
    if (argc == 0) {
        return vm->false_;
    }
    int t = obj_truthy(vm, argv[0]);
    return t < 0 ? NULL : bool_new(vm, t);
}

static obj_t *float_value(vm_t *vm, int argc, obj_t **argv, tuple_t *kw);

/* float(x) and a subclass's: float_new_impl and float_subtype_new. */
static obj_t *float_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                             tuple_t *kw)
{
    obj_t *r = float_value(vm, argc, argv, kw);
    if (r && (type_t *)self != vm->t_float) {
        // A subclass of float: an instance of it holding the value, in a
        // block with room for its lazily made __dict__ (type.c).
        type_t *cls = (type_t *)self;
        float_t_ *o = (float_t_ *)gc_alloc(vm, cls, cls->size);
        o->v = OBJ_FLOAT(r);
        return (obj_t *)o;
    }
    return r;
}

static obj_t *float_value(vm_t *vm, int argc, obj_t **argv, tuple_t *kw)
{
    if ((kw && kw->n) || argc > 1) {
        return vm_raise(vm, EXC_TypeError,
                        "float expected at most 1 argument, got %d", argc);
    }
    if (argc == 0) {
        return float_new(vm, 0.0);
    }
    obj_t *x = argv[0];
    double d;
    if (TYPE(x) == vm->t_float) {
        return x;
    }
    if (as_double(vm, x, &d)) {
        return float_new(vm, d);
    }
    if (obj_isinstance_t(x, vm->t_str)) {
        str_t *s = (str_t *)x;
        if (fmt_parse_float(s->s, s->len, &d) < 0) {
            str_t *r = str_repr(vm, s);
            return vm_raise(vm, EXC_ValueError,
                            "could not convert string to float: %s",
                            r ? r->s : "?");
        }
        return float_new(vm, d);
    }
    bool found;
    obj_t *r = obj_call_special(vm, x, vm->s.__float__, 0, NULL, &found);
    if (found) {
        return r;
    }
    r = obj_call_special(vm, x, vm->s.__index__, 0, NULL, &found);
    if (found) {
        return r ? float_new(vm, (double)OBJ_INT(r)) : NULL;
    }
    return vm_raise(vm, EXC_TypeError,
                    "float() argument must be a string or a real number, "
                    "not '%s'", type_name(x));
}

/* ---- Comparison methods (shared by int, bool and float) ---------------- */

static obj_t *num_cmp(vm_t *vm, obj_t *a, obj_t *b, int op)
{
    if (is_intlike(vm, a) && is_intlike(vm, b)) {
        int64_t x = OBJ_INT(a), y = OBJ_INT(b);
        bool r = op == CMP_LT ? x < y : op == CMP_LE ? x <= y
               : op == CMP_EQ ? x == y : op == CMP_NE ? x != y
               : op == CMP_GT ? x > y : x >= y;
        return bool_new(vm, r);
    }
    double x, y;
    if (!as_double(vm, a, &x) || !as_double(vm, b, &y)) {
        return vm->notimpl;
    }
    bool r = op == CMP_LT ? x < y : op == CMP_LE ? x <= y
           : op == CMP_EQ ? x == y : op == CMP_NE ? x != y
           : op == CMP_GT ? x > y : x >= y;
    return bool_new(vm, r);
}

#define CMP_METHOD(name, op)                                                \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)                                         \
    {                                                                       \
        (void)kw;                                                           \
        if (argc != 1) {                                                    \
            return vm_raise(vm, EXC_TypeError, "expected 1 argument");      \
        }                                                                   \
        return num_cmp(vm, self, argv[0], op);                              \
    }
CMP_METHOD(m_lt, CMP_LT)
CMP_METHOD(m_le, CMP_LE)
CMP_METHOD(m_eq, CMP_EQ)
CMP_METHOD(m_ne, CMP_NE)
CMP_METHOD(m_gt, CMP_GT)
CMP_METHOD(m_ge, CMP_GE)

/* The value of an instance of a class on int or float as a plain int or
 * float; anything else as it is. The eval loop's arithmetic (num_binop,
 * num_unop) takes exact ints and floats only, so that a class's own
 * __add__ comes first; the methods below are what an instance of a
 * class that does not define them inherits (int_add and friends in
 * CPython work on any int). */
static obj_t *num_plain(vm_t *vm, obj_t *x)
{
    type_t *t = TYPE(x);
    if (t == vm->t_int || t == vm->t_bool || t == vm->t_float) {
        return x;
    }
    if (t->solid == vm->t_int) {
        return int_new(vm, OBJ_INT(x));
    }
    if (t->solid == vm->t_float) {
        return float_new(vm, OBJ_FLOAT(x));
    }
    return x;
}

#define BIN_METHOD(name, op, reflected)                                     \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)                                         \
    {                                                                       \
        (void)kw;                                                           \
        if (argc != 1) {                                                    \
            return vm_raise(vm, EXC_TypeError, "expected 1 argument");      \
        }                                                                   \
        obj_t *a = num_plain(vm, self), *b = num_plain(vm, argv[0]);        \
        return reflected ? num_binop(vm, b, a, op) : num_binop(vm, a, b, op); \
    }
BIN_METHOD(m_add, OP_ADD, 0)
BIN_METHOD(m_radd, OP_ADD, 1)
BIN_METHOD(m_sub, OP_SUB, 0)
BIN_METHOD(m_rsub, OP_SUB, 1)
BIN_METHOD(m_mul, OP_MUL, 0)
BIN_METHOD(m_rmul, OP_MUL, 1)
BIN_METHOD(m_truediv, OP_TRUEDIV, 0)
BIN_METHOD(m_rtruediv, OP_TRUEDIV, 1)
BIN_METHOD(m_floordiv, OP_FLOORDIV, 0)
BIN_METHOD(m_rfloordiv, OP_FLOORDIV, 1)
BIN_METHOD(m_mod, OP_MOD, 0)
BIN_METHOD(m_rmod, OP_MOD, 1)
BIN_METHOD(m_pow, OP_POW, 0)
BIN_METHOD(m_rpow, OP_POW, 1)
BIN_METHOD(m_and, OP_AND, 0)
BIN_METHOD(m_rand, OP_AND, 1)
BIN_METHOD(m_or, OP_OR, 0)
BIN_METHOD(m_ror, OP_OR, 1)
BIN_METHOD(m_xor, OP_XOR, 0)
BIN_METHOD(m_rxor, OP_XOR, 1)
BIN_METHOD(m_lshift, OP_LSHIFT, 0)
BIN_METHOD(m_rlshift, OP_LSHIFT, 1)
BIN_METHOD(m_rshift, OP_RSHIFT, 0)
BIN_METHOD(m_rrshift, OP_RSHIFT, 1)

#define UN_METHOD(name, op)                                                 \
    static obj_t *name(vm_t *vm, obj_t *self, int argc, obj_t **argv,       \
                       tuple_t *kw)                                         \
    {                                                                       \
        (void)argc, (void)argv, (void)kw;                                   \
        return num_unop(vm, num_plain(vm, self), op);                       \
    }
UN_METHOD(m_neg, UOP_NEG)
UN_METHOD(m_pos, UOP_POS)
UN_METHOD(m_invert, UOP_INVERT)

static obj_t *m_abs(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                    tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    obj_t *x = num_plain(vm, self);
    if (TYPE(x) == vm->t_float) {
        return float_new(vm, fabs(OBJ_FLOAT(x)));
    }
    if (OBJ_INT(x) == INT64_MIN) {
        return overflow(vm);
    }
    return int_new(vm, OBJ_INT(x) < 0 ? -OBJ_INT(x) : OBJ_INT(x));
}

/* int.__repr__ / float.__repr__ / bool.__repr__, called explicitly (a
 * subclass's __repr__ calling super().__repr__()): the built-in repr of
 * the value, whatever the class says. */
static obj_t *m_int_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return int_repr(vm, self);
}

static obj_t *m_float_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return float_repr(vm, self);
}

static obj_t *m_bool_repr(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return bool_repr(vm, self);
}

static obj_t *m_format(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                       tuple_t *kw)
{
    (void)kw;
    if (argc != 1 || !obj_isinstance_t(argv[0], vm->t_str)) {
        return vm_raise(vm, EXC_TypeError,
                        "format() argument must be str, not %s",
                        argc ? type_name(argv[0]) : "nothing");
    }
    if (((str_t *)argv[0])->len == 0) {
        // format(x, '') is str(x), a subclass's own __str__ included.
        return (obj_t *)obj_str(vm, self);
    }
    obj_t *x = num_plain(vm, self);
    if (TYPE(x) == vm->t_bool) {
        x = int_new(vm, OBJ_INT(x));  // format(True, 'd') is int's
    }
    return (obj_t *)obj_format(vm, x, (str_t *)argv[0]);
}

static obj_t *m_int_index(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return int_new(vm, OBJ_INT(self));
}

static obj_t *m_int_float(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return float_new(vm, (double)OBJ_INT(self));
}

static obj_t *m_num_hash(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    int64_t h;
    if (TYPE(self) == vm->t_float || obj_isinstance_t(self, vm->t_float)) {
        h = obj_hash_double(OBJ_FLOAT(self));
    } else {
        const int64_t mod = ((int64_t)1 << 61) - 1;
        h = OBJ_INT(self) % mod;
        h = h == -1 ? -2 : h;
    }
    return int_new(vm, h);
}

static obj_t *m_int_bit_length(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    int64_t v = OBJ_INT(self);
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int n = 0;
    while (u) {
        n++;
        u >>= 1;
    }
    return int_new(vm, n);
}

static obj_t *m_int_round(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)kw;
    int64_t v = OBJ_INT(self);
    if (argc == 0 || argv[0] == vm->none) {
        return int_new(vm, v);
    }
    int64_t nd;
    if (obj_index(vm, argv[0], &nd) < 0) {
        return NULL;
    }
    if (nd >= 0) {
        return int_new(vm, v);
    }
    // Round half to even at 10**-nd.
    int64_t p = 1;
    for (int64_t i = 0; i < -nd; i++) {
        if (p > INT64_MAX / 10) {
            return int_new(vm, 0);
        }
        p *= 10;
    }
    int64_t q = floordiv64(v, p), r = mod64(v, p);
    if (r * 2 > p || (r * 2 == p && (q & 1))) {
        q++;
    }
    return int_new(vm, q * p);
}

static obj_t *m_float_round(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)kw;
    double x = OBJ_FLOAT(self);
    if (argc == 0 || argv[0] == vm->none) {
        double r = nearbyint(x); // the default rounding mode: half to even
        return num_float_to_int(vm, r);
    }
    int64_t nd;
    if (obj_index(vm, argv[0], &nd) < 0) {
        return NULL;
    }
    if (!isfinite(x)) {
        return float_new(vm, x);
    }
    bool ovf = false;
    double r = fmt_round_float(x, (int)(nd > 400 ? 400 : nd < -400 ? -400 : nd),
                               &ovf);
    if (ovf) {
        return vm_raise(vm, EXC_OverflowError,
                        "rounded value too large to represent");
    }
    return float_new(vm, r);
}

static obj_t *m_float_is_integer(vm_t *vm, obj_t *self, int argc,
                                 obj_t **argv, tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    double x = OBJ_FLOAT(self);
    return bool_new(vm, isfinite(x) && x == floor(x));
}

static obj_t *m_float_int(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return num_float_to_int(vm, OBJ_FLOAT(self));
}

static obj_t *m_float_float(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    return float_new(vm, OBJ_FLOAT(self));
}

static obj_t *m_num_bool(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                         tuple_t *kw)
{
    (void)argc, (void)argv, (void)kw;
    if (TYPE(self) == vm->t_float) {
        return bool_new(vm, OBJ_FLOAT(self) != 0.0);
    }
    return bool_new(vm, OBJ_INT(self) != 0);
}

static obj_t *num_getattr(vm_t *vm, obj_t *o, str_t *name)
{
    if (strcmp(name->s, "real") == 0) {
        return TYPE(o) == vm->t_float ? o : int_new(vm, OBJ_INT(o));
    }
    if (strcmp(name->s, "imag") == 0) {
        return TYPE(o) == vm->t_float ? float_new(vm, 0.0) : int_new(vm, 0);
    }
    if (strcmp(name->s, "numerator") == 0 && TYPE(o) != vm->t_float) {
        return int_new(vm, OBJ_INT(o));
    }
    if (strcmp(name->s, "denominator") == 0 && TYPE(o) != vm->t_float) {
        return int_new(vm, 1);
    }
    return NULL;
}

static void add_num_methods(vm_t *vm, type_t *t)
{
    type_add_method(vm, t, "__lt__", m_lt);
    type_add_method(vm, t, "__le__", m_le);
    type_add_method(vm, t, "__eq__", m_eq);
    type_add_method(vm, t, "__ne__", m_ne);
    type_add_method(vm, t, "__gt__", m_gt);
    type_add_method(vm, t, "__ge__", m_ge);
    type_add_method(vm, t, "__add__", m_add);
    type_add_method(vm, t, "__radd__", m_radd);
    type_add_method(vm, t, "__sub__", m_sub);
    type_add_method(vm, t, "__rsub__", m_rsub);
    type_add_method(vm, t, "__mul__", m_mul);
    type_add_method(vm, t, "__rmul__", m_rmul);
    type_add_method(vm, t, "__truediv__", m_truediv);
    type_add_method(vm, t, "__rtruediv__", m_rtruediv);
    type_add_method(vm, t, "__floordiv__", m_floordiv);
    type_add_method(vm, t, "__rfloordiv__", m_rfloordiv);
    type_add_method(vm, t, "__mod__", m_mod);
    type_add_method(vm, t, "__rmod__", m_rmod);
    type_add_method(vm, t, "__pow__", m_pow);
    type_add_method(vm, t, "__rpow__", m_rpow);
    type_add_method(vm, t, "__neg__", m_neg);
    type_add_method(vm, t, "__pos__", m_pos);
    type_add_method(vm, t, "__abs__", m_abs);
    type_add_method(vm, t, "__format__", m_format);
    type_add_method(vm, t, "__hash__", m_num_hash);
    type_add_method(vm, t, "__bool__", m_num_bool);
}

void obj_num_init(vm_t *vm)
{
    vm->t_int = type_new_builtin(vm, "int", vm->t_object, LAYOUT_INT,
                                 sizeof(int_t));
    vm->t_int->repr = int_repr;
    vm->t_int->str = int_repr;
    vm->t_int->new_ = int_new_slot;
    vm->t_int->getattr = num_getattr;
    vm->t_bool = type_new_builtin(vm, "bool", vm->t_int, LAYOUT_INT,
                                  sizeof(int_t));
    vm->t_bool->repr = bool_repr;
    vm->t_bool->str = bool_repr;
    vm->t_bool->new_ = bool_new_slot;
    vm->t_float = type_new_builtin(vm, "float", vm->t_object, LAYOUT_FLOAT,
                                   sizeof(float_t_));
    vm->t_float->repr = float_repr;
    vm->t_float->str = float_repr;
    vm->t_float->new_ = float_new_slot;
    vm->t_float->getattr = num_getattr;
    for (int i = 0; i < 262; i++) {
        int_t *o = (int_t *)gc_alloc(vm, vm->t_int, sizeof(int_t));
        o->v = i - 5;
        vm->small_ints[i] = (obj_t *)o;
    }
    int_t *t = (int_t *)gc_alloc(vm, vm->t_bool, sizeof(int_t));
    t->v = 1;
    vm->true_ = (obj_t *)t;
    int_t *f = (int_t *)gc_alloc(vm, vm->t_bool, sizeof(int_t));
    f->v = 0;
    vm->false_ = (obj_t *)f;
}

/* Methods need the type dicts, which exist after obj_core_finish. */
void obj_num_methods(vm_t *vm)
{
    add_num_methods(vm, vm->t_int);
    add_num_methods(vm, vm->t_float);
    type_add_method(vm, vm->t_int, "__index__", m_int_index);
    type_add_method(vm, vm->t_int, "__int__", m_int_index);
    type_add_method(vm, vm->t_int, "__float__", m_int_float);
    type_add_method(vm, vm->t_int, "bit_length", m_int_bit_length);
    type_add_method(vm, vm->t_int, "__repr__", m_int_repr);
    type_add_method(vm, vm->t_float, "__repr__", m_float_repr);
    type_add_method(vm, vm->t_bool, "__repr__", m_bool_repr);
    type_add_native(vm, vm->t_int, "__new__", type__m_builtin_new,
                    TM_STATIC);
    type_add_native(vm, vm->t_float, "__new__", type__m_builtin_new,
                    TM_STATIC);
    type_add_native(vm, vm->t_bool, "__new__", type__m_builtin_new,
                    TM_STATIC);
    type_add_method(vm, vm->t_int, "__and__", m_and);
    type_add_method(vm, vm->t_int, "__rand__", m_rand);
    type_add_method(vm, vm->t_int, "__or__", m_or);
    type_add_method(vm, vm->t_int, "__ror__", m_ror);
    type_add_method(vm, vm->t_int, "__xor__", m_xor);
    type_add_method(vm, vm->t_int, "__rxor__", m_rxor);
    type_add_method(vm, vm->t_int, "__lshift__", m_lshift);
    type_add_method(vm, vm->t_int, "__rlshift__", m_rlshift);
    type_add_method(vm, vm->t_int, "__rshift__", m_rshift);
    type_add_method(vm, vm->t_int, "__rrshift__", m_rrshift);
    type_add_method(vm, vm->t_int, "__invert__", m_invert);
    type_add_method(vm, vm->t_int, "__round__", m_int_round);
    type_add_method(vm, vm->t_float, "__round__", m_float_round);
    type_add_method(vm, vm->t_float, "is_integer", m_float_is_integer);
    type_add_method(vm, vm->t_float, "__int__", m_float_int);
    type_add_method(vm, vm->t_float, "__float__", m_float_float);
    vm->t_bool->flags &= ~(uint32_t)TF_BASETYPE;
}
