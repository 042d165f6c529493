counter = 0
def bump():
    global counter
    counter += 1
def read():
    return counter
bump(); bump()
print(counter, read())
def make_global():
    global created
    created = "made inside"
make_global()
print(created)
x = "module"
def shadow():
    x = "local"
    return x
print(shadow(), x)
def g2():
    global x
    x = "rebound"
g2()
print(x)
