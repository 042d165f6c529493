try:
    "s".foo
except AttributeError as e:
    print("caught:", e)
n = 5
print(n.real)
n.foo
