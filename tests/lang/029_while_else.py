i = 0
while i < 3:
    print("loop", i)
    i += 1
else:
    print("else ran, i =", i)
j = 0
while j < 10:
    if j == 2:
        print("breaking")
        break
    j += 1
else:
    print("not printed")
print("j =", j)
k = 0
while k < 5:
    k += 1
    if k % 2:
        continue
    print("even", k)
n = 0
while True:
    n += 1
    if n >= 4:
        break
print("n =", n)
while False:
    pass
else:
    print("else of never-run while")
