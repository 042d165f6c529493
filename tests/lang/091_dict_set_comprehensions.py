print({x: x * x for x in range(5)})
print({k: v for k, v in [("a", 1), ("b", 2)] if v > 1})
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
print({v: k for k, v in {"x": 1, "y": 2}.items()})
print({x % 4 for x in range(20)})
print(sorted({len(w) for w in words}))
print({(i, j): i * j for i in range(2) for j in range(2)})
print({i: {j for j in range(i)} for i in range(4)})
print({c: ord(c) for c in "abc"})
print(len({s.lower() for s in ["A", "a", "B"]}))
