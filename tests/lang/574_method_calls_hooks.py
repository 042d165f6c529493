# Method calls on objects of types that compute some attributes in C
# (exceptions, ints, floats, ranges, slices, modules, functions, classes,
# generators, super): methods, computed attributes called as methods,
# instance attributes that shadow methods, and errors.
import math


class MyError(Exception):
    def describe(self):
        return 'MyError%r' % (self.args,)

    def args_len(self):
        return len(self.args)


e = MyError(1, 2)
print(e.describe(), e.args_len(), e.with_traceback(None) is e)
e.describe = lambda: 'shadowed'
print(e.describe())
del e.describe
print(e.describe())
try:
    e.args()
except TypeError as exc:
    print('TypeError:', exc)
try:
    e.missing()
except AttributeError as exc:
    print('AttributeError:', exc)

print((255).bit_length(), (2.5).is_integer(), (4.0).is_integer())
try:
    (5).real()
except TypeError as exc:
    print('TypeError:', exc)
r = range(2, 20, 3)
print(r.index(8), r.count(5), r.count(4))
try:
    r.start()
except TypeError as exc:
    print('TypeError:', exc)
s = slice(1, 10, 2)
print(s.start, s.stop, s.step)
print(math.sqrt(16.0), math.floor(2.5))


def f(x):
    return x * 2


f.extra = lambda: 'extra'
print(f.extra(), f.__name__.upper(), f(4))


class Base:
    def who(self):
        return 'Base.who'

    @classmethod
    def make(cls):
        return cls.__name__


class Child(Base):
    def who(self):
        return 'Child+' + super().who()


print(Child().who(), Child.make(), Base.who(Child()), Child.mro()[1].__name__)


def gen():
    x = yield 1
    yield x


g = gen()
print(next(g), g.send('sent'), g.close())
