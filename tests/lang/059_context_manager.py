class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False
with CM("a") as v:
    print("body", v)
with CM("x") as x, CM("y") as y:
    print("two managers", x, y)
try:
    with CM("err"):
        raise ValueError("inside")
except ValueError as e:
    print("propagated:", e)
def f():
    with CM("ret"):
        return "returned"
print(f())
for i in range(2):
    with CM("loop" + str(i)):
        if i == 0:
            continue
        print("after continue check")
with CM("nothing-bound"):
    pass
