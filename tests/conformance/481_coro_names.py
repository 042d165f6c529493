# The names the trace gives coroutines and awaitables (ensure_future's
# and create_task's lines, a task's line): __qualname__ when it is a
# str, a str subclass included, else the type's name, also when the type
# was renamed, and a coroutine's __qualname__ set by the program.
import asyncio


class Coroish:
    # A coroutine by duck typing, with its own __qualname__.
    def __init__(self, value, qualname):
        self.value = value
        if qualname is not None:
            self.__qualname__ = qualname

    def send(self, v):
        raise StopIteration(self.value)

    def throw(self, *a):
        raise StopIteration(self.value)

    def close(self):
        pass

    def __await__(self):
        return self


class Label(str):
    pass


class Renamed(Coroish):
    pass


Renamed.__name__ = 'NewName'


async def plain():
    return 'plain'


async def main():
    items = [Coroish(1, 'given.name'), Coroish(2, 42), Coroish(3, None),
             Coroish(4, Label('sub.label')), Renamed(5, None)]
    for it in items:
        f = asyncio.ensure_future(it)
        print(type(f).__name__, await f)
    for it in [Coroish(6, 'task.name'), Renamed(7, 7)]:
        t = asyncio.create_task(it)
        print(t.get_name(), await t)
    co = plain()
    co.__qualname__ = 'renamed.plain'
    print(await asyncio.create_task(co))


asyncio.run(main())
