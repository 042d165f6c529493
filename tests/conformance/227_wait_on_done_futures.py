import asyncio


async def ticker():
    for i in range(4):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(1)
    t = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    print("waiting on a done future")
    done, pending = await asyncio.wait([f])
    print("wait returned", len(done), len(pending))
    await t


asyncio.run(main())
