# Method calls from one site, many times, while what decides which
# callable runs changes under it: an instance attribute shadows the
# method and is deleted again, the class's method is replaced, __class__
# and __dict__ are reassigned, a subclass overrides, and objects of two
# types take turns.


class A:
    def m(self):
        return 'A.m'


class B(A):
    def m(self):
        return 'B.m'


def call_all(objs, n):
    out = []
    for _ in range(n):
        for o in objs:
            out.append(o.m())
    return out


a = A()
print(call_all([a], 3))
a.m = lambda: 'inst'
print(call_all([a], 2))
del a.m
print(call_all([a], 2))
a.other = 1
a.__dict__['m'] = lambda: 'via dict'
print(call_all([a], 2))
del a.__dict__['m']
print(call_all([a], 1))
A.m = lambda self: 'A.m2'
print(call_all([a], 2))
b = B()
print(call_all([a, b], 2))
a.__class__ = B
print(call_all([a], 2))
a.__class__ = A
a.__dict__ = {'m': lambda: 'new dict'}
print(call_all([a], 2))
a.__dict__ = {}
print(call_all([a], 1))
del B.m
print(call_all([b], 2))


class S(str):
    def upper(self):
        return 'S.upper'


print([x.upper() for x in [S('a'), 'b', S('c')]])
