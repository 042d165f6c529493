result = []
for i in range(5):
    if i == 1:
        continue
    j = 0
    while True:
        j += 1
        if j > i:
            break
        if j == 2:
            continue
        result.append((i, j))
    if i == 3:
        break
print(result)
count = 0
for a in range(3):
    for b in range(3):
        for c in range(3):
            if a == b == c:
                continue
            count += 1
print(count)
