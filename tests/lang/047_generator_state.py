import inspect
def g():
    yield 1
    yield 2
it = g()
print(inspect.getgeneratorstate(it))
next(it)
print(inspect.getgeneratorstate(it))
list(it)
print(inspect.getgeneratorstate(it))
gen = (x * x for x in range(4))
print(type(gen).__name__)
print(next(gen), next(gen))
print(list(gen))
print(list(gen))
def lazy():
    print("started")
    yield "first"
l = lazy()
print("created")
print(next(l))
print(iter(l) is l)
