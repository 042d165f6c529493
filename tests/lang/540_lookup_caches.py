# Lookups that looplab caches (class attributes along the MRO, globals
# and builtins) must see every change at once, as CPython does.


class Base:
    def who(self):
        return "Base.who"

    kind = "base"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


obj = Leaf()
for _ in range(3):
    print(obj.who(), obj.kind, Leaf.kind)

# A method added to a class in the middle of the MRO shadows the base's.
Mid.who = lambda self: "Mid.who"
print(obj.who())

# Replaced on the base: the middle one still wins.
Base.who = lambda self: "Base.who2"
print(obj.who())

# Deleted from the middle: the base's new one shows through.
del Mid.who
print(obj.who())

# Class attributes replaced, set on the leaf, deleted again.
Base.kind = "base2"
print(obj.kind, Leaf.kind)
Leaf.kind = "leaf"
print(obj.kind, Mid.kind)
del Leaf.kind
print(obj.kind)

# setattr / delattr with computed names.
name = "".join(["d", "yn"])
setattr(Base, name, 1)
print(getattr(obj, name), hasattr(Mid, name))
delattr(Base, name)
print(hasattr(obj, name), hasattr(Leaf, "dyn"))

# Instance attributes shadow non-data class attributes.
obj.kind = "instance"
print(obj.kind, Leaf.kind)
del obj.kind
print(obj.kind)


# Data descriptors added later take over from the instance dict.
class P:
    pass


p = P()
p.x = "from dict"
print(p.x)
P.x = property(lambda self: "from property")
print(p.x)
del P.x
print(p.x)

# Special methods found by type lookup see changes too.
class N:
    def __len__(self):
        return 1


n = N()
print(len(n))
N.__len__ = lambda self: 2
print(len(n))


class M(N):
    pass


m = M()
print(len(m))
N.__len__ = lambda self: 3
print(len(m), len(n))

# Globals: rebinding, deleting, shadowing a builtin, and back.
g = 1


def read_g():
    return g


print(read_g(), read_g())
g = 2
print(read_g())
globals()["g"] = 3
print(read_g())
del g
try:
    read_g()
except NameError as e:
    print("NameError:", e)
g = 4
print(read_g())


def use_len():
    return len("abc")


print(use_len())
len = lambda s: "shadowed"
print(use_len())
del len
print(use_len())

import builtins

orig_abs = builtins.abs


def use_abs():
    return abs(-5)


print(use_abs())
builtins.abs = lambda x: "patched"
print(use_abs())
builtins.abs = orig_abs
print(use_abs())

# A loop that rebinds the global it reads.
total = 0


def bump():
    global total
    for i in range(5):
        total = total + i
    return total


print(bump(), bump())

# A class whose body changes a name the methods read as a global.
counter = 0


class Q:
    def get(self):
        return counter


q = Q()
for i in range(3):
    counter = i * 10
    print(q.get())
