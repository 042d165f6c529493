class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        print("bool called for", self.on)
        return self.on
t, f = Flag(True), Flag(False)
if t:
    print("t is truthy")
if not f:
    print("f is falsy")
print(bool(t), bool(f))
print(f or "fallback")
print((t and "both") if True else None)
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(Both()))
class Nothing:
    pass
print(bool(Nothing()))
x = Flag(False)
while x:
    print("never")
print("done")
