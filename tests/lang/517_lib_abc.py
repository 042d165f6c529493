# abc: ABC and abstractmethod refuse to instantiate incomplete classes.
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self): return f"{type(self).__name__} with area {self.area()}"
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
class Half(Shape):
    def area(self): return 1
for cls in (Shape, Half):
    try: cls()
    except TypeError as e: print(e)
print(Sq(3).describe(), isinstance(Sq(2), Shape), sorted(Shape.__abstractmethods__), Sq.__abstractmethods__)
print(Shape.area.__isabstractmethod__)
class P(ABC):
    @property
    @abstractmethod
    def name(self): ...
try: P()
except TypeError as e: print(e)
from abc import ABCMeta
class Old(metaclass=ABCMeta):
    @abstractmethod
    def run(self): ...
try: Old()
except TypeError as e: print(e)
class Impl(Old):
    def run(self): return "ran"
print(Impl().run())
class Plain(ABC): pass
try: Plain(1)
except TypeError as e: print(e)
print(type(Plain()).__name__)
class WithInit(ABC):
    def __init__(self, x): self.x = x
print(WithInit(5).x)
import asyncio


class Source(ABC):
    @abstractmethod
    async def read(self): ...

    async def read_all(self, n):
        return await asyncio.gather(*(self.read() for _ in range(n)))


class Counter(Source):
    def __init__(self):
        self.n = 0

    async def read(self):
        self.n += 1
        await asyncio.sleep(0.01 * self.n)
        return self.n


try:
    Source()
except TypeError as e:
    print(e)
print(asyncio.run(Counter().read_all(3)))
