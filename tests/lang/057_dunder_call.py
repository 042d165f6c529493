class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=1):
        return self.k * x * y
m = Multiplier(3)
print(m(2), m(2, y=5))
print(callable(m), callable(Multiplier), callable(3))
print(list(map(m, [1, 2, 3])))
class CallCount:
    def __init__(self):
        self.calls = 0
    def __call__(self, *args, **kwargs):
        self.calls += 1
        return (args, kwargs)
cc = CallCount()
print(cc(1, a=2))
cc()
print(cc.calls)
