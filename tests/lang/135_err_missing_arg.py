def g(a, b):
    return a
try:
    g(1)
except TypeError as e:
    print("caught:", e)
def f(x):
    return x * 2
print(f(2))
print(f())
