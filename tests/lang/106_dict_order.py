d = {}
for k in ["zebra", "apple", "mango", "banana"]:
    d[k] = len(k)
print(list(d))
d["apple"] = 0
print(list(d))
del d["zebra"]
d["zebra"] = 9
print(list(d.items()))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print(max(counts, key=counts.get))
inv = {}
for word in ["aa", "b", "cc", "d"]:
    inv.setdefault(len(word), []).append(word)
print(inv)
keys = d.keys()
d["new"] = 1
print(len(keys), "new" in keys)
print(d.keys() == {"apple", "mango", "banana", "zebra", "new"})
