# repr of the doubles timers and clocks make (delays, due times, sums of
# small steps), and of doubles next to them and halfway between short
# decimals: the range repr finds with exact integers (about 3e-8 up to
# 1e15), and its edges.
out = []
seed = 12345


def rnd31():
    global seed
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed


def rnd():
    return rnd31() << 22 ^ rnd31()


for i in range(2000):
    out.append(repr((i * 7919 % 1000) / 100000))
    out.append(repr(0.25 + (i * 7919 % 1000) / 100000))
    out.append(repr(i * 0.1))
    out.append(repr(i * 1.1 + 1e-7))
t = 0.0
for i in range(3000):
    t += 0.001
    out.append(repr(t))
for i in range(3000):
    m = rnd() | (1 << 52)
    e = rnd() % 86 - 30 - 52
    out.append(repr(m * 2.0 ** e))
for k in range(-9, 17):
    for v in (1.0, 9.999999999999999, 5.0, 2.5, 1.2345678901234567):
        x = v * 10.0 ** k
        out.append(repr(x))
        out.append(repr(x * (1 + 2 ** -52)))
        out.append(repr(x * (1 - 2 ** -53)))
for i in range(200):
    out.append(repr(100000000000000.0 + i + 0.5))
    out.append(repr(999999999999999.0 - i - 0.5))
    out.append(repr(2.0 ** (i % 80 - 30)))
print(len(out))
for i in range(0, len(out), 8):
    print(" ".join(out[i:i + 8]))
