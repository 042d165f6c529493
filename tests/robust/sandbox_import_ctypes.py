# ctypes cannot be imported.
import ctypes
ctypes.CDLL(None).system("echo escaped")
