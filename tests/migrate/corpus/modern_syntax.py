# runnable
"""Real-world Python: dataclasses, type hints, match, walrus, async for/with."""
from __future__ import annotations

import asyncio
import contextlib
import functools
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Awaitable, Callable


@dataclass(frozen=True)
class Event:
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)


async def handle_click(event: Event) -> str:
    await asyncio.sleep(0)
    return f"click@{event.payload.get('x', 0)}"


async def handle_key(event: Event) -> str:
    return f"key:{event.payload['key']!r}"


def retry(times: int) -> Callable[[Callable[..., Awaitable[str]]], Callable[..., Awaitable[str]]]:
    def deco(fn):
        @functools.wraps(fn)
        async def inner(*args, **kwargs):
            for _ in range(times - 1):
                with contextlib.suppress(ValueError):
                    return await fn(*args, **kwargs)
            return await fn(*args, **kwargs)
        return inner
    return deco


@retry(times=2)
async def flaky(n: int) -> str:
    return f"flaky {n}"


async def events() -> AsyncIterator[Event]:
    for e in (Event("click", {"x": 3}), Event("key", {"key": "q"}), Event("quit")):
        yield e


@contextlib.asynccontextmanager
async def session(name: str):
    print("open", name)
    try:
        yield name
    finally:
        print("close", name)


async def dispatch() -> list[str]:
    results: list[asyncio.Task[str]] = []
    async with session("s1") as s:
        async for ev in events():
            match ev:
                case Event(kind="click"):
                    results.append(asyncio.ensure_future(handle_click(ev)))
                case Event(kind="key", payload={"key": k}) if k.isalpha():
                    results.append(asyncio.ensure_future(handle_key(ev)))
                case Event(kind="quit"):
                    break
                case _:
                    pass
    if (n := len(results)) > 1:
        results.append(asyncio.ensure_future(flaky(n)))    # decorated by retry
    lazy = lambda: asyncio.ensure_future(handle_key(Event("key", {"key": "z"})))
    results.append(lazy())
    return [await r for r in results]


async def main() -> None:
    match await asyncio.ensure_future(dispatch()):
        case [first, *rest]:
            print(first, rest)
        case []:
            print("nothing")


asyncio.run(main())
