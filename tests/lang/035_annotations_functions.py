def add(a: int, b: int = 0) -> int:
    return a + b
print(add(2, 3))
print(add.__annotations__)
def anything(x: "any thing", *args: int, flag: bool = False, **kw: str) -> None:
    return None
print(anything(1))
ann = anything.__annotations__
for k in ann:
    print(k, ann[k])
print(add.__name__)
print(add.__defaults__)
