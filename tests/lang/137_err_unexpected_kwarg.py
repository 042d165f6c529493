try:
    (lambda a: a)(b=1)
except TypeError as e:
    print("caught:", e)
def f(x, y=2):
    return x + y
print(f(1, y=3))
f(1, z=3)
