# Enum classes behave as containers through their metaclass, EnumType:
# iteration (aliases skipped), len, in, [name], reversed, repr; a str
# mixin's members are members (its __init_subclass__ comes from Enum).
from enum import Enum, IntEnum, auto, unique, EnumMeta, EnumType
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
for c in Color:
    print(c, repr(c), c.name, c.value)
print(len(Color), Color.RED in Color, list(reversed(Color)), Color["GREEN"], Color(3))
print(Color, type(Color), type(Color) is EnumMeta, isinstance(Color, EnumType), bool(Color))
print(list(Color.__members__), Color.CRIMSON is Color.RED)
class P(IntEnum):
    LOW = auto()
    HIGH = auto()
print(list(P), P.HIGH + 1, P.LOW < P.HIGH, sorted(P, reverse=True), len(P), P(2))
class Status(str, Enum):
    ACTIVE = "active"
    DONE = "done"
print(Status.ACTIVE, repr(Status.ACTIVE), Status.ACTIVE.value, Status("done"), Status.DONE == "done", [s.value for s in Status])
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError:", e)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
class Shape(Enum):
    SQUARE = 2
    def describe(self):
        return f"{self.name} has {self.value}"
    @classmethod
    def default(cls):
        return cls.SQUARE
print(Shape.SQUARE.describe(), Shape.default(), {s: s.value for s in Shape})
class Empty(Enum):
    pass
print(len(Empty), list(Empty))
