import asyncio


class Paginator:
    def __init__(self, total, page_size):
        self.total = total
        self.page_size = page_size
        self.offset = 0
        self.requests = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.offset >= self.total:
            raise StopAsyncIteration
        await asyncio.sleep(0.1)
        self.requests += 1
        page = list(range(self.offset, min(self.offset + self.page_size, self.total)))
        self.offset += self.page_size
        return page


async def main():
    pages = Paginator(total=11, page_size=4)
    async for page in pages:
        print("page", page)
    print("requests:", pages.requests)
    flat = [x async for page in Paginator(5, 2) for x in page]
    print(flat)
    it = aiter(Paginator(3, 3))
    print(await anext(it), await anext(it, "default"))


asyncio.run(main())
