try:
    p, q = "abc"
except ValueError as e:
    print("caught:", e)
a, b = 1, 2
print(a, b)
a, b = [1, 2, 3]
