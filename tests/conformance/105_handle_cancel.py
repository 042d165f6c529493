import asyncio


def say(word):
    print("say", word)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(say, "one")
    h2 = loop.call_soon(say, "two")
    loop.call_soon(say, "three")
    print("h2 cancelled?", h2.cancelled())
    h2.cancel()
    h2.cancel()
    print("h2 cancelled?", h2.cancelled())
    print(repr(h2))
    await asyncio.sleep(0)
    print("after the callbacks")


asyncio.run(main())
