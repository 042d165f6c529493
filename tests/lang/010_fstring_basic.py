name = "World"
n = 42
print(f"Hello, {name}!")
print(f"{n} + 1 = {n + 1}")
print(f"{name.upper()} has {len(name)} letters")
print(F"capital F {n * 2}")
print(f"{{literal braces}} {n}")
items = [1, 2, 3]
print(f"sum={sum(items)} max={max(items)} first={items[0]}")
d = {"key": "value"}
print(f"{d['key']}")
print(f"{'nested quotes'}")
print(f"{n if n > 40 else 0}")
print(f"{[x * 2 for x in items]}")
print(f"")
print(f"{3.5}|{True}|{None}")
