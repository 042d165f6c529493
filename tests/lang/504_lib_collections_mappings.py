# defaultdict, Counter, OrderedDict and ChainMap.
from collections import defaultdict, Counter, OrderedDict, ChainMap

groups = defaultdict(list)
for word in "apple avocado banana blueberry cherry".split():
    groups[word[0]].append(word)
print(groups)
print(dict(groups), groups["z"], len(groups), isinstance(groups, dict))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, counts.default_factory)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["x"] += 2
print(dict(nested["a"]), defaultdict(None, {1: 2}), defaultdict(set).copy())
try:
    defaultdict()["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict("not callable")
except TypeError as e:
    print(e)

c = Counter("abracadabra")
print(c, c["a"], c["zzz"], c.most_common(2), c.total())
c.update({"a": 1, "z": 3})
c.subtract("bb")
print(c)
print(sorted(c.elements()))
a, b = Counter(x=3, y=1), Counter(x=1, y=2, w=4)
print(a + b, a - b, a | b, a & b, -Counter(q=-2), +Counter(q=-2, r=1))
print(Counter(words="the cat the hat the end".split()) == Counter(),
      Counter("the cat the hat".split()).most_common(1))
print(Counter(), Counter(a=0) == Counter(), Counter([1, 1, 2]))
del c["zzz"]
del c["a"]
print(c)

od = OrderedDict()
for k in "bca":
    od[k] = ord(k)
print(od)
od.move_to_end("b")
print(list(od))
od.move_to_end("a", last=False)
print(list(od), od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1),
      OrderedDict(a=1, b=2) == {"b": 2, "a": 1}, OrderedDict())
try:
    OrderedDict().popitem()
except KeyError as e:
    print(repr(e))

defaults = {"color": "red", "size": "M"}
user = {"size": "L"}
cfg = ChainMap(user, defaults)
print(cfg["color"], cfg["size"], len(cfg), sorted(cfg), "color" in cfg)
cfg["color"] = "blue"
print(user, defaults, cfg.maps[0] is user)
child = cfg.new_child({"size": "S"})
print(child["size"], child.parents["size"], cfg)
