print(True + True, True * 10, False - 1, True / 2)
print(sum([True, False, True, True]))
print(int(True), float(False), str(True), repr(False))
print(bool(0), bool(1), bool(-1), bool(""), bool("0"), bool([]), bool([0]))
print(bool(None), bool(0.0), bool(-0.0), bool({}), bool(()), bool(range(0)))
print(type(True).__name__, isinstance(True, int), True is True)
print(True == 1, True is not False, hash(True) == hash(1))
x = None
print(x, type(x).__name__, x is None, x == None, repr(None), str(None))
def f():
    pass
print(f() is None)
print([None] * 3, None in [None])
print(True > False, max(True, 2), -True, ~True)
print({True: "t", 1: "one"})
