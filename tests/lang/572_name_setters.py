# __name__ and __qualname__ of classes, coroutines and generators:
# assignment, str subclasses, the errors, and a class body's __qualname__.
class C: pass
for name in ('__name__', '__qualname__'):
    for v in (5, None):
        try:
            setattr(C, name, v)
        except TypeError as e:
            print(e)
    try:
        delattr(C, name)
    except TypeError as e:
        print(e)
class S(str): pass
C.__name__ = S('Sub')
print(C.__name__, type(C.__name__).__name__)
try:
    class D:
        __qualname__ = 3
except TypeError as e:
    print(e)
class E:
    __qualname__ = S('x.E')
print(E.__qualname__, type(E.__qualname__).__name__)
async def f(): pass
co = f()
for name in ('__name__', '__qualname__'):
    for v in (5, None, S('s')):
        try:
            setattr(co, name, v)
            print(getattr(co, name), type(getattr(co, name)).__name__)
        except TypeError as e:
            print(e)
    try:
        delattr(co, name)
    except TypeError as e:
        print(e)
try:
    co.other = 1
except AttributeError as e:
    print(e)
co.close()
def g(): yield
gi = g()
gi.__qualname__ = 'G'
print(gi.__qualname__, repr(gi).split(" at ")[0])
