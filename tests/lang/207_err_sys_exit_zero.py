import sys
def main():
    return 0
print("work done")
sys.exit(0)
print("unreachable")
