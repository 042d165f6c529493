values = [1, 1.5, "s", True, None, [1], (1,), {1: 2}, {1}, range(1), len, print]
for v in values:
    print(type(v).__name__)
print(type(1))
print(type("s"))
print(type(None))
class Foo:
    pass
print(type(Foo()).__name__, type(Foo).__name__, type(type).__name__)
print(type(Foo()))
print(type(3) is int, type(True) is int, type(True) is bool)
def f():
    pass
print(type(f).__name__, type(lambda: 0).__name__)
print(int, str, list, object)
