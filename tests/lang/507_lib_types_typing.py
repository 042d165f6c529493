# types.SimpleNamespace and the typing names used in annotations.
import types
import typing
from types import SimpleNamespace
from typing import (Any, Awaitable, Callable, Coroutine, AsyncIterator,
                    Dict, Generic, List, Optional, Protocol, Tuple, TypeVar,
                    TypedDict, Union, NewType, Literal, cast, ClassVar)

ns = SimpleNamespace(host="localhost", port=8080)
print(ns, ns.port, ns == SimpleNamespace(host="localhost", port=8080))
ns.debug = True
del ns.host
print(ns, vars(ns), ns != SimpleNamespace())
print(SimpleNamespace(), SimpleNamespace(nested=SimpleNamespace(a=[1])))
try:
    SimpleNamespace(1, 2)
except TypeError as e:
    print(e)
try:
    hash(ns)
except TypeError as e:
    print(e)


class Settings(SimpleNamespace):
    pass


print(Settings(level=3), types.NoneType, types.FunctionType)

print(Optional[int], Union[int, str], Union[str, None], Union[int, int])
print(List[int], Dict[str, List[int]], Tuple[int, ...], Literal["r", "w"])
print(Callable[[int, str], bool], Callable[..., Any], Awaitable[int])
print(Coroutine[Any, Any, str], AsyncIterator[str], List, Any)
print(typing.get_origin(List[int]), typing.get_args(Dict[str, int]))
T = TypeVar("T")
K = TypeVar("K", bound=str, covariant=True)
print(T, K, T.__name__, cast(int, "not checked"))
UserId = NewType("UserId", int)
print(UserId(42), UserId.__name__)


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


class Closer(Protocol):
    def close(self) -> None: ...


b: Box[int] = Box[int](5)
print(b.get(), type(b).__name__, isinstance(b, Box))


class Movie(TypedDict):
    title: str
    year: int


m = Movie(title="Up", year=2009)
print(m, type(m).__name__, Movie.__annotations__)


class Job:
    registry: ClassVar[Dict[str, "Job"]] = {}
    name: str
    retries: Optional[int] = None


print(Job.__annotations__["retries"], Job.registry)


async def run(f: Callable[[], Awaitable[int]]) -> Optional[int]:
    return await f()


print(run.__annotations__)
