# split, subgroup and except* give the parts a copy of the group's notes;
# the parts are still re-raises of it (3.11 compares no notes).
eg = ExceptionGroup("g", [ValueError(1), KeyError(2)])
eg.add_note("a note")
m, r = eg.split(ValueError)
print(getattr(m, "__notes__", None), getattr(r, "__notes__", None), m.__notes__ is eg.__notes__ if hasattr(m, "__notes__") else None)
try:
    try:
        raise eg
    except* ValueError:
        pass
except ExceptionGroup as e:
    print(repr(e), getattr(e, "__notes__", None))
try:
    try:
        raise eg
    except* ValueError:
        raise
except ExceptionGroup as e:
    print(repr(e), getattr(e, "__notes__", None))
m.add_note("only on the part")
print(eg.__notes__, m.__notes__)
s = eg.subgroup(KeyError)
print(repr(s), s.__notes__, s.__notes__ is eg.__notes__)
plain = ExceptionGroup("p", [ValueError(3)])
a, b = plain.split(ValueError)
print(repr(a), b, hasattr(a, "__notes__"))
