print(1 and 2, 0 and 2, 1 or 2, 0 or 2)
print("" or "default", "value" or "default")
print(None and 1, [] or {}, [] and 1)
print(not 0, not 1, not "", not "x", not None)
def t(v):
    print("called", v)
    return v
r = t(0) and t(1)
print("r =", r)
r = t(1) or t(2)
print("r =", r)
r = t(0) or t("") or t("last")
print("r =", r)
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0 or 5)
print(True and not False, not (True or False))
print(1 or 2 and 0, (1 or 2) and 0)
x = None
print(x is None and "none" or "something")
