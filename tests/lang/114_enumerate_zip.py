for i, c in enumerate("abc"):
    print(i, c)
for i, c in enumerate("xy", start=10):
    print(i, c)
print(list(enumerate([5, 6], 1)))
print(list(zip([1, 2, 3], "ab")))
print(list(zip()), list(zip([1, 2])))
print(list(zip(range(3), range(10, 13), range(20, 23))))
a, b = zip(*[(1, "x"), (2, "y")])
print(a, b)
print(dict(zip(["k1", "k2"], [1, 2])))
names = ["a", "b"]
scores = [90, 80]
for n, s in zip(names, scores):
    print(n + ":" + str(s))
e = enumerate("pq")
print(next(e), next(e))
try:
    zip([1], [2, 3], strict=True).__next__()
    print(list(zip([1], [2, 3], strict=True)))
except ValueError as err:
    print("ValueError:", err)
