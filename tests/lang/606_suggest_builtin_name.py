# A misspelt builtin: the suggestion comes from the builtins.
prnt("x")
