def find(items, target):
    for i in items:
        if i == target:
            return i
result = find(["a"], "b")
print(result)
result.upper()
