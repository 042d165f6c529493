import types
import inspect
@types.coroutine
def wait():
    yield "waiting"
async def job():
    try:
        await wait()
        print("not reached")
    finally:
        print("job cleanup")
j = job()
print(j.send(None))
j.close()
print("closed")
async def never_started():
    return 1
n = never_started()
n.close()
print("closed unstarted")
async def agen():
    yield 1
    yield 2
print(inspect.isasyncgenfunction(agen), inspect.iscoroutinefunction(agen))
ag = agen()
print(type(ag).__name__)
step = ag.__anext__()
try:
    step.send(None)
except StopIteration as e:
    print("first async-gen value", e.value)
async def thrower():
    try:
        await wait()
    except ValueError as e:
        return "caught " + str(e)
t = thrower()
t.send(None)
try:
    t.throw(ValueError("inj"))
except StopIteration as e:
    print(e.value)
