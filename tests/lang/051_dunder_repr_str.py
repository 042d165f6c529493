class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "V(" + repr(self.x) + ", " + repr(self.y) + ")"
    def __str__(self):
        return "<" + str(self.x) + "," + str(self.y) + ">"
v = V(1, "a")
print(v)
print(repr(v))
print(str(v))
print([v, v])
print(f"{v} {v!r}")
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"
o = OnlyRepr()
print(o, str(o), [o])
print("{}".format(o))
