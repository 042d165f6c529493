# sys.setrecursionlimit allows up to 20000; recursing that deep must end in
# RecursionError, not overflow the C stack (segfault with an 8 MB stack).
import sys
sys.setrecursionlimit(20000)

def f(n):
    return f(n + 1)

f(0)
