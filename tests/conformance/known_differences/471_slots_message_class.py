import asyncio


class Message:
    __slots__ = ("topic", "body")

    def __init__(self, topic, body):
        self.topic = topic
        self.body = body


async def publish(q, msgs):
    for m in msgs:
        await q.put(m)
        await asyncio.sleep(0.01)


async def main():
    q = asyncio.Queue()
    await publish(q, [Message("a", 1), Message("b", 2)])
    while not q.empty():
        m = await q.get()
        print(m.topic, m.body)
    m = Message("c", 3)
    try:
        m.priority = 5
    except AttributeError as e:
        print("AttributeError:", e)
    print(hasattr(m, "__dict__"))


asyncio.run(main())
