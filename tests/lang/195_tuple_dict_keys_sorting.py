students = [
    {"name": "ann", "grade": 90, "age": 20},
    {"name": "bob", "grade": 85, "age": 22},
    {"name": "cy", "grade": 90, "age": 19},
    {"name": "di", "grade": 70, "age": 22},
]
by_grade = sorted(students, key=lambda s: (-s["grade"], s["name"]))
print([s["name"] for s in by_grade])
groups = {}
for s in students:
    groups.setdefault(s["age"], []).append(s["name"])
for age in sorted(groups):
    print(age, groups[age])
best = max(students, key=lambda s: s["grade"])
print(best["name"])
avg = sum(s["grade"] for s in students) / len(students)
print(avg, round(avg, 1))
above = [s["name"] for s in students if s["grade"] > avg]
print(above)
table = {(s["name"], s["age"]): s["grade"] for s in students}
print(table[("bob", 22)], sorted(table)[0])
print(sorted(students, key=lambda s: s["age"], reverse=True)[0]["name"])
