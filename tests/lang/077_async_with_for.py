import types
@types.coroutine
def tick(v):
    yield v
class AsyncCM:
    async def __aenter__(self):
        print("aenter")
        await tick("enter-tick")
        return "resource"
    async def __aexit__(self, et, ev, tb):
        print("aexit", et.__name__ if et else None)
        return False
class AsyncRange:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await tick("iter-tick " + str(self.i))
        self.i += 1
        return self.i * 10
async def main():
    async with AsyncCM() as r:
        print("inside with", r)
    out = []
    async for v in AsyncRange(3):
        out.append(v)
    return out
c = main()
try:
    while True:
        print("yielded", c.send(None))
except StopIteration as e:
    print("result", e.value)
