# Lengths, indexing and slicing of strs of every length up to 40 made of
# 1- to 4-byte UTF-8 characters (the character count is taken 8 bytes at
# a time).
import random
rng = random.Random(5)
chars = ['a', 'é', '€', '😀', 'z', '\x00', 'ß', '中']
for n in range(0, 40):
    s = ''.join(rng.choice(chars) for _ in range(n))
    t = s + 'x' * (n % 9)
    print(n, len(s), len(t), sum(1 for c in s if ord(c) > 127), s[n // 2:n // 2 + 2], s[-3:] == t[-3-(n % 9):len(t)-(n % 9)] if n % 9 else True)
