e = OSError(5, "disk full")
print(e, e.errno, e.strerror, e.filename, e.args)
e = FileNotFoundError(2, "No such file", "x.txt")
print(e, e.errno, e.filename, e.args, isinstance(e, OSError))
print(OSError("plain"), OSError("plain").errno)
print(IOError is OSError, ConnectionResetError.__mro__)
try:
    raise PermissionError("nope")
except OSError as ex:
    print(type(ex).__name__, ex)
