x: int = 5
print(x)
y: str
try:
    print(y)
except NameError as e:
    print("NameError:", e)
y = "now set"
print(y)
def f(a: int, b: "str" = "d") -> list:
    z: float = 1.5
    return [a, b, z]
print(f(1))
print(f.__annotations__)
class P:
    name: str = "default"
    count: int
print(P.name)
print(P.__annotations__)
print(hasattr(P, "count"))
