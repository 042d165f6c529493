d = {"a": 1, "b": 2, "c": 3}
print(d.setdefault("a", 100), d.setdefault("z", 26))
print(d)
print(d.pop("b"), d.pop("missing", "dflt"))
print(d)
print(d.popitem(), d)
d.update({"c": 30, "d": 4})
d.update(e=5)
d.update([("f", 6)])
print(d)
c = d.copy()
c["a"] = "changed"
print(d["a"], c["a"])
print(dict.fromkeys(["x", "y"]), dict.fromkeys("ab", 0))
c.clear()
print(c)
try:
    d.pop("nope")
except KeyError as e:
    print("KeyError:", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
m = {"a": 1} | {"b": 2}
print(m)
m |= {"a": 9}
print(m)
print(list(reversed({"p": 1, "q": 2})))
