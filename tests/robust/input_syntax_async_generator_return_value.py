# An async generator cannot return a value; a bare return is fine.
async def agen():
    yield 1
    return


async def bad():
    yield 1
    return 2
