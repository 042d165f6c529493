# A list of a trillion items: MemoryError at once.
x = [0] * (10 ** 12)
