import asyncio


class HTTPError(Exception):
    def __init__(self, status, url):
        super().__init__(status, url)
        self.status = status
        self.url = url

    def __str__(self):
        return f"{self.status} for {self.url}"


async def get(url, status):
    await asyncio.sleep(0.1)
    if status >= 400:
        raise HTTPError(status, url)
    return status


async def main():
    print(await get("home", 200))
    try:
        await get("admin", 403)
    except HTTPError as e:
        print("caught", e, e.args)
    await get("missing", 404)


asyncio.run(main())
