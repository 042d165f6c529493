# A field width too large to allocate: MemoryError, not an abort.
print(format(1, "1000000000000d"))
