x = 1
if x > 1:
    pass
elif len(x) = 1:
    pass
