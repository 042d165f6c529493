import asyncio


class Session:
    def __init__(self, name, fail_enter=False):
        self.name = name
        self.fail_enter = fail_enter

    async def __aenter__(self):
        await asyncio.sleep(0.01)
        if self.fail_enter:
            raise PermissionError(f"{self.name}: login refused")
        print(f"{self.name}: entered")
        return self

    async def __aexit__(self, *exc_info):
        print(f"{self.name}: exit with {exc_info[0]}")
        return False


async def main():
    for s in (Session("ok"), Session("bad", fail_enter=True)):
        try:
            async with s as sess:
                print("body runs for", sess.name)
        except PermissionError as e:
            print("caught:", e, "| errno:", e.errno)
    async with Session("a") as a, Session("b") as b:
        print("both:", a.name, b.name)


asyncio.run(main())
