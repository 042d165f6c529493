import asyncio
import functools


def on_done(label, fut):
    if fut.cancelled():
        print(f"{label}: cancelled")
    elif fut.exception() is not None:
        print(f"{label}: failed with {fut.exception()!r}")
    else:
        print(f"{label}: result {fut.result()!r}")


async def main():
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(3)]
    for i, f in enumerate(futs):
        f.add_done_callback(functools.partial(on_done, f"fut{i}"))
    extra = functools.partial(on_done, "extra")
    futs[0].add_done_callback(extra)
    print("removed:", futs[0].remove_done_callback(extra))
    loop.call_later(0.1, futs[0].set_result, 10)
    loop.call_later(0.2, futs[1].set_exception, ValueError("nope"))
    loop.call_later(0.3, futs[2].cancel)
    await asyncio.sleep(0.5)
    late = loop.create_future()
    late.set_result("already done")
    late.add_done_callback(functools.partial(on_done, "late"))
    await asyncio.sleep(0)


asyncio.run(main())
