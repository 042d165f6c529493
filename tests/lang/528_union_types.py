import types
u = int | None
print(u, type(u), u.__args__, int | str == str | int, int | int)
print(isinstance(3, int | str), isinstance(None, int | None), isinstance(2.0, int | str))
def f(x: int | None = None) -> str | None:
    return x
print(f.__annotations__)
class A: pass
print(A | None, list[int] if False else 0)
try:
    int | 5
except TypeError as e:
    print(e)
print(issubclass(bool, int | str))
