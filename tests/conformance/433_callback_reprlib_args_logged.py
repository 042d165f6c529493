import asyncio
import functools


class Sink:
    def push(self, items, *, label):
        raise ValueError(f"{label}: cannot push {len(items)} items")


def explode(data, text, mapping):
    raise KeyError(len(data))


async def main():
    loop = asyncio.get_running_loop()
    big = list(range(40))
    text = "x" * 100
    loop.call_soon(explode, big, text, {"k": [1, 2, 3], "n": None})
    loop.call_soon(functools.partial(Sink().push, big, label="batch"))
    loop.call_later(0.1, functools.partial(explode, (1, 2), "short"), {})
    await asyncio.sleep(0.2)
    print("survived the failing callbacks")


asyncio.run(main())
