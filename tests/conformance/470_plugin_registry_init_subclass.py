import asyncio


class Handler:
    registry = {}

    def __init_subclass__(cls, *, route, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.route = route
        Handler.registry[route] = cls

    async def handle(self, payload):
        raise NotImplementedError


class Echo(Handler, route="/echo"):
    async def handle(self, payload):
        await asyncio.sleep(0.01)
        return payload


class Upper(Handler, route="/upper"):
    async def handle(self, payload):
        await asyncio.sleep(0.02)
        return payload.upper()


async def dispatch(route, payload):
    cls = Handler.registry.get(route)
    if cls is None:
        return f"404 {route}"
    return await cls().handle(payload)


async def main():
    print(sorted(Handler.registry))
    reqs = [("/echo", "hi"), ("/upper", "hey"), ("/nope", "x")]
    print(await asyncio.gather(*(dispatch(r, p) for r, p in reqs)))


asyncio.run(main())
