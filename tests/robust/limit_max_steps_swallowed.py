# A program that swallows the budget's RuntimeError and spins again: each
# grace after the first is half the one before, so it still ends.
import sys

caught = 0
while True:
    try:
        while True:
            pass
    except RuntimeError:
        caught += 1
        print("caught", caught, file=sys.stderr) if caught == 1 else None
