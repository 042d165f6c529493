# sys.stdout is not a way to the file descriptors.
import sys
fd = sys.stdout.fileno()
