import types
import inspect
@types.coroutine
def sleep_step(tag):
    got = yield ("sleep", tag)
    return got
async def worker(name):
    total = 0
    for i in range(3):
        total += await sleep_step(name + str(i))
    return name + " total " + str(total)
print(inspect.isgeneratorfunction(sleep_step))
print(inspect.isawaitable(sleep_step("x")))
w = worker("w")
print(w.send(None))
print(w.send(10))
print(w.send(20))
try:
    w.send(30)
except StopIteration as e:
    print(e.value)
def scheduler(coros):
    results = {}
    queue = [(name, c, None) for name, c in coros]
    while queue:
        name, c, val = queue.pop(0)
        try:
            req = c.send(val)
            print(name, "requested", req)
            queue.append((name, c, 1))
        except StopIteration as e:
            results[name] = e.value
    return results
print(scheduler([("a", worker("a")), ("b", worker("b"))]))
