# Instance attribute loads that one code location repeats while what the
# load must find changes under it: LOAD_ATTR remembers where an
# instance's __dict__ held the name, and each case here must still see
# what python3 sees. Also __dict__ and __class__ assignment, with their
# errors.


class P:
    def __init__(self, x):
        self.x = x
        self.y = x * 2


def get_x(o):
    return o.x


def get_y(o):
    return o.y


ps = [P(i) for i in range(5)]
print([get_x(p) for p in ps])

# The attribute deleted, then set again (at another index).
p = P(10)
print(get_x(p))
del p.x
try:
    get_x(p)
except AttributeError as e:
    print("AttributeError:", e)
p.x = 11
print(get_x(p), get_y(p))

# A data descriptor appears on the class: it wins over the dict.
P.x = property(lambda self: "prop")
print(get_x(p), get_x(ps[0]))
del P.x
print(get_x(p), get_x(ps[0]))


class D:
    def __get__(self, o, t):
        return "data-get"

    def __set__(self, o, v):
        pass


P.y = D()
print(get_y(p))
del P.y
print(get_y(p))

# A non-data descriptor (a method) on the class: the dict wins.
P.x = lambda self: "method"
print(get_x(p))
del P.x

# __dict__ replaced, cleared, updated; a key equal but not identical.
p.__dict__ = {"y": 1, "x": 2}
print(get_x(p), get_y(p))
p.__dict__.clear()
try:
    get_x(p)
except AttributeError as e:
    print("AttributeError:", e)
name = "".join(["x"])
setattr(p, name, "joined")
print(get_x(p))
p.__dict__.update({"a%d" % i: i for i in range(50)})
print(get_x(p), len(p.__dict__))
for i in range(50):
    delattr(p, "a%d" % i)
print(get_x(p))

# Many classes through one load; __class__ changed under an object.


class Q:
    def __init__(self):
        self.z = 0
        self.x = "Q"


class R:
    x = "R-class"


objs = [P(1), Q(), P(2), Q()]
print([get_x(o) for o in objs])
q = Q()
print(get_x(q))
q.__class__ = R
print(get_x(q))
del q.x
print(get_x(q))

# __getattr__ defined after the load was seen.


class G:
    def __init__(self):
        self.x = "g"


g = G()
print(get_x(g), get_x(g))
G.__getattr__ = lambda self, n: "fallback " + n
print(get_x(g))
del g.x
print(get_x(g))
g.x = "again"
print(get_x(g))
del G.__getattr__
del g.x
try:
    get_x(g)
except AttributeError as e:
    print("AttributeError:", e)

# Classes made and dropped in a loop: new classes may reuse old ones'
# memory after a collection.
import gc
out = []
for i in range(30):
    C = type("C%d" % i, (), {})
    c = C()
    if i % 3 == 0:
        C.x = property(lambda self, i=i: "prop%d" % i)
    else:
        c.x = i
    out.append(get_x(c))
    del C, c
    gc.collect()
print(out)


class S:
    __slots__ = ("x",)

    def __init__(self):
        self.x = "slot"


print(get_x(S()), get_x(P(3)), get_x(S()))

for bad in (5, int, type("Z", (int,), {})):
    try:
        q.__class__ = bad
    except TypeError as e:
        print("TypeError:", e)
try:
    del q.__class__
except TypeError as e:
    print("TypeError:", e)
try:
    (5).__class__ = Q
except TypeError as e:
    print("TypeError:", e)
try:
    q.__class__ = S
except TypeError as e:
    print("TypeError:", e)
try:
    p.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)
del p.__dict__
print(p.__dict__)
p.__dict__["__dict__"] = 7
print(type(p.__dict__).__name__)
