/*
 * obj_str_format.c - str.format and str.format_map: parsing of the format
 * string into literal text and replacement fields, field lookup
 * (arg_name, .attribute, [index]), conversion (!r !s !a) and nested
 * format specs.
 *
 * Mirrors CPython 3.11's Objects/stringlib/unicode_format.h (MarkupIterator,
 * FieldNameIterator, render_field): same results, same exceptions, same
 * messages. Format specs themselves are parsed and applied by fmt.c.
 *
 * Invariants: output goes to sbuf_t buffers, whose errors are sticky, so
 * a failed growth is checked once at the end; automatic and manual field
 * numbering never mix within one call (fmt_ctx_t.autostate).
 */
#include "obj_str_int.h"

#include <stdint.h>
#include <string.h>

#include "fmt.h"

/* ==== str.format (Objects/stringlib/unicode_format.h) =================== */

static obj_t *fmt_error(vm_t *vm, const char *msg)
{
    return vm_raise(vm, EXC_ValueError, "%s", msg);
}

/* Parses p[0..n) as a decimal index: 1 and *out if all digits, 0 if not a
 * number (or empty), -1 on overflow (raised). */
static int fmt_integer(vm_t *vm, const char *p, size_t n, int64_t *out)
{
    int64_t acc = 0;
    if (n == 0) {
        return 0;
    }
    for (size_t i = 0; i < n;) {
        size_t adv;
        int d = str__uc_decimal(str__u8_dec(p + i, n - i, &adv));
        if (d < 0) {
            return 0;
        }
        if (acc > (INT64_MAX - d) / 10) {
            fmt_error(vm, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + d;
        i += adv;
    }
    *out = acc;
    return 1;
}

static obj_t *fmt_keyword(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n)
{
    str_t *key = str_new(vm, p, n);
    if (cx->mapping) {
        return obj_getitem(vm, cx->mapping, (obj_t *)key);
    }
    for (size_t i = 0; cx->kwnames && i < cx->kwnames->n; i++) {
        if (str_eq((str_t *)cx->kwnames->items[i], key)) {
            return cx->kwvals[i];
        }
    }
    obj_t *e = exc_new(vm, EXC_TYPE(vm, KeyError),
                       tuple_pack(vm, 1, (obj_t *)key));
    return e ? vm_raise_obj(vm, e) : NULL;
}

/* Resolves a field name such as "0", "", "name", "0.attr[key][1]". */
static obj_t *fmt_field(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && p[i] != '.' && p[i] != '[') {
        i++;
    }
    int64_t idx = 0;
    int isnum = fmt_integer(vm, p, i, &idx);
    if (isnum < 0) {
        return NULL;
    }
    bool empty = i == 0;
    obj_t *o;
    if (empty || isnum) {
        if (cx->autostate == 0) {
            cx->autostate = empty ? 1 : 2;
        }
        if (cx->autostate == 2 && empty) {
            return fmt_error(vm, "cannot switch from manual field "
                                 "specification to automatic field numbering");
        }
        if (cx->autostate == 1 && !empty) {
            return fmt_error(vm, "cannot switch from automatic field "
                                 "numbering to manual field specification");
        }
        if (empty) {
            idx = cx->next_auto++;
        }
        if (!cx->positional) {
            return fmt_error(vm, "Format string contains positional fields");
        }
        if (idx >= cx->nargs) {
            return vm_raise(vm, EXC_IndexError,
                            "Replacement index %lld out of range for "
                            "positional args tuple", (long long)idx);
        }
        o = cx->args[idx];
    } else {
        o = fmt_keyword(vm, cx, p, i);
    }
    while (o && i < n) {
        char c = p[i++];
        size_t start = i;
        if (c == '.') {
            while (i < n && p[i] != '.' && p[i] != '[') {
                i++;
            }
            if (i == start) {
                return fmt_error(vm, "Empty attribute in format string");
            }
            o = obj_getattr(vm, o, str_new(vm, p + start, i - start));
        } else if (c == '[') {
            while (i < n && p[i] != ']') {
                i++;
            }
            if (i >= n) {
                return fmt_error(vm, "Missing ']' in format string");
            }
            int64_t k = 0;
            int kn = fmt_integer(vm, p + start, i - start, &k);
            if (kn < 0) {
                return NULL;
            }
            if (i == start) {
                return fmt_error(vm, "Empty attribute in format string");
            }
            obj_t *key = kn ? int_new(vm, k)
                            : (obj_t *)str_new(vm, p + start, i - start);
            i++;
            o = obj_getitem(vm, o, key);
        } else {
            return fmt_error(vm, "Only '.' or '[' may follow ']' in format "
                                 "field specifier");
        }
    }
    return o;
}

/* Renders one replacement field whose text (after '{') starts at p[*pos];
 * advances *pos past its closing '}'. */
static int fmt_markup(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n,
                      size_t *pos, int depth, sbuf_t *out)
{
    size_t i = *pos, fstart = i;
    char c = 0;
    while (i < n) {
        c = p[i++];
        if (c == '{') {
            fmt_error(vm, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (i < n && p[i] != ']') {
                i++;
            }
            continue;
        }
        if (c == '}' || c == ':' || c == '!') {
            break;
        }
    }
    size_t fend = i - 1;
    uint32_t conv = 0;
    size_t sstart = i, send = i;
    bool expand = false;
    if (c == '!' || c == ':') {
        bool have_spec = true;
        if (c == '!') {
            if (i >= n) {
                fmt_error(vm, "end of string while looking for conversion "
                              "specifier");
                return -1;
            }
            size_t adv;
            conv = str__u8_dec(p + i, n - i, &adv);
            i += adv;
            if (i < n) {
                c = p[i++];
                if (c == '}') {
                    have_spec = false;
                    sstart = send = i;
                } else if (c != ':') {
                    fmt_error(vm, "expected ':' after conversion specifier");
                    return -1;
                }
            }
        }
        if (have_spec) {
            int count = 1;
            sstart = i;
            while (i < n) {
                c = p[i++];
                if (c == '{') {
                    expand = true;
                    count++;
                } else if (c == '}' && --count == 0) {
                    break;
                }
            }
            if (count != 0) {
                fmt_error(vm, "unmatched '{' in format spec");
                return -1;
            }
            send = i - 1;
        }
    } else if (c != '}') {
        fmt_error(vm, "expected '}' before end of string");
        return -1;
    }
    *pos = i;

    obj_t *v = fmt_field(vm, cx, p + fstart, fend - fstart);
    if (!v) {
        return -1;
    }
    if (conv) {
        switch (conv) {
        case 'r': v = (obj_t *)obj_repr(vm, v); break;
        case 's': v = (obj_t *)obj_str(vm, v); break;
        case 'a': v = (obj_t *)str_ascii(vm, v); break;
        default:
            if (conv > 32 && conv < 127) {
                vm_raise(vm, EXC_ValueError,
                         "Unknown conversion specifier %c", (char)conv);
            } else {
                vm_raise(vm, EXC_ValueError,
                         "Unknown conversion specifier \\x%x", (unsigned)conv);
            }
            return -1;
        }
        if (!v) {
            return -1;
        }
    }
    // A spec with nested fields ("{:{width}}") is itself formatted first,
    // one recursion level down.
    sbuf_t spec;
    str__sb_init(&spec, vm);
    const char *sp = p + sstart;
    size_t slen = send - sstart;
    if (expand) {
        if (str__fmt_build(vm, cx, sp, slen, depth - 1, &spec) < 0 ||
            spec.err) {
            str__sb_free(&spec);
            return -1;
        }
        sp = spec.p ? spec.p : "";
        slen = spec.n;
    }
    int rc = 0;
    if (TYPE(v) == vm->t_str) {
        rc = str__format_str_into(vm, (str_t *)v, v, sp, slen, out);
    } else {
        str_t *r = obj_format(vm, v, str_new(vm, sp, slen));
        if (r) {
            str__sb_put(out, r->s, r->len);
        } else {
            rc = -1;
        }
    }
    str__sb_free(&spec);
    return rc;
}

/* build_string/MarkupIterator: literal text, {{ and }}, and fields. */
int str__fmt_build(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n,
                   int depth, sbuf_t *out)
{
    if (depth <= 0) {
        fmt_error(vm, "Max string recursion exceeded");
        return -1;
    }
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        char c = 0;
        bool markup = false;
        while (i < n) {
            c = p[i++];
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = i >= n;
        size_t litlen = i - start;
        if (markup && c == '}' && (at_end || p[i] != '}')) {
            fmt_error(vm, "Single '}' encountered in format string");
            return -1;
        }
        if (markup && c == '{' && at_end) {
            fmt_error(vm, "Single '{' encountered in format string");
            return -1;
        }
        if (markup) {
            if (p[i] == c) {
                // Doubled brace: the literal keeps the first one.
                i++;
                markup = false;
            } else {
                litlen--;
            }
        }
        str__sb_put(out, p + start, litlen);
        if (markup && fmt_markup(vm, cx, p, n, &i, depth, out) < 0) {
            return -1;
        }
        if (out->err) {
            return -1;
        }
    }
    return 0;
}

obj_t *str_format(vm_t *vm, str_t *fmt, int argc, obj_t **argv,
                  tuple_t *kwnames)
{
    fmt_ctx_t cx;
    memset(&cx, 0, sizeof cx);
    cx.args = argv;
    cx.nargs = argc;
    cx.positional = true;
    cx.kwnames = kwnames;
    cx.kwvals = argv ? argv + argc : NULL;
    sbuf_t b;
    str__sb_init(&b, vm);
    if (str__fmt_build(vm, &cx, fmt->s, fmt->len, 2, &b) < 0) {
        str__sb_free(&b);
        return NULL;
    }
    return (obj_t *)str__sb_finish(&b);
}
