# A coroutine never awaited that only a traceback's frames hold dies when
# the handler that caught the exception ends ("e = None; del e", or
# POP_EXCEPT without "as"), and CPython warns there, with the line its
# compiler gives those instructions: the last simple statement's, a
# loop's header, or -1 after an if, a try or a with (shown once: the
# warning registry keys on the line). Also: return and break out of a
# named handler unbind the name, and coroutines held in a list, a dict,
# a set, an instance or a closure cell of the raising frame.
import contextlib


async def work(tag):
    return tag


def helper(c):
    raise ValueError("no")


def in_list(tag):
    held = [1, work(tag)]
    raise KeyError(tag)


def in_dict(tag):
    held = {"k": work(tag)}
    raise KeyError(tag)


def in_set(tag):
    held = {work(tag)}
    raise KeyError(tag)


class Box:
    def __init__(self, c):
        self.c = c


def in_instance(tag):
    held = Box(work(tag))
    raise KeyError(tag)


def in_cell(tag):
    held = work(tag)

    def inner():
        return held
    raise KeyError(tag)


def chained(tag):
    try:
        helper(work(tag))
    except ValueError:
        raise KeyError(tag)


print("simple")
try:
    helper(work("simple"))
except ValueError as e:
    print("caught", e)
    x = [1,
         2]
print("for")
try:
    helper(work("for"))
except ValueError as e:
    for i in range(2):
        pass
print("while")
try:
    helper(work("while"))
except ValueError as e:
    n = 0
    while n < 2:
        n += 1
print("if")
try:
    helper(work("if"))
except ValueError as e:
    if e:
        print("if body")
print("with")
try:
    helper(work("with"))
except ValueError as e:
    with contextlib.suppress(KeyError):
        print("with body")
print("no name")
try:
    helper(work("noname"))
except ValueError:
    print("handled")
print("containers")
try:
    in_list("in_list")
except KeyError as e:
    print("caught", e)
try:
    in_dict("in_dict")
except KeyError as e:
    print("caught", e)
try:
    in_set("in_set")
except KeyError as e:
    print("caught", e)
try:
    in_instance("in_instance")
except KeyError as e:
    print("caught", e)
try:
    in_cell("in_cell")
except KeyError as e:
    print("caught", e)
try:
    chained("chained")
except KeyError as e:
    print("caught", e)


def returns():
    try:
        helper(work("returns"))
    except ValueError as e:
        return "returned"


print(returns())
for i in range(3):
    try:
        helper(work("break"))
    except ValueError as e:
        break
try:
    print(e)
except NameError as ne:
    print("NameError", ne)
print("end")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
