import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    b = loop.create_future()

    def relay(f):
        print("relay", f.result())
        b.set_result(f.result() + 1)

    a.add_done_callback(relay)
    loop.call_later(0.1, a.set_result, 10)
    print("b =", await b)
    print(f"time {loop.time():.1f}")


asyncio.run(main())
