/*
 * obj_str.c - the built-in str type and its iterator: allocation, the
 * growable buffer, hashing, equality, indexing, repr, the dunder methods
 * and the type's registration.
 *
 * Behaviour mirrors CPython 3.11's Objects/unicodeobject.c and the stringlib
 * algorithms it includes (split, find, replace, the str.format machinery of
 * unicode_format.h): same results, same exception types, same messages.
 * Format specs themselves are parsed and applied by fmt.c. The type is
 * spread over four files that share obj_str_int.h:
 *   obj_str.c          this file: the object, the buffer, the dunders;
 *   obj_str_unicode.c  UTF-8 and the character property tables;
 *   obj_str_methods.c  the named methods (find, split, strip, upper, ...);
 *   obj_str_format.c   str.format and str.format_map.
 *
 * Invariants of a str_t:
 *   - s holds len bytes of UTF-8 followed by a NUL, owned by the object and
 *     allocated with gc_malloc (so heap accounting sees it); destroy frees it.
 *   - nchars counts code points; ascii is true iff every byte is < 0x80, in
 *     which case byte offset == code point index and indexing is O(1).
 *     Non-ASCII strings are walked (from the nearer end): O(n).
 *   - hash is -1 until str_hash computes it; strings are immutable, so the
 *     cached value never goes stale.
 *   - '' and the 128 one-character ASCII strings are shared instances
 *     (vm->empty_str, vm->char_strs), like CPython's Latin-1 singletons.
 */
#include "obj_str_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "obj_int.h"

/* ==== Allocation ======================================================== */

bool str__is_str(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_str || obj_isinstance_t(o, vm->t_str);
}

obj_t *str__raise_memory(vm_t *vm)
{
    return vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, MemoryError));
}

/* A str buffer of n bytes, or NULL with MemoryError raised: past
 * STR_MAX_BYTES, past --max-memory or when malloc fails. */
static char *str_buf_alloc(vm_t *vm, size_t n)
{
    if (n > STR_MAX_BYTES) {
        str__raise_memory(vm);
        return NULL;
    }
    return gc_try_malloc(vm, n + 1);
}

/* Strings of up to this many bytes keep their text inside the object,
 * right after the str_t, so that making one is one pooled allocation and
 * freeing it no free() of a cold buffer at the sweep. */
#define STR_INLINE_MAX 200

static bool str_inline(const str_t *s)
{
    return s->s == (const char *)(s + 1);
}

static str_t *str_fill(str_t *s, char *buf, size_t len)
{
    s->hash = -1;
    s->len = len;
    s->s = buf;
    s->nchars = str__u8_count(buf, len);
    s->ascii = s->nchars == len;
    return s;
}

/* A plain str with room for [len] bytes of inline text, not yet filled. */
static str_t *str_alloc_inline(vm_t *vm, size_t len)
{
    str_t *s = (str_t *)gc_alloc(vm, vm->t_str, sizeof(str_t) + len + 1);
    s->s = (char *)(s + 1);
    return s;
}

/* Wraps buf (gc_malloc'ed, len + 1 bytes, NUL-terminated) in a new object
 * of type t; instances of str subclasses are laid out like str. A short
 * plain str copies buf inside itself and frees it now, while it is hot. */
static str_t *str_wrap(vm_t *vm, type_t *t, char *buf, size_t len)
{
    if (t == vm->t_str && len <= STR_INLINE_MAX) {
        str_t *s = str_alloc_inline(vm, len);
        memcpy(s->s, buf, len + 1);
        gc_free(vm, buf, len + 1);
        return str_fill(s, s->s, len);
    }
    size_t size = sizeof(str_t);
    if (t && t->size > size) {
        size = t->size;
    }
    str_t *s = (str_t *)gc_alloc(vm, t, size);
    return str_fill(s, buf, len);
}

static str_t *make_raw(vm_t *vm, const char *p, size_t len)
{
    if (len <= STR_INLINE_MAX) {
        str_t *s = str_alloc_inline(vm, len);
        memcpy(s->s, p, len);
        s->s[len] = '\0';
        return str_fill(s, s->s, len);
    }
    char *buf = gc_malloc(vm, len + 1);
    memcpy(buf, p, len);
    buf[len] = '\0';
    return str_wrap(vm, vm->t_str, buf, len);
}

str_t *str__get_empty(vm_t *vm)
{
    if (!vm->empty_str) {
        vm->empty_str = make_raw(vm, "", 0);
    }
    return vm->empty_str;
}

static str_t *ascii_char(vm_t *vm, unsigned c)
{
    if (!vm->char_strs[c]) {
        char ch = (char)c;
        vm->char_strs[c] = make_raw(vm, &ch, 1);
    }
    return vm->char_strs[c];
}

/* Like str_wrap for plain str, but hands out the shared instances for ''
 * and one ASCII character (freeing buf). */
static str_t *str_take(vm_t *vm, char *buf, size_t len)
{
    if (len == 0 || (len == 1 && (unsigned char)buf[0] < 0x80)) {
        str_t *r = len ? ascii_char(vm, (unsigned char)buf[0])
                       : str__get_empty(vm);
        gc_free(vm, buf, len + 1);
        return r;
    }
    return str_wrap(vm, vm->t_str, buf, len);
}

str_t *str_new(vm_t *vm, const char *s, size_t len)
{
    if (len == 0) {
        return str__get_empty(vm);
    }
    if (len == 1 && (unsigned char)s[0] < 0x80) {
        return ascii_char(vm, (unsigned char)s[0]);
    }
    return make_raw(vm, s, len);
}

str_t *str_cstr(vm_t *vm, const char *s)
{
    return str_new(vm, s, strlen(s));
}

str_t *str_fmt(vm_t *vm, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        va_end(ap2);
        return str__get_empty(vm);
    }
    char *buf = gc_malloc(vm, (size_t)n + 1);
    vsnprintf(buf, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return str_take(vm, buf, (size_t)n);
}

str_t *str_intern(vm_t *vm, const char *cs)
{
    // Look up with a stack key first so a hit allocates nothing; the dict
    // only hashes and compares it (dict_get_str runs no user code).
    str_t key;
    memset(&key, 0, sizeof key);
    key.hdr.type = vm->t_str;
    key.hash = -1;
    key.len = strlen(cs);
    key.s = (char *)cs;
    key.nchars = str__u8_count(cs, key.len);
    key.ascii = key.nchars == key.len;
    if (!vm->interned) {
        if (!vm->t_dict) {
            // Too early in bootstrap to intern: callers then get a fresh
            // string (type_new_builtin defers its names until dict exists).
            return str_new(vm, cs, key.len);
        }
        vm->interned = dict_new(vm);
    }
    obj_t *hit = dict_get_str(vm, vm->interned, &key);
    if (hit) {
        return (str_t *)hit;
    }
    str_t *s = str_new(vm, cs, key.len);
    dict_set(vm, vm->interned, (obj_t *)s, (obj_t *)s);
    return s;
}

str_t *str_concat(vm_t *vm, str_t *a, str_t *b)
{
    if (b->len == 0 && TYPE(a) == vm->t_str) {
        return a;
    }
    if (a->len == 0 && TYPE(b) == vm->t_str) {
        return b;
    }
    char *buf = str_buf_alloc(vm, a->len + b->len);
    if (!buf) {
        return NULL;
    }
    memcpy(buf, a->s, a->len);
    memcpy(buf + a->len, b->s, b->len);
    buf[a->len + b->len] = '\0';
    return str_take(vm, buf, a->len + b->len);
}

str_t *str_catn(vm_t *vm, size_t n, const char *const *parts,
                const size_t *lens)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        len += lens[i];
    }
    char *buf = str_buf_alloc(vm, len);
    if (!buf) {
        return NULL;
    }
    char *p = buf;
    for (size_t i = 0; i < n; i++) {
        memcpy(p, parts[i], lens[i]);
        p += lens[i];
    }
    *p = '\0';
    return str_take(vm, buf, len);
}

/* CPython returns the receiver itself when an operation changes nothing,
 * but only for exact str: a subclass instance becomes a plain str copy. */
str_t *str__unchanged(vm_t *vm, str_t *s)
{
    return TYPE(s) == vm->t_str ? s : str_new(vm, s->s, s->len);
}

/* The str for bytes [b0, b1) of s (on code point boundaries). */
str_t *str__substr(vm_t *vm, str_t *s, size_t b0, size_t b1)
{
    if (b0 == 0 && b1 == s->len) {
        return str__unchanged(vm, s);
    }
    return str_new(vm, s->s + b0, b1 - b0);
}

/* ==== A growable output buffer ========================================== */

void str__sb_init(sbuf_t *b, vm_t *vm)
{
    b->vm = vm;
    b->p = NULL;
    b->n = b->cap = 0;
    b->err = false;
}

bool str__sb_grow(sbuf_t *b, size_t extra)
{
    if (b->err) {
        return false;
    }
    if (extra > STR_MAX_BYTES || b->n + extra > STR_MAX_BYTES) {
        b->err = true;
        str__raise_memory(b->vm);
        return false;
    }
    size_t need = b->n + extra + 1;
    if (need <= b->cap) {
        return true;
    }
    size_t cap = b->cap ? b->cap : 32;
    while (cap < need) {
        cap *= 2;
    }
    char *p = gc_try_realloc(b->vm, b->p, b->cap, cap);
    if (!p) {
        b->err = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void str__sb_put(sbuf_t *b, const char *p, size_t n)
{
    if (n && str__sb_grow(b, n)) {
        memcpy(b->p + b->n, p, n);
        b->n += n;
    }
}

void str__sb_putc(sbuf_t *b, char c)
{
    if (str__sb_grow(b, 1)) {
        b->p[b->n++] = c;
    }
}

void str__sb_putcp(sbuf_t *b, uint32_t c)
{
    char t[4];
    str__sb_put(b, t, str__u8_enc(c, t));
}

/* Appends count copies of the code point c. */
void str__sb_fill(sbuf_t *b, uint32_t c, int64_t count)
{
    char t[4];
    size_t k = str__u8_enc(c, t);
    if (count <= 0) {
        return;
    }
    if ((uint64_t)count > STR_MAX_BYTES / k) {
        str__sb_grow(b, STR_MAX_BYTES + 1);
        return;
    }
    if (!str__sb_grow(b, (size_t)count * k)) {
        return;
    }
    for (int64_t i = 0; i < count; i++) {
        memcpy(b->p + b->n, t, k);
        b->n += k;
    }
}

void str__sb_free(sbuf_t *b)
{
    if (b->p) {
        gc_free(b->vm, b->p, b->cap);
    }
    b->p = NULL;
    b->n = b->cap = 0;
}

str_t *str__sb_finish(sbuf_t *b)
{
    vm_t *vm = b->vm;
    if (b->err) {
        str__sb_free(b);
        return NULL;
    }
    if (!b->p) {
        return str__get_empty(vm);
    }
    char *buf = b->p;
    if (b->cap != b->n + 1) {
        buf = gc_realloc(vm, buf, b->cap, b->n + 1);
    }
    buf[b->n] = '\0';
    str_t *s = str_take(vm, buf, b->n);
    b->p = NULL;
    b->n = b->cap = 0;
    return s;
}

/* ==== Core helpers ====================================================== */

int64_t str_hash(str_t *s)
{
    if (s->hash != -1) {
        return s->hash;
    }
    // FNV-1a over the UTF-8 bytes: equal strings hash alike, and -1 is
    // reserved for "not computed" (and "error" in CPython's C API).
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < s->len; i++) {
        h ^= (unsigned char)s->s[i];
        h *= 0x100000001b3ULL;
    }
    int64_t r = (int64_t)(h >> 1);
    if (h & 1) {
        r = -r - 1;
    }
    if (r == -1) {
        r = -2;
    }
    s->hash = r;
    return r;
}

bool str_eq(str_t *a, str_t *b)
{
    if (a == b) {
        return true;
    }
    if (a->len != b->len) {
        return false;
    }
    if (a->hash != -1 && b->hash != -1 && a->hash != b->hash) {
        return false;
    }
    return memcmp(a->s, b->s, a->len) == 0;
}

size_t str_offset(str_t *s, size_t i)
{
    if (s->ascii) {
        return i < s->len ? i : s->len;
    }
    if (i >= s->nchars) {
        return s->len;
    }
    size_t b;
    if (i <= s->nchars / 2) {
        b = 0;
        for (size_t k = 0; k < i; k++) {
            b++;
            while (b < s->len && IS_CONT(s->s[b])) {
                b++;
            }
        }
    } else {
        b = s->len;
        for (size_t k = s->nchars; k > i; k--) {
            b = str__u8_prev(s->s, b);
        }
    }
    return b;
}

/* Code point index of byte offset b (on a boundary). */
size_t str__char_index(str_t *s, size_t b)
{
    return s->ascii ? b : str__u8_count(s->s, b);
}

str_t *str_char_at(vm_t *vm, str_t *s, size_t i)
{
    size_t b = str_offset(s, i), adv;
    if ((unsigned char)s->s[b] < 0x80) {
        return ascii_char(vm, (unsigned char)s->s[b]);
    }
    str__u8_dec(s->s + b, s->len - b, &adv);
    return str_new(vm, s->s + b, adv);
}

static void sb_escape(sbuf_t *b, uint32_t c)
{
    char t[12];
    if (c <= 0xFF) {
        snprintf(t, sizeof t, "\\x%02x", (unsigned)c);
    } else if (c <= 0xFFFF) {
        snprintf(t, sizeof t, "\\u%04x", (unsigned)c);
    } else {
        snprintf(t, sizeof t, "\\U%08x", (unsigned)c);
    }
    str__sb_put(b, t, strlen(t));
}

/* unicode_repr's result for an ASCII string needing no escape and no
 * other quote: the text between two single quotes, built in place
 * (reprs of names and results fill trace lines, where the general loop
 * below was a thousand instructions a string). NULL when s is not such
 * a string. */
static str_t *repr_plain_ascii(vm_t *vm, str_t *s)
{
    if (!s->ascii || s->len + 2 > STR_INLINE_MAX) {
        return NULL;
    }
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->s[i];
        if (c < 0x20 || c == 0x7F || c == '\\' || c == '\'') {
            return NULL;
        }
    }
    size_t n = s->len + 2;
    str_t *r = str_alloc_inline(vm, n);
    r->s[0] = '\'';
    memcpy(r->s + 1, s->s, s->len);
    r->s[n - 1] = '\'';
    r->s[n] = '\0';
    r->hash = -1;
    r->len = r->nchars = n;
    r->ascii = true;
    return r;
}

/* unicode_repr, and with [ascii_only] the escaping PyObject_ASCII adds. */
static str_t *repr_impl(vm_t *vm, str_t *s, bool ascii_only)
{
    str_t *fast = repr_plain_ascii(vm, s);
    if (fast) {
        return fast;
    }
    char q = '\'';
    if (memchr(s->s, '\'', s->len) && !memchr(s->s, '"', s->len)) {
        q = '"';
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    str__sb_grow(&b, s->len + 2);
    str__sb_putc(&b, q);
    for (size_t i = 0; i < s->len;) {
        size_t adv;
        uint32_t c = str__u8_dec(s->s + i, s->len - i, &adv);
        if (c == (uint32_t)q || c == '\\') {
            str__sb_putc(&b, '\\');
            str__sb_putc(&b, (char)c);
        } else if (c == '\t') {
            str__sb_put(&b, "\\t", 2);
        } else if (c == '\n') {
            str__sb_put(&b, "\\n", 2);
        } else if (c == '\r') {
            str__sb_put(&b, "\\r", 2);
        } else if (c < 0x20 || c == 0x7F) {
            sb_escape(&b, c);
        } else if (c < 0x7F) {
            str__sb_putc(&b, (char)c);
        } else if (!ascii_only && str__uc_isprintable(c)) {
            str__sb_put(&b, s->s + i, adv);
        } else {
            sb_escape(&b, c);
        }
        i += adv;
    }
    str__sb_putc(&b, q);
    return str__sb_finish(&b);
}

str_t *str_repr(vm_t *vm, str_t *s)
{
    return repr_impl(vm, s, false);
}

/* ascii(o) (PyObject_ASCII): repr with every non-ASCII code point
 * escaped. */
str_t *str_ascii(vm_t *vm, obj_t *o)
{
    if (str__is_str(vm, o)) {
        return repr_impl(vm, (str_t *)o, true);
    }
    str_t *r = obj_repr(vm, o);
    if (!r || r->ascii) {
        return r;
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    for (size_t i = 0; i < r->len;) {
        size_t adv;
        uint32_t c = str__u8_dec(r->s + i, r->len - i, &adv);
        if (c < 0x80) {
            str__sb_putc(&b, (char)c);
        } else {
            sb_escape(&b, c);
        }
        i += adv;
    }
    return str__sb_finish(&b);
}

/* ==== Argument checking with CPython's messages ========================= */

static bool has_kw(tuple_t *kw)
{
    return kw != NULL && kw->n > 0;
}

bool str__check_args(vm_t *vm, int style, const char *name, int argc,
                     tuple_t *kw, int min, int max)
{
    if (has_kw(kw)) {
        vm_raise(vm, EXC_TypeError, style == ARGS_WRAPPER
                 ? "wrapper %s() takes no keyword arguments"
                 : style == ARGS_TUPLE ? "%s() takes no keyword arguments"
                                       : "str.%s() takes no keyword arguments",
                 name);
        return false;
    }
    if (argc >= min && argc <= max) {
        return true;
    }
    int n = argc < min ? min : max;
    const char *side = argc < min ? "least" : "most", *pl = n == 1 ? "" : "s";
    if (style == ARGS_FIXED && n == 0) {
        vm_raise(vm, EXC_TypeError, "str.%s() takes no arguments (%d given)",
                 name, argc);
    } else if (style == ARGS_FIXED) {
        vm_raise(vm, EXC_TypeError,
                 "str.%s() takes exactly one argument (%d given)", name, argc);
    } else if (style == ARGS_TUPLE) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes at %s %d argument%s (%d given)", name, side, n,
                 pl, argc);
    } else if (style == ARGS_CLINIC) {
        vm_raise(vm, EXC_TypeError, "%s expected at %s %d argument%s, got %d",
                 name, side, n, pl, argc);
    } else {
        vm_raise(vm, EXC_TypeError, "expected %d argument%s, got %d", n, pl,
                 argc);
    }
    return false;
}

/* Argument Clinic methods with keyword parameters (_PyArg_UnpackKeywords):
 * fills out[0..nn) with the arguments, NULL where not given. */
bool str__parse_kw(vm_t *vm, const char *fname, int argc, obj_t **argv,
                   tuple_t *kw, const char *const *names, int nn,
                   obj_t **out)
{
    int nkw = kw ? (int)kw->n : 0;
    for (int i = 0; i < nn; i++) {
        out[i] = i < argc ? argv[i] : NULL;
    }
    if (argc + nkw > nn) {
        vm_raise(vm, EXC_TypeError,
                 "%s() takes at most %d %sargument%s (%d given)", fname, nn,
                 argc == 0 ? "keyword " : "", nn == 1 ? "" : "s",
                 argc + nkw);
        return false;
    }
    for (int k = 0; k < nkw; k++) {
        str_t *key = (str_t *)kw->items[k];
        int j = 0;
        while (j < nn && strcmp(names[j], key->s) != 0) {
            j++;
        }
        if (j == nn) {
            vm_raise(vm, EXC_TypeError,
                     "'%s' is an invalid keyword argument for %s()", key->s,
                     fname);
            return false;
        }
        if (j < argc) {
            vm_raise(vm, EXC_TypeError,
                     "argument for %s() given by name ('%s') and position "
                     "(%d)", fname, names[j], j + 1);
            return false;
        }
        out[j] = argv[argc + k];
    }
    return true;
}

static bool is_intlike(vm_t *vm, obj_t *o)
{
    return TYPE(o) == vm->t_int || TYPE(o) == vm->t_bool ||
           obj_isinstance_t(o, vm->t_int) ||
           type_lookup(vm, TYPE(o), vm->s.__index__) != NULL;
}

/* start/end of find() and friends: None keeps the default. */
bool str__slice_arg(vm_t *vm, obj_t *o, int64_t *out)
{
    if (o == NULL || o == vm->none) {
        return true;
    }
    if (!is_intlike(vm, o)) {
        vm_raise(vm, EXC_TypeError, "slice indices must be integers or None "
                                    "or have an __index__ method");
        return false;
    }
    return obj_index(vm, o, out) == 0;
}

/* CPython's ADJUST_INDICES on code point indices. */
void str__adjust_indices(int64_t *start, int64_t *end, int64_t len)
{
    if (*end > len) {
        *end = len;
    } else if (*end < 0) {
        *end += len;
        if (*end < 0) {
            *end = 0;
        }
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0) {
            *start = 0;
        }
    }
}

obj_t *str__bad_self(vm_t *vm, const char *name, obj_t *self)
{
    if (!self) {
        return vm_raise(vm, EXC_TypeError,
                        "unbound method str.%s() needs an argument", name);
    }
    return vm_raise(vm, EXC_TypeError,
                    "descriptor '%s' for 'str' objects doesn't apply to a "
                    "'%s' object", name, type_name(self));
}

/* ==== Dunder methods ==================================================== */

NATIVE(m_len)
{
    BEGIN("__len__", ARGS_WRAPPER, 0, 0);
    return int_new(vm, (int64_t)s->nchars);
}

static obj_t *getitem(vm_t *vm, str_t *s, obj_t *key)
{
    if (TYPE(key) == vm->t_slice) {
        int64_t start, stop, step;
        int64_t n = slice_indices(vm, key, (int64_t)s->nchars, &start, &stop,
                                  &step);
        if (n < 0) {
            return NULL;
        }
        if (n == 0) {
            return (obj_t *)str__get_empty(vm);
        }
        if (step == 1) {
            return (obj_t *)str__substr(vm, s, str_offset(s, (size_t)start),
                                        str_offset(s, (size_t)stop));
        }
        sbuf_t b;
        str__sb_init(&b, vm);
        size_t off = str_offset(s, (size_t)start);
        for (int64_t k = 0; k < n; k++) {
            size_t adv;
            str__u8_dec(s->s + off, s->len - off, &adv);
            str__sb_put(&b, s->s + off, adv);
            if (k + 1 == n) {
                break;
            }
            // Walk |step| code points to the next selected one.
            if (s->ascii) {
                off = (size_t)((int64_t)off + step);
            } else if (step > 0) {
                for (int64_t j = 0; j < step; j++) {
                    off++;
                    while (off < s->len && IS_CONT(s->s[off])) {
                        off++;
                    }
                }
            } else {
                for (int64_t j = 0; j < -step; j++) {
                    off = str__u8_prev(s->s, off);
                }
            }
        }
        return (obj_t *)str__sb_finish(&b);
    }
    if (!is_intlike(vm, key)) {
        return vm_raise(vm, EXC_TypeError,
                        "string indices must be integers, not '%s'",
                        type_name(key));
    }
    int64_t i;
    if (obj_index(vm, key, &i) < 0) {
        return NULL;
    }
    if (i < 0) {
        i += (int64_t)s->nchars;
    }
    if (i < 0 || i >= (int64_t)s->nchars) {
        return vm_raise(vm, EXC_IndexError, "string index out of range");
    }
    return (obj_t *)str_char_at(vm, s, (size_t)i);
}

NATIVE(m_getitem)
{
    BEGIN("__getitem__", ARGS_WRAPPER, 1, 1);
    return getitem(vm, s, argv[0]);
}

NATIVE(m_contains)
{
    BEGIN("__contains__", ARGS_WRAPPER, 1, 1);
    if (!str__is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError,
                        "'in <string>' requires string as left operand, "
                        "not %s", type_name(argv[0]));
    }
    str_t *sub = (str_t *)argv[0];
    return bool_new(vm, str__bfind(s->s, s->len, sub->s, sub->len) >= 0);
}

/* For a non-str operand __add__ returns NotImplemented so the other
 * operand's __radd__ gets its turn; obj_binop then raises CPython's
 * "can only concatenate str" message. */
NATIVE(m_add)
{
    BEGIN("__add__", ARGS_WRAPPER, 1, 1);
    if (!str__is_str(vm, argv[0])) {
        return vm->notimpl;
    }
    return (obj_t *)str_concat(vm, s, (str_t *)argv[0]);
}

static obj_t *repeat(vm_t *vm, str_t *s, obj_t *count)
{
    int64_t n;
    if (!is_intlike(vm, count)) {
        return vm->notimpl;   // obj_binop: "can't multiply sequence by..."
    }
    if (obj_index(vm, count, &n) < 0) {
        return NULL;
    }
    if (n <= 0 || s->len == 0) {
        return (obj_t *)str__get_empty(vm);
    }
    if (n == 1) {
        return (obj_t *)str__unchanged(vm, s);
    }
    if (s->len > (size_t)(INT64_MAX / n)) {
        return vm_raise(vm, EXC_OverflowError, "repeated string is too long");
    }
    size_t total = s->len * (size_t)n;
    char *buf = str_buf_alloc(vm, total);
    if (!buf) {
        return NULL;
    }
    // Doubling copies: log(n) memcpy calls instead of n.
    memcpy(buf, s->s, s->len);
    size_t done = s->len;
    while (done < total) {
        size_t k = done <= total - done ? done : total - done;
        memcpy(buf + done, buf, k);
        done += k;
    }
    buf[total] = '\0';
    return (obj_t *)str_wrap(vm, vm->t_str, buf, total);
}

NATIVE(m_mul)
{
    BEGIN("__mul__", ARGS_WRAPPER, 1, 1);
    return repeat(vm, s, argv[0]);
}

NATIVE(m_rmul)
{
    BEGIN("__rmul__", ARGS_WRAPPER, 1, 1);
    return repeat(vm, s, argv[0]);
}

/* UTF-8 byte order is code point order, so memcmp compares like CPython. */
static int str_cmp(str_t *a, str_t *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, n);
    if (c != 0) {
        return c < 0 ? -1 : 1;
    }
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

static obj_t *richcmp(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                      tuple_t *kw, int op, const char *name)
{
    BEGIN(name, ARGS_WRAPPER, 1, 1);
    if (!str__is_str(vm, argv[0])) {
        return vm->notimpl;
    }
    str_t *o = (str_t *)argv[0];
    if (op == CMP_EQ || op == CMP_NE) {
        return bool_new(vm, str_eq(s, o) == (op == CMP_EQ));
    }
    int c = str_cmp(s, o);
    switch (op) {
    case CMP_LT: return bool_new(vm, c < 0);
    case CMP_LE: return bool_new(vm, c <= 0);
    case CMP_GT: return bool_new(vm, c > 0);
    default: return bool_new(vm, c >= 0);
    }
}

FORWARD(m_eq, richcmp, CMP_EQ, "__eq__")
FORWARD(m_ne, richcmp, CMP_NE, "__ne__")
FORWARD(m_lt, richcmp, CMP_LT, "__lt__")
FORWARD(m_le, richcmp, CMP_LE, "__le__")
FORWARD(m_gt, richcmp, CMP_GT, "__gt__")
FORWARD(m_ge, richcmp, CMP_GE, "__ge__")

NATIVE(m_hash)
{
    BEGIN("__hash__", ARGS_WRAPPER, 0, 0);
    return int_new(vm, str_hash(s));
}

NATIVE(m_repr)
{
    BEGIN("__repr__", ARGS_WRAPPER, 0, 0);
    return (obj_t *)str_repr(vm, s);
}

NATIVE(m_str)
{
    BEGIN("__str__", ARGS_WRAPPER, 0, 0);
    return (obj_t *)str__unchanged(vm, s);
}

/* Appends format(s, spec) to out; obj names the type in error messages. */
int str__format_str_into(vm_t *vm, str_t *s, obj_t *obj, const char *spec,
                         size_t slen, sbuf_t *out)
{
    if (slen == 0) {
        str__sb_put(out, s->s, s->len);
        return 0;
    }
    fmt_spec_t fs;
    fmt_buf_t fb;
    char err[300];
    if (fmt_parse_spec_typed(spec, slen, type_name(obj), &fs, err,
                             sizeof err) < 0) {
        vm_raise(vm, EXC_ValueError, "%s", err);
        return -1;
    }
    obj_fmt_buf_init(vm, &fb);
    if (fmt_format_str(s->s, s->len, &fs, &fb, err, sizeof err) < 0) {
        // fmt.c names the type 'str'; CPython names the actual subclass.
        char *at = strstr(err, "for object of type 'str'");
        if (at && TYPE(obj) != vm->t_str) {
            snprintf(at, sizeof err - (size_t)(at - err),
                     "for object of type '%s'", type_name(obj));
        }
        obj_fmt_raise(vm, &fb, err);
        return -1;
    }
    str__sb_put(out, fb.buf ? fb.buf : "", fb.len);
    fmt_buf_free(&fb);
    return 0;
}

NATIVE(m_format_spec)
{
    BEGIN("__format__", ARGS_FIXED, 1, 1);
    if (!str__is_str(vm, argv[0])) {
        return vm_raise(vm, EXC_TypeError,
                        "__format__() argument must be str, not %s",
                        type_name(argv[0]));
    }
    str_t *spec = (str_t *)argv[0];
    if (spec->len == 0) {
        // format(x, '') is str(x); a subclass may override __str__.
        return (obj_t *)(TYPE(s) == vm->t_str ? s : obj_str(vm, self));
    }
    sbuf_t b;
    str__sb_init(&b, vm);
    if (str__format_str_into(vm, s, self, spec->s, spec->len, &b) < 0) {
        str__sb_free(&b);
        return NULL;
    }
    return (obj_t *)str__sb_finish(&b);
}

/* ==== The iterator ====================================================== */

typedef struct str_iter {
    obj_t hdr;
    str_t *s;     /* NULL once exhausted */
    size_t pos;   /* byte offset of the next code point */
} str_iter_t;

static void str_iter_mark(vm_t *vm, obj_t *o)
{
    gc_mark(vm, (obj_t *)((str_iter_t *)o)->s);
}

static obj_t *str_iter_next(vm_t *vm, obj_t *o)
{
    str_iter_t *it = (str_iter_t *)o;
    str_t *s = it->s;
    if (!s) {
        return NULL;
    }
    if (it->pos >= s->len) {
        it->s = NULL;
        return NULL;
    }
    size_t adv;
    str__u8_dec(s->s + it->pos, s->len - it->pos, &adv);
    str_t *r = str_new(vm, s->s + it->pos, adv);
    it->pos += adv;
    return (obj_t *)r;
}

static obj_t *str_iter_self(vm_t *vm, obj_t *o)
{
    (void)vm;
    return o;
}

static obj_t *str_iter_new(vm_t *vm, obj_t *o)
{
    str_iter_t *it = (str_iter_t *)gc_alloc(vm, vm->t_str_iter,
                                            sizeof(str_iter_t));
    it->s = (str_t *)o;
    it->pos = 0;
    return (obj_t *)it;
}

static bool iter_self(vm_t *vm, obj_t **self, int *argc, obj_t ***argv,
                      tuple_t *kw, const char *name)
{
    if (*self == NULL && *argc > 0) {
        *self = (*argv)[0];
        (*argv)++;
        (*argc)--;
    }
    if (*self == NULL || TYPE(*self) != vm->t_str_iter) {
        vm_raise(vm, EXC_TypeError, "descriptor '%s' requires a "
                 "'str_ascii_iterator' object", name);
        return false;
    }
    return str__check_args(vm, ARGS_WRAPPER, name, *argc, kw, 0, 0);
}

NATIVE(m_iter_iter)
{
    if (!iter_self(vm, &self, &argc, &argv, kw, "__iter__")) {
        return NULL;
    }
    return self;
}

NATIVE(m_iter_next)
{
    if (!iter_self(vm, &self, &argc, &argv, kw, "__next__")) {
        return NULL;
    }
    obj_t *r = str_iter_next(vm, self);
    if (!r && !vm->exc) {
        return vm_raise_obj(vm, (obj_t *)EXC_TYPE(vm, StopIteration));
    }
    return r;
}

NATIVE(m_iter)
{
    BEGIN("__iter__", ARGS_WRAPPER, 0, 0);
    return str_iter_new(vm, (obj_t *)s);
}

/* ==== Type slots and initialisation ===================================== */

static void str_destroy(vm_t *vm, obj_t *o)
{
    str_t *s = (str_t *)o;
    if (s->s && !str_inline(s)) {
        gc_free(vm, s->s, s->len + 1);
    }
    s->s = NULL;
}

static obj_t *str_repr_slot(vm_t *vm, obj_t *o)
{
    return (obj_t *)str_repr(vm, (str_t *)o);
}

static obj_t *str_str_slot(vm_t *vm, obj_t *o)
{
    return (obj_t *)str__unchanged(vm, (str_t *)o);
}

/* str(object='', encoding=..., errors=...); self is the class, which may
 * be a subclass of str. There are no bytes objects, so any encoding
 * argument with an object fails the way CPython's decoding path does. */
static obj_t *str_new_slot(vm_t *vm, obj_t *self, int argc, obj_t **argv,
                           tuple_t *kw)
{
    static const char *const names[] = {"object", "encoding", "errors"};
    obj_t *a[3];
    if (!str__parse_kw(vm, "str", argc, argv, kw, names, 3, a)) {
        return NULL;
    }
    for (int i = 1; i < 3; i++) {
        if (a[i] && !str__is_str(vm, a[i])) {
            return vm_raise(vm, EXC_TypeError,
                            "str() argument '%s' must be str, not %s",
                            names[i], type_name(a[i]));
        }
    }
    str_t *r;
    if (!a[0]) {
        r = str__get_empty(vm);
    } else if (a[1] || a[2]) {
        return vm_raise(vm, EXC_TypeError,
                        "decoding to str: need a bytes-like object, %s found",
                        type_name(a[0]));
    } else {
        r = obj_str(vm, a[0]);
        if (!r) {
            return NULL;
        }
    }
    type_t *t = self && obj_isinstance_t(self, vm->t_type) ? (type_t *)self
                                                            : vm->t_str;
    if (t == vm->t_str) {
        return (obj_t *)r;
    }
    char *buf = gc_malloc(vm, r->len + 1);
    memcpy(buf, r->s, r->len + 1);
    return (obj_t *)str_wrap(vm, t, buf, r->len);
}

static const method_def_t str_methods[] = {
    {"__len__", m_len}, {"__getitem__", m_getitem},
    {"__contains__", m_contains}, {"__add__", m_add}, {"__mul__", m_mul},
    {"__rmul__", m_rmul}, {"__eq__", m_eq}, {"__ne__", m_ne},
    {"__lt__", m_lt}, {"__le__", m_le}, {"__gt__", m_gt}, {"__ge__", m_ge},
    {"__hash__", m_hash}, {"__format__", m_format_spec}, {"__iter__", m_iter},
    {"__repr__", m_repr}, {"__str__", m_str}};

static const method_def_t iter_methods[] = {
    {"__iter__", m_iter_iter}, {"__next__", m_iter_next}};

static void add_methods(vm_t *vm, type_t *t, const method_def_t *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        type_add_method(vm, t, m[i].name, m[i].fn);
    }
}

/* Creates str and its iterator type and the shared '' and one-character
 * strings. Methods registered before obj_core_finish are queued by
 * type_add_method until the type dicts exist. */
void obj_str_init(vm_t *vm)
{
    type_t *t = type_new_builtin(vm, "str", NULL, LAYOUT_STR, sizeof(str_t));
    t->destroy = str_destroy;
    t->repr = str_repr_slot;
    t->str = str_str_slot;
    t->iter = str_iter_new;
    t->new_ = str_new_slot;
    type_add_native(vm, t, "__new__", type__m_builtin_new, TM_STATIC);
    vm->t_str = t;
    add_methods(vm, t, str_methods,
                sizeof str_methods / sizeof str_methods[0]);
    add_methods(vm, t, str__methods, str__nmethods);

    // CPython 3.11 names the iterator of an ASCII string str_ascii_iterator
    // (str_iterator otherwise); one type serves both here.
    t = type_new_builtin(vm, "str_ascii_iterator", NULL, LAYOUT_OTHER,
                         sizeof(str_iter_t));
    t->flags &= ~(uint32_t)TF_BASETYPE;
    t->mark = str_iter_mark;
    t->iter = str_iter_self;
    t->next = str_iter_next;
    t->new_ = NULL;   // "cannot create 'str_ascii_iterator' instances"
    vm->t_str_iter = t;
    add_methods(vm, t, iter_methods,
                sizeof iter_methods / sizeof iter_methods[0]);

    str__get_empty(vm);
    for (unsigned c = 0; c < 128; c++) {
        ascii_char(vm, c);
    }
}
