data = [5, -3, 2, -8, 0]
print(sorted(data), data)
print(sorted(data, key=abs), sorted(data, reverse=True))
print(sorted(data, key=lambda v: -v, reverse=True))
print(sorted(["b", "A", "c"]), sorted(["b", "A", "c"], key=str.upper))
print(sorted({3: "x", 1: "y"}), sorted((2, 1)), sorted("bca"))
people = [("ann", 30), ("bob", 25), ("cy", 30)]
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("ab")))
r = reversed([1, 2])
print(next(r), next(r), next(r, "done"))
print(list(reversed(range(2, 9, 3))))
print(list(reversed({"a": 1, "b": 2})))
print(sorted([]), sorted([1]), sorted([[2], [1, 5], [1]]))
