it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
s = iter("ab")
print(next(s), next(s))
try:
    next(s)
except StopIteration as e:
    print("StopIteration", e.args)
d = iter({"x": 1, "y": 2})
print(list(d))
i2 = iter(range(3))
print(iter(i2) is i2, list(i2))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 4)))
print(callable(print), callable(len), callable(tick), callable(1), callable("s"), callable(int))
class C:
    def m(self):
        pass
print(callable(C), callable(C()), callable(C().m))
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
