def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper()
    return wrapper
@shout
def greet(name):
    return "hello " + name
print(greet("ann"))
calls = []
def log(fn):
    def wrapper(*a):
        calls.append(fn.__name__)
        return fn(*a)
    return wrapper
@log
@shout
def hi():
    return "hi"
print(hi())
print(calls)
def twice(fn):
    def w(x):
        return fn(fn(x))
    return w
@twice
def inc(x):
    return x + 1
print(inc(5))
def register(fn):
    registry.append(fn.__name__)
    return fn
registry = []
@register
def a(): pass
@register
def b(): pass
print(registry, a(), b.__name__)
