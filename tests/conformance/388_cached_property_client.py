import asyncio
import functools


class Client:
    def __init__(self, base):
        self.base = base
        self.builds = 0

    @functools.cached_property
    def headers(self):
        self.builds += 1
        return {"User-Agent": f"client/{self.base}"}

    async def get(self, path):
        await asyncio.sleep(0.05)
        return f"GET {self.base}{path} {self.headers['User-Agent']}"


async def main():
    c = Client("https://api")
    for line in await asyncio.gather(c.get("/a"), c.get("/b"), c.get("/c")):
        print(line)
    print("headers built", c.builds, "time(s)")


asyncio.run(main())
