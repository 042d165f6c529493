a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = [6, 7]
print(f, g)
h, = [8]
print(h)
x, y, z = "xyz"
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
k, v = {"only": 1}.popitem()
print(k, v)
m, n = range(2)
print(m, n)
