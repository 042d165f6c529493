import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    errors = []
    for action in [f.result, f.exception, lambda: f.set_result(1), lambda: f.set_result(2)]:
        try:
            action()
        except asyncio.InvalidStateError as e:
            errors.append(str(e))
    print(errors)


asyncio.run(main())
