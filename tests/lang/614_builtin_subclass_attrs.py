# Classes on int, float, str, tuple, list, dict, set and frozenset: their
# instances take attributes (a __dict__ made when first set), inherit the
# built-in arithmetic and formatting, and keep them through a collection.
class I(int): pass
i = I(3)
class F(float): pass
f = F(2.5)
class S(str): pass
s = S('ab')
class L(list): pass
l = L([1, 2])
class T(tuple): pass
t = T((1, 2))
def probe(name, fn):
    try:
        print(name, '->', fn())
    except Exception as e:
        print(name, '!!', type(e).__name__, e)
probe('i + 1', lambda: i + 1)
probe('1 + i', lambda: 1 + i)
probe('i * 2', lambda: i * 2)
probe('i - 1', lambda: i - 1)
probe('i // 2', lambda: i // 2)
probe('i % 2', lambda: i % 2)
probe('i ** 2', lambda: i ** 2)
probe('-i', lambda: -i)
probe('i == 3', lambda: i == 3)
probe('i < 4', lambda: i < 4)
probe('hash(i) == hash(3)', lambda: hash(i) == hash(3))
probe('str(i)', lambda: str(i))
probe('repr(i)', lambda: repr(i))
probe("f'{i:5}'", lambda: f'{i:5}')
probe('abs(i)', lambda: abs(i))
probe('i & 1', lambda: i & 1)
probe('i << 1', lambda: i << 1)
probe('int(i)', lambda: int(i))
probe('float(i)', lambda: float(i))
probe('[0,1,2,3][i]', lambda: [0,1,2,3][i])
probe('range(i)', lambda: range(i))
probe('bool(i)', lambda: bool(i))
probe('i / 2', lambda: i / 2)
probe('round(i)', lambda: round(i))
probe('divmod(i, 2)', lambda: divmod(i, 2))
probe('type(i + 1)', lambda: type(i + 1))
probe('i + i', lambda: i + i)
probe('i > i', lambda: i > i)
probe('max(i, 2)', lambda: max(i, 2))
probe('{i: 1}[3]', lambda: {i: 1}[3])
probe("'%d' % i", lambda: '%d' % i)
probe('str(i).zfill(3)', lambda: str(i).zfill(3))
probe('f + 1', lambda: f + 1)
probe('1 + f', lambda: 1 + f)
probe('f * 2', lambda: f * 2)
probe('f == 2.5', lambda: f == 2.5)
probe('str(f)', lambda: str(f))
probe('repr(f)', lambda: repr(f))
probe('int(f)', lambda: int(f))
probe('f > 1', lambda: f > 1)
probe('-f', lambda: -f)
probe('type(f)', lambda: type(f))
probe('round(f)', lambda: round(f))
probe("f'{f:.2f}'", lambda: f'{f:.2f}')
probe('f.is_integer()', lambda: f.is_integer())
probe('f + f', lambda: f + f)
probe('f / 2', lambda: f / 2)
probe('abs(f)', lambda: abs(f))
probe('hash(f) == hash(2.5)', lambda: hash(f) == hash(2.5))
probe("s + 'b'", lambda: s + 'b')
probe("'b' + s", lambda: 'b' + s)
probe('s * 2', lambda: s * 2)
probe('s.upper()', lambda: s.upper())
probe('type(s.upper())', lambda: type(s.upper()))
probe('len(s)', lambda: len(s))
probe("s == 'ab'", lambda: s == 'ab')
probe("{s: 1}['ab']", lambda: {s: 1}['ab'])
probe('s[0]', lambda: s[0])
probe("f'{s}'", lambda: f'{s}')
probe('str(s)', lambda: str(s))
probe('type(str(s))', lambda: type(str(s)))
probe('repr(s)', lambda: repr(s))
probe("'x' in s", lambda: 'x' in s)
probe("s.split('a')", lambda: s.split('a'))
probe("hash(s) == hash('ab')", lambda: hash(s) == hash('ab'))
probe("s < 'b'", lambda: s < 'b')
probe('l + [3]', lambda: l + [3])
probe('type(l + [3])', lambda: type(l + [3]))
probe('l * 2', lambda: l * 2)
probe('len(l)', lambda: len(l))
probe('l[0]', lambda: l[0])
probe('l[:1]', lambda: l[:1])
probe('type(l[:1])', lambda: type(l[:1]))
probe('l == [1, 2]', lambda: l == [1, 2])
probe('repr(l)', lambda: repr(l))
probe('list(l)', lambda: list(l))
probe('sorted(l)', lambda: sorted(l))
probe('3 in l', lambda: 3 in l)
probe('t + (3,)', lambda: t + (3,))
probe('type(t + (3,))', lambda: type(t + (3,)))
probe('len(t)', lambda: len(t))
probe('t[0]', lambda: t[0])
probe('t == (1, 2)', lambda: t == (1, 2))
probe('hash(t) == hash((1, 2))', lambda: hash(t) == hash((1, 2)))
probe('repr(t)', lambda: repr(t))
probe('t[:1]', lambda: t[:1])
probe('type(t[:1])', lambda: type(t[:1]))
i.a = 1; f.a = 2; s.a = 3; l.a = 4; t.a = 5
print(i.__dict__, f.__dict__, s.__dict__, l.__dict__, t.__dict__)
print(I(3).__dict__, vars(l))
class D(dict): pass
d = D(a=1); d.x = 2; print(d, d.x, d.__dict__)
class St(set): pass
st = St([1]); st.x = 2; print(st, st.x)
class FS(frozenset): pass
fs = FS([1]); fs.x = 2; print(fs, fs.x)
class P:
    pass
try:
    (3).x = 1
except AttributeError as e:
    print(e)
try:
    [].x = 1
except AttributeError as e:
    print(e)
try:
    'a'.x = 1
except AttributeError as e:
    print(e)
class L2(L):
    def __init__(self, *a):
        super().__init__(*a)
        self.tag = 'L2'
x = L2([5]); print(x, x.tag, x.__dict__)
import gc
big = [T(range(100)) for _ in range(50)]
for k, b in enumerate(big): b.k = k
gc.collect()
print(sum(b.k for b in big), len(big[3]))
