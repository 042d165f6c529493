def ok():
    return 1
print("this never runs")
values = [1, 2,
x = 3
print(values)
