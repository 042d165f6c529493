class Counter:
    instances = 0
    shared = []
    def __init__(self):
        Counter.instances += 1
        self.shared.append(Counter.instances)
a = Counter()
b = Counter()
print(Counter.instances, a.instances, b.shared)
class Config:
    debug = False
    level = 1
    def show(self):
        return (self.debug, self.level)
c = Config()
c.level = 9
print(c.show(), Config.level)
del c.level
print(c.show())
print("level" in Config.__dict__, "level" in c.__dict__)
class Sub(Config):
    debug = True
print(Sub().show())
class WithStatic:
    @staticmethod
    def s(x):
        return x * 2
    @classmethod
    def c(cls, x):
        return cls.__name__ + ":" + str(x)
print(WithStatic.s(4), WithStatic().s(5), WithStatic.c(1), WithStatic().c(2))
class Child(WithStatic):
    pass
print(Child.c(3))
