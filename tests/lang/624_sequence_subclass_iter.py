# list(), tuple(), extend() and join() take a list or tuple subclass's
# own __iter__, as CPython's exact-type fast paths leave it to them.
class L(list):
    def __iter__(self):
        return iter(["overridden"])
l = L([1, 2])
print(list(l), tuple(l), [*l], sorted(l), set(l), sum(1 for _ in l))
m = []
m.extend(l)
print(m, list(map(str, l)), "".join(L(["a"])), dict.fromkeys(l))
class T(tuple):
    def __iter__(self):
        return iter("xy")
t = T((1, 2, 3))
print(list(t), tuple(t), len(t), t[0], list(L([5])) + [9], max(l), min(t), any(l), " ".join(T(("a",))))
q = [1]
q.extend(q)
print(q, list(L()), tuple(L([1])))
