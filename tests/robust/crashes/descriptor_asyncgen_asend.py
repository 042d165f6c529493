# (see descriptor_list_count); this one corrupts the heap (free(): invalid
# next size).
async def agen():
    yield 1

asend = type(agen()).asend
asend(1, None)
