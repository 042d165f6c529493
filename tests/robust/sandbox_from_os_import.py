# from os import ... fails the same way.
from os import system
system("echo escaped")
