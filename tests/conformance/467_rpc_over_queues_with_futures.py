import asyncio


class RpcServer:
    def __init__(self):
        self.requests = asyncio.Queue()

    async def serve(self):
        while True:
            method, args, reply = await self.requests.get()
            await asyncio.sleep(0.05)
            try:
                result = getattr(self, "rpc_" + method)(*args)
            except Exception as e:
                reply.set_exception(e)
            else:
                reply.set_result(result)

    def rpc_add(self, a, b):
        return a + b

    def rpc_div(self, a, b):
        return a / b


async def call(server, method, *args):
    reply = asyncio.get_running_loop().create_future()
    await server.requests.put((method, args, reply))
    return await reply


async def main():
    server = RpcServer()
    serving = asyncio.create_task(server.serve())
    print(await call(server, "add", 2, 3))
    results = await asyncio.gather(call(server, "div", 1, 4), call(server, "div", 1, 0),
                                   call(server, "nope"), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r)
    serving.cancel()
    await asyncio.gather(serving, return_exceptions=True)
    print(f"t={asyncio.get_running_loop().time():.2f}")


asyncio.run(main())
