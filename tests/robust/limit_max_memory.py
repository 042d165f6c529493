# A program that keeps allocating, under --max-memory: MemoryError, which
# the program catches; what it frees lets it go on.
chunks = []
try:
    while True:
        chunks.append("x" * 100000)
except MemoryError:
    n = len(chunks)
    chunks = None
    print("MemoryError after", "many" if n > 100 else n, "chunks")
print("recovered", len([0] * 1000))
