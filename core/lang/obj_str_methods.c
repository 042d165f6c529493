/*
 * obj_str_methods.c - the named methods of str: find and count, split and
 * partition, strip, replace and join, case conversion and the is*()
 * predicates, padding, removeprefix/removesuffix, and the entry points of
 * format/format_map.
 *
 * Mirrors CPython 3.11's Objects/unicodeobject.c and the stringlib
 * algorithms it includes (fastsearch.h, split.h, partition.h): same
 * results, same exception types, same messages.
 *
 * Invariants: every method starts with GET_SELF or BEGIN (obj_str_int.h),
 * so s is a str (or str subclass) and the argument count has been checked
 * with CPython's wording; str__methods lists the methods in the order
 * obj_str_init registers them, after the dunders of obj_str.c.
 */
#include "obj_str_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

/* ==== Searching ========================================================= */

/* First byte offset of needle in hay[0..n), or -1. */
int64_t str__bfind(const char *h, size_t n, const char *nd, size_t m)
{
    if (m == 0) {
        return 0;
    }
    if (m > n) {
        return -1;
    }
    const char *p = h, *last = h + (n - m);
    while (p <= last) {
        p = memchr(p, nd[0], (size_t)(last - p) + 1);
        if (!p) {
            return -1;
        }
        if (memcmp(p, nd, m) == 0) {
            return p - h;
        }
        p++;
    }
    return -1;
}

/* Last byte offset of needle in hay[0..n), or -1. */
static int64_t brfind(const char *h, size_t n, const char *nd, size_t m)
{
    if (m > n) {
        return -1;
    }
    for (size_t i = n - m + 1; i-- > 0;) {
        if ((m == 0 || h[i] == nd[0]) && memcmp(h + i, nd, m) == 0) {
            return (int64_t)i;
        }
    }
    return -1;
}

/* Index of sub in s[start:end] (adjusted code point indices), or -1. */
static int64_t find_sub(str_t *s, str_t *sub, int64_t start, int64_t end,
                        bool reverse)
{
    if (end - start < (int64_t)sub->nchars) {
        return -1;
    }
    size_t b0 = str_offset(s, (size_t)start), b1 = str_offset(s, (size_t)end);
    int64_t r = reverse ? brfind(s->s + b0, b1 - b0, sub->s, sub->len)
                        : str__bfind(s->s + b0, b1 - b0, sub->s, sub->len);
    return r < 0 ? -1 : (int64_t)str__char_index(s, b0 + (size_t)r);
}

static int64_t count_sub(str_t *s, str_t *sub, int64_t start, int64_t end)
{
    if (end - start < (int64_t)sub->nchars) {
        return 0;
    }
    if (sub->len == 0) {
        return end - start + 1;
    }
    size_t b0 = str_offset(s, (size_t)start), b1 = str_offset(s, (size_t)end);
    int64_t n = 0, r;
    while ((r = str__bfind(s->s + b0, b1 - b0, sub->s, sub->len)) >= 0) {
        n++;
        b0 += (size_t)r + sub->len;
    }
    return n;
}

/* Shared argument handling of find/rfind/index/rindex/count: the slice
 * indices are converted before the substring is type-checked, as in
 * CPython. */
static bool parse_find(vm_t *vm, const char *name, str_t *s, int argc,
                       obj_t **argv, tuple_t *kw, str_t **sub, int64_t *start,
                       int64_t *end)
{
    *start = 0;
    *end = INT64_MAX;
    if (!str__check_args(vm, ARGS_TUPLE, name, argc, kw, 1, 3) ||
        (argc > 1 && !str__slice_arg(vm, argv[1], start)) ||
        (argc > 2 && !str__slice_arg(vm, argv[2], end))) {
        return false;
    }
    if (!str__is_str(vm, argv[0])) {
        vm_raise(vm, EXC_TypeError, "must be str, not %s", type_name(argv[0]));
        return false;
    }
    *sub = (str_t *)argv[0];
    str__adjust_indices(start, end, (int64_t)s->nchars);
    return true;
}

static obj_t *find_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw, const char *name, bool reverse,
                          bool raise)
{
    GET_SELF(name);
    str_t *sub;
    int64_t start, end;
    if (!parse_find(vm, name, s, argc, argv, kw, &sub, &start, &end)) {
        return NULL;
    }
    int64_t r = find_sub(s, sub, start, end, reverse);
    if (r < 0 && raise) {
        return vm_raise(vm, EXC_ValueError, "substring not found");
    }
    return int_new(vm, r);
}

FORWARD(m_find, find_common, "find", false, false)
FORWARD(m_rfind, find_common, "rfind", true, false)
FORWARD(m_index, find_common, "index", false, true)
FORWARD(m_rindex, find_common, "rindex", true, true)

NATIVE(m_count)
{
    GET_SELF("count");
    str_t *sub;
    int64_t start, end;
    if (!parse_find(vm, "count", s, argc, argv, kw, &sub, &start, &end)) {
        return NULL;
    }
    return int_new(vm, count_sub(s, sub, start, end));
}

/* CPython's tailmatch: does s[start:end] start (or end) with sub? */
static bool tailmatch(str_t *s, str_t *sub, int64_t start, int64_t end,
                      bool at_end)
{
    if (end - (int64_t)sub->nchars < start) {
        return false;
    }
    if (sub->len == 0) {
        return true;
    }
    size_t b0 = str_offset(s, (size_t)start), b1 = str_offset(s, (size_t)end);
    if (b1 - b0 < sub->len) {
        return false;
    }
    size_t at = at_end ? b1 - sub->len : b0;
    return memcmp(s->s + at, sub->s, sub->len) == 0;
}

static obj_t *with_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw, const char *name, bool at_end)
{
    GET_SELF(name);
    int64_t start = 0, end = INT64_MAX;
    if (!str__check_args(vm, ARGS_TUPLE, name, argc, kw, 1, 3) ||
        (argc > 1 && !str__slice_arg(vm, argv[1], &start)) ||
        (argc > 2 && !str__slice_arg(vm, argv[2], &end))) {
        return NULL;
    }
    str__adjust_indices(&start, &end, (int64_t)s->nchars);
    obj_t *x = argv[0];
    if (obj_isinstance_t(x, vm->t_tuple)) {
        tuple_t *t = (tuple_t *)x;
        for (size_t i = 0; i < t->n; i++) {
            if (!str__is_str(vm, t->items[i])) {
                return vm_raise(vm, EXC_TypeError,
                                "tuple for %s must only contain str, not %s",
                                name, type_name(t->items[i]));
            }
            if (tailmatch(s, (str_t *)t->items[i], start, end, at_end)) {
                return vm->true_;
            }
        }
        return vm->false_;
    }
    if (!str__is_str(vm, x)) {
        return vm_raise(vm, EXC_TypeError,
                        "%s first arg must be str or a tuple of str, not %s",
                        name, type_name(x));
    }
    return bool_new(vm, tailmatch(s, (str_t *)x, start, end, at_end));
}

FORWARD(m_startswith, with_common, "startswith", false)
FORWARD(m_endswith, with_common, "endswith", true)

/* ==== Splitting and partitioning ======================================== */

/* Byte length of the whitespace code point at p, or 0 if it is not one. */
static size_t ws_at(const char *p, size_t avail)
{
    size_t adv;
    uint32_t c = str__u8_dec(p, avail, &adv);
    return str__uc_isspace(c) ? adv : 0;
}

/* Byte length of the whitespace code point ending at b, or 0. */
static size_t ws_before(const char *s, size_t b)
{
    size_t p = str__u8_prev(s, b);
    return ws_at(s + p, b - p) ? b - p : 0;
}

static bool add_part(vm_t *vm, list_t *l, str_t *s, size_t b0, size_t b1)
{
    str_t *part = str__substr(vm, s, b0, b1);
    if (!part) {
        return false;
    }
    list_append(vm, l, (obj_t *)part);
    return true;
}

static void list_reverse(list_t *l)
{
    for (size_t i = 0, j = l->n; i + 1 < j; i++, j--) {
        obj_t *t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
}

/* split()/rsplit() with sep=None (stringlib split_whitespace). */
static obj_t *split_ws(vm_t *vm, str_t *s, int64_t maxcount, bool reverse)
{
    list_t *l = list_new(vm, 0);
    const char *p = s->s;
    size_t n = s->len, k;
    if (!reverse) {
        size_t i = 0;
        while (maxcount-- > 0) {
            while (i < n && (k = ws_at(p + i, n - i))) {
                i += k;
            }
            if (i == n) {
                break;
            }
            size_t j = i;
            while (i < n && !ws_at(p + i, n - i)) {
                i++;
                while (i < n && IS_CONT(p[i])) {
                    i++;
                }
            }
            add_part(vm, l, s, j, i);
        }
        if (i < n) {
            while (i < n && (k = ws_at(p + i, n - i))) {
                i += k;
            }
            if (i != n) {
                add_part(vm, l, s, i, n);
            }
        }
        return (obj_t *)l;
    }
    size_t e = n;
    while (maxcount-- > 0) {
        while (e > 0 && (k = ws_before(p, e))) {
            e -= k;
        }
        if (e == 0) {
            break;
        }
        size_t b = e;
        while (b > 0 && !ws_before(p, b)) {
            b = str__u8_prev(p, b);
        }
        add_part(vm, l, s, b, e);
        e = b;
    }
    if (e > 0) {
        while (e > 0 && (k = ws_before(p, e))) {
            e -= k;
        }
        if (e > 0) {
            add_part(vm, l, s, 0, e);
        }
    }
    list_reverse(l);
    return (obj_t *)l;
}

static obj_t *split_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw, const char *name, bool reverse)
{
    static const char *const names[] = {"sep", "maxsplit"};
    obj_t *a[2];
    int64_t maxcount = -1;
    GET_SELF(name);
    if (!str__parse_kw(vm, name, argc, argv, kw, names, 2, a)) {
        return NULL;
    }
    if (a[1] && obj_index(vm, a[1], &maxcount) < 0) {
        return NULL;
    }
    if (maxcount < 0) {
        maxcount = INT64_MAX;
    }
    if (!a[0] || a[0] == vm->none) {
        return split_ws(vm, s, maxcount, reverse);
    }
    if (!str__is_str(vm, a[0])) {
        return vm_raise(vm, EXC_TypeError, "must be str or None, not %s",
                        type_name(a[0]));
    }
    str_t *sep = (str_t *)a[0];
    if (sep->len == 0) {
        return vm_raise(vm, EXC_ValueError, "empty separator");
    }
    list_t *l = list_new(vm, 0);
    int64_t pos;
    if (!reverse) {
        size_t i = 0;
        while (maxcount-- > 0 &&
               (pos = str__bfind(s->s + i, s->len - i, sep->s,
                                 sep->len)) >= 0) {
            add_part(vm, l, s, i, i + (size_t)pos);
            i += (size_t)pos + sep->len;
        }
        add_part(vm, l, s, i, s->len);
    } else {
        size_t j = s->len;
        while (maxcount-- > 0 &&
               (pos = brfind(s->s, j, sep->s, sep->len)) >= 0) {
            add_part(vm, l, s, (size_t)pos + sep->len, j);
            j = (size_t)pos;
        }
        add_part(vm, l, s, 0, j);
        list_reverse(l);
    }
    return (obj_t *)l;
}

FORWARD(m_split, split_common, "split", false)
FORWARD(m_rsplit, split_common, "rsplit", true)

/* Byte length of the line break starting at p (\r\n counts as one), or 0:
 * \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029, as str.splitlines. */
static size_t linebreak_at(const char *p, size_t avail)
{
    unsigned char c = (unsigned char)p[0];
    if (c == '\r') {
        return avail > 1 && p[1] == '\n' ? 2 : 1;
    }
    if ((c >= 0x0A && c <= 0x0C) || (c >= 0x1C && c <= 0x1E)) {
        return 1;
    }
    if (c == 0xC2 && avail > 1 && (unsigned char)p[1] == 0x85) {
        return 2;
    }
    if (c == 0xE2 && avail > 2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9)) {
        return 3;
    }
    return 0;
}

NATIVE(m_splitlines)
{
    static const char *const names[] = {"keepends"};
    obj_t *a[1];
    int64_t keep = 0;
    GET_SELF("splitlines");
    if (!str__parse_kw(vm, "splitlines", argc, argv, kw, names, 1, a) ||
        (a[0] && obj_index(vm, a[0], &keep) < 0)) {
        return NULL;
    }
    list_t *l = list_new(vm, 0);
    size_t i = 0, j = 0, n = s->len;
    while (i < n) {
        size_t k = 0;
        while (i < n && !(k = linebreak_at(s->s + i, n - i))) {
            i++;
        }
        size_t eol = i;
        if (i < n) {
            i += k;
            if (keep) {
                eol = i;
            }
        }
        add_part(vm, l, s, j, eol);
        j = i;
    }
    return (obj_t *)l;
}

static obj_t *partition_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                               tuple_t *kw, const char *name, bool reverse)
{
    BEGIN(name, ARGS_FIXED, 1, 1);
    if (!str__is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError, "must be str, not %s",
                        type_name(argv[0]));
    }
    str_t *sep = (str_t *)argv[0];
    if (sep->len == 0) {
        return vm_raise(vm, EXC_ValueError, "empty separator");
    }
    str_t *e = str__get_empty(vm);
    int64_t pos = reverse ? brfind(s->s, s->len, sep->s, sep->len)
                          : str__bfind(s->s, s->len, sep->s, sep->len);
    if (pos < 0) {
        str_t *whole = str__unchanged(vm, s);
        return reverse ? (obj_t *)tuple_pack(vm, 3, e, e, whole)
                       : (obj_t *)tuple_pack(vm, 3, whole, e, e);
    }
    str_t *head = str__substr(vm, s, 0, (size_t)pos);
    str_t *tail = str__substr(vm, s, (size_t)pos + sep->len, s->len);
    return (obj_t *)tuple_pack(vm, 3, head, sep, tail);
}

FORWARD(m_partition, partition_common, "partition", false)
FORWARD(m_rpartition, partition_common, "rpartition", true)

/* ==== Strip, replace, join ============================================== */

static bool in_chars(str_t *chars, uint32_t c)
{
    if (!chars) {
        return str__uc_isspace(c);
    }
    for (size_t i = 0; i < chars->len;) {
        size_t adv;
        if (str__u8_dec(chars->s + i, chars->len - i, &adv) == c) {
            return true;
        }
        i += adv;
    }
    return false;
}

static obj_t *strip_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw, const char *name, bool left,
                           bool right)
{
    BEGIN(name, ARGS_CLINIC, 0, 1);
    str_t *chars = NULL;
    if (argc > 0 && argv[0] != vm->none) {
        if (!str__is_str(vm, argv[0])) {
            return vm_raise(vm, EXC_TypeError, "%s arg must be None or str",
                            name);
        }
        chars = (str_t *)argv[0];
    }
    size_t b0 = 0, b1 = s->len, adv;
    while (left && b0 < b1 &&
           in_chars(chars, str__u8_dec(s->s + b0, b1 - b0, &adv))) {
        b0 += adv;
    }
    while (right && b1 > b0) {
        size_t p = str__u8_prev(s->s, b1);
        if (!in_chars(chars, str__u8_dec(s->s + p, b1 - p, &adv))) {
            break;
        }
        b1 = p;
    }
    return (obj_t *)str__substr(vm, s, b0, b1);
}

FORWARD(m_strip, strip_common, "strip", true, true)
FORWARD(m_lstrip, strip_common, "lstrip", true, false)
FORWARD(m_rstrip, strip_common, "rstrip", false, true)

NATIVE(m_replace)
{
    GET_SELF("replace");
    int64_t count = -1;
    if (!str__check_args(vm, ARGS_CLINIC, "replace", argc, kw, 2, 3)) {
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (!str__is_str(vm, argv[i])) {
            return vm_raise(vm, EXC_TypeError,
                            "replace() argument %d must be str, not %s", i + 1,
                            type_name(argv[i]));
        }
    }
    if (argc > 2 && obj_index(vm, argv[2], &count) < 0) {
        return NULL;
    }
    str_t *old = (str_t *)argv[0], *new_ = (str_t *)argv[1];
    if (count < 0) {
        count = INT64_MAX;
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    int64_t done = 0;
    if (old->len == 0) {
        // An empty pattern matches before every code point and at the end.
        for (size_t i = 0; i < s->len;) {
            size_t adv;
            str__u8_dec(s->s + i, s->len - i, &adv);
            if (done < count) {
                str__sb_put(&b, new_->s, new_->len);
                done++;
            }
            str__sb_put(&b, s->s + i, adv);
            i += adv;
        }
        if (done < count) {
            str__sb_put(&b, new_->s, new_->len);
            done++;
        }
    } else {
        size_t i = 0;
        int64_t r;
        while (done < count &&
               (r = str__bfind(s->s + i, s->len - i, old->s, old->len)) >= 0) {
            str__sb_put(&b, s->s + i, (size_t)r);
            str__sb_put(&b, new_->s, new_->len);
            i += (size_t)r + old->len;
            done++;
        }
        str__sb_put(&b, s->s + i, s->len - i);
    }
    if (done == 0) {
        str__sb_free(&b);
        return (obj_t *)str__unchanged(vm, s);
    }
    return (obj_t *)str__sb_finish(&b);
}

obj_t *str_join(vm_t *vm, str_t *sep, obj_t *iterable)
{
    obj_t **items;
    size_t n;
    type_t *t = TYPE(iterable);
    if (t == vm->t_list || t == vm->t_tuple) {
        items = t == vm->t_list ? ((list_t *)iterable)->items
                                : ((tuple_t *)iterable)->items;
        n = t == vm->t_list ? ((list_t *)iterable)->n
                            : ((tuple_t *)iterable)->n;
    } else {
        // PySequence_Fast: only a failing iter() becomes this TypeError.
        obj_t *it = obj_iter(vm, iterable);
        if (!it) {
            if (vm_exc_matches(vm, EXC_TypeError)) {
                vm_take_exc(vm);
                vm_raise(vm, EXC_TypeError, "can only join an iterable");
            }
            return NULL;
        }
        list_t *l = obj_to_list(vm, it);
        if (!l) {
            return NULL;
        }
        items = l->items;
        n = l->n;
    }
    if (n == 0) {
        return (obj_t *)str__get_empty(vm);
    }
    if (n == 1 && TYPE(items[0]) == vm->t_str) {
        return items[0];
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!str__is_str(vm, items[i])) {
            return vm_raise(vm, EXC_TypeError,
                            "sequence item %zu: expected str instance, %s "
                            "found", i, type_name(items[i]));
        }
        total += ((str_t *)items[i])->len;
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    str__sb_grow(&b, total + sep->len * (n - 1));
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            str__sb_put(&b, sep->s, sep->len);
        }
        str__sb_put(&b, ((str_t *)items[i])->s, ((str_t *)items[i])->len);
    }
    return (obj_t *)str__sb_finish(&b);
}

NATIVE(m_join)
{
    BEGIN("join", ARGS_FIXED, 1, 1);
    return str_join(vm, s, argv[0]);
}

/* ==== Case conversion and predicates ==================================== */

enum { OP_UPPER, OP_LOWER, OP_TITLE, OP_CAPITALIZE, OP_SWAPCASE, OP_FOLD };

/* Decodes s into a malloc'ed code point array (NULL: MemoryError). */
static uint32_t *decode_all(vm_t *vm, str_t *s)
{
    uint32_t *cps = malloc((s->nchars + 1) * sizeof(uint32_t));
    if (!cps) {
        str__raise_memory(vm);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < s->len && k < s->nchars; k++) {
        size_t adv;
        cps[k] = str__u8_dec(s->s + i, s->len - i, &adv);
        i += adv;
    }
    return cps;
}

static char ascii_map(int op, char c, bool first, bool prev_cased)
{
    bool lo = c >= 'a' && c <= 'z', up = c >= 'A' && c <= 'Z';
    bool to_up;
    switch (op) {
    case OP_UPPER: to_up = true; break;
    case OP_TITLE: to_up = !prev_cased; break;
    case OP_CAPITALIZE: to_up = first; break;
    case OP_SWAPCASE: to_up = lo; break;
    default: to_up = false; break;
    }
    if (to_up && lo) {
        return (char)(c - 32);
    }
    if (!to_up && up) {
        return (char)(c + 32);
    }
    return c;
}

static obj_t *case_convert(vm_t *vm, str_t *s, int op)
{
    sbuf_t b;
    str__sb_init(&b, vm);
    if (s->ascii) {
        bool prev_cased = false;
        str__sb_grow(&b, s->len);
        for (size_t i = 0; i < s->len; i++) {
            char c = s->s[i];
            str__sb_putc(&b, ascii_map(op, c, i == 0, prev_cased));
            prev_cased = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return (obj_t *)str__sb_finish(&b);
    }
    uint32_t *cps = decode_all(vm, s);
    if (!cps) {
        return NULL;
    }
    size_t n = s->nchars;
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i], m[3];
        int k;
        switch (op) {
        case OP_UPPER:
            k = str__case_full(c, CM_UPPER, m);
            break;
        case OP_LOWER:
            k = str__lower_at(cps, n, i, m);
            break;
        case OP_FOLD:
            k = str__case_full(c, CM_FOLD, m);
            break;
        case OP_TITLE:
            k = prev_cased ? str__lower_at(cps, n, i, m)
                           : str__case_full(c, CM_TITLE, m);
            prev_cased = str__uc_iscased(c);
            break;
        case OP_CAPITALIZE:
            k = i == 0 ? str__case_full(c, CM_TITLE, m)
                       : str__lower_at(cps, n, i, m);
            break;
        default:
            if (str__uc_isupper(c)) {
                k = str__lower_at(cps, n, i, m);
            } else if (str__uc_islower(c)) {
                k = str__case_full(c, CM_UPPER, m);
            } else {
                m[0] = c;
                k = 1;
            }
            break;
        }
        for (int j = 0; j < k; j++) {
            str__sb_putcp(&b, m[j]);
        }
    }
    free(cps);
    return (obj_t *)str__sb_finish(&b);
}

#define CASE_METHOD(fn, name, op)                                           \
    NATIVE(fn)                                                              \
    {                                                                       \
        BEGIN(name, ARGS_FIXED, 0, 0);                                      \
        return case_convert(vm, s, op);                                     \
    }

CASE_METHOD(m_upper, "upper", OP_UPPER)
CASE_METHOD(m_lower, "lower", OP_LOWER)
CASE_METHOD(m_title, "title", OP_TITLE)
CASE_METHOD(m_capitalize, "capitalize", OP_CAPITALIZE)
CASE_METHOD(m_swapcase, "swapcase", OP_SWAPCASE)
CASE_METHOD(m_casefold, "casefold", OP_FOLD)

/* True iff s is non-empty and pred holds for every code point. */
static bool all_chars(str_t *s, bool (*pred)(uint32_t))
{
    if (s->len == 0) {
        return false;
    }
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        if (!pred(str__u8_dec(s->s + i, s->len - i, &adv))) {
            return false;
        }
        i += adv;
    }
    return true;
}

#define PRED_METHOD(fn, name, pred)                                         \
    NATIVE(fn)                                                              \
    {                                                                       \
        BEGIN(name, ARGS_FIXED, 0, 0);                                      \
        return bool_new(vm, all_chars(s, pred));                            \
    }

PRED_METHOD(m_isdigit, "isdigit", str__uc_isdigit)
PRED_METHOD(m_isdecimal, "isdecimal", str__uc_isdecimal)
PRED_METHOD(m_isnumeric, "isnumeric", str__uc_isnumeric)
PRED_METHOD(m_isalpha, "isalpha", str__uc_isalpha)
PRED_METHOD(m_isalnum, "isalnum", str__uc_isalnum)
PRED_METHOD(m_isspace, "isspace", str__uc_isspace)

NATIVE(m_isprintable)
{
    BEGIN("isprintable", ARGS_FIXED, 0, 0);
    return bool_new(vm, s->len == 0 || all_chars(s, str__uc_isprintable));
}

NATIVE(m_isascii)
{
    BEGIN("isascii", ARGS_FIXED, 0, 0);
    return bool_new(vm, s->ascii);
}

/* isupper/islower: no character of the opposite case and at least one
 * cased character. */
static obj_t *case_pred(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                        tuple_t *kw, const char *name, bool want_upper)
{
    BEGIN(name, ARGS_FIXED, 0, 0);
    bool cased = false;
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        uint32_t c = str__u8_dec(s->s + i, s->len - i, &adv);
        if (want_upper ? str__uc_islower(c) : str__uc_isupper(c)) {
            return vm->false_;
        }
        cased = cased || (want_upper ? str__uc_isupper(c) : str__uc_islower(c));
        i += adv;
    }
    return bool_new(vm, cased);
}

FORWARD(m_isupper, case_pred, "isupper", true)
FORWARD(m_islower, case_pred, "islower", false)

NATIVE(m_istitle)
{
    BEGIN("istitle", ARGS_FIXED, 0, 0);
    bool cased = false, prev = false;
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        uint32_t c = str__u8_dec(s->s + i, s->len - i, &adv);
        if (str__uc_isupper(c)) {
            if (prev) {
                return vm->false_;
            }
            prev = cased = true;
        } else if (str__uc_islower(c)) {
            if (!prev) {
                return vm->false_;
            }
            prev = cased = true;
        } else {
            prev = false;
        }
        i += adv;
    }
    return bool_new(vm, cased);
}

static bool id_start(uint32_t c) { return c == '_' || str__uc_isalpha(c); }
static bool id_continue(uint32_t c)
{
    return id_start(c) || str__uc_isdecimal(c) || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F);
}

NATIVE(m_isidentifier)
{
    BEGIN("isidentifier", ARGS_FIXED, 0, 0);
    if (s->len == 0) {
        return vm->false_;
    }
    size_t adv;
    if (!id_start(str__u8_dec(s->s, s->len, &adv))) {
        return vm->false_;
    }
    for (size_t i = adv; i < s->len; i += adv) {
        if (!id_continue(str__u8_dec(s->s + i, s->len - i, &adv))) {
            return vm->false_;
        }
    }
    return vm->true_;
}

/* ==== Padding =========================================================== */

static obj_t *pad(vm_t *vm, str_t *s, int64_t left, int64_t right,
                  uint32_t fill)
{
    if (left <= 0 && right <= 0) {
        return (obj_t *)str__unchanged(vm, s);
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    str__sb_fill(&b, fill, left);
    str__sb_put(&b, s->s, s->len);
    str__sb_fill(&b, fill, right);
    return (obj_t *)str__sb_finish(&b);
}

/* center/ljust/rjust: (width[, fillchar]), width converted first. */
static obj_t *just_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                          tuple_t *kw, const char *name, char how)
{
    GET_SELF(name);
    int64_t width;
    uint32_t fill = ' ';
    if (!str__check_args(vm, ARGS_CLINIC, name, argc, kw, 1, 2) ||
        obj_index(vm, argv[0], &width) < 0) {
        return NULL;
    }
    if (argc > 1) {
        if (!str__is_str(vm, argv[1])) {
            return vm_raise(vm, EXC_TypeError,
                            "The fill character must be a unicode character, "
                            "not %s", type_name(argv[1]));
        }
        str_t *f = (str_t *)argv[1];
        if (f->nchars != 1) {
            return vm_raise(vm, EXC_TypeError, "The fill character must be "
                                               "exactly one character long");
        }
        size_t adv;
        fill = str__u8_dec(f->s, f->len, &adv);
    }
    int64_t n = (int64_t)s->nchars;
    if (n >= width) {
        return (obj_t *)str__unchanged(vm, s);
    }
    int64_t marg = width - n;
    if (how == '^') {
        // CPython's rounding: the odd column goes left iff width is odd.
        int64_t left = marg / 2 + (marg & width & 1);
        return pad(vm, s, left, marg - left, fill);
    }
    return how == '<' ? pad(vm, s, 0, marg, fill) : pad(vm, s, marg, 0, fill);
}

FORWARD(m_center, just_common, "center", '^')
FORWARD(m_ljust, just_common, "ljust", '<')
FORWARD(m_rjust, just_common, "rjust", '>')

NATIVE(m_zfill)
{
    GET_SELF("zfill");
    int64_t width;
    if (!str__check_args(vm, ARGS_FIXED, "zfill", argc, kw, 1, 1) ||
        obj_index(vm, argv[0], &width) < 0) {
        return NULL;
    }
    int64_t fill = width - (int64_t)s->nchars;
    if (fill <= 0) {
        return (obj_t *)str__unchanged(vm, s);
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    size_t skip = 0;
    if (s->len > 0 && (s->s[0] == '+' || s->s[0] == '-')) {
        // The sign stays in front of the zeros.
        str__sb_putc(&b, s->s[0]);
        skip = 1;
    }
    str__sb_fill(&b, '0', fill);
    str__sb_put(&b, s->s + skip, s->len - skip);
    return (obj_t *)str__sb_finish(&b);
}

NATIVE(m_expandtabs)
{
    static const char *const names[] = {"tabsize"};
    obj_t *a[1];
    int64_t tabsize = 8;
    GET_SELF("expandtabs");
    if (!str__parse_kw(vm, "expandtabs", argc, argv, kw, names, 1, a) ||
        (a[0] && obj_index(vm, a[0], &tabsize) < 0)) {
        return NULL;
    }
    if (tabsize < INT_MIN || tabsize > INT_MAX) {
        // CPython's tabsize is a C int.
        return vm_raise(vm, EXC_OverflowError,
                        "Python int too large to convert to C int");
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    int64_t col = 0;
    for (size_t i = 0; i < s->len && !b.err;) {
        size_t adv;
        uint32_t c = str__u8_dec(s->s + i, s->len - i, &adv);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t incr = tabsize - col % tabsize;
                str__sb_fill(&b, ' ', incr);
                col += incr;
            }
        } else {
            str__sb_put(&b, s->s + i, adv);
            col++;
            if (c == '\n' || c == '\r') {
                col = 0;
            }
        }
        i += adv;
    }
    return (obj_t *)str__sb_finish(&b);
}

static obj_t *remove_common(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                            tuple_t *kw, const char *name, bool suffix)
{
    BEGIN(name, ARGS_FIXED, 1, 1);
    if (!str__is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError, "%s() argument must be str, not %s",
                        name, type_name(argv[0]));
    }
    str_t *a = (str_t *)argv[0];
    if (a->len > 0 && a->len <= s->len) {
        if (!suffix && memcmp(s->s, a->s, a->len) == 0) {
            return (obj_t *)str__substr(vm, s, a->len, s->len);
        }
        if (suffix && memcmp(s->s + s->len - a->len, a->s, a->len) == 0) {
            return (obj_t *)str__substr(vm, s, 0, s->len - a->len);
        }
    }
    return (obj_t *)str__unchanged(vm, s);
}

FORWARD(m_removeprefix, remove_common, "removeprefix", false)
FORWARD(m_removesuffix, remove_common, "removesuffix", true)

NATIVE(m_format)
{
    GET_SELF("format");
    return str_format(vm, s, argc, argv, kw);
}

NATIVE(m_format_map)
{
    BEGIN("format_map", ARGS_FIXED, 1, 1);
    fmt_ctx_t cx;
    memset(&cx, 0, sizeof cx);
    cx.mapping = argv[0];
    sbuf_t b;
    str__sb_init(&b, vm);
    if (str__fmt_build(vm, &cx, s->s, s->len, 2, &b) < 0) {
        str__sb_free(&b);
        return NULL;
    }
    return (obj_t *)str__sb_finish(&b);
}

/* ==== Method table ====================================================== */

/* The named methods; obj_str_init registers them after the dunders of
 * obj_str.c, in this order. */
const method_def_t str__methods[] = {
    {"join", m_join}, {"split", m_split}, {"rsplit", m_rsplit},
    {"splitlines", m_splitlines}, {"strip", m_strip}, {"lstrip", m_lstrip},
    {"rstrip", m_rstrip}, {"replace", m_replace}, {"find", m_find},
    {"rfind", m_rfind}, {"index", m_index}, {"rindex", m_rindex},
    {"count", m_count}, {"startswith", m_startswith},
    {"endswith", m_endswith}, {"upper", m_upper}, {"lower", m_lower},
    {"title", m_title}, {"capitalize", m_capitalize},
    {"swapcase", m_swapcase}, {"casefold", m_casefold},
    {"isdigit", m_isdigit}, {"isdecimal", m_isdecimal},
    {"isnumeric", m_isnumeric}, {"isalpha", m_isalpha},
    {"isalnum", m_isalnum}, {"isspace", m_isspace}, {"isupper", m_isupper},
    {"islower", m_islower}, {"istitle", m_istitle},
    {"isidentifier", m_isidentifier}, {"isprintable", m_isprintable},
    {"isascii", m_isascii}, {"zfill", m_zfill}, {"center", m_center},
    {"ljust", m_ljust}, {"rjust", m_rjust}, {"expandtabs", m_expandtabs},
    {"partition", m_partition}, {"rpartition", m_rpartition},
    {"format", m_format}, {"format_map", m_format_map},
    {"removeprefix", m_removeprefix}, {"removesuffix", m_removesuffix}};

const size_t str__nmethods = sizeof str__methods / sizeof str__methods[0];
