# enum: Enum, IntEnum, StrEnum, auto, unique, lookups and errors.
# (Iteration over the class itself: 623_enum_class_container.)
from enum import Enum, IntEnum, StrEnum, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self): return f"{self.name} is {self.value}"
    @property
    def hot(self): return self is Color.RED
print(Color.RED, repr(Color.GREEN), Color.RED.name, Color.RED.value, Color(2), Color["BLUE"], Color.CRIMSON is Color.RED)
print(Color.RED.describe(), Color.RED.hot, Color.BLUE.hot, f"{Color.RED}", "%s" % Color.GREEN, [m.name for m in Color.__members__.values()], list(Color.__members__))
print({Color.RED: "r"}[Color.CRIMSON], Color._member_names_)
try: Color(7)
except ValueError as e: print(e)
try: Color["PINK"]
except KeyError as e: print(repr(e))
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE, repr(Num.TWO), Num.ONE + 1, Num.TWO == 2, Num(2), Num.ONE < Num.TWO, f"{Num.TWO}", sorted([Num.TWO, Num.ONE]), int(Num.TWO), isinstance(Num.ONE, int))
class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
print(list(Auto.__members__.values()))
class S(StrEnum):
    X = auto()
    Y = "why"
print(S.X, repr(S.Y), S.X == "x", S.Y.upper(), f"{S.X}")
class State(Enum):
    IDLE = "idle"
    RUNNING = "running"
    @classmethod
    def _missing_(cls, value):
        return cls.IDLE
print(State("zzz"), State("running"))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e: print(e)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.EARTH.value, repr(Planet.MERCURY))
try:
    class More(Color):
        PINK = 4
except TypeError as e: print(e)
import copy
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy([Color.RED])[0] is Color.RED)
print(Color.RED in [Color.RED], Color(Color.RED))
print(Num.ONE * 3, 10 - Num.TWO, -Num.ONE, Num.ONE + Num.TWO, sum([Num.ONE, Num.TWO]), format(Num.TWO, "03d"), [10, 20, 30][Num.TWO], divmod(Num.TWO, 2), Num.TWO / 4, Num.TWO ** 3, abs(Num.ONE))
