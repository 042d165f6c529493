# open is not hidden somewhere in the builtins module.
f = getattr(__builtins__, "open")
