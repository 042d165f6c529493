# The module under os, posix, cannot be imported either.
import posix
posix.system("echo escaped")
