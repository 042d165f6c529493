# Plain interpretation, no event loop: recursive fib, loops over lists and
# dicts, classes and method calls, str formatting (f-strings, %, join).


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


def lists():
    xs = [i * 3 % 1001 for i in range(200000)]
    total = 0
    for x in xs:
        if x % 2:
            total += x
        else:
            total -= x // 2
    ys = sorted(xs[:50000])
    evens = [x for x in xs if x % 2 == 0]
    return total + ys[25000] + len(evens)


def dicts():
    d = {}
    for i in range(100000):
        key = "k%d" % (i % 5000)
        d[key] = d.get(key, 0) + i
    counts = {}
    for k, v in d.items():
        counts[v % 7] = counts.get(v % 7, 0) + 1
    total = 0
    for k in sorted(counts):
        total += k * counts[k]
    return total + len(d)


def points():
    pts = [Point(i - 500, 2 * i - 700) for i in range(1000)]
    total = 0
    for _ in range(50):
        for p in pts:
            total += p.norm1()
    return total


def strings():
    parts = []
    for i in range(50000):
        parts.append(f"{i:05d}|{i * 1.5:.2f}|{'x' * (i % 4)}")
        if i % 3 == 0:
            parts.append("%s-%d-%r" % ("n", i, i % 10))
    s = ",".join(parts)
    return len(s), s.count("|"), s[:20]


def main():
    f = fib(25)
    a = lists()
    b = dicts()
    c = points()
    n, bars, head = strings()
    print(f"interp fib={f} lists={a} dicts={b} points={c} "
          f"strings={n}/{bars}/{head}")


main()
