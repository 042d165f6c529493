# os cannot be imported.
import os
os.system("echo escaped")
