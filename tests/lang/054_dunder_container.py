class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __contains__(self, x):
        print("contains", x)
        return x in self.items
b = Bag(3, 1, 4)
print(len(b), b[0], b[-1], b[0:2])
b[1] = 10
del b[0]
print(b.items)
print(4 in b, 5 in b)
for x in b:
    print("iter via getitem", x)
print(list(b), sorted(b))
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), not Empty())
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
print(list(Seq()), 4 in Seq())
