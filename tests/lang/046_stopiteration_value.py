def gen():
    yield "a"
    return 42
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)
    print("args:", e.args)
def gen2():
    return
    yield
try:
    next(gen2())
except StopIteration as e:
    print("value:", e.value, e.args)
e = StopIteration(7)
print(e.value, repr(e))
def wrapper():
    result = yield from gen()
    yield "result=" + str(result)
print(list(wrapper()))
def ret_tuple():
    yield 0
    return (1, 2)
r = ret_tuple()
next(r)
try:
    r.send(None)
except StopIteration as s:
    print(s.value)
