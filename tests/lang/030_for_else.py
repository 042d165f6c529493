def find(seq, target):
    for i, v in enumerate(seq):
        if v == target:
            print("found at", i)
            break
    else:
        print("not found")
find([1, 2, 3], 2)
find([1, 2, 3], 5)
find([], 1)
for x in range(3):
    for y in range(3):
        if y == x:
            continue
        if y > x:
            break
        print(x, y)
    else:
        print("inner done for", x)
for ch in "ab":
    print(ch)
else:
    print("done chars")
total = 0
for n in range(10):
    if n % 3 == 0:
        continue
    total += n
print(total)
