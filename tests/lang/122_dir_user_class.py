class Shape:
    sides = 0
    def area(self):
        return 0
    def _private(self):
        pass
class Square(Shape):
    sides = 4
    def __init__(self, n):
        self.n = n
    def area(self):
        return self.n * self.n
    def perimeter(self):
        return 4 * self.n
print([a for a in dir(Square) if not a.startswith("_")])
s = Square(3)
s.label = "sq"
print([a for a in dir(s) if not a.startswith("_")])
print([a for a in dir(Shape) if not a.startswith("_")])
print("__init__" in dir(s), "_private" in dir(s))
print(sorted(s.__dict__))
