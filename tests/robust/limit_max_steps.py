# An infinite loop under --max-steps stops with looplab's RuntimeError.
n = 0
while True:
    n += 1
