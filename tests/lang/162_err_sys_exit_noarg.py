import sys
try:
    sys.exit()
except SystemExit as e:
    print("caught SystemExit", e.code, e.args)
try:
    sys.exit(5)
except SystemExit as e:
    print("caught", e.code)
print("now exiting for real")
sys.exit()
