/*
 * obj_str_int.h - internals shared by the files of the str type
 * (obj_str.c, obj_str_unicode.c, obj_str_methods.c, obj_str_format.c);
 * nothing else includes it. The public str helpers are in vm.h.
 */
#ifndef LOOPLAB_CORE_LANG_OBJ_STR_INT_H
#define LOOPLAB_CORE_LANG_OBJ_STR_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

/* ==== Shared definitions ================================================ */

/* Beyond this a buffer request raises MemoryError instead of letting the
 * allocator abort the process. */
#define STR_MAX_BYTES ((size_t)1 << 36)

/* A UTF-8 continuation byte (10xxxxxx). */
#define IS_CONT(b) ((((unsigned char)(b)) & 0xC0) == 0x80)

/* The mapping str__case_full applies. */
enum { CM_UPPER, CM_LOWER, CM_TITLE, CM_FOLD };

/* A growable output buffer (obj_str.c).
 * Errors are sticky: after a failed growth (MemoryError raised) further
 * writes are ignored and str__sb_finish returns NULL, so callers check
 * once. */
typedef struct sbuf {
    vm_t *vm;
    char *p;
    size_t n, cap;
    bool err;
} sbuf_t;

/* How a method checks its arguments in CPython, which decides the wording
 * of the TypeError: METH_NOARGS/METH_O, PyArg_ParseTuple (find, count...),
 * positional-only Argument Clinic (strip, replace...), slot wrappers. */
enum { ARGS_FIXED, ARGS_TUPLE, ARGS_CLINIC, ARGS_WRAPPER };

/* Every method starts with this. An unbound call (str.upper(x)) may pass
 * the receiver as argv[0] with self NULL; accept both conventions. */
#define GET_SELF(mname)                                                     \
    str_t *s = NULL;                                                        \
    do {                                                                    \
        if (self == NULL && argc > 0) {                                     \
            self = argv[0];                                                 \
            argv++;                                                         \
            argc--;                                                         \
        }                                                                   \
        if (self == NULL || !str__is_str(vm, self)) {                       \
            return str__bad_self(vm, mname, self);                          \
        }                                                                   \
        s = (str_t *)self;                                                  \
    } while (0)

/* GET_SELF plus the argument count check of the given style. */
#define BEGIN(mname, style, min, max)                                       \
    GET_SELF(mname);                                                        \
    do {                                                                    \
        if (!str__check_args(vm, style, mname, argc, kw, min, max)) {       \
            return NULL;                                                    \
        }                                                                   \
    } while (0)

/* A native method that forwards to impl with extra arguments. */
#define FORWARD(fn, impl, ...)                                              \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,         \
                     tuple_t *kw)                                           \
    {                                                                       \
        return impl(vm, self, argc, argv, kw, __VA_ARGS__);                 \
    }

#define NATIVE(fn)                                                          \
    static obj_t *fn(vm_t *vm, obj_t *self, int argc, obj_t **argv,         \
                     tuple_t *kw)

/* The arguments of one str.format or str.format_map call
 * (obj_str_format.c). */
typedef struct fmt_ctx {
    obj_t **args;       /* positional arguments */
    int nargs;
    bool positional;    /* false for format_map: no positional fields */
    tuple_t *kwnames;   /* keyword names (str.format) */
    obj_t **kwvals;
    obj_t *mapping;     /* format_map's mapping, else NULL */
    int autostate;      /* 0 unknown, 1 automatic, 2 manual numbering */
    int64_t next_auto;
} fmt_ctx_t;

/* One entry of a method table. */
typedef struct method_def { const char *name; native_fn fn; } method_def_t;

/* ==== Functions ========================================================= */

/* obj_str.c */
bool str__is_str(vm_t *vm, obj_t *o);
obj_t *str__raise_memory(vm_t *vm);
str_t *str__get_empty(vm_t *vm);
str_t *str__unchanged(vm_t *vm, str_t *s);
str_t *str__substr(vm_t *vm, str_t *s, size_t b0, size_t b1);
void str__sb_init(sbuf_t *b, vm_t *vm);
bool str__sb_grow(sbuf_t *b, size_t extra);
void str__sb_put(sbuf_t *b, const char *p, size_t n);
void str__sb_putc(sbuf_t *b, char c);
void str__sb_putcp(sbuf_t *b, uint32_t c);
void str__sb_fill(sbuf_t *b, uint32_t c, int64_t count);
void str__sb_free(sbuf_t *b);
str_t *str__sb_finish(sbuf_t *b);
size_t str__char_index(str_t *s, size_t b);
bool str__check_args(vm_t *vm, int style, const char *name, int argc,
                     tuple_t *kw, int min, int max);
bool str__parse_kw(vm_t *vm, const char *fname, int argc, obj_t **argv,
                   tuple_t *kw, const char *const *names, int nn,
                   obj_t **out);
bool str__slice_arg(vm_t *vm, obj_t *o, int64_t *out);
void str__adjust_indices(int64_t *start, int64_t *end, int64_t len);
obj_t *str__bad_self(vm_t *vm, const char *name, obj_t *self);
int str__format_str_into(vm_t *vm, str_t *s, obj_t *obj, const char *spec,
                         size_t slen, sbuf_t *out);

/* obj_str_unicode.c */
uint32_t str__u8_dec(const char *p, size_t n, size_t *adv);
size_t str__u8_enc(uint32_t c, char *o);
size_t str__u8_prev(const char *s, size_t b);
size_t str__u8_count(const char *s, size_t n);
int str__uc_decimal(uint32_t c);
bool str__uc_isspace(uint32_t c);
bool str__uc_isalpha(uint32_t c);
bool str__uc_isdecimal(uint32_t c);
bool str__uc_isdigit(uint32_t c);
bool str__uc_isnumeric(uint32_t c);
bool str__uc_isalnum(uint32_t c);
bool str__uc_isprintable(uint32_t c);
bool str__uc_islower(uint32_t c);
bool str__uc_isupper(uint32_t c);
bool str__uc_iscased(uint32_t c);
int str__case_full(uint32_t c, int mode, uint32_t *out);
int str__lower_at(const uint32_t *cps, size_t n, size_t i, uint32_t *out);

/* obj_str_methods.c */
int64_t str__bfind(const char *h, size_t n, const char *nd, size_t m);
/* The named methods, registered by obj_str_init after the dunders. */
extern const method_def_t str__methods[];
extern const size_t str__nmethods;

/* obj_str_format.c */
int str__fmt_build(vm_t *vm, fmt_ctx_t *cx, const char *p, size_t n,
                   int depth, sbuf_t *out);

#endif
