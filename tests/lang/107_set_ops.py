a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print({1, 2} <= a, {1, 5} <= a, a >= {1}, {1} < {1}, {1} < {1, 2})
print(a.issubset({1, 2, 3, 4, 5}), a.issuperset({2}), a.isdisjoint({9}))
s = set()
s.add(3)
s.add(1)
s.add(3)
print(s, len(s))
s.discard(10)
s.discard(1)
print(s)
s.remove(3)
print(s, bool(s))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
c = {1, 2}
c |= {3}
c &= {2, 3, 4}
print(c)
c -= {2}
print(c)
print(set([3, 3, 1]), set("aab") == {"a", "b"}, sorted(set("hello")))
fs = frozenset([1, 2])
print(fs, {fs: "ok"}[frozenset([2, 1])])
print(2 in a, 9 in a, len(a | b))
x = {5, 6}
print(x.pop() in (5, 6), len(x))
