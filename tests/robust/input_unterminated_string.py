print("abc)
print("after")
