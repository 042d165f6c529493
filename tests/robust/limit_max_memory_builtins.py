# Containers that built-in functions fill in C run no bytecode, so the
# eval loop's check of --max-memory never runs while they grow: the
# growth itself must stop at the ceiling with a MemoryError the program
# catches, and what it then frees lets it go on.
n = 10 ** 12
cases = [
    ("set", lambda: set(range(n))),
    ("frozenset", lambda: frozenset(range(n))),
    ("dict.fromkeys", lambda: dict.fromkeys(range(n))),
    ("list of map", lambda: list(map(abs, range(n)))),
    ("sorted map", lambda: sorted(map(abs, range(n)))),
    ("tuple of map", lambda: tuple(map(abs, range(n)))),
    ("extend", lambda: [].extend(map(abs, range(n)))),
    ("set update", lambda: set().update(map(abs, range(n)))),
    ("join", lambda: "".join(map(str, range(n)))),
    ("list comprehension", lambda: [x for x in range(n)]),
    ("set comprehension", lambda: {x for x in range(n)}),
    ("dict comprehension", lambda: {x: x for x in range(n)}),
]
for name, f in cases:
    try:
        f()
        print(name, "-> no error")
    except MemoryError:
        print(name, "-> MemoryError")
print(len(set(range(1000))), len(list(map(abs, range(1000)))))
