import sys
try:
    sys.exit("caught message")
except SystemExit as e:
    print("caught:", e.code)
print("about to fail")
sys.exit("fatal: something went wrong")
