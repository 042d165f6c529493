import sys
import functools as ft
from functools import partial, reduce
from inspect import isgenerator as isgen
import gc, types
print(type(sys).__name__)
print(sys.__name__, ft.__name__, types.__name__)
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]))
print(partial(pow, 2)(10))
def g():
    yield
print(isgen(g()), isgen(g))
print(ft.reduce is reduce)
import sys as system
print(system is sys)
def local_import():
    import inspect
    return inspect.isfunction(local_import)
print(local_import())
print("inspect" in dir())
gc.collect()
print("ok")
