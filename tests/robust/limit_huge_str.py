# A string of a trillion characters: MemoryError at once.
x = "a" * (10 ** 12)
