for n in range(-2, 3):
    sign = "neg" if n < 0 else "zero" if n == 0 else "pos"
    print(n, sign)
x = 10
y = x * 2 if x > 5 else x / 2
print(y)
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
f = (lambda v: "big" if v > 100 else "small")
print(f(1000), f(1))
val = None
print(val if val is not None else "fallback")
print((1 if True else 2) + (3 if False else 4))
def t(v):
    print("eval", v)
    return v
print(t("a") if t(False) else t("b"))
