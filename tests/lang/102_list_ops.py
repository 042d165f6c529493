a = [1, 2]
b = a * 3
print(b, [0] * 0, [[]] * 2)
shared = [[]] * 3
shared[0].append("x")
print(shared)
print(a + [3], a == [1, 2], a != [2, 1])
print(len(a), min(b), max(b), sum(b))
c = list("abc")
print(c, list(range(3)), list((1, 2)), list({"k": 1}))
nested = [[1, 2], [3]]
copy = nested.copy()
copy[0].append(99)
print(nested)
x = [1, 2, 3]
y = x
y.append(4)
print(x)
print([1, [2, [3]]][1][1][0])
print(list(reversed(x)), x[::-1] == list(reversed(x)))
print([i for i in x] is x, x.__len__())
lst = [0, 1, 2, 3]
for i, v in enumerate(lst):
    lst[i] = v * 10
print(lst)
