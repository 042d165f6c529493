# Found by fuzz_run (a timeout): list() and tuple unpacking over an
# iterator whose __next__ never stops call Python from C, with no
# backward jump in the program; the step budget counts calls too.
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 0
        return self.n + 1
print(list(Countdown(3)))
for x in Countdown(2):
    print("x", x)
c = Countdown(1)
print(next(c), next(c, "end"))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 2
r = Range2(7)
print(list(r), list(r))
print(sum(Range2(10)), max(Range2(5)))
a, b, c = Countdown(3)
print(a, b, c)
print(dict(zip(Range2(6), Countdown(3))))
