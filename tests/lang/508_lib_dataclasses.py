# dataclasses: fields, defaults, generated methods and their errors,
# order/frozen/kw_only/InitVar, inheritance, asdict/astuple/replace.
from dataclasses import dataclass, field, asdict, astuple, fields, replace, FrozenInstanceError, InitVar, KW_ONLY, is_dataclass
import dataclasses
from typing import ClassVar, List

@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
    count: ClassVar[int] = 0

p = Point(1)
print(p, p == Point(1), p == Point(2), Point.y, Point.count)
print(asdict(p), astuple(p), [f.name for f in fields(p)], replace(p, y=9))
print(Point.__init__.__qualname__, Point.__doc__, Point.__match_args__)
try: Point()
except TypeError as e: print(e)
try: Point(1, 2, [], 4)
except TypeError as e: print(e)
try: Point(1, z=3)
except TypeError as e: print(e)
try: Point(1, x=3)
except TypeError as e: print(e)
try: hash(p)
except TypeError as e: print(e)

@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
    def bump(self): return replace(self, minor=self.minor + 1)

v = Version(1, 2)
print(v, v < Version(1, 3), v >= Version(0, 9), hash(v) == hash(Version(1, 2)), sorted([Version(2), Version(1, 5), Version(1)]))
try: v.major = 3
except FrozenInstanceError as e: print(type(e).__name__, e, isinstance(e, AttributeError))
try: del v.major
except FrozenInstanceError as e: print(e)
print(v.bump())
try: Version(1) < Point(1)
except TypeError as e: print(e)

@dataclass
class Inv:
    name: str
    unit_price: float
    quantity: int = 0
    def total(self) -> float: return self.unit_price * self.quantity
    def __post_init__(self):
        self.name = self.name.title()
print(Inv("widget", 2.5, 4), Inv("widget", 2.5, 4).total())

@dataclass
class Base:
    a: int
    b: str = "b"
@dataclass
class Child(Base):
    c: float = 1.0
    a: int = 5
print(Child(), Child(1, "x", 2.0), fields(Child)[0].name)

try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e: print(e)
try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e: print(e)

@dataclass
class WithInit:
    a: int
    scale: InitVar[int] = 2
    def __post_init__(self, scale):
        self.a *= scale
print(WithInit(3), WithInit(3, 10))

@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 2
print(KW(a=1))
try: KW(1)
except TypeError as e: print(e)
try: KW()
except TypeError as e: print(e)

@dataclass
class KW2:
    a: int
    _: KW_ONLY
    b: int
print(KW2(1, b=2))

@dataclass(eq=False)
class NoEq:
    a: int
print(NoEq(1) == NoEq(1), hash(NoEq(1)) is not None)

@dataclass
class Nested:
    p: Point
    items: List[Point] = field(default_factory=list)
n = Nested(Point(1, 2), [Point(3)])
print(asdict(n))
print(is_dataclass(n), is_dataclass(Nested), is_dataclass(1))
try: asdict(1)
except TypeError as e: print(e)
try: fields(1)
except TypeError as e: print(e)
try: replace(1)
except TypeError as e: print(e)
print(field(default=1).default, repr(fields(Point)[0])[:40])

@dataclass(unsafe_hash=True)
class H:
    a: int
print(hash(H(1)) == hash((1,)))

@dataclass
class R:
    name: str
    r: "R" = None
r = R("a"); r.r = r
print(r)
@dataclass
class Empty: pass
print(Empty(), Empty() == Empty())
import copy
a = Nested(Point(1), [Point(2, 3, ["t"])])
b = copy.deepcopy(a)
b.items[0].tags.append("u")
print(a, b, copy.copy(a).p is a.p)
from collections import defaultdict, Counter, OrderedDict, namedtuple
d = defaultdict(list, {1: [2]}); e = copy.deepcopy(d); e[1].append(3); e[5]
print(d, e, copy.copy(Counter("aab")), copy.deepcopy(OrderedDict(a=[1])))
NT = namedtuple("NT", "a b")
print(copy.deepcopy(NT([1], 2)), copy.copy(NT(1, 2)), copy.deepcopy({"k": (1, [2])}))
print(KW.__doc__, KW2.__doc__, WithInit.__doc__, Nested.__doc__, R.__doc__, Empty.__doc__, Base.__doc__)
