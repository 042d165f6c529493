/*
 * test_vm.c - cmocka unit tests for the evaluation loop and runtime
 * (core/lang/vm.c, gen.c, obj*.c) through small programs.
 *
 * Each test compiles a program with compile_source, runs it as module
 * __main__ in a fresh frame with vm_eval (no asyncio engine: aio_init is
 * not needed for the language), then checks the values it left in its
 * globals, what it printed (sys.stdout goes to a memory stream) or the
 * exception it raised. Expected values are CPython 3.11's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"

static vm_t *vm;
static dict_t *globals;
static char *out_buf;
static size_t out_len;

static int setup(void **state)
{
    (void)state;
    vm = vm_new();
    if (!vm) {
        return -1;
    }
    vm->out.fp = open_memstream(&out_buf, &out_len);
    // Module __main__ in sys.modules keeps the globals reachable for the
    // collector between runs.
    module_t *m = module_new(vm, "__main__");
    dict_set(vm, vm->modules, (obj_t *)m->name, (obj_t *)m);
    globals = m->dict;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fclose(vm->out.fp);
    vm->out.fp = stdout;
    free(out_buf);
    out_buf = NULL;
    vm_free(vm);
    return 0;
}

/* Runs [src] in the module's globals; returns false if it raised (the
 * exception is then in vm->exc). */
static bool run(const char *src)
{
    code_t *co = compile_source(vm, src, strlen(src), "t.py");
    if (!co) {
        return false;
    }
    frame_t *f = frame_new(vm, co, globals, NULL, NULL);
    bool yielded;
    obj_t *r = vm_eval(vm, f, NULL, false, &yielded);
    assert_false(yielded);
    return r != NULL;
}

static void run_ok(const char *src)
{
    if (!run(src)) {
        obj_t *e = vm_take_exc(vm);
        str_t *s = obj_str(vm, e);
        fail_msg("raised %s: %s", type_name(e), s ? s->s : "?");
    }
}

static obj_t *get(const char *name)
{
    obj_t *v = dict_get_cstr(vm, globals, name);
    if (!v) {
        fail_msg("no global %s", name);
    }
    return v;
}

static int64_t get_int(const char *name)
{
    obj_t *v = get(name);
    assert_ptr_equal(TYPE(v), vm->t_int);
    return OBJ_INT(v);
}

/* repr() of a global, compared with CPython's. */
static void expect_repr(const char *name, const char *want)
{
    str_t *r = obj_repr(vm, get(name));
    assert_non_null(r);
    assert_string_equal(r->s, want);
}

static const char *output(void)
{
    fflush(vm->out.fp);
    return out_buf ? out_buf : "";
}

/* Runs [src], which must raise [exc] whose str() is [msg]. */
static exc_t *expect_raise(const char *src, int exc, const char *msg)
{
    assert_false(run(src));
    obj_t *e = vm_take_exc(vm);
    assert_non_null(e);
    if (TYPE(e) != vm->exc_types[exc]) {
        fail_msg("raised %s, want %s", type_name(e),
                 vm->exc_types[exc]->name->s);
    }
    str_t *s = obj_str(vm, e);
    assert_string_equal(s->s, msg);
    return (exc_t *)e;
}

/* -------------------------------------------------------------- basics */

static void test_arithmetic(void **state)
{
    (void)state;
    run_ok("r = (7 // 2, 7 % -3, -7 // 2, 2 ** 10, 1 + 2 * 3, 7 / 2,\n"
           "     0.1 + 0.2, 10 ** -1, True + True, 1 << 62)\n"
           "big = -9223372036854775808\n");
    expect_repr("r", "(3, -2, -4, 1024, 7, 3.5, 0.30000000000000004, 0.1, "
                     "2, 4611686018427387904)");
    assert_true(get_int("big") == INT64_MIN);
    expect_raise("1 / 0", EXC_ZeroDivisionError, "division by zero");
    expect_raise("9223372036854775807 + 1", EXC_OverflowError,
                 "integer overflow: looplab ints are 64-bit");
}

static void test_print_and_strings(void **state)
{
    (void)state;
    run_ok("print('a', 1, [1, 'b'], {'k': None}, sep='|')\n"
           "name = 'ann'\nprint(f'{name!r:>6}|{3.14159:.2f}|{name=}')\n"
           "print('%s has %d' % ('x', 3), end='.\\n')\n");
    assert_string_equal(output(), "a|1|[1, 'b']|{'k': None}\n"
                                  " 'ann'|3.14|name='ann'\n"
                                  "x has 3.\n");
}

static void test_control_flow(void **state)
{
    (void)state;
    run_ok("out = []\n"
           "for i in range(10):\n"
           "    if i % 2:\n        continue\n"
           "    if i > 6:\n        break\n"
           "    out.append(i)\n"
           "else:\n    out.append('no break')\n"
           "n = 0\n"
           "while n < 3:\n    n += 1\nelse:\n    out.append(n)\n"
           "a, *rest, z = 'hello'\n");
    expect_repr("out", "[0, 2, 4, 6, 3]");
    expect_repr("rest", "['e', 'l', 'l']");
    expect_repr("z", "'o'");
}

static void test_scoping(void **state)
{
    (void)state;
    run_ok("x = 'global'\n"
           "def outer():\n    x = 'enclosing'\n"
           "    def inner():\n        return x\n    return inner()\n"
           "r1 = outer()\n"
           "def counter():\n    n = 0\n"
           "    def inc():\n        nonlocal n\n        n += 1\n"
           "        return n\n    return inc\n"
           "c = counter()\nc()\nr2 = c()\n"
           "squares = [i * i for i in range(4)]\n"
           "leaked = [y := v for v in range(3)]\n");
    expect_repr("r1", "'enclosing'");
    assert_int_equal(get_int("r2"), 2);
    // The comprehension variable stays inside; := binds outside.
    assert_null(dict_get_cstr(vm, globals, "i"));
    assert_int_equal(get_int("y"), 2);
    expect_raise("def f():\n    print(v)\n    v = 1\nf()\n",
                 EXC_UnboundLocalError,
                 "cannot access local variable 'v' where it is not "
                 "associated with a value");
    expect_raise("undefined_name\n", EXC_NameError,
                 "name 'undefined_name' is not defined");
}

/* ----------------------------------------------------------- functions */

static void test_calls(void **state)
{
    (void)state;
    run_ok("def f(a, b=2, *args, c, d=4, **kw):\n"
           "    return (a, b, args, c, d, sorted(kw))\n"
           "r1 = f(1, c=3)\n"
           "r2 = f(1, 5, 6, 7, c=8, e=9, d=0)\n"
           "r3 = f(*[1, 2], **{'c': 3, 'z': 4})\n"
           "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
           "r4 = fib(20)\n");
    expect_repr("r1", "(1, 2, (), 3, 4, [])");
    expect_repr("r2", "(1, 5, (6, 7), 8, 0, ['e'])");
    expect_repr("r3", "(1, 2, (), 3, 4, ['z'])");
    assert_int_equal(get_int("r4"), 6765);
}

static void test_call_errors(void **state)
{
    (void)state;
    run_ok("def f(a, b, *, c): pass\ndef g(x, y, /, z): pass\n");
    expect_raise("f(1)", EXC_TypeError,
                 "f() missing 1 required positional argument: 'b'");
    expect_raise("f(1, 2)", EXC_TypeError,
                 "f() missing 1 required keyword-only argument: 'c'");
    expect_raise("f(1, 2, 3)", EXC_TypeError,
                 "f() takes 2 positional arguments but 3 were given");
    expect_raise("f(1, 2, c=3, d=4)", EXC_TypeError,
                 "f() got an unexpected keyword argument 'd'");
    expect_raise("f(1, 2, a=1, c=3)", EXC_TypeError,
                 "f() got multiple values for argument 'a'");
    expect_raise("g(x=1, y=2, z=3)", EXC_TypeError,
                 "g() got some positional-only arguments passed as keyword "
                 "arguments: 'x, y'");
    expect_raise("def r(): return r()\nr()\n", EXC_RecursionError,
                 "maximum recursion depth exceeded");
}

static void test_function_attributes(void **state)
{
    (void)state;
    run_ok("def f(a: int, b: 'str' = 'x', *, c: list) -> None:\n"
           "    '''Doc of f.'''\n"
           "doc = f.__doc__\nann = f.__annotations__\n"
           "nodoc = (lambda: 'x').__doc__\n"
           "names = (f.__name__, f.__qualname__, f.__defaults__,\n"
           "         f.__kwdefaults__)\n"
           "class K:\n    'K doc'\n    n: int = 1\n"
           "kdoc = K.__doc__\nkann = K.__annotations__\n");
    expect_repr("doc", "'Doc of f.'");
    expect_repr("ann", "{'a': <class 'int'>, 'b': 'str', 'c': <class "
                       "'list'>, 'return': None}");
    expect_repr("nodoc", "None");
    expect_repr("names", "('f', 'f', ('x',), None)");
    expect_repr("kdoc", "'K doc'");
    expect_repr("kann", "{'n': <class 'int'>}");
}

/* ---------------------------------------------------------- generators */

static void test_generators(void **state)
{
    (void)state;
    run_ok("log = []\n"
           "def gen():\n    try:\n        x = yield 1\n"
           "        log.append(x)\n        yield 2\n"
           "    finally:\n        log.append('closed')\n"
           "g = gen()\nfirst = next(g)\nsecond = g.send('sent')\ng.close()\n"
           "def inner():\n    yield 'a'\n    return 'result'\n"
           "def outer():\n    r = yield from inner()\n    yield r\n"
           "chain = list(outer())\n"
           "total = sum(x * x for x in range(5))\n");
    assert_int_equal(get_int("first"), 1);
    assert_int_equal(get_int("second"), 2);
    expect_repr("log", "['sent', 'closed']");
    expect_repr("chain", "['a', 'result']");
    assert_int_equal(get_int("total"), 30);
    exc_t *e = expect_raise("def r():\n    return 5\n    yield\n"
                            "next(r())\n", EXC_StopIteration, "5");
    assert_int_equal(OBJ_INT(e->value), 5);
    expect_raise("def s():\n    raise StopIteration\n    yield\n"
                 "next(s())\n", EXC_RuntimeError,
                 "generator raised StopIteration");
}

static void test_coroutines_without_loop(void **state)
{
    (void)state;
    // Coroutines and async generators driven by hand with send().
    run_ok("async def add(a, b):\n    return a + b\n"
           "c = add(2, 3)\n"
           "try:\n    c.send(None)\nexcept StopIteration as e:\n"
           "    coro_result = e.value\n"
           "async def agen():\n    yield 'x'\n    yield 'y'\n"
           "ag = agen()\nitems = []\n"
           "for _ in range(3):\n"
           "    try:\n        ag.__anext__().send(None)\n"
           "    except StopIteration as e:\n        items.append(e.value)\n"
           "    except StopAsyncIteration:\n        items.append('end')\n"
           "kind = type(ag).__name__\n");
    assert_int_equal(get_int("coro_result"), 5);
    expect_repr("items", "['x', 'y', 'end']");
    expect_repr("kind", "'async_generator'");
    expect_raise("async def f(): pass\nc = f()\n"
                 "try:\n    c.send(None)\nexcept StopIteration:\n    pass\n"
                 "c.send(None)\n", EXC_RuntimeError,
                 "cannot reuse already awaited coroutine");
}

/* ---------------------------------------------------------- exceptions */

static void test_exception_handling(void **state)
{
    (void)state;
    run_ok("order = []\n"
           "def f(n):\n    try:\n        order.append('try')\n"
           "        1 / n\n    except ZeroDivisionError as e:\n"
           "        order.append('except ' + str(e))\n"
           "        return 'handled'\n"
           "    else:\n        order.append('else')\n"
           "    finally:\n        order.append('finally')\n"
           "r1 = f(0)\nr2 = f(1)\n"
           "try:\n    try:\n        {}['k']\n    except KeyError as k:\n"
           "        raise ValueError('v') from k\n"
           "except ValueError as v:\n    cause = repr(v.__cause__)\n"
           "    ctx_same = v.__context__ is v.__cause__\n");
    expect_repr("order", "['try', 'except division by zero', 'finally', "
                         "'try', 'else', 'finally']");
    expect_repr("r1", "'handled'");
    expect_repr("r2", "None");
    expect_repr("cause", "\"KeyError('k')\"");
    assert_ptr_equal(get("ctx_same"), vm->true_);
}

static void test_uncaught_exception_traceback(void **state)
{
    (void)state;
    exc_t *e = expect_raise("def a():\n    b()\n"
                            "def b():\n    return [][1]\n"
                            "a()\n", EXC_IndexError,
                            "list index out of range");
    // Innermost entry first: b at line 4, a at 2, the module at 5.
    assert_int_equal(e->ntb, 3);
    assert_int_equal(e->tb[0].line, 4);
    assert_string_equal(e->tb[0].code->name->s, "b");
    assert_int_equal(e->tb[1].line, 2);
    assert_int_equal(e->tb[2].line, 5);
    assert_string_equal(e->tb[2].code->name->s, "<module>");
}

static void test_with_statement(void **state)
{
    (void)state;
    run_ok("log = []\n"
           "class CM:\n    def __init__(self, swallow):\n"
           "        self.swallow = swallow\n"
           "    def __enter__(self):\n        log.append('enter')\n"
           "        return self\n"
           "    def __exit__(self, t, v, tb):\n"
           "        log.append(t.__name__ if t else None)\n"
           "        return self.swallow\n"
           "with CM(True) as cm:\n    raise KeyError('x')\n"
           "with CM(False):\n    pass\n"
           "same = isinstance(cm, CM)\n");
    expect_repr("log", "['enter', 'KeyError', 'enter', None]");
    assert_ptr_equal(get("same"), vm->true_);
}

/* ------------------------------------------------------------- classes */

static void test_classes(void **state)
{
    (void)state;
    run_ok("class Shape:\n    sides = 0\n"
           "    def __init__(self, name):\n        self.name = name\n"
           "    def describe(self):\n"
           "        return f'{self.name} has {self.sides} sides'\n"
           "    def __repr__(self):\n"
           "        return f'{type(self).__name__}({self.name!r})'\n"
           "class Square(Shape):\n    sides = 4\n"
           "    def __init__(self):\n        super().__init__('square')\n"
           "    @property\n    def area(self):\n        return 16\n"
           "s = Square()\nd = s.describe()\nr = repr(s)\n"
           "checks = (isinstance(s, Shape), issubclass(Square, Shape),\n"
           "          s.area, Square.__mro__[1].__name__)\n");
    expect_repr("d", "'square has 4 sides'");
    expect_repr("r", "\"Square('square')\"");
    expect_repr("checks", "(True, True, 16, 'Shape')");
    expect_raise("s.area = 1\n", EXC_AttributeError,
                 "property 'area' of 'Square' object has no setter");
    expect_raise("s.missing\n", EXC_AttributeError,
                 "'Square' object has no attribute 'missing'");
}

static void test_private_names(void **state)
{
    (void)state;
    run_ok("class Account:\n"
           "    def __init__(self):\n        self.__balance = 10\n"
           "    def __audit(self):\n        return self.__balance\n"
           "    def check(self):\n        return self.__audit()\n"
           "a = Account()\nattrs = sorted(vars(a))\nbalance = a.check()\n"
           "method = Account._Account__audit.__name__\n");
    expect_repr("attrs", "['_Account__balance']");
    assert_int_equal(get_int("balance"), 10);
    expect_repr("method", "'__audit'");
    expect_raise("a.__balance\n", EXC_AttributeError,
                 "'Account' object has no attribute '__balance'");
}

/* ------------------------------------------------------------- runtime */

static void test_collector_keeps_live_objects(void **state)
{
    (void)state;
    run_ok("keep = [list(range(i)) for i in range(50)]\n"
           "for i in range(200):\n    garbage = [str(j) for j in range(20)]\n"
           "del garbage\n");
    size_t freed = gc_collect(vm);
    assert_true(freed > 0);
    run_ok("total = sum(len(x) for x in keep)\n");
    assert_int_equal(get_int("total"), 1225);
}

static void test_iteration_protocols(void **state)
{
    (void)state;
    run_ok("it = iter([1, 2])\nn1 = it.__next__()\n"
           "calls = [0]\n"
           "def tick():\n    calls[0] += 1\n    return calls[0]\n"
           "upto = list(iter(tick, 4))\n"
           "pairs = list(zip('ab', range(5)))\n"
           "class Countdown:\n    def __init__(self, n):\n        self.n = n\n"
           "    def __iter__(self):\n        return self\n"
           "    def __next__(self):\n        if self.n == 0:\n"
           "            raise StopIteration\n"
           "        self.n -= 1\n        return self.n\n"
           "down = list(Countdown(3))\n");
    assert_int_equal(get_int("n1"), 1);
    expect_repr("upto", "[1, 2, 3]");
    expect_repr("pairs", "[('a', 0), ('b', 1)]");
    expect_repr("down", "[2, 1, 0]");
    expect_raise("list(zip([1], [2, 3], strict=True))", EXC_ValueError,
                 "zip() argument 2 is longer than argument 1");
    expect_raise("next([])", EXC_TypeError, "'list' object is not an iterator");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_arithmetic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_and_strings, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_control_flow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scoping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_call_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_function_attributes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_generators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coroutines_without_loop, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_exception_handling, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_uncaught_exception_traceback,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_with_statement, setup, teardown),
        cmocka_unit_test_setup_teardown(test_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collector_keeps_live_objects,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_iteration_protocols, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
