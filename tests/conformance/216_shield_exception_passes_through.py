import asyncio


async def failing():
    await asyncio.sleep(0.1)
    raise ArithmeticError("inner failed")


async def main():
    try:
        await asyncio.shield(failing())
    except ArithmeticError as e:
        print("shield passed the exception on:", repr(e))


asyncio.run(main())
