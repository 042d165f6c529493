# A class on str, int or float making its value in its own __new__
# (super().__new__(cls, v)), calling super().__repr__(), and formatting
# that honours its own __str__; the checks of T.__new__(cls).
class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
class Double(int):
    def __new__(cls, v):
        return int.__new__(cls, v * 2)
class Half(float):
    def __new__(cls, v):
        return super().__new__(cls, v / 2)
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
print(repr(Upper("abc")), Double(21), Half(3.0), Pair(1, 2), type(Upper("x")).__name__, type(Double(1)).__name__)
class Meters(int):
    def __repr__(self):
        return f"Meters({super().__repr__()})"
print(repr(Meters(5)), (0.1).__repr__(), (5).__repr__(), True.__repr__(), None.__repr__(), (2.5).__str__(), (7).__str__())
class Money(float):
    def __str__(self):
        return f"${self:.2f}"
m = Money(2)
print(str(m), f"{m}", "{}".format(m), format(m), f"{m:.1f}", f"{m!r}")
class Tag(int):
    def __str__(self):
        return f"#{int(self)}"
t = Tag(4)
print(str(t), f"{t}", format(t, ""), f"{t:03d}", print(t) or "")
class S(str):
    def __str__(self):
        return "S!"
s = S("x")
print(str(s), f"{s}", format(s), "{}".format(s))
print(int.__new__(int, "12"), float.__new__(float), repr(str.__new__(str, 5)), repr(str.__new__(Upper, 5)), int.__new__(Double, 3) + 0)
for bad in [lambda: int.__new__(str, 1), lambda: int.__new__(5), lambda: int.__new__(), lambda: str.__new__(int)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
class Mixin:
    def hello(self):
        return "hi " + str(int(self))
class MI(Mixin, int):
    def __new__(cls, v):
        return super().__new__(cls, v + 1)
print(int(MI(4)), MI(4).hello(), bool.__new__(bool, 3))
try:
    int.__new__(bool, 0)
except TypeError as e:
    print("TypeError:", e)
