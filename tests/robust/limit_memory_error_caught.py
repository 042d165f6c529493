# MemoryError is an ordinary exception: caught, and the program goes on.
for make in (lambda: [0] * (10 ** 12), lambda: "ab" * (10 ** 12),
             lambda: (1,) * (10 ** 12)):
    try:
        make()
    except MemoryError as e:
        print("MemoryError", repr(e))
print("still here", len([0] * 1000))
