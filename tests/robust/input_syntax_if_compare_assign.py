x = 1
if x == 1 = 2:
    pass
