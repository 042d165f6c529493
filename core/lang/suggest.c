/*
 * suggest.c - "Did you mean: 'print'?" after a NameError or an
 * AttributeError in a printed traceback.
 *
 * Mirrors CPython 3.11's Python/suggestions.c (_Py_Offer_Suggestions), as
 * its default excepthook uses it: a NameError that carries its name is
 * matched against the names of the innermost traceback frame's code
 * (co_varnames), then that frame's globals, then the builtins; an
 * AttributeError that carries its name and object against dir(obj). The
 * closest candidate wins by a Levenshtein distance over UTF-8 bytes in
 * which a case flip costs 1 and any other edit 2, at most a third of the
 * characters involved, the first of equals kept; lists of 750 names or
 * more, and names that still differ in over 40 bytes once their common
 * ends are cut, give none. 3.11's traceback module offers no suggestion,
 * so neither do the tracebacks asyncio logs (vm_print_traceback).
 */
#include "code.h"
#include "obj_int.h"

#include <stdint.h>
#include <string.h>

enum { MOST_CANDIDATES = 750, LONGEST = 40, EDIT = 2, CASE_FLIP = 1 };

static size_t replace_cost(unsigned char x, unsigned char y)
{
    if (x == y) {
        return 0;
    }
    // Letters that differ in case alone share their low five bits.
    if ((x & 31) != (y & 31)) {
        return EDIT;
    }
    unsigned char lx = x >= 'A' && x <= 'Z' ? (unsigned char)(x + 32) : x;
    unsigned char ly = y >= 'A' && y <= 'Z' ? (unsigned char)(y + 32) : y;
    return lx == ly ? CASE_FLIP : EDIT;
}

/* The edit distance of s[0, n) and t[0, m), or limit + 1 as soon as it
 * is known to exceed [limit]. One row of the table, in [row]. */
static size_t distance(const unsigned char *s, size_t n,
                       const unsigned char *t, size_t m, size_t limit,
                       size_t *row)
{
    while (n && m && s[0] == t[0]) {
        s++, t++, n--, m--;
    }
    while (n && m && s[n - 1] == t[m - 1]) {
        n--, m--;
    }
    if (n == 0 || m == 0) {
        return (n + m) * EDIT;
    }
    if (n > LONGEST || m > LONGEST) {
        return limit + 1;
    }
    if (m < n) {   /* the row runs along the shorter one */
        const unsigned char *u = s;
        s = t, t = u;
        size_t k = n;
        n = m, m = k;
    }
    if ((m - n) * EDIT > limit) {
        return limit + 1;
    }
    for (size_t i = 0; i < n; i++) {
        row[i] = (i + 1) * EDIT;
    }
    size_t cell = 0;
    for (size_t j = 0; j < m; j++) {
        size_t diag = j * EDIT;   /* the cell up and to the left */
        size_t left = diag;       /* the cell to the left, column 0 */
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            size_t replace = diag + replace_cost(t[j], s[i]);
            diag = row[i];
            size_t shift = (left < diag ? left : diag) + EDIT;
            cell = shift < replace ? shift : replace;
            row[i] = left = cell;
            if (cell < best) {
                best = cell;
            }
        }
        if (best > limit) {
            return limit + 1;
        }
    }
    return cell;
}

/* The candidate of items[0, n) closest to [name] (str items only), or
 * NULL. */
static str_t *closest(vm_t *vm, str_t *name, obj_t **items, size_t n)
{
    if (n >= MOST_CANDIDATES) {
        return NULL;
    }
    size_t row[LONGEST];
    str_t *found = NULL;
    size_t found_cost = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (!items[i] || TYPE(items[i]) != vm->t_str) {
            continue;
        }
        str_t *c = (str_t *)items[i];
        if (c->len == name->len && memcmp(c->s, name->s, c->len) == 0) {
            continue;
        }
        // At most a third of the characters may change, and no more than
        // the best so far less one.
        size_t limit = (name->len + c->len + 3) * EDIT / 6;
        if (found_cost - 1 < limit) {
            limit = found_cost - 1;
        }
        size_t cost = distance((const unsigned char *)name->s, name->len,
                               (const unsigned char *)c->s, c->len, limit,
                               row);
        if (cost <= limit && (!found || cost < found_cost)) {
            found = c;
            found_cost = cost;
        }
    }
    return found;
}

static str_t *closest_key(vm_t *vm, str_t *name, dict_t *d)
{
    if (!d || d->used >= MOST_CANDIDATES) {
        return NULL;
    }
    obj_t *keys[MOST_CANDIDATES];
    size_t n = 0;
    for (size_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key) {
            keys[n++] = d->entries[i].key;
        }
    }
    return closest(vm, name, keys, n);
}

static str_t *for_name_error(vm_t *vm, exc_t *e, str_t *name)
{
    // The innermost entry is the first (print_tb prints the last first).
    if (e->ntb == 0 || !e->tb[0].frame) {
        return NULL;
    }
    frame_t *f = e->tb[0].frame;
    tuple_t *vars = f->code->varnames;
    str_t *s = vars ? closest(vm, name, vars->items, vars->n) : NULL;
    if (!s) {
        s = closest_key(vm, name, f->globals);
    }
    if (!s) {
        s = closest_key(vm, name, vm->builtins);   /* LOAD_GLOBAL's */
    }
    return s;
}

static str_t *for_attribute_error(vm_t *vm, obj_t *obj, str_t *name)
{
    obj_t *dir = dict_get_cstr(vm, vm->builtins, "dir");
    obj_t *l = dir ? vm_call1(vm, dir, obj) : NULL;
    if (!l || TYPE(l) != vm->t_list) {
        vm->exc = NULL;   /* no suggestion, as CPython clears the error */
        return NULL;
    }
    return closest(vm, name, ((list_t *)l)->items, ((list_t *)l)->n);
}

str_t *exc_suggestion(vm_t *vm, obj_t *o)
{
    exc_t *e = (exc_t *)o;
    obj_t *saved = vm->exc;
    vm->exc = NULL;
    str_t *s = NULL;
    obj_t *name = exc_name_of(vm, o);
    if (name && TYPE(name) == vm->t_str) {
        if (obj_isinstance_t(o, vm->exc_types[EXC_NameError])) {
            s = for_name_error(vm, e, (str_t *)name);
        } else if (obj_isinstance_t(o, vm->exc_types[EXC_AttributeError])) {
            obj_t *obj = exc_obj_of(vm, o);
            s = obj ? for_attribute_error(vm, obj, (str_t *)name) : NULL;
        }
    }
    vm->exc = saved;
    return s;
}
