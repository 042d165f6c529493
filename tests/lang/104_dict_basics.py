d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 11
print(d)
print(d["two"], d.get("four"), d.get("four", 4), d.get("one", 0))
print(len(d), "two" in d, 2 in d, "four" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "->", v)
del d["two"]
print(d)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip("ab", [1, 2])))
print(dict({"k": 1}, extra=2))
e = {}
print(e, len(e), bool(e))
d2 = {1: "int", "1": "str", (1,): "tuple", None: "none"}
print(d2[1], d2["1"], d2[(1,)], d2[None])
print(d == {"three": 3, "one": 11}, d == {"one": 11})
