# Metaclasses: metaclass=, one derived from the bases, a singleton's
# __call__ through super(), __new__/__init__ of a registry, dunder
# methods and properties of the metaclass on the class, a conflict.
class Meta(type):
    def __iter__(cls):
        return iter([1,2])
    def hello(cls):
        return "hi " + cls.__name__
class A(metaclass=Meta):
    pass
print(type(A), list(A), A.hello())
class B(A): pass
print(type(B))
class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, v=1):
        self.v = v
a = Config(5); b = Config(7)
print(a is b, a.v, type(Config).__name__)
class Registry(type):
    classes = []
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        mcs.classes.append(name)
        return cls
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls.registered = True
class Base(metaclass=Registry): pass
class Child(Base): pass
print(Registry.classes, Child.registered, type(Child) is Registry, isinstance(Child, type), issubclass(Child, Base))
class M(type):
    def __len__(cls): return 3
    def __repr__(cls): return f"<M {cls.__name__}>"
    def __getitem__(cls, k): return k * 2
    def __contains__(cls, x): return x == 1
    @property
    def info(cls): return "info " + cls.__name__
class X(metaclass=M):
    y = 1
print(len(X), repr(X), X[4], 1 in X, 2 in X, X.info, X.y, str(X), X().__class__.__name__)
print(dir(X)[-1], Child.__mro__)
try:
    class Bad(Base, X): pass
except TypeError as e:
    print("TypeError:", e)
print(type("Dyn", (Base,), {}).__class__.__name__, Registry("Dyn2", (), {}).registered)
class Desc:
    def __set_name__(self, owner, name): print("set_name", owner.__name__, name)
class WithDesc(metaclass=Registry):
    d = Desc()
    def __init_subclass__(cls, **kw): print("init_subclass", cls.__name__)
class Sub(WithDesc): pass
