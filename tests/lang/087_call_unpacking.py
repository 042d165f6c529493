def f(a, b, c=0, *args, d=1, **kw):
    return (a, b, c, args, d, kw)
print(f(1, 2))
print(f(*[1, 2, 3]))
print(f(*(1, 2), *[3, 4], 5))
print(f(**{"a": 1, "b": 2}))
print(f(1, **{"b": 2, "d": 4, "z": 5}))
print(f(1, 2, 3, 4, d=9, e=8, **{"g": 7}))
args = [10, 20]
kwargs = {"c": 30, "extra": True}
print(f(*args, **kwargs))
print(f(*"xy"))
print(f(*range(5)))
def g(x, y):
    return x - y
print(g(y=1, x=10), g(*[5], **{"y": 2}))
print(max(*[4, 8, 2]), print(*["a", "b"], sep="-"))
d1 = {"a": 1}
d2 = {"b": 2}
print({**d1, **d2, "c": 3})
