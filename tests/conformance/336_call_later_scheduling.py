import asyncio


def report(loop, label, events):
    events.append((round(loop.time(), 3), label))
    print(f"{label} at {loop.time():.2f}")


async def main():
    loop = asyncio.get_running_loop()
    events = []
    h1 = loop.call_later(0.3, report, loop, "third", events)
    loop.call_later(0.1, report, loop, "first", events)
    h2 = loop.call_later(0.2, report, loop, "cancelled", events)
    loop.call_at(loop.time() + 0.25, report, loop, "at 0.25", events)
    loop.call_soon(report, loop, "soon", events)
    h2.cancel()
    print("h1 when:", f"{h1.when():.2f}", "cancelled:", h1.cancelled(), h2.cancelled())
    await asyncio.sleep(0.5)
    print(events)


asyncio.run(main())
