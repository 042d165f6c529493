# Int arithmetic and comparisons on the interpreter's fast paths: signs
# of // and %, zero divisors, mixed int/bool/float operands. (looplab's
# ints are 64-bit, so the values keep every result inside that range.)
vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 2**31, -2**31,
        2**31 + 5, -2**31 - 5, 3037000499, -3037000499]
out = []
for x in vals:
    for y in vals:
        row = [x + y, x - y, x * y, x < y, x <= y, x == y, x != y,
               x > y, x >= y]
        if y:
            row += [x // y, x % y]
        else:
            for op in (lambda: x // y, lambda: x % y):
                try:
                    op()
                except ZeroDivisionError as e:
                    row.append(str(e))
        out.append(row)
print(len(out))
tot = 0
for r in out:
    for v in r:
        if type(v) is not str:
            tot = (tot + v % 1000003) % 1000003
print(tot)
for r in out[::37]:
    print(r)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)
m = -2**62 * 2
print((m + 1) // -1, m % -1, (2**62 - 1) * 2, m // 2, m // m, m % 7, m // -7)
print(True + 1, True * 3, 5 // True, 3 < True, 1 == True, 2.5 // 1, 7 % 2.5)
acc = 0
for i in range(-50, 50):
    acc += (i * 3 % 11) - (i // 4) + (i * i * i % 7)
print(acc)
