# A list used as a FIFO: pop(0), remove of the first item and del l[:k]
# mixed with appends, inserts, slice assignment and sort.
l = list(range(100))
out = []
steps = 0
while l and steps < 500:
    steps += 1
    out.append(l.pop(0))
    if len(l) % 7 == 0:
        l.append(len(l) * 1000)
    if len(l) % 11 == 0 and l:
        l.remove(l[0])
    if len(l) % 13 == 0:
        del l[:2]
    if len(l) == 50:
        l.sort(reverse=True)
        l.insert(0, -1)
        l[3:5] = [7, 8, 9]
print(out, len(out))
q = []
for i in range(1000):
    q.append(i)
    if i % 3 == 0:
        q.pop(0)
print(sum(q), len(q), q[:5], q[-5:])
q.sort(key=lambda x: -x)
print(q[:3])
r = q[:]
while len(r) > 3:
    del r[0]
print(r, q[-3:], q.index(q[-1]))
