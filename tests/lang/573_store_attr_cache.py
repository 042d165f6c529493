# Stores to instance attributes from one site, many times, while what
# decides where a store goes changes under it: a data descriptor or
# __setattr__ added to the class, __class__ reassigned, __dict__ replaced
# or shared, the attribute deleted, two types taking turns.


class P:
    pass


class Q:
    pass


def store_all(objs, n):
    for i in range(n):
        for o in objs:
            o.x = i


log = []


def setter(self, v):
    log.append(('prop', v))


p = P()
store_all([p], 5)
print(p.x, p.__dict__)
P.x = property(lambda self: 'got', setter)
store_all([p], 3)
print(p.x, p.__dict__, log)
del P.x
store_all([p], 4)
print(p.x, p.__dict__)


def custom_setattr(self, name, v):
    log.append(('setattr', name, v))
    object.__setattr__(self, name, v * 10)


P.__setattr__ = custom_setattr
store_all([p], 2)
print(p.x, log[-2:])
del P.__setattr__
store_all([p], 3)
print(p.x)

q = Q()
store_all([p, q], 3)
print(p.x, q.x)
p.__class__ = Q
store_all([p], 6)
print(type(p).__name__, p.x)
p.__class__ = P

shared = {'x': 'start', 'y': 1}
a, b = P(), P()
a.__dict__ = shared
b.__dict__ = shared
store_all([a], 7)
print(b.x, shared)
a.__dict__ = {'y': 2}
store_all([a], 8)
print(a.__dict__, b.__dict__)

c = P()
store_all([c], 2)
del c.x
print(hasattr(c, 'x'))
store_all([c], 9)
c.z = 1
del c.x
store_all([c], 10)
print(c.__dict__)


class Desc:
    def __get__(self, obj, cls):
        return 'desc'

    def __set__(self, obj, v):
        log.append(('desc', v))


d = P()
store_all([d], 2)
P.x = Desc()
store_all([d], 4)
print(d.x, d.__dict__, log[-1])
del P.x


class NonData:
    def __get__(self, obj, cls):
        return 'nondata'


P.x = NonData()
e = P()
store_all([e, d], 5)
print(e.x, d.x, e.__dict__)
del P.x
print(e.x)
