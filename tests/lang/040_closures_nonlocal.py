def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def adders():
    return [lambda y, k=k: y + k for k in range(3)]
print([f(100) for f in adders()])
def accumulator(start):
    total = start
    def add(v):
        nonlocal total
        total += v
        return total
    return add
acc = accumulator(10)
acc(5)
print(acc(5))
def reader():
    val = 1
    def get():
        return val
    val = 2
    return get
print(reader()())
