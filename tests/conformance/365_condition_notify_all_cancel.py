import asyncio


async def waiter(cond, name, state):
    async with cond:
        try:
            await cond.wait_for(lambda: state["ready"])
            print(f"{name} sees ready, lock held: {cond.locked()}")
        except asyncio.CancelledError:
            print(f"{name} cancelled; lock held again: {cond.locked()}")
            raise


async def main():
    cond = asyncio.Condition()
    state = {"ready": False}
    ws = [asyncio.create_task(waiter(cond, f"w{i}", state)) for i in range(4)]
    await asyncio.sleep(0.1)
    ws[1].cancel()
    async with cond:
        state["ready"] = True
        cond.notify_all()
        print("notified all")
    res = await asyncio.gather(*ws, return_exceptions=True)
    print([type(r).__name__ for r in res])


asyncio.run(main())
