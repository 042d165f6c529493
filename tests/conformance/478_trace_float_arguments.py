# Callback lines with float arguments of every form a repr takes, and
# timers whose due times lead their lines: each shape seen several times,
# so that looplab records the later ones from their numbers alone (short
# and 17-digit fractions, integral floats, exponents, signs, inf and nan
# are formatted as text instead).
import asyncio

floats = [0.5, 1.0, 0.1 + 0.2, 123.456, 1e-05, 2.5e-07, 1e16, 1.5e300,
          -2.5, -0.0, 0.0, float("inf"), float("-inf"), float("nan"),
          100000000000000.5, 12345678901234.56, 0.001, 7.0]


async def main():
    loop = asyncio.get_running_loop()
    seen = []

    def got(*args):
        seen.append(args)

    for rnd in range(3):
        for x in floats:
            loop.call_soon(got, x)
            loop.call_soon(got, rnd, x)
            loop.call_soon(got, x, x * 2, rnd)
        await asyncio.sleep(0)
    for i in range(20):
        loop.call_later(i / 1000, got, i, i / 7)
        loop.call_later(i / 1000, got, i / 3)
    loop.call_at(loop.time() + 0.5, got, 0.25)
    loop.call_at(loop.time() + 1e-7, got, 1)
    fut = loop.create_future()
    loop.call_later(0.03, fut.set_result, 2.75)
    print(await fut)
    await asyncio.sleep(0.6)
    print(len(seen), seen[0], seen[-1])


asyncio.run(main())
