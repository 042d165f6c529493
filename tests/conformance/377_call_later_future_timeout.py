import asyncio


def expire(fut, what):
    if not fut.done():
        fut.set_exception(TimeoutError(f"{what} took too long"))


async def ask(loop, question, answer_after, limit):
    fut = loop.create_future()
    answer = loop.call_later(answer_after, fut.set_result, question.upper())
    timer = loop.call_later(limit, expire, fut, question)
    try:
        return await fut
    finally:
        timer.cancel()
        answer.cancel()


async def main():
    loop = asyncio.get_running_loop()
    for q, after in (("fast", 0.1), ("slow", 2.0), ("edge", 0.9)):
        try:
            print(q, "->", await ask(loop, q, after, 1.0))
        except TimeoutError as e:
            print(q, "->", "timeout:", e)
    print(f"clock {loop.time():.2f}")


asyncio.run(main())
