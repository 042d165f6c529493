# sys.setrecursionlimit(20000), then recursion that goes through C on
# every level. CPython 3.11 itself overflows its C stack on each of these
# (a segfault), so there is no expected output: looplab must end each in
# RecursionError (printed) or return, without crashing.
import sys
sys.setrecursionlimit(20000)

class G:
    def __getattr__(self, name):
        return getattr(self, name)

class Len:
    def __len__(self):
        return len(self)

class It:
    def __iter__(self):
        return iter(self)

class B:
    def __bool__(self):
        return bool(self)

class Add:
    def __add__(self, other):
        return self + other

class Fmt:
    def __format__(self, spec):
        return format(self, spec)

class Ctx:
    def __enter__(self):
        with Ctx():
            pass

    def __exit__(self, *args):
        pass

class Prop:
    @property
    def p(self):
        return self.p

class SetAttr:
    def __setattr__(self, name, value):
        setattr(self, name, value)

def srt(x):
    return sorted([1, 2], key=srt)

def mp(x):
    return list(map(mp, [x]))

def flt(x):
    return list(filter(flt, [x]))

def nested_genexpr():
    g = iter([1])
    for i in range(100000):
        g = (x for x in g)
    return list(g)

def nested_map():
    g = iter([1])
    for i in range(1000000):
        g = map(abs, g)
    return list(g)

cases = [
    ("getattr", lambda: G().x),
    ("len", lambda: len(Len())),
    ("iter", lambda: iter(It())),
    ("bool", lambda: bool(B())),
    ("add", lambda: Add() + 1),
    ("format", lambda: format(Fmt(), "")),
    ("with", lambda: Ctx().__enter__()),
    ("property", lambda: Prop().p),
    ("setattr", lambda: setattr(SetAttr(), "x", 1)),
    ("sorted key", lambda: srt(1)),
    ("map", lambda: mp(1)),
    ("filter", lambda: flt(1)),
    ("nested genexpr", nested_genexpr),
    ("nested map", nested_map),
]
for name, case in cases:
    try:
        case()
        print(name, "returned")
    except RecursionError as e:
        print(name, type(e).__name__)
