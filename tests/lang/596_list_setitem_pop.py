# list item assignment and list.pop: the common calls and every way
# they fail (index range, types, keywords), and a subclass's own.
l = [1, 2, 3, 4, 5]
print(l.pop(), l.pop(0), l.pop(-1), l.pop(True), l)
for bad in [(), (1, 2), ("x",), (10,), (1.5,)]:
    m = [1, 2]
    try:
        print(m.pop(*bad), m)
    except Exception as e:
        print(type(e).__name__, e)
try:
    [].pop()
except IndexError as e:
    print(e)
try:
    [1].pop(index=0)
except TypeError as e:
    print(e)
s = [0] * 3
s[1] = 5; s[-1] = 7
print(s)
for k in (3, -4, True, "a", 1.0):
    try:
        s[k] = 9
        print(s)
    except Exception as e:
        print(type(e).__name__, e)
class L(list):
    def __setitem__(self, k, v):
        print("set", k, v)
L([1])[0] = 2
