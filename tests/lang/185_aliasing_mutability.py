a = [1, 2, 3]
b = a
c = a[:]
b.append(4)
print(a, b, c, a is b, a is c, a == c + [4])
def mutate(lst):
    lst.append("mutated")
def rebind(lst):
    lst = ["rebound"]
    return lst
mutate(a)
r = rebind(a)
print(a, r)
s = "abc"
t = s
t += "d"
print(s, t)
d = {"k": [1]}
d2 = dict(d)
d2["k"].append(2)
d2["new"] = 0
print(d, d2)
matrix = [[0] * 2] * 2
matrix[0][0] = 1
print(matrix)
matrix = [[0] * 2 for _ in range(2)]
matrix[0][0] = 1
print(matrix)
x = y = 5
y += 1
print(x, y)
