def gen():
    try:
        for i in range(5):
            yield i
    finally:
        print("cleanup")

for x in gen():
    if x == 1:
        break
print("after")

def f():
    g = gen()
    next(g)
    print("leaving f")
f()
print("after f")
print("end")
