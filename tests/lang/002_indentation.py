def f(x):
    if x > 0:
        if x > 10:
            return "big"
        else:
              return "small"   # deeper indentation is fine in a new block
    elif x == 0:
      return "zero"
    return "negative"

for v in [20, 5, 0, -3]:
    print(v, f(v))

class A:
        def m(self):
                return 42
print(A().m())
if True: print("one-line if")
while False: pass
for i in range(2): print("inline", i)
