# The number methods a class on int or float inherits, called directly
# and through operators, with and without the class's own overrides.

class I(int):
    def __add__(self, other):
        return "I.__add__"


class R(int):
    def __radd__(self, other):
        return "R.__radd__"


class Plain(int):
    pass


class Money(float):
    def __repr__(self):
        return f"Money({float(self)!r})"


print(I(1) + 2, 2 + I(1), I(1) - 1)
print(1 + R(5), R(5) + 1)
p = Plain(7)
print(p & 3, 3 & p, p | 8, p ^ 1, p << 2, 1 << Plain(3), p >> 1, ~p)
print(-p, +p, abs(Plain(-4)), type(-p).__name__, type(abs(p)).__name__)
print(divmod(p, 2), divmod(20, p), p ** 2, 2 ** Plain(3), 10 / p, 10 // p, 10 % p)
p += 1
print(p, type(p).__name__)
m = Money(2.5)
print(m, m + 1, 1 + m, m * 2, m / 2, 5 / m, 5 // m, 5 % m, 2 ** Money(2.0))
print(-m, +m, abs(Money(-1.5)), round(m), round(m, 1))
print(f"{m:.3f}", format(m, "e"), f"{p:04d}", f"{Plain(255):x}", format(Plain(5), ""))
print(int.__add__(3, 4), (5).__neg__(), (5).__format__("x"), (2.5).__format__(".1f"))
print((3).__and__(1.0), (3).__radd__(1), (2.5).__rsub__(1), True.__and__(False))
print(True + True, True & False, True | False, -True, ~True, abs(True))
print(format(True, ""), format(True, "d"), f"{False:>5}", f"{True!r:>6}")
print(hash(Plain(12)) == hash(12), Plain(3) == 3, {Plain(3): "x"}[3])
print(isinstance(p, int), isinstance(m, float), Plain(3) < 4.5, Money(1.0) < 2)
try:
    print(2.5 & 1)
except TypeError as e:
    print("TypeError:", e)
try:
    print(~Money(1.0))
except TypeError as e:
    print("TypeError:", e)
try:
    print(format(Plain(3), 5))
except TypeError as e:
    print("TypeError:", e)
