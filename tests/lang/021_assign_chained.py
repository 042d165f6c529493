a = b = c = 1
print(a, b, c)
x = y = []
x.append(1)
print(x, y, x is y)
a = b = a + 10
print(a, b)
i = j = k = "s"
print(i + j + k)
n = 5
n = n * 2 + 1
print(n)
