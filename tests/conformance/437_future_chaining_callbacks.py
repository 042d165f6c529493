import asyncio


def chain(src, dst, transform):
    def _cb(f):
        if f.cancelled():
            dst.cancel()
        elif f.exception() is not None:
            dst.set_exception(f.exception())
        else:
            dst.set_result(transform(f.result()))
    src.add_done_callback(_cb)
    return dst


async def main():
    loop = asyncio.get_running_loop()
    raw = loop.create_future()
    parsed = chain(raw, loop.create_future(), int)
    doubled = chain(parsed, loop.create_future(), lambda x: x * 2)
    loop.call_later(0.1, raw.set_result, "21")
    print("doubled:", await doubled)

    raw2 = loop.create_future()
    end = chain(chain(raw2, loop.create_future(), int), loop.create_future(), str)
    raw2.set_result("not a number")
    try:
        await end
    except ValueError as e:
        print("error flowed through:", e)

    raw3 = loop.create_future()
    end3 = chain(raw3, loop.create_future(), str)
    raw3.cancel()
    await asyncio.sleep(0)
    print("cancelled flowed through:", end3.cancelled())


asyncio.run(main())
