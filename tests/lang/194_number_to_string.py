for v in [0, -0, 7, -7, 9223372036854775807, -9223372036854775808]:
    print(v, str(v), repr(v), len(str(v)))
for f in [0.0, -0.0, 1.0, -1.5, 0.1, 1e16, 1e15, 123456789012345678.0, 1e-4, 1e-5, 2.5e-10, 1/7]:
    print(repr(f), str(f))
print(str(1e300 * 1e10), str(-1e300 * 1e10))
print(int("-0"), float("-0"), float("1e500"))
print(hex(255), oct(8), bin(10), hex(0), bin(-3))
print(str(9223372036854775807), 10 ** 18)
print(float(9007199254740993))
