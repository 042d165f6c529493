a, *b = [1, 2, 3, 4]
print(a, b)
*c, d = "hello"
print(c, d)
e, *f, g = range(5)
print(e, f, g)
h, *i = [1]
print(h, i)
[j, *k] = (9, 8, 7)
print(j, k)
for first, *rest in [(1, 2, 3), (4,)]:
    print(first, rest)
x = [*range(3), *"ab"]
print(x)
t = (*x, 99)
print(t)
