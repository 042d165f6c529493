import asyncio


class Connection:
    opened = 0

    def __init__(self, host):
        self.host = host
        self.is_open = False

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        Connection.opened += 1
        self.is_open = True
        print(f"open {self.host}")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        self.is_open = False
        print(f"close {self.host} exc={exc_type.__name__ if exc_type else None}")
        return exc_type is KeyError

    async def query(self, q):
        await asyncio.sleep(0.05)
        if q == "missing":
            raise KeyError(q)
        return f"{self.host}:{q}"


async def main():
    async with Connection("db1") as conn:
        print(await conn.query("select"))
    async with Connection("db2") as conn:
        await conn.query("missing")
        print("not reached")
    print("KeyError suppressed; opened", Connection.opened)
    try:
        async with Connection("db3") as conn:
            raise ValueError("boom")
    except ValueError as e:
        print("propagated:", e)


asyncio.run(main())
