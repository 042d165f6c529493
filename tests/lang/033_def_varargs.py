def f(*args):
    return args
print(f())
print(f(1, 2, 3))
def g(a, b=2, *rest, **kw):
    return a, b, rest, kw
print(g(1))
print(g(1, 3, 5, 7))
print(g(1, x=9, y=8))
print(g(*[1, 2, 3], **{"z": 0}))
def h(**kwargs):
    for k in kwargs:
        print(k, "=", kwargs[k])
h(alpha=1, beta=2, gamma=3)
def count(*items, sep=","):
    return sep.join(str(i) for i in items)
print(count(1, 2, 3))
print(count(1, 2, sep="|"))
args = (4, 5)
kw = {"sep": "+"}
print(count(*args, 6, *args, **kw))
