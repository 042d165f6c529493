# eval does not exist.
eval("__import__(\"os\")")
