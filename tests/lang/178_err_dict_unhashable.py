try:
    {[]: 1}
except TypeError as e:
    print("caught:", e)
d = {}
d[(1, 2)] = "ok"
print(d)
d[[1, 2]] = "bad"
