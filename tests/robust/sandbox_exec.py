# exec does not exist.
exec("import os")
