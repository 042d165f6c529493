a = 1; b = 2; c = a + b
print(a, b, c)
def nothing():
    pass
print(nothing())
class Empty:
    pass
print(type(Empty()).__name__)
for i in range(3):
    pass
print(i)
if True:
    pass
else:
    print("never")
x = 5;
print(x);
def doc():
    "only a docstring"
print(doc(), doc.__doc__)
...
print(...)
