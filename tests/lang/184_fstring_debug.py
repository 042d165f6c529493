x = 10
name = "ann"
print(f"{x=}")
print(f"{x = }")
print(f"{name=}")
print(f"{name=!s}")
print(f"{x * 2=}")
print(f"{x=:>5}")
vals = [1, 2]
print(f"{len(vals)=} {vals[0]=}")
pi = 3.14159
print(f"{pi=:.2f}")
