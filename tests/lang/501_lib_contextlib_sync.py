# contextlib's synchronous tools: @contextmanager (setup, teardown,
# handling and re-raising), suppress, closing, nullcontext and ExitStack.
from contextlib import (contextmanager, suppress, closing, nullcontext,
                        ExitStack)

log = []


@contextmanager
def section(name):
    log.append("enter " + name)
    try:
        yield name.upper()
    except KeyError as e:
        log.append(f"{name} handled {e!r}")
    finally:
        log.append("exit " + name)


with section("a") as s:
    log.append("body " + s)
with section("b"):
    raise KeyError("missing")
try:
    with section("c"):
        raise ValueError("passes through")
except ValueError as e:
    log.append("outer caught " + str(e))
print("\n".join(log))


@contextmanager
def timer(label):
    print("start", label)
    yield
    print("stop", label)


@timer("as decorator")
def work(x):
    print("working on", x)
    return x * 2


print(work(21), work(1))
print(work.__name__, section.__name__, section.__doc__)

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed ZeroDivisionError")
with suppress(ValueError):
    pass
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)


class Resource:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closing", self.name)


with closing(Resource("db")) as r:
    print("using", r.name)

for use_lock in (True, False):
    cm = section("locked") if use_lock else nullcontext("plain")
    with cm as value:
        print("value:", value)

with ExitStack() as stack:
    names = [stack.enter_context(section(n)) for n in ("x", "y")]
    stack.callback(print, "callback", 1)
    stack.callback(print, "callback", 2)
    print("inside stack", names)
print(log[-6:])

# pop_all moves the callbacks to a new stack that outlives the with.
with ExitStack() as stack:
    stack.callback(print, "deferred cleanup")
    keep = stack.pop_all()
print("after with, nothing ran yet")
keep.close()


# An exit callback that returns True suppresses; errors chain as nested
# with statements would.
def swallow(*exc):
    print("swallow sees", exc[0].__name__ if exc[0] else None)
    return True


with ExitStack() as stack:
    stack.push(swallow)
    raise RuntimeError("hidden")
print("after suppressed RuntimeError")

try:
    with ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        stack.callback(lambda: {}["k"])
        raise ValueError("first")
except ZeroDivisionError as e:
    ctx = e.__context__
    print(type(e).__name__, "<-", type(ctx).__name__, "<-",
          type(ctx.__context__).__name__)


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)

try:
    ExitStack().enter_context(object())
except TypeError as e:
    print(e)

