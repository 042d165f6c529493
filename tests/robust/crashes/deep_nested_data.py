# Containers nested 100,000 deep: hashing works (CPython recurses without
# a limit there), repr, str and comparing two equal copies end in
# RecursionError; nothing overflows the C stack.
def nest(make, leaf):
    x = leaf
    for i in range(100000):
        x = make(x)
    return x

t1 = nest(lambda x: (x,), ())
t2 = nest(lambda x: (x,), ())
print(hash(t1) == hash(t2))
for name, f in [
    ("tuple repr", lambda: repr(t1)),
    ("tuple ==", lambda: t1 == t2),
    ("tuple <", lambda: t1 < t2),
    ("list repr", lambda: repr(nest(lambda x: [x], []))),
    ("list ==", lambda: nest(lambda x: [x], []) == nest(lambda x: [x], [])),
    ("dict str", lambda: str(nest(lambda x: {1: x}, {}))),
    ("dict ==", lambda: nest(lambda x: {1: x}, {}) == nest(lambda x: {1: x}, {})),
    ("frozenset hash", lambda: hash(nest(lambda x: frozenset([x]), frozenset()))),
    ("set in", lambda: nest(lambda x: (x,), 1) in {nest(lambda x: (x,), 1)}),
]:
    try:
        r = f()
        print(name, "returned", r if isinstance(r, bool) else type(r).__name__)
    except RecursionError as e:
        print(name, "RecursionError:", e)
