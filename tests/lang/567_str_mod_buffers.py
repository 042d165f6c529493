# str % args: plain %d / %i / %u of ints of every sign and size, bools
# and int subclasses (which take the general path), flags and widths next
# to plain conversions, and results short and long, so that the output
# buffer starts small and grows across conversions.


class MyInt(int):
    def __repr__(self):
        return "MyInt!"

    def __str__(self):
        return "MyInt-str"


vals = [0, 1, -1, 7, -7, 10, 99, 100, -100, 2 ** 31, -2 ** 31, 2 ** 62,
        9223372036854775807, -9223372036854775807 - 1, True, False,
        MyInt(5), MyInt(-12)]
for v in vals:
    print("%d|%i|%u" % (v, v, v), "[%5d]" % v, "[%-5d]" % v, "[%05d]" % v,
          "[%+d]" % v, "[% d]" % v, "[%.3d]" % v, "%x" % v, "%s" % v,
          "%r" % v)
print("k%d" % 4999, "%d%d%d" % (1, 22, 333), "%d%%" % 50, "a%db%dc" % (-1, -2))
long = "%d" * 60 % tuple(range(60))
print(len(long), long)
wide = "x" * 200 + "%d" % 12345 + "y" * 100
print(len(wide), wide[195:210])
many = " ".join("%d:%s" % (i, "z" * (i % 7)) for i in range(300))
print(len(many), many[:60], many[-40:])
parts = []
for i in range(2000):
    parts.append("k%d" % (i % 500))
print(len(parts), parts[0], parts[777], parts[-1], len(set(parts)))
print("%(a)d-%(b)d" % {"a": 1, "b": -2}, "%*d|" % (6, 42), "%-*d|" % (6, 42))
for bad in ("x", 1.5, None, [1]):
    try:
        print("%d" % bad)
    except TypeError as e:
        print("TypeError:", e)
print("%d" % 3.99, "%i" % -2.5)
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % (1, 2))
except TypeError as e:
    print("TypeError:", e)
