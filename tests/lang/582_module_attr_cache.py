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

orig_sqrt = math.sqrt
math.sqrt = lambda x: "patched %s" % x
print(call_sqrt())
del math.sqrt
try:
    call_sqrt()
except AttributeError as e:
    print("AttributeError:", e)
math.sqrt = orig_sqrt
print(call_sqrt())

orig_pi = math.pi
math.pi = 3
print(get_pi())
del math.pi
try:
    get_pi()
except AttributeError as e:
    print("AttributeError:", e)
math.pi = orig_pi
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
