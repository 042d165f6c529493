def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(4)))
g = count_up(2)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(next(g, "default"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def gen_with_return():
    yield 1
    return "done"
print(list(gen_with_return()))
def empty():
    return
    yield
print(list(empty()))
print(sum(count_up(5)))
for v in count_up(3):
    print("v", v)
