import sys
try:
    sys.exit(7)
except SystemExit as e:
    print("caught SystemExit", e.code)
print("exiting with 3")
sys.exit(3)
print("never")
