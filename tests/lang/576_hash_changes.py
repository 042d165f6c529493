# hash() of instances while their class's __hash__ changes: set, set to
# None, deleted, inherited, and __class__ reassigned (obj_hash caches
# identity hashing per class).
class A:
    pass


a = A()
d = {a: 1}
s = set()
for i in range(5):
    s.add(a)
print(len(s), d[a], hash(a) == hash(a))
A.__hash__ = lambda self: 42
print(hash(a))
A.__hash__ = None
try:
    hash(a)
except TypeError as e:
    print(e)
del A.__hash__
print(hash(a) == id(a) >> 4 or True, a in d)


class B(A):
    def __eq__(self, other):
        return True


try:
    hash(B())
except TypeError as e:
    print(e)
B.__hash__ = object.__hash__
b = B()
print(hash(b) == hash(b), {b: 2}[b])
a.__class__ = B
print(hash(a) == hash(a))
