width = 10
val = "mid"
print(f"[{val:^{width}}]")
data = {"a": 1, "b": 2}
print(f"{', '.join(f'{k}={v}' for k, v in data.items())}")
print(f"{'yes' if data['a'] else 'no'}")
print(f"{f'{1 + 1}'}")
def g(x):
    return x * 3
print(f"{g(2)} {g('ab')}")
nums = [3, 1, 2]
print(f"{sorted(nums)} {nums[::-1]}")
print(f"{len(f'{width}')}")
print(f"{ {'k': 1}['k'] }")
print(f"{(lambda q: q + 1)(5)}")
print(f"{width!r:>{width}}")
print(f"{'a' 'b'}")
