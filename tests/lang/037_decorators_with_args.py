import functools
def repeat(n):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args):
            return [fn(*args) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def say(x):
    """doc of say"""
    return x * 2
print(say("ab"))
print(say.__name__, say.__doc__)
def prefix(p, suffix=""):
    def deco(fn):
        def wrapper(s):
            return p + fn(s) + suffix
        return wrapper
    return deco
@prefix(">> ", suffix=" <<")
@prefix("[", "]")
def ident(s):
    return s
print(ident("x"))
class Tag:
    def __init__(self, name):
        self.name = name
    def __call__(self, fn):
        def w():
            return "<" + self.name + ">" + fn() + "</" + self.name + ">"
        return w
@Tag("b")
def bold():
    return "text"
print(bold())
