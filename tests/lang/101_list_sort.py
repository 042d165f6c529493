nums = [5, 2, 9, 1, 5, 6]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date"]
words.sort()
print(words)
words.sort(key=str.lower)
print(words)
words.sort(key=len)
print(words)
words.sort(key=lambda w: (len(w), w), reverse=True)
print(words)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
pairs.sort(key=lambda p: p[0])
print(pairs)
print(sorted(pairs))
print(sorted([3, 1, 2], reverse=True), sorted("cba"))
r = [1, 2, 3]
print(r.sort(), r)
mixed = [1.5, 1, 0.5, True]
mixed.sort()
print(mixed)
try:
    [1, "a"].sort()
except TypeError as e:
    print("TypeError:", e)
