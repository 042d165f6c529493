# More than 15 sub-exceptions: "and 1 more exception" (singular) under
# the last shown, at the sub-exceptions' margin.
raise ExceptionGroup("eg", [ValueError(i) for i in range(16)])
