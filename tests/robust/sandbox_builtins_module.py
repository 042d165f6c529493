# Not through the builtins module either.
import builtins
builtins.open("/etc/passwd")
