def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(punct=".", name="Di", greeting="Yo"))
def append_to(x, lst=[]):
    lst.append(x)
    return lst
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
def safe(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
print(safe(1), safe(2))
counter = 10
def uses_default(v=counter):
    return v
counter = 20
print(uses_default())
print(greet.__defaults__)
