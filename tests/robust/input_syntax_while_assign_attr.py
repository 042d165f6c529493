class A: pass
a = A()
while a.n = 1:
    pass
