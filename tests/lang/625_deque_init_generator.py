# A deque (and a subclass) filled from a generator by the native __init__:
# collections run while it iterates, and the new deque must survive them.
from collections import deque
class D(deque):
    pass
for k in range(20):
    d = deque([i] * 50 for i in range(20000))
    e = D(x for x in range(20000))
print(len(d), d[-1][0], len(e), e[-1])
