# collections.deque: methods, reprs, error messages, iterators that see
# changes, maxlen trimming, subclasses (a __dict__, copies by their class).
from collections import deque
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
d = deque([1,2,3])
for op in ["reverse", "rotate", "clear", "__setitem__", "copy", "extend0"]:
    d = deque([1,2,3]); it = iter(d); next(it)
    if op == "__setitem__": d[0] = 5
    elif op == "extend0": d.extend([])
    else: getattr(d, op)()
    t(lambda: ("after", op, next(it)))
t(lambda: deque([1]).remove(5))
t(lambda: deque([1]).index(5))
t(lambda: deque([1])["a"])
t(lambda: deque([1])[1:2])
t(lambda: deque([1])[5])
t(lambda: deque([1], maxlen=-1))
t(lambda: deque([1], maxlen="a"))
t(lambda: deque([1], maxlen=2.0))
t(lambda: deque(5))
t(lambda: deque([1]) + [2])
t(lambda: deque([1]) * "a")
t(lambda: deque([1], 1).insert(0, 5))
t(lambda: deque().pop())
t(lambda: deque().popleft())
t(lambda: hash(deque()))
t(lambda: deque.__module__)
t(lambda: type(iter(deque())))
t(lambda: type(reversed(deque())))
t(lambda: deque([1,2], 3) * 2)
t(lambda: 2 * deque([1,2]))
t(lambda: deque([1,2,3]).rotate("a"))
t(lambda: deque([1,2,3], maxlen=2))
t(lambda: deque(maxlen=2, iterable=[1,2,3]))
t(lambda: deque([1], 2, 3))
t(lambda: deque([1], foo=2))
t(lambda: deque([1]) == [1])
t(lambda: deque([1]) < deque([1, 2]))
t(lambda: deque([1]) < [1, 2])
d = deque(); d.append(d); t(lambda: repr(d))
t(lambda: deque([1]).maxlen)
def setm(): d = deque(); d.maxlen = 3
t(setm)
def seta(): d = deque(); d.x = 3
t(seta)
t(lambda: bool(deque()))
t(lambda: bool(deque([0])))
t(lambda: len(deque([0, 1])))
t(lambda: deque([1,2,3]).index(3, -1))
t(lambda: deque([1,2,3]).index(1, 1))
t(lambda: deque([1,2,3]).index(1, 0, 0))
x = deque([1,2,3]); x.insert(-10, 0); x.insert(10, 9); x.insert(2, 'm'); t(lambda: x)
x = deque([1,2,3]); del x[1]; t(lambda: x)
x = deque([1,2,3]); x.rotate(-1); t(lambda: x)
x = deque([1,2,3]); x.rotate(4); t(lambda: x)
x = deque([1,2,3]); x.extendleft([7,8]); t(lambda: x)
x = deque([1,2,3], 3); x.extendleft([7,8]); t(lambda: x)
x = deque([1,2,3], 3); x.appendleft(0); t(lambda: x)
x = deque([1,2,3], 3); x += [4]; t(lambda: x)
x = deque([1,2,3], 4); x *= 2; t(lambda: x)
x = deque([1,2,3], 4); x *= 10**12; t(lambda: x)
x = deque([1,2]); x *= 0; t(lambda: x)
x = deque([1,2]); x.extend(x); t(lambda: x)
t(lambda: deque.append(5, 1))
t(lambda: deque([1]).count())
t(lambda: deque([1, 1.0, True]).count(1))
t(lambda: list(reversed(deque(range(10)))))
t(lambda: [x * 2 for x in deque(range(20))])
t(lambda: 3 in deque([1, 2, 3]))
t(lambda: deque('abc') == deque('abc'))
t(lambda: deque('abc') != deque('abd'))
t(lambda: deque('abc') >= deque('abd'))
t(lambda: deque([1,2]) + deque([3]))
t(lambda: deque([1,2]).copy())
import copy
t(lambda: copy.copy(deque([1,2], 5)))
class D(deque):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.tag = "D"
d = D([1, 2], 4); t(lambda: (d, d.tag, d.copy(), type(d.copy()).__name__, d + D([3]), d.__dict__))
x = deque(); 
for i in range(1000): x.append(i); x.appendleft(-i)
for i in range(500): x.pop(); x.popleft()
t(lambda: (len(x), x[0], x[-1], sum(x)))
x = deque(range(10)); del x[2]; del x[-2]; x.remove(5); t(lambda: x)
it = iter(deque([1])); t(lambda: next(it)); t(lambda: next(it))
d = deque([1, 2]); it = iter(d); t(lambda: list(it)); d.append(3); t(lambda: next(it))
t(lambda: deque(range(5), 3).maxlen)
t(lambda: repr(D()))
class E(deque): pass
t(lambda: E([1,2], 1))
t(lambda: deque([[1]]) == deque([[1]]))
t(lambda: deque.__name__)
t(lambda: deque([1]).index())
t(lambda: deque([1]).pop(1))
t(lambda: deque([1]).append())
t(lambda: isinstance(deque(), deque))
from collections import deque
class E:
    def __init__(s, d): s.d = d
    def __eq__(s, o):
        s.d.append(1)
        return False
d = deque([1, 2])
for m in ("remove", "index", "count", "__contains__"):
    try:
        getattr(d, m)(E(d))
    except Exception as e:
        print(m, type(e).__name__, e, list(d))
