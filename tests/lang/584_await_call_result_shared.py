# An await of a call's result frees the coroutine that call made when it
# returns (vm.c, GET_AWAITABLE arg 1). Every way the coroutine can be held
# elsewhere must keep it alive and awaited once only: a wrapper that keeps
# it, a lambda or an identity function handing back a coroutine made
# earlier, a native call (list.pop, dict.get, next) returning one, and
# cr_await read while it runs.
import types


@types.coroutine
def suspend(v):
    got = yield v
    return got


async def inner(tag):
    got = await suspend(tag)
    return f"{tag}:{got}"


def run(coro, *sends):
    out = []
    try:
        out.append(coro.send(None))
        for s in sends:
            out.append(coro.send(s))
    except StopIteration as e:
        out.append(("return", e.value))
    return out


saved = []


def wrap(tag):
    c = inner(tag)
    saved.append(c)
    return c


def ident(x):
    return x


class Maker:
    def __call__(self, tag):
        c = inner(tag)
        saved.append(c)
        return c


async def again(c):
    try:
        await c
    except RuntimeError as e:
        return f"RuntimeError: {e}"
    return "awaited twice?"


async def by_wrapper():
    r = await wrap("w")
    return r, await again(saved.pop())


async def by_lambda():
    x = inner("l")
    r = await (lambda: x)()
    return r, await again(x)


async def by_ident():
    x = inner("i")
    r = await ident(x)
    return r, await again(x)


async def by_native():
    box = [inner("p")]
    keep = box[0]
    r1 = await box.pop()
    d = {"k": inner("d")}
    r2 = await d.get("k")
    it = iter([inner("n")])
    r3 = await next(it)
    return r1, await again(keep), r2, await again(d["k"]), r3


async def by_call_object():
    r = await Maker()("m")
    return r, await again(saved.pop())


async def outer_reads_await():
    return await inner("a")


for f in (by_wrapper, by_lambda, by_ident, by_call_object):
    print(f.__name__, run(f(), "x"))
print("by_native", run(by_native(), "x", "y", "z"))

# cr_await handed out while the inner coroutine is suspended: it is shared
# from then on, and still readable after the await returned.
c = outer_reads_await()
print(c.send(None))
sub = c.cr_await
print(type(sub).__name__, sub.cr_code.co_name, sub.cr_running,
      type(sub.cr_await).__name__)
try:
    c.send("v")
except StopIteration as e:
    print("returned", e.value)
print(sub.cr_frame, sub.cr_await, sub.cr_running)
print(run(again(sub)))
del sub

# Many awaits in a loop, each coroutine freed as it returns, then a
# collection: nothing freed twice, nothing kept.
import gc


async def many(n):
    total = 0
    for i in range(n):
        total += len(await inner(str(i)))
    return total


print(run(many(3), "a", "b", "c"))
gc.collect()
print(run(many(2000), *["q"] * 2000)[-1])
gc.collect()
print("done")
