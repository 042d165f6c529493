def read_lines(text):
    for line in text.splitlines():
        yield line
def strip_comments(lines):
    for line in lines:
        code = line.split("#", 1)[0].strip()
        if code:
            yield code
def parse(lines):
    for line in lines:
        name, _, rest = line.partition(":")
        yield name.strip(), [int(x) for x in rest.split(",")]
def running_stats(records):
    total = 0
    count = 0
    for name, nums in records:
        total += sum(nums)
        count += len(nums)
        yield name, sum(nums), round(total / count, 3)
DATA = """
# sensor readings
alpha: 1, 2, 3
beta: 10,20   # trailing comment
   # indented comment
gamma: -5, 5, 7, 9
delta: 100
"""
pipeline = running_stats(parse(strip_comments(read_lines(DATA))))
for name, s, avg in pipeline:
    print(f"{name:>6} sum={s:<4} running_avg={avg}")
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take(5, (x * x for x in naturals() if x % 3))))
gen = running_stats([("z", [1])])
print(next(gen), next(gen, "exhausted"))
