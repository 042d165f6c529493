try:
    p, q = [1]
except ValueError as e:
    print("caught:", e)
x, y, z = 1, 2, 3
print(x, y, z)
x, y, z = (1, 2)
