# The classic sandbox escape: walk object.__subclasses__() to a class
# that opens files. looplab has no __subclasses__.
for cls in ().__class__.__bases__[0].__subclasses__():
    if cls.__name__ == "_wrap_close":
        cls.__init__.__globals__["system"]("echo escaped")
