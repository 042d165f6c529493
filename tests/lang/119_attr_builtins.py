class Thing:
    color = "red"
    def __init__(self):
        self.size = 3
t = Thing()
print(hasattr(t, "size"), hasattr(t, "color"), hasattr(t, "weight"))
print(getattr(t, "size"), getattr(t, "weight", "no weight"), getattr(Thing, "color"))
setattr(t, "weight", 10)
print(t.weight, getattr(t, "weight"))
setattr(Thing, "shape", "round")
print(t.shape)
delattr(t, "weight")
print(hasattr(t, "weight"))
try:
    getattr(t, "missing")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr("abc", "upper")())
print(getattr([], "append") is not None, hasattr(5, "real"), (5).real, (5).imag)
name = "si" + "ze"
print(getattr(t, name))
print(vars(t))
