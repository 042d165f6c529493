class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        if not isinstance(other, Key):
            return NotImplemented
        return self.k == other.k
    def __hash__(self):
        return hash(self.k)
a, b, c = Key(1), Key(1), Key(2)
print(a == b, a == c, a != c, a is b)
d = {a: "first"}
d[b] = "second"
print(len(d), d[Key(1)])
s = {a, b, c}
print(len(s))
print(a == 1, 1 == a)
class NoHash:
    def __eq__(self, other):
        return True
print(NoHash.__hash__ is None)
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
class Plain:
    pass
p = Plain()
print(p == p, p == Plain(), p != Plain())
print(hash(5) == hash(5), hash("ab") == hash("a" + "b"))
