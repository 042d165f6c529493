total = 0
for n in [1, 2]:
    total += n
print(total)
for n in 42:
    print(n)
