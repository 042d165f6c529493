excs = [
    ValueError(),
    ValueError("one"),
    ValueError("two", "args"),
    KeyError("k"),
    KeyError(),
    KeyError("a", "b"),
    IndexError(3),
    TypeError(None),
    Exception([1, 2]),
    RuntimeError("it's"),
    TimeoutError("slow"),
]
for e in excs:
    print(type(e).__name__, "str=" + str(e), "repr=" + repr(e), e.args)
e = ValueError("x")
e.args = ("changed",)
print(e)
try:
    {}[(1, 2)]
except KeyError as k:
    print(str(k), repr(k))
try:
    {}["quote'd"]
except KeyError as k:
    print(str(k))
