import asyncio


class Server:
    def __init__(self, loop):
        self.loop = loop
        self.handled = []

    async def handle(self, client, delay):
        await asyncio.sleep(delay)
        self.handled.append(client)
        print(f"[{self.loop.time():.2f}] served {client}")

    def accept(self, client, delay):
        self.loop.create_task(self.handle(client, delay))


loop = asyncio.new_event_loop()
server = Server(loop)
for i, (client, at, delay) in enumerate([("c1", 0.1, 0.3), ("c2", 0.2, 0.05), ("c3", 0.25, 0.1)]):
    loop.call_later(at, server.accept, client, delay)
loop.call_later(1.0, loop.stop)
print("serving")
loop.run_forever()
print("stopped; handled", server.handled)
pending = asyncio.all_tasks(loop)
print("pending tasks:", len(pending))
loop.close()
