# An async generator's repr names its type, async_generator (with an
# underscore); its messages say "async generator".
async def g():
    yield 1


a = g()
print(repr(a).split(" at ")[0], type(a).__name__)
print(repr(g.__code__).split(" at ")[0])
