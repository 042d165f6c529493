# Recursion through special methods, generators, class creation and
# comprehensions: each ends in RecursionError, caught here.
class Str:
    def __str__(self):
        return str(self)

class GetAttr:
    def __getattr__(self, name):
        return getattr(self, name)

class Eq:
    def __eq__(self, other):
        return self == other

class Init:
    def __init__(self):
        Init()

def gen():
    yield from gen()

def gen_for():
    for x in gen_for():
        yield x

def comp(n):
    return [comp(n + 1) for _ in range(1)]

cases = [
    ("str", lambda: str(Str())),
    ("getattr", lambda: GetAttr().x),
    ("eq", lambda: Eq() == 1),
    ("init", lambda: Init()),
    ("yield from", lambda: list(gen())),
    ("for in generator", lambda: list(gen_for())),
    ("comprehension", lambda: comp(0)),
]
for name, case in cases:
    try:
        case()
        print(name, "returned")
    except RecursionError as e:
        # (CPython words the message after where the limit was hit:
        # "while calling a Python object", "in comparison"... only the
        # type is compared.)
        print(name, type(e).__name__)
