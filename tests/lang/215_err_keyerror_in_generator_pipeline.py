records = [{"id": 1, "v": 10}, {"id": 2}, {"id": 3, "v": 30}]
def values(rs):
    for r in rs:
        yield r["v"]
total = 0
for v in values(records):
    total += v
    print("running total", total)
