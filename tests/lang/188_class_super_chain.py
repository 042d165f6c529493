class Base:
    def __init__(self):
        self.trace = ["Base"]
    def hello(self):
        return "Base.hello"
    @classmethod
    def create(cls):
        return cls()
    def __repr__(self):
        return type(self).__name__ + str(self.trace)
class Middle(Base):
    def __init__(self):
        super().__init__()
        self.trace.append("Middle")
    def hello(self):
        return "Middle>" + super().hello()
class Leaf(Middle):
    def __init__(self):
        super().__init__()
        self.trace.append("Leaf")
    def hello(self):
        return "Leaf>" + super().hello()
print(Leaf().hello())
print(Leaf.create(), Middle.create(), Base.create())
print(super(Leaf, Leaf()).hello())
class Explicit(Base):
    def __init__(self):
        Base.__init__(self)
        self.trace.append("Explicit")
print(Explicit())
print(Leaf.__mro__[1].__name__, [k.__name__ for k in Leaf.mro()])
class Str(str):
    def shout(self):
        return self.upper() + "!"
s = Str("hey")
print(s.shout(), s + "x", isinstance(s, str), len(s))
class MyList(list):
    def total(self):
        return sum(self)
m = MyList([1, 2, 3])
m.append(4)
print(m, m.total(), type(m).__name__)
