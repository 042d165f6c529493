s = list(range(10))
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[::-3])
print(s[8:2:-2], s[-1:-4:-1], s[5:5], s[7:3])
print(s[-100:3], s[8:100], s[100:])
t = "abcdefgh"
print(t[1:4], t[::-1], t[::3], t[-2:], t[:-6:-1])
tup = (0, 1, 2, 3, 4)
print(tup[1:3], tup[::-2], type(tup[1:2]).__name__)
r = range(0, 20, 3)
print(r[2:5], list(r[::-1]), r[-1])
print(s[slice(1, 4)], s[slice(None, None, -4)])
sl = slice(1, 9, 3)
print(sl.start, sl.stop, sl.step, s[sl])
u = s[:]
u[2:8] = []
print(u)
u[1:1] = ["x", "y"]
print(u)
