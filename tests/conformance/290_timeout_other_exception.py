import asyncio


async def main():
    try:
        async with asyncio.timeout(1) as cm:
            await asyncio.sleep(0.1)
            raise ZeroDivisionError("inside the timeout")
    except ZeroDivisionError as e:
        print("passed through unchanged:", repr(e))
    print("expired()", cm.expired(), repr(cm))


asyncio.run(main())
