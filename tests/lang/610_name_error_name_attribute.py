# NameError.name and AttributeError.name / .obj: set by the VM for the
# errors it raises, None by default, and given as keywords.
try:
    pritn
except NameError as e:
    print(repr(e.name), e.args, str(e))
try:
    [].apend
except AttributeError as e:
    print(repr(e.name), repr(e.obj), str(e))
e = AttributeError("x")
print(e.name, e.obj)
e = NameError("y", name="zz")
print(e.name)
e = AttributeError("y", name="n", obj=5)
print(e.name, e.obj)
