x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(outer())
def local_only():
    x = "local"
    return x
print(local_only(), x)
class K:
    y = "class attr"
    def method(self):
        try:
            return y
        except NameError as e:
            return "NameError: " + str(e)
print(K().method())
class Z:
    a = 1
    b = [a * 2]
    c = [v for v in range(3)]
print(Z.b, Z.c)
print(len, len("builtin"))
def shadow_builtin():
    len = lambda s: "shadowed"
    return len("x")
print(shadow_builtin(), len("x"))
n = 0
[n for n in range(5)]
print(n)
for m in range(3):
    pass
print(m)
