lst = [3, 1, 2]
lst.append(4)
print(lst)
lst.extend([5, 6])
lst.extend(range(7, 9))
lst.extend("ab")
print(lst)
lst.insert(0, "first")
lst.insert(100, "end")
lst.insert(-1, "before end")
print(lst)
print(lst.pop(), lst.pop(0), lst.pop(-2))
print(lst)
lst.remove("a")
print(lst, lst.index(2), lst.count(2))
lst.append(2)
print(lst.count(2), lst.index(2, 3))
c = lst.copy()
c.reverse()
print(c)
lst.clear()
print(lst, c[:2])
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].remove(2)
except ValueError as e:
    print("ValueError:", e)
try:
    [1].index(5)
except ValueError as e:
    print("ValueError:", e)
