# The "During handling" message between two groups has no margin
# (exception_group_depth 0 between them).
def f():
    raise ExceptionGroup("a", [ValueError(1)])
try:
    f()
except ExceptionGroup as e:
    raise ExceptionGroup("b", [e])
