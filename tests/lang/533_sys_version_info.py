import sys
print(sys.version_info, sys.version_info.major, sys.version_info >= (3, 11), type(sys.version_info))
print(sys.version_info[:2], len(sys.argv), sys.argv[1:])
