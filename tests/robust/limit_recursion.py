# Unbounded recursion: RecursionError, not a crash.
def f(n):
    return f(n + 1)

f(0)
