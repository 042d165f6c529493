import time
import gc
t1 = time.monotonic()
p1 = time.perf_counter()
total = 0
for i in range(10000):
    total += i
t2 = time.monotonic()
p2 = time.perf_counter()
print(total)
print(t2 >= t1, p2 >= p1)
print(isinstance(t1, float), type(p1).__name__)
elapsed = p2 - p1
print(elapsed >= 0)
class Node:
    def __init__(self):
        self.other = None
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
gc.collect()
print("collected")
