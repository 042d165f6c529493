# A RecursionError can be caught, and the interpreter is whole after it.
def f(n):
    return f(n + 1)

for attempt in range(3):
    try:
        f(0)
    except RecursionError as e:
        print(attempt, type(e).__name__, e)

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

print(depth(900))
