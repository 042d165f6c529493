print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
print([c.upper() for c in "abc"])
print([x if x > 2 else -x for x in range(5)])
x = "outer"
print([x for x in "ab"], x)
print([i for i in []])
words = ["apple", "bob", "kayak", "test"]
print([w for w in words if w == w[::-1]])
print([(i, c) for i, c in enumerate("xyz") if i != 1])
