/*
 * test_compile.c - cmocka unit tests for the compiler (core/lang/compile.c).
 *
 * Compiles small modules and checks the code objects: flags (generator,
 * coroutine, varargs, ...), argument counts, how each name is accessed
 * (fast / cell / global / name opcodes, the symbol table's verdict),
 * closures' cell and free variables, qualified names, docstrings,
 * annotations, private name mangling, and the SyntaxErrors the compiler
 * itself raises (with CPython 3.11's messages and lines).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "code.h"

static vm_t *vm;

static int setup(void **state)
{
    (void)state;
    vm = vm_new();
    return vm ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    vm_free(vm);
    return 0;
}

static code_t *compile_ok(const char *src)
{
    code_t *co = compile_source(vm, src, strlen(src), "t.py");
    if (!co) {
        exc_t *e = (exc_t *)vm->exc;
        vm->exc = NULL;
        fail_msg("%s: %s", src, e && e->msg ? ((str_t *)e->msg)->s : "?");
    }
    return co;
}

/* The code object named [name] among [co]'s constants, searched depth
 * first (nested functions, classes, comprehensions). */
static code_t *find_code(code_t *co, const char *name)
{
    for (size_t i = 0; i < co->consts->n; i++) {
        obj_t *k = co->consts->items[i];
        if (TYPE(k) != vm->t_code) {
            continue;
        }
        code_t *c = (code_t *)k;
        if (strcmp(c->name->s, name) == 0) {
            return c;
        }
        c = find_code(c, name);
        if (c) {
            return c;
        }
    }
    return NULL;
}

static code_t *code_named(code_t *co, const char *name)
{
    code_t *c = find_code(co, name);
    if (!c) {
        fail_msg("no code object %s", name);
    }
    return c;
}

static int count_op(code_t *co, int op)
{
    int n = 0;
    for (size_t i = 0; i < co->nops; i++) {
        n += (int)(co->ops[i] & 0xff) == op;
    }
    return n;
}

/* The argument of the first [op] whose name operand is [name] (in
 * co_names for name/global/attribute ops, co_varnames for fast ops), or
 * -1 when there is none. */
static int op_on(code_t *co, int op, const char *name)
{
    bool fast = op == OP_LOAD_FAST || op == OP_STORE_FAST ||
                op == OP_DELETE_FAST;
    tuple_t *names = fast ? co->varnames : co->names;
    for (size_t i = 0; i < co->nops; i++) {
        if ((int)(co->ops[i] & 0xff) != op) {
            continue;
        }
        uint32_t arg = co->ops[i] >> 8;
        if (arg < names->n &&
            strcmp(((str_t *)names->items[arg])->s, name) == 0) {
            return (int)arg;
        }
    }
    return -1;
}

static bool has_str(tuple_t *t, const char *s)
{
    for (size_t i = 0; i < t->n; i++) {
        if (TYPE(t->items[i]) == vm->t_str &&
            strcmp(((str_t *)t->items[i])->s, s) == 0) {
            return true;
        }
    }
    return false;
}

static void expect_names(tuple_t *t, const char *const *want, size_t n)
{
    assert_int_equal(t->n, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(((str_t *)t->items[i])->s, want[i]);
    }
}

/* Asserts that compiling [src] raises [type] with [msg] at [line]. */
static void expect_error(const char *src, type_t *type, const char *msg,
                         int line)
{
    code_t *co = compile_source(vm, src, strlen(src), "t.py");
    assert_null(co);
    exc_t *e = (exc_t *)vm->exc;
    vm->exc = NULL;
    assert_non_null(e);
    assert_ptr_equal(TYPE(e), type);
    assert_string_equal(((str_t *)e->msg)->s, msg);
    assert_int_equal(e->lineno, line);
    assert_string_equal(((str_t *)e->filename)->s, "t.py");
}

/* ---------------------------------------------------------- code shape */

static void test_module_code(void **state)
{
    (void)state;
    code_t *co = compile_ok("x = 1\nprint(x)\n");
    assert_true(co->flags & CO_MODULE);
    assert_string_equal(co->name->s, "<module>");
    assert_string_equal(co->filename->s, "t.py");
    assert_int_equal(co->argcount, 0);
    // Module names are dictionary accesses, and the module ends with an
    // implicit "return None".
    assert_true(op_on(co, OP_STORE_NAME, "x") >= 0);
    assert_true(op_on(co, OP_LOAD_NAME, "print") >= 0);
    assert_int_equal(co->ops[co->nops - 1] & 0xff, OP_RETURN_VALUE);
    assert_int_equal(co->lines[0], 1);
    assert_int_equal(co->lines[co->nops - 2], 2);
}

static void test_function_kinds(void **state)
{
    (void)state;
    code_t *co = compile_ok(
        "def plain(): return 1\n"
        "def gen():\n    yield 1\n"
        "def delegating():\n    yield from gen()\n"
        "async def coro(): return 1\n"
        "async def agen():\n    yield 1\n"
        "def lazy():\n    return (x for x in ())\n");
    int kinds = CO_GENERATOR | CO_COROUTINE | CO_ASYNCGEN;
    assert_int_equal(code_named(co, "plain")->flags & kinds, 0);
    assert_true(code_named(co, "plain")->flags & CO_NEWLOCALS);
    assert_int_equal(code_named(co, "gen")->flags & kinds, CO_GENERATOR);
    assert_int_equal(code_named(co, "delegating")->flags & kinds,
                     CO_GENERATOR);
    assert_int_equal(code_named(co, "coro")->flags & kinds, CO_COROUTINE);
    assert_int_equal(code_named(co, "agen")->flags & kinds, CO_ASYNCGEN);
    // A generator expression makes its own generator; the function that
    // returns it is not one.
    assert_int_equal(code_named(co, "lazy")->flags & kinds, 0);
    assert_int_equal(code_named(co, "<genexpr>")->flags & kinds,
                     CO_GENERATOR);
}

static void test_arguments(void **state)
{
    (void)state;
    code_t *co = compile_ok("def f(a, b, /, c, *args, d, e=1, **kw):\n"
                            "    local = a\n    return local\n");
    code_t *f = code_named(co, "f");
    assert_int_equal(f->argcount, 3);
    assert_int_equal(f->posonly, 2);
    assert_int_equal(f->kwonly, 2);
    assert_true(f->flags & CO_VARARGS);
    assert_true(f->flags & CO_VARKEYWORDS);
    // Parameters first (positional, keyword-only, *args, **kwargs), then
    // the other locals.
    static const char *const vars[] = {"a", "b", "c", "d", "e", "args",
                                       "kw", "local"};
    expect_names(f->varnames, vars, 8);
    assert_int_equal(f->nlocals, 8);
    assert_true(op_on(f, OP_STORE_FAST, "local") >= 0);
    // The keyword-only default is keyed by name: BUILD_MAP then
    // MAKE_FUNCTION with the kwdefaults bit.
    bool found = false;
    for (size_t i = 0; i < co->nops; i++) {
        if ((co->ops[i] & 0xff) == OP_MAKE_FUNCTION) {
            assert_int_equal((co->ops[i] >> 8) & 2, 2);
            found = true;
        }
    }
    assert_true(found);
}

static void test_closures(void **state)
{
    (void)state;
    code_t *co = compile_ok("def outer(p):\n    x = 1\n"
                            "    def inner():\n        return x + p + g\n"
                            "    return inner\n");
    code_t *outer = code_named(co, "outer");
    code_t *inner = code_named(co, "inner");
    // x and p are captured: cells in outer, free in inner.
    assert_int_equal(outer->cellvars->n, 2);
    assert_true(has_str(outer->cellvars, "x"));
    assert_true(has_str(outer->cellvars, "p"));
    assert_int_equal(outer->freevars->n, 0);
    assert_int_equal(inner->freevars->n, 2);
    assert_true(has_str(inner->freevars, "x"));
    // A captured parameter's cell starts from the argument.
    for (size_t i = 0; i < outer->cellvars->n; i++) {
        const char *nm = ((str_t *)outer->cellvars->items[i])->s;
        assert_int_equal(outer->cell2arg[i], strcmp(nm, "p") == 0 ? 0 : -1);
    }
    assert_int_equal(count_op(outer, OP_STORE_DEREF), 1);
    assert_int_equal(count_op(outer, OP_LOAD_CLOSURE), 2);
    assert_int_equal(count_op(inner, OP_LOAD_DEREF), 2);
    // g is bound nowhere: an implicit global.
    assert_true(op_on(inner, OP_LOAD_GLOBAL, "g") >= 0);
    assert_int_equal(count_op(inner, OP_LOAD_FAST), 0);
}

static void test_global_and_nonlocal(void **state)
{
    (void)state;
    code_t *co = compile_ok("def f():\n    global g\n    g = 1\n"
                            "    n = 0\n    def h():\n        nonlocal n\n"
                            "        n += 1\n    return h\n");
    code_t *f = code_named(co, "f");
    code_t *h = code_named(co, "h");
    assert_true(op_on(f, OP_STORE_GLOBAL, "g") >= 0);
    assert_false(has_str(f->varnames, "g"));
    assert_true(has_str(f->cellvars, "n"));
    assert_true(has_str(h->freevars, "n"));
    assert_int_equal(count_op(h, OP_STORE_DEREF), 1);
}

static void test_class_scopes(void **state)
{
    (void)state;
    code_t *co = compile_ok("def f():\n    v = 1\n    class C(Base):\n"
                            "        a = v\n        def m(self):\n"
                            "            return super().m()\n"
                            "    return C\n");
    code_t *c = code_named(co, "C");
    code_t *m = code_named(co, "m");
    assert_true(c->flags & CO_CLASS);
    // Class bodies use name ops; a variable of the enclosing function is
    // read with LOAD_CLASSDEREF.
    assert_true(op_on(c, OP_STORE_NAME, "a") >= 0);
    assert_int_equal(count_op(c, OP_LOAD_CLASSDEREF), 1);
    assert_true(op_on(c, OP_STORE_NAME, "__module__") >= 0);
    assert_true(op_on(c, OP_STORE_NAME, "__qualname__") >= 0);
    // super() needs the implicit __class__ cell.
    assert_true(has_str(c->cellvars, "__class__"));
    assert_true(has_str(m->freevars, "__class__"));
    assert_true(op_on(c, OP_STORE_NAME, "__classcell__") >= 0);
}

static void test_qualnames(void **state)
{
    (void)state;
    code_t *co = compile_ok("class A:\n    def m(self):\n"
                            "        def g(): pass\n"
                            "        return [x for x in ()], lambda: 0\n");
    assert_string_equal(code_named(co, "A")->qualname->s, "A");
    assert_string_equal(code_named(co, "m")->qualname->s, "A.m");
    assert_string_equal(code_named(co, "g")->qualname->s,
                        "A.m.<locals>.g");
    assert_string_equal(code_named(co, "<listcomp>")->qualname->s,
                        "A.m.<locals>.<listcomp>");
    assert_string_equal(code_named(co, "<lambda>")->qualname->s,
                        "A.m.<locals>.<lambda>");
}

static void test_comprehension_scope(void **state)
{
    (void)state;
    code_t *co = compile_ok("def f(n):\n"
                            "    return [i * n for i in range(n) if i]\n");
    code_t *lc = code_named(co, "<listcomp>");
    // The first iterable is evaluated outside and passed as ".0".
    assert_int_equal(lc->argcount, 1);
    assert_string_equal(((str_t *)lc->varnames->items[0])->s, ".0");
    assert_true(op_on(lc, OP_STORE_FAST, "i") >= 0);
    assert_true(has_str(lc->freevars, "n"));
    assert_true(has_str(code_named(co, "f")->cellvars, "n"));
}

/* ------------------------------------------------- docs and annotations */

static void test_docstrings(void **state)
{
    (void)state;
    code_t *co = compile_ok("'''module doc'''\n"
                            "def f():\n    'f doc'\n    return 'other'\n"
                            "def g():\n    x = 'not a docstring'\n"
                            "h = lambda: 'no doc'\n"
                            "class C:\n    'class doc'\n");
    // Module and class docstrings are stored as __doc__.
    assert_true(op_on(co, OP_STORE_NAME, "__doc__") >= 0);
    code_t *c = code_named(co, "C");
    assert_true(op_on(c, OP_STORE_NAME, "__doc__") >= 0);
    // A function's first constant is its docstring, or None.
    code_t *f = code_named(co, "f");
    assert_ptr_equal(TYPE(f->consts->items[0]), vm->t_str);
    assert_string_equal(((str_t *)f->consts->items[0])->s, "f doc");
    assert_ptr_equal(code_named(co, "g")->consts->items[0], vm->none);
    assert_ptr_equal(code_named(co, "<lambda>")->consts->items[0], vm->none);
    // Without a docstring nothing is stored.
    code_t *bare = compile_ok("x = 1\n'late string'\n");
    assert_int_equal(op_on(bare, OP_STORE_NAME, "__doc__"), -1);
}

static void test_annotations(void **state)
{
    (void)state;
    code_t *co = compile_ok("x: int = 1\ndef f(a: A) -> R:\n"
                            "    y: Local = 2\n    return y\n");
    // An annotated module sets up __annotations__ first.
    assert_int_equal(co->ops[0] & 0xff, OP_SETUP_ANNOTATIONS);
    assert_true(op_on(co, OP_LOAD_NAME, "__annotations__") >= 0);
    assert_true(op_on(co, OP_LOAD_NAME, "A") >= 0);
    assert_true(op_on(co, OP_LOAD_NAME, "R") >= 0);
    bool found = false;
    for (size_t i = 0; i < co->nops; i++) {
        if ((co->ops[i] & 0xff) == OP_MAKE_FUNCTION) {
            assert_int_equal((co->ops[i] >> 8) & 4, 4);
            found = true;
        }
    }
    assert_true(found);
    // Annotations of locals are never evaluated.
    code_t *f = code_named(co, "f");
    assert_false(has_str(f->names, "Local"));
    assert_int_equal(count_op(f, OP_SETUP_ANNOTATIONS), 0);
    code_t *plain = compile_ok("x = 1\n");
    assert_int_equal(count_op(plain, OP_SETUP_ANNOTATIONS), 0);
    // An annotation nested in a compound statement counts too.
    code_t *nested = compile_ok("if c:\n    z: int\n");
    assert_int_equal(nested->ops[0] & 0xff, OP_SETUP_ANNOTATIONS);
}

/* ------------------------------------------------------- name mangling */

static void test_mangling(void **state)
{
    (void)state;
    code_t *co = compile_ok("class _Secret:\n    __count = 0\n"
                            "    def __hide(self, __p):\n"
                            "        self.__x = __y\n"
                            "        return self.__z__, __p\n"
                            "    def show(self):\n"
                            "        return [self.__hide for _ in ()]\n"
                            "__free = 1\n");
    code_t *c = code_named(co, "_Secret");
    // Leading underscores of the class name are stripped.
    assert_true(op_on(c, OP_STORE_NAME, "_Secret__count") >= 0);
    assert_true(op_on(c, OP_STORE_NAME, "_Secret__hide") >= 0);
    // The function keeps its own name.
    code_t *hide = code_named(co, "__hide");
    assert_string_equal(hide->qualname->s, "_Secret.__hide");
    assert_true(op_on(hide, OP_STORE_ATTR, "_Secret__x") >= 0);
    assert_true(op_on(hide, OP_LOAD_GLOBAL, "_Secret__y") >= 0);
    // Dunder names are left alone; parameters are mangled like any name.
    assert_true(op_on(hide, OP_LOAD_ATTR, "__z__") >= 0);
    assert_true(has_str(hide->varnames, "_Secret__p"));
    // Nested scopes (a comprehension in a method) mangle too.
    assert_true(has_str(code_named(co, "<listcomp>")->names,
                        "_Secret__hide"));
    // Outside any class nothing is mangled.
    assert_true(op_on(co, OP_STORE_NAME, "__free") >= 0);
    // A class named only with underscores mangles nothing.
    code_t *u = compile_ok("class __:\n    __v = 1\n");
    assert_true(op_on(code_named(u, "__"), OP_STORE_NAME, "__v") >= 0);
}

/* -------------------------------------------------------------- errors */

static void test_compile_errors(void **state)
{
    (void)state;
    type_t *se = EXC_TYPE(vm, SyntaxError);
    expect_error("nonlocal x\n", se,
                 "nonlocal declaration not allowed at module level", 1);
    expect_error("def f():\n    x = 1\n    global x\n", se,
                 "name 'x' is assigned to before global declaration", 3);
    expect_error("def f():\n    print(x)\n    global x\n", se,
                 "name 'x' is used prior to global declaration", 3);
    expect_error("def f():\n    nonlocal y\n", se,
                 "no binding for nonlocal 'y' found", 2);
    expect_error("x = 1\nawait x\n", se, "'await' outside function", 2);
    expect_error("yield 1\n", se, "'yield' outside function", 1);
    expect_error("def f():\n    await g()\n", se,
                 "'await' outside async function", 2);
    expect_error("async def h():\n    yield from g()\n", se,
                 "'yield from' inside async function", 2);
    expect_error("a, *b, *c = d\n", se,
                 "multiple starred expressions in assignment", 1);
}

static void test_parse_errors_through_compile(void **state)
{
    (void)state;
    // compile_source raises the parser's errors as exception objects
    // with the offending line's text and a 1-based offset.
    code_t *co = compile_source(vm, "x = 1\nif x\n    pass\n", 20, "t.py");
    assert_null(co);
    exc_t *e = (exc_t *)vm->exc;
    vm->exc = NULL;
    assert_ptr_equal(TYPE(e), EXC_TYPE(vm, SyntaxError));
    assert_string_equal(((str_t *)e->msg)->s, "expected ':'");
    assert_int_equal(e->lineno, 2);
    assert_int_equal(e->offset, 5);
    assert_string_equal(((str_t *)e->text)->s, "if x");
    expect_error("if x:\npass\n", EXC_TYPE(vm, IndentationError),
                 "expected an indented block after 'if' statement on line 1",
                 2);
    expect_error("if x:\n\ta\n        b\n", EXC_TYPE(vm, TabError),
                 "inconsistent use of tabs and spaces in indentation", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_module_code),
        cmocka_unit_test(test_function_kinds),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_closures),
        cmocka_unit_test(test_global_and_nonlocal),
        cmocka_unit_test(test_class_scopes),
        cmocka_unit_test(test_qualnames),
        cmocka_unit_test(test_comprehension_scope),
        cmocka_unit_test(test_docstrings),
        cmocka_unit_test(test_annotations),
        cmocka_unit_test(test_mangling),
        cmocka_unit_test(test_compile_errors),
        cmocka_unit_test(test_parse_errors_through_compile),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
