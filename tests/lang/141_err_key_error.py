try:
    {}[1]
except KeyError as e:
    print("caught:", repr(e))
d = {"a": 1, "b": 2}
print(d["a"])
print(d["zzz"])
