def area(width, height):
    return width * height
try:
    area(1)
except TypeError as e:
    print("caught:", e)
print(area(2, 3))
area()
