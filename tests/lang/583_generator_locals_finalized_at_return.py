# A function returning while a local holds a generator suspended inside
# try/finally: CPython frees the frame and the generator with it, so the
# finally block runs at the return. Before each such return, other
# generators have finished, been closed, been thrown into before they
# started, or been dropped half-way; none of that may hide the last one.


def gen(tag):
    try:
        yield tag + " 1"
        yield tag + " 2"
    finally:
        print("finally", tag)


def plain():
    yield 1
    yield 2


def hold(tag):
    g = gen(tag)
    print(next(g))
    print("leaving", tag)


hold("a")
print("after a")

# Finished generators, then one still suspended.
for x in plain():
    pass
print(list(plain()))
hold("b")
print("after b")

# Closed, and thrown into before starting.
g = plain()
next(g)
g.close()
g2 = plain()
try:
    g2.throw(ValueError("early"))
except ValueError as e:
    print("thrown:", e)
hold("c")
print("after c")

# One dropped half-way (no try block: nothing to run), then one held.
def drop():
    d = plain()
    next(d)


drop()
drop()
hold("d")
print("after d")

# A generator suspended outside any try block: nothing runs for it.
def quiet():
    q = plain()
    print("quiet", next(q))


quiet()


# Nested: the inner function's return finalizes its own local only.
def outer():
    g = gen("outer")
    next(g)
    hold("inner")
    print("outer still holds")


outer()
print("end")
