# Frames are sized for the most try/with/handler blocks open at once:
# nested handlers, except* inside except* clauses, with and async with
# inside handlers, async for, comprehensions with several async fors,
# early exits through finally, and generators suspended deep inside.
import asyncio


class CM:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False


class ACM:
    async def __aenter__(self):
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0)
        return exc[0] is KeyError


class AIter:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await asyncio.sleep(0)
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


def nested_handlers():
    try:
        raise ValueError(1)
    except ValueError:
        try:
            raise KeyError(2)
        except KeyError:
            with CM("a"):
                try:
                    raise TypeError(3)
                except TypeError:
                    try:
                        try:
                            raise IndexError(4)
                        finally:
                            print("finally 4")
                    except IndexError as e:
                        print("caught", repr(e))
    return "done"


def star_in_star():
    try:
        raise ExceptionGroup("g1", [ValueError(1), KeyError(2)])
    except* ValueError:
        try:
            raise ExceptionGroup("g2", [TypeError(3), OSError(4)])
        except* TypeError:
            try:
                raise ExceptionGroup("g3", [IndexError(5)])
            except* IndexError:
                with CM("deep"):
                    try:
                        raise RuntimeError(6)
                    except RuntimeError:
                        print("deepest")
        except* OSError:
            print("os")
    except* KeyError:
        print("key")
    return "stars"


def exits_through_finally():
    out = []
    for i in range(3):
        try:
            with CM("loop%d" % i):
                try:
                    if i == 0:
                        continue
                    if i == 1:
                        break
                finally:
                    out.append(i)
        finally:
            out.append(-i)
    try:
        try:
            return out
        finally:
            out.append("f1")
    finally:
        out.append("f2")


def gen():
    with CM("g"):
        try:
            try:
                raise ValueError
            except ValueError:
                try:
                    yield 1
                finally:
                    yield 2
        finally:
            yield 3


async def agen_work():
    total = []
    try:
        raise ValueError
    except ValueError:
        async with ACM():
            async for x in AIter(2):
                try:
                    async with ACM():
                        raise KeyError(x)
                finally:
                    total.append(x)
    total.append([a + b async for a in AIter(2) async for b in AIter(2)])
    total.append([y async for y in AIter(3) if y])
    return total


print(nested_handlers())
print(star_in_star())
print(exits_through_finally())
g = gen()
print(list(g))
print(asyncio.run(agen_work()))
