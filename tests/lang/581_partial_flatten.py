# functools.partial of a partial is flattened into one (partial_new),
# unless the inner one has attributes of its own or a subclass's
# __call__; a subclass of partial made of a partial is flattened too.
import functools


def note(*a, **k):
    print("note", a, sorted(k.items()))


def show(p):
    f = p.func
    print(type(p).__name__, getattr(f, "__name__", type(f).__name__),
          p.args, sorted(p.keywords.items()))


class P(functools.partial):
    pass


class C(functools.partial):
    def __call__(self, *a, **k):
        return "C called"


p = functools.partial(functools.partial(note, 1, a=1), 2, b=2)
show(p)
p()
p = functools.partial(functools.partial(note, 1, a=1), 2, a=3)
show(p)
p(3, c=4)
p = functools.partial(functools.partial(functools.partial(note), 1), 2)
show(p)
p = functools.partial(P(note, 1, a=1), 2, b=2)
show(p)
p()
q = functools.partial(note, 1)
q.x = 5
p = functools.partial(q, 2)
show(p)
print(p.func.x)
p()
p = functools.partial(C(note, 1), 2)
show(p)
print(p())
p = P(functools.partial(note, 1), 2)
show(p)
p()
p = functools.partial(functools.partial(note))
show(p)
print(repr(functools.partial(functools.partial(len), "ab"))[:40])
r = functools.partial(len, "ab")
r.x = 1
print(r.x, r.__dict__, r())
del r.x
print(r.__dict__)
show(functools.partial(r, ))
s = P(len, "abc")
s.y = 2
print(s.y, s.__dict__, s())
