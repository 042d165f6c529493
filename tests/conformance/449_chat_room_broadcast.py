import asyncio


class Room:
    def __init__(self):
        self.members = {}

    def join(self, name):
        q = asyncio.Queue()
        self.members[name] = q
        return q

    def leave(self, name):
        del self.members[name]

    async def say(self, sender, text):
        for name, q in sorted(self.members.items()):
            if name != sender:
                await q.put(f"{sender}: {text}")


async def member(room, name, lines, inbox_size):
    inbox = room.join(name)
    for line in lines:
        await asyncio.sleep(0.1)
        await room.say(name, line)
    received = [await inbox.get() for _ in range(inbox_size)]
    room.leave(name)
    return name, received


async def main():
    room = Room()
    results = await asyncio.gather(
        member(room, "ann", ["hi", "bye"], 2),
        member(room, "bob", ["hello"], 3),
        member(room, "cyd", ["yo"], 3),
    )
    for name, received in results:
        print(name, received)
    print("members left:", room.members)


asyncio.run(main())
