import sys
def main():
    print("main running")
    try:
        return 0
    finally:
        print("cleanup")
        sys.exit(main_code)
main_code = 2
main()
