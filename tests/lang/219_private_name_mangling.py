class Account:
    __count = 0
    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1
    def __secret(self):
        return "secret of " + self.__owner
    def reveal(self):
        return self.__secret()
    @classmethod
    def count(cls):
        return cls.__count
a = Account("ann")
print(a.reveal(), Account.count())
print(sorted(k for k in vars(a)))
print("_Account__secret" in Account.__dict__, "__secret" in Account.__dict__)
print(Account._Account__secret.__name__, Account._Account__secret.__qualname__)
try:
    a.__owner
except AttributeError as e:
    print("AttributeError:", e)
print(a._Account__owner)
class _Under:
    def __m(self):
        return "m"
    def call(self):
        return self.__m()
print(_Under().call(), hasattr(_Under, "_Under__m"))
class ___:
    __x = 1
print(hasattr(___, "__x"))
class Dunder:
    __magic__ = 5
    def __len__(self):
        return 3
print(Dunder.__magic__, len(Dunder()))
class Outer:
    __o = "outer"
    class Inner:
        __i = "inner"
        def get(self):
            return self.__i
    def get(self):
        def nested():
            return self.__o
        return nested() + " " + [self.__o for _ in range(1)][0] + " " + (lambda: self.__o)()
print(Outer().get(), Outer.Inner().get(), hasattr(Outer.Inner, "_Inner__i"))
class Params:
    def f(self, __p, *, __k=2):
        return __p + __k
    def g(self):
        __local = 10
        return sorted(locals())
print(Params().f(1), Params.f.__code__.co_varnames)
print(Params().g())
print(Params.f.__kwdefaults__)
class G:
    def set(self):
        global __gv
        __gv = "global"
print(G().set(), "_G__gv" in globals(), globals()["_G__gv"])
def __module_level():
    return "no mangling outside classes"
print(__module_level())
class Base:
    def __init__(self):
        self.__x = "base"
class Derived(Base):
    def __init__(self):
        super().__init__()
        self.__x = "derived"
d = Derived()
print(sorted(vars(d).items()))
class Walrus:
    def m(self):
        if (__w := 5) > 3:
            return __w, "_Walrus__w" in locals()
print(Walrus().m())
class Attr:
    def m(self):
        self.__a = 1
        del self.__a
        return hasattr(self, "_Attr__a")
    def name(self):
        return getattr(self, "__plain", "strings are not mangled")
print(Attr().m(), Attr().name())
class Call:
    def f(self, **kw):
        return kw
    def g(self):
        return self.f(__kw=1)
print(Call().g())
class E:
    def m(self):
        try:
            raise ValueError("v")
        except ValueError as __err:
            return type(__err).__name__, "_E__err" in locals()
print(E().m())
class Ann:
    __a: int = 1
    b: "str"
print(Ann.__annotations__)
class Imp:
    import sys as __sys
    from functools import reduce as __reduce
    def names(self):
        return self.__sys.__name__, self.__reduce.__name__
print(Imp().names(), sorted(k for k in vars(Imp) if "__" in k and not k.endswith("__")))
class Tricky:
    def __init__(self):
        self.__d = {}
    def put(self, k, v):
        self.__d[k] = v
        self.__d[k] += 1
        return self.__d
print(Tricky().put("a", 1))
Params().f(__p=1)
