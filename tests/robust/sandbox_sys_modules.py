# No module with file access is loaded behind the scenes.
import sys
dangerous = {"os", "posix", "io", "_io", "subprocess", "socket", "ctypes",
             "pathlib", "shutil", "importlib", "marshal", "_thread"}
print(sorted(dangerous & set(sys.modules)))
os = sys.modules["os"]
