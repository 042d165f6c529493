class Ver:
    def __init__(self, major, minor):
        self.t = (major, minor)
    def __lt__(self, other):
        return self.t < other.t
    def __le__(self, other):
        return self.t <= other.t
    def __eq__(self, other):
        return self.t == other.t
    def __repr__(self):
        return "Ver" + repr(self.t)
vs = [Ver(1, 2), Ver(0, 9), Ver(1, 0)]
print(sorted(vs))
print(min(vs), max(vs))
print(Ver(1, 0) < Ver(1, 1), Ver(2, 0) > Ver(1, 9))
print(Ver(1, 1) <= Ver(1, 1), Ver(1, 1) >= Ver(1, 2))
print(Ver(1, 0) == Ver(1, 0), Ver(1, 0) != Ver(1, 0))
class Only:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        print("gt called")
        return self.v > other.v
print(Only(1) < Only(2))
