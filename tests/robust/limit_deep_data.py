# Deeply nested data: repr gives RecursionError; comparing, collecting and
# dropping it do not crash.
import gc

x = []
for i in range(100000):
    x = [x]
print(x == x)
try:
    repr(x)
except RecursionError as e:
    print("repr:", e)
x = None
gc.collect()
d = {}
for i in range(100000):
    d = {1: d}
try:
    str(d)
except RecursionError as e:
    print("str:", e)
d = None
gc.collect()
print("done")
