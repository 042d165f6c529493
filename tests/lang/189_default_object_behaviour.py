class Plain:
    pass
a = Plain()
b = Plain()
print(a == a, a == b, a != b)
print(str(a) == repr(a))
print(repr(a).startswith("<__main__.Plain object at "))
print(isinstance(a, object), type(a) is Plain)
print(Plain.__name__, Plain.__qualname__, Plain.__module__)
class Outer:
    class Inner:
        pass
print(Outer.Inner.__qualname__)
print(hash(a) == hash(a))
a.x = 1
print(a.__dict__, b.__dict__)
print(bool(a))
def fn():
    pass
print(fn.__name__, fn.__qualname__, repr(fn).startswith("<function fn at "))
class M:
    def meth(self):
        pass
print(M.meth.__qualname__, repr(M().meth).startswith("<bound method M.meth of "))
