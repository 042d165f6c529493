# A function called again and again gets a fresh frame each time, as if
# new: locals unbound, cells its own, no value of the last call left.
# Frames that escaped (a traceback's, f_back's) keep what they held.

def maybe(x, flag):
    if flag:
        y = x
    try:
        return y
    except UnboundLocalError:
        return "unbound"


print([maybe(i, i % 2) for i in range(6)])


def outer(v):
    def inner():
        return v
    return inner


fs = [outer(i) for i in range(4)]
print([f() for f in fs])


def counter():
    n = 0

    def bump():
        nonlocal n
        n += 1
        return n
    return bump


a, b = counter(), counter()
print(a(), a(), b(), a(), b())


def fail(k):
    local = k * 10
    raise ValueError(local)


kept = []
for k in range(3):
    try:
        fail(k)
    except ValueError as e:
        kept.append(e.__traceback__.tb_next.tb_frame)
print([fr.f_locals["local"] for fr in kept])
print([fr.f_code.co_name for fr in kept], len(set(map(id, kept))))


def callee():
    try:
        raise KeyError("x")
    except KeyError as e:
        return e.__traceback__.tb_frame.f_back


def caller(tag):
    here = tag
    return callee()


frames = [caller(t) for t in "abc"]
print([fr.f_locals["here"] for fr in frames])


def rec(n):
    if n == 0:
        return [0]
    got = rec(n - 1)
    return got + [n]


print(rec(5), rec(3))


def gen(n):
    for i in range(n):
        yield i * n


print([list(gen(k)) for k in range(4)])
g1, g2 = gen(3), gen(4)
print(next(g1), next(g2), next(g1), list(g2), list(g1))
