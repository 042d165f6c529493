# __builtins__ is the module, not a dict.
__builtins__["open"]("/etc/passwd")
