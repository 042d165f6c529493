# __import__ does not exist.
__import__("os").system("echo escaped")
