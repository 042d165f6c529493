# return, break and continue that leave a try/finally whose finally body
# has loops of its own (compiled inline at the exit): the statements
# after the exit must still see their own enclosing blocks.
class CM:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False


def ret_in_exc_finally():
    try:
        try:
            try:
                raise ValueError(1)
            finally:
                return 5
        except Exception:
            pass
    finally:
        for _ in range(2):
            print("outer finally")


def break_then_return():
    out = []
    for i in range(4):
        try:
            with CM("w%d" % i):
                if i == 1:
                    break
                for j in range(2):
                    if j:
                        continue
                    out.append((i, j))
        finally:
            for k in range(2):
                out.append(-k)
    try:
        for i in range(3):
            try:
                if i == 2:
                    return out
                continue
            finally:
                while len(out) < 20:
                    out.append("f")
                    break
    finally:
        for _ in range(1):
            out.append("end")


def continue_in_loop_after_exit():
    seen = []
    for i in range(3):
        try:
            if i == 0:
                continue
            for j in range(3):
                if j == 1:
                    break
                seen.append((i, j))
            with CM("c%d" % i):
                if i == 2:
                    return seen
        finally:
            for x in [i]:
                seen.append(("fin", x))
    return seen


def nested_returns():
    try:
        for a in range(2):
            try:
                for b in range(2):
                    try:
                        return (a, b)
                    finally:
                        for c in range(2):
                            print("inner", c)
            finally:
                for d in range(1):
                    print("middle", d)
    finally:
        for e in range(1):
            print("outer", e)


print(ret_in_exc_finally())
print(break_then_return())
print(continue_in_loop_after_exit())
print(nested_returns())
