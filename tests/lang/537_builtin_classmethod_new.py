# Built-in classmethods (dict.fromkeys, object.__init_subclass__) bind to
# the class they are reached through; the built-in __new__ of object and
# tuple takes the class to create as its first argument.


def attempt(label, f, *args, **kwargs):
    try:
        print(label, "->", repr(f(*args, **kwargs)))
    except TypeError as e:
        print(label, "-> TypeError:", e)


class D(dict):
    pass


class E(D):
    def kinds(self):
        return super().fromkeys("ab", 0)


print(type(dict.fromkeys("ab")).__name__, dict.fromkeys("ab", 1))
print(type(D.fromkeys("ab")).__name__, D.fromkeys("ab"))
print(type(D().fromkeys("x")).__name__)
print(type(E().kinds()).__name__, E().kinds())
print(dict.fromkeys.__self__ is dict, D.fromkeys.__self__ is D)
print(D().fromkeys.__self__ is D)
print(repr(dict.__dict__["fromkeys"]))
attempt("fromkeys()", dict.fromkeys)
attempt("descriptor()", dict.__dict__["fromkeys"])
attempt("descriptor(1)", dict.__dict__["fromkeys"], 1)
attempt("descriptor(int)", dict.__dict__["fromkeys"], int, "a")
attempt("descriptor(D)", dict.__dict__["fromkeys"], D, "a")


class A:
    def __new__(cls, *args):
        print("A.__new__", cls.__name__, args)
        return super().__new__(cls)

    def __init__(self, *args):
        self.args = args


a = A(1, 2)
print(type(a).__name__, a.args)
print(type(object.__new__(A)).__name__)
attempt("object.__new__()", object.__new__)
attempt("object.__new__(1)", object.__new__, 1)
print(object.__new__.__self__ is object, tuple.__new__.__self__ is tuple)
print(object.__new__ is A.__new__ or "A has its own __new__")


class P(tuple):
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))


p = P(1, 2)
print(type(p).__name__, p, tuple.__new__(P, "ab"))
attempt("tuple.__new__()", tuple.__new__)
attempt("tuple.__new__(1)", tuple.__new__, 1)
attempt("tuple.__new__(int)", tuple.__new__, int)


class Base:
    def __init_subclass__(cls, **kwargs):
        print("init_subclass", cls.__name__, kwargs)
        super().__init_subclass__(**kwargs)


class Child(Base):
    pass


try:
    class Bad(Base, flavour=1):
        pass
except TypeError as e:
    print("TypeError:", e)
print(object.__init_subclass__.__self__ is object)
print(Child.__init_subclass__.__self__ is Child)
attempt("object.__init_subclass__(1)", object.__init_subclass__, 1)
attempt("object.__init_subclass__(x=1)", object.__init_subclass__, x=1)
