# Repeats, paddings and conversions too large to allocate: a MemoryError
# the program catches (CPython's OverflowError where a size passes its C
# types), never an abort; the interpreter goes on.
import sys

n = 10 ** 12
cases = [
    ("str repeat", lambda: "a" * n),
    ("str repeat maxsize", lambda: "ab" * (sys.maxsize // 2 + 1)),
    ("list repeat", lambda: [0] * n),
    ("list repeat maxsize", lambda: [0, 1] * (sys.maxsize // 2 + 1)),
    ("tuple repeat", lambda: (0,) * n),
    ("list from range", lambda: list(range(n))),
    ("tuple from range", lambda: tuple(range(n))),
    ("sorted range", lambda: sorted(range(n))),
    ("ljust", lambda: "a".ljust(n)),
    ("rjust", lambda: "a".rjust(n, "*")),
    ("center", lambda: "a".center(n)),
    ("zfill", lambda: "7".zfill(n)),
    ("expandtabs", lambda: "a\tb".expandtabs(n)),
    ("expandtabs maxsize", lambda: "\t\t".expandtabs(sys.maxsize)),
]
for name, f in cases:
    try:
        r = f()
        print(name, "->", len(r))
    except (MemoryError, OverflowError) as e:
        print(name, "->", type(e).__name__, e)
x = [0] * 3
try:
    x *= n // 3
except MemoryError:
    print("in-place list repeat -> MemoryError, list kept:", x)
print("a\tb".expandtabs(4), "ab" * 3, sorted(range(3, 0, -1)))
