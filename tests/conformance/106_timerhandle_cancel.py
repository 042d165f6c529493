import asyncio


def ring(n):
    print("ring", n)


async def main():
    loop = asyncio.get_running_loop()
    h1 = loop.call_later(0.1, ring, 1)
    h2 = loop.call_later(0.2, ring, 2)
    h3 = loop.call_later(0.3, ring, 3)
    print("h2 when", h2.when())
    h2.cancel()
    print("h2 cancelled", h2.cancelled(), repr(h2))
    await asyncio.sleep(0.4)
    h1.cancel()
    print("h1 after firing and cancel:", h1.cancelled())
    print("h3 cancelled?", h3.cancelled())


asyncio.run(main())
