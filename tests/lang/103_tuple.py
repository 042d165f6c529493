t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3])
print(t.count(2), t.index(3))
print(t + (4,), t * 2, (1,) * 0)
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (2,) > (1, 9))
a, b, c, d = t
print(a + b + c + d)
single = (5,)
notuple = (5)
print(type(single).__name__, type(notuple).__name__)
print(tuple([1, 2]), tuple("ab"), tuple(), tuple(range(3)))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
nested = ([1], 2)
nested[0].append(3)
print(nested)
print(hash((1, 2)) == hash((1, 2)))
print({(1, 2): "a"}[(1, 2)])
print(max((3, "a"), (3, "b")))
print(repr(()), repr((None,)))
