import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        loop.close()
    except RuntimeError as e:
        print("RuntimeError:", e)
    loop.call_later(0.5, loop.stop)
    print("waiting; the loop will be stopped under us")
    await asyncio.sleep(1)


try:
    asyncio.run(main())
except RuntimeError as e:
    print("asyncio.run raised RuntimeError:", e)
