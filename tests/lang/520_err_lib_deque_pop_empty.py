# An error raised inside library code (deque.popleft) and not caught:
# the traceback passes through the library's frame.
import asyncio
from collections import deque


async def consumer(queue):
    await asyncio.sleep(0.1)
    return queue.popleft()


async def main():
    queue = deque([1])
    print(await consumer(queue))
    print(await consumer(queue))


asyncio.run(main())
