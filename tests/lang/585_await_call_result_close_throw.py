# Coroutines an await made and owns (vm.c, GET_AWAITABLE arg 1) are not
# finalized on their own: closing or dropping the awaiting coroutine must
# still close them first (their finally blocks run, inner before outer),
# and a value they return after a throw() must reach the awaiting one.
import gc
import types


@types.coroutine
def suspend(v):
    got = yield v
    return got


async def inner(tag):
    try:
        return await suspend(tag)
    finally:
        print("inner finally", tag)


async def outer(tag):
    try:
        return await inner(tag)
    finally:
        print("outer finally", tag)


c = outer("close")
print(c.send(None))
c.close()
print("closed", c.cr_frame)

c = outer("del")
print(c.send(None))
del c
gc.collect()
print("after del")


async def catcher():
    try:
        await suspend("wait")
    except ValueError as e:
        return f"caught {e}"
    return "not thrown"


async def outer_catch():
    r = await catcher()
    print("outer got", r)
    r2 = await catcher()
    return r, r2


c = outer_catch()
print(c.send(None))
print(c.throw(ValueError("boom")))
try:
    c.send("fine")
except StopIteration as e:
    print("returned", e.value)


async def raiser():
    await suspend("r")
    raise KeyError("inner")


async def outer_raise():
    try:
        await raiser()
    except KeyError as e:
        print("outer caught", repr(e))
    return await raiser()


c = outer_raise()
print(c.send(None))
print(c.send(1))
try:
    c.send(2)
except KeyError as e:
    print("escaped", repr(e))
gc.collect()


# Two pending owned chains dropped one after the other.
a, b = outer("a"), outer("b")
a.send(None)
b.send(None)
del a
gc.collect()
del b
gc.collect()
print("end")
