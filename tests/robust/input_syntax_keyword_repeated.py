print("before")
print(1, end=" ", end="")
