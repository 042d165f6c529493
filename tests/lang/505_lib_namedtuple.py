# collections.namedtuple and typing.NamedTuple.
from collections import namedtuple
from typing import NamedTuple

Point = namedtuple("Point", "x y")
p = Point(3, 4)
print(p, p.x, p[1], p == (3, 4), len(p), tuple(p), isinstance(p, tuple))
x, y = p
print(x * y, Point._fields, Point.__doc__, Point._make([5, 6]))
print(p._asdict(), p._replace(y=40), Point(y=2, x=1), hash(p) == hash((3, 4)))
Color = namedtuple("Color", ["red", "green", "blue"], defaults=[0])
print(Color(255, 128), Color._field_defaults, sorted([Point(2, 1), Point(1, 5)]))
print(namedtuple("Renamed", "ok def ok _x", rename=True)._fields)
for args, kwargs in [((1,), {}), ((1, 2, 3), {}), ((1,), {"x": 2}),
                     ((1, 2), {"z": 0}), ((), {})]:
    try:
        Point(*args, **kwargs)
    except TypeError as e:
        print(e)
try:
    p._replace(z=1)
except ValueError as e:
    print(e)
try:
    p.x = 10
except AttributeError as e:
    print(e)
for bad in ("1x y", "x class", "x x", "x _y"):
    try:
        namedtuple("Bad", bad)
    except ValueError as e:
        print(e)


class Employee(NamedTuple):
    """An employee record."""
    name: str
    dept: str
    salary: int = 1000

    def raise_salary(self, pct):
        return self._replace(salary=self.salary * (100 + pct) // 100)


e = Employee("ann", "ops")
print(e, e.salary, e.raise_salary(10), Employee._fields, Employee.__doc__)
print(Employee.__annotations__, Employee._field_defaults)
print(sorted([Employee("bob", "dev", 900), e], key=lambda r: r.salary))
try:
    Employee("solo")
except TypeError as err:
    print(err)
Pair = NamedTuple("Pair", [("left", int), ("right", int)])
print(Pair(1, 2), Pair._fields)
