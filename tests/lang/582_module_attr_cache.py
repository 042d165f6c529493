# Module attributes read at the same site again and again (LOAD_ATTR and
# the method-call form), while the module's dict changes under them:
# reassigned, deleted, added back, and other modules at the same site.
import bisect
import heapq
import math
import types


def call_sqrt():
    return math.sqrt(16)


def get_pi():
    return math.pi


def name_of(m):
    return m.__name__


def push(m, h, x):
    m.heappush(h, x)
    return h


for i in range(3):
    print(call_sqrt(), get_pi())


def swap(read, name, value):
    """math.NAME replaced, deleted and put back, read at read's site."""
    orig = getattr(math, name)
    setattr(math, name, value)
    print(read())
    delattr(math, name)
    try:
        read()
    except AttributeError as e:
        print("AttributeError:", e)
    setattr(math, name, orig)
    print(read())


swap(call_sqrt, "sqrt", lambda x: "patched %s" % x)
swap(get_pi, "pi", 3)
math.pi = 3
print(get_pi())
del math.pi
math.pi = 3.141592653589793
print(get_pi())

for m in (math, heapq, bisect, math, types):
    print(name_of(m))

# Other modules given the same name at different places in their dicts,
# one site for all of them.
a = bisect
b = types
a.heappush = lambda h, x: h.append(("a", x))
b.filler = 1
b.heappush = lambda h, x: h.append(("b", x))
for m in (heapq, a, b, heapq, b, a):
    print(m.__name__, push(m, [], 5))

# Many names added to a module's dict: it grows and its entries move.
for k in range(40):
    setattr(a, "x%d" % k, k)
    print(push(a, [], k), end=" ")
print()
print(a.x39, a.__dict__["x0"], type(a.__dict__).__name__)
del a.heappush
try:
    push(a, [], 1)
except AttributeError as e:
    print("AttributeError:", e)
print(push(b, [], 2), push(heapq, [], 3))

# A module attribute named like a dunder that the module itself answers.
print(type(math.__dict__).__name__, math.__dict__ is vars(math))
