for i in range(2):
    pass
x = 3
if x > 2
    print("big")
