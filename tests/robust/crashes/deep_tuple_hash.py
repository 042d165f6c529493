# Hashing a tuple nested 100,000 deep recurses in C once per level.
x = ()
for i in range(100000):
    x = (x,)
print(hash(x) == hash(x))
