class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return self.x * self.x + self.y * self.y
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self
    def __repr__(self):
        return "Vec(" + str(self.x) + ", " + str(self.y) + ")"
a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, b - a, a * 3, 2 * a, -a, abs(b))
alias = a
a += b
print(a, alias, a is alias)
class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return "radd with " + repr(o)
print(5 + Num(1))
