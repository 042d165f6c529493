# sys.setrecursionlimit(20000), then recursion through special methods,
# calls from C and generators: RecursionError each time, never a crash
# of the C stack. (Only the cases CPython 3.11 itself survives at this
# limit; recursion_limit_20000_c_paths.py has the others.)
import sys
sys.setrecursionlimit(20000)

class R:
    def __repr__(self):
        return repr(self)

class S:
    def __str__(self):
        return str(self)

class E:
    def __eq__(self, other):
        return self == other

class L:
    def __lt__(self, other):
        return self < other

class H:
    def __hash__(self):
        return hash(self)

class GI:
    def __getitem__(self, i):
        return self[i]

class Init:
    def __init__(self):
        Init()

class Call:
    def __call__(self):
        return self()

def mx(x):
    return max([1, 2], key=mx)

def gen():
    yield from gen()

def gen_for():
    for x in gen_for():
        yield x

def comp(n):
    return [comp(n) for _ in range(1)]

def nested_zip():
    g = iter([1])
    for i in range(100000):
        g = zip(g)
    return len(list(g))

def nested_filter():
    g = iter([1])
    for i in range(100000):
        g = filter(None, g)
    return list(g)

cases = [
    ("repr", lambda: repr(R())),
    ("str", lambda: str(S())),
    ("eq", lambda: E() == 1),
    ("lt", lambda: L() < 1),
    ("hash", lambda: hash(H())),
    ("getitem", lambda: GI()[0]),
    ("init", lambda: Init()),
    ("call", lambda: Call()()),
    ("max key", lambda: mx(1)),
    ("yield from", lambda: list(gen())),
    ("for in generator", lambda: list(gen_for())),
    ("comprehension", lambda: comp(0)),
    ("nested zip", nested_zip),
    ("nested filter", nested_filter),
]
for name, case in cases:
    try:
        print(name, "returned", case())
    except RecursionError as e:
        print(name, type(e).__name__)
