# copy.copy and copy.deepcopy of built-in containers, instances,
# dataclasses, named tuples and the collections types.
import copy
from collections import namedtuple, defaultdict, Counter, OrderedDict, deque
from dataclasses import dataclass, field


class Node:
    def __init__(self, name, children=None):
        self.name = name
        self.children = children or []

    def __repr__(self):
        return f"Node({self.name!r}, {self.children!r})"


tree = Node("root", [Node("a"), Node("b", [Node("c")])])
shallow = copy.copy(tree)
deep = copy.deepcopy(tree)
deep.children[1].children.append(Node("d"))
shallow.children.append(Node("e"))
print(tree)
print(deep)
print(shallow.children is tree.children, deep.children is tree.children)

data = {"xs": [1, [2, 3]], "t": (1, [4]), "s": {5}, "n": None}
d2 = copy.deepcopy(data)
d2["xs"][1].append(99)
d2["t"][1].append(98)
print(data, d2)
same = [1, 2]
pair = [same, same]
pc = copy.deepcopy(pair)
print(pc[0] is pc[1], pc[0] is same, copy.copy(pair)[0] is same)
print(copy.copy((1, 2)) == (1, 2), copy.deepcopy("text"), copy.copy(7))


@dataclass
class Box:
    items: list = field(default_factory=list)


b = Box([[1]])
b2 = copy.deepcopy(b)
b2.items[0].append(2)
print(b, b2, copy.copy(b).items is b.items)

P = namedtuple("P", "x y")
print(copy.deepcopy(P([1], 2)), copy.copy(P(1, 2)))
dd = defaultdict(list, {"k": [1]})
dd2 = copy.deepcopy(dd)
dd2["k"].append(2)
dd2["new"]
print(dd, dd2)
print(copy.copy(Counter("aab")), copy.deepcopy(OrderedDict(a=[1])),
      copy.copy(deque([1, 2], maxlen=3)))


class Custom:
    def __init__(self):
        self.copied = False

    def __copy__(self):
        c = Custom()
        c.copied = "shallow"
        return c

    def __deepcopy__(self, memo):
        c = Custom()
        c.copied = "deep"
        return c


print(copy.copy(Custom()).copied, copy.deepcopy([Custom()])[0].copied)
