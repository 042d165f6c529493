import inspect
def f():
    pass
def g():
    yield 1
async def a():
    pass
class C:
    def m(self):
        pass
gen = g()
co = a()
print(inspect.isfunction(f), inspect.isfunction(C().m), inspect.ismethod(C().m))
print(inspect.isgeneratorfunction(g), inspect.isgeneratorfunction(f))
print(inspect.isgenerator(gen), inspect.isgenerator(g))
print(inspect.iscoroutinefunction(a), inspect.iscoroutine(co))
print(inspect.isawaitable(co), inspect.isawaitable(gen), inspect.isawaitable(1))
print(inspect.isclass(C), inspect.isclass(C()))
print(inspect.ismodule(inspect), inspect.isbuiltin(len))
co.close()
class Aw:
    def __await__(self):
        return iter([])
print(inspect.isawaitable(Aw()))
print(inspect.isroutine(len), inspect.isroutine(f), inspect.isroutine(3))
