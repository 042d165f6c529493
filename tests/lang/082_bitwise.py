a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 10)
print(5 & -1, -5 & 0xff, -5 | 0, -5 ^ 3)
print(1 << 62, (1 << 62) >> 61)
print(0xff & 0x0f, 0xf0 | 0x0f, 0xff ^ 0xff)
print(True & False, True | False, True ^ True, type(True & True).__name__)
x = 0
for bit in (0, 3, 5):
    x |= 1 << bit
print(x, bin(x), hex(x), oct(x))
print(hex(-255), bin(-5), oct(-8))
print(6 & 3 | 8 ^ 1, (6 & 3) | (8 ^ 1))
print(1 + 2 << 3, 1 + (2 << 3))
