# Field widths too large to allocate, in every formatting path: a
# MemoryError the program catches (CPython's ValueError or OverflowError
# for sizes past its C types), never an abort; the interpreter goes on.
import sys

w = 10 ** 12
cases = [
    ("format int", lambda: format(1, "1000000000000d")),
    ("format int zero-padded", lambda: format(-1, "01000000000000d")),
    ("format int grouped", lambda: format(12345, "1000000000000,")),
    ("format char", lambda: format(65, "1000000000000c")),
    ("format float", lambda: format(1.5, "1000000000000")),
    ("format float %", lambda: format(1.0, "1000000000000%")),
    ("format float precision", lambda: format(1.5, ".1000000000000f")),
    ("format str", lambda: format("a", ">1000000000000")),
    ("format maxsize", lambda: format(1, str(sys.maxsize))),
    ("format too many digits", lambda: format(1, "99999999999999999999")),
    ("f-string", lambda: f"{1:{w}}"),
    ("f-string float", lambda: f"{1.5:{w}.3f}"),
    ("str.format", lambda: "{:{}}".format(1, w)),
    ("str.format str", lambda: "{0:^1000000000000}".format("x")),
    ("percent d", lambda: "%1000000000000d" % 1),
    ("percent star", lambda: "%*d" % (2 ** 62, 1)),
    ("percent left", lambda: "%-*s" % (w, "a")),
    ("percent s", lambda: "%1000000000000s" % "a"),
    ("percent r", lambda: "%1000000000000r" % "a"),
    ("percent c", lambda: "%1000000000000c" % "a"),
    ("percent f", lambda: "%1000000000000f" % 1.0),
    ("percent x zero", lambda: "%01000000000000x" % 255),
    ("percent width too big", lambda: "%99999999999999999999d" % 1),
    ("percent precision too big", lambda: "%.99999999999d" % 1),
    ("percent star precision", lambda: "%.*f" % (2 ** 31, 1.0)),
]
for name, f in cases:
    try:
        r = f()
        print(name, "->", len(r))
    except (MemoryError, ValueError, OverflowError) as e:
        print(name, "->", type(e).__name__, e)
print(format(7, "5d"), f"{2.5:6.2f}", "%-4s|" % "ab")
