import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = asyncio.Future()
    print("f1 loop ok", f1.get_loop() is loop)
    print("f2 loop ok", f2.get_loop() is loop)
    print("types", type(f1).__name__, type(f2).__name__)
    loop.call_later(0.1, f2.set_result, "second")
    loop.call_soon(f1.set_result, "first")
    print(await f1, await f2)


asyncio.run(main())
