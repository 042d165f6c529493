import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    except Exception:
        print("not reached: CancelledError is not an Exception")
    finally:
        print("finally runs")


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except Exception:
        print("not reached either")
    except BaseException as e:
        print("caught as BaseException:", type(e).__name__)


asyncio.run(main())
