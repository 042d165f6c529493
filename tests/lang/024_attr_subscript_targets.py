class Box:
    pass
b = Box()
b.x = 1
b.y = b.x + 1
print(b.x, b.y)
lst = [0, 0, 0]
lst[0] = "a"
lst[-1] = "c"
print(lst)
d = {}
d["k"] = 1
d[(1, 2)] = "tuple key"
print(d)
grid = [[0] * 3 for _ in range(2)]
grid[1][2] = 5
print(grid)
b.items = [1, 2]
b.items[0] = 10
print(b.items)
lst[0], b.x = b.x, lst[0]
print(lst, b.x)
lst[1:3] = [7, 8, 9]
print(lst)
lst[::2] = ["e", "o"]
print(lst)
