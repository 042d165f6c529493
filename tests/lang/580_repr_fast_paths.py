# repr of strs and exceptions: the plain-ASCII shortcut for strs and the
# printf-free exception repr must write what CPython writes, at every
# edge (quotes, backslashes, control bytes, DEL, non-ASCII, lengths near
# the inline limit), and ascii() must still escape.
samples = [
    "", "a", "ab", "cancelled", "it's", 'say "hi"', "both ' and \"",
    "back\\slash", "tab\there", "nl\nx", "cr\rx", "\x00", "\x1f", "\x7f",
    " ", "~", "caf\u00e9", "\u2028", "\U0001f600", "x" * 197, "x" * 198,
    "x" * 199, "x" * 200, "'" * 3, "a'b\"c", "\\", "end'",
]
for s in samples:
    r = repr(s)
    print(len(s), len(r), r[:60], ascii(s)[:60])
    assert r[0] == r[-1] and r[0] in "'\""
    assert len(repr(s + "")) == len(r)

class S(str):
    pass

print(repr(S("sub")), repr(S("it's")))
print(repr(["cancelled", "x'y", 'q"', "\t"]))
print(repr(("one",)), repr({"k": "v"}))

excs = [
    ValueError(), ValueError(""), ValueError("x"), ValueError(1, 2),
    ValueError((1, 2)), KeyError("k"), RuntimeError("it's"),
    TypeError(None), ValueError([1, "a"]), Exception("a", "b", "c"),
    ZeroDivisionError("division by zero"), StopIteration(5),
]
for e in excs:
    print(repr(e), str(e))

class MyErr(Exception):
    pass

class Named(ValueError):
    def __repr__(self):
        return "Named!"

print(repr(MyErr()), repr(MyErr("m")), repr(MyErr(1, "two")))
print(repr(Named("x")), repr([Named(), MyErr("in list")]))
e = ValueError("a")
e.args = ("changed", 3)
print(repr(e))
e.args = ()
print(repr(e))
print(repr(BaseExceptionGroup("grp", [ValueError("v"), KeyError("k")])))
print(ascii(["caf\u00e9", 1, "plain"]), ascii(ValueError("\u00e9")), ascii(7))

class I(int):
    def __repr__(self):
        return "I!"

print([1, -2, 0, 10**18, -(2**62) * 2, True, False, I(3), (5,), [6, [7]]])
print((1,), (-1, 2), {"k": [0, -0, 7]}, [2**62 + (2**62 - 1)])
s = "caf\u00e9"
print(f"{s!a}", f"{s!a:>12}|", "%a" % s, "%.4a|" % s, "%8a|" % [s], "{!a}".format(s))
print(f"{ValueError(s)!a}", "%a" % (1.5,), "%r %a" % ("\u00e9", "\u00e9"))
