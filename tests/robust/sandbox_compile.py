# compile does not exist.
code = compile("import os", "x", "exec")
