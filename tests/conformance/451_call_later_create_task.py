import asyncio


async def reminder(text):
    loop = asyncio.get_running_loop()
    print(f"[{loop.time():.1f}] reminder: {text}")
    await asyncio.sleep(0.1)
    return text


async def main():
    loop = asyncio.get_running_loop()
    created = []

    def spawn(text):
        created.append(asyncio.create_task(reminder(text), name=f"remind-{text}"))

    loop.call_later(0.5, spawn, "stretch")
    loop.call_later(0.2, spawn, "drink water")
    loop.call_later(1.0, spawn, "go home")
    await asyncio.sleep(1.5)
    print([t.get_name() for t in created])
    print([t.result() for t in created])


asyncio.run(main())
