class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("suppressed", et.__name__, ev)
            return True
        return None
with Suppress(KeyError):
    {}["missing"]
    print("not reached")
print("after first")
with Suppress(ArithmeticError):
    1 / 0
print("after zero division")
try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)
def g():
    for i in range(3):
        with Suppress(ValueError):
            if i == 1:
                raise ValueError(i)
            print("ok", i)
g()
class Holder:
    def __enter__(self):
        return 1, 2
    def __exit__(self, *a):
        pass
with Holder() as (p, q):
    print(p + q)
