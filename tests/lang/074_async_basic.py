import inspect
async def add(a, b):
    return a + b
coro = add(2, 3)
print(type(coro).__name__)
print(inspect.iscoroutine(coro), inspect.iscoroutinefunction(add))
print(inspect.isawaitable(coro), inspect.isgenerator(coro))
try:
    coro.send(None)
except StopIteration as e:
    print("result:", e.value)
async def outer():
    x = await add(1, 1)
    y = await add(x, 10)
    return x * y
c = outer()
try:
    c.send(None)
except StopIteration as e:
    print("outer result:", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
def plain():
    pass
print(inspect.iscoroutinefunction(plain), inspect.iscoroutine(plain))
