class Counter:
    def __init__(self, start):
        self.n = start
    def inc(self, by=1):
        self.n += by
        return self.n
c = Counter(10)
bound = c.inc
print(bound(), bound(5), c.n)
print(bound.__self__ is c, bound.__func__ is Counter.inc)
unbound = Counter.inc
print(unbound(c, 100))
methods = [Counter(0).inc, Counter(100).inc]
print([m() for m in methods])
class Greeter:
    greeting = "hi"
    def greet(self, name):
        return self.greeting + " " + name
g = Greeter()
g.greet2 = lambda name: "instance lambda " + name
print(g.greet("a"), g.greet2("b"))
Greeter.greet3 = lambda self, name: self.greeting.upper() + " " + name
print(g.greet3("c"))
print(list(map(Greeter().greet, ["x", "y"])))
print(str.upper("abc"), "abc".upper(), list.__len__([1, 2]))
