import types
@types.coroutine
def suspend():
    yield "suspended"
class Fail(Exception):
    pass
async def inner(n):
    await suspend()
    if n < 0:
        raise Fail("negative " + str(n))
    return n * 2
async def outer(n):
    try:
        v = await inner(n)
        return "ok " + str(v)
    except Fail as e:
        return "caught " + str(e)
    finally:
        print("outer finally for", n)
def drive(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
print(drive(outer(4)))
print(drive(outer(-1)))
async def uncaught():
    await suspend()
    raise Fail("escapes")
try:
    drive(uncaught())
except Fail as e:
    print("escaped to driver:", e)
c = outer(1)
print(c.send(None))
try:
    c.throw(Fail("thrown in"))
except StopIteration as e:
    print(e.value)
