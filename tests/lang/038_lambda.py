sq = lambda x: x * x
print(sq(7))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
print((lambda: "no args")())
print((lambda *a, **k: (a, k))(1, 2, z=3))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda p: p[1]))
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
late = [lambda: i for i in range(3)]
print([f() for f in late])
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, add)(2))
print(sq.__name__)
print((lambda x: x if x > 0 else -x)(-4))
