print(len("hello"), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}), len(range(5)), len(""))
print(int("42"), int("-17"), int("  7  "), int("1_000"))
print(int("ff", 16), int("0xff", 16), int("777", 8), int("101", 2), int("z", 36))
print(int("0b11", 0), int("0o17", 0), int("12", 0))
print(int(3.99), int(-3.99), int(True), int())
print(float("1.5"), float("  -2.25 "), float("1e3"), float("inf"), float("-Infinity"), float("nan"))
print(float(3), float(), float("1_0.5"))
print(str(1), str(1.0), str(-0.0), str([1]), str(), repr("x"), repr(1.0))
print(bool("False"), bool(0.0), bool())
print(list("ab"), tuple([1]), dict(a=1), set([2, 2]), list(), tuple(), dict())
try:
    int("12.5")
except ValueError as e:
    print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    float("abc")
except ValueError as e:
    print("ValueError:", e)
