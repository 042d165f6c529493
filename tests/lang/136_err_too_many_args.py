def g():
    return 0
try:
    g(1)
except TypeError as e:
    print("caught:", e)
def f(x):
    return x
print(f(1))
f(1, 2)
