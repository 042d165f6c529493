from functools import partial
def power(base, exp, mod=None):
    if mod is None:
        return base ** exp
    return pow(base, exp, mod)
square = partial(power, exp=2)
print(square(7))
two_to = partial(power, 2)
print(two_to(10), two_to(10, 1000))
p = partial(print, "prefix:", sep="|")
p("a", "b")
p("c", sep="#")
print(square.args, square.keywords)
print(two_to.func is power)
add3 = partial(lambda a, b, c: a + b + c, 1, 2)
print(add3(3))
pp = partial(partial(power, 3), 3)
print(pp())
print(list(map(partial(int, base=2), ["101", "111"])))
