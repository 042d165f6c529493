# class statements look up __build_class__ in the builtins; deleting it
# must give NameError, not a crash.
import builtins
del builtins.__build_class__

class A:
    pass
