a = 1
del a
try:
    print(a)
except NameError as e:
    print(e)
lst = [0, 1, 2, 3, 4, 5]
del lst[0]
print(lst)
del lst[1:3]
print(lst)
del lst[-1]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
class O:
    pass
o = O()
o.x = 1
o.y = 2
del o.x
print(hasattr(o, "x"), o.y)
p, q = 1, 2
del p, q
print("p" in dir(), "q" in dir())
nums = list(range(10))
del nums[::3]
print(nums)
