def echo():
    received = None
    while True:
        received = yield "got " + str(received)
g = echo()
print(next(g))
print(g.send(1))
print(g.send("two"))
print(g.send(None))
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print(a.send(10))
print(a.send(20))
print(a.send(60))
def fresh():
    x = yield
    print("x was", x)
f = fresh()
try:
    f.send(5)
except TypeError as e:
    print("TypeError:", e)
