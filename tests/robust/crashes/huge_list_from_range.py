# Growing a list inside a built-in (list(range(...)) runs no bytecode)
# must respect --max-memory like a loop in Python does: MemoryError, not
# "looplab: out of memory" and an abort when malloc gives up (or the
# machine's memory exhausted without a ceiling below it).
x = list(range(10 ** 12))
