class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self
p = Point(3, -4)
print(p.x, p.y, p.norm1())
p.move(1, 1).move(1, 1)
print(p.x, p.y)
print(Point.dims, p.dims)
p.dims = 3
print(Point.dims, p.dims)
Point.dims = 5
q = Point(0, 0)
print(q.dims)
print(type(p).__name__, isinstance(p, Point))
m = p.norm1
print(m())
print(Point.norm1(q))
print(Point.__name__)
