print(round(3.14159, 2), round(2.5), round(3.5), round(-2.5), round(1.5))
print(round(0.5 + 1), round(2.675, 2), round(5, 1), type(round(5.5)).__name__)
print(round(1234.5678, -1), round(1234.5678, -2), round(15, -1), round(25, -1))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.0, 2))
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(-2, 3), pow(2.0, 0.5))
print(pow(7, 2, 13), pow(10, 18, 1000000007), pow(5, 0, 3))
print(2 ** 62, -2 ** 62, (-2) ** 3)
print(abs(-9223372036854775807))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
