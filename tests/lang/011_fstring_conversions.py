s = "hi"
print(f"{s!r}")
print(f"{s!s}")
print(f"{s}")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
p = P()
print(f"{p} {p!r} {p!s}")
print(f"{[1, 'a']!s}")
v = "val"
print(f"[{v!r:>10}]")
print(f"[{v!r:<10}]")
print(f"{3.0!r}")
